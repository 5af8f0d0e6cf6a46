//! `hotlines lines`, the `--disputed` filter, and what `show` says of a
//! disputed event.

use assert_cmd::prelude::*;

use crate::hotlines;

const DATA: &str = "tests/data/cli/events.json";

fn stdout_of(args: &[&str]) -> String {
    let out = hotlines()
        .env("COLUMNS", "100")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn lines_prints_the_board_a_date_per_status_by_country_pair() {
    // South Korea–China before South Korea–Japan. The navy line lists its
    // opening first; the opening is still its latest milestone by date, so
    // the line is open, and each status has its date in its column.
    assert_eq!(
        stdout_of(&["-f", DATA, "lines"]),
        "\
PARTIES            ENDPOINTS           STATUS  PROPOSED   AGREED      OPENED
South Korea–China  defense ministries  agreed             Jul 2013
South Korea–Japan  navies              opened  1990–1999  1 Mar 2014  3 Mar 2014
"
    );
}

#[test]
fn lines_as_csv_give_the_status_event_both_forms_of_its_date_and_each_status_date() {
    assert_eq!(
        stdout_of(&["-f", DATA, "lines", "--format", "csv"]),
        "\
id,name,parties,endpoints,status,status_event,status_date,status_display_date,milestones,summary,proposed,agreed,planned,opened,used,suspended,closed,expected,forecast
kr-cn-defense,Seoul-Beijing defense line,KR;CN,defense ministries,agreed,kr-cn-memorandum,2013-07,Jul 2013,1,Agreed in July 2013.,,2013-07,,,,,,,
kr-jp-navies,Seoul-Tokyo navy hotline,KR;JP,navies,opened,kr-jp-hotline-opens,2014-03-03,3 Mar 2014,3,\"Talked of in the 1990s, opened in March 2014.\",1990/1999,2014-03-01,,2014-03-03,,,,,
"
    );
}

#[test]
fn lines_as_json_keep_the_milestones_and_add_the_current_status_and_the_dates() {
    let out = stdout_of(&["-f", DATA, "lines", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let lines = v.as_array().unwrap();
    assert_eq!(lines.len(), 2);
    let navy = &lines[1];
    assert_eq!(navy["id"], "kr-jp-navies");
    assert_eq!(navy["milestones"].as_array().unwrap().len(), 3);
    assert_eq!(navy["milestones"][1]["status"], "proposed");
    assert_eq!(
        navy["current"],
        serde_json::json!({
            "status": "opened",
            "event": "kr-jp-hotline-opens",
            "date": "2014-03-03",
            "display_date": "3 Mar 2014",
        })
    );
    // The milestones in the events' order, each with its date.
    let statuses: Vec<&str> = navy["dated_milestones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["proposed", "agreed", "opened"]);
    assert_eq!(navy["dated_milestones"][0]["display_date"], "1990–1999");
    assert_eq!(navy["forecast"], serde_json::Value::Null);
    assert_eq!(lines[0]["current"]["status"], "agreed");
}

#[test]
fn the_embedded_seoul_beijing_forecast_of_h1_2015_was_missed() {
    let out = stdout_of(&["lines", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let line = v
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == "kr-cn-defense-ministries")
        .unwrap();
    assert_eq!(
        line["forecast"],
        serde_json::json!({
            "plan": "kr-cn-2015-h1-hotline-expected-to-open",
            "expected": "2015-01/2015-06",
            "display_expected": "H1 2015",
            "verdict": "missed",
            "outcome": "kr-cn-2015-12-31-hotline-opens",
        })
    );
    let table = hotlines()
        .env("COLUMNS", "200")
        .arg("lines")
        .output()
        .unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    let row = table
        .lines()
        .find(|l| l.starts_with("South Korea–China") && l.contains("defense ministries"))
        .unwrap();
    assert!(row.contains("c. 31 Jul 2012 +1"), "{row}");
    assert!(row.ends_with("H1 2015 · missed"), "{row}");
    // At 100 columns the dates fold into the latest, as the board's do.
    let folded = stdout_of(&["lines"]);
    let head: Vec<&str> = folded.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(head, ["PARTIES", "ENDPOINTS", "STATUS", "SINCE"]);
    assert!(folded.lines().all(|l| l.chars().count() <= 100), "{folded}");
    assert!(folded.contains("used      31 Dec 2015"), "{folded}");
}

#[test]
fn the_embedded_seoul_beijing_line_stands_at_its_first_call_of_31_dec_2015() {
    let out = stdout_of(&["lines", "--format", "csv"]);
    let row = out
        .lines()
        .find(|l| l.starts_with("kr-cn-defense-ministries,"))
        .expect("the Seoul-Beijing defense line");
    let fields: Vec<&str> = row.split(',').collect();
    // The opening and the first call (JoongAng: "opened an official hotline
    // on Thursday", the ministers' "first direct communication via the
    // hotline to mark the occasion") are both 31 Dec 2015; the call is
    // `after` the opening, so the line's latest milestone is its use.
    assert_eq!(
        &fields[4..8],
        [
            "used",
            "kr-cn-2015-12-31-first-hotline-call",
            "2015-12-31",
            "31 Dec 2015"
        ]
    );
}

#[test]
fn show_of_a_disputed_event_prints_every_reading() {
    let out = stdout_of(&["show", "kr-cn-2015-02-04-ministers-agree-hotline"]);
    let heading = out
        .find("Sources disagree: Did a Seoul-Beijing defense line exist in 2012?")
        .expect("the dispute");
    // Words as printed, without the wrapping and the quote bars.
    let words = |s: &str| -> String {
        let w: Vec<&str> = s.split_whitespace().filter(|w| *w != "│").collect();
        w.join(" ")
    };
    let rest = words(&out[heading..]);
    for needle in [
        "has installed a hotline after Russia and the United States.",
        "— The Korea Herald [koreaherald-2012-kr-cn]",
        "Reading: Read literally, a Seoul-Beijing defense hotline was already installed",
        "With the new agreement, Beijing would be the third country",
        "Reading: In February 2015 Seoul had military hotlines with Japan and the United",
    ] {
        assert!(rest.contains(needle), "{needle:?} not in\n{rest}");
    }
    assert!(words(&out).contains("line Seoul-Beijing defense ministries hotline · agreed"));
    // An event in no dispute says nothing of one.
    let out = stdout_of(&["show", "kr-ru-2021-11-11-navy-hotline-plan"]);
    assert!(!out.contains("Sources disagree"));
}

#[test]
fn disputed_keeps_only_the_events_of_a_dispute_in_list_and_export() {
    let out = stdout_of(&["list", "--disputed", "--format", "tsv"]);
    let ids: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert!(ids.contains(&"kr-cn-2015-12-31-hotline-opens"));
    assert!(ids.contains(&"kr-cn-by-2012-07-31-official-on-hotline"));
    assert!(!ids.contains(&"kr-ru-2021-11-11-navy-hotline-plan"));
    let all = stdout_of(&["list", "--format", "tsv"]).lines().count();
    assert!(ids.len() + 1 < all);
    // The fixture has no dispute: nothing matches, exit 1.
    let out = hotlines()
        .args(["-f", DATA, "list", "--disputed"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    // A filtered export keeps the disputes, naming only exported events,
    // and loads again.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("disputed.json");
    hotlines()
        .args(["export", "--format", "json", "--disputed", "-o"])
        .arg(&path)
        .assert()
        .success();
    hotlines().arg("validate").arg(&path).assert().success();
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let exported = v["events"].as_array().unwrap().len();
    assert_eq!(exported, ids.len());
    assert!(!v["disputes"].as_array().unwrap().is_empty());
}

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
fn lines_prints_each_lines_status_from_its_latest_milestone() {
    // The navy line lists its opening first; the opening is still its
    // latest milestone by date, so the line is open.
    assert_eq!(
        stdout_of(&["-f", DATA, "lines"]),
        "\
NAME                        PARTIES  ENDPOINTS           STATUS  SINCE       MILESTONES
Seoul-Tokyo navy hotline    KR–JP    navies              opened  3 Mar 2014  3
Seoul-Beijing defense line  KR–CN    defense ministries  agreed  Jul 2013    1
"
    );
}

#[test]
fn lines_as_csv_give_the_status_event_and_both_forms_of_its_date() {
    assert_eq!(
        stdout_of(&["-f", DATA, "lines", "--format", "csv"]),
        "\
id,name,parties,endpoints,status,status_event,status_date,status_display_date,milestones,summary
kr-jp-navies,Seoul-Tokyo navy hotline,KR;JP,navies,opened,kr-jp-hotline-opens,2014-03-03,3 Mar 2014,3,\"Talked of in the 1990s, opened in March 2014.\"
kr-cn-defense,Seoul-Beijing defense line,KR;CN,defense ministries,agreed,kr-cn-memorandum,2013-07,Jul 2013,1,Agreed in July 2013.
"
    );
}

#[test]
fn lines_as_json_keep_the_milestones_and_add_the_current_status() {
    let out = stdout_of(&["-f", DATA, "lines", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let lines = v.as_array().unwrap();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "kr-jp-navies");
    assert_eq!(lines[0]["milestones"].as_array().unwrap().len(), 3);
    assert_eq!(lines[0]["milestones"][1]["status"], "proposed");
    assert_eq!(
        lines[0]["current"],
        serde_json::json!({
            "status": "opened",
            "event": "kr-jp-hotline-opens",
            "date": "2014-03-03",
            "display_date": "3 Mar 2014",
        })
    );
    assert_eq!(lines[1]["current"]["status"], "agreed");
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

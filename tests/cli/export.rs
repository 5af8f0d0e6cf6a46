//! `hotlines export` and `hotlines import` through the binary, with round trips.

use std::path::Path;
use std::process::Command;

use assert_cmd::prelude::*;
use hotlines::model::Dataset;
use predicates::prelude::*;

const DATA: &str = "tests/data/cli/events.json";

/// The binary with a fixed clock, so calendars are the same every run.
fn hotlines() -> Command {
    let mut cmd = crate::hotlines();
    cmd.env("SOURCE_DATE_EPOCH", "1700000000");
    cmd
}

fn run(args: &[&str]) -> (String, String) {
    let out = hotlines().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn fixture() -> Dataset {
    Dataset::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(DATA)).unwrap()
}

#[test]
fn json_export_validates_and_loads_equal() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("nested/export.json");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let out_s = out.to_str().unwrap();
    run(&["-f", DATA, "export", "--format", "json", "-o", out_s]);
    // the sources were written beside it, so it loads on its own
    assert!(out.parent().unwrap().join("sources/ledger.txt").exists());
    hotlines()
        .args(["validate", out_s])
        .assert()
        .code(0)
        .stdout("checked 1 file: no problems\n");
    let again = Dataset::load(&out).unwrap();
    assert_eq!(again.to_json_value(), fixture().to_json_value());
    // a second export over the first finds identical sources and succeeds
    run(&["-f", DATA, "export", "--format", "json", "-o", out_s]);
    // the normalized text is stable: exporting the export changes nothing
    let first = std::fs::read_to_string(&out).unwrap();
    let (second, _) = run(&["-f", out_s, "export", "--format", "json"]);
    assert_eq!(first, second);
}

#[test]
fn json_export_of_the_embedded_dataset_stands_on_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("events.json");
    let out_s = out.to_str().unwrap();
    run(&["export", "--format", "json", "-o", out_s]);
    hotlines().args(["validate", out_s]).assert().code(0);
    let embedded = Dataset::embedded().unwrap();
    assert_eq!(
        Dataset::load(&out).unwrap().to_json_value(),
        embedded.to_json_value()
    );
}

#[test]
fn json_export_will_not_overwrite_a_different_source_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    std::fs::write(dir.path().join("sources/herald.txt"), "something else").unwrap();
    let out = dir.path().join("events.json");
    hotlines()
        .args(["-f", DATA, "export", "--format", "json", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not overwriting"));
    assert!(!out.exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("sources/herald.txt")).unwrap(),
        "something else"
    );
}

#[test]
fn an_unwritable_output_path_exits_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    // A path under a regular file cannot be created, whoever runs the test.
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "x").unwrap();
    for format in ["json", "csv", "tsv", "markdown", "timelinejs", "ics"] {
        let out = blocker.join(format!("export.{format}"));
        // JSON writes its sources beside the export first, and names the
        // first of them that cannot be written.
        let named = match format {
            "json" => blocker.join("sources/herald.txt"),
            _ => out.clone(),
        };
        hotlines()
            .args(["-f", DATA, "export", "--format", format, "-o"])
            .arg(&out)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "cannot write {}: ",
                named.display()
            )));
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_write_that_fails_midway_exits_2_naming_the_file() {
    // /dev/full opens, then refuses every write: the failure comes while the
    // export is being written, not when the file is created.
    hotlines()
        .args(["-f", DATA, "export", "--format", "csv", "-o", "/dev/full"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("cannot write /dev/full: "));
    assert!(Path::new("/dev/full").exists(), "a device is never removed");
}

#[test]
fn export_takes_the_filter_flags() {
    let (out, _) = run(&[
        "-f", DATA, "export", "--format", "json", "--party", "CN", "--from", "2013",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["kr-cn-memorandum", "kr-cn-training"]);
    assert_eq!(v["sources"].as_array().unwrap().len(), 2);
    let (out, _) = run(&[
        "-f",
        DATA,
        "export",
        "--format",
        "csv",
        "--basis",
        "derived",
        "--thread",
        "kr-jp-line",
        "--thread",
        "kr-cn-line",
        "--search",
        "spokesman",
    ]);
    let rows: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(rows, ["kr-jp-spokesman"]);
    hotlines()
        .args([
            "-f", DATA, "export", "--format", "csv", "--kind", "plan", "--party", "CN",
        ])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("no event matches"));
    hotlines()
        .args(["-f", DATA, "export"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--format"));
    hotlines()
        .args([
            "-f",
            DATA,
            "export",
            "--format",
            "csv",
            "-o",
            "/nonexistent-dir/x.csv",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot write /nonexistent-dir/x.csv",
        ));
}

#[test]
fn csv_export_parses_back_to_the_events() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("events.csv");
    run(&[
        "-f",
        DATA,
        "export",
        "--format",
        "csv",
        "-o",
        out.to_str().unwrap(),
    ]);
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let d = fixture();
    assert_eq!(rows.len(), d.events().len());
    for (row, e) in rows.iter().zip(d.events()) {
        assert_eq!(&row[col("id")], e.id);
        assert_eq!(&row[col("date")], e.date().to_string());
        assert_eq!(&row[col("kind")], e.kind.as_str());
        assert_eq!(&row[col("title")], e.title);
        assert_eq!(&row[col("summary")], e.summary);
        assert_eq!(
            row[col("parties")].split(';').collect::<Vec<_>>(),
            e.parties
        );
        let quotes: Vec<&str> = e.quotes.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(&row[col("quotes")], quotes.join("\n\n"));
        assert_eq!(&row[col("date_note")], e.date_note.as_deref().unwrap_or(""));
    }
}

#[test]
fn markdown_is_a_chronology_with_block_quotes_and_sources() {
    let (out, _) = run(&["-f", DATA, "export", "--format", "markdown"]);
    insta::assert_snapshot!("export_markdown", out);
    assert!(out.contains("\n## Sources\n"));
    assert!(out.contains("> Talks on a hotline had been held on and off since the 1990s.\n"));
}

/// What a date becomes after a trip through TimelineJS: itself, read back
/// from the slide's dates and its `display_date` (`c. Nov 2015`, `before 31
/// Jul 2012`), except that an unknown end (`2015/`) comes back open
/// (`2015/..`): both are shown "from 2015".
fn timelinejs_precision(edtf: &str) -> String {
    match edtf.strip_suffix('/') {
        Some(start) => format!("{start}/.."),
        None => edtf.to_string(),
    }
}

fn timelinejs_round_trip(source: Option<&str>) {
    let dir = tempfile::tempdir().unwrap();
    let tl = dir.path().join("timeline.json");
    let ours = dir.path().join("imported/events.json");
    let mut export = vec![
        "export",
        "--format",
        "timelinejs",
        "-o",
        tl.to_str().unwrap(),
    ];
    if let Some(f) = source {
        export.splice(0..0, ["-f", f]);
    }
    run(&export);
    let (_, notes) = run(&[
        "import",
        "timelinejs",
        tl.to_str().unwrap(),
        "-o",
        ours.to_str().unwrap(),
    ]);
    assert!(notes.contains("kind `background`"), "{notes}");
    assert!(notes.contains("HTML markup removed"), "{notes}");
    assert!(
        dir.path().join("imported/sources/events.txt").exists(),
        "{notes}"
    );
    hotlines()
        .args(["validate", ours.to_str().unwrap()])
        .assert()
        .code(0);

    let original = match source {
        Some(f) => Dataset::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(f)).unwrap(),
        None => Dataset::embedded().unwrap(),
    };
    let imported = Dataset::load(&ours).unwrap();
    assert_eq!(imported.events().len(), original.events().len());
    for e in original.events() {
        let back = imported
            .event(&e.id)
            .unwrap_or_else(|| panic!("{} lost", e.id));
        assert_eq!(back.title, e.title, "{}", e.id);
        assert_eq!(
            back.summary,
            e.summary.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        assert_eq!(
            back.date().to_string(),
            timelinejs_precision(&e.date().to_string()),
            "{}",
            e.id
        );
        let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let want: Vec<String> = e.quotes.iter().map(|q| fold(&q.text)).collect();
        let got: Vec<String> = back.quotes.iter().map(|q| q.text.to_string()).collect();
        assert_eq!(got, want, "{}", e.id);
        let thread = e.thread.as_deref().and_then(|t| original.thread(t));
        let back_thread = back.thread.as_deref().and_then(|t| imported.thread(t));
        assert_eq!(
            back_thread.map(|t| &t.title),
            thread.map(|t| &t.title),
            "{}",
            e.id
        );
    }
}

#[test]
fn timelinejs_export_then_import_gives_the_same_events_dates_and_quotes() {
    timelinejs_round_trip(Some(DATA));
}

#[test]
fn the_embedded_dataset_survives_the_timelinejs_round_trip() {
    timelinejs_round_trip(None);
}

#[test]
fn timelinejs_export_carries_dates_to_their_precision() {
    let (out, _) = run(&["-f", DATA, "export", "--format", "timelinejs"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["title"]["text"]["headline"], "Test hotlines");
    let slide = |id: &str| {
        v["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["unique_id"] == id)
            .unwrap()
            .clone()
    };
    let meeting = slide("kr-jp-busan-meeting");
    assert_eq!(
        meeting["start_date"],
        serde_json::json!({"year": 2014, "month": 3, "day": 1})
    );
    assert!(meeting.get("end_date").is_none());
    assert_eq!(meeting["display_date"], "1 Mar 2014");
    assert_eq!(meeting["group"], "The Seoul-Tokyo naval line");
    let text = meeting["text"]["text"].as_str().unwrap();
    assert!(text.contains(
        "<blockquote>Defense officials of both countries met in Busan on March 1 to agree the details.</blockquote>"
    ), "{text}");
    assert!(text.contains(
        "<cite>— The Harbour Herald, “Seoul and Tokyo open naval hotline”, 3 Mar 2014, by Kim Min-ji, \
         <a href=\"https://example.org/herald/2014/hotline\">https://example.org/herald/2014/hotline</a></cite>"
    ), "{text}");
    let training = slide("kr-cn-training");
    assert_eq!(
        training["start_date"],
        serde_json::json!({"year": 2015, "month": 1})
    );
    assert_eq!(
        training["end_date"],
        serde_json::json!({"year": 2015, "month": 6})
    );
    assert_eq!(training["display_date"], "H1 2015");
    let quote = slide("kr-jp-spokesman")["text"]["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(quote.contains("&quot;The line will be staffed"), "{quote}");
    let year = slide("cn-statement-2012");
    assert_eq!(year["start_date"], serde_json::json!({"year": 2012}));
}

#[test]
fn a_timelinejs_file_opens_like_a_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let tl = dir.path().join("timeline.json");
    run(&[
        "-f",
        DATA,
        "export",
        "--format",
        "timelinejs",
        "-o",
        tl.to_str().unwrap(),
    ]);
    let (list, _) = run(&["-f", tl.to_str().unwrap(), "list"]);
    assert_eq!(list.lines().count(), 9);
    assert!(list.contains("H1 2015     background  "), "{list}");
    let (piped, _) = run(&[tl.to_str().unwrap()]);
    assert_eq!(piped, list);
    let (show, _) = run(&["-f", tl.to_str().unwrap(), "show", "kr-cn-memorandum"]);
    assert!(
        show.contains("│ In July 2013 the defense ministers"),
        "{show}"
    );
}

#[test]
fn import_reports_what_is_lost_and_writes_to_stdout_without_o() {
    let dir = tempfile::tempdir().unwrap();
    let tl = dir.path().join("slides.json");
    std::fs::write(
        &tl,
        r##"{"title": {"text": {"headline": "Slides"}, "media": {"url": "cover.jpg"}},
            "events": [
              {"start_date": {"year": "1953", "month": "7", "day": "27", "hour": "10"},
               "text": {"headline": "Armistice <i>signed</i>",
                        "text": "<p>The fighting stopped. <a href=\"https://x\">More</a></p>"},
               "media": {"url": "https://example.org/photo.jpg"},
               "background": {"color": "#000"}}
            ],
            "eras": [{"start_date": {"year": 1950}, "end_date": {"year": 1953}}]}"##,
    )
    .unwrap();
    let out = hotlines()
        .args(["import", "timelinejs", tl.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    for lost in [
        "media: the images, video and embeds of 2 slides not carried over",
        "backgrounds: the backgrounds of 1 slide not carried over",
        "HTML markup removed from 1 slide",
        "1 link target dropped",
        "times: the times of day of 1 slide kept in their date notes",
        "eras: 1 era not carried over (our format has none): era 1 (1950–1953)",
        "ids: 1 slide had no unique_id; ids were made from headlines",
        "sources/slides.txt was not written",
    ] {
        assert!(stderr.contains(lost), "{lost}: {stderr}");
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "Slides");
    // TimelineJS's slug of the headline as written, markup and all, so that
    // its `#event-armistice-isigned-i` bookmarks keep working.
    assert_eq!(v["events"][0]["id"], "armistice-isigned-i");
    assert_eq!(v["events"][0]["title"], "Armistice signed");
    assert_eq!(v["events"][0]["date"], "1953-07-27");
    assert_eq!(
        v["events"][0]["date_note"],
        "TimelineJS gives the start time 10:00"
    );
    assert_eq!(
        v["events"][0]["quotes"][0]["text"],
        "The fighting stopped. More"
    );
    assert_eq!(v["sources"][0]["file"], "sources/slides.txt");
}

#[test]
fn import_refuses_what_it_cannot_read() {
    hotlines()
        .args(["import", "timelinejs", DATA])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a TimelineJS file"));
    hotlines()
        .args(["import", "timelinejs", "tests/data/cli/nope.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read"));
    hotlines().args(["import", "excel", DATA]).assert().code(2);
    let dir = tempfile::tempdir().unwrap();
    let tl = dir.path().join("t.json");
    std::fs::write(
        &tl,
        "{\"events\": [\n {\"start_date\": {\"year\": 123456789012}}]}",
    )
    .unwrap();
    hotlines()
        .args(["import", "timelinejs", tl.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            ":2:3: events[0].start_date: year 123456789012 is beyond",
        ));
}

/// A calendar property, unescaped.
fn prop(event: &icalendar::parser::Component<'_>, name: &str) -> String {
    event
        .find_prop(name)
        .unwrap_or_else(|| panic!("no {name}"))
        .val
        .clone()
        .unescape_text()
        .as_str()
        .to_string()
}

#[test]
fn ics_parses_and_holds_the_day_events() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("hotlines.ics");
    let (_, stderr) = run(&[
        "-f",
        DATA,
        "export",
        "--format",
        "ics",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        stderr,
        "ics: 5 of 8 events left out, as a calendar needs days: 1 dated to a month, \
         1 dated to a year, 2 dated to a span of months or years, 1 dated by an open interval\n"
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.lines().all(|l| l.len() <= 76),
        "a line is over 75 octets"
    );
    assert!(text.split("\r\n").all(|l| !l.contains('\n')));
    let unfolded = icalendar::parser::unfold(&text);
    let calendar = icalendar::parser::read_calendar(&unfolded).unwrap();
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    assert_eq!(events.len(), 3);
    let d = fixture();
    for (ev, id) in events.iter().zip([
        "kr-jp-busan-meeting",
        "kr-jp-hotline-opens",
        "kr-jp-spokesman",
    ]) {
        let e = d.event(id).unwrap();
        assert_eq!(prop(ev, "UID"), format!("{id}@hotlines"));
        assert_eq!(prop(ev, "SUMMARY"), e.title);
        assert_eq!(prop(ev, "DTSTAMP"), "20231114T221320Z");
        let start = e.date().earliest().unwrap();
        assert_eq!(prop(ev, "DTSTART"), start.format("%Y%m%d").to_string());
        let next = start.succ_opt().unwrap();
        assert_eq!(prop(ev, "DTEND"), next.format("%Y%m%d").to_string());
        let dtstart = ev.find_prop("DTSTART").unwrap();
        assert_eq!(dtstart.params[0].key.as_str(), "VALUE");
        let description = prop(ev, "DESCRIPTION");
        assert!(
            description.contains(&format!("“{}”", e.quotes[0].text)),
            "{description}"
        );
        assert!(description.contains(
            "— The Harbour Herald, “Seoul and Tokyo open naval hotline”, 3 Mar 2014, by Kim Min-ji"
        ));
    }
}

#[test]
fn ics_of_the_embedded_dataset_parses() {
    let (text, stderr) = run(&["export", "--format", "ics"]);
    assert!(stderr.starts_with("ics: "), "{stderr}");
    let unfolded = icalendar::parser::unfold(&text);
    let calendar = icalendar::parser::read_calendar(&unfolded).unwrap();
    let n = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .count();
    // Which events a calendar can hold, read from the raw file without the
    // program's date code: a full day (`2015-12-31`, `2015-12-31~`) or a
    // span of full days (`2015-07-06/2015-07-08`).
    let raw: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("assets/events.json").unwrap()).unwrap();
    let full_day = |s: &str| {
        let s = s.trim_end_matches(['~', '?', '%']);
        s.len() == 10
            && s.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            })
    };
    let mut expected: Vec<String> = raw["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["date"].as_str().unwrap().split('/').all(full_day))
        .map(|e| format!("{}@hotlines", e["id"].as_str().unwrap()))
        .collect();
    let mut uids: Vec<String> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .flat_map(|c| c.properties.iter())
        .filter(|p| p.name.as_str() == "UID")
        .map(|p| p.val.to_string())
        .collect();
    expected.sort();
    uids.sort();
    assert_eq!(uids, expected);
    assert_eq!(n, expected.len());
    assert!(n > 5);
}

//! TimelineJS files of the shapes real-world files take, one fixture each
//! (`tests/data/timelinejs/`): each imported, validated as it stands and
//! after import, and checked field by field.

use std::path::{Path, PathBuf};

use hotlines::model::Dataset;
use serde_json::Value;

use crate::hotlines;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/timelinejs")
        .join(name)
}

/// `hotlines import timelinejs FIXTURE -o DIR/NAME`: the dataset, the
/// generated source's text and the notes on stderr. The written dataset
/// validates.
fn import(name: &str) -> (Value, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(name);
    let run = hotlines()
        .args(["import", "timelinejs"])
        .arg(fixture(name))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let notes = String::from_utf8(run.stderr).unwrap();
    assert_eq!(run.status.code(), Some(0), "{name}: {notes}");
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let file = json["sources"][0]["file"].as_str().unwrap().to_string();
    let source = std::fs::read_to_string(dir.path().join(file)).unwrap();
    let validate = hotlines().arg("validate").arg(&out).output().unwrap();
    assert_eq!(
        validate.status.code(),
        Some(0),
        "{name} imported: {}",
        String::from_utf8_lossy(&validate.stdout)
    );
    (json, source, notes)
}

/// The events' `field`, in the file's order.
fn field(json: &Value, name: &str) -> Vec<Value> {
    json["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e[name].clone())
        .collect()
}

fn strings(json: &Value, name: &str) -> Vec<String> {
    field(json, name)
        .iter()
        .map(|v| v.as_str().unwrap_or("null").to_string())
        .collect()
}

#[test]
fn every_fixture_validates_as_it_stands() {
    let dir = fixture("");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && n != "problems.json")
        .collect();
    names.sort();
    assert!(names.len() >= 12, "{names:?}");
    for name in names {
        let out = hotlines()
            .arg("validate")
            .arg(fixture(&name))
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn a_title_slide_with_an_empty_year_is_the_title() {
    let (json, _, _) = import("title_empty_year.json");
    assert_eq!(json["title"], "Hotlines");
    assert_eq!(json["description"], "Lines between capitals.");
    assert_eq!(strings(&json, "date"), ["1963-08-30"]);
    assert_eq!(strings(&json, "id"), ["washington-moscow-line-opens"]);
}

#[test]
fn empty_end_dates_are_absent() {
    let (json, _, notes) = import("empty_end_date.json");
    assert_eq!(strings(&json, "date"), ["1971", "1984-07", "1999/2001"]);
    assert_eq!(
        field(&json, "date_note"),
        [Value::Null, Value::Null, Value::Null]
    );
    assert!(!notes.contains("display dates"), "{notes}");
}

#[test]
fn a_title_given_as_a_list_is_its_first_slide() {
    let (json, _, notes) = import("list_title.json");
    assert_eq!(json["title"], "Military hotlines");
    assert_eq!(json["description"], "A chronology.");
    assert!(
        notes.contains("title: given as a list of 2 slides; the first is the title"),
        "{notes}"
    );
    assert_eq!(strings(&json, "date"), ["2015-12-31"]);
}

#[test]
fn bce_long_and_decimal_years_become_edtf() {
    let (json, _, notes) = import("bce_and_long_years.json");
    assert_eq!(
        strings(&json, "date"),
        [
            "Y-13800000000",
            "-0300",
            "-0044-03-15",
            "2015-02",
            "Y170002"
        ]
    );
    assert!(!notes.contains("fractions"), "2015.0 is whole: {notes}");
    let d = Dataset::load(&fixture("bce_and_long_years.json")).unwrap();
    let shown: Vec<String> = d.events().iter().map(|e| e.date().display()).collect();
    assert_eq!(
        shown,
        [
            "13,800,000,000 BCE",
            "300 BCE",
            "15 Mar 44 BCE",
            "Feb 2015",
            "170,002"
        ]
    );
    let out = hotlines()
        .args(["-f"])
        .arg(fixture("bce_and_long_years.json"))
        .args(["list"])
        .output()
        .unwrap();
    let list = String::from_utf8(out.stdout).unwrap();
    for date in ["13,800,000,000 BCE", "300 BCE", "15 Mar 44 BCE", "170,002"] {
        assert!(list.contains(date), "{date} in {list}");
    }
}

#[test]
fn markdown_heads_bce_and_long_years_as_shown_and_ics_leaves_out_bce_days() {
    let export = |format: &str| {
        let out = hotlines()
            .args(["-f"])
            .arg(fixture("bce_and_long_years.json"))
            .args(["export", "--format", format])
            .output()
            .unwrap();
        assert!(out.status.success());
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (md, _) = export("markdown");
    let heads: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        heads,
        [
            "## 13,800,000,000 BCE",
            "## 300 BCE",
            "## 44 BCE",
            "## 2015",
            "## 170,002",
            "## Sources"
        ]
    );
    // 15 Mar 44 BCE is a day, but no calendar year of iCalendar's.
    let (ics, note) = export("ics");
    assert!(!ics.contains("BEGIN:VEVENT"), "{ics}");
    assert!(
        note.contains("1 on days outside the years 1 to 9998"),
        "{note}"
    );
}

#[test]
fn display_dates_say_how_certain_and_their_text_is_kept() {
    let (json, source, notes) = import("display_dates.json");
    assert_eq!(
        strings(&json, "date"),
        ["1677~", "1678/1680", "../1700", "1792-07", "1794-08-15"]
    );
    assert_eq!(
        strings(&json, "date_note"),
        [
            "TimelineJS shows the date as \"c. 1677\"",
            "TimelineJS shows the date as \"Between 1678-1680\"",
            "TimelineJS shows the date as \"before 1700\"",
            "TimelineJS shows the date as \"Summer 1792\"",
            // The display date is ours for the date: nothing to keep.
            "null",
        ]
    );
    assert!(
        notes.contains("display dates: those of 3 slides read as approximate"),
        "{notes}"
    );
    assert!(
        notes.contains("display dates: those of 4 slides kept as text in their date notes"),
        "{notes}"
    );
    // Readers of the source see what TimelineJS readers saw.
    assert!(source.contains("\nSummer 1792\n"), "{source}");
}

#[test]
fn times_of_day_are_kept_in_date_notes() {
    let (json, _, notes) = import("times.json");
    assert_eq!(strings(&json, "date"), ["1962-10-27", "1962-10-28"]);
    assert_eq!(
        strings(&json, "date_note"),
        ["TimelineJS gives the start time 14:30", "null"]
    );
    assert!(
        notes.contains("times: the times of day of 1 slide kept in their date notes"),
        "{notes}"
    );
}

#[test]
fn a_media_only_slide_is_its_caption_and_empty_media_is_not_counted() {
    let (json, _, notes) = import("media_only.json");
    assert_eq!(
        strings(&json, "title"),
        ["The teletype terminal in the Pentagon", "Empty media"]
    );
    assert_eq!(
        json["events"][0]["summary"],
        "The teletype terminal in the Pentagon"
    );
    assert_eq!(
        json["events"][0]["quotes"][0]["text"],
        "The teletype terminal in the Pentagon"
    );
    assert!(
        notes.contains("media: the images, video and embeds of 1 slide not carried over"),
        "{notes}"
    );
    assert!(!notes.contains("backgrounds"), "{notes}");
}

#[test]
fn blockquote_media_is_a_quote_with_its_attribution() {
    let (json, source, notes) = import("blockquote_media.json");
    let e = &json["events"][0];
    assert_eq!(e["summary"], "The two sides sign in Geneva.");
    assert_eq!(
        e["quotes"][0]["text"],
        "A direct communications link shall be established."
    );
    assert!(
        source.contains(
            "A direct communications link shall be established.\n— Memorandum of Understanding, 1963\n"
        ),
        "{source}"
    );
    assert!(!notes.contains("note: media:"), "{notes}");
}

#[test]
fn eras_are_named_in_the_notes_and_empty_ones_left_out() {
    let (_, _, notes) = import("eras.json");
    assert!(
        notes.contains(
            "eras: 2 eras not carried over (our format has none): \"Cold War\" (1947–1991), era 2 (1991–2000)"
        ),
        "{notes}"
    );
}

#[test]
fn repeated_texts_are_each_found_in_their_own_passage() {
    let (json, source, _) = import("repeated_texts.json");
    assert_eq!(
        strings(&json, "id"),
        ["test-call", "test-call-2", "test-call-3"]
    );
    let d = Dataset::load(&fixture("repeated_texts.json")).unwrap();
    let text = d.sources()[0].text();
    assert_eq!(text, source);
    for e in d.events() {
        let own = text.find(&format!("\n{}\n", e.id)).unwrap();
        let range = e.quotes[0].range();
        assert_eq!(&text[range.clone()], "The line was tested.");
        // The event's passage: after its own id line, before the next.
        let next = text[own + 1..]
            .find("\ntest-call")
            .map_or(text.len(), |n| own + 1 + n);
        assert!(
            own < range.start && range.end <= next,
            "{}: {range:?}",
            e.id
        );
    }
}

#[test]
fn slides_without_a_start_date_are_skipped_with_a_note() {
    let (json, _, notes) = import("no_start_date.json");
    assert_eq!(strings(&json, "title"), ["Dated"]);
    assert!(
        notes.contains(
            "2 slides without a start date (or with an empty one) skipped, as TimelineJS skips them: events[0], events[1]"
        ),
        "{notes}"
    );
}

#[test]
fn ids_follow_timelinejs_slugs_and_uniqueness() {
    let (json, _, notes) = import("ids.json");
    assert_eq!(
        strings(&json, "id"),
        [
            "hotline-2",
            "hotline-3",
            "1965-cafe-talks-geneva",
            "given-id",
            "kept-id"
        ]
    );
    assert_eq!(
        strings(&json, "timelinejs_id"),
        [
            "null",
            "null",
            "_1965-cafe-talks-geneva",
            "Given Id",
            "null"
        ]
    );
    assert!(notes.contains("ids: 3 slides had no unique_id"), "{notes}");
    assert!(
        notes.contains("ids: the TimelineJS ids of 2 slides are not"),
        "{notes}"
    );
}

#[test]
fn validate_reports_every_problem_of_a_timelinejs_file_located() {
    let out = hotlines()
        .arg("validate")
        .arg("tests/data/timelinejs/problems.json")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let located: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("tests/data/timelinejs/problems.json:"))
        .map(|l| l.split(": ").take(2).collect::<Vec<_>>())
        .map(|parts| parts.join(": "))
        .map(|s| Box::leak(s.into_boxed_str()) as &str)
        .collect();
    assert_eq!(
        located,
        [
            "2:34: title.text.headline",
            "4:6: events[0].start_date",
            "5:34: events[1].start_date.year",
            "6:36: events[2].end_date",
            "7:36: events[3].end_date",
        ],
        "{stdout}"
    );
    assert!(stdout.contains("month 13 is not a month"), "{stdout}");
    assert!(stdout.contains("5 problems in 1 file"), "{stdout}");
}

#[test]
fn bce_and_long_years_survive_our_json_and_a_timelinejs_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("deep.json");
    let run = |args: &[&str]| {
        let out = hotlines().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let path = |p: &Path| p.to_str().unwrap().to_string();
    let fixture = path(&fixture("bce_and_long_years.json"));
    run(&["import", "timelinejs", &fixture, "-o", &path(&deep)]);
    let dates = |file: &Path| {
        let d = Dataset::load(file).unwrap();
        d.events()
            .iter()
            .map(|e| e.date().to_string())
            .collect::<Vec<_>>()
    };
    let want = [
        "Y-13800000000",
        "-0300",
        "-0044-03-15",
        "2015-02",
        "Y170002",
    ];
    assert_eq!(dates(&deep), want);

    // Our own format: written twice, the same bytes.
    let once = dir.path().join("once.json");
    let twice = dir.path().join("twice.json");
    run(&[
        "-f",
        &path(&deep),
        "export",
        "--format",
        "json",
        "-o",
        &path(&once),
    ]);
    run(&[
        "-f",
        &path(&once),
        "export",
        "--format",
        "json",
        "-o",
        &path(&twice),
    ]);
    assert_eq!(dates(&once), want);
    assert_eq!(
        std::fs::read(&once).unwrap(),
        std::fs::read(&twice).unwrap()
    );

    // Through TimelineJS and back: the years as TimelineJS holds them.
    let tl = dir.path().join("deep.timeline.json");
    run(&[
        "-f",
        &path(&deep),
        "export",
        "--format",
        "timelinejs",
        "-o",
        &path(&tl),
    ]);
    let slides: Value = serde_json::from_str(&std::fs::read_to_string(&tl).unwrap()).unwrap();
    let years: Vec<Value> = slides["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["start_date"]["year"].clone())
        .collect();
    assert_eq!(
        years,
        [
            serde_json::json!(-13_800_000_000_i64),
            serde_json::json!(-300),
            serde_json::json!(-44),
            serde_json::json!(2015),
            serde_json::json!(170_002)
        ]
    );
    let back = dir.path().join("back.json");
    run(&["import", "timelinejs", &path(&tl), "-o", &path(&back)]);
    assert_eq!(dates(&back), want);
}

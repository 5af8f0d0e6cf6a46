//! `hotlines validate` through the binary, against the bad-dataset folder.

use assert_cmd::prelude::*;

use crate::hotlines;
use predicates::prelude::*;

/// The bad datasets, each beside a `.expected` file holding its exact report.
fn bad_cases() -> Vec<(String, String)> {
    let mut cases: Vec<(String, String)> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/bad"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|name| name.ends_with(".json"))
            .map(|name| {
                let expected = std::fs::read_to_string(format!(
                    "{}/tests/data/bad/{}",
                    env!("CARGO_MANIFEST_DIR"),
                    name.replace(".json", ".expected")
                ))
                .unwrap();
                (format!("tests/data/bad/{name}"), expected)
            })
            .collect();
    cases.sort();
    cases
}

#[test]
fn each_bad_dataset_is_reported_at_its_exact_place() {
    let cases = bad_cases();
    assert!(cases.len() >= 15, "only {} bad cases", cases.len());
    for (file, expected) in &cases {
        let out = hotlines().args(["validate", file]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{file}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        let (problems, summary) = stdout.trim_end().rsplit_once('\n').unwrap_or(("", &stdout));
        assert_eq!(problems, expected.trim_end(), "{file}");
        let n = expected.lines().count();
        let word = if n == 1 { "problem" } else { "problems" };
        assert_eq!(
            summary,
            format!("checked 1 file: {n} {word} in 1 file"),
            "{file}"
        );
        // every line has the form file:line:column: path: message
        for line in problems.lines() {
            let mut parts = line.splitn(4, ':');
            assert_eq!(parts.next(), Some(file.as_str()));
            assert!(parts.next().unwrap().parse::<usize>().is_ok(), "{line}");
            assert!(parts.next().unwrap().parse::<usize>().is_ok(), "{line}");
        }
    }
}

#[test]
fn every_problem_of_every_file_then_one_summary() {
    let out = hotlines()
        .args([
            "validate",
            "tests/data/bad/14-misquote.json",
            "tests/data/cli/events.json",
            "tests/data/bad/26-three-problems-in-one-pass.json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{stdout}");
    assert!(lines[0].starts_with("tests/data/bad/14-misquote.json:60:19: "));
    assert!(lines[1].starts_with("tests/data/bad/26-three-problems-in-one-pass.json:44:15: "));
    assert_eq!(lines[4], "checked 3 files: 4 problems in 2 files");
}

#[test]
fn a_clean_file_exits_0() {
    hotlines()
        .args([
            "validate",
            "tests/data/cli/events.json",
            "assets/events.json",
        ])
        .assert()
        .code(0)
        .stdout("checked 2 files: no problems\n");
}

#[test]
fn an_unreadable_file_exits_2_and_the_others_are_still_checked() {
    hotlines()
        .args([
            "validate",
            "tests/data/cli/nope.json",
            "tests/data/bad/14-misquote.json",
        ])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("14-misquote.json:60:19"))
        .stdout(predicate::str::ends_with(
            "checked 2 files: 1 problem in 1 file, 1 file was unreadable\n",
        ))
        .stderr(predicate::str::starts_with(
            "hotlines: cannot read tests/data/cli/nope.json: ",
        ));
    hotlines().arg("validate").assert().code(2);
}

#[test]
fn json_output_lists_files_and_problems() {
    let out = hotlines()
        .args([
            "validate",
            "--format",
            "json",
            "tests/data/bad/26-three-problems-in-one-pass.json",
            "tests/data/cli/events.json",
            "tests/data/cli/nope.json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files[0]["status"], "invalid");
    assert_eq!(files[0]["problems"], 3);
    assert_eq!(files[1]["status"], "ok");
    assert_eq!(files[2]["status"], "unreadable");
    assert!(files[2]["error"].as_str().unwrap().contains("No such file"));
    let p = &v["problems"][1];
    assert_eq!(
        p["file"],
        "tests/data/bad/26-three-problems-in-one-pass.json"
    );
    assert_eq!(p["line"], 76);
    assert_eq!(p["column"], 9);
    assert_eq!(p["path"], "events[1].people[0]");
    assert!(
        p["message"]
            .as_str()
            .unwrap()
            .contains("unknown person `nobody`")
    );
}

#[test]
fn a_timelinejs_file_is_validated_through_its_conversion() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.json");
    std::fs::write(
        &path,
        "{\"events\": [\n  {\"start_date\": {\"year\": 2015, \"month\": 2, \"day\": 30}}\n]}",
    )
    .unwrap();
    let file = path.to_str().unwrap();
    hotlines()
        .args(["validate", file])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(format!(
            "{file}:2:4: events[0].start_date: "
        )));
}

/// `hotlines validate` on a TimelineJS file holding `events`: its report.
fn timelinejs_report(events: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.json");
    std::fs::write(&path, format!("{{\"events\": [\n  {events}\n]}}")).unwrap();
    let out = hotlines().arg("validate").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{events}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let prefix = format!("{}:", path.display());
    stdout
        .lines()
        .next()
        .and_then(|l| l.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("{stdout}"))
        .to_string()
}

#[test]
fn broken_timelinejs_files_are_explained_in_the_formats_words() {
    let cases = [
        (
            r#"{"start_date": {"year": true}}"#,
            "2:30: events[0].start_date.year: `year` must be a number or a string of digits, not true",
        ),
        (
            r#"{"start_date": {"year": "nineteen"}}"#,
            r#"2:36: events[0].start_date.year: `year` must be a number or a string of digits, not "nineteen""#,
        ),
        (
            // TimelineJS reads a fraction in a number (cut off), never in a string.
            r#"{"start_date": {"year": "2015.5"}}"#,
            r#"2:34: events[0].start_date.year: `year` must be a number or a string of digits, not "2015.5""#,
        ),
        (
            r#"{"start_date": {"year": 2015, "month": [2]}}"#,
            "2:42: events[0].start_date.month: `month` must be a number or a string of digits, not a list",
        ),
        (
            r#"{"start_date": {"month": 2}}"#,
            "2:4: events[0].start_date: `start_date` needs `year`",
        ),
        (
            // An empty start date is none: the slide is skipped, and with it
            // the timeline's only event.
            r#"{"start_date": {"year": ""}}"#,
            "1:2: events: the timeline has no events with a `start_date`",
        ),
        (
            r#"{"start_date": {"year": 2015}, "text": "Talks"}"#,
            r#"2:48: events[0].text: `text` must be an object with `headline` and `text`, not "Talks""#,
        ),
        (
            r#"{"start_date": {"year": 2015}, "text": {"headline": 7}}"#,
            "2:55: events[0].text.headline: `headline` must be a string, not 7",
        ),
        (
            // The first slide makes it a TimelineJS file.
            r#"{"start_date": {"year": 2014}}, {"start_date": 2015}"#,
            "2:53: events[1].start_date: `start_date` must be an object with `year`, and `month` and `day` if known, not 2015",
        ),
        (
            r#"{"start_date": {"year": 2015}, "group": {"name": "Talks"}}"#,
            "2:42: events[0].group: `group` must be a string, not an object",
        ),
        (
            r#"{"start_date": {"year": 2014}}, {"start_date": []}"#,
            "2:49: events[1].start_date: `start_date` must be an object with `year`, and `month` and `day` if known, not a list",
        ),
    ];
    for (events, expected) in cases {
        let report = timelinejs_report(events);
        assert_eq!(report, expected, "{events}");
        for jargon in ["untagged", "TlText", "TlDate", "struct", "invalid type"] {
            assert!(!report.contains(jargon), "{jargon} in {report}");
        }
    }
}

/// Runs `hotlines validate` on `files` and reads its first line: that
/// line, whether validate was still running once it came, the rest of the
/// output and the exit code.
fn validate_first_line(files: &[&std::path::Path]) -> (String, bool, String, Option<i32>) {
    use std::io::{BufRead, BufReader, Read};
    let mut child = hotlines()
        .arg("validate")
        .args(files)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    let running = child.try_wait().unwrap().is_none();
    let mut rest = String::new();
    out.read_to_string(&mut rest).unwrap();
    (first, running, rest, child.wait().unwrap().code())
}

/// A file's problems are written as they are found: the first event's
/// comes out while the rest of a large file is still being checked.
#[test]
fn a_files_problems_come_out_while_it_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let file = hotlines::model::synthetic::write_folder(dir.path(), 100_000).unwrap();
    let mut json = std::fs::read_to_string(&file).unwrap();
    let basis = "\"date_basis\": \"derived\"";
    let last = json.rfind(basis).unwrap();
    json.replace_range(last..last + basis.len(), "\"date_basis\": \"guessed\"");
    let json = json.replacen(basis, "\"date_basis\": \"guessed\"", 1);
    std::fs::write(&file, json).unwrap();
    let (first, running, rest, code) = validate_first_line(&[&file]);
    assert!(
        first.starts_with(&format!("{}:9:", file.display()))
            && first.contains("events[0].date_basis"),
        "{first}"
    );
    // The line came while the rest of the file is still being read.
    assert!(running, "validate ended first");
    assert!(rest.contains("events[99999].date_basis"), "{rest}");
    assert!(
        rest.ends_with("checked 1 file: 2 problems in 1 file\n"),
        "{rest}"
    );
    assert_eq!(code, Some(1));
}

/// Each file's problems are written as soon as that file is checked: the
/// first file's come out while a large second file is still being checked.
#[test]
fn each_files_problems_come_out_before_the_next_file_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let big = hotlines::model::synthetic::write_folder(dir.path(), 150_000).unwrap();
    let misquote = std::path::Path::new("tests/data/bad/14-misquote.json");
    let (first, running, rest, code) = validate_first_line(&[misquote, &big]);
    assert!(
        first.starts_with("tests/data/bad/14-misquote.json:"),
        "{first}"
    );
    // The line came while the big file is still being read.
    assert!(running, "validate ended first");
    assert!(
        rest.ends_with("checked 2 files: 1 problem in 1 file\n"),
        "{rest}"
    );
    assert_eq!(code, Some(1));
}

//! A dataset, a file name or an argument may hold control characters: through
//! a pipe the machine formats keep them exactly (JSON escaped), and no message
//! on stderr lets one start a line of its own or reach the terminal.

use std::process::Output;

use assert_cmd::prelude::*;

use crate::hotlines;

const DATA: &str = "tests/data/cli/events.json";
const HOSTILE: &str = "tests/data/cli/hostile.json";
const HOSTILE_IDS: &str = "tests/data/cli/hostile-ids.json";

/// The text of the hostile event and its source, as the fixture has them.
const SUMMARY: &str = "Bell \u{7} and right-to-left \u{202e}override, \u{9b}31m C1, \u{7f} DEL, \u{2066}isolate\u{2069}.";
const URL: &str = "https://example.org/\u{1b}]52;c;cHduZWQ=\u{7}\u{9b}2J\u{202e}evil\u{7f}";

fn run(args: &[&str]) -> Output {
    hotlines().args(args).output().unwrap()
}

fn stdout_of(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[test]
fn csv_and_tsv_through_a_pipe_keep_the_data_byte_for_byte() {
    for command in [&["list"][..], &["export"]] {
        let mut args = vec!["-f", HOSTILE];
        args.extend_from_slice(command);
        args.extend(["--format", "csv"]);
        let csv_out = stdout_of(&args);
        let mut reader = csv::Reader::from_reader(csv_out.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let row = reader.records().next().unwrap().unwrap();
        let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
        assert_eq!(&row[col("summary")], SUMMARY);
        assert_eq!(&row[col("title")], "Clear \u{1b}[2J screen\tand\nnew line");

        *args.last_mut().unwrap() = "tsv";
        let tsv_out = stdout_of(&args);
        let fields: Vec<&str> = tsv_out.lines().nth(1).unwrap().split('\t').collect();
        assert_eq!(fields[col("summary")], SUMMARY);
        assert_eq!(
            fields[col("title")],
            "Clear \u{1b}[2J screen\\tand\\nnew line"
        );
    }
    let sources = stdout_of(&["-f", HOSTILE, "sources", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(sources.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    let url = headers.iter().position(|h| h == "url").unwrap();
    assert_eq!(&row[url], URL);
}

/// No character that a terminal obeys, other than the layout of lines.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

#[test]
fn json_escapes_what_a_terminal_obeys_and_parses_back_exact() {
    let list = stdout_of(&["-f", HOSTILE, "list", "--format", "json"]);
    assert_eq!(raw_controls(&list), [], "{list}");
    assert!(list.contains(r"\u202eoverride, \u009b31m C1, \u007f DEL, \u2066isolate\u2069."));
    let v: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(v[0]["summary"], SUMMARY);

    let show = stdout_of(&["-f", HOSTILE, "show", "escape", "--format", "json"]);
    assert_eq!(raw_controls(&show), [], "{show}");
    let v: serde_json::Value = serde_json::from_str(&show).unwrap();
    assert_eq!(v["summary"], SUMMARY);
    assert_eq!(v["quotes"][0]["attribution"]["url"], URL);

    let sources = stdout_of(&["-f", HOSTILE, "sources", "--format", "json"]);
    assert_eq!(raw_controls(&sources), [], "{sources}");
    let v: serde_json::Value = serde_json::from_str(&sources).unwrap();
    assert_eq!(v[0]["url"], URL);

    let export = stdout_of(&["-f", HOSTILE, "export", "--format", "json"]);
    assert_eq!(raw_controls(&export), [], "{export}");
    let v: serde_json::Value = serde_json::from_str(&export).unwrap();
    assert_eq!(v["events"][0]["summary"], SUMMARY);
    assert_eq!(v["sources"][0]["url"], URL);

    let timeline = stdout_of(&["-f", HOSTILE, "export", "--format", "timelinejs"]);
    assert_eq!(raw_controls(&timeline), [], "{timeline}");
    assert!(timeline.contains(r"\u202e"), "{timeline}");
}

#[test]
fn markdown_writes_no_control_from_a_url_even_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chronology.md");
    hotlines()
        .args(["-f", HOSTILE, "export", "--format", "markdown", "-o"])
        .arg(&path)
        .assert()
        .success();
    let md = std::fs::read_to_string(&path).unwrap();
    assert_eq!(raw_controls(&md), [], "{md}");
    assert!(
        // not a web address an autolink may hold: written as escaped text
        md.contains(", https://example.org/␛\\]52;c;cHduZWQ=␇\u{FFFD}2J\u{FFFD}evil␡ — quoted"),
        "{md}"
    );
}

#[test]
fn an_unknown_id_with_a_newline_is_named_on_one_line() {
    let out = run(&["-f", DATA, "show", "x\nforged.json:1:1: all good"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr_of(&out),
        "hotlines: no event `x␊forged.json:1:1: all good`; \
         `hotlines list --columns id,title` lists the ids\n"
    );
    let out = run(&["-f", DATA, "show", "kr-jp-spokesma\u{1b}[2J"]);
    assert_eq!(
        stderr_of(&out),
        "hotlines: no event `kr-jp-spokesma␛[2J`; did you mean: kr-jp-spokesman\n"
    );
}

#[test]
fn a_file_name_with_a_newline_stays_on_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let named = |name: &str| dir.path().join(name);
    let shown = |name: &str| format!("{}/{name}", dir.path().display());

    // unreadable: the message on stderr
    let missing = named("gone\nforged.json:1:1: all good.json");
    let out = hotlines().arg("validate").arg(&missing).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr_of(&out),
        format!(
            "hotlines: cannot read {}: No such file or directory (os error 2)\n",
            shown("gone␊forged.json:1:1: all good.json")
        )
    );

    // invalid: each problem one line, on stdout for validate, stderr otherwise
    let empty = named("empty\n\u{1b}[2J.json");
    std::fs::write(&empty, "").unwrap();
    let problem = format!(
        "{}:1:1: $: the file ends where a value should be",
        shown("empty␊␛[2J.json")
    );
    let out = hotlines().arg("validate").arg(&empty).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("{problem}\nchecked 1 file: 1 problem in 1 file\n")
    );
    let out = hotlines()
        .arg("-f")
        .arg(&empty)
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr_of(&out), format!("hotlines: {problem}\n1 problem\n"));

    // an output file that cannot be written
    let out = hotlines()
        .args(["-f", DATA, "export", "--format", "csv", "-o"])
        .arg(named("no\ndir/out.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(
        err.starts_with(&format!(
            "hotlines: cannot write {}: ",
            shown("no␊dir/out.csv")
        )),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn ids_and_references_with_controls_are_reported_one_per_line() {
    let out = run(&["-f", HOSTILE_IDS, "list"]);
    assert_eq!(out.status.code(), Some(1));
    let id = "x␊events.json:1:1: all good␛[2J";
    let expected = [
        format!(
            "hotlines: {HOSTILE_IDS}:22:13: events[0].id: id `{id}` must be lowercase letters, digits and hyphens"
        ),
        format!(
            "{HOSTILE_IDS}:31:13: events[1].id: id `{id}` must be lowercase letters, digits and hyphens"
        ),
        format!("{HOSTILE_IDS}:31:13: events[1].id: duplicate id `{id}` (first used by events[0])"),
        format!(
            "{HOSTILE_IDS}:37:17: events[1].thread: event `{id}`: unknown thread `t␊␛]0;pwned␇` (not in `threads`)"
        ),
        format!(
            "{HOSTILE_IDS}:38:29: events[1].quotes[0].source: event `{id}`: unknown source `nowhere\u{FFFD}2J` (not in `sources`)"
        ),
        "5 problems".to_string(),
    ];
    assert_eq!(stderr_of(&out), expected.join("\n") + "\n");
}

#[test]
fn filter_values_and_arguments_with_controls_stay_on_their_line() {
    let out = run(&[
        "-f",
        DATA,
        "list",
        "--thread",
        "x\nforged: all good\u{1b}[2J",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(
        err.starts_with("hotlines: unknown thread `x␊forged: all good␛[2J`; the dataset has "),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");

    // a value clap itself refuses
    let out = run(&["-f", DATA, "list", "--kind", "x\nforged: all good\u{9b}2J"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(
        err.starts_with(
            "error: invalid value 'x␊forged: all good\u{FFFD}2J' for '--kind <KIND>'\n"
        ),
        "{err}"
    );
    assert!(!err.lines().any(|l| l.starts_with("forged")), "{err}");
    assert_eq!(raw_controls(&err), [], "{err}");
}

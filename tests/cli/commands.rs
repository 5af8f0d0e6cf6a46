//! The command line through the real binary: list, show, sources, browse,
//! completions, help, exit codes, sanitizing and closed pipes.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use assert_cmd::prelude::*;

use crate::hotlines;
use predicates::prelude::*;

const DATA: &str = "tests/data/cli/events.json";
const HOSTILE: &str = "tests/data/cli/hostile.json";

fn stdout_of(args: &[&str]) -> String {
    let out = hotlines().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The ids in the first column of a TSV listing.
fn tsv_ids(args: &[&str]) -> Vec<String> {
    let mut all = vec!["-f", DATA, "list", "--format", "tsv"];
    all.extend_from_slice(args);
    stdout_of(&all)
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

#[test]
fn list_prints_a_table_in_date_order() {
    let out = stdout_of(&["-f", DATA, "list"]);
    insta::assert_snapshot!("list_table", out);
}

#[test]
fn the_table_fits_narrow_terminals_by_display_width() {
    let out = hotlines()
        .args(["-f", DATA, "list"])
        .env("COLUMNS", "50")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for line in text.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 50,
            "too wide: {line:?}"
        );
    }
    // the CJK title is measured by columns (each syllable takes two)
    assert!(text.contains("KR–CN    서울-베이징 memo…\n"), "{text}");
    insta::assert_snapshot!("list_table_50", text);
}

#[test]
fn the_file_may_come_first_or_with_the_flag_anywhere() {
    let a = stdout_of(&["-f", DATA, "list"]);
    let b = stdout_of(&["list", "--file", DATA]);
    let c = stdout_of(&[DATA]); // stdout is a pipe: the table, not the TUI
    assert_eq!(a, b);
    assert_eq!(a, c);
    hotlines()
        .args([DATA, "-f", DATA])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not both"));
}

#[test]
fn kinds_are_any_of_parties_all_of() {
    assert_eq!(
        tsv_ids(&["--kind", "meeting", "--kind", "opening"]),
        ["kr-jp-busan-meeting", "kr-jp-hotline-opens"]
    );
    assert_eq!(
        tsv_ids(&["--party", "KR", "--party", "CN"]),
        ["cn-statement-2012", "kr-cn-memorandum", "kr-cn-training"]
    );
    // lower case is accepted
    assert_eq!(tsv_ids(&["--party", "cn"]).len(), 3);
}

#[test]
fn from_and_to_compare_the_possible_days() {
    // 1990/1999 ends before 2012; `2014/..` is open, so it reaches 2015.
    assert_eq!(
        tsv_ids(&["--from", "2014-03-02"]),
        [
            "kr-jp-video-link",
            "kr-jp-hotline-opens",
            "kr-jp-spokesman",
            "kr-cn-training"
        ]
    );
    // Jul 2013 starts on or before the last day of 2013
    assert_eq!(
        tsv_ids(&["--to", "2013"]),
        ["kr-jp-talks-1990s", "cn-statement-2012", "kr-cn-memorandum"]
    );
    assert_eq!(
        tsv_ids(&["--from", "2015-06", "--to", "2015-06-30"]),
        ["kr-jp-video-link", "kr-cn-training"]
    );
}

#[test]
fn thread_and_search_filter() {
    assert_eq!(
        tsv_ids(&["--thread", "kr-cn-line"]),
        ["cn-statement-2012", "kr-cn-memorandum", "kr-cn-training"]
    );
    // the search reaches quotes: "Busan" is in a quote and a place
    assert_eq!(tsv_ids(&["--search", "busan"]), ["kr-jp-busan-meeting"]);
    assert_eq!(
        tsv_ids(&["--search", "around the clock"]),
        ["kr-jp-spokesman"]
    );
}

#[test]
fn repeated_threads_are_any_of() {
    let cn = tsv_ids(&["--thread", "kr-cn-line"]);
    let jp = tsv_ids(&["--thread", "kr-jp-line"]);
    assert_eq!(jp.len(), 5);
    let both = tsv_ids(&["--thread", "kr-jp-line", "--thread", "kr-cn-line"]);
    assert_eq!(both.len(), cn.len() + jp.len());
    assert_eq!(both, tsv_ids(&[]), "every event, in date order");
    hotlines()
        .args([
            "-f",
            DATA,
            "list",
            "--thread",
            "kr-cn-line",
            "--thread",
            "nope",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown thread `nope`"));
}

#[test]
fn basis_filter_is_repeatable() {
    assert_eq!(
        tsv_ids(&["--basis", "derived"]),
        ["kr-jp-hotline-opens", "kr-jp-spokesman"]
    );
    assert_eq!(tsv_ids(&["--basis", "stated"]).len(), 6);
    assert_eq!(
        tsv_ids(&["--basis", "stated", "--basis", "derived"]),
        tsv_ids(&[])
    );
    // With other flags, all of them: no derived event in the KR-CN thread.
    hotlines()
        .args([
            "-f",
            DATA,
            "list",
            "--basis",
            "derived",
            "--thread",
            "kr-cn-line",
        ])
        .assert()
        .code(1);
    hotlines()
        .args(["-f", DATA, "list", "--basis", "external"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no event matches"));
    hotlines()
        .args(["-f", DATA, "list", "--basis", "guessed"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("possible values"));
}

#[test]
fn search_uses_smart_case() {
    assert_eq!(tsv_ids(&["--search", "Busan"]), ["kr-jp-busan-meeting"]);
    // A capital makes the search exact: no event says "BUSAN".
    hotlines()
        .args(["-f", DATA, "list", "--search", "BUSAN"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no event matches"));
    // --help says so.
    hotlines()
        .args(["list", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Smart case"));
}

#[test]
fn search_finds_people_by_name_and_alias_like_the_timeline() {
    const SMALL: &str = "tests/data/small/events.json";
    let ids = |query: &str| -> Vec<String> {
        stdout_of(&["-f", SMALL, "list", "--format", "tsv", "--search", query])
            .lines()
            .skip(1)
            .map(|l| l.split('\t').next().unwrap().to_string())
            .collect()
    };
    // Han Min-goo is spelled Han Min-koo in one article; open-2015 names
    // him only through its people.
    assert_eq!(ids("Min-koo"), ["call-2015", "open-2015"]);
    assert_eq!(ids("min-koo"), ["call-2015", "open-2015"]);
    assert_eq!(ids("Han Min-goo"), ["call-2015", "open-2015"]);
    hotlines()
        .args(["-f", SMALL, "list", "--search", "MIN-KOO"])
        .assert()
        .code(1);
    // open-2015 is found through its people, not through its own text.
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(SMALL).unwrap()).unwrap();
    let open_2015 = data["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "open-2015")
        .unwrap();
    assert_eq!(open_2015["people"][0], "han-min-goo");
    let own_text = open_2015.to_string().to_lowercase();
    assert!(!own_text.contains("min-koo") && !own_text.contains("han min"));
}

#[test]
fn no_match_exits_1_and_unknown_values_exit_2() {
    hotlines()
        .args(["-f", DATA, "list", "--kind", "meeting", "--party", "CN"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("no event matches"));
    hotlines()
        .args(["-f", DATA, "list", "--party", "RU"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown party `RU`; the dataset knows CN, JP, KR",
        ));
    hotlines()
        .args(["-f", DATA, "list", "--thread", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown thread `nope`"));
    hotlines()
        .args(["-f", DATA, "list", "--from", "2015-02-30"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2015-02-30"));
    hotlines()
        .args(["-f", DATA, "list", "--kind", "war"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("possible values"));
    hotlines()
        .args(["-f", "tests/data/cli/missing.json", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read tests/data/cli/missing.json",
        ));
}

#[test]
fn an_invalid_dataset_is_reported_with_its_problems_and_exits_1() {
    hotlines()
        .args(["-f", "tests/data/bad/14-misquote.json", "list"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "tests/data/bad/14-misquote.json:60:19: events[0].quotes[0].text",
        ));
}

#[test]
fn list_json_is_our_event_format_in_full() {
    let out = stdout_of(&[
        "-f",
        DATA,
        "list",
        "--format",
        "json",
        "--kind",
        "agreement",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let events = v.as_array().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["id"], "kr-cn-memorandum");
    assert_eq!(events[0]["date"], "2013-07");
    assert_eq!(events[0]["quotes"].as_array().unwrap().len(), 2);
    assert_eq!(
        events[0]["title"],
        "서울-베이징 memorandum on a defense hotline signed"
    );
}

#[test]
fn csv_and_tsv_keep_every_field() {
    let csv_out = stdout_of(&["-f", DATA, "list", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_out.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "id");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 8);
    let memo = rows.iter().find(|r| &r[0] == "kr-cn-memorandum").unwrap();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert_eq!(&memo[col("quote_sources")], "ledger;ledger");
    assert_eq!(
        &memo[col("quotes")],
        "In July 2013 the defense ministers of South Korea and China signed a memorandum on a hotline.\n\nThe agreement covered a line between the two defense ministries."
    );
    assert_eq!(&memo[col("display_date")], "Jul 2013");

    // TSV: one line per record, the quote separator escaped
    let tsv = stdout_of(&["-f", DATA, "list", "--format", "tsv"]);
    assert_eq!(tsv.lines().count(), 9);
    assert!(tsv.contains("hotline.\\n\\nThe agreement"));
    assert!(tsv.lines().all(|l| l.split('\t').count() == headers.len()));
    // exact data, unsanitized, in machine formats
    let hostile = stdout_of(&["-f", HOSTILE, "list", "--format", "csv"]);
    assert!(hostile.contains("Clear \u{1b}[2J screen\tand\nnew line"));
    let hostile = stdout_of(&["-f", HOSTILE, "list", "--format", "tsv"]);
    assert!(hostile.contains("Clear \u{1b}[2J screen\\tand\\nnew line"));
}

#[test]
fn text_for_people_is_sanitized() {
    let table = stdout_of(&["-f", HOSTILE, "list"]);
    assert!(!table.contains('\u{1b}'), "{table}");
    assert!(table.contains("Clear ␛[2J screen␉and␊new line"), "{table}");
    let show = stdout_of(&["-f", HOSTILE, "show", "escape"]);
    assert!(
        !show.chars().any(|c| c.is_control() && c != '\n'),
        "{show:?}"
    );
    assert!(show.contains("Bell ␇"), "{show}");
    assert!(show.contains("The Harbour ␛]0;pwned␇Herald"), "{show}");
    let sources = stdout_of(&["-f", HOSTILE, "sources"]);
    assert!(!sources.contains('\u{1b}'));
    let md = stdout_of(&["-f", HOSTILE, "export", "--format", "markdown"]);
    assert!(!md.contains('\u{1b}') && !md.contains('\u{7}'), "{md}");
}

#[test]
fn show_prints_one_event_with_its_quotes_and_their_sources() {
    let out = stdout_of(&["-f", DATA, "show", "kr-cn-memorandum"]);
    insta::assert_snapshot!("show_text", out);
    let out = stdout_of(&["-f", DATA, "show", "kr-jp-spokesman"]);
    assert!(
        out.contains("thread   The Seoul-Tokyo naval line (5 of 5)"),
        "{out}"
    );
    assert!(out.contains("people   Ministry spokesman"), "{out}");
    assert!(out.contains("Date note: \"said Tuesday\""), "{out}");
    assert!(
        out.contains("https://example.org/herald/2014/hotline"),
        "{out}"
    );
}

#[test]
fn show_json_carries_the_attribution() {
    let out = stdout_of(&["-f", DATA, "show", "kr-jp-spokesman", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["id"], "kr-jp-spokesman");
    assert_eq!(v["display_date"], "4 Mar 2014");
    let q = &v["quotes"][0];
    assert_eq!(
        q["text"],
        "\"The line will be staffed around the clock,\" a ministry spokesman said Tuesday."
    );
    assert_eq!(q["attribution"]["publisher"], "The Harbour Herald");
    assert_eq!(q["attribution"]["published"], "2014-03-03");
    assert_eq!(q["attribution"]["byline"], "Kim Min-ji");
}

#[test]
fn show_of_an_unknown_id_exits_1_with_the_closest_ids() {
    hotlines()
        .args(["-f", DATA, "show", "kr-jp-spoksman"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "hotlines: no event `kr-jp-spoksman`; did you mean: kr-jp-spokesman",
        ));
    hotlines()
        .args(["-f", DATA, "show", "memorandum"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean: kr-cn-memorandum"));
    hotlines()
        .args(["-f", DATA, "show", "zzzzzz"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("lists the ids"));
}

#[test]
fn sources_lists_documents_and_how_many_events_quote_each() {
    let out = stdout_of(&["-f", DATA, "sources"]);
    insta::assert_snapshot!("sources_table", out);
    let json = stdout_of(&["-f", DATA, "sources", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["id"], "herald-2014");
    assert_eq!(v[0]["events"], 5);
    assert_eq!(v[1]["events"], 3);
    assert_eq!(v[1]["quotes"], 4);
    let csv_out = stdout_of(&["-f", DATA, "sources", "--format", "csv"]);
    assert!(csv_out.starts_with("id,events,quotes,published"));
}

#[test]
fn the_embedded_dataset_is_used_without_a_file() {
    let out = stdout_of(&["list", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v.as_array().unwrap().len() > 20);
    let piped = stdout_of(&[]);
    assert_eq!(piped, stdout_of(&["list"]));
}

#[test]
fn completions_are_generated_for_each_shell() {
    let bash = stdout_of(&["completions", "bash"]);
    assert!(bash.contains("hotlines") && bash.contains("validate"));
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let out = stdout_of(&["completions", shell]);
        assert!(out.contains("export"), "{shell}");
    }
    hotlines().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn help_shows_examples_and_exit_codes() {
    let top = stdout_of(&["--help"]);
    assert!(top.contains("Exit codes:"));
    assert!(top.contains("2  usage error"));
    for cmd in [
        "list",
        "show",
        "validate",
        "export",
        "import",
        "sources",
        "completions",
    ] {
        let help = stdout_of(&[cmd, "--help"]);
        assert!(help.contains("Examples:"), "{cmd} --help has no examples");
        assert!(help.contains(&format!("hotlines {cmd}")), "{cmd}");
    }
    let version = stdout_of(&["--version"]);
    assert_eq!(version, format!("hotlines {}\n", env!("CARGO_PKG_VERSION")));
    hotlines().arg("frobnicate").assert().code(2);
    hotlines().args(["show"]).assert().code(2);
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // Enough events that the output cannot fit in a pipe buffer.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    std::fs::write(dir.path().join("sources/s.txt"), "A line was opened.").unwrap();
    let events: Vec<serde_json::Value> = (0..4000)
        .map(|i| {
            serde_json::json!({
                "id": format!("event-{i:05}"),
                "title": format!("Event number {i} with a longish title to fill the table"),
                "summary": "s", "kind": "opening", "date": "2015-01-01",
                "date_basis": "stated", "quotes": [{"source": "s", "text": "A line was opened."}]
            })
        })
        .collect();
    let data = serde_json::json!({
        "title": "big", "description": "d", "countries": {},
        "sources": [{"id": "s", "file": "sources/s.txt", "publisher": "P", "headline": "H",
                     "published": null, "published_basis": null, "byline": null,
                     "url": null, "note": null}],
        "people": [], "threads": [], "events": events
    });
    let path = dir.path().join("big.json");
    std::fs::write(&path, data.to_string()).unwrap();

    // Every streamed output, closed after its first line: far more than a
    // pipe buffer is still to be written.
    let runs: Vec<[&str; 3]> = ["table", "json", "csv", "tsv"]
        .map(|f| ["list", "--format", f])
        .into_iter()
        .chain(
            ["json", "csv", "tsv", "markdown", "timelinejs", "ics"]
                .map(|f| ["export", "--format", f]),
        )
        .collect();
    for run in runs {
        let format = run.join(" ");
        let mut child = hotlines()
            .args(["-f", path.to_str().unwrap()])
            .args(run)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        {
            let mut reader = BufReader::new(child.stdout.take().unwrap());
            reader.read_line(&mut first).unwrap();
        } // the reader is dropped: the pipe is closed
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!first.is_empty());
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        assert_eq!(stderr, "", "{format}");
        assert_eq!(out.status.code(), Some(0), "{format}");
    }
}

#[test]
fn watch_without_a_file_a_terminal_or_with_a_command_is_a_usage_error() {
    hotlines()
        .arg("--watch")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--watch needs a dataset file (the built-in dataset never changes)",
        ));
    // Here stdout is a pipe, not a terminal.
    hotlines()
        .args([DATA, "--watch"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--watch needs a terminal"));
    hotlines()
        .args(["-f", DATA, "--watch", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--watch is for the interactive timeline, not `list`",
        ));
    hotlines().args(["list", "--watch"]).assert().code(2);
}

#[test]
fn list_to_a_pipe_cuts_no_title_and_a_width_fits_every_line() {
    // The built-in dataset: no COLUMNS, stdout a pipe.
    let out = hotlines()
        .env_remove("COLUMNS")
        .arg("list")
        .output()
        .unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(!table.contains('…'), "nothing is cut:\n{table}");
    let json = stdout_of(&["list", "--format", "json"]);
    let events: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let rows: Vec<&str> = table.lines().skip(1).collect();
    assert_eq!(rows.len(), events.len());
    for (row, e) in rows.iter().zip(&events) {
        let title = e["title"].as_str().unwrap();
        assert!(row.ends_with(title), "{row:?} ends with {title:?}");
    }
    assert!(
        rows.iter().any(|r| r.chars().count() > 100),
        "some row is wider than the old 100 columns"
    );
    // Asked for a width (as a terminal gives one), every line fits it.
    for width in ["100", "60", "30"] {
        let out = hotlines()
            .env("COLUMNS", width)
            .arg("list")
            .output()
            .unwrap();
        let n: usize = width.parse().unwrap();
        for line in String::from_utf8(out.stdout).unwrap().lines() {
            assert!(line.chars().count() <= n, "{line:?} wider than {n}");
        }
    }
}

#[test]
fn list_columns_picks_the_table_columns_in_order() {
    let ids = tsv_ids(&[]);
    let out = stdout_of(&["-f", DATA, "list", "--columns", "id"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "ID");
    assert_eq!(
        lines[1..],
        ids.iter().map(String::as_str).collect::<Vec<_>>()
    );
    let out = stdout_of(&[
        "-f",
        DATA,
        "list",
        "--columns",
        "id,parties,date",
        "--kind",
        "agreement",
    ]);
    assert_eq!(
        out,
        "ID                PARTIES  DATE\nkr-cn-memorandum  KR–CN    Jul 2013\n"
    );
    hotlines()
        .args(["-f", DATA, "list", "--columns", "id,color"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'color'"));
}

/// The ids `show` suggests for an unknown id.
fn suggested(id: &str) -> Vec<String> {
    let out = hotlines().args(["-f", DATA, "show", id]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    let Some((_, ids)) = err.trim_end().split_once("did you mean: ") else {
        return Vec::new();
    };
    ids.split(", ").map(String::from).collect()
}

#[test]
fn show_suggests_ids_by_prefix_then_substring_then_edits() {
    // Every id that starts with the text, in order, at most five.
    assert_eq!(
        suggested("kr-jp"),
        [
            "kr-jp-busan-meeting",
            "kr-jp-hotline-opens",
            "kr-jp-spokesman",
            "kr-jp-talks-1990s",
            "kr-jp-video-link"
        ]
    );
    assert_eq!(suggested("KR-CN"), ["kr-cn-memorandum", "kr-cn-training"]);
    // Those that start with it before those that contain it.
    assert_eq!(
        suggested("cn"),
        ["cn-statement-2012", "kr-cn-memorandum", "kr-cn-training"]
    );
    assert_eq!(suggested("video"), ["kr-jp-video-link"]);
    // A typo: a few edits away, the nearest first; far ones are not named.
    assert_eq!(suggested("kr-jp-spoksman"), ["kr-jp-spokesman"]);
    assert_eq!(suggested("kr-cn-trainign"), ["kr-cn-training"]);
    assert_eq!(suggested("nothing-like-it"), Vec::<String>::new());
}

/// The CLI fixture in a fresh folder, its sources given in `sources`.
fn fixture_with_sources(sources: serde_json::Value) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cli");
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    for f in ["sources/herald.txt", "sources/ledger.txt"] {
        std::fs::copy(from.join(f), dir.path().join(f)).unwrap();
    }
    let mut data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(from.join("events.json")).unwrap()).unwrap();
    data["sources"] = sources;
    std::fs::write(dir.path().join("events.json"), data.to_string()).unwrap();
    dir
}

#[test]
fn sources_are_listed_in_date_order_undated_last() {
    let original: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/cli/events.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let herald = original["sources"][0].clone();
    let mut ledger = original["sources"][1].clone();
    let ids = |dir: &tempfile::TempDir, format: &str| -> Vec<String> {
        let file = dir.path().join("events.json");
        let out = stdout_of(&["-f", file.to_str().unwrap(), "sources", "--format", format]);
        match format {
            "json" => serde_json::from_str::<Vec<serde_json::Value>>(&out)
                .unwrap()
                .iter()
                .map(|s| s["id"].as_str().unwrap().to_string())
                .collect(),
            _ => out
                .lines()
                .skip(1)
                .map(|l| l.split([',', ' ']).next().unwrap().to_string())
                .collect(),
        }
    };
    // Undated first in the file, listed last.
    let dir = fixture_with_sources(serde_json::json!([ledger.clone(), herald.clone()]));
    for format in ["table", "csv", "json"] {
        assert_eq!(ids(&dir, format), ["herald-2014", "ledger"], "{format}");
    }
    // Dated later than the other, first in the file: listed after it.
    ledger["published"] = "2015-01".into();
    ledger["published_basis"] = "stated".into();
    let dir = fixture_with_sources(serde_json::json!([ledger, herald]));
    for format in ["table", "csv", "json"] {
        assert_eq!(ids(&dir, format), ["herald-2014", "ledger"], "{format}");
    }
}

#[test]
fn sources_help_describes_sources_not_events() {
    let help = stdout_of(&["sources", "--help"]);
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(!help.contains("events in our format"), "{help}");
    assert!(help.contains("an array of the sources"), "{help}");
    assert!(help.contains("date order"), "{help}");
    let list_help = stdout_of(&["list", "--help"]);
    assert!(list_help.contains("--columns"), "{list_help}");
}

/// Commands leave the dataset they loaded for the OS to free at exit (a
/// large one would otherwise hold up the exit): their output is still
/// written whole, and their exit codes are kept.
#[test]
fn commands_write_all_their_output_and_keep_their_exit_codes() {
    use hotlines::model::synthetic;
    let dir = tempfile::tempdir().unwrap();
    let file = synthetic::write_folder(dir.path(), 3000).unwrap();
    let file = file.to_str().unwrap();
    let out = hotlines()
        .args(["-f", file, "list", "--format", "tsv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let ids = stdout.lines().filter(|l| l.starts_with("event-")).count();
    assert_eq!(ids, 3000, "every event written");
    assert!(stdout.ends_with('\n'));
    // Without a terminal, `hotlines FILE` prints the table, whole.
    let out = hotlines().arg(file).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        table.matches("Generated event number").count(),
        3000,
        "every event is in the table"
    );
    // An unknown id is still exit 1, with its message.
    let out = hotlines()
        .args(["-f", file, "show", "no-such-event"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!out.stderr.is_empty());
    // A misquote fails every command before any output, as before.
    let out = hotlines()
        .args(["-f", "tests/data/bad/14-misquote.json", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("14-misquote.json:60:19"));
}

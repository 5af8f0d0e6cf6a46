//! The binary with a terminal on stdout (a pseudo-terminal): the table fits the
//! terminal's width and text stays sanitized.

use std::io::Read;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// Runs hotlines in a pseudo-terminal `cols` wide and returns what it printed.
fn run_in_pty(args: &[&str], cols: u16) -> String {
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows: 40,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_hotlines"));
    cmd.args(args);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env_remove("COLUMNS");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    // read while the child runs, so it never blocks on a full terminal buffer
    let reading = std::thread::spawn(move || {
        let mut out = Vec::new();
        // the pty reports EIO once the child is gone and the output is drained
        let _ = reader.read_to_end(&mut out);
        out
    });
    let status = child.wait().unwrap();
    assert!(status.success(), "{args:?} failed in the terminal");
    drop(pair.master);
    let out = reading.join().unwrap();
    String::from_utf8_lossy(&out).replace("\r\n", "\n")
}

#[test]
fn list_fits_the_terminal_width() {
    let out = run_in_pty(&["-f", "tests/data/cli/events.json", "list"], 60);
    let lines: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 9, "{out}");
    for line in &lines {
        assert!(
            unicode_width::UnicodeWidthStr::width(*line) <= 60,
            "wider than the terminal: {line:?}"
        );
    }
    assert!(lines[6].ends_with('…'), "{out}");
}

#[test]
fn a_narrow_terminal_shrinks_the_widest_columns_to_fit() {
    // At 30 columns the date, kind and parties alone took 33 before.
    for (args, cols) in [
        (&["-f", "tests/data/cli/events.json", "list"][..], 30),
        (
            &[
                "-f",
                "tests/data/cli/events.json",
                "list",
                "--columns",
                "id,date,kind,parties,title",
            ][..],
            60,
        ),
        (&["-f", "tests/data/cli/events.json", "sources"][..], 40),
    ] {
        let out = run_in_pty(args, cols);
        let lines: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
        assert!(lines.len() >= 3, "{out}");
        for line in &lines {
            assert!(
                unicode_width::UnicodeWidthStr::width(*line) <= cols as usize,
                "wider than {cols}: {line:?}"
            );
        }
    }
}

#[test]
fn text_on_a_terminal_is_sanitized() {
    let out = run_in_pty(
        &["-f", "tests/data/cli/hostile.json", "show", "escape"],
        100,
    );
    assert!(!out.contains('\u{1b}'), "{out:?}");
    assert!(out.contains("Clear ␛[2J screen"), "{out}");
}

/// Characters of the data that a terminal would obey, other than the layout
/// of lines: C0/C1 controls, DEL, BiDi overrides and isolates.
fn obeyed(out: &str) -> Vec<char> {
    out.chars()
        .filter(|&c| {
            (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

#[test]
fn markdown_export_on_a_terminal_shows_the_url_instead_of_obeying_it() {
    let out = run_in_pty(
        &[
            "-f",
            "tests/data/cli/hostile.json",
            "export",
            "--format",
            "markdown",
        ],
        100,
    );
    assert_eq!(obeyed(&out), [], "{out:?}");
    assert!(
        // not a web address an autolink may hold: written as escaped text
        out.contains(", https://example.org/␛\\]52;c;cHduZWQ=␇\u{FFFD}2J\u{FFFD}evil␡ — quoted"),
        "{out}"
    );
}

#[test]
fn csv_list_on_a_terminal_shows_placeholders() {
    let out = run_in_pty(
        &[
            "-f",
            "tests/data/cli/hostile.json",
            "list",
            "--format",
            "csv",
        ],
        100,
    );
    assert_eq!(obeyed(&out), [], "{out:?}");
    assert!(
        out.contains("\"Clear ␛[2J screen\tand\nnew line\""),
        "{out}"
    );
    assert!(
        out.contains("Bell ␇ and right-to-left \u{FFFD}override, \u{FFFD}31m C1, ␡ DEL"),
        "{out}"
    );
}

#[test]
fn no_format_passes_the_data_raw_to_a_terminal() {
    let formats: [&[&str]; 16] = [
        &["list"],
        &["list", "--format", "csv"],
        &["list", "--format", "tsv"],
        &["list", "--format", "json"],
        &["show", "escape"],
        &["show", "escape", "--format", "json"],
        &["export", "--format", "json"],
        &["export", "--format", "csv"],
        &["export", "--format", "tsv"],
        &["export", "--format", "markdown"],
        &["export", "--format", "timelinejs"],
        &["export", "--format", "ics"],
        &["sources"],
        &["sources", "--format", "csv"],
        &["sources", "--format", "tsv"],
        &["sources", "--format", "json"],
    ];
    for args in formats {
        let mut all = vec!["-f", "tests/data/cli/hostile.json"];
        all.extend_from_slice(args);
        let out = run_in_pty(&all, 100);
        assert_eq!(obeyed(&out), [], "{args:?}: {out:?}");
        assert!(out.lines().count() > 1, "{args:?} printed nothing: {out:?}");
    }
}

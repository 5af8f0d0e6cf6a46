//! docs/cli.md shows real runs of the program: every ```console block starting
//! with `$ hotlines ...` is run here and must print what the document shows.
//! Run with `UPDATE_DOCS=1` to rewrite the blocks from the real output.
//!
//! A block may end its command with `| head -n N` to show the first N lines.
//! Standard error follows standard output; a failing command ends with
//! `[exit status N]`.

use std::process::Command;

const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/cli.md");

/// Runs one documented command line and renders what it prints.
fn run(command: &str) -> String {
    let (command, head) = match command.split_once(" | head -n ") {
        Some((c, n)) => (c, Some(n.trim().parse::<usize>().unwrap())),
        None => (command, None),
    };
    let args = split_args(command.strip_prefix("hotlines").unwrap());
    let out = Command::new(env!("CARGO_BIN_EXE_hotlines"))
        .args(&args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("COLUMNS", "100")
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    let mut text = String::from_utf8(out.stdout).unwrap();
    if let Some(n) = head {
        text = text.lines().take(n).map(|l| format!("{l}\n")).collect();
    }
    text.push_str(&String::from_utf8(out.stderr).unwrap());
    if !out.status.success() {
        text.push_str(&format!(
            "[exit status {}]\n",
            out.status.code().unwrap_or(-1)
        ));
    }
    text.replace("\r\n", "\n")
}

/// Splits on spaces, keeping "double-quoted words" together.
fn split_args(s: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in s.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    args.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            c => {
                cur.push(c);
                any = true;
            }
        }
    }
    if any {
        args.push(cur);
    }
    args
}

/// The document with every console block's output replaced by a real run.
fn regenerate(doc: &str) -> (String, usize) {
    let mut out = String::new();
    let mut rest = doc;
    let mut blocks = 0;
    while let Some(start) = rest.find("```console\n$ hotlines") {
        let body_start = start + "```console\n".len();
        out.push_str(&rest[..body_start]);
        let after = &rest[body_start..];
        let line_end = after.find('\n').unwrap();
        let command = &after[2..line_end];
        let close = after.find("\n```").unwrap();
        out.push_str(&after[..=line_end]);
        out.push_str(&run(command));
        rest = &after[close + 1..];
        blocks += 1;
    }
    out.push_str(rest);
    (out, blocks)
}

/// Checks (or, under `UPDATE_DOCS`, rewrites) the console examples of a
/// document; returns how many there are.
fn check_examples(path: &str) -> usize {
    let doc = std::fs::read_to_string(path).unwrap();
    let (fresh, blocks) = regenerate(&doc);
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &fresh).unwrap();
        return blocks;
    }
    if fresh != doc {
        let first = doc
            .lines()
            .zip(fresh.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "{path} differs from the real output from line {} on \
             (run UPDATE_DOCS=1 cargo test --test cli):\n  doc:  {:?}\n  real: {:?}",
            first + 1,
            doc.lines().nth(first),
            fresh.lines().nth(first)
        );
    }
    blocks
}

/// Empties the folder a document's examples write into (under `target/`),
/// so that what an earlier run wrote there cannot change what they print.
fn fresh_output_folder(name: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join(name);
    match std::fs::remove_dir_all(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => panic!("cannot empty {}: {e}", dir.display()),
    }
}

#[test]
fn the_examples_in_docs_cli_md_are_real_output() {
    fresh_output_folder("cli-docs");
    let blocks = check_examples(DOC);
    assert!(blocks >= 12, "only {blocks} examples");
}

#[test]
fn the_examples_in_the_readme_are_real_output() {
    fresh_output_folder("readme");
    let blocks = check_examples(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
    assert!(blocks >= 7, "only {blocks} examples");
}

#[test]
fn every_command_is_documented() {
    let doc = std::fs::read_to_string(DOC).unwrap();
    for cmd in [
        "list",
        "show",
        "validate",
        "export",
        "import timelinejs",
        "sources",
        "completions",
    ] {
        assert!(
            doc.contains(&format!("## `hotlines {cmd}")),
            "no section for {cmd}"
        );
        assert!(
            doc.contains(&format!("$ hotlines -f tests/data/cli/events.json {cmd}"))
                || doc.contains(&format!("$ hotlines {cmd}")),
            "no example of {cmd}"
        );
    }
    for format in ["json", "csv", "markdown", "timelinejs", "ics"] {
        assert!(
            doc.contains(&format!("--format {format}")),
            "no example of export --format {format}"
        );
    }
}

#[test]
fn args_split_like_a_shell_for_simple_quoting() {
    assert_eq!(
        split_args(" list --search \"around the clock\" -f x.json"),
        ["list", "--search", "around the clock", "-f", "x.json"]
    );
}

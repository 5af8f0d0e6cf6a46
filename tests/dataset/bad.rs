//! Every file in tests/data/bad/ fails to load with exactly the problems in
//! its `.expected` file: `file:line:column: path: message`, one per line.
//!
//! To regenerate after a deliberate change of wording, run with
//! `HOTLINES_BLESS=1` and read the diff before committing.

use std::path::{Path, PathBuf};

use hotlines::model::{Dataset, LoadError};

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir("tests/data/bad")
        .expect("tests/data/bad exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    cases.sort();
    cases
}

fn report(path: &Path) -> String {
    match Dataset::load(path) {
        Ok(_) => panic!("{} loaded, but it is a bad dataset", path.display()),
        Err(e @ LoadError::Io { .. }) => panic!("{}: unexpected I/O error {e}", path.display()),
        Err(LoadError::Invalid(problems)) => problems
            .iter()
            .map(|p| format!("{p}\n"))
            .collect::<String>(),
    }
}

#[test]
fn there_are_at_least_fifteen_bad_datasets() {
    assert!(cases().len() >= 15, "only {} cases", cases().len());
}

#[test]
fn each_bad_dataset_reports_exactly_its_expected_problems() {
    let bless = std::env::var_os("HOTLINES_BLESS").is_some();
    let mut failures = Vec::new();
    for case in cases() {
        let got = report(&case);
        let expected_path = case.with_extension("expected");
        if bless {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("missing {}", expected_path.display()));
        if got != expected {
            failures.push(format!(
                "{}:\n--- expected\n{expected}--- got\n{got}",
                case.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_good_fixture_loads_and_sorts_by_date() {
    let d = Dataset::load(Path::new("tests/data/good/events.json")).unwrap();
    let ids: Vec<&str> = d.events().iter().map(|e| e.id.as_str()).collect();
    // `../2012-07-31` anchors at its known end, and what may have happened
    // before a day sorts before that day.
    assert_eq!(
        ids,
        [
            "kr-cn-2012-07-official-comment",
            "kr-cn-2012-07-31-announcement"
        ]
    );
    assert_eq!(d.thread_position(1), Some((2, 2)));
}

#[test]
fn a_missing_dataset_file_is_an_io_error_naming_the_file() {
    let err = Dataset::load(Path::new("tests/data/no-such-file.json")).unwrap_err();
    match err {
        LoadError::Io { file, message } => {
            assert_eq!(file, "tests/data/no-such-file.json");
            assert!(message.contains("No such file"), "{message}");
        }
        other => panic!("expected an I/O error, got {other:?}"),
    }
}

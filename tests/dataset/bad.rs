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

/// `validate` checks without keeping (`model::check` lets each event go
/// once checked): on every bad dataset it reports exactly what a load
/// reports, and on good ones it counts the events a load keeps.
#[test]
fn checking_without_keeping_reports_what_a_load_reports() {
    for case in cases() {
        let loaded = Dataset::load(&case).map(|d| d.events().len());
        let checked = hotlines::model::check(&case);
        assert!(loaded.is_err(), "{} is a bad dataset", case.display());
        assert_eq!(checked, loaded, "{}", case.display());
    }
    for file in [
        "tests/data/good/events.json",
        "tests/data/small/events.json",
        "assets/events.json",
    ] {
        let path = Path::new(file);
        let loaded = Dataset::load(path).unwrap();
        assert_eq!(
            hotlines::model::check(path),
            Ok(loaded.events().len()),
            "{file}"
        );
    }
}

/// The timeline shows a file before its quotes are located, and checks
/// them on a worker ([`Dataset::load_unchecked`], `QuoteCheck::run`): on
/// every bad dataset, the problems it ends with are exactly those
/// `validate` reports (the `.expected` file), whether they come from the
/// background check (a file whose only problems are its events' quotes)
/// or from the full check made before the timeline starts (any other).
#[test]
fn the_background_quote_check_reports_what_validate_reports() {
    let mut in_background = Vec::new();
    for case in cases() {
        let expected = std::fs::read_to_string(case.with_extension("expected")).unwrap();
        let got = match Dataset::load_unchecked(&case) {
            Ok((data, Some(check))) => {
                in_background.push(case.file_name().unwrap().to_owned());
                assert!(!data.quotes_located());
                let total = data.quote_total();
                let mut calls = Vec::new();
                let located = check.run(&data, &mut |done, all| calls.push((done, all)));
                assert_eq!(calls.first(), Some(&(0, total)), "{}", case.display());
                assert_eq!(calls.last(), Some(&(total, total)), "{}", case.display());
                data.set_located(&located);
                assert!(data.quotes_located());
                located.problems
            }
            Ok((_, None)) => panic!("{} loaded, but it is a bad dataset", case.display()),
            Err(LoadError::Invalid(problems)) => problems,
            Err(e) => panic!("{}: unexpected I/O error {e}", case.display()),
        };
        let got: String = got.iter().map(|p| format!("{p}\n")).collect();
        assert_eq!(got, expected, "{}", case.display());
    }
    // The misquotes are found in the background; the misquoted dispute
    // reading is checked up front (a dispute's readings are few).
    assert!(
        in_background.len() >= 2,
        "too few quote-only cases: {in_background:?}"
    );
    assert!(
        in_background.iter().any(|n| n == "14-misquote.json"),
        "{in_background:?}"
    );
}

/// On good files the background check finds every quote where the full
/// load does.
#[test]
fn the_background_quote_check_locates_quotes_as_the_full_load_does() {
    for file in [
        "tests/data/good/events.json",
        "tests/data/small/events.json",
    ] {
        let path = Path::new(file);
        let strict = Dataset::load(path).unwrap();
        let (data, check) = Dataset::load_unchecked(path).unwrap();
        let located = check.unwrap().run(&data, &mut |_, _| {});
        assert!(located.problems.is_empty(), "{:?}", located.problems);
        data.set_located(&located);
        let ranges = |d: &Dataset| -> Vec<Vec<std::ops::Range<usize>>> {
            d.events()
                .iter()
                .map(|e| e.quotes.iter().map(|q| q.range()).collect())
                .collect()
        };
        assert_eq!(ranges(&data), ranges(&strict), "{file}");
        assert!(ranges(&data).iter().flatten().all(|r| !r.is_empty()));
    }
}

/// Events keep no copy of their strings: each one the file writes without
/// escapes points into the dataset's text, which the dataset keeps; one
/// with escapes is unescaped into a string of its own.
#[test]
fn event_strings_point_into_the_dataset_text() {
    let d = Dataset::load(Path::new("tests/data/small/events.json")).unwrap();
    let text = d.text();
    let inside = |s: &str| {
        let start = text.as_ptr() as usize;
        (start..start + text.len()).contains(&(s.as_ptr() as usize))
    };
    let mut borrowed = 0;
    for e in d.events() {
        for s in [&e.id, &e.title, &e.summary]
            .into_iter()
            .chain(&e.parties)
            .chain(e.quotes.iter().map(|q| &q.text))
        {
            assert_eq!(s.is_borrowed(), inside(s), "{s}");
            borrowed += usize::from(s.is_borrowed());
        }
    }
    assert!(borrowed > 20, "{borrowed}");
    // A title written with an escape is its own string, unescaped.
    let json = std::fs::read_to_string("tests/data/small/events.json").unwrap();
    let at = json.find("\"events\"").unwrap();
    let escaped = format!(
        "{}{}",
        &json[..at],
        json[at..].replacen("\"title\": \"", "\"title\": \"\\u0041 ", 1)
    );
    assert_ne!(escaped, json);
    let dir = tempfile::tempdir().unwrap();
    let sources = dir.path().join("sources");
    std::fs::create_dir(&sources).unwrap();
    for f in std::fs::read_dir("tests/data/small/sources").unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, sources.join(f.file_name().unwrap())).unwrap();
    }
    let path = dir.path().join("events.json");
    std::fs::write(&path, escaped).unwrap();
    let d = Dataset::load(&path).unwrap();
    let e = d
        .events()
        .iter()
        .find(|e| e.title.starts_with("A "))
        .unwrap();
    assert!(!e.title.is_borrowed());
    assert!(e.summary.is_borrowed());
}

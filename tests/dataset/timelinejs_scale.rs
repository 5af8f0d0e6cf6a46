//! A TimelineJS file of a few megabytes imports and loads in linear time.

use std::fmt::Write;
use std::time::{Duration, Instant};

use hotlines::model::Dataset;
use hotlines::model::timelinejs;

/// A TimelineJS file of `n` slides, each with a paragraph, a quote and a
/// citation, about 400 bytes of text each.
fn big_timeline(n: usize) -> String {
    let mut out = String::from("{\"title\": {\"text\": {\"headline\": \"Big\"}}, \"events\": [\n");
    for i in 0..n {
        let _ = write!(
            out,
            r#"{{"start_date": {{"year": {year}, "month": {month}}}, "group": "Group {g}", "text": {{"headline": "Slide {i} about the hotline", "text": "<p>On this day number {i} the ministers met again and talked at length about the line.</p><blockquote>We will keep line {i} open, said the minister, whatever comes, day and night.</blockquote><p><cite>Paper {i}</cite></p>"}}}}{comma}"#,
            year = 1950 + i % 70,
            month = 1 + i % 12,
            g = i % 50,
            comma = if i + 1 == n { "\n" } else { ",\n" },
        );
    }
    out.push_str("]}\n");
    out
}

/// Debug builds are slow, and the machine may be busy (this binary runs
/// the mutation test beside it): the bound is generous (each step takes
/// about a second alone), but well below the twenty-odd seconds a quadratic
/// import of this size takes.
const BOUND: Duration = Duration::from_secs(10);

#[test]
fn a_timelinejs_file_of_megabytes_imports_and_loads_quickly() {
    let text = big_timeline(6_000);
    assert!(text.len() > 2_000_000, "{} bytes", text.len());
    let start = Instant::now();
    let imported = timelinejs::import(&text, "big.json").unwrap();
    let import_time = start.elapsed();
    assert!(imported.source_text.len() > 1_000_000);
    assert!(import_time < BOUND, "import took {import_time:?}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    std::fs::write(&path, &text).unwrap();
    let start = Instant::now();
    let opened = Dataset::load(&path).unwrap();
    let open_time = start.elapsed();
    assert_eq!(opened.events().len(), 6_000);
    assert!(
        open_time < BOUND,
        "opening the TimelineJS file took {open_time:?}"
    );

    // The converted dataset, written with its source, loads as quickly, and
    // every quote points at its own slide's words.
    let ours = dir.path().join("ours.json");
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    std::fs::write(
        dir.path().join(&imported.source_file),
        &imported.source_text,
    )
    .unwrap();
    std::fs::write(&ours, imported.dataset_json()).unwrap();
    let start = Instant::now();
    let loaded = Dataset::load(&ours).unwrap();
    let load_time = start.elapsed();
    assert!(load_time < BOUND, "loading the import took {load_time:?}");
    let source = &loaded.sources()[0].text();
    for e in loaded.events() {
        let q = &e.quotes[0];
        assert_eq!(&source[q.range()], q.text);
        let n = e.title.split(' ').nth(1).unwrap();
        assert!(q.text.contains(&format!("line {n} open")), "{}", q.text);
    }
}

//! Generated datasets of any size, for benchmarks and scale tests.
//!
//! The events are valid (every quote is in the source) and varied: all
//! kinds, several parties and threads, and every date precision.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use super::{Dataset, LoadError, Origin};

/// The one source text every generated event quotes from.
pub const SOURCE_TEXT: &str = "South Korea and China have agreed to set up a military hotline between the two defense ministries.\n\
The deal was reached Wednesday during a meeting in Seoul between the two defense ministers.\n\
The hotline is expected to open as early as the first half of this year.\n\
South Korea and Russia agreed Thursday to establish direct bilateral military hotlines.\n\
China and Japan have agreed to establish a communications hotline between defense ministries.\n";

const KINDS: [&str; 6] = [
    "meeting",
    "agreement",
    "opening",
    "statement",
    "plan",
    "background",
];
const PARTIES: [&str; 5] = [
    "\"KR\", \"CN\"",
    "\"KR\", \"RU\"",
    "\"CN\", \"JP\"",
    "\"KR\"",
    "\"KP\", \"CN\"",
];

/// The JSON text of a dataset with `n` events quoting `sources/synthetic.txt`.
pub fn dataset_json(n: usize) -> String {
    let quotes: Vec<&str> = SOURCE_TEXT.lines().collect();
    let mut out = String::with_capacity(600 + n * 700);
    out.push_str(
        r#"{
  "title": "Synthetic hotlines",
  "description": "Generated for benchmarks.",
  "countries": {"KR": "South Korea", "CN": "China", "JP": "Japan", "RU": "Russia", "KP": "North Korea"},
  "sources": [{"id": "synthetic", "file": "sources/synthetic.txt", "publisher": "Generator", "headline": "Generated source", "published": "2021", "published_basis": "stated", "byline": null, "url": null, "note": null}],
  "people": [{"id": "han-min-goo", "name": "Han Min-goo", "aliases": ["Han Min-koo"], "roles": ["Defense Minister"]}],
  "threads": [{"id": "t0", "title": "Thread 0", "summary": "Even events."}, {"id": "t1", "title": "Thread 1", "summary": "Every third event."}],
  "events": [
"#,
    );
    for i in 0..n {
        let year = 1950 + (i * 7919 % 75);
        let month = 1 + i % 12;
        let day = 1 + i % 28;
        let date = match i % 6 {
            0 => format!("{year:04}-{month:02}-{day:02}"),
            1 => format!("{year:04}-{month:02}"),
            2 => format!("{year:04}"),
            3 => format!("{year:04}/{:04}", year + 1),
            4 => format!("../{year:04}-{month:02}-{day:02}"),
            _ => format!("{year:04}-{month:02}~"),
        };
        let thread = match i % 6 {
            0 | 2 | 4 => "\"t0\"",
            3 => "\"t1\"",
            _ => "null",
        };
        let people = if i % 4 == 0 { "\"han-min-goo\"" } else { "" };
        let quote = quotes[i % quotes.len()];
        let _ = writeln!(
            out,
            r#"    {{"id": "event-{i:07}", "title": "Generated event number {i} about a defense hotline", "summary": "A generated summary for event {i}, long enough to wrap in a details pane of an ordinary terminal width.", "kind": "{kind}", "date": "{date}", "date_basis": "derived", "date_note": "Generated.", "parties": [{parties}], "people": [{people}], "place": "Seoul", "thread": {thread}, "tags": ["hotline"], "quotes": [{{"source": "synthetic", "text": "{quote}"}}]}}{comma}"#,
            kind = KINDS[i % KINDS.len()],
            parties = PARTIES[i % PARTIES.len()],
            comma = if i + 1 == n { "" } else { "," },
        );
    }
    out.push_str("  ]\n}\n");
    out
}

/// Writes a dataset of `n` generated events (`events.json`) and its source
/// (`sources/synthetic.txt`) into the folder `dir`, made if missing; gives
/// the dataset file's path.
pub fn write_folder(dir: &Path, n: usize) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir.join("sources"))?;
    std::fs::write(dir.join("sources/synthetic.txt"), SOURCE_TEXT)?;
    let file = dir.join("events.json");
    std::fs::write(&file, dataset_json(n))?;
    Ok(file)
}

/// A loaded dataset of `n` generated events.
pub fn dataset(n: usize) -> Result<Dataset, LoadError> {
    let json = dataset_json(n);
    let read = |_: &str| Ok(SOURCE_TEXT.to_string());
    Dataset::parse(&json, Origin::Embedded, &read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_datasets_are_valid_and_sorted() {
        let d = dataset(500).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.events().len(), 500);
        assert!(
            d.events()
                .windows(2)
                .all(|w| w[0].date.sort_key() <= w[1].date.sort_key())
        );
        assert!(d.thread_events("t0").len() > 200);
    }

    #[test]
    fn the_memory_order_is_the_files_and_its_rank_the_inverse() {
        let d = dataset(300).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.memory_order().len(), 300);
        for (f, &i) in d.memory_order().iter().enumerate() {
            assert_eq!(d.events()[i as usize].id.as_str(), format!("event-{f:07}"));
            assert_eq!(d.memory_rank()[i as usize] as usize, f);
        }
    }

    #[test]
    fn an_events_lists_have_no_spare_room() {
        let d = dataset(200).unwrap_or_else(|e| panic!("{e}"));
        for e in d.events() {
            assert_eq!(e.parties.capacity(), e.parties.len(), "{}", e.id);
            assert_eq!(e.people.capacity(), e.people.len(), "{}", e.id);
            assert_eq!(e.tags.capacity(), e.tags.len(), "{}", e.id);
            assert_eq!(e.quotes.capacity(), e.quotes.len(), "{}", e.id);
        }
    }

    #[test]
    fn a_threads_events_are_those_naming_it_in_the_storys_order() {
        let d = dataset(500).unwrap_or_else(|e| panic!("{e}"));
        for thread in d.threads() {
            let naming: Vec<usize> = (0..d.events().len())
                .filter(|&i| d.events()[i].thread.as_deref() == Some(thread.id.as_str()))
                .collect();
            assert!(!naming.is_empty(), "{}", thread.id);
            assert_eq!(d.thread_events(&thread.id), naming, "{}", thread.id);
        }
    }
}

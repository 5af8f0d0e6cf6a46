//! `hotlines list`: the events in date order, filtered.

use std::path::Path;

use super::table::{self, Column};
use super::{Fail, OK, PROBLEMS, Result, Sink, USAGE, emit, open_dataset, output_width};
use crate::cli::{FilterArgs, ListArgs, ListFormat};
use crate::model::Dataset;

pub fn run(path: Option<&Path>, args: &ListArgs) -> Result<u8> {
    let dataset = open_dataset(path)?;
    let events = select(&dataset, &args.filter)?;
    if events.is_empty() && args.format == ListFormat::Table {
        return Err(Fail::new(PROBLEMS, "no event matches"));
    }
    let out = render(&dataset, &events, args.format, output_width());
    emit(&Sink::Stdout, out.as_bytes())?;
    if events.is_empty() {
        return Err(Fail::new(PROBLEMS, "no event matches"));
    }
    Ok(OK)
}

/// The events passing the filter flags. A party or thread the dataset does
/// not know is a usage error (exit 2), naming the ones it knows.
pub fn select(dataset: &Dataset, args: &FilterArgs) -> Result<Vec<usize>> {
    for party in &args.parties {
        if !dataset.countries.contains_key(party) {
            let known: Vec<&str> = dataset.countries.keys().map(String::as_str).collect();
            return Err(Fail::new(
                USAGE,
                format!(
                    "unknown party `{party}`; the dataset knows {}",
                    known.join(", ")
                ),
            ));
        }
    }
    for thread in &args.threads {
        if dataset.thread(thread).is_some() {
            continue;
        }
        let known: Vec<&str> = dataset.threads.iter().map(|t| t.id.as_str()).collect();
        return Err(Fail::new(
            USAGE,
            format!(
                "unknown thread `{thread}`; the dataset has {}",
                known.join(", ")
            ),
        ));
    }
    Ok(args.to_filter().apply(dataset))
}

/// The events in the given format: a table fitted to `width` columns, or
/// JSON/CSV/TSV with every field in full.
pub fn render(dataset: &Dataset, events: &[usize], format: ListFormat, width: usize) -> String {
    match format {
        ListFormat::Table => table::render(&TABLE, &table_rows(dataset, events), width),
        ListFormat::Json => {
            let list: Vec<_> = events.iter().map(|&i| &dataset.events[i]).collect();
            let mut s = serde_json::to_string_pretty(&list).expect("events serialize");
            s.push('\n');
            s
        }
        ListFormat::Csv => table::csv(&RECORD, &records(dataset, events)),
        ListFormat::Tsv => table::tsv(&RECORD, &records(dataset, events)),
    }
}

const TABLE: [Column; 4] = [
    Column {
        header: "DATE",
        max: 24,
        flex: false,
    },
    Column {
        header: "KIND",
        max: 10,
        flex: false,
    },
    Column {
        header: "PARTIES",
        max: 14,
        flex: false,
    },
    Column {
        header: "TITLE",
        max: usize::MAX,
        flex: true,
    },
];

fn table_rows(dataset: &Dataset, events: &[usize]) -> Vec<Vec<String>> {
    events
        .iter()
        .map(|&i| {
            let e = &dataset.events[i];
            vec![
                e.date.display(),
                e.kind.as_str().to_string(),
                e.parties.join("–"),
                e.title.clone(),
            ]
        })
        .collect()
}

/// The CSV/TSV columns of an event. Lists of ids are joined with `;`; the
/// quotes are joined with a blank line, their sources (one per quote, in the
/// same order) with `;`.
pub const RECORD: [&str; 15] = [
    "id",
    "date",
    "display_date",
    "date_basis",
    "date_note",
    "kind",
    "parties",
    "people",
    "place",
    "thread",
    "tags",
    "title",
    "summary",
    "quote_sources",
    "quotes",
];

pub fn records(dataset: &Dataset, events: &[usize]) -> Vec<Vec<String>> {
    events
        .iter()
        .map(|&i| {
            let e = &dataset.events[i];
            vec![
                e.id.clone(),
                e.date_raw.clone(),
                e.date.display(),
                e.date_basis.as_str().to_string(),
                e.date_note.clone().unwrap_or_default(),
                e.kind.as_str().to_string(),
                e.parties.join(";"),
                e.people.join(";"),
                e.place.clone().unwrap_or_default(),
                e.thread.clone().unwrap_or_default(),
                e.tags.join(";"),
                e.title.clone(),
                e.summary.clone(),
                e.quotes
                    .iter()
                    .map(|q| q.source.as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
                e.quotes
                    .iter()
                    .map(|q| q.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n\n"),
            ]
        })
        .collect()
}

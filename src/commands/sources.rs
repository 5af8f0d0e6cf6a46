//! `hotlines sources`: the source documents and how many events quote each.

use std::path::Path;

use serde_json::json;

use super::table::{self, Column};
use super::{OK, Result, Sink, emit, open_dataset};
use crate::cli::{ListFormat, SourcesArgs};
use crate::model::Dataset;

pub fn run(path: Option<&Path>, args: &SourcesArgs) -> Result<u8> {
    let dataset = open_dataset(path)?;
    let out = render(&dataset, args.format, super::table_width());
    emit(&Sink::Stdout, out.as_bytes())?;
    Ok(OK)
}

const TABLE: [Column; 5] = [
    Column {
        header: "ID",
        max: 28,
        flex: false,
    },
    Column {
        header: "EVENTS",
        max: 6,
        flex: false,
    },
    Column {
        header: "PUBLISHED",
        max: 24,
        flex: false,
    },
    Column {
        header: "PUBLISHER",
        max: 24,
        flex: false,
    },
    Column {
        header: "HEADLINE",
        max: usize::MAX,
        flex: true,
    },
];

const RECORD: [&str; 11] = [
    "id",
    "events",
    "quotes",
    "published",
    "published_basis",
    "publisher",
    "headline",
    "byline",
    "url",
    "file",
    "note",
];

/// The sources' positions in the dataset, by publication date (undated
/// ones last), then by id.
fn date_order(dataset: &Dataset) -> Vec<usize> {
    let sources = dataset.sources();
    let mut order: Vec<usize> = (0..sources.len()).collect();
    order.sort_by_cached_key(|&i| {
        let s = &sources[i];
        (
            s.published().map(|d| d.sort_key()).is_none(),
            s.published().map(|d| d.sort_key()),
            &s.id,
        )
    });
    order
}

pub fn render(dataset: &Dataset, format: ListFormat, width: usize) -> String {
    let events = dataset.event_counts();
    let quotes = dataset.quote_counts();
    let order = date_order(dataset);
    let sources = || order.iter().map(|&i| (i, &dataset.sources()[i]));
    let records = || -> Vec<Vec<String>> {
        sources()
            .map(|(i, s)| {
                vec![
                    s.id.to_string(),
                    events[i].to_string(),
                    quotes[i].to_string(),
                    s.published().map(ToString::to_string).unwrap_or_default(),
                    s.published_basis
                        .map(|b| b.as_str().to_string())
                        .unwrap_or_default(),
                    s.publisher.clone(),
                    s.headline.clone(),
                    s.byline.clone().unwrap_or_default(),
                    s.url.clone().unwrap_or_default(),
                    s.file.clone(),
                    s.note.clone().unwrap_or_default(),
                ]
            })
            .collect()
    };
    match format {
        ListFormat::Table => {
            let rows: Vec<Vec<String>> = sources()
                .map(|(i, s)| {
                    vec![
                        s.id.to_string(),
                        events[i].to_string(),
                        s.published()
                            .as_ref()
                            .map_or_else(|| "undated".to_string(), |d| d.display()),
                        s.publisher.clone(),
                        s.headline.clone(),
                    ]
                })
                .collect();
            table::render(&TABLE, &rows, width)
        }
        ListFormat::Csv => table::csv(&RECORD, &records()),
        ListFormat::Tsv => table::tsv(&RECORD, &records()),
        ListFormat::Json => {
            let list: Vec<_> = sources()
                .map(|(i, s)| {
                    let mut v = serde_json::to_value(s).expect("a source serializes");
                    let obj = v.as_object_mut().expect("a source is an object");
                    obj.insert("events".into(), json!(events[i]));
                    obj.insert("quotes".into(), json!(quotes[i]));
                    v
                })
                .collect();
            let s = serde_json::to_string_pretty(&list).expect("sources serialize");
            format!("{}\n", crate::text::escape_json(&s))
        }
    }
}

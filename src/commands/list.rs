//! `hotlines list`: the events in date order, filtered.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use super::table::{self, Column};
use super::{Fail, OK, PROBLEMS, Result, Sink, USAGE, emit_with, open_dataset};
use crate::cli::{FilterArgs, ListArgs, ListColumn, ListFormat};
use crate::model::{Dataset, Event, Str, parties_label};
use crate::text::sanitize_line;

pub fn run(path: Option<&Path>, args: &ListArgs) -> Result<u8> {
    let dataset = open_dataset(path)?;
    let events = select(&dataset, &args.filter)?;
    if events.is_empty() && args.format == ListFormat::Table {
        return Err(Fail::new(PROBLEMS, "no event matches"));
    }
    let width = super::table_width();
    emit_with(&Sink::Stdout, |out| {
        write_columns(out, &dataset, &events, args.format, &args.columns, width)
    })?;
    if events.is_empty() {
        return Err(Fail::new(PROBLEMS, "no event matches"));
    }
    Ok(OK)
}

/// The events passing the filter flags. A party or thread the dataset does
/// not know is a usage error (exit 2), naming the ones it knows.
pub fn select(dataset: &Dataset, args: &FilterArgs) -> Result<Vec<usize>> {
    for party in &args.parties {
        if !dataset.countries().contains_key(party) {
            let known: Vec<&str> = dataset.countries().keys().map(String::as_str).collect();
            return Err(Fail::new(
                USAGE,
                format!(
                    "unknown party `{}`; the dataset knows {}",
                    sanitize_line(party),
                    sanitize_line(&known.join(", "))
                ),
            ));
        }
    }
    for thread in &args.threads {
        if dataset.thread(thread).is_some() {
            continue;
        }
        let known: Vec<&str> = dataset.threads().iter().map(|t| t.id.as_str()).collect();
        return Err(Fail::new(
            USAGE,
            format!(
                "unknown thread `{}`; the dataset has {}",
                sanitize_line(thread),
                sanitize_line(&known.join(", "))
            ),
        ));
    }
    Ok(args.to_filter().apply(dataset))
}

/// Writes the events in the given format, one at a time: a table fitted to
/// `width` columns, or JSON/CSV/TSV with every field in full.
pub fn write(
    out: &mut dyn Write,
    dataset: &Dataset,
    events: &[usize],
    format: ListFormat,
    width: usize,
) -> io::Result<()> {
    write_columns(out, dataset, events, format, &ListColumn::DEFAULT, width)
}

/// [`write`], the table having these columns.
pub fn write_columns(
    out: &mut dyn Write,
    dataset: &Dataset,
    events: &[usize],
    format: ListFormat,
    columns: &[ListColumn],
    width: usize,
) -> io::Result<()> {
    let each = || events.iter().map(|&i| &*dataset.events()[i]);
    match format {
        ListFormat::Table => {
            let header: Vec<Column> = columns.iter().map(|&c| column(c)).collect();
            let row = |e| columns.iter().map(move |&c| cell(e, c));
            table::write(out, &header, || each().map(row), width)
        }
        ListFormat::Json => super::write_json(out, &dataset.selected(events)),
        ListFormat::Csv => table::write_csv(out, &RECORD, each().map(|e| record(dataset, e))),
        ListFormat::Tsv => table::write_tsv(out, &RECORD, each().map(|e| record(dataset, e))),
    }
}

/// The columns of the table format.
pub(super) const TABLE: [Column; 4] = [
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

/// The ID column (ids are at most 80 characters; most are under 40).
const ID: Column = Column {
    header: "ID",
    max: 40,
    flex: false,
};

fn column(c: ListColumn) -> Column {
    match c {
        ListColumn::Id => ID,
        ListColumn::Date => TABLE[0],
        ListColumn::Kind => TABLE[1],
        ListColumn::Parties => TABLE[2],
        ListColumn::Title => TABLE[3],
    }
}

fn cell<'a>(e: &'a Event<'_>, c: ListColumn) -> Cow<'a, str> {
    match c {
        ListColumn::Id => Cow::Borrowed(&e.id),
        ListColumn::Date => Cow::Owned(e.date().display()),
        ListColumn::Kind => Cow::Borrowed(e.kind.as_str()),
        ListColumn::Parties => Cow::Owned(parties_label(&e.parties)),
        ListColumn::Title => Cow::Borrowed(&e.title),
    }
}

/// The CSV/TSV columns of an event. Lists (ids, tags, names) are joined
/// with `;`, a `;` or `\` inside an item written `\;` or `\\`, so a tag
/// with a `;` reads back as one; the quotes are joined with a blank line,
/// their sources (one per quote, in the same order) with `;`, and their
/// sources' web addresses (one line per quote, in the same order, empty for
/// a source without one; the field is empty when no quote's source has one)
/// with a line break. `earliest_day` is the first day the date can mean as
/// `YYYY-MM-DD`, which sorts as a date (empty when the start is open or
/// unknown, or outside the years 1 to 9999); `people_names` and
/// `thread_title` name what `people` and `thread` give by id.
pub const RECORD: [&str; 19] = [
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
    "quote_urls",
    "earliest_day",
    "people_names",
    "thread_title",
];

/// The [`RECORD`] fields of an event.
pub fn record<'a>(dataset: &'a Dataset, e: &'a Event<'_>) -> [Cow<'a, str>; 19] {
    let text = |s: &'a Option<Str<'_>>| Cow::Borrowed(s.as_deref().unwrap_or_default());
    [
        Cow::Borrowed(&e.id),
        Cow::Owned(e.date().to_string()),
        Cow::Owned(e.date().display()),
        Cow::Borrowed(e.date_basis.as_str()),
        text(&e.date_note),
        Cow::Borrowed(e.kind.as_str()),
        Cow::Owned(join_list(&e.parties)),
        Cow::Owned(join_list(&e.people)),
        text(&e.place),
        text(&e.thread),
        Cow::Owned(join_list(&e.tags)),
        Cow::Borrowed(&e.title),
        Cow::Borrowed(&e.summary),
        Cow::Owned(join_list(e.quotes.iter().map(|q| q.source.as_str()))),
        Cow::Owned(
            e.quotes
                .iter()
                .map(|q| q.text.as_str())
                .collect::<Vec<_>>()
                .join("\n\n"),
        ),
        quote_urls(dataset, e),
        Cow::Owned(earliest_day(e)),
        Cow::Owned(join_list(e.people.iter().map(|p| {
            dataset.person(p).map_or(p.as_str(), |p| p.name.as_str())
        }))),
        Cow::Borrowed(
            e.thread
                .as_deref()
                .and_then(|t| dataset.thread(t))
                .map_or("", |t| t.title.as_str()),
        ),
    ]
}

/// Items joined with `;`, each `\` and `;` inside an item escaped with a
/// backslash.
fn join_list<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        for c in item.as_ref().chars() {
            if matches!(c, ';' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// The `earliest_day` field.
fn earliest_day(e: &Event) -> String {
    use chrono::Datelike;
    match e.date().earliest() {
        Some(d) if (1..=9999).contains(&d.year()) => d.format("%Y-%m-%d").to_string(),
        _ => String::new(),
    }
}

/// The `quote_urls` field: each quote's source's web address, a line each.
fn quote_urls<'a>(dataset: &'a Dataset, e: &Event) -> Cow<'a, str> {
    let urls: Vec<&str> = e
        .quotes
        .iter()
        .map(|q| {
            dataset
                .source(&q.source)
                .and_then(|s| s.url.as_deref())
                .unwrap_or_default()
        })
        .collect();
    match urls.as_slice() {
        [] => Cow::Borrowed(""),
        [one] => Cow::Borrowed(one),
        _ if urls.iter().all(|u| u.is_empty()) => Cow::Borrowed(""),
        _ => Cow::Owned(urls.join("\n")),
    }
}

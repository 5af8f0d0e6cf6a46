//! `hotlines lines`: each hotline, who it links, and where it stands.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use serde_json::{Value, json};

use super::table::{self, Column};
use super::{OK, Result, Sink, emit_with, open_dataset, table_width};
use crate::cli::{LinesArgs, ListFormat};
use crate::model::{Dataset, Line};

pub fn run(path: Option<&Path>, args: &LinesArgs) -> Result<u8> {
    let dataset = open_dataset(path)?;
    let width = table_width();
    emit_with(&Sink::Stdout, |out| {
        write(out, &dataset, args.format, width)
    })?;
    Ok(OK)
}

const TABLE: [Column; 6] = [
    Column {
        header: "NAME",
        max: usize::MAX,
        flex: true,
    },
    Column {
        header: "PARTIES",
        max: 14,
        flex: false,
    },
    Column {
        header: "ENDPOINTS",
        max: 28,
        flex: false,
    },
    Column {
        header: "STATUS",
        max: 9,
        flex: false,
    },
    Column {
        header: "SINCE",
        max: 24,
        flex: false,
    },
    Column {
        header: "MILESTONES",
        max: 10,
        flex: false,
    },
];

const RECORD: [&str; 10] = [
    "id",
    "name",
    "parties",
    "endpoints",
    "status",
    "status_event",
    "status_date",
    "status_display_date",
    "milestones",
    "summary",
];

/// A line's current status, its event's id, its EDTF date and that date as
/// shown; empty strings for a line without milestones.
fn status<'a>(dataset: &'a Dataset, line: &'a Line) -> [Cow<'a, str>; 4] {
    match dataset.line_status(line) {
        Some((m, e)) => [
            Cow::Borrowed(m.status.as_str()),
            Cow::Borrowed(e.id.as_str()),
            Cow::Owned(e.date().to_string()),
            Cow::Owned(e.date().display()),
        ],
        None => std::array::from_fn(|_| Cow::Borrowed("")),
    }
}

/// Writes the lines in the given format, one at a time.
pub fn write(
    out: &mut dyn Write,
    dataset: &Dataset,
    format: ListFormat,
    width: usize,
) -> io::Result<()> {
    let lines = || dataset.lines().iter();
    let record = |l: &'_ Line| -> Vec<String> {
        let [status, event, date, display] = status(dataset, l);
        vec![
            l.id.clone(),
            l.name.clone(),
            l.parties.join(";"),
            l.endpoints.clone(),
            status.into_owned(),
            event.into_owned(),
            date.into_owned(),
            display.into_owned(),
            l.milestones.len().to_string(),
            l.summary.clone(),
        ]
    };
    match format {
        ListFormat::Table => {
            let row = |l: &Line| -> [String; 6] {
                let [status, _, _, display] = status(dataset, l);
                [
                    l.name.clone(),
                    crate::model::parties_label(&l.parties),
                    l.endpoints.clone(),
                    status.into_owned(),
                    display.into_owned(),
                    l.milestones.len().to_string(),
                ]
            };
            table::write(out, &TABLE, || lines().map(row), width)
        }
        ListFormat::Csv => table::write_csv(out, &RECORD, lines().map(record)),
        ListFormat::Tsv => table::write_tsv(out, &RECORD, lines().map(record)),
        ListFormat::Json => {
            let list: Vec<Value> = lines()
                .map(|l| {
                    let mut v = serde_json::to_value(l).expect("a line serializes");
                    let obj = v.as_object_mut().expect("a line is an object");
                    let [status, event, date, display] = status(dataset, l);
                    let current = (!status.is_empty()).then(|| {
                        json!({
                            "status": status,
                            "event": event,
                            "date": date,
                            "display_date": display,
                        })
                    });
                    obj.insert("current".into(), json!(current));
                    v
                })
                .collect();
            super::write_json(out, &list)
        }
    }
}

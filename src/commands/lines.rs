//! `hotlines lines`: the board of lines for scripts. Each hotline, sorted
//! by country pair as the board (`b`) shows them: who it links, its ends,
//! where it stands, the dates of its milestones by status, and what came of
//! a forecast its plans made.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use serde_json::{Value, json};

use super::table::{self, Column};
use super::{OK, Result, Sink, emit_with, open_dataset, table_width};
use crate::cli::{LinesArgs, ListFormat};
use crate::model::{Dataset, Expectation, Line, Status, Step, statuses_used};

pub fn run(path: Option<&Path>, args: &LinesArgs) -> Result<u8> {
    let dataset = open_dataset(path)?;
    let width = table_width();
    emit_with(&Sink::Stdout, |out| {
        write(out, &dataset, args.format, width)
    })?;
    Ok(OK)
}

/// The table's columns before the dates.
const LEAD: [Column; 3] = [
    Column {
        header: "PARTIES",
        max: 26,
        flex: false,
    },
    Column {
        header: "ENDPOINTS",
        max: usize::MAX,
        flex: true,
    },
    Column {
        header: "STATUS",
        max: 9,
        flex: false,
    },
];

const SINCE: Column = Column {
    header: "SINCE",
    max: 24,
    flex: false,
};

const FORECAST: Column = Column {
    header: "FORECAST",
    max: 32,
    flex: false,
};

/// A status's date column in the table.
fn date_column(s: Status) -> Column {
    let header = match s {
        Status::Proposed => "PROPOSED",
        Status::Agreed => "AGREED",
        Status::Planned => "PLANNED",
        Status::Opened => "OPENED",
        Status::Used => "USED",
        Status::Suspended => "SUSPENDED",
        Status::Closed => "CLOSED",
    };
    Column {
        header,
        max: 24,
        flex: false,
    }
}

/// The flat record: the first ten fields as before the board, then the
/// EDTF dates of each status's milestones (`;` between two) and the
/// forecast.
const RECORD: [&str; 19] = [
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
    "proposed",
    "agreed",
    "planned",
    "opened",
    "used",
    "suspended",
    "closed",
    "expected",
    "forecast",
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

/// A board cell: the first milestone of a status as shown, and ` +N` for
/// the others.
fn cell(dataset: &Dataset, steps: &[Step], status: Status) -> String {
    let mut of = steps.iter().filter(|s| s.status == status);
    let Some(first) = of.next() else {
        return String::new();
    };
    let date = dataset.events()[first.event].date().display();
    match of.count() {
        0 => date,
        n => format!("{date} +{n}"),
    }
}

/// `H1 2015 · missed`.
fn forecast_cell(e: &Expectation<'_>) -> String {
    format!("{} · {}", e.expected.display(), e.word())
}

/// The width a table of `rows` takes with every column at its widest (up
/// to its maximum) and the flexible one at the least it gets.
fn natural_width(columns: &[Column], rows: impl Iterator<Item = Vec<String>>) -> usize {
    let mut widths: Vec<usize> = columns
        .iter()
        .map(|c| crate::text::width(c.header))
        .collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(&row) {
            *w = (*w).max(crate::text::width(&crate::text::sanitize_line(cell)));
        }
    }
    let cells: usize = columns
        .iter()
        .zip(&widths)
        .map(|(c, &w)| {
            if c.flex {
                w.min(MIN_FLEX)
            } else {
                w.min(c.max)
            }
        })
        .sum();
    cells + 2 * columns.len().saturating_sub(1)
}

/// The narrowest the table's flexible column (the ends) is measured at.
const MIN_FLEX: usize = 12;

/// Writes the lines in the given format, one at a time.
pub fn write(
    out: &mut dyn Write,
    dataset: &Dataset,
    format: ListFormat,
    width: usize,
) -> io::Result<()> {
    let order = dataset.board_order();
    let lines = || order.iter().map(|&i| &dataset.lines()[i]);
    let record = |l: &'_ Line| -> Vec<String> {
        let [status, event, date, display] = status(dataset, l);
        let steps = dataset.line_steps(l);
        let mut r = vec![
            l.id.to_string(),
            l.name.clone(),
            l.parties.join(";"),
            l.endpoints.clone(),
            status.into_owned(),
            event.into_owned(),
            date.into_owned(),
            display.into_owned(),
            l.milestones.len().to_string(),
            l.summary.clone(),
        ];
        for st in Status::ALL {
            let dates: Vec<String> = steps
                .iter()
                .filter(|s| s.status == st)
                .map(|s| dataset.events()[s.event].date().to_string())
                .collect();
            r.push(dates.join(";"));
        }
        let e = dataset.line_expectation(&steps, None);
        r.push(e.map_or_else(String::new, |e| e.expected.to_string()));
        r.push(e.map_or_else(String::new, |e| e.word().to_string()));
        r
    };
    match format {
        ListFormat::Table => {
            let all: Vec<Vec<Step>> = lines().map(|l| dataset.line_steps(l)).collect();
            let statuses = statuses_used(all.iter().flatten());
            let forecast = lines()
                .zip(&all)
                .any(|(_, s)| dataset.line_expectation(s, None).is_some());
            let row = |folded: bool| {
                let statuses = &statuses;
                move |(l, steps): (&Line, &Vec<Step>)| -> Vec<String> {
                    let mut r = vec![
                        dataset.line_pair(l),
                        l.endpoints.clone(),
                        steps.last().map_or("", |s| s.status.as_str()).to_string(),
                    ];
                    if folded {
                        r.push(steps.last().map_or_else(String::new, |s| {
                            dataset.events()[s.event].date().display()
                        }));
                        return r;
                    }
                    r.extend(statuses.iter().map(|&s| cell(dataset, steps, s)));
                    if forecast {
                        let e = dataset.line_expectation(steps, None);
                        r.push(e.as_ref().map_or_else(String::new, forecast_cell));
                    }
                    r
                }
            };
            let mut columns: Vec<Column> = Vec::from(LEAD);
            columns.extend(statuses.iter().map(|&s| date_column(s)));
            if forecast {
                columns.push(FORECAST);
            }
            // Too wide for the terminal: as the board folds, the dates give
            // way to the latest one.
            let folded = natural_width(&columns, lines().zip(&all).map(row(false))) > width;
            if folded {
                columns = Vec::from(LEAD);
                columns.push(SINCE);
            }
            table::write(out, &columns, || lines().zip(&all).map(row(folded)), width)
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
                    let steps = dataset.line_steps(l);
                    let dated: Vec<Value> = steps
                        .iter()
                        .map(|s| {
                            let e = &dataset.events()[s.event];
                            json!({
                                "status": s.status,
                                "event": e.id,
                                "date": e.date().to_string(),
                                "display_date": e.date().display(),
                            })
                        })
                        .collect();
                    obj.insert("dated_milestones".into(), json!(dated));
                    let forecast = dataset.line_expectation(&steps, None).map(|e| {
                        let plan = &dataset.events()[e.step.event];
                        json!({
                            "plan": plan.id,
                            "expected": e.expected.to_string(),
                            "display_expected": e.expected.display(),
                            "verdict": e.word(),
                            "outcome": plan.outcome(),
                        })
                    });
                    obj.insert("forecast".into(), json!(forecast));
                    v
                })
                .collect();
            super::write_json(out, &list)
        }
    }
}

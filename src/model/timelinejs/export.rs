//! Our dataset as a TimelineJS3 timeline.

use std::io::{self, Write};

use serde::{Serialize, Serializer};

use super::types::{Slide, Timeline, TlDate, TlText};
use crate::model::{Credit, Dataset, Date, Event, Point};

/// A TimelineJS date for one end of a date, to its precision.
fn tl_date(p: Point) -> TlDate {
    TlDate {
        year: p.year(),
        month: p.month().map(i64::from),
        day: p.day().map(i64::from),
        ..TlDate::default()
    }
}

/// TimelineJS's `start_date` and `end_date` for a date: an interval with one
/// open or unknown end becomes its known end alone.
pub fn tl_dates(date: &Date) -> (TlDate, Option<TlDate>) {
    match (date.start(), date.end()) {
        (Some(a), Some(b)) if date.is_interval() => (tl_date(a), Some(tl_date(b))),
        (Some(p), _) | (None, Some(p)) => (tl_date(p), None),
        (None, None) => unreachable!("a parsed date has a known end"),
    }
}

/// The dataset (only the given events) as a TimelineJS3 timeline.
pub fn from_dataset(dataset: &Dataset, events: &[usize]) -> Timeline {
    Timeline {
        title: Some(title_slide(dataset)),
        events: events
            .iter()
            .map(|&i| slide(dataset, &dataset.events()[i]))
            .collect(),
        eras: Vec::new(),
    }
}

/// Writes [`from_dataset`]'s timeline as pretty JSON with a final newline,
/// making each slide only as it is written.
pub fn write(out: &mut dyn Write, dataset: &Dataset, events: &[usize]) -> io::Result<()> {
    /// The slides of the given events, made one at a time.
    struct Slides<'a>(&'a Dataset, &'a [usize]);
    impl Serialize for Slides<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let Slides(dataset, events) = *self;
            s.collect_seq(events.iter().map(|&i| slide(dataset, &dataset.events()[i])))
        }
    }
    /// [`Timeline`] with a title and no eras, as it serializes.
    #[derive(Serialize)]
    struct Written<'a> {
        title: Slide,
        events: Slides<'a>,
    }
    let written = Written {
        title: title_slide(dataset),
        events: Slides(dataset, events),
    };
    serde_json::to_writer_pretty(&mut *out, &written)?;
    out.write_all(b"\n")
}

fn title_slide(dataset: &Dataset) -> Slide {
    Slide {
        text: Some(TlText {
            headline: Some(escape(&dataset.title)),
            text: Some(format!("<p>{}</p>", escape(&dataset.description))),
        }),
        ..Slide::default()
    }
}

fn slide(dataset: &Dataset, e: &Event) -> Slide {
    let (start, end) = tl_dates(&e.date);
    let mut html = format!("<p>{}</p>", escape(&e.summary));
    let summary = fold(&e.summary);
    for q in &e.quotes {
        // A quote that is the summary (as an imported slide without a block
        // quote gives) is shown once, by the summary, and only credited.
        if fold(&q.text) != summary {
            html.push_str(&format!("<blockquote>{}</blockquote>", escape(&q.text)));
        }
        if let Some(s) = dataset.source(&q.source) {
            html.push_str(&format!("<p><cite>— {}</cite></p>", cite(&s.credit())));
        }
    }
    Slide {
        unique_id: Some(e.id.to_string()),
        start_date: Some(start),
        end_date: end,
        display_date: Some(e.date.display()),
        text: Some(TlText {
            headline: Some(escape(&e.title)),
            text: Some(html),
        }),
        // TimelineJS shows a group's label as HTML: escaped, it reads as
        // the thread's title, and comes back as it when imported.
        group: e
            .thread
            .as_deref()
            .map(|t| escape(dataset.thread(t).map_or(t, |t| t.title.as_str()))),
        ..Slide::default()
    }
}

/// A source's credit inside `<cite>`: its attribution, then its web address,
/// a link when [`Credit::link`] allows (any other is written as text, never
/// as a link a browser would follow).
fn cite(credit: &Credit<'_>) -> String {
    let mut html = escape(&credit.attribution());
    if let Some(url) = credit.link() {
        let url = escape(url);
        html.push_str(&format!(", <a href=\"{url}\">{url}</a>"));
    } else if let Some(url) = credit.url {
        html.push_str(&format!(", {}", escape(url)));
    }
    html
}

/// Text with each run of whitespace made one space, as HTML shows it.
fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes text for HTML.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

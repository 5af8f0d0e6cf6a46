//! Our dataset as a TimelineJS3 timeline.

use std::io::{self, Write};

use serde::{Serialize, Serializer};

use super::types::{Slide, Timeline, TlDate, TlText};
use crate::model::{Dataset, Date, Event, Point};

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
            .map(|&i| slide(dataset, &dataset.events[i]))
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
            s.collect_seq(events.iter().map(|&i| slide(dataset, &dataset.events[i])))
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
    for q in &e.quotes {
        html.push_str(&format!("<blockquote>{}</blockquote>", escape(&q.text)));
        if let Some(s) = dataset.source(&q.source) {
            let attribution = s.attribution();
            html.push_str(&format!("<p><cite>— {}</cite></p>", escape(&attribution)));
        }
    }
    Slide {
        unique_id: Some(e.id.clone()),
        start_date: Some(start),
        end_date: end,
        display_date: Some(e.date.display()),
        text: Some(TlText {
            headline: Some(escape(&e.title)),
            text: Some(html),
        }),
        group: e.thread.as_deref().map(|t| {
            dataset
                .thread(t)
                .map_or(t, |t| t.title.as_str())
                .to_string()
        }),
        ..Slide::default()
    }
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

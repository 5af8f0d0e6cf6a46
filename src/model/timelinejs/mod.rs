//! TimelineJS3 JSON files: their types, how to recognize one, and conversion
//! both ways.
//!
//! Export ([`from_dataset`]): one slide per event, with `unique_id` the event id,
//! `start_date`/`end_date` down to the precision the EDTF date gives,
//! `display_date` our display form, `text.headline` the title and `text.text`
//! the summary followed, for each quote, by a `<blockquote>` and a `<cite>` with
//! its attribution; `group` is the title of the event's thread. TimelineJS has
//! no open intervals and no qualifiers: an interval with one open or unknown end
//! becomes its known end, and `?`/`~` survive only in `display_date`.
//!
//! Import ([`import`]) accepts what TimelineJS accepts and loses nothing
//! silently. TimelineJS has no sources, kinds or parties, so
//! - every slide becomes an event of kind `background`, with no parties, its
//!   date `stated` (the file states it): `start_date` alone gives a single
//!   date, `start_date` and `end_date` an interval, to the precision given
//!   (BCE and long years included); date parts are read as TimelineJS reads
//!   them, empty ones and empty `end_date`s are absent, and slides without a
//!   `start_date` are skipped with a note; the title's dates are never read;
//! - `display_date` is read for what it says of certainty (approximate,
//!   uncertain, open, an interval) and, with times of day, kept in the
//!   event's `date_note`;
//! - one source is generated for the whole file: its text holds the plain text
//!   of every slide, so that each quote is a verbatim passage of it;
//! - each `<blockquote>` of a slide (and blockquote media, with its credit)
//!   becomes a quote; a slide without one is quoted whole (its plain text, or
//!   its headline, or a media-only slide's caption);
//! - `group` becomes a thread; ids follow TimelineJS's slug and uniqueness
//!   rule, with the TimelineJS id kept in `timelinejs_id` where it is not a
//!   valid id of ours;
//! - HTML markup is removed (whitespace runs become one space; `<cite>` text is
//!   kept in the source but not in the summary); media, backgrounds and eras
//!   are not carried over. Each loss is reported in [`Imported::notes`], one
//!   note per kind, counting only values that say something.

mod export;
mod html;
mod import;
#[cfg(test)]
mod tests;
mod types;

use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use super::{Dataset, LoadError, Origin};

pub use export::{from_dataset, tl_dates, write};
pub use html::{HtmlText, html_to_text};
pub use import::{Imported, import, numbered, source_file_for};
pub use types::{Slide, Timeline, TlDate, TlText};

/// Whether `text` is a TimelineJS file rather than one of ours: a top-level
/// `events` array whose items have `start_date` objects (ours have `date`).
pub fn detect(text: &str) -> bool {
    // Reads the file once without building it: each event becomes two
    // flags. A first event with a `date` is one of ours: the reading stops
    // there, rather than going through a large file of ours twice.
    #[derive(Deserialize)]
    struct Probe {
        #[serde(deserialize_with = "events_unless_ours")]
        events: Vec<ProbeEvent>,
    }
    #[derive(Deserialize)]
    struct ProbeEvent {
        start_date: Option<Value>,
        date: Option<serde::de::IgnoredAny>,
    }
    struct Events;
    impl<'de> serde::de::Visitor<'de> for Events {
        type Value = Vec<ProbeEvent>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a list of events")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let mut events = Vec::new();
            while let Some(event) = seq.next_element::<ProbeEvent>()? {
                if events.is_empty() && event.date.is_some() {
                    return Err(serde::de::Error::custom(
                        "an event with a `date`: our format",
                    ));
                }
                events.push(event);
            }
            Ok(events)
        }
    }
    fn events_unless_ours<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<ProbeEvent>, D::Error> {
        d.deserialize_seq(Events)
    }
    let Ok(probe) = serde_json::from_str::<Probe>(text) else {
        return false;
    };
    probe
        .events
        .iter()
        .any(|e| e.start_date.as_ref().is_some_and(Value::is_object))
        && probe.events.iter().all(|e| e.date.is_none())
}

/// Opens a TimelineJS file as a dataset, converting it in memory.
pub fn open(text: &str, path: &Path) -> Result<Dataset, LoadError> {
    let imported = import(text, &path.display().to_string()).map_err(LoadError::Invalid)?;
    let read = |f: &str| {
        if f == imported.source_file {
            Ok(imported.source_text.clone())
        } else {
            Err(std::io::Error::from(std::io::ErrorKind::NotFound))
        }
    };
    Dataset::parse(
        &imported.dataset_json(),
        Origin::File(path.to_path_buf()),
        &read,
    )
}

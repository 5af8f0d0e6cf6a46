//! The dataset: its types, the date notation, loading and validation.
//!
//! Nothing here knows about terminals. Events are stored once, in date
//! order, in [`Dataset::events`]; everything else refers to them by index.

pub mod date;
mod embedded;
pub(crate) mod extra;
mod files;
mod load;
mod locate;
mod plain;
mod problem;
mod quote;
pub mod synthetic;
pub mod timelinejs;
mod write;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

pub use date::{Date, DateError, Precision, Qualifier};
pub use extra::Extra;
use extra::with_extra;
pub use files::{DATASET_LIMIT, SOURCE_LIMIT};
pub use load::LoadError;
pub use problem::Problem;
pub use quote::{closest_passage, fold_whitespace_find};
pub use write::Selected;

/// How a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateBasis {
    /// The text gives the date.
    Stated,
    /// Worked out from the text (a weekday against the dateline, "last year").
    Derived,
    /// The text does not give it; outside knowledge.
    External,
}

impl DateBasis {
    pub const ALL: [DateBasis; 3] = [DateBasis::Stated, DateBasis::Derived, DateBasis::External];

    pub fn as_str(self) -> &'static str {
        match self {
            DateBasis::Stated => "stated",
            DateBasis::Derived => "derived",
            DateBasis::External => "external",
        }
    }

    /// How the date is known, in words ("stated in the text").
    pub fn description(self) -> &'static str {
        match self {
            DateBasis::Stated => "stated in the text",
            DateBasis::Derived => "derived from the text",
            DateBasis::External => "external knowledge",
        }
    }
}

/// What sort of happening an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Meeting,
    Agreement,
    Opening,
    Statement,
    Plan,
    Background,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Meeting,
        Kind::Agreement,
        Kind::Opening,
        Kind::Statement,
        Kind::Plan,
        Kind::Background,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Meeting => "meeting",
            Kind::Agreement => "agreement",
            Kind::Opening => "opening",
            Kind::Statement => "statement",
            Kind::Plan => "plan",
            Kind::Background => "background",
        }
    }

    /// A short label (at most five columns), for the timeline's kind
    /// column: colour is never the only sign of a kind.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Meeting => "meet",
            Kind::Agreement => "agree",
            Kind::Opening => "open",
            Kind::Statement => "state",
            Kind::Plan => "plan",
            Kind::Background => "bkgd",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A source document: a news article stored as plain text beside the dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub id: String,
    /// Path relative to the dataset file.
    pub file: String,
    pub publisher: String,
    pub headline: String,
    #[serde(rename = "published")]
    pub published_raw: Option<String>,
    pub published_basis: Option<DateBasis>,
    pub byline: Option<String>,
    pub url: Option<String>,
    pub note: Option<String>,
    /// The parsed publication date (None when absent or invalid).
    #[serde(skip)]
    pub published: Option<Date>,
    /// The full text of the source file.
    #[serde(skip)]
    pub text: String,
    /// Fields a user added.
    #[serde(flatten)]
    pub extra: Extra,
}

with_extra! {
    impl [] for Source as Source {
        id: "id",
        file: "file",
        publisher: "publisher",
        headline: "headline",
        published_raw: "published" or None,
        published_basis: "published_basis" or None,
        byline: "byline" or None,
        url: "url" or None,
        note: "note" or None,
    }
    rest { published: None, text: String::new() }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub roles: Vec<String>,
    /// Fields a user added.
    #[serde(flatten)]
    pub extra: Extra,
}

with_extra! {
    impl [] for Person as Person {
        id: "id",
        name: "name",
        aliases: "aliases" or Vec::new(),
        roles: "roles" or Vec::new(),
    }
    rest {}
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Thread {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// Fields a user added.
    #[serde(flatten)]
    pub extra: Extra,
}

with_extra! {
    impl [] for Thread as Thread {
        id: "id",
        title: "title",
        summary: "summary",
    }
    rest {}
}

/// A verbatim passage of a source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    pub source: String,
    pub text: String,
    /// Byte range of the quote in its source text, computed on load.
    #[serde(skip)]
    pub range: Range<usize>,
    /// Fields a user added.
    #[serde(flatten)]
    pub extra: Extra,
}

with_extra! {
    impl [] for Quote as Quote {
        source: "source",
        text: "text",
    }
    rest { range: 0..0 }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub kind: Kind,
    #[serde(rename = "date")]
    pub date_raw: String,
    pub date_basis: DateBasis,
    pub date_note: Option<String>,
    pub parties: Vec<String>,
    pub people: Vec<String>,
    pub place: Option<String>,
    pub thread: Option<String>,
    pub tags: Vec<String>,
    pub quotes: Vec<Quote>,
    /// The parsed date (set on load).
    #[serde(skip)]
    pub date: Date,
    /// Byte range of this event's JSON object in the dataset file, when it
    /// was loaded from one (used to report problems and to open an editor).
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    /// Fields a user added.
    #[serde(flatten)]
    pub extra: Extra,
}

with_extra! {
    impl [] for Event as Event {
        id: "id",
        title: "title",
        summary: "summary",
        kind: "kind",
        date_raw: "date",
        date_basis: "date_basis",
        date_note: "date_note" or None,
        parties: "parties" or Vec::new(),
        people: "people" or Vec::new(),
        place: "place" or None,
        thread: "thread" or None,
        tags: "tags" or Vec::new(),
        quotes: "quotes",
    }
    rest { date: unset_date(), span: None }
}

/// Placeholder until the loader parses `date_raw`; never seen after load.
fn unset_date() -> Date {
    Date::parse("0000").expect("0000 is a valid EDTF year")
}

/// Where a dataset came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The dataset built into the binary.
    Embedded,
    /// A file on disk.
    File(PathBuf),
}

impl Origin {
    /// The name used in messages: the path, or `<embedded>/events.json`.
    pub fn display_name(&self) -> String {
        match self {
            Origin::Embedded => "<embedded>/events.json".to_string(),
            Origin::File(p) => p.display().to_string(),
        }
    }
}

/// A loaded, validated dataset. Events are sorted by date.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub title: String,
    pub description: String,
    pub countries: BTreeMap<String, String>,
    pub sources: Vec<Source>,
    pub people: Vec<Person>,
    pub threads: Vec<Thread>,
    pub events: Vec<Event>,
    /// Top-level fields a user added.
    pub extra: Extra,
    pub origin: Origin,
    index: Index,
    /// For each event, a summary of the characters in its searchable text,
    /// filled by [`crate::query::search::marks`] on first use. It describes the
    /// events as loaded: a dataset is not edited after loading.
    text_marks: OnceLock<Vec<u64>>,
}

/// Lookups from id to position, built once on load. Each is a list of
/// positions sorted by id (four bytes an item), so ids are stored once,
/// in the items themselves.
#[derive(Debug, Clone, Default)]
struct Index {
    events: IdIndex,
    sources: IdIndex,
    people: IdIndex,
    threads: IdIndex,
    /// For each thread (by position), its events in date order.
    thread_events: Vec<Vec<usize>>,
}

/// Positions of items, sorted by the items' ids.
#[derive(Debug, Clone, Default)]
struct IdIndex(Vec<u32>);

impl IdIndex {
    fn build<'a>(ids: impl Iterator<Item = &'a str>) -> IdIndex {
        let ids: Vec<&str> = ids.collect();
        let mut order: Vec<u32> = (0..ids.len() as u32).collect();
        order.sort_unstable_by_key(|&i| ids[i as usize]);
        IdIndex(order)
    }

    fn find<'a>(&self, id: &str, id_of: impl Fn(usize) -> &'a str) -> Option<usize> {
        self.0
            .binary_search_by(|&i| id_of(i as usize).cmp(id))
            .ok()
            .map(|k| self.0[k] as usize)
    }
}

impl Dataset {
    pub fn event_index(&self, id: &str) -> Option<usize> {
        self.index.events.find(id, |i| &self.events[i].id)
    }
    /// Position of a source in `sources`.
    pub fn source_index(&self, id: &str) -> Option<usize> {
        self.index.sources.find(id, |i| &self.sources[i].id)
    }
    /// Position of a thread in `threads`.
    pub fn thread_index(&self, id: &str) -> Option<usize> {
        self.index.threads.find(id, |i| &self.threads[i].id)
    }
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.event_index(id).map(|i| &self.events[i])
    }
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_index(id).map(|i| &self.sources[i])
    }
    /// The per-event marks, built by `build` on the first call.
    pub(crate) fn text_marks(&self, build: impl FnOnce() -> Vec<u64>) -> &[u64] {
        self.text_marks.get_or_init(build)
    }
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.index
            .people
            .find(id, |i| &self.people[i].id)
            .map(|i| &self.people[i])
    }
    pub fn thread(&self, id: &str) -> Option<&Thread> {
        self.thread_index(id).map(|i| &self.threads[i])
    }
    /// The display name of a country code, or the code itself.
    pub fn country_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.countries.get(code).map_or(code, String::as_str)
    }
    /// The events of a thread, as indices into `events`, in date order.
    pub fn thread_events(&self, thread_id: &str) -> &[usize] {
        match self.thread_index(thread_id) {
            Some(t) => &self.index.thread_events[t],
            None => &[],
        }
    }
    /// Position (1-based) of an event within its thread, and the thread's length.
    pub fn thread_position(&self, event: usize) -> Option<(usize, usize)> {
        let thread = self.events[event].thread.as_deref()?;
        let list = self.thread_events(thread);
        // A thread lists its events by position in `events`, ascending, so
        // this is a search, not a scan: the details pane asks every frame.
        let pos = list.binary_search(&event).ok()?;
        Some((pos + 1, list.len()))
    }
    /// How many quotes each source has, by source position.
    pub fn quote_counts(&self) -> Vec<usize> {
        let mut counts = vec![0; self.sources.len()];
        for q in self.events.iter().flat_map(|e| &e.quotes) {
            if let Some(i) = self.source_index(&q.source) {
                counts[i] += 1;
            }
        }
        counts
    }
    /// How many events quote each source, by source position.
    pub fn event_counts(&self) -> Vec<usize> {
        let mut counts = vec![0; self.sources.len()];
        for e in &self.events {
            let mut seen: Vec<usize> = e
                .quotes
                .iter()
                .filter_map(|q| self.source_index(&q.source))
                .collect();
            seen.sort_unstable();
            seen.dedup();
            for i in seen {
                counts[i] += 1;
            }
        }
        counts
    }
}

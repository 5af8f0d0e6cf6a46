//! The dataset: its types, the date notation, loading and validation.
//!
//! Nothing here knows about terminals. The loader reads what a file says
//! into the serde types of `raw.rs`, checks them, and moves them into the
//! checked types here, which only it can make. Events are stored once, in
//! story order (date order, `after` deciding among overlapping
//! dates), in [`Dataset::events`]; everything else refers to them by
//! index.

mod credit;
mod date;
mod embedded;
pub(crate) mod extra;
mod files;
mod links;
mod load;
mod locate;
mod lookup;
mod order;
mod parties;
mod plain;
mod problem;
mod quote;
pub(crate) mod raw;
mod steps;
mod str;
pub mod synthetic;
pub mod timelinejs;
mod write;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

pub use credit::Credit;
pub use date::{Date, DateError, DayKey, Point, Precision, Qualifier, year_text};
pub use extra::Extra;
use extra::with_extra;
pub use files::{DATASET_LIMIT, SOURCE_LIMIT};
pub use links::{Dispute, Line, Milestone, Reading, Status};
pub use load::{Checked, LoadError, QuoteCheck, QuotesLocated, check, check_streaming};
pub use parties::{PARTY_SEPARATOR, parties_label, parties_width};
pub use problem::Problem;
pub use steps::{Expectation, Step, statuses_used};
pub use str::Str;
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

    /// The mark after a date in the timeline: nothing when the text
    /// states it, `†` when derived from the text, `*` for outside
    /// knowledge.
    pub fn mark(self) -> &'static str {
        match self {
            DateBasis::Stated => " ",
            DateBasis::Derived => "†",
            DateBasis::External => "*",
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

    /// A short word (at most five columns) for a kind, where a word reads
    /// better than [`Kind::glyph`].
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

    /// One glyph for the timeline's kind column (the help overlay's
    /// legend says which is which): shapes, so that a kind is told apart
    /// without colour.
    pub fn glyph(self) -> &'static str {
        match self {
            Kind::Meeting => "↔",
            Kind::Agreement => "✓",
            Kind::Opening => "★",
            Kind::Statement => "»",
            Kind::Plan => "→",
            Kind::Background => "○",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A source document: a news article stored as plain text beside the dataset.
///
/// Made only by the loader, which has read its file and parsed its date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub id: String,
    /// Path relative to the dataset file.
    pub file: String,
    pub publisher: String,
    pub headline: String,
    /// Serialized as the EDTF string it was read from.
    published: Option<Date>,
    pub published_basis: Option<DateBasis>,
    pub byline: Option<String>,
    pub url: Option<String>,
    pub note: Option<String>,
    /// The full text of the source file.
    #[serde(skip)]
    text: String,
    /// Fields a user added.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Source {
    /// The checked source: the fields of `raw`, moved, with its date parsed
    /// and its file's text.
    fn new(raw: raw::Source, published: Option<Date>, text: String) -> Source {
        Source {
            id: raw.id,
            file: raw.file,
            publisher: raw.publisher,
            headline: raw.headline,
            published,
            published_basis: raw.published_basis,
            byline: raw.byline,
            url: raw.url,
            note: raw.note,
            text,
            extra: raw.extra,
        }
    }

    /// The publication date, when the source gives one.
    pub fn published(&self) -> Option<&Date> {
        self.published.as_ref()
    }

    /// The full text of the source file.
    pub fn text(&self) -> &str {
        &self.text
    }
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

/// Where a quote lies in its source: a byte range, set once. A dataset
/// opened before its quotes are located is already shared (with workers)
/// when the background check's result comes, so the range is placed
/// through a shared reference rather than by copying the dataset; it is
/// written and read on the interface's thread.
#[derive(Default)]
struct Place([AtomicUsize; 2]);

impl Place {
    fn new(r: Range<usize>) -> Place {
        Place([AtomicUsize::new(r.start), AtomicUsize::new(r.end)])
    }

    fn get(&self) -> Range<usize> {
        self.0[0].load(Ordering::Relaxed)..self.0[1].load(Ordering::Relaxed)
    }

    fn set(&self, r: Range<usize>) {
        self.0[0].store(r.start, Ordering::Relaxed);
        self.0[1].store(r.end, Ordering::Relaxed);
    }
}

impl Clone for Place {
    fn clone(&self) -> Place {
        Place::new(self.get())
    }
}

impl PartialEq for Place {
    fn eq(&self, other: &Place) -> bool {
        self.get() == other.get()
    }
}

impl Eq for Place {}

impl std::fmt::Debug for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

/// A verbatim passage of a source, found in it by the loader. Its strings
/// are borrowed from the dataset's text (see [`Event`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote<'a> {
    pub source: Str<'a>,
    pub text: Str<'a>,
    /// Byte range of the quote in its source's text.
    #[serde(skip)]
    range: Place,
    /// Fields a user added.
    #[serde(flatten)]
    pub extra: Extra,
}

impl<'a> Quote<'a> {
    /// The quote of `raw`, found at `range` of its source's text.
    fn new(raw: raw::Quote<'a>, range: Range<usize>) -> Quote<'a> {
        Quote {
            source: raw.source,
            text: raw.text,
            range: Place::new(range),
            extra: raw.extra,
        }
    }

    /// Byte range of the quote in its source's [`Source::text`].
    pub fn range(&self) -> Range<usize> {
        self.range.get()
    }
}

/// An event, checked: its date parsed, its references known, its quotes
/// found in their sources. Made only by the loader. Its strings are
/// borrowed from the text of the dataset it belongs to (owned only where
/// the file writes them with escapes), so a large file costs its text and
/// one record per event, not an allocation per string.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event<'a> {
    pub id: Str<'a>,
    pub title: Str<'a>,
    pub summary: Str<'a>,
    pub kind: Kind,
    /// Serialized as the EDTF string it was read from.
    date: Date,
    pub date_basis: DateBasis,
    /// The width of the parties' label ([`parties_label`]), at most 255,
    /// measured when the event is made (the timeline measures every
    /// event's parties, and reading them from here spares a look at the
    /// list and its codes, far apart in memory at a million events).
    #[serde(skip)]
    parties_width: u8,
    pub date_note: Option<Str<'a>>,
    pub parties: Vec<Str<'a>>,
    pub people: Vec<Str<'a>>,
    pub place: Option<Str<'a>>,
    pub thread: Option<Str<'a>>,
    pub tags: Vec<Str<'a>>,
    pub quotes: Vec<Quote<'a>>,
    /// What few events have, kept apart so that an event without it is
    /// smaller (at a million events, a hundred megabytes less to hold).
    /// Serialized in place, as the fields it holds.
    #[serde(flatten)]
    rare: Option<Box<Rare<'a>>>,
    /// Byte range of this event's JSON object in the dataset file.
    #[serde(skip)]
    span: Range<usize>,
    /// Fields a user added.
    #[serde(flatten)]
    pub extra: Extra,
}

impl<'a> Rare<'a> {
    /// The rare fields, boxed, when the event has any.
    fn of(
        date_reasoning: Option<Str<'a>>,
        expected: Option<Date>,
        outcome: Option<Str<'a>>,
        after: Vec<Str<'a>>,
        order_note: Option<Str<'a>>,
    ) -> Option<Box<Rare<'a>>> {
        let none = date_reasoning.is_none()
            && expected.is_none()
            && outcome.is_none()
            && after.is_empty()
            && order_note.is_none();
        (!none).then(|| {
            Box::new(Rare {
                date_reasoning,
                expected,
                outcome,
                after,
                order_note,
            })
        })
    }
}

/// The fields of an event that few events have.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct Rare<'a> {
    /// The curator's longer reasoning about the date, beside `date_note`.
    #[serde(skip_serializing_if = "Option::is_none")]
    date_reasoning: Option<Str<'a>>,
    /// For a plan: when the thing was expected to happen (`date` is when
    /// it was said). Serialized as the EDTF string it was read from.
    #[serde(skip_serializing_if = "Option::is_none")]
    expected: Option<Date>,
    /// For a plan with `expected`: the event that shows what came of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    outcome: Option<Str<'a>>,
    /// Ids of the events this one happened after.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    after: Vec<Str<'a>>,
    /// Why this event comes after those in `after`.
    #[serde(skip_serializing_if = "Option::is_none")]
    order_note: Option<Str<'a>>,
}

/// `v` without room to grow: a list read from JSON has room for four
/// items from its first, and an event's lists are kept as they are.
fn exact<T>(mut v: Vec<T>) -> Vec<T> {
    v.shrink_to_fit();
    v
}

impl<'a> Event<'a> {
    /// The checked event: the fields of `raw` (but its quotes), moved,
    /// with its date and its checked quotes.
    fn new(
        raw: raw::Event<'a>,
        date: Date,
        expected: Option<Date>,
        quotes: Vec<Quote<'a>>,
        span: Range<usize>,
    ) -> Event<'a> {
        Event {
            id: raw.id,
            title: raw.title,
            summary: raw.summary,
            kind: raw.kind,
            date,
            date_basis: raw.date_basis,
            parties_width: parties_width(&raw.parties).min(u8::MAX as usize) as u8,
            date_note: raw.date_note,
            parties: exact(raw.parties),
            people: exact(raw.people),
            place: raw.place,
            thread: raw.thread,
            tags: exact(raw.tags),
            quotes: exact(quotes),
            rare: Rare::of(
                raw.date_reasoning,
                expected,
                raw.outcome,
                raw.after,
                raw.order_note,
            ),
            span,
            extra: raw.extra,
        }
    }

    /// The date, parsed.
    pub fn date(&self) -> &Date {
        &self.date
    }

    /// The width of the parties' label ([`parties_label`]) as loaded, at
    /// most 255.
    pub fn parties_width(&self) -> usize {
        self.parties_width.into()
    }

    /// For a plan, when the thing was expected to happen.
    pub fn expected(&self) -> Option<&Date> {
        self.rare.as_ref()?.expected.as_ref()
    }

    /// The curator's longer reasoning about the date, beside `date_note`.
    pub fn date_reasoning(&self) -> Option<&str> {
        self.rare.as_ref()?.date_reasoning.as_deref()
    }

    /// For a plan with `expected`: the id of the event that shows what
    /// came of it.
    pub fn outcome(&self) -> Option<&str> {
        self.rare.as_ref()?.outcome.as_deref()
    }

    /// Ids of the events this one happened after.
    pub fn after(&self) -> &[Str<'a>] {
        self.rare.as_ref().map_or(&[], |r| &r.after)
    }

    /// Why this event comes after those in `after`.
    pub fn order_note(&self) -> Option<&str> {
        self.rare.as_ref()?.order_note.as_deref()
    }

    /// This event without the `after` entries and the `outcome` that
    /// `keep` does not keep (for an export that leaves events out).
    fn keeping_links(&mut self, keep: impl Fn(&str) -> bool) {
        if let Some(rare) = self.rare.as_mut() {
            rare.after.retain(|a| keep(a));
            if rare.outcome.as_deref().is_some_and(|o| !keep(o)) {
                rare.outcome = None;
            }
        }
    }

    /// Byte range of this event's JSON object in the text it was loaded
    /// from (used to report problems and to open an editor at it).
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }
}

/// What came of a plan, judged by the date of its `outcome` against its
/// `expected` date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forecast {
    /// The outcome's date lies certainly within `expected`.
    Met,
    /// The outcome came certainly after `expected` ended.
    Later,
    /// The outcome came certainly before `expected` began.
    Earlier,
    /// The dates overlap, or an end is approximate: they cannot tell.
    Unclear,
}

impl Forecast {
    /// The verdict in words ("met", "not met (later)").
    pub fn describe(self) -> &'static str {
        match self {
            Forecast::Met => "met",
            Forecast::Later => "not met (later)",
            Forecast::Earlier => "not met (earlier)",
            Forecast::Unclear => "unclear from the dates",
        }
    }
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

/// The events' list, borrowing from the dataset's text. Each event is
/// boxed: the reading threads' lists are joined and the story sort puts
/// events in order by moving pointers, not events of a few hundred bytes
/// (at a million events, a second, most of it spent faulting in the
/// memory a moved list is copied to).
pub(super) type EventList<'a> = Vec<Box<Event<'a>>>;

self_cell::self_cell!(
    /// A dataset file's text and its events, whose strings point into it.
    struct Store {
        owner: String,
        #[covariant]
        dependent: EventList,
    }
);

/// A loaded, validated dataset. Events are in the story's order. Made only by
/// the loader ([`Dataset::load`], [`Dataset::parse`]), and not changed after.
pub struct Dataset {
    title: String,
    description: String,
    countries: BTreeMap<String, String>,
    sources: Vec<Source>,
    people: Vec<Person>,
    threads: Vec<Thread>,
    /// The text the dataset was read from, and its events.
    store: Store,
    disputes: Vec<Dispute>,
    lines: Vec<Line>,
    /// Top-level fields a user added.
    extra: Extra,
    origin: Origin,
    index: Index,
    /// Each event's disputes and milestones.
    links: links::Links,
    /// For each event, a summary of the characters in its searchable text,
    /// filled by [`crate::query::search::marks`] on first use. It describes the
    /// events as loaded: a dataset is not changed after loading.
    text_marks: OnceLock<Vec<u64>>,
    /// The events (their positions) in the order they were read, which is
    /// the order they lie in memory, and each event's place in it: see
    /// [`Dataset::memory_order`].
    memory_order: Vec<u32>,
    memory_rank: Vec<u32>,
    /// Whether every quote's place in its source is known (see
    /// [`Dataset::load_unchecked`]).
    quotes_located: AtomicBool,
}

impl std::fmt::Debug for Dataset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dataset")
            .field("title", &self.title)
            .field("origin", &self.origin)
            .field("sources", &self.sources.len())
            .field("events", &self.events().len())
            .finish_non_exhaustive()
    }
}

/// A dataset's parts but its events, checked, from which [`Dataset::new`]
/// builds it.
struct Parts {
    title: String,
    description: String,
    countries: BTreeMap<String, String>,
    sources: Vec<Source>,
    people: Vec<Person>,
    threads: Vec<Thread>,
    disputes: Vec<Dispute>,
    lines: Vec<Line>,
    extra: Extra,
    /// The events' positions sorted by id, when the loader has them (it
    /// sorts them to find repeated ids); else [`Dataset::new`] sorts.
    events_by_id: Option<Vec<u32>>,
    /// Each event's [`Date::sort_number`], when the loader has them.
    sort_keys: Option<Vec<u64>>,
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
    /// For each thread (by position), its events in the story's order.
    thread_events: Vec<Vec<usize>>,
}

impl Index {
    /// The index of events in the story's order, whose positions sorted
    /// by id are `events_by_id`; the thread of the event at each place
    /// of that order is `thread_at` (a position in `threads`).
    fn build(
        events_by_id: Vec<u32>,
        thread_at: impl Iterator<Item = Option<usize>>,
        sources: &[Source],
        people: &[Person],
        threads: (&[Thread], IdIndex),
    ) -> Index {
        let (threads, threads_idx) = threads;
        let mut thread_events = vec![Vec::new(); threads.len()];
        for (i, t) in thread_at.enumerate() {
            if let Some(t) = t {
                thread_events[t].push(i);
            }
        }
        Index {
            events: IdIndex(events_by_id),
            sources: IdIndex::build(sources.iter().map(|s| s.id.as_str())),
            people: IdIndex::build(people.iter().map(|p| p.id.as_str())),
            threads: threads_idx,
            thread_events,
        }
    }
}

/// No thread, in a list of threads' positions.
const NO_THREAD: u32 = u32::MAX;

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
    /// The dataset of checked parts: events in the story's order (by date,
    /// `after` deciding among overlapping dates, then by id), and the
    /// indexes built.
    fn new(parts: Parts, mut store: Store, origin: Origin) -> Dataset {
        let Parts {
            title,
            description,
            countries,
            sources,
            people,
            threads,
            disputes,
            lines,
            extra,
            events_by_id,
            sort_keys,
        } = parts;
        let by_id = events_by_id.unwrap_or_else(|| {
            IdIndex::build(store.borrow_dependent().iter().map(|e| e.id.as_ref())).0
        });
        // Each event's thread, looked up before the sort: in the file's
        // order the events lie one after another in memory, and reading
        // them in the story's order would jump for each.
        let threads_idx = IdIndex::build(threads.iter().map(|t| t.id.as_str()));
        let thread_of: Vec<u32> = store
            .borrow_dependent()
            .iter()
            .map(|e| {
                e.thread
                    .as_deref()
                    .and_then(|t| threads_idx.find(t, |k| &threads[k].id))
                    .map_or(NO_THREAD, |t| t as u32)
            })
            .collect();
        // Where each event goes in the story's order, and so where each
        // position of the id order now points.
        let order = store.with_dependent_mut(|_, events| {
            let keys =
                sort_keys.unwrap_or_else(|| events.iter().map(|e| e.date.sort_number()).collect());
            order::sort(events, &by_id, &keys)
        });
        let mut place = vec![0u32; order.len()];
        for (k, &from) in order.iter().enumerate() {
            place[from as usize] = k as u32;
        }
        let by_id = by_id.into_iter().map(|i| place[i as usize]).collect();
        let events = store.borrow_dependent();
        let thread_at = order
            .iter()
            .map(|&from| thread_of[from as usize])
            .map(|t| (t != NO_THREAD).then_some(t as usize));
        let index = Index::build(by_id, thread_at, &sources, &people, (&threads, threads_idx));
        let links = links::Links::build(&disputes, &lines, |id| {
            index.events.find(id, |i| &events[i].id)
        });
        Dataset {
            title,
            description,
            countries,
            sources,
            people,
            threads,
            store,
            disputes,
            lines,
            extra,
            origin,
            index,
            links,
            text_marks: OnceLock::new(),
            memory_order: place,
            memory_rank: order,
            quotes_located: AtomicBool::new(true),
        }
    }

    /// The same dataset as if it came from elsewhere (the built-in dataset
    /// cannot be edited or reloaded), for the interface's tests.
    #[cfg(test)]
    pub(crate) fn with_origin(mut self, origin: Origin) -> Dataset {
        self.origin = origin;
        self
    }

    /// The same dataset without events or threads (which the loader never
    /// gives), for the interface's tests of an empty timeline.
    #[cfg(test)]
    pub(crate) fn without_events(self) -> Dataset {
        let parts = Parts {
            title: self.title,
            description: self.description,
            countries: self.countries,
            sources: self.sources,
            people: self.people,
            threads: Vec::new(),
            disputes: Vec::new(),
            lines: Vec::new(),
            extra: self.extra,
            events_by_id: None,
            sort_keys: None,
        };
        Dataset::new(
            parts,
            Store::new(String::new(), |_| Vec::new()),
            self.origin,
        )
    }

    /// The text the dataset was read from (in our format: a TimelineJS
    /// file is read as the dataset it converts to).
    pub fn text(&self) -> &str {
        self.store.borrow_owner()
    }

    pub fn title(&self) -> &str {
        &self.title
    }
    pub fn description(&self) -> &str {
        &self.description
    }
    /// Country codes and their names.
    pub fn countries(&self) -> &BTreeMap<String, String> {
        &self.countries
    }
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }
    pub fn people(&self) -> &[Person] {
        &self.people
    }
    pub fn threads(&self) -> &[Thread] {
        &self.threads
    }
    /// The events (their positions in [`Dataset::events`]) in the order
    /// they were read from the file, which is the order they lie in
    /// memory: a pass that reads every event's texts goes through memory
    /// one way in this order, where the story's order jumps for each.
    pub fn memory_order(&self) -> &[u32] {
        &self.memory_order
    }

    /// Each event's place in [`Dataset::memory_order`].
    pub fn memory_rank(&self) -> &[u32] {
        &self.memory_rank
    }

    /// The events, in the story's order; everything else refers to them by
    /// position in this list.
    pub fn events(&self) -> &[Box<Event<'_>>] {
        self.store.borrow_dependent()
    }
    /// Top-level fields a user added.
    pub fn extra(&self) -> &Extra {
        &self.extra
    }
    /// Where the dataset came from.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }
    pub fn event_index(&self, id: &str) -> Option<usize> {
        self.index.events.find(id, |i| &self.events()[i].id)
    }
    /// Position of a source in `sources`.
    pub fn source_index(&self, id: &str) -> Option<usize> {
        self.index.sources.find(id, |i| &self.sources[i].id)
    }
    /// Position of a thread in `threads`.
    pub fn thread_index(&self, id: &str) -> Option<usize> {
        self.index.threads.find(id, |i| &self.threads[i].id)
    }
    pub fn event(&self, id: &str) -> Option<&Event<'_>> {
        self.event_index(id).map(|i| &*self.events()[i])
    }
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_index(id).map(|i| &self.sources[i])
    }
    /// The per-event marks, built by `build` on the first call.
    pub(crate) fn text_marks(&self, build: impl FnOnce() -> Vec<u64>) -> &[u64] {
        self.text_marks.get_or_init(build)
    }
    /// Whether the search marks are made (else [`Dataset::text_marks`]
    /// makes them, or waits for the thread that is making them).
    pub(crate) fn text_marks_made(&self) -> bool {
        self.text_marks.get().is_some()
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
    /// The events of a thread, as indices into `events`, in the story's order.
    pub fn thread_events(&self, thread_id: &str) -> &[usize] {
        match self.thread_index(thread_id) {
            Some(t) => &self.index.thread_events[t],
            None => &[],
        }
    }
    /// For a plan with `expected` and `outcome`: whether the forecast was
    /// met, and the outcome event. Met when the outcome's date lies
    /// certainly within `expected`; later or earlier when it certainly
    /// falls after or before it; otherwise unclear.
    pub fn forecast(&self, plan: &Event) -> Option<(Forecast, &Event<'_>)> {
        let expected = plan.expected()?;
        let outcome = self.event(plan.outcome()?)?;
        let date = outcome.date();
        let verdict = if date.certainly_within(expected) {
            Forecast::Met
        } else if expected.certainly_before(date) {
            Forecast::Later
        } else if date.certainly_before(expected) {
            Forecast::Earlier
        } else {
            Forecast::Unclear
        };
        Some((verdict, outcome))
    }
    /// Position (1-based) of an event within its thread, and the thread's length.
    pub fn thread_position(&self, event: usize) -> Option<(usize, usize)> {
        let thread = self.events()[event].thread.as_deref()?;
        let list = self.thread_events(thread);
        // A thread lists its events by position in `events`, ascending, so
        // this is a search, not a scan: the details pane asks every frame.
        let pos = list.binary_search(&event).ok()?;
        Some((pos + 1, list.len()))
    }
    /// How many quotes each source has, by source position.
    pub fn quote_counts(&self) -> Vec<usize> {
        let mut counts = vec![0; self.sources.len()];
        for q in self.events().iter().flat_map(|e| &e.quotes) {
            if let Some(i) = self.source_index(&q.source) {
                counts[i] += 1;
            }
        }
        counts
    }
    /// How many events quote each source, by source position.
    pub fn event_counts(&self) -> Vec<usize> {
        let mut counts = vec![0; self.sources.len()];
        for e in self.events() {
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

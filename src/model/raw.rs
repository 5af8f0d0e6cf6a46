//! What a dataset file says: the serde types the loader reads, before any
//! check. Only the loader (`load.rs`) sees them; it turns each into its
//! checked type (in `mod.rs`), moving the strings across.

use std::collections::BTreeMap;

use serde_json::value::RawValue;

use super::extra::{Extra, with_extra};
use super::{DateBasis, Kind, Str};

/// The top level, each list item left as raw JSON text (its place in the
/// file is where its problems are reported).
pub(super) struct RawTop<'a> {
    pub title: String,
    pub description: String,
    pub countries: BTreeMap<String, String>,
    pub sources: Vec<&'a RawValue>,
    pub people: Vec<&'a RawValue>,
    pub threads: Vec<&'a RawValue>,
    pub events: Vec<&'a RawValue>,
    pub disputes: Vec<&'a RawValue>,
    pub lines: Vec<&'a RawValue>,
    pub extra: Extra,
}

with_extra! {
    impl ['a] for RawTop<'a> as RawTop where ['de: 'a] {
        title: "title",
        description: "description",
        countries: "countries",
        sources: "sources",
        people: "people",
        threads: "threads",
        events: "events",
        disputes: "disputes" or Vec::new(),
        lines: "lines" or Vec::new(),
    }
    rest {}
}

/// A source as written: `published` still a string.
pub(super) struct Source {
    pub id: String,
    pub file: String,
    pub publisher: String,
    pub headline: String,
    pub published: Option<String>,
    pub published_basis: Option<DateBasis>,
    pub byline: Option<String>,
    pub url: Option<String>,
    pub note: Option<String>,
    pub extra: Extra,
}

with_extra! {
    impl [] for Source as Source {
        id: "id",
        file: "file",
        publisher: "publisher",
        headline: "headline",
        published: "published" or None,
        published_basis: "published_basis" or None,
        byline: "byline" or None,
        url: "url" or None,
        note: "note" or None,
    }
    rest {}
}

/// A quote as written: not yet found in its source.
pub(super) struct Quote<'a> {
    pub source: Str<'a>,
    pub text: Str<'a>,
    pub extra: Extra,
}

with_extra! {
    impl ['a] for Quote<'a> as Quote where ['de: 'a] {
        source: "source",
        text: "text",
    }
    rest {}
}

/// An event as written: `date` still a string; its strings borrowed from
/// the dataset's text where they have no escapes.
pub(super) struct Event<'a> {
    pub id: Str<'a>,
    pub title: Str<'a>,
    pub summary: Str<'a>,
    pub kind: Kind,
    pub date: Str<'a>,
    pub date_basis: DateBasis,
    pub date_note: Option<Str<'a>>,
    pub parties: Vec<Str<'a>>,
    pub people: Vec<Str<'a>>,
    pub place: Option<Str<'a>>,
    pub thread: Option<Str<'a>>,
    pub tags: Vec<Str<'a>>,
    pub quotes: Vec<Quote<'a>>,
    pub date_reasoning: Option<Str<'a>>,
    pub expected: Option<Str<'a>>,
    pub outcome: Option<Str<'a>>,
    pub after: Vec<Str<'a>>,
    pub order_note: Option<Str<'a>>,
    pub extra: Extra,
}

with_extra! {
    impl ['a] for Event<'a> as Event where ['de: 'a] {
        id: "id",
        title: "title",
        summary: "summary",
        kind: "kind",
        date: "date",
        date_basis: "date_basis",
        date_note: "date_note" or None,
        parties: "parties" or Vec::new(),
        people: "people" or Vec::new(),
        place: "place" or None,
        thread: "thread" or None,
        tags: "tags" or Vec::new(),
        quotes: "quotes",
        date_reasoning: "date_reasoning" or None,
        expected: "expected" or None,
        outcome: "outcome" or None,
        after: "after" or Vec::new(),
        order_note: "order_note" or None,
    }
    rest {}
}

/// A reading of a dispute as written: its quote not yet found.
pub(super) struct Reading {
    pub source: String,
    pub quote: String,
    pub reading: String,
    pub extra: Extra,
}

with_extra! {
    impl [] for Reading as Reading {
        source: "source",
        quote: "quote",
        reading: "reading",
    }
    rest {}
}

/// A dispute as written.
pub(super) struct Dispute {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub readings: Vec<Reading>,
    pub events: Vec<String>,
    pub extra: Extra,
}

with_extra! {
    impl [] for Dispute as Dispute {
        id: "id",
        title: "title",
        summary: "summary",
        readings: "readings",
        events: "events" or Vec::new(),
    }
    rest {}
}

/// A milestone as written: its status still a string, so that an unknown
/// one is reported with the list of those allowed.
pub(super) struct Milestone {
    pub status: String,
    pub event: String,
    pub extra: Extra,
}

with_extra! {
    impl [] for Milestone as Milestone {
        status: "status",
        event: "event",
    }
    rest {}
}

/// A line as written.
pub(super) struct Line {
    pub id: String,
    pub name: String,
    pub parties: Vec<String>,
    pub endpoints: String,
    pub summary: String,
    pub milestones: Vec<Milestone>,
    pub extra: Extra,
}

with_extra! {
    impl [] for Line as Line {
        id: "id",
        name: "name",
        parties: "parties",
        endpoints: "endpoints",
        summary: "summary",
        milestones: "milestones" or Vec::new(),
    }
    rest {}
}

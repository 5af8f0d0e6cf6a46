//! Which events to show: the filter shared by `list`, `export` and (later) the TUI.
//!
//! Pure: no I/O, no terminal. Every field left empty lets every event through.

use crate::model::{Dataset, Date, Event, Kind};

/// A conjunction of conditions on an event.
///
/// - `kinds`: the event's kind is one of these (any of them).
/// - `parties`: every one of these is among the event's parties, so `KR` and
///   `CN` together mean the KR–CN pair.
/// - `thread`: the event belongs to this thread.
/// - `from`: the event's latest possible day is on or after the earliest day
///   of `from` (an event with an open or unknown end always passes).
/// - `to`: the event's earliest possible day is on or before the latest day
///   of `to` (an event with an open or unknown start always passes).
/// - `search`: the text occurs, ignoring case, in the event's id, title,
///   summary, place, tags, date note or one of its quotes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub kinds: Vec<Kind>,
    pub parties: Vec<String>,
    pub thread: Option<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub search: Option<String>,
}

impl Filter {
    /// True when no condition is set.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Whether the event at `event_idx` of `dataset` passes every condition.
    pub fn matches(&self, dataset: &Dataset, event_idx: usize) -> bool {
        self.matches_event(&dataset.events[event_idx])
    }

    /// Whether `event` passes every condition.
    pub fn matches_event(&self, event: &Event) -> bool {
        if !self.kinds.is_empty() && !self.kinds.contains(&event.kind) {
            return false;
        }
        if !self.parties.iter().all(|p| event.parties.contains(p)) {
            return false;
        }
        if let Some(thread) = &self.thread
            && event.thread.as_ref() != Some(thread)
        {
            return false;
        }
        if let (Some(from), Some(latest)) = (&self.from, event.date.latest())
            && from.earliest().is_some_and(|f| latest < f)
        {
            return false;
        }
        if let (Some(to), Some(earliest)) = (&self.to, event.date.earliest())
            && to.latest().is_some_and(|t| earliest > t)
        {
            return false;
        }
        if let Some(search) = &self.search {
            return contains_text(event, search);
        }
        true
    }

    /// The indices of the events that pass, in date order.
    pub fn apply(&self, dataset: &Dataset) -> Vec<usize> {
        (0..dataset.events.len())
            .filter(|&i| self.matches(dataset, i))
            .collect()
    }
}

fn contains_text(event: &Event, needle: &str) -> bool {
    let needle = needle.to_lowercase();
    let has = |s: &str| s.to_lowercase().contains(&needle);
    has(&event.id)
        || has(&event.title)
        || has(&event.summary)
        || event.place.as_deref().is_some_and(has)
        || event.date_note.as_deref().is_some_and(has)
        || event.tags.iter().any(|t| has(t))
        || event.quotes.iter().any(|q| has(&q.text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;

    const DATA: &str = r#"{
      "title": "t", "description": "d",
      "countries": {"KR": "South Korea", "CN": "China", "JP": "Japan"},
      "sources": [{"id": "s", "file": "s.txt", "publisher": "P", "headline": "H",
                   "published": null, "published_basis": null, "byline": null,
                   "url": null, "note": null}],
      "people": [], "threads": [{"id": "th", "title": "T", "summary": "S"}],
      "events": [
        {"id": "day", "title": "Day", "summary": "s", "kind": "meeting",
         "date": "2015-02-04", "date_basis": "stated", "parties": ["KR", "CN"],
         "thread": "th", "quotes": [{"source": "s", "text": "Alpha beta"}]},
        {"id": "month", "title": "Month", "summary": "s", "kind": "agreement",
         "date": "2014-07", "date_basis": "stated", "parties": ["KR", "JP"],
         "quotes": [{"source": "s", "text": "gamma"}]},
        {"id": "before", "title": "Before", "summary": "s", "kind": "background",
         "date": "../2012-07-31", "date_basis": "stated", "parties": ["CN"],
         "quotes": [{"source": "s", "text": "gamma"}]},
        {"id": "after", "title": "After", "summary": "s", "kind": "plan",
         "date": "2016/..", "date_basis": "stated", "parties": [],
         "quotes": [{"source": "s", "text": "gamma"}]}
      ]}"#;

    fn dataset() -> Dataset {
        let read = |_: &str| Ok("Alpha beta gamma".to_string());
        Dataset::parse(DATA, Origin::Embedded, &read).expect("test dataset loads")
    }

    fn ids(d: &Dataset, f: &Filter) -> Vec<String> {
        f.apply(d)
            .into_iter()
            .map(|i| d.events[i].id.clone())
            .collect()
    }

    fn date(s: &str) -> Option<Date> {
        Some(Date::parse(s).unwrap())
    }

    #[test]
    fn empty_filter_passes_everything_in_date_order() {
        let d = dataset();
        assert!(Filter::default().is_empty());
        assert_eq!(
            ids(&d, &Filter::default()),
            ["before", "month", "day", "after"]
        );
    }

    #[test]
    fn kinds_are_any_of_parties_are_all_of() {
        let d = dataset();
        let f = Filter {
            kinds: vec![Kind::Meeting, Kind::Plan],
            ..Filter::default()
        };
        assert_eq!(ids(&d, &f), ["day", "after"]);
        let f = Filter {
            parties: vec!["KR".into(), "CN".into()],
            ..Filter::default()
        };
        assert_eq!(ids(&d, &f), ["day"]);
        let f = Filter {
            parties: vec!["CN".into()],
            ..Filter::default()
        };
        assert_eq!(ids(&d, &f), ["before", "day"]);
    }

    #[test]
    fn from_and_to_compare_possible_days_and_open_ends_are_unbounded() {
        let d = dataset();
        // 2014-07 lasts to 31 Jul 2014, so it is on/after 2014-07-31.
        let f = Filter {
            from: date("2014-07-31"),
            ..Filter::default()
        };
        assert_eq!(ids(&d, &f), ["month", "day", "after"]);
        let f = Filter {
            from: date("2014-08"),
            ..Filter::default()
        };
        assert_eq!(ids(&d, &f), ["day", "after"]);
        // `to 2014` reaches 31 Dec 2014; the open start of `before` is unbounded.
        let f = Filter {
            to: date("2014"),
            ..Filter::default()
        };
        assert_eq!(ids(&d, &f), ["before", "month"]);
        let f = Filter {
            from: date("2015"),
            to: date("2015"),
            ..Filter::default()
        };
        assert_eq!(ids(&d, &f), ["day"]);
        // an open `to` has no latest day: no upper bound
        let f = Filter {
            to: date("2015/.."),
            ..Filter::default()
        };
        assert_eq!(ids(&d, &f).len(), 4);
    }

    #[test]
    fn thread_and_search() {
        let d = dataset();
        let f = Filter {
            thread: Some("th".into()),
            ..Filter::default()
        };
        assert_eq!(ids(&d, &f), ["day"]);
        let f = Filter {
            search: Some("ALPHA".into()),
            ..Filter::default()
        };
        assert_eq!(ids(&d, &f), ["day"]);
        let f = Filter {
            search: Some("aft".into()),
            ..Filter::default()
        };
        assert_eq!(ids(&d, &f), ["after"]);
        assert!(f.matches(&d, 3));
        assert!(!f.matches(&d, 0));
    }
}

//! Which events to show: the one filter of `list`, `export` and the TUI.
//!
//! Pure: no I/O, no terminal. Every field left empty lets every event through.

use crate::model::{Dataset, Date, DateBasis, Event, Kind};
use crate::query::search::{Matcher, event_matches};

/// A conjunction of conditions on an event.
///
/// - `kinds`: the event's kind is one of these (any of them).
/// - `parties`: every one of these is among the event's parties, so `KR` and
///   `CN` together mean the KR–CN pair.
/// - `threads`: the event belongs to one of these threads.
/// - `bases`: the event's date basis is one of these.
/// - `from`: the event's latest possible day is on or after the earliest day
///   of `from` (an event with an open or unknown end always passes).
/// - `to`: the event's earliest possible day is on or before the latest day
///   of `to` (an event with an open or unknown start always passes).
/// - `disputed`: when set, the event is in a dispute (sources disagree
///   about it).
/// - `search`: the text occurs in one of the event's searchable fields
///   ([`crate::query::search::fields`]), with smart case ([`Matcher`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub kinds: Vec<Kind>,
    pub parties: Vec<String>,
    pub threads: Vec<String>,
    pub bases: Vec<DateBasis>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub disputed: bool,
    pub search: Option<String>,
}

impl Filter {
    /// True when no condition is set.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// The indices of the events that pass, in date order.
    pub fn apply(&self, dataset: &Dataset) -> Vec<usize> {
        let matcher = self.matcher();
        (0..dataset.events().len())
            .filter(|&i| self.matches_with(dataset, &dataset.events()[i], matcher.as_ref()))
            .collect()
    }

    /// The search text, prepared once for many events.
    pub fn matcher(&self) -> Option<Matcher> {
        self.search.as_deref().and_then(Matcher::new)
    }

    /// Whether `event` passes, given `matcher` from [`Filter::matcher`].
    pub fn matches_with(
        &self,
        dataset: &Dataset,
        event: &Event,
        matcher: Option<&Matcher>,
    ) -> bool {
        if !self.kinds.is_empty() && !self.kinds.contains(&event.kind) {
            return false;
        }
        if !self
            .parties
            .iter()
            .all(|p| event.parties.iter().any(|q| q == p))
        {
            return false;
        }
        if !self.threads.is_empty()
            && !event
                .thread
                .as_ref()
                .is_some_and(|t| self.threads.iter().any(|s| s == t))
        {
            return false;
        }
        if !self.bases.is_empty() && !self.bases.contains(&event.date_basis) {
            return false;
        }
        // The event's ends are worked out only when a bound is set.
        if let Some(from) = &self.from
            && let Some(latest) = event.date().latest()
            && from.earliest().is_some_and(|f| latest < f)
        {
            return false;
        }
        if let Some(to) = &self.to
            && let Some(earliest) = event.date().earliest()
            && to.latest().is_some_and(|t| earliest > t)
        {
            return false;
        }
        if self.disputed
            && !dataset
                .event_index(&event.id)
                .is_some_and(|i| dataset.is_disputed(i))
        {
            return false;
        }
        matcher.is_none_or(|m| event_matches(dataset, event, m))
    }

    /// A short description for a header: `kind meeting|plan · KR+CN ·
    /// thread a|b · basis derived · from 2014 · to 2015 · disputed · "text"`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.kinds.is_empty() {
            let k: Vec<&str> = self.kinds.iter().map(|k| k.as_str()).collect();
            parts.push(format!("kind {}", k.join("|")));
        }
        if !self.parties.is_empty() {
            parts.push(self.parties.join("+"));
        }
        if !self.threads.is_empty() {
            parts.push(format!("thread {}", self.threads.join("|")));
        }
        if !self.bases.is_empty() {
            let b: Vec<&str> = self.bases.iter().map(|b| b.as_str()).collect();
            parts.push(format!("basis {}", b.join("|")));
        }
        if let Some(from) = &self.from {
            parts.push(format!("from {from}"));
        }
        if let Some(to) = &self.to {
            parts.push(format!("to {to}"));
        }
        if self.disputed {
            parts.push("disputed".to_string());
        }
        if let Some(search) = &self.search {
            parts.push(format!("\"{search}\""));
        }
        parts.join(" · ")
    }
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
      "people": [{"id": "han", "name": "Han Min-goo", "aliases": ["Han Min-koo"], "roles": []}],
      "threads": [{"id": "th", "title": "T", "summary": "S"}, {"id": "th2", "title": "T2", "summary": "S"}],
      "events": [
        {"id": "day", "title": "Day", "summary": "s", "kind": "meeting",
         "date": "2015-02-04", "date_basis": "stated", "parties": ["KR", "CN"],
         "thread": "th", "quotes": [{"source": "s", "text": "Alpha beta"}]},
        {"id": "month", "title": "Month", "summary": "s", "kind": "agreement",
         "date": "2014-07", "date_basis": "derived", "parties": ["KR", "JP"],
         "people": ["han"], "thread": "th2", "tags": ["naval"],
         "date_note": "Announced on a Tuesday.",
         "quotes": [{"source": "s", "text": "gamma"}]},
        {"id": "before", "title": "Before", "summary": "s", "kind": "background",
         "date": "../2012-07-31", "date_basis": "stated", "parties": ["CN"],
         "quotes": [{"source": "s", "text": "gamma"}]},
        {"id": "after", "title": "After", "summary": "s", "kind": "plan",
         "date": "2016/..", "date_basis": "external", "parties": [],
         "date_note": "From outside knowledge.",
         "quotes": [{"source": "s", "text": "gamma"}]}
      ],
      "disputes": [{"id": "d", "title": "D", "summary": "s", "events": ["month", "after"],
        "readings": [{"source": "s", "quote": "Alpha", "reading": "r"},
                     {"source": "s", "quote": "gamma", "reading": "r"}]}]}"#;

    fn dataset() -> Dataset {
        let read = |_: &str| Ok("Alpha beta gamma".to_string());
        Dataset::parse(DATA, Origin::Embedded, &read).expect("test dataset loads")
    }

    fn ids(d: &Dataset, f: &Filter) -> Vec<String> {
        f.apply(d)
            .into_iter()
            .map(|i| d.events()[i].id.to_string())
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
    fn threads_and_bases_are_any_of() {
        let d = dataset();
        let f = Filter {
            threads: vec!["th".into()],
            ..Filter::default()
        };
        assert_eq!(ids(&d, &f), ["day"]);
        let f = Filter {
            threads: vec!["th".into(), "th2".into()],
            ..Filter::default()
        };
        assert_eq!(ids(&d, &f), ["month", "day"]);
        let f = Filter {
            bases: vec![DateBasis::Derived, DateBasis::External],
            ..Filter::default()
        };
        assert_eq!(ids(&d, &f), ["month", "after"]);
        let f = Filter {
            bases: vec![DateBasis::Stated],
            threads: vec!["th2".into()],
            ..Filter::default()
        };
        assert!(ids(&d, &f).is_empty(), "conditions are all of");
    }

    #[test]
    fn search_uses_smart_case_over_every_field() {
        let d = dataset();
        let search = |s: &str| {
            ids(
                &d,
                &Filter {
                    search: Some(s.into()),
                    ..Filter::default()
                },
            )
        };
        // Lowercase ignores case; a capital makes it exact.
        assert_eq!(search("alpha"), ["day"]);
        assert_eq!(search("Alpha"), ["day"]);
        assert!(search("ALPHA").is_empty());
        // id, tags, date note, and a person's name and alias
        assert_eq!(search("aft"), ["after"]);
        assert_eq!(search("naval"), ["month"]);
        assert_eq!(search("tuesday"), ["month"]);
        assert_eq!(search("min-goo"), ["month"]);
        assert_eq!(search("Min-koo"), ["month"]);
        assert!(search("MIN-KOO").is_empty());
        let f = Filter {
            search: Some("aft".into()),
            ..Filter::default()
        };
        let passes = f.apply(&d);
        assert!(passes.contains(&3));
        assert!(!passes.contains(&0));
        // An empty search text lets everything through.
        let f = Filter {
            search: Some(String::new()),
            ..Filter::default()
        };
        assert_eq!(ids(&d, &f).len(), 4);
    }

    #[test]
    fn disputed_lets_through_only_the_events_of_a_dispute() {
        let d = dataset();
        let f = Filter {
            disputed: true,
            ..Filter::default()
        };
        assert!(!f.is_empty());
        assert_eq!(ids(&d, &f), ["month", "after"]);
        let f = Filter {
            disputed: true,
            kinds: vec![Kind::Plan, Kind::Meeting],
            ..Filter::default()
        };
        assert_eq!(ids(&d, &f), ["after"], "with the other conditions, all of");
    }

    #[test]
    fn describe_names_every_condition() {
        assert_eq!(Filter::default().describe(), "");
        let f = Filter {
            kinds: vec![Kind::Meeting, Kind::Plan],
            parties: vec!["KR".into(), "CN".into()],
            threads: vec!["th".into()],
            bases: vec![DateBasis::Derived],
            from: date("2014"),
            to: date("2015-06"),
            disputed: true,
            search: Some("line".into()),
        };
        assert_eq!(
            f.describe(),
            "kind meeting|plan · KR+CN · thread th · basis derived · from 2014 · to 2015-06 · disputed · \"line\""
        );
    }
}

//! The top-level records that tie events together: disputes (where sources
//! disagree, each reading quoted) and lines (a hotline and the events that
//! mark its status). Made only by the loader; an event finds the disputes
//! and milestones it is in through [`Links`], built once on load.

use std::ops::Range;

use serde::Serialize;

use super::extra::Extra;
use super::{Dataset, Event, raw};

/// What a source says on a disputed point: its words, found in it, and what
/// they imply, in our words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reading {
    pub source: String,
    /// Verbatim from the source, as an event's quote.
    pub quote: String,
    /// What the quote implies, in our words.
    pub reading: String,
    /// Byte range of the quote in its source's text.
    #[serde(skip)]
    range: Range<usize>,
    /// Fields a user added.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Reading {
    /// The reading of `raw`, its quote found at `range` of its source's text.
    pub(super) fn new(raw: raw::Reading, range: Range<usize>) -> Reading {
        Reading {
            source: raw.source,
            quote: raw.quote,
            reading: raw.reading,
            range,
            extra: raw.extra,
        }
    }

    /// Byte range of the quote in its source's text.
    pub fn range(&self) -> Range<usize> {
        self.range.clone()
    }
}

/// A point on which the sources disagree: two or more readings, and the
/// events it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dispute {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub readings: Vec<Reading>,
    /// Ids of the events concerned.
    pub events: Vec<String>,
    /// Fields a user added.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Dispute {
    /// The dispute of `raw` (but its readings), with its checked readings.
    pub(super) fn new(raw: raw::Dispute, readings: Vec<Reading>) -> Dispute {
        Dispute {
            id: raw.id,
            title: raw.title,
            summary: raw.summary,
            readings,
            events: raw.events,
            extra: raw.extra,
        }
    }
}

/// Where a line stands after a milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Proposed,
    Agreed,
    Planned,
    Opened,
    Used,
    Suspended,
    Closed,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Proposed,
        Status::Agreed,
        Status::Planned,
        Status::Opened,
        Status::Used,
        Status::Suspended,
        Status::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Agreed => "agreed",
            Status::Planned => "planned",
            Status::Opened => "opened",
            Status::Used => "used",
            Status::Suspended => "suspended",
            Status::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// An event that marks a line's status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Milestone {
    pub status: Status,
    /// The event's id.
    pub event: String,
    /// Fields a user added.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Milestone {
    pub(super) fn new(raw: raw::Milestone, status: Status) -> Milestone {
        Milestone {
            status,
            event: raw.event,
            extra: raw.extra,
        }
    }
}

/// A hotline: who it links, its ends, and the events that mark its status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    pub id: String,
    pub name: String,
    /// Country codes; every milestone's event involves all of them.
    pub parties: Vec<String>,
    pub endpoints: String,
    pub summary: String,
    pub milestones: Vec<Milestone>,
    /// Fields a user added.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Line {
    pub(super) fn new(raw: raw::Line, milestones: Vec<Milestone>) -> Line {
        Line {
            id: raw.id,
            name: raw.name,
            parties: raw.parties,
            endpoints: raw.endpoints,
            summary: raw.summary,
            milestones,
            extra: raw.extra,
        }
    }
}

/// For each event, the disputes and milestones it is in: pairs of (event
/// position, dispute position) and (event position, line position,
/// milestone position), sorted, so an event's are found by a search.
#[derive(Debug, Clone, Default)]
pub(super) struct Links {
    disputes: Vec<(u32, u32)>,
    milestones: Vec<(u32, u32, u32)>,
}

impl Links {
    /// The links of checked disputes and lines; `event_index` gives an
    /// event's position in the sorted events (every id is known: the loader
    /// checked them).
    pub(super) fn build(
        disputes: &[Dispute],
        lines: &[Line],
        event_index: impl Fn(&str) -> Option<usize>,
    ) -> Links {
        let mut d: Vec<(u32, u32)> = Vec::new();
        for (k, dispute) in disputes.iter().enumerate() {
            for id in &dispute.events {
                if let Some(i) = event_index(id) {
                    d.push((i as u32, k as u32));
                }
            }
        }
        d.sort_unstable();
        d.dedup();
        let mut m: Vec<(u32, u32, u32)> = Vec::new();
        for (l, line) in lines.iter().enumerate() {
            for (j, milestone) in line.milestones.iter().enumerate() {
                if let Some(i) = event_index(&milestone.event) {
                    m.push((i as u32, l as u32, j as u32));
                }
            }
        }
        m.sort_unstable();
        Links {
            disputes: d,
            milestones: m,
        }
    }
}

/// The entries of a sorted list whose first field is `event`.
fn run_of<T>(list: &[T], event: usize, key: impl Fn(&T) -> u32) -> &[T] {
    let event = event as u32;
    let start = list.partition_point(|x| key(x) < event);
    let end = list.partition_point(|x| key(x) <= event);
    &list[start..end]
}

/// A line's current status: its latest milestone, and that milestone's
/// event's position in the dataset's sorted events.
///
/// "Latest" is by the events' order in the dataset (`position` gives an
/// event's place in it), never by comparing dates here, so the status
/// follows whatever order the dataset keeps; of two milestones on the same
/// event, the one listed last.
pub fn current(
    line: &Line,
    position: impl Fn(&str) -> Option<usize>,
) -> Option<(&Milestone, usize)> {
    line.milestones
        .iter()
        .filter_map(|m| position(&m.event).map(|p| (m, p)))
        .max_by_key(|&(_, p)| p)
}

impl Dataset {
    /// The disputes, in the order of the file.
    pub fn disputes(&self) -> &[Dispute] {
        &self.disputes
    }

    /// The lines, in the order of the file.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// The disputes that concern the event at `event` (its position in
    /// [`Dataset::events`]), in the order of the file.
    pub fn event_disputes(&self, event: usize) -> impl Iterator<Item = &Dispute> {
        run_of(&self.links.disputes, event, |x| x.0)
            .iter()
            .map(|&(_, k)| &self.disputes[k as usize])
    }

    /// Whether the event at `event` is in a dispute.
    pub fn is_disputed(&self, event: usize) -> bool {
        !run_of(&self.links.disputes, event, |x| x.0).is_empty()
    }

    /// The milestones the event at `event` is, with their lines.
    pub fn event_milestones(&self, event: usize) -> impl Iterator<Item = (&Line, &Milestone)> {
        run_of(&self.links.milestones, event, |x| x.0)
            .iter()
            .map(|&(_, l, j)| {
                let line = &self.lines[l as usize];
                (line, &line.milestones[j as usize])
            })
    }

    /// A line's current status: its latest milestone in the events' order,
    /// and that milestone's event.
    pub fn line_status<'a>(&'a self, line: &'a Line) -> Option<(&'a Milestone, &'a Event<'a>)> {
        current(line, |id| self.event_index(id)).map(|(m, i)| (m, &*self.events()[i]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(milestones: &[(Status, &str)]) -> Line {
        Line {
            id: "l".into(),
            name: "L".into(),
            parties: vec!["KR".into(), "CN".into()],
            endpoints: "e".into(),
            summary: "s".into(),
            milestones: milestones
                .iter()
                .map(|&(status, event)| Milestone {
                    status,
                    event: event.into(),
                    extra: Extra::default(),
                })
                .collect(),
            extra: Extra::default(),
        }
    }

    /// Positions of events in a sorted list, as the dataset gives them.
    fn order<'a>(ids: &'a [&'a str]) -> impl Fn(&str) -> Option<usize> + 'a {
        move |id| ids.iter().position(|x| *x == id)
    }

    #[test]
    fn the_current_status_is_the_milestone_whose_event_comes_last_in_order() {
        // Listed out of order: the event's place decides, not the list's.
        let l = line(&[
            (Status::Used, "c"),
            (Status::Agreed, "a"),
            (Status::Opened, "b"),
        ]);
        let (m, p) = current(&l, order(&["a", "b", "c"])).unwrap();
        assert_eq!((m.status, p), (Status::Used, 2));
        // The same milestones in another order of events (a sort that puts
        // `b` after `c`, say for an `after` link) give another status.
        let (m, p) = current(&l, order(&["a", "c", "b"])).unwrap();
        assert_eq!((m.status, p), (Status::Opened, 2));
    }

    #[test]
    fn on_one_event_the_milestone_listed_last_wins_and_no_milestone_means_no_status() {
        let l = line(&[(Status::Agreed, "a"), (Status::Planned, "a")]);
        assert_eq!(
            current(&l, order(&["a"])).map(|(m, _)| m.status),
            Some(Status::Planned)
        );
        assert!(current(&line(&[]), order(&["a"])).is_none());
    }

    #[test]
    fn statuses_parse_from_their_names_only() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(Status::parse("Opened"), None);
        assert_eq!(Status::parse("open"), None);
    }

    #[test]
    fn links_find_an_events_disputes_and_milestones() {
        let l = line(&[(Status::Agreed, "a"), (Status::Opened, "b")]);
        let d = Dispute {
            id: "d".into(),
            title: "D".into(),
            summary: "s".into(),
            readings: Vec::new(),
            events: vec!["b".into(), "c".into()],
            extra: Extra::default(),
        };
        let links = Links::build(&[d], &[l], order(&["a", "b", "c"]));
        assert!(run_of(&links.disputes, 0, |x| x.0).is_empty());
        assert_eq!(run_of(&links.disputes, 1, |x| x.0), [(1, 0)]);
        assert_eq!(run_of(&links.disputes, 2, |x| x.0), [(2, 0)]);
        assert_eq!(run_of(&links.milestones, 1, |x| x.0), [(1, 0, 1)]);
        assert!(run_of(&links.milestones, 2, |x| x.0).is_empty());
    }
}

//! The filtered timeline: event indices and the rows that show them under
//! year headings. Built when the filter changes, never while drawing.

use crate::model::Dataset;
use crate::model::{Date, DateBasis, Event, Kind, Qualifier};

use crate::query::filter::Filter;

/// What a heading over a run of events says. Events whose start is
/// known go under their start year (an interval across years under the
/// year it begins); events that may lie long before a known end
/// (`../2012-07-31`) go under "by" that end's year, so that they never
/// read as events of that year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Heading {
    pub year: i64,
    pub kind: HeadingKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingKind {
    /// `2012`.
    Year,
    /// `c. 2011`: a start known only to about the year.
    Circa,
    /// `2011?`: a start year the source is not sure of.
    Uncertain,
    /// `by 2012`: an open or unknown start, on or before that year.
    By,
}

impl Heading {
    /// The heading of an event's date.
    pub fn of(date: &Date) -> Heading {
        let kind = match date.start() {
            None => HeadingKind::By,
            Some(p) if p.month().is_some() => HeadingKind::Year,
            Some(p) => match p.qualifier() {
                Qualifier::None => HeadingKind::Year,
                Qualifier::Uncertain => HeadingKind::Uncertain,
                Qualifier::Approximate | Qualifier::Both => HeadingKind::Circa,
            },
        };
        let year = match date.start() {
            Some(p) => p.year(),
            None => date.year(),
        };
        Heading { year, kind }
    }

    pub fn label(self) -> String {
        let y = crate::model::year_text(self.year);
        match self.kind {
            HeadingKind::Year => y,
            HeadingKind::Circa => format!("c. {y}"),
            HeadingKind::Uncertain => format!("{y}?"),
            HeadingKind::By => format!("by {y}"),
        }
    }
}

/// A timeline row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A heading over the events that follow it.
    Heading(Heading),
    /// An event, by its position in [`View::events`].
    Event(u32),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    /// Indices into `Dataset::events` of the events shown, in date order.
    pub events: Vec<u32>,
    /// The rows: year headings and events.
    pub rows: Vec<Row>,
    /// For each shown event, its row.
    pub event_row: Vec<u32>,
    /// The widest compact date among the events shown, in columns, at
    /// most [`MAX_DATE`].
    pub date_width: usize,
    /// The widest parties label among the events shown, at most
    /// [`MAX_PARTIES`].
    pub parties_width: usize,
}

/// The widest the date column grows: wider dates are cut.
pub const MAX_DATE: usize = 16;
/// The widest the parties column grows: two codes (`KR–CN`); more
/// parties show as the first and how many more (`KR+2`).
pub const MAX_PARTIES: usize = 5;

/// The parties of an event for the timeline's column: the codes joined
/// by the en dash of [`crate::model::parties_label`] while they fit in [`MAX_PARTIES`] columns, else the first code
/// and how many more (`US+3`). Sanitized.
pub fn parties_label<S: AsRef<str>>(parties: &[S]) -> String {
    let joined = crate::text::sanitize_line(&crate::model::parties_label(parties)).into_owned();
    if crate::text::width(&joined) <= MAX_PARTIES || parties.len() < 2 {
        return joined;
    }
    let first = crate::text::sanitize_line(parties[0].as_ref());
    format!("{first}+{}", parties.len() - 1)
}

/// The width of [`parties_label`], without making it when every code is
/// printable ASCII (as a loaded dataset's codes are: two capitals).
pub fn parties_width<S: AsRef<str>>(parties: &[S]) -> usize {
    if !parties
        .iter()
        .all(|p| p.as_ref().bytes().all(|b| b.is_ascii_graphic()))
    {
        return crate::text::width(&parties_label(parties));
    }
    let joined = crate::model::parties_width(parties);
    if joined <= MAX_PARTIES || parties.len() < 2 {
        return joined;
    }
    let more = parties.len() - 1;
    parties[0].as_ref().len() + 1 + more.to_string().len()
}

/// The width of an event's [`parties_label`], from the width of its
/// parties joined that the loader measured ([`Event::parties_width`]): the
/// codes are read only when they do not fit. A loaded event's codes are
/// two capital letters, which sanitizing leaves as they are.
fn event_parties_width(e: &Event<'_>) -> usize {
    let joined = e.parties_width();
    if joined <= MAX_PARTIES || e.parties.len() < 2 {
        return joined;
    }
    parties_width(&e.parties)
}

/// What the view needs of one event, measured once per dataset
/// ([`facts`]): its heading, the kind and date basis the filter menu
/// selects on, and the widths of its compact date and of its
/// [`parties_label`] (each at most 255). Building a view from these reads
/// twelve bytes an event, in order, and allocates nothing per event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    heading: Heading,
    kind: Kind,
    basis: DateBasis,
    date_width: u8,
    parties_width: u8,
}

/// The [`Facts`] of every event of `data`, in its order.
pub fn facts(data: &Dataset) -> Vec<Facts> {
    let events = data.events();
    // Measured on every core for a large dataset (a list of this size
    // is read once per load).
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if events.len() < 20_000 || threads < 2 {
        return facts_of(events);
    }
    let size = events.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let runs: Vec<_> = events
            .chunks(size)
            .map(|run| scope.spawn(move || facts_of(run)))
            .collect();
        let mut all = Vec::with_capacity(events.len());
        for run in runs {
            all.extend(run.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        all
    })
}

/// The [`Facts`] of these events, in their order.
fn facts_of(events: &[Box<Event<'_>>]) -> Vec<Facts> {
    let narrow = |w: usize| w.min(u8::MAX as usize) as u8;
    // Events are in date order, so a date is often the one before: its
    // width is worked out (a formatted string) once per run of equal dates.
    let mut last: Option<(&Date, u8)> = None;
    events
        .iter()
        .map(|e| {
            let date_width = match last {
                Some((date, width)) if date == e.date() => width,
                _ => narrow(crate::text::width(&e.date().compact())),
            };
            last = Some((e.date(), date_width));
            Facts {
                heading: Heading::of(e.date()),
                kind: e.kind,
                basis: e.date_basis,
                date_width,
                parties_width: narrow(event_parties_width(e)),
            }
        })
        .collect()
}

impl View {
    /// The view of the events `filter` lets through; `facts` are
    /// [`facts`] of `data`.
    pub fn build(data: &Dataset, facts: &[Facts], filter: &Filter) -> View {
        let mut view = View::default();
        if filter.is_empty() {
            view.events.reserve_exact(facts.len());
            view.event_row.reserve_exact(facts.len());
        }
        // Kinds and bases are read from the facts; any other condition
        // from the event itself.
        let only_facts = Filter {
            kinds: Vec::new(),
            bases: Vec::new(),
            ..filter.clone()
        }
        .is_empty();
        let mut heading = None;
        let matcher = filter.matcher();
        for (i, f) in facts.iter().enumerate() {
            if !filter.kinds.is_empty() && !filter.kinds.contains(&f.kind)
                || !filter.bases.is_empty() && !filter.bases.contains(&f.basis)
                || !only_facts && !filter.matches_with(data, &data.events()[i], matcher.as_ref())
            {
                continue;
            }
            let h = f.heading;
            if heading != Some(h) {
                heading = Some(h);
                view.rows.push(Row::Heading(h));
            }
            view.date_width = view.date_width.max(f.date_width as usize);
            view.parties_width = view.parties_width.max(f.parties_width as usize);
            view.event_row.push(view.rows.len() as u32);
            view.rows.push(Row::Event(view.events.len() as u32));
            view.events.push(i as u32);
        }
        view.date_width = view.date_width.min(MAX_DATE);
        view.parties_width = view.parties_width.min(MAX_PARTIES);
        view
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// The position of a dataset event in the view, if shown.
    pub fn position(&self, event: usize) -> Option<usize> {
        self.events.binary_search(&(event as u32)).ok()
    }

    /// The position of the first shown event at or after a dataset event.
    pub fn position_at_or_after(&self, event: usize) -> usize {
        self.events.partition_point(|&e| (e as usize) < event)
    }

    /// The row to show with an event's row: its year heading when it is
    /// the first of its year.
    pub fn top_row(&self, pos: usize) -> usize {
        let r = self.event_row[pos] as usize;
        if r > 0 && matches!(self.rows[r - 1], Row::Heading(_)) {
            r - 1
        } else {
            r
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_measured_on_several_threads_are_those_of_one() {
        let data = crate::model::synthetic::dataset(20_011).unwrap();
        let all = facts(&data);
        assert_eq!(all.len(), 20_011);
        assert_eq!(all, facts_of(data.events()));
    }

    #[test]
    fn the_parties_width_is_the_labels() {
        let cases: [&[&str]; 8] = [
            &[],
            &["KR"],
            &["KR", "CN"],
            &["KR", "CN", "JP"],
            &[
                "US", "KR", "JP", "CN", "RU", "KP", "MN", "TW", "VN", "PH", "ID",
            ],
            &["中国", "KR"],
            &["K\u{1b}R", "CN"],
            &["KOREA", "CN"],
        ];
        for codes in cases {
            let codes: Vec<String> = codes.iter().map(|s| s.to_string()).collect();
            assert_eq!(
                parties_width(&codes),
                crate::text::width(&parties_label(&codes)),
                "{codes:?}"
            );
        }
    }

    #[test]
    fn an_events_parties_width_is_its_labels() {
        let embedded = Dataset::embedded().unwrap();
        let synthetic = crate::model::synthetic::dataset(500).unwrap();
        let mut more_than_two = 0;
        for e in embedded.events().iter().chain(synthetic.events()) {
            assert_eq!(
                event_parties_width(e),
                crate::text::width(&parties_label(&e.parties)),
                "{}",
                e.id
            );
            more_than_two += usize::from(e.parties.len() > 2);
        }
        assert!(more_than_two > 0, "an event with more than two parties");
    }

    fn label(edtf: &str) -> String {
        Heading::of(&edtf.parse().unwrap()).label()
    }

    #[test]
    fn headings_say_by_for_open_starts_and_c_for_approximate_years() {
        assert_eq!(label("2012-07-31"), "2012");
        assert_eq!(label("2012-07-31~"), "2012");
        assert_eq!(label("1950/1953"), "1950");
        assert_eq!(label("2013/.."), "2013");
        // May lie years before its end: never a heading of that year.
        assert_eq!(label("../2012-07-31"), "by 2012");
        assert_eq!(label("/2015"), "by 2015");
        assert_eq!(label("2011~"), "c. 2011");
        assert_eq!(label("2011%"), "c. 2011");
        assert_eq!(label("2011?"), "2011?");
    }

    #[test]
    fn parties_past_two_codes_show_the_first_and_how_many_more() {
        let p = |codes: &[&str]| {
            parties_label(&codes.iter().map(|c| c.to_string()).collect::<Vec<_>>())
        };
        assert_eq!(p(&["KR"]), "KR");
        assert_eq!(p(&["KR", "CN"]), "KR–CN");
        assert_eq!(p(&["KR", "CN", "KP"]), "KR+2");
        assert_eq!(p(&["US", "KR", "JP", "CN"]), "US+3");
        assert_eq!(p(&[]), "");
    }

    #[test]
    fn a_view_built_from_facts_shows_what_the_filter_lets_through() {
        let data = crate::model::synthetic::dataset(300).unwrap();
        let facts = facts(&data);
        let filters = [
            Filter::default(),
            Filter {
                kinds: vec![Kind::Meeting],
                ..Filter::default()
            },
            Filter {
                kinds: vec![Kind::Plan, Kind::Agreement],
                bases: vec![DateBasis::Derived],
                ..Filter::default()
            },
            Filter {
                kinds: vec![Kind::Meeting],
                parties: vec!["CN".into()],
                ..Filter::default()
            },
            Filter {
                bases: vec![DateBasis::Stated],
                ..Filter::default()
            },
        ];
        for f in filters {
            let view = View::build(&data, &facts, &f);
            let expected: Vec<u32> = f.apply(&data).into_iter().map(|i| i as u32).collect();
            assert_eq!(view.events, expected, "{f:?}");
            let widest = |w: &dyn Fn(usize) -> usize| {
                expected.iter().map(|&i| w(i as usize)).max().unwrap_or(0)
            };
            let e = |i: usize| &data.events()[i];
            assert_eq!(
                view.date_width,
                widest(&|i| crate::text::width(&e(i).date().compact())).min(MAX_DATE)
            );
            assert_eq!(
                view.parties_width,
                widest(&|i| crate::text::width(&parties_label(&e(i).parties))).min(MAX_PARTIES)
            );
            let headings = view
                .rows
                .iter()
                .filter(|r| matches!(r, Row::Heading(_)))
                .count();
            assert_eq!(view.rows.len(), expected.len() + headings);
        }
        assert!(!View::build(&data, &facts, &Filter::default()).is_empty());
        assert!(
            View::build(
                &data,
                &facts,
                &Filter {
                    bases: vec![DateBasis::Stated],
                    ..Filter::default()
                }
            )
            .is_empty()
        );
    }
}

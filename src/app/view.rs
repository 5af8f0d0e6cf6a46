//! The filtered timeline: event indices and the rows that show them under
//! year headings. Built when the filter changes, never while drawing.

use crate::model::Dataset;

use crate::query::filter::Filter;

/// A timeline row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A year heading.
    Year(i32),
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
}

impl View {
    pub fn build(data: &Dataset, filter: &Filter) -> View {
        let mut view = View::default();
        let mut year = None;
        let matcher = filter.matcher();
        for (i, e) in data.events().iter().enumerate() {
            if !filter.matches_with(data, e, matcher.as_ref()) {
                continue;
            }
            let y = e.date().year();
            if year != Some(y) {
                year = Some(y);
                view.rows.push(Row::Year(y));
            }
            view.event_row.push(view.rows.len() as u32);
            view.rows.push(Row::Event(view.events.len() as u32));
            view.events.push(i as u32);
        }
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
        if r > 0 && matches!(self.rows[r - 1], Row::Year(_)) {
            r - 1
        } else {
            r
        }
    }
}

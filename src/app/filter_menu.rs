//! The filter menu: its items, each turning one condition of the shared
//! [`Filter`] on or off.

use crate::model::{Dataset, DateBasis, Kind};

pub use crate::query::filter::Filter;

/// One line of the filter menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterItem {
    Kind(Kind),
    Country(String),
    Thread(String),
    Basis(DateBasis),
    /// Only events in a dispute.
    Disputed,
}

impl FilterItem {
    /// The menu section the item belongs to.
    pub fn section(&self) -> &'static str {
        match self {
            FilterItem::Kind(_) => "Kind",
            FilterItem::Country(_) => "Countries (all of)",
            FilterItem::Thread(_) => "Thread",
            FilterItem::Basis(_) => "Date basis",
            FilterItem::Disputed => "Sources",
        }
    }
}

/// The row of the menu that item `cursor` is on: below the count line and
/// the heading of its section and of every section before it.
pub fn menu_row(items: &[FilterItem], cursor: usize) -> usize {
    let mut row = 0;
    let mut section = "";
    for item in items.iter().take(cursor + 1) {
        if item.section() != section {
            section = item.section();
            row += 1;
        }
        row += 1;
    }
    row
}

/// The menu's items for a dataset: every kind, country, thread and basis,
/// and, when the dataset has disputes, the disputed events.
pub fn menu_items(data: &Dataset) -> Vec<FilterItem> {
    Kind::ALL
        .into_iter()
        .map(FilterItem::Kind)
        .chain(data.countries().keys().cloned().map(FilterItem::Country))
        .chain(
            data.threads()
                .iter()
                .map(|t| FilterItem::Thread(t.id.clone())),
        )
        .chain(DateBasis::ALL.into_iter().map(FilterItem::Basis))
        .chain((!data.disputes().is_empty()).then_some(FilterItem::Disputed))
        .collect()
}

fn toggle<T: PartialEq>(list: &mut Vec<T>, item: T) {
    match list.iter().position(|x| *x == item) {
        Some(i) => {
            list.remove(i);
        }
        None => list.push(item),
    }
}

impl FilterItem {
    /// Turns the item's condition on or off in `filter`.
    pub fn toggle(&self, filter: &mut Filter) {
        match self {
            FilterItem::Kind(k) => toggle(&mut filter.kinds, *k),
            FilterItem::Country(c) => toggle(&mut filter.parties, c.clone()),
            FilterItem::Thread(t) => toggle(&mut filter.threads, t.clone()),
            FilterItem::Basis(b) => toggle(&mut filter.bases, *b),
            FilterItem::Disputed => filter.disputed = !filter.disputed,
        }
    }

    /// Whether the item's condition is on in `filter`.
    pub fn is_on(&self, filter: &Filter) -> bool {
        match self {
            FilterItem::Kind(k) => filter.kinds.contains(k),
            FilterItem::Country(c) => filter.parties.contains(c),
            FilterItem::Thread(t) => filter.threads.contains(t),
            FilterItem::Basis(b) => filter.bases.contains(b),
            FilterItem::Disputed => filter.disputed,
        }
    }
}

//! The filter menu: its items, each turning one condition of the shared
//! [`Filter`] on or off.

use crate::model::{Dataset, DateBasis, Kind};
use crate::text::sanitize_line;

use super::App;
use super::styled::{Role, Run, StyledLine};
use super::timeline::MARKER;

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

/// What an item says in the menu.
fn label(data: &Dataset, item: &FilterItem) -> String {
    match item {
        FilterItem::Kind(k) => format!("{} {}", k.glyph(), k.as_str()),
        FilterItem::Country(c) => format!("{c}  {}", data.country_name(c)),
        FilterItem::Thread(id) => data.thread(id).map_or(id.clone(), |t| t.title.to_string()),
        FilterItem::Basis(b) => b.as_str().to_string(),
        FilterItem::Disputed => "disputed only (sources disagree)".to_string(),
    }
}

/// The menu's rows from row `offset`, at most `height` of them: the count
/// of events shown, then each section's heading and its items, the
/// cursor's marked. Rows before `offset` are counted, not built.
pub fn lines(app: &App, offset: usize, height: usize) -> Vec<StyledLine> {
    let end = offset.saturating_add(height);
    let mut out = Vec::new();
    let mut row = 0;
    let mut push = |row: &mut usize, build: &mut dyn FnMut() -> StyledLine| {
        if (offset..end).contains(row) {
            out.push(build());
        }
        *row += 1;
    };
    push(&mut row, &mut || {
        StyledLine::one(
            format!(
                "{} of {} events shown",
                app.view.len(),
                app.data.events().len()
            ),
            Role::Dim,
        )
    });
    let mut section = "";
    for (i, item) in app.filter_items.iter().enumerate() {
        if row >= end {
            break;
        }
        if item.section() != section {
            section = item.section();
            push(&mut row, &mut || StyledLine::one(section, Role::Title));
        }
        push(&mut row, &mut || {
            let on = if item.is_on(&app.filter) {
                "[x]"
            } else {
                "[ ]"
            };
            let mark = if i == app.filter_cursor { MARKER } else { " " };
            let text = format!("{mark} {on} {}", sanitize_line(&label(&app.data, item)));
            StyledLine(vec![Run::new(text, Role::Base)])
        });
    }
    out
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
                .map(|t| FilterItem::Thread(t.id.to_string())),
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

//! Which events the timeline shows.

use crate::model::{Dataset, DateBasis, Event, Kind};

/// The active filters. An empty list means "any". Kinds, threads and date
/// bases match any of those chosen; countries match events whose parties
/// include every chosen country (choose two for a country pair).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub kinds: Vec<Kind>,
    pub countries: Vec<String>,
    pub threads: Vec<String>,
    pub bases: Vec<DateBasis>,
}

/// One line of the filter menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterItem {
    Kind(Kind),
    Country(String),
    Thread(String),
    Basis(DateBasis),
}

impl FilterItem {
    /// The menu section the item belongs to.
    pub fn section(&self) -> &'static str {
        match self {
            FilterItem::Kind(_) => "Kind",
            FilterItem::Country(_) => "Countries (all of)",
            FilterItem::Thread(_) => "Thread",
            FilterItem::Basis(_) => "Date basis",
        }
    }
}

/// The menu's items for a dataset: every kind, country, thread and basis.
pub fn menu_items(data: &Dataset) -> Vec<FilterItem> {
    Kind::ALL
        .into_iter()
        .map(FilterItem::Kind)
        .chain(data.countries.keys().cloned().map(FilterItem::Country))
        .chain(
            data.threads
                .iter()
                .map(|t| FilterItem::Thread(t.id.clone())),
        )
        .chain(DateBasis::ALL.into_iter().map(FilterItem::Basis))
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

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
            && self.countries.is_empty()
            && self.threads.is_empty()
            && self.bases.is_empty()
    }

    pub fn matches(&self, e: &Event) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(&e.kind))
            && self.countries.iter().all(|c| e.parties.contains(c))
            && (self.threads.is_empty()
                || e.thread.as_ref().is_some_and(|t| self.threads.contains(t)))
            && (self.bases.is_empty() || self.bases.contains(&e.date_basis))
    }

    pub fn toggle(&mut self, item: &FilterItem) {
        match item {
            FilterItem::Kind(k) => toggle(&mut self.kinds, *k),
            FilterItem::Country(c) => toggle(&mut self.countries, c.clone()),
            FilterItem::Thread(t) => toggle(&mut self.threads, t.clone()),
            FilterItem::Basis(b) => toggle(&mut self.bases, *b),
        }
    }

    pub fn is_on(&self, item: &FilterItem) -> bool {
        match item {
            FilterItem::Kind(k) => self.kinds.contains(k),
            FilterItem::Country(c) => self.countries.contains(c),
            FilterItem::Thread(t) => self.threads.contains(t),
            FilterItem::Basis(b) => self.bases.contains(b),
        }
    }

    /// A short description for the header: `kind meeting|plan · KR+CN · basis derived`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.kinds.is_empty() {
            let k: Vec<&str> = self.kinds.iter().map(|k| k.as_str()).collect();
            parts.push(format!("kind {}", k.join("|")));
        }
        if !self.countries.is_empty() {
            parts.push(self.countries.join("+"));
        }
        if !self.threads.is_empty() {
            parts.push(format!("thread {}", self.threads.join("|")));
        }
        if !self.bases.is_empty() {
            let b: Vec<&str> = self.bases.iter().map(|b| b.as_str()).collect();
            parts.push(format!("basis {}", b.join("|")));
        }
        parts.join(" · ")
    }
}

//! The TUI's incremental search: its query and the view positions that
//! match, kept up to date as the query grows. What matches is decided by
//! the shared [`crate::search`] module, the same as `list --search`.

use crate::model::Dataset;
use crate::search::{Matcher, event_matches_at, marks};

/// The search: its query and the view positions of the events that match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    /// Positions in the view, ascending.
    pub matches: Vec<u32>,
    /// The view position selected when the search started.
    pub origin: usize,
}

impl Search {
    pub fn matcher(&self) -> Option<Matcher> {
        Matcher::new(&self.query)
    }

    pub fn is_active(&self) -> bool {
        !self.query.is_empty()
    }

    /// Recomputes the matches over `view` (dataset indices). When the new
    /// query extends `previous`, only the previous matches can still match.
    pub fn recompute(&mut self, data: &Dataset, view: &[u32], previous: Option<&str>) {
        let Some(m) = self.matcher() else {
            self.matches.clear();
            return;
        };
        let narrowing = previous.is_some_and(|p| !p.is_empty() && self.query.starts_with(p));
        let marks = marks(data);
        let test = |&pos: &u32| event_matches_at(data, marks, view[pos as usize] as usize, &m);
        if narrowing {
            self.matches.retain(test);
        } else {
            self.matches = (0..view.len() as u32).filter(test).collect();
        }
    }

    /// The first match after `pos` (or before it, backwards), wrapping round.
    pub fn next_from(&self, pos: usize, forward: bool, inclusive: bool) -> Option<usize> {
        if self.matches.is_empty() {
            return None;
        }
        let pos = pos as u32;
        let found = if forward {
            self.matches
                .iter()
                .find(|&&m| m > pos || (inclusive && m == pos))
                .or(self.matches.first())
        } else {
            self.matches
                .iter()
                .rev()
                .find(|&&m| m < pos || (inclusive && m == pos))
                .or(self.matches.last())
        };
        found.map(|&m| m as usize)
    }

    /// The 1-based rank of a view position among the matches.
    pub fn rank(&self, pos: usize) -> Option<usize> {
        self.matches
            .binary_search(&(pos as u32))
            .ok()
            .map(|i| i + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_wraps_round() {
        let s = Search {
            query: "x".into(),
            matches: vec![2, 5, 9],
            origin: 0,
        };
        assert_eq!(s.next_from(5, true, false), Some(9));
        assert_eq!(s.next_from(9, true, false), Some(2));
        assert_eq!(s.next_from(5, true, true), Some(5));
        assert_eq!(s.next_from(2, false, false), Some(9));
        assert_eq!(s.rank(5), Some(2));
        assert_eq!(s.rank(4), None);
    }
}

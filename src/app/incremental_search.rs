//! The TUI's incremental search: its query and the view positions that
//! match, kept up to date as the query grows. What matches is decided by
//! the shared [`crate::query::search`] module, the same as `list --search`.

use crate::model::Dataset;
use crate::query::search::{Matcher, event_matches_at, marks};

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
        self.nth_from(pos, forward, inclusive, 1)
    }

    /// The `n`th match after `pos` (or before it, backwards), wrapping round
    /// as often as it takes: a binary search and modular arithmetic, so
    /// `99999n` costs what `n` does.
    pub fn nth_from(&self, pos: usize, forward: bool, inclusive: bool, n: usize) -> Option<usize> {
        let len = self.matches.len();
        if len == 0 {
            return None;
        }
        let pos = u32::try_from(pos).unwrap_or(u32::MAX);
        let steps = n.max(1) - 1;
        let index = if forward {
            // The first match at or after (after, if not inclusive) `pos`.
            let first = self
                .matches
                .partition_point(|&m| m < pos || (!inclusive && m == pos));
            (first % len + steps % len) % len
        } else {
            // The last match at or before (before, if not inclusive) `pos`.
            let after = self
                .matches
                .partition_point(|&m| m < pos || (inclusive && m == pos));
            let last = (after + len - 1) % len;
            (last + len - steps % len) % len
        };
        Some(self.matches[index] as usize)
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

    /// Stepping one match at a time, as `n` pressed n times does, by a
    /// plain scan of the list.
    fn one_at_a_time(s: &Search, mut pos: usize, forward: bool, n: usize) -> usize {
        let m: Vec<usize> = s.matches.iter().map(|&m| m as usize).collect();
        for _ in 0..n {
            pos = if forward {
                *m.iter().find(|&&x| x > pos).unwrap_or(&m[0])
            } else {
                *m.iter()
                    .rev()
                    .find(|&&x| x < pos)
                    .unwrap_or(&m[m.len() - 1])
            };
        }
        pos
    }

    #[test]
    fn a_count_lands_where_that_many_single_steps_land() {
        let s = Search {
            query: "x".into(),
            matches: vec![1, 4, 6, 7, 12],
            origin: 0,
        };
        for pos in 0..14 {
            for n in 1..=12 {
                for forward in [true, false] {
                    assert_eq!(
                        s.nth_from(pos, forward, false, n),
                        Some(one_at_a_time(&s, pos, forward, n)),
                        "from {pos}, {n} steps, forward {forward}"
                    );
                }
            }
        }
        assert_eq!(s.nth_from(6, true, false, 99_999 * 5 + 1), Some(7));
        assert_eq!(s.nth_from(6, false, false, 5), Some(6));
        let none = Search::default();
        assert_eq!(none.nth_from(3, true, false, 4), None);
    }

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
        assert_eq!(s.next_from(0, false, false), Some(9));
        assert_eq!(s.next_from(10, true, false), Some(2));
        assert_eq!(s.next_from(5, false, true), Some(5));
        assert_eq!(s.rank(5), Some(2));
        assert_eq!(s.rank(4), None);
    }
}

//! Incremental smart-case search over what an event says.

use std::ops::Range;

use crate::model::{Dataset, Event};

/// A query ready to match: case-insensitive unless it has a capital letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matcher {
    needle: String,
    fold: bool,
}

impl Matcher {
    /// `None` for an empty query.
    pub fn new(query: &str) -> Option<Matcher> {
        if query.is_empty() {
            return None;
        }
        let fold = !query.chars().any(char::is_uppercase);
        let needle = if fold {
            query.to_lowercase()
        } else {
            query.to_string()
        };
        Some(Matcher { needle, fold })
    }

    pub fn is_match(&self, hay: &str) -> bool {
        self.find_from(hay, 0).is_some()
    }

    /// Every non-overlapping match, as byte ranges of `hay`.
    pub fn find_all(&self, hay: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(r) = self.find_from(hay, at) {
            at = r.end.max(r.start + 1);
            out.push(r);
            while at < hay.len() && !hay.is_char_boundary(at) {
                at += 1;
            }
        }
        out
    }

    fn find_from(&self, hay: &str, from: usize) -> Option<Range<usize>> {
        let hay_rest = hay.get(from..)?;
        if !self.fold {
            return hay_rest
                .find(&self.needle)
                .map(|i| from + i..from + i + self.needle.len());
        }
        if self.needle.is_ascii() {
            // ASCII needle: compare bytes without allocating. An ASCII byte
            // never occurs inside a multi-byte character, so matches start
            // and end on character boundaries.
            let n = self.needle.as_bytes();
            let h = hay_rest.as_bytes();
            if n.len() > h.len() {
                return None;
            }
            return (0..=h.len() - n.len())
                .find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
                .map(|i| from + i..from + i + n.len());
        }
        hay_rest.char_indices().find_map(|(i, _)| {
            self.folded_match_at(hay_rest, i)
                .map(|e| from + i..from + e)
        })
    }

    /// The end of a case-folded match of the needle starting at `i`.
    fn folded_match_at(&self, hay: &str, i: usize) -> Option<usize> {
        let mut need = self.needle.chars().peekable();
        for (k, c) in hay[i..].char_indices() {
            for l in c.to_lowercase() {
                if need.next() != Some(l) {
                    return None;
                }
            }
            if need.peek().is_none() {
                return Some(i + k + c.len_utf8());
            }
        }
        None
    }
}

/// Whether an event matches: its title, summary, quotes, place, and the
/// names and aliases of its people.
pub fn event_matches(data: &Dataset, e: &Event, m: &Matcher) -> bool {
    m.is_match(&e.title)
        || m.is_match(&e.summary)
        || e.place.as_deref().is_some_and(|p| m.is_match(p))
        || e.quotes.iter().any(|q| m.is_match(&q.text))
        || e.people
            .iter()
            .filter_map(|id| data.person(id))
            .any(|p| m.is_match(&p.name) || p.aliases.iter().any(|a| m.is_match(a)))
}

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
        let test = |&pos: &u32| event_matches(data, &data.events[view[pos as usize] as usize], &m);
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
    fn smart_case() {
        let m = Matcher::new("kim").unwrap();
        assert!(m.is_match("Minister KIM said"));
        let m = Matcher::new("Kim").unwrap();
        assert!(m.is_match("Kim said"));
        assert!(!m.is_match("kim said"));
        assert!(Matcher::new("").is_none());
    }

    #[test]
    fn finds_every_match_as_byte_ranges() {
        let m = Matcher::new("ab").unwrap();
        assert_eq!(m.find_all("xAbyab"), [1..3, 4..6]);
        let m = Matcher::new("서울").unwrap();
        assert_eq!(m.find_all("in 서울, 서울"), [3..9, 11..17]);
        let m = Matcher::new("élan").unwrap();
        assert_eq!(m.find_all("ÉLAN élan"), [0..5, 6..11]);
        let m = Matcher::new("a").unwrap();
        assert_eq!(m.find_all("서a"), vec![Range { start: 3, end: 4 }]);
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
        assert_eq!(s.rank(5), Some(2));
        assert_eq!(s.rank(4), None);
    }
}

//! The TUI's incremental search: its query and the view positions that
//! match, kept up to date as the query grows. What matches is decided by
//! the shared [`crate::query::search`] module, the same as `list --search`.

use crate::model::Dataset;
use crate::query::search::{Matcher, event_match_field, marks};

/// The search: its query and the view positions of the events that match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    /// Positions in the view, ascending.
    pub matches: Vec<u32>,
    /// Every event of the dataset that matches, shown or not, as ascending
    /// indices into its events: a change of filter only places these in
    /// the new view ([`Search::place`]) instead of searching again.
    pub(crate) hits: Vec<u32>,
    /// For each hit, the first of its event's searchable fields that can
    /// hold the query ([`event_match_field`]): the next keystroke looks
    /// from there. Empty when the marks decided (every hit from field 0).
    pub(crate) from_field: Vec<u8>,
    /// The hits and fields of the shorter queries typed before this one,
    /// longest last, so that Backspace takes them back instead of
    /// searching again (at most [`KEPT_QUERIES`]; a longer query's hits
    /// are a subset of the shorter's, so they mostly shrink).
    pub(crate) earlier: Vec<Earlier>,
    /// The view position selected when the search started.
    pub origin: usize,
}

/// A shorter query's results, kept for Backspace.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Earlier {
    query: String,
    hits: Vec<u32>,
    from_field: Vec<u8>,
}

/// How many shorter queries' results a search keeps for Backspace.
const KEPT_QUERIES: usize = 64;

/// Below this many events whose texts are read, a search runs on one
/// thread: starting threads on a busy machine can cost more than the work.
/// A query whose events' marks alone decide (one letter or digit) always
/// runs on one: reading a mark is a few nanoseconds.
const PARALLEL_FROM: usize = 1 << 17;

/// For each item of `0..n` (`items` as `None`) or of `items`, in order,
/// `test`'s answer, kept where it is `Some`: the items and the answers.
/// When `split` (the test reads texts), the work is split over the
/// machine's cores when there is enough of it (pure computation, on scoped
/// threads that end before it returns); otherwise the answers, all 0 by
/// [`event_match_field`], are not kept.
fn filter_indices(
    n: usize,
    items: Option<&[u32]>,
    split: bool,
    test: impl Fn(usize, u32) -> Option<u8> + Sync,
) -> (Vec<u32>, Vec<u8>) {
    let test = &test;
    let len = items.map_or(n, <[u32]>::len);
    let threads = std::thread::available_parallelism()
        .map_or(1, |t| t.get())
        .min(16);
    let run = |from: usize, to: usize| -> (Vec<u32>, Vec<u8>) {
        let mut out = (Vec::new(), Vec::new());
        let mut keep = |k: usize, i: u32| {
            if let Some(a) = test(k, i) {
                out.0.push(i);
                if split {
                    out.1.push(a);
                }
            }
        };
        match items {
            Some(items) => (from..to).for_each(|k| keep(k, items[k])),
            None => (from..to).for_each(|k| keep(k, k as u32)),
        }
        out
    };
    if !split || threads < 2 || len < PARALLEL_FROM {
        return run(0, len);
    }
    let chunk = len.div_ceil(threads);
    std::thread::scope(|s| {
        let parts: Vec<_> = (0..len)
            .step_by(chunk)
            .map(|from| s.spawn(move || run(from, (from + chunk).min(len))))
            .collect();
        let mut out = (Vec::new(), Vec::new());
        for p in parts {
            let (hits, at) = p.join().expect("a search thread does not panic");
            out.0.extend(hits);
            out.1.extend(at);
        }
        out
    })
}

impl Search {
    pub fn matcher(&self) -> Option<Matcher> {
        Matcher::new(&self.query)
    }

    pub fn is_active(&self) -> bool {
        !self.query.is_empty()
    }

    /// Adds a character to the query: only the events that matched the
    /// shorter query are tested (when it [`Matcher::refines`] it), and the
    /// shorter query's results are kept for [`Search::pop`].
    pub fn push(&mut self, c: char, data: &Dataset, view: &[u32]) {
        let previous = self.query.clone();
        if !previous.is_empty() {
            if self.earlier.len() == KEPT_QUERIES {
                self.earlier.remove(0);
            }
            self.earlier.push(Earlier {
                query: previous.clone(),
                hits: self.hits.clone(),
                from_field: self.from_field.clone(),
            });
        }
        self.query.push(c);
        self.search(data, view, Some(&previous));
    }

    /// Takes the last character off the query: the shorter query's results
    /// come back from before it was extended, or are searched again.
    pub fn pop(&mut self, data: &Dataset, view: &[u32]) {
        self.query.pop();
        match self.earlier.pop() {
            Some(e) if e.query == self.query => {
                self.hits = e.hits;
                self.from_field = e.from_field;
                self.place(view);
            }
            _ => {
                self.earlier.clear();
                self.search(data, view, None);
            }
        }
    }

    /// Recomputes the matches over the dataset and places them in `view`
    /// (dataset indices, ascending). When the new query extends
    /// `previous`, only the previous matches can still match, and only
    /// they are tested again.
    pub fn recompute(&mut self, data: &Dataset, view: &[u32], previous: Option<&str>) {
        if previous.is_none() {
            // The data or the whole query changed: what was kept is stale.
            self.earlier.clear();
        }
        self.search(data, view, previous);
    }

    fn search(&mut self, data: &Dataset, view: &[u32], previous: Option<&str>) {
        let Some(m) = self.matcher() else {
            self.matches.clear();
            self.hits.clear();
            self.from_field.clear();
            return;
        };
        let narrowing = previous.is_some_and(|p| {
            self.query.starts_with(p) && Matcher::new(p).is_some_and(|p| m.refines(&p))
        });
        let marks = marks(data);
        let from_field = std::mem::take(&mut self.from_field);
        // No fields kept (a query decided by the marks) reads as all 0.
        let test = |k: usize, i: u32| {
            let from = match from_field.get(k) {
                Some(&f) if narrowing => f as usize,
                _ => 0,
            };
            event_match_field(data, marks, i as usize, &m, from).map(|f| f.min(255) as u8)
        };
        (self.hits, self.from_field) = if narrowing {
            filter_indices(0, Some(&self.hits), !m.mark_decides(), test)
        } else {
            filter_indices(data.events().len(), None, !m.mark_decides(), test)
        };
        self.place(view);
    }

    /// The matches' positions in `view` (dataset indices, ascending), from
    /// the events that match: a walk of both lists, without searching.
    pub fn place(&mut self, view: &[u32]) {
        self.matches.clear();
        // Ascending and distinct: a view whose last index is its length
        // less one is `0..len`, where a position is an index.
        if view.last().is_none_or(|&l| l as usize + 1 == view.len()) {
            let shown = self.hits.partition_point(|&h| (h as usize) < view.len());
            self.matches.extend_from_slice(&self.hits[..shown]);
            return;
        }
        let mut hits = self.hits.iter().copied().peekable();
        for (pos, &e) in view.iter().enumerate() {
            while hits.next_if(|&h| h < e).is_some() {}
            if hits.next_if_eq(&e).is_some() {
                self.matches.push(pos as u32);
            }
            if hits.peek().is_none() {
                break;
            }
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
            ..Search::default()
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
            ..Search::default()
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

    #[test]
    fn split_work_finds_what_one_thread_finds() {
        let keep = |i: u32| i % 7 == 3 || i.is_power_of_two();
        let test = |_: usize, i: u32| keep(i).then_some((i % 251) as u8);
        for n in [0, 5, PARALLEL_FROM - 1, PARALLEL_FROM * 3 + 11] {
            let one: Vec<u32> = (0..n as u32).filter(|&i| keep(i)).collect();
            let at: Vec<u8> = one.iter().map(|&i| (i % 251) as u8).collect();
            assert_eq!(
                filter_indices(n, None, true, test),
                (one.clone(), at.clone()),
                "0..{n}"
            );
            assert_eq!(
                filter_indices(n, None, false, test),
                (one, Vec::new()),
                "0..{n}"
            );
            let items: Vec<u32> = (0..n as u32).map(|i| i * 3 + 1).collect();
            let one: Vec<u32> = items.iter().copied().filter(|&i| keep(i)).collect();
            let at: Vec<u8> = one.iter().map(|&i| (i % 251) as u8).collect();
            assert_eq!(
                filter_indices(0, Some(&items), true, test),
                (one, at),
                "{n} items"
            );
        }
    }

    #[test]
    fn hits_are_placed_at_their_view_positions() {
        let mut s = Search {
            query: "x".into(),
            hits: vec![0, 3, 4, 9, 12],
            ..Search::default()
        };
        s.place(&[1, 3, 4, 5, 12, 13]);
        assert_eq!(s.matches, [1, 2, 4]);
        s.place(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(s.matches, [0, 3, 4, 9], "every event shown, up to 9");
        s.place(&[13, 20]);
        assert!(s.matches.is_empty());
        s.place(&[]);
        assert!(s.matches.is_empty());
    }

    #[test]
    fn backspace_brings_back_what_the_shorter_query_found() {
        let data = crate::model::synthetic::dataset(400).unwrap();
        let view: Vec<u32> = (0..400).collect();
        let fresh = |q: &str| {
            let mut s = Search {
                query: q.into(),
                ..Search::default()
            };
            s.recompute(&data, &view, None);
            s
        };
        let mut s = Search::default();
        for c in "korea".chars() {
            s.push(c, &data, &view);
            let f = fresh(&s.query);
            assert_eq!((&s.hits, &s.matches), (&f.hits, &f.matches), "{}", s.query);
        }
        assert_eq!(s.earlier.len(), 4);
        assert!(!s.matches.is_empty());
        for _ in 0..5 {
            s.pop(&data, &view);
            let f = fresh(&s.query);
            assert_eq!(
                (&s.hits, &s.matches),
                (&f.hits, &f.matches),
                "{:?}",
                s.query
            );
        }
        assert!(s.matches.is_empty() && s.earlier.is_empty());
        // After the data changed, nothing kept is used.
        s.push('k', &data, &view);
        s.push('o', &data, &view);
        s.recompute(&data, &view, None);
        assert!(s.earlier.is_empty());
        s.pop(&data, &view);
        assert_eq!(s.hits, fresh("k").hits);
    }
}

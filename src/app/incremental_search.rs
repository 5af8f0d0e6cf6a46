//! The TUI's incremental search: its query and the view positions that
//! match, kept up to date as the query grows. What matches is decided by
//! the shared [`crate::query::search`] module, the same as `list --search`.
//!
//! A keystroke that would read the texts of many events does not search:
//! it asks for a search ([`SearchRequest`], carried out by the terminal
//! loop on a worker thread through [`find`]) and keeps the results shown
//! until the answer comes back as [`super::Msg::Searched`]. An answer to a
//! request that a later keystroke (or a reload) superseded is dropped.

use std::sync::Arc;

use crate::model::Dataset;
use crate::query::search::{Matcher, event_match_field, marks};

/// The search: its query, the results shown, and the search under way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    /// The positions in the view of the events of `found`, ascending.
    pub matches: Vec<u32>,
    /// The results shown: those of `query`, or, while a search for it is
    /// under way ([`Search::is_searching`]), of an earlier query.
    pub(crate) found: Found,
    /// The results of the shorter queries typed before this one, longest
    /// last, so that Backspace takes them back instead of searching again
    /// (at most [`KEPT_QUERIES`]; a longer query's hits are a subset of
    /// the shorter's, so they mostly shrink). Each is shared with the
    /// results and requests made from it, not copied.
    pub(crate) earlier: Vec<Found>,
    /// The number of the search under way, if one is: only its answer is
    /// taken.
    running: Option<u64>,
    /// The number the last request was given; never goes back, so an
    /// answer to a request from before a [`Search::restart`] is dropped.
    asked: u64,
    /// A request for the terminal loop, made since [`Search::take_request`].
    wanted: Option<SearchRequest>,
    /// The view position selected when a search was asked for: when the
    /// answer comes and the selection has not moved since, it goes to the
    /// first match, as a keystroke answered at once does.
    pub(crate) follow: Option<usize>,
    /// Below this many events whose texts are read, a keystroke searches
    /// at once instead of asking a worker ([`SYNC_BELOW`]; tests lower it).
    pub(crate) sync_below: usize,
    /// The view position selected when the search started.
    pub origin: usize,
}

impl Default for Search {
    fn default() -> Search {
        Search {
            query: String::new(),
            matches: Vec::new(),
            found: Found::default(),
            earlier: Vec::new(),
            running: None,
            asked: 0,
            wanted: None,
            follow: None,
            sync_below: SYNC_BELOW,
            origin: 0,
        }
    }
}

/// One query's results: every event of the dataset that matches, shown or
/// not, as ascending indices into its events (a change of filter only
/// places these in the new view, [`Search::place`], instead of searching
/// again), and for each the first of its event's searchable fields that
/// can hold the query ([`event_match_field`]): the next keystroke looks
/// from there. `from_field` is empty when the marks decided (every hit
/// from field 0).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub query: String,
    pub hits: Arc<Vec<u32>>,
    pub from_field: Arc<Vec<u8>>,
}

/// A search for the terminal loop to run on a worker ([`find`]): `query`
/// over every event, or only over the events `within` holds (the results
/// of a shorter query it refines), each from its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub id: u64,
    pub query: String,
    pub within: Option<Found>,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResult {
    pub id: u64,
    pub found: Found,
}

/// How many shorter queries' results a search keeps for Backspace.
const KEPT_QUERIES: usize = 64;

/// Below this many events whose texts are read, a keystroke searches at
/// once, on the key's path: a few milliseconds at most (about 0.2 to 0.5
/// µs an event at a million events), well within a frame, and the screen
/// never shows "searching…" for an instant. The built-in dataset (61
/// events) and any dataset of fewer events always search at once; so does
/// a query its events' marks decide (one letter or digit), whatever the
/// size: reading a mark is a few nanoseconds.
pub const SYNC_BELOW: usize = 8_192;

/// Below this many events whose texts are read, a search runs on one
/// thread: it takes a few milliseconds at most, and threads would cost
/// about as much. From here (a search that runs on a worker, past
/// [`SYNC_BELOW`]), every core searches: a second keystroke's search of
/// 100,000 events takes about 11 ms on two cores, 18 ms on one. A query
/// whose events' marks alone decide (one letter or digit) always runs on
/// one: reading a mark is a few nanoseconds.
const PARALLEL_FROM: usize = 1 << 14;

/// How many items a search thread tests between two looks at whether it
/// should stop.
const STOP_EVERY: usize = 4_096;

/// Where events lie in memory (see [`crate::model::Dataset::memory_order`]):
/// a search that reads the events' texts visits them in this order, one
/// way through memory, and gives its results in the story's order.
#[derive(Debug, Clone, Copy)]
struct Memory<'a> {
    /// The events (their positions in the story's order) as they lie.
    order: &'a [u32],
    /// Each event's place in `order`.
    rank: &'a [u32],
}

/// For each event of `0..n` (`items` as `None`) or of `items` (positions
/// in the story's order, ascending, each with the field its last match
/// was found in, or none kept), `test`'s answer for it and that field,
/// kept where it is `Some`: the events and the answers, in the story's
/// order.
///
/// With `memory` (the test reads texts), events are visited in the order
/// they lie in memory, and the work is split over the machine's cores when
/// there is enough of it (pure computation, on scoped threads that end
/// before it returns). Without (the events' marks decide), they are
/// visited in order on one thread, and the answers, all 0 by
/// [`event_match_field`], are not kept. `None` when `stop` said to stop
/// (asked every [`STOP_EVERY`] events).
fn filter_indices(
    n: usize,
    items: Option<(&[u32], &[u8])>,
    memory: Option<Memory<'_>>,
    test: impl Fn(u32, u8) -> Option<u8> + Sync,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<(Vec<u32>, Vec<u8>)> {
    let Some(memory) = memory else {
        let mut hits = Vec::new();
        let len = items.map_or(n, |(items, _)| items.len());
        for k in 0..len {
            if k.is_multiple_of(STOP_EVERY) && stop() {
                return None;
            }
            let (i, from) = match items {
                Some((items, from)) => (items[k], from.get(k).copied().unwrap_or(0)),
                None => (k as u32, 0),
            };
            if test(i, from).is_some() {
                hits.push(i);
            }
        }
        return Some((hits, Vec::new()));
    };
    let n = memory.order.len();
    let words = n.div_ceil(64);
    // The events to visit, as bits by place in memory, and the field each
    // starts from, by position.
    let mut want: Option<Vec<u64>> = None;
    let mut from_of: Vec<u8> = Vec::new();
    if let Some((items, from)) = items {
        let want = want.insert(vec![0u64; words]);
        if !from.is_empty() {
            from_of = vec![0; n];
        }
        for (k, &i) in items.iter().enumerate() {
            let f = memory.rank[i as usize] as usize;
            want[f / 64] |= 1 << (f % 64);
            if let Some(&a) = from.get(k) {
                from_of[i as usize] = a;
            }
        }
    }
    let (want, from_of, test) = (&want, &from_of, &test);
    let all_in = |w: usize| match n - w * 64 {
        rest if rest >= 64 => u64::MAX,
        rest => (1u64 << rest) - 1,
    };
    // Visits the events at places `64 * w0 .. 64 * w1` in memory.
    let run = |w0: usize, w1: usize| -> Option<Vec<(u32, u8)>> {
        let mut found = Vec::new();
        let mut visited = 0usize;
        for w in w0..w1 {
            let mut bits = want.as_ref().map_or_else(|| all_in(w), |want| want[w]);
            while bits != 0 {
                let f = w * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if visited.is_multiple_of(STOP_EVERY) && stop() {
                    return None;
                }
                visited += 1;
                let i = memory.order[f];
                let from = from_of.get(i as usize).copied().unwrap_or(0);
                if let Some(a) = test(i, from) {
                    found.push((i, a));
                }
            }
        }
        Some(found)
    };
    let len = items.map_or(n, |(items, _)| items.len());
    let threads = std::thread::available_parallelism()
        .map_or(1, |t| t.get())
        .min(16);
    let found: Vec<Vec<(u32, u8)>> = if threads < 2 || len < PARALLEL_FROM {
        vec![run(0, words)?]
    } else {
        let chunk = words.div_ceil(threads);
        std::thread::scope(|s| {
            let parts: Vec<_> = (0..words)
                .step_by(chunk)
                .map(|w0| s.spawn(move || run(w0, (w0 + chunk).min(words))))
                .collect();
            parts
                .into_iter()
                .map(|p| p.join().expect("a search thread does not panic"))
                .collect::<Option<Vec<_>>>()
        })?
    };
    // Back to the story's order: a bit and an answer by position.
    let mut got = vec![0u64; words];
    let mut answer = vec![0u8; n];
    for &(i, a) in found.iter().flatten() {
        got[i as usize / 64] |= 1 << (i % 64);
        answer[i as usize] = a;
    }
    let mut hits = Vec::with_capacity(found.iter().map(Vec::len).sum());
    for (w, &word) in got.iter().enumerate() {
        let mut bits = word;
        while bits != 0 {
            hits.push((w * 64) as u32 + bits.trailing_zeros());
            bits &= bits - 1;
        }
    }
    let answers = hits.iter().map(|&i| answer[i as usize]).collect();
    Some((hits, answers))
}

/// Runs a [`SearchRequest`] over `data` (the dataset it was made for): the
/// one search of the interface, whether a keystroke runs it at once or a
/// worker thread does. `None` when `stop` said to stop (a later request
/// superseded this one).
pub fn find(
    data: &Dataset,
    request: &SearchRequest,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<SearchResult> {
    let query = request.query.clone();
    let Some(m) = Matcher::new(&query) else {
        return Some(SearchResult {
            id: request.id,
            found: Found::default(),
        });
    };
    let marks = marks(data);
    // No fields kept (a query decided by the marks) reads as all 0.
    let test = |i: u32, from: u8| {
        event_match_field(data, marks, i as usize, &m, from.into()).map(|f| f.min(255) as u8)
    };
    let items = request
        .within
        .as_ref()
        .map(|w| (&w.hits[..], &w.from_field[..]));
    let memory = (!m.mark_decides()).then(|| Memory {
        order: data.memory_order(),
        rank: data.memory_rank(),
    });
    let (hits, from_field) = filter_indices(data.events().len(), items, memory, test, stop)?;
    Some(SearchResult {
        id: request.id,
        found: Found {
            query,
            hits: Arc::new(hits),
            from_field: Arc::new(from_field),
        },
    })
}

impl Search {
    /// A new search from view position `origin`; the results of any
    /// search under way will be dropped.
    pub fn restart(&mut self, origin: usize) {
        *self = Search {
            asked: self.asked,
            sync_below: self.sync_below,
            origin,
            ..Search::default()
        };
    }

    /// The matcher of the query typed (what the panes highlight).
    pub fn matcher(&self) -> Option<Matcher> {
        Matcher::new(&self.query)
    }

    pub fn is_active(&self) -> bool {
        !self.query.is_empty()
    }

    /// Whether a worker is searching for the query: the results shown are
    /// an earlier query's.
    pub fn is_searching(&self) -> bool {
        self.running.is_some()
    }

    /// The request for the terminal loop made by the last change, if any.
    pub fn take_request(&mut self) -> Option<SearchRequest> {
        self.wanted.take()
    }

    /// Adds a character to the query: only the events that matched the
    /// shorter query are tested (when it [`Matcher::refines`] it), and the
    /// shorter query's results are kept for [`Search::pop`].
    pub fn push(&mut self, c: char, data: &Dataset, view: &[u32]) {
        if self.is_active() && self.found.query == self.query {
            if self.earlier.len() == KEPT_QUERIES {
                self.earlier.remove(0);
            }
            self.earlier.push(self.found.clone());
        }
        self.query.push(c);
        self.refresh(data, view);
    }

    /// Takes the last character off the query: the shorter query's results
    /// come back from before it was extended, or are searched again.
    pub fn pop(&mut self, data: &Dataset, view: &[u32]) {
        self.query.pop();
        let query = &self.query;
        self.earlier.retain(|e| query.starts_with(&e.query));
        if self.earlier.last().is_some_and(|e| e.query == self.query) {
            self.found = self.earlier.pop().expect("just looked");
            self.running = None;
            self.wanted = None;
            self.place(view);
            return;
        }
        self.refresh(data, view);
    }

    /// The data changed: what was found and kept is stale (indices into
    /// other events), so the query is searched again from nothing.
    pub fn recompute(&mut self, data: &Dataset, view: &[u32]) {
        self.earlier.clear();
        self.found = Found::default();
        self.matches.clear();
        self.refresh(data, view);
    }

    /// Brings the results to the query: at once when that reads the texts
    /// of fewer than [`Search::sync_below`] events (or only their marks)
    /// and the marks are made, otherwise by a request for a worker
    /// ([`Search::take_request`]); either way through [`find`]. Any search under way is superseded.
    fn refresh(&mut self, data: &Dataset, view: &[u32]) {
        self.running = None;
        self.wanted = None;
        let Some(m) = self.matcher() else {
            self.found = Found::default();
            self.earlier.clear();
            self.matches.clear();
            return;
        };
        if self.found.query == self.query {
            self.place(view);
            return;
        }
        // The longest earlier query this one refines: only its hits can
        // match. The results shown come first: they are the latest.
        let base = std::iter::once(&self.found)
            .chain(self.earlier.iter().rev())
            .find(|f| {
                !f.query.is_empty()
                    && self.query.starts_with(&f.query)
                    && Matcher::new(&f.query).is_some_and(|p| m.refines(&p))
            });
        let reads = base.map_or(data.events().len(), |b| b.hits.len());
        self.asked += 1;
        let request = SearchRequest {
            id: self.asked,
            query: self.query.clone(),
            within: base.cloned(),
        };
        // Until the marks are made (a thread makes them after the first
        // frame: half a second at a million events), a large dataset is
        // searched on a worker, which waits for them: the key never does.
        let marks_at_hand = data.text_marks_made() || data.events().len() < self.sync_below;
        if marks_at_hand && (m.mark_decides() || reads < self.sync_below) {
            let result = find(data, &request, &|| false).expect("never asked to stop");
            self.found = result.found;
            self.place(view);
        } else {
            self.running = Some(request.id);
            self.wanted = Some(request);
        }
    }

    /// Takes a worker's answer, unless a later change superseded its
    /// request: whether it was taken (and placed in `view`).
    pub fn take(&mut self, result: SearchResult, view: &[u32]) -> bool {
        if self.running != Some(result.id) {
            return false;
        }
        self.running = None;
        self.found = result.found;
        self.place(view);
        true
    }

    /// The matches' positions in `view` (dataset indices, ascending), from
    /// the events that match: a walk of both lists, without searching.
    pub fn place(&mut self, view: &[u32]) {
        self.matches.clear();
        let hits = &self.found.hits;
        // Ascending and distinct: a view whose last index is its length
        // less one is `0..len`, where a position is an index.
        if view.last().is_none_or(|&l| l as usize + 1 == view.len()) {
            let shown = hits.partition_point(|&h| (h as usize) < view.len());
            self.matches.extend_from_slice(&hits[..shown]);
            return;
        }
        let mut hits = hits.iter().copied().peekable();
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

    /// A layout of `n` events in memory: shuffled (a fixed shuffle).
    fn shuffled(n: usize) -> (Vec<u32>, Vec<u32>) {
        let mut order: Vec<u32> = (0..n as u32).collect();
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for k in (1..n).rev() {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            order.swap(k, (seed >> 33) as usize % (k + 1));
        }
        let mut rank = vec![0; n];
        for (f, &i) in order.iter().enumerate() {
            rank[i as usize] = f as u32;
        }
        (order, rank)
    }

    /// Whatever the order events lie in memory and however the work is
    /// split, a search finds, in the story's order, what testing each
    /// event in turn finds, each tested from the field its item says.
    #[test]
    fn a_search_in_memory_order_finds_what_one_in_the_storys_order_finds() {
        let keep = |i: u32| i % 7 == 3 || i.is_power_of_two();
        let test = |i: u32, from: u8| keep(i).then_some(((i + u32::from(from)) % 251) as u8);
        for n in [0, 5, 64, 130, PARALLEL_FROM - 1, PARALLEL_FROM * 3 + 11] {
            let (order, rank) = shuffled(3 * n + 2);
            let memory = Some(Memory {
                order: &order,
                rank: &rank,
            });
            let all = 3 * n + 2;
            let one: Vec<u32> = (0..all as u32).filter(|&i| keep(i)).collect();
            let at: Vec<u8> = one.iter().map(|&i| (i % 251) as u8).collect();
            assert_eq!(
                filter_indices(all, None, memory, test, &|| false),
                Some((one.clone(), at)),
                "0..{all}"
            );
            assert_eq!(
                filter_indices(all, None, None, test, &|| false),
                Some((one, Vec::new())),
                "0..{all}"
            );
            let stopped = filter_indices(all, None, memory, test, &|| true);
            assert!(stopped.is_none(), "0..{all}");
            // Every third event, each from a field of its own.
            let items: Vec<u32> = (0..n as u32).map(|i| i * 3 + 1).collect();
            let from: Vec<u8> = (0..n).map(|k| (k % 5) as u8).collect();
            let (one, at): (Vec<u32>, Vec<u8>) = items
                .iter()
                .zip(&from)
                .filter_map(|(&i, &f)| Some(i).zip(test(i, f)))
                .unzip();
            assert_eq!(
                filter_indices(all, Some((&items, &from)), memory, test, &|| false),
                Some((one.clone(), at)),
                "{n} items"
            );
            assert_eq!(
                filter_indices(all, Some((&items, &from)), None, test, &|| false),
                Some((one, Vec::new())),
                "{n} items"
            );
        }
    }

    #[test]
    fn a_search_told_to_stop_stops_and_a_worker_finds_what_a_keystroke_does() {
        let n = 20_000;
        let data = crate::model::synthetic::dataset(n).unwrap();
        let view: Vec<u32> = (0..n as u32).collect();
        let mut s = Search::default();
        // Before the marks are made, even one letter is a worker's.
        s.push('k', &data, &view);
        assert!(s.is_searching(), "the marks are not made yet");
        let r = s.take_request().expect("a request for a worker");
        assert!(!data.text_marks_made());
        let result = find(&data, &r, &|| false).unwrap();
        assert!(data.text_marks_made(), "the worker made the marks");
        assert!(s.take(result, &view));
        s.pop(&data, &view);
        s.push('k', &data, &view);
        assert!(!s.is_searching(), "the marks decide one letter");
        s.push('o', &data, &view);
        let r = s
            .take_request()
            .expect("more than SYNC_BELOW events to read");
        assert!(r.within.as_ref().unwrap().hits.len() >= SYNC_BELOW);
        assert!(find(&data, &r, &|| true).is_none());
        let result = find(&data, &r, &|| false).unwrap();
        assert!(s.take(result, &view));
        let mut fresh = Search {
            query: "ko".into(),
            sync_below: usize::MAX,
            ..Search::default()
        };
        fresh.recompute(&data, &view);
        assert_eq!((&s.found, &s.matches), (&fresh.found, &fresh.matches));
    }

    #[test]
    fn hits_are_placed_at_their_view_positions() {
        let mut s = Search {
            query: "x".into(),
            found: Found {
                query: "x".into(),
                hits: Arc::new(vec![0, 3, 4, 9, 12]),
                from_field: Arc::default(),
            },
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
            s.recompute(&data, &view);
            s
        };
        let mut s = Search::default();
        for c in "korea".chars() {
            s.push(c, &data, &view);
            let f = fresh(&s.query);
            assert_eq!(
                (&s.found, &s.matches),
                (&f.found, &f.matches),
                "{}",
                s.query
            );
        }
        assert_eq!(s.earlier.len(), 4);
        assert!(!s.matches.is_empty());
        for _ in 0..5 {
            s.pop(&data, &view);
            let f = fresh(&s.query);
            assert_eq!(
                (&s.found.hits, &s.matches),
                (&f.found.hits, &f.matches),
                "{:?}",
                s.query
            );
        }
        assert!(s.matches.is_empty() && s.earlier.is_empty());
        // After the data changed, nothing kept is used.
        s.push('k', &data, &view);
        s.push('o', &data, &view);
        s.recompute(&data, &view);
        assert!(s.earlier.is_empty());
        s.pop(&data, &view);
        assert_eq!(s.found, fresh("k").found);
    }
}

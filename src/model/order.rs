//! The story's order: events in date order, with `after` deciding among
//! dates that overlap, and the id only as the last resort; and the cycles
//! the loader refuses.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use super::{Event, IdIndex};

/// Sorts events into the story's order. Without any `after`, this is the
/// date order ([`super::Date::sort_key`], then id). Otherwise a topological
/// sort (Kahn's) over the `after` edges whose ready set is a priority queue
/// keyed by that date order, so an event leaves its date's place only when
/// an `after` makes it wait: O(n log n + edges).
///
/// The loader has refused unknown ids, cycles and `after`s that contradict
/// the dates; should a cycle remain, its events follow the rest in date
/// order rather than being lost.
///
/// `by_id` lists the events' positions sorted by id, and `keys` their
/// dates' [`super::Date::sort_number`]s. Gives, for each
/// place in the story's order, the position the event there came from.
pub(super) fn sort(events: &mut [Box<Event>], by_id: &[u32], keys: &[u64]) -> Vec<u32> {
    // Each date's key is worked out once, ties go by rank in the id
    // order (the ids are unique), and the sort moves positions, not
    // events; the events' boxes are moved once, at the end, in place.
    let mut rank = vec![0u32; events.len()];
    for (r, &i) in by_id.iter().enumerate() {
        rank[i as usize] = r as u32;
    }
    let mut by_date: Vec<(u64, u32, u32)> = (0..events.len())
        .map(|i| (keys[i], rank[i], i as u32))
        .collect();
    by_date.sort_unstable();
    let mut order: Vec<u32> = by_date.into_iter().map(|(_, _, i)| i).collect();
    if events.iter().any(|e| !e.after().is_empty()) {
        order = after_order(events, &order, by_id);
    }
    permute(events, order.clone());
    order
}

/// The positions of `events` in the story's order, given their positions
/// in date order: a topological sort of the `after` edges.
fn after_order(events: &[Box<Event>], by_date: &[u32], by_id: &[u32]) -> Vec<u32> {
    let n = events.len();
    // Rank in date order of each event (by position in `events`).
    let mut rank = vec![0u32; n];
    for (r, &i) in by_date.iter().enumerate() {
        rank[i as usize] = r as u32;
    }
    let ids = IdIndex(by_id.to_vec());
    // Edges from each event to those after it, by rank in date order.
    let mut edges: Vec<(usize, usize)> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        for id in e.after() {
            if let Some(k) = ids.find(id, |k| &events[k].id).filter(|&k| k != i) {
                edges.push((rank[k] as usize, rank[i] as usize));
            }
        }
    }
    let graph = Graph::new(n, &edges);
    let mut waiting = vec![0u32; n];
    for &(_, i) in &edges {
        waiting[i] += 1;
    }
    let mut ready: BinaryHeap<Reverse<usize>> =
        (0..n).filter(|&i| waiting[i] == 0).map(Reverse).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(Reverse(k)) = ready.pop() {
        order.push(k);
        for &i in graph.next(k) {
            waiting[i] -= 1;
            if waiting[i] == 0 {
                ready.push(Reverse(i));
            }
        }
    }
    if order.len() < n {
        let mut placed = vec![false; n];
        for &k in &order {
            placed[k] = true;
        }
        order.extend((0..n).filter(|&k| !placed[k]));
    }
    order.into_iter().map(|r| by_date[r]).collect()
}

/// Puts `items[order[k]]` at `k`, for every `k`, by swaps along the
/// permutation's cycles: no second list of items is made.
fn permute<T>(items: &mut [T], mut order: Vec<u32>) {
    const DONE: u32 = u32::MAX;
    for start in 0..items.len() {
        if order[start] == DONE {
            continue;
        }
        // Follow the cycle through `start`: each place takes the item
        // that belongs there, moving the hole along.
        let mut at = start;
        loop {
            let from = order[at] as usize;
            order[at] = DONE;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// Edges as adjacency lists in one vector (compressed rows).
struct Graph {
    start: Vec<usize>,
    to: Vec<usize>,
}

impl Graph {
    fn new(n: usize, edges: &[(usize, usize)]) -> Graph {
        let mut start = vec![0; n + 1];
        for &(a, _) in edges {
            start[a + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut to = vec![0; edges.len()];
        for &(a, b) in edges {
            to[fill[a]] = b;
            fill[a] += 1;
        }
        Graph { start, to }
    }

    fn next(&self, v: usize) -> &[usize] {
        &self.to[self.start[v]..self.start[v + 1]]
    }
}

/// The cycles of a graph of `n` nodes: one cycle for each strongly
/// connected component of more than one node (Tarjan's algorithm, without
/// recursion), as the nodes met following the edges from the component's
/// lowest node, which comes first. Cycles are listed by their first node.
/// Self-loops are not cycles here (the loader reports them apart).
pub(super) fn cycles(n: usize, edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let edges: Vec<(usize, usize)> = edges.iter().copied().filter(|(a, b)| a != b).collect();
    let graph = Graph::new(n, &edges);
    const UNSEEN: usize = usize::MAX;
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNSEEN; n];
    let mut sizes: Vec<usize> = Vec::new();
    let mut stack = Vec::new();
    let mut calls: Vec<(usize, usize)> = Vec::new();
    let mut counter = 0;
    for root in 0..n {
        if index[root] != UNSEEN || graph.next(root).is_empty() {
            continue;
        }
        // Numbers a node and puts it on both stacks.
        macro_rules! visit {
            ($v:expr) => {{
                let v = $v;
                index[v] = counter;
                low[v] = counter;
                counter += 1;
                stack.push(v);
                on_stack[v] = true;
                calls.push((v, 0));
            }};
        }
        visit!(root);
        while let Some(&(v, e)) = calls.last() {
            if let Some(&w) = graph.next(v).get(e) {
                calls.last_mut().expect("a call").1 += 1;
                if index[w] == UNSEEN {
                    visit!(w);
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(u, _)) = calls.last() {
                low[u] = low[u].min(low[v]);
            }
            if low[v] == index[v] {
                let c = sizes.len();
                let mut size = 0;
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = c;
                    size += 1;
                    if w == v {
                        break;
                    }
                }
                sizes.push(size);
            }
        }
    }
    let mut found = vec![false; sizes.len()];
    let mut cycles = Vec::new();
    for s in 0..n {
        let c = component[s];
        if c == UNSEEN || sizes[c] < 2 || found[c] {
            continue;
        }
        found[c] = true;
        // Every node of the component has an edge to another node of it:
        // follow them from `s` until a node comes round again.
        let mut seen: HashMap<usize, usize> = HashMap::new();
        let mut path = Vec::new();
        let mut v = s;
        let from = loop {
            if let Some(&p) = seen.get(&v) {
                break p;
            }
            seen.insert(v, path.len());
            path.push(v);
            v = *graph
                .next(v)
                .iter()
                .find(|&&w| component[w] == c)
                .expect("a node of a cycle has an edge within it");
        };
        let mut cycle = path.split_off(from);
        let lowest = (0..cycle.len()).min_by_key(|&k| cycle[k]).unwrap_or(0);
        cycle.rotate_left(lowest);
        cycles.push(cycle);
    }
    cycles.sort();
    cycles
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dataset, Origin};

    /// An event of a test: its id, its date, the ids it is after.
    type Spec<'a> = (&'a str, &'a str, &'a [&'a str]);

    /// The ids in the loaded order of a dataset of these events.
    fn story(events: &[Spec<'_>]) -> Vec<String> {
        let events: Vec<String> = events
            .iter()
            .map(|(id, date, after)| {
                let after: Vec<String> = after.iter().map(|a| format!("\"{a}\"")).collect();
                let order = if after.is_empty() {
                    String::new()
                } else {
                    format!(
                        r#", "after": [{}], "order_note": "Said so.""#,
                        after.join(", ")
                    )
                };
                format!(
                    r#"{{"id": "{id}", "title": "T", "summary": "S", "kind": "statement",
                    "date": "{date}", "date_basis": "stated",
                    "quotes": [{{"source": "s", "text": "A line."}}]{order}}}"#
                )
            })
            .collect();
        let json = format!(
            r#"{{"title": "T", "description": "D", "countries": {{}},
            "sources": [{{"id": "s", "file": "s.txt", "publisher": "P", "headline": "H",
              "published": null, "published_basis": null, "byline": null, "url": null, "note": null}}],
            "people": [], "threads": [], "events": [{}]}}"#,
            events.join(", ")
        );
        let read = |_: &str| Ok("A line.".to_string());
        let d = Dataset::parse(&json, Origin::Embedded, &read).unwrap_or_else(|e| panic!("{e}"));
        d.events().iter().map(|e| e.id.to_string()).collect()
    }

    #[test]
    fn the_story_order_table() {
        let cases: &[(&str, &[Spec<'_>], &[&str])] = &[
            (
                "same day: `after` decides, not the id",
                &[("a", "2015-02-04", &["b"]), ("b", "2015-02-04", &[])],
                &["b", "a"],
            ),
            (
                "same day, no `after`: the id decides",
                &[("b", "2015-02-04", &[]), ("a", "2015-02-04", &[])],
                &["a", "b"],
            ),
            (
                "`before X` sorts before X without `after`",
                &[("a", "2012-07-31", &[]), ("z", "../2012-07-31", &[])],
                &["z", "a"],
            ),
            (
                "`before X` after X: `after` wins",
                &[("a", "2012-07-31", &[]), ("z", "../2012-07-31", &["a"])],
                &["a", "z"],
            ),
            (
                "a chain across approximate dates runs against their anchors",
                &[
                    ("c", "2015-11~", &["b"]),
                    ("b", "../2015-11", &["a"]),
                    ("a", "2015-11-30~", &[]),
                    ("d", "2015-11-15", &[]),
                ],
                // b anchors on 30 Nov and waits for a (30 Nov); c (1 Nov)
                // waits for b; d is free and keeps its date's place.
                &["d", "a", "b", "c"],
            ),
            (
                "an event held back lets later dates pass it only where they must",
                &[
                    ("x", "2015", &["y"]),
                    ("y", "2015-06", &[]),
                    ("w", "2015-03", &[]),
                    ("v", "2016", &[]),
                ],
                &["w", "y", "x", "v"],
            ),
        ];
        for (what, events, want) in cases {
            assert_eq!(story(events), *want, "{what}");
        }
    }

    #[test]
    fn without_after_the_order_is_date_then_id() {
        let dates = [
            "2015-02-04",
            "2015-02",
            "2015",
            "2015/2016",
            "../2015-02-04",
            "2015-02-04/..",
            "/2015-02-04",
            "2015-02-04~",
            "2014-12-31",
            "2015-01/2015-06",
            "2015-02-04?",
        ];
        let ids: Vec<String> = (0..dates.len())
            .map(|k| format!("e{:02}", (k * 7) % 11))
            .collect();
        let events: Vec<Spec<'_>> = ids
            .iter()
            .zip(dates)
            .map(|(id, date)| (id.as_str(), date, &[][..]))
            .collect();
        let mut want: Vec<(crate::model::Date, &str)> = ids
            .iter()
            .zip(dates)
            .map(|(id, date)| (crate::model::Date::parse(date).unwrap(), id.as_str()))
            .collect();
        want.sort_by(|a, b| (a.0.sort_key(), a.1).cmp(&(b.0.sort_key(), b.1)));
        let want: Vec<&str> = want.iter().map(|(_, id)| *id).collect();
        assert_eq!(story(&events), want);
    }

    #[test]
    fn permute_puts_each_item_where_the_order_says() {
        // Permutations with fixed points, long cycles and short ones.
        for n in [0usize, 1, 2, 7, 64] {
            for step in [1usize, 3, 5, 13] {
                let order: Vec<u32> = (0..n)
                    .map(|k| ((k * step + n / 2) % n.max(1)) as u32)
                    .collect();
                let mut seen = order.clone();
                seen.sort_unstable();
                seen.dedup();
                if seen.len() != n {
                    continue; // not a permutation for this step
                }
                let items: Vec<String> = (0..n).map(|k| format!("item {k}")).collect();
                let want: Vec<String> = order.iter().map(|&k| items[k as usize].clone()).collect();
                let mut got = items;
                permute(&mut got, order);
                assert_eq!(got, want, "n {n}, step {step}");
            }
        }
    }

    #[test]
    fn a_chain_has_no_cycle() {
        assert!(cycles(4, &[(0, 1), (1, 2), (2, 3)]).is_empty());
    }

    #[test]
    fn a_cycle_of_three_is_named_from_its_lowest_node() {
        assert_eq!(cycles(5, &[(3, 1), (1, 4), (4, 3)]), vec![vec![1, 4, 3]]);
    }

    #[test]
    fn self_loops_are_left_to_the_loader() {
        assert!(cycles(2, &[(0, 0), (1, 1)]).is_empty());
    }

    #[test]
    fn two_cycles_joined_by_an_edge_are_both_found() {
        let edges = [(0, 1), (1, 0), (1, 2), (2, 3), (3, 2)];
        assert_eq!(cycles(4, &edges), vec![vec![0, 1], vec![2, 3]]);
    }

    #[test]
    fn a_component_with_a_chord_gives_one_real_cycle() {
        // 0 → 1 → 2 → 0, and the chord 1 → 0.
        let edges = [(0, 1), (1, 0), (1, 2), (2, 0)];
        let found = cycles(3, &edges);
        assert_eq!(found.len(), 1);
        let cycle = &found[0];
        for k in 0..cycle.len() {
            let (a, b) = (cycle[k], cycle[(k + 1) % cycle.len()]);
            assert!(edges.contains(&(a, b)), "{a} → {b} is not an edge");
        }
    }
}

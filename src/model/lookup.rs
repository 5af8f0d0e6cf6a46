//! Lookups by id while a dataset is checked: a list sorted once by key and
//! searched by halving. Hashing every id of a million events costs more
//! than sorting them, and a sorted list has no worst case an input can
//! force.

/// Values by string key. When a key is given twice, the last value given
/// is kept (as a `HashMap` built by `collect` keeps it).
pub(super) struct Lookup<'a, V>(Vec<(&'a str, V)>);

impl<V> Default for Lookup<'_, V> {
    fn default() -> Self {
        Lookup(Vec::new())
    }
}

impl<'a, V> Lookup<'a, V> {
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0
            .binary_search_by(|(k, _)| (*k).cmp(key))
            .ok()
            .map(|i| &self.0[i].1)
    }

    pub fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
}

impl<'a, V> FromIterator<(&'a str, V)> for Lookup<'a, V> {
    fn from_iter<I: IntoIterator<Item = (&'a str, V)>>(items: I) -> Lookup<'a, V> {
        let mut items: Vec<(&'a str, V)> = items.into_iter().collect();
        // Stable, so that of equal keys the last given stays last.
        items.sort_by(|a, b| a.0.cmp(b.0));
        let mut kept: Vec<(&'a str, V)> = Vec::with_capacity(items.len());
        for item in items {
            match kept.last_mut() {
                Some(last) if last.0 == item.0 => *last = item,
                _ => kept.push(item),
            }
        }
        Lookup(kept)
    }
}

/// Keys alone.
pub(super) type KeySet<'a> = Lookup<'a, ()>;

impl<'a> FromIterator<&'a str> for KeySet<'a> {
    fn from_iter<I: IntoIterator<Item = &'a str>>(keys: I) -> KeySet<'a> {
        keys.into_iter().map(|k| (k, ())).collect()
    }
}

/// The positions of the items that have an id, sorted by id (then
/// position); and for each item that repeats an earlier item's id, its
/// position and the first item's, in the items' order.
pub(super) fn by_id<'a>(
    ids: impl Iterator<Item = Option<&'a str>>,
) -> (Vec<u32>, Vec<(usize, usize)>) {
    let mut sorted: Vec<(&str, u32)> = ids
        .enumerate()
        .filter_map(|(i, id)| id.map(|id| (id, i as u32)))
        .collect();
    sorted.sort_unstable();
    let mut repeats = Vec::new();
    for run in sorted.chunk_by(|a, b| a.0 == b.0) {
        let first = run[0].1 as usize;
        repeats.extend(run[1..].iter().map(|&(_, i)| (i as usize, first)));
    }
    repeats.sort_unstable();
    (sorted.into_iter().map(|(_, i)| i).collect(), repeats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lookup_finds_each_key_and_keeps_the_last_of_repeats() {
        let l: Lookup<'_, usize> = [("b", 1), ("a", 2), ("b", 3), ("c", 4)]
            .into_iter()
            .collect();
        assert_eq!(l.get("a"), Some(&2));
        assert_eq!(l.get("b"), Some(&3));
        assert_eq!(l.get("c"), Some(&4));
        assert_eq!(l.get("d"), None);
        assert!(!l.contains(""));
        let keys: KeySet<'_> = ["x", "y"].into_iter().collect();
        assert!(keys.contains("y") && !keys.contains("z"));
    }

    #[test]
    fn repeats_name_the_first_item_with_the_id() {
        let ids = [Some("a"), Some("b"), None, Some("a"), Some("b"), Some("a")];
        let (sorted, repeats) = by_id(ids.into_iter());
        assert_eq!(sorted, vec![0, 3, 5, 1, 4]);
        assert_eq!(repeats, vec![(3, 0), (4, 1), (5, 0)]);
        let (sorted, repeats) = by_id([Some("b"), None, Some("a")].into_iter());
        assert_eq!((sorted, repeats), (vec![2, 0], vec![]));
    }
}

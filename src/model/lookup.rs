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

/// For each item that repeats an earlier item's id: its position and the
/// first item's, in the items' order. Items without an id are passed over.
pub(super) fn repeated<'a>(ids: impl Iterator<Item = Option<&'a str>>) -> Vec<(usize, usize)> {
    let mut by_id: Vec<(&str, usize)> = ids
        .enumerate()
        .filter_map(|(i, id)| id.map(|id| (id, i)))
        .collect();
    by_id.sort_unstable();
    let mut repeats = Vec::new();
    for run in by_id.chunk_by(|a, b| a.0 == b.0) {
        let first = run[0].1;
        repeats.extend(run[1..].iter().map(|&(_, i)| (i, first)));
    }
    repeats.sort_unstable();
    repeats
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
        assert_eq!(repeated(ids.into_iter()), vec![(3, 0), (4, 1), (5, 0)]);
        assert!(repeated([Some("a"), None, Some("b")].into_iter()).is_empty());
    }
}

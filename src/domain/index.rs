//! Finding a proposal or a participant by its id without walking the whole
//! list: a map from id to position, built once and kept while the list
//! keeps its order. Ops that shift positions forget it; a list whose
//! length no longer matches (something added directly) rebuilds it; a
//! position that no longer holds the id is never trusted. Loading a
//! 15,000-proposal synthesis is then linear in its size.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::RwLock;

#[derive(Debug)]
pub struct IdIndex<K> {
    map: RwLock<Option<HashMap<K, usize>>>,
}

impl<K> Default for IdIndex<K> {
    fn default() -> Self {
        IdIndex {
            map: RwLock::new(None),
        }
    }
}

/// An index is a cache: it never makes two workshops differ, a copy
/// starts without one, and it is not written to the file.
impl<K> Clone for IdIndex<K> {
    fn clone(&self) -> Self {
        IdIndex {
            map: RwLock::new(None),
        }
    }
}

impl<K> PartialEq for IdIndex<K> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<K> Eq for IdIndex<K> {}

impl<K: Hash + Eq + Copy> IdIndex<K> {
    /// The position of `id` in `items`.
    pub fn position<T>(&self, items: &[T], key: impl Fn(&T) -> K, id: K) -> Option<usize> {
        if items.len() < 16 {
            // Small lists (participants of a workshop, rounds) are faster
            // to walk than to hash.
            return items.iter().position(|t| key(t) == id);
        }
        if let Ok(guard) = self.map.read()
            && let Some(map) = guard.as_ref()
            && map.len() == items.len()
        {
            match map.get(&id) {
                Some(&i) if items.get(i).is_some_and(|t| key(t) == id) => return Some(i),
                None => return None,
                Some(_) => {}
            }
        }
        let map: HashMap<K, usize> = items.iter().enumerate().map(|(i, t)| (key(t), i)).collect();
        let found = map.get(&id).copied();
        if let Ok(mut guard) = self.map.write() {
            *guard = Some(map);
        }
        found
    }

    /// Positions changed (an insertion in the middle, a removal, a move).
    pub fn forget(&mut self) {
        if let Ok(map) = self.map.get_mut() {
            *map = None;
        }
    }

    /// `id` was appended at `at`: kept current without a rebuild.
    pub fn appended(&mut self, id: K, at: usize) {
        if let Ok(Some(map)) = self.map.get_mut().map(|m| m.as_mut()) {
            if map.len() == at {
                map.insert(id, at);
            } else {
                self.forget();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_found_and_stale_ones_are_never_trusted() {
        let mut items: Vec<u32> = (0..100).map(|i| i * 10).collect();
        let mut index = IdIndex::default();
        assert_eq!(index.position(&items, |x| *x, 500), Some(50));
        assert_eq!(index.position(&items, |x| *x, 55), None);
        // Changed without telling the index: same length, other order.
        items.swap(10, 50);
        assert_eq!(index.position(&items, |x| *x, 500), Some(10));
        // Appended without telling: the length says so.
        items.push(7);
        assert_eq!(index.position(&items, |x| *x, 7), Some(100));
        items.push(8);
        index.appended(8, 101);
        assert_eq!(index.position(&items, |x| *x, 8), Some(101));
        items.remove(0);
        index.forget();
        assert_eq!(index.position(&items, |x| *x, 8), Some(100));
    }
}

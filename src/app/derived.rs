//! What the screens derive from the workshop, shared by all of them.

use crate::domain::Workshop;
use std::sync::Arc;

/// What the screens derive from the workshop, kept current after every
/// change in one pass over contiguous memory, so that neither a change nor
/// a frame walks the 10,000 proposals through the heap.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    /// One small entry per proposal, by index: lists are rebuilt from these
    /// contiguous slots without chasing every proposal through the heap.
    pub slots: Vec<Slot>,
    pub live: usize,
    pub per_axis: Vec<(crate::domain::AxisKey, usize)>,
    pub untagged: usize,
    /// Indices of the originals merged into each proposal that has some.
    pub children: std::collections::HashMap<crate::domain::ProposalId, Vec<usize>>,
    /// The proposals the slots were read from. Holding them means a change
    /// to a proposal gives it a new allocation (`Arc::make_mut` copies a
    /// shared value), so a slot is read again only where the pointer moved.
    seen: Vec<Arc<crate::domain::Proposal>>,
}

impl Derived {
    pub fn of(w: &Workshop) -> Derived {
        let mut d = Derived::default();
        d.update(w);
        d
    }

    /// Brings the derived values up to `w`: the slots of the proposals
    /// that changed are read again, the counts are summed from the slots.
    pub fn update(&mut self, w: &Workshop) {
        let mut merges_moved = self.seen.len() != w.proposals().len();
        if merges_moved {
            self.seen = w.proposals().to_vec();
            self.slots = w.proposals().iter().map(|p| Slot::of(p)).collect();
        } else {
            for (i, p) in w.proposals().iter().enumerate() {
                if Arc::ptr_eq(&self.seen[i], p) {
                    continue;
                }
                let old = self.slots[i];
                let new = Slot::of(p);
                // Another proposal at this index (a move) shifts the
                // indices the merges are kept by.
                merges_moved |= old.is_merged() || new.is_merged() || self.seen[i].id != p.id;
                self.slots[i] = match (old, new) {
                    (Slot::Live { holds_merges, .. }, Slot::Live { primary, .. }) => Slot::Live {
                        primary,
                        holds_merges,
                    },
                    _ => new,
                };
                self.seen[i] = Arc::clone(p);
            }
        }
        if merges_moved {
            self.link_merges(w);
        }
        self.count(w);
    }

    /// Which originals each proposal holds, from the slots.
    fn link_merges(&mut self, w: &Workshop) {
        self.children.clear();
        for (i, slot) in self.slots.iter().enumerate() {
            if let Slot::Merged { into } = *slot {
                self.children.entry(into).or_default().push(i);
            }
        }
        for slot in &mut self.slots {
            if let Slot::Live { holds_merges, .. } = slot {
                *holds_merges = false;
            }
        }
        for id in self.children.keys() {
            if let Some(Slot::Live { holds_merges, .. }) =
                w.proposal_index(*id).map(|i| &mut self.slots[i])
            {
                *holds_merges = true;
            }
        }
    }

    fn count(&mut self, w: &Workshop) {
        self.per_axis = w.axes().iter().map(|a| (a.key, 0)).collect();
        self.live = 0;
        self.untagged = 0;
        for slot in &self.slots {
            let Slot::Live { primary, .. } = *slot else {
                continue;
            };
            self.live += 1;
            match primary {
                Some(k) => {
                    if let Some(c) = self.per_axis.iter_mut().find(|(key, _)| *key == k) {
                        c.1 += 1;
                    }
                }
                None => self.untagged += 1,
            }
        }
    }

    pub fn merged_count(&self, id: crate::domain::ProposalId) -> usize {
        self.children.get(&id).map_or(0, Vec::len)
    }
}

/// A proposal as the lists need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Merged {
        into: crate::domain::ProposalId,
    },
    Live {
        primary: Option<crate::domain::AxisKey>,
        /// Originals were merged into it.
        holds_merges: bool,
    },
}

impl Slot {
    fn of(p: &crate::domain::Proposal) -> Slot {
        match p.merged_into {
            Some(into) => Slot::Merged { into },
            None => Slot::Live {
                primary: p.primary_axis(),
                holds_merges: false,
            },
        }
    }

    fn is_merged(self) -> bool {
        matches!(self, Slot::Merged { .. })
    }
}

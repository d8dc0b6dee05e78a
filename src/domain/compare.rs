//! What differs between two versions of a workshop: what a facilitator
//! needs to see before choosing one when someone else changed the file.

use super::ids::ProposalId;
use super::workshop::Workshop;
use std::collections::BTreeMap;

/// A proposal that is not the same in the two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProposalChange {
    /// Only in ours (typed here since the file was read).
    OnlyOurs { id: ProposalId, text: String },
    /// Only in theirs (added by someone else).
    OnlyTheirs { id: ProposalId, text: String },
    /// In both, with a different text, axes, author or merge.
    Changed {
        id: ProposalId,
        ours: String,
        theirs: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Differences {
    /// `(ours, theirs)` when the titles differ.
    pub title: Option<(String, String)>,
    pub proposals: Vec<ProposalChange>,
    /// Participants, rounds (ballots included) and sheets that differ, by
    /// count of items not identical in both.
    pub participants: usize,
    pub rounds: usize,
    pub sheets: usize,
}

impl Differences {
    pub fn is_empty(&self) -> bool {
        *self == Differences::default()
    }
}

/// Items of `a` and `b`, by key, that are not the same in both.
fn differing<K: Ord, T: PartialEq>(
    a: impl Iterator<Item = (K, T)>,
    b: impl Iterator<Item = (K, T)>,
) -> usize {
    let a: BTreeMap<K, T> = a.collect();
    let b: BTreeMap<K, T> = b.collect();
    let only_a = a.iter().filter(|(k, v)| b.get(*k) != Some(*v)).count();
    let only_b = b.keys().filter(|k| !a.contains_key(*k)).count();
    only_a + only_b
}

/// What differs between `ours` and `theirs`, proposals by number.
pub fn compare(ours: &Workshop, theirs: &Workshop) -> Differences {
    let mut d = Differences::default();
    if ours.workshop.title != theirs.workshop.title {
        d.title = Some((ours.workshop.title.clone(), theirs.workshop.title.clone()));
    }
    let a: BTreeMap<ProposalId, _> = ours.proposals.iter().map(|p| (p.id, &**p)).collect();
    let b: BTreeMap<ProposalId, _> = theirs.proposals.iter().map(|p| (p.id, &**p)).collect();
    for (id, p) in &a {
        match b.get(id) {
            None => d.proposals.push(ProposalChange::OnlyOurs {
                id: *id,
                text: p.text.clone(),
            }),
            Some(q) if q != p => d.proposals.push(ProposalChange::Changed {
                id: *id,
                ours: p.text.clone(),
                theirs: q.text.clone(),
            }),
            Some(_) => {}
        }
    }
    for (id, q) in &b {
        if !a.contains_key(id) {
            d.proposals.push(ProposalChange::OnlyTheirs {
                id: *id,
                text: q.text.clone(),
            });
        }
    }
    d.proposals.sort_by_key(|c| match c {
        ProposalChange::OnlyOurs { id, .. }
        | ProposalChange::OnlyTheirs { id, .. }
        | ProposalChange::Changed { id, .. } => *id,
    });
    d.participants = differing(
        ours.participants.iter().map(|p| (p.id, p)),
        theirs.participants.iter().map(|p| (p.id, p)),
    );
    d.rounds = differing(
        ours.rounds.iter().map(|r| (r.id, r)),
        theirs.rounds.iter().map(|r| (r.id, r)),
    );
    d.sheets = differing(
        ours.sheets.iter().map(|s| (s.id.clone(), s)),
        theirs.sheets.iter().map(|s| (s.id.clone(), s)),
    );
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sample::generated;

    #[test]
    fn added_removed_and_edited_proposals_are_listed_by_number() {
        let ours = generated(5, 0);
        let mut theirs = ours.clone();
        assert!(compare(&ours, &theirs).is_empty());
        theirs.workshop.title = "Titre changé à la main".into();
        std::sync::Arc::make_mut(&mut theirs.proposals[1]).text = "Autre texte".into();
        let removed = theirs.proposals.remove(3);
        let mut added = (*theirs.proposals[0]).clone();
        added.id = ProposalId(99);
        theirs.proposals.push(std::sync::Arc::new(added));
        let d = compare(&ours, &theirs);
        assert_eq!(
            d.title.as_ref().map(|t| t.1.as_str()),
            Some("Titre changé à la main")
        );
        let ids: Vec<u32> = d
            .proposals
            .iter()
            .map(|c| match c {
                ProposalChange::OnlyOurs { id, .. }
                | ProposalChange::OnlyTheirs { id, .. }
                | ProposalChange::Changed { id, .. } => id.0,
            })
            .collect();
        assert_eq!(ids, [ours.proposals[1].id.0, removed.id.0, 99]);
        assert!(matches!(d.proposals[0], ProposalChange::Changed { .. }));
        assert!(matches!(d.proposals[1], ProposalChange::OnlyOurs { .. }));
        assert!(matches!(d.proposals[2], ProposalChange::OnlyTheirs { .. }));
    }
}

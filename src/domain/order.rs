//! Each voter sees a round's proposals in their own order. The first
//! option listed gets a measurable bonus (ballot-order studies: Koppell &
//! Steen 2004, Ho & Imai 2008), so in a shuffled round every voter — a
//! phone, a participant, the booth's anonymous voter — gets a permutation
//! of its own: stable when they come back or change their vote, different
//! from the next voter's, and replayable by an audit from the round's seed
//! in the file and the voter's key. The projection, the results and the
//! exports keep the workshop's order; a paper count keeps the order of the
//! sheets on the wall.

use super::hash::{Fnv, mix};
use super::ids::ProposalId;
use super::round::{Mode, Round, Voter};
use super::workshop::Workshop;

/// Who a voter is for their order: a participant (whichever phone or
/// booth they vote from), or a phone's key in this round, or the booth's
/// anonymous voter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderKey {
    Voter(Voter),
    Device(String),
}

impl OrderKey {
    fn bytes(&self) -> Vec<u8> {
        match self {
            OrderKey::Voter(v) => v.to_string().into_bytes(),
            OrderKey::Device(d) => format!("d{d}").into_bytes(),
        }
    }
}

/// Whether each voter of `round` sees their own order.
pub fn shuffles(round: &Round) -> bool {
    round.order_seed.is_some() && round.mode == Mode::Ballots
}

/// `ids` in the order `key` sees them in `round`: shuffled when the round
/// asks for it (never for a paper count), as given otherwise.
pub fn for_voter(round: &Round, key: &OrderKey, mut ids: Vec<ProposalId>) -> Vec<ProposalId> {
    let Some(seed) = round.order_seed.filter(|_| shuffles(round)) else {
        return ids;
    };
    let mut voter = Fnv::new();
    voter.write(&seed.to_le_bytes());
    voter.write(&key.bytes());
    let rank = |id: &ProposalId| {
        let mut h = voter.clone();
        h.write(&id.0.to_le_bytes());
        mix(h.0)
    };
    ids.sort_by_cached_key(|id| (rank(id), id.0));
    ids
}

/// The live proposals of `round` in the order `key` sees them, as indices
/// in `w.proposals`.
pub fn proposals_for(w: &Workshop, round: &Round, key: &OrderKey) -> Vec<usize> {
    let scope = super::vote_rules::proposals_in_scope(w, round);
    let ids = scope.iter().map(|i| w.proposals[*i].id).collect();
    let at: std::collections::HashMap<ProposalId, usize> =
        scope.iter().map(|i| (w.proposals[*i].id, *i)).collect();
    for_voter(round, key, ids)
        .into_iter()
        .filter_map(|id| at.get(&id).copied())
        .collect()
}

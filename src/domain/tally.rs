//! Counting a round. The count is always recomputed from the stored ballots
//! (or paper totals), so it can be audited and does not depend on the order
//! ballots were cast. Dots given to a proposal later merged count for the
//! proposal it was merged into; un-merging gives them back.

use super::ids::ProposalId;
use super::participant::College;
use super::round::{Mode, Round, Voter};
use super::workshop::Workshop;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TallyRow {
    pub proposal: ProposalId,
    pub dots: u32,
    /// Competition ranking: equal counts share a rank (1, 2, 2, 4).
    pub rank: u32,
    /// Dots by the voters' collège; `None` for anonymous voters, participants
    /// without a collège, and paper tallies.
    pub by_college: Vec<(Option<College>, u32)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tally {
    /// Every proposal in scope and every one that received dots, best first;
    /// equal counts in proposal-number order.
    pub rows: Vec<TallyRow>,
    /// Counted ballots (0 for a paper tally: voters are not known).
    pub voters: usize,
    pub dots_spent: u32,
    /// Dots the counted voters could spend.
    pub dots_available: u32,
}

/// Where the cut line falls: sure winners and a tie to settle.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cut {
    pub winners: Vec<ProposalId>,
    /// Proposals tied across the cut line; a runoff on them fills the
    /// remaining `places`.
    pub tied: Vec<ProposalId>,
    pub places: u32,
}

/// Follows merges to the proposal that carries a merged one's dots.
pub fn resolve(map: &HashMap<ProposalId, ProposalId>, mut id: ProposalId) -> ProposalId {
    // A hand-edited loop is refused at load; the bound is belt and braces.
    for _ in 0..64 {
        match map.get(&id) {
            Some(next) => id = *next,
            None => break,
        }
    }
    id
}

impl Tally {
    pub fn compute(w: &Workshop, round: &Round) -> Tally {
        let merges = w.merge_map();
        let colleges: HashMap<_, _> = w.participants.iter().map(|p| (p.id, p.college)).collect();
        let mut dots: HashMap<ProposalId, u32> = HashMap::new();
        let mut by_college: HashMap<(ProposalId, Option<College>), u32> = HashMap::new();
        let mut tally = Tally::default();
        match round.mode {
            Mode::Ballots => {
                for ballot in round.counted_ballots() {
                    tally.voters += 1;
                    let college = match ballot.voter {
                        Voter::Participant(p) => colleges.get(&p).copied().flatten(),
                        Voter::Anonymous(_) => None,
                    };
                    for (id, n) in &ballot.dots {
                        let root = resolve(&merges, *id);
                        *dots.entry(root).or_default() += n;
                        *by_college.entry((root, college)).or_default() += n;
                        tally.dots_spent += n;
                    }
                }
                tally.dots_available = tally.voters as u32 * round.dots_per_voter;
            }
            Mode::Tally => {
                for entry in &round.tallies {
                    let root = resolve(&merges, entry.proposal);
                    *dots.entry(root).or_default() += entry.dots;
                    *by_college.entry((root, None)).or_default() += entry.dots;
                    tally.dots_spent += entry.dots;
                }
            }
        }
        let scope = super::round::ScopeTest::new(&round.scope, &merges);
        let mut rows: Vec<TallyRow> = w
            .live_proposals()
            .filter(|p| scope.contains(p) || dots.contains_key(&p.id))
            .map(|p| TallyRow {
                proposal: p.id,
                dots: dots.get(&p.id).copied().unwrap_or(0),
                rank: 0,
                by_college: college_breakdown(&by_college, p.id),
            })
            .collect();
        rows.sort_by(|a, b| b.dots.cmp(&a.dots).then(a.proposal.cmp(&b.proposal)));
        let mut rank = 0;
        for i in 0..rows.len() {
            if i == 0 || rows[i].dots != rows[i - 1].dots {
                rank = i as u32 + 1;
            }
            rows[i].rank = rank;
        }
        tally.rows = rows;
        tally
    }

    pub fn dots_of(&self, id: ProposalId) -> u32 {
        self.rows
            .iter()
            .find(|r| r.proposal == id)
            .map_or(0, |r| r.dots)
    }

    /// Splits the ranking at `wanted` winners. When the proposals at the
    /// cut line have equal counts, the ones above the tie are sure and the
    /// tied ones compete for the places left.
    pub fn cut(&self, wanted: u32) -> Cut {
        let n = wanted as usize;
        if n == 0 || self.rows.len() <= n || self.rows[n - 1].dots != self.rows[n].dots {
            return Cut {
                winners: self.rows.iter().take(n).map(|r| r.proposal).collect(),
                tied: Vec::new(),
                places: 0,
            };
        }
        let line = self.rows[n - 1].dots;
        let winners: Vec<ProposalId> = self
            .rows
            .iter()
            .take_while(|r| r.dots > line)
            .map(|r| r.proposal)
            .collect();
        let tied = self
            .rows
            .iter()
            .filter(|r| r.dots == line)
            .map(|r| r.proposal)
            .collect();
        Cut {
            places: wanted - winners.len() as u32,
            winners,
            tied,
        }
    }
}

fn college_breakdown(
    by_college: &HashMap<(ProposalId, Option<College>), u32>,
    id: ProposalId,
) -> Vec<(Option<College>, u32)> {
    College::ALL
        .iter()
        .map(|c| Some(*c))
        .chain([None])
        .filter_map(|c| by_college.get(&(id, c)).map(|n| (c, *n)))
        .collect()
}

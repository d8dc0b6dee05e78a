//! Consensus across collèges: beside the ranking by dots, whether a
//! proposal is carried by every partner of the concertation or by one
//! large group. For each proposal and each group (a collège, or the voters
//! without one), the share of the group's voters who gave it at least one
//! dot; the score is the product over groups of that share, smoothed
//! (`(supporters + 1) / (voters + 2)`, as in Polis's group-aware
//! consensus), so it is high only when every group supports it. A group of
//! fewer than [`MIN_VOTERS`] voters is shown but left out of the score: one
//! person is not a collège's view. A paper count knows no voter, so it has
//! no consensus.

use super::ids::ProposalId;
use super::participant::College;
use super::tally::Tally;

/// A collège, or `None`: the voters without one (anonymous phones too).
pub type Group = Option<College>;

/// The key of a group's label: its collège's, or "without a collège".
pub fn label_key(g: Group) -> &'static str {
    g.map_or("college.none", College::label_key)
}

/// The key of a group's short label (a column heading).
pub fn short_key(g: Group) -> &'static str {
    g.map_or("college.short_none", College::short_key)
}

/// Fewer voters than this and a group is shown but not scored.
pub const MIN_VOTERS: u32 = 2;

/// "Carried by one collège": at least this share (‰) of one scored group
/// supports it…
pub const CARRIED_FROM: u64 = 500;
/// …while in every other scored group fewer than this share (‰) do.
pub const OTHERS_BELOW: u64 = 250;

/// One group's support for one proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Support {
    pub group: Group,
    /// Voters of the group who gave it at least one dot.
    pub supporters: u32,
    pub voters: u32,
}

impl Support {
    /// Whether the group is large enough to count in the score.
    pub fn scored(&self) -> bool {
        self.voters >= MIN_VOTERS
    }

    /// The share of the group's voters who support it, in tenths of a
    /// percent (rounded).
    pub fn permille(&self) -> u64 {
        let (s, n) = (u64::from(self.supporters), u64::from(self.voters));
        (s * 1000 + n / 2).checked_div(n).unwrap_or(0)
    }

    fn smoothed(&self) -> f64 {
        (f64::from(self.supporters) + 1.0) / (f64::from(self.voters) + 2.0)
    }
}

/// A proposal's support across the groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsensusRow {
    pub proposal: ProposalId,
    /// One per group that voted, in the collèges' order.
    pub support: Vec<Support>,
    /// The product of the scored groups' smoothed support, in tenths of a
    /// percent; `None` when fewer than two groups are scored.
    pub score: Option<u64>,
    /// The one group that carries it when the others do not follow.
    pub carried_by: Option<Group>,
}

/// A round's consensus, in the order of its ranking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consensus {
    /// The groups that voted and how many voters each.
    pub groups: Vec<Support>,
    pub rows: Vec<ConsensusRow>,
}

impl Consensus {
    /// From a count of ballots; `None` for a paper count (no voter known).
    pub fn of(tally: &Tally) -> Option<Consensus> {
        if tally.groups.is_empty() {
            return None;
        }
        let groups: Vec<Support> = tally
            .groups
            .iter()
            .map(|&(group, voters)| Support {
                group,
                supporters: voters,
                voters,
            })
            .collect();
        let rows = tally
            .rows
            .iter()
            .map(|row| {
                let support: Vec<Support> = tally
                    .groups
                    .iter()
                    .map(|&(group, voters)| Support {
                        group,
                        supporters: row
                            .supporters
                            .iter()
                            .find(|(g, _)| *g == group)
                            .map_or(0, |(_, n)| *n),
                        voters,
                    })
                    .collect();
                ConsensusRow {
                    proposal: row.proposal,
                    score: score(&support),
                    carried_by: carried_by(&support),
                    support,
                }
            })
            .collect();
        Some(Consensus { groups, rows })
    }

    /// How many groups count in the score.
    pub fn scored_groups(&self) -> usize {
        self.groups.iter().filter(|g| g.scored()).count()
    }

    pub fn row(&self, id: ProposalId) -> Option<&ConsensusRow> {
        self.rows.iter().find(|r| r.proposal == id)
    }
}

fn score(support: &[Support]) -> Option<u64> {
    let scored: Vec<&Support> = support.iter().filter(|s| s.scored()).collect();
    if scored.len() < 2 {
        return None;
    }
    let product: f64 = scored.iter().map(|s| s.smoothed()).product();
    // In [0, 1]: the cast cannot overflow or go negative.
    Some((product * 1000.0).round() as u64)
}

fn carried_by(support: &[Support]) -> Option<Group> {
    let scored: Vec<&Support> = support.iter().filter(|s| s.scored()).collect();
    if scored.len() < 2 {
        return None;
    }
    let mut carriers = scored.iter().filter(|s| s.permille() >= CARRIED_FROM);
    let carrier = carriers.next()?;
    if carriers.next().is_some() {
        return None;
    }
    scored
        .iter()
        .filter(|s| s.group != carrier.group)
        .all(|s| s.permille() < OTHERS_BELOW)
        .then_some(carrier.group)
}

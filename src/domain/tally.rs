//! Counting a round. The count is always recomputed from the stored ballots
//! (or paper totals), so it can be audited and does not depend on the order
//! ballots were cast. Dots given to a proposal later merged count for the
//! proposal it was merged into; un-merging gives them back.

use super::ids::ProposalId;
use super::judgment::{self, Merit};
use super::participant::College;
use super::proposal::resolve;
use super::round::{Method, Mode, Round, Voter};
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
    /// How many voters of each group (collège, or `None`: without one)
    /// gave it at least one dot; empty for a paper count.
    pub supporters: Vec<(Option<College>, u32)>,
    /// A majority judgment round: how many voters gave it each grade (a
    /// grade left out counts as "À rejeter"). `None` in a dots round.
    pub merit: Option<Merit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tally {
    pub method: Method,
    /// Every proposal in scope and every one that received dots, best first;
    /// equal counts in proposal-number order.
    pub rows: Vec<TallyRow>,
    /// Counted ballots (0 for a paper tally: voters are not known).
    pub voters: usize,
    pub dots_spent: u32,
    /// Dots the counted voters could spend.
    pub dots_available: u32,
    /// Counted voters per group (collège, or `None`: without one), in the
    /// collèges' order, groups with no voter left out; empty for a paper
    /// count, whose voters are not known.
    pub groups: Vec<(Option<College>, u32)>,
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

/// Where a round's cut line leaves its proposals once its runoffs are
/// counted: what every screen, the projection and the exports show as kept.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    /// Kept, in ranking order: the sure winners, then the winners of the
    /// runoff that settled a tie.
    pub kept: Vec<ProposalId>,
    /// Still tied across the cut line, competing for `places`.
    pub tied: Vec<ProposalId>,
    pub places: u32,
    /// The revealed runoff that settled (part of) the tie.
    pub settled_by: Option<super::ids::RoundId>,
    /// Every proposal that was tied at the cut line, settled or not: they
    /// share a rank ("2=").
    pub ex_aequo: Vec<ProposalId>,
}

impl Outcome {
    pub fn is_kept(&self, id: ProposalId) -> bool {
        self.kept.contains(&id)
    }

    pub fn is_tied(&self, id: ProposalId) -> bool {
        self.tied.contains(&id)
    }
}

impl Workshop {
    /// The outcome of `round`: its cut line, with a tie there settled by
    /// its latest revealed runoff (itself settled by its own runoff, and so
    /// on). What is not revealed settles nothing.
    pub fn outcome(&self, round: &Round, tally: &Tally) -> Outcome {
        self.outcome_at(round, tally, 0)
    }

    fn outcome_at(&self, round: &Round, tally: &Tally, depth: usize) -> Outcome {
        let cut = tally.cut(round.winners);
        let mut out = Outcome {
            kept: cut.winners,
            ex_aequo: cut.tied.clone(),
            tied: cut.tied,
            places: cut.places,
            settled_by: None,
        };
        if out.tied.is_empty() || depth > 16 {
            return out;
        }
        let runoff = self
            .rounds
            .iter()
            .rfind(|r| r.runoff_of == Some(round.id) && r.revealed);
        let Some(runoff) = runoff else { return out };
        let inner = self.outcome_at(runoff, &Tally::compute(self, runoff), depth + 1);
        // Only the tied proposals can win the places left.
        let won: Vec<ProposalId> = inner
            .kept
            .iter()
            .copied()
            .filter(|id| out.tied.contains(id))
            .take(out.places as usize)
            .collect();
        out.places -= won.len() as u32;
        out.kept.extend(&won);
        out.tied = if out.places == 0 {
            Vec::new()
        } else if inner.tied.is_empty() {
            out.tied.retain(|id| !won.contains(id));
            out.tied
        } else {
            inner
                .tied
                .iter()
                .copied()
                .filter(|id| out.tied.contains(id))
                .collect()
        };
        out.settled_by = Some(runoff.id);
        out
    }
}

/// Where the cut line leaves a proposal of the ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Kept,
    /// Tied across the cut line, not settled yet.
    Tied,
    Out,
}

/// A line of a ranking as every output shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankLine {
    /// A row of the tally (its index in `rows`) and its standing.
    Row(usize, Standing),
    /// The cut line: what is above it is kept. When a tie straddles it,
    /// the tied rows follow it as one group, closed by `TieEnd`.
    Cut,
    TieEnd,
}

/// The ranking in the order to show it: the kept proposals (a runoff's
/// winners after the sure ones), the cut line, an unsettled tie as one
/// group, then the rest.
pub fn ranking(tally: &Tally, outcome: &Outcome) -> Vec<RankLine> {
    let index: HashMap<ProposalId, usize> = tally
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.proposal, i))
        .collect();
    let mut out: Vec<RankLine> = outcome
        .kept
        .iter()
        .filter_map(|id| index.get(id))
        .map(|i| RankLine::Row(*i, Standing::Kept))
        .collect();
    let rest: Vec<usize> = (0..tally.rows.len())
        .filter(|i| {
            let id = tally.rows[*i].proposal;
            !outcome.is_kept(id) && !outcome.is_tied(id)
        })
        .collect();
    let tied: Vec<usize> = (0..tally.rows.len())
        .filter(|i| outcome.is_tied(tally.rows[*i].proposal))
        .collect();
    if !tied.is_empty() || (!out.is_empty() && !rest.is_empty()) {
        out.push(RankLine::Cut);
    }
    if !tied.is_empty() {
        out.extend(tied.iter().map(|i| RankLine::Row(*i, Standing::Tied)));
        out.push(RankLine::TieEnd);
    }
    out.extend(rest.iter().map(|i| RankLine::Row(*i, Standing::Out)));
    out
}

impl Tally {
    pub fn compute(w: &Workshop, round: &Round) -> Tally {
        if round.method == Method::Judgment {
            return Tally::judged(w, round);
        }
        let merges = w.merge_map();
        let colleges: HashMap<_, _> = w.participants.iter().map(|p| (p.id, p.college)).collect();
        let mut dots: HashMap<ProposalId, u32> = HashMap::new();
        let mut by_college: HashMap<(ProposalId, Option<College>), u32> = HashMap::new();
        // A voter supports a proposal once, however many dots (and however
        // many of its merged originals) they gave it.
        let mut supporters: HashMap<(ProposalId, Option<College>), u32> = HashMap::new();
        let mut voters: HashMap<Option<College>, u32> = HashMap::new();
        let mut tally = Tally::default();
        match round.mode {
            Mode::Ballots => {
                for ballot in round.counted_ballots() {
                    tally.voters += 1;
                    let college = match ballot.voter {
                        Voter::Participant(p) => colleges.get(&p).copied().flatten(),
                        Voter::Anonymous(_) => None,
                    };
                    *voters.entry(college).or_default() += 1;
                    let mut supported = std::collections::HashSet::new();
                    for (id, n) in &ballot.dots {
                        let root = resolve(&merges, *id);
                        if *n > 0 && supported.insert(root) {
                            *supporters.entry((root, college)).or_default() += 1;
                        }
                        *dots.entry(root).or_default() += n;
                        *by_college.entry((root, college)).or_default() += n;
                        tally.dots_spent += n;
                    }
                }
                tally.dots_available = tally.voters as u32 * round.dots_per_voter;
            }
            Mode::Paper => {
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
                supporters: college_breakdown(&supporters, p.id),
                merit: None,
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
        tally.groups = groups_in_order()
            .filter_map(|c| voters.get(&c).map(|n| (c, *n)))
            .collect();
        tally
    }

    /// A majority judgment round: every proposal in scope graded by each
    /// counted ballot (a grade left out is "À rejeter"), ranked by majority
    /// grade with the standard tie-break. A voter who graded two proposals
    /// later merged counts once, with the better grade.
    fn judged(w: &Workshop, round: &Round) -> Tally {
        let merges = w.merge_map();
        let scope = super::round::ScopeTest::new(&round.scope, &merges);
        let items: Vec<ProposalId> = w
            .live_proposals()
            .filter(|p| scope.contains(p))
            .map(|p| p.id)
            .collect();
        let mut merits: HashMap<ProposalId, Merit> =
            items.iter().map(|id| (*id, Merit::default())).collect();
        let mut tally = Tally {
            method: Method::Judgment,
            ..Tally::default()
        };
        // On paper: the grades counted per proposal (voters unknown).
        for entry in round.tallies.iter().filter(|_| round.mode == Mode::Paper) {
            let root = resolve(&merges, entry.proposal);
            if let Some(m) = merits.get_mut(&root) {
                for (count, n) in m.counts.iter_mut().zip(&entry.grades) {
                    *count += n;
                }
            }
            tally.dots_spent += entry.dots;
        }
        for ballot in round
            .counted_ballots()
            .filter(|_| round.mode == Mode::Ballots)
        {
            tally.voters += 1;
            let mut best: HashMap<ProposalId, u8> = HashMap::new();
            for (id, mark) in &ballot.dots {
                let Some(grade) = judgment::grade_of_mark(*mark) else {
                    continue;
                };
                let root = resolve(&merges, *id);
                let g = best.entry(root).or_insert(grade);
                *g = (*g).min(grade);
            }
            tally.dots_spent += best.len() as u32;
            for id in &items {
                let grade = best.get(id).copied().unwrap_or(judgment::WORST);
                if let Some(m) = merits.get_mut(id) {
                    m.counts[usize::from(grade)] += 1;
                }
            }
        }
        tally.dots_available = (tally.voters * items.len()) as u32;
        tally.rows = judgment::rank(merits)
            .into_iter()
            .map(|r| TallyRow {
                proposal: r.key,
                dots: 0,
                rank: r.rank,
                by_college: Vec::new(),
                supporters: Vec::new(),
                merit: Some(r.merit),
            })
            .collect();
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
        // Equal ranks are a tie: the same count of dots, or the same grades.
        let n = wanted as usize;
        if n == 0 || self.rows.len() <= n || self.rows[n - 1].rank != self.rows[n].rank {
            return Cut {
                winners: self.rows.iter().take(n).map(|r| r.proposal).collect(),
                tied: Vec::new(),
                places: 0,
            };
        }
        let line = self.rows[n - 1].rank;
        let winners: Vec<ProposalId> = self
            .rows
            .iter()
            .take_while(|r| r.rank < line)
            .map(|r| r.proposal)
            .collect();
        let tied = self
            .rows
            .iter()
            .filter(|r| r.rank == line)
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
    groups_in_order()
        .filter_map(|c| by_college.get(&(id, c)).map(|n| (c, *n)))
        .collect()
}

/// The collèges in their usual order, then "without a collège".
pub fn groups_in_order() -> impl Iterator<Item = Option<College>> {
    College::ALL.into_iter().map(Some).chain([None])
}

//! Several workshops of one territory made into one (a synthesis), and the
//! proposals of one workshop brought into another (an import). Everything
//! brought in keeps its origin; axes that disagree are reported, never
//! guessed; a workshop merged with itself is refused.

use super::axis::Axis;
use super::ids::{AxisKey, ParticipantId, ProposalId, RoundId};
use super::ops::Op;
use super::participant::{Participant, fold};
use super::proposal::Proposal;
use super::round::{Ballot, Round, Scope, Voter};
use super::source::Source;
use super::workshop::{Details, Workshop};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// A workshop to combine, with its file name (how the facilitator knows it).
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub file: &'a str,
    pub workshop: &'a Workshop,
}

/// One axis number defined differently by two or more workshops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AxisConflict {
    pub key: AxisKey,
    /// Each file with the title it gives that axis.
    pub titles: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SynthesisError {
    TooFew,
    /// The same file given twice, or two files with the same content.
    SameWorkshop {
        a: String,
        b: String,
    },
    /// Two files sharing proposals (same number, text and time): copies of
    /// one workshop that went separate ways.
    SharedHistory {
        a: String,
        b: String,
        shared: usize,
    },
    /// `synthesis` was made from `source` already.
    AlreadyIncluded {
        synthesis: String,
        source: String,
    },
    AxisConflicts(Vec<AxisConflict>),
}

/// Who a workshop is, for the origin of what comes from it.
fn source_of(input: &Input, id: u32) -> Source {
    Source {
        workshop: input.workshop.workshop.heading(),
        file: input.file.to_string(),
        id,
    }
}

/// Same number with a different title (case and accents aside) is a
/// conflict; an axis only one workshop has is simply added.
pub fn axis_conflicts(inputs: &[Input]) -> Vec<AxisConflict> {
    let mut by_key: BTreeMap<AxisKey, Vec<(String, String)>> = BTreeMap::new();
    for input in inputs {
        for a in &input.workshop.axes {
            by_key
                .entry(a.key)
                .or_default()
                .push((input.file.to_string(), a.title.clone()));
        }
    }
    by_key
        .into_iter()
        .filter(|(_, titles)| {
            let first = fold(titles[0].1.trim());
            titles.iter().any(|(_, t)| fold(t.trim()) != first)
        })
        .map(|(key, titles)| AxisConflict { key, titles })
        .collect()
}

/// Axes of every input, by number, in order of first appearance.
fn union_axes(inputs: &[Input]) -> Vec<Axis> {
    let mut axes: Vec<Axis> = Vec::new();
    for input in inputs {
        for a in &input.workshop.axes {
            if !axes.iter().any(|b| b.key == a.key) {
                axes.push(a.clone());
            }
        }
    }
    axes
}

/// A proposal identical in two files (number, text, author and the time
/// it was typed) was captured once: the files share a history. Proposals
/// brought in from elsewhere are judged by their origin instead.
fn shared_proposals(a: &Workshop, b: &Workshop) -> usize {
    let in_a: HashSet<ProposalKey> = a
        .proposals
        .iter()
        .filter(|p| typed_here(p))
        .map(|p| ProposalKey::of(p))
        .collect();
    b.proposals
        .iter()
        .filter(|p| typed_here(p) && in_a.contains(&ProposalKey::of(p)))
        .count()
}

/// Refuses inputs that are one workshop seen twice, or a synthesis with
/// one of its own sources. Linear in the size of the inputs: each input is
/// read once into maps, and only the pairs those maps bring together are
/// compared (a national synthesis has hundreds of files).
pub fn check_distinct(inputs: &[Input]) -> Result<(), SynthesisError> {
    let pair = |i: usize, j: usize| (inputs[i].file.to_string(), inputs[j].file.to_string());
    // The same file twice, or two files with the same content.
    let mut by_file: HashMap<&str, usize> = HashMap::new();
    let mut by_shape: HashMap<(String, usize, usize), Vec<usize>> = HashMap::new();
    for (i, input) in inputs.iter().enumerate() {
        if let Some(&j) = by_file.get(input.file) {
            let (a, b) = pair(j, i);
            return Err(SynthesisError::SameWorkshop { a, b });
        }
        by_file.insert(input.file, i);
        let w = input.workshop;
        let shape = (w.workshop.title.clone(), w.proposals.len(), w.rounds.len());
        let same = by_shape.entry(shape).or_default();
        if let Some(&j) = same.iter().find(|&&j| *inputs[j].workshop == *w) {
            let (a, b) = pair(j, i);
            return Err(SynthesisError::SameWorkshop { a, b });
        }
        same.push(i);
    }
    // A synthesis combined again with one of its sources.
    let mut carried: HashMap<(&str, u32), usize> = HashMap::new();
    for (x, input) in inputs.iter().enumerate() {
        for o in input
            .workshop
            .proposals
            .iter()
            .filter_map(|p| p.origin.as_ref())
        {
            carried.entry((o.file.as_str(), o.id)).or_insert(x);
        }
    }
    for (y, input) in inputs.iter().enumerate() {
        let holder = input
            .workshop
            .proposals
            .iter()
            .find_map(|p| carried.get(&(input.file, p.id.0)).filter(|&&x| x != y));
        if let Some(&x) = holder {
            return Err(SynthesisError::AlreadyIncluded {
                synthesis: inputs[x].file.to_string(),
                source: input.file.to_string(),
            });
        }
    }
    // Two copies of one workshop that went separate ways.
    let mut first_seen: HashMap<ProposalKey, usize> = HashMap::new();
    let mut shared: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (i, input) in inputs.iter().enumerate() {
        for p in input.workshop.proposals.iter().filter(|p| typed_here(p)) {
            match first_seen.get(&ProposalKey::of(p)) {
                Some(&j) if j != i => *shared.entry((j, i)).or_default() += 1,
                Some(_) => {}
                None => {
                    first_seen.insert(ProposalKey::of(p), i);
                }
            }
        }
    }
    if let Some((&(a, b), _)) = shared.iter().next() {
        let n = shared_proposals(inputs[a].workshop, inputs[b].workshop);
        let (a, b) = pair(a, b);
        return Err(SynthesisError::SharedHistory { a, b, shared: n });
    }
    Ok(())
}

/// What makes a proposal the same one in two files.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ProposalKey {
    id: ProposalId,
    text: String,
    author: String,
    created: Option<super::time::Stamp>,
}

impl ProposalKey {
    fn of(p: &Proposal) -> ProposalKey {
        ProposalKey {
            id: p.id,
            text: p.text.clone(),
            author: p.author.clone(),
            created: p.created,
        }
    }
}

/// Typed in the workshop itself (not brought in from elsewhere).
fn typed_here(p: &Arc<Proposal>) -> bool {
    p.created.is_some() && p.origin.is_none()
}

/// New numbers for what one input brings: its proposals and participants.
#[derive(Default)]
struct Renumbering {
    proposals: HashMap<ProposalId, ProposalId>,
    participants: HashMap<ParticipantId, ParticipantId>,
    rounds: HashMap<RoundId, RoundId>,
}

impl Renumbering {
    fn proposal(&self, id: ProposalId) -> ProposalId {
        self.proposals.get(&id).copied().unwrap_or(id)
    }
}

/// Combines `inputs` into one workshop titled `details.title`: every
/// proposal, participant, round (with every ballot) and sheet, renumbered,
/// each with its origin. Rounds keep exactly the proposals they were about,
/// so their results are the same as in their own workshop.
pub fn combine(inputs: &[Input], details: Details) -> Result<Workshop, SynthesisError> {
    if inputs.len() < 2 {
        return Err(SynthesisError::TooFew);
    }
    check_distinct(inputs)?;
    let conflicts = axis_conflicts(inputs);
    if !conflicts.is_empty() {
        return Err(SynthesisError::AxisConflicts(conflicts));
    }
    let mut out = Workshop::new(details);
    out.axes = union_axes(inputs);
    out.agenda.clone_from(&inputs[0].workshop.agenda);
    let mut people: HashMap<(String, String), ParticipantId> = HashMap::new();
    let mut fresh = out.fresh();
    for input in inputs {
        let w = input.workshop;
        let mut map = Renumbering::default();
        for p in &w.participants {
            let who = (fold(p.name.trim()), fold(p.organisation.trim()));
            let id = *people.entry(who).or_insert_with(|| {
                let id = fresh.participant();
                // Personal codes are for one room's phones, not the synthesis'.
                out.participants.push(Participant {
                    id,
                    code: None,
                    ..p.clone()
                });
                id
            });
            map.participants.insert(p.id, id);
        }
        for p in &w.proposals {
            map.proposals.insert(p.id, fresh.proposal());
        }
        for p in &w.proposals {
            out.proposals.push(Arc::new(Proposal {
                id: map.proposal(p.id),
                merged_into: p.merged_into.map(|i| map.proposal(i)),
                origin: Some(p.origin.clone().unwrap_or_else(|| source_of(input, p.id.0))),
                ..(**p).clone()
            }));
        }
        for r in &w.rounds {
            map.rounds.insert(r.id, fresh.round());
        }
        for r in &w.rounds {
            out.rounds.push(carry_round(input, r, &map));
        }
        for s in &w.sheets {
            let number = fresh.sheet_number(|n| out.has_sheet_number(n));
            let mut sheet = s.clone();
            sheet.id = format!("FA-{number:02}");
            if sheet.origin.sheet.is_empty() {
                sheet.origin.sheet.clone_from(&s.id);
                sheet.origin.file = input.file.to_string();
            }
            if sheet.origin.workshop.is_empty() {
                sheet.origin.workshop = w.workshop.heading();
            }
            sheet.origin.round = s.origin.round.and_then(|r| map.rounds.get(&r).copied());
            for source in &mut sheet.origin.proposals {
                source.id = map.proposal(source.id);
            }
            out.sheets.push(sheet);
        }
    }
    out.repair_counters();
    Ok(out)
}

/// A round as it was, renumbered: its scope becomes the list of proposals
/// it was about, so the new workshop's other proposals do not join it.
fn carry_round(input: &Input, r: &Round, map: &Renumbering) -> Round {
    let w = input.workshop;
    let test = w.scope_test(&r.scope);
    let in_scope: Vec<ProposalId> = w
        .live_proposals()
        .filter(|p| test.contains(p))
        .map(|p| map.proposal(p.id))
        .collect();
    let scope = if in_scope.is_empty() {
        r.scope.clone()
    } else {
        Scope::Shortlist(in_scope)
    };
    let voter = |v: Voter| match v {
        Voter::Participant(p) => Voter::Participant(map.participants.get(&p).copied().unwrap_or(p)),
        anonymous @ Voter::Anonymous(_) => anonymous,
    };
    Round {
        id: map.rounds[&r.id],
        name: format!("{} ({})", r.name, input.file.trim_end_matches(".toml")),
        scope,
        runoff_of: r.runoff_of.and_then(|o| map.rounds.get(&o).copied()),
        settled_by: r.settled_by.and_then(|o| map.rounds.get(&o).copied()),
        origin: Some(r.origin.clone().unwrap_or_else(|| source_of(input, r.id.0))),
        ballots: r
            .ballots
            .iter()
            .map(|b| Ballot {
                voter: voter(b.voter),
                dots: b.dots.iter().map(|(p, n)| (map.proposal(*p), *n)).collect(),
                ..b.clone()
            })
            .collect(),
        tallies: r
            .tallies
            .iter()
            .map(|t| super::round::TallyEntry {
                proposal: map.proposal(t.proposal),
                ..t.clone()
            })
            .collect(),
        ..r.clone()
    }
}

/// What an import brings and what it leaves out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The ops that add the proposals (then re-create their merges), as one
    /// undo step; `None` when there is nothing new.
    pub op: Option<Op>,
    pub added: usize,
    /// Already brought in by an earlier import.
    pub skipped: usize,
}

/// Brings the proposals of `other` into `w`, each with its origin, merges
/// included. Axes must agree; proposals already imported are skipped.
pub fn import(w: &Workshop, own_file: &str, other: Input) -> Result<Imported, SynthesisError> {
    let own = Input {
        file: own_file,
        workshop: w,
    };
    if other.file == own_file || *other.workshop == *w {
        return Err(SynthesisError::SameWorkshop {
            a: own_file.to_string(),
            b: other.file.to_string(),
        });
    }
    let shared = shared_proposals(w, other.workshop);
    if shared > 0 {
        return Err(SynthesisError::SharedHistory {
            a: own_file.to_string(),
            b: other.file.to_string(),
            shared,
        });
    }
    let conflicts: Vec<AxisConflict> = axis_conflicts(&[own, other])
        .into_iter()
        .chain(missing_axes(w, other))
        .collect();
    if !conflicts.is_empty() {
        return Err(SynthesisError::AxisConflicts(conflicts));
    }
    let already = w
        .proposals
        .iter()
        .filter_map(|p| p.origin.clone())
        .collect::<HashSet<Source>>();
    let mut map: HashMap<ProposalId, ProposalId> = HashMap::new();
    let mut inserts = Vec::new();
    let mut skipped = 0;
    let mut fresh = w.fresh();
    for p in &other.workshop.proposals {
        let origin = p
            .origin
            .clone()
            .unwrap_or_else(|| source_of(&other, p.id.0));
        if already.contains(&origin) {
            skipped += 1;
            continue;
        }
        let id = fresh.proposal();
        map.insert(p.id, id);
        inserts.push(Op::InsertProposal {
            index: w.proposals.len() + inserts.len(),
            proposal: Proposal {
                id,
                merged_into: None,
                origin: Some(origin),
                ..(**p).clone()
            },
        });
    }
    let added = inserts.len();
    let mut merges: BTreeMap<ProposalId, Vec<ProposalId>> = BTreeMap::new();
    for p in &other.workshop.proposals {
        if let (Some(id), Some(into)) = (map.get(&p.id), p.merged_into.and_then(|i| map.get(&i))) {
            merges.entry(*into).or_default().push(*id);
        }
    }
    let mut ops = inserts;
    ops.extend(
        merges
            .into_iter()
            .map(|(into, sources)| Op::Merge { into, sources }),
    );
    Ok(Imported {
        op: (!ops.is_empty()).then_some(Op::Batch(ops)),
        added,
        skipped,
    })
}

/// Axes `other`'s proposals use that `w` does not have: importing them
/// would leave proposals on an axis nobody defined.
fn missing_axes(w: &Workshop, other: Input) -> Vec<AxisConflict> {
    let mut used: Vec<AxisKey> = other
        .workshop
        .proposals
        .iter()
        .flat_map(|p| p.axes.iter().copied())
        .filter(|k| w.axis(*k).is_none())
        .collect();
    used.sort_unstable();
    used.dedup();
    used.into_iter()
        .map(|key| AxisConflict {
            key,
            titles: vec![(
                other.file.to_string(),
                other
                    .workshop
                    .axis(key)
                    .map(|a| a.title.clone())
                    .unwrap_or_default(),
            )],
        })
        .collect()
}

/// Counts per original workshop and per axis, for the summary of a
/// synthesis (and of any workshop: everything typed here is "this one").
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    /// Origin file (empty: captured in this workshop) → counts.
    pub per_workshop: Vec<(String, Counts)>,
    /// Live proposals per primary axis, then untagged.
    pub per_axis: Vec<(AxisKey, usize)>,
    pub untagged: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub proposals: usize,
    pub rounds: usize,
    pub ballots: usize,
    pub sheets: usize,
}

pub fn summary(w: &Workshop) -> Summary {
    let mut per: Vec<(String, Counts)> = Vec::new();
    fn slot<'a>(per: &'a mut Vec<(String, Counts)>, file: &str) -> &'a mut Counts {
        let i = if let Some(i) = per.iter().position(|(f, _)| f == file) {
            i
        } else {
            per.push((file.to_string(), Counts::default()));
            per.len() - 1
        };
        &mut per[i].1
    }
    fn file_of(o: Option<&Source>) -> &str {
        o.map_or("", |o| o.file.as_str())
    }
    for p in &w.proposals {
        slot(&mut per, file_of(p.origin.as_ref())).proposals += 1;
    }
    for r in &w.rounds {
        let c = slot(&mut per, file_of(r.origin.as_ref()));
        c.rounds += 1;
        c.ballots += r.ballots.len();
    }
    for s in &w.sheets {
        slot(&mut per, &s.origin.file).sheets += 1;
    }
    let (per_axis, untagged) = w.counts_per_axis();
    Summary {
        per_workshop: per,
        per_axis,
        untagged,
    }
}

#[cfg(test)]
mod tests;

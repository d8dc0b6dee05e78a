//! Checks a workshop read from a file: what serde cannot see (duplicate
//! ids, references to things that do not exist). A problem is reported
//! with its path in the file, which the store turns into a line and column.

use super::error::DomainError;
use super::ids::ProposalId;
use super::ops::check_axis_list;
use super::proposal::resolve;
use super::proposal::{MAX_PROPOSAL_CHARS, clean_text};
use super::round::{Mode, Scope, Voter};
use super::workshop::Workshop;
use std::collections::HashSet;
use std::fmt;

/// One step of a path into the TOML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSeg {
    Key(String),
    Index(usize),
}

impl From<&str> for PathSeg {
    fn from(k: &str) -> Self {
        PathSeg::Key(k.to_string())
    }
}

impl From<String> for PathSeg {
    fn from(k: String) -> Self {
        PathSeg::Key(k)
    }
}

impl From<usize> for PathSeg {
    fn from(i: usize) -> Self {
        PathSeg::Index(i)
    }
}

/// A problem found in a loaded workshop, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub path: Vec<PathSeg>,
    pub error: DomainError,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.path.iter().enumerate() {
            match seg {
                PathSeg::Key(k) if i == 0 => write!(f, "{k}")?,
                PathSeg::Key(k) => write!(f, ".{k}")?,
                PathSeg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        write!(f, ": {}", self.error)
    }
}

macro_rules! bail {
    ($err:expr, $($seg:expr),+) => {
        return Err(Invalid { path: vec![$(PathSeg::from($seg)),+], error: $err })
    };
}

/// Finds the first problem, in file order.
pub fn validate(w: &Workshop) -> Result<(), Invalid> {
    if w.workshop.title.trim().is_empty() {
        bail!(DomainError::EmptyTitle, "workshop", "title");
    }
    let mut keys = HashSet::new();
    for (i, a) in w.axes.iter().enumerate() {
        if !(1..=9).contains(&a.key) {
            bail!(DomainError::AxisKeyOutOfRange(a.key), "axes", i, "key");
        }
        if !keys.insert(a.key) {
            bail!(DomainError::DuplicateAxis(a.key), "axes", i, "key");
        }
        if a.title.trim().is_empty() {
            bail!(DomainError::EmptyTitle, "axes", i, "title");
        }
    }
    if w.axes.is_empty() {
        bail!(DomainError::NoAxis, "axes");
    }
    let mut ids = HashSet::new();
    let mut codes = HashSet::new();
    for (i, p) in w.participants.iter().enumerate() {
        if !ids.insert(p.id) {
            bail!(
                DomainError::DuplicateParticipant(p.id),
                "participants",
                i,
                "id"
            );
        }
        if p.name.trim().is_empty() {
            bail!(DomainError::EmptyName, "participants", i, "name");
        }
        if let Some(code) = &p.code {
            if let Err(e) = super::vote_rules::check_code(code) {
                bail!(e, "participants", i, "code");
            }
            if !codes.insert(code) {
                bail!(
                    DomainError::DuplicateCode(code.clone()),
                    "participants",
                    i,
                    "code"
                );
            }
        }
    }
    validate_proposals(w)?;
    validate_rounds(w)?;
    let mut sheet_ids = HashSet::new();
    for (i, s) in w.sheets.iter().enumerate() {
        if !sheet_ids.insert(s.id.as_str()) {
            bail!(DomainError::DuplicateSheet(s.id.clone()), "sheets", i, "id");
        }
        if let Some(axis) = s.axis
            && w.axis(axis).is_none()
        {
            bail!(DomainError::UnknownAxis(axis), "sheets", i, "axis");
        }
        if let Some(d) = &s.drafting {
            if let Err(e) = super::vote_rules::check_code(&d.code) {
                bail!(e, "sheets", i, "drafting");
            }
            let twice = w.join.as_deref() == Some(d.code.as_str())
                || w.sheets[..i]
                    .iter()
                    .any(|o| o.drafting.as_ref().is_some_and(|od| od.code == d.code));
            if twice {
                bail!(
                    DomainError::DuplicateCode(d.code.clone()),
                    "sheets",
                    i,
                    "drafting"
                );
            }
        }
    }
    Ok(())
}

fn validate_proposals(w: &Workshop) -> Result<(), Invalid> {
    let mut ids = HashSet::new();
    for (i, p) in w.proposals.iter().enumerate() {
        if !ids.insert(p.id) {
            bail!(DomainError::DuplicateProposal(p.id), "proposals", i, "id");
        }
        if let Err(e) = clean_text(&p.text, MAX_PROPOSAL_CHARS) {
            bail!(e, "proposals", i, "text");
        }
        if let Err(e) = check_axis_list(w, &p.axes) {
            let at = p
                .axes
                .iter()
                .enumerate()
                .position(|(j, k)| w.axis(*k).is_none() || p.axes[..j].contains(k))
                .unwrap_or(0);
            bail!(e, "proposals", i, "axes", at);
        }
    }
    let merges = w.merge_map();
    for (i, p) in w.proposals.iter().enumerate() {
        let Some(into) = p.merged_into else { continue };
        if !ids.contains(&into) {
            bail!(
                DomainError::UnknownProposal(into),
                "proposals",
                i,
                "merged_into"
            );
        }
        if merges.contains_key(&resolve(&merges, p.id)) {
            bail!(DomainError::MergeLoop(p.id), "proposals", i, "merged_into");
        }
    }
    Ok(())
}

fn validate_rounds(w: &Workshop) -> Result<(), Invalid> {
    let known = |id: &ProposalId| w.proposal(*id).is_some();
    let mut ids = HashSet::new();
    for (r, round) in w.rounds.iter().enumerate() {
        if !ids.insert(round.id) {
            bail!(DomainError::DuplicateRound(round.id), "rounds", r, "id");
        }
        if let Err(e) = round.settings().check() {
            let field = match e {
                DomainError::EmptyName => "name",
                DomainError::ZeroBudget => "dots_per_voter",
                DomainError::ZeroWinners => "winners",
                DomainError::EmptyShortlist => "scope",
                _ => "max_per_proposal",
            };
            bail!(e, "rounds", r, field);
        }
        match &round.scope {
            Scope::All => {}
            Scope::Axis(k) => {
                if w.axis(*k).is_none() {
                    bail!(DomainError::UnknownAxis(*k), "rounds", r, "scope");
                }
            }
            Scope::Shortlist(list) => {
                if let Some(id) = list.iter().find(|id| !known(id)) {
                    bail!(DomainError::UnknownProposal(*id), "rounds", r, "scope");
                }
            }
        }
        if round.mode == Mode::Paper && !round.ballots.is_empty() {
            bail!(DomainError::WrongMode(round.id), "rounds", r, "ballots");
        }
        if round.mode == Mode::Ballots && !round.tallies.is_empty() {
            bail!(DomainError::WrongMode(round.id), "rounds", r, "tallies");
        }
        validate_ballots(w, r, round)?;
        if let Some(of) = round.runoff_of
            && w.round(of).is_none()
        {
            bail!(DomainError::UnknownRound(of), "rounds", r, "runoff_of");
        }
        if let Some(by) = round.settled_by
            && w.round(by).is_none_or(|x| x.runoff_of != Some(round.id))
        {
            bail!(DomainError::UnknownRound(by), "rounds", r, "settled_by");
        }
        validate_tallies(w, r, round)?;
    }
    Ok(())
}

/// A round's ballots: known voters and proposals, one counted ballot per
/// voter and per phone.
fn validate_ballots(w: &Workshop, r: usize, round: &super::round::Round) -> Result<(), Invalid> {
    let known = |id: &ProposalId| w.proposal(*id).is_some();
    let mut voters = HashSet::new();
    let mut devices = HashSet::new();
    for (b, ballot) in round.ballots.iter().enumerate() {
        if let Some(device) = &ballot.device {
            if let Err(e) = super::vote_rules::check_device(device) {
                bail!(e, "rounds", r, "ballots", b, "device");
            }
            if !ballot.void && !devices.insert(device) {
                bail!(
                    DomainError::DeviceVoted,
                    "rounds",
                    r,
                    "ballots",
                    b,
                    "device"
                );
            }
        }
        if let Voter::Participant(p) = ballot.voter
            && w.participant(p).is_none()
        {
            bail!(
                DomainError::UnknownParticipant(p),
                "rounds",
                r,
                "ballots",
                b,
                "voter"
            );
        }
        if !ballot.void && !voters.insert(ballot.voter) {
            bail!(
                DomainError::AlreadyVoted(ballot.voter),
                "rounds",
                r,
                "ballots",
                b,
                "voter"
            );
        }
        if let Some(id) = ballot.dots.keys().find(|id| !known(id)) {
            bail!(
                DomainError::UnknownProposal(*id),
                "rounds",
                r,
                "ballots",
                b,
                "dots",
                id.to_string()
            );
        }
    }
    Ok(())
}

/// A paper round's totals: known proposals, each counted once.
fn validate_tallies(w: &Workshop, r: usize, round: &super::round::Round) -> Result<(), Invalid> {
    let known = |id: &ProposalId| w.proposal(*id).is_some();
    let mut counted = HashSet::new();
    for (t, entry) in round.tallies.iter().enumerate() {
        if !known(&entry.proposal) {
            bail!(
                DomainError::UnknownProposal(entry.proposal),
                "rounds",
                r,
                "tallies",
                t,
                "proposal"
            );
        }
        if super::ops::check_grades(round, entry).is_err() {
            bail!(
                DomainError::WrongMode(round.id),
                "rounds",
                r,
                "tallies",
                t,
                "grades"
            );
        }
        if !counted.insert(entry.proposal) {
            bail!(
                DomainError::DuplicateProposal(entry.proposal),
                "rounds",
                r,
                "tallies",
                t,
                "proposal"
            );
        }
    }
    Ok(())
}

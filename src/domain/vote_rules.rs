//! The rules of a vote, as plain queries: which proposals a round covers,
//! who may still cast a ballot, what may receive dots. The ops check them
//! before any ballot is stored; the voting core and every front (keyboard
//! booth, paper count, phones) ask the same functions.

use super::error::DomainError;
use super::ids::ProposalId;
use super::participant::{Participant, fold};
use super::round::{Mode, Round, Voter};
use super::workshop::Workshop;

/// The live proposals `round` is about, as indices in `w.proposals`, in
/// workshop order.
pub fn proposals_in_scope(w: &Workshop, round: &Round) -> Vec<usize> {
    let test = w.scope_test(&round.scope);
    w.proposals
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.is_merged() && test.contains(p))
        .map(|(i, _)| i)
        .collect()
}

/// Whether `voter` may cast a ballot in `round` now: one counted ballot
/// per voter; a voided one lets them vote again.
pub fn may_cast(w: &Workshop, round: &Round, voter: Voter) -> Result<(), DomainError> {
    if round.mode != Mode::Ballots {
        return Err(DomainError::WrongMode(round.id));
    }
    if !round.open {
        return Err(DomainError::RoundClosed(round.id));
    }
    if let Voter::Participant(id) = voter
        && w.participant(id).is_none()
    {
        return Err(DomainError::UnknownParticipant(id));
    }
    if round.has_voted(voter) {
        return Err(DomainError::AlreadyVoted(voter));
    }
    Ok(())
}

/// The participants who may still vote in `round` and match `filter`
/// (name or organisation, accents and case ignored), in the order of the
/// participants list.
pub fn voters_matching<'w>(w: &'w Workshop, round: &Round, filter: &str) -> Vec<&'w Participant> {
    let filter = fold(filter.trim());
    w.participants
        .iter()
        .filter(|p| !round.has_voted(Voter::Participant(p.id)))
        .filter(|p| {
            filter.is_empty()
                || fold(&p.name).contains(&filter)
                || fold(&p.organisation).contains(&filter)
        })
        .collect()
}

/// A proposal may receive dots in `r`: it exists, is live, is in scope.
pub fn check_votable(w: &Workshop, r: &Round, id: ProposalId) -> Result<(), DomainError> {
    live_proposal(w, id)?;
    let p = w.proposal(id).ok_or(DomainError::UnknownProposal(id))?;
    if !w.scope_test(&r.scope).contains(p) {
        return Err(DomainError::NotInScope(id));
    }
    Ok(())
}

/// A proposal exists and was not merged into another.
pub fn live_proposal(w: &Workshop, id: ProposalId) -> Result<(), DomainError> {
    let p = w.proposal(id).ok_or(DomainError::UnknownProposal(id))?;
    match p.merged_into {
        Some(into) => Err(DomainError::ProposalMerged(id, into)),
        None => Ok(()),
    }
}

/// A phone's key, as stored: letters and digits, 64 at most (a file edited
/// by hand gets a clear error, not a surprise in the count).
pub fn check_device(device: &str) -> Result<(), DomainError> {
    if device.is_empty() || device.len() > 64 || !device.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return Err(DomainError::BadDevice(device.to_string()));
    }
    Ok(())
}

/// The letters and digits of join and personal codes: none that looks like
/// another (no 0/O, 1/I/L, 2/Z, 5/S, 8/B), read aloud or on a wall.
pub const CODE_ALPHABET: &[u8] = b"ACDEFGHJKMNPQRTUVWXY34679";

/// A code is 6 characters of [`CODE_ALPHABET`].
pub fn check_code(code: &str) -> Result<(), DomainError> {
    if code.len() != 6 || !code.bytes().all(|b| CODE_ALPHABET.contains(&b)) {
        return Err(DomainError::BadCode(code.to_string()));
    }
    Ok(())
}

/// A code from 6 random bytes (the domain is given randomness, it does
/// not draw it).
pub fn code_from(random: [u8; 6]) -> String {
    random
        .iter()
        .map(|b| CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()] as char)
        .collect()
}

/// What someone typed as a code, as stored: capitals, no spaces or dashes.
pub fn normalize_code(typed: &str) -> String {
    typed
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

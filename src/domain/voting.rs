//! The voting core: which proposals a round covers, who may still vote, a
//! ballot being filled (and what still blocks casting it), casting and
//! voiding as ops. The keyboard booth, the paper count and the phones are
//! thin fronts over these rules; none of them decides anything itself.

use super::error::DomainError;
use super::ids::{ParticipantId, ProposalId, RoundId};
use super::ops::Op;
use super::participant::Participant;
use super::round::{Ballot, Method, Round, Voter};
use super::time::Stamp;
pub use super::vote_rules::{may_cast, proposals_in_scope, voters_matching};
use super::workshop::Workshop;
use std::collections::BTreeMap;

/// Why a ballot cannot be cast as it stands, as data each language words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocker {
    /// No dot placed yet.
    NoDot,
    /// The round is closed.
    Closed,
    /// This voter already has a counted ballot.
    AlreadyVoted,
}

/// A ballot being filled by one voter: dots are checked against the
/// round's rules as they are placed, so a draft is always castable once
/// it holds a dot. Several drafts can be in progress at once (one per
/// phone); only casting touches the workshop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotDraft {
    pub round: RoundId,
    pub voter: Voter,
    pub dots: BTreeMap<ProposalId, u32>,
}

impl BallotDraft {
    pub fn new(round: RoundId, voter: Voter) -> BallotDraft {
        BallotDraft {
            round,
            voter,
            dots: BTreeMap::new(),
        }
    }

    pub fn spent(&self) -> u32 {
        self.dots.values().sum()
    }

    /// The dots on `proposal`.
    pub fn on(&self, proposal: ProposalId) -> u32 {
        self.dots.get(&proposal).copied().unwrap_or(0)
    }

    /// Dots the voter may still place; in a judgment round, the
    /// proposals not graded yet (each counts "À rejeter" if cast so).
    pub fn left(&self, w: &Workshop, round: &Round) -> u32 {
        match round.method {
            Method::Dots => round.dots_per_voter.saturating_sub(self.spent()),
            Method::Judgment => {
                let graded = self.dots.values().filter(|m| **m > 0).count();
                proposals_in_scope(w, round).len().saturating_sub(graded) as u32
            }
        }
    }

    /// Puts `n` dots on `proposal`, if the round's rules allow it (in
    /// scope, within the cap and the budget); otherwise nothing changes.
    pub fn set(&mut self, w: &Workshop, proposal: ProposalId, n: u32) -> Result<(), DomainError> {
        let round = self.round_in(w)?;
        if n > 0 {
            super::vote_rules::check_votable(w, round, proposal)?;
        }
        let mut dots = self.dots.clone();
        if n == 0 {
            dots.remove(&proposal);
        } else {
            dots.insert(proposal, n);
        }
        round.check_dots(&dots)?;
        self.dots = dots;
        Ok(())
    }

    /// One more dot on `proposal`; in a judgment round, the next grade
    /// down the scale (from none: "Excellent"), staying on the last.
    pub fn add(&mut self, w: &Workshop, proposal: ProposalId) -> Result<(), DomainError> {
        let round = self.round_in(w)?;
        let next = self.on(proposal) + 1;
        if round.method == Method::Judgment && next > round.mark_cap() {
            return Ok(());
        }
        self.set(w, proposal, next)
    }

    /// One dot less on `proposal`.
    pub fn remove(&mut self, w: &Workshop, proposal: ProposalId) -> Result<(), DomainError> {
        self.set(w, proposal, self.on(proposal).saturating_sub(1))
    }

    pub fn clear(&mut self) {
        self.dots.clear();
    }

    /// What stops casting now, if anything. Dots left unspent do not: the
    /// voter is asked, and may cast anyway.
    pub fn blocker(&self, w: &Workshop) -> Option<Blocker> {
        let round = self.round_in(w).ok()?;
        match may_cast(w, round, self.voter) {
            Err(DomainError::RoundClosed(_)) => return Some(Blocker::Closed),
            Err(DomainError::AlreadyVoted(_)) => return Some(Blocker::AlreadyVoted),
            _ => {}
        }
        (self.spent() == 0).then_some(Blocker::NoDot)
    }

    /// The op that casts this ballot, checked against every rule.
    pub fn cast(&self, w: &Workshop, now: Stamp) -> Result<Op, DomainError> {
        let round = self.round_in(w)?;
        may_cast(w, round, self.voter)?;
        Ok(Op::CastBallot {
            round: self.round,
            index: round.ballots.len(),
            ballot: Ballot::new(self.voter, &self.dots, now, None),
        })
    }

    fn round_in<'w>(&self, w: &'w Workshop) -> Result<&'w Round, DomainError> {
        w.round(self.round)
            .ok_or(DomainError::UnknownRound(self.round))
    }
}

/// The voter a participant votes as.
pub fn participant_voter(id: ParticipantId) -> Voter {
    Voter::Participant(id)
}

/// The next anonymous voter of `round`.
pub fn anonymous_voter(round: &Round) -> Voter {
    Voter::Anonymous(round.next_anonymous())
}

/// Voids (or restores) the ballot at `index`: kept on record, not counted.
pub fn op_void(round: &Round, index: usize, void: bool) -> Result<Op, DomainError> {
    if index >= round.ballots.len() {
        return Err(DomainError::UnknownBallot(index));
    }
    Ok(Op::SetBallotVoid {
        round: round.id,
        index,
        void,
    })
}

/// Closes an open round, or opens a closed one again (for latecomers;
/// whether its results are shown does not change).
pub fn op_open_or_close(round: &Round) -> Op {
    Op::SetRoundState {
        round: round.id,
        open: !round.open,
        revealed: round.revealed && !round.open,
    }
}

/// Who a phone votes as in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneVoter {
    /// One phone, one anonymous voter.
    Anonymous,
    /// The participant chosen on this phone: a name another phone (or the
    /// keyboard booth) already voted with is refused.
    Named(ParticipantId),
    /// The participant whose personal code the phone gave: the code is
    /// the credential, whichever phone brings it.
    Coded(ParticipantId),
}

/// The counted ballot that a new one from this phone replaces, by index:
/// the phone's own, or for a personal code, the code's.
pub fn replaced_ballot(round: &Round, device: &str, who: PhoneVoter) -> Option<usize> {
    round.ballots.iter().position(|b| {
        !b.void
            && match who {
                PhoneVoter::Coded(p) => b.voter == Voter::Participant(p),
                _ => b.device.as_deref() == Some(device),
            }
    })
}

/// Records `dots` as the ballot of the phone `device` in `round`: the
/// latest ballot counts, the one it replaces is voided (kept on record).
/// The same ballot sent again (a double tap, a retry after a lost answer)
/// changes nothing: `Ok(None)`.
pub fn op_phone_ballot(
    w: &Workshop,
    round: RoundId,
    device: &str,
    who: PhoneVoter,
    dots: &BTreeMap<ProposalId, u32>,
    now: Stamp,
) -> Result<Option<Op>, DomainError> {
    let r = w.round(round).ok_or(DomainError::UnknownRound(round))?;
    super::vote_rules::check_device(device)?;
    let dots: BTreeMap<ProposalId, u32> = dots
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, v)| (*k, *v))
        .collect();
    let previous = replaced_ballot(r, device, who);
    let voter = match (who, previous) {
        (PhoneVoter::Anonymous, Some(i)) => r.ballots[i].voter,
        (PhoneVoter::Anonymous, None) => anonymous_voter(r),
        (PhoneVoter::Named(p) | PhoneVoter::Coded(p), _) => Voter::Participant(p),
    };
    if let Some(i) = previous {
        let old = &r.ballots[i];
        if old.voter != voter {
            // The phone voted as someone else before.
            return Err(DomainError::DeviceVoted);
        }
        if old.dots == dots && r.open {
            return Ok(None);
        }
    }
    let cast = Op::CastBallot {
        round,
        index: r.ballots.len(),
        ballot: Ballot::new(voter, &dots, now, Some(device.to_string())),
    };
    Ok(Some(match previous {
        None => cast,
        Some(index) => Op::Batch(vec![
            Op::SetBallotVoid {
                round,
                index,
                void: true,
            },
            cast,
        ]),
    }))
}

/// Sets who votes from phones in `round` (refused once phones voted).
pub fn op_phone_voters(round: &Round, voters: super::round::PhoneVoters) -> Op {
    Op::SetPhones {
        round: round.id,
        voters,
    }
}

/// Gives the workshop its join code, if it has none yet.
pub fn op_join_code(w: &Workshop, random: [u8; 6]) -> Option<Op> {
    w.join()
        .is_none()
        .then(|| Op::SetJoin(Some(super::vote_rules::code_from(random))))
}

/// A personal code for every participant who has none, as one step;
/// `random` gives 6 random bytes per call. `None` when all have one.
pub fn op_personal_codes(w: &Workshop, mut random: impl FnMut() -> [u8; 6]) -> Option<Op> {
    let mut taken: std::collections::HashSet<String> = w
        .participants()
        .iter()
        .filter_map(|p| p.code.clone())
        .collect();
    let ops: Vec<Op> = w
        .participants()
        .iter()
        .filter(|p| p.code.is_none())
        .map(|p| {
            let code = loop {
                let c = super::vote_rules::code_from(random());
                if taken.insert(c.clone()) {
                    break c;
                }
            };
            let mut p = p.clone();
            p.code = Some(code);
            Op::ReplaceParticipant(p)
        })
        .collect();
    (!ops.is_empty()).then_some(Op::Batch(ops))
}

/// The participant whose personal code is `typed` (spaces, dashes and
/// case ignored).
pub fn participant_by_code<'w>(w: &'w Workshop, typed: &str) -> Option<&'w Participant> {
    let code = super::vote_rules::normalize_code(typed);
    w.participants()
        .iter()
        .find(|p| p.code.as_deref() == Some(code.as_str()))
}

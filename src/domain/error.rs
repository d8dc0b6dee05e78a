//! What the domain refuses, and why. Each variant carries what a message
//! needs; `i18n` turns it into French or English for the facilitator.

use super::ids::{AxisKey, ParticipantId, ProposalId, RoundId, Voter};
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    #[error("the text is empty")]
    EmptyText,
    #[error("the text is {chars} characters long, more than {max}")]
    TextTooLong { chars: usize, max: usize },
    #[error("the name is empty")]
    EmptyName,
    #[error("the title is empty")]
    EmptyTitle,
    #[error("axis {0} does not exist")]
    UnknownAxis(AxisKey),
    #[error("axis {0} is given twice")]
    DuplicateAxis(AxisKey),
    #[error("axis keys go from 1 to 9, not {0}")]
    AxisKeyOutOfRange(AxisKey),
    #[error("a workshop needs at least one axis")]
    NoAxis,
    #[error("a workshop has at most 9 axes")]
    TooManyAxes,
    #[error("axis {key} is still used by {uses} item(s)")]
    AxisInUse { key: AxisKey, uses: usize },
    #[error("proposal {0} does not exist")]
    UnknownProposal(ProposalId),
    #[error("proposal number {0} is used twice")]
    DuplicateProposal(ProposalId),
    #[error("proposal {0} has received votes")]
    ProposalHasVotes(ProposalId),
    #[error("proposal {0} is merged into proposal {1}")]
    ProposalMerged(ProposalId, ProposalId),
    #[error("proposal {0} holds merged proposals")]
    ProposalHoldsMerges(ProposalId),
    #[error("a merge needs at least two different proposals")]
    MergeNeedsTwo,
    #[error("proposal {0} is not merged into proposal {1}")]
    NotMergedInto(ProposalId, ProposalId),
    #[error("proposal {0} is merged into itself, through a loop")]
    MergeLoop(ProposalId),
    #[error("participant {0} does not exist")]
    UnknownParticipant(ParticipantId),
    #[error("participant number {0} is used twice")]
    DuplicateParticipant(ParticipantId),
    #[error("participant {0} has voted")]
    ParticipantHasVoted(ParticipantId),
    #[error("round {0} does not exist")]
    UnknownRound(RoundId),
    #[error("round number {0} is used twice")]
    DuplicateRound(RoundId),
    #[error("round {0} has votes")]
    RoundHasVotes(RoundId),
    #[error("round {0} is closed")]
    RoundClosed(RoundId),
    #[error("round {0} is not in the mode this needs")]
    WrongMode(RoundId),
    #[error("the mode of a round with votes cannot change")]
    ModeLocked,
    #[error("grade {grade} on proposal {proposal} is not on the scale")]
    NoSuchGrade { proposal: ProposalId, grade: u32 },
    #[error("proposal {0} is not in the round's scope")]
    NotInScope(ProposalId),
    #[error("{spent} dots spent, the budget is {budget}")]
    OverBudget { spent: u32, budget: u32 },
    #[error("{dots} dots on proposal {proposal}, the cap is {cap}")]
    OverCap {
        proposal: ProposalId,
        dots: u32,
        cap: u32,
    },
    #[error("{0} has already voted in this round")]
    AlreadyVoted(Voter),
    #[error("this phone has already voted in this round")]
    DeviceVoted,
    #[error("no received proposal {0}")]
    UnknownReceived(super::ids::ReceivedId),
    #[error("phones have voted: who votes from phones cannot change")]
    PhoneVotersLocked,
    #[error("invalid code {0:?}")]
    BadCode(String),
    #[error("the phones' key is not 64 hexadecimal digits")]
    BadPhoneKey,
    #[error("the code {0:?} is given twice")]
    DuplicateCode(String),
    #[error("invalid phone key {0:?}")]
    BadDevice(String),
    #[error("the ballot has no dot")]
    EmptyBallot,
    #[error("a voter needs at least one dot")]
    ZeroBudget,
    #[error("the cap per proposal must be at least 1")]
    ZeroCap,
    #[error("the cap ({cap}) is larger than the dots per voter ({budget})")]
    CapAboveBudget { cap: u32, budget: u32 },
    #[error("at least one winner is needed")]
    ZeroWinners,
    #[error("the shortlist is empty")]
    EmptyShortlist,
    #[error("ballot {0} does not exist")]
    UnknownBallot(usize),
    #[error("sheet {0} does not exist")]
    UnknownSheet(String),
    #[error("sheet id {0} is used twice")]
    DuplicateSheet(String),
    #[error("position {0} is out of the list")]
    BadPosition(usize),
    #[error("this fiche is not open to its group")]
    DraftingClosed,
    #[error("the facilitator keeps this field")]
    FieldLocked,
    #[error("this item does not belong in this part of the fiche")]
    ItemMismatch,
    #[error("this is not one of the choices offered")]
    NotAChoice,
}

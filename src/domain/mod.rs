//! The workshop itself: plain data and pure functions, no terminal, no disk.

pub mod axis;
pub mod build;
pub mod compare;
pub mod consensus;
pub mod dismissed;
pub mod drafting;
pub mod error;
pub mod hash;
pub mod history;
pub mod ids;
pub mod index;
pub mod items;
pub mod judgment;
pub mod moderation;
pub mod ops;
pub mod order;
pub mod participant;
pub mod proposal;
pub mod public;
pub mod received;
pub mod round;
pub mod sample;
pub mod sheet;
pub mod similar;
pub mod source;
pub mod synthesis;
pub mod tally;
pub mod text;
pub mod time;
pub mod validate;
pub mod vote_rules;
pub mod voting;
pub mod workshop;
pub mod writing;

pub use axis::{Axis, Rgb};
pub use error::DomainError;
pub use history::History;
pub use ids::{AxisKey, ParticipantId, ProposalId, ReceivedId, RoundId};
pub use ops::{Op, apply};
pub use participant::{College, Participant};
pub use proposal::Proposal;
pub use public::{Participation, Public, Revealed, RoundState};
pub use round::{Ballot, Mode, Round, RoundSettings, Scope, TallyEntry, Voter};
pub use sheet::Sheet;
pub use tally::Tally;
pub use time::{Date, Stamp};
pub use workshop::{Details, Phase, Workshop};

#[cfg(test)]
pub(crate) mod tests;
#[cfg(test)]
mod tests_consensus;
#[cfg(test)]
mod tests_drafting;
#[cfg(test)]
mod tests_judgment;
#[cfg(test)]
mod tests_order;
#[cfg(test)]
mod tests_voting;

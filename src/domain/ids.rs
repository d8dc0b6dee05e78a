//! Stable identifiers. Ids are allocated from monotonic counters stored in the
//! workshop file, so an id is never handed out twice, even after a deletion.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id_type!(
    /// A proposal's number, shown to the room ("n° 12").
    ProposalId
);
id_type!(
    /// A participant, referenced by ballots as `p<N>`.
    ParticipantId
);
id_type!(
    /// A voting round.
    RoundId
);

/// An axis is identified by the digit the facilitator types to tag with it.
pub type AxisKey = u8;

/// The counters that allocate ids. They only ever grow: undoing a creation
/// does not give its id back, so an id seen in an export always means one
/// proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counters {
    pub proposal: u32,
    pub participant: u32,
    pub round: u32,
    pub sheet: u32,
}

impl Default for Counters {
    fn default() -> Self {
        Self {
            proposal: 1,
            participant: 1,
            round: 1,
            sheet: 1,
        }
    }
}

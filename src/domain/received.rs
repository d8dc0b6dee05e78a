//! Proposals sent from the room's phones. They wait in a queue until the
//! facilitator accepts one (it becomes a proposal like a typed one), merges
//! it into a proposal already on the wall, or sets it aside with a reason:
//! nothing reaches the projection before that, and nothing sent is ever
//! deleted. Each is kept with the phone it came from (a key, not the
//! phone's secret) so the phone can show what became of it.

use super::ids::{AxisKey, ProposalId, ReceivedId};
use super::time::Stamp;
use serde::{Deserialize, Serialize};

/// The longest text a phone may send: a few sentences, which the form's
/// 4 KB body holds even in accented letters.
pub const MAX_RECEIVED_CHARS: usize = 400;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Received {
    pub id: ReceivedId,
    pub text: String,
    /// The axis the sender chose ("je ne sais pas": none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub axis: Option<AxisKey>,
    /// Who sent it: a participant's name, an organisation, or nobody.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// The phone's key for proposals (a hash of its secret token).
    pub device: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Stamp>,
    #[serde(default)]
    pub state: ReceivedState,
}

/// What the facilitator made of it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "is", deny_unknown_fields)]
pub enum ReceivedState {
    #[default]
    Pending,
    /// On the wall, as this proposal.
    Accepted { proposal: ProposalId },
    /// Merged into this proposal (its text kept as an original).
    Merged { into: ProposalId },
    /// Kept on record, not shown; why.
    SetAside {
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
    },
}

impl Received {
    pub fn is_pending(&self) -> bool {
        self.state == ReceivedState::Pending
    }
}

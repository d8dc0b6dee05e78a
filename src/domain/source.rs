//! Provenance of what a synthesis or an import brought in from another
//! workshop: which workshop, and its number there.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The workshop's heading (`Title — Territory — date`).
    pub workshop: String,
    /// Its file name: two breakout groups may share a heading, not a file.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
    /// The proposal's or round's number in that workshop.
    pub id: u32,
}

//! The suggestions the facilitator turned down: kept in the workshop's
//! file, so a pair once kept apart, or an axis once refused, is never
//! suggested again, after a restart too.

use super::ids::{AxisKey, ProposalId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dismissed {
    /// Pairs of proposals that do not say the same thing, smaller first.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub pairs: BTreeSet<(ProposalId, ProposalId)>,
    /// Axes refused for a proposal.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub axes: BTreeSet<(ProposalId, AxisKey)>,
}

impl Dismissed {
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty() && self.axes.is_empty()
    }

    pub fn pair(&self, a: ProposalId, b: ProposalId) -> bool {
        self.pairs.contains(&(a.min(b), a.max(b)))
    }

    /// These with every pair among `members` kept apart too.
    #[must_use]
    pub fn with_group(&self, members: &[ProposalId]) -> Dismissed {
        let mut out = self.clone();
        for (i, a) in members.iter().enumerate() {
            for b in &members[i + 1..] {
                out.pairs.insert((*a.min(b), *a.max(b)));
            }
        }
        out
    }

    #[must_use]
    pub fn with_axis(&self, proposal: ProposalId, axis: AxisKey) -> Dismissed {
        let mut out = self.clone();
        out.axes.insert((proposal, axis));
        out
    }
}

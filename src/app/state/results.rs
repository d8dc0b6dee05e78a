//! The results screen's state: the round shown, its view and the winners
//! chosen to become action sheets.

use crate::app::list::ListState;
use crate::domain::{ProposalId, RoundId};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Default)]
pub struct ResultsState {
    /// The round shown; the last one when none was chosen.
    pub round: Option<RoundId>,
    pub list: ListState,
    pub by_axis: bool,
    /// Support across collèges shown beside the ranking (and projected).
    pub consensus: bool,
    /// The winners chosen to become action sheets.
    pub chosen: BTreeSet<ProposalId>,
}

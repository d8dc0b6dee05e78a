//! The results screen's state: its view and the winners
//! chosen to become action sheets.

use crate::app::list::ListState;
use crate::domain::ProposalId;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Default)]
pub struct ResultsState {
    pub list: ListState,
    pub by_axis: bool,
    /// Support across collèges shown beside the ranking (and projected).
    pub consensus: bool,
    /// The winners chosen to become action sheets.
    pub chosen: BTreeSet<ProposalId>,
}

//! The results screen: a round's ranking, the cut line, sheets drafted.

pub mod state;
pub mod update;

pub use state::ResultsState;
pub use update::{Line, cursor_proposal, draft, lines, on_action, top_per_axis};

//! The vote screen: rounds, the booth, the paper count, the phones' round.

pub mod state;
pub mod update;

pub use state::{Booth, View, VoteState};
pub use update::{
    PickRow, cast, default_dots_hint, flagged_ballots, in_scope, make_current, on_action,
    paper_rows, picker_rows, reveal, runoff, submit,
};

//! The setup screen: the workshop's details, axes, agenda and participants.

pub mod state;
pub mod update;

pub use state::{DETAIL_FIELDS, SetupState, detail_value};
pub use update::{
    add_participants, agenda_submit, axis_submit, click_row, detail_submit, on_action,
    participant_submit,
};

//! The sheets screen: the fiches actions, field by field.

pub mod state;
pub mod update;

pub use state::{Focus, SheetsState};
pub use update::{Row, on_action, page_fields, rows, submit, text_of};

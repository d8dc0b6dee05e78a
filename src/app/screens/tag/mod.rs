//! The tag screen: each proposal given its axes, similar ones merged.

pub mod state;
pub mod update;

pub use state::{Filter, Row, Suggesting, TagState};
pub use update::{click_row, merge, on_action, scroll, suggested};

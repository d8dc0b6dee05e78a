//! The capture screen: proposals typed as the room speaks, and the queue
//! of those sent from phones. Its state, its handler, the queue's handler.

pub mod received;
pub mod state;
pub mod update;

pub use state::{CaptureState, Focus, Similar};
pub use update::{click_row, on_action, paste_choice, scroll};

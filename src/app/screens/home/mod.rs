//! The home screen: the workshops of the folder, opened or created.

pub mod state;
pub mod update;

pub use state::{HomeState, Info, Item};
pub use update::{on_action, refresh};

//! The home screen: the workshops of the folder, opened or created.

pub mod update;

pub use update::{HomeState, Info, Item, create, on_action, open, open_now, recover, refresh};

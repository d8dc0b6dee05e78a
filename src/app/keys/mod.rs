//! The keys as data: the commands a key can run, the contexts (one table
//! of bindings each) and the keymap that reads them from `keymap.toml`
//! and the user's config. What a key does where the focus is, read from
//! the app's state, is `keypress`.

pub mod command;
pub mod context;
pub mod keymap;

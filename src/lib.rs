//! atelier: run live concertation workshops from a projected terminal.
//!
//! Layers, from the inside out, each using only those before it (a test,
//! `tests/layers.rs`, holds them to it): [`domain`] (the workshop, pure),
//! [`i18n`] (French and English), [`store`] (files that are never lost),
//! [`export`] (documents), [`app`] (state and `update`), [`ui`] (views
//! that draw the app), then [`event_loop`] (the terminal) and the command
//! line.

pub mod app;
pub mod cli;
pub mod clock;
pub mod domain;
pub mod event_loop;
pub mod export;
pub mod i18n;
pub mod platform;
pub mod store;
pub mod subcommands;
pub mod ui;
pub mod web;

/// Whole gestures through the keymap, `update` and the screen.
#[cfg(test)]
mod tests;

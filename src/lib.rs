//! atelier: run live concertation workshops from a projected terminal.
//!
//! Layers, from the inside out: [`domain`] (the workshop, pure), [`store`]
//! (files that are never lost), [`i18n`] (French and English), then the
//! terminal app and the exports.

pub mod app;
pub mod cli;
pub mod commands;
pub mod domain;
pub mod export;
pub mod i18n;
pub mod store;
pub mod ui;

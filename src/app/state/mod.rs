//! Each screen's own state: what it shows and where its cursor is. Data
//! only, below the session that holds it and the screens that change it.

pub mod capture;
pub mod results;
pub mod setup;
pub mod sheets;
pub mod tag;
pub mod vote;

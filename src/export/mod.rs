//! What leaves atelier: one TOML file per action sheet (and, later, the
//! reports). Exporting never changes the workshop.

pub mod sheets;

//! The setup screen's state: the section shown and a cursor per section.

use crate::app::layout::Section;
use crate::app::list::ListState;

#[derive(Debug, Clone, Default)]
pub struct SetupState {
    pub section: Section,
    pub details: ListState,
    pub axes: ListState,
    pub agenda: ListState,
    pub participants: ListState,
}

/// The details, in the order shown, with their catalogue keys.
pub const DETAIL_FIELDS: [&str; 6] = [
    "setup.title",
    "setup.territory",
    "setup.date",
    "setup.place",
    "setup.facilitator",
    "setup.question",
];

pub fn detail_value(d: &crate::domain::Details, i: usize) -> String {
    match i {
        0 => d.title.clone(),
        1 => d.territory.clone(),
        2 => d
            .date
            .map(|d| d.0.format("%d/%m/%Y").to_string())
            .unwrap_or_default(),
        3 => d.place.clone(),
        4 => d.facilitator.clone(),
        _ => d.question.clone(),
    }
}

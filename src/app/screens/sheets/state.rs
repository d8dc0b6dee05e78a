//! The sheets screen's state: the list of sheets, the editor's focus and
//! row, and the text being edited in place.

use crate::app::field::Field;
use crate::app::list::ListState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    List,
    Fields,
}

#[derive(Debug, Clone, Default)]
pub struct SheetsState {
    pub list: ListState,
    pub focus: Focus,
    pub row: usize,
    /// The text being edited in place, on the current row.
    pub editing: Option<Box<Field>>,
}

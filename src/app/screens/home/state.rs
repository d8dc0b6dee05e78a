//! The home screen's state: the folder's workshops, their summaries and
//! the cursor; the lock held while a recovery is asked.

use crate::app::list::ListState;
use crate::domain::Workshop;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Info {
    pub title: String,
    /// Title, territory and date on one line.
    pub heading: String,
    pub proposals: usize,
    pub participants: usize,
    pub rounds: usize,
    pub sheets: usize,
}

#[derive(Debug, Clone)]
pub struct Item {
    pub path: PathBuf,
    /// The workshop's summary, or why it cannot be read (in words).
    pub info: Result<Info, String>,
}

#[derive(Debug)]
pub struct HomeState {
    pub dir: PathBuf,
    pub items: Vec<Item>,
    pub list: ListState,
    /// Why the folder could not be read, if it could not.
    pub problem: Option<String>,
    /// The lock of the workshop being opened, held while the recovery
    /// dialog asks.
    pub held: Option<(PathBuf, crate::store::lock::Lock)>,
}

impl HomeState {
    pub fn new(dir: PathBuf) -> HomeState {
        HomeState {
            dir,
            items: Vec::new(),
            held: None,
            list: ListState::default(),
            problem: None,
        }
    }
}

/// What the list says of a workshop.
pub fn info(w: &Workshop) -> Info {
    Info {
        title: w.details().title.clone(),
        heading: w.details().heading(),
        proposals: w.live_proposals().count(),
        participants: w.participants().len(),
        rounds: w.rounds().len(),
        sheets: w.sheets().len(),
    }
}

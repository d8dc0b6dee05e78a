//! Results: the ranking of a revealed round with the cut line and its
//! ties; before the reveal, participation only.

use super::command::Command;
use super::list::ListState;
use super::{Action, App, vote};
use crate::domain::RoundId;

#[derive(Debug, Clone, Default)]
pub struct ResultsState {
    /// The round shown; the last one when none was chosen.
    pub round: Option<RoundId>,
    pub list: ListState,
}

/// The round the results screen shows.
pub fn shown(app: &App) -> Option<RoundId> {
    let doc = app.doc.as_ref()?;
    doc.results
        .round
        .filter(|id| doc.w.round(*id).is_some())
        .or_else(|| doc.w.rounds.last().map(|r| r.id))
}

pub fn on_action(app: &mut App, action: Action) {
    let Action::Command(cmd) = action else { return };
    let h = crate::ui::layout::results_list_height(app);
    let current = shown(app);
    let Some(doc) = app.doc.as_mut() else { return };
    let rows = current
        .and_then(|id| doc.tallies.iter().find(|(r, _)| *r == id))
        .map_or(0, |(_, t)| t.rows.len());
    if doc.results.list.navigate(cmd, rows, h) {
        return;
    }
    match cmd {
        Command::FilterPrev | Command::FilterNext => {
            let ids: Vec<RoundId> = doc.w.rounds.iter().map(|r| r.id).collect();
            if ids.is_empty() {
                return;
            }
            let at = current
                .and_then(|c| ids.iter().position(|id| *id == c))
                .unwrap_or(0) as isize;
            let d = if cmd == Command::FilterPrev { -1 } else { 1 };
            doc.results.round = Some(ids[(at + d).rem_euclid(ids.len() as isize) as usize]);
            doc.results.list = ListState::default();
        }
        Command::Runoff => vote::runoff(app),
        Command::Reveal => {
            if let Some(r) = current.and_then(|id| doc.w.round(id)).cloned() {
                vote::ask_reveal(app, &r);
            }
        }
        _ => {}
    }
}

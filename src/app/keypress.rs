//! From a key to an action: the active key tables for where the focus is,
//! then the focused text field.

use super::keys::context::Context;
use super::keys::context::Context as C;
use super::screens::capture::state::Focus as CaptureFocus;
use super::screens::sheets::state::Focus as SheetsFocus;
use super::screens::vote::state::View as VoteView;
use super::{Action, App, Overlay, Screen};
use crate::domain::Phase;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// The tables to look in, in order, and whether a text field has focus.
pub fn context(app: &App) -> (Vec<Context>, bool) {
    match &app.overlay {
        Some(Overlay::Help { .. } | Overlay::Viewer { .. }) => (vec![C::Viewer, C::Nav], false),
        Some(Overlay::Form(form)) if form.focused_is_choice() => {
            (vec![C::FormChoice, C::Form], false)
        }
        Some(Overlay::Form(_)) => (vec![C::Form], true),
        Some(Overlay::Confirm(c)) if c.kind.unbidden() => (vec![C::Unbidden], false),
        Some(Overlay::Confirm(_) | Overlay::Paste { .. }) => (vec![C::Dialog], false),
        None => screen_context(app),
    }
}

/// The tables of the screen itself, whatever overlay is open: what the
/// help overlay lists.
pub fn screen_context(app: &App) -> (Vec<Context>, bool) {
    match app.screen() {
        Screen::Home => (vec![C::Home, C::Nav, C::Ends, C::Global], false),
        Screen::Phase(phase) => {
            let Some(doc) = &app.doc else {
                return (vec![C::Doc, C::Global], false);
            };
            match phase {
                Phase::Capture => match app.screens.capture.focus {
                    CaptureFocus::Text | CaptureFocus::Author => {
                        (vec![C::Capture, C::Nav, C::Doc, C::Global], true)
                    }
                    CaptureFocus::Search => (vec![C::Search, C::Nav, C::Doc, C::Global], true),
                    // Any character typed in the list starts a new
                    // proposal: printable keys reach no table but the
                    // list's own, which binds none by default.
                    CaptureFocus::List => (
                        vec![C::CaptureList, C::Nav, C::Ends, C::Doc, C::Global],
                        true,
                    ),
                    CaptureFocus::Received => (
                        vec![C::CaptureReceived, C::Nav, C::Ends, C::Doc, C::Global],
                        false,
                    ),
                },
                Phase::Tag if app.screens.tag.searching => {
                    (vec![C::Search, C::Nav, C::Doc, C::Global], true)
                }
                Phase::Tag if app.screens.tag.suggest.is_some() => {
                    (vec![C::TagSuggest, C::Doc, C::Global], false)
                }
                Phase::Tag => (vec![C::Tag, C::Nav, C::Ends, C::Doc, C::Global], false),
                Phase::Setup => (vec![C::Setup, C::Nav, C::Ends, C::Doc, C::Global], false),
                Phase::Vote => match &app.screens.vote.view {
                    VoteView::Rounds => (vec![C::Vote, C::Nav, C::Ends, C::Doc, C::Global], false),
                    VoteView::Ballots(_) => (
                        vec![C::VoteBallots, C::Nav, C::Ends, C::Doc, C::Global],
                        false,
                    ),
                    // A count of grades: the same keys, worded for voters.
                    VoteView::Paper { .. } if current_judged(&doc.w, &app.screens.vote) => (
                        vec![
                            C::VoteTallyGrades,
                            C::VoteTally,
                            C::Nav,
                            C::Ends,
                            C::Doc,
                            C::Global,
                        ],
                        false,
                    ),
                    VoteView::Paper { .. } => (
                        vec![C::VoteTally, C::Nav, C::Ends, C::Doc, C::Global],
                        false,
                    ),
                    // The booth: the voter has the keyboard, so only what
                    // voting needs works (no undo, no phase switch).
                    VoteView::Picker { .. } => (vec![C::VotePicker, C::Nav, C::Ends], true),
                    // A judgment ballot: the same keys, worded for grades.
                    VoteView::Ballot(b) if judged(&doc.w, b.draft.round) => {
                        (vec![C::VoteGrades, C::VoteBallot, C::Nav, C::Ends], false)
                    }
                    VoteView::Ballot(_) => (vec![C::VoteBallot, C::Nav, C::Ends], false),
                    // Until the ballot is on disk, no key moves on: the
                    // footer offers none.
                    VoteView::Thanks { generation, .. } if doc.saved < *generation => {
                        (Vec::new(), false)
                    }
                    VoteView::Thanks { .. } => (vec![C::VoteThanks], false),
                },
                Phase::Results => (vec![C::Results, C::Nav, C::Ends, C::Doc, C::Global], false),
                Phase::Sheets if app.screens.sheets.editing.is_some() => (vec![C::SheetEdit], true),
                Phase::Sheets => match app.screens.sheets.focus {
                    SheetsFocus::List => {
                        (vec![C::Sheets, C::Nav, C::Ends, C::Doc, C::Global], false)
                    }
                    SheetsFocus::Fields => (
                        vec![C::SheetFields, C::Nav, C::Ends, C::Doc, C::Global],
                        false,
                    ),
                },
            }
        }
    }
}

fn is_typing(key: &KeyEvent) -> bool {
    matches!(key.code, KeyCode::Char(_))
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// AltGr on Windows arrives as Ctrl+Alt with the character it makes
/// (crossterm issue #820): `@ # { [ | ~ € ]` on a French keyboard. Such a
/// key is that character, typed, never a Ctrl or Alt binding. A real
/// Ctrl+Alt+letter or digit keeps its modifiers.
pub fn altgr_as_typed(key: KeyEvent) -> KeyEvent {
    let both = KeyModifiers::CONTROL | KeyModifiers::ALT;
    match key.code {
        KeyCode::Char(c) if key.modifiers.contains(both) && !c.is_ascii_alphanumeric() => {
            KeyEvent {
                modifiers: key.modifiers - both,
                ..key
            }
        }
        _ => key,
    }
}

/// The action for a key press, if any.
pub fn translate(app: &App, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let key = altgr_as_typed(key);
    let (tables, text_focus) = context(app);
    // While typing, printable keys belong to the text, except where the
    // focused context binds them itself (its first table).
    let searched: &[Context] = if text_focus && is_typing(&key) {
        &tables[..1]
    } else {
        &tables
    };
    if let Some(binding) = app.keymap.lookup(searched, &key) {
        return Some(Action::Command(binding.command));
    }
    Some(Action::Key(key))
}

/// Whether the round the vote screen has selected is voted by majority
/// judgment.
fn current_judged(
    w: &crate::domain::Workshop,
    vote: &super::screens::vote::state::VoteState,
) -> bool {
    vote.selected(w)
        .is_some_and(|r| r.method == crate::domain::round::Method::Judgment)
}

/// Whether `round` is voted by majority judgment.
fn judged(w: &crate::domain::Workshop, round: crate::domain::RoundId) -> bool {
    w.round(round)
        .is_some_and(|r| r.method == crate::domain::round::Method::Judgment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn altgr_characters_are_typed_and_ctrl_alt_letters_stay_chords() {
        let both = KeyModifiers::CONTROL | KeyModifiers::ALT;
        for c in ['@', '#', '{', '[', '|', '~', '€', ']', '}', '\\', '^', '`'] {
            let typed = altgr_as_typed(KeyEvent::new(KeyCode::Char(c), both));
            assert_eq!(typed.code, KeyCode::Char(c));
            assert!(is_typing(&typed), "AltGr+… for {c} types it");
        }
        let chord = altgr_as_typed(KeyEvent::new(KeyCode::Char('e'), both));
        assert_eq!(chord.modifiers, both, "Ctrl+Alt+E stays a chord");
        let shifted = altgr_as_typed(KeyEvent::new(
            KeyCode::Char('@'),
            both | KeyModifiers::SHIFT,
        ));
        assert_eq!(shifted.modifiers, KeyModifiers::SHIFT);
    }
}

//! From a key to an action: the active key tables for where the focus is,
//! then the focused text field.

use super::state::capture::Focus as CaptureFocus;
use super::state::sheets::Focus as SheetsFocus;
use super::state::vote::View as VoteView;
use super::{Action, App, Overlay, Screen};
use crate::domain::Phase;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// The tables to look in, in order, and whether a text field has focus.
pub fn context(app: &App) -> (Vec<&'static str>, bool) {
    match &app.overlay {
        Some(Overlay::Help { .. } | Overlay::Viewer { .. }) => (vec!["viewer", "nav"], false),
        Some(Overlay::Form(form)) if form.focused_is_choice() => {
            (vec!["form_choice", "form"], false)
        }
        Some(Overlay::Form(_)) => (vec!["form"], true),
        Some(Overlay::Confirm(c)) if c.kind.unbidden() => (vec!["unbidden"], false),
        Some(Overlay::Confirm(_) | Overlay::Paste { .. }) => (vec!["dialog"], false),
        None => screen_context(app),
    }
}

/// The tables of the screen itself, whatever overlay is open: what the
/// help overlay lists.
pub fn screen_context(app: &App) -> (Vec<&'static str>, bool) {
    match app.screen() {
        Screen::Home => (vec!["home", "nav", "ends", "global"], false),
        Screen::Phase(phase) => {
            let Some(doc) = &app.doc else {
                return (vec!["doc", "global"], false);
            };
            match phase {
                Phase::Capture => match doc.capture.focus {
                    CaptureFocus::Text | CaptureFocus::Author => {
                        (vec!["capture", "nav", "doc", "global"], true)
                    }
                    CaptureFocus::Search => (vec!["search", "nav", "doc", "global"], true),
                    // Any character typed in the list starts a new
                    // proposal: printable keys reach no table but the
                    // list's own, which binds none by default.
                    CaptureFocus::List => {
                        (vec!["capture_list", "nav", "ends", "doc", "global"], true)
                    }
                    CaptureFocus::Received => (
                        vec!["capture_received", "nav", "ends", "doc", "global"],
                        false,
                    ),
                },
                Phase::Tag if doc.tag.searching => (vec!["search", "nav", "doc", "global"], true),
                Phase::Tag => (vec!["tag", "nav", "ends", "doc", "global"], false),
                Phase::Setup => (vec!["setup", "nav", "ends", "doc", "global"], false),
                Phase::Vote => match &doc.vote.view {
                    VoteView::Rounds => (vec!["vote", "nav", "ends", "doc", "global"], false),
                    VoteView::Ballots(_) => {
                        (vec!["vote_ballots", "nav", "ends", "doc", "global"], false)
                    }
                    VoteView::Paper { .. } => {
                        (vec!["vote_tally", "nav", "ends", "doc", "global"], false)
                    }
                    // The booth: the voter has the keyboard, so only what
                    // voting needs works (no undo, no phase switch).
                    VoteView::Picker { .. } => (vec!["vote_picker", "nav", "ends"], true),
                    VoteView::Ballot(_) => (vec!["vote_ballot", "nav", "ends"], false),
                    // Until the ballot is on disk, no key moves on: the
                    // footer offers none.
                    VoteView::Thanks { generation, .. } if doc.saved < *generation => {
                        (Vec::new(), false)
                    }
                    VoteView::Thanks { .. } => (vec!["vote_thanks"], false),
                },
                Phase::Results => (vec!["results", "nav", "ends", "doc", "global"], false),
                Phase::Sheets if doc.sheets.editing.is_some() => (vec!["sheet_edit"], true),
                Phase::Sheets => match doc.sheets.focus {
                    SheetsFocus::List => (vec!["sheets", "nav", "ends", "doc", "global"], false),
                    SheetsFocus::Fields => {
                        (vec!["sheet_fields", "nav", "ends", "doc", "global"], false)
                    }
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
    let searched: &[&str] = if text_focus && is_typing(&key) {
        &tables[..1]
    } else {
        &tables
    };
    if let Some(binding) = app.keymap.lookup(searched, &key) {
        return Some(Action::Command(binding.command));
    }
    Some(Action::Key(key))
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

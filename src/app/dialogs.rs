//! The overlays take the keys: help and viewers scroll, forms are filled
//! and submitted, dialogs are answered.

use super::apply::{on_doc, on_screen};
use super::keys::command::Command;
use super::screens::{capture, results, setup, sheets, tag, vote};
use super::{Action, App, Confirm, ConfirmKind, Overlay};

pub fn overlay(app: &mut App, action: Action) {
    let Some(mut overlay) = app.overlay.take() else {
        return;
    };
    let keep = match (&mut overlay, action) {
        (Overlay::Help { scroll } | Overlay::Viewer { scroll, .. }, Action::Command(cmd)) => {
            scroll_text(scroll, cmd)
        }
        (Overlay::Form(form), Action::Command(cmd)) => form_command(app, form, cmd),
        (Overlay::Form(form), Action::Key(key)) => {
            form_key(form, key);
            true
        }
        (Overlay::Form(form), Action::Paste(text)) => {
            if let Some(field) = form.focused_text() {
                field.insert(&text);
            }
            true
        }
        (Overlay::Confirm(confirm), Action::Command(cmd)) if confirm.kind.unbidden() => {
            unbidden(app, confirm, cmd)
        }
        // A dialog that opened by itself takes no typing: the text goes on
        // into the field underneath.
        (Overlay::Confirm(confirm), action @ (Action::Key(_) | Action::Paste(_)))
            if confirm.kind.unbidden() =>
        {
            super::apply::screen_action(app, action);
            true
        }
        (Overlay::Confirm(confirm), Action::Command(cmd)) => {
            let kind = confirm.kind.clone();
            match cmd {
                Command::Confirm | Command::Choice(1) => {
                    confirmed(app, kind);
                    false
                }
                Command::Cancel => {
                    declined(app, kind);
                    false
                }
                _ => true,
            }
        }
        (Overlay::Paste { lines, text }, Action::Command(cmd)) => {
            paste_command(app, lines, text, cmd)
        }
        _ => true,
    };
    closed_overlay(app, overlay, keep);
}

/// A text shown whole (help, a viewer) scrolls; Esc or Enter closes it.
/// Whether it stays open.
fn scroll_text(scroll: &mut u16, cmd: Command) -> bool {
    match cmd {
        Command::Up => *scroll = scroll.saturating_sub(1),
        Command::Down => *scroll = scroll.saturating_add(1),
        Command::PageUp => *scroll = scroll.saturating_sub(10),
        Command::PageDown => *scroll = scroll.saturating_add(10),
        Command::Cancel | Command::Confirm => return false,
        _ => {}
    }
    true
}

/// A command in a form: move among fields, change a choice, cancel, or
/// submit. Whether the form stays open.
fn form_command(app: &mut App, form: &mut super::form::Form, cmd: Command) -> bool {
    match cmd {
        Command::Cancel => return false,
        Command::NextField => {
            form.next(1);
        }
        Command::PrevField => {
            form.next(-1);
        }
        Command::ChoiceNext => {
            form.cycle(1);
        }
        Command::ChoicePrev => {
            form.cycle(-1);
        }
        Command::Confirm => {
            let said = |app: &App| app.message.as_ref().map(|m| (m.at, m.text.clone()));
            let said_before = said(app);
            let done = submit(app, form);
            // A refusal said earlier does not outlive the value that
            // fixed it.
            let unchanged = said(app) == said_before;
            if done
                && unchanged
                && app
                    .message
                    .as_ref()
                    .is_some_and(|m| m.level == super::Level::Error)
            {
                app.message = None;
            }
            return !done;
        }
        _ => {}
    }
    true
}

/// What submitting a form does, by what it is for: one line per purpose,
/// none forgotten. Whether it was taken (the form then closes).
fn submit(app: &mut App, form: &super::form::Form) -> bool {
    use super::form::Purpose;
    match &form.purpose {
        Purpose::NewWorkshop => crate::app::opening::create(app, form),
        Purpose::Participant(id) => {
            on_doc(app, |d, cx| setup::participant_submit(d, cx, form, *id))
        }
        Purpose::Axis(key) => on_doc(app, |d, cx| setup::axis_submit(d, cx, form, *key)),
        Purpose::Detail(i) => on_doc(app, |d, cx| setup::detail_submit(d, cx, form, *i)),
        Purpose::Agenda(phase) => on_doc(app, |d, cx| setup::agenda_submit(d, cx, form, *phase)),
        Purpose::Round(round) => on_screen(app, |s, d, cx| {
            vote::submit(&mut s.vote, d, cx, form, *round)
        }),
        Purpose::TopPerAxis => on_screen(app, |s, d, cx| {
            results::top_per_axis(&mut s.results, d, cx, form)
        }),
        Purpose::Sheet(id, part) => on_screen(app, |s, doc, cx| {
            sheets::submit(&mut s.sheets, doc, cx, form, id, *part)
        }),
        Purpose::Export => on_doc(app, |d, cx| super::exchange::export_submit(d, cx, form)),
        Purpose::Import(paths) => on_doc(app, |d, cx| {
            super::exchange::import_submit(d, cx, form, paths)
        }),
        Purpose::MergeReceived(id) => on_screen(app, |s, d, cx| {
            super::screens::capture::received::merge_submit(&mut s.capture, d, cx, form, *id)
        }),
        Purpose::SetAside(id) => on_screen(app, |s, d, cx| {
            super::screens::capture::received::aside_submit(&mut s.capture, d, cx, form, *id)
        }),
    }
}

/// A key no table binds, in a form: typed into the focused text field,
/// or moving the focused choice.
fn form_key(form: &mut super::form::Form, key: ratatui::crossterm::event::KeyEvent) {
    use ratatui::crossterm::event::KeyCode;
    if let Some(field) = form.focused_text() {
        field.key(key);
    } else if matches!(key.code, KeyCode::Left | KeyCode::Char(' ')) {
        form.cycle(if key.code == KeyCode::Left { -1 } else { 1 });
    } else if key.code == KeyCode::Right {
        form.cycle(1);
    }
}

/// Several lines pasted: one proposal per line (1, Enter), all as one (2),
/// or nothing (Esc). Whether the question stays open.
fn paste_command(app: &mut App, lines: &mut Vec<String>, text: &mut String, cmd: Command) -> bool {
    match cmd {
        Command::Confirm | Command::Choice(1) => {
            let (lines, text) = (std::mem::take(lines), std::mem::take(text));
            on_screen(app, |s, d, cx| {
                capture::paste_choice(&mut s.capture, d, cx, lines, text, true)
            });
            false
        }
        Command::Choice(2) => {
            let text = std::mem::take(text);
            on_screen(app, |s, d, cx| {
                capture::paste_choice(&mut s.capture, d, cx, Vec::new(), text, false)
            });
            false
        }
        Command::Cancel => false,
        _ => true,
    }
}

/// After an overlay handled its action: kept, replaced by the one its
/// handler opened, or closed (with what closing it means).
fn closed_overlay(app: &mut App, overlay: Overlay, keep: bool) {
    let was_viewer = matches!(overlay, Overlay::Viewer { .. });
    // A handler may have opened another overlay (a dialog after a form).
    if keep && app.overlay.is_none() {
        app.overlay = Some(overlay);
    }
    // Texts recovered after a crash are kept until their viewer is read.
    if !keep
        && was_viewer
        && let Some(doc) = app.doc.as_mut()
    {
        doc.recovered.clear();
    }
    // Closing the comparison brings the unsettled question back.
    if !keep
        && was_viewer
        && app.overlay.is_none()
        && app.doc.as_ref().is_some_and(|d| d.conflict.is_some())
    {
        on_doc(app, |doc, cx| super::conflict::ask(doc, cx.lang));
    }
}

/// A dialog that opened by itself: arrows move among its choices (none is
/// chosen at first), Enter takes the one shown, Esc puts it off. Whether
/// the dialog stays open.
fn unbidden(app: &mut App, confirm: &mut Confirm, cmd: Command) -> bool {
    let n = confirm.choices.len().max(1);
    match cmd {
        Command::Up => {
            confirm.selected = Some(confirm.selected.map_or(n - 1, |s| (s + n - 1) % n));
            true
        }
        Command::Down => {
            confirm.selected = Some(confirm.selected.map_or(0, |s| (s + 1) % n));
            true
        }
        Command::Confirm => match confirm.selected {
            Some(i) => {
                let kind = confirm.kind.clone();
                match kind {
                    ConfirmKind::FileConflict => {
                        on_doc(app, |doc, cx| {
                            super::conflict::chosen(doc, cx.lang, i as u8 + 1)
                        });
                    }
                    kind if i == 0 => confirmed(app, kind),
                    kind => declined(app, kind),
                }
                false
            }
            None => true,
        },
        Command::Cancel => {
            declined(app, confirm.kind.clone());
            false
        }
        _ => true,
    }
}

fn confirmed(app: &mut App, kind: ConfirmKind) {
    match kind {
        ConfirmKind::Merge => on_screen(app, |s, d, cx| tag::merge(&mut s.tag, d, cx)),
        ConfirmKind::QuitWithDraft | ConfirmKind::QuitUnsaved => super::apply::quit(app, true),
        ConfirmKind::OpenReadOnly(path) => {
            crate::app::opening::open_now(app, &path, crate::store::Access::ReadOnly);
        }
        ConfirmKind::Recover(path) => crate::app::opening::recover(app, &path, true),
        ConfirmKind::AddParticipants(lines) => {
            on_doc(app, |d, cx| setup::add_participants(d, cx, &lines));
        }
        ConfirmKind::Reveal(round) => on_screen(app, |s, d, cx| {
            vote::reveal(&mut s.vote, d, cx, round, true)
        }),
        ConfirmKind::Hide(round) => on_screen(app, |s, d, cx| {
            vote::reveal(&mut s.vote, d, cx, round, false)
        }),
        ConfirmKind::Runoff(round) => {
            on_screen(app, |s, d, cx| vote::runoff(&mut s.vote, d, cx, round));
        }
        ConfirmKind::CastBallot => on_screen(app, |s, d, cx| vote::cast(&mut s.vote, d, cx)),
        ConfirmKind::DraftSheets => {
            on_screen(app, |s, d, cx| results::draft(&mut s.results, d, cx));
        }
        ConfirmKind::FileConflict => {}
    }
}

fn declined(app: &mut App, kind: ConfirmKind) {
    if let ConfirmKind::Recover(path) = kind {
        crate::app::opening::recover(app, &path, false);
    }
}

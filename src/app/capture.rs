//! Capture: the facilitator types as people speak. The text field has the
//! focus from the start; Enter saves, the proposal appears at once with its
//! number. Esc goes to the list to edit, delete, move or search.

use super::command::Command;
use super::state::capture::Stash;
pub use super::state::capture::{CaptureState, Focus};
use super::{Action, App, Overlay};
use crate::domain::participant::fold;
use crate::domain::{Op, Phase};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn height(app: &App) -> usize {
    crate::app::layout::capture_list_height(app)
}

pub fn on_action(app: &mut App, action: Action) {
    match action {
        Action::Command(cmd) => command(app, cmd),
        Action::Key(key) => typed(app, key),
        Action::Paste(text) => pasted(app, text),
        _ => {}
    }
}

fn command(app: &mut App, cmd: Command) {
    match cmd {
        Command::Phones => return super::phones::command(app, cmd, None),
        Command::Received => return super::received::focus(app),
        _ => {}
    }
    let h = height(app);
    let Some(doc) = app.doc.as_mut() else { return };
    let c = &mut doc.capture;
    if c.focus == Focus::Received {
        return super::received::command(app, cmd);
    }
    if c.list.navigate(cmd, c.rows.len(), h) {
        return;
    }
    match cmd {
        Command::Confirm if c.focus == Focus::Search => c.focus = Focus::List,
        Command::Confirm => submit(app),
        Command::Newline if c.focus == Focus::Text => c.text.newline(),
        Command::NextField | Command::PrevField => {
            c.focus = if c.focus == Focus::Text {
                Focus::Author
            } else {
                Focus::Text
            };
        }
        Command::Cancel => match c.focus {
            Focus::Search => {
                c.search.clear();
                c.query.clear();
                c.focus = Focus::List;
                doc.refresh_rows(Phase::Capture, h);
            }
            Focus::List if c.focus_view => c.focus_view = false,
            Focus::List if !c.query.is_empty() => {
                c.search.clear();
                c.query.clear();
                doc.refresh_rows(Phase::Capture, h);
            }
            Focus::List | Focus::Received => {}
            Focus::Text | Focus::Author if c.moderating.is_some() => {
                // Back to the queue: the sent text stays there, untouched.
                c.moderating = None;
                c.text.clear();
                c.author.clear();
                c.focus = Focus::Received;
            }
            Focus::Text | Focus::Author if c.editing.is_some() => stop_editing(app),
            Focus::Text | Focus::Author => c.focus = Focus::List,
        },
        Command::Tag(k) => {
            if doc.w.axis(k).is_none() {
                let text = app.lang.tf("err.unknown_axis", &[("axis", &k)]);
                app.error(text);
                return;
            }
            // Sets, never toggles: pressing the axis shown keeps it.
            if c.editing.is_some() {
                // The proposal's secondary axes stay.
                c.axes.retain(|a| *a != k);
                c.axes.insert(0, k);
            } else {
                c.axes = vec![k];
            }
        }
        Command::ClearAxes => c.axes.clear(),
        Command::FocusInput => c.focus = Focus::Text,
        Command::Focus => c.focus_view = !c.focus_view,
        Command::Search => {
            c.focus = Focus::Search;
        }
        Command::Edit => start_editing(app),
        Command::Delete => delete(app),
        Command::View => view(app),
        Command::MoveUp => move_selected(app, -1),
        Command::MoveDown => move_selected(app, 1),
        _ => {}
    }
}

fn typed(app: &mut App, key: ratatui::crossterm::event::KeyEvent) {
    let h = height(app);
    let Some(doc) = app.doc.as_mut() else { return };
    let c = &mut doc.capture;
    match c.focus {
        Focus::Text => {
            c.text.key(key);
        }
        Focus::Author => {
            c.author.key(key);
        }
        Focus::Search => {
            if c.search.key(key) {
                c.query = fold(c.search.text().trim());
                c.list.selected = 0;
                doc.refresh_rows(Phase::Capture, h);
            }
        }
        Focus::Received => {}
        Focus::List => {
            // Typing from the list starts a new proposal: no mode to learn.
            let printable = matches!(key.code, KeyCode::Char(_))
                && !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            if printable {
                c.focus = Focus::Text;
                c.text.key(key);
            }
        }
    }
}

fn pasted(app: &mut App, text: String) {
    let h = height(app);
    let Some(doc) = app.doc.as_mut() else { return };
    let c = &mut doc.capture;
    match c.focus {
        Focus::Search => {
            c.search.insert(&text);
            c.query = fold(c.search.text().trim());
            doc.refresh_rows(Phase::Capture, h);
        }
        Focus::Author => c.author.insert(&text),
        Focus::Received => {}
        Focus::Text | Focus::List => {
            let lines = crate::domain::text::filled_lines(&text);
            if lines.len() > 1 && c.editing.is_none() {
                app.overlay = Some(Overlay::Paste { lines, text });
            } else {
                c.focus = Focus::Text;
                c.text.insert(&text);
            }
        }
    }
}

/// The paste dialog's answer: one proposal per line, or one text.
pub fn paste_choice(app: &mut App, lines: Vec<String>, text: String, one_per_line: bool) {
    let now = app.clock.now();
    let lang = app.lang;
    let Some(doc) = app.doc.as_mut() else { return };
    if one_per_line {
        let axes = doc.capture.axes.clone();
        let author = doc.capture.author.text();
        let op = doc
            .w
            .op_add_proposals(lines.iter().map(String::as_str), axes, &author, now);
        if app.run_op(op) {
            app.info(crate::i18n::tnf(lang, "capture.pasted", lines.len(), &[]));
            follow_newest(app);
        }
    } else {
        doc.capture.focus = Focus::Text;
        doc.capture.text.insert(&text);
    }
}

fn submit(app: &mut App) {
    let now = app.clock.now();
    let lang = app.lang;
    let Some(doc) = app.doc.as_mut() else { return };
    let c = &doc.capture;
    let text = c.text.text();
    let author = c.author.text();
    if let Some(id) = c.moderating {
        // The edited text of a proposal sent from a phone: accepted as is.
        super::received::accept(app, Some((id, text)));
        if let Some(doc) = app.doc.as_mut()
            && doc.w.received_one(id).is_some_and(|r| !r.is_pending())
        {
            let c = &mut doc.capture;
            c.moderating = None;
            c.text.clear();
            c.author.clear();
            c.focus = if super::received::pending(&doc.w).is_empty() {
                Focus::Text
            } else {
                Focus::Received
            };
        }
        return;
    }
    if let Some(id) = c.editing {
        let op = doc.w.op_edit_proposal(id, &text, &author, c.axes.clone());
        if app.run_op(op) {
            app.info(lang.tf("capture.edited", &[("id", &id)]));
            stop_editing(app);
        }
        return;
    }
    let axes = c.axes.clone();
    let op = doc.w.op_add_proposal(&text, axes, &author, now);
    if app.run_op(op) {
        let Some(doc) = app.doc.as_mut() else { return };
        let id = doc.w.proposals().last().map(|p| p.id);
        doc.capture.text.clear();
        // Each proposal usually comes from someone else: crediting the
        // previous speaker would end up in the official report. The axis
        // follows the discussion's topic, so it stays (and shows).
        if !app.keep_author {
            doc.capture.author.clear();
        }
        doc.capture.focus = Focus::Text;
        if let Some(id) = id {
            // "enregistrée" once on disk; until then, that it is on its way.
            app.info_when_saved(
                lang.tf("capture.saved", &[("id", &id)]),
                lang.tf("capture.saving", &[("id", &id)]),
            );
        }
        follow_newest(app);
    }
}

fn follow_newest(app: &mut App) {
    let h = height(app);
    if let Some(doc) = app.doc.as_mut() {
        let c = &mut doc.capture;
        let len = c.rows.len();
        c.list.select(len.saturating_sub(1), len, h);
    }
}

fn start_editing(app: &mut App) {
    let Some(doc) = app.doc.as_mut() else { return };
    let Some(id) = doc.capture.selected_id(&doc.w) else {
        return;
    };
    let Some(p) = doc.w.proposal(id).cloned() else {
        return;
    };
    let c = &mut doc.capture;
    if c.editing.is_none() {
        c.stashed = Some(Stash {
            text: c.text.text(),
            author: c.author.text(),
            axes: c.axes.clone(),
        });
    }
    c.editing = Some(id);
    c.text.set(&p.text);
    c.author.set(&p.author);
    c.axes.clone_from(&p.axes);
    c.focus = Focus::Text;
}

fn stop_editing(app: &mut App) {
    let Some(doc) = app.doc.as_mut() else { return };
    let c = &mut doc.capture;
    c.editing = None;
    let stash = c.stashed.take().unwrap_or_default();
    c.text.set(&stash.text);
    c.author.set(&stash.author);
    c.axes = stash.axes;
    c.focus = Focus::Text;
}

fn delete(app: &mut App) {
    let lang = app.lang;
    let Some(doc) = app.doc.as_ref() else { return };
    let Some(id) = doc.capture.selected_id(&doc.w) else {
        return;
    };
    if app.run_op(Ok(Op::RemoveProposal(id))) {
        app.info(lang.tf("capture.deleted", &[("id", &id)]));
        let h = height(app);
        if let Some(doc) = app.doc.as_mut() {
            let len = doc.capture.rows.len();
            doc.capture.list.fit(len, h);
        }
    }
}

fn move_selected(app: &mut App, delta: isize) {
    let h = height(app);
    let Some(doc) = app.doc.as_ref() else { return };
    let c = &doc.capture;
    let (Some(id), Some(neighbour)) = (
        c.selected_id(&doc.w),
        c.rows
            .get((c.list.selected as isize + delta).max(0) as usize),
    ) else {
        return;
    };
    let to = *neighbour;
    if Some(to) == c.rows.get(c.list.selected).copied() {
        return;
    }
    if app.run_op(Ok(Op::MoveProposal { id, to })) {
        let Some(doc) = app.doc.as_mut() else { return };
        let w = &doc.w;
        doc.capture.select_id(id, w, h);
    }
}

fn view(app: &mut App) {
    let id = app.doc.as_ref().and_then(|d| d.capture.selected_id(&d.w));
    if let Some(id) = id {
        app.view_proposal(id);
    }
}

/// Selects the row under a click in the list.
pub fn click_row(app: &mut App, row_in_list: usize) {
    let h = height(app);
    if let Some(doc) = app.doc.as_mut() {
        let c = &mut doc.capture;
        let target = c.list.offset + row_in_list;
        if target < c.rows.len() {
            c.list.select(target, c.rows.len(), h);
            c.focus = Focus::List;
        }
    }
}

pub fn scroll(app: &mut App, delta: isize) {
    let h = height(app);
    if let Some(doc) = app.doc.as_mut() {
        let len = doc.capture.rows.len();
        doc.capture.list.scroll(delta, len, h);
    }
}

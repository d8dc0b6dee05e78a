//! Capture: the facilitator types as people speak. The text field has the
//! focus from the start; Enter saves, the proposal appears at once with its
//! number. Esc goes to the list to edit, delete, move or search.

use super::cx::Cx;
use super::doc::Doc;
use super::effect::{Effect, Fx};
use super::keys::command::Command;
use super::state::capture::Stash;
pub use super::state::capture::{CaptureState, Focus};
use super::{Action, Overlay};
use crate::domain::participant::fold;
use crate::domain::{Op, Phase};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

pub fn on_action(doc: &mut Doc, cx: &Cx, action: Action) -> Fx {
    match action {
        Action::Command(cmd) => command(doc, cx, cmd),
        Action::Key(key) => {
            typed(doc, cx, key);
            Fx::none()
        }
        Action::Paste(text) => pasted(doc, cx, text),
        _ => Fx::none(),
    }
}

fn command(doc: &mut Doc, cx: &Cx, cmd: Command) -> Fx {
    let mut fx = Fx::none();
    match cmd {
        Command::Phones => return Effect::Phones(cmd, None).into(),
        Command::Received => return super::received::focus(doc, cx),
        Command::MergeSimilar => return answer_similar(doc, cx, true),
        Command::KeepBoth => return answer_similar(doc, cx, false),
        _ => {}
    }
    let h = cx.capture_list(&doc.w);
    let c = &mut doc.capture;
    if c.focus == Focus::Received {
        return super::received::command(doc, cx, cmd);
    }
    if c.list.navigate(cmd, c.rows.len(), h) {
        return fx;
    }
    match cmd {
        Command::Confirm if c.focus == Focus::Search => c.focus = Focus::List,
        Command::Confirm => return submit(doc, cx),
        Command::Newline if c.focus == Focus::Text => c.text.newline(),
        Command::NextField | Command::PrevField => {
            c.focus = if c.focus == Focus::Text {
                Focus::Author
            } else {
                Focus::Text
            };
        }
        Command::Cancel => cancel(doc, h),
        Command::Tag(k) => {
            if doc.w.axis(k).is_none() {
                fx.error(cx.lang.tf("err.unknown_axis", &[("axis", &k)]));
                return fx;
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
        Command::Edit => start_editing(doc),
        Command::Delete => return delete(doc, cx),
        Command::View => return view(doc, cx),
        Command::MoveUp => return move_selected(doc, cx, -1),
        Command::MoveDown => return move_selected(doc, cx, 1),
        _ => {}
    }
    fx
}

/// Esc: out of the search, the focused view, the edit or the field.
fn cancel(doc: &mut Doc, h: usize) {
    let c = &mut doc.capture;
    match c.focus {
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
        Focus::Text | Focus::Author if c.editing.is_some() => stop_editing(doc),
        Focus::Text | Focus::Author => c.focus = Focus::List,
    }
}

fn typed(doc: &mut Doc, cx: &Cx, key: ratatui::crossterm::event::KeyEvent) {
    let h = cx.capture_list(&doc.w);
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

fn pasted(doc: &mut Doc, cx: &Cx, text: String) -> Fx {
    let h = cx.capture_list(&doc.w);
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
                return Effect::Open(Overlay::Paste { lines, text }).into();
            }
            c.focus = Focus::Text;
            c.text.insert(&text);
        }
    }
    Fx::none()
}

/// The paste dialog's answer: one proposal per line, or one text.
pub fn paste_choice(
    doc: &mut Doc,
    cx: &Cx,
    lines: Vec<String>,
    text: String,
    one_per_line: bool,
) -> Fx {
    let mut fx = Fx::none();
    if one_per_line {
        let axes = doc.capture.axes.clone();
        let author = doc.capture.author.text();
        let op = doc
            .w
            .op_add_proposals(lines.iter().map(String::as_str), axes, &author, cx.now);
        if doc.apply(op, cx.lang, &mut fx) {
            fx.info(crate::i18n::tnf(
                cx.lang,
                "capture.pasted",
                lines.len(),
                &[],
            ));
            follow_newest(doc, cx);
            // The first pasted line that looks like another gets the hint.
            let added: Vec<_> = doc
                .w
                .proposals()
                .iter()
                .rev()
                .take(lines.len())
                .map(|p| p.id)
                .collect();
            doc.capture.similar = None;
            for id in added.into_iter().rev() {
                doc.look_for_similar(id);
                if doc.capture.similar.is_some() {
                    break;
                }
            }
        }
    } else {
        doc.capture.focus = Focus::Text;
        doc.capture.text.insert(&text);
    }
    fx
}

fn submit(doc: &mut Doc, cx: &Cx) -> Fx {
    let lang = cx.lang;
    let mut fx = Fx::none();
    let c = &doc.capture;
    let text = c.text.text();
    let author = c.author.text();
    if let Some(id) = c.moderating {
        // The edited text of a proposal sent from a phone: accepted as is.
        fx.extend(super::received::accept(doc, cx, Some((id, text))));
        if doc.w.received_one(id).is_some_and(|r| !r.is_pending()) {
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
        return fx;
    }
    if let Some(id) = c.editing {
        let op = doc.w.op_edit_proposal(id, &text, &author, c.axes.clone());
        if doc.apply(op, lang, &mut fx) {
            fx.info(lang.tf("capture.edited", &[("id", &id)]));
            stop_editing(doc);
        }
        return fx;
    }
    let axes = c.axes.clone();
    let op = doc.w.op_add_proposal(&text, axes, &author, cx.now);
    if doc.apply(op, lang, &mut fx) {
        let id = doc.w.proposals().last().map(|p| p.id);
        doc.capture.text.clear();
        // Each proposal usually comes from someone else: crediting the
        // previous speaker would end up in the official report. The axis
        // follows the discussion's topic, so it stays (and shows).
        if !cx.keep_author {
            doc.capture.author.clear();
        }
        doc.capture.focus = Focus::Text;
        if let Some(id) = id {
            // "enregistrée" once on disk; until then, that it is on its way.
            fx.push(Effect::SayWhenSaved {
                saved: lang.tf("capture.saved", &[("id", &id)]),
                saving: lang.tf("capture.saving", &[("id", &id)]),
            });
            doc.look_for_similar(id);
        }
        follow_newest(doc, cx);
    }
    fx
}

/// Alt+F: the proposal just saved goes into the one it looks like (one
/// undoable merge); Alt+G: both stay.
fn answer_similar(doc: &mut Doc, cx: &Cx, merge: bool) -> Fx {
    let mut fx = Fx::none();
    let Some(s) = doc.similar_shown().cloned() else {
        fx.info(cx.t("capture.similar_none"));
        return fx;
    };
    doc.capture.similar = None;
    if !merge {
        fx.info(
            cx.lang
                .tf("capture.similar_kept", &[("id", &s.new), ("like", &s.like)]),
        );
        return fx;
    }
    let op = Op::Merge {
        into: s.like,
        sources: vec![s.new],
    };
    if doc.apply(Ok(op), cx.lang, &mut fx) {
        fx.info(cx.lang.tf(
            "capture.similar_merged",
            &[("id", &s.new), ("like", &s.like)],
        ));
    }
    fx
}

fn follow_newest(doc: &mut Doc, cx: &Cx) {
    let h = cx.capture_list(&doc.w);
    let c = &mut doc.capture;
    let len = c.rows.len();
    c.list.select(len.saturating_sub(1), len, h);
}

fn start_editing(doc: &mut Doc) {
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

fn stop_editing(doc: &mut Doc) {
    let c = &mut doc.capture;
    c.editing = None;
    let stash = c.stashed.take().unwrap_or_default();
    c.text.set(&stash.text);
    c.author.set(&stash.author);
    c.axes = stash.axes;
    c.focus = Focus::Text;
}

fn delete(doc: &mut Doc, cx: &Cx) -> Fx {
    let mut fx = Fx::none();
    let Some(id) = doc.capture.selected_id(&doc.w) else {
        return fx;
    };
    if doc.apply(Ok(Op::RemoveProposal(id)), cx.lang, &mut fx) {
        fx.info(cx.lang.tf("capture.deleted", &[("id", &id)]));
        let h = cx.capture_list(&doc.w);
        let len = doc.capture.rows.len();
        doc.capture.list.fit(len, h);
    }
    fx
}

fn move_selected(doc: &mut Doc, cx: &Cx, delta: isize) -> Fx {
    let mut fx = Fx::none();
    let h = cx.capture_list(&doc.w);
    let c = &doc.capture;
    let (Some(id), Some(neighbour)) = (
        c.selected_id(&doc.w),
        c.rows
            .get((c.list.selected as isize + delta).max(0) as usize),
    ) else {
        return fx;
    };
    let to = *neighbour;
    if Some(to) == c.rows.get(c.list.selected).copied() {
        return fx;
    }
    if doc.apply(Ok(Op::MoveProposal { id, to }), cx.lang, &mut fx) {
        let w = &doc.w;
        doc.capture.select_id(id, w, h);
    }
    fx
}

fn view(doc: &Doc, cx: &Cx) -> Fx {
    doc.capture
        .selected_id(&doc.w)
        .and_then(|id| super::viewer::proposal(&doc.w, cx.lang, id))
        .map_or_else(Fx::none, |o| Effect::Open(o).into())
}

/// Selects the row under a click in the list.
pub fn click_row(doc: &mut Doc, cx: &Cx, row_in_list: usize) {
    let h = cx.capture_list(&doc.w);
    let c = &mut doc.capture;
    let target = c.list.offset + row_in_list;
    if target < c.rows.len() {
        c.list.select(target, c.rows.len(), h);
        c.focus = Focus::List;
    }
}

pub fn scroll(doc: &mut Doc, cx: &Cx, delta: isize) {
    let h = cx.capture_list(&doc.w);
    let len = doc.capture.rows.len();
    doc.capture.list.scroll(delta, len, h);
}

//! Capture: the facilitator types as people speak. The text field has the
//! focus from the start; Enter saves, the proposal appears at once with its
//! number. Esc goes to the list to edit, delete, move or search.

use super::state::Stash;
use super::state::{CaptureState, Focus, Similar};
use crate::app::cx::Cx;
use crate::app::doc::Doc;
use crate::app::effect::{Effect, Fx};
use crate::app::keys::command::Command;
use crate::app::screens::rows::Rows;
use crate::app::{Action, Overlay};
use crate::domain::Op;
use crate::domain::participant::fold;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

pub fn on_action(st: &mut CaptureState, doc: &mut Doc, cx: &Cx, action: Action) -> Fx {
    match action {
        Action::Command(cmd) => command(st, doc, cx, cmd),
        Action::Key(key) => {
            typed(st, doc, cx, key);
            Fx::none()
        }
        Action::Paste(text) => pasted(st, doc, cx, text),
        _ => Fx::none(),
    }
}

fn command(st: &mut CaptureState, doc: &mut Doc, cx: &Cx, cmd: Command) -> Fx {
    let mut fx = Fx::none();
    match cmd {
        Command::Phones => return Effect::Phones(cmd, None).into(),
        Command::Received => return super::received::focus(st, doc, cx),
        Command::MergeSimilar => return answer_similar(st, doc, cx, true),
        Command::KeepBoth => return answer_similar(st, doc, cx, false),
        _ => {}
    }
    let h = cx.capture_list(&doc.w);
    if st.focus == Focus::Received {
        return super::received::command(st, doc, cx, cmd);
    }
    if st.list.navigate(cmd, st.rows.len(), h) {
        return fx;
    }
    match cmd {
        Command::Confirm if st.focus == Focus::Search => st.focus = Focus::List,
        Command::Confirm => return submit(st, doc, cx),
        Command::Newline if st.focus == Focus::Text => st.text.newline(),
        Command::NextField | Command::PrevField => {
            st.focus = if st.focus == Focus::Text {
                Focus::Author
            } else {
                Focus::Text
            };
        }
        Command::Cancel => cancel(st, doc, h),
        Command::Tag(k) => {
            if doc.w.axis(k).is_none() {
                fx.error(cx.lang.tf("err.unknown_axis", &[("axis", &k)]));
                return fx;
            }
            // Sets, never toggles: pressing the axis shown keeps it.
            if st.editing.is_some() {
                // The proposal's secondary axes stay.
                st.axes.retain(|a| *a != k);
                st.axes.insert(0, k);
            } else {
                st.axes = vec![k];
            }
        }
        Command::ClearAxes => st.axes.clear(),
        Command::FocusInput => st.focus = Focus::Text,
        Command::Focus => st.focus_view = !st.focus_view,
        Command::Search => {
            st.focus = Focus::Search;
        }
        Command::Edit => start_editing(st, doc),
        Command::Delete => return delete(st, doc, cx),
        Command::View => return view(st, doc, cx),
        Command::MoveUp => return move_selected(st, doc, cx, -1),
        Command::MoveDown => return move_selected(st, doc, cx, 1),
        _ => {}
    }
    fx
}

/// Esc: out of the search, the focused view, the edit or the field.
fn cancel(st: &mut CaptureState, doc: &mut Doc, h: usize) {
    match st.focus {
        Focus::Search => {
            st.search.clear();
            st.query.clear();
            st.focus = Focus::List;
            st.rebuild(doc, h);
        }
        Focus::List if st.focus_view => st.focus_view = false,
        Focus::List if !st.query.is_empty() => {
            st.search.clear();
            st.query.clear();
            st.rebuild(doc, h);
        }
        Focus::List | Focus::Received => {}
        Focus::Text | Focus::Author if st.moderating.is_some() => {
            // Back to the queue: the sent text stays there, untouched.
            st.moderating = None;
            st.text.clear();
            st.author.clear();
            st.focus = Focus::Received;
        }
        Focus::Text | Focus::Author if st.editing.is_some() => stop_editing(st),
        Focus::Text | Focus::Author => st.focus = Focus::List,
    }
}

fn typed(st: &mut CaptureState, doc: &mut Doc, cx: &Cx, key: ratatui::crossterm::event::KeyEvent) {
    let h = cx.capture_list(&doc.w);
    match st.focus {
        Focus::Text => {
            st.text.key(key);
        }
        Focus::Author => {
            st.author.key(key);
        }
        Focus::Search => {
            if st.search.key(key) {
                st.query = fold(st.search.text().trim());
                st.list.selected = 0;
                st.rebuild(doc, h);
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
                st.focus = Focus::Text;
                st.text.key(key);
            }
        }
    }
}

fn pasted(st: &mut CaptureState, doc: &mut Doc, cx: &Cx, text: String) -> Fx {
    let h = cx.capture_list(&doc.w);
    match st.focus {
        Focus::Search => {
            st.search.insert(&text);
            st.query = fold(st.search.text().trim());
            st.rebuild(doc, h);
        }
        Focus::Author => st.author.insert(&text),
        Focus::Received => {}
        Focus::Text | Focus::List => {
            let lines = crate::domain::text::filled_lines(&text);
            if lines.len() > 1 && st.editing.is_none() {
                return Effect::Open(Overlay::Paste { lines, text }).into();
            }
            st.focus = Focus::Text;
            st.text.insert(&text);
        }
    }
    Fx::none()
}

/// The paste dialog's answer: one proposal per line, or one text.
pub fn paste_choice(
    st: &mut CaptureState,
    doc: &mut Doc,
    cx: &Cx,
    lines: Vec<String>,
    text: String,
    one_per_line: bool,
) -> Fx {
    let mut fx = Fx::none();
    if one_per_line {
        let axes = st.axes.clone();
        let author = st.author.text();
        let op = doc
            .w
            .op_add_proposals(lines.iter().map(String::as_str), axes, &author, cx.now);
        if st.apply(doc, op, cx.lang, &mut fx) {
            fx.info(crate::i18n::tnf(
                cx.lang,
                "capture.pasted",
                lines.len(),
                &[],
            ));
            follow_newest(st, doc, cx);
            // The first pasted line that looks like another gets the hint.
            let added: Vec<_> = doc
                .w
                .proposals()
                .iter()
                .rev()
                .take(lines.len())
                .map(|p| p.id)
                .collect();
            st.similar = None;
            for id in added.into_iter().rev() {
                st.similar = Similar::of(doc, id);
                if st.similar.is_some() {
                    break;
                }
            }
        }
    } else {
        st.focus = Focus::Text;
        st.text.insert(&text);
    }
    fx
}

fn submit(st: &mut CaptureState, doc: &mut Doc, cx: &Cx) -> Fx {
    let lang = cx.lang;
    let mut fx = Fx::none();
    let text = st.text.text();
    let author = st.author.text();
    if let Some(id) = st.moderating {
        // The edited text of a proposal sent from a phone: accepted as is.
        fx.extend(super::received::accept(st, doc, cx, Some((id, text))));
        if doc.w.received_one(id).is_some_and(|r| !r.is_pending()) {
            st.moderating = None;
            st.text.clear();
            st.author.clear();
            st.focus = if super::received::pending(&doc.w).is_empty() {
                Focus::Text
            } else {
                Focus::Received
            };
        }
        return fx;
    }
    if let Some(id) = st.editing {
        let op = doc.w.op_edit_proposal(id, &text, &author, st.axes.clone());
        if st.apply(doc, op, lang, &mut fx) {
            fx.info(lang.tf("capture.edited", &[("id", &id)]));
            stop_editing(st);
        }
        return fx;
    }
    let axes = st.axes.clone();
    let op = doc.w.op_add_proposal(&text, axes, &author, cx.now);
    if st.apply(doc, op, lang, &mut fx) {
        let id = doc.w.proposals().last().map(|p| p.id);
        st.text.clear();
        // Each proposal usually comes from someone else: crediting the
        // previous speaker would end up in the official report. The axis
        // follows the discussion's topic, so it stays (and shows).
        if !cx.keep_author {
            st.author.clear();
        }
        st.focus = Focus::Text;
        if let Some(id) = id {
            // "enregistrée" once on disk; until then, that it is on its way.
            fx.push(Effect::SayWhenSaved {
                saved: lang.tf("capture.saved", &[("id", &id)]),
                saving: lang.tf("capture.saving", &[("id", &id)]),
            });
            st.similar = Similar::of(doc, id);
        }
        follow_newest(st, doc, cx);
    }
    fx
}

/// Alt+F: the proposal just saved goes into the one it looks like (one
/// undoable merge); Alt+G: both stay.
fn answer_similar(st: &mut CaptureState, doc: &mut Doc, cx: &Cx, merge: bool) -> Fx {
    let mut fx = Fx::none();
    let Some(s) = st.similar_shown(&doc.w).cloned() else {
        fx.info(cx.t("capture.similar_none"));
        return fx;
    };
    st.similar = None;
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
    if st.apply(doc, Ok(op), cx.lang, &mut fx) {
        fx.info(cx.lang.tf(
            "capture.similar_merged",
            &[("id", &s.new), ("like", &s.like)],
        ));
    }
    fx
}

fn follow_newest(st: &mut CaptureState, doc: &mut Doc, cx: &Cx) {
    let h = cx.capture_list(&doc.w);
    let len = st.rows.len();
    st.list.select(len.saturating_sub(1), len, h);
}

fn start_editing(st: &mut CaptureState, doc: &mut Doc) {
    let Some(id) = st.selected_id(&doc.w) else {
        return;
    };
    let Some(p) = doc.w.proposal(id).cloned() else {
        return;
    };
    if st.editing.is_none() {
        st.stashed = Some(Stash {
            text: st.text.text(),
            author: st.author.text(),
            axes: st.axes.clone(),
        });
    }
    st.editing = Some(id);
    st.text.set(&p.text);
    st.author.set(&p.author);
    st.axes.clone_from(&p.axes);
    st.focus = Focus::Text;
}

fn stop_editing(st: &mut CaptureState) {
    st.editing = None;
    let stash = st.stashed.take().unwrap_or_default();
    st.text.set(&stash.text);
    st.author.set(&stash.author);
    st.axes = stash.axes;
    st.focus = Focus::Text;
}

fn delete(st: &mut CaptureState, doc: &mut Doc, cx: &Cx) -> Fx {
    let mut fx = Fx::none();
    let Some(id) = st.selected_id(&doc.w) else {
        return fx;
    };
    if st.apply(doc, Ok(Op::RemoveProposal(id)), cx.lang, &mut fx) {
        fx.info(cx.lang.tf("capture.deleted", &[("id", &id)]));
        let h = cx.capture_list(&doc.w);
        let len = st.rows.len();
        st.list.fit(len, h);
    }
    fx
}

fn move_selected(st: &mut CaptureState, doc: &mut Doc, cx: &Cx, delta: isize) -> Fx {
    let mut fx = Fx::none();
    let h = cx.capture_list(&doc.w);
    let (Some(id), Some(neighbour)) = (
        st.selected_id(&doc.w),
        st.rows
            .get((st.list.selected as isize + delta).max(0) as usize),
    ) else {
        return fx;
    };
    let to = *neighbour;
    if Some(to) == st.rows.get(st.list.selected).copied() {
        return fx;
    }
    if st.apply(doc, Ok(Op::MoveProposal { id, to }), cx.lang, &mut fx) {
        let w = &doc.w;
        st.select_id(id, w, h);
    }
    fx
}

fn view(st: &CaptureState, doc: &Doc, cx: &Cx) -> Fx {
    st.selected_id(&doc.w)
        .and_then(|id| crate::app::viewer::proposal(&doc.w, cx.lang, id))
        .map_or_else(Fx::none, |o| Effect::Open(o).into())
}

/// Selects the row under a click in the list.
pub fn click_row(st: &mut CaptureState, doc: &mut Doc, cx: &Cx, row_in_list: usize) {
    let h = cx.capture_list(&doc.w);
    let target = st.list.offset + row_in_list;
    if target < st.rows.len() {
        st.list.select(target, st.rows.len(), h);
        st.focus = Focus::List;
    }
}

pub fn scroll(st: &mut CaptureState, doc: &mut Doc, cx: &Cx, delta: isize) {
    let h = cx.capture_list(&doc.w);
    let len = st.rows.len();
    st.list.scroll(delta, len, h);
}

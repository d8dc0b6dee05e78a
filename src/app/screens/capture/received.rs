//! The queue of proposals sent from phones, beside the capture list: the
//! facilitator accepts one as sent (Enter), edits it first (e, then Enter
//! in the field), merges it into a proposal on the wall (f) or sets it
//! aside with a reason (Del). Each is an undo step; nothing is deleted.

use super::state::{CaptureState, Focus};
use crate::app::Overlay;
use crate::app::cx::Cx;
use crate::app::doc::Doc;
use crate::app::effect::{Effect, Fx, Taken};
use crate::app::form::{Form, Purpose};
use crate::app::keys::command::Command;
use crate::app::screens::rows::Rows;
use crate::domain::moderation;
use crate::domain::{ProposalId, ReceivedId, Workshop};

/// The pending ones, newest first: what the queue shows.
pub fn pending(w: &Workshop) -> Vec<ReceivedId> {
    w.received()
        .iter()
        .rev()
        .filter(|r| r.is_pending())
        .map(|r| r.id)
        .collect()
}

fn selected(st: &CaptureState, doc: &Doc) -> Option<ReceivedId> {
    pending(&doc.w).get(st.queue.selected).copied()
}

/// Alt+R: the queue takes the keys, if anything waits.
pub fn focus(st: &mut CaptureState, doc: &mut Doc, cx: &Cx) -> Fx {
    let mut fx = Fx::none();
    let n = pending(&doc.w).len();
    if n == 0 {
        fx.info(cx.t("received.none"));
        return fx;
    }
    st.focus = Focus::Received;
    st.queue.selected = st.queue.selected.min(n - 1);
    fx.push(Effect::QueueSeen);
    fx
}

/// Keys while the queue has the focus.
pub fn command(st: &mut CaptureState, doc: &mut Doc, cx: &Cx, cmd: Command) -> Fx {
    let mut fx = Fx::none();
    let h = cx.received_list(&doc.w);
    let n = pending(&doc.w).len();
    if st.queue.navigate(cmd, n, h) {
        return fx;
    }
    match cmd {
        Command::Cancel => st.focus = Focus::Text,
        Command::Confirm => return accept(st, doc, cx, None),
        Command::Edit => {
            let Some(r) = selected(st, doc).and_then(|id| doc.w.received_one(id).cloned()) else {
                return fx;
            };
            st.text.clear();
            st.text.insert(&r.text);
            st.author.clear();
            st.author.insert(&r.author);
            st.axes = r.axis.into_iter().collect();
            st.moderating = Some(r.id);
            st.focus = Focus::Text;
            fx.info(cx.t("received.editing"));
        }
        Command::Merge => {
            let Some(id) = selected(st, doc) else {
                return fx;
            };
            fx.open(Overlay::Form(Form::new(
                Purpose::MergeReceived(id),
                "received.merge_title",
                vec![Form::text("received.merge_into", "")],
            )));
        }
        Command::Delete => {
            let Some(id) = selected(st, doc) else {
                return fx;
            };
            fx.open(Overlay::Form(Form::new(
                Purpose::SetAside(id),
                "received.aside_title",
                vec![Form::text("received.reason", "")],
            )));
        }
        _ => {}
    }
    fx
}

/// Accepts the selected proposal (or the one being edited, with `text`).
pub fn accept(
    st: &mut CaptureState,
    doc: &mut Doc,
    cx: &Cx,
    edited: Option<(ReceivedId, String)>,
) -> Fx {
    let mut fx = Fx::none();
    let (id, text) = match edited {
        Some((id, text)) => (id, Some(text)),
        None => match selected(st, doc) {
            Some(id) => (id, None),
            None => return fx,
        },
    };
    let op = moderation::op_accept(&doc.w, id, text.as_deref(), cx.now);
    if st.apply(doc, op, cx.lang, &mut fx) {
        let n = doc.w.proposals().last().map_or(0, |p| p.id.0);
        st.similar = super::state::Similar::of(doc, ProposalId(n));
        fit(st, doc, cx);
        fx.info(cx.lang.tf("received.accepted", &[("id", &n)]));
    }
    fx
}

/// The merge form was submitted: into the proposal whose number was typed.
pub fn merge_submit(
    st: &mut CaptureState,
    doc: &mut Doc,
    cx: &Cx,
    form: &Form,
    id: ReceivedId,
) -> Taken {
    let lang = cx.lang;
    let mut fx = Fx::none();
    let typed = form.value(0);
    let Ok(n) = typed.trim().trim_start_matches("n°").trim().parse::<u32>() else {
        fx.error(lang.tf(
            "vote.not_a_number",
            &[
                ("field", &lang.t("received.merge_into")),
                ("value", &typed.trim()),
            ],
        ));
        return (false, fx);
    };
    let op = moderation::op_merge(&doc.w, id, ProposalId(n), cx.now);
    if st.apply(doc, op, lang, &mut fx) {
        fit(st, doc, cx);
        fx.info(lang.tf("received.merged", &[("id", &n)]));
        return (true, fx);
    }
    (false, fx)
}

/// The set-aside form was submitted, with its reason.
pub fn aside_submit(
    st: &mut CaptureState,
    doc: &mut Doc,
    cx: &Cx,
    form: &Form,
    id: ReceivedId,
) -> Taken {
    let mut fx = Fx::none();
    let op = moderation::op_set_aside(&doc.w, id, &form.value(0));
    if st.apply(doc, op, cx.lang, &mut fx) {
        fit(st, doc, cx);
        fx.info(cx.t("received.set_aside"));
        return (true, fx);
    }
    (false, fx)
}

/// Keeps the queue's selection on a row; the focus leaves an empty queue.
fn fit(st: &mut CaptureState, doc: &mut Doc, cx: &Cx) {
    let h = cx.received_list(&doc.w);
    let n = pending(&doc.w).len();
    st.queue.fit(n, h);
    if n == 0 && st.focus == Focus::Received {
        st.focus = Focus::Text;
    }
}

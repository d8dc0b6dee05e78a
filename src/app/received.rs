//! The queue of proposals sent from phones, beside the capture list: the
//! facilitator accepts one as sent (Enter), edits it first (e, then Enter
//! in the field), merges it into a proposal on the wall (f) or sets it
//! aside with a reason (Del). Each is an undo step; nothing is deleted.

use super::command::Command;
use super::form::{Form, Purpose};
use super::{App, Overlay};
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

fn selected(app: &App) -> Option<ReceivedId> {
    let doc = app.doc.as_ref()?;
    pending(&doc.w).get(doc.capture.queue.selected).copied()
}

/// Alt+R: the queue takes the keys, if anything waits.
pub fn focus(app: &mut App) {
    let lang = app.lang;
    let Some(doc) = app.doc.as_mut() else { return };
    let n = pending(&doc.w).len();
    if n == 0 {
        app.info(lang.t("received.none"));
        return;
    }
    doc.capture.focus = super::state::capture::Focus::Received;
    doc.capture.queue.selected = doc.capture.queue.selected.min(n - 1);
    app.phones.received_new = 0;
}

/// Keys while the queue has the focus.
pub fn command(app: &mut App, cmd: Command) {
    let lang = app.lang;
    let h = crate::app::layout::received_height(app);
    let Some(doc) = app.doc.as_mut() else { return };
    let n = pending(&doc.w).len();
    if doc.capture.queue.navigate(cmd, n, h) {
        return;
    }
    match cmd {
        Command::Cancel => doc.capture.focus = super::state::capture::Focus::Text,
        Command::Confirm => accept(app, None),
        Command::Edit => {
            let Some(id) = selected(app) else { return };
            let Some(doc) = app.doc.as_mut() else { return };
            let Some(r) = doc.w.received_one(id).cloned() else {
                return;
            };
            let c = &mut doc.capture;
            c.text.clear();
            c.text.insert(&r.text);
            c.author.clear();
            c.author.insert(&r.author);
            c.axes = r.axis.into_iter().collect();
            c.moderating = Some(id);
            c.focus = super::state::capture::Focus::Text;
            app.info(lang.t("received.editing"));
        }
        Command::Merge => {
            let Some(id) = selected(app) else { return };
            app.overlay = Some(Overlay::Form(Form::new(
                Purpose::MergeReceived(id),
                "received.merge_title",
                vec![Form::text("received.merge_into", "")],
            )));
        }
        Command::Delete => {
            let Some(id) = selected(app) else { return };
            app.overlay = Some(Overlay::Form(Form::new(
                Purpose::SetAside(id),
                "received.aside_title",
                vec![Form::text("received.reason", "")],
            )));
        }
        _ => {}
    }
}

/// Accepts the selected proposal (or the one being edited, with `text`).
pub fn accept(app: &mut App, edited: Option<(ReceivedId, String)>) {
    let now = app.clock.now();
    let lang = app.lang;
    let (id, text) = match edited {
        Some((id, text)) => (id, Some(text)),
        None => match selected(app) {
            Some(id) => (id, None),
            None => return,
        },
    };
    let Some(doc) = app.doc.as_mut() else { return };
    let op = moderation::op_accept(&mut doc.w, id, text.as_deref(), now);
    if app.run_op(op) {
        let Some(doc) = app.doc.as_mut() else { return };
        let n = doc.w.proposals().last().map_or(0, |p| p.id.0);
        fit(app);
        app.info(lang.tf("received.accepted", &[("id", &n)]));
    }
}

/// The merge form was submitted: into the proposal whose number was typed.
pub fn merge_submit(app: &mut App, form: &Form, id: ReceivedId) -> bool {
    let now = app.clock.now();
    let lang = app.lang;
    let typed = form.value(0);
    let Ok(n) = typed.trim().trim_start_matches("n°").trim().parse::<u32>() else {
        app.error(lang.tf(
            "vote.not_a_number",
            &[
                ("field", &lang.t("received.merge_into")),
                ("value", &typed.trim()),
            ],
        ));
        return false;
    };
    let Some(doc) = app.doc.as_mut() else {
        return true;
    };
    let op = moderation::op_merge(&mut doc.w, id, ProposalId(n), now);
    if app.run_op(op) {
        fit(app);
        app.info(lang.tf("received.merged", &[("id", &n)]));
        return true;
    }
    false
}

/// The set-aside form was submitted, with its reason.
pub fn aside_submit(app: &mut App, form: &Form, id: ReceivedId) -> bool {
    let lang = app.lang;
    let Some(doc) = app.doc.as_ref() else {
        return true;
    };
    let op = moderation::op_set_aside(&doc.w, id, &form.value(0));
    if app.run_op(op) {
        fit(app);
        app.info(lang.t("received.set_aside"));
        return true;
    }
    false
}

/// Keeps the queue's selection on a row; the focus leaves an empty queue.
fn fit(app: &mut App) {
    let h = crate::app::layout::received_height(app);
    let Some(doc) = app.doc.as_mut() else { return };
    let n = pending(&doc.w).len();
    doc.capture.queue.fit(n, h);
    if n == 0 && doc.capture.focus == super::state::capture::Focus::Received {
        doc.capture.focus = super::state::capture::Focus::Text;
    }
}

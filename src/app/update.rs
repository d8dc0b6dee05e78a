//! The one place where state changes: `update(app, action)`, a table of
//! contents: what comes from the room and the writer, then the overlay,
//! the commands of every screen, or the screen on show; the effects a
//! handler returns are applied by `apply`.

use super::apply::on_doc;
use super::{Action, App};

/// Applies an action. Returns whether the screen may have changed.
pub fn update(app: &mut App, action: Action) -> bool {
    let before = app
        .doc
        .as_ref()
        .map(|d| (d.generation, d.w.next().proposal, app.typing()));
    let changed = apply_action(app, action);
    if let Some(doc) = app.doc.as_ref() {
        app.screens.sync(doc);
    }
    keep_typed(app, before);
    tell_notices(app);
    changed
}

/// Nothing typed is lost: what a change just made data (a proposal
/// entered, a form or field submitted) stays in the draft until its save
/// is reported on disk, and what is being typed is written at once.
fn keep_typed(app: &mut App, before: Option<(u64, u32, Vec<crate::store::draft::FormText>)>) {
    let typing = app.typing();
    let text = app.screens.capture.new_text();
    let Some(doc) = app.doc.as_mut() else { return };
    if let Some((generation, next, typed)) = before
        && doc.generation > generation
    {
        let entered: Vec<_> = doc
            .w
            .proposals()
            .iter()
            .rev()
            .take_while(|p| p.id.0 >= next)
            .map(|p| (**p).clone())
            .collect();
        for p in entered.into_iter().rev() {
            doc.entered(super::doc::Pending::Proposal(p));
        }
        let submitted: Vec<_> = typed.into_iter().filter(|t| !typing.contains(t)).collect();
        if !submitted.is_empty() {
            doc.entered(super::doc::Pending::Fields(submitted));
        }
    }
    doc.keep_typed(text, typing);
}

/// What saves made along the way have to tell the facilitator.
pub fn tell_notices(app: &mut App) {
    let notices = app
        .doc
        .as_mut()
        .map(|d| std::mem::take(&mut d.notices))
        .unwrap_or_default();
    for n in notices {
        on_doc(app, |doc, cx| super::conflict::tell(doc, cx.lang, n));
    }
}

fn apply_action(app: &mut App, action: Action) -> bool {
    // One place for every paste: CR and CRLF line breaks become LF.
    let action = match action {
        Action::Paste(text) => {
            Action::Paste(crate::domain::text::normalize_newlines(&text).into_owned())
        }
        other => other,
    };
    // The room's requests never wait for the facilitator's screen.
    let action = match action {
        Action::Remote(remote) => {
            let before = app.phones.received_new;
            let cx = app.cx();
            super::phones::handle(&mut app.phones, app.doc.as_mut(), &cx, remote);
            let now = app.phones.received_new;
            if now > before {
                let text = app.lang.tf("received.new", &[("n", &now)]);
                app.info(text);
            }
            return true;
        }
        Action::Server(event) => {
            let cx = app.cx();
            let fx = super::phones::on_server(&mut app.phones, app.doc.as_mut(), &cx, event);
            app.apply(fx);
            return true;
        }
        Action::Exported(done) => {
            let fx = super::exchange::exported(done, app.lang);
            app.apply(fx);
            return true;
        }
        other => other,
    };
    // A window too small to show the screens (a projector renegotiating
    // its resolution) shows how to enlarge it and the line being typed:
    // keys go on as usual, only pointing at a place on screen is lost.
    if app.too_small() && matches!(action, Action::Click { .. } | Action::Scroll(_)) {
        return false;
    }
    match action {
        Action::Tick(now) => super::global::tick(app, now),
        Action::Saved(report) => {
            let lang = app.lang;
            let notice = app.doc.as_mut().and_then(|d| d.on_report(report, lang));
            if let Some(n) = notice {
                on_doc(app, |doc, cx| super::conflict::tell(doc, cx.lang, n));
            }
            true
        }
        Action::Resize(size) => {
            app.size = size;
            app.fit_all();
            true
        }
        Action::Click { column, row } => {
            super::pointer::click(app, column, row);
            true
        }
        Action::Scroll(delta) => {
            super::pointer::scroll(app, delta as isize * 3);
            true
        }
        action if app.overlay.is_some() => {
            super::dialogs::overlay(app, action);
            true
        }
        Action::Command(cmd) if super::global::command(app, cmd) => true,
        action => {
            super::apply::screen_action(app, action);
            true
        }
    }
}

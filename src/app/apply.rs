//! The router's hands: what a handler's effects do to the app, the
//! screen a phase goes to, going home, quitting, and the dispatch of an
//! action to the screen on show.

use super::cx::Cx;
use super::doc::Doc;
use super::effect::{Effect, Fx, Returned};
use super::keys::command::Command;
use super::screens::Screens;
use super::screens::{capture, home, results, setup, sheets, tag, vote};
use super::{Action, App, Confirm, ConfirmKind, Level, Overlay, PHASES, Screen};
use crate::domain::{DomainError, Op, Phase};

impl App {
    /// Runs an op on the open workshop; a refusal becomes the message.
    /// Returns whether it was applied.
    pub fn run_op(&mut self, op: Result<Op, DomainError>) -> bool {
        let lang = self.lang;
        let Some(doc) = self.doc.as_mut() else {
            return false;
        };
        let mut fx = Fx::none();
        let done = doc.apply(op, lang, &mut fx);
        self.apply(fx);
        done
    }

    /// What a screen's handler may read of the app.
    pub fn cx(&self) -> Cx {
        Cx {
            lang: self.lang,
            now: self.clock.now(),
            instant: self.instant(),
            size: self.size,
            phones_wanted: self
                .phones
                .wanted(self.doc.as_ref().map(|d| &d.w))
                .is_some(),
            theme: self.theme,
            default_cap: self.default_cap,
            keep_author: self.keep_author,
            referentiel: self.referentiel.clone(),
            keys: Vec::new(),
        }
    }

    /// What a view may read of the app: the handlers' context, with the
    /// keys its hints name (looked up once a frame, not at every key).
    pub fn view_cx(&self) -> Cx {
        Cx {
            keys: [Command::View, Command::MergeSimilar, Command::KeepBoth]
                .into_iter()
                .filter_map(|c| Some((c, self.key_for(c)?)))
                .collect(),
            ..self.cx()
        }
    }

    /// Makes an export on its own thread: a synthesis of thousands of
    /// proposals takes most of a second, and the projector must not
    /// freeze meanwhile. Without the loop (tests), at once.
    fn export(&mut self, job: super::input::ExportJob) {
        if let Some(inputs) = self.inputs.clone() {
            self.info(self.t("export.running"));
            std::thread::spawn(move || {
                let _ = inputs.send(super::input::Input::Exported(job.run()));
            });
        } else {
            let fx = super::exchange::exported(job.run(), self.lang);
            self.apply(fx);
        }
    }

    /// Does what a handler asked of the app, in order.
    pub fn apply(&mut self, fx: Fx) {
        for effect in fx.0 {
            match effect {
                Effect::Say(Level::Info, text) => self.info(text),
                Effect::Say(Level::Error, text) => self.error(text),
                Effect::SayWhenSaved { saved, saving } => self.info_when_saved(saved, saving),
                Effect::Silence => self.message = None,
                Effect::Open(overlay) => self.overlay = Some(overlay),
                Effect::Offer(overlay, busy) => {
                    if self.overlay.is_some() {
                        self.error(busy);
                    } else {
                        self.overlay = Some(overlay);
                    }
                }
                Effect::Phase(p) => go_phase(self, p),
                Effect::OpenWorkshop(path, access) => super::opening::open(self, &path, access),
                Effect::SelectSheet(at) => {
                    let len = self.doc.as_ref().map_or(0, |d| d.w.sheets().len());
                    self.screens.sheets.list.select(at, len, 1);
                }
                Effect::Refit => self.fit_all(),
                Effect::Phones(cmd, round) => {
                    let lang = self.lang;
                    if let Some(doc) = self.doc.as_mut() {
                        let fx = super::phones::command(&mut self.phones, doc, lang, cmd, round);
                        self.apply(fx);
                    }
                }
                Effect::QueueSeen => self.phones.received_new = 0,
                Effect::Theme(theme) => self.theme = theme,
                Effect::Export(job) => self.export(*job),
            }
        }
    }
}

/// An action for the screen itself: its handler, given its own state.
pub fn screen_action(app: &mut App, action: Action) {
    match app.screen() {
        Screen::Home => {
            let cx = app.cx();
            let fx = home::on_action(&mut app.home, &cx, action);
            app.apply(fx);
        }
        Screen::Phase(phase) => on_screen(app, |s, doc, cx| match phase {
            Phase::Capture => capture::on_action(&mut s.capture, doc, cx, action),
            Phase::Tag => tag::on_action(&mut s.tag, doc, cx, action),
            Phase::Setup => setup::on_action(&mut s.setup, doc, cx, action),
            Phase::Vote => vote::on_action(&mut s.vote, doc, cx, action),
            Phase::Results => results::on_action(&mut s.results, doc, cx, action),
            Phase::Sheets => sheets::on_action(&mut s.sheets, doc, cx, action),
        }),
    }
}

pub fn go_phase(app: &mut App, p: Phase) {
    if app.doc.is_none() {
        app.info(app.t("app.open_first"));
        return;
    }
    if PHASES.contains(&p) {
        // A message belongs to the screen it was said on.
        if app.screen() != Screen::Phase(p) {
            app.message = None;
        }
        if let Some(doc) = app.doc.as_mut() {
            doc.show(p);
            app.screens.sync(doc);
        }
        app.fit_all();
    }
}

pub fn go_home(app: &mut App) {
    app.close_doc();
    app.message = None;
    super::opening::refresh(app);
}

/// Quits, unless the last save failed: then the facilitator decides.
pub fn quit(app: &mut App, confirmed: bool) {
    let lang = app.lang;
    if !confirmed && let Some(reason) = app.doc.as_ref().and_then(|d| d.save_error.clone()) {
        app.overlay = Some(Overlay::Confirm(Confirm {
            kind: ConfirmKind::QuitUnsaved,
            title: lang.t("app.quit_unsaved_title").to_string(),
            body: lang.tf("app.quit_unsaved_body", &[("reason", &reason)]),
            choices: Vec::new(),
            selected: None,
        }));
        return;
    }
    // Read-only, nothing typed can be kept, not even in the draft.
    let typed = app.doc.as_ref().is_some_and(|d| {
        d.read_only && (!app.screens.capture.text.is_blank() || !app.typing().is_empty())
    });
    if !confirmed && typed {
        app.overlay = Some(Overlay::Confirm(Confirm {
            kind: ConfirmKind::QuitWithDraft,
            title: lang.t("app.quit_draft_title").to_string(),
            body: lang.t("app.quit_draft_body").to_string(),
            choices: Vec::new(),
            selected: None,
        }));
        return;
    }
    app.close_doc();
    app.should_quit = true;
}

/// Runs a handler on the open workshop with the app's context, then
/// applies what it returned. Nothing happens with no workshop open.
pub fn on_doc<R: Returned>(app: &mut App, handler: impl FnOnce(&mut Doc, &Cx) -> R) -> R::Value {
    on_screen(app, |_, doc, cx| handler(doc, cx))
}

/// Runs a screen's handler on the screens' states and the open workshop
/// with the app's context, then applies what it returned. Nothing
/// happens with no workshop open.
pub fn on_screen<R: Returned>(
    app: &mut App,
    handler: impl FnOnce(&mut Screens, &mut Doc, &Cx) -> R,
) -> R::Value {
    let cx = app.cx();
    let Some(doc) = app.doc.as_mut() else {
        return R::Value::default();
    };
    let (value, fx) = handler(&mut app.screens, doc, &cx).split();
    app.screens.sync(doc);
    app.apply(fx);
    value
}

/// [`on_doc`] for a command that needs a workshop: with none open, says
/// to open one first.
pub fn on_open_doc<R: Returned>(
    app: &mut App,
    handler: impl FnOnce(&mut Doc, &Cx) -> R,
) -> R::Value {
    if app.doc.is_none() {
        app.info(app.t("app.open_first"));
        return R::Value::default();
    }
    on_doc(app, handler)
}

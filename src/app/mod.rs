//! The live app: one state, changed by one `update` from `Action`s; the
//! views in `ui` only draw it. The event loop turns terminal events, ticks
//! and save reports into actions.

pub mod apply;
pub mod config;
pub mod conflict;
pub mod cx;
pub mod derived;
pub mod dialogs;
pub mod doc;
pub mod drive;
pub mod effect;
pub mod exchange;
pub mod fiches;
pub mod field;
pub mod form;
pub mod global;
pub mod input;
pub mod keypress;
pub mod keys;
pub mod layout;
pub mod lifecycle;
pub mod list;
pub mod opening;
pub mod phones;
pub mod pointer;
pub mod remote;
pub mod saver;
pub mod screens;
pub mod theme;
pub mod timer;
pub mod update;
pub mod viewer;

use crate::domain::Phase;
use crate::i18n::Lang;
use doc::Doc;
use form::Form;
use keys::command::{self, Command};
use keys::keymap::Keymap;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Size;
use saver::Report;
use std::path::PathBuf;
use std::time::{Duration, Instant};

pub use update::update;

/// Everything that can change the app.
#[derive(Debug)]
pub enum Action {
    Command(Command),
    /// A key no table binds, while a text field has focus (or to start
    /// typing from a list).
    Key(KeyEvent),
    /// Text pasted in the terminal (bracketed paste).
    Paste(String),
    Click {
        column: u16,
        row: u16,
    },
    /// Mouse wheel: negative scrolls up.
    Scroll(i16),
    Resize(Size),
    Tick(Instant),
    /// From the writer, or the watcher of the workshop file.
    Saved(Report),
    /// From the room's phones, with where the answer goes.
    Remote(remote::Remote),
    /// The phones' server started, failed or stopped.
    Server(phones::ServerEvent),
    /// An export finished away from the screen.
    Exported(input::Exported),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Home,
    Phase(Phase),
}

impl App {
    /// The screen on show: a phase's only while a workshop is open (the
    /// open workshop keeps which), home otherwise, so a phase without a
    /// workshop cannot be represented.
    pub fn screen(&self) -> Screen {
        self.doc
            .as_ref()
            .map_or(Screen::Home, |doc| Screen::Phase(doc.shown))
    }
}

/// The phases that have a screen so far, in order.
pub const PHASES: [Phase; 6] = Phase::ALL;

/// Something shown above the current screen, which takes the keys.
#[derive(Debug)]
pub enum Overlay {
    Help {
        scroll: u16,
    },
    /// A long text shown whole.
    Viewer {
        title: String,
        text: String,
        scroll: u16,
    },
    Form(Form),
    Confirm(Confirm),
    /// Several lines pasted into the capture field.
    Paste {
        lines: Vec<String>,
        text: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmKind {
    Merge,
    /// Quit with text typed but not saved as a proposal.
    QuitWithDraft,
    /// Quit while the last save failed.
    QuitUnsaved,
    /// The workshop is open elsewhere: open it read-only?
    OpenReadOnly(PathBuf),
    /// A temp file left by a crash is newer than the workshop.
    Recover(PathBuf),
    AddParticipants(Vec<crate::domain::participant::ParticipantLine>),
    /// Show a round's results to the room.
    Reveal(crate::domain::RoundId),
    /// Hide a round's results again.
    Hide(crate::domain::RoundId),
    /// A runoff on the proposals tied at a round's cut line.
    Runoff(crate::domain::RoundId),
    /// Cast the ballot on screen although dots are left.
    CastBallot,
    /// Draft an action sheet for each chosen winner.
    DraftSheets,
    /// Someone else changed the workshop file: which version to keep.
    FileConflict,
}

#[derive(Debug, Clone)]
pub struct Confirm {
    pub kind: ConfirmKind,
    pub title: String,
    pub body: String,
    /// Extra choices besides yes/no, by their label (chosen with 1, 2…).
    pub choices: Vec<String>,
    /// The choice under the cursor, in a dialog that opened by itself:
    /// none at first, so that a key typed for something else decides
    /// nothing.
    pub selected: Option<usize>,
}

impl ConfirmKind {
    /// Dialogs that open by themselves, while someone may be typing.
    pub fn unbidden(&self) -> bool {
        matches!(
            self,
            ConfirmKind::FileConflict | ConfirmKind::Recover(_) | ConfirmKind::OpenReadOnly(_)
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Error,
}

#[derive(Debug, Clone)]
pub struct Message {
    pub text: String,
    pub level: Level,
    pub at: Instant,
    /// Said instead until this generation is on disk: "enregistrée" only
    /// once it is true.
    pub until_saved: Option<(u64, String)>,
}

pub use crate::clock::Clock;

/// How saves are made: on a writer thread (the app) or at once (tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveMode {
    Thread,
    Inline,
}

pub const MESSAGE_FOR: Duration = Duration::from_secs(8);

/// The smallest terminal the screens are laid out for.
pub const MIN_SIZE: Size = Size {
    width: 60,
    height: 16,
};

pub struct App {
    /// Projection mode: what the room sees, without the facilitator's chrome.
    pub projection: bool,
    /// A bell to ring after the next draw (the timer's end).
    pub bell: bool,
    /// The timer's bell and two-minute warning, from the config.
    pub bell_on: bool,
    pub warning_on: bool,
    /// "Now" for the timer under a fixed clock: moved by ticks only.
    pub fake_now: Instant,
    pub lang: Lang,
    pub keymap: Keymap,
    pub theme: crate::app::theme::Theme,
    pub clock: Clock,
    pub save_mode: SaveMode,
    pub default_cap: u32,
    /// Keep the author field after saving a proposal (off: cleared, since
    /// the next proposal usually comes from someone else).
    pub keep_author: bool,
    /// The référentiel's measures the sheet form offers (← →).
    pub referentiel: Vec<String>,
    /// How similar proposals are found (the config's `[similar]`).
    pub similar: std::sync::Arc<config::SimilarConfig>,
    pub size: Size,
    pub overlay: Option<Overlay>,
    pub home: screens::home::HomeState,
    pub doc: Option<Doc>,
    /// The screens' states for the open workshop (fresh ones at home).
    pub screens: screens::Screens,
    pub message: Option<Message>,
    pub should_quit: bool,
    /// Reports from the writer thread arrive through this.
    pub notify: Option<std::sync::Arc<dyn Fn(Report) + Send + Sync>>,
    /// The loop's one inbound channel, for sources started later (the
    /// phones' server).
    pub inputs: Option<input::Inputs>,
    /// Phone voting: on or off, the network, the server.
    pub phones: phones::Phones,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("screen", &self.screen())
            .finish_non_exhaustive()
    }
}

impl App {
    pub fn new(lang: Lang, keymap: Keymap, sessions: PathBuf, size: Size) -> App {
        App {
            projection: false,
            bell: false,
            bell_on: true,
            warning_on: true,
            fake_now: Instant::now(),
            lang,
            keymap,
            theme: crate::app::theme::Theme::dark(),
            clock: Clock::System,
            save_mode: SaveMode::Thread,
            default_cap: crate::domain::round::DEFAULT_CAP,
            keep_author: false,
            referentiel: crate::domain::sheet::REFERENTIEL.map(String::from).to_vec(),
            similar: std::sync::Arc::default(),
            size,
            overlay: None,
            home: screens::home::HomeState::new(sessions),
            doc: None,
            screens: screens::Screens::new(lang),
            message: None,
            should_quit: false,
            notify: None,
            inputs: None,
            phones: phones::Phones::default(),
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            level: Level::Info,
            at: self.instant(),
            until_saved: None,
        });
    }

    /// Says `saved` once the change just made is on disk, `saving` until then.
    pub fn info_when_saved(&mut self, saved: String, saving: String) {
        let generation = self.doc.as_ref().map(|d| d.generation);
        self.info(saved);
        if let (Some(m), Some(g)) = (self.message.as_mut(), generation) {
            m.until_saved = Some((g, saving));
        }
    }

    /// The message as it reads now.
    pub fn message_text(&self) -> Option<(&str, Level)> {
        let m = self.message.as_ref()?;
        let saved = self.doc.as_ref().map_or(u64::MAX, |d| d.saved);
        Some(match &m.until_saved {
            Some((g, saving)) if saved < *g => (saving.as_str(), m.level),
            _ => (m.text.as_str(), m.level),
        })
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            level: Level::Error,
            at: self.instant(),
            until_saved: None,
        });
    }

    /// The texts typed outside the capture field that are not data yet:
    /// an open form, a sheet field, a proposal being edited or moderated.
    pub fn typing(&self) -> Vec<crate::store::draft::FormText> {
        use crate::store::draft::FormText;
        let lang = self.lang;
        let Some(doc) = self.doc.as_ref() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let c = &self.screens.capture;
        if let Some(id) = c.editing {
            out.push(FormText {
                label: lang.tf("capture.proposal_n", &[("id", &id)]),
                text: c.text.text(),
            });
        } else if c.moderating.is_some() {
            out.push(FormText {
                label: lang.t("draft.received").to_string(),
                text: c.text.text(),
            });
        }
        if let Some(field) = &self.screens.sheets.editing {
            let sheet = doc
                .w
                .sheets()
                .get(self.screens.sheets.list.selected)
                .map(|s| s.id.clone())
                .unwrap_or_default();
            out.push(FormText {
                label: lang.tf("draft.sheet", &[("id", &sheet)]),
                text: field.text(),
            });
        }
        if let Some(Overlay::Form(form)) = &self.overlay {
            for f in &form.fields {
                if let form::FieldKind::Text(field) = &f.kind {
                    out.push(FormText {
                        label: format!("{} — {}", lang.t(form.title), lang.t(f.label)),
                        text: field.text(),
                    });
                }
            }
        }
        out.retain(|f| !f.text.trim().is_empty());
        out
    }

    pub fn t(&self, key: &str) -> &'static str {
        self.lang.t(key)
    }

    /// Now, for the timer: the real instant, or the test's fake one.
    pub fn instant(&self) -> Instant {
        match self.clock {
            Clock::System => Instant::now(),
            Clock::Fixed(_) => self.fake_now,
        }
    }

    /// Hands pending changes to the writer: called after each draw.
    pub fn flush_saves(&mut self) {
        let lang = self.lang;
        if let Some(doc) = self.doc.as_mut() {
            doc.flush(lang);
        }
        update::tell_notices(self);
    }

    /// Shows a proposal whole: what "read whole" does on every screen.
    pub fn view_proposal(&mut self, id: crate::domain::ProposalId) {
        if let Some(w) = self.doc.as_ref().map(|d| &d.w)
            && let Some(viewer) = viewer::proposal(w, self.lang, id)
        {
            self.overlay = Some(viewer);
        }
    }

    /// The key that runs `command` on the current screen, as the footer
    /// writes it (`→`, `Ctrl+R`): messages name keys through this, so they
    /// follow the keymap and the user's overrides.
    pub fn key_for(&self, command: command::Command) -> Option<String> {
        let (tables, _) = keypress::screen_context(self);
        self.keymap
            .key_for(&tables, command)
            .map(|k| k.label(self.lang))
    }

    /// The hint under a text cut short: which key reads it whole.
    pub fn more_hint(&self) -> String {
        match self.key_for(command::Command::View) {
            Some(key) => self.lang.tf("capture.more", &[("key", &key)]),
            None => " …".to_string(),
        }
    }

    /// Whether the terminal is too small for the screens.
    pub fn too_small(&self) -> bool {
        self.size.width < MIN_SIZE.width || self.size.height < MIN_SIZE.height
    }
}

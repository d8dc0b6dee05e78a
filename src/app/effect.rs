//! What a screen's handler asks of the app as a whole, returned rather
//! than done: the handler changes its own screen and the open workshop,
//! and the router (`update`) applies these to the rest (the message line,
//! the overlays, the phase on screen, the phones' server).

use super::keys::command::Command;
use super::theme::Theme;
use super::{Level, Overlay};
use crate::domain::{Phase, Round};

#[derive(Debug)]
pub enum Effect {
    /// A line for the facilitator.
    Say(Level, String),
    /// `saved` once the change just made is on disk, `saving` until then.
    SayWhenSaved {
        saved: String,
        saving: String,
    },
    /// The message said so far no longer applies.
    Silence,
    Open(Overlay),
    /// A question that came by itself: opened, unless another dialog or
    /// form is open; then this line says it waits.
    Offer(Overlay, String),
    /// Show a phase's screen.
    Phase(Phase),
    /// Open a workshop (home's Enter): the lock, a crash's temp file, then
    /// its screens.
    OpenWorkshop(std::path::PathBuf, crate::store::Access),
    /// Select a sheet on the sheets screen (the first of those just made).
    SelectSheet(usize),
    /// Fit every list to the window (their lengths changed).
    Refit,
    /// A command for the phones' server, with the round it is about.
    Phones(Command, Option<Round>),
    /// The facilitator looked at the phones' queue: nothing new waits.
    QueueSeen,
    Theme(Theme),
    /// An export to make away from the screen.
    Export(Box<super::input::ExportJob>),
}

/// What submitting a form gives: whether it was taken (the form then
/// closes), and the effects.
pub type Taken = (bool, Fx);

/// The effects of one action, in order.
#[must_use]
#[derive(Debug, Default)]
pub struct Fx(pub Vec<Effect>);

impl Fx {
    pub fn none() -> Fx {
        Fx::default()
    }

    pub fn push(&mut self, effect: Effect) {
        self.0.push(effect);
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.0.push(Effect::Say(Level::Info, text.into()));
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.0.push(Effect::Say(Level::Error, text.into()));
    }

    pub fn open(&mut self, overlay: Overlay) {
        self.0.push(Effect::Open(overlay));
    }

    pub fn extend(&mut self, other: Fx) {
        self.0.extend(other.0);
    }

    /// Whether an overlay is among the effects (a form answered by a
    /// dialog stays closed under it).
    pub fn opens(&self) -> bool {
        self.0.iter().any(|e| matches!(e, Effect::Open(_)))
    }
}

impl From<Effect> for Fx {
    fn from(effect: Effect) -> Fx {
        Fx(vec![effect])
    }
}

/// What a handler returns, split into its value and its effects: effects
/// alone, a form's answer with them, or nothing for the app to do.
pub trait Returned {
    type Value: Default;
    fn split(self) -> (Self::Value, Fx);
}

impl Returned for Fx {
    type Value = ();
    fn split(self) -> ((), Fx) {
        ((), self)
    }
}

impl Returned for Taken {
    type Value = bool;
    fn split(self) -> Taken {
        self
    }
}

impl Returned for () {
    type Value = ();
    fn split(self) -> ((), Fx) {
        ((), Fx::none())
    }
}

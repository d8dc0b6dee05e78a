//! What a screen's handler may read of the app around it, and nothing it
//! could change: the language, now, the window, the settings.

use super::keys::command::Command;
use super::theme::Theme;
use crate::domain::Stamp;
use crate::i18n::Lang;
use ratatui::layout::{Rect, Size};
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct Cx {
    pub lang: Lang,
    /// The wall-clock time a change is stamped with.
    pub now: Stamp,
    /// The timer's "now".
    pub instant: Instant,
    pub size: Size,
    /// Whether the phones take part (the capture screen then shows their
    /// queue).
    pub phones_wanted: bool,
    pub theme: Theme,
    pub default_cap: u32,
    pub keep_author: bool,
    /// The référentiel's measures the sheet form offers.
    pub referentiel: Vec<String>,
    /// The keys the screens name in their hints, as the keymap binds them
    /// on the screen shown: filled for drawing only (`App::view_cx`).
    pub keys: Vec<(Command, String)>,
}

impl Cx {
    /// Where the screens are drawn, under the header and above the footer.
    pub fn body(&self) -> Rect {
        super::layout::areas(self.size).body
    }

    pub fn t(&self, key: &str) -> &'static str {
        self.lang.t(key)
    }

    /// The key bound to `command` on the screen shown, as a hint names it.
    pub fn key_for(&self, command: Command) -> Option<String> {
        self.keys
            .iter()
            .find(|(c, _)| *c == command)
            .map(|(_, k)| k.clone())
    }

    /// The hint under a text cut short: which key reads it whole.
    pub fn more_hint(&self) -> String {
        match self.key_for(Command::View) {
            Some(key) => self.lang.tf("capture.more", &[("key", &key)]),
            None => " …".to_string(),
        }
    }
}

/// The height of each screen's lists, as the views will draw them.
impl Cx {
    pub fn capture_list(&self, w: &crate::domain::Workshop) -> usize {
        usize::from(
            super::layout::capture_of(self.body(), w, self.phones_wanted)
                .list
                .height,
        )
    }

    pub fn received_list(&self, w: &crate::domain::Workshop) -> usize {
        usize::from(
            super::layout::capture_of(self.body(), w, self.phones_wanted)
                .queue
                .height,
        )
    }

    pub fn home_list(&self) -> usize {
        usize::from(super::layout::home(self.body()).list.height)
    }

    pub fn tag_list(&self) -> usize {
        usize::from(super::layout::tag(self.body()).list.height)
    }

    pub fn vote_list(&self) -> usize {
        usize::from(super::layout::vote(self.body()).list.height)
    }

    pub fn results_list(&self) -> usize {
        usize::from(super::layout::results(self.body()).list.height)
    }

    pub fn sheets_list(&self) -> usize {
        usize::from(super::layout::sheets(self.body()).list.height)
    }

    pub fn setup_list(
        &self,
        w: &crate::domain::Workshop,
        section: super::layout::Section,
    ) -> usize {
        super::layout::setup_height(self.body(), w.axes().len(), section)
    }
}

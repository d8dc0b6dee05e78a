//! Each screen in its own folder: its state, its handler (`update`), what
//! it needs of its own. A handler takes its state, the open workshop and
//! the app's context, and returns effects; only the router touches `App`.

pub mod capture;
pub mod home;
pub mod questions;
pub mod results;
pub mod rows;
pub mod setup;
pub mod sheets;
pub mod tag;
pub mod vote;

use crate::app::cx::Cx;
use crate::app::doc::Doc;
use crate::app::layout::Section;
use crate::domain::Phase;
use crate::i18n::Lang;
use rows::Rows;

/// The state of every phase's screen for the open workshop: rebuilt from
/// it when it opens, and kept beside it (never inside it), so that the
/// workshop's session knows no screen.
#[derive(Debug, Clone)]
pub struct Screens {
    pub capture: capture::CaptureState,
    pub tag: tag::TagState,
    pub setup: setup::SetupState,
    pub vote: vote::VoteState,
    pub results: results::ResultsState,
    pub sheets: sheets::SheetsState,
}

impl Screens {
    /// Fresh screens, their fields' placeholders in `lang`.
    pub fn new(lang: Lang) -> Screens {
        let mut s = Screens {
            capture: capture::CaptureState::default(),
            tag: tag::TagState::default(),
            setup: setup::SetupState::default(),
            vote: vote::VoteState::default(),
            results: results::ResultsState::default(),
            sheets: sheets::SheetsState::default(),
        };
        s.capture
            .text
            .set_placeholder(lang.t("capture.placeholder"));
        s.capture
            .search
            .set_placeholder(lang.t("capture.search_placeholder"));
        s.tag
            .search
            .set_placeholder(lang.t("capture.search_placeholder"));
        s
    }

    /// The screens of a workshop just opened: the capture text the last
    /// session was typing is put back in its field.
    pub fn opened(doc: &mut Doc, lang: Lang) -> Screens {
        let mut s = Screens::new(lang);
        if let Some(text) = doc.draft_text.take() {
            s.capture.text.set(&text);
        }
        s.sync(doc);
        s
    }

    /// Rebuilds the rows of the screen on show if the workshop changed
    /// since they were built (the others when they are shown).
    pub fn sync(&mut self, doc: &Doc) {
        match doc.shown {
            Phase::Capture => self.capture.sync(doc),
            Phase::Tag => self.tag.sync(doc),
            Phase::Vote => self.vote.follow(doc),
            _ => {}
        }
    }

    /// Keeps every screen's lists valid for the window `cx` describes.
    pub fn fit(&mut self, doc: &Doc, cx: &Cx) {
        let w = &doc.w;
        let n = self.capture.rows.len();
        self.capture.list.fit(n, cx.capture_list(w));
        let n = self.tag.rows.len();
        self.tag.list.fit(n, cx.tag_list());
        self.vote.rounds.fit(w.rounds().len(), cx.vote_list());
        self.sheets.list.fit(w.sheets().len(), cx.sheets_list());
        let lens = [
            setup::DETAIL_FIELDS.len(),
            w.axes().len(),
            Phase::ALL.len(),
            w.participants().len(),
        ];
        let heights = Section::ALL.map(|section| cx.setup_list(w, section));
        let s = &mut self.setup;
        s.details.fit(lens[0], heights[0]);
        s.axes.fit(lens[1], heights[1]);
        s.agenda.fit(lens[2], heights[2]);
        s.participants.fit(lens[3], heights[3]);
    }
}

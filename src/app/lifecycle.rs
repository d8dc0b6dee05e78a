//! What every screen may need done to the app as a whole: close the open
//! workshop, keep its timer, and fit every list to the window. Below the
//! screens and the router, so that both use it without a circle.

use super::App;
use super::cx::Cx;
use super::doc::Doc;
use super::layout::Section;
use super::state::setup;
use crate::domain::Phase;

impl App {
    /// Closes the open workshop, if any: the timer's time spent is kept,
    /// the last change handed to the writer and waited for, the lock
    /// released.
    pub fn close_doc(&mut self) {
        self.keep_time();
        if let Some(mut doc) = self.doc.take() {
            doc.close();
        }
        // Phones vote in an open workshop only: the server stops.
        self.phones.reset();
    }

    /// The timer's time spent, kept in the workshop.
    pub fn keep_time(&mut self) {
        let (now, lang) = (self.instant(), self.lang);
        if let Some(doc) = self.doc.as_mut() {
            doc.keep_time(now, lang);
        }
    }

    /// Keeps every list's selection and window valid for the current size.
    pub fn fit_all(&mut self) {
        let hh = super::layout::home_list_height(self);
        let len = self.home.items.len();
        self.home.list.fit(len, hh);
        let cx = self.cx();
        if let Some(doc) = self.doc.as_mut() {
            doc.fit(&cx);
        }
    }
}

impl Doc {
    /// Keeps every screen's lists valid for the window `cx` describes.
    pub fn fit(&mut self, cx: &Cx) {
        let n = self.capture.rows.len();
        self.capture.list.fit(n, cx.capture_list(&self.w));
        let n = self.tag.rows.len();
        self.tag.list.fit(n, cx.tag_list());
        let n = self.w.rounds().len();
        self.vote.rounds.fit(n, cx.vote_list());
        let n = self.w.sheets().len();
        self.sheets.list.fit(n, cx.sheets_list());
        let lens = [
            setup::DETAIL_FIELDS.len(),
            self.w.axes().len(),
            Phase::ALL.len(),
            self.w.participants().len(),
        ];
        let heights = Section::ALL.map(|section| cx.setup_list(&self.w, section));
        let s = &mut self.setup;
        s.details.fit(lens[0], heights[0]);
        s.axes.fit(lens[1], heights[1]);
        s.agenda.fit(lens[2], heights[2]);
        s.participants.fit(lens[3], heights[3]);
    }
}

//! What every screen may need done to the app as a whole: close the open
//! workshop, keep its timer, and fit every list to the window. Below the
//! screens and the router, so that both use it without a circle.

use super::App;
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
        use super::layout;
        let hc = layout::capture_list_height(self);
        let ht = layout::tag_list_height(self);
        let hh = layout::home_list_height(self);
        let hv = layout::vote_list_height(self);
        let hsh = layout::sheets_list_height(self);
        let hs: Vec<usize> = layout::Section::ALL
            .iter()
            .map(|s| layout::setup_list_height(self, *s))
            .collect();
        let len = self.home.items.len();
        self.home.list.fit(len, hh);
        if let Some(doc) = self.doc.as_mut() {
            let n = doc.capture.rows.len();
            doc.capture.list.fit(n, hc);
            let n = doc.tag.rows.len();
            doc.tag.list.fit(n, ht);
            let n = doc.w.rounds().len();
            doc.vote.rounds.fit(n, hv);
            let n = doc.w.sheets().len();
            doc.sheets.list.fit(n, hsh);
            let lens = [
                setup::DETAIL_FIELDS.len(),
                doc.w.axes().len(),
                Phase::ALL.len(),
                doc.w.participants().len(),
            ];
            let s = &mut doc.setup;
            s.details.fit(lens[0], hs[0]);
            s.axes.fit(lens[1], hs[1]);
            s.agenda.fit(lens[2], hs[2]);
            s.participants.fit(lens[3], hs[3]);
        }
    }
}

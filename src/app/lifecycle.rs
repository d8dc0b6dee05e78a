//! What every screen may need done to the app as a whole: close the open
//! workshop, keep its timer, and fit every list to the window. Below the
//! screens and the router, so that both use it without a circle.

use super::App;

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
        if let Some(doc) = self.doc.as_ref() {
            self.screens.fit(doc, &cx);
        }
    }
}

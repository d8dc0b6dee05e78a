//! The screens whose rows are rebuilt from the workshop (the capture
//! list, the tag list): rebuilt when the workshop's revision has moved
//! since they were built, after each change and before each draw.

use crate::app::derived::Derived;
use crate::app::doc::Doc;
use crate::app::effect::Fx;
use crate::app::list::ListState;
use crate::domain::{DomainError, Op, Workshop};
use crate::i18n::Lang;

pub trait Rows {
    /// The workshop's revision the rows were built from.
    fn seen(&mut self) -> &mut Option<u64>;

    /// Builds the rows from the workshop.
    fn rebuilt(&mut self, w: &Workshop, derived: &Derived);

    /// The rows' list and how many rows there are.
    fn list(&mut self) -> (&mut ListState, usize);

    /// Rebuilds the rows if the workshop changed since they were built.
    fn sync(&mut self, doc: &Doc) {
        if *self.seen() != Some(doc.revision) {
            self.rebuilt(&doc.w, &doc.derived);
            *self.seen() = Some(doc.revision);
        }
    }

    /// Runs a change asked for on this screen (a refusal becomes the
    /// message); the rows are rebuilt from it at once.
    fn apply(
        &mut self,
        doc: &mut Doc,
        op: Result<Op, DomainError>,
        lang: Lang,
        fx: &mut Fx,
    ) -> bool {
        let done = doc.apply(op, lang, fx);
        self.sync(doc);
        done
    }

    /// Rebuilds the rows now (a filter or search changed) and keeps the
    /// list's window on them.
    fn rebuild(&mut self, doc: &Doc, height: usize) {
        *self.seen() = None;
        self.sync(doc);
        let (list, len) = self.list();
        list.fit(len, height);
    }
}

//! The capture screen's state: the fields being typed, the list of
//! proposals shown and its cursor. Data only, rebuilt from the workshop.

use crate::app::derived::{Derived, Slot};
use crate::app::field::Field;
use crate::app::list::ListState;
use crate::domain::build::matches;
use crate::domain::{AxisKey, ProposalId, Workshop};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Text,
    Author,
    List,
    Search,
    /// The queue of proposals sent from phones.
    Received,
}

/// The proposal just saved looks like an older one: the facilitator
/// merges it there or keeps both; nothing happens without them.
#[derive(Debug, Clone, PartialEq)]
pub struct Similar {
    pub new: ProposalId,
    pub like: ProposalId,
    /// The words both say, the reason shown.
    pub shared: Vec<String>,
}

impl Similar {
    /// The hint for the proposal `id` just saved, if it looks like an
    /// older one.
    pub fn of(doc: &mut crate::app::doc::Doc, id: ProposalId) -> Option<Similar> {
        let (like, shared) = doc.looks_like(id)?;
        Some(Similar {
            new: id,
            like,
            shared,
        })
    }
}

/// The new proposal's text, author and axes, set aside during an edit.
#[derive(Debug, Clone, Default)]
pub(crate) struct Stash {
    pub(crate) text: String,
    pub(crate) author: String,
    pub(crate) axes: Vec<AxisKey>,
}

#[derive(Debug, Clone)]
pub struct CaptureState {
    /// The workshop's revision the rows were built from.
    seen: Option<u64>,
    pub text: Field,
    pub author: Field,
    /// Axes given to the next proposal (primary first).
    pub axes: Vec<AxisKey>,
    pub focus: Focus,
    /// The proposal being edited in the text field, if any.
    pub editing: Option<ProposalId>,
    /// What was being typed when an edit started, put back after it.
    pub(crate) stashed: Option<Stash>,
    pub search: Field,
    /// The search, folded for accent-insensitive matching.
    pub query: String,
    /// Indices in `w.proposals` of the live proposals shown, in order.
    pub rows: Vec<usize>,
    pub list: ListState,
    /// One proposal at a time, large: for discussing it with the room.
    pub focus_view: bool,
    /// The queue of proposals sent from phones.
    pub queue: ListState,
    /// A proposal sent from a phone, being edited before it is accepted.
    pub moderating: Option<crate::domain::ReceivedId>,
    /// The proposal just saved and the one it looks like, if any.
    pub similar: Option<Similar>,
}

impl Default for CaptureState {
    fn default() -> Self {
        CaptureState {
            seen: None,
            text: Field::multi(""),
            author: Field::single(""),
            axes: Vec::new(),
            focus: Focus::Text,
            editing: None,
            stashed: None,
            search: Field::single(""),
            query: String::new(),
            rows: Vec::new(),
            focus_view: false,
            list: ListState {
                selected: usize::MAX,
                offset: 0,
            },
            queue: ListState::default(),
            moderating: None,
            similar: None,
        }
    }
}

impl crate::app::screens::rows::Rows for CaptureState {
    fn seen(&mut self) -> &mut Option<u64> {
        &mut self.seen
    }

    fn rebuilt(&mut self, w: &Workshop, derived: &Derived) {
        self.refresh(w, derived);
    }

    fn list(&mut self) -> (&mut ListState, usize) {
        (&mut self.list, self.rows.len())
    }
}

impl CaptureState {
    pub fn refresh(&mut self, w: &Workshop, derived: &Derived) {
        let at_end = self.list.selected.saturating_add(1) >= self.rows.len();
        let searching = !self.query.is_empty();
        self.rows = derived
            .slots
            .iter()
            .enumerate()
            .filter(|(i, s)| {
                matches!(s, Slot::Live { .. })
                    && (!searching
                        || matches(
                            &w.proposals()[*i].text,
                            &w.proposals()[*i].author,
                            &self.query,
                        ))
            })
            .map(|(i, _)| i)
            .collect();
        if at_end {
            // Following the newest proposal, as a projected list should.
            self.list.selected = self.rows.len().saturating_sub(1);
        }
    }

    pub fn selected_id(&self, w: &Workshop) -> Option<ProposalId> {
        self.rows
            .get(self.list.selected)
            .and_then(|i| w.proposals().get(*i))
            .map(|p| p.id)
    }

    pub(crate) fn select_id(&mut self, id: ProposalId, w: &Workshop, height: usize) {
        if let Some(row) = self
            .rows
            .iter()
            .position(|i| w.proposals().get(*i).map(|p| p.id) == Some(id))
        {
            self.list.select(row, self.rows.len(), height);
        }
    }

    /// The new proposal being typed (nothing while the field edits an
    /// existing one or a phone's): what the draft keeps of the field.
    pub fn new_text(&self) -> String {
        if self.editing.is_none() && self.moderating.is_none() {
            self.text.text()
        } else {
            String::new()
        }
    }

    /// The hint that the proposal just saved looks like an older one,
    /// while both are there to merge.
    pub fn similar_shown(&self, w: &Workshop) -> Option<&Similar> {
        let live = |id| w.proposal(id).is_some_and(|p| p.merged_into.is_none());
        self.similar
            .as_ref()
            .filter(|s| live(s.new) && live(s.like))
    }
}

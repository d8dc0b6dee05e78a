//! The tag screen's state: its filter, grouping, marks and search, and
//! the rows they show. Data only, rebuilt from the workshop.

use crate::app::derived::{Derived, Slot};
use crate::app::field::Field;
use crate::app::list::ListState;
use crate::domain::build::matches;
use crate::domain::{AxisKey, ProposalId, Workshop};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    Untagged,
    Axis(AxisKey),
}

/// A line of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A group heading: an axis (or none) and how many proposals it has.
    Group(Option<AxisKey>, usize),
    /// A live proposal, by index in `w.proposals`.
    Item(usize),
    /// An original merged into the item above, with its depth.
    Original(usize, u8),
}

/// The suggestions on show, one at a time.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggesting {
    pub items: Vec<crate::domain::similar::Suggestion>,
    pub at: usize,
}

#[derive(Debug, Clone)]
pub struct TagState {
    /// The workshop's revision the rows were built from.
    seen: Option<u64>,
    pub filter: Filter,
    pub grouped: bool,
    pub rows: Vec<Row>,
    pub list: ListState,
    pub search: Field,
    pub searching: bool,
    pub query: String,
    pub suggest: Option<Suggesting>,
}

impl Default for TagState {
    fn default() -> Self {
        TagState {
            seen: None,
            filter: Filter::All,
            grouped: true,
            rows: Vec::new(),
            list: ListState::default(),
            search: Field::single(""),
            searching: false,
            query: String::new(),
            suggest: None,
        }
    }
}

impl crate::app::screens::rows::Rows for TagState {
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

impl TagState {
    pub fn refresh(&mut self, w: &Workshop, derived: &Derived) {
        let keep = self.selected_id(w);
        // From the compact slots; a proposal itself is read only to match
        // a search or a secondary axis.
        let searching = !self.query.is_empty();
        let items: Vec<usize> = derived
            .slots
            .iter()
            .enumerate()
            .filter_map(|(i, s)| match *s {
                Slot::Merged { .. } => None,
                Slot::Live { primary, .. } => {
                    let axis_ok = match self.filter {
                        Filter::All => true,
                        Filter::Untagged => primary.is_none(),
                        Filter::Axis(k) => primary == Some(k) || w.proposals()[i].axes.contains(&k),
                    };
                    let p = &w.proposals()[i];
                    (axis_ok && (!searching || matches(&p.text, &p.author, &self.query)))
                        .then_some(i)
                }
            })
            .collect();
        let children = &derived.children;
        let mut rows = Vec::with_capacity(items.len() + 8);
        let push_item = |rows: &mut Vec<Row>, i: usize| {
            rows.push(Row::Item(i));
            if matches!(
                derived.slots[i],
                Slot::Live {
                    holds_merges: true,
                    ..
                }
            ) {
                push_originals(rows, w, children, i, 1);
            }
        };
        if self.grouped {
            // One pass into buckets: untagged first, then the axes in order.
            let mut buckets: Vec<(Option<AxisKey>, Vec<usize>)> = std::iter::once(None)
                .chain(w.axes().iter().map(|a| Some(a.key)))
                .map(|g| (g, Vec::new()))
                .collect();
            for i in items {
                let g = match derived.slots[i] {
                    Slot::Live { primary, .. } => primary,
                    Slot::Merged { .. } => continue,
                };
                if let Some(b) = buckets.iter_mut().find(|(k, _)| *k == g) {
                    b.1.push(i);
                }
            }
            for (g, members) in buckets.into_iter().filter(|(_, m)| !m.is_empty()) {
                rows.push(Row::Group(g, members.len()));
                for i in members {
                    push_item(&mut rows, i);
                }
            }
        } else {
            for i in items {
                push_item(&mut rows, i);
            }
        }
        self.rows = rows;
        match keep.and_then(|id| self.row_of(w, id)) {
            Some(r) => self.list.selected = r,
            None => self.list.selected = self.first_item_from(self.list.selected, 1).unwrap_or(0),
        }
    }

    pub fn selected_id(&self, w: &Workshop) -> Option<ProposalId> {
        match self.rows.get(self.list.selected) {
            Some(Row::Item(i)) => w.proposals().get(*i).map(|p| p.id),
            _ => None,
        }
    }

    pub(crate) fn row_of(&self, w: &Workshop, id: ProposalId) -> Option<usize> {
        self.rows.iter().position(
            |r| matches!(r, Row::Item(i) if w.proposals().get(*i).map(|p| p.id) == Some(id)),
        )
    }

    pub(crate) fn is_item(&self, i: usize) -> bool {
        matches!(self.rows.get(i), Some(Row::Item(_)))
    }

    pub(crate) fn first_item_from(&self, start: usize, dir: isize) -> Option<usize> {
        let mut i = start.min(self.rows.len().saturating_sub(1)) as isize;
        while i >= 0 && (i as usize) < self.rows.len() {
            if self.is_item(i as usize) {
                return Some(i as usize);
            }
            i += dir;
        }
        None
    }

    pub(crate) fn step(&mut self, count: isize, height: usize) {
        let rows = &self.rows;
        self.list.step_over(count, rows.len(), height, |i| {
            matches!(rows.get(i), Some(Row::Item(_)))
        });
    }
}

/// Lists, under a proposal, the originals merged into it (and theirs).
fn push_originals(
    rows: &mut Vec<Row>,
    w: &Workshop,
    children: &std::collections::HashMap<ProposalId, Vec<usize>>,
    parent: usize,
    depth: u8,
) {
    // Loops are refused at load; the depth bound is belt and braces.
    if depth > 8 {
        return;
    }
    if let Some(kids) = children.get(&w.proposals()[parent].id) {
        for k in kids {
            rows.push(Row::Original(*k, depth));
            push_originals(rows, w, children, *k, depth + 1);
        }
    }
}

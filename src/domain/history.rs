//! Undo and redo over [`Op`]s. The undo stack holds inverses: undoing
//! applies one and gets back the op that redoes it.

use super::error::DomainError;
use super::ops::{Op, apply};
use super::workshop::Workshop;

/// Enough for a whole meeting; the oldest steps go first.
pub const DEFAULT_LIMIT: usize = 1_000;

#[derive(Debug, Clone)]
pub struct History {
    undo: Vec<Op>,
    redo: Vec<Op>,
    limit: usize,
}

impl Default for History {
    fn default() -> Self {
        Self::with_limit(DEFAULT_LIMIT)
    }
}

impl History {
    pub fn with_limit(limit: usize) -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            limit: limit.max(1),
        }
    }

    /// Applies `op` as a new step. Returns its label key.
    pub fn run(&mut self, w: &mut Workshop, op: Op) -> Result<&'static str, DomainError> {
        let label = op.label_key();
        let inverse = apply(w, op)?;
        self.undo.push(inverse);
        if self.undo.len() > self.limit {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(label)
    }

    /// Undoes the last step; `None` when there is nothing to undo. Returns
    /// the label of what was undone.
    pub fn undo(&mut self, w: &mut Workshop) -> Option<Result<&'static str, DomainError>> {
        let inverse = self.undo.pop()?;
        // Applying the inverse gives back the original op: name that.
        Some(step(w, inverse, &mut self.undo, &mut self.redo).map(|(_, forward)| forward))
    }

    pub fn redo(&mut self, w: &mut Workshop) -> Option<Result<&'static str, DomainError>> {
        let op = self.redo.pop()?;
        Some(step(w, op, &mut self.redo, &mut self.undo).map(|(applied, _)| applied))
    }

    /// The step undo would take back next (the inverse it holds).
    pub fn next_undo(&self) -> Option<&Op> {
        self.undo.last()
    }

    pub fn next_redo(&self) -> Option<&Op> {
        self.redo.last()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

/// Applies `op` taken from `from`, pushing its inverse on `to`; returns the
/// labels of the applied op and of its inverse. Should the workshop have
/// changed under the history (it cannot through this API), the op goes back
/// where it was and the error is reported.
fn step(
    w: &mut Workshop,
    op: Op,
    from: &mut Vec<Op>,
    to: &mut Vec<Op>,
) -> Result<(&'static str, &'static str), DomainError> {
    let applied = op.label_key();
    match apply(w, op.clone()) {
        Ok(inverse) => {
            let labels = (applied, inverse.label_key());
            to.push(inverse);
            Ok(labels)
        }
        Err(e) => {
            from.push(op);
            Err(e)
        }
    }
}

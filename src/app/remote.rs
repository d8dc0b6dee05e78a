//! Requests from outside the terminal (the room's phones) come into the
//! one `update` like a key does, each with the channel its answer goes
//! back on. A change is answered only once it is on disk: its answer waits
//! for the writer's report of the generation that holds it, and changes
//! that arrive together are written together.

use crate::domain::voting::PhoneVoter;
use crate::domain::{DomainError, ProposalId, RoundId};
use std::collections::BTreeMap;
use tokio::sync::oneshot;

/// One request and where its answer goes.
pub struct Remote {
    pub request: Request,
    pub reply: oneshot::Sender<Reply>,
}

impl std::fmt::Debug for Remote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Remote")
            .field("request", &self.request)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// A phone's ballot: the latest one of a phone (or of a personal code)
    /// counts.
    Cast {
        round: RoundId,
        device: String,
        voter: PhoneVoter,
        dots: BTreeMap<ProposalId, u32>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// On disk (or already there: the same request sent twice).
    Recorded,
    /// Refused by the rules, with the reason.
    Refused(DomainError),
    /// No workshop is open, or it is read-only: nothing can be recorded.
    Unavailable,
    /// The workshop could not be written: not recorded; the phone may try
    /// again.
    NotSaved,
}

/// An answer waiting for its change to reach the disk.
#[derive(Debug)]
pub struct PendingAck {
    pub generation: u64,
    pub reply: oneshot::Sender<Reply>,
}

/// Takes a request in; its answer goes now (a refusal) or once on disk.
pub fn handle(app: &mut super::App, remote: Remote) {
    let Remote { request, reply } = remote;
    let now = app.clock.now();
    let Some(doc) = app.doc.as_mut().filter(|d| !d.read_only) else {
        let _ = reply.send(Reply::Unavailable);
        return;
    };
    match request {
        Request::Cast {
            round,
            device,
            voter,
            dots,
        } => {
            let op =
                crate::domain::voting::op_phone_ballot(&doc.w, round, &device, voter, &dots, now);
            match op {
                Err(e) => {
                    let _ = reply.send(Reply::Refused(e));
                }
                // Not an undo step: the phone was told it is recorded.
                Ok(Some(op)) => match doc.record(op, app.lang) {
                    Ok(()) => doc.ack_when_saved(reply),
                    Err(e) => {
                        let _ = reply.send(Reply::Refused(e));
                    }
                },
                // Sent twice: answered when what is there is on disk.
                Ok(None) => doc.ack_when_saved(reply),
            }
        }
    }
}

//! The facilitator's moderation of what phones send: queueing a sent
//! proposal (once, however often it is sent), accepting it as sent or
//! edited, merging it into a proposal on the wall, setting it aside with a
//! reason. Each is an op, so it can be undone and is saved.

use super::error::DomainError;
use super::ids::{AxisKey, ProposalId, ReceivedId};
use super::ops::Op;
use super::proposal::Proposal;
use super::received::{MAX_RECEIVED_CHARS, Received, ReceivedState};
use super::time::Stamp;
use super::workshop::Workshop;

/// What a phone sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub text: String,
    pub axis: Option<AxisKey>,
    pub author: String,
}

/// The op that queues what the phone `device` sent. The same text sent
/// again by the same phone (a double tap, a retry) changes nothing:
/// `Ok(None)`.
pub fn op_receive(
    w: &Workshop,
    device: &str,
    sent: Sent,
    now: Stamp,
) -> Result<Option<Op>, DomainError> {
    let text = super::proposal::clean_text(&sent.text, MAX_RECEIVED_CHARS)?;
    super::vote_rules::check_device(device)?;
    if w.received()
        .iter()
        .any(|r| r.device == device && r.text == text)
    {
        return Ok(None);
    }
    Ok(Some(Op::Receive(Box::new(Received {
        id: ReceivedId(w.next().received),
        text,
        axis: sent.axis,
        author: super::proposal::clean_optional(&sent.author),
        device: device.to_string(),
        at: Some(now),
        state: ReceivedState::Pending,
    }))))
}

/// What the phone `device` sent, oldest first.
pub fn sent_by<'w>(w: &'w Workshop, device: &str) -> Vec<&'w Received> {
    w.received().iter().filter(|r| r.device == device).collect()
}

/// How many wait for the facilitator.
pub fn pending(w: &Workshop) -> usize {
    w.received().iter().filter(|r| r.is_pending()).count()
}

fn waiting(w: &Workshop, id: ReceivedId) -> Result<&Received, DomainError> {
    w.received_one(id)
        .filter(|r| r.is_pending())
        .ok_or(DomainError::UnknownReceived(id))
}

/// The proposal a received one becomes, with `text` (edited or as sent).
fn as_proposal(
    w: &Workshop,
    r: &Received,
    text: &str,
    now: Stamp,
) -> Result<Proposal, DomainError> {
    Ok(Proposal {
        id: w.fresh().proposal(),
        text: super::proposal::clean_text(text, super::proposal::MAX_PROPOSAL_CHARS)?,
        axes: r.axis.into_iter().collect(),
        author: r.author.clone(),
        created: r.at.or(Some(now)),
        merged_into: None,
        origin: None,
        from_phone: true,
    })
}

/// Accepts a received proposal, as sent or edited (`text`): it becomes a
/// proposal at the end of the list, as one undo step.
pub fn op_accept(
    w: &Workshop,
    id: ReceivedId,
    text: Option<&str>,
    now: Stamp,
) -> Result<Op, DomainError> {
    let r = waiting(w, id)?.clone();
    let p = as_proposal(w, &r, text.unwrap_or(&r.text), now)?;
    let proposal = p.id;
    Ok(Op::Batch(vec![
        Op::InsertProposal {
            index: w.proposals().len(),
            proposal: p,
        },
        Op::SetReceived {
            id,
            state: ReceivedState::Accepted { proposal },
        },
    ]))
}

/// Merges a received proposal into `into`, whose text stays; the sent
/// text is kept as an original, as with any merge.
pub fn op_merge(
    w: &Workshop,
    id: ReceivedId,
    into: ProposalId,
    now: Stamp,
) -> Result<Op, DomainError> {
    let r = waiting(w, id)?.clone();
    let p = as_proposal(w, &r, &r.text, now)?;
    let source = p.id;
    Ok(Op::Batch(vec![
        Op::InsertProposal {
            index: w.proposals().len(),
            proposal: p,
        },
        Op::Merge {
            into,
            sources: vec![source],
        },
        Op::SetReceived {
            id,
            state: ReceivedState::Merged { into },
        },
    ]))
}

/// Sets a received proposal aside, with why: kept, never shown.
pub fn op_set_aside(w: &Workshop, id: ReceivedId, reason: &str) -> Result<Op, DomainError> {
    waiting(w, id)?;
    Ok(Op::SetReceived {
        id,
        state: ReceivedState::SetAside {
            reason: super::proposal::clean_optional(reason),
        },
    })
}

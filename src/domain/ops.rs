//! Every change to a workshop is an [`Op`]. Applying one checks it, changes
//! the workshop, and returns the op that undoes it; applying that returns
//! the original again. Undo and redo are built on nothing else.

use super::axis::{Axis, MAX_AXES};
use super::error::DomainError;
use super::ids::{ParticipantId, ProposalId, RoundId};
use super::participant::Participant;
use super::proposal::{MAX_PROPOSAL_CHARS, Proposal, clean_text};
use super::round::{Ballot, Mode, Round, RoundSettings, Scope, TallyEntry, Voter};
use super::sheet::{MAX_SHEET_FIELD_CHARS, Sheet};
use super::vote_rules::{check_votable, live_proposal};
use super::workshop::{AgendaItem, Details, Workshop};
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    SetDetails(Box<Details>),
    SetAxes(Vec<Axis>),
    SetAgenda(Vec<AgendaItem>),
    /// The similarity suggestions turned down, set whole.
    SetDismissed(super::dismissed::Dismissed),
    InsertParticipant {
        index: usize,
        participant: Participant,
    },
    RemoveParticipant(ParticipantId),
    ReplaceParticipant(Participant),
    InsertProposal {
        index: usize,
        proposal: Proposal,
    },
    RemoveProposal(ProposalId),
    ReplaceProposal(Proposal),
    MoveProposal {
        id: ProposalId,
        to: usize,
    },
    /// Folds `sources` into `into`; they stay in the file, marked merged.
    Merge {
        into: ProposalId,
        sources: Vec<ProposalId>,
    },
    Unmerge {
        into: ProposalId,
        sources: Vec<ProposalId>,
    },
    InsertRound {
        index: usize,
        round: Box<Round>,
    },
    RemoveRound(RoundId),
    SetRoundSettings {
        round: RoundId,
        settings: RoundSettings,
    },
    SetRoundState {
        round: RoundId,
        open: bool,
        revealed: bool,
    },
    /// Who votes from phones in `round`.
    SetPhones {
        round: RoundId,
        voters: super::round::PhoneVoters,
    },
    /// The code phones join the workshop with.
    SetJoin(Option<String>),
    /// The phones' server: its key and what it serves.
    SetPhoneSettings(Box<super::workshop::PhoneSettings>),
    /// A proposal sent from a phone joins the queue.
    Receive(Box<super::received::Received>),
    /// Takes a received proposal out of the record: only ever the undo of
    /// `Receive`.
    Unreceive(super::ids::ReceivedId),
    /// What the facilitator made of a received proposal.
    SetReceived {
        id: super::ids::ReceivedId,
        state: super::received::ReceivedState,
    },
    /// Records which runoff settled `round`'s tie (`None`: unsettled).
    SetSettledBy {
        round: RoundId,
        by: Option<RoundId>,
    },
    CastBallot {
        round: RoundId,
        index: usize,
        ballot: Ballot,
    },
    /// Takes a ballot out of the record: only ever the undo of a cast.
    /// Facilitators void ballots instead, which keeps them.
    RemoveBallot {
        round: RoundId,
        index: usize,
    },
    SetBallotVoid {
        round: RoundId,
        index: usize,
        void: bool,
    },
    SetTally {
        round: RoundId,
        proposal: ProposalId,
        entry: Option<TallyEntry>,
    },
    InsertSheet {
        index: usize,
        sheet: Box<Sheet>,
    },
    RemoveSheet(String),
    ReplaceSheet(Box<Sheet>),
    /// A group's change to one field of a fiche, from its page.
    EditSheetField {
        sheet: String,
        edit: Box<super::drafting::FieldEdit>,
    },
    /// A group's change to one item of a fiche's list, from its page.
    EditSheetItem {
        sheet: String,
        edit: Box<super::items::ItemEdit>,
    },
    /// A fiche as it was before (or after) a page's change: what undo and
    /// redo put back, naming the device that wrote it.
    SheetFromPage {
        sheet: Box<Sheet>,
        by: String,
    },
    /// The timer's record (never part of the undo history).
    SetTimeSpent(super::workshop::TimeSpent),
    /// Several ops as one undo step (e.g. a pasted list). All or nothing.
    Batch(Vec<Op>),
}

impl Op {
    /// The device whose page made this change, when a page made it.
    pub fn by(&self) -> Option<&str> {
        match self {
            Op::EditSheetField { edit, .. } => Some(&edit.by),
            Op::EditSheetItem { edit, .. } => Some(&edit.by),
            Op::SheetFromPage { by, .. } => Some(by),
            Op::Batch(ops) => ops.iter().find_map(Op::by),
            _ => None,
        }
    }

    /// The catalogue key naming this kind of change (`op.*`), for messages
    /// such as "Annulé : ajout d'une proposition".
    pub fn label_key(&self) -> &'static str {
        match self {
            Op::SetDetails(_) => "op.set_details",
            Op::SetAxes(_) => "op.set_axes",
            Op::SetAgenda(_) => "op.set_agenda",
            Op::SetDismissed(_) => "op.set_dismissed",
            Op::InsertParticipant { .. } => "op.insert_participant",
            Op::RemoveParticipant(_) => "op.remove_participant",
            Op::ReplaceParticipant(_) => "op.replace_participant",
            Op::InsertProposal { .. } => "op.insert_proposal",
            Op::RemoveProposal(_) => "op.remove_proposal",
            Op::ReplaceProposal(_) => "op.replace_proposal",
            Op::MoveProposal { .. } => "op.move_proposal",
            Op::Merge { .. } => "op.merge",
            Op::Unmerge { .. } => "op.unmerge",
            Op::InsertRound { .. } => "op.insert_round",
            Op::RemoveRound(_) => "op.remove_round",
            Op::SetRoundSettings { .. } => "op.set_round_settings",
            Op::SetRoundState { .. } | Op::SetSettledBy { .. } => "op.set_round_state",
            Op::SetPhones { .. } | Op::SetJoin(_) | Op::SetPhoneSettings(_) => "op.set_phones",
            Op::Receive(_) | Op::Unreceive(_) => "op.receive",
            Op::SetReceived { .. } => "op.moderate",
            Op::CastBallot { .. } => "op.cast_ballot",
            Op::RemoveBallot { .. } => "op.remove_ballot",
            Op::SetBallotVoid { .. } => "op.void_ballot",
            Op::SetTally { .. } => "op.set_tally",
            Op::InsertSheet { .. } => "op.insert_sheet",
            Op::RemoveSheet(_) => "op.remove_sheet",
            Op::ReplaceSheet(_) => "op.replace_sheet",
            Op::EditSheetField { .. } | Op::EditSheetItem { .. } | Op::SheetFromPage { .. } => {
                "op.edit_sheet_field"
            }
            Op::SetTimeSpent(_) => "op.set_time_spent",
            // A paste of several lines is undone as "ajout de propositions".
            Op::Batch(ops)
                if ops.len() > 1 && ops.iter().all(|o| matches!(o, Op::InsertProposal { .. })) =>
            {
                "op.insert_proposals"
            }
            Op::Batch(ops) => ops.first().map_or("op.batch", Op::label_key),
        }
    }
}

/// Checks `op` against `w`, applies it and returns its inverse. On error the
/// workshop is left exactly as it was.
pub fn apply(w: &mut Workshop, op: Op) -> Result<Op, DomainError> {
    match op {
        Op::SetDetails(_)
        | Op::SetAxes(_)
        | Op::SetAgenda(_)
        | Op::SetTimeSpent(_)
        | Op::SetDismissed(_) => settings(w, op),
        Op::InsertParticipant { .. } | Op::RemoveParticipant(_) | Op::ReplaceParticipant(_) => {
            participants(w, op)
        }
        Op::InsertProposal { .. }
        | Op::RemoveProposal(_)
        | Op::ReplaceProposal(_)
        | Op::MoveProposal { .. } => proposals(w, op),
        Op::Merge { .. } | Op::Unmerge { .. } => merges(w, op),
        Op::InsertRound { .. }
        | Op::RemoveRound(_)
        | Op::SetRoundSettings { .. }
        | Op::SetRoundState { .. }
        | Op::SetSettledBy { .. }
        | Op::SetPhones { .. } => rounds(w, op),
        Op::SetJoin(_)
        | Op::SetPhoneSettings(_)
        | Op::Receive(_)
        | Op::Unreceive(_)
        | Op::SetReceived { .. } => received(w, op),
        Op::CastBallot { .. }
        | Op::RemoveBallot { .. }
        | Op::SetBallotVoid { .. }
        | Op::SetTally { .. } => votes(w, op),
        Op::InsertSheet { .. }
        | Op::RemoveSheet(_)
        | Op::ReplaceSheet(_)
        | Op::EditSheetField { .. }
        | Op::EditSheetItem { .. }
        | Op::SheetFromPage { .. } => sheets(w, op),
        Op::Batch(ops) => batch(w, ops),
    }
}

/// Details, axes, agenda and the time spent: set whole.
fn settings(w: &mut Workshop, op: Op) -> Result<Op, DomainError> {
    match op {
        Op::SetDetails(details) => {
            if details.title.trim().is_empty() {
                return Err(DomainError::EmptyTitle);
            }
            let old = std::mem::replace(&mut w.workshop, *details);
            Ok(Op::SetDetails(Box::new(old)))
        }
        Op::SetAxes(axes) => {
            check_axes(w, &axes)?;
            Ok(Op::SetAxes(std::mem::replace(&mut w.axes, axes)))
        }
        Op::SetAgenda(agenda) => Ok(Op::SetAgenda(std::mem::replace(&mut w.agenda, agenda))),
        Op::SetDismissed(d) => Ok(Op::SetDismissed(std::mem::replace(&mut w.dismissed, d))),
        Op::SetTimeSpent(spent) => Ok(Op::SetTimeSpent(std::mem::replace(
            &mut w.time_spent,
            spent,
        ))),
        other => unreachable!("not a settings op: {other:?}"),
    }
}

/// The participants list.
fn participants(w: &mut Workshop, op: Op) -> Result<Op, DomainError> {
    match op {
        Op::InsertParticipant { index, participant } => {
            if participant.name.trim().is_empty() {
                return Err(DomainError::EmptyName);
            }
            if w.participant(participant.id).is_some() {
                return Err(DomainError::DuplicateParticipant(participant.id));
            }
            check_personal_code(w, &participant)?;
            check_position(index, w.participants.len() + 1)?;
            let id = participant.id;
            w.next.participant = w.next.participant.max(id.0 + 1);
            let end = index == w.participants.len();
            w.participants.insert(index, participant);
            if end {
                w.participant_ids.appended(id, index);
            } else {
                w.participant_ids.forget();
            }
            Ok(Op::RemoveParticipant(id))
        }
        Op::RemoveParticipant(id) => {
            let index = participant_index(w, id)?;
            let voted = w
                .rounds
                .iter()
                .flat_map(|r| &r.ballots)
                .any(|b| b.voter == Voter::Participant(id));
            if voted {
                return Err(DomainError::ParticipantHasVoted(id));
            }
            let participant = w.participants.remove(index);
            w.participant_ids.forget();
            Ok(Op::InsertParticipant { index, participant })
        }
        Op::ReplaceParticipant(participant) => {
            if participant.name.trim().is_empty() {
                return Err(DomainError::EmptyName);
            }
            check_personal_code(w, &participant)?;
            let index = participant_index(w, participant.id)?;
            let old = std::mem::replace(&mut w.participants[index], participant);
            Ok(Op::ReplaceParticipant(old))
        }
        other => unreachable!("not a participants op: {other:?}"),
    }
}

/// Proposals added, removed, edited, moved.
fn proposals(w: &mut Workshop, op: Op) -> Result<Op, DomainError> {
    match op {
        Op::InsertProposal { index, proposal } => {
            check_proposal_content(w, &proposal)?;
            if w.proposal(proposal.id).is_some() {
                return Err(DomainError::DuplicateProposal(proposal.id));
            }
            if let Some(into) = proposal.merged_into {
                return Err(DomainError::ProposalMerged(proposal.id, into));
            }
            check_position(index, w.proposals.len() + 1)?;
            let id = proposal.id;
            w.next.proposal = w.next.proposal.max(id.0 + 1);
            let end = index == w.proposals.len();
            w.proposals.insert(index, Arc::new(proposal));
            if end {
                w.proposal_ids.appended(id, index);
            } else {
                w.proposal_ids.forget();
            }
            Ok(Op::RemoveProposal(id))
        }
        Op::RemoveProposal(id) => {
            let index = proposal_index(w, id)?;
            check_removable(w, index)?;
            let proposal = Arc::unwrap_or_clone(w.proposals.remove(index));
            w.proposal_ids.forget();
            Ok(Op::InsertProposal { index, proposal })
        }
        Op::ReplaceProposal(proposal) => {
            let index = proposal_index(w, proposal.id)?;
            check_proposal_content(w, &proposal)?;
            if proposal.merged_into != w.proposals[index].merged_into {
                // Merging has its own op, so that it can be undone as one.
                return Err(
                    match (w.proposals[index].merged_into, proposal.merged_into) {
                        (Some(into), _) | (None, Some(into)) => {
                            DomainError::ProposalMerged(proposal.id, into)
                        }
                        (None, None) => unreachable!("the two differ"),
                    },
                );
            }
            let old = std::mem::replace(&mut w.proposals[index], Arc::new(proposal));
            Ok(Op::ReplaceProposal(Arc::unwrap_or_clone(old)))
        }
        Op::MoveProposal { id, to } => {
            let from = proposal_index(w, id)?;
            check_position(to, w.proposals.len())?;
            let p = w.proposals.remove(from);
            w.proposals.insert(to, p);
            w.proposal_ids.forget();
            Ok(Op::MoveProposal { id, to: from })
        }
        other => unreachable!("not a proposals op: {other:?}"),
    }
}

/// Merges, which keep the originals.
fn merges(w: &mut Workshop, op: Op) -> Result<Op, DomainError> {
    match op {
        Op::Merge { into, sources } => {
            live_proposal(w, into)?;
            let mut seen = vec![into];
            for s in &sources {
                if seen.contains(s) {
                    return Err(DomainError::MergeNeedsTwo);
                }
                seen.push(*s);
                live_proposal(w, *s)?;
            }
            if sources.is_empty() {
                return Err(DomainError::MergeNeedsTwo);
            }
            for s in &sources {
                let i = proposal_index(w, *s)?;
                Arc::make_mut(&mut w.proposals[i]).merged_into = Some(into);
            }
            Ok(Op::Unmerge { into, sources })
        }
        Op::Unmerge { into, sources } => {
            // Merges unwind from the top: its inverse re-merges into `into`,
            // which must then be live.
            live_proposal(w, into)?;
            for s in &sources {
                let p = w.proposal(*s).ok_or(DomainError::UnknownProposal(*s))?;
                if p.merged_into != Some(into) {
                    return Err(DomainError::NotMergedInto(*s, into));
                }
            }
            if sources.is_empty() {
                return Err(DomainError::MergeNeedsTwo);
            }
            for s in &sources {
                let i = proposal_index(w, *s)?;
                Arc::make_mut(&mut w.proposals[i]).merged_into = None;
            }
            Ok(Op::Merge { into, sources })
        }
        other => unreachable!("not a merges op: {other:?}"),
    }
}

/// Rounds: added, removed, their rules and their state.
fn rounds(w: &mut Workshop, op: Op) -> Result<Op, DomainError> {
    match op {
        Op::InsertRound { index, round } => {
            if w.round(round.id).is_some() {
                return Err(DomainError::DuplicateRound(round.id));
            }
            check_settings(w, &round.settings())?;
            check_position(index, w.rounds.len() + 1)?;
            let id = round.id;
            w.next.round = w.next.round.max(id.0 + 1);
            w.rounds.insert(index, *round);
            Ok(Op::RemoveRound(id))
        }
        Op::RemoveRound(id) => {
            let index = round_index(w, id)?;
            if w.rounds[index].has_votes() {
                return Err(DomainError::RoundHasVotes(id));
            }
            let round = w.rounds.remove(index);
            Ok(Op::InsertRound {
                index,
                round: Box::new(round),
            })
        }
        Op::SetRoundSettings { round, settings } => {
            let index = round_index(w, round)?;
            check_settings(w, &settings)?;
            let r = &mut w.rounds[index];
            if (settings.mode != r.mode || settings.method != r.method) && r.has_votes() {
                return Err(DomainError::ModeLocked);
            }
            let old = r.settings();
            r.set_settings(settings);
            Ok(Op::SetRoundSettings {
                round,
                settings: old,
            })
        }
        Op::SetRoundState {
            round,
            open,
            revealed,
        } => {
            let index = round_index(w, round)?;
            let r = &mut w.rounds[index];
            let old = (r.open, r.revealed);
            r.open = open;
            r.revealed = revealed;
            Ok(Op::SetRoundState {
                round,
                open: old.0,
                revealed: old.1,
            })
        }
        Op::SetPhones { round, voters } => {
            let index = round_index(w, round)?;
            let r = &mut w.rounds[index];
            let from_phones = r.counted_ballots().any(|b| b.device.is_some());
            if voters != r.phones && from_phones {
                return Err(DomainError::PhoneVotersLocked);
            }
            let old = std::mem::replace(&mut r.phones, voters);
            Ok(Op::SetPhones { round, voters: old })
        }
        Op::SetSettledBy { round, by } => {
            let index = round_index(w, round)?;
            if let Some(by) = by {
                let runoff = w.round(by).ok_or(DomainError::UnknownRound(by))?;
                if runoff.runoff_of != Some(round) {
                    return Err(DomainError::UnknownRound(by));
                }
            }
            let old = std::mem::replace(&mut w.rounds[index].settled_by, by);
            Ok(Op::SetSettledBy { round, by: old })
        }
        other => unreachable!("not a rounds op: {other:?}"),
    }
}

/// Ballots and paper counts.
fn votes(w: &mut Workshop, op: Op) -> Result<Op, DomainError> {
    match op {
        Op::CastBallot {
            round,
            index,
            ballot,
        } => {
            let ri = round_index(w, round)?;
            check_ballot(w, &w.rounds[ri], &ballot)?;
            check_position(index, w.rounds[ri].ballots.len() + 1)?;
            w.rounds[ri].ballots.insert(index, ballot);
            Ok(Op::RemoveBallot { round, index })
        }
        Op::RemoveBallot { round, index } => {
            let ri = round_index(w, round)?;
            if index >= w.rounds[ri].ballots.len() {
                return Err(DomainError::UnknownBallot(index));
            }
            let ballot = w.rounds[ri].ballots.remove(index);
            Ok(Op::CastBallot {
                round,
                index,
                ballot,
            })
        }
        Op::SetBallotVoid { round, index, void } => {
            let ri = round_index(w, round)?;
            let r = &w.rounds[ri];
            let ballot = r
                .ballots
                .get(index)
                .ok_or(DomainError::UnknownBallot(index))?;
            if !void && ballot.void && r.has_voted(ballot.voter) {
                return Err(DomainError::AlreadyVoted(ballot.voter));
            }
            if !void && ballot.void && ballot.device.as_deref().is_some_and(|d| r.device_voted(d)) {
                return Err(DomainError::DeviceVoted);
            }
            let old = std::mem::replace(&mut w.rounds[ri].ballots[index].void, void);
            Ok(Op::SetBallotVoid {
                round,
                index,
                void: old,
            })
        }
        Op::SetTally {
            round,
            proposal,
            entry,
        } => {
            let ri = round_index(w, round)?;
            let r = &w.rounds[ri];
            if r.mode != Mode::Paper {
                return Err(DomainError::WrongMode(round));
            }
            if !r.open {
                return Err(DomainError::RoundClosed(round));
            }
            check_votable(w, r, proposal)?;
            let entry = entry.filter(|e| e.dots > 0);
            if let Some(e) = &entry {
                check_grades(r, e)?;
            }
            if let Some(e) = &entry
                && e.proposal != proposal
            {
                return Err(DomainError::UnknownProposal(e.proposal));
            }
            let r = &mut w.rounds[ri];
            let old = if let Some(i) = r.tallies.iter().position(|t| t.proposal == proposal) {
                match entry {
                    Some(e) => Some(std::mem::replace(&mut r.tallies[i], e)),
                    None => Some(r.tallies.remove(i)),
                }
            } else {
                r.tallies.extend(entry);
                None
            };
            Ok(Op::SetTally {
                round,
                proposal,
                entry: old,
            })
        }
        other => unreachable!("not a votes op: {other:?}"),
    }
}

/// Action sheets.
fn sheets(w: &mut Workshop, op: Op) -> Result<Op, DomainError> {
    match op {
        Op::InsertSheet { index, sheet } => {
            check_sheet(w, &sheet)?;
            if w.sheet(&sheet.id).is_some() {
                return Err(DomainError::DuplicateSheet(sheet.id.clone()));
            }
            check_position(index, w.sheets.len() + 1)?;
            let id = sheet.id.clone();
            if let Some(n) = id.strip_prefix("FA-").and_then(|n| n.parse::<u32>().ok()) {
                w.next.sheet = w.next.sheet.max(n.saturating_add(1));
            }
            w.sheets.insert(index, *sheet);
            Ok(Op::RemoveSheet(id))
        }
        Op::RemoveSheet(id) => {
            let index = sheet_index(w, &id)?;
            let sheet = w.sheets.remove(index);
            Ok(Op::InsertSheet {
                index,
                sheet: Box::new(sheet),
            })
        }
        Op::ReplaceSheet(sheet) => {
            let index = sheet_index(w, &sheet.id)?;
            check_sheet(w, &sheet)?;
            let old = std::mem::replace(&mut w.sheets[index], *sheet);
            Ok(Op::ReplaceSheet(Box::new(old)))
        }
        Op::EditSheetField { sheet, edit } => {
            let index = sheet_index(w, &sheet)?;
            let new = super::writing::edited(&w.sheets[index], &edit)?;
            from_page(w, index, new, edit.by)
        }
        Op::EditSheetItem { sheet, edit } => {
            let index = sheet_index(w, &sheet)?;
            let new = super::writing::item_edited(&w.sheets[index], &edit)?;
            from_page(w, index, new, edit.by)
        }
        Op::SheetFromPage { sheet, by } => {
            let index = sheet_index(w, &sheet.id)?;
            from_page(w, index, *sheet, by)
        }
        other => unreachable!("not a sheets op: {other:?}"),
    }
}

/// Whether a page's change would change its fiche. A text sent again, an
/// item that reads back as it was, or « Ajouter » pressed twice would not,
/// and is then no step of the history (the facilitator's Ctrl+Z takes
/// back what happened). One the rules refuse counts: its refusal is said.
pub fn changes_a_sheet(w: &Workshop, op: &Op) -> bool {
    let (id, new) = match op {
        Op::EditSheetField { sheet, edit } => (
            sheet,
            w.sheet(sheet).map(|s| super::writing::edited(s, edit)),
        ),
        Op::EditSheetItem { sheet, edit } => (
            sheet,
            w.sheet(sheet).map(|s| super::writing::item_edited(s, edit)),
        ),
        _ => return true,
    };
    match (w.sheet(id), new) {
        (Some(old), Some(Ok(new))) => *old != new,
        _ => true,
    }
}

/// Puts `new` at `index`, written from `by`'s page; its inverse puts the
/// old one back, under the same name.
fn from_page(w: &mut Workshop, index: usize, new: Sheet, by: String) -> Result<Op, DomainError> {
    check_sheet(w, &new)?;
    let old = std::mem::replace(&mut w.sheets[index], new);
    Ok(Op::SheetFromPage {
        sheet: Box::new(old),
        by,
    })
}

/// The phones' join code and the proposals they sent.
fn received(w: &mut Workshop, op: Op) -> Result<Op, DomainError> {
    use super::received::ReceivedState;
    match op {
        Op::SetJoin(code) => {
            if let Some(c) = &code {
                super::vote_rules::check_code(c)?;
            }
            Ok(Op::SetJoin(std::mem::replace(&mut w.join, code)))
        }
        Op::SetPhoneSettings(settings) => {
            let key_ok = settings
                .key
                .as_deref()
                .is_none_or(|k| k.len() == 64 && k.bytes().all(|b| b.is_ascii_hexdigit()));
            if !key_ok {
                return Err(DomainError::BadPhoneKey);
            }
            Ok(Op::SetPhoneSettings(Box::new(std::mem::replace(
                &mut w.phones,
                *settings,
            ))))
        }
        Op::Receive(r) => {
            let text = clean_text(&r.text, super::received::MAX_RECEIVED_CHARS)?;
            if w.received.iter().any(|x| x.id == r.id) {
                return Err(DomainError::UnknownReceived(r.id));
            }
            if let Some(k) = r.axis
                && w.axis(k).is_none()
            {
                return Err(DomainError::UnknownAxis(k));
            }
            super::vote_rules::check_device(&r.device)?;
            let id = r.id;
            w.next.received = w.next.received.max(id.0 + 1);
            w.received.push(super::received::Received { text, ..*r });
            Ok(Op::Unreceive(id))
        }
        Op::Unreceive(id) => {
            let i = w
                .received
                .iter()
                .position(|r| r.id == id)
                .ok_or(DomainError::UnknownReceived(id))?;
            Ok(Op::Receive(Box::new(w.received.remove(i))))
        }
        Op::SetReceived { id, state } => {
            match &state {
                ReceivedState::Accepted { proposal } => {
                    live_proposal(w, *proposal)?;
                }
                ReceivedState::Merged { into } => {
                    w.proposal(*into)
                        .ok_or(DomainError::UnknownProposal(*into))?;
                }
                ReceivedState::Pending | ReceivedState::SetAside { .. } => {}
            }
            let r = w
                .received
                .iter_mut()
                .find(|r| r.id == id)
                .ok_or(DomainError::UnknownReceived(id))?;
            let old = std::mem::replace(&mut r.state, state);
            Ok(Op::SetReceived { id, state: old })
        }
        other => unreachable!("not a received op: {other:?}"),
    }
}

/// Several ops as one: all applied, or none.
fn batch(w: &mut Workshop, ops: Vec<Op>) -> Result<Op, DomainError> {
    let mut inverses = Vec::with_capacity(ops.len());
    for op in ops {
        match apply(w, op) {
            Ok(inverse) => inverses.push(inverse),
            Err(e) => {
                // All or nothing: roll back what this batch did.
                for inverse in inverses.into_iter().rev() {
                    apply(w, inverse).expect("the inverse of an applied op applies");
                }
                return Err(e);
            }
        }
    }
    inverses.reverse();
    Ok(Op::Batch(inverses))
}

/// A personal code is well formed and nobody else's.
fn check_personal_code(w: &Workshop, p: &Participant) -> Result<(), DomainError> {
    let Some(code) = &p.code else { return Ok(()) };
    super::vote_rules::check_code(code)?;
    if w.participants()
        .iter()
        .any(|other| other.id != p.id && other.code.as_ref() == Some(code))
    {
        return Err(DomainError::DuplicateCode(code.clone()));
    }
    Ok(())
}

fn check_position(index: usize, len: usize) -> Result<(), DomainError> {
    if index < len {
        Ok(())
    } else {
        Err(DomainError::BadPosition(index))
    }
}

fn proposal_index(w: &Workshop, id: ProposalId) -> Result<usize, DomainError> {
    w.proposal_index(id).ok_or(DomainError::UnknownProposal(id))
}

fn participant_index(w: &Workshop, id: ParticipantId) -> Result<usize, DomainError> {
    w.participant_index(id)
        .ok_or(DomainError::UnknownParticipant(id))
}

fn round_index(w: &Workshop, id: RoundId) -> Result<usize, DomainError> {
    w.rounds
        .iter()
        .position(|r| r.id == id)
        .ok_or(DomainError::UnknownRound(id))
}

fn sheet_index(w: &Workshop, id: &str) -> Result<usize, DomainError> {
    w.sheets
        .iter()
        .position(|s| s.id == id)
        .ok_or_else(|| DomainError::UnknownSheet(id.to_string()))
}

/// The text and axes of a proposal, as stored, are acceptable.
fn check_proposal_content(w: &Workshop, p: &Proposal) -> Result<(), DomainError> {
    clean_text(&p.text, MAX_PROPOSAL_CHARS)?;
    check_axis_list(w, &p.axes)
}

pub(crate) fn check_axis_list(w: &Workshop, axes: &[u8]) -> Result<(), DomainError> {
    for (i, k) in axes.iter().enumerate() {
        if w.axis(*k).is_none() {
            return Err(DomainError::UnknownAxis(*k));
        }
        if axes[..i].contains(k) {
            return Err(DomainError::DuplicateAxis(*k));
        }
    }
    Ok(())
}

/// A proposal can be deleted only while nothing refers to it: no vote, no
/// shortlist, no merge. Otherwise the record would lose its meaning.
fn check_removable(w: &Workshop, index: usize) -> Result<(), DomainError> {
    let p = &w.proposals[index];
    if let Some(into) = p.merged_into {
        return Err(DomainError::ProposalMerged(p.id, into));
    }
    if w.merged_into(p.id).next().is_some() {
        return Err(DomainError::ProposalHoldsMerges(p.id));
    }
    let referenced = w.rounds.iter().any(|r| {
        r.ballots.iter().any(|b| b.dots.contains_key(&p.id))
            || r.tallies.iter().any(|t| t.proposal == p.id)
            || matches!(&r.scope, Scope::Shortlist(ids) if ids.contains(&p.id))
    });
    if referenced {
        return Err(DomainError::ProposalHasVotes(p.id));
    }
    Ok(())
}

fn check_axes(w: &Workshop, axes: &[Axis]) -> Result<(), DomainError> {
    if axes.is_empty() {
        return Err(DomainError::NoAxis);
    }
    if axes.len() > MAX_AXES {
        return Err(DomainError::TooManyAxes);
    }
    for (i, a) in axes.iter().enumerate() {
        if !(1..=MAX_AXES as u8).contains(&a.key) {
            return Err(DomainError::AxisKeyOutOfRange(a.key));
        }
        if axes[..i].iter().any(|b| b.key == a.key) {
            return Err(DomainError::DuplicateAxis(a.key));
        }
        if a.title.trim().is_empty() || a.short.trim().is_empty() {
            return Err(DomainError::EmptyTitle);
        }
    }
    for old in &w.axes {
        if axes.iter().all(|a| a.key != old.key) {
            let uses = axis_uses(w, old.key);
            if uses > 0 {
                return Err(DomainError::AxisInUse { key: old.key, uses });
            }
        }
    }
    Ok(())
}

/// How many proposals, rounds and sheets refer to an axis.
pub fn axis_uses(w: &Workshop, key: u8) -> usize {
    w.proposals.iter().filter(|p| p.axes.contains(&key)).count()
        + w.rounds
            .iter()
            .filter(|r| r.scope == Scope::Axis(key))
            .count()
        + w.sheets.iter().filter(|s| s.axis == Some(key)).count()
}

fn check_settings(w: &Workshop, s: &RoundSettings) -> Result<(), DomainError> {
    s.check()?;
    match &s.scope {
        Scope::All => Ok(()),
        Scope::Axis(k) => w.axis(*k).map(|_| ()).ok_or(DomainError::UnknownAxis(*k)),
        // Existence only: a shortlisted proposal merged later passes its
        // place to the one it was merged into (see `Workshop::scope_test`).
        Scope::Shortlist(ids) => ids.iter().try_for_each(|id| {
            w.proposal(*id)
                .map(|_| ())
                .ok_or(DomainError::UnknownProposal(*id))
        }),
    }
}

fn check_ballot(w: &Workshop, r: &Round, ballot: &Ballot) -> Result<(), DomainError> {
    if ballot.void {
        // A voided ballot (put back by an undo) counts for nobody.
        if r.mode != Mode::Ballots {
            return Err(DomainError::WrongMode(r.id));
        }
    } else {
        super::vote_rules::may_cast(w, r, ballot.voter)?;
        if let Some(device) = &ballot.device {
            super::vote_rules::check_device(device)?;
            if r.device_voted(device) {
                return Err(DomainError::DeviceVoted);
            }
        }
    }
    if ballot.dots.values().all(|n| *n == 0) {
        return Err(DomainError::EmptyBallot);
    }
    for (id, n) in &ballot.dots {
        if *n == 0 {
            // Zeros are dropped before casting; a stored zero means a bug.
            return Err(DomainError::EmptyBallot);
        }
        check_votable(w, r, *id)?;
    }
    r.check_dots(&ballot.dots)
}

/// A paper count's grades: one count per grade in a judgment round, their
/// sum its total; none in a dots round.
pub(super) fn check_grades(r: &Round, e: &super::round::TallyEntry) -> Result<(), DomainError> {
    let fits = match r.method {
        super::round::Method::Dots => e.grades.is_empty(),
        super::round::Method::Judgment => {
            e.grades.len() == super::judgment::GRADES
                && e.grades.iter().fold(0u32, |a, n| a.saturating_add(*n)) == e.dots
        }
    };
    if fits {
        Ok(())
    } else {
        Err(DomainError::WrongMode(r.id))
    }
}

fn check_sheet(w: &Workshop, sheet: &Sheet) -> Result<(), DomainError> {
    if sheet.title.trim().is_empty() {
        return Err(DomainError::EmptyTitle);
    }
    if let Some(d) = &sheet.drafting {
        super::vote_rules::check_code(&d.code)?;
        let taken = w.join.as_deref() == Some(d.code.as_str())
            || w.sheets
                .iter()
                .any(|s| s.id != sheet.id && s.drafting.as_ref().is_some_and(|o| o.code == d.code));
        if taken {
            return Err(DomainError::DuplicateCode(d.code.clone()));
        }
    }
    if let Some(axis) = sheet.axis
        && w.axis(axis).is_none()
    {
        return Err(DomainError::UnknownAxis(axis));
    }
    for text in [
        &sheet.constat,
        &sheet.description,
        &sheet.gouvernance,
        &sheet.evaluation,
        &sheet.participation,
        &sheet.public_cible.description,
    ] {
        let chars = text.chars().count();
        if chars > MAX_SHEET_FIELD_CHARS {
            return Err(DomainError::TextTooLong {
                chars,
                max: MAX_SHEET_FIELD_CHARS,
            });
        }
    }
    Ok(())
}

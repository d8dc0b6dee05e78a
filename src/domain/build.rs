//! Ready-made ops for the usual gestures. They allocate ids and clean text;
//! checking and applying stays in [`super::ops::apply`].

use super::error::DomainError;
use super::ids::{AxisKey, Fresh, ProposalId, RoundId};
use super::ops::Op;
use super::participant::{College, Participant, fold};
use super::proposal::{MAX_PROPOSAL_CHARS, Proposal, clean_optional, clean_text};
use super::round::{Ballot, Method, Round, RoundSettings, Scope, TallyEntry, Voter, default_dots};
use super::sheet::{Sheet, SourceProposal};
use super::tally::Tally;
use super::time::Stamp;
use super::workshop::Workshop;
use std::collections::BTreeMap;

impl Workshop {
    /// A new proposal at the end of the list.
    pub fn op_add_proposal(
        &self,
        text: &str,
        axes: Vec<AxisKey>,
        author: &str,
        now: Stamp,
    ) -> Result<Op, DomainError> {
        let text = clean_text(text, MAX_PROPOSAL_CHARS)?;
        let id = self.fresh().proposal();
        Ok(Op::InsertProposal {
            index: self.proposals.len(),
            proposal: Proposal {
                id,
                text,
                axes,
                author: clean_optional(author),
                created: Some(now),
                merged_into: None,
                origin: None,
                from_phone: false,
            },
        })
    }

    /// One proposal per non-blank line, as one undo step.
    pub fn op_add_proposals<'a>(
        &self,
        lines: impl IntoIterator<Item = &'a str>,
        axes: Vec<AxisKey>,
        author: &str,
        now: Stamp,
    ) -> Result<Op, DomainError> {
        let mut ops = Vec::new();
        let mut fresh = self.fresh();
        let lines = lines.into_iter().filter(|l| !l.trim().is_empty());
        for (index, line) in (self.proposals.len()..).zip(lines) {
            let text = clean_text(line, MAX_PROPOSAL_CHARS)?;
            ops.push(Op::InsertProposal {
                index,
                proposal: Proposal {
                    id: fresh.proposal(),
                    text,
                    axes: axes.clone(),
                    author: clean_optional(author),
                    created: Some(now),
                    merged_into: None,
                    origin: None,
                    from_phone: false,
                },
            });
        }
        if ops.is_empty() {
            return Err(DomainError::EmptyText);
        }
        Ok(Op::Batch(ops))
    }

    /// The same proposal with new text (and author).
    pub fn op_edit_proposal(
        &self,
        id: ProposalId,
        text: &str,
        author: &str,
        axes: Vec<AxisKey>,
    ) -> Result<Op, DomainError> {
        let mut p = self
            .proposal(id)
            .ok_or(DomainError::UnknownProposal(id))?
            .clone();
        p.text = clean_text(text, MAX_PROPOSAL_CHARS)?;
        p.author = clean_optional(author);
        p.axes = axes;
        Ok(Op::ReplaceProposal(p))
    }

    /// A copy of proposal `id` to put on axis `key`, both known.
    fn proposal_to_tag(&self, id: ProposalId, key: AxisKey) -> Result<Proposal, DomainError> {
        let p = self
            .proposal(id)
            .ok_or(DomainError::UnknownProposal(id))?
            .clone();
        if self.axis(key).is_none() {
            return Err(DomainError::UnknownAxis(key));
        }
        Ok(p)
    }

    /// Makes `key` the primary axis; the other axes stay secondary. It
    /// sets, never toggles: pressing the key of the axis shown keeps it
    /// (clearing is its own key).
    pub fn op_set_primary_axis(&self, id: ProposalId, key: AxisKey) -> Result<Op, DomainError> {
        let mut p = self.proposal_to_tag(id, key)?;
        p.axes.retain(|k| *k != key);
        p.axes.insert(0, key);
        Ok(Op::ReplaceProposal(p))
    }

    /// Adds or removes `key` as a secondary axis. Without a primary axis it
    /// becomes the primary one.
    pub fn op_toggle_secondary_axis(
        &self,
        id: ProposalId,
        key: AxisKey,
    ) -> Result<Op, DomainError> {
        let mut p = self.proposal_to_tag(id, key)?;
        match p.axes.iter().position(|k| *k == key) {
            Some(0) => {}
            Some(i) => {
                p.axes.remove(i);
            }
            None => p.axes.push(key),
        }
        Ok(Op::ReplaceProposal(p))
    }

    pub fn op_add_participant(
        &self,
        name: &str,
        organisation: &str,
        college: Option<College>,
    ) -> Result<Op, DomainError> {
        self.participant_op(&mut self.fresh(), name, organisation, college)
    }

    fn participant_op(
        &self,
        fresh: &mut Fresh,
        name: &str,
        organisation: &str,
        college: Option<College>,
    ) -> Result<Op, DomainError> {
        let name = clean_optional(name);
        if name.is_empty() {
            return Err(DomainError::EmptyName);
        }
        Ok(Op::InsertParticipant {
            index: self.participants.len(),
            participant: Participant {
                id: fresh.participant(),
                name,
                organisation: clean_optional(organisation),
                college,
                code: None,
            },
        })
    }

    /// Several participants at the end of the list, in order, as one step.
    pub fn op_add_participants(
        &self,
        people: &[(String, String, Option<College>)],
    ) -> Result<Op, DomainError> {
        let start = self.participants.len();
        let mut ops = Vec::with_capacity(people.len());
        let mut fresh = self.fresh();
        for (i, (name, organisation, college)) in people.iter().enumerate() {
            let mut op = self.participant_op(&mut fresh, name, organisation, *college)?;
            if let Op::InsertParticipant { index, .. } = &mut op {
                *index = start + i;
            }
            ops.push(op);
        }
        Ok(Op::Batch(ops))
    }

    /// Settings for a new round on `scope`, with the usual defaults.
    /// The rules a new round starts from, named `name` (the app words it:
    /// "Tour 2", "Round 2").
    pub fn default_round_settings(
        &self,
        scope: Scope,
        default_cap: u32,
        name: String,
    ) -> RoundSettings {
        let test = self.scope_test(&scope);
        let n = self.live_proposals().filter(|p| test.contains(p)).count();
        let dots = default_dots(n);
        RoundSettings {
            name,
            scope,
            mode: super::round::Mode::Ballots,
            method: Method::Dots,
            dots_per_voter: dots,
            max_per_proposal: default_cap.clamp(1, dots),
            winners: 5,
            shuffled: true,
        }
    }

    pub fn op_new_round(&self, settings: RoundSettings, now: Stamp) -> Result<Op, DomainError> {
        settings.check()?;
        let id = self.fresh().round();
        let mut round = Round {
            id,
            name: String::new(),
            scope: Scope::All,
            mode: settings.mode,
            method: settings.method,
            dots_per_voter: 1,
            max_per_proposal: 1,
            winners: 1,
            open: true,
            revealed: false,
            runoff_of: None,
            settled_by: None,
            origin: None,
            created: Some(now),
            ballots: Vec::new(),
            tallies: Vec::new(),
            phones: crate::domain::round::PhoneVoters::default(),
            order_seed: None,
        };
        round.set_settings(settings);
        Ok(Op::InsertRound {
            index: self.rounds.len(),
            round: Box::new(round),
        })
    }

    /// The tie a runoff of `round` would settle: the proposals still tied
    /// at its cut line (after its revealed runoffs) and the places left.
    pub fn tie_to_settle(&self, round: RoundId) -> Result<(Vec<ProposalId>, u32), DomainError> {
        let r = self.round(round).ok_or(DomainError::UnknownRound(round))?;
        let outcome = self.outcome(r, &Tally::compute(self, r));
        if outcome.tied.is_empty() {
            return Err(DomainError::EmptyShortlist);
        }
        Ok((outcome.tied, outcome.places.max(1)))
    }

    /// A runoff on the proposals tied at the cut line of `round`: one dot
    /// per place left, one dot per proposal. `name` is worded by the app.
    pub fn op_new_runoff(
        &self,
        round: RoundId,
        name: String,
        now: Stamp,
    ) -> Result<Op, DomainError> {
        let (tied, places) = self.tie_to_settle(round)?;
        let (mode, method, shuffled) = self
            .round(round)
            .map_or((super::round::Mode::Ballots, Method::Dots, true), |r| {
                (r.mode, r.method, r.order_seed.is_some())
            });
        let settings = RoundSettings {
            name,
            scope: Scope::Shortlist(tied),
            mode,
            method,
            dots_per_voter: places,
            max_per_proposal: 1,
            winners: places,
            shuffled,
        };
        let mut op = self.op_new_round(settings, now)?;
        if let Op::InsertRound { round: new, .. } = &mut op {
            new.runoff_of = Some(round);
        }
        Ok(op)
    }

    /// Shows (or hides) a round's results to the room; the round is closed.
    /// Revealing a runoff records, in the round it settles, that it did.
    pub fn op_reveal(&self, round: RoundId, reveal: bool) -> Result<Op, DomainError> {
        let r = self.round(round).ok_or(DomainError::UnknownRound(round))?;
        let state = Op::SetRoundState {
            round,
            open: false,
            revealed: reveal,
        };
        let Some(parent) = r.runoff_of.filter(|p| self.round(*p).is_some()) else {
            return Ok(state);
        };
        // After this change, the latest revealed runoff settles the tie.
        let by = self
            .rounds
            .iter()
            .filter(|x| x.runoff_of == Some(parent))
            .filter(|x| if x.id == round { reveal } else { x.revealed })
            .map(|x| x.id)
            .next_back();
        Ok(Op::Batch(vec![
            state,
            Op::SetSettledBy { round: parent, by },
        ]))
    }

    pub fn op_cast_ballot(
        &self,
        round: RoundId,
        voter: Voter,
        dots: &BTreeMap<ProposalId, u32>,
        now: Stamp,
    ) -> Result<Op, DomainError> {
        let r = self.round(round).ok_or(DomainError::UnknownRound(round))?;
        Ok(Op::CastBallot {
            round,
            index: r.ballots.len(),
            ballot: Ballot::new(voter, dots, now, None),
        })
    }

    pub fn op_set_tally(
        &self,
        round: RoundId,
        proposal: ProposalId,
        dots: u32,
        by: &str,
        now: Stamp,
    ) -> Op {
        Op::SetTally {
            round,
            proposal,
            entry: (dots > 0).then(|| TallyEntry {
                proposal,
                dots,
                grades: Vec::new(),
                by: by.to_string(),
                at: Some(now),
            }),
        }
    }

    /// A paper count by majority judgment: `n` voters gave `proposal` the
    /// grade `grade` (0 = "Excellent"); the other grades' counts stay.
    pub fn op_set_grade_count(
        &self,
        round: RoundId,
        proposal: ProposalId,
        grade: u8,
        n: u32,
        by: &str,
        now: Stamp,
    ) -> Result<Op, DomainError> {
        let r = self.round(round).ok_or(DomainError::UnknownRound(round))?;
        let mut grades = r
            .tally_entry(proposal)
            .map(|e| e.grades.clone())
            .unwrap_or_default();
        grades.resize(super::judgment::GRADES, 0);
        let slot = grades
            .get_mut(usize::from(grade))
            .ok_or(DomainError::NoSuchGrade {
                proposal,
                grade: u32::from(grade) + 1,
            })?;
        *slot = n;
        let dots = grades.iter().fold(0u32, |a, n| a.saturating_add(*n));
        Ok(Op::SetTally {
            round,
            proposal,
            entry: (dots > 0).then(|| TallyEntry {
                proposal,
                dots,
                grades,
                by: by.to_string(),
                at: Some(now),
            }),
        })
    }

    /// A draft sheet from a winning proposal, pre-filled with what the room
    /// said about it and the votes it received.
    pub fn op_draft_sheet(
        &self,
        proposal: ProposalId,
        round: Option<RoundId>,
        votes: u32,
    ) -> Result<Op, DomainError> {
        self.draft_sheet_op(&mut self.fresh(), proposal, round, votes)
    }

    /// Draft sheets from several proposals with their votes, in that
    /// order after the existing sheets, as one step.
    pub fn op_draft_sheets(
        &self,
        proposals: &[(ProposalId, u32)],
        round: Option<RoundId>,
    ) -> Result<Op, DomainError> {
        let mut fresh = self.fresh();
        let mut ops = Vec::with_capacity(proposals.len());
        for (i, (proposal, votes)) in proposals.iter().enumerate() {
            let mut op = self.draft_sheet_op(&mut fresh, *proposal, round, *votes)?;
            if let Op::InsertSheet { index, .. } = &mut op {
                *index = self.sheets.len() + i;
            }
            ops.push(op);
        }
        Ok(Op::Batch(ops))
    }

    fn draft_sheet_op(
        &self,
        fresh: &mut Fresh,
        proposal: ProposalId,
        round: Option<RoundId>,
        votes: u32,
    ) -> Result<Op, DomainError> {
        let p = self
            .proposal(proposal)
            .ok_or(DomainError::UnknownProposal(proposal))?
            .clone();
        // An untagged proposal gives a sheet whose axis is to complete,
        // never a guess.
        let axis = p.primary_axis();
        let mut sources = vec![SourceProposal {
            id: p.id,
            text: p.text.clone(),
            author: p.author.clone(),
        }];
        let mut stack = vec![p.id];
        while let Some(id) = stack.pop() {
            for child in self.merged_into(id) {
                sources.push(SourceProposal {
                    id: child.id,
                    text: child.text.clone(),
                    author: child.author.clone(),
                });
                stack.push(child.id);
            }
        }
        let number = fresh.sheet_number(|n| self.has_sheet_number(n));
        let mut sheet = Sheet::blank(number, sheet_title(&p.text), axis);
        sheet.territoire.clone_from(&self.workshop.territory);
        sheet.origin.workshop.clone_from(&self.workshop.title);
        sheet.origin.round = round;
        sheet.origin.votes = votes;
        sheet.origin.proposals = sources;
        Ok(Op::InsertSheet {
            index: self.sheets.len(),
            sheet: Box::new(sheet),
        })
    }
}

/// A sheet title from a proposal: its first line, at most 120 characters,
/// cut at a word with an ellipsis.
pub fn sheet_title(text: &str) -> String {
    let first = text.lines().next().unwrap_or_default().trim();
    if first.chars().count() <= 120 {
        return first.to_string();
    }
    let cut: String = first.chars().take(119).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > 60 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

/// Proposals whose text matches `query` (accent- and case-insensitive).
pub fn matches(text: &str, author: &str, query_folded: &str) -> bool {
    query_folded.is_empty()
        || fold(text).contains(query_folded)
        || fold(author).contains(query_folded)
}

/// The fiches written by the room: opening them to their groups, locking
/// a field.
impl Workshop {
    /// The sheet whose page opens with `code`, if drafting is on for it.
    pub fn sheet_by_code(&self, code: &str) -> Option<&super::Sheet> {
        self.sheets()
            .iter()
            .find(|s| s.drafting.as_ref().is_some_and(|d| d.code == code))
    }

    /// Whether some fiche has a page, open or closed (a closed one shows
    /// the fiche to read): the server answers them.
    pub fn pages_served(&self) -> bool {
        self.sheets().iter().any(|s| s.drafting.is_some())
    }

    /// Whether some fiche is open to its group now.
    pub fn drafting_open(&self) -> bool {
        self.sheets()
            .iter()
            .any(|s| s.drafting.as_ref().is_some_and(|d| !d.closed && !d.hidden))
    }

    /// Opens every sheet to its group (one step): each gets a code from
    /// `codes` (drawn by the caller), and a fiche closed earlier opens
    /// again under its own code. Closes them all when `open` is false.
    pub fn op_set_drafting(
        &self,
        open: bool,
        codes: &mut dyn FnMut() -> String,
    ) -> Result<Op, DomainError> {
        let mut ops = Vec::new();
        let mut taken = self.page_codes();
        for s in self.sheets() {
            let mut sheet = s.clone();
            match (&mut sheet.drafting, open) {
                (Some(d), _) => d.closed = !open,
                (None, true) => {
                    let code = fresh_code(&taken, codes);
                    taken.push(code.clone());
                    sheet.drafting = Some(super::drafting::Drafting {
                        code,
                        ..super::drafting::Drafting::default()
                    });
                }
                (None, false) => continue,
            }
            if sheet != *s {
                ops.push(Op::ReplaceSheet(Box::new(sheet)));
            }
        }
        if ops.is_empty() {
            return Err(DomainError::DraftingClosed);
        }
        Ok(Op::Batch(ops))
    }

    /// Every code in use: the workshop's and the fiches' pages'.
    fn page_codes(&self) -> Vec<String> {
        let mut taken: Vec<String> = self.join().map(String::from).into_iter().collect();
        taken.extend(
            self.sheets()
                .iter()
                .filter_map(|s| s.drafting.as_ref().map(|d| d.code.clone())),
        );
        taken
    }

    /// A code for a fiche's page that no page nor the workshop uses.
    pub fn fresh_page_code(&self, codes: &mut dyn FnMut() -> String) -> String {
        fresh_code(&self.page_codes(), codes)
    }

    /// `sheet` with `fields` kept from its group, or given back.
    pub fn op_lock_fields(
        &self,
        sheet: &str,
        fields: &[super::drafting::FieldKey],
        locked: bool,
    ) -> Result<Op, DomainError> {
        let mut s = self
            .sheet(sheet)
            .ok_or_else(|| DomainError::UnknownSheet(sheet.to_string()))?
            .clone();
        let d = s.drafting.as_mut().ok_or(DomainError::DraftingClosed)?;
        d.locked.retain(|f| !fields.contains(f));
        if locked {
            d.locked.extend_from_slice(fields);
            d.locked.sort();
        }
        Ok(Op::ReplaceSheet(Box::new(s)))
    }
}

/// The first of `codes` not `taken`.
fn fresh_code(taken: &[String], codes: &mut dyn FnMut() -> String) -> String {
    loop {
        let c = codes();
        if !taken.contains(&c) {
            return c;
        }
    }
}

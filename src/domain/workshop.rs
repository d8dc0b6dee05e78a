//! A workshop: everything one concertation meeting produces, kept in one
//! TOML file.

use super::axis::{Axis, pacte_axes};
use super::ids::{AxisKey, Counters, Fresh, ParticipantId, ProposalId, RoundId};
use super::participant::Participant;
use super::proposal::Proposal;
use super::round::Round;
use super::sheet::Sheet;
use super::time::Date;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// The file format this build writes. Older formats are migrated on load.
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(clippy::struct_field_names)] // `workshop` is the file's [workshop] table.
pub struct Workshop {
    pub(in crate::domain) format: u32,
    pub(in crate::domain) workshop: Details,
    #[serde(default)]
    pub(in crate::domain) next: Counters,
    pub(in crate::domain) axes: Vec<Axis>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(in crate::domain) agenda: Vec<AgendaItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(in crate::domain) participants: Vec<Participant>,
    /// Shared, so that a snapshot for the writer copies pointers, not text:
    /// an edit clones only the proposal it changes (`Arc::make_mut`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(in crate::domain) proposals: Vec<Arc<Proposal>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(in crate::domain) rounds: Vec<Round>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(in crate::domain) sheets: Vec<Sheet>,
    /// The code phones join this workshop with (`http://…/K7MHQX`), made
    /// when phones first take part; kept so a restarted app keeps its URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(in crate::domain) join: Option<String>,
    /// The phones' server: its key, and what it was serving, so that a
    /// restarted app knows its phones and serves them again.
    #[serde(default, skip_serializing_if = "PhoneSettings::is_empty")]
    pub(in crate::domain) phones: PhoneSettings,
    /// Proposals sent from phones, accepted or not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(in crate::domain) received: Vec<super::received::Received>,
    /// Time spent on each phase, kept across restarts.
    #[serde(default, skip_serializing_if = "TimeSpent::is_empty")]
    pub(in crate::domain) time_spent: TimeSpent,
    /// The similarity suggestions turned down.
    #[serde(default, skip_serializing_if = "super::dismissed::Dismissed::is_empty")]
    pub(in crate::domain) dismissed: super::dismissed::Dismissed,
    /// Positions of proposals and participants by id (a cache).
    #[serde(skip)]
    pub(in crate::domain) proposal_ids: super::index::IdIndex<ProposalId>,
    #[serde(skip)]
    pub(in crate::domain) participant_ids: super::index::IdIndex<ParticipantId>,
}

/// What the phones' server keeps in the file. Measured state, like the
/// timer: saved, but no step of the undo history.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhoneSettings {
    /// The secret (hex) that phone identities and form tokens are signed
    /// with: only what this workshop's server issued is a phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Phones were sending proposals when the app last ran.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub proposing: bool,
    /// Phones were voting in this round when the app last ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voting: Option<RoundId>,
}

impl PhoneSettings {
    pub fn is_empty(&self) -> bool {
        *self == PhoneSettings::default()
    }
}

/// The phase timer's record: the phase it runs for and the seconds spent on
/// each phase. Time is measured, not edited: its changes are saved but are
/// no step of the undo history.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeSpent {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<Phase>,
    /// Seconds, by phase (`capture = 1260`).
    #[serde(default)]
    pub seconds: std::collections::BTreeMap<Phase, u64>,
}

impl TimeSpent {
    pub fn is_empty(&self) -> bool {
        self.phase.is_none() && self.seconds.values().all(|s| *s == 0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Details {
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub territory: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub facilitator: String,
    /// The question put to the room, shown large when projecting.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub question: String,
}

impl Details {
    /// `Title — Territory — 2024-03-14`, leaving out what is not filled.
    pub fn heading(&self) -> String {
        let mut line = self.title.clone();
        if !self.territory.is_empty() {
            line.push_str(&format!(" — {}", self.territory));
        }
        if let Some(d) = self.date {
            line.push_str(&format!(" — {d}"));
        }
        line
    }
}

/// The phases of a workshop, in their usual order. Any can be revisited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Setup,
    Capture,
    Tag,
    Vote,
    Results,
    Sheets,
}

impl Phase {
    pub const ALL: [Phase; 6] = [
        Phase::Setup,
        Phase::Capture,
        Phase::Tag,
        Phase::Vote,
        Phase::Results,
        Phase::Sheets,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Phase::Setup => "setup",
            Phase::Capture => "capture",
            Phase::Tag => "tag",
            Phase::Vote => "vote",
            Phase::Results => "results",
            Phase::Sheets => "sheets",
        }
    }
}

/// One timeboxed step of the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    pub phase: Phase,
    pub minutes: u32,
}

/// A two-and-a-half-hour concertation, as facilitators usually plan it.
pub fn default_agenda() -> Vec<AgendaItem> {
    [
        (Phase::Setup, 10),
        (Phase::Capture, 45),
        (Phase::Tag, 20),
        (Phase::Vote, 20),
        (Phase::Results, 15),
        (Phase::Sheets, 40),
    ]
    .into_iter()
    .map(|(phase, minutes)| AgendaItem { phase, minutes })
    .collect()
}

impl Workshop {
    // Read access. The fields are the domain's: a change goes through an
    // `Op` (so that it can be undone and is saved), nowhere else.

    pub fn format(&self) -> u32 {
        self.format
    }

    pub fn details(&self) -> &Details {
        &self.workshop
    }

    pub fn next(&self) -> &Counters {
        &self.next
    }

    pub fn axes(&self) -> &[Axis] {
        &self.axes
    }

    pub fn agenda(&self) -> &[AgendaItem] {
        &self.agenda
    }

    pub fn participants(&self) -> &[Participant] {
        &self.participants
    }

    pub fn proposals(&self) -> &[Arc<Proposal>] {
        &self.proposals
    }

    pub fn rounds(&self) -> &[Round] {
        &self.rounds
    }

    pub fn sheets(&self) -> &[Sheet] {
        &self.sheets
    }

    pub fn time_spent(&self) -> &TimeSpent {
        &self.time_spent
    }

    pub fn join(&self) -> Option<&str> {
        self.join.as_deref()
    }

    pub fn dismissed(&self) -> &super::dismissed::Dismissed {
        &self.dismissed
    }

    pub fn phone_settings(&self) -> &PhoneSettings {
        &self.phones
    }

    pub fn received(&self) -> &[super::received::Received] {
        &self.received
    }

    pub fn received_one(&self, id: super::ids::ReceivedId) -> Option<&super::received::Received> {
        self.received.iter().find(|r| r.id == id)
    }

    /// A new workshop on the four Pacte axes.
    pub fn new(details: Details) -> Workshop {
        Workshop {
            format: FORMAT,
            workshop: details,
            next: Counters::default(),
            axes: pacte_axes(),
            agenda: default_agenda(),
            participants: Vec::new(),
            proposals: Vec::new(),
            rounds: Vec::new(),
            sheets: Vec::new(),
            join: None,
            phones: PhoneSettings::default(),
            received: Vec::new(),
            time_spent: TimeSpent::default(),
            dismissed: super::dismissed::Dismissed::default(),
            proposal_ids: super::index::IdIndex::default(),
            participant_ids: super::index::IdIndex::default(),
        }
    }

    pub fn axis(&self, key: AxisKey) -> Option<&Axis> {
        self.axes.iter().find(|a| a.key == key)
    }

    pub fn proposal(&self, id: ProposalId) -> Option<&Proposal> {
        self.proposal_index(id).map(|i| &*self.proposals[i])
    }

    pub fn proposal_index(&self, id: ProposalId) -> Option<usize> {
        self.proposal_ids.position(&self.proposals, |p| p.id, id)
    }

    pub fn participant(&self, id: ParticipantId) -> Option<&Participant> {
        self.participant_index(id).map(|i| &self.participants[i])
    }

    pub fn participant_index(&self, id: ParticipantId) -> Option<usize> {
        self.participant_ids
            .position(&self.participants, |p| p.id, id)
    }

    pub fn round(&self, id: RoundId) -> Option<&Round> {
        self.rounds.iter().find(|r| r.id == id)
    }

    pub fn sheet(&self, id: &str) -> Option<&Sheet> {
        self.sheets.iter().find(|s| s.id == id)
    }

    /// Proposals not merged into another one: those the room works with.
    pub fn live_proposals(&self) -> impl Iterator<Item = &Proposal> {
        self.proposals
            .iter()
            .map(|p| &**p)
            .filter(|p| !p.is_merged())
    }

    /// `items` grouped by axis, as every list "by axis" shows them: the
    /// axes in their order, then the untagged; empty groups left out, each
    /// group in the items' order. One pass over the items.
    pub fn group_by_axis<T>(
        &self,
        items: impl IntoIterator<Item = T>,
        axis_of: impl Fn(&T) -> Option<AxisKey>,
    ) -> Vec<(Option<AxisKey>, Vec<T>)> {
        let mut groups: Vec<(Option<AxisKey>, Vec<T>)> = self
            .axes
            .iter()
            .map(|a| Some(a.key))
            .chain([None])
            .map(|g| (g, Vec::new()))
            .collect();
        for item in items {
            let key = axis_of(&item);
            if let Some(group) = groups.iter_mut().find(|(g, _)| *g == key) {
                group.1.push(item);
            }
        }
        groups.retain(|(_, members)| !members.is_empty());
        groups
    }

    /// Proposals merged directly into `id`.
    pub fn merged_into(&self, id: ProposalId) -> impl Iterator<Item = &Proposal> {
        self.proposals
            .iter()
            .map(|p| &**p)
            .filter(move |p| p.merged_into == Some(id))
    }

    /// Where each merged proposal went: the map that resolves a ballot's
    /// dots to the proposal that now carries them.
    pub fn merge_map(&self) -> HashMap<ProposalId, ProposalId> {
        self.proposals
            .iter()
            .filter_map(|p| p.merged_into.map(|into| (p.id, into)))
            .collect()
    }

    /// Which live proposals `scope` takes, in this workshop.
    pub fn scope_test<'a>(&self, scope: &'a super::round::Scope) -> super::round::ScopeTest<'a> {
        super::round::ScopeTest::new(scope, &self.merge_map())
    }

    /// Ids for the ops about to be built. Only applying an op that inserts
    /// an id moves the workshop's counters, so an op refused on the way
    /// leaves memory exactly as it is on disk.
    pub fn fresh(&self) -> Fresh {
        Fresh(self.next)
    }

    /// The first `FA-NN` number from the counter on that no sheet uses.
    pub fn free_sheet_number(&self) -> u32 {
        self.fresh().sheet_number(|n| self.has_sheet_number(n))
    }

    pub fn has_sheet_number(&self, n: u32) -> bool {
        self.sheet(&format!("FA-{n:02}")).is_some()
    }

    /// Raises the counters above every id in use (after a hand edit).
    pub fn repair_counters(&mut self) {
        let max_p = self.proposals.iter().map(|p| p.id.0).max().unwrap_or(0);
        let max_pa = self.participants.iter().map(|p| p.id.0).max().unwrap_or(0);
        let max_r = self.rounds.iter().map(|r| r.id.0).max().unwrap_or(0);
        let max_s = self
            .sheets
            .iter()
            .filter_map(|s| s.id.strip_prefix("FA-")?.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        self.next.proposal = self.next.proposal.max(max_p + 1);
        self.next.participant = self.next.participant.max(max_pa + 1);
        self.next.round = self.next.round.max(max_r + 1);
        self.next.sheet = self.next.sheet.max(max_s + 1);
    }

    /// Counts of live proposals per primary axis, and untagged ones.
    pub fn counts_per_axis(&self) -> (Vec<(AxisKey, usize)>, usize) {
        let mut counts: Vec<(AxisKey, usize)> = self.axes.iter().map(|a| (a.key, 0)).collect();
        let mut untagged = 0;
        for p in self.live_proposals() {
            match p.primary_axis() {
                Some(k) => {
                    if let Some(c) = counts.iter_mut().find(|(key, _)| *key == k) {
                        c.1 += 1;
                    }
                }
                None => untagged += 1,
            }
        }
        (counts, untagged)
    }
}

/// Raw access for tests that build what only a hand-edited file (or a
/// bug) could hold: the app itself changes a workshop through ops only.
#[cfg(test)]
impl Workshop {
    pub(crate) fn details_mut(&mut self) -> &mut Details {
        &mut self.workshop
    }

    pub(crate) fn next_mut(&mut self) -> &mut Counters {
        &mut self.next
    }

    pub(crate) fn axes_mut(&mut self) -> &mut Vec<Axis> {
        &mut self.axes
    }

    pub(crate) fn participants_mut(&mut self) -> &mut Vec<Participant> {
        self.participant_ids.forget();
        &mut self.participants
    }

    pub(crate) fn proposals_mut(&mut self) -> &mut Vec<Arc<Proposal>> {
        self.proposal_ids.forget();
        &mut self.proposals
    }

    pub(crate) fn rounds_mut(&mut self) -> &mut Vec<Round> {
        &mut self.rounds
    }

    pub(crate) fn sheets_mut(&mut self) -> &mut Vec<Sheet> {
        &mut self.sheets
    }
}

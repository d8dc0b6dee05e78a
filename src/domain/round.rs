//! Dot-voting rounds. Every ballot is stored as cast (never only a total),
//! so a result can always be recomputed and audited.

use super::error::DomainError;
pub use super::ids::Voter;
use super::ids::{AxisKey, ProposalId, RoundId};
use super::proposal::Proposal;
use super::proposal::resolve;
use super::time::Stamp;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error as _};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

/// Which proposals a round is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    Axis(AxisKey),
    /// Proposals the facilitator marked (and the tied ones of a runoff).
    Shortlist(Vec<ProposalId>),
}

/// How the dots reach atelier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Paper stickers on the wall; the facilitator types each total
    /// (`tally` in the file).
    #[serde(rename = "tally")]
    Paper,
    /// Each voter comes to the keyboard in turn and votes privately.
    Ballots,
}

/// How a round's voters say what they think of each proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Dots: a budget to spread, a cap per proposal.
    #[default]
    Dots,
    /// Majority judgment: every proposal gets a grade on one scale (see
    /// `judgment`). A ballot's `dots` then hold each grade's place on the
    /// scale, 1 for "Excellent" to 7 for "À rejeter".
    Judgment,
}

impl Method {
    pub fn is_dots(&self) -> bool {
        *self == Method::Dots
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Method::Dots => "vote.method_dots",
            Method::Judgment => "vote.method_judgment",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ballot {
    pub voter: Voter,
    /// Dots given per proposal; only non-zero counts are kept.
    pub dots: BTreeMap<ProposalId, u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cast: Option<Stamp>,
    /// Voided by the facilitator (so the voter may vote again). Kept for the
    /// record, never counted.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub void: bool,
    /// The phone it came from, as a key of this round only (a hash of the
    /// phone's secret token and the round): the latest ballot of a phone
    /// counts. `None` for the keyboard booth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
}

impl Ballot {
    /// A new ballot of `voter`, cast at `now`, keeping only the dots given
    /// (a count of zero is no dot).
    pub fn new(
        voter: Voter,
        dots: &BTreeMap<ProposalId, u32>,
        now: Stamp,
        device: Option<String>,
    ) -> Ballot {
        Ballot {
            voter,
            dots: dots
                .iter()
                .filter(|(_, n)| **n > 0)
                .map(|(k, v)| (*k, *v))
                .collect(),
            cast: Some(now),
            void: false,
            device,
        }
    }

    pub fn spent(&self) -> u32 {
        self.dots.values().sum()
    }
}

/// A paper total typed by the facilitator, with who typed it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TallyEntry {
    pub proposal: ProposalId,
    /// The dots counted; in a judgment round, every grade counted.
    pub dots: u32,
    /// A judgment round: how many gave each grade, best first (`dots` is
    /// their sum). Empty in a dots round.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grades: Vec<u32>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Stamp>,
}

/// The rules of a round, changed together so they are checked together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundSettings {
    pub name: String,
    pub scope: Scope,
    pub mode: Mode,
    pub method: Method,
    pub dots_per_voter: u32,
    pub max_per_proposal: u32,
    /// Where the cut line is: how many proposals the room wants to keep.
    pub winners: u32,
    /// Each voter sees the proposals in their own order (see `order`).
    pub shuffled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    pub id: RoundId,
    pub name: String,
    pub scope: Scope,
    pub mode: Mode,
    #[serde(default, skip_serializing_if = "Method::is_dots")]
    pub method: Method,
    pub dots_per_voter: u32,
    pub max_per_proposal: u32,
    #[serde(default = "default_winners")]
    pub winners: u32,
    pub open: bool,
    pub revealed: bool,
    /// The round whose tie at the cut line this runoff settles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runoff_of: Option<RoundId>,
    /// The revealed runoff that settled this round's tie at the cut line:
    /// the record of the decision (see `Workshop::outcome`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled_by: Option<RoundId>,
    /// Carried from another workshop by a synthesis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<super::source::Source>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<Stamp>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ballots: Vec<Ballot>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tallies: Vec<TallyEntry>,
    /// Who votes from phones in this round.
    #[serde(default, skip_serializing_if = "PhoneVoters::is_anonymous")]
    pub phones: PhoneVoters,
    /// Present when each voter sees the proposals in their own order: the
    /// seed an audit replays it from (see `order`). Absent, every voter
    /// sees the workshop's order (and files written before it existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_seed: Option<u32>,
}

/// Who votes from phones in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhoneVoters {
    /// One phone, one anonymous voter.
    #[default]
    Anonymous,
    /// Each phone picks its name in the participants list, once.
    Named,
    /// Each participant has a personal code (printed); a code votes once,
    /// from whichever phone.
    Codes,
}

impl PhoneVoters {
    pub const ALL: [PhoneVoters; 3] = [
        PhoneVoters::Anonymous,
        PhoneVoters::Named,
        PhoneVoters::Codes,
    ];

    pub fn is_anonymous(&self) -> bool {
        *self == PhoneVoters::Anonymous
    }

    pub fn label_key(self) -> &'static str {
        match self {
            PhoneVoters::Anonymous => "phones.voters_anonymous",
            PhoneVoters::Named => "phones.voters_named",
            PhoneVoters::Codes => "phones.voters_codes",
        }
    }
}

/// A round's seed, from what the file already records of it (its number
/// and when it was created): the same round always gets the same seed.
pub fn order_seed_for(round: RoundId, created: Option<Stamp>) -> u32 {
    let stamp = created.map_or(0, |s| s.0.and_utc().timestamp());
    let mut h = super::hash::Fnv::new();
    h.write(&round.0.to_le_bytes());
    h.write(&stamp.to_le_bytes());
    // Folding the 64-bit hash keeps the seed a TOML integer (an i64).
    let v = super::hash::mix(h.0);
    (v ^ (v >> 32)) as u32
}

fn default_winners() -> u32 {
    5
}

/// Dots per voter for `n` proposals in scope: a third of them, at least 3
/// and at most 10 — enough to choose, few enough to force priorities.
pub fn default_dots(n: usize) -> u32 {
    (n / 3).clamp(3, 10) as u32
}

pub const DEFAULT_CAP: u32 = 3;

impl RoundSettings {
    pub fn check(&self) -> Result<(), DomainError> {
        if self.name.trim().is_empty() {
            return Err(DomainError::EmptyName);
        }
        // Grades have no budget.
        if self.method == Method::Dots && self.dots_per_voter == 0 {
            return Err(DomainError::ZeroBudget);
        }
        if self.method == Method::Dots && self.max_per_proposal == 0 {
            return Err(DomainError::ZeroCap);
        }
        if self.method == Method::Dots && self.max_per_proposal > self.dots_per_voter {
            return Err(DomainError::CapAboveBudget {
                cap: self.max_per_proposal,
                budget: self.dots_per_voter,
            });
        }
        if self.winners == 0 {
            return Err(DomainError::ZeroWinners);
        }
        if let Scope::Shortlist(ids) = &self.scope
            && ids.is_empty()
        {
            return Err(DomainError::EmptyShortlist);
        }
        Ok(())
    }
}

/// Why a stored ballot no longer fits the round's current rules. Such
/// ballots are shown to the facilitator, never trimmed behind their back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BallotFlag {
    OverBudget {
        spent: u32,
        budget: u32,
    },
    OverCap {
        proposal: ProposalId,
        dots: u32,
        cap: u32,
    },
}

impl Round {
    pub fn settings(&self) -> RoundSettings {
        RoundSettings {
            name: self.name.clone(),
            scope: self.scope.clone(),
            mode: self.mode,
            method: self.method,
            dots_per_voter: self.dots_per_voter,
            max_per_proposal: self.max_per_proposal,
            winners: self.winners,
            shuffled: self.order_seed.is_some(),
        }
    }

    pub fn set_settings(&mut self, s: RoundSettings) {
        self.name = s.name;
        self.scope = s.scope;
        self.mode = s.mode;
        self.method = s.method;
        self.dots_per_voter = s.dots_per_voter;
        self.max_per_proposal = s.max_per_proposal;
        self.winners = s.winners;
        // Turned off then on again, a round finds its seed again.
        let seed = self
            .order_seed
            .unwrap_or_else(|| order_seed_for(self.id, self.created));
        self.order_seed = s.shuffled.then_some(seed);
    }

    /// Ballots that count: not voided.
    pub fn counted_ballots(&self) -> impl Iterator<Item = &Ballot> {
        self.ballots.iter().filter(|b| !b.void)
    }

    pub fn has_voted(&self, voter: Voter) -> bool {
        self.counted_ballots().any(|b| b.voter == voter)
    }

    /// Whether the phone known as `device` has a counted ballot here.
    pub fn device_voted(&self, device: &str) -> bool {
        self.counted_ballots()
            .any(|b| b.device.as_deref() == Some(device))
    }

    pub fn has_votes(&self) -> bool {
        !self.ballots.is_empty() || !self.tallies.is_empty()
    }

    /// The next free anonymous voter number.
    pub fn next_anonymous(&self) -> u32 {
        self.ballots
            .iter()
            .filter_map(|b| match b.voter {
                Voter::Anonymous(n) => Some(n),
                Voter::Participant(_) => None,
            })
            .max()
            .map_or(1, |n| n + 1)
    }

    /// The most one proposal may get: the cap of dots, or the last grade.
    pub fn mark_cap(&self) -> u32 {
        match self.method {
            Method::Dots => self.max_per_proposal,
            Method::Judgment => super::judgment::GRADES as u32,
        }
    }

    /// Checks a ballot's dots against the budget and the cap (a judgment
    /// round's grades against the scale).
    pub fn check_dots(&self, dots: &BTreeMap<ProposalId, u32>) -> Result<(), DomainError> {
        if self.method == Method::Judgment {
            return match dots.iter().find(|(_, n)| **n > self.mark_cap()) {
                Some((proposal, n)) => Err(DomainError::NoSuchGrade {
                    proposal: *proposal,
                    grade: *n,
                }),
                None => Ok(()),
            };
        }
        if let Some((proposal, n)) = dots.iter().find(|(_, n)| **n > self.max_per_proposal) {
            return Err(DomainError::OverCap {
                proposal: *proposal,
                dots: *n,
                cap: self.max_per_proposal,
            });
        }
        let spent: u32 = dots.values().sum();
        if spent > self.dots_per_voter {
            return Err(DomainError::OverBudget {
                spent,
                budget: self.dots_per_voter,
            });
        }
        Ok(())
    }

    /// Stored ballots that exceed the current rules, by index.
    pub fn flagged_ballots(&self) -> Vec<(usize, BallotFlag)> {
        let mut flags = Vec::new();
        if self.method == Method::Judgment {
            // Grades have no budget, and are checked on the scale as cast.
            return flags;
        }
        for (i, b) in self.ballots.iter().enumerate().filter(|(_, b)| !b.void) {
            let spent = b.spent();
            if spent > self.dots_per_voter {
                flags.push((
                    i,
                    BallotFlag::OverBudget {
                        spent,
                        budget: self.dots_per_voter,
                    },
                ));
            }
            for (p, n) in &b.dots {
                if *n > self.max_per_proposal {
                    flags.push((
                        i,
                        BallotFlag::OverCap {
                            proposal: *p,
                            dots: *n,
                            cap: self.max_per_proposal,
                        },
                    ));
                }
            }
        }
        flags
    }

    pub fn tally_entry(&self, proposal: ProposalId) -> Option<&TallyEntry> {
        self.tallies.iter().find(|t| t.proposal == proposal)
    }
}

/// Decides which live proposals a scope takes. An axis scope takes the
/// proposals whose primary axis it is; a shortlist takes the listed ones, or
/// the proposal a listed one has been merged into since.
#[derive(Debug)]
pub struct ScopeTest<'a> {
    scope: &'a Scope,
    shortlisted: HashSet<ProposalId>,
}

impl<'a> ScopeTest<'a> {
    pub fn new(scope: &'a Scope, merges: &HashMap<ProposalId, ProposalId>) -> Self {
        let shortlisted = match scope {
            Scope::Shortlist(ids) => ids.iter().map(|id| resolve(merges, *id)).collect(),
            _ => HashSet::new(),
        };
        ScopeTest { scope, shortlisted }
    }

    pub fn contains(&self, p: &Proposal) -> bool {
        match self.scope {
            Scope::All => true,
            Scope::Axis(k) => p.primary_axis() == Some(*k),
            Scope::Shortlist(_) => self.shortlisted.contains(&p.id),
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scope::All => write!(f, "all"),
            Scope::Axis(k) => write!(f, "axis:{k}"),
            Scope::Shortlist(ids) => {
                write!(f, "shortlist:")?;
                for (i, id) in ids.iter().enumerate() {
                    if i > 0 {
                        write!(f, ",")?;
                    }
                    write!(f, "{id}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::str::FromStr for Scope {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text == "all" {
            return Ok(Scope::All);
        }
        if let Some(k) = text.strip_prefix("axis:") {
            return k
                .trim()
                .parse()
                .map(Scope::Axis)
                .map_err(|_| format!("invalid axis in scope {text:?}"));
        }
        if let Some(list) = text.strip_prefix("shortlist:") {
            return list
                .split(',')
                .filter(|s| !s.trim().is_empty())
                .map(|s| s.trim().parse().map(ProposalId))
                .collect::<Result<Vec<_>, _>>()
                .map(Scope::Shortlist)
                .map_err(|_| format!("invalid proposal number in scope {text:?}"));
        }
        Err(format!(
            "invalid scope {text:?}, expected \"all\", \"axis:N\" or \"shortlist:N,N,…\""
        ))
    }
}

impl Serialize for Scope {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Scope {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(dots: u32, cap: u32) -> RoundSettings {
        RoundSettings {
            name: "Tour 1".into(),
            scope: Scope::All,
            mode: Mode::Ballots,
            method: Method::Dots,
            dots_per_voter: dots,
            max_per_proposal: cap,
            winners: 5,
            shuffled: true,
        }
    }

    #[test]
    fn default_dots_is_a_third_between_3_and_10() {
        assert_eq!(default_dots(0), 3);
        assert_eq!(default_dots(9), 3);
        assert_eq!(default_dots(12), 4);
        assert_eq!(default_dots(20), 6);
        assert_eq!(default_dots(31), 10);
        assert_eq!(default_dots(300), 10);
    }

    #[test]
    fn impossible_rules_are_refused() {
        assert_eq!(settings(0, 0).check(), Err(DomainError::ZeroBudget));
        assert_eq!(settings(3, 0).check(), Err(DomainError::ZeroCap));
        assert_eq!(
            settings(3, 5).check(),
            Err(DomainError::CapAboveBudget { cap: 5, budget: 3 })
        );
        assert_eq!(settings(5, 1).check(), Ok(()));
    }

    #[test]
    fn scopes_and_voters_read_back_what_they_write() {
        for text in ["all", "axis:2", "shortlist:3,5,9"] {
            assert_eq!(text.parse::<Scope>().unwrap().to_string(), text);
        }
        assert!("axis:deux".parse::<Scope>().is_err());
        assert!("tout".parse::<Scope>().is_err());
        for text in ["p3", "a12"] {
            assert_eq!(text.parse::<Voter>().unwrap().to_string(), text);
        }
        assert!("x3".parse::<Voter>().is_err());
    }
}

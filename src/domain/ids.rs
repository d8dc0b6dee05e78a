//! Stable identifiers. Ids are allocated from monotonic counters stored in the
//! workshop file, so an id is never handed out twice, even after a deletion.

use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error as _};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id_type!(
    /// A proposal's number, shown to the room ("n° 12").
    ProposalId
);
id_type!(
    /// A participant, referenced by ballots as `p<N>`.
    ParticipantId
);
id_type!(
    /// A voting round.
    RoundId
);

id_type!(
    /// A proposal sent from a phone, waiting for the facilitator.
    ReceivedId
);

/// An axis is identified by the digit the facilitator types to tag with it.
pub type AxisKey = u8;

/// The counters that allocate ids. They only ever grow: undoing a creation
/// does not give its id back, so an id seen in an export always means one
/// proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counters {
    pub proposal: u32,
    pub participant: u32,
    pub round: u32,
    pub sheet: u32,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub received: u32,
}

fn one() -> u32 {
    1
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

impl Default for Counters {
    fn default() -> Self {
        Self {
            proposal: 1,
            participant: 1,
            round: 1,
            sheet: 1,
            received: 1,
        }
    }
}

/// Who cast a ballot: a participant (`p3`) or an anonymous number (`a7`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Voter {
    Participant(ParticipantId),
    Anonymous(u32),
}

impl fmt::Display for Voter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Voter::Participant(p) => write!(f, "p{p}"),
            Voter::Anonymous(n) => write!(f, "a{n}"),
        }
    }
}

impl std::str::FromStr for Voter {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let number = |s: &str| s.parse::<u32>().ok();
        if let Some(n) = text.strip_prefix('p').and_then(number) {
            Ok(Voter::Participant(ParticipantId(n)))
        } else if let Some(n) = text.strip_prefix('a').and_then(number) {
            Ok(Voter::Anonymous(n))
        } else {
            Err(format!(
                "invalid voter {text:?}, expected \"p<participant>\" or \"a<number>\""
            ))
        }
    }
}

impl Serialize for Voter {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Voter {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(D::Error::custom)
    }
}

/// Ids handed out while ops are built, from a copy of the counters: the
/// workshop's own counters move only as those ops are applied. Each call
/// gives a new id, so one batch can insert several.
#[derive(Debug, Clone, Copy)]
pub struct Fresh(pub(super) Counters);

impl Fresh {
    pub fn proposal(&mut self) -> ProposalId {
        let id = ProposalId(self.0.proposal);
        self.0.proposal += 1;
        id
    }

    pub fn participant(&mut self) -> ParticipantId {
        let id = ParticipantId(self.0.participant);
        self.0.participant += 1;
        id
    }

    pub fn round(&mut self) -> RoundId {
        let id = RoundId(self.0.round);
        self.0.round += 1;
        id
    }

    /// The next `FA-NN` number that `taken` does not already use.
    pub fn sheet_number(&mut self, taken: impl Fn(u32) -> bool) -> u32 {
        let n = (self.0.sheet..=u32::MAX)
            .find(|n| !taken(*n))
            .unwrap_or(self.0.sheet);
        self.0.sheet = n.saturating_add(1);
        n
    }
}

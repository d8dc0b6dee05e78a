//! Requests from outside the terminal (the room's phones) come into the
//! one `update` like a key does, each with the channel its answer goes
//! back on. A change is answered only once it is on disk: its answer waits
//! for the writer's report of the generation that holds it, and changes
//! that arrive together are written together.
//!
//! The answer is what the phone shows next ([`PhoneView`]): the web layer
//! only renders it. It never carries more than a phone may see: the round's
//! rules and proposals, the phone's own ballot, counts.

use crate::domain::{AxisKey, DomainError, ParticipantId, ProposalId, Rgb};
use std::collections::BTreeMap;
use tokio::sync::oneshot;

/// One request and where its answer goes.
pub struct Remote {
    pub request: Request,
    pub reply: oneshot::Sender<PhoneView>,
}

impl std::fmt::Debug for Remote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Remote")
            .field("request", &self.request)
            .finish_non_exhaustive()
    }
}

/// What a phone asks. `token` is the phone's secret (its cookie), `code`
/// the round's join code from the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// What the phone shows now.
    Page { token: String, code: String },
    /// A name picked (named rounds) or a personal code typed.
    Join {
        token: String,
        code: String,
        join: Join,
    },
    /// The phone's ballot: its latest counts.
    Cast {
        token: String,
        code: String,
        dots: BTreeMap<ProposalId, u32>,
        /// Ask before casting a ballot with dots left (the page's form
        /// does; its "vote like this" answer does not).
        check: bool,
    },
    /// A group's fiche: the fields its page changed, each with the text
    /// the page started from, and the items of its lists.
    Write {
        token: String,
        code: String,
        edits: Vec<FieldWrite>,
        items: Vec<ItemWrite>,
    },
    /// A proposal, for the facilitator to accept (capture).
    Propose {
        token: String,
        code: String,
        text: String,
        axis: Option<AxisKey>,
        author: String,
    },
}

impl Request {
    /// The phone's token and the code it joined with.
    pub fn who(&self) -> (&str, &str) {
        match self {
            Request::Page { token, code }
            | Request::Join { token, code, .. }
            | Request::Cast { token, code, .. }
            | Request::Write { token, code, .. }
            | Request::Propose { token, code, .. } => (token, code),
        }
    }
}

/// One field as a fiche's page sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldWrite {
    pub field: crate::domain::drafting::FieldKey,
    /// The text the page showed when the group started typing.
    pub base: String,
    pub text: String,
}

/// One item of a list as a fiche's page sends it, part by part as typed
/// (`ListKind::columns`): a new item (no `base`), a change, or a removal
/// (no `values`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemWrite {
    pub list: crate::domain::drafting::FieldKey,
    /// Where the page showed it.
    pub index: Option<usize>,
    /// What the page showed.
    pub base: Option<Vec<String>>,
    pub values: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Join {
    Name(ParticipantId),
    Code(String),
}

/// What the phone shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneView {
    pub screen: PhoneScreen,
    /// What became of the request just made, if it changed something.
    pub outcome: Option<Outcome>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneScreen {
    /// No workshop takes part under this code.
    Unknown,
    /// The round is closed (or phone voting stopped).
    Closed { round: String },
    /// Nothing to do from a phone now: "Merci, attendez la suite".
    Wait,
    /// Capture: send a proposal, and see what became of those sent.
    Propose {
        axes: Vec<(AxisKey, String, Rgb)>,
        max_chars: usize,
        sent: Vec<SentItem>,
        /// What was typed, when it was refused.
        draft: String,
        /// The name this phone signed its last proposal with, offered
        /// again (nobody types it twice).
        author: String,
    },
    /// A name to pick, or a personal code to type, before voting.
    Join {
        round: RoundInfo,
        /// Named rounds: the participants, and whether another phone has
        /// taken each name. Empty for personal codes.
        names: Vec<NameChoice>,
    },
    /// A fiche written by its group.
    Fiche(Box<FicheView>),
    Vote {
        round: RoundInfo,
        /// Who this phone votes as (named and coded rounds).
        voter: Option<String>,
        proposals: Vec<PhoneProposal>,
        /// The ballot shown: the one stored, or the one just refused.
        ballot: BTreeMap<ProposalId, u32>,
        /// The phone's ballot is on disk.
        stored: bool,
    },
}

/// A proposal this phone sent, and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentItem {
    pub text: String,
    pub state: crate::domain::received::ReceivedState,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundInfo {
    pub name: String,
    pub method: crate::domain::round::Method,
    pub dots_per_voter: u32,
    pub max_per_proposal: u32,
    pub voters: crate::domain::round::PhoneVoters,
}

/// A fiche as its group's page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FicheView {
    /// `FA-01`.
    pub id: String,
    pub title: String,
    /// Still being written: the page is a form; otherwise it shows the
    /// fiche as it will be exported.
    pub open: bool,
    /// Every part, in the template's order.
    pub fields: Vec<FicheField>,
    /// The workshop's axes the fiche may be of: each key and title.
    pub axes: Vec<(AxisKey, String)>,
    /// The budget's totals and the State's share, as every output says it.
    pub budget: crate::domain::sheet::BudgetSummary,
    /// An item the page typed and could not be kept as typed, shown again
    /// as typed beside its reason.
    pub typed: Option<ItemWrite>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FicheField {
    pub key: crate::domain::drafting::FieldKey,
    pub text: String,
    /// The facilitator keeps it: shown, not editable.
    pub locked: bool,
    /// Texts written over by a later one, with who had written them.
    pub kept: Vec<(String, String)>,
    /// A list's items, part by part as its form shows them.
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameChoice {
    pub id: ParticipantId,
    pub name: String,
    pub organisation: String,
    pub taken: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneProposal {
    pub id: ProposalId,
    pub text: String,
    pub axis: Option<(AxisKey, String, Rgb)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// On disk.
    Recorded,
    Refused(Refusal),
}

/// Why a request changed nothing, for the phone's language and the HTTP
/// status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The rules of the vote (budget, cap, scope, one ballot per voter).
    Rules(DomainError),
    /// Joining is locked: only phones already in may vote.
    Locked,
    /// Another phone took this name.
    NameTaken,
    /// No participant has this personal code.
    UnknownPersonalCode,
    /// The workshop could not be written: try again.
    NotSaved,
    /// Proposals are taken during capture only.
    CaptureClosed,
    /// A ballot sent after its round closed: not counted.
    VoteOver,
    /// A ballot with dots left, from a form that asks first: nothing is
    /// cast until the phone says "vote like this".
    DotsLeft(u32),
    /// An item of a fiche's list typed so it cannot be kept (an amount in
    /// letters, a year outside the Pacte).
    Item(crate::domain::items::ItemError),
}

/// An answer waiting for its change to reach the disk.
#[derive(Debug)]
pub struct PendingAck {
    pub generation: u64,
    pub reply: oneshot::Sender<PhoneView>,
    pub view: PhoneView,
}

/// What the server reports back to the loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerEvent {
    Starting,
    Started(std::net::SocketAddr),
    Failed(String),
    /// The server on this address ended.
    Stopped(std::net::SocketAddr),
}

//! The vote screen's state: the rounds' list and what is shown of the
//! selected one (its ballots, the paper tally, the booth).

use crate::app::field::Field;
use crate::app::list::ListState;
use crate::domain::voting::BallotDraft;
use crate::domain::{Round, Workshop};

/// What the vote screen shows.
#[derive(Debug, Clone, Default)]
pub enum View {
    /// The rounds, and the selected one's rules and participation.
    #[default]
    Rounds,
    /// Who voted in the selected round, to void a ballot.
    Ballots(ListState),
    /// Paper totals typed in, proposal by proposal.
    Paper { list: ListState, typed: String },
    /// Who comes to the keyboard.
    Picker { list: ListState, filter: Box<Field> },
    /// One voter's private ballot.
    Ballot(Booth),
    /// Between two voters: shows nothing of the ballot just cast. The
    /// thank-you waits until `generation`, which holds it, is on disk.
    Thanks { name: String, generation: u64 },
}

/// The booth: one voter's ballot being filled, and the cursor on it.
#[derive(Debug, Clone)]
pub struct Booth {
    pub draft: BallotDraft,
    /// Who votes, as the booth greets them.
    pub name: String,
    pub list: ListState,
}

#[derive(Debug, Clone, Default)]
pub struct VoteState {
    pub rounds: ListState,
    pub view: View,
}

impl VoteState {
    /// Selects the round the facilitator works on (chosen elsewhere, on
    /// the results screen), so that F5 and F6 speak of the same one.
    pub fn follow(&mut self, doc: &crate::app::doc::Doc) {
        if let Some(at) = doc
            .round
            .and_then(|id| doc.w.rounds().iter().position(|r| r.id == id))
        {
            self.rounds.selected = at;
        }
    }

    pub fn selected<'w>(&self, w: &'w Workshop) -> Option<&'w Round> {
        w.rounds().get(self.rounds.selected)
    }
}

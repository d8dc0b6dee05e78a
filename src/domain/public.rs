//! What may be shown of a round: the one place that decides it. Before the
//! reveal, how many took part and nothing per proposal; after it, the
//! ranking and where the cut line leaves it. The screens, the projection,
//! the exports (and the phones) all ask [`Public`]; none of them reads
//! `revealed` to decide for itself, so no sixth reader can leak a ranking
//! before the room sees it.

use super::round::{Mode, Round};
use super::tally::{Outcome, Tally};
use super::workshop::Workshop;
use std::borrow::Cow;

/// Where a round stands, for its status label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundState {
    Open,
    Closed,
    Revealed,
}

impl Round {
    pub fn state(&self) -> RoundState {
        if self.revealed {
            RoundState::Revealed
        } else if self.open {
            RoundState::Open
        } else {
            RoundState::Closed
        }
    }
}

/// How many took part: may be shown at any time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Participation {
    pub mode: Mode,
    pub method: super::round::Method,
    /// Counted ballots (0 for a paper count: voters are not known).
    pub ballots: usize,
    /// Voided ballots, kept on record.
    pub voided: usize,
    pub dots_spent: u32,
    /// Dots the counted voters could spend.
    pub dots_available: u32,
}

impl Participation {
    pub fn of(round: &Round, tally: &Tally) -> Participation {
        Participation {
            mode: round.mode,
            method: round.method,
            ballots: tally.voters,
            voided: round.ballots.iter().filter(|b| b.void).count(),
            dots_spent: tally.dots_spent,
            dots_available: tally.dots_available,
        }
    }
}

/// A revealed round's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revealed<'t> {
    pub participation: Participation,
    /// The ranking, best first.
    pub tally: Cow<'t, Tally>,
    /// The cut line, with a tie settled by revealed runoffs.
    pub outcome: Outcome,
}

impl Revealed<'_> {
    /// Support across collèges (`None` for a paper count).
    pub fn consensus(&self) -> Option<super::consensus::Consensus> {
        super::consensus::Consensus::of(&self.tally)
    }
}

/// What may be shown of a round now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Public<'t> {
    /// Before the reveal: participation only.
    Hidden(Participation),
    Revealed(Revealed<'t>),
}

impl<'t> Public<'t> {
    /// From a count already made (the app keeps one per round).
    pub fn of(w: &Workshop, round: &Round, tally: &'t Tally) -> Public<'t> {
        let participation = Participation::of(round, tally);
        if !round.revealed {
            return Public::Hidden(participation);
        }
        Public::Revealed(Revealed {
            participation,
            outcome: w.outcome(round, tally),
            tally: Cow::Borrowed(tally),
        })
    }

    /// Counts `round` and keeps only what may be shown.
    pub fn compute(w: &Workshop, round: &Round) -> Public<'static> {
        let tally = Tally::compute(w, round);
        match Public::of(w, round, &tally) {
            Public::Hidden(p) => Public::Hidden(p),
            Public::Revealed(r) => Public::Revealed(Revealed {
                participation: r.participation,
                outcome: r.outcome,
                tally: Cow::Owned(tally),
            }),
        }
    }

    pub fn participation(&self) -> &Participation {
        match self {
            Public::Hidden(p) => p,
            Public::Revealed(r) => &r.participation,
        }
    }

    /// Support across collèges, once revealed, for a round with ballots.
    pub fn consensus(&self) -> Option<super::consensus::Consensus> {
        self.revealed()?.consensus()
    }

    /// The result, once revealed.
    pub fn revealed(&self) -> Option<&Revealed<'t>> {
        match self {
            Public::Hidden(_) => None,
            Public::Revealed(r) => Some(r),
        }
    }
}

impl Workshop {
    /// The latest revealed round that is not a runoff, with its result:
    /// what the closing screen and the report call the decisions (its
    /// outcome holds its runoffs' settlements). `public_of` gives what may
    /// be shown of a round (from counts kept, or counted afresh).
    pub fn decisive_round<'t>(
        &self,
        public_of: impl Fn(&Round) -> Option<Public<'t>>,
    ) -> Option<(&Round, Revealed<'t>)> {
        self.rounds
            .iter()
            .rev()
            .filter(|r| r.runoff_of.is_none())
            .find_map(|r| match public_of(r)? {
                Public::Revealed(shown) => Some((r, shown)),
                Public::Hidden(_) => None,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sample::generated;

    #[test]
    fn a_hidden_round_shows_participation_only() {
        let mut w = generated(30, 12);
        let round = &mut w.rounds[0];
        round.revealed = false;
        let r = w.rounds[0].clone();
        let public = Public::compute(&w, &r);
        assert!(public.revealed().is_none());
        assert_eq!(public.participation().ballots, 12);
        assert_eq!(r.state(), RoundState::Closed);

        w.rounds[0].revealed = true;
        let r = w.rounds[0].clone();
        let public = Public::compute(&w, &r);
        let shown = public.revealed().expect("revealed");
        assert_eq!(shown.tally.voters, 12);
        assert!(!shown.outcome.kept.is_empty());
        assert_eq!(r.state(), RoundState::Revealed);
    }
}

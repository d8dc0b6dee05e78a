//! The voting core's rules: one counted ballot per voter whatever the path,
//! a draft that never breaks the rules, runoffs that settle their round,
//! and a ranking that shows a tie as one group across the cut line.

use super::tally::{RankLine, Standing, Tally, ranking};
use super::voting::{BallotDraft, Blocker, may_cast};
use super::*;
use proptest::prelude::*;
use std::collections::BTreeMap;

fn at(minute: u32) -> Stamp {
    Stamp::from_ymd_hms(2024, 3, 14, 11, minute, 0).unwrap()
}

/// `n` proposals on axis 1, `voters` participants, an open round of
/// `dots` per voter, cap `cap`, keeping `winners`.
fn voting(n: usize, voters: usize, dots: u32, cap: u32, winners: u32) -> (Workshop, RoundId) {
    let mut w = super::tests::with_proposals_on_axis_1(n);
    for i in 0..voters {
        let op = w
            .op_add_participant(&format!("Votant {i}"), "", Some(College::ALL[i % 4]))
            .unwrap();
        apply(&mut w, op).unwrap();
    }
    let mut s = w.default_round_settings(Scope::All, cap, "Tour 1".into());
    s.dots_per_voter = dots;
    s.max_per_proposal = cap;
    s.winners = winners;
    let op = w.op_new_round(s, at(1)).unwrap();
    apply(&mut w, op).unwrap();
    let id = w.rounds.last().unwrap().id;
    (w, id)
}

fn p(n: u32) -> ProposalId {
    ProposalId(n)
}

fn person(n: u32) -> Voter {
    Voter::Participant(ParticipantId(n))
}

/// Casts `dots` as `voter` through a draft, as every front does.
fn cast(
    w: &mut Workshop,
    round: RoundId,
    voter: Voter,
    dots: &[(u32, u32)],
) -> Result<(), DomainError> {
    let mut draft = BallotDraft::new(round, voter);
    for (id, n) in dots {
        draft.set(w, p(*id), *n)?;
    }
    let op = draft.cast(w, at(5))?;
    apply(w, op).map(|_| ())
}

#[test]
fn a_participant_cannot_cast_twice_through_any_path() {
    let (mut w, r) = voting(4, 2, 3, 3, 2);
    cast(&mut w, r, person(1), &[(1, 2)]).unwrap();
    // Through a draft…
    assert_eq!(
        cast(&mut w, r, person(1), &[(2, 1)]),
        Err(DomainError::AlreadyVoted(person(1)))
    );
    // …through a raw op, as a hand-made front would…
    let raw = Op::CastBallot {
        round: r,
        index: 1,
        ballot: Ballot {
            voter: person(1),
            dots: BTreeMap::from([(p(3), 1)]),
            cast: None,
            void: false,
            device: None,
        },
    };
    assert_eq!(
        apply(&mut w, raw),
        Err(DomainError::AlreadyVoted(person(1)))
    );
    // …and the booth is told before the voter starts.
    let round = w.round(r).unwrap();
    assert_eq!(
        may_cast(&w, round, person(1)),
        Err(DomainError::AlreadyVoted(person(1)))
    );
    assert_eq!(
        BallotDraft::new(r, person(1)).blocker(&w),
        Some(Blocker::AlreadyVoted)
    );
    // A voided ballot lets them vote again; restoring it then is refused.
    let void = voting::op_void(w.round(r).unwrap(), 0, true).unwrap();
    apply(&mut w, void).unwrap();
    cast(&mut w, r, person(1), &[(2, 3)]).unwrap();
    let restore = voting::op_void(w.round(r).unwrap(), 0, false).unwrap();
    assert_eq!(
        apply(&mut w, restore),
        Err(DomainError::AlreadyVoted(person(1)))
    );
    let round = w.round(r).unwrap();
    assert_eq!(round.counted_ballots().count(), 1);
    assert_eq!(round.ballots.len(), 2, "the voided ballot stays on record");
}

#[test]
fn a_draft_never_breaks_the_rules_and_says_what_blocks_it() {
    let (mut w, r) = voting(4, 1, 3, 2, 2);
    let mut d = BallotDraft::new(r, person(1));
    assert_eq!(d.blocker(&w), Some(Blocker::NoDot));
    d.set(&w, p(1), 2).unwrap();
    assert_eq!(
        d.add(&w, p(1)),
        Err(DomainError::OverCap {
            proposal: p(1),
            dots: 3,
            cap: 2
        })
    );
    d.set(&w, p(2), 1).unwrap();
    assert_eq!(
        d.add(&w, p(3)),
        Err(DomainError::OverBudget {
            spent: 4,
            budget: 3
        })
    );
    assert_eq!(d.spent(), 3, "a refused dot changes nothing");
    assert_eq!(d.left(&w, w.round(r).unwrap()), 0);
    assert_eq!(
        d.set(&w, p(99), 1),
        Err(DomainError::UnknownProposal(p(99)))
    );
    assert_eq!(d.blocker(&w), None);
    // Merged proposals take no dots; their dots go to what they joined.
    apply(
        &mut w,
        Op::Merge {
            into: p(4),
            sources: vec![p(3)],
        },
    )
    .unwrap();
    assert_eq!(
        d.set(&w, p(3), 1),
        Err(DomainError::ProposalMerged(p(3), p(4)))
    );
    // Closing the round blocks casting.
    apply(
        &mut w,
        Op::SetRoundState {
            round: r,
            open: false,
            revealed: false,
        },
    )
    .unwrap();
    assert_eq!(d.blocker(&w), Some(Blocker::Closed));
    assert_eq!(d.cast(&w, at(9)), Err(DomainError::RoundClosed(r)));
}

/// Three voters leave n° 2 and n° 3 tied for the second of two places.
fn tied_round() -> (Workshop, RoundId) {
    let (mut w, r) = voting(4, 5, 3, 3, 2);
    cast(&mut w, r, person(1), &[(1, 3)]).unwrap();
    cast(&mut w, r, person(2), &[(2, 2), (4, 1)]).unwrap();
    cast(&mut w, r, person(3), &[(3, 2)]).unwrap();
    (w, r)
}

fn outcome_of(w: &Workshop, r: RoundId) -> tally::Outcome {
    let round = w.round(r).unwrap();
    w.outcome(round, &Tally::compute(w, round))
}

#[test]
fn a_revealed_runoff_settles_its_round_and_hiding_it_unsettles() {
    let (mut w, r) = tied_round();
    let o = outcome_of(&w, r);
    assert_eq!(
        (o.kept.clone(), o.tied.clone(), o.places),
        (vec![p(1)], vec![p(2), p(3)], 1)
    );
    let mut h = History::default();
    let op = w.op_new_runoff(r, "Départage 1".into(), at(10)).unwrap();
    h.run(&mut w, op).unwrap();
    let runoff = w.rounds.last().unwrap().id;
    for (voter, choice) in [(4, 3), (5, 3), (1, 2)] {
        let mut d = BallotDraft::new(runoff, person(voter));
        d.set(&w, p(choice), 1).unwrap();
        let op = d.cast(&w, at(11)).unwrap();
        h.run(&mut w, op).unwrap();
    }
    // Counted but not revealed: nothing is settled yet.
    assert_eq!(outcome_of(&w, r).tied, vec![p(2), p(3)]);
    let op = w.op_reveal(runoff, true).unwrap();
    h.run(&mut w, op).unwrap();
    let o = outcome_of(&w, r);
    assert_eq!(o.kept, vec![p(1), p(3)]);
    assert!(o.tied.is_empty());
    assert_eq!(o.settled_by, Some(runoff));
    assert_eq!(
        w.round(r).unwrap().settled_by,
        Some(runoff),
        "recorded in the file"
    );
    // The record survives a save and a load.
    let text = toml::to_string(&w).unwrap();
    assert!(text.contains("settled_by = 2"), "{text}");
    // Hiding the runoff again, or undoing the reveal, unsettles.
    h.undo(&mut w).unwrap().unwrap();
    assert_eq!(w.round(r).unwrap().settled_by, None);
    assert_eq!(outcome_of(&w, r).tied, vec![p(2), p(3)]);
    h.redo(&mut w).unwrap().unwrap();
    let op = w.op_reveal(runoff, false).unwrap();
    h.run(&mut w, op).unwrap();
    assert_eq!(w.round(r).unwrap().settled_by, None);
}

#[test]
fn a_runoff_that_ties_again_leaves_the_tie_and_a_second_runoff_settles_it() {
    let (mut w, r) = tied_round();
    let op = w.op_new_runoff(r, "Départage 1".into(), at(10)).unwrap();
    apply(&mut w, op).unwrap();
    let first = w.rounds.last().unwrap().id;
    cast(&mut w, first, person(4), &[(2, 1)]).unwrap();
    cast(&mut w, first, person(5), &[(3, 1)]).unwrap();
    let op = w.op_reveal(first, true).unwrap();
    apply(&mut w, op).unwrap();
    let o = outcome_of(&w, r);
    assert_eq!(
        (o.kept, o.tied, o.places),
        (vec![p(1)], vec![p(2), p(3)], 1)
    );
    let (tied, places) = w.tie_to_settle(r).unwrap();
    assert_eq!((tied, places), (vec![p(2), p(3)], 1));
    let op = w.op_new_runoff(r, "Départage 2".into(), at(12)).unwrap();
    apply(&mut w, op).unwrap();
    let second = w.rounds.last().unwrap().id;
    cast(&mut w, second, person(4), &[(2, 1)]).unwrap();
    let op = w.op_reveal(second, true).unwrap();
    apply(&mut w, op).unwrap();
    let o = outcome_of(&w, r);
    assert_eq!(o.kept, vec![p(1), p(2)]);
    assert_eq!(o.settled_by, Some(second));
}

#[test]
fn a_tie_at_the_cut_is_one_group_below_the_line() {
    let (w, r) = tied_round();
    let round = w.round(r).unwrap();
    let tally = Tally::compute(&w, round);
    let o = w.outcome(round, &tally);
    let shown: Vec<String> = ranking(&tally, &o)
        .into_iter()
        .map(|l| match l {
            RankLine::Row(i, s) => format!("{}:{s:?}", tally.rows[i].proposal),
            RankLine::Cut => "cut".into(),
            RankLine::TieEnd => "end".into(),
        })
        .collect();
    assert_eq!(shown, ["1:Kept", "cut", "2:Tied", "3:Tied", "end", "4:Out"]);
    // Without a tie the line simply separates kept from the rest.
    let (mut w, r) = voting(3, 2, 3, 3, 1);
    cast(&mut w, r, person(1), &[(1, 3)]).unwrap();
    cast(&mut w, r, person(2), &[(2, 2)]).unwrap();
    let round = w.round(r).unwrap();
    let tally = Tally::compute(&w, round);
    let lines = ranking(&tally, &w.outcome(round, &tally));
    assert_eq!(lines[0], RankLine::Row(0, Standing::Kept));
    assert_eq!(lines[1], RankLine::Cut);
    assert!(
        lines[2..]
            .iter()
            .all(|l| matches!(l, RankLine::Row(_, Standing::Out)))
    );
}

#[derive(Debug, Clone)]
enum Gesture {
    Cast {
        voter: u32,
        dots: Vec<(u32, u32)>,
    },
    /// From phone `device`, anonymous (`voter` 0), named or with a code.
    Phone {
        device: u8,
        voter: u32,
        coded: bool,
        dots: Vec<(u32, u32)>,
    },
    Void(usize),
    Restore(usize),
}

fn gesture() -> impl Strategy<Value = Gesture> {
    prop_oneof![
        4 => (0u32..5, prop::collection::vec((1u32..7, 0u32..4), 0..4))
            .prop_map(|(voter, dots)| Gesture::Cast { voter, dots }),
        4 => (0u8..4, 0u32..5, any::<bool>(), prop::collection::vec((1u32..7, 0u32..4), 0..4))
            .prop_map(|(device, voter, coded, dots)| Gesture::Phone { device, voter, coded, dots }),
        1 => (0usize..8).prop_map(Gesture::Void),
        1 => (0usize..8).prop_map(Gesture::Restore),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Whatever is cast and voided, in any order: the count is the sum of
    /// the counted ballots, each within the rules, and no voter has two.
    #[test]
    fn casts_and_voids_keep_one_counted_ballot_per_voter(gestures in prop::collection::vec(gesture(), 0..40)) {
        let (mut w, r) = voting(6, 4, 4, 2, 2);
        for g in gestures {
            let round = w.round(r).unwrap();
            let result = match g {
                Gesture::Cast { voter, dots } => {
                    let who = if voter == 0 { voting::anonymous_voter(round) } else { person(voter) };
                    let mut d = BallotDraft::new(r, who);
                    for (id, n) in dots {
                        let _ = d.set(&w, p(id), n);
                    }
                    d.cast(&w, at(3)).and_then(|op| apply(&mut w, op)).map(|_| ())
                }
                Gesture::Phone { device, voter, coded, dots } => {
                    let who = match (voter, coded) {
                        (0, _) => voting::PhoneVoter::Anonymous,
                        (n, false) => voting::PhoneVoter::Named(ParticipantId(n)),
                        (n, true) => voting::PhoneVoter::Coded(ParticipantId(n)),
                    };
                    let dots: BTreeMap<ProposalId, u32> = dots.into_iter().map(|(id, n)| (p(id), n)).collect();
                    voting::op_phone_ballot(&w, r, &format!("d{device}"), who, &dots, at(3))
                        .and_then(|op| op.map_or(Ok(()), |op| apply(&mut w, op).map(|_| ())))
                }
                Gesture::Void(i) => voting::op_void(round, i, true).and_then(|op| apply(&mut w, op)).map(|_| ()),
                Gesture::Restore(i) => voting::op_void(round, i, false).and_then(|op| apply(&mut w, op)).map(|_| ()),
            };
            let _ = result;
            let round = w.round(r).unwrap();
            let counted: Vec<&Ballot> = round.counted_ballots().collect();
            let mut voters: Vec<Voter> = counted.iter().map(|b| b.voter).collect();
            voters.sort();
            let before = voters.len();
            voters.dedup();
            prop_assert_eq!(before, voters.len(), "two counted ballots for one voter");
            let mut devices: Vec<&str> = counted.iter().filter_map(|b| b.device.as_deref()).collect();
            devices.sort_unstable();
            let before = devices.len();
            devices.dedup();
            prop_assert_eq!(before, devices.len(), "two counted ballots for one phone");
            let tally = Tally::compute(&w, round);
            let summed: u32 = counted.iter().map(|b| b.spent()).sum();
            prop_assert_eq!(tally.dots_spent, summed);
            prop_assert_eq!(tally.rows.iter().map(|r| r.dots).sum::<u32>(), summed);
            for b in counted {
                prop_assert!(b.spent() <= round.dots_per_voter && b.spent() > 0);
                prop_assert!(b.dots.values().all(|n| *n <= round.max_per_proposal));
            }
        }
    }
}

fn phone(
    w: &mut Workshop,
    r: RoundId,
    device: &str,
    who: voting::PhoneVoter,
    dots: &[(u32, u32)],
) -> Result<bool, DomainError> {
    let dots: BTreeMap<ProposalId, u32> = dots.iter().map(|(id, n)| (p(*id), *n)).collect();
    match voting::op_phone_ballot(w, r, device, who, &dots, at(4))? {
        Some(op) => apply(w, op).map(|_| true),
        None => Ok(false),
    }
}

#[test]
fn a_phone_changes_its_ballot_and_the_latest_counts() {
    use voting::PhoneVoter::Anonymous;
    let (mut w, r) = voting(4, 2, 3, 2, 1);
    assert_eq!(phone(&mut w, r, "a1", Anonymous, &[(1, 2)]), Ok(true));
    assert_eq!(phone(&mut w, r, "b2", Anonymous, &[(2, 1)]), Ok(true));
    // A double tap, or a retry after a lost answer: counted once.
    assert_eq!(phone(&mut w, r, "a1", Anonymous, &[(1, 2)]), Ok(false));
    assert_eq!(
        phone(&mut w, r, "a1", Anonymous, &[(3, 2), (4, 1)]),
        Ok(true)
    );
    let round = w.round(r).unwrap();
    assert_eq!(round.ballots.len(), 3, "the first ballot stays on record");
    assert!(round.ballots[0].void);
    let counted: Vec<&Ballot> = round.counted_ballots().collect();
    assert_eq!(counted.len(), 2);
    assert_eq!(
        counted[1].voter, round.ballots[0].voter,
        "the same anonymous voter"
    );
    assert_eq!(Tally::compute(&w, round).dots_spent, 4);
    // Over the budget: refused, and the ballot before still counts.
    assert!(matches!(
        phone(&mut w, r, "a1", Anonymous, &[(1, 2), (2, 2)]),
        Err(DomainError::OverBudget { .. })
    ));
    assert_eq!(w.round(r).unwrap().counted_ballots().count(), 2);
    assert_eq!(
        phone(&mut w, r, "not a key!", Anonymous, &[(1, 1)]),
        Err(DomainError::BadDevice("not a key!".into()))
    );
}

#[test]
fn a_name_votes_once_a_code_from_any_phone() {
    use voting::PhoneVoter::{Coded, Named};
    let (mut w, r) = voting(3, 3, 2, 2, 1);
    let (one, two) = (ParticipantId(1), ParticipantId(2));
    assert_eq!(phone(&mut w, r, "a1", Named(one), &[(1, 1)]), Ok(true));
    // Another phone cannot take a name already used, nor can the booth.
    assert_eq!(
        phone(&mut w, r, "b2", Named(one), &[(2, 1)]),
        Err(DomainError::AlreadyVoted(person(1)))
    );
    assert_eq!(
        cast(&mut w, r, person(1), &[(2, 1)]),
        Err(DomainError::AlreadyVoted(person(1)))
    );
    // A phone that voted as one name cannot vote as another.
    assert_eq!(
        phone(&mut w, r, "a1", Named(two), &[(2, 1)]),
        Err(DomainError::DeviceVoted)
    );
    // A personal code is the credential: its latest ballot counts,
    // whichever phone sent it.
    let three = ParticipantId(3);
    assert_eq!(phone(&mut w, r, "c3", Coded(three), &[(1, 2)]), Ok(true));
    assert_eq!(phone(&mut w, r, "d4", Coded(three), &[(3, 1)]), Ok(true));
    let round = w.round(r).unwrap();
    let by_three: Vec<&Ballot> = round
        .counted_ballots()
        .filter(|b| b.voter == person(3))
        .collect();
    assert_eq!(by_three.len(), 1);
    assert_eq!(by_three[0].dots, BTreeMap::from([(p(3), 1)]));
    // Closed: refused with the reason.
    let op = voting::op_open_or_close(w.round(r).unwrap());
    apply(&mut w, op).unwrap();
    assert_eq!(
        phone(&mut w, r, "e5", voting::PhoneVoter::Anonymous, &[(1, 1)]),
        Err(DomainError::RoundClosed(r))
    );
}

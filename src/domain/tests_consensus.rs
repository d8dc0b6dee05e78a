//! Consensus across collèges on hand-computed cases: one collège carries
//! a proposal, the collèges split evenly, a collège of one voter, merged
//! originals, a paper count, and a hidden round that shows nothing of it.

use super::consensus::{Consensus, Support};
use super::voting::BallotDraft;
use super::*;

fn at(minute: u32) -> Stamp {
    Stamp::from_ymd_hms(2024, 3, 14, 11, minute, 0).unwrap()
}

/// `n` proposals, one participant per collège in `people`, and an open
/// ballot round of 3 dots (cap 3).
fn room(n: usize, people: &[Option<College>]) -> (Workshop, RoundId) {
    let mut w = super::tests::with_proposals_on_axis_1(n);
    for (i, college) in people.iter().enumerate() {
        let op = w
            .op_add_participant(&format!("Votant {i}"), "", *college)
            .unwrap();
        apply(&mut w, op).unwrap();
    }
    let mut s = w.default_round_settings(Scope::All, 3, "Tour 1".into());
    s.dots_per_voter = 3;
    s.max_per_proposal = 3;
    let op = w.op_new_round(s, at(1)).unwrap();
    apply(&mut w, op).unwrap();
    let id = w.rounds.last().unwrap().id;
    (w, id)
}

/// The `i`-th participant (0-based, as in `room`) gives `dots`.
fn cast(w: &mut Workshop, round: RoundId, i: usize, dots: &[(u32, u32)]) {
    let voter = Voter::Participant(w.participants[i].id);
    let mut draft = BallotDraft::new(round, voter);
    for (id, n) in dots {
        draft.set(w, ProposalId(*id), *n).unwrap();
    }
    let op = draft.cast(w, at(5)).unwrap();
    apply(w, op).unwrap();
}

fn consensus(w: &Workshop, round: RoundId) -> Consensus {
    let r = w.round(round).unwrap();
    Consensus::of(&Tally::compute(w, r)).expect("ballots have voters")
}

fn support(c: &Consensus, id: u32) -> Vec<(Option<College>, u32, u32)> {
    c.row(ProposalId(id))
        .unwrap()
        .support
        .iter()
        .map(|s| (s.group, s.supporters, s.voters))
        .collect()
}

const I: Option<College> = Some(College::Institutions);
const A: Option<College> = Some(College::Associations);
const P: Option<College> = Some(College::PersonnesConcernees);

#[test]
fn one_college_carrying_a_proposal_gets_a_low_score_and_the_flag() {
    // Four institutions all give n° 1 a dot; four associations none.
    let (mut w, r) = room(2, &[I, I, I, I, A, A, A, A]);
    for i in 0..4 {
        cast(&mut w, r, i, &[(1, 3)]);
    }
    for i in 4..8 {
        cast(&mut w, r, i, &[(2, 1)]);
    }
    let c = consensus(&w, r);
    assert_eq!(support(&c, 1), [(I, 4, 4), (A, 0, 4)]);
    let row = c.row(ProposalId(1)).unwrap();
    // (4+1)/(4+2) × (0+1)/(4+2) = 5/36 = 0,139
    assert_eq!(row.score, Some(139));
    assert_eq!(row.carried_by, Some(I));
    // n° 2 is the mirror image: carried by the associations alone, even
    // with fewer dots (4 against 12).
    let other = c.row(ProposalId(2)).unwrap();
    assert_eq!(other.score, Some(139));
    assert_eq!(other.carried_by, Some(A));
}

#[test]
fn a_proposal_every_college_supports_beats_one_with_more_dots_from_one() {
    let (mut w, r) = room(2, &[I, I, A, A, P, P]);
    // n° 1: one dot from one voter of each collège; n° 2: three dots from
    // both institutions only.
    cast(&mut w, r, 0, &[(1, 1), (2, 2)]);
    cast(&mut w, r, 1, &[(2, 3)]);
    cast(&mut w, r, 2, &[(1, 1)]);
    cast(&mut w, r, 4, &[(1, 1)]);
    let c = consensus(&w, r);
    let spread = c.row(ProposalId(1)).unwrap();
    let narrow = c.row(ProposalId(2)).unwrap();
    // Only those who voted count: A and P have one voter each so far and
    // are not scored.
    assert_eq!(c.scored_groups(), 1);
    assert_eq!(spread.score, None);
    assert_eq!(narrow.score, None);
    // Once every collège has two voters, the spread one leads.
    cast(&mut w, r, 3, &[(1, 1)]);
    cast(&mut w, r, 5, &[(1, 1)]);
    let c = consensus(&w, r);
    assert_eq!(c.scored_groups(), 3);
    let spread = c.row(ProposalId(1)).unwrap().score.unwrap();
    let narrow = c.row(ProposalId(2)).unwrap().score.unwrap();
    // n° 1: (2/4)(3/4)(3/4) = 0,281; n° 2: (3/4)(1/4)(1/4) = 0,047
    assert_eq!((spread, narrow), (281, 47));
    assert_eq!(c.row(ProposalId(2)).unwrap().carried_by, Some(I));
    assert_eq!(c.row(ProposalId(1)).unwrap().carried_by, None);
}

#[test]
fn collèges_split_evenly_give_the_same_score_and_no_flag() {
    let (mut w, r) = room(2, &[I, I, I, I, A, A, A, A]);
    for i in [0, 1, 4, 5] {
        cast(&mut w, r, i, &[(1, 1)]);
    }
    for i in [2, 3, 6, 7] {
        cast(&mut w, r, i, &[(2, 1)]);
    }
    let c = consensus(&w, r);
    for id in [1, 2] {
        let row = c.row(ProposalId(id)).unwrap();
        assert_eq!(support(&c, id), [(I, 2, 4), (A, 2, 4)]);
        // (3/6)² = 0,25
        assert_eq!(row.score, Some(250));
        assert_eq!(row.carried_by, None);
    }
}

#[test]
fn a_single_voter_college_is_shown_but_not_scored() {
    let (mut w, r) = room(1, &[I, I, A, A, P]);
    for i in 0..5 {
        cast(&mut w, r, i, &[(1, 1)]);
    }
    let c = consensus(&w, r);
    let groups: Vec<(Option<College>, u32, bool)> = c
        .groups
        .iter()
        .map(|g| (g.group, g.voters, g.scored()))
        .collect();
    assert_eq!(groups, [(I, 2, true), (A, 2, true), (P, 1, false)]);
    // (3/4)² = 0,5625: the lone voter of P changes nothing.
    assert_eq!(c.row(ProposalId(1)).unwrap().score, Some(563));
    assert_eq!(support(&c, 1)[2], (P, 1, 1));
}

#[test]
fn participants_without_a_college_form_their_own_group() {
    let (mut w, r) = room(1, &[I, I, None, None]);
    cast(&mut w, r, 0, &[(1, 1)]);
    cast(&mut w, r, 1, &[(1, 1)]);
    cast(&mut w, r, 2, &[(1, 1)]);
    cast(&mut w, r, 3, &[(1, 1)]);
    let c = consensus(&w, r);
    assert_eq!(support(&c, 1), [(I, 2, 2), (None, 2, 2)]);
    assert_eq!(c.row(ProposalId(1)).unwrap().score, Some(563));
}

#[test]
fn dots_on_merged_originals_count_one_supporter() {
    let (mut w, r) = room(3, &[I, I, A, A]);
    // Voter 0 gives a dot to n° 2 and one to n° 3, later merged into n° 2.
    cast(&mut w, r, 0, &[(2, 1), (3, 1)]);
    cast(&mut w, r, 2, &[(1, 1)]);
    let merge = Op::Merge {
        into: ProposalId(2),
        sources: vec![ProposalId(3)],
    };
    apply(&mut w, merge).unwrap();
    let c = consensus(&w, r);
    assert_eq!(support(&c, 2), [(I, 1, 1), (A, 0, 1)]);
}

#[test]
fn a_paper_count_has_no_consensus() {
    let (mut w, r) = room(2, &[I, I, A, A]);
    let round = w.rounds.iter_mut().find(|x| x.id == r).unwrap();
    round.mode = Mode::Paper;
    round.tallies.push(TallyEntry {
        proposal: ProposalId(1),
        dots: 12,
        grades: Vec::new(),
        by: String::new(),
        at: None,
    });
    let tally = Tally::compute(&w, w.round(r).unwrap());
    assert_eq!(tally.rows[0].dots, 12);
    assert_eq!(Consensus::of(&tally), None);
}

#[test]
fn a_hidden_round_shows_nothing_of_its_consensus() {
    let (mut w, r) = room(2, &[I, I, A, A]);
    for i in 0..4 {
        cast(&mut w, r, i, &[(1, 1)]);
    }
    let round = w.round(r).unwrap().clone();
    assert!(!round.revealed);
    assert_eq!(Public::compute(&w, &round).consensus(), None);
    let op = w.op_reveal(r, true).unwrap();
    apply(&mut w, op).unwrap();
    let round = w.round(r).unwrap().clone();
    let c = Public::compute(&w, &round).consensus().expect("revealed");
    assert_eq!(c.row(ProposalId(1)).unwrap().score, Some(563));
}

#[test]
fn a_share_is_rounded_and_an_empty_group_is_zero() {
    let s = |supporters, voters| Support {
        group: None,
        supporters,
        voters,
    };
    assert_eq!(s(1, 3).permille(), 333);
    assert_eq!(s(2, 3).permille(), 667);
    assert_eq!(s(0, 0).permille(), 0);
}

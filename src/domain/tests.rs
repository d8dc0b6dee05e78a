//! Behaviour of the domain: what each gesture does, what it refuses, and
//! that every change can be undone and redone.

use super::round::BallotFlag;
use super::tally::Tally;
use super::validate::{PathSeg, validate};
use super::*;
use proptest::prelude::*;
use std::collections::BTreeMap;

fn at(minute: u32) -> Stamp {
    Stamp::from_ymd_hms(2024, 3, 14, 9, minute, 0).unwrap()
}

pub(crate) fn workshop() -> Workshop {
    Workshop::new(Details {
        title: "Concertation test".into(),
        ..Details::default()
    })
}

/// The empty workshop with `n` proposals on axis 1 ("Proposition 1"…).
pub(crate) fn with_proposals_on_axis_1(n: usize) -> Workshop {
    let mut w = workshop();
    let at = Stamp::from_ymd_hms(2024, 3, 14, 11, 0, 0).unwrap();
    for i in 0..n {
        let op = w
            .op_add_proposal(&format!("Proposition {}", i + 1), vec![1], "", at)
            .unwrap();
        apply(&mut w, op).unwrap();
    }
    w
}

fn run(w: &mut Workshop, h: &mut History, op: Result<Op, DomainError>) -> Result<(), DomainError> {
    h.run(w, op?).map(|_| ())
}

/// A workshop with `n` proposals tagged round-robin on axes 1–4 and
/// `voters` participants.
fn with_proposals(n: usize, voters: usize) -> (Workshop, History) {
    let mut w = workshop();
    let mut h = History::default();
    for i in 0..n {
        let op = w.op_add_proposal(
            &format!("Proposition {}", i + 1),
            vec![(i % 4) as u8 + 1],
            "CAF",
            at(0),
        );
        run(&mut w, &mut h, op).unwrap();
    }
    for i in 0..voters {
        let op = w.op_add_participant(&format!("Votant {i}"), "", Some(College::ALL[i % 4]));
        run(&mut w, &mut h, op).unwrap();
    }
    (w, History::default())
}

fn dots(pairs: &[(u32, u32)]) -> BTreeMap<ProposalId, u32> {
    pairs.iter().map(|(p, n)| (ProposalId(*p), *n)).collect()
}

fn open_round(w: &mut Workshop, h: &mut History, dots: u32, cap: u32) -> RoundId {
    let mut s = w.default_round_settings(Scope::All, cap, "Tour 1".into());
    s.dots_per_voter = dots;
    s.max_per_proposal = cap;
    let op = w.op_new_round(s, at(10));
    run(w, h, op).unwrap();
    w.rounds.last().unwrap().id
}

fn cast(
    w: &mut Workshop,
    h: &mut History,
    round: RoundId,
    voter: u32,
    d: &[(u32, u32)],
) -> Result<(), DomainError> {
    let op = w.op_cast_ballot(
        round,
        Voter::Participant(ParticipantId(voter)),
        &dots(d),
        at(20),
    );
    run(w, h, op)
}

#[test]
fn a_proposal_gets_the_next_number_and_keeps_its_text() {
    let (mut w, mut h) = with_proposals(2, 0);
    let op = w.op_add_proposal(
        "  Un référent unique 🤝\npour le RSA ",
        vec![2],
        " France Travail ",
        at(1),
    );
    run(&mut w, &mut h, op).unwrap();
    let p = w.proposals.last().unwrap();
    assert_eq!(p.id, ProposalId(3));
    assert_eq!(p.text, "Un référent unique 🤝\npour le RSA");
    assert_eq!(p.author, "France Travail");
    assert_eq!(p.axes, vec![2]);
}

#[test]
fn empty_text_and_unknown_axes_are_refused() {
    let (mut w, mut h) = with_proposals(0, 0);
    assert_eq!(
        w.op_add_proposal(" \n ", vec![], "", at(0)),
        Err(DomainError::EmptyText)
    );
    let op = w.op_add_proposal("ok", vec![7], "", at(0));
    assert_eq!(run(&mut w, &mut h, op), Err(DomainError::UnknownAxis(7)));
    assert!(w.proposals.is_empty());
}

#[test]
fn ids_are_never_reused_even_after_undo() {
    let (mut w, mut h) = with_proposals(0, 0);
    let op = w.op_add_proposal("première", vec![], "", at(0));
    run(&mut w, &mut h, op).unwrap();
    h.undo(&mut w).unwrap().unwrap();
    let op = w.op_add_proposal("seconde", vec![], "", at(0));
    run(&mut w, &mut h, op).unwrap();
    assert_eq!(w.proposals[0].id, ProposalId(2));
}

/// An op refused on the way (an unknown axis, a sheet without a title)
/// leaves the workshop exactly as it was, counters included: memory and
/// disk stay the same file.
#[test]
fn a_refused_op_takes_no_number() {
    let (mut w, mut h) = with_proposals(2, 2);
    let before = w.clone();
    let op = w.op_add_proposal("ok", vec![7], "", at(0));
    assert!(run(&mut w, &mut h, op).is_err());
    let op = Op::InsertSheet {
        index: 0,
        sheet: Box::new(Sheet::blank(w.free_sheet_number(), String::new(), None)),
    };
    assert!(h.run(&mut w, op).is_err());
    let op = w.op_add_participant(" ", "", None);
    assert!(run(&mut w, &mut h, op).is_err());
    assert_eq!(w, before);
}

/// Several creations in one step each get their own number, and a number
/// given once is not given again after undo.
#[test]
fn one_step_creating_several_gives_each_its_number() {
    let (mut w, mut h) = with_proposals(3, 0);
    let people = [
        ("Ana".to_string(), String::new(), None),
        ("Bo".to_string(), String::new(), None),
    ];
    let op = w.op_add_participants(&people);
    run(&mut w, &mut h, op).unwrap();
    let ids: Vec<_> = w.participants.iter().map(|p| p.id.0).collect();
    assert_eq!(ids, [1, 2]);
    let drafts = [(ProposalId(3), 5), (ProposalId(1), 4)];
    let op = w.op_draft_sheets(&drafts, None);
    run(&mut w, &mut h, op).unwrap();
    let sheets: Vec<_> = w
        .sheets
        .iter()
        .map(|s| (s.id.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(
        sheets,
        [("FA-01", "Proposition 3"), ("FA-02", "Proposition 1")]
    );
    h.undo(&mut w).unwrap().unwrap();
    let op = w.op_draft_sheet(ProposalId(2), None, 1);
    run(&mut w, &mut h, op).unwrap();
    assert_eq!(w.sheets[0].id, "FA-03");
}

#[test]
fn undo_and_redo_say_what_they_did() {
    let (mut w, mut h) = with_proposals(0, 0);
    let op = w.op_add_proposal("a", vec![], "", at(0));
    assert_eq!(h.run(&mut w, op.unwrap()), Ok("op.insert_proposal"));
    assert_eq!(h.undo(&mut w), Some(Ok("op.insert_proposal")));
    assert!(w.proposals.is_empty());
    assert_eq!(h.redo(&mut w), Some(Ok("op.insert_proposal")));
    assert_eq!(w.proposals.len(), 1);
    assert_eq!(h.redo(&mut w), None);
}

#[test]
fn tagging_sets_primary_then_secondary_axes() {
    let (mut w, mut h) = with_proposals(0, 0);
    let op = w.op_add_proposal("sans axe", vec![], "", at(0));
    run(&mut w, &mut h, op).unwrap();
    let id = w.proposals[0].id;
    let op = w.op_set_primary_axis(id, 3);
    run(&mut w, &mut h, op).unwrap();
    let op = w.op_toggle_secondary_axis(id, 2);
    run(&mut w, &mut h, op).unwrap();
    assert_eq!(w.proposals[0].axes, vec![3, 2]);
    let op = w.op_set_primary_axis(id, 2);
    run(&mut w, &mut h, op).unwrap();
    assert_eq!(w.proposals[0].axes, vec![2, 3]);
    let op = w.op_toggle_secondary_axis(id, 3);
    run(&mut w, &mut h, op).unwrap();
    assert_eq!(w.proposals[0].axes, vec![2]);
    // Pressing the key of the primary axis again keeps it: it sets, it
    // never toggles (clearing is its own key).
    let op = w.op_set_primary_axis(id, 2);
    run(&mut w, &mut h, op).unwrap();
    assert_eq!(w.proposals[0].axes, vec![2]);
}

#[test]
fn merging_keeps_the_originals_and_unmerging_restores_them() {
    let (mut w, mut h) = with_proposals(3, 0);
    let before = w.clone();
    h.run(
        &mut w,
        Op::Merge {
            into: ProposalId(1),
            sources: vec![ProposalId(2), ProposalId(3)],
        },
    )
    .unwrap();
    assert_eq!(w.live_proposals().count(), 1);
    assert_eq!(w.proposals.len(), 3, "originals are kept");
    assert_eq!(w.merged_into(ProposalId(1)).count(), 2);
    h.undo(&mut w).unwrap().unwrap();
    assert_eq!(w, before);
    h.run(
        &mut w,
        Op::Merge {
            into: ProposalId(1),
            sources: vec![ProposalId(2)],
        },
    )
    .unwrap();
    h.run(
        &mut w,
        Op::Unmerge {
            into: ProposalId(1),
            sources: vec![ProposalId(2)],
        },
    )
    .unwrap();
    assert_eq!(w.proposals, before.proposals);
}

#[test]
fn merges_that_make_no_sense_are_refused() {
    let (mut w, mut h) = with_proposals(3, 0);
    let merge = |into, sources: &[u32]| Op::Merge {
        into: ProposalId(into),
        sources: sources.iter().map(|s| ProposalId(*s)).collect(),
    };
    assert_eq!(
        h.run(&mut w, merge(1, &[])),
        Err(DomainError::MergeNeedsTwo)
    );
    assert_eq!(
        h.run(&mut w, merge(1, &[1])),
        Err(DomainError::MergeNeedsTwo)
    );
    assert_eq!(
        h.run(&mut w, merge(1, &[9])),
        Err(DomainError::UnknownProposal(ProposalId(9)))
    );
    h.run(&mut w, merge(1, &[2])).unwrap();
    assert_eq!(
        h.run(&mut w, merge(3, &[2])),
        Err(DomainError::ProposalMerged(ProposalId(2), ProposalId(1)))
    );
    assert_eq!(
        h.run(&mut w, Op::RemoveProposal(ProposalId(1))),
        Err(DomainError::ProposalHoldsMerges(ProposalId(1)))
    );
}

/// Found by the undo property: unmerging a child from a parent that was
/// itself merged could not be undone. Merges now unwind from the top.
#[test]
fn merges_unwind_from_the_top_so_every_step_stays_undoable() {
    let (mut w, mut h) = with_proposals(3, 0);
    let before = w.clone();
    let (p1, p2, p3) = (ProposalId(1), ProposalId(2), ProposalId(3));
    h.run(
        &mut w,
        Op::Merge {
            into: p2,
            sources: vec![p1],
        },
    )
    .unwrap();
    h.run(
        &mut w,
        Op::Merge {
            into: p3,
            sources: vec![p2],
        },
    )
    .unwrap();
    assert_eq!(
        h.run(
            &mut w,
            Op::Unmerge {
                into: p2,
                sources: vec![p1]
            }
        ),
        Err(DomainError::ProposalMerged(p2, p3))
    );
    h.run(
        &mut w,
        Op::Unmerge {
            into: p3,
            sources: vec![p2],
        },
    )
    .unwrap();
    h.run(
        &mut w,
        Op::Unmerge {
            into: p2,
            sources: vec![p1],
        },
    )
    .unwrap();
    while let Some(r) = h.undo(&mut w) {
        r.unwrap();
    }
    assert_eq!(w, before);
}

/// Found by the undo property: a round's earlier settings could become
/// "invalid" after a merge and its undo was refused.
#[test]
fn a_shortlisted_proposal_merged_later_passes_its_place_on() {
    let (mut w, mut h) = with_proposals(4, 1);
    let mut s = w.default_round_settings(
        Scope::Shortlist(vec![ProposalId(2), ProposalId(3)]),
        3,
        "Tour 1".into(),
    );
    s.dots_per_voter = 3;
    let op = w.op_new_round(s, at(0));
    run(&mut w, &mut h, op).unwrap();
    let r = w.rounds[0].id;
    h.run(
        &mut w,
        Op::Merge {
            into: ProposalId(1),
            sources: vec![ProposalId(2)],
        },
    )
    .unwrap();
    let mut changed = w.round(r).unwrap().settings();
    changed.dots_per_voter = 2;
    changed.max_per_proposal = 1;
    h.run(
        &mut w,
        Op::SetRoundSettings {
            round: r,
            settings: changed,
        },
    )
    .unwrap();
    cast(&mut w, &mut h, r, 1, &[(1, 1), (3, 1)]).unwrap();
    assert_eq!(
        cast(&mut w, &mut h, r, 1, &[(4, 1)]).unwrap_err(),
        DomainError::AlreadyVoted(Voter::Participant(ParticipantId(1)))
    );
    let tally = Tally::compute(&w, w.round(r).unwrap());
    let in_scope: Vec<_> = tally.rows.iter().map(|r| r.proposal.0).collect();
    assert_eq!(in_scope, [1, 3]);
    for _ in 0..3 {
        h.undo(&mut w).unwrap().unwrap();
    }
    assert_eq!(w.round(r).unwrap().dots_per_voter, 3);
}

#[test]
fn a_ballot_over_budget_or_cap_is_refused() {
    let (mut w, mut h) = with_proposals(6, 3);
    let r = open_round(&mut w, &mut h, 3, 2);
    assert_eq!(
        cast(&mut w, &mut h, r, 1, &[(1, 2), (2, 2)]),
        Err(DomainError::OverBudget {
            spent: 4,
            budget: 3
        })
    );
    assert_eq!(
        cast(&mut w, &mut h, r, 1, &[(1, 3)]),
        Err(DomainError::OverCap {
            proposal: ProposalId(1),
            dots: 3,
            cap: 2
        })
    );
    assert_eq!(
        cast(&mut w, &mut h, r, 1, &[]),
        Err(DomainError::EmptyBallot)
    );
    assert_eq!(
        cast(&mut w, &mut h, r, 9, &[(1, 1)]),
        Err(DomainError::UnknownParticipant(ParticipantId(9)))
    );
    assert_eq!(
        cast(&mut w, &mut h, r, 1, &[(42, 1)]),
        Err(DomainError::UnknownProposal(ProposalId(42)))
    );
    cast(&mut w, &mut h, r, 1, &[(1, 2), (2, 1)]).unwrap();
    assert_eq!(
        cast(&mut w, &mut h, r, 1, &[(3, 1)]),
        Err(DomainError::AlreadyVoted(Voter::Participant(
            ParticipantId(1)
        )))
    );
}

#[test]
fn a_voided_ballot_lets_the_voter_vote_again_and_stays_on_record() {
    let (mut w, mut h) = with_proposals(6, 2);
    let r = open_round(&mut w, &mut h, 3, 3);
    cast(&mut w, &mut h, r, 1, &[(1, 3)]).unwrap();
    h.run(
        &mut w,
        Op::SetBallotVoid {
            round: r,
            index: 0,
            void: true,
        },
    )
    .unwrap();
    cast(&mut w, &mut h, r, 1, &[(2, 3)]).unwrap();
    let round = w.round(r).unwrap();
    assert_eq!(round.ballots.len(), 2);
    let tally = Tally::compute(&w, round);
    assert_eq!(
        (tally.dots_of(ProposalId(1)), tally.dots_of(ProposalId(2))),
        (0, 3)
    );
    // Un-voiding would give the voter two ballots: refused.
    assert_eq!(
        h.run(
            &mut w,
            Op::SetBallotVoid {
                round: r,
                index: 0,
                void: false
            }
        ),
        Err(DomainError::AlreadyVoted(Voter::Participant(
            ParticipantId(1)
        )))
    );
}

#[test]
fn out_of_scope_and_closed_rounds_refuse_dots() {
    let (mut w, mut h) = with_proposals(8, 2);
    let s = RoundSettings {
        scope: Scope::Axis(2),
        ..w.default_round_settings(Scope::Axis(2), 3, "Tour 1".into())
    };
    let op = w.op_new_round(s, at(0));
    run(&mut w, &mut h, op).unwrap();
    let r = w.rounds[0].id;
    // Proposal 1 is on axis 1, proposal 2 on axis 2.
    assert_eq!(
        cast(&mut w, &mut h, r, 1, &[(1, 1)]),
        Err(DomainError::NotInScope(ProposalId(1)))
    );
    cast(&mut w, &mut h, r, 1, &[(2, 1)]).unwrap();
    h.run(
        &mut w,
        Op::SetRoundState {
            round: r,
            open: false,
            revealed: false,
        },
    )
    .unwrap();
    assert_eq!(
        cast(&mut w, &mut h, r, 2, &[(2, 1)]),
        Err(DomainError::RoundClosed(r))
    );
}

#[test]
fn a_voter_who_voted_cannot_be_deleted() {
    let (mut w, mut h) = with_proposals(3, 2);
    let r = open_round(&mut w, &mut h, 3, 3);
    cast(&mut w, &mut h, r, 1, &[(1, 1)]).unwrap();
    assert_eq!(
        h.run(&mut w, Op::RemoveParticipant(ParticipantId(1))),
        Err(DomainError::ParticipantHasVoted(ParticipantId(1)))
    );
    h.run(&mut w, Op::RemoveParticipant(ParticipantId(2)))
        .unwrap();
    assert_eq!(
        cast(&mut w, &mut h, r, 2, &[(1, 1)]),
        Err(DomainError::UnknownParticipant(ParticipantId(2)))
    );
    assert_eq!(
        h.run(&mut w, Op::RemoveProposal(ProposalId(1))),
        Err(DomainError::ProposalHasVotes(ProposalId(1)))
    );
}

#[test]
fn dots_follow_a_merge_and_come_back_when_unmerged() {
    let (mut w, mut h) = with_proposals(4, 2);
    let r = open_round(&mut w, &mut h, 4, 2);
    cast(&mut w, &mut h, r, 1, &[(1, 2), (2, 2)]).unwrap();
    cast(&mut w, &mut h, r, 2, &[(2, 1), (3, 1)]).unwrap();
    h.run(
        &mut w,
        Op::Merge {
            into: ProposalId(1),
            sources: vec![ProposalId(2)],
        },
    )
    .unwrap();
    let tally = Tally::compute(&w, w.round(r).unwrap());
    assert_eq!(tally.dots_of(ProposalId(1)), 5);
    assert_eq!(
        tally.rows.iter().find(|r| r.proposal == ProposalId(2)),
        None
    );
    assert_eq!(tally.dots_spent, 6);
    h.undo(&mut w).unwrap().unwrap();
    let tally = Tally::compute(&w, w.round(r).unwrap());
    assert_eq!(
        (tally.dots_of(ProposalId(1)), tally.dots_of(ProposalId(2))),
        (2, 3)
    );
}

#[test]
fn changing_the_rules_flags_ballots_and_trims_nothing() {
    let (mut w, mut h) = with_proposals(6, 1);
    let r = open_round(&mut w, &mut h, 5, 3);
    cast(&mut w, &mut h, r, 1, &[(1, 3), (2, 2)]).unwrap();
    let mut s = w.round(r).unwrap().settings();
    s.dots_per_voter = 4;
    s.max_per_proposal = 2;
    h.run(
        &mut w,
        Op::SetRoundSettings {
            round: r,
            settings: s,
        },
    )
    .unwrap();
    let round = w.round(r).unwrap();
    assert_eq!(round.ballots[0].spent(), 5, "nothing trimmed");
    assert_eq!(
        round.flagged_ballots(),
        vec![
            (
                0,
                BallotFlag::OverBudget {
                    spent: 5,
                    budget: 4
                }
            ),
            (
                0,
                BallotFlag::OverCap {
                    proposal: ProposalId(1),
                    dots: 3,
                    cap: 2
                }
            ),
        ]
    );
}

#[test]
fn a_tie_at_the_cut_line_leads_to_a_runoff_on_the_tied_only() {
    let (mut w, mut h) = with_proposals(6, 3);
    let r = open_round(&mut w, &mut h, 3, 3);
    let mut s = w.round(r).unwrap().settings();
    s.winners = 2;
    h.run(
        &mut w,
        Op::SetRoundSettings {
            round: r,
            settings: s,
        },
    )
    .unwrap();
    cast(&mut w, &mut h, r, 1, &[(1, 3)]).unwrap();
    cast(&mut w, &mut h, r, 2, &[(2, 2), (3, 1)]).unwrap();
    cast(&mut w, &mut h, r, 3, &[(3, 1), (4, 2)]).unwrap();
    let tally = Tally::compute(&w, w.round(r).unwrap());
    let cut = tally.cut(2);
    assert_eq!(cut.winners, vec![ProposalId(1)]);
    assert_eq!(cut.tied, vec![ProposalId(2), ProposalId(3), ProposalId(4)]);
    assert_eq!(cut.places, 1);
    assert_eq!(
        tally.rows.iter().map(|r| r.rank).collect::<Vec<_>>(),
        [1, 2, 2, 2, 5, 5]
    );
    let op = w.op_new_runoff(r, "Départage 1".into(), at(30));
    run(&mut w, &mut h, op).unwrap();
    let runoff = w.rounds.last().unwrap();
    assert_eq!(
        runoff.scope,
        Scope::Shortlist(vec![ProposalId(2), ProposalId(3), ProposalId(4)])
    );
    assert_eq!(
        (
            runoff.dots_per_voter,
            runoff.max_per_proposal,
            runoff.winners
        ),
        (1, 1, 1)
    );
    assert_eq!(runoff.runoff_of, Some(r));
}

#[test]
fn paper_tallies_record_who_typed_them() {
    let (mut w, mut h) = with_proposals(4, 0);
    let mut s = w.default_round_settings(Scope::All, 3, "Tour 1".into());
    s.mode = Mode::Paper;
    let op = w.op_new_round(s, at(0));
    run(&mut w, &mut h, op).unwrap();
    let r = w.rounds[0].id;
    let op = w.op_set_tally(r, ProposalId(2), 7, "Camille", at(5));
    h.run(&mut w, op).unwrap();
    let op = w.op_set_tally(r, ProposalId(2), 9, "Camille", at(6));
    h.run(&mut w, op).unwrap();
    let e = w.round(r).unwrap().tally_entry(ProposalId(2)).unwrap();
    assert_eq!((e.dots, e.by.as_str(), e.at), (9, "Camille", Some(at(6))));
    h.undo(&mut w).unwrap().unwrap();
    assert_eq!(
        w.round(r).unwrap().tally_entry(ProposalId(2)).unwrap().dots,
        7
    );
    // Ballots have no place in a paper round.
    assert_eq!(
        cast(&mut w, &mut h, r, 1, &[(1, 1)]).unwrap_err(),
        DomainError::WrongMode(r)
    );
}

#[test]
fn an_axis_in_use_cannot_be_removed() {
    let (mut w, mut h) = with_proposals(1, 0);
    let mut axes = w.axes.clone();
    axes.remove(0);
    assert_eq!(
        h.run(&mut w, Op::SetAxes(axes.clone())),
        Err(DomainError::AxisInUse { key: 1, uses: 1 })
    );
    let mut unused = w.axes.clone();
    unused.remove(3);
    h.run(&mut w, Op::SetAxes(unused)).unwrap();
    assert_eq!(w.axes.len(), 3);
}

#[test]
fn a_draft_sheet_carries_the_room_s_words_and_votes() {
    let (mut w, mut h) = with_proposals(3, 0);
    h.run(
        &mut w,
        Op::Merge {
            into: ProposalId(2),
            sources: vec![ProposalId(3)],
        },
    )
    .unwrap();
    let op = w.op_draft_sheet(ProposalId(2), Some(RoundId(1)), 14);
    run(&mut w, &mut h, op).unwrap();
    let s = &w.sheets[0];
    assert_eq!(
        (s.id.as_str(), s.title.as_str(), s.axis, s.origin.votes),
        ("FA-01", "Proposition 2", Some(2), 14)
    );
    let ids: Vec<_> = s.origin.proposals.iter().map(|p| p.id.0).collect();
    assert_eq!(ids, [2, 3]);
}

#[test]
fn validation_points_at_the_faulty_place() {
    let (mut w, _) = with_proposals(3, 0);
    std::sync::Arc::make_mut(&mut w.proposals[2]).id = ProposalId(1);
    let err = validate(&w).unwrap_err();
    assert_eq!(
        err.path,
        vec![PathSeg::from("proposals"), 2.into(), "id".into()]
    );
    assert_eq!(
        err.to_string(),
        "proposals[2].id: proposal number 1 is used twice"
    );
    std::sync::Arc::make_mut(&mut w.proposals[2]).id = ProposalId(3);
    std::sync::Arc::make_mut(&mut w.proposals[1]).axes = vec![2, 8];
    assert_eq!(
        validate(&w).unwrap_err().path,
        vec![
            PathSeg::from("proposals"),
            1.into(),
            "axes".into(),
            1.into()
        ]
    );
    std::sync::Arc::make_mut(&mut w.proposals[1]).axes = vec![];
    std::sync::Arc::make_mut(&mut w.proposals[0]).merged_into = Some(ProposalId(2));
    std::sync::Arc::make_mut(&mut w.proposals[1]).merged_into = Some(ProposalId(1));
    assert_eq!(
        validate(&w).unwrap_err().error,
        DomainError::MergeLoop(ProposalId(1))
    );
}

// ---- properties ------------------------------------------------------------

/// A gesture, with indices taken modulo what exists when it runs.
#[derive(Debug, Clone)]
pub(crate) enum Gesture {
    Add(String, Vec<u8>),
    Paste(Vec<String>),
    Edit(usize, String),
    Primary(usize, u8),
    Secondary(usize, u8),
    Move(usize, usize),
    Remove(usize),
    Merge(usize, usize),
    Unmerge(usize),
    AddVoter(String),
    RemoveVoter(usize),
    NewRound(u32, u32, bool),
    Cast(usize, usize, Vec<(usize, u32)>),
    Void(usize, usize),
    Tally(usize, usize, u32),
    Reveal(usize),
    Sheet(usize),
    /// A phone sends a proposal; then it is accepted, merged or set aside.
    Receive(u8, String),
    Moderate(usize, u8, usize),
    Undo,
    Redo,
}

pub(crate) fn gesture() -> impl Strategy<Value = Gesture> {
    let text = "[a-zA-Zéèàç😀 \n«»]{0,12}";
    prop_oneof![
        (text, prop::collection::vec(0u8..6, 0..3)).prop_map(|(t, a)| Gesture::Add(t, a)),
        prop::collection::vec(text, 0..4).prop_map(Gesture::Paste),
        (any::<usize>(), text).prop_map(|(i, t)| Gesture::Edit(i, t)),
        (any::<usize>(), 0u8..6).prop_map(|(i, k)| Gesture::Primary(i, k)),
        (any::<usize>(), 0u8..6).prop_map(|(i, k)| Gesture::Secondary(i, k)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Gesture::Move(a, b)),
        any::<usize>().prop_map(Gesture::Remove),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Gesture::Merge(a, b)),
        any::<usize>().prop_map(Gesture::Unmerge),
        "[A-Za-zé ]{0,8}".prop_map(Gesture::AddVoter),
        any::<usize>().prop_map(Gesture::RemoveVoter),
        (0u32..6, 0u32..4, any::<bool>()).prop_map(|(d, c, t)| Gesture::NewRound(d, c, t)),
        (
            any::<usize>(),
            any::<usize>(),
            prop::collection::vec((any::<usize>(), 0u32..4), 0..4)
        )
            .prop_map(|(r, v, d)| Gesture::Cast(r, v, d)),
        (any::<usize>(), any::<usize>()).prop_map(|(r, b)| Gesture::Void(r, b)),
        (any::<usize>(), any::<usize>(), 0u32..20).prop_map(|(r, p, n)| Gesture::Tally(r, p, n)),
        any::<usize>().prop_map(Gesture::Reveal),
        any::<usize>().prop_map(Gesture::Sheet),
        (0u8..4, text).prop_map(|(d, t)| Gesture::Receive(d, t)),
        (any::<usize>(), 0u8..3, any::<usize>()).prop_map(|(r, k, p)| Gesture::Moderate(r, k, p)),
        Just(Gesture::Undo),
        Just(Gesture::Redo),
    ]
}

fn pick<T>(items: &[T], i: usize) -> Option<&T> {
    (!items.is_empty()).then(|| &items[i % items.len()])
}

/// Performs a gesture; refused ones change nothing, which is also checked.
#[allow(clippy::too_many_lines)] // One scenario, step by step, as a facilitator lives it.
pub(crate) fn perform(w: &mut Workshop, h: &mut History, g: Gesture) {
    let before = w.clone();
    let pid = |w: &Workshop, i: usize| pick(&w.proposals, i).map(|p| p.id);
    let op: Option<Result<Op, DomainError>> = match g {
        Gesture::Add(t, a) => Some(w.op_add_proposal(&t, a, "auteur", at(0))),
        Gesture::Paste(lines) => {
            Some(w.op_add_proposals(lines.iter().map(String::as_str), vec![], "", at(0)))
        }
        Gesture::Edit(i, t) => pid(w, i).map(|id| {
            let axes = w.proposal(id).map(|p| p.axes.clone()).unwrap_or_default();
            w.op_edit_proposal(id, &t, "", axes)
        }),
        Gesture::Primary(i, k) => pid(w, i).map(|id| w.op_set_primary_axis(id, k)),
        Gesture::Secondary(i, k) => pid(w, i).map(|id| w.op_toggle_secondary_axis(id, k)),
        Gesture::Move(i, to) => pid(w, i).map(|id| {
            Ok(Op::MoveProposal {
                id,
                to: to % w.proposals.len(),
            })
        }),
        Gesture::Remove(i) => pid(w, i).map(|id| Ok(Op::RemoveProposal(id))),
        Gesture::Merge(a, b) => pid(w, a).zip(pid(w, b)).map(|(into, s)| {
            Ok(Op::Merge {
                into,
                sources: vec![s],
            })
        }),
        Gesture::Unmerge(i) => pick(&w.proposals, i).and_then(|p| {
            p.merged_into.map(|into| {
                Ok(Op::Unmerge {
                    into,
                    sources: vec![p.id],
                })
            })
        }),
        Gesture::AddVoter(n) => Some(w.op_add_participant(&n, "", None)),
        Gesture::RemoveVoter(i) => {
            pick(&w.participants, i).map(|p| Ok(Op::RemoveParticipant(p.id)))
        }
        Gesture::NewRound(d, c, tally) => {
            let mut s = w.default_round_settings(Scope::All, 3, "Tour 1".into());
            s.dots_per_voter = d;
            s.max_per_proposal = c;
            s.mode = if tally { Mode::Paper } else { Mode::Ballots };
            Some(w.op_new_round(s, at(1)))
        }
        Gesture::Cast(r, v, d) => pick(&w.rounds, r).map(|r| r.id).and_then(|r| {
            let voter = pick(&w.participants, v).map(|p| p.id)?;
            let d: BTreeMap<_, _> = d
                .iter()
                .filter_map(|(p, n)| Some((pid(w, *p)?, *n)))
                .collect();
            Some(w.op_cast_ballot(r, Voter::Participant(voter), &d, at(2)))
        }),
        Gesture::Void(r, b) => pick(&w.rounds, r).and_then(|r| {
            (!r.ballots.is_empty()).then(|| {
                Ok(Op::SetBallotVoid {
                    round: r.id,
                    index: b % r.ballots.len(),
                    void: true,
                })
            })
        }),
        Gesture::Tally(r, p, n) => pick(&w.rounds, r)
            .map(|r| r.id)
            .zip(pid(w, p))
            .map(|(r, p)| Ok(w.op_set_tally(r, p, n, "x", at(3)))),
        Gesture::Reveal(r) => pick(&w.rounds, r).map(|r| {
            Ok(Op::SetRoundState {
                round: r.id,
                open: false,
                revealed: true,
            })
        }),
        Gesture::Sheet(i) => pid(w, i).map(|id| w.op_draft_sheet(id, None, 3)),
        Gesture::Receive(d, t) => {
            let sent = super::moderation::Sent {
                text: t,
                axis: Some(1),
                author: "asso".into(),
            };
            match super::moderation::op_receive(w, &format!("d{d}"), sent, at(4)) {
                Ok(Some(op)) => Some(Ok(op)),
                Ok(None) => None,
                Err(e) => Some(Err(e)),
            }
        }
        Gesture::Moderate(r, kind, p) => {
            let id = pick(w.received(), r).map(|x| x.id);
            let into = pid(w, p);
            id.map(|id| match (kind, into) {
                (0, _) => super::moderation::op_accept(w, id, None, at(5)),
                (1, Some(into)) => super::moderation::op_merge(w, id, into, at(5)),
                _ => super::moderation::op_set_aside(w, id, "hors sujet"),
            })
        }
        Gesture::Undo => {
            let _ = h.undo(w);
            None
        }
        Gesture::Redo => {
            let _ = h.redo(w);
            None
        }
    };
    if let Some(op) = op {
        let refused = match op {
            Ok(op) => h.run(w, op).is_err(),
            Err(_) => true,
        };
        if refused {
            let mut expected = before;
            expected.next = w.next; // counters only grow
            assert_eq!(*w, expected, "a refused gesture changed the workshop");
        }
    }
    assert!(
        validate(w).is_ok(),
        "the domain built an invalid workshop: {:?}",
        validate(w)
    );
}

/// Everything but the id counters, which only ever grow.
fn content(w: &Workshop) -> Workshop {
    let mut w = w.clone();
    w.next = crate::domain::ids::Counters::default();
    w
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn undoing_every_step_restores_the_start_and_redoing_restores_the_end(
        setup in prop::collection::vec(gesture(), 0..30),
        steps in prop::collection::vec(gesture(), 1..40),
    ) {
        let mut w = workshop();
        let mut h = History::default();
        for g in setup {
            perform(&mut w, &mut h, g);
        }
        let start = content(&w);
        let mut h = History::default();
        // Undo and redo inside the steps would break the linear history
        // this property walks back; they are exercised in `setup`.
        for g in steps.into_iter().filter(|g| !matches!(g, Gesture::Undo | Gesture::Redo)) {
            perform(&mut w, &mut h, g);
        }
        let end = content(&w);
        while let Some(r) = h.undo(&mut w) { r.unwrap(); }
        prop_assert_eq!(content(&w), start);
        while let Some(r) = h.redo(&mut w) { r.unwrap(); }
        prop_assert_eq!(content(&w), end);
    }

    #[test]
    fn tallies_never_exceed_budgets_and_equal_the_sum_of_ballots(
        steps in prop::collection::vec(gesture(), 1..80),
    ) {
        let (mut w, mut h) = with_proposals(6, 4);
        let r = open_round(&mut w, &mut h, 4, 2);
        for g in steps {
            perform(&mut w, &mut h, g);
        }
        for round in &w.rounds {
            let tally = Tally::compute(&w, round);
            let counted: Vec<_> = round.counted_ballots().collect();
            let summed: u32 = counted.iter().map(|b| b.spent()).sum::<u32>()
                + round.tallies.iter().map(|t| t.dots).sum::<u32>();
            prop_assert_eq!(tally.dots_spent, summed);
            prop_assert_eq!(tally.rows.iter().map(|r| r.dots).sum::<u32>(), summed);
            if round.id == r {
                // Rules never changed for this round: every ballot fits them.
                for b in &counted {
                    prop_assert!(b.spent() <= round.dots_per_voter);
                    prop_assert!(b.dots.values().all(|n| *n <= round.max_per_proposal));
                }
            }
            // Ballot order does not matter.
            let mut shuffled = round.clone();
            shuffled.ballots.reverse();
            prop_assert_eq!(Tally::compute(&w, &shuffled), tally);
        }
    }
}

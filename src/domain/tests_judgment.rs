//! A round by majority judgment through the voting core: grades cast in
//! the booth's draft, counted with "À rejeter" for a grade left out, the
//! ranking and its cut line, the rules that refuse what the scale has no
//! place for, and the file that keeps it.

use super::judgment::Merit;
use super::round::Method;
use super::voting::BallotDraft;
use super::*;

fn at(minute: u32) -> Stamp {
    Stamp::from_ymd_hms(2024, 3, 14, 11, minute, 0).unwrap()
}

/// `n` proposals, `voters` participants, and an open judgment round
/// keeping `winners`.
fn room(n: usize, voters: usize, winners: u32) -> (Workshop, RoundId) {
    let mut w = super::tests::with_proposals_on_axis_1(n);
    for i in 0..voters {
        let op = w
            .op_add_participant(&format!("Votant {i}"), "", None)
            .unwrap();
        apply(&mut w, op).unwrap();
    }
    let mut s = w.default_round_settings(Scope::All, 3, "Validation".into());
    s.method = Method::Judgment;
    s.winners = winners;
    let op = w.op_new_round(s, at(1)).unwrap();
    apply(&mut w, op).unwrap();
    let id = w.rounds.last().unwrap().id;
    (w, id)
}

/// The `i`-th participant grades: (proposal, mark), 1 = Excellent.
fn grade(w: &mut Workshop, round: RoundId, i: usize, marks: &[(u32, u32)]) {
    let voter = Voter::Participant(w.participants[i].id);
    let mut draft = BallotDraft::new(round, voter);
    for (id, mark) in marks {
        draft.set(w, ProposalId(*id), *mark).unwrap();
    }
    let op = draft.cast(w, at(5)).unwrap();
    apply(w, op).unwrap();
}

fn tally(w: &Workshop, round: RoundId) -> Tally {
    Tally::compute(w, w.round(round).unwrap())
}

fn order(t: &Tally) -> Vec<(u32, u32, Option<u8>)> {
    t.rows
        .iter()
        .map(|r| {
            let m = r.merit.expect("a judgment round's rows have grades");
            (r.proposal.0, r.rank, m.majority_grade())
        })
        .collect()
}

#[test]
fn grades_are_counted_and_ranked_by_majority_grade() {
    let (mut w, r) = room(3, 3, 1);
    // n° 1: Bien, Bien, Très bien → Bien; n° 2: Excellent, Passable,
    // À rejeter → Passable; n° 3: Très bien ×3 → Très bien.
    grade(&mut w, r, 0, &[(1, 3), (2, 1), (3, 2)]);
    grade(&mut w, r, 1, &[(1, 3), (2, 5), (3, 2)]);
    grade(&mut w, r, 2, &[(1, 2), (2, 7), (3, 2)]);
    let t = tally(&w, r);
    assert_eq!(t.method, Method::Judgment);
    assert_eq!(
        order(&t),
        [(3, 1, Some(1)), (1, 2, Some(2)), (2, 3, Some(4))]
    );
    assert_eq!(t.rows[0].merit.unwrap().counts, [0, 3, 0, 0, 0, 0, 0]);
    assert_eq!((t.voters, t.dots_spent, t.dots_available), (3, 9, 9));
    // The cut line keeps the best one; nothing of consensus in grades.
    let outcome = w.outcome(w.round(r).unwrap(), &t);
    assert_eq!(outcome.kept, [ProposalId(3)]);
    assert!(super::consensus::Consensus::of(&t).is_none());
}

#[test]
fn a_grade_left_out_counts_as_a_rejection() {
    let (mut w, r) = room(2, 2, 1);
    grade(&mut w, r, 0, &[(1, 1), (2, 2)]);
    // The second voter graded only n° 2.
    grade(&mut w, r, 1, &[(2, 2)]);
    let t = tally(&w, r);
    let one = t.rows.iter().find(|x| x.proposal == ProposalId(1)).unwrap();
    assert_eq!(one.merit.unwrap(), Merit::of([0, 6]));
    // Lower median of [Excellent, À rejeter] is À rejeter: n° 2 leads.
    assert_eq!(order(&t), [(2, 1, Some(1)), (1, 2, Some(6))]);
    assert_eq!(t.dots_spent, 3);
}

#[test]
fn the_same_grades_are_a_tie_at_the_cut_line() {
    let (mut w, r) = room(3, 2, 1);
    grade(&mut w, r, 0, &[(1, 2), (2, 2), (3, 7)]);
    grade(&mut w, r, 1, &[(1, 3), (2, 3), (3, 7)]);
    let t = tally(&w, r);
    assert_eq!(order(&t)[..2], [(1, 1, Some(2)), (2, 1, Some(2))]);
    let outcome = w.outcome(w.round(r).unwrap(), &t);
    assert!(outcome.kept.is_empty());
    assert_eq!(outcome.tied, [ProposalId(1), ProposalId(2)]);
    assert_eq!(outcome.places, 1);
}

#[test]
fn merged_originals_keep_the_better_grade_of_one_voter() {
    let (mut w, r) = room(3, 1, 1);
    grade(&mut w, r, 0, &[(1, 5), (2, 2), (3, 4)]);
    apply(
        &mut w,
        Op::Merge {
            into: ProposalId(1),
            sources: vec![ProposalId(2)],
        },
    )
    .unwrap();
    let t = tally(&w, r);
    let one = t.rows.iter().find(|x| x.proposal == ProposalId(1)).unwrap();
    assert_eq!(one.merit.unwrap().counts, [0, 1, 0, 0, 0, 0, 0]);
    assert_eq!(t.rows.len(), 2, "the merged one is no row of its own");
}

#[test]
fn the_rules_refuse_what_the_scale_has_no_place_for() {
    let (w, r) = room(2, 1, 1);
    let voter = Voter::Participant(w.participants[0].id);
    let mut draft = BallotDraft::new(r, voter);
    assert_eq!(
        draft.set(&w, ProposalId(1), 8),
        Err(DomainError::NoSuchGrade {
            proposal: ProposalId(1),
            grade: 8
        })
    );
    // Moving down the scale stops at its end, and the grade is left.
    draft.set(&w, ProposalId(1), 7).unwrap();
    draft.add(&w, ProposalId(1)).unwrap();
    assert_eq!(draft.on(ProposalId(1)), 7);
    assert_eq!(
        draft.left(&w, w.round(r).unwrap()),
        1,
        "n° 2 still to grade"
    );
}

#[test]
fn a_paper_count_of_grades_ranks_the_same_way() {
    let (mut w, r) = room(2, 0, 1);
    let mut s = w.round(r).unwrap().settings();
    s.mode = Mode::Paper;
    apply(
        &mut w,
        Op::SetRoundSettings {
            round: r,
            settings: s,
        },
    )
    .unwrap();
    // On the wall: n° 1 got 3 Bien and 2 Excellent; n° 2 4 Très bien.
    for (id, grade, n) in [(1, 2, 3), (1, 0, 2), (2, 1, 4)] {
        let op = w
            .op_set_grade_count(r, ProposalId(id), grade, n, "Camille", at(9))
            .unwrap();
        apply(&mut w, op).unwrap();
    }
    let entry = w.round(r).unwrap().tally_entry(ProposalId(1)).unwrap();
    assert_eq!(
        (entry.dots, entry.grades.clone()),
        (5, vec![2, 0, 3, 0, 0, 0, 0])
    );
    let t = tally(&w, r);
    // n° 1: lower median of 5 is the 3rd best, Bien; n° 2 (4 voters, one
    // missing as À rejeter against 5): Très bien.
    assert_eq!(order(&t), [(2, 1, Some(1)), (1, 2, Some(2))]);
    assert_eq!((t.voters, t.dots_spent), (0, 9));
    // Back to zero, the entry goes; a count of grades fits no dots round.
    let op = w
        .op_set_grade_count(r, ProposalId(2), 1, 0, "Camille", at(9))
        .unwrap();
    apply(&mut w, op).unwrap();
    assert!(w.round(r).unwrap().tally_entry(ProposalId(2)).is_none());
    let text = toml::to_string(&w).unwrap();
    assert!(text.contains("grades = [2, 0, 3, 0, 0, 0, 0]"), "{text}");
    let bad = text.replace("grades = [2, 0, 3, 0, 0, 0, 0]", "grades = [2, 3]");
    let bad: Workshop = toml::from_str(&bad).unwrap();
    assert!(
        super::validate::validate(&bad).is_err(),
        "a broken count is refused"
    );
}

#[test]
fn the_method_of_a_round_with_ballots_cannot_change() {
    let (mut w, r) = room(2, 1, 1);
    grade(&mut w, r, 0, &[(1, 1)]);
    let mut s = w.round(r).unwrap().settings();
    s.method = Method::Dots;
    let op = Op::SetRoundSettings {
        round: r,
        settings: s,
    };
    assert_eq!(apply(&mut w, op), Err(DomainError::ModeLocked));
}

#[test]
fn a_judgment_round_is_kept_in_the_file_and_read_back() {
    let (mut w, r) = room(2, 2, 1);
    grade(&mut w, r, 0, &[(1, 1), (2, 4)]);
    let text = toml::to_string(&w).unwrap();
    assert!(text.contains("method = \"judgment\""), "{text}");
    let back: Workshop = toml::from_str(&text).unwrap();
    super::validate::validate(&back).unwrap();
    assert_eq!(back.round(r), w.round(r));
    assert_eq!(tally(&back, r), tally(&w, r));
    // A dots round says nothing of its method: older files read the same.
    let mut plain = super::tests::with_proposals_on_axis_1(2);
    let s = plain.default_round_settings(Scope::All, 3, "Tour 1".into());
    let op = plain.op_new_round(s, at(1)).unwrap();
    apply(&mut plain, op).unwrap();
    assert!(!toml::to_string(&plain).unwrap().contains("method ="));
}

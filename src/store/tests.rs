//! Properties of the store over workshops the domain can build.

use super::format::{parse, to_toml};
use super::*;
use crate::domain::History;
use crate::domain::tests::{gesture, perform, workshop};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// Any workshop the domain can build saves and loads back equal.
    #[test]
    fn any_workshop_saves_and_loads_back_equal(steps in prop::collection::vec(gesture(), 0..60)) {
        let mut w = workshop();
        let mut h = History::default();
        for g in steps {
            perform(&mut w, &mut h, g);
        }
        let text = to_toml(&w).unwrap();
        prop_assert_eq!(parse(&text).unwrap(), w);
    }
}

#[test]
fn a_session_saves_to_disk_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    let mut w = workshop();
    let mut s = Session::create(&path, &w).unwrap();
    let op = w
        .op_add_proposal(
            "Un référent unique 🤝",
            vec![2],
            "France Travail",
            crate::domain::Stamp::now(),
        )
        .unwrap();
    crate::domain::apply(&mut w, op).unwrap();
    s.save(&w).unwrap();
    drop(s);
    let (_, back) = Session::open(&path, Access::ReadWrite).unwrap();
    assert_eq!(back, w);
}

#[test]
fn a_second_session_is_refused_then_may_open_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    let _first = Session::create(&path, &workshop()).unwrap();
    match Session::open(&path, Access::ReadWrite) {
        Err(StoreError::Locked {
            holder: Some(h), ..
        }) => assert_eq!(h.pid, std::process::id()),
        other => panic!("expected Locked, got {other:?}"),
    }
    let (mut ro, w) = Session::open(&path, Access::ReadOnly).unwrap();
    assert!(ro.is_read_only());
    assert!(matches!(ro.save(&w), Err(StoreError::ReadOnly { .. })));
}

#[test]
fn a_missing_folder_gives_a_clear_error_and_keeps_the_workshop_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    let mut s = Session::create(&path, &workshop()).unwrap();
    std::fs::remove_file(&path).unwrap();
    std::fs::remove_dir_all(dir.path()).unwrap();
    let w = workshop();
    let err = s.save(&w).unwrap_err();
    let message = crate::i18n::Localize::localize(&err, crate::i18n::Lang::Fr);
    assert!(message.contains("enregistrement impossible"), "{message}");
    assert!(message.contains("introuvable"), "{message}");
    assert!(message.contains("Rien n'est perdu"), "{message}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    /// Many voters, random ballots (some refused): every kept ballot fits
    /// the rules, the count is the sum of the stored ballots whatever their
    /// order, and saving then loading keeps every ballot.
    #[test]
    fn ballots_fit_the_rules_sum_up_in_any_order_and_survive_a_save(
        dots in 1u32..8,
        cap in 1u32..4,
        casts in prop::collection::vec((0usize..14, prop::collection::vec((0usize..20, 0u32..5), 0..6)), 0..40),
        seed in any::<u64>(),
    ) {
        use crate::domain::{ParticipantId, ProposalId, RoundSettings, Scope, Mode, Stamp, Tally, Voter, apply};
        let mut w = crate::domain::sample::generated(20, 14);
        w.rounds.clear();
        let settings = RoundSettings {
            name: "Tour".into(),
            scope: Scope::All,
            mode: Mode::Ballots,
            dots_per_voter: dots,
            max_per_proposal: cap.min(dots),
            winners: 3,
        };
        let op = w.op_new_round(settings, Stamp::now()).unwrap();
        apply(&mut w, op).unwrap();
        let round = w.rounds[0].id;
        for (voter, picks) in casts {
            let d = picks.iter().map(|(p, n)| (ProposalId(*p as u32 + 1), *n)).collect();
            let voter = Voter::Participant(ParticipantId(voter as u32 + 1));
            if let Ok(op) = w.op_cast_ballot(round, voter, &d, Stamp::now()) {
                let _ = apply(&mut w, op);
            }
        }
        let r = w.round(round).unwrap().clone();
        for b in r.counted_ballots() {
            prop_assert!(b.spent() <= r.dots_per_voter && b.spent() > 0);
            prop_assert!(b.dots.values().all(|n| *n <= r.max_per_proposal));
        }
        let tally = Tally::compute(&w, &r);
        let stored: u32 = r.counted_ballots().map(|b| b.spent()).sum();
        prop_assert_eq!(tally.dots_spent, stored);
        prop_assert_eq!(tally.voters, r.counted_ballots().count());
        // Any order of the same ballots gives the same count.
        let mut shuffled = r.clone();
        let mut state = seed;
        for i in (1..shuffled.ballots.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.ballots.swap(i, (state >> 33) as usize % (i + 1));
        }
        prop_assert_eq!(Tally::compute(&w, &shuffled), tally);
        let back = parse(&to_toml(&w).unwrap()).unwrap();
        prop_assert_eq!(&back.round(round).unwrap().ballots, &r.ballots);
    }
}

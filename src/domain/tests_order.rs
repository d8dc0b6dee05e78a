//! Each voter's order: a permutation of the round's proposals, stable for
//! that voter, different from the next voter's, fair to every place, and
//! replayed from the file; the workshop's order for a paper count or when
//! the round turns shuffling off.

use super::order::{OrderKey, for_voter};
use super::round::order_seed_for as seed_for;
use super::*;
use proptest::prelude::*;
use std::collections::{BTreeSet, HashMap};

fn shuffled_round(seed: u32) -> Round {
    let mut w = super::tests::workshop();
    let s = w.default_round_settings(Scope::All, 3, "Tour 1".into());
    let op = w.op_new_round(s, Stamp::from_ymd_hms(2024, 3, 14, 11, 0, 0).unwrap());
    apply(&mut w, op.unwrap()).unwrap();
    let mut r = w.rounds()[0].clone();
    r.order_seed = Some(seed);
    r
}

fn ids(n: u32) -> Vec<ProposalId> {
    (1..=n).map(ProposalId).collect()
}

fn phone(i: u32) -> OrderKey {
    OrderKey::Device(format!("{i:016x}"))
}

proptest! {
    #[test]
    fn each_voter_gets_a_permutation_stable_whatever_the_input_order(
        seed in any::<u32>(),
        n in 0u32..40,
        voter in any::<u32>(),
        rotate in 0usize..40,
    ) {
        let r = shuffled_round(seed);
        let key = phone(voter);
        let order = for_voter(&r, &key, ids(n));
        let as_set: BTreeSet<ProposalId> = order.iter().copied().collect();
        prop_assert_eq!(order.len(), n as usize);
        prop_assert_eq!(as_set, ids(n).into_iter().collect::<BTreeSet<_>>());
        // The same voter, back later (the list handed over in any order),
        // sees the same order.
        let mut given = ids(n);
        let by = rotate.min(given.len());
        given.rotate_left(by);
        prop_assert_eq!(for_voter(&r, &key, given), order);
    }

    #[test]
    fn a_proposal_added_leaves_the_others_in_their_order(
        seed in any::<u32>(),
        n in 2u32..30,
        voter in any::<u32>(),
    ) {
        let r = shuffled_round(seed);
        let key = phone(voter);
        let before = for_voter(&r, &key, ids(n - 1));
        let mut after = for_voter(&r, &key, ids(n));
        after.retain(|id| id.0 != n);
        prop_assert_eq!(after, before);
    }

    #[test]
    fn the_order_is_replayed_from_the_file(seed in any::<u32>(), voter in any::<u32>()) {
        let r = shuffled_round(seed);
        let text = toml::to_string(&r).unwrap();
        let back: Round = toml::from_str(&text).unwrap();
        prop_assert_eq!(back.order_seed, Some(seed));
        let key = phone(voter);
        prop_assert_eq!(for_voter(&back, &key, ids(12)), for_voter(&r, &key, ids(12)));
    }
}

#[test]
fn voters_get_different_orders_and_every_place_is_fair() {
    let r = shuffled_round(seed_for(RoundId(1), None));
    let mut orders = BTreeSet::new();
    let mut first: HashMap<ProposalId, u32> = HashMap::new();
    let voters = 2000;
    for i in 0..voters {
        let order = for_voter(&r, &phone(i), ids(5));
        *first.entry(order[0]).or_default() += 1;
        orders.insert(order);
    }
    // 5! = 120 orders: 2,000 voters see them all.
    assert_eq!(orders.len(), 120);
    // Each proposal comes first for about a fifth of the voters (400; a
    // binomial's 4 standard deviations is ±72).
    for id in ids(5) {
        let n = first.get(&id).copied().unwrap_or(0);
        assert!(
            (328..=472).contains(&n),
            "n° {id} first for {n} of {voters}"
        );
    }
    // Two participants, and a participant and a phone, differ.
    let person = |p| OrderKey::Voter(Voter::Participant(ParticipantId(p)));
    let ten = ids(10);
    assert_ne!(
        for_voter(&r, &person(1), ten.clone()),
        for_voter(&r, &person(2), ten.clone())
    );
    assert_ne!(
        for_voter(&r, &person(1), ten.clone()),
        for_voter(&r, &phone(1), ten)
    );
}

#[test]
fn a_paper_count_or_a_round_without_shuffling_keeps_the_workshop_order() {
    let mut r = shuffled_round(7);
    assert_ne!(for_voter(&r, &phone(1), ids(10)), ids(10));
    r.mode = Mode::Paper;
    assert_eq!(for_voter(&r, &phone(1), ids(10)), ids(10));
    r.mode = Mode::Ballots;
    let mut s = r.settings();
    assert!(s.shuffled);
    s.shuffled = false;
    r.set_settings(s.clone());
    assert_eq!(r.order_seed, None);
    assert_eq!(for_voter(&r, &phone(1), ids(10)), ids(10));
    // Turned on again, the round finds the seed it was created with.
    s.shuffled = true;
    r.set_settings(s);
    assert_eq!(r.order_seed, Some(seed_for(r.id, r.created)));
}

#[test]
fn new_rounds_and_their_runoffs_shuffle_and_old_files_do_not() {
    let r = shuffled_round(0);
    assert!(r.settings().shuffled);
    // A round written before shuffling existed has no seed.
    let mut old = toml::to_string(&r).unwrap();
    old = old
        .lines()
        .filter(|l| !l.starts_with("order_seed"))
        .collect::<Vec<_>>()
        .join("\n");
    let back: Round = toml::from_str(&old).unwrap();
    assert_eq!(back.order_seed, None);
    // The seed depends on the round, not on when the app runs.
    assert_eq!(seed_for(RoundId(3), None), seed_for(RoundId(3), None));
    assert_ne!(seed_for(RoundId(3), None), seed_for(RoundId(4), None));
}

//! Recounting a round after each ballot. Target (issue 4): a round with 200
//! voters and 500 proposals recounted in under 1 ms. Also measured (issue
//! 28, no target given): the consensus across collèges of that count, and
//! one voter's own order of 500 proposals (what a phone's page computes).
#![allow(clippy::unwrap_used, clippy::panic)] // A test or bench fails by panicking.

use atelier::domain::sample::generated;
use atelier::domain::{Mode, Round, Scope, Tally};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench_tally(c: &mut Criterion) {
    // 200 voters with 10 dots each over 500 proposals, as `generated` casts them.
    let w = generated(500, 200);
    let round: &Round = &w.rounds()[0];
    assert_eq!(
        (round.ballots.len(), round.mode, &round.scope),
        (200, Mode::Ballots, &Scope::All)
    );
    c.bench_function("tally/200 voters × 500 proposals", |b| {
        b.iter(|| black_box(Tally::compute(&w, round)));
    });
    let tally = Tally::compute(&w, round);
    c.bench_function("tally/cut line and ties of that count", |b| {
        b.iter(|| black_box(tally.cut(10)));
    });
    c.bench_function("consensus/of that count (200 voters, 4 collèges)", |b| {
        b.iter(|| black_box(atelier::domain::consensus::Consensus::of(&tally)));
    });
    let mut shuffled = round.clone();
    shuffled.order_seed = Some(7);
    let key = atelier::domain::order::OrderKey::Device("0123456789abcdef".into());
    c.bench_function("order/one voter's order of 500 proposals", |b| {
        b.iter(|| black_box(atelier::domain::order::proposals_for(&w, &shuffled, &key)));
    });
}

criterion_group!(benches, bench_tally);
criterion_main!(benches);

//! Recounting a round after each ballot. Target (issue 4): a round with 200
//! voters and 500 proposals recounted in under 1 ms.
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
}

criterion_group!(benches, bench_tally);
criterion_main!(benches);

//! The duplicate hint and the group suggestions (issue 27). Targets: the
//! hint for one new proposal against 2,000 in under 5 ms; every group
//! for 2,000 proposals in under 300 ms.
#![allow(clippy::unwrap_used, clippy::panic)] // A test or bench fails by panicking.

use atelier::domain::ProposalId;
use atelier::domain::similar::Index;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

const COMMUNES: [&str; 20] = [
    "Valence",
    "Romans",
    "Montélimar",
    "Die",
    "Nyons",
    "Crest",
    "Pierrelatte",
    "Tain",
    "Saint-Vallier",
    "Livron",
    "Loriol",
    "Dieulefit",
    "Buis",
    "Bourg-de-Péage",
    "Portes",
    "Chabeuil",
    "Saillans",
    "Grignan",
    "Donzère",
    "Mercurol",
];

/// 2,000 proposals: the labelled set's texts, each said in several
/// communes, so that many pairs are alike, as in a real synthesis.
fn texts(n: usize) -> Vec<String> {
    let set = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/similar.toml"
    ))
    .unwrap();
    let base: Vec<String> = set
        .lines()
        .filter_map(|l| l.strip_prefix("t = \""))
        .map(|t| t.trim_end_matches('"').to_string())
        .collect();
    (0..n)
        .map(|i| {
            let commune = COMMUNES[(i / base.len()) % COMMUNES.len()];
            format!("{} à {commune}", base[i % base.len()])
        })
        .collect()
}

fn index_of(texts: &[String]) -> Index {
    let mut index = Index::default();
    for (i, t) in texts.iter().enumerate() {
        index.upsert(ProposalId(i as u32 + 1), t);
    }
    index
}

/// Resident memory, in KiB (Linux; 0 elsewhere).
fn resident_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// What the index adds to an open workshop of 10,000 proposals: printed,
/// not timed (issue 27: under 20 %).
fn memory(_: &mut Criterion) {
    let texts = texts(10_000);
    let before = resident_kib();
    let mut w = atelier::domain::Workshop::new(atelier::domain::Details::default());
    let at = atelier::domain::Stamp::from_ymd_hms(2024, 3, 14, 9, 0, 0).unwrap();
    for t in &texts {
        let op = w
            .op_add_proposal(t, vec![2], "France Travail Valence", at)
            .unwrap();
        atelier::domain::apply(&mut w, op).unwrap();
    }
    let workshop = resident_kib().saturating_sub(before);
    let index = Index::of(&w);
    let with_index = resident_kib().saturating_sub(before);
    println!(
        "memory: workshop of {} proposals {} KiB, its index {} KiB ({:.0} %)",
        index.len(),
        workshop,
        with_index - workshop,
        100.0 * (with_index - workshop) as f64 / workshop.max(1) as f64
    );
    black_box((&w, &index, &texts));
}

fn bench_similar(c: &mut Criterion) {
    let texts = texts(2_000);
    let mut index = index_of(&texts);
    let probe = ProposalId(2_001);
    c.bench_function("similar/hint for a new proposal against 2,000", |b| {
        b.iter(|| {
            index.upsert(
                probe,
                "Un seul interlocuteur pour les bénéficiaires du RSA à Crest",
            );
            black_box(index.like(probe))
        });
    });
    index.remove(probe);
    c.bench_function("similar/every group among 2,000", |b| {
        b.iter(|| black_box(index.groups()));
    });
    c.bench_function("similar/index 2,000 proposals from scratch", |b| {
        b.iter(|| black_box(index_of(&texts)));
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = memory, bench_similar
}
criterion_main!(benches);

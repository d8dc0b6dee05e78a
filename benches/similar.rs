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
    targets = bench_similar
}
criterion_main!(benches);

//! Loading and durably saving workshops. Targets (issue 2): 10,000
//! proposals load under 200 ms and save under 50 ms; 300 proposals (a real
//! workshop) under 5 ms each way.

use atelier::domain::sample::generated;
use atelier::store;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench_store(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    for (proposals, voters) in [(300, 40), (10_000, 60)] {
        let w = generated(proposals, voters);
        let path = dir.path().join(format!("w{proposals}.toml"));
        store::write(&path, &w).unwrap();
        let bytes = std::fs::metadata(&path).unwrap().len();
        println!(
            "{proposals} proposals, {voters} ballots: {} KiB on disk",
            bytes / 1024
        );
        let mut group = c.benchmark_group(format!("store/{proposals}"));
        if proposals > 1_000 {
            group.sample_size(20);
        }
        group.bench_function("load", |b| {
            b.iter(|| black_box(store::load(&path).unwrap()))
        });
        group.bench_function("save durably", |b| {
            b.iter(|| store::write(&path, black_box(&w)).unwrap())
        });
        group.bench_function("serialise only", |b| {
            b.iter(|| black_box(store::format::to_toml(&w).unwrap()))
        });
        group.finish();
    }
}

criterion_group!(benches, bench_store);
criterion_main!(benches);

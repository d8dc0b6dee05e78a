//! Exporting a big workshop. Targets: every format for 2,000 proposals,
//! 5 rounds and 10 sheets in under 200 ms (issue 7), and under 400 ms
//! with the workbook, the Word and the OpenDocument files (issues 17,
//! 25); 10,000 proposals (a synthesis) under 2 s.
#![allow(clippy::unwrap_used, clippy::panic)] // A test or bench fails by panicking.

use atelier::domain::sample::generated;
use atelier::domain::{ProposalId, RoundId, Workshop, apply};
use atelier::export::{Format, Options, render, write};
use atelier::i18n::Lang;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

/// `proposals`, 80 voters, 5 revealed rounds and 10 drafted sheets.
fn big(proposals: usize) -> Workshop {
    let mut w = generated(proposals, 80);
    let first = w.rounds()[0].clone();
    for i in 2..=5 {
        let mut r = first.clone();
        r.id = RoundId(i);
        r.name = format!("Tour {i}");
        let index = w.rounds().len();
        let op = atelier::domain::Op::InsertRound {
            index,
            round: Box::new(r),
        };
        apply(&mut w, op).unwrap();
    }
    w.repair_counters();
    for p in 1..=10 {
        let op = w
            .op_draft_sheet(ProposalId(p * 7), Some(RoundId(1)), 12)
            .unwrap();
        apply(&mut w, op).unwrap();
    }
    w
}

fn bench_export(c: &mut Criterion) {
    let w = big(2000);
    let opts = Options::new(Lang::Fr);
    let mut group = c.benchmark_group("export");
    group.sample_size(20);
    group.bench_function("all formats in memory/2,000 proposals, 5 rounds", |b| {
        b.iter(|| black_box(render(&w, Format::All, &opts).unwrap()));
    });
    let dir = tempfile::tempdir().unwrap();
    group.bench_function(
        "all formats written durably/2,000 proposals, 5 rounds",
        |b| b.iter(|| black_box(write(&w, Format::All, &opts, dir.path()).unwrap())),
    );
    for (name, format) in [
        ("md", Format::Md),
        ("html", Format::Html),
        ("csv", Format::Csv),
        ("sheets", Format::Sheets),
        ("xlsx", Format::Xlsx),
        ("docx", Format::Docx),
        ("ods", Format::Ods),
        ("odt", Format::Odt),
    ] {
        group.bench_function(format!("{name} in memory/2,000 proposals, 5 rounds"), |b| {
            b.iter(|| black_box(render(&w, format, &opts).unwrap()));
        });
    }
    let synthesis = big(10_000);
    group.sample_size(10);
    group.bench_function("all formats in memory/10,000 proposals, 5 rounds", |b| {
        b.iter(|| black_box(render(&synthesis, Format::All, &opts).unwrap()));
    });
    group.finish();
}

criterion_group!(benches, bench_export);
criterion_main!(benches);

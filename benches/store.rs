//! Loading and durably saving workshops. Targets (issues 2 and 13):
//! - a real workshop (300 proposals) loads and saves in a few ms;
//! - load time per proposal stays within 1.5× from 2,000 to 15,000
//!   proposals (a 50-workshop synthesis loads under 1 s);
//! - one change at 10,000 proposals is made durable in under 5 ms of CPU.
//!
//! Besides criterion's timings, it prints what the issue asks for: the
//! load curve (µs per proposal for 1, 10 and 50 merged workshops) and the
//! CPU time of one durable change (thread CPU, so the disk's own wait is
//! not counted; the wall time is criterion's).
#![allow(clippy::unwrap_used, clippy::panic)] // A test or bench fails by panicking.

use atelier::domain::sample::{generated, synthesis};
use atelier::domain::{Op, Stamp, Workshop, apply};
use atelier::store::{self, Access, Session};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

/// CPU time of this thread, in seconds.
fn thread_cpu() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec to fill.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &raw mut t) };
    t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9
}

fn load_curve(dir: &Path) {
    println!("load time per proposal (median of 5):");
    for n in [1, 10, 50] {
        let w = synthesis(n);
        let path = dir.join(format!("s{n}.toml"));
        store::write(&path, &w).unwrap();
        let mut times: Vec<Duration> = (0..5)
            .map(|_| {
                let t = Instant::now();
                black_box(store::load(&path).unwrap());
                t.elapsed()
            })
            .collect();
        times.sort();
        let ballots: usize = w.rounds().iter().map(|r| r.ballots.len()).sum();
        let t = times[2];
        println!(
            "  {n:>2} workshops: {:>6} proposals, {:>5} ballots, {:>7.1} ms, {:.2} µs/proposal",
            w.proposals().len(),
            ballots,
            t.as_secs_f64() * 1e3,
            t.as_secs_f64() * 1e6 / w.proposals().len() as f64
        );
    }
}

/// One proposal added to a 10,000-proposal workshop and saved durably, as
/// the writer does after each change.
fn change_cost(c: &mut Criterion, dir: &Path) {
    let path = dir.join("w10k.toml");
    store::write(&path, &generated(10_000, 60)).unwrap();
    let (mut session, mut w) = Session::open(&path, Access::ReadWrite).unwrap();
    session.save(&w).unwrap(); // the first save fills the text cache
    let now = Stamp::from_ymd_hms(2024, 3, 14, 12, 0, 0).unwrap();
    let change = |w: &mut Workshop, i: u64| {
        let op: Op = w
            .op_add_proposal(
                &format!("Une proposition de plus ({i})"),
                vec![2],
                "CAF",
                now,
            )
            .unwrap();
        apply(w, op).unwrap();
    };
    let mut cpu = Vec::new();
    for i in 0..40 {
        change(&mut w, i);
        let snapshot = w.clone();
        let start = thread_cpu();
        session.save(&snapshot).unwrap();
        cpu.push(thread_cpu() - start);
    }
    cpu.sort_by(f64::total_cmp);
    println!(
        "one change at 10k proposals, CPU to make it durable: median {:.2} ms, p95 {:.2} ms",
        cpu[cpu.len() / 2] * 1e3,
        cpu[cpu.len() * 95 / 100] * 1e3
    );
    let mut i = 100;
    c.bench_function("store/10k/one change made durable (wall)", |b| {
        b.iter_custom(|n| {
            let mut total = Duration::ZERO;
            for _ in 0..n {
                i += 1;
                change(&mut w, i);
                let snapshot = w.clone();
                let t = Instant::now();
                session.save(&snapshot).unwrap();
                total += t.elapsed();
            }
            total
        });
    });
}

fn bench_store(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    load_curve(dir.path());
    change_cost(c, dir.path());
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
            b.iter(|| black_box(store::load(&path).unwrap()));
        });
        group.bench_function("save durably, nothing cached", |b| {
            b.iter(|| store::write(&path, black_box(&w)).unwrap());
        });
        group.bench_function("serialise only, nothing cached", |b| {
            b.iter(|| black_box(store::format::to_toml(&w).unwrap()));
        });
        group.finish();
    }
}

criterion_group!(benches, bench_store);
criterion_main!(benches);

//! 300 phones vote against the real binary on loopback (issue 15): all at
//! once, then spread over a minute. Each phone loads the page, then sends
//! its ballot; the time from sending the ballot to the answer ("recorded",
//! which the app gives only once the ballot is on disk) is measured. After
//! each wave the file is read back: every acknowledged ballot must be there
//! once, none lost, none counted twice.
//!
//! Then 200 phones each send 3 proposals during capture (issue 16): each
//! is queued on disk before its "reçu"; none lost, none twice.
//!
//! Then 300 phones grade 10 proposals at once in a round by majority
//! judgment (issue 28): every acknowledged ballot on disk once, with the
//! grades sent.
//!
//! `cargo bench --bench phones` (`PHONES=300`, `SPREAD_SECS=60` to change).
#![allow(clippy::unwrap_used, clippy::panic)] // A test or bench fails by panicking.

#[path = "../tests/common/mod.rs"]
mod common;

use atelier::domain::round::PhoneVoters;
use common::phones::{Phone, rt};
use std::time::{Duration, Instant};

fn stats(name: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    let q = |p: usize| ms[(ms.len() * p / 100).min(ms.len() - 1)];
    println!(
        "{name}: {} answers, each once on disk: latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        ms.len(),
        q(50),
        q(99),
        ms.last().copied().unwrap_or(0.0)
    );
}

/// One wave of phones; each starts after its delay. Latencies in ms.
fn wave(url: &str, phones: usize, spread: Duration, first: usize) -> Vec<f64> {
    let runtime = rt();
    runtime.block_on(async {
        let tasks: Vec<_> = (0..phones)
            .map(|i| {
                let url = url.to_string();
                let delay = spread.mul_f64(((i * 7919) % phones) as f64 / phones as f64);
                tokio::spawn(async move {
                    tokio::time::sleep(delay).await;
                    let mut phone = Phone::new();
                    phone.get(&url).await;
                    let field = format!("p{}", (first + i) % 8 + 1);
                    let t = Instant::now();
                    let answer = phone.post(&url, &[("action", "vote"), (&field, "1")]).await;
                    let ms = t.elapsed().as_secs_f64() * 1e3;
                    assert_eq!(answer.status.as_u16(), 303, "{}", answer.body);
                    ms
                })
            })
            .collect();
        let mut out = Vec::new();
        for t in tasks {
            out.push(t.await.unwrap());
        }
        out
    })
}

fn main() {
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    let phones: usize = std::env::var("PHONES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let spread = Duration::from_secs(
        std::env::var("SPREAD_SECS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(60),
    );
    let mut room = common::phones::room(PhoneVoters::Anonymous);
    let url = room.url();
    // Drain the terminal while the phones vote, as a terminal does.
    let counted = |room: &common::phones::Room| {
        let w = room.on_disk();
        let round = w.rounds().last().unwrap().clone();
        let mut devices: Vec<String> = round
            .counted_ballots()
            .filter_map(|b| b.device.clone())
            .collect();
        let n = devices.len();
        devices.sort();
        devices.dedup();
        (n, devices.len())
    };
    let t = Instant::now();
    let at_once = wave(&url, phones, Duration::ZERO, 0);
    let took = t.elapsed();
    room.app.pump();
    let (n, distinct) = counted(&room);
    stats(
        &format!("{phones} phones at once ({:.1} s)", took.as_secs_f64()),
        at_once,
    );
    println!(
        "  on disk: {n} phone ballots, {distinct} phones (lost {}, twice {})",
        phones - n.min(phones),
        n - distinct
    );
    assert_eq!((n, distinct), (phones, phones));

    let spread_out = wave(&url, phones, spread, phones);
    room.app.pump();
    let (n, distinct) = counted(&room);
    stats(
        &format!("{phones} phones spread over {} s", spread.as_secs()),
        spread_out,
    );
    println!(
        "  on disk: {n} phone ballots, {distinct} phones (lost {}, twice {})",
        2 * phones - n.min(2 * phones),
        n - distinct
    );
    assert_eq!((n, distinct), (2 * phones, 2 * phones));
    room.app.quit();
    proposals();
    judgments(phones);
}

/// `phones` phones grade n° 1–10 at once, each its own grades.
fn judgments(phones: usize) {
    let mut room = common::phones::judgment_room();
    let url = room.url();
    let grade = |phone: usize, item: usize| ((phone * 31 + item * 7) % 7 + 1).to_string();
    let t = Instant::now();
    let latencies: Vec<f64> = rt().block_on(async {
        let tasks: Vec<_> = (0..phones)
            .map(|i| {
                let url = url.clone();
                tokio::spawn(async move {
                    let mut phone = Phone::new();
                    phone.get(&url).await;
                    // Ten live proposals (n° 9 is merged into n° 8).
                    let fields: Vec<(String, String)> = [1, 2, 3, 4, 5, 6, 7, 8, 10, 11]
                        .into_iter()
                        .map(|p| (format!("p{p}"), grade(i, p)))
                        .collect();
                    let mut form = vec![("action", "vote")];
                    form.extend(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())));
                    let t = Instant::now();
                    let answer = phone.post(&url, &form).await;
                    let ms = t.elapsed().as_secs_f64() * 1e3;
                    assert_eq!(answer.status.as_u16(), 303, "{}", answer.body);
                    ms
                })
            })
            .collect();
        let mut out = Vec::new();
        for t in tasks {
            out.push(t.await.unwrap());
        }
        out
    });
    let took = t.elapsed();
    room.app.pump();
    let w = room.on_disk();
    let round = w.rounds().last().unwrap();
    let mut devices: Vec<&str> = round
        .counted_ballots()
        .filter_map(|b| b.device.as_deref())
        .collect();
    let n = devices.len();
    devices.sort_unstable();
    devices.dedup();
    let grades: usize = round.counted_ballots().map(|b| b.dots.len()).sum();
    stats(
        &format!(
            "{phones} phones grading 10 proposals at once ({:.1} s)",
            took.as_secs_f64()
        ),
        latencies,
    );
    println!(
        "  on disk: {n} ballots, {} phones, {grades} grades (lost {}, twice {})",
        devices.len(),
        phones - n.min(phones),
        n - devices.len()
    );
    assert_eq!((n, devices.len(), grades), (phones, phones, 10 * phones));
    room.app.quit();
}

/// 200 phones send 3 proposals each, all at once.
fn proposals() {
    const SENDERS: usize = 200;
    let mut room = common::phones::capture_room();
    let url = room.url();
    let t = Instant::now();
    let runtime = rt();
    let latencies: Vec<f64> = runtime.block_on(async {
        let tasks: Vec<_> = (0..SENDERS)
            .map(|i| {
                let url = url.clone();
                tokio::spawn(async move {
                    let mut phone = Phone::new();
                    phone.get(&url).await;
                    let mut ms = Vec::new();
                    for k in 0..3 {
                        let text = format!("Proposition {k} du téléphone {i}");
                        let t = Instant::now();
                        let answer = phone
                            .post(&url, &[("action", "propose"), ("text", &text)])
                            .await;
                        ms.push(t.elapsed().as_secs_f64() * 1e3);
                        assert_eq!(answer.status.as_u16(), 303, "{}", answer.body);
                    }
                    ms
                })
            })
            .collect();
        let mut out = Vec::new();
        for t in tasks {
            out.extend(t.await.unwrap());
        }
        out
    });
    let took = t.elapsed();
    room.app.pump();
    let w = room.on_disk();
    let mut texts: Vec<&str> = w.received().iter().map(|r| r.text.as_str()).collect();
    let n = texts.len();
    texts.sort_unstable();
    texts.dedup();
    stats(
        &format!(
            "{SENDERS} phones × 3 proposals ({:.1} s)",
            took.as_secs_f64()
        ),
        latencies,
    );
    println!(
        "  on disk: {n} received, {} distinct (lost {}, twice {})",
        texts.len(),
        3 * SENDERS - n.min(3 * SENDERS),
        n - texts.len()
    );
    assert_eq!((n, texts.len()), (3 * SENDERS, 3 * SENDERS));
    room.app.quit();
}

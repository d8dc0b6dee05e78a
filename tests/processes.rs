//! Tests that need a second process, which this binary provides by running
//! itself again (`harness = false`, so it has its own `main`):
//!
//! - crash safety: a child changes a workshop in a loop and saves each
//!   change through the app's own path (the writer thread, the session's
//!   record cache, the atomic durable write) while the parent kills it
//!   with SIGKILL at random moments; after each kill the file must load and
//!   equal exactly one of the versions the child handed to the writer;
//! - locking across processes: a workshop held by a live process is
//!   refused, and taken over once that process is killed.
#![allow(clippy::unwrap_used, clippy::panic)] // A test or bench fails by panicking.

use atelier::app::saver::Saver;
use atelier::domain::sample::generated;
use atelier::domain::{Op, Stamp, Workshop, apply};
use atelier::store::{self, Access, Session, StoreError, recover};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const KILLS: usize = 120;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // libtest-style flags (--nocapture, filters) are accepted and ignored.
    match args.get(1).map(String::as_str) {
        Some("child-save-loop") => child_save_loop(Path::new(&args[2])),
        Some("child-hold-lock") => child_hold_lock(Path::new(&args[2])),
        _ => {
            crash_during_saves_never_leaves_a_broken_file();
            a_workshop_held_by_a_live_process_is_refused_then_taken_over();
            println!("test result: ok. 2 passed");
        }
    }
}

/// The workshop after `k` changes, each as the app makes one: the title
/// says the version, a proposal is added, one is tagged. Replayed the same
/// way by the child that saves and the parent that checks.
fn version(k: u64) -> Workshop {
    let mut w = generated(1_000, 20);
    for i in 1..=k {
        step(&mut w, i);
    }
    w
}

fn step(w: &mut Workshop, i: u64) {
    let now = Stamp::from_ymd_hms(2024, 3, 14, 12, 0, 0).unwrap();
    let mut details = w.details().clone();
    details.title = format!("version {i}");
    apply(w, Op::SetDetails(Box::new(details))).unwrap();
    let add = w
        .op_add_proposal(&format!("Proposition ajoutée n° {i}"), vec![], "", now)
        .unwrap();
    apply(w, add).unwrap();
    let id = w.proposals()[(i as usize * 7) % w.proposals().len()].id;
    let tag = w.op_set_primary_axis(id, (i % 4) as u8 + 1).unwrap();
    apply(w, tag).unwrap();
}

/// Saves as the app does: each change hands a snapshot to the writer
/// thread, which coalesces what arrives faster than the disk and writes
/// through the session (record cache, atomic durable write).
fn child_save_loop(path: &Path) {
    let mut w = version(0);
    let session = Session::create(path, &w).expect("create");
    let mut saver = Saver::thread(session, Box::new(|_| {}));
    println!("ready");
    for k in 1.. {
        step(&mut w, k);
        saver.save(k, &w);
        // About the pace of a room typing fast.
        std::thread::sleep(Duration::from_micros(300));
    }
}

fn child_hold_lock(path: &Path) {
    let (_session, _) = Session::open(path, Access::ReadWrite).expect("open");
    println!("locked");
    std::thread::sleep(Duration::from_secs(60));
}

fn spawn(mode: &str, path: &Path) -> Child {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([mode, path.to_str().unwrap()])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(!line.is_empty(), "the child died before it was ready");
    child
}

/// A small reproducible generator for kill delays.
fn delays(seed: u64) -> impl Iterator<Item = Duration> {
    let mut state = seed;
    std::iter::repeat_with(move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        Duration::from_micros((state >> 33) % 25_000)
    })
}

fn crash_during_saves_never_leaves_a_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("atelier.toml");
    let started = Instant::now();
    let mut versions_seen = std::collections::BTreeSet::new();
    for delay in delays(20_24).take(KILLS) {
        let _ = std::fs::remove_file(&path);
        let _ = std::fs::remove_file(store::lock::lock_path(&path));
        let mut child = spawn("child-save-loop", &path);
        std::thread::sleep(delay);
        child.kill().unwrap(); // SIGKILL on Unix: no destructor, no cleanup
        child.wait().unwrap();
        let w =
            store::load(&path).unwrap_or_else(|e| panic!("after a kill the file is broken: {e}"));
        let k: u64 = w.details().title["version ".len()..].parse().unwrap_or(0);
        assert!(
            w == version(k),
            "the file is not exactly a saved version ({k})"
        );
        versions_seen.insert(k);
        // A temp file the kill left behind is found, and kept, not lost.
        for orphan in recover::orphans(&path) {
            recover::set_aside(&orphan, &path).unwrap();
        }
    }
    let aside = store::backup::list(&path).unwrap().len();
    println!(
        "crash: {KILLS} kills in {:.1} s, {} different versions found, {aside} temp file(s) left by kills and set aside",
        started.elapsed().as_secs_f64(),
        versions_seen.len()
    );
    // Not vacuous: kills landed during writes. A temp file left behind is
    // proof of that (a slow machine leaves more); so are many versions.
    assert!(
        aside > 0 || versions_seen.len() > 10,
        "the kills did not land during saves ({} versions, no temp file)",
        versions_seen.len()
    );
}

fn a_workshop_held_by_a_live_process_is_refused_then_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("atelier.toml");
    store::write(&path, &generated(10, 0)).unwrap();
    let mut holder = spawn("child-hold-lock", &path);
    match Session::open(&path, Access::ReadWrite) {
        Err(StoreError::Locked {
            holder: Some(h), ..
        }) => assert_eq!(h.pid, holder.id()),
        other => panic!("expected the workshop to be locked by the child, got {other:?}"),
    }
    let (read_only, _) = Session::open(&path, Access::ReadOnly).unwrap();
    assert!(read_only.is_read_only());
    holder.kill().unwrap();
    holder.wait().unwrap();
    // The dead holder's lock file is still there, but stale: taken over.
    assert!(store::lock::lock_path(&path).exists());
    let (session, _) = Session::open(&path, Access::ReadWrite).expect("a stale lock is taken over");
    assert!(!session.is_read_only());
    println!("lock: held by a live process, refused; after kill -9, taken over");
}

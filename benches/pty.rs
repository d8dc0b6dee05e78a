//! Key to frame, measured on the real binary in a pseudo-terminal, as a
//! facilitator's terminal sees it (issue 13): with 10,000 proposals, the
//! time from writing a key to the first and to the last byte of the frame
//! it causes, on the capture screen (typing) and the tag screen (setting an
//! axis, which saves the whole workshop each time).
//!
//! The app wraps each frame in a synchronized update (`ESC[?2026h` …
//! `ESC[?2026l`): the frame's last byte is the end marker of the first
//! frame after the key. A later frame (the header's "● enregistré" once the
//! save is on disk) is timed apart. Keys are sent at a facilitator's brisk
//! pace (one every 100 ms), so a save is often running while the next
//! key's frame is drawn. Prints medians and p95.
//!
//! `cargo bench --bench pty` (the binary built with the bench profile:
//! optimised, as released).
#![allow(clippy::unwrap_used, clippy::panic)] // A test or bench fails by panicking.

#[path = "../tests/common/mod.rs"]
mod common;

use std::io::Write;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

const QUIET: Duration = Duration::from_millis(60);

struct Pty {
    writer: Box<dyn Write + Send>,
    output: Receiver<(Instant, Vec<u8>)>,
    /// The end of the last bytes read, to find a marker cut across reads.
    carry: Vec<u8>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Pty {
    fn start(home: &std::path::Path, file: &std::path::Path) -> Pty {
        let common::pty::Spawned {
            master,
            child,
            writer,
            output,
        } = common::pty::spawn(home, &["open", file.to_str().unwrap()], 34, 120);
        Pty {
            writer,
            output,
            carry: Vec::new(),
            child,
            _master: master,
        }
    }

    /// Reads until the terminal falls quiet. Returns, after `since`: the
    /// first byte, the end of the first frame, the end of the last frame,
    /// and the bytes of the first frame.
    fn frames(&mut self, since: Instant, quiet: Duration) -> Option<Frames> {
        const END: &[u8] = b"\x1b[?2026l";
        let mut first = None;
        let mut ends = Vec::new();
        let mut bytes = 0;
        while let Ok((at, chunk)) = self.output.recv_timeout(quiet) {
            first.get_or_insert(at);
            if ends.is_empty() {
                bytes += chunk.len();
            }
            let mut seen = std::mem::take(&mut self.carry);
            seen.extend_from_slice(&chunk);
            let found = seen.windows(END.len()).filter(|w| *w == END).count();
            ends.extend(std::iter::repeat_n(at, found));
            let keep = seen.len().saturating_sub(END.len() - 1);
            self.carry = seen[keep..].to_vec();
        }
        Some(Frames {
            first: first? - since,
            frame: *ends.first()? - since,
            last: *ends.last()? - since,
            bytes,
        })
    }

    /// Resident memory of the app, in MB.
    fn rss_mb(&self) -> f64 {
        let pid = self.child.process_id().unwrap_or(0);
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    }

    /// Times `keys` (sent one every 40 ms), one frame each.
    fn keys(&mut self, keys: impl Iterator<Item = &'static str>) -> Vec<Frames> {
        let mut samples = Vec::new();
        for key in keys {
            let t = self.send(key);
            if let Some(s) = self.frames(t, QUIET) {
                samples.push(s);
            }
            std::thread::sleep(Duration::from_millis(40));
        }
        samples
    }

    fn send(&mut self, s: &str) -> Instant {
        let t = Instant::now();
        self.writer.write_all(s.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        t
    }
}

struct Frames {
    first: Duration,
    frame: Duration,
    last: Duration,
    bytes: usize,
}

fn stats(name: &str, samples: &mut [Frames]) {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let pick = |v: &mut Vec<f64>, q: usize| {
        v.sort_by(f64::total_cmp);
        v[(v.len() * q / 100).min(v.len() - 1)]
    };
    let mut first: Vec<f64> = samples.iter().map(|s| ms(s.first)).collect();
    let mut frame: Vec<f64> = samples.iter().map(|s| ms(s.frame)).collect();
    let mut later: Vec<f64> = samples.iter().map(|s| ms(s.last)).collect();
    let bytes: usize = samples.iter().map(|s| s.bytes).sum::<usize>() / samples.len().max(1);
    println!(
        "{name} ({} keys, {bytes} bytes/frame):\n  first byte  median {:.2} ms  p95 {:.2} ms\n  last byte   median {:.2} ms  p95 {:.2} ms\n  last frame  median {:.2} ms  p95 {:.2} ms (a later frame: the save shown done)",
        samples.len(),
        pick(&mut first, 50),
        pick(&mut first, 95),
        pick(&mut frame, 50),
        pick(&mut frame, 95),
        pick(&mut later, 50),
        pick(&mut later, 95),
    );
}

fn main() {
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w10k.toml");
    atelier::store::write(&file, &atelier::domain::sample::generated(10_000, 60)).unwrap();

    for n in [2_000, 10_000] {
        let f = home.path().join(format!("start{n}.toml"));
        atelier::store::write(&f, &atelier::domain::sample::generated(n, 60)).unwrap();
        let mut times = Vec::new();
        for _ in 0..5 {
            let started = Instant::now();
            let mut pty = Pty::start(home.path(), &f);
            if let Some(fr) = pty.frames(started, Duration::from_millis(400)) {
                times.push(fr.frame.as_secs_f64() * 1e3);
            }
            pty.send("\x11");
            std::thread::sleep(Duration::from_millis(200));
        }
        times.sort_by(f64::total_cmp);
        println!(
            "start: {n} proposals, spawn to the end of the first frame: median {:.0} ms (runs: {times:.0?})",
            times[times.len() / 2]
        );
    }
    let started = Instant::now();
    let mut pty = Pty::start(home.path(), &file);
    let _ = pty.frames(started, Duration::from_millis(400));
    println!("memory with 10,000 proposals open: {:.0} MB", pty.rss_mb());
    const UP_DOWN: [&str; 2] = ["\x1b[B", "\x1b[A"];
    // Capture: type letters into the field.
    let mut samples = pty.keys(["e", "s", "a", "i"].into_iter().cycle().take(60));
    stats("capture, typing", &mut samples);
    pty.send("\x15"); // Ctrl+U: clear the field
    let _ = pty.frames(Instant::now(), QUIET);
    // Tag: set an axis, each one a change saved to disk.
    pty.send("\x1bOS"); // F4
    let _ = pty.frames(Instant::now(), QUIET);
    let mut samples = pty.keys(["1", "2", "3", "4"].into_iter().cycle().take(60));
    stats("tag, setting an axis", &mut samples);
    let mut samples = pty.keys(UP_DOWN.into_iter().cycle().take(60));
    stats("tag, moving in the list", &mut samples);
    pty.send("\x11");

    // A national synthesis: 300 workshops of 300 proposals, merged.
    let file = home.path().join("national.toml");
    atelier::store::write(&file, &atelier::domain::sample::synthesis(300)).unwrap();
    let started = Instant::now();
    let mut pty = Pty::start(home.path(), &file);
    if let Some(fr) = pty.frames(started, Duration::from_secs(3)) {
        println!(
            "national synthesis, 90,000 proposals: first frame after {:.0} ms, {:.0} MB",
            fr.frame.as_secs_f64() * 1e3,
            pty.rss_mb()
        );
    }
    pty.send("\x1b"); // Esc: from the field to the list
    let _ = pty.frames(Instant::now(), QUIET);
    let mut samples = pty.keys(UP_DOWN.into_iter().cycle().take(60));
    stats(
        "national synthesis, capture, moving in the list",
        &mut samples,
    );
    pty.send("\x1bOS"); // F4
    let _ = pty.frames(Instant::now(), Duration::from_millis(400));
    let mut samples = pty.keys(UP_DOWN.into_iter().cycle().take(60));
    stats("national synthesis, tag, moving in the list", &mut samples);
    pty.send("\x11");
}

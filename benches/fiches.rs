//! The room writes its fiches at once (issue 29), against the real binary
//! on loopback: 10 groups × 3 devices, each device changing a field of
//! its group's fiche every 300 ms for `FICHES_SECS` (60 by default). Each
//! device mostly writes a field of its own, and every fifth change the
//! field its whole group shares, from the text it last saw: the other
//! writers' texts are then kept beside the later one. Each device also
//! adds a budget line of its own and, every fifth change, changes its
//! amount as the page's row does (the terminal's checks, the State's
//! share computed).
//!
//! Measured: the time from sending a change to its acknowledgement (given
//! only once on disk); afterwards, every device's last acknowledged text
//! of every field it wrote must be in the file, shown or kept (0 lost).
//! Meanwhile the facilitator's terminal is timed: F1 (help) to the end of
//! the frame that shows it, every 500 ms.
//!
//! `cargo bench --bench fiches` (`FICHES_SECS=10` for a short run).
#![allow(clippy::unwrap_used, clippy::panic)] // A test or bench fails by panicking.

#[path = "../tests/common/mod.rs"]
mod common;

use atelier::domain::drafting::FieldKey;
use atelier::domain::{Workshop, apply};
use common::phones::{Phone, free_port, hidden_value as hidden, rt, wait_listening};
use std::collections::BTreeMap;
use std::io::Write;
use std::time::{Duration, Instant};

const GROUPS: usize = 10;
const DEVICES: usize = 3;
/// Each device's own field; the group shares the last one.
const OWN: [FieldKey; DEVICES] = [
    FieldKey::Constat,
    FieldKey::Description,
    FieldKey::Gouvernance,
];
const SHARED: FieldKey = FieldKey::Evaluation;

fn quantiles(name: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    let q = |p: usize| ms[(ms.len() * p / 100).min(ms.len() - 1)];
    println!(
        "{name}: {} samples, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        ms.len(),
        q(50),
        q(99),
        ms.last().copied().unwrap_or(0.0)
    );
}

/// The example with `GROUPS` fiches, all open to their groups; their codes.
fn workshop(file: &std::path::Path) -> Vec<String> {
    let mut w: Workshop = atelier::store::load(file).unwrap();
    let more: Vec<_> = w
        .live_proposals()
        .skip(w.sheets().len())
        .take(GROUPS - w.sheets().len())
        .map(|p| (p.id, 1))
        .collect();
    let op = w.op_draft_sheets(&more, None).unwrap();
    apply(&mut w, op).unwrap();
    let mut n = 0u8;
    let op = w
        .op_set_drafting(true, &mut || {
            n += 1;
            atelier::domain::vote_rules::code_from([
                n,
                n.wrapping_mul(7),
                3,
                n.wrapping_mul(13),
                5,
                9,
            ])
        })
        .unwrap();
    apply(&mut w, op).unwrap();
    atelier::store::write(file, &w).unwrap();
    w.sheets()
        .iter()
        .map(|s| s.drafting.as_ref().unwrap().code.clone())
        .collect()
}

const BUDGET: [&str; 4] = ["year", "kind", "funder", "amount"];

/// What one device acknowledged: its times, its last text of each field,
/// and its budget line's funder and last amount.
struct Acked {
    ms: Vec<f64>,
    /// The budget line's changes only (also in `ms`).
    line_ms: Vec<f64>,
    texts: BTreeMap<FieldKey, String>,
    line: (String, String),
}

/// Adds the device's budget line; its index on the page and the values
/// the page shows for it.
async fn add_line(phone: &mut Phone, url: &str, funder: &str) -> (usize, Vec<String>) {
    let form = [
        ("action", "write"),
        ("budget_new_year", "2027"),
        ("budget_new_funder", funder),
        ("budget_new_amount", "1000"),
        ("add", "budget"),
    ];
    let answer = phone.post(url, &form).await;
    assert_eq!(answer.status.as_u16(), 303, "{}", answer.body);
    let page = phone.get(url).await.body;
    let index = (0..256)
        .find(|i| hidden(&page, &format!("base_budget_{i}_funder")) == funder)
        .unwrap();
    let values = BUDGET
        .iter()
        .map(|c| hidden(&page, &format!("base_budget_{index}_{c}")))
        .collect();
    (index, values)
}

/// The device's budget line changed to `amount`, from `base` (what it last saw).
async fn change_line(phone: &mut Phone, url: &str, index: usize, base: &[String], amount: &str) {
    let mut form: Vec<(String, String)> = vec![("action".into(), "write".into())];
    for (c, was) in BUDGET.iter().zip(base) {
        let typed = if *c == "amount" { amount } else { was };
        form.push((format!("base_budget_{index}_{c}"), was.clone()));
        form.push((format!("budget_{index}_{c}"), typed.to_string()));
    }
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let answer = phone.post(url, &pairs).await;
    assert_eq!(answer.status.as_u16(), 303, "{}", answer.body);
}

/// One device of group `g`, writing until `until`.
async fn device(url: String, g: usize, d: usize, until: Instant) -> Acked {
    let mut phone = Phone::new();
    let funder = format!("Financeur du groupe {g}, appareil {d}");
    phone.get(&url).await;
    let (index, mut line) = add_line(&mut phone, &url, &funder).await;
    let page = phone.get(&url).await.body;
    let mut seen: BTreeMap<FieldKey, String> = [OWN[d], SHARED]
        .into_iter()
        .map(|f| (f, hidden(&page, &format!("base_{}", f.key()))))
        .collect();
    let mut acked = BTreeMap::new();
    let mut ms = Vec::new();
    let mut line_ms = Vec::new();
    let mut k = 0;
    let mut next = Instant::now();
    while Instant::now() < until {
        k += 1;
        if k % 5 == 2 {
            let amount = (1000 + k).to_string();
            let t = Instant::now();
            change_line(&mut phone, &url, index, &line, &amount).await;
            ms.push(t.elapsed().as_secs_f64() * 1e3);
            line_ms.push(t.elapsed().as_secs_f64() * 1e3);
            line[3] = amount;
            next += Duration::from_millis(300);
            tokio::time::sleep_until(next.into()).await;
            continue;
        }
        let field = if k % 5 == 0 { SHARED } else { OWN[d] };
        let text = format!("{} du groupe, appareil {d}, version {k}", field.key());
        let base = seen[&field].clone();
        let base_name = format!("base_{}", field.key());
        let t = Instant::now();
        let answer = phone
            .post(
                &url,
                &[
                    ("action", "write"),
                    (field.key(), &text),
                    (&base_name, &base),
                ],
            )
            .await;
        ms.push(t.elapsed().as_secs_f64() * 1e3);
        assert_eq!(answer.status.as_u16(), 303, "{}", answer.body);
        seen.insert(field, text.clone());
        acked.insert(field, text);
        next += Duration::from_millis(300);
        tokio::time::sleep_until(next.into()).await;
    }
    Acked {
        ms,
        line_ms,
        texts: acked,
        line: (funder, line[3].clone()),
    }
}

/// How many last acknowledged texts and amounts `w` holds (shown or kept
/// beside a later one), and how many it lost.
fn lost_of(w: &Workshop, devices: &[Acked]) -> (usize, usize) {
    let (mut lost, mut checked) = (0, 0);
    for (i, acked) in devices.iter().enumerate() {
        let sheet = &w.sheets()[i / DEVICES];
        let (funder, amount) = &acked.line;
        checked += 1;
        let line = sheet.budget.iter().find(|l| &l.funder == funder);
        if line.map(|l| l.amount.to_string()).as_ref() != Some(amount) {
            lost += 1;
        }
        for (field, text) in &acked.texts {
            checked += 1;
            let kept = sheet
                .kept
                .iter()
                .any(|k| k.field == *field && &k.text == text);
            if field.text(sheet) != *text && !kept {
                lost += 1;
            }
        }
    }
    (checked, lost)
}

fn main() {
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    let secs: u64 = std::env::var("FICHES_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let home = common::home_with_example();
    let file = common::example_in(home.path());
    let codes = workshop(&file);
    let listen = format!("127.0.0.1:{}", free_port());
    let base = format!("http://{listen}");
    let common::pty::Spawned {
        master: _master,
        mut child,
        mut writer,
        output,
    } = common::pty::spawn(
        home.path(),
        &["open", file.to_str().unwrap(), "--listen", &listen],
        34,
        120,
    );
    wait_listening(&base);
    // The wall: the sheets screen, where every change shows.
    writer.write_all(b"\x1b[18~").unwrap();
    writer.flush().unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let until = Instant::now() + Duration::from_secs(secs);
    let load = std::thread::spawn(move || {
        rt().block_on(async move {
            let tasks: Vec<_> = (0..GROUPS * DEVICES)
                .map(|i| {
                    let url = format!("{base}/{}", codes[i / DEVICES]);
                    tokio::spawn(device(url, i / DEVICES, i % DEVICES, until))
                })
                .collect();
            let mut out = Vec::new();
            for t in tasks {
                out.push(t.await.unwrap());
            }
            out
        })
    });
    // The facilitator meanwhile: F1 to the frame that shows the help, Esc.
    let mut keys = Vec::new();
    while Instant::now() < until {
        while output.try_recv().is_ok() {}
        let t = Instant::now();
        writer.write_all(b"\x1bOP").unwrap();
        writer.flush().unwrap();
        let mut seen = Vec::new();
        while let Ok((at, chunk)) = output.recv_timeout(Duration::from_secs(2)) {
            seen.extend_from_slice(&chunk);
            let shown = seen.windows(4).any(|w| w == b"Aide");
            if shown && seen.windows(8).any(|w| w == b"\x1b[?2026l") {
                keys.push((at - t).as_secs_f64() * 1e3);
                break;
            }
        }
        writer.write_all(b"\x1b").unwrap();
        writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(500));
    }
    let devices = load.join().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let _ = child.kill();
    let w = atelier::store::load(&file).unwrap();
    let (checked, lost) = lost_of(&w, &devices);
    let ms = devices.iter().flat_map(|a| a.ms.clone()).collect();
    let line_ms = devices.iter().flat_map(|a| a.line_ms.clone()).collect();
    let kept: usize = w.sheets().iter().map(|s| s.kept.len()).sum();
    quantiles(
        &format!(
            "{GROUPS} groups × {DEVICES} devices, a change every 300 ms for {secs} s: acknowledgement"
        ),
        ms,
    );
    quantiles("  of which a budget line's amount", line_ms);
    println!(
        "  last texts and amounts checked: {checked}, lost {lost}; texts kept beside a later one: {kept}"
    );
    quantiles("  the terminal meanwhile: F1 to its frame", keys);
    assert_eq!(lost, 0, "acknowledged texts lost");
}

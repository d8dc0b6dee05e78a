//! The phone server trusts only what it issued and keeps its door open:
//! the real binary with `--listen 127.0.0.1:PORT`, probed as the checks
//! from outside probed it — made-up cookies, guessed codes, forms and
//! names from elsewhere, idle and slow connections by the thousand.
#![allow(clippy::unwrap_used, clippy::panic)] // A test or bench fails by panicking.

mod common;

use atelier::domain::round::PhoneVoters;
use common::phones::{Phone, room, rt};
use reqwest::StatusCode;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn ballots(room: &common::phones::Room) -> usize {
    room.on_disk()
        .rounds()
        .last()
        .unwrap()
        .counted_ballots()
        .count()
}

/// A raw request, as a script sends it; the status line's code.
fn raw(base: &str, request: &str) -> u16 {
    let mut s = TcpStream::connect(base.trim_start_matches("http://")).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut head = [0u8; 12];
    s.read_exact(&mut head).unwrap();
    std::str::from_utf8(&head[9..12]).unwrap().parse().unwrap()
}

#[test]
fn a_made_up_cookie_is_a_visitor_and_casts_nothing() {
    let mut room = room(PhoneVoters::Anonymous);
    let url = room.url();
    rt().block_on(async {
        let client = reqwest::Client::new();
        let forged = [
            "atelier_phone=0123456789abcdef0123456789abcdef".to_string(),
            format!(
                "atelier_phone=0123456789abcdef0123456789abcdef.{}",
                "0".repeat(32)
            ),
        ];
        for cookie in forged.iter().cycle().take(200) {
            let res = client
                .post(&url)
                .header("cookie", cookie)
                .header("content-type", "application/x-www-form-urlencoded")
                .body("action=vote&p8=2")
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::FORBIDDEN);
            assert!(
                res.headers().get("set-cookie").is_none(),
                "no identity is handed out on a form"
            );
        }
        // A phone the server knows, sending a form without its page's
        // token (made elsewhere): nothing either.
        let mut phone = Phone::new();
        phone.get(&url).await;
        let no_token = phone
            .post(&url, &[("action", "vote"), ("p8", "2"), ("t", "")])
            .await;
        assert_eq!(no_token.status, StatusCode::FORBIDDEN, "{}", no_token.body);
    });
    assert_eq!(ballots(&room), 0, "no ballot from a made-up identity");
}

#[test]
fn personal_codes_are_tried_at_a_persons_pace_whatever_the_cookie() {
    let mut room = room(PhoneVoters::Codes);
    let url = room.url();
    let address: std::net::IpAddr = "127.0.0.77".parse().unwrap();
    rt().block_on(async {
        let mut statuses = Vec::new();
        for i in 0..12 {
            // A fresh identity for each try, from the same address.
            let mut phone = Phone::at(address);
            phone.get(&url).await;
            let wrong = format!("ZZZZ{i:02}");
            let answer = phone
                .post(&url, &[("action", "join"), ("personal", &wrong)])
                .await;
            statuses.push(answer.status.as_u16());
        }
        assert_eq!(&statuses[..8], &[403; 8], "{statuses:?}");
        assert!(statuses[8..].iter().all(|s| *s == 429), "{statuses:?}");
        // Someone else in the room is not held back.
        let mut other = Phone::new();
        other.get(&url).await;
        let answer = other
            .post(&url, &[("action", "join"), ("personal", "ZZZZZZ")])
            .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN);
    });
}

#[test]
fn new_identities_are_limited_per_address_and_a_room_gets_in() {
    let mut room = room(PhoneVoters::Anonymous);
    let url = room.url();
    let address: std::net::IpAddr = "127.0.0.88".parse().unwrap();
    rt().block_on(async {
        let mut minted = 0;
        let mut refused = 0;
        for _ in 0..40 {
            let mut phone = Phone::at(address);
            let page = phone.get(&url).await;
            match page.status {
                StatusCode::OK => minted += 1,
                StatusCode::TOO_MANY_REQUESTS => refused += 1,
                other => panic!("{other}"),
            }
        }
        assert!((20..=22).contains(&minted), "{minted} minted");
        assert!(refused >= 18, "{refused} refused");
        // 60 phones, each at its own address, all get in.
        for _ in 0..60 {
            let mut phone = Phone::new();
            assert_eq!(phone.get(&url).await.status, StatusCode::OK);
        }
    });
}

#[test]
fn a_form_from_elsewhere_changes_nothing() {
    let mut room = room(PhoneVoters::Anonymous);
    let url = room.url();
    let port = room.base.rsplit(':').next().unwrap().to_string();
    rt().block_on(async {
        let mut phone = Phone::new();
        phone.get(&url).await;
        let ours = phone.post(&url, &[("action", "vote"), ("p1", "2")]).await;
        assert_eq!(ours.status, StatusCode::SEE_OTHER, "{}", ours.body);
        let cookie = phone.cookie.clone().unwrap();
        let token = phone.form_token.clone().unwrap();
        let other_port = format!("http://127.0.0.1:{}", port.parse::<u16>().unwrap() + 1);
        for (origin, site) in [
            ("http://evil.example", "cross-site"),
            (other_port.as_str(), "same-site"),
            ("null", "cross-site"),
        ] {
            let res = reqwest::Client::new()
                .post(&url)
                .header("cookie", &cookie)
                .header("origin", origin)
                .header("sec-fetch-site", site)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!("action=vote&p2=3&t={token}"))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{origin}");
        }
    });
    let w = room.on_disk();
    let counted: Vec<_> = w.rounds().last().unwrap().counted_ballots().collect();
    assert_eq!(counted.len(), 1);
    assert_eq!(
        counted[0].dots.get(&atelier::domain::ProposalId(1)),
        Some(&2),
        "the phone's own ballot stands"
    );
}

#[test]
fn only_our_addresses_are_served() {
    let mut room = room(PhoneVoters::Anonymous);
    let url = room.url();
    let code = url.rsplit('/').next().unwrap().to_string();
    let host = room.base.trim_start_matches("http://").to_string();
    for bad in ["evil.example", "127.0.0.1.evil.example", ""] {
        let status = raw(
            &room.base,
            &format!("GET /{code} HTTP/1.1\r\nHost: {bad}\r\nConnection: close\r\n\r\n"),
        );
        assert!(status == 421 || status == 400, "Host {bad:?}: {status}");
    }
    let absolute = raw(
        &room.base,
        &format!(
            "GET http://evil.example/{code} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ),
    );
    assert_eq!(absolute, 421);
    let ours = raw(
        &room.base,
        &format!("GET /{code} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    );
    assert_eq!(ours, 200);
}

/// Raises this process's own file limit: the test holds 1,400 sockets.
fn enough_files() {
    // SAFETY: getrlimit and setrlimit only read and write `lim`.
    unsafe {
        let mut lim = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &raw mut lim) == 0 {
            lim.rlim_cur = lim.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &raw const lim);
        }
    }
}

/// 1,100 half-open connections and 300 that send a byte every 2 seconds,
/// against an app with 1,024 files: ten real phones still load and vote
/// within a second, the facilitator's proposal is saved, and every slow
/// connection is dropped within the header timeout.
#[test]
fn idle_and_slow_connections_cannot_hold_the_door_shut() {
    enough_files();
    let mut room = common::phones::room_limited(PhoneVoters::Anonymous, 1_024);
    let url = room.url();
    let addr = room.base.trim_start_matches("http://").to_string();
    let started = Instant::now();
    let mut idle = Vec::new();
    for _ in 0..1_100 {
        match TcpStream::connect(&addr) {
            Ok(mut s) => {
                let _ = s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n");
                idle.push(s);
            }
            Err(_) => std::thread::sleep(Duration::from_millis(5)),
        }
    }
    let mut slow: Vec<TcpStream> = (0..300)
        .filter_map(|_| TcpStream::connect(&addr).ok())
        .collect();
    let opened = idle.len() + slow.len();
    // Ten phones vote while the door is pressed on.
    let times = rt().block_on(async {
        let mut times = Vec::new();
        for _ in 0..10 {
            let t = Instant::now();
            let mut phone = Phone::new();
            let page = phone.get(&url).await;
            assert_eq!(page.status, StatusCode::OK);
            let vote = phone.post(&url, &[("action", "vote"), ("p1", "1")]).await;
            assert_eq!(vote.status, StatusCode::SEE_OTHER, "{}", vote.body);
            times.push(t.elapsed());
        }
        times
    });
    // A byte every 2 s for the slow ones, for 8 s.
    for _ in 0..4 {
        for s in &mut slow {
            let _ = s.write_all(b"X");
        }
        std::thread::sleep(Duration::from_secs(2));
    }
    // The facilitator's proposal reaches the file meanwhile.
    room.app.send("Proposition tapée pendant l'assaut\r");
    room.app.wait_for("Proposition n° 30 enregistrée");
    let saved = room
        .on_disk()
        .proposals()
        .iter()
        .any(|p| p.text == "Proposition tapée pendant l'assaut");
    assert!(saved, "the workshop's own file is never starved");
    // Every slow connection has been closed by the server.
    let mut still_open = 0;
    for s in idle.iter_mut().chain(slow.iter_mut()) {
        s.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
        let mut buf = [0u8; 256];
        match s.read(&mut buf) {
            Ok(0) => {}
            // A 408 or 400 before the close is a close too.
            Ok(_) => {
                if !matches!(s.read(&mut buf), Ok(0) | Err(_)) {
                    still_open += 1;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => still_open += 1,
            Err(_) => {}
        }
    }
    let mut sorted = times.clone();
    sorted.sort();
    let worst = *sorted.last().unwrap();
    eprintln!(
        "{opened} slow connections; 10 phones voted, slowest {worst:?}; {still_open} still open after {:?}",
        started.elapsed()
    );
    assert!(worst < Duration::from_secs(1), "{sorted:?}");
    assert_eq!(still_open, 0, "idle and slow connections are dropped");
    assert_eq!(ballots(&room), 10);
}

/// A crash during capture with phones on: the restarted app serves them
/// again by itself, and knows them.
#[test]
fn a_workshop_that_served_phones_serves_them_again_after_a_crash() {
    let mut room = common::phones::capture_room();
    let url = room.url();
    let runtime = rt();
    let mut phone = runtime.block_on(async {
        let mut phone = Phone::new();
        phone.get(&url).await;
        let sent = phone
            .post(&url, &[("action", "propose"), ("text", "Avant la panne")])
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
        phone
    });
    room.app.kill9();
    // No Alt+T this time.
    let mut again = room.restart();
    runtime.block_on(async {
        let page = phone.get(&url).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Avant la panne"), "{}", page.body);
    });
    again.quit();
}

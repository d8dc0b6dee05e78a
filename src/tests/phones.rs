//! The room votes from phones: the app's own loop (the one `update`, the
//! writer thread, the web server on the same runtime) on 127.0.0.1, and
//! HTTP requests as phones make them. What reaches the disk is read back
//! from the file.

use crate::app::input::Input;
use crate::app::{App, SaveMode, update};
use crate::domain::round::PhoneVoters;
use crate::domain::{Scope, Workshop};
use crate::i18n::Lang;
use crate::store;
use crate::ui::tests::example;
use reqwest::StatusCode;
use reqwest::header::{ACCEPT_LANGUAGE, COOKIE, SET_COOKIE};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc::unbounded_channel;

/// The app running as it does for real, without a terminal.
pub(crate) struct Running {
    pub base: String,
    /// Into the app's loop, as the terminal sends keys.
    pub inputs: crate::app::input::Inputs,
    pub path: PathBuf,
    /// The app once its loop ended.
    #[allow(dead_code)]
    pub app: Arc<Mutex<Option<App>>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The example with an open round of 6 dots, 3 at most per proposal, for
/// phones voting as `voters`; phone voting opened on 127.0.0.1.
pub(crate) fn room(name: &str, voters: PhoneVoters) -> Running {
    let mut app = example(name, Lang::Fr);
    let now = app.clock.now();
    let doc = app.doc.as_mut().unwrap();
    let mut settings = doc
        .w
        .default_round_settings(Scope::All, 3, "Tour des téléphones".into());
    settings.dots_per_voter = 6;
    settings.max_per_proposal = 3;
    let op = doc.w.op_new_round(settings, now);
    assert!(app.run_op(op));
    let round = app.doc.as_ref().unwrap().w.rounds().last().unwrap().clone();
    if voters != PhoneVoters::Anonymous {
        assert!(app.run_op(Ok(crate::domain::voting::op_phone_voters(&round, voters))));
    }
    if voters == PhoneVoters::Codes {
        let op = crate::domain::voting::op_personal_codes(&app.doc.as_ref().unwrap().w, || {
            crate::app::phones::random6()
        });
        assert!(app.run_op(Ok(op.unwrap())));
    }
    // Reopened with the writer thread, as the app runs.
    let path = app.doc.as_ref().unwrap().path.clone();
    crate::app::update::close_doc(&mut app);
    app.save_mode = SaveMode::Thread;
    app.phones.listen = Some("127.0.0.1:0".parse().unwrap());
    let shared = Arc::new(Mutex::new(None));
    let (addr_tx, addr_rx) = std::sync::mpsc::channel::<(SocketAddr, crate::app::input::Inputs)>();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let slot = shared.clone();
    let file = path.clone();
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(run(app, file, addr_tx, stopped, slot));
    });
    let (addr, inputs) = addr_rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the server starts");
    Running {
        base: format!("http://{addr}"),
        inputs,
        path,
        app: shared,
        stop: Some(stop),
        thread: Some(thread),
    }
}

/// The event loop's work without a terminal: inputs into `update`, the
/// server kept as the app wants it, saves handed over after each batch.
async fn run(
    mut app: App,
    path: PathBuf,
    started: std::sync::mpsc::Sender<(SocketAddr, crate::app::input::Inputs)>,
    mut stop: tokio::sync::oneshot::Receiver<()>,
    slot: Arc<Mutex<Option<App>>>,
) {
    let (inputs, mut received) = unbounded_channel::<Input>();
    let saved = inputs.clone();
    app.notify = Some(Arc::new(move |r| {
        let _ = saved.send(Input::Saved(r));
    }));
    app.inputs = Some(inputs.clone());
    crate::app::home::open(&mut app, &path, store::Access::ReadWrite);
    let mut server = None;
    crate::event_loop::serve(&app, &mut server, &inputs);
    loop {
        let input = tokio::select! {
            Some(input) = received.recv() => input,
            _ = &mut stop => break,
        };
        let mut batch = vec![input];
        while let Ok(more) = received.try_recv() {
            batch.push(more);
        }
        for input in batch {
            if let Input::Server(crate::app::phones::ServerEvent::Started(addr)) = &input {
                let _ = started.send((*addr, inputs.clone()));
            }
            if let Some(action) = crate::event_loop::action_of(&app, input) {
                update(&mut app, action);
            }
        }
        crate::event_loop::serve(&app, &mut server, &inputs);
        app.flush_saves();
    }
    crate::app::update::close_doc(&mut app);
    *slot.lock().unwrap() = Some(app);
}

/// A phone: its own cookie, its language.
pub(crate) struct Phone {
    client: reqwest::Client,
    cookie: Option<String>,
    lang: &'static str,
}

pub(crate) struct Answer {
    pub status: StatusCode,
    pub body: String,
    #[allow(dead_code)]
    pub location: Option<String>,
}

impl Phone {
    pub fn new() -> Phone {
        Phone {
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookie: None,
            lang: "fr-FR,fr;q=0.9",
        }
    }

    pub fn english(mut self) -> Phone {
        self.lang = "en-GB,en;q=0.9";
        self
    }

    async fn send(&mut self, req: reqwest::RequestBuilder) -> Answer {
        let mut req = req.header(ACCEPT_LANGUAGE, self.lang);
        if let Some(c) = &self.cookie {
            req = req.header(COOKIE, c.clone());
        }
        let res = req
            .send()
            .await
            .unwrap_or_else(|e| panic!("the server answers: {e:?}"));
        if let Some(set) = res.headers().get(SET_COOKIE) {
            let c = set.to_str().unwrap().split(';').next().unwrap().to_string();
            self.cookie = Some(c);
        }
        let location = res
            .headers()
            .get(reqwest::header::LOCATION)
            .map(|l| l.to_str().unwrap().to_string());
        Answer {
            status: res.status(),
            location,
            body: res.text().await.unwrap(),
        }
    }

    pub async fn get(&mut self, url: &str) -> Answer {
        let req = self.client.get(url);
        self.send(req).await
    }

    pub async fn post(&mut self, url: &str, form: &[(&str, &str)]) -> Answer {
        let body: Vec<String> = form
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect();
        let req = self
            .client
            .post(url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.join("&"));
        self.send(req).await
    }
}

fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The round's URL, from the file (the join code is kept there).
pub(crate) fn round_url(r: &Running) -> String {
    for _ in 0..100 {
        let w = store::load(&r.path).unwrap();
        if let Some(code) = w.rounds().last().unwrap().join.clone() {
            return format!("{}/{code}", r.base);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("no join code in the file");
}

impl Running {
    /// A key, as the facilitator presses it.
    pub fn key(&self, code: crossterm::event::KeyCode, modifiers: crossterm::event::KeyModifiers) {
        let key = crossterm::event::KeyEvent::new(code, modifiers);
        let _ = self
            .inputs
            .send(Input::Terminal(crossterm::event::Event::Key(key)));
    }

    /// Closes the phones' round from the keyboard (F5, the last round,
    /// Ctrl+X), as the facilitator does.
    pub fn close_round(&self) {
        use crossterm::event::{KeyCode, KeyModifiers};
        self.key(KeyCode::F(5), KeyModifiers::NONE);
        self.key(KeyCode::End, KeyModifiers::NONE);
        self.key(KeyCode::Char('x'), KeyModifiers::CONTROL);
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn on_disk(r: &Running) -> Workshop {
    store::load(&r.path).unwrap()
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn a_phone_joins_votes_changes_its_vote_and_a_retry_counts_once() {
    let room = room("phones-flow", PhoneVoters::Anonymous);
    let url = round_url(&room);
    rt().block_on(async {
        let mut phone = Phone::new();
        let page = phone.get(&url).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Tour des téléphones"), "{}", page.body);
        assert!(page.body.contains("6 gommettes, 3 au plus par proposition"));
        assert!(page.body.contains("name=\"p1\""), "every proposal in scope");
        assert!(phone.cookie.is_some(), "the phone gets its token");
        let vote = phone
            .post(&url, &[("action", "vote"), ("p1", "2"), ("p3", "1")])
            .await;
        assert_eq!(vote.status, StatusCode::SEE_OTHER, "{}", vote.body);
        // On disk before the answer: read right after it.
        let w = on_disk(&room);
        let round = w.rounds().last().unwrap();
        assert_eq!(round.counted_ballots().count(), 1);
        let shown = phone.get(&url).await;
        assert!(shown.body.contains("Vote enregistré"));
        assert!(
            shown.body.contains("name=\"p1\" value=\"2\""),
            "the ballot shown back"
        );
        // A double tap: the same ballot again changes nothing.
        phone
            .post(&url, &[("action", "vote"), ("p1", "2"), ("p3", "1")])
            .await;
        assert_eq!(on_disk(&room).rounds().last().unwrap().ballots.len(), 1);
        // Changed: the latest counts, the first stays on record, voided.
        phone.post(&url, &[("action", "vote"), ("p2", "3")]).await;
        let w = on_disk(&room);
        let round = w.rounds().last().unwrap();
        assert_eq!(round.ballots.len(), 2);
        assert!(round.ballots[0].void);
        let counted: Vec<_> = round.counted_ballots().collect();
        assert_eq!(counted.len(), 1);
        assert_eq!(counted[0].dots.get(&crate::domain::ProposalId(2)), Some(&3));
        // Another phone is another voter.
        let mut other = Phone::new();
        other.get(&url).await;
        other.post(&url, &[("action", "vote"), ("p4", "1")]).await;
        assert_eq!(
            on_disk(&room)
                .rounds()
                .last()
                .unwrap()
                .counted_ballots()
                .count(),
            2
        );
    });
}

#[test]
fn every_refusal_has_its_status_and_says_why_in_the_phones_language() {
    let room = room("phones-refusals", PhoneVoters::Anonymous);
    let url = round_url(&room);
    rt().block_on(async {
        let mut phone = Phone::new();
        phone.get(&url).await;
        // A wrong code.
        let wrong = phone.get(&format!("{}/ACDEFG", room.base)).await;
        assert_eq!(wrong.status, StatusCode::FORBIDDEN);
        assert!(wrong.body.contains("Code inconnu"), "{}", wrong.body);
        // Over the budget, over the cap: 400 with the reason.
        let over = phone
            .post(
                &url,
                &[("action", "vote"), ("p1", "3"), ("p2", "3"), ("p3", "1")],
            )
            .await;
        assert_eq!(over.status, StatusCode::BAD_REQUEST);
        assert!(over.body.contains("gommettes"), "{}", over.body);
        let cap = phone.post(&url, &[("action", "vote"), ("p1", "4")]).await;
        assert_eq!(cap.status, StatusCode::BAD_REQUEST);
        // Not a form this page makes.
        let odd = phone.post(&url, &[("action", "vote"), ("p1", "-2")]).await;
        assert_eq!(odd.status, StatusCode::BAD_REQUEST);
        assert!(odd.body.contains("Demande incomprise"));
        // Too big: 413, in French too.
        let big = "9".repeat(5000);
        let huge = phone.post(&url, &[("action", "vote"), ("p1", &big)]).await;
        assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(huge.body.contains("trop long"), "{}", huge.body);
        // Unknown page, in English for an English phone.
        let mut english = Phone::new().english();
        let lost = english.get(&format!("{}/x/y", room.base)).await;
        assert_eq!(lost.status, StatusCode::NOT_FOUND);
        assert!(lost.body.contains("Page not found"), "{}", lost.body);
        // Too fast: 429, keyed on the phone's token, not on its address.
        let mut statuses = Vec::new();
        for _ in 0..12 {
            statuses.push(
                phone
                    .post(&url, &[("action", "vote"), ("p1", "1")])
                    .await
                    .status,
            );
        }
        assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS));
        let mut fresh = Phone::new();
        fresh.get(&url).await;
        let ok = fresh.post(&url, &[("action", "vote"), ("p1", "1")]).await;
        assert_eq!(
            ok.status,
            StatusCode::SEE_OTHER,
            "another phone on the same address"
        );
        // Closed round: 409 "Le vote est fermé", for the page and a form.
        room.close_round();
        assert!(!on_disk(&room).rounds().last().unwrap().open);
        let closed = fresh.get(&url).await;
        assert_eq!(closed.status, StatusCode::CONFLICT);
        assert!(closed.body.contains("Le vote est fermé"), "{}", closed.body);
        let late = fresh.post(&url, &[("action", "vote"), ("p2", "1")]).await;
        assert_eq!(late.status, StatusCode::CONFLICT);
    });
}

#[test]
fn no_page_leaves_the_laptop_without_its_guards() {
    let room = room("phones-headers", PhoneVoters::Anonymous);
    let url = round_url(&room);
    rt().block_on(async {
        let client = reqwest::Client::new();
        let res = client.get(&url).send().await.unwrap();
        let h = res.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'nonce-"));
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["cache-control"], "no-store");
        let cookie = h["set-cookie"].to_str().unwrap();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
        let body = res.text().await.unwrap();
        assert!(
            !body.contains("<link") && !body.contains("src=\"http"),
            "no asset from outside"
        );
        // A form without the phone's cookie: sent to the page first.
        let bare = client
            .post(&url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body("action=vote&p1=1")
            .send()
            .await
            .unwrap();
        assert_eq!(bare.status(), StatusCode::FORBIDDEN);
    });
}

/// The QR code on the vote screen and on the projection, read back by a
/// QR decoder from the cells drawn: it is the URL shown beside it.
#[test]
fn the_qr_code_on_screen_reads_back_as_the_url_shown() {
    use crate::app::phones::Server;
    use ratatui::buffer::Buffer;
    use ratatui::crossterm::event::KeyCode;
    use ratatui::style::Color;
    let mut app = example("phones-qr", Lang::Fr);
    let now = app.clock.now();
    let doc = app.doc.as_mut().unwrap();
    let settings = doc.w.default_round_settings(Scope::All, 3, "Tour 2".into());
    let op = doc.w.op_new_round(settings, now);
    assert!(app.run_op(op));
    crate::app::drive::code(&mut app, KeyCode::F(5));
    crate::app::drive::code(&mut app, KeyCode::End);
    app.phones.networks = vec![crate::app::phones::Network {
        name: "wlan0".into(),
        ip: "192.168.1.23".parse().unwrap(),
    }];
    crate::app::drive::press(
        &mut app,
        crossterm::event::KeyEvent::new(KeyCode::Char('t'), crossterm::event::KeyModifiers::NONE),
    );
    assert!(app.phones.on);
    app.phones.server = Server::Running("192.168.1.23:8080".parse().unwrap());
    crate::app::phones::ensure_join_code(&mut app);
    let url = app.phones.url(&app.doc.as_ref().unwrap().w).unwrap();
    assert!(
        url.starts_with("http://192.168.1.23:8080/") && url.len() == 31,
        "{url}"
    );

    fn decode(buf: &Buffer) -> Vec<String> {
        let dark = |c: Color| c == Color::Indexed(16);
        let area = buf.area;
        // The QR's cells: half blocks in its two colours.
        let cells: Vec<(u16, u16)> = (0..area.height)
            .flat_map(|y| (0..area.width).map(move |x| (x, y)))
            .filter(|&(x, y)| {
                let c = &buf[(x, y)];
                c.symbol() == "▀"
                    && matches!(c.fg, Color::Indexed(16 | 231))
                    && matches!(c.bg, Color::Indexed(16 | 231))
            })
            .collect();
        let x0 = cells.iter().map(|c| c.0).min().unwrap();
        let x1 = cells.iter().map(|c| c.0).max().unwrap();
        let y0 = cells.iter().map(|c| c.1).min().unwrap();
        let y1 = cells.iter().map(|c| c.1).max().unwrap();
        let (w, h) = ((x1 - x0 + 1) as usize, (y1 - y0 + 1) as usize * 2);
        let scale = 6;
        let module = |x: usize, y: usize| -> bool {
            let c = &buf[(x0 + x as u16, y0 + (y / 2) as u16)];
            if y.is_multiple_of(2) {
                dark(c.fg)
            } else {
                dark(c.bg)
            }
        };
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(w * scale, h * scale, |x, y| {
            if module(x / scale, y / scale) { 0 } else { 255 }
        });
        img.detect_grids()
            .into_iter()
            .filter_map(|g| g.decode().ok().map(|(_, text)| text))
            .collect()
    }
    assert_eq!(
        decode(&crate::ui::memory::render(&app)),
        std::slice::from_ref(&url)
    );
    let screen = crate::ui::memory::screen(&app);
    assert!(screen.contains(&url), "{screen}");
    // The projection, at a projector's size.
    crate::app::drive::code(&mut app, KeyCode::F(9));
    crate::app::drive::resize(&mut app, 160, 45);
    assert_eq!(
        decode(&crate::ui::memory::render(&app)),
        std::slice::from_ref(&url)
    );
    assert!(crate::ui::memory::screen(&app).contains(&url));
}

#[test]
fn a_named_round_takes_each_name_once_and_counts_by_college() {
    let room = room("phones-named", PhoneVoters::Named);
    let url = round_url(&room);
    let w = on_disk(&room);
    let (first, second) = (&w.participants()[0], &w.participants()[1]);
    rt().block_on(async {
        let mut a = Phone::new();
        let page = a.get(&url).await;
        assert!(page.body.contains("Qui êtes-vous"), "{}", page.body);
        assert!(
            page.body
                .contains(&crate::export::html::escape(&first.name))
        );
        let joined = a
            .post(&url, &[("action", "join"), ("name", &first.id.to_string())])
            .await;
        assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.body);
        let page = a.get(&url).await;
        assert!(
            page.body.contains("Vous votez en tant que"),
            "{}",
            page.body
        );
        a.post(&url, &[("action", "vote"), ("p1", "2")]).await;
        // The same name from another phone: refused; another name: fine.
        let mut b = Phone::new();
        b.get(&url).await;
        let taken = b
            .post(&url, &[("action", "join"), ("name", &first.id.to_string())])
            .await;
        assert_eq!(taken.status, StatusCode::CONFLICT);
        assert!(taken.body.contains("déjà pris"), "{}", taken.body);
        b.post(
            &url,
            &[("action", "join"), ("name", &second.id.to_string())],
        )
        .await;
        b.post(&url, &[("action", "vote"), ("p2", "1")]).await;
    });
    let w = on_disk(&room);
    let round = w.rounds().last().unwrap();
    let voters: Vec<_> = round.counted_ballots().map(|b| b.voter).collect();
    assert_eq!(
        voters,
        [
            crate::domain::Voter::Participant(first.id),
            crate::domain::Voter::Participant(second.id)
        ]
    );
    // Results by collège know who voted.
    let tally = crate::domain::Tally::compute(&w, round);
    let row = tally
        .rows
        .iter()
        .find(|r| r.proposal == crate::domain::ProposalId(1))
        .unwrap();
    assert_eq!(row.by_college, [(first.college, 2)]);
}

#[test]
fn a_personal_code_votes_once_from_whichever_phone() {
    let room = room("phones-codes", PhoneVoters::Codes);
    let url = round_url(&room);
    let w = on_disk(&room);
    let p = &w.participants()[2];
    let code = p.code.clone().expect("codes were given");
    rt().block_on(async {
        let mut a = Phone::new();
        let page = a.get(&url).await;
        assert!(page.body.contains("Votre code personnel"), "{}", page.body);
        let wrong = a
            .post(&url, &[("action", "join"), ("personal", "ACDEFG")])
            .await;
        assert_eq!(wrong.status, StatusCode::FORBIDDEN);
        assert!(wrong.body.contains("existe pas"), "{}", wrong.body);
        // Typed loosely: lower case, a space.
        let typed = format!("{} {}", &code[..3].to_lowercase(), &code[3..]);
        a.post(&url, &[("action", "join"), ("personal", &typed)])
            .await;
        a.post(&url, &[("action", "vote"), ("p1", "1")]).await;
        // The same code on another phone: its ballot replaces the first.
        let mut b = Phone::new();
        b.get(&url).await;
        b.post(&url, &[("action", "join"), ("personal", &code)])
            .await;
        let page = b.get(&url).await;
        assert!(
            page.body.contains("name=\"p1\" value=\"1\""),
            "the code's ballot is shown"
        );
        b.post(&url, &[("action", "vote"), ("p3", "2")]).await;
    });
    let w = on_disk(&room);
    let round = w.rounds().last().unwrap();
    let counted: Vec<_> = round.counted_ballots().collect();
    assert_eq!(counted.len(), 1);
    assert_eq!(counted[0].voter, crate::domain::Voter::Participant(p.id));
    assert_eq!(counted[0].dots.get(&crate::domain::ProposalId(3)), Some(&2));
    // The page of codes to print: every participant, no script.
    let html = crate::export::codes::page(&w, Lang::Fr, Some("http://192.168.1.23:8080/ABCDEF"));
    for part in w.participants() {
        assert!(html.contains(part.code.as_deref().unwrap()));
    }
    assert!(html.contains("<svg") && !html.contains("<script"));
    // No export carries a personal code, nor a phone's key.
    let opts = crate::export::Options::new(Lang::Fr);
    for f in crate::export::render(&w, crate::export::Format::All, &opts).unwrap() {
        let text = String::from_utf8_lossy(&f.bytes);
        assert!(
            !text.contains(&code),
            "{} shows a personal code",
            f.path.display()
        );
        let device = counted[0].device.as_deref().unwrap();
        assert!(
            !text.contains(device),
            "{} shows a phone's key",
            f.path.display()
        );
    }
}

/// The vote screen while phones vote, at both sizes: the QR code, the
/// address, the code and the counts (80×24 has no room for the QR: the
/// projection shows it).
#[test]
fn the_phone_panel_on_the_vote_screen() {
    use crate::app::phones::Server;
    use crate::domain::Op;
    use ratatui::crossterm::event::KeyCode;
    let mut app = example("phones-panel", Lang::Fr);
    let now = app.clock.now();
    let doc = app.doc.as_mut().unwrap();
    let settings = doc.w.default_round_settings(Scope::All, 3, "Tour 2".into());
    let op = doc.w.op_new_round(settings, now);
    assert!(app.run_op(op));
    let round = app.doc.as_ref().unwrap().w.rounds().last().unwrap().id;
    assert!(app.run_op(Ok(Op::SetPhones {
        round,
        voters: PhoneVoters::Anonymous,
        join: Some("K7MHQX".into()),
    })));
    crate::app::drive::code(&mut app, KeyCode::F(5));
    crate::app::drive::code(&mut app, KeyCode::End);
    app.phones.networks = vec![crate::app::phones::Network {
        name: "wlan0".into(),
        ip: "192.168.1.23".parse().unwrap(),
    }];
    crate::app::drive::press(
        &mut app,
        crossterm::event::KeyEvent::new(KeyCode::Char('t'), crossterm::event::KeyModifiers::NONE),
    );
    app.phones.server = Server::Running("192.168.1.23:8080".parse().unwrap());
    for (w, h) in [(80, 24), (120, 34)] {
        crate::app::drive::resize(&mut app, w, h);
        insta::assert_snapshot!(
            format!("phones_panel_{w}x{h}"),
            crate::ui::memory::screen(&app)
        );
    }
}

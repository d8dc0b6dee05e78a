//! The room's phones against the real binary: a workshop with a round open
//! to phones, atelier running in a pseudo-terminal with `--listen` on
//! 127.0.0.1, and phones as HTTP clients with their own cookie and
//! language.

use super::pty::Session;
use atelier::domain::round::{Method, PhoneVoters};
use atelier::domain::{Scope, Stamp, Workshop, apply, voting};
use reqwest::StatusCode;
use reqwest::header::{ACCEPT_LANGUAGE, COOKIE, LOCATION, SET_COOKIE};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A port nobody listens on now.
pub fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// The example with an open round of 6 dots, 3 at most per proposal, for
/// phones voting as `voters` (with personal codes given when asked).
pub fn workshop_with_open_round(file: &Path, voters: PhoneVoters) {
    workshop_with_open_round_by(file, voters, Method::Dots);
}

/// The same round, voted by `method`.
pub fn workshop_with_open_round_by(file: &Path, voters: PhoneVoters, method: Method) {
    let mut w = atelier::store::load(file).unwrap();
    let mut s = w.default_round_settings(Scope::All, 3, "Tour des téléphones".into());
    s.dots_per_voter = 6;
    s.max_per_proposal = 3;
    s.method = method;
    let now = Stamp::from_ymd_hms(2024, 3, 14, 15, 0, 0).unwrap();
    let op = w.op_new_round(s, now).unwrap();
    apply(&mut w, op).unwrap();
    let round = w.rounds().last().unwrap().clone();
    apply(&mut w, voting::op_phone_voters(&round, voters)).unwrap();
    if voters == PhoneVoters::Codes {
        let mut n = 0u8;
        let op = voting::op_personal_codes(&w, || {
            n += 1;
            [
                n,
                n.wrapping_mul(7),
                n.wrapping_mul(13),
                3,
                5,
                n.wrapping_mul(11),
            ]
        })
        .unwrap();
        apply(&mut w, op).unwrap();
    }
    atelier::store::write(file, &w).unwrap();
}

pub struct Room {
    pub home: tempfile::TempDir,
    pub file: PathBuf,
    pub app: Session,
    pub base: String,
}

/// atelier on the example with a round open to phones voting as `voters`.
pub fn room(voters: PhoneVoters) -> Room {
    room_with(Some(voters), None)
}

/// atelier on the example with a round by majority judgment open to
/// anonymous phones.
pub fn judgment_room() -> Room {
    let home = super::home_with_example();
    let file = super::example_in(home.path());
    workshop_with_open_round_by(&file, PhoneVoters::Anonymous, Method::Judgment);
    started(home, file, None, true)
}

/// The same, the app started with at most `nofile` open files.
pub fn room_limited(voters: PhoneVoters, nofile: u32) -> Room {
    room_with(Some(voters), Some(nofile))
}

/// atelier on the example in capture, phones taking part (`--listen`):
/// they propose.
pub fn capture_room() -> Room {
    room_with(None, None)
}

fn room_with(voters: Option<PhoneVoters>, nofile: Option<u32>) -> Room {
    let home = super::home_with_example();
    let file = super::example_in(home.path());
    if let Some(voters) = voters {
        workshop_with_open_round(&file, voters);
    }
    started(home, file, nofile, voters.is_some())
}

/// The codes the example's three fiches are opened under.
pub const FICHE_CODES: [&str; 3] = ["FKX9PQ", "TW4M3Q", "HN6C7D"];

/// atelier on the example, its three fiches open to their groups: their
/// pages are served since drafting is open in the file (a restarted app
/// serves them again).
pub fn fiches_room() -> Room {
    let home = super::home_with_example();
    let file = super::example_in(home.path());
    let mut w = atelier::store::load(&file).unwrap();
    let mut codes = FICHE_CODES.iter().map(|c| (*c).to_string());
    let op = w
        .op_set_drafting(true, &mut || codes.next().unwrap())
        .unwrap();
    apply(&mut w, op).unwrap();
    atelier::store::write(&file, &w).unwrap();
    let listen = format!("127.0.0.1:{}", free_port());
    let mut app = Session::start(
        home.path(),
        &["open", file.to_str().unwrap(), "--listen", &listen],
    );
    app.wait_for("Nouvelle proposition");
    let base = format!("http://{listen}");
    wait_listening(&base);
    Room {
        home,
        file,
        app,
        base,
    }
}

/// atelier on `file`, listening: to the round open to phones (`voting`),
/// or to proposals in capture.
fn started(home: tempfile::TempDir, file: PathBuf, nofile: Option<u32>, voting: bool) -> Room {
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let args = ["open", file.to_str().unwrap(), "--listen", &listen];
    let mut app = match nofile {
        Some(n) => Session::start_limited(home.path(), &args, n),
        None => Session::start(home.path(), &args),
    };
    if !voting {
        // Without an open round, phones take part once asked (Alt+T).
        app.wait_for("Nouvelle proposition");
        app.send("\x1bt");
    }
    let mut room = Room {
        home,
        file,
        app,
        base: format!("http://{listen}"),
    };
    room.app.wait_for("Nouvelle proposition");
    room
}

impl Room {
    /// atelier started again on the same file and address (after a kill),
    /// once it listens.
    pub fn restart(&self) -> Session {
        let port = self.base.rsplit(':').next().unwrap().to_string();
        let listen = format!("127.0.0.1:{port}");
        let mut again = Session::start(
            self.home.path(),
            &["open", self.file.to_str().unwrap(), "--listen", &listen],
        );
        again.wait_for("Nouvelle proposition");
        wait_listening(&self.base);
        again
    }

    pub fn on_disk(&self) -> Workshop {
        atelier::store::load(&self.file).unwrap()
    }

    /// The round's address; its join code is in the file once the server
    /// runs.
    pub fn url(&mut self) -> String {
        for _ in 0..300 {
            self.app.pump();
            if let Ok(w) = atelier::store::load(&self.file)
                && let Some(code) = w.join().map(str::to_string)
            {
                // The code is kept before the server listens.
                wait_listening(&self.base);
                return format!("{}/{code}", self.base);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("no join code in the file");
    }

    /// Closes the last round from the keyboard: F5, the last round, Ctrl+X.
    pub fn close_round(&mut self) {
        self.app.send("\x1b[15~");
        self.app.send("\x1b[F");
        self.app.send("\x18");
        self.app.wait_until("the round closed", |s| {
            s.lines()
                .any(|l| l.contains("Tour des téléphones") && l.contains("clos ·"))
        });
        for _ in 0..250 {
            if self.on_disk().rounds().last().is_some_and(|r| !r.open) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the closed round never reached the file");
    }
}

/// A phone: its own cookie, its language, the form token of the last page
/// it loaded, and (on Linux) an address of its own on loopback, as each
/// phone of a room has its own on the Wi-Fi.
pub struct Phone {
    client: reqwest::Client,
    pub cookie: Option<String>,
    pub form_token: Option<String>,
    lang: &'static str,
}

/// 127.0.x.y, a new one for each phone (Linux routes all of 127/8 to
/// loopback); elsewhere, 127.0.0.1 for all.
fn next_address() -> std::net::IpAddr {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    if cfg!(target_os = "linux") {
        std::net::IpAddr::from([127, 0, 1 + (n / 250 % 250) as u8, 2 + (n % 250) as u8])
    } else {
        std::net::IpAddr::from([127, 0, 0, 1])
    }
}

pub struct Answer {
    pub status: StatusCode,
    pub body: String,
    pub location: Option<String>,
}

impl Default for Phone {
    fn default() -> Self {
        Phone::new()
    }
}

impl Phone {
    pub fn new() -> Phone {
        Phone::at(next_address())
    }

    /// A phone at this address (two phones behind one address share its
    /// allowances).
    pub fn at(address: std::net::IpAddr) -> Phone {
        Phone {
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .local_address(address)
                .build()
                .unwrap(),
            cookie: None,
            form_token: None,
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
            .get(LOCATION)
            .map(|l| l.to_str().unwrap().to_string());
        let status = res.status();
        let body = res.text().await.unwrap();
        if let Some(t) = form_token_in(&body) {
            self.form_token = Some(t);
        }
        Answer {
            status,
            body,
            location,
        }
    }

    pub async fn get(&mut self, url: &str) -> Answer {
        let req = self.client.get(url);
        self.send(req).await
    }

    /// Sends a form as the page's own would: with the page's token, unless
    /// the form gives a `t` of its own.
    pub async fn post(&mut self, url: &str, form: &[(&str, &str)]) -> Answer {
        let mut body: Vec<String> = form
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect();
        if let Some(t) = self
            .form_token
            .as_ref()
            .filter(|_| !form.iter().any(|(k, _)| *k == "t"))
        {
            body.push(format!("t={t}"));
        }
        let req = self
            .client
            .post(url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.join("&"));
        self.send(req).await
    }
}

/// The value of a page's hidden field `name` (on a fiche's page, the text
/// a field showed), entities read back.
pub fn hidden_value(html: &str, name: &str) -> String {
    let key = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&key)
        .unwrap_or_else(|| panic!("no {name} in the page"))
        + key.len();
    let len = html[start..].find('"').unwrap();
    html[start..start + len]
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The token the page's forms carry (`<input type="hidden" name="t" …>`).
pub fn form_token_in(html: &str) -> Option<String> {
    let start = html.find("name=\"t\" value=\"")? + "name=\"t\" value=\"".len();
    let len = html[start..].find('"')?;
    Some(html[start..start + len].to_string())
}

fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// Waits until something listens on `base` (`http://IP:PORT`).
pub fn wait_listening(base: &str) {
    let addr = base.trim_start_matches("http://");
    for _ in 0..500 {
        if std::net::TcpStream::connect(addr).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("nothing listens on {addr}");
}

//! The phones' side: a small web server on the app's own runtime, an
//! adapter like `ui`. It reads requests, sends them into the one loop and
//! renders the answers; it never touches the workshop. Nothing but the
//! round's rules and proposals, the phone's own ballot and "enregistré"
//! leaves the laptop.
//!
//! Each phone gets an identity signed with the workshop's key, in an
//! HttpOnly, SameSite=Lax cookie (so that a link from elsewhere still
//! brings the phone's own identity, and a form from elsewhere does not);
//! what the server trusts is `guard`'s, how connections are held is
//! `serve`'s. Bodies are at most 4 KB; every page and every error is
//! French or English, from the browser's language.

mod guard;
mod page;
mod serve;

use crate::app::input::{Input, Inputs};
use crate::app::phones::ServerEvent;
use crate::app::remote::{Join, PhoneView, Remote, Request};
use crate::i18n::Lang;
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Query, Request as HttpRequest, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

/// A request body larger than this is refused (413).
pub const MAX_BODY: usize = 4096;
/// A fiche's form sent whole (a page without script): every text and
/// item, each with the one it started from, accents percent-encoded.
pub const MAX_FICHE_BODY: usize = 1024 * 1024;
/// Bodies up to this size are read whole before being refused, so that
/// the phone gets the page that says why, not a cut connection.
const READ_UP_TO: usize = MAX_FICHE_BODY + 64 * 1024;
/// A phone may send this many forms…
const BURST: usize = 8;
/// A fiche's page may save this many fields (a group typing fast, a
/// change every 300 ms)…
const WRITE_BURST: usize = 50;
/// …within this long (429 beyond).
const WINDOW: Duration = Duration::from_secs(10);
/// How long a phone waits for the app's answer (503 beyond).
const ANSWER_WITHIN: Duration = Duration::from_secs(15);

const COOKIE: &str = "atelier_phone";

/// A server started by the loop; dropping the handle's `stop` ends it.
pub struct Running {
    /// The address asked for (the one bound may have another port).
    pub requested: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
}

impl Running {
    pub fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop();
    }
}

#[derive(Clone)]
struct Shared {
    inputs: Inputs,
    /// Recent forms, per phone.
    recent: Arc<Mutex<HashMap<String, VecDeque<Instant>>>>,
    /// What identities and form tokens are signed with.
    key: guard::Key,
    /// The `Host` values this server answers to.
    hosts: Arc<Vec<String>>,
    /// New identities, and wrong personal codes, per client address.
    mints: Arc<Mutex<guard::Allowance>>,
    codes: Arc<Mutex<guard::Allowance>>,
}

/// Starts the server on `requested` (with port 8080, the next free port
/// up to 8099 when it is busy), signing phones with `key` (the workshop's,
/// in hex; a key for this run only when it has none). What became of it
/// comes back as `Input::Server`. Needs a tokio runtime.
pub fn start(requested: SocketAddr, inputs: Inputs, key: Option<&str>) -> Running {
    let (stop, stopped) = oneshot::channel::<()>();
    let key = key.and_then(guard::Key::from_hex).unwrap_or_else(|| {
        let mut bytes = [0u8; 32];
        let _ = getrandom::fill(&mut bytes);
        guard::Key::from_hex(&guard::hex(&bytes)).expect("32 bytes of hex")
    });
    tokio::spawn(async move {
        let listener = match bind(requested).await {
            Ok(l) => l,
            Err(e) => {
                let _ = inputs.send(Input::Server(ServerEvent::Failed(format!(
                    "{requested}: {e}"
                ))));
                return;
            }
        };
        let addr = listener.local_addr().unwrap_or(requested);
        let shared = Shared {
            inputs: inputs.clone(),
            recent: Arc::default(),
            key,
            hosts: Arc::new(guard::hosts_for(addr)),
            mints: Arc::new(Mutex::new(guard::Allowance::new(guard::MINT))),
            codes: Arc::new(Mutex::new(guard::Allowance::new(guard::CODES))),
        };
        let _ = inputs.send(Input::Server(ServerEvent::Started(addr)));
        let limits = serve::Limits::for_file_limit(crate::platform::raise_file_limit());
        serve::serve(listener, router(shared), limits, stopped).await;
        let _ = inputs.send(Input::Server(ServerEvent::Stopped(addr)));
    });
    Running {
        requested,
        stop: Some(stop),
    }
}

async fn bind(requested: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let last = if requested.port() == crate::app::phones::PORT {
        crate::app::phones::PORT + 19
    } else {
        requested.port()
    };
    let mut error = None;
    for port in requested.port()..=last {
        match tokio::net::TcpListener::bind(SocketAddr::new(requested.ip(), port)).await {
            Ok(l) => return Ok(l),
            Err(e) => error = Some(e),
        }
    }
    Err(error.unwrap_or_else(|| std::io::Error::other("no port")))
}

fn router(shared: Shared) -> Router {
    Router::new()
        .route("/", get(enter))
        .route("/go", get(go))
        .route("/accessibilite", get(statement))
        .route("/accessibility", get(statement))
        .route("/{code}", get(show).post(submit))
        .fallback(not_found)
        .method_not_allowed_fallback(not_allowed)
        .layer(DefaultBodyLimit::max(READ_UP_TO))
        // Only our own addresses: a page asked for under another name (DNS
        // rebinding) is not served.
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            only_our_hosts,
        ))
        // A slow body is answered 408, its connection freed.
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            serve::REQUEST_TIMEOUT,
        ))
        // A ballot of a hundred proposals is a few KB over a venue's
        // crowded Wi-Fi or a weak 3G signal, instead of tens.
        .layer(tower_http::compression::CompressionLayer::new().gzip(true))
        .with_state(shared)
}

async fn only_our_hosts(
    State(shared): State<Shared>,
    request: HttpRequest,
    next: axum::middleware::Next,
) -> Response {
    if guard::for_us(request.headers(), request.uri(), &shared.hosts) {
        next.run(request).await
    } else {
        message(
            lang_of(request.headers()),
            StatusCode::MISDIRECTED_REQUEST,
            "phone.not_ours",
        )
    }
}

/// The browser's language: English when it prefers English, else French.
fn lang_of(headers: &HeaderMap) -> Lang {
    let accepted = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let mut best: Option<(f32, Lang)> = None;
    for part in accepted.split(',') {
        let mut bits = part.split(';');
        let tag = bits.next().unwrap_or_default().trim().to_ascii_lowercase();
        let q = bits
            .find_map(|b| b.trim().strip_prefix("q=").and_then(|q| q.parse().ok()))
            .unwrap_or(1.0);
        let lang = if tag.starts_with("fr") {
            Lang::Fr
        } else if tag.starts_with("en") {
            Lang::En
        } else {
            continue;
        };
        if best.is_none_or(|(bq, _)| q > bq) {
            best = Some((q, lang));
        }
    }
    best.map_or(Lang::Fr, |(_, l)| l)
}

/// The device this request comes from, if its cookie is one this server
/// issued.
fn device_of(shared: &Shared, headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().strip_prefix(&format!("{COOKIE}=")))
        .find_map(|value| shared.key.device(value))
}

/// A new identity for a phone that has none, within the pace allowed its
/// address: the device and the cookie to set.
fn mint(shared: &Shared, peer: SocketAddr) -> Option<(String, String)> {
    let allowed = shared
        .mints
        .lock()
        .is_ok_and(|mut m| m.take(peer.ip(), Instant::now()));
    allowed.then(|| shared.key.mint())
}

/// A page with the headers every answer carries.
fn respond(status: StatusCode, html: page::Html, new_token: Option<&str>) -> Response {
    let mut response = (status, html.body).into_response();
    let h = response.headers_mut();
    let csp = format!(
        "default-src 'none'; style-src 'nonce-{n}'; script-src 'nonce-{n}'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        n = html.nonce
    );
    let set = [
        (header::CONTENT_TYPE, "text/html; charset=utf-8".to_string()),
        (header::CONTENT_SECURITY_POLICY, csp),
        (header::CACHE_CONTROL, "no-store".to_string()),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        // Nothing of a page's address leaves for another site; our own
        // forms carry their Origin.
        (header::REFERRER_POLICY, "same-origin".to_string()),
    ];
    for (name, value) in set {
        if let Ok(v) = HeaderValue::from_str(&value) {
            h.insert(name, v);
        }
    }
    if let Some(token) = new_token {
        let cookie = format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=86400");
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            h.insert(header::SET_COOKIE, v);
        }
    }
    response
}

fn message(lang: Lang, status: StatusCode, key: &str) -> Response {
    respond(status, page::message(lang, key), None)
}

async fn enter(headers: HeaderMap) -> Response {
    respond(StatusCode::OK, page::enter(lang_of(&headers), None), None)
}

async fn statement(Query(q): Query<HashMap<String, String>>, headers: HeaderMap) -> Response {
    // Only a code goes back into the page: nothing else typed in the
    // address is ever written in it.
    let code = q
        .get("code")
        .map(|c| crate::domain::vote_rules::normalize_code(c))
        .filter(|c| !c.is_empty());
    let html = page::statement(lang_of(&headers), code.as_deref());
    respond(StatusCode::OK, html, None)
}

async fn go(Query(q): Query<HashMap<String, String>>) -> Response {
    let code = crate::domain::vote_rules::normalize_code(q.get("code").map_or("", String::as_str));
    let mut r = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("/{code}")) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

async fn not_found(headers: HeaderMap) -> Response {
    message(lang_of(&headers), StatusCode::NOT_FOUND, "phone.not_found")
}

async fn not_allowed(headers: HeaderMap) -> Response {
    message(
        lang_of(&headers),
        StatusCode::METHOD_NOT_ALLOWED,
        "phone.bad_request",
    )
}

/// Sends a request into the loop and waits for its answer.
async fn ask(shared: &Shared, request: Request) -> Option<PhoneView> {
    let (reply, answer) = oneshot::channel();
    shared
        .inputs
        .send(Input::Remote(Remote { request, reply }))
        .ok()?;
    tokio::time::timeout(ANSWER_WITHIN, answer).await.ok()?.ok()
}

async fn show(
    State(shared): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(code): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(&headers);
    let (device, cookie) = match device_of(&shared, &headers) {
        Some(device) => (device, None),
        None => match mint(&shared, peer) {
            Some((device, cookie)) => (device, Some(cookie)),
            None => return message(lang, StatusCode::TOO_MANY_REQUESTS, "phone.too_many_new"),
        },
    };
    let code = crate::domain::vote_rules::normalize_code(&code);
    let request = Request::Page {
        token: device.clone(),
        code: code.clone(),
    };
    match ask(&shared, request).await {
        Some(view) => {
            // A personal code's QR fills the code in; the phone still
            // confirms it.
            let prefill = query.get("p").map(String::as_str);
            let token = shared.key.form_token(&device);
            let page = page::Page {
                lang,
                code: &code,
                token: &token,
                prefill,
                picked: query.get("name").and_then(|n| n.parse().ok()),
                sent: query.contains_key("sent"),
            };
            let (status, html) = page::render(&page, &view);
            respond(status, html, cookie.as_deref())
        }
        None => message(lang, StatusCode::SERVICE_UNAVAILABLE, "phone.no_answer"),
    }
}

/// Whether this phone sent too many forms lately; counts this one.
fn too_fast(shared: &Shared, token: &str, burst: usize) -> bool {
    let now = Instant::now();
    let Ok(mut recent) = shared.recent.lock() else {
        return false;
    };
    let times = recent.entry(token.to_string()).or_default();
    while times
        .front()
        .is_some_and(|t| now.duration_since(*t) > WINDOW)
    {
        times.pop_front();
    }
    if times.len() >= burst {
        return true;
    }
    times.push_back(now);
    false
}

async fn submit(
    State(shared): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(code): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let lang = lang_of(&headers);
    let Some(device) = device_of(&shared, &headers) else {
        // A form from a phone this server never saw (or a made-up cookie):
        // nothing is changed, and no identity is handed out here.
        return message(lang, StatusCode::FORBIDDEN, "phone.no_cookie");
    };
    if !guard::same_origin(&headers, &shared.hosts) {
        return message(lang, StatusCode::FORBIDDEN, "phone.elsewhere");
    }
    let fields: Vec<(String, String)> = match body {
        Ok(bytes) if bytes.len() <= MAX_FICHE_BODY => {
            let fields: Vec<(String, String)> =
                form_urlencoded::parse(&bytes).into_owned().collect();
            let writes = fields.iter().any(|(k, v)| k == "action" && v == "write");
            if bytes.len() > MAX_BODY && !writes {
                return message(lang, StatusCode::PAYLOAD_TOO_LARGE, "phone.too_big");
            }
            fields
        }
        Ok(_) => return message(lang, StatusCode::PAYLOAD_TOO_LARGE, "phone.too_big"),
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return message(lang, StatusCode::PAYLOAD_TOO_LARGE, "phone.too_big");
        }
        Err(_) => return message(lang, StatusCode::BAD_REQUEST, "phone.bad_request"),
    };
    let token = fields
        .iter()
        .find(|(k, _)| k == "t")
        .map_or("", |(_, v)| v.as_str());
    if !shared.key.form_is_ours(&device, token) {
        return message(lang, StatusCode::FORBIDDEN, "phone.elsewhere");
    }
    let code = crate::domain::vote_rules::normalize_code(&code);
    let Some(request) = request_of(&device, &code, &fields) else {
        return message(lang, StatusCode::BAD_REQUEST, "phone.bad_request");
    };
    // A fiche's page saves each field as it is typed: its own allowance.
    let (key, burst) = match request {
        Request::Write { .. } => (format!("{device}/fiche"), WRITE_BURST),
        _ => (device.clone(), BURST),
    };
    if too_fast(&shared, &key, burst) {
        return message(lang, StatusCode::TOO_MANY_REQUESTS, "phone.too_fast");
    }
    // Personal codes are tried at a person's pace, whatever the cookie.
    let tries_code = matches!(
        request,
        Request::Join {
            join: Join::Code(_),
            ..
        }
    );
    let codes_left = |take: bool| {
        shared.codes.lock().is_ok_and(|mut c| {
            if take {
                c.take(peer.ip(), Instant::now())
            } else {
                c.allows(peer.ip(), Instant::now())
            }
        })
    };
    if tries_code && !codes_left(false) {
        return message(lang, StatusCode::TOO_MANY_REQUESTS, "phone.too_many_codes");
    }
    let Some(view) = ask(&shared, request).await else {
        return message(lang, StatusCode::SERVICE_UNAVAILABLE, "phone.no_answer");
    };
    if tries_code
        && matches!(
            view.outcome,
            Some(crate::app::remote::Outcome::Refused(
                crate::app::remote::Refusal::UnknownPersonalCode
            ))
        )
    {
        codes_left(true);
    }
    // Back where an item was added or taken out, not at the page's top.
    let place = fields
        .iter()
        .find(|(k, _)| k == "add" || k == "remove")
        .and_then(|(_, v)| v.split('_').next())
        .filter(|l| l.chars().all(|c| c.is_ascii_lowercase()))
        .map(|l| format!("#{l}"));
    answered(&shared, lang, &device, &code, &view, place.as_deref())
}

/// The page after a form was answered: recorded, back to the page (so a
/// reload does not send it again); otherwise the page with the answer.
fn answered(
    shared: &Shared,
    lang: crate::i18n::Lang,
    device: &str,
    code: &str,
    view: &crate::app::remote::PhoneView,
    place: Option<&str>,
) -> Response {
    let asks = matches!(
        view.outcome,
        Some(crate::app::remote::Outcome::Refused(
            crate::app::remote::Refusal::DotsLeft(_)
        ))
    );
    if page::status(view) == StatusCode::OK && !asks {
        // Recorded: back to the page, so a reload does not send it again;
        // a proposal's page then says it was sent.
        let sent = matches!(
            view.screen,
            crate::app::remote::PhoneScreen::Propose { .. }
                | crate::app::remote::PhoneScreen::Fiche(_)
        ) && view.outcome == Some(crate::app::remote::Outcome::Recorded);
        let to = if sent {
            format!("/{code}?sent=1{}", place.unwrap_or_default())
        } else {
            format!("/{code}")
        };
        let mut r = StatusCode::SEE_OTHER.into_response();
        if let Ok(v) = HeaderValue::from_str(&to) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        return r;
    }
    let token = shared.key.form_token(device);
    let page = page::Page {
        lang,
        code,
        token: &token,
        prefill: None,
        picked: None,
        sent: false,
    };
    let (status, html) = page::render(&page, view);
    respond(status, html, None)
}

/// The request a form makes: a ballot (`p12=2`), a name, or a code.
fn request_of(token: &str, code: &str, fields: &[(String, String)]) -> Option<Request> {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let (token, code) = (token.to_string(), code.to_string());
    match field("action")? {
        "vote" => {
            let mut dots = BTreeMap::new();
            for (k, v) in fields {
                let Some(id) = k.strip_prefix('p') else {
                    continue;
                };
                let id: u32 = id.parse().ok()?;
                let v = v.trim();
                let n: u32 = if v.is_empty() { 0 } else { v.parse().ok()? };
                dots.insert(crate::domain::ProposalId(id), n);
            }
            let check = field("check") == Some("1");
            Some(Request::Cast {
                token,
                code,
                dots,
                check,
            })
        }
        "join" => {
            let join = match (field("name"), field("personal")) {
                (Some(id), _) => Join::Name(crate::domain::ParticipantId(id.parse().ok()?)),
                (None, Some(typed)) => Join::Code(typed.to_string()),
                (None, None) => return None,
            };
            Some(Request::Join { token, code, join })
        }
        "write" => Some(Request::Write {
            token,
            code,
            edits: fiche_edits(fields, &field),
            items: fiche_items(fields),
        }),
        "propose" => Some(Request::Propose {
            token,
            code,
            text: field("text").unwrap_or_default().to_string(),
            axis: field("axis").and_then(|a| a.parse().ok()),
            author: field("author").unwrap_or_default().to_string(),
        }),
        _ => None,
    }
}

/// The fields a fiche's form changed: each field whose text differs from
/// the text the page showed (`base_<field>`). Ticks come one value per
/// box ticked, after an empty one that says the boxes were shown.
fn fiche_edits<'a>(
    fields: &'a [(String, String)],
    field: &dyn Fn(&str) -> Option<&'a str>,
) -> Vec<crate::app::remote::FieldWrite> {
    crate::domain::drafting::FieldKey::ALL
        .into_iter()
        .filter(|key| key.list().is_none())
        .filter_map(|key| {
            let text: std::borrow::Cow<str> = if key.ticks() {
                let mut sent = fields.iter().filter(|(k, _)| k == key.key()).peekable();
                sent.peek()?;
                let ticked: Vec<&str> = sent
                    .map(|(_, v)| v.trim())
                    .filter(|v| !v.is_empty())
                    .collect();
                ticked.join(",").into()
            } else {
                field(key.key())?.into()
            };
            let text = text.as_ref();
            let base = field(&format!("base_{}", key.key())).unwrap_or_default();
            // A browser sends CRLF in a textarea; the base came as LF.
            let same = crate::domain::text::normalize_newlines(text)
                == crate::domain::text::normalize_newlines(base);
            (!same).then(|| crate::app::remote::FieldWrite {
                field: key,
                base: base.to_string(),
                text: text.to_string(),
            })
        })
        .collect()
}

/// The places of a list a form may name: no fiche has a thousand
/// partners, and a form naming more is forged.
const MAX_LIST_ITEMS: usize = 1000;

/// The items of a fiche's lists a form changed (`budget_0_amount` against
/// `base_budget_0_amount`), took out (`remove=budget_0`) or adds
/// (`budget_new_amount`, when anything but its kind is typed).
fn fiche_items(fields: &[(String, String)]) -> Vec<crate::app::remote::ItemWrite> {
    use crate::app::remote::ItemWrite;
    // Looked up by name once: a forged form of a megabyte of fields must
    // not cost the square of its size. The first of a name counts.
    let mut by_name: HashMap<&str, &str> = HashMap::with_capacity(fields.len());
    let mut removed: HashSet<&str> = HashSet::new();
    for (k, v) in fields {
        by_name.entry(k.as_str()).or_insert(v.as_str());
        if k == "remove" {
            removed.insert(v.as_str());
        }
    }
    let field = |name: &str| by_name.get(name).copied().unwrap_or("");
    let normal = |v: &str| crate::domain::text::normalize_newlines(v.trim()).into_owned();
    let mut out = Vec::new();
    for key in crate::domain::drafting::FieldKey::ALL {
        let Some(list) = key.list() else { continue };
        let name = key.key();
        let columns = list.columns();
        let row = |prefix: &str| -> Vec<String> {
            columns
                .iter()
                .map(|c| field(&format!("{prefix}_{c}")).to_string())
                .collect()
        };
        // The items the page showed, each by its place.
        let mut shown: Vec<usize> = fields
            .iter()
            .filter_map(|(k, _)| {
                let rest = k
                    .strip_prefix("base_")?
                    .strip_prefix(name)?
                    .strip_prefix('_')?;
                rest.split('_').next()?.parse().ok()
            })
            .filter(|i| *i < MAX_LIST_ITEMS)
            .collect();
        shown.sort_unstable();
        shown.dedup();
        for i in shown {
            let base = row(&format!("base_{name}_{i}"));
            let values = row(&format!("{name}_{i}"));
            let removed = removed.contains(format!("{name}_{i}").as_str());
            let same = base
                .iter()
                .zip(&values)
                .all(|(a, b)| normal(a) == normal(b));
            if removed || !same {
                out.push(ItemWrite {
                    list: key,
                    index: Some(i),
                    base: Some(base),
                    values: (!removed).then_some(values),
                });
            }
        }
        let new = row(&format!("{name}_new"));
        let typed = columns
            .iter()
            .zip(&new)
            .any(|(c, v)| *c != "kind" && !v.trim().is_empty());
        if typed {
            out.push(ItemWrite {
                list: key,
                index: None,
                base: None,
                values: Some(new),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A form's fields as the server reads them.
    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_browser_language_decides_and_french_is_the_default() {
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_str(v).unwrap());
            lang_of(&h)
        };
        assert_eq!(with("en-GB,en;q=0.9,fr;q=0.8"), Lang::En);
        assert_eq!(with("fr-FR,fr;q=0.9,en;q=0.8"), Lang::Fr);
        assert_eq!(with("de-DE,en;q=0.5"), Lang::En);
        assert_eq!(with("de-DE"), Lang::Fr);
        assert_eq!(lang_of(&HeaderMap::new()), Lang::Fr);
    }

    #[test]
    fn a_fiche_form_sends_the_items_it_changed_removed_or_adds() {
        use crate::app::remote::ItemWrite;
        use crate::domain::drafting::FieldKey;
        let mut form = vec![("action", "write")];
        // Partner 0 unchanged, partner 1 taken out; budget line 0 changed
        // (a CRLF and spaces are no change, an amount is).
        for (i, name) in [(0, "CAF"), (1, "CCAS")] {
            for (c, v) in [("name", name), ("role", "a\nb"), ("contribution", "")] {
                form.push((leak(format!("base_partenaires_{i}_{c}")), v));
                form.push((
                    leak(format!("partenaires_{i}_{c}")),
                    if c == "role" { " a\r\nb " } else { v },
                ));
            }
        }
        form.push(("remove", "partenaires_1"));
        for (c, base, now) in [
            ("year", "2026", "2026"),
            ("kind", "", ""),
            ("funder", "DDETS", "DDETS"),
            ("amount", "10 000", "12 000"),
        ] {
            form.push((leak(format!("base_budget_0_{c}")), base));
            form.push((leak(format!("budget_0_{c}")), now));
        }
        // A new indicator with only its kind chosen is no new indicator;
        // a new milestone with a date is one.
        form.extend([
            ("indicateurs_new_kind", "resultat"),
            ("jalons_new_date", "mars 2026"),
        ]);
        let items = fiche_items(&pairs(&form));
        let names = |v: &[&str]| Some(v.iter().map(ToString::to_string).collect::<Vec<_>>());
        assert_eq!(
            items,
            [
                ItemWrite {
                    list: FieldKey::Partenaires,
                    index: Some(1),
                    base: names(&["CCAS", "a\nb", ""]),
                    values: None
                },
                ItemWrite {
                    list: FieldKey::Jalons,
                    index: None,
                    base: None,
                    values: names(&["mars 2026", ""]),
                },
                ItemWrite {
                    list: FieldKey::Budget,
                    index: Some(0),
                    base: names(&["2026", "", "DDETS", "10 000"]),
                    values: names(&["2026", "", "DDETS", "12 000"]),
                },
            ]
        );
    }

    #[test]
    fn a_forged_fiche_form_names_no_far_place_and_its_first_value_counts() {
        use crate::domain::drafting::FieldKey;
        let mut fields = vec![("action".to_string(), "write".to_string())];
        // A megabyte of places no page ever showed: nothing is written.
        for i in MAX_LIST_ITEMS..MAX_LIST_ITEMS + 40_000 {
            fields.push((format!("base_budget_{i}_year"), "1".into()));
            fields.push((format!("budget_{i}_year"), "2".into()));
        }
        assert_eq!(fiche_items(&fields), vec![]);
        // A name sent twice: the first is what the page showed.
        fields.push(("base_partenaires_0_name".into(), "CCAS".into()));
        fields.push(("partenaires_0_name".into(), "CCAS".into()));
        fields.push(("partenaires_0_name".into(), "Mairie".into()));
        assert_eq!(fiche_items(&fields), vec![]);
        fields.push(("remove".into(), "partenaires_0".into()));
        let writes = fiche_items(&fields);
        assert_eq!(writes.len(), 1);
        assert_eq!(writes[0].list, FieldKey::Partenaires);
        assert_eq!(
            (writes[0].index, writes[0].values.as_ref()),
            (Some(0), None)
        );
    }

    #[test]
    fn ticks_sent_without_script_are_one_text_and_none_ticked_is_sent() {
        use crate::domain::drafting::FieldKey;
        let edits = |fields: &[(String, String)]| {
            let field = |name: &str| {
                fields
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.as_str())
            };
            fiche_edits(fields, &field)
        };
        let base = ("base_prioritaires", "femmes");
        let two = pairs(&[
            base,
            ("prioritaires", ""),
            ("prioritaires", "enfants"),
            ("prioritaires", "femmes"),
        ]);
        let e = edits(&two);
        assert_eq!(e.len(), 1);
        assert_eq!(
            (e[0].field, e[0].base.as_str(), e[0].text.as_str()),
            (FieldKey::Prioritaires, "femmes", "enfants,femmes")
        );
        // All unticked: the empty value alone still says so.
        let none = edits(&pairs(&[base, ("prioritaires", "")]));
        assert_eq!(none[0].text, "");
        // As shown: no change; boxes not on the form: none either.
        assert!(
            edits(&pairs(&[
                base,
                ("prioritaires", ""),
                ("prioritaires", "femmes")
            ]))
            .is_empty()
        );
        assert!(edits(&pairs(&[base])).is_empty());
    }

    fn leak(s: String) -> &'static str {
        Box::leak(s.into_boxed_str())
    }

    #[test]
    fn a_form_becomes_a_request_or_nothing() {
        let cast = request_of(
            "t",
            "C",
            &pairs(&[("action", "vote"), ("p3", "2"), ("p4", "")]),
        );
        assert_eq!(
            cast,
            Some(Request::Cast {
                token: "t".into(),
                code: "C".into(),
                dots: BTreeMap::from([
                    (crate::domain::ProposalId(3), 2),
                    (crate::domain::ProposalId(4), 0)
                ]),
                check: false,
            })
        );
        // The page's own form asks before casting with dots left.
        assert!(matches!(
            request_of(
                "t",
                "C",
                &pairs(&[("action", "vote"), ("check", "1"), ("p3", "1")])
            ),
            Some(Request::Cast { check: true, .. })
        ));
        assert_eq!(
            request_of("t", "C", &pairs(&[("action", "vote"), ("p3", "-1")])),
            None
        );
        assert_eq!(request_of("t", "C", &pairs(&[("p3", "1")])), None);
        assert!(matches!(
            request_of(
                "t",
                "C",
                &pairs(&[("action", "join"), ("personal", "k7m 2qx")])
            ),
            Some(Request::Join {
                join: Join::Code(_),
                ..
            })
        ));
    }
}

//! Phone voting, the facilitator's side: whether the room's phones take
//! part, on which network, in which round, who has joined; and the answers
//! to what phones ask. The server itself lives in `web`, started and
//! stopped by the event loop to match [`Phones::wanted`]; everything a
//! phone changes goes through the voting core and the one writer.

use super::cx::Cx;
use super::doc::Doc;
use super::effect::Fx;
use super::remote::{
    Join, NameChoice, Outcome, PhoneProposal, PhoneScreen, PhoneView, Refusal, Remote, Request,
    RoundInfo,
};
use crate::domain::round::PhoneVoters;
use crate::domain::voting::{self, PhoneVoter};
use crate::domain::{Mode, Op, ParticipantId, Round, RoundId, Stamp, Voter, Workshop};
use crate::i18n::Lang;
use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, SocketAddr};

/// The port phones reach first; the next free one is taken when it is
/// busy.
pub const PORT: u16 = 8080;

/// A network the laptop is on, as the facilitator reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Network {
    pub name: String,
    pub ip: IpAddr,
}

/// Where the server stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Server {
    #[default]
    Off,
    Starting,
    Running(SocketAddr),
    Failed(String),
}

pub use super::remote::ServerEvent;

#[derive(Debug, Default)]
pub struct Phones {
    /// The facilitator opened the capture to phones (Alt+T).
    pub proposing: bool,
    /// `--listen`: phones take part whenever a round is open, on this
    /// address.
    pub listen: Option<SocketAddr>,
    /// The networks to choose from, and the one chosen.
    pub networks: Vec<Network>,
    pub network: usize,
    pub server: Server,
    /// The round phone voting was opened in (`t` on the rounds list).
    pub round: Option<RoundId>,
    /// New phones are turned away.
    pub locked: bool,
    /// Phones that loaded the round's page, by device key.
    pub joined: HashSet<String>,
    /// Who each phone votes as, by (round, device key), once it picked a
    /// name or gave a code.
    identities: HashMap<(RoundId, String), PhoneVoter>,
    /// When the last phone ballot was recorded.
    pub last_ballot: Option<Stamp>,
    /// The server ran for this workshop: with `--listen` it keeps
    /// answering ("le vote est fermé") once its round closes.
    started: bool,
    /// Proposals received since the facilitator last looked.
    pub received_new: usize,
    /// When the server last started.
    pub running_since: Option<std::time::Instant>,
}

/// How long a server may wait for its first phone before the screen
/// suspects a firewall or an isolated Wi-Fi.
pub const FIRST_PHONE_WITHIN: std::time::Duration = std::time::Duration::from_secs(60);

impl Phones {
    /// The address the server should listen on now, if any.
    pub fn wanted(&self, w: Option<&Workshop>) -> Option<SocketAddr> {
        let round = w.and_then(|w| self.round_in(w));
        // Groups write their fiches: kept in the file, so a restarted app
        // serves their pages again.
        let drafting = w.is_some_and(Workshop::pages_served);
        if let Some(addr) = self.listen {
            return (self.on() || drafting || round.is_some() || self.started).then_some(addr);
        }
        let ip = self.networks.get(self.network)?.ip;
        (self.on() || drafting).then_some(SocketAddr::new(ip, PORT))
    }

    /// Phones take part: sending proposals, or voting in a round.
    pub fn on(&self) -> bool {
        self.proposing || self.round.is_some()
    }

    /// The server has run a while and no phone has reached it: a firewall
    /// (Windows asks an administrator the first time) or a Wi-Fi that
    /// isolates its devices, most likely.
    pub fn nobody_came(&self, now: std::time::Instant) -> bool {
        matches!(self.server, Server::Running(_))
            && self.joined.is_empty()
            && self
                .running_since
                .is_some_and(|t| now.saturating_duration_since(t) >= FIRST_PHONE_WITHIN)
    }

    /// The round phones vote in: the one phone voting was opened in while
    /// it is open, else the latest open round of ballots.
    pub fn round_in<'w>(&self, w: &'w Workshop) -> Option<&'w Round> {
        let open = |r: &&Round| r.open && r.mode == Mode::Ballots;
        self.round
            .and_then(|id| w.round(id))
            .filter(open)
            .or_else(|| w.rounds().iter().rev().find(open))
    }

    /// Where the server answers, while it runs.
    pub fn address(&self) -> Option<SocketAddr> {
        match self.server {
            Server::Running(addr) => Some(addr),
            _ => None,
        }
    }

    /// The URL phones open: `http://IP:PORT/CODE`.
    pub fn url(&self, w: &Workshop) -> Option<String> {
        let Server::Running(addr) = self.server else {
            return None;
        };
        let code = w.join()?;
        Some(format!("http://{addr}/{code}"))
    }

    /// The URL a fiche's group opens, while its page is open to it.
    pub fn fiche_url(&self, sheet: &crate::domain::Sheet) -> Option<String> {
        let Server::Running(addr) = self.server else {
            return None;
        };
        let d = sheet.drafting.as_ref().filter(|d| !d.closed && !d.hidden)?;
        Some(format!("http://{addr}/{}", d.code))
    }

    /// Phone ballots counted in `round`.
    pub fn ballots(round: &Round) -> usize {
        round
            .counted_ballots()
            .filter(|b| b.device.is_some())
            .count()
    }

    /// Forgets the session (the workshop closed).
    pub fn reset(&mut self) {
        let listen = self.listen;
        let networks = std::mem::take(&mut self.networks);
        *self = Phones {
            listen,
            networks,
            ..Phones::default()
        };
    }
}

/// The networks phones could reach, best first: not loopback, not
/// link-local (169.254), not a container's or a VPN's.
pub fn networks() -> Vec<Network> {
    let skipped = [
        "docker",
        "br-",
        "veth",
        "virbr",
        "vmnet",
        "vboxnet",
        "tun",
        "tap",
        "wg",
        "utun",
        "zt",
        "tailscale",
        "lxc",
        "cni",
        "flannel",
    ];
    let mut found: Vec<Network> = local_ip_address::list_afinet_netifas()
        .unwrap_or_default()
        .into_iter()
        .filter(|(name, ip)| {
            let lower = name.to_lowercase();
            let usable = match ip {
                IpAddr::V4(v4) => !v4.is_loopback() && !v4.is_link_local() && !v4.is_unspecified(),
                IpAddr::V6(_) => false,
            };
            usable && !skipped.iter().any(|s| lower.starts_with(s))
        })
        .map(|(name, ip)| Network { name, ip })
        .collect();
    // Wi-Fi first: what phones in the room are most likely on.
    found.sort_by_key(|n| {
        let lower = n.name.to_lowercase();
        !(lower.starts_with("wl") || lower.contains("wi"))
    });
    found
}

/// A phone's key in a round, as stored with its ballots: derived from its
/// secret token and the round, so the file never holds the token and two
/// rounds cannot be linked (FNV-1a: stable across versions).
pub fn device_key(token: &str, round: RoundId) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in token.bytes().chain(round.0.to_le_bytes()) {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Six random bytes, for codes.
pub fn random6() -> [u8; 6] {
    let mut b = [0u8; 6];
    // The OS's randomness; without it, the clock (codes stay usable).
    if getrandom::fill(&mut b).is_err() {
        b.copy_from_slice(&crate::clock::jitter().to_le_bytes()[..6]);
    }
    b
}

/// Gives the workshop its join code once the server runs.
pub fn ensure_join_code(doc: &mut Doc, lang: Lang) {
    if doc.read_only {
        return;
    }
    if let Some(op) = voting::op_join_code(&doc.w, random6()) {
        // Not an undo step: the code is on the wall.
        let _ = doc.record(op, lang);
    }
    if doc.w.phone_settings().key.is_none() {
        let settings = crate::domain::workshop::PhoneSettings {
            key: Some(new_key()),
            ..doc.w.phone_settings().clone()
        };
        let _ = doc.record(Op::SetPhoneSettings(Box::new(settings)), lang);
    }
}

/// A new secret for the phones' server: 32 random bytes, as hex.
fn new_key() -> String {
    let mut bytes = [0u8; 32];
    let _ = getrandom::fill(&mut bytes);
    crate::domain::text::hex(&bytes)
}

/// The networks to serve on, looked up when phones first take part.
fn prepare_networks(phones: &mut Phones) {
    if phones.networks.is_empty() && phones.listen.is_none() {
        phones.networks = networks();
    }
}

/// What phones take part in, kept in the file: a restarted app (after a
/// crash, too) serves them again by itself.
fn keep_settings(phones: &Phones, doc: &mut Doc, lang: Lang) {
    let (proposing, voting) = (phones.proposing, phones.round);
    if doc.read_only {
        return;
    }
    let settings = crate::domain::workshop::PhoneSettings {
        proposing,
        voting,
        ..doc.w.phone_settings().clone()
    };
    if settings != *doc.w.phone_settings() {
        // Not an undo step: it says what the server does, like the timer.
        let _ = doc.record(Op::SetPhoneSettings(Box::new(settings)), lang);
    }
}

/// A workshop just opened serves its phones again if it did when the app
/// last ran (a crash, a restart).
pub fn resume(phones: &mut Phones, doc: &mut Doc, lang: Lang) {
    if doc.read_only {
        return;
    }
    let settings = doc.w.phone_settings().clone();
    let voting = settings.voting.filter(|id| {
        doc.w
            .round(*id)
            .is_some_and(|r| r.open && r.mode == Mode::Ballots)
    });
    if !settings.proposing && voting.is_none() && !doc.w.pages_served() {
        return;
    }
    prepare_networks(phones);
    phones.proposing = settings.proposing;
    phones.round = voting;
    ensure_join_code(doc, lang);
}

/// The facilitator's keys for phone voting, on the rounds list.
pub fn command(
    phones: &mut Phones,
    doc: &mut Doc,
    lang: Lang,
    cmd: super::keys::command::Command,
    selected: Option<Round>,
) -> Fx {
    use super::keys::command::Command;
    let mut fx = Fx::none();
    match cmd {
        // Alt+T on the capture: phones send proposals, or stop.
        Command::Phones if selected.is_none() => {
            phones.proposing = !phones.proposing;
            if phones.proposing {
                prepare_networks(phones);
                fx.info(lang.t("phones.opened_capture"));
                ensure_join_code(doc, lang);
            } else {
                fx.info(lang.t("phones.proposing_stopped"));
            }
            keep_settings(phones, doc, lang);
        }
        // `t` on the rounds list: phones vote in the round selected, or stop.
        Command::Phones => {
            let Some(r) = selected else { return fx };
            if phones.round == Some(r.id) {
                phones.round = None;
                fx.info(lang.tf("phones.stopped_round", &[("name", &r.name)]));
                keep_settings(phones, doc, lang);
                return fx;
            }
            if r.mode != Mode::Ballots {
                fx.info(lang.t("phones.only_ballots"));
                return fx;
            }
            prepare_networks(phones);
            phones.round = Some(r.id);
            fx.info(lang.tf("phones.opened", &[("name", &r.name)]));
            ensure_join_code(doc, lang);
            keep_settings(phones, doc, lang);
        }
        Command::PhonesNetwork => {
            phones.networks = networks();
            let n = phones.networks.len();
            if n < 2 {
                fx.info(lang.t("phones.no_other_network"));
            }
            phones.network = (phones.network + 1) % n.max(1);
        }
        Command::PhonesLock => {
            phones.locked = !phones.locked;
            let key = if phones.locked {
                "phones.lock_on"
            } else {
                "phones.lock_off"
            };
            fx.info(lang.t(key));
        }
        Command::PhonesVoters => {
            let Some(r) = selected else { return fx };
            let next = PhoneVoters::ALL
                .iter()
                .cycle()
                .skip_while(|v| **v != r.phones)
                .nth(1)
                .copied()
                .unwrap_or_default();
            if doc.apply(Ok(voting::op_phone_voters(&r, next)), lang, &mut fx) {
                fx.info(lang.tf("phones.voters", &[("who", &lang.t(next.label_key()))]));
            }
        }
        Command::PhonesCodes => fx.extend(codes_page(phones, doc, lang)),
        Command::Drafting => fx.extend(drafting(phones, doc, lang)),
        _ => {}
    }
    fx
}

/// Alt+T on the sheets: every fiche opens to its group's page under a
/// code of its own, or drafting closes (the pages then show the fiche).
fn drafting(phones: &mut Phones, doc: &mut Doc, lang: Lang) -> Fx {
    let mut fx = Fx::none();
    if doc.w.sheets().is_empty() {
        fx.info(lang.t("phones.drafting_none"));
        return fx;
    }
    let open = !doc.w.drafting_open();
    let op = doc.w.op_set_drafting(
        open,
        &mut || crate::domain::vote_rules::code_from(random6()),
    );
    if !doc.apply(op, lang, &mut fx) {
        return fx;
    }
    if open {
        prepare_networks(phones);
        ensure_join_code(doc, lang);
        let n = doc.w.sheets().len();
        fx.info(crate::i18n::tnf(lang, "phones.drafting_opened", n, &[]));
    } else {
        fx.info(lang.t("phones.drafting_closed"));
    }
    fx
}

/// Gives every participant a personal code and writes the page to print.
fn codes_page(phones: &Phones, doc: &mut Doc, lang: Lang) -> Fx {
    let mut fx = Fx::none();
    if doc.w.participants().is_empty() {
        fx.info(lang.t("phones.codes_none"));
        return fx;
    }
    if let Some(op) = voting::op_personal_codes(&doc.w, random6)
        && !doc.apply(Ok(op), lang, &mut fx)
    {
        return fx;
    }
    let url = phones.url(&doc.w);
    let html = crate::export::codes::page(&doc.w, lang, url.as_deref());
    let folder = crate::export::default_dir(&doc.path);
    let name = doc
        .path
        .file_stem()
        .map_or("atelier".into(), |s| s.to_string_lossy().to_string());
    let path = folder.join(format!("codes-{name}.html"));
    let written = std::fs::create_dir_all(&folder)
        .and_then(|()| crate::store::atomic::write(&path, html.as_bytes()));
    match written {
        Ok(()) => fx.info(lang.tf("phones.codes_written", &[("path", &path.display())])),
        Err(e) => fx.error(crate::i18n::io_reason(lang, &e)),
    }
    fx
}

/// The server started, failed or stopped.
pub fn on_server(phones: &mut Phones, doc: Option<&mut Doc>, cx: &Cx, event: ServerEvent) -> Fx {
    let mut fx = Fx::none();
    match event {
        ServerEvent::Starting => phones.server = Server::Starting,
        ServerEvent::Started(addr) => {
            phones.server = Server::Running(addr);
            phones.running_since = Some(cx.instant);
            phones.started = true;
            if let Some(doc) = doc {
                ensure_join_code(doc, cx.lang);
            }
        }
        ServerEvent::Failed(why) => {
            phones.server = Server::Failed(why.clone());
            phones.proposing = false;
            phones.round = None;
            fx.error(cx.lang.tf("phones.failed", &[("reason", &why)]));
        }
        ServerEvent::Stopped(addr) => {
            // A server replaced by another may report its end late.
            if phones.server == Server::Running(addr) {
                phones.server = Server::Off;
            }
        }
    }
    fx
}

/// Takes a phone's request in; its answer goes now, or once on disk.
pub fn handle(phones: &mut Phones, doc: Option<&mut Doc>, cx: &Cx, remote: Remote) {
    let Remote { request, reply } = remote;
    let (now, lang) = (cx.now, cx.lang);
    let Some(doc) = doc else {
        let _ = reply.send(view(PhoneScreen::Unknown, None));
        return;
    };
    let (token, code) = request.who();
    let (token, code) = (token.to_string(), voting_code(code));
    if let Some(sheet) = doc.w.sheet_by_code(&code).map(|s| s.id.clone()) {
        let device = device_key(&token, FICHES);
        return super::fiches::handle(doc, &device, &sheet, request, now, lang, reply);
    }
    if doc.w.join() != Some(code.as_str()) {
        let _ = reply.send(view(PhoneScreen::Unknown, None));
        return;
    }
    let serving = !matches!(phones.server, Server::Off);
    // A proposal sent from a page the meeting has moved past (the vote
    // opened meanwhile) is kept in the queue, never dropped: the
    // facilitator decides, and the phone is told it was received.
    if serving
        && !doc.read_only
        && doc.shown != crate::domain::Phase::Capture
        && let Request::Propose {
            text, axis, author, ..
        } = request
    {
        let device = device_key(&token, CAPTURE);
        let Some(reply) = unless_locked_out(phones, &device, reply) else {
            return;
        };
        let sent = crate::domain::moderation::Sent { text, axis, author };
        propose(doc, phones, &device, sent, now, lang, reply);
        return;
    }
    // The page follows the phase: a round open to phones, the capture, or
    // nothing to do.
    let round = phones.round_in(&doc.w).cloned();
    let capture = doc.shown == crate::domain::Phase::Capture;
    let Some(round) = round.filter(|_| serving && !doc.read_only) else {
        let open = serving && capture && !doc.read_only;
        return without_round(phones, doc, cx, &token, open, request, reply);
    };
    // Remembered, so that its phones read "le vote est fermé" once it
    // closes.
    phones.round = Some(round.id);
    let device = device_key(&token, round.id);
    let known = phones.joined.contains(&device) || phones.identity(&round, &device).is_some();
    if phones.locked && !known {
        let screen = PhoneScreen::Closed {
            round: round.name.clone(),
        };
        let _ = reply.send(view(screen, Some(Outcome::Refused(Refusal::Locked))));
        return;
    }
    phones.joined.insert(device.clone());
    match request {
        // A fiche's change under the round's code: its page is elsewhere.
        Request::Page { .. } | Request::Propose { .. } | Request::Write { .. } => {
            let _ = reply.send(page(&doc.w, phones, &round, &device, None));
        }
        Request::Join { join, .. } => {
            let outcome = join_as(&doc.w, phones, &round, &device, join);
            let answer = page(&doc.w, phones, &round, &device, None);
            let answer = PhoneView {
                outcome: outcome.map(Outcome::Refused),
                ..answer
            };
            let _ = reply.send(answer);
        }
        Request::Cast { dots, check, .. } => {
            let ballot = PhoneBallot { dots, check };
            cast(doc, phones, &round, &device, ballot, now, lang, reply);
        }
    }
}

/// A phone's request while no round is open to phones: the capture's page
/// if proposals are taken (`proposing_open`), otherwise "wait" or "the
/// vote is closed"; a ballot or proposal then is refused with the reason.
fn without_round(
    phones: &mut Phones,
    doc: &mut Doc,
    cx: &Cx,
    token: &str,
    proposing_open: bool,
    request: Request,
    reply: tokio::sync::oneshot::Sender<PhoneView>,
) {
    let (now, lang) = (cx.now, cx.lang);
    let (screen, reply) = if proposing_open {
        let device = device_key(token, CAPTURE);
        let Some(reply) = unless_locked_out(phones, &device, reply) else {
            return;
        };
        phones.joined.insert(device.clone());
        match request {
            Request::Propose {
                text, axis, author, ..
            } => {
                let sent = crate::domain::moderation::Sent { text, axis, author };
                propose(doc, phones, &device, sent, now, lang, reply);
                return;
            }
            _ => (proposing(&doc.w, &device, String::new()), reply),
        }
    } else {
        let screen = match phones.round.and_then(|id| doc.w.round(id)) {
            Some(r) if !r.open => PhoneScreen::Closed {
                round: r.name.clone(),
            },
            _ => PhoneScreen::Wait,
        };
        (screen, reply)
    };
    let outcome = match request {
        Request::Propose { .. } => Some(Outcome::Refused(Refusal::CaptureClosed)),
        Request::Cast { .. } => Some(Outcome::Refused(Refusal::VoteOver)),
        Request::Page { .. } | Request::Join { .. } | Request::Write { .. } => None,
    };
    let _ = reply.send(view(screen, outcome));
}

/// The answer channel back, unless joining is locked and this phone is
/// new: then it is told so, and there is nothing more to do.
fn unless_locked_out(
    phones: &Phones,
    device: &str,
    reply: tokio::sync::oneshot::Sender<PhoneView>,
) -> Option<tokio::sync::oneshot::Sender<PhoneView>> {
    if phones.locked && !phones.joined.contains(device) {
        let _ = reply.send(view(
            PhoneScreen::Wait,
            Some(Outcome::Refused(Refusal::Locked)),
        ));
        return None;
    }
    Some(reply)
}

/// The key phones send proposals under (a round of its own for the hash:
/// a phone's proposals and its ballots cannot be linked).
const CAPTURE: RoundId = RoundId(0);

/// The same for the fiches' pages: a device keeps one name on all of them.
const FICHES: RoundId = RoundId(u32::MAX);

/// The capture page for `device`: the axes, what it sent and its fate.
fn proposing(w: &Workshop, device: &str, draft: String) -> PhoneScreen {
    let sent = crate::domain::moderation::sent_by(w, device);
    PhoneScreen::Propose {
        author: sent
            .iter()
            .rev()
            .find(|r| !r.author.is_empty())
            .map(|r| r.author.clone())
            .unwrap_or_default(),
        axes: w
            .axes()
            .iter()
            .map(|a| (a.key, a.short.clone(), a.color))
            .collect(),
        max_chars: crate::domain::received::MAX_RECEIVED_CHARS,
        sent: sent
            .into_iter()
            .rev()
            .map(|r| super::remote::SentItem {
                text: r.text.clone(),
                state: r.state.clone(),
            })
            .collect(),
        draft,
    }
}

/// Queues what a phone sent; the phone hears "reçu" once it is on disk.
fn propose(
    doc: &mut Doc,
    phones: &mut Phones,
    device: &str,
    sent: crate::domain::moderation::Sent,
    now: Stamp,
    lang: crate::i18n::Lang,
    reply: tokio::sync::oneshot::Sender<PhoneView>,
) {
    let draft = sent.text.clone();
    let op = crate::domain::moderation::op_receive(&doc.w, device, sent, now);
    let recorded = match op {
        Err(e) => Err(e),
        Ok(None) => Ok(()),
        Ok(Some(op)) => doc.record(op, lang).map(|()| phones.received_new += 1),
    };
    if let Err(e) = recorded {
        let screen = proposing(&doc.w, device, draft);
        let _ = reply.send(view(screen, Some(Outcome::Refused(Refusal::Rules(e)))));
    } else {
        let answer = view(
            proposing(&doc.w, device, String::new()),
            Some(Outcome::Recorded),
        );
        doc.ack_when_saved(reply, answer);
    }
}

/// The join code as typed in a URL: capitals, nothing else.
fn voting_code(code: &str) -> String {
    crate::domain::vote_rules::normalize_code(code)
}

fn view(screen: PhoneScreen, outcome: Option<Outcome>) -> PhoneView {
    PhoneView { screen, outcome }
}

impl Phones {
    /// Who a phone votes as in `round`: its choice this session, or what
    /// its counted ballot says (after a restart).
    fn identity(&self, round: &Round, device: &str) -> Option<PhoneVoter> {
        if let Some(who) = self.identities.get(&(round.id, device.to_string())) {
            return Some(*who);
        }
        let ballot = round
            .counted_ballots()
            .find(|b| b.device.as_deref() == Some(device))?;
        match (round.phones, ballot.voter) {
            (PhoneVoters::Named, Voter::Participant(p)) => Some(PhoneVoter::Named(p)),
            (PhoneVoters::Codes, Voter::Participant(p)) => Some(PhoneVoter::Coded(p)),
            (PhoneVoters::Anonymous, _) => Some(PhoneVoter::Anonymous),
            _ => None,
        }
    }

    /// The participants another phone (or the booth) has taken.
    fn taken(&self, round: &Round, device: &str) -> HashSet<ParticipantId> {
        let mut taken: HashSet<ParticipantId> = round
            .counted_ballots()
            .filter(|b| b.device.as_deref() != Some(device))
            .filter_map(|b| match b.voter {
                Voter::Participant(p) => Some(p),
                Voter::Anonymous(_) => None,
            })
            .collect();
        taken.extend(
            self.identities
                .iter()
                .filter(|((r, d), _)| *r == round.id && d != device)
                .filter_map(|(_, who)| match who {
                    PhoneVoter::Named(p) => Some(*p),
                    _ => None,
                }),
        );
        taken
    }
}

use crate::domain::order::OrderKey;

/// What the phone shows now.
fn page(
    w: &Workshop,
    phones: &Phones,
    round: &Round,
    device: &str,
    refused: Option<(
        Refusal,
        std::collections::BTreeMap<crate::domain::ProposalId, u32>,
    )>,
) -> PhoneView {
    let info = RoundInfo {
        name: round.name.clone(),
        method: round.method,
        dots_per_voter: round.dots_per_voter,
        max_per_proposal: round.max_per_proposal,
        voters: round.phones,
    };
    let who = phones.identity(round, device);
    if who.is_none() && round.phones != PhoneVoters::Anonymous {
        let taken = phones.taken(round, device);
        let names = match round.phones {
            PhoneVoters::Named => w
                .participants()
                .iter()
                .map(|p| NameChoice {
                    id: p.id,
                    name: p.name.clone(),
                    organisation: p.organisation.clone(),
                    taken: taken.contains(&p.id),
                })
                .collect(),
            _ => Vec::new(),
        };
        return view(PhoneScreen::Join { round: info, names }, None);
    }
    let voter = match who {
        Some(PhoneVoter::Named(p) | PhoneVoter::Coded(p)) => {
            w.participant(p).map(|p| p.name.clone())
        }
        _ => None,
    };
    let stored = voting::replaced_ballot(round, device, who.unwrap_or(PhoneVoter::Anonymous))
        .map(|i| round.ballots[i].dots.clone());
    // In this voter's own order when the round shuffles it: a named or
    // coded participant keeps theirs from any phone, an anonymous phone
    // has its own (its key in this round is on its ballot, for an audit).
    let key = match who {
        Some(PhoneVoter::Named(p) | PhoneVoter::Coded(p)) => OrderKey::Voter(Voter::Participant(p)),
        _ => OrderKey::Device(device.to_string()),
    };
    let proposals = crate::domain::order::proposals_for(w, round, &key)
        .into_iter()
        .map(|i| {
            let p = &w.proposals()[i];
            PhoneProposal {
                id: p.id,
                text: p.text.clone(),
                axis: p
                    .primary_axis()
                    .and_then(|k| w.axis(k))
                    .map(|a| (a.key, a.short.clone(), a.color)),
            }
        })
        .collect();
    let (ballot, outcome) = match refused {
        Some((why, dots)) => (dots, Some(Outcome::Refused(why))),
        None => (stored.clone().unwrap_or_default(), None),
    };
    view(
        PhoneScreen::Vote {
            round: info,
            voter,
            proposals,
            ballot,
            stored: stored.is_some(),
        },
        outcome,
    )
}

/// A name picked or a personal code given; why not, if refused.
fn join_as(
    w: &Workshop,
    phones: &mut Phones,
    round: &Round,
    device: &str,
    join: Join,
) -> Option<Refusal> {
    if phones.identity(round, device).is_some() {
        // Once: the phone keeps the name it voted with.
        return None;
    }
    let who = match (round.phones, join) {
        (PhoneVoters::Named, Join::Name(p)) => {
            w.participant(p)?;
            if phones.taken(round, device).contains(&p) {
                return Some(Refusal::NameTaken);
            }
            PhoneVoter::Named(p)
        }
        (PhoneVoters::Codes, Join::Code(typed)) => match voting::participant_by_code(w, &typed) {
            Some(p) => PhoneVoter::Coded(p.id),
            None => return Some(Refusal::UnknownPersonalCode),
        },
        _ => return None,
    };
    phones
        .identities
        .insert((round.id, device.to_string()), who);
    None
}

/// The dots a ballot leaves unplaced, when it would be cast as it is
/// (not refused, not the same as the one stored, not empty): the phone
/// is asked before it counts.
fn dots_left(
    w: &Workshop,
    round: &Round,
    device: &str,
    who: PhoneVoter,
    dots: &std::collections::BTreeMap<crate::domain::ProposalId, u32>,
    now: Stamp,
) -> Option<u32> {
    let spent: u32 = dots.values().fold(0, |a, n| a.saturating_add(*n));
    let changes = matches!(
        voting::op_phone_ballot(w, round.id, device, who, dots, now),
        Ok(Some(_))
    );
    // In a judgment round, what is left is the proposals not graded.
    let (given, of) = match round.method {
        crate::domain::round::Method::Dots => (spent, round.dots_per_voter),
        crate::domain::round::Method::Judgment => (
            dots.values().filter(|m| **m > 0).count() as u32,
            voting::proposals_in_scope(w, round).len() as u32,
        ),
    };
    (changes && given > 0 && given < of).then(|| of - given)
}

/// A ballot as a phone sent it.
struct PhoneBallot {
    dots: std::collections::BTreeMap<crate::domain::ProposalId, u32>,
    /// Ask first when dots are left.
    check: bool,
}

/// Records a phone's ballot; the phone hears back once it is on disk. A
/// phone that has not said who it is gets the name or code to give, and
/// one whose page asks first about dots left gets the question.
#[allow(clippy::too_many_arguments)]
fn cast(
    doc: &mut Doc,
    phones: &mut Phones,
    round: &Round,
    device: &str,
    ballot: PhoneBallot,
    now: Stamp,
    lang: crate::i18n::Lang,
    reply: tokio::sync::oneshot::Sender<PhoneView>,
) {
    let PhoneBallot { dots, check } = ballot;
    let who = match phones.identity(round, device) {
        Some(who) => who,
        None if round.phones == PhoneVoters::Anonymous => PhoneVoter::Anonymous,
        None => {
            let _ = reply.send(page(&doc.w, phones, round, device, None));
            return;
        }
    };
    if check && let Some(left) = dots_left(&doc.w, round, device, who, &dots, now) {
        let asked = Some((Refusal::DotsLeft(left), dots));
        let _ = reply.send(page(&doc.w, phones, round, device, asked));
        return;
    }
    let op = voting::op_phone_ballot(&doc.w, round.id, device, who, &dots, now);
    let refused = |e| Some((Refusal::Rules(e), dots.clone()));
    let recorded = match op {
        Err(e) => Err(e),
        Ok(None) => Ok(()),
        Ok(Some(op)) => doc.record(op, lang),
    };
    if let Err(e) = recorded {
        let _ = reply.send(page(&doc.w, phones, round, device, refused(e)));
    } else {
        phones.last_ballot = Some(now);
        let after = doc
            .w
            .round(round.id)
            .cloned()
            .unwrap_or_else(|| round.clone());
        let mut answer = page(&doc.w, phones, &after, device, None);
        answer.outcome = Some(Outcome::Recorded);
        doc.ack_when_saved(reply, answer);
    }
}

//! What the phone server trusts, and how much: identities it issued
//! itself, forms sent from its own pages, requests for its own addresses,
//! and a pace per client address that a room keeps and a script does not.
//!
//! - A phone's identity is `<id>.<mac>`: 16 random bytes and their
//!   HMAC-SHA256 under the workshop's key (kept in the workshop file, so a
//!   restarted app knows its phones). A made-up cookie is a visitor.
//! - Every form carries a token derived from the identity; a form whose
//!   `Sec-Fetch-Site` (or, from browsers without it, `Origin`) says it came
//!   from elsewhere changes nothing (another port of the laptop is
//!   "elsewhere" too).
//! - A request whose `Host` is not one of the server's addresses (DNS
//!   rebinding) is refused.
//! - New identities and wrong personal codes are limited per address:
//!   [`MINT`] and [`CODES`].

use axum::http::{HeaderMap, Uri, header};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

/// How many things of one kind an address may do at once, and how fast
/// it earns one more.
#[derive(Debug, Clone, Copy)]
pub struct Pace {
    pub burst: u32,
    pub every: Duration,
}

/// New phone identities per client address: a room of 300 has 300
/// addresses on the Wi-Fi (or the hotspot); one phone that clears its
/// cookies a few times stays well inside.
pub const MINT: Pace = Pace {
    burst: 20,
    every: Duration::from_secs(3),
};

/// Wrong personal codes per client address: a person mistyping tries a few
/// times; 25⁶ codes cannot be walked through at this pace.
pub const CODES: Pace = Pace {
    burst: 8,
    every: Duration::from_secs(10),
};

/// Per-address allowances (a token bucket each).
#[derive(Debug)]
pub struct Allowance {
    pace: Pace,
    per_address: HashMap<IpAddr, (f64, Instant)>,
}

impl Allowance {
    pub fn new(pace: Pace) -> Allowance {
        Allowance {
            pace,
            per_address: HashMap::new(),
        }
    }

    fn level(&self, ip: IpAddr, now: Instant) -> f64 {
        let burst = f64::from(self.pace.burst);
        match self.per_address.get(&ip) {
            Some((left, at)) => {
                let earned = now.duration_since(*at).as_secs_f64() / self.pace.every.as_secs_f64();
                (left + earned).min(burst)
            }
            None => burst,
        }
    }

    /// Whether `ip` may do one more now.
    pub fn allows(&self, ip: IpAddr, now: Instant) -> bool {
        self.level(ip, now) >= 1.0
    }

    /// Counts one for `ip`; whether it was allowed.
    pub fn take(&mut self, ip: IpAddr, now: Instant) -> bool {
        let level = self.level(ip, now);
        if level < 1.0 {
            return false;
        }
        self.per_address.insert(ip, (level - 1.0, now));
        // Addresses that are full again are forgotten: the map stays small.
        if self.per_address.len() > 4_096 {
            let burst = f64::from(self.pace.burst);
            let every = self.pace.every;
            self.per_address.retain(|_, (left, at)| {
                *left + now.duration_since(*at).as_secs_f64() / every.as_secs_f64() < burst
            });
        }
        true
    }
}

/// The workshop's key for phone identities and form tokens.
#[derive(Clone)]
pub struct Key(Vec<u8>);

impl Key {
    /// From the hex kept in the workshop file.
    pub fn from_hex(hex: &str) -> Option<Key> {
        let bytes = decode_hex(hex)?;
        (bytes.len() >= 16).then_some(Key(bytes))
    }

    fn mac(&self, purpose: &str, id: &str) -> String {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.0) else {
            return String::new();
        };
        mac.update(purpose.as_bytes());
        mac.update(b":");
        mac.update(id.as_bytes());
        hex(&mac.finalize().into_bytes()[..16])
    }

    /// A new identity: the device id and the cookie value that proves it.
    pub fn mint(&self) -> (String, String) {
        let mut bytes = [0u8; 16];
        let _ = getrandom::fill(&mut bytes);
        let id = hex(&bytes);
        let cookie = format!("{id}.{}", self.mac("phone", &id));
        (id, cookie)
    }

    /// The device id a cookie value proves, if this server issued it.
    pub fn device(&self, cookie: &str) -> Option<String> {
        let (id, mac) = cookie.split_once('.')?;
        let well_formed = id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit());
        (well_formed && constant_eq(mac, &self.mac("phone", id))).then(|| id.to_string())
    }

    /// The token every form of this device carries.
    pub fn form_token(&self, device: &str) -> String {
        self.mac("form", device)
    }

    pub fn form_is_ours(&self, device: &str, token: &str) -> bool {
        constant_eq(token, &self.form_token(device))
    }
}

fn constant_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

pub use crate::domain::text::hex;

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// The `Host` values this server answers to: its address and port, and the
/// loopback names when it listens on loopback.
pub fn hosts_for(addr: SocketAddr) -> Vec<String> {
    let port = addr.port();
    let mut out = vec![addr.to_string()];
    if addr.ip().is_loopback() {
        out.extend([format!("localhost:{port}"), format!("127.0.0.1:{port}")]);
        out.push(format!("[::1]:{port}"));
    }
    if port == 80 {
        let bare: Vec<String> = out
            .iter()
            .filter_map(|h| h.rsplit_once(':').map(|(host, _)| host.to_string()))
            .collect();
        out.extend(bare);
    }
    out
}

/// Whether a request is for one of `hosts`: its `Host` header, and the
/// authority of an absolute-form target when it has one.
pub fn for_us(headers: &HeaderMap, uri: &Uri, hosts: &[String]) -> bool {
    let ours = |h: &str| hosts.iter().any(|x| x.eq_ignore_ascii_case(h));
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let authority_ok = uri.authority().is_none_or(|a| ours(a.as_str()));
    !host.is_empty() && ours(host) && authority_ok
}

/// Whether a form comes from one of our own pages, as far as the browser
/// says: `Sec-Fetch-Site` same-origin (or a typed address), and an
/// `Origin`, when sent, that is ours.
pub fn same_origin(headers: &HeaderMap, hosts: &[String]) -> bool {
    let fetch_site = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .map(str::to_ascii_lowercase);
    // A browser that says where the request comes from is believed (with
    // no referrer sent, Chromium's Origin is "null" even on our own page).
    if let Some(site) = fetch_site {
        return site == "same-origin" || site == "none";
    }
    match headers.get(header::ORIGIN).map(|v| v.to_str()) {
        None => true,
        Some(Ok(origin)) => origin
            .strip_prefix("http://")
            .is_some_and(|h| hosts.iter().any(|x| x.eq_ignore_ascii_case(h))),
        Some(Err(_)) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn key() -> Key {
        Key::from_hex(&"ab".repeat(32)).unwrap()
    }

    #[test]
    fn only_identities_this_server_issued_are_phones() {
        let k = key();
        let (id, cookie) = k.mint();
        assert_eq!(k.device(&cookie), Some(id.clone()));
        assert_eq!(k.device(&id), None, "an id alone proves nothing");
        assert_eq!(
            k.device(&format!(
                "{}.{}",
                "0123456789abcdef".repeat(2),
                "0".repeat(32)
            )),
            None,
            "a made-up cookie is a visitor"
        );
        let other = Key::from_hex(&"cd".repeat(32)).unwrap();
        assert_eq!(other.device(&cookie), None, "another workshop's phone");
        assert!(k.form_is_ours(&id, &k.form_token(&id)));
        assert!(!k.form_is_ours(&id, &other.form_token(&id)));
        assert!(!k.form_is_ours(&id, ""));
        assert!(Key::from_hex("xyz").is_none());
    }

    #[test]
    fn an_address_gets_its_burst_then_one_more_per_period() {
        let mut a = Allowance::new(Pace {
            burst: 3,
            every: Duration::from_secs(10),
        });
        let ip: IpAddr = "192.168.1.20".parse().unwrap();
        let other: IpAddr = "192.168.1.21".parse().unwrap();
        let t0 = Instant::now();
        assert!((0..3).all(|_| a.take(ip, t0)));
        assert!(!a.take(ip, t0), "the burst is spent");
        assert!(a.take(other, t0), "another phone is not held back");
        assert!(!a.allows(ip, t0 + Duration::from_secs(5)));
        assert!(a.take(ip, t0 + Duration::from_secs(10)), "one earned");
        assert!(!a.take(ip, t0 + Duration::from_secs(10)));
    }

    #[test]
    fn only_our_addresses_are_served() {
        let hosts = hosts_for("192.168.1.10:8080".parse().unwrap());
        let with = |h: &str| {
            let mut m = HeaderMap::new();
            m.insert(header::HOST, HeaderValue::from_str(h).unwrap());
            m
        };
        let plain: Uri = "/K7MHQX".parse().unwrap();
        assert!(for_us(&with("192.168.1.10:8080"), &plain, &hosts));
        for evil in [
            "evil.example",
            "127.0.0.1.evil.example",
            "192.168.1.10:8081",
        ] {
            assert!(!for_us(&with(evil), &plain, &hosts), "{evil}");
        }
        assert!(!for_us(&HeaderMap::new(), &plain, &hosts), "no Host");
        let absolute: Uri = "http://evil.example/K7MHQX".parse().unwrap();
        assert!(!for_us(&with("192.168.1.10:8080"), &absolute, &hosts));
        let loopback = hosts_for("127.0.0.1:8080".parse().unwrap());
        assert!(for_us(&with("localhost:8080"), &plain, &loopback));
    }

    #[test]
    fn a_form_from_elsewhere_is_not_ours() {
        let hosts = hosts_for("192.168.1.10:8080".parse().unwrap());
        let with = |pairs: &[(&str, &str)]| {
            let mut m = HeaderMap::new();
            for (k, v) in pairs {
                m.insert(
                    header::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                    HeaderValue::from_str(v).unwrap(),
                );
            }
            m
        };
        assert!(same_origin(&with(&[]), &hosts), "old browsers send neither");
        assert!(same_origin(
            &with(&[
                ("origin", "http://192.168.1.10:8080"),
                ("sec-fetch-site", "same-origin")
            ]),
            &hosts
        ));
        assert!(!same_origin(
            &with(&[("origin", "http://evil.example")]),
            &hosts
        ));
        assert!(!same_origin(
            &with(&[("sec-fetch-site", "cross-site")]),
            &hosts
        ));
        assert!(
            !same_origin(&with(&[("origin", "http://192.168.1.10:9000")]), &hosts),
            "another port of the laptop is another site"
        );
        assert!(!same_origin(
            &with(&[("sec-fetch-site", "same-site")]),
            &hosts
        ));
        assert!(!same_origin(&with(&[("origin", "null")]), &hosts));
        assert!(same_origin(
            &with(&[("origin", "null"), ("sec-fetch-site", "same-origin")]),
            &hosts
        ));
    }
}

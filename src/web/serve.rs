//! The phones' connections: accepted, timed and capped here, so that no
//! client can hold the server's door shut. Headers must arrive within
//! [`HEADER_TIMEOUT`] (that also ends a keep-alive connection left idle),
//! a request and its body within [`REQUEST_TIMEOUT`]; past
//! [`Limits::connections`] the oldest idle connection makes room, and a
//! connection is refused only when every one is busy. Each request carries
//! its peer's address, for the limits per address.

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::{Notify, oneshot};
use tower::ServiceExt;

/// A client has this long to send a request's headers, and an idle
/// keep-alive connection is closed after it.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);
/// A request, body included, is answered (408 at worst) within this.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Open connections at most; well under the process's file limit.
    pub connections: usize,
}

impl Limits {
    /// Half the descriptors the process may open, less what the
    /// workshop's own files and the terminal need, between 64 and 4,096.
    pub fn for_file_limit(limit: Option<u64>) -> Limits {
        let usable = limit.map_or(4_096, |l| (l / 2).saturating_sub(64));
        Limits {
            connections: usable.clamp(64, 4_096) as usize,
        }
    }
}

/// One open connection: when it came, whether a request is being
/// answered, and how to end it.
struct Entry {
    since: Instant,
    busy: Arc<AtomicUsize>,
    end: Arc<Notify>,
}

#[derive(Default)]
struct Registry {
    next: u64,
    open: HashMap<u64, Entry>,
}

impl Registry {
    /// Makes room for one more: ends the oldest idle connection when full.
    /// Whether there is room.
    fn room(&mut self, max: usize) -> bool {
        if self.open.len() < max {
            return true;
        }
        let oldest_idle = self
            .open
            .iter()
            .filter(|(_, e)| e.busy.load(Ordering::Acquire) == 0)
            .min_by_key(|(_, e)| e.since)
            .map(|(id, _)| *id);
        match oldest_idle.and_then(|id| self.open.remove(&id)) {
            Some(e) => {
                e.end.notify_one();
                true
            }
            None => false,
        }
    }
}

/// Counts a request as being answered while it lives.
struct Busy(Arc<AtomicUsize>);

impl Busy {
    fn new(count: &Arc<AtomicUsize>) -> Busy {
        count.fetch_add(1, Ordering::AcqRel);
        Busy(Arc::clone(count))
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Serves `router` on `listener` until `stopped`.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    mut stopped: oneshot::Receiver<()>,
) {
    let registry = Arc::new(Mutex::new(Registry::default()));
    let all_end = Arc::new(Notify::new());
    loop {
        let accepted = tokio::select! {
            _ = &mut stopped => break,
            accepted = listener.accept() => accepted,
        };
        let Ok((stream, peer)) = accepted else {
            // Out of descriptors for a moment: let connections end.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let busy = Arc::new(AtomicUsize::new(0));
        let end = Arc::new(Notify::new());
        let id = {
            let Ok(mut r) = registry.lock() else { continue };
            if !r.room(limits.connections) {
                // Every connection is answering: this one waits its turn
                // by trying again, as browsers do.
                drop(stream);
                continue;
            }
            r.next += 1;
            let id = r.next;
            r.open.insert(
                id,
                Entry {
                    since: Instant::now(),
                    busy: Arc::clone(&busy),
                    end: Arc::clone(&end),
                },
            );
            id
        };
        let router = router.clone();
        let registry = Arc::clone(&registry);
        let all_end = Arc::clone(&all_end);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |mut req: hyper::Request<_>| {
                let guard = Busy::new(&busy);
                req.extensions_mut().insert(ConnectInfo(peer));
                let router = router.clone();
                async move {
                    let answer = router.oneshot(req.map(axum::body::Body::new)).await;
                    drop(guard);
                    answer
                }
            });
            let mut builder = http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .max_buf_size(64 * 1024)
                .keep_alive(true);
            let conn = builder.serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = conn => {}
                () = end.notified() => {}
                () = all_end.notified() => {}
            }
            if let Ok(mut r) = registry.lock() {
                r.open.remove(&id);
            }
        });
    }
    all_end.notify_waiters();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(age_ms: u64, busy: usize) -> Entry {
        Entry {
            since: Instant::now()
                .checked_sub(Duration::from_millis(age_ms))
                .unwrap(),
            busy: Arc::new(AtomicUsize::new(busy)),
            end: Arc::new(Notify::new()),
        }
    }

    #[test]
    fn the_oldest_idle_connection_makes_room_and_a_busy_one_never_does() {
        let mut r = Registry::default();
        r.open.insert(1, entry(300, 1));
        r.open.insert(2, entry(200, 0));
        r.open.insert(3, entry(100, 0));
        assert!(r.room(3));
        assert!(!r.open.contains_key(&2), "the oldest idle one went");
        assert!(r.open.contains_key(&1), "a busy one stays, however old");
        r.open.insert(4, entry(0, 1));
        r.open.get(&3).unwrap().busy.store(1, Ordering::Release);
        assert!(!r.room(3), "all busy: no room");
        assert!(r.room(4));
    }

    #[test]
    fn the_connection_cap_stays_well_under_the_file_limit() {
        assert_eq!(Limits::for_file_limit(Some(1_024)).connections, 448);
        assert_eq!(Limits::for_file_limit(Some(256)).connections, 64);
        assert_eq!(Limits::for_file_limit(Some(1 << 20)).connections, 4_096);
        assert_eq!(Limits::for_file_limit(None).connections, 4_096);
    }
}

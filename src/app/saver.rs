//! The writer: every change reaches disk without making typing wait.
//!
//! The app hands over the latest workshop after each change; a writer
//! thread keeps only the newest one waiting, saves it durably through the
//! store, and reports back. The footer says "enregistré" only after that.
//! The text being typed is kept in a small draft file that the app writes
//! itself (`store::draft`); the writer only syncs it, in batches. The writer is also the one who
//! looks at the file when someone else may have changed it, and who
//! settles such a conflict: all file work happens in one place, in order.

use crate::domain::Workshop;
use crate::store::{Saved, Session, StoreError};
use std::fs::File;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What the writer (or the file watcher) tells the app.
#[derive(Debug)]
pub enum Report {
    /// A save of `generation` finished (or, with `None`, a look at the
    /// file): what it did, or why not.
    Save {
        generation: Option<u64>,
        result: Result<Option<Saved>, StoreError>,
    },
    /// Their version, read back to resolve a conflict.
    Theirs(Result<Box<Workshop>, StoreError>),
    /// Something touched the workshop's folder: worth a look.
    Touched,
}

impl Report {
    pub fn saved(generation: u64, result: Result<Saved, StoreError>) -> Report {
        Report::Save {
            generation: Some(generation),
            result: result.map(Some),
        }
    }
}

/// How a conflict is settled.
#[derive(Debug)]
pub enum Resolve {
    /// Write this version over the file (theirs stays in the backups).
    KeepMine(u64, Box<Workshop>),
    /// Read their version back (ours stays in its conflict copy).
    TakeTheirs,
}

enum Job {
    Workshop {
        generation: u64,
        workshop: Box<Workshop>,
    },
    /// The draft file was written: sync it within `DRAFT_SYNC_EVERY`.
    SyncDraft(Arc<File>),
    Check(Box<Workshop>),
    Resolve(Resolve),
}

pub type Notify = Box<dyn Fn(Report) + Send>;

/// Hands workshops to the disk; see the module documentation.
pub struct Saver(Inner);

enum Inner {
    /// Saves on a writer thread.
    Thread {
        jobs: Sender<Job>,
        /// Gives back the last generation it wrote.
        thread: Option<JoinHandle<u64>>,
    },
    /// Saves at once in the caller: for tests, whose screens must not
    /// depend on timing.
    Inline { session: Box<Session>, written: u64 },
    /// A workshop opened read-only: nothing is written.
    ReadOnly,
}

/// How long a draft written while typing may wait for its `fdatasync`
/// (it is in the page cache at once: a killed process loses nothing of
/// it; this is what a power cut could lose). Typing faster than this
/// costs one sync per interval, not one per key.
const DRAFT_SYNC_EVERY: Duration = Duration::from_millis(50);

/// Does one job with the session; what to report, if anything.
fn perform(session: &mut Session, job: Job) -> Option<Report> {
    match job {
        Job::Workshop {
            generation,
            workshop,
        } => Some(Report::saved(generation, session.save(&workshop))),
        // Drafts are the writer loop's, which syncs them in batches.
        Job::SyncDraft(file) => {
            let _ = file.sync_data();
            None
        }
        Job::Check(workshop) => match session.check(&workshop) {
            Ok(None) => None,
            result => Some(Report::Save {
                generation: None,
                result,
            }),
        },
        Job::Resolve(Resolve::KeepMine(generation, workshop)) => {
            let result = session.keep_mine(&workshop).map(|()| Saved::Written);
            Some(Report::saved(generation, result))
        }
        Job::Resolve(Resolve::TakeTheirs) => {
            Some(Report::Theirs(session.take_theirs().map(Box::new)))
        }
    }
}

impl Saver {
    pub fn inline(session: Session) -> Saver {
        Saver(Inner::Inline {
            session: Box::new(session),
            written: 0,
        })
    }

    pub fn read_only() -> Saver {
        Saver(Inner::ReadOnly)
    }

    pub fn thread(mut session: Session, notify: Notify) -> Saver {
        let (jobs, rx) = channel::<Job>();
        let thread = std::thread::Builder::new()
            .name("atelier-writer".into())
            .spawn(move || writer(&mut session, &rx, &notify))
            .expect("spawn the writer thread");
        Saver(Inner::Thread {
            jobs,
            thread: Some(thread),
        })
    }

    pub fn is_inline(&self) -> bool {
        matches!(self.0, Inner::Inline { .. })
    }

    /// Runs `job`: inline savers report at once, the writer thread later
    /// through its `notify`.
    fn run(&mut self, job: Job) -> Option<Report> {
        match &mut self.0 {
            Inner::Thread { jobs, .. } => {
                let _ = jobs.send(job);
                None
            }
            Inner::Inline { session, written } => {
                let report = perform(session, job);
                if let Some(Report::Save {
                    generation: Some(g),
                    result: Ok(_),
                }) = &report
                {
                    *written = (*written).max(*g);
                }
                report
            }
            Inner::ReadOnly => None,
        }
    }

    /// Saves `w`.
    pub fn save(&mut self, generation: u64, w: &Workshop) -> Option<Report> {
        self.run(Job::Workshop {
            generation,
            workshop: Box::new(w.clone()),
        })
    }

    /// Makes the draft just written survive a power cut: at once inline,
    /// within `DRAFT_SYNC_EVERY` on the writer thread.
    pub fn sync_draft(&mut self, file: Arc<File>) -> bool {
        match &mut self.0 {
            Inner::Thread { jobs, .. } => {
                let _ = jobs.send(Job::SyncDraft(file));
                false
            }
            Inner::Inline { .. } => file.sync_data().is_ok(),
            Inner::ReadOnly => false,
        }
    }

    /// Looks at the file: someone else may have changed or deleted it.
    pub fn check(&mut self, w: &Workshop) -> Option<Report> {
        self.run(Job::Check(Box::new(w.clone())))
    }

    /// Settles a conflict.
    pub fn resolve(&mut self, how: Resolve) -> Option<Report> {
        self.run(Job::Resolve(how))
    }

    /// Waits for every pending save: called when a workshop is closed and
    /// before the app exits. The last generation written durably, if any.
    pub fn close(&mut self) -> Option<u64> {
        match &mut self.0 {
            Inner::Thread { jobs, thread } => {
                let (dead, _) = channel();
                *jobs = dead;
                thread.take().and_then(|t| t.join().ok())
            }
            Inner::Inline { written, .. } => Some(*written),
            Inner::ReadOnly => None,
        }
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        self.close();
    }
}

fn writer(session: &mut Session, rx: &Receiver<Job>, notify: &Notify) -> u64 {
    let mut written = 0;
    let mut save = |job: Job, written: &mut u64| {
        if let Some(r) = perform(session, job) {
            if let Report::Save {
                generation: Some(g),
                result: Ok(_),
            } = &r
            {
                *written = (*written).max(*g);
            }
            notify(r);
        }
    };
    // The draft written but not synced, and since when.
    let mut unsynced: Option<(Arc<File>, Instant)> = None;
    loop {
        // A draft written but not synced waits at most DRAFT_SYNC_EVERY.
        let first = if let Some((file, since)) = &unsynced {
            let due = (*since + DRAFT_SYNC_EVERY).saturating_duration_since(Instant::now());
            match rx.recv_timeout(due) {
                Ok(job) => job,
                Err(RecvTimeoutError::Timeout) => {
                    let _ = file.sync_data();
                    unsynced = None;
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => break,
            }
        } else {
            match rx.recv() {
                Ok(job) => job,
                Err(_) => break,
            }
        };
        // Only the newest workshop matters; checks and resolutions keep
        // their place between saves.
        let mut latest = None;
        for job in std::iter::once(first).chain(rx.try_iter()) {
            match job {
                Job::Workshop { .. } => latest = Some(job),
                Job::SyncDraft(file) => {
                    if unsynced.is_none() {
                        unsynced = Some((file, Instant::now()));
                    }
                }
                other => {
                    if let Some(job) = latest.take() {
                        save(job, &mut written);
                    }
                    save(other, &mut written);
                }
            }
        }
        if let Some(job) = latest {
            save(job, &mut written);
        }
        if let Some((file, since)) = &unsynced
            && since.elapsed() >= DRAFT_SYNC_EVERY
        {
            let _ = file.sync_data();
            unsynced = None;
        }
    }
    if let Some((file, _)) = unsynced {
        let _ = file.sync_data();
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Details, Workshop};
    use std::sync::{Arc, Mutex};

    #[test]
    fn the_writer_saves_the_newest_and_reports_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        let mut w = Workshop::new(Details {
            title: "v0".into(),
            ..Details::default()
        });
        let session = Session::create(&path, &w).unwrap();
        let reports = Arc::new(Mutex::new(Vec::new()));
        let sink = reports.clone();
        let mut saver = Saver::thread(
            session,
            Box::new(move |r| {
                if let Report::Save {
                    generation: Some(g),
                    result,
                } = r
                {
                    sink.lock().unwrap().push((g, result.is_ok()));
                }
            }),
        );
        for g in 1..=50 {
            w.details_mut().title = format!("v{g}");
            saver.save(g, &w);
        }
        assert_eq!(saver.close(), Some(50));
        let reports = reports.lock().unwrap();
        assert_eq!(reports.last(), Some(&(50, true)));
        assert!(reports.len() <= 50);
        assert_eq!(crate::store::load(&path).unwrap().details().title, "v50");
        assert!(
            !crate::store::lock::lock_path(&path).exists(),
            "closing releases the lock"
        );
    }
}

//! The writer: every change reaches disk without making typing wait.
//!
//! The app hands over the latest workshop after each change; a writer
//! thread keeps only the newest one waiting, saves it durably through the
//! store, and reports back. The footer says "enregistré" only after that.
//! The text being typed is kept the same way, in a small draft file, so a
//! crash mid-sentence loses nothing either. The writer is also the one who
//! looks at the file when someone else may have changed it, and who
//! settles such a conflict: all file work happens in one place, in order.

use crate::domain::Workshop;
use crate::store::{Saved, Session, StoreError, atomic};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

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
    Draft(String),
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
        thread: Option<JoinHandle<()>>,
    },
    /// Saves at once in the caller: for tests, whose screens must not
    /// depend on timing.
    Inline { session: Box<Session> },
    /// A workshop opened read-only: nothing is written.
    ReadOnly,
}

/// `.<name>.draft` beside the workshop: what was being typed.
pub fn draft_path(workshop: &Path) -> PathBuf {
    let name = workshop.file_name().unwrap_or_default().to_string_lossy();
    workshop.with_file_name(format!(".{name}.draft"))
}

/// The draft left by the last session, if any.
pub fn read_draft(workshop: &Path) -> Option<String> {
    std::fs::read_to_string(draft_path(workshop))
        .ok()
        .filter(|t| !t.trim().is_empty())
}

fn write_draft(workshop: &Path, text: &str) {
    let path = draft_path(workshop);
    // Best effort: the workshop itself carries the error message if the
    // folder is unwritable.
    if text.is_empty() {
        let _ = std::fs::remove_file(path);
    } else {
        let _ = atomic::write(&path, text.as_bytes());
    }
}

/// Does one job with the session; what to report, if anything.
fn perform(session: &mut Session, job: Job) -> Option<Report> {
    match job {
        Job::Workshop {
            generation,
            workshop,
        } => Some(Report::saved(generation, session.save(&workshop))),
        Job::Draft(text) => {
            write_draft(session.path(), &text);
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
            Inner::Inline { session } => perform(session, job),
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

    pub fn save_draft(&mut self, workshop: &Path, text: &str) {
        match &mut self.0 {
            Inner::Thread { jobs, .. } => {
                let _ = jobs.send(Job::Draft(text.to_string()));
            }
            Inner::Inline { .. } => write_draft(workshop, text),
            Inner::ReadOnly => {}
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
    /// before the app exits.
    pub fn close(&mut self) {
        if let Inner::Thread { jobs, thread } = &mut self.0 {
            let (dead, _) = channel();
            *jobs = dead;
            if let Some(t) = thread.take() {
                let _ = t.join();
            }
        }
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        self.close();
    }
}

fn writer(session: &mut Session, rx: &Receiver<Job>, notify: &Notify) {
    while let Ok(first) = rx.recv() {
        // Only the newest workshop and the newest draft matter; checks and
        // resolutions keep their place between saves.
        let mut latest = None;
        let mut draft = None;
        for job in std::iter::once(first).chain(rx.try_iter()) {
            match job {
                Job::Workshop { .. } => latest = Some(job),
                Job::Draft(text) => draft = Some(text),
                other => {
                    if let Some(save) = latest.take()
                        && let Some(r) = perform(session, save)
                    {
                        notify(r);
                    }
                    if let Some(r) = perform(session, other) {
                        notify(r);
                    }
                }
            }
        }
        if let Some(save) = latest
            && let Some(r) = perform(session, save)
        {
            notify(r);
        }
        if let Some(text) = draft {
            write_draft(session.path(), &text);
        }
    }
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
            w.workshop.title = format!("v{g}");
            saver.save(g, &w);
        }
        saver.save_draft(&path, "en cours de saisie…");
        saver.close();
        let reports = reports.lock().unwrap();
        assert_eq!(reports.last(), Some(&(50, true)));
        assert!(reports.len() <= 50);
        assert_eq!(crate::store::load(&path).unwrap().workshop.title, "v50");
        assert_eq!(read_draft(&path).as_deref(), Some("en cours de saisie…"));
        assert!(
            !crate::store::lock::lock_path(&path).exists(),
            "closing releases the lock"
        );
    }
}

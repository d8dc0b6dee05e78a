//! The writer: every change reaches disk without making typing wait.
//!
//! The app hands over the latest workshop after each change; a writer
//! thread keeps only the newest one waiting, saves it durably through the
//! store, and reports back. The footer says "enregistré" only after that.
//! The text being typed is kept the same way, in a small draft file, so a
//! crash mid-sentence loses nothing either.

use crate::domain::Workshop;
use crate::store::{Session, StoreError, atomic};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

#[derive(Debug)]
pub struct SaveReport {
    pub generation: u64,
    pub result: Result<(), StoreError>,
}

enum Job {
    Workshop {
        generation: u64,
        workshop: Box<Workshop>,
    },
    Draft(String),
}

pub type Notify = Box<dyn Fn(SaveReport) + Send>;

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
    Inline { session: Session },
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

impl Saver {
    pub fn inline(session: Session) -> Saver {
        Saver(Inner::Inline { session })
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

    /// Saves `w`. Inline savers report at once; the writer thread reports
    /// through its `notify`.
    pub fn save(&mut self, generation: u64, w: &Workshop) -> Option<SaveReport> {
        match &mut self.0 {
            Inner::Thread { jobs, .. } => {
                let _ = jobs.send(Job::Workshop {
                    generation,
                    workshop: Box::new(w.clone()),
                });
                None
            }
            Inner::Inline { session } => Some(SaveReport {
                generation,
                result: session.save(w),
            }),
            Inner::ReadOnly => None,
        }
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
        // Only the newest workshop and the newest draft matter.
        let mut latest = None;
        let mut draft = None;
        for job in std::iter::once(first).chain(rx.try_iter()) {
            match job {
                Job::Workshop {
                    generation,
                    workshop,
                } => latest = Some((generation, workshop)),
                Job::Draft(text) => draft = Some(text),
            }
        }
        if let Some((generation, workshop)) = latest {
            let result = session.save(&workshop);
            notify(SaveReport { generation, result });
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
            Box::new(move |r| sink.lock().unwrap().push((r.generation, r.result.is_ok()))),
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

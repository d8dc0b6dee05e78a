//! Workshops on disk, never lost: atomic durable saves, located load
//! errors, format migrations, one editor at a time, backups, and recovery
//! of what a crash left behind.

pub mod atomic;
pub mod backup;
pub mod draft;
pub mod escape;
pub mod fingerprint;
pub mod format;
pub mod lock;
mod messages;
pub mod paths;
pub mod recover;
pub mod text;

use crate::domain::Workshop;
use backup::Backups;
use format::Located;
use lock::{Holder, Lock, LockError};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{}: no such file", path.display())]
    NotFound { path: PathBuf },
    #[error("{}: cannot read: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{}:{}:{}: {}", path.display(), located.line, located.column, describe(&located.problem))]
    Bad { path: PathBuf, located: Located },
    #[error("{}: cannot write: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("{}: already open elsewhere", path.display())]
    Locked {
        path: PathBuf,
        holder: Option<Holder>,
    },
    #[error("{}: cannot take the lock: {source}", path.display())]
    LockIo { path: PathBuf, source: io::Error },
    #[error("{}: already exists", path.display())]
    Exists { path: PathBuf },
    #[error("{}: opened read-only", path.display())]
    ReadOnly { path: PathBuf },
    #[error("cannot serialise the workshop: {message}")]
    Serialize { message: String },
    /// Someone else changed the file while it was open: nothing was
    /// written over it. Their version is kept in `theirs` (a backup), this
    /// app's state in `mine` (a workshop file beside it).
    #[error("{}: changed outside atelier; theirs kept in {}, ours in {}", path.display(), theirs.display(), mine.display())]
    Conflict {
        path: PathBuf,
        theirs: PathBuf,
        mine: PathBuf,
    },
}

fn describe(p: &format::Problem) -> String {
    match p {
        format::Problem::Syntax(m) => m.clone(),
        format::Problem::Invalid(i) => i.to_string(),
        format::Problem::NotUtf8 => "not UTF-8 text".to_string(),
        format::Problem::TooNew { found } => format!(
            "format {found} was written by a newer atelier (this one reads up to {})",
            crate::domain::workshop::FORMAT
        ),
    }
}

/// Reads and checks a workshop, without locking it.
pub fn load(path: &Path) -> Result<Workshop, StoreError> {
    let bytes = read(path)?;
    parse_bytes(path, &bytes)
}

fn read(path: &Path) -> Result<Vec<u8>, StoreError> {
    std::fs::read(path).map_err(|source| match source.kind() {
        io::ErrorKind::NotFound => StoreError::NotFound {
            path: path.to_path_buf(),
        },
        _ => StoreError::Read {
            path: path.to_path_buf(),
            source,
        },
    })
}

fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<Workshop, StoreError> {
    let bad = |located| StoreError::Bad {
        path: path.to_path_buf(),
        located,
    };
    let text = format::utf8(bytes).map_err(bad)?;
    format::parse(text).map_err(bad)
}

/// Every text the workshop file holds (what it would write): how a text
/// typed before a crash is known to have reached the file.
pub fn strings_of(w: &Workshop) -> Vec<String> {
    fn walk(v: &toml::Value, out: &mut Vec<String>) {
        match v {
            toml::Value::String(s) => out.push(s.clone()),
            toml::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            toml::Value::Table(t) => t.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    let parsed = format::to_toml(w)
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok());
    if let Some(t) = parsed {
        walk(&toml::Value::Table(t), &mut out);
    }
    out
}

/// Writes a workshop atomically and durably.
pub fn write(path: &Path, w: &Workshop) -> Result<(), StoreError> {
    let text = format::to_toml(w).map_err(|e| StoreError::Serialize {
        message: e.to_string(),
    })?;
    atomic::write(path, text.as_bytes()).map_err(|source| StoreError::Write {
        path: path.to_path_buf(),
        source,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    ReadOnly,
}

/// An open workshop file: the lock that makes this the only editor, its
/// backups, and what was last read or written, so that a change made by
/// someone else is never overwritten. Saving goes through here.
#[derive(Debug)]
pub struct Session {
    /// The path as given (a link stays a link).
    path: PathBuf,
    /// The real file, through links: what is read, written and locked.
    real: PathBuf,
    lock: Option<Lock>,
    backups: Backups,
    /// The file as this session last read or wrote it.
    expected: Option<fingerprint::Fingerprint>,
    /// Set once someone else changed the file: saves stop until resolved.
    conflict: Option<Conflict>,
    /// Each record's text, so a save writes again only what changed.
    text: text::TextCache,
}

/// Where the two versions went when someone else changed the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// Their version, in the backups.
    pub theirs: PathBuf,
    /// This app's state, beside the workshop: `x (conflit 2024-03-14 10h30).toml`.
    pub mine: PathBuf,
}

/// What a save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Written,
    /// The file had been deleted: it was written again.
    Recreated,
}

impl Session {
    /// Opens `path`: reads and checks it, takes the lock (unless read-only)
    /// and keeps a backup of the file as it was.
    pub fn open(path: &Path, access: Access) -> Result<(Session, Workshop), StoreError> {
        Session::open_with(path, access, None)
    }

    /// Opens with the lock already `held` (taken before looking for what a
    /// crash left, so that only the lock's holder recovers it).
    pub fn open_with(
        path: &Path,
        access: Access,
        held: Option<Lock>,
    ) -> Result<(Session, Workshop), StoreError> {
        let real = paths::resolve(path);
        let bytes = read(&real)?;
        let w = parse_bytes(path, &bytes)?;
        let lock = match (access, held) {
            (Access::ReadOnly, _) => None,
            (Access::ReadWrite, Some(lock)) => Some(lock),
            (Access::ReadWrite, None) => Some(take_lock(path)?),
        };
        let backups = Backups::new(&real);
        if lock.is_some() {
            // A read-only folder cannot hold backups; the workshop still opens.
            let _ = backups.keep_opened();
        }
        let expected = fingerprint::of(&real, Arc::from(bytes)).ok().flatten();
        Ok((
            Session {
                path: path.to_path_buf(),
                real,
                lock,
                backups,
                expected,
                conflict: None,
                text: text::TextCache::default(),
            },
            w,
        ))
    }

    /// Creates a new workshop file; refuses to overwrite one.
    pub fn create(path: &Path, w: &Workshop) -> Result<Session, StoreError> {
        if path.exists() {
            return Err(StoreError::Exists {
                path: path.to_path_buf(),
            });
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Write {
                path: path.to_path_buf(),
                source,
            })?;
        }
        let lock = take_lock(path)?;
        let real = paths::resolve(path);
        let mut s = Session {
            path: path.to_path_buf(),
            backups: Backups::new(&real),
            real,
            lock: Some(lock),
            expected: None,
            conflict: None,
            text: text::TextCache::default(),
        };
        s.write(w)?;
        Ok(s)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.lock.is_none()
    }

    /// The unresolved conflict, if someone else changed the file.
    pub fn conflict(&self) -> Option<&Conflict> {
        self.conflict.as_ref()
    }

    /// Saves `w` durably, then keeps a snapshot if one is due. Refused,
    /// writing nothing over the file, when someone else changed it: their
    /// version goes to the backups, ours beside the file, and saves stop
    /// until the conflict is resolved (ours keeps reaching its copy).
    pub fn save(&mut self, w: &Workshop) -> Result<Saved, StoreError> {
        if self.lock.is_none() {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        }
        let text = self.text_of(w)?;
        if let Some(c) = &self.conflict {
            let c = c.clone();
            atomic::write(&c.mine, text.as_bytes()).map_err(|source| self.write_error(source))?;
            return Err(self.conflict_error(&c));
        }
        let saved = match self.on_disk()? {
            fingerprint::OnDisk::Changed(theirs) => {
                return Err(self.start_conflict(&theirs, text.as_bytes()));
            }
            fingerprint::OnDisk::Gone if self.expected.is_some() => Saved::Recreated,
            _ => Saved::Written,
        };
        self.write_text(&text)?;
        Ok(saved)
    }

    /// Looks at the file without saving (someone may have changed it): a
    /// change starts a conflict (with `w` kept beside), a deleted file is
    /// written again from `w`. `Ok(None)` when nothing happened.
    pub fn check(&mut self, w: &Workshop) -> Result<Option<Saved>, StoreError> {
        if self.lock.is_none() || self.conflict.is_some() {
            return Ok(None);
        }
        match self.on_disk()? {
            fingerprint::OnDisk::Same(_) => Ok(None),
            fingerprint::OnDisk::Gone => {
                let text = self.text_of(w)?;
                self.write_text(&text)?;
                Ok(Some(Saved::Recreated))
            }
            fingerprint::OnDisk::Changed(theirs) => {
                let text = self.text_of(w)?;
                Err(self.start_conflict(&theirs, text.as_bytes()))
            }
        }
    }

    /// Resolves a conflict by keeping this app's version: it is written over
    /// the file; theirs stays in the backups.
    pub fn keep_mine(&mut self, w: &Workshop) -> Result<(), StoreError> {
        self.conflict = None;
        let text = self.text_of(w)?;
        self.write_text(&text)
    }

    /// Resolves a conflict by taking their version: it is read (and
    /// checked) from the file; ours stays in its conflict copy.
    pub fn take_theirs(&mut self) -> Result<Workshop, StoreError> {
        let bytes = read(&self.real)?;
        let w = parse_bytes(&self.path, &bytes)?;
        self.expected = fingerprint::of(&self.real, Arc::from(bytes)).ok().flatten();
        self.conflict = None;
        Ok(w)
    }

    fn on_disk(&mut self) -> Result<fingerprint::OnDisk, StoreError> {
        let Some(expected) = &self.expected else {
            return Ok(fingerprint::OnDisk::Gone);
        };
        let state =
            fingerprint::compare(&self.real, expected).map_err(|source| StoreError::Read {
                path: self.path.clone(),
                source,
            })?;
        if let fingerprint::OnDisk::Same(fp) = &state {
            self.expected = Some(fp.clone());
        }
        Ok(state)
    }

    fn start_conflict(&mut self, theirs: &[u8], mine: &[u8]) -> StoreError {
        let theirs_kept = match backup::write_backup(&self.real, backup::Kind::External, theirs) {
            Ok(p) => p,
            Err(source) => return self.write_error(source),
        };
        let mine_path = conflict_path(&self.real);
        if let Err(source) = atomic::write(&mine_path, mine) {
            return self.write_error(source);
        }
        let c = Conflict {
            theirs: theirs_kept,
            mine: mine_path,
        };
        let e = self.conflict_error(&c);
        self.conflict = Some(c);
        e
    }

    fn conflict_error(&self, c: &Conflict) -> StoreError {
        StoreError::Conflict {
            path: self.path.clone(),
            theirs: c.theirs.clone(),
            mine: c.mine.clone(),
        }
    }

    fn write_error(&self, source: io::Error) -> StoreError {
        StoreError::Write {
            path: self.path.clone(),
            source,
        }
    }

    fn write(&mut self, w: &Workshop) -> Result<(), StoreError> {
        let text = self.text_of(w)?;
        self.write_text(&text)
    }

    fn text_of(&mut self, w: &Workshop) -> Result<String, StoreError> {
        format::to_toml_with(&mut self.text, w).map_err(|e| StoreError::Serialize {
            message: e.to_string(),
        })
    }

    fn write_text(&mut self, text: &str) -> Result<(), StoreError> {
        atomic::write(&self.real, text.as_bytes()).map_err(|source| self.write_error(source))?;
        let bytes: Arc<[u8]> = Arc::from(text.as_bytes());
        self.expected = fingerprint::of(&self.real, bytes).ok().flatten();
        // The save itself succeeded; a backup that cannot be written (a
        // full disk) must not turn it into a failure.
        let _ = self.backups.maybe_snapshot(Instant::now(), text.as_bytes());
        Ok(())
    }
}

/// `x (conflit 2024-03-14 10h30).toml` beside `x.toml`: a workshop file
/// of its own, listed and opened like any other. A second conflict in the
/// same minute is numbered.
pub fn conflict_path(workshop: &Path) -> PathBuf {
    let stem = workshop
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let when = crate::clock::Clock::System.format("%Y-%m-%d %Hh%M");
    let mut path = workshop.with_file_name(format!("{stem} (conflit {when}).toml"));
    let mut n = 2;
    while path.exists() {
        path = workshop.with_file_name(format!("{stem} (conflit {when}, {n}).toml"));
        n += 1;
    }
    path
}

/// Takes the lock of a workshop without reading it (of the real file, when
/// `path` is a link).
pub fn take_lock(path: &Path) -> Result<Lock, StoreError> {
    Lock::acquire(&paths::resolve(path)).map_err(|e| match e {
        LockError::Held { holder, .. } => StoreError::Locked {
            path: path.to_path_buf(),
            holder,
        },
        LockError::Io { source, .. } => StoreError::LockIo {
            path: path.to_path_buf(),
            source,
        },
    })
}

/// A workshop file found in a folder, read or not.
#[derive(Debug)]
pub struct Listed {
    pub path: PathBuf,
    pub workshop: Result<Workshop, StoreError>,
}

/// The workshops in `dir`, by file name. Files that fail to load are listed
/// with their error rather than hidden.
pub fn list(dir: &Path) -> io::Result<Vec<Listed>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "toml")
                && p.is_file()
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    paths.sort();
    Ok(paths
        .into_iter()
        .map(|path| Listed {
            workshop: load(&path),
            path,
        })
        .collect())
}

#[cfg(test)]
mod tests;

//! Workshops on disk, never lost: atomic durable saves, located load
//! errors, format migrations, one editor at a time, backups, and recovery
//! of what a crash left behind.

pub mod atomic;
pub mod backup;
pub mod format;
pub mod lock;
pub mod paths;
pub mod recover;

use crate::domain::Workshop;
use backup::Backups;
use format::Located;
use lock::{Holder, Lock, LockError};
use std::io;
use std::path::{Path, PathBuf};
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
}

fn describe(p: &format::Problem) -> String {
    match p {
        format::Problem::Syntax(m) => m.clone(),
        format::Problem::Invalid(i) => i.to_string(),
        format::Problem::TooNew { found } => format!(
            "format {found} was written by a newer atelier (this one reads up to {})",
            crate::domain::workshop::FORMAT
        ),
    }
}

/// Reads and checks a workshop, without locking it.
pub fn load(path: &Path) -> Result<Workshop, StoreError> {
    let text = std::fs::read_to_string(path).map_err(|source| match source.kind() {
        io::ErrorKind::NotFound => StoreError::NotFound {
            path: path.to_path_buf(),
        },
        _ => StoreError::Read {
            path: path.to_path_buf(),
            source,
        },
    })?;
    format::parse(&text).map_err(|located| StoreError::Bad {
        path: path.to_path_buf(),
        located,
    })
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

/// An open workshop file: the lock that makes this the only editor, and its
/// backups. Saving goes through here.
#[derive(Debug)]
pub struct Session {
    path: PathBuf,
    lock: Option<Lock>,
    backups: Backups,
}

impl Session {
    /// Opens `path`: reads and checks it, takes the lock (unless read-only)
    /// and keeps a backup of the file as it was.
    pub fn open(path: &Path, access: Access) -> Result<(Session, Workshop), StoreError> {
        let w = load(path)?;
        let lock = match access {
            Access::ReadOnly => None,
            Access::ReadWrite => Some(take_lock(path)?),
        };
        let backups = Backups::new(path);
        if lock.is_some() {
            // A read-only folder cannot hold backups; the workshop still opens.
            let _ = backups.keep_opened();
        }
        Ok((
            Session {
                path: path.to_path_buf(),
                lock,
                backups,
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
        write(path, w)?;
        Ok(Session {
            path: path.to_path_buf(),
            lock: Some(lock),
            backups: Backups::new(path),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.lock.is_none()
    }

    /// Saves `w` durably, then keeps a snapshot if one is due.
    pub fn save(&mut self, w: &Workshop) -> Result<(), StoreError> {
        if self.lock.is_none() {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        }
        let text = format::to_toml(w).map_err(|e| StoreError::Serialize {
            message: e.to_string(),
        })?;
        atomic::write(&self.path, text.as_bytes()).map_err(|source| StoreError::Write {
            path: self.path.clone(),
            source,
        })?;
        // The save itself succeeded; a backup that cannot be written (a
        // full disk) must not turn it into a failure.
        let _ = self.backups.maybe_snapshot(Instant::now(), text.as_bytes());
        Ok(())
    }
}

/// Takes the lock of a workshop without reading it.
pub fn take_lock(path: &Path) -> Result<Lock, StoreError> {
    Lock::acquire(path).map_err(|e| match e {
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

//! One editor per workshop: `<name>.toml.lock` holds an OS lock while a
//! workshop is open, and says who holds it (pid, host, since when).
//!
//! The lock is taken on a separate file because saving renames a new file
//! over the workshop, which would drop a lock held on the workshop itself.
//! The OS releases the lock when its holder dies, so a lock left by a crash
//! is stale by construction and simply taken over.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
    pub since: String,
}

#[derive(Debug)]
pub enum LockError {
    Held {
        lock: PathBuf,
        holder: Option<Holder>,
    },
    Io {
        lock: PathBuf,
        source: io::Error,
    },
}

#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
}

pub fn lock_path(workshop: &Path) -> PathBuf {
    let mut name = workshop.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    workshop.with_file_name(name)
}

impl Lock {
    pub fn acquire(workshop: &Path) -> Result<Lock, LockError> {
        let path = lock_path(workshop);
        let io_err = |source| LockError::Io {
            lock: path.clone(),
            source,
        };
        // A holder that just released may have deleted the file we opened;
        // retry until the locked file is the one at `path`.
        for _ in 0..10 {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(io_err)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    return Err(LockError::Held {
                        holder: read_holder(&mut file),
                        lock: path,
                    });
                }
                Err(TryLockError::Error(e)) => return Err(io_err(e)),
            }
            if !same_file(&file, &path) {
                continue;
            }
            write_holder(&mut file).map_err(io_err)?;
            return Ok(Lock { file, path });
        }
        Err(io_err(io::Error::other("the lock file keeps changing")))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Remove the file while still holding the lock, so nobody can lock
        // it between our unlock and the removal.
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// Who holds a workshop now, if anybody.
pub fn holder_of(workshop: &Path) -> Option<Holder> {
    let path = lock_path(workshop);
    let mut file = OpenOptions::new().read(true).write(true).open(path).ok()?;
    match file.try_lock() {
        Ok(()) => {
            let _ = file.unlock();
            None
        }
        Err(_) => read_holder(&mut file),
    }
}

fn write_holder(file: &mut File) -> io::Result<()> {
    let host = gethostname::gethostname().to_string_lossy().into_owned();
    let since = crate::clock::Clock::System.format("%Y-%m-%dT%H:%M:%S");
    file.set_len(0)?;
    file.rewind()?;
    writeln!(
        file,
        "pid = {}\nhost = {:?}\nsince = \"{since}\"",
        std::process::id(),
        host
    )?;
    file.sync_all()
}

fn read_holder(file: &mut File) -> Option<Holder> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.read_to_string(&mut text).ok()?;
    let table: toml::Table = text.parse().ok()?;
    Some(Holder {
        pid: table.get("pid")?.as_integer()? as u32,
        host: table.get("host")?.as_str()?.to_string(),
        since: table
            .get("since")
            .and_then(|s| s.as_str())
            .unwrap_or("")
            .to_string(),
    })
}

fn same_file(file: &File, path: &Path) -> bool {
    crate::platform::same_file(file, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_opener_is_told_who_holds_the_workshop() {
        let dir = tempfile::tempdir().unwrap();
        let w = dir.path().join("atelier.toml");
        let first = Lock::acquire(&w).unwrap();
        match Lock::acquire(&w) {
            Err(LockError::Held {
                holder: Some(h), ..
            }) => {
                assert_eq!(h.pid, std::process::id());
                assert!(!h.host.is_empty());
            }
            other => panic!("expected a held lock, got {other:?}"),
        }
        assert_eq!(holder_of(&w).map(|h| h.pid), Some(std::process::id()));
        drop(first);
        assert!(
            !lock_path(&w).exists(),
            "the lock file is removed on release"
        );
        assert_eq!(holder_of(&w), None);
        Lock::acquire(&w).unwrap();
    }

    #[test]
    fn a_stale_lock_file_from_a_dead_process_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let w = dir.path().join("atelier.toml");
        // A process that has exited: its pid is dead and it holds nothing.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        std::fs::write(
            lock_path(&w),
            format!("pid = {dead}\nhost = \"here\"\nsince = \"x\"\n"),
        )
        .unwrap();
        let lock = Lock::acquire(&w).unwrap();
        let text = std::fs::read_to_string(lock.path()).unwrap();
        assert!(
            text.contains(&format!("pid = {}", std::process::id())),
            "{text}"
        );
    }
}

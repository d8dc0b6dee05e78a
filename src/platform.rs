//! Everything that differs between Windows, macOS and Linux, in one place:
//! each function has a branch per platform, and CI compiles every branch
//! (`cargo check --target x86_64-pc-windows-gnu` and `aarch64-apple-darwin`
//! beside the Linux build). The rest of the code asks these functions and
//! has no `cfg` of its own.

use std::fs::{File, Metadata};
use std::io;
use std::path::Path;

/// Windows refuses to replace a file another program holds open (a sync
/// client such as OneDrive, an antivirus, Excel) with one of these: the
/// sharing violation and the lock violation.
pub const WINDOWS_HELD: [i32; 2] = [32, 33];

/// Whether `e` says another program holds the file for now.
pub fn is_held_by_another_program(e: &io::Error) -> bool {
    #[cfg(windows)]
    {
        e.raw_os_error().is_some_and(|c| WINDOWS_HELD.contains(&c))
    }
    #[cfg(not(windows))]
    {
        // POSIX lets a rename replace an open file: never held.
        let _ = e;
        false
    }
}

/// Whether a failed write is worth trying again in a moment: a file held
/// by another program, or (Windows) "access denied", which a rename over a
/// file opened without `FILE_SHARE_DELETE` gives too.
pub fn may_pass(e: &io::Error) -> bool {
    is_held_by_another_program(e) || (cfg!(windows) && e.raw_os_error() == Some(5))
}

/// Whether `e` says the process has no file descriptor left.
pub fn is_out_of_descriptors(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error()
            .is_some_and(|c| c == libc::EMFILE || c == libc::ENFILE)
    }
    #[cfg(not(unix))]
    {
        // ERROR_TOO_MANY_OPEN_FILES
        e.raw_os_error() == Some(4)
    }
}

/// Raises the soft limit of open files to the hard one (Linux and macOS
/// start many shells at 1,024 or 256), so that a room of phones cannot
/// leave the workshop's own files without descriptors. The limit in force
/// after, if the platform has one.
pub fn raise_file_limit() -> Option<u64> {
    #[cfg(unix)]
    {
        let mut lim = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit and setrlimit only read and write `lim`.
        unsafe {
            if libc::getrlimit(libc::RLIMIT_NOFILE, &raw mut lim) != 0 {
                return None;
            }
            // macOS refuses more than OPEN_MAX for the soft limit.
            let wanted = if cfg!(target_os = "macos") {
                lim.rlim_max.min(10_240)
            } else {
                lim.rlim_max
            };
            if wanted > lim.rlim_cur {
                let raised = libc::rlimit {
                    rlim_cur: wanted,
                    rlim_max: lim.rlim_max,
                };
                if libc::setrlimit(libc::RLIMIT_NOFILE, &raw const raised) == 0 {
                    lim.rlim_cur = wanted;
                }
            }
        }
        // rlim_t is not u64 on every platform.
        #[allow(clippy::unnecessary_cast)]
        Some(lim.rlim_cur as u64)
    }
    #[cfg(not(unix))]
    {
        // Windows has no per-process descriptor limit of that kind.
        None
    }
}

/// What tells one file from another on this platform, and when its
/// metadata last changed: device and inode where there are some.
pub struct Identity {
    pub dev: u64,
    pub ino: u64,
    pub modified_ns: i128,
    pub changed_ns: i128,
}

pub fn identity(m: &Metadata) -> Identity {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Identity {
            dev: m.dev(),
            ino: m.ino(),
            modified_ns: i128::from(m.mtime()) * 1_000_000_000 + i128::from(m.mtime_nsec()),
            changed_ns: i128::from(m.ctime()) * 1_000_000_000 + i128::from(m.ctime_nsec()),
        }
    }
    #[cfg(not(unix))]
    {
        let modified_ns = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        Identity {
            dev: 0,
            ino: 0,
            modified_ns,
            changed_ns: modified_ns,
        }
    }
}

/// Whether the open `file` is still the one at `path` (not replaced by a
/// rename since it was opened).
pub fn same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        // Windows cannot rename over a file held open without sharing:
        // the lock file there is the one it names while it exists.
        let _ = file;
        path.exists()
    }
}

/// SIGTERM, or SIGHUP when the terminal window is closed: time to stop,
/// after the pending saves. On Windows, closing the console ends the
/// process after the input thread notices; there is no signal to wait for.
pub struct Stop {
    #[cfg(unix)]
    signals: (tokio::signal::unix::Signal, tokio::signal::unix::Signal),
}

impl Stop {
    pub fn new() -> io::Result<Stop> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Stop {
                signals: (
                    signal(SignalKind::terminate())?,
                    signal(SignalKind::hangup())?,
                ),
            })
        }
        #[cfg(not(unix))]
        Ok(Stop {})
    }

    pub async fn wait(&mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.signals.0.recv() => {}
            _ = self.signals.1.recv() => {}
        }
        #[cfg(not(unix))]
        std::future::pending::<()>().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_limit_is_raised_or_said_absent() {
        let limit = raise_file_limit();
        #[cfg(unix)]
        assert!(limit.is_some_and(|l| l >= 256), "{limit:?}");
        #[cfg(not(unix))]
        assert!(limit.is_none());
    }

    #[test]
    fn a_file_replaced_by_a_rename_is_no_longer_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        std::fs::write(&a, "1").unwrap();
        let held = File::open(&a).unwrap();
        assert!(same_file(&held, &a));
        let b = dir.path().join("b");
        std::fs::write(&b, "2").unwrap();
        std::fs::rename(&b, &a).unwrap();
        #[cfg(unix)]
        assert!(!same_file(&held, &a));
    }

    #[test]
    fn running_out_of_descriptors_is_told_apart() {
        #[cfg(unix)]
        assert!(is_out_of_descriptors(&io::Error::from_raw_os_error(
            libc::EMFILE
        )));
        assert!(!is_out_of_descriptors(&io::Error::from(
            io::ErrorKind::NotFound
        )));
    }

    #[test]
    fn only_windows_says_a_file_is_held_by_another_program() {
        let sharing = io::Error::from_raw_os_error(32);
        assert_eq!(is_held_by_another_program(&sharing), cfg!(windows));
        let missing = io::Error::from(io::ErrorKind::NotFound);
        assert!(!is_held_by_another_program(&missing));
    }
}

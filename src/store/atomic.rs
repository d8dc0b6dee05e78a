//! Durable, atomic file writes: a temp file in the same folder, fsync,
//! rename over the target, fsync of the folder. A crash at any instant
//! leaves either the old file or the new one, never a mix.

use atomic_write_file::AtomicWriteFile;
use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path`, through symlinks: a link is never replaced by
/// a file, its target is written (in the target's folder) and keeps its
/// mode; a new file gets the default mode (0666 less the umask).
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = super::paths::resolve(path);
    // A file held open by another program (a sync client, an antivirus,
    // Excel) cannot be replaced on Windows until it lets go, which is
    // usually a moment: try again briefly before saying so.
    retry_while(crate::platform::may_pass, || write_once(&target, bytes))
}

/// Runs `write` again while its error is one `held` says will pass.
fn retry_while(
    held: impl Fn(&io::Error) -> bool,
    mut write: impl FnMut() -> io::Result<()>,
) -> io::Result<()> {
    let mut tries = 0;
    loop {
        match write() {
            Err(e) if held(&e) && tries < HELD_RETRIES => {
                tries += 1;
                std::thread::sleep(HELD_PAUSE * tries);
            }
            done => return done,
        }
    }
}

/// How often, and after how long a pause (growing), a replace refused
/// because another program holds the file is tried again: 1.5 s in all.
const HELD_RETRIES: u32 = 5;
const HELD_PAUSE: std::time::Duration = std::time::Duration::from_millis(100);

fn write_once(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = AtomicWriteFile::options().open(target)?;
    file.write_all(bytes)?;
    slow_disk();
    // commit() fsyncs the temp file, renames it over the target and
    // fsyncs the folder (which makes the rename itself durable): one
    // fsync of each, nothing more.
    file.commit()
}

/// `ATELIER_SLOW_DISK_MS`: each durable write takes that much longer, as on
/// a USB stick or a busy laptop. For rehearsing (and testing) what the
/// screen says while a save is on its way; unset, it costs nothing.
fn slow_disk() {
    static DELAY: std::sync::OnceLock<Option<std::time::Duration>> = std::sync::OnceLock::new();
    let delay = DELAY.get_or_init(|| {
        std::env::var("ATELIER_SLOW_DISK_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .map(std::time::Duration::from_millis)
    });
    if let Some(d) = delay {
        std::thread::sleep(*d);
    }
}

/// Whether a file name is a temp file `atomic-write-file` makes for
/// `target_name`: `.<target_name>.XXXXXX`.
pub fn is_temp_for(file_name: &str, target_name: &str) -> bool {
    file_name
        .strip_prefix('.')
        .and_then(|rest| rest.strip_prefix(target_name))
        .and_then(|rest| rest.strip_prefix('.'))
        .is_some_and(|suffix| {
            suffix.len() == 6 && suffix.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_held_by_another_program_is_tried_again_then_reported() {
        let sharing = || io::Error::from_raw_os_error(crate::platform::WINDOWS_HELD[0]);
        let held = |e: &io::Error| e.raw_os_error() == Some(32);
        let mut calls = 0;
        let let_go = retry_while(held, || {
            calls += 1;
            if calls < 3 { Err(sharing()) } else { Ok(()) }
        });
        assert!(let_go.is_ok(), "the program let go: saved");
        assert_eq!(calls, 3);
        let mut calls = 0;
        let never = retry_while(held, || {
            calls += 1;
            Err(sharing())
        });
        assert_eq!(never.unwrap_err().raw_os_error(), Some(32), "said plainly");
        assert_eq!(calls, HELD_RETRIES as usize + 1, "briefly, then it stops");
        let mut calls = 0;
        let other = retry_while(held, || {
            calls += 1;
            Err(io::Error::from(io::ErrorKind::NotFound))
        });
        assert!(other.is_err());
        assert_eq!(calls, 1, "other errors are not retried");
    }

    #[test]
    fn writes_replace_the_whole_file_and_leave_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        write(&path, b"first version, rather long").unwrap();
        write(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_folder_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let err = write(&dir.path().join("nope/a.toml"), b"x").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    }

    #[test]
    fn temp_names_are_recognised() {
        assert!(is_temp_for(".atelier.toml.a1B2c3", "atelier.toml"));
        assert!(!is_temp_for(".atelier.toml.a1B2c", "atelier.toml"));
        assert!(!is_temp_for("atelier.toml", "atelier.toml"));
        assert!(!is_temp_for(".other.toml.a1B2c3", "atelier.toml"));
    }
}

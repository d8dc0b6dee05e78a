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
    let mut file = AtomicWriteFile::options().open(&target)?;
    file.write_all(bytes)?;
    // commit() fsyncs the temp file, renames it over the target and
    // fsyncs the folder (which makes the rename itself durable): one
    // fsync of each, nothing more.
    file.commit()
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

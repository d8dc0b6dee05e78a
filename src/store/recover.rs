//! Temp files left behind by a crash during a save. One newer than the
//! workshop may hold the last change: it is offered for recovery, and never
//! deleted blindly — set aside in the backups when not wanted.

use super::atomic::is_temp_for;
use super::backup::{Kind, write_backup};
use super::format::parse;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Orphan {
    pub path: PathBuf,
    pub modified: SystemTime,
    /// Whether it is a complete, valid workshop (else it was cut short).
    pub complete: bool,
}

/// Temp files of `workshop` newer than it (or any, if it is missing).
pub fn orphans(workshop: &Path) -> Vec<Orphan> {
    let Some(name) = workshop
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
    else {
        return Vec::new();
    };
    let dir = match workshop.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let current = fs::metadata(workshop).and_then(|m| m.modified()).ok();
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<Orphan> = entries
        .filter_map(Result::ok)
        .filter(|e| is_temp_for(&e.file_name().to_string_lossy(), &name))
        .filter_map(|e| {
            let modified = e.metadata().ok()?.modified().ok()?;
            if current.is_some_and(|c| modified <= c) {
                return None;
            }
            let complete = fs::read_to_string(e.path()).is_ok_and(|t| parse(&t).is_ok());
            Some(Orphan {
                path: e.path(),
                modified,
                complete,
            })
        })
        .collect();
    out.sort_by_key(|o| std::cmp::Reverse(o.modified));
    out
}

/// Puts a complete orphan in place of the workshop; the workshop as it was
/// goes to the backups first.
pub fn adopt(orphan: &Orphan, workshop: &Path) -> io::Result<()> {
    if let Ok(bytes) = fs::read(workshop) {
        write_backup(workshop, Kind::SetAside, &bytes)?;
    }
    fs::rename(&orphan.path, workshop)
}

/// Moves an orphan into the backups, out of the way but kept.
pub fn set_aside(orphan: &Orphan, workshop: &Path) -> io::Result<PathBuf> {
    let bytes = fs::read(&orphan.path)?;
    let kept = write_backup(workshop, Kind::SetAside, &bytes)?;
    fs::remove_file(&orphan.path)?;
    Ok(kept)
}

//! Backups kept beside each workshop, in `.atelier-backups/`: the file as
//! it was when opened, and a snapshot at most every few minutes while it
//! changes. The last 10 of each kind are kept.

use super::atomic;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub const KEEP: usize = 10;
pub const SNAPSHOT_EVERY: Duration = Duration::from_secs(3 * 60);
pub const DIR: &str = ".atelier-backups";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// The file as it was when a session opened it.
    Opened,
    /// A periodic snapshot while it changed.
    Snapshot,
    /// A file set aside rather than deleted: the one replaced by a
    /// restore, or a crash's temp file the facilitator did not recover.
    SetAside,
    /// The file as someone else changed it while atelier had it open.
    External,
}

impl Kind {
    fn tag(self) -> &'static str {
        match self {
            Kind::Opened => "opened",
            Kind::Snapshot => "snapshot",
            Kind::SetAside => "aside",
            Kind::External => "external",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    pub kind: Kind,
    /// `YYYYmmdd-HHMMSS`, as in the name: sorts by time.
    pub stamp: String,
    /// Several backups within one second are numbered 1, 2, 3…
    pub seq: u32,
    pub bytes: u64,
}

#[derive(Debug)]
pub struct Backups {
    workshop: PathBuf,
    last_snapshot: Option<Instant>,
}

pub fn dir_for(workshop: &Path) -> PathBuf {
    workshop.with_file_name(DIR)
}

fn stem(workshop: &Path) -> String {
    workshop
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

impl Backups {
    pub fn new(workshop: &Path) -> Backups {
        Backups {
            workshop: workshop.to_path_buf(),
            last_snapshot: None,
        }
    }

    /// Keeps the file as it is now (before this session changes it).
    pub fn keep_opened(&self) -> io::Result<Option<PathBuf>> {
        match fs::read(&self.workshop) {
            Ok(bytes) => write_backup(&self.workshop, Kind::Opened, &bytes).map(Some),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Writes a snapshot of `contents` if the last one is old enough.
    pub fn maybe_snapshot(&mut self, now: Instant, contents: &[u8]) -> io::Result<bool> {
        if self
            .last_snapshot
            .is_some_and(|t| now.duration_since(t) < SNAPSHOT_EVERY)
        {
            return Ok(false);
        }
        write_backup(&self.workshop, Kind::Snapshot, contents)?;
        self.last_snapshot = Some(now);
        Ok(true)
    }
}

/// Writes a backup of `workshop` and prunes that kind to the last [`KEEP`].
pub fn write_backup(workshop: &Path, kind: Kind, bytes: &[u8]) -> io::Result<PathBuf> {
    let dir = dir_for(workshop);
    fs::create_dir_all(&dir)?;
    let stamp = crate::clock::Clock::System.format("%Y%m%d-%H%M%S");
    let base = format!("{}.{stamp}.{}", stem(workshop), kind.tag());
    // Within one second, number past the highest in use (not the first
    // free number: pruning frees low ones, which would sort too early).
    let seq = list(workshop)?
        .iter()
        .filter(|b| b.stamp == stamp)
        .map(|b| b.seq)
        .max()
        .map_or(1, |s| s + 1);
    let path = if seq == 1 {
        dir.join(format!("{base}.toml"))
    } else {
        dir.join(format!("{base}-{seq}.toml"))
    };
    atomic::write(&path, bytes)?;
    prune(workshop, kind)?;
    Ok(path)
}

fn prune(workshop: &Path, kind: Kind) -> io::Result<()> {
    if matches!(kind, Kind::SetAside | Kind::External) {
        // Set-aside files and other people's versions are never deleted
        // automatically.
        return Ok(());
    }
    let mut same: Vec<Backup> = list(workshop)?
        .into_iter()
        .filter(|b| b.kind == kind)
        .collect();
    while same.len() > KEEP {
        let oldest = same.remove(0);
        fs::remove_file(oldest.path)?;
    }
    Ok(())
}

/// The backups of `workshop`, oldest first.
pub fn list(workshop: &Path) -> io::Result<Vec<Backup>> {
    let dir = dir_for(workshop);
    let prefix = format!("{}.", stem(workshop));
    let entries = match fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name
            .strip_prefix(&prefix)
            .and_then(|r| r.strip_suffix(".toml"))
        else {
            continue;
        };
        // rest = "YYYYmmdd-HHMMSS.kind" or "YYYYmmdd-HHMMSS.kind-N"
        let Some((stamp, tag)) = rest.split_once('.') else {
            continue;
        };
        let (tag, seq) = match tag.split_once('-') {
            Some((t, n)) => (t, n.parse().unwrap_or(u32::MAX)),
            None => (tag, 1),
        };
        let kind = match tag {
            "opened" => Kind::Opened,
            "snapshot" => Kind::Snapshot,
            "aside" => Kind::SetAside,
            "external" => Kind::External,
            _ => continue,
        };
        if stamp.len() != 15 || !stamp.chars().all(|c| c.is_ascii_digit() || c == '-') {
            continue;
        }
        out.push(Backup {
            bytes: entry.metadata().map_or(0, |m| m.len()),
            path: entry.path(),
            kind,
            stamp: stamp.to_string(),
            seq,
        });
    }
    out.sort_by(|a, b| (&a.stamp, a.seq).cmp(&(&b.stamp, b.seq)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_last_ten_of_each_kind_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let w = dir.path().join("atelier.toml");
        fs::write(&w, "v0").unwrap();
        let b = Backups::new(&w);
        b.keep_opened().unwrap();
        for i in 0..15 {
            write_backup(&w, Kind::Snapshot, format!("v{i}").as_bytes()).unwrap();
        }
        let all = list(&w).unwrap();
        let snaps: Vec<_> = all.iter().filter(|b| b.kind == Kind::Snapshot).collect();
        assert_eq!(snaps.len(), KEEP);
        assert_eq!(fs::read_to_string(&snaps[KEEP - 1].path).unwrap(), "v14");
        assert_eq!(fs::read_to_string(&snaps[0].path).unwrap(), "v5");
        assert_eq!(all.iter().filter(|b| b.kind == Kind::Opened).count(), 1);
    }

    #[test]
    fn snapshots_wait_between_changes() {
        let dir = tempfile::tempdir().unwrap();
        let w = dir.path().join("atelier.toml");
        let mut b = Backups::new(&w);
        let t0 = Instant::now();
        assert!(b.maybe_snapshot(t0, b"a").unwrap());
        assert!(
            !b.maybe_snapshot(t0 + Duration::from_secs(60), b"b")
                .unwrap()
        );
        assert!(b.maybe_snapshot(t0 + SNAPSHOT_EVERY, b"c").unwrap());
        assert_eq!(list(&w).unwrap().len(), 2);
    }
}

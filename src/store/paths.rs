//! Where workshops and the config file live.
//!
//! Workshops: `--dir`, else `$ATELIER_HOME/sessions`, else the config's
//! `sessions_dir`, else `./sessions` when it exists (a clone of the
//! repository, with its example), else the user's data folder. Config: `$ATELIER_HOME/config.toml`, else the user's
//! config folder.

use crate::domain::participant::fold;
use directories::ProjectDirs;
use std::path::{Path, PathBuf};

pub const HOME_VAR: &str = "ATELIER_HOME";

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("fr", "atelier", "atelier")
}

fn home() -> Option<PathBuf> {
    std::env::var_os(HOME_VAR)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

pub fn sessions_dir(cli: Option<&Path>, config: Option<&Path>) -> PathBuf {
    if let Some(dir) = cli {
        return dir.to_path_buf();
    }
    if let Some(home) = home() {
        return home.join("sessions");
    }
    if let Some(dir) = config {
        return dir.to_path_buf();
    }
    let local = PathBuf::from("sessions");
    if local.is_dir() {
        return local;
    }
    project_dirs()
        .map(|d| d.data_dir().join("sessions"))
        .unwrap_or(local)
}

/// The file `path` names, through any symlinks: saves, locks and backups
/// go to the real file, so a link stays a link and its target is updated.
/// A path that is not a link is returned as it is.
pub fn resolve(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    // A loop of links ends here rather than spinning.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let Ok(target) = std::fs::read_link(&current) else {
                    return current;
                };
                current = match current.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return current,
        }
    }
    current
}

pub fn config_file() -> Option<PathBuf> {
    if let Some(home) = home() {
        return Some(home.join("config.toml"));
    }
    project_dirs().map(|d| d.config_dir().join("config.toml"))
}

/// A file's name as a list shows it (the whole path when it has none).
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A file name from a title: `Concertation Pacte — Drôme (26)` gives
/// `concertation-pacte-drome-26`.
pub fn slug(title: &str) -> String {
    let folded = fold(title);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(60).collect();
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "atelier".into()
    } else {
        out
    }
}

/// A free path for a new workshop titled `title` in `dir`.
pub fn new_workshop_path(dir: &Path, title: &str) -> PathBuf {
    let base = slug(title);
    let mut path = dir.join(format!("{base}.toml"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{base}-{n}.toml"));
        n += 1;
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain_ascii() {
        assert_eq!(
            slug("Concertation Pacte — Drôme (26)"),
            "concertation-pacte-drome-26"
        );
        assert_eq!(slug("  🎉 "), "atelier");
        assert_eq!(slug(&"a".repeat(100)).len(), 60);
    }

    #[test]
    fn new_paths_never_clobber() {
        let dir = tempfile::tempdir().unwrap();
        let first = new_workshop_path(dir.path(), "Atelier");
        std::fs::write(&first, "x").unwrap();
        assert_eq!(
            new_workshop_path(dir.path(), "Atelier"),
            dir.path().join("atelier-2.toml")
        );
    }
}

//! What the tests that run the real binary share. Each test crate uses a
//! part of it, hence the `dead_code` allowance.
#![allow(dead_code)]

pub mod browser;
pub mod phones;
pub mod pty;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The variables that choose a language: the machine's own must not leak
/// into a test (an `LC_ALL=en_US.UTF-8` CI would otherwise read English).
pub const LOCALE_VARS: [&str; 4] = ["LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"];

/// atelier with a private home, in French, whatever the machine's locale.
pub fn command(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_atelier"));
    for var in LOCALE_VARS {
        cmd.env_remove(var);
    }
    cmd.env("ATELIER_HOME", home).env("LANG", "fr_FR.UTF-8");
    cmd
}

/// Runs atelier with a private home, so nothing touches the user's files.
pub fn atelier(home: &Path, args: &[&str]) -> Output {
    command(home).args(args).output().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The shipped example workshop.
pub const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sessions/exemple-drome.toml");

/// A private home whose workshops folder holds a copy of the example.
pub fn home_with_example() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("sessions")).unwrap();
    std::fs::copy(EXAMPLE, home.path().join("sessions/exemple-drome.toml")).unwrap();
    home
}

pub fn example_in(home: &Path) -> PathBuf {
    home.join("sessions/exemple-drome.toml")
}

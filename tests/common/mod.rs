//! What the tests that run the real binary share.

use std::path::Path;
use std::process::{Command, Output};

/// Runs atelier with a private home, so nothing touches the user's files.
pub fn atelier(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_atelier"))
        .args(args)
        .env("ATELIER_HOME", home)
        .env("LANG", "fr_FR.UTF-8")
        .output()
        .unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

//! Hand-broken workshop files: each is reported with the file, line and
//! column of the mistake, and never overwritten.
#![allow(clippy::unwrap_used, clippy::panic)] // A test or bench fails by panicking.

use atelier::i18n::{Lang, Localize};
use atelier::store::{self, Access, Session, StoreError};
use std::path::Path;

const GOOD: &str = r##"format = 1

[workshop]
title = "Atelier de test"
date = 2024-03-14

[[axes]]
key = 1
title = "Enfance"
short = "Enfance"
color = "#E69F00"

[[axes]]
key = 2
title = "Emploi"
short = "Emploi"
color = "#56B4E9"

[[participants]]
id = 1
name = "Nadia"

[[proposals]]
id = 1
text = "Un référent unique"
axes = [1]

[[proposals]]
id = 2
text = "Deux"
axes = [2]

[[rounds]]
id = 1
name = "Tour 1"
scope = "all"
mode = "ballots"
dots_per_voter = 3
max_per_proposal = 2
open = false
revealed = true

[[rounds.ballots]]
voter = "p1"

[rounds.ballots.dots]
1 = 2
2 = 1
"##;

/// The 1-based line and column where `needle` starts in `text`, or where
/// its `^` marker is (`"7 = ^1"` points at the `1`).
fn position(text: &str, needle: &str) -> (usize, usize) {
    let offset = needle.find('^').unwrap_or(0);
    let needle = needle.replace('^', "");
    let at = text
        .find(&needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"))
        + offset;
    let line = text[..at].matches('\n').count() + 1;
    let col = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

/// Writes `text`, opens it, and returns the error, checking that the file
/// was left exactly as it was.
fn open_broken(dir: &Path, text: &str) -> StoreError {
    let path = dir.join("casse.toml");
    std::fs::write(&path, text).unwrap();
    let err = Session::open(&path, Access::ReadWrite).expect_err("a broken file must not open");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "the broken file was changed"
    );
    err
}

fn located(err: &StoreError) -> (usize, usize, String) {
    match err {
        StoreError::Bad { located, .. } => (located.line, located.column, err.to_string()),
        other => panic!("expected a located error, got {other:?}"),
    }
}

/// Replaces `from` (which must occur once) and expects the error at the
/// first character of `at` in the broken text, with `words` in its message.
fn case(from: &str, to: &str, at: &str, words: &str) {
    assert_eq!(GOOD.matches(from).count(), 1, "{from:?} must occur once");
    let broken = GOOD.replacen(from, to, 1);
    let dir = tempfile::tempdir().unwrap();
    let err = open_broken(dir.path(), &broken);
    let (line, col, message) = located(&err);
    assert_eq!((line, col), position(&broken, at), "{message}");
    assert!(message.contains(words), "{message:?} lacks {words:?}");
    let french = err.localize(Lang::Fr);
    assert!(
        french.contains(&format!("ligne {line}, colonne {col}")),
        "{french}"
    );
    assert!(french.contains("casse.toml"), "{french}");
    assert!(french.contains("n'a pas été modifié"), "{french}");
}

#[test]
fn the_good_file_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ok.toml");
    std::fs::write(&path, GOOD).unwrap();
    let (_, w) = Session::open(&path, Access::ReadWrite).unwrap();
    assert_eq!(w.proposals().len(), 2);
}

#[test]
fn an_unterminated_string() {
    case(
        "text = \"Deux\"",
        "text = \"Deux",
        "\naxes = [2]",
        "invalid basic string",
    );
}

#[test]
fn a_wrong_type() {
    case(
        "id = 2\ntext",
        "id = \"deux\"\ntext",
        "\"deux\"",
        "invalid type: string \"deux\", expected u32",
    );
}

#[test]
fn a_duplicate_proposal_id() {
    case(
        "id = 2\ntext",
        "id = 1\ntext",
        "id = ^1\ntext = \"Deux\"",
        "proposal number 1 is used twice",
    );
}

#[test]
fn a_ballot_naming_a_missing_proposal() {
    case("2 = 1\n", "7 = 1\n", "7 = ^1", "proposal 7 does not exist");
}

#[test]
fn an_axis_that_does_not_exist() {
    case(
        "axes = [2]",
        "axes = [2, 5]",
        "[2, ^5]",
        "axis 5 does not exist",
    );
}

#[test]
fn a_misspelt_field_is_not_silently_dropped() {
    case(
        "text = \"Deux\"",
        "txt = \"Deux\"",
        "txt",
        "unknown field `txt`",
    );
}

#[test]
fn an_impossible_date() {
    case(
        "date = 2024-03-14",
        "date = 2024-13-45",
        "2024-13-45",
        "expected month between 01 and 12",
    );
}

#[test]
fn a_voter_who_is_not_a_participant() {
    case(
        "voter = \"p1\"",
        "voter = \"p9\"",
        "\"p9\"",
        "participant 9 does not exist",
    );
}

#[test]
fn a_colour_that_is_not_one() {
    case(
        "color = \"#56B4E9\"",
        "color = \"bleu\"",
        "\"bleu\"",
        "invalid colour",
    );
}

#[test]
fn a_file_from_a_newer_atelier() {
    case(
        "format = 1",
        "format = 9",
        "format = ^9",
        "format 9 was written by a newer atelier",
    );
}

#[test]
fn a_file_that_is_not_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binaire.toml");
    std::fs::write(&path, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let err = store::load(&path).unwrap_err();
    assert!(
        err.localize(Lang::Fr).contains("UTF-8"),
        "{}",
        err.localize(Lang::Fr)
    );
}

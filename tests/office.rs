//! The office files as an officer prints them: every .xlsx, .ods, .docx
//! and .odt of a workshop is turned into PDF by LibreOffice (headless),
//! and the PDF is read: A4 pages, no text under 8 pt, page numbers on
//! every page, the header row of a table on every page it runs over, no
//! warning from LibreOffice; and the OpenDocument files print the same
//! words as the Office ones.
//!
//! `.ci/run` installs Debian's `libreoffice-calc`, `libreoffice-writer`
//! and `poppler-utils` (pdfinfo, pdftotext). Without them the test says it
//! was skipped; under `CI=true` that fails.
#![allow(clippy::unwrap_used, clippy::panic)] // A test or bench fails by panicking.

use atelier::domain::sample::generated;
use atelier::domain::sheet::{BudgetLine, FunderKind};
use atelier::domain::{ProposalId, RoundId, Workshop, apply};
use atelier::export::{Format, Options, write};
use atelier::i18n::Lang;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn skip(why: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must print the office files through LibreOffice: {why}"
    );
    eprintln!("skipped: {why}");
}

fn found(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
        || Command::new(program)
            .arg("-v")
            .output()
            .is_ok_and(|o| o.status.success())
}

/// 240 proposals, 40 voters, a revealed round, three drafted fiches with
/// a budget over three years and five funders.
fn workshop() -> Workshop {
    let mut w = generated(240, 40);
    for p in [3, 17, 42] {
        let op = w
            .op_draft_sheet(ProposalId(p), Some(RoundId(1)), 12)
            .unwrap();
        apply(&mut w, op).unwrap();
    }
    let ids: Vec<_> = w.sheets().iter().map(|s| s.id.clone()).collect();
    for id in ids {
        let mut sheet = w.sheets().iter().find(|s| s.id == id).unwrap().clone();
        sheet.constat =
            "Premier paragraphe du constat.\nSecond paragraphe, après un retour à la ligne."
                .to_string();
        for year in 2025..=2027 {
            for (funder, kind, amount) in [
                ("DDETS de la Drôme (BOP 304)", FunderKind::Etat, 60_000),
                ("Conseil départemental", FunderKind::Departement, 30_000),
                ("CAF de la Drôme", FunderKind::Caf, 15_000),
                ("Valence Romans Agglo", FunderKind::Epci, 10_000),
                ("Secours populaire", FunderKind::Association, 3_500),
            ] {
                sheet.budget.push(BudgetLine {
                    year,
                    funder: funder.to_string(),
                    kind: Some(kind),
                    amount,
                });
            }
        }
        apply(&mut w, atelier::domain::Op::ReplaceSheet(Box::new(sheet))).unwrap();
    }
    w
}

/// Every office file under `dir`.
fn office_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p
                .extension()
                .is_some_and(|e| ["xlsx", "ods", "docx", "odt"].iter().any(|x| e == *x))
            {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// `file` as PDF in `out`, named `<stem>.<ext>.pdf`; LibreOffice's
/// standard error (its warnings) beside it.
fn to_pdf(file: &Path, out: &Path, profile: &Path) -> (PathBuf, String) {
    let ext = file.extension().unwrap().to_str().unwrap();
    let dir = out
        .join(ext)
        .join(file.parent().unwrap().file_name().unwrap());
    std::fs::create_dir_all(&dir).unwrap();
    let o = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&dir)
        .arg(file)
        .output()
        .expect("soffice runs");
    let pdf = dir.join(file.file_stem().unwrap()).with_extension("pdf");
    assert!(
        o.status.success() && pdf.is_file(),
        "{}: {}",
        file.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    (pdf, String::from_utf8_lossy(&o.stderr).into_owned())
}

/// One printed page: its size in points and its words with their height.
struct Page {
    width: f64,
    height: f64,
    words: Vec<(String, f64)>,
}

impl Page {
    fn text(&self) -> String {
        self.words
            .iter()
            .map(|(w, _)| w.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The pages of a PDF as pdftotext's bounding boxes give them.
fn pages(pdf: &Path) -> Vec<Page> {
    let o = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let html = String::from_utf8_lossy(&o.stdout).into_owned();
    let doc = html.replace("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">", "");
    let tree = roxmltree::Document::parse(&doc).expect("pdftotext's XHTML");
    tree.descendants()
        .filter(|n| n.tag_name().name() == "page")
        .map(|p| {
            let num = |n: roxmltree::Node, a: &str| -> f64 {
                n.attribute(a).and_then(|v| v.parse().ok()).unwrap_or(0.0)
            };
            Page {
                width: num(p, "width"),
                height: num(p, "height"),
                words: p
                    .children()
                    .filter(|w| w.tag_name().name() == "word")
                    .map(|w| {
                        let h = num(w, "yMax") - num(w, "yMin");
                        (w.text().unwrap_or_default().to_string(), h)
                    })
                    .collect(),
            }
        })
        .collect()
}

/// pdftotext's box of a word in Liberation Sans is 1.15 × its size: 8 pt
/// text is 9.2 points tall.
const EIGHT_POINTS: f64 = 9.0;

#[allow(clippy::too_many_lines)] // One scenario, step by step, as a facilitator lives it.
#[test]
fn office_files_print_on_a4_readable_numbered_with_their_header_rows() {
    for tool in ["soffice", "pdftotext"] {
        if !found(tool) {
            return skip(&format!("{tool} is not installed"));
        }
    }
    let home = tempfile::tempdir().unwrap();
    let w = workshop();
    let export = home.path().join("export");
    write(&w, Format::All, &Options::new(Lang::Fr), &export).unwrap();
    let files = office_files(&export);
    assert_eq!(files.len(), 2 + 2 * (1 + w.sheets().len()), "{files:?}");
    let profile = home.path().join("lo-profile");
    let pdfs = home.path().join("pdf");
    let mut words_of: std::collections::BTreeMap<String, BTreeSet<String>> =
        std::collections::BTreeMap::default();
    for file in &files {
        let (pdf, stderr) = to_pdf(file, &pdfs, &profile);
        let name = file.strip_prefix(&export).unwrap().display().to_string();
        let warnings: Vec<&str> = stderr
            .lines()
            .filter(|l| {
                let l = l.to_lowercase();
                // Its Java helper, which nothing here uses, is not a
                // warning about the file.
                (l.contains("warn") || l.contains("error")) && !l.contains("javaldx")
            })
            .collect();
        assert!(warnings.is_empty(), "{name}: {warnings:?}");
        let pages = pages(&pdf);
        assert!(!pages.is_empty(), "{name}");
        let spreadsheet = std::path::Path::new(&name)
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("xlsx"))
            || std::path::Path::new(&name)
                .extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("ods"));
        let mut words = BTreeSet::new();
        for (i, page) in pages.iter().enumerate() {
            let at = format!("{name}, page {}", i + 1);
            let (short, long) = if page.width < page.height {
                (page.width, page.height)
            } else {
                (page.height, page.width)
            };
            assert!(
                (short - 595.3).abs() < 1.5 && (long - 841.9).abs() < 1.5,
                "{at}: {}×{} pt is not A4",
                page.width,
                page.height
            );
            let smallest = page.words.iter().map(|(_, h)| *h).fold(f64::MAX, f64::min);
            assert!(
                smallest >= EIGHT_POINTS,
                "{at}: text {:.1} pt tall",
                smallest / 1.15
            );
            let text = page.text();
            let numbered = format!("Page {} / {}", i + 1, pages.len());
            assert!(
                text.contains(&numbered),
                "{at}: no « {numbered} » in {text}"
            );
            // A data sheet's pages each start with its header row.
            if spreadsheet && !text.contains("Propositions par axe") {
                let heads = ["N°", "Tour", "Fiche", "Libellé", "Intitulé"];
                assert!(
                    heads.iter().any(|h| page.words.iter().any(|(w, _)| w == h)),
                    "{at}: no header row in {text}"
                );
            }
            for (word, _) in &page.words {
                words.insert(word.clone());
            }
        }
        // The report's ranking runs over pages: its header on each (as the
        // funding grid's, the other table of shares, when it runs over).
        if name.starts_with("rapport.") {
            let ranked: Vec<&Page> = pages
                .iter()
                .filter(|p| {
                    // A ranking row ends its share with "%": a page with
                    // many of them holds the ranking.
                    let shares = p
                        .words
                        .windows(2)
                        .filter(|w| w[1].0 == "%" && w[0].0.contains(','));
                    shares.count() >= 5
                })
                .collect();
            let ranking = ranked
                .iter()
                .filter(|p| p.words.iter().any(|(w, _)| w == "Rang"));
            assert!(ranking.count() >= 2, "{name}: the ranking spans pages");
            for page in ranked {
                assert!(
                    page.words
                        .iter()
                        .any(|(w, _)| w == "Rang" || w == "Financeur"),
                    "{name}: a page of the ranking without its header: {}",
                    page.text()
                );
            }
        }
        // Numbers are printed in LibreOffice's locale for the .xlsx and in
        // the document's for the .ods ("0.5%" here, "0,5%" there): compared
        // without their separators, and page numbers left out.
        let words: BTreeSet<String> = words
            .into_iter()
            .map(|w| {
                if w.chars().all(|c| c.is_ascii_digit() || ",.%".contains(c)) {
                    w.replace([',', '.'], "")
                } else {
                    w
                }
            })
            .filter(|w| w.parse::<u32>().is_err())
            .collect();
        words_of.insert(name, words);
    }
    // What the OpenDocument files print is what the Office ones print.
    for (odf, office) in [("ods", "xlsx"), ("odt", "docx")] {
        for (name, words) in words_of.iter().filter(|(n, _)| n.ends_with(odf)) {
            let twin = format!("{}{office}", name.trim_end_matches(odf));
            let twin = words_of.get(&twin).unwrap_or_else(|| panic!("{twin}"));
            let only: Vec<_> = words.symmetric_difference(twin).collect();
            assert!(only.is_empty(), "{name} and its twin differ: {only:?}");
        }
    }
}

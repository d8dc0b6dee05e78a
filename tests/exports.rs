//! `atelier export` and `atelier merge`, run as a facilitator would, and
//! their files opened by real tools: Python's `csv`, `tomllib` and an XML
//! parser for the HTML (skipped, with a printed reason, without python3).
#![allow(clippy::unwrap_used, clippy::panic)] // A test or bench fails by panicking.

mod common;

use atelier::domain::synthesis::summary;
use atelier::domain::{Stamp, Workshop, apply, sample::generated_for};
use common::{atelier, stderr, stdout};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::EXAMPLE;

/// The text the room might type at its worst.
const TRICKY: &str = "Tarif « 1 € » ; \"gratuit\" | *vraiment*\n<script>alert('x')</script> & 🤝";

/// The example with one more, tricky, proposal, saved in `dir`.
fn tricky_workshop(dir: &Path) -> PathBuf {
    let mut w = atelier::store::load(Path::new(EXAMPLE)).unwrap();
    let now = Stamp::from_ymd_hms(2024, 3, 14, 11, 0, 0).unwrap();
    let op = w
        .op_add_proposal(TRICKY, vec![2], "Asso ; \"A\"", now)
        .unwrap();
    apply(&mut w, op).unwrap();
    let path = dir.join("drome.toml");
    atelier::store::write(&path, &w).unwrap();
    path
}

/// A check that cannot run is a failure under `CI=true`, where
/// everything it needs is installed: CI never passes by skipping.
fn fail_under_ci(what: &str) {
    assert!(
        std::env::var("CI").ok().as_deref() != Some("true"),
        "CI=true: {what}"
    );
}

/// Runs a Python script with arguments; `None` when there is no python3.
fn python(script: &str, args: &[&Path]) -> Option<Output> {
    let mut cmd = Command::new("python3");
    cmd.arg("-c").arg(script);
    for a in args {
        cmd.arg(a);
    }
    if let Ok(o) = cmd.output() {
        Some(o)
    } else {
        fail_under_ci("python3 must be installed");
        println!("skipped the Python check: python3 is not available");
        None
    }
}

fn has_tomllib() -> bool {
    Command::new("python3")
        .args(["-c", "import tomllib"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[allow(clippy::too_many_lines)] // One scenario, step by step, as a facilitator lives it.
#[test]
fn export_writes_every_format_and_leaves_the_workshop_untouched() {
    let home = tempfile::tempdir().unwrap();
    let path = tricky_workshop(home.path());
    let before = std::fs::read(&path).unwrap();
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let out = atelier(home.path(), &["export", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("23 fichiers écrits"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "exporting never changes the workshop"
    );
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
    let dir = home.path().join("drome/export");
    for f in [
        "rapport.md",
        "rapport.html",
        "propositions.csv",
        "bulletins.csv",
        "resultats.csv",
        "fiches.csv",
        "budget.csv",
        "budget_totaux.csv",
        "indicateurs.csv",
        "fiches.md",
        "fiches/FA-01.toml",
        "resultats.xlsx",
        "rapport.docx",
        "fiches/FA-01.docx",
    ] {
        assert!(dir.join(f).is_file(), "{f} is written");
    }
    let w = atelier::store::load(&path).unwrap();

    // Python's csv module, the way a French spreadsheet file is read.
    let script = r#"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline=""), delimiter=";"))
assert all(len(r) == len(rows[0]) for r in rows), "ragged rows"
assert not rows[0][0].startswith("\ufeff"), "the BOM is not part of the first header"
tricky = [r for r in rows if r[1].startswith("Tarif")]
assert len(tricky) == 1, tricky
print(len(rows) - 1)
print(tricky[0][1])
"#;
    if let Some(o) = python(script, &[&dir.join("propositions.csv")]) {
        assert!(o.status.success(), "{}", stderr(&o));
        let stdout = stdout(&o);
        let mut lines = stdout.splitn(2, '\n');
        assert_eq!(lines.next().unwrap(), w.proposals().len().to_string());
        assert_eq!(lines.next().unwrap().trim_end_matches('\n'), TRICKY);
    }
    let ballots = r#"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline=""), delimiter=";"))
print(sum(int(r["Gommettes"]) for r in rows if r["Annulé"] == "non"))
"#;
    if let Some(o) = python(ballots, &[&dir.join("bulletins.csv")]) {
        assert!(o.status.success(), "{}", stderr(&o));
        let dots: u32 = w
            .rounds()
            .iter()
            .flat_map(atelier::domain::Round::counted_ballots)
            .map(atelier::domain::Ballot::spent)
            .sum();
        assert_eq!(
            stdout(&o).trim(),
            dots.to_string(),
            "every dot of every ballot"
        );
    }

    // Python's tomllib reads every sheet file, titles intact.
    if has_tomllib() {
        let script = r#"
import sys, tomllib
for p in sys.argv[1:]:
    print(tomllib.load(open(p, "rb"))["title"])
"#;
        let files: Vec<PathBuf> = w
            .sheets()
            .iter()
            .map(|s| dir.join(format!("fiches/{}.toml", s.id)))
            .collect();
        let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
        let o = python(script, &refs).unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        let titles: Vec<String> = w.sheets().iter().map(|s| s.title.clone()).collect();
        assert_eq!(stdout(&o).lines().collect::<Vec<_>>(), titles);
    } else {
        fail_under_ci("python3 3.11+ (tomllib) must be installed");
        println!("skipped the tomllib check: python3 3.11+ is not available");
    }

    // The HTML is well-formed, self-contained and accessible.
    let script = r##"
import sys, xml.etree.ElementTree as ET
text = open(sys.argv[1], encoding="utf-8").read()
root = ET.fromstring(text.replace("<!DOCTYPE html>", "", 1))
assert root.get("lang") == "fr"
bad = []
for el in root.iter():
    if el.tag in ("script", "link", "img", "iframe", "object", "embed"):
        bad.append(el.tag)
    if el.get("src") is not None:
        bad.append("src")
    href = el.get("href")
    if href is not None and not href.startswith("#"):
        bad.append(href)
style = "".join(s.text or "" for s in root.iter("style"))
assert "url(" not in style and "@import" not in style, "external style"
assert not bad, bad
assert "http" not in text, "nothing external"
for svg in root.iter("svg"):
    assert svg.get("role") == "img" and svg.find("title") is not None and svg.find("desc") is not None
ths = list(root.iter("th"))
assert ths and all(th.get("scope") == "col" for th in ths)
assert "@media print" in style
print("&lt;script&gt;" in text, "<script>" in text)
"##;
    if let Some(o) = python(script, &[&dir.join("rapport.html")]) {
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(
            stdout(&o).trim(),
            "True False",
            "the script typed in the room is shown, never run"
        );
    }
}

#[test]
fn standard_csv_is_rfc_4180_with_commas_and_no_bom() {
    let home = tempfile::tempdir().unwrap();
    let path = tricky_workshop(home.path());
    let dir = home.path().join("sortie");
    let out = atelier(
        home.path(),
        &[
            "export",
            path.to_str().unwrap(),
            "--format",
            "csv",
            "--csv-standard",
            "-o",
            dir.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(dir.join("resultats.csv")).unwrap();
    assert!(!bytes.starts_with("\u{feff}".as_bytes()));
    assert!(
        String::from_utf8_lossy(&bytes).contains(",13,18.1,"),
        "decimal point"
    );
    assert!(!dir.join("rapport.md").exists(), "only what was asked");
    let script = r#"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
print([r[1] for r in rows if r[1].startswith("Tarif")][0])
"#;
    if let Some(o) = python(script, &[&dir.join("propositions.csv")]) {
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(stdout(&o).trim_end_matches('\n'), TRICKY);
    }
}

#[test]
fn an_export_that_cannot_be_written_says_where_and_leaves_nothing() {
    let home = tempfile::tempdir().unwrap();
    let path = tricky_workshop(home.path());
    let blocker = home.path().join("un-fichier");
    std::fs::write(&blocker, "pas un dossier").unwrap();
    let target = blocker.join("export");
    let out = atelier(
        home.path(),
        &[
            "export",
            path.to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("un-fichier") && err.contains("L'atelier n'a pas changé"),
        "{err}"
    );
    // A workshop file that does not load is named with line and column.
    let broken = home.path().join("casse.toml");
    std::fs::write(&broken, "format = 1\n[workshop]\ntitle = 3\n").unwrap();
    let out = atelier(home.path(), &["export", broken.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("casse.toml, ligne 3, colonne 9"),
        "{}",
        stderr(&out)
    );
    assert!(
        !home.path().join("casse").exists(),
        "nothing written for a broken file"
    );
}

/// Another group's workshop, saved in `dir` as `<tag>.toml`.
fn group(dir: &Path, tag: &str, proposals: usize, voters: usize) -> PathBuf {
    let path = dir.join(format!("{tag}.toml"));
    atelier::store::write(&path, &generated_for(tag, proposals, voters)).unwrap();
    path
}

fn ballots(w: &Workshop) -> usize {
    w.rounds().iter().map(|r| r.ballots.len()).sum()
}

#[test]
fn merge_three_workshops_keeps_every_proposal_and_ballot() {
    let home = tempfile::tempdir().unwrap();
    let d = home.path();
    let files = [
        tricky_workshop(d),
        group(d, "emploi", 30, 9),
        group(d, "enfance", 12, 4),
    ];
    let out_path = d.join("synthese.toml");
    let mut args = vec!["merge"];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    args.extend(["-o", out_path.to_str().unwrap()]);
    let out = atelier(d, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = stdout(&out);
    assert!(
        stdout.contains("Synthèse écrite") && stdout.contains("emploi.toml"),
        "{stdout}"
    );
    let inputs: Vec<Workshop> = files
        .iter()
        .map(|f| atelier::store::load(f).unwrap())
        .collect();
    let s = atelier::store::load(&out_path).expect("the synthesis is a valid workshop");
    assert_eq!(
        s.proposals().len(),
        inputs.iter().map(|w| w.proposals().len()).sum::<usize>()
    );
    assert_eq!(ballots(&s), inputs.iter().map(ballots).sum::<usize>());
    assert_eq!(s.sheets().len(), 3);
    assert_eq!(s.details().title, "Synthèse — Drôme (26)");
    let per: Vec<(String, usize)> = summary(&s)
        .per_workshop
        .into_iter()
        .map(|(f, c)| (f, c.proposals))
        .collect();
    assert_eq!(
        per,
        [
            ("drome.toml".to_string(), 30),
            ("emploi.toml".into(), 30),
            ("enfance.toml".into(), 12)
        ]
    );
    // It exports like any workshop, with its origins.
    let out = atelier(d, &["export", out_path.to_str().unwrap(), "--format", "md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = std::fs::read_to_string(d.join("synthese/export/rapport.md")).unwrap();
    assert!(
        md.contains("Par atelier d'origine") && md.contains("| enfance.toml | 12 |"),
        "{md}"
    );

    // Again, without --force: the synthesis is not overwritten.
    let again = atelier(d, &args);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("existe déjà"), "{}", stderr(&again));
}

#[test]
fn merge_refuses_a_workshop_with_itself_and_axes_that_disagree() {
    let home = tempfile::tempdir().unwrap();
    let d = home.path();
    let a = group(d, "a", 5, 0);
    let out_path = d.join("s.toml");
    let o = out_path.to_str().unwrap();
    let same = atelier(
        d,
        &["merge", a.to_str().unwrap(), a.to_str().unwrap(), "-o", o],
    );
    assert!(!same.status.success());
    assert!(
        stderr(&same).contains("le même atelier"),
        "{}",
        stderr(&same)
    );
    // A copy that went on living on another laptop.
    let copy = d.join("a-copie.toml");
    let mut w = atelier::store::load(&a).unwrap();
    let mut details = w.details().clone();
    details.title = "Atelier a, suite".into();
    apply(&mut w, atelier::domain::Op::SetDetails(Box::new(details))).unwrap();
    let op = w
        .op_add_proposal(
            "Une de plus",
            vec![],
            "",
            Stamp::from_ymd_hms(2024, 3, 14, 12, 0, 0).unwrap(),
        )
        .unwrap();
    apply(&mut w, op).unwrap();
    atelier::store::write(&copy, &w).unwrap();
    let shared = atelier(
        d,
        &[
            "merge",
            a.to_str().unwrap(),
            copy.to_str().unwrap(),
            "-o",
            o,
        ],
    );
    assert!(
        stderr(&shared).contains("deux copies d'un même atelier"),
        "{}",
        stderr(&shared)
    );
    // Axis 3 renamed in one of them.
    let b = group(d, "b", 5, 0);
    let mut wb = atelier::store::load(&b).unwrap();
    let mut axes = wb.axes().to_vec();
    axes[2].title = "Logement d'abord".into();
    apply(&mut wb, atelier::domain::Op::SetAxes(axes)).unwrap();
    atelier::store::write(&b, &wb).unwrap();
    let axes = atelier(
        d,
        &["merge", a.to_str().unwrap(), b.to_str().unwrap(), "-o", o],
    );
    let err = stderr(&axes);
    assert!(
        err.contains("axe 3") && err.contains("Logement d'abord") && err.contains("(b.toml)"),
        "{err}"
    );
    assert!(!out_path.exists(), "nothing written when refused");
    // The output may not be one of the inputs.
    let onto = atelier(
        d,
        &[
            "merge",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "-o",
            a.to_str().unwrap(),
            "--force",
        ],
    );
    assert!(
        stderr(&onto).contains("l'un des ateliers"),
        "{}",
        stderr(&onto)
    );
}

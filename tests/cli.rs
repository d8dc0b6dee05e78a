//! The real `atelier` binary, as a facilitator runs it from a shell.
#![allow(clippy::unwrap_used, clippy::panic)] // A test or bench fails by panicking.

mod common;

use common::{atelier, stderr, stdout};
use std::path::Path;

use common::EXAMPLE;

#[test]
fn the_shipped_example_loads_forever() {
    let w = atelier::store::load(Path::new(EXAMPLE)).unwrap();
    assert!(w.proposals().len() >= 25);
    let (per_axis, _) = w.counts_per_axis();
    assert!(
        per_axis.iter().all(|(_, n)| *n > 0),
        "every axis has proposals"
    );
    let authors: std::collections::BTreeSet<_> = w.proposals().iter().map(|p| &p.author).collect();
    assert!(authors.len() >= 8);
    let closed = w.rounds().iter().find(|r| !r.open).expect("a closed round");
    assert!(closed.ballots.len() >= 10);
    assert_eq!(w.sheets().len(), 3);
    assert!(
        w.proposals().iter().any(|p| p.merged_into.is_some()),
        "a merge is shown"
    );
}

#[test]
fn check_prints_the_summary_of_the_example() {
    let home = tempfile::tempdir().unwrap();
    let out = atelier(home.path(), &["check", EXAMPLE]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for expected in [
        "Concertation Pacte local des solidarités — Drôme",
        "Propositions : 27 (plus 2 fusionnées dans d'autres)",
        "1  Enfance                      7",
        "3  Accès aux droits             8",
        "-  sans axe                     1",
        "Participants : 14",
        "Tours de vote : 1 (1 clos, 12 bulletins)",
        "Fiches actions : 3",
        "Fichier valide.",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    let en = atelier(home.path(), &["--lang", "en", "check", EXAMPLE]);
    assert!(
        stdout(&en).contains("Proposals: 27 (plus 2 merged into others)"),
        "{}",
        stdout(&en)
    );
}

#[test]
fn new_then_list_then_check_by_name() {
    let home = tempfile::tempdir().unwrap();
    let out = atelier(
        home.path(),
        &[
            "new",
            "Atelier Emploi — Romans",
            "--territory",
            "Drôme (26)",
            "--date",
            "21/03/2024",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let file = home.path().join("sessions/atelier-emploi-romans.toml");
    assert!(stdout(&out).contains(&file.display().to_string()));
    let list = stdout(&atelier(home.path(), &["list"]));
    assert!(
        list.contains("Atelier Emploi — Romans — Drôme (26) — 2024-03-21"),
        "{list}"
    );
    let check = atelier(home.path(), &["check", "atelier-emploi-romans"]);
    assert!(check.status.success(), "{}", stderr(&check));
    // The same title again gets a new file; nothing is overwritten.
    atelier(home.path(), &["new", "Atelier Emploi — Romans"]);
    assert!(
        home.path()
            .join("sessions/atelier-emploi-romans-2.toml")
            .exists()
    );
}

#[test]
fn a_broken_file_fails_check_with_its_location() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("casse.toml");
    let text = std::fs::read_to_string(EXAMPLE).unwrap().replacen(
        "id = 2\ntext",
        "id = \"deux\"\ntext",
        1,
    );
    std::fs::write(&file, &text).unwrap();
    let out = atelier(home.path(), &["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("Erreur : "), "{err}");
    assert!(err.contains("casse.toml, ligne 159, colonne 6"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn bad_input_on_the_command_line_gets_a_message() {
    let home = tempfile::tempdir().unwrap();
    let out = atelier(home.path(), &["new", "X", "--date", "hier"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("Date non comprise : hier"),
        "{}",
        stderr(&out)
    );
    let out = atelier(home.path(), &["new", "   "]);
    assert!(
        stderr(&out).contains("Le titre est vide"),
        "{}",
        stderr(&out)
    );
    let out = atelier(home.path(), &["--lang", "en", "check", "absent.toml"]);
    assert_eq!(stderr(&out).trim(), "Error: absent.toml: no such file.");
}

#[test]
fn backups_can_be_listed_and_restored() {
    let home = tempfile::tempdir().unwrap();
    let sessions = home.path().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    let file = sessions.join("a.toml");
    std::fs::copy(EXAMPLE, &file).unwrap();
    {
        // A session keeps the file as opened, then the example is damaged.
        let (mut session, mut w) =
            atelier::store::Session::open(&file, atelier::store::Access::ReadWrite).unwrap();
        let mut details = w.details().clone();
        details.title = "Modifié".into();
        atelier::domain::apply(&mut w, atelier::domain::Op::SetDetails(Box::new(details))).unwrap();
        session.save(&w).unwrap();
    }
    let list = stdout(&atelier(home.path(), &["backups", "a"]));
    assert!(
        list.contains(" 1. ") && list.contains("à l'ouverture"),
        "{list}"
    );
    let out = atelier(home.path(), &["restore", "a", "1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let back = atelier::store::load(&file).unwrap();
    assert_eq!(
        back.details().title,
        "Concertation Pacte local des solidarités — Drôme"
    );
    let list = stdout(&atelier(home.path(), &["backups", "a"]));
    assert!(
        list.contains("mis de côté"),
        "the replaced version is kept: {list}"
    );
}

#[test]
fn completions_are_printed() {
    let home = tempfile::tempdir().unwrap();
    let out = atelier(home.path(), &["completions", "bash"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("atelier"));
    assert!(stdout(&out).contains("check"));
}

/// Every message about a broken file is in the reader's language, with
/// the file, the line and the column.
#[test]
fn load_errors_are_worded_in_french_with_their_place() {
    let home = tempfile::tempdir().unwrap();
    let example = std::fs::read_to_string(EXAMPLE).unwrap();
    let cases = [
        (
            example.replace("dots_per_voter = 6", "dots_per_voter = -2"),
            "valeur impossible ici : le nombre -2 ; attendu : un nombre entier positif.",
        ),
        (
            format!("a = {}{}", "[".repeat(300), "]".repeat(300)),
            "trop de crochets ou d'accolades imbriqués",
        ),
        (
            "Bonjour,\nceci est une lettre.\n".to_string(),
            "une clé sans valeur : écrivez « clé = valeur »",
        ),
    ];
    for (i, (text, expected)) in cases.iter().enumerate() {
        let path = home.path().join(format!("cassé-{i}.toml"));
        std::fs::write(&path, text).unwrap();
        let out = atelier(home.path(), &["check", path.to_str().unwrap()]);
        let err = stderr(&out);
        assert!(!out.status.success());
        assert!(err.contains(expected), "{err}");
        assert!(
            err.contains(", ligne ") && err.contains(", colonne "),
            "{err}"
        );
        for english in ["invalid", "expected", "recurse", "key with"] {
            assert!(!err.contains(english), "English left in: {err}");
        }
    }
    // A Latin-1 file is located too.
    let path = home.path().join("latin1.toml");
    std::fs::write(&path, b"format = 1\n[workshop]\ntitle = \"Cr\xe8che\"\n").unwrap();
    let err = stderr(&atelier(home.path(), &["check", path.to_str().unwrap()]));
    assert!(
        err.contains("ligne 3, colonne 12 : ce n'est pas du texte UTF-8"),
        "{err}"
    );
    // `merge` on a file that is not a workshop says so in French.
    let letter = home.path().join("lettre.toml");
    std::fs::write(&letter, "Bonjour,\nceci est une lettre.\n").unwrap();
    let out = atelier(
        home.path(),
        &[
            "merge",
            EXAMPLE,
            letter.to_str().unwrap(),
            "-o",
            home.path().join("s.toml").to_str().unwrap(),
        ],
    );
    assert!(
        stderr(&out).contains("une clé sans valeur"),
        "{}",
        stderr(&out)
    );
}

/// Ballots that break their round's rules are told by `check`, which
/// still accepts the file (nothing is trimmed).
#[test]
fn check_warns_about_ballots_over_the_budget_or_the_cap() {
    let home = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(EXAMPLE).unwrap().replace(
        "dots_per_voter = 6\nmax_per_proposal = 3",
        "dots_per_voter = 5\nmax_per_proposal = 2",
    );
    let path = home.path().join("hors-regles.toml");
    std::fs::write(&path, text).unwrap();
    let out = atelier(home.path(), &["check", path.to_str().unwrap()]);
    let printed = stdout(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        printed.contains("⚠ « Tour 1 — priorités de la Drôme » : le bulletin de Sophie Laurent pose 6 gommettes, le budget est de 5"),
        "{printed}"
    );
    assert!(
        printed.contains(
            "le bulletin de Marc Vidal met 3 gommettes sur la proposition n° 8, le plafond est de 2"
        ),
        "{printed}"
    );
}

/// A budget line whose funder's kind is neither chosen nor plain from its
/// label is listed by `check`; the usual names of the State count as the
/// State in every output.
#[test]
fn check_lists_the_funders_it_cannot_place() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("budget.toml");
    let mut w = atelier::store::load(std::path::Path::new(EXAMPLE)).unwrap();
    {
        let mut sheet = w.sheets()[0].clone();
        sheet.budget = vec![
            atelier::domain::sheet::BudgetLine {
                year: 2025,
                funder: "DDETS de la Drôme (crédits Pacte, BOP 304)".into(),
                kind: None,
                amount: 40_000,
            },
            atelier::domain::sheet::BudgetLine {
                year: 2025,
                funder: "Fonds social européen".into(),
                kind: None,
                amount: 60_000,
            },
        ];
        atelier::domain::apply(&mut w, atelier::domain::Op::ReplaceSheet(Box::new(sheet))).unwrap();
    }
    atelier::store::write(&file, &w).unwrap();
    let out = atelier(home.path(), &["check", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("le financeur « Fonds social européen » (2025, 60"),
        "{text}"
    );
    assert!(!text.contains("« DDETS"), "the State is placed: {text}");
    let sum = w.sheets()[0].budget_summary();
    assert_eq!((sum.state, sum.total), (40_000, 100_000));
}

/// A workshop file with `texts` as its proposals.
fn workshop_file(dir: &Path, name: &str, texts: &[&str]) -> std::path::PathBuf {
    use atelier::domain::{Details, History, Stamp, Workshop};
    let mut w = Workshop::new(Details {
        title: name.into(),
        ..Details::default()
    });
    let mut h = History::default();
    let at = Stamp::from_ymd_hms(2024, 3, 14, 9, 0, 0).unwrap();
    for t in texts {
        let op = w.op_add_proposal(t, Vec::new(), "", at).unwrap();
        h.run(&mut w, op).unwrap();
    }
    let path = dir.join(format!("{name}.toml"));
    atelier::store::write(&path, &w).unwrap();
    path
}

#[test]
fn similar_prints_the_pairs_across_workshops_and_only_reads() {
    let home = tempfile::tempdir().unwrap();
    let a = workshop_file(
        home.path(),
        "romans",
        &[
            "Un référent unique pour les allocataires du RSA",
            "Des places en crèche dans les quartiers prioritaires",
        ],
    );
    let b = workshop_file(
        home.path(),
        "valence",
        &[
            "Former les assistantes maternelles",
            "Un seul interlocuteur pour les bénéficiaires du RSA",
        ],
    );
    let before = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let (pa, pb) = (a.to_str().unwrap(), b.to_str().unwrap());
    let out = atelier(home.path(), &["similar", pa, pb]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("1 paire de propositions semblables parmi 4"),
        "{text}"
    );
    assert!(text.contains("n° 1 (romans) ≈ n° 2 (valence)"), "{text}");
    assert!(text.contains("rsa"), "{text}");
    assert!(!text.contains("assistantes"), "{text}");
    let tsv = stdout(&atelier(home.path(), &["similar", "--tsv", pa, pb]));
    let rows: Vec<Vec<&str>> = tsv.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2, "{tsv}");
    assert!(rows.iter().all(|r| r.len() == 8), "{tsv}");
    assert_eq!(&rows[1][1..5], ["romans", "1", "valence", "2"]);
    assert_eq!(
        (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap()),
        before,
        "similar only reads"
    );
    // Merged into a synthesis: the pair across the two is pointed at.
    let out = home.path().join("synthese.toml");
    let merged = atelier(home.path(), &["merge", pa, pb, "-o", out.to_str().unwrap()]);
    assert!(merged.status.success(), "{}", stderr(&merged));
    let text = stdout(&merged);
    assert!(
        text.contains("1 paire de propositions semblables entre les ateliers : « atelier similar"),
        "{text}"
    );
    let synthesis = stdout(&atelier(home.path(), &["similar", out.to_str().unwrap()]));
    assert!(
        synthesis.contains("n° 1 (romans) ≈ n° 2 (valence)"),
        "{synthesis}"
    );
}

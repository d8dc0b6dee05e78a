//! The room writes its fiches, against the real binary: each fiche opened
//! to its group under a code of its own, a group writing field by field
//! from its page, two pages writing the same field, the facilitator's
//! undo of a group's change, a kill -9 after acknowledged changes, and
//! drafting closed from the keyboard. What was typed is in the workshop,
//! the Word fiche and the workbook.
#![allow(clippy::unwrap_used, clippy::panic)] // A test fails by panicking.

mod common;

use atelier::domain::Workshop;
use atelier::domain::drafting::FieldKey;
use common::phones::{Phone, hidden_value as hidden, rt};
use reqwest::StatusCode;
use std::path::{Path, PathBuf};

use common::phones::{FICHE_CODES as CODES, Room, fiches_room as room};

impl Room {
    fn fiche(&self, fiche: usize) -> String {
        format!("{}/{}", self.base, CODES[fiche])
    }

    /// The file once `done` holds of it (the writer is its own thread).
    fn on_disk_once(&self, what: &str, done: impl Fn(&Workshop) -> bool) -> Workshop {
        for _ in 0..250 {
            let w = self.on_disk();
            if done(&w) {
                return w;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        panic!("never on disk: {what}");
    }
}

/// Writes `text` into `field` from the page last loaded, as its form does.
async fn write(phone: &mut Phone, url: &str, page: &str, field: FieldKey, text: &str) {
    let base = hidden(page, &format!("base_{}", field.key()));
    let base_name = format!("base_{}", field.key());
    let answer = phone
        .post(
            url,
            &[
                ("action", "write"),
                (field.key(), text),
                (base_name.as_str(), base.as_str()),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert!(answer.location.unwrap().ends_with("?sent=1"));
}

const TYPED: [(FieldKey, &str); 5] = [
    (
        FieldKey::Referentiel,
        "Mesure 2.3 — accompagnement global des allocataires",
    ),
    (
        FieldKey::Constat,
        "Trois guichets la première année.\nLes personnes racontent leur vie à chacun.",
    ),
    (
        FieldKey::Objectifs,
        "Un seul référent par personne\nUn premier rendez-vous sous 15 jours",
    ),
    (FieldKey::Territoire, "Drôme : Valence, Romans et le Diois"),
    (
        FieldKey::Participation,
        "Deux personnes concernées au comité de suivi, défrayées.",
    ),
];

#[test]
fn a_group_writes_its_fiche_from_its_page_and_a_kill_loses_none_of_it() {
    let mut room = room();
    let url = room.fiche(0);
    rt().block_on(async {
        let mut phone = Phone::new();
        let page = phone.get(&url).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Fiche FA-01"), "{}", page.body);
        assert!(page.body.contains("<label for=\"constat\">Constat</label>"));
        for (field, text) in TYPED {
            let page = phone.get(&url).await;
            write(&mut phone, &url, &page.body, field, text).await;
        }
        // The axis and the nature are chosen among the workshop's answers.
        for (field, value) in [(FieldKey::Axis, "3"), (FieldKey::Nature, "nouvelle")] {
            let page = phone.get(&url).await;
            assert!(
                page.body
                    .contains(&format!("<select id=\"{}\"", field.key()))
            );
            write(&mut phone, &url, &page.body, field, value).await;
        }
        // Boxes ticked, as a browser without script sends them.
        let page = phone.get(&url).await;
        let base = hidden(&page.body, "base_prioritaires");
        let answer = phone
            .post(
                &url,
                &[
                    ("action", "write"),
                    ("base_prioritaires", base.as_str()),
                    ("prioritaires", ""),
                    ("prioritaires", "enfants"),
                    ("prioritaires", "femmes"),
                ],
            )
            .await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        let shown = phone.get(&format!("{url}?sent=1")).await;
        assert!(shown.body.contains("C'est enregistré."), "{}", shown.body);
        assert!(shown.body.contains("Drôme : Valence, Romans et le Diois"));
    });
    // Every answer came once the change was on disk: a kill now loses none.
    room.app.kill9();
    let w = room.on_disk();
    let sheet = w.sheet("FA-01").unwrap();
    for (field, text) in TYPED {
        assert_eq!(field.text(sheet), text, "{field:?}");
    }
    assert_eq!(sheet.axis, Some(3));
    assert_eq!(FieldKey::Prioritaires.text(sheet), "enfants,femmes");
    assert_eq!(
        sheet.nature.kind,
        atelier::domain::sheet::NatureKind::Nouvelle
    );
    // The group's device is named on the fiche, as the wall shows it.
    let writer = atelier::domain::writing::last_writer(sheet).unwrap();
    assert!(writer.by.starts_with("appareil "), "{writer:?}");
    // The Word fiche and the workbook hold exactly what was typed.
    let (fiche, workbook) = exported(&room, "FA-01");
    for (field, text) in TYPED {
        for line in text.lines() {
            assert!(
                fiche.contains(line),
                "{field:?} «{line}» is in the Word fiche"
            );
        }
    }
    assert!(
        fiche.contains("Lutter contre la grande exclusion"),
        "{fiche}"
    );
    // A new action is no reinforced one: the ticks it had are not said.
    assert!(fiche.contains("nouvelle action"), "{fiche}");
    assert!(!fiche.contains("plus de personnes"), "{fiche}");
    // The workbook's sheets table lists the objectives.
    assert!(
        workbook.contains("Un seul référent par personne"),
        "objectives in the workbook"
    );
    assert!(workbook.contains("Un premier rendez-vous sous 15 jours"));
}

#[test]
fn two_pages_writing_one_field_both_keep_their_text_and_the_facilitator_can_undo() {
    let mut room = room();
    let url = room.fiche(1);
    let (a_page, b_page) = rt().block_on(async {
        let (mut a, mut b) = (Phone::new(), Phone::new());
        let a_page = a.get(&url).await.body;
        let b_page = b.get(&url).await.body;
        // Both started from the same text.
        write(
            &mut a,
            &url,
            &a_page,
            FieldKey::Gouvernance,
            "Comité mensuel, version de la table A",
        )
        .await;
        write(
            &mut b,
            &url,
            &b_page,
            FieldKey::Gouvernance,
            "Comité trimestriel, version de la table B",
        )
        .await;
        let a_after = a.get(&url).await.body;
        let b_after = b.get(&url).await.body;
        (a_after, b_after)
    });
    for page in [&a_page, &b_page] {
        assert!(
            page.contains("Comité trimestriel, version de la table B"),
            "the later one shows"
        );
        assert!(
            page.contains("Comité mensuel, version de la table A"),
            "the other is one tap away"
        );
        assert!(page.contains("Autre texte, écrit par appareil"));
    }
    let w = room.on_disk();
    let sheet = w.sheet("FA-02").unwrap();
    assert_eq!(
        sheet.gouvernance,
        "Comité trimestriel, version de la table B"
    );
    assert!(
        sheet
            .kept
            .iter()
            .any(|k| k.text == "Comité mensuel, version de la table A")
    );
    // The facilitator takes the last change back from the terminal.
    room.app.send("\x1a");
    room.app
        .wait_for("Annulé : modification de fiche par son groupe (appareil");
    room.on_disk_once("the undo", |w| {
        w.sheet("FA-02").unwrap().gouvernance == "Comité mensuel, version de la table A"
    });
}

#[test]
fn once_drafting_is_closed_the_page_shows_the_fiche_and_takes_no_change() {
    let mut room = room();
    let url = room.fiche(2);
    let runtime = rt();
    // A page loaded while its group writes, its form still on the phone.
    let mut phone = Phone::new();
    let open = runtime.block_on(phone.get(&url));
    assert!(open.body.contains("<textarea"));
    // F7, then Alt+T: drafting closes for every fiche.
    room.app.send("\x1b[18~");
    room.app.wait_for("fiches actions");
    room.app.send("\x1bt");
    room.app.wait_for("Rédaction close");
    let before = room.on_disk_once("drafting closed", |w| !w.drafting_open());
    runtime.block_on(async {
        let answer = phone
            .post(
                &url,
                &[
                    ("action", "write"),
                    ("constat", "Trop tard"),
                    ("base_constat", ""),
                ],
            )
            .await;
        assert_ne!(answer.status, StatusCode::SEE_OTHER);
        assert!(
            answer.body.contains("pas ouverte à son groupe"),
            "{}",
            answer.body
        );
        let page = phone.get(&url).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains("La rédaction est finie."),
            "{}",
            page.body
        );
        assert!(!page.body.contains("<textarea"), "read-only");
    });
    assert_eq!(room.on_disk().sheets(), before.sheets());
}

/// The Word fiche `sheet` and the workbook exported from the room's file,
/// as text.
fn exported(room: &Room, sheet: &str) -> (String, String) {
    let out = room.home.path().join("export");
    for format in ["docx", "xlsx"] {
        let done = std::process::Command::new(env!("CARGO_BIN_EXE_atelier"))
            .stdout(std::process::Stdio::null())
            .args([
                "export",
                room.file.to_str().unwrap(),
                "--format",
                format,
                "-o",
            ])
            .arg(&out)
            .env("ATELIER_HOME", room.home.path())
            .status()
            .unwrap();
        assert!(done.success(), "export {format}");
    }
    let fiche = office_text(&find(&out, |n| {
        n.contains(sheet) && n.to_lowercase().ends_with(".docx")
    }));
    let workbook = office_text(&find(&out, |n| n.to_lowercase().ends_with(".xlsx")));
    (fiche, workbook)
}

/// Sends one item of a list as the page's form does: the item at `index`
/// (what it held, from the page, and the parts changed) or the one to add;
/// `button` is the button pressed (`add`, `remove`), if any.
async fn item(
    phone: &mut Phone,
    url: &str,
    list: &str,
    index: Option<usize>,
    parts: &[(&str, &str)],
    button: Option<&str>,
) -> common::phones::Answer {
    let page = phone.get(url).await.body;
    let mut form: Vec<(String, String)> = vec![("action".into(), "write".into())];
    if let Some(i) = index {
        {
            for column in columns(list) {
                let base = hidden(&page, &format!("base_{list}_{i}_{column}"));
                let typed = parts
                    .iter()
                    .find(|(c, _)| c == column)
                    .map_or(base.clone(), |(_, v)| (*v).to_string());
                form.push((format!("base_{list}_{i}_{column}"), base));
                form.push((format!("{list}_{i}_{column}"), typed));
            }
            if button == Some("remove") {
                form.push(("remove".into(), format!("{list}_{i}")));
            }
        }
    } else {
        for (column, v) in parts {
            form.push((format!("{list}_new_{column}"), (*v).to_string()));
        }
        form.push(("add".into(), list.into()));
    }
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    phone.post(url, &pairs).await
}

/// Adds an item to `list` from its empty item, as its button does: back
/// to the list once it is saved.
async fn add(phone: &mut Phone, url: &str, list: &str, parts: &[(&str, &str)]) {
    let a = item(phone, url, list, None, parts, None).await;
    added(&a, list);
}

fn added(a: &common::phones::Answer, list: &str) {
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let to = a.location.clone().unwrap();
    assert!(
        to.ends_with(&format!("?sent=1#{list}")),
        "back to its list: {to}"
    );
}

fn columns(list: &str) -> &'static [&'static str] {
    FieldKey::from_key(list)
        .and_then(FieldKey::list)
        .unwrap()
        .columns()
}

/// A group fills the lists of FA-01 from its page: partners (one taken
/// out again), budget lines (one refused, one changed), an indicator, a
/// milestone; and the pilot's and calendar's texts.
async fn fill_lists(room: &Room, url: &str, partners_before: usize, lines_before: usize) {
    let url = url.to_string();
    let mut phone = Phone::new();
    let page = phone.get(&url).await.body;
    for (field, text) in [
        (FieldKey::Pilote, "DDETS de la Drôme"),
        (FieldKey::Contact, "pacte@drome.gouv.fr"),
        (FieldKey::Debut, "janvier 2026"),
        (FieldKey::Fin, "décembre 2027"),
    ] {
        write(&mut phone, &url, &page, field, text).await;
    }
    // A long text, accents and all: far more than a phone's form, taken.
    let long = LONG.repeat(60);
    write(&mut phone, &url, &page, FieldKey::Description, &long).await;
    for (name, role) in [("CAF de la Drôme", "co-pilote"), ("Mission locale", "")] {
        let parts = [("name", name), ("role", role)];
        add(&mut phone, &url, "partenaires", &parts).await;
    }
    // « Ajouter » pressed a second time (or the form sent again): the
    // partner is there once.
    let parts = [("name", "Mission locale"), ("role", "")];
    add(&mut phone, &url, "partenaires", &parts).await;
    // The first one added is taken out again.
    let a = item(
        &mut phone,
        &url,
        "partenaires",
        Some(partners_before),
        &[],
        Some("remove"),
    )
    .await;
    added(&a, "partenaires");
    for (kind, funder, amount) in [
        ("", "DDETS de la Drôme (BOP 304)", "60 000 €"),
        ("caf", "CAF de la Drôme", "60000"),
    ] {
        let parts = [
            ("year", "2026"),
            ("kind", kind),
            ("funder", funder),
            ("amount", amount),
        ];
        add(&mut phone, &url, "budget", &parts).await;
    }
    // An amount in letters is refused as the terminal refuses it, and
    // what was typed stays in its place to be put right.
    let parts = [
        ("year", "2026"),
        ("funder", "Département de la Drôme"),
        ("amount", "douze mille"),
    ];
    let refused = item(&mut phone, &url, "budget", None, &parts, None).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    for shown in [
        "Montant non compris : « douze mille »",
        "value=\"douze mille\"",
        "value=\"Département de la Drôme\"",
    ] {
        assert!(refused.body.contains(shown), "kept as typed: {shown}");
    }
    let a = item(
        &mut phone,
        &url,
        "budget",
        Some(lines_before + 1),
        &[("amount", "40 000")],
        None,
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    // The page says the State's share as the app computes it.
    let page = phone.get(&url).await.body;
    let summary = room.on_disk().sheet("FA-01").unwrap().budget_summary();
    let (words, _) = atelier::i18n::describe::budget(atelier::i18n::Lang::Fr, "Total", summary);
    assert!(page.contains(&words), "{words} in {page}");
    let parts = [
        ("label", "Personnes accompagnées"),
        ("kind", "resultat"),
        ("baseline", "0"),
        ("target", "300"),
        ("yearly", "2025 : 120, 2026 : 300"),
    ];
    add(&mut phone, &url, "indicateurs", &parts).await;
    let parts = [("date", "mars 2026"), ("label", "Premier comité de suivi")];
    add(&mut phone, &url, "jalons", &parts).await;
}

const LONG: &str = "Accès aux droits élargi à tous les ménages concernés. ";

#[test]
fn a_group_writes_the_lists_item_by_item_with_the_terminals_checks() {
    let mut room = room();
    let url = room.fiche(0);
    let before = room.on_disk().sheet("FA-01").unwrap().clone();
    let (partners_before, lines_before) = (before.partenaires.len(), before.budget.len());
    rt().block_on(fill_lists(&room, &url, partners_before, lines_before));
    room.app.kill9();
    let w = room.on_disk();
    let sheet = w.sheet("FA-01").unwrap();
    assert_eq!(sheet.pilote.institution, "DDETS de la Drôme");
    assert_eq!(sheet.calendrier.fin, "décembre 2027");
    assert_eq!(sheet.description, LONG.repeat(60).trim());
    assert_eq!(sheet.partenaires[..partners_before], before.partenaires[..]);
    let partners: Vec<&str> = sheet.partenaires[partners_before..]
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(partners, ["Mission locale"]);
    let budget: Vec<(&str, u64, bool)> = sheet.budget[lines_before..]
        .iter()
        .map(|l| (l.funder.as_str(), l.amount, l.is_state()))
        .collect();
    assert_eq!(
        budget,
        [
            ("DDETS de la Drôme (BOP 304)", 60_000, true),
            ("CAF de la Drôme", 40_000, false)
        ]
    );
    let ind = sheet.indicateurs.last().unwrap();
    assert_eq!(ind.kind, atelier::domain::sheet::IndicatorKind::Resultat);
    assert_eq!(ind.yearly.get(&2026).map(String::as_str), Some("300"));
    assert_eq!(
        sheet.calendrier.jalons.last().unwrap().label,
        "Premier comité de suivi"
    );
    let (fiche, workbook) = exported(&room, "FA-01");
    for typed in [
        "DDETS de la Drôme (BOP 304)",
        "CAF de la Drôme",
        "Mission locale",
        "Personnes accompagnées",
        "Premier comité de suivi",
        "janvier 2026",
        "pacte@drome.gouv.fr",
    ] {
        assert!(fiche.contains(typed), "«{typed}» is in the Word fiche");
    }
    for typed in ["DDETS de la Drôme (BOP 304)", "Personnes accompagnées"] {
        assert!(workbook.contains(typed), "«{typed}» is in the workbook");
    }
}

fn find(dir: &Path, matches: impl Fn(&str) -> bool) -> PathBuf {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if matches(&p.file_name().unwrap().to_string_lossy()) {
                return p;
            }
        }
    }
    panic!("no such file under {}", dir.display());
}

/// Every XML part of an office file, run together, entities read back.
fn office_text(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        if part.name().is_ok_and(|n| n.ends_with(".xml")) {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut part, &mut text).unwrap();
            all.push_str(&text);
        }
    }
    // Text runs split by tags read as one.
    let mut plain = String::new();
    let mut in_tag = false;
    for c in all.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => plain.push(c),
            _ => {}
        }
    }
    plain
        .replace("&apos;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[test]
fn the_facilitator_keeps_a_field_hides_a_page_and_gives_it_a_new_code() {
    let mut room = room();
    let url = room.fiche(0);
    let runtime = rt();
    let mut phone = Phone::new();
    let page = runtime.block_on(phone.get(&url)).body;
    let constat = hidden(&page, "base_constat");
    // F7, Enter on FA-01, down to Constat, Ctrl+K.
    room.app.send("\x1b[18~");
    room.app.wait_for("fiches actions");
    room.app.send("\r");
    room.app.send(&"\x1b[B".repeat(5));
    room.app.send("\x0b");
    room.app.wait_for("Champ gardé par l'animation");
    room.on_disk_once("the lock", |w| {
        w.sheet("FA-01").unwrap().drafting.as_ref().unwrap().locked == [FieldKey::Constat]
    });
    runtime.block_on(async {
        let answer = phone
            .post(
                &url,
                &[
                    ("action", "write"),
                    ("constat", "Autre constat"),
                    ("base_constat", &constat),
                ],
            )
            .await;
        assert!(
            answer.body.contains("L'animation garde ce champ."),
            "{}",
            answer.body
        );
        let page = phone.get(&url).await.body;
        assert!(page.contains("L'animateur garde ce champ."));
        assert!(!page.contains("name=\"constat\""), "not editable");
    });
    assert_eq!(room.on_disk().sheet("FA-01").unwrap().constat, constat);
    // Esc to the list, Alt+H: the page is hidden; Alt+H, Alt+K: a new code.
    room.app.send("\x1b");
    room.app.wait_for("Entrée ouvrir");
    room.app.send("\x1bh");
    room.app.wait_for("Page de la fiche cachée");
    room.on_disk_once("hidden", |w| {
        w.sheet("FA-01").unwrap().drafting.as_ref().unwrap().hidden
    });
    runtime.block_on(async {
        assert!(phone.get(&url).await.body.contains("Attendez la suite"));
    });
    room.app.send("\x1bh");
    room.app.send("\x1bk");
    room.app.wait_for("Nouveau code pour la page de la fiche");
    let w = room.on_disk_once("a new code", |w| {
        w.sheet("FA-01").unwrap().drafting.as_ref().unwrap().code != CODES[0]
    });
    let code = w
        .sheet("FA-01")
        .unwrap()
        .drafting
        .as_ref()
        .unwrap()
        .code
        .clone();
    runtime.block_on(async {
        assert!(
            !phone.get(&url).await.body.contains("Fiche FA-01"),
            "the old code opens nothing"
        );
        let page = phone.get(&format!("{}/{code}", room.base)).await.body;
        assert!(page.contains("Fiche FA-01"), "{page}");
    });
}

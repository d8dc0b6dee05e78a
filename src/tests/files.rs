//! Files that belong to people: a workshop changed, renamed over or
//! deleted by someone else while it is open is never overwritten; the
//! facilitator chooses, and both versions stay safe.

use super::message;
use crate::app::drive::{code, type_text};
use crate::app::saver::Report;
use crate::app::{Action, App, ConfirmKind, Overlay, update};
use crate::i18n::Lang;
use crate::ui::memory::screen;
use crate::ui::tests::example;
use ratatui::crossterm::event::KeyCode;
use std::path::{Path, PathBuf};

fn path_of(app: &App) -> PathBuf {
    app.doc.as_ref().unwrap().path.clone()
}

/// What another program does: append a proposal and change the title.
fn edit_by_hand(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.replace(
        "title = \"Concertation Pacte local des solidarités — Drôme\"",
        "title = \"Titre changé à la main\"",
    ) + "\n[[proposals]]\nid = 90\ntext = \"Ajoutée dans un éditeur\"\n";
    std::fs::write(path, text).unwrap();
}

fn conflict_open(app: &App) -> bool {
    matches!(&app.overlay, Some(Overlay::Confirm(c)) if c.kind == ConfirmKind::FileConflict)
}

/// Takes choice `n` (from 1) of a dialog that opened by itself: arrows,
/// then Enter, as nothing typed decides there.
fn choose(app: &mut App, n: usize) {
    for _ in 0..n {
        code(app, KeyCode::Down);
    }
    code(app, KeyCode::Enter);
}

fn files_named(dir: &Path, part: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(part))
        .collect()
}

#[test]
fn an_outside_edit_is_never_overwritten_and_both_versions_stay_safe() {
    let mut app = example("conflict_edit", Lang::Fr);
    let path = path_of(&app);
    edit_by_hand(&path);
    type_text(&mut app, "Tapée pendant ce temps\n");
    // Nothing was written over their edit.
    let on_disk = std::fs::read_to_string(&path).unwrap();
    assert!(on_disk.contains("Titre changé à la main"));
    assert!(on_disk.contains("Ajoutée dans un éditeur"));
    assert!(!on_disk.contains("Tapée pendant ce temps"));
    // Theirs in the backups, ours beside the file.
    let dir = path.parent().unwrap();
    let theirs = files_named(&dir.join(".atelier-backups"), ".external");
    assert_eq!(theirs.len(), 1);
    assert!(
        std::fs::read_to_string(&theirs[0])
            .unwrap()
            .contains("Ajoutée dans un éditeur")
    );
    let mine = files_named(dir, "(conflit ");
    assert_eq!(mine.len(), 1, "{mine:?}");
    let ours = crate::store::load(&mine[0]).unwrap();
    assert_eq!(
        ours.proposals().last().unwrap().text,
        "Tapée pendant ce temps"
    );
    // The facilitator is asked, and the header says it.
    assert!(conflict_open(&app));
    assert!(
        screen(&app).contains("Charger l'autre version"),
        "{}",
        screen(&app)
    );
    // Compare first: the proposals that differ, then the question again.
    choose(&mut app, 3);
    let Some(Overlay::Viewer { text, .. }) = &app.overlay else {
        panic!("the comparison shows");
    };
    assert!(
        text.contains("n° 30, seulement dans la vôtre : Tapée pendant ce temps"),
        "{text}"
    );
    assert!(
        text.contains("n° 90, seulement dans l'autre : Ajoutée dans un éditeur"),
        "{text}"
    );
    assert!(text.contains("Titre — la vôtre"), "{text}");
    code(&mut app, KeyCode::Esc);
    assert!(conflict_open(&app), "closing the comparison asks again");
    // Keep mine: written over theirs, which stays in the backups.
    choose(&mut app, 2);
    assert!(app.overlay.is_none());
    let on_disk = crate::store::load(&path).unwrap();
    assert_eq!(
        on_disk.proposals().last().unwrap().text,
        "Tapée pendant ce temps"
    );
    assert!(
        message(&app).starts_with("Votre version est enregistrée"),
        "{}",
        message(&app)
    );
    // Saving goes on normally afterwards.
    type_text(&mut app, "Et une autre\n");
    assert_eq!(crate::store::load(&path).unwrap().proposals().len(), 31);
    assert!(screen(&app).contains("● enregistré"));
}

#[test]
fn typing_while_the_conflict_question_opens_goes_on_in_the_field_and_decides_nothing() {
    let mut app = example("conflict_typing", Lang::Fr);
    let path = path_of(&app);
    type_text(&mut app, "Une idée de Nadia ");
    edit_by_hand(&path);
    update(&mut app, Action::Saved(Report::Touched));
    assert!(conflict_open(&app));
    // « é » is 2 on an AZERTY keyboard, « & » 1: neither chooses anything.
    type_text(&mut app, "après une réunion & 2 é 3");
    assert!(conflict_open(&app), "still asking");
    let doc = app.doc.as_ref().unwrap();
    assert_eq!(
        app.screens.capture.text.text(),
        "Une idée de Nadia après une réunion & 2 é 3"
    );
    assert_eq!(
        doc.w.details().title,
        "Concertation Pacte local des solidarités — Drôme"
    );
    // Enter with no choice under the cursor decides nothing either.
    code(&mut app, KeyCode::Enter);
    assert!(conflict_open(&app));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("Titre changé à la main"),
        "their version is untouched"
    );
    choose(&mut app, 2);
    assert!(!conflict_open(&app));
}

#[test]
fn loading_the_other_version_keeps_ours_in_its_copy() {
    let mut app = example("conflict_theirs", Lang::Fr);
    let path = path_of(&app);
    edit_by_hand(&path);
    // The watcher's event: the facilitator learns it at once.
    update(&mut app, Action::Saved(Report::Touched));
    assert!(
        conflict_open(&app),
        "told when it happens, not at the next key"
    );
    choose(&mut app, 1);
    let doc = app.doc.as_ref().unwrap();
    assert_eq!(doc.w.details().title, "Titre changé à la main");
    assert!(doc.w.proposal(crate::domain::ProposalId(90)).is_some());
    assert!(
        message(&app).starts_with("L'autre version est chargée"),
        "{}",
        message(&app)
    );
    // Ours, as it was when the change was noticed, is beside the file.
    let mine = files_named(path.parent().unwrap(), "(conflit ");
    assert_eq!(crate::store::load(&mine[0]).unwrap().proposals().len(), 29);
    // Undo cannot reach back into our version any more.
    code(&mut app, KeyCode::Char('z'));
}

#[test]
fn another_workshop_renamed_over_the_file_is_a_conflict_too() {
    let mut app = example("conflict_rename", Lang::Fr);
    let path = path_of(&app);
    let other = path.with_file_name("autre.toml");
    let mut w = crate::store::load(&path).unwrap();
    w.details_mut().title = "Un tout autre atelier".into();
    crate::store::write(&other, &w).unwrap();
    std::fs::rename(&other, &path).unwrap();
    type_text(&mut app, "Une proposition\n");
    assert!(conflict_open(&app));
    assert_eq!(
        crate::store::load(&path).unwrap().details().title,
        "Un tout autre atelier",
        "the other workshop is not gone"
    );
}

#[test]
fn a_deleted_file_is_written_again_and_the_facilitator_told() {
    let mut app = example("conflict_deleted", Lang::Fr);
    let path = path_of(&app);
    std::fs::remove_file(&path).unwrap();
    update(&mut app, Action::Saved(Report::Touched));
    assert!(path.exists());
    assert_eq!(crate::store::load(&path).unwrap().proposals().len(), 29);
    assert!(message(&app).starts_with("Le fichier de l'atelier avait été supprimé"));
    assert!(app.overlay.is_none());
}

#[test]
fn a_touch_or_a_copy_of_the_same_bytes_is_not_a_conflict() {
    let mut app = example("conflict_touch", Lang::Fr);
    let path = path_of(&app);
    let bytes = std::fs::read(&path).unwrap();
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::fs::write(&path, &bytes).unwrap();
    // Touched later, whatever the file system's clock resolution.
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(before + std::time::Duration::from_secs(2))
        .unwrap();
    update(&mut app, Action::Saved(Report::Touched));
    type_text(&mut app, "Rien de grave\n");
    assert!(app.overlay.is_none());
    assert_eq!(crate::store::load(&path).unwrap().proposals().len(), 30);
}

#[test]
fn the_conflict_question_on_screen() {
    let mut app = example("conflict_screen", Lang::Fr);
    let path = path_of(&app);
    edit_by_hand(&path);
    update(&mut app, Action::Saved(Report::Touched));
    crate::app::drive::resize(&mut app, 80, 24);
    // Paths change with the machine, stamps with the minute: filtered out,
    // every other number kept as shown.
    let text = screen(&app).replace(&path.parent().unwrap().display().to_string(), "…");
    assert!(
        text.contains("a été modifié hors d'atelier") && text.contains("Garder la mienne"),
        "the dialog says what happened and offers both versions: {text}"
    );
    insta::with_settings!({filters => vec![
        (r"\d{8}-\d{6}\.external-\d", "AAAAMMJJ-HHMMSS.external-N"),
        (r"\d{4}-\d{2}-\d{2} \d{2}h\d{2}", "AAAA-MM-JJ HHhMM"),
    ]}, {
        insta::assert_snapshot!("conflict_dialog_80x24", text);
    });
}

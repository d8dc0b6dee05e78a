//! Nothing typed is lost, whatever the instant of a crash: Entrée hands the
//! proposal to the draft before anything else, the draft lets go of it only
//! once the writer reports it on disk, and an opening never makes a
//! double of what the file already holds. The writer is a real thread
//! whose reports are held back, so that each instant between the key and
//! durability can be photographed on disk and opened again, as after a
//! `kill -9` there.

use crate::app::drive::{code, test_app, type_text};
use crate::app::saver::Report;
use crate::app::{Action, App, SaveMode, Screen, update};
use crate::domain::Phase;
use crate::i18n::Lang;
use crate::store::draft;
use crate::ui::tests::folder;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Size;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

const TEXT: &str = "Une idée de Nadia après une réunion 🌱";

/// The example open in an app whose writer is a thread; its reports come
/// out on the receiver, for the test to hand over when it chooses.
fn threaded(name: &str) -> (App, Receiver<Report>, PathBuf) {
    let dir = folder(name);
    let mut app = test_app(dir.clone(), Lang::Fr, Size::new(120, 34));
    app.save_mode = SaveMode::Thread;
    let (tx, rx) = channel();
    let tx = std::sync::Mutex::new(tx);
    // Only the writer's saves: the folder's watcher says nothing here.
    app.notify = Some(std::sync::Arc::new(move |r| {
        if matches!(
            r,
            Report::Save {
                generation: Some(_),
                ..
            }
        ) {
            let _ = tx.lock().map(|t| t.send(r));
        }
    }));
    code(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Phase(Phase::Capture));
    (app, rx, dir.join("exemple-drome.toml"))
}

/// Hands every report the writer made to the app, waiting for at least one.
fn deliver(app: &mut App, rx: &Receiver<Report>) {
    let first = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the writer reports");
    update(app, Action::Saved(first));
    while let Ok(r) = rx.try_recv() {
        update(app, Action::Saved(r));
    }
}

/// What a crash now would leave: the workshop file and its draft.
fn photograph(workshop: &Path) -> (Vec<u8>, Option<Vec<u8>>) {
    (
        std::fs::read(workshop).expect("the workshop file is there"),
        std::fs::read(draft::path_for(workshop)).ok(),
    )
}

/// Opens what a crash left, as the next session would, and says how many
/// times `TEXT` is in it: as a proposal, or in the capture field.
fn reopened(name: &str, (file, draft_bytes): &(Vec<u8>, Option<Vec<u8>>)) -> usize {
    let dir = folder(name);
    let path = dir.join("exemple-drome.toml");
    std::fs::write(&path, file).unwrap();
    if let Some(d) = draft_bytes {
        std::fs::write(draft::path_for(&path), d).unwrap();
    }
    let mut app = test_app(dir, Lang::Fr, Size::new(120, 34));
    code(&mut app, KeyCode::Enter);
    let doc = app.doc.as_ref().expect("the workshop opens");
    let as_proposal = doc.w.proposals().iter().filter(|p| p.text == TEXT).count();
    let in_field = usize::from(app.screens.capture.text.text().trim() == TEXT);
    // What was put back is on disk by now (the test app saves at once).
    let saved = crate::store::load(&path).unwrap();
    assert_eq!(
        saved.proposals().iter().filter(|p| p.text == TEXT).count(),
        as_proposal
    );
    as_proposal + in_field
}

#[test]
fn a_kill_at_any_instant_after_entree_leaves_the_proposal_exactly_once() {
    let (mut app, rx, path) = threaded("durable-entree");
    type_text(&mut app, TEXT);
    let typing = photograph(&path);
    code(&mut app, KeyCode::Enter);
    // As the loop does after the frame: the snapshot goes to the writer.
    app.flush_saves();
    // Entrée: the draft holds the proposal before the writer has it.
    let entered = photograph(&path);
    let before_write = (typing.0.clone(), entered.1.clone());
    assert!(
        app.message_text()
            .is_some_and(|(m, _)| m.contains("enregistrement")),
        "not said saved before it is"
    );
    // The writer writes; its report is not in yet.
    let report = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the writer reports");
    let written = photograph(&path);
    update(&mut app, Action::Saved(report));
    while let Ok(r) = rx.try_recv() {
        update(&mut app, Action::Saved(r));
    }
    assert!(
        app.message_text()
            .is_some_and(|(m, _)| m == "Proposition n° 30 enregistrée."),
        "said saved once it is"
    );
    let settled = photograph(&path);
    assert!(
        draft::read(&path).is_none(),
        "once on disk, the draft lets go"
    );
    for (i, instant) in [typing, before_write, entered, written, settled]
        .iter()
        .enumerate()
    {
        assert_eq!(
            reopened(&format!("durable-entree-{i}"), instant),
            1,
            "a crash at instant {i} keeps the proposal exactly once"
        );
    }
}

#[test]
fn a_form_text_submitted_stays_in_the_draft_until_written() {
    let (mut app, rx, path) = threaded("durable-form");
    // The question of the moment, typed in the setup's details form.
    code(&mut app, KeyCode::F(2));
    deliver_all(&mut app, &rx);
    let question = "Comment mieux accompagner les familles monoparentales ?";
    let form = crate::app::form::Form::new(
        crate::app::form::Purpose::Detail(5),
        "setup.question",
        vec![crate::app::form::Form::text("setup.question", "")],
    );
    app.overlay = Some(crate::app::Overlay::Form(form));
    type_text(&mut app, question);
    let kept = draft::read(&path).expect("the text being typed is in the draft");
    assert!(kept.fields.iter().any(|f| f.text == question));
    code(&mut app, KeyCode::Enter);
    app.flush_saves();
    let kept = draft::read(&path).expect("submitted, not yet on disk: still kept");
    assert!(kept.fields.iter().any(|f| f.text == question));
    deliver(&mut app, &rx);
    assert!(draft::read(&path).is_none(), "on disk: let go");
    assert_eq!(
        crate::store::load(&path).unwrap().details().question,
        question
    );
}

fn deliver_all(app: &mut App, rx: &Receiver<Report>) {
    while let Ok(r) = rx.recv_timeout(Duration::from_millis(200)) {
        update(app, Action::Saved(r));
    }
}

#[test]
fn a_text_typed_in_a_form_before_a_crash_is_shown_back() {
    let dir = folder("durable-recovered");
    let path = dir.join("exemple-drome.toml");
    let mut d = draft::Draft::new(&path);
    d.write(&draft::Typed {
        fields: vec![
            draft::FormText {
                label: "Fiche FA-01, champ en cours de saisie".into(),
                text: "Un constat tapé juste avant la coupure".into(),
            },
            // Already in the file: not shown again.
            draft::FormText {
                label: "Titre".into(),
                text: "Concertation Pacte local des solidarités".into(),
            },
        ],
        ..draft::Typed::default()
    })
    .unwrap();
    d.close().unwrap();
    let mut app = test_app(dir, Lang::Fr, Size::new(120, 34));
    code(&mut app, KeyCode::Enter);
    let Some(crate::app::Overlay::Viewer { title, text, .. }) = &app.overlay else {
        panic!("the recovered text is shown: {:?}", app.overlay.is_some());
    };
    assert_eq!(title, "Texte retrouvé après un arrêt brutal");
    assert!(text.contains("Un constat tapé juste avant la coupure"));
    assert!(!text.contains("Concertation Pacte"), "{text}");
    assert!(
        draft::read(&path).is_some(),
        "kept until the facilitator has read it"
    );
    code(&mut app, KeyCode::Esc);
    assert!(draft::read(&path).is_none(), "read: let go");
}

/// The booth's "Merci" comes once the ballot is on disk; until then the
/// voter reads "Un instant", and the next voter waits for it.
#[test]
fn the_booth_thanks_the_voter_only_once_the_ballot_is_on_disk() {
    use crate::app::drive::ctrl;
    use crate::app::screens::vote::View;
    let (mut app, rx, path) = threaded("durable-booth");
    code(&mut app, KeyCode::F(5));
    ctrl(&mut app, 'n');
    code(&mut app, KeyCode::Enter);
    app.flush_saves();
    deliver(&mut app, &rx);
    code(&mut app, KeyCode::Enter); // the booth
    type_text(&mut app, "Nadia");
    code(&mut app, KeyCode::Enter);
    type_text(&mut app, "3");
    code(&mut app, KeyCode::Enter);
    if matches!(app.overlay, Some(crate::app::Overlay::Confirm(_))) {
        code(&mut app, KeyCode::Enter);
    }
    app.flush_saves();
    let shown = crate::ui::memory::screen(&app);
    assert!(shown.contains("en cours d'enregistrement"), "{shown}");
    assert!(!shown.contains("Merci, Nadia"), "{shown}");
    assert!(
        !shown.contains("votant suivant"),
        "the footer offers no key yet: {shown}"
    );
    // The next voter cannot come yet.
    code(&mut app, KeyCode::Enter);
    assert!(matches!(app.screens.vote.view, View::Thanks { .. }));
    deliver(&mut app, &rx);
    let shown = crate::ui::memory::screen(&app);
    assert!(shown.contains("Merci, Nadia Benali"), "{shown}");
    let w = crate::store::load(&path).unwrap();
    assert_eq!(
        w.rounds().last().unwrap().ballots.len(),
        1,
        "on disk when thanked"
    );
    code(&mut app, KeyCode::Enter);
    assert!(matches!(app.screens.vote.view, View::Picker { .. }));
}

/// A second copy of atelier never recovers (nor sets aside) a temp file
/// beside a workshop another copy has open: the lock comes first.
#[test]
fn a_second_copy_never_applies_a_temp_file_of_a_workshop_open_elsewhere() {
    use crate::store::{Access, Session};
    let dir = folder("durable-second-copy");
    let path = dir.join("exemple-drome.toml");
    let _first = Session::open(&path, Access::ReadWrite).unwrap();
    let mut newer = crate::store::load(&path).unwrap();
    newer.details_mut().title = "Le fichier temporaire de l'autre".into();
    let orphan = dir.join(".exemple-drome.toml.Ab12Cd");
    std::fs::write(&orphan, crate::store::format::to_toml(&newer).unwrap()).unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut app = test_app(dir, Lang::Fr, Size::new(120, 34));
    code(&mut app, KeyCode::Enter);
    let Some(crate::app::Overlay::Confirm(c)) = &app.overlay else {
        panic!("asked something");
    };
    assert_eq!(c.title, "Atelier déjà ouvert", "the lock, not the recovery");
    assert!(c.body.contains("lecture seule ?"), "it asks: {}", c.body);
    code(&mut app, KeyCode::Esc);
    assert!(orphan.exists(), "the other copy's temp file is untouched");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

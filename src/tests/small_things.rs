//! What a room notices: a first launch, messages that outstay their
//! screen, typing into a window too small to show it, a timer that forgets.

use super::{message, on_disk};
use crate::app::drive::{code, ctrl, paste, resize, test_app, type_text};
use crate::app::{Action, update};
use crate::domain::Phase;
use crate::i18n::Lang;
use crate::ui::memory::screen;
use crate::ui::tests::{example, folder};
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Size;
use std::path::PathBuf;
use std::time::Duration;

#[test]
fn a_fresh_machine_without_a_workshops_folder_shows_an_empty_list() {
    let dir = PathBuf::from("target/ui-tests/fresh_machine/sessions");
    let _ = std::fs::remove_dir_all("target/ui-tests/fresh_machine");
    let app = test_app(dir.clone(), Lang::Fr, Size::new(100, 30));
    assert!(app.home.problem.is_none(), "{:?}", app.home.problem);
    let text = screen(&app);
    assert!(
        text.contains("Aucun atelier ici. n pour en créer un."),
        "{text}"
    );
    assert!(!text.contains("Impossible"), "{text}");
    assert!(!dir.exists(), "the folder is made on the first save only");
}

#[test]
fn a_message_does_not_follow_the_facilitator_to_another_screen() {
    let mut app = example("message_screen", Lang::Fr);
    type_text(&mut app, "Une proposition\n");
    assert_eq!(message(&app), "Proposition n° 30 enregistrée.");
    code(&mut app, KeyCode::F(4));
    assert!(app.message.is_none());
    assert!(!screen(&app).contains("enregistrée."));
}

#[test]
fn typing_goes_on_while_the_window_is_too_small_and_shows_its_last_words() {
    let mut app = example("too_small_typing", Lang::Fr);
    type_text(&mut app, "Un référent ");
    // The projector renegotiates its resolution mid-sentence.
    resize(&mut app, 20, 8);
    assert!(screen(&app).contains("saisie continue"), "{}", screen(&app));
    type_text(&mut app, "unique pour");
    assert!(screen(&app).contains("unique pour"), "{}", screen(&app));
    paste(&mut app, " les allocataires");
    resize(&mut app, 120, 34);
    type_text(&mut app, " du RSA");
    assert_eq!(
        app.screens.capture.text.text(),
        "Un référent unique pour les allocataires du RSA",
        "nothing typed was dropped"
    );
    // Entrée while small saves it as usual.
    resize(&mut app, 20, 8);
    code(&mut app, KeyCode::Enter);
    let doc = app.doc.as_ref().unwrap();
    assert_eq!(
        doc.w.proposals().last().unwrap().text,
        "Un référent unique pour les allocataires du RSA"
    );
    // Quitting still works from the small window.
    ctrl(&mut app, 'q');
    assert!(app.should_quit);
}

#[test]
fn the_timers_time_spent_survives_a_restart() {
    let dir = folder("timer_kept");
    let mut app = test_app(dir.clone(), Lang::Fr, Size::new(120, 34));
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::F(8)); // capture: 45 minutes
    let t0 = app.instant();
    update(&mut app, Action::Tick(t0 + Duration::from_secs(20 * 60)));
    // Kept while running, so a crash loses at most a few seconds of it.
    let w = on_disk(&app);
    let kept = w.time_spent();
    assert_eq!(kept.phase, Some(Phase::Capture));
    assert_eq!(kept.seconds.get(&Phase::Capture), Some(&1200));
    update(&mut app, Action::Tick(t0 + Duration::from_secs(25 * 60)));
    ctrl(&mut app, 'q');

    let mut again = test_app(dir, Lang::Fr, Size::new(120, 34));
    code(&mut again, KeyCode::Enter);
    let doc = again.doc.as_ref().unwrap();
    assert!(!doc.timer.is_running(), "a restart finds the timer paused");
    assert_eq!(doc.timer.remaining(again.instant()), 20 * 60);
    assert!(screen(&again).contains("20:00"), "{}", screen(&again));
    // And it goes on from there.
    code(&mut again, KeyCode::F(8));
    assert_eq!(message(&again), "Minuteur relancé.");
    assert!(again.doc.as_ref().unwrap().timer.is_running());
}

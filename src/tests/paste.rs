//! Pastes as real terminals send them: CR between lines (xterm, GNOME
//! Terminal, Konsole, Windows Terminal, iTerm2, tmux), CRLF from Windows
//! programs, LF from files. Every screen must see the same lines.

use super::{message, on_disk};
use crate::app::drive::{code, ctrl, paste};
use crate::app::{Overlay, Screen};
use crate::domain::Phase;
use crate::i18n::Lang;
use crate::ui::tests::example;
use ratatui::crossterm::event::KeyCode;

const BREAKS: [(&str, &str); 3] = [("cr", "\r"), ("crlf", "\r\n"), ("lf", "\n")];

#[test]
fn three_lines_pasted_into_capture_offer_three_proposals_whatever_the_breaks() {
    for (name, br) in BREAKS {
        let mut app = example(&format!("paste_capture_{name}"), Lang::Fr);
        let text = [
            "Un référent unique",
            "Des places en crèche",
            "Le permis financé",
        ]
        .join(br);
        paste(&mut app, &text);
        let Some(Overlay::Paste { lines, .. }) = &app.overlay else {
            panic!("{name}: the paste dialog opens");
        };
        assert_eq!(lines.len(), 3, "{name}");
        code(&mut app, KeyCode::Enter);
        assert_eq!(
            message(&app),
            "3 propositions ajoutées. Ctrl+Z pour annuler."
        );
        let w = on_disk(&app);
        let added: Vec<_> = w.proposals()[29..]
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(
            added,
            [
                "Un référent unique",
                "Des places en crèche",
                "Le permis financé"
            ],
            "{name}"
        );
    }
}

#[test]
fn a_paste_kept_as_one_text_keeps_its_line_breaks_as_lf() {
    let mut app = example("paste_capture_one", Lang::Fr);
    paste(&mut app, "Première ligne\rSeconde ligne");
    code(&mut app, KeyCode::Char('2'));
    code(&mut app, KeyCode::Enter);
    assert_eq!(
        on_disk(&app).proposals().last().unwrap().text,
        "Première ligne\nSeconde ligne"
    );
}

#[test]
fn twelve_participants_pasted_with_cr_are_twelve() {
    for (name, br) in BREAKS {
        let mut app = example(&format!("paste_people_{name}"), Lang::Fr);
        code(&mut app, KeyCode::F(2));
        let list: Vec<String> = (1..=12)
            .map(|i| format!("Personne {i} ; Organisation {i} ; associations"))
            .collect();
        paste(&mut app, &list.join(br));
        assert!(
            matches!(&app.overlay, Some(Overlay::Confirm(c)) if c.title == "Ajouter 12 participants ?"),
            "{name}: {:?}",
            app.overlay
        );
        code(&mut app, KeyCode::Enter);
        assert_eq!(on_disk(&app).participants().len(), 14 + 12, "{name}");
    }
}

#[test]
fn a_multi_line_sheet_field_keeps_the_lines_and_one_line_fields_join_them() {
    let mut app = example("paste_sheet", Lang::Fr);
    code(&mut app, KeyCode::F(7));
    code(&mut app, KeyCode::Enter);
    // Past the title, axis, nature, référentiel and priority: the constat.
    for _ in 0..5 {
        code(&mut app, KeyCode::Down);
    }
    code(&mut app, KeyCode::Enter);
    app.screens.sheets.editing.as_mut().unwrap().clear();
    paste(&mut app, "Constat un\rConstat deux");
    code(&mut app, KeyCode::Enter);
    let w = on_disk(&app);
    assert_eq!(w.sheets()[0].constat, "Constat un\nConstat deux");

    // A search is one line: the lines become spaces.
    code(&mut app, KeyCode::F(3));
    code(&mut app, KeyCode::Esc);
    ctrl(&mut app, 'f');
    paste(&mut app, "référent\runique");
    assert_eq!(app.screens.capture.search.text(), "référent unique");
    assert_eq!(app.screen(), Screen::Phase(Phase::Capture));
}

#[test]
fn a_pasted_participant_without_organisation_shows_no_empty_slot() {
    let mut app = example("paste_no_org", Lang::Fr);
    code(&mut app, KeyCode::F(2));
    paste(
        &mut app,
        "Joël Tanguy ; ; personnes concernées\rLéa Roux ; Emmaüs ;",
    );
    let Some(Overlay::Confirm(c)) = &app.overlay else {
        panic!("the list is offered");
    };
    assert_eq!(
        c.body,
        "Joël Tanguy · Personnes concernées\nLéa Roux · Emmaüs\n"
    );
}

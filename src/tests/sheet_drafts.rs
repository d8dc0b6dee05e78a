//! Sheets drafted from winners say what is to complete rather than guess,
//! and yearly targets are read as people write them.

use super::{message, on_disk};
use crate::app::drive::{code, type_text};
use crate::app::screens::sheets::{Row, rows};
use crate::app::{App, Overlay};
use crate::domain::ProposalId;
use crate::domain::sheet::ListKind;
use crate::i18n::Lang;
use crate::ui::memory::screen;
use crate::ui::tests::example;
use ratatui::crossterm::event::KeyCode;

#[test]
fn a_sheet_drafted_from_an_untagged_proposal_has_its_axis_to_complete() {
    let mut app = example("draft_untagged", Lang::Fr);
    code(&mut app, KeyCode::F(6));
    // n° 29 (no axis) received 2 dots in Tour 1: find it and keep it.
    for _ in 0..40 {
        if crate::app::screens::results::cursor_proposal(
            &app.screens.results,
            app.doc.as_ref().unwrap(),
        ) == Some(ProposalId(29))
        {
            break;
        }
        code(&mut app, KeyCode::Down);
    }
    assert_eq!(
        crate::app::screens::results::cursor_proposal(
            &app.screens.results,
            app.doc.as_ref().unwrap()
        ),
        Some(ProposalId(29))
    );
    type_text(&mut app, " ");
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::Enter);
    let w = on_disk(&app);
    let sheet = w.sheets().last().unwrap();
    assert_eq!(sheet.origin.proposals[0].id, ProposalId(29));
    assert_eq!(sheet.axis, None, "never axis 1 by default");
    let text = screen(&app);
    assert!(
        text.contains("[? à compléter]") || text.contains("[?]"),
        "{text}"
    );
    // The exports say so too.
    let files = crate::export::render(
        &w,
        crate::export::Format::Sheets,
        &crate::export::Options::new(Lang::Fr),
    )
    .unwrap();
    let md = String::from_utf8(files[0].bytes.clone()).unwrap();
    assert!(
        md.contains("**Axe** : *à compléter*") || md.contains("*à compléter*"),
        "{md}"
    );
}

/// Opens FA-01's indicator form (a new indicator).
fn new_indicator(app: &mut App) {
    code(app, KeyCode::F(7));
    code(app, KeyCode::Enter); // FA-01
    let w = on_disk(app);
    let at = rows(&w.sheets()[0])
        .iter()
        .position(|r| *r == Row::List(ListKind::Indicateurs))
        .unwrap();
    for _ in 0..at {
        code(app, KeyCode::Down);
    }
    code(app, KeyCode::Enter);
    assert!(matches!(app.overlay, Some(Overlay::Form(_))));
    type_text(app, "Familles accompagnées");
    for _ in 0..4 {
        code(app, KeyCode::Tab);
    }
}

#[test]
fn yearly_targets_typed_with_commas_are_two_years() {
    let mut app = example("yearly_commas", Lang::Fr);
    new_indicator(&mut app);
    type_text(&mut app, "2025: 400, 2026: 950\n");
    assert!(app.overlay.is_none(), "{}", message(&app));
    let w = on_disk(&app);
    let yearly = &w.sheets()[0].indicateurs.last().unwrap().yearly;
    assert_eq!(yearly.get(&2025).map(String::as_str), Some("400"));
    assert_eq!(yearly.get(&2026).map(String::as_str), Some("950"));
    assert_eq!(yearly.len(), 2);
}

#[test]
fn ambiguous_yearly_targets_are_refused_with_what_was_understood() {
    let mut app = example("yearly_ambiguous", Lang::Fr);
    new_indicator(&mut app);
    type_text(&mut app, "2025: 400; 2025: 500\n");
    assert!(
        matches!(app.overlay, Some(Overlay::Form(_))),
        "the form stays open"
    );
    assert_eq!(
        message(&app),
        "Cibles annuelles : « 2025: 500 » n'est pas clair (compris : 2025: 400). \
         Écrivez une année puis sa cible, par exemple « 2025 : 120 ; 2026 : 200 »."
    );
}

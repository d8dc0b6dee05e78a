//! The capture field's axis and author, as a meeting uses them: the axis
//! follows the topic, the author changes with each speaker.

use super::on_disk;
use crate::app::drive::{alt, code, type_text};
use crate::i18n::Lang;
use crate::ui::memory::screen;
use crate::ui::tests::example;
use ratatui::crossterm::event::KeyCode;

#[test]
fn alt_digit_sets_the_axis_and_never_toggles_it_off() {
    let mut app = example("field_axis_set", Lang::Fr);
    alt(&mut app, '1');
    alt(&mut app, '1');
    assert!(
        screen(&app).contains("Axe : [1 Enfance]"),
        "{}",
        screen(&app)
    );
    type_text(&mut app, "Des places en crèche\n");
    assert_eq!(on_disk(&app).proposals()[29].axes, vec![1]);
    // The axis stays for the next proposal, shown; Alt+0 clears it.
    assert!(screen(&app).contains("Axe : [1 Enfance]"));
    alt(&mut app, '0');
    assert!(screen(&app).contains("Axe : aucun"), "{}", screen(&app));
    type_text(&mut app, "Sans axe\n");
    assert!(on_disk(&app).proposals()[30].axes.is_empty());
}

#[test]
fn the_author_is_cleared_after_each_proposal_unless_the_config_keeps_it() {
    for keep in [false, true] {
        let mut app = example(&format!("field_author_{keep}"), Lang::Fr);
        app.keep_author = keep;
        alt(&mut app, '2');
        type_text(&mut app, "Un référent unique");
        code(&mut app, KeyCode::Tab);
        type_text(&mut app, "France Travail");
        code(&mut app, KeyCode::Enter);
        type_text(&mut app, "Le permis financé\n");
        let w = on_disk(&app);
        assert_eq!(w.proposals()[29].author, "France Travail");
        let next = if keep { "France Travail" } else { "" };
        assert_eq!(w.proposals()[30].author, next, "keep_author = {keep}");
        assert_eq!(
            w.proposals()[30].axes,
            vec![2],
            "the axis follows the topic"
        );
    }
}

#[test]
fn editing_a_tagged_proposal_shows_and_keeps_its_axes() {
    let mut app = example("field_edit_axis", Lang::Fr);
    alt(&mut app, '3');
    type_text(&mut app, "en cours");
    code(&mut app, KeyCode::Esc);
    // Proposal 2 has axes [1, 2]: Enter edits it.
    code(&mut app, KeyCode::Home);
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Enter);
    let text = screen(&app);
    assert!(text.contains("Axe : [1 Enfance]"), "{text}");
    code(&mut app, KeyCode::End);
    type_text(&mut app, " (communes rurales)");
    code(&mut app, KeyCode::Enter);
    let w = on_disk(&app);
    assert_eq!(
        w.proposals()[1].axes,
        vec![1, 2],
        "saving an edit keeps the axes"
    );
    assert!(w.proposals()[1].text.ends_with("(communes rurales)"));
    // The new proposal being typed got its own axis back.
    assert!(
        screen(&app).contains("Axe : [3 Accès aux droits]"),
        "{}",
        screen(&app)
    );
    assert_eq!(app.screens.capture.text.text(), "en cours");

    // Changing the axis while editing changes the primary, keeps the other.
    code(&mut app, KeyCode::Esc);
    code(&mut app, KeyCode::Home);
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Enter);
    alt(&mut app, '4');
    code(&mut app, KeyCode::Enter);
    assert_eq!(on_disk(&app).proposals()[1].axes, vec![4, 1, 2]);
}

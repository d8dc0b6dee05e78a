//! A facilitator starts typing the moment someone speaks, wherever the
//! focus is. No sentence a person could type — any case, any accent,
//! digits included — may delete, edit, reveal or otherwise change the
//! workshop from a list; in the capture list every character starts a new
//! proposal with that character.

use super::on_disk;
use crate::app::drive::{code, type_text};
use crate::app::screens::capture::Focus;
use crate::domain::Workshop;
use crate::i18n::Lang;
use crate::ui::tests::example;
use proptest::prelude::*;
use ratatui::crossterm::event::KeyCode;

/// Every character a sentence could start with on a French or English
/// keyboard, AZERTY digit row included.
const STARTS: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\
    0123456789éèêàâçôîûùëïÉÈÀÇ&\"'(-_)=+*/?!.,;:«»<>@#%$€§";

#[test]
fn every_character_typed_in_the_capture_list_starts_a_new_proposal() {
    let mut app = example("typing_list_each", Lang::Fr);
    let before = on_disk(&app);
    for c in STARTS.chars() {
        code(&mut app, KeyCode::Esc);
        assert_eq!(app.screens.capture.focus, Focus::List);
        type_text(&mut app, &c.to_string());
        let doc = app.doc.as_ref().unwrap();
        assert_eq!(
            app.screens.capture.focus,
            Focus::Text,
            "{c:?} leaves the list"
        );
        assert_eq!(
            app.screens.capture.text.text(),
            c.to_string(),
            "{c:?} is typed"
        );
        assert!(app.overlay.is_none(), "{c:?} opens nothing");
        same_workshop(&doc.w, &before, &format!("{c:?}"));
        doc_text_clear(&mut app);
    }
}

fn doc_text_clear(app: &mut crate::app::App) {
    app.screens.capture.text.clear();
}

#[test]
fn a_sentence_typed_in_the_list_becomes_a_proposal_and_deletes_nothing() {
    let mut app = example("typing_list_sentence", Lang::Fr);
    code(&mut app, KeyCode::Esc);
    code(&mut app, KeyCode::End);
    type_text(&mut app, "des jardins partagés\n");
    let w = on_disk(&app);
    assert_eq!(w.proposals().len(), 30);
    assert_eq!(w.proposals()[29].text, "des jardins partagés");
    assert_eq!(w.proposals()[28].text, example_w().proposals()[28].text);
}

fn example_w() -> Workshop {
    crate::store::load(std::path::Path::new(crate::ui::tests::EXAMPLE)).unwrap()
}

/// The sentence a facilitator might type on the wrong screen.
const SENTENCE: &str = "Mobiliser des jardins partagés, route et crèche ; oui Ok Merci xyz";

/// Names what differs, without printing two whole workshops.
fn same_workshop(after: &Workshop, before: &Workshop, context: &str) {
    let parts = [
        ("details", after.details() == before.details()),
        ("axes", after.axes() == before.axes()),
        (
            "participants",
            after.participants() == before.participants(),
        ),
        ("proposals", after.proposals() == before.proposals()),
        ("rounds", after.rounds() == before.rounds()),
        ("sheets", after.sheets() == before.sheets()),
    ];
    let changed: Vec<_> = parts
        .iter()
        .filter(|(_, same)| !same)
        .map(|(n, _)| *n)
        .collect();
    assert!(changed.is_empty(), "{context}: the {changed:?} changed");
    assert!(after == before, "{context}: the workshop changed");
}

#[test]
fn a_sentence_typed_on_any_other_screen_changes_nothing_but_tags() {
    for f in [2, 4, 5, 6, 7] {
        let mut app = example(&format!("typing_screen_f{f}"), Lang::Fr);
        code(&mut app, KeyCode::F(f));
        let before = on_disk(&app);
        type_text(&mut app, SENTENCE);
        // Whatever the letters opened, Esc leaves it.
        code(&mut app, KeyCode::Esc);
        code(&mut app, KeyCode::Esc);
        let mut after = on_disk(&app);
        if f == 4 {
            // The tag screen's digit keys are its purpose, and AZERTY's
            // digit row (é, è, ç, à…) is bound like the digits: only axes
            // may change there, never a text, a merge or a count.
            for (a, b) in after.proposals_mut().iter_mut().zip(before.proposals()) {
                std::sync::Arc::make_mut(a).axes = b.axes.clone();
            }
        }
        same_workshop(&after, &before, &format!("F{f}"));
        let doc = app.doc.as_ref().unwrap();
        assert!(
            doc.w
                .rounds()
                .iter()
                .zip(before.rounds())
                .all(|(a, b)| a.revealed == b.revealed),
            "F{f}: nothing revealed"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever is typed from the list (no Enter), nothing but the field
    /// changes; Enter then saves exactly what was typed.
    #[test]
    fn whatever_is_typed_from_the_list_is_what_gets_saved(text in "[\\p{L}\\p{N}\\p{P}\\p{S}][\\p{L}\\p{N}\\p{P}\\p{S} ]{0,40}") {
        let mut app = example("typing_list_prop", Lang::Fr);
        code(&mut app, KeyCode::Esc);
        let before = on_disk(&app);
        type_text(&mut app, &text);
        prop_assert!(on_disk(&app) == before, "typing changed the workshop");
        prop_assert_eq!(app.screens.capture.text.text(), text.clone());
        code(&mut app, KeyCode::Enter);
        let after = on_disk(&app);
        prop_assert_eq!(after.proposals().len(), before.proposals().len() + 1);
        prop_assert_eq!(&after.proposals().last().unwrap().text, text.trim());
    }
}

/// AltGr on a French keyboard under Windows arrives as Ctrl+Alt with the
/// character (crossterm issue #820): in the capture field and in a form,
/// `@ # { [ | ~ € ]` are typed, and no Ctrl or Alt binding fires.
#[test]
fn altgr_characters_from_windows_are_typed_never_commands() {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let altgr = |app: &mut crate::app::App, text: &str| {
        for c in text.chars() {
            let mods = if c.is_ascii_alphanumeric() || c == ' ' {
                KeyModifiers::NONE
            } else {
                KeyModifiers::CONTROL | KeyModifiers::ALT
            };
            crate::app::drive::press(app, KeyEvent::new(KeyCode::Char(c), mods));
        }
    };
    let mut app = example("typing_altgr", Lang::Fr);
    let before = on_disk(&app);
    altgr(&mut app, "contact@caf.fr #RSA {x} [y] a|b ~5 10€ ]");
    assert_eq!(
        app.screens.capture.text.text(),
        "contact@caf.fr #RSA {x} [y] a|b ~5 10€ ]"
    );
    assert!(app.overlay.is_none(), "no dialog opened");
    assert_eq!(
        app.screen(),
        crate::app::Screen::Phase(crate::domain::Phase::Capture)
    );
    assert_eq!(on_disk(&app), before, "nothing changed the workshop");
    // In a form too: the new-participant form of the setup.
    code(&mut app, KeyCode::F(2));
    let form = crate::app::form::Form::new(
        crate::app::form::Purpose::Participant(None),
        "setup.participant",
        vec![crate::app::form::Form::text("setup.name", "")],
    );
    app.overlay = Some(crate::app::Overlay::Form(form));
    altgr(&mut app, "Nadia [CAF] @26");
    let Some(crate::app::Overlay::Form(form)) = &app.overlay else {
        panic!("the form stays open");
    };
    assert_eq!(form.value(0), "Nadia [CAF] @26");
}

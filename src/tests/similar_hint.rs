//! The duplicate hint on the capture screen: a paraphrase typed live is
//! said to look like an older proposal; Alt+F merges (undoable), Alt+G
//! keeps both; nothing happens without a key.

use super::{message, on_disk};
use crate::app::drive::{alt, code, ctrl, type_text};
use crate::domain::ProposalId;
use crate::i18n::Lang;
use crate::ui::memory::screen;
use crate::ui::tests::example;
use ratatui::crossterm::event::KeyCode;

fn live(app: &crate::app::App) -> usize {
    on_disk(app).live_proposals().count()
}

#[test]
fn a_paraphrase_is_hinted_and_merged_on_the_key_then_undone() {
    let mut app = example("similar_merge", Lang::Fr);
    let before = live(&app);
    type_text(
        &mut app,
        "Un interlocuteur unique pour les bénéficiaires du RSA",
    );
    code(&mut app, KeyCode::Enter);
    let shown = screen(&app);
    let new = on_disk(&app).proposals().last().unwrap().id;
    assert!(shown.contains("Ressemble au n°"), "{shown}");
    assert!(shown.contains("Alt+F fusionner"), "{shown}");
    assert!(
        shown.contains("rsa"),
        "the shared words are the reason: {shown}"
    );
    // Nothing was merged by the hint itself.
    assert_eq!(live(&app), before + 1);
    let like = app.doc.as_ref().unwrap().similar_shown().unwrap().like;
    alt(&mut app, 'f');
    let w = on_disk(&app);
    assert_eq!(w.live_proposals().count(), before, "{}", message(&app));
    assert_eq!(w.proposal(new).unwrap().merged_into, Some(like));
    assert!(message(&app).contains("fusionnée"), "{}", message(&app));
    assert!(!screen(&app).contains("Ressemble au n°"));
    ctrl(&mut app, 'z');
    let w = on_disk(&app);
    assert_eq!(w.live_proposals().count(), before + 1);
    assert_eq!(w.proposal(new).unwrap().merged_into, None);
}

#[test]
fn keeping_both_or_typing_on_changes_nothing() {
    let mut app = example("similar_keep", Lang::Fr);
    let before = live(&app);
    type_text(&mut app, "Un seul référent pour les allocataires du RSA");
    code(&mut app, KeyCode::Enter);
    assert!(app.doc.as_ref().unwrap().similar_shown().is_some());
    alt(&mut app, 'g');
    assert!(
        message(&app).contains("restent séparées"),
        "{}",
        message(&app)
    );
    assert!(app.doc.as_ref().unwrap().similar_shown().is_none());
    assert_eq!(live(&app), before + 1);
    // A proposal like no other: no hint, and Alt+F says there is none.
    type_text(&mut app, "Des bains-douches ouverts le dimanche à Valence");
    code(&mut app, KeyCode::Enter);
    assert!(app.doc.as_ref().unwrap().similar_shown().is_none());
    assert!(!screen(&app).contains("Ressemble au n°"));
    alt(&mut app, 'f');
    assert_eq!(live(&app), before + 2);
    assert!(message(&app).contains("Aucune ressemblance"));
    assert_eq!(
        on_disk(&app).proposal(ProposalId(1)).unwrap().merged_into,
        None
    );
}

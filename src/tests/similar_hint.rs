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
    let like = app
        .screens
        .capture
        .similar_shown(&app.doc.as_ref().unwrap().w)
        .unwrap()
        .like;
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
fn a_pasted_list_gets_the_hint_of_its_first_line_like_another() {
    let mut app = example("similar_paste", Lang::Fr);
    crate::app::drive::paste(
        &mut app,
        "Des bains-douches ouverts le dimanche\nUn seul interlocuteur pour les bénéficiaires du RSA\n",
    );
    code(&mut app, KeyCode::Enter); // one proposal per line
    let w = on_disk(&app);
    assert_eq!(w.proposals().last().unwrap().id, ProposalId(31));
    let s = app
        .screens
        .capture
        .similar_shown(&app.doc.as_ref().unwrap().w)
        .cloned()
        .unwrap();
    assert_eq!((s.new, s.like), (ProposalId(31), ProposalId(8)));
    alt(&mut app, 'f');
    assert_eq!(
        on_disk(&app).proposal(ProposalId(31)).unwrap().merged_into,
        Some(ProposalId(8))
    );
}

#[test]
fn keeping_both_or_typing_on_changes_nothing() {
    let mut app = example("similar_keep", Lang::Fr);
    let before = live(&app);
    type_text(&mut app, "Un seul référent pour les allocataires du RSA");
    code(&mut app, KeyCode::Enter);
    assert!(
        app.screens
            .capture
            .similar_shown(&app.doc.as_ref().unwrap().w)
            .is_some()
    );
    alt(&mut app, 'g');
    assert!(
        message(&app).contains("restent séparées"),
        "{}",
        message(&app)
    );
    assert!(
        app.screens
            .capture
            .similar_shown(&app.doc.as_ref().unwrap().w)
            .is_none()
    );
    assert_eq!(live(&app), before + 1);
    // A proposal like no other: no hint, and Alt+F says there is none.
    type_text(&mut app, "Des bains-douches ouverts le dimanche à Valence");
    code(&mut app, KeyCode::Enter);
    assert!(
        app.screens
            .capture
            .similar_shown(&app.doc.as_ref().unwrap().w)
            .is_none()
    );
    assert!(!screen(&app).contains("Ressemble au n°"));
    alt(&mut app, 'f');
    assert_eq!(live(&app), before + 2);
    assert!(message(&app).contains("Aucune ressemblance"));
    assert_eq!(
        on_disk(&app).proposal(ProposalId(1)).unwrap().merged_into,
        None
    );
}

#[test]
fn the_tag_screen_suggests_merges_and_axes_one_at_a_time() {
    let mut app = example("similar_tag", Lang::Fr);
    type_text(
        &mut app,
        "Un interlocuteur unique pour les bénéficiaires du RSA",
    );
    code(&mut app, KeyCode::Enter);
    alt(&mut app, 'g'); // kept apart at capture: the tag screen may still ask
    type_text(
        &mut app,
        "Plus de places en crèche pour les familles monoparentales",
    );
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::F(4));
    type_text(&mut app, "s");
    let shown = screen(&app);
    assert!(shown.contains("Suggestion 1 sur"), "{shown}");
    assert!(shown.contains("disent-elles la même chose"), "{shown}");
    assert!(shown.contains("Entrée fusionner dans la n° 8"), "{shown}");
    // Enter merges the new one into the oldest, as one undoable step.
    code(&mut app, KeyCode::Enter);
    let w = on_disk(&app);
    assert_eq!(
        w.proposal(ProposalId(30)).unwrap().merged_into,
        Some(ProposalId(8))
    );
    assert!(
        message(&app).contains("N° 30 fusionnée dans la n° 8"),
        "{}",
        message(&app)
    );
    // Next: an axis for the proposal without one; Suppr turns it down,
    // and that is kept in the file.
    let shown = screen(&app);
    assert!(
        shown.contains("Axe suggéré pour la n° 31 : [1 Enfance]"),
        "{shown}"
    );
    assert!(
        shown.contains("crèche"),
        "the words that decided it: {shown}"
    );
    code(&mut app, KeyCode::Delete);
    assert!(
        message(&app).contains("ne sera plus proposée"),
        "{}",
        message(&app)
    );
    let w = on_disk(&app);
    assert!(w.dismissed().axes.contains(&(ProposalId(31), 1)));
    assert!(w.proposal(ProposalId(31)).unwrap().axes.is_empty());
    code(&mut app, KeyCode::Esc);
    assert!(!screen(&app).contains("Suggestion 1 sur"));
    // Undo, twice: the axis may be suggested again, the merge is undone.
    ctrl(&mut app, 'z');
    ctrl(&mut app, 'z');
    let w = on_disk(&app);
    assert!(w.dismissed().is_empty());
    assert_eq!(w.proposal(ProposalId(30)).unwrap().merged_into, None);
}

#[test]
fn with_nothing_to_suggest_the_tag_screen_says_so() {
    let mut app = example("similar_none", Lang::Fr);
    code(&mut app, KeyCode::F(4));
    // Nothing alike, and n° 29 (no axis) shares no word with an axis.
    type_text(&mut app, "s");
    assert!(
        message(&app).contains("Aucune suggestion"),
        "{}",
        message(&app)
    );
    assert!(!screen(&app).contains("Suggestion 1"));
}

/// A proposal sent from a phone that looks like one already there says
/// so in the queue; accepted, it gets the capture screen's hint.
#[test]
fn the_phones_queue_shows_what_a_received_proposal_looks_like() {
    use crate::domain::moderation::{Sent, op_receive};
    let mut app = example("similar_queue", Lang::Fr);
    let doc = app.doc.as_mut().unwrap();
    let now = doc.w.proposals()[0].created.unwrap();
    for (device, text) in [
        ("d1", "Un seul interlocuteur pour les bénéficiaires du RSA"),
        ("d2", "Des bains-douches ouverts le dimanche"),
    ] {
        let sent = Sent {
            text: text.into(),
            axis: None,
            author: String::new(),
        };
        let op = op_receive(&doc.w, device, sent, now).unwrap().unwrap();
        let mut fx = crate::app::effect::Fx::none();
        assert!(doc.apply(Ok(op), Lang::Fr, &mut fx));
    }
    assert_eq!(doc.received_like.len(), 1, "only the paraphrase");
    let shown = screen(&app);
    assert!(shown.contains("≈ comme la n° 8"), "{shown}");
    // Accepted from the queue: the hint follows it onto the list.
    alt(&mut app, 'r');
    // The queue is newest first: the paraphrase is the second line.
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Enter);
    let shown = screen(&app);
    assert!(shown.contains("Ressemble au n°"), "{shown}");
}

/// Turning a suggestion down leaves the others as they were, and undoing
/// it while the panel is open brings it back in its place.
#[test]
fn a_suggestion_turned_down_then_undone_comes_back_in_its_place() {
    let mut app = example("similar_undo", Lang::Fr);
    for text in [
        "Plus de places en crèche pour les familles monoparentales",
        // Says what n° 25 says.
        "Des jardins partagés et une aide alimentaire de saison pour les ménages modestes",
    ] {
        type_text(&mut app, text);
        code(&mut app, KeyCode::Enter);
    }
    code(&mut app, KeyCode::F(4));
    type_text(&mut app, "s");
    let first = screen(&app);
    assert!(first.contains("Suggestion 1 sur 3"), "{first}");
    assert!(first.contains("Entrée fusionner dans la n° 25"), "{first}");
    // The shared words as the oldest of the two writes them.
    assert!(
        first.contains("Mots en commun : jardins, partagés, aide, alimentaire, saison"),
        "{first}"
    );
    code(&mut app, KeyCode::Delete); // kept apart
    let shown = screen(&app);
    assert!(shown.contains("Suggestion 1 sur 2"), "{shown}");
    assert!(shown.contains("Axe suggéré pour la n° 30"), "{shown}");
    assert!(
        on_disk(&app)
            .dismissed()
            .pair(ProposalId(25), ProposalId(31))
    );
    ctrl(&mut app, 'z');
    let shown = screen(&app);
    assert!(shown.contains("Suggestion 1 sur 3"), "{shown}");
    assert!(shown.contains("Entrée fusionner dans la n° 25"), "{shown}");
    assert!(on_disk(&app).dismissed().is_empty());
}

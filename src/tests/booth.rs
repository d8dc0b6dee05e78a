//! Voting a room can trust, at the keyboard: the right voter, reveals and
//! hides that ask, F6 on the round in hand, a booth that shows the voter
//! everything they vote for and nothing of the facilitator's screen.

use super::{message, on_disk};
use crate::app::drive::{code, ctrl, resize, type_text};
use crate::app::screens::vote::View;
use crate::app::{App, Overlay, Screen};
use crate::domain::{College, Phase, Voter};
use crate::i18n::Lang;
use crate::ui::memory::screen;
use crate::ui::tests::example;
use ratatui::crossterm::event::KeyCode;

/// The example with a new open round on every proposal (ballots mode).
fn with_round(name: &str) -> App {
    let mut app = example(name, Lang::Fr);
    code(&mut app, KeyCode::F(5));
    ctrl(&mut app, 'n');
    code(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "the round was created");
    app
}

fn view(app: &App) -> &View {
    &app.screens.vote.view
}

#[test]
fn a_typed_name_and_enter_open_that_participants_ballot() {
    let mut app = with_round("booth_named");
    code(&mut app, KeyCode::Enter); // the booth
    type_text(&mut app, "Nadia");
    code(&mut app, KeyCode::Enter);
    let View::Ballot(b) = view(&app) else {
        panic!("the ballot opens: {}", screen(&app));
    };
    assert_eq!(b.name, "Nadia Benali");
    assert!(screen(&app).contains("Bulletin de Nadia Benali"));
    type_text(&mut app, "3");
    code(&mut app, KeyCode::Enter);
    if matches!(app.overlay, Some(Overlay::Confirm(_))) {
        code(&mut app, KeyCode::Enter);
    }
    assert!(
        screen(&app).contains("Merci, Nadia Benali"),
        "{}",
        screen(&app)
    );
    let w = on_disk(&app);
    let ballot = &w.rounds().last().unwrap().ballots[0];
    assert_eq!(
        ballot.voter,
        Voter::Participant(crate::domain::ParticipantId(3))
    );
    // Her collège counts in the results by collège.
    let tally = crate::domain::Tally::compute(&w, w.rounds().last().unwrap());
    let row = tally.rows.iter().find(|r| r.dots > 0).unwrap();
    assert_eq!(row.by_college, [(Some(College::Institutions), 3)]);
    // She is not offered again, under her name or by filtering.
    code(&mut app, KeyCode::Enter);
    type_text(&mut app, "Nadia");
    assert!(!screen(&app).contains("Nadia Benali"), "{}", screen(&app));
    code(&mut app, KeyCode::Enter);
    assert!(
        matches!(view(&app), View::Picker { .. }),
        "a name that matches nobody opens no ballot"
    );
    assert!(message(&app).starts_with("Aucun nom ne correspond à « Nadia »"));
}

#[test]
fn anonymous_is_an_explicit_last_row_never_the_default_under_a_filter() {
    let mut app = with_round("booth_anonymous");
    code(&mut app, KeyCode::Enter);
    let text = screen(&app);
    assert!(text.contains("Voter anonymement"), "{text}");
    // With nothing typed the first participant is selected, not anonymous.
    code(&mut app, KeyCode::Enter);
    let View::Ballot(b) = view(&app) else {
        panic!("a ballot opens");
    };
    assert_eq!(b.name, "Sophie Laurent");
    code(&mut app, KeyCode::Esc); // back to the picker
    code(&mut app, KeyCode::End);
    code(&mut app, KeyCode::Enter);
    let View::Ballot(b) = view(&app) else {
        panic!("a ballot opens");
    };
    assert_eq!(b.draft.voter, Voter::Anonymous(1));
    assert_eq!(b.name, "Votant anonyme n° 1");
}

#[test]
fn revealing_and_hiding_both_ask_and_name_the_round() {
    let mut app = example("reveal_hide", Lang::Fr);
    code(&mut app, KeyCode::F(5));
    // Tour 1 of the example is revealed: hiding asks too.
    ctrl(&mut app, 'r');
    let Some(Overlay::Confirm(c)) = &app.overlay else {
        panic!("hiding asks");
    };
    assert_eq!(
        c.title,
        "Masquer les résultats de « Tour 1 — priorités de la Drôme » ?"
    );
    code(&mut app, KeyCode::Esc);
    assert!(on_disk(&app).rounds()[0].revealed, "Esc keeps it shown");
    ctrl(&mut app, 'r');
    code(&mut app, KeyCode::Enter);
    assert!(!on_disk(&app).rounds()[0].revealed);
    assert_eq!(
        message(&app),
        "Résultats de « Tour 1 — priorités de la Drôme » masqués."
    );
}

#[test]
fn a_paper_count_reveal_says_what_was_counted_and_by_whom() {
    let mut app = example("reveal_tally", Lang::Fr);
    code(&mut app, KeyCode::F(5));
    ctrl(&mut app, 'n');
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Right); // mode: paper
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::Enter); // count
    type_text(&mut app, "12\n3\n");
    code(&mut app, KeyCode::Esc);
    ctrl(&mut app, 'r');
    let Some(Overlay::Confirm(c)) = &app.overlay else {
        panic!("revealing asks");
    };
    assert_eq!(c.title, "Dévoiler les résultats de « Tour 2 » ?");
    assert!(
        c.body.starts_with(
            "Décompte papier : 15 gommettes comptées sur 2 propositions, Camille Martin (DDETS de la Drôme)."
        ),
        "{}",
        c.body
    );
}

#[test]
fn f6_opens_on_the_round_last_created_or_opened() {
    let mut app = with_round("f6_latest");
    code(&mut app, KeyCode::F(6));
    assert!(screen(&app).contains("Tour 2  (2/2)"), "{}", screen(&app));
    // Open Tour 1 on the vote screen: F6 follows.
    code(&mut app, KeyCode::F(5));
    code(&mut app, KeyCode::Home);
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::F(6));
    assert!(screen(&app).contains("(1/2)"), "{}", screen(&app));
}

#[test]
fn the_booth_shows_the_whole_proposal_where_the_list_is_and_nothing_else() {
    let mut app = with_round("booth_screen");
    resize(&mut app, 100, 24);
    assert_eq!(
        message(&app),
        "Tour de vote créé. Entrée pour ouvrir le vote."
    );
    code(&mut app, KeyCode::Enter);
    assert!(
        app.message.is_none(),
        "the facilitator's message stays outside"
    );
    assert!(!screen(&app).contains("Tour de vote créé"));
    code(&mut app, KeyCode::Enter);
    let text = screen(&app);
    // 27 proposals, 20 rows at 100×24: where the list stands is shown.
    assert!(text.contains("1–20 sur 27"), "{text}");
    code(&mut app, KeyCode::End);
    let text = screen(&app);
    assert!(text.contains("8–27 sur 27"), "{text}");
    // The last one of this voter's order, whole in the side panel.
    let (theirs, _) = super::booth_orders(&app);
    let last = app.doc.as_ref().unwrap().w.proposal(theirs[26]).unwrap();
    let end: String = last
        .text
        .split_whitespace()
        .rev()
        .take(3)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains(&end), "{end}: {text}");
    // F9 works inside the booth, with the reminder to turn the projector away.
    code(&mut app, KeyCode::F(9));
    assert!(app.projection);
    assert!(matches!(view(&app), View::Ballot(_)));
    assert_eq!(app.screen(), Screen::Phase(Phase::Vote));
}

/// Each voter in the booth sees the proposals in their own order, the
/// same when they come back; a paper count keeps the workshop's order.
#[test]
fn each_booth_voter_sees_their_own_order_and_keeps_it() {
    let mut app = with_round("booth_order");
    let open = |app: &mut App, name: &str| {
        code(app, KeyCode::Enter); // the booth
        type_text(app, name);
        code(app, KeyCode::Enter);
        super::booth_orders(app)
    };
    let (nadia, workshop) = open(&mut app, "Nadia");
    assert_ne!(nadia, workshop, "the round shuffles");
    let mut sorted = nadia.clone();
    sorted.sort();
    assert_eq!(sorted, workshop, "a permutation of the round's proposals");
    // The ballot's first row is the first of her order, on screen.
    let first = app
        .doc
        .as_ref()
        .unwrap()
        .w
        .proposal(nadia[0])
        .unwrap()
        .text
        .clone();
    let start: String = first.chars().take(25).collect();
    let row = screen(&app).lines().nth(2).unwrap().to_string();
    assert!(row.contains(&start), "{row}");
    code(&mut app, KeyCode::Esc); // back to the picker, nothing cast
    code(&mut app, KeyCode::Esc);
    let (again, _) = open(&mut app, "Nadia");
    assert_eq!(again, nadia, "the same order when she comes back");
    code(&mut app, KeyCode::Esc);
    code(&mut app, KeyCode::Esc);
    let (marc, _) = open(&mut app, "Marc");
    assert_ne!(marc, nadia, "another voter, another order");
}

//! Whole gestures driven through the keymap and `update`, as a facilitator
//! would make them, with what reaches the disk checked after.

use crate::app::drive::{alt, code, ctrl, paste, press, resize, test_app, type_text};
use crate::app::screens::vote::View;
use crate::app::{Action, App, Overlay, Screen, update};
use crate::domain::{Phase, ProposalId};
use crate::i18n::Lang;
use crate::store::{self, Access, Session};
use crate::ui::memory::{render, screen};
use crate::ui::tests::{app_on, example, folder};
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;
use std::path::PathBuf;

fn on_disk(app: &App) -> crate::domain::Workshop {
    store::load(&app.doc.as_ref().expect("a workshop is open").path).expect("the file loads")
}

fn message(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_whole_workshop_create_capture_tag_merge_undo_quit() {
    let dir = PathBuf::from("target/ui-tests/flow/sessions");
    let _ = std::fs::remove_dir_all("target/ui-tests/flow");
    let mut app = test_app(dir.clone(), Lang::Fr, Size::new(120, 34));
    // Create: the folder does not exist yet, atelier makes it.
    type_text(&mut app, "n");
    type_text(&mut app, "Atelier Emploi — Romans");
    code(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Phase(Phase::Setup));
    let path = app.doc.as_ref().unwrap().path.clone();
    assert_eq!(path, dir.join("atelier-emploi-romans.toml"));

    // Capture five proposals, the third with an axis and an author.
    code(&mut app, KeyCode::F(3));
    for text in [
        "Un référent unique",
        "Des places en crèche",
        "Le permis de conduire financé",
    ] {
        type_text(&mut app, text);
        if text.starts_with("Le permis") {
            alt(&mut app, '2');
            code(&mut app, KeyCode::Tab);
            type_text(&mut app, "France Travail");
        }
        code(&mut app, KeyCode::Enter);
    }
    alt(&mut app, '0');
    type_text(&mut app, "Un garage solidaire\nUn interlocuteur unique\n");
    let w = on_disk(&app);
    assert_eq!(w.proposals().len(), 5);
    assert_eq!(w.proposals()[2].axes, vec![2]);
    assert_eq!(w.proposals()[2].author, "France Travail");
    assert_eq!(
        w.proposals()[3].author,
        "",
        "the next proposal comes from someone else: the author is cleared"
    );

    // Tag: the untagged ones, each with the key of its axis.
    code(&mut app, KeyCode::F(4));
    // The first untagged is selected; tag it, then n for the next one.
    for key in ['2', '1', 'é', '2'] {
        type_text(&mut app, &key.to_string());
        type_text(&mut app, "n");
    }
    let w = on_disk(&app);
    let axes: Vec<_> = w.proposals().iter().map(|p| p.axes.clone()).collect();
    assert_eq!(axes, [vec![2], vec![1], vec![2], vec![2], vec![2]]);

    // Merge "Un interlocuteur unique" (5) into "Un référent unique" (1).
    type_text(&mut app, "ff"); // untagged, then axis 1
    type_text(&mut app, "f"); // axis 2: 1, 3, 4, 5
    code(&mut app, KeyCode::End);
    type_text(&mut app, " "); // mark 5
    code(&mut app, KeyCode::Home);
    code(&mut app, KeyCode::Enter); // merge the marked into 1
    assert!(matches!(app.overlay, Some(Overlay::Confirm(_))));
    code(&mut app, KeyCode::Enter);
    let w = on_disk(&app);
    assert_eq!(
        w.proposal(ProposalId(5)).unwrap().merged_into,
        Some(ProposalId(1))
    );
    assert!(screen(&app).contains("↳ n° 5 Un interlocuteur unique"));

    // Undo the merge, then quit: everything is on disk, nothing merged.
    ctrl(&mut app, 'z');
    assert!(
        message(&app).starts_with("Annulé : fusion"),
        "{}",
        message(&app)
    );
    ctrl(&mut app, 'q');
    assert!(app.should_quit);
    let w = store::load(&path).unwrap();
    assert_eq!(w.live_proposals().count(), 5);
    assert!(
        !crate::store::lock::lock_path(&path).exists(),
        "quitting releases the lock"
    );
}

#[test]
fn an_empty_proposal_is_refused_with_a_message() {
    let mut app = example("empty_proposal", Lang::Fr);
    type_text(&mut app, "   ");
    code(&mut app, KeyCode::Enter);
    assert_eq!(message(&app), "Le texte est vide : rien à enregistrer.");
    assert_eq!(on_disk(&app).proposals().len(), 29);
}

#[test]
fn emoji_and_combining_accents_reach_the_file_exactly() {
    let mut app = example("emoji", Lang::Fr);
    let text = "Cafe\u{301} des parents 👨‍👩‍👧 à l'école — « oui » 🎉";
    type_text(&mut app, text);
    code(&mut app, KeyCode::Enter);
    assert_eq!(on_disk(&app).proposals().last().unwrap().text, text);
}

#[test]
fn a_5000_character_paste_becomes_one_proposal() {
    let mut app = example("paste_5000", Lang::Fr);
    let text: String = "Accès aux droits pour tous "
        .chars()
        .cycle()
        .take(5_000)
        .collect();
    paste(&mut app, &text);
    assert!(app.overlay.is_none(), "one line: no question asked");
    code(&mut app, KeyCode::Enter);
    let last = on_disk(&app).proposals().last().unwrap().clone();
    assert_eq!(last.text.chars().count(), text.trim().chars().count());
    // Drawing it at any size is fine.
    for (w, h) in [(60, 16), (80, 24), (240, 67)] {
        resize(&mut app, w, h);
        render(&app);
    }
}

#[test]
fn an_oversized_paste_is_refused_and_kept_in_the_field() {
    let mut app = example("paste_huge", Lang::Fr);
    let text = "x".repeat(25_000);
    paste(&mut app, &text);
    code(&mut app, KeyCode::Enter);
    assert!(
        message(&app).starts_with("Texte trop long : 25000 caractères"),
        "{}",
        message(&app)
    );
    assert_eq!(on_disk(&app).proposals().len(), 29);
    assert_eq!(
        app.screens.capture.text.text().len(),
        25_000,
        "nothing is lost"
    );
}

#[test]
fn pasting_lines_adds_one_proposal_per_line_as_one_undo_step() {
    let mut app = example("paste_lines", Lang::Fr);
    paste(
        &mut app,
        "Premier point\r\nDeuxième point\n\n  Troisième point  \n",
    );
    code(&mut app, KeyCode::Enter);
    let w = on_disk(&app);
    let last: Vec<_> = w.proposals()[29..]
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(last, ["Premier point", "Deuxième point", "Troisième point"]);
    ctrl(&mut app, 'z');
    assert_eq!(on_disk(&app).proposals().len(), 29);
}

#[test]
fn deleting_is_undoable_and_refused_for_voted_proposals() {
    let mut app = example("delete", Lang::Fr);
    type_text(&mut app, "Une redite\n");
    code(&mut app, KeyCode::Esc);
    code(&mut app, KeyCode::Delete); // 30: nobody voted for it
    assert_eq!(
        message(&app),
        "Proposition n° 30 supprimée. Ctrl+Z pour annuler."
    );
    assert!(on_disk(&app).proposal(ProposalId(30)).is_none());
    ctrl(&mut app, 'z');
    assert!(on_disk(&app).proposal(ProposalId(30)).is_some());
    code(&mut app, KeyCode::Home); // 1 received dots in the example's round
    code(&mut app, KeyCode::Delete);
    assert!(
        message(&app).contains("a reçu des votes"),
        "{}",
        message(&app)
    );
}

/// Seen on screen: a search after the list had scrolled showed "(1)" and
/// an empty list.
#[test]
fn a_search_shows_its_matches_whatever_the_scroll() {
    let mut app = example("search_scrolled", Lang::Fr);
    resize(&mut app, 80, 24);
    code(&mut app, KeyCode::Esc);
    ctrl(&mut app, 'f');
    type_text(&mut app, "famille");
    let text = screen(&app);
    assert!(text.contains("Recherche « famille » (1)"), "{text}");
    assert!(
        text.contains("4 [1] Former les assistantes maternelles"),
        "{text}"
    );
    code(&mut app, KeyCode::F(4));
    type_text(&mut app, "/famille");
    assert!(
        screen(&app).contains("4 [1] Former les assistantes"),
        "{}",
        screen(&app)
    );
}

#[test]
fn editing_a_proposal_keeps_what_was_being_typed() {
    let mut app = example("edit", Lang::Fr);
    type_text(&mut app, "à moitié tapé");
    code(&mut app, KeyCode::Esc);
    code(&mut app, KeyCode::Up);
    code(&mut app, KeyCode::Enter); // edit 28
    for _ in 0.."jeunes précaires".chars().count() {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "apprentis\n");
    let w = on_disk(&app);
    assert!(
        w.proposal(ProposalId(28))
            .unwrap()
            .text
            .ends_with("aux étudiants et aux apprentis")
    );
    assert_eq!(app.screens.capture.text.text(), "à moitié tapé");
}

#[test]
fn what_is_being_typed_survives_a_crash() {
    let dir = folder("draft");
    {
        let mut app = test_app(dir.clone(), Lang::Fr, Size::new(120, 34));
        code(&mut app, KeyCode::Enter);
        type_text(&mut app, "Une idée pas encore validée");
        // The process dies here: no quit, no close.
        std::mem::forget(app);
    }
    // The dead process's lock is released by the OS; here, by hand.
    let _ = std::fs::remove_file(crate::store::lock::lock_path(
        &dir.join("exemple-drome.toml"),
    ));
    let mut app = test_app(dir, Lang::Fr, Size::new(120, 34));
    code(&mut app, KeyCode::Enter);
    assert_eq!(
        app.screens.capture.text.text(),
        "Une idée pas encore validée"
    );
    assert!(message(&app).contains("récupéré"));
    type_text(&mut app, "\n");
    assert!(
        crate::store::draft::read(&app.doc.as_ref().unwrap().path).is_none(),
        "saved: the draft is gone"
    );
}

#[test]
fn a_locked_workshop_opens_read_only_and_refuses_changes() {
    let dir = folder("locked");
    let path = dir.join("exemple-drome.toml");
    let _holder = Session::open(&path, Access::ReadWrite).unwrap();
    let mut app = test_app(dir, Lang::Fr, Size::new(120, 34));
    code(&mut app, KeyCode::Enter);
    let Some(Overlay::Confirm(c)) = &app.overlay else {
        panic!("expected a question")
    };
    assert!(
        c.body
            .contains(&format!("processus {}", std::process::id())),
        "{}",
        c.body
    );
    // It opened by itself: Enter alone decides nothing, the arrow shows
    // the choice first.
    code(&mut app, KeyCode::Enter);
    assert!(app.doc.is_none());
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Enter);
    let doc = app.doc.as_ref().unwrap();
    assert!(doc.read_only);
    assert!(screen(&app).contains("lecture seule"));
    type_text(&mut app, "essai\n");
    assert!(message(&app).contains("lecture seule"), "{}", message(&app));
    assert_eq!(store::load(&path).unwrap().proposals().len(), 29);
}

#[test]
fn a_crash_temp_file_is_offered_and_recovered() {
    let dir = folder("recover");
    let path = dir.join("exemple-drome.toml");
    let mut newer = store::load(&path).unwrap();
    newer.details_mut().title = "Version de la dernière seconde".into();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let orphan = dir.join(".exemple-drome.toml.Ab12Cd");
    std::fs::write(&orphan, store::format::to_toml(&newer).unwrap()).unwrap();
    let partial = dir.join(".exemple-drome.toml.Zz99Yy");
    std::fs::write(&partial, "format = 1\n[workshop]\ntitle = \"coup").unwrap();
    let mut app = test_app(dir.clone(), Lang::Fr, Size::new(120, 34));
    code(&mut app, KeyCode::Enter);
    assert!(matches!(&app.overlay, Some(Overlay::Confirm(c)) if c.title.starts_with("Récupérer")));
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Enter);
    assert_eq!(
        app.doc.as_ref().unwrap().w.details().title,
        "Version de la dernière seconde"
    );
    assert!(!orphan.exists() && !partial.exists());
    let kept = store::backup::list(&path).unwrap();
    assert!(
        kept.iter()
            .filter(|b| b.kind == store::backup::Kind::SetAside)
            .count()
            >= 2,
        "{kept:?}"
    );
}

#[test]
fn a_vanished_folder_is_reported_and_quitting_asks_first() {
    let mut app = example("vanished", Lang::Fr);
    let dir = app
        .doc
        .as_ref()
        .unwrap()
        .path
        .parent()
        .unwrap()
        .to_path_buf();
    std::fs::remove_dir_all(&dir).unwrap();
    type_text(&mut app, "Toujours en mémoire\n");
    assert_eq!(
        app.doc.as_ref().unwrap().w.proposals().len(),
        30,
        "kept in memory"
    );
    let text = screen(&app);
    assert!(text.contains("non enregistré"), "{text}");
    assert!(text.contains("enregistrement impossible"), "{text}");
    ctrl(&mut app, 'q');
    assert!(!app.should_quit);
    assert!(
        matches!(&app.overlay, Some(Overlay::Confirm(c)) if c.title == "Modifications non enregistrées")
    );
    code(&mut app, KeyCode::Esc);
    std::fs::create_dir_all(&dir).unwrap();
    type_text(&mut app, "Le dossier est revenu\n");
    assert_eq!(
        on_disk(&app).proposals().len(),
        31,
        "the next save writes everything"
    );
    assert!(!screen(&app).contains("non enregistré"));
}

#[test]
fn participants_can_be_pasted_as_a_list() {
    let mut app = example("participants", Lang::Fr);
    code(&mut app, KeyCode::F(2));
    paste(
        &mut app,
        "Inès Moreau ; Secours catholique ; associations\nPaul Andrieu ; Mairie de Die ; Institutions\nLou ; ; personne concernée\n",
    );
    assert!(
        matches!(&app.overlay, Some(Overlay::Confirm(c)) if c.title == "Ajouter 3 participants ?")
    );
    code(&mut app, KeyCode::Enter);
    let w = on_disk(&app);
    assert_eq!(w.participants().len(), 17);
    assert_eq!(
        w.participants()[16].college,
        Some(crate::domain::College::PersonnesConcernees)
    );
}

#[test]
fn details_are_edited_in_place_and_a_bad_date_is_refused() {
    let mut app = example("details", Lang::Fr);
    code(&mut app, KeyCode::F(2));
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Down); // the date
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::Home);
    ctrl(&mut app, 'k'); // delete to the end of the line
    type_text(&mut app, "31/02/2024");
    code(&mut app, KeyCode::Enter);
    assert!(
        message(&app).starts_with("Date non comprise"),
        "{}",
        message(&app)
    );
    assert!(
        matches!(app.overlay, Some(Overlay::Form(_))),
        "the form stays open"
    );
    for _ in 0..10 {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "21/03/2024\n");
    assert_eq!(
        on_disk(&app).details().date,
        crate::domain::Date::from_ymd(2024, 3, 21)
    );
}

#[test]
fn the_english_interface_speaks_english() {
    let mut app = example("english", Lang::En);
    type_text(&mut app, "\n");
    assert_eq!(message(&app), "The text is empty: nothing to save.");
    let text = screen(&app);
    assert!(
        text.contains("27 proposals") && text.contains("Enter save"),
        "{text}"
    );
}

#[test]
fn clicks_select_and_the_wheel_scrolls() {
    let mut app = example("mouse", Lang::Fr);
    let list = crate::app::layout::capture_areas(&app).list;
    update(
        &mut app,
        Action::Click {
            column: 10,
            row: list.y,
        },
    );
    let first_shown = app.screens.capture.list.offset;
    assert_eq!(app.screens.capture.list.selected, first_shown);
    update(&mut app, Action::Scroll(-1));
    assert!(app.screens.capture.list.offset < first_shown);
    // A click on a tab switches phase.
    let tabs = crate::app::layout::tabs(&app);
    let (phase, _, r) = &tabs[2];
    update(
        &mut app,
        Action::Click {
            column: r.x + 1,
            row: 0,
        },
    );
    assert_eq!(app.screen(), Screen::Phase(*phase));
}

// ---- never a panic -------------------------------------------------------

#[derive(Debug, Clone)]
enum Input {
    Key(KeyCode, KeyModifiers),
    Paste(String),
    Click(u16, u16),
    Scroll(i16),
    Resize(u16, u16),
}

fn input() -> impl Strategy<Value = Input> {
    let codes = prop_oneof![
        prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Delete,
            KeyCode::Backspace,
            KeyCode::Insert,
            KeyCode::F(1),
            KeyCode::F(2),
            KeyCode::F(3),
            KeyCode::F(4),
            KeyCode::F(5),
            KeyCode::F(12),
        ]),
        prop::sample::select(
            "aezdvnfmxgi/ ?u1234509&é\"'(àçéÉ🤝"
                .chars()
                .collect::<Vec<_>>()
        )
        .prop_map(KeyCode::Char),
    ];
    let mods = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::ALT,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL,
    ]);
    prop_oneof![
        8 => (codes, mods).prop_map(|(c, m)| Input::Key(c, m)),
        1 => "(\\PC|\n){0,80}".prop_map(Input::Paste),
        1 => (0u16..130, 0u16..40).prop_map(|(c, r)| Input::Click(c, r)),
        1 => (-3i16..3).prop_map(Input::Scroll),
        1 => (1u16..250, 1u16..70).prop_map(|(w, h)| Input::Resize(w, h)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(std::env::var("FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(48)))]

    /// Whatever is pressed, pasted, clicked or resized, the app does not
    /// panic, draws, and what is on disk is what is in memory.
    #[test]
    fn no_sequence_of_inputs_panics_or_loses_the_file(inputs in prop::collection::vec(input(), 1..80)) {
        // One folder per process: a longer run beside `cargo test` must
        // not share its file.
        let mut app = app_on(&format!("fuzz-{}", std::process::id()), Lang::Fr);
        code(&mut app, KeyCode::Enter);
        for i in inputs {
            match i {
                // Ctrl+Q would end the run early; quitting is tested above.
                Input::Key(KeyCode::Char('q'), KeyModifiers::CONTROL) => {}
                Input::Key(c, m) => { press(&mut app, KeyEvent::new(c, m)); }
                Input::Paste(t) => { paste(&mut app, &t); }
                Input::Click(c, r) => { update(&mut app, Action::Click { column: c, row: r }); }
                Input::Scroll(d) => { update(&mut app, Action::Scroll(d)); }
                Input::Resize(w, h) => resize(&mut app, w, h),
            }
            render(&app);
            if app.should_quit {
                break;
            }
        }
        if let Some(doc) = &app.doc
            && doc.save_error.is_none()
            && !doc.read_only
        {
            prop_assert_eq!(&store::load(&doc.path).unwrap(), &doc.w);
        }
    }
}

// ---- voting ------------------------------------------------------------------

/// Votes as `voter` (a name typed in the booth, or `None` for the
/// anonymous row, last), placing dots on the proposals at the given rows
/// of the ballot.
/// The proposals of the open ballot in the order its voter sees them,
/// and in the workshop's order.
pub(crate) fn booth_orders(app: &App) -> (Vec<ProposalId>, Vec<ProposalId>) {
    let doc = app.doc.as_ref().unwrap();
    let crate::app::screens::vote::View::Ballot(b) = &app.screens.vote.view else {
        panic!("a ballot is open: {}", screen(app));
    };
    let r = doc.w.round(b.draft.round).unwrap();
    let ids = |rows: Vec<usize>| rows.iter().map(|i| doc.w.proposals()[*i].id).collect();
    let key = crate::domain::order::OrderKey::Voter(b.draft.voter);
    (
        ids(crate::domain::order::proposals_for(&doc.w, r, &key)),
        ids(crate::domain::voting::proposals_in_scope(&doc.w, r)),
    )
}

/// Casts a ballot in the booth: `dots` gives the rows of the round's
/// proposals in the workshop's order; the voter finds each in their own.
fn vote_as(app: &mut App, voter: Option<&str>, dots: &[(usize, u8)]) {
    code(app, KeyCode::Enter); // from the rounds or the thank-you: the booth
    match voter {
        Some(name) => type_text(app, name),
        None => {
            code(app, KeyCode::End);
        }
    }
    code(app, KeyCode::Enter);
    let (theirs, workshop) = booth_orders(app);
    for (row, n) in dots {
        let at = theirs.iter().position(|id| *id == workshop[*row]).unwrap();
        code(app, KeyCode::Home);
        for _ in 0..at {
            code(app, KeyCode::Down);
        }
        type_text(app, &n.to_string());
    }
    code(app, KeyCode::Enter);
    if matches!(app.overlay, Some(Overlay::Confirm(_))) {
        code(app, KeyCode::Enter); // dots left: cast anyway
    }
    assert!(
        matches!(
            app.screens.vote.view,
            crate::app::screens::vote::View::Thanks { .. }
        ),
        "the ballot was cast: {}",
        message(app)
    );
}

#[allow(clippy::too_many_lines)] // One scenario, step by step, as a facilitator lives it.
#[test]
fn twelve_ballots_a_tie_at_the_cut_line_a_runoff_and_the_reveal() {
    let mut app = example("vote_flow", Lang::Fr);
    code(&mut app, KeyCode::F(5));
    // A round on everything: 6 dots, cap 2, 2 winners.
    ctrl(&mut app, 'n');
    for _ in 0..3 {
        code(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "6");
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Backspace);
    type_text(&mut app, "2");
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Backspace);
    type_text(&mut app, "2\n");
    let round = app.doc.as_ref().unwrap().w.rounds()[1].id;
    // Proposal rows in the ballot: 0 is n° 1, 1 is n° 2, 2 is n° 3, 3 is n° 4.
    // n° 1 gets 24 dots, n° 2 and n° 3 get 12 each: a tie for the second place.
    for voter in 0..12 {
        let second = if voter % 2 == 0 { 1 } else { 2 };
        let dots = vec![(0, 2), (second, 2)];
        // Anonymous voters, so that no participant is needed twice.
        vote_as(&mut app, None, &dots);
    }
    code(&mut app, KeyCode::Esc);
    let doc = app.doc.as_ref().unwrap();
    assert_eq!(doc.w.round(round).unwrap().counted_ballots().count(), 12);
    assert_eq!(
        on_disk(&app).round(round).unwrap().ballots.len(),
        12,
        "every ballot is on disk"
    );
    // Before the reveal, the results screen shows participation only.
    code(&mut app, KeyCode::F(6));
    assert!(screen(&app).contains("Résultats masqués"));
    ctrl(&mut app, 'r');
    code(&mut app, KeyCode::Enter);
    let text = screen(&app);
    assert!(
        text.contains("Égalité à la coupure : n° 2, n° 3 pour 1 place"),
        "{text}"
    );
    // The runoff: asked first, the tied proposals only, one dot for one place.
    ctrl(&mut app, 'd');
    let Some(Overlay::Confirm(c)) = &app.overlay else {
        panic!("a runoff is asked first");
    };
    assert_eq!(c.title, "Départager « Tour 2 » ?");
    assert!(
        c.body.contains("entre n° 2, n° 3 pour 1 place."),
        "{}",
        c.body
    );
    code(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Phase(Phase::Vote));
    let w = on_disk(&app);
    let runoff = w.rounds().last().unwrap();
    assert_eq!(
        runoff.scope,
        crate::domain::Scope::Shortlist(vec![ProposalId(2), ProposalId(3)])
    );
    assert_eq!(
        (
            runoff.dots_per_voter,
            runoff.max_per_proposal,
            runoff.runoff_of
        ),
        (1, 1, Some(round))
    );
    for voter in 0..3 {
        vote_as(&mut app, None, &[(usize::from(voter == 0), 1)]);
    }
    code(&mut app, KeyCode::Esc);
    ctrl(&mut app, 'r');
    let Some(Overlay::Confirm(c)) = &app.overlay else {
        panic!("revealing asks first");
    };
    assert_eq!(c.title, "Dévoiler les résultats de « Départage 1 » ?");
    code(&mut app, KeyCode::Enter);
    assert!(
        screen(&app).contains("Départage 1  (3/3)"),
        "{}",
        screen(&app)
    );
    // The runoff settles its parent: Tour 2 keeps n° 1 and n° 2, no tie left.
    code(&mut app, KeyCode::Left);
    let text = screen(&app);
    assert!(text.contains("Tour 2  (2/3)"), "{text}");
    assert!(!text.contains("Égalité à la coupure"), "{text}");
    assert!(
        text.contains("égalité départagée par « Départage 1 »"),
        "{text}"
    );
    let w = on_disk(&app);
    assert_eq!(
        w.round(round).unwrap().settled_by,
        w.rounds().last().map(|r| r.id)
    );
    let r2 = w.round(round).unwrap();
    let outcome = w.outcome(r2, &crate::domain::Tally::compute(&w, r2));
    assert_eq!(outcome.kept, [ProposalId(1), ProposalId(2)]);
    assert!(outcome.tied.is_empty());
    // No wrapping: → past the last round stays on it.
    code(&mut app, KeyCode::Right);
    code(&mut app, KeyCode::Right);
    assert!(screen(&app).contains("Départage 1  (3/3)"));
    let tally =
        crate::domain::Tally::compute(&on_disk(&app), on_disk(&app).rounds().last().unwrap());
    assert_eq!(
        tally.rows[0].proposal,
        ProposalId(2),
        "two voters of three chose n° 2"
    );
    assert_eq!(tally.rows[0].dots, 2);
    // Undo walks back through every voting step: the reveal, two ballots…
    for _ in 0..3 {
        ctrl(&mut app, 'z');
    }
    let w = on_disk(&app);
    assert!(!w.rounds().last().unwrap().revealed);
    assert_eq!(w.rounds().last().unwrap().counted_ballots().count(), 1);
    // …the last ballot and the runoff itself; the first round is untouched.
    ctrl(&mut app, 'z');
    ctrl(&mut app, 'z');
    let w = on_disk(&app);
    assert_eq!(w.rounds().len(), 2);
    assert_eq!(w.round(round).unwrap().counted_ballots().count(), 12);
}

#[test]
fn impossible_rules_are_refused_in_the_form() {
    let mut app = example("vote_bad_rules", Lang::Fr);
    code(&mut app, KeyCode::F(5));
    ctrl(&mut app, 'n');
    for _ in 0..3 {
        code(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "0\n");
    assert_eq!(
        message(&app),
        "Chaque votant doit avoir au moins une gommette."
    );
    assert!(
        matches!(app.overlay, Some(Overlay::Form(_))),
        "the form stays open"
    );
    code(&mut app, KeyCode::Backspace);
    type_text(&mut app, "2");
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Backspace);
    type_text(&mut app, "5\n");
    assert_eq!(
        message(&app),
        "Le plafond par proposition (5) dépasse le nombre de gommettes par votant (2)."
    );
    code(&mut app, KeyCode::Backspace);
    type_text(&mut app, "deux\n");
    assert!(
        message(&app).contains("attend un nombre, pas « deux »"),
        "{}",
        message(&app)
    );
    assert_eq!(on_disk(&app).rounds().len(), 1);
}

#[test]
fn the_booth_refuses_going_over_the_cap_or_the_budget() {
    let mut app = example("vote_budget", Lang::Fr);
    code(&mut app, KeyCode::F(5));
    ctrl(&mut app, 'n');
    code(&mut app, KeyCode::Enter); // defaults: 9 dots for 27 proposals, cap 3
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::Enter);
    // The voter's own order: their first row is not always n° 1.
    let (theirs, _) = booth_orders(&app);
    type_text(&mut app, "4");
    assert_eq!(
        message(&app),
        format!(
            "4 gommettes sur la proposition n° {}, le plafond est 3.",
            theirs[0]
        )
    );
    for row in 0..3 {
        code(&mut app, KeyCode::Home);
        for _ in 0..row {
            code(&mut app, KeyCode::Down);
        }
        type_text(&mut app, "3");
    }
    code(&mut app, KeyCode::Down);
    type_text(&mut app, "+");
    assert_eq!(message(&app), "10 gommettes posées, le maximum est 9.");
    let View::Ballot(b) = &app.screens.vote.view else {
        panic!("still on the ballot")
    };
    assert_eq!(b.draft.spent(), 9);
}

#[test]
fn a_participant_votes_once_unless_the_ballot_is_voided() {
    let mut app = example("vote_void", Lang::Fr);
    code(&mut app, KeyCode::F(5));
    ctrl(&mut app, 'n');
    code(&mut app, KeyCode::Enter);
    vote_as(&mut app, Some("Sophie"), &[(0, 1)]);
    code(&mut app, KeyCode::Enter); // the picker again
    assert!(
        !screen(&app).contains("Sophie Laurent"),
        "who voted is not offered again"
    );
    code(&mut app, KeyCode::Esc);
    code(&mut app, KeyCode::Esc);
    type_text(&mut app, "b");
    code(&mut app, KeyCode::Delete);
    assert!(
        message(&app).starts_with("Bulletin annulé"),
        "{}",
        message(&app)
    );
    code(&mut app, KeyCode::Esc);
    code(&mut app, KeyCode::Enter);
    assert!(
        screen(&app).contains("Sophie Laurent"),
        "a voided ballot lets the voter vote again"
    );
    let w = on_disk(&app);
    assert_eq!(w.rounds()[1].ballots.len(), 1);
    assert!(
        w.rounds()[1].ballots[0].void,
        "the voided ballot stays on record"
    );
}

#[test]
fn changing_the_rules_mid_round_flags_ballots_without_trimming() {
    let mut app = example("vote_rules_change", Lang::Fr);
    code(&mut app, KeyCode::F(5));
    ctrl(&mut app, 'n');
    code(&mut app, KeyCode::Enter);
    vote_as(&mut app, None, &[(0, 3), (1, 3)]);
    code(&mut app, KeyCode::Esc);
    ctrl(&mut app, 'p');
    for _ in 0..3 {
        code(&mut app, KeyCode::Tab);
    }
    code(&mut app, KeyCode::Backspace);
    type_text(&mut app, "4");
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Backspace);
    type_text(&mut app, "2\n");
    assert!(
        message(&app).starts_with("1 bulletin dépasse les nouvelles règles"),
        "{}",
        message(&app)
    );
    assert_eq!(
        on_disk(&app).rounds()[1].ballots[0].spent(),
        6,
        "nothing trimmed"
    );
}

// ---- results and action sheets ---------------------------------------------------

fn python_has_tomllib() -> bool {
    std::process::Command::new("python3")
        .args(["-c", "import tomllib"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[allow(clippy::too_many_lines)] // One scenario, step by step, as a facilitator lives it.
#[test]
fn reveal_pick_three_draft_fill_reload_export_and_parse_with_python() {
    // The example without its sheets: they are drafted here.
    let dir = folder("sheets_flow");
    let path = dir.join("exemple-drome.toml");
    let mut w = store::load(&path).unwrap();
    w.sheets_mut().clear();
    w.next_mut().sheet = 1; // as if the example had never had sheets
    store::write(&path, &w).unwrap();
    let mut app = test_app(dir.clone(), Lang::Fr, Size::new(120, 34));
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::F(6));
    // The round is revealed: pick the three first by hand.
    type_text(&mut app, "   ");
    assert_eq!(app.screens.results.chosen.len(), 3);
    code(&mut app, KeyCode::Enter);
    assert!(
        matches!(&app.overlay, Some(Overlay::Confirm(c)) if c.title == "Créer 3 fiches actions ?")
    );
    code(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Phase(Phase::Sheets));
    let w = on_disk(&app);
    let ids: Vec<_> = w
        .sheets()
        .iter()
        .map(|s| (s.id.as_str(), s.origin.proposals[0].id.0, s.origin.votes))
        .collect();
    assert_eq!(ids, [("FA-01", 8, 13), ("FA-02", 15, 12), ("FA-03", 3, 10)]);
    assert_eq!(
        w.sheets()[0].origin.proposals.len(),
        2,
        "the merged original comes along"
    );
    assert_eq!(w.sheets()[0].axis, Some(2));

    // A budget line and an indicator on FA-01.
    code(&mut app, KeyCode::Enter);
    let rows = crate::app::screens::sheets::rows(&w.sheets()[0]);
    let budget = rows
        .iter()
        .position(|r| {
            *r == crate::app::screens::sheets::Row::List(crate::domain::sheet::ListKind::Budget)
        })
        .unwrap();
    for _ in 0..budget {
        code(&mut app, KeyCode::Down);
    }
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::Home);
    ctrl(&mut app, 'k');
    type_text(&mut app, "2026");
    code(&mut app, KeyCode::Tab);
    // The kind of funder: État is offered first for a new line.
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "État (BOP 304)");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "150 000 €\n");
    code(&mut app, KeyCode::Down); // the new budget line
    code(&mut app, KeyCode::Down); // indicators
    code(&mut app, KeyCode::Enter);
    type_text(&mut app, "Allocataires accompagnés");
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Right); // résultat
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "0");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "3 000");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "2025: 1 200; 2026: 2 400\n");
    assert!(app.overlay.is_none(), "{}", message(&app));

    // Reload: quit and open again; everything was saved.
    ctrl(&mut app, 'q');
    let mut app = test_app(dir.clone(), Lang::Fr, Size::new(120, 34));
    code(&mut app, KeyCode::Enter);
    let w = app.doc.as_ref().unwrap().w.clone();
    let s = &w.sheets()[0];
    assert_eq!(
        s.budget,
        vec![crate::domain::sheet::BudgetLine {
            year: 2026,
            funder: "État (BOP 304)".into(),
            kind: Some(crate::domain::sheet::FunderKind::Etat),
            amount: 150_000
        }]
    );
    assert_eq!(
        s.indicateurs[0].kind,
        crate::domain::sheet::IndicatorKind::Resultat
    );
    assert_eq!(
        s.indicateurs[0].yearly.get(&2026).map(String::as_str),
        Some("2 400")
    );

    // Export the three files, and read them with a second TOML parser.
    code(&mut app, KeyCode::F(7));
    ctrl(&mut app, 's');
    assert!(
        message(&app).starts_with("3 fiches actions écrites dans"),
        "{}",
        message(&app)
    );
    let out = crate::export::sheets::default_dir(&dir.join("exemple-drome.toml"));
    let files: Vec<_> = ["FA-01", "FA-02", "FA-03"]
        .iter()
        .map(|id| out.join(format!("{id}.toml")))
        .collect();
    assert!(files.iter().all(|f| f.exists()));
    if !python_has_tomllib() {
        println!("skipped the Python check: python3 with tomllib (3.11+) is not available");
        return;
    }
    let script = "import sys, tomllib\nfor p in sys.argv[1:]:\n    d = tomllib.load(open(p, 'rb'))\n    b = sum(l['amount'] for l in d.get('budget', []))\n    i = [(x['label'], x['kind'], x.get('yearly', {}).get('2026')) for x in d.get('indicateurs', [])]\n    print(d['id'], d['axis'], d['title'], b, i, [p['id'] for p in d['origin']['proposals']], sep='|')\n";
    let py = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(&files)
        .output()
        .unwrap();
    assert!(
        py.status.success(),
        "{}",
        String::from_utf8_lossy(&py.stderr)
    );
    let lines: Vec<String> = String::from_utf8(py.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let expected: Vec<String> = w
        .sheets()
        .iter()
        .map(|s| {
            let b: u64 = s.budget.iter().map(|l| l.amount).sum();
            let i: Vec<String> = s
                .indicateurs
                .iter()
                .map(|x| {
                    let kind = if x.kind == crate::domain::sheet::IndicatorKind::Resultat {
                        "resultat"
                    } else {
                        "realisation"
                    };
                    let y = x
                        .yearly
                        .get(&2026)
                        .map_or("None".to_string(), |v| format!("'{v}'"));
                    format!("('{}', '{kind}', {y})", x.label)
                })
                .collect();
            let ids: Vec<String> = s
                .origin
                .proposals
                .iter()
                .map(|p| p.id.0.to_string())
                .collect();
            format!(
                "{}|{}|{}|{b}|[{}]|[{}]",
                s.id,
                s.axis.map_or(String::new(), |k| k.to_string()),
                s.title,
                i.join(", "),
                ids.join(", ")
            )
        })
        .collect();
    assert_eq!(lines, expected);
}

#[test]
fn bad_budget_input_is_refused_and_a_state_share_over_half_is_flagged() {
    let mut app = example("budget_input", Lang::Fr);
    code(&mut app, KeyCode::F(7));
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Enter); // FA-02
    let w = on_disk(&app);
    let rows = crate::app::screens::sheets::rows(&w.sheets()[1]);
    let budget = rows
        .iter()
        .position(|r| {
            *r == crate::app::screens::sheets::Row::List(crate::domain::sheet::ListKind::Budget)
        })
        .unwrap();
    for _ in 0..budget {
        code(&mut app, KeyCode::Down);
    }
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::Tab);
    // The kind of funder: CAF, three to the right of État.
    for _ in 0..3 {
        code(&mut app, KeyCode::Right);
    }
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "CAF");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "vingt mille\n");
    assert_eq!(
        message(&app),
        "Montant non compris : « vingt mille ». Tapez un nombre d'euros, par exemple 120 000."
    );
    for _ in 0.."vingt mille".len() {
        code(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "-20000\n");
    assert_eq!(
        message(&app),
        "Un montant ne peut pas être négatif : « -20000 »."
    );
    assert!(matches!(app.overlay, Some(Overlay::Form(_))));
    code(&mut app, KeyCode::Esc);
    // FA-02 has État 90 000 and CCAS 60 000 (60 %): flagged, not refused.
    let w = on_disk(&app);
    let s = &w.sheets()[1];
    assert!(s.budget_summary().state_share_too_high());
    let text = screen(&app);
    assert!(
        text.contains("⚠ Total : 150") && text.contains("(60,0") && text.contains("dépasse 50"),
        "{text}"
    );
}

#[test]
fn a_ten_thousand_character_constat_is_kept_whole() {
    let mut app = example("long_constat", Lang::Fr);
    code(&mut app, KeyCode::F(7));
    code(&mut app, KeyCode::Enter);
    // Past the title, axis, nature, référentiel and priority: the constat.
    for _ in 0..5 {
        code(&mut app, KeyCode::Down);
    }
    code(&mut app, KeyCode::Enter);
    // Empty the field as a keyboard would: to the end, then erase it all.
    let before = on_disk(&app).sheets()[0].constat.chars().count();
    ctrl(&mut app, 'e');
    code(&mut app, KeyCode::Down);
    ctrl(&mut app, 'e');
    for _ in 0..before {
        code(&mut app, KeyCode::Backspace);
    }
    let long: String = "Le non-recours aux droits reste élevé. "
        .chars()
        .cycle()
        .take(10_000)
        .collect();
    paste(&mut app, &long);
    code(&mut app, KeyCode::Enter);
    assert_eq!(on_disk(&app).sheets()[0].constat, long.trim_end());
    for (w, h) in [(80, 24), (120, 34), (240, 67)] {
        resize(&mut app, w, h);
        render(&app);
    }
}

#[test]
fn a_hand_edited_sheet_file_is_read_back_and_a_bad_one_is_located() {
    let mut app = example("sheet_files", Lang::Fr);
    code(&mut app, KeyCode::F(7));
    ctrl(&mut app, 's');
    let out = crate::export::sheets::default_dir(&app.doc.as_ref().unwrap().path);
    let fa02 = out.join("FA-02.toml");
    let text = std::fs::read_to_string(&fa02).unwrap();
    std::fs::write(
        &fa02,
        text.replace(
            "Une tournée hebdomadaire dans 40 communes",
            "Une tournée dans 45 communes",
        ),
    )
    .unwrap();
    ctrl(&mut app, 'l');
    assert!(
        message(&app).starts_with("1 fiche action relue"),
        "{}",
        message(&app)
    );
    assert_eq!(
        on_disk(&app).sheets()[1].objectifs[0],
        "Une tournée dans 45 communes"
    );
    ctrl(&mut app, 'z');
    assert_eq!(
        on_disk(&app).sheets()[1].objectifs[0],
        "Une tournée hebdomadaire dans 40 communes"
    );
    // An axis the workshop does not have: named, with its line and column.
    std::fs::write(&fa02, text.replace("axis = 3", "axis = 7")).unwrap();
    ctrl(&mut app, 'l');
    let line = text.lines().position(|l| l == "axis = 3").unwrap() + 1;
    assert!(
        message(&app).contains(&format!(
            "FA-02.toml, ligne {line}, colonne 8 : L'axe 7 n'existe pas."
        )),
        "{}",
        message(&app)
    );
    assert_eq!(
        on_disk(&app).sheets()[1].axis,
        Some(3),
        "nothing was read from a bad file"
    );
}

// ---- timer --------------------------------------------------------------------------

#[test]
fn the_timer_warns_and_rings_once_and_keeps_running_across_screens() {
    let mut app = example("timer_flow", Lang::Fr);
    code(&mut app, KeyCode::F(8)); // capture: 45 minutes
    assert!(
        message(&app).starts_with("Minuteur lancé pour « Saisie » : 45:00"),
        "{}",
        message(&app)
    );
    let t0 = app.instant();
    let at = |m: u64| t0 + std::time::Duration::from_secs(m * 60);
    code(&mut app, KeyCode::F(4)); // another screen: the timer keeps going
    update(&mut app, Action::Tick(at(42)));
    assert!(!message(&app).contains("2 minutes"));
    update(&mut app, Action::Tick(at(43)));
    assert_eq!(message(&app), "Plus que 2 minutes pour « Saisie ».");
    app.message = None;
    update(&mut app, Action::Tick(at(44)));
    assert!(app.message.is_none(), "the warning comes once");
    update(&mut app, Action::Tick(at(45)));
    assert!(message(&app).starts_with("Temps écoulé pour « Saisie »"));
    assert!(std::mem::take(&mut app.bell), "the bell rings at the end");
    update(&mut app, Action::Tick(at(46)));
    assert!(!app.bell, "once");
    assert!(screen(&app).contains("-01:00"), "{}", screen(&app));
    // One more minute, then a pause: time stops.
    ctrl(&mut app, 't');
    assert_eq!(message(&app), "Minuteur en pause (F8 pour reprendre).");
    update(&mut app, Action::Tick(at(90)));
    assert!(screen(&app).contains("-01:00"));
}

#[test]
fn the_bell_and_warning_can_be_turned_off_and_timeboxes_edited() {
    let mut app = example("timer_quiet", Lang::Fr);
    app.bell_on = false;
    app.warning_on = false;
    code(&mut app, KeyCode::F(2));
    for _ in 0..2 {
        code(&mut app, KeyCode::Tab); // details → axes → agenda
    }
    code(&mut app, KeyCode::Down); // capture
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::Backspace);
    code(&mut app, KeyCode::Backspace);
    type_text(&mut app, "5\n");
    assert_eq!(
        on_disk(&app)
            .agenda()
            .iter()
            .find(|a| a.phase == Phase::Capture)
            .unwrap()
            .minutes,
        5
    );
    code(&mut app, KeyCode::F(3));
    code(&mut app, KeyCode::F(8));
    let t0 = app.instant();
    update(
        &mut app,
        Action::Tick(t0 + std::time::Duration::from_secs(4 * 60)),
    );
    assert!(
        !message(&app).contains("2 minutes"),
        "no warning when turned off"
    );
    update(
        &mut app,
        Action::Tick(t0 + std::time::Duration::from_secs(5 * 60)),
    );
    assert!(!app.bell, "no bell when turned off");
    ctrl(&mut app, 'z');
    assert_eq!(
        on_disk(&app)
            .agenda()
            .iter()
            .find(|a| a.phase == Phase::Capture)
            .unwrap()
            .minutes,
        45,
        "undoable"
    );
}

fn clear_field(app: &mut App) {
    for _ in 0..300 {
        code(app, KeyCode::Backspace);
    }
}

#[test]
fn export_at_any_moment_writes_the_files_and_leaves_the_workshop_alone() {
    let mut app = example("export_flow", Lang::Fr);
    let path = app.doc.as_ref().unwrap().path.clone();
    let before = std::fs::read(&path).unwrap();
    code(&mut app, KeyCode::F(4)); // in the middle of tagging
    ctrl(&mut app, 'e');
    assert!(
        matches!(app.overlay, Some(Overlay::Form(_))),
        "the export form"
    );
    code(&mut app, KeyCode::Enter); // everything, names shown, into <stem>/export
    assert!(app.overlay.is_none());
    assert!(
        message(&app).starts_with("23 fichiers écrits dans"),
        "{}",
        message(&app)
    );
    let dir = crate::export::default_dir(&path);
    for file in [
        "rapport.html",
        "fiches/FA-02.toml",
        "resultats.xlsx",
        "fiches/FA-02.docx",
    ] {
        assert!(dir.join(file).is_file(), "{file}");
    }
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "exporting never changes the workshop"
    );
    assert_eq!(
        app.screen(),
        Screen::Phase(Phase::Tag),
        "the facilitator stays where they were"
    );

    // Anonymous Markdown only, into a folder that cannot be made: the form
    // stays open with the reason, and a good folder then works.
    std::fs::write(dir.join("bloque"), "x").unwrap();
    code(&mut app, KeyCode::F(10));
    code(&mut app, KeyCode::Right); // Markdown
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Right); // names hidden
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Tab);
    let bad = dir.join("bloque/anonyme");
    clear_field(&mut app);
    type_text(&mut app, &from_workshop(&path, &bad));
    code(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_some(), "kept open to fix the folder");
    assert!(message(&app).contains("bloque"), "{}", message(&app));
    clear_field(&mut app);
    let good = dir.join("anonyme");
    type_text(&mut app, &from_workshop(&path, &good));
    code(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{}", message(&app));
    let md = std::fs::read_to_string(good.join("rapport.md")).unwrap();
    assert!(!md.contains("Marc Vidal") && md.contains("Organisations et collèges"));
    assert!(
        !good.join("rapport.html").exists(),
        "only Markdown was asked"
    );
}

/// A folder typed without its full path is taken from the workshop's
/// folder, not from wherever the app was started.
#[test]
fn a_relative_export_folder_goes_beside_the_workshop() {
    let mut app = example("export_relative", Lang::Fr);
    let path = app.doc.as_ref().unwrap().path.clone();
    ctrl(&mut app, 'e');
    for _ in 0..3 {
        code(&mut app, KeyCode::Tab);
    }
    clear_field(&mut app);
    type_text(&mut app, "livrables");
    code(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{}", message(&app));
    let beside = path.parent().unwrap().join("livrables");
    assert!(beside.join("rapport.docx").is_file(), "{}", message(&app));
    assert!(
        !std::path::Path::new("livrables").exists(),
        "nothing in the folder the app was started from"
    );
    assert!(message(&app).contains("livrables"), "{}", message(&app));
}

/// A folder as typed in the export form: from the workshop's folder.
fn from_workshop(workshop: &std::path::Path, folder: &std::path::Path) -> String {
    let base = workshop.parent().unwrap();
    folder.strip_prefix(base).unwrap().display().to_string()
}

/// In the running app the export is made on its own thread: the screen
/// says so at once and keeps answering; the result arrives as an input.
#[test]
fn an_export_runs_away_from_the_screen_and_a_failure_gives_the_form_back() {
    let mut app = example("export_background", Lang::Fr);
    let (inputs, mut arrived) = tokio::sync::mpsc::unbounded_channel();
    app.inputs = Some(inputs);
    let path = app.doc.as_ref().unwrap().path.clone();
    let dir = crate::export::default_dir(&path);
    let mut finish = |app: &mut App| {
        let input = arrived.blocking_recv().expect("the export reports back");
        let action = crate::event_loop::action_of(app, input).expect("an action");
        update(app, action);
    };
    ctrl(&mut app, 'e');
    code(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none());
    assert_eq!(message(&app), "Export en cours…");
    // The facilitator goes on typing meanwhile.
    type_text(&mut app, "des jardins");
    finish(&mut app);
    assert!(
        message(&app).starts_with("23 fichiers écrits dans"),
        "{}",
        message(&app)
    );
    assert!(dir.join("resultats.xlsx").is_file());
    assert_eq!(app.screens.capture.text.text(), "des jardins");

    // A folder that cannot be made: the form comes back with the reason.
    std::fs::write(dir.join("bloque"), "x").unwrap();
    ctrl(&mut app, 'e');
    for _ in 0..3 {
        code(&mut app, KeyCode::Tab);
    }
    clear_field(&mut app);
    type_text(&mut app, &from_workshop(&path, &dir.join("bloque/ici")));
    code(&mut app, KeyCode::Enter);
    finish(&mut app);
    assert!(message(&app).contains("bloque"), "{}", message(&app));
    assert!(
        matches!(app.overlay, Some(Overlay::Form(_))),
        "the form is back to choose another folder"
    );
}

#[test]
fn import_brings_another_workshops_proposals_once_and_undoes_as_one() {
    let mut app = example("import_flow", Lang::Fr);
    let path = app.doc.as_ref().unwrap().path.clone();
    let mut other = crate::domain::sample::generated(4, 0);
    other.details_mut().title = "Atelier de Die".into();
    store::write(&path.with_file_name("die.toml"), &other).unwrap();
    let before = on_disk(&app).proposals().len();
    ctrl(&mut app, 'o');
    assert!(
        screen(&app).contains("die.toml — Atelier de Die"),
        "{}",
        screen(&app)
    );
    code(&mut app, KeyCode::Enter);
    assert_eq!(
        message(&app),
        "4 propositions importées de die.toml. Ctrl+Z pour annuler."
    );
    let w = on_disk(&app);
    assert_eq!(w.proposals().len(), before + 4);
    let last = w.proposals().last().unwrap();
    let origin = last.origin.as_ref().unwrap();
    assert_eq!((origin.file.as_str(), origin.id), ("die.toml", 4));
    // Twice: nothing new.
    ctrl(&mut app, 'o');
    code(&mut app, KeyCode::Enter);
    assert!(
        message(&app).starts_with("Rien de nouveau"),
        "{}",
        message(&app)
    );
    ctrl(&mut app, 'z');
    assert_eq!(
        on_disk(&app).proposals().len(),
        before,
        "one undo takes the import back"
    );
    // Oneself, typed as a path: refused.
    ctrl(&mut app, 'o');
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, path.to_str().unwrap());
    code(&mut app, KeyCode::Enter);
    assert!(
        message(&app).contains("le même atelier"),
        "{}",
        message(&app)
    );
}

mod booth;
mod capture_field;
mod clock;
mod derived;
mod durable;
mod files;
mod hostile_output;
mod paste;
mod phones;
mod remote;
mod secrecy;
mod sheet_drafts;
mod similar_hint;
mod small_things;
mod typing;

#[test]
fn the_referentiel_is_picked_from_its_list_with_the_arrows_or_typed_freely() {
    let mut app = example("referentiel", Lang::Fr);
    app.referentiel
        .push("Mesure du département : garages solidaires".into());
    code(&mut app, KeyCode::F(7));
    code(&mut app, KeyCode::Enter); // FA-01
    let w = on_disk(&app);
    let rows = crate::app::screens::sheets::rows(&w.sheets()[0]);
    let at = rows
        .iter()
        .position(|r| *r == crate::app::screens::sheets::Row::Referentiel)
        .unwrap();
    for _ in 0..at {
        code(&mut app, KeyCode::Down);
    }
    assert!(
        screen(&app).contains("← → mesures du référentiel"),
        "{}",
        screen(&app)
    );
    code(&mut app, KeyCode::Right);
    assert_eq!(
        on_disk(&app).sheets()[0].referentiel,
        "Petits-déjeuners à l'école"
    );
    // Backwards from the first: nothing, then the config's own measure.
    code(&mut app, KeyCode::Left);
    assert_eq!(on_disk(&app).sheets()[0].referentiel, "");
    code(&mut app, KeyCode::Left);
    assert_eq!(
        on_disk(&app).sheets()[0].referentiel,
        "Mesure du département : garages solidaires"
    );
    // Undo like any change.
    ctrl(&mut app, 'z');
    assert_eq!(on_disk(&app).sheets()[0].referentiel, "");
}

/// Found by the input fuzz test: a new sheet refused for its empty title
/// used to take its number anyway, in memory only.
#[test]
fn a_participant_then_a_new_sheet_both_reach_disk() {
    let mut app = app_on("fuzz_participant_sheet", Lang::Fr);
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::F(2));
    paste(&mut app, "ක");
    code(&mut app, KeyCode::Enter);
    press(
        &mut app,
        KeyEvent::new(KeyCode::PageUp, KeyModifiers::CONTROL),
    );
    ctrl(&mut app, 'n');
    code(&mut app, KeyCode::Enter);
    let doc = app.doc.as_ref().unwrap();
    assert!(doc.save_error.is_none(), "{:?}", doc.save_error);
    assert!(
        screen(&app).contains("Le titre est vide"),
        "{}",
        screen(&app)
    );
    assert_eq!(&store::load(&doc.path).unwrap(), &doc.w);
}

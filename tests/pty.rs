//! The real binary in a pseudo-terminal, read back through a terminal
//! emulator (vt100): what a facilitator would see and do.
#![allow(clippy::unwrap_used, clippy::panic)] // A test or bench fails by panicking.

mod common;

use common::home_with_example;
use common::pty::{COLS, ROWS, Session};
use std::time::Duration;

#[test]
fn closing_the_terminal_window_keeps_the_proposal_and_the_words_being_typed() {
    let home = home_with_example();
    let file = home.path().join("sessions/exemple-drome.toml");
    let mut s = Session::start(home.path(), &["open", file.to_str().unwrap()]);
    s.wait_for("Nouvelle proposition (n° 30)");
    s.send("Dite juste avant la coupure\r");
    s.wait_for("Proposition n° 30 enregistrée");
    s.send("des mots en cours");
    s.wait_for("des mots en cours");
    // What the system does when the window is closed or the link drops.
    let pid = s.child.process_id().unwrap().to_string();
    let hup = std::process::Command::new("kill")
        .args(["-HUP", &pid])
        .status()
        .unwrap();
    assert!(hup.success());
    assert!(s.wait_exit().success(), "a hang-up is a normal stop");
    let toml = std::fs::read_to_string(&file).unwrap();
    assert!(
        toml.contains("text = \"Dite juste avant la coupure\""),
        "{toml}"
    );

    let mut s = Session::start(home.path(), &["open", file.to_str().unwrap()]);
    s.wait_for("des mots en cours");
    s.send("\x11");
    assert!(s.wait_exit().success());
}

#[test]
fn type_two_proposals_quit_reopen_and_find_them() {
    let home = tempfile::tempdir().unwrap();
    let sessions = home.path().join("sessions");
    let created = common::command(home.path())
        .args(["new", "Atelier PTY", "--territory", "Drôme (26)"])
        .output()
        .unwrap();
    assert!(created.status.success());
    let file = sessions.join("atelier-pty.toml");

    let mut s = Session::start(home.path(), &["open", file.to_str().unwrap()]);
    s.wait_for("Nouvelle proposition (n° 1)");
    s.send("Un référent unique pour le RSA 🤝\r");
    s.wait_for("Proposition n° 1 enregistrée");
    s.send("\x1b2"); // Alt+2: axis 2 for the next one
    s.send("Des places en crèche\r");
    s.wait_for("Proposition n° 2 enregistrée");
    s.wait_for("● enregistré");
    s.send("\x11"); // Ctrl+Q
    assert!(s.wait_exit().success());

    let mut s = Session::start(home.path(), &["open", "atelier-pty"]);
    s.wait_for("2 propositions");
    let screen = s.contents();
    assert!(
        screen.contains("Un référent unique pour le RSA"),
        "{screen}"
    );
    assert!(screen.contains("Des places en crèche"), "{screen}");
    assert!(screen.contains("[2 Emploi]"), "{screen}");
    s.send("\x11");
    assert!(s.wait_exit().success());

    let toml = std::fs::read_to_string(&file).unwrap();
    assert!(
        toml.contains("text = \"Un référent unique pour le RSA 🤝\""),
        "{toml}"
    );
    assert!(
        toml.contains("text = \"Des places en crèche\"\naxes = [2]"),
        "{toml}"
    );
}

#[test]
fn the_home_screen_lists_workshops_and_a_tiny_terminal_is_told_so() {
    let home = home_with_example();
    let mut s = Session::start(home.path(), &[]);
    s.wait_for("exemple-drome.toml");
    s.wait_for("Entrée ouvrir");
    s.send("\r");
    s.wait_for("Nouvelle proposition (n° 30)");
    s.resize(8, 20);
    s.wait_for("Fenêtre trop");
    s.resize(ROWS, COLS);
    s.wait_for("27 propositions");
    s.send("\x11");
    assert!(s.wait_exit().success());
}

/// crossterm can drop a resize that comes in the same instant as a key;
/// the app checks the size on every tick, so the screen still follows.
#[test]
fn a_resize_at_the_same_instant_as_a_key_is_not_lost() {
    let home = home_with_example();
    let mut s = Session::start(home.path(), &["open", "exemple-drome"]);
    s.wait_for("Nouvelle proposition (n° 30)");
    for _ in 0..10 {
        s.send("a");
        s.resize(8, 20);
        s.wait_for("Fenêtre trop");
        s.send("a");
        s.resize(ROWS, COLS);
        s.wait_for("Nouvelle proposition (n° 30)");
    }
    s.send("\x11");
    assert!(s.wait_exit().success());
}

/// Real terminals send CR between pasted lines, Windows programs CRLF,
/// files LF: through the real binary and bracketed paste, each must give
/// one proposal per line and one participant per line.
#[test]
fn pastes_with_cr_crlf_and_lf_give_one_item_per_line() {
    for (name, br) in [("CR", "\r"), ("CRLF", "\r\n"), ("LF", "\n")] {
        let home = home_with_example();
        let file = common::example_in(home.path());
        let mut s = Session::start(home.path(), &["open", file.to_str().unwrap()]);
        s.wait_for("Nouvelle proposition (n° 30)");
        let proposals = [
            format!("Collé {name} un"),
            format!("Collé {name} deux"),
            format!("Collé {name} trois"),
        ];
        s.paste(&proposals.join(br));
        s.wait_for("3 lignes collées");
        s.send("\r");
        s.wait_for("Nouvelle proposition (n° 33)");

        s.send("\x1bOQ"); // F2: setup
        s.wait_for("14 participants");
        let people: Vec<String> = (1..=12)
            .map(|i| format!("Personne {name} {i} ; Association {i} ; associations"))
            .collect();
        s.paste(&people.join(br));
        s.wait_for("Ajouter 12 participants ?");
        s.send("\r");
        s.wait_for("12 participants ajoutés");
        s.quit();

        let w = atelier::store::load(&file).unwrap();
        let texts: Vec<_> = w.proposals()[29..].iter().map(|p| p.text.clone()).collect();
        assert_eq!(texts, proposals, "{name}");
        assert_eq!(w.participants().len(), 14 + 12, "{name}");
        assert_eq!(w.participants()[25].name, format!("Personne {name} 12"));
    }
}

/// With the list focused, a sentence starts a new proposal: `d` no longer
/// deletes, `e` no longer edits.
#[test]
fn typing_with_the_list_focused_starts_a_proposal_and_deletes_nothing() {
    let home = home_with_example();
    let file = common::example_in(home.path());
    let mut s = Session::start(home.path(), &["open", file.to_str().unwrap()]);
    s.wait_for("Nouvelle proposition (n° 30)");
    s.send("\x1b"); // Esc: the list
    s.wait_for("Suppr supprimer");
    s.send("des jardins partagés");
    s.wait_for("des jardins partagés");
    s.send("\r");
    s.wait_for("Proposition n° 30 enregistrée");
    s.quit();
    let w = atelier::store::load(&file).unwrap();
    assert_eq!(w.proposals().len(), 30);
    assert_eq!(w.proposals()[29].text, "des jardins partagés");
    assert!(
        w.proposals()[28]
            .text
            .starts_with("Associer les personnes concernées")
    );
}

/// In the booth, a typed name and Entrée open that person's ballot: the
/// first match is selected, never the anonymous voter.
#[test]
fn the_booth_opens_the_ballot_of_the_name_typed() {
    let home = home_with_example();
    let file = common::example_in(home.path());
    let mut s = Session::start(home.path(), &["open", file.to_str().unwrap()]);
    s.wait_for("Nouvelle proposition (n° 30)");
    s.send("\x1b[15~"); // F5
    s.wait_for("1 tour de vote");
    s.send("\x0e"); // Ctrl+N: a new round
    s.wait_for("Nouveau tour de vote");
    s.send("\r");
    s.wait_for("Tour de vote créé");
    s.send("\r"); // the booth
    s.wait_for("Qui vote ?");
    s.send("Nadia");
    s.wait_for("Nadia Benali");
    s.send("\r");
    s.wait_for("Bulletin de Nadia Benali");
    s.send("3\r");
    s.wait_for("Valider quand même ?");
    s.send("\r");
    s.wait_for("Merci, Nadia Benali !");
    s.send("\x1b");
    s.settle(Duration::from_millis(200));
    s.quit();
    let w = atelier::store::load(&file).unwrap();
    let ballot = &w.rounds().last().unwrap().ballots[0];
    assert_eq!(
        ballot.voter.to_string(),
        "p3",
        "Nadia Benali is participant 3"
    );
}

/// Another program changes the workshop while the app has it open: the
/// facilitator is asked at once (the file is watched), nothing is written
/// over the change, and keeping both versions loses nothing.
#[test]
fn an_outside_edit_is_noticed_at_once_and_never_overwritten() {
    let home = home_with_example();
    let file = common::example_in(home.path());
    let mut s = Session::start(home.path(), &["open", file.to_str().unwrap()]);
    s.wait_for("Nouvelle proposition (n° 30)");
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replace(
        "title = \"Concertation Pacte local des solidarités — Drôme\"",
        "title = \"Modifié dans un éditeur\"",
    );
    std::fs::write(&file, &edited).unwrap();
    s.wait_for("modifié hors d'atelier");
    // Typing goes on into the field while the question is up: « é » (2 on
    // AZERTY) or « & » (1) decide nothing.
    s.send("Une idée de Nadia après une réunion & é");
    s.wait_for("Une idée de Nadia après une réunion & é");
    assert!(
        s.contents().contains("modifié hors d'atelier"),
        "still asking"
    );
    s.send("\x1b[B\r"); // ↓ then Entrée: load their version
    s.wait_for("L'autre version est chargée");
    s.wait_for("atelier · Modifié");
    s.send(" — après le rechargement\r");
    s.wait_for("Proposition n° 30 enregistrée");
    s.wait_for("● enregistré");
    s.quit();
    let w = atelier::store::load(&file).unwrap();
    assert_eq!(w.details().title, "Modifié dans un éditeur");
    assert_eq!(
        w.proposals().last().unwrap().text,
        "Une idée de Nadia après une réunion & é — après le rechargement",
        "what was typed during the question went on in the field"
    );
}

/// kill -9 while typing: the words on screen for a tenth of a second are
/// in the draft, and come back at the next opening (README, "Never lost").
#[test]
fn words_on_screen_survive_a_kill_9_mid_sentence() {
    let home = home_with_example();
    let file = home.path().join("sessions/exemple-drome.toml");
    let mut s = Session::start(home.path(), &["open", file.to_str().unwrap()]);
    s.wait_for("Nouvelle proposition (n° 30)");
    for word in [
        "Un ",
        "accueil ",
        "sans ",
        "rendez-vous ",
        "à ",
        "la ",
        "CAF",
    ] {
        s.send(word);
    }
    s.wait_for("Un accueil sans rendez-vous à la CAF");
    // The draft is written on a short timer: wait for it on disk (a poll,
    // not a guess at the timer), then kill.
    let typed = || atelier::store::draft::read(&file).map(|t| t.text);
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while typed().as_deref() != Some("Un accueil sans rendez-vous à la CAF")
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(10));
    }
    s.kill9(); // SIGKILL: no destructor runs
    assert_eq!(
        atelier::store::draft::read(&file)
            .map(|t| t.text)
            .as_deref(),
        Some("Un accueil sans rendez-vous à la CAF")
    );

    let mut s = Session::start(home.path(), &["open", file.to_str().unwrap()]);
    s.wait_for("Un accueil sans rendez-vous à la CAF");
    s.send("\r");
    s.wait_for("Proposition n° 30 enregistrée");
    s.quit();
    assert_eq!(atelier::store::draft::read(&file), None);
    assert!(
        !atelier::store::draft::path_for(&file).exists(),
        "the draft file goes with its text"
    );
}

/// kill -9 at random instants right after Entrée, on a disk slowed to
/// 30 ms a save (a USB stick): every time, the proposal is in the file or
/// comes back from the draft — exactly once, never lost, never doubled —
/// and a proposal the screen called "enregistrée" is in the file.
#[test]
fn a_kill_9_right_after_entree_never_loses_nor_doubles_the_proposal() {
    const RUNS: u64 = 24;
    let mut lost = Vec::new();
    let mut doubled = Vec::new();
    let mut told_saved_not_on_disk = Vec::new();
    let (mut from_draft, mut from_file) = (0, 0);
    for run in 0..RUNS {
        let home = home_with_example();
        let file = common::example_in(home.path());
        let mut s = Session::start_with_env(
            home.path(),
            &["open", file.to_str().unwrap()],
            ROWS,
            COLS,
            &[("ATELIER_SLOW_DISK_MS", "30")],
        );
        s.wait_for("Nouvelle proposition (n° 30)");
        let text = format!("Proposition tapée avant le coup n° {run}");
        s.send(&text);
        s.wait_for(&text);
        s.send("\r");
        // Between 0 and ~45 ms after Entrée, spread over the runs; the
        // last run once the screen says it is saved, however slow the
        // machine, so both sides of the instant are always tried.
        if run == RUNS - 1 {
            s.wait_for("Proposition n° 30 enregistrée");
        } else {
            std::thread::sleep(Duration::from_micros(run * 1_900));
        }
        s.pump();
        let said_saved = s.contents().contains("Proposition n° 30 enregistrée");
        s.kill9();
        let in_file = atelier::store::load(&file)
            .unwrap()
            .proposals()
            .iter()
            .filter(|p| p.text == text)
            .count();
        let typed = atelier::store::draft::read(&file).unwrap_or_default();
        let pending = typed.proposals.iter().filter(|p| p.text == text).count();
        let in_field = usize::from(typed.text.trim() == text);
        // A pending proposal the file already holds is dropped at opening.
        let kept = in_file + in_field + if in_file > 0 { 0 } else { pending };
        if kept == 0 {
            lost.push(run);
        }
        if kept > 1 {
            doubled.push(run);
        }
        if said_saved && in_file == 0 {
            told_saved_not_on_disk.push(run);
        }
        if in_file == 0 {
            from_draft += 1;
        } else {
            from_file += 1;
        }
        // And the next opening shows it once, whether the save the kill cut
        // short is recovered (even runs) or set aside (odd ones).
        let mut s = Session::start(home.path(), &["open", file.to_str().unwrap()]);
        s.wait_until("the capture or the recovery question", |t| {
            t.contains("Nouvelle proposition") || t.contains("Récupérer")
        });
        if s.contents().contains("Récupérer") {
            s.send(if run % 2 == 0 {
                "\x1b[B\r"
            } else {
                "\x1b[B\x1b[B\r"
            });
            s.wait_for("Nouvelle proposition");
        }
        s.quit();
        let after = atelier::store::load(&file).unwrap();
        let typed = atelier::store::draft::read(&file).unwrap_or_default();
        let total = after.proposals().iter().filter(|p| p.text == text).count()
            + usize::from(typed.text.trim() == text);
        assert_eq!(total, 1, "run {run}: once after reopening");
    }
    assert!(lost.is_empty(), "lost in runs {lost:?}");
    assert!(doubled.is_empty(), "doubled in runs {doubled:?}");
    // Both sides of the instant were hit: kills before the save was
    // durable (the draft kept it) and after.
    assert!(
        from_draft > 0 && from_file > 0,
        "{from_draft} from the draft, {from_file} from the file"
    );
    eprintln!("kill -9 after Entrée: {from_draft} runs kept by the draft, {from_file} by the file");
    assert!(
        told_saved_not_on_disk.is_empty(),
        "said saved before it was, in runs {told_saved_not_on_disk:?}"
    );
}

/// The real binary: a paraphrase typed live is said to look like n° 8,
/// Alt+F merges it there, Ctrl+Z takes it back; on the tag screen, `s`
/// suggests the same merge, and Entrée does it.
#[test]
fn a_paraphrase_is_hinted_merged_undone_and_suggested_again_on_the_tag_screen() {
    let home = home_with_example();
    let file = home.path().join("sessions/exemple-drome.toml");
    let mut s = Session::start(home.path(), &["open", file.to_str().unwrap()]);
    s.wait_for("Nouvelle proposition (n° 30)");
    s.send("Un seul interlocuteur pour les bénéficiaires du RSA\r");
    s.wait_for("Ressemble au n° 8");
    s.wait_for("Alt+F fusionner la n° 30 dans la n° 8");
    s.send("\x1bf"); // Alt+F
    s.wait_for("Proposition n° 30 fusionnée dans la n° 8");
    s.send("\x1a"); // Ctrl+Z
    s.wait_until("the merge undone", |screen| {
        !screen.contains("fusionnée dans la n° 8")
    });
    s.send("\x1b[14~"); // F4: tag
    s.wait_for("Filtre");
    s.send("s");
    s.wait_for("Ces propositions disent-elles la même chose ?");
    s.send("\r");
    s.wait_for("N° 30 fusionnée dans la n° 8");
    s.wait_for("● enregistré");
    s.quit();
    let toml = std::fs::read_to_string(&file).unwrap();
    let at = toml.find("id = 30").unwrap();
    assert!(toml[at..].contains("merged_into = 8"), "{toml}");
}

/// Majority judgment in the real binary: a round by grades, a booth
/// ballot graded by digit and cast, a kill -9 right after "Merci" that
/// keeps it, then a paper count of grades typed row by row.
#[test]
fn a_round_by_majority_judgment_in_the_booth_then_on_paper() {
    const TAB: &str = "\t";
    const RIGHT: &str = "\x1b[C";
    let home = home_with_example();
    let file = common::example_in(home.path());
    let mut s = Session::start(home.path(), &["open", file.to_str().unwrap()]);
    s.wait_for("Nouvelle proposition (n° 30)");
    s.send("\x1b[15~"); // F5
    s.wait_for("1 tour de vote");
    s.send("\x0e"); // Ctrl+N: a new round
    s.wait_for("Nouveau tour de vote");
    s.send(TAB);
    s.send(RIGHT); // axis 1
    for _ in 0..6 {
        s.send(TAB);
    }
    s.send(RIGHT); // majority judgment
    s.wait_for("Jugement majoritaire");
    s.send("\r");
    s.wait_for("Tour de vote créé");
    s.send("\r"); // the booth
    s.wait_for("Qui vote ?");
    s.send("Nadia");
    s.wait_for("Nadia Benali");
    s.send("\r");
    s.wait_for("Propositions à noter");
    s.send("2");
    s.wait_for("Très bien");
    s.send("\r");
    s.wait_for("Valider quand même ?");
    s.send("\r");
    s.wait_for("Merci, Nadia Benali !");
    s.kill9();
    let w = atelier::store::load(&file).unwrap();
    let round = w.rounds().last().unwrap();
    assert_eq!(round.method, atelier::domain::round::Method::Judgment);
    let marks: Vec<u32> = round.ballots[0].dots.values().copied().collect();
    assert_eq!(marks, [2], "one proposal graded Très bien, on disk");

    let mut s = Session::start(home.path(), &["open", file.to_str().unwrap()]);
    s.wait_for("Nouvelle proposition (n° 30)");
    s.send("\x1b[15~");
    s.wait_for("2 tours de vote");
    s.send("\x0e");
    s.wait_for("Nouveau tour de vote");
    s.send(TAB);
    s.send(RIGHT); // axis 1
    s.send(TAB);
    s.send(RIGHT); // paper
    for _ in 0..5 {
        s.send(TAB);
    }
    s.send(RIGHT); // majority judgment
    s.wait_for("Jugement majoritaire");
    s.send("\r");
    s.wait_for("Tour de vote créé");
    s.send("\r"); // the count
    s.wait_for("décompte des mentions");
    s.send("3\r2\r");
    s.wait_for("5 mentions comptées");
    s.quit();
    let w = atelier::store::load(&file).unwrap();
    let entry = &w.rounds().last().unwrap().tallies[0];
    assert_eq!(entry.grades, [3, 2, 0, 0, 0, 0, 0]);
}

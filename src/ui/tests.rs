//! Every screen drawn on a `TestBackend` and compared with its snapshot, at
//! 80×24 and at a projector size (120×34); a few in English.

use crate::app::drive::{alt, code, ctrl, paste, resize, test_app, type_text};
use crate::app::{App, Overlay};
use crate::i18n::Lang;
use crate::ui::memory::screen;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Size;
use std::path::PathBuf;

pub(crate) const EXAMPLE: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/sessions/exemple-drome.toml");

/// A fresh folder with a copy of the example, at a path relative to the
/// crate (tests run there), so that it reads the same on every machine.
pub(crate) fn folder(name: &str) -> PathBuf {
    let dir = PathBuf::from("target/ui-tests").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    let sessions = dir.join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    std::fs::copy(EXAMPLE, sessions.join("exemple-drome.toml")).unwrap();
    sessions
}

pub(crate) fn app_on(name: &str, lang: Lang) -> App {
    test_app(folder(name), lang, Size::new(120, 34))
}

/// The example, open on the capture screen.
pub(crate) fn example(name: &str, lang: Lang) -> App {
    let mut app = app_on(name, lang);
    code(&mut app, KeyCode::Enter);
    assert!(app.doc.is_some(), "the example opens");
    app
}

/// Snapshots the app at both sizes, after checking that each size shows
/// `purpose`: the words that say what the screen is for, so that a
/// snapshot accepted in a hurry cannot lose them.
fn both(name: &str, app: &mut App, purpose: &[&str]) {
    for (w, h) in [(80, 24), (120, 34)] {
        resize(app, w, h);
        let shown = screen(app);
        for words in purpose {
            assert!(
                shown.contains(words),
                "{name} at {w}x{h} shows « {words} »:\n{shown}"
            );
        }
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), shown);
    }
}

#[test]
fn home() {
    let mut app = app_on("home", Lang::Fr);
    both(
        "home",
        &mut app,
        &[
            "Concertation Pacte local des solidarités — Drôme",
            "27 propositions · 14 participants",
        ],
    );
}

#[test]
fn home_in_english() {
    let mut app = app_on("home_en", Lang::En);
    resize(&mut app, 120, 34);
    insta::assert_snapshot!("home_en_120x34", screen(&app));
}

#[test]
fn capture() {
    let mut app = example("capture", Lang::Fr);
    both(
        "capture",
        &mut app,
        &[
            "Nouvelle proposition (n° 30)",
            "Tapez la proposition, Entrée pour l'enregistrer.",
        ],
    );
}

/// The hint after a paraphrase is saved: the older proposal, the words
/// they share and the two keys, at both sizes (narrow: in the detail's
/// place too).
#[test]
fn capture_with_a_similar_proposal() {
    let mut app = example("capture_similar", Lang::Fr);
    type_text(
        &mut app,
        "Un interlocuteur unique pour les bénéficiaires du RSA",
    );
    code(&mut app, KeyCode::Enter);
    for (w, h) in [(80, 24), (120, 34)] {
        resize(&mut app, w, h);
        let shown = screen(&app);
        assert!(
            shown.contains("Alt+F fusionner la n° 30 dans la n° 8"),
            "{shown}"
        );
        insta::assert_snapshot!(format!("capture_similar_{w}x{h}"), shown);
    }
}

/// The tag screen's suggestions: a merge to confirm, with the proposals
/// and their shared words, and the keys that answer it.
#[test]
fn tag_suggestions() {
    let mut app = example("tag_suggest", Lang::Fr);
    type_text(
        &mut app,
        "Un seul interlocuteur pour les allocataires du RSA",
    );
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::F(4));
    type_text(&mut app, "s");
    for (w, h) in [(80, 24), (120, 34)] {
        resize(&mut app, w, h);
        let shown = screen(&app);
        assert!(shown.contains("n° 8") && shown.contains("n° 30"), "{shown}");
        assert!(shown.contains("Suppr garder séparées"), "{shown}");
        insta::assert_snapshot!(format!("tag_suggest_{w}x{h}"), shown);
    }
    // The next one: the axis for n° 30, named even at 80x24.
    code(&mut app, KeyCode::Right);
    for (w, h) in [(80, 24), (120, 34)] {
        resize(&mut app, w, h);
        let shown = screen(&app);
        assert!(shown.contains("Axe suggéré pour la n° 30 : [2"), "{shown}");
        insta::assert_snapshot!(format!("tag_suggest_axis_{w}x{h}"), shown);
    }
}

#[test]
fn capture_in_english() {
    let mut app = example("capture_en", Lang::En);
    type_text(&mut app, "A single contact person");
    resize(&mut app, 120, 34);
    insta::assert_snapshot!("capture_en_120x34", screen(&app));
}

#[test]
fn capture_while_typing() {
    let mut app = example("capture_typing", Lang::Fr);
    type_text(&mut app, "Créer un café des parents à l'école");
    alt(&mut app, '1');
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "CAF de la Drôme");
    both(
        "capture_typing",
        &mut app,
        &[
            "Créer un café des parents à l'école",
            "Auteur : CAF de la Drôme",
        ],
    );
}

#[test]
fn capture_after_saving_shows_the_new_proposal() {
    let mut app = example("capture_saved", Lang::Fr);
    type_text(&mut app, "Ouvrir une laverie solidaire 🧺\n");
    both(
        "capture_saved",
        &mut app,
        &[
            "Proposition n° 30 enregistrée.",
            "30 [?] Ouvrir une laverie solidaire 🧺",
        ],
    );
}

#[test]
fn capture_list_with_a_search() {
    let mut app = example("capture_search", Lang::Fr);
    code(&mut app, KeyCode::Esc);
    ctrl(&mut app, 'f');
    type_text(&mut app, "referent");
    code(&mut app, KeyCode::Enter);
    both("capture_search", &mut app, &["Proposition n° 8 [2 Emploi]"]);
}

#[test]
fn tag() {
    let mut app = example("tag", Lang::Fr);
    code(&mut app, KeyCode::F(4));
    both("tag", &mut app, &["Propositions par axe", "1 Enfance (7)"]);
}

#[test]
fn tag_filtered_with_marks_and_the_merge_question() {
    let mut app = example("tag_merge", Lang::Fr);
    code(&mut app, KeyCode::F(4));
    type_text(&mut app, "ff"); // filter: untagged, then axis 1
    type_text(&mut app, " "); // mark the first, move to the second
    code(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay, Some(Overlay::Confirm(_))));
    both("tag_merge", &mut app, &["Entrée : oui · Échap : non"]);
}

#[test]
fn setup() {
    let mut app = example("setup", Lang::Fr);
    code(&mut app, KeyCode::F(2));
    both(
        "setup",
        &mut app,
        &[
            "Axes (chiffre = touche de tri)",
            "Sophie Laurent · DDETS de la",
        ],
    );
}

#[test]
fn setup_participant_form() {
    let mut app = example("setup_form", Lang::Fr);
    code(&mut app, KeyCode::F(2));
    for _ in 0..3 {
        code(&mut app, KeyCode::Tab); // details, axes, agenda, participants
    }
    code(&mut app, KeyCode::Insert);
    type_text(&mut app, "Inès Moreau");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "Secours catholique");
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Right);
    code(&mut app, KeyCode::Right);
    both(
        "setup_form",
        &mut app,
        &["Inès Moreau", "Secours catholique"],
    );
}

#[test]
fn help() {
    let mut app = example("help", Lang::Fr);
    code(&mut app, KeyCode::F(1));
    both(
        "help",
        &mut app,
        &["fusionner avec la proposition semblable"],
    );
}

#[test]
fn paste_of_several_lines_asks_how() {
    let mut app = example("paste", Lang::Fr);
    paste(
        &mut app,
        "Premier point\nDeuxième point\n\nTroisième point\n",
    );
    both("paste", &mut app, &["• Deuxième point"]);
}

#[test]
fn a_long_proposal_is_cut_with_an_ellipsis_and_read_whole() {
    let mut app = example("long", Lang::Fr);
    let long = "Mettre en place un accompagnement global ".repeat(30);
    paste(&mut app, &long);
    code(&mut app, KeyCode::Enter);
    both("long_in_list", &mut app, &["Proposition n° 30 Sans axe"]);
    code(&mut app, KeyCode::Esc);
    code(&mut app, KeyCode::Right);
    both("long_viewer", &mut app, &["┌ Proposition n° 30"]);
}

#[test]
fn a_tiny_terminal_asks_to_be_enlarged() {
    let mut app = example("tiny", Lang::Fr);
    resize(&mut app, 20, 8);
    insta::assert_snapshot!("tiny_20x8", screen(&app));
    resize(&mut app, 59, 16);
    assert!(screen(&app).contains("Fenêtre trop petite (59×16)"));
}

#[test]
fn a_new_empty_workshop() {
    let mut app = test_app(
        {
            let dir = PathBuf::from("target/ui-tests/empty/sessions");
            let _ = std::fs::remove_dir_all("target/ui-tests/empty");
            std::fs::create_dir_all(&dir).unwrap();
            dir
        },
        Lang::Fr,
        Size::new(120, 34),
    );
    both(
        "home_empty",
        &mut app,
        &["Aucun atelier ici. n pour en créer un."],
    );
    type_text(&mut app, "n");
    type_text(&mut app, "Atelier emploi des jeunes");
    code(&mut app, KeyCode::Tab);
    type_text(&mut app, "Valence");
    both(
        "new_workshop_form",
        &mut app,
        &["Atelier emploi des jeunes"],
    );
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::F(3));
    both(
        "capture_empty",
        &mut app,
        &["Aucune proposition pour l'instant"],
    );
    let _ = ctrl;
}

// ---- voting ----------------------------------------------------------------

/// The example with a fresh open round on axis 1 (7 proposals, 3 dots, cap 2).
fn with_open_round(name: &str) -> App {
    let mut app = example(name, Lang::Fr);
    code(&mut app, KeyCode::F(5));
    ctrl(&mut app, 'n');
    type_text(&mut app, " — enfance");
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Right); // scope: axis 1
    for _ in 0..3 {
        code(&mut app, KeyCode::Tab);
    }
    code(&mut app, KeyCode::Backspace);
    type_text(&mut app, "2"); // cap 2
    code(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "the round was created");
    app
}

#[test]
fn vote_rounds() {
    let mut app = example("vote_rounds", Lang::Fr);
    code(&mut app, KeyCode::F(5));
    both(
        "vote_rounds",
        &mut app,
        &[
            "Tour 1 — priorités de la Drôme",
            "6 gommettes par votant · au plus 3 par",
        ],
    );
}

#[test]
fn vote_round_form_explains_the_default_dots() {
    let mut app = example("vote_form", Lang::Fr);
    code(&mut app, KeyCode::F(5));
    ctrl(&mut app, 'n');
    both(
        "vote_form",
        &mut app,
        &["Gommettes par votant", "Plafond par proposition"],
    );
}

#[test]
fn a_new_round_says_each_voter_sees_their_own_order() {
    let mut app = example("vote_order", Lang::Fr);
    code(&mut app, KeyCode::F(5));
    ctrl(&mut app, 'n');
    code(&mut app, KeyCode::Enter);
    for (w, h) in [(80, 24), (120, 34)] {
        resize(&mut app, w, h);
        let text = screen(&app);
        assert!(text.contains("mélangé par votant"), "{text}");
        insta::assert_snapshot!(format!("vote_new_round_{w}x{h}"), text);
    }
}

#[test]
fn the_second_voter_sees_nothing_of_the_first_ballot() {
    let mut app = with_open_round("vote_private");
    code(&mut app, KeyCode::Enter); // the booth
    type_text(&mut app, "nadia");
    code(&mut app, KeyCode::Enter); // the first (and only) match
    type_text(&mut app, "2"); // 2 dots on her first proposal (her own order)
    code(&mut app, KeyCode::Down);
    type_text(&mut app, "+"); // 1 on her second
    both(
        "vote_first_ballot",
        &mut app,
        &["Au plus 2 gommettes par proposition."],
    );
    code(&mut app, KeyCode::Enter);
    both(
        "vote_thanks",
        &mut app,
        &["Merci, Nadia Benali ! Votre bulletin est enregistré."],
    );
    code(&mut app, KeyCode::Enter);
    both(
        "vote_picker",
        &mut app,
        &["Sophie Laurent · DDETS de la Drôme"],
    );
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Enter); // the next participant
    let text = screen(&app);
    let body: String = text.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert!(
        !body.contains('●'),
        "a dot of the first ballot shows:\n{text}"
    );
    assert!(
        text.contains("3/3") || text.contains("▟▀▙"),
        "three dots left"
    );
    both(
        "vote_second_ballot",
        &mut app,
        &["Au plus 2 gommettes par proposition."],
    );
}

#[test]
fn an_open_round_shows_participation_only() {
    let mut app = with_open_round("vote_open_results");
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::Enter); // anonymous voter
    type_text(&mut app, "2");
    code(&mut app, KeyCode::Down);
    type_text(&mut app, "1");
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::Esc); // the thank-you screen, back to the rounds
    code(&mut app, KeyCode::F(6));
    let text = screen(&app);
    assert!(
        text.contains("1 bulletin · 3 gommettes posées sur 3"),
        "{text}"
    );
    assert!(!text.contains('█'), "no bar of the ranking:\n{text}");
    both(
        "results_hidden",
        &mut app,
        &["Résultats masqués jusqu'au dévoilement."],
    );
}

#[test]
fn revealed_results_with_the_cut_line() {
    let mut app = example("results_revealed", Lang::Fr);
    code(&mut app, KeyCode::F(6));
    both(
        "results_revealed",
        &mut app,
        &["ligne de coupure : 5 retenues", "13 n° 8"],
    );
}

/// A paper round on axis 1 keeping 3, where n° 3, n° 4 and n° 5 tie for
/// the last 2 places; then the runoff's reveal settles it.
#[test]
fn a_tie_straddling_the_cut_line_then_settled_by_a_runoff() {
    let mut app = example("results_tie", Lang::Fr);
    code(&mut app, KeyCode::F(5));
    ctrl(&mut app, 'n');
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Right); // scope: axis 1
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Right); // mode: paper
    for _ in 0..3 {
        code(&mut app, KeyCode::Tab);
    }
    code(&mut app, KeyCode::Backspace);
    type_text(&mut app, "3"); // keep 3
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::Enter); // count: n° 1…7 of axis 1
    type_text(&mut app, "9\n2\n5\n5\n5\n1\n");
    code(&mut app, KeyCode::Esc);
    ctrl(&mut app, 'r');
    code(&mut app, KeyCode::Enter);
    both("results_tie", &mut app, &["2= "]);
    // The runoff on the three tied, counted on paper too: n° 4 and n° 5.
    ctrl(&mut app, 'd');
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::Enter);
    type_text(&mut app, "1\n4\n6\n");
    code(&mut app, KeyCode::Esc);
    ctrl(&mut app, 'r');
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::Left);
    both("results_tie_settled", &mut app, &["égalité départagée par"]);
}

#[test]
fn the_paper_tally() {
    let mut app = example("vote_tally", Lang::Fr);
    code(&mut app, KeyCode::F(5));
    ctrl(&mut app, 'n');
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Right); // mode: paper
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::Enter); // count
    type_text(&mut app, "12\n3\n");
    type_text(&mut app, "+");
    both("vote_tally", &mut app, &["décompte des gommettes"]);
}

// ---- results and action sheets -----------------------------------------------

#[test]
fn results_with_winners_chosen_and_the_colleges_of_one() {
    let mut app = example("results_chosen", Lang::Fr);
    code(&mut app, KeyCode::F(6));
    type_text(&mut app, "t");
    both("results_chosen", &mut app, &["✓ 5 retenues"]);
}

#[test]
fn results_with_the_support_of_each_college() {
    let mut app = example("results_consensus", Lang::Fr);
    code(&mut app, KeyCode::F(6));
    type_text(&mut app, "c");
    let shown = screen(&app);
    // The purpose: each collège's column and the score, with the legend
    // in the title; the detail names the collèges in full.
    assert!(
        shown.contains("Consensus") && shown.contains("Inst."),
        "{shown}"
    );
    assert!(shown.contains("Soutien (au moins une gommette)"), "{shown}");
    both("results_consensus", &mut app, &["Consensus"]);
    // The same key goes back to the ranking by dots.
    type_text(&mut app, "c");
    assert!(!screen(&app).contains("Soutien (au moins"));
}

#[test]
fn results_per_axis() {
    let mut app = example("results_axis", Lang::Fr);
    code(&mut app, KeyCode::F(6));
    type_text(&mut app, "g");
    both(
        "results_per_axis",
        &mut app,
        &["1 Enfance · Prévenir la pauvreté"],
    );
}

#[test]
fn sheets_list_and_a_filled_sheet() {
    let mut app = example("sheets", Lang::Fr);
    code(&mut app, KeyCode::F(7));
    both(
        "sheets_list",
        &mut app,
        &["FA-01 [2] Référent un", "à compléter"],
    );
    code(&mut app, KeyCode::Enter);
    both("sheet_fields", &mut app, &["▶Intitulé"]);
    code(&mut app, KeyCode::End);
    both(
        "sheet_fields_end",
        &mut app,
        &["Indicateurs", "Allocataires avec un référent unique nommé"],
    );
}

#[test]
fn a_sheet_field_edited_in_place() {
    let mut app = example("sheet_edit", Lang::Fr);
    code(&mut app, KeyCode::F(7));
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Down);
    code(&mut app, KeyCode::Enter);
    // The constat, below the title, axis, nature, référentiel and priority.
    for _ in 0..5 {
        code(&mut app, KeyCode::Down);
    }
    code(&mut app, KeyCode::Enter);
    type_text(
        &mut app,
        "Les petits-déjeuners en classe réduisent la fatigue du matin.",
    );
    both(
        "sheet_editing",
        &mut app,
        &["Entrée valider · Alt+Entrée retour à la ligne · Échap annuler"],
    );
}

// ---- projection, themes, timer ---------------------------------------------------

use crate::app::theme::Theme;

/// Snapshots a projected screen at 120×34 and 240×67 in both themes: the
/// text, and for the light theme the backgrounds it paints.
fn projected(name: &str, app: &mut App) {
    assert!(app.projection);
    for (theme, suffix) in [(Theme::dark(), "dark"), (Theme::light(), "light")] {
        app.theme = theme;
        // A laptop screen, a usual projector, a big projector font.
        let sizes: &[(u16, u16)] = if suffix == "dark" {
            &[(80, 24), (120, 34), (240, 67)]
        } else {
            &[(120, 34), (240, 67)]
        };
        for &(w, h) in sizes {
            resize(app, w, h);
            let text = screen(app);
            insta::assert_snapshot!(format!("projection_{name}_{suffix}_{w}x{h}"), text);
            if suffix == "light" && w == 120 {
                insta::assert_snapshot!(
                    format!("projection_{name}_light_backgrounds"),
                    crate::ui::memory::backgrounds(app)
                );
            }
        }
    }
    app.theme = Theme::dark();
}

fn projecting(name: &str) -> App {
    let mut app = example(name, Lang::Fr);
    code(&mut app, KeyCode::F(9));
    app
}

#[test]
fn projection_welcome() {
    let mut app = projecting("proj_welcome");
    code(&mut app, KeyCode::F(2));
    projected("welcome", &mut app);
}

#[test]
fn projection_capture_with_the_timer() {
    let mut app = projecting("proj_capture");
    type_text(&mut app, "Une navette solidaire le samedi");
    code(&mut app, KeyCode::F(8)); // the timer, at 45:00
    let start = app.instant();
    crate::app::update(
        &mut app,
        crate::app::Action::Tick(start + std::time::Duration::from_secs(12 * 60 + 30)),
    );
    projected("capture", &mut app);
}

#[test]
fn projection_focus_on_one_proposal() {
    let mut app = projecting("proj_focus");
    code(&mut app, KeyCode::Esc);
    code(&mut app, KeyCode::Home);
    ctrl(&mut app, 'g');
    projected("focus", &mut app);
}

#[test]
fn projection_open_vote_shows_participation_only() {
    let mut app = with_open_round("proj_vote");
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::Enter); // anonymous
    type_text(&mut app, "2");
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::Enter); // dots left: cast anyway
    code(&mut app, KeyCode::Esc);
    code(&mut app, KeyCode::F(9));
    let text = screen(&app);
    assert!(text.contains("Résultats masqués"), "{text}");
    let doc = app.doc.as_ref().unwrap();
    for p in doc.w.proposals().iter().filter(|p| !p.axes.is_empty()) {
        let start: String = p.text.chars().take(20).collect();
        assert!(
            !text.contains(&start),
            "no proposal, hence no ranking, before the reveal:\n{text}"
        );
    }
    projected("vote_open", &mut app);
}

#[test]
fn projection_results_and_closing() {
    let mut app = projecting("proj_results");
    code(&mut app, KeyCode::F(6));
    projected("results", &mut app);
    code(&mut app, KeyCode::F(7));
    projected("closing", &mut app);
}

#[test]
fn projection_shows_the_consensus_on_request() {
    let mut app = projecting("proj_consensus");
    code(&mut app, KeyCode::F(6));
    assert!(!screen(&app).contains("Consensus"));
    type_text(&mut app, "c");
    for (w, h) in [(120, 34), (240, 67)] {
        resize(&mut app, w, h);
        let text = screen(&app);
        // The purpose: the wall says what the percentages are, and each
        // collège's share under each proposal.
        assert!(text.contains("— Consensus"), "{text}");
        assert!(text.contains("Inst. 38\u{a0}%"), "{text}");
        insta::assert_snapshot!(format!("projection_consensus_{w}x{h}"), text);
    }
}

#[test]
fn projection_keeps_the_booth_for_the_voter() {
    let mut app = with_open_round("proj_booth");
    code(&mut app, KeyCode::F(9));
    code(&mut app, KeyCode::Enter);
    let text = screen(&app);
    assert!(
        text.contains("Qui vote ?") && text.contains("détournez le projecteur"),
        "{text}"
    );
}

/// Every axis badge shows its number as well as its colour: checked on
/// every screen, both themes, normal and projected.
#[test]
fn every_axis_badge_carries_its_number() {
    let mut app = example("badges", Lang::Fr);
    for theme in [Theme::dark(), Theme::light()] {
        app.theme = theme;
        for projection in [false, true] {
            app.projection = projection;
            for key in [
                KeyCode::F(2),
                KeyCode::F(3),
                KeyCode::F(4),
                KeyCode::F(5),
                KeyCode::F(6),
                KeyCode::F(7),
            ] {
                code(&mut app, key);
                for (w, h) in [(80, 24), (120, 34), (240, 67)] {
                    resize(&mut app, w, h);
                    let buf = crate::ui::memory::render(&app);
                    let w_ = &app.doc.as_ref().unwrap().w;
                    crate::ui::projection::badges_carry_numbers(&buf, w_, &app.theme)
                        .unwrap_or_else(|e| panic!("{key:?} {w}x{h} projection={projection}: {e}"));
                }
            }
        }
    }
}

#[test]
fn no_color_keeps_the_selection_visible_without_colour() {
    let mut app = example("no_color", Lang::Fr);
    app.theme = Theme::choose(Some("light"), true);
    code(&mut app, KeyCode::F(4));
    let buf = crate::ui::memory::render(&app);
    let coloured = buf.content.iter().enumerate().find(|(_, c)| {
        !matches!(c.fg, ratatui::style::Color::Reset)
            || !matches!(c.bg, ratatui::style::Color::Reset)
    });
    assert!(
        coloured.is_none(),
        "NO_COLOR: no colour at all, found {coloured:?}"
    );
    // Row 0 is the header, itself in reverse video.
    let selected_row = (1..buf.area.height)
        .find(|y| {
            buf[(3, *y)]
                .modifier
                .contains(ratatui::style::Modifier::REVERSED)
        })
        .expect("the selected row is shown in reverse video");
    let row: String = (0..buf.area.width)
        .map(|x| buf[(x, selected_row)].symbol().to_string())
        .collect();
    assert!(row.contains("Associer les personnes concernées"), "{row}");
}

#[test]
fn export_and_import_forms() {
    let mut app = example("export_form", Lang::Fr);
    ctrl(&mut app, 'e');
    both("export_form", &mut app, &["Format", "Noms des personnes"]);
    code(&mut app, KeyCode::Esc);
    ctrl(&mut app, 'o');
    both(
        "import_form",
        &mut app,
        &["(aucun autre atelier dans ce dossier)"],
    );
}

// ---- no word cut without saying so ----------------------------------------------

/// Lines of `app` at `w`×`h` that reach the right edge on a letter and go
/// on with letters on a wider screen of the same layout: a word cut
/// mid-way with no "…". (A line that merely fits exactly does not go on.)
fn words_cut_at_the_edge(app: &mut App, w: u16, h: u16) -> Vec<String> {
    resize(app, w, h);
    let narrow = screen(app);
    resize(app, w + 15, h);
    let wide = screen(app);
    narrow
        .lines()
        .zip(wide.lines())
        .filter(|(a, _)| crate::ui::widgets::width(a) >= w as usize)
        .filter(|(a, _)| a.chars().last().is_some_and(char::is_alphanumeric))
        .filter(|(a, b)| {
            b.strip_prefix(*a)
                .and_then(|rest| rest.chars().next())
                .is_some_and(char::is_alphanumeric)
        })
        .map(|(a, _)| a.to_string())
        .collect()
}

#[test]
fn no_screen_cuts_a_word_at_its_edge_without_an_ellipsis() {
    let mut cases: Vec<(&str, App)> = Vec::new();
    cases.push(("capture", example("cut_capture", Lang::Fr)));
    let mut app = example("cut_tag", Lang::Fr);
    code(&mut app, KeyCode::F(4));
    cases.push(("tag", app));
    let mut app = example("cut_setup", Lang::Fr);
    code(&mut app, KeyCode::F(2));
    cases.push(("setup", app));
    let mut app = example("cut_results", Lang::Fr);
    code(&mut app, KeyCode::F(6));
    type_text(&mut app, "t");
    cases.push(("results chosen", app));
    let mut app = example("cut_sheet", Lang::Fr);
    code(&mut app, KeyCode::F(7));
    code(&mut app, KeyCode::Enter);
    cases.push(("sheet fields", app));
    let mut app = with_open_round("cut_booth");
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::Enter);
    cases.push(("booth", app));
    let mut app = projecting("cut_closing");
    code(&mut app, KeyCode::F(7));
    cases.push(("projection closing", app));
    let mut app = projecting("cut_projected_results");
    code(&mut app, KeyCode::F(6));
    cases.push(("projection results", app));
    let mut failures = Vec::new();
    for (name, mut app) in cases {
        for (w, h) in [(80, 24), (60, 16)] {
            for line in words_cut_at_the_edge(&mut app, w, h) {
                failures.push(format!("{name} at {w}×{h}: {line:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A round by majority judgment on axis 1, each voter in the workshop's
/// order: the booth gives each proposal a grade by its digit, the results
/// rank by majority grade with the grades as one stacked bar.
#[test]
fn a_round_by_majority_judgment_in_the_booth_and_its_results() {
    let mut app = example("judgment", Lang::Fr);
    code(&mut app, KeyCode::F(5));
    ctrl(&mut app, 'n');
    type_text(&mut app, " — validation");
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Right); // scope: axis 1
    for _ in 0..4 {
        code(&mut app, KeyCode::Tab); // mode, dots, cap, winners
    }
    code(&mut app, KeyCode::Backspace);
    type_text(&mut app, "2"); // keep 2
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Right); // the same order for everyone
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Right); // majority judgment
    code(&mut app, KeyCode::Enter);
    assert!(
        app.overlay.is_none(),
        "the round was created: {}",
        screen(&app)
    );
    // Two voters: each digit is a grade, 1 Excellent … 7 À rejeter.
    for (name, grades) in [("nadia", "2131"), ("marc", "3224")] {
        code(&mut app, KeyCode::Enter);
        type_text(&mut app, name);
        code(&mut app, KeyCode::Enter);
        for g in grades.chars() {
            type_text(&mut app, &g.to_string());
            code(&mut app, KeyCode::Down);
        }
        if name == "marc" {
            both(
                "judgment_ballot",
                &mut app,
                &["Propositions à noter", "Très bien", "à noter"],
            );
        }
        code(&mut app, KeyCode::Enter);
        // Three proposals left without a grade: asked, then cast anyway.
        assert!(
            matches!(&app.overlay, Some(Overlay::Confirm(c)) if c.body.contains("« À rejeter »")),
            "{}",
            screen(&app)
        );
        code(&mut app, KeyCode::Enter);
    }
    code(&mut app, KeyCode::Esc);
    ctrl(&mut app, 'r');
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::F(6));
    // n° 2 got Excellent and Très bien (lower median: Très bien); n° 1
    // and n° 3 both Très bien and Bien: Bien, tied at the cut line.
    let text = screen(&app);
    let first = text
        .lines()
        .find(|l| l.contains("   1 "))
        .unwrap_or_default();
    assert!(
        first.contains("Très bien") && first.contains("n° 2"),
        "{text}"
    );
    assert!(
        text.contains("Égalité à la coupure : n° 1, n° 3 pour 1 place"),
        "{text}"
    );
    both(
        "judgment_results",
        &mut app,
        &[
            "Mention majoritaire : Très bien",
            "2 bulletins · 8 mentions données sur 14",
        ],
    );
    // On the wall: the same ranking, the majority grade in words.
    code(&mut app, KeyCode::F(9));
    resize(&mut app, 120, 34);
    let wall = screen(&app);
    assert!(
        wall.contains("Très bien") && wall.contains("À rejeter"),
        "{wall}"
    );
    insta::assert_snapshot!("judgment_projected_120x34", wall);
}

/// A paper count by majority judgment: seven rows a proposal, one per
/// grade, the count typed for each; the results rank by majority grade.
#[test]
fn a_paper_count_of_grades() {
    let mut app = example("judgment_paper", Lang::Fr);
    code(&mut app, KeyCode::F(5));
    ctrl(&mut app, 'n');
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Right); // scope: axis 1
    code(&mut app, KeyCode::Tab);
    code(&mut app, KeyCode::Right); // mode: paper
    for _ in 0..5 {
        code(&mut app, KeyCode::Tab); // dots, cap, winners, order, method
    }
    code(&mut app, KeyCode::Right); // majority judgment
    code(&mut app, KeyCode::Enter);
    assert!(
        app.overlay.is_none(),
        "the round was created: {}",
        screen(&app)
    );
    code(&mut app, KeyCode::Enter); // the count
    // n° 1: 2 Excellent, 3 Très bien; n° 2: 4 Bien, 1 Assez bien.
    type_text(&mut app, "2\n3\n\n\n\n\n\n");
    type_text(&mut app, "\n\n4\n1\n");
    both(
        "judgment_paper",
        &mut app,
        &["10 mentions comptées", "décompte des mentions", "À rejeter"],
    );
    code(&mut app, KeyCode::Esc);
    ctrl(&mut app, 'r');
    code(&mut app, KeyCode::Enter);
    code(&mut app, KeyCode::F(6));
    let text = screen(&app);
    let first = text
        .lines()
        .find(|l| l.contains("   1 "))
        .unwrap_or_default();
    assert!(
        first.contains("Très bien") && first.contains("n° 1"),
        "{text}"
    );
    let second = text
        .lines()
        .find(|l| l.contains("   2 "))
        .unwrap_or_default();
    assert!(second.contains("Bien") && second.contains("n° 2"), "{text}");
}

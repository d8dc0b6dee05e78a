//! A round not yet revealed leaks nothing: every screen, the projection
//! and every export of it are the same whatever its ballots say, as long as
//! as many people voted with as many dots. The same outputs do change with
//! the ballots once the round is revealed, so the comparison can fail.

use crate::app::drive::{code, test_app};
use crate::domain::{ProposalId, Workshop, apply};
use crate::i18n::Lang;
use crate::store;
use crate::ui::memory::screen;
use crate::ui::tests::folder;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Size;
use std::collections::BTreeMap;

/// The example with its rounds revealed or not, and, for `shuffled`, every
/// ballot's dots moved to other proposals (a permutation of the proposals
/// in scope: same voters, same dots per ballot, another ranking).
fn workshop(revealed: bool, shuffled: bool) -> Workshop {
    let mut w = crate::export::tests::example();
    // A second round, still open, with ballots of its own.
    let round = w.op_new_round(
        w.default_round_settings(crate::domain::Scope::All, 2, "Tour 2".into()),
        crate::domain::Stamp::from_ymd_hms(2024, 3, 14, 12, 0, 0).unwrap(),
    );
    apply(&mut w, round.unwrap()).unwrap();
    let second = w.rounds()[1].clone();
    for (i, p) in w.participants().to_vec().iter().enumerate().take(6) {
        let live: Vec<ProposalId> = w
            .proposals()
            .iter()
            .filter(|p| !p.is_merged())
            .map(|p| p.id)
            .collect();
        let dots = BTreeMap::from([(live[i % live.len()], 2), (live[(i * 7) % live.len()], 1)]);
        let op = w.op_cast_ballot(
            second.id,
            crate::domain::Voter::Participant(p.id),
            &dots,
            crate::domain::Stamp::from_ymd_hms(2024, 3, 14, 12, i as u32, 0).unwrap(),
        );
        apply(&mut w, op.unwrap()).unwrap();
    }
    for r in 0..w.rounds().len() {
        let scope: Vec<ProposalId> = crate::domain::voting::proposals_in_scope(&w, &w.rounds()[r])
            .into_iter()
            .map(|i| w.proposals()[i].id)
            .collect();
        let swap: BTreeMap<ProposalId, ProposalId> = scope
            .iter()
            .copied()
            .zip(scope.iter().rev().copied())
            .collect();
        let round = &mut w.rounds_mut()[r];
        round.revealed = revealed;
        if shuffled {
            for b in &mut round.ballots {
                b.dots = b.dots.iter().map(|(id, n)| (swap[id], *n)).collect();
            }
        }
    }
    crate::domain::validate::validate(&w).expect("a valid workshop");
    w
}

fn exports(w: &Workshop) -> Vec<(String, Vec<u8>)> {
    crate::export::tests::every_export(w)
}

/// Every screen that shows a round, for each round: the vote screen, the
/// results, their projection, and the closing projection.
fn screens(name: &str, w: &Workshop) -> Vec<(String, String)> {
    let dir = folder(name);
    store::write(&dir.join("exemple-drome.toml"), w).unwrap();
    let mut app = test_app(dir, Lang::Fr, Size::new(120, 34));
    code(&mut app, KeyCode::Enter);
    let mut out = Vec::new();
    for k in 0..w.rounds().len() {
        code(&mut app, KeyCode::F(5));
        out.push((format!("vote, round {k}"), screen(&app)));
        code(&mut app, KeyCode::F(6));
        out.push((format!("results, round {k}"), screen(&app)));
        code(&mut app, KeyCode::F(9));
        out.push((format!("projection, round {k}"), screen(&app)));
        code(&mut app, KeyCode::F(9));
        code(&mut app, KeyCode::Right);
    }
    code(&mut app, KeyCode::F(7));
    code(&mut app, KeyCode::F(9));
    out.push(("closing projection".into(), screen(&app)));
    out
}

fn differing<T: PartialEq>(a: &[(String, T)], b: &[(String, T)]) -> Vec<String> {
    assert_eq!(a.len(), b.len());
    a.iter()
        .zip(b)
        .filter(|((_, x), (_, y))| x != y)
        .map(|((name, _), _)| name.clone())
        .collect()
}

#[test]
fn no_output_of_a_hidden_round_depends_on_what_its_ballots_say() {
    let (plain, shuffled) = (workshop(false, false), workshop(false, true));
    assert_eq!(
        differing(&exports(&plain), &exports(&shuffled)),
        Vec::<String>::new(),
        "exports that tell the hidden ballots apart"
    );
    assert_eq!(
        differing(
            &screens("secrecy-a", &plain),
            &screens("secrecy-b", &shuffled)
        ),
        Vec::<String>::new(),
        "screens that tell the hidden ballots apart"
    );
}

#[test]
fn once_revealed_the_same_outputs_show_the_ballots() {
    let (plain, shuffled) = (workshop(true, false), workshop(true, true));
    let exports = differing(&exports(&plain), &exports(&shuffled));
    for file in [
        "rapport.md",
        "rapport.html",
        "resultats.csv",
        "bulletins.csv",
    ] {
        assert!(
            exports.iter().any(|f| f.starts_with(file)),
            "{file} shows a revealed ranking: {exports:?}"
        );
    }
    let screens = differing(
        &screens("secrecy-c", &plain),
        &screens("secrecy-d", &shuffled),
    );
    for s in [
        "results, round 0",
        "projection, round 0",
        "results, round 1",
    ] {
        assert!(screens.iter().any(|x| x == s), "{s}: {screens:?}");
    }
}

//! A request from the room comes through the same `update` as a key, and
//! is answered only once its change is on disk.

use crate::app::phones::Server;
use crate::app::remote::{Outcome, PhoneView, Refusal, Remote, Request};
use crate::app::saver::Report;
use crate::app::{Action, App, SaveMode, update};
use crate::domain::{ProposalId, RoundId, Scope};
use crate::i18n::Lang;
use crate::store;
use crate::ui::tests::example;
use std::collections::BTreeMap;
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;

/// The example with a new round open for votes, open to phones (as if
/// the server ran); its join code.
fn with_open_round(app: &mut App) -> (RoundId, String) {
    let now = app.clock.now();
    let doc = app.doc.as_mut().unwrap();
    let settings = doc
        .w
        .default_round_settings(Scope::All, 2, "Tour des téléphones".into());
    let op = doc.w.op_new_round(settings, now);
    assert!(app.run_op(op));
    let id = app.doc.as_ref().unwrap().w.rounds().last().unwrap().id;
    open_to_phones(app, id)
}

fn open_to_phones(app: &mut App, id: RoundId) -> (RoundId, String) {
    app.phones.round = Some(id);
    app.phones.server = Server::Running("127.0.0.1:8080".parse().unwrap());
    crate::app::phones::ensure_join_code(app.doc.as_mut().unwrap(), app.lang);
    let w = &app.doc.as_ref().unwrap().w;
    (id, w.join().expect("a join code").to_string())
}

fn cast(code: &str, token: &str, dots: &[(u32, u32)]) -> (Remote, oneshot::Receiver<PhoneView>) {
    let (reply, answer) = oneshot::channel();
    let request = Request::Cast {
        token: token.into(),
        code: code.into(),
        dots: dots.iter().map(|(p, n)| (ProposalId(*p), *n)).collect(),
        check: false,
    };
    (Remote { request, reply }, answer)
}

fn recorded(answer: &mut oneshot::Receiver<PhoneView>) -> bool {
    answer
        .try_recv()
        .is_ok_and(|v| v.outcome == Some(Outcome::Recorded))
}

fn counted_on_disk(app: &App, round: RoundId) -> Vec<BTreeMap<ProposalId, u32>> {
    let w = store::load(&app.doc.as_ref().unwrap().path).unwrap();
    w.round(round)
        .unwrap()
        .counted_ballots()
        .map(|b| b.dots.clone())
        .collect()
}

#[test]
fn a_phone_ballot_is_answered_once_on_disk() {
    let mut app = example("remote-thread", Lang::Fr);
    let (round, code) = with_open_round(&mut app);
    // The writer thread, as in the app: reports come back as inputs.
    app.doc.as_mut().unwrap().close();
    let path = app.doc.as_ref().unwrap().path.clone();
    app.doc = None;
    app.save_mode = SaveMode::Thread;
    let (tx, reports): (_, Receiver<Report>) = channel();
    let tx = Mutex::new(tx);
    app.notify = Some(Arc::new(move |r| {
        let _ = tx.lock().unwrap().send(r);
    }));
    crate::app::opening::open(&mut app, &path, store::Access::ReadWrite);
    open_to_phones(&mut app, round);

    let (first, mut answer) = cast(&code, "phoneA", &[(1, 2)]);
    update(&mut app, Action::Remote(first));
    assert_eq!(
        answer.try_recv(),
        Err(oneshot::error::TryRecvError::Empty),
        "no answer before the disk"
    );
    // Two more arrive before the writer runs: one write carries all three.
    let (second, mut answer2) = cast(&code, "phoneB", &[(2, 1)]);
    let (again, mut answer3) = cast(&code, "phoneA", &[(1, 2)]);
    update(&mut app, Action::Remote(second));
    update(&mut app, Action::Remote(again));
    app.flush_saves();
    let mut waited = 0;
    let mut first = None;
    while first.is_none() {
        first = answer.try_recv().ok();
        if first.is_some() {
            break;
        }
        let report = reports
            .recv_timeout(std::time::Duration::from_secs(5))
            .expect("the writer reports");
        update(&mut app, Action::Saved(report));
        waited += 1;
        assert!(waited < 10);
    }
    assert_eq!(first.unwrap().outcome, Some(Outcome::Recorded));
    assert!(recorded(&mut answer2));
    assert!(recorded(&mut answer3), "sent twice, counted once");
    assert_eq!(
        counted_on_disk(&app, round),
        [
            BTreeMap::from([(ProposalId(1), 2)]),
            BTreeMap::from([(ProposalId(2), 1)])
        ]
    );
}

#[test]
fn a_refused_ballot_is_answered_at_once_with_the_reason() {
    let mut app = example("remote-refused", Lang::Fr);
    let (round, code) = with_open_round(&mut app);
    let (over, mut answer) = cast(
        &code,
        "phoneA",
        &[(1, 2), (2, 2), (3, 2), (4, 2), (5, 2), (6, 2)],
    );
    update(&mut app, Action::Remote(over));
    assert!(matches!(
        answer.try_recv().map(|v| v.outcome),
        Ok(Some(Outcome::Refused(Refusal::Rules(
            crate::domain::DomainError::OverBudget { .. }
        ))))
    ));
    // Even with a dialog open over the screen, the room is answered.
    crate::app::drive::code(&mut app, ratatui::crossterm::event::KeyCode::F(1));
    assert!(app.overlay.is_some());
    let (fine, mut answer) = cast(&code, "phoneA", &[(1, 1)]);
    update(&mut app, Action::Remote(fine));
    assert!(recorded(&mut answer));
    assert_eq!(
        counted_on_disk(&app, round),
        [BTreeMap::from([(ProposalId(1), 1)])]
    );
}

//! Voting: rounds and their rules, the paper tally, and the voting booth
//! where each voter places dots privately. Results stay hidden until the
//! facilitator reveals them. The rules themselves (scope, budget, cap, one
//! ballot per voter) are the domain's voting core: this is a screen over it.

use super::command::Command;
use super::field::Field;
use super::form::{Form, Purpose};
use super::list::ListState;
pub use super::state::vote::{Booth, View, VoteState};
use super::{Action, App, Confirm, ConfirmKind, Overlay, Screen};
use crate::domain::round::default_dots;
use crate::domain::voting::{self, BallotDraft, Blocker};
use crate::domain::{
    Mode, Op, ParticipantId, Phase, ProposalId, Round, RoundId, RoundSettings, Scope, Voter,
    Workshop,
};
use crate::i18n::{Lang, Localize};

/// The live proposals a round takes, in workshop order (indices).
pub fn in_scope(w: &Workshop, round: &Round) -> Vec<usize> {
    voting::proposals_in_scope(w, round)
}

/// A row of the booth's "who votes" list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickRow {
    Participant(ParticipantId),
    /// An explicit choice, last, and only while no name is typed: a typed
    /// name is never taken for an anonymous voter.
    Anonymous,
}

/// Who may vote, matching `filter`: the participants first (the first
/// match is the one selected), then the anonymous voter.
pub fn picker_rows(w: &Workshop, round: &Round, filter: &str) -> Vec<PickRow> {
    let mut rows: Vec<PickRow> = voting::voters_matching(w, round, filter)
        .iter()
        .map(|p| PickRow::Participant(p.id))
        .collect();
    if filter.trim().is_empty() {
        rows.push(PickRow::Anonymous);
    }
    rows
}

fn list_height(app: &App) -> usize {
    crate::app::layout::vote_list_height(app)
}

pub fn on_action(app: &mut App, action: Action) {
    let Some(doc) = app.doc.as_mut() else { return };
    let view = std::mem::take(&mut doc.vote.view);
    let view = match view {
        View::Rounds => rounds(app, action),
        View::Ballots(list) => ballots(app, action, list),
        View::Paper { list, typed } => tally(app, action, list, typed),
        View::Picker { list, filter } => picker(app, action, list, filter),
        View::Ballot(b) => ballot(app, action, b),
        View::Thanks { name, generation } => {
            // The next voter comes only once this ballot is on disk.
            let durable = app.doc.as_ref().is_some_and(|d| d.saved >= generation);
            match action {
                Action::Command(Command::Confirm) if durable => open_picker(app),
                Action::Command(Command::Cancel) if durable => View::Rounds,
                _ => View::Thanks { name, generation },
            }
        }
    };
    if let Some(doc) = app.doc.as_mut() {
        doc.vote.view = view;
    }
}

fn selected_round(app: &App) -> Option<Round> {
    let doc = app.doc.as_ref()?;
    doc.vote.selected(&doc.w).cloned()
}

fn rounds(app: &mut App, action: Action) -> View {
    let Action::Command(cmd) = action else {
        return View::Rounds;
    };
    let h = list_height(app);
    let Some(doc) = app.doc.as_mut() else {
        return View::Rounds;
    };
    let n = doc.w.rounds().len();
    if doc.vote.rounds.navigate(cmd, n, h) {
        // The round selected here is the one F6 shows.
        doc.results.round = doc.vote.selected(&doc.w).map(|r| r.id);
        return View::Rounds;
    }
    let lang = app.lang;
    match cmd {
        Command::New | Command::Add => app.overlay = Some(Overlay::Form(round_form(app, None))),
        Command::Edit => {
            if let Some(r) = selected_round(app) {
                app.overlay = Some(Overlay::Form(round_form(app, Some(&r))));
            }
        }
        Command::Confirm => {
            let Some(r) = selected_round(app) else {
                app.info(lang.t("vote.none_yet"));
                return View::Rounds;
            };
            if !r.open {
                app.info(lang.tf("vote.closed_hint", &[("name", &r.name)]));
                return View::Rounds;
            }
            make_current(app, r.id);
            return match r.mode {
                Mode::Ballots => open_picker(app),
                Mode::Paper => View::Paper {
                    list: ListState::default(),
                    typed: String::new(),
                },
            };
        }
        Command::Close => {
            if let Some(r) = selected_round(app)
                && app.run_op(Ok(crate::domain::voting::op_open_or_close(&r)))
            {
                let key = if r.open {
                    "vote.closed"
                } else {
                    "vote.reopened"
                };
                app.info(lang.tf(key, &[("name", &r.name)]));
            }
        }
        Command::Reveal => {
            if let Some(r) = selected_round(app) {
                ask_reveal(app, &r);
            }
        }
        Command::Runoff => {
            if let Some(r) = selected_round(app) {
                ask_runoff(app, r.id);
            }
        }
        Command::Delete => {
            if let Some(r) = selected_round(app)
                && app.run_op(Ok(Op::RemoveRound(r.id)))
            {
                app.info(lang.tf("vote.deleted", &[("name", &r.name)]));
                fit(app);
            }
        }
        Command::Ballots if selected_round(app).is_some_and(|r| r.mode == Mode::Ballots) => {
            return View::Ballots(ListState::default());
        }
        Command::Phones
        | Command::PhonesNetwork
        | Command::PhonesLock
        | Command::PhonesVoters
        | Command::PhonesCodes => super::phones::command(app, cmd, selected_round(app)),
        _ => {}
    }
    View::Rounds
}

/// The round's rules as a form: new (with the defaults) or to change.
fn round_form(app: &App, round: Option<&Round>) -> Form {
    let lang = app.lang;
    let Some(doc) = app.doc.as_ref() else {
        return Form::new(Purpose::Round(None), "vote.new_round", Vec::new());
    };
    let w = &doc.w;
    let marked = doc.tag.marked.len();
    let mut scopes = vec![lang.t("vote.scope_all").to_string()];
    scopes.extend(
        w.axes()
            .iter()
            .map(|a| lang.tf("vote.scope_axis", &[("axis", &a.key), ("short", &a.short)])),
    );
    scopes.push(lang.tf("vote.scope_marked", &[("n", &marked)]));
    let modes = vec![
        lang.t("vote.mode_ballots").to_string(),
        lang.t("vote.mode_tally").to_string(),
    ];
    let settings = if let Some(r) = round {
        r.settings()
    } else {
        let name = lang.tf("vote.round_name", &[("n", &(w.rounds().len() + 1))]);
        w.default_round_settings(Scope::All, app.default_cap, name)
    };
    let scope_index = match &settings.scope {
        Scope::All => 0,
        Scope::Axis(k) => w
            .axes()
            .iter()
            .position(|a| a.key == *k)
            .map_or(0, |i| i + 1),
        Scope::Shortlist(_) => w.axes().len() + 1,
    };
    let mode_index = usize::from(settings.mode == Mode::Paper);
    let (purpose, title) = match round {
        Some(r) => (Purpose::Round(Some(r.id)), "vote.edit_round"),
        None => (Purpose::Round(None), "vote.new_round"),
    };
    let dots = if round.is_some() {
        settings.dots_per_voter.to_string()
    } else {
        String::new()
    };
    Form::new(
        purpose,
        title,
        vec![
            Form::text("vote.name", &settings.name),
            Form::choice("vote.scope", scopes, scope_index),
            Form::choice("vote.mode", modes, mode_index),
            Form::text("vote.dots", &dots),
            Form::text("vote.cap", &settings.max_per_proposal.to_string()),
            Form::text("vote.winners", &settings.winners.to_string()),
        ],
    )
}

/// What the dots field means when left empty, for the form's hint.
pub fn default_dots_hint(app: &App, form: &Form) -> Option<String> {
    let doc = app.doc.as_ref()?;
    let scope = form_scope(&doc.w, doc, form.choice_index(1));
    let test = doc.w.scope_test(&scope);
    let n = doc.w.live_proposals().filter(|p| test.contains(p)).count();
    Some(
        app.lang
            .tf("vote.dots_hint", &[("dots", &default_dots(n)), ("n", &n)]),
    )
}

fn form_scope(w: &Workshop, doc: &super::doc::Doc, index: usize) -> Scope {
    match index {
        0 => Scope::All,
        i if i <= w.axes().len() => Scope::Axis(w.axes()[i - 1].key),
        _ => Scope::Shortlist(doc.tag.marked.iter().copied().collect()),
    }
}

/// The round form was submitted. False keeps it open.
pub fn submit(app: &mut App, form: &Form, round: Option<RoundId>) -> bool {
    let lang = app.lang;
    let now = app.clock.now();
    let Some(doc) = app.doc.as_ref() else {
        return true;
    };
    let scope = form_scope(&doc.w, doc, form.choice_index(1));
    let number = |i: usize, label: &str, default: Option<u32>| -> Result<u32, String> {
        let text = form.value(i);
        let text = text.trim();
        if text.is_empty()
            && let Some(d) = default
        {
            return Ok(d);
        }
        text.parse::<u32>().map_err(|_| {
            lang.tf(
                "vote.not_a_number",
                &[("field", &lang.t(label)), ("value", &text)],
            )
        })
    };
    let test = doc.w.scope_test(&scope);
    let auto = default_dots(doc.w.live_proposals().filter(|p| test.contains(p)).count());
    let parsed = (|| {
        Ok::<_, String>(RoundSettings {
            name: form.value(0).trim().to_string(),
            scope: scope.clone(),
            mode: if form.choice_index(2) == 1 {
                Mode::Paper
            } else {
                Mode::Ballots
            },
            dots_per_voter: number(3, "vote.dots", Some(auto))?,
            max_per_proposal: number(4, "vote.cap", None)?,
            winners: number(5, "vote.winners", None)?,
        })
    })();
    let settings = match parsed {
        Ok(s) => s,
        Err(message) => {
            app.error(message);
            return false;
        }
    };
    let Some(doc) = app.doc.as_mut() else {
        return true;
    };
    let op = match round {
        Some(r) => Ok(Op::SetRoundSettings { round: r, settings }),
        None => doc.w.op_new_round(settings, now),
    };
    if !app.run_op(op) {
        return false;
    }
    let h = list_height(app);
    let Some(doc) = app.doc.as_mut() else {
        return true;
    };
    match round {
        None => {
            let n = doc.w.rounds().len();
            doc.vote.rounds.select(n.saturating_sub(1), n, h);
            if let Some(id) = doc.w.rounds().last().map(|r| r.id) {
                make_current(app, id);
            }
            app.info(lang.t("vote.created"));
        }
        Some(id) => {
            let flagged = doc.w.round(id).map_or(0, flagged_ballots);
            if flagged > 0 {
                app.error(lang.tf("vote.flagged", &[("n", &flagged)]));
            } else {
                app.info(lang.t("vote.rules_changed"));
            }
        }
    }
    true
}

/// How many ballots break the round's current rules (a ballot may break
/// both the budget and a cap: it counts once).
pub fn flagged_ballots(r: &Round) -> usize {
    let mut ballots: Vec<usize> = r.flagged_ballots().iter().map(|(i, _)| *i).collect();
    ballots.dedup();
    ballots.len()
}

fn fit(app: &mut App) {
    let h = list_height(app);
    if let Some(doc) = app.doc.as_mut() {
        let n = doc.w.rounds().len();
        doc.vote.rounds.fit(n, h);
    }
}

/// The round the facilitator works on: the one last opened or created,
/// which the results screen (F6) shows and the rounds list selects.
pub fn make_current(app: &mut App, round: RoundId) {
    let h = list_height(app);
    let Some(doc) = app.doc.as_mut() else { return };
    doc.results.round = Some(round);
    if let Some(at) = doc.w.rounds().iter().position(|r| r.id == round) {
        let n = doc.w.rounds().len();
        doc.vote.rounds.select(at, n, h);
    }
}

/// What a reveal will show and what was counted: ballots, or the paper
/// stickers with who typed them.
fn counted(lang: Lang, r: &Round) -> String {
    match r.mode {
        Mode::Ballots => lang.tf("vote.reveal_body", &[("n", &r.counted_ballots().count())]),
        Mode::Paper => {
            let dots: u32 = r.tallies.iter().map(|e| e.dots).sum();
            let mut by: Vec<&str> = r
                .tallies
                .iter()
                .map(|e| e.by.trim())
                .filter(|b| !b.is_empty())
                .collect();
            by.sort_unstable();
            by.dedup();
            let by = if by.is_empty() {
                lang.t("vote.by_facilitator").to_string()
            } else {
                by.join(", ")
            };
            lang.tf(
                "vote.reveal_body_tally",
                &[("dots", &dots), ("n", &r.tallies.len()), ("by", &by)],
            )
        }
    }
}

/// Asks before showing a round's results to the room, and before hiding
/// them again; the question names the round.
pub fn ask_reveal(app: &mut App, r: &Round) {
    let lang = app.lang;
    let (kind, title, body) = if r.state() == crate::domain::RoundState::Revealed {
        (
            ConfirmKind::Hide(r.id),
            lang.tf("vote.hide_title", &[("name", &r.name)]),
            lang.t("vote.hide_body").to_string(),
        )
    } else {
        (
            ConfirmKind::Reveal(r.id),
            lang.tf("vote.reveal_title", &[("name", &r.name)]),
            counted(lang, r),
        )
    };
    app.overlay = Some(Overlay::Confirm(Confirm {
        kind,
        title,
        body,
        choices: Vec::new(),
        selected: None,
    }));
}

/// The reveal (or the hiding) was confirmed.
pub fn reveal(app: &mut App, round: RoundId, show: bool) {
    let lang = app.lang;
    let Some(doc) = app.doc.as_ref() else { return };
    let name = doc
        .w
        .round(round)
        .map(|r| r.name.clone())
        .unwrap_or_default();
    let op = doc.w.op_reveal(round, show);
    if !app.run_op(op) {
        return;
    }
    if !show {
        app.info(lang.tf("vote.hidden", &[("name", &name)]));
        return;
    }
    make_current(app, round);
    if let Some(doc) = app.doc.as_mut() {
        doc.show(Phase::Results);
    }
    app.screen = Screen::Phase(Phase::Results);
    app.info(lang.tf("vote.revealed", &[("name", &name)]));
}

/// Asks before a runoff, saying which proposals compete for how many
/// places.
pub fn ask_runoff(app: &mut App, round: RoundId) {
    let lang = app.lang;
    let Some(doc) = app.doc.as_ref() else { return };
    let Some(r) = doc.w.round(round) else { return };
    match doc.w.tie_to_settle(round) {
        Err(crate::domain::DomainError::EmptyShortlist) => app.info(lang.t("vote.no_tie")),
        Err(e) => app.error(e.localize(lang)),
        Ok((tied, places)) => {
            let ids: Vec<String> = tied.iter().map(|id| format!("n° {id}")).collect();
            app.overlay = Some(Overlay::Confirm(Confirm {
                kind: ConfirmKind::Runoff(round),
                title: lang.tf("vote.runoff_title", &[("name", &r.name)]),
                body: lang.tf(
                    "vote.runoff_body",
                    &[
                        ("ids", &ids.join(", ")),
                        ("n", &tied.len()),
                        ("places", &places),
                    ],
                ),
                choices: Vec::new(),
                selected: None,
            }));
        }
    }
}

/// The runoff was confirmed: a round on the tied proposals only, one dot
/// per place left.
pub fn runoff(app: &mut App, round: RoundId) {
    let lang = app.lang;
    let now = app.clock.now();
    let Some(doc) = app.doc.as_mut() else { return };
    let number = doc
        .w
        .rounds()
        .iter()
        .filter(|r| r.runoff_of.is_some())
        .count()
        + 1;
    let name = lang.tf("vote.runoff_name", &[("n", &number)]);
    let op = doc.w.op_new_runoff(round, name, now);
    if app.run_op(op) {
        let Some(doc) = app.doc.as_mut() else { return };
        let Some(id) = doc.w.rounds().last().map(|r| r.id) else {
            return;
        };
        doc.vote.view = View::Rounds;
        doc.show(Phase::Vote);
        app.screen = Screen::Phase(Phase::Vote);
        make_current(app, id);
        app.info(lang.t("vote.runoff_created"));
    }
}

fn ballots(app: &mut App, action: Action, mut list: ListState) -> View {
    let lang = app.lang;
    let h = list_height(app);
    let Some(r) = selected_round(app) else {
        return View::Rounds;
    };
    let Action::Command(cmd) = action else {
        return View::Ballots(list);
    };
    if list.navigate(cmd, r.ballots.len(), h) {
        return View::Ballots(list);
    }
    match cmd {
        Command::Cancel => return View::Rounds,
        Command::Delete => {
            if let Some(b) = r.ballots.get(list.selected) {
                let op = voting::op_void(&r, list.selected, !b.void);
                let key = if b.void {
                    "vote.unvoided"
                } else {
                    "vote.voided"
                };
                if app.run_op(op) {
                    app.info(lang.t(key));
                }
            }
        }
        _ => {}
    }
    View::Ballots(list)
}

fn open_picker(app: &mut App) -> View {
    // The booth shows nothing of the facilitator's screen, not even the
    // last message.
    app.message = None;
    let mut filter = Field::single("");
    filter.set_placeholder(app.t("vote.picker_placeholder"));
    View::Picker {
        list: ListState::default(),
        filter: Box::new(filter),
    }
}

fn picker(app: &mut App, action: Action, mut list: ListState, mut filter: Box<Field>) -> View {
    let lang = app.lang;
    let h = list_height(app);
    let Some(r) = selected_round(app) else {
        return View::Rounds;
    };
    let Some(doc) = app.doc.as_ref() else {
        return View::Rounds;
    };
    let rows = picker_rows(&doc.w, &r, &filter.text());
    match action {
        Action::Command(Command::Cancel) => return View::Rounds,
        Action::Command(Command::Confirm) => {
            let (voter, name) = match rows.get(list.selected) {
                Some(PickRow::Participant(id)) => {
                    let name = doc.w.participant(*id).map(|p| p.name.clone());
                    (Voter::Participant(*id), name.unwrap_or_default())
                }
                Some(PickRow::Anonymous) => {
                    let voter = voting::anonymous_voter(&r);
                    let Voter::Anonymous(n) = voter else {
                        return View::Picker { list, filter };
                    };
                    (voter, lang.tf("vote.anonymous_n", &[("n", &n)]))
                }
                None => {
                    let typed = filter.text();
                    app.error(lang.tf("vote.no_match", &[("name", &typed.trim())]));
                    return View::Picker { list, filter };
                }
            };
            if let Err(e) = voting::may_cast(&doc.w, &r, voter) {
                app.error(e.localize(lang));
                return View::Picker { list, filter };
            }
            app.message = None;
            return View::Ballot(Booth {
                draft: BallotDraft::new(r.id, voter),
                name,
                list: ListState::default(),
            });
        }
        Action::Command(cmd) => {
            list.navigate(cmd, rows.len(), h);
        }
        // Typing filters, and the first match is the one selected.
        Action::Key(key) if filter.key(key) => list = ListState::default(),
        Action::Paste(text) => {
            filter.insert(&text);
            list = ListState::default();
        }
        _ => {}
    }
    View::Picker { list, filter }
}

/// The round on screen, how many proposals it lists, and the one at
/// `selected` in that list.
fn at_cursor(app: &App, selected: usize) -> Option<(Round, usize, Option<ProposalId>)> {
    let r = selected_round(app)?;
    let doc = app.doc.as_ref()?;
    let rows = in_scope(&doc.w, &r);
    let current = rows.get(selected).map(|i| doc.w.proposals()[*i].id);
    Some((r, rows.len(), current))
}

fn ballot(app: &mut App, action: Action, mut b: Booth) -> View {
    let lang = app.lang;
    let h = list_height(app);
    let Some((r, rows, current)) = at_cursor(app, b.list.selected) else {
        return View::Rounds;
    };
    let Action::Command(cmd) = action else {
        return View::Ballot(b);
    };
    if b.list.navigate(cmd, rows, h) {
        return View::Ballot(b);
    }
    let Some(doc) = app.doc.as_ref() else {
        return View::Rounds;
    };
    let w = &doc.w;
    let placed = match (cmd, current) {
        (Command::More, Some(id)) => Some(b.draft.add(w, id)),
        (Command::Less, Some(id)) => Some(b.draft.remove(w, id)),
        (Command::Digit(n), Some(id)) => Some(b.draft.set(w, id, u32::from(n))),
        _ => None,
    };
    if let Some(result) = placed {
        match result {
            Ok(()) => app.message = None,
            Err(e) => app.error(e.localize(lang)),
        }
        return View::Ballot(b);
    }
    match cmd {
        Command::Cancel => {
            if b.draft.spent() == 0 {
                return open_picker(app);
            }
            b.draft.clear();
            app.info(lang.t("vote.ballot_cleared"));
        }
        Command::Confirm => match b.draft.blocker(w) {
            Some(Blocker::NoDot) => app.error(lang.t("err.empty_ballot")),
            Some(Blocker::Closed) => app.error(lang.tf("vote.closed", &[("name", &r.name)])),
            Some(Blocker::AlreadyVoted) => {
                app.error(crate::domain::DomainError::AlreadyVoted(b.draft.voter).localize(lang));
            }
            None if b.draft.left(&r) > 0 => {
                app.overlay = Some(Overlay::Confirm(Confirm {
                    kind: ConfirmKind::CastBallot,
                    title: lang.tf("vote.left_title", &[("n", &b.draft.left(&r))]),
                    body: lang.t("vote.left_body").to_string(),
                    choices: Vec::new(),
                    selected: None,
                }));
            }
            None => return cast_ballot(app, b),
        },
        _ => {}
    }
    View::Ballot(b)
}

/// Casts the ballot on screen (after the question about unspent dots).
pub fn cast(app: &mut App) {
    let Some(doc) = app.doc.as_mut() else { return };
    let View::Ballot(b) = std::mem::take(&mut doc.vote.view) else {
        return;
    };
    let view = cast_ballot(app, b);
    if let Some(doc) = app.doc.as_mut() {
        doc.vote.view = view;
    }
}

fn cast_ballot(app: &mut App, b: Booth) -> View {
    let Some(doc) = app.doc.as_ref() else {
        return View::Rounds;
    };
    let op = b.draft.cast(&doc.w, app.clock.now());
    if app.run_op(op) {
        // Nothing of this ballot stays on screen, not even in a message.
        app.message = None;
        let generation = app.doc.as_ref().map_or(0, |d| d.generation);
        return View::Thanks {
            name: b.name,
            generation,
        };
    }
    View::Ballot(b)
}

fn tally(app: &mut App, action: Action, mut list: ListState, mut typed: String) -> View {
    let lang = app.lang;
    let h = list_height(app);
    let Some((r, rows, current)) = at_cursor(app, list.selected) else {
        return View::Rounds;
    };
    let Some(doc) = app.doc.as_ref() else {
        return View::Rounds;
    };
    let by = doc.w.details().facilitator.clone();
    let now = app.clock.now();
    let set = |app: &mut App, id: ProposalId, n: u32| {
        let Some(doc) = app.doc.as_ref() else { return };
        let op = doc.w.op_set_tally(r.id, id, n, &by, now);
        app.run_op(Ok(op));
    };
    let count = |id: ProposalId| r.tally_entry(id).map_or(0, |e| e.dots);
    match action {
        Action::Command(Command::Cancel) if typed.is_empty() => return View::Rounds,
        Action::Command(Command::Cancel) => typed.clear(),
        Action::Command(Command::Confirm) => {
            if let (Some(id), Ok(n)) = (current, typed.parse::<u32>()) {
                set(app, id, n);
            }
            typed.clear();
            list.move_by(1, rows, h);
        }
        Action::Command(Command::More) => {
            if let Some(id) = current {
                set(app, id, count(id) + 1);
            }
        }
        Action::Command(Command::Less) => {
            if let Some(id) = current {
                set(app, id, count(id).saturating_sub(1));
            }
        }
        // Up to 99,999 dots: more is a typing slip.
        Action::Command(Command::Digit(d)) if typed.len() < 5 => typed.push(char::from(b'0' + d)),
        Action::Command(Command::Backspace) => {
            typed.pop();
        }
        Action::Command(cmd) => {
            typed.clear();
            list.navigate(cmd, rows, h);
        }
        Action::Key(_) => app.info(lang.t("vote.tally_hint")),
        _ => {}
    }
    View::Paper { list, typed }
}

//! Voting: rounds and their rules, the paper tally, and the voting booth
//! where each voter places dots privately. Results stay hidden until the
//! facilitator reveals them. The rules themselves (scope, budget, cap, one
//! ballot per voter) are the domain's voting core: this is a screen over it.

use super::state::{Booth, View, VoteState};
use crate::app::cx::Cx;
use crate::app::doc::Doc;
use crate::app::effect::{Effect, Fx, Taken};
use crate::app::field::Field;
use crate::app::form::{Form, Purpose};
use crate::app::keys::command::Command;
use crate::app::list::ListState;
use crate::app::screens::questions;
use crate::app::{Action, Confirm, ConfirmKind, Overlay};
use crate::domain::order::{self, OrderKey};
use crate::domain::round::{Method, default_dots};
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

pub fn on_action(st: &mut VoteState, doc: &mut Doc, cx: &Cx, action: Action) -> Fx {
    let mut fx = Fx::none();
    let fx_ = &mut fx;
    let view = std::mem::take(&mut st.view);
    let view = match view {
        View::Rounds => rounds(st, doc, cx, fx_, action),
        View::Ballots(list) => ballots(st, doc, cx, fx_, action, list),
        View::Paper { list, typed } => tally(st, doc, cx, fx_, action, list, typed),
        View::Picker { list, filter } => picker(st, doc, cx, fx_, action, list, filter),
        View::Ballot(b) => ballot(st, doc, cx, fx_, action, b),
        View::Thanks { name, generation } => {
            // The next voter comes only once this ballot is on disk.
            let durable = doc.saved >= generation;
            match action {
                Action::Command(Command::Confirm) if durable => open_picker(cx, fx_),
                Action::Command(Command::Cancel) if durable => View::Rounds,
                _ => View::Thanks { name, generation },
            }
        }
    };
    st.view = view;
    fx
}

fn selected_round(st: &VoteState, doc: &Doc) -> Option<Round> {
    st.selected(&doc.w).cloned()
}

fn rounds(st: &mut VoteState, doc: &mut Doc, cx: &Cx, fx: &mut Fx, action: Action) -> View {
    let Action::Command(cmd) = action else {
        return View::Rounds;
    };
    let h = cx.vote_list();
    let n = doc.w.rounds().len();
    if st.rounds.navigate(cmd, n, h) {
        // The round selected here is the one F6 shows.
        doc.round = st.selected(&doc.w).map(|r| r.id);
        return View::Rounds;
    }
    let lang = cx.lang;
    match cmd {
        Command::New | Command::Add => fx.open(Overlay::Form(round_form(doc, cx, None))),
        Command::Edit => {
            if let Some(r) = selected_round(st, doc) {
                fx.open(Overlay::Form(round_form(doc, cx, Some(&r))));
            }
        }
        Command::Confirm => {
            let Some(r) = selected_round(st, doc) else {
                fx.info(lang.t("vote.none_yet"));
                return View::Rounds;
            };
            if !r.open {
                fx.info(lang.tf("vote.closed_hint", &[("name", &r.name)]));
                return View::Rounds;
            }
            make_current(st, doc, cx, r.id);
            return match r.mode {
                Mode::Ballots => open_picker(cx, fx),
                Mode::Paper => {
                    // "Entrée pour ouvrir le vote" is done with once the count is open.
                    fx.push(Effect::Silence);
                    View::Paper {
                        list: ListState::default(),
                        typed: String::new(),
                    }
                }
            };
        }
        Command::Close => {
            if let Some(r) = selected_round(st, doc)
                && doc.apply(Ok(crate::domain::voting::op_open_or_close(&r)), cx.lang, fx)
            {
                let key = if r.open {
                    "vote.closed"
                } else {
                    "vote.reopened"
                };
                fx.info(lang.tf(key, &[("name", &r.name)]));
            }
        }
        Command::Reveal => {
            if let Some(r) = selected_round(st, doc) {
                questions::ask_reveal(cx, fx, &r);
            }
        }
        Command::Runoff => {
            if let Some(r) = selected_round(st, doc) {
                questions::ask_runoff(doc, cx, fx, r.id);
            }
        }
        Command::Delete => {
            if let Some(r) = selected_round(st, doc)
                && doc.apply(Ok(Op::RemoveRound(r.id)), cx.lang, fx)
            {
                fx.info(lang.tf("vote.deleted", &[("name", &r.name)]));
                fit(st, doc, cx);
            }
        }
        Command::Ballots if selected_round(st, doc).is_some_and(|r| r.mode == Mode::Ballots) => {
            return View::Ballots(ListState::default());
        }
        Command::Phones
        | Command::PhonesNetwork
        | Command::PhonesLock
        | Command::PhonesVoters
        | Command::PhonesCodes => fx.push(Effect::Phones(cmd, selected_round(st, doc))),
        _ => {}
    }
    View::Rounds
}

/// The round's rules as a form: new (with the defaults) or to change.
fn round_form(doc: &Doc, cx: &Cx, round: Option<&Round>) -> Form {
    let lang = cx.lang;
    let w = &doc.w;
    let marked = doc.marked.len();
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
    let orders = vec![
        lang.t("vote.order_shuffled").to_string(),
        lang.t("vote.order_same").to_string(),
    ];
    let methods = [Method::Dots, Method::Judgment]
        .map(|m| lang.t(m.label_key()).to_string())
        .to_vec();
    let settings = if let Some(r) = round {
        r.settings()
    } else {
        let name = lang.tf("vote.round_name", &[("n", &(w.rounds().len() + 1))]);
        w.default_round_settings(Scope::All, cx.default_cap, name)
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
            Form::choice("vote.order", orders, usize::from(!settings.shuffled)),
            Form::choice(
                "vote.method",
                methods,
                usize::from(settings.method == Method::Judgment),
            ),
        ],
    )
}

/// What the dots field means when left empty, for the form's hint.
pub fn default_dots_hint(doc: &Doc, lang: Lang, form: &Form) -> Option<String> {
    if form.choice_index(7) == 1 {
        return Some(lang.t("vote.judgment_hint").to_string());
    }
    let scope = form_scope(&doc.w, doc, form.choice_index(1));
    let test = doc.w.scope_test(&scope);
    let n = doc.w.live_proposals().filter(|p| test.contains(p)).count();
    Some(lang.tf("vote.dots_hint", &[("dots", &default_dots(n)), ("n", &n)]))
}

fn form_scope(w: &Workshop, doc: &Doc, index: usize) -> Scope {
    match index {
        0 => Scope::All,
        i if i <= w.axes().len() => Scope::Axis(w.axes()[i - 1].key),
        _ => Scope::Shortlist(doc.marked.iter().copied().collect()),
    }
}

/// The round form was submitted. False keeps it open.
pub fn submit(
    st: &mut VoteState,
    doc: &mut Doc,
    cx: &Cx,
    form: &Form,
    round: Option<RoundId>,
) -> Taken {
    let mut fx = Fx::none();
    let taken = submit_round(st, doc, cx, &mut fx, form, round);
    (taken, fx)
}

fn submit_round(
    st: &mut VoteState,
    doc: &mut Doc,
    cx: &Cx,
    fx: &mut Fx,
    form: &Form,
    round: Option<RoundId>,
) -> bool {
    let lang = cx.lang;
    let now = cx.now;
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
            method: if form.choice_index(7) == 1 {
                Method::Judgment
            } else {
                Method::Dots
            },
            dots_per_voter: number(3, "vote.dots", Some(auto))?,
            max_per_proposal: number(4, "vote.cap", None)?,
            winners: number(5, "vote.winners", None)?,
            shuffled: form.choice_index(6) == 0,
        })
    })();
    let settings = match parsed {
        Ok(s) => s,
        Err(message) => {
            fx.error(message);
            return false;
        }
    };
    let op = match round {
        Some(r) => Ok(Op::SetRoundSettings { round: r, settings }),
        None => doc.w.op_new_round(settings, now),
    };
    if !doc.apply(op, cx.lang, fx) {
        return false;
    }
    let h = cx.vote_list();
    match round {
        None => {
            let n = doc.w.rounds().len();
            st.rounds.select(n.saturating_sub(1), n, h);
            if let Some(id) = doc.w.rounds().last().map(|r| r.id) {
                make_current(st, doc, cx, id);
            }
            fx.info(lang.t("vote.created"));
        }
        Some(id) => {
            let flagged = doc.w.round(id).map_or(0, flagged_ballots);
            if flagged > 0 {
                fx.error(lang.tf("vote.flagged", &[("n", &flagged)]));
            } else {
                fx.info(lang.t("vote.rules_changed"));
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

fn fit(st: &mut VoteState, doc: &mut Doc, cx: &Cx) {
    let h = cx.vote_list();
    let n = doc.w.rounds().len();
    st.rounds.fit(n, h);
}

/// The round the facilitator works on: the one last opened or created,
/// which the results screen (F6) shows and the rounds list selects.
pub fn make_current(st: &mut VoteState, doc: &mut Doc, cx: &Cx, round: RoundId) {
    let h = cx.vote_list();
    doc.round = Some(round);
    if let Some(at) = doc.w.rounds().iter().position(|r| r.id == round) {
        let n = doc.w.rounds().len();
        st.rounds.select(at, n, h);
    }
}

/// The reveal (or the hiding) was confirmed.
pub fn reveal(st: &mut VoteState, doc: &mut Doc, cx: &Cx, round: RoundId, show: bool) -> Fx {
    let lang = cx.lang;
    let mut fx = Fx::none();
    let name = doc
        .w
        .round(round)
        .map(|r| r.name.clone())
        .unwrap_or_default();
    let op = doc.w.op_reveal(round, show);
    if !doc.apply(op, cx.lang, &mut fx) {
        return fx;
    }
    if !show {
        fx.info(lang.tf("vote.hidden", &[("name", &name)]));
        return fx;
    }
    make_current(st, doc, cx, round);
    fx.push(Effect::Phase(Phase::Results));
    fx.info(lang.tf("vote.revealed", &[("name", &name)]));
    fx
}

/// The runoff was confirmed: a round on the tied proposals only, one dot
/// per place left.
pub fn runoff(st: &mut VoteState, doc: &mut Doc, cx: &Cx, round: RoundId) -> Fx {
    let lang = cx.lang;
    let now = cx.now;
    let mut fx = Fx::none();
    let number = doc
        .w
        .rounds()
        .iter()
        .filter(|r| r.runoff_of.is_some())
        .count()
        + 1;
    let name = lang.tf("vote.runoff_name", &[("n", &number)]);
    let op = doc.w.op_new_runoff(round, name, now);
    if doc.apply(op, cx.lang, &mut fx)
        && let Some(id) = doc.w.rounds().last().map(|r| r.id)
    {
        st.view = View::Rounds;
        fx.push(Effect::Phase(Phase::Vote));
        make_current(st, doc, cx, id);
        fx.info(lang.t("vote.runoff_created"));
    }
    fx
}

fn ballots(
    st: &mut VoteState,
    doc: &mut Doc,
    cx: &Cx,
    fx: &mut Fx,
    action: Action,
    mut list: ListState,
) -> View {
    let lang = cx.lang;
    let h = cx.vote_list();
    let Some(r) = selected_round(st, doc) else {
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
                if doc.apply(op, cx.lang, fx) {
                    fx.info(lang.t(key));
                }
            }
        }
        _ => {}
    }
    View::Ballots(list)
}

fn open_picker(cx: &Cx, fx: &mut Fx) -> View {
    // The booth shows nothing of the facilitator's screen, not even the
    // last message.
    fx.push(Effect::Silence);
    let mut filter = Field::single("");
    filter.set_placeholder(cx.t("vote.picker_placeholder"));
    View::Picker {
        list: ListState::default(),
        filter: Box::new(filter),
    }
}

fn picker(
    st: &mut VoteState,
    doc: &mut Doc,
    cx: &Cx,
    fx: &mut Fx,
    action: Action,
    mut list: ListState,
    mut filter: Box<Field>,
) -> View {
    let lang = cx.lang;
    let h = cx.vote_list();
    let Some(r) = selected_round(st, doc) else {
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
                    fx.error(lang.tf("vote.no_match", &[("name", &typed.trim())]));
                    return View::Picker { list, filter };
                }
            };
            if let Err(e) = voting::may_cast(&doc.w, &r, voter) {
                fx.error(e.localize(lang));
                return View::Picker { list, filter };
            }
            fx.push(Effect::Silence);
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
/// `selected` in that list: in the order `voter` sees them in the booth,
/// in the workshop's (the sheets on the wall) for a paper count.
fn at_cursor(
    st: &VoteState,
    doc: &Doc,
    selected: usize,
    voter: Option<Voter>,
) -> Option<(Round, usize, Option<ProposalId>)> {
    let r = selected_round(st, doc)?;
    let rows = match voter {
        Some(v) => order::proposals_for(&doc.w, &r, &OrderKey::Voter(v)),
        None => in_scope(&doc.w, &r),
    };
    let current = rows.get(selected).map(|i| doc.w.proposals()[*i].id);
    Some((r, rows.len(), current))
}

/// The rows of a paper count and the one at `selected`: a proposal each,
/// or in a judgment round a proposal and one of its grades each.
pub fn paper_rows(
    doc: &Doc,
    r: &Round,
    selected: usize,
) -> (usize, Option<(ProposalId, Option<u8>)>) {
    let scope = in_scope(&doc.w, r);
    let id = |i: usize| doc.w.proposals()[i].id;
    match r.method {
        Method::Dots => (scope.len(), scope.get(selected).map(|i| (id(*i), None))),
        Method::Judgment => {
            let g = crate::domain::judgment::GRADES;
            let current = scope
                .get(selected / g)
                .map(|i| (id(*i), Some((selected % g) as u8)));
            (scope.len() * g, current)
        }
    }
}

fn ballot(
    st: &mut VoteState,
    doc: &mut Doc,
    cx: &Cx,
    fx: &mut Fx,
    action: Action,
    mut b: Booth,
) -> View {
    let lang = cx.lang;
    let h = cx.vote_list();
    let Some((r, rows, current)) = at_cursor(st, doc, b.list.selected, Some(b.draft.voter)) else {
        return View::Rounds;
    };
    let Action::Command(cmd) = action else {
        return View::Ballot(b);
    };
    if b.list.navigate(cmd, rows, h) {
        return View::Ballot(b);
    }
    let w = &doc.w;
    let placed = match (cmd, current) {
        (Command::More, Some(id)) => Some(b.draft.add(w, id)),
        (Command::Less, Some(id)) => Some(b.draft.remove(w, id)),
        (Command::Digit(n), Some(id)) => Some(b.draft.set(w, id, u32::from(n))),
        _ => None,
    };
    if let Some(result) = placed {
        match result {
            Ok(()) => fx.push(Effect::Silence),
            Err(e) => fx.error(e.localize(lang)),
        }
        return View::Ballot(b);
    }
    match cmd {
        Command::Cancel => {
            if b.draft.spent() == 0 {
                return open_picker(cx, fx);
            }
            b.draft.clear();
            fx.info(lang.t("vote.ballot_cleared"));
        }
        Command::Confirm => match b.draft.blocker(w) {
            Some(Blocker::NoDot) => fx.error(lang.t("err.empty_ballot")),
            Some(Blocker::Closed) => fx.error(lang.tf("vote.closed", &[("name", &r.name)])),
            Some(Blocker::AlreadyVoted) => {
                fx.error(crate::domain::DomainError::AlreadyVoted(b.draft.voter).localize(lang));
            }
            None if b.draft.left(w, &r) > 0 => {
                let (key, body) = match r.method {
                    Method::Dots => ("vote.left_title", "vote.left_body"),
                    Method::Judgment => ("vote.grades_left_title", "vote.grades_left_body"),
                };
                fx.open(Overlay::Confirm(Confirm {
                    kind: ConfirmKind::CastBallot,
                    title: lang.tf(key, &[("n", &b.draft.left(w, &r))]),
                    body: lang.t(body).to_string(),
                    choices: Vec::new(),
                    selected: None,
                }));
            }
            None => return cast_ballot(doc, cx, fx, b),
        },
        _ => {}
    }
    View::Ballot(b)
}

/// Casts the ballot on screen (after the question about unspent dots).
pub fn cast(st: &mut VoteState, doc: &mut Doc, cx: &Cx) -> Fx {
    let mut fx = Fx::none();
    let view = match std::mem::take(&mut st.view) {
        View::Ballot(b) => cast_ballot(doc, cx, &mut fx, b),
        other => other,
    };
    st.view = view;
    fx
}

fn cast_ballot(doc: &mut Doc, cx: &Cx, fx: &mut Fx, b: Booth) -> View {
    let op = b.draft.cast(&doc.w, cx.now);
    if doc.apply(op, cx.lang, fx) {
        // Nothing of this ballot stays on screen, not even in a message.
        fx.push(Effect::Silence);
        let generation = doc.generation;
        return View::Thanks {
            name: b.name,
            generation,
        };
    }
    View::Ballot(b)
}

fn tally(
    st: &mut VoteState,
    doc: &mut Doc,
    cx: &Cx,
    fx: &mut Fx,
    action: Action,
    mut list: ListState,
    mut typed: String,
) -> View {
    let lang = cx.lang;
    let h = cx.vote_list();
    let Some(r) = selected_round(st, doc) else {
        return View::Rounds;
    };
    // A judgment round counts each grade of each proposal: seven rows a
    // proposal, in the scale's order.
    let (rows, current) = paper_rows(doc, &r, list.selected);
    let by = doc.w.details().facilitator.clone();
    let now = cx.now;
    let mut set = |(id, grade): (ProposalId, Option<u8>), n: u32| {
        let op = match grade {
            Some(g) => doc.w.op_set_grade_count(r.id, id, g, n, &by, now),
            None => Ok(doc.w.op_set_tally(r.id, id, n, &by, now)),
        };
        doc.apply(op, lang, fx);
    };
    let count = |(id, grade): (ProposalId, Option<u8>)| {
        r.tally_entry(id).map_or(0, |e| match grade {
            Some(g) => e.grades.get(usize::from(g)).copied().unwrap_or(0),
            None => e.dots,
        })
    };
    match action {
        Action::Command(Command::Cancel) if typed.is_empty() => return View::Rounds,
        Action::Command(Command::Cancel) => typed.clear(),
        Action::Command(Command::Confirm) => {
            if let (Some(id), Ok(n)) = (current, typed.parse::<u32>()) {
                set(id, n);
            }
            typed.clear();
            list.move_by(1, rows, h);
        }
        Action::Command(Command::More) => {
            if let Some(id) = current {
                set(id, count(id) + 1);
            }
        }
        Action::Command(Command::Less) => {
            if let Some(id) = current {
                set(id, count(id).saturating_sub(1));
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
        Action::Key(_) => fx.info(lang.t("vote.tally_hint")),
        _ => {}
    }
    View::Paper { list, typed }
}

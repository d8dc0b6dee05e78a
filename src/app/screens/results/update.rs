//! Results: the ranking of a revealed round (overall or per axis) with its
//! cut line and ties; before the reveal, participation only. The winners
//! are chosen here (top N, top K per axis, or by hand) and become draft
//! action sheets in one step.

use super::state::ResultsState;
use crate::app::cx::Cx;
use crate::app::doc::Doc;
use crate::app::effect::{Effect, Fx, Taken};
use crate::app::form::{Form, Purpose};
use crate::app::keys::command::Command;
use crate::app::list::ListState;
use crate::app::screens::questions;
use crate::app::{Action, Confirm, ConfirmKind, Overlay};
use crate::domain::tally::{Outcome, RankLine, Standing, ranking};
use crate::domain::{AxisKey, Phase, ProposalId, Round, RoundId, Tally, Workshop};
use std::collections::BTreeSet;

/// A line of the ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// A proposal: its index in `tally.rows`, its rank in the view, and
    /// where the cut line leaves it.
    Row(usize, u32, Standing),
    /// Where the winners end; a tie straddling it follows as a group.
    Cut,
    /// The end of a group tied across the cut line.
    TieEnd,
    /// An axis heading in the per-axis view.
    Axis(Option<AxisKey>),
}

/// The lines of the ranking as the screen shows them: overall, the
/// domain's ranking (kept, the cut line, a tie as one group, the rest);
/// per axis, each axis' proposals in their order.
pub fn lines(w: &Workshop, tally: &Tally, outcome: &Outcome, by_axis: bool) -> Vec<Line> {
    let standing = |i: usize| {
        let id = tally.rows[i].proposal;
        if outcome.is_kept(id) {
            Standing::Kept
        } else if outcome.is_tied(id) {
            Standing::Tied
        } else {
            Standing::Out
        }
    };
    if !by_axis {
        return ranking(tally, outcome)
            .into_iter()
            .map(|l| match l {
                RankLine::Row(i, s) => Line::Row(i, tally.rows[i].rank, s),
                RankLine::Cut => Line::Cut,
                RankLine::TieEnd => Line::TieEnd,
            })
            .collect();
    }
    let primary = |i: usize| {
        w.proposal(tally.rows[i].proposal)
            .and_then(crate::domain::proposal::Proposal::primary_axis)
    };
    let mut out = Vec::new();
    for (g, members) in w.group_by_axis(0..tally.rows.len(), |i| primary(*i)) {
        out.push(Line::Axis(g));
        let mut rank = 0;
        for (k, i) in members.iter().enumerate() {
            if k == 0 || tally.rows[*i].dots != tally.rows[members[k - 1]].dots {
                rank = k as u32 + 1;
            }
            out.push(Line::Row(*i, rank, standing(*i)));
        }
    }
    out
}

fn current_lines(st: &ResultsState, doc: &Doc) -> Option<(Round, Vec<Line>)> {
    let r = doc.w.round(doc.current_round()?)?.clone();
    let result = doc.revealed(r.id)?;
    let l = lines(&doc.w, &result.tally, &result.outcome, st.by_axis);
    Some((r, l))
}

/// The proposal under the cursor.
pub fn cursor_proposal(st: &ResultsState, doc: &Doc) -> Option<ProposalId> {
    let (r, l) = current_lines(st, doc)?;
    match l.get(st.list.selected)? {
        Line::Row(i, ..) => doc
            .revealed(r.id)
            .map(|shown| shown.tally.rows[*i].proposal),
        _ => None,
    }
}

pub fn on_action(st: &mut ResultsState, doc: &mut Doc, cx: &Cx, action: Action) -> Fx {
    let mut fx = Fx::none();
    let Action::Command(cmd) = action else {
        return fx;
    };
    let h = cx.results_list();
    let current = doc.current_round();
    let lines_now = current_lines(st, doc).map(|(_, l)| l).unwrap_or_default();
    let selectable = |i: usize| matches!(lines_now.get(i), Some(Line::Row(..)));
    let step = match cmd {
        Command::Up => Some(-1),
        Command::Down => Some(1),
        Command::PageUp => Some(-(h as isize)),
        Command::PageDown => Some(h as isize),
        Command::Top => Some(-(lines_now.len() as isize)),
        Command::Bottom => Some(lines_now.len() as isize),
        _ => None,
    };
    if let Some(n) = step {
        st.list.step_over(n, lines_now.len(), h, selectable);
        return fx;
    }
    let revealed = current.and_then(|id| doc.revealed(id)).is_some();
    match cmd {
        Command::FilterPrev | Command::FilterNext => {
            let ids: Vec<RoundId> = doc.w.rounds().iter().map(|r| r.id).collect();
            if ids.is_empty() {
                return fx;
            }
            let at = current
                .and_then(|c| ids.iter().position(|id| *id == c))
                .unwrap_or(0) as isize;
            let d = if cmd == Command::FilterPrev { -1 } else { 1 };
            // No wrapping: past the last round is not the first one.
            let to = (at + d).clamp(0, ids.len() as isize - 1) as usize;
            st.chosen.clear();
            doc.round = Some(ids[to]);
            to_first_row(st, doc, cx);
        }
        Command::Group => {
            st.by_axis = !st.by_axis;
            to_first_row(st, doc, cx);
        }
        Command::Runoff => {
            if let Some(id) = current {
                questions::ask_runoff(doc, cx, &mut fx, id);
            }
        }
        Command::Reveal => {
            if let Some(r) = current.and_then(|id| doc.w.round(id)).cloned() {
                questions::ask_reveal(cx, &mut fx, &r);
            }
        }
        _ if !revealed => fx.info(cx.t("results.reveal_first")),
        Command::Mark => {
            if let Some(id) = cursor_proposal(st, doc) {
                if !st.chosen.remove(&id) {
                    st.chosen.insert(id);
                }
                st.list.step_over(1, lines_now.len(), h, selectable);
            }
        }
        Command::View => {
            if let Some(o) = cursor_proposal(st, doc)
                .and_then(|id| crate::app::viewer::proposal(&doc.w, cx.lang, id))
            {
                fx.open(o);
            }
        }
        Command::Consensus => {
            let paper = current
                .and_then(|id| doc.w.round(id))
                .is_some_and(|r| r.mode == crate::domain::Mode::Paper);
            if paper {
                fx.info(cx.t("results.consensus_paper"));
            } else {
                st.consensus = !st.consensus;
            }
        }
        Command::TopN => top_n(st, doc, cx, &mut fx),
        Command::TopPerAxis => {
            fx.open(Overlay::Form(Form::new(
                Purpose::TopPerAxis,
                "results.top_per_axis_title",
                vec![Form::text("results.per_axis", "2")],
            )));
        }
        Command::Cancel => st.chosen.clear(),
        Command::Confirm => ask_draft(st, doc, cx, &mut fx),
        _ => {}
    }
    fx
}

/// Puts the cursor on the first proposal of the ranking (not a heading).
fn to_first_row(st: &mut ResultsState, doc: &mut Doc, cx: &Cx) {
    let h = cx.results_list();
    let lines_now = current_lines(st, doc).map(|(_, l)| l).unwrap_or_default();
    st.list = ListState::default();
    st.list.step_over(0, lines_now.len(), h, |i| {
        matches!(lines_now.get(i), Some(Line::Row(..)))
    });
}

/// Chooses the winners above the cut line; a tie there is left to the
/// facilitator (by hand, or with a runoff).
fn top_n(st: &mut ResultsState, doc: &mut Doc, cx: &Cx, fx: &mut Fx) {
    let lang = cx.lang;
    let Some(round) = doc.current_round() else {
        return;
    };
    // Above the cut line, with a tie settled by its runoff.
    let Some(outcome) = doc.revealed(round).map(|shown| shown.outcome) else {
        return;
    };
    st.chosen = outcome.kept.iter().copied().collect();
    if outcome.tied.is_empty() {
        fx.info(lang.tf("results.chose_top", &[("n", &outcome.kept.len())]));
    } else {
        fx.info(lang.tf(
            "results.chose_top_tie",
            &[("n", &outcome.kept.len()), ("places", &outcome.places)],
        ));
    }
}

/// The top-per-axis form was submitted. False keeps it open.
pub fn top_per_axis(st: &mut ResultsState, doc: &mut Doc, cx: &Cx, form: &Form) -> Taken {
    let lang = cx.lang;
    let mut fx = Fx::none();
    let value = form.value(0);
    let Ok(k) = value.trim().parse::<usize>() else {
        fx.error(lang.tf(
            "vote.not_a_number",
            &[
                ("field", &lang.t("results.per_axis")),
                ("value", &value.trim()),
            ],
        ));
        return (false, fx);
    };
    let Some(shown) = doc.current_round().and_then(|round| doc.revealed(round)) else {
        return (true, fx);
    };
    let tally = &shown.tally;
    let all = lines(&doc.w, tally, &Outcome::default(), true);
    let mut chosen = BTreeSet::new();
    let mut ties = 0;
    for group in all.split(|l| matches!(l, Line::Axis(_))) {
        let rows: Vec<&crate::domain::tally::TallyRow> = group
            .iter()
            .filter_map(|l| match l {
                Line::Row(i, ..) => Some(&tally.rows[*i]),
                _ => None,
            })
            .collect();
        chosen.extend(rows.iter().take(k).map(|r| r.proposal));
        if k > 0 && rows.len() > k && rows[k - 1].dots == rows[k].dots {
            ties += 1;
        }
    }
    st.chosen = chosen;
    let n = st.chosen.len();
    if ties > 0 {
        fx.info(lang.tf("results.chose_per_axis_tie", &[("n", &n), ("ties", &ties)]));
    } else {
        fx.info(lang.tf("results.chose_per_axis", &[("n", &n), ("k", &k)]));
    }
    (true, fx)
}

/// The chosen winners that have no sheet from this round yet, and how
/// many already have one.
fn to_draft(st: &ResultsState, doc: &Doc, round: RoundId) -> (Vec<ProposalId>, usize) {
    let drafted = |id: ProposalId| {
        doc.w.sheets().iter().any(|s| {
            s.origin.round == Some(round) && s.origin.proposals.first().map(|p| p.id) == Some(id)
        })
    };
    let order: Vec<ProposalId> = doc
        .revealed(round)
        .map(|shown| {
            shown
                .tally
                .rows
                .iter()
                .map(|r| r.proposal)
                .filter(|id| st.chosen.contains(id))
                .collect()
        })
        .unwrap_or_default();
    let skipped = order.iter().filter(|id| drafted(**id)).count();
    (
        order.into_iter().filter(|id| !drafted(*id)).collect(),
        skipped,
    )
}

fn ask_draft(st: &ResultsState, doc: &Doc, cx: &Cx, fx: &mut Fx) {
    let lang = cx.lang;
    let Some(round) = doc.current_round() else {
        return;
    };
    if st.chosen.is_empty() {
        fx.info(lang.t("results.choose_first"));
        return;
    }
    let (new, skipped) = to_draft(st, doc, round);
    if new.is_empty() {
        fx.info(lang.t("results.already_drafted"));
        return;
    }
    let mut body = String::new();
    for id in &new {
        if let Some(p) = doc.w.proposal(*id) {
            body.push_str(&format!(
                "n° {id} — {}\n",
                p.text.lines().next().unwrap_or_default()
            ));
        }
    }
    if skipped > 0 {
        body.push_str(&format!(
            "\n{}\n",
            lang.tf("results.skipped", &[("n", &skipped)])
        ));
    }
    fx.open(Overlay::Confirm(Confirm {
        kind: ConfirmKind::DraftSheets,
        title: crate::i18n::tnf(lang, "results.draft_title", new.len(), &[]),
        body,
        choices: Vec::new(),
        selected: None,
    }));
}

/// The draft question was confirmed: one sheet per chosen winner, in
/// ranking order, as one undo step; then the sheets screen.
pub fn draft(st: &mut ResultsState, doc: &mut Doc, cx: &Cx) -> Fx {
    let lang = cx.lang;
    let mut fx = Fx::none();
    let Some(round) = doc.current_round() else {
        return fx;
    };
    let Some(tally) = doc.revealed(round).map(|shown| shown.tally.into_owned()) else {
        return fx;
    };
    let (order, _) = to_draft(st, doc, round);
    let drafts: Vec<_> = order.iter().map(|id| (*id, tally.dots_of(*id))).collect();
    let n = drafts.len();
    let op = match doc.w.op_draft_sheets(&drafts, Some(round)) {
        Ok(op) => op,
        Err(e) => {
            fx.error(crate::i18n::Localize::localize(&e, lang));
            return fx;
        }
    };
    if n > 0 && doc.apply(Ok(op), lang, &mut fx) {
        st.chosen.clear();
        let len = doc.w.sheets().len();
        fx.push(Effect::SelectSheet(len - n));
        fx.push(Effect::Phase(Phase::Sheets));
        fx.info(crate::i18n::tnf(lang, "results.drafted", n, &[]));
    }
    fx
}

//! Tag & group: press an axis number to set a proposal's primary axis,
//! Alt+number for secondary ones; filter and group by axis; mark
//! near-duplicates and merge them, keeping every original.

use super::state::{Filter, Row, Suggesting, TagState};
use crate::app::cx::Cx;
use crate::app::doc::Doc;
use crate::app::effect::{Effect, Fx};
use crate::app::keys::command::Command;
use crate::app::screens::rows::Rows;
use crate::app::{Action, Confirm, ConfirmKind, Overlay};
use crate::domain::participant::fold;
use crate::domain::similar::Suggestion;
use crate::domain::{Op, ProposalId, Workshop};
use crate::i18n::tnf;

pub fn on_action(st: &mut TagState, doc: &mut Doc, cx: &Cx, action: Action) -> Fx {
    let h = cx.tag_list();
    match action {
        Action::Command(cmd) => return command(st, doc, cx, cmd),
        Action::Key(key) if st.searching && st.search.key(key) => {
            st.query = fold(st.search.text().trim());
            st.rebuild(doc, h);
        }
        Action::Paste(text) if st.searching => {
            st.search.insert(&text);
            st.query = fold(st.search.text().trim());
            st.rebuild(doc, h);
        }
        _ => {}
    }
    Fx::none()
}

/// The change an axis key makes to the selected proposal: its primary
/// axis, a secondary one toggled, or all cleared.
fn axes_op(
    w: &Workshop,
    selected: Option<ProposalId>,
    cmd: Command,
) -> Option<Result<Op, crate::domain::DomainError>> {
    let id = selected?;
    match cmd {
        Command::Tag(k) => Some(w.op_set_primary_axis(id, k)),
        Command::Secondary(k) => Some(w.op_toggle_secondary_axis(id, k)),
        _ => w.proposal(id).map(|p| {
            let mut p = p.clone();
            p.axes.clear();
            Ok(Op::ReplaceProposal(p))
        }),
    }
}

/// The next row, after the cursor and round the end, of a proposal with
/// no axis.
fn next_untagged(w: &Workshop, st: &TagState) -> Option<usize> {
    let n = st.rows.len();
    (1..=n).map(|k| (st.list.selected + k) % n.max(1)).find(
        |r| matches!(st.rows.get(*r), Some(Row::Item(i)) if w.proposals()[*i].axes.is_empty()),
    )
}

fn command(st: &mut TagState, doc: &mut Doc, cx: &Cx, cmd: Command) -> Fx {
    if st.suggest.is_some() {
        return suggesting(st, doc, cx, cmd);
    }
    let h = cx.tag_list();
    let mut fx = Fx::none();
    match cmd {
        Command::Up => st.step(-1, h),
        Command::Down => st.step(1, h),
        Command::PageUp => st.step(-(h as isize), h),
        Command::PageDown => st.step(h as isize, h),
        Command::Top => {
            st.list.selected = 0;
            st.step(1, h);
            st.step(-1, h);
        }
        Command::Bottom => {
            st.list.selected = st.rows.len().saturating_sub(1);
            st.step(-1, h);
            st.step(1, h);
        }
        Command::Confirm if st.searching => st.searching = false,
        Command::Cancel if st.searching => {
            st.searching = false;
            st.search.clear();
            st.query.clear();
            st.rebuild(doc, h);
        }
        Command::Cancel => {
            if !doc.marked.is_empty() {
                doc.marked.clear();
            } else if st.filter != Filter::All || !st.query.is_empty() {
                st.filter = Filter::All;
                st.search.clear();
                st.query.clear();
                st.rebuild(doc, h);
            }
        }
        Command::Search => st.searching = true,
        Command::Tag(_) | Command::Secondary(_) | Command::ClearAxes => {
            let op = axes_op(&doc.w, st.selected_id(&doc.w), cmd);
            return tag_op(st, doc, cx, op, h);
        }
        Command::FilterNext | Command::FilterPrev => {
            let mut filters = vec![Filter::All, Filter::Untagged];
            filters.extend(doc.w.axes().iter().map(|a| Filter::Axis(a.key)));
            let at = filters.iter().position(|f| *f == st.filter).unwrap_or(0) as isize;
            let delta = if cmd == Command::FilterNext { 1 } else { -1 };
            st.filter = filters[(at + delta).rem_euclid(filters.len() as isize) as usize];
            st.rebuild(doc, h);
            st.list.fit(st.rows.len(), h);
        }
        Command::Group => {
            st.grouped = !st.grouped;
            st.rebuild(doc, h);
            st.list.fit(st.rows.len(), h);
        }
        Command::NextUntagged => {
            if let Some(r) = next_untagged(&doc.w, st) {
                let n = st.rows.len();
                st.list.select(r, n, h);
            } else {
                fx.info(cx.t("tag.all_tagged"));
            }
        }
        Command::Mark => {
            if let Some(id) = st.selected_id(&doc.w) {
                if !doc.marked.remove(&id) {
                    doc.marked.insert(id);
                }
                st.step(1, h);
            }
        }
        Command::Suggest => return start_suggesting(st, doc, cx),
        Command::Merge => return ask_merge(st, doc, cx),
        Command::Unmerge => return unmerge(st, doc, cx),
        Command::View => return view(st, doc, cx),
        _ => {}
    }
    fx
}

/// `s`: the suggestions, one at a time, from the best.
fn start_suggesting(st: &mut TagState, doc: &mut Doc, cx: &Cx) -> Fx {
    let items = doc.suggestions();
    if items.is_empty() {
        let mut fx = Fx::none();
        fx.info(cx.t("tag.suggest_none"));
        return fx;
    }
    st.suggest = Some(Suggesting { items, at: 0 });
    show_suggested(st, doc, cx);
    Effect::Silence.into()
}

/// The suggestion on show, if it still applies (an undo or an edit may
/// have changed what it is about).
pub fn suggested<'a>(st: &'a TagState, doc: &Doc) -> Option<(&'a Suggestion, usize, usize)> {
    let s = st.suggest.as_ref()?;
    let live: Vec<&Suggestion> = s.items.iter().filter(|x| x.applies(&doc.w)).collect();
    let at = s.at.min(live.len().checked_sub(1)?);
    Some((live[at], at, live.len()))
}

/// Puts the list's cursor on the proposal the suggestion is about.
fn show_suggested(st: &mut TagState, doc: &mut Doc, cx: &Cx) {
    let id = match suggested(st, doc) {
        Some((Suggestion::Merge(g), _, _)) => g.members.first().copied(),
        Some((Suggestion::Axis(id, _), _, _)) => Some(*id),
        None => None,
    };
    if let Some(r) = id.and_then(|id| st.row_of(&doc.w, id)) {
        let n = st.rows.len();
        st.list.select(r, n, cx.tag_list());
    }
}

/// Keys while suggesting: Enter accepts, Suppr turns down (kept in the
/// file), → and ← pass, Échap ends.
fn suggesting(st: &mut TagState, doc: &mut Doc, cx: &Cx, cmd: Command) -> Fx {
    let lang = cx.lang;
    let mut fx = Fx::none();
    let Some((current, at, n)) = suggested(st, doc).map(|(s, at, n)| (s.clone(), at, n)) else {
        st.suggest = None;
        fx.info(cx.t("tag.suggest_done"));
        return fx;
    };
    // Only a merge changes what is alike: after anything else the list
    // stands, and what was answered no longer applies (until undone).
    let mut merged = false;
    let done = match cmd {
        Command::Cancel => {
            st.suggest = None;
            return fx;
        }
        Command::Down | Command::Up => {
            let step = if cmd == Command::Down { 1 } else { n - 1 };
            if let Some(s) = st.suggest.as_mut() {
                s.at = (at + step) % n;
            }
            show_suggested(st, doc, cx);
            return fx;
        }
        Command::Confirm => {
            merged = matches!(current, Suggestion::Merge(_));
            accept(st, doc, cx, &current, &mut fx)
        }
        Command::Delete => {
            let d = doc.w.dismissed();
            let dismissed = match &current {
                Suggestion::Merge(g) => d.with_group(&g.members),
                Suggestion::Axis(id, guess) => d.with_axis(*id, guess.axis),
            };
            let taken = st.apply(doc, Ok(Op::SetDismissed(dismissed)), lang, &mut fx);
            if taken {
                fx.info(cx.t("tag.suggest_dismissed"));
            }
            taken
        }
        _ => false,
    };
    if done && !merged {
        if suggested(st, doc).is_none() {
            st.suggest = None;
        } else {
            show_suggested(st, doc, cx);
        }
    } else if done {
        // The rest is read again: a merge changes what is alike.
        let items = doc.suggestions();
        if items.is_empty() {
            // The panel closes; the line keeps what was just done (and
            // how to undo it).
            st.suggest = None;
        } else {
            st.suggest = Some(Suggesting {
                at: at.min(items.len() - 1),
                items,
            });
            show_suggested(st, doc, cx);
        }
    }
    fx
}

/// Enter on a suggestion: one undoable merge into the oldest, or the axis.
fn accept(st: &mut TagState, doc: &mut Doc, cx: &Cx, s: &Suggestion, fx: &mut Fx) -> bool {
    let lang = cx.lang;
    match s {
        Suggestion::Merge(g) => {
            let Some((&into, sources)) = g.members.split_first() else {
                return false;
            };
            let op = Op::Merge {
                into,
                sources: sources.to_vec(),
            };
            let list = sources
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let taken = st.apply(doc, Ok(op), lang, fx);
            if taken {
                fx.info(tnf(
                    lang,
                    "tag.suggest_merged",
                    sources.len(),
                    &[("sources", &list), ("into", &into)],
                ));
            }
            taken
        }
        Suggestion::Axis(id, guess) => {
            let op = doc.w.op_set_primary_axis(*id, guess.axis);
            let name = doc
                .w
                .axis(guess.axis)
                .map(|a| a.short.clone())
                .unwrap_or_default();
            let taken = st.apply(doc, op, lang, fx);
            if taken {
                fx.info(lang.tf(
                    "tag.suggest_tagged",
                    &[("id", id), ("axis", &format!("{} {name}", guess.axis))],
                ));
            }
            taken
        }
    }
}

/// Applies a tagging op and keeps the selection on the same proposal.
fn tag_op(
    st: &mut TagState,
    doc: &mut Doc,
    cx: &Cx,
    op: Option<Result<Op, crate::domain::DomainError>>,
    h: usize,
) -> Fx {
    let mut fx = Fx::none();
    let Some(op) = op else { return fx };
    if st.apply(doc, op, cx.lang, &mut fx) {
        st.list.fit(st.rows.len(), h);
    }
    fx
}

/// The merge the marks and the selection ask for: the marked proposals go
/// into the selected one.
fn merge_plan(st: &TagState, doc: &Doc) -> Option<(ProposalId, Vec<ProposalId>)> {
    let into = st.selected_id(&doc.w)?;
    let sources = doc
        .marked
        .iter()
        .copied()
        .filter(|id| *id != into)
        .collect();
    Some((into, sources))
}

fn ask_merge(st: &TagState, doc: &Doc, cx: &Cx) -> Fx {
    let lang = cx.lang;
    let mut fx = Fx::none();
    let Some((into, sources)) = merge_plan(st, doc) else {
        return fx;
    };
    if sources.is_empty() {
        fx.info(lang.t("tag.mark_first"));
        return fx;
    }
    let mut body = String::new();
    for id in std::iter::once(into).chain(sources.iter().copied()) {
        if let Some(p) = doc.w.proposal(id) {
            let first = p.text.lines().next().unwrap_or_default();
            body.push_str(&format!("{:>4}  {first}\n", id.0));
        }
    }
    let list = sources
        .iter()
        .map(|s| format!("n° {s}"))
        .collect::<Vec<_>>()
        .join(", ");
    fx.open(Overlay::Confirm(Confirm {
        kind: ConfirmKind::Merge,
        title: lang.tf("tag.merge_title", &[("sources", &list), ("into", &into)]),
        body,
        choices: Vec::new(),
        selected: None,
    }));
    fx
}

/// The merge dialog was confirmed.
pub fn merge(st: &mut TagState, doc: &mut Doc, cx: &Cx) -> Fx {
    let mut fx = Fx::none();
    let Some((into, sources)) = merge_plan(st, doc) else {
        return fx;
    };
    let n = sources.len();
    if st.apply(doc, Ok(Op::Merge { into, sources }), cx.lang, &mut fx) {
        doc.marked.clear();
        fx.info(cx.lang.tf("tag.merged", &[("n", &n), ("into", &into)]));
    }
    fx
}

fn unmerge(st: &mut TagState, doc: &mut Doc, cx: &Cx) -> Fx {
    let mut fx = Fx::none();
    let Some(into) = st.selected_id(&doc.w) else {
        return fx;
    };
    let sources: Vec<ProposalId> = doc.w.merged_into(into).map(|p| p.id).collect();
    if sources.is_empty() {
        fx.info(cx.t("tag.nothing_to_unmerge"));
        return fx;
    }
    if st.apply(doc, Ok(Op::Unmerge { into, sources }), cx.lang, &mut fx) {
        fx.info(cx.lang.tf("tag.unmerged", &[("id", &into)]));
    }
    fx
}

fn view(st: &TagState, doc: &Doc, cx: &Cx) -> Fx {
    st.selected_id(&doc.w)
        .and_then(|id| crate::app::viewer::proposal(&doc.w, cx.lang, id))
        .map_or_else(Fx::none, |o| Effect::Open(o).into())
}

pub fn click_row(st: &mut TagState, cx: &Cx, row_in_list: usize) {
    let h = cx.tag_list();
    let target = st.list.offset + row_in_list;
    if matches!(st.rows.get(target), Some(Row::Item(_))) {
        st.list.select(target, st.rows.len(), h);
    }
}

pub fn scroll(st: &mut TagState, cx: &Cx, delta: isize) {
    let h = cx.tag_list();
    let len = st.rows.len();
    st.list.scroll(delta, len, h);
    if !matches!(st.rows.get(st.list.selected), Some(Row::Item(_))) {
        st.step(1, h);
    }
}

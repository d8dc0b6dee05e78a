//! Tag & group: press an axis number to set a proposal's primary axis,
//! Alt+number for secondary ones; filter and group by axis; mark
//! near-duplicates and merge them, keeping every original.

use super::cx::Cx;
use super::doc::Doc;
use super::effect::{Effect, Fx};
use super::keys::command::Command;
pub use super::state::tag::{Filter, Row, Suggesting, TagState};
use super::{Action, Confirm, ConfirmKind, Overlay};
use crate::domain::participant::fold;
use crate::domain::similar::Suggestion;
use crate::domain::{Op, Phase, ProposalId, Workshop};
use crate::i18n::tnf;

pub fn on_action(doc: &mut Doc, cx: &Cx, action: Action) -> Fx {
    let h = cx.tag_list();
    match action {
        Action::Command(cmd) => return command(doc, cx, cmd),
        Action::Key(key) if doc.tag.searching && doc.tag.search.key(key) => {
            doc.tag.query = fold(doc.tag.search.text().trim());
            doc.refresh_rows(Phase::Tag, h);
        }
        Action::Paste(text) if doc.tag.searching => {
            doc.tag.search.insert(&text);
            doc.tag.query = fold(doc.tag.search.text().trim());
            doc.refresh_rows(Phase::Tag, h);
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
fn next_untagged(w: &Workshop, t: &TagState) -> Option<usize> {
    let n = t.rows.len();
    (1..=n)
        .map(|k| (t.list.selected + k) % n.max(1))
        .find(|r| matches!(t.rows.get(*r), Some(Row::Item(i)) if w.proposals()[*i].axes.is_empty()))
}

fn command(doc: &mut Doc, cx: &Cx, cmd: Command) -> Fx {
    if doc.tag.suggest.is_some() {
        return suggesting(doc, cx, cmd);
    }
    let h = cx.tag_list();
    let mut fx = Fx::none();
    let t = &mut doc.tag;
    match cmd {
        Command::Up => t.step(-1, h),
        Command::Down => t.step(1, h),
        Command::PageUp => t.step(-(h as isize), h),
        Command::PageDown => t.step(h as isize, h),
        Command::Top => {
            t.list.selected = 0;
            t.step(1, h);
            t.step(-1, h);
        }
        Command::Bottom => {
            t.list.selected = t.rows.len().saturating_sub(1);
            t.step(-1, h);
            t.step(1, h);
        }
        Command::Confirm if t.searching => t.searching = false,
        Command::Cancel if t.searching => {
            t.searching = false;
            t.search.clear();
            t.query.clear();
            doc.refresh_rows(Phase::Tag, h);
        }
        Command::Cancel => {
            if !t.marked.is_empty() {
                t.marked.clear();
            } else if t.filter != Filter::All || !t.query.is_empty() {
                t.filter = Filter::All;
                t.search.clear();
                t.query.clear();
                doc.refresh_rows(Phase::Tag, h);
            }
        }
        Command::Search => t.searching = true,
        Command::Tag(_) | Command::Secondary(_) | Command::ClearAxes => {
            let op = axes_op(&doc.w, doc.tag.selected_id(&doc.w), cmd);
            return tag_op(doc, cx, op, h);
        }
        Command::FilterNext | Command::FilterPrev => {
            let mut filters = vec![Filter::All, Filter::Untagged];
            filters.extend(doc.w.axes().iter().map(|a| Filter::Axis(a.key)));
            let at = filters.iter().position(|f| *f == t.filter).unwrap_or(0) as isize;
            let delta = if cmd == Command::FilterNext { 1 } else { -1 };
            t.filter = filters[(at + delta).rem_euclid(filters.len() as isize) as usize];
            doc.refresh_rows(Phase::Tag, h);
            doc.tag.list.fit(doc.tag.rows.len(), h);
        }
        Command::Group => {
            t.grouped = !t.grouped;
            doc.refresh_rows(Phase::Tag, h);
            doc.tag.list.fit(doc.tag.rows.len(), h);
        }
        Command::NextUntagged => {
            if let Some(r) = next_untagged(&doc.w, &doc.tag) {
                let n = doc.tag.rows.len();
                doc.tag.list.select(r, n, h);
            } else {
                fx.info(cx.t("tag.all_tagged"));
            }
        }
        Command::Mark => {
            if let Some(id) = t.selected_id(&doc.w) {
                if !t.marked.remove(&id) {
                    t.marked.insert(id);
                }
                t.step(1, h);
            }
        }
        Command::Suggest => return start_suggesting(doc, cx),
        Command::Merge => return ask_merge(doc, cx),
        Command::Unmerge => return unmerge(doc, cx),
        Command::View => return view(doc, cx),
        _ => {}
    }
    fx
}

/// `s`: the suggestions, one at a time, from the best.
fn start_suggesting(doc: &mut Doc, cx: &Cx) -> Fx {
    let items = doc.suggestions();
    if items.is_empty() {
        let mut fx = Fx::none();
        fx.info(cx.t("tag.suggest_none"));
        return fx;
    }
    doc.tag.suggest = Some(Suggesting { items, at: 0 });
    show_suggested(doc, cx);
    Effect::Silence.into()
}

/// The suggestion on show, if it still applies (an undo or an edit may
/// have changed what it is about).
pub fn suggested(doc: &Doc) -> Option<(&Suggestion, usize, usize)> {
    let s = doc.tag.suggest.as_ref()?;
    let live: Vec<&Suggestion> = s.items.iter().filter(|x| x.applies(&doc.w)).collect();
    let at = s.at.min(live.len().checked_sub(1)?);
    Some((live[at], at, live.len()))
}

/// Puts the list's cursor on the proposal the suggestion is about.
fn show_suggested(doc: &mut Doc, cx: &Cx) {
    let id = match suggested(doc) {
        Some((Suggestion::Merge(g), _, _)) => g.members.first().copied(),
        Some((Suggestion::Axis(id, _), _, _)) => Some(*id),
        None => None,
    };
    if let Some(r) = id.and_then(|id| doc.tag.row_of(&doc.w, id)) {
        let n = doc.tag.rows.len();
        doc.tag.list.select(r, n, cx.tag_list());
    }
}

/// Keys while suggesting: Enter accepts, Suppr turns down (kept in the
/// file), → and ← pass, Échap ends.
fn suggesting(doc: &mut Doc, cx: &Cx, cmd: Command) -> Fx {
    let lang = cx.lang;
    let mut fx = Fx::none();
    let Some((current, at, n)) = suggested(doc).map(|(s, at, n)| (s.clone(), at, n)) else {
        doc.tag.suggest = None;
        fx.info(cx.t("tag.suggest_done"));
        return fx;
    };
    // Only a merge changes what is alike: after anything else the list
    // stands, and what was answered no longer applies (until undone).
    let mut merged = false;
    let done = match cmd {
        Command::Cancel => {
            doc.tag.suggest = None;
            return fx;
        }
        Command::Down | Command::Up => {
            let step = if cmd == Command::Down { 1 } else { n - 1 };
            if let Some(s) = doc.tag.suggest.as_mut() {
                s.at = (at + step) % n;
            }
            show_suggested(doc, cx);
            return fx;
        }
        Command::Confirm => {
            merged = matches!(current, Suggestion::Merge(_));
            accept(doc, cx, &current, &mut fx)
        }
        Command::Delete => {
            let d = doc.w.dismissed();
            let dismissed = match &current {
                Suggestion::Merge(g) => d.with_group(&g.members),
                Suggestion::Axis(id, guess) => d.with_axis(*id, guess.axis),
            };
            let taken = doc.apply(Ok(Op::SetDismissed(dismissed)), lang, &mut fx);
            if taken {
                fx.info(cx.t("tag.suggest_dismissed"));
            }
            taken
        }
        _ => false,
    };
    if done && !merged {
        if suggested(doc).is_none() {
            doc.tag.suggest = None;
        } else {
            show_suggested(doc, cx);
        }
    } else if done {
        // The rest is read again: a merge changes what is alike.
        let items = doc.suggestions();
        if items.is_empty() {
            // The panel closes; the line keeps what was just done (and
            // how to undo it).
            doc.tag.suggest = None;
        } else {
            doc.tag.suggest = Some(Suggesting {
                at: at.min(items.len() - 1),
                items,
            });
            show_suggested(doc, cx);
        }
    }
    fx
}

/// Enter on a suggestion: one undoable merge into the oldest, or the axis.
fn accept(doc: &mut Doc, cx: &Cx, s: &Suggestion, fx: &mut Fx) -> bool {
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
            let taken = doc.apply(Ok(op), lang, fx);
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
            let taken = doc.apply(op, lang, fx);
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
    doc: &mut Doc,
    cx: &Cx,
    op: Option<Result<Op, crate::domain::DomainError>>,
    h: usize,
) -> Fx {
    let mut fx = Fx::none();
    let Some(op) = op else { return fx };
    if doc.apply(op, cx.lang, &mut fx) {
        doc.tag.list.fit(doc.tag.rows.len(), h);
    }
    fx
}

/// The merge the marks and the selection ask for: the marked proposals go
/// into the selected one.
fn merge_plan(doc: &Doc) -> Option<(ProposalId, Vec<ProposalId>)> {
    let into = doc.tag.selected_id(&doc.w)?;
    let sources = doc
        .tag
        .marked
        .iter()
        .copied()
        .filter(|id| *id != into)
        .collect();
    Some((into, sources))
}

fn ask_merge(doc: &Doc, cx: &Cx) -> Fx {
    let lang = cx.lang;
    let mut fx = Fx::none();
    let Some((into, sources)) = merge_plan(doc) else {
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
pub fn merge(doc: &mut Doc, cx: &Cx) -> Fx {
    let mut fx = Fx::none();
    let Some((into, sources)) = merge_plan(doc) else {
        return fx;
    };
    let n = sources.len();
    if doc.apply(Ok(Op::Merge { into, sources }), cx.lang, &mut fx) {
        doc.tag.marked.clear();
        fx.info(cx.lang.tf("tag.merged", &[("n", &n), ("into", &into)]));
    }
    fx
}

fn unmerge(doc: &mut Doc, cx: &Cx) -> Fx {
    let mut fx = Fx::none();
    let Some(into) = doc.tag.selected_id(&doc.w) else {
        return fx;
    };
    let sources: Vec<ProposalId> = doc.w.merged_into(into).map(|p| p.id).collect();
    if sources.is_empty() {
        fx.info(cx.t("tag.nothing_to_unmerge"));
        return fx;
    }
    if doc.apply(Ok(Op::Unmerge { into, sources }), cx.lang, &mut fx) {
        fx.info(cx.lang.tf("tag.unmerged", &[("id", &into)]));
    }
    fx
}

fn view(doc: &Doc, cx: &Cx) -> Fx {
    doc.tag
        .selected_id(&doc.w)
        .and_then(|id| super::viewer::proposal(&doc.w, cx.lang, id))
        .map_or_else(Fx::none, |o| Effect::Open(o).into())
}

pub fn click_row(doc: &mut Doc, cx: &Cx, row_in_list: usize) {
    let h = cx.tag_list();
    let t = &mut doc.tag;
    let target = t.list.offset + row_in_list;
    if matches!(t.rows.get(target), Some(Row::Item(_))) {
        t.list.select(target, t.rows.len(), h);
    }
}

pub fn scroll(doc: &mut Doc, cx: &Cx, delta: isize) {
    let h = cx.tag_list();
    let len = doc.tag.rows.len();
    doc.tag.list.scroll(delta, len, h);
    if !matches!(doc.tag.rows.get(doc.tag.list.selected), Some(Row::Item(_))) {
        doc.tag.step(1, h);
    }
}

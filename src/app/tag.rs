//! Tag & group: press an axis number to set a proposal's primary axis,
//! Alt+number for secondary ones; filter and group by axis; mark
//! near-duplicates and merge them, keeping every original.

use super::command::Command;
pub use super::state::tag::{Filter, Row, TagState};
use super::{Action, App, Confirm, ConfirmKind, Overlay};
use crate::domain::participant::fold;
use crate::domain::{Op, Phase, ProposalId, Workshop};

fn height(app: &App) -> usize {
    crate::app::layout::tag_list_height(app)
}

pub fn on_action(app: &mut App, action: Action) {
    let h = height(app);
    match action {
        Action::Command(cmd) => command(app, cmd),
        Action::Key(key) => {
            if let Some(doc) = app.doc.as_mut()
                && doc.tag.searching
                && doc.tag.search.key(key)
            {
                doc.tag.query = fold(doc.tag.search.text().trim());
                doc.refresh_rows(Phase::Tag, h);
            }
        }
        Action::Paste(text) => {
            if let Some(doc) = app.doc.as_mut()
                && doc.tag.searching
            {
                doc.tag.search.insert(&text);
                doc.tag.query = fold(doc.tag.search.text().trim());
                doc.refresh_rows(Phase::Tag, h);
            }
        }
        _ => {}
    }
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

fn command(app: &mut App, cmd: Command) {
    let h = height(app);
    let lang = app.lang;
    let Some(doc) = app.doc.as_mut() else { return };
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
            tag_op(app, op, h);
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
                app.info(lang.t("tag.all_tagged"));
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
        Command::Merge => ask_merge(app),
        Command::Unmerge => unmerge(app),
        Command::View => view(app),
        _ => {}
    }
}

/// Applies a tagging op and keeps the selection on the same proposal.
fn tag_op(app: &mut App, op: Option<Result<Op, crate::domain::DomainError>>, h: usize) {
    let Some(op) = op else { return };
    if app.run_op(op)
        && let Some(doc) = app.doc.as_mut()
    {
        doc.tag.list.fit(doc.tag.rows.len(), h);
    }
}

/// The merge the marks and the selection ask for: the marked proposals go
/// into the selected one.
fn merge_plan(doc: &super::doc::Doc) -> Option<(ProposalId, Vec<ProposalId>)> {
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

fn ask_merge(app: &mut App) {
    let lang = app.lang;
    let Some(doc) = app.doc.as_ref() else { return };
    let Some((into, sources)) = merge_plan(doc) else {
        return;
    };
    if sources.is_empty() {
        app.info(lang.t("tag.mark_first"));
        return;
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
    app.overlay = Some(Overlay::Confirm(Confirm {
        kind: ConfirmKind::Merge,
        title: lang.tf("tag.merge_title", &[("sources", &list), ("into", &into)]),
        body,
        choices: Vec::new(),
        selected: None,
    }));
}

/// The merge dialog was confirmed.
pub fn merge(app: &mut App) {
    let lang = app.lang;
    let Some((into, sources)) = app.doc.as_ref().and_then(merge_plan) else {
        return;
    };
    let n = sources.len();
    if app.run_op(Ok(Op::Merge { into, sources })) {
        if let Some(doc) = app.doc.as_mut() {
            doc.tag.marked.clear();
        }
        app.info(lang.tf("tag.merged", &[("n", &n), ("into", &into)]));
    }
}

fn unmerge(app: &mut App) {
    let lang = app.lang;
    let Some(doc) = app.doc.as_ref() else { return };
    let Some(into) = doc.tag.selected_id(&doc.w) else {
        return;
    };
    let sources: Vec<ProposalId> = doc.w.merged_into(into).map(|p| p.id).collect();
    if sources.is_empty() {
        app.info(lang.t("tag.nothing_to_unmerge"));
        return;
    }
    if app.run_op(Ok(Op::Unmerge { into, sources })) {
        app.info(lang.tf("tag.unmerged", &[("id", &into)]));
    }
}

fn view(app: &mut App) {
    let id = app.doc.as_ref().and_then(|d| d.tag.selected_id(&d.w));
    if let Some(id) = id {
        app.view_proposal(id);
    }
}

pub fn click_row(app: &mut App, row_in_list: usize) {
    let h = height(app);
    if let Some(doc) = app.doc.as_mut() {
        let t = &mut doc.tag;
        let target = t.list.offset + row_in_list;
        if matches!(t.rows.get(target), Some(Row::Item(_))) {
            t.list.select(target, t.rows.len(), h);
        }
    }
}

pub fn scroll(app: &mut App, delta: isize) {
    let h = height(app);
    if let Some(doc) = app.doc.as_mut() {
        let len = doc.tag.rows.len();
        doc.tag.list.scroll(delta, len, h);
        if !matches!(doc.tag.rows.get(doc.tag.list.selected), Some(Row::Item(_))) {
            doc.tag.step(1, h);
        }
    }
}

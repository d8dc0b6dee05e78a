//! Tag & group: filters with counts, the list grouped by axis with merged
//! originals under their proposal, and the selected proposal in full.

use super::widgets::{axis_rule, badge, fit, one_line, truncate, wrap};
use super::{layout, rows, titled};
use crate::app::cx::Cx;
use crate::app::doc::Doc;
use crate::app::screens::tag::TagState;
use crate::app::screens::tag::{Filter, Row};
use crate::domain::ProposalId;
use crate::domain::similar::Suggestion;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, st: &TagState, doc: &Doc, cx: &Cx, body: Rect) {
    let a = layout::tag(body);
    filters(frame, st, cx, doc, a.filters);
    list(frame, st, cx, doc, a.list_block, a.list);
    match crate::app::screens::tag::suggested(st, doc) {
        Some((s, at, n)) => suggestion(frame, cx, doc, (s, at, n), a.detail_block, a.detail),
        None => detail(frame, st, cx, doc, a.detail_block, a.detail),
    }
}

/// The suggestion on show: the proposals that look alike and the words
/// they share, or the axis likely for a proposal and why; then the keys.
fn suggestion(
    frame: &mut Frame,
    cx: &Cx,
    doc: &Doc,
    (s, at, n): (&Suggestion, usize, usize),
    block: Rect,
    area: Rect,
) {
    let t = &cx.theme;
    let lang = cx.lang;
    let title = format!(
        " ≈ {} ",
        lang.tf("tag.suggest_title", &[("at", &(at + 1)), ("n", &n)])
    );
    frame.render_widget(
        titled(Span::styled(title, t.accent()), true, &cx.theme),
        block,
    );
    let width = area.width.saturating_sub(1) as usize;
    let quote = |id: ProposalId| {
        let text = doc.w.proposal(id).map_or("", |p| p.text.as_str());
        Line::from(Span::styled(
            truncate(&format!(" n° {id}  {}", one_line(text)), width),
            t.text(),
        ))
    };
    let (mut lines, reason, keys) = match s {
        Suggestion::Merge(g) => {
            let head = Line::from(Span::styled(
                format!(" {}", cx.t("tag.suggest_merge")),
                t.accent(),
            ));
            let mut lines = vec![head];
            lines.extend(g.members.iter().map(|id| quote(*id)));
            let words = lang.tf("tag.suggest_words", &[("words", &g.shared.join(", "))]);
            let into = g.members.first().copied().unwrap_or(ProposalId(0));
            (
                lines,
                words,
                lang.tf("tag.suggest_merge_keys", &[("into", &into)]),
            )
        }
        Suggestion::Axis(id, guess) => {
            let mut head = vec![Span::styled(
                format!(" {} ", lang.tf("tag.suggest_axis", &[("id", id)])),
                t.accent(),
            )];
            head.push(badge(&doc.w, guess.axis, false, t));
            let mut lines = vec![Line::from(head), quote(*id)];
            if !guess.near.is_empty() {
                let near = guess
                    .near
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                lines.push(Line::from(Span::styled(
                    format!(" {}", lang.tf("tag.suggest_near", &[("near", &near)])),
                    t.dim(),
                )));
            }
            let words = lang.tf("tag.suggest_words", &[("words", &guess.because.join(", "))]);
            (lines, words, cx.t("tag.suggest_axis_keys").to_string())
        }
    };
    // The reason and the keys always show. Short of room, a merge's
    // question goes first (the title says what it is), then its last
    // proposals; an axis keeps its first line, which names the axis.
    let room = (area.height as usize).saturating_sub(2).max(1);
    if lines.len() > room && matches!(s, Suggestion::Merge(_)) {
        lines.remove(0);
    }
    lines.truncate(room);
    lines.push(Line::from(Span::styled(
        truncate(&format!(" {reason}"), width),
        t.dim(),
    )));
    lines.push(Line::from(Span::styled(
        truncate(&format!(" {keys}"), width),
        t.key(),
    )));
    let skip = lines.len().saturating_sub(area.height as usize);
    frame.render_widget(Paragraph::new(lines.split_off(skip.min(lines.len()))), area);
}

fn filters(frame: &mut Frame, st: &TagState, cx: &Cx, doc: &Doc, area: Rect) {
    let t = &cx.theme;
    let d = &doc.derived;
    let (per_axis, untagged, total) = (d.per_axis.clone(), d.untagged, d.live);
    let narrow = area.width < 100;
    let mut spans = vec![Span::styled(format!(" {} ", cx.t("tag.filter")), t.dim())];
    let mut item = |label: String, f: Filter, style| {
        let active = st.filter == f;
        let style = if active { t.selected() } else { style };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    };
    item(
        format!("{} {total}", cx.t("tag.all")),
        Filter::All,
        t.text(),
    );
    let untagged_style = if untagged > 0 { t.warn() } else { t.dim() };
    item(
        format!("{} {untagged}", cx.t("tag.untagged")),
        Filter::Untagged,
        untagged_style,
    );
    for (k, n) in per_axis {
        let b = badge(&doc.w, k, narrow, t);
        item(format!("{} {n}", b.content), Filter::Axis(k), b.style);
    }
    if !doc.marked.is_empty() {
        spans.push(Span::styled(
            format!(" {} {}", cx.t("tag.marked"), doc.marked.len()),
            t.marked(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn list(frame: &mut Frame, st: &TagState, cx: &Cx, doc: &Doc, block: Rect, area: Rect) {
    let tg = st;
    let t = &cx.theme;
    let title = if tg.searching || !tg.query.is_empty() {
        format!(" {} « {} » ", cx.t("capture.search"), tg.search.text())
    } else {
        format!(" {} ", cx.t("tag.title"))
    };
    frame.render_widget(titled(title, true, &cx.theme), block);
    if tg.rows.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("  {}", cx.t("capture.no_match")),
                t.dim(),
            )),
            area,
        );
        return;
    }
    let w = area.width as usize;
    let window = tg.list.window(tg.rows.len(), area.height as usize);
    let selected = tg.list.selected.checked_sub(window.start);
    let lines = tg.rows[window]
        .iter()
        .map(|r| match *r {
            Row::Group(axis, n) => axis_rule(&doc.w, axis, Some(n), cx.t("tag.untagged"), w, t),
            Row::Item(i) => {
                let p = &doc.w.proposals()[i];
                let mark = if doc.marked.contains(&p.id) {
                    "● "
                } else {
                    "  "
                };
                let mut line = super::capture::row(cx, doc, p, w.saturating_sub(2));
                line.spans.insert(0, Span::styled(mark, t.marked()));
                line
            }
            Row::Original(i, depth) => {
                let p = &doc.w.proposals()[i];
                let indent = "   ".repeat(depth as usize);
                let author = if p.author.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", p.author)
                };
                let text = format!("{indent}    ↳ n° {} {}{author}", p.id, one_line(&p.text));
                Line::from(Span::styled(fit(&text, w), t.dim()))
            }
        })
        .collect();
    rows(frame, area, lines, selected, &cx.theme);
}

fn detail(frame: &mut Frame, st: &TagState, cx: &Cx, doc: &Doc, block: Rect, area: Rect) {
    let t = &cx.theme;
    let Some(p) = st.selected_id(&doc.w).and_then(|id| doc.w.proposal(id)) else {
        frame.render_widget(titled("", false, &cx.theme), block);
        return;
    };
    let title = super::capture::detail_title(cx, doc, p, block.width.saturating_sub(2) as usize);
    frame.render_widget(titled(Line::from(title), false, &cx.theme), block);
    let width = area.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = wrap(&p.text, width)
        .into_iter()
        .map(|l| Line::from(format!(" {l}")))
        .collect();
    let originals: Vec<_> = doc
        .derived
        .children
        .get(&p.id)
        .map(|c| c.iter().map(|i| &*doc.w.proposals()[*i]).collect())
        .unwrap_or_default();
    if !originals.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(" {}", cx.t("tag.originals")),
            t.accent(),
        )));
        for o in originals {
            let author = if o.author.is_empty() {
                String::new()
            } else {
                format!(" — {}", o.author)
            };
            let text = truncate(
                &format!(" ↳ n° {} {}{author}", o.id, one_line(&o.text)),
                width,
            );
            lines.push(Line::from(Span::styled(text, t.dim())));
        }
    }
    let room = area.height as usize;
    if lines.len() > room {
        lines.truncate(room.saturating_sub(1));
        lines.push(Line::from(Span::styled(cx.more_hint(), t.dim())));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

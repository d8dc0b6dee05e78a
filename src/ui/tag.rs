//! Tag & group: filters with counts, the list grouped by axis with merged
//! originals under their proposal, and the selected proposal in full.

use super::widgets::{axis_rule, badge, fit, one_line, truncate, wrap};
use super::{layout, rows, titled};
use crate::app::App;
use crate::app::doc::Doc;
use crate::app::tag::{Filter, Row};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, app: &App, body: Rect) {
    let Some(doc) = &app.doc else { return };
    let a = layout::tag(body);
    filters(frame, app, doc, a.filters);
    list(frame, app, doc, a.list_block, a.list);
    detail(frame, app, doc, a.detail_block, a.detail);
}

fn filters(frame: &mut Frame, app: &App, doc: &Doc, area: Rect) {
    let t = &app.theme;
    let d = &doc.derived;
    let (per_axis, untagged, total) = (d.per_axis.clone(), d.untagged, d.live);
    let narrow = area.width < 100;
    let mut spans = vec![Span::styled(format!(" {} ", app.t("tag.filter")), t.dim())];
    let mut item = |label: String, f: Filter, style| {
        let active = doc.tag.filter == f;
        let style = if active { t.selected() } else { style };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    };
    item(
        format!("{} {total}", app.t("tag.all")),
        Filter::All,
        t.text(),
    );
    let untagged_style = if untagged > 0 { t.warn() } else { t.dim() };
    item(
        format!("{} {untagged}", app.t("tag.untagged")),
        Filter::Untagged,
        untagged_style,
    );
    for (k, n) in per_axis {
        let b = badge(&doc.w, k, narrow, t);
        item(format!("{} {n}", b.content), Filter::Axis(k), b.style);
    }
    if !doc.tag.marked.is_empty() {
        spans.push(Span::styled(
            format!(" {} {}", app.t("tag.marked"), doc.tag.marked.len()),
            t.marked(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn list(frame: &mut Frame, app: &App, doc: &Doc, block: Rect, area: Rect) {
    let tg = &doc.tag;
    let t = &app.theme;
    let title = if tg.searching || !tg.query.is_empty() {
        format!(" {} « {} » ", app.t("capture.search"), tg.search.text())
    } else {
        format!(" {} ", app.t("tag.title"))
    };
    frame.render_widget(titled(title, true, app), block);
    if tg.rows.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("  {}", app.t("capture.no_match")),
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
            Row::Group(axis, n) => axis_rule(&doc.w, axis, Some(n), app.t("tag.untagged"), w, t),
            Row::Item(i) => {
                let p = &doc.w.proposals()[i];
                let mark = if tg.marked.contains(&p.id) {
                    "● "
                } else {
                    "  "
                };
                let mut line = super::capture::row(app, doc, p, w.saturating_sub(2));
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
    rows(frame, area, lines, selected, app);
}

fn detail(frame: &mut Frame, app: &App, doc: &Doc, block: Rect, area: Rect) {
    let t = &app.theme;
    let Some(p) = doc
        .tag
        .selected_id(&doc.w)
        .and_then(|id| doc.w.proposal(id))
    else {
        frame.render_widget(titled("", false, app), block);
        return;
    };
    let title = super::capture::detail_title(app, doc, p, block.width.saturating_sub(2) as usize);
    frame.render_widget(titled(Line::from(title), false, app), block);
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
            format!(" {}", app.t("tag.originals")),
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
        lines.push(Line::from(Span::styled(app.more_hint(), t.dim())));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

//! Capture: the proposals as they come, the one selected in full, and the
//! field where the facilitator types.

use super::widgets::{badge, fit, one_line, truncate, width, wrap};
use super::{layout, rows, titled};
use crate::app::cx::Cx;
use crate::app::doc::Doc;
use crate::app::keys::command::Command;
use crate::app::phones::Phones;
use crate::app::screens::capture::state::Similar;
use crate::app::screens::capture::{CaptureState, Focus};
use crate::domain::Proposal;
use crate::i18n::tn;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, st: &CaptureState, doc: &Doc, phones: &Phones, cx: &Cx, body: Rect) {
    let question = &doc.w.details().question;
    let a = layout::capture_of(body, &doc.w, cx.phones_wanted);
    if !question.is_empty() {
        let q = truncate(
            &one_line(question),
            a.question.width.saturating_sub(2) as usize,
        );
        frame.render_widget(
            Paragraph::new(Span::styled(format!(" {q}"), cx.theme.accent())),
            a.question,
        );
    }
    list(frame, st, cx, doc, a.list_block, a.list);
    // The proposal just saved looks like another: said where the detail
    // is, or in place of the queue when narrow.
    let like = st.similar_shown(&doc.w);
    if a.detail_block.height > 0 {
        match like {
            Some(s) => similar(frame, cx, doc, s, a.detail_block, a.detail),
            None => detail(frame, st, cx, doc, a.detail_block, a.detail),
        }
    } else if let Some(s) = like {
        similar(frame, cx, doc, s, a.queue_block, a.queue);
    }
    if a.queue_block.height > 0 && (like.is_none() || a.detail_block.height > 0) {
        // Narrow: no detail beside; the queue shows the selected text whole.
        let narrow = a.detail_block.height == 0;
        if !(narrow && received_detail(frame, st, cx, doc, a.queue_block, a.queue)) {
            queue(frame, st, phones, cx, doc, a.queue_block, a.queue);
        }
    }
    input(frame, st, cx, doc, &a);
}

/// The proposals sent from phones, newest first, with who sent them.
fn queue(
    frame: &mut Frame,
    st: &CaptureState,
    phones: &Phones,
    cx: &Cx,
    doc: &Doc,
    block: Rect,
    area: Rect,
) {
    let t = &cx.theme;
    let focused = st.focus == Focus::Received;
    let ids = crate::app::screens::capture::received::pending(&doc.w);
    let title = format!(" {} ", cx.lang.tf("received.title", &[("n", &ids.len())]));
    frame.render_widget(titled(title, focused, &cx.theme), block);
    let w = area.width as usize;
    if ids.is_empty() {
        // Nothing waits: how phones join, for the facilitator to show.
        let mut lines = super::qr::join_lines(phones, doc, cx, area);
        if lines.is_empty() {
            lines = wrap(cx.t("received.none"), w.saturating_sub(2))
                .into_iter()
                .map(|l| Line::from(Span::styled(format!(" {l}"), t.dim())))
                .collect();
        }
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let window = st.queue.window(ids.len(), area.height as usize);
    let lines: Vec<Line> = ids[window.clone()]
        .iter()
        .filter_map(|id| doc.w.received_one(*id))
        .map(|r| {
            let who = if r.author.is_empty() {
                cx.t("received.anonymous").to_string()
            } else {
                r.author.clone()
            };
            let mut spans = vec![];
            let mut used = 1;
            if let Some(k) = r.axis {
                let b = badge(&doc.w, k, true, t);
                used += width(&b.content) + 1;
                spans.push(Span::raw(" "));
                spans.push(b);
            }
            let right = format!(" {} ", fit(&who, (w / 3).max(6)).trim_end());
            // Looks like a proposal already there: said before the text.
            if let Some(like) = doc.received_like.get(&r.id) {
                let hint = format!(" ≈ {}", cx.lang.tf("received.like", &[("id", like)]));
                used += width(&hint);
                spans.push(Span::styled(hint, t.accent()));
            }
            let room = w.saturating_sub(used + width(&right));
            spans.push(Span::styled(
                format!(" {}", fit(&one_line(&r.text), room)),
                t.text(),
            ));
            spans.push(Span::styled(right, t.dim()));
            Line::from(spans)
        })
        .collect();
    let selected = focused.then(|| st.queue.selected.saturating_sub(window.start));
    rows(frame, area, lines, selected, &cx.theme);
}

/// A proposal on one line: number, axes, text, author at the right.
pub fn row(cx: &Cx, doc: &Doc, p: &Proposal, width_total: usize) -> Line<'static> {
    let t = &cx.theme;
    let mut spans = vec![Span::styled(format!("{:>5} ", p.id.0), t.dim())];
    let mut used = 6;
    let narrow = width_total < 90;
    if p.axes.is_empty() {
        let s = format!("[{}] ", cx.t("tag.no_axis_short"));
        used += width(&s);
        spans.push(Span::styled(s, t.warn()));
    }
    for (i, k) in p.axes.iter().enumerate() {
        let b = badge(&doc.w, *k, narrow || i > 0, t);
        used += width(&b.content) + 1;
        spans.push(b);
        spans.push(Span::raw(" "));
    }
    let merged = doc.derived.merged_count(p.id);
    let merged_label = if merged > 0 {
        format!(" (+{merged})")
    } else {
        String::new()
    };
    // Authors in a column of their own, when there is room for one.
    let author_w = if narrow { 0 } else { (width_total / 4).min(30) };
    let author = if author_w > 0 {
        fit(&format!("  {}", p.author), author_w)
    } else {
        String::new()
    };
    let room = width_total.saturating_sub(used + author_w + width(&merged_label));
    let text = truncate(&one_line(&p.text), room);
    let pad = room.saturating_sub(width(&text));
    spans.push(Span::styled(text, t.text()));
    spans.push(Span::styled(merged_label, t.accent()));
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(author, t.dim()));
    Line::from(spans)
}

fn list(frame: &mut Frame, st: &CaptureState, cx: &Cx, doc: &Doc, block: Rect, area: Rect) {
    let c = st;
    let total = doc.derived.live;
    let mut title = format!(" {} ", tn(cx.lang, "n.proposals", total));
    if c.focus == Focus::Search || !c.query.is_empty() {
        title = format!(
            " {} « {} » ({}) ",
            cx.t("capture.search"),
            c.search.text(),
            c.rows.len()
        );
    }
    frame.render_widget(
        titled(
            title,
            c.focus == Focus::List || c.focus == Focus::Search,
            &cx.theme,
        ),
        block,
    );
    if c.rows.is_empty() {
        let hint = if total == 0 {
            cx.t("capture.empty")
        } else {
            cx.t("capture.no_match")
        };
        frame.render_widget(
            Paragraph::new(Span::styled(format!("  {hint}"), cx.theme.dim())),
            area,
        );
        return;
    }
    let window = c.list.window(c.rows.len(), area.height as usize);
    let selected = c.list.selected.checked_sub(window.start);
    let lines = c.rows[window]
        .iter()
        .map(|i| row(cx, doc, &doc.w.proposals()[*i], area.width as usize))
        .collect();
    rows(frame, area, lines, selected, &cx.theme);
}

/// The proposal sent from a phone under the cursor of the queue, whole,
/// while the queue has the keys.
fn received_detail(
    frame: &mut Frame,
    st: &CaptureState,
    cx: &Cx,
    doc: &Doc,
    block: Rect,
    area: Rect,
) -> bool {
    let t = &cx.theme;
    if st.focus != Focus::Received {
        return false;
    }
    let ids = crate::app::screens::capture::received::pending(&doc.w);
    let Some(r) = ids
        .get(st.queue.selected)
        .and_then(|id| doc.w.received_one(*id))
    else {
        return false;
    };
    let who = if r.author.is_empty() {
        cx.t("received.anonymous").to_string()
    } else {
        r.author.clone()
    };
    let at = r.at.map(|s| s.time_hms()).unwrap_or_default();
    let title = format!(" {} · {at} ", cx.lang.tf("received.from", &[("who", &who)]));
    frame.render_widget(titled(title, false, &cx.theme), block);
    let mut lines: Vec<Line> = Vec::new();
    if let Some(k) = r.axis {
        lines.push(Line::from(vec![Span::raw(" "), badge(&doc.w, k, false, t)]));
    }
    for l in wrap(&r.text, area.width.saturating_sub(2) as usize) {
        lines.push(Line::from(Span::styled(format!(" {l}"), t.text())));
    }
    frame.render_widget(Paragraph::new(lines), area);
    true
}

fn detail(frame: &mut Frame, st: &CaptureState, cx: &Cx, doc: &Doc, block: Rect, area: Rect) {
    if received_detail(frame, st, cx, doc, block, area) {
        return;
    }
    let c = st;
    let Some(p) = c.selected_id(&doc.w).and_then(|id| doc.w.proposal(id)) else {
        frame.render_widget(titled("", false, &cx.theme), block);
        return;
    };
    let title = detail_title(cx, doc, p, block.width.saturating_sub(2) as usize);
    frame.render_widget(titled(Line::from(title), false, &cx.theme), block);
    let mut lines = wrap(&p.text, area.width.saturating_sub(2) as usize);
    let room = area.height as usize;
    if lines.len() > room {
        lines.truncate(room.saturating_sub(1));
        lines.push(cx.more_hint());
    }
    let text: Vec<Line> = lines
        .into_iter()
        .map(|l| Line::from(Span::styled(format!(" {l}"), cx.theme.text())))
        .collect();
    frame.render_widget(Paragraph::new(text), area);
}

/// The hint after a save: the older proposal the new one looks like,
/// the words they share, and the two keys that answer it.
fn similar(frame: &mut Frame, cx: &Cx, doc: &Doc, s: &Similar, block: Rect, area: Rect) {
    let t = &cx.theme;
    let lang = cx.lang;
    let title = format!(
        " ≈ {} ",
        lang.tf("capture.similar_title", &[("like", &s.like)])
    );
    frame.render_widget(
        titled(Span::styled(title, t.accent()), true, &cx.theme),
        block,
    );
    let w = area.width.saturating_sub(2) as usize;
    let like = doc.w.proposal(s.like).map_or("", |p| p.text.as_str());
    let key = |cmd| cx.key_for(cmd).unwrap_or_default();
    let keys = lang.tf(
        "capture.similar_keys",
        &[
            ("merge", &key(Command::MergeSimilar)),
            ("keep", &key(Command::KeepBoth)),
            ("id", &s.new),
            ("like", &s.like),
        ],
    );
    let words = lang.tf("capture.similar_words", &[("words", &s.shared.join(", "))]);
    let head = lang.tf("capture.similar_body", &[("id", &s.new), ("like", &s.like)]);
    // The keys, the older text (a line at least) and the words always;
    // the sentence above them when there is room.
    let rows = area.height as usize;
    let with_head = rows >= 5;
    let room = rows.saturating_sub(2 + usize::from(with_head)).max(1);
    let mut quoted = wrap(&format!("« {} »", one_line(like)), w);
    if quoted.len() > room {
        quoted.truncate(room);
        if let Some(last) = quoted.last_mut() {
            *last = truncate(&format!("{last} …"), w);
        }
    }
    let line = |text: String, style| Line::from(Span::styled(format!(" {text}"), style));
    let mut lines = Vec::new();
    if with_head {
        lines.push(line(head, t.text()));
    }
    lines.extend(quoted.into_iter().map(|l| line(l, t.text())));
    lines.push(line(truncate(&words, w), t.dim()));
    lines.push(line(keys, t.key()));
    frame.render_widget(Paragraph::new(lines), area);
}

/// The heading of a proposal shown in full: number, axes (primary, then
/// "and" the secondary ones), author, time of capture.
/// ` Proposition n° 12 [2 Emploi] · CAF · 14/03/2024 09:42 `, fitted to
/// `max` columns: the date goes first, then the author is shortened with
/// "…", so nothing is cut mid-word without saying so.
pub fn detail_title(cx: &Cx, doc: &Doc, p: &Proposal, max: usize) -> Vec<Span<'static>> {
    let t = &cx.theme;
    let mut title = vec![Span::raw(format!(
        " {} ",
        cx.lang.tf("capture.proposal_n", &[("id", &p.id)])
    ))];
    if p.axes.is_empty() {
        title.push(Span::styled(format!("{} ", cx.t("tag.untagged")), t.warn()));
    }
    for (i, k) in p.axes.iter().enumerate() {
        if i == 1 {
            title.push(Span::raw(format!("{} ", cx.t("tag.secondary"))));
        }
        title.push(badge(&doc.w, *k, false, t));
        title.push(Span::raw(" "));
    }
    let used = |spans: &[Span]| spans.iter().map(|s| width(&s.content)).sum::<usize>();
    let date = p.created.map(|at| format!("· {} ", at.short()));
    let author = (!p.author.is_empty()).then(|| format!("· {} ", p.author));
    let tail = [author.clone(), date]
        .into_iter()
        .flatten()
        .collect::<String>();
    if used(&title) + width(&tail) <= max {
        title.push(Span::raw(tail));
    } else if let Some(author) = author {
        let room = max.saturating_sub(used(&title) + 1);
        if room > 4 {
            title.push(Span::raw(format!("{} ", truncate(author.trim_end(), room))));
        }
    }
    title
}

fn input(frame: &mut Frame, st: &CaptureState, cx: &Cx, doc: &Doc, a: &layout::CaptureAreas) {
    let t = &cx.theme;
    let c = st;
    let typing = matches!(c.focus, Focus::Text | Focus::Author);
    let title = match c.editing {
        Some(id) => cx.lang.tf("capture.editing", &[("id", &id)]),
        None => cx.lang.tf("capture.new", &[("id", &doc.w.next().proposal)]),
    };
    let block = ratatui::widgets::Block::bordered()
        .border_style(t.border(typing))
        .title(format!(" {title} "))
        .title_style(if typing { t.title() } else { t.dim() });
    frame.render_widget(block, a.input_block);
    if c.focus == Focus::Text {
        frame.render_widget(c.text.area(), a.input_text);
    } else if c.text.is_blank() {
        let hint = Span::styled(cx.t("capture.placeholder"), t.dim());
        frame.render_widget(Paragraph::new(hint), a.input_text);
    } else {
        let lines: Vec<Line> = wrap(&c.text.text(), a.input_text.width as usize)
            .into_iter()
            .map(Line::from)
            .collect();
        frame.render_widget(Paragraph::new(lines), a.input_text);
    }
    // Author and axis for the next proposal.
    let m = a.input_meta;
    let label = format!("{} ", cx.t("capture.author"));
    let lw = width(&label) as u16;
    frame.render_widget(
        Paragraph::new(Span::styled(label, t.dim())),
        Rect::new(m.x, m.y, lw.min(m.width), 1),
    );
    let axis_part = axis_label(st, cx, doc);
    let aw = axis_part.iter().map(|s| width(&s.content)).sum::<usize>() as u16;
    let field_w = m.width.saturating_sub(lw + aw + 1).min(40);
    let field = Rect::new(m.x + lw, m.y, field_w, 1);
    if c.focus == Focus::Author {
        frame.render_widget(c.author.area(), field);
    } else {
        let text = if c.author.is_blank() {
            cx.t("capture.no_author").to_string()
        } else {
            c.author.text()
        };
        let style = if c.author.is_blank() {
            t.dim()
        } else {
            t.text()
        };
        frame.render_widget(
            Paragraph::new(Span::styled(truncate(&text, field_w as usize), style)),
            field,
        );
    }
    let ax = Rect::new(m.x + m.width.saturating_sub(aw), m.y, aw.min(m.width), 1);
    frame.render_widget(Paragraph::new(Line::from(axis_part)), ax);
}

fn axis_label(st: &CaptureState, cx: &Cx, doc: &Doc) -> Vec<Span<'static>> {
    let t = &cx.theme;
    let mut spans = vec![Span::styled(format!("{} ", cx.t("capture.axis")), t.dim())];
    match st.axes.first() {
        Some(k) => spans.push(badge(&doc.w, *k, false, t)),
        None => spans.push(Span::styled(cx.t("capture.no_axis"), t.dim())),
    }
    spans.push(Span::styled(
        format!(" {}", cx.t("capture.axis_hint")),
        t.dim(),
    ));
    spans
}

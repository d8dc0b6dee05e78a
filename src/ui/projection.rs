//! Projection mode: what the room reads from the back. No keys, no ids
//! where useless, large headings (tui-big-text), generous spacing, the
//! timer in large digits, and the agenda along the bottom. The booth is the
//! one exception: the voter at the keyboard must see their ballot.

use super::theme::Theme;
use super::widgets::{majority_word, merit_bar, one_line, truncate, width, wrap};
use crate::app::doc::Doc;
use crate::app::screens::capture::Focus;
use crate::app::screens::vote::View as VoteView;
use crate::app::{App, Level, Screen};
use crate::domain::tally::{RankLine, Standing, ranking};
use crate::domain::{Mode, Phase, Proposal, Public, Workshop};
use crate::i18n::{percent, percent_whole, tn};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_big_text::{BigText, PixelSize};

/// Big-text sizes, largest first: (size, columns and rows per character).
const SIZES: [(PixelSize, u16, u16); 4] = [
    (PixelSize::Full, 8, 8),
    (PixelSize::HalfHeight, 8, 4),
    (PixelSize::Quadrant, 4, 4),
    (PixelSize::Sextant, 4, 3),
];

/// The largest big-text size that fits `text` in `cols` × `rows`: the size,
/// the wrapped lines and the rows they take.
fn big_fit(cols: u16, rows: u16, text: &str) -> Option<(PixelSize, Vec<String>, u16)> {
    SIZES.into_iter().find_map(|(size, cw, rh)| {
        let per_line = (cols / cw) as usize;
        if per_line == 0 {
            return None;
        }
        let lines = wrap(text, per_line);
        let used = lines.len() as u16 * rh;
        (used <= rows && lines.iter().all(|l| width(l) <= per_line)).then_some((size, lines, used))
    })
}

/// Draws `text` as large as fits `area`, wrapped on words if needed; plain
/// bold text when even the smallest size does not fit. Returns the rows used.
pub fn big(frame: &mut Frame, area: Rect, text: &str, style: Style, align: Alignment) -> u16 {
    if let Some((size, lines, rows)) = big_fit(area.width, area.height, text) {
        {
            let big = BigText::builder()
                .pixel_size(size)
                .style(style)
                .alignment(align)
                .lines(lines.into_iter().map(Line::from).collect::<Vec<_>>())
                .build();
            frame.render_widget(big, Rect::new(area.x, area.y, area.width, rows));
            return rows;
        }
    }
    let lines: Vec<Line> = wrap(text, area.width as usize)
        .into_iter()
        .take(area.height as usize)
        .map(|l| Line::from(Span::styled(l, style.add_modifier(Modifier::BOLD))))
        .collect();
    let rows = lines.len() as u16;
    frame.render_widget(Paragraph::new(lines).alignment(align), area);
    rows
}

fn phase_name(app: &App, p: Phase) -> &'static str {
    app.t(&format!("phase.{}", p.key()))
}

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let t = &app.theme;
    let Some(doc) = &app.doc else {
        big(frame, area, "atelier", t.title(), Alignment::Center);
        return;
    };
    let phase = match app.screen() {
        Screen::Phase(p) => p,
        Screen::Home => Phase::Setup,
    };
    // The booth is the voter's, not the room's: shown as it is, with a
    // reminder for the facilitator along the bottom.
    if phase == Phase::Vote
        && matches!(
            app.screens.vote.view,
            VoteView::Picker { .. } | VoteView::Ballot(_) | VoteView::Thanks { .. }
        )
    {
        let body = Rect::new(area.x, area.y, area.width, area.height.saturating_sub(1));
        super::vote::draw(
            frame,
            &app.screens.vote,
            doc,
            &app.phones,
            &app.view_cx(),
            body,
        );
        let hint = Span::styled(format!(" {}", app.t("projection.booth")), t.warn());
        frame.render_widget(
            Paragraph::new(hint),
            Rect::new(area.x, area.bottom().saturating_sub(1), area.width, 1),
        );
        return;
    }
    let pad = if area.width >= 100 { 4 } else { 1 };
    let inner = Rect::new(
        area.x + pad,
        area.y,
        area.width.saturating_sub(pad * 2),
        area.height,
    );
    let head_h = if area.height >= 50 {
        8
    } else if area.height >= 20 {
        4
    } else {
        3
    };
    let timer_w = if doc.timer.is_used() {
        inner.width / 3
    } else {
        0
    };
    let head = Rect::new(
        inner.x,
        inner.y,
        inner.width - timer_w,
        head_h.min(inner.height),
    );
    let heading = if phase == Phase::Setup {
        doc.w.details().title.clone()
    } else {
        phase_name(app, phase).to_string()
    };
    if phase == Phase::Setup {
        let title_w = inner.width - timer_w;
        welcome_screen(frame, app, doc, inner, (title_w, head_h), &heading);
    } else {
        phase_screen(frame, app, doc, phase, (inner, head), &heading);
    }
    if timer_w > 0 {
        timer(
            frame,
            app,
            doc,
            Rect::new(
                inner.right() - timer_w,
                inner.y,
                timer_w,
                head_h.min(inner.height),
            ),
        );
    }
    // Errors still show (a save that fails); the rest is the facilitator's.
    if let Some(m) = app.message.as_ref().filter(|m| m.level == Level::Error) {
        let text = truncate(&one_line(&m.text), inner.width as usize);
        frame.render_widget(
            Paragraph::new(Span::styled(text, t.error())),
            Rect::new(inner.x, area.bottom().saturating_sub(2), inner.width, 1),
        );
    }
    agenda(
        frame,
        app,
        doc,
        phase,
        Rect::new(area.x, area.bottom().saturating_sub(1), area.width, 1),
    );
}

/// The welcome screen: the title takes up to half the screen, less when
/// the axes would not fit under it; they go closer first.
fn welcome_screen(
    frame: &mut Frame,
    app: &App,
    doc: &Doc,
    inner: Rect,
    (title_w, head_h): (u16, u16),
    heading: &str,
) {
    let t = &app.theme;
    // The welcome screen: the title takes up to half the screen, less
    // when the axes would not fit under it; they go closer first.
    let cols = inner.width as usize;
    let title_h = |lines: &[Line]| {
        let free = inner.height.saturating_sub(lines.len() as u16 + 3);
        free.clamp(head_h.min(inner.height), (inner.height / 2).max(head_h))
    };
    let spaced = welcome(app, doc, cols, true);
    let lines = if big_fit(title_w, title_h(&spaced), heading).is_some() {
        spaced
    } else {
        welcome(app, doc, cols, false)
    };
    let title_h = title_h(&lines);
    let title_area = Rect::new(inner.x, inner.y, title_w, title_h);
    let used = big(frame, title_area, heading, t.title(), Alignment::Left);
    let rest = Rect::new(
        inner.x,
        inner.y + used + 1,
        inner.width,
        inner.height.saturating_sub(used + 3),
    );
    frame.render_widget(Paragraph::new(lines), rest);
}

/// A phase's screen: its name large, the question, then what the phase
/// shows the room.
fn phase_screen(
    frame: &mut Frame,
    app: &App,
    doc: &Doc,
    phase: Phase,
    (inner, head): (Rect, Rect),
    heading: &str,
) {
    let t = &app.theme;
    big(frame, head, heading, t.title(), Alignment::Left);
    let question = &doc.w.details().question;
    let mut y = inner.y + head.height + 1;
    if !question.is_empty() && phase != Phase::Sheets {
        for l in wrap(question, inner.width as usize).into_iter().take(2) {
            frame.render_widget(
                Paragraph::new(Span::styled(l, t.accent())),
                Rect::new(inner.x, y, inner.width, 1),
            );
            y += 1;
        }
        y += 1;
    }
    let body = Rect::new(
        inner.x,
        y,
        inner.width,
        inner.bottom().saturating_sub(y + 2),
    );
    match phase {
        Phase::Capture if app.screens.capture.focus_view => focus(frame, app, doc, body),
        Phase::Capture => capture(frame, app, doc, body),
        Phase::Tag => tag(frame, app, doc, body),
        Phase::Vote | Phase::Results => vote(frame, app, doc, body),
        Phase::Sheets => closing(frame, app, doc, body),
        Phase::Setup => {}
    }
}

fn timer(frame: &mut Frame, app: &App, doc: &Doc, area: Rect) {
    let t = &app.theme;
    let left = doc.timer.remaining(app.instant());
    let style = if left <= 0 {
        t.error()
    } else if left <= crate::app::timer::WARNING.as_secs() as i64 {
        t.warn()
    } else if doc.timer.is_running() {
        t.ok()
    } else {
        t.dim()
    };
    big(
        frame,
        area,
        &crate::app::timer::clock(left),
        style,
        Alignment::Right,
    );
}

/// The phases along the bottom, the current one highlighted, with the time
/// planned and the time spent.
fn agenda(frame: &mut Frame, app: &App, doc: &Doc, shown: Phase, area: Rect) {
    let t = &app.theme;
    let now = app.instant();
    let current = if doc.timer.is_used() {
        doc.timer.phase
    } else {
        shown
    };
    let narrow = area.width < 120;
    let mut spans = vec![Span::raw(" ")];
    for (i, p) in Phase::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" │ ", t.dim()));
        }
        let name = app.t(&format!(
            "{}.{}",
            if narrow { "phase_short" } else { "phase" },
            p.key()
        ));
        let planned = doc.planned(*p).as_secs() / 60;
        let spent = doc.timer.spent(*p, now).as_secs();
        let text = if spent > 0 || (*p == current && doc.timer.is_used()) {
            format!(
                "{name} {} / {planned}′",
                crate::app::timer::clock(spent as i64)
            )
        } else {
            format!("{name} {planned}′")
        };
        let style = if *p == current {
            t.tab_active()
        } else {
            t.dim()
        };
        spans.push(Span::styled(text, style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The welcome screen's lines under the title; `spaced` puts a blank line
/// between axes.
fn welcome<'a>(app: &App, doc: &Doc, cols: usize, spaced: bool) -> Vec<Line<'a>> {
    let t = &app.theme;
    let d = &doc.w.details();
    let mut lines = Vec::new();
    let mut place = vec![d.territory.clone()];
    if let Some(date) = d.date {
        place.push(date.0.format("%d/%m/%Y").to_string());
    }
    place.push(d.place.clone());
    let place: Vec<String> = place.into_iter().filter(|s| !s.is_empty()).collect();
    lines.push(Line::from(Span::styled(place.join(" · "), t.accent())));
    if !d.facilitator.is_empty() {
        lines.push(Line::from(Span::styled(
            app.lang
                .tf("projection.facilitator", &[("name", &d.facilitator)]),
            t.dim(),
        )));
    }
    lines.push(Line::from(""));
    if !d.question.is_empty() {
        for l in wrap(&d.question, cols) {
            lines.push(Line::from(Span::styled(
                l,
                t.text().add_modifier(Modifier::BOLD),
            )));
        }
        lines.push(Line::from(""));
    }
    for a in doc.w.axes() {
        lines.push(Line::from(vec![
            Span::styled(format!(" {} {} ", a.key, a.short), t.badge(a.color)),
            Span::raw("  "),
            Span::styled(
                truncate(&a.title, cols.saturating_sub(width(&a.short) + 8)),
                t.text(),
            ),
        ]));
        if spaced {
            lines.push(Line::from(""));
        }
    }
    lines
}

/// A proposal's axis badges, then who said it.
fn axes_and_author<'a>(w: &Workshop, p: &Proposal, t: &Theme) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    for k in &p.axes {
        spans.push(super::widgets::badge(w, *k, false, t));
        spans.push(Span::raw(" "));
    }
    if !p.author.is_empty() {
        let sep = if p.axes.is_empty() { "— " } else { " — " };
        spans.push(Span::styled(format!("{sep}{}", p.author), t.dim()));
    }
    spans
}

/// A proposal as the room reads it: its axes marked by number and colour,
/// its text in full, wrapped; the author after it.
fn entry<'a>(
    app: &App,
    w: &Workshop,
    p: &Proposal,
    width_cols: usize,
    highlight: bool,
) -> Vec<Line<'a>> {
    let t = &app.theme;
    let mut head = vec![Span::styled(
        format!("n° {}  ", p.id),
        if highlight { t.title() } else { t.dim() },
    )];
    head.extend(axes_and_author(w, p, t));
    let mut lines = vec![Line::from(head)];
    let style = if highlight {
        t.text().add_modifier(Modifier::BOLD)
    } else {
        t.text()
    };
    let mark = if highlight { "▌ " } else { "  " };
    for l in wrap(&p.text, width_cols.saturating_sub(2)) {
        lines.push(Line::from(vec![
            Span::styled(mark, t.accent()),
            Span::styled(l, style),
        ]));
    }
    lines
}

/// The newest proposals, bottom up, newest highlighted; what is being
/// typed shows underneath so the room sees it appear.
fn capture(frame: &mut Frame, app: &App, doc: &Doc, area: Rect) {
    let t = &app.theme;
    // While phones take part: how to join, at the right; what waits.
    let area = match app.phones.url(&doc.w) {
        Some(_) if area.width >= 90 => {
            let side = Rect::new(area.right().saturating_sub(38), area.y, 38, area.height);
            let mut lines = super::qr::join_lines(&app.phones, doc, &app.view_cx(), side);
            let waiting = crate::domain::moderation::pending(&doc.w);
            if waiting > 0 {
                lines.push(Line::from(Span::styled(
                    format!(" {}", app.lang.tf("received.waiting", &[("n", &waiting)])),
                    t.warn(),
                )));
            }
            frame.render_widget(Paragraph::new(lines), side);
            Rect::new(area.x, area.y, area.width.saturating_sub(40), area.height)
        }
        _ => area,
    };
    let typing = !app.screens.capture.text.is_blank() && app.screens.capture.focus != Focus::List;
    let list_h = area.height.saturating_sub(if typing { 2 } else { 0 });
    let mut blocks: Vec<Vec<Line>> = Vec::new();
    let mut used = 0u16;
    let newest = app.screens.capture.rows.last().copied();
    for i in app.screens.capture.rows.iter().rev() {
        let p = &doc.w.proposals()[*i];
        let block = entry(app, &doc.w, p, area.width as usize, Some(*i) == newest);
        let h = block.len() as u16 + 1;
        if used + h > list_h && !blocks.is_empty() {
            break;
        }
        used += h;
        blocks.push(block);
    }
    if blocks.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(app.t("capture.empty"), t.dim())),
            area,
        );
    }
    let mut lines = Vec::new();
    for block in blocks.into_iter().rev() {
        lines.extend(block);
        lines.push(Line::from(""));
    }
    let skip = lines.len().saturating_sub(list_h as usize);
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()),
        Rect::new(area.x, area.y, area.width, list_h),
    );
    if typing {
        let text = truncate(
            &one_line(&app.screens.capture.text.text()),
            area.width.saturating_sub(4) as usize,
        );
        let y = area.bottom().saturating_sub(1);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("✎ ", t.accent()),
                Span::styled(text, t.text()),
            ])),
            Rect::new(area.x, y, area.width, 1),
        );
    }
}

/// One proposal, large, for discussing it.
fn focus(frame: &mut Frame, app: &App, doc: &Doc, area: Rect) {
    let t = &app.theme;
    let Some(p) = app
        .screens
        .capture
        .selected_id(&doc.w)
        .and_then(|id| doc.w.proposal(id))
    else {
        return;
    };
    let number_h = big(
        frame,
        Rect::new(area.x, area.y, area.width / 2, 4.min(area.height)),
        &format!("n°{}", p.id),
        t.accent(),
        Alignment::Left,
    );
    let mut lines = vec![Line::from(""), Line::from(axes_and_author(&doc.w, p, t))];
    lines.push(Line::from(""));
    let cols = (area.width as usize * 4 / 5).max(20);
    for l in wrap(&p.text, cols) {
        lines.push(Line::from(Span::styled(
            l,
            t.text().add_modifier(Modifier::BOLD),
        )));
        // Spacing between lines reads better from afar, room permitting.
        if area.height > 30 {
            lines.push(Line::from(""));
        }
    }
    for o in doc.w.merged_into(p.id) {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            format!("↳ n° {} — {}", o.id, one_line(&o.text)),
            t.dim(),
        )));
    }
    let y = area.y + number_h;
    frame.render_widget(
        Paragraph::new(lines),
        Rect::new(area.x, y, area.width, area.height.saturating_sub(number_h)),
    );
}

/// Each axis with its count and its proposals, spaced.
fn tag(frame: &mut Frame, app: &App, doc: &Doc, area: Rect) {
    let t = &app.theme;
    let mut lines = Vec::new();
    let d = &doc.derived;
    for (g, members) in doc
        .w
        .group_by_axis(doc.w.live_proposals(), |p| p.primary_axis())
    {
        let (label, style) = match g.and_then(|k| doc.w.axis(k)) {
            Some(a) => (
                format!(
                    " {} {} — {} ",
                    a.key,
                    a.short,
                    tn(app.lang, "n.proposals", members.len())
                ),
                t.badge(a.color),
            ),
            None => (
                format!(" {} — {} ", app.t("tag.untagged"), d.untagged),
                t.warn(),
            ),
        };
        lines.push(Line::from(Span::styled(label, style)));
        for p in members {
            lines.push(Line::from(Span::styled(
                format!(
                    "   {}",
                    truncate(&one_line(&p.text), (area.width as usize).saturating_sub(4))
                ),
                t.text(),
            )));
        }
        lines.push(Line::from(""));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// Voting and results: participation only until the reveal; then the
/// ranking with bars, the cut line, and the winners in bold.
/// A round's name at the top of `area`; the rest, below a blank line.
fn round_title(frame: &mut Frame, app: &App, name: &str, area: Rect) -> Rect {
    frame.render_widget(
        Paragraph::new(Span::styled(name.to_string(), app.theme.accent())),
        Rect::new(area.x, area.y, area.width, 1),
    );
    Rect::new(
        area.x,
        area.y + 2,
        area.width,
        area.height.saturating_sub(2),
    )
}

/// The wall while phones vote: the QR code, the address and the join code
/// as large as fits, and how many have voted (never for what).
fn phones(frame: &mut Frame, app: &App, doc: &Doc, area: Rect) -> bool {
    let (t, lang) = (&app.theme, app.lang);
    let (Some(url), Some(r)) = (app.phones.url(&doc.w), app.phones.round_in(&doc.w)) else {
        return false;
    };
    let body = round_title(frame, app, &r.name, area);
    let qr = crate::ui::qr::lines(&url)
        .filter(|(q, w)| *w + 2 <= body.width && q.len() as u16 <= body.height);
    let right = match &qr {
        Some((q, w)) => {
            let qr_area = Rect::new(body.x, body.y, *w, q.len() as u16);
            frame.render_widget(Paragraph::new(q.clone()), qr_area);
            Rect::new(
                body.x + w + 2,
                body.y,
                body.width.saturating_sub(w + 2),
                body.height,
            )
        }
        None => body,
    };
    let mut y = right.y;
    let line = |text: String, style| Paragraph::new(Span::styled(text, style));
    frame.render_widget(
        line(app.t("phones.scan").to_string(), t.dim()),
        Rect::new(right.x, y, right.width, 1),
    );
    y += 1;
    frame.render_widget(
        line(url.clone(), t.title()),
        Rect::new(right.x, y, right.width, 1),
    );
    y += 2;
    if let Some(code) = doc.w.join() {
        let room = Rect::new(
            right.x,
            y,
            right.width,
            right.height.saturating_sub(y - right.y + 3),
        );
        y += big(frame, room, code, t.title(), Alignment::Left) + 1;
    }
    let stats = format!(
        "{} · {}",
        lang.tf("phones.joined", &[("n", &app.phones.joined.len())]),
        lang.tf(
            "phones.ballots",
            &[("n", &crate::app::phones::Phones::ballots(r))]
        )
    );
    if y < right.y + right.height {
        frame.render_widget(
            line(stats, t.accent()),
            Rect::new(right.x, y, right.width, 1),
        );
    }
    true
}

fn vote(frame: &mut Frame, app: &App, doc: &Doc, area: Rect) {
    let t = &app.theme;
    if app.screen() == Screen::Phase(Phase::Vote)
        && super::vote::phones_shown(&app.phones, doc)
        && phones(frame, app, doc, area)
    {
        return;
    }
    let round = match app.screen() {
        Screen::Phase(Phase::Results) => doc.current_round().and_then(|id| doc.w.round(id)),
        _ => app.screens.vote.selected(&doc.w),
    };
    let Some(r) = round else {
        frame.render_widget(
            Paragraph::new(Span::styled(app.t("vote.none_yet"), t.dim())),
            area,
        );
        return;
    };
    let Some(public) = doc.public(r.id) else {
        return;
    };
    let wanted = app.screen() == Screen::Phase(Phase::Results)
        && app.screens.results.consensus
        && r.mode == Mode::Ballots
        && r.revealed;
    let name = if wanted {
        format!("{} — {}", r.name, app.t("results.consensus"))
    } else {
        r.name.clone()
    };
    let body = round_title(frame, app, &name, area);
    match &public {
        Public::Revealed(shown) => {
            // On request (the results screen's consensus view), the support
            // across collèges: a bar of the score, each collège's share below.
            let consensus = shown.consensus().filter(|_| wanted);
            let lines = ranking_lines(app, doc, r, shown, consensus.as_ref(), body);
            frame.render_widget(Paragraph::new(lines), body);
        }
        Public::Hidden(participation) => hidden_round(frame, app, participation, body),
    }
}

/// A revealed round's ranking on the wall: rank, bar, dots (or consensus
/// score), text; the cut line and a tie between.
fn ranking_lines(
    app: &App,
    doc: &Doc,
    r: &crate::domain::Round,
    shown: &crate::domain::Revealed,
    consensus: Option<&crate::domain::consensus::Consensus>,
    body: Rect,
) -> Vec<Line<'static>> {
    let t = &app.theme;
    let (tally, outcome) = (&*shown.tally, &shown.outcome);
    let max = match consensus {
        Some(c) => c.rows.iter().filter_map(|r| r.score).max().unwrap_or(0) as u32,
        None => tally.rows.first().map_or(0, |x| x.dots),
    }
    .max(1);
    let bar_w = (body.width as usize / 3).clamp(8, 60);
    let spaced = body.height as usize >= tally.rows.len().min(r.winners as usize + 3) * 2;
    let mut lines = Vec::new();
    for line in ranking(tally, outcome) {
        let (i, standing) = match line {
            RankLine::Cut => {
                let label = super::results::cut_label(&app.view_cx(), doc, r, outcome);
                lines.push(Line::from(Span::styled(
                    truncate(&format!("┄┄ {label} ┄┄"), body.width as usize),
                    t.warn(),
                )));
                continue;
            }
            RankLine::TieEnd => {
                lines.push(Line::from(Span::styled(
                    format!("┄┄ {} ┄┄", app.t("results.tie_end")),
                    t.warn(),
                )));
                continue;
            }
            RankLine::Row(i, standing) => (i, standing),
        };
        let row = &tally.rows[i];
        let winner = standing == Standing::Kept;
        let support = consensus.and_then(|c| c.row(row.proposal));
        let (bar, figure) = bar_and_figure(app, row, support, max, bar_w);
        let lead = 5 + bar_w + width(&figure);
        // What is left for the text, a column spare at the end.
        let text_w = (body.width as usize).saturating_sub(lead + 2);
        let text = doc
            .w
            .proposal(row.proposal)
            .map(|p| one_line(&p.text))
            .unwrap_or_default();
        let style = if winner {
            t.text().add_modifier(Modifier::BOLD)
        } else {
            t.dim()
        };
        // Room permitting, the text gets a second line rather than being cut.
        // The second line holds the support across collèges when shown.
        let (first, second) = match support {
            Some(s) => (
                truncate(&text, text_w),
                truncate(&support_line(app, s), text_w),
            ),
            None => two_lines(&text, text_w, spaced),
        };
        let tied = standing == Standing::Tied;
        let ex_aequo = outcome.ex_aequo.contains(&row.proposal);
        let mut spans = vec![Span::styled(
            format!("{:>3}{} ", row.rank, if ex_aequo { "=" } else { " " }),
            if tied { t.warn() } else { t.dim() },
        )];
        spans.extend(bar);
        spans.push(Span::styled(figure, t.title()));
        spans.push(Span::styled(first, style));
        lines.push(Line::from(spans));
        if spaced {
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(lead)),
                Span::styled(second, style),
            ]));
        }
        if lines.len() >= body.height as usize {
            break;
        }
    }
    lines
}

/// A ranked row's bar and its figure: the dots (or the consensus score)
/// as a bar of `bar_w` cells against `max`, or in a judgment round the
/// grades as one stacked bar and the majority grade in words.
fn bar_and_figure(
    app: &App,
    row: &crate::domain::tally::TallyRow,
    support: Option<&crate::domain::consensus::ConsensusRow>,
    max: u32,
    bar_w: usize,
) -> (Vec<Span<'static>>, String) {
    let t = &app.theme;
    if let Some(m) = &row.merit {
        return (
            merit_bar(t, m, bar_w),
            format!(" {}  ", majority_word(app.lang, m)),
        );
    }
    let (value, number) = match support {
        Some(s) => (
            s.score.unwrap_or(0),
            s.score
                .map_or_else(|| "—".into(), |v| percent_whole(app.lang, v)),
        ),
        None => (u64::from(row.dots), row.dots.to_string()),
    };
    let filled = (value as usize * bar_w).div_ceil(max as usize).min(bar_w);
    (
        vec![Span::styled(
            format!("{}{}", "█".repeat(filled), " ".repeat(bar_w - filled)),
            t.accent(),
        )],
        format!(" {number:>4}  "),
    )
}

/// A proposal's support on the wall: each collège's share (in brackets
/// when too few to count), and the flag when one collège carries it.
fn support_line(app: &App, s: &crate::domain::consensus::ConsensusRow) -> String {
    let parts: Vec<String> = s
        .support
        .iter()
        .map(|g| {
            let name = app.t(crate::domain::consensus::short_key(g.group));
            let text = format!("{name} {}", percent_whole(app.lang, g.permille()));
            if g.scored() {
                text
            } else {
                format!("({text})")
            }
        })
        .collect();
    let mut line = parts.join(" · ");
    if s.carried_by.is_some() {
        line.push_str(&format!("  ⚑ {}", app.t("results.consensus_carried_short")));
    }
    line
}

/// A round not revealed yet: how many voted, never what.
fn hidden_round(
    frame: &mut Frame,
    app: &App,
    participation: &crate::domain::Participation,
    body: Rect,
) {
    let t = &app.theme;
    let count = tn(app.lang, "n.ballots", participation.ballots);
    let used = big(frame, body, &count, t.title(), Alignment::Center);
    let dots = crate::i18n::describe::participation(app.lang, participation);
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(""),
            Line::from(Span::styled(dots, t.accent())),
            Line::from(""),
            Line::from(Span::styled(app.t("results.hidden"), t.dim())),
        ])
        .alignment(Alignment::Center),
        Rect::new(
            body.x,
            body.y + used,
            body.width,
            body.height.saturating_sub(used),
        ),
    );
}

/// `text` on one line of `width` columns, or on two when `two` allows,
/// the rest cut with an ellipsis.
fn two_lines(text: &str, width: usize, two: bool) -> (String, String) {
    if !two {
        return (truncate(text, width), String::new());
    }
    let mut lines = wrap(text, width).into_iter();
    let first = lines.next().unwrap_or_default();
    let rest: Vec<String> = lines.collect();
    (first, truncate(&rest.join(" "), width))
}

/// What the wall says under a fiche: its page while its group writes
/// (the code, how far, who writes), its budget and the State's share, its
/// pilot.
fn sheet_info(
    lang: crate::i18n::Lang,
    s: &crate::domain::Sheet,
    b: &crate::domain::sheet::BudgetSummary,
) -> Vec<String> {
    let mut info = Vec::new();
    // Its page while its group writes: the code, how far, who writes.
    if let Some(d) = s.drafting.as_ref().filter(|d| !d.closed && !d.hidden) {
        let p = crate::domain::writing::progress(s);
        let mut said = lang.tf(
            "projection.drafting",
            &[("code", &d.code), ("done", &p.done), ("all", &p.all())],
        );
        if let Some(w) = crate::domain::writing::last_writer(s) {
            said = format!("{said} · ✎ {}", w.by);
        }
        info.push(said);
    }
    // The budget and the State's share first: what this screen is for.
    if let Some(p) = b.state_permille() {
        info.push(lang.tf(
            "projection.budget",
            &[
                ("total", &crate::i18n::euros(lang, b.total)),
                ("share", &percent(lang, p)),
            ],
        ));
    }
    if !s.pilote.institution.is_empty() {
        info.push(lang.tf("projection.pilot", &[("name", &s.pilote.institution)]));
    }
    info
}

/// While its group writes, the QR code of the fiche selected in the
/// terminal, on the right where the screen is wide enough for the list
/// beside it: the facilitator calls each group up in turn. The area left.
fn selected_fiche_qr(frame: &mut Frame, app: &App, doc: &Doc, area: Rect) -> Rect {
    let Some(sheet) = doc.w.sheets().get(app.screens.sheets.list.selected) else {
        return area;
    };
    let side = Rect::new(
        area.x,
        area.y,
        area.width.saturating_sub(60).min(44),
        area.height,
    );
    let qr = crate::ui::qr::fiche_lines(&app.phones, sheet, &app.view_cx(), side);
    let Some(w) = qr.iter().map(|l| l.width() as u16).max() else {
        return area;
    };
    let at = Rect::new(area.right() - w, area.y, w, qr.len() as u16);
    frame.render_widget(Paragraph::new(qr), at);
    Rect::new(area.x, area.y, area.width - w - 2, area.height)
}

/// The closing screen: what the room decided (the winners of the last
/// revealed round) and the action sheets drafted from them.
fn closing(frame: &mut Frame, app: &App, doc: &Doc, area: Rect) {
    let t = &app.theme;
    let lang = app.lang;
    let area = selected_fiche_qr(frame, app, doc, area);
    let mut lines = Vec::new();
    // The latest revealed round that is not a runoff: its outcome holds
    // its runoffs' decisions.
    if let Some((r, shown)) = doc.w.decisive_round(|r| doc.public(r.id)) {
        lines.push(Line::from(Span::styled(
            lang.tf("projection.decisions", &[("name", &r.name)]),
            t.accent(),
        )));
        let (tally, outcome) = (&shown.tally, &shown.outcome);
        let kept = outcome
            .kept
            .iter()
            .filter_map(|id| tally.rows.iter().find(|row| row.proposal == *id));
        for row in kept {
            let text = doc
                .w
                .proposal(row.proposal)
                .map(|p| one_line(&p.text))
                .unwrap_or_default();
            let dots = format!("  {}", tn(lang, "n.dots", row.dots as usize));
            let room = (area.width as usize).saturating_sub(5 + width(&dots));
            lines.push(Line::from(vec![
                Span::styled(format!("{:>3}. ", row.rank), t.dim()),
                Span::styled(truncate(&text, room), t.text().add_modifier(Modifier::BOLD)),
                Span::styled(dots, t.dim()),
            ]));
        }
        lines.push(Line::from(""));
    }
    lines.push(Line::from(Span::styled(
        tn(lang, "n.sheets", doc.w.sheets().len()),
        t.accent(),
    )));
    // The groups write their fiches: where, for the whole room to read.
    if doc.w.drafting_open()
        && let Some(a) = app.phones.address()
    {
        let at = format!("http://{a}/");
        let said = lang.tf("sheet.drafting_at", &[("url", &at)]);
        for l in wrap(&said, area.width as usize) {
            lines.push(Line::from(Span::styled(l, t.title())));
        }
    }
    for s in doc.w.sheets() {
        let mut spans = vec![Span::styled(format!("{}  ", s.id), t.title())];
        spans.push(super::widgets::sheet_badge(
            &doc.w,
            s.axis,
            false,
            t,
            app.t("sheet.to_complete"),
        ));
        spans.push(Span::styled(
            format!(
                "  {}",
                truncate(&s.title, (area.width as usize).saturating_sub(30))
            ),
            t.text(),
        ));
        lines.push(Line::from(spans));
        let b = s.budget_summary();
        let info = sheet_info(lang, s, &b);
        let room = (area.width as usize).saturating_sub(7);
        let joined = info.join(" · ");
        let info = if width(&joined) <= room {
            vec![joined]
        } else {
            info
        };
        // Above half, or without the State, the Pacte does not co-fund:
        // the room must see it.
        let style = if b.warning().is_some() {
            t.warn()
        } else {
            t.dim()
        };
        for part in info {
            lines.push(Line::from(Span::styled(
                format!("       {}", truncate(&part, room)),
                style,
            )));
        }
        lines.push(Line::from(""));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// Every axis badge on screen carries its number: checked on a drawn
/// buffer (cells in an axis colour must spell the axis key).
pub fn badges_carry_numbers(
    buffer: &ratatui::buffer::Buffer,
    w: &Workshop,
    theme: &Theme,
) -> Result<(), String> {
    let area = buffer.area;
    for a in w.axes() {
        let bg = theme.badge(a.color).bg;
        let Some(bg) = bg else { continue };
        for y in area.top()..area.bottom() {
            let mut run = String::new();
            for x in area.left()..=area.right() {
                let inside = x < area.right() && buffer[(x, y)].bg == bg;
                if inside {
                    run.push_str(buffer[(x, y)].symbol());
                } else if !run.is_empty() {
                    let text = run.trim();
                    if !text.is_empty() && !text.contains(&a.key.to_string()) {
                        return Err(format!(
                            "an axis {} badge without its number at row {y}: {text:?}",
                            a.key
                        ));
                    }
                    run.clear();
                }
            }
        }
    }
    Ok(())
}

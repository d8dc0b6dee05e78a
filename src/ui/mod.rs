//! Drawing. Views read `&App` and never change it; one module per screen,
//! plus the overlays, the theme and shared widgets.

pub mod capture;
pub mod home;
pub mod memory;
pub use crate::app::layout;
pub mod overlay;
pub mod projection;
pub mod qr;
pub mod results;
pub mod setup;
pub mod sheets;
pub mod tag;
pub use crate::app::theme;
pub mod vote;
pub mod widgets;

use crate::app::cx::Cx;
use crate::app::doc::{Doc, SaveState};
use crate::app::theme::Theme;
use crate::app::{App, Level, MIN_SIZE, Screen, keypress};
use crate::domain::Phase;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use widgets::{truncate, width};

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    frame.render_widget(Block::default().style(app.theme.base()), area);
    if app.too_small() {
        too_small(frame, app, area);
        return;
    }
    if app.projection && app.doc.is_some() {
        projection::draw(frame, app);
        if let Some(o) = &app.overlay {
            overlay::draw(frame, app, o, area);
        }
        return;
    }
    let a = layout::areas(app.size);
    header(frame, app, a.header);
    let cx = app.view_cx();
    match (app.screen(), &app.doc) {
        (Screen::Phase(phase), Some(doc)) => screen(frame, app, phase, doc, &cx, a.body),
        _ => home::draw(frame, &app.home, &cx, a.body),
    }
    status(frame, app, a.status);
    footer(frame, app, a.footer);
    if let Some(o) = &app.overlay {
        overlay::draw(frame, app, o, a.body);
    }
}

/// A phase's screen: its view, given its own state, the open workshop and
/// the context (and the phones, for the screens that show how to join).
fn screen(frame: &mut Frame, app: &App, phase: Phase, doc: &Doc, cx: &Cx, body: Rect) {
    let s = &app.screens;
    match phase {
        Phase::Capture => capture::draw(frame, &s.capture, doc, &app.phones, cx, body),
        Phase::Tag => tag::draw(frame, &s.tag, doc, cx, body),
        Phase::Setup => setup::draw(frame, &s.setup, doc, cx, body),
        Phase::Vote => vote::draw(frame, &s.vote, doc, &app.phones, cx, body),
        Phase::Results => results::draw(frame, &s.results, doc, cx, body),
        Phase::Sheets => sheets::draw(frame, &s.sheets, doc, &app.phones, cx, body),
    }
}

fn too_small(frame: &mut Frame, app: &App, area: Rect) {
    let text = app.lang.tf(
        "app.too_small",
        &[
            ("w", &area.width),
            ("h", &area.height),
            ("min_w", &MIN_SIZE.width),
            ("min_h", &MIN_SIZE.height),
        ],
    );
    let p = Paragraph::new(text)
        .style(app.theme.warn())
        .wrap(Wrap { trim: true })
        .alignment(ratatui::layout::Alignment::Center);
    // Typing goes on while the window is small: its last line shows, at
    // the bottom, so the facilitator sees the words arrive.
    let typing = typed_line(app);
    let Some(line) = typing.filter(|_| area.height >= 2) else {
        frame.render_widget(p, area);
        return;
    };
    let top = Rect::new(area.x, area.y, area.width, area.height - 1);
    frame.render_widget(p, top);
    let room = area.width.saturating_sub(3) as usize;
    let shown = widgets::tail(&line, room);
    frame.render_widget(
        Paragraph::new(Span::styled(format!("› {shown}▏"), app.theme.text())),
        Rect::new(area.x, area.y + area.height - 1, area.width, 1),
    );
}

/// The last line of the text being typed on the screen, if any.
fn typed_line(app: &App) -> Option<String> {
    use crate::app::screens::capture::Focus;
    app.doc.as_ref()?;
    let text = match (&app.overlay, app.screen()) {
        (Some(crate::app::Overlay::Form(_)), _) => return None,
        (_, Screen::Phase(Phase::Capture))
            if matches!(app.screens.capture.focus, Focus::Text | Focus::List) =>
        {
            app.screens.capture.text.text()
        }
        (_, Screen::Phase(Phase::Sheets)) => app.screens.sheets.editing.as_ref()?.text(),
        _ => return None,
    };
    Some(text.lines().last().unwrap_or_default().to_string())
}

fn header(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    frame.render_widget(Block::default().style(t.header()), area);
    let tabs = layout::tabs(app);
    let save = save_label(app);
    let save_w = width(&save.content) as u16;
    let title_end = tabs
        .first()
        .map_or(area.width.saturating_sub(save_w), |(_, _, r)| r.x);
    let title = match &app.doc {
        Some(doc) if app.screen() != Screen::Home => {
            format!(" atelier · {}", doc.w.details().title)
        }
        _ => format!(" atelier · {}", app.t("home.title")),
    };
    let title = truncate(
        &widgets::one_line(&title),
        title_end.saturating_sub(1) as usize,
    );
    frame.render_widget(
        Paragraph::new(Span::styled(
            title,
            t.header().add_modifier(ratatui::style::Modifier::BOLD),
        )),
        Rect::new(area.x, area.y, title_end, 1),
    );
    for (p, label, r) in tabs {
        let style = if app.screen() == Screen::Phase(p) {
            t.tab_active()
        } else {
            t.header()
        };
        frame.render_widget(Paragraph::new(Span::styled(label, style)), r);
    }
    let x = area.width.saturating_sub(save_w + 1);
    frame.render_widget(
        Paragraph::new(save),
        Rect::new(x, area.y, save_w.min(area.width), 1),
    );
    // The timer, when it has been started: yellow near the end, red after.
    if let Some(doc) = &app.doc
        && layout::timer_width(app) > 0
        && app.screen() != Screen::Home
    {
        let left = doc.timer.remaining(app.instant());
        let style = if left <= 0 {
            t.tab_active().fg(ratatui::style::Color::Red)
        } else if left <= crate::app::timer::WARNING.as_secs() as i64 {
            t.tab_active()
        } else {
            t.header()
        };
        let icon = if doc.timer.is_running() { "⏱" } else { "⏸" };
        let label = format!(" {icon} {} ", crate::app::timer::clock(left));
        let tx = tabs_end(app).unwrap_or(x.saturating_sub(10));
        frame.render_widget(
            Paragraph::new(Span::styled(label, style)),
            Rect::new(tx, area.y, 10.min(area.width), 1),
        );
    }
}

/// Where the phase tabs end in the header.
fn tabs_end(app: &App) -> Option<u16> {
    layout::tabs(app).last().map(|(_, _, r)| r.x + r.width)
}

fn save_label(app: &App) -> Span<'static> {
    let t = &app.theme;
    let Some(doc) = &app.doc else {
        return Span::raw("");
    };
    if app.screen() == Screen::Home {
        return Span::raw("");
    }
    let h = t.header();
    match doc.save_state() {
        SaveState::Saved => Span::styled(format!("● {}", app.t("save.saved")), h),
        SaveState::Saving => Span::styled(format!("◌ {}", app.t("save.saving")), h),
        SaveState::Failed(_) => Span::styled(format!("✖ {}", app.t("save.failed")), t.tab_active()),
        SaveState::ReadOnly => Span::styled(format!("🔒 {}", app.t("save.read_only")), h),
        SaveState::Conflict => {
            Span::styled(format!("⚠ {}", app.t("save.conflict")), t.tab_active())
        }
    }
}

/// The message of the moment, or the reason saving fails (which stays).
fn status(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let failed = app.doc.as_ref().and_then(|d| d.save_error.clone());
    let (text, style) = match (app.message_text(), failed) {
        (Some((m, Level::Error)), _) => (m.to_string(), t.error()),
        (_, Some(reason)) => (reason, t.error()),
        (Some((m, _)), None) => (m.to_string(), t.accent()),
        (None, None) => return,
    };
    let text = widgets::fit_paths(
        &widgets::one_line(&text),
        area.width.saturating_sub(1) as usize,
    );
    frame.render_widget(
        Paragraph::new(Span::styled(format!(" {text}"), style)),
        area,
    );
}

/// The keys that work here, from the keymap the lookup uses.
fn footer(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let (tables, _) = keypress::context(app);
    let entries = app.keymap.visible(&tables, true);
    let item = |chord: &crate::app::keys::keymap::Chord, desc: &str| -> Vec<Span<'static>> {
        vec![
            Span::styled(chord.label(app.lang), t.key()),
            Span::styled(format!(" {}", app.t(desc)), t.dim()),
        ]
    };
    let help = entries
        .iter()
        .find(|(_, b)| b.command == crate::app::keys::command::Command::Help);
    let help_spans = help.map(|(c, b)| item(c, &b.desc)).unwrap_or_default();
    let help_w: usize = help_spans.iter().map(|s| width(&s.content)).sum();
    let budget = (area.width as usize).saturating_sub(help_w + 2);
    let mut parts: Vec<Vec<Span<'static>>> = Vec::new();
    let mut used = 1;
    for (chord, b) in &entries {
        if b.command == crate::app::keys::command::Command::Help {
            continue;
        }
        let part = item(chord, &b.desc);
        let w: usize = part.iter().map(|s| width(&s.content)).sum::<usize>() + 3;
        if used + w > budget {
            break;
        }
        parts.push(part);
        used += w;
    }
    if !help_spans.is_empty() {
        parts.push(help_spans);
    }
    let mut spans = vec![Span::raw(" ")];
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", t.dim()));
        }
        spans.extend(part);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A block with only a top border carrying a title.
pub fn titled<'a>(title: impl Into<Line<'a>>, focused: bool, theme: &Theme) -> Block<'a> {
    // The focused part has a thick rule, not only another colour: it reads
    // on a washed-out projector, in NO_COLOR, and for the colour-blind.
    let rule = if focused {
        ratatui::widgets::BorderType::Thick
    } else {
        ratatui::widgets::BorderType::Plain
    };
    Block::default()
        .borders(ratatui::widgets::Borders::TOP)
        .border_type(rule)
        .border_style(theme.border(focused))
        .title(title)
        .title_style(if focused {
            theme.title()
        } else {
            Style::default()
        })
}

/// Renders rows `lines` (already cut to the window) with `selected` (an
/// index in the window) highlighted across the whole width.
pub fn rows(
    frame: &mut Frame,
    area: Rect,
    lines: Vec<Line<'static>>,
    selected: Option<usize>,
    theme: &Theme,
) {
    for (i, mut line) in lines.into_iter().enumerate().take(area.height as usize) {
        let r = Rect::new(area.x, area.y + i as u16, area.width, 1);
        if Some(i) == selected {
            line = line.patch_style(theme.selected());
            frame.render_widget(Block::default().style(theme.selected()), r);
        }
        frame.render_widget(Paragraph::new(line), r);
    }
}

#[cfg(test)]
pub(crate) mod tests;

//! What is drawn above a screen: help, a long text, a form, a question.

use super::widgets::{centered, fit, width, wrap};
use crate::app::form::FieldKind;
use crate::app::{App, ConfirmKind, Overlay, keypress};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

fn frame_box(frame: &mut Frame, app: &App, area: Rect, title: &str) -> Rect {
    // A blank column each side: the screen underneath never shows a cut
    // word against the border.
    let screen = frame.area();
    let x = area.x.saturating_sub(1).max(screen.x);
    let right = (area.x + area.width + 1).min(screen.x + screen.width);
    let margin = Rect::new(x, area.y, right.saturating_sub(x), area.height);
    frame.render_widget(Clear, margin);
    frame.render_widget(Block::default().style(app.theme.base()), margin);
    let block = Block::bordered()
        .border_style(app.theme.accent())
        .title(format!(" {title} "))
        .title_style(app.theme.title())
        .style(app.theme.base());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// Lines that scroll, with a hint when more follow.
fn scrolled(frame: &mut Frame, app: &App, area: Rect, lines: Vec<Line<'static>>, scroll: u16) {
    let h = area.height as usize;
    let max = lines.len().saturating_sub(h);
    let start = (scroll as usize).min(max);
    let more = lines.len() > start + h;
    let mut shown: Vec<Line> = lines.into_iter().skip(start).take(h).collect();
    if more && h > 1 {
        shown.pop();
        shown.push(Line::from(Span::styled(
            format!(" {}", app.t("app.more_below")),
            app.theme.dim(),
        )));
    }
    frame.render_widget(Paragraph::new(shown), area);
}

pub fn draw(frame: &mut Frame, app: &App, overlay: &Overlay, body: Rect) {
    match overlay {
        Overlay::Help { scroll } => help(frame, app, body, *scroll),
        Overlay::Viewer {
            title,
            text,
            scroll,
        } => viewer(frame, app, body, (title, text), *scroll),
        Overlay::Form(form) => form_box(frame, app, body, form),
        Overlay::Confirm(c) => confirm_box(frame, app, body, c),
        Overlay::Paste { lines, .. } => paste_box(frame, app, body, lines),
    }
}

/// A long text shown whole, scrolled.
fn viewer(frame: &mut Frame, app: &App, body: Rect, (title, text): (&str, &str), scroll: u16) {
    let area = centered(body, body.width.saturating_sub(4).min(100), body.height);
    let inner = frame_box(frame, app, area, title);
    let lines = wrap(text, inner.width.saturating_sub(2) as usize)
        .into_iter()
        .map(|l| Line::from(format!(" {l}")))
        .collect();
    scrolled(frame, app, inner, lines, scroll);
}

/// A small form: a label and a field per line, the one focused lit, and
/// the hint of a round's rules below.
fn form_box(frame: &mut Frame, app: &App, body: Rect, form: &crate::app::form::Form) {
    let hint = match form.purpose {
        crate::app::form::Purpose::Round(_) => app
            .doc
            .as_ref()
            .and_then(|d| crate::app::screens::vote::default_dots_hint(d, app.lang, form)),
        _ => None,
    };
    let h = form.fields.len() as u16 * 2 + 3 + u16::from(hint.is_some()) * 2;
    let area = centered(body, body.width.saturating_sub(4).min(76), h);
    let inner = frame_box(frame, app, area, app.t(form.title));
    let label_w = form
        .fields
        .iter()
        .map(|f| width(app.t(f.label)))
        .max()
        .unwrap_or(8) as u16
        + 2;
    for (i, f) in form.fields.iter().enumerate() {
        let y = inner.y + 1 + i as u16 * 2;
        if y >= inner.y + inner.height {
            break;
        }
        let focused = form.focus == i;
        let label_style = if focused {
            app.theme.accent()
        } else {
            app.theme.dim()
        };
        frame.render_widget(
            Paragraph::new(Span::styled(format!(" {}", app.t(f.label)), label_style)),
            Rect::new(inner.x, y, label_w, 1),
        );
        let field = Rect::new(
            inner.x + label_w,
            y,
            inner.width.saturating_sub(label_w + 1),
            1,
        );
        match &f.kind {
            FieldKind::Text(text) if focused => frame.render_widget(text.area(), field),
            FieldKind::Text(text) => frame.render_widget(
                Paragraph::new(fit(&text.text(), field.width as usize)).style(app.theme.text()),
                field,
            ),
            FieldKind::Choice { options, selected } => {
                let label = options.get(*selected).cloned().unwrap_or_default();
                let style = if focused {
                    app.theme.selected()
                } else {
                    app.theme.text()
                };
                frame.render_widget(
                    Paragraph::new(Span::styled(format!("‹ {label} ›"), style)),
                    field,
                );
            }
        }
    }
    if let Some(hint) = hint {
        let y = inner.y + 1 + form.fields.len() as u16 * 2;
        if y < inner.y + inner.height {
            let hint = super::widgets::truncate(&hint, inner.width.saturating_sub(2) as usize);
            frame.render_widget(
                Paragraph::new(Span::styled(format!(" {hint}"), app.theme.dim())),
                Rect::new(inner.x, y, inner.width, 1),
            );
        }
    }
}

/// A question: its text, then yes/no, numbered choices, or choices under
/// a cursor for a dialog that opened by itself.
fn confirm_box(frame: &mut Frame, app: &App, body: Rect, c: &crate::app::Confirm) {
    let width_box = body.width.saturating_sub(4).min(80);
    let body_lines = wrap(c.body.trim_end(), width_box.saturating_sub(4) as usize);
    let extra = if c.choices.is_empty() {
        4
    } else {
        5 + c.choices.len() as u16
    };
    let h = (body_lines.len() as u16 + extra).min(body.height);
    let area = centered(body, width_box, h);
    let inner = frame_box(frame, app, area, &c.title);
    let mut lines: Vec<Line> = body_lines
        .into_iter()
        .map(|l| Line::from(format!(" {l}")))
        .collect();
    lines.push(Line::from(""));
    if c.choices.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(" {}", app.t("dialog.yes_no")),
            app.theme.key(),
        )));
    } else if c.kind.unbidden() {
        // No number to type: the cursor shows the choice, and none
        // is under it until an arrow is pressed.
        for (i, choice) in c.choices.iter().enumerate() {
            let chosen = c.selected == Some(i);
            let (mark, style) = if chosen {
                ("›", app.theme.selected())
            } else {
                (" ", app.theme.text())
            };
            lines.push(Line::from(Span::styled(format!(" {mark} {choice}"), style)));
        }
        // Typing goes on underneath only where there is a field.
        let pick = if app.screen() == crate::app::Screen::Home {
            "dialog.pick_home"
        } else {
            "dialog.pick"
        };
        lines.push(Line::from(Span::styled(
            format!(" {}", app.t(pick)),
            app.theme.key(),
        )));
        if c.kind == ConfirmKind::FileConflict {
            lines.push(Line::from(Span::styled(
                format!(" {}", app.t("dialog.later")),
                app.theme.dim(),
            )));
        }
    } else {
        for (i, choice) in c.choices.iter().enumerate() {
            lines.push(Line::from(vec![
                Span::styled(format!(" {} ", i + 1), app.theme.key()),
                Span::raw(choice.clone()),
            ]));
        }
        lines.push(Line::from(Span::styled(
            format!(" {}", app.t("dialog.later")),
            app.theme.dim(),
        )));
    }
    scrolled(frame, app, inner, lines, 0);
}

/// Several lines pasted: the first ones, and how to take them.
fn paste_box(frame: &mut Frame, app: &App, body: Rect, lines: &[String]) {
    let area = centered(
        body,
        body.width.saturating_sub(4).min(80),
        (lines.len() as u16 + 6).min(14),
    );
    let title = app.lang.tf("capture.paste_title", &[("n", &lines.len())]);
    let inner = frame_box(frame, app, area, &title);
    let w = inner.width.saturating_sub(2) as usize;
    let mut shown: Vec<Line> = lines
        .iter()
        .take(inner.height.saturating_sub(4) as usize)
        .map(|l| {
            Line::from(format!(
                " • {}",
                super::widgets::truncate(l, w.saturating_sub(3))
            ))
        })
        .collect();
    shown.push(Line::from(""));
    shown.push(Line::from(Span::styled(
        format!(" {}", app.t("capture.paste_one_each")),
        app.theme.key(),
    )));
    shown.push(Line::from(Span::styled(
        format!(" {}", app.t("capture.paste_as_one")),
        app.theme.key(),
    )));
    frame.render_widget(Paragraph::new(shown), inner);
}

/// Every key of the screen underneath, with what it does: read from the
/// same tables as the key lookup.
fn help(frame: &mut Frame, app: &App, body: Rect, scroll: u16) {
    let area = centered(body, body.width.saturating_sub(4).min(90), body.height);
    let inner = frame_box(frame, app, area, app.t("help.title"));
    let (tables, _) = keypress::screen_context(app);
    let mut lines = Vec::new();
    for table in tables {
        if app.keymap.table(table).is_empty() {
            continue;
        }
        lines.push(Line::from(Span::styled(
            format!(" {}", app.t(&table.heading_key())),
            app.theme.accent(),
        )));
        for (keys, desc) in app.keymap.described(table, app.lang) {
            lines.push(Line::from(vec![
                Span::styled(fit(&format!("   {keys}"), 30), app.theme.key()),
                Span::raw(format!(" {}", app.t(desc))),
            ]));
        }
        lines.push(Line::from(""));
    }
    for note in ["help.note_mouse", "help.note_azerty", "help.note_saved"] {
        lines.push(Line::from(Span::styled(
            format!(" {}", app.t(note)),
            app.theme.dim(),
        )));
    }
    scrolled(frame, app, inner, lines, scroll);
}

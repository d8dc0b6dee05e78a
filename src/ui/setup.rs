//! Setup: details, axes and participants, each in its panel.

use super::widgets::{fit, width};
use super::{layout, rows, titled};
use crate::app::App;
use crate::app::layout::Section;
use crate::app::screens::setup::{DETAIL_FIELDS, detail_value};
use crate::i18n::tn;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, app: &App, body: Rect) {
    let Some(doc) = &app.doc else { return };
    let a = layout::setup(body, doc.w.axes().len());
    details(frame, app, &a);
    axes(frame, app, &a);
    agenda(frame, app, &a);
    participants(frame, app, &a);
}

/// Whether `section` has the focus.
fn focused(app: &App, section: Section) -> bool {
    app.doc.is_some() && app.screens.setup.section == section
}

/// A section's titled block, drawn thick when it has the focus.
fn section_block(frame: &mut Frame, app: &App, section: Section, title: String, block: Rect) {
    frame.render_widget(titled(title, focused(app, section), app), block);
}

/// A section's rows, with the cursor on its list where it has the focus.
fn section_rows(
    frame: &mut Frame,
    app: &App,
    (section, list): (Section, &crate::app::list::ListState),
    area: Rect,
    lines: Vec<Line<'static>>,
) {
    let selected = focused(app, section).then(|| list.selected.saturating_sub(list.offset));
    rows(frame, area, lines, selected, app);
}

/// The workshop's details: title, territory, date…
fn details(frame: &mut Frame, app: &App, a: &layout::SetupAreas) {
    let Some(doc) = &app.doc else { return };
    let (t, s) = (&app.theme, &app.screens.setup);
    let title = format!(" {} ", app.t("setup.details"));
    section_block(frame, app, Section::Details, title, a.details_block);
    let label_w = DETAIL_FIELDS
        .iter()
        .map(|k| width(app.t(k)))
        .max()
        .unwrap_or(10)
        + 1;
    let w = a.details.width as usize;
    let lines = DETAIL_FIELDS
        .iter()
        .enumerate()
        .skip(s.details.offset)
        .map(|(i, key)| {
            let value = detail_value(doc.w.details(), i);
            let (value, style) = if value.is_empty() {
                (app.t("setup.empty").to_string(), t.dim())
            } else {
                (value, t.text())
            };
            Line::from(vec![
                Span::styled(fit(&format!(" {}", app.t(key)), label_w + 1), t.dim()),
                Span::styled(
                    fit(
                        &super::widgets::one_line(&value),
                        w.saturating_sub(label_w + 1),
                    ),
                    style,
                ),
            ])
        })
        .collect();
    section_rows(frame, app, (Section::Details, &s.details), a.details, lines);
}

/// The axes, with their colours.
fn axes(frame: &mut Frame, app: &App, a: &layout::SetupAreas) {
    let Some(doc) = &app.doc else { return };
    let (t, s) = (&app.theme, &app.screens.setup);
    let title = format!(" {} ", app.t("setup.axes"));
    section_block(frame, app, Section::Axes, title, a.axes_block);
    let w = a.axes.width as usize;
    let window = s.axes.window(doc.w.axes().len(), a.axes.height as usize);
    let lines = doc.w.axes()[window]
        .iter()
        .map(|ax| {
            let uses = crate::domain::ops::axis_uses(&doc.w, ax.key);
            let badge = Span::styled(format!(" {} {} ", ax.key, ax.short), t.badge(ax.color));
            let count = format!(" {} ", tn(app.lang, "n.uses", uses));
            let room = w.saturating_sub(width(&badge.content) + width(&count) + 2);
            Line::from(vec![
                Span::raw(" "),
                badge,
                Span::raw(" "),
                Span::styled(fit(&ax.title, room), t.text()),
                Span::styled(count, t.dim()),
            ])
        })
        .collect();
    section_rows(frame, app, (Section::Axes, &s.axes), a.axes, lines);
}

/// Each phase's timebox, and the time spent on it so far.
fn agenda(frame: &mut Frame, app: &App, a: &layout::SetupAreas) {
    let Some(doc) = &app.doc else { return };
    let (t, s) = (&app.theme, &app.screens.setup);
    let title = format!(" {} ", app.t("setup.agenda"));
    section_block(frame, app, Section::Agenda, title, a.agenda_block);
    let now = app.instant();
    let w = a.agenda.width as usize;
    let lines = crate::domain::Phase::ALL
        .iter()
        .skip(s.agenda.offset)
        .map(|p| {
            let planned = doc.planned(*p).as_secs() / 60;
            let spent = doc.timer.spent(*p, now).as_secs();
            let current = doc.timer.is_used() && doc.timer.phase == *p;
            let spent = if spent > 0 || current {
                format!(" {} ", crate::app::timer::clock(spent as i64))
            } else {
                String::new()
            };
            let name = app.t(&format!("phase.{}", p.key()));
            let minutes = app.lang.tf("setup.minutes_short", &[("n", &planned)]);
            let left = format!(" {}{name}", if current { "▶ " } else { "" });
            Line::from(vec![
                Span::styled(
                    fit(&left, w.saturating_sub(width(&minutes) + width(&spent) + 1)),
                    t.text(),
                ),
                Span::styled(minutes, t.accent()),
                Span::styled(spent, t.dim()),
            ])
        })
        .collect();
    section_rows(frame, app, (Section::Agenda, &s.agenda), a.agenda, lines);
}

/// The participants, with their organisation and collège.
fn participants(frame: &mut Frame, app: &App, a: &layout::SetupAreas) {
    let Some(doc) = &app.doc else { return };
    let (t, s) = (&app.theme, &app.screens.setup);
    let title = format!(
        " {} ",
        tn(app.lang, "n.participants", doc.w.participants().len())
    );
    section_block(
        frame,
        app,
        Section::Participants,
        title,
        a.participants_block,
    );
    if doc.w.participants().is_empty() {
        let hint = Span::styled(format!(" {}", app.t("setup.no_participants")), t.dim());
        frame.render_widget(
            Paragraph::new(hint).wrap(ratatui::widgets::Wrap { trim: true }),
            a.participants,
        );
        return;
    }
    let w = a.participants.width as usize;
    let college_col = crate::domain::College::ALL
        .iter()
        .map(|c| width(app.t(c.label_key())))
        .max()
        .unwrap_or(0)
        + 2;
    let window = s
        .participants
        .window(doc.w.participants().len(), a.participants.height as usize);
    let lines = doc.w.participants()[window]
        .iter()
        .map(|p| {
            let college = p.college.map_or("", |c| app.t(c.label_key()));
            let mut text = format!(" {}", p.name);
            if !p.organisation.is_empty() {
                text.push_str(&format!(" · {}", p.organisation));
            }
            let college_w = college_col.min(w / 2);
            // A space always parts a name cut to fit from its collège.
            let name_w = w.saturating_sub(college_w).saturating_sub(1);
            Line::from(vec![
                Span::styled(fit(&text, name_w), t.text()),
                Span::raw(" "),
                Span::styled(fit(college, college_w), t.dim()),
            ])
        })
        .collect();
    section_rows(
        frame,
        app,
        (Section::Participants, &s.participants),
        a.participants,
        lines,
    );
}

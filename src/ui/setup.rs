//! Setup: details, axes and participants, each in its panel.

use super::widgets::{fit, width};
use super::{layout, rows, titled};
use crate::app::cx::Cx;
use crate::app::doc::Doc;
use crate::app::layout::Section;
use crate::app::screens::setup::SetupState;
use crate::app::screens::setup::{DETAIL_FIELDS, detail_value};
use crate::i18n::tn;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, st: &SetupState, doc: &Doc, cx: &Cx, body: Rect) {
    let a = layout::setup(body, doc.w.axes().len());
    details(frame, st, doc, cx, &a);
    axes(frame, st, doc, cx, &a);
    agenda(frame, st, doc, cx, &a);
    participants(frame, st, doc, cx, &a);
}

/// Whether `section` has the focus.
fn focused(st: &SetupState, section: Section) -> bool {
    st.section == section
}

/// A section's titled block, drawn thick when it has the focus.
fn section_block(
    frame: &mut Frame,
    st: &SetupState,
    cx: &Cx,
    section: Section,
    title: String,
    block: Rect,
) {
    frame.render_widget(titled(title, focused(st, section), &cx.theme), block);
}

/// A section's rows, with the cursor on its list where it has the focus.
fn section_rows(
    frame: &mut Frame,
    st: &SetupState,
    cx: &Cx,
    (section, list): (Section, &crate::app::list::ListState),
    area: Rect,
    lines: Vec<Line<'static>>,
) {
    let selected = focused(st, section).then(|| list.selected.saturating_sub(list.offset));
    rows(frame, area, lines, selected, &cx.theme);
}

/// The workshop's details: title, territory, date…
fn details(frame: &mut Frame, st: &SetupState, doc: &Doc, cx: &Cx, a: &layout::SetupAreas) {
    let (t, s) = (&cx.theme, st);
    let title = format!(" {} ", cx.t("setup.details"));
    section_block(frame, st, cx, Section::Details, title, a.details_block);
    let label_w = DETAIL_FIELDS
        .iter()
        .map(|k| width(cx.t(k)))
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
                (cx.t("setup.empty").to_string(), t.dim())
            } else {
                (value, t.text())
            };
            Line::from(vec![
                Span::styled(fit(&format!(" {}", cx.t(key)), label_w + 1), t.dim()),
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
    section_rows(
        frame,
        st,
        cx,
        (Section::Details, &s.details),
        a.details,
        lines,
    );
}

/// The axes, with their colours.
fn axes(frame: &mut Frame, st: &SetupState, doc: &Doc, cx: &Cx, a: &layout::SetupAreas) {
    let (t, s) = (&cx.theme, st);
    let title = format!(" {} ", cx.t("setup.axes"));
    section_block(frame, st, cx, Section::Axes, title, a.axes_block);
    let w = a.axes.width as usize;
    let window = s.axes.window(doc.w.axes().len(), a.axes.height as usize);
    let lines = doc.w.axes()[window]
        .iter()
        .map(|ax| {
            let uses = crate::domain::ops::axis_uses(&doc.w, ax.key);
            let badge = Span::styled(format!(" {} {} ", ax.key, ax.short), t.badge(ax.color));
            let count = format!(" {} ", tn(cx.lang, "n.uses", uses));
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
    section_rows(frame, st, cx, (Section::Axes, &s.axes), a.axes, lines);
}

/// Each phase's timebox, and the time spent on it so far.
fn agenda(frame: &mut Frame, st: &SetupState, doc: &Doc, cx: &Cx, a: &layout::SetupAreas) {
    let (t, s) = (&cx.theme, st);
    let title = format!(" {} ", cx.t("setup.agenda"));
    section_block(frame, st, cx, Section::Agenda, title, a.agenda_block);
    let now = cx.instant;
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
            let name = cx.t(&format!("phase.{}", p.key()));
            let minutes = cx.lang.tf("setup.minutes_short", &[("n", &planned)]);
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
    section_rows(frame, st, cx, (Section::Agenda, &s.agenda), a.agenda, lines);
}

/// The participants, with their organisation and collège.
fn participants(frame: &mut Frame, st: &SetupState, doc: &Doc, cx: &Cx, a: &layout::SetupAreas) {
    let (t, s) = (&cx.theme, st);
    let title = format!(
        " {} ",
        tn(cx.lang, "n.participants", doc.w.participants().len())
    );
    section_block(
        frame,
        st,
        cx,
        Section::Participants,
        title,
        a.participants_block,
    );
    if doc.w.participants().is_empty() {
        let hint = Span::styled(format!(" {}", cx.t("setup.no_participants")), t.dim());
        frame.render_widget(
            Paragraph::new(hint).wrap(ratatui::widgets::Wrap { trim: true }),
            a.participants,
        );
        return;
    }
    let w = a.participants.width as usize;
    let college_col = crate::domain::College::ALL
        .iter()
        .map(|c| width(cx.t(c.label_key())))
        .max()
        .unwrap_or(0)
        + 2;
    let window = s
        .participants
        .window(doc.w.participants().len(), a.participants.height as usize);
    let lines = doc.w.participants()[window]
        .iter()
        .map(|p| {
            let college = p.college.map_or("", |c| cx.t(c.label_key()));
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
        st,
        cx,
        (Section::Participants, &s.participants),
        a.participants,
        lines,
    );
}

//! Action sheets: the list, and one sheet as a form of labelled fields.
//! A missing field reads "à compléter"; the budget shows the State's share
//! per year and overall, flagged above 50%.

use super::widgets::{fit, sheet_badge, truncate, width, wrap};
use super::{layout, rows, titled};
use crate::app::cx::Cx;
use crate::app::doc::Doc;
use crate::app::phones::Phones;
use crate::app::screens::sheets::{Focus, Row, SheetsState, rows as sheet_rows};
use crate::domain::sheet::ListKind;
use crate::domain::sheet::{IndicatorKind, PriorityPublic, format_yearly};
use crate::domain::{Sheet, Workshop};
use crate::i18n::{Lang, euros, tn};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, st: &SheetsState, doc: &Doc, phones: &Phones, cx: &Cx, body: Rect) {
    let t = &cx.theme;
    let a = layout::sheets(body);
    let s = st;
    let title = format!(" {} ", tn(cx.lang, "n.sheets", doc.w.sheets().len()));
    frame.render_widget(
        titled(title, s.focus == Focus::List, &cx.theme),
        a.list_block,
    );
    if doc.w.sheets().is_empty() {
        let lines: Vec<Line> = wrap(
            cx.t("sheet.none_yet"),
            a.list.width.saturating_sub(2) as usize,
        )
        .into_iter()
        .map(|l| Line::from(Span::styled(format!(" {l}"), t.dim())))
        .collect();
        frame.render_widget(Paragraph::new(lines), a.list);
        frame.render_widget(titled("", false, &cx.theme), a.sheet_block);
        return;
    }
    let w = a.list.width as usize;
    let list = drafting_address(frame, (doc, s.list.selected), phones, cx, a.list);
    let window = s.list.window(doc.w.sheets().len(), list.height as usize);
    let selected = s.list.selected.checked_sub(window.start);
    let lines = doc.w.sheets()[window]
        .iter()
        .map(|sheet| {
            // The parts left, counted as the projection counts them.
            let missing = crate::domain::writing::progress(sheet).left.len();
            let right = if missing > 0 {
                format!(" {} ", tn(cx.lang, "n.missing", missing))
            } else {
                " ✓ ".into()
            };
            let b = sheet_badge(&doc.w, sheet.axis, true, t, cx.t("sheet.to_complete"));
            // Who writes, where the list has room for it.
            let page = drafting_label(cx, sheet, w >= 70);
            let room = w.saturating_sub(
                width(&sheet.id) + 2 + width(&b.content) + 1 + width(&page) + width(&right),
            );
            Line::from(vec![
                Span::styled(format!(" {} ", sheet.id), t.title()),
                b,
                Span::raw(" "),
                Span::styled(fit(&sheet.title, room), t.text()),
                Span::styled(page, t.accent()),
                Span::styled(right, if missing > 0 { t.warn() } else { t.ok() }),
            ])
        })
        .collect();
    rows(
        frame,
        list,
        lines,
        selected.filter(|_| s.focus == Focus::List).or(selected),
        &cx.theme,
    );
    if let Some(sheet) = doc.w.sheets().get(s.list.selected) {
        sheet_view(frame, st, cx, &doc.w, sheet, a.sheet_block, a.sheet);
    }
}

/// The value of a field, or "à compléter".
fn value(cx: &Cx, text: &str) -> (String, Style) {
    if text.trim().is_empty() {
        (cx.t("sheet.to_complete").to_string(), cx.theme.warn())
    } else {
        (text.to_string(), cx.theme.text())
    }
}

fn label_key(row: Row) -> &'static str {
    match row {
        Row::Title => "sheet.title",
        Row::Axis => "sheet.axis",
        Row::Nature => "sheet.nature",
        Row::Constat => "sheet.constat",
        Row::List(ListKind::Objectifs) | Row::Item(ListKind::Objectifs, _) => "sheet.objectifs",
        Row::List(ListKind::Partenaires) | Row::Item(ListKind::Partenaires, _) => {
            "sheet.partenaires"
        }
        Row::List(ListKind::Jalons) | Row::Item(ListKind::Jalons, _) => "sheet.jalons",
        Row::List(ListKind::Budget) | Row::Item(ListKind::Budget, _) => "sheet.budget",
        Row::List(ListKind::Indicateurs) | Row::Item(ListKind::Indicateurs, _) => {
            "sheet.indicateurs"
        }
        Row::PublicCible => "sheet.public_cible",
        Row::Prioritaires => "sheet.prioritaires",
        Row::Territoire => "sheet.territoire",
        Row::Referentiel => "sheet.referentiel",
        Row::Priorite => "sheet.priorite",
        Row::Description => "sheet.description",
        Row::Pilote => "sheet.pilote",
        Row::Gouvernance => "sheet.gouvernance",
        Row::Calendrier => "sheet.calendrier",
        Row::Evaluation => "sheet.evaluation",
        Row::Participation => "sheet.participation",
        Row::Origin => "sheet.origin",
    }
}

/// The budget in words: overall, then per year, with the State's share.
pub fn budget_lines(lang: Lang, sheet: &Sheet) -> Vec<(String, Option<&'static str>)> {
    let line = |label: String, s| crate::i18n::describe::budget(lang, &label, s);
    let mut out = vec![line(
        lang.t("sheet.total").to_string(),
        sheet.budget_summary(),
    )];
    for year in sheet.budget_years() {
        out.push(line(year.to_string(), sheet.budget_summary_for(Some(year))));
    }
    out
}

/// The lines a row takes, given the width of the value column.
fn row_lines(cx: &Cx, w: &Workshop, sheet: &Sheet, row: Row, vw: usize) -> Vec<(String, Style)> {
    let t = &cx.theme;
    let lang = cx.lang;
    let text_lines = |text: &str| -> Vec<(String, Style)> {
        let (v, style) = value(cx, text);
        wrap(&v, vw).into_iter().map(|l| (l, style)).collect()
    };
    match row {
        Row::Title => text_lines(&sheet.title),
        Row::Axis => vec![(
            sheet
                .axis
                .and_then(|k| w.axis(k))
                .map_or(cx.t("sheet.to_complete").into(), |a| {
                    format!("{} {} — {}", a.key, a.short, a.title)
                }),
            if sheet.axis.is_some() {
                t.text()
            } else {
                t.warn()
            },
        )],
        Row::Nature => nature_lines(cx, sheet, vw),
        Row::Prioritaires => priority_lines(cx, sheet, vw),
        Row::Constat => text_lines(&sheet.constat),
        Row::PublicCible => text_lines(&sheet.public_cible.description),
        Row::Territoire => text_lines(&sheet.territoire),
        Row::Referentiel => text_lines(&sheet.referentiel),
        Row::Priorite => text_lines(&sheet.priorite),
        Row::Description => text_lines(&sheet.description),
        Row::Gouvernance => text_lines(&sheet.gouvernance),
        Row::Evaluation => text_lines(&sheet.evaluation),
        Row::Participation => text_lines(&sheet.participation),
        Row::Pilote => {
            let p = &sheet.pilote;
            let v = match (p.institution.is_empty(), p.contact.is_empty()) {
                (true, true) => String::new(),
                (false, true) => p.institution.clone(),
                (true, false) => p.contact.clone(),
                (false, false) => format!("{} — {}", p.institution, p.contact),
            };
            text_lines(&v)
        }
        Row::Calendrier => {
            let c = &sheet.calendrier;
            let v = if c.debut.is_empty() && c.fin.is_empty() {
                String::new()
            } else {
                format!("{} → {}", c.debut, c.fin)
            };
            text_lines(&v)
        }
        Row::List(kind) => list_lines(cx, sheet, kind, vw),
        Row::Item(kind, i) => item_lines(cx, sheet, kind, i, vw),
        Row::Origin => {
            let o = &sheet.origin;
            let ids: Vec<String> = o.proposals.iter().map(|p| format!("n° {}", p.id)).collect();
            let round = o
                .round
                .and_then(|r| w.round(r))
                .map_or(String::new(), |r| format!("{} · ", r.name));
            let v = format!(
                "{round}{} · {}",
                tn(lang, "n.dots", o.votes as usize),
                ids.join(", ")
            );
            let mut out: Vec<(String, Style)> =
                wrap(&v, vw).into_iter().map(|l| (l, t.dim())).collect();
            out.push((cx.t("sheet.origin_hint").to_string(), t.dim()));
            out
        }
    }
}

/// "Nouvelle action" or "Renforcée : …", with its hint.
fn nature_lines(cx: &Cx, sheet: &Sheet, vw: usize) -> Vec<(String, Style)> {
    let t = &cx.theme;
    let mut v = cx.t(sheet.nature.kind.label_key()).to_string();
    let how = crate::i18n::describe::reinforced(cx.lang, &sheet.nature);
    if !how.is_empty() {
        v.push_str(&format!(" : {}", how.join(", ")));
    }
    let mut out: Vec<(String, Style)> = wrap(&v, vw).into_iter().map(|l| (l, t.text())).collect();
    out.push((cx.t("sheet.nature_hint").to_string(), t.dim()));
    out
}

/// The priority publics as boxes, never cut from their label.
fn priority_lines(cx: &Cx, sheet: &Sheet, vw: usize) -> Vec<(String, Style)> {
    let t = &cx.theme;
    let boxes: Vec<String> = PriorityPublic::ALL
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let ticked = if sheet.public_cible.prioritaires.contains(p) {
                "☑"
            } else {
                "☐"
            };
            format!("{} {ticked} {}", i + 1, cx.t(p.label_key()))
        })
        .collect();
    // A box never leaves its label: lines break between items.
    super::widgets::pack(&boxes, "   ", vw)
        .into_iter()
        .map(|l| (l, t.text()))
        .collect()
}

/// The head of a list: the budget's totals, what to add.
fn list_lines(cx: &Cx, sheet: &Sheet, kind: ListKind, vw: usize) -> Vec<(String, Style)> {
    let (t, lang) = (&cx.theme, cx.lang);
    let n = match kind {
        ListKind::Objectifs => sheet.objectifs.len(),
        ListKind::Partenaires => sheet.partenaires.len(),
        ListKind::Jalons => sheet.calendrier.jalons.len(),
        ListKind::Budget => sheet.budget.len(),
        ListKind::Indicateurs => sheet.indicateurs.len(),
    };
    let mut out = Vec::new();
    if kind == ListKind::Budget && n > 0 {
        for (text, warned) in budget_lines(lang, sheet) {
            let style = if warned.is_some() {
                t.error()
            } else {
                t.accent()
            };
            let mark = match warned {
                Some(w) => format!("⚠ {text} — {w}"),
                None => text,
            };
            out.extend(wrap(&mark, vw).into_iter().map(|l| (l, style)));
        }
    }
    let hint = if n == 0 && kind != ListKind::Jalons {
        (
            format!("{} — {}", cx.t("sheet.to_complete"), cx.t("sheet.add_hint")),
            t.warn(),
        )
    } else {
        (cx.t("sheet.add_hint").to_string(), t.dim())
    };
    out.push(hint);
    out
}

/// One item of a list, on as many lines as it needs.
fn item_lines(cx: &Cx, sheet: &Sheet, kind: ListKind, i: usize, vw: usize) -> Vec<(String, Style)> {
    let (t, lang) = (&cx.theme, cx.lang);
    let v = match kind {
        ListKind::Objectifs => sheet.objectifs.get(i).map(|o| format!("{}. {o}", i + 1)),
        ListKind::Partenaires => sheet.partenaires.get(i).map(|p| {
            let mut v = format!("• {}", p.name);
            for part in [&p.role, &p.contribution] {
                if !part.is_empty() {
                    v.push_str(&format!(" — {part}"));
                }
            }
            v
        }),
        ListKind::Jalons => sheet
            .calendrier
            .jalons
            .get(i)
            .map(|m| format!("• {} : {}", m.date, m.label)),
        ListKind::Budget => sheet.budget.get(i).map(|b| {
            let state = if b.is_state() {
                format!(" ({})", cx.t("sheet.state"))
            } else {
                String::new()
            };
            format!(
                "• {} · {}{state} · {}",
                b.year,
                b.funder,
                euros(lang, b.amount)
            )
        }),
        ListKind::Indicateurs => sheet.indicateurs.get(i).map(|ind| {
            let kind = cx.t(match ind.kind {
                IndicatorKind::Realisation => "sheet.realisation",
                IndicatorKind::Resultat => "sheet.resultat",
            });
            let mut v = format!("• {} ({kind})", ind.label);
            if !ind.baseline.is_empty() || !ind.target.is_empty() {
                v.push_str(&format!(" : {} → {}", ind.baseline, ind.target));
            }
            if !ind.yearly.is_empty() {
                v.push_str(&format!(" · {}", format_yearly(&ind.yearly)));
            }
            v
        }),
    };
    wrap(&v.unwrap_or_default(), vw)
        .into_iter()
        .map(|l| (l, t.text()))
        .collect()
}

/// While the groups write: where they open their fiche, at the bottom of
/// the list (the room reads it from the wall), and above it the selected
/// fiche's QR code where the list leaves room. The list's area left.
fn drafting_address(
    frame: &mut Frame,
    (doc, selected): (&Doc, usize),
    phones: &Phones,
    cx: &Cx,
    list: Rect,
) -> Rect {
    if !doc.w.drafting_open() {
        return list;
    }
    let at = phones.address().map_or_else(
        || cx.t("sheet.drafting_starting").to_string(),
        |a| format!("http://{a}/"),
    );
    let text = cx.lang.tf("sheet.drafting_at", &[("url", &at)]);
    let lines = wrap(&text, list.width.saturating_sub(2) as usize);
    let h = (lines.len() as u16).min(list.height / 2);
    let (top, bottom) = (
        Rect::new(list.x, list.y, list.width, list.height - h),
        Rect::new(list.x, list.y + list.height - h, list.width, h),
    );
    let shown: Vec<Line> = lines
        .into_iter()
        .map(|l| Line::from(Span::styled(format!(" {l}"), cx.theme.accent())))
        .collect();
    frame.render_widget(Paragraph::new(shown), bottom);
    let Some(sheet) = doc.w.sheets().get(selected) else {
        return top;
    };
    // Every fiche's row stays in view, a blank line above the code.
    let rows = doc.w.sheets().len() as u16 + 1;
    let room = Rect::new(top.x, top.y, top.width, top.height.saturating_sub(rows));
    let qr = super::qr::fiche_lines(phones, sheet, cx, room);
    let qr_h = qr.len() as u16;
    let at = Rect::new(top.x, top.bottom() - qr_h, top.width, qr_h);
    frame.render_widget(Paragraph::new(qr), at);
    Rect::new(top.x, top.y, top.width, top.height - qr_h)
}

/// A row's label; a field the facilitator keeps from the group's page
/// says so.
fn field_label(cx: &Cx, sheet: &Sheet, row: Row, key: &str) -> String {
    let fields = crate::app::screens::sheets::page_fields(row);
    let kept = !fields.is_empty()
        && sheet
            .drafting
            .as_ref()
            .is_some_and(|d| fields.iter().all(|f| d.locked.contains(f)));
    if kept {
        format!("{} · {}", cx.t(key), cx.t("sheet.locked_mark"))
    } else {
        cx.t(key).to_string()
    }
}

/// A fiche's page on the wall: its code while its group writes it, and
/// the device that wrote last; or that drafting is closed.
fn drafting_label(cx: &Cx, sheet: &Sheet, roomy: bool) -> String {
    let Some(d) = &sheet.drafting else {
        return String::new();
    };
    if d.closed {
        return format!(" {} ", cx.t("sheet.drafting_done"));
    }
    if d.hidden {
        return format!(" {} ", cx.t("sheet.drafting_hidden"));
    }
    match crate::domain::writing::last_writer(sheet).filter(|_| roomy) {
        Some(w) => format!(" {} · ✎ {} ", d.code, w.by),
        None => format!(" {} ", d.code),
    }
}

fn sheet_view(
    frame: &mut Frame,
    st: &SheetsState,
    cx: &Cx,
    w: &Workshop,
    sheet: &Sheet,
    block: Rect,
    area: Rect,
) {
    let t = &cx.theme;
    let state = st;
    let focused = state.focus == Focus::Fields;
    let mut title = vec![
        Span::raw(format!(" {} ", sheet.id)),
        sheet_badge(w, sheet.axis, false, t, cx.t("sheet.to_complete")),
        Span::raw(" "),
    ];
    // Who is writing it from its page, and when.
    let writer = crate::domain::writing::last_writer(sheet)
        .map(|w| format!(" ✎ {} {} ", w.by, w.at.0.format("%H:%M")))
        .unwrap_or_default();
    title.push(Span::raw(truncate(
        &sheet.title,
        (block.width as usize).saturating_sub(20 + width(&writer)),
    )));
    title.push(Span::raw(" "));
    title.push(Span::styled(writer, t.accent()));
    frame.render_widget(titled(Line::from(title), focused, &cx.theme), block);
    let label_w = (area.width as usize / 4).clamp(12, 24);
    let vw = (area.width as usize).saturating_sub(label_w + 2).max(8);
    let rows_all = sheet_rows(sheet);
    let selected = state.row.min(rows_all.len().saturating_sub(1));
    // Every row as its lines; the window follows the selected row.
    let mut lines: Vec<(usize, Option<&'static str>, String, Style)> = Vec::new();
    let mut edit_at = None;
    for (i, row) in rows_all.iter().enumerate() {
        let label = match row {
            Row::Item(..) => None,
            _ => Some(label_key(*row)),
        };
        if focused && i == selected && state.editing.is_some() {
            let h = state
                .editing
                .as_ref()
                .map_or(1, |f| (f.line_count() + 1).clamp(1, 10));
            let multi = crate::app::screens::sheets::text_of(sheet, *row).is_some_and(|(_, m)| m);
            let h = if multi { h.max(4) } else { 1 };
            edit_at = Some((lines.len(), h));
            for k in 0..h {
                lines.push((
                    i,
                    if k == 0 { label } else { None },
                    String::new(),
                    t.text(),
                ));
            }
            continue;
        }
        for (k, (text, style)) in row_lines(cx, w, sheet, *row, vw).into_iter().enumerate() {
            lines.push((i, if k == 0 { label } else { None }, text, style));
        }
        // How to pick a measure, on the row being pointed at only.
        if *row == Row::Referentiel && i == selected {
            let hint = cx.t("sheet.referentiel_hint").to_string();
            lines.push((i, None, hint, t.dim()));
        }
    }
    let h = area.height as usize;
    let first = lines.iter().position(|l| l.0 == selected).unwrap_or(0);
    let last = lines.iter().rposition(|l| l.0 == selected).unwrap_or(0);
    let start = if last < h {
        0
    } else {
        first.saturating_sub(2).min(lines.len().saturating_sub(h))
    };
    for (y, (i, label, text, style)) in lines.iter().enumerate().skip(start).take(h) {
        let r = Rect::new(area.x, area.y + (y - start) as u16, area.width, 1);
        let is_sel = focused && *i == selected;
        let label_text = label.map_or(String::new(), |k| field_label(cx, sheet, rows_all[*i], k));
        let label_style = if is_sel { t.accent() } else { t.dim() };
        let mut spans = vec![
            Span::styled(if is_sel { "▶" } else { " " }, t.accent()),
            Span::styled(fit(&label_text, label_w), label_style),
            Span::raw(" "),
            Span::styled(fit(text, vw), *style),
        ];
        if is_sel && state.editing.is_none() {
            let sel = t.selected();
            spans[3] = spans[3].clone().patch_style(sel);
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), r);
    }
    if let (Some((at, eh)), Some(field)) = (edit_at, state.editing.as_ref())
        && at >= start
        && at < start + h
    {
        let y = area.y + (at - start) as u16;
        let eh = (eh as u16).min(area.y + area.height - y);
        let r = Rect::new(area.x + label_w as u16 + 2, y, vw as u16, eh);
        frame.render_widget(field.area(), r);
    }
}

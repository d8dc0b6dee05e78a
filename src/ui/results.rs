//! Results: participation while a round is hidden; once revealed, the
//! ranking with bars, the cut line, and a tie at the cut line flagged.

use super::widgets::{badge, fit, one_line, truncate, width};
use super::{layout, rows, titled};
use crate::app::App;
use crate::app::results::shown;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// A line of the ranking.
enum Item {
    Row(usize),
    Cut,
}

pub fn draw(frame: &mut Frame, app: &App, body: Rect) {
    let Some(doc) = &app.doc else { return };
    let t = &app.theme;
    let lang = app.lang;
    let a = layout::results(body);
    let Some(r) = shown(app).and_then(|id| doc.w.round(id)) else {
        let p = Paragraph::new(Span::styled(app.t("vote.none_yet"), t.dim()))
            .alignment(Alignment::Center);
        frame.render_widget(p, a.summary);
        return;
    };
    let Some(tally) = doc.tally(r.id) else { return };
    // Participation is always shown; it reveals nothing of the outcome.
    let participation = super::vote::participation(lang, r, tally);
    let position = doc.w.rounds.iter().position(|x| x.id == r.id).unwrap_or(0) + 1;
    let summary = vec![
        Line::from(vec![
            Span::styled(format!(" {} ", r.name), t.title()),
            Span::styled(format!(" ({position}/{}) ← →", doc.w.rounds.len()), t.dim()),
        ]),
        Line::from(format!(" {participation}")),
    ];
    frame.render_widget(Paragraph::new(summary), a.summary);
    if !r.revealed {
        frame.render_widget(
            titled(format!(" {} ", app.t("results.ranking")), false, app),
            a.list_block,
        );
        let hidden = vec![
            Line::from(""),
            Line::from(Span::styled(app.t("results.hidden"), t.accent())),
            Line::from(Span::styled(app.t("results.hidden_hint"), t.dim())),
        ];
        frame.render_widget(Paragraph::new(hidden).alignment(Alignment::Center), a.list);
        return;
    }
    let cut = tally.cut(r.winners);
    let mut title = vec![Span::raw(format!(
        " {} ",
        lang.tf("results.ranking_of", &[("n", &r.winners)])
    ))];
    if !cut.tied.is_empty() {
        let ids = cut
            .tied
            .iter()
            .map(|id| format!("n° {id}"))
            .collect::<Vec<_>>()
            .join(", ");
        title.push(Span::styled(
            format!(
                " ⚠ {} ",
                lang.tf("results.tie", &[("ids", &ids), ("places", &cut.places)])
            ),
            t.warn(),
        ));
    }
    frame.render_widget(titled(Line::from(title), true, app), a.list_block);
    let mut items: Vec<Item> = (0..tally.rows.len()).map(Item::Row).collect();
    let line_at = (r.winners as usize).min(items.len());
    if line_at > 0 && line_at < items.len() {
        items.insert(line_at, Item::Cut);
    }
    let w = a.list.width as usize;
    let max = tally.rows.first().map_or(0, |x| x.dots).max(1);
    let bar_w = (w / 4).clamp(6, 30);
    let window = doc.results.list.window(items.len(), a.list.height as usize);
    let lines = items[window]
        .iter()
        .map(|item| match item {
            Item::Cut => {
                let label = format!(" {} ", lang.tf("results.cut", &[("n", &r.winners)]));
                let rule = "┄".repeat(w.saturating_sub(width(&label) + 2));
                Line::from(vec![
                    Span::styled("┄┄", t.warn()),
                    Span::styled(label, t.warn()),
                    Span::styled(rule, t.warn()),
                ])
            }
            Item::Row(i) => {
                let row = &tally.rows[*i];
                let tied = cut.tied.contains(&row.proposal);
                let filled = (row.dots as usize * bar_w)
                    .div_ceil(max as usize)
                    .min(bar_w);
                let bar = format!("{}{}", "█".repeat(filled), " ".repeat(bar_w - filled));
                let p = doc.w.proposal(row.proposal);
                let mut spans = vec![
                    Span::styled(
                        format!("{:>4}{} ", row.rank, if tied { "=" } else { " " }),
                        if tied { t.warn() } else { t.dim() },
                    ),
                    Span::styled(bar, t.accent()),
                    Span::styled(format!(" {:>4} ", row.dots), t.title()),
                    Span::styled(format!("n° {:<4}", row.proposal.0), t.dim()),
                ];
                let mut used = 6 + bar_w + 6 + 8;
                if let Some(k) = p.and_then(|p| p.primary_axis()) {
                    let b = badge(&doc.w, k, true, t);
                    used += width(&b.content) + 1;
                    spans.push(b);
                    spans.push(Span::raw(" "));
                }
                let merged = doc.derived.merged_count(row.proposal);
                let merged = if merged > 0 {
                    format!(" (+{merged})")
                } else {
                    String::new()
                };
                let text = p.map(|p| one_line(&p.text)).unwrap_or_default();
                spans.push(Span::styled(
                    truncate(&text, w.saturating_sub(used + width(&merged))),
                    t.text(),
                ));
                spans.push(Span::styled(fit(&merged, width(&merged)), t.accent()));
                Line::from(spans)
            }
        })
        .collect();
    rows(frame, a.list, lines, None, app);
}

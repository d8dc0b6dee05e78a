//! Results: participation while a round is hidden; once revealed, the
//! ranking (overall or per axis) with bars, the cut line and ties, the
//! winners chosen, and for the proposal under the cursor its originals and
//! its dots by collège.

use super::widgets::{axis_rule, badge, one_line, truncate, width, wrap};
use super::{layout, rows, titled};
use crate::app::App;
use crate::app::doc::Doc;
use crate::app::results::{Line as Item, cursor_proposal, lines, shown};
use crate::domain::tally::{Outcome, Standing};
use crate::domain::{College, Public, Round};
use crate::i18n::tn;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, app: &App, body: Rect) {
    let Some(doc) = &app.doc else { return };
    let t = &app.theme;
    let lang = app.lang;
    let a = layout::results(body);
    let Some(r) = shown(doc).and_then(|id| doc.w.round(id)) else {
        let p = Paragraph::new(Span::styled(app.t("vote.none_yet"), t.dim()))
            .alignment(Alignment::Center);
        frame.render_widget(p, a.summary);
        return;
    };
    let Some(public) = doc.public(r.id) else {
        return;
    };
    // Participation is always shown; it reveals nothing of the outcome.
    let participation = crate::i18n::describe::participation(lang, public.participation());
    let head = summary_head(app, doc, r, a.summary.width as usize);
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(head),
            Line::from(format!(" {participation}")),
        ]),
        a.summary,
    );
    let Public::Revealed(shown) = &public else {
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
        frame.render_widget(titled("", false, app), a.detail_block);
        return;
    };
    let (tally, outcome) = (&*shown.tally, &shown.outcome);
    let view = if doc.results.by_axis {
        "results.per_axis_view"
    } else {
        "results.ranking_of"
    };
    let mut title = vec![Span::raw(format!(
        " {} ",
        lang.tf(view, &[("n", &r.winners)])
    ))];
    if !outcome.tied.is_empty() && !doc.results.by_axis {
        // The cut line says which; the title only warns.
        title.push(Span::styled(
            format!(" ⚠ {} ", app.t("results.tie_short")),
            t.warn(),
        ));
    }
    frame.render_widget(titled(Line::from(title), true, app), a.list_block);
    let items = lines(&doc.w, tally, outcome, doc.results.by_axis);
    let w = a.list.width as usize;
    let max = tally.rows.first().map_or(0, |x| x.dots).max(1);
    let bar_w = (w / 5).clamp(5, 28);
    let bars = Bars { w, bar_w, max };
    let window = doc.results.list.window(items.len(), a.list.height as usize);
    let selected = doc.results.list.selected.checked_sub(window.start);
    let drawn = items[window]
        .iter()
        .map(|item| match *item {
            Item::Cut => rule(&cut_label(app, doc, r, outcome), w, t.warn()),
            Item::TieEnd => rule(app.t("results.tie_end"), w, t.warn()),
            Item::Axis(axis) => axis_rule(&doc.w, axis, None, app.t("tag.untagged"), w, t),
            Item::Row(i, rank, standing) => {
                ranked(app, doc, (&tally.rows[i], rank, standing), outcome, bars)
            }
        })
        .collect();
    rows(frame, a.list, drawn, selected, app);
    detail(frame, app, a.detail_block, a.detail);
}

/// The round's name, its place among the rounds, and the winners chosen.
fn summary_head(app: &App, doc: &Doc, r: &Round, room: usize) -> Vec<Span<'static>> {
    let (t, lang) = (&app.theme, app.lang);
    let position = doc
        .w
        .rounds()
        .iter()
        .position(|x| x.id == r.id)
        .unwrap_or(0)
        + 1;
    let mut head = vec![
        Span::styled(format!(" {} ", r.name), t.title()),
        Span::styled(
            format!(" ({position}/{}) ← →", doc.w.rounds().len()),
            t.dim(),
        ),
    ];
    if !doc.results.chosen.is_empty() {
        let n = tn(lang, "n.chosen", doc.results.chosen.len());
        let used: usize = head.iter().map(|s| width(&s.content)).sum();
        let full = format!("   ✓ {n} — {}", app.t("results.enter_to_draft"));
        // The hint goes first when the line is short: the footer says it too.
        let text = if used + width(&full) <= room {
            full
        } else {
            format!("   ✓ {n}")
        };
        head.push(Span::styled(text, t.marked()));
    }
    head
}

/// How the ranking's bars are drawn: the list's width, a bar's width, and
/// the most dots (a full bar).
#[derive(Clone, Copy)]
struct Bars {
    w: usize,
    bar_w: usize,
    max: u32,
}

/// One ranked proposal: chosen mark, rank, bar, dots, number, axis, text.
fn ranked(
    app: &App,
    doc: &Doc,
    (row, rank, standing): (&crate::domain::tally::TallyRow, u32, Standing),
    outcome: &Outcome,
    Bars { w, bar_w, max }: Bars,
) -> Line<'static> {
    let t = &app.theme;
    let tied = !doc.results.by_axis && standing == Standing::Tied;
    let ex_aequo = !doc.results.by_axis && outcome.ex_aequo.contains(&row.proposal);
    let chosen = doc.results.chosen.contains(&row.proposal);
    let filled = (row.dots as usize * bar_w)
        .div_ceil(max as usize)
        .min(bar_w);
    let bar = format!("{}{}", "█".repeat(filled), " ".repeat(bar_w - filled));
    let p = doc.w.proposal(row.proposal);
    let mut spans = vec![
        Span::styled(if chosen { " ✓" } else { "  " }, t.marked()),
        Span::styled(
            format!("{:>3}{} ", rank, if ex_aequo { "=" } else { " " }),
            if tied { t.warn() } else { t.dim() },
        ),
        Span::styled(bar, t.accent()),
        Span::styled(format!(" {:>4} ", row.dots), t.title()),
        Span::styled(format!("n° {:<4}", row.proposal.0), t.dim()),
    ];
    let mut used = 2 + 5 + bar_w + 6 + 8;
    if let Some(k) = p
        .and_then(super::super::domain::proposal::Proposal::primary_axis)
        .filter(|_| !doc.results.by_axis)
    {
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
    spans.push(Span::styled(merged, t.accent()));
    Line::from(spans)
}

/// `┄┄ label ┄┄┄┄`: a line across the ranking.
fn rule(label: &str, w: usize, style: ratatui::style::Style) -> Line<'static> {
    let label = truncate(&format!(" {label} "), w.saturating_sub(2));
    let fill = "┄".repeat(w.saturating_sub(width(&label) + 2));
    Line::from(vec![
        Span::styled("┄┄", style),
        Span::styled(label, style),
        Span::styled(fill, style),
    ])
}

/// "n° 2, n° 3 pour 1 place — Ctrl+D : départage"
pub fn tie_text(app: &App, outcome: &Outcome) -> String {
    let ids = outcome
        .tied
        .iter()
        .map(|id| format!("n° {id}"))
        .collect::<Vec<_>>()
        .join(", ");
    app.lang
        .tf("results.tie", &[("ids", &ids), ("places", &outcome.places)])
}

/// The cut line's words: how many are kept, and what became of a tie
/// there (still to settle, or settled by a runoff).
pub fn cut_label(app: &App, doc: &Doc, r: &Round, outcome: &Outcome) -> String {
    let lang = app.lang;
    let cut = lang.tf("results.cut", &[("n", &r.winners)]);
    if !outcome.tied.is_empty() {
        return format!("{cut} · {}", tie_text(app, outcome));
    }
    match outcome.settled_by.and_then(|id| doc.w.round(id)) {
        Some(runoff) => format!(
            "{cut} — {}",
            lang.tf("results.settled_by", &[("name", &runoff.name)])
        ),
        None => cut,
    }
}

/// The proposal under the cursor: whole, with the originals merged into
/// it and its dots by collège.
fn detail(frame: &mut Frame, app: &App, block: Rect, area: Rect) {
    let t = &app.theme;
    let Some(doc) = &app.doc else { return };
    let Some(id) = cursor_proposal(doc) else {
        frame.render_widget(titled("", false, app), block);
        return;
    };
    let Some(p) = doc.w.proposal(id) else { return };
    let round = shown(doc);
    let shown = round.and_then(|r| doc.revealed(r));
    let row = shown
        .as_ref()
        .and_then(|s| s.tally.rows.iter().find(|r| r.proposal == id));
    let title = super::capture::detail_title(app, doc, p, block.width.saturating_sub(2) as usize);
    frame.render_widget(titled(Line::from(title), false, app), block);
    let width = area.width.saturating_sub(2) as usize;
    let mut out: Vec<Line> = Vec::new();
    // Who gave the dots, by collège: the balance the Pacte asks for. A
    // paper count knows no voter, so it has none.
    let ballots = round
        .and_then(|id| doc.w.round(id))
        .is_some_and(|r| r.mode == crate::domain::Mode::Ballots);
    if let Some(row) = row.filter(|r| ballots && !r.by_college.is_empty()) {
        let parts: Vec<String> = row
            .by_college
            .iter()
            .map(|(c, n)| {
                let label = c.map_or(app.t("college.none"), |c: College| app.t(c.label_key()));
                format!("{label} {n}")
            })
            .collect();
        let text = format!("{} {}", app.t("results.by_college"), parts.join(" · "));
        out.push(Line::from(Span::styled(
            truncate(&format!(" {text}"), width + 1),
            t.accent(),
        )));
    }
    out.extend(
        wrap(&p.text, width)
            .into_iter()
            .map(|l| Line::from(format!(" {l}"))),
    );
    for o in doc.w.merged_into(id) {
        let author = if o.author.is_empty() {
            String::new()
        } else {
            format!(" — {}", o.author)
        };
        out.push(Line::from(Span::styled(
            truncate(
                &format!(" ↳ n° {} {}{author}", o.id, one_line(&o.text)),
                width,
            ),
            t.dim(),
        )));
    }
    let room = area.height as usize;
    if out.len() > room {
        out.truncate(room.saturating_sub(1));
        out.push(Line::from(Span::styled(app.more_hint(), t.dim())));
    }
    frame.render_widget(Paragraph::new(out), area);
}

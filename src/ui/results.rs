//! Results: participation while a round is hidden; once revealed, the
//! ranking (overall or per axis) with bars, the cut line and ties, the
//! winners chosen, and for the proposal under the cursor its originals and
//! its dots by collège.

use super::widgets::{axis_rule, badge, majority_word, merit_bar, one_line, truncate, width, wrap};
use super::{layout, rows, titled};
use crate::app::cx::Cx;
use crate::app::doc::Doc;
use crate::app::screens::results::ResultsState;
use crate::app::screens::results::{Line as Item, cursor_proposal, lines};
use crate::domain::consensus::{self, Consensus, Group, Support};
use crate::domain::judgment::{GRADE_KEYS, Merit};
use crate::domain::tally::{Outcome, Standing};
use crate::domain::{ProposalId, Public, Round};
use crate::i18n::{percent_whole, tn};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, st: &ResultsState, doc: &Doc, cx: &Cx, body: Rect) {
    let t = &cx.theme;
    let lang = cx.lang;
    let a = layout::results(body);
    let Some(r) = doc.current_round().and_then(|id| doc.w.round(id)) else {
        let p = Paragraph::new(Span::styled(cx.t("vote.none_yet"), t.dim()))
            .alignment(Alignment::Center);
        frame.render_widget(p, a.summary);
        return;
    };
    let Some(public) = doc.public(r.id) else {
        return;
    };
    // Participation is always shown; it reveals nothing of the outcome.
    let participation = crate::i18n::describe::participation(lang, public.participation());
    let head = summary_head(st, cx, doc, r, a.summary.width as usize);
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(head),
            Line::from(format!(" {participation}")),
        ]),
        a.summary,
    );
    let Public::Revealed(shown) = &public else {
        frame.render_widget(
            titled(format!(" {} ", cx.t("results.ranking")), false, &cx.theme),
            a.list_block,
        );
        let hidden = vec![
            Line::from(""),
            Line::from(Span::styled(cx.t("results.hidden"), t.accent())),
            Line::from(Span::styled(cx.t("results.hidden_hint"), t.dim())),
        ];
        frame.render_widget(Paragraph::new(hidden).alignment(Alignment::Center), a.list);
        frame.render_widget(titled("", false, &cx.theme), a.detail_block);
        return;
    };
    let (tally, outcome) = (&*shown.tally, &shown.outcome);
    let consensus = shown.consensus().filter(|_| st.consensus);
    let w = a.list.width as usize;
    // A full bar is the most dots, or the best consensus score.
    let max = match &consensus {
        Some(c) => c.rows.iter().filter_map(|r| r.score).max().unwrap_or(0) as u32,
        None => tally.rows.first().map_or(0, |x| x.dots),
    }
    .max(1);
    // The consensus view needs room for its columns: a shorter bar.
    let bar_w = if consensus.is_some() {
        (w / 12).clamp(4, 12)
    } else {
        (w / 5).clamp(5, 28)
    };
    let bars = Bars { bar_w, max };
    let items = lines(&doc.w, tally, outcome, st.by_axis);
    let window = st.list.window(items.len(), a.list.height as usize);
    let selected = st.list.selected.checked_sub(window.start);
    let title = match &consensus {
        Some(c) => consensus_title(cx, r, c, bars),
        None => ranking_title(st, cx, r, outcome),
    };
    frame.render_widget(titled(title, true, &cx.theme), a.list_block);
    let drawn = items[window]
        .iter()
        .map(|item| match *item {
            Item::Cut => rule(&cut_label(cx, doc, r, outcome), w, t.warn()),
            Item::TieEnd => rule(cx.t("results.tie_end"), w, t.warn()),
            Item::Axis(axis) => axis_rule(&doc.w, axis, None, cx.t("tag.untagged"), w, t),
            Item::Row(i, rank, standing) => {
                let row = (&tally.rows[i], rank, standing);
                let middle = match (&consensus, &row.0.merit) {
                    (Some(c), _) => support_cells(cx, c, row.0.proposal, bars),
                    (None, Some(m)) => grades_bar(cx, m, bars),
                    (None, None) => dots_bar(cx, row.0.dots, bars),
                };
                ranked(st, cx, doc, row, outcome, middle, w)
            }
        })
        .collect();
    rows(frame, a.list, drawn, selected, &cx.theme);
    detail(frame, st, doc, cx, a.detail_block, a.detail);
}

/// The ranking's title: the view, and a warning when a tie straddles the
/// cut line (the cut line says which).
fn ranking_title(st: &ResultsState, cx: &Cx, r: &Round, outcome: &Outcome) -> Line<'static> {
    let view = if st.by_axis {
        "results.per_axis_view"
    } else {
        "results.ranking_of"
    };
    let (t, lang) = (&cx.theme, cx.lang);
    let mut title = vec![Span::raw(format!(
        " {} ",
        lang.tf(view, &[("n", &r.winners)])
    ))];
    if !outcome.tied.is_empty() && !st.by_axis {
        title.push(Span::styled(
            format!(" ⚠ {} ", cx.t("results.tie_short")),
            t.warn(),
        ));
    }
    Line::from(title)
}

/// The consensus view's title doubles as its column headings: "Consensus"
/// over the score, each group's short name over its column, then the view.
fn consensus_title(cx: &Cx, r: &Round, c: &Consensus, bars: Bars) -> Line<'static> {
    let lang = cx.lang;
    let lead = LEAD + bars.bar_w + SCORE_W;
    let mut spans = vec![Span::raw(format!(
        "{:>lead$}",
        truncate(&format!(" {} ", cx.t("results.consensus")), lead)
    ))];
    for g in &c.groups {
        spans.push(Span::raw(format!(
            "{:>CELL_W$}",
            unscored_in_brackets(g, group_short(cx, g.group).to_string())
        )));
    }
    spans.push(Span::raw(format!(
        "  {} ",
        lang.tf("results.consensus_of", &[("n", &r.winners)])
    )));
    Line::from(spans)
}

/// A group too small to be scored is shown in brackets (not only dimmed:
/// the brackets read in black and white and on a washed-out projector).
fn unscored_in_brackets(s: &Support, text: String) -> String {
    if s.scored() {
        text
    } else {
        format!("({text})")
    }
}

fn group_short(cx: &Cx, g: Group) -> &'static str {
    cx.t(consensus::short_key(g))
}

/// The round's name, its place among the rounds, and the winners chosen.
fn summary_head(
    st: &ResultsState,
    cx: &Cx,
    doc: &Doc,
    r: &Round,
    room: usize,
) -> Vec<Span<'static>> {
    let (t, lang) = (&cx.theme, cx.lang);
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
    if !st.chosen.is_empty() {
        let n = tn(lang, "n.chosen", st.chosen.len());
        let used: usize = head.iter().map(|s| width(&s.content)).sum();
        let full = format!("   ✓ {n} — {}", cx.t("results.enter_to_draft"));
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

/// How the ranking's bars are drawn: a bar's width, and the most dots
/// (or the best score: a full bar).
#[derive(Clone, Copy)]
struct Bars {
    bar_w: usize,
    max: u32,
}

/// The columns before the bar: the chosen mark and the rank.
const LEAD: usize = 7;
/// The dots (or the score) after the bar.
const SCORE_W: usize = 8;
/// A group's column in the consensus view.
const CELL_W: usize = 8;

/// A bar `filled` of `bar_w` cells.
fn bar(filled: usize, bar_w: usize) -> String {
    let filled = filled.min(bar_w);
    format!("{}{}", "█".repeat(filled), " ".repeat(bar_w - filled))
}

/// The ranking's middle columns: a bar of the dots, and their number.
fn dots_bar(cx: &Cx, dots: u32, Bars { bar_w, max, .. }: Bars) -> Vec<Span<'static>> {
    let t = &cx.theme;
    let filled = (dots as usize * bar_w).div_ceil(max as usize);
    vec![
        Span::styled(bar(filled, bar_w), t.accent()),
        Span::styled(format!(" {dots:>4} "), t.title()),
    ]
}

/// A judgment round's row: its grades as one stacked bar, then its
/// majority grade in words.
fn grades_bar(cx: &Cx, merit: &Merit, Bars { bar_w, .. }: Bars) -> Vec<Span<'static>> {
    let mut spans = merit_bar(&cx.theme, merit, bar_w);
    spans.push(Span::styled(
        format!(" {} ", majority_word(cx.lang, merit)),
        cx.theme.title(),
    ));
    spans
}

/// The consensus view's middle columns: a bar of the score, the score,
/// "⚑" when one group carries it, then each group's support (dim for a
/// group too small to be scored).
fn support_cells(cx: &Cx, c: &Consensus, id: ProposalId, bars: Bars) -> Vec<Span<'static>> {
    let (t, lang) = (&cx.theme, cx.lang);
    let Some(row) = c.row(id) else {
        return vec![Span::raw(" ".repeat(bars.bar_w + SCORE_W))];
    };
    let filled = row
        .score
        .map_or(0, |s| (s as usize * bars.bar_w).div_ceil(bars.max as usize));
    let score = row
        .score
        .map_or_else(|| "—".to_string(), |s| percent_whole(lang, s));
    let flag = if row.carried_by.is_some() {
        " ⚑"
    } else {
        "  "
    };
    let mut spans = vec![
        Span::styled(bar(filled, bars.bar_w), t.accent()),
        Span::styled(format!(" {score:>5}"), t.title()),
        Span::styled(flag, t.warn()),
    ];
    for s in &row.support {
        let style = if s.scored() { t.text() } else { t.dim() };
        let share = unscored_in_brackets(s, percent_whole(lang, s.permille()));
        spans.push(Span::styled(format!("{share:>CELL_W$}"), style));
    }
    spans.push(Span::raw("  "));
    spans
}

/// One ranked proposal: chosen mark, rank, the `middle` columns (a bar
/// and its number), number, axis, text.
fn ranked(
    st: &ResultsState,
    cx: &Cx,
    doc: &Doc,
    (row, rank, standing): (&crate::domain::tally::TallyRow, u32, Standing),
    outcome: &Outcome,
    middle: Vec<Span<'static>>,
    w: usize,
) -> Line<'static> {
    let t = &cx.theme;
    let tied = !st.by_axis && standing == Standing::Tied;
    let ex_aequo = !st.by_axis && outcome.ex_aequo.contains(&row.proposal);
    let chosen = st.chosen.contains(&row.proposal);
    let p = doc.w.proposal(row.proposal);
    let mut spans = vec![
        Span::styled(if chosen { " ✓" } else { "  " }, t.marked()),
        Span::styled(
            format!("{:>3}{} ", rank, if ex_aequo { "=" } else { " " }),
            if tied { t.warn() } else { t.dim() },
        ),
    ];
    spans.extend(middle);
    spans.push(Span::styled(format!("n° {:<4}", row.proposal.0), t.dim()));
    // One column of margin after the text.
    let mut used: usize = spans.iter().map(|s| width(&s.content)).sum::<usize>() + 1;
    if let Some(k) = p
        .and_then(super::super::domain::proposal::Proposal::primary_axis)
        .filter(|_| !st.by_axis)
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

/// The detail of a proposal's support: the score, each group's
/// supporters among its voters, and the flag when one group carries it.
fn support_lines(cx: &Cx, c: &Consensus, id: ProposalId) -> Vec<(String, Style)> {
    let (t, lang) = (&cx.theme, cx.lang);
    let Some(row) = c.row(id) else {
        return Vec::new();
    };
    let score = match row.score {
        Some(s) => lang.tf(
            "results.consensus_score",
            &[("score", &percent_whole(lang, s))],
        ),
        None => cx.t("results.consensus_needs_two").to_string(),
    };
    let groups: Vec<String> = row
        .support
        .iter()
        .map(|s| {
            let name = cx.t(consensus::label_key(s.group));
            let share = percent_whole(lang, s.permille());
            let mut text = format!("{name} {}/{} ({share})", s.supporters, s.voters);
            if !s.scored() {
                text.push_str(&format!(", {}", cx.t("results.consensus_not_scored")));
            }
            text
        })
        .collect();
    let mut out = vec![(
        format!(
            "{score} — {} {}",
            cx.t("results.consensus_support"),
            groups.join(" · ")
        ),
        t.accent(),
    )];
    if let Some(g) = row.carried_by {
        let name = cx.t(consensus::label_key(g));
        out.push((
            format!(
                "⚑ {}",
                lang.tf("results.consensus_carried", &[("group", &name)])
            ),
            t.warn(),
        ));
    }
    out
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
pub fn tie_text(cx: &Cx, outcome: &Outcome) -> String {
    let ids = outcome
        .tied
        .iter()
        .map(|id| format!("n° {id}"))
        .collect::<Vec<_>>()
        .join(", ");
    cx.lang
        .tf("results.tie", &[("ids", &ids), ("places", &outcome.places)])
}

/// The cut line's words: how many are kept, and what became of a tie
/// there (still to settle, or settled by a runoff).
pub fn cut_label(cx: &Cx, doc: &Doc, r: &Round, outcome: &Outcome) -> String {
    let lang = cx.lang;
    let cut = lang.tf("results.cut", &[("n", &r.winners)]);
    if !outcome.tied.is_empty() {
        return format!("{cut} · {}", tie_text(cx, outcome));
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
fn detail(frame: &mut Frame, st: &ResultsState, doc: &Doc, cx: &Cx, block: Rect, area: Rect) {
    let t = &cx.theme;
    let Some(id) = cursor_proposal(st, doc) else {
        frame.render_widget(titled("", false, &cx.theme), block);
        return;
    };
    let Some(p) = doc.w.proposal(id) else { return };
    let round = doc.current_round();
    let shown = round.and_then(|r| doc.revealed(r));
    let row = shown
        .as_ref()
        .and_then(|s| s.tally.rows.iter().find(|r| r.proposal == id));
    let title = super::capture::detail_title(cx, doc, p, block.width.saturating_sub(2) as usize);
    frame.render_widget(titled(Line::from(title), false, &cx.theme), block);
    let width = area.width.saturating_sub(2) as usize;
    let mut out: Vec<Line> = Vec::new();
    // Who gave the dots, by collège: the balance the Pacte asks for. A
    // paper count knows no voter, so it has none.
    let ballots = round
        .and_then(|id| doc.w.round(id))
        .is_some_and(|r| r.mode == crate::domain::Mode::Ballots);
    let consensus = shown
        .as_ref()
        .and_then(crate::domain::Revealed::consensus)
        .filter(|_| st.consensus);
    if let Some(c) = &consensus {
        for (text, style) in support_lines(cx, c, id) {
            out.extend(
                wrap(&text, width)
                    .into_iter()
                    .map(|l| Line::from(Span::styled(format!(" {l}"), style))),
            );
        }
    } else if let Some(merit) = row.and_then(|r| r.merit.as_ref()) {
        // Every grade it got, the majority one first: what the bar says.
        let text = format!(
            "{} {}",
            cx.t("results.grades"),
            grade_counts(cx.lang, merit)
        );
        out.extend(
            wrap(&text, width)
                .into_iter()
                .map(|l| Line::from(Span::styled(format!(" {l}"), t.accent()))),
        );
    } else if let Some(row) = row.filter(|r| ballots && !r.by_college.is_empty()) {
        let parts: Vec<String> = row
            .by_college
            .iter()
            .map(|(c, n)| {
                let label = cx.t(consensus::label_key(*c));
                format!("{label} {n}")
            })
            .collect();
        let text = format!("{} {}", cx.t("results.by_college"), parts.join(" · "));
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
        out.push(Line::from(Span::styled(cx.more_hint(), t.dim())));
    }
    frame.render_widget(Paragraph::new(out), area);
}

/// "Mention majoritaire : Bien — Excellent 2 · Très bien 3 · …", the
/// grades nobody gave left out.
fn grade_counts(lang: crate::i18n::Lang, merit: &Merit) -> String {
    let counts: Vec<String> = GRADE_KEYS
        .iter()
        .zip(merit.counts)
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{} {n}", lang.t(k)))
        .collect();
    let majority = merit
        .majority_grade()
        .map_or("—", |g| lang.t(GRADE_KEYS[usize::from(g)]));
    format!("{majority} — {}", counts.join(" · "))
}

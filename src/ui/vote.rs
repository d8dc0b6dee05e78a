//! Voting: the rounds and their rules, the paper tally, and the booth.
//! The booth shows one voter's ballot and nothing of anyone else's.

use super::widgets::{badge, fit, one_line, truncate, width, wrap};
use super::{layout, rows, titled};
use crate::app::cx::Cx;
use crate::app::doc::Doc;
use crate::app::phones::Phones;
use crate::app::screens::vote::VoteState;
use crate::app::screens::vote::{Booth, PickRow, View, in_scope, picker_rows};
use crate::domain::round::Method;
use crate::domain::{Mode, Round, RoundState, Voter};
use crate::i18n::{Lang, tn};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_big_text::{BigText, PixelSize};

pub fn draw(frame: &mut Frame, st: &VoteState, doc: &Doc, phones: &Phones, cx: &Cx, body: Rect) {
    let a = layout::vote(body);
    let round = st.selected(&doc.w);
    match (&st.view, round) {
        (View::Thanks { name, generation }, _) => {
            thanks(frame, cx, body, name, doc.saved >= *generation);
        }
        (_, None) => {
            frame.render_widget(
                titled(format!(" {} ", cx.t("vote.rounds")), true, &cx.theme),
                a.list_block,
            );
            let hint = Span::styled(format!("  {}", cx.t("vote.none_yet")), cx.theme.dim());
            frame.render_widget(Paragraph::new(hint), a.list);
            frame.render_widget(titled("", false, &cx.theme), a.side_block);
        }
        (View::Rounds, Some(r)) => {
            rounds(frame, st, cx, doc, &a);
            if phones_shown(phones, doc) {
                phones_panel(frame, phones, cx, doc, a.side_block, a.side);
            } else {
                details(frame, cx, doc, r, a.side_block, a.side);
            }
        }
        (View::Ballots(list), Some(r)) => {
            ballots(frame, cx, doc, r, list, &a);
            details(frame, cx, doc, r, a.side_block, a.side);
        }
        (View::Paper { list, typed }, Some(r)) => tally(frame, cx, doc, r, list, typed, &a),
        (View::Picker { list, filter }, Some(r)) => picker(frame, cx, doc, r, list, filter, &a),
        (View::Ballot(b), Some(r)) => ballot(frame, cx, doc, r, b, &a),
    }
}

/// `ouvert`, `clos`, `révélé`.
fn status(lang: Lang, r: &Round) -> &'static str {
    crate::i18n::describe::status(lang, r.state())
}

fn rounds(frame: &mut Frame, st: &VoteState, cx: &Cx, doc: &Doc, a: &layout::VoteAreas) {
    let t = &cx.theme;
    let title = format!(" {} ", tn(cx.lang, "n.rounds", doc.w.rounds().len()));
    frame.render_widget(titled(title, true, &cx.theme), a.list_block);
    let w = a.list.width as usize;
    let window = st
        .rounds
        .window(doc.w.rounds().len(), a.list.height as usize);
    let selected = st.rounds.selected.checked_sub(window.start);
    let lines = doc.w.rounds()[window]
        .iter()
        .map(|r| {
            let state = status(cx.lang, r);
            let count = match r.mode {
                Mode::Ballots => tn(cx.lang, "n.ballots", r.counted_ballots().count()),
                Mode::Paper => cx.t("vote.mode_tally_short").to_string(),
            };
            let right = format!(" {state} · {count} ");
            let style = match r.state() {
                RoundState::Revealed => t.ok(),
                RoundState::Open => t.accent(),
                RoundState::Closed => t.dim(),
            };
            Line::from(vec![
                Span::styled(
                    fit(&format!(" {}", r.name), w.saturating_sub(width(&right))),
                    t.text(),
                ),
                Span::styled(right, style),
            ])
        })
        .collect();
    rows(frame, a.list, lines, selected, &cx.theme);
}

fn details(frame: &mut Frame, cx: &Cx, doc: &Doc, r: &Round, block: Rect, area: Rect) {
    let t = &cx.theme;
    let lang = cx.lang;
    frame.render_widget(titled(format!(" {} ", r.name), false, &cx.theme), block);
    let in_scope = in_scope(&doc.w, r).len();
    let mut lines = vec![Line::from(format!(
        " {} {} ({in_scope})",
        cx.t("vote.on"),
        crate::i18n::describe::scope(cx.lang, &doc.w, &r.scope)
    ))];
    // The mode, and whether each voter sees their own order: wrapped.
    lines.extend(
        wrap(
            &crate::i18n::describe::mode(lang, r),
            area.width.saturating_sub(2) as usize,
        )
        .into_iter()
        .map(|l| Line::from(format!(" {l}"))),
    );
    let rules = crate::i18n::describe::rules(lang, r);
    lines.extend(
        wrap(&rules, area.width.saturating_sub(2) as usize)
            .into_iter()
            .map(|l| Line::from(format!(" {l}"))),
    );
    lines.push(Line::from(Span::styled(
        format!(" {}", status(lang, r)),
        t.accent(),
    )));
    lines.push(Line::from(""));
    if let Some(public) = doc.public(r.id) {
        let participation = crate::i18n::describe::participation(lang, public.participation());
        lines.push(Line::from(format!(" {participation}")));
    }
    if let Some(of) = r.runoff_of.and_then(|id| doc.w.round(id)) {
        lines.push(Line::from(Span::styled(
            format!(" {}", lang.tf("vote.runoff_of", &[("name", &of.name)])),
            t.dim(),
        )));
    }
    let flagged = crate::app::screens::vote::flagged_ballots(r);
    if flagged > 0 {
        lines.push(Line::from(Span::styled(
            format!(" ⚠ {}", lang.tf("vote.flagged", &[("n", &flagged)])),
            t.warn(),
        )));
    }
    lines.push(Line::from(""));
    let hint = match r.state() {
        RoundState::Revealed => lang.t("vote.revealed_hint").to_string(),
        RoundState::Closed => lang.tf("vote.closed_hint", &[("name", &r.name)]),
        RoundState::Open if r.mode == Mode::Ballots => lang.t("vote.open_booth_hint").to_string(),
        RoundState::Open => lang.t("vote.open_tally_hint").to_string(),
    };
    for l in wrap(&hint, area.width.saturating_sub(2) as usize) {
        lines.push(Line::from(Span::styled(format!(" {l}"), t.dim())));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// Phone voting is on (by key, or by `--listen` with a round open).
pub fn phones_shown(phones: &Phones, doc: &Doc) -> bool {
    phones.wanted(Some(&doc.w)).is_some()
}

/// How phones reach the vote, and how many have: never what they voted.
fn phones_panel(frame: &mut Frame, phones: &Phones, cx: &Cx, doc: &Doc, block: Rect, area: Rect) {
    use crate::app::phones::Server;
    let (t, lang) = (&cx.theme, cx.lang);
    frame.render_widget(
        titled(format!(" {} ", cx.t("phones.title")), false, &cx.theme),
        block,
    );
    let width = area.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    let say = |lines: &mut Vec<Line>, text: &str, style| {
        for l in wrap(text, width) {
            lines.push(Line::from(Span::styled(format!(" {l}"), style)));
        }
    };
    let round = phones.round_in(&doc.w);
    match (&phones.server, round) {
        (Server::Failed(why), _) => say(
            &mut lines,
            &lang.tf("phones.failed", &[("reason", why)]),
            t.error(),
        ),
        (_, None) => say(&mut lines, cx.t("phones.no_round"), t.warn()),
        (Server::Running(_), Some(r)) => {
            let url = phones.url(&doc.w).unwrap_or_default();
            let qr = crate::ui::qr::lines(&url)
                .filter(|(q, w)| *w <= area.width && q.len() + 6 <= area.height as usize);
            if let Some((q, _)) = qr {
                lines.extend(q);
            }
            lines.push(Line::from(Span::styled(format!(" {url}"), t.title())));
            if let Some(code) = doc.w.join() {
                lines.push(Line::from(Span::styled(
                    format!(" {}", lang.tf("phones.code", &[("code", &code)])),
                    t.accent(),
                )));
            }
            let mut stats = vec![
                lang.tf("phones.joined", &[("n", &phones.joined.len())]),
                lang.tf(
                    "phones.ballots",
                    &[("n", &crate::app::phones::Phones::ballots(r))],
                ),
            ];
            if let Some(last) = phones.last_ballot {
                stats.push(lang.tf("phones.last", &[("time", &last.time_hms())]));
            }
            if phones.locked {
                stats.push(cx.t("phones.locked").to_string());
            }
            if phones.nobody_came(cx.instant) {
                say(&mut lines, cx.t("phones.nobody_came"), t.warn());
            }
            say(&mut lines, &stats.join(" · "), t.text());
            say(
                &mut lines,
                &lang.tf("phones.voters", &[("who", &lang.t(r.phones.label_key()))]),
                t.dim(),
            );
        }
        (_, Some(_)) => say(&mut lines, cx.t("phones.starting"), t.dim()),
    }
    if let Some(addr) = phones.listen {
        // `--listen` decides the address, whatever interface is first.
        say(
            &mut lines,
            &lang.tf("phones.listening", &[("addr", &addr)]),
            t.dim(),
        );
    } else if let Some(n) = phones.networks.get(phones.network) {
        say(
            &mut lines,
            &lang.tf("phones.network", &[("name", &n.name), ("ip", &n.ip)]),
            t.dim(),
        );
    } else {
        say(&mut lines, cx.t("phones.no_network"), t.warn());
    }
    // A key never leaves its label: lines break between keys.
    let keys: Vec<String> = cx
        .t("phones.keys")
        .split(" · ")
        .map(str::to_string)
        .collect();
    for l in super::widgets::pack(&keys, " · ", width) {
        lines.push(Line::from(Span::styled(format!(" {l}"), t.dim())));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn voter_name(cx: &Cx, doc: &Doc, v: Voter) -> String {
    match v {
        Voter::Participant(id) => doc
            .w
            .participant(id)
            .map_or_else(|| format!("p{id}"), |p| p.name.clone()),
        Voter::Anonymous(n) => cx.lang.tf("vote.anonymous_n", &[("n", &n)]),
    }
}

fn ballots(
    frame: &mut Frame,
    cx: &Cx,
    doc: &Doc,
    r: &Round,
    list: &crate::app::list::ListState,
    a: &layout::VoteAreas,
) {
    let t = &cx.theme;
    let title = format!(" {} ", tn(cx.lang, "n.ballots", r.ballots.len()));
    frame.render_widget(titled(title, true, &cx.theme), a.list_block);
    let flagged = r.flagged_ballots();
    let w = a.list.width as usize;
    let window = list.window(r.ballots.len(), a.list.height as usize);
    let selected = list.selected.checked_sub(window.start);
    let lines = r.ballots[window.clone()]
        .iter()
        .enumerate()
        .map(|(k, b)| {
            let i = window.start + k;
            // Who voted and how many dots, never for what: the screen is projected.
            let mut right = format!(" {} ", tn(cx.lang, "n.dots", b.spent() as usize));
            if let Some(at) = b.cast {
                right.push_str(&format!("· {} ", at.0.format("%H:%M")));
            }
            if b.device.is_some() {
                right.push_str(&format!("· {} ", cx.t("vote.from_phone")));
            }
            let (mark, style) = if b.void {
                (cx.t("vote.void"), t.dim())
            } else if flagged.iter().any(|(j, _)| *j == i) {
                (cx.t("vote.over_rules"), t.warn())
            } else {
                ("", t.text())
            };
            let right = format!("{right}{mark} ");
            Line::from(vec![
                Span::styled(
                    fit(
                        &format!(" {}", voter_name(cx, doc, b.voter)),
                        w.saturating_sub(width(&right)),
                    ),
                    style,
                ),
                Span::styled(right, style),
            ])
        })
        .collect();
    rows(frame, a.list, lines, selected, &cx.theme);
}

/// A proposal on one line with something at its right (dots, a count).
fn proposal_line(
    cx: &Cx,
    doc: &Doc,
    i: usize,
    right: Vec<Span<'static>>,
    w: usize,
) -> Line<'static> {
    let t = &cx.theme;
    let p = &doc.w.proposals()[i];
    let mut spans = vec![Span::styled(format!("{:>5} ", p.id.0), t.dim())];
    let mut used = 6 + right.iter().map(|s| width(&s.content)).sum::<usize>();
    if let Some(k) = p.primary_axis() {
        let b = badge(&doc.w, k, true, t);
        used += width(&b.content) + 1;
        spans.push(b);
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled(
        fit(&one_line(&p.text), w.saturating_sub(used)),
        t.text(),
    ));
    spans.extend(right);
    Line::from(spans)
}

fn tally(
    frame: &mut Frame,
    cx: &Cx,
    doc: &Doc,
    r: &Round,
    list: &crate::app::list::ListState,
    typed: &str,
    a: &layout::VoteAreas,
) {
    let t = &cx.theme;
    let scope = in_scope(&doc.w, r);
    frame.render_widget(
        titled(
            format!(
                " {} — {} ",
                r.name,
                cx.t(if r.method == Method::Judgment {
                    "vote.tally_title_judged"
                } else {
                    "vote.tally_title"
                })
            ),
            true,
            &cx.theme,
        ),
        a.list_block,
    );
    let w = a.list.width as usize;
    let judged = r.method == Method::Judgment;
    let per = if judged {
        crate::domain::judgment::GRADES
    } else {
        1
    };
    let window = list.window(scope.len() * per, a.list.height as usize);
    let selected = list.selected.checked_sub(window.start);
    let lines = window
        .clone()
        .enumerate()
        .map(|(k, row)| {
            let i = scope[row / per];
            let id = doc.w.proposals()[i].id;
            let grade = judged.then_some(row % per);
            let count = r.tally_entry(id).map_or(0, |e| match grade {
                Some(g) => e.grades.get(g).copied().unwrap_or(0),
                None => e.dots,
            });
            let figure = if Some(k) == selected && !typed.is_empty() {
                Span::styled(format!(" {typed:>4}▏"), t.key())
            } else {
                Span::styled(
                    format!(" {count:>4} "),
                    if count > 0 { t.accent() } else { t.dim() },
                )
            };
            match grade {
                None => proposal_line(cx, doc, i, vec![figure], w),
                // The proposal on its first grade's row; each grade's
                // word beside its count, in its colour.
                Some(g) => {
                    let word = grade_mark(cx, g as u32 + 1);
                    if g == 0 {
                        proposal_line(cx, doc, i, vec![word, figure], w)
                    } else {
                        let lead = w.saturating_sub(width(&word.content) + width(&figure.content));
                        Line::from(vec![Span::raw(" ".repeat(lead)), word, figure])
                    }
                }
            }
        })
        .collect();
    rows(frame, a.list, lines, selected, &cx.theme);
    frame.render_widget(
        titled(
            format!(" {} ", cx.t("vote.tally_help_title")),
            false,
            &cx.theme,
        ),
        a.side_block,
    );
    let total: u32 = r.tallies.iter().map(|e| e.dots).sum();
    let (counted, help) = if judged {
        ("vote.participation_tally_judged", "vote.tally_help_judged")
    } else {
        ("vote.participation_tally", "vote.tally_help")
    };
    let mut lines = vec![Line::from(format!(
        " {}",
        cx.lang.tf(counted, &[("dots", &total)])
    ))];
    lines.push(Line::from(""));
    for l in wrap(cx.t(help), a.side.width.saturating_sub(2) as usize) {
        lines.push(Line::from(Span::styled(format!(" {l}"), t.dim())));
    }
    frame.render_widget(Paragraph::new(lines), a.side);
}

fn picker(
    frame: &mut Frame,
    cx: &Cx,
    doc: &Doc,
    r: &Round,
    list: &crate::app::list::ListState,
    filter: &crate::app::field::Field,
    a: &layout::VoteAreas,
) {
    let t = &cx.theme;
    frame.render_widget(
        titled(
            format!(" {} — {} ", cx.t("vote.who_votes"), r.name),
            true,
            &cx.theme,
        ),
        a.list_block,
    );
    let (search, area) = (
        Rect::new(
            a.list.x + 1,
            a.list.y,
            a.list.width.saturating_sub(2),
            1.min(a.list.height),
        ),
        Rect::new(
            a.list.x,
            a.list.y + 2,
            a.list.width,
            a.list.height.saturating_sub(2),
        ),
    );
    frame.render_widget(filter.area(), search);
    let names: Vec<(String, String)> = picker_rows(&doc.w, r, &filter.text())
        .into_iter()
        .map(|row| match row {
            PickRow::Participant(id) => doc
                .w
                .participant(id)
                .map(|p| (p.name.clone(), p.organisation.clone()))
                .unwrap_or_default(),
            PickRow::Anonymous => (
                cx.t("vote.anonymous_row").to_string(),
                cx.lang
                    .tf("vote.anonymous_n", &[("n", &r.next_anonymous())]),
            ),
        })
        .collect();
    let w = area.width as usize;
    let window = list.window(names.len(), area.height as usize);
    let selected = list.selected.checked_sub(window.start);
    let lines: Vec<Line> = if names.is_empty() {
        vec![Line::from(Span::styled(
            format!(
                " {}",
                cx.lang
                    .tf("vote.no_match", &[("name", &filter.text().trim())])
            ),
            t.warn(),
        ))]
    } else {
        names[window]
            .iter()
            .map(|(name, org)| {
                let org = if org.is_empty() {
                    String::new()
                } else {
                    format!(" · {org}")
                };
                Line::from(vec![
                    Span::styled(format!(" {name}"), t.text()),
                    Span::styled(truncate(&org, w.saturating_sub(width(name) + 1)), t.dim()),
                ])
            })
            .collect()
    };
    rows(frame, area, lines, selected, &cx.theme);
    frame.render_widget(
        titled(format!(" {} ", cx.t("vote.booth")), false, &cx.theme),
        a.side_block,
    );
    let voted = r.counted_ballots().count();
    let mut lines = vec![
        Line::from(format!(" {}", tn(cx.lang, "n.ballots", voted))),
        Line::from(""),
    ];
    for l in wrap(
        cx.t("vote.picker_help"),
        a.side.width.saturating_sub(2) as usize,
    ) {
        lines.push(Line::from(Span::styled(format!(" {l}"), t.dim())));
    }
    frame.render_widget(Paragraph::new(lines), a.side);
}

/// "32–39 sur 39" when the list does not fit: the voter knows there is more.
fn position(cx: &Cx, window: &std::ops::Range<usize>, len: usize) -> String {
    if window.start == 0 && window.end >= len {
        return String::new();
    }
    cx.lang.tf(
        "vote.position",
        &[
            ("from", &(window.start + 1)),
            ("to", &window.end),
            ("n", &len),
        ],
    )
}

fn ballot(frame: &mut Frame, cx: &Cx, doc: &Doc, r: &Round, b: &Booth, a: &layout::VoteAreas) {
    let t = &cx.theme;
    // In this voter's own order when the round shuffles it.
    let key = crate::domain::order::OrderKey::Voter(b.draft.voter);
    let scope = crate::domain::order::proposals_for(&doc.w, r, &key);
    let window = b.list.window(scope.len(), a.list.height as usize);
    let title = cx.lang.tf("vote.ballot_of", &[("name", &b.name)]);
    let more = position(cx, &window, scope.len());
    let more = if more.is_empty() {
        String::new()
    } else {
        format!("— {more} ")
    };
    frame.render_widget(
        titled(format!(" {title} {more}"), true, &cx.theme),
        a.list_block,
    );
    let w = a.list.width as usize;
    let selected = b.list.selected.checked_sub(window.start);
    let cap = r.max_per_proposal as usize;
    let judged = r.method == Method::Judgment;
    let lines = scope[window]
        .iter()
        .map(|i| {
            let n = b.draft.on(doc.w.proposals()[*i].id) as usize;
            let mark = if judged {
                grade_mark(cx, n as u32)
            } else {
                let dots = format!(
                    " {}{} ",
                    "●".repeat(n.min(cap)),
                    "○".repeat(cap.saturating_sub(n))
                );
                Span::styled(dots, if n > 0 { t.marked() } else { t.dim() })
            };
            proposal_line(cx, doc, *i, vec![mark], w)
        })
        .collect();
    rows(frame, a.list, lines, selected, &cx.theme);
    ballot_side(frame, cx, doc, r, b, &scope, a);
}

/// Beside the ballot: what is left to give, the rule, the proposal under
/// the cursor whole, and the keys.
fn ballot_side(
    frame: &mut Frame,
    cx: &Cx,
    doc: &Doc,
    r: &Round,
    b: &Booth,
    scope: &[usize],
    a: &layout::VoteAreas,
) {
    let t = &cx.theme;
    let judged = r.method == Method::Judgment;
    let side_title = if judged {
        "vote.grades_left"
    } else {
        "vote.dots_left"
    };
    frame.render_widget(
        titled(format!(" {} ", cx.t(side_title)), false, &cx.theme),
        a.side_block,
    );
    let left = b.draft.left(&doc.w, r);
    let of = if judged {
        scope.len() as u32
    } else {
        r.dots_per_voter
    };
    let side = a.side;
    let text_w = side.width.saturating_sub(2) as usize;
    // The dots left, large enough to read from the chair when there is
    // room; on a small screen the proposal's text comes first.
    let big_h = if side.height >= 14 { 4 } else { 0 };
    if big_h > 0 {
        let big = BigText::builder()
            .pixel_size(PixelSize::Quadrant)
            .style(if left == 0 { t.ok() } else { t.accent() })
            .alignment(Alignment::Center)
            .lines(vec![Line::from(format!("{left}/{of}"))])
            .build();
        frame.render_widget(big, Rect::new(side.x, side.y, side.width, big_h));
    }
    let cap = if judged {
        cx.t("vote.grade_rule").to_string()
    } else {
        cx.lang.tf("vote.cap_line", &[("cap", &r.max_per_proposal)])
    };
    let mut lines = if big_h > 0 {
        vec![Line::from(format!(" {cap}"))]
    } else {
        let count = format!(" {left}/{of} ");
        vec![Line::from(vec![
            Span::styled(count, if left == 0 { t.ok() } else { t.accent() }),
            Span::styled(format!(" {cap}"), t.text()),
        ])]
    };
    if judged {
        for l in wrap(cx.t("vote.grade_line"), text_w) {
            lines.push(Line::from(Span::styled(format!(" {l}"), t.dim())));
        }
    }
    // The proposal under the cursor, whole: a voter reads what they vote for.
    if let Some(p) = scope.get(b.list.selected).map(|i| &doc.w.proposals()[*i]) {
        lines.push(Line::from(""));
        let mut head = vec![Span::styled(format!(" n° {} ", p.id), t.title())];
        if let Some(k) = p.primary_axis() {
            head.push(badge(&doc.w, k, false, t));
        }
        lines.push(Line::from(head));
        for l in wrap(&p.text, text_w) {
            lines.push(Line::from(Span::styled(format!(" {l}"), t.text())));
        }
    }
    lines.push(Line::from(""));
    let help = if judged {
        "vote.grade_help"
    } else {
        "vote.ballot_help"
    };
    for l in wrap(cx.t(help), text_w) {
        lines.push(Line::from(Span::styled(format!(" {l}"), t.dim())));
    }
    let rest = Rect::new(
        side.x,
        side.y + big_h,
        side.width,
        side.height.saturating_sub(big_h),
    );
    frame.render_widget(Paragraph::new(lines), rest);
}

/// A proposal's grade on a judgment ballot: its word on its colour, the
/// same width for every grade so the column stays straight; "à noter"
/// before one is given.
fn grade_mark(cx: &Cx, mark: u32) -> Span<'static> {
    let words = crate::domain::judgment::GRADE_KEYS.map(|k| cx.t(k));
    let w = words.iter().map(|s| width(s)).max().unwrap_or(0);
    match crate::domain::judgment::grade_of_mark(mark) {
        Some(g) => Span::styled(
            format!(" {} ", fit(words[usize::from(g)], w)),
            cx.theme.grade(g),
        ),
        None => Span::styled(
            format!(" {} ", fit(cx.t("vote.ungraded"), w)),
            cx.theme.dim(),
        ),
    }
}

/// Between voters: a thank-you, and nothing of any ballot.
/// The thank-you, once the ballot is on disk; "un instant…" until then.
fn thanks(frame: &mut Frame, cx: &Cx, body: Rect, name: &str, durable: bool) {
    let t = &cx.theme;
    let (big_text, said, next) = if durable {
        (
            cx.t("vote.thanks_big"),
            cx.lang.tf("vote.thanks", &[("name", &name)]),
            cx.t("vote.next_voter"),
        )
    } else {
        (
            cx.t("vote.wait_big"),
            cx.lang.tf("vote.saving_ballot", &[("name", &name)]),
            "",
        )
    };
    let big_h = 4.min(body.height);
    let top = body.y + body.height.saturating_sub(big_h + 4) / 2;
    let big = BigText::builder()
        .pixel_size(PixelSize::Quadrant)
        .style(t.ok())
        .alignment(Alignment::Center)
        .lines(vec![Line::from(big_text)])
        .build();
    frame.render_widget(big, Rect::new(body.x, top, body.width, big_h));
    let lines = vec![
        Line::from(""),
        Line::from(said),
        Line::from(Span::styled(next, t.key())),
    ];
    let p = Paragraph::new(lines).alignment(Alignment::Center);
    frame.render_widget(
        p,
        Rect::new(body.x, top + big_h, body.width, 3.min(body.height)),
    );
}

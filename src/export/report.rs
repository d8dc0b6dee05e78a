//! What the report says: the workshop, who took part, the proposals by
//! axis, every round and its results, the proposals kept, and the action
//! sheets in full.

use super::Options;
use super::document::{Bar, Block, Chart, Document, Inline, Item, Table};
use crate::domain::consensus::Consensus;
use crate::domain::judgment::{GRADE_KEYS, Merit};
use crate::domain::participant::fold;
use crate::domain::round::Method;
use crate::domain::sheet::{IndicatorKind, NatureKind};
use crate::domain::synthesis::summary;
use crate::domain::tally::Outcome;
use crate::domain::{
    College, Mode, Proposal, ProposalId, Public, Revealed, Round, Sheet, Workshop,
};
use crate::i18n::{Lang, describe, euros, percent, tn, tnf};
use std::collections::{HashMap, HashSet};

/// Hides people's names when the report is anonymous: an author who is a
/// participant becomes their organisation.
pub struct Names<'a> {
    by_name: HashMap<String, &'a str>,
    pub anonymous: bool,
}

impl<'a> Names<'a> {
    pub fn new(w: &'a Workshop, anonymous: bool) -> Names<'a> {
        let by_name = w
            .participants()
            .iter()
            .map(|p| (fold(p.name.trim()), p.organisation.as_str()))
            .collect();
        Names { by_name, anonymous }
    }

    /// A sheet as it may be shared: without the pilot's contact and with
    /// authors replaced, when anonymous.
    pub fn sheet(&self, s: &Sheet) -> Sheet {
        let mut s = s.clone();
        if self.anonymous {
            s.pilote.contact.clear();
            for p in &mut s.origin.proposals {
                p.author = self.author(&p.author);
            }
        }
        s
    }

    pub fn author(&self, author: &str) -> String {
        if !self.anonymous {
            return author.to_string();
        }
        match self.by_name.get(&fold(author.trim())) {
            Some(org) => org.to_string(),
            None => author.to_string(),
        }
    }
}

/// What every export reads, computed once: who is who, an index of the
/// proposals (a big workshop has thousands), and each round's count.
pub struct Ctx<'a> {
    pub w: &'a Workshop,
    pub lang: Lang,
    pub names: Names<'a>,
    by_id: HashMap<ProposalId, &'a Proposal>,
    children: HashMap<ProposalId, Vec<&'a Proposal>>,
    pub results: Vec<RoundResult<'a>>,
}

impl<'a> Ctx<'a> {
    pub fn new(w: &'a Workshop, opts: &Options) -> Ctx<'a> {
        let mut children: HashMap<ProposalId, Vec<&'a Proposal>> = HashMap::new();
        for p in w.proposals() {
            if let Some(into) = p.merged_into {
                children.entry(into).or_default().push(p);
            }
        }
        Ctx {
            w,
            lang: opts.lang,
            names: Names::new(w, opts.anonymous),
            by_id: w.proposals().iter().map(|p| (p.id, &**p)).collect(),
            children,
            results: w.rounds().iter().map(|r| RoundResult::of(w, r)).collect(),
        }
    }

    pub fn proposal(&self, id: ProposalId) -> Option<&'a Proposal> {
        self.by_id.get(&id).copied()
    }

    /// The proposals merged directly into `id`.
    pub fn merged_into(&self, id: ProposalId) -> &[&'a Proposal] {
        self.children.get(&id).map_or(&[], Vec::as_slice)
    }

    fn text_of(&self, id: ProposalId) -> String {
        self.proposal(id).map_or(String::new(), |p| p.text.clone())
    }
}

/// What may be shown of a round (see `domain::public`), computed once:
/// for a hidden round, its participation and nothing per proposal.
pub struct RoundResult<'a> {
    pub round: &'a Round,
    pub public: Public<'static>,
    /// Dots per proposal in this round's ranking (empty while hidden).
    dots: HashMap<ProposalId, u32>,
    kept: HashSet<ProposalId>,
    tied: HashSet<ProposalId>,
}

impl<'a> RoundResult<'a> {
    pub fn of(w: &Workshop, round: &'a Round) -> RoundResult<'a> {
        let public = Public::compute(w, round);
        let (mut dots, mut kept, mut tied) = Default::default();
        if let Some(shown) = public.revealed() {
            dots = shown
                .tally
                .rows
                .iter()
                .map(|r| (r.proposal, r.dots))
                .collect();
            kept = shown.outcome.kept.iter().copied().collect();
            tied = shown.outcome.tied.iter().copied().collect();
        }
        RoundResult {
            round,
            public,
            dots,
            kept,
            tied,
        }
    }

    /// The result, once revealed.
    pub fn shown(&self) -> Option<&Revealed<'static>> {
        self.public.revealed()
    }

    /// The dots of a proposal in this round's ranking; `None` when the
    /// round was not about it, or is not revealed.
    pub fn dots_of(&self, id: ProposalId) -> Option<u32> {
        self.dots.get(&id).copied()
    }

    pub fn kept(&self, id: ProposalId) -> bool {
        self.kept.contains(&id)
    }

    pub fn tied(&self, id: ProposalId) -> bool {
        self.tied.contains(&id)
    }

    /// The share of the dots, in tenths of a percent.
    pub fn permille(&self, dots: u32) -> u64 {
        let spent = u64::from(self.public.participation().dots_spent);
        (u64::from(dots) * 1000 + spent / 2)
            .checked_div(spent)
            .unwrap_or(0)
    }

    /// The collèges that gave dots, in their usual order.
    /// The collèges that gave dots, and "sans collège" when people
    /// without one did: the columns then add up to the total.
    pub fn colleges(&self) -> Vec<Option<College>> {
        crate::domain::tally::groups_in_order()
            .filter(|c| {
                self.shown().is_some_and(|shown| {
                    shown
                        .tally
                        .rows
                        .iter()
                        .any(|r| r.by_college.iter().any(|(k, n)| k == c && *n > 0))
                })
            })
            .collect()
    }
}

pub fn badge(w: &Workshop, key: AxisKey) -> Inline {
    match w.axis(key) {
        Some(a) => Inline::Badge {
            key,
            label: a.short.clone(),
            color: a.color,
        },
        None => Inline::Text(format!("[{key}]")),
    }
}

use crate::domain::AxisKey;

/// How a round was run, in one line.
pub fn rules(lang: Lang, w: &Workshop, r: &Round) -> String {
    let scope = describe::scope(lang, w, &r.scope);
    let mut mode = match r.mode {
        Mode::Ballots => lang.t("report.mode_ballots"),
        Mode::Paper => lang.t("vote.mode_tally_short"),
    }
    .to_string();
    if crate::domain::order::shuffles(r) {
        mode = format!("{mode}, {}", lang.t("vote.order_shuffled_short"));
    }
    let rules = crate::i18n::describe::rules(lang, r);
    format!("{scope} · {mode} · {rules}")
}

pub fn status(lang: Lang, r: &Round) -> &'static str {
    // A closed round not revealed says so: "clos" alone read as if its
    // results were out.
    match r.state() {
        crate::domain::public::RoundState::Closed => lang.t("report.status_hidden"),
        state => describe::status(lang, state),
    }
}

/// The whole report.
pub fn report(ctx: &Ctx) -> Document {
    let (w, lang) = (ctx.w, ctx.lang);
    let names = &ctx.names;
    let mut doc = Document::about(w.details().title.clone(), lang, w, names.anonymous);
    doc.heading(1, w.details().title.clone(), "top");
    details(&mut doc, w);
    overview(&mut doc, w);
    participants(&mut doc, w, names.anonymous);
    proposals(&mut doc, ctx);
    received(&mut doc, ctx);
    rounds(&mut doc, ctx);
    kept(&mut doc, ctx);
    doc.heading(2, tn(lang, "n.sheets", w.sheets().len()), "sheets");
    if w.sheets().is_empty() {
        doc.text(lang.t("report.no_sheets"));
    }
    for sheet in w.sheets() {
        sheet_blocks(&mut doc, w, sheet, 3, names);
    }
    doc
}

/// All the action sheets in one document.
pub fn sheets_document(ctx: &Ctx) -> Document {
    let (w, lang) = (ctx.w, ctx.lang);
    let names = &ctx.names;
    let title = lang.tf("report.sheets_title", &[("title", &w.details().title)]);
    let mut doc = Document::about(title.clone(), lang, w, names.anonymous);
    doc.heading(1, title, "top");
    details(&mut doc, w);
    if w.sheets().is_empty() {
        doc.text(lang.t("report.no_sheets"));
    }
    for sheet in w.sheets() {
        sheet_blocks(&mut doc, w, sheet, 2, names);
    }
    doc
}

fn details(doc: &mut Document, w: &Workshop) {
    let lang = doc.lang;
    let d = &w.details();
    let mut rows: Vec<(&str, String)> = vec![
        ("report.territory", d.territory.clone()),
        (
            "report.date",
            d.date
                .map(|x| x.0.format("%d/%m/%Y").to_string())
                .unwrap_or_default(),
        ),
        ("report.place", d.place.clone()),
        ("report.facilitator", d.facilitator.clone()),
        ("report.question", d.question.clone()),
    ];
    rows.retain(|(_, v)| !v.trim().is_empty());
    for (key, value) in rows {
        doc.field(lang.t(key), vec![Inline::Text(value)]);
    }
}

fn overview(doc: &mut Document, w: &Workshop) {
    let lang = doc.lang;
    doc.heading(2, lang.t("report.overview"), "overview");
    let live = w.live_proposals().count();
    let merged = w.proposals().len() - live;
    let ballots: usize = w.rounds().iter().map(|r| r.counted_ballots().count()).sum();
    let mut items = vec![
        Item::new(vec![Inline::Text(format!(
            "{} ({})",
            tn(lang, "n.proposals", live),
            tn(lang, "n.merged", merged)
        ))]),
        Item::new(vec![Inline::Text(tn(
            lang,
            "n.participants",
            w.participants().len(),
        ))]),
        Item::new(vec![Inline::Text(format!(
            "{} ({})",
            tn(lang, "n.rounds", w.rounds().len()),
            tn(lang, "n.ballots", ballots)
        ))]),
        Item::new(vec![Inline::Text(tn(lang, "n.sheets", w.sheets().len()))]),
    ];
    let (per_axis, untagged) = w.counts_per_axis();
    let mut axes = Item::new(vec![Inline::Text(lang.t("report.per_axis").to_string())]);
    for (key, n) in per_axis {
        let mut line = vec![badge(w, key)];
        line.push(Inline::Text(format!(" {}", tn(lang, "n.proposals", n))));
        axes.children.push(Item::new(line));
    }
    if untagged > 0 {
        axes.children.push(Item::new(vec![Inline::Text(format!(
            "{} : {}",
            lang.t("cli.untagged"),
            tn(lang, "n.proposals", untagged)
        ))]));
    }
    items.push(axes);
    doc.list(items);
    // A synthesis says what each workshop brought.
    let sum = summary(w);
    if sum.per_workshop.iter().any(|(file, _)| !file.is_empty()) {
        let here = lang.t("report.typed_here");
        doc.table(Table {
            caption: lang.t("report.per_workshop").to_string(),
            head: [
                "report.workshop",
                "report.proposals",
                "report.rounds",
                "report.ballots",
                "report.sheets",
            ]
            .iter()
            .map(|k| lang.t(k).to_string())
            .collect(),
            rows: sum
                .per_workshop
                .iter()
                .map(|(file, c)| {
                    vec![
                        if file.is_empty() {
                            here.to_string()
                        } else {
                            file.clone()
                        },
                        c.proposals.to_string(),
                        c.rounds.to_string(),
                        c.ballots.to_string(),
                        c.sheets.to_string(),
                    ]
                })
                .collect(),
            numeric: vec![false, true, true, true, true],
        });
    }
}

fn college_label(lang: Lang, c: Option<College>) -> &'static str {
    lang.t(crate::domain::consensus::label_key(c))
}

fn participants(doc: &mut Document, w: &Workshop, anonymous: bool) {
    let lang = doc.lang;
    doc.heading(
        2,
        tn(lang, "n.participants", w.participants().len()),
        "participants",
    );
    if w.participants().is_empty() {
        doc.text(lang.t("report.no_participants"));
        return;
    }
    if anonymous {
        // Organisations and collèges only, with how many came from each.
        let mut groups: Vec<((String, Option<College>), usize)> = Vec::new();
        for p in w.participants() {
            let key = (p.organisation.trim().to_string(), p.college);
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, n)) => *n += 1,
                None => groups.push((key, 1)),
            }
        }
        groups.sort_by(|a, b| (a.0.1, &a.0.0).cmp(&(b.0.1, &b.0.0)));
        doc.text(lang.t("report.anonymous_note"));
        doc.table(Table {
            caption: lang.t("report.participants_anonymous").to_string(),
            head: vec![
                lang.t("report.organisation").into(),
                lang.t("report.college").into(),
                lang.t("report.people").into(),
            ],
            rows: groups
                .into_iter()
                .map(|((org, c), n)| vec![org, college_label(lang, c).into(), n.to_string()])
                .collect(),
            numeric: vec![false, false, true],
        });
        return;
    }
    doc.table(Table {
        caption: lang.t("report.participants").to_string(),
        head: vec![
            lang.t("report.name").into(),
            lang.t("report.organisation").into(),
            lang.t("report.college").into(),
        ],
        rows: w
            .participants()
            .iter()
            .map(|p| {
                vec![
                    p.name.clone(),
                    p.organisation.clone(),
                    college_label(lang, p.college).into(),
                ]
            })
            .collect(),
        numeric: vec![false, false, false],
    });
}

/// `n° 12 Text — Author`, with secondary axes.
fn proposal_line(w: &Workshop, p: &Proposal, names: &Names, lang: Lang) -> Vec<Inline> {
    let mut line = vec![
        Inline::Strong(format!("n° {}", p.id)),
        Inline::Text(" ".into()),
    ];
    line.push(Inline::Text(p.text.clone()));
    let author = names.author(&p.author);
    if !author.trim().is_empty() {
        line.push(Inline::Text(" — ".into()));
        line.push(Inline::Em(author));
    }
    if p.axes.len() > 1 {
        line.push(Inline::Text(format!(" · {} ", lang.t("report.also"))));
        for (i, k) in p.axes[1..].iter().enumerate() {
            if i > 0 {
                line.push(Inline::Text(" ".into()));
            }
            line.push(badge(w, *k));
        }
    }
    if let Some(o) = &p.origin {
        line.push(Inline::Text(format!(
            " · {}",
            lang.tf(
                "report.from",
                &[("workshop", &origin_name(o)), ("id", &o.id)]
            )
        )));
    }
    if p.from_phone {
        line.push(Inline::Text(format!(" · {}", lang.t("report.from_phone"))));
    }
    line
}

/// What the phones sent and what the facilitator made of each: accepted,
/// merged, set aside (with why), or still waiting.
fn received(doc: &mut Document, ctx: &Ctx) {
    let (w, lang) = (ctx.w, ctx.lang);
    if w.received().is_empty() {
        return;
    }
    doc.heading(2, lang.t("report.received_title"), "received");
    let items = w
        .received()
        .iter()
        .map(|r| {
            let mut line = vec![Inline::Text(r.text.clone())];
            let author = ctx.names.author(&r.author);
            if !author.trim().is_empty() {
                line.push(Inline::Text(" — ".into()));
                line.push(Inline::Em(author));
            }
            line.push(Inline::Text(" · ".into()));
            line.push(Inline::Strong(received_state(lang, &r.state)));
            Item::new(line)
        })
        .collect();
    doc.list(items);
}

/// `retenue (n° 31)`, `fusionnée dans la n° 12`, `écartée : hors sujet`.
pub fn received_state(lang: Lang, state: &crate::domain::received::ReceivedState) -> String {
    use crate::domain::received::ReceivedState as S;
    match state {
        S::Pending => lang.t("report.received_pending").to_string(),
        S::Accepted { proposal } => lang.tf("report.received_accepted", &[("id", proposal)]),
        S::Merged { into } => lang.tf("report.received_merged", &[("id", into)]),
        S::SetAside { reason } if reason.is_empty() => lang.t("report.received_aside").to_string(),
        S::SetAside { reason } => lang.tf("report.received_aside_because", &[("reason", reason)]),
    }
}

fn origin_name(o: &crate::domain::source::Source) -> String {
    if o.file.is_empty() {
        o.workshop.clone()
    } else {
        o.file.trim_end_matches(".toml").to_string()
    }
}

/// A proposal with every proposal merged into it, all the way down.
fn proposal_item(ctx: &Ctx, p: &Proposal) -> Item {
    let mut item = Item::new(proposal_line(ctx.w, p, &ctx.names, ctx.lang));
    let lang = ctx.lang;
    for child in ctx.merged_into(p.id) {
        let mut sub = proposal_item(ctx, child);
        sub.content
            .insert(0, Inline::Em(format!("{} ", lang.t("report.merged"))));
        item.children.push(sub);
    }
    item
}

fn proposals(doc: &mut Document, ctx: &Ctx) {
    let (w, lang) = (ctx.w, ctx.lang);
    doc.heading(2, lang.t("report.proposals_by_axis"), "proposals");
    if w.proposals().is_empty() {
        doc.text(lang.t("report.no_proposals"));
    }
    for (group, members) in w.group_by_axis(w.live_proposals(), |p| p.primary_axis()) {
        let count = tn(lang, "n.proposals", members.len());
        let (title, anchor) = match group.and_then(|k| w.axis(k)) {
            Some(a) => (
                format!("{} {} — {} ({count})", a.key, a.short, a.title),
                format!("axis-{}", a.key),
            ),
            None => (
                format!("{} ({count})", lang.t("tag.untagged")),
                "axis-none".to_string(),
            ),
        };
        doc.heading(3, title, &anchor);
        doc.list(members.into_iter().map(|p| proposal_item(ctx, p)).collect());
    }
}

fn rounds(doc: &mut Document, ctx: &Ctx) {
    let (w, lang, results) = (ctx.w, ctx.lang, &ctx.results);
    doc.heading(2, lang.t("vote.rounds"), "rounds");
    if results.is_empty() {
        doc.text(lang.t("report.no_rounds"));
    }
    for res in results {
        let r = res.round;
        doc.heading(
            3,
            format!("{} ({})", r.name, status(lang, r)),
            &format!("round-{}", r.id),
        );
        doc.field(
            lang.t("report.rules"),
            vec![Inline::Text(rules(lang, w, r))],
        );
        if let Some(of) = r.runoff_of.and_then(|id| w.round(id)) {
            doc.field(
                lang.t("report.runoff"),
                vec![Inline::Text(
                    lang.tf("vote.runoff_of", &[("name", &of.name)]),
                )],
            );
        }
        if let Some(o) = &r.origin {
            doc.field(lang.t("sheet.origin"), vec![Inline::Text(origin_name(o))]);
        }
        doc.field(
            lang.t("report.participation"),
            vec![Inline::Text(participation(lang, res))],
        );
        let Some(shown) = res.shown() else {
            doc.para(vec![Inline::Em(lang.t("report.not_revealed").to_string())]);
            continue;
        };
        if let Some(text) = tie(lang, w, &shown.outcome) {
            doc.para(vec![Inline::Strong(text)]);
        }
        if r.method == Method::Judgment {
            doc.text(lang.t("report.judgment_explained"));
            doc.table(judgment_table(ctx, res, shown));
            continue;
        }
        if shown.participation.dots_spent > 0 {
            doc.blocks.push(Block::Chart(chart(ctx, res, shown)));
        }
        doc.table(results_table(ctx, res, shown));
        if let Some(c) = shown.consensus() {
            doc.text(lang.t("report.consensus_explained"));
            doc.table(consensus_table(ctx, res, shown, &c));
        }
    }
}

/// The support across collèges, in the ranking's order: the score, each
/// group's supporters among its voters (in brackets when too few to be
/// scored), and the group that carries a proposal alone.
fn consensus_table(ctx: &Ctx, res: &RoundResult, shown: &Revealed, c: &Consensus) -> Table {
    let lang = ctx.lang;
    let mut head: Vec<String> = ["report.rank", "report.number", "report.consensus"]
        .iter()
        .map(|k| lang.t(k).to_string())
        .collect();
    head.extend(c.groups.iter().map(|g| {
        let name = college_label(lang, g.group);
        let voters = tn(lang, "n.voters", g.voters as usize);
        if g.scored() {
            format!("{name} ({voters})")
        } else {
            format!("{name} ({voters}, {})", lang.t("report.not_scored"))
        }
    }));
    head.push(lang.t("report.carried_by").to_string());
    let mut numeric = vec![true, true, true];
    numeric.extend(c.groups.iter().map(|_| true));
    numeric.push(false);
    let rows = shown
        .tally
        .rows
        .iter()
        .filter_map(|row| c.row(row.proposal).map(|s| (row, s)))
        .map(|(row, s)| {
            let mut cells = vec![
                row.rank.to_string(),
                row.proposal.to_string(),
                s.score
                    .map_or_else(|| "—".to_string(), |v| percent(lang, v)),
            ];
            cells.extend(s.support.iter().map(|g| {
                format!(
                    "{}/{} ({})",
                    g.supporters,
                    g.voters,
                    percent(lang, g.permille())
                )
            }));
            cells.push(
                s.carried_by
                    .map_or(String::new(), |g| college_label(lang, g).to_string()),
            );
            cells
        })
        .collect();
    Table {
        caption: lang.tf("report.consensus_of", &[("name", &res.round.name)]),
        head,
        rows,
        numeric,
    }
}

/// `Égalité à la ligne de coupure : n° 2, n° 16 pour 1 place.`, or which
/// runoff settled it; nothing when there was no tie.
fn tie(lang: Lang, w: &Workshop, o: &Outcome) -> Option<String> {
    if !o.tied.is_empty() {
        let ids: Vec<String> = o.tied.iter().map(|id| format!("n° {id}")).collect();
        return Some(lang.tf(
            "report.tie",
            &[("ids", &ids.join(", ")), ("places", &o.places)],
        ));
    }
    let runoff = o.settled_by.and_then(|id| w.round(id))?;
    Some(lang.tf("report.settled", &[("name", &runoff.name)]))
}

/// Participation as on screen, and the voided ballots kept on record.
pub fn participation(lang: Lang, res: &RoundResult) -> String {
    let p = res.public.participation();
    let voided = p.voided;
    let mut text = describe::participation(lang, p);
    if voided > 0 {
        text.push_str(&format!(" · {}", tnf(lang, "report.voided", voided, &[])));
    }
    text
}

/// The top of the ranking as bars (the table under it has every row).
fn chart(ctx: &Ctx, res: &RoundResult, shown: &Revealed) -> Chart {
    let lang = ctx.lang;
    const SHOWN: usize = 15;
    Chart {
        title: lang.tf("report.chart_title", &[("name", &res.round.name)]),
        bars: shown
            .tally
            .rows
            .iter()
            .take(SHOWN)
            .map(|row| {
                let text = ctx.text_of(row.proposal);
                Bar {
                    label: format!("n° {}", row.proposal),
                    value: row.dots,
                    kept: res.kept(row.proposal),
                    description: format!(
                        "n° {} : {} — {}",
                        row.proposal,
                        tn(lang, "n.dots", row.dots as usize),
                        short(&text, 80)
                    ),
                }
            })
            .collect(),
    }
}

/// A text cut at a word, for chart descriptions.
fn short(text: &str, max: usize) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= max {
        return one;
    }
    let cut: String = one.chars().take(max).collect();
    let cut = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{cut}…")
}

fn results_table(ctx: &Ctx, res: &RoundResult, shown: &Revealed) -> Table {
    let lang = ctx.lang;
    let colleges = res.colleges();
    let mut head: Vec<String> = [
        "report.rank",
        "report.number",
        "report.proposal",
        "report.dots",
        "report.share",
        "report.kept",
    ]
    .iter()
    .map(|k| lang.t(k).to_string())
    .collect();
    head.extend(colleges.iter().map(|c| college_label(lang, *c).to_string()));
    let mut numeric = vec![true, true, false, true, true, false];
    numeric.extend(colleges.iter().map(|_| true));
    let rows = shown
        .tally
        .rows
        .iter()
        .map(|row| {
            let merged = ctx.merged_into(row.proposal).len();
            let mut text = ctx.text_of(row.proposal);
            if merged > 0 {
                text.push_str(&format!(" ({})", tn(lang, "n.merged", merged)));
            }
            let mark = kept_mark(lang, res, row.proposal);
            let mut cells = vec![
                row.rank.to_string(),
                row.proposal.to_string(),
                text,
                row.dots.to_string(),
                percent(lang, res.permille(row.dots)),
                mark.to_string(),
            ];
            for c in &colleges {
                let n = row
                    .by_college
                    .iter()
                    .find(|(k, _)| k == c)
                    .map_or(0, |(_, n)| *n);
                cells.push(n.to_string());
            }
            cells
        })
        .collect();
    Table {
        caption: lang.tf("report.ranking_of", &[("name", &res.round.name)]),
        head,
        rows,
        numeric,
    }
}

/// A judgment round's ranking: each proposal's majority grade, then how
/// many voters gave it each grade, best first.
fn judgment_table(ctx: &Ctx, res: &RoundResult, shown: &Revealed) -> Table {
    let lang = ctx.lang;
    let mut head: Vec<String> = [
        "report.rank",
        "report.number",
        "report.proposal",
        "csv.majority_grade",
        "report.kept",
    ]
    .iter()
    .map(|k| lang.t(k).to_string())
    .collect();
    head.extend(GRADE_KEYS.iter().map(|k| lang.t(k).to_string()));
    let mut numeric = vec![true, true, false, false, false];
    numeric.extend(GRADE_KEYS.iter().map(|_| true));
    let rows = shown
        .tally
        .rows
        .iter()
        .map(|row| {
            let merit = row.merit.unwrap_or_default();
            let mut cells = vec![
                row.rank.to_string(),
                row.proposal.to_string(),
                ctx.text_of(row.proposal),
                majority(lang, &merit),
                kept_mark(lang, res, row.proposal).to_string(),
            ];
            cells.extend(merit.counts.iter().map(ToString::to_string));
            cells
        })
        .collect();
    Table {
        caption: lang.tf("report.ranking_of", &[("name", &res.round.name)]),
        head,
        rows,
        numeric,
    }
}

/// A majority grade in words ("—" before any grade).
fn majority(lang: Lang, merit: &Merit) -> String {
    merit.majority_grade().map_or("—".into(), |g| {
        lang.t(GRADE_KEYS[usize::from(g)]).to_string()
    })
}

/// "oui" for a kept proposal, "ex æquo" for one tied at the cut line.
fn kept_mark(lang: Lang, res: &RoundResult, id: ProposalId) -> &'static str {
    if res.kept(id) {
        lang.t("report.yes")
    } else if res.tied(id) {
        lang.t("report.tied")
    } else {
        ""
    }
}

fn kept(doc: &mut Document, ctx: &Ctx) {
    let (w, lang, results) = (ctx.w, ctx.lang, &ctx.results);
    doc.heading(2, lang.t("report.kept_title"), "kept");
    let revealed: Vec<(&RoundResult, &Revealed)> = results
        .iter()
        .filter_map(|r| Some((r, r.shown()?)))
        .collect();
    if revealed.is_empty() {
        doc.text(lang.t("report.nothing_kept"));
        return;
    }
    for (res, shown) in revealed {
        doc.heading(3, res.round.name.clone(), &format!("kept-{}", res.round.id));
        let items = shown
            .outcome
            .kept
            .iter()
            .filter_map(|id| ctx.proposal(*id))
            .map(|p| {
                let mut line = vec![
                    Inline::Strong(format!("n° {}", p.id)),
                    Inline::Text(" ".into()),
                ];
                if let Some(k) = p.primary_axis() {
                    line.push(badge(w, k));
                    line.push(Inline::Text(" ".into()));
                }
                let what = match shown.tally.rows.iter().find(|r| r.proposal == p.id) {
                    Some(row) if row.merit.is_some() => lang.tf(
                        "report.kept_judged",
                        &[("grade", &majority(lang, &row.merit.unwrap_or_default()))],
                    ),
                    _ => tn(lang, "n.dots", res.dots_of(p.id).unwrap_or(0) as usize),
                };
                line.push(Inline::Text(format!("{} ({what})", p.text)));
                Item::new(line)
            })
            .collect();
        doc.list(items);
        if let Some(text) = tie(lang, w, &shown.outcome) {
            doc.para(vec![Inline::Em(text)]);
        }
    }
}

pub(super) fn or_missing(lang: Lang, text: &str) -> Vec<Inline> {
    if text.trim().is_empty() {
        vec![Inline::Missing(lang.t("sheet.to_complete").to_string())]
    } else {
        vec![Inline::Text(text.to_string())]
    }
}

/// One action sheet, every field, "à compléter" where empty.
pub fn sheet_blocks(doc: &mut Document, w: &Workshop, s: &Sheet, level: u8, names: &Names) {
    let lang = doc.lang;
    doc.heading(
        level,
        format!("{} — {}", s.id, s.title),
        &format!("sheet-{}", s.id),
    );
    let t = |k: &str| lang.t(k);
    axis_and_nature(doc, w, s);
    doc.field(t("sheet.constat"), or_missing(lang, &s.constat));
    doc.field(
        t("sheet.objectifs"),
        if s.objectifs.is_empty() {
            or_missing(lang, "")
        } else {
            Vec::new()
        },
    );
    doc.list(
        s.objectifs
            .iter()
            .map(|o| Item::new(vec![Inline::Text(o.clone())]))
            .collect(),
    );
    who(doc, s, names);
    doc.field(t("sheet.gouvernance"), or_missing(lang, &s.gouvernance));
    let cal = &s.calendrier;
    let when = match (cal.debut.trim(), cal.fin.trim()) {
        ("", "") => or_missing(lang, ""),
        (d, f) => vec![Inline::Text(format!(
            "{} {} — {} {}",
            t("sheet.debut"),
            crate::i18n::shown_month(lang, d),
            t("sheet.fin"),
            crate::i18n::shown_month(lang, f),
        ))],
    };
    doc.field(t("sheet.calendrier"), when);
    doc.list(milestone_items(lang, cal));
    budget(doc, s);
    indicators(doc, s);
    doc.field(t("sheet.evaluation"), or_missing(lang, &s.evaluation));
    doc.field(t("sheet.participation"), or_missing(lang, &s.participation));
    origin(doc, s, names);
}

/// The sheet's axis and nature (new, or reinforced and how).
fn axis_and_nature(doc: &mut Document, w: &Workshop, s: &Sheet) {
    let lang = doc.lang;
    let t = |k: &str| lang.t(k);
    doc.field(
        t("sheet.axis"),
        match s.axis {
            Some(k) => vec![
                badge(w, k),
                Inline::Text(w.axis(k).map_or(String::new(), |a| format!(" {}", a.title))),
            ],
            None => vec![Inline::Missing(t("sheet.to_complete").to_string())],
        },
    );
    let mut nature = t(s.nature.kind.label_key()).to_string();
    let how = crate::i18n::describe::reinforced(lang, &s.nature);
    if !how.is_empty() {
        nature.push_str(&format!(" ({})", how.join(", ")));
    }
    let value = if s.nature.kind == NatureKind::APreciser {
        vec![Inline::Missing(nature)]
    } else {
        vec![Inline::Text(nature)]
    };
    doc.field(t("sheet.nature"), value);
}

/// Who it is for, where, what, who leads it and with whom.
fn who(doc: &mut Document, s: &Sheet, names: &Names) {
    let lang = doc.lang;
    let t = |k: &str| lang.t(k);
    let mut public = or_missing(lang, &s.public_cible.description);
    if !s.public_cible.prioritaires.is_empty() {
        let labels: Vec<&str> = s
            .public_cible
            .prioritaires
            .iter()
            .map(|p| t(p.label_key()))
            .collect();
        public.push(Inline::Text(format!(
            " — {} : {}",
            t("sheet.prioritaires"),
            labels.join(", ")
        )));
    }
    doc.field(t("sheet.public_cible"), public);
    doc.field(t("sheet.territoire"), or_missing(lang, &s.territoire));
    doc.field(t("sheet.referentiel"), or_missing(lang, &s.referentiel));
    doc.field(t("sheet.priorite"), or_missing(lang, &s.priorite));
    doc.field(t("sheet.description"), or_missing(lang, &s.description));
    let pilote = match (s.pilote.institution.trim(), names.author(&s.pilote.contact)) {
        ("", _) => or_missing(lang, ""),
        (inst, contact) if contact.trim().is_empty() || names.anonymous => {
            vec![Inline::Text(inst.to_string())]
        }
        (inst, contact) => vec![Inline::Text(format!("{inst} ({contact})"))],
    };
    doc.field(t("sheet.pilote"), pilote);
    doc.field(
        t("sheet.partenaires"),
        if s.partenaires.is_empty() {
            or_missing(lang, "")
        } else {
            Vec::new()
        },
    );
    doc.table(partners_table(lang, s));
}

/// The sheet's partners: name, role, what they bring.
pub(super) fn partners_table(lang: Lang, s: &Sheet) -> Table {
    let t = |k: &str| lang.t(k).to_string();
    Table {
        caption: format!("{} — {}", t("sheet.partenaires"), s.id),
        head: vec![
            t("sheet.partner_name"),
            t("sheet.role"),
            t("sheet.contribution"),
        ],
        rows: s
            .partenaires
            .iter()
            .map(|p| vec![p.name.clone(), p.role.clone(), p.contribution.clone()])
            .collect(),
        numeric: vec![false, false, false],
    }
}

/// The indicators, as a table.
fn indicators(doc: &mut Document, s: &Sheet) {
    let lang = doc.lang;
    let t = |k: &str| lang.t(k);
    doc.field(
        t("sheet.indicateurs"),
        if s.indicateurs.is_empty() {
            or_missing(lang, "")
        } else {
            Vec::new()
        },
    );
    doc.table(Table {
        caption: format!("{} — {}", t("sheet.indicateurs"), s.id),
        head: vec![
            t("sheet.label").into(),
            t("sheet.kind").into(),
            t("sheet.baseline").into(),
            t("sheet.target").into(),
            t("sheet.yearly").into(),
        ],
        rows: s
            .indicateurs
            .iter()
            .map(|i| {
                vec![
                    i.label.clone(),
                    match i.kind {
                        IndicatorKind::Realisation => t("sheet.realisation").into(),
                        IndicatorKind::Resultat => t("sheet.resultat").into(),
                    },
                    i.baseline.clone(),
                    i.target.clone(),
                    crate::domain::sheet::format_yearly(&i.yearly),
                ]
            })
            .collect(),
        numeric: vec![false, false, false, false, false],
    });
}

fn budget(doc: &mut Document, s: &Sheet) {
    let lang = doc.lang;
    let t = |k: &str| lang.t(k);
    if s.budget.is_empty() {
        doc.field(t("sheet.budget"), or_missing(lang, ""));
        return;
    }
    let sum = s.budget_summary();
    let share = sum
        .state_permille()
        .map_or(String::new(), |p| percent(lang, p));
    let mut line = vec![Inline::Text(lang.tf(
        "sheet.budget_summary",
        &[
            ("label", &t("sheet.total")),
            ("total", &euros(lang, sum.total)),
            ("state", &euros(lang, sum.state)),
            ("share", &share),
        ],
    ))];
    if let Some(warning) = crate::i18n::state_warning(lang, &sum) {
        line.push(Inline::Text(" — ".into()));
        line.push(Inline::Strong(warning.to_string()));
    }
    doc.field(t("sheet.budget"), line);
    doc.table(funding_grid(lang, s));
    let off = crate::i18n::off_calendar(lang, s);
    if !off.is_empty() {
        doc.para(vec![Inline::Strong(off)]);
    }
}

/// The budget as officers lay it out: a row per funder (the State
/// first, in the order of the kinds), a column per year, totals per
/// funder and per year, and the State's share per year — the rows and
/// columns of the official template, for the fiche and the report alike.
pub fn funding_grid(lang: Lang, s: &Sheet) -> Table {
    use crate::domain::sheet::FunderKind;
    let t = |k: &str| lang.t(k).to_string();
    let years = s.budget_years();
    let order = |k: Option<FunderKind>| {
        k.and_then(|k| FunderKind::ALL.iter().position(|x| *x == k))
            .unwrap_or(FunderKind::ALL.len())
    };
    let mut funders: Vec<(Option<FunderKind>, &str)> = Vec::new();
    for line in &s.budget {
        let key = (line.kind(), line.funder.trim());
        if !funders.contains(&key) {
            funders.push(key);
        }
    }
    funders.sort_by_key(|(kind, _)| order(*kind));
    let amount = |n: u64| {
        if n == 0 {
            String::new()
        } else {
            euros(lang, n)
        }
    };
    let mut rows: Vec<Vec<String>> = funders
        .iter()
        .map(|(kind, label)| {
            let of = |year: Option<u16>| -> u64 {
                s.budget
                    .iter()
                    .filter(|l| l.kind() == *kind && l.funder.trim() == *label)
                    .filter(|l| year.is_none_or(|y| l.year == y))
                    .map(|l| l.amount)
                    .sum()
            };
            let mut row = vec![
                label.to_string(),
                kind.map_or_else(|| t("funder.unplaced"), |k| t(k.key())),
            ];
            row.extend(years.iter().map(|y| amount(of(Some(*y)))));
            row.push(euros(lang, of(None)));
            row
        })
        .collect();
    let summaries: Vec<_> = years
        .iter()
        .map(|y| s.budget_summary_for(Some(*y)))
        .chain([s.budget_summary()])
        .collect();
    let mut total = vec![t("sheet.total"), String::new()];
    total.extend(summaries.iter().map(|y| euros(lang, y.total)));
    rows.push(total);
    let mut state = vec![t("csv.state_share"), String::new()];
    state.extend(summaries.iter().map(|y| {
        y.state_permille()
            .map_or(String::new(), |p| percent(lang, p))
    }));
    rows.push(state);
    let mut head = vec![t("sheet.funder"), t("sheet.kind")];
    head.extend(years.iter().map(u16::to_string));
    head.push(t("sheet.total"));
    let mut numeric = vec![false, false];
    numeric.extend(std::iter::repeat_n(true, years.len() + 1));
    Table {
        caption: format!("{} — {}", t("sheet.budget_detail"), s.id),
        head,
        rows,
        numeric,
    }
}

fn origin(doc: &mut Document, s: &Sheet, names: &Names) {
    let lang = doc.lang;
    let o = &s.origin;
    let mut text = lang.tf(
        "sheet.origin_text",
        &[("workshop", &o.workshop), ("votes", &o.votes)],
    );
    if !o.sheet.is_empty() {
        text.push_str(&format!(
            " {}",
            lang.tf("report.was", &[("id", &o.sheet), ("file", &o.file)])
        ));
    }
    doc.field(lang.t("sheet.origin"), vec![Inline::Text(text)]);
    doc.list(source_items(s, names));
}

/// A sheet's milestones: the date in bold, then what happens.
pub(super) fn milestone_items(lang: Lang, cal: &crate::domain::sheet::Calendar) -> Vec<Item> {
    cal.jalons
        .iter()
        .map(|m| {
            Item::new(vec![
                Inline::Strong(crate::i18n::shown_month(lang, &m.date)),
                Inline::Text(format!(" {}", m.label)),
            ])
        })
        .collect()
}

/// The proposals a sheet was drafted from, with their authors.
pub(super) fn source_items(s: &Sheet, names: &Names) -> Vec<Item> {
    s.origin
        .proposals
        .iter()
        .map(|p| {
            let mut line = vec![
                Inline::Strong(format!("n° {}", p.id)),
                Inline::Text(format!(" {}", p.text)),
            ];
            let author = names.author(&p.author);
            if !author.trim().is_empty() {
                line.push(Inline::Text(" — ".into()));
                line.push(Inline::Em(author));
            }
            Item::new(line)
        })
        .collect()
}

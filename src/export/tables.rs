//! The workshop as spreadsheets: proposals, ballots, results, sheets. By
//! default for a French spreadsheet (`;`, UTF-8 with a BOM so accents
//! survive, decimal comma); `--csv-standard` gives RFC 4180 with `,` and a
//! decimal point. The `csv` crate does the quoting.

use super::report::{Ctx, status};
use super::{CsvStyle, Options};
use crate::domain::consensus::{self, ConsensusRow};
use crate::domain::judgment::{GRADE_KEYS, Merit};
use crate::domain::round::{Method, Voter};
use crate::domain::sheet::NatureKind;
use crate::domain::tally::groups_in_order;
use crate::domain::{Rgb, Workshop};
use crate::i18n::Lang;

/// One table of the workshop: a CSV file, a worksheet of the workbook.
/// `name` is the CSV file's stem; its header names the columns.
pub struct DataTable {
    pub name: &'static str,
    pub head: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl DataTable {
    pub fn csv_file(&self) -> String {
        format!("{}.csv", self.name)
    }
}

/// One value, typed: a workbook keeps numbers as numbers, shares as
/// percentages and times as dates; a CSV file writes them as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(u64),
    /// Whole euros.
    Euros(u64),
    /// A share in tenths of a percent.
    Share(u64),
    Time(chrono::NaiveDateTime),
    /// A month (its first day): a fiche's start or end.
    Month(chrono::NaiveDate),
    /// An axis: its number and short name, and its colour where colour
    /// shows (never the colour alone).
    Axis {
        label: String,
        color: Rgb,
    },
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    fn id(n: u32) -> Cell {
        Cell::Number(u64::from(n))
    }

    /// The cell as a CSV file writes it.
    pub fn to_csv(&self, style: CsvStyle) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => safe_cell(s, style),
            Cell::Number(n) | Cell::Euros(n) => n.to_string(),
            Cell::Share(p) => decimal(style, *p),
            Cell::Time(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            Cell::Month(m) => m.format("%Y-%m").to_string(),
            Cell::Axis { label, .. } => safe_cell(label, style),
        }
    }
}

/// A share in tenths of a percent as a spreadsheet number: `12,5` / `12.5`.
fn decimal(style: CsvStyle, permille: u64) -> String {
    let sep = match style {
        CsvStyle::French => ',',
        CsvStyle::Standard => '.',
    };
    format!("{}{sep}{}", permille / 10, permille % 10)
}

fn heads(lang: Lang, keys: &[&str]) -> Vec<String> {
    keys.iter()
        .map(|k| lang.t(&format!("csv.{k}")).to_string())
        .collect()
}

fn stamp(s: Option<crate::domain::Stamp>) -> Cell {
    s.map_or(Cell::Empty, |s| Cell::Time(s.0))
}

/// A month typed in a calendar as a date cell, else as typed.
fn month(typed: &str) -> Cell {
    crate::domain::sheet::parse_month(typed)
        .map_or_else(|| Cell::text(typed.to_string()), Cell::Month)
}

fn yes(lang: Lang, b: bool) -> Cell {
    Cell::text(lang.t(if b { "report.yes" } else { "report.no" }))
}

fn axis_cell(w: &Workshop, key: Option<crate::domain::AxisKey>) -> Cell {
    key.and_then(|k| w.axis(k))
        .map_or(Cell::Empty, |a| Cell::Axis {
            label: format!("{} {}", a.key, a.short),
            color: a.color,
        })
}

fn axis_name(w: &Workshop, key: Option<crate::domain::AxisKey>) -> String {
    key.and_then(|k| w.axis(k))
        .map_or(String::new(), |a| format!("{} {}", a.key, a.short))
}

/// Every table, in the order of the CSV files and the workbook's sheets.
pub fn all(ctx: &Ctx, opts: &Options) -> Vec<DataTable> {
    let mut tables = vec![
        proposals(ctx),
        ballots(ctx, opts),
        results(ctx),
        sheets(ctx, opts),
        budget(ctx),
        budget_totals(ctx),
        indicators(ctx),
    ];
    tables.extend(received(ctx));
    tables
}

pub fn proposals(ctx: &Ctx) -> DataTable {
    let (w, lang, names, results) = (ctx.w, ctx.lang, &ctx.names, &ctx.results);
    let mut head = heads(
        lang,
        &[
            "number",
            "text",
            "axis",
            "secondary_axes",
            "author",
            "merged_into",
            "merged_from",
            "origin",
            "created",
        ],
    );
    head.extend(
        results
            .iter()
            .map(|r| lang.tf("csv.dots_in", &[("name", &r.round.name)])),
    );
    let mut rows = Vec::with_capacity(w.proposals().len());
    for p in w.proposals() {
        let secondary: Vec<String> = p
            .axes
            .iter()
            .skip(1)
            .map(|k| axis_name(w, Some(*k)))
            .collect();
        let from: Vec<String> = ctx
            .merged_into(p.id)
            .iter()
            .map(|c| c.id.to_string())
            .collect();
        let mut origin = p.origin.as_ref().map_or(String::new(), |o| {
            format!("{} n° {}", o.file.trim_end_matches(".toml"), o.id)
        });
        if p.from_phone {
            if !origin.is_empty() {
                origin.push_str(", ");
            }
            origin.push_str(lang.t("csv.phone"));
        }
        let mut row = vec![
            Cell::id(p.id.0),
            Cell::text(p.text.clone()),
            axis_cell(w, p.primary_axis()),
            Cell::text(secondary.join(", ")),
            Cell::text(names.author(&p.author)),
            p.merged_into.map_or(Cell::Empty, |i| Cell::id(i.0)),
            Cell::text(from.join(", ")),
            Cell::text(origin),
            stamp(p.created),
        ];
        // A merged proposal's dots count for the one it was merged into.
        for r in results {
            let dots = r.dots_of(p.id).filter(|_| !p.is_merged());
            row.push(dots.map_or(Cell::Empty, |d| Cell::Number(u64::from(d))));
        }
        rows.push(row);
    }
    DataTable {
        name: "propositions",
        head,
        rows,
    }
}

/// What the phones sent, one row each, with what became of it; `None`
/// when no phone sent anything.
pub fn received(ctx: &Ctx) -> Option<DataTable> {
    let (w, lang) = (ctx.w, ctx.lang);
    if w.received().is_empty() {
        return None;
    }
    let head = heads(
        lang,
        &["number", "text", "axis", "author", "received", "state"],
    );
    let mut rows = Vec::with_capacity(w.received().len());
    for r in w.received() {
        rows.push(vec![
            Cell::id(r.id.0),
            Cell::text(r.text.clone()),
            axis_cell(w, r.axis),
            Cell::text(ctx.names.author(&r.author)),
            stamp(r.at),
            Cell::text(super::report::received_state(lang, &r.state)),
        ]);
    }
    Some(DataTable {
        name: "recues",
        head,
        rows,
    })
}

/// Every ballot, one row per proposal it gave dots to (a blank ballot gets
/// one row). Anonymous: voters numbered per round, rows in an order that
/// says nothing of who voted when.
/// A round not yet revealed shows who voted, not for what: its rows leave
/// the proposal and the dots empty.
pub fn ballots(ctx: &Ctx, opts: &Options) -> DataTable {
    let (w, lang) = (ctx.w, opts.lang);
    // "Gommettes", or "Gommettes ou mention" once a round grades.
    let marks = if judged(ctx) { "marks" } else { "dots" };
    let head = if opts.anonymous {
        heads(
            lang,
            &["round_number", "round", "voter", "proposal", marks, "void"],
        )
    } else {
        heads(
            lang,
            &[
                "round_number",
                "round",
                "voter",
                "organisation",
                "college",
                "proposal",
                marks,
                "cast",
                "void",
            ],
        )
    };
    let mut rows = Vec::new();
    for res in &ctx.results {
        let r = res.round;
        let hidden = res.shown().is_none();
        let mut ballots: Vec<&crate::domain::Ballot> = r.ballots.iter().collect();
        if opts.anonymous && hidden {
            ballots.sort_by_key(|b| b.void);
        } else if opts.anonymous {
            ballots.sort_by(|a, b| (a.void, &a.dots).cmp(&(b.void, &b.dots)));
        }
        for (n, b) in ballots.into_iter().enumerate() {
            let dots: Vec<(Cell, Cell)> = if hidden {
                vec![(Cell::Empty, Cell::Empty)]
            } else if b.dots.is_empty() {
                vec![(Cell::Empty, Cell::Number(0))]
            } else {
                b.dots
                    .iter()
                    .map(|(p, d)| (Cell::id(p.0), mark_cell(lang, r, *d)))
                    .collect()
            };
            for (proposal, d) in dots {
                let row = if opts.anonymous {
                    vec![
                        Cell::id(r.id.0),
                        Cell::text(r.name.clone()),
                        Cell::text(lang.tf("csv.voter_n", &[("n", &(n + 1))])),
                        proposal,
                        d,
                        yes(lang, b.void),
                    ]
                } else {
                    let (name, org, college) = voter(w, b.voter, lang);
                    vec![
                        Cell::id(r.id.0),
                        Cell::text(r.name.clone()),
                        Cell::text(name),
                        Cell::text(org),
                        Cell::text(college),
                        proposal,
                        d,
                        stamp(b.cast),
                        yes(lang, b.void),
                    ]
                };
                rows.push(row);
            }
        }
    }
    DataTable {
        name: "bulletins",
        head,
        rows,
    }
}

fn voter(w: &Workshop, v: Voter, lang: Lang) -> (String, String, String) {
    match v {
        Voter::Participant(id) => match w.participant(id) {
            Some(p) => (
                p.name.clone(),
                p.organisation.clone(),
                p.college
                    .map_or(String::new(), |c| lang.t(c.label_key()).to_string()),
            ),
            None => (format!("p{id}"), String::new(), String::new()),
        },
        Voter::Anonymous(n) => (
            lang.tf("vote.anonymous_n", &[("n", &n)]),
            String::new(),
            String::new(),
        ),
    }
}

pub fn results(ctx: &Ctx) -> DataTable {
    let (w, lang, results) = (ctx.w, ctx.lang, &ctx.results);
    let mut head = heads(
        lang,
        &[
            "round_number",
            "round",
            "status",
            "rank",
            "proposal",
            "text",
            "axis",
            "dots",
            "share",
            "kept",
        ],
    );
    head.extend(groups_in_order().map(|g| lang.t(consensus::label_key(g)).to_string()));
    head.push(lang.t("csv.consensus").to_string());
    head.extend(groups_in_order().map(|g| {
        let name = lang.t(consensus::label_key(g));
        lang.tf("csv.support_in", &[("name", &name)])
    }));
    head.push(lang.t("csv.carried_by").to_string());
    // A judgment round's grades (empty for a dots round), when there is one.
    let judged = judged(ctx);
    if judged {
        head.push(lang.t("csv.majority_grade").to_string());
        head.extend(
            GRADE_KEYS
                .iter()
                .map(|k| lang.tf("csv.grade_count", &[("grade", &lang.t(k))])),
        );
    }
    let mut rows = Vec::new();
    // A hidden round has no row: nothing per proposal before the reveal.
    for res in results {
        let Some(shown) = res.shown() else { continue };
        let consensus = shown.consensus();
        for row in &shown.tally.rows {
            let p = ctx.proposal(row.proposal);
            let kept = if res.kept(row.proposal) {
                lang.t("report.yes")
            } else if res.tied(row.proposal) {
                lang.t("report.tied")
            } else {
                lang.t("report.no")
            };
            let mut cells = vec![
                Cell::id(res.round.id.0),
                Cell::text(res.round.name.clone()),
                Cell::text(status(lang, res.round)),
                Cell::Number(u64::from(row.rank)),
                Cell::id(row.proposal.0),
                Cell::text(p.map_or(String::new(), |p| p.text.clone())),
                axis_cell(
                    w,
                    p.and_then(super::super::domain::proposal::Proposal::primary_axis),
                ),
                Cell::Number(u64::from(row.dots)),
                Cell::Share(res.permille(row.dots)),
                Cell::text(kept),
            ];
            for c in groups_in_order() {
                let n = row
                    .by_college
                    .iter()
                    .find(|(k, _)| *k == c)
                    .map_or(0, |(_, n)| *n);
                cells.push(Cell::Number(u64::from(n)));
            }
            cells.extend(consensus_cells(
                lang,
                consensus.as_ref().and_then(|c| c.row(row.proposal)),
            ));
            if judged {
                cells.extend(grade_cells(lang, row.merit.as_ref()));
            }
            rows.push(cells);
        }
    }
    DataTable {
        name: "resultats",
        head,
        rows,
    }
}

/// Whether a round of the workshop is voted by majority judgment.
fn judged(ctx: &Ctx) -> bool {
    ctx.results
        .iter()
        .any(|r| r.round.method == Method::Judgment)
}

/// A ballot's mark on a proposal: its dots, or the grade it stands for
/// in a judgment round.
fn mark_cell(lang: Lang, r: &crate::domain::Round, mark: u32) -> Cell {
    match (r.method, crate::domain::judgment::grade_of_mark(mark)) {
        (Method::Judgment, Some(g)) => Cell::text(lang.t(GRADE_KEYS[usize::from(g)])),
        _ => Cell::Number(u64::from(mark)),
    }
}

/// A judgment round's majority grade and how many gave each grade; empty
/// cells for a dots round.
fn grade_cells(lang: Lang, merit: Option<&Merit>) -> Vec<Cell> {
    let Some(m) = merit else {
        return vec![Cell::Empty; GRADE_KEYS.len() + 1];
    };
    let majority = m.majority_grade().map_or(Cell::Empty, |g| {
        Cell::text(lang.t(GRADE_KEYS[usize::from(g)]))
    });
    std::iter::once(majority)
        .chain(m.counts.iter().map(|n| Cell::Number(u64::from(*n))))
        .collect()
}

/// A proposal's support across collèges: the score, each group's share
/// (empty where the group did not vote, or for a paper count), the group
/// that carries it alone.
fn consensus_cells(lang: Lang, row: Option<&ConsensusRow>) -> Vec<Cell> {
    let mut cells = vec![row.and_then(|r| r.score).map_or(Cell::Empty, Cell::Share)];
    for g in groups_in_order() {
        let share = row
            .and_then(|r| r.support.iter().find(|s| s.group == g))
            .map_or(Cell::Empty, |s| Cell::Share(s.permille()));
        cells.push(share);
    }
    let carrier = row
        .and_then(|r| r.carried_by)
        .map(|g| lang.t(consensus::label_key(g)).to_string());
    cells.push(carrier.map_or(Cell::Empty, Cell::text));
    cells
}

pub fn sheets(ctx: &Ctx, opts: &Options) -> DataTable {
    let (w, lang, names) = (ctx.w, ctx.lang, &ctx.names);
    let head = heads(
        lang,
        &[
            "sheet_id",
            "title",
            "axis",
            "nature",
            "pilot",
            "contact",
            "partners",
            "start",
            "end",
            "budget",
            "state_amount",
            "state_share",
            "over_half",
            "state_warning",
            "objectives",
            "public",
            "priority_publics",
            "indicators",
            "to_complete",
            "source_proposals",
            "votes",
        ],
    );
    let mut rows = Vec::with_capacity(w.sheets().len());
    for s in w.sheets() {
        let sum = s.budget_summary();
        let missing: Vec<&str> = s
            .missing_fields()
            .iter()
            .map(|k| lang.t(&format!("sheet.{k}")))
            .collect();
        rows.push(vec![
            Cell::text(s.id.clone()),
            Cell::text(s.title.clone()),
            axis_cell(w, s.axis),
            match s.nature.kind {
                NatureKind::APreciser => Cell::Empty,
                kind => Cell::text(lang.t(kind.label_key())),
            },
            Cell::text(s.pilote.institution.clone()),
            if opts.anonymous {
                Cell::Empty
            } else {
                Cell::text(s.pilote.contact.clone())
            },
            Cell::text(
                s.partenaires
                    .iter()
                    .map(|p| p.name.clone())
                    .collect::<Vec<_>>()
                    .join(" / "),
            ),
            month(&s.calendrier.debut),
            month(&s.calendrier.fin),
            Cell::Euros(sum.total),
            Cell::Euros(sum.state),
            sum.state_permille().map_or(Cell::Empty, Cell::Share),
            yes(lang, sum.state_share_too_high()),
            Cell::text(crate::i18n::state_warning(lang, &sum).unwrap_or_default()),
            Cell::text(s.objectifs.join("\n")),
            Cell::text(s.public_cible.description.clone()),
            Cell::text(
                s.public_cible
                    .prioritaires
                    .iter()
                    .map(|p| lang.t(p.label_key()))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Cell::Number(s.indicateurs.len() as u64),
            Cell::text(missing.join(", ")),
            Cell::text(
                s.origin
                    .proposals
                    .iter()
                    .map(|p| format!("{} ({})", p.id, names.author(&p.author)))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Cell::Number(u64::from(s.origin.votes)),
        ]);
    }
    DataTable {
        name: "fiches",
        head,
        rows,
    }
}

/// One row per sheet, year and funder: what a budget is consolidated from.
pub fn budget(ctx: &Ctx) -> DataTable {
    let (w, lang) = (ctx.w, ctx.lang);
    let head = heads(
        lang,
        &[
            "sheet_id",
            "title",
            "year",
            "funder_kind",
            "funder",
            "amount",
            "state_line",
        ],
    );
    let rows = w
        .sheets()
        .iter()
        .flat_map(|s| s.budget.iter().map(move |l| (s, l)))
        .map(|(s, l)| {
            vec![
                Cell::text(s.id.clone()),
                Cell::text(s.title.clone()),
                Cell::Number(u64::from(l.year)),
                Cell::text(l.kind().map_or(lang.t("csv.unplaced"), |k| lang.t(k.key()))),
                Cell::text(l.funder.clone()),
                Cell::Euros(l.amount),
                yes(lang, l.is_state()),
            ]
        })
        .collect();
    DataTable {
        name: "budget",
        head,
        rows,
    }
}

/// Per sheet, each year and all years: what each kind of funder gives, the
/// total, and the State's share with its warning, from the same rule as
/// every other output.
pub fn budget_totals(ctx: &Ctx) -> DataTable {
    use crate::domain::sheet::FunderKind;
    let (w, lang) = (ctx.w, ctx.lang);
    let mut head = heads(lang, &["sheet_id", "year"]);
    head.extend(FunderKind::ALL.iter().map(|k| lang.t(k.key()).to_string()));
    head.extend(heads(
        lang,
        &["unplaced", "budget", "state_share", "state_warning"],
    ));
    let mut rows = Vec::new();
    for s in w.sheets().iter().filter(|s| !s.budget.is_empty()) {
        let mut years: Vec<Option<u16>> = s.budget.iter().map(|l| Some(l.year)).collect();
        years.sort_unstable();
        years.dedup();
        years.push(None);
        for year in years {
            let lines: Vec<_> = s
                .budget
                .iter()
                .filter(|l| year.is_none_or(|y| l.year == y))
                .collect();
            let of = |kind: Option<FunderKind>| -> u64 {
                lines
                    .iter()
                    .filter(|l| l.kind() == kind)
                    .map(|l| l.amount)
                    .sum()
            };
            let sum = s.budget_summary_for(year);
            let mut row = vec![
                Cell::text(s.id.clone()),
                match year {
                    Some(y) => Cell::Number(u64::from(y)),
                    None => Cell::text(lang.t("csv.all_years")),
                },
            ];
            row.extend(FunderKind::ALL.iter().map(|k| Cell::Euros(of(Some(*k)))));
            row.push(Cell::Euros(of(None)));
            row.push(Cell::Euros(sum.total));
            row.push(sum.state_permille().map_or(Cell::Empty, Cell::Share));
            row.push(Cell::text(
                crate::i18n::state_warning(lang, &sum).unwrap_or_default(),
            ));
            rows.push(row);
        }
    }
    DataTable {
        name: "budget_totaux",
        head,
        rows,
    }
}

/// One row per indicator, one column per year it has a target for.
pub fn indicators(ctx: &Ctx) -> DataTable {
    use crate::domain::sheet::IndicatorKind;
    let (w, lang) = (ctx.w, ctx.lang);
    let mut years: Vec<u16> = w
        .sheets()
        .iter()
        .flat_map(|s| s.indicateurs.iter())
        .flat_map(|i| i.yearly.keys().copied())
        .collect();
    years.sort_unstable();
    years.dedup();
    let mut head = heads(
        lang,
        &[
            "sheet_id",
            "indicator",
            "indicator_kind",
            "baseline",
            "target",
        ],
    );
    head.extend(years.iter().map(u16::to_string));
    let rows = w
        .sheets()
        .iter()
        .flat_map(|s| s.indicateurs.iter().map(move |i| (s, i)))
        .map(|(s, i)| {
            let kind = match i.kind {
                IndicatorKind::Realisation => "csv.output",
                IndicatorKind::Resultat => "csv.outcome",
            };
            let mut row = vec![
                Cell::text(s.id.clone()),
                Cell::text(i.label.clone()),
                Cell::text(lang.t(kind)),
                Cell::text(i.baseline.clone()),
                Cell::text(i.target.clone()),
            ];
            row.extend(
                years
                    .iter()
                    .map(|y| Cell::text(i.yearly.get(y).cloned().unwrap_or_default())),
            );
            row
        })
        .collect();
    DataTable {
        name: "indicateurs",
        head,
        rows,
    }
}

/// The bytes of a CSV file in the chosen style.
/// A cell as it may be written: control and bidi characters shown as
/// symbols (in both styles). For spreadsheets (the French style, read by
/// Excel, LibreOffice, Google Sheets), a cell that a spreadsheet would run
/// as a formula — starting with `=`, `+`, `-`, `@`, a tab or a CR — gets a
/// leading `'`, the spreadsheet's own "this is text" mark, which it does
/// not show: "-30 % de non-recours" still reads as typed, and
/// `=HYPERLINK(…)` stays text (OWASP's advice). The standard style is for
/// programs, which never evaluate cells: there the text is left exactly as
/// typed, so that the data read back is the data written.
pub fn safe_cell(cell: &str, style: CsvStyle) -> String {
    let shown = crate::domain::text::neutralise(cell);
    let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if style == CsvStyle::French && formula {
        format!("'{shown}")
    } else {
        shown.into_owned()
    }
}

pub fn write(table: &DataTable, style: CsvStyle) -> std::io::Result<Vec<u8>> {
    let delimiter = match style {
        CsvStyle::French => b';',
        CsvStyle::Standard => b',',
    };
    let mut out = Vec::new();
    if style == CsvStyle::French {
        // Without the BOM, Excel reads UTF-8 as Windows-1252: "Ã©".
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .flexible(false)
        .from_writer(out);
    let head = table.head.iter().map(|cell| safe_cell(cell, style));
    w.write_record(head).map_err(std::io::Error::other)?;
    for row in &table.rows {
        let row = row.iter().map(|cell| cell.to_csv(style));
        w.write_record(row).map_err(std::io::Error::other)?;
    }
    w.into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))
}

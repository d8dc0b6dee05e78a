//! The workshop as spreadsheets: proposals, ballots, results, sheets. By
//! default for a French spreadsheet (`;`, UTF-8 with a BOM so accents
//! survive, decimal comma); `--csv-standard` gives RFC 4180 with `,` and a
//! decimal point. The `csv` crate does the quoting.

use super::report::{Ctx, status};
use super::{CsvStyle, Options};
use crate::domain::round::Voter;
use crate::domain::sheet::NatureKind;
use crate::domain::{College, Workshop};
use crate::i18n::Lang;

/// One CSV file: its name and its rows, header first.
pub struct CsvFile {
    pub file: &'static str,
    pub rows: Vec<Vec<String>>,
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

fn stamp(s: Option<crate::domain::Stamp>) -> String {
    s.map_or(String::new(), |s| {
        s.0.format("%Y-%m-%d %H:%M:%S").to_string()
    })
}

fn yes(lang: Lang, b: bool) -> String {
    lang.t(if b { "report.yes" } else { "report.no" })
        .to_string()
}

fn axis_name(w: &Workshop, key: Option<crate::domain::AxisKey>) -> String {
    key.and_then(|k| w.axis(k))
        .map_or(String::new(), |a| format!("{} {}", a.key, a.short))
}

pub fn proposals(ctx: &Ctx) -> CsvFile {
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
    let mut rows = vec![head];
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
            p.id.to_string(),
            p.text.clone(),
            axis_name(w, p.primary_axis()),
            secondary.join(", "),
            names.author(&p.author),
            p.merged_into.map_or(String::new(), |i| i.to_string()),
            from.join(", "),
            origin,
            stamp(p.created),
        ];
        // A merged proposal's dots count for the one it was merged into.
        for r in results {
            let dots = r.dots_of(p.id).filter(|_| !p.is_merged());
            row.push(dots.map_or(String::new(), |d| d.to_string()));
        }
        rows.push(row);
    }
    CsvFile {
        file: "propositions.csv",
        rows,
    }
}

/// What the phones sent, one row each, with what became of it; `None`
/// when no phone sent anything.
pub fn received(ctx: &Ctx) -> Option<CsvFile> {
    let (w, lang) = (ctx.w, ctx.lang);
    if w.received().is_empty() {
        return None;
    }
    let mut rows = vec![heads(
        lang,
        &["number", "text", "axis", "author", "received", "state"],
    )];
    for r in w.received() {
        rows.push(vec![
            r.id.to_string(),
            r.text.clone(),
            axis_name(w, r.axis),
            ctx.names.author(&r.author),
            stamp(r.at),
            super::report::received_state(lang, &r.state),
        ]);
    }
    Some(CsvFile {
        file: "recues.csv",
        rows,
    })
}

/// Every ballot, one row per proposal it gave dots to (a blank ballot gets
/// one row). Anonymous: voters numbered per round, rows in an order that
/// says nothing of who voted when.
/// A round not yet revealed shows who voted, not for what: its rows leave
/// the proposal and the dots empty.
pub fn ballots(ctx: &Ctx, opts: &Options) -> CsvFile {
    let (w, lang) = (ctx.w, opts.lang);
    let head = if opts.anonymous {
        heads(
            lang,
            &["round_number", "round", "voter", "proposal", "dots", "void"],
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
                "dots",
                "cast",
                "void",
            ],
        )
    };
    let mut rows = vec![head];
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
            let dots: Vec<(String, String)> = if hidden {
                vec![(String::new(), String::new())]
            } else if b.dots.is_empty() {
                vec![(String::new(), "0".into())]
            } else {
                b.dots
                    .iter()
                    .map(|(p, d)| (p.to_string(), d.to_string()))
                    .collect()
            };
            for (proposal, d) in dots {
                let row = if opts.anonymous {
                    vec![
                        r.id.to_string(),
                        r.name.clone(),
                        lang.tf("csv.voter_n", &[("n", &(n + 1))]),
                        proposal,
                        d,
                        yes(lang, b.void),
                    ]
                } else {
                    let (name, org, college) = voter(w, b.voter, lang);
                    vec![
                        r.id.to_string(),
                        r.name.clone(),
                        name,
                        org,
                        college,
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
    CsvFile {
        file: "bulletins.csv",
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

pub fn results(ctx: &Ctx, opts: &Options) -> CsvFile {
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
    head.extend(
        College::ALL
            .iter()
            .map(|c| lang.t(c.label_key()).to_string()),
    );
    head.push(lang.t("college.none").to_string());
    let mut rows = vec![head];
    // A hidden round has no row: nothing per proposal before the reveal.
    for res in results {
        let Some(shown) = res.shown() else { continue };
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
                res.round.id.to_string(),
                res.round.name.clone(),
                status(lang, res.round).to_string(),
                row.rank.to_string(),
                row.proposal.to_string(),
                p.map_or(String::new(), |p| p.text.clone()),
                axis_name(w, p.and_then(|p| p.primary_axis())),
                row.dots.to_string(),
                decimal(opts.csv, res.permille(row.dots)),
                kept.to_string(),
            ];
            for c in College::ALL.iter().map(|c| Some(*c)).chain([None]) {
                let n = row
                    .by_college
                    .iter()
                    .find(|(k, _)| *k == c)
                    .map_or(0, |(_, n)| *n);
                cells.push(n.to_string());
            }
            rows.push(cells);
        }
    }
    CsvFile {
        file: "resultats.csv",
        rows,
    }
}

pub fn sheets(ctx: &Ctx, opts: &Options) -> CsvFile {
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
            "objectives",
            "public",
            "priority_publics",
            "indicators",
            "to_complete",
            "source_proposals",
            "votes",
        ],
    );
    let mut rows = vec![head];
    for s in w.sheets() {
        let sum = s.budget_summary();
        let missing: Vec<&str> = s
            .missing_fields()
            .iter()
            .map(|k| lang.t(&format!("sheet.{k}")))
            .collect();
        rows.push(vec![
            s.id.clone(),
            s.title.clone(),
            axis_name(w, s.axis),
            lang.t(match s.nature.kind {
                NatureKind::Nouvelle => "sheet.nouvelle",
                NatureKind::Renforcee => "sheet.renforcee",
            })
            .to_string(),
            s.pilote.institution.clone(),
            if opts.anonymous {
                String::new()
            } else {
                s.pilote.contact.clone()
            },
            s.partenaires
                .iter()
                .map(|p| p.name.clone())
                .collect::<Vec<_>>()
                .join(" / "),
            s.calendrier.debut.clone(),
            s.calendrier.fin.clone(),
            sum.total.to_string(),
            sum.state.to_string(),
            sum.state_permille()
                .map_or(String::new(), |p| decimal(opts.csv, p)),
            yes(lang, sum.state_share_too_high()),
            s.objectifs.join("\n"),
            s.public_cible.description.clone(),
            s.public_cible
                .prioritaires
                .iter()
                .map(|p| lang.t(p.label_key()))
                .collect::<Vec<_>>()
                .join(", "),
            s.indicateurs.len().to_string(),
            missing.join(", "),
            s.origin
                .proposals
                .iter()
                .map(|p| format!("{} ({})", p.id, names.author(&p.author)))
                .collect::<Vec<_>>()
                .join(", "),
            s.origin.votes.to_string(),
        ]);
    }
    CsvFile {
        file: "fiches.csv",
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

pub fn write(sheet: &CsvFile, style: CsvStyle) -> std::io::Result<Vec<u8>> {
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
    for row in &sheet.rows {
        let row = row.iter().map(|cell| safe_cell(cell, style));
        w.write_record(row).map_err(std::io::Error::other)?;
    }
    w.into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))
}

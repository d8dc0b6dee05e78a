//! The workbook's first sheet as data: the workshop's details, proposals
//! per axis and participation per round (public even before a reveal).
//! Made once, written by the .xlsx and the .ods writers alike.

use super::report::{Ctx, status};
use super::tables::Cell;

pub struct Summary {
    pub title: String,
    /// The workshop's date, as a date cell.
    pub date: Option<(String, chrono::NaiveDate)>,
    /// Label and text, each text across the sheet's wide columns.
    pub details: Vec<(String, String)>,
    pub axes: Section,
    pub participation: Section,
}

/// A titled table of the summary. In `axes`, the last column is a long
/// text that spans the rest of the sheet.
pub struct Section {
    pub title: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// The summary's columns: labels, then numbers; long values span B to G.
pub const WIDTHS: [f64; 7] = [30.0, 18.0, 18.0, 18.0, 18.0, 18.0, 22.0];

pub fn of(ctx: &Ctx) -> Summary {
    let (w, lang) = (ctx.w, ctx.lang);
    let d = w.details();
    let details = [
        ("report.territory", &d.territory),
        ("report.place", &d.place),
        ("report.facilitator", &d.facilitator),
        ("report.question", &d.question),
    ]
    .into_iter()
    .filter(|(_, v)| !v.trim().is_empty())
    .map(|(k, v)| (lang.t(k).to_string(), v.clone()))
    .collect();
    let axes = w
        .group_by_axis(w.live_proposals(), |p| p.primary_axis())
        .into_iter()
        .map(|(group, members)| {
            let count = Cell::Number(members.len() as u64);
            match group.and_then(|k| w.axis(k)) {
                Some(a) => vec![
                    Cell::Axis {
                        label: format!("{} {}", a.key, a.short),
                        color: a.color,
                    },
                    count,
                    Cell::Text(a.title.clone()),
                ],
                None => vec![
                    Cell::Text(lang.t("tag.untagged").to_string()),
                    count,
                    Cell::Empty,
                ],
            }
        })
        .collect();
    let participation = ctx
        .results
        .iter()
        .map(|res| {
            let p = res.public.participation();
            // A paper round has no dots to give: nothing, rather than 0.
            let available = |n: u64| {
                if p.dots_available > 0 {
                    Cell::Number(n)
                } else {
                    Cell::Empty
                }
            };
            vec![
                Cell::Text(res.round.name.clone()),
                Cell::Text(status(lang, res.round).to_string()),
                Cell::Number(p.ballots as u64),
                Cell::Number(p.voided as u64),
                Cell::Number(u64::from(p.dots_spent)),
                available(u64::from(p.dots_available)),
                if p.dots_available > 0 {
                    Cell::Share(
                        (u64::from(p.dots_spent) * 1000 + u64::from(p.dots_available) / 2)
                            / u64::from(p.dots_available),
                    )
                } else {
                    Cell::Empty
                },
            ]
        })
        .collect();
    let heads = |keys: &[&str]| keys.iter().map(|k| lang.t(k).to_string()).collect();
    Summary {
        title: d.title.clone(),
        date: d
            .date
            .map(|date| (lang.t("report.date").to_string(), date.0)),
        details,
        axes: Section {
            title: lang.t("report.proposals_by_axis").to_string(),
            head: heads(&["csv.axis", "report.proposals", "workbook.axis_title"]),
            rows: axes,
        },
        participation: Section {
            title: lang.t("workbook.participation").to_string(),
            head: heads(&[
                "csv.round",
                "csv.status",
                "workbook.ballots",
                "workbook.voided",
                "workbook.dots_spent",
                "workbook.dots_available",
                "workbook.dots_share",
            ]),
            rows: participation,
        },
    }
}

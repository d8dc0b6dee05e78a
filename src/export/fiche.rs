//! One action sheet laid out as the administration's *fiche action*: a
//! title block (axis, nature, pilot, dates, territory, origin), then the
//! sections in the sheet's order, with tables for the partners, the
//! budget (the State's share per year and overall, the 50 % flag) and the
//! indicators (a column per year). Built on the document model, so the
//! Word files say what the Markdown and HTML say.

use super::document::{Block, Document, Inline, Item, Table};
use super::report::{Ctx, badge, milestone_items, or_missing, partners_table, source_items};
use crate::domain::Workshop;
use crate::domain::sheet::{IndicatorKind, NatureKind, Sheet};
use crate::i18n::{Lang, euros, percent};

/// `sheet` (already through the anonymous filter or not) as a document.
pub fn document(ctx: &Ctx, sheet: &Sheet) -> Document {
    let (w, lang) = (ctx.w, ctx.lang);
    let t = |k: &str| lang.t(k).to_string();
    let title = format!("{} — {}", sheet.id, sheet.title);
    let mut doc = Document::about(title.clone(), lang, w, ctx.names.anonymous);
    doc.heading(1, title, &format!("sheet-{}", sheet.id));
    doc.blocks
        .push(Block::Fields(title_block(w, lang, sheet, ctx)));
    let text = |doc: &mut Document, key: &str, value: &str| {
        doc.heading(2, t(key), key);
        doc.para(or_missing(lang, value));
    };
    text(&mut doc, "sheet.constat", &sheet.constat);
    doc.heading(2, t("csv.objectives"), "objectifs");
    if sheet.objectifs.is_empty() {
        doc.para(or_missing(lang, ""));
    }
    doc.list(
        sheet
            .objectifs
            .iter()
            .map(|o| Item::new(vec![Inline::Text(o.clone())]))
            .collect(),
    );
    public(&mut doc, sheet);
    text(&mut doc, "sheet.description", &sheet.description);
    partners(&mut doc, sheet);
    text(&mut doc, "sheet.gouvernance", &sheet.gouvernance);
    milestones(&mut doc, sheet);
    budget(&mut doc, sheet);
    indicators(&mut doc, sheet);
    text(&mut doc, "sheet.evaluation", &sheet.evaluation);
    text(&mut doc, "sheet.participation", &sheet.participation);
    origin(&mut doc, ctx, sheet);
    doc
}

fn title_block(w: &Workshop, lang: Lang, s: &Sheet, ctx: &Ctx) -> Vec<(String, Vec<Inline>)> {
    let t = |k: &str| lang.t(k).to_string();
    let axis = match s.axis {
        Some(k) => vec![
            badge(w, k),
            Inline::Text(w.axis(k).map_or(String::new(), |a| format!(" {}", a.title))),
        ],
        None => or_missing(lang, ""),
    };
    let mut nature = t(s.nature.kind.label_key());
    let how = crate::i18n::describe::reinforced(lang, &s.nature);
    if !how.is_empty() {
        nature.push_str(&format!(" ({})", how.join(", ")));
    }
    let contact = ctx.names.author(&s.pilote.contact);
    let pilot = match (s.pilote.institution.trim(), contact.trim()) {
        ("", _) => or_missing(lang, ""),
        (inst, "") => vec![Inline::Text(inst.to_string())],
        (inst, contact) => vec![Inline::Text(format!("{inst} ({contact})"))],
    };
    // The round by its name, and the workshop with its date: what an
    // officer quotes in the official template.
    let round = s
        .origin
        .round
        .and_then(|id| w.round(id))
        .map_or_else(String::new, |r| r.name.clone());
    let date = w
        .details()
        .date
        .map_or_else(String::new, |d| crate::i18n::long_date(lang, d));
    let workshop = match (s.origin.workshop.trim(), date.as_str()) {
        (name, "") => name.to_string(),
        ("", date) => date.to_string(),
        (name, date) => format!("{name} ({date})"),
    };
    let origin = if round.is_empty() {
        lang.tf(
            "sheet.origin_text",
            &[("workshop", &workshop), ("votes", &s.origin.votes)],
        )
    } else {
        lang.tf(
            "sheet.origin_round",
            &[
                ("workshop", &workshop),
                ("round", &round),
                ("votes", &s.origin.votes),
            ],
        )
    };
    vec![
        (t("sheet.axis"), axis),
        (
            t("sheet.nature"),
            if s.nature.kind == NatureKind::APreciser {
                or_missing(lang, "")
            } else {
                vec![Inline::Text(nature)]
            },
        ),
        (t("sheet.pilote"), pilot),
        (
            t("sheet.debut"),
            or_missing(lang, &crate::i18n::shown_month(lang, &s.calendrier.debut)),
        ),
        (
            t("sheet.fin"),
            or_missing(lang, &crate::i18n::shown_month(lang, &s.calendrier.fin)),
        ),
        (t("sheet.territoire"), or_missing(lang, &s.territoire)),
        (t("sheet.referentiel"), or_missing(lang, &s.referentiel)),
        (t("sheet.priorite"), or_missing(lang, &s.priorite)),
        (t("sheet.origin"), vec![Inline::Text(origin)]),
    ]
}

fn public(doc: &mut Document, s: &Sheet) {
    let lang = doc.lang;
    doc.heading(2, lang.t("sheet.public_cible"), "public");
    doc.para(or_missing(lang, &s.public_cible.description));
    if !s.public_cible.prioritaires.is_empty() {
        let labels: Vec<&str> = s
            .public_cible
            .prioritaires
            .iter()
            .map(|p| lang.t(p.label_key()))
            .collect();
        doc.field(
            lang.t("sheet.prioritaires"),
            vec![Inline::Text(labels.join(", "))],
        );
    }
}

fn partners(doc: &mut Document, s: &Sheet) {
    let lang = doc.lang;
    let t = |k: &str| lang.t(k).to_string();
    doc.heading(2, t("sheet.partenaires"), "partenaires");
    if s.partenaires.is_empty() {
        doc.para(or_missing(lang, ""));
    }
    doc.table(partners_table(lang, s));
}

fn milestones(doc: &mut Document, s: &Sheet) {
    let lang = doc.lang;
    let t = |k: &str| lang.t(k).to_string();
    doc.heading(2, t("sheet.calendrier"), "calendrier");
    let cal = &s.calendrier;
    let mut when = vec![Inline::Strong(format!("{} ", t("sheet.debut")))];
    when.extend(or_missing(
        lang,
        &crate::i18n::shown_month(lang, &cal.debut),
    ));
    when.push(Inline::Strong(format!(" — {} ", t("sheet.fin"))));
    when.extend(or_missing(lang, &crate::i18n::shown_month(lang, &cal.fin)));
    doc.para(when);
    doc.list(milestone_items(lang, cal));
}

/// Per year and overall: the total, the State's part, its share, and
/// whether it passes 50 %; then every line as typed.
fn budget(doc: &mut Document, s: &Sheet) {
    let lang = doc.lang;
    let t = |k: &str| lang.t(k).to_string();
    doc.heading(2, t("sheet.budget"), "budget");
    if s.budget.is_empty() {
        doc.para(or_missing(lang, ""));
        return;
    }
    let row = |label: String, sum: crate::domain::sheet::BudgetSummary| {
        vec![
            label,
            euros(lang, sum.total),
            euros(lang, sum.state),
            sum.state_permille()
                .map_or(String::new(), |p| percent(lang, p)),
            t(if sum.state_share_too_high() {
                "report.yes"
            } else {
                "report.no"
            }),
        ]
    };
    let mut rows: Vec<Vec<String>> = s
        .budget_years()
        .into_iter()
        .map(|y| row(y.to_string(), s.budget_summary_for(Some(y))))
        .collect();
    rows.push(row(t("sheet.total"), s.budget_summary()));
    doc.table(Table {
        caption: format!("{} — {}", t("sheet.budget"), s.id),
        head: vec![
            t("sheet.year"),
            t("csv.budget"),
            t("csv.state_amount"),
            t("csv.state_share"),
            t("csv.over_half"),
        ],
        rows,
        numeric: vec![false, true, true, true, false],
    });
    if let Some(warning) = crate::i18n::state_warning(lang, &s.budget_summary()) {
        doc.para(vec![Inline::Strong(warning.to_string())]);
    }
    doc.table(super::report::funding_grid(lang, s));
    let off = crate::i18n::off_calendar(lang, s);
    if !off.is_empty() {
        doc.para(vec![Inline::Strong(off)]);
    }
}

/// One row per indicator, one column per year that any of them targets.
fn indicators(doc: &mut Document, s: &Sheet) {
    let lang = doc.lang;
    let t = |k: &str| lang.t(k).to_string();
    doc.heading(2, t("sheet.indicateurs"), "indicateurs");
    if s.indicateurs.is_empty() {
        doc.para(or_missing(lang, ""));
        return;
    }
    let mut years: Vec<u16> = s
        .indicateurs
        .iter()
        .flat_map(|i| i.yearly.keys().copied())
        .collect();
    years.sort_unstable();
    years.dedup();
    let mut head = vec![
        t("sheet.label"),
        t("sheet.kind"),
        t("sheet.baseline"),
        t("sheet.target"),
    ];
    head.extend(years.iter().map(u16::to_string));
    let rows = s
        .indicateurs
        .iter()
        .map(|i| {
            let mut row = vec![
                i.label.clone(),
                t(match i.kind {
                    IndicatorKind::Realisation => "sheet.realisation",
                    IndicatorKind::Resultat => "sheet.resultat",
                }),
                i.baseline.clone(),
                i.target.clone(),
            ];
            row.extend(
                years
                    .iter()
                    .map(|y| i.yearly.get(y).cloned().unwrap_or_default()),
            );
            row
        })
        .collect();
    let mut numeric = vec![false; 4];
    numeric.extend(years.iter().map(|_| true));
    doc.table(Table {
        caption: format!("{} — {}", t("sheet.indicateurs"), s.id),
        head,
        rows,
        numeric,
    });
}

fn origin(doc: &mut Document, ctx: &Ctx, s: &Sheet) {
    let lang = doc.lang;
    if s.origin.proposals.is_empty() {
        return;
    }
    doc.heading(2, lang.t("sheet.origin"), "origin");
    doc.list(source_items(s, &ctx.names));
}

//! The items of a fiche's lists (partners, milestones, budget lines,
//! indicators) as people type them: one reading, with the same checks, for
//! the terminal's forms and the groups' pages.

use super::sheet::{
    AmountError, BudgetLine, FunderKind, Indicator, IndicatorKind, ListKind, Milestone, Partner,
    Sheet, YearlyError, format_yearly, parse_amount, parse_yearly,
};

/// A group's change to one item of a list: a new item (no `base`), an
/// item changed (`base` → `item`) or taken out (no `item`). The item is
/// found by what it held (`base`), `index` being where the page saw it:
/// another device may have added or removed items meanwhile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemEdit {
    pub list: super::drafting::FieldKey,
    pub index: Option<usize>,
    pub base: Option<Item>,
    pub item: Option<Item>,
    pub by: String,
    pub at: super::Stamp,
}

/// The budget years a line may be for: the Pacte's span, with room.
pub const BUDGET_YEARS: std::ops::RangeInclusive<u16> = 2020..=2040;

/// One item of a fiche's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Partner(Partner),
    Milestone(Milestone),
    Budget(BudgetLine),
    Indicator(Indicator),
}

/// Why what was typed for an item is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemError {
    /// A partner without a name, an indicator without a label.
    EmptyName,
    /// A milestone with neither date nor label.
    EmptyText,
    BadYear(String),
    Amount(AmountError, String),
    FunderEmpty,
    Yearly(YearlyError),
}

impl ListKind {
    /// The names of an item's parts, in a form and in the order `values`
    /// gives them.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            ListKind::Objectifs => &["text"],
            ListKind::Partenaires => &["name", "role", "contribution"],
            ListKind::Jalons => &["date", "label"],
            ListKind::Budget => &["year", "kind", "funder", "amount"],
            ListKind::Indicateurs => &["label", "kind", "baseline", "target", "yearly"],
        }
    }

    /// The list's items in `sheet`.
    pub fn items(self, sheet: &Sheet) -> Vec<Item> {
        match self {
            ListKind::Objectifs => Vec::new(),
            ListKind::Partenaires => sheet
                .partenaires
                .iter()
                .cloned()
                .map(Item::Partner)
                .collect(),
            ListKind::Jalons => sheet
                .calendrier
                .jalons
                .iter()
                .cloned()
                .map(Item::Milestone)
                .collect(),
            ListKind::Budget => sheet.budget.iter().cloned().map(Item::Budget).collect(),
            ListKind::Indicateurs => sheet
                .indicateurs
                .iter()
                .cloned()
                .map(Item::Indicator)
                .collect(),
        }
    }
}

/// The short name a form gives a funder's kind (`etat`, `caf`…).
pub fn funder_name(kind: FunderKind) -> &'static str {
    kind.key().trim_start_matches("funder.")
}

pub fn funder_of(name: &str) -> Option<FunderKind> {
    FunderKind::ALL
        .into_iter()
        .find(|k| funder_name(*k) == name)
}

pub fn indicator_kind_name(kind: IndicatorKind) -> &'static str {
    match kind {
        IndicatorKind::Realisation => "realisation",
        IndicatorKind::Resultat => "resultat",
    }
}

impl Item {
    pub fn list(&self) -> ListKind {
        match self {
            Item::Partner(_) => ListKind::Partenaires,
            Item::Milestone(_) => ListKind::Jalons,
            Item::Budget(_) => ListKind::Budget,
            Item::Indicator(_) => ListKind::Indicateurs,
        }
    }

    /// The item as a form shows it, part by part (`columns`' order); what
    /// `read` reads back.
    pub fn values(&self) -> Vec<String> {
        let t = |s: &str| s.trim().to_string();
        match self {
            Item::Partner(p) => vec![t(&p.name), t(&p.role), t(&p.contribution)],
            Item::Milestone(m) => vec![t(&m.date), t(&m.label)],
            Item::Budget(b) => vec![
                b.year.to_string(),
                b.kind.map(funder_name).unwrap_or_default().to_string(),
                t(&b.funder),
                grouped(b.amount),
            ],
            Item::Indicator(i) => vec![
                t(&i.label),
                indicator_kind_name(i.kind).to_string(),
                t(&i.baseline),
                t(&i.target),
                format_yearly(&i.yearly),
            ],
        }
    }

    /// The item typed in a form's parts (`columns`' order; a part left
    /// out is empty), checked as the terminal checks it.
    pub fn read(list: ListKind, values: &[&str]) -> Result<Item, ItemError> {
        let v = |i: usize| values.get(i).map_or("", |s| s.trim());
        match list {
            ListKind::Objectifs => Err(ItemError::EmptyText),
            ListKind::Partenaires => read_partner(v(0), v(1), v(2)).map(Item::Partner),
            ListKind::Jalons => read_milestone(v(0), v(1)).map(Item::Milestone),
            ListKind::Budget => {
                read_budget_line(v(0), funder_of(v(1)), v(2), v(3)).map(Item::Budget)
            }
            ListKind::Indicateurs => {
                let kind = if v(1) == "resultat" {
                    IndicatorKind::Resultat
                } else {
                    IndicatorKind::Realisation
                };
                read_indicator(v(0), kind, v(2), v(3), v(4)).map(Item::Indicator)
            }
        }
    }

    /// One line saying the item (the read-only page, a kept item).
    pub fn line(&self) -> String {
        self.values()
            .into_iter()
            .filter(|v| !v.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// `120 000`: an amount as people read it, and as `parse_amount` reads
/// it back.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

pub fn read_partner(name: &str, role: &str, contribution: &str) -> Result<Partner, ItemError> {
    if name.trim().is_empty() {
        return Err(ItemError::EmptyName);
    }
    Ok(Partner {
        name: name.trim().to_string(),
        role: role.trim().to_string(),
        contribution: contribution.trim().to_string(),
    })
}

pub fn read_milestone(date: &str, label: &str) -> Result<Milestone, ItemError> {
    if date.trim().is_empty() && label.trim().is_empty() {
        return Err(ItemError::EmptyText);
    }
    Ok(Milestone {
        date: date.trim().to_string(),
        label: label.trim().to_string(),
    })
}

/// A budget line: a year of the Pacte, a funder named, an amount in whole
/// euros; its kind as chosen (none: the one its name plainly says).
pub fn read_budget_line(
    year: &str,
    kind: Option<FunderKind>,
    funder: &str,
    amount: &str,
) -> Result<BudgetLine, ItemError> {
    let year = match year.trim().parse::<u16>() {
        Ok(y) if BUDGET_YEARS.contains(&y) => y,
        _ => return Err(ItemError::BadYear(year.trim().to_string())),
    };
    let amount = parse_amount(amount).map_err(|e| ItemError::Amount(e, amount.trim().into()))?;
    if funder.trim().is_empty() {
        return Err(ItemError::FunderEmpty);
    }
    Ok(BudgetLine {
        year,
        funder: funder.trim().to_string(),
        kind,
        amount,
    })
}

pub fn read_indicator(
    label: &str,
    kind: IndicatorKind,
    baseline: &str,
    target: &str,
    yearly: &str,
) -> Result<Indicator, ItemError> {
    if label.trim().is_empty() {
        return Err(ItemError::EmptyName);
    }
    Ok(Indicator {
        label: label.trim().to_string(),
        kind,
        baseline: baseline.trim().to_string(),
        target: target.trim().to_string(),
        yearly: parse_yearly(yearly.trim()).map_err(ItemError::Yearly)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_reads_back_what_it_shows() {
        let items = [
            Item::Partner(read_partner(" CAF de la Drôme ", "co-pilote", "").unwrap()),
            Item::Milestone(read_milestone("mars 2026", "Premier comité").unwrap()),
            Item::Budget(read_budget_line("2026", None, "DDETS", "120 000 €").unwrap()),
            Item::Budget(read_budget_line("2026", None, "CAF", "1234567").unwrap()),
            Item::Budget(read_budget_line("2026", None, "CCAS", "999").unwrap()),
            Item::Budget(
                read_budget_line("2025", Some(FunderKind::FranceTravail), "FT", "5").unwrap(),
            ),
            Item::Indicator(
                read_indicator(
                    "Jeunes accompagnés",
                    IndicatorKind::Resultat,
                    "0",
                    "300",
                    "2025: 120; 2026: 12,5 %",
                )
                .unwrap(),
            ),
        ];
        assert_eq!(items[2].values()[3], "120 000");
        assert_eq!(items[3].values()[3], "1 234 567");
        for item in items {
            let values = item.values();
            let shown: Vec<&str> = values.iter().map(String::as_str).collect();
            assert_eq!(Item::read(item.list(), &shown), Ok(item.clone()));
        }
    }

    #[test]
    fn an_item_is_checked_as_the_terminal_checks_it() {
        let budget = |v: &[&str]| Item::read(ListKind::Budget, v);
        assert_eq!(
            budget(&["2019", "etat", "DDETS", "10"]),
            Err(ItemError::BadYear("2019".into()))
        );
        assert_eq!(
            budget(&["deux mille", "", "DDETS", "10"]),
            Err(ItemError::BadYear("deux mille".into()))
        );
        assert_eq!(
            budget(&["2026", "", "CAF", "douze mille"]),
            Err(ItemError::Amount(
                AmountError::NotANumber,
                "douze mille".into()
            ))
        );
        assert_eq!(budget(&["2026", "", "", "12"]), Err(ItemError::FunderEmpty));
        let Ok(Item::Budget(line)) = budget(&["2026", "", "DDETS", "60 000"]) else {
            panic!("a plain line");
        };
        assert!(line.is_state(), "the State's share as the app computes it");
        assert_eq!(
            Item::read(ListKind::Partenaires, &["  ", "rôle"]),
            Err(ItemError::EmptyName)
        );
        assert!(matches!(
            Item::read(ListKind::Indicateurs, &["x", "", "", "", "400, 950"]),
            Err(ItemError::Yearly(_))
        ));
        assert_eq!(
            Item::read(ListKind::Jalons, &["", " "]),
            Err(ItemError::EmptyText)
        );
    }
}

//! French and English texts. Every visible string goes through here: the
//! catalogues are TOML files (`fr.toml`, `en.toml`) that a translator can
//! read; a test checks that both have every key the code uses.

pub mod describe;
mod errors;
pub mod parser;
pub mod plural;

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;

pub use errors::{Localize, io_reason};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

const SOURCES: [(Lang, &str); 2] = [
    (Lang::Fr, include_str!("fr.toml")),
    (Lang::En, include_str!("en.toml")),
];

type Catalogue = HashMap<String, String>;

fn catalogues() -> &'static [Catalogue; 2] {
    static CATALOGUES: OnceLock<[Catalogue; 2]> = OnceLock::new();
    CATALOGUES.get_or_init(|| SOURCES.map(|(_, text)| parse_catalogue(text)))
}

/// Flattens nested tables into dotted keys: `[err] empty = ".."` gives
/// `err.empty`. A broken catalogue is a build defect caught by the tests;
/// at run time it only yields the keys themselves.
pub fn parse_catalogue(text: &str) -> Catalogue {
    fn walk(prefix: &str, table: &toml::Table, out: &mut Catalogue) {
        for (k, v) in table {
            let key = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            match v {
                toml::Value::Table(t) => walk(&key, t, out),
                toml::Value::String(s) => {
                    out.insert(key, s.clone());
                }
                other => {
                    out.insert(key, other.to_string());
                }
            }
        }
    }
    let mut out = Catalogue::new();
    if let Ok(table) = text.parse::<toml::Table>() {
        walk("", &table, &mut out);
    }
    out
}

impl Lang {
    /// `fr`, `en`, or a locale such as `en_GB.UTF-8`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        if code.starts_with("fr") {
            Some(Lang::Fr)
        } else if code.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The command line wins, then the config file, then an English
    /// `LANG`/`LC_ALL`; French otherwise.
    pub fn choose(cli: Option<&str>, config: Option<&str>, env_lang: Option<&str>) -> Lang {
        cli.and_then(Lang::from_code)
            .or_else(|| config.and_then(Lang::from_code))
            .or_else(|| {
                env_lang
                    .and_then(Lang::from_code)
                    .filter(|l| *l == Lang::En)
            })
            .unwrap_or(Lang::Fr)
    }

    /// The locale from the environment, as POSIX orders it.
    pub fn env_locale() -> Option<String> {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    fn index(self) -> usize {
        match self {
            Lang::Fr => 0,
            Lang::En => 1,
        }
    }

    /// The text for `key`. A key missing from a catalogue (the tests catch
    /// those) falls back to French, then to a visible marker, never a panic.
    pub fn t(self, key: &str) -> &'static str {
        let cats = catalogues();
        cats[self.index()]
            .get(key)
            .or_else(|| cats[Lang::Fr.index()].get(key))
            .map_or("[?]", String::as_str)
    }

    /// The text for `key` with `{name}` placeholders and plural selects
    /// (`{n -> [one] … *[other] …}`) filled.
    pub fn tf(self, key: &str, args: &[(&str, &dyn Display)]) -> String {
        plural::fill(self, self.t(key), args)
    }
}

/// A number of things with the right plural: `tn(lang, "n.proposals", 2)`
/// uses the key's form for the number's CLDR category (`one`, `many`…),
/// or `other` when the catalogue has no such form.
pub fn tn(lang: Lang, key: &str, n: usize) -> String {
    tnf(lang, key, n, &[])
}

/// The key of `key`'s form for `n`.
fn plural_key(lang: Lang, key: &str, n: usize) -> String {
    let form = format!("{key}.{}", plural::category(lang, n as f64));
    if catalogues()[lang.index()].contains_key(&form) {
        form
    } else {
        format!("{key}.other")
    }
}

#[cfg(test)]
mod tests;

/// A sentence about `n` things with its plural form (`key.one` or
/// `key.other`) and other placeholders filled too.
pub fn tnf(lang: Lang, key: &str, n: usize, args: &[(&str, &dyn Display)]) -> String {
    let mut all: Vec<(&str, &dyn Display)> = vec![("n", &n)];
    all.extend_from_slice(args);
    lang.tf(&plural_key(lang, key, n), &all)
}

/// A whole number with the language's thousands separator:
/// `120 000` (narrow no-break space) in French, `120,000` in English.
pub fn number(lang: Lang, n: u64) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::Fr => "\u{202f}",
        Lang::En => ",",
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// A month's name: `septembre`, `September`.
fn month_name(lang: Lang, month0: usize) -> &'static str {
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let names = match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    };
    names.get(month0).copied().unwrap_or("")
}

/// A day as people write it: `14 mars 2024`, `14 March 2024`.
pub fn long_date(lang: Lang, d: crate::domain::Date) -> String {
    use chrono::Datelike;
    let name = month_name(lang, d.0.month0() as usize);
    format!("{} {name} {}", d.0.day(), d.0.year())
}

/// A month as a date reads in a letter: `septembre 2024`.
pub fn month_year(lang: Lang, d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} {}", month_name(lang, d.month0() as usize), d.year())
}

/// A calendar entry as typed, shown as a month when it is one
/// ("2024-09" → "septembre 2024"), else as typed.
pub fn shown_month(lang: Lang, typed: &str) -> String {
    crate::domain::sheet::parse_month(typed)
        .map_or_else(|| typed.to_string(), |d| month_year(lang, d))
}

/// "Budget en 2028, hors du calendrier (septembre 2024 – décembre 2027)":
/// the one wording of `check` and the fiches; empty when every year fits.
pub fn off_calendar(lang: Lang, s: &crate::domain::sheet::Sheet) -> String {
    let years = s.budget_years_off_calendar();
    if years.is_empty() {
        return String::new();
    }
    let years: Vec<String> = years.iter().map(u16::to_string).collect();
    lang.tf(
        "sheet.off_calendar",
        &[
            ("sheet", &s.id),
            ("years", &years.join(", ")),
            ("start", &shown_month(lang, &s.calendrier.debut)),
            ("end", &shown_month(lang, &s.calendrier.fin)),
        ],
    )
}

/// An amount in euros: `120 000 €` or `€120,000`.
pub fn euros(lang: Lang, n: u64) -> String {
    match lang {
        Lang::Fr => format!("{}\u{a0}€", number(lang, n)),
        Lang::En => format!("€{}", number(lang, n)),
    }
}

/// What a budget's State share calls for, in words, if anything: the one
/// wording every output uses ("Attention : la part de l'État dépasse 50 %…",
/// "Pas de financement de l'État…").
pub fn state_warning(
    lang: Lang,
    sum: &crate::domain::sheet::BudgetSummary,
) -> Option<&'static str> {
    use crate::domain::sheet::StateWarning;
    sum.warning().map(|w| match w {
        StateWarning::OverHalf => lang.t("sheet.state_over"),
        StateWarning::NoState => lang.t("sheet.no_state"),
    })
}

/// A share given in tenths of a percent: `50,0 %` or `50.0%`.
/// A share in whole percent (rounded), for a column on screen.
pub fn percent_whole(lang: Lang, permille: u64) -> String {
    let whole = (permille + 5) / 10;
    match lang {
        Lang::Fr => format!("{whole}\u{a0}%"),
        Lang::En => format!("{whole}%"),
    }
}

pub fn percent(lang: Lang, permille: u64) -> String {
    match lang {
        Lang::Fr => format!("{},{}\u{a0}%", permille / 10, permille % 10),
        Lang::En => format!("{}.{}%", permille / 10, permille % 10),
    }
}

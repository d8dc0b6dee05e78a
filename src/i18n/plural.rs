//! Plurals, as the catalogues write them. A message chooses its words by a
//! number with a select expression in the manner of Fluent:
//!
//! ```text
//! over_budget = "{spent} {spent -> [one] gommette posée *[other] gommettes posées}, …"
//! ```
//!
//! The categories (`zero`, `one`, `two`, `few`, `many`, `other`) are CLDR's,
//! from the `intl_pluralrules` crate that Fluent uses: French puts 0 and 1
//! in `one`, English only 1. The variant marked `*` is the fallback.

use super::Lang;
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use std::fmt::Display;
use std::sync::OnceLock;
use unic_langid::LanguageIdentifier;

fn rules(lang: Lang) -> Option<&'static PluralRules> {
    static RULES: OnceLock<[Option<PluralRules>; 2]> = OnceLock::new();
    let all = RULES.get_or_init(|| {
        [Lang::Fr, Lang::En].map(|l| {
            let id: LanguageIdentifier = l.code().parse().ok()?;
            PluralRules::create(id, PluralRuleType::CARDINAL).ok()
        })
    });
    all[match lang {
        Lang::Fr => 0,
        Lang::En => 1,
    }]
    .as_ref()
}

/// The CLDR plural category of `n` in `lang`: `"one"`, `"other"`…
pub fn category(lang: Lang, n: f64) -> &'static str {
    let fallback = || match lang {
        Lang::Fr if (0.0..2.0).contains(&n) => "one",
        Lang::En if (n - 1.0).abs() < f64::EPSILON => "one",
        _ => "other",
    };
    let Some(rules) = rules(lang) else {
        return fallback();
    };
    match rules.select(n) {
        Ok(PluralCategory::ZERO) => "zero",
        Ok(PluralCategory::ONE) => "one",
        Ok(PluralCategory::TWO) => "two",
        Ok(PluralCategory::FEW) => "few",
        Ok(PluralCategory::MANY) => "many",
        Ok(PluralCategory::OTHER) => "other",
        Err(_) => fallback(),
    }
}

/// A value as a number, if it reads as one (`1 200`, `3`, `2,5`).
fn as_number(text: &str) -> Option<f64> {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    digits.parse().ok()
}

/// Fills `{name}` placeholders and `{name -> [cat] … *[other] …}` selects.
pub fn fill(lang: Lang, template: &str, args: &[(&str, &dyn Display)]) -> String {
    let values: Vec<(&str, String)> = args.iter().map(|(k, v)| (*k, v.to_string())).collect();
    fill_with(lang, template, &values)
}

fn fill_with(lang: Lang, template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(len) = matching_brace(&rest[open..]) else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inner = &rest[open + 1..open + len];
        match inner.split_once("->") {
            Some((name, variants)) => {
                let chosen = select(lang, values, name.trim(), variants);
                out.push_str(&fill_with(lang, chosen, values));
            }
            None => match values.iter().find(|(k, _)| *k == inner) {
                Some((_, v)) => out.push_str(v),
                // Not ours: kept as written.
                None => out.push_str(&rest[open..=open + len]),
            },
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
}

/// The names a template uses, in placeholders and in selects (with the
/// placeholders inside their variants), and which of them select.
pub fn placeholder_names(template: &str) -> (Vec<String>, Vec<String>) {
    let mut names = Vec::new();
    let mut selectors = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(len) = matching_brace(&rest[open..]) else {
            break;
        };
        let inner = &rest[open + 1..open + len];
        match inner.split_once("->") {
            Some((name, text)) => {
                let name = name.trim().to_string();
                selectors.push(name.clone());
                names.push(name);
                for (_, _, body) in variants(text) {
                    names.extend(placeholder_names(body).0);
                }
            }
            None => names.push(inner.to_string()),
        }
        rest = &rest[open + len + 1..];
    }
    names.sort();
    names.dedup();
    selectors.sort();
    selectors.dedup();
    (names, selectors)
}

/// The length up to the `}` that closes the `{` at the start of `text`.
fn matching_brace(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The variants of a select, as `(category, is_default, text)`.
fn variants(text: &str) -> Vec<(&str, bool, &str)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    // Positions of each `[` (or `*[`) that starts a variant at depth 0.
    let mut starts = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            '[' if depth == 0 => starts.push(i),
            _ => {}
        }
    }
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(text.len());
        let chunk = &text[start..end];
        let Some(close) = chunk.find(']') else {
            continue;
        };
        let key = chunk[1..close].trim();
        let mut body = &chunk[close + 1..];
        // A `*` before the next variant belongs to that one.
        let next_is_default = body.trim_end().ends_with('*');
        if next_is_default {
            body = body.trim_end().trim_end_matches('*');
        }
        let is_default = start > 0 && text[..start].trim_end().ends_with('*');
        out.push((key, is_default, body.trim()));
    }
    out
}

fn select<'a>(lang: Lang, values: &[(&str, String)], name: &str, text: &'a str) -> &'a str {
    let all = variants(text);
    let value = values
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.as_str());
    let wanted = value.and_then(as_number).map(|n| category(lang, n));
    // An exact number (`[0]`) first, then the category, then the default.
    all.iter()
        .find(|(k, _, _)| value.is_some_and(|v| v.trim() == *k))
        .or_else(|| all.iter().find(|(k, _, _)| Some(*k) == wanted))
        .or_else(|| all.iter().find(|(_, d, _)| *d))
        .or_else(|| all.last())
        .map_or("", |(_, _, body)| body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cldr_categories_for_french_and_english() {
        assert_eq!(category(Lang::Fr, 0.0), "one");
        assert_eq!(category(Lang::Fr, 1.0), "one");
        assert_eq!(category(Lang::Fr, 2.0), "other");
        assert_eq!(category(Lang::En, 0.0), "other");
        assert_eq!(category(Lang::En, 1.0), "one");
        assert_eq!(category(Lang::En, 2.0), "other");
    }

    #[test]
    fn a_select_picks_the_words_for_the_number() {
        let t = "{n} {n -> [one] gommette posée *[other] gommettes posées}";
        let say = |lang, n: usize| fill(lang, t, &[("n", &n)]);
        assert_eq!(say(Lang::Fr, 0), "0 gommette posée");
        assert_eq!(say(Lang::Fr, 1), "1 gommette posée");
        assert_eq!(say(Lang::Fr, 2), "2 gommettes posées");
        assert_eq!(say(Lang::Fr, 1_000_000), "1000000 gommettes posées");
        assert_eq!(say(Lang::En, 0), "0 gommettes posées");
    }

    #[test]
    fn variants_hold_placeholders_and_exact_numbers() {
        let t = "{k -> [0] aucune [one] la première *[other] les {k} premières} de {axis}";
        let say = |k: usize| fill(Lang::Fr, t, &[("k", &k), ("axis", &"l'axe 2")]);
        assert_eq!(say(0), "aucune de l'axe 2");
        assert_eq!(say(1), "la première de l'axe 2");
        assert_eq!(say(3), "les 3 premières de l'axe 2");
    }

    #[test]
    fn unknown_placeholders_and_stray_braces_stay_as_written() {
        assert_eq!(fill(Lang::Fr, "{x} et {", &[]), "{x} et {");
        assert_eq!(fill(Lang::Fr, "a {n} b", &[("n", &"1 200")]), "a 1 200 b");
    }
}

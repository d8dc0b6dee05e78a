use super::*;
use std::collections::BTreeSet;
use std::path::Path;

fn keys(lang: Lang) -> BTreeSet<&'static str> {
    catalogues()[lang.index()]
        .keys()
        .map(String::as_str)
        .collect()
}

#[test]
fn both_catalogues_parse_and_have_the_same_keys() {
    for (lang, text) in SOURCES {
        text.parse::<toml::Table>()
            .unwrap_or_else(|e| panic!("{lang:?} catalogue: {e}"));
    }
    let fr = keys(Lang::Fr);
    let en = keys(Lang::En);
    assert!(fr.len() > 50);
    let only_fr: Vec<_> = fr.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&fr).collect();
    assert!(only_fr.is_empty(), "missing in English: {only_fr:?}");
    assert!(only_en.is_empty(), "missing in French: {only_en:?}");
}

#[test]
fn placeholders_match_between_languages() {
    for key in keys(Lang::Fr) {
        assert_eq!(
            plural::placeholder_names(Lang::Fr.t(key)).0,
            plural::placeholder_names(Lang::En.t(key)).0,
            "placeholders differ for {key}"
        );
    }
}

/// Every message that counts something, rendered at 0, 1 and 2 in both
/// languages: French puts 0 in the singular, English does not. The
/// snapshot is read as a person would ("0 gommette posée", "1 ballot").
#[test]
fn every_counted_message_at_0_1_and_2() {
    let mut out = String::new();
    for key in keys(Lang::Fr) {
        let (names, selectors) = plural::placeholder_names(Lang::Fr.t(key));
        let (plural_form, counted): (bool, Vec<String>) = match key.rsplit_once('.') {
            Some((base, "one" | "other"))
                if std::path::Path::new(key)
                    .extension()
                    .is_some_and(|ext| ext.eq_ignore_ascii_case("one")) =>
            {
                let _ = base;
                (true, vec!["n".to_string()])
            }
            Some((_, "other")) => continue,
            _ => (false, selectors),
        };
        if counted.is_empty() {
            continue;
        }
        let base = key.trim_end_matches(".one");
        for lang in [Lang::Fr, Lang::En] {
            for n in [0usize, 1, 2] {
                let args: Vec<(&str, String)> = names
                    .iter()
                    .map(|name| {
                        let v = if counted.contains(name) {
                            n.to_string()
                        } else {
                            format!("‹{name}›")
                        };
                        (name.as_str(), v)
                    })
                    .collect();
                let dyn_args: Vec<(&str, &dyn Display)> =
                    args.iter().map(|(k, v)| (*k, v as &dyn Display)).collect();
                let text = if plural_form {
                    tnf(lang, base, n, &dyn_args)
                } else {
                    lang.tf(key, &dyn_args)
                };
                assert!(!text.contains("->"), "{key}: a select was left: {text}");
                out.push_str(&format!("{base} {} {n}: {text}\n", lang.code()));
            }
        }
    }
    insta::assert_snapshot!("counted_messages", out);
}

/// No message hedges its plural ("bulletin(s)") or puts a count before a
/// plural word without choosing the form for the number.
#[test]
fn no_message_hedges_a_plural() {
    for lang in [Lang::Fr, Lang::En] {
        for key in keys(lang) {
            let text = lang.t(key);
            assert!(
                !text.contains("(s)") && !text.contains("(es)"),
                "{lang:?} {key} hedges a plural: {text}"
            );
            let (_, selectors) = plural::placeholder_names(text);
            for counted in [
                "n", "dots", "ballots", "places", "spent", "cap", "ties", "skipped", "chars",
            ] {
                let bare = format!("{{{counted}}} ");
                if let Some(at) = text.find(&bare) {
                    let word: String = text[at + bare.len()..]
                        .chars()
                        .take_while(|c| c.is_alphabetic())
                        .collect();
                    // Words that end in s without being plurals.
                    let not_plural = ["does", "dans", "sans", "plus", "puis", "mais", "sous"];
                    let plural_word = word.chars().count() > 2
                        && (word.ends_with('s') || word.ends_with('x'))
                        && !not_plural.contains(&word.as_str());
                    assert!(
                        !plural_word
                            || selectors.iter().any(|s| s == counted)
                            || std::path::Path::new(key)
                                .extension()
                                .is_some_and(|ext| ext.eq_ignore_ascii_case("other")),
                        "{lang:?} {key}: «{{{counted}}} {word}» does not choose its form: {text}"
                    );
                }
            }
        }
    }
}

/// Every key the code can ask for exists in both catalogues: literals
/// passed to `t`/`tf`/`tn`, literals that look like keys of a known
/// section, the keymap's descriptions, and keys built at run time.
#[test]
fn every_key_used_in_the_code_exists() {
    let mut sources = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                sources.push(std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut used = BTreeSet::new();
    // Keys read whole (`t`, `tf`) must exist as such; keys with a plural
    // (`tn`, `tnf`) need their `.one` and `.other` forms.
    let mut whole = BTreeSet::new();
    let mut plural = BTreeSet::new();
    for text in &sources {
        for (call, is_plural) in [
            ("t(\"", false),
            ("tf(\"", false),
            ("tn(lang, \"", true),
            ("tn(app.lang, \"", true),
            ("tnf(lang, \"", true),
        ] {
            for piece in text.split(call).skip(1) {
                if let Some(key) = piece.split('"').next().filter(|k| looks_like_key(k)) {
                    let set = if is_plural { &mut plural } else { &mut whole };
                    set.insert(key.to_string());
                    used.insert(key.to_string());
                }
            }
        }
    }
    for lang in [Lang::Fr, Lang::En] {
        let cat = &catalogues()[lang.index()];
        let bad_whole: Vec<_> = whole
            .iter()
            .filter(|k| !cat.contains_key(k.as_str()))
            .collect();
        assert!(
            bad_whole.is_empty(),
            "{lang:?}: read whole but missing (or only plural): {bad_whole:?}"
        );
        let bad_plural: Vec<_> = plural
            .iter()
            .filter(|k| {
                !cat.contains_key(&format!("{k}.one")) || !cat.contains_key(&format!("{k}.other"))
            })
            .collect();
        assert!(
            bad_plural.is_empty(),
            "{lang:?}: plural forms missing: {bad_plural:?}"
        );
    }
    let mut sections: BTreeSet<String> = keys(Lang::Fr)
        .iter()
        .chain(keys(Lang::En).iter())
        .chain(used.iter().map(String::as_str).collect::<Vec<_>>().iter())
        .filter_map(|k| k.split('.').next().map(str::to_string))
        .collect();
    sections.remove("");
    for text in &sources {
        for literal in text.split('"').skip(1).step_by(2) {
            if looks_like_key(literal)
                && sections.contains(literal.split('.').next().unwrap_or_default())
            {
                used.insert(literal.to_string());
            }
        }
    }
    // The keymap's descriptions, read from its data (not from the app,
    // which sits above this layer).
    let raw: toml::Table = include_str!("../app/keys/keymap.toml").parse().unwrap();
    for (table, bindings) in &raw {
        used.insert(format!("help.table_{table}"));
        for b in bindings.as_array().expect("a table of bindings") {
            used.insert(b["desc"].as_str().expect("a description").to_string());
        }
    }
    for p in crate::domain::Phase::ALL {
        used.insert(format!("phase.{}", p.key()));
        used.insert(format!("phase_short.{}", p.key()));
    }
    assert!(
        used.len() > 100,
        "the scan found too few keys: {}",
        used.len()
    );
    for lang in [Lang::Fr, Lang::En] {
        let cat = &catalogues()[lang.index()];
        let missing: Vec<_> = used
            .iter()
            .filter(|k| !cat.contains_key(k.as_str()) && !cat.contains_key(&format!("{k}.one")))
            .collect();
        assert!(
            missing.is_empty(),
            "{lang:?} lacks {} keys: {missing:?}",
            missing.len()
        );
    }
}

fn looks_like_key(literal: &str) -> bool {
    literal
        .split_once('.')
        .is_some_and(|(section, rest)| !section.is_empty() && !rest.is_empty())
        && literal
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
        && !literal.ends_with('.')
        && !literal.contains("..")
}

#[test]
fn language_is_chosen_from_cli_then_config_then_environment() {
    assert_eq!(Lang::choose(None, None, None), Lang::Fr);
    assert_eq!(Lang::choose(None, None, Some("en_GB.UTF-8")), Lang::En);
    assert_eq!(Lang::choose(None, None, Some("de_DE.UTF-8")), Lang::Fr);
    assert_eq!(
        Lang::choose(None, Some("fr"), Some("en_US.UTF-8")),
        Lang::Fr
    );
    assert_eq!(Lang::choose(Some("en"), Some("fr"), None), Lang::En);
}

#[test]
fn plurals_follow_each_language() {
    assert_eq!(tn(Lang::Fr, "n.proposals", 0), "0 proposition");
    assert_eq!(tn(Lang::Fr, "n.proposals", 2), "2 propositions");
    assert_eq!(tn(Lang::En, "n.proposals", 0), "0 proposals");
    assert_eq!(tn(Lang::En, "n.proposals", 1), "1 proposal");
}

#[test]
fn numbers_follow_each_language() {
    assert_eq!(number(Lang::Fr, 1_234_567), "1\u{202f}234\u{202f}567");
    assert_eq!(number(Lang::En, 1_234_567), "1,234,567");
    assert_eq!(number(Lang::Fr, 999), "999");
    assert_eq!(euros(Lang::Fr, 120_000), "120\u{202f}000\u{a0}€");
    assert_eq!(euros(Lang::En, 120_000), "€120,000");
    assert_eq!(percent(Lang::Fr, 505), "50,5\u{a0}%");
    assert_eq!(percent(Lang::En, 505), "50.5%");
}

#[test]
fn a_budget_off_the_calendar_is_said_with_its_years_and_months() {
    use crate::domain::sheet::{BudgetLine, Sheet};
    let mut s = Sheet::blank(1, "Mobilité".into(), None);
    s.calendrier.debut = "2024-09".into();
    s.calendrier.fin = "décembre 2027".into();
    assert_eq!(super::off_calendar(Lang::Fr, &s), "");
    for year in [2023, 2028] {
        s.budget.push(BudgetLine {
            year,
            funder: "État".into(),
            kind: None,
            amount: 1,
        });
    }
    let said = super::off_calendar(Lang::Fr, &s);
    assert!(
        said.contains("2023, 2028") && said.contains("septembre 2024 – décembre 2027"),
        "{said}"
    );
    assert!(super::off_calendar(Lang::En, &s).contains("September 2024 – December 2027"));
}

//! What the TOML parser and the file's shape say is wrong, in the
//! facilitator's language. The parser words its messages in English
//! ("invalid value: integer `-2`, expected u32"); each kind it can produce
//! is recognised here and worded from the catalogue, with the value and the
//! field it names. A message not recognised is never shown in English to a
//! French reader: it says the place is not understood, with the line and
//! column the caller gives.

use super::Lang;

/// `message` (from the `toml` crate or a `Deserialize` of ours) worded in
/// `lang`.
pub fn parser_message(lang: Lang, message: &str) -> String {
    let m = message.trim();
    if let Some((found, expected)) = split2(m, "invalid type: ", ", expected ") {
        return lang.tf(
            "parse.wrong_type",
            &[
                ("found", &found_words(lang, found)),
                ("expected", &expected_words(lang, expected)),
            ],
        );
    }
    if let Some((found, expected)) = split2(m, "invalid value: ", ", expected ") {
        return lang.tf(
            "parse.wrong_value",
            &[
                ("found", &found_words(lang, found)),
                ("expected", &expected_words(lang, expected)),
            ],
        );
    }
    if let Some(field) = ticked_after(m, "missing field ") {
        return lang.tf("parse.missing_field", &[("field", &field)]);
    }
    if let Some(field) = ticked_after(m, "unknown field ") {
        return lang.tf("parse.unknown_field", &[("field", &field)]);
    }
    if let Some(field) = ticked_after(m, "duplicate field ") {
        return lang.tf("parse.duplicate_field", &[("field", &field)]);
    }
    if let Some(value) = ticked_after(m, "unknown variant ") {
        let expected = m.split_once(", expected ").map_or("", |(_, e)| e);
        return lang.tf(
            "parse.unknown_choice",
            &[("value", &value), ("expected", &choices(lang, expected))],
        );
    }
    if let Some(value) = quoted_after(m, "invalid colour ") {
        return lang.tf("parse.bad_colour", &[("value", &value)]);
    }
    if let Some(value) = quoted_after(m, "invalid scope ") {
        return lang.tf("parse.bad_scope", &[("value", &value)]);
    }
    if let Some(value) = quoted_after(m, "invalid voter ") {
        return lang.tf("parse.bad_voter", &[("value", &value)]);
    }
    let key = match m {
        _ if m.starts_with("duplicate key") => "parse.duplicate_key",
        _ if m.starts_with("cannot recurse further") => "parse.too_deep",
        _ if m.starts_with("key with no value") || m.starts_with("missing value") => {
            "parse.key_without_value"
        }
        _ if m.starts_with("string values must be quoted") || m.starts_with("unquoted string") => {
            "parse.unquoted"
        }
        _ if m.starts_with("unclosed") => "parse.unclosed",
        _ if m.starts_with("expected a date such as") => "parse.expected_date",
        _ if m.starts_with("expected a date and time") => "parse.expected_stamp",
        _ if m.starts_with("invalid date") || m.starts_with("invalid time of day") => {
            "parse.impossible_date"
        }
        _ if m.starts_with("invalid string") || m.starts_with("invalid escape") => {
            "parse.bad_string"
        }
        _ if m.starts_with("invalid key") || m.starts_with("invalid unquoted key") => {
            "parse.bad_key"
        }
        _ if m.starts_with("extra")
            || m.starts_with("missing comma")
            || m.starts_with("missing assignment") =>
        {
            "parse.punctuation"
        }
        _ if m.starts_with("invalid length") => "parse.wrong_count",
        _ => "parse.not_understood",
    };
    lang.t(key).to_string()
}

/// `a` and `b` in `{start}a{middle}b`.
fn split2<'a>(m: &'a str, start: &str, middle: &str) -> Option<(&'a str, &'a str)> {
    m.strip_prefix(start)?.split_once(middle)
}

/// `name` in `{start}`name`…`.
fn ticked_after(m: &str, start: &str) -> Option<String> {
    let rest = m.strip_prefix(start)?.strip_prefix('`')?;
    Some(rest.split('`').next()?.to_string())
}

/// `value` in `{start}"value"…`.
fn quoted_after(m: &str, start: &str) -> Option<String> {
    let rest = m.strip_prefix(start)?.strip_prefix('"')?;
    let value = rest
        .split_once("\", ")
        .map(|(v, _)| v)
        .or_else(|| rest.strip_suffix('"'))
        .unwrap_or(rest);
    Some(value.to_string())
}

/// serde's "unexpected" part: `integer `-2``, `string "six"`, `map`…
fn found_words(lang: Lang, found: &str) -> String {
    let value = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .map(|v| v.trim().trim_matches(['`', '"']).to_string())
    };
    if let Some(v) = value("integer ") {
        return lang.tf("parse.found_number", &[("value", &v)]);
    }
    if let Some(v) = value("floating point ") {
        return lang.tf("parse.found_decimal", &[("value", &v)]);
    }
    if let Some(v) = value("string ") {
        return lang.tf("parse.found_text", &[("value", &v)]);
    }
    if let Some(v) = value("boolean ") {
        return lang.tf("parse.found_boolean", &[("value", &v)]);
    }
    let key = match found {
        "sequence" => "parse.found_list",
        "map" => "parse.found_table",
        _ => "parse.found_other",
    };
    lang.t(key).to_string()
}

/// serde's "expected" part: `u32`, `a string`, `a TOML datetime`…
fn expected_words(lang: Lang, expected: &str) -> String {
    let key = match expected.trim() {
        "u8" | "u16" | "u32" | "u64" | "usize" => "parse.expected_count",
        "i8" | "i16" | "i32" | "i64" | "isize" | "f32" | "f64" => "parse.expected_number",
        "a string" | "string" | "a borrowed string" | "a character" | "char" => {
            "parse.expected_text"
        }
        "a boolean" | "bool" => "parse.expected_boolean",
        "a TOML datetime" => "parse.expected_date_value",
        e if e.starts_with("a sequence") || e.starts_with("tuple") => "parse.expected_list",
        e if e.starts_with("struct") || e.starts_with("a map") || e.starts_with("map") => {
            "parse.expected_table"
        }
        e if e.contains('`') => return choices(lang, e),
        _ => "parse.expected_other",
    };
    lang.t(key).to_string()
}

/// `` `tally` or `ballots` `` → « tally » ou « ballots ».
fn choices(lang: Lang, expected: &str) -> String {
    let words: Vec<String> = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|w| lang.tf("parse.quoted", &[("value", &w)]))
        .collect();
    if words.is_empty() {
        return lang.t("parse.expected_other").to_string();
    }
    words.join(lang.t("parse.or"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The messages the parser really gives for common mistakes (seen on
    /// hand-broken copies of the example), in French.
    #[test]
    fn every_kind_of_mistake_is_worded_in_french() {
        let cases = [
            (
                "invalid value: integer `-2`, expected u32",
                "valeur impossible ici : le nombre -2 ; attendu : un nombre entier positif.",
            ),
            (
                "invalid type: string \"six\", expected u32",
                "type inattendu : le texte « six » ; attendu : un nombre entier positif.",
            ),
            (
                "invalid type: sequence, expected a string",
                "type inattendu : une liste [ … ] ; attendu : un texte entre guillemets.",
            ),
            (
                "invalid type: string \"hier\", expected a TOML datetime",
                "type inattendu : le texte « hier » ; attendu : une date, par exemple 2024-03-14.",
            ),
            (
                "cannot recurse further; max recursion depth met",
                "trop de crochets ou d'accolades imbriqués : le fichier n'est pas un atelier.",
            ),
            (
                "key with no value, expected `=`",
                "une clé sans valeur : écrivez « clé = valeur » (ce fichier est-il bien un atelier ?).",
            ),
            (
                "missing field `dots_per_voter`",
                "il manque le champ « dots_per_voter ».",
            ),
            (
                "unknown field `colour`, expected one of `id`, `name`",
                "champ inconnu « colour » (une faute de frappe ?).",
            ),
            (
                "unknown variant `bulletins`, expected `tally` or `ballots`",
                "« bulletins » n'est pas un choix possible ; attendu : « tally » ou « ballots ».",
            ),
            (
                "duplicate key",
                "cette clé (ou cette table) est donnée deux fois.",
            ),
            (
                "string values must be quoted, expected literal string",
                "un texte doit être entre guillemets : \"comme ceci\".",
            ),
            (
                "invalid colour \"orange\", expected \"#RRGGBB\"",
                "couleur « orange » non comprise : écrivez-la « #RRGGBB », par exemple « #E69F00 ».",
            ),
            (
                "expected a date such as 2024-03-14, without a time",
                "une date est attendue ici, sans heure : 2024-03-14.",
            ),
            (
                "something nobody foresaw",
                "contenu non compris à cet endroit : vérifiez la syntaxe (« clé = valeur », texte entre guillemets).",
            ),
        ];
        for (english, french) in cases {
            assert_eq!(parser_message(Lang::Fr, english), french, "{english}");
            let en = parser_message(Lang::En, english);
            assert!(!en.is_empty() && !en.contains("[?]"), "{en}");
        }
    }
}

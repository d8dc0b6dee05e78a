//! TOML text that no terminal can act on. The TOML writer escapes the C0
//! controls, as the format requires, but leaves C1 controls and bidi
//! overrides raw (they are legal in TOML strings); `cat` on such a file
//! could then drive the terminal. This pass rewrites them as `\uXXXX`
//! escapes — inside basic strings directly, and by turning a literal
//! string that holds one into the equivalent basic string — so the file
//! reads back exactly the same values. Comments get the visible symbols.

use crate::domain::text::{is_active, neutralise};

/// `text` (TOML written by the `toml` crate) with every active character
/// escaped; the same text when there is none (the usual case, one scan).
pub fn escape_active(text: &str) -> String {
    if !text.chars().any(is_active) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let (piece, len) = match c {
            '#' => {
                let end = rest.find('\n').unwrap_or(rest.len());
                (neutralise(&rest[..end]).into_owned(), end)
            }
            '"' if rest.starts_with("\"\"\"") => basic(rest, "\"\"\""),
            '"' => basic(rest, "\""),
            '\'' if rest.starts_with("'''") => literal(rest, "'''"),
            '\'' => literal(rest, "'"),
            c => (c.to_string(), c.len_utf8()),
        };
        out.push_str(&piece);
        rest = &rest[len..];
    }
    out
}

fn escaped(c: char) -> String {
    format!("\\u{:04X}", c as u32)
}

/// A basic string starting at `text` (with its `quote`): active
/// characters escaped, everything else as written.
fn basic(text: &str, quote: &str) -> (String, usize) {
    let mut out = String::from(quote);
    let mut i = quote.len();
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with(quote) {
            // A multi-line string may end with up to two more quotes.
            let mut end = quote.len();
            while quote.len() == 3 && end < 5 && rest[end..].starts_with('"') {
                end += 1;
            }
            out.push_str(&rest[..end]);
            return (out, i + end);
        }
        let c = rest.chars().next().unwrap_or('"');
        if c == '\\' {
            let next = rest[1..].chars().next().map_or(0, char::len_utf8);
            out.push_str(&rest[..=next]);
            i += 1 + next;
            continue;
        }
        if is_active(c) {
            out.push_str(&escaped(c));
        } else {
            out.push(c);
        }
        i += c.len_utf8();
    }
    (out, text.len())
}

/// A literal string starting at `text`: as written, or, when it holds an
/// active character, the same value as a basic string with escapes.
fn literal(text: &str, quote: &str) -> (String, usize) {
    let body_start = quote.len();
    let Some(found) = text[body_start..].find(quote) else {
        return (text.to_string(), text.len());
    };
    let mut close = body_start + found;
    // A multi-line literal may end with one or two quotes of its own just
    // before the closing three: they belong to the body.
    let mut extra = 0;
    while quote.len() == 3 && extra < 2 && text[close + 3..].starts_with('\'') {
        close += 1;
        extra += 1;
    }
    let end = close + quote.len();
    let body = &text[body_start..close];
    if !body.chars().any(is_active) {
        return (text[..end].to_string(), end);
    }
    let basic_quote = if quote.len() == 3 { "\"\"\"" } else { "\"" };
    let mut out = String::from(basic_quote);
    for c in body.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if is_active(c) => out.push_str(&escaped(c)),
            c => out.push(c),
        }
    }
    out.push_str(basic_quote);
    (out, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Values {
        a: String,
        b: Vec<String>,
    }

    #[test]
    fn literal_strings_with_an_active_character_become_basic_ones() {
        let text = "a = 'x\u{9b}\\y\"'\nb = '''\nl\u{202e}1\nfin''''' # c\u{9b}\n";
        let safe = escape_active(text);
        assert!(!safe.chars().any(is_active), "{safe:?}");
        assert!(safe.starts_with("a = \"x\\u009B\\\\y\\\"\""), "{safe:?}");
        assert!(safe.ends_with("# c⟨U+009B⟩\n"), "{safe:?}");
        let before: toml::Table = toml::from_str(text).unwrap();
        let after: toml::Table = toml::from_str(&safe).unwrap();
        assert_eq!(before, after);
        assert_eq!(after["b"].as_str(), Some("l\u{202e}1\nfin''"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Whatever the strings hold, the escaped text reads back the same
        /// values and carries no active character.
        #[test]
        fn escaped_toml_reads_back_the_same(a in "\\PC{0,6}[\\x00-\\x1f\\x7f-\\x9f\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}\"'\\\\\n]{0,6}\\PC{0,6}", b in prop::collection::vec("[a-z'\"\\\\\n\\x85\\u{9b}\\u{202e}]{0,8}", 0..3)) {
            let v = Values { a, b };
            let text = toml::to_string(&v).unwrap();
            let safe = escape_active(&text);
            prop_assert!(!safe.chars().any(is_active), "{safe:?}");
            let back: Values = toml::from_str(&safe).unwrap();
            prop_assert_eq!(back, v);
        }
    }
}

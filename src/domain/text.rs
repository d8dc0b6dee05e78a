//! Text as people type and paste it. Terminals send CR between pasted
//! lines (xterm, GNOME Terminal, Konsole, Windows Terminal, iTerm2, tmux),
//! files and other programs send LF or CRLF: every line break becomes `\n`
//! here, in one place, before anything splits text into lines. And text
//! that leaves the app (printed, exported) is made harmless here too.

use std::borrow::Cow;

/// `\r\n`, `\r` and `\n` all become `\n`.
pub fn normalize_newlines(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// The lines of `text`, whatever its line breaks.
pub fn split_lines(text: &str) -> Vec<String> {
    normalize_newlines(text)
        .split('\n')
        .map(str::to_string)
        .collect()
}

/// The lines of a paste that hold something, trimmed.
pub fn filled_lines(text: &str) -> Vec<String> {
    split_lines(text)
        .into_iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Bytes as lowercase hexadecimal (keys, tokens, nonces).
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Whether `c` could act on a terminal or reorder text instead of being
/// read: C0 controls but tab and line feed, DEL, C1 controls, and the
/// bidirectional embeddings, overrides and isolates.
pub fn is_active(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text that can be printed anywhere: every character that could act on
/// a terminal (an escape sequence that clears the screen or retitles the
/// window) or reorder what is read (bidi overrides) is shown as a visible
/// symbol instead — `␛` for ESC, `␇` for BEL, `⟨U+202E⟩`… Line breaks and
/// tabs stay. The one function for every output that shows file contents:
/// the command line, the Markdown and CSV exports.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_active) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if !is_active(c) => out.push(c),
            // The Control Pictures block: ␀ … ␟, and ␡ for DEL.
            c if (c as u32) < 0x20 => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('�')),
            '\u{7F}' => out.push('␡'),
            c => out.push_str(&format!("⟨U+{:04X}⟩", c as u32)),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_bidi_overrides_become_visible() {
        let hostile =
            "Titre\u{1b}]0;PWNED\u{7}\u{1b}[2J fin\u{8}\u{7f}\u{9b}31m \u{202e}abc\u{2066}";
        let shown = neutralise(hostile);
        assert_eq!(
            shown,
            "Titre␛]0;PWNED␇␛[2J fin␈␡⟨U+009B⟩31m ⟨U+202E⟩abc⟨U+2066⟩"
        );
        assert!(!shown.chars().any(is_active));
        assert!(matches!(
            neutralise("Crèche « 🤝 »\tsuite\nligne"),
            Cow::Borrowed(_)
        ));
        assert_eq!(neutralise("a\r\nb"), "a␍\nb");
    }

    #[test]
    fn every_kind_of_line_break_splits_lines() {
        for text in ["a\rb\rc", "a\r\nb\r\nc", "a\nb\nc", "a\r\nb\rc\n"] {
            assert_eq!(filled_lines(text), ["a", "b", "c"], "{text:?}");
        }
        assert_eq!(normalize_newlines("a\r\n\r\nb"), "a\n\nb");
        assert_eq!(split_lines("a\r\rb"), ["a", "", "b"]);
    }

    #[test]
    fn text_without_cr_is_not_copied() {
        assert!(matches!(normalize_newlines("a\nb"), Cow::Borrowed(_)));
    }
}

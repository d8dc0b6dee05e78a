//! Text as people type and paste it. Terminals send CR between pasted
//! lines (xterm, GNOME Terminal, Konsole, Windows Terminal, iTerm2, tmux),
//! files and other programs send LF or CRLF: every line break becomes `\n`
//! here, in one place, before anything splits text into lines.

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

#[cfg(test)]
mod tests {
    use super::*;

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

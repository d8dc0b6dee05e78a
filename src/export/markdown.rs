//! The document as CommonMark with pipe tables: readable as plain text,
//! rendered by any Markdown viewer, converted cleanly by pandoc. Whatever
//! the room typed is escaped, so a `*` or a `|` stays a character.

use super::document::{Block, Document, Inline, Item, Table, field_line};

/// Characters that mean something to Markdown somewhere in a line.
const SPECIAL: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '!', '&',
];

/// Escapes text for use inside a paragraph or a list item.
pub fn escape(text: &str) -> String {
    // Control and bidi characters become visible symbols, as in every
    // export; then Markdown's special characters are escaped.
    let text = &*crate::domain::text::neutralise(text);
    if !text.contains(SPECIAL) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A line that would start a list, a heading or a quote is neutralised.
fn escape_line_start(line: &str) -> String {
    let trimmed = line.trim_start();
    if !trimmed.starts_with(|c: char| matches!(c, '-' | '+' | '=') || c.is_ascii_digit()) {
        return line.to_string();
    }
    let indent = &line[..line.len() - trimmed.len()];
    let mut chars = trimmed.chars();
    match chars.next() {
        Some(c @ ('-' | '+' | '=')) => format!("{indent}\\{c}{}", chars.as_str()),
        Some(d) if d.is_ascii_digit() => {
            // `1.` or `1)` opens an ordered list.
            let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
            let rest = &trimmed[digits.len()..];
            match rest.chars().next() {
                Some(p @ ('.' | ')')) => format!("{indent}{digits}\\{p}{}", &rest[1..]),
                _ => line.to_string(),
            }
        }
        _ => line.to_string(),
    }
}

fn inline(i: &Inline, out: &mut String) {
    match i {
        Inline::Text(t) => out.push_str(&escape(t)),
        Inline::Strong(t) => emphasis(t, "**", out),
        Inline::Em(t) | Inline::Missing(t) => emphasis(t, "*", out),
        Inline::Badge { key, label, .. } => out.push_str(&escape(&format!("[{key} {label}]"))),
    }
}

/// `*text*`, with the spaces around it kept outside the markers (CommonMark
/// ignores `* text *`).
fn emphasis(t: &str, marker: &str, out: &mut String) {
    // The space kept outside goes through `escape` too: Unicode calls
    // some control characters (U+0085) space.
    let core = t.trim();
    if core.is_empty() {
        out.push_str(&escape(t));
        return;
    }
    let start = t.len() - t.trim_start().len();
    out.push_str(&escape(&t[..start]));
    out.push_str(marker);
    out.push_str(&escape(core));
    out.push_str(marker);
    out.push_str(&escape(&t[t.trim_end().len()..]));
}

/// Inline content on as many lines as the text has, each line a hard
/// break (`\` at its end) indented under `indent`.
fn inlines(content: &[Inline], indent: &str) -> String {
    let mut flat = String::new();
    for i in content {
        inline(i, &mut flat);
    }
    if !flat.contains('\n') {
        return escape_line_start(&flat);
    }
    let lines: Vec<&str> = flat.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let mut out = String::new();
    for (n, line) in lines.iter().enumerate() {
        if n > 0 {
            out.push_str("\\\n");
            out.push_str(indent);
        }
        out.push_str(&escape_line_start(line));
    }
    out
}

fn list(items: &[Item], depth: usize, out: &mut String) {
    let indent = "  ".repeat(depth);
    for item in items {
        out.push_str(&indent);
        out.push_str("- ");
        out.push_str(&inlines(&item.content, &format!("{indent}  ")));
        out.push('\n');
        list(&item.children, depth + 1, out);
    }
}

/// A cell: one line, pipes escaped, line breaks as `<br>`.
fn cell(text: &str) -> String {
    let escaped = escape(text.trim());
    if escaped.contains('\n') {
        escaped.replace("\r\n", "\n").replace('\n', "<br>")
    } else {
        escaped
    }
}

fn table(t: &Table, out: &mut String) {
    if !t.caption.is_empty() {
        out.push_str(&format!("*{}*\n\n", escape(&t.caption)));
    }
    let head: Vec<String> = t.head.iter().map(|h| cell(h)).collect();
    out.push_str(&format!("| {} |\n", head.join(" | ")));
    let rule: Vec<&str> = (0..t.head.len())
        .map(|i| {
            if t.numeric.get(i) == Some(&true) {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    out.push_str(&format!("| {} |\n", rule.join(" | ")));
    for row in &t.rows {
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
}

pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    for block in &doc.blocks {
        if !out.is_empty() {
            out.push('\n');
        }
        match block {
            Block::Heading { level, text, .. } => {
                out.push_str(&"#".repeat(*level as usize));
                out.push(' ');
                out.push_str(&escape(&text.replace('\n', " ")));
                out.push('\n');
            }
            Block::Para(content) => {
                out.push_str(&inlines(content, ""));
                out.push('\n');
            }
            Block::Fields(fields) => {
                let lines: Vec<String> = fields
                    .iter()
                    .map(|(label, value)| inlines(&field_line(doc.lang, label, value.clone()), ""))
                    .collect();
                out.push_str(&lines.join("\n\n"));
                out.push('\n');
            }
            Block::List(items) => list(items, 0, &mut out),
            Block::Table(t) => table(t, &mut out),
            // The table after it carries the same numbers in text.
            Block::Chart(_) => {
                out.pop();
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_room_typed_stays_text() {
        assert_eq!(
            escape("a*b* | c_d <script>"),
            "a\\*b\\* \\| c\\_d \\<script\\>"
        );
        assert_eq!(escape_line_start("- tiret"), "\\- tiret");
        assert_eq!(escape_line_start("12. douze"), "12\\. douze");
        assert_eq!(escape_line_start("2024 année"), "2024 année");
        assert_eq!(cell("a|b\nc"), "a\\|b<br>c");
    }

    #[test]
    fn a_multi_line_item_stays_one_item() {
        let items = vec![Item::new(vec![Inline::Text("un\n- deux".into())])];
        let mut out = String::new();
        list(&items, 0, &mut out);
        assert_eq!(out, "- un\\\n  \\- deux\n");
    }
}

//! The document as one self-contained HTML file: styles inline, charts as
//! inline SVG with text alternatives, no script, no font, no link out. It
//! is also well-formed XML, prints cleanly, and reads well with a screen
//! reader (headings, table headers and captions, described charts).

use super::document::{Bar, Block, Chart, Document, Inline, Item, Table, field_line};
use std::fmt::Write;

pub fn escape(text: &str) -> String {
    // Control and bidi characters become visible symbols, as in every
    // export; then the markup characters are escaped.
    let text = &*crate::domain::text::neutralise(text);
    if !text.contains(|c: char| {
        matches!(c, '&' | '<' | '>' | '"' | '\'') || (c.is_control() && c != '\t')
    }) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML.
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Escaped text, its line breaks kept.
fn text(t: &str) -> String {
    let escaped = escape(t);
    if escaped.contains('\n') {
        escaped.replace("\r\n", "\n").replace('\n', "<br />")
    } else {
        escaped
    }
}

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif; line-height: 1.5; color: #1a1a1a; background: #fff; max-width: 60rem; margin: 0 auto; padding: 1.5rem; overflow-wrap: anywhere; }
h1 { font-size: 1.9rem; border-bottom: 3px solid #0072B2; padding-bottom: .3rem; }
h2 { font-size: 1.45rem; margin-top: 2.2rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.15rem; margin-top: 1.6rem; }
h4 { font-size: 1rem; }
table { border-collapse: collapse; margin: .6rem 0 1.2rem; width: 100%; }
caption { text-align: left; font-style: italic; color: #444; padding-bottom: .3rem; }
th, td { border: 1px solid #bbb; padding: .25rem .5rem; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; border-radius: .3rem; padding: 0 .4rem; font-weight: bold; font-size: .9em; border: 1px solid #333; }
figure { margin: .8rem 0; }
figcaption { font-style: italic; color: #444; }
svg text { font-family: inherit; font-size: 13px; fill: #1a1a1a; }
nav ol { columns: 2; }
a { color: #0050a0; }
@page { size: A4; margin: 2cm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav { display: none; }
  h1, h2, h3, h4, caption, figcaption { break-after: avoid; page-break-after: avoid; }
  /* A long table goes on over pages, its header row repeated; a chart
     stays whole, with its heading. */
  thead { display: table-header-group; }
  figure { break-inside: avoid; page-break-inside: avoid; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  .sheet { break-before: page; page-break-before: always; }
  a { color: inherit; text-decoration: none; }
  .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

fn inline(i: &Inline, out: &mut String) {
    match i {
        Inline::Text(t) => out.push_str(&text(t)),
        Inline::Strong(t) => {
            let _ = write!(out, "<strong>{}</strong>", text(t));
        }
        Inline::Em(t) | Inline::Missing(t) => {
            let _ = write!(out, "<em>{}</em>", text(t));
        }
        Inline::Badge { key, label, color } => {
            let fg = if color.is_light() { "#000" } else { "#fff" };
            let _ = write!(
                out,
                r#"<span class="badge" style="background:{color};color:{fg}">{key} {}</span>"#,
                escape(label)
            );
        }
    }
}

fn inlines(content: &[Inline]) -> String {
    let mut out = String::new();
    for i in content {
        inline(i, &mut out);
    }
    out
}

fn list(items: &[Item], out: &mut String) {
    out.push_str("<ul>\n");
    for item in items {
        out.push_str("<li>");
        out.push_str(&inlines(&item.content));
        if !item.children.is_empty() {
            out.push('\n');
            list(&item.children, out);
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

fn table(t: &Table, out: &mut String) {
    out.push_str("<table>\n");
    if !t.caption.is_empty() {
        let _ = writeln!(out, "<caption>{}</caption>", escape(&t.caption));
    }
    let class = |i: usize| {
        if t.numeric.get(i) == Some(&true) {
            r#" class="num""#
        } else {
            ""
        }
    };
    out.push_str("<thead><tr>");
    for (i, h) in t.head.iter().enumerate() {
        let _ = write!(out, r#"<th scope="col"{}>{}</th>"#, class(i), escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            let _ = write!(out, "<td{}>{}</td>", class(i), text(c));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// Horizontal bars: label, bar, value. Kept proposals in dark blue and
/// marked ✓ (never colour alone), the others in light blue, outlined, so
/// it prints in grey too.
fn chart(c: &Chart, legend: &str, id: usize, out: &mut String) {
    const ROW: usize = 24;
    const LABEL: usize = 70;
    const BAR: usize = 460;
    let max = c.bars.iter().map(|b| b.value).max().unwrap_or(0).max(1) as usize;
    let height = c.bars.len() * ROW + 8;
    let width = LABEL + BAR + 60;
    let desc: Vec<String> = c.bars.iter().map(|b| b.description.clone()).collect();
    let _ = writeln!(out, "<figure>");
    let _ = writeln!(
        out,
        r#"<svg role="img" aria-labelledby="chart-{id}-title chart-{id}-desc" viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px">"#
    );
    let _ = writeln!(
        out,
        r#"<title id="chart-{id}-title">{}</title>"#,
        escape(&c.title)
    );
    let _ = writeln!(
        out,
        r#"<desc id="chart-{id}-desc">{}</desc>"#,
        escape(&desc.join(" ; "))
    );
    for (
        i,
        Bar {
            label, value, kept, ..
        },
    ) in c.bars.iter().enumerate()
    {
        let y = i * ROW + 4;
        let w = (*value as usize * BAR).div_ceil(max);
        let (fill, mark) = if *kept {
            ("#0072B2", " ✓")
        } else {
            ("#BFE0F5", "")
        };
        let _ = writeln!(
            out,
            r##"<text x="0" y="{}">{}</text><rect x="{LABEL}" y="{y}" width="{w}" height="{}" fill="{fill}" stroke="#0072B2" /><text x="{}" y="{}">{value}{mark}</text>"##,
            y + 15,
            escape(label),
            ROW - 6,
            LABEL + w + 6,
            y + 15
        );
    }
    out.push_str("</svg>\n");
    let _ = writeln!(
        out,
        "<figcaption>{} — {}</figcaption>",
        escape(&c.title),
        escape(legend)
    );
    out.push_str("</figure>\n");
}

pub fn render(doc: &Document) -> String {
    let lang = doc.lang.code();
    let mut body = String::new();
    let mut toc = String::new();
    let mut charts = 0;
    let mut in_sheet = false;
    for block in &doc.blocks {
        match block {
            Block::Heading {
                level,
                text: t,
                anchor,
            } => {
                let is_sheet = anchor.starts_with("sheet-");
                if in_sheet && (is_sheet || *level <= 2) {
                    body.push_str("</section>\n");
                    in_sheet = false;
                }
                if is_sheet {
                    body.push_str(r#"<section class="sheet">"#);
                    body.push('\n');
                    in_sheet = true;
                }
                let _ = writeln!(
                    body,
                    r#"<h{level} id="{}">{}</h{level}>"#,
                    escape(anchor),
                    escape(t)
                );
                if *level == 2 {
                    let _ = writeln!(
                        toc,
                        r##"<li><a href="#{}">{}</a></li>"##,
                        escape(anchor),
                        escape(t)
                    );
                }
            }
            Block::Para(content) => {
                let _ = writeln!(body, "<p>{}</p>", inlines(content));
            }
            Block::Fields(fields) => {
                for (label, value) in fields {
                    let line = field_line(doc.lang, label, value.clone());
                    let _ = writeln!(body, "<p>{}</p>", inlines(&line));
                }
            }
            Block::List(items) => list(items, &mut body),
            Block::Table(t) => table(t, &mut body),
            Block::Chart(c) => {
                charts += 1;
                chart(c, doc.lang.t("report.chart_legend"), charts, &mut body);
            }
        }
    }
    if in_sheet {
        body.push_str("</section>\n");
    }
    let nav = if toc.is_empty() {
        String::new()
    } else {
        format!(
            "<nav aria-label=\"{}\">\n<ol>\n{toc}</ol>\n</nav>\n",
            escape(doc.lang.t("report.contents"))
        )
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\" />\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n<meta name=\"generator\" content=\"atelier\" />\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{nav}<main>\n{body}</main>\n</body>\n</html>\n",
        escape(&doc.title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_typed_by_the_room_is_shown_not_run() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
        assert_eq!(text("a\nb\u{7}"), "a<br />b␇");
    }
}

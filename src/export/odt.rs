//! The document as an OpenDocument text (.odt), what the French
//! administration's interoperability framework (RGI) recommends: the
//! same content and layout as the Word file — heading styles, bulleted
//! lists, one paragraph per paragraph typed, tables whose header row
//! repeats on every page with the same column widths, axis badges, "à
//! compléter" highlighted, A4 with the territory atop each page and "Page
//! N / M" at the foot. Written from the document model through the one
//! XML writer (`xml.rs`), as no maintained ODF text writer exists.

use super::document::{Block, Document, Inline, Item, Properties, Table, paragraphs};
use super::odf::{self, font_faces, open_root, points};
use super::paged::{self, NARROW_MARGIN, TEXT_WIDTH};
use super::xml::{Part, Xml};
use crate::domain::Rgb;
use std::collections::BTreeSet;
use std::io;

const MEDIA_TYPE: &str = "application/vnd.oasis.opendocument.text";
const HEAD_FILL: &str = "#dce3ee";

/// The .odt file's bytes. Pure: the same document gives the same bytes.
pub fn render(doc: &Document) -> io::Result<Vec<u8>> {
    let props = doc.properties();
    let parts = vec![Part::new("styles.xml", styles(doc, &props))];
    odf::package_odf(MEDIA_TYPE, &props, |x| content(x, doc), parts)
}

fn style(x: &mut Xml, name: &str, family: &str, parent: Option<&str>, body: impl FnOnce(&mut Xml)) {
    let mut attrs = vec![("style:name", name), ("style:family", family)];
    if let Some(parent) = parent {
        attrs.push(("style:parent-style-name", parent));
    }
    x.open("style:style", &attrs);
    body(x);
    x.close("style:style");
}

/// Named styles (the ones a person picks from the list in LibreOffice),
/// the bullets, the A4 page with its running head and foot.
fn styles(doc: &Document, props: &Properties) -> Vec<u8> {
    let mut x = Xml::new(8192);
    open_root(&mut x, "office:document-styles");
    font_faces(&mut x);
    x.open("office:styles", &[]);
    x.open("style:default-style", &[("style:family", "paragraph")]);
    x.empty(
        "style:paragraph-properties",
        &[("fo:margin-top", "0pt"), ("fo:margin-bottom", "6pt")],
    );
    odf::default_text(&mut x, props, "11pt");
    x.close("style:default-style");
    paragraph_styles(&mut x);
    bullets(&mut x);
    x.close("office:styles");
    page_layout(&mut x);
    master_page(&mut x, doc);
    x.close("office:document-styles");
    x.finish()
}

/// The named paragraph styles: body, headings by level, caption, table
/// contents, header and footer.
fn paragraph_styles(x: &mut Xml) {
    let named = |x: &mut Xml, name: &str, display: &str, parent: Option<&str>| {
        let mut attrs = vec![
            ("style:name", name),
            ("style:display-name", display),
            ("style:family", "paragraph"),
        ];
        if let Some(parent) = parent {
            attrs.push(("style:parent-style-name", parent));
        }
        x.open("style:style", &attrs);
    };
    named(x, "Standard", "Standard", None);
    x.close("style:style");
    named(x, "Text_20_body", "Text body", Some("Standard"));
    x.close("style:style");
    named(x, "Heading", "Heading", Some("Standard"));
    x.empty(
        "style:paragraph-properties",
        &[
            ("fo:margin-top", "12pt"),
            ("fo:margin-bottom", "4pt"),
            ("fo:keep-with-next", "always"),
        ],
    );
    x.empty(
        "style:text-properties",
        &[("fo:color", "#1f3864"), ("fo:font-weight", "bold")],
    );
    x.close("style:style");
    for (level, size) in [(1, "16pt"), (2, "13pt"), (3, "11.5pt"), (4, "11pt")] {
        let name = format!("Heading_20_{level}");
        let display = format!("Heading {level}");
        let level = level.to_string();
        x.open(
            "style:style",
            &[
                ("style:name", &name),
                ("style:display-name", &display),
                ("style:family", "paragraph"),
                ("style:parent-style-name", "Heading"),
                ("style:next-style-name", "Text_20_body"),
                ("style:default-outline-level", &level),
                ("style:class", "text"),
            ],
        );
        x.empty(
            "style:text-properties",
            &[("fo:font-size", size), ("fo:font-weight", "bold")],
        );
        x.close("style:style");
    }
    named(x, "Caption", "Caption", Some("Standard"));
    x.empty(
        "style:paragraph-properties",
        &[
            ("fo:margin-top", "6pt"),
            ("fo:margin-bottom", "2pt"),
            ("fo:keep-with-next", "always"),
        ],
    );
    x.empty(
        "style:text-properties",
        &[
            ("fo:font-size", "10pt"),
            ("fo:font-style", "italic"),
            ("fo:color", "#404040"),
        ],
    );
    x.close("style:style");
    for (name, display) in [
        ("Table_20_Contents", "Table Contents"),
        ("Header", "Header"),
        ("Footer", "Footer"),
    ] {
        named(x, name, display, Some("Standard"));
        let mut paragraph = vec![("fo:margin-bottom", "0pt")];
        if name == "Footer" {
            paragraph.push(("fo:text-align", "center"));
        }
        x.empty("style:paragraph-properties", &paragraph);
        if name != "Table_20_Contents" {
            x.empty("style:text-properties", &[("fo:font-size", "9pt")]);
        }
        x.close("style:style");
    }
}

/// The A4 portrait page, with room for the running head and foot.
fn page_layout(x: &mut Xml) {
    x.open("office:automatic-styles", &[]);
    x.open("style:page-layout", &[("style:name", "A4")]);
    x.empty(
        "style:page-layout-properties",
        &[
            ("fo:page-width", "21cm"),
            ("fo:page-height", "29.7cm"),
            ("style:print-orientation", "portrait"),
            ("fo:margin-top", "1cm"),
            ("fo:margin-bottom", "1cm"),
            ("fo:margin-left", "2cm"),
            ("fo:margin-right", "2cm"),
        ],
    );
    odf::header_footer_styles(x, "0cm", "0.5cm");
    x.close("style:page-layout");
    x.close("office:automatic-styles");
}

/// The page every paragraph is on: the territory and title atop, "Page N
/// / M" at the foot.
fn master_page(x: &mut Xml, doc: &Document) {
    x.open("office:master-styles", &[]);
    x.open(
        "style:master-page",
        &[("style:name", "Standard"), ("style:page-layout-name", "A4")],
    );
    x.open("style:header", &[]);
    x.open("text:p", &[("text:style-name", "Header")]);
    odf::text(x, &doc.running_head());
    x.close("text:p");
    x.close("style:header");
    x.open("style:footer", &[]);
    x.open("text:p", &[("text:style-name", "Footer")]);
    odf::text(x, doc.lang.t("docx.page"));
    x.leaf("text:page-number", &[("text:select-page", "current")], "1");
    odf::text(x, doc.lang.t("docx.of"));
    x.leaf("text:page-count", &[], "1");
    x.close("text:p");
    x.close("style:footer");
    x.close("style:master-page");
    x.close("office:master-styles");
}

/// Bullets •, ◦, ▪ for three levels of list.
fn bullets(x: &mut Xml) {
    x.open("text:list-style", &[("style:name", "Bullets")]);
    for (i, symbol) in ["•", "◦", "▪"].into_iter().enumerate() {
        let level = (i + 1).to_string();
        let indent = format!("{:.2}cm", 0.64 * (i + 1) as f64);
        x.open(
            "text:list-level-style-bullet",
            &[("text:level", &level), ("text:bullet-char", symbol)],
        );
        x.open(
            "style:list-level-properties",
            &[("text:list-level-position-and-space-mode", "label-alignment")],
        );
        x.empty(
            "style:list-level-label-alignment",
            &[
                ("text:label-followed-by", "listtab"),
                ("text:list-tab-stop-position", &indent),
                ("fo:text-indent", "-0.64cm"),
                ("fo:margin-left", &indent),
            ],
        );
        x.close("style:list-level-properties");
        x.close("text:list-level-style-bullet");
    }
    x.close("text:list-style");
}

/// The badge colours the document uses, for their text styles.
fn badge_colours(doc: &Document) -> BTreeSet<(u8, u8, u8)> {
    let mut colours = BTreeSet::new();
    let mut note = |inlines: &[Inline]| {
        for i in inlines {
            if let Inline::Badge { color, .. } = i {
                colours.insert((color.0, color.1, color.2));
            }
        }
    };
    fn items<'a>(list: &'a [Item], out: &mut Vec<&'a [Inline]>) {
        for item in list {
            out.push(&item.content);
            items(&item.children, out);
        }
    }
    for block in &doc.blocks {
        match block {
            Block::Para(content) => note(content),
            Block::Fields(fields) => fields.iter().for_each(|(_, v)| note(v)),
            Block::List(list) => {
                let mut all = Vec::new();
                items(list, &mut all);
                all.into_iter().for_each(&mut note);
            }
            _ => {}
        }
    }
    colours
}

fn badge_style(color: &Rgb) -> String {
    format!("Badge_{:02X}{:02X}{:02X}", color.0, color.1, color.2)
}

/// The looks the body uses: spans, right-aligned and small paragraphs,
/// table cells and rows, and each table's widths.
fn automatic_styles(x: &mut Xml, doc: &Document) {
    x.open("office:automatic-styles", &[]);
    let span = |x: &mut Xml, name: &str, props: &[(&str, &str)]| {
        style(x, name, "text", None, |x| {
            x.empty("style:text-properties", props);
        });
    };
    span(x, "B", &[("fo:font-weight", "bold")]);
    span(x, "I", &[("fo:font-style", "italic")]);
    span(
        x,
        "Missing",
        &[
            ("fo:font-weight", "bold"),
            ("fo:background-color", "#ffff00"),
        ],
    );
    for (r, g, b) in badge_colours(doc) {
        let color = Rgb(r, g, b);
        let ink = if color.is_light() {
            "#000000"
        } else {
            "#ffffff"
        };
        let fill = format!("#{r:02x}{g:02x}{b:02x}");
        span(
            x,
            &badge_style(&color),
            &[
                ("fo:font-weight", "bold"),
                ("fo:color", ink),
                ("fo:background-color", &fill),
            ],
        );
    }
    let para = |x: &mut Xml, name: &str, align: &str, size: Option<&str>| {
        style(x, name, "paragraph", Some("Table_20_Contents"), |x| {
            x.empty("style:paragraph-properties", &[("fo:text-align", align)]);
            if let Some(size) = size {
                x.empty(
                    "style:text-properties",
                    &[
                        ("fo:font-size", size),
                        ("style:font-size-asian", size),
                        ("style:font-size-complex", size),
                    ],
                );
            }
        });
    };
    para(x, "Cell", "start", None);
    para(x, "CellRight", "end", None);
    para(x, "Small", "start", Some("8pt"));
    para(x, "SmallRight", "end", Some("8pt"));
    style(x, "Bulleted", "paragraph", Some("Standard"), |x| {
        x.empty("style:paragraph-properties", &[("fo:margin-bottom", "2pt")]);
    });
    let narrow = points(NARROW_MARGIN);
    for (name, fill, padding) in [
        ("Head", Some(HEAD_FILL), "4pt"),
        ("Body", None, "4pt"),
        ("HeadNarrow", Some(HEAD_FILL), narrow.as_str()),
        ("BodyNarrow", None, narrow.as_str()),
    ] {
        style(x, name, "table-cell", None, |x| {
            let mut props = vec![
                ("fo:border", "0.5pt solid #808080"),
                ("fo:padding-left", padding),
                ("fo:padding-right", padding),
                ("fo:padding-top", "1pt"),
                ("fo:padding-bottom", "1pt"),
            ];
            if let Some(fill) = fill {
                props.push(("fo:background-color", fill));
            }
            x.empty("style:table-cell-properties", &props);
        });
    }
    style(x, "Row", "table-row", None, |x| {
        x.empty(
            "style:table-row-properties",
            &[("fo:keep-together", "always")],
        );
    });
    for (n, widths) in tables(doc).enumerate() {
        table_styles(x, n + 1, &widths);
    }
    x.close("office:automatic-styles");
}

/// Every table's column widths, in the order of the body.
fn tables(doc: &Document) -> impl Iterator<Item = Vec<usize>> + '_ {
    doc.blocks.iter().filter_map(|b| match b {
        Block::Table(t) => Some(paged::widths(t)),
        Block::Fields(_) => {
            let (left, right) = paged::fields_widths();
            Some(vec![left, right])
        }
        _ => None,
    })
}

fn table_styles(x: &mut Xml, n: usize, widths: &[usize]) {
    let name = format!("Table{n}");
    style(x, &name, "table", None, |x| {
        x.empty(
            "style:table-properties",
            &[
                ("style:width", &points(TEXT_WIDTH)),
                ("table:align", "left"),
                ("fo:margin-top", "0pt"),
                ("fo:margin-bottom", "6pt"),
            ],
        );
    });
    for (i, w) in widths.iter().enumerate() {
        style(
            x,
            &format!("{name}.C{}", i + 1),
            "table-column",
            None,
            |x| {
                x.empty(
                    "style:table-column-properties",
                    &[("style:column-width", &points(*w))],
                );
            },
        );
    }
}

fn content(x: &mut Xml, doc: &Document) {
    open_root(x, "office:document-content");
    font_faces(x);
    automatic_styles(x, doc);
    x.open("office:body", &[]).open("office:text", &[]);
    let mut n = 0;
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text, .. } => {
                let level = level.clamp(&1, &4).to_string();
                let style = format!("Heading_20_{level}");
                x.open(
                    "text:h",
                    &[("text:style-name", &style), ("text:outline-level", &level)],
                );
                odf::text(x, &text.replace('\n', " "));
                x.close("text:h");
            }
            Block::Para(content) => {
                for p in paragraphs(content) {
                    paragraph(x, "Text_20_body", &p);
                }
            }
            Block::List(items) => list(x, items),
            Block::Table(t) => {
                n += 1;
                x.open("text:p", &[("text:style-name", "Caption")]);
                odf::text(x, &t.caption);
                x.close("text:p");
                table(x, n, t);
            }
            Block::Fields(fields) => {
                n += 1;
                fields_table(x, n, fields);
            }
            // The ranking table that follows has every value in text.
            Block::Chart(_) => {}
        }
    }
    x.close("office:text").close("office:body");
    x.close("office:document-content");
}

fn inline(x: &mut Xml, i: &Inline) {
    let (span, text): (Option<String>, std::borrow::Cow<str>) = match i {
        Inline::Text(t) => (None, t.into()),
        Inline::Strong(t) => (Some("B".into()), t.into()),
        Inline::Em(t) => (Some("I".into()), t.into()),
        Inline::Missing(t) => (Some("Missing".into()), format!("[{t}]").into()),
        Inline::Badge { key, label, color } => (
            Some(badge_style(color)),
            format!("\u{a0}{key} {label}\u{a0}").into(),
        ),
    };
    match span {
        Some(style) => {
            x.open("text:span", &[("text:style-name", &style)]);
            odf::text(x, &text);
            x.close("text:span");
        }
        None => odf::text(x, &text),
    }
}

fn paragraph(x: &mut Xml, style: &str, content: &[Inline]) {
    x.open("text:p", &[("text:style-name", style)]);
    for i in content {
        inline(x, i);
    }
    x.close("text:p");
}

fn list(x: &mut Xml, items: &[Item]) {
    x.open("text:list", &[("text:style-name", "Bullets")]);
    for item in items {
        x.open("text:list-item", &[]);
        paragraph(x, "Bulleted", &item.content);
        if !item.children.is_empty() {
            list(x, &item.children);
        }
        x.close("text:list-item");
    }
    x.close("text:list");
}

fn open_table(x: &mut Xml, n: usize, columns: usize) {
    let name = format!("Table{n}");
    x.open(
        "table:table",
        &[("table:name", &name), ("table:style-name", &name)],
    );
    for i in 0..columns {
        let column = format!("{name}.C{}", i + 1);
        x.empty("table:table-column", &[("table:style-name", &column)]);
    }
}

fn cell(x: &mut Xml, style: &str, paragraph_style: &str, content: &[Inline]) {
    x.open(
        "table:table-cell",
        &[("table:style-name", style), ("office:value-type", "string")],
    );
    for p in paragraphs(content) {
        paragraph(x, paragraph_style, &p);
    }
    x.close("table:table-cell");
}

fn table(x: &mut Xml, n: usize, t: &Table) {
    let small = paged::small(t);
    let (head, body) = if small {
        ("HeadNarrow", "BodyNarrow")
    } else {
        ("Head", "Body")
    };
    let (left, right) = if small {
        ("Small", "SmallRight")
    } else {
        ("Cell", "CellRight")
    };
    open_table(x, n, t.head.len());
    x.open("table:table-header-rows", &[]);
    x.open("table:table-row", &[("table:style-name", "Row")]);
    for h in &t.head {
        cell(x, head, left, &[Inline::Strong(h.clone())]);
    }
    x.close("table:table-row");
    x.close("table:table-header-rows");
    for row in &t.rows {
        x.open("table:table-row", &[("table:style-name", "Row")]);
        for (i, text) in row.iter().enumerate() {
            let align = if t.numeric.get(i).copied().unwrap_or(false) {
                right
            } else {
                left
            };
            x.open(
                "table:table-cell",
                &[("table:style-name", body), ("office:value-type", "string")],
            );
            let mut lines = super::document::typed_lines(text).peekable();
            if lines.peek().is_none() {
                x.empty("text:p", &[("text:style-name", align)]);
            }
            for line in lines {
                x.open("text:p", &[("text:style-name", align)]);
                odf::text(x, line);
                x.close("text:p");
            }
            x.close("table:table-cell");
        }
        x.close("table:table-row");
    }
    x.close("table:table");
}

fn fields_table(x: &mut Xml, n: usize, fields: &[(String, Vec<Inline>)]) {
    open_table(x, n, 2);
    for (label, value) in fields {
        x.open("table:table-row", &[("table:style-name", "Row")]);
        cell(x, "Head", "Cell", &[Inline::Strong(label.clone())]);
        cell(x, "Body", "Cell", value);
        x.close("table:table-row");
    }
    x.close("table:table");
}

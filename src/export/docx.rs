//! The document as a Word file (.docx) that the administration edits into
//! its own submission: real heading styles (the navigation pane and a
//! table of contents find them), real bulleted lists, one paragraph per
//! paragraph typed, tables with a bold shaded header row repeated on every
//! page and widths in the grid and every cell, axis badges in their colour
//! with their number, "à compléter" highlighted, a running head and page
//! numbers, and properties that say what, who and in which language.
//! WordprocessingML written through the one XML writer (`xml.rs`).

use super::document::{Block, Document, Inline, Item, Properties, Table, paragraphs};
use super::paged::{self, NARROW_MARGIN, TEXT_WIDTH};
use super::xml::{Package, Part, Xml};
use std::io;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const FONT: &str = "Arial";
/// 8 pt, in half-points: a wide table's text.
const SMALL: &str = "16";
const HEAD_FILL: &str = "DCE3EE";

/// The Word file's bytes. Pure: the same document gives the same bytes.
pub fn render(doc: &Document) -> io::Result<Vec<u8>> {
    let props = doc.properties();
    let mut package = Package::new(None)?;
    package.add_all(vec![
        Part::new("[Content_Types].xml", content_types()),
        Part::new("_rels/.rels", package_rels()),
        Part::new("docProps/core.xml", core(&props)),
        Part::new("docProps/app.xml", app()),
        Part::new("word/_rels/document.xml.rels", document_rels()),
    ])?;
    package.stream("word/document.xml", |x| body(x, doc))?;
    package.add_all(vec![
        Part::new("word/styles.xml", styles(props.language)),
        Part::new("word/numbering.xml", numbering()),
        Part::new("word/settings.xml", settings()),
        Part::new("word/header1.xml", header(doc)),
        Part::new("word/footer1.xml", footer(doc)),
    ])?;
    package.finish()
}

fn content_types() -> Vec<u8> {
    const OFFICE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut x = Xml::new(2048);
    x.open(
        "Types",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/content-types",
        )],
    );
    x.empty(
        "Default",
        &[
            ("Extension", "rels"),
            (
                "ContentType",
                "application/vnd.openxmlformats-package.relationships+xml",
            ),
        ],
    );
    x.empty(
        "Default",
        &[("Extension", "xml"), ("ContentType", "application/xml")],
    );
    let overrides = [
        ("/word/document.xml", format!("{OFFICE}.document.main+xml")),
        ("/word/styles.xml", format!("{OFFICE}.styles+xml")),
        ("/word/numbering.xml", format!("{OFFICE}.numbering+xml")),
        ("/word/settings.xml", format!("{OFFICE}.settings+xml")),
        ("/word/header1.xml", format!("{OFFICE}.header+xml")),
        ("/word/footer1.xml", format!("{OFFICE}.footer+xml")),
        (
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml".to_string(),
        ),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".to_string(),
        ),
    ];
    for (part, kind) in &overrides {
        x.empty("Override", &[("PartName", part), ("ContentType", kind)]);
    }
    x.close("Types");
    x.finish()
}

fn relationships(rels: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut x = Xml::new(1024);
    x.open(
        "Relationships",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/relationships",
        )],
    );
    for (id, kind, target) in rels {
        x.empty(
            "Relationship",
            &[("Id", id), ("Type", kind), ("Target", target)],
        );
    }
    x.close("Relationships");
    x.finish()
}

fn package_rels() -> Vec<u8> {
    relationships(&[
        (
            "rId1",
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
            "word/document.xml",
        ),
        (
            "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
        ),
        (
            "rId3",
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
            "docProps/app.xml",
        ),
    ])
}

fn document_rels() -> Vec<u8> {
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let kinds = ["styles", "numbering", "settings", "header", "footer"];
    let types: Vec<String> = kinds.iter().map(|k| format!("{REL}/{k}")).collect();
    relationships(&[
        ("rIdStyles", &types[0], "styles.xml"),
        ("rIdNumbering", &types[1], "numbering.xml"),
        ("rIdSettings", &types[2], "settings.xml"),
        ("rIdHeader", &types[3], "header1.xml"),
        ("rIdFooter", &types[4], "footer1.xml"),
    ])
}

/// The document properties, as Word and LibreOffice read them.
fn core(props: &Properties) -> Vec<u8> {
    let date = props.date.as_ref().map_or_else(
        || "2024-01-01T00:00:00Z".to_string(),
        |d| format!("{d}T00:00:00Z"),
    );
    let mut x = Xml::new(1024);
    x.open(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    );
    x.leaf("dc:title", &[], &props.title);
    x.leaf("dc:creator", &[], &props.author);
    x.leaf("cp:lastModifiedBy", &[], &props.author);
    x.leaf("dc:language", &[], props.language);
    let w3c = [("xsi:type", "dcterms:W3CDTF")];
    x.leaf("dcterms:created", &w3c, &date);
    x.leaf("dcterms:modified", &w3c, &date);
    x.leaf("cp:revision", &[], "1");
    x.close("cp:coreProperties");
    x.finish()
}

fn app() -> Vec<u8> {
    let mut x = Xml::new(256);
    x.open(
        "Properties",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
        )],
    );
    x.leaf("Application", &[], "atelier");
    x.close("Properties");
    x.finish()
}

fn settings() -> Vec<u8> {
    let mut x = Xml::new(512);
    x.open("w:settings", &[("xmlns:w", W)]);
    x.empty("w:defaultTabStop", &[("w:val", "708")]);
    x.empty("w:characterSpacingControl", &[("w:val", "doNotCompress")]);
    x.open("w:compat", &[]);
    x.empty(
        "w:compatSetting",
        &[
            ("w:name", "compatibilityMode"),
            ("w:uri", "http://schemas.microsoft.com/office/word"),
            ("w:val", "15"),
        ],
    );
    x.close("w:compat");
    x.close("w:settings");
    x.finish()
}

/// Normal text, four heading levels, captions, the running head and foot;
/// the document's language as every run's default.
fn styles(language: &str) -> Vec<u8> {
    let mut x = Xml::new(4096);
    x.open("w:styles", &[("xmlns:w", W)]);
    x.open("w:docDefaults", &[]);
    x.open("w:rPrDefault", &[]).open("w:rPr", &[]);
    x.empty(
        "w:rFonts",
        &[
            ("w:ascii", FONT),
            ("w:hAnsi", FONT),
            ("w:cs", FONT),
            ("w:eastAsia", FONT),
        ],
    );
    x.empty("w:sz", &[("w:val", "22")]);
    x.empty("w:szCs", &[("w:val", "22")]);
    x.empty(
        "w:lang",
        &[
            ("w:val", language),
            ("w:eastAsia", language),
            ("w:bidi", language),
        ],
    );
    x.close("w:rPr").close("w:rPrDefault");
    x.open("w:pPrDefault", &[]).open("w:pPr", &[]);
    x.empty(
        "w:spacing",
        &[
            ("w:after", "120"),
            ("w:line", "264"),
            ("w:lineRule", "auto"),
        ],
    );
    x.close("w:pPr").close("w:pPrDefault");
    x.close("w:docDefaults");
    paragraph_style(&mut x, "Normal", "Normal", None, |_| {});
    for (level, size) in [(1, "32"), (2, "26"), (3, "23"), (4, "22")] {
        let id = format!("Heading{level}");
        let outline = (level - 1).to_string();
        paragraph_style(
            &mut x,
            &id,
            &format!("heading {level}"),
            Some("Normal"),
            |x| {
                x.open("w:pPr", &[]);
                x.empty("w:keepNext", &[]);
                x.empty("w:keepLines", &[]);
                x.empty("w:spacing", &[("w:before", "240"), ("w:after", "80")]);
                x.empty("w:outlineLvl", &[("w:val", &outline)]);
                x.close("w:pPr");
                x.open("w:rPr", &[]);
                x.empty("w:b", &[]);
                x.empty("w:color", &[("w:val", "1F3864")]);
                x.empty("w:sz", &[("w:val", size)]);
                x.empty("w:szCs", &[("w:val", size)]);
                x.close("w:rPr");
            },
        );
    }
    paragraph_style(&mut x, "Caption", "caption", Some("Normal"), |x| {
        x.open("w:pPr", &[]);
        x.empty("w:keepNext", &[]);
        x.empty("w:spacing", &[("w:before", "120"), ("w:after", "40")]);
        x.close("w:pPr");
        x.open("w:rPr", &[]);
        x.empty("w:i", &[]);
        x.empty("w:color", &[("w:val", "404040")]);
        x.empty("w:sz", &[("w:val", "20")]);
        x.close("w:rPr");
    });
    for (id, name) in [("Header", "header"), ("Footer", "footer")] {
        paragraph_style(&mut x, id, name, Some("Normal"), |x| {
            x.open("w:pPr", &[]);
            x.empty("w:spacing", &[("w:after", "0")]);
            x.close("w:pPr");
            x.open("w:rPr", &[]);
            x.empty("w:sz", &[("w:val", "18")]);
            x.close("w:rPr");
        });
    }
    x.close("w:styles");
    x.finish()
}

fn paragraph_style(
    x: &mut Xml,
    id: &str,
    name: &str,
    based_on: Option<&str>,
    body: impl FnOnce(&mut Xml),
) {
    let mut attrs = vec![("w:type", "paragraph"), ("w:styleId", id)];
    if id == "Normal" {
        attrs.push(("w:default", "1"));
    }
    x.open("w:style", &attrs);
    x.empty("w:name", &[("w:val", name)]);
    if let Some(base) = based_on {
        x.empty("w:basedOn", &[("w:val", base)]);
        x.empty("w:next", &[("w:val", "Normal")]);
    }
    x.empty("w:qFormat", &[]);
    body(x);
    x.close("w:style");
}

/// Bullets •, ◦, ▪ for three levels of list.
fn numbering() -> Vec<u8> {
    let mut x = Xml::new(2048);
    x.open("w:numbering", &[("xmlns:w", W)]);
    x.open("w:abstractNum", &[("w:abstractNumId", "0")]);
    x.empty("w:multiLevelType", &[("w:val", "hybridMultilevel")]);
    for (level, symbol) in ["•", "◦", "▪"].into_iter().enumerate() {
        let ilvl = level.to_string();
        let left = (360 * (level + 1)).to_string();
        x.open("w:lvl", &[("w:ilvl", &ilvl)]);
        x.empty("w:start", &[("w:val", "1")]);
        x.empty("w:numFmt", &[("w:val", "bullet")]);
        x.empty("w:lvlText", &[("w:val", symbol)]);
        x.empty("w:lvlJc", &[("w:val", "left")]);
        x.open("w:pPr", &[]);
        x.empty("w:ind", &[("w:left", &left), ("w:hanging", "360")]);
        x.close("w:pPr");
        x.close("w:lvl");
    }
    x.close("w:abstractNum");
    x.open("w:num", &[("w:numId", "1")]);
    x.empty("w:abstractNumId", &[("w:val", "0")]);
    x.close("w:num");
    x.close("w:numbering");
    x.finish()
}

/// The territory and the title atop every page.
fn header(doc: &Document) -> Vec<u8> {
    let mut x = Xml::new(512);
    x.open("w:hdr", &[("xmlns:w", W)]);
    x.open("w:p", &[]);
    x.open("w:pPr", &[]);
    x.empty("w:pStyle", &[("w:val", "Header")]);
    x.close("w:pPr");
    run(&mut x, &doc.running_head(), &Look::default());
    x.close("w:p");
    x.close("w:hdr");
    x.finish()
}

/// "Page N / M" at the foot of every page.
fn footer(doc: &Document) -> Vec<u8> {
    let mut x = Xml::new(512);
    x.open("w:ftr", &[("xmlns:w", W)]);
    x.open("w:p", &[]);
    x.open("w:pPr", &[]);
    x.empty("w:pStyle", &[("w:val", "Footer")]);
    x.empty("w:jc", &[("w:val", "center")]);
    x.close("w:pPr");
    let plain = Look::default();
    run(&mut x, doc.lang.t("docx.page"), &plain);
    for (i, field) in [" PAGE ", " NUMPAGES "].into_iter().enumerate() {
        if i > 0 {
            run(&mut x, doc.lang.t("docx.of"), &plain);
        }
        x.open("w:fldSimple", &[("w:instr", field)]);
        run(&mut x, "1", &plain);
        x.close("w:fldSimple");
    }
    x.close("w:p");
    x.close("w:ftr");
    x.finish()
}

fn body(x: &mut Xml, doc: &Document) {
    x.open("w:document", &[("xmlns:w", W), ("xmlns:r", R)]);
    x.open("w:body", &[]);
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text, .. } => {
                let style = format!("Heading{}", level.clamp(&1, &4));
                x.open("w:p", &[]);
                x.open("w:pPr", &[]);
                x.empty("w:pStyle", &[("w:val", &style)]);
                x.close("w:pPr");
                run(x, &text.replace('\n', " "), &Look::default());
                x.close("w:p");
            }
            Block::Para(content) => {
                for p in paragraphs(content) {
                    paragraph(x, &p, Para::default());
                }
            }
            Block::List(items) => {
                for item in items {
                    list_item(x, item, 0);
                }
            }
            Block::Table(t) => {
                x.open("w:p", &[]);
                x.open("w:pPr", &[]);
                x.empty("w:pStyle", &[("w:val", "Caption")]);
                x.close("w:pPr");
                run(x, &t.caption, &Look::default());
                x.close("w:p");
                table(x, t);
            }
            Block::Fields(fields) => fields_table(x, fields),
            // The ranking table that follows has every value in text.
            Block::Chart(_) => {}
        }
    }
    section(x);
    x.close("w:body");
    x.close("w:document");
}

/// A4 portrait, 2 cm margins, the running head and foot.
fn section(x: &mut Xml) {
    x.open("w:sectPr", &[]);
    x.empty(
        "w:headerReference",
        &[("w:type", "default"), ("r:id", "rIdHeader")],
    );
    x.empty(
        "w:footerReference",
        &[("w:type", "default"), ("r:id", "rIdFooter")],
    );
    x.empty("w:pgSz", &[("w:w", "11906"), ("w:h", "16838")]);
    x.empty(
        "w:pgMar",
        &[
            ("w:top", "1134"),
            ("w:right", "1134"),
            ("w:bottom", "1134"),
            ("w:left", "1134"),
            ("w:header", "567"),
            ("w:footer", "567"),
            ("w:gutter", "0"),
        ],
    );
    x.close("w:sectPr");
}

/// How a run looks.
#[derive(Default)]
struct Look<'a> {
    bold: bool,
    italic: bool,
    /// Ink and fill, `RRGGBB`.
    color: Option<&'a str>,
    fill: Option<&'a str>,
    highlight: bool,
    size: Option<&'a str>,
}

/// How a paragraph sits.
#[derive(Default, Clone, Copy)]
struct Para<'a> {
    /// Level of a bulleted list item.
    bullet: Option<usize>,
    right: bool,
    size: Option<&'a str>,
    /// No space after: a table cell's line.
    tight: bool,
}

fn run(x: &mut Xml, text: &str, look: &Look) {
    x.open("w:r", &[]);
    let styled = look.bold
        || look.italic
        || look.color.is_some()
        || look.fill.is_some()
        || look.highlight
        || look.size.is_some();
    if styled {
        // The schema's order: b, i, color, sz, highlight, shd.
        x.open("w:rPr", &[]);
        if look.bold {
            x.empty("w:b", &[]);
        }
        if look.italic {
            x.empty("w:i", &[]);
        }
        if let Some(color) = look.color {
            x.empty("w:color", &[("w:val", color)]);
        }
        if let Some(size) = look.size {
            x.empty("w:sz", &[("w:val", size)]);
            x.empty("w:szCs", &[("w:val", size)]);
        }
        if look.highlight {
            x.empty("w:highlight", &[("w:val", "yellow")]);
        }
        if let Some(fill) = look.fill {
            x.empty(
                "w:shd",
                &[("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)],
            );
        }
        x.close("w:rPr");
    }
    // A line break inside one paragraph (a list item of several lines).
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            x.empty("w:br", &[]);
        }
        x.leaf(
            "w:t",
            &[("xml:space", "preserve")],
            line.trim_end_matches('\r'),
        );
    }
    x.close("w:r");
}

fn inline(x: &mut Xml, i: &Inline, size: Option<&str>) {
    let look = Look {
        size,
        ..Look::default()
    };
    match i {
        Inline::Text(t) => run(x, t, &look),
        Inline::Strong(t) => run(x, t, &Look { bold: true, ..look }),
        Inline::Em(t) => run(
            x,
            t,
            &Look {
                italic: true,
                ..look
            },
        ),
        Inline::Missing(t) => run(
            x,
            &format!("[{t}]"),
            &Look {
                bold: true,
                highlight: true,
                ..look
            },
        ),
        Inline::Badge { key, label, color } => {
            let fill = format!("{:02X}{:02X}{:02X}", color.0, color.1, color.2);
            let ink = if color.is_light() { "000000" } else { "FFFFFF" };
            let look = Look {
                bold: true,
                color: Some(ink),
                fill: Some(&fill),
                ..look
            };
            run(x, &format!("\u{a0}{key} {label}\u{a0}"), &look);
        }
    }
}

fn paragraph(x: &mut Xml, content: &[Inline], how: Para) {
    open_paragraph(x, how);
    for i in content {
        inline(x, i, how.size);
    }
    x.close("w:p");
}

/// `<w:p>` and its properties.
fn open_paragraph(x: &mut Xml, how: Para) {
    x.open("w:p", &[]);
    if how.bullet.is_some() || how.right || how.tight {
        // The schema's order: numPr, spacing, jc.
        x.open("w:pPr", &[]);
        if let Some(level) = how.bullet {
            x.open("w:numPr", &[]);
            x.empty("w:ilvl", &[("w:val", &level.min(2).to_string())]);
            x.empty("w:numId", &[("w:val", "1")]);
            x.close("w:numPr");
        }
        if how.tight {
            x.empty("w:spacing", &[("w:after", "0")]);
        }
        if how.right {
            x.empty("w:jc", &[("w:val", "right")]);
        }
        x.close("w:pPr");
    }
}

fn list_item(x: &mut Xml, item: &Item, depth: usize) {
    let how = Para {
        bullet: Some(depth),
        ..Para::default()
    };
    paragraph(x, &item.content, how);
    for child in &item.children {
        list_item(x, child, depth + 1);
    }
}

/// `<w:tbl>` with its properties and grid: fixed layout (the widths hold
/// in LibreOffice too, whose autofit shrank "Rang" to two letters a line),
/// thin borders, narrow cell margins for a wide table.
fn open_table(x: &mut Xml, widths: &[usize], narrow: bool) {
    x.open("w:tbl", &[]);
    x.open("w:tblPr", &[]);
    x.empty(
        "w:tblW",
        &[("w:w", &TEXT_WIDTH.to_string()), ("w:type", "dxa")],
    );
    x.open("w:tblBorders", &[]);
    for side in [
        "w:top",
        "w:left",
        "w:bottom",
        "w:right",
        "w:insideH",
        "w:insideV",
    ] {
        x.empty(
            side,
            &[
                ("w:val", "single"),
                ("w:sz", "4"),
                ("w:space", "0"),
                ("w:color", "808080"),
            ],
        );
    }
    x.close("w:tblBorders");
    x.empty("w:tblLayout", &[("w:type", "fixed")]);
    if narrow {
        let margin = NARROW_MARGIN.to_string();
        x.open("w:tblCellMar", &[]);
        x.empty("w:left", &[("w:w", &margin), ("w:type", "dxa")]);
        x.empty("w:right", &[("w:w", &margin), ("w:type", "dxa")]);
        x.close("w:tblCellMar");
    }
    x.close("w:tblPr");
    x.open("w:tblGrid", &[]);
    for w in widths {
        x.empty("w:gridCol", &[("w:w", &w.to_string())]);
    }
    x.close("w:tblGrid");
}

/// A row that never splits across pages; a header row repeats on each.
fn open_row(x: &mut Xml, header: bool) {
    x.open("w:tr", &[]);
    x.open("w:trPr", &[]);
    x.empty("w:cantSplit", &[]);
    if header {
        x.empty("w:tblHeader", &[]);
    }
    x.close("w:trPr");
}

fn open_cell(x: &mut Xml, width: usize, fill: Option<&str>) {
    x.open("w:tc", &[]);
    x.open("w:tcPr", &[]);
    x.empty("w:tcW", &[("w:w", &width.to_string()), ("w:type", "dxa")]);
    if let Some(fill) = fill {
        x.empty(
            "w:shd",
            &[("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)],
        );
    }
    x.close("w:tcPr");
}

fn table(x: &mut Xml, t: &Table) {
    let widths = paged::widths(t);
    let small = paged::small(t);
    let size = small.then_some(SMALL);
    open_table(x, &widths, small);
    open_row(x, true);
    for (head, width) in t.head.iter().zip(&widths) {
        open_cell(x, *width, Some(HEAD_FILL));
        let how = Para {
            size,
            tight: true,
            ..Para::default()
        };
        paragraph(x, &[Inline::Strong(head.clone())], how);
        x.close("w:tc");
    }
    x.close("w:tr");
    for row in &t.rows {
        open_row(x, false);
        for (i, (text, width)) in row.iter().zip(&widths).enumerate() {
            open_cell(x, *width, None);
            let how = Para {
                size,
                tight: true,
                right: t.numeric.get(i).copied().unwrap_or(false),
                ..Para::default()
            };
            cell_lines(x, text, how);
            x.close("w:tc");
        }
        x.close("w:tr");
    }
    x.close("w:tbl");
}

/// A table cell's text, a paragraph per line (an empty cell keeps one,
/// as Word wants): written straight from the text, as a ranking has tens
/// of thousands of cells.
fn cell_lines(x: &mut Xml, text: &str, how: Para) {
    let look = Look {
        size: how.size,
        ..Look::default()
    };
    let mut lines = super::document::typed_lines(text).peekable();
    if lines.peek().is_none() {
        paragraph(x, &[], how);
    }
    for line in lines {
        open_paragraph(x, how);
        run(x, line, &look);
        x.close("w:p");
    }
}

/// A title block: labels shaded on the left, values on the right.
fn fields_table(x: &mut Xml, fields: &[(String, Vec<Inline>)]) {
    let (left, right) = paged::fields_widths();
    open_table(x, &[left, right], false);
    let tight = Para {
        tight: true,
        ..Para::default()
    };
    for (label, value) in fields {
        open_row(x, false);
        open_cell(x, left, Some(HEAD_FILL));
        paragraph(x, &[Inline::Strong(label.clone())], tight);
        x.close("w:tc");
        open_cell(x, right, None);
        for p in paragraphs(value) {
            paragraph(x, &p, tight);
        }
        x.close("w:tc");
        x.close("w:tr");
    }
    x.close("w:tbl");
}

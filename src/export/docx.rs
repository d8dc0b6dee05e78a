//! The document as a Word file (.docx) that the administration edits into
//! its own submission: real heading styles (the navigation pane and a
//! table of contents find them), real bulleted lists, tables with a bold
//! shaded header row, axis badges in their colour
//! with their number, and "à compléter" highlighted. docx-rs writes it.

use super::document::{Block, Document, Inline, Item, Table};
use docx_rs::{
    AbstractNumbering, BreakType, DocumentChild, Docx, Footer, Header, IndentLevel, Level, LevelJc,
    LevelText, LineSpacing, NumPages, NumberFormat, Numbering, NumberingId, PageMargin, PageNum,
    Paragraph, Run, RunFonts, Shading, ShdType, SpecialIndentType, Start, Style, StyleType,
    TableCell, TableRow, WidthType,
};
use std::io;

/// docx-rs writes a numbered list as 1; ours are bullets.
const BULLETS: usize = 2;
/// Usable width of an A4 page with 2 cm margins, in twentieths of a point.
const TEXT_WIDTH: usize = 9638;
const FONT: &str = "Arial";

/// The Word file's bytes. Pure: the same document gives the same bytes.
pub fn render(doc: &Document) -> io::Result<Vec<u8>> {
    // docx-rs leaves document properties unescaped: the title stays out
    // of them (it is the first heading).
    let mut docx = base();
    // Pushed into the body in place: docx-rs's builder moves the whole
    // document on every call, which made a 2,000-proposal report 4×
    // slower.
    let body = &mut docx.document.children;
    let mut bullets = false;
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text, .. } => push(body, heading(*level, text)),
            Block::Para(content) => push(body, paragraph(content)),
            Block::List(items) => {
                bullets = true;
                for item in items {
                    list_item(body, item, 0);
                }
            }
            Block::Table(t) => {
                let caption = Paragraph::new()
                    .style("Caption")
                    .keep_next(true)
                    .add_run(Run::new().add_text(plain(&t.caption)));
                push(body, caption);
                body.push(DocumentChild::Table(Box::new(table(t))));
            }
            Block::Fields(fields) => {
                body.push(DocumentChild::Table(Box::new(fields_table(fields))));
            }
            // The ranking table that follows has every value in text.
            Block::Chart(_) => {}
        }
    }
    // What add_paragraph would have noted: numbering.xml is linked only
    // when a list uses it (Word Online refuses it otherwise).
    docx.document_rels.has_numberings |= bullets;
    docx.document.has_numbering |= bullets;
    docx = docx
        .header(
            Header::new().add_paragraph(
                Paragraph::new()
                    .style("Header")
                    .add_run(Run::new().size(18).add_text(plain(&doc.running_head()))),
            ),
        )
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .align(docx_rs::AlignmentType::Center)
                    .add_run(Run::new().size(18).add_text(doc.lang.t("docx.page")))
                    .add_page_num(PageNum::new())
                    .add_run(Run::new().size(18).add_text(doc.lang.t("docx.of")))
                    .add_num_pages(NumPages::new()),
            ),
        );
    let mut out = io::Cursor::new(Vec::new());
    docx.pack(&mut out)
        .map_err(|e| io::Error::other(e.to_string()))?;
    super::package::finish(&out.into_inner(), &doc.properties())
}

fn push(body: &mut Vec<DocumentChild>, p: Paragraph) {
    body.push(DocumentChild::Paragraph(Box::new(p)));
}

/// Styles, bullets, A4 with 2 cm margins, fixed dates.
fn base() -> Docx {
    let fonts = RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT);
    let heading = |id: &str, name: &str, size: usize, outline: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .size(size)
            .bold()
            .color("1F3864")
            .outline_lvl(outline)
            .line_spacing(LineSpacing::new().before(240).after(80))
    };
    let bullet = |level: usize, symbol: &str| {
        Level::new(
            level,
            Start::new(1),
            NumberFormat::new("bullet"),
            LevelText::new(symbol),
            LevelJc::new("left"),
        )
        .indent(
            Some(360 * (level as i32 + 1)),
            Some(SpecialIndentType::Hanging(360)),
            None,
            None,
        )
    };
    Docx::new()
        .default_fonts(fonts)
        .default_size(22)
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(1134)
                .left(1134)
                .right(1134),
        )
        .add_style(Style::new("Normal", StyleType::Paragraph).name("Normal"))
        .add_style(heading("Heading1", "heading 1", 32, 0))
        .add_style(heading("Heading2", "heading 2", 26, 1))
        .add_style(heading("Heading3", "heading 3", 23, 2))
        .add_style(heading("Heading4", "heading 4", 22, 3))
        .add_style(
            Style::new("Caption", StyleType::Paragraph)
                .name("caption")
                .based_on("Normal")
                .italic()
                .size(20)
                .color("404040")
                .line_spacing(LineSpacing::new().before(120).after(40)),
        )
        .add_abstract_numbering(
            AbstractNumbering::new(BULLETS)
                .add_level(bullet(0, "•"))
                .add_level(bullet(1, "◦"))
                .add_level(bullet(2, "▪")),
        )
        .add_numbering(Numbering::new(BULLETS, BULLETS))
        .created_at("2024-01-01T00:00:00Z")
        .updated_at("2024-01-01T00:00:00Z")
}

/// Text as Word may hold it: control and bidi characters shown as
/// symbols, as in every export.
fn plain(text: &str) -> String {
    crate::domain::text::neutralise(text).into_owned()
}

/// Runs for a text, its line breaks kept.
fn runs(text: &str, style: impl Fn(Run) -> Run) -> Vec<Run> {
    let text = plain(text);
    let mut out = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let mut run = style(Run::new());
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        out.push(run.add_text(line.trim_end_matches('\r')));
    }
    out
}

fn inline_runs(i: &Inline) -> Vec<Run> {
    match i {
        Inline::Text(t) => runs(t, |r| r),
        Inline::Strong(t) => runs(t, Run::bold),
        Inline::Em(t) => runs(t, Run::italic),
        Inline::Missing(t) => runs(&format!("[{t}]"), |r| r.bold().highlight("yellow")),
        Inline::Badge { key, label, color } => {
            let ink = if color.is_light() { "000000" } else { "FFFFFF" };
            let fill = format!("{:02X}{:02X}{:02X}", color.0, color.1, color.2);
            runs(&format!("\u{a0}{key} {label}\u{a0}"), |r| {
                r.bold()
                    .color(ink)
                    .shading(Shading::new().shd_type(ShdType::Clear).fill(fill.clone()))
            })
        }
    }
}

fn paragraph(content: &[Inline]) -> Paragraph {
    content
        .iter()
        .flat_map(inline_runs)
        .fold(Paragraph::new(), Paragraph::add_run)
}

fn heading(level: u8, text: &str) -> Paragraph {
    let style = format!("Heading{}", level.clamp(1, 4));
    Paragraph::new()
        .style(&style)
        .keep_next(true)
        .add_run(Run::new().add_text(plain(&text.replace('\n', " "))))
}

fn list_item(body: &mut Vec<DocumentChild>, item: &Item, depth: usize) {
    let p = paragraph(&item.content)
        .numbering(NumberingId::new(BULLETS), IndentLevel::new(depth.min(2)));
    push(body, p);
    for child in &item.children {
        list_item(body, child, depth + 1);
    }
}

fn cell(content: Paragraph, width: usize) -> TableCell {
    TableCell::new()
        .add_paragraph(content)
        .width(width, WidthType::Dxa)
}

fn header_cell(text: &str, width: usize) -> TableCell {
    header_cell_sized(text, width, None)
}

fn header_cell_sized(text: &str, width: usize, size: Option<usize>) -> TableCell {
    let mut run = Run::new().bold().add_text(plain(text));
    if let Some(size) = size {
        run = run.size(size);
    }
    cell(Paragraph::new().add_run(run), width)
        .shading(Shading::new().shd_type(ShdType::Clear).fill("DCE3EE"))
}

/// Column widths that follow the content: a long label gets room, a
/// year or an amount stays narrow, and no column is narrower than its
/// longest word (so "Année" or "3 000" never breaks in two).
/// A table of more columns than this is set in 8 pt (never less), so that
/// each column still holds its longest word on an A4 page (a ranking has
/// nine).
const WIDE_TABLE: usize = 6;
/// 8 pt, in half-points.
const SMALL: usize = 16;
/// A wide table's cells keep 0.1 cm each side, in twips.
const NARROW_MARGIN: usize = 57;

fn small(t: &Table) -> bool {
    t.head.len() > WIDE_TABLE
}

fn widths(t: &Table) -> Vec<usize> {
    // About a character of bold Arial (11 pt, or 8 pt in a wide table),
    // and a cell's margins (LibreOffice's and Word's 0.19 cm each side),
    // in twips.
    let (char_w, margins) = if small(t) {
        (110, 2 * NARROW_MARGIN + 20)
    } else {
        (140, 216)
    };
    let columns = t.head.len().max(1);
    let cells = |i: usize| {
        t.rows
            .iter()
            .filter_map(move |r| r.get(i))
            .chain(t.head.get(i))
    };
    let longest_word = |i: usize| {
        cells(i)
            .flat_map(|c| c.split([' ', '\n', '-']))
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0)
    };
    let need: Vec<usize> = (0..columns)
        .map(|i| longest_word(i).max(5) * char_w + margins)
        .collect();
    let weight: Vec<usize> = (0..columns)
        .map(|i| {
            let longest = cells(i).map(|c| c.chars().count()).max().unwrap_or(0);
            longest.clamp(6, 40)
        })
        .collect();
    let needed: usize = need.iter().sum();
    if needed >= TEXT_WIDTH {
        return need.iter().map(|n| TEXT_WIDTH * n / needed).collect();
    }
    let spare = TEXT_WIDTH - needed;
    let total: usize = weight.iter().sum();
    need.iter()
        .zip(&weight)
        .map(|(n, w)| n + spare * w / total)
        .collect()
}

fn table(t: &Table) -> docx_rs::Table {
    let widths = widths(t);
    let size = small(t).then_some(SMALL);
    let head = TableRow::new(
        t.head
            .iter()
            .zip(&widths)
            .map(|(h, w)| header_cell_sized(h, *w, size))
            .collect(),
    )
    .cant_split()
    // The mark the package step turns into "repeat on every page"
    // (docx-rs has no `tblHeader`): a minimum height of zero.
    .row_height(0.0)
    .height_rule(docx_rs::HeightRule::AtLeast);
    let mut rows = vec![head];
    for row in &t.rows {
        let cells = row
            .iter()
            .enumerate()
            .map(|(i, text)| {
                // The common cell, one line of plain text, built with as
                // few of docx-rs's large values as can be: a ranking has
                // tens of thousands of them.
                let mut p = if text.is_empty() {
                    Paragraph::new()
                } else if text.contains(['\n', '\r']) {
                    paragraph(&[Inline::Text(text.clone())])
                } else {
                    let run = Run::new().add_text(plain(text));
                    Paragraph::new().add_run(match size {
                        Some(size) => run.size(size),
                        None => run,
                    })
                };
                if t.numeric.get(i).copied().unwrap_or(false) {
                    p = p.align(docx_rs::AlignmentType::Right);
                }
                // The header row and the grid give the widths: a width
                // on every cell only made the file bigger and slower.
                TableCell::new().add_paragraph(p)
            })
            .collect();
        rows.push(TableRow::new(cells).cant_split());
    }
    // Fixed: the widths given hold in LibreOffice too (its autofit
    // shrank "Rang" to two letters a line).
    let table = docx_rs::Table::new(rows)
        .set_grid(widths)
        .layout(docx_rs::TableLayoutType::Fixed)
        .width(TEXT_WIDTH, WidthType::Dxa);
    if size.is_some() {
        table.margins(docx_rs::TableCellMargins::new().margin(0, NARROW_MARGIN, 0, NARROW_MARGIN))
    } else {
        table
    }
}

/// A title block: labels shaded on the left, values on the right.
fn fields_table(fields: &[(String, Vec<Inline>)]) -> docx_rs::Table {
    let (left, right) = (TEXT_WIDTH * 3 / 10, TEXT_WIDTH - TEXT_WIDTH * 3 / 10);
    let rows = fields
        .iter()
        .map(|(label, value)| {
            TableRow::new(vec![
                header_cell(label, left),
                cell(paragraph(value), right),
            ])
            .cant_split()
        })
        .collect();
    docx_rs::Table::new(rows)
        .set_grid(vec![left, right])
        .width(TEXT_WIDTH, WidthType::Dxa)
}

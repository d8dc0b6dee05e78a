//! The workbook the administration opens: a summary sheet, then one
//! worksheet per table of the CSV files, typed (numbers as numbers, times
//! as dates, shares as percentages, euros as currency), with a frozen bold
//! header, an autofilter, widths that fit, long text wrapped and the axis
//! colours as a fill. Text is always written as text, so a proposal that
//! starts with `=` can never run as a formula. rust_xlsxwriter writes it.

use super::report::Ctx;
use super::tables::{Cell, DataTable};
use crate::domain::Rgb;
use crate::i18n::Lang;
use rust_xlsxwriter::{Color, DocProperties, Format, FormatBorder, Workbook, Worksheet, XlsxError};
use std::collections::HashMap;

/// A spreadsheet cell holds at most this many characters.
const MAX_CELL_CHARS: usize = 32_767;
/// Past this many rows a worksheet is written in low-memory mode.
const LARGE_TABLE: usize = 5_000;
/// Past this width a text column wraps instead of growing.
const WIDEST: usize = 60;

/// `resultats.xlsx` in French, `results.xlsx` in English.
pub fn file_name(lang: Lang) -> &'static str {
    lang.t("workbook.file")
}

/// The whole workbook, in memory. Pure: the same workshop gives the same
/// bytes (the creation date is the workshop's, never the clock's).
/// `tables` are the workshop's tables (`tables::all`), as the CSV files
/// have them.
pub fn render(ctx: &Ctx, tables: &[DataTable]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let lang = ctx.lang;
    let date = ctx
        .w
        .details()
        .date
        .map_or_else(
            || chrono::NaiveDate::from_ymd_opt(2024, 1, 1),
            |d| Some(d.0),
        )
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default();
    book.set_properties(
        &DocProperties::new()
            .set_title(cell_text(&ctx.w.details().title))
            .set_creation_datetime(&date),
    );
    // Level 2 instead of 6: about 10 % larger, in half the time (the
    // crate's own measures), and the file stays small.
    book.set_zip_compression_level(2);
    let mut styles = Styles::new(lang);
    let title = ctx.w.details().title.clone();
    let sheet = book.add_worksheet();
    summary(sheet, ctx, &mut styles)?;
    let width: f64 = SUMMARY_WIDTHS.iter().sum();
    print_as_office(
        sheet,
        &title,
        lang.t("workbook.summary"),
        width,
        false,
        lang,
    )?;
    for table in tables {
        // A big table (a synthesis's ballots and rankings) is written row by
        // row through a temporary file rather than held whole in memory;
        // where no temporary file can be made, it is held.
        let sheet = if table.rows.len() > LARGE_TABLE {
            match book.add_worksheet_with_low_memory() {
                Ok(sheet) => sheet,
                Err(_) => book.add_worksheet(),
            }
        } else {
            book.add_worksheet()
        };
        let name = lang.t(&format!("workbook.{}", table.name));
        sheet.set_name(name)?;
        let width = write_table(sheet, table, &mut styles)?;
        print_as_office(sheet, &title, name, width, true, lang)?;
    }
    book.save_to_buffer()
}

/// The formats, made once.
struct Styles {
    title: Format,
    head: Format,
    text: Format,
    wrap: Format,
    number: Format,
    euros: Format,
    share: Format,
    time: Format,
    date: Format,
    month: Format,
    axes: HashMap<Rgb, Format>,
}

impl Styles {
    fn new(lang: Lang) -> Styles {
        let top = Format::new().set_align(rust_xlsxwriter::FormatAlign::Top);
        let (time, date) = match lang {
            Lang::Fr => ("dd/mm/yyyy hh:mm:ss", "dd/mm/yyyy"),
            Lang::En => ("yyyy-mm-dd hh:mm:ss", "yyyy-mm-dd"),
        };
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            head: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(rust_xlsxwriter::FormatAlign::Top)
                .set_background_color(Color::RGB(0x00E8_E8E8))
                .set_border_bottom(FormatBorder::Thin),
            text: top.clone(),
            wrap: top.clone().set_text_wrap(),
            number: top.clone().set_num_format("0"),
            euros: top.clone().set_num_format("#,##0 \"€\""),
            share: top.clone().set_num_format("0.0%"),
            time: top.clone().set_num_format(time),
            month: top.clone().set_num_format(match lang {
                Lang::Fr => "mm/yyyy",
                Lang::En => "yyyy-mm",
            }),
            date: top.set_num_format(date),
            axes: HashMap::new(),
        }
    }

    /// The axis's colour as a fill, its text black or white to stay
    /// readable on it.
    fn axis(&mut self, color: Rgb) -> &Format {
        self.axes.entry(color).or_insert_with(|| {
            let Rgb(r, g, b) = color;
            let fill = (u32::from(r) << 16) | (u32::from(g) << 8) | u32::from(b);
            let ink = if color.is_light() {
                0x0000_0000
            } else {
                0x00FF_FFFF
            };
            Format::new()
                .set_align(rust_xlsxwriter::FormatAlign::Top)
                .set_background_color(Color::RGB(fill))
                .set_font_color(Color::RGB(ink))
        })
    }
}

/// Text as a spreadsheet may hold it: control characters shown as
/// symbols (as in the CSV files), and cut with a mark past the cell limit.
pub(super) fn cell_text(text: &str) -> String {
    let shown = crate::domain::text::neutralise(text);
    if shown.chars().count() <= MAX_CELL_CHARS {
        return shown.into_owned();
    }
    let mut cut: String = shown.chars().take(MAX_CELL_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// How many lines a text takes, wrapped at `width` characters.
pub(super) fn line_count(text: &str, width: usize) -> usize {
    text.lines()
        .map(|l| l.chars().count().div_ceil(width.max(1)).max(1))
        .sum()
}

/// How wide a cell's content is, in characters, for the column width.
fn width(cell: &Cell) -> usize {
    match cell {
        Cell::Empty => 0,
        Cell::Text(s) | Cell::Axis { label: s, .. } => {
            s.lines().map(|l| l.chars().count()).max().unwrap_or(0)
        }
        Cell::Number(n) => n.to_string().len(),
        Cell::Euros(n) => n.to_string().len() + 4,
        Cell::Share(_) => 6,
        Cell::Time(_) => 19,
        Cell::Month(_) => 8,
    }
}

/// How a cell is shown. A column takes the look of its cells, and only a
/// cell that differs carries a format of its own: a format on every cell
/// cost a hash of the format per cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Look {
    Text,
    Wrap,
    Number,
    Euros,
    Share,
    Time,
    Month,
}

impl Look {
    fn of(cell: &Cell, wrap: bool) -> Option<Look> {
        match cell {
            Cell::Empty | Cell::Axis { .. } => None,
            Cell::Text(_) if wrap => Some(Look::Wrap),
            Cell::Text(_) => Some(Look::Text),
            Cell::Number(_) => Some(Look::Number),
            Cell::Euros(_) => Some(Look::Euros),
            Cell::Share(_) => Some(Look::Share),
            Cell::Time(_) => Some(Look::Time),
            Cell::Month(_) => Some(Look::Month),
        }
    }
}

impl Styles {
    fn look(&self, look: Look) -> &Format {
        match look {
            Look::Text => &self.text,
            Look::Wrap => &self.wrap,
            Look::Number => &self.number,
            Look::Euros => &self.euros,
            Look::Share => &self.share,
            Look::Time => &self.time,
            Look::Month => &self.month,
        }
    }
}

/// One cell; `column` is its column's look, which it takes without a
/// format of its own when it has the same.
fn write_cell(
    sheet: &mut Worksheet,
    (row, col): (u32, u16),
    cell: &Cell,
    wrap: bool,
    column: Option<Look>,
    styles: &mut Styles,
) -> Result<(), XlsxError> {
    let look = Look::of(cell, wrap);
    let own = (look != column).then_some(look).flatten();
    let format = own.map(|l| styles.look(l).clone());
    match (cell, &format) {
        (Cell::Empty, _) => {}
        (Cell::Text(s), None) => {
            sheet.write_string(row, col, cell_text(s))?;
        }
        (Cell::Text(s), Some(f)) => {
            sheet.write_string_with_format(row, col, cell_text(s), f)?;
        }
        (Cell::Number(n) | Cell::Euros(n), None) => {
            sheet.write_number(row, col, *n as f64)?;
        }
        (Cell::Number(n) | Cell::Euros(n), Some(f)) => {
            sheet.write_number_with_format(row, col, *n as f64, f)?;
        }
        (Cell::Share(p), None) => {
            sheet.write_number(row, col, *p as f64 / 1000.0)?;
        }
        (Cell::Share(p), Some(f)) => {
            sheet.write_number_with_format(row, col, *p as f64 / 1000.0, f)?;
        }
        (Cell::Time(t), None) => {
            sheet.write_datetime(row, col, t)?;
        }
        (Cell::Time(t), Some(f)) => {
            sheet.write_datetime_with_format(row, col, t, f)?;
        }
        (Cell::Month(m), None) => {
            sheet.write_datetime(row, col, m)?;
        }
        (Cell::Month(m), Some(f)) => {
            sheet.write_datetime_with_format(row, col, m, f)?;
        }
        (Cell::Axis { label, color }, _) => {
            let format = styles.axis(*color);
            sheet.write_string_with_format(row, col, cell_text(label), format)?;
        }
    }
    Ok(())
}

/// One table as a worksheet: header frozen and filterable, columns as
/// wide as their content (up to a limit past which text wraps).
/// The columns' total width (in characters), for printing.
fn write_table(
    sheet: &mut Worksheet,
    table: &DataTable,
    styles: &mut Styles,
) -> Result<f64, XlsxError> {
    let columns = table.head.len();
    let widths = content_widths(table);
    let head_lines = table
        .head
        .iter()
        .zip(&widths)
        .map(|(h, w)| line_count(h, (*w).clamp(6, WIDEST)))
        .max()
        .unwrap_or(1);
    if head_lines > 1 {
        sheet.set_row_height(0, 15 * head_lines as u32)?;
    }
    let looks: Vec<Option<Look>> = (0..columns)
        .map(|col| {
            table
                .rows
                .iter()
                .find_map(|row| Look::of(row.get(col)?, widths[col] > WIDEST))
        })
        .collect();
    for (col, head) in table.head.iter().enumerate() {
        let c = col as u16;
        sheet.write_string_with_format(0, c, cell_text(head), &styles.head)?;
        sheet.set_column_width(c, (widths[col].clamp(6, WIDEST) + 2) as f64)?;
        if let Some(look) = looks[col] {
            sheet.set_column_format(c, styles.look(look))?;
        }
    }
    for (r, row) in table.rows.iter().enumerate() {
        let mut lines = 1;
        for (col, cell) in row.iter().enumerate() {
            let wrap = widths[col] > WIDEST || matches!(cell, Cell::Text(s) if s.contains('\n'));
            if wrap && let Cell::Text(s) = cell {
                lines = lines.max(line_count(s, widths[col].min(WIDEST)));
            }
            let at = (r as u32 + 1, col as u16);
            write_cell(sheet, at, cell, wrap, looks[col], styles)?;
        }
        // Not every spreadsheet grows a row to fit wrapped text by itself.
        if lines > 1 {
            sheet.set_row_height(r as u32 + 1, 15 * lines.min(400) as u32)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    if columns > 0 {
        sheet.autofilter(0, 0, table.rows.len() as u32, columns as u16 - 1)?;
    }
    Ok(sheet_widths(table).iter().sum())
}

/// Each column's widest content, in characters.
fn content_widths(table: &DataTable) -> Vec<usize> {
    let mut widths: Vec<usize> = table
        .head
        .iter()
        .map(|h| h.chars().count().min(24))
        .collect();
    for row in &table.rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    widths
}

/// The columns' widths as set, in characters: as wide as their content,
/// up to a limit past which text wraps.
pub(super) fn sheet_widths(table: &DataTable) -> Vec<f64> {
    content_widths(table)
        .iter()
        .map(|w| (w.clamp(&6, &WIDEST) + 2) as f64)
        .collect()
}

/// The columns whose text wraps: wider than the limit.
pub(super) fn wrapped_columns(table: &DataTable) -> Vec<bool> {
    content_widths(table).iter().map(|w| *w > WIDEST).collect()
}

/// The first sheet: the workshop's details, proposals per axis, and
/// participation per round (public even before a reveal).
fn summary(sheet: &mut Worksheet, ctx: &Ctx, styles: &mut Styles) -> Result<(), XlsxError> {
    let s = super::summary::of(ctx);
    sheet.set_name(ctx.lang.t("workbook.summary"))?;
    sheet.write_string_with_format(0, 0, cell_text(&s.title), &styles.title)?;
    let mut row = 2;
    if let Some((label, date)) = &s.date {
        sheet.write_string_with_format(row, 0, label, &styles.head)?;
        sheet.write_datetime_with_format(row, 1, date, &styles.date)?;
        row += 1;
    }
    for (label, value) in &s.details {
        sheet.write_string_with_format(row, 0, label, &styles.head)?;
        wide_text(sheet, row, 1, value, &styles.wrap)?;
        row += 1;
    }
    for (section, spans) in [(&s.axes, true), (&s.participation, false)] {
        row += 1;
        sheet.write_string_with_format(row, 0, cell_text(&section.title), &styles.title)?;
        row += 1;
        for (col, head) in section.head.iter().enumerate() {
            let col = col as u16;
            if spans && col as usize + 1 == section.head.len() {
                wide_text(sheet, row, col, head, &styles.head)?;
            } else {
                sheet.write_string_with_format(row, col, cell_text(head), &styles.head)?;
            }
        }
        if !spans {
            sheet.set_row_height(row, 30)?;
        }
        row += 1;
        for cells in &section.rows {
            for (col, cell) in cells.iter().enumerate() {
                let col = col as u16;
                match cell {
                    Cell::Text(text) if spans && col as usize + 1 == cells.len() => {
                        wide_text(sheet, row, col, text, &styles.wrap)?;
                    }
                    cell => write_cell(sheet, (row, col), cell, false, None, styles)?,
                }
            }
            row += 1;
        }
    }
    for (col, width) in SUMMARY_WIDTHS.into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    Ok(())
}

use super::summary::WIDTHS as SUMMARY_WIDTHS;

/// Text across columns B to G, its row as tall as its lines (a merged
/// cell does not grow by itself).
fn wide_text(
    sheet: &mut Worksheet,
    row: u32,
    first_col: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    let text = cell_text(text);
    let width: f64 = SUMMARY_WIDTHS[first_col as usize..].iter().sum();
    let lines = line_count(&text, width as usize);
    sheet.merge_range(row, first_col, row, 6, &text, format)?;
    if lines > 1 {
        sheet.set_row_height(row, 15 * lines as u32)?;
    }
    Ok(())
}

/// How many characters of column width an A4 landscape page holds at
/// full size, margins taken off: 261 mm of paper, and 2.2 mm a character
/// as LibreOffice lays the columns out (measured on its PDF: a sheet of
/// 182 characters fitted to one page printed at 65 %).
const A4_LANDSCAPE_CHARS: f64 = 116.0;
/// Smallest print scale, in percent: 11 pt text printed at 8 pt.
pub(super) const MIN_PRINT_SCALE: u16 = 73;

/// Whether a sheet `width` characters wide fits one A4 landscape page
/// wide at 8 pt or more.
pub(super) fn print_fits_width(width: f64) -> bool {
    width <= A4_LANDSCAPE_CHARS * 100.0 / f64::from(MIN_PRINT_SCALE)
}

/// Printed as an office document: A4 landscape, the header row on every
/// page, the workshop and the sheet in the page header, "Page N / M" at
/// the foot. A table as wide as a page at 8 pt or more is fitted to one
/// page wide; a wider one prints at 8 pt across pages, its first column
/// repeated, rather than shrunk out of reach.
fn print_as_office(
    sheet: &mut Worksheet,
    workshop: &str,
    name: &str,
    width: f64,
    header_row: bool,
    lang: Lang,
) -> Result<(), XlsxError> {
    // `&` starts a code in headers and footers; 255 characters at most.
    let escape = |t: &str| cell_text(t).replace('&', "&&");
    let title: String = escape(workshop).chars().take(180).collect();
    sheet.set_paper_size(9);
    sheet.set_landscape();
    sheet.set_header(format!("&L{title}&R{}", escape(name)));
    sheet.set_footer(format!("&C{}", lang.t("workbook.page_footer")));
    if print_fits_width(width) {
        sheet.set_print_fit_to_pages(1, 0);
    } else {
        sheet.set_print_scale(MIN_PRINT_SCALE);
        sheet.set_repeat_columns(0, 0)?;
    }
    if header_row {
        sheet.set_repeat_rows(0, 0)?;
    }
    Ok(())
}

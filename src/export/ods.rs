//! The workbook as an OpenDocument spreadsheet (.ods), what the French
//! administration's interoperability framework (RGI) recommends: the same
//! sheets, cells and layout as the .xlsx — a summary, then one sheet per
//! table, typed (numbers, euros, percentages, dates), header frozen,
//! filtered and repeated on every printed page, A4 landscape never under
//! 8 pt, the workshop and the sheet atop each page and "Page N / M" at the
//! foot. Text is always a string cell: nothing can run as a formula.
//! Written through the one XML writer (`xml.rs`).

use super::odf::{self, font_faces, open_root};
use super::report::Ctx;
use super::summary::{self, Summary};
use super::tables::{Cell, DataTable};
use super::workbook::{cell_text, print_fits_width, sheet_widths};
use super::xml::{Part, Xml};
use crate::domain::Rgb;
use crate::i18n::Lang;
use std::collections::BTreeSet;
use std::io;

const MEDIA_TYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";

/// `resultats.ods` in French, `results.ods` in English.
pub fn file_name(lang: Lang) -> &'static str {
    lang.t("workbook.file_ods")
}

/// One sheet as written: its name, its columns' widths (characters) and
/// whether it is a data table (header row frozen, filtered, repeated).
struct SheetPlan<'a> {
    name: String,
    widths: Vec<f64>,
    table: Option<&'a DataTable>,
}

/// The whole spreadsheet, in memory. Pure: the same workshop gives the
/// same bytes.
pub fn render(ctx: &Ctx, tables: &[DataTable]) -> io::Result<Vec<u8>> {
    let lang = ctx.lang;
    let summary = summary::of(ctx);
    let mut plans = vec![SheetPlan {
        name: lang.t("workbook.summary").to_string(),
        widths: summary::WIDTHS.to_vec(),
        table: None,
    }];
    for table in tables {
        plans.push(SheetPlan {
            name: lang.t(&format!("workbook.{}", table.name)).to_string(),
            widths: sheet_widths(table),
            table: Some(table),
        });
    }
    let props = super::document::Properties {
        title: summary.title.clone(),
        author: String::new(),
        language: match lang {
            Lang::Fr => "fr-FR",
            Lang::En => "en-GB",
        },
        date: ctx.w.details().date.map(|d| d.to_string()),
    };
    let parts = vec![
        Part::new("styles.xml", styles(&summary.title, &props, lang)),
        Part::new("settings.xml", settings(&plans)),
    ];
    let content = |x: &mut Xml| content(x, &summary, &plans, lang);
    odf::package_odf(MEDIA_TYPE, &props, content, parts)
}

fn style(
    x: &mut Xml,
    name: &str,
    family: &str,
    attrs: &[(&str, &str)],
    body: impl FnOnce(&mut Xml),
) {
    let mut all = vec![("style:name", name), ("style:family", family)];
    all.extend_from_slice(attrs);
    x.open("style:style", &all);
    body(x);
    x.close("style:style");
}

/// The data styles: whole numbers, euros, percentages, dates, times.
fn number_styles(x: &mut Xml, lang: Lang) {
    let number = |x: &mut Xml, decimals: &str, grouping: &str| {
        x.empty(
            "number:number",
            &[
                ("number:decimal-places", decimals),
                ("number:min-decimal-places", decimals),
                ("number:min-integer-digits", "1"),
                ("number:grouping", grouping),
            ],
        );
    };
    let (language, country) = match lang {
        Lang::Fr => ("fr", "FR"),
        Lang::En => ("en", "GB"),
    };
    let named = |name: &'static str| {
        [
            ("style:name", name),
            ("number:language", language),
            ("number:country", country),
        ]
    };
    x.open("number:number-style", &named("NInt"));
    number(x, "0", "false");
    x.close("number:number-style");
    x.open("number:currency-style", &named("NEuro"));
    number(x, "0", "true");
    x.leaf("number:text", &[], " ");
    x.leaf(
        "number:currency-symbol",
        &[("number:language", language), ("number:country", country)],
        "€",
    );
    x.close("number:currency-style");
    x.open("number:percentage-style", &named("NShare"));
    number(x, "1", "false");
    x.leaf("number:text", &[], "%");
    x.close("number:percentage-style");
    let long = [("number:style", "long")];
    // Day, month and year in the language's order; the month style
    // leaves the day out.
    let date = |x: &mut Xml, day: bool| {
        let (parts, sep) = match lang {
            Lang::Fr => (["number:day", "number:month", "number:year"], "/"),
            Lang::En => (["number:year", "number:month", "number:day"], "-"),
        };
        let parts: Vec<&str> = parts
            .into_iter()
            .filter(|p| day || *p != "number:day")
            .collect();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                x.leaf("number:text", &[], sep);
            }
            x.empty(part, &long);
        }
    };
    x.open("number:date-style", &named("NDate"));
    date(x, true);
    x.close("number:date-style");
    x.open("number:date-style", &named("NMonth"));
    date(x, false);
    x.close("number:date-style");
    x.open("number:date-style", &named("NTime"));
    date(x, true);
    x.leaf("number:text", &[], " ");
    x.empty("number:hours", &long);
    x.leaf("number:text", &[], ":");
    x.empty("number:minutes", &long);
    x.leaf("number:text", &[], ":");
    x.empty("number:seconds", &long);
    x.close("number:date-style");
}

/// The cell looks, as in the .xlsx.
fn cell_styles(x: &mut Xml, axes: &BTreeSet<(u8, u8, u8)>) {
    let top = ("style:vertical-align", "top");
    let cell = |x: &mut Xml,
                name: &str,
                data: Option<&str>,
                props: &[(&str, &str)],
                text: &[(&str, &str)]| {
        let mut attrs = vec![("style:parent-style-name", "Default")];
        if let Some(data) = data {
            attrs.push(("style:data-style-name", data));
        }
        style(x, name, "table-cell", &attrs, |x| {
            x.empty("style:table-cell-properties", props);
            if !text.is_empty() {
                x.empty("style:text-properties", text);
            }
        });
    };
    let bold = [
        ("fo:font-weight", "bold"),
        ("style:font-weight-asian", "bold"),
        ("style:font-weight-complex", "bold"),
    ];
    cell(
        x,
        "Title",
        None,
        &[top],
        &[bold[0], ("fo:font-size", "14pt")],
    );
    cell(
        x,
        "Head",
        None,
        &[
            top,
            ("fo:wrap-option", "wrap"),
            ("fo:background-color", "#e8e8e8"),
            ("fo:border-bottom", "0.75pt solid #000000"),
        ],
        &bold,
    );
    cell(x, "Text", None, &[top], &[]);
    cell(x, "Wrap", None, &[top, ("fo:wrap-option", "wrap")], &[]);
    for (name, data) in [
        ("Int", "NInt"),
        ("Euro", "NEuro"),
        ("Share", "NShare"),
        ("Date", "NDate"),
        ("Time", "NTime"),
        ("Month", "NMonth"),
    ] {
        cell(x, name, Some(data), &[top], &[]);
    }
    for &(r, g, b) in axes {
        let color = Rgb(r, g, b);
        let fill = format!("#{r:02x}{g:02x}{b:02x}");
        let ink = if color.is_light() {
            "#000000"
        } else {
            "#ffffff"
        };
        cell(
            x,
            &axis_style(&color),
            None,
            &[top, ("fo:background-color", &fill)],
            &[("fo:color", ink)],
        );
    }
}

fn axis_style(color: &Rgb) -> String {
    format!("Axis_{:02X}{:02X}{:02X}", color.0, color.1, color.2)
}

/// A column width in characters of the default font, as centimetres:
/// what LibreOffice makes of the same width in the .xlsx.
fn column_width(chars: f64) -> String {
    format!("{:.3}cm", chars * 0.22)
}

fn content(x: &mut Xml, summary: &Summary, plans: &[SheetPlan], lang: Lang) {
    open_root(x, "office:document-content");
    font_faces(x);
    x.open("office:automatic-styles", &[]);
    number_styles(x, lang);
    let axes: BTreeSet<(u8, u8, u8)> = plans
        .iter()
        .filter_map(|p| p.table)
        .flat_map(|t| t.rows.iter().flatten())
        .chain(summary.axes.rows.iter().flatten())
        .filter_map(|c| match c {
            Cell::Axis { color, .. } => Some((color.0, color.1, color.2)),
            _ => None,
        })
        .collect();
    cell_styles(x, &axes);
    for (i, plan) in plans.iter().enumerate() {
        for (c, w) in plan.widths.iter().enumerate() {
            style(x, &format!("co{i}.{c}"), "table-column", &[], |x| {
                x.empty(
                    "style:table-column-properties",
                    &[
                        ("fo:break-before", "auto"),
                        ("style:column-width", &column_width(*w)),
                    ],
                );
            });
        }
    }
    style(x, "Row", "table-row", &[], |x| {
        x.empty(
            "style:table-row-properties",
            &[
                ("fo:break-before", "auto"),
                ("style:use-optimal-row-height", "true"),
            ],
        );
    });
    for master in ["Fit", "Wide"] {
        style(
            x,
            master,
            "table",
            &[("style:master-page-name", master)],
            |x| {
                x.empty(
                    "style:table-properties",
                    &[("table:display", "true"), ("style:writing-mode", "lr-tb")],
                );
            },
        );
    }
    x.close("office:automatic-styles");
    x.open("office:body", &[]).open("office:spreadsheet", &[]);
    for (i, plan) in plans.iter().enumerate() {
        let total: f64 = plan.widths.iter().sum();
        let master = if print_fits_width(total) {
            "Fit"
        } else {
            "Wide"
        };
        x.open(
            "table:table",
            &[("table:name", &plan.name), ("table:style-name", master)],
        );
        columns(x, i, &plan.widths, master == "Wide");
        match plan.table {
            Some(table) => data_table(x, table),
            None => summary_sheet(x, summary),
        }
        x.close("table:table");
    }
    filters(x, plans);
    x.close("office:spreadsheet").close("office:body");
    x.close("office:document-content");
}

/// The columns; in a sheet wider than a page, the first repeats on each.
fn columns(x: &mut Xml, sheet: usize, widths: &[f64], repeat_first: bool) {
    for (c, _) in widths.iter().enumerate() {
        let name = format!("co{sheet}.{c}");
        let column = [
            ("table:style-name", name.as_str()),
            ("table:default-cell-style-name", "Default"),
        ];
        if c == 0 && repeat_first {
            x.open("table:table-header-columns", &[]);
            x.empty("table:table-column", &column);
            x.close("table:table-header-columns");
        } else {
            x.empty("table:table-column", &column);
        }
    }
}

fn open_row(x: &mut Xml) {
    x.open("table:table-row", &[("table:style-name", "Row")]);
}

fn string_cell(x: &mut Xml, style: &str, text: &str, spanned: usize) {
    let span = spanned.to_string();
    let mut attrs = vec![("table:style-name", style), ("office:value-type", "string")];
    if spanned > 1 {
        attrs.push(("table:number-columns-spanned", &span));
    }
    x.open("table:table-cell", &attrs);
    paragraph(x, &cell_text(text));
    x.close("table:table-cell");
    for _ in 1..spanned {
        x.empty("table:covered-table-cell", &[]);
    }
}

/// A cell's text, one paragraph per line as LibreOffice writes it.
fn paragraph(x: &mut Xml, text: &str) {
    for line in text.split('\n') {
        x.open("text:p", &[]);
        odf::text(x, line);
        x.close("text:p");
    }
}

fn cell(x: &mut Xml, cell: &Cell, wrap: bool) {
    let number = |x: &mut Xml, style: &str, kind: &str, value: &str, shown: &str| {
        let mut attrs = vec![("table:style-name", style), ("office:value-type", kind)];
        match kind {
            "date" => attrs.push(("office:date-value", value)),
            "currency" => {
                attrs.push(("office:currency", "EUR"));
                attrs.push(("office:value", value));
            }
            _ => attrs.push(("office:value", value)),
        }
        x.open("table:table-cell", &attrs);
        x.leaf("text:p", &[], shown);
        x.close("table:table-cell");
    };
    match cell {
        Cell::Empty => {
            x.empty("table:table-cell", &[]);
        }
        Cell::Text(s) => string_cell(x, if wrap { "Wrap" } else { "Text" }, s, 1),
        Cell::Number(n) => number(x, "Int", "float", &n.to_string(), &n.to_string()),
        Cell::Euros(n) => number(x, "Euro", "currency", &n.to_string(), &format!("{n} €")),
        Cell::Share(p) => {
            let value = format!("{}.{:03}", p / 1000, p % 1000);
            number(
                x,
                "Share",
                "percentage",
                &value,
                &format!("{}.{} %", p / 10, p % 10),
            );
        }
        Cell::Time(t) => {
            let value = t.format("%Y-%m-%dT%H:%M:%S").to_string();
            number(x, "Time", "date", &value, &value.replace('T', " "));
        }
        Cell::Month(m) => {
            let value = m.format("%Y-%m-%d").to_string();
            number(x, "Month", "date", &value, &m.format("%m/%Y").to_string());
        }
        Cell::Axis { label, color } => string_cell(x, &axis_style(color), label, 1),
    }
}

fn data_table(x: &mut Xml, table: &DataTable) {
    x.open("table:table-header-rows", &[]);
    open_row(x);
    for head in &table.head {
        string_cell(x, "Head", head, 1);
    }
    x.close("table:table-row");
    x.close("table:table-header-rows");
    let wide = super::workbook::wrapped_columns(table);
    for row in &table.rows {
        open_row(x);
        for (c, value) in row.iter().enumerate() {
            let wrap = wide.get(c).copied().unwrap_or(false)
                || matches!(value, Cell::Text(s) if s.contains('\n'));
            cell(x, value, wrap);
        }
        x.close("table:table-row");
    }
}

fn empty_row(x: &mut Xml) {
    open_row(x);
    x.empty("table:table-cell", &[]);
    x.close("table:table-row");
}

fn summary_sheet(x: &mut Xml, s: &Summary) {
    let columns = summary::WIDTHS.len();
    open_row(x);
    string_cell(x, "Title", &s.title, 1);
    x.close("table:table-row");
    empty_row(x);
    if let Some((label, date)) = &s.date {
        open_row(x);
        string_cell(x, "Head", label, 1);
        let value = date.format("%Y-%m-%d").to_string();
        x.open(
            "table:table-cell",
            &[
                ("table:style-name", "Date"),
                ("office:value-type", "date"),
                ("office:date-value", &value),
            ],
        );
        x.leaf("text:p", &[], &value);
        x.close("table:table-cell");
        x.close("table:table-row");
    }
    for (label, value) in &s.details {
        open_row(x);
        string_cell(x, "Head", label, 1);
        string_cell(x, "Wrap", value, columns - 1);
        x.close("table:table-row");
    }
    for (section, spans) in [(&s.axes, true), (&s.participation, false)] {
        empty_row(x);
        open_row(x);
        string_cell(x, "Title", &section.title, 1);
        x.close("table:table-row");
        open_row(x);
        for (c, head) in section.head.iter().enumerate() {
            let last = spans && c + 1 == section.head.len();
            string_cell(x, "Head", head, if last { columns - c } else { 1 });
        }
        x.close("table:table-row");
        for row in &section.rows {
            open_row(x);
            for (c, value) in row.iter().enumerate() {
                match value {
                    Cell::Text(text) if spans && c + 1 == row.len() => {
                        string_cell(x, "Wrap", text, columns - c);
                    }
                    value => cell(x, value, false),
                }
            }
            x.close("table:table-row");
        }
    }
}

/// `'Name'.A1` as a range address wants it.
fn quoted(sheet: &str) -> String {
    format!("'{}'", sheet.replace('\'', "''"))
}

/// The spreadsheet's column letters: A … Z, AA …
fn column_letters(mut n: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// The autofilter on each data table's header.
fn filters(x: &mut Xml, plans: &[SheetPlan]) {
    x.open("table:database-ranges", &[]);
    for (i, plan) in plans.iter().enumerate() {
        let Some(table) = plan.table else { continue };
        if table.head.is_empty() {
            continue;
        }
        let sheet = quoted(&plan.name);
        let range = format!(
            "{sheet}.A1:{sheet}.{}{}",
            column_letters(table.head.len() - 1),
            table.rows.len() + 1
        );
        let name = format!("__Anonymous_Sheet_DB__{i}");
        x.empty(
            "table:database-range",
            &[
                ("table:name", &name),
                ("table:target-range-address", &range),
                ("table:display-filter-buttons", "true"),
            ],
        );
    }
    x.close("table:database-ranges");
}

/// A4 landscape; "Fit" one page wide, "Wide" at 8 pt across pages. The
/// workshop and the sheet's name atop each page, "Page N / M" at the foot.
fn styles(workshop: &str, props: &super::document::Properties, lang: Lang) -> Vec<u8> {
    let mut x = Xml::new(8192);
    open_root(&mut x, "office:document-styles");
    font_faces(&mut x);
    x.open("office:styles", &[]);
    x.open("style:default-style", &[("style:family", "table-cell")]);
    odf::default_text(&mut x, props, "11pt");
    x.close("style:default-style");
    style(&mut x, "Default", "table-cell", &[], |_| {});
    x.close("office:styles");
    x.open("office:automatic-styles", &[]);
    let min_scale = super::workbook::MIN_PRINT_SCALE.to_string() + "%";
    for (name, scale) in [
        (
            "Fit",
            [("style:scale-to-X", "1"), ("style:scale-to-Y", "0")],
        ),
        (
            "Wide",
            [
                ("style:scale-to", min_scale.as_str()),
                ("style:print-page-order", "ltr"),
            ],
        ),
    ] {
        x.open("style:page-layout", &[("style:name", name)]);
        let mut attrs = vec![
            ("fo:page-width", "29.7cm"),
            ("fo:page-height", "21cm"),
            ("style:print-orientation", "landscape"),
            // The .xlsx's margins (Excel's defaults).
            ("fo:margin-top", "1.9cm"),
            ("fo:margin-bottom", "1.9cm"),
            ("fo:margin-left", "1.78cm"),
            ("fo:margin-right", "1.78cm"),
            // Pages numbered across the sheets, as in the .xlsx:
            // LibreOffice starts each sheet at 1 otherwise.
            ("style:first-page-number", "continue"),
        ];
        attrs.extend_from_slice(&scale);
        x.empty("style:page-layout-properties", &attrs);
        odf::header_footer_styles(&mut x, "0.5cm", "0.25cm");
        x.close("style:page-layout");
    }
    x.close("office:automatic-styles");
    x.open("office:master-styles", &[]);
    for name in ["Fit", "Wide"] {
        x.open(
            "style:master-page",
            &[("style:name", name), ("style:page-layout-name", name)],
        );
        x.open("style:header", &[]);
        x.open("style:region-left", &[]).open("text:p", &[]);
        let title: String = cell_text(workshop).chars().take(180).collect();
        odf::text(&mut x, &title);
        x.close("text:p").close("style:region-left");
        x.open("style:region-right", &[]).open("text:p", &[]);
        x.leaf("text:sheet-name", &[], "???");
        x.close("text:p").close("style:region-right");
        x.close("style:header");
        x.open("style:footer", &[]).open("text:p", &[]);
        odf::text(&mut x, lang.t("docx.page"));
        x.leaf("text:page-number", &[], "1");
        odf::text(&mut x, lang.t("docx.of"));
        x.leaf("text:page-count", &[], "1");
        x.close("text:p").close("style:footer");
        x.close("style:master-page");
    }
    x.close("office:master-styles");
    x.close("office:document-styles");
    x.finish()
}

/// The header row of each data table frozen, as in the .xlsx.
fn settings(plans: &[SheetPlan]) -> Vec<u8> {
    let mut x = Xml::new(4096);
    open_root(&mut x, "office:document-settings");
    x.open("office:settings", &[]);
    x.open(
        "config:config-item-set",
        &[("config:name", "ooo:view-settings")],
    );
    x.open(
        "config:config-item-map-indexed",
        &[("config:name", "Views")],
    );
    x.open("config:config-item-map-entry", &[]);
    let item = |x: &mut Xml, name: &str, kind: &str, value: &str| {
        x.leaf(
            "config:config-item",
            &[("config:name", name), ("config:type", kind)],
            value,
        );
    };
    item(&mut x, "ViewId", "string", "view1");
    x.open("config:config-item-map-named", &[("config:name", "Tables")]);
    for plan in plans.iter().filter(|p| p.table.is_some()) {
        x.open(
            "config:config-item-map-entry",
            &[("config:name", &plan.name)],
        );
        item(&mut x, "HorizontalSplitMode", "short", "0");
        item(&mut x, "VerticalSplitMode", "short", "2");
        item(&mut x, "VerticalSplitPosition", "int", "1");
        item(&mut x, "ActiveSplitRange", "short", "2");
        item(&mut x, "PositionTop", "int", "0");
        item(&mut x, "PositionBottom", "int", "1");
        x.close("config:config-item-map-entry");
    }
    x.close("config:config-item-map-named");
    x.close("config:config-item-map-entry");
    x.close("config:config-item-map-indexed");
    x.close("config:config-item-set");
    x.close("office:settings");
    x.close("office:document-settings");
    x.finish()
}

#[cfg(test)]
mod tests {
    #[test]
    fn column_letters_go_on_past_z() {
        let letters: Vec<String> = [0, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(super::column_letters)
            .collect();
        assert_eq!(letters, ["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }
}

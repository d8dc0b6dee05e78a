//! What leaves atelier: a Markdown and an HTML report, CSV and a workbook
//! for spreadsheets, and the action sheets (one TOML file each, and all of them
//! in one Markdown document). Exporting reads the workshop, never changes
//! it; every file is written atomically, so nothing half-written is left.

pub mod codes;
pub mod document;
pub mod docx;
pub mod fiche;
pub mod html;
pub mod markdown;
mod messages;
mod odf;
pub mod ods;
pub mod odt;
mod paged;
pub mod report;
pub mod sheets;
mod summary;
pub mod tables;
pub mod workbook;
mod xml;

use crate::domain::Workshop;
use crate::i18n::Lang;
use crate::store::atomic;
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The report in Markdown.
    Md,
    /// Proposals, ballots, results and sheets for a spreadsheet.
    Csv,
    /// The report as one self-contained web page, ready to print to PDF.
    Html,
    /// One TOML file per action sheet, and all of them in Markdown.
    Sheets,
    /// One workbook: a summary and every table, typed, for Excel or
    /// LibreOffice.
    Xlsx,
    /// Word documents: the report, and each action sheet laid out as a
    /// fiche action.
    Docx,
    /// The workbook as an OpenDocument spreadsheet (LibreOffice's own).
    Ods,
    /// The Word documents as OpenDocument texts (LibreOffice's own).
    Odt,
    /// Everything above.
    All,
}

impl Format {
    fn includes(self, other: Format) -> bool {
        self == Format::All || self == other
    }
}

/// French spreadsheets (`;`, BOM, decimal comma) or RFC 4180 (`,`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CsvStyle {
    #[default]
    French,
    Standard,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub lang: Lang,
    /// Organisations and collèges instead of people's names.
    pub anonymous: bool,
    pub csv: CsvStyle,
}

impl Options {
    pub fn new(lang: Lang) -> Options {
        Options {
            lang,
            anonymous: false,
            csv: CsvStyle::French,
        }
    }
}

/// `sessions/exemple-drome/export/` for `sessions/exemple-drome.toml`:
/// beside the sheets the facilitator edits by hand (`…/fiches`), never
/// over them.
pub fn default_dir(workshop: &Path) -> PathBuf {
    let stem = workshop.file_stem().unwrap_or_default();
    workshop.with_file_name(stem).join("export")
}

/// One file to write: its path under the export folder and its bytes.
pub struct Rendered {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Every file of `format`, in memory. Pure: the same workshop gives the
/// same bytes (no clock, no randomness), which the golden tests rely on.
pub fn render(w: &Workshop, format: Format, opts: &Options) -> io::Result<Vec<Rendered>> {
    let ctx = report::Ctx::new(w, opts);
    let needs_report = [Format::Md, Format::Html, Format::Docx, Format::Odt]
        .into_iter()
        .any(|f| format.includes(f));
    let needs_tables = [Format::Csv, Format::Xlsx, Format::Ods]
        .into_iter()
        .any(|f| format.includes(f));
    // The report's document and the tables, side by side; then the
    // paged documents and the .ods on this thread while the rest is made
    // on the other core (about the same time each).
    let (doc, tables) = std::thread::scope(|scope| {
        let tables = scope.spawn(|| {
            if needs_tables {
                tables::all(&ctx, opts)
            } else {
                Vec::new()
            }
        });
        let doc = needs_report.then(|| report::report(&ctx));
        (doc, joined(tables))
    });
    let paged = doc
        .as_ref()
        .filter(|_| format.includes(Format::Docx) || format.includes(Format::Odt));
    std::thread::scope(|scope| {
        let others = scope.spawn(|| other_files(&ctx, doc.as_ref(), &tables, format, opts));
        let mut mine = match paged {
            Some(doc) => paged_files(&ctx, doc, format, opts.lang)?,
            None => Vec::new(),
        };
        if format.includes(Format::Ods) {
            mine.push(rendered(
                ods::file_name(opts.lang),
                ods::render(&ctx, &tables)?,
            ));
        }
        let mut files = joined(others)?;
        files.extend(mine);
        Ok(files)
    })
}

/// A scoped thread's result, its panic carried on.
fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

fn rendered(path: impl Into<PathBuf>, bytes: Vec<u8>) -> Rendered {
    Rendered {
        path: path.into(),
        bytes,
    }
}

/// A writer of paged documents: its format, the report's file name (a
/// catalogue key) and the fiches' extension.
#[derive(Clone, Copy)]
struct PagedWriter {
    format: Format,
    report: &'static str,
    extension: &'static str,
    render: fn(&document::Document) -> io::Result<Vec<u8>>,
}

const PAGED: [PagedWriter; 2] = [
    PagedWriter {
        format: Format::Docx,
        report: "workbook.report_docx",
        extension: "docx",
        render: docx::render,
    },
    PagedWriter {
        format: Format::Odt,
        report: "workbook.report_odt",
        extension: "odt",
        render: odt::render,
    },
];

/// The report and each action sheet as Word and OpenDocument texts.
fn paged_files(
    ctx: &report::Ctx,
    doc: &document::Document,
    format: Format,
    lang: Lang,
) -> io::Result<Vec<Rendered>> {
    let writers: Vec<PagedWriter> = PAGED
        .into_iter()
        .filter(|w| format.includes(w.format))
        .collect();
    let mut files = Vec::new();
    for w in &writers {
        files.push(rendered(lang.t(w.report), (w.render)(doc)?));
    }
    for sheet in ctx.w.sheets() {
        let sheet = &ctx.names.sheet(sheet);
        let stem = sheets::file_name(sheet);
        let stem = stem.trim_end_matches(".toml");
        let fiche = fiche::document(ctx, sheet);
        for w in &writers {
            let path = format!("fiches/{stem}.{}", w.extension);
            files.push(rendered(path, (w.render)(&fiche)?));
        }
    }
    Ok(files)
}

/// Every file of `format` but the paged documents.
fn other_files(
    ctx: &report::Ctx,
    doc: Option<&document::Document>,
    tables: &[tables::DataTable],
    format: Format,
    opts: &Options,
) -> io::Result<Vec<Rendered>> {
    let w = ctx.w;
    let mut files = Vec::new();
    if let Some(doc) = doc {
        if format.includes(Format::Md) {
            files.push(rendered("rapport.md", markdown::render(doc).into_bytes()));
        }
        if format.includes(Format::Html) {
            files.push(rendered("rapport.html", html::render(doc).into_bytes()));
        }
    }
    if format.includes(Format::Csv) {
        for table in tables {
            files.push(rendered(table.csv_file(), tables::write(table, opts.csv)?));
        }
    }
    if format.includes(Format::Xlsx) {
        let bytes = workbook::render(ctx, tables).map_err(io::Error::other)?;
        files.push(rendered(workbook::file_name(opts.lang), bytes));
    }
    if format.includes(Format::Sheets) {
        let all = markdown::render(&report::sheets_document(ctx));
        files.push(rendered("fiches.md", all.into_bytes()));
        for sheet in w.sheets() {
            let sheet = &ctx.names.sheet(sheet);
            let text = sheets::to_toml(sheet, w)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
            files.push(rendered(
                format!("fiches/{}", sheets::file_name(sheet)),
                text.into_bytes(),
            ));
        }
    }
    Ok(files)
}

/// A file that could not be written, and why.
#[derive(Debug)]
pub struct ExportError {
    pub path: PathBuf,
    pub source: io::Error,
}

/// Renders and writes into `dir` (created if needed), each file atomically.
/// Returns the files written.
pub fn write(
    w: &Workshop,
    format: Format,
    opts: &Options,
    dir: &Path,
) -> Result<Vec<PathBuf>, ExportError> {
    let files = render(w, format, opts).map_err(|source| ExportError {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut written = Vec::with_capacity(files.len());
    for f in files {
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| ExportError {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        atomic::write(&path, &f.bytes).map_err(|source| ExportError {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod office_tests;
#[cfg(test)]
pub(crate) mod tests;

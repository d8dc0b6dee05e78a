//! What leaves atelier: a Markdown and an HTML report, CSV for
//! spreadsheets, and the action sheets (one TOML file each, and all of them
//! in one Markdown document). Exporting reads the workshop, never changes
//! it; every file is written atomically, so nothing half-written is left.

pub mod codes;
pub mod document;
pub mod html;
pub mod markdown;
mod messages;
pub mod report;
pub mod sheets;
pub mod tables;

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
    let mut files = Vec::new();
    let mut add = |path: &str, bytes: Vec<u8>| {
        files.push(Rendered {
            path: PathBuf::from(path),
            bytes,
        })
    };
    let ctx = report::Ctx::new(w, opts);
    let needs_report = format.includes(Format::Md) || format.includes(Format::Html);
    if needs_report {
        let doc = report::report(&ctx);
        if format.includes(Format::Md) {
            add("rapport.md", markdown::render(&doc).into_bytes());
        }
        if format.includes(Format::Html) {
            add("rapport.html", html::render(&doc).into_bytes());
        }
    }
    if format.includes(Format::Csv) {
        let received = tables::received(&ctx);
        for sheet in [
            tables::proposals(&ctx),
            tables::ballots(&ctx, opts),
            tables::results(&ctx, opts),
            tables::sheets(&ctx, opts),
        ]
        .into_iter()
        .chain(received)
        {
            add(sheet.file, tables::write(&sheet, opts.csv)?);
        }
    }
    if format.includes(Format::Sheets) {
        add(
            "fiches.md",
            markdown::render(&report::sheets_document(&ctx)).into_bytes(),
        );
        for sheet in w.sheets() {
            let sheet = &ctx.names.sheet(sheet);
            let text = sheets::to_toml(sheet, w)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
            add(
                &format!("fiches/{}", sheets::file_name(sheet)),
                text.into_bytes(),
            );
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
pub(crate) mod tests;

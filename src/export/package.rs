//! The last step of a Word file: what docx-rs cannot say, said in its
//! package. Every part is deflated (docx-rs stores them: 871 KB where
//! 62 KB do), the header row of each data table repeats on every page
//! (`w:tblHeader`), the default language is the document's (`w:lang`), and
//! the document properties carry the title, the author, the language and
//! the workshop's date, escaped (docx-rs leaves them unescaped).

use super::document::Properties;
use std::io::{self, Cursor, Read, Write};

/// docx-rs's mark on the header rows `docx::table` makes: a minimum height
/// of zero, which nothing else asks for.
const HEADER_ROW_MARK: &str = r#"<w:trHeight w:val="0" w:hRule="atLeast" />"#;

pub fn finish(packed: &[u8], props: &Properties) -> io::Result<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(packed)).map_err(io::Error::other)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(packed.len() / 8)));
    // Level 6 is zlib's own default; fixed times keep the bytes the same.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(zip::DateTime::default());
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(io::Error::other)?;
        let name = part.name().map_err(io::Error::other)?.to_string();
        let mut bytes = Vec::with_capacity(part.size() as usize);
        part.read_to_end(&mut bytes)?;
        let bytes = match name.as_str() {
            "word/document.xml" => repeat_header_rows(&bytes),
            "word/styles.xml" => with_language(&bytes, props.language),
            "docProps/core.xml" => core(props).into_bytes(),
            _ => bytes,
        };
        out.start_file(name, options).map_err(io::Error::other)?;
        out.write_all(&bytes)?;
    }
    Ok(out.finish().map_err(io::Error::other)?.into_inner())
}

fn repeat_header_rows(xml: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(xml);
    let repeated = format!("{HEADER_ROW_MARK}<w:tblHeader />");
    text.replace(HEADER_ROW_MARK, &repeated).into_bytes()
}

/// The language every run has unless it says otherwise.
fn with_language(xml: &[u8], language: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(xml);
    let lang = format!(r#"<w:lang w:val="{language}" w:eastAsia="{language}" />"#);
    match text.find("<w:rPrDefault><w:rPr>") {
        Some(at) => {
            let at = at + "<w:rPrDefault><w:rPr>".len();
            format!("{}{lang}{}", &text[..at], &text[at..]).into_bytes()
        }
        None => text.into_owned().into_bytes(),
    }
}

fn escape(text: &str) -> String {
    super::html::escape(text)
}

/// The document properties, as Word and LibreOffice read them.
fn core(props: &Properties) -> String {
    let date = props
        .date
        .as_ref()
        .map(|d| format!("{d}T00:00:00Z"))
        .unwrap_or_else(|| "2024-01-01T00:00:00Z".to_string());
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            r#"<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator>"#,
            r#"<cp:lastModifiedBy>{author}</cp:lastModifiedBy><dc:language>{language}</dc:language>"#,
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified>"#,
            r#"<cp:revision>1</cp:revision></cp:coreProperties>"#
        ),
        title = escape(&crate::domain::text::neutralise(&props.title)),
        author = escape(&crate::domain::text::neutralise(&props.author)),
        language = props.language,
        date = date,
    )
}

//! The one XML writer of the office files (Word, OpenDocument text and
//! spreadsheet): quick-xml escapes every text and attribute, and every
//! text goes through the exports' `neutralise` first, so a control
//! character typed in the room can neither break the XML nor hide in it.
//! No markup is ever made by joining strings.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::io::{self, Cursor, Write};

pub struct Xml {
    out: Writer<Vec<u8>>,
}

/// Writing into memory cannot fail: quick-xml's `io::Result` from a
/// `Vec` is always `Ok`.
fn infallible(result: io::Result<()>) {
    debug_assert!(result.is_ok());
}

impl Xml {
    /// A document with its `<?xml …?>` declaration, `capacity` bytes ready.
    pub fn new(capacity: usize) -> Xml {
        let mut out = Writer::new(Vec::with_capacity(capacity));
        infallible(out.write_event(Event::Decl(BytesDecl::new(
            "1.0",
            Some("UTF-8"),
            Some("yes"),
        ))));
        Xml { out }
    }

    fn start(name: &str, attrs: &[(&str, &str)]) -> BytesStart<'static> {
        let mut start = BytesStart::new(name.to_string());
        for attr in attrs {
            start.push_attribute(*attr);
        }
        start
    }

    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Xml {
        infallible(self.out.write_event(Event::Start(Xml::start(name, attrs))));
        self
    }

    pub fn close(&mut self, name: &str) -> &mut Xml {
        infallible(self.out.write_event(Event::End(BytesEnd::new(name))));
        self
    }

    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Xml {
        infallible(self.out.write_event(Event::Empty(Xml::start(name, attrs))));
        self
    }

    /// Text as every export shows it: control and bidi characters as
    /// visible symbols.
    pub fn text(&mut self, text: &str) -> &mut Xml {
        let shown = crate::domain::text::neutralise(text);
        // The two characters XML 1.0 refuses that are not controls.
        let shown = if shown.contains(['\u{FFFE}', '\u{FFFF}']) {
            shown.replace(['\u{FFFE}', '\u{FFFF}'], "\u{FFFD}").into()
        } else {
            shown
        };
        infallible(self.out.write_event(Event::Text(BytesText::new(&shown))));
        self
    }

    /// `<name attrs>text</name>`.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> &mut Xml {
        self.open(name, attrs).text(text).close(name)
    }

    pub fn finish(self) -> Vec<u8> {
        self.out.into_inner()
    }
}

/// One part of a zipped package.
pub struct Part {
    pub name: &'static str,
    pub bytes: Vec<u8>,
}

impl Part {
    pub fn new(name: &'static str, bytes: Vec<u8>) -> Part {
        Part { name, bytes }
    }
}

/// The parts as a zip package, deflated, with fixed times so the same
/// document gives the same bytes. `stored_first` is written first and
/// uncompressed, as OpenDocument wants its `mimetype`.
pub fn package(stored_first: Option<Part>, parts: Vec<Part>) -> io::Result<Vec<u8>> {
    let size: usize = parts.iter().map(|p| p.bytes.len()).sum();
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(size / 6 + 1024)));
    let fixed =
        zip::write::SimpleFileOptions::default().last_modified_time(zip::DateTime::default());
    if let Some(part) = stored_first {
        let stored = fixed.compression_method(zip::CompressionMethod::Stored);
        zip.start_file(part.name, stored)
            .map_err(io::Error::other)?;
        zip.write_all(&part.bytes)?;
    }
    // Level 6 is zlib's own default.
    let deflated = fixed
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6));
    for part in parts {
        zip.start_file(part.name, deflated)
            .map_err(io::Error::other)?;
        zip.write_all(&part.bytes)?;
    }
    Ok(zip.finish().map_err(io::Error::other)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped_and_control_characters_shown() {
        let mut x = Xml::new(64);
        x.open("a", &[("v", "\"<&>'")])
            .text("x < y & \u{1b}]0;title\u{7}")
            .close("a");
        let xml = String::from_utf8(x.finish()).unwrap();
        let doc = roxmltree::Document::parse(&xml).expect("well-formed");
        let a = doc.root_element();
        assert_eq!(a.attribute("v"), Some("\"<&>'"));
        let text = a.text().unwrap();
        assert!(text.starts_with("x < y & "));
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
    }
}

//! The one XML writer of the office files (Word, OpenDocument text and
//! spreadsheet): quick-xml escapes every text and attribute, and every
//! text goes through the exports' `neutralise` first, so a control
//! character typed in the room can neither break the XML nor hide in it.
//! No markup is ever made by joining strings.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::io::{self, Cursor, Write};

pub struct Xml<'a> {
    out: Writer<Sink<'a>>,
    /// One start tag, its buffer reused for every element: a large
    /// report has hundreds of thousands of them.
    tag: BytesStart<'static>,
    /// The first write that failed (a stream into a package); later
    /// writes are skipped and `finish` reports it.
    failed: Option<io::Error>,
}

/// Where the XML goes: memory, or straight into a package's part (a
/// 10,000-proposal report is never held uncompressed).
enum Sink<'a> {
    Memory(Vec<u8>),
    Stream(io::BufWriter<&'a mut dyn Write>),
}

impl Write for Sink<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Memory(v) => v.write(buf),
            Sink::Stream(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Sink::Memory(v) => {
                v.extend_from_slice(buf);
                Ok(())
            }
            Sink::Stream(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Memory(_) => Ok(()),
            Sink::Stream(w) => w.flush(),
        }
    }
}

impl<'a> Xml<'a> {
    /// A document in memory with its `<?xml …?>` declaration, `capacity`
    /// bytes ready.
    pub fn new(capacity: usize) -> Xml<'static> {
        Xml::into_sink(Sink::Memory(Vec::with_capacity(capacity)))
    }

    /// A document written as it goes into `out`.
    pub fn stream(out: &'a mut dyn Write) -> Xml<'a> {
        Xml::into_sink(Sink::Stream(io::BufWriter::with_capacity(64 * 1024, out)))
    }

    fn into_sink(sink: Sink<'a>) -> Xml<'a> {
        let mut x = Xml {
            out: Writer::new(sink),
            tag: BytesStart::from_content(String::with_capacity(256), 0),
            failed: None,
        };
        x.write(Event::Decl(BytesDecl::new(
            "1.0",
            Some("UTF-8"),
            Some("yes"),
        )));
        x
    }

    fn write(&mut self, event: Event) {
        if self.failed.is_none()
            && let Err(e) = self.out.write_event(event)
        {
            self.failed = Some(e);
        }
    }

    /// The bytes of a document in memory (none for a stream, whose
    /// buffer is flushed), or the first error.
    pub fn end(self) -> io::Result<Vec<u8>> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        match self.out.into_inner() {
            Sink::Memory(v) => Ok(v),
            Sink::Stream(mut w) => w.flush().map(|()| Vec::new()),
        }
    }

    /// The bytes of a document in memory.
    pub fn finish(self) -> Vec<u8> {
        // Memory never fails; a stream's failure is `end`'s to report.
        self.end().unwrap_or_default()
    }

    /// The start tag `name attrs`, in the reused buffer.
    fn start<'t>(
        tag: &'t mut BytesStart<'static>,
        name: &str,
        attrs: &[(&str, &str)],
    ) -> BytesStart<'t> {
        tag.clear_attributes();
        tag.set_name(name);
        for attr in attrs {
            tag.push_attribute(*attr);
        }
        tag.borrow()
    }

    /// `<name attrs>`, or `<name attrs/>` when `empty`.
    fn tag(&mut self, name: &str, attrs: &[(&str, &str)], empty: bool) -> &mut Self {
        if self.failed.is_none() {
            let start = Xml::start(&mut self.tag, name, attrs);
            let event = if empty {
                Event::Empty(start)
            } else {
                Event::Start(start)
            };
            if let Err(e) = self.out.write_event(event) {
                self.failed = Some(e);
            }
        }
        self
    }

    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.tag(name, attrs, false)
    }

    pub fn close(&mut self, name: &str) -> &mut Self {
        self.write(Event::End(BytesEnd::new(name)));
        self
    }

    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.tag(name, attrs, true)
    }

    /// Text as every export shows it: control and bidi characters as
    /// visible symbols.
    pub fn text(&mut self, text: &str) -> &mut Self {
        let shown = crate::domain::text::neutralise(text);
        // The two characters XML 1.0 refuses that are not controls.
        let shown = if shown.contains(['\u{FFFE}', '\u{FFFF}']) {
            shown.replace(['\u{FFFE}', '\u{FFFF}'], "\u{FFFD}").into()
        } else {
            shown
        };
        self.write(Event::Text(BytesText::new(&shown)));
        self
    }

    /// `<name attrs>text</name>`.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> &mut Self {
        self.open(name, attrs).text(text).close(name)
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

/// A zip package being written, in memory: deflated parts, fixed times
/// so the same document gives the same bytes.
pub struct Package {
    zip: zip::ZipWriter<Cursor<Vec<u8>>>,
}

impl Package {
    /// `stored_first` is written first and uncompressed, as OpenDocument
    /// wants its `mimetype`.
    pub fn new(stored_first: Option<Part>) -> io::Result<Package> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(64 * 1024)));
        if let Some(part) = stored_first {
            let stored = fixed().compression_method(zip::CompressionMethod::Stored);
            zip.start_file(part.name, stored)
                .map_err(io::Error::other)?;
            zip.write_all(&part.bytes)?;
        }
        Ok(Package { zip })
    }

    pub fn add(&mut self, part: Part) -> io::Result<()> {
        self.zip
            .start_file(part.name, deflated())
            .map_err(io::Error::other)?;
        self.zip.write_all(&part.bytes)
    }

    pub fn add_all(&mut self, parts: Vec<Part>) -> io::Result<()> {
        parts.into_iter().try_for_each(|p| self.add(p))
    }

    /// A part written by `write` straight into the package.
    pub fn stream(&mut self, name: &'static str, write: impl FnOnce(&mut Xml)) -> io::Result<()> {
        self.zip
            .start_file(name, deflated())
            .map_err(io::Error::other)?;
        let mut x = Xml::stream(&mut self.zip);
        write(&mut x);
        x.end().map(drop)
    }

    pub fn finish(self) -> io::Result<Vec<u8>> {
        Ok(self.zip.finish().map_err(io::Error::other)?.into_inner())
    }
}

fn fixed() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default().last_modified_time(zip::DateTime::default())
}

/// Level 1: a tenth larger than zlib's default 6, in a third of the
/// time (a 2,000-proposal report's document.xml is megabytes).
fn deflated() -> zip::write::SimpleFileOptions {
    fixed()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
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

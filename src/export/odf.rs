//! What the two OpenDocument files (.odt, .ods) share: the package
//! (`mimetype` first and stored, the manifest), the metadata, the
//! namespaces, the font, and text written so ODF keeps it as typed
//! (runs of spaces, tabs and line breaks are elements in ODF, or they
//! collapse into one space).

use super::document::Properties;
use super::xml::{Package, Part, Xml};
use std::io;

pub const VERSION: &str = "1.3";

/// The namespaces every part declares.
pub const NAMESPACES: [(&str, &str); 11] = [
    (
        "xmlns:office",
        "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    ),
    (
        "xmlns:style",
        "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    ),
    (
        "xmlns:text",
        "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    ),
    (
        "xmlns:table",
        "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    ),
    (
        "xmlns:fo",
        "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    ),
    (
        "xmlns:svg",
        "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    ),
    (
        "xmlns:number",
        "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0",
    ),
    (
        "xmlns:meta",
        "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    ),
    ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
    (
        "xmlns:config",
        "urn:oasis:names:tc:opendocument:xmlns:config:1.0",
    ),
    ("xmlns:xlink", "http://www.w3.org/1999/xlink"),
];

/// `name` opened with every namespace and the ODF version.
pub fn open_root(x: &mut Xml, name: &str) {
    let mut attrs: Vec<(&str, &str)> = NAMESPACES.to_vec();
    attrs.push(("office:version", VERSION));
    x.open(name, &attrs);
}

pub const FONT: &str = "Arial";

pub fn font_faces(x: &mut Xml) {
    x.open("office:font-face-decls", &[]);
    x.empty(
        "style:font-face",
        &[
            ("style:name", FONT),
            ("svg:font-family", FONT),
            ("style:font-family-generic", "swiss"),
            ("style:font-pitch", "variable"),
        ],
    );
    x.close("office:font-face-decls");
}

/// `fr-FR` → (`fr`, `FR`).
pub fn language(props: &Properties) -> (&'static str, &'static str) {
    props.language.split_once('-').unwrap_or(("fr", "FR"))
}

/// The text properties of the default style: the font and the language.
pub fn default_text(x: &mut Xml, props: &Properties, size: &str) {
    let (lang, country) = language(props);
    x.empty(
        "style:text-properties",
        &[
            ("style:font-name", FONT),
            ("fo:font-size", size),
            ("fo:language", lang),
            ("fo:country", country),
            ("style:font-size-asian", size),
            ("style:font-size-complex", size),
        ],
    );
}

/// The title, the author, the language and the workshop's date.
fn meta(props: &Properties) -> Vec<u8> {
    let date = props.date.as_ref().map_or_else(
        || "2024-01-01T00:00:00".to_string(),
        |d| format!("{d}T00:00:00"),
    );
    let mut x = Xml::new(1024);
    open_root(&mut x, "office:document-meta");
    x.open("office:meta", &[]);
    x.leaf("meta:generator", &[], "atelier");
    x.leaf("dc:title", &[], &props.title);
    if !props.author.is_empty() {
        x.leaf("meta:initial-creator", &[], &props.author);
        x.leaf("dc:creator", &[], &props.author);
    }
    x.leaf("dc:language", &[], props.language);
    x.leaf("meta:creation-date", &[], &date);
    x.leaf("dc:date", &[], &date);
    x.close("office:meta");
    x.close("office:document-meta");
    x.finish()
}

fn manifest(media_type: &str, parts: &[&str]) -> Vec<u8> {
    let mut x = Xml::new(1024);
    x.open(
        "manifest:manifest",
        &[
            (
                "xmlns:manifest",
                "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
            ),
            ("manifest:version", VERSION),
        ],
    );
    x.empty(
        "manifest:file-entry",
        &[
            ("manifest:full-path", "/"),
            ("manifest:version", VERSION),
            ("manifest:media-type", media_type),
        ],
    );
    for part in parts {
        x.empty(
            "manifest:file-entry",
            &[
                ("manifest:full-path", part),
                ("manifest:media-type", "text/xml"),
            ],
        );
    }
    x.close("manifest:manifest");
    x.finish()
}

/// The package: `mimetype` (stored, first), the manifest, `meta.xml`,
/// `content.xml` written by `content` straight into it, and the
/// document's other parts.
pub fn package_odf(
    media_type: &str,
    props: &Properties,
    content: impl FnOnce(&mut Xml),
    parts: Vec<Part>,
) -> io::Result<Vec<u8>> {
    let mut names: Vec<&str> = parts.iter().map(|p| p.name).collect();
    names.extend(["content.xml", "meta.xml"]);
    let mimetype = Part::new("mimetype", media_type.as_bytes().to_vec());
    let mut package = Package::new(Some(mimetype))?;
    package.add(Part::new(
        "META-INF/manifest.xml",
        manifest(media_type, &names),
    ))?;
    package.add(Part::new("meta.xml", meta(props)))?;
    package.stream("content.xml", content)?;
    package.add_all(parts)?;
    package.finish()
}

/// Text inside a `<text:p>` or `<text:span>`, kept as typed: a second
/// space (or one at the start) as `<text:s/>`, a tab as `<text:tab/>`, a
/// line break as `<text:line-break/>`.
pub fn text(x: &mut Xml, text: &str) {
    let mut plain = String::new();
    let mut spaces = 0usize;
    let mut after_space = true;
    let flush = |x: &mut Xml, plain: &mut String, spaces: &mut usize| {
        if !plain.is_empty() {
            x.text(plain);
            plain.clear();
        }
        if *spaces > 0 {
            let count = spaces.to_string();
            x.empty("text:s", &[("text:c", &count)]);
            *spaces = 0;
        }
    };
    for c in text.chars() {
        match c {
            ' ' if !after_space => {
                plain.push(' ');
                after_space = true;
            }
            ' ' => {
                if !plain.is_empty() {
                    x.text(&plain);
                    plain.clear();
                }
                spaces += 1;
            }
            '\t' | '\n' => {
                flush(x, &mut plain, &mut spaces);
                x.empty(
                    if c == '\t' {
                        "text:tab"
                    } else {
                        "text:line-break"
                    },
                    &[],
                );
                after_space = true;
            }
            '\r' => {}
            c => {
                if spaces > 0 {
                    flush(x, &mut plain, &mut spaces);
                }
                plain.push(c);
                after_space = false;
            }
        }
    }
    flush(x, &mut plain, &mut spaces);
}

/// A page layout's header and footer: at least `min_height` tall, `gap`
/// from the page's text.
pub fn header_footer_styles(x: &mut Xml, min_height: &str, gap: &str) {
    for (part, margin) in [
        ("style:header-style", "fo:margin-bottom"),
        ("style:footer-style", "fo:margin-top"),
    ] {
        x.open(part, &[]);
        x.empty(
            "style:header-footer-properties",
            &[("fo:min-height", min_height), (margin, gap)],
        );
        x.close(part);
    }
}

/// Twips as points, the unit ODF lengths are written in here.
pub fn points(twips: usize) -> String {
    format!("{}.{:02}pt", twips / 20, twips % 20 * 5)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What LibreOffice reads back from the paragraph: `text:s` as that
    /// many spaces, tabs and breaks as themselves, other whitespace
    /// collapsed as ODF says.
    fn read_back(xml: &str) -> String {
        let doc = roxmltree::Document::parse(xml).unwrap();
        let mut out = String::new();
        for n in doc.root_element().children() {
            match n.tag_name().name() {
                "s" => out.push_str(&" ".repeat(n.attribute("c").unwrap().parse().unwrap())),
                "tab" => out.push('\t'),
                "line-break" => out.push('\n'),
                _ => out.push_str(n.text().unwrap_or_default()),
            }
        }
        out
    }

    #[test]
    fn spaces_tabs_and_line_breaks_are_kept_as_typed() {
        for typed in [
            "  deux espaces devant",
            "a  b   c ",
            "tab\tici\nligne suivante",
            "3 500 €",
            "",
        ] {
            let mut x = Xml::new(64);
            x.open("p", &[("xmlns:text", "t")]);
            text(&mut x, typed);
            x.close("p");
            let xml = String::from_utf8(x.finish()).unwrap();
            // No two spaces side by side in the XML: ODF would merge them.
            assert!(!xml.contains("  "), "{xml}");
            assert!(!xml.contains("> "), "a space after a tag is dropped: {xml}");
            assert_eq!(read_back(&xml), typed, "{xml}");
        }
    }
}

//! The page of personal codes, to print and cut: one card per participant
//! with their name, their code in big letters and, when phone voting is on,
//! a QR code that opens the vote with the code filled in. Self-contained
//! HTML, no script; the QR codes are inline SVG.

use super::html::escape;
use crate::domain::Workshop;
use crate::i18n::Lang;
use std::fmt::Write;

/// A QR code of `text` as an SVG square, black on white with its quiet
/// zone; `None` when the text is too long for one.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let n = code.width();
    let quiet = 4;
    let size = n + 2 * quiet;
    let mut path = String::new();
    for (i, c) in code.to_colors().iter().enumerate() {
        if *c == qrcode::Color::Dark {
            let _ = write!(path, "M{},{}h1v1h-1z", i % n + quiet, i / n + quiet);
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"160\" height=\"160\" \
shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

/// The page, in `lang`; `url` is the round's address while phones vote.
pub fn page(w: &Workshop, lang: Lang, url: Option<&str>) -> String {
    let title = lang.tf("codes.title", &[("title", &w.details().title)]);
    let mut out = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>\
body{{font-family:system-ui,sans-serif;margin:1cm}}\
.cards{{display:grid;grid-template-columns:repeat(auto-fill,minmax(8cm,1fr));gap:.5cm}}\
.card{{border:1px dashed #555;padding:.5cm;break-inside:avoid}}\
.name{{font-size:1.2em;font-weight:700}}.code{{font:700 2.2em monospace;letter-spacing:.15em;margin:.2em 0}}\
</style></head><body><h1>{}</h1><p>{}</p><div class=\"cards\">",
        lang.code(),
        escape(&title),
        escape(&title),
        escape(lang.t("codes.how")),
    );
    for p in w.participants() {
        let Some(code) = &p.code else { continue };
        let _ = write!(
            out,
            "<div class=\"card\"><div class=\"name\">{}</div><div>{}</div><div class=\"code\">{}</div>",
            escape(&p.name),
            escape(&p.organisation),
            escape(code)
        );
        if let Some(svg) = url.and_then(|u| qr_svg(&format!("{u}?p={code}"))) {
            out.push_str(&svg);
        }
        out.push_str("</div>");
    }
    out.push_str("</div></body></html>");
    out
}

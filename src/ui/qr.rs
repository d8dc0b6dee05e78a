//! A QR code drawn with half blocks, two modules per cell, always black on
//! white with its quiet zone: on a dark terminal the default colours would
//! invert it, and phones do not read an inverted or borderless code.

use crate::app::cx::Cx;
use crate::app::doc::Doc;
use crate::app::phones::Phones;
use crate::domain::Sheet;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};

const DARK: Color = Color::Indexed(16);
const LIGHT: Color = Color::Indexed(231);
const QUIET: usize = 4;

/// The lines of `text`'s QR code, and its width in cells.
pub fn lines(text: &str) -> Option<(Vec<Line<'static>>, u16)> {
    let code =
        qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::L).ok()?;
    let n = code.width();
    let colors = code.to_colors();
    let size = n + 2 * QUIET;
    let dark = |x: usize, y: usize| -> bool {
        x >= QUIET
            && y >= QUIET
            && x < n + QUIET
            && y < n + QUIET
            && colors[(y - QUIET) * n + (x - QUIET)] == qrcode::Color::Dark
    };
    let color = |d: bool| if d { DARK } else { LIGHT };
    let lines = (0..size.div_ceil(2))
        .map(|row| {
            let spans: Vec<Span> = (0..size)
                .map(|x| {
                    let top = dark(x, row * 2);
                    let bottom = row * 2 + 1 < size && dark(x, row * 2 + 1);
                    Span::styled("▀", Style::new().fg(color(top)).bg(color(bottom)))
                })
                .collect();
            Line::from(spans)
        })
        .collect();
    Some((lines, size as u16))
}

/// A fiche's QR code and its caption (its id and code), to fit `area`;
/// empty while its page is not open or when the code does not fit.
pub fn fiche_lines(phones: &Phones, sheet: &Sheet, cx: &Cx, area: Rect) -> Vec<Line<'static>> {
    let (Some(url), Some(d)) = (phones.fiche_url(sheet), sheet.drafting.as_ref()) else {
        return Vec::new();
    };
    let caption = cx
        .lang
        .tf("sheet.fiche_qr", &[("id", &sheet.id), ("code", &d.code)]);
    let caption = super::widgets::wrap(&caption, area.width.saturating_sub(1) as usize);
    // In capitals the code holds the address in fewer modules (its
    // alphanumeric mode): a smaller square, read the same by the phone.
    let Some((q, _)) = lines(&url.to_ascii_uppercase())
        .filter(|(q, w)| *w <= area.width && q.len() + caption.len() <= area.height as usize)
    else {
        return Vec::new();
    };
    let style = cx.theme.accent();
    q.into_iter()
        .chain(
            caption
                .into_iter()
                .map(|l| Line::from(Span::styled(format!(" {l}"), style))),
        )
        .collect()
}

/// How phones join, to fit `area`: the QR code when there is room, the
/// address and the join code. Empty while phones do not take part.
pub fn join_lines(phones: &Phones, doc: &Doc, cx: &Cx, area: Rect) -> Vec<Line<'static>> {
    let Some(url) = phones.url(&doc.w) else {
        return Vec::new();
    };
    let t = &cx.theme;
    let mut out = Vec::new();
    if let Some((q, w)) =
        lines(&url).filter(|(q, w)| *w <= area.width && q.len() + 2 <= area.height as usize)
    {
        let _ = w;
        out.extend(q);
    }
    out.push(Line::from(Span::styled(format!(" {url}"), t.title())));
    if let Some(code) = doc.w.join() {
        out.push(Line::from(Span::styled(
            format!(" {}", cx.lang.tf("phones.code", &[("code", &code)])),
            t.accent(),
        )));
    }
    if phones.nobody_came(cx.instant) {
        for l in super::widgets::wrap(
            cx.t("phones.nobody_came"),
            area.width.saturating_sub(2) as usize,
        ) {
            out.push(Line::from(Span::styled(format!(" {l}"), t.warn())));
        }
    }
    out
}

//! Small drawing helpers shared by the screens.

use super::theme::Theme;
use crate::domain::judgment::{GRADE_KEYS, Merit};
use crate::domain::{AxisKey, Workshop};
use ratatui::layout::Rect;
use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Text safe to put in a cell: no control characters (tabs become spaces).
pub fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .filter(|c| !c.is_control() || *c == '\n')
        .collect()
}

/// One line for a list row: line breaks shown as " ⏎ ".
pub fn one_line(text: &str) -> String {
    clean(text)
        .split('\n')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ⏎ ")
}

pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cuts `text` to `max` columns, ending with "…" when cut. Counts
/// graphemes by display width, so emoji and combining accents are safe.
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = width(g);
        if used + w + 1 > max {
            break;
        }
        out.push_str(g);
        used += w;
    }
    // "mot …" reads as a cut; "mot…" as the same word going on.
    let mut out = out.trim_end().to_string();
    out.push('…');
    out
}

/// The end of `text` in `max` columns, starting with "…" when cut: what is
/// being typed shows its newest words.
pub fn tail(text: &str, max: usize) -> String {
    if width(text) <= max {
        return clean(text);
    }
    let mut kept: Vec<&str> = Vec::new();
    let mut used = 1;
    for g in text.graphemes(true).rev() {
        let w = width(g);
        if used + w > max {
            break;
        }
        kept.push(g);
        used += w;
    }
    kept.reverse();
    clean(&format!("…{}", kept.concat()))
}

/// Fits a message to `max` columns, shortening the paths in it from the
/// start first (`…/pays-de-morlaix/export/rapport.md`): the end of a path
/// is what says which file. Cut with "…" only if that is not enough.
pub fn fit_paths(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    let mut words: Vec<String> = text.split(' ').map(str::to_string).collect();
    // Longest paths first, one leading component at a time.
    loop {
        if width(&words.join(" ")) <= max {
            break;
        }
        let Some(at) = words
            .iter()
            .enumerate()
            .filter(|(_, w)| w.matches('/').count() > 1)
            .max_by_key(|(_, w)| width(w))
            .map(|(i, _)| i)
        else {
            break;
        };
        let word = &words[at];
        let rest = word.trim_start_matches('…').trim_start_matches('/');
        let Some((_, tail)) = rest.split_once('/') else {
            break;
        };
        words[at] = format!("…/{tail}");
    }
    truncate(&words.join(" "), max)
}

/// Pads or cuts to exactly `w` columns.
pub fn fit(text: &str, w: usize) -> String {
    let t = truncate(text, w);
    let pad = w.saturating_sub(width(&t));
    format!("{t}{}", " ".repeat(pad))
}

/// An axis badge: ` 2 Emploi ` in the axis colour, or ` 2 ` when `short`.
pub fn badge<'a>(w: &Workshop, key: AxisKey, short: bool, theme: &Theme) -> Span<'a> {
    match w.axis(key) {
        Some(a) if short => Span::styled(format!("[{}]", a.key), theme.badge(a.color)),
        Some(a) => Span::styled(format!("[{} {}]", a.key, a.short), theme.badge(a.color)),
        None => Span::styled(format!("[{key}?]"), theme.error()),
    }
}

/// Lays `items` out on lines of `max` columns, `sep` between them, breaking
/// only between items (an item longer than a line is wrapped on its own).
pub fn pack(items: &[String], sep: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for item in items {
        let joined = width(&line) + width(sep) + width(item);
        if !line.is_empty() && joined <= max {
            line.push_str(sep);
            line.push_str(item);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if width(item) <= max {
            line.clone_from(item);
        } else {
            lines.extend(wrap(item, max));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A sheet's axis badge; a sheet without one says it is to complete.
pub fn sheet_badge<'a>(
    w: &Workshop,
    key: Option<AxisKey>,
    short: bool,
    theme: &Theme,
    to_complete: &str,
) -> Span<'a> {
    match key {
        Some(k) => badge(w, k, short, theme),
        None if short => Span::styled("[?]", theme.warn()),
        None => Span::styled(format!("[? {to_complete}]"), theme.warn()),
    }
}

/// A rectangle of `w`×`h` centred in `area` (clamped to it).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_path_in_a_message_keeps_its_end() {
        let msg =
            "10 fichiers écrits dans /home/camille/Documents/concertations/pays-de-morlaix/export";
        let fitted = fit_paths(msg, 60);
        assert_eq!(fitted, "10 fichiers écrits dans …/pays-de-morlaix/export");
        assert!(width(&fitted) <= 60);
        assert_eq!(fit_paths("court", 60), "court");
        // No path to shorten: cut as usual.
        assert_eq!(fit_paths("un deux trois quatre", 10), "un deux t…");
    }

    #[test]
    fn truncation_respects_wide_and_combining_characters() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
        assert_eq!(truncate("🤝🤝🤝", 4), "🤝…");
        assert_eq!(truncate("ne\u{301}e ne\u{301}e", 5), "ne\u{301}e…");
        assert!(width(&truncate("Référent unique 🤝 pour tous", 10)) <= 10);
        assert_eq!(truncate("x", 0), "");
    }

    #[test]
    fn rows_show_line_breaks_and_no_control_characters() {
        assert_eq!(one_line("a\nb\tc\x1b"), "a ⏎ b c");
        assert_eq!(fit("ab", 4), "ab  ");
    }
}

/// The words of a line, each with the spaces before it: a line breaks
/// only at spaces, never before punctuation, and French guillemets stay
/// with the word they open or close (`« oui »`).
fn words(para: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut space = String::new();
    let mut word = String::new();
    for c in para.chars() {
        if c == ' ' {
            if !word.is_empty() {
                out.push((std::mem::take(&mut space), std::mem::take(&mut word)));
            }
            space.push(c);
        } else {
            word.push(c);
        }
    }
    if !word.is_empty() || !space.is_empty() {
        out.push((space, word));
    }
    // Glue « to the next word and » (and : ; ! ? and units such as € and %)
    // to the previous one, as French non-breaking spaces would.
    let mut glued: Vec<(String, String)> = Vec::new();
    for (space, word) in out {
        let attach_back =
            matches!(word.as_str(), ":" | ";" | "!" | "?") || word.starts_with(['»', '€', '%']);
        match glued.last_mut() {
            Some(last) if attach_back || last.1 == "«" => {
                last.1.push_str(&space);
                last.1.push_str(&word);
            }
            _ => glued.push((space, word)),
        }
    }
    glued
}

/// Word-wraps `text` to `max` columns; a word longer than a line is split.
/// Line breaks in the text are kept.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut out = Vec::new();
    for para in clean(text).split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for (space, word) in words(para) {
            let ww = width(&word);
            let sw = if line.is_empty() { 0 } else { width(&space) };
            if used + sw + ww > max && !line.is_empty() {
                out.push(std::mem::take(&mut line));
                used = 0;
            } else if !line.is_empty() {
                line.push_str(&space);
                used += sw;
            }
            if ww > max {
                for g in word.graphemes(true) {
                    let gw = width(g);
                    if used + gw > max && !line.is_empty() {
                        out.push(std::mem::take(&mut line));
                        used = 0;
                    }
                    line.push_str(g);
                    used += gw;
                }
            } else {
                line.push_str(&word);
                used += ww;
            }
        }
        out.push(line.trim_end().to_string());
    }
    out
}

#[cfg(test)]
mod wrap_tests {
    use super::*;

    #[test]
    fn wrapping_breaks_at_words_and_splits_long_ones() {
        assert_eq!(wrap("un deux trois", 7), ["un deux", "trois"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\n\nb", 10), ["a", "", "b"]);
        for line in wrap(&"Référent 🤝 unique ".repeat(50), 13) {
            assert!(width(&line) <= 13, "{line}");
        }
        // Punctuation and guillemets never start or end a line alone.
        assert_eq!(
            wrap("des personnes concernées.", 23),
            ["des personnes", "concernées."]
        );
        assert_eq!(
            wrap("la fatigue de « raconter sa vie »", 16),
            ["la fatigue de", "« raconter sa", "vie »"]
        );
        assert_eq!(
            wrap("Délai moyen (jours) : 34", 19),
            ["Délai moyen", "(jours) : 34"]
        );
        assert_eq!(
            wrap("repas à 1 €) partout", 10),
            ["repas à", "1 €)", "partout"]
        );
    }
}

/// `─ 2 Emploi (6) · Amplifier… ──────`: the rule that opens a group of
/// proposals, in the axis' colour; `count` when the group shows it.
pub fn axis_rule(
    w: &Workshop,
    axis: Option<AxisKey>,
    count: Option<usize>,
    untagged: &str,
    cols: usize,
    t: &Theme,
) -> ratatui::text::Line<'static> {
    let n = count.map_or(String::new(), |n| format!(" ({n})"));
    let (label, style) = match axis.and_then(|k| w.axis(k)) {
        Some(a) => (
            format!(" {} {}{n} · {} ", a.key, a.short, a.title),
            t.badge(a.color),
        ),
        None => (format!(" {untagged}{n} "), t.warn()),
    };
    let label = truncate(&label, cols.saturating_sub(2));
    let rule = "─".repeat(cols.saturating_sub(width(&label) + 2));
    ratatui::text::Line::from(vec![
        Span::styled("─ ", t.dim()),
        Span::styled(label, style),
        Span::styled(rule, t.dim()),
    ])
}

/// A majority judgment item's grades as one stacked bar of `bar_w` cells,
/// best grade on the left, each grade's share by largest remainder (so the
/// cells always fill the bar), in the grade's colour; without colour, the
/// grades differ by their glyph.
pub fn merit_bar(theme: &Theme, merit: &Merit, bar_w: usize) -> Vec<Span<'static>> {
    const GLYPHS: [char; 7] = ['█', '▓', '▒', '░', '▒', '▓', '█'];
    let total = merit.total() as usize;
    if total == 0 || bar_w == 0 {
        return vec![Span::raw(" ".repeat(bar_w))];
    }
    let exact: Vec<usize> = merit.counts.iter().map(|n| *n as usize * bar_w).collect();
    let mut cells: Vec<usize> = exact.iter().map(|e| e / total).collect();
    let mut left = bar_w - cells.iter().sum::<usize>();
    let mut order: Vec<usize> = (0..cells.len()).collect();
    order.sort_by_key(|g| std::cmp::Reverse(exact[*g] % total));
    for g in order {
        if left == 0 {
            break;
        }
        if merit.counts[g] > 0 {
            cells[g] += 1;
            left -= 1;
        }
    }
    cells
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(g, n)| {
            let glyph = if theme.colour { '█' } else { GLYPHS[g] };
            Span::styled(glyph.to_string().repeat(*n), theme.grade_bar(g as u8))
        })
        .collect()
}

/// The word of a majority grade, padded to the longest grade's width.
pub fn majority_word(lang: crate::i18n::Lang, merit: &Merit) -> String {
    let words = GRADE_KEYS.map(|k| lang.t(k));
    let w = words.iter().map(|s| width(s)).max().unwrap_or(0);
    let word = merit.majority_grade().map_or("", |g| words[usize::from(g)]);
    fit(word, w)
}

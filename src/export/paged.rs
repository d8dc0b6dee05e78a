//! What the paged office files (Word, OpenDocument text) share: the A4
//! page and the column widths of a table, so that "Rang", "3 000" or
//! "2025" never break in two, in Word or in LibreOffice.

use super::document::Table;

/// Usable width of an A4 page with 2 cm margins, in twentieths of a point.
pub const TEXT_WIDTH: usize = 9638;
/// A table of more columns than this is set in 8 pt (never less), so that
/// each column still holds its longest word on an A4 page (a ranking has
/// nine).
const WIDE_TABLE: usize = 6;
/// A wide table's cells keep 0.1 cm each side, in twips.
pub const NARROW_MARGIN: usize = 57;

/// Whether `t` is set in 8 pt with narrow cell margins.
pub fn small(t: &Table) -> bool {
    t.head.len() > WIDE_TABLE
}

/// Column widths in twips that follow the content: a long label gets
/// room, a year or an amount stays narrow, and no column is narrower than
/// its longest word.
pub fn widths(t: &Table) -> Vec<usize> {
    // About a character of bold Arial (11 pt, or 8 pt in a wide table),
    // and a cell's margins (LibreOffice's and Word's 0.19 cm each side).
    let (char_w, margins) = if small(t) {
        (110, 2 * NARROW_MARGIN + 20)
    } else {
        (140, 216)
    };
    let columns = t.head.len().max(1);
    let cells = |i: usize| {
        t.rows
            .iter()
            .filter_map(move |r| r.get(i))
            .chain(t.head.get(i))
    };
    let longest_word = |i: usize| {
        cells(i)
            .flat_map(|c| c.split([' ', '\n', '-']))
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0)
    };
    let need: Vec<usize> = (0..columns)
        .map(|i| longest_word(i).max(5) * char_w + margins)
        .collect();
    let weight: Vec<usize> = (0..columns)
        .map(|i| {
            let longest = cells(i).map(|c| c.chars().count()).max().unwrap_or(0);
            longest.clamp(6, 40)
        })
        .collect();
    let needed: usize = need.iter().sum();
    if needed >= TEXT_WIDTH {
        return need.iter().map(|n| TEXT_WIDTH * n / needed).collect();
    }
    let spare = TEXT_WIDTH - needed;
    let total: usize = weight.iter().sum();
    need.iter()
        .zip(&weight)
        .map(|(n, w)| n + spare * w / total)
        .collect()
}

/// The share of the page a title block's label column takes, in twips.
pub fn fields_widths() -> (usize, usize) {
    let left = TEXT_WIDTH * 3 / 10;
    (left, TEXT_WIDTH - left)
}

//! Selection and scrolling of a windowed list: only the rows in the window
//! are ever drawn, whatever the length of the list.

use super::keys::command::Command;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListState {
    pub selected: usize,
    /// The first row shown.
    pub offset: usize,
}

impl ListState {
    /// Keeps the selection inside the list and the window around it.
    pub fn fit(&mut self, len: usize, height: usize) {
        let height = height.max(1);
        if len == 0 {
            *self = ListState::default();
            return;
        }
        self.selected = self.selected.min(len - 1);
        if self.selected < self.offset {
            self.offset = self.selected;
        }
        if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        // No blank rows below the end when the list could fill the window.
        self.offset = self.offset.min(len.saturating_sub(height));
    }

    pub fn select(&mut self, index: usize, len: usize, height: usize) {
        self.selected = index;
        self.fit(len, height);
    }

    pub fn move_by(&mut self, delta: isize, len: usize, height: usize) {
        let target = (self.selected as isize + delta).clamp(0, len.saturating_sub(1) as isize);
        self.select(target as usize, len, height);
    }

    /// Moves for a navigation command (arrows, pages, ends). Returns false
    /// when `cmd` is not one.
    pub fn navigate(&mut self, cmd: Command, len: usize, height: usize) -> bool {
        let page = height.max(1) as isize;
        match cmd {
            Command::Up => self.move_by(-1, len, height),
            Command::Down => self.move_by(1, len, height),
            Command::PageUp => self.move_by(-page, len, height),
            Command::PageDown => self.move_by(page, len, height),
            Command::Top => self.select(0, len, height),
            Command::Bottom => self.select(len.saturating_sub(1), len, height),
            _ => return false,
        }
        true
    }

    /// Moves `count` selectable rows (negative: up), skipping the rows
    /// `selectable` refuses (headings, separators); stays put at the ends.
    pub fn step_over(
        &mut self,
        count: isize,
        len: usize,
        height: usize,
        selectable: impl Fn(usize) -> bool,
    ) {
        let first_from = |start: isize, dir: isize| {
            let mut i = start;
            while i >= 0 && (i as usize) < len {
                if selectable(i as usize) {
                    return Some(i as usize);
                }
                i += dir;
            }
            None
        };
        let dir = count.signum();
        let mut at = self.selected.min(len.saturating_sub(1));
        if !selectable(at) {
            at = first_from(at as isize, 1)
                .or_else(|| first_from(at as isize, -1))
                .unwrap_or(0);
        }
        for _ in 0..count.unsigned_abs() {
            match first_from(at as isize + dir, dir) {
                Some(next) => at = next,
                None => break,
            }
        }
        self.select(at, len, height);
        // Keep a heading above the first row of a group in view.
        if self.selected == self.offset + 1 && self.offset > 0 && !selectable(self.offset) {
            self.offset -= 1;
        }
        if self.selected > 0 && (0..self.selected).all(|i| !selectable(i)) {
            self.offset = 0;
        }
    }

    /// The indices of the rows in the window. Never starts past where the
    /// list can fill it, even if the list shrank since the last `fit`.
    pub fn window(&self, len: usize, height: usize) -> std::ops::Range<usize> {
        let start = self.offset.min(len.saturating_sub(height));
        start..(start + height).min(len)
    }

    /// Scrolls the window without moving the selection out of it.
    pub fn scroll(&mut self, delta: isize, len: usize, height: usize) {
        let max = len.saturating_sub(height.max(1));
        self.offset = (self.offset as isize + delta).clamp(0, max as isize) as usize;
        let last = (self.offset + height.max(1)).min(len).saturating_sub(1);
        self.selected = self.selected.clamp(self.offset, last.max(self.offset));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_follows_the_selection() {
        let mut l = ListState::default();
        l.select(25, 100, 10);
        assert_eq!(l.window(100, 10), 16..26);
        l.move_by(-20, 100, 10);
        assert_eq!((l.selected, l.offset), (5, 5));
        l.move_by(1_000, 100, 10);
        assert_eq!((l.selected, l.offset), (99, 90));
        l.fit(3, 10);
        assert_eq!((l.selected, l.offset), (2, 0));
        l.fit(0, 10);
        assert_eq!(l, ListState::default());
    }

    #[test]
    fn stepping_skips_what_cannot_be_selected() {
        // Rows 0 and 4 are headings.
        let selectable = |i: usize| i != 0 && i != 4;
        let mut l = ListState::default();
        l.step_over(1, 8, 10, selectable);
        assert_eq!(
            l.selected, 2,
            "from a heading, the first row, then one down"
        );
        l.step_over(2, 8, 10, selectable);
        assert_eq!(l.selected, 5);
        l.step_over(-1, 8, 10, selectable);
        assert_eq!(l.selected, 3);
        l.step_over(-10, 8, 10, selectable);
        assert_eq!((l.selected, l.offset), (1, 0));
        l.step_over(100, 8, 10, selectable);
        assert_eq!(l.selected, 7);
    }

    #[test]
    fn a_shrunk_list_still_shows_its_rows() {
        let l = ListState {
            selected: 0,
            offset: 40,
        };
        assert_eq!(l.window(1, 10), 0..1);
        assert_eq!(l.window(45, 10), 35..45);
    }

    #[test]
    fn scrolling_keeps_the_selection_visible() {
        let mut l = ListState::default();
        l.scroll(5, 100, 10);
        assert_eq!((l.selected, l.offset), (5, 5));
        l.scroll(-100, 100, 10);
        assert_eq!(l.offset, 0);
    }
}

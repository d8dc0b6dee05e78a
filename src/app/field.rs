//! A text field (one line or several) over `ratatui-textarea`, which does
//! the editing: cursor moves, word deletion, accents and emoji.

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{TextArea, WrapMode};

#[derive(Debug, Clone)]
pub struct Field {
    area: TextArea<'static>,
    multiline: bool,
    /// A value offered (today's date): the first key typed replaces it
    /// rather than going on after it.
    suggested: bool,
}

impl Default for Field {
    fn default() -> Self {
        Field::single("")
    }
}

impl Field {
    pub fn single(text: &str) -> Field {
        Field::make(text, false)
    }

    /// Several lines, wrapped at words: proposals and sheet texts.
    pub fn multi(text: &str) -> Field {
        Field::make(text, true)
    }

    fn make(text: &str, multiline: bool) -> Field {
        let lines: Vec<String> = if multiline {
            text.split('\n').map(str::to_string).collect()
        } else {
            vec![text.replace('\n', " ")]
        };
        let mut area = TextArea::new(lines);
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_cursor_line_style(ratatui::style::Style::default());
        Field {
            area,
            multiline,
            suggested: false,
        }
    }

    /// A one-line field holding a value offered, which typing replaces.
    pub fn suggestion(text: &str) -> Field {
        let mut f = Field::single(text);
        f.suggested = !text.is_empty();
        f
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn is_blank(&self) -> bool {
        self.area.lines().iter().all(|l| l.trim().is_empty())
    }

    pub fn set(&mut self, text: &str) {
        let placeholder = self.area.placeholder_text().to_string();
        *self = Field::make(text, self.multiline);
        self.area.set_placeholder_text(placeholder);
    }

    /// Shown dimmed while the field is empty.
    pub fn set_placeholder(&mut self, text: &str) {
        self.area.set_placeholder_text(text);
    }

    pub fn clear(&mut self) {
        self.set("");
    }

    /// Edits with a key; returns whether the text changed.
    pub fn key(&mut self, key: KeyEvent) -> bool {
        use ratatui::crossterm::event::{KeyCode, KeyModifiers};
        if std::mem::take(&mut self.suggested) {
            let replaces = match key.code {
                KeyCode::Char(_) => !key.modifiers.contains(KeyModifiers::CONTROL),
                KeyCode::Backspace | KeyCode::Delete => true,
                _ => false,
            };
            if replaces {
                self.clear();
                if !matches!(key.code, KeyCode::Char(_)) {
                    return true;
                }
            }
        }
        let before = self.area.lines().to_vec();
        self.area.input(key);
        self.flatten_if_single();
        self.area.lines() != before.as_slice()
    }

    pub fn insert(&mut self, text: &str) {
        if std::mem::take(&mut self.suggested) {
            self.clear();
        }
        let text = if self.multiline {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text.replace(['\r', '\n'], " ")
        };
        self.area.insert_str(text);
    }

    pub fn newline(&mut self) {
        if self.multiline {
            self.area.insert_newline();
        }
    }

    fn flatten_if_single(&mut self) {
        if !self.multiline && self.area.lines().len() > 1 {
            let joined = self.area.lines().join(" ");
            self.set(&joined);
        }
    }

    pub fn line_count(&self) -> usize {
        self.area.lines().len()
    }

    /// The widget to draw, styled by the caller.
    pub fn area(&self) -> &TextArea<'static> {
        &self.area
    }

    pub fn area_mut(&mut self) -> &mut TextArea<'static> {
        &mut self.area
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn typing_accents_and_emoji_keeps_them() {
        let mut f = Field::single("");
        for c in "Référent 🤝 unique".chars() {
            f.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        assert_eq!(f.text(), "Référent 🤝 unique");
        f.key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        assert_eq!(f.text(), "Référent 🤝 uniqu");
    }

    #[test]
    fn typing_replaces_a_suggested_value_and_arrows_keep_it() {
        let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
        let mut f = Field::suggestion("02/12/2026");
        f.key(key(KeyCode::Char('1')));
        f.key(key(KeyCode::Char('4')));
        assert_eq!(f.text(), "14", "the date offered is replaced, not added to");
        let mut f = Field::suggestion("02/12/2026");
        f.key(key(KeyCode::End));
        f.key(key(KeyCode::Backspace));
        assert_eq!(f.text(), "02/12/202", "after an arrow, it is edited");
        let mut f = Field::suggestion("02/12/2026");
        f.key(key(KeyCode::Backspace));
        assert_eq!(f.text(), "");
    }

    #[test]
    fn a_single_line_field_never_holds_a_line_break() {
        let mut f = Field::single("a");
        f.insert("b\nc");
        f.newline();
        f.key(KeyEvent::new(KeyCode::Char('m'), KeyModifiers::CONTROL));
        assert_eq!(f.line_count(), 1);
        assert_eq!(f.text(), "ab c ", "the line break became a space");
        let mut m = Field::multi("a");
        m.newline();
        m.insert("b");
        assert_eq!(m.text(), "a\nb");
    }
}

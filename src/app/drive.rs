//! Driving the app without a terminal, exactly as the event loop does:
//! keys go through the keymap, then `update`. Used by the tests and the
//! benches; `ui::memory` draws what results.

use super::keys::keymap::Keymap;
use super::{Action, App, Clock, SaveMode, keypress, update};
use crate::domain::Stamp;
use crate::i18n::Lang;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;
use std::path::PathBuf;

/// An app on `dir` that saves at once and lives at 10:30 on 14 March 2024,
/// so that what it draws does not depend on timing.
pub fn test_app(dir: PathBuf, lang: Lang, size: Size) -> App {
    let mut app = App::new(lang, Keymap::builtin(), dir, size);
    app.clock = Clock::Fixed(Stamp::from_ymd_hms(2024, 3, 14, 10, 30, 0).expect("a valid time"));
    app.save_mode = SaveMode::Inline;
    crate::app::opening::refresh(&mut app);
    app
}

pub fn press(app: &mut App, key: KeyEvent) -> bool {
    match keypress::translate(app, key) {
        Some(action) => update(app, action),
        None => false,
    }
}

pub fn code(app: &mut App, code: KeyCode) -> bool {
    press(app, KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ctrl(app: &mut App, c: char) -> bool {
    press(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub fn alt(app: &mut App, c: char) -> bool {
    press(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT))
}

/// Types `text` key by key (a line break is Enter).
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        press(app, KeyEvent::new(code, KeyModifiers::NONE));
    }
}

pub fn paste(app: &mut App, text: &str) -> bool {
    update(app, Action::Paste(text.to_string()))
}

pub fn resize(app: &mut App, width: u16, height: u16) {
    update(app, Action::Resize(Size::new(width, height)));
}

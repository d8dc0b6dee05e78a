//! Driving the app without a terminal, exactly as the event loop does:
//! keys go through the keymap, then `update`. Used by the tests and the
//! benches, and drawn on ratatui's `TestBackend`.

use super::keymap::Keymap;
use super::{Action, App, Clock, SaveMode, home, keys, update};
use crate::domain::Stamp;
use crate::i18n::Lang;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;
use std::path::PathBuf;

/// An app on `dir` that saves at once and lives at 10:30 on 14 March 2024,
/// so that what it draws does not depend on timing.
pub fn test_app(dir: PathBuf, lang: Lang, size: Size) -> App {
    let mut app = App::new(lang, Keymap::builtin(), dir, size);
    app.clock = Clock::Fixed(Stamp::from_ymd_hms(2024, 3, 14, 10, 30, 0).expect("a valid time"));
    app.save_mode = SaveMode::Inline;
    home::refresh(&mut app);
    app
}

pub fn press(app: &mut App, key: KeyEvent) -> bool {
    match keys::translate(app, key) {
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

/// A test terminal kept from frame to frame, as the real one is.
pub struct TestScreen {
    terminal: Terminal<TestBackend>,
}

impl TestScreen {
    pub fn new(size: Size) -> TestScreen {
        TestScreen {
            terminal: Terminal::new(TestBackend::new(size.width, size.height))
                .expect("test backend"),
        }
    }

    pub fn draw(&mut self, app: &App) -> &Buffer {
        self.terminal
            .draw(|f| crate::ui::draw(f, app))
            .expect("draw");
        self.terminal.backend().buffer()
    }
}

/// Draws the app at its size.
pub fn render(app: &App) -> Buffer {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size.width, app.size.height)).expect("test backend");
    terminal.draw(|f| crate::ui::draw(f, app)).expect("draw");
    terminal.backend().buffer().clone()
}

/// The screen's backgrounds, one letter per cell: `.` the terminal's own,
/// `W` white, `K` black, `B` blue, `Y` yellow, `a` an axis colour, `?`
/// another. Shows what a theme paints, for snapshots.
pub fn backgrounds(app: &App) -> String {
    use ratatui::style::Color;
    let buf = render(app);
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push(match buf[(x, y)].bg {
                Color::Reset => '.',
                Color::White => 'W',
                Color::Black => 'K',
                Color::Blue | Color::Indexed(24) => 'B',
                Color::Yellow => 'Y',
                Color::Rgb(..) => 'a',
                _ => '?',
            });
        }
        out.push('\n');
    }
    out
}

/// The screen as text, one line per row, without trailing blanks.
pub fn screen(app: &App) -> String {
    let buf = render(app);
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            line.push_str(symbol);
            // A wide character covers the next cell too.
            skip = crate::ui::widgets::width(symbol).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

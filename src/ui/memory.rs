//! Frames drawn in memory, for tests and benches: the screen as text or
//! as its backgrounds, and a test terminal kept from frame to frame.

use crate::app::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Size;

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
        self.terminal.draw(|f| super::draw(f, app)).expect("draw");
        self.terminal.backend().buffer()
    }
}

/// Draws the app at its size.
pub fn render(app: &App) -> Buffer {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size.width, app.size.height)).expect("test backend");
    terminal.draw(|f| super::draw(f, app)).expect("draw");
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
            skip = super::widgets::width(symbol).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

//! Colours and styles. Every axis is also marked by its number, never by
//! colour alone, and `NO_COLOR` keeps selection visible with reverse/bold.

use crate::domain::Rgb;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub name: ThemeName,
    /// False under `NO_COLOR`: styles use only bold, reverse, underline.
    pub colour: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeName {
    Dark,
    Light,
}

impl Theme {
    pub fn dark() -> Theme {
        Theme {
            name: ThemeName::Dark,
            colour: true,
        }
    }

    pub fn light() -> Theme {
        Theme {
            name: ThemeName::Light,
            colour: true,
        }
    }

    /// From the config's `theme` and the `NO_COLOR` convention.
    pub fn choose(name: Option<&str>, no_color: bool) -> Theme {
        let mut t = match name.map(str::trim) {
            Some("light" | "clair") => Theme::light(),
            _ => Theme::dark(),
        };
        t.colour = !no_color;
        t
    }

    fn fg(&self, c: Color) -> Style {
        if self.colour {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }

    pub fn base(&self) -> Style {
        match (self.name, self.colour) {
            (ThemeName::Light, true) => Style::default().fg(Color::Black).bg(Color::White),
            _ => Style::default(),
        }
    }

    pub fn text(&self) -> Style {
        self.base()
    }

    pub fn dim(&self) -> Style {
        match self.name {
            ThemeName::Dark => self.fg(Color::Gray),
            ThemeName::Light => self.fg(Color::DarkGray),
        }
    }

    pub fn accent(&self) -> Style {
        match self.name {
            ThemeName::Dark => self.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            ThemeName::Light => self.fg(Color::Blue).add_modifier(Modifier::BOLD),
        }
    }

    pub fn title(&self) -> Style {
        self.accent()
    }

    pub fn header(&self) -> Style {
        if self.colour {
            match self.name {
                ThemeName::Dark => Style::default().fg(Color::White).bg(Color::Blue),
                ThemeName::Light => Style::default().fg(Color::White).bg(Color::Indexed(24)),
            }
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn tab_active(&self) -> Style {
        if self.colour {
            Style::default()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn marked(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }

    pub fn key(&self) -> Style {
        match self.name {
            ThemeName::Dark => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            ThemeName::Light => self.fg(Color::Blue).add_modifier(Modifier::BOLD),
        }
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn ok(&self) -> Style {
        match self.name {
            ThemeName::Dark => self.fg(Color::Green),
            ThemeName::Light => self.fg(Color::Indexed(28)),
        }
    }

    pub fn warn(&self) -> Style {
        match self.name {
            ThemeName::Dark => self.fg(Color::Yellow),
            ThemeName::Light => self.fg(Color::Indexed(130)),
        }
    }

    /// A grade of majority judgment (0 = "Excellent"), from green to red
    /// as the room knows it from Mieux Voter; its word is always shown
    /// too, so colour never carries it alone.
    pub fn grade(&self, grade: u8) -> Style {
        if self.colour {
            Style::default().fg(Color::Black).bg(grade_colour(grade))
        } else if grade == 0 {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        }
    }

    /// A grade's share of a stacked bar.
    pub fn grade_bar(&self, grade: u8) -> Style {
        self.fg(grade_colour(grade))
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused { self.accent() } else { self.dim() }
    }

    /// An axis badge: its colour as background, text dark or light by
    /// luminance; without colour, bold brackets carry it.
    pub fn badge(&self, c: Rgb) -> Style {
        if !self.colour {
            return Style::default().add_modifier(Modifier::BOLD);
        }
        let fg = if c.is_light() {
            Color::Black
        } else {
            Color::White
        };
        Style::default()
            .bg(Color::Rgb(c.0, c.1, c.2))
            .fg(fg)
            .add_modifier(Modifier::BOLD)
    }
}

/// The grades' colours, best first: green to red.
fn grade_colour(grade: u8) -> Color {
    const SCALE: [u8; 7] = [28, 70, 142, 178, 208, 202, 160];
    Color::Indexed(SCALE[usize::from(grade).min(SCALE.len() - 1)])
}

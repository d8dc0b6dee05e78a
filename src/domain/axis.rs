//! The axes that frame a consultation. By default the four axes of the
//! Pacte des solidarités; a workshop may rename, add or remove them.

use super::ids::AxisKey;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error as _};
use std::fmt;

/// The most axes a workshop can have: each is tagged with one digit key.
pub const MAX_AXES: usize = 9;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Axis {
    /// The digit typed to tag a proposal with this axis, shown on every badge
    /// so an axis is never told apart by colour alone.
    pub key: AxisKey,
    pub title: String,
    /// A word or two for badges and narrow screens.
    pub short: String,
    pub color: Rgb,
}

/// A colour written as `"#RRGGBB"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// The Okabe–Ito palette: distinct for the common colour-vision
/// deficiencies, and readable on a washed-out projector.
pub const OKABE_ITO: [Rgb; 8] = [
    Rgb(0xE6, 0x9F, 0x00), // orange
    Rgb(0x56, 0xB4, 0xE9), // sky blue
    Rgb(0x00, 0x9E, 0x73), // bluish green
    Rgb(0xCC, 0x79, 0xA7), // reddish purple
    Rgb(0x00, 0x72, 0xB2), // blue
    Rgb(0xD5, 0x5E, 0x00), // vermillion
    Rgb(0xF0, 0xE4, 0x42), // yellow
    Rgb(0x99, 0x99, 0x99), // grey
];

impl Rgb {
    /// Light enough that text on it should be black: black text has the
    /// higher WCAG contrast ratio (vermilion #D55E00 takes black, 5.4:1,
    /// where white would give only 3.9:1).
    pub fn is_light(self) -> bool {
        // (L + 0.05) / 0.05 against black ≥ 1.05 / (L + 0.05) against white.
        let l = self.luminance();
        (l + 0.05) * (l + 0.05) >= 1.05 * 0.05
    }

    /// WCAG 2.1 relative luminance, 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// The WCAG contrast ratio between two colours, 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }
}

impl Serialize for Rgb {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Rgb::parse(&text).ok_or_else(|| {
            D::Error::custom(format!("invalid colour {text:?}, expected \"#RRGGBB\""))
        })
    }
}

/// The four axes of the Pacte des solidarités (2024–2027).
pub fn pacte_axes() -> Vec<Axis> {
    let axes = [
        (
            "Prévenir la pauvreté et lutter contre les inégalités dès l'enfance",
            "Enfance",
        ),
        (
            "Amplifier la politique d'accès à l'emploi pour tous",
            "Emploi",
        ),
        (
            "Lutter contre la grande exclusion grâce à l'accès aux droits (aller-vers)",
            "Accès aux droits",
        ),
        (
            "Construire une transition écologique solidaire",
            "Transition",
        ),
    ];
    axes.iter()
        .enumerate()
        .map(|(i, (title, short))| Axis {
            key: i as AxisKey + 1,
            title: (*title).to_string(),
            short: (*short).to_string(),
            color: OKABE_ITO[i],
        })
        .collect()
}

/// The smallest digit not yet used by an axis, if any is left.
pub fn free_key(axes: &[Axis]) -> Option<AxisKey> {
    (1..=MAX_AXES as AxisKey).find(|k| axes.iter().all(|a| a.key != *k))
}

/// A colour of the palette that no axis uses yet (or the first one).
pub fn free_color(axes: &[Axis]) -> Rgb {
    OKABE_ITO
        .iter()
        .copied()
        .find(|c| axes.iter().all(|a| a.color != *c))
        .unwrap_or(OKABE_ITO[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_and_print_back() {
        assert_eq!(Rgb::parse("#E69F00"), Some(Rgb(0xE6, 0x9F, 0x00)));
        assert_eq!(Rgb(0xE6, 0x9F, 0x00).to_string(), "#E69F00");
        assert_eq!(Rgb::parse("E69F00"), None);
        assert_eq!(Rgb::parse("#E69F0"), None);
        assert_eq!(Rgb::parse("#éé9F00"), None);
    }

    #[test]
    fn text_on_every_palette_colour_reaches_wcag_aa() {
        let (black, white) = (Rgb(0, 0, 0), Rgb(255, 255, 255));
        for c in OKABE_ITO {
            let ink = if c.is_light() { black } else { white };
            assert!(c.contrast(ink) >= 4.5, "{c}: {:.2}", c.contrast(ink));
        }
        assert!(Rgb(0xD5, 0x5E, 0x00).is_light(), "vermilion takes black");
        assert!(!Rgb(0x00, 0x72, 0xB2).is_light(), "blue takes white");
        assert!((black.contrast(white) - 21.0).abs() < 1e-9);
    }

    #[test]
    fn the_pacte_has_four_numbered_axes() {
        let axes = pacte_axes();
        assert_eq!(axes.iter().map(|a| a.key).collect::<Vec<_>>(), [1, 2, 3, 4]);
        assert_eq!(axes[1].short, "Emploi");
        assert_eq!(free_key(&axes), Some(5));
        assert_eq!(free_color(&axes), OKABE_ITO[4]);
    }
}

//! Where "now" comes from: the system, or a fixed time for tests. The one
//! module that reads the wall clock (`tests/layers.rs` holds it): the
//! domain is given its stamps, the store its file names' dates.

use crate::domain::{Date, Stamp};
use chrono::Timelike;

#[derive(Debug, Clone, Copy)]
pub enum Clock {
    System,
    Fixed(Stamp),
}

impl Clock {
    /// Now, to the second (so that it survives a save and a load).
    pub fn now(&self) -> Stamp {
        match self {
            Clock::System => {
                let now = chrono::Local::now().naive_local();
                Stamp(now.with_nanosecond(0).unwrap_or(now))
            }
            Clock::Fixed(s) => *s,
        }
    }

    pub fn today(&self) -> Date {
        Date(self.now().0.date())
    }

    /// Now as the names of files put it: `20240314-103000`, `2024-03-14
    /// 10h30`, `2024-03-14T10:30:00`.
    pub fn format(&self, pattern: &str) -> String {
        self.now().0.format(pattern).to_string()
    }
}

/// Some bits that change from one call to the next, where the operating
/// system's randomness failed.
pub fn jitter() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_says_its_time_in_every_form() {
        let at = Stamp::from_ymd_hms(2024, 3, 14, 10, 30, 5).unwrap();
        let clock = Clock::Fixed(at);
        assert_eq!(clock.now(), at);
        assert_eq!(clock.today(), Date::from_ymd(2024, 3, 14).unwrap());
        assert_eq!(clock.format("%Y%m%d-%H%M%S"), "20240314-103005");
        let system = Clock::System.now();
        assert_eq!(system.0.nanosecond(), 0, "to the second");
    }
}

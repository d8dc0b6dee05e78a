//! Calendar dates and timestamps, written as native TOML dates
//! (`date = 2024-03-14`, `created = 2024-03-14T09:42:10`).
//! Domain functions take the time as a parameter, so tests choose it.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error as _};
use std::fmt;
use toml::value::{Date as TomlDate, Datetime, Time as TomlTime};

/// A calendar day (no time, no zone): the date of a workshop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

/// A local time to the second: when a proposal or a ballot was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp(pub NaiveDateTime);

impl Date {
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date)
    }

    /// Accepts `2024-03-14` and the French `14/03/2024`.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
            .ok()
            .map(Date)
    }
}

impl Stamp {
    pub fn from_ymd_hms(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<Self> {
        let date = NaiveDate::from_ymd_opt(y, mo, d)?;
        let time = NaiveTime::from_hms_opt(h, mi, s)?;
        Some(Stamp(NaiveDateTime::new(date, time)))
    }

    /// `14/03/2024 09:42`
    pub fn short(&self) -> String {
        self.0.format("%d/%m/%Y %H:%M").to_string()
    }

    /// `09:42:07`
    pub fn time_hms(&self) -> String {
        self.0.format("%H:%M:%S").to_string()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%dT%H:%M:%S"))
    }
}

fn toml_date(d: NaiveDate) -> TomlDate {
    TomlDate {
        year: d.year() as u16,
        month: d.month() as u8,
        day: d.day() as u8,
    }
}

fn naive_date<E: serde::de::Error>(d: TomlDate) -> Result<NaiveDate, E> {
    NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
        .ok_or_else(|| E::custom(format!("invalid date {d}")))
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Datetime {
            date: Some(toml_date(self.0)),
            time: None,
            offset: None,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let dt = Datetime::deserialize(d)?;
        match (dt.date, dt.time) {
            (Some(date), None) => naive_date(date).map(Date),
            _ => Err(D::Error::custom(
                "expected a date such as 2024-03-14, without a time",
            )),
        }
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = self.0.time();
        Datetime {
            date: Some(toml_date(self.0.date())),
            time: Some(TomlTime {
                hour: t.hour() as u8,
                minute: t.minute() as u8,
                second: Some(t.second() as u8),
                nanosecond: None,
            }),
            offset: None,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let dt = Datetime::deserialize(d)?;
        let (Some(date), Some(time)) = (dt.date, dt.time) else {
            return Err(D::Error::custom(
                "expected a date and time such as 2024-03-14T09:42:10",
            ));
        };
        let date = naive_date(date)?;
        let time = NaiveTime::from_hms_opt(
            time.hour.into(),
            time.minute.into(),
            time.second.unwrap_or(0).into(),
        )
        .ok_or_else(|| D::Error::custom("invalid time of day"))?;
        Ok(Stamp(NaiveDateTime::new(date, time)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct Holder {
        d: Date,
        s: Stamp,
    }

    #[test]
    fn dates_are_native_toml_and_round_trip() {
        let h = Holder {
            d: Date::from_ymd(2024, 3, 14).unwrap(),
            s: Stamp::from_ymd_hms(2024, 3, 14, 9, 42, 10).unwrap(),
        };
        let text = toml::to_string(&h).unwrap();
        assert_eq!(text, "d = 2024-03-14\ns = 2024-03-14T09:42:10\n");
        assert_eq!(toml::from_str::<Holder>(&text).unwrap(), h);
    }

    #[test]
    fn a_string_where_a_date_belongs_is_refused() {
        let err = toml::from_str::<Holder>("d = \"hier\"\ns = 2024-03-14T09:42:10\n").unwrap_err();
        assert_eq!(err.span(), Some(4..10));
    }

    #[test]
    fn french_dates_are_understood() {
        assert_eq!(Date::parse("14/03/2024"), Date::from_ymd(2024, 3, 14));
        assert_eq!(Date::parse("2024-03-14"), Date::from_ymd(2024, 3, 14));
        assert_eq!(Date::parse("demain"), None);
    }
}

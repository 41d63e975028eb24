//! Civil (proleptic Gregorian) dates without a date crate: days since
//! 1970-01-01, weekdays, month lengths and Easter. Every other date
//! computation in the suggester is built on these few functions, so they are
//! exact integer arithmetic with no floating point and no panics.

use serde::{Serialize, Serializer};
use std::fmt;

/// A calendar date. Ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// Day of the week, Monday first (ISO order), as used by the data files.
pub const WEEKDAY_IDS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl Date {
    /// A date if `month`/`day` exist in `year`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before). Howard Hinnant's algorithm:
    /// shift the year to start in March so the leap day is last.
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        // Beyond ±10^15 days the year no longer fits an i32 anyway.
        let z = days.clamp(-1_000_000_000_000_000, 1_000_000_000_000_000) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date { year: year.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32, month, day }
    }

    /// 0 = Monday … 6 = Sunday. 1970-01-01 was a Thursday.
    pub fn weekday(self) -> u32 {
        (self.to_days() + 3).rem_euclid(7) as u32
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days().saturating_add(n))
    }

    pub fn is_weekend(self) -> bool {
        self.weekday() >= 5
    }
}

/// JSON shows a date as "YYYY-MM-DD".
impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Western (Gregorian) Easter Sunday: the anonymous Gregorian algorithm
/// (Meeus/Jones/Butcher), valid for every Gregorian year.
pub fn easter(year: i32) -> Date {
    let y = i64::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = ((h + l - 7 * m + 114) / 31) as u32;
    let day = ((h + l - 7 * m + 114) % 31 + 1) as u32;
    Date { year, month, day }
}

/// The `nth` (1-based; -1 = last) `weekday` (0 = Monday) of a month.
pub fn nth_weekday(year: i32, month: u32, weekday: u32, nth: i32) -> Option<Date> {
    if nth > 0 {
        let first = Date::new(year, month, 1)?;
        let offset = (i64::from(weekday) - i64::from(first.weekday())).rem_euclid(7);
        let date = first.add_days(offset + 7 * i64::from(nth - 1));
        (date.month == month).then_some(date)
    } else if nth == -1 {
        let last = Date::new(year, month, days_in_month(year, month))?;
        let back = (i64::from(last.weekday()) - i64::from(weekday)).rem_euclid(7);
        Some(last.add_days(-back))
    } else {
        None
    }
}

/// Japan's equinox days, by the approximation the Cabinet Office's
/// almanac follows for 1980-2099 (tropical year 0.242194 days; every
/// fourth year resets). Integer arithmetic in millionths of a day.
pub fn equinox_day(year: i32, autumnal: bool) -> Date {
    let base: i64 = if autumnal { 23_248_800 } else { 20_843_100 };
    let n = i64::from(year) - 1980;
    let day = (base + 242_194 * n).div_euclid(1_000_000) - n.div_euclid(4);
    let month = if autumnal { 9 } else { 3 };
    Date { year, month, day: day.clamp(1, 30) as u32 }
}

//! Time zones as data: a standard offset plus an optional daylight-saving
//! rule ("second Sunday of March at 02:00 wall time"). Enough for every
//! marketplace and for the seller's own zone, without a tz database.

use super::civil::{nth_weekday, Date, WEEKDAY_IDS};
use serde::Deserialize;

const MS_PER_MIN: i64 = 60_000;
const MIN_PER_DAY: i64 = 1_440;

/// When a daylight-saving change happens in a year.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    pub month: u32,
    /// 1..=4: the nth weekday of the month; -1: the last.
    pub week: i32,
    pub weekday: String,
    /// Minutes after midnight.
    pub at: i64,
    /// `utc` or `wall` (the local clock just before the change).
    pub basis: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DstRule {
    pub save_min: i32,
    pub start: Transition,
    pub end: Transition,
}

/// A zone: standard offset and, for zones that observe it, the DST rule.
#[derive(Clone, Debug)]
pub struct Zone {
    pub offset_min: i32,
    pub dst: Option<DstRule>,
}

/// A local wall-clock reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Local {
    pub date: Date,
    /// Minutes after local midnight, 0..1440.
    pub minute: u32,
}

impl Local {
    /// "HH:MM".
    pub fn hh_mm(&self) -> String {
        format!("{:02}:{:02}", self.minute / 60, self.minute % 60)
    }
}

impl Transition {
    /// The UTC instant (ms) of this change in `year`; `offset_before` is
    /// the zone's offset in force just before it (for wall-clock rules).
    fn instant(&self, year: i32, offset_before: i32) -> Option<i64> {
        let weekday = WEEKDAY_IDS.iter().position(|w| *w == self.weekday)? as u32;
        let date = nth_weekday(year, self.month, weekday, self.week)?;
        let shift = if self.basis == "wall" { i64::from(offset_before) } else { 0 };
        date.to_days().checked_mul(MIN_PER_DAY)?.checked_add(self.at - shift)?.checked_mul(MS_PER_MIN)
    }
}

impl Zone {
    pub fn fixed(offset_min: i32) -> Zone {
        Zone { offset_min, dst: None }
    }

    /// The offset from UTC in minutes at the instant `utc_ms`.
    pub fn offset_at(&self, utc_ms: i64) -> i32 {
        let Some(rule) = &self.dst else { return self.offset_min };
        let year = Date::from_days((utc_ms / MS_PER_MIN).saturating_add(i64::from(self.offset_min)).div_euclid(MIN_PER_DAY)).year;
        let start = rule.start.instant(year, self.offset_min);
        let end = rule.end.instant(year, self.offset_min + rule.save_min);
        match (start, end) {
            (Some(s), Some(e)) if s <= utc_ms && utc_ms < e => self.offset_min + rule.save_min,
            _ => self.offset_min,
        }
    }

    /// The wall clock at `utc_ms`.
    pub fn local(&self, utc_ms: i64) -> Local {
        let minutes = utc_ms.div_euclid(MS_PER_MIN).saturating_add(i64::from(self.offset_at(utc_ms)));
        Local { date: Date::from_days(minutes.div_euclid(MIN_PER_DAY)), minute: minutes.rem_euclid(MIN_PER_DAY) as u32 }
    }

    /// The UTC instant of a wall-clock time. In the hour skipped when
    /// clocks go forward this lands just after the change; in the hour
    /// repeated when they go back, on the first (summer-time) reading.
    pub fn to_utc(&self, date: Date, minute: u32) -> i64 {
        let wall = date.to_days().saturating_mul(MIN_PER_DAY).saturating_add(i64::from(minute)).saturating_mul(MS_PER_MIN);
        let save = self.dst.as_ref().map_or(0, |r| r.save_min);
        let summer = wall.saturating_sub(i64::from(self.offset_min + save) * MS_PER_MIN);
        if save != 0 && self.offset_at(summer) == self.offset_min + save {
            return summer;
        }
        wall.saturating_sub(i64::from(self.offset_min) * MS_PER_MIN)
    }
}

/// Parses a fixed offset written "+08:00", "-05:30", "UTC+8" or "GMT-3".
pub fn parse_fixed_offset(s: &str) -> Option<i32> {
    let rest = s.strip_prefix("UTC").or_else(|| s.strip_prefix("GMT")).unwrap_or(s);
    let (sign, body) = match rest.as_bytes().first()? {
        b'+' => (1, &rest[1..]),
        b'-' => (-1, &rest[1..]),
        _ => return None,
    };
    let (h, m) = match body.split_once(':') {
        Some((h, m)) => (h, m),
        None => (body, "0"),
    };
    if h.is_empty() || h.len() > 2 || m.is_empty() || m.len() > 2 {
        return None;
    }
    let h: i32 = h.parse().ok()?;
    let m: i32 = m.parse().ok()?;
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

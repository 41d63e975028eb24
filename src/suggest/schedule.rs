//! The dates a reply promises and the 24-hour reply clock. A promise is
//! counted in the buyer's marketplace (its zone, weekends and holidays),
//! starting from when the seller can actually act: outside the seller's
//! working hours, the count starts at their next working start.

use super::calendar::Calendar;
use super::civil::Date;
use super::profile::Profile;
use crate::contract::Marketplace;
use serde::Serialize;

const MS_PER_MIN: i64 = 60_000;
/// Amazon expects a reply within 24 hours, weekends and holidays included.
const REPLY_WINDOW_MS: i64 = 24 * 60 * MS_PER_MIN;
/// The buyer's night: replies landing from 23:00 to 07:00 local time.
const NIGHT_START_MIN: u32 = 23 * 60;
const NIGHT_END_MIN: u32 = 7 * 60;

/// The dates behind `{ship_by}`, `{deliver_by}` and `{resolve_by}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Schedule {
    /// Today in the buyer's marketplace.
    pub today: Date,
    pub ship_by: Date,
    pub deliver_by: Date,
    pub resolve_by: Date,
}

/// How long the seller has left to reply, and whether the reply would land
/// in the buyer's night.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Clock {
    /// The buyer's message time + 24 hours (Unix ms); absent without
    /// `received_ms`.
    pub reply_by_ms: Option<i64>,
    /// Minutes left until `reply_by_ms` (0 when overdue).
    pub remaining_minutes: Option<i64>,
    pub overdue: bool,
    /// The buyer's local time now, "HH:MM".
    pub buyer_local_time: String,
    /// Now is between 23:00 and 07:00 for the buyer.
    pub buyer_night: bool,
}

/// The instant the seller can start working on the case: `now_ms` inside
/// working hours, else the next working day's start (seller's zone).
pub fn next_working_start(calendar: &Calendar, profile: &Profile, now_ms: i64) -> i64 {
    let Some(zone) = calendar.zone(&profile.time_zone) else { return now_ms };
    let (start, end) = profile.working_minutes();
    let local = zone.local(now_ms);
    if profile.works_on(local.date.weekday()) && local.minute < end {
        return if local.minute >= start { now_ms } else { zone.to_utc(local.date, start) };
    }
    (1..=7)
        .map(|n| local.date.add_days(n))
        .find(|d| profile.works_on(d.weekday()))
        .map_or(now_ms, |d| zone.to_utc(d, start))
}

/// The promised dates for a reply written at `now_ms` on marketplace `m`.
pub fn schedule(calendar: &Calendar, profile: &Profile, m: Marketplace, now_ms: i64) -> Schedule {
    let market = calendar.market_zone(m);
    let today = market.local(now_ms).date;
    let start = market.local(next_working_start(calendar, profile, now_ms)).date;
    let ship_by = calendar.add_business_days(m, start, profile.handling_days);
    let deliver_by = calendar.add_business_days(m, ship_by, profile.transit_days);
    let resolve_by = calendar.add_business_days(m, start, profile.resolve_days);
    Schedule { today, ship_by, deliver_by, resolve_by }
}

/// The 24-hour clock at `now_ms` for a message received at `received_ms`.
pub fn clock(calendar: &Calendar, m: Marketplace, now_ms: i64, received_ms: Option<i64>) -> Clock {
    let local = calendar.market_zone(m).local(now_ms);
    let reply_by_ms = received_ms.map(|r| r.saturating_add(REPLY_WINDOW_MS));
    let overdue = reply_by_ms.is_some_and(|by| now_ms > by);
    Clock {
        reply_by_ms,
        remaining_minutes: reply_by_ms.map(|by| (by.saturating_sub(now_ms) / MS_PER_MIN).max(0)),
        overdue,
        buyer_local_time: local.hh_mm(),
        buyer_night: local.minute >= NIGHT_START_MIN || local.minute < NIGHT_END_MIN,
    }
}

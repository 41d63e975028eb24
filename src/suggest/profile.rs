//! The seller's profile: who signs, where they sell, how fast they ship,
//! when they work and which remedies they prefer. Every field has a default
//! that works out of the box (a China-based seller on amazon.com working
//! 09:00-18:00 Monday to Friday), and `validate` names the field at fault.

use super::calendar::Calendar;
use super::civil::WEEKDAY_IDS;
use crate::contract::Marketplace;
use crate::error::{clip, Error};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How much warmth the greeting and closing carry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tone {
    #[default]
    Warm,
    Neutral,
    Brief,
}

impl Tone {
    /// Every tone, for the TypeScript union.
    pub const ALL: &'static [Tone] = &[Tone::Warm, Tone::Neutral, Tone::Brief];

    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Warm => "warm",
            Tone::Neutral => "neutral",
            Tone::Brief => "brief",
        }
    }
}

/// The seller's working day, local to `Profile::time_zone`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct WorkingHours {
    /// "HH:MM", 24-hour clock.
    pub start: String,
    pub end: String,
}

impl Default for WorkingHours {
    fn default() -> Self {
        WorkingHours { start: String::from("09:00"), end: String::from("18:00") }
    }
}

/// Which remedy variant to offer first when the buyer did not ask for one.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Remedies {
    /// Refund instead of reshipping or replacing when the order amount
    /// (found in the message or given as `refund_amount`) is below this,
    /// in the marketplace's currency. 0 turns the rule off.
    pub refund_below: f64,
    /// `trace`, `reship` or `refund`.
    pub not_received: String,
    /// `replacement` or `refund`.
    pub damaged_defective: String,
}

impl Default for Remedies {
    fn default() -> Self {
        Remedies { refund_below: 20.0, not_received: String::from("reship"), damaged_defective: String::from("replacement") }
    }
}

/// Remedies the profile may name per intent: each is the `remedy` tag of
/// built-in template variants.
pub const NOT_RECEIVED_REMEDIES: &[&str] = &["trace", "reship", "refund"];
pub const DAMAGED_REMEDIES: &[&str] = &["replacement", "refund"];

/// The seller's profile. Every field has a default that works out of the box.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Profile {
    /// Shop name, used for `{seller_name}` and as the signature fallback.
    pub seller_name: String,
    /// The sign-off under the reply; empty means `seller_name`.
    pub signature: String,
    pub marketplaces: Vec<Marketplace>,
    /// Business days between order and dispatch.
    pub handling_days: u32,
    /// Business days in transit after dispatch (for `{deliver_by}`).
    pub transit_days: u32,
    /// Business days the seller needs to resolve a case (for `{resolve_by}`).
    pub resolve_days: u32,
    /// Days the seller works: "mon" … "sun".
    pub working_days: Vec<String>,
    pub working_hours: WorkingHours,
    /// The seller's time zone: an id from the supported set (e.g.
    /// "Asia/Shanghai") or a fixed offset ("+08:00").
    pub time_zone: String,
    /// The return window the seller honours, in days.
    pub return_days: u32,
    /// Preferred carrier per marketplace id ("US", "DE" …; display name),
    /// for `{carrier}` when the message names none. Keys are checked by
    /// `validate` so that a typo is reported with the key, not as bad JSON.
    pub carriers: BTreeMap<String, String>,
    pub remedies: Remedies,
    pub tone: Tone,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            seller_name: String::new(),
            signature: String::new(),
            marketplaces: vec![Marketplace::Us],
            handling_days: 1,
            transit_days: 5,
            resolve_days: 2,
            working_days: ["mon", "tue", "wed", "thu", "fri"].iter().map(|d| d.to_string()).collect(),
            working_hours: WorkingHours::default(),
            time_zone: String::from("Asia/Shanghai"),
            return_days: 30,
            carriers: BTreeMap::new(),
            remedies: Remedies::default(),
            tone: Tone::Warm,
        }
    }
}

/// Minutes after midnight of an "HH:MM" string (24:00 allowed as an end).
pub fn parse_hh_mm(s: &str) -> Option<u32> {
    let (h, m) = s.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let h: u32 = h.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 60 + m)
}

fn invalid(field: &str, reason: String) -> Error {
    Error::InvalidProfile { field: field.to_string(), reason }
}

impl Profile {
    /// The default profile as JSON, for the UI's `defaultProfile()`.
    pub fn default_json() -> String {
        serde_json::to_string_pretty(&Profile::default()).unwrap_or_default()
    }

    /// Parses and validates a profile; empty input means the defaults.
    pub fn from_json(json: &str) -> Result<Profile, Error> {
        let json = json.trim();
        let profile = if json.is_empty() || json == "null" {
            Profile::default()
        } else {
            serde_json::from_str(json).map_err(|e| Error::InvalidJson { what: "seller profile", detail: e.to_string() })?
        };
        profile.validate()?;
        Ok(profile)
    }

    /// Checks every field; the error names the first field at fault.
    pub fn validate(&self) -> Result<(), Error> {
        if self.seller_name.chars().count() > 80 {
            return Err(invalid("seller_name", String::from("must be at most 80 characters")));
        }
        if self.signature.chars().count() > 200 {
            return Err(invalid("signature", String::from("must be at most 200 characters")));
        }
        if self.marketplaces.is_empty() {
            return Err(invalid("marketplaces", String::from("name at least one marketplace, e.g. [\"US\"]")));
        }
        if self.handling_days > 30 {
            return Err(invalid("handling_days", format!("{} is more than 30 business days", self.handling_days)));
        }
        if self.transit_days > 60 {
            return Err(invalid("transit_days", format!("{} is more than 60 business days", self.transit_days)));
        }
        if self.resolve_days == 0 || self.resolve_days > 14 {
            return Err(invalid("resolve_days", format!("{} is not between 1 and 14 business days", self.resolve_days)));
        }
        if self.working_days.is_empty() {
            return Err(invalid("working_days", String::from("name at least one day, e.g. [\"mon\", \"tue\"]")));
        }
        for day in &self.working_days {
            if !WEEKDAY_IDS.contains(&day.as_str()) {
                return Err(invalid("working_days", format!("\"{}\" is not one of {}", clip(day), WEEKDAY_IDS.join(", "))));
            }
        }
        let start = parse_hh_mm(&self.working_hours.start).ok_or_else(|| {
            invalid("working_hours.start", format!("\"{}\" is not a time like \"09:00\"", clip(&self.working_hours.start)))
        })?;
        let end = parse_hh_mm(&self.working_hours.end).ok_or_else(|| {
            invalid("working_hours.end", format!("\"{}\" is not a time like \"18:00\"", clip(&self.working_hours.end)))
        })?;
        if start >= end {
            return Err(invalid("working_hours", String::from("start must be before end")));
        }
        let calendar = Calendar::builtin();
        if calendar.zone(&self.time_zone).is_none() {
            return Err(invalid(
                "time_zone",
                format!(
                    "\"{}\" is not a supported zone ({}) or an offset like \"+08:00\"",
                    clip(&self.time_zone),
                    calendar.zone_ids().collect::<Vec<_>>().join(", ")
                ),
            ));
        }
        if self.return_days == 0 || self.return_days > 365 {
            return Err(invalid("return_days", format!("{} is not between 1 and 365", self.return_days)));
        }
        for (m, name) in &self.carriers {
            if m.parse::<Marketplace>().is_err() {
                let list = Marketplace::ALL.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(", ");
                return Err(invalid(&format!("carriers.{}", clip(m)), format!("not a marketplace ({list})")));
            }
            let len = name.trim().chars().count();
            if len == 0 || len > 60 {
                return Err(invalid(&format!("carriers.{m}"), String::from("must be a carrier name of 1 to 60 characters")));
            }
        }
        let r = &self.remedies;
        if !r.refund_below.is_finite() || r.refund_below < 0.0 {
            return Err(invalid("remedies.refund_below", String::from("must be a number, 0 or more")));
        }
        if !NOT_RECEIVED_REMEDIES.contains(&r.not_received.as_str()) {
            return Err(invalid(
                "remedies.not_received",
                format!("\"{}\" is not one of {}", clip(&r.not_received), NOT_RECEIVED_REMEDIES.join(", ")),
            ));
        }
        if !DAMAGED_REMEDIES.contains(&r.damaged_defective.as_str()) {
            return Err(invalid(
                "remedies.damaged_defective",
                format!("\"{}\" is not one of {}", clip(&r.damaged_defective), DAMAGED_REMEDIES.join(", ")),
            ));
        }
        Ok(())
    }

    /// Minutes after midnight of the working day's start and end.
    pub fn working_minutes(&self) -> (u32, u32) {
        (parse_hh_mm(&self.working_hours.start).unwrap_or(540), parse_hh_mm(&self.working_hours.end).unwrap_or(1080))
    }

    /// The preferred carrier for marketplace `m`.
    pub fn carrier(&self, m: Marketplace) -> Option<&str> {
        self.carriers.get(m.as_str()).map(String::as_str)
    }

    /// Whether the seller works on weekday `wd` (0 = Monday).
    pub fn works_on(&self, wd: u32) -> bool {
        WEEKDAY_IDS.get(wd as usize).is_some_and(|id| self.working_days.iter().any(|d| d == id))
    }
}

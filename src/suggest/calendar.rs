//! Marketplace calendars from `data/calendar/`: which zone each
//! marketplace lives in, its public holidays, business-day arithmetic and
//! the way each market writes a date. All rules are data; this module only
//! knows how to evaluate them.

use super::civil::{easter, equinox_day, nth_weekday, Date, WEEKDAY_IDS};
use super::zone::{parse_fixed_offset, DstRule, Zone};
use crate::contract::{Lang, Marketplace};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

const ZONES_JSON: &str = data_file!("calendar/zones.json");
const HOLIDAYS_JSON: &str = data_file!("calendar/holidays.json");
const LOCALES_JSON: &str = data_file!("calendar/locales.json");

#[derive(Deserialize)]
struct ZoneEntry {
    offset_min: i32,
    #[serde(default)]
    dst: Option<String>,
}

#[derive(Deserialize)]
struct ZonesFile {
    dst_rules: BTreeMap<String, DstRule>,
    zones: BTreeMap<String, ZoneEntry>,
    marketplaces: BTreeMap<Marketplace, String>,
}

/// One holiday rule; which fields are set decides the kind (see the
/// `_doc` of `holidays.json`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayRule {
    pub name: String,
    #[serde(default)]
    month: Option<u32>,
    #[serde(default)]
    day: Option<u32>,
    #[serde(default)]
    weekday: Option<String>,
    #[serde(default)]
    nth: Option<i32>,
    #[serde(default)]
    on_or_before: bool,
    #[serde(default)]
    on_or_after: bool,
    #[serde(default)]
    easter: Option<i64>,
    #[serde(default)]
    equinox: Option<String>,
    #[serde(default)]
    years: Option<Vec<i32>>,
    #[serde(default)]
    from_year: Option<i32>,
    #[serde(default)]
    until_year: Option<i32>,
    #[serde(default)]
    observed: Option<String>,
}

#[derive(Deserialize)]
struct MarketHolidays {
    #[serde(default)]
    sandwich: bool,
    holidays: Vec<HolidayRule>,
}

#[derive(Deserialize)]
struct HolidaysFile {
    marketplaces: BTreeMap<Marketplace, MarketHolidays>,
}

#[derive(Deserialize)]
struct LocaleEntry {
    weekdays: Vec<String>,
    months: Vec<String>,
    pattern: String,
    with_year: String,
}

#[derive(Deserialize)]
struct LocalesFile {
    locales: BTreeMap<String, LocaleEntry>,
}

/// Zones, holidays and date formats, parsed once from the built-in data.
pub struct Calendar {
    zones: BTreeMap<String, Zone>,
    market_zones: BTreeMap<Marketplace, String>,
    holidays: BTreeMap<Marketplace, MarketHolidays>,
    locales: BTreeMap<String, LocaleEntry>,
}

impl HolidayRule {
    /// The date this rule names in `year`, before any "observed" shift.
    fn date_in(&self, year: i32) -> Option<Date> {
        if self.years.as_ref().is_some_and(|ys| !ys.contains(&year))
            || self.from_year.is_some_and(|y| year < y)
            || self.until_year.is_some_and(|y| year > y)
        {
            return None;
        }
        if let Some(offset) = self.easter {
            return Some(easter(year).add_days(offset));
        }
        if let Some(kind) = &self.equinox {
            return Some(equinox_day(year, kind == "autumnal"));
        }
        let month = self.month?;
        let weekday = match &self.weekday {
            Some(w) => Some(WEEKDAY_IDS.iter().position(|id| id == w)? as u32),
            None => None,
        };
        match (self.day, weekday, self.nth) {
            (Some(day), None, _) => Date::new(year, month, day),
            (None, Some(wd), Some(nth)) => nth_weekday(year, month, wd, nth),
            (Some(day), Some(wd), None) => {
                let anchor = Date::new(year, month, day)?;
                let delta = i64::from(wd) - i64::from(anchor.weekday());
                if self.on_or_before {
                    Some(anchor.add_days(-(-delta).rem_euclid(7)))
                } else if self.on_or_after {
                    Some(anchor.add_days(delta.rem_euclid(7)))
                } else {
                    None
                }
            }
            _ => None,
        }
    }
}

impl Calendar {
    /// The built-in calendar (parsed on first use; the data is checked by
    /// the test suite, so a parse failure is a build defect).
    pub fn builtin() -> &'static Calendar {
        static CAL: OnceLock<Calendar> = OnceLock::new();
        CAL.get_or_init(|| Calendar::parse().unwrap_or_else(|e| panic!("built-in calendar data: {e}")))
    }

    fn parse() -> Result<Calendar, String> {
        let zf: ZonesFile = serde_json::from_str(ZONES_JSON).map_err(|e| format!("zones.json: {e}"))?;
        let hf: HolidaysFile = serde_json::from_str(HOLIDAYS_JSON).map_err(|e| format!("holidays.json: {e}"))?;
        let lf: LocalesFile = serde_json::from_str(LOCALES_JSON).map_err(|e| format!("locales.json: {e}"))?;
        let mut zones = BTreeMap::new();
        for (id, z) in zf.zones {
            let dst = match z.dst {
                Some(rule) => Some(zf.dst_rules.get(&rule).cloned().ok_or(format!("zone {id}: unknown rule {rule}"))?),
                None => None,
            };
            zones.insert(id, Zone { offset_min: z.offset_min, dst });
        }
        for m in Marketplace::ALL {
            let zone = zf.marketplaces.get(m).ok_or(format!("no zone for {m}"))?;
            if !zones.contains_key(zone) {
                return Err(format!("{m}: unknown zone {zone}"));
            }
            if !hf.marketplaces.contains_key(m) {
                return Err(format!("no holidays for {m}"));
            }
        }
        Ok(Calendar { zones, market_zones: zf.marketplaces, holidays: hf.marketplaces, locales: lf.locales })
    }

    /// Zone ids the seller profile may name (besides fixed offsets).
    pub fn zone_ids(&self) -> impl Iterator<Item = &str> {
        self.zones.keys().map(String::as_str)
    }

    /// A zone by IANA-style id from the supported set, or a fixed offset
    /// ("+08:00", "UTC+8").
    pub fn zone(&self, id: &str) -> Option<Zone> {
        self.zones.get(id).cloned().or_else(|| parse_fixed_offset(id).map(Zone::fixed))
    }

    /// The id of the zone dates are computed in for a marketplace.
    pub fn market_zone_id(&self, m: Marketplace) -> &str {
        self.market_zones.get(&m).map_or("UTC", String::as_str)
    }

    pub fn market_zone(&self, m: Marketplace) -> Zone {
        self.zone(self.market_zone_id(m)).unwrap_or(Zone::fixed(0))
    }

    /// Every public holiday of `m` in `year`, with its name, in date order
    /// (observed substitutes carry the name of the day they replace). The
    /// neighbouring years' rules are evaluated too: New Year's Day on a
    /// Saturday is observed on the Friday before, in the previous year.
    pub fn holidays(&self, m: Marketplace, year: i32) -> Vec<(Date, String)> {
        (year.saturating_sub(1)..=year.saturating_add(1)).flat_map(|y| self.holidays_of_rules_year(m, y)).filter(|(d, _)| d.year == year).collect()
    }

    /// The holidays produced by the rules evaluated for `year`, with their
    /// observed days (which may fall in a neighbouring year).
    fn holidays_of_rules_year(&self, m: Marketplace, year: i32) -> Vec<(Date, String)> {
        let Some(market) = self.holidays.get(&m) else { return Vec::new() };
        let mut days: BTreeMap<Date, String> = BTreeMap::new();
        let mut shifted = Vec::new();
        for rule in &market.holidays {
            let Some(date) = rule.date_in(year) else { continue };
            match rule.observed.as_deref() {
                Some("nearest_weekday") if date.weekday() == 5 => {
                    days.insert(date.add_days(-1), rule.name.clone());
                }
                Some("nearest_weekday") if date.weekday() == 6 => {
                    days.insert(date.add_days(1), rule.name.clone());
                }
                Some("next_free_weekday") if date.is_weekend() => {
                    days.insert(date, rule.name.clone());
                    shifted.push((date, rule.name.clone(), true));
                }
                Some("next_free_day_if_sunday") if date.weekday() == 6 => {
                    days.insert(date, rule.name.clone());
                    shifted.push((date, rule.name.clone(), false));
                }
                _ => {
                    days.insert(date, rule.name.clone());
                }
            }
        }
        // Substitutes go to the first day that is neither a holiday nor
        // (for weekday substitutes) a weekend, in date order so that
        // Christmas on a Saturday moves to Monday and Boxing Day to Tuesday.
        crate::sort::ascending(&mut shifted);
        for (date, name, skip_weekend) in shifted {
            let mut d = date.add_days(1);
            while days.contains_key(&d) || (skip_weekend && d.is_weekend()) {
                d = d.add_days(1);
            }
            days.insert(d, name);
        }
        if market.sandwich {
            let dates: Vec<Date> = days.keys().copied().collect();
            for pair in dates.windows(2) {
                let between = pair[0].add_days(1);
                if pair[1] == pair[0].add_days(2) && between.weekday() != 6 {
                    days.insert(between, String::from("国民の休日"));
                }
            }
        }
        days.into_iter().collect()
    }

    /// The holidays of the years around `from`, for a business-day walk.
    fn holiday_set(&self, m: Marketplace, from: Date, to_year: i32) -> BTreeSet<Date> {
        // Inserted one by one: collect() would compile a sort for this type.
        let mut set = BTreeSet::new();
        for (d, _) in (from.year.saturating_sub(1)..=to_year.saturating_add(1)).flat_map(|y| self.holidays(m, y)) {
            set.insert(d);
        }
        set
    }

    pub fn is_business_day(&self, m: Marketplace, date: Date) -> bool {
        !date.is_weekend() && !self.holidays(m, date.year).iter().any(|(d, _)| *d == date)
    }

    /// `n` business days after `start` in marketplace `m` (weekends and
    /// public holidays skipped). With n = 0: `start` itself if it is a
    /// business day, else the next one.
    pub fn add_business_days(&self, m: Marketplace, start: Date, n: u32) -> Date {
        // 60 business days never span more than two extra years of holidays.
        let mut holidays = self.holiday_set(m, start, start.year.saturating_add(1));
        let mut horizon = start.year.saturating_add(1);
        let mut d = start;
        let mut left = n;
        let mut business = |d: Date, holidays: &mut BTreeSet<Date>| {
            if d.year > horizon {
                horizon = d.year;
                holidays.extend(self.holidays(m, d.year).into_iter().map(|(h, _)| h));
            }
            !d.is_weekend() && !holidays.contains(&d)
        };
        if n == 0 {
            while !business(d, &mut holidays) {
                d = d.add_days(1);
            }
            return d;
        }
        while left > 0 {
            d = d.add_days(1);
            if business(d, &mut holidays) {
                left -= 1;
            }
        }
        d
    }

    /// The locale key dates are written in: English follows the US style
    /// in the Americas and the British style elsewhere.
    fn locale_key(lang: Lang, m: Marketplace) -> &'static str {
        match lang {
            Lang::En if matches!(m, Marketplace::Us | Marketplace::Ca | Marketplace::Mx) => "en-US",
            Lang::De => "de",
            Lang::Fr => "fr",
            Lang::It => "it",
            Lang::Es => "es",
            Lang::Ja => "ja",
            _ => "en-GB",
        }
    }

    /// `date` as the market writes it, e.g. "Thursday, March 13",
    /// "Donnerstag, 13.03.", "3月13日(木)"; with the year when `date` is
    /// not in `current_year`.
    pub fn format_date(&self, date: Date, lang: Lang, m: Marketplace, current_year: i32) -> String {
        let Some(loc) = self.locales.get(Calendar::locale_key(lang, m)) else { return date.to_string() };
        let pattern = if date.year == current_year { &loc.pattern } else { &loc.with_year };
        let weekday = loc.weekdays.get(date.weekday() as usize).map_or("", String::as_str);
        let month = loc.months.get((date.month as usize).wrapping_sub(1)).map_or("", String::as_str);
        pattern
            .replace("{weekday}", weekday)
            .replace("{month}", month)
            .replace("{dd}", &format!("{:02}", date.day))
            .replace("{mm}", &format!("{:02}", date.month))
            .replace("{day}", &date.day.to_string())
            .replace("{m}", &date.month.to_string())
            .replace("{year}", &date.year.to_string())
    }
}

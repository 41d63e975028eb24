//! Civil dates, marketplace time zones across DST changes, public holidays,
//! business-day arithmetic, date formats and the 24-hour clock.

use tactful::contract::{Lang, Marketplace};
use tactful::suggest::calendar::Calendar;
use tactful::suggest::civil::{easter, Date};
use tactful::suggest::schedule::{clock, next_working_start, schedule};
use tactful::suggest::{Profile, WorkingHours};

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::new(y, m, day).expect("valid test date")
}

/// Unix ms of a UTC wall time.
fn utc(y: i32, m: u32, day: u32, h: i64, min: i64) -> i64 {
    (d(y, m, day).to_days() * 1440 + h * 60 + min) * 60_000
}

#[test]
fn civil_days_round_trip_and_weekdays() {
    let cases = [
        (1970, 1, 1, 0, 3),
        (2000, 2, 29, 11_016, 1),
        (2024, 2, 29, 19_782, 3),
        (2025, 3, 13, 20_160, 3),
        (1969, 12, 31, -1, 2),
        (2100, 3, 1, 47_541, 0),
    ];
    for (y, m, day, days, weekday) in cases {
        let date = d(y, m, day);
        assert_eq!(date.to_days(), days, "{date}");
        assert_eq!(Date::from_days(days), date);
        assert_eq!(date.weekday(), weekday, "{date}");
    }
    assert!(Date::new(2100, 2, 29).is_none(), "2100 is not a leap year");
    assert!(Date::new(2000, 2, 29).is_some(), "2000 is a leap year");
    assert!(Date::new(2025, 2, 29).is_none());
    assert_eq!(d(2024, 2, 28).add_days(1), d(2024, 2, 29));
    assert_eq!(d(2025, 2, 28).add_days(1), d(2025, 3, 1));
    assert_eq!(d(2025, 12, 31).add_days(1), d(2026, 1, 1));
}

#[test]
fn easter_sundays() {
    let cases = [(2000, 4, 23), (2019, 4, 21), (2024, 3, 31), (2025, 4, 20), (2026, 4, 5), (2027, 3, 28), (2038, 4, 25), (2285, 3, 22)];
    for (y, m, day) in cases {
        assert_eq!(easter(y), d(y, m, day), "Easter {y}");
    }
}

#[test]
fn marketplace_zones_cross_dst_at_the_right_instant() {
    let cal = Calendar::builtin();
    // (marketplace, UTC instant, expected local date, expected "HH:MM")
    let cases = [
        // US Eastern: second Sunday of March, 02:00 EST -> 03:00 EDT (07:00 UTC).
        (Marketplace::Us, utc(2025, 3, 9, 6, 59), d(2025, 3, 9), "01:59"),
        (Marketplace::Us, utc(2025, 3, 9, 7, 0), d(2025, 3, 9), "03:00"),
        // First Sunday of November, 02:00 EDT -> 01:00 EST (06:00 UTC).
        (Marketplace::Us, utc(2025, 11, 2, 5, 59), d(2025, 11, 2), "01:59"),
        (Marketplace::Us, utc(2025, 11, 2, 6, 0), d(2025, 11, 2), "01:00"),
        (Marketplace::Ca, utc(2026, 3, 8, 7, 0), d(2026, 3, 8), "03:00"),
        // EU: last Sunday of March / October at 01:00 UTC, for every EU zone.
        (Marketplace::De, utc(2025, 3, 30, 0, 59), d(2025, 3, 30), "01:59"),
        (Marketplace::De, utc(2025, 3, 30, 1, 0), d(2025, 3, 30), "03:00"),
        (Marketplace::Uk, utc(2025, 3, 30, 0, 59), d(2025, 3, 30), "00:59"),
        (Marketplace::Uk, utc(2025, 3, 30, 1, 0), d(2025, 3, 30), "02:00"),
        (Marketplace::Fr, utc(2025, 10, 26, 0, 59), d(2025, 10, 26), "02:59"),
        (Marketplace::Fr, utc(2025, 10, 26, 1, 0), d(2025, 10, 26), "02:00"),
        (Marketplace::Uk, utc(2025, 10, 26, 1, 0), d(2025, 10, 26), "01:00"),
        (Marketplace::Pl, utc(2026, 3, 29, 1, 0), d(2026, 3, 29), "03:00"),
        // No DST: Japan, Mexico (since 2022).
        (Marketplace::Jp, utc(2025, 7, 1, 15, 30), d(2025, 7, 2), "00:30"),
        (Marketplace::Mx, utc(2025, 7, 1, 5, 0), d(2025, 6, 30), "23:00"),
        // Date line of the year end.
        (Marketplace::Jp, utc(2025, 12, 31, 15, 0), d(2026, 1, 1), "00:00"),
        (Marketplace::Us, utc(2026, 1, 1, 4, 59), d(2025, 12, 31), "23:59"),
    ];
    for (m, instant, date, hh_mm) in cases {
        let local = cal.market_zone(m).local(instant);
        assert_eq!((local.date, local.hh_mm().as_str()), (date, hh_mm), "{m} at {instant}");
    }
}

#[test]
fn wall_times_convert_back_to_utc() {
    let cal = Calendar::builtin();
    let ny = cal.zone("America/New_York").expect("zone");
    assert_eq!(ny.to_utc(d(2025, 7, 4), 9 * 60), utc(2025, 7, 4, 13, 0));
    assert_eq!(ny.to_utc(d(2025, 1, 6), 9 * 60), utc(2025, 1, 6, 14, 0));
    // 02:30 does not exist on the spring-forward day: lands after the change.
    assert_eq!(ny.to_utc(d(2025, 3, 9), 150), utc(2025, 3, 9, 7, 30));
    let sh = cal.zone("Asia/Shanghai").expect("zone");
    assert_eq!(sh.to_utc(d(2025, 3, 10), 9 * 60), utc(2025, 3, 10, 1, 0));
    let fixed = cal.zone("+05:30").expect("fixed offset");
    assert_eq!(fixed.local(utc(2025, 1, 1, 20, 0)).hh_mm(), "01:30");
    assert!(cal.zone("Mars/Olympus").is_none());
    assert!(cal.zone("+25:00").is_none());
}

#[test]
fn public_holidays_per_marketplace() {
    let cal = Calendar::builtin();
    let has = |m: Marketplace, date: Date| cal.holidays(m, date.year).iter().any(|(h, _)| *h == date);
    let holidays = [
        (Marketplace::Us, d(2025, 11, 27)), // Thanksgiving
        (Marketplace::Us, d(2026, 11, 26)),
        (Marketplace::Us, d(2027, 7, 5)),   // 4 July on a Sunday, observed Monday
        (Marketplace::Us, d(2021, 12, 24)), // Christmas on a Saturday, observed Friday
        (Marketplace::Us, d(2021, 12, 31)), // New Year 2022 on a Saturday, observed the Friday before
        (Marketplace::Us, d(2025, 1, 20)),  // MLK day, third Monday
        (Marketplace::Us, d(2025, 5, 26)),  // Memorial Day, last Monday
        (Marketplace::De, d(2025, 4, 18)),  // Karfreitag
        (Marketplace::De, d(2025, 4, 21)),  // Ostermontag
        (Marketplace::De, d(2025, 5, 29)),  // Christi Himmelfahrt
        (Marketplace::De, d(2025, 6, 9)),   // Pfingstmontag
        (Marketplace::De, d(2024, 3, 29)),  // Karfreitag 2024
        (Marketplace::De, d(2025, 10, 3)),
        (Marketplace::De, d(2025, 12, 26)),
        (Marketplace::Uk, d(2021, 12, 27)), // Christmas Saturday -> Monday
        (Marketplace::Uk, d(2021, 12, 28)), // Boxing Day Sunday -> Tuesday
        (Marketplace::Uk, d(2022, 12, 26)), // Boxing Day Monday
        (Marketplace::Uk, d(2022, 12, 27)), // Christmas Sunday -> Tuesday
        (Marketplace::Uk, d(2025, 8, 25)),  // Summer bank holiday
        (Marketplace::Fr, d(2025, 7, 14)),
        (Marketplace::Fr, d(2025, 5, 8)),
        (Marketplace::It, d(2025, 4, 21)),  // Pasquetta
        (Marketplace::It, d(2025, 6, 2)),
        (Marketplace::Es, d(2025, 4, 18)),  // Viernes Santo
        (Marketplace::Es, d(2025, 12, 8)),  // Inmaculada Concepción
        (Marketplace::Ca, d(2025, 5, 19)),  // Victoria Day: Monday before 25 May
        (Marketplace::Ca, d(2025, 10, 13)), // Thanksgiving
        (Marketplace::Mx, d(2025, 2, 3)),   // Constitution day, first Monday of February
        (Marketplace::Mx, d(2025, 11, 17)),
        (Marketplace::Nl, d(2026, 4, 27)), // Koningsdag
        (Marketplace::Se, d(2025, 6, 20)),  // Midsommarafton: Friday 19-25 June
        (Marketplace::Pl, d(2025, 6, 19)),  // Boże Ciało: Easter + 60
        (Marketplace::Jp, d(2025, 3, 20)),  // 春分の日
        (Marketplace::Jp, d(2025, 9, 23)),  // 秋分の日
        (Marketplace::Jp, d(2025, 2, 24)),  // 天皇誕生日 on Sunday -> 振替休日
        (Marketplace::Jp, d(2025, 5, 6)),   // みどりの日 on Sunday -> 振替休日 after こどもの日
        (Marketplace::Jp, d(2026, 5, 6)),   // 憲法記念日 on Sunday -> 6 May
        (Marketplace::Jp, d(2026, 9, 22)),  // 国民の休日 between 敬老の日 and 秋分の日
        (Marketplace::Jp, d(2025, 1, 13)),  // 成人の日
    ];
    for (m, date) in holidays {
        assert!(has(m, date), "{m} {date} should be a holiday: {:?}", cal.holidays(m, date.year));
    }
    let working = [
        (Marketplace::Us, d(2025, 11, 28)),
        (Marketplace::De, d(2025, 4, 22)),
        (Marketplace::Uk, d(2021, 12, 29)),
        (Marketplace::Jp, d(2025, 5, 7)),
        (Marketplace::Jp, d(2025, 9, 22)), // no sandwich in 2025: 敬老の日 is 15 Sept
        (Marketplace::Fr, d(2025, 4, 18)),  // Good Friday is not a French holiday
        (Marketplace::Mx, d(2025, 10, 1)),  // only in inauguration years
    ];
    for (m, date) in working {
        assert!(!has(m, date), "{m} {date} should be a working day");
    }
    assert!(has(Marketplace::Mx, d(2024, 10, 1)));
}

#[test]
fn business_days_skip_weekends_holidays_and_year_ends() {
    let cal = Calendar::builtin();
    let cases = [
        (Marketplace::De, d(2025, 4, 17), 1, d(2025, 4, 22)), // over Karfreitag and Ostermontag
        (Marketplace::Us, d(2025, 11, 26), 1, d(2025, 11, 28)), // over Thanksgiving
        (Marketplace::De, d(2025, 12, 31), 1, d(2026, 1, 2)), // over New Year
        (Marketplace::Uk, d(2025, 12, 24), 1, d(2025, 12, 29)), // Christmas and Boxing Day, weekend
        (Marketplace::Jp, d(2025, 4, 30), 2, d(2025, 5, 2)),
        (Marketplace::Jp, d(2025, 4, 30), 3, d(2025, 5, 7)), // Golden Week
        (Marketplace::Us, d(2028, 2, 25), 2, d(2028, 2, 29)), // leap day
        (Marketplace::Fr, d(2025, 3, 15), 0, d(2025, 3, 17)), // Saturday, n = 0 -> Monday
        (Marketplace::Fr, d(2025, 3, 14), 0, d(2025, 3, 14)),
        (Marketplace::It, d(2025, 3, 14), 5, d(2025, 3, 21)),
        (Marketplace::Se, d(2025, 12, 23), 1, d(2025, 12, 29)), // Julafton to Annandag jul
    ];
    for (m, start, n, expected) in cases {
        assert_eq!(cal.add_business_days(m, start, n), expected, "{m}: {n} business days after {start}");
    }
}

#[test]
fn dates_are_written_the_way_each_market_writes_them() {
    let cal = Calendar::builtin();
    let date = d(2025, 3, 13);
    let cases = [
        (Lang::En, Marketplace::Us, "Thursday, March 13"),
        (Lang::En, Marketplace::Uk, "Thursday, 13 March"),
        (Lang::En, Marketplace::De, "Thursday, 13 March"),
        (Lang::De, Marketplace::De, "Donnerstag, 13.03."),
        (Lang::Fr, Marketplace::Fr, "jeudi 13 mars"),
        (Lang::Fr, Marketplace::Ca, "jeudi 13 mars"),
        (Lang::It, Marketplace::It, "giovedì 13 marzo"),
        (Lang::Es, Marketplace::Es, "jueves 13 de marzo"),
        (Lang::Ja, Marketplace::Jp, "3月13日(木)"),
    ];
    for (lang, m, expected) in cases {
        assert_eq!(cal.format_date(date, lang, m, 2025), expected);
    }
    let next_year = d(2026, 1, 2);
    let with_year = [
        (Lang::En, Marketplace::Us, "Friday, January 2, 2026"),
        (Lang::En, Marketplace::Uk, "Friday, 2 January 2026"),
        (Lang::De, Marketplace::De, "Freitag, 02.01.2026"),
        (Lang::Es, Marketplace::Mx, "viernes 2 de enero de 2026"),
        (Lang::Ja, Marketplace::Jp, "2026年1月2日(金)"),
    ];
    for (lang, m, expected) in with_year {
        assert_eq!(cal.format_date(next_year, lang, m, 2025), expected);
    }
}

#[test]
fn the_count_starts_at_the_sellers_next_working_start() {
    let cal = Calendar::builtin();
    let profile = Profile::default(); // Asia/Shanghai, Mon-Fri 09:00-18:00, 1 handling day
    // Friday 20:00 in Shanghai: next start is Monday 09:00 CST = 01:00 UTC.
    assert_eq!(next_working_start(cal, &profile, utc(2025, 3, 7, 12, 0)), utc(2025, 3, 10, 1, 0));
    // Tuesday 10:00 in Shanghai: now.
    assert_eq!(next_working_start(cal, &profile, utc(2025, 3, 11, 2, 0)), utc(2025, 3, 11, 2, 0));
    // Tuesday 07:00 in Shanghai: 09:00 the same day.
    assert_eq!(next_working_start(cal, &profile, utc(2025, 3, 10, 23, 0)), utc(2025, 3, 11, 1, 0));

    // Seller's Monday 09:00 is Sunday 21:00 in New York (DST began that
    // day), so one handling day lands on Monday 10 March in the US.
    let s = schedule(cal, &profile, Marketplace::Us, utc(2025, 3, 7, 12, 0));
    assert_eq!((s.today, s.ship_by, s.resolve_by), (d(2025, 3, 7), d(2025, 3, 10), d(2025, 3, 11)));
    assert_eq!(s.deliver_by, d(2025, 3, 17));
    // Germany, Thursday before Easter, seller working: Karfreitag and
    // Ostermontag are skipped.
    let s = schedule(cal, &profile, Marketplace::De, utc(2025, 4, 17, 3, 0));
    assert_eq!((s.ship_by, s.resolve_by), (d(2025, 4, 22), d(2025, 4, 23)));
    // A seller in Germany working Saturdays until 14:00.
    let berlin = Profile {
        time_zone: String::from("Europe/Berlin"),
        working_days: ["mon", "tue", "wed", "thu", "fri", "sat"].iter().map(|s| s.to_string()).collect(),
        working_hours: WorkingHours { start: String::from("09:00"), end: String::from("14:00") },
        ..Profile::default()
    };
    // Saturday 29 March 15:30 CET (after hours); DST starts overnight, so
    // Monday 09:00 is CEST = 07:00 UTC.
    assert_eq!(next_working_start(cal, &berlin, utc(2025, 3, 29, 14, 30)), utc(2025, 3, 31, 7, 0));
}

#[test]
fn the_reply_clock() {
    let cal = Calendar::builtin();
    let received = utc(2025, 3, 13, 10, 0);
    // 22:00 UTC is 07:00 the next morning in Tokyo: not night any more.
    let c = clock(cal, Marketplace::Jp, utc(2025, 3, 13, 22, 0), Some(received));
    assert_eq!((c.reply_by_ms, c.remaining_minutes, c.overdue), (Some(utc(2025, 3, 14, 10, 0)), Some(720), false));
    assert_eq!((c.buyer_local_time.as_str(), c.buyer_night), ("07:00", false));
    // 21:59 UTC is 06:59 in Tokyo: night.
    let c = clock(cal, Marketplace::Jp, utc(2025, 3, 13, 21, 59), Some(received));
    assert_eq!((c.buyer_local_time.as_str(), c.buyer_night), ("06:59", true));
    // 04:00 UTC on 15 March is 00:00 EDT in New York: night, overdue.
    let c = clock(cal, Marketplace::Us, utc(2025, 3, 15, 4, 0), Some(received));
    assert_eq!((c.buyer_local_time.as_str(), c.buyer_night, c.overdue, c.remaining_minutes), ("00:00", true, true, Some(0)));
    // 22:00 UTC is 23:00 in Berlin in winter: night starts at 23:00.
    let c = clock(cal, Marketplace::De, utc(2025, 1, 10, 22, 0), None);
    assert_eq!((c.buyer_local_time.as_str(), c.buyer_night, c.reply_by_ms), ("23:00", true, None));
}

#[test]
fn extreme_inputs_do_not_panic() {
    let cal = Calendar::builtin();
    for m in Marketplace::ALL {
        let zone = cal.market_zone(*m);
        for ms in [i64::MIN, -1, 0, i64::MAX] {
            let _ = zone.local(ms);
            let _ = clock(cal, *m, ms, Some(ms));
        }
        for year in [i32::MIN, -1, 0, 9999, i32::MAX] {
            let _ = cal.holidays(*m, year);
            let _ = zone.to_utc(Date { year, month: 6, day: 15 }, 600);
        }
        assert_eq!(cal.add_business_days(*m, d(9999, 12, 30), 3).year, 10_000);
    }
    let odd = Date { year: 2025, month: 0, day: 0 };
    assert!(!cal.format_date(odd, Lang::De, Marketplace::De, 2025).is_empty());
    let _ = Date::from_days(i64::MAX).add_days(i64::MAX);
    let _ = schedule(cal, &Profile::default(), Marketplace::Us, 0);
}

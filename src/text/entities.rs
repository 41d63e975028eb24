//! Facts in text: order IDs, ASINs, tracking numbers, money, dates,
//! durations, model numbers.
//!
//! Everything is matched on the [`normalize`]d text (lowercase, full-width
//! folded, accents folded, white space collapsed), so "１１３－４４５…",
//! "Bestellnr." and "BESTELLNR." look alike, and mapped back to the user's
//! own characters. Shapes are regexes in this file; every word list
//! (months, weekdays, number words, units, relative-date phrases, carrier
//! and tracking words, currency markers) is data under `data/text/`.
//! Numbers use ASCII word boundaries, so a number glued to Japanese or
//! Chinese text ("注文番号は250-…です") is still found.
//!
//! When candidates overlap, the longer one wins, then the more specific
//! kind (order ID > tracking > ASIN > money, date > duration > model); the
//! result is sorted by position and never overlaps.

use super::lexicon::{self, Dates};
use super::normalize::{normalize, Normalized};
use super::offsets::Spans;
use super::Span;
use crate::contract::{Carrier, EntityKind, Lang};
use aho_corasick::{AhoCorasick, MatchKind};
use regex::{Captures, Regex};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One fact: its kind, the text as written, where it is, and a normalised
/// `value` whose format depends on the kind:
///
/// | kind | value |
/// |---|---|
/// | `order_id` | `ddd-ddddddd-ddddddd`, whatever separators were typed |
/// | `asin` | the ten characters, uppercase (`B08N5WRWNW`) |
/// | `tracking` | uppercase, no spaces or dashes (`1Z999AA10123456784`); `carrier` set when the format or a nearby carrier word says which |
/// | `money` | amount with `.` as decimal separator and no grouping, a space, the ISO 4217 code: `49.99 EUR`, `3980 JPY`, `8.50 GBP`, `49 USD` (decimals only when written; one written decimal is padded: `49,9 €` → `49.90 EUR`) |
/// | `date` | absolute: ISO `2025-03-14`, or `--03-14` when no year was written; relative: signed ISO-8601 duration from the day of writing, `-P1D` (yesterday), `-P10D`, `-P2W`, `-P1M`, `+P0D` (today), `+P1D` (tomorrow), `+P3D` (in 3 days); a weekday relative to this week: `last:tue`, `next:fri` (days `mon tue wed thu fri sat sun`) |
/// | `duration` | ISO-8601 duration: `P10D`, `P2W`, `P3M`, `P1Y`, `PT48H` |
/// | `model` | the model number uppercase, as written (`WH-1000XM4`, `A2337`) |
///
/// Numeric dates with `/` whose day and month could be swapped (03/04/2025)
/// follow the text's language: month first in English, day first
/// elsewhere; a number over 12 settles it either way. "hace 5 días" is a
/// date (`-P5D`: five days ago); "desde hace 5 días" is a duration.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entity {
    pub kind: EntityKind,
    pub text: String,
    #[serde(flatten)]
    pub span: Span,
    pub value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier: Option<Carrier>,
}

impl Spans for Entity {
    fn for_each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        f(&mut self.span)
    }
}

/// All facts in `text`, sorted by position, never overlapping. The language
/// (for day/month order and a few ambiguous words) is detected; use
/// [`extract_for`] when it is already known.
pub fn extract(text: &str) -> Vec<Entity> {
    extract_for(text, super::lang::detect(text).lang)
}

/// All facts in `text` written in `lang` (`Lang::Unknown` is fine).
pub fn extract_for(text: &str, lang: Lang) -> Vec<Entity> {
    let norm = normalize(text);
    let p = patterns();
    let t = norm.text.as_str();
    let ctx = Context::scan(p, t);
    let mut found = Vec::new();
    order_ids(p, t, &ctx, &mut found);
    asins(p, t, &mut found);
    tracking(p, t, &ctx, &mut found);
    money(p, t, lang, &mut found);
    dates(p, t, lang, &mut found);
    durations(p, t, &mut found);
    models(p, text, &norm, &mut found);
    resolve(text, &norm, found)
}

/// A match on the normalised text before overlaps are settled.
struct Candidate {
    span: Span,
    kind: EntityKind,
    value: String,
    carrier: Option<Carrier>,
}

fn rank(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::OrderId => 7,
        EntityKind::Tracking => 6,
        EntityKind::Asin => 5,
        EntityKind::Money => 4,
        EntityKind::Date => 3,
        EntityKind::Duration => 2,
        EntityKind::Model => 1,
    }
}

/// Longest first, then most specific; keep what does not overlap a kept
/// one; map to the original text.
fn resolve(text: &str, norm: &Normalized, mut found: Vec<Candidate>) -> Vec<Entity> {
    found.sort_by(|a, b| {
        b.span.len().cmp(&a.span.len()).then(rank(b.kind).cmp(&rank(a.kind))).then(a.span.start.cmp(&b.span.start))
    });
    let mut kept: Vec<Candidate> = Vec::new();
    for c in found {
        if !c.span.is_empty() && !kept.iter().any(|k| k.span.overlaps(c.span)) {
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| c.span.start);
    kept.into_iter()
        .map(|c| {
            let span = norm.original(c.span);
            Entity { kind: c.kind, text: span.slice(text).to_string(), span, value: c.value, carrier: c.carrier }
        })
        .collect()
}

/// ASCII word boundary: works between digits and CJK text, where Unicode
/// `\b` sees no boundary.
const B: &str = r"(?-u:\b)";

struct Patterns {
    order: Regex,
    asin: Regex,
    ups: Regex,
    amazon: Regex,
    s10: Regex,
    colissimo: Regex,
    digits: Regex,
    grouped_digits: Regex,
    money_before: Regex,
    money_after: Regex,
    ymd: Regex,
    numeric_date: Regex,
    day_month_dots: Regex,
    month_day_slash: Regex,
    day_month_name: Regex,
    month_name_day: Regex,
    cjk_date: Regex,
    phrases: Regex,
    ago: Regex,
    ahead: Regex,
    since: Regex,
    last: Regex,
    next: Regex,
    model: Regex,
    /// Normalised word → value, for months (1..12), weekdays (0..7),
    /// number words (1..12) and units (D, W, M, Y, H).
    month_of: HashMap<String, u32>,
    weekday_of: HashMap<String, usize>,
    number_of: HashMap<String, u32>,
    unit_of: HashMap<String, char>,
    phrase_of: HashMap<String, (String, Option<Lang>)>,
    /// Carrier, tracking and order words: pattern index → what it says.
    context: AhoCorasick,
    context_kind: Vec<Vec<Cue>>,
}

#[derive(Clone, Copy, PartialEq)]
enum Cue {
    Carrier(usize),
    Tracking,
    Order,
}

fn patterns() -> &'static Patterns {
    static CELL: OnceLock<Patterns> = OnceLock::new();
    CELL.get_or_init(Patterns::build)
}

/// Compiles a pattern this module ships; a failure is a defect caught by
/// the tests, never a user error.
fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("entity pattern does not compile: {e}"))
}

/// `a|b|c` of every alternative in `lists`, longest first so the longest
/// word wins, regex-escaped.
fn alternation<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut all: Vec<&str> = words.into_iter().flat_map(|w| w.split('|')).filter(|w| !w.is_empty()).collect();
    all.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    all.dedup();
    all.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")
}

/// Wraps a word-like pattern in ASCII boundaries on the sides that are
/// ASCII letters or digits (CJK words need none).
fn bounded(pattern: &str, first_ascii: bool, last_ascii: bool) -> String {
    format!("{}{pattern}{}", if first_ascii { B } else { "" }, if last_ascii { B } else { "" })
}

fn is_word_ascii(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Every word of a `|`-list mapped to `value`.
fn index_words<V: Copy>(map: &mut HashMap<String, V>, alts: &str, value: V) {
    for w in alts.split('|').filter(|w| !w.is_empty()) {
        map.entry(w.to_string()).or_insert(value);
    }
}

impl Patterns {
    fn build() -> Patterns {
        let d = lexicon::dates();
        let mut month_of = HashMap::new();
        let mut weekday_of = HashMap::new();
        let mut number_of = HashMap::new();
        let mut unit_of = HashMap::new();
        for list in d.months.values() {
            for (i, alts) in list.iter().enumerate() {
                index_words(&mut month_of, alts, i as u32 + 1);
            }
        }
        for list in d.weekdays.values() {
            for (i, alts) in list.iter().enumerate() {
                index_words(&mut weekday_of, alts, i);
            }
        }
        for list in d.numbers.values() {
            for (i, alts) in list.iter().enumerate() {
                index_words(&mut number_of, alts, i as u32 + 1);
            }
        }
        for a in &d.articles {
            index_words(&mut number_of, a, 1);
        }
        for (letter, alts) in &d.units {
            let c = letter.chars().next().unwrap_or('D').to_ascii_uppercase();
            index_words(&mut unit_of, alts, c);
        }
        let phrase_of: HashMap<String, (String, Option<Lang>)> = d
            .phrases
            .iter()
            .flat_map(|p| p.text.split('|').map(move |w| (w.to_string(), (p.value.clone(), p.strict))))
            .collect();

        let months = alternation(d.months.values().flatten().map(String::as_str));
        let num = format!(r"\d{{1,3}}|{}", alternation(number_of.keys().map(String::as_str)));
        let unit = alternation(d.units.values().map(String::as_str));
        let weekday = alternation(d.weekdays.values().flatten().map(String::as_str));
        let phrases = phrase_pattern(d);

        let amount = r"\d{1,3}(?:[.,' ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?";
        let money = lexicon::money();
        // Word markers ("eur", "kr") need a boundary on their word side.
        let marker = |keys: Vec<&String>, after: bool| {
            let mut keys: Vec<&str> = keys.into_iter().map(String::as_str).collect();
            keys.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
            keys.iter()
                .map(|k| {
                    let e = regex::escape(k);
                    match after {
                        false if k.starts_with(|c: char| c.is_ascii_alphabetic()) => format!("{B}{e}"),
                        true if k.ends_with(|c: char| c.is_ascii_alphabetic()) => format!("{e}{B}"),
                        _ => e,
                    }
                })
                .collect::<Vec<_>>()
                .join("|")
        };
        let before = marker(money.before.keys().collect(), false);
        let after = marker(money.after.keys().collect(), true);

        let (context, context_kind) = context_automaton();
        Patterns {
            order: re(&format!(r"{B}(\d{{3}})([- ]?)(\d{{7}})([- ]?)(\d{{7}}){B}")),
            asin: re(&format!(r"{B}b0[0-9a-z]{{8}}{B}")),
            ups: re(&format!(r"{B}1z(?: ?[0-9a-z]){{16}}{B}")),
            amazon: re(&format!(r"{B}tba ?\d{{12}}{B}")),
            s10: re(&format!(r"{B}([a-z]{{2}}) ?(?:\d{{3}} ?\d{{3}} ?\d{{3}}|\d{{4}} ?\d{{4}} ?\d) ?([a-z]{{2}}){B}")),
            colissimo: re(&format!(r"{B}[5-9][a-z]\d{{11}}{B}")),
            digits: re(&format!(r"{B}\d{{10,22}}{B}")),
            grouped_digits: re(&format!(r"{B}\d{{4}}(?:[- ]\d{{4}}){{2,5}}(?:[- ]\d{{1,4}})?{B}")),
            money_before: re(&format!(r"(?:{before}) ?({amount})(?:{B}|$)")),
            money_after: re(&format!(r"{B}({amount}) ?(?:{after})")),
            ymd: re(&format!(r"{B}(\d{{4}})([-/.])(\d{{1,2}})([-/.])(\d{{1,2}}){B}")),
            numeric_date: re(&format!(r"{B}(\d{{1,2}})([./-])(\d{{1,2}})([./-])(\d{{4}}|\d{{2}}){B}")),
            day_month_dots: re(&format!(r"{B}(\d{{1,2}})\.(\d{{1,2}})\.")),
            month_day_slash: re(&format!(r"{B}(\d{{1,2}})/(\d{{1,2}}){B}")),
            day_month_name: re(&format!(
                r"{B}(\d{{1,2}})(?:\.|st|nd|rd|th|er|eme|o|°)? ?(?:de |di |of )?({months}){B}(?:\.?,? ?(?:de |del )?(\d{{4}}){B})?"
            )),
            month_name_day: re(&format!(r"{B}({months})\.? (\d{{1,2}})(?:st|nd|rd|th)?{B}(?:,? (\d{{4}}){B})?")),
            cjk_date: re(&format!(r"{B}(?:(\d{{4}})年)?(\d{{1,2}})月(\d{{1,2}})日")),
            phrases: re(&phrases),
            ago: re(&templates(&d.ago, &num, &unit, &weekday, &d.duration_units_cjk)),
            ahead: re(&templates(&d.ahead, &num, &unit, &weekday, &d.duration_units_cjk)),
            since: re(&templates(&d.since, &num, &unit, &weekday, &d.duration_units_cjk)),
            last: re(&templates(&d.last, &num, &unit, &weekday, &d.duration_units_cjk)),
            next: re(&templates(&d.next, &num, &unit, &weekday, &d.duration_units_cjk)),
            model: re(&format!(
                r"{B}(?:[a-z]{{1,6}}-?\d{{2,6}}[a-z0-9]{{0,6}}(?:-[a-z0-9]{{1,6}})?|[a-z]{{1,4}}-[a-z]{{1,2}}\d{{2,5}}[a-z0-9]{{0,4}}){B}"
            )),
            month_of,
            weekday_of,
            number_of,
            unit_of,
            phrase_of,
            context,
            context_kind,
        }
    }
}

/// One alternation of every relative-date phrase, bounded where ASCII.
fn phrase_pattern(d: &Dates) -> String {
    let mut words: Vec<&str> = d.phrases.iter().flat_map(|p| p.text.split('|')).collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words
        .iter()
        .map(|w| {
            bounded(
                &regex::escape(w),
                w.starts_with(|c: char| c.is_ascii_alphanumeric()),
                w.ends_with(|c: char| c.is_ascii_alphanumeric()),
            )
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// Expands `{n}`, `{u}`, `{du}`, `{d}` templates into one alternation with
/// one capture group per placeholder, in template order.
fn templates(list: &[String], num: &str, unit: &str, weekday: &str, cjk_units: &str) -> String {
    let cjk = alternation([cjk_units]);
    list.iter()
        .flat_map(|t| t.split('|'))
        .map(|t| {
            let body = regex::escape(t)
                .replace(r"\{n\}", &format!("({num})"))
                .replace(r"\{du\}", &format!("({cjk})"))
                .replace(r"\{u\}", &format!("({unit})"))
                .replace(r"\{d\}", &format!("({weekday})"))
                .replace(' ', " ?");
            // CJK templates need no boundary (and an ASCII one would fail
            // between two CJK characters).
            let latin = t.is_ascii() && !t.contains("{du}");
            let edge = |c: Option<char>| latin && (c == Some('{') || c == Some('}') || is_word_ascii(c));
            format!("(?:{})", bounded(&body, edge(t.chars().next()), edge(t.chars().last())))
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// Carrier, tracking and order words in one automaton; a word can carry
/// several cues ("dhl" names two carriers).
fn context_automaton() -> (AhoCorasick, Vec<Vec<Cue>>) {
    let c = lexicon::carriers();
    let mut words: Vec<&str> = Vec::new();
    let mut cues: Vec<Vec<Cue>> = Vec::new();
    let mut add = |w: &'static str, cue: Cue| match words.iter().position(|x| *x == w) {
        Some(i) => cues[i].push(cue),
        None => {
            words.push(w);
            cues.push(vec![cue]);
        }
    };
    for (i, cw) in c.carriers.iter().enumerate() {
        for w in &cw.words {
            add(w, Cue::Carrier(i));
        }
    }
    for w in &c.tracking_words {
        add(w, Cue::Tracking);
    }
    for w in &c.order_words {
        add(w, Cue::Order);
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&words)
        .unwrap_or_else(|e| panic!("carrier words do not build: {e}"));
    (ac, cues)
}

/// Where the carrier, tracking and order words are in the text.
struct Context {
    /// (start, end, cue), in text order.
    cues: Vec<(usize, usize, Cue)>,
}

/// How far before a number a cue word may stand, and after it.
const CUE_BEFORE: usize = 60;
const CUE_AFTER: usize = 30;

impl Context {
    fn scan(p: &Patterns, t: &str) -> Context {
        let bytes = t.as_bytes();
        let is_word = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
        let mut cues = Vec::new();
        for m in p.context.find_iter(t) {
            // A Latin cue word must be a whole word ("ups" is not in "groups").
            let (s, e) = (m.start(), m.end());
            let starts_word = !is_word(s) || s == 0 || !is_word(s - 1);
            let ends_word = !is_word(e - 1) || !is_word(e);
            if starts_word && ends_word {
                cues.extend(p.context_kind[m.pattern().as_usize()].iter().map(|&cue| (s, e, cue)));
            }
        }
        Context { cues }
    }

    /// The cues within reach of `span`.
    fn near(&self, span: Span) -> impl Iterator<Item = Cue> + '_ {
        let from = span.start.saturating_sub(CUE_BEFORE);
        let to = span.end + CUE_AFTER;
        self.cues.iter().filter(move |&&(s, e, _)| s >= from && e <= to && !Span::new(s, e).overlaps(span)).map(|c| c.2)
    }
}

fn push(found: &mut Vec<Candidate>, start: usize, end: usize, kind: EntityKind, value: String, carrier: Option<Carrier>) {
    found.push(Candidate { span: Span::new(start, end), kind, value, carrier });
}

fn digits_only(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn compact_upper(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_uppercase()
}

fn order_ids(p: &Patterns, t: &str, ctx: &Context, found: &mut Vec<Candidate>) {
    for c in p.order.captures_iter(t) {
        let whole = c.get(0).map_or(Span::default(), |m| Span::new(m.start(), m.end()));
        let separated = !c[2].is_empty() || !c[4].is_empty();
        // Seventeen bare digits are an order id only when the text says so.
        if separated || ctx.near(whole).any(|cue| cue == Cue::Order) {
            let value = format!("{}-{}-{}", &c[1], &c[3], &c[5]);
            push(found, whole.start, whole.end, EntityKind::OrderId, value, None);
        }
    }
}

fn asins(p: &Patterns, t: &str, found: &mut Vec<Candidate>) {
    for m in p.asin.find_iter(t) {
        push(found, m.start(), m.end(), EntityKind::Asin, m.as_str().to_ascii_uppercase(), None);
    }
}

fn tracking(p: &Patterns, t: &str, ctx: &Context, found: &mut Vec<Candidate>) {
    for m in p.ups.find_iter(t) {
        push(found, m.start(), m.end(), EntityKind::Tracking, compact_upper(m.as_str()), Some(Carrier::Ups));
    }
    for m in p.amazon.find_iter(t) {
        push(found, m.start(), m.end(), EntityKind::Tracking, compact_upper(m.as_str()), Some(Carrier::AmazonLogistics));
    }
    for m in p.colissimo.find_iter(t) {
        push(found, m.start(), m.end(), EntityKind::Tracking, compact_upper(m.as_str()), Some(Carrier::LaPoste));
    }
    let countries = &lexicon::carriers().s10_countries;
    for c in p.s10.captures_iter(t) {
        let Some(m) = c.get(0) else { continue };
        let carrier = countries.get(&c[2]).copied();
        push(found, m.start(), m.end(), EntityKind::Tracking, compact_upper(m.as_str()), carrier);
    }
    for m in p.digits.find_iter(t).chain(p.grouped_digits.find_iter(t)) {
        let span = Span::new(m.start(), m.end());
        let digits = digits_only(m.as_str());
        if let Some(carrier) = digit_carrier(&digits, ctx, span) {
            push(found, span.start, span.end, EntityKind::Tracking, digits, carrier);
        }
    }
}

/// Whether a digit-only number is a tracking number, and whose: `None`
/// when it is not one, `Some(None)` when it is but the carrier is unknown.
fn digit_carrier(digits: &str, ctx: &Context, span: Span) -> Option<Option<Carrier>> {
    let len = digits.len();
    // Formats that say it on their own.
    if len == 22 && digits.starts_with('9') && matches!(digits.as_bytes()[1], b'1'..=b'5') {
        return Some(Some(Carrier::Usps));
    }
    if len == 20 && digits.starts_with("00") {
        return Some(Some(Carrier::DhlPaket));
    }
    let carriers = &lexicon::carriers().carriers;
    let named: Vec<usize> = ctx
        .near(span)
        .filter_map(|cue| match cue {
            Cue::Carrier(i) => Some(i),
            _ => None,
        })
        .collect();
    // The first carrier in data order that is named nearby and whose
    // numbers have this length.
    if let Some(cw) = carriers.iter().enumerate().find(|(i, cw)| named.contains(i) && cw.digits.contains(&len)) {
        return Some(Some(cw.1.carrier));
    }
    if ctx.near(span).any(|cue| cue == Cue::Tracking) || !named.is_empty() {
        let by_length = match len {
            15 => Some(Carrier::Fedex),
            20 | 22 if digits.starts_with('9') => Some(Carrier::Usps),
            _ => None,
        };
        return Some(by_length);
    }
    None
}

/// Parses a written amount into (integer digits, decimal digits): the last
/// `.` or `,` is a decimal separator when one or two digits follow it, a
/// thousands separator when three do.
fn parse_amount(raw: &str) -> (String, Option<String>) {
    let (int, dec) = match raw.rfind(['.', ',']) {
        Some(i) if raw.len() - i - 1 <= 2 => (&raw[..i], Some(&raw[i + 1..])),
        _ => (raw, None),
    };
    let int = digits_only(int);
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    (int.to_string(), dec.map(|d| format!("{d:0<2}")))
}

fn money(p: &Patterns, t: &str, lang: Lang, found: &mut Vec<Candidate>) {
    let m = lexicon::money();
    let mut add = |span: Span, amount: &str, marker: &str, map: &HashMap<String, String>| {
        let Some(code) = map.get(marker.trim()) else { return };
        // The yen sign is also the yuan sign: in Chinese text it is CNY.
        let code = if code == "JPY" && lang == Lang::Zh && marker.trim() != "円" { "CNY" } else { code.as_str() };
        let (int, dec) = parse_amount(amount.trim());
        // Yen has no minor unit: a written "3,98" is kept as written.
        let dec = dec.filter(|d| d != "00" || !m.no_decimals.iter().any(|c| c == code));
        let value = match dec {
            Some(d) => format!("{int}.{d} {code}"),
            None => format!("{int} {code}"),
        };
        push(found, span.start, span.end, EntityKind::Money, value, None);
    };
    for c in p.money_before.captures_iter(t) {
        let (Some(all), Some(amount)) = (c.get(0), c.get(1)) else { continue };
        let marker = &t[all.start()..amount.start()];
        add(Span::new(all.start(), amount.end()), amount.as_str(), marker, &m.before);
    }
    for c in p.money_after.captures_iter(t) {
        let (Some(all), Some(amount)) = (c.get(0), c.get(1)) else { continue };
        let marker = &t[amount.end()..all.end()];
        add(Span::new(all.start(), all.end()), amount.as_str(), marker, &m.after);
    }
}

fn days_in_month(month: u32, year: Option<u32>) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) => 28,
            _ => 29,
        },
        _ => 31,
    }
}

/// `YYYY-MM-DD` or `--MM-DD`, or `None` for an impossible date.
fn iso_date(year: Option<u32>, month: u32, day: u32) -> Option<String> {
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(month, year) {
        return None;
    }
    Some(match year {
        Some(y) => format!("{y:04}-{month:02}-{day:02}"),
        None => format!("--{month:02}-{day:02}"),
    })
}

fn num(c: &Captures, i: usize) -> Option<u32> {
    c.get(i).and_then(|m| m.as_str().parse().ok())
}

/// A two-digit year is this century's.
fn full_year(y: u32) -> u32 {
    if y < 100 {
        2000 + y
    } else {
        y
    }
}

fn dates(p: &Patterns, t: &str, lang: Lang, found: &mut Vec<Candidate>) {
    let mut add = |m: Option<regex::Match>, value: Option<String>| {
        if let (Some(m), Some(v)) = (m, value) {
            push(found, m.start(), m.end(), EntityKind::Date, v, None);
        }
    };
    for c in p.ymd.captures_iter(t) {
        if c[2] == c[4] {
            let value = (|| iso_date(Some(num(&c, 1)?), num(&c, 3)?, num(&c, 5)?))();
            add(c.get(0), value);
        }
    }
    for c in p.numeric_date.captures_iter(t) {
        if c[2] != c[4] {
            continue;
        }
        let (Some(a), Some(b), Some(y)) = (num(&c, 1), num(&c, 3), num(&c, 5)) else { continue };
        let year = Some(full_year(y));
        // Dots are always day first; slashes and dashes follow the language.
        let month_first = &c[2] != "." && lang == Lang::En;
        let (month, day) = if month_first { (a, b) } else { (b, a) };
        let value = iso_date(year, month, day).or_else(|| iso_date(year, day, month));
        add(c.get(0), value);
    }
    for c in p.day_month_dots.captures_iter(t) {
        let Some(m) = c.get(0) else { continue };
        if t[m.end()..].starts_with(|ch: char| ch.is_ascii_digit()) {
            continue;
        }
        let value = (|| iso_date(None, num(&c, 2)?, num(&c, 1)?))();
        add(Some(m), value);
    }
    if matches!(lang, Lang::Ja | Lang::Zh) {
        for c in p.month_day_slash.captures_iter(t) {
            let value = (|| iso_date(None, num(&c, 1)?, num(&c, 2)?))();
            add(c.get(0), value);
        }
    }
    for c in p.day_month_name.captures_iter(t) {
        let month = p.month_of.get(&c[2]).copied();
        let value = (|| iso_date(num(&c, 3), month?, num(&c, 1)?))();
        add(c.get(0), value);
    }
    for c in p.month_name_day.captures_iter(t) {
        let month = p.month_of.get(&c[1]).copied();
        let value = (|| iso_date(num(&c, 3), month?, num(&c, 2)?))();
        add(c.get(0), value);
    }
    for c in p.cjk_date.captures_iter(t) {
        let value = (|| iso_date(num(&c, 1), num(&c, 2)?, num(&c, 3)?))();
        add(c.get(0), value);
    }
    for m in p.phrases.find_iter(t) {
        if let Some((value, strict)) = p.phrase_of.get(m.as_str()) {
            if strict.is_none_or(|l| l == lang) {
                push(found, m.start(), m.end(), EntityKind::Date, value.clone(), None);
            }
        }
    }
    for (re, sign) in [(&p.ago, '-'), (&p.ahead, '+')] {
        for c in re.captures_iter(t) {
            if let (Some(m), Some((n, u))) = (c.get(0), number_and_unit(p, &c)) {
                push(found, m.start(), m.end(), EntityKind::Date, format!("{sign}{}", iso_duration(n, u)), None);
            }
        }
    }
    for (re, which) in [(&p.last, "last"), (&p.next, "next")] {
        for c in re.captures_iter(t) {
            let day = c.iter().skip(1).flatten().next().and_then(|g| p.weekday_of.get(g.as_str()));
            if let (Some(m), Some(&d)) = (c.get(0), day) {
                const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
                push(found, m.start(), m.end(), EntityKind::Date, format!("{which}:{}", DAYS[d]), None);
            }
        }
    }
}

/// The number and unit letter captured by a template alternative: the
/// first two groups that matched.
fn number_and_unit(p: &Patterns, c: &Captures) -> Option<(u32, char)> {
    let mut groups = c.iter().skip(1).flatten();
    let n = groups.next()?.as_str();
    let u = groups.next()?.as_str();
    let n = n.parse().ok().or_else(|| p.number_of.get(n).copied())?;
    let u = p.unit_of.get(u).copied()?;
    Some((n, u))
}

fn iso_duration(n: u32, unit: char) -> String {
    if unit == 'H' {
        format!("PT{n}H")
    } else {
        format!("P{n}{unit}")
    }
}

fn durations(p: &Patterns, t: &str, found: &mut Vec<Candidate>) {
    for c in p.since.captures_iter(t) {
        if let (Some(m), Some((n, u))) = (c.get(0), number_and_unit(p, &c)) {
            push(found, m.start(), m.end(), EntityKind::Duration, iso_duration(n, u), None);
        }
    }
}

/// Model numbers, conservatively: letters then digits, and either a dash
/// inside or written in capitals by the user (`A2337`, not `a2337`), with
/// at least two digits.
fn models(p: &Patterns, text: &str, norm: &Normalized, found: &mut Vec<Candidate>) {
    let t = norm.text.as_str();
    for m in p.model.find_iter(t) {
        let s = m.as_str();
        let digits = s.bytes().filter(u8::is_ascii_digit).count();
        if digits < 2 {
            continue;
        }
        let original = norm.original(Span::new(m.start(), m.end())).slice(text);
        let capitals = !original.chars().any(char::is_lowercase);
        if s.contains('-') || capitals {
            push(found, m.start(), m.end(), EntityKind::Model, s.to_ascii_uppercase(), None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        let p = patterns();
        assert!(p.month_of.len() > 80 && p.number_of.len() > 50 && p.unit_of.len() > 60);
        assert!(p.weekday_of.len() > 40 && p.phrase_of.len() > 50);
    }

    #[test]
    fn amounts_parse_with_either_separator() {
        assert_eq!(parse_amount("1.234,56"), ("1234".into(), Some("56".into())));
        assert_eq!(parse_amount("1,234.5"), ("1234".into(), Some("50".into())));
        assert_eq!(parse_amount("3,980"), ("3980".into(), None));
        assert_eq!(parse_amount("1.000"), ("1000".into(), None));
        assert_eq!(parse_amount("0,99"), ("0".into(), Some("99".into())));
    }
}

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
use super::pattern::ascii_classes;
use super::Span;
use crate::contract::{Carrier, EntityKind, Lang};
use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
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
    extract_normalized(text, &normalize(text), lang)
}

/// [`extract_for`] when the caller already has `normalize(text)`.
pub(crate) fn extract_normalized(text: &str, norm: &Normalized, lang: Lang) -> Vec<Entity> {
    let p = patterns();
    let t = norm.text.as_str();
    let ctx = Context::scan(p, t);
    let h = Hits::scan(p, t);
    let mut found = Vec::new();
    order_ids(&h, &ctx, &mut found);
    asins(&h, &mut found);
    tracking(&h, &ctx, &mut found);
    money(&h, lang, &mut found);
    dates(p, &h, t, lang, &mut found);
    relative(p, &h, &mut found);
    models(&h, text, norm, &mut found);
    resolve(text, norm, found)
}

/// A match of one shape in the normalised text.
#[derive(Clone, Copy)]
struct Hit<'t> {
    start: usize,
    end: usize,
    text: &'t str,
}

impl<'t> Hit<'t> {
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.end
    }
    fn as_str(&self) -> &'t str {
        self.text
    }
}

/// Every family scanned once over the text; each match filed under the
/// first shape of its family that it fully matches.
struct Hits<'t> {
    by_shape: Vec<Vec<Hit<'t>>>,
}

impl<'t> Hits<'t> {
    fn scan(p: &Patterns, t: &'t str) -> Hits<'t> {
        let mut by_shape = vec![Vec::new(); SHAPES];
        for (all, members) in &p.families {
            for m in all.find_iter(t) {
                let hit = Hit { start: m.start(), end: m.end(), text: m.as_str() };
                // The first shape that fully matches, in family order.
                let fits = |i: usize| p.anchored[i].as_ref().is_none_or(|r| r.is_match(hit.text));
                let Some(&i) = members.iter().find(|&&i| fits(i)) else { continue };
                by_shape[i].push(hit);
                // Seventeen bare digits are also a digit run: without an
                // order word nearby they may still be a tracking number.
                if i == ORDER && hit.text.bytes().all(|b| b.is_ascii_digit()) {
                    by_shape[DIGITS].push(hit);
                }
            }
        }
        Hits { by_shape }
    }

    fn get(&self, shape: usize) -> impl Iterator<Item = Hit<'t>> + '_ {
        self.by_shape[shape].iter().copied()
    }
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
    crate::sort::by(&mut found, |a, b| {
        b.span.len().cmp(&a.span.len()).then(rank(b.kind).cmp(&rank(a.kind))).then(a.span.start.cmp(&b.span.start))
    });
    // Kept spans by start: a candidate overlaps a kept span exactly when
    // the last kept span starting before its end reaches past its start
    // (kept spans never overlap each other).
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut kept: Vec<Candidate> = Vec::new();
    for c in found {
        let clash = taken.range(..c.span.end).next_back().is_some_and(|(_, &end)| end > c.span.start);
        if !c.span.is_empty() && !clash {
            taken.insert(c.span.start, c.span.end);
            kept.push(c);
        }
    }
    crate::sort::by_key(&mut kept, |c| c.span.start);
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
    /// Each shape anchored (`^(?:…)$`), indexed by the `Shape` constants:
    /// tells which shapes a family match is.
    anchored: Vec<Option<Regex>>,
    /// Families of shapes scanned together in one pass, in the order their
    /// alternatives are tried.
    families: Vec<(Regex, Vec<usize>)>,
    /// Normalised word → value, for months (1..12), weekdays (0..7),
    /// number words (1..12) and units (D, W, M, Y, H).
    month_of: HashMap<String, u32>,
    weekday_of: HashMap<String, usize>,
    number_of: HashMap<String, u32>,
    unit_of: HashMap<String, char>,
    phrase_of: HashMap<String, (String, Option<Lang>)>,
    /// (words before the number, words after the unit) → what the phrase
    /// is, from the `ago`, `ahead` and `since` templates.
    relative_kind: HashMap<(String, String), Rel>,
    /// (words before the weekday, words after it) → "last" or "next".
    weekday_kind: HashMap<(String, String), &'static str>,
    /// CJK units that make a duration with a bare number (3日間, not 3日).
    duration_units_cjk: HashSet<String>,
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

// Shape indices into `Patterns::anchored`.
const ORDER: usize = 0;
const ASIN: usize = 1;
const UPS: usize = 2;
const AMAZON: usize = 3;
const S10: usize = 4;
const COLISSIMO: usize = 5;
const GROUPED_DIGITS: usize = 6;
const DIGITS: usize = 7;
const MONEY_BEFORE: usize = 8;
const MONEY_AFTER: usize = 9;
const YMD: usize = 10;
const NUMERIC_DATE: usize = 11;
const DAY_MONTH_DOTS: usize = 12;
const MONTH_DAY_SLASH: usize = 13;
const CJK_DATE: usize = 14;
const DAY_MONTH_NAME: usize = 15;
const MONTH_NAME_DAY: usize = 16;
const RELATIVE: usize = 17;
const WEEKDAY_REF: usize = 18;
const PHRASES: usize = 19;
const MODEL: usize = 20;
const SHAPES: usize = 21;

/// Shapes scanned in one pass each. Inside a family the first alternative
/// that matches at a position wins, so longer or more specific shapes come
/// first; shapes that may overlap a fact of another kind live in different
/// families, and [`resolve`] settles those overlaps.
const FAMILIES: &[&[usize]] = &[
    &[ORDER, ASIN, UPS, AMAZON, S10, COLISSIMO, GROUPED_DIGITS, DIGITS],
    &[MONEY_BEFORE, MONEY_AFTER],
    &[YMD, NUMERIC_DATE, DAY_MONTH_DOTS, MONTH_DAY_SLASH, CJK_DATE],
    &[DAY_MONTH_NAME, MONTH_NAME_DAY],
    &[RELATIVE],
    &[WEEKDAY_REF],
    &[PHRASES],
    &[MODEL],
];

fn patterns() -> &'static Patterns {
    static CELL: OnceLock<Patterns> = OnceLock::new();
    CELL.get_or_init(Patterns::build)
}

/// Compiles a pattern this module ships, in the engine's ASCII-class
/// dialect; a failure is a defect caught by the tests, never a user error.
fn re(pattern: &str) -> Regex {
    Regex::new(&ascii_classes(pattern)).unwrap_or_else(|e| panic!("entity pattern does not compile: {e}"))
}

/// `a|b|c` of every alternative in `lists`, longest first so the longest
/// word wins, regex-escaped.
fn alternation<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut all: Vec<&str> = words.into_iter().flat_map(|w| w.split('|')).filter(|w| !w.is_empty()).collect();
    crate::sort::by(&mut all, |a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    all.dedup();
    all.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")
}

/// Wraps a word-like pattern in ASCII boundaries on the sides that are
/// ASCII letters or digits (CJK words need none).
fn bounded(pattern: &str, first_ascii: bool, last_ascii: bool) -> String {
    format!("{}{pattern}{}", if first_ascii { B } else { "" }, if last_ascii { B } else { "" })
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
        let num = format!(r"(?:{B}\d{{1,3}}(?:-\d{{1,3}})?|{})", words_pattern(number_of.keys().map(String::as_str)));
        let unit = words_pattern(d.units.values().map(String::as_str));
        let weekday = words_pattern(d.weekdays.values().flatten().map(String::as_str));
        let mut relative_kind = HashMap::new();
        for (list, kind) in [(&d.ago, Rel::Ago), (&d.ahead, Rel::Ahead), (&d.since, Rel::Since)] {
            for pair in list.iter().flat_map(|t| t.split('|')).filter_map(|t| split_template(t, "{n}", &["{u}", "{du}"])) {
                relative_kind.entry(pair).or_insert(kind);
            }
        }
        let mut weekday_kind = HashMap::new();
        for (list, kind) in [(&d.last, "last"), (&d.next, "next")] {
            for pair in list.iter().flat_map(|t| t.split('|')).filter_map(|t| split_template(t, "{d}", &["{d}"])) {
                weekday_kind.entry(pair).or_insert(kind);
            }
        }
        let duration_units_cjk = d.duration_units_cjk.split('|').map(str::to_string).collect();
        let phrases = phrase_pattern(d);

        let amount = r"\d{1,3}(?:[.,' ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?";
        let money = lexicon::money();
        // Word markers ("eur", "kr") need a boundary on their word side.
        let marker = |keys: Vec<&String>, after: bool| {
            let mut keys: Vec<&str> = keys.into_iter().map(String::as_str).collect();
            crate::sort::by(&mut keys, |a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
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
        let sources: [String; SHAPES] = [
            format!(r"{B}\d{{3}}[- ]?\d{{7}}[- ]?\d{{7}}{B}"),
            format!(r"{B}b0[0-9a-z]{{8}}{B}"),
            format!(r"{B}1z(?: ?[0-9a-z]){{16}}{B}"),
            format!(r"{B}tba ?\d{{12}}{B}"),
            format!(r"{B}[a-z]{{2}} ?(?:\d{{3}} ?\d{{3}} ?\d{{3}}|\d{{4}} ?\d{{4}} ?\d) ?[a-z]{{2}}{B}"),
            format!(r"{B}[5-9][a-z]\d{{11}}{B}"),
            format!(r"{B}\d{{4}}(?:[- ]\d{{4}}){{2,5}}(?:[- ]\d{{1,4}})?{B}"),
            format!(r"{B}\d{{10,22}}{B}"),
            format!(r"(?:{before}) ?(?:{amount})(?:{B}|$)"),
            format!(r"{B}(?:{amount}) ?(?:{after})"),
            format!(r"{B}\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}{B}"),
            format!(r"{B}\d{{1,2}}[./-]\d{{1,2}}[./-](?:\d{{4}}|\d{{2}}){B}"),
            format!(r"{B}\d{{1,2}}\.\d{{1,2}}\."),
            format!(r"{B}\d{{1,2}}/\d{{1,2}}{B}"),
            format!(r"{B}(?:\d{{4}}年)?\d{{1,2}}月\d{{1,2}}日"),
            format!(
                r"{B}\d{{1,2}}(?:\.|st|nd|rd|th|er|eme|o|°)? ?(?:de |di |of )?(?:{months}){B}(?:\.?,? ?(?:de |del )?\d{{4}}{B})?"
            ),
            format!(r"{B}(?:{months})\.? \d{{1,2}}(?:st|nd|rd|th)?{B}(?:,? \d{{4}}{B})?"),
            around(relative_kind.keys(), &format!("{num} ?{unit}")),
            around(weekday_kind.keys(), &weekday),
            phrases,
            format!(
                r"{B}(?:[a-z]{{1,6}}-?\d{{2,6}}[a-z0-9]{{0,6}}(?:-[a-z0-9]{{1,6}})?|[a-z]{{1,4}}-[a-z]{{1,2}}\d{{2,5}}[a-z0-9]{{0,4}}){B}"
            ),
        ];
        // Only shapes that share a family need telling apart.
        let anchored = (0..SHAPES)
            .map(|i| {
                let shared = FAMILIES.iter().any(|f| f.len() > 1 && f.contains(&i));
                shared.then(|| re(&format!("^(?:{})$", sources[i])))
            })
            .collect();
        let families = FAMILIES
            .iter()
            .map(|members| {
                let all = members.iter().map(|&i| format!("(?:{})", sources[i])).collect::<Vec<_>>().join("|");
                (re(&all), members.to_vec())
            })
            .collect();
        Patterns {
            anchored,
            families,
            month_of,
            weekday_of,
            number_of,
            unit_of,
            phrase_of,
            relative_kind,
            weekday_kind,
            duration_units_cjk,
            context,
            context_kind,
        }
    }
}

/// One alternation of every relative-date phrase, bounded where ASCII.
fn phrase_pattern(d: &Dates) -> String {
    let mut words: Vec<&str> = d.phrases.iter().flat_map(|p| p.text.split('|')).collect();
    crate::sort::by(&mut words, |a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
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

/// A relative phrase around a number and unit.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Rel {
    Ago,
    Ahead,
    Since,
}

/// The words before `open` and after the first of `closes` in a template
/// ("il y a {n} {u}" → ("il y a", "")), trimmed.
fn split_template(t: &str, open: &str, closes: &[&str]) -> Option<(String, String)> {
    let i = t.find(open)?;
    let after = closes.iter().find_map(|c| t[i..].find(c).map(|j| i + j + c.len()))?;
    Some((t[..i].trim().to_string(), t[after..].trim().to_string()))
}

/// An alternation of words, Latin ones between ASCII boundaries, CJK ones
/// bare (an ASCII boundary never holds between two CJK characters).
fn words_pattern<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let words: Vec<&str> = words.into_iter().collect();
    let latin = alternation(words.iter().copied().filter(|w| w.is_ascii()));
    let cjk = alternation(words.iter().copied().filter(|w| !w.is_ascii()));
    let mut branches = Vec::new();
    if !latin.is_empty() {
        branches.push(format!("{B}(?:{latin}){B}"));
    }
    if !cjk.is_empty() {
        branches.push(format!("(?:{cjk})"));
    }
    format!("(?:{})", branches.join("|"))
}

/// `core` with the optional words that may stand before and after it in
/// the templates whose (before, after) pairs are `pairs`. Which pair a match
/// has is checked in code; the pattern only finds candidates.
fn around<'a>(pairs: impl Iterator<Item = &'a (String, String)>, core: &str) -> String {
    let (mut pre, mut post): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    for (a, b) in pairs {
        pre.extend((!a.is_empty()).then_some(a.as_str()));
        post.extend((!b.is_empty()).then_some(b.as_str()));
    }
    let optional = |words: &[&str], before: bool| {
        if words.is_empty() {
            return String::new();
        }
        let w = words_pattern(words.iter().copied());
        if before {
            format!("(?:{w} ?)?")
        } else {
            format!("(?: ?{w})?")
        }
    };
    format!("{}{core}{}", optional(&pre, true), optional(&post, false))
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

    /// The cues within reach of `span` (cues are in text order, so a
    /// binary search finds the first one in reach).
    fn near(&self, span: Span) -> impl Iterator<Item = Cue> + '_ {
        let from = span.start.saturating_sub(CUE_BEFORE);
        let to = span.end + CUE_AFTER;
        let first = self.cues.partition_point(|&(s, _, _)| s < from);
        self.cues[first..]
            .iter()
            .take_while(move |&&(s, _, _)| s < to)
            .filter(move |&&(s, e, _)| e <= to && !Span::new(s, e).overlaps(span))
            .map(|c| c.2)
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

fn order_ids(h: &Hits, ctx: &Context, found: &mut Vec<Candidate>) {
    for m in h.get(ORDER) {
        let whole = Span::new(m.start(), m.end());
        let separated = m.as_str().contains(['-', ' ']);
        // Seventeen bare digits are an order id only when the text says so.
        if separated || ctx.near(whole).any(|cue| cue == Cue::Order) {
            let d = digits_only(m.as_str());
            let value = format!("{}-{}-{}", &d[..3], &d[3..10], &d[10..]);
            push(found, whole.start, whole.end, EntityKind::OrderId, value, None);
        }
    }
}

fn asins(h: &Hits, found: &mut Vec<Candidate>) {
    for m in h.get(ASIN) {
        push(found, m.start(), m.end(), EntityKind::Asin, m.as_str().to_ascii_uppercase(), None);
    }
}

fn tracking(h: &Hits, ctx: &Context, found: &mut Vec<Candidate>) {
    for m in h.get(UPS) {
        push(found, m.start(), m.end(), EntityKind::Tracking, compact_upper(m.as_str()), Some(Carrier::Ups));
    }
    for m in h.get(AMAZON) {
        push(found, m.start(), m.end(), EntityKind::Tracking, compact_upper(m.as_str()), Some(Carrier::AmazonLogistics));
    }
    for m in h.get(COLISSIMO) {
        push(found, m.start(), m.end(), EntityKind::Tracking, compact_upper(m.as_str()), Some(Carrier::LaPoste));
    }
    let countries = &lexicon::carriers().s10_countries;
    for m in h.get(S10) {
        let value = compact_upper(m.as_str());
        let carrier = countries.get(&value[value.len() - 2..].to_ascii_lowercase()).copied();
        push(found, m.start(), m.end(), EntityKind::Tracking, value, carrier);
    }
    for m in h.get(DIGITS).chain(h.get(GROUPED_DIGITS)) {
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

fn money(h: &Hits, lang: Lang, found: &mut Vec<Candidate>) {
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
    // Markers hold no digits: the amount starts at the first digit (marker
    // before) or ends after the last one (marker after).
    for all in h.get(MONEY_BEFORE) {
        let s = all.as_str();
        let Some(i) = s.find(|c: char| c.is_ascii_digit()) else { continue };
        add(Span::new(all.start(), all.end()), &s[i..], &s[..i], &m.before);
    }
    for all in h.get(MONEY_AFTER) {
        let s = all.as_str();
        let Some(i) = s.rfind(|c: char| c.is_ascii_digit()) else { continue };
        add(Span::new(all.start(), all.end()), &s[..=i], &s[i + 1..], &m.after);
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

/// A two-digit year is this century's.
fn full_year(y: u32) -> u32 {
    if y < 100 {
        2000 + y
    } else {
        y
    }
}

/// The digit runs of `s` as numbers, and the separator after each run
/// but the last.
fn numbers_and_separators(s: &str) -> (Vec<u32>, Vec<char>) {
    let mut nums = Vec::new();
    let mut seps = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(mut n) = c.to_digit(10) {
            while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                n = n.saturating_mul(10).saturating_add(d);
                chars.next();
            }
            nums.push(n);
            seps.push(chars.peek().copied().unwrap_or(' '));
        }
    }
    seps.pop();
    (nums, seps)
}

/// Word tokens of a match: runs of letters and digits (CJK included).
fn tokens(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

fn dates(p: &Patterns, h: &Hits, t: &str, lang: Lang, found: &mut Vec<Candidate>) {
    let mut add = |m: Hit, value: Option<String>| {
        if let Some(v) = value {
            push(found, m.start(), m.end(), EntityKind::Date, v, None);
        }
    };
    for m in h.get(YMD) {
        let (n, sep) = numbers_and_separators(m.as_str());
        let value = if n.len() == 3 && sep[0] == sep[1] { iso_date(Some(n[0]), n[1], n[2]) } else { None };
        add(m, value);
    }
    for m in h.get(NUMERIC_DATE) {
        let (n, sep) = numbers_and_separators(m.as_str());
        if n.len() != 3 || sep[0] != sep[1] {
            continue;
        }
        let year = Some(full_year(n[2]));
        // Dots are always day first; slashes and dashes follow the language.
        let month_first = sep[0] != '.' && lang == Lang::En;
        let (month, day) = if month_first { (n[0], n[1]) } else { (n[1], n[0]) };
        add(m, iso_date(year, month, day).or_else(|| iso_date(year, day, month)));
    }
    for m in h.get(DAY_MONTH_DOTS) {
        if t[m.end()..].starts_with(|ch: char| ch.is_ascii_digit()) {
            continue;
        }
        let (n, _) = numbers_and_separators(m.as_str());
        add(m, iso_date(None, n[1], n[0]));
    }
    if matches!(lang, Lang::Ja | Lang::Zh) {
        for m in h.get(MONTH_DAY_SLASH) {
            let (n, _) = numbers_and_separators(m.as_str());
            add(m, iso_date(None, n[0], n[1]));
        }
    }
    let month_in = |s: &str| tokens(s).find_map(|w| p.month_of.get(w).copied());
    let year_in = |s: &str| {
        tokens(s).skip(1).find(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())).and_then(|w| w.parse().ok())
    };
    for m in h.get(DAY_MONTH_NAME).chain(h.get(MONTH_NAME_DAY)) {
        let s = m.as_str();
        // The day is the first number of one or two digits ("14", "3rd").
        let day = tokens(s).find_map(|w| {
            let digits = w.len() - w.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            (1..=2).contains(&digits).then(|| w[..digits].parse().ok()).flatten()
        });
        add(m, (|| iso_date(year_in(s), month_in(s)?, day?))());
    }
    for m in h.get(CJK_DATE) {
        let (n, _) = numbers_and_separators(m.as_str());
        let value = match n[..] {
            [y, mo, d] => iso_date(Some(y), mo, d),
            [mo, d] => iso_date(None, mo, d),
            _ => None,
        };
        add(m, value);
    }
    for m in h.get(PHRASES) {
        if let Some((value, strict)) = p.phrase_of.get(m.as_str()) {
            if strict.is_none_or(|l| l == lang) {
                add(m, Some(value.clone()));
            }
        }
    }
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    for m in h.get(WEEKDAY_REF) {
        let s = m.as_str();
        let Some((day, a, b)) = weekday_at(p, s) else { continue };
        let (pre, post) = (s[..a].trim(), s[b..].trim());
        // A bare weekday is not a reference; drop words that fit no template.
        let options = [(pre, post, m.start, m.end), (pre, "", m.start, m.start + b), ("", post, m.start + a, m.end)];
        let hit = options.into_iter().find_map(|(x, y, start, end)| {
            let kind = p.weekday_kind.get(&(x.to_string(), y.to_string()))?;
            (!(x.is_empty() && y.is_empty())).then_some((*kind, start, end))
        });
        if let Some((kind, start, end)) = hit {
            push(found, start, end, EntityKind::Date, format!("{kind}:{}", DAYS[day]), None);
        }
    }
}

/// The weekday in a match and its byte range: a whole Latin word, or the
/// longest CJK name inside it.
fn weekday_at(p: &Patterns, s: &str) -> Option<(usize, usize, usize)> {
    let latin = tokens_at(s).find_map(|(at, w)| p.weekday_of.get(w).map(|&d| (d, at, at + w.len())));
    latin.or_else(|| {
        p.weekday_of
            .iter()
            .filter(|(w, _)| !w.is_ascii())
            .filter_map(|(w, &d)| s.find(w.as_str()).map(|at| (w.len(), (d, at, at + w.len()))))
            .max_by_key(|&(len, _)| len)
            .map(|(_, found)| found)
    })
}

/// Relative dates ("vor 10 Tagen", "in 3 days", "3日前") and durations
/// ("seit einer Woche", "10 days", "1週間"): the words around the number
/// and unit say which, by the templates in `data/text/dates.json`.
fn relative(p: &Patterns, h: &Hits, found: &mut Vec<Candidate>) {
    for m in h.get(RELATIVE) {
        let s = m.as_str();
        let Some((n, unit, a, b)) = number_unit_at(p, s) else { continue };
        let (pre, post) = (s[..a].trim(), s[b..].trim());
        // Words that fit no template are dropped, outermost first.
        let options = [
            (pre, post, m.start, m.end),
            (pre, "", m.start, m.start + b),
            ("", post, m.start + a, m.end),
            ("", "", m.start + a, m.start + b),
        ];
        let Some((kind, start, end)) = options
            .into_iter()
            .find_map(|(x, y, start, end)| p.relative_kind.get(&(x.to_string(), y.to_string())).map(|&k| (k, start, end)))
        else {
            continue;
        };
        let unit_word = &s[a..b];
        let bare = start == m.start + a && end == m.start + b;
        // A bare CJK number and unit is a duration only for duration units
        // (3日間); a bare 3日 is a day of the month.
        if bare && !unit_word.is_ascii() && !p.duration_units_cjk.iter().any(|u| unit_word.ends_with(u.as_str())) {
            continue;
        }
        let (kind, value) = match kind {
            Rel::Ago => (EntityKind::Date, format!("-{}", iso_duration(n, unit))),
            Rel::Ahead => (EntityKind::Date, format!("+{}", iso_duration(n, unit))),
            Rel::Since => (EntityKind::Duration, iso_duration(n, unit)),
        };
        push(found, start, end, kind, value, None);
    }
}

/// Word tokens with their byte offsets in `s`.
fn tokens_at(s: &str) -> impl Iterator<Item = (usize, &str)> {
    tokens(s).map(move |w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
}

/// The number, unit letter and the byte range from the number's start to
/// the unit's end: a number word or digits followed by a unit word
/// ("deux semaines"), or glued to it ("3日前", "10days", "二週間").
fn number_unit_at(p: &Patterns, s: &str) -> Option<(u32, char, usize, usize)> {
    let words: Vec<(usize, &str)> = tokens_at(s).collect();
    // A range ("2-3 Tagen") starts at its lower bound; the value keeps the
    // upper one.
    let range_start = |i: usize, at: usize| match i.checked_sub(1).map(|j| words[j]) {
        Some((lat, lw)) if lw.bytes().all(|b| b.is_ascii_digit()) && &s[lat + lw.len()..at] == "-" => lat,
        _ => at,
    };
    for (i, &(at, w)) in words.iter().enumerate() {
        let n = w.parse().ok().or_else(|| p.number_of.get(w).copied());
        if let Some(n) = n {
            // A unit of one word, or of two ("business days").
            let one = words.get(i + 1).and_then(|&(uat, u)| p.unit_of.get(u).map(|&unit| (unit, uat + u.len())));
            let two = words.get(i + 2).and_then(|&(uat, u)| {
                let (_, first) = words[i + 1];
                p.unit_of.get(&format!("{first} {u}")).map(|&unit| (unit, uat + u.len()))
            });
            if let Some((unit, end)) = two.or(one) {
                return Some((n, unit, range_start(i, at), end));
            }
        }
        if let Some((n, used)) = leading_number(p, w) {
            if let Some((unit, len)) = unit_prefix(p, &w[used..]) {
                return Some((n, unit, range_start(i, at), at + used + len));
            }
        }
    }
    None
}

/// Byte offsets of the char boundaries of `w` after its first char, longest
/// prefix first.
fn prefix_ends(w: &str) -> impl Iterator<Item = usize> + '_ {
    w.char_indices().skip(1).map(|(i, _)| i).chain([w.len()]).collect::<Vec<_>>().into_iter().rev()
}

/// Digits or a CJK numeral (at most two characters: 十二) at the start of
/// `w`, and how many bytes it takes.
fn leading_number(p: &Patterns, w: &str) -> Option<(u32, usize)> {
    let digits = w.len() - w.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 {
        return Some((w[..digits].parse().ok()?, digits));
    }
    prefix_ends(w).filter(|&i| w[..i].chars().count() <= 2).find_map(|i| p.number_of.get(&w[..i]).map(|&n| (n, i)))
}

/// The unit letter and byte length of the longest unit word at the start
/// of `rest`.
fn unit_prefix(p: &Patterns, rest: &str) -> Option<(char, usize)> {
    prefix_ends(rest).find_map(|i| p.unit_of.get(&rest[..i]).map(|&u| (u, i)))
}

fn iso_duration(n: u32, unit: char) -> String {
    if unit == 'H' {
        format!("PT{n}H")
    } else {
        format!("P{n}{unit}")
    }
}

/// Model numbers, conservatively: letters then digits, and either a dash
/// inside or written in capitals by the user (`A2337`, not `a2337`), with
/// at least two digits.
fn models(h: &Hits, text: &str, norm: &Normalized, found: &mut Vec<Candidate>) {
    for m in h.get(MODEL) {
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

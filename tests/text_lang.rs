//! Language identification measured on labelled sentences written for this
//! project (tests/data/text/lang.jsonl). Fails when any language scores
//! under 97 % on sentences of 20+ characters, or when a case labelled
//! `unknown` (too short, uncovered script, mixed scripts) gets a language.

mod text_support;

use std::collections::BTreeMap;
use tactful::contract::Lang;
use tactful::text::lang::detect;
use text_support::{fixture, str_field};

const TARGET: f64 = 0.97;
const MIN_CHARS: usize = 20;

#[test]
fn accuracy_per_language() {
    let cases = fixture("lang.jsonl");
    // language -> (right, total) on 20+ chars; and on shorter ones.
    let mut long: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut short: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for (line, case) in &cases {
        let text = str_field(case, "text");
        let want: Lang = str_field(case, "lang").parse().expect("lang id");
        let got = detect(text);
        let right = got.lang == want;
        if !right {
            misses.push(format!("line {line}: {text:?}: want {want}, got {} ({:.2})", got.lang, got.confidence));
        }
        if want == Lang::Unknown {
            continue;
        }
        assert!((0.0..=1.0).contains(&got.confidence), "confidence out of range for {text:?}");
        let table = if width(text) >= MIN_CHARS { &mut long } else { &mut short };
        let e = table.entry(want.to_string()).or_default();
        e.0 += usize::from(right);
        e.1 += 1;
    }
    let mut below = Vec::new();
    println!("lang   right/total (20+ columns) accuracy   | shorter");
    for (lang, (right, total)) in &long {
        let acc = *right as f64 / *total as f64;
        let (sr, st) = short.get(lang).copied().unwrap_or_default();
        println!("{lang:<6} {right:>4}/{total:<4} {:>22.1} %   | {sr}/{st}", acc * 100.0);
        if acc < TARGET {
            below.push(format!("{lang}: {:.1} %", acc * 100.0));
        }
    }
    let (r, t) = long.values().fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    println!("all    {r:>4}/{t:<4} {:>22.1} %", r as f64 / t as f64 * 100.0);
    for m in &misses {
        println!("miss {m}");
    }
    for lang in Lang::ALL.iter().filter(|l| **l != Lang::Unknown) {
        let n = long.get(lang.as_str()).map_or(0, |e| e.1) + short.get(lang.as_str()).map_or(0, |e| e.1);
        assert!(n >= 40, "{lang}: only {n} labelled sentences");
    }
    let unknown_misses: Vec<_> = misses.iter().filter(|m| m.contains("want unknown")).collect();
    assert!(unknown_misses.is_empty(), "expected unknown: {unknown_misses:?}");
    assert!(below.is_empty(), "under {:.0} %: {below:?}", TARGET * 100.0);
}

/// Length in display columns: CJK characters are two columns wide, so a
/// Japanese or Chinese sentence of 10 characters counts like a Latin
/// sentence of 20.
fn width(text: &str) -> usize {
    text.chars()
        .map(|c| match c {
            '\u{3000}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF01}'..='\u{FF60}' => 2,
            _ => 1,
        })
        .sum()
}

/// Accents left out by the buyer change nothing.
#[test]
fn accentless_text_gets_the_same_language() {
    for (_, case) in fixture("lang.jsonl") {
        let text = str_field(&case, "text");
        let folded = tactful::text::normalize::normalize(text).text;
        assert_eq!(detect(text).lang, detect(&folded).lang, "{text:?} vs {folded:?}");
    }
}

/// Runs on every keystroke: prints the time per call on a typical draft
/// and on 5 MB (no timing assertion).
#[test]
fn detect_speed() {
    let draft = "Hallo, ich habe meine Bestellung 302-1234567-7654321 immer noch nicht erhalten. Können Sie helfen?";
    let t = std::time::Instant::now();
    for _ in 0..1000 {
        assert_eq!(detect(draft).lang, Lang::De);
    }
    println!("detect: {:?} per call on {} bytes", t.elapsed() / 1000, draft.len());
    let big = draft.repeat(5_000_000 / draft.len());
    let t = std::time::Instant::now();
    assert_eq!(detect(&big).lang, Lang::De);
    println!("detect: {} bytes in {:?}", big.len(), t.elapsed());
}

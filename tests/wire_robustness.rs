//! Hostile text through every JSON-facing call: thousands of generated
//! strings mixing scripts, emoji sequences, combining marks, characters
//! whose case folding or compatibility form changes length, controls, bidi
//! overrides, NUL and fact-like tokens. Every call must return a result or
//! an error (a panic fails the test), and every span must index the text's
//! UTF-16 form without splitting a surrogate pair.

use serde_json::Value;
use tactful::check::CheckContext;
use tactful::classify::ClassifyContext;
use tactful::contract::Marketplace;
use tactful::suggest::{Profile, SuggestContext};
use tactful::{default_engine, wire};

/// Pieces the generator strings together; each is there because some text
/// code gets it wrong (length-changing case maps, expanding compatibility
/// forms, multi-unit clusters, separators of many scripts).
const PIECES: &[&str] = &[
    "a", "Z", " ", "  ", "\n", "\r\n", "\t", ".", "。", "!", "?", "！", "？", "…", ",", ";", ":", "、",
    "-", "/", "@", "#", "(", ")", "\"", "'", "’", "«", "»", "「", "」",
    "0", "7", "1,5", "3.14", "é", "e\u{301}", "ß", "ẞ", "İ", "ı", "Σ", "ς", "ǅ", "ﬁ", "ﬀ", "Ａ", "１", "ｶ", "ﾞ",
    "ア", "あ", "漢", "한", "ق", "\u{202e}", "\u{200b}", "\u{200d}", "\u{fe0f}", "\u{0}", "\u{7f}", "\u{fffd}",
    "🎉", "🇩🇪", "👩‍👩‍👧", "👍🏽", "\u{1d400}", "ﷺ", "㍿", "½", "Ⅻ",
    "113-4455667-2233445", "1Z999AA10123456784", "B07XYZ1234", "TBA123456789000", "RR123456789DE",
    "$49.99", "49,99 €", "¥3,980", "£8.50", "3月14日", "vor 10 Tagen", "last Tuesday", "il y a deux semaines",
    "10 days", "seit einer Woche", "Nr.", "z.B.", "Mr.", "approx.", "e.g.", "http://x.co/a", "www.example.com",
    "a@b.com", "+49 170 1234567", "{order_id}", "[Buyer Name]", "<b>", "ASAP", "bald", "du", "tu", "できるだけ早く",
    "refund", "Rückerstattung", "remboursement", "A-to-z", "chargeback", "5 stars", "WhatsApp",
];

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn texts() -> Vec<String> {
    let mut rng = Rng(0x5eed_1234_abcd_9876);
    (0..1500)
        .map(|i| {
            let pieces = [0, 1, 2, 5, 12, 40, 120][i % 7];
            (0..pieces).map(|_| PIECES[rng.below(PIECES.len())]).collect()
        })
        .collect()
}

/// Checks every `start`/`end` pair in `value` (at any depth) against
/// `units`, and that an object's `text` (facts) is the text it spans.
fn spans_fit(value: &Value, units: &[u16], what: &str) {
    match value {
        Value::Object(map) => {
            if let (Some(start), Some(end)) = (map.get("start").and_then(Value::as_u64), map.get("end").and_then(Value::as_u64)) {
                let (start, end) = (start as usize, end as usize);
                assert!(start <= end && end <= units.len(), "{what}: span {start}..{end} of {} units", units.len());
                for at in [start, end] {
                    let splits = at > 0
                        && at < units.len()
                        && (0xd800..0xdc00).contains(&units[at - 1])
                        && (0xdc00..0xe000).contains(&units[at]);
                    assert!(!splits, "{what}: offset {at} splits a surrogate pair");
                }
                if let Some(text) = map.get("text").and_then(Value::as_str) {
                    let slice = String::from_utf16_lossy(&units[start..end]);
                    assert_eq!(slice, text, "{what}: a fact's text is not the text it spans");
                }
            }
            map.values().for_each(|v| spans_fit(v, units, what));
        }
        Value::Array(items) => items.iter().for_each(|v| spans_fit(v, units, what)),
        _ => {}
    }
}

#[test]
fn every_call_answers_and_every_span_fits() {
    let engine = default_engine();
    for (i, text) in texts().iter().enumerate() {
        let units: Vec<u16> = text.encode_utf16().collect();
        let marketplace = Marketplace::ALL[i % Marketplace::ALL.len()];
        let what = |call: &str| format!("{call} of text #{i} {text:?}");

        let analysis = wire::analyze(engine, text).unwrap_or_else(|e| panic!("{}: {e}", what("analyze")));
        spans_fit(&serde_json::to_value(&analysis).unwrap(), &units, &what("analyze"));

        let context = ClassifyContext { marketplace: Some(marketplace) };
        let classification = wire::classify(engine, text, &context).unwrap_or_else(|e| panic!("{}: {e}", what("classify")));
        spans_fit(&serde_json::to_value(&classification).unwrap(), &units, &what("classify"));

        let context = CheckContext { marketplace, proactive: i % 2 == 0, ..CheckContext::default() };
        let checked = wire::check(engine, text, &context).unwrap_or_else(|e| panic!("{}: {e}", what("check")));
        spans_fit(&serde_json::to_value(&checked).unwrap(), &units, &what("check"));

        let context = SuggestContext { marketplace, now_ms: Some(1_767_225_600_000 + i as i64 * 86_400_000), ..SuggestContext::default() };
        let suggestion = wire::suggest(engine, text, &Profile::default(), &context).unwrap_or_else(|e| panic!("{}: {e}", what("suggest")));
        let mut value = serde_json::to_value(&suggestion).unwrap();
        let classification = value.as_object_mut().unwrap().remove("classification").unwrap_or(Value::Null);
        spans_fit(&classification, &units, &what("suggest (classification)"));
        let reply: Vec<u16> = suggestion.reply.encode_utf16().collect();
        spans_fit(&value, &reply, &what("suggest (findings in the reply)"));
    }
}

#[test]
fn five_megabytes_of_mixed_text_is_read() {
    let unit = "Bestellung 113-4455667-2233445: das Paket 📦 kam nicht an. 注文番号を確認してください。Where is it?\r\n";
    let text = unit.repeat(5 * 1024 * 1024 / unit.len() + 1);
    let started = std::time::Instant::now();
    let analysis = wire::analyze(default_engine(), &text).unwrap();
    println!("analyze of {:.1} MB: {:?}", text.len() as f64 / 1048576.0, started.elapsed());
    let units: Vec<u16> = text.encode_utf16().collect();
    spans_fit(&serde_json::to_value(&analysis).unwrap(), &units, "5 MB");
    assert!(!analysis.sentences.is_empty());
}

#[test]
#[should_panic(expected = "splits a surrogate pair")]
fn a_span_inside_a_surrogate_pair_is_caught() {
    let units: Vec<u16> = "a🎉b".encode_utf16().collect();
    spans_fit(&serde_json::json!({"start": 0, "end": 2}), &units, "probe");
}

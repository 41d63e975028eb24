//! The whole intent × language matrix: a realistic buyer message per cell
//! (tests/data/suggest/messages.jsonl) must yield a reply with three
//! non-empty parts, a concrete date written the market's way in the
//! timeline, no `{…}` marker unless listed in `missing`, the right
//! language, under 2,000 characters, and no compliance findings other than
//! the placeholder markers of missing variables.

use std::collections::BTreeMap;
use tactful::contract::{Category, EntityKind, Intent, Lang, Marketplace};
use tactful::suggest::calendar::Calendar;
use tactful::suggest::{Profile, SuggestContext, Suggestion};
use tactful::Engine;

struct Case {
    lang: Lang,
    intent: Intent,
    text: String,
}

fn cases() -> Vec<Case> {
    include_str!("data/suggest/messages.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("test data line is JSON");
            Case {
                lang: v["lang"].as_str().and_then(|s| s.parse().ok()).expect("lang"),
                intent: v["intent"].as_str().and_then(|s| s.parse().ok()).expect("intent"),
                text: v["text"].as_str().expect("text").to_string(),
            }
        })
        .collect()
}

fn marketplace(lang: Lang) -> Marketplace {
    match lang {
        Lang::De => Marketplace::De,
        Lang::Fr => Marketplace::Fr,
        Lang::It => Marketplace::It,
        Lang::Es => Marketplace::Es,
        Lang::Ja => Marketplace::Jp,
        _ => Marketplace::Us,
    }
}

/// Tuesday 11 March 2025, 03:00 UTC: 11:00 in Shanghai (seller working).
const NOW: i64 = 1_741_662_000_000;

fn context(lang: Lang, intent: Option<Intent>, variables: &[(&str, &str)]) -> SuggestContext {
    SuggestContext {
        marketplace: marketplace(lang),
        now_ms: Some(NOW),
        intent,
        variables: variables.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<BTreeMap<_, _>>(),
        ..SuggestContext::default()
    }
}

/// The `{name}` markers left in `text`.
fn markers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(o) = rest.find('{') {
        match rest[o..].find('}') {
            Some(c) => {
                out.push(rest[o + 1..o + c].to_string());
                rest = &rest[o + c + 1..];
            }
            None => break,
        }
    }
    out
}

/// Everything a suggestion must satisfy, whatever the template.
fn assert_well_formed(s: &Suggestion, lang: Lang, what: &str) {
    assert_eq!(s.language, lang, "{what}: reply language");
    for (name, part) in [("confirm", &s.parts.confirm), ("act", &s.parts.act), ("timeline", &s.parts.timeline)] {
        assert!(!part.trim().is_empty(), "{what}: empty {name}");
        assert!(s.reply.contains(part.as_str()), "{what}: {name} not in the reply");
    }
    let dates = s.dates.expect("dates with now_ms");
    let cal = Calendar::builtin();
    let m = marketplace(lang);
    let written: Vec<String> =
        [dates.ship_by, dates.deliver_by, dates.resolve_by].iter().map(|d| cal.format_date(*d, lang, m, dates.today.year)).collect();
    assert!(written.iter().any(|w| s.parts.timeline.contains(w.as_str())), "{what}: no concrete date in {:?}", s.parts.timeline);
    for marker in markers(&s.reply) {
        assert!(s.missing.contains(&marker), "{what}: {{{marker}}} left but not in missing {:?}", s.missing);
    }
    for name in &s.missing {
        assert!(s.reply.contains(&format!("{{{name}}}")), "{what}: {name} listed as missing but filled");
    }
    assert!(!s.reply.contains("..") && !s.reply.contains("。。"), "{what}: doubled full stop in {:?}", s.reply);
    let chars = s.reply.chars().count();
    assert!(chars < 2_000, "{what}: {chars} characters");
    for f in &s.findings {
        let text = s.reply.get(f.span.start..f.span.end).unwrap_or("");
        let is_missing_marker = f.category == Category::Placeholder && s.missing.iter().any(|m| text.contains(m.as_str()));
        assert!(is_missing_marker, "{what}: finding {} at {text:?}: {}", f.rule, f.message);
    }
    let detected = tactful::text::lang::detect(&s.reply).lang;
    assert_eq!(detected, lang, "{what}: reply language as detected");
}

#[test]
fn the_corpus_covers_every_intent_in_every_language() {
    let all = cases();
    for lang in Lang::PRIMARY {
        for intent in Intent::ALL {
            assert_eq!(all.iter().filter(|c| c.lang == *lang && c.intent == *intent).count(), 1, "{lang} {intent}");
        }
    }
}

#[test]
fn the_seller_picked_intent_drives_the_template_in_every_cell() {
    let engine = Engine::new();
    let profile = Profile::default();
    for c in cases() {
        let what = format!("{} {}", c.lang, c.intent);
        let s = engine.suggest(&c.text, &profile, &context(c.lang, Some(c.intent), &[("buyer_name", "Alex")])).expect(&what);
        assert_eq!(s.intent, c.intent, "{what}");
        assert!(s.template.starts_with(&format!("{}.", c.intent)), "{what}: {}", s.template);
        assert!(!s.candidates.is_empty() && !s.candidates.contains(&s.template), "{what}: candidates {:?}", s.candidates);
        assert_well_formed(&s, c.lang, &what);
    }
}

#[test]
fn with_every_fact_given_the_reply_has_no_finding_and_nothing_missing() {
    let engine = Engine::new();
    let profile = Profile { seller_name: String::from("Lumen Home"), ..Profile::default() };
    let facts = [
        ("buyer_name", "Alex Morgan"),
        ("order_id", "113-4455667-2233445"),
        ("tracking_id", "1Z999AA10123456784"),
        ("carrier", "UPS"),
        ("refund_amount", "24.99"),
        ("answer", "Yes: 2 m cable, USB-C."),
        ("asin", "B08N5WRWNW"),
    ];
    for c in cases() {
        let what = format!("{} {}", c.lang, c.intent);
        let s = engine.suggest(&c.text, &profile, &context(c.lang, Some(c.intent), &facts)).expect(&what);
        assert_eq!(s.missing, Vec::<String>::new(), "{what}");
        assert_eq!(s.findings, vec![], "{what}");
        assert_well_formed(&s, c.lang, &what);
        assert!(s.reply.ends_with("Lumen Home"), "{what}: signature");
    }
}

#[test]
fn the_classifier_path_works_with_whatever_intent_it_returns() {
    let engine = Engine::new();
    let profile = Profile::default();
    for c in cases() {
        let what = format!("{} {} (classified)", c.lang, c.intent);
        let s = engine.suggest(&c.text, &profile, &context(c.lang, None, &[])).expect(&what);
        assert_eq!(s.intent, s.classification.intent, "{what}");
        assert_well_formed(&s, c.lang, &what);
        // Facts found in the message are used, never reported missing.
        for e in s.classification.entities.iter().filter(|e| e.kind == EntityKind::OrderId) {
            assert!(!s.missing.contains(&String::from("order_id")), "{what}: order ID {} found but missing", e.text);
            assert_eq!(s.variables.get("order_id"), Some(&e.value).filter(|v| !v.is_empty()).or(Some(&e.text)), "{what}");
        }
    }
}

//! The classifier on single messages: hard negatives, bad input, risk rules
//! with their exact evidence, multi-intent messages, determinism, huge
//! input, and the UI labels. Cases are data: tests/data/classify/cases.jsonl.
//!
//! Each case: `text`; optional `marketplace`; `intent` (the primary must be
//! one of these), `language`, `risks` (each must be raised), `no_risks`
//! (none may be), `also` (all must be among the returned intents) and
//! `evidence` (pairs of [original text, intent or risk id]: some evidence
//! span for that id must cover the text, and be at most a word longer on
//! each side, so the underline sits on the phrase that decided).

use serde::Deserialize;
use tactful::classify::{Classification, Classifier, ClassifyContext};
use tactful::contract::{Intent, Marketplace, Risk};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    #[serde(default)]
    marketplace: Option<Marketplace>,
    #[serde(default)]
    intent: Vec<Intent>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    risks: Vec<Risk>,
    #[serde(default)]
    no_risks: Vec<Risk>,
    #[serde(default)]
    also: Vec<Intent>,
    #[serde(default)]
    evidence: Vec<(String, String)>,
}

fn cases() -> Vec<Case> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/classify/cases.jsonl");
    let body = std::fs::read_to_string(path).expect("cases.jsonl");
    body.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(n, l)| serde_json::from_str(l).unwrap_or_else(|e| panic!("cases.jsonl line {}: {e}", n + 1)))
        .collect()
}

fn evidence_pairs(text: &str, c: &Classification) -> Vec<(String, String)> {
    c.evidence
        .iter()
        .map(|e| {
            let label = e.intent.map(|i| i.as_str()).or(e.risk.map(|r| r.as_str())).unwrap_or("");
            (text[e.span.start..e.span.end].to_string(), label.to_string())
        })
        .collect()
}

#[test]
fn cases_from_the_table() {
    let classifier = Classifier::builtin();
    let mut failures = Vec::new();
    for case in cases() {
        let context = ClassifyContext { marketplace: case.marketplace };
        let c = classifier.classify(&case.text, &context).expect("classifies");
        let mut fail = |what: String| failures.push(format!("{}: {what}", case.name));
        if !case.intent.is_empty() && !case.intent.contains(&c.intent) {
            fail(format!("intent {} ({:.2}), expected one of {:?}", c.intent, c.confidence, case.intent));
        }
        if let Some(lang) = &case.language {
            if c.language.as_str() != lang {
                fail(format!("language {}, expected {lang}", c.language));
            }
        }
        for r in &case.risks {
            if !c.risks.contains(r) {
                fail(format!("risk {r} not raised (got {:?})", c.risks));
            }
        }
        for r in &case.no_risks {
            if c.risks.contains(r) {
                fail(format!("risk {r} raised"));
            }
        }
        let ids: Vec<Intent> = c.intents.iter().map(|s| s.id).collect();
        for i in &case.also {
            if !ids.contains(i) {
                fail(format!("intent {i} not among {ids:?}"));
            }
        }
        let pairs = evidence_pairs(&case.text, &c);
        for want in &case.evidence {
            let covers = |(text, id): &(String, String)| {
                id == &want.1
                    && text.contains(want.0.as_str())
                    && text.split_whitespace().count() <= want.0.split_whitespace().count() + 2
            };
            if !pairs.iter().any(covers) {
                fail(format!("evidence {want:?} not in {pairs:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn results_are_well_formed_on_every_case() {
    let classifier = Classifier::builtin();
    for case in cases() {
        let c = classifier.classify(&case.text, &ClassifyContext::default()).expect("classifies");
        assert!((0.0..=1.0).contains(&c.confidence), "{}: confidence {}", case.name, c.confidence);
        assert_eq!(c.intents.first().map(|s| s.id), Some(c.intent), "{}: primary first", case.name);
        for e in &c.evidence {
            assert!(e.span.start < e.span.end && e.span.end <= case.text.len(), "{}: {:?}", case.name, e.span);
            assert!(case.text.is_char_boundary(e.span.start) && case.text.is_char_boundary(e.span.end));
            assert!(e.intent.is_some() != e.risk.is_some(), "{}: evidence points to one thing", case.name);
        }
    }
}

#[test]
fn same_message_same_result() {
    let a = Classifier::builtin();
    let b = Classifier::builtin();
    let ctx = ClassifyContext::default();
    for case in cases() {
        let first = a.classify(&case.text, &ctx).expect("classifies");
        assert_eq!(first, a.classify(&case.text, &ctx).expect("classifies"), "{}", case.name);
        assert_eq!(first, b.classify(&case.text, &ctx).expect("classifies"), "{}", case.name);
    }
}

#[test]
fn five_megabyte_paste_is_fine() {
    let unit = "The kettle arrived broken, the lid is cracked. Der Deckel ist kaputt. 蓋が割れています。 ";
    let text = unit.repeat(5 * 1024 * 1024 / unit.len() + 1);
    assert!(text.len() > 5 * 1024 * 1024);
    let c = Classifier::builtin().classify(&text, &ClassifyContext::default()).expect("classifies");
    assert!((0.0..=1.0).contains(&c.confidence));
    for e in &c.evidence {
        assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
    }
}

#[test]
fn too_large_input_is_a_readable_error() {
    let text = "a".repeat(tactful::error::MAX_INPUT_BYTES + 1);
    let err = Classifier::builtin().classify(&text, &ClassifyContext::default()).unwrap_err();
    assert!(err.to_string().contains("too large"), "{err}");
}

#[test]
fn labels_cover_every_intent_and_risk_in_both_languages() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/labels/intents.json");
    let labels: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).expect("labels")).expect("json");
    let check = |section: &str, ids: Vec<&str>| {
        let map = labels[section].as_object().expect(section);
        assert_eq!(map.len(), ids.len(), "{section}: exactly the contract's ids");
        for id in ids {
            for key in ["en", "zh", "help_en", "help_zh"] {
                let v = labels[section][id][key].as_str().unwrap_or_default();
                assert!(!v.trim().is_empty(), "{section}.{id}.{key} missing");
                if key.ends_with("zh") {
                    assert!(v.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)), "{section}.{id}.{key} is not Chinese");
                }
            }
        }
    };
    check("intents", Intent::ALL.iter().map(|i| i.as_str()).collect());
    check("risks", Risk::ALL.iter().map(|r| r.as_str()).collect());
}

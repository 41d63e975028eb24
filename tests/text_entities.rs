//! Table-driven entity extraction (tests/data/text/entities.jsonl): each
//! case lists the complete expected entities, so a missing fact and an
//! extra one both fail. Spans are asserted through the exact text they
//! cover in the original.

mod text_support;

use serde_json::{json, Value};
use tactful::contract::Lang;
use tactful::text::entities::{extract, extract_for, Entity};
use text_support::{fixture, str_field};

fn as_json(text: &str, e: &Entity) -> Value {
    assert_eq!(e.span.slice(text), e.text, "entity text must be the span's text");
    let mut v = json!({"kind": e.kind.as_str(), "text": e.text, "value": e.value});
    if let Some(c) = e.carrier {
        v["carrier"] = json!(c.as_str());
    }
    v
}

#[test]
fn entity_table() {
    let cases = fixture("entities.jsonl");
    assert!(cases.len() >= 150, "only {} cases", cases.len());
    let mut failures = Vec::new();
    let mut expected_total = 0;
    for (line, case) in &cases {
        let text = str_field(case, "text");
        let found = match case.get("lang").and_then(Value::as_str) {
            Some(l) => extract_for(text, l.parse::<Lang>().expect("lang id")),
            None => extract(text),
        };
        let got: Vec<Value> = found.iter().map(|e| as_json(text, e)).collect();
        let want = case["entities"].as_array().expect("entities").clone();
        expected_total += want.len();
        if got != want {
            failures.push(format!(
                "line {line}: {text:?}\n   got  {}\n   want {}",
                serde_json::to_string(&got).unwrap_or_default(),
                serde_json::to_string(&want).unwrap_or_default()
            ));
        }
        for w in found.windows(2) {
            assert!(w[0].span.end <= w[1].span.start, "line {line}: entities overlap or are out of order");
        }
    }
    println!("{} cases, {expected_total} expected entities", cases.len());
    assert!(failures.is_empty(), "{} of {} failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

//! Table-driven sentence and clause splitting
//! (tests/data/text/sentences.jsonl): each case lists the exact texts of the
//! expected spans.

mod text_support;

use serde_json::Value;
use tactful::text::sentences::{clauses, sentences};
use tactful::text::Span;
use text_support::{fixture, str_field};

fn texts<'a>(text: &'a str, spans: &[Span]) -> Vec<&'a str> {
    spans.iter().map(|s| s.slice(text)).collect()
}

fn expected(case: &Value, key: &str) -> Option<Vec<String>> {
    case.get(key).and_then(Value::as_array).map(|a| a.iter().map(|v| v.as_str().expect("string").to_string()).collect())
}

#[test]
fn sentence_and_clause_table() {
    let cases = fixture("sentences.jsonl");
    assert!(cases.len() >= 50, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for (line, case) in &cases {
        let text = str_field(case, "text");
        for (key, f) in [("sentences", sentences as fn(&str) -> Vec<Span>), ("clauses", clauses)] {
            let Some(want) = expected(case, key) else { continue };
            let spans = f(text);
            let got = texts(text, &spans);
            if got != want {
                failures.push(format!("line {line} {key}: {text:?}\n   got  {got:?}\n   want {want:?}"));
            }
            for w in spans.windows(2) {
                assert!(w[0].end <= w[1].start, "line {line}: overlapping {key}");
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

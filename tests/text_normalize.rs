//! Table-driven tests of `text::normalize`: the normalised form and the
//! map back to the user's own characters. Cases: tests/data/text/normalize.jsonl
//! (`text`, `normalized`, optional `map`: list of `{find|at, original}`,
//! where `find` is the first occurrence in the normalised text and `at` a
//! `[start, end]` byte range of it).

mod text_support;

use serde_json::Value;
use tactful::text::normalize::normalize;
use tactful::text::Span;
use text_support::{fixture, str_field};

#[test]
fn normalize_table() {
    let cases = fixture("normalize.jsonl");
    assert!(cases.len() >= 50, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for (line, case) in &cases {
        let text = str_field(case, "text");
        let n = normalize(text);
        let want = str_field(case, "normalized");
        if n.text != want {
            failures.push(format!("line {line}: normalize({text:?}) = {:?}, want {want:?}", n.text));
            continue;
        }
        // Idempotent: rule authors normalise their patterns with the same function.
        let again = normalize(&n.text);
        if again.text != n.text {
            failures.push(format!("line {line}: not idempotent: {:?} -> {:?}", n.text, again.text));
        }
        for m in case.get("map").and_then(Value::as_array).into_iter().flatten() {
            let span = if let Some(find) = m.get("find").and_then(Value::as_str) {
                let Some(at) = n.text.find(find) else {
                    failures.push(format!("line {line}: {find:?} not in {:?}", n.text));
                    continue;
                };
                Span::new(at, at + find.len())
            } else {
                let at = m["at"].as_array().expect("at");
                Span::new(at[0].as_u64().unwrap() as usize, at[1].as_u64().unwrap() as usize)
            };
            let got = n.original(span).slice(text);
            let want = str_field(m, "original");
            if got != want {
                failures.push(format!("line {line}: original of {span:?} in {:?} = {got:?}, want {want:?}", n.text));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

/// Every span of the normalised text maps to a span on char boundaries of
/// the original, in order, and the whole text maps to the whole text.
#[test]
fn every_span_maps_onto_char_boundaries() {
    let samples = [
        "Straße ﬁne ｶﾞｷﾞ ＡＢＣ１２３ Crème brûlée\u{A0}\u{3000}x e\u{301}\u{302}",
        "\u{301}leading mark, trailing mark e\u{301}",
        "  \t\r\n ",
        "🎉👩‍👩‍👧🇩🇪 ①⑳ “quoted” — dash…",
        "İSTANBUL ǅ ΣΑΣ Ǆ",
    ];
    for text in samples {
        let n = normalize(text);
        let whole = n.original(Span::new(0, n.text.len()));
        // Only a leading dropped mark (nothing to attach it to) is left out.
        assert_eq!(whole.start, text.len() - text.trim_start_matches('\u{301}').len(), "{text:?}");
        assert_eq!(whole.end, text.len(), "{text:?}");
        let bounds: Vec<usize> = (0..=n.text.len()).filter(|&i| n.text.is_char_boundary(i)).collect();
        for (a, &s) in bounds.iter().enumerate() {
            let mut prev_end = 0;
            for &e in &bounds[a..] {
                let o = n.original(Span::new(s, e));
                assert!(text.is_char_boundary(o.start) && text.is_char_boundary(o.end), "{text:?} {s}..{e} -> {o:?}");
                assert!(o.start <= o.end && o.end <= text.len());
                assert!(o.end >= prev_end, "end must not move back as the span grows");
                prev_end = o.end;
            }
        }
    }
}

/// 5 MB of mixed text: prints the time (no timing assertion; speed is a
/// benchmark, not a test).
#[test]
fn five_megabytes() {
    let unit = "Hallo, wo ist meine Bestellung 302-1234567-7654321? Ça fait ﬁve jours… ありがとう　ｶﾀｶﾅ ＡＢＣ\r\n";
    let text = unit.repeat(5_000_000 / unit.len() + 1);
    let t = std::time::Instant::now();
    let n = normalize(&text);
    println!("normalize: {} bytes in {:?}", text.len(), t.elapsed());
    assert_eq!(n.original(Span::new(0, n.text.len())), Span::new(0, text.len()));
}

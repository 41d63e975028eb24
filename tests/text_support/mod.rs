//! Shared helpers for the text-layer tests: reading JSON Lines fixtures.

use serde_json::Value;

/// The fixture file `tests/data/text/<name>` as one JSON value per
/// non-empty line that does not start with `#`, with its line number.
pub fn fixture(name: &str) -> Vec<(usize, Value)> {
    let path = format!("{}/tests/data/text/{name}", env!("CARGO_MANIFEST_DIR"));
    let body = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    body.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(i, l)| (i + 1, serde_json::from_str(l).unwrap_or_else(|e| panic!("{name}:{}: {e}", i + 1))))
        .collect()
}

/// A string field of a fixture line.
pub fn str_field<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_else(|| panic!("missing string field {key} in {v}"))
}

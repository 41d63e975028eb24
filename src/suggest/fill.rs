//! Template variables: `{name}` tokens, the names a template may use, and
//! filling them in one pass. An unfilled variable stays in the text exactly
//! as written, `{name}`: a visible fill-in marker the seller recognises,
//! which the checker reports as a `placeholder` finding, and which the
//! suggestion lists in `missing`.

use std::collections::BTreeMap;

/// Every variable a template may use, and where its value comes from.
pub const VARIABLES: &[(&str, &str)] = &[
    ("buyer_name", "context variables only (never guessed)"),
    ("order_id", "the message's order ID, or context variables"),
    ("asin", "the message's ASIN, or context variables"),
    ("tracking_id", "the message's tracking number, or context variables"),
    ("carrier", "the tracking number's carrier, else the profile's preferred carrier"),
    ("ship_by", "handling_days business days from the seller's next working start"),
    ("deliver_by", "transit_days business days after ship_by"),
    ("resolve_by", "resolve_days business days from the seller's next working start"),
    ("refund_amount", "the amount in the message, or context variables"),
    ("seller_name", "the profile's seller name"),
    ("return_days", "the profile's return window"),
    ("answer", "the seller's answer to a product question (context variables)"),
];

/// The variables that hold a computed date; every timeline needs one.
pub const DATE_VARIABLES: &[&str] = &["ship_by", "deliver_by", "resolve_by"];

pub fn is_known(name: &str) -> bool {
    VARIABLES.iter().any(|(v, _)| *v == name)
}

/// A problem with the `{…}` syntax of a template text.
#[derive(Debug, PartialEq, Eq)]
pub enum Syntax {
    Unclosed,
    StrayClose,
    Unknown(String),
}

/// The variable names in `text`, in order, or the first syntax problem.
pub fn variables(text: &str) -> Result<Vec<&str>, Syntax> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let open = rest.find('{');
        let close = rest.find('}');
        match (open, close) {
            (None, None) => return Ok(out),
            (None, Some(_)) => return Err(Syntax::StrayClose),
            (Some(o), Some(c)) if c < o => return Err(Syntax::StrayClose),
            (Some(_), None) => return Err(Syntax::Unclosed),
            (Some(o), Some(c)) => {
                let name = &rest[o + 1..c];
                if name.contains('{') {
                    return Err(Syntax::Unclosed);
                }
                if !is_known(name) {
                    return Err(Syntax::Unknown(name.to_string()));
                }
                out.push(name);
                rest = &rest[c + 1..];
            }
        }
    }
}

/// `text` with every known `{name}` that has a value replaced, in one pass
/// (values are never re-scanned); a value ending in "." followed by the
/// sentence's "." keeps one full stop. Names without a value are kept as
/// `{name}` and pushed to `missing` (once each).
pub fn fill(text: &str, values: &BTreeMap<String, String>, missing: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(o) = rest.find('{') {
        out.push_str(&rest[..o]);
        let after = &rest[o + 1..];
        match after.find('}') {
            Some(c) if is_known(&after[..c]) => {
                let name = &after[..c];
                match values.get(name) {
                    Some(v) => {
                        out.push_str(v);
                        // A value ending in a full stop ("Mittwoch, 25.11.")
                        // absorbs the sentence's own full stop after it.
                        if v.ends_with('.') && after[c + 1..].starts_with('.') {
                            rest = &after[c + 2..];
                            continue;
                        }
                    }
                    None => {
                        out.push_str(&rest[o..o + c + 2]);
                        if !missing.iter().any(|m| m == name) {
                            missing.push(name.to_string());
                        }
                    }
                }
                rest = &after[c + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

//! One error type for every fallible call. Messages are written for the
//! person who will read them in a CLI or a JS `Error`: what was wrong and
//! where, never a Rust type name.

use std::fmt;

/// The largest input accepted by any entry point, in bytes. A 5 MB paste is
/// fine; beyond this we refuse with a clear error instead of doing work the
/// user did not mean to ask for.
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// Text longer than [`MAX_INPUT_BYTES`].
    InputTooLarge { bytes: usize, max: usize },
    /// A string that should be one of a closed set of ids was not.
    UnknownId { kind: &'static str, value: String, expected: String },
    /// JSON that did not parse or did not have the expected shape.
    InvalidJson { what: &'static str, detail: String },
    /// A rule pack that parsed but is unusable; `rule` names the rule.
    InvalidRule { pack: String, rule: String, field: &'static str, reason: String },
    /// A template that parsed but is unusable.
    InvalidTemplate { template: String, field: String, reason: String },
    /// A seller profile field out of range.
    InvalidProfile { field: String, reason: String },
    /// Context given to a call that does not make sense (e.g. time out of range).
    InvalidContext { field: String, reason: String },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InputTooLarge { bytes, max } => write!(
                f,
                "text is too large: {bytes} bytes (the limit is {max} bytes); paste a single message or draft"
            ),
            Error::UnknownId { kind, value, expected } => {
                write!(f, "unknown {} \"{value}\" (expected one of: {expected})", kind_name(kind))
            }
            Error::InvalidJson { what, detail } => write!(f, "invalid {what} JSON: {detail}"),
            Error::InvalidRule { pack, rule, field, reason } => {
                write!(f, "rule pack \"{pack}\", rule \"{rule}\", field \"{field}\": {reason}")
            }
            Error::InvalidTemplate { template, field, reason } => {
                write!(f, "template \"{template}\", field \"{field}\": {reason}")
            }
            Error::InvalidProfile { field, reason } => write!(f, "seller profile field \"{field}\": {reason}"),
            Error::InvalidContext { field, reason } => write!(f, "option \"{field}\": {reason}"),
        }
    }
}

impl std::error::Error for Error {}

/// Human names for the id kinds in [`crate::contract`].
fn kind_name(kind: &str) -> &str {
    match kind {
        "Intent" => "intent",
        "Risk" => "risk flag",
        "Category" => "compliance category",
        "Severity" => "severity",
        "Lang" => "language",
        "Marketplace" => "marketplace",
        "EntityKind" => "fact kind",
        "Carrier" => "carrier",
        "Part" => "reply part",
        other => other,
    }
}

/// Shortens user-supplied values quoted in error messages so that a 5 MB
/// mistake does not become a 5 MB error.
pub fn clip(s: &str) -> String {
    const MAX: usize = 60;
    match s.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Rejects inputs over [`MAX_INPUT_BYTES`].
pub fn check_size(text: &str) -> Result<(), Error> {
    if text.len() > MAX_INPUT_BYTES {
        Err(Error::InputTooLarge { bytes: text.len(), max: MAX_INPUT_BYTES })
    } else {
        Ok(())
    }
}

//! The JSON-facing API shared by the CLI and the WASM binding: options
//! parsed from JSON, results with spans in UTF-16 code units. Keeping this
//! here (and not in each surface) is what makes the CLI, Node and the
//! browser return the same answers for the same text.

use crate::check::{CheckContext, CheckResult};
use crate::classify::{Classification, ClassifyContext};
use crate::engine::Engine;
use crate::error::Error;
use crate::suggest::{Profile, SuggestContext, Suggestion};
use crate::text::offsets::to_utf16;
use crate::text::Analysis;
use serde::de::DeserializeOwned;

/// Parses an options object; an empty string or `null` means defaults.
pub fn parse_options<T: DeserializeOwned + Default>(what: &'static str, json: &str) -> Result<T, Error> {
    let json = json.trim();
    if json.is_empty() || json == "null" {
        return Ok(T::default());
    }
    serde_json::from_str(json).map_err(|e| Error::InvalidJson { what, detail: e.to_string() })
}

pub fn analyze(engine: &Engine, text: &str) -> Result<Analysis, Error> {
    Ok(to_utf16(text, engine.analyze(text)?))
}

pub fn classify(engine: &Engine, message: &str, context: &ClassifyContext) -> Result<Classification, Error> {
    Ok(to_utf16(message, engine.classify(message, context)?))
}

pub fn check(engine: &Engine, draft: &str, context: &CheckContext) -> Result<CheckResult, Error> {
    Ok(to_utf16(draft, engine.check(draft, context)?))
}

/// The classification's spans point into `message`, the findings' into the
/// generated reply: each is converted against its own text.
pub fn suggest(engine: &Engine, message: &str, profile: &Profile, context: &SuggestContext) -> Result<Suggestion, Error> {
    let mut s = engine.suggest(message, profile, context)?;
    s.classification = to_utf16(message, s.classification);
    s.findings = to_utf16(&s.reply, s.findings);
    Ok(s)
}

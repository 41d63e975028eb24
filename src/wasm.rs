//! The only wasm-bindgen code: converts JS values to Rust and back, maps
//! errors to JS `Error`s, and reads the real clock. No logic lives here:
//! every answer comes from [`crate::wire`], the same functions the CLI uses.
//!
//! Types: wasm-bindgen would type every `JsValue` as `any`; the
//! `unchecked_*_type` attributes name the interfaces that
//! [`crate::typescript`] generates and the build appends to `tactful.d.ts`.
//!
//! Strings from JS arrive through `TextEncoder`, which turns a lone
//! surrogate into U+FFFD: one UTF-16 unit for one, so the offsets we return
//! still index the caller's own string.

use crate::check::CheckContext;
use crate::classify::ClassifyContext;
use crate::error::Error;
use crate::suggest::{Profile, SuggestContext};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn js_error(e: Error) -> JsError {
    JsError::new(&e.to_string())
}

/// Results cross as JSON text and come out of `JSON.parse` as plain
/// objects: the very bytes the CLI prints, so every surface reports the
/// same numbers (an `f32` confidence of 0.93 stays 0.93, not
/// 0.9300000071525879), and one string crossing the boundary is cheaper
/// than building the object field by field from Rust.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(value).map_err(|e| JsError::new(&format!("cannot return the result: {e}")))?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("cannot return the result: JSON.parse failed"))
}

/// An options object from JS; `undefined` and `null` mean the defaults.
/// It goes through `JSON.stringify` and the same serde_json parser as the
/// CLI's JSON lines, so unknown keys (a typo such as `buyerLanguage`) are
/// rejected exactly as they are there, instead of being silently ignored.
fn from_js<T: DeserializeOwned + Default>(what: &str, value: JsValue) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    let json = stringify(&value).ok_or_else(|| JsError::new(&format!("invalid {what}: expected an object")))?;
    serde_json::from_str(&json).map_err(|e| {
        // The position serde_json appends is in text the caller never saw.
        let message = e.to_string();
        let position = format!(" at line {} column {}", e.line(), e.column());
        JsError::new(&format!("invalid {what}: {}", message.strip_suffix(&position).unwrap_or(&message)))
    })
}

/// A rule pack or template set given either as a JSON string or as an
/// object, which is serialised with `JSON.stringify` so both reach the core
/// as the same text.
fn json_text(what: &str, value: JsValue) -> Result<String, JsError> {
    if let Some(s) = value.as_string() {
        return Ok(s);
    }
    stringify(&value).ok_or_else(|| JsError::new(&format!("invalid {what}: expected a JSON string or an object")))
}

/// `JSON.stringify(value)`; `None` for what has no JSON form (a function,
/// `undefined`, a BigInt, a cycle).
fn stringify(value: &JsValue) -> Option<String> {
    js_sys::JSON::stringify(value).ok().and_then(|s| s.as_string())
}

/// Fills in "now" from the browser's clock when the caller did not pin it:
/// the core never reads a clock.
fn with_clock(mut context: SuggestContext) -> SuggestContext {
    if context.now_ms.is_none() {
        context.now_ms = Some(js_sys::Date::now() as i64);
    }
    context
}

fn analyze_with(engine: &crate::Engine, text: &str) -> Result<JsValue, JsError> {
    to_js(&crate::wire::analyze(engine, text).map_err(js_error)?)
}

fn classify_with(engine: &crate::Engine, message: &str, context: JsValue) -> Result<JsValue, JsError> {
    let context: ClassifyContext = from_js("classify context", context)?;
    to_js(&crate::wire::classify(engine, message, &context).map_err(js_error)?)
}

fn check_with(engine: &crate::Engine, draft: &str, context: JsValue) -> Result<JsValue, JsError> {
    let context: CheckContext = from_js("check context", context)?;
    to_js(&crate::wire::check(engine, draft, &context).map_err(js_error)?)
}

fn suggest_with(engine: &crate::Engine, message: &str, profile: JsValue, context: JsValue) -> Result<JsValue, JsError> {
    let profile: Profile = from_js("seller profile", profile)?;
    let context = with_clock(from_js("suggest context", context)?);
    to_js(&crate::wire::suggest(engine, message, &profile, &context).map_err(js_error)?)
}

/// Language, sentences and facts of `text`; spans in UTF-16 code units.
#[wasm_bindgen(unchecked_return_type = "Analysis")]
pub fn analyze(text: &str) -> Result<JsValue, JsError> {
    analyze_with(crate::default_engine(), text)
}

/// Intent, risk flags, evidence and facts of a buyer message.
#[wasm_bindgen(unchecked_return_type = "Classification")]
pub fn classify(
    message: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "ClassifyContext | null")] context: Option<JsValue>,
) -> Result<JsValue, JsError> {
    classify_with(crate::default_engine(), message, context.unwrap_or(JsValue::UNDEFINED))
}

/// Compliance findings and structure of a seller's draft.
#[wasm_bindgen(unchecked_return_type = "CheckResult")]
pub fn check(
    draft: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "CheckContext | null")] context: Option<JsValue>,
) -> Result<JsValue, JsError> {
    check_with(crate::default_engine(), draft, context.unwrap_or(JsValue::UNDEFINED))
}

/// A three-part reply to a buyer message; `now_ms` defaults to the clock.
#[wasm_bindgen(unchecked_return_type = "Suggestion")]
pub fn suggest(
    message: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "Partial<Profile> | null")] profile: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "SuggestContext | null")] context: Option<JsValue>,
) -> Result<JsValue, JsError> {
    suggest_with(
        crate::default_engine(),
        message,
        profile.unwrap_or(JsValue::UNDEFINED),
        context.unwrap_or(JsValue::UNDEFINED),
    )
}

/// An engine of one's own: the built-in data plus the seller's rule packs
/// and templates, which never leak into the shared built-in engine.
#[wasm_bindgen(js_name = Engine)]
pub struct JsEngine {
    inner: crate::Engine,
}

impl Default for JsEngine {
    fn default() -> Self {
        JsEngine::new()
    }
}

#[wasm_bindgen(js_class = Engine)]
impl JsEngine {
    #[wasm_bindgen(constructor)]
    pub fn new() -> JsEngine {
        JsEngine { inner: crate::Engine::new() }
    }

    #[wasm_bindgen(unchecked_return_type = "Analysis")]
    pub fn analyze(&self, text: &str) -> Result<JsValue, JsError> {
        analyze_with(&self.inner, text)
    }

    #[wasm_bindgen(unchecked_return_type = "Classification")]
    pub fn classify(
        &self,
        message: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ClassifyContext | null")] context: Option<JsValue>,
    ) -> Result<JsValue, JsError> {
        classify_with(&self.inner, message, context.unwrap_or(JsValue::UNDEFINED))
    }

    #[wasm_bindgen(unchecked_return_type = "CheckResult")]
    pub fn check(
        &self,
        draft: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "CheckContext | null")] context: Option<JsValue>,
    ) -> Result<JsValue, JsError> {
        check_with(&self.inner, draft, context.unwrap_or(JsValue::UNDEFINED))
    }

    #[wasm_bindgen(unchecked_return_type = "Suggestion")]
    pub fn suggest(
        &self,
        message: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "Partial<Profile> | null")] profile: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "SuggestContext | null")] context: Option<JsValue>,
    ) -> Result<JsValue, JsError> {
        suggest_with(&self.inner, message, profile.unwrap_or(JsValue::UNDEFINED), context.unwrap_or(JsValue::UNDEFINED))
    }

    /// Adds a rule pack (JSON text or object); on error nothing changes.
    #[wasm_bindgen(js_name = addRulePack)]
    pub fn add_rule_pack(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | object")] pack: JsValue,
    ) -> Result<(), JsError> {
        let json = json_text("rule pack", pack)?;
        self.inner.add_rule_pack(&json).map_err(js_error)
    }

    /// Replaces the seller's templates (JSON text or object, the export
    /// format); on error the old set stays.
    #[wasm_bindgen(js_name = importTemplates)]
    pub fn import_templates(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | object")] templates: JsValue,
    ) -> Result<(), JsError> {
        let json = json_text("templates", templates)?;
        self.inner.import_templates(&json).map_err(js_error)
    }

    /// The seller's templates as JSON text, in the import format.
    #[wasm_bindgen(js_name = exportTemplates)]
    pub fn export_templates(&self) -> String {
        self.inner.export_templates()
    }

    /// Names and explanations (English and Chinese) of every intent, risk
    /// flag, compliance category and severity.
    #[wasm_bindgen(unchecked_return_type = "Labels")]
    pub fn labels(&self) -> Result<JsValue, JsError> {
        to_js(crate::labels::labels())
    }

    /// The profile used when none is given: a starting point for settings.
    #[wasm_bindgen(js_name = defaultProfile, unchecked_return_type = "Profile")]
    pub fn default_profile(&self) -> Result<JsValue, JsError> {
        to_js(&Profile::default())
    }
}

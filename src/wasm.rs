//! The only wasm-bindgen code: converts JS values to Rust and back, maps
//! errors to JS `Error`s. No logic lives here. (Skeleton; the build work
//! completes it.)

use wasm_bindgen::prelude::*;

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Language, sentences and facts of `text`; spans in UTF-16 code units.
#[wasm_bindgen]
pub fn analyze(text: &str) -> Result<JsValue, JsError> {
    let result = crate::wire::analyze(crate::default_engine(), text).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&result)
}

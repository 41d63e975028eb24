//! Tactful: a reply assistant for Amazon marketplace sellers that runs on
//! the user's machine. One engine classifies buyer messages, suggests
//! three-part replies and checks drafts against Amazon's Buyer-Seller
//! Messaging rules; the CLI, Node and the browser all call it.
//!
//! Inside Rust every span is a byte range ([`text::Span`]); the
//! [`wire`] functions return the same results with UTF-16 offsets, which is
//! what JSON output and JavaScript use.

/// The text of an embedded data file, `data/<path>`, as build.rs compacted
/// it (no whitespace, no `_doc`, no rule examples; the source files under
/// `data/` are what people and the data tests read).
macro_rules! data_file {
    ($path:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/data/", $path))
    };
}

pub mod check;
pub mod classify;
pub mod contract;
mod engine;
pub mod error;
mod float;
pub mod labels;
mod sort;
pub mod suggest;
pub mod text;
pub mod typescript;
pub mod wire;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use engine::Engine;
pub use error::Error;

use std::sync::OnceLock;

/// The engine with built-in data, built on first use.
pub fn default_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::new)
}

/// Language, sentences and facts of `text` (byte offsets).
pub fn analyze(text: &str) -> Result<text::Analysis, Error> {
    default_engine().analyze(text)
}

//! Language identification. (Skeleton; the text-layer work replaces it.)

use crate::contract::Lang;

/// A language and how sure we are of it (0..=1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LangGuess {
    pub lang: Lang,
    pub confidence: f32,
}

/// Identifies the language of `text`; `Lang::Unknown` when too short or mixed.
pub fn detect(text: &str) -> LangGuess {
    let _ = text;
    LangGuess { lang: Lang::Unknown, confidence: 0.0 }
}

//! The text layer: spans and offsets, normalisation for matching, language
//! identification, sentence splitting and facts. Every other module reads
//! text through this one.

pub mod entities;
pub(crate) mod hash;
pub mod lang;
pub mod lexicon;
pub mod normalize;
pub mod offsets;
pub mod pattern;
pub mod sentences;
mod span;

pub use entities::Entity;
pub use lang::LangGuess;
pub use normalize::Normalized;
pub use span::Span;

use crate::contract::Lang;
use crate::error::{check_size, Error};
use offsets::Spans;
use serde::Serialize;

/// What the text layer reads in a message: its language, its sentences and
/// the facts in it. Spans are byte offsets until [`offsets::to_utf16`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Analysis {
    pub language: Lang,
    pub language_confidence: f32,
    pub sentences: Vec<Span>,
    /// The sentences split further at commas, semicolons and colons.
    pub clauses: Vec<Span>,
    pub entities: Vec<Entity>,
}

impl Spans for Analysis {
    fn for_each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        self.sentences.for_each_span(f);
        self.clauses.for_each_span(f);
        self.entities.for_each_span(f);
    }
}

/// Reads `text`: language, sentences, facts.
pub fn analyze(text: &str) -> Result<Analysis, Error> {
    check_size(text)?;
    let norm = normalize::normalize(text);
    let guess = lang::detect_with(text, &norm.text);
    let sentences = sentences::sentences(text);
    Ok(Analysis {
        language: guess.lang,
        language_confidence: guess.confidence,
        clauses: sentences::clauses_of(text, &sentences),
        sentences,
        entities: entities::extract_normalized(text, &norm, guess.lang),
    })
}

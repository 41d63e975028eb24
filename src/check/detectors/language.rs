//! The draft's language against the marketplace's. Amazon delivers
//! messages in the buyer's language of preference; a reply in another
//! language may not be delivered or read. A reply in the buyer's own
//! language is always accepted (an English reply to an English-writing
//! buyer on amazon.de is fine).

use super::{Limits, Metas};
use crate::check::{CheckContext, Hit, RuleMeta};
use crate::contract::Lang;
use crate::error::Error;
use crate::text::lang;
use crate::text::Span;

pub(super) struct Mismatch {
    meta: RuleMeta,
    min_confidence: f32,
    sample_chars: usize,
}

impl Mismatch {
    pub fn new(metas: &Metas, limits: &Limits) -> Result<Mismatch, Error> {
        Ok(Mismatch {
            meta: metas.take("language.mismatch")?,
            min_confidence: limits.language_min_confidence,
            sample_chars: limits.language_sample_chars,
        })
    }

    /// The draft's language, read from its start (a 5 MB paste is
    /// identified from its first few thousand characters); `Unknown` when
    /// the guess is not confident.
    pub fn detect(&self, draft: &str) -> Lang {
        let end = draft.char_indices().nth(self.sample_chars).map_or(draft.len(), |(i, _)| i);
        let guess = lang::detect(&draft[..end]);
        if guess.confidence >= self.min_confidence {
            guess.lang
        } else {
            Lang::Unknown
        }
    }

    pub fn run<'a>(&'a self, draft: &str, detected: Lang, context: &CheckContext, hits: &mut Vec<Hit<'a>>) {
        if detected == Lang::Unknown
            || context.marketplace.languages().contains(&detected)
            || context.buyer_language == Some(detected)
        {
            return;
        }
        let start = draft.len() - draft.trim_start().len();
        let end = draft.trim_end().len();
        if start < end {
            hits.push(Hit { meta: &self.meta, span: Span::new(start, end), fix: None });
        }
    }
}

//! The draft's language against the marketplace's. Amazon delivers
//! messages in the buyer's language of preference; a reply in another
//! language may not be delivered or read. A reply in the buyer's own
//! language is always accepted (an English reply to an English-writing
//! buyer on amazon.de is fine).

use super::{list_error, Limits, Metas};
use crate::check::pack::build_regex_unchecked;
use regex::Regex;
use crate::check::{CheckContext, Hit, RuleMeta};
use crate::contract::Lang;
use crate::error::Error;
use crate::text::lang;
use crate::text::normalize::{normalize, Normalized};
use crate::text::Span;

pub(super) struct Mismatch {
    meta: RuleMeta,
    min_confidence: f32,
    min_words: usize,
    sample_chars: usize,
    /// URLs, email addresses and tokens with digits: they say nothing about
    /// the language ("ups.com/track?n=1Z99…" reads as Dutch) and are blanked
    /// out before the guess.
    noise: Regex,
    word: Regex,
}

impl Mismatch {
    pub fn new(metas: &Metas, limits: &Limits) -> Result<Mismatch, Error> {
        Ok(Mismatch {
            meta: metas.take("language.mismatch")?,
            min_confidence: limits.language_min_confidence,
            min_words: limits.language_min_words,
            sample_chars: limits.language_sample_chars,
            noise: build_regex_unchecked(r"(?:https?://|www\.)[!-~]+|[!-~]+@[!-~]+|[!-~]*[0-9][!-~]*").map_err(|e| list_error("language", e))?,
            // A word: one kana or kanji, or two letters or digits of the Latin
            // alphabets (ASCII after normalisation, plus the Latin Extended
            // letters it keeps, as in Polish "złe").
            word: build_regex_unchecked(r"[\u{3040}-\u{30FF}\u{4E00}-\u{9FFF}]|[\w\u{C0}-\u{24F}]{2,}").map_err(|e| list_error("language", e))?,
        })
    }

    /// The draft's language, read from its start (a 5 MB paste is
    /// identified from its first few thousand characters); `Unknown` when
    /// the guess is not confident.
    /// `norm` is the whole draft normalised.
    pub fn detect(&self, draft: &str, norm: &Normalized) -> Lang {
        let end = draft.char_indices().nth(self.sample_chars).map_or(draft.len(), |(i, _)| i);
        // Masked on the normalised text, so "＠" and full-width digits count.
        let prefix;
        let normal = if end == draft.len() {
            norm.text.as_str()
        } else {
            prefix = normalize(&draft[..end]).text;
            prefix.as_str()
        };
        let sample = self.noise.replace_all(normal, " ");
        if self.word.find_iter(&sample).take(self.min_words).count() < self.min_words {
            return Lang::Unknown;
        }
        // The sample is normalised text with parts blanked out: normalising
        // it again (as `lang::detect` would) changes no letter.
        let guess = lang::detect_normalized(&sample);
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

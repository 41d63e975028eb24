//! Japanese drafts that mix です・ます with plain form (だ・である). Business
//! replies keep です・ます throughout; a plain sentence among polite ones
//! reads as curt. Each plain sentence of a mixed draft is flagged, whole,
//! so the seller sees which sentence to rephrase.

use super::{Lists, Metas};
use crate::check::{Hit, RuleMeta};
use crate::error::Error;
use crate::text::Span;

pub(super) struct MixedStyle {
    meta: RuleMeta,
    polite: Vec<String>,
    plain: Vec<String>,
}

/// Sentence ends in Japanese text.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '\n')
}

/// Trailing marks that do not change a sentence's ending.
fn is_trailing_mark(c: char) -> bool {
    matches!(c, '」' | '』' | '）' | ')' | '、' | '…' | '～' | '〜' | 'ー' | ' ' | '\u{3000}') || ends_sentence(c)
}

impl MixedStyle {
    pub fn new(metas: &Metas, lists: &Lists) -> Result<MixedStyle, Error> {
        Ok(MixedStyle {
            meta: metas.take("register.ja_mixed_style")?,
            polite: lists.ja_polite_endings.clone(),
            plain: lists.ja_plain_endings.clone(),
        })
    }

    pub fn run<'a>(&'a self, draft: &str, hits: &mut Vec<Hit<'a>>) {
        let mut polite = 0usize;
        let mut plain_sentences = Vec::new();
        let mut start = 0usize;
        for (i, c) in draft.char_indices() {
            if ends_sentence(c) {
                self.classify(draft, Span::new(start, i + c.len_utf8()), &mut polite, &mut plain_sentences);
                start = i + c.len_utf8();
            }
        }
        self.classify(draft, Span::new(start, draft.len()), &mut polite, &mut plain_sentences);
        if polite > 0 {
            for span in plain_sentences {
                hits.push(Hit { meta: &self.meta, span, fix: None });
            }
        }
    }

    /// Counts a polite sentence or records a plain one (trimmed).
    fn classify(&self, draft: &str, span: Span, polite: &mut usize, plain: &mut Vec<Span>) {
        let sentence = &draft[span.start..span.end];
        let body = sentence.trim_end_matches(is_trailing_mark);
        if self.polite.iter().any(|e| body.ends_with(e.as_str())) {
            *polite += 1;
        } else if self.plain.iter().any(|e| body.ends_with(e.as_str())) {
            let lead = sentence.len() - sentence.trim_start().len();
            plain.push(Span::new(span.start + lead, span.end));
        }
    }
}

//! Normalisation for matching, with a map back to the original text.
//! (Skeleton: lowercase only; the text-layer work replaces this.)

use super::Span;

/// A normalised copy of some text and, for each byte of it, where that byte
/// came from in the original, so a match in `text` can be reported on the
/// user's own characters.
#[derive(Clone, Debug)]
pub struct Normalized {
    pub text: String,
    origin: Vec<u32>,
    original_len: usize,
}

impl Normalized {
    /// The span of the original text that produced `span` of the normalised text.
    pub fn original(&self, span: Span) -> Span {
        let start = self.origin.get(span.start).map_or(self.original_len, |&o| o as usize);
        let end = if span.end == 0 {
            0
        } else {
            match self.origin.get(span.end) {
                Some(&o) => o as usize,
                None => self.original_len,
            }
        };
        Span::new(start, end.max(start))
    }
}

/// Normalises `text` for matching.
pub fn normalize(text: &str) -> Normalized {
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        for l in c.to_lowercase() {
            let before = out.len();
            out.push(l);
            origin.extend(std::iter::repeat_n(i as u32, out.len() - before));
        }
    }
    Normalized { text: out, origin, original_len: text.len() }
}

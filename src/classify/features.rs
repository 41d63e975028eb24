//! Turns a message into hashed, weighted features for the linear model.
//!
//! The same function feeds training and inference, so the two can never
//! disagree about what a feature is. Five families, each hashed with its own
//! tag byte so that e.g. the word "a" and the character "a" never share a
//! bucket by construction:
//!
//! - character n-grams (1–4) of the normalised text: they need no word
//!   boundaries, so they work for Japanese, and they survive misspellings
//!   and missing accents in every language;
//! - word unigrams and bigrams for runs of non-CJK letters, which carry
//!   phrases ("not arrived", "nicht angekommen") more directly;
//! - concepts from the cross-language lexicon ([`super::concepts`]), so
//!   what is learned about "refund" in one language carries to the others;
//! - facts from [`crate::text::entities`] (an order ID, a tracking number,
//!   money, a date, a duration…), which separate "where is 1Z999…" from a
//!   product question without any word for it;
//! - the detected language, so the bias of each intent can differ per
//!   language (a Japanese buyer writes a thank-you differently).
//!
//! Digits are folded to `0` before hashing: an order number is a pattern,
//! not a word to remember.

use crate::contract::{EntityKind, Lang};
use crate::text::{Entity, Span};

/// Hash space. The model stores only the buckets it kept after pruning, so
/// this sets the collision rate, not the size of the shipped weights.
pub const BUCKETS_LOG2: u32 = 18;
const BUCKET_MASK: u32 = (1 << BUCKETS_LOG2) - 1;

/// Longest character n-gram.
const MAX_CHAR_N: usize = 4;

/// Only the start of a message is read by the model: a buyer states what
/// they want in the first lines, and a 5 MB paste must not cost seconds.
/// (Risk rules and facts still read the whole text.)
pub const MAX_MODEL_BYTES: usize = 16 * 1024;

/// Bumped whenever the features change: a model trained on other features
/// is refused at load time instead of scoring garbage.
pub const FEATURE_VERSION: u16 = 2;

/// Relative weight of the character n-gram and word families.
const CHAR_WEIGHT: f32 = 1.0;
const WORD_WEIGHT: f32 = 1.0;
const CONCEPT_WEIGHT: f32 = 1.0;

/// Family tags mixed into each hash.
const TAG_CHAR: u8 = b'c';
const TAG_WORD: u8 = b'w';
const TAG_BIGRAM: u8 = b'b';
const TAG_FACT: u8 = b'f';
const TAG_LANG: u8 = b'l';
const TAG_CONCEPT: u8 = b'k';

/// One feature occurrence: its bucket and, for text features, the span of
/// the normalised text it was read from (facts and language have none).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Occurrence {
    pub bucket: u32,
    pub span: Option<Span>,
}

/// The features of one message: every occurrence (for evidence) and the
/// merged, weighted vector (for scoring), sorted by bucket.
#[derive(Clone, Debug, Default)]
pub struct Features {
    pub occurrences: Vec<Occurrence>,
    pub vector: Vec<(u32, f32)>,
}

/// FNV-1a, 64-bit: stable across platforms, builds and Rust versions,
/// unlike `std`'s randomly seeded hasher.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new(tag: u8) -> Fnv {
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        h.byte(tag);
        h
    }
    fn byte(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
    }
    fn char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            self.byte(b);
        }
    }
    fn str(&mut self, s: &str) {
        for &b in s.as_bytes() {
            self.byte(b);
        }
    }
    fn bucket(self) -> u32 {
        // Fold the high bits in: FNV's low bits alone mix poorly.
        ((self.0 ^ (self.0 >> 29) ^ (self.0 >> 47)) as u32) & BUCKET_MASK
    }
}

/// A stable 64-bit hash of `text` (FNV-1a), also used to split the corpus.
pub fn stable_hash(text: &str) -> u64 {
    let mut h = Fnv::new(0);
    h.str(text);
    h.0
}

/// True for scripts written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'   // hiragana, katakana
        | '\u{31F0}'..='\u{31FF}' // katakana extensions
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
        | '\u{FF66}'..='\u{FF9F}' // half-width katakana
    )
}

/// True for pictographs buyers use as tone (😡, 👍, ❤): kept as characters
/// because they say a lot about mood.
fn is_pictograph(c: char) -> bool {
    matches!(c, '\u{2600}'..='\u{27BF}' | '\u{1F300}'..='\u{1FAFF}')
}

/// The character the n-grams see for `c`: letters as they are, digits as
/// `0`, `?`/`!` (full-width too) as themselves, pictographs as themselves,
/// anything else as a separator (`None`).
fn fold(c: char) -> Option<char> {
    match c {
        '?' | '？' => Some('?'),
        '!' | '！' => Some('!'),
        c if c.is_numeric() => Some('0'),
        c if c.is_alphabetic() || is_pictograph(c) => Some(c),
        _ => None,
    }
}

/// One character of the folded sequence and the normalised-text span it
/// came from; separators collapse into one `' '`.
#[derive(Clone, Copy)]
struct Unit {
    c: char,
    span: Span,
}

/// The folded character sequence of `text`, with a separator at each end so
/// that n-grams see word starts and ends.
fn units(text: &str) -> Vec<Unit> {
    let mut out = Vec::with_capacity(text.len() + 2);
    out.push(Unit { c: ' ', span: Span::new(0, 0) });
    for (i, c) in text.char_indices() {
        let span = Span::new(i, i + c.len_utf8());
        match fold(c) {
            Some(f) => out.push(Unit { c: f, span }),
            None => {
                if out.last().is_some_and(|u| u.c != ' ') {
                    out.push(Unit { c: ' ', span });
                }
            }
        }
    }
    if out.last().is_some_and(|u| u.c != ' ') {
        out.push(Unit { c: ' ', span: Span::new(text.len(), text.len()) });
    }
    out
}

/// The span from the first to the last non-separator unit of `window`.
fn window_span(window: &[Unit]) -> Option<Span> {
    let first = window.iter().find(|u| u.c != ' ')?;
    let last = window.iter().rev().find(|u| u.c != ' ')?;
    Some(Span::new(first.span.start, last.span.end))
}

/// The features of a message, given its normalised text (byte offsets of
/// the spans refer to it), its facts and its detected language.
pub fn extract(normalized: &str, entities: &[Entity], lang: Lang, concepts: &[(&str, Span)]) -> Features {
    let mut end = normalized.len().min(MAX_MODEL_BYTES);
    while !normalized.is_char_boundary(end) {
        end -= 1;
    }
    let text = &normalized[..end];
    let units = units(text);
    let mut occurrences = Vec::with_capacity(units.len() * (MAX_CHAR_N + 1));

    // Character n-grams; windows made only of separators carry nothing.
    for n in 1..=MAX_CHAR_N {
        for window in units.windows(n) {
            let Some(span) = window_span(window) else { continue };
            let mut h = Fnv::new(TAG_CHAR);
            for u in window {
                h.char(u.c);
            }
            occurrences.push(Occurrence { bucket: h.bucket(), span: Some(span) });
        }
    }

    let char_end = occurrences.len();

    // Word unigrams and bigrams over runs of non-CJK letters and digits.
    let mut words: Vec<(String, Span)> = Vec::new();
    let mut current = String::new();
    let mut current_span = Span::default();
    for u in &units {
        let wordish = u.c != ' ' && u.c != '?' && u.c != '!' && !is_cjk(u.c) && !is_pictograph(u.c);
        if wordish {
            if current.is_empty() {
                current_span = u.span;
            }
            current.push(u.c);
            current_span.end = u.span.end;
        } else if !current.is_empty() {
            words.push((std::mem::take(&mut current), current_span));
        }
    }
    for (i, (w, span)) in words.iter().enumerate() {
        let mut h = Fnv::new(TAG_WORD);
        h.str(w);
        occurrences.push(Occurrence { bucket: h.bucket(), span: Some(*span) });
        if let Some((next, next_span)) = words.get(i + 1) {
            let mut h = Fnv::new(TAG_BIGRAM);
            h.str(w);
            h.byte(b' ');
            h.str(next);
            occurrences.push(Occurrence { bucket: h.bucket(), span: Some(Span::new(span.start, next_span.end)) });
        }
    }
    let word_end = occurrences.len();

    // Concepts from the cross-language lexicon.
    for (name, span) in concepts {
        let mut h = Fnv::new(TAG_CONCEPT);
        h.str(name);
        occurrences.push(Occurrence { bucket: h.bucket(), span: Some(*span) });
    }
    let text_end = occurrences.len();

    // Facts: the kind is what matters (an order ID, a tracking number, money
    // each point at particular intents), not the value.
    let mut kinds: Vec<EntityKind> = entities.iter().map(|e| e.kind).collect();
    crate::sort::ascending(&mut kinds);
    kinds.dedup();
    for kind in kinds {
        let mut h = Fnv::new(TAG_FACT);
        h.str(kind.as_str());
        occurrences.push(Occurrence { bucket: h.bucket(), span: None });
    }
    let mut h = Fnv::new(TAG_LANG);
    h.str(lang.as_str());
    occurrences.push(Occurrence { bucket: h.bucket(), span: None });

    let vector = weigh(&occurrences, [char_end, word_end, text_end]);
    Features { occurrences, vector }
}

/// Merges occurrences into a vector. Each text family (character n-grams,
/// words) gets sublinear counts (1 + ln n), is L2-normalised so long and
/// short messages score on the same scale, and is scaled by its family
/// weight; facts and language stay at 1, so they weigh the same in a
/// two-word message and in a long one.
fn weigh(occurrences: &[Occurrence], ends: [usize; 3]) -> Vec<(u32, f32)> {
    let [char_end, word_end, text_end] = ends;
    let mut vector: Vec<(u32, f32)> = Vec::new();
    for (range, weight) in
        [(0..char_end, CHAR_WEIGHT), (char_end..word_end, WORD_WEIGHT), (word_end..text_end, CONCEPT_WEIGHT)]
    {
        let mut family: Vec<u32> = occurrences[range].iter().map(|o| o.bucket).collect();
        family.sort_unstable();
        let start = vector.len();
        let mut i = 0;
        while i < family.len() {
            let b = family[i];
            let j = family[i..].iter().position(|&x| x != b).map_or(family.len(), |k| i + k);
            vector.push((b, 1.0 + ((j - i) as f32).ln()));
            i = j;
        }
        let norm = vector[start..].iter().map(|&(_, v)| v * v).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, v) in &mut vector[start..] {
                *v *= weight / norm;
            }
        }
    }
    vector.extend(occurrences[text_end..].iter().map(|o| (o.bucket, 1.0)));
    merge(vector)
}

/// Sorts by bucket and sums the values of equal buckets (hash collisions
/// between families).
fn merge(mut vector: Vec<(u32, f32)>) -> Vec<(u32, f32)> {
    vector.sort_unstable_by_key(|&(b, _)| b);
    let mut out: Vec<(u32, f32)> = Vec::with_capacity(vector.len());
    for (b, v) in vector {
        match out.last_mut() {
            Some(last) if last.0 == b => last.1 += v,
            _ => out.push((b, v)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_text_features_point_into_the_normalised_text() {
        let text = "it won't turn on";
        let f = extract(text, &[], Lang::En, &[]);
        for o in &f.occurrences {
            if let Some(s) = o.span {
                assert!(s.end <= text.len() && s.start < s.end, "{s:?}");
            }
        }
        // Each text family is unit length; the language feature adds 1.
        let norm2: f32 = f.vector.iter().map(|&(_, v)| v * v).sum();
        assert!((norm2 - 3.0).abs() < 1e-3, "{norm2}");
    }

    #[test]
    fn digits_fold_so_order_numbers_share_features() {
        let a = extract("order 111-2223334-5556667", &[], Lang::En, &[]);
        let b = extract("order 999-8887776-6655443", &[], Lang::En, &[]);
        assert_eq!(a.vector, b.vector);
    }

    #[test]
    fn empty_text_has_only_the_language_feature() {
        let f = extract("", &[], Lang::Unknown, &[]);
        assert_eq!(f.vector.len(), 1);
    }
}

//! Which words made the model decide: feature contributions mapped back
//! onto the buyer's own text.
//!
//! A linear model's score is a sum of `weight × value` over features, so
//! each text feature's share of an output's score is exact. Each feature
//! occurrence spreads its share over the characters it covers; characters
//! that collect a large share are grown to whole words, neighbouring words
//! are merged into phrases ("won't turn on"), and the strongest phrases are
//! reported on the original text via [`Normalized::original`].

use super::features::{is_cjk, Features};
use super::model::Model;
use crate::text::{Normalized, Span};

/// At most this many phrases per output: enough to underline the reason,
/// few enough to read at a glance.
const MAX_PHRASES: usize = 3;

/// A character is part of a phrase when its score is at least this share
/// of the best character's score.
const CHAR_SHARE: f32 = 0.4;

/// A phrase is kept when its total is at least this share of the best one.
const PHRASE_SHARE: f32 = 0.25;

/// The phrases (spans of the original text) that pushed `output` up, the
/// strongest first, without overlaps.
pub fn phrases(model: &Model, features: &Features, output: usize, normalized: &Normalized) -> Vec<Span> {
    Attribution::new(features, normalized).phrases(model, output)
}

/// What [`phrases`] reads about a message that is the same for every
/// output: built once per message, then asked for each output in turn.
pub struct Attribution<'a> {
    features: &'a Features,
    normalized: &'a Normalized,
    /// The occurrences with a non-empty span, in order.
    hits: Vec<Hit>,
    /// Per vector index: how many of `hits` have that bucket.
    counts: Vec<u32>,
    /// Characters of the normalised text.
    chars: usize,
}

/// One text feature occurrence: its index in the vector, the characters
/// it covers and its length in bytes.
#[derive(Clone, Copy)]
struct Hit {
    slot: u32,
    first: u32,
    end: u32,
    bytes: u32,
}

impl<'a> Attribution<'a> {
    pub fn new(features: &'a Features, normalized: &'a Normalized) -> Attribution<'a> {
        let text = normalized.text.as_str();
        // Byte offset → index of the char that starts there (spans start
        // and end on char boundaries).
        let mut char_at = vec![0u32; text.len() + 1];
        let mut chars = 0;
        for (n, (i, _)) in text.char_indices().enumerate() {
            char_at[i] = n as u32;
            chars = n + 1;
        }
        char_at[text.len()] = chars as u32;
        let mut counts = vec![0u32; features.vector.len()];
        let mut hits = Vec::with_capacity(features.occurrences.len());
        for (o, &slot) in features.occurrences.iter().zip(&features.slots) {
            let Some(span) = o.span.filter(|s| !s.is_empty()) else { continue };
            counts[slot as usize] += 1;
            hits.push(Hit {
                slot,
                first: char_at[span.start],
                end: char_at[span.end],
                bytes: span.len() as u32,
            });
        }
        Attribution { features, normalized, hits, counts, chars }
    }

    /// The phrases (spans of the original text) that pushed `output` up,
    /// the strongest first, without overlaps.
    ///
    /// Each occurrence that pushes `output` up spreads its share of the
    /// score evenly over the bytes it covers (the vector's value is split
    /// evenly over a bucket's occurrences); a character's score is what its
    /// first byte collects, summed in occurrence order.
    pub fn phrases(&self, model: &Model, output: usize) -> Vec<Span> {
        let text = self.normalized.text.as_str();
        let vector = &self.features.vector;
        let weights: Vec<f32> = vector.iter().map(|&(b, _)| model.weight(b, output)).collect();
        let mut score = vec![0f32; self.chars];
        for h in &self.hits {
            let i = h.slot as usize;
            let weight = weights[i];
            if weight <= 0.0 {
                continue;
            }
            let c = weight * vector[i].1 / self.counts[i].max(1) as f32 / h.bytes as f32;
            for v in &mut score[h.first as usize..h.end as usize] {
                *v += c;
            }
        }
        let best = score.iter().fold(0f32, |m, &v| m.max(v));
        if best <= 0.0 {
            return Vec::new();
        }

        // Runs of strong characters, grown to word edges.
        let mut segments: Vec<(Span, f32)> = Vec::new();
        for ((i, c), &v) in text.char_indices().zip(&score) {
            if v < best * CHAR_SHARE {
                continue;
            }
            let end = i + c.len_utf8();
            match segments.last_mut() {
                Some((s, total)) if s.end == i => {
                    s.end = end;
                    *total += v;
                }
                _ => segments.push((Span::new(i, end), v)),
            }
        }
        for (s, _) in &mut segments {
            *s = grow_to_word(text, *s);
        }
        // Merge segments that touch or are split by one separator ("turn on").
        let mut merged: Vec<(Span, f32)> = Vec::new();
        for (s, t) in segments {
            match merged.last_mut() {
                Some((p, pt)) if s.start <= p.end || only_separator(&text[p.end..s.start]) => {
                    p.end = p.end.max(s.end);
                    *pt += t;
                }
                _ => merged.push((s, t)),
            }
        }
        crate::sort::by(&mut merged, |a, b| b.1.total_cmp(&a.1).then(a.0.start.cmp(&b.0.start)));
        let top = merged.first().map_or(0.0, |m| m.1);
        merged
            .into_iter()
            .filter(|(s, t)| *t >= top * PHRASE_SHARE && text[s.start..s.end].chars().any(char::is_alphabetic))
            .take(MAX_PHRASES)
            .map(|(s, _)| self.normalized.original(s))
            .filter(|s| !s.is_empty())
            .collect()
    }
}

/// True for letters and digits of space-delimited scripts: the characters
/// a highlighted word is grown over.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// Extends `s` to the edges of the words it touches (not across CJK text,
/// which has no word edges to find).
fn grow_to_word(text: &str, mut s: Span) -> Span {
    if text[s.start..s.end].chars().next().is_some_and(is_word_char) {
        while let Some(c) = text[..s.start].chars().next_back().filter(|&c| is_word_char(c) || c == '\'') {
            s.start -= c.len_utf8();
        }
    }
    if text[s.start..s.end].chars().next_back().is_some_and(is_word_char) {
        while let Some(c) = text[s.end..].chars().next().filter(|&c| is_word_char(c) || c == '\'') {
            s.end += c.len_utf8();
        }
    }
    s
}

/// True when `gap` is one short run of spaces or light punctuation.
fn only_separator(gap: &str) -> bool {
    gap.chars().count() <= 2 && gap.chars().all(|c| c.is_whitespace() || matches!(c, '\'' | '-' | '’' | '、'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The implementation [`Attribution::phrases`] replaced (one pass over
    /// every occurrence per output, a binary search per occurrence, scores
    /// per byte), kept to prove the answers are the same.
    fn reference(model: &Model, features: &Features, output: usize, normalized: &Normalized) -> Vec<Span> {
        let text = normalized.text.as_str();
        let mut hits: Vec<(usize, Span, f32)> = Vec::new();
        let mut counts = vec![0u32; features.vector.len()];
        for o in &features.occurrences {
            let Some(span) = o.span.filter(|s| !s.is_empty()) else { continue };
            let weight = model.weight(o.bucket, output);
            if weight <= 0.0 {
                continue;
            }
            let Ok(i) = features.vector.binary_search_by_key(&o.bucket, |&(b, _)| b) else { continue };
            counts[i] += 1;
            hits.push((i, span, weight));
        }
        let mut score = vec![0f32; text.len()];
        for (i, span, weight) in hits {
            let c = weight * features.vector[i].1 / counts[i].max(1) as f32 / span.len() as f32;
            for v in &mut score[span.start..span.end] {
                *v += c;
            }
        }
        let best = score.iter().fold(0f32, |m, &v| m.max(v));
        if best <= 0.0 {
            return Vec::new();
        }
        let mut segments: Vec<(Span, f32)> = Vec::new();
        for (i, c) in text.char_indices() {
            if score[i] < best * CHAR_SHARE {
                continue;
            }
            let end = i + c.len_utf8();
            match segments.last_mut() {
                Some((s, total)) if s.end == i => {
                    s.end = end;
                    *total += score[i];
                }
                _ => segments.push((Span::new(i, end), score[i])),
            }
        }
        for (s, _) in &mut segments {
            *s = grow_to_word(text, *s);
        }
        let mut merged: Vec<(Span, f32)> = Vec::new();
        for (s, t) in segments {
            match merged.last_mut() {
                Some((p, pt)) if s.start <= p.end || only_separator(&text[p.end..s.start]) => {
                    p.end = p.end.max(s.end);
                    *pt += t;
                }
                _ => merged.push((s, t)),
            }
        }
        crate::sort::by(&mut merged, |a, b| b.1.total_cmp(&a.1).then(a.0.start.cmp(&b.0.start)));
        let top = merged.first().map_or(0.0, |m| m.1);
        merged
            .into_iter()
            .filter(|(s, t)| *t >= top * PHRASE_SHARE && text[s.start..s.end].chars().any(char::is_alphabetic))
            .take(MAX_PHRASES)
            .map(|(s, _)| normalized.original(s))
            .filter(|s| !s.is_empty())
            .collect()
    }

    #[test]
    fn same_phrases_as_the_reference_for_every_output() {
        let classifier = crate::classify::Classifier::builtin();
        let model = classifier.model();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let inputs: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(root.join("bench/inputs.json")).unwrap()).unwrap();
        let mut texts: Vec<String> = Vec::new();
        for lang in ["de", "en", "es", "fr", "it", "ja"] {
            let corpus = std::fs::read_to_string(root.join(format!("data/corpus/intents/{lang}.jsonl"))).unwrap();
            // Every fourth message (the test runs unoptimised), and the
            // long benchmark messages.
            for line in corpus.lines().step_by(4) {
                if let Some(t) = serde_json::from_str::<serde_json::Value>(line).ok().and_then(|v| v["text"].as_str().map(String::from)) {
                    texts.push(t);
                }
            }
            texts.push(inputs["messages"][lang]["2000"].as_str().unwrap().to_string());
        }
        for text in &texts {
            let prepared = crate::classify::Prepared::new(text);
            let attribution = Attribution::new(&prepared.features, &prepared.normalized);
            for output in 0..model.outputs() {
                assert_eq!(
                    attribution.phrases(model, output),
                    reference(model, &prepared.features, output, &prepared.normalized),
                    "{text:?}, output {output}"
                );
            }
        }
    }

    #[test]
    fn grows_to_words_and_merges_phrases() {
        let t = "it won't turn on";
        assert_eq!(grow_to_word(t, Span::new(4, 6)), Span::new(3, 8));
        assert!(only_separator(" "));
        assert!(!only_separator(" and "));
    }
}

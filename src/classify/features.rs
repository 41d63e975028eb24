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
    /// For each occurrence, the index of its bucket in `vector`.
    pub slots: Vec<u32>,
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
    #[inline]
    fn byte(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
    }
    #[inline]
    fn char(&mut self, c: char) {
        if c.is_ascii() {
            return self.byte(c as u8);
        }
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
    // Fast paths for the scripts most text is in (the answers are the
    // general rule's: `fast_folds_agree_with_the_rule` checks every char).
    if c.is_ascii() {
        return match c {
            'a'..='z' | 'A'..='Z' | '?' | '!' => Some(c),
            '0'..='9' => Some('0'),
            _ => None,
        };
    }
    if matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}') {
        return Some(c);
    }
    fold_rule(c)
}

/// [`fold`] as the rule states it.
fn fold_rule(c: char) -> Option<char> {
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
/// that n-grams see word starts and ends. Two separators never follow each
/// other, so every window of two or more units holds a character.
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

/// Number of windows of `n` units in a sequence of `len`.
fn windows(len: usize, n: usize) -> usize {
    (len + 1).saturating_sub(n)
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
    let len = units.len();

    // Character n-grams, all 1-grams first (separators alone carry
    // nothing), then all 2-grams, 3-grams and 4-grams, each in text order.
    // `state[i]` is the hash of the n-gram starting at unit i so far; the
    // (n+1)-gram's continues it.
    let mut occurrences = Vec::with_capacity(len * (MAX_CHAR_N + 1));
    let start = Fnv::new(TAG_CHAR);
    let mut state: Vec<Fnv> = Vec::with_capacity(len);
    for u in &units {
        let mut h = start;
        h.char(u.c);
        state.push(h);
        if u.c != ' ' {
            occurrences.push(Occurrence { bucket: h.bucket(), span: Some(u.span) });
        }
    }
    for n in 2..=MAX_CHAR_N {
        let count = windows(len, n);
        for (i, (h, pair)) in state[..count].iter_mut().zip(units.windows(n)).enumerate() {
            let (head, tail) = (pair[0], pair[n - 1]);
            h.char(tail.c);
            // Two separators never follow each other: a window of two or
            // more units starts or ends with at most one.
            let first = if head.c != ' ' { head } else { units[i + 1] };
            let last = if tail.c != ' ' { tail } else { units[i + n - 2] };
            occurrences.push(Occurrence { bucket: h.bucket(), span: Some(Span::new(first.span.start, last.span.end)) });
        }
    }
    let char_end = occurrences.len();

    // Word unigrams and bigrams over runs of non-CJK letters and digits.
    let mut words: Vec<(usize, usize, Span)> = Vec::new();
    let mut start = None;
    for (k, u) in units.iter().enumerate() {
        let wordish = u.c != ' ' && u.c != '?' && u.c != '!' && !is_cjk(u.c) && !is_pictograph(u.c);
        match (wordish, start) {
            (true, None) => start = Some(k),
            (false, Some(s)) => {
                words.push((s, k, Span::new(units[s].span.start, units[k - 1].span.end)));
                start = None;
            }
            _ => {}
        }
    }
    // (A word always ends before the closing separator unit.)
    let word_hash = |h: &mut Fnv, (s, e, _): (usize, usize, Span)| {
        for u in &units[s..e] {
            h.char(u.c);
        }
    };
    for (i, &w) in words.iter().enumerate() {
        let mut h = Fnv::new(TAG_WORD);
        word_hash(&mut h, w);
        occurrences.push(Occurrence { bucket: h.bucket(), span: Some(w.2) });
        if let Some(&next) = words.get(i + 1) {
            let mut h = Fnv::new(TAG_BIGRAM);
            word_hash(&mut h, w);
            h.byte(b' ');
            word_hash(&mut h, next);
            occurrences.push(Occurrence { bucket: h.bucket(), span: Some(Span::new(w.2.start, next.2.end)) });
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

    let (vector, slots) = weigh(&occurrences, [char_end, word_end, text_end]);
    Features { occurrences, vector, slots }
}

/// Merges occurrences into a vector. Each text family (character n-grams,
/// words) gets sublinear counts (1 + ln n), is L2-normalised so long and
/// short messages score on the same scale, and is scaled by its family
/// weight; facts and language stay at 1, so they weigh the same in a
/// two-word message and in a long one. Also returns each occurrence's
/// index in the vector.
///
/// Each family's occurrences are counted in a small hash table, only the
/// distinct buckets are sorted, and the sorted families are merged. Values
/// come out exactly as from `reference::weigh` (the straightforward
/// version, kept for the tests): the same operations on the same numbers in
/// the same order.
fn weigh(occurrences: &[Occurrence], ends: [usize; 3]) -> (Vec<(u32, f32)>, Vec<u32>) {
    let [char_end, word_end, text_end] = ends;
    let ranges = [0..char_end, char_end..word_end, word_end..text_end, text_end..occurrences.len()];
    // Per occurrence: first its family-local id, then its vector index.
    let mut slots = vec![0u32; occurrences.len()];
    // Per family: distinct buckets with their weighted values, sorted by
    // bucket, and the sorted position of each local id.
    let mut families: Vec<Vec<(u32, f32)>> = Vec::with_capacity(4);
    let mut ranks: Vec<Vec<u32>> = Vec::with_capacity(4);
    let mut table = Counter::default();
    for (range, weight) in ranges[..3].iter().cloned().zip([CHAR_WEIGHT, WORD_WEIGHT, CONCEPT_WEIGHT]) {
        table.reset(range.len());
        for (slot, o) in slots[range.clone()].iter_mut().zip(&occurrences[range]) {
            *slot = table.add(o.bucket);
        }
        let mut order: Vec<u64> =
            table.distinct.iter().enumerate().map(|(id, &(b, _))| (u64::from(b) << 32) | id as u64).collect();
        order.sort_unstable();
        let mut rank = vec![0u32; order.len()];
        let mut family: Vec<(u32, f32)> = Vec::with_capacity(order.len());
        for (at, &key) in order.iter().enumerate() {
            let id = key as u32 as usize;
            rank[id] = at as u32;
            let (b, count) = table.distinct[id];
            // ln 1 = 0 exactly: most buckets occur once.
            family.push((b, if count == 1 { 1.0 } else { 1.0 + crate::float::ln(count as f32) }));
        }
        let norm = family.iter().map(|&(_, v)| v * v).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, v) in &mut family {
                *v *= weight / norm;
            }
        }
        families.push(family);
        ranks.push(rank);
    }
    let facts: Vec<(u32, f32)> = occurrences[text_end..].iter().map(|o| (o.bucket, 1.0)).collect();
    for (k, slot) in slots[text_end..].iter_mut().enumerate() {
        *slot = k as u32;
    }
    ranks.push((0..facts.len() as u32).collect());
    families.push(facts);

    match merge_families(&families) {
        Some((vector, to_vector)) => {
            for ((range, rank), to_vector) in ranges.into_iter().zip(&ranks).zip(&to_vector) {
                let map: Vec<u32> = rank.iter().map(|&r| to_vector[r as usize]).collect();
                for slot in &mut slots[range] {
                    *slot = map[*slot as usize];
                }
            }
            (vector, slots)
        }
        None => {
            // Three or more families share a bucket: the sum then depends on
            // the order the reference merge adds them in; take its path.
            let vector = merge(families.concat());
            for (slot, o) in slots.iter_mut().zip(occurrences) {
                *slot = vector.binary_search_by_key(&o.bucket, |&(b, _)| b).unwrap_or(0) as u32;
            }
            (vector, slots)
        }
    }
}

/// Counts buckets: an open-addressing table from bucket to a local id (ids
/// in first-seen order), reused across families.
#[derive(Default)]
struct Counter {
    /// (bucket, id) per cell; `EMPTY` buckets are free.
    cells: Vec<(u32, u32)>,
    shift: u32,
    /// (bucket, count) per id.
    distinct: Vec<(u32, u32)>,
}

const EMPTY: u32 = u32::MAX;

impl Counter {
    /// Empties the table, sized for `n` additions.
    fn reset(&mut self, n: usize) {
        let bits = (n.max(4) * 2).next_power_of_two().trailing_zeros();
        self.cells.clear();
        self.cells.resize(1 << bits, (EMPTY, 0));
        self.shift = 32 - bits;
        self.distinct.clear();
    }

    /// Counts one occurrence of `bucket`; returns its id.
    #[inline]
    fn add(&mut self, bucket: u32) -> u32 {
        let mask = self.cells.len() - 1;
        let mut i = (bucket.wrapping_mul(0x9E37_79B1) >> self.shift) as usize;
        loop {
            let cell = &mut self.cells[i];
            if cell.0 == bucket {
                self.distinct[cell.1 as usize].1 += 1;
                return cell.1;
            }
            if cell.0 == EMPTY {
                let id = self.distinct.len() as u32;
                *cell = (bucket, id);
                self.distinct.push((bucket, 1));
                return id;
            }
            i = (i + 1) & mask;
        }
    }
}

/// Merges families sorted by bucket (the last one, facts, unsorted and
/// small) into one vector, summing a bucket shared by two families; with
/// each family entry's index in the vector. `None` when a bucket is shared
/// by three or more entries (see [`weigh`]).
#[allow(clippy::type_complexity)]
fn merge_families(families: &[Vec<(u32, f32)>]) -> Option<(Vec<(u32, f32)>, Vec<Vec<u32>>)> {
    let mut facts: Vec<(u32, usize)> = families[3].iter().enumerate().map(|(k, &(b, _))| (b, k)).collect();
    facts.sort_unstable();
    let total: usize = families.iter().map(Vec::len).sum();
    let mut vector: Vec<(u32, f32)> = Vec::with_capacity(total);
    let mut to_vector: Vec<Vec<u32>> = families.iter().map(|f| vec![0u32; f.len()]).collect();
    let mut heads = [0usize; 4];
    loop {
        let head = |f: usize, heads: &[usize; 4]| -> Option<u32> {
            if f == 3 {
                facts.get(heads[3]).map(|&(b, _)| b)
            } else {
                families[f].get(heads[f]).map(|&(b, _)| b)
            }
        };
        let Some(b) = (0..4).filter_map(|f| head(f, &heads)).min() else { break };
        let at = vector.len() as u32;
        let mut sum: Option<f32> = None;
        let mut members = 0;
        for f in 0..4 {
            while head(f, &heads) == Some(b) {
                let (v, k) = if f == 3 {
                    let k = facts[heads[3]].1;
                    (families[3][k].1, k)
                } else {
                    (families[f][heads[f]].1, heads[f])
                };
                to_vector[f][k] = at;
                members += 1;
                // Two summands add the same in either order.
                sum = Some(sum.map_or(v, |s| s + v));
                heads[f] += 1;
            }
        }
        if members > 2 {
            return None;
        }
        vector.push((b, sum.unwrap_or(0.0)));
    }
    Some((vector, to_vector))
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

/// The implementation [`extract`] replaced, kept to prove that it
/// computes the same features (`tests::same_features_as_the_reference`).
#[cfg(test)]
mod reference {
    use super::*;

    /// The span from the first to the last non-separator unit of `window`.
    fn window_span(window: &[Unit]) -> Option<Span> {
        let first = window.iter().find(|u| u.c != ' ')?;
        let last = window.iter().rev().find(|u| u.c != ' ')?;
        Some(Span::new(first.span.start, last.span.end))
    }

    /// The features of a message, given its normalised text (byte offsets of
    /// the spans refer to it), its facts and its detected language.
    pub fn extract(
        normalized: &str,
        entities: &[Entity],
        lang: Lang,
        concepts: &[(&str, Span)],
    ) -> (Vec<Occurrence>, Vec<(u32, f32)>) {
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
        kinds.sort();
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
        (occurrences, vector)
    }

    /// Merges occurrences into a vector. Each text family (character n-grams,
    /// words) gets sublinear counts (1 + ln n), is L2-normalised so long and
    /// short messages score on the same scale, and is scaled by its family
    /// weight; facts and language stay at 1, so they weigh the same in a
    /// two-word message and in a long one.
    pub fn weigh(occurrences: &[Occurrence], ends: [usize; 3]) -> Vec<(u32, f32)> {
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
                vector.push((b, 1.0 + crate::float::ln((j - i) as f32)));
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

    fn same(text: &str, entities: &[Entity], lang: Lang, concepts: &[(&str, Span)]) {
        let f = extract(text, entities, lang, concepts);
        let (occurrences, vector) = reference::extract(text, entities, lang, concepts);
        assert_eq!(f.occurrences, occurrences, "{text:?}");
        let bits = |v: &[(u32, f32)]| v.iter().map(|&(b, x)| (b, x.to_bits())).collect::<Vec<_>>();
        assert_eq!(bits(&f.vector), bits(&vector), "{text:?}");
        assert_eq!(f.slots.len(), f.occurrences.len());
        for (o, &slot) in f.occurrences.iter().zip(&f.slots) {
            assert_eq!(f.vector[slot as usize].0, o.bucket, "{text:?}");
        }
    }

    #[test]
    fn fast_folds_agree_with_the_rule() {
        for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
            assert_eq!(fold(c), fold_rule(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn same_features_as_the_reference() {
        for text in ["", " ", "a", "ab", "abc", "?!", "a b", "  x  ", "注文", "😡😡", "it won't turn on!!"] {
            same(text, &[], Lang::En, &[]);
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut n = 0;
        for lang in ["de", "en", "es", "fr", "it", "ja"] {
            let corpus = std::fs::read_to_string(root.join(format!("data/corpus/intents/{lang}.jsonl"))).unwrap();
            for line in corpus.lines() {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
                let Some(message) = v.get("text").and_then(|t| t.as_str()) else { continue };
                let normalized = crate::text::normalize::normalize(message);
                let detected = crate::text::lang::detect(message).lang;
                let entities = crate::text::entities::extract_for(message, detected);
                let concepts = super::super::concepts::Lexicon::builtin().find(&normalized.text);
                same(&normalized.text, &entities, detected, &concepts);
                n += 1;
            }
        }
        assert!(n > 5000);
    }

    #[test]
    fn a_bucket_in_three_families_is_summed_as_the_reference_sums_it() {
        let o = |bucket: u32| Occurrence { bucket, span: None };
        // Bucket 7 in the character, word and concept families and in a fact.
        let mut occurrences: Vec<Occurrence> = (0..100).map(|i| o(i % 50)).collect();
        occurrences.extend([o(7), o(9), o(7), o(3), o(7), o(7), o(60)]);
        let ends = [100, 103, 105];
        let (vector, slots) = weigh(&occurrences, ends);
        let want = reference::weigh(&occurrences, ends);
        let bits = |v: &[(u32, f32)]| v.iter().map(|&(b, x)| (b, x.to_bits())).collect::<Vec<_>>();
        assert_eq!(bits(&vector), bits(&want));
        for (o, &slot) in occurrences.iter().zip(&slots) {
            assert_eq!(vector[slot as usize].0, o.bucket);
        }
        // Two families sharing a bucket take the fast merge.
        let ends = [100, 102, 102];
        let (vector, _) = weigh(&occurrences[..103], ends);
        assert_eq!(bits(&vector), bits(&reference::weigh(&occurrences[..103], ends)));
    }
}

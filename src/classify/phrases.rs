//! Phrase lists matched on normalised text, shared by the risk rules and
//! the concept lexicon.
//!
//! Syntax: a phrase must start and end on a word boundary, unless it starts
//! or ends with `*`, which lets a word continue on that side ("refund*"
//! matches "refunded", "*anwalt" matches "Rechtsanwalt"); an open end is
//! widened to the whole word in the reported span. Boundaries are not
//! checked next to Japanese or Chinese characters, which have no spaces.
//! Phrases are normalised when compiled, so the data may keep its accents.

use super::features::is_cjk;
use crate::text::normalize::normalize;
use crate::text::Span;
use aho_corasick::AhoCorasick;

/// How one compiled phrase is matched and which group it belongs to.
struct Pattern {
    group: usize,
    open_start: bool,
    open_end: bool,
}

/// Phrases in groups (a rule, a concept), compiled into one automaton.
pub struct PhraseSet {
    patterns: Vec<Pattern>,
    automaton: AhoCorasick,
}

impl PhraseSet {
    /// Compiles `groups`: for each group, its phrases. `what` names the data
    /// in error messages.
    pub fn new<'a>(what: &str, groups: impl IntoIterator<Item = (String, &'a [String])>) -> Result<PhraseSet, String> {
        let mut patterns = Vec::new();
        let mut needles = Vec::new();
        for (group, (name, phrases)) in groups.into_iter().enumerate() {
            for phrase in phrases {
                let open_start = phrase.starts_with('*');
                let open_end = phrase.ends_with('*') && phrase.len() > 1;
                let core = phrase.trim_matches('*');
                if normalize(core).text.trim().is_empty() {
                    return Err(format!("{what} {name}: empty phrase"));
                }
                for spelling in spellings(core) {
                    patterns.push(Pattern { group, open_start, open_end });
                    needles.push(normalize(&spelling).text);
                }
            }
        }
        let automaton = AhoCorasick::new(&needles).map_err(|e| format!("{what}: {e}"))?;
        Ok(PhraseSet { patterns, automaton })
    }

    /// Every (group, span) match in `normalized`, overlapping matches
    /// included, in the order the automaton reports them.
    pub fn find(&self, normalized: &str) -> Vec<(usize, Span)> {
        let mut out = Vec::new();
        for m in self.automaton.find_overlapping_iter(normalized) {
            let pattern = &self.patterns[m.pattern().as_usize()];
            let before = normalized[..m.start()].chars().next_back();
            let after = normalized[m.end()..].chars().next();
            let first = normalized[m.start()..].chars().next();
            let last = normalized[..m.end()].chars().next_back();
            if (!pattern.open_start && joins(before, first)) || (!pattern.open_end && joins(last, after)) {
                continue;
            }
            out.push((pattern.group, widen(normalized, Span::new(m.start(), m.end()), pattern.open_start, pattern.open_end)));
        }
        out
    }
}

/// The ways a phrase is typed: as written and, when it has German umlauts,
/// with the `ae`/`oe`/`ue` spelling of keyboards without them
/// ("Rückbuchung" / "Rueckbuchung"; normalisation alone folds `ü` to `u`).
fn spellings(phrase: &str) -> Vec<String> {
    let mut out = vec![phrase.to_string()];
    if phrase.chars().any(|c| matches!(c, 'ä' | 'ö' | 'ü' | 'Ä' | 'Ö' | 'Ü')) {
        let mut alt = String::with_capacity(phrase.len() + 4);
        for c in phrase.chars() {
            match c {
                'ä' | 'Ä' => alt.push_str("ae"),
                'ö' | 'Ö' => alt.push_str("oe"),
                'ü' | 'Ü' => alt.push_str("ue"),
                c => alt.push(c),
            }
        }
        out.push(alt);
    }
    out
}

/// Letters and digits of space-delimited scripts.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// True when `a` and `b` would be two letters of one word, i.e. a match
/// edge between them is not a word boundary.
fn joins(a: Option<char>, b: Option<char>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if is_word_char(a) && is_word_char(b))
}

/// Grows an open-ended match to the edges of its word, so evidence
/// underlines "Rechtsanwalt", not "anwalt".
fn widen(text: &str, mut s: Span, open_start: bool, open_end: bool) -> Span {
    if open_start {
        while let Some(c) = text[..s.start].chars().next_back().filter(|&c| is_word_char(c)) {
            s.start -= c.len_utf8();
        }
    }
    if open_end {
        while let Some(c) = text[s.end..].chars().next().filter(|&c| is_word_char(c)) {
            s.end += c.len_utf8();
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(phrases: &[&str]) -> PhraseSet {
        let p: Vec<String> = phrases.iter().map(|s| s.to_string()).collect();
        PhraseSet::new("test", [("g".to_string(), p.as_slice())]).unwrap()
    }

    #[test]
    fn boundaries_and_wildcards() {
        assert_eq!(set(&["sue"]).find("an issue"), vec![]);
        assert_eq!(set(&["sue"]).find("i'll sue"), vec![(0, Span::new(5, 8))]);
        assert_eq!(set(&["refund*"]).find("refunded!"), vec![(0, Span::new(0, 8))]);
        assert_eq!(set(&["*anwalt"]).find("mein rechtsanwalt"), vec![(0, Span::new(5, 17))]);
        assert_eq!(set(&["返金"]).find("返金してください"), vec![(0, Span::new(0, 6))]);
        // Data keeps its accents; matching sees folded text.
        assert_eq!(set(&["rétrofacturation"]).find("une retrofacturation"), vec![(0, Span::new(4, 20))]);
        assert_eq!(set(&["rückbuchung"]).find("rueckbuchung"), vec![(0, Span::new(0, 12))]);
        assert_eq!(set(&["rückbuchung"]).find("ruckbuchung"), vec![(0, Span::new(0, 11))]);
    }
}

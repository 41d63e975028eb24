//! Small text helpers shared by pack rules and detectors: word boundaries
//! for literal terms, and the clause window in which context words
//! (`near`) and exceptions (`unless`) are looked for.

/// Characters that end a clause: context words and exceptions are never
/// looked for across them, so "…refund. If you have feedback…" does not tie
/// the refund to the feedback.
fn ends_clause(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';' | '\n' | '。' | '！' | '？' | '；')
}

/// Scripts written without spaces between words: terms in them match
/// anywhere, Latin-script terms only as whole words.
pub fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x2FA1F)
}

/// A character that continues a Latin-script word.
fn is_word(c: char) -> bool {
    (c.is_alphanumeric() || c == '_') && !is_unspaced(c)
}

/// True when `text[start..end]` is not glued to a neighbouring word: a term
/// that begins (ends) with a word character needs a non-word character or
/// the text edge before (after) it. "du" matches in "du bist" but not in
/// "dunkel"; "t'" matches in "t'envoie".
pub fn at_word_edges(text: &str, start: usize, end: usize) -> bool {
    let inner = &text[start..end];
    let first = inner.chars().next();
    let last = inner.chars().next_back();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let open = !(first.is_some_and(is_word) && before.is_some_and(is_word));
    let close = !(last.is_some_and(is_word) && after.is_some_and(is_word));
    open && close
}

/// The window `within` characters either side of `start..end`, clipped to
/// the clause that holds the match.
pub fn clause_window(text: &str, start: usize, end: usize, within: usize) -> (usize, usize) {
    let mut lo = start;
    for (taken, (i, c)) in text[..start].char_indices().rev().enumerate() {
        if taken >= within || ends_clause(c) {
            break;
        }
        lo = i;
    }
    let mut hi = end;
    for (taken, (i, c)) in text[end..].char_indices().enumerate() {
        if taken >= within || ends_clause(c) {
            break;
        }
        hi = end + i + c.len_utf8();
    }
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_edges_respect_latin_words_only() {
        let t = "du bist dunkel, t'envoie";
        assert!(at_word_edges(t, 0, 2));
        assert!(!at_word_edges(t, 8, 10));
        assert!(at_word_edges(t, 16, 18));
        let j = "レビューを削除";
        assert!(at_word_edges(j, 0, 12));
    }

    #[test]
    fn clause_window_stops_at_clause_ends() {
        let t = "we issued a refund. if you have feedback, tell us";
        let f = t.find("feedback").unwrap();
        let (lo, hi) = clause_window(t, f, f + 8, 100);
        assert_eq!(&t[lo..hi], " if you have feedback, tell us");
        let (lo, hi) = clause_window(t, f, f + 8, 3);
        assert_eq!(&t[lo..hi], "ve feedback, t");
    }
}

//! Sentence and clause splitting for messages in the six languages (and
//! Chinese, Dutch, Polish, Swedish).
//!
//! A sentence ends:
//! - at a line break (buyers put greetings, order numbers and sign-offs on
//!   lines of their own);
//! - after `。！？｡` (no space needed), with any closing quotes or brackets;
//! - after `!` / `?` runs (`?!`, `!!!`) followed by white space or the end;
//! - after a `.` followed by white space or the end, unless the word before
//!   it is an abbreviation from `data/text/abbreviations.json` ("Nr.",
//!   "z. B.", "Mr.", "p.ex."), a list number at the start of a line ("1."),
//!   or a day number before a month name ("14. März"); abbreviations that
//!   may end a sentence ("etc.") and ellipses ("...", "…") end one only when
//!   the next word starts with a capital letter (or a letter without case).
//!
//! A `.` followed directly by a letter or digit never splits, so decimals
//! (49.99), domains, e-mail addresses, URLs and "z.B." stay whole; commas
//! never split sentences (49,99). Spans are trimmed of white space and
//! never empty.
//!
//! Clauses split sentences further at `,` `;` `:` followed by white space,
//! and at `、，；：` (which need no space), so "49,99", "14:30" and
//! "https://" stay whole.

use super::lexicon::abbreviations;
use super::normalize::normalize;
use super::Span;

/// Sentence spans of `text`, trimmed of surrounding white space.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in sentence_ends(text) {
        push_trimmed(text, start, end, &mut out);
        start = end;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// Clause spans of `text`: each sentence split further at commas,
/// semicolons and colons (see the module documentation).
pub fn clauses(text: &str) -> Vec<Span> {
    clauses_of(text, &sentences(text))
}

/// Clause spans of `text` from its already split `sentences` (what
/// [`sentences`] returned), so a caller that needs both splits once.
pub fn clauses_of(text: &str, sentences: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    for &s in sentences {
        let mut start = s.start;
        let mut chars = text[s.start..s.end].char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            let cut = match c {
                '、' | '，' | '；' | '：' | '､' => true,
                ',' | ';' | ':' => next.is_none_or(char::is_whitespace),
                _ => false,
            };
            if cut {
                let end = s.start + i + c.len_utf8();
                push_trimmed(text, start, end, &mut out);
                start = end;
            }
        }
        push_trimmed(text, start, s.end, &mut out);
    }
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &text[start..end];
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let s = start + (piece.len() - piece.trim_start().len());
        out.push(Span::new(s, s + trimmed.len()));
    }
}

/// Byte offsets where a sentence ends (exclusive), in increasing order.
fn sentence_ends(text: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else { break };
        let after = i + c.len_utf8();
        match c {
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => {
                ends.push(i);
                i = after;
            }
            '。' | '！' | '？' | '｡' => {
                let end = skip_closers(text, skip_terminators(text, after));
                ends.push(end);
                i = end;
            }
            '!' | '?' => {
                let end = skip_closers(text, skip_terminators(text, after));
                if at_break(text, end) {
                    ends.push(end);
                }
                i = end;
            }
            '.' | '…' => {
                let run_end = skip_dots(text, i);
                let end = skip_closers(text, run_end);
                if at_break(text, end) && period_ends_sentence(text, i, run_end, end) {
                    ends.push(end);
                }
                i = end.max(after);
            }
            _ => i = after,
        }
    }
    ends
}

/// After a run of sentence-final marks (`?!`, `!!!`, `。。`).
fn skip_terminators(text: &str, mut i: usize) -> usize {
    while let Some(c) = text[i..].chars().next() {
        if matches!(c, '!' | '?' | '.' | '。' | '！' | '？' | '｡' | '…') {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

fn skip_dots(text: &str, mut i: usize) -> usize {
    while let Some(c) = text[i..].chars().next() {
        if c == '.' || c == '…' {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// After closing quotes and brackets that belong to the sentence
/// (including a French closing guillemet after a space: "cassé. »").
fn skip_closers(text: &str, mut i: usize) -> usize {
    loop {
        let rest = &text[i..];
        let mut chars = rest.chars();
        match chars.next() {
            Some(c @ ('"' | '\'' | ')' | ']' | '}' | '»' | '”' | '’' | '」' | '』' | '）' | '】' | '〉' | '》')) => i += c.len_utf8(),
            Some(c @ (' ' | '\u{A0}' | '\u{202F}')) if chars.next() == Some('»') => i += c.len_utf8() + '»'.len_utf8(),
            _ => return i,
        }
    }
}

/// True at the end of the text or before white space.
fn at_break(text: &str, i: usize) -> bool {
    text[i..].chars().next().is_none_or(char::is_whitespace)
}

/// The next word after `i`, skipping white space and opening quotes.
fn next_word_start(text: &str, i: usize) -> Option<char> {
    text[i..].chars().find(|c| !c.is_whitespace() && !matches!(c, '"' | '\'' | '(' | '«' | '“' | '‘' | '„' | '¿' | '¡'))
}

/// The next word could start a sentence: a capital letter or a letter
/// without case (CJK); not a lowercase letter, digit or symbol.
fn looks_like_a_start(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase()),
    }
}

/// Decides a `.` (or ellipsis) run `dot..run_end` followed by white space
/// or the end (at `end`, after closers).
fn period_ends_sentence(text: &str, dot: usize, run_end: usize, end: usize) -> bool {
    let next = next_word_start(text, end);
    if next.is_none() {
        return true;
    }
    let run = &text[dot..run_end];
    if run != "." {
        // An ellipsis: a pause unless a capital follows.
        return looks_like_a_start(next);
    }
    let word = word_before(text, dot);
    if word.is_empty() {
        return true;
    }
    let abbr = abbreviations();
    // "Bestell-Nr." is read as "nr".
    let key = normalize(word.rsplit('-').next().unwrap_or(word)).text;
    if abbr.never_final.contains(&key) || two_part_abbreviation(text, dot, word) || starts_two_part(text, run_end, &key) {
        return false;
    }
    if abbr.before_number.contains(&key) && next.is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    if abbr.maybe_final.contains(&key) {
        return looks_like_a_start(next);
    }
    if word.bytes().all(|b| b.is_ascii_digit()) {
        if line_start_before(text, dot - word.len()) && word.len() <= 2 {
            return false;
        }
        if word.len() <= 2 && next_is_month(text, end) {
            return false;
        }
    }
    true
}

/// The letters, digits and inner periods right before byte `dot`.
fn word_before(text: &str, dot: usize) -> &str {
    let head = &text[..dot];
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.' || c == '-' || c == '°' || c == 'º')
        .last()
        .map_or(dot, |(i, _)| i);
    &head[start..]
}

/// "z. B." and "d. h.": a one-letter word, a period, one space and the
/// one-letter `word` before this period, listed as "z. b".
fn two_part_abbreviation(text: &str, dot: usize, word: &str) -> bool {
    let start = dot - word.len();
    let head = &text[..start];
    let Some(before_space) = head.strip_suffix(' ') else { return false };
    let first = word_before(before_space, before_space.len());
    if first.is_empty() {
        return false;
    }
    let key = normalize(&format!("{first} {word}")).text;
    abbreviations().never_final.contains(&key)
}

/// The first half of "z. B.": a one-letter `key` whose next word, after one
/// space, ends in a period and completes a listed abbreviation.
fn starts_two_part(text: &str, after_dot: usize, key: &str) -> bool {
    if key.chars().count() != 1 {
        return false;
    }
    let Some(rest) = text[after_dot..].strip_prefix(' ') else { return false };
    let end = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
    if end == 0 || !rest[end..].starts_with('.') {
        return false;
    }
    let pair = format!("{key}. {}", normalize(&rest[..end]).text);
    abbreviations().never_final.contains(&pair)
}

/// Only white space between the previous line break (or the start) and `i`.
fn line_start_before(text: &str, i: usize) -> bool {
    text[..i].chars().rev().take_while(|&c| c != '\n').all(char::is_whitespace)
}

/// The word after `i` is a month name ("14. März", "3. maja").
fn next_is_month(text: &str, i: usize) -> bool {
    let rest = text[i..].trim_start();
    let end = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
    let word = normalize(&rest[..end]).text;
    !word.is_empty()
        && super::lexicon::dates()
            .months
            .values()
            .flatten()
            .any(|alts| alts.split('|').any(|m| m == word))
}

//! How the draft looks: emoji, HTML, blank-line runs, capitals, "!!!",
//! and its length. These read the draft as typed (capitals and line breaks
//! matter), except HTML, which is matched case-insensitively on the
//! normalised text.

use super::{list_error, Limits, Lists, Metas};
use crate::check::{Hit, RuleMeta};
use crate::error::Error;
use crate::text::normalize::Normalized;
use crate::text::Span;
use crate::check::pack::build_regex_unchecked;
use regex::Regex;

pub(super) struct Layout {
    emoji: RuleMeta,
    html: RuleMeta,
    blank_lines: RuleMeta,
    caps: RuleMeta,
    exclamation: RuleMeta,
    length: RuleMeta,
    html_tag: Regex,
    line_breaks: Regex,
    caps_run: Regex,
    punctuation: Regex,
    caps_allow: Vec<String>,
    limits: LayoutLimits,
}

struct LayoutLimits {
    max_chars: usize,
    caps_run_letters: usize,
    caps_word_letters: usize,
}

/// Emoji and pictographs, by explicit Unicode ranges (no Unicode tables in
/// the build). Text symbols sellers legitimately use (©, ®, ™, CJK marks)
/// are not in these ranges.
fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B50 | 0x2B55 | 0x2B1B | 0x2B1C
        | 0x231A | 0x231B | 0x23E9..=0x23F3 | 0x23F8..=0x23FA)
}

/// Characters that continue an emoji sequence: joiners, variation
/// selectors, keycaps, tags.
fn continues_emoji(c: char) -> bool {
    matches!(c as u32, 0x200D | 0xFE0E | 0xFE0F | 0x20E3 | 0xE0020..=0xE007F)
}

impl Layout {
    pub fn new(metas: &Metas, lists: &Lists, limits: &Limits) -> Result<Layout, Error> {
        let tags = lists.html_tags.iter().map(|t| regex::escape(t)).collect::<Vec<_>>().join("|");
        let compile = |field: &'static str, p: &str| build_regex_unchecked(p).map_err(|e| list_error(field, e));
        let upper = "A-ZÀ-ÖØ-Þ";
        Ok(Layout {
            emoji: metas.take("formatting.emoji")?,
            html: metas.take("formatting.html")?,
            blank_lines: metas.take("formatting.blank_lines")?,
            caps: metas.take("formatting.caps")?,
            exclamation: metas.take("formatting.exclamation")?,
            length: metas.take("length.over_limit")?,
            html_tag: compile("html_tags", &format!(r"</?(?:{tags})\b[^<>]{{0,200}}>|&(?:nbsp|amp|lt|gt|quot|#\d{{1,6}});"))?,
            line_breaks: compile("max_line_breaks", &format!(r"(?:\r?\n[ \t]*){{{},}}", limits.max_line_breaks + 1))?,
            caps_run: compile("caps_allow", &format!(r"[{upper}]{{2,}}(?:[ \t]+[{upper}]{{2,}})*"))?,
            punctuation: compile("punctuation", r"[!?！？]{2,}")?,
            caps_allow: lists.caps_allow.clone(),
            limits: LayoutLimits {
                max_chars: limits.max_chars,
                caps_run_letters: limits.caps_run_letters,
                caps_word_letters: limits.caps_word_letters,
            },
        })
    }

    pub fn run<'a>(&'a self, draft: &str, norm: &Normalized, hits: &mut Vec<Hit<'a>>) {
        self.emoji(draft, hits);
        for m in self.html_tag.find_iter(&norm.text) {
            hits.push(Hit { meta: &self.html, span: norm.original(Span::new(m.start(), m.end())), fix: Some(String::new()) });
        }
        for m in self.line_breaks.find_iter(draft) {
            let fix = if m.as_str().contains("\r\n") { "\r\n\r\n" } else { "\n\n" };
            hits.push(Hit { meta: &self.blank_lines, span: Span::new(m.start(), m.end()), fix: Some(fix.into()) });
        }
        for m in self.caps_run.find_iter(draft) {
            // Whole words only: "McDONALD" or "ÄRGERn" is not a shouted run.
            let glued = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            if glued(draft[..m.start()].chars().next_back()) || glued(draft[m.end()..].chars().next()) {
                continue;
            }
            let shouted: usize = m
                .as_str()
                .split_whitespace()
                .filter(|w| !self.caps_allow.iter().any(|a| a == w))
                .map(|w| w.chars().count())
                .sum();
            let words = m.as_str().split_whitespace().count();
            let limit = if words > 1 { self.limits.caps_run_letters } else { self.limits.caps_word_letters };
            if shouted >= limit {
                hits.push(Hit { meta: &self.caps, span: Span::new(m.start(), m.end()), fix: Some(sentence_case(m.as_str())) });
            }
        }
        for m in self.punctuation.find_iter(draft) {
            // One mark instead of a run: "!!!" → "!", "?!?" → "?".
            let fix = m.as_str().chars().next().map(String::from);
            hits.push(Hit { meta: &self.exclamation, span: Span::new(m.start(), m.end()), fix });
        }
        if let Some((excess, _)) = draft.char_indices().nth(self.limits.max_chars) {
            hits.push(Hit { meta: &self.length, span: Span::new(excess, draft.len()), fix: None });
        }
    }

    /// One finding per run of emoji (a flag or a family is one run).
    fn emoji<'a>(&'a self, draft: &str, hits: &mut Vec<Hit<'a>>) {
        let mut run: Option<Span> = None;
        for (i, c) in draft.char_indices() {
            let end = i + c.len_utf8();
            let extends = run.is_some_and(|r| r.end == i) && (is_emoji(c) || continues_emoji(c));
            if extends {
                if let Some(r) = run.as_mut() {
                    r.end = end;
                }
            } else if is_emoji(c) {
                if let Some(r) = run.take() {
                    hits.push(Hit { meta: &self.emoji, span: r, fix: Some(String::new()) });
                }
                run = Some(Span::new(i, end));
            }
        }
        if let Some(r) = run {
            hits.push(Hit { meta: &self.emoji, span: r, fix: Some(String::new()) });
        }
    }
}

/// "PLEASE READ THIS" → "Please read this".
fn sentence_case(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => lower,
    }
}

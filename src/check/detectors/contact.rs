//! Email addresses (plain and obfuscated) and phone numbers, on the
//! normalised text (full-width digits and "＠" are already ASCII there).

use super::{list_error, Lists, Metas};
use crate::check::pack::build_automaton;
use crate::check::scan::{at_word_edges, clause_window};
use crate::check::{Hit, RuleMeta};
use crate::error::Error;
use crate::text::normalize::Normalized;
use crate::text::Span;
use aho_corasick::AhoCorasick;
use crate::check::pack::build_regex_unchecked;
use regex::Regex;

/// How far before a digit string its cue words are looked for, in characters.
const CUE_WINDOW: usize = 30;
/// How far around a phone number warranty/carrier words are looked for.
const ALLOW_WINDOW: usize = 80;

pub(super) struct Contact {
    email: RuleMeta,
    obfuscated: RuleMeta,
    phone: RuleMeta,
    plain: Regex,
    disguised: Regex,
    digits: Regex,
    date_like: Regex,
    cues: AhoCorasick,
    others: AhoCorasick,
    allow: AhoCorasick,
}

/// True when `span` overlaps one of `sorted` (sorted, non-overlapping).
fn overlaps_any(sorted: &[Span], span: Span) -> bool {
    let i = sorted.partition_point(|t| t.end <= span.start);
    sorted.get(i).is_some_and(|t| t.start < span.end)
}

/// `a|b|c` of escaped literals.
fn alternation(words: &[String]) -> String {
    words.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")
}

impl Contact {
    pub fn new(metas: &Metas, lists: &Lists) -> Result<Contact, Error> {
        let compile = |field: &'static str, p: String| build_regex_unchecked(&p).map_err(|e| list_error(field, e));
        let automaton = |field: &'static str, words: &[String]| build_automaton(words).map_err(|r| list_error(field, r));
        let local = r"[a-z0-9][a-z0-9._%+-]*";
        let at_b = alternation(&lists.email_at_bracketed);
        let at_s = alternation(&lists.email_at_spelled);
        let dot = alternation(&lists.email_dot_words);
        let providers = alternation(&lists.mail_providers);
        let disguised = format!(
            r"\b{local}\s*(?:{at_b})\s*[a-z0-9-]+\s*(?:\.|\b(?:{dot})\b)\s*[a-z]{{2,6}}\b|\b{local}\s+(?:{at_s})\s+[a-z0-9-]+\s+(?:{dot})\s+[a-z]{{2,6}}\b|\b{local}\s+(?:{at_s})\s+(?:{providers})\s*\.\s*[a-z]{{2,6}}\b"
        );
        Ok(Contact {
            email: metas.take("contact_info.email")?,
            obfuscated: metas.take("contact_info.email_obfuscated")?,
            phone: metas.take("contact_info.phone")?,
            plain: compile("email", format!(r"{local}[@＠][a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{{2,}}"))?,
            disguised: compile("email_at_bracketed", disguised)?,
            // A digit, then digits with at most two separators between them.
            digits: compile("phone", r"\+?\(?\d(?:[ ./()-]{0,2}\d)+".into())?,
            date_like: compile("phone", r"^(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{4}[./-]\d{2}[./-]\d{2})$".into())?,
            cues: automaton("phone_cue_words", &lists.phone_cue_words)?,
            others: automaton("phone_other_words", &lists.phone_other_words)?,
            allow: automaton("phone_allow_words", &lists.phone_allow_words)?,
        })
    }

    pub fn run<'a>(&'a self, norm: &Normalized, hits: &mut Vec<Hit<'a>>) {
        let text = norm.text.as_str();
        let mut taken: Vec<Span> = Vec::new();
        for m in self.plain.find_iter(text) {
            taken.push(Span::new(m.start(), m.end()));
            hits.push(Hit { meta: &self.email, span: norm.original(Span::new(m.start(), m.end())), fix: None });
        }
        let mut disguised = Vec::new();
        for m in self.disguised.find_iter(text) {
            let span = Span::new(m.start(), m.end());
            if !overlaps_any(&taken, span) {
                disguised.push(span);
                hits.push(Hit { meta: &self.obfuscated, span: norm.original(span), fix: None });
            }
        }
        taken.extend(disguised);
        crate::sort::ascending(&mut taken);
        for m in self.digits.find_iter(text) {
            let span = Span::new(m.start(), m.end());
            if !overlaps_any(&taken, span) && self.is_phone(text, span) {
                hits.push(Hit { meta: &self.phone, span: norm.original(span), fix: None });
            }
        }
    }

    /// Tells a phone number from order ids, tracking numbers, dates and
    /// amounts: 8 to 15 digits; unseparated strings only with a phone cue
    /// or an international prefix; nothing next to a warranty or carrier
    /// line, whose numbers sellers may give.
    fn is_phone(&self, text: &str, span: Span) -> bool {
        let s = &text[span.start..span.end];
        let digits = s.bytes().filter(u8::is_ascii_digit).count();
        if !(8..=15).contains(&digits) || self.date_like.is_match(s) {
            return false;
        }
        // Part of a longer token (an ASIN, a model number, an amount).
        let before = text[..span.start].chars().next_back();
        let after = text[span.end..].chars().next();
        let latin = |c: char| c.is_alphanumeric() && !crate::check::scan::is_unspaced(c);
        if before.is_some_and(|c| latin(c) || matches!(c, ',' | '$' | '€' | '£' | '¥'))
            || after.is_some_and(latin)
        {
            return false;
        }
        let (lo, _) = clause_window(text, span.start, span.start, CUE_WINDOW);
        let lead = &text[lo..span.start];
        let found = |ac: &AhoCorasick, from: usize, hay: &str| {
            ac.find_overlapping_iter(hay).any(|m| at_word_edges(text, from + m.start(), from + m.end()))
        };
        let cue = found(&self.cues, lo, lead);
        let international = s.starts_with('+') || s.starts_with("00");
        let separated = s.bytes().any(|b| !b.is_ascii_digit() && b != b'+');
        if !cue && (found(&self.others, lo, lead) || !(separated || international)) {
            return false;
        }
        let (alo, ahi) = clause_window(text, span.start, span.end, ALLOW_WINDOW);
        !found(&self.allow, alo, &text[alo..ahi])
    }
}

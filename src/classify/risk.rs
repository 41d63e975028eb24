//! High-precision risk phrases, read from `data/model/risk_rules.json`.
//!
//! Missing an A-to-z claim, a chargeback, a lawyer or a fire is the costliest
//! mistake a seller can make, and these are said with a small set of fixed
//! phrases, so a phrase list catches them more reliably than a model trained
//! on a few hundred examples. Each rule carries a `why` in the data file.
//!
//! Phrase syntax (matched on [`normalize`]d text, so accents and case do not
//! matter): a phrase must start and end on a word boundary, unless it starts
//! or ends with `*`, which lets a word continue on that side
//! ("anwalt*" matches "Anwälte" after folding, "*anwalt" matches
//! "Rechtsanwalt"). Boundaries are not checked next to Japanese or Chinese
//! characters, which have no spaces. Rules apply to messages detected in
//! one of their `langs` (`"*"` = any), and to every message whose language
//! is unknown: "sue" is a threat in English and a possessive in Italian.

use crate::contract::{Lang, Risk};
use crate::text::normalize::normalize;
use crate::text::Span;
use aho_corasick::AhoCorasick;
use serde::Deserialize;

use super::features::is_cjk;

/// The rule file. Its `about` text is for people reading the file.
#[derive(Deserialize)]
struct RuleFile {
    version: u32,
    rules: Vec<RuleSpec>,
}

/// The rule file format this code reads.
const VERSION: u32 = 1;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    id: String,
    risk: Risk,
    langs: Vec<String>,
    phrases: Vec<String>,
    /// Why the rule exists: shown with the match, and required so that no
    /// rule enters the file unexplained.
    why: String,
}

/// One compiled phrase: which rule and how its edges are matched.
struct Pattern {
    rule: usize,
    open_start: bool,
    open_end: bool,
}

struct Rule {
    id: String,
    why: String,
    risk: Risk,
    /// `None` = any language.
    langs: Option<Vec<Lang>>,
}

/// A risk phrase found in a message (span in the normalised text).
#[derive(Clone, Debug, PartialEq)]
pub struct RiskMatch {
    pub risk: Risk,
    pub rule: String,
    pub why: String,
    pub span: Span,
}

/// All risk rules, compiled into one automaton.
pub struct RiskRules {
    rules: Vec<Rule>,
    patterns: Vec<Pattern>,
    automaton: AhoCorasick,
}

impl RiskRules {
    /// Compiles the rules in `json`.
    pub fn from_json(json: &str) -> Result<RiskRules, String> {
        let file: RuleFile = serde_json::from_str(json).map_err(|e| format!("risk rules: {e}"))?;
        if file.version != VERSION {
            return Err(format!("risk rules: version {} (this build reads {VERSION})", file.version));
        }
        let mut rules = Vec::new();
        let mut patterns = Vec::new();
        let mut needles = Vec::new();
        for spec in file.rules {
            let langs = if spec.langs.iter().any(|l| l == "*") {
                None
            } else {
                Some(
                    spec.langs
                        .iter()
                        .map(|l| l.parse::<Lang>().map_err(|e| format!("risk rule {}: {e}", spec.id)))
                        .collect::<Result<Vec<_>, _>>()?,
                )
            };
            for phrase in &spec.phrases {
                let open_start = phrase.starts_with('*');
                let open_end = phrase.ends_with('*') && phrase.len() > 1;
                let core = phrase.trim_matches('*');
                let needle = normalize(core).text;
                if needle.trim().is_empty() {
                    return Err(format!("risk rule {}: empty phrase", spec.id));
                }
                patterns.push(Pattern { rule: rules.len(), open_start, open_end });
                needles.push(needle);
            }
            rules.push(Rule { id: spec.id, why: spec.why, risk: spec.risk, langs });
        }
        let automaton = AhoCorasick::new(&needles).map_err(|e| format!("risk rules: {e}"))?;
        Ok(RiskRules { rules, patterns, automaton })
    }

    /// Every rule match in `normalized` for a message in `lang`, in text order.
    pub fn find(&self, normalized: &str, lang: Lang) -> Vec<RiskMatch> {
        let mut out: Vec<RiskMatch> = Vec::new();
        for m in self.automaton.find_overlapping_iter(normalized) {
            let pattern = &self.patterns[m.pattern().as_usize()];
            let rule = &self.rules[pattern.rule];
            let applies = match &rule.langs {
                None => true,
                Some(langs) => lang == Lang::Unknown || langs.contains(&lang),
            };
            if !applies {
                continue;
            }
            let before = normalized[..m.start()].chars().next_back();
            let after = normalized[m.end()..].chars().next();
            let first = normalized[m.start()..].chars().next();
            let last = normalized[..m.end()].chars().next_back();
            if (!pattern.open_start && joins(before, first)) || (!pattern.open_end && joins(last, after)) {
                continue;
            }
            let span = widen(normalized, Span::new(m.start(), m.end()), pattern.open_start, pattern.open_end);
            // Keep the longest of overlapping matches for the same risk.
            if let Some(prev) = out.iter_mut().find(|p| p.risk == rule.risk && p.span.overlaps(span)) {
                if span.len() > prev.span.len() {
                    *prev = RiskMatch { risk: rule.risk, rule: rule.id.clone(), why: rule.why.clone(), span };
                }
                continue;
            }
            out.push(RiskMatch { risk: rule.risk, rule: rule.id.clone(), why: rule.why.clone(), span });
        }
        out.sort_by_key(|m| (m.span.start, m.span.end));
        out
    }
}

/// Grows an open-ended match to the edges of its word, so the evidence
/// underlines "Rechtsanwalt", not "anwalt".
fn widen(text: &str, mut s: Span, open_start: bool, open_end: bool) -> Span {
    let word = |c: &char| c.is_alphanumeric() && !is_cjk(*c);
    if open_start {
        while let Some(c) = text[..s.start].chars().next_back().filter(word) {
            s.start -= c.len_utf8();
        }
    }
    if open_end {
        while let Some(c) = text[s.end..].chars().next().filter(word) {
            s.end += c.len_utf8();
        }
    }
    s
}

/// True when `a` and `b` would be two letters of one word, i.e. a match
/// edge between them is not a word boundary. Japanese/Chinese characters
/// never join: those scripts have no spaces to look for.
fn joins(a: Option<char>, b: Option<char>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.is_alphanumeric() && b.is_alphanumeric() && !is_cjk(a) && !is_cjk(b),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = r#"{"version": 1, "rules": [
        {"id": "legal.en", "risk": "legal", "langs": ["en"], "phrases": ["sue", "lawyer*"], "why": "t"},
        {"id": "legal.de", "risk": "legal", "langs": ["de"], "phrases": ["*anwalt"], "why": "t"},
        {"id": "legal.ja", "risk": "legal", "langs": ["ja"], "phrases": ["弁護士"], "why": "t"},
        {"id": "cb", "risk": "chargeback", "langs": ["*"], "phrases": ["chargeback"], "why": "t"}
    ]}"#;

    #[test]
    fn boundaries_languages_and_wildcards() {
        let r = RiskRules::from_json(RULES).unwrap();
        let risks = |t: &str, l: Lang| r.find(t, l).into_iter().map(|m| (m.risk, m.span)).collect::<Vec<_>>();
        assert_eq!(risks("i will sue you", Lang::En), vec![(Risk::Legal, Span::new(7, 10))]);
        assert!(risks("there is an issue", Lang::En).is_empty());
        assert!(risks("le sue scarpe", Lang::It).is_empty());
        assert_eq!(risks("my lawyers", Lang::En), vec![(Risk::Legal, Span::new(3, 10))]);
        assert_eq!(risks("mein rechtsanwalt", Lang::De), vec![(Risk::Legal, Span::new(5, 17))]);
        assert_eq!(risks("弁護士に相談します", Lang::Ja), vec![(Risk::Legal, Span::new(0, 9))]);
        assert_eq!(risks("a chargeback.", Lang::It), vec![(Risk::Chargeback, Span::new(2, 12))]);
        assert_eq!(risks("i will sue", Lang::Unknown).len(), 1);
    }
}

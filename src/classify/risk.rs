//! High-precision risk phrases, read from `data/model/risk_rules.json`.
//!
//! Missing an A-to-z claim, a chargeback, a lawyer or a fire is the costliest
//! mistake a seller can make, and these are said with a small set of fixed
//! phrases, so a phrase list catches them more reliably than a model trained
//! on a few hundred examples. Each rule carries a `why` in the data file.
//!
//! Phrases use the syntax of [`super::phrases`] (normalised, word-bounded,
//! `*` for an open end). Rules apply to messages detected in one of their
//! `langs` (`"*"` = any), and to every message whose language is unknown:
//! "sue" is a threat in English and a possessive in Italian.
//!
//! A rule may list `unless` phrases: a match of the rule that overlaps one
//! of them is dropped, so "fire" can flag a fire but not a "Fire TV
//! Stick", and "smoke" not "no smoke".

use super::phrases::PhraseSet;
use crate::contract::{Lang, Risk};
use crate::text::Span;
use serde::Deserialize;

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
    /// Harmless uses and negations: a match overlapping one is dropped.
    #[serde(default)]
    unless: Vec<String>,
    /// Why the rule exists: shown with the match, and required so that no
    /// rule enters the file unexplained.
    why: String,
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
    phrases: PhraseSet,
    /// The rules' `unless` phrases, grouped by rule index.
    unless: PhraseSet,
}

impl RiskRules {
    /// Compiles the rules in `json`.
    pub fn from_json(json: &str) -> Result<RiskRules, String> {
        let file: RuleFile = serde_json::from_str(json).map_err(|e| format!("risk rules: {e}"))?;
        if file.version != VERSION {
            return Err(format!("risk rules: version {} (this build reads {VERSION})", file.version));
        }
        let mut rules = Vec::new();
        for spec in &file.rules {
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
            rules.push(Rule { id: spec.id.clone(), why: spec.why.clone(), risk: spec.risk, langs });
        }
        let phrases = PhraseSet::new("risk rule", file.rules.iter().map(|r| (r.id.clone(), r.phrases.as_slice())))?;
        let unless = PhraseSet::new("risk rule unless", file.rules.iter().map(|r| (r.id.clone(), r.unless.as_slice())))?;
        Ok(RiskRules { rules, phrases, unless })
    }

    /// Every rule match in `normalized` for a message in `lang`, in text order.
    pub fn find(&self, normalized: &str, lang: Lang) -> Vec<RiskMatch> {
        let mut out: Vec<RiskMatch> = Vec::new();
        let exceptions = self.unless.find(normalized);
        for (group, span) in self.phrases.find(normalized) {
            if exceptions.iter().any(|&(g, s)| g == group && s.overlaps(span)) {
                continue;
            }
            let rule = &self.rules[group];
            let applies = match &rule.langs {
                None => true,
                Some(langs) => lang == Lang::Unknown || langs.contains(&lang),
            };
            if !applies {
                continue;
            }
            let found = RiskMatch { risk: rule.risk, rule: rule.id.clone(), why: rule.why.clone(), span };
            // Keep the longest of overlapping matches for the same risk.
            match out.iter_mut().find(|p| p.risk == rule.risk && p.span.overlaps(span)) {
                Some(prev) if span.len() > prev.span.len() => *prev = found,
                Some(_) => {}
                None => out.push(found),
            }
        }
        crate::sort::by_key(&mut out, |m| (m.span.start, m.span.end));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = r#"{"version": 1, "rules": [
        {"id": "legal.en", "risk": "legal", "langs": ["en"], "phrases": ["sue", "lawyer*"], "why": "t"},
        {"id": "legal.de", "risk": "legal", "langs": ["de"], "phrases": ["*anwalt"], "why": "t"},
        {"id": "legal.ja", "risk": "legal", "langs": ["ja"], "phrases": ["弁護士"], "why": "t"},
        {"id": "cb", "risk": "chargeback", "langs": ["*"], "phrases": ["chargeback"], "why": "t"},
        {"id": "fire", "risk": "safety", "langs": ["en"], "phrases": ["fire"], "unless": ["fire tv", "no fire"], "why": "t"}
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
        assert_eq!(risks("it caught fire", Lang::En), vec![(Risk::Safety, Span::new(10, 14))]);
        assert!(risks("my fire tv stick", Lang::En).is_empty());
        assert!(risks("no fire, no smoke", Lang::En).is_empty());
    }
}

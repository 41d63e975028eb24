//! The cross-language concept lexicon (`data/model/concepts.json`).
//!
//! Each corpus language has only about 60 messages per intent, so a word
//! the model met in German training messages says nothing about its Italian
//! equivalent. Concepts close that gap: "refund", "Erstattung",
//! "remboursement", "rimborso", "reembolso" and "返金" all raise the one
//! feature `refund`, whose weight is learned from all six languages at
//! once. They are features like any other (the model decides what they
//! mean for each intent), not rules.

use super::phrases::PhraseSet;
use crate::contract::Lang;
use crate::text::Span;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const LEXICON: &str = data_file!("model/concepts.json");

/// The concept file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    #[serde(rename = "about")]
    _about: String,
    concepts: BTreeMap<String, Concept>,
}

/// One concept: why it exists (for people editing the file) and its
/// phrases per language.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Concept {
    #[serde(rename = "why")]
    _why: String,
    phrases: BTreeMap<Lang, Vec<String>>,
}

/// The compiled lexicon.
pub struct Lexicon {
    names: Vec<String>,
    phrases: PhraseSet,
}

impl Lexicon {
    /// Compiles a lexicon file.
    pub fn from_json(json: &str) -> Result<Lexicon, String> {
        let file: File = serde_json::from_str(json).map_err(|e| format!("concepts: {e}"))?;
        if file.version != 1 {
            return Err(format!("concepts: version {} (this build reads 1)", file.version));
        }
        let mut names = Vec::new();
        let mut groups = Vec::new();
        for (name, concept) in &file.concepts {
            names.push(name.clone());
            groups.push((name.clone(), concept.phrases.values().flatten().cloned().collect::<Vec<String>>()));
        }
        let phrases = PhraseSet::new("concept", groups.iter().map(|(n, p)| (n.clone(), p.as_slice())))?;
        Ok(Lexicon { names, phrases })
    }

    /// The built-in lexicon, compiled on first use.
    pub fn builtin() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        // Embedded data, checked by the unit test below: failing here is a
        // build defect, never a property of user input.
        LEX.get_or_init(|| Lexicon::from_json(LEXICON).expect("embedded data/model/concepts.json must compile"))
    }

    /// Every concept named in `normalized`, with the span that names it.
    pub fn find(&self, normalized: &str) -> Vec<(&str, Span)> {
        self.phrases.find(normalized).into_iter().map(|(g, s)| (self.names[g].as_str(), s)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_concept_across_languages() {
        let lex = Lexicon::from_json(LEXICON).unwrap();
        for text in ["i want a refund", "bitte erstatten sie", "je veux un remboursement", "voglio un rimborso", "quiero un reembolso", "返金してください"] {
            let found: Vec<&str> = lex.find(text).into_iter().map(|(n, _)| n).collect();
            assert!(found.contains(&"refund"), "{text}: {found:?}");
        }
    }
}

//! Hygiene of the intent corpus (`data/corpus/intents/`), which several
//! writers grow in parallel:
//!
//! - every line parses, with valid ids and no label repeated in `also`;
//! - no message appears twice once case, accents, digits, spacing and
//!   punctuation are folded away. Such a pair is either a wasted line or,
//!   when the hash split puts one copy in training and one in the test, a
//!   leak that makes the held-out score easier than real use;
//! - every language has the minimum of 60 messages per intent, and
//!   the held-out split has every intent in every language.

use std::collections::HashMap;
use tactful::classify::training::corpus::{Corpus, Example};
use tactful::contract::{Intent, Lang};

/// The folded form two copies of one message share: letters only, lower
/// case, accents dropped (NFD-free: the common Latin accents map by hand,
/// which is what copy edits change), digits and everything else removed.
fn folded(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| {
            let base = match c {
                'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
                'ç' => 'c',
                'è' | 'é' | 'ê' | 'ë' => 'e',
                'ì' | 'í' | 'î' | 'ï' => 'i',
                'ñ' => 'n',
                'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
                'ù' | 'ú' | 'û' | 'ü' => 'u',
                'ß' => 's',
                c => c,
            };
            base.is_alphabetic().then_some(base)
        })
        .collect()
}

fn corpus() -> Corpus {
    let corpus = Corpus::load(&Corpus::default_dir()).expect("corpus directory reads");
    assert!(corpus.rejected.is_empty(), "corpus lines that do not parse: {:#?}", corpus.rejected);
    corpus
}

#[test]
fn labels_are_consistent() {
    for e in &corpus().examples {
        assert!(!e.text.trim().is_empty(), "empty message in {}", e.lang.as_str());
        assert!(!e.also.contains(&e.intent), "{:?}: the primary intent is repeated in `also`", e.text);
        let mut also = e.also.clone();
        also.sort();
        also.dedup();
        assert_eq!(also.len(), e.also.len(), "{:?}: `also` repeats an intent", e.text);
    }
}

#[test]
fn no_message_is_there_twice() {
    let corpus = corpus();
    let mut seen: HashMap<String, &Example> = HashMap::new();
    let mut twice = Vec::new();
    for e in &corpus.examples {
        let key = folded(&e.text);
        if key.chars().count() < 8 {
            // "test", "hallo?", an order number alone: too short for two copies to be
            // the same message rather than the same gesture.
            continue;
        }
        if let Some(first) = seen.insert(key, e) {
            let leak = if first.is_test() != e.is_test() { " (train/test leak)" } else { "" };
            twice.push(format!("{}: {:?} ~ {}: {:?}{leak}", first.lang.as_str(), first.text, e.lang.as_str(), e.text));
        }
    }
    assert!(twice.is_empty(), "{} messages appear twice:\n{}", twice.len(), twice.join("\n"));
}

#[test]
fn every_language_has_enough_of_every_intent() {
    let corpus = corpus();
    let langs = [Lang::En, Lang::De, Lang::Fr, Lang::It, Lang::Es, Lang::Ja];
    let mut short = Vec::new();
    for lang in langs {
        for &intent in Intent::ALL {
            let of = |test: bool| {
                corpus.examples.iter().filter(|e| e.lang == lang && e.intent == intent && e.is_test() == test).count()
            };
            let (train, test) = (of(false), of(true));
            if train + test < 60 || test == 0 {
                short.push(format!("{} {}: {train} train + {test} test", lang.as_str(), intent.as_str()));
            }
        }
    }
    assert!(short.is_empty(), "below 60 messages or none held out:\n{}", short.join("\n"));
}

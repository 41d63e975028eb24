//! How often each concept of `data/model/concepts.json` fires per corpus
//! language, per intent: the corpus holds the same situations in all six
//! languages, so a concept that fires in 20 % of English `return_request`
//! messages but 5 % of Italian ones lacks Italian phrases.
//!
//! ```text
//! cargo run --release --example concept_coverage [-- INTENT [CONCEPT LANG]]
//! ```
//! With CONCEPT and LANG, lists that language's INTENT messages the
//! concept misses instead.

use std::collections::BTreeMap;
use tactful::classify::concepts::Lexicon;
use tactful::classify::training::corpus::Corpus;
use tactful::contract::Lang;

fn main() {
    let intent = std::env::args().nth(1);
    let miss_concept = std::env::args().nth(2);
    let miss_lang = std::env::args().nth(3);
    let corpus = Corpus::load(&Corpus::default_dir()).expect("corpus");
    let (train, _) = corpus.split();
    let lex = Lexicon::builtin();
    let langs = [Lang::En, Lang::De, Lang::Fr, Lang::It, Lang::Es, Lang::Ja];
    let mut totals = [0usize; 6];
    let mut hits: BTreeMap<String, [usize; 6]> = BTreeMap::new();
    for e in &train {
        if intent.as_deref().is_some_and(|i| i != e.intent.as_str()) {
            continue;
        }
        let Some(li) = langs.iter().position(|&l| l == e.lang) else { continue };
        totals[li] += 1;
        let text = tactful::text::normalize::normalize(&e.text).text;
        let mut found: Vec<&str> = lex.find(&text).into_iter().map(|(c, _)| c).collect();
        if let (Some(c), Some(l)) = (&miss_concept, &miss_lang) {
            if e.lang.as_str() == l && !found.contains(&c.as_str()) {
                println!("{}", e.text);
            }
            continue;
        }
        found.sort();
        found.dedup();
        for c in found {
            hits.entry(c.to_string()).or_default()[li] += 1;
        }
    }
    if miss_concept.is_some() {
        return;
    }
    println!("{:<18} {}", "concept", langs.iter().map(|l| format!("{:>6}", l.as_str())).collect::<String>());
    for (c, h) in &hits {
        let rates: String = (0..6).map(|i| format!("{:>6.0}", 100.0 * h[i] as f64 / totals[i].max(1) as f64)).collect();
        println!("{c:<18} {rates}");
    }
}

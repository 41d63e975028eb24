//! Error analysis on cross-validation, never on the held-out split: trains
//! on four of the five training folds with the shipped settings (no
//! pruning, no calibration) and lists the fifth fold's misclassified
//! messages with the gold and predicted intents and the concepts found.
//!
//! ```text
//! cargo run --release --example cv_errors [-- FOLD [GOLD [PREDICTED]]]
//! ```

use tactful::classify::concepts::Lexicon;
use tactful::classify::training::corpus::Corpus;
use tactful::classify::training::metrics::intent_index;
use tactful::classify::training::sgd::{self, Hyper, Sample};
use tactful::classify::Prepared;
use tactful::contract::Intent;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let fold: usize = args.first().map_or(0, |a| a.parse().expect("fold"));
    let gold_filter = args.get(1).cloned();
    let pred_filter = args.get(2).cloned();
    let corpus = Corpus::load(&Corpus::default_dir()).expect("corpus");
    let (train, _) = corpus.split();
    let hyper = Hyper::default();
    let prepared: Vec<Prepared> = train.iter().map(|e| Prepared::new(&e.text)).collect();
    let samples: Vec<Sample> = prepared
        .iter()
        .zip(&train)
        .map(|(p, e)| {
            let mut intent = vec![0f32; Intent::ALL.len()];
            intent[intent_index(e.intent)] = 1.0;
            Sample { x: p.features.vector.clone(), intent, risks: vec![0.0; 7] }
        })
        .collect();
    let fit: Vec<&Sample> = samples.iter().zip(&train).filter(|(_, e)| e.fold() != fold).map(|(s, _)| s).collect();
    let dense = sgd::train(&fit, Intent::ALL.len(), 7, &hyper);
    let n = dense.outputs();
    let lex = Lexicon::builtin();
    let (mut right, mut total) = (0, 0);
    for (i, e) in train.iter().enumerate() {
        if e.fold() != fold {
            continue;
        }
        let mut z = dense.bias.clone();
        for &(b, v) in &prepared[i].features.vector {
            for (o, zo) in z.iter_mut().enumerate() {
                *zo += dense.w[b as usize * n + o] * v;
            }
        }
        let best = (0..Intent::ALL.len()).max_by(|&a, &b| z[a].total_cmp(&z[b])).unwrap_or(0);
        let predicted = Intent::ALL[best];
        total += 1;
        if predicted == e.intent {
            right += 1;
            continue;
        }
        if gold_filter.as_deref().is_some_and(|g| g != e.intent.as_str()) {
            continue;
        }
        if pred_filter.as_deref().is_some_and(|p| p != predicted.as_str()) {
            continue;
        }
        let concepts: Vec<&str> = lex.find(&prepared[i].normalized.text).into_iter().map(|(c, _)| c).collect();
        println!("[{}] {} -> {} {:?}\n    {}", e.lang.as_str(), e.intent.as_str(), predicted.as_str(), concepts, e.text);
    }
    println!("fold {fold}: accuracy {:.3} ({right}/{total})", right as f64 / total.max(1) as f64);
}

//! Secondary intents read from what the buyer names: "it arrived broken,
//! I want my money back" is damaged *and* a refund request.
//!
//! The intent model is trained to pick one intent, so its runner-up is
//! usually a confusable neighbour (order_status for not_received), not a
//! second wish: as the only source of secondaries it was right 7 times in
//! 100 on held-out messages. A buyer's second wish is mostly said in so
//! many words, though, and the concept lexicon ([`super::concepts`]) finds
//! those words in every language. This table, learned by the trainer from
//! the training split, says for each (concept, intent) pair how often a
//! message naming the concept, whose primary intent is another one, has
//! that intent as a secondary: the pair's precision, which is then the
//! secondary's score. Only pairs seen often enough and right often enough
//! are kept, so the table is small and every entry is a measured rate.

use crate::contract::Intent;
use crate::text::Span;
use serde::{Deserialize, Serialize};

/// The learned table, as `data/model/secondary.json` stores it.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Written by the trainer: what the file is and how it was made.
    #[serde(default)]
    pub about: String,
    /// Fewest training messages a kept pair fired on.
    pub min_support: u32,
    /// Lowest precision a kept pair has (chosen for the best F1 of
    /// secondaries on the training split).
    pub cut: f32,
    pub pairs: Vec<Pair>,
}

/// One (concept, intent) pair and how often it was right.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    pub concept: String,
    pub intent: Intent,
    /// Of the training messages that name the concept with another primary
    /// intent, the share labelled with this one as a secondary.
    pub precision: f32,
    /// How many training messages that was.
    pub support: u32,
}

/// A training message as the table learns from it.
pub struct Labelled<'a> {
    pub primary: Intent,
    pub also: &'a [Intent],
    pub concepts: &'a [(&'a str, Span)],
}

/// Pairs with fewer firings than this are not kept: their rate says
/// little.
const MIN_SUPPORT: u32 = 30;

impl Table {
    /// Reads a table file.
    pub fn from_json(json: &str) -> Result<Table, String> {
        let table: Table = serde_json::from_str(json).map_err(|e| format!("secondary: {e}"))?;
        if let Some(p) = table.pairs.iter().find(|p| !(0.0..=1.0).contains(&p.precision)) {
            // (No float in the message: formatting one would pull Rust's
            // float printer, 15 KB, into the wasm for this line alone.)
            return Err(format!("secondary: the precision of {} → {} is not between 0 and 1", p.concept, p.intent.as_str()));
        }
        Ok(table)
    }

    /// The secondaries of a message whose primary intent is `primary` and
    /// that names `concepts`, merged with the model's own `secondary`
    /// (intent, probability) list: each intent once, at the higher of its
    /// two scores, strongest first. An `other` message has none.
    pub fn secondaries(&self, primary: Intent, concepts: &[(&str, Span)], secondary: &[(Intent, f32)]) -> Vec<(Intent, f32)> {
        if primary == Intent::Other {
            return Vec::new();
        }
        let mut out: Vec<(Intent, f32)> = secondary.to_vec();
        for p in self.pairs.iter().filter(|p| p.intent != primary && names(concepts, &p.concept)) {
            match out.iter_mut().find(|(i, _)| *i == p.intent) {
                Some((_, score)) => *score = score.max(p.precision),
                None => out.push((p.intent, p.precision)),
            }
        }
        crate::sort::by(&mut out, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// The spans of `concepts` that name `intent` by a pair of the table,
    /// in text order, overlapping ones merged ("mein Geld" and "Geld
    /// zurück" underline as one phrase).
    pub fn spans(&self, intent: Intent, concepts: &[(&str, Span)]) -> Vec<Span> {
        let mut spans: Vec<Span> = concepts
            .iter()
            .filter(|(name, _)| self.pairs.iter().any(|p| p.intent == intent && p.concept == *name))
            .map(|&(_, span)| span)
            .collect();
        crate::sort::by_key(&mut spans, |s| (s.start, s.end));
        let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
        for s in spans {
            match merged.last_mut() {
                Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
                _ => merged.push(s),
            }
        }
        merged
    }

    /// Learns the table from labelled training messages: counts every
    /// (concept, intent) pair, keeps those with [`MIN_SUPPORT`] firings and
    /// the cut on precision that gives the best F1 of the table's
    /// secondaries on these same messages.
    pub fn learn(messages: &[Labelled]) -> Table {
        let mut counts: std::collections::BTreeMap<(&str, Intent), (u32, u32)> = Default::default();
        for m in messages.iter().filter(|m| m.primary != Intent::Other) {
            let mut named: Vec<&str> = m.concepts.iter().map(|&(name, _)| name).collect();
            named.sort_unstable();
            named.dedup();
            for &concept in &named {
                for &intent in Intent::ALL.iter().filter(|&&i| i != m.primary && i != Intent::Other) {
                    let c = counts.entry((concept, intent)).or_default();
                    c.0 += 1;
                    c.1 += u32::from(m.also.contains(&intent));
                }
            }
        }
        let candidates: Vec<Pair> = counts
            .into_iter()
            .filter(|&(_, (fired, right))| fired >= MIN_SUPPORT && right > 0)
            .map(|((concept, intent), (fired, right))| Pair {
                concept: concept.to_string(),
                intent,
                // Two decimals: the rate is a measurement, not a fit.
                precision: (right as f32 / fired as f32 * 100.0).round() / 100.0,
                support: fired,
            })
            .collect();
        let mut best = (-1.0f64, 1.0f32);
        for k in 10..=90 {
            let cut = k as f32 / 100.0;
            let table = Table { pairs: candidates.iter().filter(|p| p.precision >= cut).cloned().collect(), ..Table::default() };
            let f = table.f1(messages);
            if f > best.0 + 1e-9 {
                best = (f, cut);
            }
        }
        Table {
            about: "Secondary intents from named concepts, learned by `cargo run --release --bin train` from the training split (see src/classify/secondary.rs). Generated: do not edit.".into(),
            min_support: MIN_SUPPORT,
            cut: best.1,
            pairs: candidates.into_iter().filter(|p| p.precision >= best.1).collect(),
        }
    }

    /// Micro F1 of the table's secondaries alone on `messages`.
    fn f1(&self, messages: &[Labelled]) -> f64 {
        let (mut predicted, mut right, mut gold) = (0usize, 0usize, 0usize);
        for m in messages {
            let found = self.secondaries(m.primary, m.concepts, &[]);
            predicted += found.len();
            right += found.iter().filter(|(i, _)| m.also.contains(i)).count();
            gold += m.also.iter().filter(|&&a| a != m.primary && a != Intent::Other).count();
        }
        if predicted == 0 || gold == 0 || right == 0 {
            return 0.0;
        }
        let (p, r) = (right as f64 / predicted as f64, right as f64 / gold as f64);
        2.0 * p * r / (p + r)
    }
}

/// True when `concepts` include `concept`.
fn names(concepts: &[(&str, Span)], concept: &str) -> bool {
    concepts.iter().any(|&(name, _)| name == concept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_the_pairs_that_hold_and_merges_them_with_the_model() {
        let refund: &[(&str, Span)] = &[("broken", Span::new(0, 6)), ("refund", Span::new(10, 16))];
        let broken: &[(&str, Span)] = &[("broken", Span::new(0, 6))];
        let also_refund: &[Intent] = &[Intent::RefundRequest];
        let mut messages = Vec::new();
        for k in 0..60 {
            // "refund" named with another primary: a refund secondary 5 times in 6.
            messages.push(Labelled { primary: Intent::DamagedDefective, also: if k % 6 == 0 { &[] } else { also_refund }, concepts: refund });
            // "broken" alone says nothing about a second wish.
            messages.push(Labelled { primary: Intent::DamagedDefective, also: &[], concepts: broken });
        }
        let table = Table::learn(&messages);
        assert_eq!(table.pairs.len(), 1, "{:?}", table.pairs);
        let pair = &table.pairs[0];
        assert_eq!((pair.concept.as_str(), pair.intent, pair.precision, pair.support), ("refund", Intent::RefundRequest, 0.83, 60));

        let model = [(Intent::ReturnRequest, 0.4), (Intent::RefundRequest, 0.2)];
        assert_eq!(
            table.secondaries(Intent::DamagedDefective, refund, &model),
            vec![(Intent::RefundRequest, 0.83), (Intent::ReturnRequest, 0.4)]
        );
        // Its evidence is the words that name it.
        assert_eq!(table.spans(Intent::RefundRequest, refund), vec![Span::new(10, 16)]);
        assert_eq!(table.spans(Intent::ReturnRequest, refund), vec![]);
        let overlapping = [("refund", Span::new(5, 9)), ("broken", Span::new(0, 3)), ("refund", Span::new(0, 6))];
        assert_eq!(table.spans(Intent::RefundRequest, &overlapping), vec![Span::new(0, 9)]);
        // Never the primary itself, and nothing for `other`.
        assert_eq!(table.secondaries(Intent::RefundRequest, refund, &[]), vec![]);
        assert_eq!(table.secondaries(Intent::Other, refund, &model), vec![]);
        // A round trip through the file format.
        let json = serde_json::to_string(&table).unwrap();
        assert_eq!(Table::from_json(&json).unwrap(), table);
        assert!(Table::from_json(&json.replace("0.83", "1.5")).is_err());
    }
}

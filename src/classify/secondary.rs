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
//! are kept, so the table is small and every entry is a measured rate
//! (learned by `training::secondary`).

use crate::contract::Intent;
use crate::text::Span;
use serde::{Deserialize, Serialize};

/// The learned table, as `data/model/secondary.json` stores it.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
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
}

/// True when `concepts` include `concept`.
fn names(concepts: &[(&str, Span)], concept: &str) -> bool {
    concepts.iter().any(|&(name, _)| name == concept)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        let pair = Pair { concept: "refund".into(), intent: Intent::RefundRequest, precision: 0.83, support: 60 };
        Table { about: String::new(), min_support: 30, cut: 0.5, pairs: vec![pair] }
    }

    #[test]
    fn named_secondaries_merge_with_the_model_and_show_on_their_words() {
        let table = table();
        let refund: &[(&str, Span)] = &[("broken", Span::new(0, 6)), ("refund", Span::new(10, 16))];
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
    }

    #[test]
    fn reads_its_file_and_refuses_a_rate_outside_0_to_1() {
        let table = table();
        let json = serde_json::to_string(&table).unwrap();
        assert_eq!(Table::from_json(&json).unwrap(), table);
        assert!(Table::from_json(&json.replace("0.83", "1.5")).is_err());
        assert!(Table::from_json("{").is_err());
    }
}

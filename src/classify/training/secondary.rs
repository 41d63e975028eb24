//! Learns the secondary-intent table ([`crate::classify::secondary`]) from
//! the training split.

use super::metrics;
use crate::classify::secondary::{Pair, Table};
use crate::contract::Intent;
use crate::text::Span;
use std::collections::BTreeMap;

/// A training message as the table learns from it.
pub struct Labelled<'a> {
    pub primary: Intent,
    pub also: &'a [Intent],
    pub concepts: &'a [(&'static str, Span)],
}

/// Pairs with fewer firings than this are not kept: their rate says
/// little.
const MIN_SUPPORT: u32 = 30;

/// Counts every (concept, intent) pair over `messages` (a message naming
/// the concept, whose primary intent is another, labelled with the intent
/// as a secondary or not), keeps those with `MIN_SUPPORT` firings, and
/// cuts them at the precision that gives the best secondary F1
/// ([`metrics::secondary_of`]) on these same messages.
pub fn learn(messages: &[Labelled]) -> Table {
    let mut counts: BTreeMap<(&str, Intent), (u32, u32)> = BTreeMap::new();
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
    let table = |cut: f32| Table {
        about: "Secondary intents from named concepts, learned by `cargo run --release --bin train` from the training split (see src/classify/secondary.rs). Generated: do not edit.".into(),
        min_support: MIN_SUPPORT,
        cut,
        pairs: candidates.iter().filter(|p| p.precision >= cut).cloned().collect(),
    };
    let mut best = (-1.0f64, 1.0f32);
    for k in 10..=90 {
        let cut = k as f32 / 100.0;
        let candidate = table(cut);
        let found: Vec<Vec<Intent>> = messages
            .iter()
            .map(|m| candidate.secondaries(m.primary, m.concepts, &[]).into_iter().map(|(i, _)| i).collect())
            .collect();
        let f = metrics::secondary_of(found.iter().zip(messages).map(|(f, m)| (f.as_slice(), m.also))).f1;
        if f > best.0 + 1e-9 {
            best = (f, cut);
        }
    }
    table(best.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_pairs_that_hold() {
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
        let table = learn(&messages);
        assert_eq!(table.pairs.len(), 1, "{:?}", table.pairs);
        let pair = &table.pairs[0];
        assert_eq!((pair.concept.as_str(), pair.intent, pair.precision, pair.support), ("refund", Intent::RefundRequest, 0.83, 60));
        assert!(table.cut <= 0.83 && table.min_support == MIN_SUPPORT);
    }
}

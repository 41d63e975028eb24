//! Turning raw hits into the findings the user sees.
//!
//! Policy (also in `docs/rule-packs.md`):
//! - hits of the **same category** that overlap are merged into one finding
//!   covering both spans; it keeps the rule, message and source of the more
//!   severe hit (on a tie, the one that starts first, then the longer one,
//!   then the smaller rule id). Its fixes survive only if its own span is
//!   the merged span; otherwise only "remove" survives, since a replacement
//!   written for part of the text would be wrong for the whole;
//! - hits of **different categories** are kept even when one lies inside
//!   the other (an email inside an auto-reply sentence is two problems);
//! - findings are sorted by start, then severity (block first), then end
//!   (longer first), then rule id, so the order is total and deterministic.

use super::{Finding, Hit, MAX_FINDINGS_PER_RULE};
use std::collections::HashMap;
use crate::contract::{Category, Severity};
use crate::text::Span;
use std::cmp::Reverse;

pub(crate) fn merge(mut hits: Vec<Hit<'_>>) -> Vec<Finding> {
    crate::sort::by(&mut hits, |a, b| key(a.span, a.meta.severity, &a.meta.id).cmp(&key(b.span, b.meta.severity, &b.meta.id)));
    hits.dedup_by(|a, b| a.span == b.span && a.meta.id == b.meta.id);
    cap_per_rule(&mut hits);
    let mut out: Vec<Finding> = Vec::with_capacity(hits.len());
    // Index in `out` of the latest finding of each category, for merging.
    let mut latest: Vec<Option<usize>> = vec![None; Category::ALL.len()];
    for hit in hits {
        let slot = hit.meta.category as usize;
        if let Some(i) = latest[slot] {
            if hit.span.start < out[i].span.end {
                absorb(&mut out[i], &hit);
                continue;
            }
        }
        latest[slot] = Some(out.len());
        out.push(hit.meta.finding(hit.span, hit.fix.as_ref()));
    }
    crate::sort::by(&mut out, |a, b| key(a.span, a.severity, &a.rule).cmp(&key(b.span, b.severity, &b.rule)));
    out
}

/// Keeps the first [`MAX_FINDINGS_PER_RULE`] hits of each rule (hits are
/// sorted by position), so a 5 MB paste stays a readable answer.
fn cap_per_rule(hits: &mut Vec<Hit<'_>>) {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    hits.retain(|h| {
        let n = counts.entry(h.meta.id.as_str()).or_insert(0);
        *n += 1;
        *n <= MAX_FINDINGS_PER_RULE
    });
}

/// Merges an overlapping hit of the same category into `prev` (which
/// starts no later than the hit, because hits are sorted).
fn absorb(prev: &mut Finding, hit: &Hit<'_>) {
    let union = Span::new(prev.span.start, prev.span.end.max(hit.span.end));
    let winner_span = if hit.meta.severity < prev.severity {
        *prev = hit.meta.finding(hit.span, hit.fix.as_ref());
        hit.span
    } else {
        prev.span
    };
    if winner_span != union {
        prev.fixes.retain(|f| f.is_empty());
    }
    prev.span = union;
}

/// The sort key: start, severity (block first), end (longer first), rule.
fn key(span: Span, severity: Severity, rule: &str) -> (usize, Severity, Reverse<usize>, &str) {
    (span.start, severity, Reverse(span.end), rule)
}

//! Facts in text: order IDs, ASINs, tracking numbers, money, dates,
//! durations, model numbers. (Skeleton; the text-layer work replaces it.)

use super::offsets::Spans;
use super::Span;
use crate::contract::{Carrier, EntityKind};
use serde::Serialize;

/// One fact: its kind, the text as written, where it is, and a normalised
/// value (formats per kind are documented on [`EntityKind`] users: see
/// `extract`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entity {
    pub kind: EntityKind,
    pub text: String,
    #[serde(flatten)]
    pub span: Span,
    pub value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier: Option<Carrier>,
}

impl Spans for Entity {
    fn for_each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        f(&mut self.span)
    }
}

/// All facts in `text`, sorted by position, never overlapping.
pub fn extract(text: &str) -> Vec<Entity> {
    let _ = text;
    Vec::new()
}

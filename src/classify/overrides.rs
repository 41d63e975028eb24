//! Intent overrides (`data/model/intent_rules.json`): the few cases where a
//! phrase settles the intent whatever the model's words suggest.
//!
//! The one shipped today: a buyer who writes "before I buy" or "thinking
//! of ordering" has not bought, so a question about returns or refunds is
//! a pre-sale `product_question`, not a `return_request`. The model sees
//! "return" and leans the other way; the rule only applies when the
//! message carries no order ID (a buyer quoting an order has bought) and
//! the model's intent is one the rule lists in `replaces`.

use super::phrases::PhraseSet;
use crate::contract::Intent;
use crate::text::Span;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    #[serde(rename = "about")]
    _about: String,
    rules: Vec<Spec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    id: String,
    intent: Intent,
    replaces: Vec<Intent>,
    phrases: Vec<String>,
    /// Why the override is certain; required so none enters unexplained.
    #[serde(rename = "why")]
    _why: String,
}

struct Rule {
    intent: Intent,
    replaces: Vec<Intent>,
}

/// The compiled overrides.
pub struct Overrides {
    rules: Vec<Rule>,
    phrases: PhraseSet,
}

impl Overrides {
    /// Compiles an override file.
    pub fn from_json(json: &str) -> Result<Overrides, String> {
        let file: File = serde_json::from_str(json).map_err(|e| format!("intent rules: {e}"))?;
        if file.version != 1 {
            return Err(format!("intent rules: version {} (this build reads 1)", file.version));
        }
        let phrases = PhraseSet::new("intent rule", file.rules.iter().map(|r| (r.id.clone(), r.phrases.as_slice())))?;
        let rules = file.rules.into_iter().map(|r| Rule { intent: r.intent, replaces: r.replaces }).collect();
        Ok(Overrides { rules, phrases })
    }

    /// The intent that replaces `intent` for this normalised message, if a
    /// rule applies, and the phrase (normalised span) that decided it.
    /// `has_order_id`: the message quotes an order ID.
    pub fn apply(&self, normalized: &str, intent: Intent, has_order_id: bool) -> Option<(Intent, Span)> {
        if has_order_id {
            return None;
        }
        self.phrases
            .find(normalized)
            .into_iter()
            .find(|&(g, _)| self.rules[g].replaces.contains(&intent))
            .map(|(g, span)| (self.rules[g].intent, span))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presale_rule_needs_a_listed_intent_and_no_order_id() {
        let o = Overrides::from_json(
            r#"{"version": 1, "about": "t", "rules": [{"id": "p", "intent": "product_question",
                "replaces": ["return_request"], "phrases": ["before i buy"], "why": "t"}]}"#,
        )
        .unwrap();
        let t = "before i buy: can i return it?";
        assert_eq!(o.apply(t, Intent::ReturnRequest, false), Some((Intent::ProductQuestion, Span::new(0, 12))));
        assert_eq!(o.apply(t, Intent::ReturnRequest, true), None);
        assert_eq!(o.apply(t, Intent::Complaint, false), None);
        assert_eq!(o.apply("can i return it?", Intent::ReturnRequest, false), None);
    }
}

//! Reply suggestions: three-part templates (confirm, act, timeline) per
//! intent and language, variables filled from the message and the seller's
//! profile, concrete dates in the buyer's marketplace time zone.
//! (Skeleton types; the suggestion work fills in templates and dates.)

use crate::check::{CheckContext, Checker, Finding};
use crate::classify::{Classification, Classifier, ClassifyContext};
use crate::contract::{Intent, Lang, Marketplace};
use crate::error::{check_size, Error};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The seller's profile. Every field has a default that works out of the box.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Profile {
    pub seller_name: String,
    pub signature: String,
    pub marketplaces: Vec<Marketplace>,
    /// Business days between order and dispatch.
    pub handling_days: u32,
}

impl Default for Profile {
    fn default() -> Self {
        Profile { seller_name: String::new(), signature: String::new(), marketplaces: vec![Marketplace::Us], handling_days: 1 }
    }
}

/// Per-call options for a suggestion.
#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SuggestContext {
    pub marketplace: Marketplace,
    /// "Now" as Unix milliseconds. The core never reads a clock; the WASM
    /// layer and the CLI pass the real time.
    pub now_ms: Option<i64>,
    /// A specific candidate template id to use instead of the best one.
    pub template: Option<String>,
    /// Values the seller typed for variables, overriding what was found.
    pub variables: BTreeMap<String, String>,
}

impl Default for SuggestContext {
    fn default() -> Self {
        SuggestContext { marketplace: Marketplace::Us, now_ms: None, template: None, variables: BTreeMap::new() }
    }
}

/// The three parts of a reply.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Parts {
    pub confirm: String,
    pub act: String,
    pub timeline: String,
}

/// A suggested reply. `findings` are spans into `reply`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Suggestion {
    pub intent: Intent,
    pub language: Lang,
    pub template: String,
    pub candidates: Vec<String>,
    pub parts: Parts,
    pub reply: String,
    pub missing: Vec<String>,
    pub findings: Vec<Finding>,
    pub classification: Classification,
}

/// Templates: the built-in set plus the seller's own.
pub struct Suggester {}

impl Suggester {
    pub fn builtin() -> Suggester {
        Suggester {}
    }

    /// Replaces the seller's template set with `json` (the export format).
    /// Validated as a whole first: on any error the old set stays.
    pub fn import_templates(&mut self, json: &str) -> Result<(), Error> {
        let _ = json;
        Ok(())
    }

    /// The seller's template set as JSON, in the import format.
    pub fn export_templates(&self) -> String {
        String::from("{\"version\":1,\"templates\":[]}")
    }

    /// Suggests a reply to `message`.
    pub fn suggest(
        &self,
        classifier: &Classifier,
        checker: &Checker,
        message: &str,
        profile: &Profile,
        context: &SuggestContext,
    ) -> Result<Suggestion, Error> {
        check_size(message)?;
        let _ = profile;
        let classification = classifier.classify(message, &ClassifyContext { marketplace: Some(context.marketplace) })?;
        let reply = String::new();
        let findings = checker.check(&reply, &CheckContext { marketplace: context.marketplace, ..CheckContext::default() })?.findings;
        Ok(Suggestion {
            intent: classification.intent,
            language: context.marketplace.language(),
            template: String::new(),
            candidates: Vec::new(),
            parts: Parts::default(),
            reply,
            missing: Vec::new(),
            findings,
            classification,
        })
    }
}

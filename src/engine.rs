//! The engine: compiled rules, classifier and templates, built once and
//! shared by every call. Results carry byte offsets; [`crate::wire`] turns
//! them into the UTF-16 shapes that JSON and JavaScript see.

use crate::check::{CheckContext, CheckResult, Checker};
use crate::classify::{Classification, Classifier, ClassifyContext};
use crate::error::Error;
use crate::suggest::{Profile, SuggestContext, Suggester, Suggestion};
use crate::text::Analysis;

/// Everything needed to analyse, classify, check and suggest.
pub struct Engine {
    classifier: Classifier,
    checker: Checker,
    suggester: Suggester,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

impl Engine {
    /// An engine with the built-in model, rules and templates.
    pub fn new() -> Engine {
        Engine { classifier: Classifier::builtin(), checker: Checker::builtin(), suggester: Suggester::builtin() }
    }

    /// Adds a user rule pack; on error the engine is unchanged.
    pub fn add_rule_pack(&mut self, json: &str) -> Result<(), Error> {
        self.checker.add_pack(json)
    }

    /// Replaces the seller's template set; on error the old set stays.
    /// Templates are checked with this engine's rules, the seller's own
    /// rule packs included.
    pub fn import_templates(&mut self, json: &str) -> Result<(), Error> {
        self.suggester.import_templates_with(&self.checker, json)
    }

    /// The seller's template set as JSON.
    pub fn export_templates(&self) -> String {
        self.suggester.export_templates()
    }

    /// Language, sentences and facts of `text`.
    pub fn analyze(&self, text: &str) -> Result<Analysis, Error> {
        crate::text::analyze(text)
    }

    /// Intent, risk flags, evidence and facts of a buyer message.
    pub fn classify(&self, message: &str, context: &ClassifyContext) -> Result<Classification, Error> {
        self.classifier.classify(message, context)
    }

    /// Compliance findings and structure of a seller's draft.
    pub fn check(&self, draft: &str, context: &CheckContext) -> Result<CheckResult, Error> {
        self.checker.check(draft, context)
    }

    /// A three-part reply to a buyer message.
    pub fn suggest(&self, message: &str, profile: &Profile, context: &SuggestContext) -> Result<Suggestion, Error> {
        self.suggester.suggest(&self.classifier, &self.checker, message, profile, context)
    }
}

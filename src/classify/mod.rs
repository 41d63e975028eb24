//! Classification of buyer messages: intents with calibrated confidence,
//! risk flags, evidence spans, language and facts.
//! (Skeleton types; the classifier work fills in the model.)

use crate::contract::{Intent, Lang, Marketplace, Risk};
use crate::error::{check_size, Error};
use crate::text::offsets::Spans;
use crate::text::{Entity, Span};
use serde::{Deserialize, Serialize};

/// Optional context for classification.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClassifyContext {
    /// Where the buyer bought: breaks language ties (e.g. Canadian French).
    pub marketplace: Option<Marketplace>,
}

/// An intent and its probability.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IntentScore {
    pub id: Intent,
    pub score: f32,
}

/// A span of the message that drove the decision, and what it points to.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    #[serde(flatten)]
    pub span: Span,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intent: Option<Intent>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk: Option<Risk>,
}

/// What Tactful read in a buyer message.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Classification {
    pub intent: Intent,
    pub confidence: f32,
    pub intents: Vec<IntentScore>,
    pub risks: Vec<Risk>,
    pub language: Lang,
    pub entities: Vec<Entity>,
    pub evidence: Vec<Evidence>,
}

impl Spans for Evidence {
    fn for_each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        f(&mut self.span)
    }
}

impl Spans for Classification {
    fn for_each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        self.entities.for_each_span(f);
        self.evidence.for_each_span(f);
    }
}

/// The classifier: model weights and rules, loaded once.
pub struct Classifier {}

impl Classifier {
    /// The built-in model.
    pub fn builtin() -> Classifier {
        Classifier {}
    }

    /// Classifies one buyer message.
    pub fn classify(&self, message: &str, context: &ClassifyContext) -> Result<Classification, Error> {
        check_size(message)?;
        let _ = context;
        let analysis = crate::text::analyze(message)?;
        Ok(Classification {
            intent: Intent::Other,
            confidence: 0.0,
            intents: Vec::new(),
            risks: Vec::new(),
            language: analysis.language,
            entities: analysis.entities,
            evidence: Vec::new(),
        })
    }
}

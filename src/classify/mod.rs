//! Classification of buyer messages: intents with calibrated confidence,
//! risk flags, evidence spans, language and facts.
//!
//! The pipeline: normalise → facts and language from [`crate::text`] →
//! hashed features ([`features`]) → a linear model trained on our corpus
//! ([`model`], trained by `cargo run --release --bin train`) → risk flags
//! from phrase rules ([`risk`]) and learned heads → evidence spans
//! ([`evidence`]).

pub mod concepts;
pub mod evidence;
pub mod features;
pub mod model;
pub mod overrides;
pub mod phrases;
pub mod risk;
pub mod secondary;
#[cfg(not(target_arch = "wasm32"))]
pub mod training;

use crate::contract::{EntityKind, Intent, Lang, Marketplace, Risk};
use crate::error::{check_size, Error};
use crate::text::offsets::Spans;
use crate::text::{entities, lang, normalize, Entity, Normalized, Span};
use features::Features;
use model::{sigmoid, softmax, Calibration, Model};
use overrides::Overrides;
use risk::RiskRules;
use secondary::Table;
use serde::{Deserialize, Serialize};

/// The embedded model, written by the `train` binary.
const MODEL: &[u8] = include_bytes!("../../data/model/intent.bin");
/// The embedded risk phrase rules.
const RISK_RULES: &str = data_file!("model/risk_rules.json");
/// The embedded intent overrides.
const INTENT_RULES: &str = data_file!("model/intent_rules.json");
/// The embedded secondary-intent table, written by the `train` binary.
const SECONDARY: &str = data_file!("model/secondary.json");

/// Optional context for classification.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClassifyContext {
    /// Where the buyer bought: breaks language ties (e.g. Canadian French).
    pub marketplace: Option<Marketplace>,
}

/// An intent and its score: for the primary, the calibrated confidence;
/// for a secondary, the model's probability or, when the buyer names it,
/// how often such a mention was one in the training corpus.
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

/// What the model needs from a message, computed once and shared by
/// inference and training so the two read text identically.
pub struct Prepared {
    pub normalized: Normalized,
    pub entities: Vec<Entity>,
    /// Language as detected from the text alone (what the model was trained on).
    pub detected: Lang,
    pub features: Features,
    /// The concepts of the lexicon the message names, with the span of
    /// the normalised text that names each, in text order.
    pub concepts: Vec<(&'static str, Span)>,
}

impl Prepared {
    /// Normalises `message` and reads its facts, language and features.
    pub fn new(message: &str) -> Prepared {
        let normalized = normalize::normalize(message);
        let detected = lang::detect_with(message, &normalized.text).lang;
        let entities = entities::extract_normalized(message, &normalized, detected);
        let concepts = concepts::Lexicon::builtin().find(&normalized.text);
        let features = features::extract(&normalized.text, &entities, detected, &concepts);
        Prepared { normalized, entities, detected, features, concepts }
    }
}

/// Intent scores and risks read by the model alone (before rules), as the
/// trainer evaluates them.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelOutput {
    /// Calibrated probability of each intent, in [`Intent::ALL`] order.
    pub probabilities: Vec<f32>,
    /// Primary intent after the confidence floor.
    pub intent: Intent,
    pub confidence: f32,
    /// Secondary intents above the threshold, strongest first.
    pub secondary: Vec<(Intent, f32)>,
    /// Risks raised by the learned heads.
    pub risks: Vec<Risk>,
}

/// The classifier: model weights and rules, loaded once.
pub struct Classifier {
    model: Model,
    rules: RiskRules,
    overrides: Overrides,
    secondary: Table,
}

impl Classifier {
    /// The built-in model.
    pub fn builtin() -> Classifier {
        // Both are embedded at build time and checked by the test suite
        // (tests/classify_model.rs): failing here is a build defect, never
        // a property of user input.
        let model = Model::decode(MODEL).expect("embedded data/model/intent.bin must decode");
        let rules = RiskRules::from_json(RISK_RULES).expect("embedded data/model/risk_rules.json must compile");
        let secondary = Table::from_json(SECONDARY).expect("embedded data/model/secondary.json must parse");
        Classifier::new(model, rules, secondary)
    }

    /// A classifier from a model, risk rules and secondary table, with the
    /// built-in intent overrides (the trainer evaluates the model it just
    /// trained).
    pub fn new(model: Model, rules: RiskRules, secondary: Table) -> Classifier {
        let overrides = Overrides::from_json(INTENT_RULES).expect("embedded data/model/intent_rules.json must compile");
        Classifier { model, rules, overrides, secondary }
    }

    /// The decoded model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The risk phrase rules.
    pub fn rules(&self) -> &RiskRules {
        &self.rules
    }

    /// The model's reading of a prepared message (see [`decide`]).
    pub fn read(&self, prepared: &Prepared) -> ModelOutput {
        let logits = self.model.logits(&prepared.features.vector);
        let has_words = has_words(&prepared.normalized.text);
        decide(&self.model.calibration, self.model.intents, &logits, has_words, &self.secondary, &prepared.concepts)
    }

    /// Classifies one buyer message.
    pub fn classify(&self, message: &str, context: &ClassifyContext) -> Result<Classification, Error> {
        check_size(message)?;
        let prepared = Prepared::new(message);
        let mut out = self.read(&prepared);
        let has_order_id = prepared.entities.iter().any(|e| e.kind == EntityKind::OrderId);
        let overridden = self.overrides.apply(&prepared.normalized.text, out.intent, has_order_id);
        if let Some((intent, _)) = overridden {
            // The model's probability of the overriding intent is no
            // measure of a rule's certainty; keep the model's confidence in
            // its own reading as the honest figure.
            out.secondary.retain(|(i, _)| *i != intent);
            out.intent = intent;
        }
        let language = resolve_language(prepared.detected, message, context.marketplace);

        let matches = self.rules.find(&prepared.normalized.text, prepared.detected);
        let mut risks: Vec<Risk> = out.risks.clone();
        risks.extend(matches.iter().map(|m| m.risk));
        crate::sort::ascending(&mut risks);
        risks.dedup();

        let mut evidence = Vec::new();
        // Built on first use: an override or a plain `other` needs none.
        let attribution = std::cell::OnceCell::new();
        let attribution = || attribution.get_or_init(|| evidence::Attribution::new(&prepared.features, &prepared.normalized));
        if let Some((intent, span)) = overridden {
            evidence.push(Evidence { span: prepared.normalized.original(span), intent: Some(intent), risk: None });
        } else if out.intent != Intent::Other {
            let attributed = |intent: Intent| {
                let index = Intent::ALL.iter().position(|&i| i == intent).unwrap_or(0);
                attribution().phrases(&self.model, index)
            };
            let mut spans = vec![(out.intent, attributed(out.intent))];
            for &(intent, _) in &out.secondary {
                // A secondary the buyer names is shown on the words that
                // name it (exact, and no attribution pass to pay for).
                let named = self.secondary.spans(intent, &prepared.concepts);
                let named: Vec<Span> = named.into_iter().map(|s| prepared.normalized.original(s)).collect();
                spans.push((intent, if named.is_empty() { attributed(intent) } else { named }));
            }
            for (intent, spans) in spans {
                evidence.extend(spans.into_iter().map(|span| Evidence { span, intent: Some(intent), risk: None }));
            }
        }
        for m in &matches {
            let span = prepared.normalized.original(m.span);
            evidence.push(Evidence { span, intent: None, risk: Some(m.risk) });
        }
        for &risk in &out.risks {
            if matches.iter().any(|m| m.risk == risk) {
                continue;
            }
            let index = self.model.intents + Risk::ALL.iter().position(|&r| r == risk).unwrap_or(0);
            for span in attribution().phrases(&self.model, index) {
                evidence.push(Evidence { span, intent: None, risk: Some(risk) });
            }
        }
        crate::sort::by_key(&mut evidence, |e| (e.span.start, e.span.end));

        let mut intents = vec![IntentScore { id: out.intent, score: out.confidence }];
        intents.extend(out.secondary.iter().map(|&(id, score)| IntentScore { id, score }));
        Ok(Classification {
            intent: out.intent,
            confidence: out.confidence,
            intents,
            risks,
            language,
            entities: prepared.entities,
            evidence,
        })
    }
}

/// Turns logits into a decision under `calibration`: calibrated
/// probabilities, the primary intent (or `other` below the confidence
/// floor), secondary intents and learned risks. The trainer calls this too,
/// to fit the thresholds on exactly the rule inference applies.
///
/// Secondaries are the ones the message names (`concepts`, read through
/// the learned `table`: [`secondary`]) merged with the model's own: the
/// intents whose probability in the same softmax as the primary reaches
/// the fitted threshold. Those are rarely right on their own (the
/// runner-up is usually a neighbour, not a second wish), which is why the
/// threshold is fitted with the table in place.
pub fn decide(
    calibration: &Calibration,
    intents: usize,
    logits: &[f32],
    has_words: bool,
    table: &Table,
    concepts: &[(&str, Span)],
) -> ModelOutput {
    let probabilities = softmax(&logits[..intents], calibration.temperature);
    let other = Intent::ALL.len() - 1;
    let (best, p) = probabilities
        .iter()
        .copied()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .unwrap_or((other, 0.0));
    let (intent, confidence) = if !has_words {
        // Nothing but digits, emoji or punctuation: no words to read an
        // intent from, however the bias leans.
        (Intent::Other, 1.0)
    } else if p < calibration.floor {
        // The confidence of an honest `other`: how likely the best guess
        // was wrong (or `other` itself, if the model says so more).
        (Intent::Other, probabilities[other].max(1.0 - p))
    } else {
        (Intent::ALL[best], p)
    };
    let model_secondary: Vec<(Intent, f32)> = probabilities
        .iter()
        .zip(Intent::ALL)
        .filter(|&(&s, &i)| i != intent && i != Intent::Other && s >= calibration.secondary)
        .map(|(&s, &i)| (i, s))
        .collect();
    let secondary = table.secondaries(intent, concepts, &model_secondary);
    let risks = logits[intents..]
        .iter()
        .zip(&calibration.risk_thresholds)
        .zip(Risk::ALL)
        .filter(|((&z, &t), _)| sigmoid(z) >= t)
        .map(|(_, &r)| r)
        .collect();
    ModelOutput { probabilities, intent, confidence, secondary, risks }
}

/// True when the text has at least one letter: a message of only an order
/// number, emoji or punctuation says nothing about what the buyer wants.
pub fn has_words(normalized: &str) -> bool {
    normalized.chars().any(char::is_alphabetic)
}

/// The message's language: what the text says, with the marketplace
/// breaking the tie when the text has words but too few to tell.
fn resolve_language(detected: Lang, message: &str, marketplace: Option<Marketplace>) -> Lang {
    match (detected, marketplace) {
        (Lang::Unknown, Some(m)) if has_words(message) => m.language(),
        (l, _) => l,
    }
}

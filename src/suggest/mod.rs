//! Reply suggestions: three-part templates (confirm, act, timeline) per
//! intent and language, variables filled from the message and the seller's
//! profile, concrete dates in the buyer's marketplace time zone.
//!
//! Flow: classify the message (or take the intent the seller picked),
//! choose the reply language, rank the templates of that intent and
//! language for the situation (risks, facts at hand, preferred remedy),
//! fill the variables, assemble greeting + parts + closing, and check the
//! result with the compliance checker.
//!
//! Unfilled variables stay in the reply as `{name}` (see [`fill`]) and are
//! listed in `Suggestion::missing`.

pub mod calendar;
pub mod civil;
pub mod fill;
pub mod profile;
pub mod schedule;
pub mod templates;
pub mod zone;

pub use profile::{Profile, Remedies, Tone, WorkingHours};
pub use schedule::{Clock, Schedule};
pub use templates::{Template, TemplateSet};

use crate::check::{CheckContext, Checker, Finding};
use crate::classify::{Classification, Classifier, ClassifyContext};
use crate::contract::{Carrier, EntityKind, Intent, Lang, Marketplace, Risk};
use crate::error::{check_size, clip, Error};
use calendar::Calendar;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use templates::{Builtin, Phrases, MAX_REPLY_CHARS};

/// 9999-12-31T23:59:59.999Z: the last instant a date is computed for.
const MAX_TIME_MS: i64 = 253_402_300_799_999;

const NOTES_JSON: &str = data_file!("templates/notes.json");
const CARRIERS_JSON: &str = data_file!("templates/carriers.json");

/// Per-call options for a suggestion.
#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SuggestContext {
    pub marketplace: Marketplace,
    /// "Now" as Unix milliseconds. The core never reads a clock; the WASM
    /// layer and the CLI pass the real time. Without it the date variables
    /// stay unfilled and there is no clock.
    pub now_ms: Option<i64>,
    /// A specific candidate template id to use instead of the best one.
    pub template: Option<String>,
    /// Values the seller typed for variables, overriding what was found.
    pub variables: BTreeMap<String, String>,
    /// The seller picked the intent: overrides the classifier's.
    pub intent: Option<Intent>,
    /// When the buyer's message arrived (Unix ms), for the 24-hour clock.
    pub received_ms: Option<i64>,
    /// Risk flags the seller raises in addition to the classifier's.
    pub risks: Vec<Risk>,
}

impl Default for SuggestContext {
    fn default() -> Self {
        SuggestContext {
            marketplace: Marketplace::Us,
            now_ms: None,
            template: None,
            variables: BTreeMap::new(),
            intent: None,
            received_ms: None,
            risks: Vec::new(),
        }
    }
}

/// The three parts of a reply.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Parts {
    pub confirm: String,
    pub act: String,
    pub timeline: String,
}

/// A note to the seller (not part of the reply), in English and Chinese.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub en: String,
    pub zh: String,
}

/// A suggested reply. `findings` are spans into `reply`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Suggestion {
    pub intent: Intent,
    pub language: Lang,
    pub template: String,
    /// Other templates for the same intent and language, best first.
    pub candidates: Vec<String>,
    pub parts: Parts,
    pub reply: String,
    /// Variables left as `{name}` in the reply, in order of appearance.
    pub missing: Vec<String>,
    pub findings: Vec<Finding>,
    pub classification: Classification,
    /// Every variable value used (found, computed or given).
    pub variables: BTreeMap<String, String>,
    /// The promised dates (absent without `now_ms`).
    pub dates: Option<Schedule>,
    /// The 24-hour reply clock (absent without `now_ms`).
    pub clock: Option<Clock>,
    /// Advice to the seller for risky threads (safety, legal …).
    pub notes: Vec<Note>,
    /// The risks the reply was written for.
    pub risks: Vec<Risk>,
}

/// Display names of carriers: a default and per-language overrides.
#[derive(Deserialize)]
struct CarrierNames {
    names: BTreeMap<Carrier, BTreeMap<String, String>>,
}

/// Templates: the built-in set plus the seller's own.
pub struct Suggester {
    builtin: Builtin,
    user: Vec<Template>,
    notes: BTreeMap<Risk, Vec<Note>>,
    carriers: BTreeMap<Carrier, BTreeMap<String, String>>,
}

/// Which opener to use when several risks are raised: the gravest first.
const OPENER_ORDER: &[Risk] = &[Risk::Safety, Risk::Legal, Risk::AToZ, Risk::Chargeback, Risk::NegativeReview, Risk::Angry];

impl Suggester {
    /// The built-in templates (the data is validated by the test suite, so
    /// a parse failure is a build defect).
    pub fn builtin() -> Suggester {
        let builtin = Builtin::load().unwrap_or_else(|e| panic!("built-in templates: {e}"));
        let notes = serde_json::from_str(NOTES_JSON).unwrap_or_else(|e| panic!("data/templates/notes.json: {e}"));
        let carriers: CarrierNames =
            serde_json::from_str(CARRIERS_JSON).unwrap_or_else(|e| panic!("data/templates/carriers.json: {e}"));
        Suggester { builtin, user: Vec::new(), notes, carriers: carriers.names }
    }

    /// The built-in templates of every language.
    pub fn builtin_templates(&self) -> &[Template] {
        &self.builtin.templates
    }

    /// Replaces the seller's template set with `json` (the export format),
    /// checking compliance with the built-in rules. (Those rules are
    /// compiled once per process: compiling them takes far longer than
    /// validating a set.)
    pub fn import_templates(&mut self, json: &str) -> Result<(), Error> {
        static CHECKER: OnceLock<Checker> = OnceLock::new();
        self.import_templates_with(CHECKER.get_or_init(Checker::builtin), json)
    }

    /// Replaces the seller's template set with `json`, checking compliance
    /// with `checker` (so user rule packs apply). Validated as a whole
    /// first: on any error the old set stays.
    pub fn import_templates_with(&mut self, checker: &Checker, json: &str) -> Result<(), Error> {
        check_size(json)?;
        let set = templates::parse_set(json)?;
        for t in &set.templates {
            self.validate_content(t, checker)?;
        }
        self.user = set.templates;
        Ok(())
    }

    /// The seller's template set as JSON, in the import format.
    pub fn export_templates(&self) -> String {
        let set = TemplateSet { version: templates::FORMAT_VERSION, templates: self.user.clone() };
        serde_json::to_string_pretty(&set).unwrap_or_default()
    }

    /// Compliance and length of one template as it would be sent: each
    /// part filled with sample values, then the longest whole reply (name
    /// in the greeting, the longest opener, the warm closing).
    pub fn validate_content(&self, t: &Template, checker: &Checker) -> Result<(), Error> {
        templates::validate_compliance(t, checker)?;
        let phrases = self.phrases(t.language);
        let opener = phrases.and_then(|p| p.openers.values().max_by_key(|o| o.chars().count())).map(String::as_str);
        let values = templates::sample_values(t.language);
        let (_, reply) = self.render(t, &values, opener, Tone::Warm, "Lumen Home Customer Service", &mut Vec::new());
        let chars = reply.chars().count();
        if chars > MAX_REPLY_CHARS {
            return Err(templates::too_long(t, chars));
        }
        Ok(())
    }

    fn phrases(&self, lang: Lang) -> Option<&Phrases> {
        self.builtin.phrases.get(&lang)
    }

    /// Templates for one language: built-in ones, with the seller's
    /// templates replacing those of the same id and adding new ones.
    /// Returns (template, is_user) in file order.
    fn pool(&self, lang: Lang) -> Vec<(&Template, bool)> {
        let mut out: Vec<(&Template, bool)> = self
            .builtin
            .templates
            .iter()
            .filter(|t| t.language == lang && !self.user.iter().any(|u| u.language == lang && u.id == t.id))
            .map(|t| (t, false))
            .collect();
        out.extend(self.user.iter().filter(|t| t.language == lang).map(|t| (t, true)));
        out
    }

    /// Fills one template and builds the reply around it: greeting,
    /// opener + confirm, act, timeline, closing, signature.
    fn render(
        &self,
        t: &Template,
        values: &BTreeMap<String, String>,
        opener: Option<&str>,
        tone: Tone,
        signature: &str,
        missing: &mut Vec<String>,
    ) -> (Parts, String) {
        let Some(p) = self.phrases(t.language) else {
            let parts = Parts {
                confirm: fill::fill(&t.parts.confirm, values, missing),
                act: fill::fill(&t.parts.act, values, missing),
                timeline: fill::fill(&t.parts.timeline, values, missing),
            };
            let reply = format!("{}\n{}\n{}", parts.confirm, parts.act, parts.timeline);
            return (parts, reply);
        };
        let greeting = if values.contains_key("buyer_name") {
            fill::fill(&p.greeting, values, missing)
        } else {
            p.greeting_anonymous.clone()
        };
        let confirm = fill::fill(&t.parts.confirm, values, missing);
        let confirm = match opener {
            Some(o) => format!("{o}{}{confirm}", p.space),
            None => confirm,
        };
        let parts = Parts { confirm, act: fill::fill(&t.parts.act, values, missing), timeline: fill::fill(&t.parts.timeline, values, missing) };
        let closing = p.closing.get(tone.as_str()).map_or("", String::as_str);
        let signature = if signature.trim().is_empty() { p.signature_fallback.as_str() } else { signature };
        let reply = format!("{greeting}\n\n{}\n{}\n{}\n\n{closing}\n{signature}", parts.confirm, parts.act, parts.timeline);
        (parts, reply)
    }

    /// The reply language: the buyer's when the marketplace accepts it,
    /// English when the buyer wrote English anywhere, else the
    /// marketplace's; English where a language has no templates (NL, SE, PL).
    fn reply_language(&self, buyer: Lang, m: Marketplace) -> Lang {
        let supported = |l: Lang| self.builtin.phrases.contains_key(&l);
        if m.languages().contains(&buyer) && supported(buyer) {
            return buyer;
        }
        if buyer == Lang::En {
            return Lang::En;
        }
        let home = m.language();
        if supported(home) {
            home
        } else {
            Lang::En
        }
    }

    /// Variable values from the message's facts, the profile, the dates
    /// and the seller's overrides (which win).
    fn values(
        &self,
        classification: &Classification,
        profile: &Profile,
        context: &SuggestContext,
        lang: Lang,
        dates: Option<&Schedule>,
    ) -> BTreeMap<String, String> {
        let mut v = BTreeMap::new();
        let first = |kind: EntityKind| classification.entities.iter().find(|e| e.kind == kind);
        // Identifiers in their normalised form (full-width digits and
        // spaces removed); an amount as the buyer wrote it, with its
        // currency sign and decimal mark.
        let normalised = |e: &crate::text::Entity| if e.value.is_empty() { e.text.clone() } else { e.value.clone() };
        if let Some(e) = first(EntityKind::OrderId) {
            v.insert("order_id".to_string(), normalised(e));
        }
        if let Some(e) = first(EntityKind::Asin) {
            v.insert("asin".to_string(), normalised(e));
        }
        if let Some(e) = first(EntityKind::Money) {
            v.insert("refund_amount".to_string(), e.text.clone());
        }
        let tracking = first(EntityKind::Tracking);
        if let Some(e) = tracking {
            v.insert("tracking_id".to_string(), normalised(e));
        }
        let carrier = tracking.and_then(|e| e.carrier).and_then(|c| self.carriers.get(&c)).and_then(|names| {
            names.get(lang.as_str()).or_else(|| names.get("default")).cloned()
        });
        if let Some(name) = carrier.or_else(|| profile.carrier(context.marketplace).map(str::to_string)) {
            v.insert("carrier".to_string(), name);
        }
        if !profile.seller_name.trim().is_empty() {
            v.insert("seller_name".to_string(), profile.seller_name.clone());
        } else if let Some(p) = self.phrases(lang) {
            v.insert("seller_name".to_string(), p.signature_fallback.clone());
        }
        v.insert("return_days".to_string(), profile.return_days.to_string());
        if let Some(d) = dates {
            let cal = Calendar::builtin();
            let year = d.today.year;
            let m = context.marketplace;
            v.insert("ship_by".to_string(), cal.format_date(d.ship_by, lang, m, year));
            v.insert("deliver_by".to_string(), cal.format_date(d.deliver_by, lang, m, year));
            v.insert("resolve_by".to_string(), cal.format_date(d.resolve_by, lang, m, year));
        }
        for (k, val) in &context.variables {
            if fill::is_known(k) && !val.trim().is_empty() {
                v.insert(k.clone(), val.clone());
            }
        }
        v
    }

    /// The remedy to offer first: a refund below the profile's threshold,
    /// else the profile's default for the intent.
    fn preferred_remedy<'a>(intent: Intent, profile: &'a Profile, values: &BTreeMap<String, String>) -> Option<&'a str> {
        let small = values
            .get("refund_amount")
            .and_then(|a| parse_amount(a))
            .is_some_and(|a| profile.remedies.refund_below > 0.0 && a < profile.remedies.refund_below);
        match intent {
            Intent::NotReceived | Intent::DamagedDefective if small => Some("refund"),
            Intent::NotReceived => Some(profile.remedies.not_received.as_str()),
            Intent::DamagedDefective => Some(profile.remedies.damaged_defective.as_str()),
            _ => None,
        }
    }

    /// How well a template fits: risk-specific variants when their risk is
    /// raised (and never otherwise), variants whose required facts are at
    /// hand, the preferred remedy, then the seller's own templates.
    fn score(t: &Template, is_user: bool, risks: &[Risk], values: &BTreeMap<String, String>, remedy: Option<&str>) -> i64 {
        let mut s = 0;
        if !t.conditions.risks.is_empty() {
            s += if t.conditions.risks.iter().any(|r| risks.contains(r)) { 400 } else { -1000 };
        }
        let lacking = t.conditions.requires.iter().filter(|r| !values.contains_key(r.as_str())).count() as i64;
        if lacking > 0 {
            s -= 300 * lacking;
        } else if !t.conditions.requires.is_empty() {
            s += 200;
        }
        if remedy.is_some() && t.remedy.as_deref() == remedy {
            s += 100;
        }
        if is_user {
            s += 50;
        }
        s
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
        profile.validate()?;
        for (field, value) in [("now_ms", context.now_ms), ("received_ms", context.received_ms)] {
            if value.is_some_and(|ms| !(0..=MAX_TIME_MS).contains(&ms)) {
                return Err(Error::InvalidContext {
                    field: field.to_string(),
                    reason: String::from("must be Unix milliseconds between 1970 and 9999"),
                });
            }
        }
        let m = context.marketplace;
        let classification = classifier.classify(message, &ClassifyContext { marketplace: Some(m) })?;
        let lang = self.reply_language(classification.language, m);
        let mut risks = classification.risks.clone();
        for r in &context.risks {
            if !risks.contains(r) {
                risks.push(*r);
            }
        }

        let cal = Calendar::builtin();
        let dates = context.now_ms.map(|now| schedule::schedule(cal, profile, m, now));
        let clock = context.now_ms.map(|now| schedule::clock(cal, m, now, context.received_ms));
        let values = self.values(&classification, profile, context, lang, dates.as_ref());

        let pool = self.pool(lang);
        let picked = match &context.template {
            Some(id) => Some(pool.iter().find(|(t, _)| &t.id == id).ok_or_else(|| Error::InvalidContext {
                field: String::from("template"),
                reason: format!("no template \"{}\" for language {lang}", clip(id)),
            })?),
            None => None,
        };
        let intent = picked.map(|(t, _)| t.intent).or(context.intent).unwrap_or(classification.intent);
        let remedy = Suggester::preferred_remedy(intent, profile, &values);
        let mut ranked: Vec<(i64, usize, &Template)> = pool
            .iter()
            .enumerate()
            .filter(|(_, (t, _))| t.intent == intent)
            .map(|(i, (t, user))| (Suggester::score(t, *user, &risks, &values, remedy), i, *t))
            .collect();
        crate::sort::by(&mut ranked, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let chosen = match picked {
            Some((t, _)) => *t,
            None => ranked.first().map(|r| r.2).ok_or_else(|| Error::InvalidContext {
                field: String::from("intent"),
                reason: format!("no template for {intent} in {lang}"),
            })?,
        };
        let candidates = ranked.iter().map(|r| r.2.id.clone()).filter(|id| *id != chosen.id).collect();

        let opener_risk = OPENER_ORDER.iter().find(|r| risks.contains(r));
        let opener = opener_risk.and_then(|r| self.phrases(lang)?.openers.get(r)).map(String::as_str);
        let signature = if profile.signature.trim().is_empty() { &profile.seller_name } else { &profile.signature };
        let mut missing = Vec::new();
        let (parts, reply) = self.render(chosen, &values, opener, profile.tone, signature, &mut missing);

        let buyer_language = (classification.language != Lang::Unknown).then_some(classification.language);
        let check_context = CheckContext { marketplace: m, buyer_language: buyer_language.or(Some(lang)), proactive: false };
        let findings = checker.check(&reply, &check_context)?.findings;
        let notes = OPENER_ORDER
            .iter()
            .filter(|r| risks.contains(r))
            .filter_map(|r| self.notes.get(r))
            .flatten()
            .cloned()
            .collect();
        Ok(Suggestion {
            intent,
            language: lang,
            template: chosen.id.clone(),
            candidates,
            parts,
            reply,
            missing,
            findings,
            classification,
            variables: values,
            dates,
            clock,
            notes,
            risks,
        })
    }
}

/// The number in an amount as written ("$24.99", "24,99 €", "2,480円",
/// "1.234,50 EUR"): the last separator followed by exactly two digits is
/// the decimal mark, every other separator groups thousands.
pub fn parse_amount(s: &str) -> Option<f64> {
    let start = s.find(|c: char| c.is_ascii_digit())?;
    let body: String = s[start..].chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',').collect();
    let body = body.trim_end_matches(['.', ',']);
    let decimal_at = body.rfind(['.', ',']).filter(|i| body.len() - i - 1 == 2);
    let digits: String = body
        .char_indices()
        .filter_map(|(i, c)| match c {
            '0'..='9' => Some(c),
            _ if Some(i) == decimal_at => Some('.'),
            _ => None,
        })
        .collect();
    digits.parse().ok()
}

//! The template set: built-in templates per language from
//! `data/templates/<lang>.json` and the seller's own set, imported and
//! exported as versioned JSON and validated as a whole before it replaces
//! anything.

use super::fill::{self, Syntax, DATE_VARIABLES};
use crate::check::{CheckContext, Checker};
use crate::contract::{Intent, Lang, Risk};
use crate::error::{clip, Error};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The template format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;
/// Amazon's limit for one message, in characters.
pub const MAX_REPLY_CHARS: usize = 2_000;

/// The three parts of a template, with `{variables}`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct TemplateParts {
    pub confirm: String,
    pub act: String,
    pub timeline: String,
}

impl TemplateParts {
    pub fn fields(&self) -> [(&'static str, &str); 3] {
        [("parts.confirm", &self.confirm), ("parts.act", &self.act), ("parts.timeline", &self.timeline)]
    }
}

/// When a template fits the situation.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Conditions {
    /// Variables that must have a value (e.g. `tracking_id`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
    /// The template applies only when one of these risks is raised.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<Risk>,
}

impl Conditions {
    fn is_empty(&self) -> bool {
        self.requires.is_empty() && self.risks.is_empty()
    }
}

/// One reply template. `id` is `<intent>.<variant>`; the same id exists
/// once per language.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub id: String,
    pub intent: Intent,
    pub language: Lang,
    /// The remedy this variant offers (`refund`, `reship`, `replacement`,
    /// `trace` …), matched against the profile's preferred remedies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remedy: Option<String>,
    #[serde(default, skip_serializing_if = "Conditions::is_empty")]
    pub conditions: Conditions,
    pub parts: TemplateParts,
}

/// The seller's own set: the import/export format.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateSet {
    pub version: u32,
    pub templates: Vec<Template>,
}

/// Fixed wording around the three parts, per language.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phrases {
    /// With `{buyer_name}`.
    pub greeting: String,
    /// When the buyer's name is not known.
    pub greeting_anonymous: String,
    /// Per tone: `warm`, `neutral`, `brief`.
    pub closing: BTreeMap<String, String>,
    /// Sign-off when the profile has neither signature nor seller name.
    pub signature_fallback: String,
    /// Between sentences of one part ("" in Japanese).
    pub space: String,
    /// Acknowledgement and apology opening the reply, per risk (LEARN:
    /// listen, empathise, acknowledge before resolving).
    pub openers: BTreeMap<Risk, String>,
}

/// A built-in language file: phrases plus templates in the import format.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BuiltinFile {
    version: u32,
    language: Lang,
    phrases: Phrases,
    templates: Vec<Template>,
}

const BUILTIN_FILES: &[(&str, &str)] = &[
    ("en.json", data_file!("templates/en.json")),
    ("de.json", data_file!("templates/de.json")),
    ("fr.json", data_file!("templates/fr.json")),
    ("it.json", data_file!("templates/it.json")),
    ("es.json", data_file!("templates/es.json")),
    ("ja.json", data_file!("templates/ja.json")),
];

/// The built-in templates and phrases of every language.
pub struct Builtin {
    pub templates: Vec<Template>,
    pub phrases: BTreeMap<Lang, Phrases>,
}

impl Builtin {
    /// Parses the embedded files. The test suite validates every template,
    /// so a failure here is a build defect, reported with the file name.
    pub fn load() -> Result<Builtin, String> {
        let mut templates = Vec::new();
        let mut phrases = BTreeMap::new();
        for (name, json) in BUILTIN_FILES {
            let file: BuiltinFile = serde_json::from_str(json).map_err(|e| format!("data/templates/{name}: {e}"))?;
            if file.version != FORMAT_VERSION || file.templates.iter().any(|t| t.language != file.language) {
                return Err(format!("data/templates/{name}: version or language mismatch"));
            }
            phrases.insert(file.language, file.phrases);
            templates.extend(file.templates);
        }
        Ok(Builtin { templates, phrases })
    }
}

/// Example values for checking a template as a seller would send it.
pub fn sample_values(lang: Lang) -> BTreeMap<String, String> {
    let (name, date1, date2, date3, amount, answer) = match lang {
        Lang::De => ("Frau Schmidt", "Donnerstag, 13.03.", "Dienstag, 18.03.", "Freitag, 14.03.", "24,99 €", "Das Kabel ist 2 Meter lang."),
        Lang::Fr => ("Madame Martin", "jeudi 13 mars", "mardi 18 mars", "vendredi 14 mars", "24,99 €", "Le câble mesure 2 mètres."),
        Lang::It => ("Signora Rossi", "giovedì 13 marzo", "martedì 18 marzo", "venerdì 14 marzo", "24,99 €", "Il cavo è lungo 2 metri."),
        Lang::Es => ("Sra. García", "jueves 13 de marzo", "martes 18 de marzo", "viernes 14 de marzo", "24,99 €", "El cable mide 2 metros."),
        Lang::Ja => ("山田", "3月13日(木)", "3月18日(火)", "3月14日(金)", "2,480円", "ケーブルの長さは2メートルです。"),
        _ => ("Alex", "Thursday, March 13", "Tuesday, March 18", "Friday, March 14", "$24.99", "The cable is 2 metres long."),
    };
    [
        ("buyer_name", name),
        ("order_id", "113-4455667-2233445"),
        ("asin", "B08N5WRWNW"),
        ("tracking_id", "1Z999AA10123456784"),
        ("carrier", if lang == Lang::Ja { "ヤマト運輸" } else { "UPS" }),
        ("ship_by", date1),
        ("deliver_by", date2),
        ("resolve_by", date3),
        ("refund_amount", amount),
        ("seller_name", "Lumen Home"),
        ("return_days", "30"),
        ("answer", answer),
    ]
    .into_iter()
    // Inserted one by one: collect() would compile a sort for this type.
    .fold(BTreeMap::new(), |mut m, (k, v)| {
        m.insert(k.to_string(), v.to_string());
        m
    })
}

fn bad(template: &str, field: &str, reason: String) -> Error {
    Error::InvalidTemplate { template: clip(template), field: field.to_string(), reason }
}

/// Checks one template's shape: id, language, parts, variables, the date in
/// the timeline and the length of the filled text.
pub fn validate_shape(t: &Template) -> Result<(), Error> {
    let id = t.id.as_str();
    let variant = id.strip_prefix(t.intent.as_str()).and_then(|r| r.strip_prefix('.'));
    let ok_variant = variant.is_some_and(|v| {
        !v.is_empty() && v.len() <= 40 && v.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    });
    if !ok_variant {
        return Err(bad(id, "id", format!("must be \"{}.<variant>\" with a-z, 0-9 and _ in the variant", t.intent)));
    }
    if !Lang::PRIMARY.contains(&t.language) {
        let list = Lang::PRIMARY.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(", ");
        return Err(bad(id, "language", format!("\"{}\" has no reply support; use one of {list}", t.language)));
    }
    for (field, text) in t.parts.fields() {
        if text.trim().is_empty() {
            return Err(bad(id, field, String::from("is missing or empty")));
        }
        let chars = text.chars().count();
        if chars > MAX_REPLY_CHARS {
            return Err(bad(id, field, format!("{chars} characters, over the 2,000-character limit of a whole message")));
        }
        match fill::variables(text) {
            Ok(_) => {}
            Err(Syntax::Unknown(name)) => {
                let known = fill::VARIABLES.iter().map(|(v, _)| format!("{{{v}}}")).collect::<Vec<_>>().join(", ");
                return Err(bad(id, field, format!("unknown variable {{{}}} (known: {known})", clip(&name))));
            }
            Err(Syntax::Unclosed) => return Err(bad(id, field, String::from("a \"{\" is not closed by \"}\""))),
            Err(Syntax::StrayClose) => return Err(bad(id, field, String::from("a \"}\" has no opening \"{\""))),
        }
    }
    let timeline_vars = fill::variables(&t.parts.timeline).unwrap_or_default();
    if !timeline_vars.iter().any(|v| DATE_VARIABLES.contains(v)) {
        return Err(bad(id, "parts.timeline", String::from("needs a concrete date: {ship_by}, {deliver_by} or {resolve_by}")));
    }
    for name in &t.conditions.requires {
        if !fill::is_known(name) {
            return Err(bad(id, "conditions.requires", format!("unknown variable \"{}\"", clip(name))));
        }
    }
    if let Some(remedy) = &t.remedy {
        if remedy.is_empty() || !remedy.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            return Err(bad(id, "remedy", String::from("must be a lowercase id such as \"refund\"")));
        }
    }
    Ok(())
}

/// Checks a template for compliance as it would be sent (sample values
/// filled in), part by part so that a finding names its field, on the
/// marketplace of the template's language.
pub fn validate_compliance(t: &Template, checker: &Checker) -> Result<(), Error> {
    let values = sample_values(t.language);
    let context = CheckContext { marketplace: t.language.home_marketplace(), buyer_language: Some(t.language), proactive: false };
    for (field, text) in t.parts.fields() {
        let filled = fill::fill(text, &values, &mut Vec::new());
        let result = checker.check(&filled, &context)?;
        if let Some(f) = result.findings.first() {
            let quoted = filled.get(f.span.start..f.span.end).unwrap_or("");
            return Err(bad(&t.id, field, format!("compliance finding {} at \"{}\": {}", f.rule, clip(quoted), f.message)));
        }
    }
    Ok(())
}

/// The error for a filled reply over Amazon's limit.
pub fn too_long(t: &Template, chars: usize) -> Error {
    bad(&t.id, "parts", format!("the filled reply is {chars} characters, over the 2,000-character limit"))
}

/// Parses a seller's template set, pointing at the template and field of
/// the first problem (shape only; compliance is checked by the caller).
pub fn parse_set(json: &str) -> Result<TemplateSet, Error> {
    let value: Value = serde_json::from_str(json).map_err(|e| Error::InvalidJson { what: "template set", detail: e.to_string() })?;
    let obj = value.as_object().ok_or_else(|| bad("(set)", "(root)", String::from("must be an object {\"version\": 1, \"templates\": [...]}")))?;
    for key in obj.keys() {
        if key != "version" && key != "templates" {
            return Err(bad("(set)", key, String::from("unknown field (expected \"version\" and \"templates\")")));
        }
    }
    match obj.get("version").and_then(Value::as_u64) {
        Some(v) if v == u64::from(FORMAT_VERSION) => {}
        Some(v) => return Err(bad("(set)", "version", format!("version {v} is not supported (this build reads {FORMAT_VERSION})"))),
        None => return Err(bad("(set)", "version", format!("missing; must be {FORMAT_VERSION}"))),
    }
    let items = obj.get("templates").and_then(Value::as_array).ok_or_else(|| bad("(set)", "templates", String::from("must be an array")))?;
    let mut templates: Vec<Template> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let id = item.get("id").and_then(Value::as_str).map_or_else(|| format!("#{}", i + 1), str::to_string);
        let Some(fields) = item.as_object() else { return Err(bad(&id, "(template)", String::from("must be an object"))) };
        for key in ["id", "intent", "language", "parts"] {
            if !fields.contains_key(key) {
                return Err(bad(&id, key, String::from("is missing")));
            }
        }
        if let Some(Value::String(s)) = fields.get("intent") {
            s.parse::<Intent>().map_err(|e| bad(&id, "intent", e.to_string()))?;
        }
        if let Some(Value::String(s)) = fields.get("language") {
            s.parse::<Lang>().map_err(|e| bad(&id, "language", e.to_string()))?;
        }
        if let Some(parts) = fields.get("parts").and_then(Value::as_object) {
            for key in ["confirm", "act", "timeline"] {
                if !parts.get(key).is_some_and(Value::is_string) {
                    return Err(bad(&id, &format!("parts.{key}"), String::from("is missing or not text")));
                }
            }
        }
        let t: Template = serde_json::from_value(item.clone()).map_err(|e| bad(&id, "(template)", e.to_string()))?;
        validate_shape(&t)?;
        if templates.iter().any(|o| o.id == t.id && o.language == t.language) {
            return Err(bad(&id, "id", format!("appears twice for language {}", t.language)));
        }
        templates.push(t);
    }
    Ok(TemplateSet { version: FORMAT_VERSION, templates })
}

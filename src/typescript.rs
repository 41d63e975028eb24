//! TypeScript declarations for every JSON shape the engine returns or
//! accepts, as printed by `tactful types` and appended by the build to the
//! wasm-bindgen `tactful.d.ts` (whose functions name these interfaces
//! through `unchecked_return_type`).
//!
//! The id unions are generated from the `ALL` lists in [`crate::contract`],
//! so they cannot disagree with the engine. The interfaces are a table kept
//! next to a test that serialises a fully populated sample of every result
//! type and compares it key by key and type by type with the table, and
//! feeds every option interface back through the Rust deserialiser. When
//! you add a field to a result or option type, that test stops compiling or
//! fails: add the field to [`INTERFACES`] and to the sample in the test.

use crate::contract::{Carrier, Category, EntityKind, Intent, Lang, Marketplace, Part, Risk, Severity};
use crate::suggest::Tone;
use std::fmt::Write;

/// A TypeScript type, as much of the language as our shapes need.
#[derive(Debug)]
pub enum Ty {
    String,
    Number,
    Boolean,
    /// One of the id unions of [`unions`], by name.
    Id(&'static str),
    /// One of the [`INTERFACES`], by name.
    Ref(&'static str),
    Array(&'static Ty),
    /// `T | null`.
    Nullable(&'static Ty),
    /// An object with free string keys.
    Record(&'static Ty),
}

/// One property of an interface.
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    /// `name?:` in TypeScript: the key may be absent.
    pub optional: bool,
    pub doc: &'static str,
}

/// One interface of the declarations.
#[derive(Debug)]
pub struct Interface {
    pub name: &'static str,
    pub doc: &'static str,
    pub fields: &'static [Field],
}

const fn f(name: &'static str, ty: Ty, doc: &'static str) -> Field {
    Field { name, ty, optional: false, doc }
}

const fn opt(name: &'static str, ty: Ty, doc: &'static str) -> Field {
    Field { name, ty, optional: true, doc }
}

const START: Field = f("start", Ty::Number, "Start, in UTF-16 code units of the input (`text.slice(start, end)`).");
const END: Field = f("end", Ty::Number, "End (exclusive), in UTF-16 code units of the input.");

/// Every interface, in the order they are printed.
pub const INTERFACES: &[Interface] = &[
    Interface {
        name: "Span",
        doc: "A range of the input text in UTF-16 code units.",
        fields: &[START, END],
    },
    Interface {
        name: "Entity",
        doc: "A fact found in the text: order id, ASIN, tracking number, money, date, duration, model.",
        fields: &[
            f("kind", Ty::Id("EntityKind"), ""),
            f("text", Ty::String, "The text as written."),
            START,
            END,
            f("value", Ty::String, "The normalised value (for example a date as YYYY-MM-DD)."),
            opt("carrier", Ty::Id("Carrier"), "For tracking numbers whose format names the carrier."),
        ],
    },
    Interface {
        name: "Analysis",
        doc: "What `analyze` reads in a text: language, sentences, facts.",
        fields: &[
            f("language", Ty::Id("Lang"), ""),
            f("language_confidence", Ty::Number, "0 to 1."),
            f("sentences", Ty::Array(&Ty::Ref("Span")), ""),
            f("clauses", Ty::Array(&Ty::Ref("Span")), "Sentences split further at commas, semicolons and 、."),
            f("entities", Ty::Array(&Ty::Ref("Entity")), ""),
        ],
    },
    Interface {
        name: "IntentScore",
        doc: "An intent and its score: for the primary, the calibrated confidence; for a secondary, the model's probability or, when the buyer names it, how often such a mention was one in the training corpus.",
        fields: &[f("id", Ty::Id("Intent"), ""), f("score", Ty::Number, "0 to 1.")],
    },
    Interface {
        name: "Evidence",
        doc: "A span of the message that drove an intent or a risk flag.",
        fields: &[START, END, opt("intent", Ty::Id("Intent"), ""), opt("risk", Ty::Id("Risk"), "")],
    },
    Interface {
        name: "Classification",
        doc: "What `classify` reads in a buyer message.",
        fields: &[
            f("intent", Ty::Id("Intent"), "The primary intent."),
            f("confidence", Ty::Number, "0 to 1."),
            f("intents", Ty::Array(&Ty::Ref("IntentScore")), "Primary and secondary intents, best first."),
            f("risks", Ty::Array(&Ty::Id("Risk")), ""),
            f("language", Ty::Id("Lang"), ""),
            f("entities", Ty::Array(&Ty::Ref("Entity")), ""),
            f("evidence", Ty::Array(&Ty::Ref("Evidence")), ""),
        ],
    },
    Interface {
        name: "ClassifyContext",
        doc: "Options of `classify`.",
        fields: &[opt("marketplace", Ty::Nullable(&Ty::Id("Marketplace")), "Breaks language ties.")],
    },
    Interface {
        name: "Finding",
        doc: "One problem in a draft, at its span.",
        fields: &[
            f("rule", Ty::String, "Stable rule id, `category.name`."),
            f("category", Ty::Id("Category"), ""),
            f("severity", Ty::Id("Severity"), ""),
            START,
            END,
            f("message", Ty::String, "Why, in English."),
            f("message_zh", Ty::String, "Why, in Chinese."),
            f("source", Ty::String, "Where the rule comes from."),
            f("fixes", Ty::Array(&Ty::String), "Replacements for the span, best first; \"\" means remove."),
        ],
    },
    Interface {
        name: "Structure",
        doc: "Where a draft confirms, acts and gives a timeline, and which parts are missing.",
        fields: &[
            f("confirm", Ty::Nullable(&Ty::Ref("Span")), ""),
            f("act", Ty::Nullable(&Ty::Ref("Span")), ""),
            f("timeline", Ty::Nullable(&Ty::Ref("Span")), ""),
            f("missing", Ty::Array(&Ty::Id("Part")), ""),
        ],
    },
    Interface {
        name: "CheckResult",
        doc: "What `check` finds in a seller's draft.",
        fields: &[
            f("findings", Ty::Array(&Ty::Ref("Finding")), ""),
            f("structure", Ty::Ref("Structure"), ""),
            f("language", Ty::Id("Lang"), ""),
            f("chars", Ty::Number, "Length as Amazon counts it (characters)."),
        ],
    },
    Interface {
        name: "CheckContext",
        doc: "Options of `check`.",
        fields: &[
            f("marketplace", Ty::Id("Marketplace"), "Where the buyer bought."),
            opt("buyer_language", Ty::Nullable(&Ty::Id("Lang")), "The language the buyer wrote in, when known."),
            opt("proactive", Ty::Boolean, "Seller-initiated rather than a reply."),
        ],
    },
    Interface {
        name: "Label",
        doc: "A name and a one-sentence explanation in both UI languages.",
        fields: &[
            f("en", Ty::String, ""),
            f("zh", Ty::String, ""),
            f("help_en", Ty::String, ""),
            f("help_zh", Ty::String, ""),
        ],
    },
    Interface {
        name: "Labels",
        doc: "Labels for every intent, risk flag, compliance category and severity, keyed by id (`Engine.labels()`).",
        fields: &[
            f("intents", Ty::Record(&Ty::Ref("Label")), ""),
            f("risks", Ty::Record(&Ty::Ref("Label")), ""),
            f("categories", Ty::Record(&Ty::Ref("Label")), ""),
            f("severities", Ty::Record(&Ty::Ref("Label")), ""),
        ],
    },
    Interface {
        name: "Profile",
        doc: "The seller's profile; every field has a default (see `Engine.defaultProfile()`).",
        fields: &[
            f("seller_name", Ty::String, ""),
            f("signature", Ty::String, ""),
            f("marketplaces", Ty::Array(&Ty::Id("Marketplace")), ""),
            f("handling_days", Ty::Number, "Business days between order and dispatch."),
            f("transit_days", Ty::Number, "Business days in transit after dispatch (for `{deliver_by}`)."),
            f("resolve_days", Ty::Number, "Business days to resolve a case (for `{resolve_by}`), 1-14."),
            f("working_days", Ty::Array(&Ty::String), "Days the seller works: \"mon\" … \"sun\"."),
            f("working_hours", Ty::Ref("WorkingHours"), "In the seller's time zone."),
            f("time_zone", Ty::String, "A supported zone id (\"Asia/Shanghai\") or a fixed offset (\"+08:00\")."),
            f("return_days", Ty::Number, "The seller's return window in days."),
            f("carriers", Ty::Record(&Ty::String), "Preferred carrier name per marketplace id, for `{carrier}`."),
            f("remedies", Ty::Ref("Remedies"), "Which remedy to offer first."),
            f("tone", Ty::Id("Tone"), "Greeting and closing style."),
        ],
    },
    Interface {
        name: "WorkingHours",
        doc: "The seller's working day, 24-hour \"HH:MM\".",
        fields: &[f("start", Ty::String, ""), f("end", Ty::String, "")],
    },
    Interface {
        name: "Remedies",
        doc: "Remedy preferences for not_received and damaged_defective.",
        fields: &[
            f("refund_below", Ty::Number, "Refund instead when the amount is below this (marketplace currency); 0 = off."),
            f("not_received", Ty::String, "\"trace\", \"reship\" or \"refund\"."),
            f("damaged_defective", Ty::String, "\"replacement\" or \"refund\"."),
        ],
    },
    Interface {
        name: "SuggestContext",
        doc: "Options of `suggest`.",
        fields: &[
            f("marketplace", Ty::Id("Marketplace"), "Where the buyer bought."),
            opt("now_ms", Ty::Nullable(&Ty::Number), "\"Now\" as Unix milliseconds; defaults to the real clock."),
            opt("template", Ty::Nullable(&Ty::String), "A candidate template id instead of the best one."),
            opt("variables", Ty::Record(&Ty::String), "Values for template variables, overriding what was found."),
            opt("intent", Ty::Nullable(&Ty::Id("Intent")), "The intent the seller picked, overriding the classifier."),
            opt("received_ms", Ty::Nullable(&Ty::Number), "When the buyer's message arrived (Unix ms), for the 24-hour clock."),
            opt("risks", Ty::Array(&Ty::Id("Risk")), "Risk flags the seller raises in addition to the classifier's."),
        ],
    },
    Interface {
        name: "Parts",
        doc: "The three parts of a reply.",
        fields: &[f("confirm", Ty::String, ""), f("act", Ty::String, ""), f("timeline", Ty::String, "")],
    },
    Interface {
        name: "Suggestion",
        doc: "A suggested reply. `findings` are spans into `reply`; `classification` spans into the message.",
        fields: &[
            f("intent", Ty::Id("Intent"), ""),
            f("language", Ty::Id("Lang"), "The reply's language."),
            f("template", Ty::String, "The template used."),
            f("candidates", Ty::Array(&Ty::String), "Other templates that fit."),
            f("parts", Ty::Ref("Parts"), ""),
            f("reply", Ty::String, "The whole reply."),
            f("missing", Ty::Array(&Ty::String), "Variables nobody filled in."),
            f("findings", Ty::Array(&Ty::Ref("Finding")), ""),
            f("classification", Ty::Ref("Classification"), ""),
            f("variables", Ty::Record(&Ty::String), "Every variable value used (found, computed or given)."),
            f("dates", Ty::Nullable(&Ty::Ref("Schedule")), "The promised dates; null without `now_ms`."),
            f("clock", Ty::Nullable(&Ty::Ref("Clock")), "The 24-hour reply clock; null without `now_ms`."),
            f("notes", Ty::Array(&Ty::Ref("Note")), "Advice to the seller for risky threads (not part of the reply)."),
            f("risks", Ty::Array(&Ty::Id("Risk")), "The risks the reply was written for."),
        ],
    },
    Interface {
        name: "Schedule",
        doc: "Dates as \"YYYY-MM-DD\" in the buyer's marketplace.",
        fields: &[
            f("today", Ty::String, ""),
            f("ship_by", Ty::String, ""),
            f("deliver_by", Ty::String, ""),
            f("resolve_by", Ty::String, ""),
        ],
    },
    Interface {
        name: "Clock",
        doc: "Time left to reply within Amazon's 24 hours, and the buyer's local time.",
        fields: &[
            f("reply_by_ms", Ty::Nullable(&Ty::Number), "Message time + 24 h; null without `received_ms`."),
            f("remaining_minutes", Ty::Nullable(&Ty::Number), "Minutes left (0 when overdue)."),
            f("overdue", Ty::Boolean, ""),
            f("buyer_local_time", Ty::String, "\"HH:MM\" in the buyer's marketplace."),
            f("buyer_night", Ty::Boolean, "Between 23:00 and 07:00 for the buyer."),
        ],
    },
    Interface {
        name: "Note",
        doc: "A note to the seller in English and Chinese.",
        fields: &[f("en", Ty::String, ""), f("zh", Ty::String, "")],
    },
];

/// The id unions: name, doc, and every id from the contract.
pub fn unions() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    macro_rules! union {
        ($t:ident, $doc:literal) => {
            (stringify!($t), $doc, $t::ALL.iter().map(|v| v.as_str()).collect())
        };
    }
    vec![
        union!(Intent, "What the buyer wants."),
        union!(Risk, "How dangerous the thread is."),
        union!(Category, "Compliance categories of findings."),
        union!(Severity, "How bad a finding is, worst first."),
        union!(Lang, "Languages; \"unknown\" when too short or mixed."),
        union!(Marketplace, "Amazon marketplaces."),
        union!(EntityKind, "Kinds of facts."),
        union!(Carrier, "Carriers inferred from tracking number formats."),
        union!(Part, "The three parts of a reply."),
        union!(Tone, "Greeting and closing style of suggested replies."),
    ]
}

impl Ty {
    /// The type in TypeScript syntax.
    pub fn ts(&self) -> String {
        match self {
            Ty::String => "string".into(),
            Ty::Number => "number".into(),
            Ty::Boolean => "boolean".into(),
            Ty::Id(name) | Ty::Ref(name) => (*name).into(),
            Ty::Array(inner) => match inner {
                Ty::Nullable(_) => format!("({})[]", inner.ts()),
                _ => format!("{}[]", inner.ts()),
            },
            Ty::Nullable(inner) => format!("{} | null", inner.ts()),
            Ty::Record(inner) => format!("Record<string, {}>", inner.ts()),
        }
    }
}

/// The whole declaration text: unions, then interfaces.
pub fn declarations() -> String {
    let mut out = String::from(
        "// Result and option shapes of the Tactful engine, generated by `tactful types`\n\
         // from src/typescript.rs and src/contract.rs. Offsets are UTF-16 code units.\n",
    );
    for (name, doc, ids) in unions() {
        let alternatives: Vec<String> = ids.iter().map(|id| format!("\"{id}\"")).collect();
        let _ = writeln!(out, "\n/** {doc} */\nexport type {name} = {};", alternatives.join(" | "));
    }
    for interface in INTERFACES {
        let _ = writeln!(out, "\n/** {} */\nexport interface {} {{", interface.doc, interface.name);
        for field in interface.fields {
            if !field.doc.is_empty() {
                let _ = writeln!(out, "    /** {} */", field.doc);
            }
            let mark = if field.optional { "?" } else { "" };
            let _ = writeln!(out, "    {}{mark}: {};", field.name, field.ty.ts());
        }
        out.push_str("}\n");
    }
    out
}

/// The interface called `name`.
pub fn interface(name: &str) -> Option<&'static Interface> {
    INTERFACES.iter().find(|i| i.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{CheckContext, CheckResult, Finding, Structure};
    use crate::classify::{Classification, ClassifyContext, Evidence, IntentScore};
    use crate::suggest::civil::Date;
    use crate::suggest::{Clock, Note, Parts, Profile, Remedies, Schedule, SuggestContext, Suggestion, WorkingHours};
    use crate::text::{Analysis, Entity, Span};
    use serde::de::DeserializeOwned;
    use serde_json::{json, Map, Value};

    fn union_ids(name: &str) -> Vec<&'static str> {
        unions().into_iter().find(|u| u.0 == name).map(|u| u.2).unwrap_or_default()
    }

    /// Checks that `value` has type `ty`. Samples are fully populated, so
    /// arrays must be non-empty, nullables non-null and optional keys
    /// present: every part of every interface is exercised.
    fn conforms(ty: &Ty, value: &Value, path: &str) -> Result<(), String> {
        let bad = |what: &str| Err(format!("{path}: expected {what}, got {value}"));
        match ty {
            Ty::String if value.is_string() => Ok(()),
            Ty::Number if value.is_number() => Ok(()),
            Ty::Boolean if value.is_boolean() => Ok(()),
            Ty::Id(name) => match value.as_str() {
                Some(s) if union_ids(name).contains(&s) => Ok(()),
                _ => bad(name),
            },
            Ty::Ref(name) => {
                let Some(object) = value.as_object() else { return bad(name) };
                let interface = interface(name).ok_or_else(|| format!("{path}: no interface {name}"))?;
                object_conforms(interface, object, path)
            }
            Ty::Array(inner) => match value.as_array() {
                Some(items) if !items.is_empty() => {
                    items.iter().enumerate().try_for_each(|(i, v)| conforms(inner, v, &format!("{path}[{i}]")))
                }
                _ => bad("a non-empty array (populate the sample)"),
            },
            Ty::Nullable(inner) if !value.is_null() => conforms(inner, value, path),
            Ty::Record(inner) => match value.as_object() {
                Some(map) if !map.is_empty() => map.iter().try_for_each(|(k, v)| conforms(inner, v, &format!("{path}.{k}"))),
                _ => bad("a non-empty object"),
            },
            _ => bad(&ty.ts()),
        }
    }

    fn object_conforms(interface: &Interface, object: &Map<String, Value>, path: &str) -> Result<(), String> {
        for key in object.keys() {
            if !interface.fields.iter().any(|f| f.name == key) {
                return Err(format!("{path}: key \"{key}\" is produced but missing from interface {}", interface.name));
            }
        }
        for field in interface.fields {
            let value = object
                .get(field.name)
                .ok_or_else(|| format!("{path}: {}.{} is declared but not produced", interface.name, field.name))?;
            conforms(&field.ty, value, &format!("{path}.{}", field.name))?;
        }
        Ok(())
    }

    fn assert_output<T: serde::Serialize>(name: &'static str, sample: &T) {
        let value = serde_json::to_value(sample).unwrap();
        if let Err(e) = conforms(&Ty::Ref(name), &value, name) {
            panic!("{e}");
        }
    }

    fn span(start: usize, end: usize) -> Span {
        Span::new(start, end)
    }

    fn entity() -> Entity {
        Entity {
            kind: EntityKind::Tracking,
            text: "1Z999AA10123456784".into(),
            span: span(3, 21),
            value: "1Z999AA10123456784".into(),
            carrier: Some(Carrier::Ups),
        }
    }

    fn finding() -> Finding {
        Finding {
            rule: "contact_info.email".into(),
            category: Category::ContactInfo,
            severity: Severity::Block,
            span: span(1, 9),
            message: "m".into(),
            message_zh: "m".into(),
            source: "s".into(),
            fixes: vec![String::new()],
        }
    }

    fn classification() -> Classification {
        Classification {
            intent: Intent::DamagedDefective,
            confidence: 0.9,
            intents: vec![IntentScore { id: Intent::DamagedDefective, score: 0.9 }],
            risks: vec![Risk::AToZ],
            language: Lang::En,
            entities: vec![entity()],
            evidence: vec![Evidence { span: span(0, 4), intent: Some(Intent::DamagedDefective), risk: Some(Risk::AToZ) }],
        }
    }

    fn profile() -> Profile {
        Profile {
            seller_name: "Shop".into(),
            signature: "Shop team".into(),
            marketplaces: vec![Marketplace::De],
            handling_days: 2,
            transit_days: 4,
            resolve_days: 2,
            working_days: vec!["mon".into()],
            working_hours: WorkingHours { start: "09:00".into(), end: "18:00".into() },
            time_zone: "Asia/Shanghai".into(),
            return_days: 30,
            carriers: [("DE".to_string(), "DHL".to_string())].into_iter().collect(),
            remedies: Remedies { refund_below: 20.0, not_received: "reship".into(), damaged_defective: "replacement".into() },
            tone: Tone::Warm,
        }
    }

    #[test]
    fn every_result_type_matches_its_interface() {
        assert_output(
            "Analysis",
            &Analysis { language: Lang::De, language_confidence: 0.8, sentences: vec![span(0, 5)], clauses: vec![span(0, 3)], entities: vec![entity()] },
        );
        assert_output("Classification", &classification());
        assert_output(
            "CheckResult",
            &CheckResult {
                findings: vec![finding()],
                structure: Structure {
                    confirm: Some(span(0, 1)),
                    act: Some(span(1, 2)),
                    timeline: Some(span(2, 3)),
                    missing: vec![Part::Timeline],
                },
                language: Lang::Fr,
                chars: 12,
            },
        );
        assert_output(
            "Suggestion",
            &Suggestion {
                intent: Intent::NotReceived,
                language: Lang::De,
                template: "not_received.reship".into(),
                candidates: vec!["not_received.refund".into()],
                parts: Parts { confirm: "a".into(), act: "b".into(), timeline: "c".into() },
                reply: "abc".into(),
                missing: vec!["tracking_id".into()],
                findings: vec![finding()],
                classification: classification(),
                variables: [("order_id".to_string(), "302-1234567-7654321".to_string())].into_iter().collect(),
                dates: Some(Schedule {
                    today: Date { year: 2025, month: 3, day: 11 },
                    ship_by: Date { year: 2025, month: 3, day: 12 },
                    deliver_by: Date { year: 2025, month: 3, day: 19 },
                    resolve_by: Date { year: 2025, month: 3, day: 13 },
                }),
                clock: Some(Clock {
                    reply_by_ms: Some(1),
                    remaining_minutes: Some(2),
                    overdue: false,
                    buyer_local_time: "04:00".into(),
                    buyer_night: true,
                }),
                notes: vec![Note { en: "e".into(), zh: "z".into() }],
                risks: vec![Risk::Safety],
            },
        );
        assert_output("Profile", &profile());
        assert_output("Labels", crate::labels::labels());
    }

    #[test]
    fn a_key_missing_from_an_interface_is_caught() {
        let mut value = serde_json::to_value(entity()).unwrap();
        value.as_object_mut().unwrap().insert("extra".into(), json!(1));
        let err = conforms(&Ty::Ref("Entity"), &value, "Entity").unwrap_err();
        assert!(err.contains("\"extra\" is produced but missing"), "{err}");
        value.as_object_mut().unwrap().remove("extra");
        value.as_object_mut().unwrap().remove("carrier");
        let err = conforms(&Ty::Ref("Entity"), &value, "Entity").unwrap_err();
        assert!(err.contains("Entity.carrier is declared but not produced"), "{err}");
    }

    /// A JSON value of type `ty` that the Rust deserialiser must accept.
    fn sample(ty: &Ty) -> Value {
        match ty {
            Ty::String => json!("x"),
            Ty::Number => json!(1),
            Ty::Boolean => json!(true),
            Ty::Id(name) => json!(union_ids(name)[0]),
            Ty::Ref(name) => Value::Object(
                interface(name).unwrap().fields.iter().map(|f| (f.name.to_string(), sample(&f.ty))).collect(),
            ),
            Ty::Array(inner) => json!([sample(inner)]),
            Ty::Nullable(inner) => sample(inner),
            Ty::Record(inner) => json!({ "k": sample(inner) }),
        }
    }

    /// The field names a `deny_unknown_fields` struct accepts, read from
    /// serde's "unknown field" message, which lists them in backquotes.
    fn accepted_fields<T: DeserializeOwned>() -> Vec<String> {
        let Err(e) = serde_json::from_str::<T>(r#"{"probe-not-a-field": 0}"#) else {
            panic!("an unknown field was accepted: add deny_unknown_fields");
        };
        let message = e.to_string();
        let quoted: Vec<String> = message.split('`').skip(1).step_by(2).map(str::to_string).collect();
        assert_eq!(quoted.first().map(String::as_str), Some("probe-not-a-field"), "{message}");
        quoted[1..].to_vec()
    }

    fn assert_input<T: DeserializeOwned>(name: &'static str) {
        let interface = interface(name).unwrap();
        let value = sample(&Ty::Ref(name));
        if let Err(e) = serde_json::from_value::<T>(value.clone()) {
            panic!("{name}: the Rust type rejects {value}: {e}");
        }
        let mut declared: Vec<&str> = interface.fields.iter().map(|f| f.name).collect();
        let mut accepted = accepted_fields::<T>();
        declared.sort_unstable();
        accepted.sort_unstable();
        assert_eq!(declared, accepted, "{name}: TypeScript fields vs the fields Rust accepts");
    }

    #[test]
    fn every_option_type_matches_its_interface() {
        assert_input::<ClassifyContext>("ClassifyContext");
        assert_input::<CheckContext>("CheckContext");
        assert_input::<SuggestContext>("SuggestContext");
        assert_input::<Profile>("Profile");
    }

    /// Every interface must be reachable from a sample tested above, or
    /// nothing would stop it from drifting.
    #[test]
    fn every_interface_is_covered_by_a_sample() {
        fn walk(ty: &Ty, seen: &mut Vec<&'static str>) {
            match ty {
                Ty::Ref(name) if !seen.contains(name) => {
                    seen.push(name);
                    interface(name).unwrap().fields.iter().for_each(|f| walk(&f.ty, seen));
                }
                Ty::Array(inner) | Ty::Nullable(inner) | Ty::Record(inner) => walk(inner, seen),
                _ => {}
            }
        }
        let mut seen = Vec::new();
        for root in ["Analysis", "Classification", "CheckResult", "Suggestion", "Profile", "Labels"]
            .into_iter()
            .chain(["ClassifyContext", "CheckContext", "SuggestContext"])
        {
            walk(&Ty::Ref(interface(root).unwrap().name), &mut seen);
        }
        for i in INTERFACES {
            assert!(seen.contains(&i.name), "interface {} is not covered by a sample", i.name);
        }
    }

    #[test]
    fn unions_list_every_contract_id() {
        let text = declarations();
        assert!(text.contains("export type Marketplace = \"US\" | \"CA\" | \"MX\" | \"UK\" | \"DE\" | \"FR\" | \"IT\" | \"ES\" | \"NL\" | \"SE\" | \"PL\" | \"JP\";"));
        assert_eq!(union_ids("Intent").len(), Intent::ALL.len());
        assert!(text.contains("    sentences: Span[];\n"));
        assert!(text.contains("    confirm: Span | null;\n"));
        assert!(text.contains("    carrier?: Carrier;\n"));
        assert!(text.contains("    variables?: Record<string, string>;\n"));
        for i in INTERFACES {
            assert!(text.contains(&format!("export interface {} {{", i.name)));
        }
    }
}

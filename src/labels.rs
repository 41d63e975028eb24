//! Names and one-sentence explanations, in English and Chinese, for every
//! intent, risk flag, compliance category and severity: what the page, the
//! side panel and the CLI show a seller. The text is data
//! (`data/labels/*.json`, written by the classifier and checker work); this
//! module only reads it and guarantees, by test, that every contract id has
//! a label.

use crate::contract::{Category, Intent, Risk, Severity};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// One id's label and help text in both UI languages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    pub en: String,
    pub zh: String,
    pub help_en: String,
    pub help_zh: String,
}

/// Every label, keyed by contract id.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Labels {
    pub intents: BTreeMap<Intent, Label>,
    pub risks: BTreeMap<Risk, Label>,
    pub categories: BTreeMap<Category, Label>,
    pub severities: BTreeMap<Severity, Label>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IntentFile {
    intents: BTreeMap<Intent, Label>,
    risks: BTreeMap<Risk, Label>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryFile {
    categories: BTreeMap<Category, Label>,
    severities: BTreeMap<Severity, Label>,
}

const INTENTS_JSON: &str = data_file!("labels/intents.json");
const CATEGORIES_JSON: &str = data_file!("labels/categories.json");

/// Parses the embedded label files. Only a malformed data file can fail,
/// which the tests below catch before a build ships.
fn parse() -> Result<Labels, serde_json::Error> {
    let a: IntentFile = serde_json::from_str(INTENTS_JSON)?;
    let b: CategoryFile = serde_json::from_str(CATEGORIES_JSON)?;
    Ok(Labels { intents: a.intents, risks: a.risks, categories: b.categories, severities: b.severities })
}

/// The built-in labels, parsed once. A data file that does not parse yields
/// empty maps rather than a panic at run time (the tests make that
/// impossible in a shipped build).
pub fn labels() -> &'static Labels {
    static LABELS: OnceLock<Labels> = OnceLock::new();
    LABELS.get_or_init(|| {
        parse().unwrap_or_else(|_| Labels {
            intents: BTreeMap::new(),
            risks: BTreeMap::new(),
            categories: BTreeMap::new(),
            severities: BTreeMap::new(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete(label: &Label, id: &str) {
        for (field, text) in [("en", &label.en), ("zh", &label.zh), ("help_en", &label.help_en), ("help_zh", &label.help_zh)] {
            assert!(!text.trim().is_empty(), "{id}: empty {field}");
        }
        assert!(label.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{id}: zh label is not Chinese");
        assert!(label.help_zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{id}: zh help is not Chinese");
    }

    #[test]
    fn every_contract_id_has_a_complete_label() {
        let l = parse().expect("label files parse");
        for i in Intent::ALL {
            complete(l.intents.get(i).unwrap_or_else(|| panic!("no label for intent {i}")), i.as_str());
        }
        for r in Risk::ALL {
            complete(l.risks.get(r).unwrap_or_else(|| panic!("no label for risk {r}")), r.as_str());
        }
        for c in Category::ALL {
            complete(l.categories.get(c).unwrap_or_else(|| panic!("no label for category {c}")), c.as_str());
        }
        for s in Severity::ALL {
            complete(l.severities.get(s).unwrap_or_else(|| panic!("no label for severity {s}")), s.as_str());
        }
        assert_eq!(labels(), &l);
    }

    #[test]
    fn labels_serialize_keyed_by_id() {
        let v = serde_json::to_value(labels()).unwrap();
        assert_eq!(v["intents"]["damaged_defective"]["zh"].as_str().map(|s| !s.is_empty()), Some(true));
        assert!(v["severities"]["block"]["en"].is_string());
    }
}

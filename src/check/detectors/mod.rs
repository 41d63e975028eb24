//! Checks that are clearer as code than as patterns: each detector owns
//! only its matching logic; its word lists, limits, messages, sources and
//! fixes come from `data/rules/detectors.json`.

mod contact;
mod japanese;
pub(crate) mod language;
mod layout;
mod links;
mod placeholders;

use super::pack::{meta_from, Examples};
use super::{CheckContext, Hit, RuleMeta};
use crate::contract::Lang;
use crate::error::Error;
use crate::text::normalize::Normalized;
use serde::Deserialize;

const DETECTORS_JSON: &str = data_file!("rules/detectors.json");

/// `data/rules/detectors.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DetectorFile {
    pub detectors: Vec<DetectorSpec>,
    pub lists: Lists,
    pub limits: Limits,
}

/// What one detector says when it fires (the same fields as a pack rule,
/// without patterns: the matching is code).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DetectorSpec {
    pub id: String,
    pub category: String,
    pub severity: String,
    pub message: String,
    pub message_zh: String,
    pub source: String,
    #[serde(default)]
    pub fixes: Vec<String>,
    #[serde(default)]
    pub examples: Examples,
}

/// Word lists the detectors read. Entries are written in normalised form
/// (lowercase, no accents) unless the field says otherwise.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lists {
    /// Obfuscated "@" that needs no spaces around it: "(at)", "[at]".
    pub email_at_bracketed: Vec<String>,
    /// Spelled-out "@" between spaces: "at", "arroba".
    pub email_at_spelled: Vec<String>,
    /// Spelled-out ".": "dot", "punkt".
    pub email_dot_words: Vec<String>,
    /// Mail providers, so "name at gmail.com" is caught with a real dot.
    pub mail_providers: Vec<String>,
    /// Words that make a digit string a phone number ("tel", "call", "電話").
    pub phone_cue_words: Vec<String>,
    /// Words that make a digit string something else (order, tracking).
    pub phone_other_words: Vec<String>,
    /// Lines a seller may give: warranty, manufacturer, carrier, Amazon.
    pub phone_allow_words: Vec<String>,
    /// Carrier tracking sites (a host equal to or under one is allowed).
    pub tracking_domains: Vec<String>,
    /// Amazon paths a buyer needs for the order (order details, returns).
    pub amazon_order_paths: Vec<String>,
    pub shorteners: Vec<String>,
    /// Top-level domains recognised in bare domains ("shop.de").
    pub tlds: Vec<String>,
    pub html_tags: Vec<String>,
    /// Capitalised words that are not shouting (ASIN, DHL, UPS).
    pub caps_allow: Vec<String>,
    /// Bracketed words that are not placeholders ([Important] has its own rule).
    pub bracket_allow: Vec<String>,
    /// Japanese sentence endings, as written.
    pub ja_polite_endings: Vec<String>,
    pub ja_plain_endings: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Amazon's message limit, in characters.
    pub max_chars: usize,
    /// Consecutive line breaks allowed (more is a blank-line run).
    pub max_line_breaks: usize,
    /// Letters in a run of capitalised words that counts as shouting.
    pub caps_run_letters: usize,
    /// Letters in one capitalised word that counts as shouting.
    pub caps_word_letters: usize,
    /// Below this confidence the detected language is not trusted.
    pub language_min_confidence: f32,
    /// Fewer words than this (after URLs and numbers are set aside) is too
    /// little to judge the language.
    pub language_min_words: usize,
    /// Characters read to identify the language (the start of the draft).
    pub language_sample_chars: usize,
}

/// Every detector, compiled.
pub(crate) struct Detectors {
    contact: contact::Contact,
    links: links::Links,
    layout: layout::Layout,
    placeholders: placeholders::Placeholders,
    language: language::Mismatch,
    japanese: japanese::MixedStyle,
}

/// Finds a detector's message by id; a missing entry is a data error.
struct Metas(Vec<RuleMeta>);

impl Metas {
    fn take(&self, id: &str) -> Result<RuleMeta, Error> {
        self.0.iter().find(|m| m.id == id).cloned().ok_or_else(|| Error::InvalidRule {
            pack: "detectors".into(),
            rule: id.into(),
            field: "id",
            reason: "the detector has no entry in data/rules/detectors.json".into(),
        })
    }
}

/// A data error in a detector's list.
fn list_error(field: &'static str, reason: String) -> Error {
    Error::InvalidRule { pack: "detectors".into(), rule: String::new(), field, reason }
}

impl Detectors {
    pub fn builtin() -> Result<Detectors, Error> {
        let file: DetectorFile = serde_json::from_str(DETECTORS_JSON)
            .map_err(|e| Error::InvalidJson { what: "detectors", detail: e.to_string() })?;
        let mut metas = Vec::with_capacity(file.detectors.len());
        for d in &file.detectors {
            let meta = meta_from(&d.id, &d.category, &d.severity, &d.message, &d.message_zh, &d.source, &d.fixes)
                .map_err(|(field, reason)| Error::InvalidRule { pack: "detectors".into(), rule: d.id.clone(), field, reason })?;
            metas.push(meta);
        }
        let metas = Metas(metas);
        Ok(Detectors {
            contact: contact::Contact::new(&metas, &file.lists)?,
            links: links::Links::new(&metas, &file.lists)?,
            layout: layout::Layout::new(&metas, &file.lists, &file.limits)?,
            placeholders: placeholders::Placeholders::new(&metas, &file.lists)?,
            language: language::Mismatch::new(&metas, &file.limits)?,
            japanese: japanese::MixedStyle::new(&metas, &file.lists)?,
        })
    }

    /// Runs every detector on the draft (`draft` as typed, `norm` normalised).
    pub fn run<'a>(&'a self, draft: &str, norm: &Normalized, detected: Lang, context: &CheckContext, hits: &mut Vec<Hit<'a>>) {
        self.contact.run(norm, hits);
        self.links.run(norm, hits);
        self.layout.run(draft, norm, hits);
        self.placeholders.run(draft, hits);
        self.language.run(draft, detected, context, hits);
        self.japanese.run(draft, hits);
    }

    /// The draft's language, when the guess is confident.
    pub fn detect_language(&self, draft: &str, norm: &Normalized) -> Lang {
        self.language.detect(draft, norm)
    }
}

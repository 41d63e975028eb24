//! The compliance checker: Amazon's Buyer-Seller Messaging rules as data,
//! findings at exact spans with reasons (English and Chinese) and fixes, and
//! the three-part structure of the draft.
//!
//! Two kinds of rules run on every draft:
//! - **rule packs** (`data/rules/<pack>.json`, format in `docs/rule-packs.md`):
//!   regex patterns and literal term lists on the normalised text, compiled
//!   once into one `RegexSet` and one Aho-Corasick automaton per pack;
//! - **detectors** (`detectors/`): the few checks that need code (emails,
//!   phone numbers, URLs, emoji, layout, placeholders, length, language),
//!   whose word lists and messages still come from `data/rules/detectors.json`.
//!
//! The text is normalised once per draft; every match is mapped back to the
//! user's own characters before it becomes a [`Finding`].

pub mod detectors;
mod findings;
pub mod pack;
mod scan;
pub mod structure;

use crate::contract::{Category, Lang, Marketplace, Part, Severity};
use crate::error::{check_size, Error};
use crate::text::offsets::Spans;
use crate::text::{normalize, Span};
use detectors::Detectors;
use pack::CompiledPack;
use serde::{Deserialize, Serialize};
use structure::StructureCues;

/// The built-in rule packs, in the order they are loaded. `common` holds
/// rules that read the same in every language (brand names of messengers and
/// payment services); the rest are per language.
const BUILTIN_PACKS: &[(&str, &str)] = &[
    ("common", data_file!("rules/common.json")),
    ("en", data_file!("rules/en.json")),
    ("de", data_file!("rules/de.json")),
    ("fr", data_file!("rules/fr.json")),
    ("it", data_file!("rules/it.json")),
    ("es", data_file!("rules/es.json")),
    ("ja", data_file!("rules/ja.json")),
    ("zh", data_file!("rules/zh.json")),
];

/// At most this many findings per rule in one draft: a 5 MB paste of "!!!"
/// must not turn into a million findings.
const MAX_FINDINGS_PER_RULE: usize = 200;

/// What the checker needs to know about the message being written.
#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CheckContext {
    pub marketplace: Marketplace,
    /// The language the buyer wrote in, when known: English replies on a
    /// non-English marketplace are fine when the buyer wrote English.
    pub buyer_language: Option<Lang>,
    /// Seller-initiated (proactive) rather than a reply.
    pub proactive: bool,
}

impl Default for CheckContext {
    fn default() -> Self {
        CheckContext { marketplace: Marketplace::Us, buyer_language: None, proactive: false }
    }
}

/// One problem in a draft.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// Stable rule id, `category.name`.
    pub rule: String,
    pub category: Category,
    pub severity: Severity,
    #[serde(flatten)]
    pub span: Span,
    pub message: String,
    pub message_zh: String,
    /// Where the rule comes from (an Amazon help page, a seller report).
    pub source: String,
    /// Replacements for the span, best first; an empty string means "remove".
    pub fixes: Vec<String>,
}

impl Spans for Finding {
    fn for_each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        f(&mut self.span)
    }
}

/// Where the draft confirms, acts and gives a timeline, and what it lacks.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Structure {
    pub confirm: Option<Span>,
    pub act: Option<Span>,
    pub timeline: Option<Span>,
    pub missing: Vec<Part>,
}

impl Spans for Structure {
    fn for_each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        self.confirm.for_each_span(f);
        self.act.for_each_span(f);
        self.timeline.for_each_span(f);
    }
}

/// The checker's answer for one draft.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckResult {
    pub findings: Vec<Finding>,
    pub structure: Structure,
    pub language: Lang,
    /// Length as Amazon counts it: characters, not bytes.
    pub chars: usize,
}

impl Spans for CheckResult {
    fn for_each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        self.findings.for_each_span(f);
        self.structure.for_each_span(f);
    }
}

/// What a rule says when it fires: everything a [`Finding`] carries except
/// the span. Shared by pack rules and detectors.
#[derive(Clone, Debug)]
pub(crate) struct RuleMeta {
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    pub message: String,
    pub message_zh: String,
    pub source: String,
    pub fixes: Vec<String>,
}

impl RuleMeta {
    fn finding(&self, span: Span, fix: Option<&String>) -> Finding {
        let mut fixes = Vec::with_capacity(self.fixes.len() + 1);
        fixes.extend(fix.cloned());
        fixes.extend(self.fixes.iter().filter(|f| Some(*f) != fix).cloned());
        Finding {
            rule: self.id.clone(),
            category: self.category,
            severity: self.severity,
            span,
            message: self.message.clone(),
            message_zh: self.message_zh.clone(),
            source: self.source.clone(),
            fixes,
        }
    }
}

/// A rule firing at a span of the original draft (bytes), before findings
/// are merged.
pub(crate) struct Hit<'a> {
    pub meta: &'a RuleMeta,
    pub span: Span,
    /// A replacement computed for this very text (a URL with https, words
    /// out of capitals), offered before the rule's own fixes.
    pub fix: Option<String>,
}

/// Compiled rules: the built-in packs plus any user packs.
pub struct Checker {
    packs: Vec<CompiledPack>,
    /// `None` only if the shipped detector data failed to load (the tests
    /// make sure it does not); the packs still run.
    detectors: Option<Detectors>,
    cues: Option<StructureCues>,
}

impl Checker {
    /// The built-in rule packs, compiled. The shipped data is verified by the
    /// test suite (`Checker::try_builtin`); should a pack ever fail here
    /// anyway, the checker runs without it rather than failing the page.
    pub fn builtin() -> Checker {
        Checker::load(false).unwrap_or_else(|_| {
            let mut checker =
                Checker { packs: Vec::new(), detectors: Detectors::builtin().ok(), cues: StructureCues::builtin(false).ok() };
            for (_, json) in BUILTIN_PACKS {
                // Skipping a broken pack keeps the others working.
                let _ = checker.add_pack(json);
            }
            checker
        })
    }

    /// The built-in rules with everything compiled now, or the first error
    /// in the shipped data (used by the tests that guard the data files).
    pub fn try_builtin() -> Result<Checker, Error> {
        Checker::load(true)
    }

    /// `eager` also compiles what is otherwise compiled on first use.
    fn load(eager: bool) -> Result<Checker, Error> {
        let mut checker =
            Checker { packs: Vec::new(), detectors: Some(Detectors::builtin()?), cues: Some(StructureCues::builtin(eager)?) };
        for (_, json) in BUILTIN_PACKS {
            checker.add_pack(json)?;
        }
        Ok(checker)
    }

    /// Adds a user rule pack (JSON, same format as the built-in packs),
    /// compiled once. On error nothing changes.
    pub fn add_pack(&mut self, json: &str) -> Result<(), Error> {
        let compiled = pack::compile(json, &self.packs)?;
        self.packs.push(compiled);
        Ok(())
    }

    /// Ids of the loaded packs, in load order.
    pub fn pack_ids(&self) -> Vec<&str> {
        self.packs.iter().map(|p| p.id.as_str()).collect()
    }

    /// Checks one draft.
    pub fn check(&self, draft: &str, context: &CheckContext) -> Result<CheckResult, Error> {
        check_size(draft)?;
        let norm = normalize::normalize(draft);
        let language = self.detectors.as_ref().map_or(Lang::Unknown, |d| d.detect_language(draft, &norm));
        let langs = applicable_languages(language, context);
        let mut hits = Vec::new();
        for pack in &self.packs {
            if pack.applies(&langs, context.marketplace) {
                pack.scan(&norm, context, &mut hits);
            }
        }
        if let Some(detectors) = &self.detectors {
            detectors.run(draft, &norm, language, context, &mut hits);
        }
        let findings = findings::merge(hits);
        let structure = self.cues.as_ref().map(|c| c.find(draft, &norm, &langs)).unwrap_or_default();
        Ok(CheckResult { findings, structure, language, chars: draft.chars().count() })
    }
}

/// Languages whose rules run on a draft: the detected language, the
/// marketplace's languages and the buyer's. Language identification is
/// unsure on short drafts, and a marketplace's rules must not be skipped
/// because of a wrong guess, so this is a union rather than one choice.
fn applicable_languages(detected: Lang, context: &CheckContext) -> Vec<Lang> {
    let mut langs: Vec<Lang> = context.marketplace.languages().to_vec();
    for lang in [Some(detected), context.buyer_language].into_iter().flatten() {
        if lang != Lang::Unknown && !langs.contains(&lang) {
            langs.push(lang);
        }
    }
    langs
}

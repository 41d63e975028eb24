//! The three parts of a good reply (confirm what the buyer said, say what
//! was done, give a concrete date), found by per-language cue patterns in
//! `data/rules/structure.json`. A part's span is the sentence holding its
//! first cue; `missing` lists the parts with no cue, so the page can say
//! "missing: a concrete date".

use crate::contract::{EntityKind, Lang, Part};
use crate::error::Error;
use crate::text::normalize::Normalized;
use crate::text::{entities, sentences, Span};
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;

use super::pack::build_regex_unchecked;
use std::sync::OnceLock;
use super::Structure;

const STRUCTURE_JSON: &str = data_file!("rules/structure.json");

/// `data/rules/structure.json`: for each language id, cue patterns (on the
/// normalised text) for each part.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueFile {
    pub languages: BTreeMap<String, PartCues>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartCues {
    pub confirm: Vec<String>,
    pub act: Vec<String>,
    pub timeline: Vec<String>,
    /// Weaker timeline cues ("today", "heute"), used only when no concrete
    /// date or duration is found: "we shipped it today" is a fact, "by
    /// Friday" is the promise the buyer needs.
    #[serde(default)]
    pub timeline_weak: Vec<String>,
}

/// One alternation per language and part, compiled the first time a draft
/// in that language is checked (a German seller never pays for the
/// Japanese cues).
pub(crate) struct StructureCues {
    by_lang: Vec<LangCues>,
}

struct LangCues {
    lang: Lang,
    sources: [String; 3],
    weak: Option<String>,
    compiled: OnceLock<Option<Compiled>>,
}

/// The three parts' alternations and the weak timeline alternation.
type Compiled = ([Regex; 3], Option<Regex>);

impl LangCues {
    fn compile(&self) -> Result<Compiled, Error> {
        let build = |field: &'static str, source: &str| {
            build_regex_unchecked(source).map_err(|reason| Error::InvalidRule {
                pack: "structure".into(),
                rule: self.lang.as_str().into(),
                field,
                reason,
            })
        };
        let one = |i: usize| build(PARTS[i].as_str(), &self.sources[i]);
        let weak = self.weak.as_deref().map(|w| build("timeline_weak", w)).transpose()?;
        Ok(([one(0)?, one(1)?, one(2)?], weak))
    }

    fn regexes(&self) -> Option<&Compiled> {
        self.compiled.get_or_init(|| self.compile().ok()).as_ref()
    }
}

const PARTS: [Part; 3] = [Part::Confirm, Part::Act, Part::Timeline];

impl StructureCues {
    /// Loads the cue file; `eager` compiles every language now and reports
    /// the first error (the tests do this), otherwise on first use.
    pub fn builtin(eager: bool) -> Result<StructureCues, Error> {
        let file: CueFile = serde_json::from_str(STRUCTURE_JSON)
            .map_err(|e| Error::InvalidJson { what: "structure cues", detail: e.to_string() })?;
        let mut by_lang = Vec::with_capacity(file.languages.len());
        for (id, cues) in &file.languages {
            let join = |list: &[String]| list.iter().map(|p| format!("(?:{p})")).collect::<Vec<_>>().join("|");
            let entry = LangCues {
                lang: id.parse()?,
                sources: [join(&cues.confirm), join(&cues.act), join(&cues.timeline)],
                weak: (!cues.timeline_weak.is_empty()).then(|| join(&cues.timeline_weak)),
                compiled: OnceLock::new(),
            };
            if eager {
                let compiled = entry.compile()?;
                let _ = entry.compiled.set(Some(compiled));
            }
            by_lang.push(entry);
        }
        Ok(StructureCues { by_lang })
    }

    /// The parts present in the draft, for the languages in `langs`.
    pub fn find(&self, draft: &str, norm: &Normalized, langs: &[Lang]) -> Structure {
        let mut first: [Option<Span>; 3] = [None; 3];
        let mut weak_timeline = None;
        for cues in &self.by_lang {
            if !langs.contains(&cues.lang) {
                continue;
            }
            let Some((regexes, weak)) = cues.regexes() else {
                continue;
            };
            for (slot, regex) in first.iter_mut().zip(regexes) {
                earliest(slot, regex, norm);
            }
            if let Some(weak) = weak {
                earliest(&mut weak_timeline, weak, norm);
            }
        }
        if first[2].is_none() {
            first[2] = dated(draft, langs).or(weak_timeline);
        }
        let sentence_spans = if first.iter().any(Option::is_some) { sentences::sentences(draft) } else { Vec::new() };
        let widen = |cue: Option<Span>| {
            cue.map(|c| sentence_spans.iter().copied().find(|s| s.start <= c.start && c.start < s.end.max(s.start + 1)).unwrap_or(c))
        };
        let [confirm, act, timeline] = first.map(widen);
        let missing = PARTS.iter().zip([confirm, act, timeline]).filter(|(_, s)| s.is_none()).map(|(p, _)| *p).collect();
        Structure { confirm, act, timeline, missing }
    }
}

/// The first concrete date in the draft, as the text layer reads it in any
/// language ("le mercredi 25 novembre", "3月13日", "next Friday"): a
/// timeline needs a date, not a particular phrasing of it, so the cue lists
/// above need not spell out every way each market writes one. Dates in the
/// past (`-P…`, `last:…`) tell the buyer nothing about what comes next and
/// do not count. Runs only when no cue matched, so typing stays cheap.
fn dated(draft: &str, langs: &[Lang]) -> Option<Span> {
    let lang = langs.first().copied().unwrap_or(Lang::Unknown);
    entities::extract_for(draft, lang)
        .into_iter()
        .find(|e| e.kind == EntityKind::Date && looks_ahead(&e.value))
        .map(|e| e.span)
}

/// True for an absolute date (`2025-03-14`, `--03-14`) or one ahead of the
/// day of writing (`+P3D`, `next:fri`), in the text layer's value format.
fn looks_ahead(value: &str) -> bool {
    value.starts_with("--") || value.starts_with(|c: char| c.is_ascii_digit()) || value.starts_with('+') || value.starts_with("next:")
}

/// Keeps in `slot` the earliest cue found so far (spans in the draft).
fn earliest(slot: &mut Option<Span>, regex: &Regex, norm: &Normalized) {
    if let Some(m) = regex.find(&norm.text) {
        let span = norm.original(Span::new(m.start(), m.end()));
        if slot.is_none_or(|s| span.start < s.start) {
            *slot = Some(span);
        }
    }
}

//! The three parts of a good reply (confirm what the buyer said, say what
//! was done, give a concrete date), found by per-language cue patterns in
//! `data/rules/structure.json`. A part's span is the sentence holding its
//! first cue; `missing` lists the parts with no cue, so the page can say
//! "missing: a concrete date".

use crate::contract::{Lang, Part};
use crate::error::Error;
use crate::text::normalize::Normalized;
use crate::text::{sentences, Span};
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;

use super::pack::build_regex;
use super::Structure;

const STRUCTURE_JSON: &str = include_str!("../../data/rules/structure.json");

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
}

/// One compiled alternation per language and part.
pub(crate) struct StructureCues {
    by_lang: Vec<(Lang, [Regex; 3])>,
}

const PARTS: [Part; 3] = [Part::Confirm, Part::Act, Part::Timeline];

impl StructureCues {
    pub fn builtin() -> Result<StructureCues, Error> {
        let file: CueFile = serde_json::from_str(STRUCTURE_JSON)
            .map_err(|e| Error::InvalidJson { what: "structure cues", detail: e.to_string() })?;
        let mut by_lang = Vec::with_capacity(file.languages.len());
        for (id, cues) in &file.languages {
            let lang: Lang = id.parse()?;
            let compile = |field: &'static str, list: &[String]| {
                let joined = list.iter().map(|p| format!("(?:{p})")).collect::<Vec<_>>().join("|");
                build_regex(&joined).map_err(|reason| Error::InvalidRule { pack: "structure".into(), rule: id.clone(), field, reason })
            };
            by_lang.push((lang, [compile("confirm", &cues.confirm)?, compile("act", &cues.act)?, compile("timeline", &cues.timeline)?]));
        }
        Ok(StructureCues { by_lang })
    }

    /// The parts present in the draft, for the languages in `langs`.
    pub fn find(&self, draft: &str, norm: &Normalized, langs: &[Lang]) -> Structure {
        let mut first: [Option<Span>; 3] = [None; 3];
        for (lang, regexes) in &self.by_lang {
            if !langs.contains(lang) {
                continue;
            }
            for (slot, regex) in first.iter_mut().zip(regexes) {
                if let Some(m) = regex.find(&norm.text) {
                    let span = norm.original(Span::new(m.start(), m.end()));
                    if slot.is_none_or(|s| span.start < s.start) {
                        *slot = Some(span);
                    }
                }
            }
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

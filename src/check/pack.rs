//! The rule pack format (documented for sellers in `docs/rule-packs.md`)
//! and its compilation: validate everything first, report the first problem
//! with the pack, rule and field it concerns, and only then build the
//! automata, so that a failed `add_pack` leaves the checker as it was.

use super::scan::{at_word_edges, clause_window};
use super::{CheckContext, Hit, RuleMeta, MAX_FINDINGS_PER_RULE};
use crate::contract::{Category, Lang, Marketplace, Severity};
use crate::error::{clip, Error};
use crate::text::normalize::{normalize, Normalized};
use crate::text::Span;
use crate::text::pattern::ascii_classes;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use serde::Deserialize;
use std::sync::OnceLock;

/// Longest accepted pattern, in characters.
pub const MAX_PATTERN_CHARS: usize = 1_000;
/// Longest accepted term, in characters.
pub const MAX_TERM_CHARS: usize = 200;
/// Most rules in one pack and most terms in one rule.
pub const MAX_RULES: usize = 2_000;
pub const MAX_TERMS: usize = 5_000;
/// Compiled size caps: one pattern, and the whole pack's `RegexSet`. The
/// regex crate matches in linear time; these caps bound the memory and the
/// constant factor, so no pack can make a keystroke slow.
pub const PATTERN_SIZE_LIMIT: usize = 1 << 20;
pub const SET_SIZE_LIMIT: usize = 16 << 20;
/// Largest `within` window for `near` and `unless`, in characters.
pub const MAX_WITHIN: usize = 200;

/// A rule pack file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    pub pack: PackInfo,
    pub rules: Vec<RuleSpec>,
}

/// Pack metadata.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackInfo {
    pub id: String,
    pub version: String,
    #[serde(default)]
    pub description: String,
    /// Language ids the pack applies to, or `["*"]` for every language.
    pub languages: Vec<String>,
    /// Marketplace ids the pack applies to; absent or `["*"]` = all.
    #[serde(default)]
    pub marketplaces: Vec<String>,
}

/// One rule as written in a pack.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: String,
    pub category: String,
    pub severity: String,
    /// Regular expressions on the normalised text (lowercase, accents
    /// folded); exactly one of `patterns` and `terms`.
    pub patterns: Option<Vec<String>>,
    /// Literal phrases, normalised like the text and matched as whole words.
    pub terms: Option<Vec<String>>,
    pub near: Option<NearSpec>,
    pub unless: Option<UnlessSpec>,
    #[serde(default)]
    pub proactive_only: bool,
    pub message: String,
    pub message_zh: String,
    pub source: String,
    #[serde(default)]
    pub fixes: Vec<String>,
    #[serde(default)]
    pub examples: Examples,
}

/// Context words, at least one of which must occur within `within`
/// characters of the match, in the same clause.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NearSpec {
    pub words: Vec<String>,
    #[serde(default = "default_near")]
    pub within: usize,
}

/// Exceptions: the match is dropped when one of these patterns matches
/// within `within` characters of it, in the same clause.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnlessSpec {
    pub patterns: Vec<String>,
    #[serde(default = "default_unless")]
    pub within: usize,
}

fn default_near() -> usize {
    40
}

fn default_unless() -> usize {
    60
}

/// Drafts a rule must flag (`match`) and must leave alone (`no_match`);
/// the test suite runs them for every rule.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default, rename = "match")]
    pub must_match: Vec<Example>,
    #[serde(default)]
    pub no_match: Vec<Example>,
}

/// An example draft: plain text (checked on the pack's first language's
/// marketplace), or text with its context.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Example {
    Text(String),
    Case(ExampleCase),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleCase {
    pub text: String,
    pub marketplace: Option<Marketplace>,
    pub buyer_language: Option<Lang>,
    #[serde(default)]
    pub proactive: bool,
    /// Repeat `text` this many times (long-draft examples).
    pub repeat: Option<usize>,
}

impl Example {
    /// The draft text, repeated as asked.
    pub fn text(&self) -> String {
        match self {
            Example::Text(t) => t.clone(),
            Example::Case(c) => c.text.repeat(c.repeat.unwrap_or(1).max(1)),
        }
    }
}

/// A pack ready to scan drafts.
pub(crate) struct CompiledPack {
    pub id: String,
    /// `None` = every language.
    languages: Option<Vec<Lang>>,
    /// `None` = every marketplace.
    marketplaces: Option<Vec<Marketplace>>,
    rules: Vec<CompiledRule>,
    /// Every pattern of every rule: one pass tells which can match at all.
    set: RegexSet,
    /// `set` index → (rule, the pattern on its own, for spans). The set
    /// proves every pattern compiles; each single regex is built the first
    /// time the set says it matched, which halves the start-up cost.
    patterns: Vec<(usize, String, OnceLock<Option<Regex>>)>,
    /// Every term of every rule in one automaton; pattern id → rule.
    terms: Option<AhoCorasick>,
    term_rule: Vec<usize>,
}

struct CompiledRule {
    meta: RuleMeta,
    near: Option<(AhoCorasick, usize)>,
    unless: Option<(Regex, usize)>,
    proactive_only: bool,
}

impl CompiledPack {
    pub fn applies(&self, langs: &[Lang], marketplace: Marketplace) -> bool {
        let lang_ok = self.languages.as_ref().is_none_or(|ls| ls.iter().any(|l| langs.contains(l)));
        let market_ok = self.marketplaces.as_ref().is_none_or(|ms| ms.contains(&marketplace));
        lang_ok && market_ok
    }

    /// Every rule id of the pack.
    fn rule_ids(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().map(|r| r.meta.id.as_str())
    }

    /// Adds this pack's hits on `norm` to `hits`.
    pub fn scan<'a>(&'a self, norm: &Normalized, context: &CheckContext, hits: &mut Vec<Hit<'a>>) {
        let text = norm.text.as_str();
        let mut counts = vec![0usize; self.rules.len()];
        let mut push = |rule_index: usize, start: usize, end: usize, hits: &mut Vec<Hit<'a>>| {
            let rule = &self.rules[rule_index];
            if counts[rule_index] >= MAX_FINDINGS_PER_RULE || !rule.accepts(text, start, end) {
                return;
            }
            counts[rule_index] += 1;
            hits.push(Hit { meta: &rule.meta, span: norm.original(Span::new(start, end)), fix: None });
        };
        let wanted = |rule_index: usize| context.proactive || !self.rules[rule_index].proactive_only;
        for index in self.set.matches(text).iter() {
            let (rule_index, source, cell) = &self.patterns[index];
            if !wanted(*rule_index) {
                continue;
            }
            let Some(regex) = cell.get_or_init(|| build_regex_unchecked(source).ok()) else {
                continue;
            };
            for m in regex.find_iter(text) {
                if !m.is_empty() {
                    push(*rule_index, m.start(), m.end(), hits);
                }
            }
        }
        if let Some(ac) = &self.terms {
            for m in ac.find_overlapping_iter(text) {
                let rule_index = self.term_rule[m.pattern().as_usize()];
                if wanted(rule_index) && at_word_edges(text, m.start(), m.end()) {
                    push(rule_index, m.start(), m.end(), hits);
                }
            }
        }
    }
}

impl CompiledRule {
    /// Applies `near` and `unless` to a raw match.
    fn accepts(&self, text: &str, start: usize, end: usize) -> bool {
        if let Some((words, within)) = &self.near {
            let (lo, hi) = clause_window(text, start, end, *within);
            let found = words
                .find_overlapping_iter(&text[lo..hi])
                .any(|m| at_word_edges(text, lo + m.start(), lo + m.end()));
            if !found {
                return false;
            }
        }
        if let Some((regex, within)) = &self.unless {
            let (lo, hi) = clause_window(text, start, end, *within);
            if overlaps_window(regex, text, lo, hi) {
                return false;
            }
        }
        true
    }
}

/// True when a match of `regex` overlaps `lo..hi`. Matches are searched
/// in the clause around the window (an exception such as "as soon as the
/// parcel…" begins before the "soon" it excuses), and only there: a search
/// to the end of a 5 MB draft for every candidate would be quadratic.
fn overlaps_window(regex: &Regex, text: &str, lo: usize, hi: usize) -> bool {
    let (from, to) = clause_window(text, lo, hi, MAX_WITHIN);
    regex.find_iter(&text[from..to]).any(|m| from + m.start() < hi && from + m.end() > lo)
}

/// Parses, validates and compiles a pack; `loaded` are the packs already in
/// the checker (for duplicate ids).
pub(crate) fn compile(json: &str, loaded: &[CompiledPack]) -> Result<CompiledPack, Error> {
    let file: PackFile =
        serde_json::from_str(json).map_err(|e| Error::InvalidJson { what: "rule pack", detail: e.to_string() })?;
    let pack_id = file.pack.id.trim().to_string();
    let pack_err = |field: &'static str, reason: String| Error::InvalidRule {
        pack: clip(&pack_id),
        rule: String::new(),
        field,
        reason,
    };
    if pack_id.is_empty() {
        return Err(pack_err("pack.id", "must not be empty".into()));
    }
    if file.pack.version.trim().is_empty() {
        return Err(pack_err("pack.version", "must not be empty".into()));
    }
    if loaded.iter().any(|p| p.id == pack_id) {
        return Err(pack_err("pack.id", "a pack with this id is already loaded".into()));
    }
    let languages = parse_star_list::<Lang>(&file.pack.languages, false).map_err(|r| pack_err("pack.languages", r))?;
    let marketplaces =
        parse_star_list::<Marketplace>(&file.pack.marketplaces, true).map_err(|r| pack_err("pack.marketplaces", r))?;
    if file.rules.is_empty() {
        return Err(pack_err("rules", "the pack has no rules".into()));
    }
    if file.rules.len() > MAX_RULES {
        return Err(pack_err("rules", format!("{} rules; at most {MAX_RULES} are allowed", file.rules.len())));
    }

    let mut rules = Vec::with_capacity(file.rules.len());
    let mut set_sources = Vec::new();
    let mut patterns = Vec::new();
    let mut term_sources = Vec::new();
    let mut term_rule = Vec::new();
    for (index, spec) in file.rules.iter().enumerate() {
        let err = |field: &'static str, reason: String| Error::InvalidRule {
            pack: clip(&pack_id),
            rule: clip(&spec.id),
            field,
            reason,
        };
        let meta = rule_meta(spec).map_err(|(f, r)| err(f, r))?;
        if file.rules[..index].iter().any(|r| r.id == spec.id) {
            return Err(err("id", "duplicate rule id in this pack".into()));
        }
        if let Some(other) = loaded.iter().find(|p| overlaps(&p.languages, &languages) && p.rule_ids().any(|id| id == spec.id)) {
            return Err(err("id", format!("duplicate rule id: pack \"{}\" already defines it for the same language", other.id)));
        }
        match (&spec.patterns, &spec.terms) {
            (Some(_), Some(_)) => return Err(err("patterns", "give either patterns or terms, not both".into())),
            (None, None) => return Err(err("patterns", "a rule needs patterns or terms".into())),
            (Some(list), None) => {
                if list.is_empty() {
                    return Err(err("patterns", "the pattern list is empty".into()));
                }
                for p in list {
                    check_pattern_length(p).map_err(|r| err("patterns", r))?;
                    set_sources.push(p.clone());
                    patterns.push((index, p.clone(), OnceLock::new()));
                }
            }
            (None, Some(list)) => {
                let normalised = normal_terms(list).map_err(|r| err("terms", r))?;
                term_rule.extend(std::iter::repeat_n(index, normalised.len()));
                term_sources.extend(normalised);
            }
        }
        let near = match &spec.near {
            None => None,
            Some(near) => {
                if near.within == 0 || near.within > MAX_WITHIN {
                    return Err(err("near.within", format!("must be 1 to {MAX_WITHIN} characters")));
                }
                let words = normal_terms(&near.words).map_err(|r| err("near.words", r))?;
                Some((build_automaton(&words).map_err(|r| err("near.words", r))?, near.within))
            }
        };
        let unless = match &spec.unless {
            None => None,
            Some(unless) => {
                if unless.within > MAX_WITHIN {
                    return Err(err("unless.within", format!("must be at most {MAX_WITHIN} characters")));
                }
                if unless.patterns.is_empty() {
                    return Err(err("unless.patterns", "the pattern list is empty".into()));
                }
                for p in &unless.patterns {
                    build_regex(p).map_err(|r| err("unless.patterns", r))?;
                }
                let joined = unless.patterns.iter().map(|p| format!("(?:{p})")).collect::<Vec<_>>().join("|");
                Some((build_regex_unchecked(&joined).map_err(|r| err("unless.patterns", r))?, unless.within))
            }
        };
        rules.push(CompiledRule { meta, near, unless, proactive_only: spec.proactive_only });
    }

    let set = match RegexSetBuilder::new(set_sources.iter().map(|p| ascii_classes(p)))
        .size_limit(SET_SIZE_LIMIT)
        .dfa_size_limit(SET_SIZE_LIMIT)
        .build()
    {
        Ok(set) => set,
        Err(e) => {
            // Name the pattern at fault when one fails on its own.
            for (rule_index, source, _) in &patterns {
                if let Err(reason) = build_regex_unchecked(source) {
                    return Err(Error::InvalidRule {
                        pack: clip(&pack_id),
                        rule: clip(&file.rules[*rule_index].id),
                        field: "patterns",
                        reason,
                    });
                }
            }
            return Err(pack_err("rules", format!("the pack's patterns together are too large: {e}")));
        }
    };
    let terms = if term_sources.is_empty() {
        None
    } else {
        Some(build_automaton(&term_sources).map_err(|r| pack_err("terms", r))?)
    };
    Ok(CompiledPack { id: pack_id, languages, marketplaces, rules, set, patterns, terms, term_rule })
}

/// Validates the fields every rule has; errors are (field, reason).
fn rule_meta(spec: &RuleSpec) -> Result<RuleMeta, (&'static str, String)> {
    meta_from(&spec.id, &spec.category, &spec.severity, &spec.message, &spec.message_zh, &spec.source, &spec.fixes)
}

/// Validates what a finding will carry; shared with the detectors' file.
pub(crate) fn meta_from(
    id: &str,
    category: &str,
    severity: &str,
    message: &str,
    message_zh: &str,
    source: &str,
    fixes: &[String],
) -> Result<RuleMeta, (&'static str, String)> {
    let category: Category = category.parse().map_err(|e: Error| ("category", e.to_string()))?;
    let severity: Severity = severity.parse().map_err(|e: Error| ("severity", e.to_string()))?;
    let (prefix, name) = id.split_once('.').unwrap_or(("", ""));
    if prefix != category.as_str() || name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
        return Err(("id", format!("must be \"{category}.name\" with a name of a-z, 0-9 and _")));
    }
    for (field, value) in [("message", message), ("message_zh", message_zh), ("source", source)] {
        if value.trim().is_empty() {
            return Err((field, "must not be empty".into()));
        }
    }
    if let Some(fix) = fixes.iter().find(|f| f.contains(['{', '}', '<', '>'])) {
        return Err(("fixes", format!("\"{}\" has an unfilled placeholder; write the concrete words", clip(fix))));
    }
    Ok(RuleMeta {
        id: id.to_string(),
        category,
        severity,
        message: message.to_string(),
        message_zh: message_zh.to_string(),
        source: source.to_string(),
        fixes: fixes.to_vec(),
    })
}

/// Parses a list of ids where `"*"` means "all" (`None`). An absent list
/// means "all" only when `empty_is_all`.
fn parse_star_list<T: std::str::FromStr<Err = Error>>(items: &[String], empty_is_all: bool) -> Result<Option<Vec<T>>, String> {
    if items.is_empty() {
        return if empty_is_all { Ok(None) } else { Err("must list at least one id, or \"*\"".into()) };
    }
    if items.iter().any(|i| i == "*") {
        return Ok(None);
    }
    items.iter().map(|i| i.parse::<T>().map_err(|e| e.to_string())).collect::<Result<Vec<_>, _>>().map(Some)
}

fn overlaps(a: &Option<Vec<Lang>>, b: &Option<Vec<Lang>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.iter().any(|l| b.contains(l)),
        _ => true,
    }
}

/// Refuses empty and over-long patterns (before any compilation).
fn check_pattern_length(pattern: &str) -> Result<(), String> {
    let chars = pattern.chars().count();
    if chars > MAX_PATTERN_CHARS {
        return Err(format!("pattern is {chars} characters long; the limit is {MAX_PATTERN_CHARS}"));
    }
    if pattern.is_empty() {
        return Err("empty pattern".into());
    }
    Ok(())
}

/// Compiles one user-written pattern with the size caps.
pub(crate) fn build_regex(pattern: &str) -> Result<Regex, String> {
    check_pattern_length(pattern)?;
    build_regex_unchecked(pattern)
}

/// Compiles a pattern (already checked for length) with the size caps and
/// ASCII Perl classes ([`ascii_classes`]). Used for every regex of the checker.
pub(crate) fn build_regex_unchecked(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(&ascii_classes(pattern))
        .size_limit(PATTERN_SIZE_LIMIT)
        .dfa_size_limit(PATTERN_SIZE_LIMIT)
        .build()
        .map_err(|e| format!("pattern \"{}\" does not compile: {e}", clip(pattern)))
}

/// Normalises a term list the same way drafts are normalised, so terms can
/// be written with capitals and accents.
pub(crate) fn normal_terms(list: &[String]) -> Result<Vec<String>, String> {
    if list.is_empty() {
        return Err("the term list is empty".into());
    }
    if list.len() > MAX_TERMS {
        return Err(format!("{} terms; at most {MAX_TERMS} are allowed", list.len()));
    }
    let mut out = Vec::with_capacity(list.len());
    for term in list {
        let chars = term.chars().count();
        if chars > MAX_TERM_CHARS {
            return Err(format!("term \"{}\" is {chars} characters long; the limit is {MAX_TERM_CHARS}", clip(term)));
        }
        let normal = normalize(term.trim()).text;
        if normal.trim().is_empty() {
            return Err("a term is empty".into());
        }
        out.push(normal.trim().to_string());
    }
    Ok(out)
}

pub(crate) fn build_automaton(terms: &[String]) -> Result<AhoCorasick, String> {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .build(terms)
        .map_err(|e| format!("the term list cannot be compiled: {e}"))
}

//! Template variables left unfilled: `{order_id}`, `{{buyer_name}}`,
//! `[Buyer Name]`, `<NAME>`, `#order-id#`, `%NAME%`, `XXX`, `○○様`.
//! Read on the draft as typed: capitals tell `<NAME>` from `<b>`.

use super::{list_error, Lists, Metas};
use crate::check::{Hit, RuleMeta};
use crate::error::Error;
use crate::text::Span;
use crate::check::pack::build_regex_unchecked;
use regex::Regex;

pub(super) struct Placeholders {
    meta: RuleMeta,
    pattern: Regex,
    bracket_allow: Vec<String>,
    html_tags: Vec<String>,
}

impl Placeholders {
    pub fn new(metas: &Metas, lists: &Lists) -> Result<Placeholders, Error> {
        let pattern = [
            r"\{\{[^{}\n]{1,60}\}\}",
            r"\{[^{}\n]{1,60}\}",
            r"\[[^\[\]\n]{1,40}\]",
            r"<[A-Za-z][A-Za-z0-9 _-]{0,39}>",
            r"#[A-Za-z][A-Za-z_-]{1,39}#",
            r"%[A-Za-z][A-Za-z_]{1,39}%",
            r"\b[Xx]{3,}(?:[-/][Xx0]{2,})*\b",
            r"[○〇●＊]{2,}",
        ]
        .join("|");
        Ok(Placeholders {
            meta: metas.take("placeholder.unfilled")?,
            pattern: build_regex_unchecked(&pattern).map_err(|e| list_error("placeholder", e))?,
            bracket_allow: lists.bracket_allow.clone(),
            html_tags: lists.html_tags.clone(),
        })
    }

    pub fn run<'a>(&'a self, draft: &str, hits: &mut Vec<Hit<'a>>) {
        for m in self.pattern.find_iter(draft) {
            if self.is_placeholder(m.as_str()) {
                hits.push(Hit { meta: &self.meta, span: Span::new(m.start(), m.end()), fix: None });
            }
        }
    }

    /// Brackets around a known word ("[Important]") or a number ("[1]"),
    /// and angle brackets around an HTML tag name, are not placeholders.
    fn is_placeholder(&self, found: &str) -> bool {
        let inner = found.trim_matches(['[', ']', '<', '>']).trim().to_lowercase();
        if found.starts_with('[') {
            let all_digits = inner.chars().all(|c| c.is_ascii_digit() || c.is_whitespace());
            return !all_digits && !self.bracket_allow.contains(&inner);
        }
        if found.starts_with('<') {
            let name = inner.split_whitespace().next().unwrap_or("");
            return !self.html_tags.iter().any(|t| t == name);
        }
        true
    }
}

//! URLs and bare domains. A buyer may be sent what the order needs: a
//! carrier's tracking page, an Amazon order or returns page. Everything
//! else is an external link; shorteners hide where they go; `http://` is
//! flagged even on allowed sites.

use super::{list_error, Lists, Metas};
use crate::check::{Hit, RuleMeta};
use crate::error::Error;
use crate::text::normalize::Normalized;
use crate::text::Span;
use crate::check::pack::build_regex_unchecked;
use regex::Regex;

pub(super) struct Links {
    external: RuleMeta,
    non_https: RuleMeta,
    shortener: RuleMeta,
    amazon_page: RuleMeta,
    url: Regex,
    tracking_domains: Vec<String>,
    amazon_order_paths: Vec<String>,
    shorteners: Vec<String>,
}

/// What a link is, by its host and path.
enum Kind {
    Allowed,
    Shortener,
    AmazonPage,
    External,
}

impl Links {
    pub fn new(metas: &Metas, lists: &Lists) -> Result<Links, Error> {
        let tlds = lists.tlds.iter().map(|t| regex::escape(t)).collect::<Vec<_>>().join("|");
        let label = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?";
        let tail = r#"[^\s<>"'()\[\]{}]*"#;
        let pattern = format!(r"\b(?:https?://|www\.){tail}|\b{label}(?:\.{label})*\.(?:{tlds})\b(?:/{tail})?");
        Ok(Links {
            external: metas.take("link.external")?,
            non_https: metas.take("link.non_https")?,
            shortener: metas.take("link.shortener")?,
            amazon_page: metas.take("link.amazon_page")?,
            url: build_regex_unchecked(&pattern).map_err(|e| list_error("tlds", e))?,
            tracking_domains: lists.tracking_domains.clone(),
            amazon_order_paths: lists.amazon_order_paths.clone(),
            shorteners: lists.shorteners.clone(),
        })
    }

    pub fn run<'a>(&'a self, norm: &Normalized, hits: &mut Vec<Hit<'a>>) {
        let text = norm.text.as_str();
        for m in self.url.find_iter(text) {
            // The domain of an email address is the email detector's.
            if text[..m.start()].ends_with('@') {
                continue;
            }
            let link = m.as_str().trim_end_matches(['.', ',', ';', ':', '!', '?']);
            if link.is_empty() {
                continue;
            }
            let span = Span::new(m.start(), m.start() + link.len());
            let original = norm.original(span);
            let (meta, fix) = match self.kind(link) {
                Kind::External => (&self.external, None),
                Kind::Shortener => (&self.shortener, None),
                Kind::AmazonPage => (&self.amazon_page, None),
                Kind::Allowed if link.starts_with("http://") => {
                    (&self.non_https, Some(format!("https://{}", &link["http://".len()..])))
                }
                Kind::Allowed => continue,
            };
            hits.push(Hit { meta, span: original, fix });
        }
    }

    fn kind(&self, link: &str) -> Kind {
        let rest = link.strip_prefix("https://").or_else(|| link.strip_prefix("http://")).unwrap_or(link);
        let (host, path) = match rest.find(['/', '?', '#']) {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        let host = host.strip_prefix("www.").unwrap_or(host);
        let under = |domain: &String| host == domain || host.ends_with(&format!(".{domain}"));
        if self.shorteners.iter().any(under) {
            return Kind::Shortener;
        }
        if self.tracking_domains.iter().any(under) {
            return Kind::Allowed;
        }
        if is_amazon(host) {
            let bare = path.trim_matches('/').is_empty();
            return if bare || self.amazon_order_paths.iter().any(|p| path.contains(p.as_str())) {
                Kind::Allowed
            } else {
                Kind::AmazonPage
            };
        }
        Kind::External
    }
}

/// amazon.com, amazon.co.uk, amazon.co.jp, smile.amazon.de, …
fn is_amazon(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    match labels.iter().position(|l| *l == "amazon") {
        Some(i) => {
            let suffix = &labels[i + 1..];
            !suffix.is_empty() && suffix.len() <= 2 && suffix.iter().all(|l| l.len() <= 3)
        }
        None => false,
    }
}

//! The draft corpus: `tests/corpus/check/<lang>.jsonl`, about half
//! compliant replies written the way good sellers write (with the normal
//! words that cause false alarms), half violating, each with the categories
//! it must raise; and `<lang>.independent.jsonl`, drafts by a writer who did
//! not write the rules, so that the rules are measured on wording they were
//! not tuned to. Prints recall and false-alarm rate per language and corpus
//! and overall; asserts recall >= 0.95 and false alarms <= 3 % for each.

use serde::Deserialize;
use std::collections::BTreeSet;
use tactful::check::{CheckContext, Checker};
use tactful::contract::{Category, Lang, Marketplace, Severity};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/check");
const LANGS: &[&str] = &["en", "de", "fr", "it", "es", "ja"];
/// The corpus files of a language: `<lang><suffix>.jsonl`.
const CORPORA: &[&str] = &["", ".independent"];
const MIN_RECALL: f64 = 0.95;
const MAX_FALSE_ALARMS: f64 = 0.03;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Draft {
    text: String,
    marketplace: Marketplace,
    buyer_language: Option<Lang>,
    proactive: bool,
    expect: Vec<Category>,
}

#[derive(Default)]
struct Tally {
    drafts: usize,
    expected: usize,
    found: usize,
    compliant: usize,
    false_alarms: usize,
}

impl Tally {
    fn recall(&self) -> f64 {
        if self.expected == 0 { 1.0 } else { self.found as f64 / self.expected as f64 }
    }
    fn false_alarm_rate(&self) -> f64 {
        if self.compliant == 0 { 0.0 } else { self.false_alarms as f64 / self.compliant as f64 }
    }
    fn add(&mut self, other: &Tally) {
        self.drafts += other.drafts;
        self.expected += other.expected;
        self.found += other.found;
        self.compliant += other.compliant;
        self.false_alarms += other.false_alarms;
    }
}

#[test]
fn corpus_recall_and_false_alarms() {
    let checker = Checker::builtin();
    let mut total = Tally::default();
    let mut problems = Vec::new();
    let mut failed = Vec::new();
    println!("{:<16} {:>6} {:>9} {:>8} {:>12}", "corpus", "drafts", "compliant", "recall", "false alarms");
    for (lang, suffix) in LANGS.iter().flat_map(|l| CORPORA.iter().map(move |s| (*l, *s))) {
        let name = format!("{lang}{suffix}");
        let path = format!("{CORPUS}/{name}.jsonl");
        let body = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut tally = Tally::default();
        for (n, line) in body.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let draft: Draft = serde_json::from_str(line).unwrap_or_else(|e| panic!("{path}:{}: {e}", n + 1));
            let context = CheckContext { marketplace: draft.marketplace, buyer_language: draft.buyer_language, proactive: draft.proactive };
            let result = checker.check(&draft.text, &context).expect("check");
            let found: BTreeSet<Category> = result.findings.iter().map(|f| f.category).collect();
            tally.drafts += 1;
            if draft.expect.is_empty() {
                tally.compliant += 1;
                let alarms: Vec<String> = result
                    .findings
                    .iter()
                    .filter(|f| f.severity != Severity::Style)
                    .map(|f| format!("{} {:?}", f.rule, &draft.text[f.span.start..f.span.end]))
                    .collect();
                if !alarms.is_empty() {
                    tally.false_alarms += 1;
                    problems.push(format!("{name}:{} false alarm {alarms:?} in {:?}", n + 1, draft.text));
                }
            } else {
                for category in &draft.expect {
                    tally.expected += 1;
                    if found.contains(category) {
                        tally.found += 1;
                    } else {
                        problems.push(format!("{name}:{} missed {category} in {:?} (found {found:?})", n + 1, draft.text));
                    }
                }
            }
        }
        println!(
            "{name:<16} {:>6} {:>9} {:>8.3} {:>11.1}%",
            tally.drafts,
            tally.compliant,
            tally.recall(),
            tally.false_alarm_rate() * 100.0
        );
        if tally.recall() < MIN_RECALL || tally.false_alarm_rate() > MAX_FALSE_ALARMS {
            failed.push(name);
        }
        total.add(&tally);
    }
    println!(
        "{:<16} {:>6} {:>9} {:>8.3} {:>11.1}%",
        "all",
        total.drafts,
        total.compliant,
        total.recall(),
        total.false_alarm_rate() * 100.0
    );
    for p in &problems {
        println!("  {p}");
    }
    assert!(total.drafts >= 400, "the corpus needs at least 400 drafts, has {}", total.drafts);
    assert!(total.recall() >= MIN_RECALL && total.false_alarm_rate() <= MAX_FALSE_ALARMS, "overall below threshold");
    assert!(failed.is_empty(), "below threshold in: {failed:?}");
}

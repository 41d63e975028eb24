//! Audits the risk phrase rules against the labelled corpus: for each risk,
//! the messages the rules miss and the ones they flag without the label,
//! with the split (train/test) and which rule fired.
//!
//! ```text
//! cargo run --release --example risk_audit                     # every risk, summary
//! cargo run --release --example risk_audit -- legal safety     # list misses and false alarms
//! cargo run --release --example risk_audit -- --rules FILE legal
//! ```
//! `RISK_AUDIT_HITS=1` also lists, for each labelled message caught, the
//! phrases that caught it.
//! The rules are read from `data/model/risk_rules.json` at run time (not the
//! embedded copy), so edits are measured without a rebuild.

use tactful::classify::risk::RiskRules;
use tactful::classify::training::corpus::Corpus;
use tactful::classify::Prepared;
use tactful::contract::Risk;

fn main() {
    let mut path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/model/risk_rules.json");
    let mut wanted: Vec<Risk> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--rules" {
            path = args.next().expect("--rules FILE").into();
        } else {
            wanted.push(Risk::ALL.iter().copied().find(|r| r.as_str() == a).unwrap_or_else(|| panic!("unknown risk {a}")));
        }
    }
    let rules = RiskRules::from_json(&std::fs::read_to_string(&path).expect("rules file")).expect("rules compile");
    let corpus = Corpus::load(&Corpus::default_dir()).expect("corpus");
    let mut rows = Vec::new();
    for ex in &corpus.examples {
        let p = Prepared::new(&ex.text);
        let found = rules.find(&p.normalized.text, p.detected);
        rows.push((ex, found));
    }
    println!("{:<16} {:>6} {:>6} {:>6} {:>9} {:>9} {:>9} {:>9}", "risk", "gold", "tp", "fp", "rec.all", "prec.all", "rec.test", "prec.test");
    for &risk in Risk::ALL {
        let mut c = [[0usize; 3]; 2]; // [split][tp, fp, fn]
        for (ex, found) in &rows {
            let gold = ex.risks.contains(&risk);
            let hit = found.iter().any(|m| m.risk == risk);
            let s = usize::from(ex.is_test());
            match (gold, hit) {
                (true, true) => c[s][0] += 1,
                (false, true) => c[s][1] += 1,
                (true, false) => c[s][2] += 1,
                _ => {}
            }
        }
        let ratio = |a: usize, b: usize| if a + b == 0 { 0.0 } else { a as f64 / (a + b) as f64 };
        let all = [c[0][0] + c[1][0], c[0][1] + c[1][1], c[0][2] + c[1][2]];
        println!(
            "{:<16} {:>6} {:>6} {:>6} {:>9.3} {:>9.3} {:>9.3} {:>9.3}",
            risk.as_str(),
            all[0] + all[2],
            all[0],
            all[1],
            ratio(all[0], all[2]),
            ratio(all[0], all[1]),
            ratio(c[1][0], c[1][2]),
            ratio(c[1][0], c[1][1])
        );
    }
    for &risk in &wanted {
        println!("\n== {}: missed ==", risk.as_str());
        for (ex, found) in &rows {
            if ex.risks.contains(&risk) && !found.iter().any(|m| m.risk == risk) {
                println!("[{} {}] {}", ex.lang.as_str(), if ex.is_test() { "test" } else { "train" }, ex.text);
            }
        }
        if std::env::var_os("RISK_AUDIT_HITS").is_some() {
            println!("\n== {}: caught, by phrase ==", risk.as_str());
            for (ex, found) in &rows {
                if ex.risks.contains(&risk) {
                    let p = Prepared::new(&ex.text);
                    let phrases: Vec<&str> =
                        found.iter().filter(|m| m.risk == risk).map(|m| &p.normalized.text[m.span.start..m.span.end]).collect();
                    if !phrases.is_empty() {
                        println!("[{} {}] {:?}", ex.lang.as_str(), if ex.is_test() { "test" } else { "train" }, phrases);
                    }
                }
            }
        }
        println!("\n== {}: flagged without the label ==", risk.as_str());
        for (ex, found) in &rows {
            if !ex.risks.contains(&risk) {
                for m in found.iter().filter(|m| m.risk == risk) {
                    let p = Prepared::new(&ex.text);
                    let phrase = &p.normalized.text[m.span.start..m.span.end];
                    println!(
                        "[{} {}] ({} {:?}) {}",
                        ex.lang.as_str(),
                        if ex.is_test() { "test" } else { "train" },
                        m.rule,
                        phrase,
                        ex.text
                    );
                }
            }
        }
    }
}

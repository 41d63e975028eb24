//! The EMBEDDED intent model scored on the corpus's held-out split (the
//! split the trainer uses, `Example::is_test`), through the public
//! `Classifier::classify` pipeline, rules included.
//!
//! - `embedded_model_matches_its_metrics`: the scores equal the ones the
//!   trainer recorded in `data/model/intent.json`, so a model that is stale
//!   against the corpus, the features, the text layer or the risk rules
//!   fails the build (retrain: `cargo run --release --bin train`).
//! - `heldout_floors`: what the shipped model achieves today, as floors that
//!   catch a regression.
//! - `heldout_issue_targets` (ignored until met): the targets of issue 4,
//!   macro-F1 ≥ 0.92 overall and ≥ 0.88 per language, recall ≥ 0.95 for
//!   a_to_z, chargeback, legal and safety. Run with `--ignored` to see the gap.

use tactful::classify::training::corpus::Corpus;
use tactful::classify::training::{evaluate, metrics};
use tactful::classify::Classifier;
use tactful::contract::{Lang, Risk};

struct Scores {
    overall: f64,
    by_lang: Vec<(Lang, f64, usize)>,
    risk_recall: Vec<(Risk, f64)>,
    risk_precision: Vec<(Risk, f64)>,
    ece: f64,
    secondary_f1: f64,
}

fn scores() -> Scores {
    let corpus = Corpus::load(&Corpus::default_dir()).expect("corpus");
    assert!(corpus.rejected.is_empty(), "corpus lines that do not parse: {:?}", corpus.rejected);
    let (_, test) = corpus.split();
    assert!(test.len() > 900, "held-out split has only {} messages", test.len());
    let (scored, _) = evaluate(&Classifier::builtin(), &test);
    assert_eq!(scored.len(), test.len(), "every held-out message classifies");
    let refs: Vec<&metrics::Scored> = scored.iter().collect();
    Scores {
        overall: metrics::macro_f1(&refs),
        by_lang: metrics::macro_f1_by_lang(&scored),
        risk_recall: Risk::ALL.iter().copied().zip(metrics::per_risk(&scored).iter().map(|p| p.recall)).collect(),
        risk_precision: Risk::ALL.iter().copied().zip(metrics::per_risk(&scored).iter().map(|p| p.precision)).collect(),
        ece: metrics::reliability(&scored).1,
        secondary_f1: metrics::secondary(&scored).f1,
    }
}

fn recorded() -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/model/intent.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("intent.json")).expect("intent.json parses")
}

#[test]
fn embedded_model_matches_its_metrics() {
    let s = scores();
    let meta = recorded();
    let m = &meta["metrics"];
    let close = |a: f64, b: &serde_json::Value, what: &str| {
        let b = b.as_f64().unwrap_or(f64::NAN);
        assert!((a - b).abs() < 1e-9, "{what}: embedded model scores {a}, intent.json records {b}: retrain");
    };
    close(s.overall, &m["test_macro_f1"], "macro-F1");
    for (lang, f, _) in &s.by_lang {
        close(*f, &m["test_macro_f1_by_lang"][lang.as_str()], &format!("macro-F1 {lang}"));
    }
    for (risk, r) in &s.risk_recall {
        close(*r, &m["test_risk_recall"][risk.as_str()], &format!("recall {risk}"));
    }
    close(s.ece, &m["test_expected_calibration_error"], "calibration error");
    close(s.secondary_f1, &m["test_secondary_f1"], "secondary-intent F1");
}

#[test]
fn heldout_floors() {
    let s = scores();
    // Today (2026-12-04, 26,414-message corpus, 5,255 held out, 10,000
    // rows): macro-F1 0.840, per language 0.80 (es) to 0.86 (ja); recall
    // (precision) a_to_z 0.93 (0.81), chargeback 0.92 (0.71), legal 0.95
    // (0.57), safety 0.95 (0.59), the thresholds fitted for recall first.
    // The floors leave room for a retrain on a grown corpus, not for a
    // model that got worse.
    assert!(s.overall >= 0.80, "macro-F1 {:.4} < 0.80", s.overall);
    for (lang, f, n) in &s.by_lang {
        assert!(*f >= 0.75, "macro-F1 {lang} {f:.4} < 0.75 ({n} messages)");
    }
    let costly = |risk: &Risk| matches!(risk, Risk::AToZ | Risk::Chargeback | Risk::Legal | Risk::Safety);
    for (risk, r) in &s.risk_recall {
        let floor = if costly(risk) { 0.88 } else { 0.50 };
        assert!(*r >= floor, "recall {risk} {r:.3} < {floor}");
    }
    // Recall bought by flagging everything would bury the real threats.
    for (risk, p) in s.risk_precision.iter().filter(|(r, _)| costly(r)) {
        assert!(*p >= 0.45, "precision {risk} {p:.3} < 0.45");
    }
    assert!(s.ece <= 0.08, "expected calibration error {:.4} > 0.08", s.ece);
    // Today 0.383 (precision 0.34, recall 0.44) with the concept table;
    // the model's runner-ups alone gave 0.10.
    assert!(s.secondary_f1 >= 0.30, "secondary-intent F1 {:.4} < 0.30", s.secondary_f1);
}

#[test]
#[ignore = "issue 4 targets are not met by the linear model yet; run with --ignored to print the gap"]
fn heldout_issue_targets() {
    let s = scores();
    let mut gaps = Vec::new();
    if s.overall < 0.92 {
        gaps.push(format!("macro-F1 {:.4} < 0.92", s.overall));
    }
    for (lang, f, _) in &s.by_lang {
        if *f < 0.88 {
            gaps.push(format!("macro-F1 {lang} {f:.4} < 0.88"));
        }
    }
    for (risk, r) in &s.risk_recall {
        if matches!(risk, Risk::AToZ | Risk::Chargeback | Risk::Legal | Risk::Safety) && *r < 0.95 {
            gaps.push(format!("recall {risk} {r:.3} < 0.95"));
        }
    }
    assert!(gaps.is_empty(), "{}", gaps.join("\n"));
}

//! Scores of a classifier on labelled messages: per-intent precision,
//! recall and F1, macro-F1 overall and per language, the confusion matrix,
//! risk-flag precision and recall, secondary-intent detection and a
//! reliability table (is a confidence of 0.9 right 9 times in 10?).

use crate::contract::{Intent, Lang, Risk};
use std::fmt::Write;

/// Index of an intent in [`Intent::ALL`].
pub fn intent_index(i: Intent) -> usize {
    Intent::ALL.iter().position(|&x| x == i).unwrap_or(Intent::ALL.len() - 1)
}

/// Precision, recall, F1 and support of one label.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

impl Prf {
    /// F-beta: `beta` > 1 weighs recall above precision.
    pub fn f_beta(&self, beta: f64) -> f64 {
        let b2 = beta * beta;
        let d = b2 * self.precision + self.recall;
        if d == 0.0 {
            0.0
        } else {
            (1.0 + b2) * self.precision * self.recall / d
        }
    }

    fn from_counts(tp: usize, fp: usize, fn_: usize) -> Prf {
        let p = if tp + fp == 0 { 0.0 } else { tp as f64 / (tp + fp) as f64 };
        let r = if tp + fn_ == 0 { 0.0 } else { tp as f64 / (tp + fn_) as f64 };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        Prf { precision: p, recall: r, f1: f, support: tp + fn_ }
    }
}

/// One prediction with its gold labels.
#[derive(Clone, Debug)]
pub struct Scored {
    pub lang: Lang,
    pub gold: Intent,
    pub gold_also: Vec<Intent>,
    pub gold_risks: Vec<Risk>,
    pub predicted: Intent,
    pub confidence: f32,
    pub predicted_also: Vec<Intent>,
    pub predicted_risks: Vec<Risk>,
}

/// Confusion matrix: `m[gold][predicted]`.
pub fn confusion(scored: &[&Scored]) -> Vec<Vec<usize>> {
    let n = Intent::ALL.len();
    let mut m = vec![vec![0usize; n]; n];
    for s in scored {
        m[intent_index(s.gold)][intent_index(s.predicted)] += 1;
    }
    m
}

/// Per-intent scores, in [`Intent::ALL`] order.
pub fn per_intent(scored: &[&Scored]) -> Vec<Prf> {
    let m = confusion(scored);
    let n = m.len();
    (0..n)
        .map(|i| {
            let tp = m[i][i];
            let fp: usize = (0..n).filter(|&g| g != i).map(|g| m[g][i]).sum();
            let fn_: usize = (0..n).filter(|&p| p != i).map(|p| m[i][p]).sum();
            Prf::from_counts(tp, fp, fn_)
        })
        .collect()
}

/// Mean F1 over the intents that occur in the gold labels or predictions.
pub fn macro_f1(scored: &[&Scored]) -> f64 {
    let m = confusion(scored);
    let prf = per_intent(scored);
    let used: Vec<f64> = (0..m.len())
        .filter(|&i| prf[i].support > 0 || m.iter().any(|row| row[i] > 0))
        .map(|i| prf[i].f1)
        .collect();
    if used.is_empty() {
        0.0
    } else {
        used.iter().sum::<f64>() / used.len() as f64
    }
}

/// Macro-F1 of the messages of each language present, in [`Lang::ALL`] order.
pub fn macro_f1_by_lang(scored: &[Scored]) -> Vec<(Lang, f64, usize)> {
    Lang::ALL
        .iter()
        .filter_map(|&l| {
            let subset: Vec<&Scored> = scored.iter().filter(|s| s.lang == l).collect();
            (!subset.is_empty()).then(|| (l, macro_f1(&subset), subset.len()))
        })
        .collect()
}

/// Precision/recall of each risk flag, in [`Risk::ALL`] order.
pub fn per_risk(scored: &[Scored]) -> Vec<Prf> {
    Risk::ALL
        .iter()
        .map(|&r| {
            let tp = scored.iter().filter(|s| s.gold_risks.contains(&r) && s.predicted_risks.contains(&r)).count();
            let fp = scored.iter().filter(|s| !s.gold_risks.contains(&r) && s.predicted_risks.contains(&r)).count();
            let fn_ = scored.iter().filter(|s| s.gold_risks.contains(&r) && !s.predicted_risks.contains(&r)).count();
            Prf::from_counts(tp, fp, fn_)
        })
        .collect()
}

/// Micro precision/recall of secondary intents.
pub fn secondary(scored: &[Scored]) -> Prf {
    secondary_of(scored.iter().map(|s| (s.predicted_also.as_slice(), s.gold_also.as_slice())))
}

/// Micro precision/recall of secondary intents over (predicted, gold)
/// lists: what [`secondary`] reports, and what the secondary table is
/// fitted for.
pub fn secondary_of<'a>(pairs: impl IntoIterator<Item = (&'a [Intent], &'a [Intent])>) -> Prf {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for (predicted, gold) in pairs {
        tp += predicted.iter().filter(|i| gold.contains(i)).count();
        fp += predicted.iter().filter(|i| !gold.contains(i)).count();
        fn_ += gold.iter().filter(|i| !predicted.contains(i)).count();
    }
    Prf::from_counts(tp, fp, fn_)
}

/// One confidence bin: range, count, mean confidence, accuracy.
#[derive(Clone, Copy, Debug)]
pub struct Bin {
    pub low: f32,
    pub high: f32,
    pub count: usize,
    pub confidence: f64,
    pub accuracy: f64,
}

/// Ten equal-width confidence bins and the expected calibration error
/// (count-weighted mean gap between confidence and accuracy).
pub fn reliability(scored: &[Scored]) -> (Vec<Bin>, f64) {
    let mut bins: Vec<Bin> = (0..10)
        .map(|k| Bin { low: k as f32 / 10.0, high: (k + 1) as f32 / 10.0, count: 0, confidence: 0.0, accuracy: 0.0 })
        .collect();
    for s in scored {
        let k = ((s.confidence * 10.0) as usize).min(9);
        bins[k].count += 1;
        bins[k].confidence += f64::from(s.confidence);
        bins[k].accuracy += if s.gold == s.predicted { 1.0 } else { 0.0 };
    }
    let mut ece = 0.0;
    for b in &mut bins {
        if b.count > 0 {
            b.confidence /= b.count as f64;
            b.accuracy /= b.count as f64;
            ece += (b.confidence - b.accuracy).abs() * b.count as f64;
        }
    }
    (bins, if scored.is_empty() { 0.0 } else { ece / scored.len() as f64 })
}

/// The full printed report.
pub fn report(title: &str, scored: &[Scored]) -> String {
    let all: Vec<&Scored> = scored.iter().collect();
    let mut out = String::new();
    let _ = writeln!(out, "== {title}: {} messages ==", scored.len());
    let _ = writeln!(out, "{:<18} {:>9} {:>9} {:>9} {:>8}", "intent", "precision", "recall", "f1", "support");
    for (i, p) in per_intent(&all).iter().enumerate() {
        let _ = writeln!(
            out,
            "{:<18} {:>9.3} {:>9.3} {:>9.3} {:>8}",
            Intent::ALL[i].as_str(),
            p.precision,
            p.recall,
            p.f1,
            p.support
        );
    }
    let _ = writeln!(out, "macro-F1 overall: {:.4}", macro_f1(&all));
    for (l, f, n) in macro_f1_by_lang(scored) {
        let _ = writeln!(out, "macro-F1 {:<7}: {f:.4} ({n} messages)", l.as_str());
    }
    let _ = writeln!(out, "\nconfusion (rows = gold, columns = predicted):");
    let short: Vec<String> = Intent::ALL.iter().map(|i| i.as_str().chars().take(5).collect()).collect();
    let _ = writeln!(out, "{:<18} {}", "", short.iter().map(|s| format!("{s:>5}")).collect::<Vec<_>>().join(" "));
    for (i, row) in confusion(&all).iter().enumerate() {
        let cells = row.iter().map(|c| format!("{c:>5}")).collect::<Vec<_>>().join(" ");
        let _ = writeln!(out, "{:<18} {cells}", Intent::ALL[i].as_str());
    }
    let _ = writeln!(out, "\nrisk flags:");
    let _ = writeln!(out, "{:<18} {:>9} {:>9} {:>9} {:>8}", "risk", "precision", "recall", "f1", "support");
    for (i, p) in per_risk(scored).iter().enumerate() {
        let _ = writeln!(
            out,
            "{:<18} {:>9.3} {:>9.3} {:>9.3} {:>8}",
            Risk::ALL[i].as_str(),
            p.precision,
            p.recall,
            p.f1,
            p.support
        );
    }
    let s = secondary(scored);
    let _ = writeln!(
        out,
        "\nsecondary intents: precision {:.3} recall {:.3} f1 {:.3} ({} labelled)",
        s.precision, s.recall, s.f1, s.support
    );
    let (bins, ece) = reliability(scored);
    let _ = writeln!(out, "\nreliability (confidence bin: messages, mean confidence, accuracy):");
    for b in bins.iter().filter(|b| b.count > 0) {
        let _ = writeln!(
            out,
            "  {:.1}-{:.1}: {:>5}  conf {:.3}  acc {:.3}",
            b.low, b.high, b.count, b.confidence, b.accuracy
        );
    }
    let _ = writeln!(out, "expected calibration error: {ece:.4}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(gold: Intent, predicted: Intent) -> Scored {
        Scored {
            lang: Lang::En,
            gold,
            gold_also: vec![],
            gold_risks: vec![],
            predicted,
            confidence: 0.95,
            predicted_also: vec![],
            predicted_risks: vec![],
        }
    }

    #[test]
    fn macro_f1_on_a_known_table() {
        let v = [
            s(Intent::OrderStatus, Intent::OrderStatus),
            s(Intent::OrderStatus, Intent::NotReceived),
            s(Intent::NotReceived, Intent::NotReceived),
        ];
        let refs: Vec<&Scored> = v.iter().collect();
        let prf = per_intent(&refs);
        assert_eq!(prf[0].precision, 1.0);
        assert_eq!(prf[0].recall, 0.5);
        assert_eq!(prf[1].precision, 0.5);
        // Both F1s are 2/3.
        assert!((macro_f1(&refs) - 2.0 / 3.0).abs() < 1e-9);
        let (bins, _) = reliability(&v);
        assert_eq!(bins[9].count, 3);
        assert!((bins[9].accuracy - 2.0 / 3.0).abs() < 1e-9);
    }
}

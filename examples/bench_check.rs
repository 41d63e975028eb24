//! Checker speed: `cargo run --release --example bench_check`.
//! Prints the compile time of the built-in rules, then median and p99 per
//! draft size (100, 500, 2,000, 20,000 characters) for each of the six
//! languages, then one 5 MB draft. Numbers, not assertions.

use std::time::{Duration, Instant};
use tactful::check::{CheckContext, Checker};
use tactful::contract::Marketplace;

/// A paragraph per language mixing compliant text with a few violations,
/// so the rules have work to do.
const SAMPLES: &[(&str, Marketplace, &str)] = &[
    ("en", Marketplace::Us, "Thank you for letting us know about the damaged kettle. We have sent a replacement today and it will arrive by Friday; no need to return the item. If you are happy, please leave 5 stars, and we will ship soon!!! Email sam@shop.com or see www.myshop.com. "),
    ("de", Marketplace::De, "Vielen Dank für Ihre Nachricht zum beschädigten Wasserkocher. Wir haben heute Ersatz verschickt, er kommt bis Freitag an; Sie müssen den Artikel nicht zurücksenden. Wir kümmern uns bald um deine Bewertung, schreib uns an info@shop.de!!! "),
    ("fr", Marketplace::Fr, "Merci pour votre message concernant la bouilloire endommagée. Nous avons envoyé un remplacement aujourd'hui, il arrivera d'ici vendredi. Nous traiterons ta demande dans les plus brefs délais, code promo MERCI10 sur www.boutique.fr. "),
    ("it", Marketplace::It, "Grazie per il suo messaggio sul bollitore danneggiato. Abbiamo spedito oggi la sostituzione, arriverà entro venerdì. La rimborseremo il prima possibile, ci lasci 5 stelle e seguici su Instagram. "),
    ("es", Marketplace::Es, "Gracias por su mensaje sobre el hervidor dañado. Hemos enviado hoy un reemplazo y llegará antes del viernes. Le reembolsaremos lo antes posible; déjenos 5 estrellas y use el código de descuento en www.tienda.es. "),
    ("ja", Marketplace::Jp, "ご連絡いただきありがとうございます。破損した商品について、本日代替品を発送いたしました。3月14日までにお届けの予定です。できるだけ早く対応するよ。星5の評価をお願いいたします。LINEで友だち追加してください。"),
];

const SIZES: &[usize] = &[100, 500, 2_000, 20_000];

fn draft(paragraph: &str, chars: usize) -> String {
    paragraph.chars().cycle().take(chars).collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let started = Instant::now();
    let checker = Checker::builtin();
    println!("built-in rules compiled in {:?}", started.elapsed());
    println!("{:<4} {:>7} {:>6} {:>11} {:>11} {:>9}", "lang", "chars", "runs", "median", "p99", "findings");
    for (lang, marketplace, paragraph) in SAMPLES {
        let context = CheckContext { marketplace: *marketplace, buyer_language: None, proactive: false };
        for &size in SIZES {
            let text = draft(paragraph, size);
            let runs = (400_000 / size).clamp(50, 2_000);
            let findings = checker.check(&text, &context).map(|r| r.findings.len()).unwrap_or(0);
            let mut times = Vec::with_capacity(runs);
            for _ in 0..runs {
                let t = Instant::now();
                let result = checker.check(&text, &context);
                times.push(t.elapsed());
                std::hint::black_box(result.ok());
            }
            times.sort();
            println!(
                "{lang:<4} {size:>7} {runs:>6} {:>11} {:>11} {findings:>9}",
                format!("{:.1?}", percentile(&times, 0.5)),
                format!("{:.1?}", percentile(&times, 0.99))
            );
        }
    }
    let huge = draft(SAMPLES[0].2, 5_000_000);
    let t = Instant::now();
    let findings = checker.check(&huge, &CheckContext::default()).map(|r| r.findings.len()).unwrap_or(0);
    println!("5,000,000-char draft: {findings} findings in {:.1?}", t.elapsed());
}

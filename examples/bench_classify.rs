//! Classifier speed and size: `cargo run --release --example bench_classify`.
//!
//! Times `Classifier::classify` on a 1,000-character message in each of the
//! six languages (after a warm-up), printing median and p99 per call, and
//! the size of the embedded model data, raw and gzip -9 (via the `gzip`
//! command when present). Wasm speed is measured by the wasm bench of the
//! build; this is the native figure.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Instant;
use tactful::classify::{Classifier, ClassifyContext};

const RUNS: usize = 2_000;

/// Repeats `seed` up to 1,000 characters (cut on a char boundary).
fn thousand_chars(seed: &str) -> String {
    seed.chars().cycle().take(1_000).collect()
}

fn gzip_len(bytes: &[u8]) -> Option<usize> {
    let mut child = Command::new("gzip").arg("-9c").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().ok()?;
    child.stdin.take()?.write_all(bytes).ok()?;
    Some(child.wait_with_output().ok()?.stdout.len())
}

fn main() {
    let classifier = Classifier::builtin();
    let ctx = ClassifyContext::default();
    let messages = [
        "Hello, my order 113-4455667-2233445 arrived yesterday but the kettle is cracked and it leaks. I would like a replacement or a refund please. ",
        "Guten Tag, meine Bestellung ist immer noch nicht angekommen, obwohl sie als zugestellt markiert ist. Bitte um Rückmeldung. ",
        "Bonjour, je n'ai toujours pas reçu ma commande et le suivi ne bouge plus depuis une semaine. Pouvez-vous vérifier ? ",
        "Buongiorno, vorrei restituire l'articolo perché la taglia è sbagliata. Mi potete mandare l'etichetta per il reso? ",
        "Hola, quiero cancelar mi pedido antes de que lo envíen, ya no lo necesito. Gracias. ",
        "注文した商品がまだ届いていません。追跡番号を教えていただけますでしょうか。よろしくお願いいたします。",
    ];
    let mut all = Vec::with_capacity(RUNS * messages.len());
    for seed in messages {
        let text = thousand_chars(seed);
        for _ in 0..50 {
            let _ = classifier.classify(&text, &ctx);
        }
        for _ in 0..RUNS {
            let start = Instant::now();
            let result = classifier.classify(&text, &ctx);
            all.push(start.elapsed().as_secs_f64() * 1e6);
            assert!(result.is_ok());
        }
    }
    all.sort_by(f64::total_cmp);
    let at = |q: f64| all[((all.len() - 1) as f64 * q).round() as usize];
    println!("classify, 1,000 chars, {} calls over 6 languages: median {:.1} µs, p99 {:.1} µs", all.len(), at(0.5), at(0.99));

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/model");
    let mut total_raw = 0;
    let mut total_gz = 0;
    for name in ["intent.bin", "risk_rules.json", "concepts.json", "intent_rules.json"] {
        let bytes = std::fs::read(root.join(name)).unwrap_or_default();
        let gz = gzip_len(&bytes);
        total_raw += bytes.len();
        total_gz += gz.unwrap_or(0);
        println!(
            "  data/model/{name}: {} bytes raw, {} gzip -9",
            bytes.len(),
            gz.map_or("n/a".to_string(), |g| format!("{g} bytes"))
        );
    }
    println!("embedded classifier data: {total_raw} bytes raw, {total_gz} bytes gzip -9 (sum of the files)");
    println!("model: {} kept buckets × {} outputs", classifier.model().rows(), classifier.model().outputs());
}

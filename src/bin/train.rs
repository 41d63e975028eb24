//! Trains, evaluates and exports the intent model.
//!
//! ```text
//! cargo run --release --bin train                  # train on data/corpus, write data/model/intent.{bin,json}, print metrics
//! cargo run --release --bin train -- --eval        # score the EMBEDDED model on the held-out split (no training)
//! cargo run --release --bin train -- --eval --json # the same, one JSON line (used by tests/compare)
//! cargo run --release --bin train -- --export-split DIR   # write DIR/train.jsonl and DIR/test.jsonl
//! ```
//! `--corpus DIR` reads another corpus directory; `--hyper epochs=30,lr=0.5`
//! overrides training settings for experiments (the shipped model uses the
//! defaults in `src/classify/training/sgd.rs`).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    if let Err(e) = native::run() {
        eprintln!("train: {e}");
        std::process::exit(2);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use serde_json::json;
    use std::path::{Path, PathBuf};
    use tactful::classify::training::corpus::{Corpus, Example};
    use tactful::classify::training::sgd::Hyper;
    use tactful::classify::training::{self, metrics};
    use tactful::classify::Classifier;

    enum Mode {
        Train,
        Eval { json: bool },
        Export(PathBuf),
    }

    pub fn run() -> Result<(), String> {
        let mut mode = Mode::Train;
        let mut corpus_dir = Corpus::default_dir();
        let mut json_out = false;
        let mut hyper = Hyper::default();
        let mut args = std::env::args().skip(1);
        while let Some(a) = args.next() {
            match a.as_str() {
                "--eval" => mode = Mode::Eval { json: false },
                "--json" => json_out = true,
                "--export-split" => mode = Mode::Export(args.next().ok_or("--export-split needs a directory")?.into()),
                "--corpus" => corpus_dir = args.next().ok_or("--corpus needs a directory")?.into(),
                "--hyper" => set_hyper(&mut hyper, &args.next().ok_or("--hyper needs key=value[,key=value]")?)?,
                other => return Err(format!("unknown argument {other:?} (see src/bin/train.rs)")),
            }
        }
        if let Mode::Eval { json } = &mut mode {
            *json = json_out;
        }
        let corpus = Corpus::load(&corpus_dir)?;
        for r in &corpus.rejected {
            eprintln!("skipped {r}");
        }
        match mode {
            Mode::Train => train(&corpus, &hyper),
            Mode::Eval { json } => eval(&corpus, json),
            Mode::Export(dir) => export(&corpus, &dir),
        }
    }

    fn model_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/model")
    }

    fn set_hyper(h: &mut Hyper, spec: &str) -> Result<(), String> {
        for kv in spec.split(',') {
            let (k, v) = kv.split_once('=').ok_or_else(|| format!("--hyper: {kv:?} is not key=value"))?;
            let f: f64 = v.parse().map_err(|_| format!("--hyper: {v:?} is not a number"))?;
            match k {
                "epochs" => h.epochs = f as usize,
                "lr" => h.lr = f as f32,
                "l2" => h.l2 = f as f32,
                "l1" => h.l1 = f as f32,
                "primary_share" => h.primary_share = f as f32,
                "risk_positive_weight" => h.risk_positive_weight = f as f32,
                "seed" => h.seed = f as u64,
                "max_rows" => h.max_rows = f as usize,
                "also_weight" => h.also_weight = f as f32,
                "svm_c" => h.svm_c = f as f32,
                "svm_epochs" => h.svm_epochs = f as usize,
                _ => return Err(format!("--hyper: unknown setting {k:?}")),
            }
        }
        Ok(())
    }

    fn train(corpus: &Corpus, hyper: &Hyper) -> Result<(), String> {
        let rules = std::fs::read_to_string(model_dir().join("risk_rules.json")).map_err(|e| e.to_string())?;
        let start = std::time::Instant::now();
        let trained = training::train(&corpus.examples, &rules, hyper)?;
        print!("{}", trained.report);
        std::fs::write(model_dir().join("intent.bin"), &trained.model).map_err(|e| e.to_string())?;
        let meta = serde_json::to_string_pretty(&trained.meta).map_err(|e| e.to_string())?;
        std::fs::write(model_dir().join("intent.json"), meta + "\n").map_err(|e| e.to_string())?;
        let secondary = serde_json::to_string_pretty(&trained.secondary).map_err(|e| e.to_string())?;
        std::fs::write(model_dir().join("secondary.json"), secondary + "\n").map_err(|e| e.to_string())?;
        println!(
            "wrote data/model/intent.bin ({} bytes), intent.json and secondary.json in {:.1} s; rebuild to embed them",
            trained.model.len(),
            start.elapsed().as_secs_f64()
        );
        Ok(())
    }

    fn eval(corpus: &Corpus, as_json: bool) -> Result<(), String> {
        let (_, test) = corpus.split();
        let classifier = Classifier::builtin();
        let (scored, times) = training::evaluate(&classifier, &test);
        let (p50, p99) = training::latency(&times);
        let mean = times.iter().map(|t| t.as_secs_f64()).sum::<f64>() / times.len().max(1) as f64 * 1e6;
        let refs: Vec<&metrics::Scored> = scored.iter().collect();
        if as_json {
            let line = json!({
                "messages": scored.len(),
                "macro_f1": metrics::macro_f1(&refs),
                "by_lang": metrics::macro_f1_by_lang(&scored).iter()
                    .map(|(l, f, _)| (l.as_str().to_string(), json!(f))).collect::<serde_json::Map<_, _>>(),
                "accuracy": scored.iter().filter(|s| s.gold == s.predicted).count() as f64 / scored.len().max(1) as f64,
                "latency_us": {"mean": mean, "median": p50, "p99": p99},
            });
            println!("{line}");
        } else {
            print!("{}", metrics::report("embedded model on the held-out test split", &scored));
            println!("classify latency: mean {mean:.1} µs, median {p50:.1} µs, p99 {p99:.1} µs");
        }
        Ok(())
    }

    fn export(corpus: &Corpus, dir: &Path) -> Result<(), String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let (train, test) = corpus.split();
        let write = |name: &str, part: &[&Example]| -> Result<(), String> {
            let body: String = part
                .iter()
                .map(|e| serde_json::to_string(e).map(|s| s + "\n").map_err(|e| e.to_string()))
                .collect::<Result<_, _>>()?;
            std::fs::write(dir.join(name), body).map_err(|e| e.to_string())
        };
        write("train.jsonl", &train)?;
        write("test.jsonl", &test)?;
        println!("wrote {} training and {} test messages to {}", train.len(), test.len(), dir.display());
        Ok(())
    }
}

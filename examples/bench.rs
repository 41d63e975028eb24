//! Native engine latency for the benchmark (`make bench`): times `check`
//! (seller drafts), `classify` and `suggest` (buyer messages) on the fixed
//! inputs of `bench/inputs.json` (six languages × 100/500/2,000/20,000
//! characters), the same text the Node and Chromium runs time.
//!
//! Each call goes through `tactful::wire`, as the CLI and the WASM binding
//! do (engine + UTF-16 spans), so the numbers compare with theirs; only the
//! JSON text that crosses into JavaScript is left out here.
//!
//! Prints one JSON object on stdout: `{"engine_build_us", "huge_check":
//! {"chars", "ms", "findings"}, "cells": [{"op", "lang", "size", "runs",
//! "median_us", "p99_us"}, …]}`. `bench/run.mjs` reads it.
//!
//!     cargo run --release --example bench [-- --quick]

use serde_json::{json, Map, Value};
use std::hint::black_box;
use std::time::{Duration, Instant};
use tactful::check::CheckContext;
use tactful::classify::ClassifyContext;
use tactful::suggest::{Profile, SuggestContext};
use tactful::wire::{self, parse_options};
use tactful::Engine;

/// The same inputs every surface times (generated, committed data).
const INPUTS: &str = include_str!("../bench/inputs.json");

/// A fixed "now" (2026-05-11 UTC) so `suggest` computes the same dates on
/// every run and every surface.
const NOW_MS: i64 = 1_778_500_000_000;

/// The marketplace whose language each input is written in.
fn marketplace(lang: &str) -> &'static str {
    match lang {
        "de" => "DE",
        "fr" => "FR",
        "it" => "IT",
        "es" => "ES",
        "ja" => "JP",
        _ => "US",
    }
}

/// Times `f` until `budget` is spent (at least `min_runs`, at most
/// `max_runs` runs) after a short warm-up; returns per-call microseconds.
fn sample(budget: Duration, min_runs: usize, max_runs: usize, mut f: impl FnMut()) -> Vec<f64> {
    for _ in 0..3 {
        f();
    }
    let mut times = Vec::new();
    let started = Instant::now();
    while times.len() < max_runs && (times.len() < min_runs || started.elapsed() < budget) {
        let t = Instant::now();
        f();
        times.push(t.elapsed().as_secs_f64() * 1e6);
    }
    times
}

/// The value at quantile `q` (nearest rank) of sorted `xs`.
fn quantile(xs: &[f64], q: f64) -> f64 {
    let rank = ((q * xs.len() as f64).ceil() as usize).clamp(1, xs.len());
    xs[rank - 1]
}

/// Parses an options object the way the CLI does; exits on a bad one.
fn options<T: serde::de::DeserializeOwned + Default>(what: &'static str, json: &str) -> T {
    parse_options(what, json).unwrap_or_else(|e| {
        eprintln!("bench: {e}");
        std::process::exit(1)
    })
}

fn text_of<'a>(inputs: &'a Value, kind: &str, lang: &str, size: u64) -> Option<&'a str> {
    inputs.get(kind)?.get(lang)?.get(size.to_string())?.as_str()
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (budget, min_runs, max_runs) =
        if quick { (Duration::from_millis(40), 10, 200) } else { (Duration::from_millis(250), 30, 2000) };
    let inputs: Value = match serde_json::from_str(INPUTS) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("bench: bench/inputs.json is not valid JSON: {e}");
            std::process::exit(1);
        }
    };
    let langs: Vec<&str> = inputs["langs"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    let sizes: Vec<u64> = inputs["sizes"].as_array().into_iter().flatten().filter_map(Value::as_u64).collect();

    let built = Instant::now();
    let engine = Engine::new();
    let build_us = built.elapsed().as_secs_f64() * 1e6;
    let profile = Profile::default();

    let mut cells = Vec::new();
    for &lang in &langs {
        let m = marketplace(lang);
        let check_ctx: CheckContext = options("check context", &format!(r#"{{"marketplace":"{m}"}}"#));
        let classify_ctx: ClassifyContext = options("classify context", &format!(r#"{{"marketplace":"{m}"}}"#));
        let suggest_ctx: SuggestContext =
            options("suggest context", &format!(r#"{{"marketplace":"{m}","now_ms":{NOW_MS}}}"#));
        for &size in &sizes {
            for op in ["check", "classify", "suggest"] {
                let kind = if op == "check" { "drafts" } else { "messages" };
                let Some(text) = text_of(&inputs, kind, lang, size) else { continue };
                let mut failed = None;
                let mut times = sample(budget, min_runs, max_runs, || {
                    let ok = match op {
                        "check" => wire::check(&engine, black_box(text), &check_ctx).map(|r| black_box(r.findings.len())),
                        "classify" => wire::classify(&engine, black_box(text), &classify_ctx).map(|r| black_box(r.evidence.len())),
                        _ => wire::suggest(&engine, black_box(text), &profile, &suggest_ctx).map(|r| black_box(r.reply.len())),
                    };
                    if let Err(e) = ok {
                        failed = Some(e.to_string());
                    }
                });
                if let Some(e) = failed {
                    eprintln!("bench: {op} {lang} {size}: {e}");
                    std::process::exit(1);
                }
                times.sort_by(f64::total_cmp);
                let mut cell = Map::new();
                cell.insert("op".into(), json!(op));
                cell.insert("lang".into(), json!(lang));
                cell.insert("size".into(), json!(size));
                cell.insert("runs".into(), json!(times.len()));
                cell.insert("median_us".into(), json!(quantile(&times, 0.5)));
                cell.insert("p99_us".into(), json!(quantile(&times, 0.99)));
                cells.push(Value::Object(cell));
            }
        }
    }
    // A 5 MB paste (the English draft repeated): one timed check, to show
    // that the largest input the engine accepts still answers.
    let huge_check_ms = text_of(&inputs, "drafts", "en", 20_000).map(|seed| {
        let huge: String = seed.chars().cycle().take(5_000_000).collect();
        let ctx: CheckContext = options("check context", r#"{"marketplace":"US"}"#);
        let t = Instant::now();
        let findings = wire::check(&engine, &huge, &ctx).map(|r| r.findings.len()).unwrap_or(0);
        json!({ "chars": 5_000_000, "ms": t.elapsed().as_secs_f64() * 1e3, "findings": findings })
    });
    println!("{}", json!({ "engine_build_us": build_us, "huge_check": huge_check_ms, "cells": cells }));
}

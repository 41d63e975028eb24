//! A fixed amount of work for profilers (`valgrind --tool=callgrind`,
//! `perf`): `op` (check, classify, suggest or all) on the 2,000-character
//! inputs of `bench/inputs.json` in every language, `runs` times each, after
//! one warm-up call per input (so one-time compilation is not counted).
//! Prints a digest of the results, so two builds can be compared for
//! identical answers.
//!
//!     cargo build --release --example profile
//!     valgrind --tool=callgrind --toggle-collect='profile::measured*' \
//!         target/release/examples/profile classify 20

use serde_json::Value;
use std::hint::black_box;
use tactful::check::CheckContext;
use tactful::classify::ClassifyContext;
use tactful::suggest::{Profile, SuggestContext};
use tactful::wire::{self, parse_options};
use tactful::Engine;

const INPUTS: &str = include_str!("../bench/inputs.json");
const NOW_MS: i64 = 1_778_500_000_000;

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

/// The timed calls: `valgrind --tool=callgrind --toggle-collect='profile::measured*'`
/// counts only these (no engine build, no warm-up).
#[inline(never)]
fn measured(runs: usize, call: &dyn Fn() -> String) {
    for _ in 0..runs {
        black_box(call());
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let op = args.get(1).map_or("all", String::as_str).to_string();
    let runs: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(20);
    let size = args.get(3).map_or("2000", String::as_str).to_string();
    let only: Option<String> = args.get(4).cloned();
    let inputs: Value = serde_json::from_str(INPUTS).expect("bench/inputs.json");
    let engine = Engine::new();
    let profile = Profile::default();
    let mut digest = 0u64;
    let mut mix = |s: &str| {
        for b in s.bytes() {
            digest = (digest ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    };
    for lang in ["en", "de", "fr", "it", "es", "ja"] {
        if only.as_deref().is_some_and(|o| o != lang) {
            continue;
        }
        let m = marketplace(lang);
        let check_ctx: CheckContext = parse_options("check", &format!(r#"{{"marketplace":"{m}"}}"#)).unwrap();
        let classify_ctx: ClassifyContext = parse_options("classify", &format!(r#"{{"marketplace":"{m}"}}"#)).unwrap();
        let suggest_ctx: SuggestContext =
            parse_options("suggest", &format!(r#"{{"marketplace":"{m}","now_ms":{NOW_MS}}}"#)).unwrap();
        let draft = inputs["drafts"][lang][&size].as_str().expect("draft");
        let message = inputs["messages"][lang][&size].as_str().expect("message");
        for op_name in ["check", "classify", "suggest"] {
            if op != "all" && op != op_name {
                continue;
            }
            let call = || match op_name {
                "check" => serde_json::to_string(&wire::check(&engine, black_box(draft), &check_ctx).unwrap()),
                "classify" => serde_json::to_string(&wire::classify(&engine, black_box(message), &classify_ctx).unwrap()),
                _ => serde_json::to_string(&wire::suggest(&engine, black_box(message), &profile, &suggest_ctx).unwrap()),
            }
            .unwrap();
            mix(&call());
            measured(runs, &call);
        }
    }
    println!("{op} x{runs} at {size} chars: digest {digest:016x}");
}

//! Compacts the embedded data files (`data/<dir>/*.json`, every folder but
//! `corpus/`) into `$OUT_DIR/data/`, which the engine embeds with the
//! `data_file!` macro (src/lib.rs). The files under `data/` stay the source
//! of truth, readable and commented; what ships in the wasm is the same data
//! without what the engine never reads:
//!
//! - whitespace between tokens;
//! - `_doc` keys of top-level objects (notes for people editing the file);
//! - the `examples` of every rule and detector in `data/rules/` (the tests
//!   in tests/check_rules.rs read them from the source files on disk).
//!
//! Key order is kept (serde_json's `preserve_order`, for this script only)
//! and every compact copy is checked to parse back to the same value. A file
//! that does not parse is copied unchanged, so the engine and its tests
//! report it exactly as they would without this step.

use serde_json::Value;
use std::fs;
use std::path::Path;

/// Folders of `data/` that are not embedded.
const NOT_EMBEDDED: &[&str] = &["corpus"];

fn main() {
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("data");
    println!("cargo:rerun-if-changed=build.rs");
    let mut dirs: Vec<_> = fs::read_dir("data").expect("data/").map(|e| e.expect("data/ entry").path()).collect();
    dirs.sort();
    for dir in dirs {
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        if !dir.is_dir() || NOT_EMBEDDED.contains(&name.as_str()) {
            continue;
        }
        println!("cargo:rerun-if-changed={}", dir.display());
        fs::create_dir_all(out.join(&name)).expect("create OUT_DIR/data/<dir>");
        let mut files: Vec<_> = fs::read_dir(&dir).expect("data/<dir>").map(|e| e.expect("entry").path()).collect();
        files.sort();
        for file in files {
            let Some(file_name) = file.file_name().and_then(|n| n.to_str()).map(str::to_string) else { continue };
            let bytes = fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let compact = if file_name.ends_with(".json") { compact(&name, &bytes) } else { None };
            if compact.is_none() && file_name.ends_with(".json") {
                println!("cargo:warning={} does not parse as JSON: embedded unchanged", file.display());
            }
            let target = out.join(&name).join(&file_name);
            let data = compact.map(String::into_bytes).unwrap_or(bytes);
            // Rewrite only on change, so unchanged data does not recompile the crate.
            if fs::read(&target).ok().as_deref() != Some(&data[..]) {
                fs::write(&target, data).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
            }
        }
    }
}

/// The compact text of one JSON file of `data/<dir>/`, or `None` if it does
/// not parse.
fn compact(dir: &str, bytes: &[u8]) -> Option<String> {
    let mut value: Value = serde_json::from_slice(bytes).ok()?;
    if let Value::Object(top) = &mut value {
        top.shift_remove("_doc");
        if dir == "rules" {
            for key in ["rules", "detectors"] {
                if let Some(Value::Array(rules)) = top.get_mut(key) {
                    for rule in rules {
                        if let Value::Object(rule) = rule {
                            rule.shift_remove("examples");
                        }
                    }
                }
            }
        }
    }
    let text = serde_json::to_string(&value).expect("a JSON value serialises");
    let back: Value = serde_json::from_str(&text).expect("compact JSON parses");
    assert!(back == value, "the compact copy of a data/{dir}/ file reads back differently");
    Some(text)
}

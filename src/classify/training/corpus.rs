//! The labelled corpus (`data/corpus/intents/<lang>.jsonl`) and its fixed
//! split: which messages train the model and which only ever test it.

use crate::classify::features::stable_hash;
use crate::contract::{Intent, Lang, Risk};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Percent of messages held out for the final test (never trained on).
pub const TEST_PERCENT: u64 = 20;
/// Cross-validation folds over the training part.
pub const FOLDS: usize = 5;

/// One line of a corpus file.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    pub text: String,
    pub intent: Intent,
    #[serde(default)]
    pub also: Vec<Intent>,
    #[serde(default)]
    pub risks: Vec<Risk>,
}

/// A labelled message and the language of the file it came from.
#[derive(Clone, Debug, Serialize)]
pub struct Example {
    pub text: String,
    pub lang: Lang,
    pub intent: Intent,
    pub also: Vec<Intent>,
    pub risks: Vec<Risk>,
}

impl Example {
    /// True when this message belongs to the held-out test split. The split
    /// depends on the text alone, so adding messages never moves old ones
    /// between train and test, and the same text in two files lands on the
    /// same side.
    pub fn is_test(&self) -> bool {
        stable_hash(&self.text) % 100 < TEST_PERCENT
    }

    /// The cross-validation fold of a training message.
    pub fn fold(&self) -> usize {
        ((stable_hash(&self.text) >> 32) % FOLDS as u64) as usize
    }
}

/// What loading the corpus found: the examples and the lines it skipped.
pub struct Corpus {
    pub examples: Vec<Example>,
    /// `file:line: reason` for every line that did not parse.
    pub rejected: Vec<String>,
}

impl Corpus {
    /// Reads every `<lang>.jsonl` in `dir` (sorted by file name, so the order
    /// and hence training are reproducible).
    pub fn load(dir: &Path) -> Result<Corpus, String> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        files.sort();
        let mut examples = Vec::new();
        let mut rejected = Vec::new();
        for path in files {
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            let Ok(lang) = stem.parse::<Lang>() else {
                rejected.push(format!("{}: file name is not a language id", path.display()));
                continue;
            };
            let body = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            for (n, line) in body.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                match serde_json::from_str::<Line>(line) {
                    Ok(l) => examples.push(Example { text: l.text, lang, intent: l.intent, also: l.also, risks: l.risks }),
                    Err(e) => rejected.push(format!("{}:{}: {e}", path.display(), n + 1)),
                }
            }
        }
        Ok(Corpus { examples, rejected })
    }

    /// The default corpus directory of this crate.
    pub fn default_dir() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/corpus/intents")
    }

    /// (training, held-out test) examples.
    pub fn split(&self) -> (Vec<&Example>, Vec<&Example>) {
        self.examples.iter().partition(|e| !e.is_test())
    }
}

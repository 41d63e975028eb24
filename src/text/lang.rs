//! Language identification for short buyer and seller messages.
//!
//! Script first: kana means Japanese; Han without kana is Chinese unless
//! Japanese-only kanji (円, 様, 込 …) outnumber simplified-Chinese ones;
//! Hangul, Cyrillic, Arabic and other uncovered scripts give
//! [`Lang::Unknown`], as does text whose scripts are mixed with no clear
//! majority. Latin text is scored per language by two kinds of evidence,
//! both read from `data/lang/lang.json` and built once:
//!
//! - **words**: function words and marketplace vocabulary; a word listed by
//!   `k` languages adds `WORD_WEIGHT / k` to each;
//! - **character trigrams** (with word edges), whose log-probability ratios
//!   are trained at first use on the data file's own sample texts and word
//!   lists: they carry the signal when the words are misspelt or unknown.
//!
//! Everything runs on [`normalize`]d text, so accents are folded: a buyer who
//! writes "recu" and one who writes "reçu" look the same. Cost is O(n) with
//! one normalisation per call over at most the first 64 KiB; the tables
//! are built once.

use super::hash::FxHashMap;
use super::normalize::normalize;
use crate::contract::Lang;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A language and how sure we are of it (0..=1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LangGuess {
    pub lang: Lang,
    pub confidence: f32,
}

impl LangGuess {
    const UNKNOWN: LangGuess = LangGuess { lang: Lang::Unknown, confidence: 0.0 };
}

/// How much a listed word counts against one trigram's log ratio.
const WORD_WEIGHT: f32 = 2.5;
/// Fewer Latin letters than this is not enough signal.
const MIN_LATIN_LETTERS: usize = 3;
/// Fewer CJK characters than this is not enough signal.
const MIN_CJK_CHARS: usize = 2;
/// One CJK character carries about as much as this many Latin letters.
const CJK_WEIGHT: usize = 3;
/// The leading script must hold this share of the weighted letters, or the
/// text is mixed.
const MAJORITY: f32 = 0.7;

/// Only this many leading bytes are read: far more than any message needs
/// to settle its language, and it keeps a 5 MB paste cheap.
const MAX_BYTES: usize = 64 * 1024;

/// Identifies the language of `text`; `Lang::Unknown` when too short or mixed.
pub fn detect(text: &str) -> LangGuess {
    guess(&normalize(&text[..cut(text)]).text)
}

/// [`detect`] for a caller that already normalised all of `text` into
/// `normalized`: the same answer without normalising twice.
pub(crate) fn detect_with(text: &str, normalized: &str) -> LangGuess {
    if cut(text) == text.len() {
        guess(normalized)
    } else {
        detect(text)
    }
}

/// Where reading stops: [`MAX_BYTES`], on a char boundary.
fn cut(text: &str) -> usize {
    let mut cut = text.len().min(MAX_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    cut
}

/// [`detect`] on text that is already normalised, possibly with parts of
/// it blanked out by spaces (normalising it again would change nothing but
/// the length of white-space runs, and only letters are read).
pub(crate) fn detect_normalized(text: &str) -> LangGuess {
    guess(&text[..cut(text)])
}

/// The guess for the normalised form of what [`detect`] reads.
fn guess(text: &str) -> LangGuess {
    let counts = ScriptCounts::of(text);
    let latin = counts.latin;
    let cjk = counts.kana + counts.han;
    let weighted = [latin, cjk * CJK_WEIGHT, counts.hangul * CJK_WEIGHT, counts.other];
    let total: usize = weighted.iter().sum();
    if total == 0 {
        return LangGuess::UNKNOWN;
    }
    let share = |n: usize| n as f32 / total as f32;
    if share(weighted[1]) >= MAJORITY && cjk >= MIN_CJK_CHARS {
        return detect_cjk(text, &counts);
    }
    if share(latin) >= MAJORITY && latin >= MIN_LATIN_LETTERS {
        return detect_latin(text);
    }
    LangGuess::UNKNOWN
}

/// Letters per script, counted on normalised text.
#[derive(Default)]
struct ScriptCounts {
    latin: usize,
    kana: usize,
    han: usize,
    hangul: usize,
    other: usize,
}

impl ScriptCounts {
    fn of(text: &str) -> ScriptCounts {
        let mut c = ScriptCounts::default();
        for ch in text.chars() {
            match ch {
                'a'..='z' => c.latin += 1,
                '\u{3041}'..='\u{309F}' | '\u{30A1}'..='\u{30FA}' | '\u{30FD}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' => {
                    c.kana += 1
                }
                '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{3005}' => c.han += 1,
                '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' => c.hangul += 1,
                _ if is_latin_letter(ch) => c.latin += 1,
                _ if ch.is_alphabetic() => c.other += 1,
                _ => {}
            }
        }
        c
    }
}

/// Latin letters that survive normalisation (ASCII, plus Latin Extended-B
/// and beyond, which are not folded).
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || (matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}') && c.is_alphabetic())
}

fn detect_cjk(text: &str, counts: &ScriptCounts) -> LangGuess {
    let cjk = (counts.kana + counts.han) as f32;
    if counts.kana > 0 {
        // Kana is Japanese; a lone kana among many Han characters still is
        // (Chinese never writes it), but say how thin the evidence was.
        let confidence = (0.6 + 0.4 * (counts.kana as f32 / cjk).min(0.25) * 4.0).min(0.99);
        return LangGuess { lang: Lang::Ja, confidence };
    }
    let model = model();
    let (mut ja, mut zh) = (0usize, 0usize);
    for ch in text.chars() {
        if model.han_ja.contains(&ch) {
            ja += 1;
        } else if model.han_zh.contains(&ch) {
            zh += 1;
        }
    }
    let lang = if ja > zh { Lang::Ja } else { Lang::Zh };
    let evidence = ja.abs_diff(zh) as f32;
    let confidence = (0.55 + 0.1 * evidence + 0.02 * cjk).min(0.95);
    LangGuess { lang, confidence }
}

fn detect_latin(text: &str) -> LangGuess {
    let model = model();
    let scores = model.score(text);
    let mut order: Vec<usize> = (0..model.langs.len()).collect();
    crate::sort::by(&mut order, |&a, &b| scores[b].total_cmp(&scores[a]));
    let (best, second) = (order[0], order[1]);
    let margin = scores[best] - scores[second];
    if margin <= 0.0 {
        return LangGuess::UNKNOWN;
    }
    // The margin is a sum of log-likelihood ratios: 3 nats is a clear win.
    let confidence = (1.0 - crate::float::exp(-margin / 3.0)).clamp(0.05, 0.99);
    LangGuess { lang: model.langs[best], confidence }
}

/// The Latin-script model: languages, word evidence, trigram evidence, and
/// the Han characters that tell Japanese from Chinese.
struct Model {
    langs: Vec<Lang>,
    /// Word → (language index, weight).
    words: FxHashMap<String, Vec<(usize, f32)>>,
    /// Packed trigram → where its per-language log-probability ratios
    /// start in `ratios` (one per language, in `langs` order).
    trigrams: FxHashMap<u64, u32>,
    ratios: Vec<f32>,
    han_ja: Vec<char>,
    han_zh: Vec<char>,
}

#[derive(serde::Deserialize)]
struct Data {
    langs: Vec<Lang>,
    words: HashMap<Lang, String>,
    samples: HashMap<Lang, Vec<String>>,
    han: HashMap<Lang, String>,
}

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        // The data file ships with the crate and is checked by the tests; a
        // parse failure is a build defect, not user input.
        let data: Data = serde_json::from_str(data_file!("lang/lang.json"))
            .expect("data/lang/lang.json is valid language data");
        Model::train(data)
    })
}

/// Edge-of-word marker inside trigrams.
const EDGE: char = '_';

fn pack(a: char, b: char, c: char) -> u64 {
    ((a as u64) << 42) | ((b as u64) << 21) | c as u64
}

/// Calls `f` with every letter run ("word") of normalised `text`.
fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_latin_letter(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                f(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        f(&text[s..]);
    }
}

/// Calls `f` with every trigram of `_word_`.
fn for_each_trigram(word: &str, mut f: impl FnMut(u64)) {
    let (mut a, mut b) = (EDGE, EDGE);
    for c in word.chars().chain(std::iter::once(EDGE)) {
        f(pack(a, b, c));
        a = b;
        b = c;
    }
}

impl Model {
    fn train(data: Data) -> Model {
        let langs = data.langs;
        let n = langs.len();
        let mut words: FxHashMap<String, Vec<(usize, f32)>> = FxHashMap::default();
        let mut counts: HashMap<u64, Vec<f32>> = HashMap::new();
        let mut totals = vec![0f32; n];
        for (li, lang) in langs.iter().enumerate() {
            let mut count = |w: &str| {
                for_each_trigram(w, |g| {
                    counts.entry(g).or_insert_with(|| vec![0.0; n])[li] += 1.0;
                    totals[li] += 1.0;
                })
            };
            let list = normalize(data.words.get(lang).map_or("", String::as_str)).text;
            for w in list.split(' ').filter(|w| !w.is_empty()) {
                count(w);
                let entry = words.entry(w.to_string()).or_default();
                if !entry.iter().any(|&(l, _)| l == li) {
                    entry.push((li, 0.0));
                }
            }
            for sample in data.samples.get(lang).into_iter().flatten() {
                for_each_word(&normalize(sample).text, &mut count);
            }
        }
        for entry in words.values_mut() {
            let k = entry.len() as f32;
            for e in entry.iter_mut() {
                e.1 = WORD_WEIGHT / k;
            }
        }
        // Add-half smoothing, then each language's log probability minus
        // the mean over languages: only the differences matter.
        let vocab = counts.len() as f32;
        let mut trigrams = FxHashMap::default();
        let mut ratios = Vec::with_capacity(counts.len() * n);
        for (g, c) in counts {
            let logp: Vec<f32> = c.iter().zip(&totals).map(|(&x, &t)| crate::float::ln((x + 0.5) / (t + 0.5 * vocab))).collect();
            let mean = logp.iter().sum::<f32>() / n as f32;
            trigrams.insert(g, ratios.len() as u32);
            ratios.extend(logp.into_iter().map(|l| l - mean));
        }
        let chars = |l: Lang| data.han.get(&l).map(|s| s.chars().collect()).unwrap_or_default();
        Model { han_ja: chars(Lang::Ja), han_zh: chars(Lang::Zh), langs, words, trigrams, ratios }
    }

    /// Per-language evidence for normalised Latin `text`.
    fn score(&self, text: &str) -> Vec<f32> {
        let mut scores = vec![0f32; self.langs.len()];
        for_each_word(text, |w| {
            if let Some(hits) = self.words.get(w) {
                for &(l, weight) in hits {
                    scores[l] += weight;
                }
            }
            for_each_trigram(w, |g| {
                if let Some(&at) = self.trigrams.get(&g) {
                    let r = &self.ratios[at as usize..at as usize + scores.len()];
                    for (s, x) in scores.iter_mut().zip(r) {
                        *s += x;
                    }
                }
            });
        });
        scores
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_loads_and_covers_every_latin_language() {
        let m = model();
        assert_eq!(m.langs.len(), 8);
        assert!(m.words.len() > 500);
        assert!(m.trigrams.len() > 1000);
        assert!(!m.han_ja.is_empty() && !m.han_zh.is_empty());
    }

    #[test]
    fn trigrams_cover_word_edges() {
        let mut got = Vec::new();
        for_each_trigram("ab", |g| got.push(g));
        assert_eq!(got, vec![pack(EDGE, EDGE, 'a'), pack(EDGE, 'a', 'b'), pack('a', 'b', EDGE)]);
    }

    /// Every text the project has: the language fixture and the corpora.
    fn all_texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = vec![root.join("tests/data/text/lang.jsonl")];
        for dir in ["data/corpus/intents", "tests/corpus/check"] {
            let mut more: Vec<_> = std::fs::read_dir(root.join(dir)).unwrap().map(|e| e.unwrap().path()).collect();
            more.sort();
            files.extend(more);
        }
        let mut out = Vec::new();
        for f in files {
            for line in std::fs::read_to_string(&f).unwrap().lines() {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                    if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                        out.push(t.to_string());
                    }
                }
            }
        }
        out
    }

    #[test]
    fn shortcuts_give_the_answer_of_detect() {
        let texts = all_texts();
        assert!(texts.len() > 5000);
        for text in &texts {
            let norm = normalize(text).text;
            let want = detect(text);
            assert_eq!(detect_with(text, &norm), want, "{text:?}");
            // Normalised text with words blanked out (as the checker's
            // language guess masks URLs and numbers).
            let masked: String = norm
                .split(' ')
                .map(|w| if w.len() % 3 == 0 || w.contains(|c: char| c.is_ascii_digit()) { " " } else { w })
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(detect_normalized(&masked), detect(&masked), "{masked:?}");
        }
    }
}

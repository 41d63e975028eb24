//! Normalisation for matching, with a map back to the original text.
//!
//! Rules, lexicons and corpora are written against the *normalised* form, so
//! this is a contract. [`normalize`] applies, char by char, in this order:
//!
//! 1. **Compatibility forms** (a compact, NFKC-like subset):
//!    - full-width ASCII `！`..`～` (U+FF01–FF5E) → ASCII `!`..`~`;
//!    - half-width katakana (U+FF61–FF9F) → full-width katakana, with a
//!      following half-width voiced/semi-voiced mark composed into the kana
//!      (`ｶﾞ` → `ガ`, `ﾊﾟ` → `パ`, `ｳﾞ` → `ヴ`); half-width `｡｢｣､･` → `。「」、・`;
//!    - ligatures `ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ` → `ff fi fl ffi ffl st st`;
//!    - circled numbers `①`..`⑳` → `1`..`20`; `¹ ² ³` → `1 2 3`;
//!      ordinal indicators `ª º` → `a o`; `…` → `...`.
//! 2. **Lowercase**: full Unicode lowercase (`char::to_lowercase`; `İ` → `i`).
//! 3. **Punctuation**: apostrophes, single quotes and primes
//!    `‘ ’ ‚ ‛ ′ ` ´ ＇` → `'`; double quotes and guillemets
//!    `“ ” „ ‟ ″ « » ＂` → `"`; dashes and minus signs
//!    `‐ ‑ ‒ – — ― − －` → `-`. (The Japanese long-vowel mark `ー` is kept.)
//! 4. **Latin diacritics folded** for Latin-1 and Latin Extended-A:
//!    `é`→`e`, `ü`→`u`, `ñ`→`n`, `ç`→`c`, `ł`→`l`, `å`→`a`, `ø`→`o`,
//!    `ß`→`ss`, `æ`→`ae`, `œ`→`oe`, `ĳ`→`ij`, `þ`→`th`, `ð`→`d`, `ı`→`i`,
//!    `ſ`→`s`; combining marks U+0300–036F are dropped, so decomposed
//!    `e\u{301}` also becomes `e`. German umlauts fold to the bare vowel
//!    (`ü`→`u`, not `ue`): buyers who skip accents mostly do that.
//! 5. **White space**: every run of white space (space, tab, CR, LF, NBSP,
//!    U+3000 ideographic space, the U+2000 block, …) becomes one ASCII space.
//!    Leading and trailing runs are kept as one space, not trimmed.
//! 6. **Invisible characters** dropped: soft hyphen U+00AD, zero-width
//!    space U+200B, word joiner U+2060, BOM U+FEFF.
//!
//! Everything else (CJK, Cyrillic, emoji, digits, other punctuation) passes
//! through, lowercased where it has case. The result is idempotent:
//! normalising normalised text changes nothing.
//!
//! Every byte of the normalised text remembers which original character (or
//! white-space run) produced it; [`Normalized::original`] maps a span back,
//! widening a span that starts or ends inside an expansion (`ß` → `ss`) to
//! the whole original character, and attaching dropped characters (a
//! combining accent) to the character before them.

use super::Span;

/// A normalised copy of some text and, for each byte of it, where that byte
/// came from in the original, so a match in `text` can be reported on the
/// user's own characters.
#[derive(Clone, Debug)]
pub struct Normalized {
    pub text: String,
    /// `origin[i]`: byte offset in the original of the start of the unit
    /// (character or white-space run) that produced normalised byte `i`.
    /// Non-decreasing; a unit ends where the next unit's origin begins.
    origin: Vec<u32>,
    original_len: usize,
}

impl Normalized {
    /// The span of the original text that produced `span` of the normalised
    /// text. Always on char boundaries of the original; a span touching part
    /// of an expansion covers the whole original character.
    pub fn original(&self, span: Span) -> Span {
        let n = self.origin.len();
        let start = self.origin.get(span.start).map_or(self.original_len, |&o| o as usize);
        if span.end <= span.start || span.start >= n {
            return Span::new(start, start);
        }
        let last = self.origin[span.end.min(n) - 1];
        let mut j = span.end.min(n);
        while j < n && self.origin[j] == last {
            j += 1;
        }
        let end = self.origin.get(j).map_or(self.original_len, |&o| o as usize);
        Span::new(start, end.max(start))
    }

    /// The original byte offset where normalised byte `at` came from (the
    /// original length for `at` at or past the end).
    pub fn original_offset(&self, at: usize) -> usize {
        self.origin.get(at).map_or(self.original_len, |&o| o as usize)
    }
}

/// Normalises `text` for matching (see the module documentation for the
/// exact transformation).
pub fn normalize(text: &str) -> Normalized {
    let mut w = Writer {
        out: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len()),
        in_space: false,
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let at = i as u32;
        let b = bytes[i];
        if b.is_ascii() {
            if b.is_ascii_whitespace() {
                w.space(at);
            } else if b == b'`' {
                w.push_ascii(at, b'\'');
            } else {
                w.push_ascii(at, b.to_ascii_lowercase());
            }
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else { break };
        i += c.len_utf8();
        if is_plain_cjk(c) {
            // Kana, CJK punctuation and ideographs: no case, no folding
            // (`plain_cjk_passes_through` checks every one).
            w.push(at, c);
            continue;
        }
        if c.is_whitespace() {
            w.space(at);
            continue;
        }
        match c {
            '\u{FF61}'..='\u{FF9F}' => {
                let mark = text[i..].chars().next();
                let (kana, used_mark) = half_width_katakana(c, mark);
                if let (true, Some(m)) = (used_mark, mark) {
                    i += m.len_utf8();
                }
                w.push(at, kana);
            }
            _ => match compatibility(c) {
                Some(s) => {
                    for d in s.chars() {
                        w.lower_fold(at, d);
                    }
                }
                None => w.lower_fold(at, c),
            },
        }
    }
    Normalized { text: w.out, origin: w.origin, original_len: text.len() }
}

/// Characters that normalisation leaves as they are and that need no
/// table lookup to know it: CJK punctuation, kana and ideographs
/// (U+3001–U+9FFF; U+3000 is white space).
fn is_plain_cjk(c: char) -> bool {
    matches!(c, '\u{3001}'..='\u{9FFF}')
}

struct Writer {
    out: String,
    origin: Vec<u32>,
    /// The last thing written was a space standing for a white-space run.
    in_space: bool,
}

impl Writer {
    #[inline]
    fn push_ascii(&mut self, at: u32, b: u8) {
        self.out.push(char::from(b));
        self.origin.push(at);
        self.in_space = false;
    }

    fn push(&mut self, at: u32, c: char) {
        let before = self.out.len();
        self.out.push(c);
        self.origin.resize(self.out.len(), at);
        debug_assert!(before < self.out.len());
        self.in_space = false;
    }

    fn push_str(&mut self, at: u32, s: &str) {
        self.out.push_str(s);
        self.origin.resize(self.out.len(), at);
        self.in_space = false;
    }

    fn space(&mut self, at: u32) {
        if !self.in_space {
            self.push_ascii(at, b' ');
            self.in_space = true;
        }
    }

    fn lower_fold(&mut self, at: u32, c: char) {
        if c.is_ascii() {
            return self.push(at, c.to_ascii_lowercase());
        }
        for l in c.to_lowercase() {
            match fold(l) {
                Fold::Keep => self.push(at, l),
                Fold::Drop => {}
                Fold::To(s) => self.push_str(at, s),
            }
        }
    }
}

enum Fold {
    Keep,
    Drop,
    To(&'static str),
}

/// Base letters of U+00C0–U+00FF, one byte per code point. Digits stand for
/// two-letter expansions (see [`expand`]); `.` means "leave as is".
const LATIN1: &[u8; 64] = b"aaaaaa1ceeeeiiiidnooooo.ouuuuy23aaaaaa1ceeeeiiiidnooooo.ouuuuy2y";
/// Base letters of U+0100–U+017F (Latin Extended-A), same encoding.
const LATIN_EXT_A: &[u8; 128] = b"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii44jjkkklllllll\
lllnnnnnnnnnoooooo55rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

fn expand(code: u8) -> Fold {
    match code {
        b'.' => Fold::Keep,
        b'1' => Fold::To("ae"),
        b'2' => Fold::To("th"),
        b'3' => Fold::To("ss"),
        b'4' => Fold::To("ij"),
        b'5' => Fold::To("oe"),
        letter => Fold::To(ASCII_LETTERS[(letter - b'a') as usize]),
    }
}

/// One-letter strings, so table hits need no allocation.
const ASCII_LETTERS: [&str; 26] = [
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w",
    "x", "y", "z",
];

/// Folds one lowercase char: punctuation variants, Latin diacritics,
/// combining marks and invisible characters.
fn fold(c: char) -> Fold {
    match c {
        '\u{C0}'..='\u{FF}' => expand(LATIN1[c as usize - 0xC0]),
        '\u{100}'..='\u{17F}' => expand(LATIN_EXT_A[c as usize - 0x100]),
        '\u{300}'..='\u{36F}' | '\u{AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' => Fold::Drop,
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{B4}' | '`' => Fold::To("'"),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{AB}' | '\u{BB}' => Fold::To("\""),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Fold::To("-"),
        _ => Fold::Keep,
    }
}

/// Compatibility forms that become other characters before lowercasing.
/// Returns `None` for characters that are not compatibility forms.
fn compatibility(c: char) -> Option<&'static str> {
    const FULL_WIDTH: &str = "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";
    const CIRCLED: [&str; 20] = [
        "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20",
    ];
    Some(match c {
        '\u{FF01}'..='\u{FF5E}' => {
            let i = c as usize - 0xFF01;
            &FULL_WIDTH[i..i + 1]
        }
        '\u{2460}'..='\u{2473}' => CIRCLED[c as usize - 0x2460],
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' | '\u{FB06}' => "st",
        '\u{B9}' => "1",
        '\u{B2}' => "2",
        '\u{B3}' => "3",
        '\u{AA}' => "a",
        '\u{BA}' => "o",
        '\u{2026}' => "...",
        _ => return None,
    })
}

/// Full-width katakana for half-width `c`, composing a following voiced
/// (U+FF9E) or semi-voiced (U+FF9F) mark where the pair has a precomposed
/// form. Returns the kana and whether the mark was consumed.
fn half_width_katakana(c: char, mark: Option<char>) -> (char, bool) {
    const TABLE: [char; 63] = [
        '。', '「', '」', '、', '・', 'ヲ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ャ', 'ュ', 'ョ', 'ッ', 'ー', 'ア', 'イ', 'ウ',
        'エ', 'オ', 'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ', 'ス', 'セ', 'ソ', 'タ', 'チ', 'ツ', 'テ', 'ト', 'ナ', 'ニ',
        'ヌ', 'ネ', 'ノ', 'ハ', 'ヒ', 'フ', 'ヘ', 'ホ', 'マ', 'ミ', 'ム', 'メ', 'モ', 'ヤ', 'ユ', 'ヨ', 'ラ', 'リ', 'ル',
        'レ', 'ロ', 'ワ', 'ン', '゛', '゜',
    ];
    let base = TABLE[c as usize - 0xFF61];
    let voiceable = matches!(base, 'カ'..='ト' | 'ハ'..='ホ');
    let composed = match mark {
        // In the full-width block a kana's voiced form is the next code
        // point (カ→ガ) and the semi-voiced the one after (ハ→パ), for the
        // rows カ..ト and ハ..ホ, whose plain kana sit at every other or
        // every third code point.
        Some('\u{FF9E}') if base == 'ウ' => Some('ヴ'),
        Some('\u{FF9E}') if voiceable && is_plain_kana(base) => char::from_u32(base as u32 + 1),
        Some('\u{FF9F}') if matches!(base, 'ハ'..='ホ') && is_plain_kana(base) => char::from_u32(base as u32 + 2),
        _ => None,
    };
    match composed {
        Some(k) => (k, true),
        None => (base, false),
    }
}

/// True for the plain (unvoiced) kana of the カ..ト and ハ..ホ rows, the
/// only ones with voiced forms right after them.
fn is_plain_kana(k: char) -> bool {
    matches!(
        k,
        'カ' | 'キ' | 'ク' | 'ケ' | 'コ' | 'サ' | 'シ' | 'ス' | 'セ' | 'ソ' | 'タ' | 'チ' | 'ツ' | 'テ' | 'ト' | 'ハ' | 'ヒ' | 'フ' | 'ヘ' | 'ホ'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_cjk_passes_through() {
        for c in (0x3000..=0xA000u32).filter_map(char::from_u32).filter(|&c| is_plain_cjk(c)) {
            assert!(!c.is_whitespace() && compatibility(c).is_none(), "U+{:04X}", c as u32);
            assert!(c.to_lowercase().eq([c]) && matches!(fold(c), Fold::Keep), "U+{:04X}", c as u32);
            assert!(!matches!(c, '\u{FF61}'..='\u{FF9F}'));
        }
    }

    /// The char-by-char loop `normalize` had before its fast paths.
    fn reference(text: &str) -> Normalized {
        let mut w = Writer { out: String::new(), origin: Vec::new(), in_space: false };
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let at = i as u32;
            if c.is_ascii() {
                if c.is_ascii_whitespace() {
                    w.space(at);
                } else if c == '`' {
                    w.push(at, '\'');
                } else {
                    w.push(at, c.to_ascii_lowercase());
                }
                continue;
            }
            if c.is_whitespace() {
                w.space(at);
                continue;
            }
            match c {
                '\u{FF61}'..='\u{FF9F}' => {
                    let mark = chars.peek().map(|&(_, m)| m);
                    let (kana, used_mark) = half_width_katakana(c, mark);
                    if used_mark {
                        chars.next();
                    }
                    w.push(at, kana);
                }
                _ => match compatibility(c) {
                    Some(s) => {
                        for d in s.chars() {
                            w.lower_fold(at, d);
                        }
                    }
                    None => w.lower_fold(at, c),
                },
            }
        }
        Normalized { text: w.out, origin: w.origin, original_len: text.len() }
    }

    #[test]
    fn same_as_the_reference() {
        let mut texts: Vec<String> = vec![
            "ｶﾞｷﾞﾊﾟ ﾞｳﾞ x\u{3000}y\u{A0}\u{B}z`a\tb\r\n İ ß ﬁ ① … Ａ１".into(),
            (0..0x3100u32).chain(0xFF00..0x10000).filter_map(char::from_u32).collect(),
        ];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["data/corpus/intents", "tests/corpus/check"] {
            for e in std::fs::read_dir(root.join(dir)).unwrap() {
                let body = std::fs::read_to_string(e.unwrap().path()).unwrap();
                texts.extend(body.lines().filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok()?["text"].as_str().map(String::from)));
            }
        }
        for t in &texts {
            let (a, b) = (normalize(t), reference(t));
            assert_eq!((&a.text, &a.origin, a.original_len), (&b.text, &b.origin, b.original_len), "{t:?}");
        }
    }

    #[test]
    fn tables_have_the_expected_shape() {
        assert_eq!(fold('é').to_str(), Some("e"));
        assert_eq!(fold('ß').to_str(), Some("ss"));
        assert_eq!(fold('þ').to_str(), Some("th"));
        assert_eq!(fold('ÿ').to_str(), Some("y"));
        assert_eq!(fold('ł').to_str(), Some("l"));
        assert_eq!(fold('œ').to_str(), Some("oe"));
        assert_eq!(fold('ĳ').to_str(), Some("ij"));
        assert_eq!(fold('ſ').to_str(), Some("s"));
        assert_eq!(fold('ž').to_str(), Some("z"));
        assert_eq!(fold('ő').to_str(), Some("o"));
        assert_eq!(fold('ŕ').to_str(), Some("r"));
        assert_eq!(fold('ũ').to_str(), Some("u"));
        assert!(matches!(fold('÷'), Fold::Keep));
    }

    impl Fold {
        fn to_str(&self) -> Option<&'static str> {
            match self {
                Fold::To(s) => Some(s),
                _ => None,
            }
        }
    }
}

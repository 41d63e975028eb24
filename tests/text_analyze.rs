//! `text::analyze` end to end: never panics on any input (property-style
//! over generated strings), spans on char boundaries and in order, UTF-16
//! conversion on emoji, CJK, combining marks and CRLF, and a 5 MB run that
//! prints its time.

use tactful::contract::{EntityKind, Lang};
use tactful::text::offsets::to_utf16;
use tactful::text::{analyze, Analysis, Span};

/// xorshift64*: a deterministic generator, so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Pieces that exercise every path: separators, digits shaped like ids,
/// accents, combining marks, CJK, emoji, controls, abbreviations.
const PIECES: &[&str] = &[
    " ", "  ", "\n", "\r\n", "\t", "\u{0}", ".", "...", "…", "!", "?", "。", "！", "、", ",", ";", ":", "-", "－", "/",
    "\"", "«", "»", "'", "’", "(", ")", "113-4455667-2233445", "1Z999AA10123456784", "B08N5WRWNW", "RR123456789GB",
    "00340434161234567890", "$", "€", "¥", "円", "49,99", "3,980", "14.03.2025", "3月14日", "vor", "Tagen", "days",
    "ago", "il y a", "deux", "semaines", "seit", "einer", "Woche", "yesterday", "last", "Tuesday", "Nr.", "z. B.",
    "Mr.", "etc.", "e\u{301}", "\u{301}", "ß", "ﬁ", "ｶﾞ", "ﾞ", "Ａ", "ＡＢＣ", "é", "Ω", "ありがとう", "注文",
    "谢谢", "🎉", "🇩🇪", "👩\u{200D}👩\u{200D}👧", "\u{FEFF}", "\u{200B}", "\u{AD}", "\u{A0}", "\u{3000}", "İ",
    "WH-1000XM4", "A2337", "ヤマト", "12", "2025", "0", "a", "Z", "dhl", "tracking", "order", "https://x.y/z?a=1.",
];

fn random_text(rng: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..rng.below(40) {
        if rng.below(5) == 0 {
            // Any scalar value at all.
            let c = loop {
                if let Some(c) = char::from_u32((rng.next() % 0x11_0000) as u32) {
                    break c;
                }
            };
            s.push(c);
        } else {
            s.push_str(PIECES[rng.below(PIECES.len())]);
        }
    }
    s
}

fn check_spans(text: &str, spans: &[Span], what: &str) {
    let mut prev = 0;
    for s in spans {
        assert!(s.start <= s.end && s.end <= text.len(), "{what} {s:?} out of range in {text:?}");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{what} {s:?} not on char boundaries in {text:?}");
        assert!(s.start >= prev, "{what} out of order in {text:?}");
        prev = s.end;
    }
}

fn check(text: &str, a: &Analysis) {
    check_spans(text, &a.sentences, "sentence");
    check_spans(text, &a.clauses, "clause");
    let entity_spans: Vec<Span> = a.entities.iter().map(|e| e.span).collect();
    check_spans(text, &entity_spans, "entity");
    for e in &a.entities {
        assert_eq!(e.span.slice(text), e.text);
        assert!(!e.text.is_empty() && !e.value.is_empty());
    }
    for s in a.sentences.iter().chain(&a.clauses) {
        let t = s.slice(text);
        assert!(!t.is_empty() && t.trim() == t, "untrimmed span {t:?}");
    }
    assert!((0.0..=1.0).contains(&a.language_confidence));
}

#[test]
fn never_panics_on_generated_text() {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    for _ in 0..3000 {
        let text = random_text(&mut rng);
        let a = analyze(&text).expect("small input");
        check(&text, &a);
        // The UTF-16 form is monotone and within the UTF-16 length too.
        let units = text.encode_utf16().count();
        let u = to_utf16(&text, a);
        for s in u.sentences.iter().chain(&u.clauses).chain(u.entities.iter().map(|e| &e.span)) {
            assert!(s.start <= s.end && s.end <= units);
        }
    }
}

#[test]
fn edge_inputs() {
    for text in ["", " ", "\n\n\n", "\u{0}", "\u{0}\u{0}\u{0}", ".", "。", "\u{301}", "\u{FEFF}", "\r", "\r\n"] {
        let a = analyze(text).expect("edge input");
        check(text, &a);
        assert_eq!(a.language, Lang::Unknown, "{text:?}");
    }
}

#[test]
fn too_large_is_an_error_not_a_panic() {
    let big = "a".repeat(tactful::error::MAX_INPUT_BYTES + 1);
    assert!(analyze(&big).is_err());
}

/// 5 MB of buyer-like text in several languages: must finish; prints the
/// time (speed is reported, not asserted).
#[test]
fn five_megabytes() {
    let unit = "Hallo, meine Bestellung 302-1234567-7654321 vom 14.03.2025 (49,99 €) ist seit 10 Tagen nicht da. \
                Sendungsnummer 00340434161234567890. Where is my order? I paid $49.99 two weeks ago!\r\n\
                注文番号250-1234567-7654321、3月14日に届く予定でした。ありがとうございます。🎉 z. B. Nr. 5, etc.\n";
    let text = unit.repeat(5_000_000 / unit.len() + 1);
    let t = std::time::Instant::now();
    let a = analyze(&text).expect("5 MB is under the limit");
    let elapsed = t.elapsed();
    println!(
        "analyze: {} bytes in {elapsed:?}: {} sentences, {} clauses, {} entities, language {}",
        text.len(),
        a.sentences.len(),
        a.clauses.len(),
        a.entities.len(),
        a.language
    );
    assert_eq!(a.entities.iter().filter(|e| e.kind == EntityKind::OrderId).count(), 2 * (5_000_000 / unit.len() + 1));
    check_spans(&text, &a.sentences, "sentence");
}

/// UTF-16 offsets of analyze results, checked against JavaScript-style
/// slicing of the UTF-16 code units.
#[test]
fn utf16_offsets_on_emoji_cjk_marks_and_crlf() {
    let cases: &[(&str, &[&str])] = &[
        ("🎉 Order 113-4455667-2233445 🎉", &["113-4455667-2233445"]),
        ("🇩🇪🇫🇷 paid 49,99 € ok", &["49,99 €"]),
        ("👩\u{200D}👩\u{200D}👧 family got B08N5WRWNW", &["B08N5WRWNW"]),
        ("注文番号は250-1234567-7654321です。3月14日に届く予定。", &["250-1234567-7654321", "3月14日"]),
        ("Cafe\u{301} cre\u{300}me : colis 6A12345678901 reçu hier", &["6A12345678901", "hier"]),
        ("line one\r\nline two: $5\r\n", &["$5"]),
        ("ｶﾞｷﾞ ＥＵＲ　４９．９９", &["ＥＵＲ　４９．９９"]),
    ];
    for (text, want) in cases {
        let a = analyze(text).expect("small");
        let units: Vec<u16> = text.encode_utf16().collect();
        let u = to_utf16(text, a.clone());
        let got: Vec<String> =
            u.entities.iter().map(|e| String::from_utf16_lossy(&units[e.span.start..e.span.end])).collect();
        assert_eq!(&got, want, "{text:?}");
        for (s8, s16) in a.sentences.iter().zip(&u.sentences) {
            assert_eq!(s8.slice(text), String::from_utf16_lossy(&units[s16.start..s16.end]), "{text:?}");
        }
        for (c8, c16) in a.clauses.iter().zip(&u.clauses) {
            assert_eq!(c8.slice(text), String::from_utf16_lossy(&units[c16.start..c16.end]), "{text:?}");
        }
    }
    // The exact numbers for one case, as a reader would count them in JS.
    let text = "🎉 Order 113-4455667-2233445";
    let u = to_utf16(text, analyze(text).expect("small"));
    assert_eq!((u.entities[0].span.start, u.entities[0].span.end), (9, 28));
    assert_eq!((u.sentences[0].start, u.sentences[0].end), (0, 28));
}

#[test]
fn analysis_reads_language_sentences_and_facts_together() {
    let text = "Hallo, mein Paket ist seit einer Woche unterwegs. Bestellnummer 302-1234567-7654321.";
    let a = analyze(text).expect("small");
    assert_eq!(a.language, Lang::De);
    let sentences: Vec<&str> = a.sentences.iter().map(|s| s.slice(text)).collect();
    assert_eq!(sentences, ["Hallo, mein Paket ist seit einer Woche unterwegs.", "Bestellnummer 302-1234567-7654321."]);
    let clauses: Vec<&str> = a.clauses.iter().map(|s| s.slice(text)).collect();
    assert_eq!(clauses, ["Hallo,", "mein Paket ist seit einer Woche unterwegs.", "Bestellnummer 302-1234567-7654321."]);
    let facts: Vec<(&str, &str)> = a.entities.iter().map(|e| (e.kind.as_str(), e.value.as_str())).collect();
    assert_eq!(facts, [("duration", "P1W"), ("order_id", "302-1234567-7654321")]);
}

/// Prints what a keystroke costs: the first call (tables and patterns are
/// built once) and then one typical message per call. No assertion.
#[test]
fn per_message_cost() {
    let msg = "Hallo, meine Bestellung 302-1234567-7654321 vom 14.03.2025 ist seit einer Woche nicht da. \
               Laut DHL (00340434161234567890) wurde sie gestern zugestellt, aber hier ist nichts. Ich habe 49,99 € bezahlt.";
    let t = std::time::Instant::now();
    let first = analyze(msg).expect("small");
    println!("analyze first call (builds tables): {:?}", t.elapsed());
    assert_eq!(first.language, Lang::De);
    let t = std::time::Instant::now();
    for _ in 0..200 {
        analyze(msg).expect("small");
    }
    println!("analyze per call on {} bytes: {:?}", msg.len(), t.elapsed() / 200);
}

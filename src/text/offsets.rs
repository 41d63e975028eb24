//! The one place where byte offsets become UTF-16 code units.
//!
//! Rust works in UTF-8 byte offsets; JavaScript's `String.prototype.slice`
//! and every JSON result this crate prints work in UTF-16 code units. A
//! result type lists its spans through [`Spans`]; [`to_utf16`] rewrites them
//! all with one [`Utf16Map`]. Nothing else in the crate converts offsets.
//!
//! Lone surrogates cannot exist in a `&str`: wasm-bindgen's string
//! conversion replaces each one with U+FFFD, which is one UTF-16 unit just
//! like the surrogate it replaced, so offsets stay aligned with the JS
//! string the caller holds.

use super::Span;

/// Bytes between checkpoints: a lookup scans at most this many bytes.
const STRIDE: usize = 64;

/// Maps byte offsets of one text to UTF-16 offsets in O(STRIDE) per lookup,
/// after one O(n) pass.
pub struct Utf16Map<'a> {
    text: &'a str,
    /// `checkpoints[i]` = UTF-16 length of the text before the first char
    /// boundary at or after byte `i * STRIDE`, paired with that boundary.
    checkpoints: Vec<(usize, usize)>,
}

impl<'a> Utf16Map<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut units = 0usize;
        let mut next = 0usize;
        for (i, c) in text.char_indices() {
            while i >= next {
                checkpoints.push((i, units));
                next += STRIDE;
            }
            units += c.len_utf16();
        }
        while next <= text.len() {
            checkpoints.push((text.len(), units));
            next += STRIDE;
        }
        Utf16Map { text, checkpoints }
    }

    /// UTF-16 offset of byte offset `byte`. A byte offset inside a
    /// multi-byte char maps to the start of that char; past the end maps to
    /// the end.
    pub fn utf16(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let (mut at, mut units) = self.checkpoints[byte / STRIDE];
        if at > byte {
            // The checkpoint's boundary is after `byte`: `byte` is inside the
            // char that starts before the checkpoint; step back to it.
            let start = floor_char_boundary(self.text, byte);
            return units - self.text[start..at].encode_utf16().count();
        }
        for c in self.text[at..].chars() {
            if at + c.len_utf8() > byte {
                break;
            }
            at += c.len_utf8();
            units += c.len_utf16();
        }
        units
    }

    /// A byte span as a UTF-16 span.
    pub fn span(&self, span: Span) -> Span {
        Span::new(self.utf16(span.start), self.utf16(span.end))
    }
}

/// Byte offset of UTF-16 offset `units` in `text` (the inverse direction,
/// for positions that come from JS, such as a cursor). A unit offset in the
/// middle of a surrogate pair maps to the start of that char.
pub fn byte_of_utf16(text: &str, units: usize) -> usize {
    let mut seen = 0usize;
    for (i, c) in text.char_indices() {
        if seen + c.len_utf16() > units {
            return i;
        }
        seen += c.len_utf16();
    }
    text.len()
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A result that holds spans into some text. `for_each_span` must visit
/// every span exactly once; [`to_utf16`] relies on it.
pub trait Spans {
    fn for_each_span(&mut self, f: &mut dyn FnMut(&mut Span));
}

/// Rewrites every span in `value` from byte offsets of `text` to UTF-16
/// offsets. Call this once, on the way out to JSON or JS.
pub fn to_utf16<T: Spans>(text: &str, mut value: T) -> T {
    let map = Utf16Map::new(text);
    value.for_each_span(&mut |s| *s = map.span(*s));
    value
}

impl Spans for Span {
    fn for_each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        f(self)
    }
}

impl<T: Spans> Spans for Vec<T> {
    fn for_each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        for item in self {
            item.for_each_span(f)
        }
    }
}

impl<T: Spans> Spans for Option<T> {
    fn for_each_span(&mut self, f: &mut dyn FnMut(&mut Span)) {
        if let Some(item) = self {
            item.for_each_span(f)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks every char boundary of `text` against a direct count.
    fn agrees(text: &str) {
        let map = Utf16Map::new(text);
        for (i, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            let expect = text[..i].encode_utf16().count();
            assert_eq!(map.utf16(i), expect, "byte {i} of {text:?}");
            assert_eq!(byte_of_utf16(text, expect), i, "unit {expect} of {text:?}");
        }
    }

    #[test]
    fn matches_direct_count_on_mixed_scripts() {
        agrees("");
        agrees("plain ascii");
        agrees("ありがとうございます。");
        agrees("🎉 party 🇩🇪 flag 👩‍👩‍👧 family");
        agrees("e\u{301}cole cafe\u{301}\r\nnext");
        let long: String = "ab🎉ü漢\r\n".repeat(500);
        agrees(&long);
    }

    #[test]
    fn the_toolchain_example_holds() {
        let t = "ありがとうございます。";
        let start = t.find("ます。").unwrap();
        let map = Utf16Map::new(t);
        assert_eq!((start, t.len()), (24, 33));
        assert_eq!(map.span(Span::new(24, 33)), Span::new(8, 11));
    }

    #[test]
    fn inside_a_char_maps_to_its_start() {
        let t = "a🎉b";
        let map = Utf16Map::new(t);
        assert_eq!(map.utf16(2), 1);
        assert_eq!(map.utf16(5), 3);
        assert_eq!(map.utf16(99), 4);
        assert_eq!(byte_of_utf16(t, 2), 1, "middle of a surrogate pair");
    }
}

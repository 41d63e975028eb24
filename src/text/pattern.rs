//! The regex dialect of every pattern the engine compiles (rule packs,
//! detectors, structure rules, entity patterns): standard `regex` syntax
//! in which the Perl classes are ASCII.
//!
//! Patterns always run on normalised text ([`super::normalize`]): Latin
//! accents folded, full-width digits and letters made ASCII, every kind of
//! white space made one ASCII space. On that text the ASCII classes match
//! what a writer means by `\d`, `\s`, `\w` and `\b`, and they buy two
//! things:
//!
//! - speed: a Unicode `\b` makes the regex crate's lazy DFA give up on the
//!   first non-ASCII byte (every German, French or Japanese draft, any
//!   emoji) and fall back to a much slower engine;
//! - size: without Unicode Perl classes the crate needs no Unicode tables
//!   (its `unicode-perl` feature is off in Cargo.toml), which is 14 KB of
//!   gzip in the wasm.
//!
//! Literal non-ASCII characters and explicit ranges (`[\u{3040}-\u{30FF}]`)
//! work as ever: the pattern stays in Unicode mode.

/// Rewrites the Perl classes of `pattern` as their ASCII forms:
/// `\b` `\B` as `(?-u:\b)` `(?-u:\B)`, and `\d` `\s` `\w` (and their negations)
/// as the POSIX classes `[[:digit:]]` `[[:space:]]` `[[:word:]]`, written
/// without the outer brackets inside a bracketed class. Everything else is
/// copied unchanged, so a pattern that was invalid stays invalid and the
/// regex crate names the error.
pub fn ascii_classes(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len() + 16);
    // Depth of nested bracketed classes (`[a-z&&[^x]]` nests).
    let mut depth = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() => {
                let next = chars[i + 1];
                i += 2;
                let posix = match next.to_ascii_lowercase() {
                    'd' => "digit",
                    's' => "space",
                    'w' => "word",
                    'b' if depth == 0 => {
                        out.push_str(if next == 'b' { "(?-u:\\b)" } else { "(?-u:\\B)" });
                        continue;
                    }
                    _ => {
                        out.push('\\');
                        out.push(next);
                        continue;
                    }
                };
                let negated = if next.is_ascii_uppercase() { "^" } else { "" };
                if depth == 0 {
                    out.push_str(&format!("[[:{negated}{posix}:]]"));
                } else {
                    out.push_str(&format!("[:{negated}{posix}:]"));
                }
            }
            '[' if depth > 0 && chars.get(i + 1) == Some(&':') => {
                // A POSIX class inside a bracketed class: copied through its `:]`.
                let end = (i + 2..chars.len().saturating_sub(1)).find(|&j| chars[j] == ':' && chars[j + 1] == ']');
                let stop = end.map_or(chars.len(), |j| j + 2);
                out.extend(&chars[i..stop]);
                i = stop;
            }
            '[' => {
                depth += 1;
                out.push('[');
                i += 1;
                // `^` and then a `]` straight after the opening bracket are literal.
                if chars.get(i) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                if chars.get(i) == Some(&']') {
                    out.push(']');
                    i += 1;
                }
            }
            ']' if depth > 0 => {
                depth -= 1;
                out.push(']');
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::ascii_classes;

    #[test]
    fn perl_classes_become_ascii_outside_and_inside_brackets() {
        assert_eq!(ascii_classes(r"\bfoo\B"), r"(?-u:\b)foo(?-u:\B)");
        assert_eq!(ascii_classes(r"\d{3}-\D\s\S\w\W"), "[[:digit:]]{3}-[[:^digit:]][[:space:]][[:^space:]][[:word:]][[:^word:]]");
        assert_eq!(ascii_classes(r"[\d,.]+"), "[[:digit:],.]+");
        assert_eq!(ascii_classes(r"[^\s@]+@"), "[^[:space:]@]+@");
        assert_eq!(ascii_classes(r"[]\d]"), "[][:digit:]]");
        assert_eq!(ascii_classes(r"[^]\w]"), "[^][:word:]]");
        assert_eq!(ascii_classes(r"[[:alpha:]\d]x\d"), "[[:alpha:][:digit:]]x[[:digit:]]");
        assert_eq!(ascii_classes(r"[a-z&&[^\d]]\w"), "[a-z&&[^[:digit:]]][[:word:]]");
    }

    #[test]
    fn everything_else_is_copied() {
        for p in [r"\\d", r"\.\[\]", r"[\u{3040}-\u{30FF}]", r"\x{41}\p{L}", r"(?i)abc", "ümlaut", r"\", "[", r"a\[\d"] {
            let expected = match p {
                r"a\[\d" => r"a\[[[:digit:]]".to_string(),
                _ => p.to_string(),
            };
            assert_eq!(ascii_classes(p), expected, "{p}");
        }
    }

    #[test]
    fn rewritten_patterns_match_ascii_only() {
        let re = regex::Regex::new(&ascii_classes(r"^\w+\s\d$")).unwrap();
        assert!(re.is_match("abc_9 7"));
        assert!(!re.is_match("abc\u{3000}7"));
        assert!(!re.is_match("abc \u{FF17}"));
        let b = regex::Regex::new(&ascii_classes(r"\bdu\b")).unwrap();
        assert!(b.is_match("du bist"));
        assert!(!b.is_match("dunkel"));
    }
}

//! Sentence splitting. (Skeleton; the text-layer work replaces it.)

use super::Span;

/// Sentence spans of `text`, trimmed of surrounding white space.
pub fn sentences(text: &str) -> Vec<Span> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let start = text.len() - text.trim_start().len();
    vec![Span::new(start, text.trim_end().len())]
}

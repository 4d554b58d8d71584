//! Sentence boundaries.
//!
//! The baseline is UAX #29's sentence boundaries (unicode-segmentation), with
//! the whitespace between sentences left out of each span. Language-specific
//! rules (abbreviations, ordinals, initials) refine it per language.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::text::lang::Language;

/// The byte ranges of the sentences of `text`, in order, each trimmed of
/// surrounding whitespace; text that is only whitespace has no sentence.
/// `lang` selects language-specific rules where textlens has them (`None`
/// applies only the rules every language shares).
///
/// # Examples
///
/// ```
/// use textlens::sentence_spans;
///
/// let text = "Putin met Xi. They talked for hours! ";
/// let spans = sentence_spans(text, None);
/// assert_eq!(spans, [0..13, 14..36]);
/// assert_eq!(&text[spans[1].clone()], "They talked for hours!");
/// ```
pub fn sentence_spans(text: &str, lang: Option<Language>) -> Vec<Range<usize>> {
    let _ = lang;
    text.split_sentence_bound_indices()
        .filter_map(|(start, s)| trimmed(start, s))
        .collect()
}

/// The sentences of `text` as slices of it; see [`sentence_spans`].
///
/// # Examples
///
/// ```
/// use textlens::sentences;
///
/// assert_eq!(sentences("Guten Tag. Wie geht es?", None), ["Guten Tag.", "Wie geht es?"]);
/// ```
pub fn sentences(text: &str, lang: Option<Language>) -> Vec<&str> {
    sentence_spans(text, lang)
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

/// `s` (found at byte `start`) without leading and trailing whitespace, as a
/// range of the whole text; `None` when nothing is left.
fn trimmed(start: usize, s: &str) -> Option<Range<usize>> {
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    (!body.is_empty()).then(|| start + lead..start + lead + body.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_only_has_no_sentence() {
        assert!(sentence_spans(" \n\t ", None).is_empty());
        assert!(sentence_spans("", None).is_empty());
    }

    #[test]
    fn spans_slice_back_to_the_text() {
        let text = "«Да», сказал он.  Потом ушёл. 我们走了。他们留下了！";
        for r in sentence_spans(text, None) {
            assert_eq!(text[r.clone()].trim(), &text[r]);
        }
        assert_eq!(sentences(text, None).len(), 4);
    }
}

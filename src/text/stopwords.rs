//! Stopword lists: NLTK's lists where NLTK has one, Stopwords ISO for the
//! other languages (both through the `stop-words` crate), or the caller's own.

use std::collections::HashSet;

use crate::text::lang::Language;
use crate::text::normalize::Normalizer;

/// The built-in stopword list of a language, as shipped (not normalized).
/// Empty when textlens has no list for it.
///
/// # Examples
///
/// ```
/// let en = textlens::default_stopwords("en".parse()?);
/// assert!(en.contains(&"the"));
/// let de = textlens::default_stopwords("de".parse()?);
/// assert!(de.contains(&"und"));
/// # Ok::<(), textlens::Error>(())
/// ```
pub fn default_stopwords(lang: Language) -> &'static [&'static str] {
    stop_words::lookup(lang.code()).unwrap_or_default()
}

/// A set of stopwords, stored in the normalized form tokens are compared in.
///
/// # Examples
///
/// ```
/// use textlens::{Normalizer, Stopwords};
///
/// let norm = Normalizer::default();
/// let stop = Stopwords::new(["The", "Kremlin"], &norm);
/// assert!(stop.contains("the") && stop.contains("kremlin"));
/// assert!(!stop.contains("Moscow"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Stopwords {
    words: HashSet<String>,
}

impl Stopwords {
    /// Normalize each word with `norm` and collect the set.
    pub fn new<I, S>(words: I, norm: &Normalizer) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let words = words
            .into_iter()
            .map(|w| norm.normalize(w.as_ref().trim()).into_owned())
            .filter(|w| !w.is_empty())
            .collect();
        Stopwords { words }
    }

    /// Whether the (already normalized) token is a stopword.
    #[inline]
    pub fn contains(&self, normalized: &str) -> bool {
        self.words.contains(normalized)
    }

    /// Number of distinct words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_exist_for_every_language_we_stem() {
        for lang in Language::all() {
            if lang.stem_engine(crate::Engine::Current).is_some()
                && !matches!(lang.code(), "sr" | "yi")
            {
                assert!(!default_stopwords(lang).is_empty(), "{}", lang.name());
            }
        }
    }

    #[test]
    fn russian_list_is_yo_folded_like_tokens() {
        let ru: Language = "ru".parse().unwrap();
        let norm = Normalizer {
            lang: Some(ru),
            ..Normalizer::default()
        };
        let stop = Stopwords::new(default_stopwords(ru), &norm);
        assert!(stop.contains("все"));
        assert!(!stop.contains("всё"));
    }
}

//! Language detection with whatlang, on a bounded sample of long texts.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::text::lang::Language;

mod sample;
pub(crate) mod spans;
use sample::sample;

/// Texts longer than this many bytes are judged on a sample of this size:
/// three windows from the start, the middle and the end. Checked against
/// full-text detection on the whole benchmark corpus (tests/detect_sample.rs).
pub const SAMPLE_BYTES: usize = 6 * 1024;

/// The default detector first judges texts on a quick sample of this many
/// bytes, and only where whatlang finds that answer unreliable goes on to the
/// [`SAMPLE_BYTES`] sample. Checked like the sample size itself.
pub const QUICK_SAMPLE_BYTES: usize = 1536;

/// The result of language detection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Detection {
    /// The language found.
    pub lang: Language,
    /// The writing system, e.g. `"Latin"`, `"Cyrillic"`, `"Mandarin"` (Han).
    pub script: String,
    /// whatlang's confidence, from 0 to 1.
    pub confidence: f64,
    /// Whether whatlang considers the answer reliable.
    pub reliable: bool,
}

/// Detects languages, optionally among an allow-list only.
///
/// # Examples
///
/// ```
/// use textlens::Detector;
///
/// let any = Detector::default();
/// let d = any.detect("Der Kreml teilte mit, dass die Präsidenten telefoniert haben.").unwrap();
/// assert_eq!(d.lang.code(), "de");
/// assert_eq!(d.script, "Latin");
///
/// let only = Detector::with_allowlist(&["es".parse()?, "pt".parse()?])?;
/// assert_eq!(only.detect("O presidente falou com o seu homólogo chinês.").unwrap().lang.code(), "pt");
/// assert!(any.detect("").is_none());
/// assert!(any.detect("\u{3000}\u{a0} 2022-12-30 …").is_none()); // no letter, no guess
/// # Ok::<(), textlens::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Detector {
    inner: whatlang::Detector,
    sample_bytes: usize,
    quick_bytes: Option<usize>,
    allowlist: Option<Vec<Language>>,
}

impl Default for Detector {
    fn default() -> Self {
        Detector {
            inner: whatlang::Detector::default(),
            sample_bytes: SAMPLE_BYTES,
            quick_bytes: Some(QUICK_SAMPLE_BYTES),
            allowlist: None,
        }
    }
}

impl Detector {
    /// Judge texts longer than `bytes` on a sample of about that size
    /// (`usize::MAX`: always the whole text), in one stage. The default is a
    /// [`QUICK_SAMPLE_BYTES`] sample, then [`SAMPLE_BYTES`] where the quick
    /// answer is unreliable.
    pub fn with_sample_bytes(mut self, bytes: usize) -> Detector {
        self.sample_bytes = bytes.max(3);
        self.quick_bytes = None;
        self
    }

    /// A detector that only answers with one of `langs`.
    ///
    /// # Errors
    ///
    /// [`Error::Unsupported`] for a language whatlang cannot detect;
    /// [`Error::InvalidOption`] for an empty list.
    pub fn with_allowlist(langs: &[Language]) -> Result<Detector> {
        if langs.is_empty() {
            return Err(Error::invalid(
                "allowlist",
                "must name at least one language",
            ));
        }
        let list = langs
            .iter()
            .map(|&l| {
                l.whatlang().ok_or(Error::Unsupported {
                    lang: l.code(),
                    name: l.name(),
                    what: "language detection",
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Detector {
            inner: whatlang::Detector::with_allowlist(list),
            allowlist: Some(langs.to_vec()),
            ..Detector::default()
        })
    }

    /// Detect the language of `text`; `None` when the text gives no clue
    /// (empty, digits or punctuation only).
    pub fn detect(&self, text: &str) -> Option<Detection> {
        match self.quick_bytes {
            // No answer from the quick sample (no letter in its windows, or
            // only a language outside the allow-list) is no verdict either:
            // the larger sample decides.
            Some(quick) if text.len() > quick => match self.detect_sampled(text, quick) {
                Some(found) if found.reliable => Some(found),
                _ => self.detect_sampled(text, self.sample_bytes),
            },
            _ => self.detect_sampled(text, self.sample_bytes),
        }
    }

    fn detect_sampled(&self, text: &str, budget: usize) -> Option<Detection> {
        let sampled;
        let judged = if text.len() <= budget {
            text
        } else {
            sampled = sample(text, budget);
            &sampled
        };
        // whatlang guesses a language, with confidence 0, for text without a
        // single letter (no-break and ideographic spaces, digits, symbols).
        if !judged.chars().any(char::is_alphabetic) {
            return None;
        }
        let info = self.inner.detect(judged)?;
        let lang = Language::from_whatlang(info.lang())?;
        // whatlang answers with the one language of a script (Japanese for
        // kana, Korean for Hangul, Greek…) whatever its allow-list says.
        if self.allowlist.as_ref().is_some_and(|l| !l.contains(&lang)) {
            return None;
        }
        Some(Detection {
            lang,
            script: info.script().name().to_owned(),
            confidence: info.confidence(),
            reliable: info.is_reliable(),
        })
    }
}

/// Detect the language of `text` among all languages. See [`Detector`].
pub fn detect(text: &str) -> Option<Detection> {
    Detector::default().detect(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_is_bounded_and_keeps_char_boundaries() {
        let text = "ёлка и пальма ".repeat(5000);
        let s = sample(&text, SAMPLE_BYTES);
        assert!(s.len() <= SAMPLE_BYTES + 2);
        assert!(s.starts_with("ёлка"));
    }

    #[test]
    fn cjk_without_spaces_is_sampled_too() {
        let text = "中华人民共和国主席习近平同俄罗斯总统普京举行视频会晤。".repeat(1000);
        assert_eq!(detect(&text).unwrap().lang.code(), "zh");
    }

    /// Found by the `analyzer` fuzz target: an allow-list of Amharic
    /// detected kana as Japanese.
    #[test]
    fn allowlist_holds_for_scripts_of_one_language() {
        let only = |codes: &[&str]| {
            let langs: Vec<Language> = codes.iter().map(|c| c.parse().unwrap()).collect();
            Detector::with_allowlist(&langs).unwrap()
        };
        assert!(only(&["am"]).detect("ひらがなとカタカナ").is_none());
        assert!(only(&["en"]).detect("한국어 뉴스").is_none());
        assert!(only(&["en"]).detect("中华人民共和国主席习近平").is_none());
        assert!(only(&["ru"]).detect("Ελληνικά νέα").is_none());
        let ja = only(&["ja", "en"]).detect("ひらがなとカタカナ").unwrap();
        assert_eq!(ja.lang.code(), "ja");
    }

    #[test]
    fn a_quick_sample_without_letters_defers_to_the_larger_one() {
        // Numbers everywhere but in one gap between the quick sample's windows.
        let numbers = |n| "2022 1,000 3.20 ".repeat(n);
        let text = format!(
            "{}Der Kreml teilte mit, dass die Präsidenten telefoniert haben. {}",
            numbers(13),
            numbers(150)
        );
        assert!(text.len() > QUICK_SAMPLE_BYTES && text.len() < SAMPLE_BYTES);
        let quick_only = Detector::default().with_sample_bytes(QUICK_SAMPLE_BYTES);
        assert_eq!(quick_only.detect(&text), None);
        assert_eq!(
            Detector::default().detect(&text).map(|d| d.lang.code()),
            Some("de")
        );
    }

    #[test]
    fn allowlist_rejects_undetectable_languages() {
        let eu: Language = "eu".parse().unwrap();
        assert!(Detector::with_allowlist(&[eu]).is_err());
        assert!(Detector::with_allowlist(&[]).is_err());
    }
}

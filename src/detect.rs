//! Language detection with whatlang, on a bounded sample of long texts.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::lang::Language;

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
}

impl Default for Detector {
    fn default() -> Self {
        Detector {
            inner: whatlang::Detector::default(),
            sample_bytes: SAMPLE_BYTES,
            quick_bytes: Some(QUICK_SAMPLE_BYTES),
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
            ..Detector::default()
        })
    }

    /// Detect the language of `text`; `None` when the text gives no clue
    /// (empty, digits or punctuation only).
    pub fn detect(&self, text: &str) -> Option<Detection> {
        match self.quick_bytes {
            Some(quick) if text.len() > quick => {
                let found = self.detect_sampled(text, quick)?;
                if found.reliable {
                    return Some(found);
                }
                self.detect_sampled(text, self.sample_bytes)
            }
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
        Some(Detection {
            lang: Language::from_whatlang(info.lang())?,
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

/// Windows spread evenly over the text: the sample sees the same mix of
/// scripts and languages as the whole.
const SAMPLE_WINDOWS: usize = 8;

/// [`SAMPLE_WINDOWS`] windows of `budget / SAMPLE_WINDOWS` bytes, evenly
/// spaced from the start to the end of `text`, each trimmed to whole words,
/// joined by newlines.
fn sample(text: &str, budget: usize) -> String {
    let window = (budget / SAMPLE_WINDOWS).max(1);
    let stride = (text.len() - window) / (SAMPLE_WINDOWS - 1);
    let mut out = String::with_capacity(budget + SAMPLE_WINDOWS);
    for i in 0..SAMPLE_WINDOWS {
        if i > 0 {
            out.push('\n');
        }
        let start = i * stride;
        out.push_str(whole_words(text, start, start + window));
    }
    out
}

/// `text[start..end]` moved inward to char boundaries and then to whitespace,
/// so that no word is cut.
fn whole_words(text: &str, start: usize, end: usize) -> &str {
    let mut s = start;
    while !text.is_char_boundary(s) {
        s += 1;
    }
    let mut e = end.min(text.len());
    while !text.is_char_boundary(e) {
        e -= 1;
    }
    let slice = &text[s..e];
    let head = if s == 0 {
        0
    } else {
        slice.find(char::is_whitespace).map_or(0, |i| i)
    };
    let tail = if e == text.len() {
        slice.len()
    } else {
        slice.rfind(char::is_whitespace).unwrap_or(slice.len())
    };
    if head < tail {
        &slice[head..tail]
    } else {
        slice
    }
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

    #[test]
    fn allowlist_rejects_undetectable_languages() {
        let eu: Language = "eu".parse().unwrap();
        assert!(Detector::with_allowlist(&[eu]).is_err());
        assert!(Detector::with_allowlist(&[]).is_err());
    }
}

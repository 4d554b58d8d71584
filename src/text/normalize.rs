//! Normalization of one token: bidi controls dropped, Unicode composition,
//! language-aware lowercasing, optional accent stripping and the Russian ё → е fold.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, is_nfkc_quick, IsNormalized, UnicodeNormalization};

use crate::error::{Error, Result};
use crate::text::lang::Language;
use crate::text::letters::lowercase_changes;

/// Which Unicode normalization form tokens are brought to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    /// Canonical composition: "e" + U+0301 becomes "é". The default.
    #[default]
    Nfc,
    /// Compatibility composition as well: full-width "ＡＢＣ" becomes "ABC",
    /// the ligature "ﬁ" becomes "fi".
    Nfkc,
}

impl std::str::FromStr for Form {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "nfc" => Ok(Form::Nfc),
            "nfkc" => Ok(Form::Nfkc),
            _ => Err(Error::invalid(
                "normalization",
                format!("{s:?} is not one of \"nfc\", \"nfkc\""),
            )),
        }
    }
}

/// How a token is normalized. The default composes to NFC and lowercases;
/// typographic apostrophes (U+2019, U+02BC) always become `'`.
///
/// # Examples
///
/// ```
/// use textlens::{Language, Normalizer};
///
/// let tr = Normalizer { lang: Some("tr".parse()?), ..Normalizer::default() };
/// assert_eq!(tr.normalize("İSTANBUL"), "istanbul");
/// assert_eq!(tr.normalize("ISPARTA"), "ısparta");
///
/// let el = Normalizer { lang: Some("el".parse()?), ..Normalizer::default() };
/// assert_eq!(el.normalize("ΟΔΥΣΣΕΥΣ"), "οδυσσευ\u{3c2}");
///
/// let ru = Normalizer { lang: Some("ru".parse()?), ..Normalizer::default() };
/// assert_eq!(ru.normalize("Ёлка"), "елка");
///
/// assert_eq!(Normalizer::default().normalize("Moscow’s"), "moscow's");
///
/// let plain = Normalizer { strip_accents: true, ..Normalizer::default() };
/// assert_eq!(plain.normalize("Crème Brûlée"), "creme brulee");
/// # Ok::<(), textlens::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Normalizer {
    /// Language whose casing and folding rules apply; `None` for Unicode defaults.
    pub lang: Option<Language>,
    /// Unicode normalization form.
    pub form: Form,
    /// Lowercase (with the language's own rules).
    pub lowercase: bool,
    /// Remove accents (characters with a non-zero canonical combining class)
    /// after canonical decomposition, as scikit-learn's `strip_accents="unicode"` does.
    pub strip_accents: bool,
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer {
            lang: None,
            form: Form::Nfc,
            lowercase: true,
            strip_accents: false,
        }
    }
}

impl Normalizer {
    /// Normalize one token (or any text). Borrows when nothing changes.
    pub fn normalize<'a>(&self, token: &'a str) -> Cow<'a, str> {
        if token.is_ascii() {
            // ASCII is already in every normalization form and has no accents;
            // only Turkic casing of 'I' differs from the plain ASCII fold.
            if !self.lowercase || !token.bytes().any(|b| b.is_ascii_uppercase()) {
                return Cow::Borrowed(token);
            }
            if !(self.turkic() && token.contains('I')) {
                return Cow::Owned(token.to_ascii_lowercase());
            }
        }
        let mut out = if token.contains(is_bidi_control) {
            // Before composing: a control between a letter and its accent blocks NFC.
            let visible: String = token.chars().filter(|&c| !is_bidi_control(c)).collect();
            Cow::Owned(self.compose(&visible).into_owned())
        } else {
            self.compose(token)
        };
        // Most words are lower case already: find out without a new String
        // (when a char changes, the lower-cased word differs).
        if self.lowercase && lowercase_changes(&out) {
            out = Cow::Owned(self.lowercase(&out));
        }
        // After lowercasing, so that Turkish İ becomes i (not dotless ı).
        if self.strip_accents {
            out = Cow::Owned(strip_accents(&out));
        }
        if out.contains(APOSTROPHES) {
            out = Cow::Owned(out.replace(APOSTROPHES, "'"));
        }
        if self.lang.is_some_and(|l| l.code() == "ru") && out.contains(['ё', 'Ё']) {
            out = Cow::Owned(out.replace('ё', "е").replace('Ё', "Е"));
        }
        out
    }

    fn turkic(&self) -> bool {
        self.lang.is_some_and(Language::turkic_casing)
    }

    fn compose<'a>(&self, s: &'a str) -> Cow<'a, str> {
        match self.form {
            Form::Nfc if is_nfc_quick(s.chars()) != IsNormalized::Yes => {
                Cow::Owned(s.nfc().collect())
            }
            Form::Nfkc if is_nfkc_quick(s.chars()) != IsNormalized::Yes => {
                Cow::Owned(s.nfkc().collect())
            }
            _ => Cow::Borrowed(s),
        }
    }

    fn lowercase(&self, s: &str) -> String {
        if self.turkic() && s.contains(['I', 'İ']) {
            // Turkish and Azerbaijani: I → ı, İ → i (Unicode SpecialCasing).
            s.replace('I', "ı").replace('İ', "i").to_lowercase()
        } else {
            // str::to_lowercase already applies Greek final sigma.
            s.to_lowercase()
        }
    }
}

/// Bidi formatting controls (ALM, LRM, RLM, embeddings, overrides, isolates)
/// only steer display. UAX #29 glues them to the word beside them (WB4), so
/// kept in a term they would make "\u{202B}مرحبا\u{202C}" a different term
/// from "مرحبا".
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Typographic apostrophes inside words ("Moscow’s", "aujourd’hui", "м’ясо")
/// become the ASCII apostrophe that Snowball's possessive rules expect.
const APOSTROPHES: [char; 2] = ['\u{2019}', '\u{02BC}'];

/// Decompose, drop characters with a non-zero canonical combining class
/// (accents; not the vowel signs of Indic scripts), recompose: scikit-learn's
/// `strip_accents_unicode`.
fn strip_accents(s: &str) -> String {
    s.nfd()
        .filter(|&c| canonical_combining_class(c) == 0)
        .nfc()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(lang: &str) -> Normalizer {
        Normalizer {
            lang: Some(lang.parse().unwrap()),
            ..Normalizer::default()
        }
    }

    #[test]
    fn nfc_composes_decomposed_input() {
        let n = Normalizer::default();
        assert_eq!(n.normalize("Cafe\u{301}"), "café");
    }

    #[test]
    fn nfkc_folds_compatibility_forms() {
        let n = Normalizer {
            form: Form::Nfkc,
            ..Normalizer::default()
        };
        assert_eq!(n.normalize("ＡＢＣ ﬁ"), "abc fi");
    }

    #[test]
    fn ascii_fast_path_borrows() {
        assert!(matches!(
            Normalizer::default().normalize("abc"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn turkish_i_in_ascii_and_unicode_words() {
        assert_eq!(with("tr").normalize("DIŞ"), "dış");
        assert_eq!(with("tr").normalize("IRAK"), "ırak");
        assert_eq!(with("en").normalize("IRAK"), "irak");
    }

    #[test]
    fn greek_final_sigma() {
        assert_eq!(
            with("el").normalize("ΣΟΦΟΣ ΣΟΦΟΣ"),
            "σοφο\u{3c2} σοφο\u{3c2}"
        );
    }

    #[test]
    fn strip_accents_keeps_turkish_i_and_indic_vowel_signs() {
        let tr = Normalizer {
            strip_accents: true,
            ..with("tr")
        };
        assert_eq!(tr.normalize("İstanbul Çok"), "istanbul cok");
        let hi = Normalizer {
            strip_accents: true,
            ..Normalizer::default()
        };
        assert_eq!(hi.normalize("सरकार"), "सरकार");
    }

    #[test]
    fn bidi_controls_are_dropped() {
        let norm = Normalizer::default();
        assert_eq!(norm.normalize("\u{202B}Мир\u{202C}"), "мир");
        assert_eq!(norm.normalize("x\u{061C}y\u{2069}"), "xy");
        assert_eq!(norm.normalize("e\u{200F}\u{301}"), "\u{e9}");
        assert_eq!(norm.normalize("\u{200E}"), "");
    }

    #[test]
    fn yo_fold_only_for_russian() {
        assert_eq!(with("ru").normalize("всё"), "все");
        assert_eq!(with("be").normalize("всё"), "всё");
    }
}

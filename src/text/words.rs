//! Word rules that belong to a language, applied to each word token before
//! normalization (Lucene's ElisionFilter, ApostropheFilter and
//! EnglishPossessiveFilter are the anchors):
//!
//! - French, Italian, Catalan, Irish: an elided article or pronoun (`l'`,
//!   `qu'`, `dell'`, `d'`) is split off and dropped, as a stopword would be:
//!   `l'État` → `État`.
//! - Turkish, Azerbaijani: the suffix after an apostrophe is inflection and
//!   is dropped: `Türkiye'nin` → `Türkiye`.
//! - English: a possessive `'s` is dropped, so `U.K.'s` counts as `U.K.`.
//!
//! Every result is a slice of the token, so offsets still slice back to the
//! text. Words with inner periods (`U.S`, `e.g`) are abbreviations: the
//! analyzer does not stem them.

use crate::text::lang::Language;

/// Which rule a language applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WordRule {
    None,
    /// Elided articles and pronouns before an apostrophe (this list).
    Elision(&'static [&'static str]),
    /// Inflection after an apostrophe.
    Suffix,
    /// English possessive `'s`.
    Possessive,
}

const FR: &[&str] = &[
    "l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu",
];
const IT: &[&str] = &[
    "c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl",
    "negl", "sugl", "un", "m", "t", "s", "v", "d", "quest", "quell", "nessun", "buon", "sant",
    "bell",
];
const CA: &[&str] = &["d", "l", "m", "n", "s", "t"];
const GA: &[&str] = &["d", "m", "b"];

impl WordRule {
    /// The rule of `lang` (`None` for languages without one).
    pub(crate) fn of(lang: Option<Language>) -> WordRule {
        match lang.map(Language::code) {
            Some("fr") => WordRule::Elision(FR),
            Some("it") => WordRule::Elision(IT),
            Some("ca") => WordRule::Elision(CA),
            Some("ga") => WordRule::Elision(GA),
            Some("tr" | "az") => WordRule::Suffix,
            Some("en") => WordRule::Possessive,
            _ => WordRule::None,
        }
    }

    /// The word in `token` under this rule: a slice of it, possibly empty
    /// (a token that is only an elided article, `l'`).
    ///
    /// ```text
    /// fr: "l'État" → "État", "qu'il" → "il", "aujourd'hui" → "aujourd'hui"
    /// tr: "Türkiye'nin" → "Türkiye"      en: "Putin's" → "Putin"
    /// ```
    #[cfg(test)]
    pub(crate) fn word(self, token: &str) -> &str {
        &token[self.span(token)]
    }

    /// Where [`WordRule::word`] lies in `token`, in bytes.
    pub(crate) fn span(self, token: &str) -> std::ops::Range<usize> {
        let whole = 0..token.len();
        if matches!(self, WordRule::None) {
            return whole;
        }
        let Some(at) = token.find(['\'', '’']) else {
            return whole;
        };
        let quote_len = token[at..].chars().next().map_or(1, char::len_utf8);
        match self {
            WordRule::None => whole,
            WordRule::Elision(list) => {
                let head = &token[..at];
                if list.iter().any(|e| e.eq_ignore_ascii_case(head)) {
                    at + quote_len..token.len()
                } else {
                    whole
                }
            }
            WordRule::Suffix if at > 0 => 0..at,
            WordRule::Suffix => whole,
            WordRule::Possessive => {
                let tail = &token[at + quote_len..];
                if at > 0 && tail.eq_ignore_ascii_case("s") {
                    0..at
                } else {
                    whole
                }
            }
        }
    }
}

/// Whether `word` is an abbreviation written with inner periods (`U.S`,
/// `e.g`, `z.B`, `Ph.D`), which stemming would cut (`u.s` → `u.`): short
/// letter groups joined by periods, not two words run together (`wurde.der`).
pub(crate) fn is_dotted(word: &str) -> bool {
    word.len() > 2
        && word.as_bytes()[1..word.len() - 1].contains(&b'.')
        && word
            .split('.')
            .all(|part| (1..=3).contains(&part.chars().count()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(code: &str) -> WordRule {
        WordRule::of(Some(code.parse().unwrap()))
    }

    #[test]
    fn elisions_apostrophe_suffixes_and_possessives() {
        let cases = [
            ("fr", "l'État", "État"),
            ("fr", "qu'il", "il"),
            ("fr", "d'augmentation", "augmentation"),
            ("fr", "L’Europe", "Europe"),
            ("fr", "aujourd'hui", "aujourd'hui"),
            ("it", "dell'anno", "anno"),
            ("it", "all'Europa", "Europa"),
            ("ca", "l'àvia", "àvia"),
            ("ga", "d'Éirinn", "Éirinn"),
            ("tr", "Türkiye'nin", "Türkiye"),
            ("tr", "Ankara'dır", "Ankara"),
            ("az", "Bakı'da", "Bakı"),
            ("en", "Putin's", "Putin"),
            ("en", "don't", "don't"),
            ("de", "geht's", "geht's"),
        ];
        for (lang, token, word) in cases {
            assert_eq!(rule(lang).word(token), word, "{lang} {token}");
        }
        assert_eq!(rule("fr").word("l'"), "");
    }

    #[test]
    fn dotted_words() {
        assert!(is_dotted("U.S") && is_dotted("e.g") && is_dotted("z.B"));
        assert!(!is_dotted("US") && !is_dotted("3.") && !is_dotted("."));
        assert!(!is_dotted("wurde.der"));
    }
}

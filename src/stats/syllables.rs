//! Syllable counts by per-language vowel-group rules.
//!
//! A syllable has one vowel nucleus, so counting maximal runs of vowel
//! letters counts syllables wherever the spelling is close to the sound:
//! exactly in Turkish, Russian and the other Cyrillic languages (where every
//! vowel letter is a nucleus), closely in the Romance and Germanic languages,
//! where a few corrections per language (English silent *e*, French mute
//! final *e*, German and Dutch diphthongs, Spanish and Italian hiatus left as
//! one group) keep the count near the dictionary's. Languages without a rule
//! here give [`Error::Unsupported`] naming the language.

use crate::error::{Error, Result};
use crate::text::lang::Language;

/// How a language's syllables are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rule {
    /// English: vowel groups (a e i o u y) with silent final *e*, *-es*,
    /// *-ed* and the syllabic *-le*.
    English,
    /// French: vowel groups with the mute final *e* / *es* / *ent* dropped.
    French,
    /// Every vowel letter is its own syllable nucleus (Turkish, Cyrillic).
    EachVowel,
    /// Maximal runs of vowel letters (other Latin, Greek scripts).
    Groups,
}

/// The rule for `lang`, if textlens has one.
pub(crate) fn rule(lang: Language) -> Option<Rule> {
    Some(match lang.code() {
        "en" => Rule::English,
        "fr" => Rule::French,
        "tr" | "az" | "ru" | "uk" | "be" | "bg" | "mk" | "sr" | "kk" | "ky" | "mn" | "tt" => {
            Rule::EachVowel
        }
        "de" | "nl" | "es" | "it" | "pt" | "pl" | "cs" | "sk" | "sl" | "hr" | "bs" | "ro"
        | "ca" | "gl" | "sv" | "da" | "nb" | "nn" | "no" | "fi" | "et" | "hu" | "lv" | "lt"
        | "el" | "af" | "eu" | "id" | "ms" | "tl" | "sq" | "is" | "ga" | "cy" | "la" | "eo"
        | "sw" | "so" | "yo" | "zu" | "xh" | "vi" | "ha" | "ig" | "st" | "tn" | "ts" | "sn" => {
            Rule::Groups
        }
        _ => return None,
    })
}

/// The rule for `lang`, or an error naming the language.
pub(crate) fn rule_for(lang: Language) -> Result<Rule> {
    rule(lang).ok_or(Error::Unsupported {
        lang: lang.code(),
        name: lang.name(),
        what: "syllable rule",
    })
}

/// Whether `c` (lower-case) is a vowel letter in the Latin, Greek or Cyrillic
/// scripts: the five Latin vowels and *y* with any diacritic, the Greek vowels
/// and the Cyrillic vowel letters.
fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e' | 'i' | 'o' | 'u' | 'y'
            | 'à'..='å' | 'æ' | 'è'..='ï' | 'ò'..='ö' | 'ø'..='ü' | 'ý' | 'ÿ'
            | 'ā' | 'ă' | 'ą' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ī' | 'ĭ' | 'į' | 'ı'
            | 'ō' | 'ŏ' | 'ő' | 'œ' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ơ' | 'ư'
            | 'ǎ' | 'ǐ' | 'ǒ' | 'ǔ' | 'ạ'..='ỹ'
            | 'α' | 'ε' | 'η' | 'ι' | 'ο' | 'υ' | 'ω' | 'ά' | 'έ' | 'ή' | 'ί' | 'ό'
            | 'ύ' | 'ώ' | 'ϊ' | 'ϋ' | 'ΐ' | 'ΰ'
            | 'а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я' | 'і' | 'ї'
            | 'є' | 'ў' | 'ә' | 'ө' | 'ү' | 'ұ'
    )
}

/// The number of syllables of `word` (lower-cased by the caller) under `rule`;
/// at least 1 for a word with a letter, 0 for one without.
pub(crate) fn count(word: &str, rule: Rule) -> u32 {
    if !word.chars().any(char::is_alphabetic) {
        return 0;
    }
    let chars: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    let n = match rule {
        Rule::EachVowel => chars.iter().filter(|&&c| is_vowel(c)).count(),
        Rule::Groups => groups(&chars),
        Rule::English => english(&chars),
        Rule::French => french(&chars),
    };
    n.max(1) as u32
}

/// Maximal runs of vowels.
fn groups(chars: &[char]) -> usize {
    let mut n = 0;
    let mut prev = false;
    for &c in chars {
        let v = is_vowel(c);
        if v && !prev {
            n += 1;
        }
        prev = v;
    }
    n
}

fn ends_with(chars: &[char], s: &str) -> bool {
    let k = s.chars().count();
    chars.len() >= k && chars[chars.len() - k..].iter().copied().eq(s.chars())
}

fn english(chars: &[char]) -> usize {
    let mut n = groups(chars);
    let len = chars.len();
    let before = |k: usize| (len > k).then(|| chars[len - k - 1]);
    if n > 1 {
        // A final "e" is silent ("make", "clue") except in consonant + "le"
        // ("table") and words like "the".
        let syllabic_le = ends_with(chars, "le") && before(2).is_some_and(|c| !is_vowel(c));
        let silent_e = ends_with(chars, "e") && !ends_with(chars, "ee") && !ends_with(chars, "ie");
        let consonant_before = before(2).is_some_and(|c| !is_vowel(c));
        // After n, l and ss a final "ue" is its own syllable ("is-sue", "val-ue").
        let syllabic_ue = ends_with(chars, "ue") && matches!(before(2), Some('n' | 'l' | 's'));
        if silent_e && !syllabic_le && !syllabic_ue {
            n -= 1;
        } else if ends_with(chars, "ed")
            && consonant_before
            && !matches!(before(2), Some('t' | 'd'))
        {
            // "-ed" adds a syllable only after t and d ("wanted", but "walked", "used").
            n -= 1;
        } else if ends_with(chars, "es")
            && consonant_before
            && !matches!(before(2), Some('s' | 'x' | 'z' | 'g' | 'c' | 'h'))
        {
            // "-es" adds one only after sibilants ("boxes", but "makes").
            n -= 1;
        }
    }
    // "ia", "io" after most consonants are two syllables (me-di-a, ra-di-o);
    // after c, t, s, g, l, x they are one ("na-tion", "mil-lion", "so-cial").
    for w in chars.windows(3) {
        if !is_vowel(w[0])
            && !matches!(w[0], 'c' | 't' | 's' | 'g' | 'l' | 'x')
            && w[1] == 'i'
            && matches!(w[2], 'a' | 'o')
        {
            n += 1;
        }
    }
    // "ua" after a consonant other than q and g is two ("ac-tu-al", "sit-u-a-tion");
    // so is "eo" after one other than p, g, c ("vid-e-o", but "peo-ple").
    for w in chars.windows(3) {
        if (!is_vowel(w[0]) && !matches!(w[0], 'q' | 'g') && w[1] == 'u' && w[2] == 'a')
            || (!is_vowel(w[0]) && !matches!(w[0], 'p' | 'g' | 'c') && w[1] == 'e' && w[2] == 'o')
        {
            n += 1;
        }
    }
    // A silent "e" before a suffix ("like-ly", "some-thing", "state-ment", "safe-ty").
    for suffix in ["ly", "ment", "thing", "ty", "ness", "ful", "less"] {
        let k = suffix.chars().count();
        if n > 1
            && ends_with(chars, suffix)
            && len > k + 2
            && chars[len - k - 1] == 'e'
            && !is_vowel(chars[len - k - 2])
            && !(len > k + 2 && chars[len - k - 2] == 'l' && !is_vowel(chars[len - k - 3]))
        {
            n -= 1;
            break;
        }
    }
    // A vowel before "-ing" is its own syllable: "be-ing", "go-ing".
    if n > 0 && ends_with(chars, "ing") && before(3).is_some_and(is_vowel) && before(3) != Some('u')
    {
        n += 1;
    }
    n
}

fn french(chars: &[char]) -> usize {
    // The "u" of "qu" is no vowel: "république" is re-pu-blique.
    let chars: Vec<char> = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            if c == 'u' && i > 0 && chars[i - 1] == 'q' {
                'q'
            } else {
                c
            }
        })
        .collect();
    let chars = &chars[..];
    let mut n = groups(chars);
    if n > 1 {
        let len = chars.len();
        let mute = |suffix: &str| {
            ends_with(chars, suffix)
                && len > suffix.len()
                && !is_vowel(chars[len - suffix.chars().count() - 1])
        };
        if mute("e") || mute("es") || mute("ent") {
            n -= 1;
        }
    }
    n
}

/// Syllable counts of `words` in `lang`, each word lower-cased first.
///
/// # Errors
///
/// [`Error::Unsupported`] when textlens has no syllable rule for `lang`.
///
/// # Examples
///
/// ```
/// let en: textlens::Language = "en".parse()?;
/// assert_eq!(textlens::syllables(&["table", "make", "wanted", "readability"], en)?, [2, 1, 2, 5]);
/// let ru: textlens::Language = "ru".parse()?;
/// assert_eq!(textlens::syllables(&["молоко"], ru)?, [3]);
/// # Ok::<(), textlens::Error>(())
/// ```
pub fn syllables<S: AsRef<str>>(words: &[S], lang: Language) -> Result<Vec<u32>> {
    let rule = rule_for(lang)?;
    Ok(words
        .iter()
        .map(|w| count(&w.as_ref().to_lowercase(), rule))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(code: &str) -> Language {
        Language::from_name(code).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn english_hand_syllabified() {
        let words = [
            ("the", 1),
            ("table", 2),
            ("make", 1),
            ("makes", 1),
            ("boxes", 2),
            ("wanted", 2),
            ("walked", 1),
            ("media", 3),
            ("nation", 2),
            ("radio", 3),
            ("beautiful", 3),
            ("cat", 1),
            ("readability", 5),
            ("free", 1),
            ("pie", 1),
        ];
        for (w, n) in words {
            assert_eq!(count(w, Rule::English), n, "{w}");
        }
    }

    #[test]
    fn each_vowel_and_groups() {
        assert_eq!(count("okul", Rule::EachVowel), 2);
        assert_eq!(count("сотрудничество", Rule::EachVowel), 5);
        assert_eq!(count("zusammenarbeit", Rule::Groups), 5);
        assert_eq!(count("republique", Rule::French), 3);
        assert_eq!(count("2022", Rule::Groups), 0);
    }

    #[test]
    fn no_rule_names_the_language() {
        let err = syllables(&["日本"], lang("ja"))
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("language ja (Japanese) has no syllable rule")
        );
    }
}

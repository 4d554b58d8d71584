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
use crate::text::letters::is_letter;

/// How a language's syllables are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rule {
    /// English: vowel groups (a e i o u y) with silent final *e*, *-es*,
    /// *-ed* and the syllabic *-le*.
    English,
    /// French: vowel groups with the mute final *e* / *es* / *ent* dropped
    /// (*-ent* is pronounced in *-ment* words).
    French,
    /// German: vowel groups, plus the hiatus after a diphthong (*neu-e*,
    /// *Bau-er*) and in *ia*, *io*, *iu*, *ua*, *uo* (*Janu-ar*, *Akti-on*).
    German,
    /// Spanish, Portuguese, Italian, Catalan, Galician: vowel groups split
    /// between two strong vowels (*le-er*, *po-e-ta*) and at an accented
    /// *í*/*ú* beside another vowel (*dí-a*, *ma-yo-rí-a*).
    Romance,
    /// Czech: every vowel letter a nucleus except the diphthongs *ou au eu*,
    /// and syllabic *r*/*l* between consonants (*prv-ní*, *Br-no*, *ře-kl*).
    Czech,
    /// Slovak: as Czech, with the diphthongs *ia ie iu* too.
    Slovak,
    /// Croatian, Bosnian, Serbian (Latin), Slovene: every vowel letter a
    /// nucleus, and syllabic *r* between consonants (*pr-vi*, *če-tvr-tak*).
    SouthSlavic,
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
        "de" => Rule::German,
        "es" | "pt" | "it" | "ca" | "gl" => Rule::Romance,
        "cs" => Rule::Czech,
        "sk" => Rule::Slovak,
        "hr" | "bs" | "sl" => Rule::SouthSlavic,
        "tr" | "az" | "ru" | "uk" | "be" | "bg" | "mk" | "sr" | "kk" | "ky" | "mn" | "tt" => {
            Rule::EachVowel
        }
        "nl" | "pl" | "ro" | "sv" | "da" | "nb" | "nn" | "no" | "fi" | "et" | "hu" | "lv"
        | "lt" | "el" | "af" | "eu" | "id" | "ms" | "tl" | "sq" | "is" | "ga" | "cy" | "la"
        | "eo" | "sw" | "so" | "yo" | "zu" | "xh" | "vi" | "ha" | "ig" | "st" | "tn" | "ts"
        | "sn" => Rule::Groups,
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
#[inline]
fn is_vowel(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    }
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
    // The letters on the stack: this runs once per word of every profile.
    const STACK: usize = 48;
    let mut stack = ['\0'; STACK];
    let mut heap = Vec::new();
    let mut len = 0;
    for c in word.chars().filter(|&c| is_letter(c)) {
        if len < STACK {
            stack[len] = c;
        } else {
            if heap.is_empty() {
                heap.extend_from_slice(&stack);
            }
            heap.push(c);
        }
        len += 1;
    }
    if len == 0 {
        return 0;
    }
    let chars = if heap.is_empty() {
        &mut stack[..len]
    } else {
        &mut heap[..]
    };
    let n = match rule {
        Rule::EachVowel => chars.iter().filter(|&&c| is_vowel(c)).count(),
        Rule::Groups => groups(consonant_y(chars)),
        Rule::English => english(chars),
        Rule::French => french(consonant_y(chars)),
        Rule::German => german(consonant_y(chars)),
        Rule::Romance => romance(consonant_y(chars)),
        Rule::Czech | Rule::Slovak | Rule::SouthSlavic => slavic(chars, rule),
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

/// Whether `chars` ends with the ASCII `suffix`.
#[inline]
fn ends_with(chars: &[char], suffix: &str) -> bool {
    debug_assert!(suffix.is_ascii());
    let k = suffix.len();
    chars.len() >= k
        && chars[chars.len() - k..]
            .iter()
            .zip(suffix.bytes())
            .all(|(&c, b)| c == char::from(b))
}

/// Outside English, a *y* at the start of a word or after a vowel and before
/// a vowel is a consonant (es *ma-yor*, *yo*; de *Bay-ern*): marked as *j*.
fn consonant_y(chars: &mut [char]) -> &mut [char] {
    for i in 0..chars.len() {
        if chars[i] == 'y'
            && (i == 0 || is_vowel(chars[i - 1]))
            && chars.get(i + 1).is_some_and(|&c| is_vowel(c))
        {
            chars[i] = 'j';
        }
    }
    chars
}

fn german(chars: &[char]) -> usize {
    let mut n = groups(chars);
    for (i, w) in chars.windows(2).enumerate() {
        // A diphthong before e: neu-e, Bau-er, Fei-er.
        if matches!(w, ['e' | 'a', 'i' | 'u'] | ['ä', 'u']) && chars.get(i + 2) == Some(&'e') {
            n += 1;
        }
        // Hiatus: Janu-ar, Sebasti-an, Akti-on (not the u of qu).
        let hiatus = matches!(w, ['i', 'a' | 'o' | 'u'] | ['u', 'a' | 'o']);
        if hiatus && !(w[0] == 'u' && i > 0 && chars[i - 1] == 'q') {
            // "eia", "eio": the i closes a diphthong, no new syllable.
            if !(w[0] == 'i' && i > 0 && matches!(chars[i - 1], 'e' | 'a')) {
                n += 1;
            }
        }
    }
    n
}

fn romance(chars: &[char]) -> usize {
    // Not ã, õ: Portuguese ão, õe, ãe are diphthongs.
    let strong = |c: char| {
        matches!(
            c,
            'a' | 'e' | 'o' | 'á' | 'é' | 'ó' | 'à' | 'è' | 'ò' | 'â' | 'ê' | 'ô'
        )
    };
    let accented_weak = |c: char| matches!(c, 'í' | 'ú' | 'ì' | 'ù');
    let mut n = groups(chars);
    for w in chars.windows(2) {
        let (a, b) = (w[0], w[1]);
        if (strong(a) && strong(b))
            || (accented_weak(a) && is_vowel(b))
            || (is_vowel(a) && accented_weak(b))
        {
            n += 1;
        }
    }
    n
}

/// Czech, Slovak or South Slavic syllables: vowel letters, diphthongs as
/// one, syllabic r (and l in Czech and Slovak) between consonants or at the
/// end after one.
fn slavic(chars: &[char], rule: Rule) -> usize {
    let west = rule != Rule::SouthSlavic;
    let diphthong = |a: char, b: char| {
        (west && matches!((a, b), ('o' | 'a' | 'e', 'u')))
            || (rule == Rule::Slovak && matches!((a, b), ('i', 'a' | 'e' | 'u')))
    };
    let syllabic = |c: char| matches!(c, 'r' | 'ŕ') || (west && matches!(c, 'l' | 'ĺ'));
    let (mut n, mut i) = (0, 0);
    while i < chars.len() {
        let c = chars[i];
        if is_vowel(c) {
            n += 1;
            if chars.get(i + 1).is_some_and(|&d| diphthong(c, d)) {
                i += 1;
            }
        } else if syllabic(c) && chars.len() > 1 {
            let before = i == 0 || !is_vowel(chars[i - 1]);
            let after = chars.get(i + 1).is_none_or(|&d| !is_vowel(d));
            if before && after {
                n += 1;
            }
        }
        i += 1;
    }
    n
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
        let k = suffix.len();
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

fn french(chars: &mut [char]) -> usize {
    // The "u" of "qu" is no vowel: "république" is re-pu-blique.
    for i in (1..chars.len()).rev() {
        if chars[i] == 'u' && chars[i - 1] == 'q' {
            chars[i] = 'q';
        }
    }
    let chars = &chars[..];
    let mut n = groups(chars);
    if n > 1 {
        let len = chars.len();
        let mute = |suffix: &str| {
            ends_with(chars, suffix)
                && len > suffix.len()
                && !is_vowel(chars[len - suffix.len() - 1])
        };
        // "-ent" is mute in verbs (ils parlent) but not in -ment words (moment, comment).
        let ent = mute("ent") && !ends_with(chars, "ment");
        if mute("e") || mute("es") || ent {
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
    fn hand_syllabified_per_language() {
        let cases: &[(&str, &[(&str, u32)])] = &[
            (
                "de",
                &[
                    ("neue", 2),
                    ("feuer", 2),
                    ("bauer", 2),
                    ("januar", 3),
                    ("sebastian", 4),
                    ("aktion", 3),
                    ("qualität", 3),
                    ("bayern", 2),
                    ("meyer", 2),
                    ("und", 1),
                    ("schwarz", 1),
                    ("keine", 2),
                    ("einen", 2),
                    ("über", 2),
                    ("zusammenarbeit", 5),
                ],
            ),
            (
                "es",
                &[
                    ("mayor", 2),
                    ("proyecto", 3),
                    ("mayoría", 4),
                    ("día", 2),
                    ("país", 2),
                    ("leer", 2),
                    ("poeta", 3),
                    ("agua", 2),
                    ("gobierno", 3),
                    ("que", 1),
                    ("ahora", 3),
                    ("yo", 1),
                ],
            ),
            (
                "pt",
                &[("não", 1), ("informação", 4), ("boa", 2), ("área", 3)],
            ),
            (
                "it",
                &[
                    ("paese", 3),
                    ("aereo", 4),
                    ("piano", 2),
                    ("città", 2),
                    ("uomo", 2),
                ],
            ),
            (
                "fr",
                &[
                    ("moment", 2),
                    ("comment", 2),
                    ("parlent", 1),
                    ("crayon", 2),
                    ("république", 3),
                ],
            ),
            (
                "cs",
                &[
                    ("první", 2),
                    ("brno", 2),
                    ("řekl", 2),
                    ("vlk", 1),
                    ("nejsou", 2),
                    ("situace", 4),
                    ("ukrajiny", 4),
                    ("čtvrtek", 2),
                    ("ale", 2),
                    ("marie", 3),
                ],
            ),
            ("sk", &[("mier", 1), ("vietor", 2), ("prst", 1)]),
            (
                "hr",
                &[
                    ("prvi", 2),
                    ("vrlo", 2),
                    ("četvrtak", 3),
                    ("kao", 2),
                    ("bio", 2),
                    ("zbog", 1),
                    ("knjiga", 2),
                ],
            ),
        ];
        for (code, words) in cases {
            let r = rule(lang(code)).unwrap_or(Rule::Groups);
            for &(w, n) in *words {
                assert_eq!(count(w, r), n, "{code} {w}");
            }
        }
    }

    #[test]
    fn each_vowel_and_groups() {
        assert_eq!(count("okul", Rule::EachVowel), 2);
        assert_eq!(count("сотрудничество", Rule::EachVowel), 5);
        assert_eq!(count("zusammenarbeit", Rule::German), 5);
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

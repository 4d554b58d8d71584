//! Vietnamese words: syllables joined by a space (`quốc hội`, `thông qua`,
//! `đất đai`). Vietnamese is written with a space after every syllable, so
//! the tokenizer gives syllables; this module says how many of the next
//! syllables make one word.
//!
//! Longest match over a word list (pyvi's, MIT; `data/vietnamese`), with two
//! rules the list cannot hold:
//!
//! - Tone marks are compared wherever they sit: `hoá`/`hóa`, `thuỷ`/`thủy`,
//!   `khoẻ`/`khỏe` (old and new spelling) are the same syllable.
//! - A run of capitalized syllables that the list does not know is a name
//!   (`Trương Định`, `Bạch Đằng`), except at the start of a sentence, where
//!   the first word is capitalized anyway.
//!
//! On the UD Vietnamese-VTB dev words this scores F1 0.966, pyvi's CRF 0.959
//! (BENCHMARKS.md, "Word segmentation").

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// The longest word in the list, in syllables.
const MAX_SYLLABLES: usize = 4;
/// The longest run of capitalized syllables taken as one name.
const MAX_NAME: usize = 8;

/// The list's words as [`key`]s, built on the first Vietnamese text.
fn dictionary() -> &'static FxHashSet<String> {
    static WORDS: OnceLock<FxHashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let list = include_str!("../../../data/vietnamese/words.txt");
        let mut words = FxHashSet::default();
        let mut k = String::new();
        for line in list.lines() {
            k.clear();
            for (i, syllable) in line.split(' ').enumerate() {
                if i > 0 {
                    k.push(' ');
                }
                key(syllable, &mut k);
            }
            words.insert(k.clone());
        }
        words
    })
}

/// Whether `c` is one of the five tone marks (as combining characters after
/// NFD): grave, acute, tilde, hook above, dot below.
fn is_tone(c: char) -> bool {
    matches!(
        c,
        '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}'
    )
}

/// Append the lookup key of `syllable` to `out`: lowercase, decomposed, the
/// tone mark moved to the end, so that its position does not matter.
fn key(syllable: &str, out: &mut String) {
    let mut tones = ['\0'; 2];
    let mut n = 0;
    for c in syllable.chars().flat_map(char::to_lowercase).nfd() {
        if is_tone(c) {
            if n < tones.len() {
                tones[n] = c;
                n += 1;
            }
        } else {
            out.push(c);
        }
    }
    out.extend(&tones[..n]);
}

/// A capitalized syllable: an upper-case letter, then lower-case letters
/// (or their combining marks).
fn is_capitalized(syllable: &str) -> bool {
    let mut chars = syllable.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars
            .all(|c| c.is_lowercase() || c.general_category_group() == GeneralCategoryGroup::Mark)
}

/// The lookup key of a syllable (see [`word_len`]).
pub(crate) fn syllable_key(syllable: &str) -> String {
    let mut k = String::with_capacity(syllable.len() + 2);
    key(syllable, &mut k);
    k
}

/// How many of `syllables` (consecutive words separated by spaces only, at
/// least one; `keys` holds their [`syllable_key`]s) make the first word:
/// the longest listed word, else a run of capitalized syllables when
/// `sentence_start` is false, else 1.
///
/// ```text
/// ["Quốc", "hội", "thông", "qua"] → 2      ["ông", "Lộc", "Anh"] → 1
/// ["Lộc", "Anh", "nói"] → 2 (a name)        ["luật", "đất"] → 1
/// ```
pub(crate) fn word_len(syllables: &[&str], keys: &[String], sentence_start: bool) -> usize {
    let longest = syllables.len().min(keys.len()).min(MAX_SYLLABLES);
    if longest >= 2 {
        let words = dictionary();
        let mut k = String::new();
        let mut ends = [0; MAX_SYLLABLES];
        for (i, syllable_key) in keys[..longest].iter().enumerate() {
            if i > 0 {
                k.push(' ');
            }
            k.push_str(syllable_key);
            ends[i] = k.len();
        }
        for n in (2..=longest).rev() {
            if words.contains(&k[..ends[n - 1]]) {
                return n;
            }
        }
    }
    if !sentence_start {
        let name = syllables
            .iter()
            .take(MAX_NAME)
            .take_while(|s| is_capitalized(s))
            .count();
        if name >= 2 {
            return name;
        }
    }
    1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words<'a>(text: &'a str) -> Vec<String> {
        let syllables: Vec<&'a str> = text.split(' ').collect();
        let keys: Vec<String> = syllables.iter().map(|s| syllable_key(s)).collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < syllables.len() {
            let n = word_len(&syllables[i..], &keys[i..], i == 0);
            out.push(syllables[i..i + n].join(" "));
            i += n;
        }
        out
    }

    #[test]
    fn the_issue_row() {
        assert_eq!(
            words("Quốc hội thông qua luật đất đai"),
            ["Quốc hội", "thông qua", "luật", "đất đai"]
        );
    }

    #[test]
    fn tone_marks_match_wherever_they_sit() {
        assert_eq!(words("sức khoẻ"), ["sức khoẻ"]);
        assert_eq!(words("sức khỏe"), ["sức khỏe"]);
        assert_eq!(words("uỷ ban"), ["uỷ ban"]);
        assert_eq!(words("ủy ban"), ["ủy ban"]);
        let (mut a, mut b) = (String::new(), String::new());
        key("hoá", &mut a);
        key("hóa", &mut b);
        assert_eq!(a, b);
        // NFD input is the same syllable as NFC.
        b.clear();
        key(&"hóa".nfd().collect::<String>(), &mut b);
        assert_eq!(a, b);
    }

    #[test]
    fn names_are_joined_except_at_the_start_of_a_sentence() {
        assert_eq!(
            words("đường Trương Định nối dài"),
            ["đường", "Trương Định", "nối", "dài"]
        );
        assert_eq!(words("Lộc Anh nói"), ["Lộc", "Anh", "nói"]);
        // Acronyms are not names.
        assert_eq!(words("ở HCM RBKT"), ["ở", "HCM", "RBKT"]);
    }

    #[test]
    fn the_list_loads() {
        assert!(dictionary().len() > 25_000);
    }
}

//! Korean: an eojeol (a space-separated unit) is a stem with particles
//! (josa) and endings glued on: 대한민국의, 대한민국은, 서울입니다. Counting
//! terms needs the stem, so the longest known particle or ending is cut off
//! the end of an all-Hangul word.
//!
//! The tokenizer makes the stem and the suffix two tokens; the suffixes are
//! Korean stopwords in the analyzer ([`PARTICLES`]).
//!
//! A rule list, not a morphological analyzer: a suffix is cut only when
//! - the stem left has at least two syllables (회의 "meeting" keeps its 의),
//!   or one before a few particles that rarely end a noun (힘이, 그가),
//! - particles with two forms match the stem's last syllable: 을/은/이/과/으로
//!   after a final consonant, 를/는/가/와/로 after a vowel (가을 "autumn"
//!   keeps its 을: 가 ends in a vowel).
//!
//! Measured against kiwipiepy's morphological analysis in
//! `benches/segmentation.py` (BENCHMARKS.md).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// The particles and endings [`stem_len`] cuts off: Korean stopwords.
pub(crate) const PARTICLES: &[&str] = &{
    let mut out = [""; SUFFIXES.len()];
    let mut i = 0;
    while i < SUFFIXES.len() {
        out[i] = SUFFIXES[i].0;
        i += 1;
    }
    out
};

/// What the syllable before a suffix must end in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum After {
    Any,
    /// A final consonant (batchim).
    Consonant,
    /// A vowel (no batchim); ㄹ-final also takes the vowel forms of 로/으로.
    Vowel,
}

use After::{Any, Consonant, Vowel};

/// Particles, copula forms and the endings of 하다/되다 verbs, with what they
/// follow. Longest match wins, so stacked forms (에서는) are listed whole.
const SUFFIXES: &[(&str, After)] = &[
    // Case particles.
    ("이", Consonant),
    ("가", Vowel),
    ("은", Consonant),
    ("는", Vowel),
    ("을", Consonant),
    ("를", Vowel),
    ("의", Any),
    ("에", Any),
    ("에서", Any),
    ("에게", Any),
    ("에게서", Any),
    ("께서", Any),
    ("께", Any),
    ("한테", Any),
    ("으로", Consonant),
    ("로", Vowel),
    ("으로서", Consonant),
    ("로서", Vowel),
    ("으로써", Consonant),
    ("로써", Vowel),
    ("으로부터", Consonant),
    ("로부터", Vowel),
    ("와", Vowel),
    ("과", Consonant),
    ("도", Any),
    ("만", Any),
    ("까지", Any),
    ("부터", Any),
    ("처럼", Any),
    ("보다", Any),
    ("마다", Any),
    ("이나", Consonant),
    ("나", Vowel),
    ("이라도", Consonant),
    ("라도", Vowel),
    ("이랑", Consonant),
    ("랑", Vowel),
    ("하고", Any),
    ("밖에", Any),
    ("조차", Any),
    // Stacked particles.
    ("에는", Any),
    ("에도", Any),
    ("에서는", Any),
    ("에서도", Any),
    ("에서의", Any),
    ("에게는", Any),
    ("에게도", Any),
    ("에의", Any),
    ("와의", Vowel),
    ("과의", Consonant),
    ("와는", Vowel),
    ("과는", Consonant),
    ("으로는", Consonant),
    ("로는", Vowel),
    ("으로도", Consonant),
    ("로도", Vowel),
    ("으로의", Consonant),
    ("로의", Vowel),
    ("까지는", Any),
    ("까지도", Any),
    ("까지의", Any),
    ("부터는", Any),
    ("만을", Any),
    ("만이", Any),
    ("만은", Any),
    ("도록", Any),
    // Copula.
    ("이다", Consonant),
    ("다", Vowel),
    ("입니다", Consonant),
    ("입니까", Consonant),
    ("이었다", Consonant),
    ("였다", Vowel),
    ("이며", Consonant),
    ("이고", Consonant),
    ("이라는", Consonant),
    ("라는", Vowel),
    ("이라고", Consonant),
    ("라고", Vowel),
    ("이란", Consonant),
    ("란", Vowel),
    ("이지만", Consonant),
    ("인", Consonant),
    ("이던", Consonant),
    ("이었던", Consonant),
    // 하다 / 되다 / 시키다 verbs on a (Sino-Korean) noun.
    ("하다", Any),
    ("한다", Any),
    ("했다", Any),
    ("합니다", Any),
    ("했습니다", Any),
    ("하는", Any),
    ("하던", Any),
    ("한", Any),
    ("할", Any),
    ("하여", Any),
    ("해", Any),
    ("해서", Any),
    ("하며", Any),
    ("하면", Any),
    ("하면서", Any),
    ("하지", Any),
    ("하기", Any),
    ("하게", Any),
    ("했고", Any),
    ("했으며", Any),
    ("했던", Any),
    ("하였다", Any),
    ("하였고", Any),
    ("하였으며", Any),
    ("하고자", Any),
    ("된다", Any),
    ("됐다", Any),
    ("되었다", Any),
    ("되는", Any),
    ("된", Any),
    ("될", Any),
    ("되어", Any),
    ("되고", Any),
    ("되며", Any),
    ("되면", Any),
    ("되지", Any),
    ("되었고", Any),
    ("되었으며", Any),
    ("됩니다", Any),
    ("시키는", Any),
    ("시킨", Any),
    ("시켰다", Any),
];

fn is_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Whether a Hangul syllable has a final consonant.
fn has_batchim(c: char) -> bool {
    (c as u32 - 0xAC00) % 28 != 0
}

/// Whether a Hangul syllable ends in ㄹ (which takes 로, not 으로).
fn ends_in_rieul(c: char) -> bool {
    (c as u32 - 0xAC00) % 28 == 8
}

/// Syllables the stem must keep: two, except before particles whose form
/// already says the stem ends in a consonant or a vowel and that rarely end
/// a noun (틈을, 힘이, 그가, 방에서).
fn min_stem(suffix: &str) -> usize {
    const ONE: [&str; 11] = [
        "을", "를", "은", "는", "이", "가", "에서", "에게", "까지", "부터", "으로",
    ];
    if ONE.contains(&suffix) {
        1
    } else {
        2
    }
}

/// [`SUFFIXES`] grouped by their last syllable, so that a word tries only
/// the few suffixes that end as it does, not all of them.
fn by_last_syllable() -> &'static FxHashMap<char, Vec<(&'static str, After)>> {
    static INDEX: OnceLock<FxHashMap<char, Vec<(&'static str, After)>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: FxHashMap<char, Vec<(&'static str, After)>> = FxHashMap::default();
        for &(suffix, after) in SUFFIXES {
            if let Some(last) = suffix.chars().next_back() {
                index.entry(last).or_default().push((suffix, after));
            }
        }
        index
    })
}

/// Byte length of the stem of `word`: `word.len()` unless `word` is all
/// Hangul syllables and ends in a known particle or ending.
///
/// # Examples (crate-internal)
///
/// 대한민국의 → 대한민국, 수도는 → 수도, 서울입니다 → 서울, 국가 → 국가.
pub(crate) fn stem_len(word: &str) -> usize {
    if !word.chars().all(is_syllable) {
        return word.len();
    }
    let Some(last) = word.chars().next_back() else {
        return word.len();
    };
    let Some(candidates) = by_last_syllable().get(&last) else {
        return word.len();
    };
    let mut best = word.len();
    for &(suffix, after) in candidates {
        let Some(stem) = word.strip_suffix(suffix) else {
            continue;
        };
        if stem.len() >= best || stem.chars().count() < min_stem(suffix) {
            continue;
        }
        let Some(last) = stem.chars().next_back() else {
            continue;
        };
        let fits = match after {
            Any => true,
            Consonant => has_batchim(last) && !(suffix.starts_with('으') && ends_in_rieul(last)),
            Vowel => !has_batchim(last) || (suffix.starts_with('로') && ends_in_rieul(last)),
        };
        if fits {
            best = stem.len();
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::stem_len;

    fn stem(w: &str) -> &str {
        &w[..stem_len(w)]
    }

    #[test]
    fn particles_and_endings_come_off() {
        for (word, want) in [
            ("대한민국의", "대한민국"),
            ("대한민국은", "대한민국"),
            ("대한민국", "대한민국"),
            ("수도는", "수도"),
            ("서울입니다", "서울"),
            ("서울에서는", "서울"),
            ("학교를", "학교"),
            ("사람들이", "사람들"),
            ("힘이", "힘"),
            ("그가", "그"),
            ("격정적인", "격정적"),
            ("발표했다", "발표"),
            ("서울로", "서울"),
        ] {
            assert_eq!(stem(word), want, "{word}");
        }
    }

    #[test]
    fn stems_that_look_like_particles_stay() {
        for word in [
            "국가", "가을", "마을", "회의", "수도", "사이", "abc의", "서울",
        ] {
            assert_eq!(stem(word), word);
        }
    }
}

//! Character properties by bit table for the Basic Multilingual Plane:
//! letters (`char::is_alphabetic`, and the general category L* that
//! detection's n-grams use) and chars that lower-casing changes. The
//! standard library searches its tables for every non-ASCII char, which
//! was a sixth (letters) and a seventh (lower-casing words that are already
//! lower case) of the statistics pass on Russian text. Each table (8 KB) is
//! built from the standard library's answers on first use.

use std::sync::OnceLock;

/// One bit per BMP code point.
type Bits = [u64; 0x10000 / 64];

fn build(pred: fn(char) -> bool) -> Box<Bits> {
    let mut bits = Box::new([0u64; 0x10000 / 64]);
    for u in 0..0x10000u32 {
        if char::from_u32(u).is_some_and(pred) {
            bits[(u >> 6) as usize] |= 1 << (u & 63);
        }
    }
    bits
}

#[inline]
fn has(bits: &Bits, u: u32) -> bool {
    bits[(u >> 6) as usize] >> (u & 63) & 1 == 1
}

/// `pred(c)`: `ascii(c)` below U+0080, a lookup in `table` (built from
/// `pred` on first use) below U+10000, `pred(c)` itself above.
#[inline(always)]
fn by_table(
    table: &OnceLock<Box<Bits>>,
    pred: fn(char) -> bool,
    ascii: fn(&char) -> bool,
    c: char,
) -> bool {
    let u = c as u32;
    if u < 0x80 {
        ascii(&c)
    } else if u < 0x10000 {
        has(table.get_or_init(|| build(pred)), u)
    } else {
        pred(c)
    }
}

/// `c.is_alphabetic()`, by a table lookup below U+10000.
#[inline]
pub(crate) fn is_letter(c: char) -> bool {
    static BITS: OnceLock<Box<Bits>> = OnceLock::new();
    by_table(&BITS, char::is_alphabetic, char::is_ascii_alphabetic, c)
}

/// Whether `c`'s general category is a letter (L*): `is_letter` without
/// the combining marks and other alphabetic signs (Devanagari vowel signs),
/// which split words as lingua's models were trained.
#[inline]
pub(crate) fn is_general_letter(c: char) -> bool {
    static BITS: OnceLock<Box<Bits>> = OnceLock::new();
    by_table(&BITS, general_letter, char::is_ascii_alphabetic, c)
}

fn general_letter(c: char) -> bool {
    use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
    c.general_category_group() == GeneralCategoryGroup::Letter
}

/// Whether `c`'s general category is a combining mark (M*), by table
/// lookup below U+10000. The tokenizer asks it at the end of every run of
/// Han, kana or Thai; its search of the category table was about 2 % of
/// Japanese segmentation's time.
#[inline]
pub(crate) fn is_mark(c: char) -> bool {
    static BITS: OnceLock<Box<Bits>> = OnceLock::new();
    by_table(&BITS, general_mark, |_| false, c)
}

fn general_mark(c: char) -> bool {
    use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
    c.general_category_group() == GeneralCategoryGroup::Mark
}

/// Whether `char::to_lowercase` changes `c` (it is not its own lower case).
fn lowers(c: char) -> bool {
    !c.to_lowercase().eq(std::iter::once(c))
}

/// [`lowers`] by table lookup below U+10000.
#[inline]
pub(crate) fn lowercase_changes_char(c: char) -> bool {
    static BITS: OnceLock<Box<Bits>> = OnceLock::new();
    by_table(&BITS, lowers, char::is_ascii_uppercase, c)
}

/// Whether `s.to_lowercase()` differs from `s`: some char of it has another
/// lower case (`str::to_lowercase` only adds the final-sigma rule, for Σ,
/// which has one).
#[inline]
pub(crate) fn lowercase_changes(s: &str) -> bool {
    s.chars().any(lowercase_changes_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agree_with_the_standard_library_on_every_char() {
        let chars = || (0..=0x10FFFFu32).filter_map(char::from_u32);
        let letters: Vec<char> = chars()
            .filter(|&c| is_letter(c) != c.is_alphabetic())
            .collect();
        assert!(letters.is_empty(), "{letters:?}");
        let general: Vec<char> = chars()
            .filter(|&c| is_general_letter(c) != general_letter(c))
            .collect();
        assert!(general.is_empty(), "{general:?}");
        assert!(is_general_letter('ж') && !is_general_letter('\u{093E}'));
        let marks: Vec<char> = chars().filter(|&c| is_mark(c) != general_mark(c)).collect();
        assert!(marks.is_empty(), "{marks:?}");
        assert!(is_mark('\u{0301}') && is_mark('\u{3099}') && is_mark('\u{093E}'));
        assert!(!is_mark('a') && !is_mark('。') && !is_mark('ー'));
        let mut buf = [0u8; 4];
        let lower: Vec<char> = chars()
            .filter(|&c| {
                let s = c.encode_utf8(&mut buf);
                lowercase_changes(s) != (s.to_lowercase() != *s)
            })
            .collect();
        assert!(lower.is_empty(), "{lower:?}");
    }

    #[test]
    fn words_lower_case_changes_as_str_to_lowercase_says() {
        for w in [
            "Москва",
            "москва",
            "ΣΟΦΙΑ",
            "σοφια",
            "ǅemal",
            "straße",
            "İstanbul",
            "a𐐀",
        ] {
            assert_eq!(lowercase_changes(w), w.to_lowercase() != w, "{w}");
        }
    }
}

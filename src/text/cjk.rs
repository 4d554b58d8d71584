//! The Han and kana ranges every part of textlens agrees on: script
//! detection (`detect::script`), the tokenizer's CJK runs and bigrams
//! (`text::tokenize`), and the dictionary segmenters (`text::segment`).
//! Before they were here, detection ended Han at U+3134F (extension G) and
//! the tokenizer at U+323AF (extension H), so a character of extension H
//! was a CJK word for the tokenizer and no script for detection.

/// Han ideographs: CJK Unified Ideographs and extension A, the
/// compatibility ideographs, and the supplementary ideographic planes
/// (extensions B to J and the compatibility supplement, U+20000..U+3347F,
/// Unicode 17, the version unicode-segmentation's tables follow).
#[inline]
pub(crate) const fn is_han(c: char) -> bool {
    is_han_u32(c as u32)
}

/// [`is_han`] on a code point.
#[inline]
pub(crate) const fn is_han_u32(cp: u32) -> bool {
    matches!(cp, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3347F)
}

/// The Hiragana block, U+3040..U+309F (letters, the combining sound marks
/// U+3099 and U+309A, ゛ ゜ ゝ ゞ ゟ).
#[inline]
pub(crate) const fn is_hiragana(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x309F)
}

/// Katakana: its block U+30A0..U+30FF, the phonetic extensions
/// U+31F0..U+31FF and the half-width forms U+FF66..U+FF9F.
#[inline]
pub(crate) const fn is_katakana(c: char) -> bool {
    matches!(c as u32, 0x30A0..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

/// Hiragana or katakana.
#[inline]
pub(crate) const fn is_kana(c: char) -> bool {
    is_hiragana(c) || is_katakana(c)
}

/// Whether `text` has a kana character ([`is_kana`]). All of them are three
/// bytes long in UTF-8 and led by 0xE3 0x81..=0x83 or 0xE3 0x87 (U+3040..U+30FF,
/// U+31C0..U+31FF) or 0xEF 0xBD..=0xBE (U+FF40..U+FFBF): a byte scan rules out
/// most text without decoding it.
pub(crate) fn has_kana(text: &str) -> bool {
    text.as_bytes().windows(2).any(|w| {
        (w[0] == 0xE3 && matches!(w[1], 0x81..=0x83 | 0x87))
            || (w[0] == 0xEF && matches!(w[1], 0xBD | 0xBE))
    }) && text.chars().any(is_kana)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::script::Script;

    /// The first and last code point of every Han range, and the code
    /// points just outside: detection, the tokenizer and the dictionary
    /// segmenter give the same answer on each.
    #[test]
    fn han_boundaries_agree_everywhere() {
        let han = [
            0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xF900, 0xFAFF, 0x20000, 0x2A6DF, 0x2EBF0, 0x30000,
            0x3134F, 0x31350, 0x323AF, 0x323B0, 0x3347F,
        ];
        let not_han = [
            0x33FF, 0x4DC0, 0x4DFF, 0xA000, 0xF8FF, 0xFB00, 0x1FFFF, 0x33480, 0xE0001,
        ];
        for (cps, want) in [(&han[..], true), (&not_han[..], false)] {
            for &cp in cps {
                let c = char::from_u32(cp).unwrap();
                assert_eq!(is_han(c), want, "U+{cp:04X}");
                assert_eq!(Script::of(c) == Script::Han, want, "detect, U+{cp:04X}");
                assert_eq!(
                    crate::text::tokenize::is_cjk(c),
                    want,
                    "tokenize, U+{cp:04X}"
                );
                assert_eq!(
                    crate::text::segment::is_unspaced(c),
                    want,
                    "segment, U+{cp:04X}"
                );
            }
        }
        // An extension H ideograph (U+31350..U+323AF) is a Chinese word for
        // the tokenizer and Han for detection.
        let text = "\u{31350}\u{31351}";
        let words = crate::tokens(text);
        assert!(!words.is_empty());
        assert!(
            words.iter().all(|t| t.kind == crate::TokenKind::Word),
            "{words:?}"
        );
        assert_eq!(crate::tokens_with(text, crate::Cjk::Bigram)[0].text, text);
    }

    #[test]
    fn kana_boundaries() {
        for (cp, want) in [
            (0x303F, false),
            (0x3040, true),
            (0x3041, true),
            (0x309F, true),
            (0x30A0, true),
            (0x30FF, true),
            (0x3100, false),
            (0x31EF, false),
            (0x31F0, true),
            (0x31FF, true),
            (0x3200, false),
            (0xFF65, false),
            (0xFF66, true),
            (0xFF9F, true),
            (0xFFA0, false),
        ] {
            let c = char::from_u32(cp).unwrap();
            assert_eq!(is_kana(c), want, "U+{cp:04X}");
            assert_eq!(has_kana(&format!("北京{c}")), want, "U+{cp:04X}");
            let detected = matches!(Script::of(c), Script::Hiragana | Script::Katakana);
            assert_eq!(detected, want, "detect, U+{cp:04X}");
        }
        assert!(!has_kana("北京大学，한국어 ꀀ"));
    }
}

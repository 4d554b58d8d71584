//! The writing system of each letter, and which languages of the n-gram
//! model write with it.

use std::sync::OnceLock;

use crate::text::letters::is_letter;

/// A writing system, as far as detection needs to tell them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Script {
    Latin,
    Cyrillic,
    Greek,
    Armenian,
    Georgian,
    Hebrew,
    Arabic,
    Devanagari,
    Bengali,
    Gurmukhi,
    Gujarati,
    Oriya,
    Tamil,
    Telugu,
    Kannada,
    Malayalam,
    Sinhala,
    Thai,
    Myanmar,
    Khmer,
    Ethiopic,
    Hangul,
    Hiragana,
    Katakana,
    Han,
    /// Any other letter.
    Other,
}

impl Script {
    pub(crate) const COUNT: usize = Script::Other as usize + 1;

    /// The names whatlang gives, so that both engines describe a text alike.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Script::Latin => "Latin",
            Script::Cyrillic => "Cyrillic",
            Script::Greek => "Greek",
            Script::Armenian => "Armenian",
            Script::Georgian => "Georgian",
            Script::Hebrew => "Hebrew",
            Script::Arabic => "Arabic",
            Script::Devanagari => "Devanagari",
            Script::Bengali => "Bengali",
            Script::Gurmukhi => "Gurmukhi",
            Script::Gujarati => "Gujarati",
            Script::Oriya => "Oriya",
            Script::Tamil => "Tamil",
            Script::Telugu => "Telugu",
            Script::Kannada => "Kannada",
            Script::Malayalam => "Malayalam",
            Script::Sinhala => "Sinhala",
            Script::Thai => "Thai",
            Script::Myanmar => "Myanmar",
            Script::Khmer => "Khmer",
            Script::Ethiopic => "Ethiopic",
            Script::Hangul => "Hangul",
            Script::Hiragana => "Hiragana",
            Script::Katakana => "Katakana",
            Script::Han => "Mandarin",
            Script::Other => "Other",
        }
    }

    fn from_index(i: usize) -> Script {
        const ALL: [Script; Script::COUNT] = [
            Script::Latin,
            Script::Cyrillic,
            Script::Greek,
            Script::Armenian,
            Script::Georgian,
            Script::Hebrew,
            Script::Arabic,
            Script::Devanagari,
            Script::Bengali,
            Script::Gurmukhi,
            Script::Gujarati,
            Script::Oriya,
            Script::Tamil,
            Script::Telugu,
            Script::Kannada,
            Script::Malayalam,
            Script::Sinhala,
            Script::Thai,
            Script::Myanmar,
            Script::Khmer,
            Script::Ethiopic,
            Script::Hangul,
            Script::Hiragana,
            Script::Katakana,
            Script::Han,
            Script::Other,
        ];
        ALL.get(i).copied().unwrap_or(Script::Other)
    }

    /// The script of a letter (`c` must be alphabetic).
    pub(crate) fn of(c: char) -> Script {
        let u = c as u32;
        match u {
            0..=0x24F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF | 0xFF21..=0xFF5A => {
                Script::Latin
            }
            0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
            0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
            0x530..=0x58F | 0xFB13..=0xFB17 => Script::Armenian,
            0x590..=0x5FF | 0xFB1D..=0xFB4F => Script::Hebrew,
            0x600..=0x6FF | 0x750..=0x77F | 0x8A0..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
                Script::Arabic
            }
            0x900..=0x97F | 0xA8E0..=0xA8FF => Script::Devanagari,
            0x980..=0x9FF => Script::Bengali,
            0xA00..=0xA7F => Script::Gurmukhi,
            0xA80..=0xAFF => Script::Gujarati,
            0xB00..=0xB7F => Script::Oriya,
            0xB80..=0xBFF => Script::Tamil,
            0xC00..=0xC7F => Script::Telugu,
            0xC80..=0xCFF => Script::Kannada,
            0xD00..=0xD7F => Script::Malayalam,
            0xD80..=0xDFF => Script::Sinhala,
            0xE00..=0xE7F => Script::Thai,
            0x1000..=0x109F => Script::Myanmar,
            0x10A0..=0x10FF | 0x1C90..=0x1CBF | 0x2D00..=0x2D2F => Script::Georgian,
            0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7FF => Script::Hangul,
            0x1200..=0x139F | 0x2D80..=0x2DDF => Script::Ethiopic,
            0x1780..=0x17FF | 0x19E0..=0x19FF => Script::Khmer,
            0x3040..=0x309F => Script::Hiragana,
            0x30A0..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Script::Katakana,
            u if crate::text::cjk::is_han_u32(u) => Script::Han,
            _ => Script::Other,
        }
    }
}

/// The script of `c` if it is a letter (`char::is_alphabetic`); one table
/// lookup below U+10000 (64 KB, built on first use).
#[inline]
fn script_of_letter(c: char) -> Option<Script> {
    const NOT_A_LETTER: u8 = u8::MAX;
    static TABLE: OnceLock<Box<[u8; 0x10000]>> = OnceLock::new();
    let u = c as u32;
    if u >= 0x10000 {
        return is_letter(c).then(|| Script::of(c));
    }
    let table = TABLE.get_or_init(|| {
        let mut t = Box::new([NOT_A_LETTER; 0x10000]);
        for (u, slot) in (0u32..).zip(t.iter_mut()) {
            if let Some(c) = char::from_u32(u).filter(|&c| is_letter(c)) {
                *slot = Script::of(c) as u8;
            }
        }
        t
    });
    match table[u as usize] {
        NOT_A_LETTER => None,
        i => Some(Script::from_index(usize::from(i))),
    }
}

/// Letters per script in a text.
#[derive(Clone, Debug, Default)]
pub(crate) struct ScriptCounts {
    counts: [usize; Script::COUNT],
}

impl ScriptCounts {
    pub(crate) fn of(text: &str) -> ScriptCounts {
        let mut counts = ScriptCounts::default();
        counts.add(text);
        counts
    }

    /// Count the letters of `text` too.
    pub(crate) fn add(&mut self, text: &str) {
        /// ASCII (most of a Latin text, the spaces and digits of any other)
        /// is counted this many bytes at a time, without decoding.
        const BLOCK: usize = 32;
        let is_ascii_letter = |b: u8| u8::from((b | 0x20).wrapping_sub(b'a') < 26);
        let bytes = text.as_bytes();
        let mut ascii_letters = 0;
        let mut at = 0;
        'blocks: while at < bytes.len() {
            let end = (at + BLOCK).min(bytes.len());
            if let Some(block) = bytes
                .get(at..end)
                .and_then(|b| <&[u8; BLOCK]>::try_from(b).ok())
            {
                if block.iter().fold(0, |a, &b| a | b) < 0x80 {
                    let letters: u8 = block.iter().map(|&b| is_ascii_letter(b)).sum();
                    ascii_letters += usize::from(letters);
                    at = end;
                    continue;
                }
            }
            // Char by char to the end of the block (or of the char that
            // crosses it).
            while at < end {
                let b = bytes[at];
                if b < 0x80 {
                    ascii_letters += usize::from(is_ascii_letter(b));
                    at += 1;
                    continue;
                }
                let Some(c) = text.get(at..).and_then(|t| t.chars().next()) else {
                    break 'blocks;
                };
                if let Some(script) = script_of_letter(c) {
                    self.counts[script as usize] += 1;
                }
                at += c.len_utf8();
            }
        }
        self.counts[Script::Latin as usize] += ascii_letters;
    }

    pub(crate) fn get(&self, s: Script) -> usize {
        self.counts[s as usize]
    }

    /// Whether [`ScriptCounts::dominant`] is settled whatever letters
    /// `bytes` more bytes of text hold (each letter is at least one byte):
    /// a script outside the kana-and-Han group leads every other (the group
    /// counted as one) by more than that.
    pub(crate) fn settled(&self, bytes: usize) -> bool {
        let cjk = self.get(Script::Hiragana) + self.get(Script::Katakana) + self.get(Script::Han);
        let mut top = (0, 0);
        for (i, &n) in self.counts.iter().enumerate() {
            let s = Script::from_index(i);
            if matches!(s, Script::Hiragana | Script::Katakana | Script::Han) {
                continue;
            }
            if n > top.0 {
                top = (n, top.0);
            } else {
                top.1 = top.1.max(n);
            }
        }
        let (first, second) = (top.0, top.1.max(cjk));
        first > second.saturating_add(bytes)
    }

    /// The script with the most letters; kana and Han count together
    /// (Japanese mixes them), as do hiragana and katakana.
    pub(crate) fn dominant(&self) -> Option<Script> {
        let mut best: Option<(usize, Script)> = None;
        for (i, &n) in self.counts.iter().enumerate() {
            let s = Script::from_index(i);
            let n = match s {
                Script::Hiragana | Script::Katakana | Script::Han => {
                    self.get(Script::Hiragana) + self.get(Script::Katakana) + self.get(Script::Han)
                }
                _ => n,
            };
            if n > 0 && best.is_none_or(|(m, _)| n > m) {
                best = Some((n, s));
            }
        }
        let (_, s) = best?;
        Some(match s {
            Script::Hiragana | Script::Katakana | Script::Han => {
                let (h, k) = (self.get(Script::Hiragana), self.get(Script::Katakana));
                if h + k == 0 {
                    Script::Han
                } else if h >= k {
                    Script::Hiragana
                } else {
                    Script::Katakana
                }
            }
            s => s,
        })
    }
}

/// What a script alone says about the language.
pub(crate) enum ScriptRule {
    /// Only this language (by code) writes with it among those detected.
    One(&'static str),
    /// Several languages of the n-gram model: it decides.
    Model,
    /// No language of the n-gram model: whatlang decides.
    Fallback,
}

pub(crate) fn rule(script: Script) -> ScriptRule {
    match script {
        Script::Latin | Script::Cyrillic | Script::Arabic | Script::Devanagari => ScriptRule::Model,
        Script::Greek => ScriptRule::One("el"),
        Script::Armenian => ScriptRule::One("hy"),
        Script::Georgian => ScriptRule::One("ka"),
        Script::Hebrew => ScriptRule::One("he"),
        Script::Bengali => ScriptRule::One("bn"),
        Script::Gurmukhi => ScriptRule::One("pa"),
        Script::Gujarati => ScriptRule::One("gu"),
        Script::Tamil => ScriptRule::One("ta"),
        Script::Telugu => ScriptRule::One("te"),
        Script::Thai => ScriptRule::One("th"),
        Script::Hangul => ScriptRule::One("ko"),
        Script::Hiragana | Script::Katakana => ScriptRule::One("ja"),
        Script::Han => ScriptRule::One("zh"),
        Script::Oriya
        | Script::Kannada
        | Script::Malayalam
        | Script::Sinhala
        | Script::Myanmar
        | Script::Khmer
        | Script::Ethiopic
        | Script::Other => ScriptRule::Fallback,
    }
}

/// The script a language of the n-gram model writes with.
pub(crate) fn of_lang(code: &str) -> Script {
    match code {
        "be" | "bg" | "kk" | "mk" | "ru" | "sr" | "uk" => Script::Cyrillic,
        "ar" | "fa" | "ur" => Script::Arabic,
        "hi" | "mr" => Script::Devanagari,
        "el" => Script::Greek,
        "hy" => Script::Armenian,
        "ka" => Script::Georgian,
        "he" => Script::Hebrew,
        "bn" => Script::Bengali,
        "pa" => Script::Gurmukhi,
        "gu" => Script::Gujarati,
        "ta" => Script::Tamil,
        "te" => Script::Telugu,
        "th" => Script::Thai,
        "ko" => Script::Hangul,
        "ja" => Script::Hiragana,
        "zh" => Script::Han,
        _ => Script::Latin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Letters per script, one char at a time: what [`ScriptCounts::add`]
    /// computes faster.
    fn reference(text: &str) -> [usize; Script::COUNT] {
        let mut counts = [0; Script::COUNT];
        for c in text.chars().filter(|&c| is_letter(c)) {
            counts[Script::of(c) as usize] += 1;
        }
        counts
    }

    #[test]
    fn counts_agree_with_the_char_by_char_reference() {
        let mut texts: Vec<String> = [
            "",
            "abc",
            "The quick brown fox jumps over the lazy dog, 1234567890 [@`{]",
            "Съешь же ещё этих мягких французских булок, да выпей чаю.",
            "東京都に住んでいる外国人 and ASCII, 서울 ประเทศไทย नमस्ते 𝔘𝔫𝔦",
            "ascii ascii ascii ascii ascii é ascii ascii ascii ascii ascii ascii",
        ]
        .map(str::to_owned)
        .into();
        // Every BMP char once, in runs that cross the 16-byte chunks.
        let all: String = (0x20..0x10000u32).filter_map(char::from_u32).collect();
        texts.push(all);
        for t in &texts {
            assert_eq!(ScriptCounts::of(t).counts, reference(t), "{t:.60}");
        }
    }

    #[test]
    fn settled_only_when_the_rest_cannot_change_the_leader() {
        let counts = ScriptCounts::of("abcdef жз");
        assert!(counts.settled(3) && !counts.settled(4));
        assert_eq!(counts.dominant(), Some(Script::Latin));
        // Kana and Han count as one group, and never settle.
        let japanese = ScriptCounts::of("ab 東京都に住んでいる");
        assert!(!japanese.settled(0));
        let latin_first = ScriptCounts::of("abcdefgh 東京");
        assert!(latin_first.settled(5) && !latin_first.settled(6));
        assert!(!ScriptCounts::of("").settled(0));
    }
}

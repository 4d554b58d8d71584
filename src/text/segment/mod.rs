//! Words in scripts written without spaces between them.
//!
//! The tokenizer finds runs of such characters (Han, Kana, Thai, Lao, Khmer,
//! Myanmar) and hands each run to a dictionary segmenter; everything around
//! the runs keeps the UAX #29 rules. With [`Cjk::Bigram`] Han and Kana runs
//! become Lucene-style overlapping bigrams instead, and the other scripts
//! keep UAX #29's one token per character cluster (the behaviour before
//! dictionaries). Korean words lose their trailing particle or ending
//! ([`korean`]).

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::text::letters::is_mark;

mod chinese;
mod dictionary;
mod japanese;
pub(crate) mod korean;
pub(crate) mod mecab;
pub(crate) mod vietnamese;

pub(crate) use dictionary::for_each_word;
pub(crate) use mecab::Sentences;
pub use mecab::{mecab_dictionary, set_mecab_dictionary};

/// How words are found in Chinese and Japanese (and, with `Dictionary`,
/// Thai, Lao, Khmer, Myanmar and Korean).
///
/// # Examples
///
/// ```
/// use textlens::{tokens_with, Cjk};
///
/// let words = |cjk| tokens_with("我们今天去北京", cjk).iter().map(|t| t.text).collect::<Vec<_>>();
/// assert_eq!(words(Cjk::Dictionary), ["我们", "今天", "去", "北京"]);
/// assert_eq!(words(Cjk::Bigram), ["我们", "们今", "今天", "天去", "去北", "北京"]);
/// assert_eq!("bigram".parse::<Cjk>()?, Cjk::Bigram);
/// # Ok::<(), textlens::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Cjk {
    /// Dictionary words: jieba's for Chinese (北京大学 stays one word, as
    /// in jieba's dictionary), ICU4X's compiled dictionaries (the data
    /// browsers use) for Japanese (or MeCab's lattice with
    /// [`set_mecab_dictionary`](crate::set_mecab_dictionary)), Thai, Lao,
    /// Khmer and Myanmar; Korean particles separated.
    #[default]
    Dictionary,
    /// Overlapping character bigrams over Han and Kana runs, as Lucene's
    /// CJKAnalyzer does: 北京大学 → 北京, 京大, 大学. Other scripts as UAX #29
    /// segments them.
    Bigram,
}

impl Cjk {
    /// The option's name as accepted by [`str::parse`].
    pub fn name(self) -> &'static str {
        match self {
            Cjk::Dictionary => "dictionary",
            Cjk::Bigram => "bigram",
        }
    }
}

impl std::str::FromStr for Cjk {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "dictionary" => Ok(Cjk::Dictionary),
            "bigram" => Ok(Cjk::Bigram),
            _ => Err(Error::invalid(
                "cjk",
                format!("{s:?} is not one of dictionary, bigram"),
            )),
        }
    }
}

/// Whether the Han characters of text in `lang` are Chinese (jieba's words)
/// or Japanese (the Japanese dictionary's): known for those two languages;
/// for the others (or none) the text decides, by whether it has kana.
pub(crate) fn han_is_chinese(lang: Option<crate::Language>) -> Option<bool> {
    match lang.map(crate::Language::code) {
        Some("ja") => Some(false),
        Some("zh") => Some(true),
        _ => None,
    }
}

/// Scripts written without spaces, segmented by dictionary: Han, Kana
/// (with 々 〆 ー), Thai, Lao, Myanmar, Khmer.
#[inline]
pub(crate) fn is_unspaced(c: char) -> bool {
    crate::text::tokenize::is_cjk(c)
        || matches!(c as u32,
            0x0E01..=0x0E5B        // Thai
            | 0x0E80..=0x0EFF      // Lao
            | 0x1000..=0x109F      // Myanmar
            | 0x1780..=0x17FF      // Khmer
            | 0x19E0..=0x19FF      // Khmer symbols
            | 0xA9E0..=0xA9FF      // Myanmar extended B
            | 0xAA60..=0xAA7F      // Myanmar extended A
        )
}

/// Tokens of `text[from..to]`: runs of [`is_unspaced`] characters (with the
/// combining marks that follow them) go to the dictionary segmenter, the
/// text between them to `segment(text, from, to, hangul, emit)` (the UAX #29
/// tokenizer), where `hangul` says whether that text has a byte that leads a
/// character of U+A000..=U+DFFF (Hangul syllables among them), so that only
/// such text pays for looking at Korean words. Text with no byte that can
/// start an unspaced character (all of them are 3 or 4 bytes long in UTF-8)
/// goes to `segment` in one piece. `chinese`: whether Han runs are Chinese
/// when the language says ([`han_is_chinese`]); else they are unless the
/// text has kana. `sentences`: the sentence ends of the text, kept from one
/// call to the next over one text (MeCab reads a run in its sentence).
pub(crate) fn split_runs<'a, E: FnMut(crate::Token<'a>)>(
    text: &'a str,
    from: usize,
    to: usize,
    emit: &mut E,
    chinese: Option<bool>,
    sentences: &mut Sentences,
    segment: impl Fn(&'a str, usize, usize, bool, &mut E),
) {
    let bytes = text.as_bytes();
    let mut gap = from;
    let mut hangul = false;
    let mut i = from;
    let mut chinese = chinese;
    while i < to {
        // Jump to the next lead byte of a 3- or 4-byte character.
        match next_wide_lead(&bytes[i..to]) {
            Some(p) => i += p,
            None => break,
        }
        let Some(c) = text[i..to].chars().next() else {
            break;
        };
        if !is_unspaced(c) {
            hangul |= is_hangul_lead(bytes[i]);
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut end = i;
        // Whether the run holds a combining mark of another block (か + U+3099).
        let mut marked = false;
        for (k, c) in text[start..to].char_indices() {
            if is_unspaced(c) {
                end = start + k + c.len_utf8();
            } else if k > 0 && is_mark(c) {
                marked = true;
                end = start + k + c.len_utf8();
            } else {
                break;
            }
        }
        if gap < start {
            segment(text, gap, start, hangul, emit);
        }
        // Han runs are Chinese unless the text has kana (Japanese), where
        // the language does not say.
        let chinese = *chinese.get_or_insert_with(|| !crate::text::cjk::has_kana(&text[from..to]));
        for_each_word(text, start, end, chinese, marked, sentences, emit);
        gap = end;
        hangul = false;
        i = end;
    }
    if gap < to {
        segment(text, gap, to, hangul, emit);
    }
}

/// A UTF-8 lead byte of U+A000..=U+DFFF, the range that holds the Hangul
/// syllables (U+AC00..=U+D7A3).
pub(crate) fn is_hangul_lead(b: u8) -> bool {
    matches!(b, 0xEA..=0xED)
}

/// The position of the first byte in `bytes` that leads a 3- or 4-byte
/// character (`0xE0..`). In Korean, Chinese or Thai text the next one is a
/// byte or two away; Latin text has few (curly quotes, dashes), so past the
/// first bytes they are tested a block at a time, a test the compiler
/// vectorizes (testing byte by byte took a twentieth of the Latin
/// tokenizer's time).
fn next_wide_lead(bytes: &[u8]) -> Option<usize> {
    const NEAR: usize = 4;
    const BLOCK: usize = 32;
    let is_lead = |b: &u8| *b >= 0xE0;
    if let Some(p) = bytes.iter().take(NEAR).position(is_lead) {
        return Some(p);
    }
    let mut blocks = bytes.get(NEAR..).unwrap_or_default().chunks_exact(BLOCK);
    let mut base = NEAR;
    for block in &mut blocks {
        if block.iter().fold(false, |any, b| any | is_lead(b)) {
            return block.iter().position(is_lead).map(|p| base + p);
        }
        base += BLOCK;
    }
    blocks
        .remainder()
        .iter()
        .position(is_lead)
        .map(|p| base + p)
}

#[cfg(test)]
mod tests;

//! ICU4X's word segmenter with its compiled dictionaries: the CJ dictionary
//! for Chinese and Japanese, and the Thai, Lao, Khmer and Burmese
//! dictionaries. The data is compiled into the library as static tables, so
//! "loading" it is mapping pages of the binary on first use; nothing is
//! parsed at start-up.
//!
//! The LSTM models ICU4X offers for the Southeast Asian scripts were not
//! used: on the Thai gold data the dictionary scored higher (see
//! BENCHMARKS.md) and is several times faster.

use std::sync::OnceLock;

use icu_segmenter::options::WordBreakInvariantOptions;
use icu_segmenter::{WordSegmenter, WordSegmenterBorrowed};

use super::{chinese, japanese};
use crate::text::tokenize::emit_classified;
use crate::{Token, TokenKind};

fn segmenter() -> WordSegmenterBorrowed<'static> {
    static SEGMENTER: OnceLock<WordSegmenterBorrowed<'static>> = OnceLock::new();
    *SEGMENTER.get_or_init(|| WordSegmenter::new_dictionary(WordBreakInvariantOptions::default()))
}

/// ICU4X's word boundaries in `run` (byte offsets from 0 to `run.len()`).
pub(crate) fn icu_bounds(run: &str) -> Vec<usize> {
    segmenter().segment_str(run).collect()
}

/// The words of `text[start..end]`, a run of characters of scripts written
/// without spaces, as tokens with offsets into `text`. `chinese`: Han runs
/// are Chinese (the text around them has no kana), so jieba's cuts are added.
pub(crate) fn for_each_word<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    chinese: bool,
    emit: &mut impl FnMut(Token<'a>),
) {
    let run = &text[start..end];
    let mut bounds = icu_bounds(run);
    if run.chars().any(is_kana) {
        japanese::refine(run, &mut bounds);
    } else if chinese && run.chars().any(is_han) {
        chinese::refine(run, &mut bounds);
    }
    let mut prev = 0;
    for b in bounds {
        if b > prev {
            let piece = &run[prev..b];
            // Han and kana letters are words: no need to look up their
            // general category.
            if piece.chars().next().is_some_and(is_cjk_letter) {
                emit(Token {
                    text: piece,
                    start: start + prev,
                    end: start + b,
                    kind: TokenKind::Word,
                });
            } else {
                emit_classified(piece, start + prev, emit);
            }
            prev = b;
        }
    }
}

fn is_kana(c: char) -> bool {
    ('\u{3041}'..='\u{30FF}').contains(&c)
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x323AF)
}

/// Han characters, and hiragana and katakana letters (not ゠, ・ or the
/// combining sound marks): all letters (Lo, or Lm for ー).
fn is_cjk_letter(c: char) -> bool {
    is_han(c) || matches!(c as u32, 0x3041..=0x3096 | 0x30A1..=0x30FA | 0x30FC)
}

//! ICU4X's word segmenter with its compiled dictionaries: the CJ dictionary
//! for Japanese (and runs mixing Han with another script), and the Thai,
//! Lao, Khmer and Burmese dictionaries; Chinese goes to jieba
//! ([`chinese`]), Japanese to MeCab's lattice when a dictionary is set
//! ([`mecab`]). The data is compiled into the library as static tables, so
//! "loading" it is mapping pages of the binary on first use; nothing is
//! parsed at start-up.
//!
//! The LSTM models ICU4X offers for the Southeast Asian scripts were not
//! used: on the Thai gold data the dictionary scored higher (see
//! BENCHMARKS.md) and is several times faster.

use std::cell::Cell;
use std::sync::OnceLock;

use icu_segmenter::options::WordBreakInvariantOptions;
use icu_segmenter::{WordSegmenter, WordSegmenterBorrowed};

use super::{chinese, japanese, mecab};
use crate::text::cjk::{is_han, is_kana};
use crate::text::letters::is_mark;
use crate::text::tokenize::emit_classified;
use crate::{Token, TokenKind};

fn segmenter() -> WordSegmenterBorrowed<'static> {
    static SEGMENTER: OnceLock<WordSegmenterBorrowed<'static>> = OnceLock::new();
    *SEGMENTER.get_or_init(|| WordSegmenter::new_dictionary(WordBreakInvariantOptions::default()))
}

/// ICU4X's word boundaries in `run` (byte offsets from 0 to `run.len()`).
#[cfg(test)]
pub(crate) fn icu_bounds(run: &str) -> Vec<usize> {
    segmenter().segment_str(run).collect()
}

/// The words of `text[start..end]`, a run of characters of scripts written
/// without spaces, as tokens with offsets into `text`. `chinese`: Han runs
/// are Chinese (the language says so, or the text around them has no
/// kana): jieba's words.
/// `marked`: the run holds a combining mark of another block (か + U+3099).
/// `sentences`: the sentence ends around the stretch of text the run is in
/// (MeCab reads a run in its sentence).
pub(crate) fn for_each_word<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    chinese: bool,
    marked: bool,
    sentences: &mut mecab::Sentences,
    emit: &mut impl FnMut(Token<'a>),
) {
    let run = &text[start..end];
    // One buffer per thread for the boundaries (taken, so that a nested
    // call from `emit` finds an empty one rather than a borrowed one).
    thread_local! {
        static BOUNDS: Cell<Vec<usize>> = const { Cell::new(Vec::new()) };
    }
    let mut bounds = BOUNDS.take();
    bounds.clear();
    // Japanese with a MeCab dictionary set: its lattice over the sentence
    // around the run; Chinese (Han alone, in Chinese text): jieba;
    // everything else: ICU4X, and for kana the Japanese rules after it.
    let mecab = if chinese {
        None
    } else {
        mecab::active().filter(|_| run.chars().any(|c| is_kana(c) || is_han(c)))
    };
    let icu = if let Some(mecab) = &mecab {
        bounds.push(0);
        mecab.run_word_ends(text, start, end, sentences, &mut bounds);
        false
    } else if chinese && run.chars().all(is_han) {
        bounds.push(0);
        chinese::word_ends(run, &mut bounds);
        false
    } else {
        bounds.extend(segmenter().segment_str(run));
        true
    };
    // A combining mark stays with the character before it (ICU parts a kana
    // from its sound mark, か|゙, and a lone mark's piece makes no token):
    // no word starts with one.
    if marked {
        bounds.retain(|&b| {
            !run.get(b..)
                .and_then(|r| r.chars().next())
                .is_some_and(is_mark)
        });
    }
    if icu && run.chars().any(is_kana) {
        japanese::refine(run, &mut bounds);
    }
    let mut prev = 0;
    for &b in &bounds {
        if b > prev {
            let piece = &run[prev..b];
            // Han, kana, Thai, Lao, Myanmar and Khmer letters are words:
            // no need to look up their properties (that took a third of
            // Thai segmentation's time).
            if piece
                .chars()
                .next()
                .is_some_and(|c| is_cjk_letter(c) || is_sea_letter(c))
            {
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
    // A huge run's buffer is not kept.
    if bounds.capacity() <= 1 << 16 {
        BOUNDS.set(bounds);
    }
}

/// Han characters, and hiragana and katakana letters (not ゠, ・ or the
/// combining sound marks): all letters (Lo, or Lm for ー).
fn is_cjk_letter(c: char) -> bool {
    is_han(c) || matches!(c as u32, 0x3041..=0x3096 | 0x30A1..=0x30FA | 0x30FC)
}

/// Thai, Lao, Myanmar and Khmer consonants and leading vowels (all of them
/// alphabetic, general category Lo or Lm, none a combining mark): a piece
/// that starts with one is a word, as [`emit_classified`] would find.
fn is_sea_letter(c: char) -> bool {
    matches!(c as u32,
        0x0E01..=0x0E30 | 0x0E32..=0x0E33 | 0x0E40..=0x0E46      // Thai
        | 0x0E81..=0x0E82 | 0x0E84 | 0x0E86..=0x0E8A | 0x0E8C..=0x0EA3
        | 0x0EA5 | 0x0EA7..=0x0EB0 | 0x0EB2..=0x0EB3 | 0x0EBD
        | 0x0EC0..=0x0EC4 | 0x0EC6                                // Lao
        | 0x1000..=0x102A                                         // Myanmar
        | 0x1780..=0x17B3                                         // Khmer
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The letters taken as words without a look-up are what the look-up
    /// says: a one-letter piece is a word. (Han is left out: its ranges
    /// hold code points the look-up's Unicode version has not assigned yet,
    /// words all the same.)
    #[test]
    fn letters_taken_without_look_up_are_words() {
        let mut letters = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if is_sea_letter(c) || (is_cjk_letter(c) && !is_han(c)) {
                letters += 1;
                let piece = c.to_string();
                let mut kind = None;
                emit_classified(&piece, 0, &mut |t: Token| kind = Some(t.kind));
                assert_eq!(kind, Some(TokenKind::Word), "U+{:04X}", c as u32);
            }
        }
        assert!(letters > 300, "{letters}");
    }
}

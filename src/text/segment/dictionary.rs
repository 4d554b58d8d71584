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

use super::japanese;
use crate::text::tokenize::emit_classified;
use crate::Token;

fn segmenter() -> WordSegmenterBorrowed<'static> {
    static SEGMENTER: OnceLock<WordSegmenterBorrowed<'static>> = OnceLock::new();
    *SEGMENTER.get_or_init(|| WordSegmenter::new_dictionary(WordBreakInvariantOptions::default()))
}

/// The words of `text[start..end]`, a run of characters of scripts written
/// without spaces, as tokens with offsets into `text`.
pub(crate) fn for_each_word<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    emit: &mut impl FnMut(Token<'a>),
) {
    let run = &text[start..end];
    let mut bounds: Vec<usize> = segmenter().segment_str(run).collect();
    if run.chars().any(|c| ('\u{3041}'..='\u{30FF}').contains(&c)) {
        japanese::refine(run, &mut bounds);
    }
    let mut prev = 0;
    for b in bounds {
        if b > prev {
            emit_classified(&run[prev..b], start + prev, emit);
            prev = b;
        }
    }
}

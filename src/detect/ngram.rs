//! The n-gram engine: naive Bayes over the letter 1- to 5-grams of a text's
//! words, scored against lingua's language models (see
//! [`model`](super::model)). Each n-gram of the text costs one hash lookup,
//! whose postings add to the score of every language that knows it.

use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

use super::model::{self, Model, HASH_START};

/// The longest n-gram in the model.
pub(crate) const MAX_ORDER: usize = 5;

/// The q (−16 ln p) an n-gram of each length scores in a language whose
/// model lacks it (too rare there to be kept), tuned on the development set
/// (`tests/detect_accuracy.rs`), never on lingua's test sentences.
const FLOOR_Q: [i32; MAX_ORDER] = [288, 176, 144, 128, 112];

/// Scores per model language, in q units (1/16 nat) above the floor.
pub(crate) struct Tally {
    pub(crate) score: Vec<i32>,
    /// n-grams of the text found in the model.
    pub(crate) found: usize,
}

/// Whether `c` belongs to a word as lingua's models see it: letters only
/// (combining marks such as Devanagari vowel signs split words there, as in
/// lingua's training).
#[inline]
pub(crate) fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        c.general_category_group() == GeneralCategoryGroup::Letter
    }
}

/// Score every model language on the words of `text`, n-grams of length
/// 1 to `max_order`.
pub(crate) fn tally(model: &Model, text: &str, max_order: usize) -> Tally {
    let mut tally = Tally {
        score: vec![0; model.langs.len()],
        found: 0,
    };
    let max_order = max_order.clamp(1, MAX_ORDER);
    // The current word, lowercased, one UTF-8 encoding per char.
    let mut word: Vec<([u8; 4], u8)> = Vec::with_capacity(32);
    let push = |word: &mut Vec<([u8; 4], u8)>, c: char| {
        let mut buf = [0u8; 4];
        let len = c.encode_utf8(&mut buf).len() as u8;
        word.push((buf, len));
    };
    for c in text.chars() {
        if is_letter(c) {
            if c.is_ascii() {
                push(&mut word, c.to_ascii_lowercase());
            } else {
                for l in c.to_lowercase() {
                    push(&mut word, l);
                }
            }
        } else if !word.is_empty() {
            score_word(model, &word, max_order, &mut tally);
            word.clear();
        }
    }
    if !word.is_empty() {
        score_word(model, &word, max_order, &mut tally);
    }
    tally
}

#[inline]
fn score_word(model: &Model, word: &[([u8; 4], u8)], max_order: usize, tally: &mut Tally) {
    for start in 0..word.len() {
        let mut h = HASH_START;
        for (order, (bytes, len)) in word[start..].iter().take(max_order).enumerate() {
            h = model::feed(h, &bytes[..usize::from(*len)]);
            let postings = model.postings(model::finish(h));
            if postings.is_empty() {
                continue;
            }
            tally.found += 1;
            let floor = FLOOR_Q[order];
            for p in postings.chunks_exact(2) {
                if let Some(s) = tally.score.get_mut(usize::from(p[0])) {
                    *s += floor - i32::from(p[1]);
                }
            }
        }
    }
}

//! The n-gram engine: naive Bayes over the letter 1- to 5-grams of a text's
//! words, scored against lingua's language models (see
//! [`model`](super::model)). Each n-gram of the text costs one hash lookup,
//! whose postings add to the score of every language that knows it.

use super::model::{self, Model, Postings, DENSE, HASH_START};
use crate::text::letters::{is_general_letter, lowercase_changes_char};

/// The longest n-gram in the model.
pub(crate) const MAX_ORDER: usize = 5;

/// The q (−16 ln p) an n-gram of each length scores in a language whose
/// model lacks it (too rare there to be kept), tuned on the development set
/// (`tests/detect_accuracy.rs`), never on lingua's test sentences.
const FLOOR_Q: [i32; MAX_ORDER] = [288, 176, 144, 128, 112];

/// Scores per model language, in q units (1/16 nat) above the floor.
pub(crate) struct Tally {
    /// Indexed by the model's language byte: one slot per possible value,
    /// so that adding a posting needs no bounds check.
    pub(crate) score: Box<[i32; 256]>,
    /// The dense postings of one batch, added into `score` at its end: at
    /// most [`BATCH`] × 288 in magnitude, within `i16`.
    dense: Box<[i16; 256]>,
    /// n-grams of the text found in the model.
    pub(crate) found: usize,
    /// The n-grams waiting for their lookup: finished hash and length.
    pending: Vec<(u64, u8)>,
    /// Folds in the bytes [`Model::touch`] reads, so that those reads stay.
    touched: u8,
}

/// Lookups issued together: their cache misses overlap.
const BATCH: usize = 64;

impl Tally {
    pub(crate) fn new() -> Tally {
        Tally {
            score: Box::new([0; 256]),
            dense: Box::new([0; 256]),
            found: 0,
            pending: Vec::with_capacity(BATCH),
            touched: 0,
        }
    }

    /// Look up the pending n-grams ([`queue_into`]) and add their postings.
    /// Each lookup misses the cache twice (the offsets, then the bucket) in
    /// a 20 MB model: the offsets of the whole batch are read first, then
    /// the first and last byte of every bucket, then the buckets are
    /// searched, so that the misses of a batch overlap instead of following
    /// one another.
    pub(crate) fn flush(&mut self, model: &Model) {
        let mut spans = [(0u32, 0u32); BATCH];
        for (span, &(h, _)) in spans.iter_mut().zip(&self.pending) {
            *span = model.bucket(h);
        }
        let n = self.pending.len().min(BATCH);
        let mut touched = self.touched;
        for &span in &spans[..n] {
            touched ^= model.touch(span);
        }
        self.touched = touched;
        let mut dense = false;
        for (&span, &(h, order)) in spans.iter().zip(&self.pending) {
            let postings = model.postings_in(h, span);
            if postings.is_empty() {
                continue;
            }
            self.found += 1;
            let floor = FLOOR_Q[usize::from(order)];
            match postings {
                Postings::Sparse(pairs) => {
                    for p in pairs.chunks_exact(2) {
                        self.score[usize::from(p[0])] += floor - i32::from(p[1]);
                    }
                }
                // Branch-free in 16-bit lanes, so that it vectorizes eight
                // languages at a time: a language that lacks the n-gram adds 0.
                Postings::Dense(qs) => {
                    dense = true;
                    let floor = floor as i16;
                    for (a, &q) in self.dense.iter_mut().zip(qs) {
                        *a += i16::from(q != DENSE) * (floor - i16::from(q));
                    }
                }
            }
        }
        self.pending.clear();
        if dense {
            for (s, a) in self.score.iter_mut().zip(self.dense.iter_mut()) {
                *s += i32::from(std::mem::take(a));
            }
        }
    }
}

/// Score every model language on the words of `text`, n-grams of length
/// 1 to `max_order`.
pub(crate) fn tally(model: &Model, text: &str, max_order: usize) -> Tally {
    let mut tally = Tally::new();
    queue_into(model, text, 1..=max_order, &mut tally);
    tally.flush(model);
    tally
}

/// Queue the n-grams of `text` with lengths in `orders` for `tally`: their
/// postings are added by the time the queue is full or [`Tally::flush`] is
/// called, so that the lookups of several pieces of text share one batch.
pub(crate) fn queue_into(
    model: &Model,
    text: &str,
    orders: std::ops::RangeInclusive<usize>,
    tally: &mut Tally,
) {
    let max_order = (*orders.end()).clamp(1, MAX_ORDER);
    let min_order = (*orders.start()).clamp(1, max_order);
    // The current word, lowercased, one UTF-8 encoding per char.
    let mut word: Vec<([u8; 4], u8)> = Vec::with_capacity(32);
    let push = |word: &mut Vec<([u8; 4], u8)>, c: char| {
        let mut buf = [0u8; 4];
        let len = c.encode_utf8(&mut buf).len() as u8;
        word.push((buf, len));
    };
    // A word as lingua's models see it: letters only (combining marks such
    // as Devanagari vowel signs split words there, as in lingua's training).
    for c in text.chars() {
        if is_general_letter(c) {
            if c.is_ascii() {
                push(&mut word, c.to_ascii_lowercase());
            } else if lowercase_changes_char(c) {
                for l in c.to_lowercase() {
                    push(&mut word, l);
                }
            } else {
                push(&mut word, c);
            }
        } else if !word.is_empty() {
            score_word(model, &word, min_order, max_order, tally);
            word.clear();
        }
    }
    if !word.is_empty() {
        score_word(model, &word, min_order, max_order, tally);
    }
}

#[inline]
fn score_word(
    model: &Model,
    word: &[([u8; 4], u8)],
    min_order: usize,
    max_order: usize,
    tally: &mut Tally,
) {
    for start in 0..word.len() {
        let mut h = HASH_START;
        for (order, (bytes, len)) in word[start..].iter().take(max_order).enumerate() {
            h = model::feed(h, &bytes[..usize::from(*len)]);
            if order + 1 < min_order {
                continue;
            }
            if tally.pending.len() == BATCH {
                tally.flush(model);
            }
            tally.pending.push((model::finish(h), order as u8));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tally (batched lookups, dense postings added in 16-bit lanes)
    /// equals a plain sum over each n-gram's postings.
    #[test]
    fn the_tally_is_the_sum_of_the_postings() {
        let model = model::model().expect("the model parses");
        let texts = [
            "The quick brown fox jumps over the lazy dog and the other dogs",
            "Der Kreml teilte mit, dass die Präsidenten telefoniert haben.",
            "Съешь же ещё этих мягких французских булок, да выпей чаю.",
            "L'État a dit qu'il n'y aurait pas d'augmentation des impôts",
            "نقل التلفزيون الرسمي عن الرئيس قوله إن الحكومة ستجتمع",
        ];
        let mut dense = 0;
        for text in texts {
            let long = text.repeat(9);
            for text in [text, long.as_str()] {
                for max_order in 1..=MAX_ORDER {
                    let got = tally(model, text, max_order);
                    let mut want = [0i32; 256];
                    let mut found = 0;
                    for word in text
                        .split(|c: char| !is_general_letter(c))
                        .filter(|w| !w.is_empty())
                    {
                        let chars: Vec<String> =
                            word.chars().map(|c| c.to_lowercase().collect()).collect();
                        for start in 0..chars.len() {
                            for order in 1..=max_order.min(chars.len() - start) {
                                let gram = chars[start..start + order].concat();
                                let postings = model.postings(model::hash(&gram));
                                dense += usize::from(matches!(postings, Postings::Dense(_)));
                                let pairs = postings.pairs();
                                found += usize::from(!pairs.is_empty());
                                for (lang, q) in pairs {
                                    want[lang] += FLOOR_Q[order - 1] - i32::from(q);
                                }
                            }
                        }
                    }
                    assert_eq!(got.found, found, "{text:.40} {max_order}");
                    assert_eq!(got.score[..], want[..], "{text:.40} {max_order}");
                }
            }
        }
        assert!(dense > 100, "only {dense} dense postings looked up");
    }
}

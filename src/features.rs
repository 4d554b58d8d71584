//! Turning texts into features, and counting them over many texts at once.
//!
//! Counting is the hot path of every document-term matrix, so it never
//! materializes a document's features as owned strings: each feature is
//! looked up as a `&str` in a per-chunk vocabulary and counted in place. The
//! chunks run in parallel; their vocabularies are merged once at the end.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::analyzer::Analyzer;
use crate::sparse::CsrMatrix;

/// Something that turns one text into a stream of features (terms, n-grams,
/// character n-grams…), in order.
///
/// # Examples
///
/// ```
/// use textlens::{Analyzer, AnalyzerOptions, Features, LangChoice};
///
/// let an = Analyzer::new(AnalyzerOptions { lang: LangChoice::Fixed("en".parse()?), ..Default::default() })?;
/// let mut seen = Vec::new();
/// an.for_each_feature("Putin called Xi.", &mut |t| seen.push(t.to_owned()));
/// assert_eq!(seen, ["putin", "call", "xi"]);
/// # Ok::<(), textlens::Error>(())
/// ```
pub trait Features: Sync {
    /// Call `f` with each feature of `text`.
    fn for_each_feature(&self, text: &str, f: &mut dyn FnMut(&str));

    /// The features of `text` as owned strings.
    fn features(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.for_each_feature(text, &mut |t| out.push(t.to_owned()));
        out
    }
}

impl Features for Analyzer {
    fn for_each_feature(&self, text: &str, f: &mut dyn FnMut(&str)) {
        for term in self.analyze(text) {
            f(&term);
        }
    }
}

/// Counts of one chunk of consecutive documents against the chunk's own
/// vocabulary (ids in order of first appearance).
#[derive(Default)]
struct Chunk {
    index: FxHashMap<Box<str>, u32>,
    terms: Vec<Box<str>>,
    counts: CsrMatrix,
}

impl Chunk {
    fn count<T>(docs: &[T], each: &(impl Fn(&T, &mut dyn FnMut(&str)) + Sync)) -> Chunk {
        let mut chunk = Chunk {
            counts: CsrMatrix::new(0),
            ..Chunk::default()
        };
        // Position of a term in the current row, valid while `row_of[id]`
        // is the current row: counting without a per-document map.
        let mut row_of: Vec<u32> = Vec::new();
        let mut at: Vec<u32> = Vec::new();
        for (row, doc) in docs.iter().enumerate() {
            let row = row as u32;
            each(doc, &mut |term| {
                let id = match chunk.index.get(term) {
                    Some(&id) => id,
                    None => {
                        let id = chunk.terms.len() as u32;
                        chunk.index.insert(term.into(), id);
                        chunk.terms.push(term.into());
                        row_of.push(u32::MAX);
                        at.push(0);
                        id
                    }
                };
                let i = id as usize;
                if row_of[i] == row {
                    chunk.counts.data[at[i] as usize] += 1.0;
                } else {
                    row_of[i] = row;
                    at[i] = chunk.counts.indices.len() as u32;
                    chunk.counts.indices.push(id);
                    chunk.counts.data.push(1.0);
                }
            });
            chunk.counts.indptr.push(chunk.counts.indices.len());
        }
        chunk
    }
}

/// Count the features of `texts` in parallel: the terms sorted (as
/// scikit-learn sorts its vocabulary) and the count matrix, rows in input
/// order, columns sorted within each row.
pub(crate) fn count<F: Features + ?Sized, S: AsRef<str> + Sync>(
    features: &F,
    texts: &[S],
) -> (Vec<String>, CsrMatrix) {
    count_with(texts, &|t: &S, f: &mut dyn FnMut(&str)| {
        features.for_each_feature(t.as_ref(), f)
    })
}

/// [`count`] over any documents, given how to list each one's features.
pub(crate) fn count_with<T: Sync>(
    docs: &[T],
    each: &(impl Fn(&T, &mut dyn FnMut(&str)) + Sync),
) -> (Vec<String>, CsrMatrix) {
    let chunk_len = docs
        .len()
        .div_ceil(4 * rayon::current_num_threads())
        .clamp(16, 4096);
    let chunks: Vec<Chunk> = docs
        .par_chunks(chunk_len)
        .map(|docs| Chunk::count(docs, each))
        .collect();

    // Merge the chunk vocabularies: chunk id -> global id.
    let mut index: FxHashMap<Box<str>, u32> = FxHashMap::default();
    let mut terms: Vec<Box<str>> = Vec::new();
    let mut to_global: Vec<Vec<u32>> = Vec::with_capacity(chunks.len());
    let mut parts: Vec<CsrMatrix> = Vec::with_capacity(chunks.len());
    for chunk in chunks {
        let map = chunk
            .terms
            .into_iter()
            .map(|term| {
                let next = terms.len() as u32;
                *index.entry(term).or_insert_with_key(|t| {
                    terms.push(t.clone());
                    next
                })
            })
            .collect();
        to_global.push(map);
        parts.push(chunk.counts);
    }
    drop(index);

    // Sort the vocabulary; global id -> column.
    let mut order: Vec<u32> = (0..terms.len() as u32).collect();
    order.par_sort_unstable_by(|&a, &b| terms[a as usize].cmp(&terms[b as usize]));
    let mut column = vec![0u32; order.len()];
    for (col, &id) in order.iter().enumerate() {
        column[id as usize] = col as u32;
    }
    let sorted: Vec<String> = order
        .iter()
        .map(|&id| String::from(std::mem::take(&mut terms[id as usize])))
        .collect();

    let n_cols = sorted.len();
    let parts: Vec<CsrMatrix> = parts
        .into_par_iter()
        .zip(to_global)
        .map(|(mut part, map)| {
            part.n_cols = n_cols;
            for c in &mut part.indices {
                *c = column[map[*c as usize] as usize];
            }
            part.sort_rows();
            part
        })
        .collect();
    (sorted, CsrMatrix::vstack(parts, n_cols))
}

/// Count the features of documents against a fixed vocabulary
/// (`term -> column`); features outside it are ignored.
pub(crate) fn count_known<T: Sync>(
    docs: &[T],
    each: &(impl Fn(&T, &mut dyn FnMut(&str)) + Sync),
    index: &FxHashMap<String, u32>,
    n_cols: usize,
) -> CsrMatrix {
    let rows: Vec<CsrMatrix> = docs
        .par_chunks(64)
        .map(|docs| {
            let mut part = CsrMatrix::new(n_cols);
            let mut row: FxHashMap<u32, f64> = FxHashMap::default();
            for doc in docs {
                each(doc, &mut |t| {
                    if let Some(&c) = index.get(t) {
                        *row.entry(c).or_insert(0.0) += 1.0;
                    }
                });
                let mut entries: Vec<(u32, f64)> = row.drain().collect();
                entries.sort_unstable_by_key(|&(c, _)| c);
                part.push_row(entries);
            }
            part
        })
        .collect();
    CsrMatrix::vstack(rows, n_cols)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Words;
    impl Features for Words {
        fn for_each_feature(&self, text: &str, f: &mut dyn FnMut(&str)) {
            text.split_whitespace().for_each(f);
        }
    }

    #[test]
    fn parallel_count_equals_a_naive_count() {
        // Enough documents for several chunks, with terms shared across them.
        let texts: Vec<String> = (0..500)
            .map(|i| format!("w{} w{} common w{} w{}", i % 7, i % 13, i % 7, i))
            .collect();
        let (terms, m) = count(&Words, &texts);
        let mut sorted = terms.clone();
        sorted.sort();
        assert_eq!(terms, sorted);
        for (i, text) in texts.iter().enumerate() {
            let mut want: std::collections::BTreeMap<&str, f64> = Default::default();
            for w in text.split_whitespace() {
                *want.entry(w).or_default() += 1.0;
            }
            let got: std::collections::BTreeMap<&str, f64> = m
                .row(i)
                .map(|(c, v)| (terms[c as usize].as_str(), v))
                .collect();
            assert_eq!(got, want, "row {i}");
            let cols: Vec<u32> = m.row(i).map(|(c, _)| c).collect();
            assert!(cols.windows(2).all(|w| w[0] < w[1]), "row {i} sorted");
        }
    }

    #[test]
    fn empty_inputs() {
        let (terms, m) = count(&Words, &Vec::<String>::new());
        assert!(terms.is_empty());
        assert_eq!(m.shape(), (0, 0));
        let (terms, m) = count(&Words, &["", " "]);
        assert!(terms.is_empty());
        assert_eq!(m.shape(), (2, 0));
    }
}

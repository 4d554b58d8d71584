//! Turning texts into features, and counting them over many texts at once.
//!
//! Counting is the hot path of every document-term matrix, so it never
//! materializes a document's features as owned strings: each feature is
//! looked up as a `&str` in a per-chunk vocabulary and counted in place. The
//! chunks run in parallel; their vocabularies are merged once at the end.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::interrupt::Interrupt;
use crate::matrix::sparse::CsrMatrix;
use crate::text::analyzer::Analyzer;
use crate::text::term_cache::TermCache;

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

    /// The [`Interrupt`] these features stop at ([`Interrupt::features`]):
    /// once it is raised, counting skips the work left after the texts.
    fn interrupt(&self) -> Option<&Interrupt> {
        None
    }

    /// The [`Analyzer`] whose unigram terms these features are, when they
    /// are exactly that: counting then does each distinct token's per-word
    /// work (normalization, stopword test, stem, term id) once per chunk of
    /// documents instead of once per token, with the same result. `None`
    /// (the default) counts through [`Features::for_each_feature`].
    ///
    /// # Examples
    ///
    /// ```
    /// use textlens::{Analyzer, AnalyzerOptions, Features};
    ///
    /// let words = Analyzer::new(AnalyzerOptions::default())?;
    /// assert!(words.unigram_analyzer().is_some());
    /// let pairs = Analyzer::new(AnalyzerOptions { ngram_range: (1, 2), ..Default::default() })?;
    /// assert!(pairs.unigram_analyzer().is_none());
    /// # Ok::<(), textlens::Error>(())
    /// ```
    fn unigram_analyzer(&self) -> Option<&Analyzer> {
        None
    }
}

impl Features for Analyzer {
    fn for_each_feature(&self, text: &str, f: &mut dyn FnMut(&str)) {
        self.for_each_term(text, f);
    }

    fn unigram_analyzer(&self) -> Option<&Analyzer> {
        // Mixed-language analysis splits each text into spans first.
        let o = self.options();
        (o.ngram_range == (1, 1) && !o.mixed).then_some(self)
    }
}

/// Distinct strings in one buffer, numbered in order of first appearance:
/// interning a term costs no allocation of its own.
#[derive(Default)]
struct Interner {
    bytes: String,
    /// End of each string in `bytes`; it starts where the previous one ends.
    ends: Vec<usize>,
    table: HashTable<u32>,
}

impl Interner {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, id: u32) -> &str {
        let i = id as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.bytes[start..self.ends[i]]
    }

    /// The id of `term`, and whether it is new.
    fn intern(&mut self, term: &str) -> (u32, bool) {
        self.intern_hashed(term, FxBuildHasher.hash_one(term))
    }

    /// [`Interner::intern`] with the term's hash already computed.
    fn intern_hashed(&mut self, term: &str, hash: u64) -> (u32, bool) {
        let Interner { bytes, ends, table } = self;
        let get = |id: u32| {
            let i = id as usize;
            let start = if i == 0 { 0 } else { ends[i - 1] };
            &bytes[start..ends[i]]
        };
        if let Some(&id) = table.find(hash, |&id| get(id) == term) {
            return (id, false);
        }
        let id = ends.len() as u32;
        table.insert_unique(hash, id, |&id| FxBuildHasher.hash_one(get(id)));
        bytes.push_str(term);
        ends.push(bytes.len());
        (id, true)
    }
}

/// Counts of one chunk of consecutive documents against the chunk's own
/// vocabulary (ids in order of first appearance).
pub(super) struct Chunk {
    terms: Interner,
    counts: Counts,
}

/// A chunk's count matrix in CSR form with whole-number counts: 8 bytes an
/// entry instead of a [`CsrMatrix`]'s 12 while every chunk is held, until
/// [`stack`] writes the one `f64` matrix.
#[derive(Default)]
struct Counts {
    indptr: Vec<usize>,
    indices: Vec<u32>,
    counts: Vec<u32>,
}

impl Counts {
    /// Sort each row's entries by column.
    fn sort_rows(&mut self) {
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for w in self.indptr.windows(2) {
            let range = w[0]..w[1];
            if self.indices[range.clone()].is_sorted() {
                continue;
            }
            pairs.clear();
            pairs.extend(
                self.indices[range.clone()]
                    .iter()
                    .copied()
                    .zip(self.counts[range.clone()].iter().copied()),
            );
            pairs.sort_unstable_by_key(|&(c, _)| c);
            for (k, (c, v)) in range.zip(pairs.iter().copied()) {
                self.indices[k] = c;
                self.counts[k] = v;
            }
        }
    }
}

/// The chunks' rows one under the other, as one matrix; each chunk is freed
/// once copied, so the old and the new arrays are never all held at once.
/// [`CsrMatrix::vstack`] does the same for `f64` matrices; this one widens
/// the chunks' `u32` counts as it copies.
fn stack(parts: Vec<Counts>, n_cols: usize) -> CsrMatrix {
    let nnz = parts.iter().map(|p| p.indices.len()).sum();
    let rows: usize = parts.iter().map(|p| p.indptr.len() - 1).sum();
    let mut m = CsrMatrix::new(n_cols);
    m.indices.reserve_exact(nnz);
    m.data.reserve_exact(nnz);
    m.indptr.reserve_exact(rows);
    for part in parts {
        let offset = m.indices.len();
        m.indices.extend_from_slice(&part.indices);
        m.data.extend(part.counts.iter().map(|&c| f64::from(c)));
        m.indptr.extend(part.indptr[1..].iter().map(|p| p + offset));
    }
    m
}

/// Builds a chunk's count matrix from term ids, row by row.
struct RowCounter {
    counts: Counts,
    row: u32,
    // Position of a term in the current row, valid while `row_of[id]`
    // is the current row: counting without a per-document map.
    row_of: Vec<u32>,
    at: Vec<usize>,
}

impl Default for RowCounter {
    fn default() -> Self {
        RowCounter {
            counts: Counts {
                indptr: vec![0],
                ..Counts::default()
            },
            row: 0,
            row_of: Vec::new(),
            at: Vec::new(),
        }
    }
}

impl RowCounter {
    #[inline]
    fn add(&mut self, id: u32) {
        let i = id as usize;
        if i >= self.row_of.len() {
            self.row_of.resize(i + 1, u32::MAX);
            self.at.resize(i + 1, 0);
        }
        if self.row_of[i] == self.row {
            self.counts.counts[self.at[i]] += 1;
        } else {
            self.row_of[i] = self.row;
            self.at[i] = self.counts.indices.len();
            self.counts.indices.push(id);
            self.counts.counts.push(1);
        }
    }

    fn end_row(&mut self) {
        self.counts.indptr.push(self.counts.indices.len());
        self.row += 1;
    }

    /// The chunk's counts, without the room left by growing (up to as much
    /// again), which every finished chunk would hold until the merge.
    fn finish(self) -> Counts {
        let mut counts = self.counts;
        counts.indices.shrink_to_fit();
        counts.counts.shrink_to_fit();
        counts
    }
}

impl Chunk {
    /// The features of `texts` counted: through the term cache where the
    /// features are an analyzer's unigrams ([`Chunk::count_analyzed`]),
    /// else one by one ([`Chunk::count`]).
    pub(super) fn of_texts<F: Features + ?Sized, S: AsRef<str>>(
        features: &F,
        texts: &[S],
        cache: &mut TermCache,
    ) -> Chunk {
        let stop = features.interrupt();
        if let Some(analyzer) = features.unigram_analyzer() {
            return Chunk::count_analyzed(texts, analyzer, stop, cache);
        }
        let each = |t: &S, f: &mut dyn FnMut(&str)| features.for_each_feature(t.as_ref(), f);
        Chunk::count(texts, &each, stop)
    }

    /// The chunk's terms and counts; the chunk's documents
    /// [advance](Interrupt::advance) `stop` once it is counted.
    fn count<T>(
        docs: &[T],
        each: &(impl Fn(&T, &mut dyn FnMut(&str)) + Sync),
        stop: Option<&Interrupt>,
    ) -> Chunk {
        let mut terms = Interner::default();
        let mut rows = RowCounter::default();
        for doc in docs {
            each(doc, &mut |term| rows.add(terms.intern(term).0));
            rows.end_row();
        }
        if let Some(stop) = stop {
            stop.advance(docs.len());
        }
        Chunk {
            terms,
            counts: rows.finish(),
        }
    }

    /// [`Chunk::count`] of an analyzer's unigrams, each distinct token
    /// analyzed once ([`Analyzer::for_each_term_id`]).
    fn count_analyzed<S: AsRef<str>>(
        docs: &[S],
        analyzer: &Analyzer,
        stop: Option<&Interrupt>,
        cache: &mut TermCache,
    ) -> Chunk {
        let mut terms = Interner::default();
        let mut rows = RowCounter::default();
        // The ids are this chunk's: start empty (the memory is reused).
        cache.clear();
        for doc in docs {
            if !stop.is_some_and(Interrupt::is_raised) {
                analyzer.for_each_term_id(
                    doc.as_ref(),
                    cache,
                    &mut |term| terms.intern(term).0,
                    |id| rows.add(id),
                );
                // Counted per document: a progress bar moves within chunks.
                if let Some(stop) = stop {
                    stop.advance(1);
                }
            }
            rows.end_row();
        }
        Chunk {
            terms,
            counts: rows.finish(),
        }
    }
}

/// Documents per chunk: about four chunks per thread, so that the threads
/// stay busy to the end.
pub(super) fn chunk_len(docs: usize) -> usize {
    docs.div_ceil(4 * rayon::current_num_threads())
        .clamp(16, 4096)
}

/// Count the features of `texts` in parallel: the terms sorted (as
/// scikit-learn sorts its vocabulary) and the count matrix, rows in input
/// order, columns sorted within each row.
pub(crate) fn count<F: Features + ?Sized, S: AsRef<str> + Sync>(
    features: &F,
    texts: &[S],
) -> (Vec<String>, CsrMatrix) {
    let chunks = count_chunks(features, texts, chunk_len(texts.len()));
    merge(chunks, features.interrupt())
}

/// The chunks of `chunk` documents of `texts`, counted in parallel.
fn count_chunks<F: Features + ?Sized, S: AsRef<str> + Sync>(
    features: &F,
    texts: &[S],
    chunk: usize,
) -> Vec<Chunk> {
    texts
        .par_chunks(chunk)
        // One cache per worker, reused chunk after chunk: allocated once per
        // thread instead of once per chunk.
        .map_init(TermCache::default, |cache, docs| {
            Chunk::of_texts(features, docs, cache)
        })
        .collect()
}

/// [`count`] over any documents, given how to list each one's features.
pub(crate) fn count_with<T: Sync>(
    docs: &[T],
    each: &(impl Fn(&T, &mut dyn FnMut(&str)) + Sync),
    stop: Option<&Interrupt>,
) -> (Vec<String>, CsrMatrix) {
    merge(chunks_with(docs, each, stop, chunk_len(docs.len())), stop)
}

/// The chunks of `chunk` documents of `docs`, each document's features
/// listed by `each`, counted in parallel.
fn chunks_with<T: Sync>(
    docs: &[T],
    each: &(impl Fn(&T, &mut dyn FnMut(&str)) + Sync),
    stop: Option<&Interrupt>,
    chunk: usize,
) -> Vec<Chunk> {
    docs.par_chunks(chunk)
        .map(|docs| Chunk::count(docs, each, stop))
        .collect()
}

/// One vocabulary, sorted, and one count matrix from the chunks.
pub(super) fn merge(chunks: Vec<Chunk>, stop: Option<&Interrupt>) -> (Vec<String>, CsrMatrix) {
    if stop.is_some_and(Interrupt::is_raised) {
        // The result will be thrown away: skip merging the chunks (seconds on a big corpus).
        return (Vec::new(), CsrMatrix::new(0));
    }

    // Merge the chunk vocabularies in parallel, one shard of the hash space
    // per task (a serial merge was a quarter of a default fit on 2 cores).
    // Shards are picked by bits the hash table does not use for its slots or
    // tags, so each shard's table stays well spread.
    let shards = (2 * rayon::current_num_threads())
        .next_power_of_two()
        .clamp(1, 64);
    let shard_of = |hash: u64| ((hash >> 40) as usize) & (shards - 1);
    // Per chunk: its (local id, hash) grouped by shard.
    let buckets: Vec<Vec<Vec<(u32, u64)>>> = chunks
        .par_iter()
        .map(|chunk| {
            let mut b = vec![Vec::new(); shards];
            for id in 0..chunk.terms.len() as u32 {
                let hash = FxBuildHasher.hash_one(chunk.terms.get(id));
                b[shard_of(hash)].push((id, hash));
            }
            b
        })
        .collect();
    // Per shard: its terms, and for each chunk the shard ids of its bucket.
    let merged: Vec<(Interner, Vec<Vec<u32>>)> = (0..shards)
        .into_par_iter()
        .map(|s| {
            let mut interner = Interner::default();
            let ids = chunks
                .iter()
                .zip(&buckets)
                .map(|(chunk, b)| {
                    b[s].iter()
                        .map(|&(id, hash)| interner.intern_hashed(chunk.terms.get(id), hash).0)
                        .collect()
                })
                .collect();
            (interner, ids)
        })
        .collect();
    // Global id = the shard's offset + the id in the shard.
    let mut offsets = Vec::with_capacity(shards + 1);
    offsets.push(0usize);
    for (interner, _) in &merged {
        offsets.push(offsets[offsets.len() - 1] + interner.len());
    }
    let n_terms = offsets[shards];
    let term_of = |gid: u32| -> &str {
        let gid = gid as usize;
        let s = offsets.partition_point(|&o| o <= gid) - 1;
        merged[s].0.get((gid - offsets[s]) as u32)
    };

    // Sort the vocabulary; global id -> column.
    // Keyed by the first 8 bytes (big-endian, zero-padded: the same order as
    // the bytes), so most comparisons never follow the id into the buffer.
    let mut keyed: Vec<(u64, u32)> = (0..n_terms as u32)
        .into_par_iter()
        .map(|gid| {
            let mut prefix = [0u8; 8];
            let bytes = term_of(gid).as_bytes();
            let n = bytes.len().min(8);
            prefix[..n].copy_from_slice(&bytes[..n]);
            (u64::from_be_bytes(prefix), gid)
        })
        .collect();
    keyed.par_sort_unstable_by(|&(pa, a), &(pb, b)| {
        pa.cmp(&pb).then_with(|| term_of(a).cmp(term_of(b)))
    });
    let mut column = vec![0u32; n_terms];
    for (col, &(_, gid)) in keyed.iter().enumerate() {
        column[gid as usize] = col as u32;
    }
    let sorted: Vec<String> = keyed
        .par_iter()
        .map(|&(_, gid)| term_of(gid).to_owned())
        .collect();
    drop(keyed);

    let n_cols = sorted.len();
    let parts: Vec<Counts> = chunks
        .into_par_iter()
        .zip(buckets)
        .enumerate()
        .map(|(c, (chunk, buckets))| {
            // chunk id -> column
            let mut map = vec![0u32; chunk.terms.len()];
            for (s, bucket) in buckets.iter().enumerate() {
                for (&(id, _), &sid) in bucket.iter().zip(&merged[s].1[c]) {
                    map[id as usize] = column[offsets[s] + sid as usize];
                }
            }
            let mut part = chunk.counts;
            for c in &mut part.indices {
                *c = map[*c as usize];
            }
            part.sort_rows();
            part
        })
        .collect();
    // Free the shards' vocabularies before the matrix is written: stacking
    // is the peak of a whole corpus build.
    drop(merged);
    (sorted, stack(parts, n_cols))
}

/// Count the features of documents against a fixed vocabulary
/// (`term -> column`); features outside it are ignored.
pub(crate) fn count_known<T: Sync>(
    docs: &[T],
    each: &(impl Fn(&T, &mut dyn FnMut(&str)) + Sync),
    index: &FxHashMap<String, u32>,
    n_cols: usize,
    stop: Option<&Interrupt>,
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
            stop.inspect(|s| s.advance(docs.len()));
            part
        })
        .collect();
    if stop.is_some_and(Interrupt::is_raised) {
        // The result will be thrown away: skip stacking the parts.
        return CsrMatrix::new(n_cols);
    }
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

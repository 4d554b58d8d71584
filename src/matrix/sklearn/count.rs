//! The counting of the drop-in vectorizers' `fit`: the vocabulary learned
//! and the count matrix built, as [`crate::matrix::features`] counts, with
//! less work per token and per term.
//!
//! - Each rayon task interns into one table of its own for all the chunks it
//!   runs (not one per chunk), so the merge sees each term about once per
//!   task instead of once per chunk.
//! - A table slot holds the term's hash, its place in the task's byte
//!   buffer, its id and where it was last counted: a known term costs one
//!   probe and one string comparison, a new one no rehashing of strings.
//! - Counts are `u32` until the end; the matrix is written once, in place,
//!   its rows in parallel, instead of stacked from parts.
//!
//! Offsets are `u32`: inputs beyond that (4 GiB of text, 4 Gi entries) are
//! counted by [`crate::matrix::features`] instead ([`count`] returns None).

use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU32, Ordering::Relaxed};

use hashbrown::HashTable;
use rayon::prelude::*;
use rustc_hash::FxBuildHasher;

use crate::interrupt::Interrupt;
use crate::matrix::features::Features;
use crate::matrix::sparse::CsrMatrix;

/// Terms in one buffer, in column order: the vocabulary the drop-ins' fit
/// hands to Python without a `String` per term (425,557 allocations on the
/// bench corpus were an eighth of the fit).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct PackedTerms {
    bytes: String,
    /// The end of each term in `bytes` (its start is the previous end).
    ends: Vec<usize>,
}

impl PackedTerms {
    /// Pack `terms`, in their order.
    pub(crate) fn from_strs<'a>(terms: impl IntoIterator<Item = &'a str>) -> Self {
        let mut packed = PackedTerms::default();
        for t in terms {
            packed.bytes.push_str(t);
            packed.ends.push(packed.bytes.len());
        }
        packed
    }

    /// [`PackedTerms::from_strs`] of an indexed parallel iterator: blocks of
    /// terms packed in parallel, then joined (one copy of the bytes).
    pub(crate) fn from_par_strs<'a>(terms: impl IndexedParallelIterator<Item = &'a str>) -> Self {
        const BLOCK: usize = 4096;
        let blocks: Vec<PackedTerms> = terms.chunks(BLOCK).map(PackedTerms::from_strs).collect();
        let mut packed = PackedTerms {
            bytes: String::with_capacity(blocks.iter().map(|b| b.bytes.len()).sum()),
            ends: Vec::with_capacity(blocks.iter().map(PackedTerms::len).sum()),
        };
        for block in blocks {
            let base = packed.bytes.len();
            packed.bytes.push_str(&block.bytes);
            packed.ends.extend(block.ends.iter().map(|e| base + e));
        }
        packed
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    #[cfg_attr(not(feature = "python"), allow(dead_code))] // the Python vocabulary's
    pub(crate) fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The `i`-th term (`i < len()`).
    pub(crate) fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.bytes[start..self.ends[i]]
    }

    #[cfg_attr(not(feature = "python"), allow(dead_code))] // the Python vocabulary's
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// One `String` per term, made in parallel.
    pub(crate) fn to_strings(&self) -> Vec<String> {
        (0..self.len())
            .into_par_iter()
            .map(|i| self.get(i).to_owned())
            .collect()
    }
}

/// A term in a task's table, and where it was last counted.
#[derive(Clone, Copy)]
struct Slot {
    hash: u64,
    start: u32,
    len: u32,
    id: u32,
    /// The row it was last counted in, and its entry there.
    row: u32,
    at: u32,
}

/// The counts of one chunk of consecutive documents, columns by the
/// task's ids, rows unsorted.
struct Part {
    chunk: usize,
    indptr: Vec<u32>,
    ids: Vec<u32>,
    counts: Vec<u32>,
}

/// One task's terms and the parts it counted.
#[derive(Default)]
struct Local {
    bytes: String,
    table: HashTable<Slot>,
    n_terms: u32,
    parts: Vec<Part>,
    overflow: bool,
}

impl Local {
    fn count_chunk<T>(
        &mut self,
        chunk: usize,
        first_row: usize,
        docs: &[T],
        each: &(impl Fn(&T, &mut dyn FnMut(&str)) + Sync),
    ) {
        // Not reserved from the text's length: measured slower than growing.
        let mut part = Part {
            chunk,
            indptr: Vec::with_capacity(docs.len() + 1),
            ids: Vec::new(),
            counts: Vec::new(),
        };
        part.indptr.push(0);
        let Local {
            bytes,
            table,
            n_terms,
            overflow,
            ..
        } = self;
        for (k, doc) in docs.iter().enumerate() {
            // Rows are numbered over the whole input, so a slot's `row` never
            // matches a row of another chunk.
            let row = (first_row + k) as u32;
            each(doc, &mut |term| {
                let hash = FxBuildHasher.hash_one(term);
                let found = table.find_mut(hash, |s| {
                    s.hash == hash
                        && same(
                            &bytes.as_bytes()[s.start as usize..(s.start + s.len) as usize],
                            term.as_bytes(),
                        )
                });
                let at = part.ids.len();
                if at >= u32::MAX as usize {
                    *overflow = true;
                    return;
                }
                match found {
                    Some(s) if s.row == row => part.counts[s.at as usize] += 1,
                    Some(s) => {
                        s.row = row;
                        s.at = at as u32;
                        part.ids.push(s.id);
                        part.counts.push(1);
                    }
                    None => {
                        let start = bytes.len();
                        if start + term.len() > u32::MAX as usize || *n_terms == u32::MAX {
                            *overflow = true;
                            return;
                        }
                        bytes.push_str(term);
                        let slot = Slot {
                            hash,
                            start: start as u32,
                            len: term.len() as u32,
                            id: *n_terms,
                            row,
                            at: at as u32,
                        };
                        table.insert_unique(hash, slot, |s| s.hash);
                        part.ids.push(*n_terms);
                        part.counts.push(1);
                        *n_terms += 1;
                    }
                }
            });
            part.indptr.push(part.ids.len() as u32);
        }
        self.parts.push(part);
    }

    fn term(&self, start: u32, len: u32) -> &str {
        &self.bytes[start as usize..(start + len) as usize]
    }
}

/// `a == b` for the short strings terms mostly are: inline, eight bytes at
/// a time (the call to `memcmp` that slice equality makes was a tenth of the
/// counting).
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut x, mut y) = (a.chunks_exact(8), b.chunks_exact(8));
    let word = |c: &[u8]| u64::from_ne_bytes(c.try_into().unwrap_or_default());
    for (p, q) in (&mut x).zip(&mut y) {
        if word(p) != word(q) {
            return false;
        }
    }
    x.remainder().iter().zip(y.remainder()).all(|(p, q)| p == q)
}

/// A term of the merged vocabulary: where its bytes are.
#[derive(Clone, Copy)]
struct Term {
    hash: u64,
    local: u32,
    start: u32,
    len: u32,
}

/// Count the features of `texts` in parallel: the terms sorted (as
/// scikit-learn sorts its vocabulary) and the count matrix, rows in input
/// order, columns sorted within each row; what
/// [`crate::matrix::features::count`] returns. None for inputs too large for
/// its `u32` offsets.
pub(crate) fn count<F: Features + ?Sized, S: AsRef<str> + Sync>(
    features: &F,
    texts: &[S],
) -> Option<(PackedTerms, CsrMatrix)> {
    let bytes: usize = texts.iter().map(|t| t.as_ref().len()).sum();
    if bytes > u32::MAX as usize || texts.len() >= u32::MAX as usize {
        return None;
    }
    let each = |t: &S, f: &mut dyn FnMut(&str)| features.for_each_feature(t.as_ref(), f);
    count_with(texts, &each, features.interrupt())
}

fn count_with<T: Sync>(
    docs: &[T],
    each: &(impl Fn(&T, &mut dyn FnMut(&str)) + Sync),
    stop: Option<&Interrupt>,
) -> Option<(PackedTerms, CsrMatrix)> {
    // Small chunks balance the work when other processes hold cores. The
    // tables are per rayon task (17 on the bench corpus with two threads),
    // which the merge pays for in duplicate terms (594,000 slots for 425,557
    // terms), but one table per thread was slower: the merge saved 10 ms,
    // the counting lost 35 ms to lookups in tables too large for the cache.
    let chunk_len = docs
        .len()
        .div_ceil(16 * rayon::current_num_threads())
        .clamp(1, 1024);
    let locals: Vec<Local> = docs
        .par_chunks(chunk_len)
        .enumerate()
        .fold(Local::default, |mut local, (c, chunk)| {
            if !local.overflow {
                local.count_chunk(c, c * chunk_len, chunk, each);
            }
            // The progress (a bar's documents), a chunk at a time.
            if let Some(stop) = stop {
                stop.advance(chunk.len());
            }
            local
        })
        .collect();
    if locals.iter().any(|l| l.overflow) {
        // The caller counts the documents again, and advances again.
        if let Some(stop) = stop {
            stop.rewind(docs.len());
        }
        return None;
    }
    if stop.is_some_and(Interrupt::is_raised) {
        // The result will be thrown away: skip merging.
        return Some((PackedTerms::default(), CsrMatrix::new(0)));
    }

    // Merge the tasks' vocabularies, one shard of the hash space per rayon
    // job; shards are picked by bits the tables use neither for slots nor tags.
    let shards = (2 * rayon::current_num_threads())
        .next_power_of_two()
        .clamp(1, 64);
    let shard_of = |hash: u64| ((hash >> 40) as usize) & (shards - 1);
    let buckets: Vec<Vec<Vec<&Slot>>> = locals
        .par_iter()
        .map(|local| {
            let mut b = vec![Vec::new(); shards];
            for slot in local.table.iter() {
                b[shard_of(slot.hash)].push(slot);
            }
            b
        })
        .collect();
    // Per shard: its distinct terms, and for each task the shard id of each
    // slot of its bucket. A task's terms are distinct: the first task's need
    // no lookup, and the last task's need no place in the table.
    let last = locals.len().saturating_sub(1);
    let merged: Vec<(Vec<Term>, Vec<Vec<u32>>)> = (0..shards)
        .into_par_iter()
        .map(|s| {
            let mut terms: Vec<Term> = Vec::new();
            let mut table: HashTable<u32> = HashTable::new();
            let ids = locals
                .iter()
                .zip(&buckets)
                .enumerate()
                .map(|(l, (local, b))| {
                    b[s].iter()
                        .map(|slot| {
                            if l > 0 {
                                let text = local.term(slot.start, slot.len);
                                let same = |&sid: &u32| {
                                    let t: Term = terms[sid as usize];
                                    t.hash == slot.hash
                                        && locals[t.local as usize].term(t.start, t.len) == text
                                };
                                if let Some(&sid) = table.find(slot.hash, same) {
                                    return sid;
                                }
                            }
                            let sid = terms.len() as u32;
                            terms.push(Term {
                                hash: slot.hash,
                                local: l as u32,
                                start: slot.start,
                                len: slot.len,
                            });
                            if l < last {
                                table.insert_unique(slot.hash, sid, |&i| terms[i as usize].hash);
                            }
                            sid
                        })
                        .collect()
                })
                .collect();
            (terms, ids)
        })
        .collect();
    let mut offsets = Vec::with_capacity(shards + 1);
    offsets.push(0usize);
    for (terms, _) in &merged {
        offsets.push(offsets[offsets.len() - 1] + terms.len());
    }
    let n_terms = offsets[shards];
    // Global id (the shard's offset + the id in the shard) -> term.
    let strs: Vec<&str> = merged
        .par_iter()
        .flat_map_iter(|(terms, _)| {
            terms
                .iter()
                .map(|t| locals[t.local as usize].term(t.start, t.len))
        })
        .collect();

    // The global ids in the terms' byte order.
    let order = sorted_ids(&strs);
    // Global id -> column, written in parallel (each id once: relaxed
    // stores, read after the join).
    let column: Vec<AtomicU32> = (0..n_terms).map(|_| AtomicU32::new(0)).collect();
    order
        .par_iter()
        .enumerate()
        .for_each(|(col, &gid)| column[gid as usize].store(col as u32, Relaxed));
    let sorted = PackedTerms::from_par_strs(order.par_iter().map(|&gid| strs[gid as usize]));
    drop(order);
    drop(strs);

    // Each task's id -> column.
    let maps: Vec<Vec<u32>> = (0..locals.len())
        .into_par_iter()
        .map(|l| {
            let mut map = vec![0u32; locals[l].n_terms as usize];
            for (s, bucket) in buckets[l].iter().enumerate() {
                for (slot, &sid) in bucket.iter().zip(&merged[s].1[l]) {
                    map[slot.id as usize] = column[offsets[s] + sid as usize].load(Relaxed);
                }
            }
            map
        })
        .collect();
    drop(buckets);
    drop(merged);
    drop(column);

    let mut parts: Vec<(usize, Part)> = Vec::new();
    for (l, local) in locals.into_iter().enumerate() {
        parts.extend(local.parts.into_iter().map(|p| (l, p)));
    }
    parts.sort_unstable_by_key(|(_, p)| p.chunk);
    Some((sorted, assemble(parts, &maps, docs.len(), n_terms)))
}

/// The ids of `strs` in the order of their bytes. Each term's key is its
/// first 16 bytes (big-endian, zero-padded: the bytes' order, so most
/// comparisons stay in the key; 8 bytes are 4 letters of Cyrillic or Greek,
/// and ties were frequent). A counting pass puts the ids (4 bytes each, not
/// 32-byte key and id pairs twice over) in buckets by the key's first two
/// bytes; the buckets are sorted in parallel, by key, then by the term on
/// ties.
fn sorted_ids(strs: &[&str]) -> Vec<u32> {
    let prefix = |s: &str| {
        let mut key = [0u8; 16];
        let bytes = s.as_bytes();
        let n = bytes.len().min(16);
        key[..n].copy_from_slice(&bytes[..n]);
        u128::from_be_bytes(key)
    };
    let keys: Vec<u128> = strs.par_iter().map(|s| prefix(s)).collect();
    let bucket = |key: u128| (key >> 112) as usize;
    let mut starts = vec![0usize; (1 << 16) + 1];
    for &key in &keys {
        starts[bucket(key) + 1] += 1;
    }
    for b in 1..starts.len() {
        starts[b] += starts[b - 1];
    }
    let mut order = vec![0u32; strs.len()];
    let mut next = starts.clone();
    for (gid, &key) in keys.iter().enumerate() {
        let at = &mut next[bucket(key)];
        order[*at] = gid as u32;
        *at += 1;
    }
    // The buckets' slices of `order`, each sorted by one job.
    let mut runs: Vec<&mut [u32]> = Vec::new();
    let mut rest = order.as_mut_slice();
    for w in starts.windows(2) {
        let (run, tail) = rest.split_at_mut(w[1] - w[0]);
        rest = tail;
        if run.len() > 1 {
            runs.push(run);
        }
    }
    runs.into_par_iter().for_each_init(Vec::new, |keyed, run| {
        keyed.clear();
        keyed.extend(run.iter().map(|&gid| (keys[gid as usize], gid)));
        keyed.sort_unstable_by(|&(pa, a), &(pb, b)| {
            pa.cmp(&pb)
                .then_with(|| strs[a as usize].cmp(strs[b as usize]))
        });
        for (slot, &(_, gid)) in run.iter_mut().zip(keyed.iter()) {
            *slot = gid;
        }
    });
    order
}

/// The matrix of the parts (in chunk order), columns mapped and sorted
/// within each row, written in place in parallel.
fn assemble(
    parts: Vec<(usize, Part)>,
    maps: &[Vec<u32>],
    n_rows: usize,
    n_cols: usize,
) -> CsrMatrix {
    let mut indptr = Vec::with_capacity(n_rows + 1);
    indptr.push(0usize);
    for (_, p) in &parts {
        let base = indptr[indptr.len() - 1];
        indptr.extend(p.indptr[1..].iter().map(|&e| base + e as usize));
    }
    let nnz = indptr[indptr.len() - 1];
    let mut indices = vec![0u32; nnz];
    let mut data = vec![0f64; nnz];
    // Split the outputs into each part's slices.
    let mut jobs = Vec::with_capacity(parts.len());
    let (mut rest_i, mut rest_d) = (indices.as_mut_slice(), data.as_mut_slice());
    for (l, p) in parts {
        let (i, ri) = rest_i.split_at_mut(p.ids.len());
        let (d, rd) = rest_d.split_at_mut(p.ids.len());
        rest_i = ri;
        rest_d = rd;
        jobs.push((l, p, i, d));
    }
    jobs.into_par_iter().for_each(|(l, p, out_i, out_d)| {
        let map = &maps[l];
        // (column, count) packed in one integer: rows sort as plain u64s.
        let mut row: Vec<u64> = Vec::new();
        for w in p.indptr.windows(2) {
            let (a, b) = (w[0] as usize, w[1] as usize);
            row.clear();
            row.extend(
                p.ids[a..b]
                    .iter()
                    .zip(&p.counts[a..b])
                    .map(|(&id, &n)| (u64::from(map[id as usize]) << 32) | u64::from(n)),
            );
            row.sort_unstable();
            for (k, &e) in row.iter().enumerate() {
                out_i[a + k] = (e >> 32) as u32;
                out_d[a + k] = f64::from(e as u32);
            }
        }
    });
    CsrMatrix {
        n_cols,
        indptr,
        indices,
        data,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::sklearn::{SkAnalysis, SkUnit};

    fn samples() -> Vec<String> {
        (0..3000)
            .map(|i| {
                format!(
                    "W{} w{} Common w{} ΟΔΟΣ w{} İx{} x{}{}",
                    i % 7,
                    i % 13,
                    i % 7,
                    i,
                    i % 5,
                    i % 11,
                    "é".repeat(i % 3)
                )
            })
            .collect()
    }

    #[test]
    fn equals_the_general_count() {
        let texts = samples();
        for a in [
            SkAnalysis::default(),
            SkAnalysis {
                unit: SkUnit::CharWb,
                ngram_range: (2, 4),
                ..SkAnalysis::default()
            },
            SkAnalysis {
                ngram_range: (1, 2),
                ..SkAnalysis::default()
            },
        ] {
            let want = crate::matrix::features::count(&a, &texts);
            for threads in [1, 2, 5] {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .unwrap();
                let got = pool.install(|| count(&a, &texts)).unwrap();
                assert_eq!(got.0.to_strings(), want.0, "{a:?} {threads}");
                assert_eq!(got.1, want.1, "{a:?} {threads}");
            }
        }
    }

    #[test]
    fn terms_sort_by_their_bytes_past_the_key() {
        // Ties in the sort key's prefix, terms that are prefixes of others,
        // Cyrillic past the key.
        let mut words: Vec<String> = Vec::new();
        for stem in [
            "abcdefghijklmnop",
            "abcdefghijk",
            "развивающийся",
            "ab",
            "ÿ",
            "a",
        ] {
            for end in ["", "z", "a", "za", "az", "ś", "0", "_"] {
                words.push(format!("{stem}{end}"));
            }
        }
        let texts: Vec<String> = words.chunks(5).map(|c| c.join(" ")).rev().collect();
        let (terms, _) = count(&SkAnalysis::default(), &texts).unwrap();
        let mut want: Vec<String> = words
            .iter()
            .filter(|w| w.chars().count() >= 2)
            .cloned()
            .collect();
        want.sort();
        want.dedup();
        assert_eq!(terms.to_strings(), want);
    }

    #[test]
    fn packing_in_parallel_keeps_the_order() {
        let terms: Vec<String> = (0..10_000)
            .map(|i| format!("t{}", i * 7919 % 10_007))
            .collect();
        let serial = PackedTerms::from_strs(terms.iter().map(String::as_str));
        let parallel = PackedTerms::from_par_strs(terms.par_iter().map(String::as_str));
        assert_eq!(parallel, serial);
        assert_eq!(parallel.get(9_999), terms[9_999]);
    }

    #[test]
    fn empty_inputs() {
        let a = SkAnalysis::default();
        let (terms, m) = count(&a, &Vec::<String>::new()).unwrap();
        assert!(terms.is_empty() && terms.iter().next().is_none());
        assert_eq!(m.shape(), (0, 0));
        let (terms, m) = count(&a, &["", " a"]).unwrap();
        assert!(terms.is_empty());
        assert_eq!(m.shape(), (2, 0));
        assert_eq!(m.indptr, [0, 0, 0]);
    }
}

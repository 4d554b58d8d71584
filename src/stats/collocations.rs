//! Bigram and trigram collocations scored by NLTK's association measures and
//! by quanteda's λ and z.
//!
//! Words are interned to dense ids once; n-grams are counted as packed
//! integer keys in hash partitions (up to 64, spread over the threads; none
//! is merged into another). The
//! counter holds at most [`CollocationOptions::max_ngrams`] distinct n-grams
//! in all: when a partition is full, the n-grams seen least often are dropped (as
//! gensim's `Phrases` prunes its vocabulary) and [`Collocations`] says how
//! many occurrences were lost. Marginal counts (words, word pairs of the
//! trigrams kept) are always exact.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::interrupt::Interrupt;

/// NLTK's guard against log(0) and division by zero.
const SMALL: f64 = 1e-20;

/// quanteda's `smoothing`: added to every cell of λ's table.
const SMOOTHING: f64 = 0.5;

/// The sort keys [`collocations_with`] accepts.
pub const COLLOCATION_MEASURES: [&str; 8] =
    ["pmi", "npmi", "g2", "t", "chi2", "lambda", "z", "count"];

/// One n-gram and its scores.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Collocation {
    /// The words, space-separated.
    pub collocation: String,
    /// Times the n-gram occurs (within documents).
    pub count: u64,
    /// NLTK's `pmi`: log2(n N^(k−1) / Π nᵢ), N the number of words, nᵢ the
    /// words' counts, k the size.
    pub pmi: f64,
    /// PMI / ((k − 1) · −log2(n / N)): for bigrams Bouma's (2009) NPMI in
    /// [−1, 1]; for trigrams the same bound (PMI is at most −2 log2 p).
    pub npmi: f64,
    /// Log-likelihood ratio G², NLTK's `likelihood_ratio`.
    pub g2: f64,
    /// NLTK's `student_t`: (n − Π nᵢ / N^(k−1)) / √n.
    pub t: f64,
    /// Pearson's χ², NLTK's `chi_sq` (bigrams: N φ²).
    pub chi2: f64,
    /// quanteda's λ: Σ (−1)^(k − |m|) ln(c_m + 0.5) over the 2^k cells c_m
    /// that count the corpus's k-grams matching the collocation exactly at
    /// the positions m (Blaheta & Johnson 2001).
    pub lambda: f64,
    /// quanteda's z: λ over its standard error √Σ 1/(c_m + 0.5).
    pub z: f64,
}

/// How collocations are counted.
///
/// # Examples
///
/// ```
/// let o = textlens::CollocationOptions::default();
/// assert_eq!((o.size, o.min_count, o.max_ngrams), (2, 2, 10_000_000));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CollocationOptions {
    /// Words per collocation: 2 or 3.
    pub size: usize,
    /// Keep n-grams seen at least this often (NLTK's `apply_freq_filter`).
    pub min_count: u64,
    /// Distinct n-grams the counter may hold (split evenly over its hash
    /// partitions): a full partition drops its rarest n-grams (see
    /// [`Collocations`]); what it drops does not depend on the thread count.
    pub max_ngrams: usize,
}

impl Default for CollocationOptions {
    fn default() -> Self {
        CollocationOptions {
            size: 2,
            min_count: 2,
            max_ngrams: 10_000_000,
        }
    }
}

/// Scored collocations and what the size cap dropped.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Collocations {
    /// The n-grams seen at least `min_count` times, best first.
    pub rows: Vec<Collocation>,
    /// Occurrences of n-grams dropped from a full counter (0: every count
    /// is exact; otherwise counts are lower bounds and rare n-grams may be
    /// missing).
    pub dropped: u64,
}

/// Bigram collocations over documents given as token lists (bigrams never
/// span two documents), those occurring at least `min_count` times, sorted
/// by `measure` (`"pmi"`, `"npmi"`, `"g2"`, `"t"`, `"chi2"`, `"lambda"`,
/// `"z"` or `"count"`), highest first, ties by bigram. See
/// [`collocations_with`] for trigrams and the counter's size cap.
///
/// # Errors
///
/// [`Error::InvalidOption`] for an unknown measure or `min_count` 0.
///
/// # Examples
///
/// ```
/// let docs = [vec!["new", "york", "is", "big"], vec!["new", "york", "city"]];
/// let c = textlens::collocations(&docs, 2, "pmi")?;
/// assert_eq!(c[0].collocation, "new york");
/// assert_eq!(c[0].count, 2);
/// assert!((c[0].pmi - (2.0f64 * 7.0 / 4.0).log2()).abs() < 1e-12);
/// # Ok::<(), textlens::Error>(())
/// ```
pub fn collocations<'a, D, S>(
    docs: &'a [D],
    min_count: u64,
    measure: &str,
) -> Result<Vec<Collocation>>
where
    D: AsRef<[S]> + Sync,
    S: AsRef<str> + Sync + 'a,
{
    let options = CollocationOptions {
        min_count,
        ..CollocationOptions::default()
    };
    Ok(collocations_with(docs, &options, measure)?.rows)
}

/// Bigram or trigram collocations (`options.size`) over documents given as
/// token lists; n-grams never span two documents.
///
/// The scores are NLTK's `BigramAssocMeasures` / `TrigramAssocMeasures` as
/// `BigramCollocationFinder.from_documents` / `TrigramCollocationFinder.
/// from_documents` compute them, and quanteda.textstats'
/// `textstat_collocations` λ and z (smoothing 0.5) on the same tokens.
///
/// # Errors
///
/// [`Error::InvalidOption`] for an unknown measure, a size other than 2 or
/// 3, `min_count` 0 or `max_ngrams` 0.
///
/// # Examples
///
/// ```
/// let docs = [vec!["the", "white", "house", "said"], vec!["in", "the", "white", "house"]];
/// let o = textlens::CollocationOptions { size: 3, min_count: 2, ..Default::default() };
/// let c = textlens::collocations_with(&docs, &o, "z")?;
/// assert_eq!(c.rows[0].collocation, "the white house");
/// assert_eq!((c.rows[0].count, c.dropped), (2, 0));
/// # Ok::<(), textlens::Error>(())
/// ```
pub fn collocations_with<'a, D, S>(
    docs: &'a [D],
    options: &CollocationOptions,
    measure: &str,
) -> Result<Collocations>
where
    D: AsRef<[S]> + Sync,
    S: AsRef<str> + Sync + 'a,
{
    let key = check(options, measure)?;
    let (vocab, ids) = intern(docs);
    Ok(score_ids(&vocab, &ids, options, key, &Interrupt::new()))
}

/// The measure's canonical name, after checking the options.
pub(crate) fn check(options: &CollocationOptions, measure: &str) -> Result<&'static str> {
    let key = measure.trim().to_ascii_lowercase();
    let Some(key) = COLLOCATION_MEASURES.iter().find(|m| **m == key) else {
        return Err(Error::invalid(
            "measure",
            format!(
                "{measure:?} is not one of {}",
                COLLOCATION_MEASURES.join(", ")
            ),
        ));
    };
    if !(2..=3).contains(&options.size) {
        return Err(Error::invalid(
            "size",
            format!("{}: only 2 (bigrams) and 3 (trigrams)", options.size),
        ));
    }
    if options.min_count == 0 {
        return Err(Error::invalid("min_count", "must be at least 1"));
    }
    if options.max_ngrams == 0 {
        return Err(Error::invalid("max_ngrams", "must be at least 1"));
    }
    Ok(key)
}

/// Dense ids for the tokens of `docs`: the vocabulary and each document's ids.
fn intern<D, S>(docs: &[D]) -> (Vec<String>, Vec<Vec<u32>>)
where
    D: AsRef<[S]> + Sync,
    S: AsRef<str> + Sync,
{
    intern_with(docs, |d, push| {
        d.as_ref().iter().for_each(|t| push(t.as_ref()))
    })
}

/// Dense ids for the tokens that `tokens` gives for each of `docs` (it calls
/// its sink once per token, in order): the vocabulary and each document's
/// ids. Interned per chunk of documents in parallel, then merged.
pub(crate) fn intern_with<D: Sync>(
    docs: &[D],
    tokens: impl Fn(&D, &mut dyn FnMut(&str)) + Sync,
) -> (Vec<String>, Vec<Vec<u32>>) {
    let chunk = docs.len().div_ceil(4 * rayon::current_num_threads()).max(1);
    let parts: Vec<(Vec<String>, Vec<Vec<u32>>)> = docs
        .par_chunks(chunk)
        .map(|part| {
            let mut index: FxHashMap<Box<str>, u32> = FxHashMap::default();
            let mut vocab = Vec::new();
            let ids = part
                .iter()
                .map(|d| {
                    let mut ids = Vec::new();
                    tokens(d, &mut |t: &str| {
                        let id = match index.get(t) {
                            Some(&id) => id,
                            None => {
                                let id = vocab.len() as u32;
                                index.insert(t.into(), id);
                                vocab.push(t.to_owned());
                                id
                            }
                        };
                        ids.push(id);
                    });
                    ids
                })
                .collect();
            (vocab, ids)
        })
        .collect();
    merge_vocabularies(parts)
}

/// One vocabulary from per-chunk ones, each chunk's ids renumbered.
pub(crate) fn merge_vocabularies<T: AsRef<str>>(
    parts: Vec<(Vec<T>, Vec<Vec<u32>>)>,
) -> (Vec<T>, Vec<Vec<u32>>) {
    let mut index: FxHashMap<&str, u32> = FxHashMap::default();
    let mut order: Vec<(usize, usize)> = Vec::new();
    let maps: Vec<Vec<u32>> = parts
        .iter()
        .enumerate()
        .map(|(p, (vocab, _))| {
            vocab
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    *index.entry(t.as_ref()).or_insert_with(|| {
                        order.push((p, i));
                        (order.len() - 1) as u32
                    })
                })
                .collect()
        })
        .collect();
    drop(index);
    let mut slots: Vec<Vec<Option<T>>> = Vec::with_capacity(parts.len());
    let mut all_ids = Vec::with_capacity(parts.len());
    for (vocab, ids) in parts {
        slots.push(vocab.into_iter().map(Some).collect());
        all_ids.push(ids);
    }
    let vocab: Vec<T> = order
        .into_iter()
        .filter_map(|(p, i)| slots[p][i].take())
        .collect();
    let ids = all_ids
        .into_par_iter()
        .zip(maps.par_iter())
        .flat_map_iter(|(ids, map)| {
            ids.into_iter().map(move |doc| {
                doc.into_iter()
                    .map(|i| map[i as usize])
                    .collect::<Vec<u32>>()
            })
        })
        .collect();
    (vocab, ids)
}

/// A hash map of n-gram counts that holds at most `cap` keys: when full it
/// drops the rarest entries (those seen once, then twice, …) until a
/// quarter of it is free, and counts the occurrences it dropped.
struct Counter<K> {
    map: FxHashMap<K, u64>,
    cap: usize,
    dropped: u64,
}

impl<K: std::hash::Hash + Eq + Copy> Counter<K> {
    fn new(cap: usize) -> Self {
        Counter {
            map: FxHashMap::default(),
            cap,
            dropped: 0,
        }
    }

    #[inline]
    fn add(&mut self, key: K, by: u64) {
        *self.map.entry(key).or_insert(0) += by;
        if self.map.len() > self.cap {
            self.prune();
        }
    }

    fn prune(&mut self) {
        let target = self.cap - self.cap / 4;
        let mut floor = 0;
        let mut dropped = 0;
        while self.map.len() > target {
            floor += 1;
            self.map.retain(|_, c| {
                let keep = *c > floor;
                if !keep {
                    dropped += *c;
                }
                keep
            });
        }
        self.dropped += dropped;
    }
}

#[inline]
fn pair(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

#[inline]
fn triple(a: u32, b: u32, c: u32) -> u128 {
    (u128::from(a) << 64) | (u128::from(b) << 32) | u128::from(c)
}

/// Count and score the n-grams of interned documents (`key` a checked measure).
/// Counting stops at the next document once `stop` is raised: the result is
/// then incomplete, for [`Interrupt::run`] to discard.
pub(crate) fn score_ids<T: AsRef<str> + Sync>(
    vocab: &[T],
    docs: &[Vec<u32>],
    options: &CollocationOptions,
    key: &str,
    stop: &Interrupt,
) -> Collocations {
    let mut out = if options.size == 3 {
        trigrams(vocab, docs, options, stop)
    } else {
        bigrams(vocab, docs, options, stop)
    };
    let score = |c: &Collocation| match key {
        "pmi" => c.pmi,
        "npmi" => c.npmi,
        "g2" => c.g2,
        "t" => c.t,
        "chi2" => c.chi2,
        "lambda" => c.lambda,
        "z" => c.z,
        _ => c.count as f64,
    };
    out.rows.par_sort_unstable_by(|x, y| {
        score(y)
            .total_cmp(&score(x))
            .then_with(|| x.collocation.cmp(&y.collocation))
    });
    out
}

/// Each word's count, and how often it starts each position of an n-gram
/// of `size` words (quanteda's positional margins).
fn margins(v: usize, docs: &[Vec<u32>], size: usize) -> (Vec<u64>, Vec<Vec<u64>>, u64) {
    let mut words = vec![0u64; v];
    let mut at = vec![vec![0u64; v]; size];
    let mut windows = 0u64;
    for d in docs {
        for &t in d {
            words[t as usize] += 1;
        }
        for w in d.windows(size) {
            windows += 1;
            for (p, &t) in w.iter().enumerate() {
                at[p][t as usize] += 1;
            }
        }
    }
    (words, at, windows)
}

/// Hash partitions of the n-gram counter, at most (see [`count`]).
const PARTS: usize = 64;
/// The fewest keys a partition holds: small caps get fewer partitions.
const PART_MIN: usize = 1024;

/// The n-gram counts of `docs` in disjoint hash partitions, so that none is
/// merged into another (merging per-chunk counters was a tenth of the time).
/// The number of partitions and each one's share of `cap` depend on `cap`
/// only, and each partition sees its keys in document order: which n-grams
/// a full counter drops is the same for any number of threads. Each thread
/// scans every window and counts those of its partitions.
fn count<K, F>(
    docs: &[Vec<u32>],
    size: usize,
    cap: usize,
    stop: &Interrupt,
    key: F,
) -> Vec<Counter<K>>
where
    K: std::hash::Hash + Eq + Copy + Send,
    F: Fn(&[u32]) -> K + Sync,
{
    use std::hash::BuildHasher;
    let parts = (cap / PART_MIN).clamp(1, PARTS);
    let part_cap = cap / parts;
    let tasks = rayon::current_num_threads().clamp(1, parts);
    let windows: usize = docs.iter().map(|d| d.len().saturating_sub(size - 1)).sum();
    // Sized up front for its share of the n-grams, within a few MB in all.
    let room = (windows / parts).min(part_cap).min((1 << 21) / parts);
    let hasher = rustc_hash::FxBuildHasher;
    (0..tasks)
        .into_par_iter()
        .flat_map_iter(|task| {
            // Partitions task, task + tasks, …: partition p is mine[p / tasks].
            let mut mine: Vec<Counter<K>> = (task..parts)
                .step_by(tasks)
                .map(|_| {
                    let mut c = Counter::new(part_cap);
                    c.map.reserve(room);
                    c
                })
                .collect();
            for d in docs {
                if stop.is_raised() {
                    break;
                }
                for w in d.windows(size) {
                    let k = key(w);
                    let p = if parts == 1 {
                        0
                    } else {
                        (hasher.hash_one(k) >> 32) as usize % parts
                    };
                    if p % tasks == task {
                        mine[p / tasks].add(k, 1);
                    }
                }
            }
            mine
        })
        .collect()
}

/// The counts of every counter (disjoint keys) and the occurrences they dropped.
fn counted<K>(counters: Vec<Counter<K>>, min_count: u64) -> (Vec<(K, u64)>, u64) {
    let dropped = counters.iter().map(|c| c.dropped).sum();
    let kept = counters
        .into_iter()
        .flat_map(|c| c.map.into_iter())
        .filter(|&(_, k)| k >= min_count)
        .collect();
    (kept, dropped)
}

/// quanteda's λ and z from the 2^k cell counts (index bit i: the n-gram
/// matches the collocation at position i).
fn lambda_z(cells: &[f64]) -> (f64, f64) {
    let k = cells.len().trailing_zeros();
    let (mut lambda, mut inv) = (0.0, 0.0);
    for (m, &c) in cells.iter().enumerate() {
        let c = c + SMOOTHING;
        let sign = if (k - (m as u32).count_ones()) % 2 == 0 {
            1.0
        } else {
            -1.0
        };
        lambda += sign * c.ln();
        inv += 1.0 / c;
    }
    (lambda, lambda / inv.sqrt())
}

fn join<T: AsRef<str>>(vocab: &[T], ids: &[u32]) -> String {
    let mut s = String::new();
    for (i, &t) in ids.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(vocab[t as usize].as_ref());
    }
    s
}

fn bigrams<T: AsRef<str> + Sync>(
    vocab: &[T],
    docs: &[Vec<u32>],
    options: &CollocationOptions,
    stop: &Interrupt,
) -> Collocations {
    let counters = count(docs, 2, options.max_ngrams, stop, |w| pair(w[0], w[1]));
    let (candidates, dropped) = counted(counters, options.min_count);
    let (words, at, b) = margins(vocab.len(), docs, 2);
    let n = words.iter().sum::<u64>() as f64;
    let b = b as f64;
    let rows = candidates
        .into_par_iter()
        .map(|(key, k)| {
            let (a, c) = ((key >> 32) as u32, key as u32);
            let n_ii = k as f64;
            let (n_ix, n_xi) = (words[a as usize] as f64, words[c as usize] as f64);
            let pmi = (n_ii * n).log2() - (n_ix * n_xi).log2();
            let npmi = pmi / -(n_ii / n).log2();
            let cont = [n_ii, n_xi - n_ii, n_ix - n_ii, n - n_ix - n_xi + n_ii];
            let mut g2 = 0.0;
            for (i, &obs) in cont.iter().enumerate() {
                let exp = (cont[i] + cont[i ^ 1]) * (cont[i] + cont[i ^ 2]) / n;
                g2 += obs * (obs / (exp + SMALL) + SMALL).ln();
            }
            let (n_io, n_oi, n_oo) = (cont[2], cont[1], cont[3]);
            let chi2 = n * (n_ii * n_oo - n_io * n_oi).powi(2)
                / ((n_ii + n_io) * (n_ii + n_oi) * (n_io + n_oo) * (n_oi + n_oo));
            let t = (n_ii - n_ix * n_xi / n) / (n_ii + SMALL).sqrt();
            let f1 = at[0][a as usize] as f64;
            let s2 = at[1][c as usize] as f64;
            // Cells by matched positions: none, first only, second only, both.
            let cells = [b - f1 - s2 + n_ii, f1 - n_ii, s2 - n_ii, n_ii];
            let (lambda, z) = lambda_z(&cells);
            Collocation {
                collocation: join(vocab, &[a, c]),
                count: k,
                pmi,
                npmi,
                g2: 2.0 * g2,
                t,
                chi2,
                lambda,
                z,
            }
        })
        .collect();
    Collocations { rows, dropped }
}

/// Word-pair counts the trigram scores need: as a bigram (NLTK's
/// `bigram_fd`), as the first two words of a trigram, as its last two.
#[derive(Clone, Copy, Default)]
struct PairCounts {
    bigram: u64,
    first_two: u64,
    last_two: u64,
}

fn trigrams<T: AsRef<str> + Sync>(
    vocab: &[T],
    docs: &[Vec<u32>],
    options: &CollocationOptions,
    stop: &Interrupt,
) -> Collocations {
    let counters = count(docs, 3, options.max_ngrams, stop, |w| {
        triple(w[0], w[1], w[2])
    });
    let (candidates, dropped) = counted(counters, options.min_count);
    let (words, at, windows) = margins(vocab.len(), docs, 3);
    let split = |key: u128| ((key >> 64) as u32, (key >> 32) as u32, key as u32);
    // Second pass: exact pair counts, only for the pairs of the trigrams kept.
    let mut pair_index: FxHashMap<u64, usize> = FxHashMap::default();
    let mut skip_index: FxHashMap<u64, usize> = FxHashMap::default();
    for &(key, _) in &candidates {
        let (a, b, c) = split(key);
        for p in [pair(a, b), pair(b, c)] {
            let next = pair_index.len();
            pair_index.entry(p).or_insert(next);
        }
        let next = skip_index.len();
        skip_index.entry(pair(a, c)).or_insert(next);
    }
    let (pairs, skips) = docs
        .par_iter()
        .fold(
            || {
                (
                    vec![PairCounts::default(); pair_index.len()],
                    vec![0u64; skip_index.len()],
                )
            },
            |(mut pc, mut sc), d| {
                let len = d.len();
                for (i, w) in d.windows(2).enumerate() {
                    if let Some(&j) = pair_index.get(&pair(w[0], w[1])) {
                        let p = &mut pc[j];
                        p.bigram += 1;
                        if i + 2 < len {
                            p.first_two += 1;
                        }
                        if i >= 1 {
                            p.last_two += 1;
                        }
                    }
                }
                for w in d.windows(3) {
                    if let Some(&j) = skip_index.get(&pair(w[0], w[2])) {
                        sc[j] += 1;
                    }
                }
                (pc, sc)
            },
        )
        .reduce(
            || {
                (
                    vec![PairCounts::default(); pair_index.len()],
                    vec![0u64; skip_index.len()],
                )
            },
            |(mut pa, mut sa), (pb, sb)| {
                for (x, y) in pa.iter_mut().zip(pb) {
                    x.bigram += y.bigram;
                    x.first_two += y.first_two;
                    x.last_two += y.last_two;
                }
                for (x, y) in sa.iter_mut().zip(sb) {
                    *x += y;
                }
                (pa, sa)
            },
        );
    let n_words: u64 = words.iter().sum();
    let n = n_words as f64;
    let nn = u128::from(n_words) * u128::from(n_words);
    let t_all = windows as f64;
    let pc = |p: u64| {
        pair_index
            .get(&p)
            .map_or(PairCounts::default(), |&j| pairs[j])
    };
    let sk = |p: u64| skip_index.get(&p).map_or(0, |&j| skips[j]);
    let rows = candidates
        .into_par_iter()
        .map(|(key, k)| {
            let (a, b, c) = split(key);
            let (ab, bc, ac) = (pc(pair(a, b)), pc(pair(b, c)), sk(pair(a, c)));
            let (ua, ub, uc) = (words[a as usize], words[b as usize], words[c as usize]);
            let uni = u128::from(ua) * u128::from(ub) * u128::from(uc);
            // NLTK's TrigramAssocMeasures on (n_iii, (n_iix, n_ixi, n_xii), (n_ixx, n_xix, n_xxi), N).
            let pmi = ((u128::from(k) * nn) as f64).log2() - (uni as f64).log2();
            let p = k as f64 / n;
            let npmi = pmi / (2.0 * -p.log2());
            let t = (k as f64 - uni as f64 / nn as f64) / (k as f64 + SMALL).sqrt();
            let cont = nltk_trigram_table(k, [ab.bigram, ac, bc.bigram], [ua, ub, uc], n_words);
            let (g2, chi2) = g2_chi2(&cont, n_words);
            // quanteda's cells by matched positions (bit 0: first word), from
            // the positional counts by inclusion–exclusion.
            let f = [
                at[0][a as usize] as f64,
                at[1][b as usize] as f64,
                at[2][c as usize] as f64,
            ];
            let (p12, p13, p23, all) =
                (ab.first_two as f64, ac as f64, bc.last_two as f64, k as f64);
            let cells = [
                t_all - f[0] - f[1] - f[2] + p12 + p13 + p23 - all,
                f[0] - p12 - p13 + all,
                f[1] - p12 - p23 + all,
                p12 - all,
                f[2] - p13 - p23 + all,
                p13 - all,
                p23 - all,
                all,
            ];
            let (lambda, z) = lambda_z(&cells);
            Collocation {
                collocation: join(vocab, &[a, b, c]),
                count: k,
                pmi,
                npmi,
                g2,
                t,
                chi2,
                lambda,
                z,
            }
        })
        .collect();
    Collocations { rows, dropped }
}

/// NLTK's `TrigramAssocMeasures._contingency`: the eight cells in its order
/// (iii, oii, ioi, ooi, iio, oio, ioo, ooo; bit 0 set: not the first word).
fn nltk_trigram_table(n_iii: u64, pairs: [u64; 3], words: [u64; 3], n_xxx: u64) -> [i128; 8] {
    let [n_iix, n_ixi, n_xii] = pairs.map(i128::from);
    let [n_ixx, n_xix, n_xxi] = words.map(i128::from);
    let (n_iii, n_xxx) = (i128::from(n_iii), i128::from(n_xxx));
    let n_oii = n_xii - n_iii;
    let n_ioi = n_ixi - n_iii;
    let n_iio = n_iix - n_iii;
    let n_ooi = n_xxi - n_iii - n_oii - n_ioi;
    let n_oio = n_xix - n_iii - n_oii - n_iio;
    let n_ioo = n_ixx - n_iii - n_ioi - n_iio;
    let n_ooo = n_xxx - n_iii - n_oii - n_ioi - n_iio - n_ooi - n_oio - n_ioo;
    [n_iii, n_oii, n_ioi, n_ooi, n_iio, n_oio, n_ioo, n_ooo]
}

/// NLTK's generic `likelihood_ratio` and `chi_sq` of a 2×2×2 table: expected
/// cell = Π over positions of the cell's marginal / N².
fn g2_chi2(cont: &[i128; 8], n: u64) -> (f64, f64) {
    let nn = i128::from(n) * i128::from(n);
    let (mut g2, mut chi2) = (0.0, 0.0);
    for (i, &obs) in cont.iter().enumerate() {
        let mut prod: i128 = 1;
        for j in [1usize, 2, 4] {
            let margin: i128 = (0..8).filter(|x| x & j == i & j).map(|x| cont[x]).sum();
            prod *= margin;
        }
        let exp = prod as f64 / nn as f64;
        let obs = obs as f64;
        g2 += obs * (obs / (exp + SMALL) + SMALL).ln();
        chi2 += (obs - exp).powi(2) / (exp + SMALL);
    }
    (2.0 * g2, chi2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lambda_by_hand() {
        // pairs: (a b) ×2, (b c), (b a): B = 4; first(a) = 2, second(b) = 2.
        let docs = [vec!["a", "b", "c"], vec!["a", "b", "a"]];
        let c = collocations(&docs, 1, "count").unwrap_or_default();
        let ab = c.iter().find(|c| c.collocation == "a b");
        let cells: [f64; 4] = [2.5, 0.5, 0.5, 2.5];
        let lambda = (cells[0] * cells[3] / (cells[1] * cells[2])).ln();
        let z = lambda / cells.iter().map(|x| 1.0 / x).sum::<f64>().sqrt();
        assert!(ab.is_some_and(|ab| (ab.lambda - lambda).abs() < 1e-12 && (ab.z - z).abs() < 1e-12));
        assert!(collocations(&docs, 0, "pmi").is_err());
        assert!(collocations(&docs, 1, "nope").is_err());
    }

    #[test]
    fn trigram_lambda_by_brute_force() {
        // quanteda's definition read literally: compare the collocation with
        // every trigram of the corpus, position by position.
        let docs = [
            vec!["a", "b", "c", "a", "b", "d"],
            vec!["b", "c", "a", "b", "c"],
            vec!["a", "x", "c", "a"],
        ];
        let o = CollocationOptions {
            size: 3,
            min_count: 1,
            ..CollocationOptions::default()
        };
        let got = collocations_with(&docs, &o, "count").unwrap_or_default();
        let all: Vec<[&str; 3]> = docs
            .iter()
            .flat_map(|d| d.windows(3).map(|w| [w[0], w[1], w[2]]))
            .collect();
        assert_eq!(got.rows.len(), 6);
        for row in &got.rows {
            let words: Vec<&str> = row.collocation.split(' ').collect();
            let mut cells = [0.0; 8];
            for g in &all {
                let m = (0..3)
                    .filter(|&i| g[i] == words[i])
                    .map(|i| 1 << i)
                    .sum::<usize>();
                cells[m] += 1.0;
            }
            let (lambda, z) = lambda_z(&cells);
            assert!((row.lambda - lambda).abs() < 1e-12, "{}", row.collocation);
            assert!((row.z - z).abs() < 1e-12, "{}", row.collocation);
        }
        let bad = CollocationOptions { size: 4, ..o };
        assert!(collocations_with(&docs, &bad, "z").is_err());
    }

    #[test]
    fn full_counter_drops_the_rarest_and_says_so() {
        let docs: Vec<Vec<String>> = (0..50)
            .map(|i| vec!["x".into(), "y".into(), format!("w{i}"), format!("v{i}")])
            .collect();
        let o = CollocationOptions {
            min_count: 2,
            max_ngrams: 8,
            ..CollocationOptions::default()
        };
        // One thread, so that the counter's history is the documents' order.
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build();
        let got = pool
            .map(|p| p.install(|| collocations_with(&docs, &o, "count")))
            .ok()
            .and_then(Result::ok)
            .unwrap_or_default();
        assert!(got.dropped > 0);
        // "x y" is seen in every document: it outlives every pruning, exactly counted.
        let first = got.rows.first().map(|r| (r.collocation.as_str(), r.count));
        assert_eq!(first, Some(("x y", 50)));
        let exact =
            collocations_with(&docs, &CollocationOptions::default(), "count").unwrap_or_default();
        assert_eq!((exact.dropped, exact.rows[0].count), (0, 50));
    }

    #[test]
    fn what_a_full_counter_drops_does_not_depend_on_the_threads() {
        let docs: Vec<Vec<String>> = (0..3000)
            .map(|i| {
                let w = |s: &str| format!("{s}{}", i % 700);
                vec!["x".into(), "y".into(), w("w"), w("v"), format!("u{i}")]
            })
            .collect();
        let o = CollocationOptions {
            min_count: 2,
            max_ngrams: 4096,
            ..CollocationOptions::default()
        };
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
            pool.map(|p| p.install(|| collocations_with(&docs, &o, "count")))
                .ok()
                .and_then(Result::ok)
                .unwrap_or_default()
        };
        let one = run(1);
        assert!(one.dropped > 0 && !one.rows.is_empty());
        for threads in [2, 3, 8] {
            let got = run(threads);
            assert!(
                got == one,
                "{threads} threads: dropped {} vs {}",
                got.dropped,
                one.dropped
            );
        }
    }
}

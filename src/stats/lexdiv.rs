//! Lexical diversity, each measure as quanteda.textstats' `textstat_lexdiv`
//! defines it, plus MTLD and HD-D as McCarthy & Jarvis define them.
//!
//! N is the number of tokens, V the number of types, V(i, N) the number of
//! types that occur exactly i times, M2 = Σ i² V(i, N).

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Parameters of the windowed and sampled measures.
///
/// # Examples
///
/// ```
/// let o = textlens::LexdivOptions::default();
/// assert_eq!((o.window, o.segment, o.threshold, o.draws, o.log_base), (50, 100, 0.72, 42, 10.0));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LexdivOptions {
    /// MATTR's moving window, in tokens.
    pub window: usize,
    /// MSTTR's segment size, in tokens.
    pub segment: usize,
    /// MTLD's TTR threshold that ends a factor.
    pub threshold: f64,
    /// HD-D's sample size.
    pub draws: usize,
    /// Base of the logarithms in U, S, Maas (quanteda's `log.base`, 10).
    pub log_base: f64,
}

impl Default for LexdivOptions {
    fn default() -> Self {
        LexdivOptions {
            window: 50,
            segment: 100,
            threshold: 0.72,
            draws: 42,
            log_base: 10.0,
        }
    }
}

impl LexdivOptions {
    fn check(&self) -> Result<()> {
        if self.window == 0 {
            return Err(Error::invalid("window", "must be at least 1"));
        }
        if self.segment == 0 {
            return Err(Error::invalid("segment", "must be at least 1"));
        }
        if self.draws == 0 {
            return Err(Error::invalid("draws", "must be at least 1"));
        }
        if !(self.threshold > 0.0 && self.threshold < 1.0) {
            return Err(Error::invalid(
                "threshold",
                format!("{} is not between 0 and 1 (exclusive)", self.threshold),
            ));
        }
        if !(self.log_base > 0.0 && self.log_base != 1.0 && self.log_base.is_finite()) {
            return Err(Error::invalid(
                "log_base",
                format!("{} is not a positive number other than 1", self.log_base),
            ));
        }
        Ok(())
    }
}

/// The names of the lexical diversity measures, in the order
/// [`lexdiv_all`] returns them.
pub const LEXDIV_MEASURES: [&str; 17] = [
    "ttr", "c", "r", "cttr", "u", "s", "k", "i", "d", "vm", "maas", "lgv0", "lgev0", "mattr",
    "msttr", "mtld", "hdd",
];

/// Tokens as ids with their frequencies.
pub(crate) struct Counts {
    ids: Vec<u32>,
    /// Each type's count, by id.
    pub(crate) freq: Vec<u64>,
    /// The token index of each type's first occurrence, by id.
    pub(crate) first: Vec<usize>,
}

impl Counts {
    pub(crate) fn new<S: AsRef<str>>(tokens: &[S]) -> Counts {
        let mut index: FxHashMap<&str, u32> =
            FxHashMap::with_capacity_and_hasher(tokens.len() / 2, Default::default());
        let mut freq = Vec::new();
        let mut first = Vec::new();
        let ids = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let next = index.len() as u32;
                let id = *index.entry(t.as_ref()).or_insert(next);
                if id == next {
                    freq.push(0);
                    first.push(i);
                }
                freq[id as usize] += 1;
                id
            })
            .collect();
        Counts { ids, freq, first }
    }
    fn n(&self) -> f64 {
        self.ids.len() as f64
    }
    /// Distinct tokens.
    pub(crate) fn types(&self) -> usize {
        self.freq.len()
    }
    fn v(&self) -> f64 {
        self.freq.len() as f64
    }
    /// Σ i² V(i, N) = Σ over types of f².
    fn m2(&self) -> f64 {
        self.freq.iter().map(|&f| (f * f) as f64).sum()
    }
}

/// Mean TTR of the windows of `size` types, `step` apart (only full
/// windows; the whole text when it is shorter than one window).
fn windowed_ttr(ids: &[u32], types: usize, size: usize, moving: bool) -> f64 {
    if ids.is_empty() {
        return f64::NAN;
    }
    if ids.len() < size {
        let distinct = ids.iter().collect::<rustc_hash::FxHashSet<_>>().len();
        return distinct as f64 / ids.len() as f64;
    }
    let mut seen = vec![0u32; types];
    let mut distinct = 0usize;
    let (mut sum, mut windows) = (0.0, 0usize);
    if moving {
        for (i, &id) in ids.iter().enumerate() {
            seen[id as usize] += 1;
            if seen[id as usize] == 1 {
                distinct += 1;
            }
            if i >= size {
                let old = ids[i - size] as usize;
                seen[old] -= 1;
                if seen[old] == 0 {
                    distinct -= 1;
                }
            }
            if i + 1 >= size {
                sum += distinct as f64 / size as f64;
                windows += 1;
            }
        }
    } else {
        // `seen` holds the number of the last segment each type was seen in.
        for (k, chunk) in (1u32..).zip(ids.chunks_exact(size)) {
            let mut d = 0usize;
            for &id in chunk {
                if seen[id as usize] != k {
                    seen[id as usize] = k;
                    d += 1;
                }
            }
            sum += d as f64 / size as f64;
            windows += 1;
        }
    }
    sum / windows as f64
}

/// MTLD in one direction (McCarthy & Jarvis 2010): tokens per factor, a
/// factor ending where the running TTR falls to the threshold, plus a
/// partial factor for the remainder.
fn mtld_one(
    ids: impl Iterator<Item = u32>,
    n: f64,
    ttr_all: f64,
    threshold: f64,
    types: usize,
) -> f64 {
    let mut seen = vec![false; types];
    let mut touched: Vec<u32> = Vec::new();
    let (mut count, mut distinct, mut factors, mut ttr) = (0usize, 0usize, 0.0f64, 1.0f64);
    for id in ids {
        count += 1;
        if !seen[id as usize] {
            seen[id as usize] = true;
            touched.push(id);
            distinct += 1;
        }
        ttr = distinct as f64 / count as f64;
        if ttr <= threshold {
            count = 0;
            distinct = 0;
            for t in touched.drain(..) {
                seen[t as usize] = false;
            }
            factors += 1.0;
        }
    }
    if count > 0 {
        factors += (1.0 - ttr) / (1.0 - threshold);
    }
    if factors == 0.0 {
        factors = if ttr_all == 1.0 {
            1.0
        } else {
            (1.0 - ttr_all) / (1.0 - threshold)
        };
    }
    n / factors
}

/// HD-D (McCarthy & Jarvis 2007): Σ over types of the probability that the
/// type occurs in a random sample of `draws` tokens (hypergeometric), over
/// `draws`.
fn hdd(c: &Counts, draws: usize) -> f64 {
    let n = c.ids.len();
    if n < draws || n == 0 {
        return f64::NAN;
    }
    // Types of the same count share their probability: most counts are small.
    let mut by_count: FxHashMap<usize, f64> = FxHashMap::default();
    c.freq
        .iter()
        .map(|&f| {
            let f = f as usize;
            *by_count.entry(f).or_insert_with(|| {
                // P(X = 0) = C(N - f, d) / C(N, d) = Π_{k<d} (N - f - k) / (N - k).
                let p0: f64 = if n - f < draws {
                    0.0
                } else {
                    (0..draws)
                        .map(|k| (n - f - k) as f64 / (n - k) as f64)
                        .product()
                };
                (1.0 - p0) / draws as f64
            })
        })
        .sum()
}

fn measure(c: &Counts, name: &str, o: &LexdivOptions) -> f64 {
    let (n, v) = (c.n(), c.v());
    if c.ids.is_empty() {
        return f64::NAN;
    }
    let log = |x: f64| x.ln() / o.log_base.ln();
    match name {
        "ttr" => v / n,
        "c" => v.ln() / n.ln(),
        "r" => v / n.sqrt(),
        "cttr" => v / (2.0 * n).sqrt(),
        "u" => log(n).powi(2) / (log(n) - log(v)),
        "s" => log(log(v)) / log(log(n)),
        "k" => 1e4 * (c.m2() - n) / (n * n),
        "i" => v * v / (c.m2() - v),
        "d" => {
            c.freq
                .iter()
                .map(|&f| (f * f.saturating_sub(1)) as f64)
                .sum::<f64>()
                / (n * (n - 1.0))
        }
        "vm" => (c.freq.iter().map(|&f| (f as f64 / n).powi(2)).sum::<f64>() - 1.0 / v).sqrt(),
        "maas" => ((log(n) - log(v)) / log(n).powi(2)).sqrt(),
        "lgv0" => v.log10() / (1.0 - (v.log10() / n.log10()).powi(2)).sqrt(),
        "lgev0" => v.ln() / (1.0 - (v.ln() / n.ln()).powi(2)).sqrt(),
        "mattr" => windowed_ttr(&c.ids, c.freq.len(), o.window, true),
        "msttr" => windowed_ttr(&c.ids, c.freq.len(), o.segment, false),
        "mtld" => {
            let t = v / n;
            let types = c.freq.len();
            let fwd = mtld_one(c.ids.iter().copied(), n, t, o.threshold, types);
            let bwd = mtld_one(c.ids.iter().rev().copied(), n, t, o.threshold, types);
            (fwd + bwd) / 2.0
        }
        _ => hdd(c, o.draws),
    }
}

/// The named measures (checked names) of counted tokens, in order.
pub(crate) fn lexdiv_counts(c: &Counts, names: &[&str], options: &LexdivOptions) -> Vec<f64> {
    names.iter().map(|m| measure(c, m, options)).collect()
}

/// Check the options; the canonical names of `names`.
pub(crate) fn check_names(names: &[&str], options: &LexdivOptions) -> Result<Vec<&'static str>> {
    options.check()?;
    names.iter().map(|n| check_name(n)).collect()
}

fn check_name(name: &str) -> Result<&'static str> {
    let key = name.trim().to_ascii_lowercase();
    LEXDIV_MEASURES
        .iter()
        .find(|m| **m == key)
        .copied()
        .ok_or_else(|| {
            Error::invalid(
                "measure",
                format!(
                    "{name:?} is not a lexical diversity measure; known: {}",
                    LEXDIV_MEASURES.join(", ")
                ),
            )
        })
}

/// One lexical diversity measure of `tokens` (used verbatim: lower-case
/// them first if case should not matter).
///
/// Values are NaN where the definition divides by zero, and only there: no
/// tokens (every measure); one token (`c`, `u`, `s`, `d`, `maas`, `lgv0`,
/// `lgev0`: log N = 0 or N − 1 = 0); every token distinct (`u`, `i`,
/// `lgv0`, `lgev0` are infinite, `maas` 0); fewer tokens than `draws` (`hdd`).
/// MATTR and MSTTR of a text shorter than one window are its TTR.
///
/// # Errors
///
/// [`Error::InvalidOption`] for an unknown measure or an option out of range.
///
/// # Examples
///
/// ```
/// let toks = ["a", "rose", "is", "a", "rose", "is", "a", "rose"];
/// let o = textlens::LexdivOptions::default();
/// assert_eq!(textlens::lexdiv(&toks, "ttr", &o)?, 3.0 / 8.0);
/// assert!((textlens::lexdiv(&toks, "k", &o)? - 1e4 * (9.0 + 4.0 + 9.0 - 8.0) / 64.0).abs() < 1e-9);
/// # Ok::<(), textlens::Error>(())
/// ```
pub fn lexdiv<S: AsRef<str>>(tokens: &[S], name: &str, options: &LexdivOptions) -> Result<f64> {
    options.check()?;
    let name = check_name(name)?;
    Ok(measure(&Counts::new(tokens), name, options))
}

/// Every measure of [`LEXDIV_MEASURES`] on `tokens`, by name.
///
/// # Errors
///
/// [`Error::InvalidOption`] for an option out of range.
pub fn lexdiv_all<S: AsRef<str>>(
    tokens: &[S],
    options: &LexdivOptions,
) -> Result<Vec<(&'static str, f64)>> {
    let names = check_names(&LEXDIV_MEASURES, options)?;
    let values = lexdiv_counts(&Counts::new(tokens), &names, options);
    Ok(names.into_iter().zip(values).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(toks: &[&str], m: &str, o: &LexdivOptions) -> f64 {
        lexdiv(toks, m, o).unwrap_or(f64::NAN)
    }

    #[test]
    fn mattr_msttr_by_hand() {
        let toks = ["a", "b", "a", "c", "c"];
        let o = LexdivOptions {
            window: 2,
            segment: 2,
            ..LexdivOptions::default()
        };
        // windows ab ba ac cc: 1, 1, 1, 0.5
        assert!((get(&toks, "mattr", &o) - 3.5 / 4.0).abs() < 1e-12);
        // segments ab ac (c dropped): 1, 1
        assert_eq!(get(&toks, "msttr", &o), 1.0);
    }

    #[test]
    fn hdd_by_hand() {
        // N = 4, draws = 2: type a (f = 2): 1 - C(2,2)/C(4,2) = 5/6; b, c (f = 1): 1 - C(3,2)/C(4,2) = 1/2.
        let o = LexdivOptions {
            draws: 2,
            ..LexdivOptions::default()
        };
        let got = get(&["a", "a", "b", "c"], "hdd", &o);
        assert!((got - (5.0 / 6.0 + 0.5 + 0.5) / 2.0).abs() < 1e-12);
    }

    #[test]
    fn empty_is_nan_and_bad_options_are_errors() {
        let o = LexdivOptions::default();
        assert!(get(&[], "ttr", &o).is_nan());
        assert!(lexdiv(&["a"], "zzz", &o).is_err());
        let bad = LexdivOptions {
            threshold: 1.0,
            ..o
        };
        assert!(lexdiv(&["a"], "mtld", &bad).is_err());
    }
}

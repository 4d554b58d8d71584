//! Entropy of term distributions (quanteda's `textstat_entropy`) and the
//! dispersion of terms over parts of a corpus: Juilland's D and Gries' DP
//! (Gries 2008, "Dispersions and adjusted frequencies in corpora",
//! International Journal of Corpus Linguistics 13(4)).

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::error::{Error, Result};

/// Shannon entropy −Σ pᵢ log pᵢ of the distribution of `tokens` over their
/// types, logarithm to `base` (quanteda's `textstat_entropy`, which also
/// gives 0 for a part without tokens).
///
/// # Errors
///
/// `base` not positive, 1 or not finite.
///
/// # Examples
///
/// ```
/// use textlens::entropy;
///
/// // Four equally frequent types: 2 bits.
/// assert_eq!(entropy(&["a", "b", "c", "d", "a", "b", "c", "d"], 2.0).unwrap(), 2.0);
/// assert_eq!(entropy::<&str>(&[], 2.0).unwrap(), 0.0);
/// ```
pub fn entropy<S: AsRef<str>>(tokens: &[S], base: f64) -> Result<f64> {
    check_base(base)?;
    let mut counts: FxHashMap<&str, u64> = FxHashMap::default();
    for t in tokens {
        *counts.entry(t.as_ref()).or_insert(0) += 1;
    }
    let n = tokens.len() as f64;
    let h: f64 = counts
        .values()
        .map(|&c| {
            let p = c as f64 / n;
            -p * p.ln()
        })
        .sum();
    // + 0.0: a single type gives −1·ln 1 = −0.0.
    Ok(h / base.ln() + 0.0)
}

fn check_base(base: f64) -> Result<()> {
    if base.is_finite() && base > 0.0 && base != 1.0 {
        Ok(())
    } else {
        Err(Error::invalid(
            "base",
            format!("{base}: the logarithm base must be positive, finite and not 1"),
        ))
    }
}

/// How one term is spread over the parts (documents or groups) of a corpus.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Dispersion {
    /// The term as asked.
    pub term: String,
    /// Its occurrences f over all parts.
    pub frequency: u64,
    /// Parts in which it occurs at least once ("range").
    pub range: u64,
    /// Juilland's D = 1 − (σ(p) / mean(p)) / √(n − 1), p the term's
    /// relative frequency vᵢ / lᵢ in each of the n parts with tokens (σ the
    /// population standard deviation; Gries 2008 on parts of unequal size).
    /// 1 is perfectly even. NaN when the term never occurs or fewer than two
    /// parts have tokens.
    pub juilland_d: f64,
    /// Gries' DP = ½ Σ |vᵢ / f − sᵢ|, sᵢ the part's share of all tokens. 0 is
    /// perfectly even (the term's share in each part equals the part's
    /// size), values near 1 mean concentrated. NaN when the term never occurs.
    pub dp: f64,
    /// DP / (1 − min sᵢ), normalized to [0, 1] (Lijffijt & Gries 2012).
    /// NaN when the term never occurs or there is only one part with tokens.
    pub dp_norm: f64,
}

/// Dispersion of each of `terms` over `parts`, each part a token list; the
/// terms are matched verbatim. Parts without tokens are left out (their size
/// share is 0 and they cannot hold the term).
///
/// # Examples
///
/// ```
/// use textlens::dispersion;
///
/// let parts = vec![vec!["a", "b"], vec!["a", "b"], vec!["b", "b"]];
/// let d = dispersion(&parts, &["a", "b"]);
/// assert_eq!((d[0].frequency, d[0].range), (2, 2));
/// // a: v/f = (½, ½, 0), s = (⅓, ⅓, ⅓): DP = ½ (⅙ + ⅙ + ⅓) = ⅓
/// assert!((d[0].dp - 1.0 / 3.0).abs() < 1e-12);
/// // p = (½, ½, 0): mean ⅓, σ = √2/6, D = 1 − (√2/2)/√2 = ½
/// assert!((d[0].juilland_d - 0.5).abs() < 1e-12);
/// ```
pub fn dispersion<S: AsRef<str>, T: AsRef<str>>(parts: &[Vec<S>], terms: &[T]) -> Vec<Dispersion> {
    let mut index: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, t) in terms.iter().enumerate() {
        index.entry(t.as_ref()).or_insert(i);
    }
    let sizes: Vec<f64> = parts
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.len() as f64)
        .collect();
    let total: f64 = sizes.iter().sum();
    // counts[term][part], over the parts with tokens.
    let mut counts = vec![vec![0u64; sizes.len()]; terms.len()];
    for (j, part) in parts.iter().filter(|p| !p.is_empty()).enumerate() {
        for tok in part {
            if let Some(&i) = index.get(tok.as_ref()) {
                counts[i][j] += 1;
            }
        }
    }
    let n = sizes.len() as f64;
    let min_share = sizes.iter().fold(f64::INFINITY, |m, &l| m.min(l / total));
    terms
        .iter()
        .map(|t| {
            let row = &counts[index[t.as_ref()]];
            let f: u64 = row.iter().sum();
            let range = row.iter().filter(|&&v| v > 0).count() as u64;
            let (mut d, mut dp, mut dp_norm) = (f64::NAN, f64::NAN, f64::NAN);
            if f > 0 {
                let ff = f as f64;
                dp = 0.5
                    * row
                        .iter()
                        .zip(&sizes)
                        .map(|(&v, &l)| (v as f64 / ff - l / total).abs())
                        .sum::<f64>();
                if sizes.len() >= 2 {
                    dp_norm = dp / (1.0 - min_share);
                    let p: Vec<f64> = row
                        .iter()
                        .zip(&sizes)
                        .map(|(&v, &l)| v as f64 / l)
                        .collect();
                    let mean = p.iter().sum::<f64>() / n;
                    let var = p.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
                    d = 1.0 - (var.sqrt() / mean) / (n - 1.0).sqrt();
                }
            }
            Dispersion {
                term: t.as_ref().to_owned(),
                frequency: f,
                range,
                juilland_d: d,
                dp,
                dp_norm,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gries_2008_example() {
        // Gries 2008, §3: a corpus of 5 parts of sizes 9, 10, 10, 10, 11 and
        // a term "b" with frequencies 1, 2, 3, 4, 5 (f = 15).
        let mut parts: Vec<Vec<&str>> = Vec::new();
        for (len, v) in [(9, 1), (10, 2), (10, 3), (10, 4), (11, 5)] {
            let mut p = vec!["b"; v];
            p.resize(len, "x");
            parts.push(p);
        }
        let d = &dispersion(&parts, &["b"])[0];
        let total = 50.0_f64;
        let dp: f64 = [
            (1.0, 9.0),
            (2.0, 10.0),
            (3.0, 10.0),
            (4.0, 10.0),
            (5.0, 11.0),
        ]
        .iter()
        .map(|(v, l)| (v / 15.0 - l / total).abs())
        .sum::<f64>()
            / 2.0;
        assert!((d.dp - dp).abs() < 1e-12);
        assert!((d.dp_norm - dp / (1.0 - 9.0 / total)).abs() < 1e-12);
        assert_eq!((d.frequency, d.range), (15, 5));
    }

    #[test]
    fn even_and_absent_and_single_part() {
        let parts = vec![vec!["a", "b"], vec![], vec!["b", "a"]];
        let d = dispersion(&parts, &["a", "zzz"]);
        assert!(d[0].dp.abs() < 1e-12 && (d[0].juilland_d - 1.0).abs() < 1e-12);
        assert!(d[1].dp.is_nan() && d[1].juilland_d.is_nan() && d[1].frequency == 0);
        let one = dispersion(&[vec!["a"]], &["a"]);
        assert_eq!(one[0].dp, 0.0);
        assert!(one[0].juilland_d.is_nan() && one[0].dp_norm.is_nan());
        let none = dispersion::<&str, &str>(&[], &["a"]);
        assert!(none[0].dp.is_nan());
    }

    #[test]
    fn entropy_bases_and_bad_base() {
        let t = ["a", "a", "b"];
        let h2 = entropy(&t, 2.0).unwrap();
        let want = -(2.0 / 3.0 * (2.0f64 / 3.0).log2() + 1.0 / 3.0 * (1.0f64 / 3.0).log2());
        assert!((h2 - want).abs() < 1e-12);
        assert!((entropy(&t, std::f64::consts::E).unwrap() - want * 2f64.ln()).abs() < 1e-12);
        assert!(entropy(&t, 1.0).is_err() && entropy(&t, -2.0).is_err());
        assert!(entropy(&t, f64::NAN).is_err());
    }
}

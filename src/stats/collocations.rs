//! Bigram collocations scored by NLTK's association measures and by
//! quanteda's λ and z.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::error::{Error, Result};

/// NLTK's guard against log(0) and division by zero.
const SMALL: f64 = 1e-20;

/// One bigram and its scores.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Collocation {
    /// The two words, space-separated.
    pub collocation: String,
    /// Times the bigram occurs (within documents).
    pub count: u64,
    /// log2(n₁₂ N / (n₁ n₂)): NLTK's `BigramAssocMeasures.pmi`, N the number
    /// of words, n₁ and n₂ the words' counts.
    pub pmi: f64,
    /// PMI / −log2(n₁₂ / N) (Bouma 2009), in [−1, 1].
    pub npmi: f64,
    /// Log-likelihood ratio G², NLTK's `likelihood_ratio`.
    pub g2: f64,
    /// NLTK's `student_t`: (n₁₂ − n₁ n₂ / N) / √n₁₂.
    pub t: f64,
    /// Pearson's χ², NLTK's `chi_sq`.
    pub chi2: f64,
    /// quanteda's λ: the log odds ratio of the 2×2 table of adjacent pairs
    /// (first word w₁ or not × second word w₂ or not), each cell + 0.5.
    pub lambda: f64,
    /// quanteda's z: λ over its standard error √Σ 1/(n_ij + 0.5).
    pub z: f64,
}

/// Bigram collocations over documents given as token lists (bigrams never
/// span two documents), those occurring at least `min_count` times, sorted
/// by `measure` (`"pmi"`, `"npmi"`, `"g2"`, `"t"`, `"chi2"`, `"lambda"`,
/// `"z"` or `"count"`), highest first, ties by bigram.
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
pub fn collocations<D, S>(docs: &[D], min_count: u64, measure: &str) -> Result<Vec<Collocation>>
where
    D: AsRef<[S]> + Sync,
    S: AsRef<str> + Sync,
{
    const MEASURES: [&str; 8] = ["pmi", "npmi", "g2", "t", "chi2", "lambda", "z", "count"];
    let key = measure.trim().to_ascii_lowercase();
    if !MEASURES.contains(&key.as_str()) {
        return Err(Error::invalid(
            "measure",
            format!("{measure:?} is not one of {}", MEASURES.join(", ")),
        ));
    }
    if min_count == 0 {
        return Err(Error::invalid("min_count", "must be at least 1"));
    }
    type Counts<'a> = (FxHashMap<&'a str, u64>, FxHashMap<(&'a str, &'a str), u64>);
    let (words, pairs): Counts<'_> = docs
        .par_iter()
        .fold(Counts::default, |(mut w, mut p), doc| {
            let toks = doc.as_ref();
            for t in toks {
                *w.entry(t.as_ref()).or_default() += 1;
            }
            for pair in toks.windows(2) {
                *p.entry((pair[0].as_ref(), pair[1].as_ref())).or_default() += 1;
            }
            (w, p)
        })
        .reduce(Counts::default, |(mut w, mut p), (w2, p2)| {
            for (k, v) in w2 {
                *w.entry(k).or_default() += v;
            }
            for (k, v) in p2 {
                *p.entry(k).or_default() += v;
            }
            (w, p)
        });
    let n = words.values().sum::<u64>() as f64;
    // Positional marginals for λ and z: how often a word starts / ends a pair.
    let (mut first, mut second): (FxHashMap<&str, u64>, FxHashMap<&str, u64>) = Default::default();
    let mut b = 0u64;
    for (&(a, c), &k) in &pairs {
        *first.entry(a).or_default() += k;
        *second.entry(c).or_default() += k;
        b += k;
    }
    let mut out: Vec<Collocation> = pairs
        .iter()
        .filter(|(_, &k)| k >= min_count)
        .map(|(&(a, c), &k)| {
            let n_ii = k as f64;
            let (n_ix, n_xi) = (words[a] as f64, words[c] as f64);
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
            let f1 = first[a] as f64;
            let s2 = second[c] as f64;
            let cells = [n_ii, f1 - n_ii, s2 - n_ii, b as f64 - f1 - s2 + n_ii].map(|x| x + 0.5);
            let lambda = cells[0].ln() + cells[3].ln() - cells[1].ln() - cells[2].ln();
            let se = cells.iter().map(|x| 1.0 / x).sum::<f64>().sqrt();
            Collocation {
                collocation: format!("{a} {c}"),
                count: k,
                pmi,
                npmi,
                g2: 2.0 * g2,
                t,
                chi2,
                lambda,
                z: lambda / se,
            }
        })
        .collect();
    let score = |c: &Collocation| match key.as_str() {
        "pmi" => c.pmi,
        "npmi" => c.npmi,
        "g2" => c.g2,
        "t" => c.t,
        "chi2" => c.chi2,
        "lambda" => c.lambda,
        "z" => c.z,
        _ => c.count as f64,
    };
    out.sort_by(|x, y| {
        score(y)
            .total_cmp(&score(x))
            .then_with(|| x.collocation.cmp(&y.collocation))
    });
    Ok(out)
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
}

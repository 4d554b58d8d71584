//! Comparing groups of documents: grouped counts, frequency tables and
//! keyness (the terms that distinguish a target from a reference), as
//! quanteda's `dfm_group`, `textstat_frequency` and `textstat_keyness` do.
//!
//! The formulas and conventions are in the docs of [`keyness`].

use std::str::FromStr;

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::matrix::corpus::Corpus;
use crate::matrix::sparse::CsrMatrix;

/// In which order the groups come.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupOrder {
    /// In the order their first document appears (the default).
    #[default]
    FirstAppearance,
    /// Sorted by label (byte order), as quanteda's factor levels.
    Sorted,
}

/// A partition of documents into labelled groups.
///
/// # Examples
///
/// ```
/// use textlens::{GroupOrder, Groups};
///
/// let g = Groups::new(&["tass", "ard", "tass"], GroupOrder::FirstAppearance);
/// assert_eq!(g.labels(), ["tass", "ard"]);
/// assert_eq!(g.of_doc(), [0, 1, 0]);
/// let s = Groups::new(&["tass", "ard", "tass"], GroupOrder::Sorted);
/// assert_eq!(s.labels(), ["ard", "tass"]);
/// assert_eq!(s.of_doc(), [1, 0, 1]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Groups {
    labels: Vec<String>,
    of_doc: Vec<usize>,
}

impl Groups {
    /// Groups from one label per document.
    pub fn new<S: AsRef<str>>(keys: &[S], order: GroupOrder) -> Groups {
        let mut at: HashMap<&str, usize> = HashMap::default();
        let mut labels: Vec<String> = Vec::new();
        let mut of_doc: Vec<usize> = keys
            .iter()
            .map(|k| {
                let k = k.as_ref();
                *at.entry(k).or_insert_with(|| {
                    labels.push(k.to_owned());
                    labels.len() - 1
                })
            })
            .collect();
        if order == GroupOrder::Sorted {
            let mut order: Vec<usize> = (0..labels.len()).collect();
            order.sort_by(|&x, &y| labels[x].cmp(&labels[y]));
            let mut remap = vec![0; labels.len()];
            for (new, &old) in order.iter().enumerate() {
                remap[old] = new;
            }
            of_doc.iter_mut().for_each(|g| *g = remap[*g]);
            labels = order.iter().map(|&old| labels[old].clone()).collect();
        }
        Groups { labels, of_doc }
    }

    /// The group labels, in group order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The group of each document.
    pub fn of_doc(&self) -> &[usize] {
        &self.of_doc
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether there are no groups (no documents).
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The documents of each group, in document order.
    pub fn members(&self) -> Vec<Vec<usize>> {
        let mut m = vec![Vec::new(); self.labels.len()];
        for (doc, &g) in self.of_doc.iter().enumerate() {
            m[g].push(doc);
        }
        m
    }

    fn check(&self, corpus: &Corpus) -> Result<()> {
        if self.of_doc.len() != corpus.len() {
            return Err(Error::invalid(
                "groups",
                format!(
                    "has {} labels for {} documents",
                    self.of_doc.len(),
                    corpus.len()
                ),
            ));
        }
        Ok(())
    }
}

/// The corpus with one row per group: the sum of its documents' counts
/// (quanteda's `dfm_group`). Terms are unchanged; rows follow
/// [`Groups::labels`].
///
/// # Errors
///
/// [`Error::InvalidOption`] when `groups` does not have one label per document.
///
/// # Examples
///
/// ```
/// use textlens::{group_counts, Corpus, GroupOrder, Groups};
///
/// let docs = vec![vec!["a".into(), "b".into()], vec!["b".into()], vec!["a".into()]];
/// let c = Corpus::from_terms(docs);
/// let g = Groups::new(&["x", "y", "x"], GroupOrder::FirstAppearance);
/// let grouped = group_counts(&c, &g)?;
/// assert_eq!(grouped.len(), 2);
/// assert_eq!(grouped.counts().row(0).collect::<Vec<_>>(), [(0, 2.0), (1, 1.0)]);
/// assert_eq!(grouped.counts().row(1).collect::<Vec<_>>(), [(1, 1.0)]);
/// # Ok::<(), textlens::Error>(())
/// ```
pub fn group_counts(corpus: &Corpus, groups: &Groups) -> Result<Corpus> {
    groups.check(corpus)?;
    let n_terms = corpus.terms().len();
    let mut sums = vec![0.0f64; n_terms];
    let mut touched: Vec<u32> = Vec::new();
    let mut counts = CsrMatrix::new(n_terms);
    for docs in groups.members() {
        for &doc in &docs {
            for (c, v) in corpus.counts().row(doc) {
                if sums[c as usize] == 0.0 {
                    touched.push(c);
                }
                sums[c as usize] += v;
            }
        }
        touched.sort_unstable();
        counts.push_row(touched.iter().map(|&c| (c, sums[c as usize])));
        touched.iter().for_each(|&c| sums[c as usize] = 0.0);
        touched.clear();
    }
    Ok(Corpus::from_parts(corpus.terms().to_vec(), counts))
}

/// One row of a frequency table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FrequencyRow {
    /// The term.
    pub term: String,
    /// Its count in the group.
    pub frequency: u64,
    /// 1 for the most frequent term of the group; ties share the lowest rank
    /// (R's `ties.method = "min"`, quanteda's default: 11, 10, 10 rank 1, 2, 2).
    pub rank: u64,
    /// In how many of the group's documents it occurs.
    pub docfreq: u64,
    /// The group's label (`"all"` without groups, as quanteda).
    pub group: String,
}

/// quanteda's `textstat_frequency`: for each group (in group order), the
/// terms that occur in it, most frequent first (ties: column order, that is
/// alphabetical), at most `n` of them.
///
/// # Errors
///
/// [`Error::InvalidOption`] when `groups` does not have one label per document.
///
/// # Examples
///
/// ```
/// use textlens::{frequencies, Corpus};
///
/// let docs = ["a a b b c d", "a d d d", "a a a"]
///     .iter()
///     .map(|t| t.split(' ').map(String::from).collect())
///     .collect();
/// let c = Corpus::from_terms(docs);
/// let rows = frequencies(&c, None, None)?;
/// let table: Vec<_> = rows.iter().map(|r| (r.term.as_str(), r.frequency, r.rank, r.docfreq)).collect();
/// assert_eq!(table, [("a", 6, 1, 3), ("d", 4, 2, 2), ("b", 2, 3, 1), ("c", 1, 4, 1)]);
/// assert_eq!(rows[0].group, "all");
/// # Ok::<(), textlens::Error>(())
/// ```
pub fn frequencies(
    corpus: &Corpus,
    groups: Option<&Groups>,
    n: Option<usize>,
) -> Result<Vec<FrequencyRow>> {
    let all;
    let groups = match groups {
        Some(g) => {
            g.check(corpus)?;
            g
        }
        None => {
            all = Groups {
                labels: vec!["all".to_owned()],
                of_doc: vec![0; corpus.len()],
            };
            &all
        }
    };
    let n_terms = corpus.terms().len();
    let mut freq = vec![0.0f64; n_terms];
    let mut df = vec![0u64; n_terms];
    let mut touched: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for (label, docs) in groups.labels.iter().zip(groups.members()) {
        for &doc in &docs {
            for (c, v) in corpus.counts().row(doc) {
                let c = c as usize;
                if df[c] == 0 {
                    touched.push(c);
                }
                freq[c] += v;
                df[c] += u64::from(v > 0.0);
            }
        }
        touched.sort_unstable_by(|&x, &y| freq[y].total_cmp(&freq[x]).then(x.cmp(&y)));
        let mut rank = 0;
        for (i, &c) in touched.iter().enumerate() {
            if i == 0 || freq[c] != freq[touched[i - 1]] {
                rank = i as u64 + 1;
            }
            if n.is_some_and(|n| i >= n) {
                break;
            }
            out.push(FrequencyRow {
                term: corpus.terms()[c].clone(),
                frequency: freq[c].round() as u64,
                rank,
                docfreq: df[c],
                group: label.clone(),
            });
        }
        touched.iter().for_each(|&c| {
            freq[c] = 0.0;
            df[c] = 0;
        });
        touched.clear();
    }
    Ok(out)
}

/// A keyness statistic.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Pearson's χ² (optionally with Yates' correction), signed.
    #[default]
    Chi2,
    /// Log-likelihood ratio G², signed.
    G2,
    /// Pointwise mutual information of term and target (natural log).
    Pmi,
    /// Binary log of the ratio of relative frequencies, 0.5-smoothed.
    LogRatio,
    /// %DIFF: percentage difference of relative frequencies.
    PctDiff,
    /// z-score of the log-odds ratio with an informative Dirichlet prior.
    LogOdds,
}

impl Measure {
    /// The measure's name (also its column name in the Python tables).
    pub fn name(self) -> &'static str {
        match self {
            Measure::Chi2 => "chi2",
            Measure::G2 => "g2",
            Measure::Pmi => "pmi",
            Measure::LogRatio => "log_ratio",
            Measure::PctDiff => "pct_diff",
            Measure::LogOdds => "log_odds",
        }
    }
}

/// `"chi2"`, `"g2"` (or `"lr"`, `"log_likelihood"`), `"pmi"`, `"log_ratio"`,
/// `"pct_diff"`, `"log_odds"`.
impl FromStr for Measure {
    type Err = Error;

    fn from_str(s: &str) -> Result<Measure> {
        Ok(match s {
            "chi2" => Measure::Chi2,
            "g2" | "lr" | "log_likelihood" => Measure::G2,
            "pmi" => Measure::Pmi,
            "log_ratio" => Measure::LogRatio,
            "pct_diff" => Measure::PctDiff,
            "log_odds" => Measure::LogOdds,
            other => {
                return Err(Error::invalid(
                    "measure",
                    format!("{other:?} is not one of 'chi2', 'g2', 'lr', 'log_likelihood', 'pmi', 'log_ratio', 'pct_diff', 'log_odds'"),
                ))
            }
        })
    }
}

/// How to compute keyness.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeynessOptions {
    /// The statistic to report and sort by.
    pub measure: Measure,
    /// Yates' continuity correction for χ² (other measures ignore it).
    pub correction: bool,
    /// For `log_odds`: the prior counts are this times the prior corpus's counts.
    pub prior_scale: f64,
}

impl Default for KeynessOptions {
    fn default() -> Self {
        KeynessOptions {
            measure: Measure::Chi2,
            correction: true,
            prior_scale: 1.0,
        }
    }
}

/// The 2×2 table of one term; see [`keyness`] for the formulas.
///
/// # Examples
///
/// ```
/// use textlens::Contingency;
///
/// let t = Contingency { a: 10.0, b: 5.0, c: 90.0, d: 195.0 };
/// // |O − E| = 5 in every cell; E = 5, 10, 95, 190.
/// assert!((t.chi2(false) - 150.0 / 19.0).abs() < 1e-12);
/// assert_eq!(t.sign(), 1);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contingency {
    /// The term in the target.
    pub a: f64,
    /// The term in the reference.
    pub b: f64,
    /// Other terms in the target.
    pub c: f64,
    /// Other terms in the reference.
    pub d: f64,
}

impl Contingency {
    fn cells(&self) -> [(f64, f64); 4] {
        let (a, b, c, d) = (self.a, self.b, self.c, self.d);
        let n = a + b + c + d;
        let (nt, nr, term, other) = (a + c, b + d, a + b, c + d);
        [
            (a, term * nt / n),
            (b, term * nr / n),
            (c, other * nt / n),
            (d, other * nr / n),
        ]
    }

    /// Pearson's χ² (unsigned), with Yates' correction when `yates`; 0 when
    /// an expected count is 0 (a margin is empty).
    pub fn chi2(&self, yates: bool) -> f64 {
        let cells = self.cells();
        if cells.iter().any(|&(_, e)| e <= 0.0) {
            return 0.0;
        }
        cells
            .iter()
            .map(|&(o, e)| {
                let diff = (o - e).abs();
                let diff = if yates { diff - diff.min(0.5) } else { diff };
                diff * diff / e
            })
            .sum()
    }

    /// The log-likelihood ratio G² (unsigned, no correction).
    pub fn g2(&self) -> f64 {
        let cells = self.cells();
        if cells.iter().any(|&(_, e)| e <= 0.0) {
            return 0.0;
        }
        let g: f64 = cells
            .iter()
            .map(|&(o, e)| if o > 0.0 { o * (o / e).ln() } else { 0.0 })
            .sum();
        (2.0 * g).max(0.0)
    }

    /// `ln(a / E_a)`.
    pub fn pmi(&self) -> f64 {
        let [(a, ea), ..] = self.cells();
        (a / ea).ln()
    }

    /// `log2(((a + 0.5) / n_t) / ((b + 0.5) / n_r))`.
    pub fn log_ratio(&self) -> f64 {
        let (nt, nr) = (self.a + self.c, self.b + self.d);
        (((self.a + 0.5) / nt) / ((self.b + 0.5) / nr)).log2()
    }

    /// `100 (a / n_t − b / n_r) / (b / n_r)`.
    pub fn pct_diff(&self) -> f64 {
        let ft = self.a / (self.a + self.c);
        let fr = self.b / (self.b + self.d);
        if fr == 0.0 {
            return if ft > 0.0 { f64::INFINITY } else { f64::NAN };
        }
        100.0 * (ft - fr) / fr
    }

    /// Monroe et al.'s z-score with prior count `alpha_w` for this term and
    /// `alpha_0` in all.
    pub fn log_odds_z(&self, alpha_w: f64, alpha_0: f64) -> f64 {
        let (a, b) = (self.a, self.b);
        let (nt, nr) = (self.a + self.c, self.b + self.d);
        let delta = ((a + alpha_w) / (nt + alpha_0 - a - alpha_w)).ln()
            - ((b + alpha_w) / (nr + alpha_0 - b - alpha_w)).ln();
        let var = 1.0 / (a + alpha_w) + 1.0 / (b + alpha_w);
        delta / var.sqrt()
    }

    /// +1 when `a / n_t > b / n_r`, −1 when lower, 0 when equal.
    pub fn sign(&self) -> i8 {
        let lhs = self.a * (self.b + self.d);
        let rhs = self.b * (self.a + self.c);
        match lhs.partial_cmp(&rhs) {
            Some(std::cmp::Ordering::Greater) => 1,
            Some(std::cmp::Ordering::Less) => -1,
            _ => 0,
        }
    }
}

/// The upper tail of the χ² distribution with one degree of freedom.
///
/// # Examples
///
/// ```
/// assert!((textlens::chi2_sf(3.841_458_820_694_124) - 0.05).abs() < 1e-12);
/// ```
pub fn chi2_sf(x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    libm::erfc((x / 2.0).sqrt())
}

/// One term's keyness.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyTerm {
    /// The term.
    pub term: String,
    /// Its count in the target (`a`).
    pub n_target: u64,
    /// Its count in the reference (`b`).
    pub n_reference: u64,
    /// The chosen measure (χ² and G² signed by `sign`).
    pub statistic: f64,
    /// Its p-value (χ², G², log-odds z); NaN for pmi, log ratio and %DIFF.
    pub p: f64,
    /// +1 over-represented in the target, −1 under-represented, 0 neither.
    pub sign: i8,
}

/// Keyness of every term that occurs in the target or the reference, sorted
/// by the statistic, descending (NaN last; ties in term order).
///
/// `target` and `reference` are counts in `terms` order; `prior` (same
/// order) is the corpus for the log-odds prior, the sum of target and
/// reference when `None`.
///
/// # Conventions
///
/// For a term, the 2×2 table is `a` = the term in the target, `b` = the term
/// in the reference, `c` = other terms in the target, `d` = other terms in the
/// reference; `n_t = a + c`, `n_r = b + d`, `N = n_t + n_r`, and the expected
/// counts are `E_ij = row_i · column_j / N`.
///
/// * `chi2`: Pearson's χ² over the four cells; with Yates' correction each
///   `|O − E|` is reduced by `min(0.5, |O − E|)` (what
///   `scipy.stats.chi2_contingency(table)` does).
/// * `g2`: the log-likelihood ratio `G² = 2 Σ O ln(O / E)` (`0 ln 0 = 0`), no
///   Williams correction (`chi2_contingency(table, lambda_="log-likelihood",
///   correction=False)`).
/// * p-values of χ² and G²: the χ² distribution with 1 degree of freedom,
///   `p = erfc(√(x / 2))` with `erfc` from the `libm` crate.
/// * `pmi`: `ln(a / E_a) = ln(a N / ((a + b) n_t))`, −∞ when `a = 0`.
/// * `log_ratio`: `log2(((a + 0.5) / n_t) / ((b + 0.5) / n_r))`: 0.5 is added
///   to both counts, always (Hardie's Log Ratio replaces only zeros).
/// * `pct_diff`: `100 (a / n_t − b / n_r) / (b / n_r)`, +∞ when `b = 0`
///   (Gabrielatos & Marchi's %DIFF on relative frequencies).
/// * `log_odds`: the z-score of the log-odds ratio with an informative
///   Dirichlet prior (Monroe, Colaresi & Quinn 2008, eq. 22 and 24): prior
///   counts `α_w = prior_scale · y_w` where `y_w` is the term's count in the
///   prior corpus (by default the target plus the reference), `α_0 = Σ α_w`;
///   `δ = ln((a + α_w) / (n_t + α_0 − a − α_w)) − ln((b + α_w) / (n_r + α_0 − b − α_w))`,
///   `σ² = 1 / (a + α_w) + 1 / (b + α_w)`, `z = δ / σ`, two-sided normal
///   `p = erfc(|z| / √2)`.
///
/// `sign` is +1 when the term's relative frequency is higher in the target
/// than in the reference (`a / n_t > b / n_r`), −1 when lower, 0 when equal;
/// χ² and G² are reported signed by it (as quanteda does), so sorting by the
/// statistic, descending, puts the over-represented terms first and the
/// under-represented last.
///
/// # Errors
///
/// [`Error::InvalidOption`] for lengths that differ from `terms`, an empty
/// target or reference, or a `prior_scale` that is not positive.
///
/// # Examples
///
/// ```
/// use textlens::{keyness, KeynessOptions, Measure};
///
/// let terms = ["kremlin".to_string(), "peace".into(), "the".into()];
/// let opts = KeynessOptions { measure: Measure::G2, ..KeynessOptions::default() };
/// let rows = keyness(&terms, &[30, 2, 68], &[5, 20, 175], None, &opts)?;
/// assert_eq!(rows[0].term, "kremlin");
/// assert_eq!(rows[0].sign, 1);
/// assert_eq!(rows.last().map(|r| r.sign), Some(-1));
/// # Ok::<(), textlens::Error>(())
/// ```
pub fn keyness(
    terms: &[String],
    target: &[u64],
    reference: &[u64],
    prior: Option<&[u64]>,
    options: &KeynessOptions,
) -> Result<Vec<KeyTerm>> {
    let n = terms.len();
    if target.len() != n || reference.len() != n || prior.is_some_and(|p| p.len() != n) {
        return Err(Error::invalid(
            "target/reference",
            "counts must have one entry per term",
        ));
    }
    let nt: u64 = target.iter().sum();
    let nr: u64 = reference.iter().sum();
    if nt == 0 {
        return Err(Error::invalid("target", "has no terms (empty target)"));
    }
    if nr == 0 {
        return Err(Error::invalid(
            "reference",
            "has no terms (empty reference)",
        ));
    }
    let scale = options.prior_scale;
    if !(scale.is_finite() && scale > 0.0) {
        return Err(Error::invalid(
            "prior_scale",
            format!("must be a positive number, got {scale}"),
        ));
    }
    let prior_of = |i: usize| match prior {
        Some(p) => p[i] as f64,
        None => (target[i] + reference[i]) as f64,
    };
    let alpha_0 = scale * (0..n).map(prior_of).sum::<f64>();
    let mut rows: Vec<KeyTerm> = (0..n)
        .filter(|&i| target[i] + reference[i] > 0)
        .map(|i| {
            let (a, b) = (target[i], reference[i]);
            let t = Contingency {
                a: a as f64,
                b: b as f64,
                c: (nt - a) as f64,
                d: (nr - b) as f64,
            };
            let sign = t.sign();
            let signed = |x: f64| if sign < 0 { -x } else { x };
            let (statistic, p) = match options.measure {
                Measure::Chi2 => {
                    let x = t.chi2(options.correction);
                    (signed(x), chi2_sf(x))
                }
                Measure::G2 => {
                    let x = t.g2();
                    (signed(x), chi2_sf(x))
                }
                Measure::Pmi => (t.pmi(), f64::NAN),
                Measure::LogRatio => (t.log_ratio(), f64::NAN),
                Measure::PctDiff => (t.pct_diff(), f64::NAN),
                Measure::LogOdds => {
                    let z = t.log_odds_z(scale * prior_of(i), alpha_0);
                    (z, libm::erfc(z.abs() / std::f64::consts::SQRT_2))
                }
            };
            KeyTerm {
                term: terms[i].clone(),
                n_target: a,
                n_reference: b,
                statistic,
                p,
                sign,
            }
        })
        .collect();
    let key = |x: f64| if x.is_nan() { f64::NEG_INFINITY } else { x };
    rows.sort_by(|x, y| key(y.statistic).total_cmp(&key(x.statistic)));
    Ok(rows)
}

/// What a target is compared with.
#[derive(Clone, Copy, Debug)]
pub enum Reference<'a> {
    /// Every document not in the target.
    Rest,
    /// These documents (a mask, one entry per document; disjoint from the target).
    Documents(&'a [bool]),
    /// External counts, term → count: terms missing from the corpus are
    /// added (with 0 in the target).
    Counts(&'a [(String, u64)]),
}

/// Sum of the counts of the documents where `mask` is true, per term.
fn masked_sums(corpus: &Corpus, mask: &[bool]) -> Vec<u64> {
    let mut sums = vec![0u64; corpus.terms().len()];
    for (doc, _) in mask.iter().enumerate().filter(|(_, &m)| m) {
        for (c, v) in corpus.counts().row(doc) {
            sums[c as usize] += v.round() as u64;
        }
    }
    sums
}

/// [`keyness`] of the documents where `target` is true against `reference`;
/// the log-odds prior is the whole corpus (plus the external counts).
///
/// # Errors
///
/// [`Error::InvalidOption`] for a mask of the wrong length, overlapping
/// target and reference documents, an empty target or reference, or as
/// [`keyness`].
///
/// # Examples
///
/// ```
/// use textlens::{corpus_keyness, Corpus, KeynessOptions, Reference};
///
/// let docs = ["putin xi kremlin", "kremlin kremlin putin", "peace talks xi", "talks weather"]
///     .iter()
///     .map(|t| t.split(' ').map(String::from).collect())
///     .collect();
/// let c = Corpus::from_terms(docs);
/// let rows = corpus_keyness(&c, &[true, true, false, false], Reference::Rest, &KeynessOptions::default())?;
/// assert_eq!((rows[0].term.as_str(), rows[0].n_target, rows[0].n_reference), ("kremlin", 3, 0));
/// # Ok::<(), textlens::Error>(())
/// ```
pub fn corpus_keyness(
    corpus: &Corpus,
    target: &[bool],
    reference: Reference<'_>,
    options: &KeynessOptions,
) -> Result<Vec<KeyTerm>> {
    let n_docs = corpus.len();
    let check_len = |name: &'static str, mask: &[bool]| {
        if mask.len() != n_docs {
            return Err(Error::invalid(
                name,
                format!("mask has {} entries for {n_docs} documents", mask.len()),
            ));
        }
        if !mask.iter().any(|&m| m) {
            return Err(Error::invalid(name, "selects no document"));
        }
        Ok(())
    };
    check_len("target", target)?;
    let whole = corpus.term_counts();
    let t = masked_sums(corpus, target);
    match reference {
        Reference::Rest => {
            let rest: Vec<bool> = target.iter().map(|&m| !m).collect();
            if !rest.iter().any(|&m| m) {
                return Err(Error::invalid(
                    "reference",
                    "is empty: the target is every document",
                ));
            }
            let r = masked_sums(corpus, &rest);
            keyness(corpus.terms(), &t, &r, Some(&whole), options)
        }
        Reference::Documents(mask) => {
            check_len("reference", mask)?;
            if target.iter().zip(mask).any(|(&x, &y)| x && y) {
                return Err(Error::invalid(
                    "reference",
                    "shares documents with the target",
                ));
            }
            let r = masked_sums(corpus, mask);
            keyness(corpus.terms(), &t, &r, Some(&whole), options)
        }
        Reference::Counts(counts) => {
            let mut terms = corpus.terms().to_vec();
            let mut t = t;
            let mut r = vec![0u64; terms.len()];
            let mut prior = whole;
            let mut extra: HashMap<&str, usize> = HashMap::default();
            for (term, n) in counts {
                let col = match corpus.column(term) {
                    Some(col) => col,
                    None => *extra.entry(term.as_str()).or_insert_with(|| {
                        terms.push(term.clone());
                        t.push(0);
                        r.push(0);
                        prior.push(0);
                        terms.len() - 1
                    }),
                };
                r[col] += n;
                prior[col] += n;
            }
            keyness(&terms, &t, &r, Some(&prior), options)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(texts: &[&str]) -> Corpus {
        Corpus::from_terms(
            texts
                .iter()
                .map(|t| t.split_whitespace().map(String::from).collect())
                .collect(),
        )
    }

    fn close(x: f64, y: f64) -> bool {
        (x - y).abs() <= 1e-10 * y.abs().max(1.0)
    }

    // a=10 b=5 c=90 d=195: N=300, E_a = 15*100/300 = 5, E_b = 10, E_c = 95, E_d = 190.
    const T: Contingency = Contingency {
        a: 10.0,
        b: 5.0,
        c: 90.0,
        d: 195.0,
    };

    #[test]
    fn chi2_by_hand() {
        // |O − E| = 5 in every cell: 25/5 + 25/10 + 25/95 + 25/190.
        let plain = 25.0 / 5.0 + 25.0 / 10.0 + 25.0 / 95.0 + 25.0 / 190.0;
        assert!(close(T.chi2(false), plain));
        let yates = 4.5f64.powi(2) * (1.0 / 5.0 + 1.0 / 10.0 + 1.0 / 95.0 + 1.0 / 190.0);
        assert!(close(T.chi2(true), yates));
        // The correction never overshoots: O = E stays 0.
        let even = Contingency {
            a: 1.0,
            b: 2.0,
            c: 9.0,
            d: 18.0,
        };
        assert_eq!(even.chi2(true), 0.0);
        assert_eq!(even.sign(), 0);
    }

    #[test]
    fn g2_pmi_ratio_pctdiff_by_hand() {
        let g = 2.0
            * (10.0 * 2f64.ln()
                + 5.0 * 0.5f64.ln()
                + 90.0 * (90.0f64 / 95.0).ln()
                + 195.0 * (195.0f64 / 190.0).ln());
        assert!(close(T.g2(), g));
        assert!(close(T.pmi(), 2f64.ln()));
        assert!(close(
            T.log_ratio(),
            ((10.5f64 / 100.0) / (5.5 / 200.0)).log2()
        ));
        // 0.10 vs 0.025: +300 %.
        assert!(close(T.pct_diff(), 300.0));
        assert_eq!(T.sign(), 1);
    }

    #[test]
    fn log_odds_by_hand() {
        // Prior = the two columns summed, scale 1: alpha_w = 15, alpha_0 = 300.
        let delta =
            (25.0f64 / (100.0 + 300.0 - 25.0)).ln() - (20.0f64 / (200.0 + 300.0 - 20.0)).ln();
        let z = delta / (1.0 / 25.0 + 1.0 / 20.0f64).sqrt();
        assert!(close(T.log_odds_z(15.0, 300.0), z));
    }

    #[test]
    fn chi2_p_values() {
        assert_eq!(chi2_sf(0.0), 1.0);
        assert!(close(chi2_sf(1.0), 0.317_310_507_862_914_1));
        assert!(close(chi2_sf(6.634_896_601_021_214), 0.01));
    }

    #[test]
    fn keyness_sorts_signs_and_rejects_empty_sides() {
        let terms: Vec<String> = ["a", "b", "c", "z"].map(String::from).to_vec();
        let rows = keyness(
            &terms,
            &[10, 0, 90, 0],
            &[5, 5, 190, 0],
            None,
            &KeynessOptions::default(),
        )
        .unwrap();
        assert_eq!(rows.len(), 3, "terms in neither side are left out");
        assert_eq!(rows[0].term, "a");
        assert!(rows[0].statistic > 0.0 && rows[0].sign == 1);
        assert!(rows.windows(2).all(|w| w[0].statistic >= w[1].statistic));
        assert_eq!(
            rows.iter().find(|r| r.term == "b").map(|r| r.sign),
            Some(-1)
        );
        let opts = KeynessOptions::default();
        assert!(keyness(&terms, &[0; 4], &[1; 4], None, &opts).is_err());
        assert!(keyness(&terms, &[1; 4], &[0; 4], None, &opts).is_err());
        assert!(keyness(&terms, &[1; 3], &[1; 4], None, &opts).is_err());
        let bad = KeynessOptions {
            prior_scale: 0.0,
            ..opts
        };
        assert!(keyness(&terms, &[1; 4], &[1; 4], None, &bad).is_err());
        assert!("nope".parse::<Measure>().is_err());
        assert_eq!("lr".parse::<Measure>().unwrap(), Measure::G2);
    }

    #[test]
    fn groups_and_frequencies_like_quanteda() {
        // quanteda.textstats' own test: groups one/two/one.
        let c = corpus(&["a a b b c d", "a d d d", "a a a"]);
        let g = Groups::new(&["one", "two", "one"], GroupOrder::FirstAppearance);
        let rows = frequencies(&c, Some(&g), None).unwrap();
        let got: Vec<_> = rows
            .iter()
            .map(|r| {
                (
                    r.group.as_str(),
                    r.term.as_str(),
                    r.frequency,
                    r.rank,
                    r.docfreq,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("one", "a", 5, 1, 2),
                ("one", "b", 2, 2, 1),
                ("one", "c", 1, 3, 1),
                ("one", "d", 1, 3, 1),
                ("two", "d", 3, 1, 1),
                ("two", "a", 1, 2, 1),
            ]
        );
        let top = frequencies(&c, Some(&g), Some(1)).unwrap();
        assert_eq!(top.len(), 2);
        let grouped = group_counts(&c, &g).unwrap();
        assert_eq!(grouped.term_counts(), c.term_counts());
        assert_eq!(grouped.len(), 2);
        let short = Groups::new(&["x"], GroupOrder::Sorted);
        assert!(group_counts(&c, &short).is_err());
        assert!(frequencies(&c, Some(&short), None).is_err());
    }

    #[test]
    fn corpus_keyness_references() {
        let c = corpus(&["k k p", "k p", "q p", "q q"]);
        let target = [true, true, false, false];
        let opts = KeynessOptions::default();
        let rest = corpus_keyness(&c, &target, Reference::Rest, &opts).unwrap();
        let docs = corpus_keyness(
            &c,
            &target,
            Reference::Documents(&[false, false, true, true]),
            &opts,
        )
        .unwrap();
        assert_eq!(rest, docs);
        let counts = [
            ("q".to_string(), 3),
            ("p".to_string(), 1),
            ("new".to_string(), 4),
        ];
        let ext = corpus_keyness(&c, &target, Reference::Counts(&counts), &opts).unwrap();
        let new = ext.iter().find(|r| r.term == "new").unwrap();
        assert_eq!((new.n_target, new.n_reference, new.sign), (0, 4, -1));
        assert!(corpus_keyness(&c, &[true; 4], Reference::Rest, &opts).is_err());
        assert!(corpus_keyness(&c, &[false; 4], Reference::Rest, &opts).is_err());
        assert!(corpus_keyness(&c, &target, Reference::Documents(&[true; 4]), &opts).is_err());
        assert!(corpus_keyness(&c, &[true], Reference::Rest, &opts).is_err());
    }
}

//! Per-group summaries: mean, standard deviation and a Student-t 95 %
//! confidence interval of the mean, for "which outlet writes longer
//! sentences" in one call.

use serde::Serialize;

use crate::stats::keyness::Groups;
use crate::stats::profile::mean_sd;

/// The summary of one measure in one group.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct GroupSummary {
    /// The group's label.
    pub group: String,
    /// Documents of the group with a value (NaN values are left out).
    pub n: u64,
    /// Mean of the values (NaN when `n` is 0).
    pub mean: f64,
    /// Sample standard deviation (n − 1; NaN when `n` < 2).
    pub sd: f64,
    /// Lower end of the 95 % interval of the mean, mean − t(0.975, n − 1)·sd/√n
    /// (NaN when `n` < 2).
    pub ci_low: f64,
    /// Upper end of the 95 % interval of the mean.
    pub ci_high: f64,
}

/// Summaries of `values` (one per document) by `groups`, in the groups' order.
///
/// # Examples
///
/// ```
/// use textlens::{summarize_groups, GroupOrder, Groups};
///
/// let g = Groups::new(&["a", "a", "a", "b"], GroupOrder::FirstAppearance);
/// let s = summarize_groups(&[1.0, 2.0, 3.0, 5.0], &g);
/// assert_eq!((s[0].n, s[0].mean, s[0].sd), (3, 2.0, 1.0));
/// // t(0.975, 2) = 4.302653: 2 ± 4.302653 / √3
/// assert!((s[0].ci_high - (2.0 + 4.302652729749462 / 3f64.sqrt())).abs() < 1e-9);
/// assert!(s[1].sd.is_nan());
/// ```
pub fn summarize_groups(values: &[f64], groups: &Groups) -> Vec<GroupSummary> {
    let mut per: Vec<Vec<f64>> = vec![Vec::new(); groups.len()];
    for (&v, &g) in values.iter().zip(groups.of_doc()) {
        if !v.is_nan() {
            if let Some(xs) = per.get_mut(g) {
                xs.push(v);
            }
        }
    }
    groups
        .labels()
        .iter()
        .zip(per)
        .map(|(label, xs)| {
            let n = xs.len();
            let (mean, sd) = match n {
                0 => (f64::NAN, f64::NAN),
                1 => (xs[0], f64::NAN),
                _ => mean_sd(&xs),
            };
            let half = if n >= 2 {
                t_quantile(0.975, (n - 1) as f64) * sd / (n as f64).sqrt()
            } else {
                f64::NAN
            };
            GroupSummary {
                group: label.clone(),
                n: n as u64,
                mean,
                sd,
                ci_low: mean - half,
                ci_high: mean + half,
            }
        })
        .collect()
}

/// The `p` quantile (p > 0.5) of Student's t with `df` degrees of freedom,
/// by bisection on its distribution function.
pub(crate) fn t_quantile(p: f64, df: f64) -> f64 {
    // P(T <= t) = 1 - I_{df/(df+t²)}(df/2, 1/2) / 2 for t >= 0.
    let cdf = |t: f64| 1.0 - 0.5 * inc_beta(df / 2.0, 0.5, df / (df + t * t));
    let (mut lo, mut hi) = (0.0, 1.0);
    while cdf(hi) < p && hi < 1e12 {
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if cdf(mid) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// The regularized incomplete beta function I_x(a, b) (continued fraction,
/// Numerical Recipes §6.4).
fn inc_beta(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front =
        libm::lgamma(a + b) - libm::lgamma(a) - libm::lgamma(b) + a * x.ln() + b * (1.0 - x).ln();
    if x < (a + 1.0) / (a + b + 2.0) {
        ln_front.exp() * beta_cf(a, b, x) / a
    } else {
        1.0 - ln_front.exp() * beta_cf(b, a, 1.0 - x) / b
    }
}

fn beta_cf(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..300 {
        let m = m as f64;
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        d = if d.abs() < TINY { TINY } else { d };
        c = 1.0 + aa / c;
        c = if c.abs() < TINY { TINY } else { c };
        d = 1.0 / d;
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        d = if d.abs() < TINY { TINY } else { d };
        c = 1.0 + aa / c;
        c = if c.abs() < TINY { TINY } else { c };
        d = 1.0 / d;
        let del = d * c;
        h *= del;
        if (del - 1.0).abs() < 1e-16 {
            break;
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_quantiles_match_scipy() {
        // scipy.stats.t.ppf(0.975, df)
        for (df, q) in [
            (1.0, 12.706204736174694),
            (2.0, 4.302652729749462),
            (10.0, 2.228138851986274),
            (100.0, 1.9839715185235518),
        ] {
            assert!((t_quantile(0.975, df) - q).abs() < 1e-9, "df {df}");
        }
    }
}

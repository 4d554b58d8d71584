//! The `similarity_minhash` target: a few short texts (lines of the input)
//! become a corpus compared under every metric, MinHash signatures, an LSH
//! index, near-duplicate clusters and shared passages, each checked against
//! its documented range, symmetry or a brute-force answer.

use std::collections::HashSet;

use ndarray::Array2;
use textlens::{
    most_similar, near_duplicates, pairwise, search, shared_passages, tokens, Analyzer,
    AnalyzerOptions, Corpus, CsrMatrix, LangChoice, Lsh, Metric, MinHash, MinHasher,
    NearDupOptions, Search, Shingles, TokenKind,
};

use crate::input::Input;

/// Slack for sums of floating-point products.
const EPS: f64 = 1e-9;

pub fn similarity_minhash(data: &[u8]) {
    let mut input = Input::new(data);
    let lang = input.pick(&["auto", "en", "ru", "zh", "ar"]);
    let stem = input.flag();
    let top_k = 1 + input.below(4);
    let min_similarity = f64::from(input.byte()) / 128.0 - 0.5;
    let num_perm = input.pick(&[2, 3, 4, 8, 16]);
    let seed = u64::from(input.byte());
    let shingle_size = 1 + input.below(5);
    let shingles = if input.flag() {
        Shingles::Chars(shingle_size)
    } else {
        Shingles::Words(shingle_size)
    };
    let threshold = input.pick(&[0.1, 0.3, 0.5, 0.8, 1.0]);
    let exact = input.flag();
    let min_tokens = 1 + input.below(4);
    let text = input.text();
    let texts: Vec<&str> = text.splitn(8, '\n').collect();

    let analyzer = Analyzer::new(AnalyzerOptions {
        lang: lang.parse::<LangChoice>().expect("a known language"),
        stem,
        ..AnalyzerOptions::default()
    })
    .expect("valid options");
    let corpus = check_corpus(&analyzer, &texts);
    for metric in Metric::ALL {
        let m = corpus
            .dtm(&metric.weighting())
            .expect("default weightings are valid");
        check_metric(&m, metric, top_k, min_similarity);
    }

    let hasher = MinHasher::new(num_perm, seed, shingles).expect("valid MinHash options");
    let sigs = check_minhash(&hasher, shingles, &texts);
    check_lsh(&sigs, threshold, num_perm);
    let options = NearDupOptions {
        threshold,
        num_perm,
        seed,
        shingles,
        exact,
        ..NearDupOptions::default()
    };
    check_near_duplicates(&texts, &options);
    for a in &texts {
        for b in &texts {
            check_passages(a, b, min_tokens);
        }
    }
}

/// A corpus counts each text's terms under sorted, distinct columns, and
/// survives JSON.
fn check_corpus(analyzer: &Analyzer, texts: &[&str]) -> Corpus {
    let corpus = Corpus::build(analyzer, texts);
    let docs = analyzer.analyze_many(texts);
    assert_eq!(corpus.len(), texts.len());
    assert!(
        corpus.terms().windows(2).all(|w| w[0] < w[1]),
        "columns not sorted"
    );
    let counts = corpus.counts();
    assert_eq!(counts.shape(), (texts.len(), corpus.terms().len()));
    for (i, doc) in docs.iter().enumerate() {
        let total: f64 = counts.row(i).map(|(_, v)| v).sum();
        assert_eq!(total, doc.len() as f64, "row {i}");
    }
    assert_eq!(corpus, Corpus::from_terms(docs));
    let json = serde_json::to_string(&corpus).expect("a corpus serializes");
    let back: Corpus = serde_json::from_str(&json).expect("a corpus deserializes");
    assert_eq!(back, corpus);
    corpus
}

/// The documented range of each metric.
fn in_range(metric: Metric, s: f64) -> bool {
    match metric {
        Metric::Euclidean | Metric::Manhattan => s >= 0.0 && s.is_finite(),
        Metric::Cosine | Metric::Pearson | Metric::Bm25 => (-1.0..=1.0).contains(&s),
        _ => (-EPS..=1.0 + EPS).contains(&s),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= EPS * (1.0 + a.abs().max(b.abs()))
}

fn check_metric(m: &CsrMatrix, metric: Metric, top_k: usize, min_similarity: f64) {
    let s = pairwise(m, None, metric).expect("a corpus with rows compares");
    let n = m.shape().0;
    assert_eq!(s.dim(), (n, n));
    for i in 0..n {
        let empty = m.row(i).all(|(_, v)| v == 0.0);
        // Every column, stored or not, holds the same value.
        let mut values: Vec<f64> = m.row(i).map(|(_, v)| v).collect();
        if values.len() < m.n_cols {
            values.push(0.0);
        }
        let constant = values.windows(2).all(|w| w[0] == w[1]);
        let own = s[[i, i]];
        let expected_own = match metric {
            Metric::Euclidean | Metric::Manhattan => 0.0,
            _ if empty => 0.0,
            // A constant row has no correlation, not even with itself.
            Metric::Pearson if constant => 0.0,
            _ => 1.0,
        };
        assert!(
            close(own, expected_own),
            "{metric:?}: row {i} scores {own} with itself"
        );
        for j in 0..n {
            let x = s[[i, j]];
            assert!(in_range(metric, x), "{metric:?}[{i},{j}] = {x}");
            assert!(close(x, s[[j, i]]), "{metric:?} not symmetric at {i},{j}");
            if metric == Metric::Pearson && constant {
                assert_eq!(x, 0.0, "Pearson of constant row {i} with {j}");
            }
        }
    }
    let against_self = pairwise(m, Some(m), metric).expect("same columns");
    assert!(
        s.iter().zip(&against_self).all(|(x, y)| close(*x, *y)),
        "{metric:?}: pairwise(m, None) != pairwise(m, m)"
    );
    check_search(m, &s, metric, top_k, min_similarity);
}

/// `a` strictly better than `b` under `metric`.
fn better(metric: Metric, a: f64, b: f64) -> bool {
    if metric.is_distance() {
        a < b
    } else {
        a > b
    }
}

/// Top-k and threshold search keep exactly the pairs of the dense matrix
/// they promise, and `most_similar` ranks a row like the dense matrix.
fn check_search(m: &CsrMatrix, s: &Array2<f64>, metric: Metric, k: usize, threshold: f64) {
    let n = s.nrows();
    let top = search(
        m,
        None,
        metric,
        &Search {
            top_k: Some(k),
            min_similarity: None,
        },
    )
    .expect("valid search");
    let passes = |x: f64| {
        if metric.is_distance() {
            x <= threshold
        } else {
            x >= threshold
        }
    };
    let kept = search(
        m,
        None,
        metric,
        &Search {
            top_k: None,
            min_similarity: Some(threshold),
        },
    )
    .expect("valid search");
    assert_eq!((top.shape(), kept.shape()), ((n, n), (n, n)));
    for i in 0..n {
        let row: Vec<(u32, f64)> = top.row(i).collect();
        assert_eq!(row.len(), k.min(n), "{metric:?} row {i}");
        assert!(
            row.windows(2).all(|w| w[0].0 < w[1].0),
            "columns not sorted"
        );
        let worst = row
            .iter()
            .map(|&(j, x)| {
                assert!(close(x, s[[i, j as usize]]), "{metric:?}[{i},{j}]");
                x
            })
            .reduce(|a, b| if better(metric, a, b) { b } else { a });
        let chosen: HashSet<u32> = row.iter().map(|&(j, _)| j).collect();
        if let Some(worst) = worst {
            for j in (0..n).filter(|&j| !chosen.contains(&(j as u32))) {
                assert!(
                    !better(metric, s[[i, j]], worst),
                    "{metric:?} row {i}: column {j} left out of the top {k}"
                );
            }
        }
        let kept_cols: Vec<usize> = kept.row(i).map(|(j, _)| j as usize).collect();
        let expected: Vec<usize> = (0..n).filter(|&j| passes(s[[i, j]])).collect();
        assert_eq!(kept_cols, expected, "{metric:?} row {i} at {threshold}");

        let best = most_similar(m, i, m, k, Some(i), metric).expect("valid query");
        assert_eq!(best.len(), k.min(n - 1));
        for w in best.windows(2) {
            assert!(
                !better(metric, w[1].1, w[0].1),
                "{metric:?}: {best:?} not best first"
            );
        }
        for &(j, x) in &best {
            assert!(j != i && close(x, s[[i, j]]), "{metric:?}: {best:?}");
        }
    }
}

/// Signatures: values below 2³², empty exactly for texts without shingles,
/// equal for equal shingle sets, Jaccard estimates in [0, 1], symmetric and 1
/// against themselves; they survive JSON.
fn check_minhash(hasher: &MinHasher, shingles: Shingles, texts: &[&str]) -> Vec<MinHash> {
    let sets: Vec<Vec<u32>> = texts
        .iter()
        .map(|t| shingles.hashes(t).expect("valid shingles"))
        .collect();
    let sigs: Vec<MinHash> = texts
        .iter()
        .map(|t| hasher.sign(t).expect("valid shingles"))
        .collect();
    for (set, sig) in sets.iter().zip(&sigs) {
        assert!(
            set.windows(2).all(|w| w[0] < w[1]),
            "hashes not sorted and distinct"
        );
        assert_eq!(sig.empty, set.is_empty());
        assert_eq!(sig.hashvalues.len(), hasher.num_perm());
        assert!(sig.hashvalues.iter().all(|&v| v < 1 << 32));
        assert_eq!(sig, &hasher.sign_hashes(set));
        let json = serde_json::to_string(sig).expect("a signature serializes");
        let back: MinHash = serde_json::from_str(&json).expect("a signature deserializes");
        assert_eq!(&back, sig);
    }
    for (i, a) in sigs.iter().enumerate() {
        assert_eq!(a.jaccard(a).expect("same hasher"), 1.0);
        for (j, b) in sigs.iter().enumerate() {
            let x = a.jaccard(b).expect("same hasher");
            assert!((0.0..=1.0).contains(&x));
            assert_eq!(x, b.jaccard(a).expect("same hasher"));
            if sets[i] == sets[j] {
                assert_eq!(a, b);
            }
        }
    }
    sigs
}

/// Candidate pairs are sorted, distinct, `i < j`, and include every pair of
/// equal non-empty signatures; empty signatures are never candidates.
fn check_lsh(sigs: &[MinHash], threshold: f64, num_perm: usize) {
    let mut lsh = Lsh::new(threshold, num_perm, (0.5, 0.5)).expect("valid LSH options");
    let (bands, rows) = lsh.params();
    assert!(bands >= 1 && rows >= 1 && bands * rows <= num_perm);
    for (i, sig) in sigs.iter().enumerate() {
        assert_eq!(lsh.insert(sig).expect("same num_perm"), i);
    }
    let pairs = lsh.candidate_pairs();
    assert!(pairs.windows(2).all(|w| w[0] < w[1]), "{pairs:?}");
    for &(i, j) in &pairs {
        assert!(i < j && j < sigs.len(), "{pairs:?}");
        assert!(!sigs[i].empty && !sigs[j].empty);
    }
    for (i, a) in sigs.iter().enumerate() {
        for (j, b) in sigs.iter().enumerate().skip(i + 1) {
            if !a.empty && a.hashvalues == b.hashvalues {
                assert!(
                    pairs.contains(&(i, j)),
                    "equal signatures {i}, {j} not paired"
                );
            }
        }
    }
}

/// Clusters are sorted, disjoint, of two or more texts with shingles, and
/// texts with the same non-empty shingle set are in the same cluster.
fn check_near_duplicates(texts: &[&str], options: &NearDupOptions) {
    let clusters = near_duplicates(texts, options).expect("valid options");
    let mut cluster_of = vec![None; texts.len()];
    for (c, members) in clusters.iter().enumerate() {
        assert!(members.len() >= 2 && members.windows(2).all(|w| w[0] < w[1]));
        for &i in members {
            assert!(cluster_of[i].is_none(), "text {i} in two clusters");
            cluster_of[i] = Some(c);
        }
    }
    assert!(clusters.windows(2).all(|w| w[0][0] < w[1][0]));
    let sets: Vec<Vec<u32>> = texts
        .iter()
        .map(|t| options.shingles.hashes(t).expect("valid shingles"))
        .collect();
    for (i, a) in sets.iter().enumerate() {
        if a.is_empty() {
            assert!(cluster_of[i].is_none(), "text {i} has no shingle");
        }
        for (j, b) in sets.iter().enumerate().skip(i + 1) {
            if !a.is_empty() && a == b {
                assert!(
                    cluster_of[i].is_some() && cluster_of[i] == cluster_of[j],
                    "texts {i} and {j} are copies but not clustered: {clusters:?}"
                );
            }
        }
    }
}

/// Passages lie on char boundaries of both texts, have at least
/// `min_tokens` tokens, come longest first, and are the same found from
/// either side.
fn check_passages(a: &str, b: &str, min_tokens: usize) {
    let found = shared_passages(a, b, min_tokens).expect("min_tokens >= 1");
    for p in &found {
        assert!(p.tokens >= min_tokens, "{p:?}");
        for (text, start, end) in [(a, p.a_start, p.a_end), (b, p.b_start, p.b_end)] {
            assert!(start < end && end <= text.len(), "{p:?}");
            assert!(
                text.is_char_boundary(start) && text.is_char_boundary(end),
                "{p:?}"
            );
        }
    }
    assert!(found.windows(2).all(|w| w[0].tokens >= w[1].tokens));
    let mut forward: Vec<_> = found
        .iter()
        .map(|p| (p.a_start, p.a_end, p.b_start, p.b_end, p.tokens))
        .collect();
    let mut backward: Vec<_> = shared_passages(b, a, min_tokens)
        .expect("min_tokens >= 1")
        .iter()
        .map(|p| (p.b_start, p.b_end, p.a_start, p.a_end, p.tokens))
        .collect();
    if a == b {
        let words = tokens(a)
            .iter()
            .filter(|t| !matches!(t.kind, TokenKind::Punct | TokenKind::Symbol))
            .count();
        if words >= min_tokens {
            assert_eq!(found.first().map(|p| p.tokens), Some(words), "{a:?}");
        }
    }
    forward.sort_unstable();
    backward.sort_unstable();
    assert_eq!(forward, backward, "shared_passages is not symmetric");
}

//! The drop-in vectorizers' Rust work on the bench corpus, one stage at a
//! time (CPU seconds of this process, median of `REPEAT` runs, default 3):
//!
//! ```sh
//! cargo build --release --example profile_sklearn
//! RAYON_NUM_THREADS=1 target/release/examples/profile_sklearn
//! perf record target/release/examples/profile_sklearn count
//! ```
//!
//! Stages: `scan` (scikit-learn's default analysis, lowercase and
//! `(?u)\b\w\w+\b`, each token's bytes summed), `count` (the vocabulary
//! learned and the count matrix built, what `fit` does before weighting),
//! `general` (`count` by the counting every `Features` shares), `hash`
//! (`HashingVectorizer`'s matrix: scikit-learn's analysis hashed into 2²⁰
//! columns, before normalization), `weigh`
//! (scikit-learn's default tf-idf of the counted matrix: document
//! frequencies, idf, weights and l2 norms), `all` (every stage; the default).
//! Reads `$TEXTLENS_SHARED/corpus/bench/*.jsonl` (default `../shared`).

use std::path::PathBuf;
use std::time::Instant;

use textlens::{
    document_frequencies, hash_texts, Corpus, Features, Idf, Norm, SkAnalysis, Weighting,
};

fn cpu_seconds() -> f64 {
    // utime + stime of every thread, from /proc (no extra crate for getrusage).
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn timed(label: &str, repeat: usize, mut run: impl FnMut() -> usize) {
    let (mut cpu, mut wall) = (Vec::new(), Vec::new());
    let mut out = 0;
    for _ in 0..repeat {
        let (c, w) = (cpu_seconds(), Instant::now());
        out = run();
        wall.push(w.elapsed().as_secs_f64());
        cpu.push(cpu_seconds() - c);
    }
    cpu.sort_by(f64::total_cmp);
    wall.sort_by(f64::total_cmp);
    println!(
        "{label:8} cpu {:.3} s  wall {:.3} s  ({out})",
        cpu[repeat / 2],
        wall[repeat / 2]
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mode = std::env::args().nth(1).unwrap_or_else(|| "all".into());
    let repeat: usize = std::env::var("REPEAT")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let shared = std::env::var_os("TEXTLENS_SHARED")
        .map_or_else(|| PathBuf::from("../shared"), PathBuf::from);
    let mut files: Vec<PathBuf> = std::fs::read_dir(shared.join("corpus/bench"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut texts: Vec<String> = Vec::new();
    for path in files {
        for line in std::fs::read_to_string(&path)?.lines() {
            let record: serde_json::Value = serde_json::from_str(line)?;
            texts.push(record["text"].as_str().unwrap_or_default().to_owned());
        }
    }
    let sk = SkAnalysis::default();
    if mode == "scan" || mode == "all" {
        timed("scan", repeat, || {
            texts
                .iter()
                .map(|t| {
                    let mut n = 0;
                    sk.for_each_feature(t, &mut |w| n += w.len());
                    n
                })
                .sum()
        });
    }
    if mode == "count" || mode == "all" {
        timed("count", repeat, || sk.count(&texts).terms().len());
    }
    if mode == "general" || mode == "all" {
        timed("general", repeat, || {
            Corpus::count(&sk, &texts).terms().len()
        });
    }
    if mode == "hash" || mode == "all" {
        timed("hash", repeat, || {
            hash_texts(&sk, &texts, 1 << 20, true).map_or(0, |m| m.data.len())
        });
    }
    if mode == "weigh" || mode == "all" {
        let counts = sk.count(&texts).counts().clone();
        let tfidf = Weighting::Tfidf {
            idf: Idf::Smooth,
            base: 10.0,
            sublinear_tf: false,
            binary: false,
            norm: Norm::L2,
        };
        timed("weigh", repeat, || {
            let mut m = counts.clone();
            let idf = tfidf.idf(m.shape().0, &document_frequencies(&m));
            tfidf
                .apply_in_place(&mut m, idf.as_deref())
                .map_or(0, |()| m.data.len())
        });
    }
    Ok(())
}

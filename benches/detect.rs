//! Language detection, one thread: documents per second on the benchmark
//! corpus (the first 40 documents of each language file, whole) and on short
//! sentences cut from them, for the n-gram engine (the default), textlens's
//! whatlang engine (same sampling) and the whatlang crate called directly on
//! the same texts. Target: n-gram ≥ 5× the whatlang crate on documents.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use textlens::{DetectEngine, Detector};

mod common;

const DOCS_PER_LANG: usize = 40;

/// Whole documents, and the first sentence-like stretch (up to 120 bytes, cut
/// at a space) of each.
fn inputs() -> (Vec<String>, Vec<String>) {
    let mut docs = Vec::new();
    let dir = common::shared().join("corpus/bench");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
    {
        let data = std::fs::read_to_string(path).unwrap_or_default();
        for line in data.lines().take(DOCS_PER_LANG) {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                docs.push(v["text"].as_str().unwrap_or_default().to_owned());
            }
        }
    }
    if docs.is_empty() {
        docs.push(common::corpus(&["en", "de", "ru"]));
    }
    let short = docs
        .iter()
        .map(|d| {
            let mut end = d.len().min(120);
            while !d.is_char_boundary(end) {
                end -= 1;
            }
            let cut = d[..end].rfind(' ').filter(|&i| i > 40).unwrap_or(end);
            d[..cut].to_owned()
        })
        .collect();
    (docs, short)
}

fn bench(c: &mut Criterion) {
    let (docs, short) = inputs();
    let ngram = Detector::new(DetectEngine::Ngram);
    let whatlang = Detector::new(DetectEngine::Whatlang);
    for (name, texts) in [("documents", &docs), ("short", &short)] {
        let mut group = c.benchmark_group(format!("detect_{name}"));
        group.throughput(Throughput::Elements(texts.len() as u64));
        group.sample_size(10);
        group.bench_function("ngram", |b| {
            b.iter(|| {
                texts
                    .iter()
                    .filter(|t| ngram.detect(black_box(t)).is_some())
                    .count()
            })
        });
        // What the analyzer asks for: the language alone.
        group.bench_function("ngram_language", |b| {
            b.iter(|| {
                texts
                    .iter()
                    .filter(|t| ngram.language(black_box(t)).is_some())
                    .count()
            })
        });
        group.bench_function("textlens_whatlang", |b| {
            b.iter(|| {
                texts
                    .iter()
                    .filter(|t| whatlang.detect(black_box(t)).is_some())
                    .count()
            })
        });
        group.bench_function("whatlang_crate", |b| {
            b.iter(|| {
                texts
                    .iter()
                    .filter(|t| whatlang::detect(black_box(t)).is_some())
                    .count()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);

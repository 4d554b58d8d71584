//! The tokenization hot path on real multilingual news text, by script:
//! tokens alone, the whole analyzer (normalize, stopwords, stem),
//! scikit-learn's default analysis (lowercase, `(?u)\b\w\w+\b`) as the
//! drop-in vectorizers run it, and a plain byte scan (memchr counting spaces)
//! over the same buffer as the physical reference. Input: the first ~1 MB per script from
//! ../shared/corpus/bench (or $TEXTLENS_SHARED); without it, the sample table.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use textlens::{for_each_token, Analyzer, AnalyzerOptions, Features, LangChoice, SkAnalysis};

mod common;
use common::{corpus, GROUPS};

fn bench(c: &mut Criterion) {
    let sklearn = SkAnalysis::default();
    for (name, langs, rules) in GROUPS {
        let text = corpus(langs);
        let analyzer = Analyzer::new(AnalyzerOptions {
            lang: LangChoice::Fixed(rules.parse().expect("known language")),
            ..AnalyzerOptions::default()
        })
        .expect("valid options");
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(20);
        group.bench_function("memchr_spaces", |b| {
            b.iter(|| memchr::memchr_iter(b' ', black_box(text.as_bytes())).count())
        });
        group.bench_function("tokens", |b| {
            b.iter(|| {
                let mut n = 0usize;
                for_each_token(black_box(&text), |t| n += t.end - t.start);
                n
            })
        });
        group.bench_function("analyze", |b| {
            b.iter(|| analyzer.analyze(black_box(&text)).len())
        });
        group.bench_function("sklearn_default", |b| {
            b.iter(|| {
                let mut n = 0usize;
                sklearn.for_each_feature(black_box(&text), &mut |t| n += t.len());
                n
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! Sentence splitting on real news text, by script, with the language's rules
//! (its abbreviation list): target ≥ 200 MB/s per core. Input: the first
//! ~1 MB per group from ../shared/corpus/bench (or $TEXTLENS_SHARED), one
//! document a line; without it, the sample table repeated.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use textlens::sentence_spans;

mod common;
use common::{corpus, GROUPS};

fn bench(c: &mut Criterion) {
    for (name, langs, rules) in GROUPS {
        let text = corpus(langs);
        let lang = Some(rules.parse().expect("known language"));
        let mut group = c.benchmark_group(format!("sentences_{name}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(20);
        group.bench_function("sentence_spans", |b| {
            b.iter(|| sentence_spans(black_box(&text), lang).len())
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! Dictionary word segmentation (Chinese, Japanese, Thai, Korean) on real
//! text, tokens per byte of input, beside the bigram tokenizer on the same
//! buffer. Input: Chinese and Japanese news from ../shared/corpus/bench, the
//! Thai and Korean sentences of ../shared/segmentation/words (or
//! $TEXTLENS_SHARED); without them, the group is skipped. With
//! $TEXTLENS_MECAB_DIR (a compiled MeCab dictionary, e.g. unidic-lite's
//! `dicdir`; `make bench-segmentation` passes it), Japanese also runs as
//! `mecab`.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use textlens::{for_each_token_with, Cjk};

mod common;
use common::shared;

const MAX_BYTES: usize = 1 << 20;

/// Up to `MAX_BYTES` of the `text` fields of a JSON Lines file.
fn texts(path: PathBuf) -> String {
    let data = std::fs::read_to_string(path).unwrap_or_default();
    let mut out = String::new();
    for line in data.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        out.push_str(v["text"].as_str().unwrap_or_default());
        out.push('\n');
        if out.len() >= MAX_BYTES {
            break;
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let words = shared().join("segmentation/words");
    let bench = shared().join("corpus/bench");
    for (name, text) in [
        ("zh_news", texts(bench.join("zh.jsonl"))),
        ("ja_news", texts(bench.join("ja.jsonl"))),
        ("th_pud", texts(words.join("th-pud-dev.jsonl"))),
        ("ko_kaist", texts(words.join("ko-kaist-dev.jsonl"))),
    ] {
        if text.is_empty() {
            continue;
        }
        let mut group = c.benchmark_group(format!("segment/{name}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(10);
        let run = |text: &str, cjk| {
            let mut n = 0usize;
            for_each_token_with(black_box(text), cjk, |t| n += t.end - t.start);
            n
        };
        for cjk in [Cjk::Dictionary, Cjk::Bigram] {
            group.bench_function(cjk.name(), |b| b.iter(|| run(&text, cjk)));
        }
        let mecab = std::env::var_os("TEXTLENS_MECAB_DIR").map(PathBuf::from);
        if let Some(dir) = mecab.filter(|_| name == "ja_news") {
            textlens::set_mecab_dictionary(Some(&dir)).expect("TEXTLENS_MECAB_DIR");
            group.bench_function("mecab", |b| b.iter(|| run(&text, Cjk::Dictionary)));
            textlens::set_mecab_dictionary(None).expect("unset");
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);

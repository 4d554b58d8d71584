//! The tokenization hot path on real multilingual news text, by script:
//! tokens alone, the whole analyzer (normalize, stopwords, stem),
//! scikit-learn's default analysis (lowercase, `(?u)\b\w\w+\b`) as the
//! drop-in vectorizers run it, and a plain byte scan (memchr counting spaces)
//! over the same buffer as the physical reference. Input: the first ~1 MB per script from
//! ../shared/corpus/bench (or $TEXTLENS_SHARED); without it, the sample table.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use textlens::{for_each_token, Analyzer, AnalyzerOptions, Features, LangChoice, SkAnalysis};

const BYTES_PER_GROUP: usize = 1 << 20;

/// (group name, languages, the language whose rules the analyzer uses)
const GROUPS: [(&str, &[&str], &str); 4] = [
    ("latin", &["en", "de", "es", "fr"], "en"),
    ("cyrillic", &["ru", "uk"], "ru"),
    ("arabic", &["ar"], "ar"),
    ("cjk", &["zh", "ja"], "zh"),
];

fn shared() -> PathBuf {
    std::env::var_os("TEXTLENS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"))
}

/// About `BYTES_PER_GROUP` of text, taken evenly from each language's file.
fn corpus(langs: &[&str]) -> String {
    let mut out = String::new();
    for lang in langs {
        let path = shared().join("corpus/bench").join(format!("{lang}.jsonl"));
        let data = std::fs::read_to_string(&path).unwrap_or_default();
        let mut taken = 0;
        for line in data.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let text = v["text"].as_str().unwrap_or_default();
            out.push_str(text);
            out.push('\n');
            taken += text.len();
            if taken >= BYTES_PER_GROUP / langs.len() {
                break;
            }
        }
    }
    if out.is_empty() {
        let table = std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/samples.json"),
        )
        .unwrap_or_default();
        let rows: Vec<serde_json::Value> = serde_json::from_str(&table).unwrap_or_default();
        let text: String = rows
            .iter()
            .filter(|r| langs.contains(&r["lang"].as_str().unwrap_or_default()))
            .map(|r| format!("{}\n", r["text"].as_str().unwrap_or_default()))
            .collect();
        out = text.repeat(BYTES_PER_GROUP / text.len().max(1) + 1);
    }
    out
}

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

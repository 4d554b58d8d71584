//! Counting an analyzer's terms through the per-chunk term cache (each
//! distinct token analyzed once) gives the same corpus, bit for bit, as
//! analyzing every token: on the benchmark corpus, under many options.
//! Oracles: the uncached per-token path (`Features::for_each_feature`) and
//! `Corpus::from_terms` over `Analyzer::analyze`.

mod common;

use textlens::{
    Analyzer, AnalyzerOptions, Cjk, Corpus, Features, LangChoice, StopwordChoice, TokenKind,
};

/// An analyzer's terms through the per-token path only: the default
/// `unigram_analyzer` (`None`) keeps counting off the cache.
struct Uncached<'a>(&'a Analyzer);

impl Features for Uncached<'_> {
    fn for_each_feature(&self, text: &str, f: &mut dyn FnMut(&str)) {
        self.0.for_each_feature(text, f);
    }
}

/// The first `per_lang` texts of every benchmark language, mixed so that
/// chunks hold several languages.
fn sample(per_lang: usize) -> Vec<String> {
    let by_lang: Vec<Vec<String>> = common::bench_langs()
        .iter()
        .map(|l| common::bench_texts(l).into_iter().take(per_lang).collect())
        .collect();
    let mut texts = Vec::new();
    for i in 0..per_lang {
        texts.extend(by_lang.iter().filter_map(|t| t.get(i).cloned()));
    }
    texts
}

fn check(options: AnalyzerOptions, texts: &[String]) {
    let label = format!("{options:?}");
    let an = Analyzer::new(options).expect("valid options");
    assert!(
        an.unigram_analyzer().is_some(),
        "{label}: cached path not taken"
    );
    let cached = Corpus::count(&an, texts);
    assert!(
        cached.terms().len() > 1000,
        "{label}: too few terms to compare"
    );
    let uncached = Corpus::count(&Uncached(&an), texts);
    assert!(cached == uncached, "{label}: cached != per-token path");
    let oracle = Corpus::from_terms(an.analyze_many(texts));
    assert!(cached == oracle, "{label}: cached != analyze()");
}

#[test]
fn cached_counting_equals_per_token_analysis_on_the_benchmark_corpus() {
    check(AnalyzerOptions::default(), &sample(60));
}

#[test]
fn cached_counting_equals_per_token_analysis_under_every_option() {
    let texts = sample(12);
    let fixed = |code: &str| LangChoice::Fixed(code.parse().expect("known language"));
    for options in [
        AnalyzerOptions {
            stem: false,
            stopwords: StopwordChoice::None,
            ..AnalyzerOptions::default()
        },
        AnalyzerOptions {
            kinds: TokenKind::ALL.to_vec(),
            min_token_len: 3,
            strip_accents: true,
            ..AnalyzerOptions::default()
        },
        AnalyzerOptions {
            lang: fixed("en"),
            kinds: vec![TokenKind::Word, TokenKind::Number],
            ..AnalyzerOptions::default()
        },
        AnalyzerOptions {
            lang: fixed("tr"),
            lowercase: false,
            ..AnalyzerOptions::default()
        },
        AnalyzerOptions {
            lang: fixed("fr"),
            stopwords: StopwordChoice::Custom(vec!["Paris".into(), "été".into()]),
            extra_stopwords: vec!["Macron".into()],
            ..AnalyzerOptions::default()
        },
        AnalyzerOptions {
            allowlist: Some(
                ["en", "de", "ru"]
                    .iter()
                    .map(|c| c.parse().expect("known language"))
                    .collect(),
            ),
            cjk: Cjk::Bigram,
            ..AnalyzerOptions::default()
        },
    ] {
        check(options, &texts);
    }
}

#[test]
fn ngram_and_mixed_analyzers_count_through_the_per_token_path() {
    let an = Analyzer::new(AnalyzerOptions {
        ngram_range: (1, 2),
        ..AnalyzerOptions::default()
    })
    .expect("valid options");
    assert!(an.unigram_analyzer().is_none());
    let mixed = Analyzer::new(AnalyzerOptions {
        mixed: true,
        ..AnalyzerOptions::default()
    })
    .expect("valid options");
    assert!(mixed.unigram_analyzer().is_none());
}

#[test]
fn counting_fetched_batches_gives_the_corpus_of_all_texts() {
    let texts = sample(30);
    let an = Analyzer::new(AnalyzerOptions::default()).expect("default options");
    let mut ranges = Vec::new();
    let fetch = |range: std::ops::Range<usize>| -> Result<Vec<&str>, String> {
        ranges.push(range.clone());
        Ok(texts[range].iter().map(String::as_str).collect())
    };
    let fetched = Corpus::count_fetched(&an, texts.len(), fetch).expect("no fetch error");
    assert!(fetched == Corpus::count(&an, &texts), "cached path differs");
    assert!(ranges.len() > 1, "one batch only: {ranges:?}");
    assert_eq!(ranges.first().map(|r| r.start), Some(0));
    assert_eq!(ranges.last().map(|r| r.end), Some(texts.len()));
    assert!(
        ranges.windows(2).all(|w| w[0].end == w[1].start),
        "{ranges:?}"
    );
    // The per-token path (no unigram analyzer) batches the same way.
    let uncached = Uncached(&an);
    let fetched = Corpus::count_fetched(&uncached, texts.len(), |r| {
        Ok::<_, String>(texts[r].to_vec())
    })
    .expect("no fetch error");
    assert!(
        fetched == Corpus::count(&uncached, &texts),
        "per-token path differs"
    );
}

#[test]
fn counting_fetched_batches_stops_at_the_first_fetch_error() {
    let texts = sample(30);
    let an = Analyzer::new(AnalyzerOptions::default()).expect("default options");
    let mut calls = 0;
    let result = Corpus::count_fetched(&an, texts.len(), |range| {
        calls += 1;
        if calls == 2 {
            Err(format!("cannot read {range:?}"))
        } else {
            Ok(texts[range].to_vec())
        }
    });
    assert!(
        matches!(&result, Err(e) if e.starts_with("cannot read")),
        "{:?}",
        result.map(|c| c.len())
    );
    assert_eq!(calls, 2);
}

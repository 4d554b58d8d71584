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

/// A text that counts how many texts are alive: what a batch holds.
struct Held {
    text: String,
    live: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl AsRef<str> for Held {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        self.live.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

#[test]
fn counting_fetched_batches_holds_two_batches_at_most() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let texts = sample(30);
    let an = Analyzer::new(AnalyzerOptions::default()).expect("default options");
    let live = std::sync::Arc::new(AtomicUsize::new(0));
    // Texts alive when each fetch starts, and the largest batch.
    let (mut before, mut batch) = (Vec::new(), 0);
    let fetched = Corpus::count_fetched(&an, texts.len(), |range| {
        before.push(live.load(Ordering::SeqCst));
        batch = batch.max(range.len());
        live.fetch_add(range.len(), Ordering::SeqCst);
        Ok::<_, String>(
            texts[range]
                .iter()
                .map(|t| Held {
                    text: t.clone(),
                    live: live.clone(),
                })
                .collect(),
        )
    })
    .expect("no fetch error");
    assert!(fetched == Corpus::count(&an, &texts));
    assert!(before.len() > 2, "{before:?}");
    // A fetch starts only while at most one batch is held: two at once.
    assert!(
        before.iter().all(|&n| n <= batch),
        "{before:?}, batch {batch}"
    );
    assert_eq!(live.load(Ordering::SeqCst), 0, "texts left alive");
}

/// Features that panic on one text (a bug in a user's `Features`).
struct Panicky;

impl Features for Panicky {
    fn for_each_feature(&self, text: &str, f: &mut dyn FnMut(&str)) {
        assert!(text != "boom", "boom");
        text.split(' ').for_each(f);
    }
}

#[test]
fn counting_fetched_batches_passes_a_panic_on_and_does_not_hang() {
    let mut texts: Vec<String> = (0..400).map(|i| format!("text {i}")).collect();
    texts[37] = "boom".into();
    let result = std::panic::catch_unwind(|| {
        Corpus::count_fetched(&Panicky, texts.len(), |r| {
            Ok::<_, String>(texts[r].to_vec())
        })
    });
    assert!(result.is_err(), "the panic was lost");
}

#[test]
fn counting_fetched_batches_inside_a_one_thread_pool() {
    // The fetching thread is the pool's only worker: it must count the
    // chunks it waits for itself.
    let texts = sample(10);
    let an = Analyzer::new(AnalyzerOptions::default()).expect("default options");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a pool");
    let fetched = pool.install(|| {
        Corpus::count_fetched(&an, texts.len(), |r| Ok::<_, String>(texts[r].to_vec()))
            .expect("no fetch error")
    });
    assert!(fetched == Corpus::count(&an, &texts));
}

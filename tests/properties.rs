//! Property tests (proptest) of the Rust API on multilingual text: token
//! offsets, determinism across thread counts and batch sizes, serde round
//! trips, and scikit-learn-mode vectorization. The Python side has its own
//! (tests/python/test_properties.py); these check what only Rust exposes.
//!
//! Each property runs a fixed number of cases from a fixed seed (proptest's
//! deterministic RNG), so a run is the same everywhere and a failure
//! reproduces; proptest shrinks a failing case before reporting it.

mod common;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use rayon::ThreadPoolBuilder;
use textlens::{
    for_each_token, hash_features, hash_texts, tokens, Analyzer, AnalyzerOptions, Cjk, Corpus,
    CorpusBuilder, DetectEngine, Detector, Engine, Form, LangChoice, Language, MinHash, MinHasher,
    Shingles, SkAnalysis, SkUnit, StopwordChoice, StripAccents, TokenKind,
};

/// Runs `test` on `cases` values of `strategy` from a fixed seed.
fn check<S: Strategy>(cases: u32, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]);
    let mut runner = TestRunner::new_with_rng(config, rng);
    if let Err(e) = runner.run(&strategy, test) {
        panic!("{e}");
    }
}

/// Pieces of text from many scripts and the characters tokenizers trip on:
/// combining marks, emoji ZWJ sequences, regional indicators, bidi controls,
/// zero-width and no-break spaces, URLs, e-mail addresses and numbers.
const PIECES: &[&str] = &[
    "Putin",
    "Xi",
    "the",
    "don't",
    "naïve",
    "İstanbul",
    "ısparta",
    "Straße",
    "e\u{301}",
    "\u{301}",
    "a\u{300}\u{301}\u{302}\u{303}",
    "Путин",
    "Ёлка",
    "сотрудничество",
    "ΟΔΥΣΣΕΥΣ",
    "συνεργασία",
    "مرحبا",
    "السلام",
    "\u{64e}",
    "שלום",
    "עולם",
    "北京市",
    "習近平",
    "東京タワー",
    "ひらがな",
    "한국어",
    "हिन्दी",
    "\u{93f}",
    "ไทย",
    "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}",
    "\u{1f44d}\u{1f3fd}",
    "\u{1f1eb}\u{1f1f7}",
    "\u{200d}",
    "\u{202b}",
    "\u{202c}",
    "\u{2067}",
    "\u{2069}",
    "\u{200e}",
    "\u{200f}",
    "\u{61c}",
    "\u{200b}",
    "\u{feff}",
    "\u{a0}",
    "\u{3000}",
    "\u{ad}",
    "\0",
    "2022",
    "3.20",
    "1,000",
    "３",
    "½",
    ".",
    ",",
    "—",
    "«",
    "»",
    "(",
    ")",
    "'",
    "’",
    "_",
    "€",
    "+",
    "https://kremlin.ru/events?id=70315",
    "www.example.org",
    "ana@example.org",
    "（http://x.cn）",
    " ",
    " ",
    " ",
    "\n",
    "\t",
    "ﬁ",
    "ＡＢＣ",
];

/// Multilingual text: the pieces above, now and then an arbitrary character.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => proptest::sample::select(PIECES).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|p| p.concat())
}

fn texts(max: usize) -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(text(), 0..max)
}

fn language() -> impl Strategy<Value = Language> {
    let all: Vec<Language> = Language::all().collect();
    proptest::sample::select(all)
}

/// Any valid analyzer options (the allow-list only with lang = auto, of
/// detectable languages; with `mixed` only of languages whatlang detects, as
/// the span search runs on whatlang).
fn options() -> impl Strategy<Value = AnalyzerOptions> {
    let detectable: Vec<Language> = Language::all().filter(|l| l.detectable()).collect();
    let by_whatlang = |l: &Language| {
        Detector::new(DetectEngine::Whatlang)
            .allowlist(&[*l])
            .is_ok()
    };
    let lang = prop_oneof![
        Just(LangChoice::Auto),
        language().prop_map(LangChoice::Fixed)
    ];
    let allowlist = proptest::option::of(proptest::sample::subsequence(detectable, 1..4));
    let stopwords = prop_oneof![
        Just(StopwordChoice::Default),
        Just(StopwordChoice::None),
        proptest::collection::vec(
            proptest::sample::select(PIECES).prop_map(str::to_owned),
            0..4
        )
        .prop_map(StopwordChoice::Custom),
    ];
    let kinds = proptest::sample::subsequence(TokenKind::ALL.to_vec(), 1..=TokenKind::ALL.len());
    (
        (lang, allowlist, any::<bool>(), any::<bool>(), any::<bool>()),
        (stopwords, any::<bool>(), any::<bool>(), 0..4usize, kinds),
        (1..3usize, 0..3usize, any::<bool>()),
    )
        .prop_map(
            move |(
                (lang, allowlist, lowercase, nfkc, strip_accents),
                (stopwords, stem, current, min_token_len, kinds),
                (lo, extra, bigram),
            )| {
                let mixed = lang == LangChoice::Auto && current && stem;
                AnalyzerOptions {
                    allowlist: allowlist.filter(|list| {
                        lang == LangChoice::Auto && (!mixed || list.iter().all(by_whatlang))
                    }),
                    lang,
                    lowercase,
                    normalization: if nfkc { Form::Nfkc } else { Form::Nfc },
                    strip_accents,
                    stopwords,
                    extra_stopwords: vec!["Putin".into()],
                    stem,
                    engine: if current {
                        Engine::Current
                    } else {
                        Engine::Classic
                    },
                    min_token_len,
                    kinds,
                    ngram_range: (lo, lo + extra),
                    cjk: if bigram { Cjk::Bigram } else { Cjk::Dictionary },
                    mixed,
                }
            },
        )
}

fn sk_analysis() -> impl Strategy<Value = SkAnalysis> {
    let strip = prop_oneof![
        Just(None),
        Just(Some(StripAccents::Ascii)),
        Just(Some(StripAccents::Unicode))
    ];
    let unit = prop_oneof![Just(SkUnit::Word), Just(SkUnit::Char), Just(SkUnit::CharWb)];
    let stop = proptest::option::of(proptest::collection::hash_set(
        proptest::sample::select(PIECES).prop_map(str::to_lowercase),
        0..4,
    ));
    (any::<bool>(), strip, unit, 1..4usize, 0..2usize, stop).prop_map(
        |(lowercase, strip_accents, unit, lo, extra, stop_words)| SkAnalysis {
            lowercase,
            strip_accents,
            unit,
            ngram_range: (lo, lo + extra),
            stop_words,
        },
    )
}

#[test]
fn token_offsets_lie_on_char_boundaries_and_slice_back() {
    check(1000, text(), |text| {
        let toks = tokens(&text);
        let mut streamed = Vec::new();
        for_each_token(&text, |t| streamed.push(t));
        prop_assert_eq!(&toks, &streamed);
        for t in &toks {
            prop_assert!(t.start < t.end && t.end <= text.len());
            prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            prop_assert_eq!(&text[t.start..t.end], t.text);
        }
        prop_assert!(toks.windows(2).all(|w| w[0].start <= w[1].start));
        Ok(())
    });
}

#[test]
fn analysis_is_the_same_on_1_and_4_threads_and_in_any_batches() {
    let one = ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a pool");
    let four = ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .expect("a pool");
    check(
        100,
        (options(), texts(12), 1..5usize),
        |(options, texts, batch)| {
            let an = Analyzer::new(options).expect("valid options");
            let sequential: Vec<Vec<String>> = texts.iter().map(|t| an.analyze(t)).collect();
            prop_assert_eq!(&one.install(|| an.analyze_many(&texts)), &sequential);
            prop_assert_eq!(&four.install(|| an.analyze_many(&texts)), &sequential);
            let batched: Vec<Vec<String>> = texts
                .chunks(batch)
                .flat_map(|chunk| an.analyze_many(chunk))
                .collect();
            prop_assert_eq!(&batched, &sequential);

            let corpus = Corpus::from_terms(sequential);
            prop_assert_eq!(&one.install(|| Corpus::build(&an, &texts)), &corpus);
            prop_assert_eq!(&four.install(|| Corpus::build(&an, &texts)), &corpus);
            let mut builder = CorpusBuilder::default();
            for chunk in texts.chunks(batch) {
                builder.add(&an, chunk);
            }
            prop_assert_eq!(&builder.finish(), &corpus);
            Ok(())
        },
    );
}

#[test]
fn analyzer_options_and_analyzers_survive_json() {
    check(200, (options(), text()), |(options, text)| {
        let json = serde_json::to_string(&options).expect("serializes");
        let back: AnalyzerOptions = serde_json::from_str(&json).expect("deserializes");
        prop_assert_eq!(&back, &options);
        let an = Analyzer::new(options).expect("valid options");
        let rebuilt: Analyzer = serde_json::from_str(&json).expect("an analyzer deserializes");
        prop_assert_eq!(rebuilt.analyze(&text), an.analyze(&text));
        Ok(())
    });
}

#[test]
fn corpora_and_minhash_signatures_survive_json() {
    let shingles = prop_oneof![
        (1..5usize).prop_map(Shingles::Words),
        (1..6usize).prop_map(Shingles::Chars)
    ];
    check(
        100,
        (texts(6), shingles, 2..64usize, any::<u64>()),
        |(texts, shingles, num_perm, seed)| {
            let an = Analyzer::new(AnalyzerOptions::default()).expect("valid options");
            let corpus = Corpus::build(&an, &texts);
            let json = serde_json::to_string(&corpus).expect("serializes");
            let back: Corpus = serde_json::from_str(&json).expect("deserializes");
            prop_assert_eq!(&back, &corpus);
            // The term index is rebuilt on demand after a round trip.
            for (i, term) in back.terms().iter().enumerate() {
                prop_assert_eq!(back.column(term), Some(i));
            }

            let hasher = MinHasher::new(num_perm, seed, shingles).expect("valid options");
            for t in &texts {
                let sig = hasher.sign(t).expect("valid shingles");
                let json = serde_json::to_string(&sig).expect("serializes");
                let back: MinHash = serde_json::from_str(&json).expect("deserializes");
                prop_assert_eq!(back.jaccard(&sig).expect("same hasher"), 1.0);
                prop_assert_eq!(back, sig);
            }
            Ok(())
        },
    );
}

/// scikit-learn's `fit_transform` equals `fit(...).transform(...)` on the
/// training texts: counting against the fitted vocabulary gives the fitted
/// matrix; hashing texts equals hashing their features.
#[test]
fn sklearn_fit_transform_equals_transform_of_the_training_texts() {
    check(200, (sk_analysis(), texts(8)), |(sk, texts)| {
        let fitted = Corpus::count(&sk, &texts);
        let docs: Vec<Vec<String>> = texts.iter().map(|t| sk.analyze(t)).collect();
        prop_assert_eq!(&fitted, &Corpus::from_terms(docs.clone()));
        if !fitted.terms().is_empty() {
            let transformed = Corpus::count_vocabulary(&sk, &texts, fitted.terms().to_vec())
                .expect("the fitted vocabulary is valid");
            prop_assert_eq!(transformed.counts(), fitted.counts());
        }
        let hashed = hash_texts(&sk, &texts, 1 << 12, true).expect("valid n_features");
        prop_assert_eq!(
            hashed,
            hash_features(&docs, 1 << 12, true).expect("valid n_features")
        );

        let json = serde_json::to_string(&sk).expect("serializes");
        prop_assert_eq!(
            serde_json::from_str::<SkAnalysis>(&json).expect("deserializes"),
            sk
        );
        Ok(())
    });
}

/// The multilingual sample table reads the same through every path: the
/// strategies above are synthetic, this ties them to real sentences.
#[test]
fn sample_sentences_analyze_the_same_on_any_pool() {
    let texts: Vec<String> = common::samples().into_iter().map(|s| s.text).collect();
    let four = ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .expect("a pool");
    check(30, options(), |options| {
        let an = Analyzer::new(options).expect("valid options");
        let sequential: Vec<Vec<String>> = texts.iter().map(|t| an.analyze(t)).collect();
        prop_assert_eq!(four.install(|| an.analyze_many(&texts)), sequential);
        Ok(())
    });
}

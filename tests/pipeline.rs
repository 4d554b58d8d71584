//! Each pipeline part on real multilingual text: the shared sample table
//! (tests/data/samples.json) and the benchmark corpus in ../shared.

mod common;

use textlens::{
    detect, read_articles, tokens, tokens_with, Analyzer, AnalyzerOptions, Cjk, Engine, LangChoice,
    Language, Normalizer, Stemmer, TokenKind,
};

fn fixed(code: &str) -> Analyzer {
    Analyzer::new(AnalyzerOptions {
        lang: LangChoice::Fixed(code.parse().expect("known language")),
        ..AnalyzerOptions::default()
    })
    .expect("valid options")
}

#[test]
fn detection_finds_every_sample_language() {
    for s in common::samples() {
        let d = detect(&s.text).unwrap_or_else(|| panic!("nothing detected for {}", s.lang));
        assert_eq!(d.lang.code(), s.lang, "{}", s.text);
        assert!(d.confidence > 0.0 && d.confidence <= 1.0);
    }
}

#[test]
fn detection_on_the_benchmark_corpus_matches_its_labels() {
    for lang in [
        "en", "de", "es", "fr", "ru", "ar", "tr", "zh", "ja", "pl", "cs", "uk", "he",
    ] {
        let texts = common::bench_texts(lang);
        let hits = texts
            .iter()
            .take(100)
            .filter(|t| detect(t).is_some_and(|d| d.lang.code() == lang))
            .count();
        assert!(hits >= 95, "{lang}: {hits} of 100 detected as {lang}");
    }
}

#[test]
fn token_offsets_slice_back_on_every_sample() {
    for s in common::samples() {
        let toks = tokens(&s.text);
        assert!(
            toks.iter().filter(|t| t.kind == TokenKind::Word).count() >= 8,
            "{}",
            s.lang
        );
        for t in toks {
            assert_eq!(&s.text[t.start..t.end], t.text);
        }
    }
}

#[test]
fn scripts_without_spaces_become_bigrams_with_cjk_bigram() {
    for lang in ["zh", "ja"] {
        for text in common::bench_texts(lang).iter().take(50) {
            for t in tokens_with(text, Cjk::Bigram) {
                let cjk_only = t.text.chars().all(
                    |c| matches!(c as u32, 0x3041..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF),
                );
                if cjk_only {
                    assert!(t.text.chars().count() <= 2, "{lang}: {:?}", t.text);
                }
            }
        }
    }
}

#[test]
fn analysis_per_language_removes_stopwords_and_stems() {
    // Stems as Snowball's C implementation (PyStemmer 3.1.0) gives them for
    // the words left after stopword removal.
    let cases = [
        (
            "en",
            "The armed forces were strengthening their cooperation",
            &["arm", "forc", "strengthen", "cooper"][..],
        ),
        (
            "de",
            "Die Präsidenten haben über die Zusammenarbeit gesprochen",
            &["prasident", "zusammenarbeit", "gesproch"],
        ),
        (
            "es",
            "Los presidentes hablaron de la cooperación militar",
            &["president", "habl", "cooper", "milit"],
        ),
        (
            "fr",
            "Les présidents ont parlé de la coopération militaire",
            &["président", "parl", "cooper", "militair"],
        ),
        (
            "ru",
            "Президенты обсудили военное сотрудничество и всё остальное",
            &["президент", "обсуд", "воен", "сотрудничеств", "остальн"],
        ),
        (
            "tr",
            "Cumhurbaşkanları askeri işbirliğini güçlendirmek istiyor",
            &[
                "cumhurbaşkan",
                "asker",
                "işbirlik",
                "güçlendirmek",
                "istiyor",
            ],
        ),
        (
            "el",
            "Οι πρόεδροι συζήτησαν τη στρατιωτική συνεργασία",
            &["προεδρ", "συζητ", "τη", "στρατιωτικ", "συνεργασ"],
        ),
        (
            "ar",
            "ناقش الرئيسان التعاون العسكري بين البلدين",
            &["ناقش", "رييس", "تعا", "عسكر", "بلد"],
        ),
        (
            "pl",
            "Prezydenci rozmawiali o współpracy wojskowej",
            &["prezydenc", "rozmawi", "współprac", "wojskow"],
        ),
        (
            // jieba's words on the simplified run (text/segment/chinese.rs):
            // 两|国.
            "zh",
            "两国元首讨论了军事合作",
            &["两", "国", "元首", "讨论", "军事", "合作"],
        ),
    ];
    for (lang, text, expected) in cases {
        assert_eq!(fixed(lang).analyze(text), expected, "{lang}");
    }
}

#[test]
fn auto_detection_applies_each_texts_own_rules() {
    let auto = Analyzer::new(AnalyzerOptions::default()).expect("defaults");
    for s in common::samples() {
        let lang: Language = s.lang.parse().expect("known");
        assert_eq!(
            auto.analyze(&s.text),
            fixed(&s.lang).analyze(&s.text),
            "{}",
            lang.name()
        );
    }
}

#[test]
fn analyze_many_equals_one_by_one_on_real_text() {
    let mut texts = Vec::new();
    for lang in ["en", "de", "ru", "ar", "zh", "ja", "tr", "cs"] {
        texts.extend(common::bench_texts(lang).into_iter().take(40));
    }
    let an = Analyzer::new(AnalyzerOptions {
        ngram_range: (1, 2),
        ..AnalyzerOptions::default()
    })
    .expect("options");
    let one_by_one: Vec<_> = texts.iter().map(|t| an.analyze(t)).collect();
    assert_eq!(an.analyze_many(&texts), one_by_one);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    assert_eq!(pool.install(|| an.analyze_many(&texts)), one_by_one);
}

#[test]
fn greek_words_that_panic_rust_stemmers_are_stemmed() {
    let el = Stemmer::new("el".parse().expect("el"), Engine::Classic).expect("greek");
    let norm = Normalizer::default();
    for text in common::samples().iter().filter(|s| s.lang == "el") {
        for t in tokens(&text.text) {
            let _ = el.stem(&norm.normalize(t.text));
        }
    }
    assert!(!el.stem("ισαισα").is_empty());
}

#[test]
fn seeds_are_read_with_their_headers() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let docs = read_articles(dir, Default::default()).expect("seeds");
    let dates: Vec<_> = docs.iter().map(|d| d.date.as_deref()).collect();
    assert_eq!(
        dates,
        [
            Some("2022-12-31"),
            Some("2022-12-30"),
            None,
            Some("2024-02-09"),
            Some("2021-12-15")
        ]
    );
    assert!(docs[2].text.starts_with("• Direct"));
    assert!(docs
        .iter()
        .all(|d| !d.text.starts_with(' ') && d.text.len() > 2000));
}

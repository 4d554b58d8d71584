//! The table of words, one row per language rule, through the
//! analyzer with each language's stopwords and stemmer.

use textlens::{Analyzer, AnalyzerOptions, LangChoice};

fn terms(lang: &str, text: &str) -> Vec<String> {
    Analyzer::new(AnalyzerOptions {
        lang: LangChoice::Fixed(lang.parse().expect("known language")),
        ..AnalyzerOptions::default()
    })
    .expect("valid options")
    .analyze(text)
}

#[test]
fn elided_articles_are_split_off_and_dropped() {
    let rows: [(&str, &str, &[&str], &[&str]); 5] = [
        // (lang, text, terms that must be there, terms that must not)
        (
            "fr",
            "L'État a dit qu'il n'y aurait pas d'augmentation",
            &["augment"],
            &["l'état", "qu'il", "d'augment", "l", "qu", "d"],
        ),
        (
            "it",
            "dell'anno all'Europa",
            &["europ"],
            &["dell'anno", "all'europa"],
        ),
        ("ca", "l'àvia", &[], &["l'àvia", "l'av"]),
        ("ga", "d'Éirinn", &[], &["d'éirinn"]),
        ("fr", "l'", &[], &["l'", "l"]),
    ];
    for (lang, text, present, absent) in rows {
        let got = terms(lang, text);
        for p in present {
            assert!(
                got.iter().any(|t| t == p),
                "{lang} {text:?}: {got:?} lacks {p}"
            );
        }
        for a in absent {
            assert!(
                !got.iter().any(|t| t == a),
                "{lang} {text:?}: {got:?} has {a}"
            );
        }
    }
    // The word after the elision is the same term as without it.
    assert_eq!(terms("it", "dell'anno"), terms("it", "anno"));
    assert_eq!(terms("fr", "l'État"), terms("fr", "État"));
    assert_eq!(terms("ca", "l'àvia"), terms("ca", "àvia"));
    assert_eq!(terms("ga", "d'Éirinn"), terms("ga", "Éirinn"));
}

#[test]
fn turkish_and_azerbaijani_drop_the_suffix_after_an_apostrophe() {
    assert_eq!(terms("tr", "Türkiye'nin"), terms("tr", "Türkiye"));
    assert_eq!(terms("tr", "Ankara'dır"), terms("tr", "Ankara"));
    assert_eq!(terms("az", "Bakı'da"), terms("az", "Bakı"));
    assert!(terms("tr", "Türkiye'nin").iter().all(|t| !t.contains('\'')));
}

#[test]
fn english_possessives_and_dotted_abbreviations() {
    assert_eq!(terms("en", "The U.S. economy"), ["u.s", "economi"]);
    assert_eq!(terms("en", "U.K.'s PM"), terms("en", "U.K. PM"));
    assert_eq!(terms("en", "U.K.'s PM"), ["u.k", "pm"]);
    assert_eq!(terms("en", "Putin's call"), terms("en", "Putin call"));
    // Not stemmed: Snowball would cut "u.s" to "u.".
    assert_eq!(terms("en", "e.g. the U.S."), ["e.g", "u.s"]);
}

#[test]
fn languages_without_a_rule_keep_the_apostrophe() {
    assert_eq!(terms("de", "geht's"), ["geht's"]);
}

fn terms_without_stopwords(lang: &str, text: &str) -> Vec<String> {
    Analyzer::new(AnalyzerOptions {
        lang: LangChoice::Fixed(lang.parse().expect("known language")),
        stopwords: textlens::StopwordChoice::None,
        kinds: vec![textlens::TokenKind::Word, textlens::TokenKind::Number],
        ..AnalyzerOptions::default()
    })
    .expect("valid options")
    .analyze(text)
}

#[test]
fn vietnamese_syllables_make_words() {
    assert_eq!(
        terms_without_stopwords("vi", "Quốc hội thông qua luật đất đai"),
        ["quốc hội", "thông qua", "luật", "đất đai"]
    );
    // Detected as Vietnamese, the same words.
    let auto = Analyzer::new(AnalyzerOptions {
        stopwords: textlens::StopwordChoice::None,
        ..AnalyzerOptions::default()
    })
    .expect("valid options");
    let text = "Quốc hội thông qua luật đất đai sau nhiều tháng thảo luận tại Hà Nội";
    assert_eq!(auto.language_of(text).map(|l| l.code()), Some("vi"));
    let got = auto.analyze(text);
    for w in ["quốc hội", "thông qua", "đất đai", "thảo luận", "hà nội"] {
        assert!(got.iter().any(|t| t == w), "{got:?} lacks {w}");
    }
    // Old and new tone placement are one word: hoá/hóa.
    assert_eq!(terms_without_stopwords("vi", "văn hoá"), ["văn hoá"]);
    assert_eq!(terms_without_stopwords("vi", "văn hóa"), ["văn hóa"]);
    // Not in other languages.
    assert_eq!(terms_without_stopwords("en", "quốc hội"), ["quốc", "hội"]);
}

#[test]
fn spaced_abbreviations_are_one_term() {
    for (lang, spaced, closed) in [
        ("de", "z. B. Berlin", "z.B. Berlin"),
        ("de", "d. h. Berlin", "d.h. Berlin"),
        ("de", "u. a. Berlin", "u.a. Berlin"),
        ("ru", "т. е. Москва", "т.е. Москва"),
        ("en", "e. g. London", "e.g. London"),
    ] {
        let got = terms_without_stopwords(lang, spaced);
        assert_eq!(got.len(), 2, "{lang} {spaced:?}: {got:?}");
        assert_eq!(got, terms_without_stopwords(lang, closed), "{lang}");
    }
    assert_eq!(terms_without_stopwords("de", "z. B. Berlin")[0], "z.b");
}

#[test]
fn numbers_are_one_token_in_either_convention() {
    for (text, number) in [
        ("3.5 kg", "3.5"),
        ("3,5 kg", "3,5"),
        ("1.000.000 kg", "1.000.000"),
        ("1,000,000 kg", "1,000,000"),
        ("1 000 000 kg", "1 000 000"),
        ("1\u{A0}000\u{A0}000 kg", "1 000 000"),
        ("1\u{202F}000\u{202F}000 kg", "1 000 000"),
    ] {
        assert_eq!(
            terms_without_stopwords("fr", text),
            [number, "kg"],
            "{text:?}"
        );
    }
}

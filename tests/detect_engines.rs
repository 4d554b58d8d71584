//! The detection engines on bad input (defined answers, never a panic) and
//! the whatlang engine against the whatlang crate itself.

mod common;

use textlens::{detect, detect_all, DetectEngine, Detector, Language};

#[test]
fn whatlang_engine_gives_the_crates_own_answers_on_the_bench_corpus() {
    // Unsampled, so that both see the same text.
    let engine = Detector::new(DetectEngine::Whatlang).with_sample_bytes(usize::MAX);
    let mut compared = 0;
    for lang in common::bench_langs() {
        for text in common::bench_texts(&lang).iter().take(60) {
            let ours = engine.detect(text);
            let theirs = whatlang::detect(text);
            match (&ours, &theirs) {
                (Some(o), Some(t)) => {
                    assert_eq!(o.lang, Language::from_name(t.lang().code()).unwrap());
                    assert_eq!(o.confidence, t.confidence());
                    assert_eq!(o.reliable, t.is_reliable());
                    assert_eq!(o.script, t.script().name());
                }
                // A language textlens does not list, or no letter at all.
                (None, _) => {}
                (Some(o), None) => panic!("{lang}: textlens {o:?}, whatlang nothing"),
            }
            compared += 1;
        }
    }
    assert!(compared > 1000, "{compared}");
}

#[test]
fn texts_without_letters_have_no_language() {
    for text in [
        "",
        " \n\t",
        "1234567890",
        "😀🎉👍",
        "2024-12-04 12:00 +1.5 %",
        "…—–·•",
        "\u{3000}\u{a0}",
    ] {
        for engine in [DetectEngine::Ngram, DetectEngine::Whatlang] {
            let d = Detector::new(engine);
            assert_eq!(d.detect(text), None, "{engine:?} {text:?}");
            assert!(d.detect_all(text).is_empty(), "{engine:?} {text:?}");
        }
    }
}

#[test]
fn one_letter_gets_the_script_or_nothing() {
    let d = detect("ж").expect("a Cyrillic letter");
    assert_eq!(d.script, "Cyrillic");
    assert_eq!(detect("λ").unwrap().lang.code(), "el");
    assert_eq!(detect("가").unwrap().lang.code(), "ko");
    assert_eq!(detect("あ").unwrap().lang.code(), "ja");
    if let Some(a) = detect("a") {
        assert_eq!(a.script, "Latin");
        assert!(!a.reliable);
    }
}

#[test]
fn twenty_scripts_mixed() {
    let text = "hello привет γειά שלום مرحبا नमस्ते হ্যালো ਸਤ ਸ੍ਰੀ હેલો வணக்கம் హలో ಹಲೋ ഹലോ \
                ආයුබෝවන් สวัสดี မင်္ဂလာပါ សួស្តី ሰላም 안녕 こんにちは 你好 բարեւ გამარჯობა";
    let d = detect(text).expect("letters");
    let all = detect_all(text);
    assert_eq!(all.first().map(|c| c.0), Some(d.lang));
    let total: f64 = all.iter().map(|c| c.1).sum();
    assert!(all.len() == 1 || (total - 1.0).abs() < 1e-9);
}

#[test]
fn scripts_outside_the_models_go_to_whatlang() {
    // Amharic and Khmer: not among lingua's models.
    assert_eq!(detect("ሰላም እንዴት ነህ ዛሬ ጥሩ ቀን ነው").unwrap().lang.code(), "am");
    assert_eq!(detect("សួស្តី តើអ្នកសុខសប្បាយទេ").unwrap().lang.code(), "km");
}

#[test]
fn a_200_mb_document_is_sampled() {
    let line = "Der Kreml teilte mit, dass die Präsidenten telefoniert haben. ";
    let text = line.repeat(200 * 1024 * 1024 / line.len() + 1);
    assert!(text.len() > 200 * 1024 * 1024);
    let d = detect(&text).expect("German");
    assert_eq!(d.lang.code(), "de");
    assert!(d.reliable);
    // Another cut of the same text: the same answer.
    assert_eq!(detect(&text[1..]).unwrap().lang.code(), "de");
}

#[test]
fn samples_narrower_than_a_char_are_empty_windows() {
    // 8 windows of a 4-byte sample: each narrower than the 3-byte chars.
    let text = "日本語のテキストです。".repeat(50);
    for engine in [DetectEngine::Ngram, DetectEngine::Whatlang] {
        for bytes in [3, 4, 8, 17] {
            let _ = Detector::new(engine).with_sample_bytes(bytes).detect(&text);
        }
    }
}

#[test]
fn prior_and_allowlist() {
    let close = "Hotel Central";
    let nl: Language = "nl".parse().unwrap();
    let d = Detector::default().prior(&[(nl, 50.0)]).unwrap();
    assert_eq!(d.detect(close).unwrap().lang, nl);
    assert!(Detector::default().prior(&[(nl, 0.0)]).is_err());
    assert!(Detector::default().prior(&[(nl, f64::NAN)]).is_err());
    assert!(Detector::new(DetectEngine::Whatlang)
        .prior(&[(nl, 2.0)])
        .is_err());
    let only = Detector::with_allowlist(&["es".parse().unwrap(), "pt".parse().unwrap()]).unwrap();
    let all = only.detect_all("O presidente falou com o seu homólogo.");
    let codes: Vec<&str> = all.iter().map(|c| c.0.code()).collect();
    assert_eq!(codes, ["pt", "es"]);
    // A script of one language outside the allow-list: no answer.
    assert!(only.detect("Καλημέρα").is_none());
}

/// `Detector::language` skips the sort and the script name of `detect`:
/// the same language on every text of the bench corpus, whole and cut to
/// short prefixes (the 1-gram path), with and without an allow-list or a
/// prior, and where Bokmål and Nynorsk merge into Norwegian.
#[test]
fn language_is_the_language_of_detect() {
    let code = |c: &str| -> Language { c.parse().unwrap() };
    let detectors = [
        Detector::default(),
        Detector::new(DetectEngine::Whatlang),
        Detector::with_allowlist(&[code("da"), code("no"), code("sv"), code("en")]).unwrap(),
        Detector::default()
            .prior(&[(code("uk"), 50.0), (code("hr"), 3.0)])
            .unwrap(),
    ];
    let mut texts: Vec<String> = vec![
        "Det er en god dag for å gå en tur i skogen".into(),
        "Eg trur det blir fint vêr i morgon".into(),
        "Jeg synes det er en god idé".into(),
    ];
    for lang in common::bench_langs() {
        for text in common::bench_texts(&lang).iter().step_by(10) {
            for cut in [12, 60, 400, usize::MAX] {
                let mut end = cut.min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                texts.push(text[..end].to_owned());
            }
        }
    }
    assert!(texts.len() > 5_000, "{}", texts.len());
    for d in &detectors {
        for text in &texts {
            assert_eq!(
                d.language(text),
                d.detect(text).map(|found| found.lang),
                "{:?}: {text:.80}",
                d.engine()
            );
        }
    }
}

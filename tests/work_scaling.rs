//! Doubling the input at most roughly doubles the work (issue 16): each
//! path that was quadratic counts its steps in the hidden `textlens::work`
//! counter, and the counts — not seconds, which a loaded CI machine makes
//! meaningless — must grow near-linearly (≤ 2.3× per doubling; n log n
//! fits, n² would be 4×).

use textlens::{
    lsh_params, shared_passages, shared_passages_with, Engine, PassageOptions, Stemmer,
};

/// The steps `f` takes on this thread.
fn work(f: impl FnOnce()) -> u64 {
    textlens::work::reset();
    f();
    textlens::work::steps()
}

/// `f(n)` for n, 2n, 4n, 8n: each doubling at most `limit` times the work.
fn assert_near_linear(what: &str, n: usize, limit: f64, f: impl Fn(usize)) {
    let counts: Vec<u64> = (0..4).map(|k| work(|| f(n << k)).max(1)).collect();
    for pair in counts.windows(2) {
        let ratio = pair[1] as f64 / pair[0] as f64;
        assert!(
            ratio <= limit,
            "{what}: work {counts:?} grows {ratio:.2}x on doubling"
        );
    }
    assert!(counts[3] > 1, "{what}: nothing was counted");
}

#[test]
fn shared_passages_of_repeated_boilerplate() {
    assert_near_linear("shared_passages, boilerplate", 2_000, 2.3, |n| {
        let t = "ab cd ef ".repeat(n);
        let p = shared_passages_with(&t, &t, &PassageOptions::default()).unwrap();
        assert_eq!(p[0].tokens, 3 * n);
    });
}

#[test]
fn shared_passages_of_a_single_repeated_word_reports_every_run() {
    assert_near_linear("shared_passages, one word", 2_000, 2.3, |n| {
        let t = "na ".repeat(n);
        // Every run starts at the start of one of the texts: 2n − 1 of them.
        assert_eq!(shared_passages(&t, &t, 3).unwrap().len(), 2 * (n - 2) - 1);
    });
}

#[test]
fn shared_passages_of_text_with_copied_paragraphs() {
    let para = |i: usize| format!("p{i} alpha{i} beta{i} gamma{i} delta{i} eps{i}. ");
    assert_near_linear("shared_passages, copies", 200, 2.3, |n| {
        let a: String = (0..n).map(para).collect();
        let b: String = (0..n).rev().map(para).collect();
        assert_eq!(shared_passages(&a, &b, 5).unwrap().len(), n);
    });
}

#[test]
fn stemming_text_with_a_long_run_of_letters() {
    let en = Stemmer::new("en".parse().unwrap(), Engine::Current).unwrap();
    let classic = Stemmer::new("en".parse().unwrap(), Engine::Classic).unwrap();
    // n bytes of text: normal words and one run of letters (a base64 blob).
    assert_near_linear("stem, a long word", 1_000, 2.3, |n| {
        let blob = "abcdefghij".repeat(n / 20);
        for word in std::iter::repeat_n("running", n / 16).chain([blob.as_str()]) {
            assert_eq!(
                en.stem(word).len(),
                if word == "running" { 3 } else { blob.len() }
            );
            classic.stem(word);
        }
    });
}

#[test]
fn lsh_params_grows_slowly_with_num_perm() {
    assert_near_linear("lsh_params", 512, 2.3, |n| {
        lsh_params(0.8, n, (0.5, 0.5)).unwrap();
    });
}

#[test]
fn a_huge_ngram_range_is_sized_before_it_is_built() {
    use textlens::{Analyzer, AnalyzerOptions, Error, LangChoice, StopwordChoice};
    let an = Analyzer::new(AnalyzerOptions {
        lang: LangChoice::Fixed("en".parse().unwrap()),
        stopwords: StopwordChoice::None,
        ngram_range: (1, 1_000_000),
        ..AnalyzerOptions::default()
    })
    .unwrap();
    assert_near_linear("ngram_range (1, 10**6)", 5_000, 2.3, |n| {
        let doc: String = (0..n).map(|i| format!("w{i:07} ")).collect();
        let refused = std::panic::catch_unwind(|| an.analyze(&doc)).unwrap_err();
        assert!(matches!(
            refused.downcast_ref::<Error>(),
            Some(Error::OutOfMemory { .. })
        ));
    });
}

//! Detection judges long texts on bounded samples (the n-gram engine scores
//! texts over `ROUNDS_FROM_BYTES` round by round and stops once one language
//! leads clearly); on the whole benchmark corpus that may lose at most one
//! answer in 5,000 that the full text gets right (today one: uk[8], a
//! Ukrainian document whose first half is Russian). Where the full text is
//! wrong too, the two may differ: Hausa, Yakut and Livonian, which no engine
//! knows, and mojibake.

mod common;

use textlens::{Detector, ROUNDS_FROM_BYTES};

/// Texts longer than `budget`, and those where the full text gets the
/// labelled language and the sample does not.
fn disagreements(sampled: &Detector, budget: usize) -> (usize, Vec<String>) {
    let full = Detector::default().with_sample_bytes(usize::MAX);
    let mut long = 0;
    let mut differ = Vec::new();
    for lang in common::bench_langs() {
        for (i, text) in common::bench_texts(&lang).iter().enumerate() {
            if text.len() <= budget {
                continue;
            }
            long += 1;
            let a = full.detect(text).map(|d| d.lang);
            let b = sampled.detect(text).map(|d| d.lang);
            let right = a.is_some_and(|l| l.code() == lang);
            if a != b && right {
                differ.push(format!(
                    "{lang}[{i}] ({} bytes): full {a:?}, sampled {b:?}",
                    text.len()
                ));
            }
        }
    }
    (long, differ)
}

#[test]
fn sampled_detection_agrees_with_full_text_on_the_benchmark_corpus() {
    let (long, differ) = disagreements(&Detector::default(), ROUNDS_FROM_BYTES);
    assert!(
        long > 250,
        "only {long} texts longer than the sample: the check would be empty"
    );
    assert!(
        differ.len() * 5000 <= long,
        "{} of {long}:\n{}",
        differ.len(),
        differ.join("\n")
    );
}

/// How the sample size trades cost for agreement (run with --ignored --nocapture).
#[test]
#[ignore]
fn sample_size_sweep() {
    for budget in [1024, 2048, 4096, 6144] {
        let (long, differ) = disagreements(&Detector::default().with_sample_bytes(budget), budget);
        println!(
            "{budget:>5} bytes: {long:>5} texts sampled, {:>3} answers differ",
            differ.len()
        );
        for d in differ.iter().take(12) {
            println!("   {d}");
        }
    }
}

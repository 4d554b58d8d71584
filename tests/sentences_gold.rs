//! Sentence boundaries against the gold sentences of UD treebanks
//! (`shared/segmentation/sentences`, dev parts): boundary F1 per language,
//! each threshold a little below what `benches/sentence_f1.py` measured
//! (where pySBD, Punkt and ICU stand beside it), and the mean over the eleven
//! languages at the target.

mod common;

use std::collections::BTreeSet;

use textlens::{sentence_spans, Language};

/// (language, file, lowest F1 accepted); measured: ar 0.992, de 0.987,
/// en 0.897, es 0.984, fr 0.977, it 0.937, nl 0.999, pl 0.979, pt 0.903,
/// ru 0.980, tr 0.976.
const FILES: [(&str, &str, f64); 11] = [
    ("ar", "ar-pud-dev.jsonl", 0.98),
    ("de", "de-gsd-dev.jsonl", 0.97),
    ("en", "en-ewt-dev.jsonl", 0.88),
    ("es", "es-ancora-dev.jsonl", 0.97),
    ("fr", "fr-gsd-dev.jsonl", 0.96),
    ("it", "it-isdt-dev.jsonl", 0.92),
    ("nl", "nl-alpino-dev.jsonl", 0.98),
    ("pl", "pl-pdb-dev.jsonl", 0.96),
    ("pt", "pt-bosque-dev.jsonl", 0.89),
    ("ru", "ru-gsd-dev.jsonl", 0.96),
    ("tr", "tr-imst-dev.jsonl", 0.96),
];

/// Pooled boundary F1 of `sentence_spans` on one file: a boundary is the
/// byte offset where a sentence other than the first starts.
fn f1(lang: &str, file: &str) -> f64 {
    let path = common::shared().join("segmentation/sentences").join(file);
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let lang: Language = lang.parse().expect("known language");
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let sents: Vec<&str> = v["sentences"]
            .as_array()
            .expect("sentences")
            .iter()
            .map(|s| s.as_str().expect("a sentence"))
            .collect();
        let text = sents.join(" ");
        let mut gold = BTreeSet::new();
        let mut pos = 0;
        for s in &sents {
            gold.insert(pos);
            pos += s.len() + 1;
        }
        gold.remove(&0);
        let spans = sentence_spans(&text, Some(lang));
        let pred: BTreeSet<usize> = spans.iter().skip(1).map(|r| r.start).collect();
        tp += gold.intersection(&pred).count();
        fp += pred.difference(&gold).count();
        fn_ += gold.difference(&pred).count();
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    2.0 * p * r / (p + r)
}

#[test]
fn boundary_f1_per_language_and_mean_on_ud_dev() {
    let mut sum = 0.0;
    let mut low = Vec::new();
    for (lang, file, min) in FILES {
        let f = f1(lang, file);
        sum += f;
        if f < min {
            low.push(format!("{lang}: {f:.3} < {min}"));
        }
    }
    let mean = sum / FILES.len() as f64;
    assert!(low.is_empty(), "{low:?}");
    assert!(mean >= 0.95, "mean boundary F1 {mean:.3} < 0.95");
}

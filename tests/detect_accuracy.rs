//! The n-gram engine against whatlang on a development set cut from the
//! benchmark corpus and the segmentation gold sentences (never lingua's test
//! sentences): sentences, word pairs and single words, per language, with a
//! fixed seed. `cargo test --release --test detect_accuracy -- --nocapture`
//! prints the table and the calibration of the n-gram probabilities.

mod common;

use std::collections::BTreeMap;

use textlens::{DetectEngine, Detector, Language};

/// Samples per language and kind.
const PER_KIND: usize = 150;

/// A small deterministic generator (SplitMix64): the set is the same on
/// every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn sentences_of(text: &str) -> Vec<String> {
    textlens::sentences(text, None)
        .into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| s.chars().filter(|c| c.is_alphabetic()).count() >= 20 && s.len() < 400)
        .collect()
}

fn words_of(sentence: &str) -> Vec<String> {
    sentence
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
        .filter(|w| w.chars().count() >= 2 && w.chars().all(char::is_alphabetic))
        .collect()
}

/// Sentences per language: the benchmark corpus and the segmentation gold.
fn sentence_pool() -> BTreeMap<Language, Vec<String>> {
    let mut pool: BTreeMap<Language, Vec<String>> = BTreeMap::new();
    for code in common::bench_langs() {
        let Ok(lang) = code.parse::<Language>() else {
            continue;
        };
        for doc in common::bench_texts(&code) {
            pool.entry(lang).or_default().extend(sentences_of(&doc));
        }
    }
    let dir = common::shared().join("segmentation/sentences");
    for entry in std::fs::read_dir(&dir).expect("segmentation/sentences") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if !name.ends_with("-dev.jsonl") {
            continue;
        }
        let Ok(lang) = name[..2].parse::<Language>() else {
            continue;
        };
        let data = std::fs::read_to_string(&path).expect("readable");
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            for s in v["sentences"].as_array().into_iter().flatten() {
                if let Some(s) = s.as_str() {
                    pool.entry(lang).or_default().extend(sentences_of(s));
                }
            }
        }
    }
    pool
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Sentence,
    WordPair,
    Word,
}

/// (language, kind, text), PER_KIND of each kind per language that both
/// engines can answer with (the n-gram engine's languages ∩ whatlang's).
fn dev_set() -> Vec<(Language, Kind, String)> {
    let mut rng = Rng(20_261_204);
    let mut out = Vec::new();
    for (lang, sentences) in sentence_pool() {
        if !lang.detectable() || sentences.len() < 20 {
            continue;
        }
        for _ in 0..PER_KIND {
            let s = &sentences[rng.below(sentences.len())];
            out.push((lang, Kind::Sentence, s.clone()));
        }
        // Chinese and Japanese put no spaces between words: their "words"
        // would be whole clauses or the Latin names among them.
        let spaced = !matches!(lang.code(), "zh" | "ja" | "th");
        let (mut pairs, mut words) = if spaced { (0, 0) } else { (PER_KIND, PER_KIND) };
        let mut tries = 0;
        while (pairs < PER_KIND || words < PER_KIND) && tries < 100 * PER_KIND {
            tries += 1;
            let w = words_of(&sentences[rng.below(sentences.len())]);
            if w.len() < 2 {
                continue;
            }
            let i = rng.below(w.len() - 1);
            if pairs < PER_KIND {
                out.push((lang, Kind::WordPair, format!("{} {}", w[i], w[i + 1])));
                pairs += 1;
            }
            let j = rng.below(w.len());
            if words < PER_KIND && w[j].chars().count() >= 3 {
                out.push((lang, Kind::Word, w[j].clone()));
                words += 1;
            }
        }
    }
    out
}

fn accuracy(detector: &Detector, set: &[(Language, Kind, String)]) -> BTreeMap<Kind, f64> {
    let mut right: BTreeMap<Kind, (usize, usize)> = BTreeMap::new();
    for (lang, kind, text) in set {
        let e = right.entry(*kind).or_default();
        e.1 += 1;
        if detector.detect(text).is_some_and(|d| d.lang == *lang) {
            e.0 += 1;
        }
    }
    right
        .into_iter()
        .map(|(k, (r, n))| (k, 100.0 * r as f64 / n as f64))
        .collect()
}

#[test]
fn ngram_engine_beats_whatlang_on_every_text_length() {
    let set = dev_set();
    let langs: std::collections::BTreeSet<Language> = set.iter().map(|s| s.0).collect();
    assert!(
        langs.len() >= 15,
        "only {} languages in the dev set",
        langs.len()
    );
    // For the peer comparison (lingua on the same texts): a JSON Lines dump.
    if let Some(path) = std::env::var_os("TEXTLENS_DEV_DUMP") {
        let lines: Vec<String> = set
            .iter()
            .map(|(l, k, t)| {
                serde_json::json!({"lang": l.code(), "kind": format!("{k:?}"), "text": t})
                    .to_string()
            })
            .collect();
        std::fs::write(path, lines.join("\n") + "\n").expect("dump written");
    }
    let ngram = accuracy(&Detector::new(DetectEngine::Ngram), &set);
    let whatlang = accuracy(&Detector::new(DetectEngine::Whatlang), &set);
    println!("{} samples, {} languages", set.len(), langs.len());
    println!("kind         ngram  whatlang");
    for (kind, a) in &ngram {
        println!(
            "{:<10} {a:>7.1} {:>9.1}",
            format!("{kind:?}"),
            whatlang[kind]
        );
    }
    for (kind, a) in &ngram {
        assert!(
            *a >= whatlang[kind],
            "{kind:?}: ngram {a:.1} % < whatlang {:.1} %",
            whatlang[kind]
        );
    }
    assert!(
        ngram[&Kind::Sentence] >= 97.0,
        "sentences: {:.1} %",
        ngram[&Kind::Sentence]
    );
}

/// Per language, and how often answers with a given probability are right.
#[test]
fn per_language_table_and_calibration() {
    let set = dev_set();
    let ngram = Detector::new(DetectEngine::Ngram);
    let mut per: BTreeMap<(Language, Kind), (usize, usize)> = BTreeMap::new();
    let mut bins = [(0usize, 0usize); 10];
    let mut confused: BTreeMap<(Language, Language), usize> = BTreeMap::new();
    for (lang, kind, text) in &set {
        let d = ngram.detect(text);
        let ok = d.as_ref().is_some_and(|d| d.lang == *lang);
        let e = per.entry((*lang, *kind)).or_default();
        e.1 += 1;
        e.0 += usize::from(ok);
        if let Some(d) = &d {
            let b = ((d.confidence * 10.0) as usize).min(9);
            bins[b].1 += 1;
            bins[b].0 += usize::from(ok);
            if !ok {
                *confused.entry((*lang, d.lang)).or_default() += 1;
            }
        }
    }
    let mut line = String::new();
    for ((lang, kind), (r, n)) in &per {
        line += &format!(
            "{}/{kind:?} {:.0}  ",
            lang.code(),
            100.0 * *r as f64 / *n as f64
        );
        if *kind == Kind::Word {
            println!("{line}");
            line.clear();
        }
    }
    println!("confidence  answers  right");
    for (i, (r, n)) in bins.iter().enumerate() {
        if *n > 0 {
            println!(
                "{:.1}–{:.1} {n:>9} {:>6.1} %",
                i as f64 / 10.0,
                (i + 1) as f64 / 10.0,
                100.0 * *r as f64 / *n as f64
            );
        }
    }
    let mut worst: Vec<_> = confused.into_iter().collect();
    worst.sort_by_key(|b| std::cmp::Reverse(b.1));
    for ((a, b), n) in worst.iter().take(12) {
        println!("{} → {}: {n}", a.code(), b.code());
    }
    let (r, n) = bins[9];
    assert!(
        n > 0 && r as f64 / n as f64 >= 0.97,
        "0.9–1.0: {r} of {n} right"
    );
}

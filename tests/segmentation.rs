//! Word segmentation against the gold words of Universal Dependencies
//! treebanks (`shared/segmentation/words`, dev portions): token-level
//! precision, recall and F1 of the dictionary segmenter. The thresholds sit a
//! little below what was measured (BENCHMARKS.md, `make bench-segmentation`),
//! so a change that loses accuracy fails here.

mod common;

use serde::Deserialize;
use textlens::{for_each_token_in, for_each_token_with, Cjk, Language, Token};

#[derive(Deserialize)]
struct Sentence {
    text: String,
    words: Vec<String>,
}

fn sentences(file: &str) -> Vec<Sentence> {
    let path = common::shared().join("segmentation/words").join(file);
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    data.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

/// Spans of `pieces` in the text with all whitespace removed, in characters.
fn spans<'a>(pieces: impl Iterator<Item = &'a str>) -> Vec<(usize, usize)> {
    let mut at = 0;
    pieces
        .filter_map(|p| {
            let n = p.chars().filter(|c| !c.is_whitespace()).count();
            let span = (at, at + n);
            at += n;
            (n > 0).then_some(span)
        })
        .collect()
}

/// Precision, recall and F1 of textlens's tokens (every kind, so that
/// punctuation counts as in the gold data) against the gold words.
fn scores(file: &str, cjk: Cjk) -> (f64, f64, f64) {
    scores_of(file, |text, emit| for_each_token_with(text, cjk, emit))
}

/// [`scores`] of the tokens of a language ([`for_each_token_in`]).
fn scores_in(file: &str, lang: &str) -> (f64, f64, f64) {
    let lang: Language = lang.parse().expect("known language");
    scores_of(file, |text, emit| {
        for_each_token_in(text, Some(lang), Cjk::Dictionary, emit)
    })
}

fn scores_of(
    file: &str,
    tokenize: impl for<'a> Fn(&'a str, &mut dyn FnMut(Token<'a>)),
) -> (f64, f64, f64) {
    let (mut tp, mut n_pred, mut n_gold) = (0usize, 0usize, 0usize);
    for s in sentences(file) {
        let gold = spans(s.words.iter().map(String::as_str));
        // Tokens cover the text except whitespace; the gaps between them
        // (none in these sentences) would count as misses.
        let mut pieces = Vec::new();
        let mut pos = 0;
        tokenize(&s.text, &mut |t| {
            if t.start >= pos {
                if t.start > pos {
                    pieces.push(&s.text[pos..t.start]);
                }
                pieces.push(t.text);
                pos = t.end;
            }
        });
        pieces.push(&s.text[pos..]);
        let pred = spans(pieces.into_iter());
        let gold_set: std::collections::HashSet<_> = gold.iter().collect();
        tp += pred.iter().filter(|p| gold_set.contains(p)).count();
        n_pred += pred.len();
        n_gold += gold.len();
    }
    let p = tp as f64 / n_pred as f64;
    let r = tp as f64 / n_gold as f64;
    (p, r, 2.0 * p * r / (p + r))
}

fn check(file: &str, min_f1: f64) {
    let (p, r, f1) = scores(file, Cjk::Dictionary);
    println!("{file}: P {p:.3} R {r:.3} F1 {f1:.3}");
    assert!(f1 >= min_f1, "{file}: F1 {f1:.3} < {min_f1}");
}

#[test]
fn chinese_simplified_words_match_ud_gsdsimp() {
    check("zh-gsdsimp-dev.jsonl", 0.785);
}

#[test]
fn chinese_traditional_words_match_ud_gsd() {
    check("zh-gsd-dev.jsonl", 0.785);
}

#[test]
fn japanese_words_match_ud_gsd() {
    check("ja-gsd-dev.jsonl", 0.86);
}

#[test]
fn thai_words_match_ud_pud() {
    check("th-pud-dev.jsonl", 0.74);
}

#[test]
fn dictionary_words_beat_bigrams_on_chinese() {
    let (_, _, dict) = scores("zh-gsdsimp-dev.jsonl", Cjk::Dictionary);
    let (_, _, bigram) = scores("zh-gsdsimp-dev.jsonl", Cjk::Bigram);
    assert!(
        dict > bigram + 0.2,
        "dictionary {dict:.3} vs bigram {bigram:.3}"
    );
}

/// Vietnamese syllables joined into words (pyvi's list, longest match,
/// names): F1 0.966 measured, pyvi 0.959, underthesea 0.954 on this file.
#[test]
fn vietnamese_words_match_ud_vtb() {
    let (p, r, f1) = scores_in("vi-vtb-dev.jsonl", "vi");
    println!("vi-vtb: P {p:.3} R {r:.3} F1 {f1:.3}");
    assert!(f1 >= 0.95, "vi-vtb: F1 {f1:.3} < 0.95");
    // Syllables alone score far lower.
    let (_, _, syllables) = scores("vi-vtb-dev.jsonl", Cjk::Dictionary);
    assert!(
        f1 > syllables + 0.15,
        "words {f1:.3} vs syllables {syllables:.3}"
    );
}

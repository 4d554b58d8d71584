//! The fuzz targets' checks (`fuzz/src`, see `make fuzz`) over the committed
//! seed corpora and every input that once made a target fail
//! (`fuzz/regressions`), with plain `cargo test` and no libFuzzer.

#[path = "../fuzz/src/analyzer.rs"]
mod analyzer;
#[path = "../fuzz/src/input.rs"]
mod input;
#[path = "../fuzz/src/mecab.rs"]
mod mecab;
#[path = "../fuzz/src/passages.rs"]
mod passages;
#[path = "../fuzz/src/reader.rs"]
mod reader;
#[path = "../fuzz/src/segmentation.rs"]
mod segmentation;
#[path = "../fuzz/src/similarity_minhash.rs"]
mod similarity_minhash;

use std::fs;
use std::path::PathBuf;

/// Runs `check` on every file of `fuzz/seeds/<target>` and
/// `fuzz/regressions/<target>`; returns how many there were.
fn run(target: &str, check: fn(&[u8])) -> usize {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut inputs = Vec::new();
    for kind in ["seeds", "regressions"] {
        if let Ok(entries) = fs::read_dir(root.join(kind).join(target)) {
            inputs.extend(entries.map(|e| e.expect("a directory entry").path()));
        }
    }
    inputs.sort();
    for path in &inputs {
        // Shown only when the check fails: which input it was.
        eprintln!("{target}: {}", path.display());
        check(&fs::read(path).expect("a readable input"));
    }
    inputs.len()
}

#[test]
fn analyzer_seeds_and_regressions() {
    assert!(run("analyzer", analyzer::analyzer) >= 20);
}

#[test]
fn reader_seeds_and_regressions() {
    assert!(run("reader", reader::reader) >= 5);
}

#[test]
fn similarity_minhash_seeds_and_regressions() {
    assert!(run("similarity_minhash", similarity_minhash::similarity_minhash) >= 5);
}

#[test]
fn passages_seeds_and_regressions() {
    assert!(run("passages", passages::passages) >= 5);
}

/// Checks nothing without `$TEXTLENS_MECAB_DIR` (`make test-rust` passes
/// unidic-lite's from the virtualenv).
#[test]
fn mecab_seeds_and_regressions() {
    assert!(run("mecab", mecab::mecab) >= 5);
}

#[test]
fn segmentation_seeds_and_regressions() {
    assert!(run("segmentation", segmentation::segmentation) >= 10);
}

/// Japanese reads Han as Japanese even without kana, Chinese as Chinese
/// even beside kana: the words are checked against the tokenizer's tokens
/// read the same way.
#[test]
fn segmentation_words_where_the_language_reads_han() {
    for (text, lang) in [
        ("東京都知事選挙", "ja"),
        ("我们今天去北京大学看望老师、ひらがな", "zh"),
    ] {
        let lang: textlens::Language = lang.parse().unwrap();
        segmentation::check_words(text, Some(lang), textlens::Cjk::Dictionary);
    }
}

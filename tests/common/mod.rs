//! Helpers shared by the integration tests: the multilingual sample table
//! (also read by pytest and criterion) and the shared data folder.

#![allow(dead_code)]

use std::path::PathBuf;

use serde::Deserialize;

/// One row of `tests/data/samples.json`.
#[derive(Debug, Deserialize)]
pub struct Sample {
    pub lang: String,
    pub text: String,
}

pub fn samples() -> Vec<Sample> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/samples.json");
    let text = std::fs::read_to_string(&path).expect("tests/data/samples.json");
    serde_json::from_str(&text).expect("valid samples.json")
}

/// `../shared` beside the repository, or `$TEXTLENS_SHARED`. CI always has it:
/// a missing folder fails the test instead of skipping it.
pub fn shared() -> PathBuf {
    let dir = std::env::var_os("TEXTLENS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    assert!(
        dir.join("oracles").is_dir(),
        "shared data not found at {} (set TEXTLENS_SHARED)",
        dir.display()
    );
    dir
}

/// The texts of one benchmark corpus file, `shared/corpus/bench/<lang>.jsonl`.
pub fn bench_texts(lang: &str) -> Vec<String> {
    let path = shared().join("corpus/bench").join(format!("{lang}.jsonl"));
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    data.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            v["text"].as_str().expect("text field").to_owned()
        })
        .collect()
}

/// Every language file in the benchmark corpus, by code.
pub fn bench_langs() -> Vec<String> {
    let mut langs: Vec<String> = std::fs::read_dir(shared().join("corpus/bench"))
        .expect("bench folder")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".jsonl").map(str::to_owned)
        })
        .collect();
    langs.sort();
    langs
}

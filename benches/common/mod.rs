//! Input shared by the criterion benches: real news text from
//! ../shared/corpus/bench (or $TEXTLENS_SHARED), by script; without it, the
//! sample table of tests/data/samples.json repeated.

// Each bench uses the part it needs.
#![allow(dead_code)]

use std::path::PathBuf;

pub const BYTES_PER_GROUP: usize = 1 << 20;

/// (group name, languages, the language whose rules apply)
pub const GROUPS: [(&str, &[&str], &str); 4] = [
    ("latin", &["en", "de", "es", "fr"], "en"),
    ("cyrillic", &["ru", "uk"], "ru"),
    ("arabic", &["ar"], "ar"),
    ("cjk", &["zh", "ja"], "zh"),
];

pub fn shared() -> PathBuf {
    std::env::var_os("TEXTLENS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"))
}

/// About `BYTES_PER_GROUP` of text, taken evenly from each language's file.
pub fn corpus(langs: &[&str]) -> String {
    let mut out = String::new();
    for lang in langs {
        let path = shared().join("corpus/bench").join(format!("{lang}.jsonl"));
        let data = std::fs::read_to_string(&path).unwrap_or_default();
        let mut taken = 0;
        for line in data.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let text = v["text"].as_str().unwrap_or_default();
            out.push_str(text);
            out.push('\n');
            taken += text.len();
            if taken >= BYTES_PER_GROUP / langs.len() {
                break;
            }
        }
    }
    if out.is_empty() {
        let table = std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/samples.json"),
        )
        .unwrap_or_default();
        let rows: Vec<serde_json::Value> = serde_json::from_str(&table).unwrap_or_default();
        let text: String = rows
            .iter()
            .filter(|r| langs.contains(&r["lang"].as_str().unwrap_or_default()))
            .map(|r| format!("{}\n", r["text"].as_str().unwrap_or_default()))
            .collect();
        out = text.repeat(BYTES_PER_GROUP / text.len().max(1) + 1);
    }
    out
}

//! One thread through the bench corpus, one stage at a time, for profiling:
//!
//! ```sh
//! cargo build --release --example profile_pipeline
//! perf record -g target/release/examples/profile_pipeline all
//! ```
//!
//! Modes: `detect` (language detection only), `fixed` (the whole analysis
//! with each document's corpus label as a fixed language: no detection),
//! `nostem` (as `fixed`, without stemming), `all` (the default `Analyzer`:
//! detection and analysis). Reads `$TEXTLENS_SHARED/corpus/bench/*.jsonl`
//! (default `../shared`).

use std::path::PathBuf;
use std::time::Instant;

use textlens::{Analyzer, AnalyzerOptions, Language};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mode = std::env::args().nth(1).unwrap_or_else(|| "all".into());
    let shared = std::env::var_os("TEXTLENS_SHARED")
        .map_or_else(|| PathBuf::from("../shared"), PathBuf::from);
    let mut docs: Vec<(String, Option<Language>)> = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(shared.join("corpus/bench"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    for path in files {
        for line in std::fs::read_to_string(&path)?.lines() {
            let record: serde_json::Value = serde_json::from_str(line)?;
            let text = record["text"].as_str().unwrap_or_default().to_owned();
            let lang = record["lang"].as_str().and_then(|l| l.parse().ok());
            docs.push((text, lang));
        }
    }
    let analyzer = Analyzer::new(AnalyzerOptions::default())?;
    let unstemmed = Analyzer::new(AnalyzerOptions {
        stem: false,
        ..AnalyzerOptions::default()
    })?;
    let start = Instant::now();
    let mut n = 0usize;
    for (text, lang) in &docs {
        n += match mode.as_str() {
            "detect" => usize::from(analyzer.detect(text).is_some()),
            "fixed" => analyzer.analyze_as(text, *lang).len(),
            "nostem" => unstemmed.analyze_as(text, *lang).len(),
            "all" => analyzer.analyze(text).len(),
            other => {
                return Err(format!("unknown mode {other:?}: detect, fixed, nostem or all").into())
            }
        };
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = docs.iter().map(|d| d.0.len()).sum::<usize>() as f64 / 1e6;
    println!(
        "{mode}: {} docs, {mb:.1} MB, {secs:.3} s, {:.1} MB/s, {n} results",
        docs.len(),
        mb / secs
    );
    Ok(())
}

//! One thread through the bench corpus, one stage at a time, for profiling:
//!
//! ```sh
//! cargo build --release --example profile_pipeline
//! perf record -g target/release/examples/profile_pipeline all
//! ```
//!
//! Modes: `detect` (language detection only, as the analyzer asks for it), `tokenize` (tokens only),
//! `fixed` (the whole analysis with each document's corpus label as a fixed
//! language: no detection), `nostem` (as `fixed`, without stemming), `all`
//! (the default `Analyzer`: detection and analysis, per token). The corpus
//! modes count into a [`Corpus`] with rayon's pool (`RAYON_NUM_THREADS=1`
//! for one thread): `corpus` (`Corpus::build`, default `Analyzer`: each
//! distinct token analyzed once per chunk), `corpus-uncached` (the same
//! through the per-token path), `corpus-fixed` (as `corpus`, one build per
//! corpus label with that language fixed: no detection),
//! `corpus-fixed-uncached` (the same through the per-token path), `tfidf` (the
//! `corpus` build, then `dtm(tfidf)`, timed apart). `stages` runs them all.
//! Reads `$TEXTLENS_SHARED/corpus/bench/*.jsonl` (default `../shared`).

use std::path::PathBuf;
use std::time::Instant;

use textlens::{
    for_each_token, Analyzer, AnalyzerOptions, Corpus, Features, LangChoice, Language, Weighting,
};

/// The analyzer's terms through the per-token path only (no term cache).
struct Uncached<'a>(&'a Analyzer);

impl Features for Uncached<'_> {
    fn for_each_feature(&self, text: &str, f: &mut dyn FnMut(&str)) {
        self.0.for_each_feature(text, f);
    }
}

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
    let modes: Vec<&str> = if mode == "stages" {
        vec![
            "detect",
            "tokenize",
            "fixed",
            "nostem",
            "all",
            "corpus-uncached",
            "corpus",
            "corpus-fixed-uncached",
            "corpus-fixed",
            "tfidf",
        ]
    } else {
        vec![mode.as_str()]
    };
    let mb = docs.iter().map(|d| d.0.len()).sum::<usize>() as f64 / 1e6;
    let texts: Vec<&str> = docs.iter().map(|d| d.0.as_str()).collect();
    for mode in modes {
        let cpu_start = cpu_seconds();
        let start = Instant::now();
        let mut n = 0usize;
        let mut extra = String::new();
        match mode {
            "corpus" => n = Corpus::build(&analyzer, &texts).terms().len(),
            "corpus-uncached" => n = Corpus::count(&Uncached(&analyzer), &texts).terms().len(),
            "corpus-fixed" | "corpus-fixed-uncached" => {
                let mut langs: Vec<Option<Language>> = docs.iter().map(|d| d.1).collect();
                langs.sort();
                langs.dedup();
                for lang in langs {
                    let group: Vec<&str> = docs
                        .iter()
                        .filter(|d| d.1 == lang)
                        .map(|d| d.0.as_str())
                        .collect();
                    let an = Analyzer::new(AnalyzerOptions {
                        lang: lang.map_or(LangChoice::Auto, LangChoice::Fixed),
                        ..AnalyzerOptions::default()
                    })?;
                    n += if mode == "corpus-fixed" {
                        Corpus::build(&an, &group).terms().len()
                    } else {
                        Corpus::count(&Uncached(&an), &group).terms().len()
                    };
                }
            }
            "tfidf" => {
                let corpus = Corpus::build(&analyzer, &texts);
                let counted = start.elapsed().as_secs_f64();
                n = corpus.dtm(&Weighting::tfidf())?.indices.len();
                extra = format!(
                    " (count {counted:.3} s, dtm {:.3} s)",
                    start.elapsed().as_secs_f64() - counted
                );
            }
            _ => {
                for (text, lang) in &docs {
                    n += match mode {
                        "detect" => usize::from(analyzer.language_of(text).is_some()),
                        "tokenize" => {
                            let mut k = 0;
                            for_each_token(text, |_| k += 1);
                            k
                        }
                        "fixed" => analyzer.analyze_as(text, *lang).len(),
                        "nostem" => unstemmed.analyze_as(text, *lang).len(),
                        "all" => analyzer.analyze(text).len(),
                        other => {
                            return Err(format!(
                                "unknown mode {other:?}: stages, detect, tokenize, fixed, nostem, \
                                 all, corpus, corpus-uncached, corpus-fixed, \
                                 corpus-fixed-uncached or tfidf"
                            )
                            .into())
                        }
                    };
                }
            }
        }
        let secs = start.elapsed().as_secs_f64();
        let cpu = cpu_seconds() - cpu_start;
        println!(
            "{mode}: {} docs, {mb:.1} MB, {secs:.3} s, CPU {cpu:.2} s, {:.1} MB/s, {n} results{extra}",
            docs.len(),
            mb / secs
        );
    }
    Ok(())
}

/// CPU seconds this process has used (user + system, all threads), from
/// `/proc/self/stat` (Linux; 0 elsewhere): on a machine shared with other
/// jobs the wall clock measures the neighbours too.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which may hold spaces): utime is the
    // 12th and stime the 13th of them, in clock ticks (100 per second).
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

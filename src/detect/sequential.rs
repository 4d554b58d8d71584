//! Long texts, judged until the answer is clear: the n-gram engine scores
//! a sample in rounds (the next few words of each of its windows, spread
//! from the start to the end of the text) and stops once the leading
//! language is ahead of every other by a margin of log-probability (checked
//! after each window once half of a round's windows are in): a
//! sequential test, whose margin the benchmark documents and the
//! development set show to be safe (`tests/detect_sample.rs`).

use super::model::Model;
use super::ngram::{self, Tally};
use super::sample::SAMPLE_WINDOWS;
use crate::text::lang::Language;

/// How a long text is scored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Plan {
    /// Bytes of each window scored per round (cut at the next whitespace).
    pub(crate) chunk: usize,
    /// Stop once the leader is this many q (1/16 nat of n-gram
    /// log-probability) ahead of every other language.
    pub(crate) margin: i32,
    /// The shortest n-gram scored: 1-grams have the longest postings and
    /// decide little once a text has a few dozen words.
    pub(crate) min_order: usize,
    /// Texts longer than this many bytes are scored this way.
    pub(crate) from: usize,
}

impl Default for Plan {
    fn default() -> Self {
        Plan {
            chunk: 24,
            margin: 1920,
            min_order: 3,
            from: super::ROUNDS_FROM_BYTES,
        }
    }
}

/// The lead is checked after each window of a round from this one on: a
/// clear text stops once the first half of its windows are in (they reach
/// to the middle of the text), not only at the end of a round. Checking
/// from the first window on lost one more full-text answer on the benchmark
/// corpus (an English text on Oslo, decided Norwegian by its first windows);
/// from the fourth, none (`plan_sweep`), at 20 % less time there.
const CHECK_FROM_WINDOW: usize = SAMPLE_WINDOWS / 2;

/// A language the answer may take: model index, language, and its prior in
/// q units (added to the score).
pub(crate) type Candidate = (usize, Language, i32);

/// Score `windows` of `text` round by round until the leading candidate's
/// margin reaches `plan.margin` or the windows are spent; the tally and
/// the bytes scored.
pub(crate) fn score(
    model: &Model,
    text: &str,
    windows: &[(usize, usize); SAMPLE_WINDOWS],
    candidates: &[Candidate],
    plan: Plan,
) -> (Tally, usize) {
    let mut tally = Tally::new();
    let mut cursor: [usize; SAMPLE_WINDOWS] = windows.map(|w| w.0);
    let mut scored = 0;
    loop {
        let mut more = false;
        for (w, (at, &(_, end))) in cursor.iter_mut().zip(windows).enumerate() {
            if *at >= end {
                continue;
            }
            let stop = next_cut(text, *at + plan.chunk, end);
            // Looked up when the lead is checked (or the queue is full): the
            // windows before a check share a batch of lookups.
            ngram::queue_into(
                model,
                &text[*at..stop],
                plan.min_order..=ngram::MAX_ORDER,
                &mut tally,
            );
            scored += stop - *at;
            *at = stop;
            more |= stop < end;
            if w + 1 >= CHECK_FROM_WINDOW {
                tally.flush(model);
                if lead(&tally, candidates) >= plan.margin {
                    return (tally, scored);
                }
            }
        }
        if !more {
            tally.flush(model);
            return (tally, scored);
        }
    }
}

/// The first whitespace at or after byte `from` (moved to a char boundary),
/// or `end`.
fn next_cut(text: &str, from: usize, end: usize) -> usize {
    if from >= end {
        return end;
    }
    let mut at = from;
    while !text.is_char_boundary(at) {
        at += 1;
    }
    text.get(at..end)
        .and_then(|s| s.find(char::is_whitespace))
        .map_or(end, |i| at + i)
}

/// How far the best candidate is ahead of the best one of another language
/// (Bokmål and Nynorsk are both Norwegian), in q units; `i32::MAX` when
/// only one language is a candidate, 0 when none is.
pub(crate) fn lead(tally: &Tally, candidates: &[Candidate]) -> i32 {
    let value = |&(i, _, prior): &Candidate| tally.score.get(i).copied().unwrap_or(0) + prior;
    let Some(best) = candidates.iter().max_by_key(|c| value(c)) else {
        return 0;
    };
    let top = value(best);
    candidates
        .iter()
        .filter(|c| c.1 != best.1)
        .map(value)
        .max()
        .map_or(i32::MAX, |second| top - second)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::Detector;

    fn bench_docs() -> Vec<(String, String)> {
        let dir = std::env::var("TEXTLENS_SHARED").unwrap_or_else(|_| "../shared".into());
        let mut out = Vec::new();
        let mut files: Vec<_> = std::fs::read_dir(format!("{dir}/corpus/bench"))
            .expect("bench corpus")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
            .collect();
        files.sort();
        for path in files {
            let lang = path.file_stem().unwrap().to_string_lossy().into_owned();
            let data = std::fs::read_to_string(&path).unwrap();
            for line in data.lines().filter(|l| !l.trim().is_empty()) {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                out.push((lang.clone(), v["text"].as_str().unwrap().to_owned()));
            }
        }
        out
    }

    /// Bytes scored per document and language with the default plan.
    #[test]
    #[ignore]
    fn bytes_scored_per_language() {
        let docs = bench_docs();
        let d = Detector::default();
        let model = crate::detect::model::model().unwrap();
        let mut per: std::collections::BTreeMap<String, (usize, usize, usize)> = Default::default();
        for (lang, text) in &docs {
            if text.len() <= d.plan.from {
                continue;
            }
            let windows = crate::detect::sample::windows(text, d.sample_bytes);
            let script = crate::detect::script::ScriptCounts::of(text).dominant();
            let Some(script) = script else { continue };
            let cands = d.candidates(model, script);
            if cands.is_empty() {
                continue;
            }
            let (_, bytes) = score(model, text, &windows, &cands, d.plan);
            let e = per.entry(lang.clone()).or_default();
            e.0 += 1;
            e.1 += bytes;
            e.2 += text.len().min(d.sample_bytes);
        }
        for (lang, (n, b, t)) in per {
            println!(
                "{lang}: {n} docs, {:.0} bytes scored of {:.0}",
                b as f64 / n as f64,
                t as f64 / n as f64
            );
        }
    }

    /// How the plan trades time for agreement with full-text detection on
    /// the benchmark corpus (run with --ignored --nocapture, release).
    #[test]
    #[ignore]
    fn plan_sweep() {
        let docs = bench_docs();
        let full = Detector::default().with_sample_bytes(usize::MAX);
        let truth: Vec<_> = docs
            .iter()
            .map(|(_, t)| full.detect(t).map(|d| d.lang))
            .collect();
        let t0 = std::time::Instant::now();
        let n = docs
            .iter()
            .filter(|(_, t)| whatlang::detect(t).is_some())
            .count();
        println!("whatlang crate: {:.3} s ({n})", t0.elapsed().as_secs_f64());
        for (min_order, chunk, margin, from) in [
            (3, 16, 960, 512),
            (3, 16, 1920, 512),
            (3, 16, 2560, 512),
            (4, 16, 1280, 512),
            (4, 16, 1920, 512),
            (3, 24, 1920, 512),
            (3, 16, 1920, 384),
        ] {
            {
                {
                    let d = Detector {
                        plan: Plan {
                            chunk,
                            margin,
                            min_order,
                            from,
                        },
                        ..Detector::default()
                    };
                    let t0 = std::time::Instant::now();
                    let got: Vec<_> = docs
                        .iter()
                        .map(|(_, t)| d.detect(t).map(|d| d.lang))
                        .collect();
                    let secs = t0.elapsed().as_secs_f64();
                    let (mut lost, mut wrong, mut gained) = (0, 0, 0);
                    for (((lang, t), a), b) in docs.iter().zip(&truth).zip(&got) {
                        let a_right = a.is_some_and(|l| l.code() == lang);
                        let b_right = b.is_some_and(|l| l.code() == lang);
                        lost += usize::from(a_right && !b_right);
                        if a_right && !b_right {
                            println!(
                                "   lost {lang}: {b:?} {} bytes {:?}",
                                t.len(),
                                &t[..t.len().min(160)]
                            );
                        }
                        gained += usize::from(!a_right && b_right);
                        wrong += usize::from(!b_right);
                    }
                    println!(
                        "min_order {min_order} chunk {chunk:>2} margin {margin:>4} from {from:>4}: {secs:.3} s, lost {lost}, gained {gained}, wrong {wrong} of {}",
                        docs.len()
                    );
                }
            }
        }
    }
}

//! The languages of a mixed-language text and where each one runs: a quote in
//! another language inside a news article, a bilingual document.
//!
//! Each word is judged with a few words of context on each side; a best path
//! through those judgements (Viterbi, with a cost for every change of
//! language) picks one language per word, so that one odd word does not open
//! a span of its own; runs shorter than [`SpanOptions::min_words`] are merged
//! into a neighbour; the spans then cover the whole text.

use serde::{Deserialize, Serialize};

use crate::detect::Detector;
use crate::text::lang::Language;

/// A run of a text in one language: `text[start..end]` (byte offsets).
///
/// Consecutive spans of one result touch (`a.end == b.start`) and cover the
/// text from its first to its last byte; neighbours differ in language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// The language of the run.
    pub lang: Language,
    /// The first byte of the run.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
}

/// How [`Detector::detect_spans_with`] finds spans.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpanOptions {
    /// Each word is judged on itself and this many words on each side.
    pub context_words: usize,
    /// The cost of a change of language, in the log-probability units of the
    /// words' judgements: higher, fewer and longer spans.
    pub switch_cost: f64,
    /// Runs of fewer words join a neighbour (unless the text has no other).
    pub min_words: usize,
}

impl Default for SpanOptions {
    fn default() -> Self {
        SpanOptions {
            context_words: 1,
            switch_cost: 6.0,
            min_words: 3,
        }
    }
}

/// Texts with more words than this are judged in blocks of this many words.
const MAX_WORDS: usize = 1 << 20;

/// The least probability a judgement gives the language it answers with.
const ANSWER_WEIGHT: f64 = 0.75;

/// The least probability a word's judgement gives any candidate language.
const FLOOR: f64 = 1e-4;

/// A language that wins at least this many judgements with at least
/// [`CANDIDATE_CONFIDENCE`] (or the whole text) may label words.
const CANDIDATE_WINS: usize = 2;
const CANDIDATE_CONFIDENCE: f64 = 0.2;

impl Detector {
    /// The languages of `text` with their spans; see [`Span`]. Empty when the
    /// text has no letter or no language is found.
    ///
    /// # Examples
    ///
    /// ```
    /// use textlens::Detector;
    ///
    /// let text = "The chancellor met the press on Monday after a long day of negotiations \
    ///             in Berlin. „Wir haben heute sehr gute Gespräche geführt und werden morgen \
    ///             weiter verhandeln“, sagte er vor dem Kanzleramt. Reporters were not allowed \
    ///             to ask any questions, and the opposition said that the government had again \
    ///             failed to explain its plans.";
    /// let spans = Detector::default().detect_spans(text);
    /// let langs: Vec<&str> = spans.iter().map(|s| s.lang.code()).collect();
    /// assert_eq!(langs, ["en", "de", "en"]);
    /// assert!(text[spans[1].start..spans[1].end].starts_with("„Wir haben"));
    /// assert_eq!((spans[0].start, spans[2].end), (0, text.len()));
    /// ```
    pub fn detect_spans(&self, text: &str) -> Vec<Span> {
        self.detect_spans_with(text, &SpanOptions::default())
    }

    /// [`Detector::detect_spans`] with other [`SpanOptions`].
    pub fn detect_spans_with(&self, text: &str, options: &SpanOptions) -> Vec<Span> {
        let words = words(text);
        if words.is_empty() {
            return Vec::new();
        }
        let mut runs: Vec<(Language, usize)> = Vec::new(); // (lang, first word)
        for block in (0..words.len()).step_by(MAX_WORDS) {
            let end = (block + MAX_WORDS).min(words.len());
            for (lang, first) in self.runs(text, &words[block..end], options) {
                if runs.last().is_none_or(|&(l, _)| l != lang) {
                    runs.push((lang, block + first));
                }
            }
        }
        let mut spans: Vec<Span> = Vec::with_capacity(runs.len());
        // A span starts after the whitespace before its first word, so that
        // an opening quote or bracket goes with the words it opens.
        let start_of = |w: usize| {
            let gap_start = if w == 0 { 0 } else { words[w - 1].1 };
            let gap = &text[gap_start..words[w].0];
            gap.rfind(char::is_whitespace).map_or(words[w].0, |i| {
                gap_start + i + gap[i..].chars().next().map_or(1, char::len_utf8)
            })
        };
        for (i, &(lang, first)) in runs.iter().enumerate() {
            let start = if i == 0 { 0 } else { start_of(first) };
            let end = runs.get(i + 1).map_or(text.len(), |&(_, w)| start_of(w));
            spans.push(Span { lang, start, end });
        }
        spans
    }

    /// `(language, index of its first word)` of each run of `words`, in order.
    fn runs(
        &self,
        text: &str,
        words: &[(usize, usize)],
        options: &SpanOptions,
    ) -> Vec<(Language, usize)> {
        let k = options.context_words;
        let last = words.len() - 1;
        let judge = |first: usize, end: usize| {
            self.detect(&text[words[first].0..words[end].1])
                .map(|d| (d.lang, d.confidence.clamp(0.0, 1.0)))
        };
        // Each word with its context before it and with its context after it:
        // next to a change of language one of the two lies on one side only.
        let judged: Vec<[Option<(Language, f64)>; 2]> = (0..words.len())
            .map(|i| [judge(i.saturating_sub(k), i), judge(i, (i + k).min(last))])
            .collect();
        let candidates = candidates(&judged, self.detect(text).map(|d| d.lang));
        if candidates.is_empty() {
            return Vec::new();
        }
        let n = candidates.len();
        // ln P(word | lang): a judgement gives its language its confidence
        // mapped into ANSWER_WEIGHT..1 (whatlang's answer among a few
        // candidates is right far more often than its confidence says) and
        // the other candidates share the rest; of the two judgements of a
        // word, each language keeps its better one.
        let emissions: Vec<Vec<f64>> = judged
            .iter()
            .map(|pair| {
                let mut e = vec![f64::NEG_INFINITY; n];
                for j in pair {
                    let (lang, conf) = match *j {
                        Some((l, c)) if candidates.contains(&l) => (Some(l), c),
                        _ => (None, 0.0),
                    };
                    let p = ANSWER_WEIGHT + (1.0 - ANSWER_WEIGHT) * conf;
                    let rest = if n > 1 {
                        (1.0 - p) / (n - 1) as f64
                    } else {
                        1.0
                    };
                    for (s, &c) in candidates.iter().enumerate() {
                        let q = match lang {
                            None => 1.0 / n as f64,
                            Some(l) if l == c => p,
                            Some(_) => rest,
                        };
                        e[s] = e[s].max(q.max(FLOOR).ln());
                    }
                }
                e
            })
            .collect();
        let path = viterbi(&emissions, options.switch_cost);
        let mut runs: Vec<(usize, usize, usize)> = Vec::new(); // (state, first, last+1)
        for (i, &s) in path.iter().enumerate() {
            match runs.last_mut() {
                Some(r) if r.0 == s => r.2 = i + 1,
                _ => runs.push((s, i, i + 1)),
            }
        }
        merge_short_runs(&mut runs, &emissions, options.min_words);
        for r in 1..runs.len() {
            let (a, b) = (candidates[runs[r - 1].0], candidates[runs[r].0]);
            let j =
                self.refine_boundary(text, words, (runs[r - 1].1, runs[r].1, runs[r].2), a, b, k);
            runs[r - 1].2 = j;
            runs[r].1 = j;
        }
        runs.into_iter()
            .map(|(s, first, _)| (candidates[s], first))
            .collect()
    }
}

impl Detector {
    /// Where, near word `b` and between words `first` and `end`, the text
    /// turns from language `a` to `b_lang`: the word `j` that best leaves
    /// [`REFINE_WORDS`] words of `a` before it and of `b_lang` after it (each
    /// side judged between the two languages only), preferring a gap with
    /// punctuation, where languages change in real texts (quotes, sentences).
    /// The path above places a change anywhere within the context of the
    /// words that see both languages.
    fn refine_boundary(
        &self,
        text: &str,
        words: &[(usize, usize)],
        (first, b, end): (usize, usize, usize),
        a: Language,
        b_lang: Language,
        context: usize,
    ) -> usize {
        let Ok(pair) = Detector::with_allowlist(&[a, b_lang]) else {
            return b;
        };
        let side = |lang: Language, from: usize, to: usize| -> f64 {
            if from >= to {
                return 0.0;
            }
            match pair.detect(&text[words[from].0..words[to - 1].1]) {
                Some(d) if d.lang == lang => d.confidence,
                Some(d) => -d.confidence,
                None => 0.0,
            }
        };
        let reach = context + 2;
        let lo = b.saturating_sub(reach).max(first + 1);
        let hi = (b + reach).min(end.saturating_sub(1));
        let mut best = (f64::NEG_INFINITY, b);
        for j in lo..=hi {
            let gap = &text[words[j - 1].1..words[j].0];
            let bonus = if gap.chars().any(is_break) {
                PUNCT_BONUS
            } else {
                0.0
            };
            let score = side(a, j.saturating_sub(REFINE_WORDS).max(first), j)
                + side(b_lang, j, (j + REFINE_WORDS).min(end))
                + bonus;
            // Ties go to the path's own choice, then to the nearer word.
            let better = score > best.0 + 1e-9
                || ((score - best.0).abs() <= 1e-9 && j.abs_diff(b) < best.1.abs_diff(b));
            if better {
                best = (score, j);
            }
        }
        if lo > hi {
            b
        } else {
            best.1
        }
    }
}

/// Words on each side of a candidate boundary judged by [`Detector::refine_boundary`].
const REFINE_WORDS: usize = 4;
/// What a gap with punctuation adds to a candidate boundary, in confidence units.
const PUNCT_BONUS: f64 = 0.3;

/// Punctuation where a text may change language: ends of sentences and
/// clauses, quotes, brackets, dashes.
fn is_break(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | ';'
            | ':'
            | '"'
            | '\''
            | '('
            | ')'
            | '['
            | ']'
            | '«'
            | '»'
            | '“'
            | '”'
            | '„'
            | '‘'
            | '’'
            | '‚'
            | '—'
            | '–'
            | '。'
            | '！'
            | '？'
            | '「'
            | '」'
            | '؟'
            | '\n'
    )
}

/// The languages that may label words: the whole text's, and each that wins
/// [`CANDIDATE_WINS`] confident judgements (one noisy short window does not
/// bring in a language).
fn candidates(judged: &[[Option<(Language, f64)>; 2]], whole: Option<Language>) -> Vec<Language> {
    let mut wins: Vec<Language> = judged
        .iter()
        .flatten()
        .flatten()
        .filter(|&&(_, c)| c >= CANDIDATE_CONFIDENCE)
        .map(|&(l, _)| l)
        .collect();
    wins.sort_unstable();
    let mut out: Vec<Language> = whole.into_iter().collect();
    for chunk in wins.chunk_by(|a, b| a == b) {
        if chunk.len() >= CANDIDATE_WINS && !out.contains(&chunk[0]) {
            out.push(chunk[0]);
        }
    }
    out
}

/// The languages of `text` with their spans, among all languages; see
/// [`Detector::detect_spans`].
pub fn detect_spans(text: &str) -> Vec<Span> {
    Detector::default().detect_spans(text)
}

/// Byte ranges of the words of `text`: runs of letters and marks (digits,
/// punctuation and spaces separate them; they carry no language).
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let letter = c.is_alphabetic() || (start.is_some() && is_mark(c));
        match (letter, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Combining marks and joiners inside a word (Devanagari vowel signs, ZWJ).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0900..=0x0DFF | 0x0E31..=0x0E4E | 0x200C | 0x200D | 0x3099 | 0x309A)
        && !c.is_whitespace()
}

/// The most likely state of each step, where a change of state costs
/// `switch_cost`. `emissions[i][s]` is the log-likelihood of step `i` in state `s`.
fn viterbi(emissions: &[Vec<f64>], switch_cost: f64) -> Vec<usize> {
    let Some(first) = emissions.first() else {
        return Vec::new();
    };
    let n = first.len();
    let mut score = first.clone();
    let mut back: Vec<Vec<usize>> = Vec::with_capacity(emissions.len());
    back.push((0..n).collect());
    for e in &emissions[1..] {
        let (best, best_score) = argmax(&score);
        let mut next = vec![0.0; n];
        let mut from = vec![0; n];
        for s in 0..n {
            let stay = score[s];
            let switch = best_score - switch_cost;
            (next[s], from[s]) = if stay >= switch {
                (stay, s)
            } else {
                (switch, best)
            };
            next[s] += e[s];
        }
        score = next;
        back.push(from);
    }
    let mut state = argmax(&score).0;
    let mut path = vec![0; emissions.len()];
    for i in (0..emissions.len()).rev() {
        path[i] = state;
        state = back[i][state];
    }
    path
}

/// Index and value of the largest element (the first of equals).
fn argmax(xs: &[f64]) -> (usize, f64) {
    xs.iter().copied().enumerate().fold(
        (0, f64::NEG_INFINITY),
        |a, (i, x)| if x > a.1 { (i, x) } else { a },
    )
}

/// Merge runs `(state, first, end)` of fewer than `min_words` words into the
/// neighbour whose language explains their words better, shortest first, then
/// join neighbours of one state.
fn merge_short_runs(
    runs: &mut Vec<(usize, usize, usize)>,
    emissions: &[Vec<f64>],
    min_words: usize,
) {
    let fit = |state: usize, first: usize, end: usize| -> f64 {
        emissions[first..end].iter().map(|e| e[state]).sum()
    };
    while runs.len() > 1 {
        let Some((i, _)) = runs
            .iter()
            .enumerate()
            .filter(|(_, r)| r.2 - r.1 < min_words)
            .min_by_key(|(_, r)| r.2 - r.1)
        else {
            break;
        };
        let (_, first, end) = runs[i];
        let left = i.checked_sub(1).map(|j| runs[j].0);
        let right = runs.get(i + 1).map(|r| r.0);
        let state = match (left, right) {
            (Some(l), Some(r)) if fit(r, first, end) > fit(l, first, end) => r,
            (Some(l), _) => l,
            (None, Some(r)) => r,
            (None, None) => break,
        };
        runs[i].0 = state;
        let mut joined: Vec<(usize, usize, usize)> = Vec::with_capacity(runs.len());
        for &r in runs.iter() {
            match joined.last_mut() {
                Some(last) if last.0 == r.0 => last.2 = r.2,
                _ => joined.push(r),
            }
        }
        *runs = joined;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_letter_runs_with_their_marks() {
        let text = "Hi, 2 naïve हिन्दी—中文";
        let w: Vec<&str> = words(text).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(w, ["Hi", "naïve", "हिन्दी", "中文"]);
    }

    #[test]
    fn viterbi_pays_for_each_switch() {
        let e = |a: f64, b: f64| vec![a, b];
        // One word for state 1 in a run of state 0: not worth two switches.
        let em = [e(0.0, -3.0), e(0.0, -3.0), e(-2.0, 0.0), e(0.0, -3.0)];
        assert_eq!(viterbi(&em, 5.0), [0, 0, 0, 0]);
        assert_eq!(viterbi(&em, 0.5), [0, 0, 1, 0]);
        assert!(viterbi(&[], 1.0).is_empty());
    }

    #[test]
    fn short_runs_join_the_neighbour_that_fits_them_better() {
        let em = vec![vec![0.0, -1.0, -9.0]; 6];
        let mut runs = vec![(0, 0, 3), (1, 3, 4), (2, 4, 6)];
        merge_short_runs(&mut runs, &em, 2);
        assert_eq!(runs, [(0, 0, 4), (2, 4, 6)]);
        merge_short_runs(&mut runs, &em, 3);
        assert_eq!(runs, [(0, 0, 6)]);
    }

    #[test]
    fn no_letters_no_spans() {
        assert!(detect_spans("").is_empty());
        assert!(detect_spans("12 345 — 👍").is_empty());
    }

    #[test]
    fn one_language_one_span() {
        let text = "  Die Präsidenten haben am Montag lange telefoniert, teilte der Kreml mit. ";
        let spans = detect_spans(text);
        assert_eq!(spans.len(), 1);
        assert_eq!(
            (spans[0].lang.code(), spans[0].start, spans[0].end),
            ("de", 0, text.len())
        );
    }
}

//! Language detection: the n-gram engine (naive Bayes over lingua's letter
//! n-gram models, the default) or whatlang, on a bounded sample of long texts.

use std::borrow::Cow;
use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::text::lang::Language;

mod model;
mod ngram;
mod sample;
pub(crate) mod script;
mod sequential;
pub(crate) mod spans;

use sample::sample;

use script::{ScriptCounts, ScriptRule};

/// Texts longer than this many bytes are judged on a sample of this size:
/// windows spread from the start to the end. Checked against full-text
/// detection on the whole benchmark corpus (tests/detect_sample.rs).
pub const SAMPLE_BYTES: usize = 6 * 1024;

/// The quick sample: its windows give a long text's script; the whatlang
/// engine judges texts on it first and goes on to the [`SAMPLE_BYTES`]
/// sample only where that answer is unreliable. Checked like the sample
/// size itself.
pub const QUICK_SAMPLE_BYTES: usize = 1536;

/// The n-gram engine scores texts longer than this many bytes round by
/// round (a few words from each window of the [`SAMPLE_BYTES`] sample,
/// 3- to 5-grams) and stops once one language leads every other by 120
/// nats of log-probability. On the benchmark corpus that loses at most one
/// answer in 5,000 that the whole text gets right (`tests/detect_sample.rs`).
pub const ROUNDS_FROM_BYTES: usize = 512;

/// A top probability at least this high makes an n-gram answer reliable:
/// on the development set (texts up to a sentence), answers above it are
/// right ≥ 99 % of the time (`tests/detect_accuracy.rs`, `calibration`).
/// Texts longer than [`ROUNDS_FROM_BYTES`] stop scoring at a lead that puts
/// the top probability at about 1, so for them `reliable` says that the
/// margin was reached, and their check is agreement with the whole text.
pub const RELIABLE_PROBABILITY: f64 = 0.9;

/// The n-gram engine's scores are sums of log-probabilities over overlapping
/// n-grams, which overstate the evidence; dividing by this temperature
/// before the softmax makes the probabilities calibrated on the development
/// set.
const TEMPERATURE: f64 = 4.0;

/// With a list of expected languages ([`Detector::with_expected`]), each of
/// them is this many times as likely a priori as any other.
pub const EXPECTED_WEIGHT: f64 = 10.0;

/// Which detector judges the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DetectEngine {
    /// Naive Bayes over letter 1- to 5-grams with lingua's language models
    /// (66 languages), script rules for scripts of one language, whatlang
    /// for scripts the models lack.
    #[default]
    Ngram,
    /// The whatlang crate's own answers.
    Whatlang,
}

impl DetectEngine {
    /// The engine's name: `"ngram"` or `"whatlang"`.
    pub fn name(self) -> &'static str {
        match self {
            DetectEngine::Ngram => "ngram",
            DetectEngine::Whatlang => "whatlang",
        }
    }
}

impl std::str::FromStr for DetectEngine {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "ngram" => Ok(DetectEngine::Ngram),
            "whatlang" => Ok(DetectEngine::Whatlang),
            _ => Err(Error::invalid(
                "engine",
                format!("unknown detection engine {s:?}: use \"ngram\" or \"whatlang\""),
            )),
        }
    }
}

/// The result of language detection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Detection {
    /// The language found.
    pub lang: Language,
    /// The writing system, e.g. `"Latin"`, `"Cyrillic"`, `"Mandarin"` (Han).
    pub script: String,
    /// The probability of `lang` (n-gram engine), or whatlang's confidence,
    /// from 0 to 1.
    pub confidence: f64,
    /// n-gram engine: `confidence` ≥ [`RELIABLE_PROBABILITY`]; whatlang:
    /// whatlang's own judgement.
    pub reliable: bool,
}

/// Detects languages, optionally among an allow-list only.
///
/// # Examples
///
/// ```
/// use textlens::{DetectEngine, Detector};
///
/// let any = Detector::default();
/// let d = any.detect("Der Kreml teilte mit, dass die Präsidenten telefoniert haben.").unwrap();
/// assert_eq!(d.lang.code(), "de");
/// assert_eq!(d.script, "Latin");
///
/// let only = Detector::with_allowlist(&["es".parse()?, "pt".parse()?])?;
/// assert_eq!(only.detect("O presidente falou com o seu homólogo chinês.").unwrap().lang.code(), "pt");
/// assert!(any.detect("").is_none());
/// assert!(any.detect("\u{3000}\u{a0} 2022-12-30 …").is_none()); // no letter, no guess
///
/// let whatlang = Detector::new(DetectEngine::Whatlang);
/// assert_eq!(whatlang.detect("Добрый день, как дела?").unwrap().lang.code(), "ru");
/// # Ok::<(), textlens::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Detector {
    engine: DetectEngine,
    /// The whatlang engine, or the n-gram engine's fallback for scripts
    /// its models lack.
    whatlang: Option<whatlang::Detector>,
    sample_bytes: usize,
    quick_bytes: Option<usize>,
    allowlist: Option<Vec<Language>>,
    /// ln(prior weight) per [`Language::index`]; `None`: uniform.
    prior: Option<Vec<f64>>,
    /// How the n-gram engine scores texts longer than [`ROUNDS_FROM_BYTES`].
    plan: sequential::Plan,
}

impl Default for Detector {
    fn default() -> Self {
        Detector::new(DetectEngine::default())
    }
}

/// A verdict before sampling decisions: the script, and the candidates
/// either ranked already (whatlang, a script of one language) or as the
/// n-gram engine's logits, softmaxed only where probabilities are asked for
/// (the analyzer needs the language alone).
struct Judged {
    script: Cow<'static, str>,
    ranking: Ranking,
}

enum Ranking {
    /// Candidates with probabilities, most likely first, and whether the
    /// answer is reliable.
    Ranked(Vec<(Language, f64)>, bool),
    /// Candidates with their logits (tally plus prior, over the temperature).
    Logits(Vec<(Language, f64)>),
}

impl Ranking {
    /// The candidates with probabilities, most likely first, and whether
    /// the answer is reliable.
    fn ranked(self) -> (Vec<(Language, f64)>, bool) {
        match self {
            Ranking::Ranked(ranked, reliable) => (ranked, reliable),
            Ranking::Logits(logits) => {
                let mut ranked = softmax_merged(logits);
                ranked.sort_unstable_by(by_probability);
                let reliable = ranked.first().is_some_and(|t| t.1 >= RELIABLE_PROBABILITY);
                (ranked, reliable)
            }
        }
    }

    /// Whether the answer is reliable.
    fn reliable(&self) -> bool {
        match self {
            Ranking::Ranked(_, reliable) => *reliable,
            Ranking::Logits(logits) => {
                best(logits.clone()).is_some_and(|t| t.1 >= RELIABLE_PROBABILITY)
            }
        }
    }

    /// The most likely language: the first of [`Ranking::ranked`].
    fn top(self) -> Option<Language> {
        match self {
            Ranking::Ranked(ranked, _) => ranked.first().map(|t| t.0),
            Ranking::Logits(logits) => best(logits).map(|t| t.0),
        }
    }
}

/// The first of the sorted [`softmax_merged`], without the sort.
fn best(logits: Vec<(Language, f64)>) -> Option<(Language, f64)> {
    softmax_merged(logits).into_iter().min_by(by_probability)
}

impl Detector {
    /// A detector using `engine`, among all languages it knows.
    pub fn new(engine: DetectEngine) -> Detector {
        Detector {
            engine,
            whatlang: Some(whatlang::Detector::default()),
            sample_bytes: SAMPLE_BYTES,
            quick_bytes: Some(QUICK_SAMPLE_BYTES),
            allowlist: None,
            prior: None,
            plan: sequential::Plan::default(),
        }
    }

    /// The engine this detector uses.
    pub fn engine(&self) -> DetectEngine {
        self.engine
    }

    /// The same detector (allow-list, sampling) on the whatlang engine.
    pub(crate) fn as_whatlang(&self) -> Detector {
        Detector {
            engine: DetectEngine::Whatlang,
            prior: None,
            ..self.clone()
        }
    }

    /// Judge texts longer than `bytes` on a sample of about that size
    /// (`usize::MAX`: always the whole text), in one stage, every n-gram
    /// scored. The default scores the n-gram engine's texts longer than
    /// [`ROUNDS_FROM_BYTES`] in rounds, and whatlang's on a
    /// [`QUICK_SAMPLE_BYTES`] sample, then [`SAMPLE_BYTES`] where the quick
    /// answer is unreliable.
    pub fn with_sample_bytes(mut self, bytes: usize) -> Detector {
        self.sample_bytes = bytes.max(3);
        self.quick_bytes = None;
        self
    }

    /// A detector (default engine) that only answers with one of `langs`.
    ///
    /// # Errors
    ///
    /// See [`Detector::allowlist`].
    pub fn with_allowlist(langs: &[Language]) -> Result<Detector> {
        Detector::default().allowlist(langs)
    }

    /// Only answer with one of `langs`.
    ///
    /// # Errors
    ///
    /// [`Error::Unsupported`] for a language the engine cannot detect;
    /// [`Error::InvalidOption`] for an empty list.
    pub fn allowlist(mut self, langs: &[Language]) -> Result<Detector> {
        if langs.is_empty() {
            return Err(Error::invalid(
                "allowlist",
                "must name at least one language",
            ));
        }
        for &l in langs {
            let known = match self.engine {
                DetectEngine::Whatlang => l.whatlang().is_some(),
                DetectEngine::Ngram => l.whatlang().is_some() || in_model(l),
            };
            if !known {
                return Err(Error::Unsupported {
                    lang: l.code(),
                    name: l.name(),
                    what: "language detection",
                });
            }
        }
        let wl: Vec<whatlang::Lang> = langs.iter().filter_map(|l| l.whatlang()).collect();
        self.whatlang = (!wl.is_empty()).then(|| whatlang::Detector::with_allowlist(wl));
        self.allowlist = Some(langs.to_vec());
        Ok(self)
    }

    /// Prior weights: a language given weight 3 is three times as likely
    /// a priori as one not named (weight 1), which shifts close calls (short
    /// texts, related languages) and leaves clear ones alone.
    ///
    /// # Examples
    ///
    /// ```
    /// use textlens::Detector;
    ///
    /// let text = "Hotel Central";
    /// let nl = Detector::default().prior(&[("nl".parse()?, 50.0)])?;
    /// assert_eq!(nl.detect(text).unwrap().lang.code(), "nl");
    /// # Ok::<(), textlens::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] for a weight that is not a positive finite
    /// number, or with the whatlang engine (it ranks no alternatives).
    pub fn prior(mut self, weights: &[(Language, f64)]) -> Result<Detector> {
        if self.engine != DetectEngine::Ngram {
            return Err(Error::invalid("prior", "needs the \"ngram\" engine"));
        }
        let mut ln = vec![0.0; Language::count()];
        for &(lang, w) in weights {
            if !(w.is_finite() && w > 0.0) {
                return Err(Error::invalid(
                    "prior",
                    format!(
                        "weight for {} must be a positive number, not {w}",
                        lang.code()
                    ),
                ));
            }
            ln[lang.index()] = w.ln();
        }
        self.prior = Some(ln);
        Ok(self)
    }

    /// The prior of a collection expected to be in `langs`: each is
    /// [`EXPECTED_WEIGHT`] times as likely as any other language.
    ///
    /// # Errors
    ///
    /// As [`Detector::prior`].
    pub fn with_expected(self, langs: &[Language]) -> Result<Detector> {
        let weights: Vec<(Language, f64)> = langs.iter().map(|&l| (l, EXPECTED_WEIGHT)).collect();
        self.prior(&weights)
    }

    /// Detect the language of `text`; `None` when the text gives no clue
    /// (empty, digits or punctuation only).
    pub fn detect(&self, text: &str) -> Option<Detection> {
        let judged = self.judge_sampled(text)?;
        let (ranked, reliable) = judged.ranking.ranked();
        let &(lang, confidence) = ranked.first()?;
        Some(Detection {
            lang,
            script: judged.script.into_owned(),
            confidence,
            reliable,
        })
    }

    /// The language [`Detector::detect`] finds, without the rest of the
    /// answer: the n-gram engine skips sorting its candidates and naming
    /// the script (what the [`Analyzer`](crate::Analyzer) asks for).
    ///
    /// # Examples
    ///
    /// ```
    /// use textlens::Detector;
    ///
    /// let d = Detector::default();
    /// let text = "Der Kreml teilte mit, dass die Präsidenten telefoniert haben.";
    /// assert_eq!(d.language(text), d.detect(text).map(|found| found.lang));
    /// assert_eq!(d.language(text).unwrap().code(), "de");
    /// assert_eq!(d.language("1234"), None);
    /// ```
    pub fn language(&self, text: &str) -> Option<Language> {
        self.judge_sampled(text)?.ranking.top()
    }

    /// Every candidate language of `text` with its probability, most likely
    /// first; the probabilities sum to 1 (n-gram engine). Empty when the text
    /// gives no clue. A script of one language (Greek, Hangul, kana…) gives
    /// that language alone; the whatlang engine gives its one answer with its
    /// confidence.
    ///
    /// # Examples
    ///
    /// ```
    /// use textlens::Detector;
    ///
    /// let all = Detector::default().detect_all("Det er en god dag");
    /// assert!(all.len() > 2);
    /// assert!((all.iter().map(|c| c.1).sum::<f64>() - 1.0).abs() < 1e-9);
    /// assert!(["da", "no"].contains(&all[0].0.code()));
    /// ```
    pub fn detect_all(&self, text: &str) -> Vec<(Language, f64)> {
        self.judge_sampled(text)
            .map(|j| j.ranking.ranked().0)
            .unwrap_or_default()
    }

    fn judge_sampled(&self, text: &str) -> Option<Judged> {
        match self.quick_bytes {
            Some(quick) if self.engine == DetectEngine::Ngram && text.len() > self.plan.from => {
                self.judge_long(text, quick)
            }
            _ => self.judge_staged(text),
        }
    }

    fn judge_staged(&self, text: &str) -> Option<Judged> {
        match self.quick_bytes {
            // No answer from the quick sample (no letter in its windows, or
            // only a language outside the allow-list) is no verdict either:
            // the larger sample decides.
            Some(quick) if text.len() > quick => match self.judge_within(text, quick) {
                Some(found) if found.ranking.reliable() => Some(found),
                _ => self.judge_within(text, self.sample_bytes),
            },
            _ => self.judge_within(text, self.sample_bytes),
        }
    }

    /// The n-gram engine on a long text: the script from the quick sample's
    /// windows; where the models decide, the [`SAMPLE_BYTES`] sample scored
    /// round by round until one language leads clearly
    /// ([`sequential`]). Anything else takes the two-stage path.
    fn judge_long(&self, text: &str, quick: usize) -> Option<Judged> {
        let Some(model) = model::model() else {
            return self.judge_staged(text);
        };
        let mut counts = ScriptCounts::default();
        let quick_windows = sample::windows(text, quick);
        let mut left: usize = quick_windows.iter().map(|(s, e)| e - s).sum();
        for (start, end) in quick_windows {
            // Count until the rest cannot change the dominant script.
            if counts.settled(left) {
                break;
            }
            counts.add(&text[start..end]);
            left -= end - start;
        }
        // No letter in the quick windows: the staged path looks further.
        let Some(script) = counts.dominant() else {
            return self.judge_staged(text);
        };
        match script::rule(script) {
            ScriptRule::Model => {}
            // The quick sample's letters are the staged path's too (its
            // windows are the same): a script of one language answers now.
            ScriptRule::One(code) => {
                return self.only(script, code).or_else(|| self.judge_staged(text))
            }
            ScriptRule::Fallback => return self.judge_staged(text),
        }
        let candidates = self.candidates(model, script);
        if candidates.is_empty() {
            return self.judge_staged(text);
        }
        let windows = sample::windows(text, self.sample_bytes);
        let (tally, _) = sequential::score(model, text, &windows, &candidates, self.plan);
        if tally.found == 0 {
            return self.judge_staged(text);
        }
        self.rank(script, &candidates, &tally)
    }

    /// The languages of the model that write `script` and are allowed, with
    /// their priors in q units.
    fn candidates(
        &self,
        model: &model::Model,
        script: script::Script,
    ) -> Vec<sequential::Candidate> {
        let mut out = Vec::new();
        for (i, (&lang, &written)) in model.langs.iter().zip(&model.scripts).enumerate() {
            if written != script || !self.allowed(lang) {
                continue;
            }
            let code = model.codes.get(i).copied().unwrap_or_default();
            let mut prior = self.prior.as_ref().map_or(0.0, |p| p[lang.index()]);
            if matches!(code, "nb" | "nn") {
                // Two models, one language: half the prior each.
                prior -= std::f64::consts::LN_2;
            }
            let q = (prior * model::Q_SCALE * TEMPERATURE).round();
            out.push((i, lang, q.clamp(-1e9, 1e9) as i32));
        }
        out
    }

    /// The candidates' logits from a tally (their softmax gives the
    /// probabilities); `None` without a candidate.
    fn rank(
        &self,
        script: script::Script,
        candidates: &[sequential::Candidate],
        tally: &ngram::Tally,
    ) -> Option<Judged> {
        let logits: Vec<(Language, f64)> = candidates
            .iter()
            .map(|&(i, lang, prior)| {
                let s = f64::from(tally.score.get(i).copied().unwrap_or(0)) + f64::from(prior);
                (lang, s / (model::Q_SCALE * TEMPERATURE))
            })
            .collect();
        (!logits.is_empty()).then(|| Judged {
            script: Cow::Borrowed(script.name()),
            ranking: Ranking::Logits(logits),
        })
    }

    fn judge_within(&self, text: &str, budget: usize) -> Option<Judged> {
        let sampled;
        let judged = if text.len() <= budget {
            text
        } else {
            sampled = sample(text, budget);
            &sampled
        };
        match self.engine {
            DetectEngine::Whatlang => self.judge_whatlang(judged),
            DetectEngine::Ngram => self.judge_ngram(judged),
        }
    }

    fn allowed(&self, lang: Language) -> bool {
        self.allowlist.as_ref().is_none_or(|l| l.contains(&lang))
    }

    fn judge_whatlang(&self, text: &str) -> Option<Judged> {
        // whatlang guesses a language, with confidence 0, for text without a
        // single letter (no-break and ideographic spaces, digits, symbols).
        if !text.chars().any(char::is_alphabetic) {
            return None;
        }
        let info = self.whatlang.as_ref()?.detect(text)?;
        let lang = Language::from_whatlang(info.lang())?;
        // whatlang answers with the one language of a script (Japanese for
        // kana, Korean for Hangul, Greek…) whatever its allow-list says.
        if !self.allowed(lang) {
            return None;
        }
        Some(Judged {
            script: Cow::Owned(info.script().name().to_owned()),
            ranking: Ranking::Ranked(vec![(lang, info.confidence())], info.is_reliable()),
        })
    }

    /// The one language that writes `script`, if allowed.
    fn only(&self, script: script::Script, code: &str) -> Option<Judged> {
        let lang: Language = code.parse().ok()?;
        self.allowed(lang).then(|| Judged {
            script: Cow::Borrowed(script.name()),
            ranking: Ranking::Ranked(vec![(lang, 1.0)], true),
        })
    }

    fn judge_ngram(&self, text: &str) -> Option<Judged> {
        let counts = ScriptCounts::of(text);
        let script = counts.dominant()?;
        let Some(model) = model::model() else {
            return self.judge_whatlang(text);
        };
        match script::rule(script) {
            ScriptRule::One(code) => self.only(script, code),
            ScriptRule::Fallback => self.judge_whatlang(text),
            ScriptRule::Model => {
                let tally = ngram::tally(model, text, ngram::MAX_ORDER);
                if tally.found == 0 {
                    return self.judge_whatlang(text);
                }
                self.rank(script, &self.candidates(model, script), &tally)
            }
        }
    }
}

/// Probabilities from logits, in the logits' order; a language listed twice
/// (Bokmål and Nynorsk both answer Norwegian) gets the sum, at its first
/// place.
fn softmax_merged(logits: Vec<(Language, f64)>) -> Vec<(Language, f64)> {
    let max = logits.iter().map(|l| l.1).fold(f64::NEG_INFINITY, f64::max);
    if !max.is_finite() {
        return Vec::new();
    }
    let mut out: Vec<(Language, f64)> = Vec::with_capacity(logits.len());
    let mut seen = [0u64; 4];
    let mut total = 0.0;
    for (lang, l) in logits {
        let p = (l - max).exp();
        total += p;
        let (word, bit) = (lang.index() / 64 % 4, 1u64 << (lang.index() % 64));
        let again = seen[word] & bit != 0;
        seen[word] |= bit;
        match again
            .then(|| out.iter_mut().find(|o| o.0 == lang))
            .flatten()
        {
            Some(o) => o.1 += p,
            None => out.push((lang, p)),
        }
    }
    for o in &mut out {
        o.1 /= total;
    }
    out
}

/// The ranking's order: most likely first, ties by language code. The
/// languages of a ranking are distinct, so the order is total (an unstable
/// sort gives the same as a stable one).
fn by_probability(a: &(Language, f64), b: &(Language, f64)) -> Ordering {
    b.1.total_cmp(&a.1).then_with(|| a.0.code().cmp(b.0.code()))
}

/// Whether the n-gram engine's models (or its script rules) cover `lang`.
pub(crate) fn in_model(lang: Language) -> bool {
    model::model().is_some_and(|m| m.langs.contains(&lang))
        || matches!(lang.code(), "zh" | "ja" | "ko" | "el" | "hy" | "ka" | "he")
}

/// Detect the language of `text` among all languages. See [`Detector`].
pub fn detect(text: &str) -> Option<Detection> {
    Detector::default().detect(text)
}

/// Every candidate language of `text` with its probability. See
/// [`Detector::detect_all`].
pub fn detect_all(text: &str) -> Vec<(Language, f64)> {
    Detector::default().detect_all(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_is_bounded_and_keeps_char_boundaries() {
        let text = "ёлка и пальма ".repeat(5000);
        let s = sample(&text, SAMPLE_BYTES);
        assert!(s.len() <= SAMPLE_BYTES + 2);
        assert!(s.starts_with("ёлка"));
    }

    #[test]
    fn cjk_without_spaces_is_sampled_too() {
        let text = "中华人民共和国主席习近平同俄罗斯总统普京举行视频会晤。".repeat(1000);
        assert_eq!(detect(&text).unwrap().lang.code(), "zh");
    }

    /// Found by the `analyzer` fuzz target: an allow-list of Amharic
    /// detected kana as Japanese.
    #[test]
    fn allowlist_holds_for_scripts_of_one_language() {
        let only = |codes: &[&str]| {
            let langs: Vec<Language> = codes.iter().map(|c| c.parse().unwrap()).collect();
            Detector::with_allowlist(&langs).unwrap()
        };
        assert!(only(&["am"]).detect("ひらがなとカタカナ").is_none());
        assert!(only(&["en"]).detect("한국어 뉴스").is_none());
        assert!(only(&["en"]).detect("中华人民共和国主席习近平").is_none());
        assert!(only(&["ru"]).detect("Ελληνικά νέα").is_none());
        let ja = only(&["ja", "en"]).detect("ひらがなとカタカナ").unwrap();
        assert_eq!(ja.lang.code(), "ja");
    }

    #[test]
    fn a_quick_sample_without_letters_defers_to_the_larger_one() {
        // Numbers everywhere but in one gap between the quick sample's windows.
        let numbers = |n| "2022 1,000 3.20 ".repeat(n);
        let text = format!(
            "{}Der Kreml teilte mit, dass die Präsidenten telefoniert haben. {}",
            numbers(13),
            numbers(150)
        );
        assert!(text.len() > QUICK_SAMPLE_BYTES && text.len() < SAMPLE_BYTES);
        let quick_only = Detector::default().with_sample_bytes(QUICK_SAMPLE_BYTES);
        assert_eq!(quick_only.detect(&text), None);
        assert_eq!(
            Detector::default().detect(&text).map(|d| d.lang.code()),
            Some("de")
        );
    }

    #[test]
    fn allowlist_rejects_undetectable_languages() {
        let br: Language = "br".parse().unwrap();
        assert!(Detector::with_allowlist(&[br]).is_err());
        let eu: Language = "eu".parse().unwrap();
        assert!(Detector::with_allowlist(&[eu]).is_ok());
        assert!(Detector::new(DetectEngine::Whatlang)
            .allowlist(&[eu])
            .is_err());
        assert!(Detector::with_allowlist(&[]).is_err());
    }
}

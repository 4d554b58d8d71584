//! The analyzer: detect → tokenize → normalize → filter → stopwords → stem →
//! n-grams, configured once and applied to any number of texts.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::detect::spans::Span;
use crate::detect::{DetectEngine, Detection, Detector};
use crate::error::{Error, Result};
use crate::text::join::{for_each_token_in, tidy_spaces};
use crate::text::lang::{Engine, Language};
use crate::text::normalize::{Form, Normalizer};
use crate::text::segment::{korean, Cjk};
use crate::text::stem::Stemmer;
use crate::text::stopwords::{default_stopwords, Stopwords};
use crate::text::term_cache::{TermCache, DROPPED};
use crate::text::tokenize::{Token, TokenKind};
use crate::text::words::is_dotted;

/// Which language rules to apply.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LangChoice {
    /// Detect the language of each text (serialized as `"auto"`).
    #[default]
    Auto,
    /// Use this language for every text.
    Fixed(Language),
}

impl std::str::FromStr for LangChoice {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        if s.trim().eq_ignore_ascii_case("auto") {
            Ok(LangChoice::Auto)
        } else {
            Language::from_name(s).map(LangChoice::Fixed)
        }
    }
}

impl fmt::Display for LangChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LangChoice::Auto => f.write_str("auto"),
            LangChoice::Fixed(l) => f.write_str(l.code()),
        }
    }
}

impl Serialize for LangChoice {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LangChoice {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// Which stopwords to remove.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StopwordChoice {
    /// The built-in list of each text's language (see [`default_stopwords`]).
    #[default]
    Default,
    /// Remove none.
    None,
    /// Exactly these words, whatever the language.
    Custom(Vec<String>),
}

/// Everything an [`Analyzer`] can be told. `Default` is what
/// `Analyzer(lang="auto")` gives in Python.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AnalyzerOptions {
    /// The language, or [`LangChoice::Auto`] to detect it per text.
    pub lang: LangChoice,
    /// With `Auto`: detect only among these languages.
    pub allowlist: Option<Vec<Language>>,
    /// Lowercase with the language's own rules.
    pub lowercase: bool,
    /// Unicode normalization form.
    pub normalization: Form,
    /// Strip accents (combining marks) after decomposition.
    pub strip_accents: bool,
    /// Which stopwords to remove.
    pub stopwords: StopwordChoice,
    /// Words removed in addition to `stopwords`.
    pub extra_stopwords: Vec<String>,
    /// Stem words with Snowball where the language has an algorithm.
    pub stem: bool,
    /// Which Snowball engine stems.
    pub engine: Engine,
    /// Drop tokens shorter than this many characters (after normalization,
    /// before stemming).
    pub min_token_len: usize,
    /// Which token kinds become terms.
    pub kinds: Vec<TokenKind>,
    /// Word n-grams from `.0` to `.1` words, joined by a space.
    pub ngram_range: (usize, usize),
    /// How words are found in Chinese, Japanese, Thai, Lao, Khmer, Myanmar
    /// and Korean: dictionary words (the default) or Lucene's CJK bigrams.
    pub cjk: Cjk,
    /// With `Auto`: find the language spans of each text
    /// ([`Detector::detect_spans`]) and analyze each span by the rules of its
    /// own language (a German quote in an English article gets German
    /// stopwords and stems), instead of the whole text by its main language.
    pub mixed: bool,
}

impl Default for AnalyzerOptions {
    fn default() -> Self {
        AnalyzerOptions {
            lang: LangChoice::Auto,
            allowlist: None,
            lowercase: true,
            normalization: Form::Nfc,
            strip_accents: false,
            stopwords: StopwordChoice::Default,
            extra_stopwords: Vec::new(),
            stem: true,
            engine: Engine::Classic,
            min_token_len: 1,
            kinds: vec![TokenKind::Word],
            ngram_range: (1, 1),
            cjk: Cjk::Dictionary,
            mixed: false,
        }
    }
}

impl TryFrom<AnalyzerOptions> for Analyzer {
    type Error = Error;
    fn try_from(options: AnalyzerOptions) -> Result<Analyzer> {
        Analyzer::new(options)
    }
}

impl From<Analyzer> for AnalyzerOptions {
    fn from(analyzer: Analyzer) -> AnalyzerOptions {
        analyzer.options
    }
}

/// The per-language parts of the pipeline, built on first use.
#[derive(Clone, Debug)]
struct LangParts {
    norm: Normalizer,
    stopwords: Stopwords,
    stemmer: Option<Stemmer>,
}

/// Turns texts into terms. `Send + Sync`: share one across threads.
///
/// # Examples
///
/// ```
/// use textlens::{Analyzer, AnalyzerOptions, LangChoice};
///
/// let an = Analyzer::new(AnalyzerOptions::default())?;
/// assert_eq!(
///     an.analyze("The presidents were talking about the cooperation."),
///     ["presid", "talk", "cooper"]
/// );
/// let de = Analyzer::new(AnalyzerOptions {
///     lang: LangChoice::Fixed("de".parse()?),
///     ngram_range: (1, 2),
///     ..AnalyzerOptions::default()
/// })?;
/// assert_eq!(de.analyze("Die Präsidenten telefonierten."), ["prasident", "telefoniert", "prasident telefoniert"]);
/// # Ok::<(), textlens::Error>(())
/// ```
///
/// Serializes as its [`AnalyzerOptions`]; deserializing validates them again.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(try_from = "AnalyzerOptions", into = "AnalyzerOptions")]
pub struct Analyzer {
    options: AnalyzerOptions,
    detector: Detector,
    keep: [bool; TokenKind::ALL.len()],
    per_lang: Vec<OnceLock<LangParts>>,
    neutral: LangParts,
}

impl Analyzer {
    /// Check `options` and build the analyzer.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] for an empty `kinds`, an `ngram_range` that is
    /// not `1 <= min <= max`, or an allow-list or `mixed` with a fixed language;
    /// [`Error::Unsupported`] for an allow-list language whatlang cannot detect.
    pub fn new(mut options: AnalyzerOptions) -> Result<Analyzer> {
        if let Some(list) = options.allowlist.as_mut() {
            list.sort();
            list.dedup();
        }
        let (lo, hi) = options.ngram_range;
        if lo == 0 || lo > hi {
            return Err(Error::invalid(
                "ngram_range",
                format!("({lo}, {hi}) must satisfy 1 <= min_n <= max_n"),
            ));
        }
        if options.kinds.is_empty() {
            return Err(Error::invalid("kinds", "must name at least one token kind"));
        }
        let detector = match (&options.allowlist, options.lang) {
            (None, _) => Detector::default(),
            (Some(list), LangChoice::Auto) => Detector::with_allowlist(list)?,
            (Some(_), LangChoice::Fixed(l)) => {
                return Err(Error::invalid(
                    "allowlist",
                    format!("only applies to lang=\"auto\", not lang={:?}", l.code()),
                ))
            }
        };
        if let (true, Some(list)) = (options.mixed, &options.allowlist) {
            // Spans are found by whatlang (Detector::detect_spans_with): a
            // language it cannot give would silently never be a span.
            Detector::new(DetectEngine::Whatlang).allowlist(list)?;
        }
        if let (true, LangChoice::Fixed(l)) = (options.mixed, options.lang) {
            return Err(Error::invalid(
                "mixed",
                format!("only applies to lang=\"auto\", not lang={:?}", l.code()),
            ));
        }
        let mut keep = [false; TokenKind::ALL.len()];
        for &k in &options.kinds {
            keep[k as usize] = true;
        }
        let mut analyzer = Analyzer {
            detector,
            keep,
            per_lang: (0..Language::count()).map(|_| OnceLock::new()).collect(),
            neutral: LangParts {
                norm: Normalizer::default(),
                stopwords: Stopwords::default(),
                stemmer: None,
            },
            options,
        };
        analyzer.neutral = analyzer.build_parts(None);
        Ok(analyzer)
    }

    /// The options this analyzer was built with.
    pub fn options(&self) -> &AnalyzerOptions {
        &self.options
    }

    fn build_parts(&self, lang: Option<Language>) -> LangParts {
        let o = &self.options;
        let norm = Normalizer {
            lang,
            form: o.normalization,
            lowercase: o.lowercase,
            strip_accents: o.strip_accents,
        };
        let base: &[&str] = match (&o.stopwords, lang) {
            (StopwordChoice::Default, Some(l)) => default_stopwords(l),
            _ => &[],
        };
        let custom = match &o.stopwords {
            StopwordChoice::Custom(words) => words.as_slice(),
            _ => &[],
        };
        // Korean particles and endings, which the tokenizer splits off.
        let particles: &[&str] = match (&o.stopwords, lang) {
            (StopwordChoice::Default, Some(l)) if l.code() == "ko" && o.cjk == Cjk::Dictionary => {
                korean::PARTICLES
            }
            _ => &[],
        };
        let words = base
            .iter()
            .copied()
            .chain(particles.iter().copied())
            .chain(custom.iter().map(String::as_str))
            .chain(o.extra_stopwords.iter().map(String::as_str));
        let stopwords = Stopwords::new(words, &norm);
        let stemmer = match lang {
            Some(l) if o.stem => Stemmer::new(l, o.engine).ok(),
            _ => None,
        };
        LangParts {
            norm,
            stopwords,
            stemmer,
        }
    }

    fn parts(&self, lang: Option<Language>) -> &LangParts {
        match lang {
            None => &self.neutral,
            Some(l) => self.per_lang[l.index()].get_or_init(|| self.build_parts(Some(l))),
        }
    }

    /// The language whose rules apply to `text`: the fixed one, or the
    /// detected one (`None` when detection finds none; the text is then
    /// analyzed without stopwords or stemming).
    pub fn language_of(&self, text: &str) -> Option<Language> {
        match self.options.lang {
            LangChoice::Fixed(l) => Some(l),
            LangChoice::Auto => self.detector.language(text),
        }
    }

    /// Detect the language of `text` with this analyzer's allow-list.
    pub fn detect(&self, text: &str) -> Option<Detection> {
        self.detector.detect(text)
    }

    /// The language spans of `text` with this analyzer's allow-list, as
    /// analyzed with [`AnalyzerOptions::mixed`]; see [`Detector::detect_spans`].
    pub fn detect_spans(&self, text: &str) -> Vec<Span> {
        self.detector.detect_spans(text)
    }

    /// The terms of `text`, in text order (n-grams after all unigrams, as
    /// scikit-learn orders them).
    ///
    /// # Panics
    ///
    /// Unwinds with an [`Error::OutOfMemory`] payload (no panic message)
    /// when the n-grams of `text` would take more than
    /// [`MAX_NGRAM_BYTES`](crate::MAX_NGRAM_BYTES), where allocating them
    /// would abort the process; the Python bindings raise MemoryError.
    pub fn analyze(&self, text: &str) -> Vec<String> {
        if self.options.mixed {
            let mut terms = Vec::new();
            self.for_each_unigram_mixed(text, &mut |t| terms.push(t.to_owned()));
            return ngrams(terms, self.options.ngram_range);
        }
        self.analyze_as(text, self.language_of(text))
    }

    /// [`Analyzer::for_each_unigram`] on each language span of `text` by its
    /// own language's rules (the whole text without a language when no span
    /// is found).
    fn for_each_unigram_mixed(&self, text: &str, f: &mut dyn FnMut(&str)) {
        let spans = self.detect_spans(text);
        if spans.is_empty() {
            self.for_each_unigram(text, None, f);
        }
        for s in spans {
            self.for_each_unigram(&text[s.start..s.end], Some(s.lang), f);
        }
    }

    /// The terms of `text` under the rules of `lang` (no detection).
    pub fn analyze_as(&self, text: &str, lang: Option<Language>) -> Vec<String> {
        let mut terms = Vec::new();
        self.for_each_unigram(text, lang, &mut |t| terms.push(t.to_owned()));
        ngrams(terms, self.options.ngram_range)
    }

    /// Call `f` with each unigram term of `text` under the rules of `lang`,
    /// in text order, without allocating a string per term.
    fn for_each_unigram(&self, text: &str, lang: Option<Language>, f: &mut dyn FnMut(&str)) {
        self.for_each_token_term(text, lang, &mut |_, term| f(term));
    }

    /// Call `f` with each token of `text` that gives a unigram term under
    /// the rules of `lang`, and that term, in text order.
    pub(crate) fn for_each_token_term(
        &self,
        text: &str,
        lang: Option<Language>,
        f: &mut dyn FnMut(Token<'_>, &str),
    ) {
        let parts = self.parts(lang);
        let mut stem = String::new();
        self.for_each_kept_token(text, lang, |t| {
            self.term_of(parts, t.kind, t.text, &mut stem, |term| f(t, term));
        });
    }

    /// Call `f` with each token of `text` of a kept kind, under the word
    /// rules of `lang`.
    #[inline]
    fn for_each_kept_token<'t>(
        &self,
        text: &'t str,
        lang: Option<Language>,
        mut f: impl FnMut(Token<'t>),
    ) {
        // The language's words: its apostrophe rule, Vietnamese words,
        // spaced abbreviations and grouped numbers (text/join.rs).
        for_each_token_in(text, lang, self.options.cjk, |t| {
            if self.keep[t.kind as usize] {
                f(t);
            }
        });
    }

    /// The per-word work on one kept token: call `f` with its term, or not
    /// at all when the token is dropped. A function of the token's kind and
    /// text and of the language only, which is what lets
    /// [`Analyzer::for_each_term_id`] cache it.
    #[inline]
    fn term_of(
        &self,
        parts: &LangParts,
        kind: TokenKind,
        word: &str,
        stem: &mut String,
        f: impl FnOnce(&str),
    ) {
        let min_len = self.options.min_token_len;
        let norm = tidy_spaces(parts.norm.normalize(word));
        if norm.len() < min_len || (min_len > 1 && norm.chars().count() < min_len) {
            return;
        }
        if parts.stopwords.contains(&norm) {
            return;
        }
        let term = match parts.stemmer {
            Some(s) if kind == TokenKind::Word && !is_dotted(word) => {
                s.stem_into(&norm, stem);
                stem.as_str()
            }
            _ => &norm,
        };
        // Snowball stems a few words to nothing (Turkish "leri", Greek "ισε").
        if !term.is_empty() {
            f(term);
        }
    }

    /// The unigram terms of `text` (its language detected if need be) as
    /// ids, in text order: the terms of [`Analyzer::for_each_term`] with the
    /// per-word work done once per distinct token. `cache` maps each token
    /// already seen to its id; `intern` gives the id of a term met for the
    /// first time. The ids `f` gets are `intern`'s, so the result equals
    /// interning every term of the uncached path. Not for `mixed` analyzers
    /// (one language per text).
    pub(crate) fn for_each_term_id(
        &self,
        text: &str,
        cache: &mut TermCache,
        intern: &mut impl FnMut(&str) -> u32,
        mut f: impl FnMut(u32),
    ) {
        let lang = self.language_of(text);
        let slot = lang.map_or(0, |l| l.index() as u16 + 1);
        let parts = self.parts(lang);
        let mut stem = String::new();
        self.for_each_kept_token(text, lang, |t| {
            let id = cache.get_or_insert_with(slot, t.kind as u8, t.text, || {
                let mut id = DROPPED;
                self.term_of(parts, t.kind, t.text, &mut stem, |term| id = intern(term));
                id
            });
            if id != DROPPED {
                f(id);
            }
        });
    }

    /// Call `f` with each term of `text` (detecting its language if need be),
    /// in the order of [`Analyzer::analyze`]; unigram-only analyzers stream
    /// their terms without collecting them.
    pub(crate) fn for_each_term(&self, text: &str, f: &mut dyn FnMut(&str)) {
        if self.options.mixed {
            if self.options.ngram_range == (1, 1) {
                self.for_each_unigram_mixed(text, f);
            } else {
                self.analyze(text).iter().for_each(|t| f(t));
            }
            return;
        }
        let lang = self.language_of(text);
        if self.options.ngram_range == (1, 1) {
            self.for_each_unigram(text, lang, f);
        } else {
            self.analyze_as(text, lang).iter().for_each(|t| f(t));
        }
    }

    /// [`Analyzer::analyze`] over many texts in parallel; the result equals
    /// analyzing them one by one, in input order.
    pub fn analyze_many<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Vec<String>> {
        texts.par_iter().map(|t| self.analyze(t.as_ref())).collect()
    }

    /// Term frequencies of `text`, most frequent first (ties in order of first
    /// appearance).
    ///
    /// # Examples
    ///
    /// ```
    /// use textlens::{Analyzer, AnalyzerOptions};
    ///
    /// let an = Analyzer::new(AnalyzerOptions::default())?;
    /// let tf = an.term_frequencies("Putin called Xi. Xi called back, Putin said.");
    /// assert_eq!(tf[0], ("putin".to_string(), 2));
    /// assert_eq!(tf.len(), 5);
    /// # Ok::<(), textlens::Error>(())
    /// ```
    pub fn term_frequencies(&self, text: &str) -> Vec<(String, usize)> {
        count_terms(self.analyze(text))
    }
}

/// Counts of each term, most frequent first, ties in order of first appearance.
pub(crate) fn count_terms(terms: Vec<String>) -> Vec<(String, usize)> {
    let mut index: HashMap<String, usize> = HashMap::with_capacity(terms.len());
    let mut counts: Vec<(String, usize)> = Vec::new();
    for term in terms {
        match index.get(&term) {
            Some(&i) => counts[i].1 += 1,
            None => {
                index.insert(term.clone(), counts.len());
                counts.push((term, 1));
            }
        }
    }
    // A stable sort keeps first-appearance order among equal counts.
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts
}

/// Word n-grams for n in `lo..=hi`, unigrams first.
fn ngrams(unigrams: Vec<String>, (lo, hi): (usize, usize)) -> Vec<String> {
    if (lo, hi) == (1, 1) {
        return unigrams;
    }
    let mut ends = Vec::with_capacity(unigrams.len() + 1);
    ends.push(0);
    for u in &unigrams {
        ends.push(ends[ends.len() - 1] + u.len());
    }
    crate::limits::refuse_above(
        "the n-grams of one text",
        crate::limits::ngram_bytes(&ends, (lo, hi), 1),
        crate::limits::MAX_NGRAM_BYTES,
    );
    let mut out = Vec::new();
    for n in lo..=hi.min(unigrams.len()) {
        out.extend(unigrams.windows(n).map(|w| w.join(" ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyzer(options: AnalyzerOptions) -> Analyzer {
        Analyzer::new(options).unwrap()
    }

    #[test]
    fn ngrams_follow_scikit_learn_order() {
        let words = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(
            ngrams(words("a b c"), (1, 2)),
            ["a", "b", "c", "a b", "b c"]
        );
        assert_eq!(ngrams(words("a b"), (2, 3)), ["a b"]);
        assert!(ngrams(words("a"), (2, 2)).is_empty());
    }

    #[test]
    fn bad_options_are_rejected() {
        for options in [
            AnalyzerOptions {
                ngram_range: (2, 1),
                ..Default::default()
            },
            AnalyzerOptions {
                ngram_range: (0, 1),
                ..Default::default()
            },
            AnalyzerOptions {
                kinds: vec![],
                ..Default::default()
            },
            AnalyzerOptions {
                lang: LangChoice::Fixed("en".parse().unwrap()),
                allowlist: Some(vec!["de".parse().unwrap()]),
                ..Default::default()
            },
        ] {
            assert!(matches!(
                Analyzer::new(options),
                Err(Error::InvalidOption { .. })
            ));
        }
    }

    #[test]
    fn custom_and_extra_stopwords() {
        let an = analyzer(AnalyzerOptions {
            stopwords: StopwordChoice::Custom(vec!["Putin".into()]),
            extra_stopwords: vec!["XI".into()],
            stem: false,
            ..Default::default()
        });
        assert_eq!(an.analyze("Putin and Xi met"), ["and", "met"]);
    }

    #[test]
    fn options_round_trip_through_json() {
        let options = AnalyzerOptions {
            lang: LangChoice::Fixed("tr".parse().unwrap()),
            stopwords: StopwordChoice::Custom(vec!["x".into()]),
            kinds: vec![TokenKind::Word, TokenKind::Number],
            ..Default::default()
        };
        let json = serde_json::to_string(&options).unwrap();
        assert!(json.contains("\"lang\":\"tr\""), "{json}");
        assert_eq!(
            serde_json::from_str::<AnalyzerOptions>(&json).unwrap(),
            options
        );
    }
}

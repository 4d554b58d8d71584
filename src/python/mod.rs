//! The `textlens._textlens` extension module: thin wrappers over the core.

mod convert;
mod corpus;
mod detect;
mod display;
mod docs;
mod interrupt;
mod ints;
mod keyness;
mod mecab;
mod memory;
mod merge;
mod minhash;
mod sentences;
mod similarity;
mod spans;
mod stats;

use std::collections::BTreeMap;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyType};
use rustc_hash::FxHashMap;

use crate::detect::Detection;
use crate::error::Error;
use crate::io::document::{article_files, read_articles_until, Document, ReadOptions};
use crate::text::analyzer::{Analyzer, AnalyzerOptions, LangChoice, StopwordChoice};
use crate::text::join::{for_each_py_token, for_each_py_token_chunked};
use crate::text::lang::{Engine, Language};
use crate::text::normalize::Normalizer;
use crate::text::segment::Cjk;
use crate::text::stem::Stemmer;
use crate::text::stopwords::default_stopwords;
use crate::text::tokenize::TokenKind;
use convert::{borrow_strs, extract_texts, json_to_py, py_texts, py_to_json, StopwordsArg};
use interrupt::{contained, interruptible, interruptible_with, text_bytes, Bar};

/// A Python-style repr of a str: single quotes unless the text has one.
fn py_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn parse_lang(lang: &str) -> PyResult<Language> {
    Ok(Language::from_name(lang)?)
}

/// The result of language detection.
///
/// Attributes:
///     lang: ISO 639-1 code, e.g. ``"de"``.
///     name: English name, e.g. ``"German"``.
///     iso639_3: ISO 639-3 code, e.g. ``"deu"``.
///     script: writing system, e.g. ``"Latin"``.
///     confidence: the probability of ``lang`` (n-gram engine) or whatlang's
///         confidence, from 0 to 1.
///     reliable: n-gram engine: ``confidence`` ≥ 0.9 (answers that confident
///         were right 99 % of the time on the development set); whatlang: its
///         own judgement.
#[pyclass(name = "Detection", module = "textlens", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyDetection {
    inner: Detection,
}

#[pymethods]
impl PyDetection {
    #[getter]
    fn lang(&self) -> &'static str {
        self.inner.lang.code()
    }
    #[getter]
    fn name(&self) -> &'static str {
        self.inner.lang.name()
    }
    #[getter]
    fn iso639_3(&self) -> &'static str {
        self.inner.lang.iso639_3()
    }
    #[getter]
    fn script(&self) -> &str {
        &self.inner.script
    }
    #[getter]
    fn confidence(&self) -> f64 {
        self.inner.confidence
    }
    #[getter]
    fn reliable(&self) -> bool {
        self.inner.reliable
    }
    fn __repr__(&self) -> String {
        format!(
            "Detection(lang={}, name={}, script={}, confidence={:.3}, reliable={})",
            py_str(self.lang()),
            py_str(self.name()),
            py_str(self.script()),
            self.confidence(),
            if self.reliable() { "True" } else { "False" }
        )
    }
    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        display::html(slf.as_any(), "detection")
    }
}

/// Every language textlens knows and what each part of the pipeline does for it.
///
/// Returns:
///     A list of dicts with keys ``code`` (ISO 639-1), ``iso639_3``, ``name``,
///     ``detection`` (bool), ``stemmer_classic`` and ``stemmer_current`` (the
///     engine that actually stems under ``engine="classic"`` / ``"current"``:
///     ``"classic"``, ``"current"`` (a fallback when the classic engine lacks
///     the language) or ``None``), and ``stopwords`` (size of the built-in list).
///
/// Example:
///     >>> import textlens
///     >>> langs = {l["code"]: l for l in textlens.languages()}
///     >>> langs["pl"]["stemmer_classic"], langs["de"]["stemmer_classic"], langs["ja"]["stemmer_classic"]
///     ('current', 'classic', None)
///     >>> langs["eu"]["detection"], langs["br"]["detection"]
///     (True, False)
///     >>> textlens.languages(as_frame=True).set_index("code").loc["de", "name"]
///     'German'
///
/// With ``as_frame=True``, the same rows as a pandas DataFrame (needs pandas).
#[pyfunction]
#[pyo3(signature = (*, as_frame = false))]
fn languages(py: Python<'_>, as_frame: bool) -> PyResult<Bound<'_, PyAny>> {
    let out = PyList::empty(py);
    for lang in Language::all() {
        let row = PyDict::new(py);
        row.set_item("code", lang.code())?;
        row.set_item("iso639_3", lang.iso639_3())?;
        row.set_item("name", lang.name())?;
        row.set_item("detection", lang.detectable())?;
        row.set_item(
            "stemmer_classic",
            lang.stem_engine(Engine::Classic).map(Engine::name),
        )?;
        row.set_item(
            "stemmer_current",
            lang.stem_engine(Engine::Current).map(Engine::name),
        )?;
        row.set_item("stopwords", default_stopwords(lang).len())?;
        out.append(row)?;
    }
    if as_frame {
        return display::labelled(out.as_any(), Vec::new(), None);
    }
    Ok(out.into_any())
}

/// The built-in stopword list of a language (NLTK's where NLTK has one,
/// else Stopwords ISO); empty when there is none.
///
/// Example:
///     >>> import textlens
///     >>> "und" in textlens.stopwords("de")
///     True
#[pyfunction]
fn stopwords(lang: &str) -> PyResult<Vec<&'static str>> {
    Ok(default_stopwords(parse_lang(lang)?).to_vec())
}

fn normalizer(lang: Option<&str>) -> PyResult<Normalizer> {
    Ok(Normalizer {
        lang: lang.map(parse_lang).transpose()?,
        ..Normalizer::default()
    })
}

/// Split ``text`` into normalized word tokens (NFC, lowercased with the
/// language's rules; Chinese, Japanese, Thai, Lao, Khmer and Myanmar split
/// into dictionary words; Korean particles cut off).
///
/// Args:
///     text: the text.
///     lang: the language whose words and casing rules apply (Turkish
///         dotted/dotless i, Russian ё → е), as the ``Analyzer`` applies them:
///         Vietnamese syllables joined into words, spaced abbreviations
///         (``z. B.``) and numbers in groups of three (``1 000 000``) kept
///         whole, elided articles (French ``l'``), Turkish suffixes and
///         English possessives cut off. ``None``: the tokenizer's tokens with
///         Unicode defaults. No detection.
///     cjk: ``"dictionary"`` (the default) for dictionary words in scripts
///         written without spaces, or ``"bigram"`` for Lucene's CJKAnalyzer
///         behaviour: overlapping bigrams over Han and Kana, UAX #29 elsewhere.
///
/// Example:
///     >>> import textlens
///     >>> textlens.tokenize("Putin's call, 30.12.2022: «Дорогой друг»!")
///     ["putin's", 'call', 'дорогой', 'друг']
///     >>> textlens.tokenize("我们今天去北京")
///     ['我们', '今天', '去', '北京']
///     >>> textlens.tokenize("習近平主席", cjk="bigram")
///     ['習近', '近平', '平主', '主席']
///     >>> textlens.tokenize("IRAK", lang="tr")
///     ['ırak']
///     >>> textlens.tokenize("Quốc hội thông qua luật đất đai", lang="vi")
///     ['quốc hội', 'thông qua', 'luật', 'đất đai']
///     >>> textlens.tokenize("L'État a dit qu'il", lang="fr")
///     ['état', 'a', 'dit', 'il']
#[pyfunction]
#[pyo3(signature = (text, *, lang = None, cjk = "dictionary"))]
fn tokenize<'py>(
    py: Python<'py>,
    text: &str,
    lang: Option<&str>,
    cjk: &str,
) -> PyResult<Bound<'py, PyList>> {
    let norm = normalizer(lang)?;
    let cjk: Cjk = cjk.parse()?;
    // One str per distinct word, shared by the list: memory a small
    // multiple of the text (ids, then 8 bytes a token), not a str a token.
    let (ids, words) = interruptible(py, text.len(), |stop| {
        let mut index: FxHashMap<std::borrow::Cow<'_, str>, u32> = FxHashMap::default();
        let mut ids: Vec<u32> = Vec::new();
        // With a language, its words (text/join.rs), as the Analyzer sees them.
        for_each_py_token_chunked(text, norm.lang, cjk, stop, |t| {
            if t.kind == TokenKind::Word {
                let next = index.len() as u32;
                ids.push(*index.entry(norm.normalize(t.text)).or_insert(next));
            }
        })?;
        let mut words = vec![String::new(); index.len()];
        for (w, i) in index {
            words[i as usize] = w.into_owned();
        }
        Ok((ids, words))
    })?;
    let words: Vec<Bound<'py, PyString>> = words.iter().map(|w| PyString::new(py, w)).collect();
    PyList::new(py, ids.iter().map(|&i| &words[i as usize]))
}

/// One token with its kind and position.
///
/// Attributes:
///     text: the token as written in the input.
///     norm: its normalized form.
///     kind: ``"word"``, ``"number"``, ``"punct"``, ``"symbol"``, ``"url"`` or ``"email"``.
///     start, end: UTF-8 byte offsets into the input.
///     char_start, char_end: code point offsets: ``text == input[char_start:char_end]``.
#[pyclass(name = "Token", module = "textlens", frozen, get_all, eq)]
#[derive(Clone, PartialEq)]
pub struct PyToken {
    text: String,
    norm: String,
    kind: &'static str,
    start: usize,
    end: usize,
    char_start: usize,
    char_end: usize,
}

#[pymethods]
impl PyToken {
    fn __repr__(&self) -> String {
        format!(
            "Token({}, kind={}, start={}, end={})",
            py_str(&self.text),
            py_str(self.kind),
            self.start,
            self.end
        )
    }
}

/// Every token of ``text`` (whitespace dropped) with kind and offsets;
/// ``lang`` and ``cjk`` as in :func:`tokenize`.
///
/// Example:
///     >>> import textlens
///     >>> [(t.text, t.kind) for t in textlens.tokens("Mail ana@example.org: €5 👍")]
///     [('Mail', 'word'), ('ana@example.org', 'email'), (':', 'punct'), ('€', 'symbol'), ('5', 'number'), ('👍', 'symbol')]
///     >>> t = textlens.tokens("naïve café")[1]
///     >>> (t.start, t.end, t.char_start, t.char_end)
///     (7, 12, 6, 10)
///     >>> [(t.text, t.kind) for t in textlens.tokens("z. B. 1 000 €", lang="de")]
///     [('z. B', 'word'), ('.', 'punct'), ('1 000', 'number'), ('€', 'symbol')]
#[pyfunction]
#[pyo3(signature = (text, *, lang = None, cjk = "dictionary"))]
fn tokens(py: Python<'_>, text: &str, lang: Option<&str>, cjk: &str) -> PyResult<Vec<PyToken>> {
    let norm = normalizer(lang)?;
    let cjk: Cjk = cjk.parse()?;
    contained(py, || {
        let mut out = Vec::new();
        // Tokens come in order of their start (CJK bigrams overlap), so the
        // code point offset of each start is counted on from the previous one.
        let (mut byte_pos, mut char_pos) = (0, 0);
        // With a language, its words (text/join.rs), as the Analyzer sees them.
        for_each_py_token(text, norm.lang, cjk, |t| {
            char_pos += text[byte_pos..t.start].chars().count();
            byte_pos = t.start;
            let char_start = char_pos;
            let char_end = char_start + t.text.chars().count();
            out.push(PyToken {
                text: t.text.to_owned(),
                norm: norm.normalize(t.text).into_owned(),
                kind: t.kind.name(),
                start: t.start,
                end: t.end,
                char_start,
                char_end,
            });
        });
        Ok(out)
    })
}

/// Stem words with Snowball.
///
/// Args:
///     words: a list of (lowercase) words; a single str is a TypeError.
///     lang: the language (code or name).
///     engine: ``"classic"`` (rust-stemmers, Snowball 2017–2019; languages
///         it lacks fall back to current) or ``"current"`` (Snowball 3.x).
///
/// Raises:
///     UnsupportedError: the language has no Snowball stemmer.
///
/// Example:
///     >>> import textlens
///     >>> textlens.stem(["running", "cooperation"], "en")
///     ['run', 'cooper']
///     >>> textlens.stem(["opgaven"], "nl"), textlens.stem(["opgaven"], "nl", engine="current")
///     (['opgav'], ['opgaaf'])
#[pyfunction]
#[pyo3(signature = (words, lang, *, engine = "classic"))]
fn stem<'py>(
    py: Python<'py>,
    words: &Bound<'py, PyAny>,
    lang: &str,
    engine: &str,
) -> PyResult<Bound<'py, PyList>> {
    let items = py_texts("words", words)?;
    let strs = borrow_strs("words", &items)?;
    let stemmer = Stemmer::new(parse_lang(lang)?, engine.parse()?)?;
    // Text repeats its words: stem each distinct word once, make one Python
    // string per distinct stem, and hand back the input object itself where
    // Snowball leaves the word unchanged.
    let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
    seen.reserve(strs.len().min(1 << 16));
    let mut distinct: Vec<usize> = Vec::new();
    let ids: Vec<usize> = strs
        .iter()
        .enumerate()
        .map(|(i, w)| {
            *seen.entry(w).or_insert_with(|| {
                distinct.push(i);
                distinct.len() - 1
            })
        })
        .collect();
    let stems: Vec<Option<String>> = interruptible(py, text_bytes(&strs), |stop| {
        stop.par_map(&distinct, |&i| {
            let mut stem = String::new();
            stemmer.stem_into(strs[i], &mut stem);
            (stem != strs[i]).then_some(stem)
        })
    })?;
    let made: Vec<Bound<'py, PyString>> = distinct
        .iter()
        .zip(stems)
        .map(|(&i, stem)| match stem {
            Some(s) => PyString::new(py, &s),
            None => items[i].clone(),
        })
        .collect();
    PyList::new(py, ids.iter().map(|&id| &made[id]))
}

/// Turns texts into terms: detect → tokenize → normalize → stopwords → stem → n-grams.
///
/// Args:
///     lang: a language code or name, or ``"auto"`` to detect each text's language.
///     stopwords: ``True`` (the default) for the built-in list of the text's
///         language, ``False``/``None`` for none, or your own words (any
///         iterable of str).
///     extra_stopwords: words removed in addition.
///     stem: Snowball-stem words (where the language has a stemmer).
///     engine: ``"classic"`` or ``"current"`` (see :func:`stem`).
///     lowercase: lowercase with the language's rules.
///     normalization: ``"nfc"`` or ``"nfkc"``.
///     strip_accents: remove combining marks (as scikit-learn's ``strip_accents="unicode"``).
///     min_token_len: drop tokens shorter than this many characters (checked
///         after normalization, before stemming).
///     token_kinds: which kinds become terms (``"word"``, ``"number"``,
///         ``"punct"``, ``"symbol"``, ``"url"``, ``"email"``).
///     ngram_range: ``(min_n, max_n)`` word n-grams, joined by a space.
///     allowlist: with ``lang="auto"``, detect only among these languages.
///     cjk: ``"dictionary"`` or ``"bigram"`` (see :func:`tokenize`).
///     mixed: with ``lang="auto"``, analyze each language span of a text
///         (:func:`detect_spans`) by its own language's stopwords and
///         stemmer, instead of the whole text by its main language.
///
/// A text whose language cannot be detected is analyzed without stopwords or
/// stemming; so is a language without a list or stemmer (see :func:`languages`).
///
/// Example:
///     >>> import textlens, pickle
///     >>> an = textlens.Analyzer()
///     >>> an.analyze("The presidents were talking about military cooperation.")
///     ['presid', 'talk', 'militari', 'cooper']
///     >>> ru = "Президент России Владимир Путин поговорил по телефону с председателем КНР Си Цзиньпином."
///     >>> an.analyze_many(["Xi called Putin.", ru])  # doctest: +NORMALIZE_WHITESPACE
///     [['xi', 'call', 'putin'],
///      ['президент', 'росс', 'владимир', 'путин', 'поговор', 'телефон', 'председател', 'кнр', 'си', 'цзиньпин']]
///     >>> textlens.Analyzer("en", ngram_range=(1, 2)).term_frequencies("Putin called. Putin called.")
///     {'putin': 2, 'call': 2, 'putin call': 2, 'call putin': 1}
///     >>> pickle.loads(pickle.dumps(an)) == an
///     True
///     >>> textlens.Analyzer(**an.options) == an
///     True
#[pyclass(name = "Analyzer", module = "textlens", frozen)]
pub struct PyAnalyzer {
    inner: Analyzer,
}

#[pymethods]
impl PyAnalyzer {
    #[new]
    #[pyo3(signature = (
        lang = "auto", *, stopwords = StopwordsArg::Flag(true), extra_stopwords = None,
        stem = true, engine = "classic", lowercase = true, normalization = "nfc",
        strip_accents = false, min_token_len = 1, token_kinds = None, ngram_range = (1, 1),
        allowlist = None, cjk = "dictionary", mixed = false
    ))]
    #[pyo3(
        text_signature = "(lang='auto', *, stopwords=True, extra_stopwords=None, stem=True, \
        engine='classic', lowercase=True, normalization='nfc', strip_accents=False, \
        min_token_len=1, token_kinds=None, ngram_range=(1, 1), allowlist=None, cjk='dictionary', \
        mixed=False)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn new(
        lang: &str,
        stopwords: StopwordsArg,
        extra_stopwords: Option<&Bound<'_, PyAny>>,
        stem: bool,
        engine: &str,
        lowercase: bool,
        normalization: &str,
        strip_accents: bool,
        min_token_len: i64,
        token_kinds: Option<&Bound<'_, PyAny>>,
        ngram_range: (i64, i64),
        allowlist: Option<&Bound<'_, PyAny>>,
        cjk: &str,
        mixed: bool,
    ) -> PyResult<Self> {
        let (lo, hi) = ngram_range;
        let ngram_range = match (usize::try_from(lo), usize::try_from(hi)) {
            (Ok(lo), Ok(hi)) => (lo, hi),
            _ => {
                return Err(Error::invalid(
                    "ngram_range",
                    format!("({lo}, {hi}) must satisfy 1 <= min_n <= max_n"),
                )
                .into())
            }
        };
        let stopwords = match stopwords {
            StopwordsArg::Flag(true) => StopwordChoice::Default,
            StopwordsArg::Flag(false) => StopwordChoice::None,
            StopwordsArg::Words(words) => StopwordChoice::Custom(words),
        };
        let min_token_len = usize::try_from(min_token_len).map_err(|_| {
            Error::invalid(
                "min_token_len",
                format!("must be >= 0, got {min_token_len}"),
            )
        })?;
        let extra_stopwords = match extra_stopwords {
            Some(words) => extract_texts("extra_stopwords", words)?,
            None => Vec::new(),
        };
        let kinds = match token_kinds {
            Some(kinds) => extract_texts("token_kinds", kinds)?
                .iter()
                .map(|k| k.parse::<TokenKind>())
                .collect::<Result<Vec<_>, Error>>()?,
            None => vec![TokenKind::Word],
        };
        let allowlist = match allowlist {
            Some(list) => Some(
                extract_texts("allowlist", list)?
                    .iter()
                    .map(|l| parse_lang(l))
                    .collect::<PyResult<Vec<_>>>()?,
            ),
            None => None,
        };
        let options = AnalyzerOptions {
            lang: lang.parse::<LangChoice>()?,
            allowlist,
            lowercase,
            normalization: normalization.parse()?,
            strip_accents,
            stopwords,
            extra_stopwords,
            stem,
            engine: engine.parse()?,
            min_token_len,
            kinds,
            ngram_range,
            cjk: cjk.parse()?,
            mixed,
        };
        Ok(PyAnalyzer {
            inner: Analyzer::new(options)?,
        })
    }

    /// The terms of one text, in text order.
    fn analyze(&self, py: Python<'_>, text: &str) -> PyResult<Vec<String>> {
        contained(py, || Ok(self.inner.analyze(text)))
    }

    /// The terms of each text, computed in parallel with the GIL released;
    /// equal to ``[self.analyze(t) for t in texts]``. Ctrl-C stops it.
    /// ``progress=True``: a tqdm bar counting the texts (the ``progress`` extra).
    #[pyo3(signature = (texts, *, progress = false))]
    fn analyze_many(
        slf: &Bound<'_, Self>,
        texts: &Bound<'_, PyAny>,
        progress: bool,
    ) -> PyResult<Vec<Vec<String>>> {
        let py = slf.py();
        let this = slf.get();
        let texts = extract_texts("texts", texts)?;
        let bar = Bar::new(py, progress, texts.len(), "analyze", "doc")?;
        interruptible_with(py, text_bytes(&texts), bar, |stop| {
            stop.par_map(&texts, |t| this.inner.analyze(t))
        })
    }

    /// The most frequent surface form (as written) of each term of ``texts``:
    /// a dict term → form, to show ``Ukraine`` where the term is ``ukrain``.
    /// Ties go to the form that sorts first. Computed in parallel with the
    /// GIL released; Ctrl-C stops it. ``terms``: only these terms (a report
    /// that shows a few of a large corpus's terms keeps counts for those only).
    ///
    /// Example:
    ///     >>> import textlens
    ///     >>> forms = textlens.Analyzer("en").surface_forms(["Ukraine's president met Ukraine's army."])
    ///     >>> forms["ukrain"], forms["presid"]
    ///     ('Ukraine', 'president')
    #[pyo3(signature = (texts, *, terms = None))]
    fn surface_forms(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        terms: Option<Vec<String>>,
    ) -> PyResult<std::collections::HashMap<String, String>> {
        let texts = extract_texts("texts", texts)?;
        let only: Option<rustc_hash::FxHashSet<String>> = terms.map(|t| t.into_iter().collect());
        let forms = interruptible(py, text_bytes(&texts), |stop| {
            stop.run(|| Ok(self.inner.surface_forms_of(&texts, only.as_ref())))
        })?;
        Ok(forms.into_iter().collect())
    }

    /// Term → count for one text, most frequent first.
    fn term_frequencies<'py>(&self, py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyDict>> {
        let counts = contained(py, || Ok(self.inner.term_frequencies(text)))?;
        let out = PyDict::new(py);
        for (term, n) in counts {
            out.set_item(term, n)?;
        }
        Ok(out)
    }

    /// Detect ``text``'s language with this analyzer's allow-list.
    fn detect(&self, py: Python<'_>, text: &str) -> PyResult<Option<PyDetection>> {
        let found = contained(py, || Ok(self.inner.detect(text)))?;
        Ok(found.map(|inner| PyDetection { inner }))
    }

    /// The options as a dict of constructor arguments: ``Analyzer(**an.options)``
    /// builds an equal analyzer.
    #[getter]
    fn options<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let o = self.inner.options();
        let d = PyDict::new(py);
        d.set_item("lang", o.lang.to_string())?;
        match &o.stopwords {
            StopwordChoice::Default => d.set_item("stopwords", true)?,
            StopwordChoice::None => d.set_item("stopwords", false)?,
            StopwordChoice::Custom(words) => d.set_item("stopwords", words.clone())?,
        }
        d.set_item("extra_stopwords", o.extra_stopwords.clone())?;
        d.set_item("stem", o.stem)?;
        d.set_item("engine", o.engine.name())?;
        d.set_item("lowercase", o.lowercase)?;
        d.set_item(
            "normalization",
            json_to_py(
                py,
                &serde_json::to_value(o.normalization).unwrap_or_default(),
            )?,
        )?;
        d.set_item("strip_accents", o.strip_accents)?;
        d.set_item("min_token_len", o.min_token_len)?;
        d.set_item(
            "token_kinds",
            o.kinds.iter().map(|k| k.name()).collect::<Vec<_>>(),
        )?;
        d.set_item("ngram_range", o.ngram_range)?;
        let allowlist = o
            .allowlist
            .as_ref()
            .map(|l| l.iter().map(|x| x.code()).collect::<Vec<_>>());
        d.set_item("allowlist", allowlist)?;
        d.set_item("cjk", o.cjk.name())?;
        d.set_item("mixed", o.mixed)?;
        Ok(d)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyAnalyzer>()
            .is_ok_and(|o| o.get().inner.options() == self.inner.options())
    }

    fn __repr__(&self) -> String {
        let o = self.inner.options();
        format!(
            "Analyzer(lang={}, stem={}, engine={}, ngram_range={:?})",
            py_str(&o.lang.to_string()),
            if o.stem { "True" } else { "False" },
            py_str(o.engine.name()),
            o.ngram_range
        )
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let state = serde_json::to_string(slf.get().inner.options())
            .map_err(|e| PyTypeError::new_err(e.to_string()))?;
        Ok((slf.get_type().getattr("_from_state")?, (state,)))
    }

    #[classmethod]
    fn _from_state(_cls: &Bound<'_, PyType>, state: &str) -> PyResult<Self> {
        let options: AnalyzerOptions =
            serde_json::from_str(state).map_err(|e| Error::invalid("state", e.to_string()))?;
        Ok(PyAnalyzer {
            inner: Analyzer::new(options)?,
        })
    }
}

/// An article: its text and what is known about it.
///
/// Args:
///     text: the body.
///     id, date, source, lang: optional strings.
///     meta: any other JSON-serializable fields, as a dict.
///
/// Example:
///     >>> import textlens
///     >>> doc = textlens.Document("Putin and Xi spoke.", id="a1", date="2022-12-30", meta={"outlet": "TASS"})
///     >>> (doc.id, doc.date, doc.source, doc.meta)
///     ('a1', '2022-12-30', None, {'outlet': 'TASS'})
#[pyclass(name = "Document", module = "textlens", eq)]
#[derive(Clone, PartialEq)]
pub struct PyDocument {
    inner: Document,
}

#[pymethods]
impl PyDocument {
    #[new]
    #[pyo3(signature = (text, id = None, date = None, source = None, lang = None, meta = None))]
    fn new(
        text: String,
        id: Option<String>,
        date: Option<String>,
        source: Option<String>,
        lang: Option<String>,
        meta: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let meta = match meta {
            None => BTreeMap::new(),
            Some(m) => match py_to_json(m.as_any())? {
                serde_json::Value::Object(map) => map.into_iter().collect(),
                _ => BTreeMap::new(),
            },
        };
        Ok(PyDocument {
            inner: Document {
                id: id.unwrap_or_default(),
                text,
                date,
                source,
                lang,
                meta,
            },
        })
    }

    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    #[setter]
    fn set_id(&mut self, id: String) {
        self.inner.id = id;
    }
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }
    #[getter]
    fn date(&self) -> Option<&str> {
        self.inner.date.as_deref()
    }
    #[setter]
    fn set_date(&mut self, date: Option<String>) {
        self.inner.date = date;
    }
    #[getter]
    fn source(&self) -> Option<&str> {
        self.inner.source.as_deref()
    }
    #[setter]
    fn set_source(&mut self, source: Option<String>) {
        self.inner.source = source;
    }
    #[getter]
    fn lang(&self) -> Option<&str> {
        self.inner.lang.as_deref()
    }
    #[setter]
    fn set_lang(&mut self, lang: Option<String>) {
        self.inner.lang = lang;
    }
    /// A copy of the metadata as a dict.
    #[getter]
    fn meta<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (k, v) in &self.inner.meta {
            dict.set_item(k, json_to_py(py, v)?)?;
        }
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        let d = &self.inner;
        let preview: String = d.text.chars().take(40).collect();
        let ellipsis = if d.text.chars().count() > 40 {
            "…"
        } else {
            ""
        };
        let opt = |v: &Option<String>| v.as_deref().map_or("None".to_owned(), py_str);
        format!(
            "Document(id={}, date={}, source={}, lang={}, text={})",
            py_str(&d.id),
            opt(&d.date),
            opt(&d.source),
            opt(&d.lang),
            py_str(&format!("{preview}{ellipsis}"))
        )
    }

    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        display::html(slf.as_any(), "document")
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        let py = slf.py();
        let d = &slf.borrow().inner;
        let args = (
            d.text.clone(),
            d.id.clone(),
            d.date.clone(),
            d.source.clone(),
            d.lang.clone(),
            slf.borrow().meta(py)?,
        )
            .into_pyobject(py)?
            .into_any();
        Ok((slf.get_type().into_any(), args))
    }
}

/// Read articles from a folder, a JSON Lines file or one article file.
///
/// See :func:`textlens.read_articles`, which also takes lists and pandas objects.
#[pyfunction]
#[pyo3(signature = (path, *, lossy = false, progress = false))]
fn _read_path(
    py: Python<'_>,
    path: std::path::PathBuf,
    lossy: bool,
    progress: bool,
) -> PyResult<Vec<PyDocument>> {
    // With a bar, the folder is listed once more for its total: a directory
    // read, next to reading every file.
    let files = match (progress, path.is_dir()) {
        (false, _) => 0,
        (true, true) => article_files(&path)?.len(),
        (true, false) => 1,
    };
    let bar = Bar::new(py, progress, files, "read_articles", "file")?;
    // Its size is unknown before reading: always on a worker.
    let docs = interruptible_with(py, usize::MAX, bar, |stop| {
        read_articles_until(&path, ReadOptions { lossy }, stop)
    })?;
    Ok(docs.into_iter().map(|inner| PyDocument { inner }).collect())
}

#[pymodule(gil_used = false)]
fn _textlens(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(detect::detect, m)?)?;
    m.add_function(wrap_pyfunction!(detect::detect_all, m)?)?;
    m.add_function(wrap_pyfunction!(languages, m)?)?;
    m.add_function(wrap_pyfunction!(stopwords, m)?)?;
    m.add_function(wrap_pyfunction!(tokenize, m)?)?;
    m.add_function(wrap_pyfunction!(tokens, m)?)?;
    m.add_function(wrap_pyfunction!(stem, m)?)?;
    m.add_function(wrap_pyfunction!(_read_path, m)?)?;
    m.add_class::<PyDetection>()?;
    m.add_class::<PyToken>()?;
    m.add_class::<PyAnalyzer>()?;
    m.add_class::<PyDocument>()?;
    m.add_class::<corpus::PyCorpus>()?;
    m.add_class::<corpus::PyVectorizerCore>()?;
    m.add_class::<corpus::PyTermStats>()?;
    m.add_class::<corpus::PyVocabulary>()?;
    m.add_class::<merge::PyCorpusStats>()?;
    m.add_function(wrap_pyfunction!(merge::_stats_from_state, m)?)?;
    m.add_function(wrap_pyfunction!(merge::_corpus_from_state, m)?)?;
    m.add_function(wrap_pyfunction!(corpus::_tfidf, m)?)?;
    minhash::register(m)?;
    m.add_function(wrap_pyfunction!(sentences::sentences, m)?)?;
    m.add_function(wrap_pyfunction!(mecab::_set_mecab_dictionary, m)?)?;
    m.add_function(wrap_pyfunction!(mecab::mecab_dictionary, m)?)?;
    m.add_function(wrap_pyfunction!(sentences::sentence_spans, m)?)?;
    stats::register(m)?;
    spans::register(m)?;
    m.add("TextlensError", py.get_type::<convert::TextlensError>())?;
    m.add(
        "UnknownLanguageError",
        py.get_type::<convert::UnknownLanguageError>(),
    )?;
    m.add(
        "UnsupportedError",
        py.get_type::<convert::UnsupportedError>(),
    )?;
    m.add(
        "InvalidOptionError",
        py.get_type::<convert::InvalidOptionError>(),
    )?;
    m.add("DecodeError", py.get_type::<convert::DecodeError>())?;
    m.add("RecordError", py.get_type::<convert::RecordError>())?;
    m.add("InternalError", py.get_type::<convert::InternalError>())?;
    m.add("InvalidDocumentError", convert::invalid_document_type(py)?)?;
    m.add_function(wrap_pyfunction!(interrupt::_panic_for_tests, m)?)?;
    Ok(())
}

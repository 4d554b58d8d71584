//! Bindings of `crate::stats`' profile, syllables, readability and lexical
//! diversity: one-text functions and the `Corpus` methods' bodies.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use rayon::prelude::*;

use super::convert::{extract_texts, json_to_py};
use super::interrupt::contained;
use super::PyAnalyzer;
use crate::error::Error;
use crate::io::document::Document;
use crate::stats::groups::summarize_groups;
use crate::stats::keyness::GroupOrder;
use crate::stats::lexdiv::{lexdiv_all, LexdivOptions, LEXDIV_MEASURES};
use crate::stats::profile::{pass, Profile};
use crate::stats::readability::{readability as score, readability_all, readability_measures};
use crate::stats::syllables::syllables as count_syllables;
use crate::text::analyzer::Analyzer;
use crate::text::lang::Language;

fn parse_lang(lang: Option<&str>) -> PyResult<Option<Language>> {
    Ok(lang.map(Language::from_name).transpose()?)
}

/// What the caller asked for: one name (a float back) or several (a dict).
enum Measures {
    One(String),
    Many(Vec<String>),
    All,
}

impl Measures {
    fn parse(measure: &Bound<'_, PyAny>) -> PyResult<Measures> {
        if let Ok(s) = measure.cast::<PyString>() {
            let s = s.to_str()?;
            return Ok(if s.trim().eq_ignore_ascii_case("all") {
                Measures::All
            } else {
                Measures::One(s.to_owned())
            });
        }
        Ok(Measures::Many(extract_texts("measure", measure)?))
    }
}

fn profile_dict<'py>(py: Python<'py>, p: &Profile) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(p).map_err(|e| Error::Internal {
        component: "statistics",
        message: e.to_string(),
    })?;
    json_to_py(py, &value)
}

fn scores<'py>(py: Python<'py>, pairs: &[(&str, f64)]) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (k, v) in pairs {
        d.set_item(k, v)?;
    }
    Ok(d)
}

/// The document profile of a text: counts of characters, tokens by kind,
/// sentences, syllables, word lengths and stopwords.
///
/// Words are the word tokens of :func:`tokens` (numbers, URLs and e-mails
/// are not words; Han and Kana characters are counted in
/// ``cjk_characters``). A sentence is a span of the sentence splitter with at
/// least one word; a text without a terminator is one sentence. Syllable
/// counts are ``None`` for a language without a syllable rule (see
/// :func:`syllables`); means are 0 and standard deviations (n − 1) are 0
/// where there are fewer than one or two values.
///
/// Args:
///     text: the text.
///     lang: its language (code or name); ``None`` detects it.
///
/// Returns:
///     A dict with ``lang``, ``characters`` (non-space), ``letters``,
///     ``tokens``, ``words``, ``numbers``, ``punctuation``, ``symbols``,
///     ``urls``, ``emails``, ``cjk_characters``, ``sentences``,
///     ``syllables``, ``monosyllables``, ``disyllables``, ``polysyllables``
///     (3+), ``long_words`` (> 6 letters), ``types``, ``stopwords``,
///     ``lexical_density`` (share of non-stopwords), ``sentence_length_mean``,
///     ``sentence_length_sd``, ``word_length_mean``, ``word_length_sd``
///     (letters) and ``difficult_words`` (English: not on the Dale–Chall list).
///
/// Example:
///     >>> import textlens
///     >>> s = textlens.statistics("The cat sat on the mat. It was happy!", lang="en")
///     >>> s["words"], s["sentences"], s["syllables"], s["types"]
///     (9, 2, 10, 8)
///     >>> textlens.statistics("Der Hund bellt.")["lang"]
///     'de'
#[pyfunction]
#[pyo3(signature = (text, *, lang = None))]
pub(crate) fn statistics<'py>(
    py: Python<'py>,
    text: &str,
    lang: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let lang = parse_lang(lang)?;
    let p = contained(py, || Ok(pass(text, lang).profile))?;
    profile_dict(py, &p)
}

/// Syllable counts of words, by the rule of their language.
///
/// English, French: vowel groups with silent final *e* (and English *-es*,
/// *-ed*, syllabic *-le*); Turkish and the Cyrillic languages: one syllable
/// per vowel letter; other Latin-script languages and Greek: vowel groups.
/// Every word with a letter has at least one syllable.
///
/// Args:
///     words: a sequence of str (each lower-cased first).
///     lang: the language (code or name).
///
/// Returns:
///     One count per word.
///
/// Raises:
///     UnsupportedError: the language has no syllable rule (the message names it).
///
/// Example:
///     >>> import textlens
///     >>> textlens.syllables(["table", "readability", "boxes"], "en")
///     [2, 5, 2]
///     >>> textlens.syllables(["молоко", "okul"], "ru")
///     [3, 2]
#[pyfunction]
pub(crate) fn syllables(words: &Bound<'_, PyAny>, lang: &str) -> PyResult<Vec<u32>> {
    let words = extract_texts("words", words)?;
    let lang = Language::from_name(lang)?;
    Ok(count_syllables(&words, lang)?)
}

/// Readability of a text by its published formulas.
///
/// Names: ``flesch`` (each language's own constants: en Flesch 1948, de
/// Amstad, es Fernández Huerta, fr Kandel–Moles, it Franchina–Vacca, nl
/// Douma, pt Martins et al. 1996, ru Oborneva, tr Ateşman), English only:
/// ``flesch_kincaid``, ``fog``, ``smog``, ``coleman_liau``, ``ari``,
/// ``dale_chall``, ``spache``, ``linsear_write``, ``forcast``; every
/// language: ``lix``, ``rix``; de: ``amstad``, ``wiener_1`` … ``wiener_4``;
/// es: ``fernandez_huerta``, ``szigriszt_pazos``, ``gutierrez_polini``,
/// ``crawford``; fr: ``kandel_moles``; it: ``gulpease``, ``flesch_vacca``;
/// nl: ``flesch_douma``, ``brouwer``; tr: ``atesman``, ``bezirci_yilmaz``;
/// pl: ``pisarek``; ru: ``oborneva``. The formulas, constants and references
/// are listed in the README's "Text statistics" section.
///
/// A text without words gives NaN (every formula divides by the number of
/// words).
///
/// Args:
///     text: the text.
///     measure: a name, a list of names, or ``"all"`` (every formula defined
///         for the text's language).
///     lang: the language (code or name); ``None`` detects it.
///
/// Returns:
///     A float for one name, else a dict name → float.
///
/// Raises:
///     InvalidOptionError: an unknown name, or a formula not defined for the
///         text's language (the message names the languages it serves).
///
/// Example:
///     >>> import textlens
///     >>> round(textlens.readability("The cat sat on the mat. It was happy!", "flesch", lang="en"), 3)
///     108.268
///     >>> sorted(textlens.readability("Il gatto dorme sul divano.", "all", lang="it"))
///     ['flesch', 'flesch_vacca', 'gulpease', 'lix', 'rix']
#[pyfunction]
#[pyo3(signature = (text, measure = None, *, lang = None))]
pub(crate) fn readability<'py>(
    py: Python<'py>,
    text: &str,
    measure: Option<&Bound<'py, PyAny>>,
    lang: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let lang = parse_lang(lang)?;
    let measures = match measure {
        Some(m) => Measures::parse(m)?,
        None => Measures::All,
    };
    let p = contained(py, || Ok(pass(text, lang).profile))?;
    Ok(match measures {
        Measures::One(m) => score(&p, &m)?.into_pyobject(py)?.into_any(),
        Measures::All => scores(py, &readability_all(&p))?.into_any(),
        Measures::Many(ms) => {
            let pairs = ms
                .iter()
                .map(|m| Ok((m.as_str(), score(&p, m)?)))
                .collect::<Result<Vec<_>, Error>>()?;
            scores(py, &pairs)?.into_any()
        }
    })
}

/// The lexical diversity options from the Python keywords.
fn lexdiv_options(
    window: usize,
    segment: usize,
    threshold: f64,
    draws: usize,
    log_base: f64,
) -> LexdivOptions {
    LexdivOptions {
        window,
        segment,
        threshold,
        draws,
        log_base,
    }
}

fn pick(all: &[(&'static str, f64)], measures: &Measures) -> PyResult<Vec<(&'static str, f64)>> {
    Ok(match measures {
        Measures::All => all.to_vec(),
        Measures::One(m) => vec![find_lexdiv(all, m)?],
        Measures::Many(ms) => ms
            .iter()
            .map(|m| find_lexdiv(all, m))
            .collect::<PyResult<_>>()?,
    })
}

fn find_lexdiv(all: &[(&'static str, f64)], m: &str) -> PyResult<(&'static str, f64)> {
    let key = m.trim().to_ascii_lowercase();
    all.iter().find(|(n, _)| *n == key).copied().ok_or_else(|| {
        Error::invalid(
            "measure",
            format!(
                "{m:?} is not a lexical diversity measure; known: {}",
                LEXDIV_MEASURES.join(", ")
            ),
        )
        .into()
    })
}

/// Lexical diversity of a text or a token list, each measure as
/// quanteda.textstats' ``textstat_lexdiv`` defines it.
///
/// With N tokens, V types and V(i) types seen i times: ``ttr`` V/N, ``c``
/// (Herdan) log V / log N, ``r`` (Guiraud) V/√N, ``cttr`` V/√(2N), ``u``
/// (Dugast) log²N / (log N − log V), ``s`` (Summer) log log V / log log N,
/// ``k`` (Yule) 10⁴ (Σ i² V(i) − N) / N², ``i`` (Yule) V² / (Σ i² V(i) − V),
/// ``d`` (Simpson) Σ V(i) i (i − 1) / (N (N − 1)), ``vm`` (Herdan)
/// √(Σ V(i) (i/N)² − 1/V), ``maas`` √((log N − log V) / log²N), ``lgv0``
/// log₁₀V / √(1 − (log₁₀V / log₁₀N)²), ``lgev0`` the same with ln,
/// ``mattr`` mean TTR of moving windows of ``window`` tokens, ``msttr``
/// mean TTR of consecutive segments of ``segment`` tokens (the incomplete
/// last one dropped), ``mtld`` (McCarthy & Jarvis 2010) the mean of the
/// forward and backward factor lengths at ``threshold``, ``hdd`` (McCarthy &
/// Jarvis 2007) Σ over types of P(type in a sample of ``draws``)/``draws``.
/// Logarithms in ``u``, ``s`` and ``maas`` are to ``log_base``.
///
/// NaN only where a definition divides by zero: no tokens; one token (``c``,
/// ``s``, ``d``, ``maas``, ``lgv0``, ``lgev0``, ``u``); fewer tokens than
/// ``draws`` (``hdd``). When every token differs ``u``, ``i``, ``lgv0`` and
/// ``lgev0`` are infinite. A text shorter than one window or segment has
/// its TTR as MATTR and MSTTR.
///
/// Args:
///     text_or_tokens: a str (its lower-cased word forms, or with
///         ``analyzer`` its terms after stopwords and stemming) or a sequence
///         of str used verbatim.
///     measure: a name, a list of names or ``"all"``.
///     window, segment, threshold, draws, log_base: see above.
///     lang: the text's language for lower-casing (``None``: detected).
///     analyzer: an :class:`Analyzer` whose terms are counted instead of
///         word forms.
///
/// Returns:
///     A float for one name, else a dict name → float.
///
/// Example:
///     >>> import textlens
///     >>> textlens.lexdiv("A rose is a rose is a rose.", "ttr")
///     0.375
///     >>> round(textlens.lexdiv(["a", "b", "a", "c"], "k"), 6)
///     1250.0
#[pyfunction]
#[pyo3(signature = (
    text_or_tokens, measure = None, *, window = 50, segment = 100, threshold = 0.72,
    draws = 42, log_base = 10.0, lang = None, analyzer = None
))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn lexdiv<'py>(
    py: Python<'py>,
    text_or_tokens: &Bound<'py, PyAny>,
    measure: Option<&Bound<'py, PyAny>>,
    window: usize,
    segment: usize,
    threshold: f64,
    draws: usize,
    log_base: f64,
    lang: Option<&str>,
    analyzer: Option<PyRef<'py, PyAnalyzer>>,
) -> PyResult<Bound<'py, PyAny>> {
    let lang = parse_lang(lang)?;
    let measures = match measure {
        Some(m) => Measures::parse(m)?,
        None => Measures::All,
    };
    let options = lexdiv_options(window, segment, threshold, draws, log_base);
    let analyzer = analyzer.map(|a| a.inner.clone());
    let all = if let Ok(s) = text_or_tokens.cast::<PyString>() {
        let text = s.to_str()?;
        contained(py, || {
            let toks = match &analyzer {
                Some(a) => a.analyze(text),
                None => crate::stats::profile::word_forms(text, lang),
            };
            lexdiv_all(&toks, &options)
        })?
    } else {
        let toks = extract_texts("text_or_tokens", text_or_tokens)?;
        contained(py, || lexdiv_all(&toks, &options))?
    };
    let picked = pick(&all, &measures)?;
    Ok(match measures {
        Measures::One(_) => picked[0].1.into_pyobject(py)?.into_any(),
        _ => scores(py, &picked)?.into_any(),
    })
}

/// Each document's language: its label if it parses, else detected.
fn doc_lang(d: &Document) -> Option<Language> {
    d.lang.as_deref().and_then(|l| Language::from_name(l).ok())
}

fn profiles(py: Python<'_>, docs: &[Document]) -> PyResult<Vec<Profile>> {
    contained(py, || {
        Ok(docs
            .par_iter()
            .map(|d| pass(&d.text, doc_lang(d)).profile)
            .collect())
    })
}

/// A table with document ids as the index (`textlens._stats.frame`).
fn frame<'py>(
    py: Python<'py>,
    columns: &Bound<'py, PyDict>,
    docs: &[Document],
) -> PyResult<Bound<'py, PyAny>> {
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    py.import("textlens._stats")?
        .call_method1("frame", (columns, ids))
}

/// `Corpus.statistics()`.
pub(crate) fn corpus_statistics<'py>(
    py: Python<'py>,
    docs: &[Document],
) -> PyResult<Bound<'py, PyAny>> {
    let ps = profiles(py, docs)?;
    let columns = PyDict::new(py);
    let rows = PyList::empty(py);
    for p in &ps {
        rows.append(profile_dict(py, p)?)?;
    }
    let first = match ps.first() {
        Some(p) => profile_dict(py, p)?,
        None => profile_dict(py, &Profile::default())?,
    };
    for key in first.cast::<PyDict>()?.keys() {
        let col = PyList::empty(py);
        for row in rows.iter() {
            col.append(row.get_item(&key)?)?;
        }
        columns.set_item(key, col)?;
    }
    frame(py, &columns, docs)
}

/// Per-document values by measure name (NaN where a measure does not apply
/// to a document), the names in the order given.
type Table = Vec<(&'static str, Vec<f64>)>;

fn readability_table(ps: &[Profile], measures: &Measures) -> PyResult<Table> {
    let names: Vec<&'static str> = match measures {
        Measures::All => readability_measures()
            .into_iter()
            .filter(|n| ps.iter().any(|p| score(p, n).is_ok()))
            .collect(),
        Measures::One(m) => vec![canonical(m)?],
        Measures::Many(ms) => ms.iter().map(|m| canonical(m)).collect::<PyResult<_>>()?,
    };
    let mut out = Vec::new();
    for name in names {
        let col: Vec<f64> = ps
            .iter()
            .map(|p| score(p, name).unwrap_or(f64::NAN))
            .collect();
        if !ps.is_empty() && ps.iter().all(|p| score(p, name).is_err()) {
            // Not one document can take it: the single-text error explains why.
            score(&ps[0], name)?;
        }
        out.push((name, col));
    }
    Ok(out)
}

fn canonical(m: &str) -> PyResult<&'static str> {
    let key = m.trim().to_ascii_lowercase();
    readability_measures()
        .into_iter()
        .find(|n| *n == key)
        .ok_or_else(|| {
            Error::invalid(
                "measure",
                format!(
                    "{m:?} is not a readability formula; known: {}",
                    readability_measures().join(", ")
                ),
            )
            .into()
        })
}

/// The per-document table, or with `groups` a summary per group and measure.
fn table_or_groups<'py>(
    py: Python<'py>,
    docs: &[Document],
    table: Table,
    groups: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let Some(key) = groups else {
        let columns = PyDict::new(py);
        for (name, col) in table {
            columns.set_item(name, col)?;
        }
        return frame(py, &columns, docs);
    };
    let groups = super::keyness::groups("groups", docs, key, GroupOrder::FirstAppearance, None)?;
    let (mut g, mut m, mut n, mut mean, mut sd, mut lo, mut hi) =
        (vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    for (name, col) in &table {
        for s in summarize_groups(col, &groups) {
            g.push(s.group);
            m.push(*name);
            n.push(s.n);
            mean.push(s.mean);
            sd.push(s.sd);
            lo.push(s.ci_low);
            hi.push(s.ci_high);
        }
    }
    let columns = PyDict::new(py);
    columns.set_item("group", g)?;
    columns.set_item("measure", m)?;
    columns.set_item("n", n)?;
    columns.set_item("mean", mean)?;
    columns.set_item("sd", sd)?;
    columns.set_item("ci_low", lo)?;
    columns.set_item("ci_high", hi)?;
    py.import("textlens._tables")?
        .call_method1("table", (columns,))
}

/// `Corpus.readability(measure, groups=)`.
pub(crate) fn corpus_readability<'py>(
    py: Python<'py>,
    docs: &[Document],
    measure: Option<&Bound<'py, PyAny>>,
    groups: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let measures = match measure {
        Some(m) => Measures::parse(m)?,
        None => Measures::All,
    };
    let ps = profiles(py, docs)?;
    let table = readability_table(&ps, &measures)?;
    table_or_groups(py, docs, table, groups)
}

/// `Corpus.lexdiv(measure, groups=, …)`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn corpus_lexdiv<'py>(
    py: Python<'py>,
    docs: &[Document],
    analyzer: Option<&Analyzer>,
    measure: Option<&Bound<'py, PyAny>>,
    groups: Option<&Bound<'py, PyAny>>,
    options: (usize, usize, f64, usize, f64),
) -> PyResult<Bound<'py, PyAny>> {
    let measures = match measure {
        Some(m) => Measures::parse(m)?,
        None => Measures::All,
    };
    let (window, segment, threshold, draws, log_base) = options;
    let options = lexdiv_options(window, segment, threshold, draws, log_base);
    let per_doc = contained(py, || {
        docs.par_iter()
            .map(|d| {
                let toks = match analyzer {
                    Some(a) => a.analyze(&d.text),
                    None => crate::stats::profile::word_forms(&d.text, doc_lang(d)),
                };
                lexdiv_all(&toks, &options)
            })
            .collect::<Result<Vec<_>, Error>>()
    })?;
    let template: Vec<(&'static str, f64)> = LEXDIV_MEASURES.iter().map(|&m| (m, 0.0)).collect();
    let names: Vec<&'static str> = pick(&template, &measures)?
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    let table = names
        .into_iter()
        .map(|name| {
            let i = LEXDIV_MEASURES.iter().position(|m| *m == name).unwrap_or(0);
            (name, per_doc.iter().map(|row| row[i].1).collect())
        })
        .collect();
    table_or_groups(py, docs, table, groups)
}

/// Register the one-text functions.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(statistics, m)?)?;
    m.add_function(wrap_pyfunction!(syllables, m)?)?;
    m.add_function(wrap_pyfunction!(readability, m)?)?;
    m.add_function(wrap_pyfunction!(lexdiv, m)?)?;
    Ok(())
}

/// `Corpus.collocations(size, min_count, measure, terms, n)`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn corpus_collocations<'py>(
    py: Python<'py>,
    docs: &[Document],
    analyzer: Option<&Analyzer>,
    size: usize,
    min_count: u64,
    measure: &str,
    n: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    if size != 2 {
        return Err(
            Error::invalid("size", format!("{size}: only 2 (bigrams) is supported")).into(),
        );
    }
    let mut rows = contained(py, || {
        let toks: Vec<Vec<String>> = docs
            .par_iter()
            .map(|d| match analyzer {
                Some(a) => a.analyze(&d.text),
                None => crate::stats::profile::word_forms(&d.text, doc_lang(d)),
            })
            .collect();
        crate::stats::collocations::collocations(&toks, min_count, measure)
    })?;
    if let Some(n) = n {
        rows.truncate(n);
    }
    let columns = PyDict::new(py);
    columns.set_item(
        "collocation",
        rows.iter()
            .map(|r| r.collocation.as_str())
            .collect::<Vec<_>>(),
    )?;
    columns.set_item("count", rows.iter().map(|r| r.count).collect::<Vec<_>>())?;
    type Field = fn(&crate::stats::collocations::Collocation) -> f64;
    let fields: [(&str, Field); 7] = [
        ("lambda", |r| r.lambda),
        ("z", |r| r.z),
        ("pmi", |r| r.pmi),
        ("npmi", |r| r.npmi),
        ("g2", |r| r.g2),
        ("t", |r| r.t),
        ("chi2", |r| r.chi2),
    ];
    for (name, f) in fields {
        columns.set_item(name, rows.iter().map(f).collect::<Vec<_>>())?;
    }
    py.import("textlens._tables")?
        .call_method1("table", (columns,))
}

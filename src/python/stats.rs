//! Bindings of `crate::stats`' profile, syllables, readability and lexical
//! diversity: one-text functions and the `Corpus` methods' bodies.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use rayon::prelude::*;

use super::convert::{array, extract_texts, json_to_py};
use super::interrupt::{contained, interruptible};
use super::PyAnalyzer;
use crate::error::Error;
use crate::interrupt::Interrupt;
use crate::io::document::Document;
use crate::stats::collocations::{check as check_collocations, intern_with, score_ids};
use crate::stats::collocations::{Collocation, CollocationOptions};
use crate::stats::groups::summarize_groups;
use crate::stats::keyness::GroupOrder;
use crate::stats::lexdiv::{
    check_names, lexdiv_all, lexdiv_counts, LexdivOptions, LEXDIV_MEASURES,
};
use crate::stats::profile::{for_each_word_form, pass, Profile};
use crate::stats::readability::{
    readability as score, readability_all, readability_column, readability_measures,
};
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
///     readability: ``None``, or a formula name, a list of names or
///         ``"all"`` (see :func:`readability`): their scores are added to the
///         dict, computed from the same pass (faster than a second call).
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
///     >>> s = textlens.statistics("The cat sat. It was happy!", lang="en", readability="all")
///     >>> round(s["flesch"], 3), round(s["lix"], 3)
///     (105.09, 3.0)
#[pyfunction]
#[pyo3(signature = (text, *, lang = None, readability = None))]
pub(crate) fn statistics<'py>(
    py: Python<'py>,
    text: &str,
    lang: Option<&str>,
    readability: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let lang = parse_lang(lang)?;
    let measures = readability.map(Measures::parse).transpose()?;
    let p = contained(py, || Ok(pass(text, lang).profile))?;
    let d = profile_dict(py, &p)?;
    if let Some(ms) = measures {
        let pairs = match ms {
            Measures::All => readability_all(&p),
            Measures::One(m) => vec![(canonical(&m)?, score(&p, &m)?)],
            Measures::Many(ms) => ms
                .iter()
                .map(|m| Ok((canonical(m)?, score(&p, m)?)))
                .collect::<PyResult<Vec<_>>>()?,
        };
        let dict = d.cast::<PyDict>()?;
        for (k, v) in pairs {
            dict.set_item(k, v)?;
        }
    }
    Ok(d)
}

/// The statistics of many texts at once: what
/// ``Corpus(documents).statistics(...)`` returns, without building a corpus.
///
/// A ``Corpus`` counts every document's terms when it is made; the profile,
/// the readability formulas and the lexical diversity measures never read
/// those counts, so when the statistics are all you need this skips that
/// work (about half the time from raw texts). The documents are read in one
/// pass each, in parallel, like :meth:`Corpus.statistics`.
///
/// Args:
///     documents: a sequence of str or :class:`Document` (a str's id is its
///         position), or a pandas DataFrame (the ``text_column``, ids from the
///         index), as :class:`Corpus` takes them.
///     lang: the language (code or name) of every document without its own
///         label; ``None`` detects each one.
///     readability: ``None``, a formula name, a list of names or ``"all"``
///         (as :meth:`Corpus.statistics`).
///     lexdiv: ``None``, a measure name, a list of names or ``"all"``.
///     text_column: the text column of a DataFrame.
///     window, segment, threshold, draws, log_base: as :func:`lexdiv`.
///
/// Returns:
///     A ``pandas.DataFrame`` with one row per document and the document ids
///     as its index, or without pandas a list of dicts (``id`` first): the
///     same table as :meth:`Corpus.statistics`.
///
/// Raises:
///     TypeError: a single str, or an item that is neither str nor Document.
///     UnsupportedError: an unknown ``lang`` or formula (the message names it).
///
/// Example:
///     >>> import textlens
///     >>> s = textlens.statistics_many(["The cat sat. It was happy!",
///     ...                               textlens.Document("Der Hund bellt laut.", lang="de")],
///     ...                              readability="lix", lexdiv="ttr")
///     >>> s[["lang", "words", "sentences", "lix", "ttr"]].values.tolist()
///     [['en', 6, 2, 3.0, 1.0], ['de', 4, 1, 4.0, 1.0]]
///     >>> textlens.statistics_many(["Le chat dort."], lang="fr")["lang"].tolist()
///     ['fr']
#[pyfunction]
#[pyo3(signature = (
    documents, *, lang = None, readability = None, lexdiv = None, text_column = "text",
    window = 50, segment = 100, threshold = 0.72, draws = 42, log_base = 10.0
))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn statistics_many<'py>(
    py: Python<'py>,
    documents: &Bound<'py, PyAny>,
    lang: Option<&str>,
    readability: Option<&Bound<'py, PyAny>>,
    lexdiv: Option<&Bound<'py, PyAny>>,
    text_column: &str,
    window: usize,
    segment: usize,
    threshold: f64,
    draws: usize,
    log_base: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let lang = parse_lang(lang)?;
    let mut docs = super::corpus::documents_of(py, documents, text_column)?;
    if let Some(lang) = lang {
        for d in docs.iter_mut().filter(|d| d.lang.is_none()) {
            d.lang = Some(lang.code().to_owned());
        }
    }
    let extra = Extra {
        readability,
        lexdiv,
        options: (window, segment, threshold, draws, log_base),
    };
    corpus_statistics(py, &docs, extra)
}

/// Syllable counts of words, by the rule of their language.
///
/// English, French: vowel groups with silent final *e* (and English *-es*,
/// *-ed*, syllabic *-le*); German: vowel groups with hiatus (*neu-e*,
/// *Janu-ar*); Spanish, Portuguese, Italian, Catalan, Galician: vowel groups
/// split between strong vowels and at accented *í*/*ú*; Czech, Slovak,
/// Croatian, Bosnian, Slovene: each vowel (diphthongs as one) and syllabic
/// *r*/*l*; Turkish and the Cyrillic languages: one syllable per vowel
/// letter; other Latin-script languages and Greek: vowel groups (outside
/// English a *y* before a vowel is a consonant). Every word with a letter
/// has at least one syllable.
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
pub(crate) fn syllables(
    py: Python<'_>,
    words: &Bound<'_, PyAny>,
    lang: &str,
) -> PyResult<Vec<u32>> {
    let words = extract_texts("words", words)?;
    let lang = Language::from_name(lang)?;
    contained(py, || count_syllables(&words, lang))
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
/// pl: ``pisarek``; ru: ``oborneva``; scripts without spaces (zh, ja, th,
/// lo, km, my): ``characters_per_sentence`` (letters and Han/Kana characters
/// per sentence); ja: ``tateisi`` (Tateisi, Ono & Yamada 1988, COLING: RS =
/// −0.12 ls − 1.37 la + 7.4 lh − 23.18 lc − 5.4 lk − 4.67 cp + 115.79 on
/// sentence length in characters, mean runs of Roman letters, hiragana, kanji
/// and katakana, and commas per sentence; higher is easier). The formulas,
/// constants and references are listed in the README's "Text statistics"
/// section.
///
/// A text without words gives NaN (every formula divides by the number of
/// words; the character-based ones by the number of characters).
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
///     >>> round(textlens.readability("今日は天気がいいです。", "tateisi", lang="ja"), 2)
///     90.31
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
    interruptible(py, doc_bytes(docs), |stop| {
        stop.par_map(docs, |d| pass(&d.text, doc_lang(d)).profile)
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

/// The profile columns, in the order of `textlens.statistics`' keys: ints
/// and floats as numpy arrays; optional counts (`None` without a syllable
/// rule or word list) as numpy arrays when no value is missing, else lists;
/// languages as lists.
fn profile_columns<'py>(
    py: Python<'py>,
    ps: &[Profile],
    columns: &Bound<'py, PyDict>,
) -> PyResult<()> {
    type Int = fn(&Profile) -> u64;
    type Opt = fn(&Profile) -> Option<u64>;
    type Float = fn(&Profile) -> f64;
    let int = |name: &str, f: Int| {
        let v: Vec<i64> = ps.iter().map(|p| f(p) as i64).collect();
        columns.set_item(name, array(py, v)?)
    };
    // Counts that may be missing: a numpy array when every document has one
    // (the dtype pandas would infer), else a list with None.
    let opt = |name: &str, f: Opt| match ps.iter().map(|p| f(p).map(|v| v as i64)).collect() {
        Some(v) => columns.set_item(name, array(py, v)?),
        None => columns.set_item(name, ps.iter().map(f).collect::<Vec<_>>()),
    };
    let float = |name: &str, f: Float| {
        let v: Vec<f64> = ps.iter().map(f).collect();
        columns.set_item(name, array(py, v)?)
    };
    columns.set_item("lang", ps.iter().map(|p| p.lang).collect::<Vec<_>>())?;
    int("characters", |p| p.characters)?;
    int("letters", |p| p.letters)?;
    int("tokens", |p| p.tokens)?;
    int("words", |p| p.words)?;
    int("numbers", |p| p.numbers)?;
    int("punctuation", |p| p.punctuation)?;
    int("symbols", |p| p.symbols)?;
    int("urls", |p| p.urls)?;
    int("emails", |p| p.emails)?;
    int("cjk_characters", |p| p.cjk_characters)?;
    int("sentences", |p| p.sentences)?;
    opt("syllables", |p| p.syllables)?;
    opt("monosyllables", |p| p.monosyllables)?;
    opt("disyllables", |p| p.disyllables)?;
    opt("polysyllables", |p| p.polysyllables)?;
    int("long_words", |p| p.long_words)?;
    int("types", |p| p.types)?;
    int("stopwords", |p| p.stopwords)?;
    float("lexical_density", |p| p.lexical_density)?;
    float("sentence_length_mean", |p| p.sentence_length_mean)?;
    float("sentence_length_sd", |p| p.sentence_length_sd)?;
    float("word_length_mean", |p| p.word_length_mean)?;
    float("word_length_sd", |p| p.word_length_sd)?;
    opt("difficult_words", |p| p.difficult_words)?;
    Ok(())
}

/// What `Corpus.statistics` adds to the profile: readability formulas,
/// lexical diversity measures and their options.
pub(crate) struct Extra<'a, 'py> {
    pub readability: Option<&'a Bound<'py, PyAny>>,
    pub lexdiv: Option<&'a Bound<'py, PyAny>>,
    pub options: (usize, usize, f64, usize, f64),
}

/// `Corpus.statistics(readability=, lexdiv=, …)`: one pass per document
/// (in parallel) gives the profile, the readability formulas and the
/// lexical diversity measures, handed over column by column.
pub(crate) fn corpus_statistics<'py>(
    py: Python<'py>,
    docs: &[Document],
    extra: Extra<'_, 'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let readability = extra.readability.map(Measures::parse).transpose()?;
    let (window, segment, threshold, draws, log_base) = extra.options;
    let options = lexdiv_options(window, segment, threshold, draws, log_base);
    let lex_names: Vec<&'static str> = match extra.lexdiv.map(Measures::parse).transpose()? {
        None => Vec::new(),
        Some(Measures::All) => check_names(&LEXDIV_MEASURES, &options)?,
        Some(Measures::One(m)) => check_names(&[m.as_str()], &options)?,
        Some(Measures::Many(ms)) => {
            check_names(&ms.iter().map(String::as_str).collect::<Vec<_>>(), &options)?
        }
    };
    let rows: Vec<(Profile, Vec<f64>)> = interruptible(py, doc_bytes(docs), |stop| {
        stop.par_map(docs, |d| {
            let p = pass(&d.text, doc_lang(d));
            let lex = lexdiv_counts(&p.counts, &lex_names, &options);
            (p.profile, lex)
        })
    })?;
    let (ps, lex): (Vec<Profile>, Vec<Vec<f64>>) = rows.into_iter().unzip();
    let columns = PyDict::new(py);
    profile_columns(py, &ps, &columns)?;
    if let Some(measures) = readability {
        for (name, col) in readability_table(&ps, &measures)? {
            columns.set_item(name, array(py, col)?)?;
        }
    }
    for (i, name) in lex_names.iter().enumerate() {
        let col: Vec<f64> = lex.iter().map(|row| row[i]).collect();
        columns.set_item(*name, array(py, col)?)?;
    }
    frame(py, &columns, docs)
}

/// Per-document values by measure name (NaN where a measure does not apply
/// to a document), the names in the order given.
type Table = Vec<(&'static str, Vec<f64>)>;

fn readability_table(ps: &[Profile], measures: &Measures) -> PyResult<Table> {
    let names: Vec<&'static str> = match measures {
        Measures::All => readability_measures(),
        Measures::One(m) => vec![canonical(m)?],
        Measures::Many(ms) => ms.iter().map(|m| canonical(m)).collect::<PyResult<_>>()?,
    };
    let all = matches!(measures, Measures::All);
    let mut out = Vec::new();
    for name in names {
        match readability_column(ps, name)? {
            Some(col) => out.push((name, col)),
            // `all`: only the formulas some document can take.
            None if all => {}
            None if ps.is_empty() => out.push((name, Vec::new())),
            // Not one document can take it: the single-text error explains why.
            None => {
                score(&ps[0], name)?;
                out.push((name, vec![f64::NAN; ps.len()]));
            }
        }
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
    let per_doc = interruptible(py, doc_bytes(docs), |stop| {
        stop.par_map(docs, |d| {
            let toks = match analyzer {
                Some(a) => a.analyze(&d.text),
                None => crate::stats::profile::word_forms(&d.text, doc_lang(d)),
            };
            lexdiv_all(&toks, &options)
        })?
        .into_iter()
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
    m.add_function(wrap_pyfunction!(statistics_many, m)?)?;
    m.add_function(wrap_pyfunction!(syllables, m)?)?;
    m.add_function(wrap_pyfunction!(readability, m)?)?;
    m.add_function(wrap_pyfunction!(lexdiv, m)?)?;
    Ok(())
}

/// Each document's tokens (the analyzer's terms, or lower-cased word forms)
/// as ids into one vocabulary; documents after a raised `stop` give none.
fn interned_tokens(
    docs: &[Document],
    analyzer: Option<&Analyzer>,
    stop: &Interrupt,
) -> (Vec<String>, Vec<Vec<u32>>) {
    intern_with(docs, |d, push| {
        if stop.is_raised() {
            return;
        }
        match analyzer {
            Some(a) => a.analyze(&d.text).iter().for_each(|t| push(t)),
            None => for_each_word_form(&d.text, doc_lang(d), push),
        }
    })
}

/// How much work a call over `docs` is, for [`interruptible`].
fn doc_bytes(docs: &[Document]) -> usize {
    docs.iter().map(|d| d.text.len()).sum()
}

/// `Corpus.collocations(size, min_count, measure, terms, n, max_ngrams)`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn corpus_collocations<'py>(
    py: Python<'py>,
    docs: &[Document],
    analyzer: Option<&Analyzer>,
    size: usize,
    min_count: u64,
    measure: &str,
    n: Option<usize>,
    max_ngrams: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let options = CollocationOptions {
        size,
        min_count,
        max_ngrams,
    };
    let key = check_collocations(&options, measure)?;
    let result = interruptible(py, doc_bytes(docs), |stop| {
        let (vocab, ids) = interned_tokens(docs, analyzer, stop);
        stop.check()?;
        stop.run(|| Ok(score_ids(&vocab, &ids, &options, key, stop)))
    })?;
    if result.dropped > 0 {
        let warning = py
            .get_type::<pyo3::exceptions::PyRuntimeWarning>()
            .into_any();
        let message = format!(
            "the collocation counter reached max_ngrams={max_ngrams}: {} occurrences of rare \
             n-grams were dropped, so counts and scores are approximate",
            result.dropped
        );
        PyErr::warn(
            py,
            &warning,
            &std::ffi::CString::new(message).unwrap_or_default(),
            1,
        )?;
    }
    let mut rows = result.rows;
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
    let counts: Vec<i64> = rows.iter().map(|r| r.count as i64).collect();
    columns.set_item("count", array(py, counts)?)?;
    type Field = fn(&Collocation) -> f64;
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
        columns.set_item(name, array(py, rows.iter().map(f).collect())?)?;
    }
    py.import("textlens._tables")?
        .call_method1("table", (columns,))
}

/// Token lists of the parts, and the group labels when grouped.
type Parts = (Vec<Vec<String>>, Option<Vec<String>>);

/// The documents' tokens pooled by group (quanteda's `dfm_group`), with the
/// group labels; without `groups` the documents themselves (no labels).
fn parts<'py>(
    py: Python<'py>,
    docs: &[Document],
    analyzer: Option<&Analyzer>,
    groups: Option<&Bound<'py, PyAny>>,
) -> PyResult<Parts> {
    let groups = groups
        .map(|key| super::keyness::groups("groups", docs, key, GroupOrder::FirstAppearance, None))
        .transpose()?;
    let toks = interruptible(py, doc_bytes(docs), |stop| {
        stop.par_map(docs, |d| match analyzer {
            Some(a) => a.analyze(&d.text),
            None => crate::stats::profile::word_forms(&d.text, doc_lang(d)),
        })
    })?;
    Ok(match groups {
        None => (toks, None),
        Some(g) => {
            let mut pooled: Vec<Vec<String>> = vec![Vec::new(); g.len()];
            for (t, &i) in toks.into_iter().zip(g.of_doc()) {
                if let Some(p) = pooled.get_mut(i) {
                    p.extend(t);
                }
            }
            (pooled, Some(g.labels().to_vec()))
        }
    })
}

/// `Corpus.entropy(groups=, base=, terms=)`.
pub(crate) fn corpus_entropy<'py>(
    py: Python<'py>,
    docs: &[Document],
    analyzer: Option<&Analyzer>,
    groups: Option<&Bound<'py, PyAny>>,
    base: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let (parts, labels) = parts(py, docs, analyzer, groups)?;
    let values = contained(py, || {
        parts
            .par_iter()
            .map(|p| crate::stats::dispersion::entropy(p, base))
            .collect::<Result<Vec<f64>, Error>>()
    })?;
    let columns = PyDict::new(py);
    match labels {
        None => {
            columns.set_item("entropy", values)?;
            frame(py, &columns, docs)
        }
        Some(labels) => {
            columns.set_item("group", labels)?;
            columns.set_item("entropy", values)?;
            py.import("textlens._tables")?
                .call_method1("table", (columns,))
        }
    }
}

/// `Corpus.dispersion(words, groups=, terms=)`.
pub(crate) fn corpus_dispersion<'py>(
    py: Python<'py>,
    docs: &[Document],
    analyzer: Option<&Analyzer>,
    terms: &Bound<'py, PyAny>,
    groups: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut wanted = match terms.cast::<PyString>() {
        Ok(s) => vec![s.to_str()?.to_owned()],
        Err(_) => extract_texts("words", terms)?,
    };
    if analyzer.is_none() {
        wanted = wanted.iter().map(|t| t.to_lowercase()).collect();
    }
    let (parts, _) = parts(py, docs, analyzer, groups)?;
    let rows = contained(py, || {
        Ok(crate::stats::dispersion::dispersion(&parts, &wanted))
    })?;
    let columns = PyDict::new(py);
    columns.set_item(
        "term",
        rows.iter().map(|r| r.term.as_str()).collect::<Vec<_>>(),
    )?;
    columns.set_item(
        "frequency",
        rows.iter().map(|r| r.frequency).collect::<Vec<_>>(),
    )?;
    columns.set_item("range", rows.iter().map(|r| r.range).collect::<Vec<_>>())?;
    columns.set_item(
        "parts",
        vec![parts.iter().filter(|p| !p.is_empty()).count(); rows.len()],
    )?;
    columns.set_item(
        "juilland_d",
        rows.iter().map(|r| r.juilland_d).collect::<Vec<_>>(),
    )?;
    columns.set_item("dp", rows.iter().map(|r| r.dp).collect::<Vec<_>>())?;
    columns.set_item(
        "dp_norm",
        rows.iter().map(|r| r.dp_norm).collect::<Vec<_>>(),
    )?;
    py.import("textlens._tables")?
        .call_method1("table", (columns,))
}

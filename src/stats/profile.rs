//! The document profile: counts of characters, tokens, sentences, syllables
//! and word lengths that the readability formulas and reports share, in one
//! pass over the text.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use crate::detect::detect;
use crate::stats::lexdiv::{check_names, lexdiv_counts, Counts, LexdivOptions, LEXDIV_MEASURES};
use crate::stats::readability::readability_all;
use crate::stats::syllables;
use crate::text::join::for_each_token_in;
use crate::text::lang::Language;
use crate::text::letters::is_letter;
use crate::text::normalize::Normalizer;
use crate::text::segment::Cjk;
use crate::text::sentences::sentence_spans;
use crate::text::stopwords::{default_stopwords, Stopwords};
use crate::text::tokenize::{is_cjk, Token, TokenKind};

/// Bins of the syllable histogram: words of 0, 1, …, 7 and 8 or more syllables.
const SYLLABLE_BINS: usize = 9;

/// Counts and means that describe one document.
///
/// Words are the word tokens of [`crate::tokens_in`] in the language (tokens with a letter),
/// except in scripts written without spaces (Han, Kana), whose characters
/// are counted in `cjk_characters` instead of as overlapping bigrams.
/// Numbers, URLs and e-mail addresses are not words. A sentence is a span of
/// [`crate::sentence_spans`] with at least one word or Han/Kana character;
/// text without a sentence terminator is one sentence. Sentence length is
/// in words, or in words and Han/Kana characters where those characters
/// outnumber the words.
///
/// # Examples
///
/// ```
/// let p = textlens::profile("The cat sat on the mat. It was happy!", Some("en".parse()?));
/// assert_eq!((p.words, p.sentences, p.syllables, p.types), (9, 2, Some(10), 8));
/// assert_eq!(p.lang, Some("en"));
/// assert_eq!(p.sentence_length_mean, 4.5);
/// # Ok::<(), textlens::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Profile {
    /// The language the counts were made for: given, else detected (`None`
    /// when detection found none).
    pub lang: Option<&'static str>,
    /// Characters other than whitespace.
    pub characters: u64,
    /// Letters (alphabetic characters) in words.
    pub letters: u64,
    /// All tokens (words, numbers, punctuation, symbols, URLs, e-mails).
    pub tokens: u64,
    /// Word tokens.
    pub words: u64,
    /// Number tokens.
    pub numbers: u64,
    /// Punctuation tokens.
    pub punctuation: u64,
    /// Symbol and emoji tokens.
    pub symbols: u64,
    /// URLs.
    pub urls: u64,
    /// E-mail addresses.
    pub emails: u64,
    /// Han, Hiragana and Katakana characters (scripts without word spaces).
    pub cjk_characters: u64,
    /// Sentences with at least one word (or CJK character).
    pub sentences: u64,
    /// Syllables of all words; `None` for a language without a syllable rule.
    pub syllables: Option<u64>,
    /// Words of one syllable.
    pub monosyllables: Option<u64>,
    /// Words of two syllables.
    pub disyllables: Option<u64>,
    /// Words of three or more syllables.
    pub polysyllables: Option<u64>,
    /// Words of more than six letters (LIX's long words).
    pub long_words: u64,
    /// Distinct lower-cased words.
    pub types: u64,
    /// Words that are stopwords of the language (its default list).
    pub stopwords: u64,
    /// Share of words that are not stopwords (0 without words or stopword list).
    pub lexical_density: f64,
    /// Mean words per sentence (0 without sentences).
    pub sentence_length_mean: f64,
    /// Sample standard deviation of words per sentence (0 with fewer than two).
    pub sentence_length_sd: f64,
    /// Mean letters per word (0 without words).
    pub word_length_mean: f64,
    /// Sample standard deviation of letters per word (0 with fewer than two).
    pub word_length_sd: f64,
    /// English only: words not on the Dale–Chall list of easy words.
    pub difficult_words: Option<u64>,
    /// Words by syllable count (last bin: that many or more).
    #[serde(skip)]
    pub(crate) by_syllables: [u64; SYLLABLE_BINS],
    /// Japanese only: runs of each script, for Tateisi's formula.
    #[serde(skip)]
    pub(crate) runs: Option<ScriptRuns>,
}

/// Runs of consecutive characters of one script (Japanese text), and the
/// commas (、) that Tateisi et al. (1988) count.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct ScriptRuns {
    /// (runs, characters) of Roman letters, hiragana, kanji and katakana.
    pub(crate) runs: [(u64, u64); 4],
    /// Touten (、，,) in the text.
    pub(crate) commas: u64,
}

impl ScriptRuns {
    /// Runs of each script in `text`: 0 Roman letters, 1 hiragana, 2 kanji,
    /// 3 katakana; any other character ends a run.
    fn of(text: &str) -> ScriptRuns {
        let mut out = ScriptRuns::default();
        let mut current: Option<usize> = None;
        for c in text.chars() {
            let kind = match c {
                'a'..='z' | 'A'..='Z' | 'ａ'..='ｚ' | 'Ａ'..='Ｚ' => Some(0),
                '\u{3041}'..='\u{309F}' => Some(1),
                '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々' | '〆' => Some(2),
                '\u{30A1}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}' => {
                    Some(3)
                }
                _ => None,
            };
            if matches!(c, '、' | '，' | ',') {
                out.commas += 1;
            }
            if let Some(k) = kind {
                if current != Some(k) {
                    out.runs[k].0 += 1;
                }
                out.runs[k].1 += 1;
            }
            current = kind;
        }
        out
    }

    /// Mean characters per run of script `k` (0 without runs).
    pub(crate) fn mean(&self, k: usize) -> f64 {
        let (runs, chars) = self.runs[k];
        if runs == 0 {
            0.0
        } else {
            chars as f64 / runs as f64
        }
    }
}

impl Profile {
    /// Words with at least `n` syllables (0 without a syllable rule).
    pub(crate) fn words_with_at_least(&self, n: usize) -> u64 {
        self.by_syllables[n.min(SYLLABLE_BINS - 1)..].iter().sum()
    }

    /// Words with exactly `n` syllables (`n` below the last bin).
    pub(crate) fn words_with(&self, n: usize) -> u64 {
        self.by_syllables[n]
    }
}

/// The profile of one text, and its word forms counted for lexical diversity.
pub(crate) struct Pass {
    pub profile: Profile,
    pub counts: Counts,
}

/// The profile of `text` in `lang` (`None`: detected). See [`Profile`].
///
/// # Examples
///
/// ```
/// let p = textlens::profile("Президент России Владимир Путин и председатель КНР Си Цзиньпин договорились. Встреча прошла в Москве.", None);
/// assert_eq!(p.lang, Some("ru"));
/// assert_eq!((p.words, p.sentences, p.syllables), (14, 2, Some(32)));
/// ```
pub fn profile(text: &str, lang: Option<Language>) -> Profile {
    pass(text, lang).profile
}

/// The document profile with every readability formula of its language and
/// every lexical diversity measure of its word forms, from one pass.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Statistics {
    /// The counts.
    pub profile: Profile,
    /// [`crate::readability_all`] of the profile.
    pub readability: Vec<(&'static str, f64)>,
    /// [`crate::lexdiv_all`] of the word forms ([`word_forms`]).
    pub lexdiv: Vec<(&'static str, f64)>,
}

/// [`Statistics`] of `text` in `lang` (`None`: detected): one tokenization
/// for the profile, the readability formulas and lexical diversity.
///
/// # Errors
///
/// [`crate::Error::InvalidOption`] for lexical diversity options out of range.
///
/// # Examples
///
/// ```
/// let o = textlens::LexdivOptions::default();
/// let s = textlens::statistics("The cat sat on the mat. It was happy!", Some("en".parse()?), &o)?;
/// assert_eq!(s.profile.words, 9);
/// assert_eq!(s.readability.iter().find(|(n, _)| *n == "lix").map(|x| x.1), Some(4.5));
/// assert_eq!(s.lexdiv[0], ("ttr", 8.0 / 9.0));
/// # Ok::<(), textlens::Error>(())
/// ```
pub fn statistics(
    text: &str,
    lang: Option<Language>,
    options: &LexdivOptions,
) -> crate::error::Result<Statistics> {
    let names = check_names(&LEXDIV_MEASURES, options)?;
    let p = pass(text, lang);
    let values = lexdiv_counts(&p.counts, &names, options);
    Ok(Statistics {
        readability: readability_all(&p.profile),
        profile: p.profile,
        lexdiv: names.into_iter().zip(values).collect(),
    })
}

/// The lower-cased word forms of `text` that [`profile`] counts (the
/// tokens of lexical diversity on raw word forms), in `lang` (`None`:
/// detected; it decides casing rules such as Turkish dotted i).
///
/// # Examples
///
/// ```
/// assert_eq!(textlens::word_forms("The cat, THE hat.", None), ["the", "cat", "the", "hat"]);
/// ```
pub fn word_forms(text: &str, lang: Option<Language>) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word_form(text, lang, |w| out.push(w.to_owned()));
    out
}

/// Call `f` with each word form of [`word_forms`], without collecting them.
pub(crate) fn for_each_word_form(text: &str, lang: Option<Language>, mut f: impl FnMut(&str)) {
    let lang = language_of(text, lang);
    let norm = normalizer(lang);
    // The language's words (text/join.rs), as the Analyzer and `tokens` see them.
    for_each_token_in(text, lang, Cjk::default(), |t| {
        if let Some(w) = word_form(&t, &norm) {
            f(&w);
        }
    });
}

/// The one rule of what a word form is, shared by [`pass`] (the profile and
/// `statistics(lexdiv=)`) and [`for_each_word_form`] (`lexdiv`,
/// collocations): a word token not made only of Han or Kana characters
/// (those are counted as characters), lower-cased and normalized.
fn word_form<'a>(t: &Token<'a>, norm: &Normalizer) -> Option<Cow<'a, str>> {
    (t.kind == TokenKind::Word && !t.text.chars().all(is_cjk)).then(|| norm.normalize(t.text))
}

/// The normalizer of word forms in `lang`.
fn normalizer(lang: Option<Language>) -> Normalizer {
    Normalizer {
        lang,
        ..Normalizer::default()
    }
}

/// What the profile needs of one distinct word: its syllables (0 without a
/// rule), whether it is a stopword and whether it is on the Dale–Chall list.
#[derive(Clone, Copy)]
struct WordFacts {
    syllables: u32,
    stop: bool,
    easy: bool,
}

/// Words of one language in a thread's [`WordFacts`] cache before that
/// language starts over (some 4 MB), and languages before the whole cache
/// starts over: at most 8 × 65,536 words per thread, kept by the thread (the
/// rayon pool's) between calls.
const FACTS_CAP: usize = 1 << 16;
const FACTS_LANGS: usize = 8;

/// The facts of the words of one language, by word form.
type Facts = FxHashMap<Box<str>, WordFacts>;

thread_local! {
    /// Each thread's facts of the words it has seen, by language: syllables
    /// are counted once per distinct word and thread, not once per document.
    static FACTS: RefCell<FxHashMap<Option<Language>, Facts>> =
        RefCell::new(FxHashMap::default());
}

/// The language used for `text`: `lang`, else the detected one.
pub(crate) fn language_of(text: &str, lang: Option<Language>) -> Option<Language> {
    lang.or_else(|| detect(text).map(|d| d.lang))
}

pub(crate) fn pass(text: &str, lang: Option<Language>) -> Pass {
    let lang = language_of(text, lang);
    let norm = normalizer(lang);
    let rule = lang.and_then(syllables::rule);
    let stop = lang.map(stopwords_of);
    let easy = (lang.map(Language::code) == Some("en")).then(easy_words);

    let mut p = Profile {
        lang: lang.map(Language::code),
        ..Profile::default()
    };
    let spans = sentence_spans(text, lang);
    let mut sentence_words = vec![0u64; spans.len()];
    let mut span = 0;
    let mut words = Vec::new();
    let mut word_lengths = Vec::new();
    let (mut syl, mut stops, mut difficult) = (0u64, 0u64, 0u64);
    for_each_token_in(text, lang, Cjk::default(), |t| {
        p.tokens += 1;
        match t.kind {
            TokenKind::Number => p.numbers += 1,
            TokenKind::Punct => p.punctuation += 1,
            TokenKind::Symbol => p.symbols += 1,
            TokenKind::Url => p.urls += 1,
            TokenKind::Email => p.emails += 1,
            TokenKind::Word => {}
        }
        let Some(form) = word_form(&t, &norm) else {
            return;
        };
        p.words += 1;
        while span + 1 < spans.len() && spans[span].end <= t.start {
            span += 1;
        }
        if let Some(n) = sentence_words.get_mut(span) {
            *n += 1;
        }
        let letters = t.text.chars().filter(|&c| is_letter(c)).count() as u64;
        p.letters += letters;
        word_lengths.push(letters as f64);
        if letters > 6 {
            p.long_words += 1;
        }
        words.push(form);
    });
    // Syllables, stopwords and easy words once per distinct word (and, through
    // the thread's cache, once per thread), weighted by its count.
    let counts = Counts::new(&words);
    FACTS.with_borrow_mut(|by_lang| {
        if by_lang.len() >= FACTS_LANGS && !by_lang.contains_key(&lang) {
            by_lang.clear();
        }
        let facts = by_lang.entry(lang).or_default();
        for (&first, &f) in counts.first.iter().zip(&counts.freq) {
            let w: &str = &words[first];
            let known = match facts.get(w) {
                Some(&k) => k,
                None => {
                    if facts.len() >= FACTS_CAP {
                        facts.clear();
                    }
                    let k = WordFacts {
                        syllables: rule.map_or(0, |r| syllables::count(w, r)),
                        stop: stop.is_some_and(|s| s.contains(w)),
                        easy: easy.is_some_and(|e| e.contains(w)),
                    };
                    facts.insert(w.into(), k);
                    k
                }
            };
            if rule.is_some() {
                let n = u64::from(known.syllables);
                syl += n * f;
                p.by_syllables[(n as usize).min(SYLLABLE_BINS - 1)] += f;
            }
            if known.stop {
                stops += f;
            }
            if easy.is_some() && !known.easy {
                difficult += f;
            }
        }
    });
    // A sentence of Han or Kana characters counts even when the text has
    // words elsewhere (a Latin name in Japanese text); where such characters
    // outnumber the words, sentence length counts them like words.
    // One walk over the characters: non-space ones, and Han/Kana by sentence.
    let mut sentence_cjk = vec![0u64; spans.len()];
    let mut span = 0;
    for (i, c) in text.char_indices() {
        p.characters += u64::from(!c.is_whitespace());
        if !is_cjk(c) {
            continue;
        }
        p.cjk_characters += 1;
        while span + 1 < spans.len() && spans[span].end <= i {
            span += 1;
        }
        if let Some(n) = sentence_cjk.get_mut(span) {
            *n += 1;
        }
    }
    let cjk_major = p.cjk_characters > p.words;
    let lengths: Vec<f64> = sentence_words
        .iter()
        .zip(&sentence_cjk)
        .filter(|&(&w, &c)| w + c > 0)
        .map(|(&w, &c)| (if cjk_major { w + c } else { w }) as f64)
        .collect();
    p.sentences = lengths.len() as u64;
    (p.sentence_length_mean, p.sentence_length_sd) = mean_sd(&lengths);
    (p.word_length_mean, p.word_length_sd) = mean_sd(&word_lengths);
    if rule.is_some() {
        p.syllables = Some(syl);
        p.monosyllables = Some(p.words_with(1));
        p.disyllables = Some(p.words_with(2));
        p.polysyllables = Some(p.words_with_at_least(3));
    }
    p.types = counts.types() as u64;
    p.stopwords = stops;
    if p.words > 0 && stop.is_some_and(|s| !s.is_empty()) {
        p.lexical_density = 1.0 - stops as f64 / p.words as f64;
    }
    if easy.is_some() {
        p.difficult_words = Some(difficult);
    }
    if p.lang == Some("ja") {
        p.runs = Some(ScriptRuns::of(text));
    }
    Pass { profile: p, counts }
}

/// Mean and sample standard deviation (n − 1); zeros where undefined.
pub(crate) fn mean_sd(xs: &[f64]) -> (f64, f64) {
    let n = xs.len() as f64;
    if xs.is_empty() {
        return (0.0, 0.0);
    }
    let mean = xs.iter().sum::<f64>() / n;
    if xs.len() < 2 {
        return (mean, 0.0);
    }
    let ss: f64 = xs.iter().map(|x| (x - mean) * (x - mean)).sum();
    (mean, (ss / (n - 1.0)).sqrt())
}

/// The default stopwords of `lang`, normalized for it, built once.
fn stopwords_of(lang: Language) -> &'static Stopwords {
    static CACHE: OnceLock<Vec<OnceLock<Stopwords>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| (0..Language::count()).map(|_| OnceLock::new()).collect());
    cache[lang.index()].get_or_init(|| {
        let norm = Normalizer {
            lang: Some(lang),
            ..Normalizer::default()
        };
        Stopwords::new(default_stopwords(lang), &norm)
    })
}

/// The Dale–Chall list of easy words (data/dale_chall, from textstat).
pub(crate) fn easy_words() -> &'static FxHashSet<&'static str> {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../../data/dale_chall/easy_words.txt")
            .lines()
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Option<Language> {
        Language::from_name("en").ok()
    }

    #[test]
    fn empty_and_letterless_text() {
        let p = profile("", en());
        assert_eq!((p.words, p.sentences, p.syllables), (0, 0, Some(0)));
        assert_eq!(p.sentence_length_mean, 0.0);
        let p = profile("2022 — 3.5 % !", en());
        assert_eq!((p.words, p.numbers, p.sentences), (0, 2, 0));
    }

    #[test]
    fn no_terminator_is_one_sentence() {
        let p = profile("one two three", en());
        assert_eq!((p.words, p.sentences, p.sentence_length_sd), (3, 1, 0.0));
    }

    #[test]
    fn counts_by_hand() {
        let p = profile("Readability matters. The cat sat on the mat!", en());
        assert_eq!(p.words, 8);
        assert_eq!(p.sentences, 2);
        assert_eq!(p.syllables, Some(5 + 2 + 6));
        assert_eq!(p.polysyllables, Some(1));
        assert_eq!(p.long_words, 2);
        assert_eq!(p.letters, 11 + 7 + 3 + 3 + 3 + 2 + 3 + 3);
        assert_eq!(p.sentence_length_mean, 4.0);
        assert_eq!(p.stopwords, 3);
        assert_eq!(p.difficult_words, Some(2));
    }

    #[test]
    fn chinese_counts_characters() {
        let p = profile("我们走了。他们留下了！", Language::from_name("zh").ok());
        assert_eq!((p.words, p.cjk_characters, p.sentences), (0, 9, 2));
    }
}

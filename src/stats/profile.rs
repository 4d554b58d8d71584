//! The document profile: counts of characters, tokens, sentences, syllables
//! and word lengths that the readability formulas and reports share, in one
//! pass over the text.

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::FxHashSet;
use serde::Serialize;

use crate::detect::detect;
use crate::stats::syllables;
use crate::text::lang::Language;
use crate::text::normalize::Normalizer;
use crate::text::sentences::sentence_spans;
use crate::text::stopwords::{default_stopwords, Stopwords};
use crate::text::tokenize::{for_each_token, is_cjk, TokenKind};

/// Bins of the syllable histogram: words of 0, 1, …, 7 and 8 or more syllables.
const SYLLABLE_BINS: usize = 9;

/// Counts and means that describe one document.
///
/// Words are the word tokens of [`crate::tokens`] (tokens with a letter),
/// except in scripts written without spaces (Han, Kana), whose characters
/// are counted in `cjk_characters` instead of as overlapping bigrams.
/// Numbers, URLs and e-mail addresses are not words. A sentence is a span of
/// [`crate::sentence_spans`] with at least one word; text without a sentence
/// terminator is one sentence.
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

/// The profile of one text.
pub(crate) struct Pass {
    pub profile: Profile,
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
    let norm = Normalizer {
        lang: language_of(text, lang),
        ..Normalizer::default()
    };
    let mut out = Vec::new();
    for_each_token(text, |t| {
        if t.kind == TokenKind::Word && !t.text.chars().all(is_cjk) {
            out.push(norm.normalize(t.text).into_owned());
        }
    });
    out
}

/// The language used for `text`: `lang`, else the detected one.
pub(crate) fn language_of(text: &str, lang: Option<Language>) -> Option<Language> {
    lang.or_else(|| detect(text).map(|d| d.lang))
}

pub(crate) fn pass(text: &str, lang: Option<Language>) -> Pass {
    let lang = language_of(text, lang);
    let norm = Normalizer {
        lang,
        ..Normalizer::default()
    };
    let rule = lang.and_then(syllables::rule);
    let stop = lang.map(stopwords_of);
    let easy = (lang.map(Language::code) == Some("en")).then(easy_words);

    let mut p = Profile {
        lang: lang.map(Language::code),
        characters: text.chars().filter(|c| !c.is_whitespace()).count() as u64,
        ..Profile::default()
    };
    let spans = sentence_spans(text, lang);
    let mut sentence_words = vec![0u64; spans.len()];
    let mut span = 0;
    let mut words = Vec::new();
    let mut word_lengths = Vec::new();
    let (mut syl, mut stops, mut difficult) = (0u64, 0u64, 0u64);
    for_each_token(text, |t| {
        p.tokens += 1;
        match t.kind {
            TokenKind::Number => p.numbers += 1,
            TokenKind::Punct => p.punctuation += 1,
            TokenKind::Symbol => p.symbols += 1,
            TokenKind::Url => p.urls += 1,
            TokenKind::Email => p.emails += 1,
            TokenKind::Word => {}
        }
        if t.kind != TokenKind::Word || t.text.chars().all(is_cjk) {
            return;
        }
        p.words += 1;
        while span + 1 < spans.len() && spans[span].end <= t.start {
            span += 1;
        }
        if let Some(n) = sentence_words.get_mut(span) {
            *n += 1;
        }
        let letters = t.text.chars().filter(|c| c.is_alphabetic()).count() as u64;
        p.letters += letters;
        word_lengths.push(letters as f64);
        if letters > 6 {
            p.long_words += 1;
        }
        let w = norm.normalize(t.text);
        if let Some(rule) = rule {
            let n = syllables::count(&w, rule) as u64;
            syl += n;
            p.by_syllables[(n as usize).min(SYLLABLE_BINS - 1)] += 1;
        }
        if stop.is_some_and(|s| s.contains(&w)) {
            stops += 1;
        }
        if easy.is_some_and(|e| !e.contains(w.as_ref())) {
            difficult += 1;
        }
        words.push(w);
    });
    // CJK characters count towards their sentences like words do.
    let mut span = 0;
    for (i, _) in text.char_indices().filter(|&(_, c)| is_cjk(c)) {
        p.cjk_characters += 1;
        while span + 1 < spans.len() && spans[span].end <= i {
            span += 1;
        }
        if p.words == 0 {
            if let Some(n) = sentence_words.get_mut(span) {
                *n += 1;
            }
        }
    }
    let lengths: Vec<f64> = sentence_words
        .iter()
        .filter(|&&n| n > 0)
        .map(|&n| n as f64)
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
    p.types = words
        .iter()
        .map(Cow::as_ref)
        .collect::<FxHashSet<&str>>()
        .len() as u64;
    p.stopwords = stops;
    if p.words > 0 && stop.is_some_and(|s| !s.is_empty()) {
        p.lexical_density = 1.0 - stops as f64 / p.words as f64;
    }
    if easy.is_some() {
        p.difficult_words = Some(difficult);
    }
    Pass { profile: p }
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

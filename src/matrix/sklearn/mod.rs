//! scikit-learn's text analysis, reproduced exactly: `strip_accents`,
//! `lowercase`, the default `token_pattern` `(?u)\b\w\w+\b`, `stop_words`,
//! word n-grams, `char` and `char_wb` n-grams, and `HashingVectorizer`'s
//! MurmurHash3 feature hashing. The `textlens.sklearn` drop-in vectorizers
//! run on this; their parity with scikit-learn is tested on real text.

use std::collections::HashSet;
use std::sync::LazyLock;

use rayon::prelude::*;

use serde::{Deserialize, Serialize};
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

use crate::error::{Error, Result};
use crate::interrupt::Interrupt;
use crate::limits::{ngram_bytes, refuse_above, MAX_NGRAM_BYTES};
use crate::matrix::corpus::Corpus;
use crate::matrix::features::Features;
use crate::matrix::sparse::CsrMatrix;

pub(crate) mod count;
#[cfg_attr(not(feature = "python"), allow(unused_imports))]
pub(crate) use count::PackedTerms;
mod scan;

/// scikit-learn's `strip_accents`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StripAccents {
    /// NFKD, then drop every non-ASCII character.
    Ascii,
    /// NFKD, then drop characters with a combining class (no recomposition).
    Unicode,
}

/// scikit-learn's `analyzer`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkUnit {
    /// Word n-grams from the default token pattern.
    #[default]
    Word,
    /// Character n-grams over the whole text.
    Char,
    /// Character n-grams inside words padded with a space.
    CharWb,
}

/// The analysis options of scikit-learn's vectorizers.
///
/// # Examples
///
/// ```
/// use textlens::SkAnalysis;
///
/// let words = SkAnalysis::default();
/// assert_eq!(words.analyze("It's 3 o'clock — Ünïcode_OK!"), ["it", "clock", "ünïcode_ok"]);
/// let chars = SkAnalysis { unit: textlens::SkUnit::CharWb, ngram_range: (2, 2), ..SkAnalysis::default() };
/// assert_eq!(chars.analyze("ab c"), [" a", "ab", "b ", " c", "c "]);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SkAnalysis {
    /// `lowercase`.
    pub lowercase: bool,
    /// `strip_accents`.
    pub strip_accents: Option<StripAccents>,
    /// `analyzer`.
    pub unit: SkUnit,
    /// `ngram_range`.
    pub ngram_range: (usize, usize),
    /// `stop_words` (word analyzer only).
    pub stop_words: Option<HashSet<String>>,
}

impl Default for SkAnalysis {
    fn default() -> Self {
        SkAnalysis {
            lowercase: true,
            strip_accents: None,
            unit: SkUnit::Word,
            ngram_range: (1, 1),
            stop_words: None,
        }
    }
}

impl SkAnalysis {
    /// Check `ngram_range`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] unless `1 <= min_n <= max_n`.
    pub fn validate(&self) -> Result<()> {
        let (lo, hi) = self.ngram_range;
        if lo == 0 || lo > hi {
            return Err(Error::invalid(
                "ngram_range",
                format!("({lo}, {hi}): lower boundary larger than the upper boundary or zero"),
            ));
        }
        Ok(())
    }

    /// scikit-learn's preprocessing: lowercase, then strip accents.
    pub fn preprocess(&self, text: &str) -> String {
        let lowered = if self.lowercase {
            lowercase(text)
        } else {
            text.to_owned()
        };
        match self.strip_accents {
            None => lowered,
            // Like scikit-learn, only ASCII text is returned as it is: text
            // that NFKD leaves unchanged can still hold combining marks
            // (a Devanagari virama, a decomposed accent), and those go.
            Some(StripAccents::Unicode) if lowered.is_ascii() => lowered,
            Some(StripAccents::Unicode) => lowered
                .nfkd()
                .filter(|&c| canonical_combining_class(c) == 0)
                .collect(),
            Some(StripAccents::Ascii) => lowered.nfkd().filter(char::is_ascii).collect(),
        }
    }

    /// The features of one document, in scikit-learn's order.
    pub fn analyze(&self, text: &str) -> Vec<String> {
        self.features(text)
    }

    /// Count the features of `texts` in parallel: what [`Corpus::count`]
    /// returns (the vocabulary sorted, as scikit-learn sorts it), counted
    /// with the drop-in vectorizers' faster fit.
    ///
    /// # Examples
    ///
    /// ```
    /// let corpus = textlens::SkAnalysis::default().count(&["A rose is a rose", "a red rose"]);
    /// assert_eq!(corpus.terms(), ["is", "red", "rose"]);
    /// assert_eq!(corpus.counts().to_dense()[[0, 2]], 2.0);
    /// ```
    pub fn count<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Corpus {
        fit_count(self, texts)
    }
}

/// [`SkAnalysis::count`] for any features (an interruptible analysis).
pub(crate) fn fit_count<F: Features + ?Sized, S: AsRef<str> + Sync>(
    features: &F,
    texts: &[S],
) -> Corpus {
    match count::count(features, texts) {
        Some((terms, counts)) => Corpus::from_parts(terms.to_strings(), counts),
        None => Corpus::count(features, texts),
    }
}

/// [`fit_count`] with the terms packed in one buffer (what Python keeps).
#[cfg_attr(not(feature = "python"), allow(dead_code))]
pub(crate) fn fit_packed<F: Features + ?Sized, S: AsRef<str> + Sync>(
    features: &F,
    texts: &[S],
) -> (PackedTerms, CsrMatrix) {
    count::count(features, texts).unwrap_or_else(|| {
        let (terms, counts) = Corpus::count(features, texts).into_parts();
        (
            PackedTerms::from_strs(terms.iter().map(String::as_str)),
            counts,
        )
    })
}

impl Features for SkAnalysis {
    fn for_each_feature(&self, text: &str, f: &mut dyn FnMut(&str)) {
        if self.unit == SkUnit::Word && self.strip_accents.is_none() && self.ngram_range == (1, 1) {
            // The default analysis in one pass, without a lowercased copy of the text.
            let mut buf = String::new();
            match &self.stop_words {
                None => scan::for_each_token(text, self.lowercase, &mut buf, f),
                Some(stop) => scan::for_each_token(text, self.lowercase, &mut buf, &mut |t| {
                    if !stop.contains(t) {
                        f(t);
                    }
                }),
            }
            return;
        }
        let doc = self.preprocess(text);
        match self.unit {
            SkUnit::Word => {
                let tokens = default_tokens(&doc).filter(|t| {
                    self.stop_words
                        .as_ref()
                        .is_none_or(|stop| !stop.contains(*t))
                });
                word_ngrams(tokens, self.ngram_range, f);
            }
            SkUnit::Char => char_ngrams(&collapse_spaces(&doc), self.ngram_range, f),
            SkUnit::CharWb => char_wb_ngrams(&collapse_spaces(&doc), self.ngram_range, f),
        }
    }
}

/// `str::to_lowercase`, faster on mixed text: the standard library converts
/// only the leading ASCII run in bulk and looks every later char up in its
/// table, ASCII included; here every ASCII run goes in bulk. A capital sigma
/// needs its context (final ς), so text with one takes the standard path.
fn lowercase(text: &str) -> String {
    if text.contains('Σ') {
        return text.to_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest.bytes().take_while(u8::is_ascii).count();
        let at = out.len();
        out.push_str(&rest[..ascii]);
        if let Some(run) = out.get_mut(at..) {
            run.make_ascii_lowercase();
        }
        rest = &rest[ascii..];
        let mut chars = rest.chars();
        while let Some(c) = chars.next() {
            if c.is_ascii() {
                break;
            }
            if lowercase_changes(c) {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
            rest = chars.as_str();
        }
    }
    out
}

/// Whether lowercasing changes `c`: a bitmap for the BMP (most chars of
/// most scripts are unchanged, and the table lookup is a binary search).
fn lowercase_changes(c: char) -> bool {
    match u16::try_from(u32::from(c)) {
        Ok(bmp) => {
            let i = usize::from(bmp);
            BMP_LOWERCASE_CHANGES[i / 64] & (1 << (i % 64)) != 0
        }
        Err(_) => true,
    }
}

static BMP_LOWERCASE_CHANGES: LazyLock<Vec<u64>> = LazyLock::new(|| {
    bmp_bitmap(|c| {
        let mut lower = c.to_lowercase();
        !(lower.next() == Some(c) && lower.next().is_none())
    })
});

/// One bit per BMP code point: `f` of each char (surrogates: 0).
fn bmp_bitmap(f: impl Fn(char) -> bool) -> Vec<u64> {
    let mut bits = vec![0u64; 1 << 10];
    for (i, word) in bits.iter_mut().enumerate() {
        for bit in 0..64 {
            let code = (i * 64 + bit) as u32;
            if char::from_u32(code).is_some_and(&f) {
                *word |= 1 << bit;
            }
        }
    }
    bits
}

/// Python's `\w` for str patterns: letters, numbers and `_`.
fn is_py_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else if let Ok(bmp) = u16::try_from(u32::from(c)) {
        let i = usize::from(bmp);
        BMP_WORD[i / 64] & (1 << (i % 64)) != 0
    } else {
        is_letter_or_number(c)
    }
}

fn is_letter_or_number(c: char) -> bool {
    matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Number
    )
}

/// [`is_letter_or_number`] for the Basic Multilingual Plane as a bitmap
/// (8 KiB): the category lookup is a binary search and was the tokenizer's
/// hottest spot on non-Latin text.
static BMP_WORD: LazyLock<Vec<u64>> = LazyLock::new(|| bmp_bitmap(is_letter_or_number));

/// Python's `str.isspace()` (and `\s`): Unicode White_Space plus U+001C–U+001F.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `re.findall(r"(?u)\b\w\w+\b", doc)`: maximal runs of two or more word characters.
fn default_tokens(doc: &str) -> impl Iterator<Item = &str> {
    let mut i = 0;
    std::iter::from_fn(move || loop {
        while i < doc.len() {
            let (word, len) = py_word_at(doc, i);
            if word {
                break;
            }
            i += len;
        }
        if i >= doc.len() {
            return None;
        }
        let start = i;
        let mut chars = 0;
        while i < doc.len() {
            let (word, len) = py_word_at(doc, i);
            if !word {
                break;
            }
            i += len;
            chars += 1;
        }
        if chars >= 2 {
            return Some(&doc[start..i]);
        }
    })
}

/// Python's `\w` for the ASCII bytes.
const ASCII_WORD: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    table
};

/// Whether the char at byte `i` (a char boundary) is a word character, and its length.
#[inline]
fn py_word_at(doc: &str, i: usize) -> (bool, usize) {
    let b = doc.as_bytes()[i];
    if b < 0x80 {
        return (ASCII_WORD[b as usize], 1);
    }
    match doc[i..].chars().next() {
        Some(c) => (is_py_word(c), c.len_utf8()),
        None => (false, 1),
    }
}

fn word_ngrams<'a>(
    tokens: impl Iterator<Item = &'a str>,
    (lo, hi): (usize, usize),
    f: &mut dyn FnMut(&str),
) {
    if hi == 1 {
        tokens.for_each(f); // the common case: nothing to keep
        return;
    }
    let tokens: Vec<&str> = tokens.collect();
    let mut ends = Vec::with_capacity(tokens.len() + 1);
    ends.push(0);
    for t in &tokens {
        ends.push(ends[ends.len() - 1] + t.len());
    }
    refuse_above(
        "the n-grams of one text",
        ngram_bytes(&ends, (lo, hi), 1),
        MAX_NGRAM_BYTES,
    );
    let mut lo = lo;
    if lo == 1 {
        tokens.iter().for_each(|t| f(t));
        lo = 2;
    }
    let mut gram = String::new();
    for n in lo..=hi.min(tokens.len()) {
        for window in tokens.windows(n) {
            gram.clear();
            for (i, t) in window.iter().enumerate() {
                if i > 0 {
                    gram.push(' ');
                }
                gram.push_str(t);
            }
            f(&gram);
        }
    }
}

/// `re.sub(r"\s\s+", " ", doc)`: runs of two or more spaces become one
/// space; a single whitespace character stays as it is.
fn collapse_spaces(doc: &str) -> String {
    let mut out = String::with_capacity(doc.len());
    let mut run = String::new();
    for c in doc.chars() {
        if is_py_space(c) {
            run.push(c);
            continue;
        }
        flush_space_run(&mut out, &mut run);
        out.push(c);
    }
    flush_space_run(&mut out, &mut run);
    out
}

fn flush_space_run(out: &mut String, run: &mut String) {
    if run.chars().nth(1).is_some() {
        out.push(' ');
    } else {
        out.push_str(run);
    }
    run.clear();
}

/// Byte offsets of the char boundaries of `s`, its length included.
fn boundaries(s: &str) -> Vec<usize> {
    s.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect()
}

fn char_ngrams(doc: &str, (lo, hi): (usize, usize), f: &mut dyn FnMut(&str)) {
    let at = boundaries(doc);
    let chars = at.len() - 1;
    refuse_above(
        "the character n-grams of one text",
        ngram_bytes(&at, (lo, hi), 0),
        MAX_NGRAM_BYTES,
    );
    for n in lo..=hi.min(chars) {
        for i in 0..=chars - n {
            f(&doc[at[i]..at[i + n]]);
        }
    }
}

fn char_wb_ngrams(doc: &str, (lo, hi): (usize, usize), f: &mut dyn FnMut(&str)) {
    if hi > 16 {
        // Each word's n-grams, n < its length (a longer n counts it once);
        // below, a word's output is at most 16 times its length squared.
        let mut bytes = 0u128;
        for word in doc.split(is_py_space).filter(|w| !w.is_empty()) {
            let at = boundaries(word);
            bytes += ngram_bytes(&at, (lo, hi), 0) + 2 * at.len() as u128;
        }
        refuse_above("the character n-grams of one text", bytes, MAX_NGRAM_BYTES);
    }
    let mut padded = String::new();
    for word in doc.split(is_py_space).filter(|w| !w.is_empty()) {
        padded.clear();
        padded.push(' ');
        padded.push_str(word);
        padded.push(' ');
        let at = boundaries(&padded);
        let chars = at.len() - 1;
        for n in lo..=hi {
            if chars <= n {
                f(&padded); // a word no longer than n counts once
                break;
            }
            for i in 0..=chars - n {
                f(&padded[at[i]..at[i + n]]);
            }
        }
    }
}

/// MurmurHash3 (x86, 32-bit) of `key` with `seed`, as a signed integer:
/// scikit-learn's `murmurhash3_32(key, seed, positive=False)`.
///
/// # Examples
///
/// ```
/// assert_eq!(textlens::murmurhash3_32(b"foo", 0), -156908512);
/// ```
pub fn murmurhash3_32(key: &[u8], seed: u32) -> i32 {
    const C1: u32 = 0xcc9e_2d51;
    const C2: u32 = 0x1b87_3593;
    let mut h = seed;
    let mut blocks = key.chunks_exact(4);
    for block in &mut blocks {
        let mut k = u32::from_le_bytes([block[0], block[1], block[2], block[3]]);
        k = k.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2);
        h ^= k;
        h = h.rotate_left(13).wrapping_mul(5).wrapping_add(0xe654_6b64);
    }
    let tail = blocks.remainder();
    if !tail.is_empty() {
        let mut k = 0u32;
        for (i, &b) in tail.iter().enumerate() {
            k |= u32::from(b) << (8 * i);
        }
        h ^= k.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2);
    }
    h ^= key.len() as u32;
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^= h >> 16;
    h as i32
}

/// Hash each document's features into `n_features` columns, summing
/// duplicates: scikit-learn's `FeatureHasher(input_type="string")`.
///
/// As there, a column whose signed features cancel out (with
/// `alternate_sign`) is kept as an explicit zero, so that `binary=True`
/// (which sets every stored value to 1) gives scikit-learn's matrix.
///
/// # Errors
///
/// [`Error::InvalidOption`] for `n_features` of 0 or above 2³¹ − 1.
pub fn hash_features(
    docs: &[Vec<String>],
    n_features: usize,
    alternate_sign: bool,
) -> Result<CsrMatrix> {
    hash_with(
        docs,
        &|doc: &Vec<String>, f: &mut dyn FnMut(&str)| doc.iter().for_each(|t| f(t)),
        n_features,
        alternate_sign,
        None,
    )
}

/// [`hash_features`] of texts, analyzed by `features`, in parallel.
///
/// # Errors
///
/// As [`hash_features`].
pub fn hash_texts<F: Features + ?Sized, S: AsRef<str> + Sync>(
    features: &F,
    texts: &[S],
    n_features: usize,
    alternate_sign: bool,
) -> Result<CsrMatrix> {
    hash_with(
        texts,
        &|t: &S, f: &mut dyn FnMut(&str)| features.for_each_feature(t.as_ref(), f),
        n_features,
        alternate_sign,
        features.interrupt(),
    )
}

/// `a % d` for a divisor fixed in advance, by a multiplication instead of a
/// division (Lemire, Kaser & Kurz, "Faster remainder by direct computation",
/// 2019): exact for every `u32` numerator and divisor >= 1.
#[derive(Clone, Copy)]
struct Remainder {
    magic: u64,
    divisor: u32,
}

impl Remainder {
    fn new(divisor: u32) -> Self {
        debug_assert!(divisor > 0);
        Remainder {
            // ceil(2^64 / d); wraps to 0 for d = 1, which then yields 0.
            magic: (u64::MAX / u64::from(divisor)).wrapping_add(1),
            divisor,
        }
    }

    fn of(self, a: u32) -> u32 {
        let low = self.magic.wrapping_mul(u64::from(a));
        ((u128::from(low) * u128::from(self.divisor)) >> 64) as u32
    }
}

fn hash_with<T: Sync>(
    docs: &[T],
    each: &(impl Fn(&T, &mut dyn FnMut(&str)) + Sync),
    n_features: usize,
    alternate_sign: bool,
    stop: Option<&Interrupt>,
) -> Result<CsrMatrix> {
    if n_features == 0 || n_features > i32::MAX as usize {
        return Err(Error::invalid(
            "n_features",
            format!("must be in [1, 2**31 - 1], got {n_features}"),
        ));
    }
    // n_features <= i32::MAX (checked above): columns fit u32 with a bit to spare.
    let column = Remainder::new(n_features as u32);
    let parts: Vec<CsrMatrix> = docs
        .par_chunks(64)
        .map(|docs| {
            let mut m = CsrMatrix::new(n_features);
            // One u32 per feature: its column shifted left, the low bit set
            // when its sign is negative. Sorting these (not (column, value)
            // pairs) brings each column's features together at a quarter of
            // the bytes moved.
            let mut keys: Vec<u32> = Vec::new();
            for doc in docs {
                keys.clear();
                each(doc, &mut |feature| {
                    let h = murmurhash3_32(feature.as_bytes(), 0);
                    // scikit-learn's `_hashing_fast`: abs(h) % n, and
                    // i32::MIN (whose abs overflows) mapped apart.
                    let index = if h == i32::MIN {
                        column.of(i32::MAX as u32 - (n_features as u32 - 1))
                    } else {
                        column.of(h.unsigned_abs())
                    };
                    keys.push(index << 1 | u32::from(alternate_sign && h < 0));
                });
                keys.sort_unstable();
                // Duplicates summed; not `push_row`, which drops zeros:
                // cancelled columns stay stored, as scikit-learn keeps them.
                let mut last = None;
                for &key in &keys {
                    let (index, value) = (key >> 1, if key & 1 == 1 { -1.0 } else { 1.0 });
                    if last == Some(index) {
                        if let Some(v) = m.data.last_mut() {
                            *v += value;
                        }
                    } else {
                        m.indices.push(index);
                        m.data.push(value);
                        last = Some(index);
                    }
                }
                m.indptr.push(m.indices.len());
            }
            stop.inspect(|s| s.advance(docs.len()));
            m
        })
        .collect();
    if stop.is_some_and(Interrupt::is_raised) {
        // The result will be thrown away: skip stacking the parts.
        return Ok(CsrMatrix::new(n_features));
    }
    Ok(CsrMatrix::vstack(parts, n_features))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_equals_the_standard_library() {
        for text in [
            "Putin “Said” — ÀÉÎ ΣΟΦΙΑ ΟΔΟΣ. İstanbul ǅ ẞ Ⅻ ＡＢ Путин XI",
            "ABC déf ĞHİ ΑΒΓ",
            "",
            "plain ascii TEXT",
            "ÉCOLE",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text}");
        }
        for code in 0x80..=0x1_FFFF_u32 {
            if let Some(c) = char::from_u32(code) {
                let text = format!("A{c}B{c}");
                assert_eq!(lowercase(&text), text.to_lowercase(), "U+{code:04X}");
            }
        }
    }

    #[test]
    fn bmp_bitmap_equals_the_category_lookup() {
        for code in 0x80..=0xFFFF_u32 {
            if let Some(c) = char::from_u32(code) {
                assert_eq!(is_py_word(c), is_letter_or_number(c), "U+{code:04X}");
            }
        }
    }

    #[test]
    fn default_pattern_is_runs_of_two_or_more_word_chars() {
        let got: Vec<_> = default_tokens("a bc d_e 3 45 x.yz Ünï ١٢").collect();
        assert_eq!(got, ["bc", "d_e", "45", "yz", "Ünï", "١٢"]);
    }

    #[test]
    fn accents_unicode_keeps_decomposed_letters_only() {
        let a = SkAnalysis {
            strip_accents: Some(StripAccents::Unicode),
            ..Default::default()
        };
        assert_eq!(a.preprocess("Crème ﬁne"), "creme fine");
        let b = SkAnalysis {
            strip_accents: Some(StripAccents::Ascii),
            ..Default::default()
        };
        assert_eq!(b.preprocess("Crème Ωmega"), "creme mega");
    }

    #[test]
    fn char_wb_short_words_once() {
        let a = SkAnalysis {
            unit: SkUnit::CharWb,
            ngram_range: (3, 5),
            ..Default::default()
        };
        assert_eq!(a.analyze("a"), [" a "]);
    }

    #[test]
    fn accents_unicode_drops_marks_already_decomposed() {
        let a = SkAnalysis {
            strip_accents: Some(StripAccents::Unicode),
            ..Default::default()
        };
        // "रक्षा": the virama (U+094D) is a combining mark NFKD leaves as it is.
        assert_eq!(
            a.preprocess("\u{930}\u{915}\u{94d}\u{937}\u{93e}"),
            "\u{930}\u{915}\u{937}\u{93e}"
        );
        assert_eq!(a.preprocess("cafe\u{301}"), "cafe");
    }

    #[test]
    fn hashing_keeps_cancelled_columns() {
        // Find two features in the same column with opposite signs.
        let n: i64 = 4;
        let feats: Vec<String> = (0..64).map(|i| format!("f{i}")).collect();
        // (column, negative?) of each feature.
        let place: Vec<(i64, bool)> = feats
            .iter()
            .map(|f| {
                let h = murmurhash3_32(f.as_bytes(), 0);
                (i64::from(h).abs() % n, h < 0)
            })
            .collect();
        let (i, j) = (0..feats.len())
            .flat_map(|i| (0..feats.len()).map(move |j| (i, j)))
            .find(|&(i, j)| place[i].0 == place[j].0 && place[i].1 != place[j].1)
            .expect("a colliding pair");
        let docs = [vec![feats[i].clone(), feats[j].clone()]];
        let m = hash_features(&docs, 4, true).unwrap();
        assert_eq!(m.nnz(), 1);
        assert_eq!(m.data, [0.0]);
    }

    #[test]
    fn remainder_equals_the_division() {
        let edges = [
            0,
            1,
            2,
            3,
            7,
            1 << 20,
            (1 << 20) - 1,
            i32::MAX as u32,
            u32::MAX - 1,
            u32::MAX,
        ];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u32
        };
        let divisors: Vec<u32> = edges
            .iter()
            .copied()
            .filter(|&d| d > 0)
            .chain((0..200).map(|_| next() | 1))
            .chain(1..=64)
            .collect();
        for d in divisors {
            let r = Remainder::new(d);
            for a in edges.iter().copied().chain((0..200).map(|_| next())) {
                assert_eq!(r.of(a), a % d, "{a} % {d}");
            }
        }
    }

    #[test]
    fn spaces_collapse_only_in_runs() {
        assert_eq!(collapse_spaces("a\nb  c\t\td"), "a\nb c d");
    }
}

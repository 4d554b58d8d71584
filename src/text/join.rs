//! The tokens of a language: the tokenizer's tokens with the language's word
//! rules applied, the one definition of a word that the analyzer (and so
//! counts, matrices, keyness, the report and scikit-learn's `lang="auto"`)
//! and `textlens.tokens(text, lang=…)` share.
//!
//! On top of [`for_each_token_with`](crate::for_each_token_with):
//!
//! - Vietnamese syllables that make one word are one token, space included
//!   (`quốc hội`), see `segment/vietnamese.rs`.
//! - Abbreviations written with spaced inner periods that the language's
//!   abbreviation list holds (the sentence splitter's lists) are one token:
//!   `z. B.` (de), `т. е.` (ru), `e. g.` (en); without the final period, as
//!   `U.S.` is `U.S` then `.`.
//! - A number in groups of three digits separated by a space, a no-break
//!   space or a narrow no-break space is one number token: `1 000 000`,
//!   `1 000,5`. (`3.5`, `3,5`, `1.000.000`, `1,000,000` are one token
//!   already.) The first group has one to three digits, so `1990 200` stays
//!   two numbers, but so does not `12 345` read as two.
//! - Periods in a row (`...`) are one punctuation token, as `…` is.
//! - The language's apostrophe rule ([`WordRule`]): elided articles, Turkish
//!   suffixes and English possessives are cut off the token (an English
//!   possessive `s` after a separate apostrophe is dropped).
//! - In Japanese, Han runs are Japanese words even in text without kana (a
//!   headline in kanji alone); in Chinese, Chinese words even beside kana.
//! - In Japanese, letters and digits written together are separate words
//!   (`3cm` is `3`, `cm`; `G7` is `G`, `7`), as MeCab's dictionaries, Lucene's
//!   Kuromoji and the UD Japanese treebanks cut them; a number keeps its
//!   separators (`4.8km` is `4.8`, `km`).
//!
//! Every token is still a slice of the text: `text[t.start..t.end] == t.text`.

use std::borrow::Cow;

use crate::text::lang::Language;
use crate::text::segment::{han_is_chinese, vietnamese, Cjk};
use crate::text::sentences::abbrev::{self, Table};
use crate::text::tokenize::{for_each_token_as, Token, TokenKind};
use crate::text::words::WordRule;

/// Tokens held back at most before the rules run on them: one line of
/// text, or this many tokens of a longer one.
const MAX_PENDING: usize = 256;

/// Split `text` into the tokens of `lang` (see the module docs): the
/// tokens of [`for_each_token_with`](crate::for_each_token_with) with the
/// language's words joined and its apostrophe rule applied. With `lang`
/// `None`, only numbers in groups are joined.
///
/// # Examples
///
/// ```
/// use textlens::{tokens_in, Cjk, Language};
///
/// let words = |text, lang: &str| {
///     let lang: Language = lang.parse().unwrap();
///     tokens_in(text, Some(lang), Cjk::Dictionary).iter().map(|t| t.text).collect::<Vec<_>>()
/// };
/// assert_eq!(words("Quốc hội thông qua luật đất đai", "vi"), ["Quốc hội", "thông qua", "luật", "đất đai"]);
/// assert_eq!(words("z. B. 1 000 Euro", "de"), ["z. B", ".", "1 000", "Euro"]);
/// assert_eq!(words("L'État", "fr"), ["État"]);
/// ```
pub fn for_each_token_in<'a>(
    text: &'a str,
    lang: Option<Language>,
    cjk: Cjk,
    emit: impl FnMut(Token<'a>),
) {
    let mut joiner = Joiner::new(text, lang, emit);
    for_each_token_as(text, cjk, han_is_chinese(lang), |t| joiner.push(t));
    joiner.finish();
}

/// All tokens of `text` in `lang`, in order. See [`for_each_token_in`].
pub fn tokens_in(text: &str, lang: Option<Language>, cjk: Cjk) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    for_each_token_in(text, lang, cjk, |t| out.push(t));
    out
}

/// The tokenizer's tokens that [`tokens_in`] applies `lang`'s rules to:
/// [`tokens_with`](crate::tokens_with), with Han read as `lang` reads it.
/// For the fuzz targets, which check the rules against them.
#[doc(hidden)]
pub fn tokens_before_rules(text: &str, lang: Option<Language>, cjk: Cjk) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    for_each_token_as(text, cjk, han_is_chinese(lang), |t| out.push(t));
    out
}

/// What `textlens.tokens(text, lang=…)` gives: with a language, its tokens
/// ([`for_each_token_in`]); without one, the tokenizer's, unchanged.
#[cfg(feature = "python")]
pub(crate) fn for_each_py_token<'a>(
    text: &'a str,
    lang: Option<Language>,
    cjk: Cjk,
    emit: impl FnMut(Token<'a>),
) {
    match lang {
        Some(_) => for_each_token_in(text, lang, cjk, emit),
        None => crate::for_each_token_with(text, cjk, emit),
    }
}

/// [`for_each_py_token`] over a huge text in pieces, stopping with
/// [`Error::Interrupted`](crate::Error::Interrupted) once `stop` is raised.
#[cfg(feature = "python")]
pub(crate) fn for_each_py_token_chunked<'a>(
    text: &'a str,
    lang: Option<Language>,
    cjk: Cjk,
    stop: &crate::interrupt::Interrupt,
    emit: impl FnMut(Token<'a>),
) -> crate::Result<()> {
    use crate::text::tokenize::chunked::{for_each_token_chunked_with, CHUNK_BYTES};
    if lang.is_none() {
        return for_each_token_chunked_with(text, CHUNK_BYTES, cjk, None, stop, emit);
    }
    let chinese = han_is_chinese(lang);
    let mut joiner = Joiner::new(text, lang, emit);
    for_each_token_chunked_with(text, CHUNK_BYTES, cjk, chinese, stop, |t| joiner.push(t))?;
    joiner.finish();
    Ok(())
}

/// The rules as a stream: [`Joiner::push`] each token of `text` in order
/// (from one pass or from pieces, the result is the same), then
/// [`Joiner::finish`].
pub(crate) struct Joiner<'a, E> {
    text: &'a str,
    rule: WordRule,
    vietnamese: bool,
    /// Whether letters and digits written together are cut apart.
    japanese: bool,
    abbrevs: &'static Table,
    pending: Vec<Token<'a>>,
    /// Whether the next token starts a sentence (Vietnamese names).
    sentence_start: bool,
    /// The end of the last token when it was an apostrophe: a word "s"
    /// right after it is an English possessive ("U.K.'s").
    after_quote: usize,
    /// The end of the last token pushed.
    last_end: usize,
    emit: E,
}

impl<'a, E: FnMut(Token<'a>)> Joiner<'a, E> {
    pub(crate) fn new(text: &'a str, lang: Option<Language>, emit: E) -> Self {
        Joiner {
            text,
            rule: WordRule::of(lang),
            vietnamese: lang.is_some_and(|l| l.code() == "vi"),
            japanese: lang.is_some_and(|l| l.code() == "ja"),
            abbrevs: abbrev::table(lang),
            pending: Vec::new(),
            sentence_start: true,
            after_quote: usize::MAX,
            last_end: 0,
            emit,
        }
    }

    /// Whether `t` can be part of a joined token.
    fn joinable(&self, t: &Token<'_>) -> bool {
        match t.kind {
            TokenKind::Number => true,
            // An abbreviation's parts are short words.
            TokenKind::Word => {
                self.vietnamese
                    || (!self.abbrevs.is_empty()
                        && (t.text.len() <= 3
                            || (t.text.len() <= 12 && t.text.chars().count() <= 3)))
            }
            TokenKind::Punct => t.text == ".",
            _ => false,
        }
    }

    pub(crate) fn push(&mut self, t: Token<'a>) {
        // None when tokens overlap (CJK bigrams).
        let gap = self.text.get(self.last_end..t.start);
        self.last_end = t.end;
        // (inline space or nothing, line break): one space is most gaps.
        let (inline, newline) = match gap {
            Some(" " | "") => (true, false),
            Some(g) => (is_inline_space(g), g.contains(['\n', '\r'])),
            None => (false, false),
        };
        let joinable = self.joinable(&t);
        if !self.pending.is_empty() && (!inline || !joinable || self.pending.len() >= MAX_PENDING) {
            self.resolve();
        }
        if newline {
            self.sentence_start = true;
        }
        if joinable {
            self.pending.push(t);
        } else {
            self.emit_one(t);
        }
    }

    pub(crate) fn finish(&mut self) {
        self.resolve();
    }

    /// Run the rules over the pending tokens (one line of joinable tokens
    /// separated by spaces or nothing) and emit them.
    fn resolve(&mut self) {
        // Every rule joins two tokens or more.
        if let [t] = self.pending[..] {
            self.pending.clear();
            self.emit_one(t);
            return;
        }
        let toks = std::mem::take(&mut self.pending);
        // Each syllable's lookup key once (a word is looked up from each of
        // its syllables' starts).
        let keys: Vec<String> = if self.vietnamese {
            toks.iter()
                .map(|t| match t.kind {
                    TokenKind::Word => vietnamese::syllable_key(t.text),
                    _ => String::new(),
                })
                .collect()
        } else {
            Vec::new()
        };
        let mut i = 0;
        while i < toks.len() {
            let rest = &toks[i..];
            let n = dots_len(rest)
                .or_else(|| self.number_len(rest))
                .or_else(|| self.abbrev_len(rest))
                .or_else(|| self.vietnamese_len(rest, keys.get(i..).unwrap_or_default()))
                .unwrap_or(1);
            if n > 1 {
                let (start, end) = (rest[0].start, rest[n - 1].end);
                self.emit_joined(Token {
                    text: &self.text[start..end],
                    start,
                    end,
                    kind: rest[0].kind,
                });
            } else {
                self.emit_one(rest[0]);
            }
            i += n;
        }
        self.pending = toks;
        self.pending.clear();
    }

    /// `1 000 000`: a number of 1 to 3 digits, then groups of 3 after one
    /// space each; the last group may carry decimals (`1 000,5`).
    fn number_len(&self, toks: &[Token<'a>]) -> Option<usize> {
        if toks[0].kind != TokenKind::Number || groups(toks[0].text, true) != Some(false) {
            return None;
        }
        let mut n = 1;
        while let Some(t) = toks.get(n) {
            let gap = &self.text[toks[n - 1].end..t.start];
            if t.kind != TokenKind::Number || !is_group_space(gap) {
                break;
            }
            match groups(t.text, false) {
                Some(false) => n += 1,
                Some(true) => {
                    n += 1;
                    break;
                }
                None => break,
            }
        }
        (n > 1).then_some(n)
    }

    /// `z. B.`: short words each followed by a period, the longest run of
    /// them that the abbreviation list holds (two words at least), without
    /// the final period.
    fn abbrev_len(&self, toks: &[Token<'a>]) -> Option<usize> {
        if self.abbrevs.is_empty() {
            return None;
        }
        // Short words at every other token, each but the last followed by
        // a period (the final period of the abbreviation is not part of it,
        // and a token that ends before it, `z. B`, is one too).
        let short = |w: &Token<'_>| w.kind == TokenKind::Word && w.text.chars().count() <= 3;
        let mut parts = 0;
        while let Some(w) = toks.get(2 * parts).filter(|w| short(w)) {
            parts += 1;
            match toks.get(2 * parts - 1) {
                Some(dot) if dot.text == "." && dot.start == w.end => {}
                _ => break,
            }
        }
        let mut scratch = String::new();
        (2..=parts).rev().find_map(|m| {
            let candidate = &self.text[toks[0].start..toks[2 * m - 2].end];
            self.abbrevs.get(candidate, &mut scratch).map(|_| 2 * m - 1)
        })
    }

    /// Vietnamese syllables that make one word (`quốc hội`).
    fn vietnamese_len(&self, toks: &[Token<'a>], keys: &[String]) -> Option<usize> {
        if !self.vietnamese || toks[0].kind != TokenKind::Word {
            return None;
        }
        let mut syllables = vec![toks[0].text];
        for w in toks.windows(2).take(7) {
            if w[1].kind != TokenKind::Word || w[0].end == w[1].start {
                break;
            }
            syllables.push(w[1].text);
        }
        let n = vietnamese::word_len(&syllables, keys, self.sentence_start);
        (n > 1).then_some(n)
    }

    fn emit_joined(&mut self, t: Token<'a>) {
        self.sentence_start = false;
        self.after_quote = usize::MAX;
        (self.emit)(t);
    }

    /// One token, under the language's apostrophe rule (and in Japanese,
    /// cut between its letters and digits).
    fn emit_one(&mut self, t: Token<'a>) {
        if self.japanese && t.kind == TokenKind::Word {
            let mut start = 0;
            for end in letter_digit_cuts(t.text).chain([t.text.len()]) {
                let text = &t.text[start..end];
                let numeric = text.starts_with(is_digit);
                (self.emit)(Token {
                    text,
                    start: t.start + start,
                    end: t.start + end,
                    kind: if numeric {
                        TokenKind::Number
                    } else {
                        TokenKind::Word
                    },
                });
                start = end;
            }
            return;
        }
        if self.rule == WordRule::Possessive {
            if t.start == self.after_quote && t.text.eq_ignore_ascii_case("s") {
                return;
            }
            self.after_quote = if matches!(t.text, "'" | "’") {
                t.end
            } else {
                usize::MAX
            };
        }
        self.sentence_start = matches!(t.text, "." | "!" | "?" | "…");
        let t = if t.kind == TokenKind::Word {
            let span = self.rule.span(t.text);
            if span.is_empty() {
                return;
            }
            Token {
                text: &t.text[span.clone()],
                start: t.start + span.start,
                end: t.start + span.end,
                kind: t.kind,
            }
        } else {
            t
        };
        (self.emit)(t);
    }
}

/// Where a letter and a digit meet in `word` (byte offsets, ascending): the
/// cuts of Japanese between `3` and `cm`. Other characters (a number's
/// separators, `4.8`) cut nothing, nor do a letter and a digit on either
/// side of one (`A.1`).
fn letter_digit_cuts(word: &str) -> impl Iterator<Item = usize> + '_ {
    // Of the character before: Some(true) a digit, Some(false) a letter.
    let mut before = None;
    word.char_indices().filter_map(move |(i, c)| {
        let class = if is_digit(c) {
            Some(true)
        } else if c.is_alphabetic() {
            Some(false)
        } else {
            None
        };
        let cut = class.is_some() && before.is_some() && class != before;
        before = class;
        cut.then_some(i)
    })
}

/// A digit for the Japanese letter–digit rule: a numeric character that is
/// not a letter. The kanji numeral `〇` and Roman numerals (`Ⅻ`) are
/// letters (Unicode's Alphabetic includes letter numbers), as MeCab's
/// KANJINUMERIC class groups `〇` with `二` and `年`: `二〇二〇年` is not cut.
fn is_digit(c: char) -> bool {
    c.is_numeric() && !c.is_alphabetic()
}

/// `...`: periods one after the other are one punctuation token, as `…` is.
fn dots_len(toks: &[Token<'_>]) -> Option<usize> {
    let n = 1 + toks
        .windows(2)
        .take_while(|w| w[0].text == "." && w[1].text == "." && w[0].end == w[1].start)
        .count();
    (n > 1).then_some(n)
}

/// Spaces within a line (or nothing): what may separate the parts of a
/// joined token.
fn is_inline_space(gap: &str) -> bool {
    gap.chars().all(|c| {
        c.is_whitespace()
            && !matches!(
                c,
                '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
            )
    })
}

/// Whether `number` is digit groups: three digits each (1 to 3 for the
/// first group of a `first` token), joined by narrow no-break spaces (which
/// UAX #29 keeps inside a number). `Some(true)` when the last group carries
/// decimals (`000,5`), which end the number.
fn groups(number: &str, first: bool) -> Option<bool> {
    let mut parts = number.split('\u{202F}').peekable();
    let mut lead = first;
    while let Some(part) = parts.next() {
        let b = part.as_bytes();
        let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
        let size_ok = if lead {
            (1..=3).contains(&digits)
        } else {
            digits == 3
        };
        lead = false;
        if !size_ok {
            return None;
        }
        if digits < b.len() {
            let decimals = &b[digits + 1..];
            let is_last = parts.peek().is_none();
            return (is_last
                && matches!(b[digits], b'.' | b',')
                && !decimals.is_empty()
                && decimals.iter().all(u8::is_ascii_digit))
            .then_some(true);
        }
    }
    Some(false)
}

/// One space, no-break space, narrow no-break space or thin space: what
/// separates groups of three digits.
fn is_group_space(gap: &str) -> bool {
    matches!(gap, " " | "\u{A0}" | "\u{202F}" | "\u{2009}")
}

/// A joined token as a term: the spaces inside an abbreviation go (`z. b` is
/// `z.b`, as written without them), other runs of whitespace become one
/// space (`1\u{A0}000` is `1 000`).
pub(crate) fn tidy_spaces(word: Cow<'_, str>) -> Cow<'_, str> {
    if !word.contains(char::is_whitespace) {
        return word;
    }
    let dotted = word.contains('.');
    let mut out = String::with_capacity(word.len());
    let mut space = false;
    for c in word.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !dotted {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words<'a>(text: &'a str, lang: &str) -> Vec<&'a str> {
        let lang = (!lang.is_empty()).then(|| lang.parse::<Language>().unwrap());
        tokens_in(text, lang, Cjk::Dictionary)
            .iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn tokens_slice_the_text() {
        for (text, lang) in [
            ("Quốc hội thông qua luật đất đai.", "vi"),
            ("L'État, z. B. 1\u{A0}000\u{A0}000,5 d'Éirinn", "fr"),
            ("U.K.'s PM, e. g. the U.S.", "en"),
        ] {
            let lang: Language = lang.parse().unwrap();
            for t in tokens_in(text, Some(lang), Cjk::Dictionary) {
                assert_eq!(&text[t.start..t.end], t.text);
            }
        }
    }

    #[test]
    fn numbers_in_groups_of_three() {
        assert_eq!(words("1 000 000 people", ""), ["1 000 000", "people"]);
        assert_eq!(
            words("1\u{A0}000\u{202F}000", ""),
            ["1\u{A0}000\u{202F}000"]
        );
        assert_eq!(words("1 000,5 m", ""), ["1 000,5", "m"]);
        assert_eq!(
            words("3.5 3,5 1.000.000 1,000,000", ""),
            ["3.5", "3,5", "1.000.000", "1,000,000"]
        );
        // Not groups: a first group of four digits, a group of two, two spaces.
        assert_eq!(words("1990 200", ""), ["1990", "200"]);
        assert_eq!(words("10 20", ""), ["10", "20"]);
        assert_eq!(words("1  000", ""), ["1", "000"]);
        assert_eq!(words("1\n000", ""), ["1", "000"]);
    }

    #[test]
    fn spaced_abbreviations_from_the_language_lists() {
        assert_eq!(words("z. B. heute", "de"), ["z. B", ".", "heute"]);
        assert_eq!(
            words("d. h. u. a. mehr", "de"),
            ["d. h", ".", "u. a", ".", "mehr"]
        );
        assert_eq!(words("т. е. дом", "ru"), ["т. е", ".", "дом"]);
        assert_eq!(words("e. g. this", "en"), ["e. g", ".", "this"]);
        assert_eq!(words("z. B", "de"), ["z. B"]);
        // Not in the list, or another language's.
        assert_eq!(words("A. B. Smith", "en"), ["A", ".", "B", ".", "Smith"]);
        assert_eq!(words("z. B. heute", "en"), ["z", ".", "B", ".", "heute"]);
    }

    #[test]
    fn an_ellipsis_of_periods_is_one_token() {
        assert_eq!(words("Nun... ja . .", "de"), ["Nun", "...", "ja", ".", "."]);
        assert_eq!(words("wait...", ""), ["wait", "..."]);
    }

    #[test]
    fn apostrophe_rules() {
        assert_eq!(words("L'État qu'il", "fr"), ["État", "il"]);
        assert_eq!(words("U.K.'s PM", "en"), ["U.K", ".", "'", "PM"]);
        assert_eq!(words("Türkiye'nin", "tr"), ["Türkiye"]);
        assert_eq!(words("l'x", "fr"), ["x"]);
    }

    #[test]
    fn vietnamese_words() {
        assert_eq!(
            words("Quốc hội thông qua luật đất đai.", "vi"),
            ["Quốc hội", "thông qua", "luật", "đất đai", "."]
        );
        // Syllables on two lines are not one word.
        assert_eq!(words("quốc\nhội", "vi"), ["quốc", "hội"]);
        // Only in Vietnamese.
        assert_eq!(words("quốc hội", "en"), ["quốc", "hội"]);
    }

    #[test]
    fn the_language_says_whether_han_is_chinese_or_japanese() {
        let words = |text: &str, lang: Option<&str>| -> Vec<String> {
            let lang = lang.map(|l| l.parse::<Language>().unwrap());
            let tokens = tokens_in(text, lang, Cjk::Dictionary);
            tokens.iter().map(|t| t.text.to_string()).collect()
        };
        // Without kana, Han is Chinese (jieba's words) unless the text is
        // said to be Japanese.
        let han = "我们今天去北京大学看望老师";
        assert_eq!(words(han, None), words(han, Some("zh")));
        assert_eq!(words(han, None)[..2], ["我们", "今天"]);
        assert_ne!(words(han, Some("ja")), words(han, None));
        let kana = format!("{han}、ひらがな");
        assert_eq!(words(&kana, None)[..2], words(han, Some("ja"))[..2]);
        // With kana, Han is Japanese unless the text is said to be Chinese.
        assert_eq!(
            words(&kana, Some("zh"))[..words(han, None).len()],
            words(han, None)[..]
        );
    }

    #[test]
    fn japanese_cuts_letters_from_digits() {
        let text = "直径3cm、4.8km、F512M、ＡＬＬ９９９、5,000°C、iPhone、3・11";
        assert_eq!(
            words(text, "ja"),
            [
                "直径",
                "3",
                "cm",
                "、",
                "4.8",
                "km",
                "、",
                "F",
                "512",
                "M",
                "、",
                "ＡＬＬ",
                "９９９",
                "、",
                "5,000",
                "°",
                "C",
                "、",
                "iPhone",
                "、",
                "3",
                "・",
                "11"
            ]
        );
        let kinds: Vec<TokenKind> = tokens_in("3cm", "ja".parse().ok(), Cjk::Dictionary)
            .iter()
            .map(|t| t.kind)
            .collect();
        assert_eq!(kinds, [TokenKind::Number, TokenKind::Word]);
        // Kanji numerals are not digits: nothing is cut, and a bigram is never
        // cut into pieces that overlap its neighbour (the fuzz target found
        // `师〇` cut into `师`, `〇` after the bigram `老师`).
        for cjk in [Cjk::Dictionary, Cjk::Bigram] {
            let ja = "ja".parse().ok();
            let raw: Vec<&str> = tokens_before_rules("二〇二〇年に老师〇", ja, cjk)
                .iter()
                .map(|t| t.text)
                .collect();
            let got = tokens_in("二〇二〇年に老师〇", ja, cjk);
            let texts: Vec<&str> = got.iter().map(|t| t.text).collect();
            assert_eq!(texts, raw, "{cjk:?}");
            assert!(got.iter().all(|t| t.kind == TokenKind::Word), "{got:?}");
        }
        assert_eq!(words("Ⅻ世紀", "ja"), words("Ⅻ世紀", "zh"));
        // Other languages keep them together.
        assert_eq!(words("3cm G7", "en"), ["3cm", "G7"]);
        assert_eq!(words("3cm G7", "zh"), ["3cm", "G7"]);
    }

    #[test]
    fn pieces_or_one_pass_give_the_same_tokens() {
        let text = "Quốc hội thông qua luật đất đai. ".repeat(50) + &"z. B. 1 000 000 ".repeat(50);
        for lang in ["vi", "de"] {
            let lang: Language = lang.parse().unwrap();
            let whole = tokens_in(&text, Some(lang), Cjk::Dictionary);
            let mut pieces = Vec::new();
            let mut joiner = Joiner::new(&text, Some(lang), |t| pieces.push(t));
            crate::text::tokenize::chunked::for_each_token_chunked_with(
                &text,
                97,
                Cjk::Dictionary,
                han_is_chinese(Some(lang)),
                &crate::interrupt::Interrupt::default(),
                |t| joiner.push(t),
            )
            .unwrap();
            joiner.finish();
            assert_eq!(whole, pieces);
        }
    }

    #[test]
    fn terms_of_joined_tokens() {
        assert_eq!(tidy_spaces("z. b".into()), "z.b");
        assert_eq!(tidy_spaces("1\u{A0}000".into()), "1 000");
        assert_eq!(tidy_spaces("quốc  hội".into()), "quốc hội");
        assert_eq!(tidy_spaces("plain".into()), "plain");
    }
}

//! Tokenization: UAX #29 word boundaries, token kinds, byte offsets, URLs and
//! e-mail addresses kept whole; scripts written without spaces go to the
//! dictionary segmenter (`text/segment`), or with [`Cjk::Bigram`] Han and
//! Kana become overlapping character bigrams, as Lucene's CJK analyzer does.

use linkify::{LinkFinder, LinkKind};
use serde::{Deserialize, Serialize};
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
use unicode_segmentation::UnicodeSegmentation;

use crate::error::{Error, Result};
use crate::text::cjk::{is_han, is_kana};
use crate::text::letters::is_mark;
use crate::text::segment::{is_hangul_lead, korean, split_runs, Cjk, Sentences};

pub(crate) mod chunked;
mod info;
#[cfg(test)]
mod tests;
mod word_break_table;

use info::{act, wb};

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Contains at least one letter: "news", "don't", "3rd", "東京" (a CJK bigram).
    Word,
    /// Digits with their separators: "2022", "3.20", "1,000".
    Number,
    /// Punctuation: ".", "«", "—".
    Punct,
    /// Symbols and emoji: "€", "+", "👍🏽".
    Symbol,
    /// A URL with a scheme ("https://…") or starting with "www.".
    Url,
    /// An e-mail address.
    Email,
}

impl TokenKind {
    /// Every kind, in declaration order.
    pub const ALL: [TokenKind; 6] = [
        TokenKind::Word,
        TokenKind::Number,
        TokenKind::Punct,
        TokenKind::Symbol,
        TokenKind::Url,
        TokenKind::Email,
    ];

    /// The kind's name as accepted by [`str::parse`].
    pub fn name(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Punct => "punct",
            TokenKind::Symbol => "symbol",
            TokenKind::Url => "url",
            TokenKind::Email => "email",
        }
    }
}

impl std::str::FromStr for TokenKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let key = s.trim().to_ascii_lowercase();
        TokenKind::ALL
            .into_iter()
            .find(|k| k.name() == key)
            .ok_or_else(|| {
                Error::invalid(
                    "token kind",
                    format!("{s:?} is not one of word, number, punct, symbol, url, email"),
                )
            })
    }
}

/// A token: a slice of the original text with its byte offsets and kind.
///
/// `text == &original[start..end]` always holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Token<'a> {
    /// The token as it appears in the text (not normalized).
    pub text: &'a str,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// What the token is.
    pub kind: TokenKind,
}

/// Split `text` into tokens, calling `emit` for each in order of its start
/// (with [`Cjk::Bigram`], CJK bigrams overlap). Chinese, Japanese, Thai, Lao,
/// Khmer and Myanmar are split into dictionary words, Korean words into stem
/// and particle. Whitespace and invisible characters with nothing to
/// attach to (a zero-width space, a lone combining mark) make no token;
/// everything else does.
///
/// # Examples
///
/// ```
/// use textlens::{for_each_token, TokenKind};
///
/// let mut words = Vec::new();
/// for_each_token("Xi met Putin in 北京市 on 30.12.", |t| {
///     if t.kind == TokenKind::Word {
///         words.push(t.text);
///     }
/// });
/// assert_eq!(words, ["Xi", "met", "Putin", "in", "北京市", "on"]);
/// ```
pub fn for_each_token<'a>(text: &'a str, emit: impl FnMut(Token<'a>)) {
    for_each_token_with(text, Cjk::default(), emit);
}

/// [`for_each_token`] with a choice of how scripts written without spaces
/// are split (see [`Cjk`]).
///
/// # Examples
///
/// ```
/// use textlens::{for_each_token_with, Cjk};
///
/// let mut words = Vec::new();
/// for_each_token_with("ประเทศไทยมีประชากร", Cjk::Dictionary, |t| words.push(t.text));
/// assert_eq!(words, ["ประเทศไทย", "มี", "ประชากร"]);
/// ```
pub fn for_each_token_with<'a>(text: &'a str, cjk: Cjk, emit: impl FnMut(Token<'a>)) {
    for_each_token_as(text, cjk, None, emit);
}

/// [`for_each_token_with`] where the language may say whether Han runs are
/// Chinese or Japanese (`chinese`, see
/// [`han_is_chinese`](crate::text::segment::han_is_chinese)).
pub(crate) fn for_each_token_as<'a>(
    text: &'a str,
    cjk: Cjk,
    chinese: Option<bool>,
    mut emit: impl FnMut(Token<'a>),
) {
    match cjk {
        Cjk::Bigram => between_links(text, &mut emit, segment),
        Cjk::Dictionary => {
            let mut sentences = Sentences::default();
            between_links(text, &mut emit, |text, from, to, emit| {
                split_runs(
                    text,
                    from,
                    to,
                    emit,
                    chinese,
                    &mut sentences,
                    segment_spaced,
                )
            });
        }
    }
}

/// [`segment`] for the text between unspaced runs; with `hangul` (the text
/// may hold Hangul), a Korean word is split into its stem and its particle
/// or ending (a stopword of Korean), each a token. The test per token stays
/// out of the loop for text without Hangul: there it cost a sixth of Latin
/// tokenization's speed.
fn segment_spaced<'a>(
    text: &'a str,
    from: usize,
    to: usize,
    hangul: bool,
    emit: &mut impl FnMut(Token<'a>),
) {
    if !hangul {
        return segment(text, from, to, emit);
    }
    segment(text, from, to, &mut |t: Token<'a>| {
        if t.kind == TokenKind::Word
            && t.text
                .as_bytes()
                .first()
                .is_some_and(|&b| is_hangul_lead(b))
        {
            emit_korean(t, emit);
        } else {
            emit(t);
        }
    });
}

/// `t`, a word that starts in U+A000..=U+DFFF, as its stem and its particle
/// or ending if it is a Korean word that has one; else as it is. Out of
/// line: inlined into [`segment`], Korean tokenization ran 4 % slower.
#[inline(never)]
fn emit_korean<'a>(t: Token<'a>, emit: &mut impl FnMut(Token<'a>)) {
    let len = korean::stem_len(t.text);
    if len < t.text.len() {
        let mid = t.start + len;
        emit(Token {
            text: &t.text[..len],
            end: mid,
            ..t
        });
        emit(Token {
            text: &t.text[len..],
            start: mid,
            ..t
        });
    } else {
        emit(t);
    }
}

/// Links as tokens, and `segment(text, from, to, emit)` on the text between.
fn between_links<'a, E: FnMut(Token<'a>)>(
    text: &'a str,
    emit: &mut E,
    mut segment: impl FnMut(&'a str, usize, usize, &mut E),
) {
    let mut pos = 0;
    for (start, end, kind) in links(text) {
        segment(text, pos, start, emit);
        emit(Token {
            text: &text[start..end],
            start,
            end,
            kind,
        });
        pos = end;
    }
    segment(text, pos, text.len(), emit);
}

/// URL and e-mail spans. linkify accepts IRIs, so a URL glued to Chinese or
/// Japanese text (`（http://x.cn）查看`) would swallow it: cut URLs at the
/// first full-width punctuation or CJK character.
fn links(text: &str) -> impl Iterator<Item = (usize, usize, TokenKind)> + '_ {
    link_finder().links(text).filter_map(|link| {
        let (start, s) = (link.start(), link.as_str());
        match link.kind() {
            LinkKind::Email => Some((start, link.end(), TokenKind::Email)),
            _ => {
                let len = s
                    .char_indices()
                    .find(|&(_, c)| is_cjk(c) || is_fullwidth_punct(c))
                    .map_or(s.len(), |(i, _)| i);
                let len = s[..len]
                    .trim_end_matches(['.', ',', ':', ';', '!', '?'])
                    .len();
                (len > 0).then_some((start, start + len, TokenKind::Url))
            }
        }
    })
}

/// CJK symbols and punctuation, full-width forms of ASCII punctuation.
fn is_fullwidth_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x30FB | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

/// All tokens of `text`, in order. See [`for_each_token`].
///
/// # Examples
///
/// ```
/// use textlens::{tokens, TokenKind};
///
/// let toks = tokens("Mail ana@example.org or see https://example.org/a?b=1.");
/// let kinds: Vec<_> = toks.iter().map(|t| t.kind).collect();
/// assert_eq!(kinds, [TokenKind::Word, TokenKind::Email, TokenKind::Word,
///                    TokenKind::Word, TokenKind::Url, TokenKind::Punct]);
/// assert_eq!(toks[4].text, "https://example.org/a?b=1");
/// ```
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    for_each_token(text, |t| out.push(t));
    out
}

/// All tokens of `text`, in order, with a choice of how scripts written
/// without spaces are split. See [`for_each_token_with`].
pub fn tokens_with(text: &str, cjk: Cjk) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    for_each_token_with(text, cjk, |t| out.push(t));
    out
}

fn link_finder() -> &'static LinkFinder {
    static FINDER: std::sync::OnceLock<LinkFinder> = std::sync::OnceLock::new();
    FINDER.get_or_init(LinkFinder::new)
}

/// UAX #29 segmentation of `text[from..to]`, with CJK runs turned into bigrams.
///
/// The region is cut into chunks at ASCII whitespace, where UAX #29 always
/// breaks. A byte-level scanner ([`scan`]) applies the word-boundary rules
/// itself, with one table lookup per character ([`info`]); the few rules it
/// leaves out (CR/LF/Newline, ZWJ sequences, regional-indicator flags) send
/// the rest of the chunk to unicode-segmentation ([`fallback`]). Both give the
/// tokens that unicode-segmentation gives on every chunk, checked on the
/// benchmark corpus and on random text by the tests in `tokenize/tests.rs`.
fn segment<'a>(text: &'a str, from: usize, to: usize, emit: &mut impl FnMut(Token<'a>)) {
    let bytes = text.as_bytes();
    // Start of the current chunk, and the pending run of CJK characters.
    let mut chunk = from;
    let mut run: Option<(usize, usize)> = None;
    let mut i = from;
    while i < to {
        let b = bytes[i];
        if b < 0x80 && info::ascii(b).class() == wb::SPACE {
            if run.is_some() {
                flush_cjk(text, run.take(), emit);
            }
            i += 1;
            chunk = i;
            continue;
        }
        let Some(seg) = scan(bytes, i, to) else {
            // Nothing from the pending run or this segment is out yet.
            let resume = run.take().map_or(i, |(s, _)| s);
            i = fallback(text, chunk, resume, to, emit);
            continue;
        };
        let piece = &text[i..seg.end];
        if !seg.cjk {
            if run.is_some() {
                flush_cjk(text, run.take(), emit);
            }
            if let Some(kind) = kind_of(seg.acts, piece) {
                emit(Token {
                    text: piece,
                    start: i,
                    end: seg.end,
                    kind,
                });
            }
        } else if seg.first_len == piece.len() {
            // One CJK character, the common case in Chinese and Japanese.
            run = match run {
                Some((s, e)) if e == i => Some((s, seg.end)),
                other => {
                    flush_cjk(text, other, emit);
                    Some((i, seg.end))
                }
            };
        } else {
            split_cjk(text, i, piece, &mut run, emit);
        }
        i = seg.end;
    }
    flush_cjk(text, run, emit);
}

/// A word-boundary segment found by [`scan`].
struct Seg {
    /// Byte offset one past its end.
    end: usize,
    /// Its characters' [`act`] bits, or-ed.
    acts: u8,
    /// Whether any character is CJK.
    cjk: bool,
    /// Byte length of its first character.
    first_len: usize,
}

/// What a middle character (WB6/7, WB7a–c, WB11/12) needs on its right to
/// stay inside the word.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Need {
    /// ALetter or Hebrew_Letter (WB6/7).
    Letter,
    /// Hebrew_Letter followed by a single quote: a letter continues the word
    /// (WB7), anything else ends it after the quote (WB7a).
    QuoteLetter,
    /// Hebrew_Letter (WB7b/c).
    Hebrew,
    /// Numeric (WB11/12).
    Numeric,
}

/// The UAX #29 word-boundary segment starting at `start` (not ASCII
/// whitespace) within `..to`, the way unicode-segmentation's forward iterator
/// finds it; `None` if it meets a [`wb::FALLBACK`] character.
#[inline(always)]
fn scan(bytes: &[u8], start: usize, to: usize) -> Option<Seg> {
    let (first, first_len) = info::at(bytes, start);
    let mut acts = first.act();
    let mut cjk = first.cjk();
    let mut j = start + first_len;
    match first.class() {
        wb::FALLBACK => return None,
        class @ (wb::ALETTER | wb::HEBREW | wb::NUMERIC | wb::KATAKANA | wb::EXTEND_NUM_LET) => {
            // The last character that was not Extend/Format (WB4).
            let mut last = class;
            while j < to {
                if last != wb::KATAKANA && info::ascii_alnum(bytes[j]) != 0 {
                    // Most words are ASCII letters and digits: WB5, WB8–10.
                    let run_start = j;
                    loop {
                        if let Some(word) = bytes[j..to].first_chunk::<8>() {
                            let (n, a) = info::ascii_alnum_prefix(u64::from_le_bytes(*word));
                            acts |= a;
                            j += n;
                            if n < 8 {
                                break;
                            }
                        } else {
                            while j < to {
                                let a = info::ascii_alnum(bytes[j]);
                                if a == 0 {
                                    break;
                                }
                                acts |= a;
                                j += 1;
                            }
                            break;
                        }
                    }
                    if j > run_start {
                        last = info::ascii(bytes[j - 1]).class();
                        if j == to {
                            break;
                        }
                    }
                }
                let (next, len) = info::at(bytes, j);
                let class = next.class();
                let joins = match class {
                    wb::EXTEND | wb::EXTEND_NUM_LET => true, // WB4, WB13a
                    // WB5, WB8, WB9, WB10, WB13b
                    wb::ALETTER | wb::HEBREW | wb::NUMERIC => last != wb::KATAKANA,
                    // WB13, WB13b
                    wb::KATAKANA => matches!(last, wb::KATAKANA | wb::EXTEND_NUM_LET),
                    wb::FALLBACK => return None,
                    _ => false,
                };
                if joins {
                    acts |= next.act();
                    cjk |= next.cjk();
                    j += len;
                    if class != wb::EXTEND {
                        last = class;
                    }
                    continue;
                }
                let need = match (last, class) {
                    (wb::ALETTER | wb::HEBREW, wb::MID_LETTER | wb::MID_NUM_LET) => Need::Letter,
                    (wb::ALETTER, wb::SINGLE_QUOTE) => Need::Letter,
                    (wb::HEBREW, wb::SINGLE_QUOTE) => Need::QuoteLetter,
                    (wb::HEBREW, wb::DOUBLE_QUOTE) => Need::Hebrew,
                    (wb::NUMERIC, wb::MID_NUM | wb::MID_NUM_LET | wb::SINGLE_QUOTE) => {
                        Need::Numeric
                    }
                    _ => break,
                };
                // Look past the middle character and its Extend/Format.
                let (k, ext_acts, ext_cjk) = extenders(bytes, j + len, to)?;
                let (mid_acts, mid_cjk) = (next.act() | ext_acts, next.cjk() | ext_cjk);
                let right = (k < to).then(|| info::at(bytes, k));
                let fits = right.filter(|(after, _)| match need {
                    Need::Letter | Need::QuoteLetter => {
                        matches!(after.class(), wb::ALETTER | wb::HEBREW)
                    }
                    Need::Hebrew => after.class() == wb::HEBREW,
                    Need::Numeric => after.class() == wb::NUMERIC,
                });
                match fits {
                    Some((after, after_len)) => {
                        acts |= mid_acts | after.act();
                        cjk |= mid_cjk | after.cjk();
                        j = k + after_len;
                        last = after.class();
                    }
                    None => {
                        if need == Need::QuoteLetter {
                            acts |= mid_acts;
                            cjk |= mid_cjk;
                            j = k;
                        }
                        break;
                    }
                }
            }
        }
        wb::WSEG_SPACE => {
            // WB3d, except after an Extend/Format (unicode-segmentation's reading of WB4).
            let mut extended = false;
            while j < to {
                let (next, len) = info::at(bytes, j);
                match next.class() {
                    wb::EXTEND => extended = true,
                    wb::WSEG_SPACE if !extended => {}
                    wb::FALLBACK => return None,
                    _ => break,
                }
                acts |= next.act();
                cjk |= next.cjk();
                j += len;
            }
        }
        _ => {
            // WB4, then WB999.
            let (end, ext_acts, ext_cjk) = extenders(bytes, j, to)?;
            acts |= ext_acts;
            cjk |= ext_cjk;
            j = end;
        }
    }
    Some(Seg {
        end: j,
        acts,
        cjk,
        first_len,
    })
}

/// The Extend/Format characters from `j` on (WB4): where they end, their
/// [`act`] bits and CJK bit; `None` at a [`wb::FALLBACK`] character.
#[inline(always)]
fn extenders(bytes: &[u8], mut j: usize, to: usize) -> Option<(usize, u8, bool)> {
    let (mut acts, mut cjk) = (0, false);
    while j < to {
        let (next, len) = info::at(bytes, j);
        match next.class() {
            wb::EXTEND => {
                acts |= next.act();
                cjk |= next.cjk();
                j += len;
            }
            wb::FALLBACK => return None,
            _ => break,
        }
    }
    Some((j, acts, cjk))
}

/// The kind of a segment from its characters' [`act`] bits: the same answer
/// as [`classify`].
fn kind_of(acts: u8, piece: &str) -> Option<TokenKind> {
    if acts & act::ALPHA != 0 {
        Some(if starts_with_www(piece) {
            TokenKind::Url
        } else {
            TokenKind::Word
        })
    } else if acts == 0 {
        None
    } else if acts & act::NUMERIC != 0 {
        Some(TokenKind::Number)
    } else if acts & act::SYMBOL != 0 {
        Some(TokenKind::Symbol)
    } else {
        Some(TokenKind::Punct)
    }
}

/// unicode-segmentation on the rest of the chunk that starts at `chunk`:
/// the whole chunk is segmented again (a segment boundary depends only on
/// what follows it, but the CJK bigram run may have started earlier) and
/// only the tokens from `resume` on are emitted. Returns the chunk's end.
fn fallback<'a>(
    text: &'a str,
    chunk: usize,
    resume: usize,
    to: usize,
    emit: &mut impl FnMut(Token<'a>),
) -> usize {
    let end = text.as_bytes()[resume..to]
        .iter()
        .position(|&b| is_ascii_space(b))
        .map_or(to, |p| resume + p);
    segment_unicode(text, chunk, end, &mut |t: Token<'a>| {
        if t.start >= resume {
            emit(t);
        }
    });
    end
}

fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// unicode-segmentation on a chunk: the tokenizer's reference, and where
/// [`segment`] falls back.
fn segment_unicode<'a>(text: &'a str, from: usize, to: usize, emit: &mut impl FnMut(Token<'a>)) {
    // A run of consecutive CJK characters, as byte range [start, end).
    let mut run: Option<(usize, usize)> = None;
    for (i, piece) in text[from..to].split_word_bound_indices() {
        let start = from + i;
        if piece.chars().any(is_cjk) {
            split_cjk(text, start, piece, &mut run, emit);
        } else {
            flush_cjk(text, run.take(), emit);
            emit_classified(piece, start, emit);
        }
    }
    flush_cjk(text, run, emit);
}

/// A segment with CJK characters. UAX #29 can join CJK with other letters or
/// digits ("々1", "０円"): the CJK characters join the bigram run, the rest
/// are tokens of their own. A combining mark stays with the character before
/// it (か + U+3099 is が).
fn split_cjk<'a>(
    text: &'a str,
    start: usize,
    piece: &'a str,
    run: &mut Option<(usize, usize)>,
    emit: &mut impl FnMut(Token<'a>),
) {
    let mut rest = piece;
    let mut at = start;
    while let Some(c) = rest.chars().next() {
        let cjk = is_cjk(c);
        let len = rest
            .char_indices()
            .find(|&(_, c)| is_cjk(c) != cjk && !is_mark(c))
            .map_or(rest.len(), |(i, _)| i);
        if cjk {
            *run = match run.take() {
                Some((s, e)) if e == at => Some((s, at + len)),
                other => {
                    flush_cjk(text, other, emit);
                    Some((at, at + len))
                }
            };
        } else {
            flush_cjk(text, run.take(), emit);
            emit_classified(&rest[..len], at, emit);
        }
        rest = &rest[len..];
        at += len;
    }
}

pub(crate) fn emit_classified<'a>(piece: &'a str, start: usize, emit: &mut impl FnMut(Token<'a>)) {
    if let Some(kind) = classify(piece) {
        emit(Token {
            text: piece,
            start,
            end: start + piece.len(),
            kind,
        });
    }
}

/// Word_Break Extend, Format or ZWJ: what UAX #29 (WB4) attaches to the
/// preceding character.
fn is_wb4_extend(c: char) -> bool {
    use unicode_properties::GeneralCategory as Gc;
    c == '\u{200D}'
        || matches!(
            c.general_category(),
            Gc::NonspacingMark | Gc::EnclosingMark | Gc::SpacingMark | Gc::Format
        )
}

/// Overlapping bigrams over a CJK run; a lone character is a unigram. A
/// character counts with the combining marks that follow it.
fn flush_cjk<'a>(text: &'a str, run: Option<(usize, usize)>, emit: &mut impl FnMut(Token<'a>)) {
    let Some((start, end)) = run else { return };
    let run_text = &text[start..end];
    let mut bounds = run_text
        .char_indices()
        .filter(|&(_, c)| !is_mark(c))
        .map(|(i, _)| start + i)
        .peekable();
    let mut prev = match bounds.next() {
        Some(b) => b,
        None => return,
    };
    if bounds.peek().is_none() {
        emit(Token {
            text: run_text,
            start,
            end,
            kind: TokenKind::Word,
        });
        return;
    }
    while let Some(mid) = bounds.next() {
        let stop = bounds.peek().copied().unwrap_or(end);
        emit(Token {
            text: &text[prev..stop],
            start: prev,
            end: stop,
            kind: TokenKind::Word,
        });
        prev = mid;
    }
}

fn classify(piece: &str) -> Option<TokenKind> {
    let mut numeric = false;
    let mut punct = true;
    let mut visible = false;
    for c in piece.chars() {
        // Whitespace, and invisible characters with nothing to attach to (a
        // zero-width space, a combining mark after a space), make no token.
        if c.is_whitespace() || is_wb4_extend(c) {
            continue;
        }
        visible = true;
        if c.is_alphabetic() {
            return Some(if starts_with_www(piece) {
                TokenKind::Url
            } else {
                TokenKind::Word
            });
        }
        if c.is_numeric() {
            numeric = true;
        } else if c.general_category_group() != GeneralCategoryGroup::Punctuation {
            punct = false;
        }
    }
    if !visible {
        None
    } else if numeric {
        Some(TokenKind::Number)
    } else if punct {
        Some(TokenKind::Punct)
    } else {
        Some(TokenKind::Symbol)
    }
}

fn starts_with_www(piece: &str) -> bool {
    piece.len() > 4 && piece.as_bytes()[..4].eq_ignore_ascii_case(b"www.")
}

/// Han, Hiragana and Katakana: scripts written without spaces between words
/// ([`crate::text::cjk`] has the Han and kana ranges; the kana here leave out
/// the combining sound marks U+3099 and U+309A, ゠ U+30A0 and the middle
/// dot ・ U+30FB, and unassigned U+3040).
pub(crate) fn is_cjk(c: char) -> bool {
    is_han(c)
        || (is_kana(c)
            && !matches!(
                c,
                '\u{3040}' | '\u{3099}' | '\u{309A}' | '\u{30A0}' | '\u{30FB}'
            ))
        || matches!(c as u32,
            0x2E80..=0x2FDF        // CJK and Kangxi radicals
            | 0x3005..=0x3007      // 々 〆 〇
            | 0x3021..=0x3029      // Hangzhou numerals
            | 0x3038..=0x303B
        )
}

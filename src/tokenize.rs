//! Tokenization: UAX #29 word boundaries, token kinds, byte offsets, URLs and
//! e-mail addresses kept whole, and overlapping character bigrams for scripts
//! written without spaces (Han, Hiragana, Katakana), as Lucene's CJK analyzer does.

use linkify::{LinkFinder, LinkKind};
use serde::{Deserialize, Serialize};
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
use unicode_segmentation::UnicodeSegmentation;

use crate::error::{Error, Result};

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
/// (CJK bigrams overlap). Whitespace and invisible characters with nothing to
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
/// assert_eq!(words, ["Xi", "met", "Putin", "in", "北京", "京市", "on"]);
/// ```
pub fn for_each_token<'a>(text: &'a str, mut emit: impl FnMut(Token<'a>)) {
    let mut pos = 0;
    for (start, end, kind) in links(text) {
        segment(text, pos, start, &mut emit);
        emit(Token {
            text: &text[start..end],
            start,
            end,
            kind,
        });
        pos = end;
    }
    segment(text, pos, text.len(), &mut emit);
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

fn link_finder() -> &'static LinkFinder {
    static FINDER: std::sync::OnceLock<LinkFinder> = std::sync::OnceLock::new();
    FINDER.get_or_init(LinkFinder::new)
}

/// UAX #29 segmentation of `text[from..to]`, with CJK runs turned into bigrams.
///
/// The region is cut at ASCII whitespace, where UAX #29 always breaks. Chunks
/// of pure ASCII (most of Latin-script news) take a byte-level path that
/// applies the same rules (WB5–WB13b restricted to ASCII); the others go
/// through unicode-segmentation. Both give the same tokens (checked on the
/// benchmark corpus by `fast_path_equals_unicode_segmentation`).
fn segment<'a>(text: &'a str, from: usize, to: usize, emit: &mut impl FnMut(Token<'a>)) {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < to {
        while i < to && is_ascii_space(bytes[i]) {
            i += 1;
        }
        let start = i;
        let mut ascii = true;
        while i < to && !is_ascii_space(bytes[i]) {
            ascii &= bytes[i] < 0x80;
            i += 1;
        }
        if start == i {
            break;
        }
        if ascii {
            segment_ascii(text, start, i, emit);
        } else {
            segment_unicode(text, start, i, emit);
        }
    }
}

fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// Word_Break classes of ASCII bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wb {
    Letter,
    Digit,
    /// `:` (MidLetter)
    MidLetter,
    /// `.` and `'` (MidNumLet)
    MidNumLet,
    /// `,` and `;` (MidNum)
    MidNum,
    /// `_` (ExtendNumLet)
    Connector,
    Other,
}

fn wb(b: u8) -> Wb {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Wb::Letter,
        b'0'..=b'9' => Wb::Digit,
        b':' => Wb::MidLetter,
        b'.' | b'\'' => Wb::MidNumLet,
        b',' | b';' => Wb::MidNum,
        b'_' => Wb::Connector,
        _ => Wb::Other,
    }
}

/// UAX #29 on an ASCII chunk without whitespace.
fn segment_ascii<'a>(text: &'a str, from: usize, to: usize, emit: &mut impl FnMut(Token<'a>)) {
    let bytes = text.as_bytes();
    let class = |i: usize| if i < to { wb(bytes[i]) } else { Wb::Other };
    let mut i = from;
    while i < to {
        let start = i;
        let mut last = class(i);
        i += 1;
        if matches!(last, Wb::Letter | Wb::Digit | Wb::Connector) {
            loop {
                let c = class(i);
                let joins = match c {
                    // WB5, WB8, WB9, WB10, WB13a, WB13b
                    Wb::Letter | Wb::Digit | Wb::Connector => true,
                    // WB6/7: letter (: . ') letter; WB11/12: digit (. ' , ;) digit
                    Wb::MidLetter => last == Wb::Letter && class(i + 1) == Wb::Letter,
                    Wb::MidNumLet => matches!(last, Wb::Letter | Wb::Digit) && class(i + 1) == last,
                    Wb::MidNum => last == Wb::Digit && class(i + 1) == Wb::Digit,
                    Wb::Other => false,
                };
                if !joins {
                    break;
                }
                if matches!(c, Wb::MidLetter | Wb::MidNumLet | Wb::MidNum) {
                    i += 1;
                }
                last = class(i);
                i += 1;
            }
        }
        let piece = &text[start..i];
        emit(Token {
            text: piece,
            start,
            end: i,
            kind: classify_ascii(piece),
        });
    }
}

fn classify_ascii(piece: &str) -> TokenKind {
    let bytes = piece.as_bytes();
    if bytes.iter().any(u8::is_ascii_alphabetic) {
        if starts_with_www(piece) {
            TokenKind::Url
        } else {
            TokenKind::Word
        }
    } else if bytes.iter().any(u8::is_ascii_digit) {
        TokenKind::Number
    } else if bytes
        .iter()
        .all(|b| b"!\"#%&'()*,-./:;?@[\\]_{}".contains(b))
    {
        // ASCII's Unicode punctuation (P*); $ + < = > ^ ` | ~ are symbols.
        TokenKind::Punct
    } else {
        TokenKind::Symbol
    }
}

/// unicode-segmentation on a chunk with non-ASCII text.
fn segment_unicode<'a>(text: &'a str, from: usize, to: usize, emit: &mut impl FnMut(Token<'a>)) {
    // A run of consecutive CJK characters, as byte range [start, end).
    let mut run: Option<(usize, usize)> = None;
    for (i, piece) in text[from..to].split_word_bound_indices() {
        let start = from + i;
        if !piece.chars().any(is_cjk) {
            flush_cjk(text, run.take(), emit);
            emit_classified(piece, start, emit);
            continue;
        }
        // UAX #29 can join CJK with other letters or digits ("々1", "０円"):
        // the CJK characters join the bigram run, the rest are tokens of their own.
        // A combining mark stays with the character before it (か + U+3099 is が).
        let mut rest = piece;
        let mut at = start;
        while let Some(c) = rest.chars().next() {
            let cjk = is_cjk(c);
            let len = rest
                .char_indices()
                .find(|&(_, c)| is_cjk(c) != cjk && !is_mark(c))
                .map_or(rest.len(), |(i, _)| i);
            if cjk {
                run = match run {
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
    flush_cjk(text, run, emit);
}

fn emit_classified<'a>(piece: &'a str, start: usize, emit: &mut impl FnMut(Token<'a>)) {
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

fn is_mark(c: char) -> bool {
    c.general_category_group() == GeneralCategoryGroup::Mark
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

/// Han, Hiragana and Katakana: scripts written without spaces between words.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF        // CJK and Kangxi radicals
        | 0x3005..=0x3007      // 々 〆 〇
        | 0x3021..=0x3029      // Hangzhou numerals
        | 0x3038..=0x303B
        | 0x3041..=0x3098      // Hiragana (not the combining marks U+3099, U+309A)
        | 0x309B..=0x309F
        | 0x30A1..=0x30FA      // Katakana (not ゠ U+30A0 or the middle dot ・ U+30FB)
        | 0x30FC..=0x30FF      // ー ヽ ヾ ヿ
        | 0x31F0..=0x31FF      // Katakana phonetic extensions
        | 0x3400..=0x4DBF      // Han extension A
        | 0x4E00..=0x9FFF      // Han
        | 0xF900..=0xFAFF      // Han compatibility
        | 0xFF66..=0xFF9F      // half-width Katakana
        | 0x20000..=0x323AF    // Han extensions B–H
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<(&str, TokenKind)> {
        tokens(s).into_iter().map(|t| (t.text, t.kind)).collect()
    }

    #[test]
    fn offsets_slice_back_to_the_token() {
        let s = "Ünïcödé — «quoted» 東京都に住む 👍🏽 end";
        for t in tokens(s) {
            assert_eq!(&s[t.start..t.end], t.text);
        }
    }

    #[test]
    fn kinds() {
        use TokenKind::*;
        assert_eq!(
            texts("It's 3.20 p.m., €5 👩‍👩‍👧 — www.example.com!"),
            [
                ("It's", Word),
                ("3.20", Number),
                ("p.m", Word),
                (".", Punct),
                (",", Punct),
                ("€", Symbol),
                ("5", Number),
                ("👩‍👩‍👧", Symbol),
                ("—", Punct),
                ("www.example.com", Url),
                ("!", Punct),
            ]
        );
    }

    #[test]
    fn cjk_bigrams_and_unigrams() {
        let words: Vec<_> = texts("日本語のテキスト。中")
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(
            words,
            ["日本", "本語", "語の", "のテ", "テキ", "キス", "スト", "。", "中"]
        );
    }

    /// The whole-text unicode-segmentation path the fast path must reproduce.
    fn reference(text: &str) -> Vec<Token<'_>> {
        let mut out = Vec::new();
        let mut pos = 0;
        let mut emit = |t| out.push(t);
        for (start, end, kind) in links(text) {
            segment_unicode(text, pos, start, &mut emit);
            emit(Token {
                text: &text[start..end],
                start,
                end,
                kind,
            });
            pos = end;
        }
        segment_unicode(text, pos, text.len(), &mut emit);
        out
    }

    #[test]
    fn fast_path_equals_unicode_segmentation_on_tricky_ascii() {
        for s in [
            "don't 3.20 p.m. a:b 1,000,000 a_b _x x_ 1_000 3a a3 a.b.c a..b 1.,2 'quoted' --",
            "e.g. U.S.A. ver:1.2 x;y 1;2 $5 ^_^ `x` a'b'c 1'2 (a) [b] {c} <d> \"e\" #1 @x ~/y |z",
            "tab\tsep\r\nlines\x0bvt\x0cff end.",
        ] {
            assert_eq!(tokens(s), reference(s), "{s:?}");
        }
    }

    #[test]
    fn fast_path_equals_unicode_segmentation_on_the_benchmark_corpus() {
        let dir = std::env::var_os("TEXTLENS_SHARED")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared").into())
            .join("corpus/bench");
        let files = std::fs::read_dir(&dir).expect("shared/corpus/bench");
        let mut checked = 0;
        for file in files {
            let path = file.expect("entry").path();
            if path.extension().is_none_or(|e| e != "jsonl") {
                continue;
            }
            let data = std::fs::read_to_string(path).expect("utf-8");
            for line in data.lines().filter(|l| l.starts_with('{')) {
                let v: serde_json::Value = serde_json::from_str(line).expect("json");
                let text = v["text"].as_str().unwrap_or_default();
                let (ours, theirs) = (tokens(text), reference(text));
                if ours != theirs {
                    let first = ours
                        .iter()
                        .zip(&theirs)
                        .position(|(a, b)| a != b)
                        .unwrap_or(0);
                    panic!(
                        "differ at token {first}: {:?} vs {:?}",
                        &ours[first..(first + 3).min(ours.len())],
                        &theirs[first..(first + 3).min(theirs.len())]
                    );
                }
                checked += text.len();
            }
        }
        assert!(checked > 30_000_000, "only {checked} bytes checked");
    }

    #[test]
    fn invisible_characters_alone_are_not_tokens() {
        for s in [
            "a \u{301}b",
            "a\n\u{200b}b",
            "a \u{200d}\u{fe0f} b",
            "a \u{64d}b",
        ] {
            assert_eq!(
                texts(s),
                [("a", TokenKind::Word), ("b", TokenKind::Word)],
                "{s:?}"
            );
        }
        assert_eq!(texts("e\u{301}"), [("e\u{301}", TokenKind::Word)]);
    }

    /// Found by the `analyzer` fuzz target: the combining (han)dakuten
    /// U+3099/U+309A sit in the Hiragana block and were taken for letters, so
    /// a lone one was a word and one after a Latin letter was cut off it.
    #[test]
    fn combining_kana_marks_attach_to_the_character_before() {
        assert!(texts("\u{3099}").is_empty());
        assert!(texts("\u{3000}\u{309a}").is_empty());
        assert_eq!(texts("x\u{3099}"), [("x\u{3099}", TokenKind::Word)]);
        // Decomposed が (か + U+3099) is one character of a bigram.
        assert_eq!(
            texts("か\u{3099}き か\u{3099}"),
            [
                ("か\u{3099}き", TokenKind::Word),
                ("か\u{3099}", TokenKind::Word)
            ]
        );
    }

    #[test]
    fn urls_stop_at_cjk_text_and_full_width_punctuation() {
        let words: Vec<_> = texts("官网（http://www.example.com）查看")
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(
            words,
            ["官网", "（", "http://www.example.com", "）", "查看"]
        );
        assert!(texts("プーチン・習近平").contains(&("・", TokenKind::Punct)));
        let mixed: Vec<_> = texts("々1 ０円").into_iter().map(|t| t.0).collect();
        assert_eq!(mixed, ["々", "1", "０", "円"]);
    }

    #[test]
    fn kind_names_round_trip() {
        for k in TokenKind::ALL {
            assert_eq!(k.name().parse::<TokenKind>().unwrap(), k);
        }
        assert!("words".parse::<TokenKind>().is_err());
    }
}

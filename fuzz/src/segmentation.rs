//! The `segmentation` target: a language (or none) and a segmentation mode
//! from the first bytes, the rest as text, then the tokens of that language
//! ([`tokens_in`]: Vietnamese words, spaced abbreviations, grouped numbers,
//! apostrophe rules) and the sentence splitter, each checked against the
//! properties their docs promise.

use textlens::{
    sentence_spans, sentences, tokens_before_rules, tokens_in, Cjk, Language, Token, TokenKind,
};

use crate::input::Input;

pub fn segmentation(data: &[u8]) {
    let mut input = Input::new(data);
    let langs: Vec<Language> = Language::all().collect();
    // Vietnamese and the languages with abbreviation lists or apostrophe
    // rules come up often; any language otherwise.
    let favoured = ["vi", "de", "en", "fr", "ru", "tr", "it"];
    let lang = match input.below(4) {
        0 => None,
        1 => Some(langs[input.below(langs.len())]),
        _ => Some(
            favoured[input.below(favoured.len())]
                .parse()
                .expect("known code"),
        ),
    };
    let cjk = if input.flag() {
        Cjk::Bigram
    } else {
        Cjk::Dictionary
    };
    let text = input.text();
    check_words(&text, lang, cjk);
    check_sentences(&text, lang);
}

/// The tokens of a language slice the text in order without overlapping,
/// and each is one tokenizer token (Han read as the language reads it),
/// part of one (an apostrophe rule; in Japanese, the letters or the digits
/// of a word), or whole tokenizer tokens on one line joined (never cutting
/// one).
pub(crate) fn check_words(text: &str, lang: Option<Language>, cjk: Cjk) {
    let japanese = lang.is_some_and(|l| l.code() == "ja");
    // Japanese cuts `3cm` into the number `3` and the word `cm`; a digit is
    // numeric and no letter (the kanji numeral `〇` is a letter).
    let japanese_number = |word: &Token<'_>, part: &Token<'_>| {
        japanese
            && word.kind == TokenKind::Word
            && part.kind == TokenKind::Number
            && part
                .text
                .chars()
                .next()
                .is_some_and(|c| c.is_numeric() && !c.is_alphabetic())
    };
    let raw = tokens_before_rules(text, lang, cjk);
    let words = tokens_in(text, lang, cjk);
    let mut prev: Option<Token<'_>> = None;
    for t in &words {
        assert!(t.start < t.end && t.end <= text.len(), "{t:?}");
        assert!(
            text.is_char_boundary(t.start) && text.is_char_boundary(t.end),
            "{t:?} is not on char boundaries"
        );
        assert_eq!(&text[t.start..t.end], t.text);
        if let Some(p) = prev {
            match cjk {
                Cjk::Dictionary => assert!(t.start >= p.end, "{p:?} then {t:?}"),
                // Bigrams overlap, as the tokenizer's do.
                Cjk::Bigram => assert!(t.start > p.start, "{p:?} then {t:?}"),
            }
        }
        prev = Some(*t);
        if raw.iter().any(|r| r.start == t.start && r.end == t.end) {
            continue;
        }
        let inside: Vec<&Token<'_>> = raw
            .iter()
            .filter(|r| r.start < t.end && t.start < r.end)
            .collect();
        match inside.as_slice() {
            [] => panic!("{t:?} covers no token of {raw:?}"),
            [one] => assert!(
                one.start <= t.start
                    && t.end <= one.end
                    && (one.kind == t.kind || japanese_number(one, t)),
                "{t:?} is not within {one:?}"
            ),
            [first, .., last] => {
                assert!(
                    first.start == t.start && last.end == t.end,
                    "{t:?} cuts a token: {inside:?}"
                );
                assert!(
                    !t.text.contains(['\n', '\r']),
                    "{t:?} joins tokens across lines"
                );
            }
        }
    }
    // Streaming gives the same tokens.
    let mut streamed = Vec::new();
    textlens::for_each_token_in(text, lang, cjk, |t| streamed.push(t));
    assert_eq!(words, streamed);
}

/// Sentences are trimmed, non-empty slices in order that hold every
/// character of the text that is not whitespace.
fn check_sentences(text: &str, lang: Option<Language>) {
    let spans = sentence_spans(text, lang);
    let mut end = 0;
    for r in &spans {
        assert!(r.start < r.end && r.end <= text.len(), "{r:?}");
        assert!(r.start >= end, "{r:?} starts before {end}");
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{r:?} is not on char boundaries"
        );
        let s = &text[r.clone()];
        assert_eq!(s.trim(), s, "{r:?} is not trimmed");
        assert!(
            text[end..r.start].chars().all(char::is_whitespace),
            "{:?} between sentences is not whitespace",
            &text[end..r.start]
        );
        end = r.end;
    }
    assert!(
        text[end..].chars().all(char::is_whitespace),
        "{:?} after the last sentence",
        &text[end..]
    );
    let slices: Vec<&str> = spans.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(sentences(text, lang), slices);
}

//! The `analyzer` target: options from the first bytes, the rest as text, then
//! tokenization, the analyzer, detection and scikit-learn's analysis, each
//! checked against a property rather than only for panics.

use std::collections::{HashMap, HashSet};

use textlens::{
    detect, for_each_token, for_each_token_with, hash_features, hash_texts, tokens, tokens_with,
    Analyzer, AnalyzerOptions, Cjk, Corpus, DetectEngine, Detection, Detector, Engine, Error, Form,
    LangChoice, Language, SkAnalysis, SkUnit, StopwordChoice, StripAccents, Token, TokenKind,
};
use unicode_normalization::char::canonical_combining_class;
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

use crate::input::Input;

/// Words for custom stopword lists: common words of a few languages.
const STOPWORDS: [&str; 8] = ["the", "and", "der", "и", "в", "的", "و", "και"];

pub fn analyzer(data: &[u8]) {
    let mut input = Input::new(data);
    let options = analyzer_options(&mut input);
    let sk = sk_analysis(&mut input);
    let pieces = input.below(5);
    let text = input.text();
    let texts = split(&text, pieces);

    check_tokens(&text);
    check_detection(detect(&text), &text, None);
    check_sk_analysis(&sk, &text, &texts);

    let analyzer = match Analyzer::new(options.clone()) {
        Ok(a) => a,
        // The only invalid options drawn: an allow-list naming a language
        // no engine detects, or, for a mixed analyzer, one whatlang (which
        // finds the spans) cannot detect.
        Err(Error::Unsupported { lang, .. }) => {
            let whatlang = |l: &Language| {
                Detector::new(DetectEngine::Whatlang)
                    .allowlist(&[*l])
                    .is_ok()
            };
            let list = options.allowlist.unwrap_or_default();
            assert!(
                list.iter()
                    .any(|l| l.code() == lang
                        && (!l.detectable() || (options.mixed && !whatlang(l)))),
                "Unsupported {lang} for allow-list {list:?}"
            );
            return;
        }
        Err(e) => panic!("valid options {options:?} rejected: {e}"),
    };
    check_analyzer(&analyzer, &text, &texts);
}

fn analyzer_options(input: &mut Input<'_>) -> AnalyzerOptions {
    let langs: Vec<Language> = Language::all().collect();
    let lang = match input.below(langs.len() + 1) {
        0 => LangChoice::Auto,
        i => LangChoice::Fixed(langs[i - 1]),
    };
    let flags = input.byte();
    let allowlist = (lang == LangChoice::Auto && flags & 1 != 0).then(|| {
        let n = 1 + input.below(3);
        (0..n).map(|_| input.pick(&langs)).collect()
    });
    let stopwords = match (flags >> 1) & 3 {
        1 => StopwordChoice::None,
        2 => StopwordChoice::Custom(STOPWORDS.iter().map(|s| s.to_string()).collect()),
        _ => StopwordChoice::Default,
    };
    let shape = input.byte();
    let lo = 1 + usize::from(shape >> 3) % 3;
    // Words unless the top bit says otherwise, and the kinds of the low bits.
    let kind_bits = input.byte();
    let kinds: Vec<TokenKind> = TokenKind::ALL
        .into_iter()
        .enumerate()
        .filter(|&(i, _)| kind_bits & (1 << i) != 0 || i == 0 && kind_bits & 0x80 == 0)
        .map(|(_, k)| k)
        .collect();
    AnalyzerOptions {
        lang,
        allowlist,
        lowercase: flags & 8 == 0,
        normalization: if flags & 16 != 0 {
            Form::Nfkc
        } else {
            Form::Nfc
        },
        strip_accents: flags & 32 != 0,
        stopwords,
        extra_stopwords: if flags & 64 != 0 {
            vec!["Putin".into(), "СИ".into()]
        } else {
            Vec::new()
        },
        stem: flags & 128 == 0,
        engine: if shape & 1 != 0 {
            Engine::Current
        } else {
            Engine::Classic
        },
        min_token_len: usize::from(shape >> 1) % 4,
        kinds: if kinds.is_empty() {
            vec![TokenKind::Word]
        } else {
            kinds
        },
        ngram_range: (lo, lo + usize::from(shape >> 5) % 3),
        cjk: if kind_bits & 0x40 != 0 {
            Cjk::Bigram
        } else {
            Cjk::Dictionary
        },
        mixed: lang == LangChoice::Auto && shape & 1 != 0,
    }
}

fn sk_analysis(input: &mut Input<'_>) -> SkAnalysis {
    let flags = input.byte();
    let lo = 1 + usize::from(flags >> 5) % 3;
    SkAnalysis {
        lowercase: flags & 1 == 0,
        strip_accents: [None, Some(StripAccents::Ascii), Some(StripAccents::Unicode)]
            [usize::from(flags >> 1) % 3],
        unit: [SkUnit::Word, SkUnit::Char, SkUnit::CharWb][usize::from(flags >> 3) % 3],
        ngram_range: (lo, lo + usize::from(input.byte()) % 3),
        stop_words: (flags & 0x10 != 0).then(|| STOPWORDS.iter().map(|s| s.to_string()).collect()),
    }
}

/// `text` cut into `pieces + 1` parts at char boundaries (some may be empty).
fn split(text: &str, pieces: usize) -> Vec<&str> {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let mut cuts: Vec<usize> = (1..=pieces)
        .map(|k| bounds[k * (bounds.len() - 1) / (pieces + 1)])
        .collect();
    cuts.dedup();
    let mut out = Vec::new();
    let mut start = 0;
    for cut in cuts {
        out.push(&text[start..cut]);
        start = cut;
    }
    out.push(&text[start..]);
    out
}

/// Whitespace, marks and format characters: what makes no token on its own.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || c == '\u{200D}'
        || matches!(
            c.general_category(),
            GeneralCategory::NonspacingMark
                | GeneralCategory::EnclosingMark
                | GeneralCategory::SpacingMark
                | GeneralCategory::Format
        )
}

fn is_mark(c: char) -> bool {
    c.general_category_group() == GeneralCategoryGroup::Mark
}

/// Tokens slice back to their text at char boundaries, come in order, overlap
/// only as CJK bigrams, and cover every letter and digit of the text.
pub fn check_tokens(text: &str) {
    let toks = tokens(text);
    let mut streamed = Vec::new();
    for_each_token(text, |t| streamed.push(t));
    assert_eq!(toks, streamed, "tokens and for_each_token differ");
    check_token_list(text, &toks);
    let bigrams = tokens_with(text, Cjk::Bigram);
    let mut streamed = Vec::new();
    for_each_token_with(text, Cjk::Bigram, |t| streamed.push(t));
    assert_eq!(
        bigrams, streamed,
        "tokens_with and for_each_token_with differ"
    );
    check_token_list(text, &bigrams);
}

/// Offsets slice the text, tokens come in order and overlap only as CJK
/// bigrams do, and every letter and digit is in a token.
fn check_token_list(text: &str, toks: &[Token<'_>]) {
    let mut covered = vec![false; text.len()];
    let mut prev: Option<Token<'_>> = None;
    for t in toks {
        assert!(t.start < t.end && t.end <= text.len(), "{t:?}");
        assert!(
            text.is_char_boundary(t.start) && text.is_char_boundary(t.end),
            "{t:?} is not on char boundaries"
        );
        assert_eq!(&text[t.start..t.end], t.text);
        assert!(!t.text.chars().all(invisible), "invisible token {t:?}");
        if let Some(p) = prev {
            assert!(t.start >= p.start, "{t:?} before {p:?}");
            if t.start < p.end {
                // Overlapping CJK bigrams share one character (with its marks).
                let mut shared = text[t.start..p.end].chars();
                let one_char = shared.next().is_some_and(|c| !is_mark(c)) && shared.all(is_mark);
                assert!(
                    p.kind == TokenKind::Word
                        && t.kind == TokenKind::Word
                        && t.start > p.start
                        && one_char,
                    "{p:?} overlaps {t:?}"
                );
            }
        }
        covered[t.start..t.end].iter_mut().for_each(|c| *c = true);
        prev = Some(*t);
    }
    for (i, c) in text.char_indices() {
        let letter_or_digit = matches!(
            c.general_category_group(),
            GeneralCategoryGroup::Letter | GeneralCategoryGroup::Number
        );
        assert!(
            !letter_or_digit || covered[i],
            "{c:?} at byte {i} is in no token"
        );
    }
}

/// A detection names a detectable language of the allow-list, with a
/// confidence in [0, 1], and only for text with a letter.
fn check_detection(d: Option<Detection>, text: &str, allowlist: Option<&[Language]>) {
    let has_letter = text.chars().any(char::is_alphabetic);
    let Some(d) = d else { return };
    assert!(has_letter, "{d:?} detected in text without a letter");
    assert!((0.0..=1.0).contains(&d.confidence), "{d:?}");
    assert!(d.lang.detectable(), "{d:?}");
    if let Some(list) = allowlist {
        assert!(list.contains(&d.lang), "{d:?} not in {list:?}");
    }
}

/// Word n-grams for n in `lo..=hi`, unigrams first, joined by a space: the
/// order of scikit-learn and of textlens.
fn ngrams<S: AsRef<str>>(unigrams: &[S], (lo, hi): (usize, usize), sep: &str) -> Vec<String> {
    let mut out = Vec::new();
    for n in lo..=hi.min(unigrams.len()) {
        for w in unigrams.windows(n) {
            let parts: Vec<&str> = w.iter().map(AsRef::as_ref).collect();
            out.push(parts.join(sep));
        }
    }
    out
}

/// `sub` is `all` with some elements left out.
fn is_subsequence(sub: &[String], all: &[String]) -> bool {
    let mut rest = all.iter();
    sub.iter().all(|s| rest.any(|a| a == s))
}

fn check_analyzer(an: &Analyzer, text: &str, texts: &[&str]) {
    let options = an.options();
    let terms = an.analyze(text);
    assert!(
        terms.iter().all(|t| !t.is_empty()),
        "empty term in {terms:?}"
    );
    let lang = an.language_of(text);
    // The parts analyzed by one language each: the language spans with
    // `mixed` (the whole text without a language when none is found), else
    // the whole text by its language.
    let spans = if options.mixed {
        an.detect_spans(text)
    } else {
        Vec::new()
    };
    let parts: Vec<(&str, Option<Language>)> = match (options.mixed, spans.is_empty()) {
        (false, _) => vec![(text, lang)],
        (true, true) => vec![(text, None)],
        (true, false) => spans
            .iter()
            .map(|s| (&text[s.start..s.end], Some(s.lang)))
            .collect(),
    };
    if !options.mixed {
        assert_eq!(an.analyze_as(text, lang), terms, "analyze != analyze_as");
    }
    match options.lang {
        LangChoice::Fixed(l) => assert_eq!(lang, Some(l)),
        LangChoice::Auto => assert_eq!(lang, an.detect(text).map(|d| d.lang)),
    }
    check_detection(an.detect(text), text, options.allowlist.as_deref());

    // n-grams are the windows of the unigrams.
    let one = Analyzer::new(AnalyzerOptions {
        ngram_range: (1, 1),
        ..options.clone()
    })
    .expect("valid options");
    let unigrams: Vec<String> = parts
        .iter()
        .flat_map(|&(t, l)| one.analyze_as(t, l))
        .collect();
    assert_eq!(terms, ngrams(&unigrams, options.ngram_range, " "));

    // Stopword removal only removes.
    let every = Analyzer::new(AnalyzerOptions {
        ngram_range: (1, 1),
        stopwords: StopwordChoice::None,
        extra_stopwords: Vec::new(),
        ..options.clone()
    })
    .expect("valid options");
    let all: Vec<String> = parts
        .iter()
        .flat_map(|&(t, l)| every.analyze_as(t, l))
        .collect();
    assert!(
        is_subsequence(&unigrams, &all),
        "stopwords added terms: {unigrams:?} vs {all:?}"
    );

    // Term frequencies count the terms, most frequent first.
    let tf = an.term_frequencies(text);
    let mut expected: HashMap<&str, usize> = HashMap::new();
    terms
        .iter()
        .for_each(|t| *expected.entry(t.as_str()).or_default() += 1);
    assert_eq!(tf.len(), expected.len());
    assert!(tf.windows(2).all(|w| w[0].1 >= w[1].1), "{tf:?}");
    for (term, n) in &tf {
        assert_eq!(expected.get(term.as_str()), Some(n), "{term}");
    }

    // Batches equal one-by-one analysis; a corpus counts the same terms.
    let many = an.analyze_many(texts);
    let one_by_one: Vec<Vec<String>> = texts.iter().map(|t| an.analyze(t)).collect();
    assert_eq!(many, one_by_one, "analyze_many != analyze");
    assert_eq!(Corpus::build(an, texts), Corpus::from_terms(one_by_one));

    // Options survive JSON, and so does the analyzer built from them.
    let json = serde_json::to_string(options).expect("options serialize");
    let back: AnalyzerOptions = serde_json::from_str(&json).expect("options deserialize");
    assert_eq!(&back, options, "{json}");
    let rebuilt: Analyzer = serde_json::from_str(&json).expect("analyzer deserializes");
    assert_eq!(rebuilt.analyze(text), terms);
}

fn check_sk_analysis(sk: &SkAnalysis, text: &str, texts: &[&str]) {
    sk.validate().expect("valid ngram_range");
    let pre = sk.preprocess(text);
    match sk.strip_accents {
        Some(StripAccents::Ascii) => assert!(pre.is_ascii(), "{pre:?}"),
        Some(StripAccents::Unicode) => assert!(
            pre.chars().all(|c| canonical_combining_class(c) == 0),
            "{pre:?}"
        ),
        // The fast lowercasing equals the standard library's.
        None if sk.lowercase => assert_eq!(pre, text.to_lowercase()),
        None => assert_eq!(pre, text),
    }
    let features = sk.analyze(text);
    let unigrams = SkAnalysis {
        ngram_range: (1, 1),
        ..sk.clone()
    }
    .analyze(text);
    match sk.unit {
        SkUnit::Word => {
            for u in &unigrams {
                assert!(u.chars().count() >= 2, "{u:?}");
                assert!(
                    u.chars().all(|c| c == '_'
                        || matches!(
                            c.general_category_group(),
                            GeneralCategoryGroup::Letter | GeneralCategoryGroup::Number
                        )),
                    "{u:?} is not a run of word characters"
                );
                assert!(sk.stop_words.as_ref().is_none_or(|s| !s.contains(u)));
            }
            assert_eq!(features, ngrams(&unigrams, sk.ngram_range, " "));
        }
        SkUnit::Char => {
            assert!(unigrams.iter().all(|u| u.chars().count() == 1));
            assert_eq!(features, ngrams(&unigrams, sk.ngram_range, ""));
        }
        SkUnit::CharWb => {
            let hi = sk.ngram_range.1;
            assert!(
                features
                    .iter()
                    .all(|f| (1..=hi).contains(&f.chars().count())),
                "{features:?}"
            );
        }
    }
    // Counting and hashing texts equals counting and hashing their features.
    let docs: Vec<Vec<String>> = texts.iter().map(|t| sk.analyze(t)).collect();
    assert_eq!(Corpus::count(sk, texts), Corpus::from_terms(docs.clone()));
    let hashed = hash_texts(sk, texts, 1 << 10, true).expect("valid n_features");
    assert_eq!(
        hashed,
        hash_features(&docs, 1 << 10, true).expect("valid n_features")
    );
    assert_eq!(hashed.shape(), (texts.len(), 1 << 10));

    let json = serde_json::to_string(sk).expect("SkAnalysis serializes");
    let back: SkAnalysis = serde_json::from_str(&json).expect("SkAnalysis deserializes");
    assert_eq!(&back, sk);
    let distinct: HashSet<&String> = features.iter().collect();
    let vocabulary = Corpus::count(sk, &[text]).terms().len();
    assert_eq!(vocabulary, distinct.len());
}

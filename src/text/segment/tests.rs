use super::Cjk;
use crate::{tokens, tokens_with, TokenKind};

fn words(text: &str, cjk: Cjk) -> Vec<&str> {
    tokens_with(text, cjk)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.text)
        .collect()
}

#[test]
fn issue_table_thai() {
    let got = words("ประเทศไทยมีประชากร", Cjk::Dictionary);
    assert!(got.contains(&"มี") && got.contains(&"ประชากร"), "{got:?}");
    assert!(got.iter().all(|w| w.chars().count() > 1), "{got:?}");
}

#[test]
fn issue_table_chinese() {
    let got = words("我们今天去北京大学看望老师", Cjk::Dictionary);
    for w in ["我们", "今天", "去", "看望", "老师"] {
        assert!(got.contains(&w), "{w} not in {got:?}");
    }
    assert!(
        got.contains(&"北京大学") || (got.contains(&"北京") && got.contains(&"大学")),
        "{got:?}"
    );
}

#[test]
fn issue_table_japanese() {
    let got = words("東京都に住んでいる外国人", Cjk::Dictionary);
    assert!(got.contains(&"東京") || got.contains(&"東京都"), "{got:?}");
    assert!(got.contains(&"外国人") || got.contains(&"外国"), "{got:?}");
    assert!(!got.contains(&"都に"), "{got:?}");
}

#[test]
fn issue_table_korean() {
    assert_eq!(
        words("대한민국의 수도는 서울입니다", Cjk::Dictionary),
        ["대한민국", "의", "수도", "는", "서울", "입니다"]
    );
    // The particles are Korean stopwords: the terms are the stems.
    let an = crate::Analyzer::new(crate::AnalyzerOptions {
        lang: crate::LangChoice::Fixed("ko".parse().unwrap()),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(
        an.analyze("대한민국의 수도는 서울입니다"),
        ["대한민국", "수도", "서울"]
    );
    assert_eq!(an.analyze("대한민국은"), an.analyze("대한민국의"));
}

/// The Korean split is looked for only where the text between unspaced runs
/// has Hangul: on both sides of a Han run, after a link, and next to Latin
/// text with curly quotes (bytes that lead 3-byte characters, not Hangul).
#[test]
fn korean_words_are_split_around_other_scripts() {
    assert_eq!(
        words("서울은 “capital” 東京에서 수도는 北京의", Cjk::Dictionary),
        ["서울", "은", "capital", "東京", "에서", "수도", "는", "北京", "의"]
    );
    assert_eq!(
        words("https://example.com 서울은", Cjk::Dictionary),
        ["서울", "은"]
    );
}

/// A kana written with a combining sound mark (か + U+3099) keeps it: the
/// word is the whole が, not か with the mark dropped.
#[test]
fn combining_marks_stay_in_their_word() {
    let text = "か\u{3099}か\u{3099}か\u{3099}";
    let got = words(text, Cjk::Dictionary);
    assert_eq!(got.concat(), text, "{got:?}");
    assert_eq!(
        words("東京か\u{3099}", Cjk::Dictionary).concat(),
        "東京か\u{3099}"
    );
}

#[test]
fn bigram_option_keeps_lucene_behaviour() {
    assert_eq!(words("北京大学", Cjk::Bigram), ["北京", "京大", "大学"]);
    assert_eq!(words("대한민국의", Cjk::Bigram), ["대한민국의"]);
    // Thai stays as UAX #29 leaves it: no dictionary.
    assert!(words("ประเทศไทย", Cjk::Bigram).len() > 3);
}

#[test]
fn mixed_scripts_are_split_run_by_run() {
    let got = words("ฉันใช้iPhone 15 ทุกวัน", Cjk::Dictionary);
    assert!(got.contains(&"iPhone"), "{got:?}");
    assert!(got.contains(&"ทุก") || got.contains(&"ทุกวัน"), "{got:?}");
    let got = words("AppleのiPhoneを買った", Cjk::Dictionary);
    assert_eq!(got[0], "Apple");
    assert!(got.contains(&"iPhone"), "{got:?}");
    // A zero-width space separates Khmer words: no token spans it.
    let text = "ខ្ញុំ\u{200B}ស្រឡាញ់";
    for t in tokens(text) {
        assert!(!t.text.contains('\u{200B}'), "{t:?}");
    }
}

#[test]
fn offsets_slice_the_original_text() {
    let text = "Thai ภาษาไทย, 日本語のテキスト and 中文分词。 한국어를 ພາສາລາວ ភាសាខ្មែរ မြန်မာဘာသာ";
    let mut last = 0;
    for t in tokens(text) {
        assert_eq!(&text[t.start..t.end], t.text);
        assert!(t.start >= last, "{t:?}");
        last = t.end;
    }
}

#[test]
fn bad_input_has_a_defined_result() {
    let long_thai = "ก".repeat(100_000);
    assert!(!tokens(&long_thai).is_empty());
    let repeated = "的".repeat(100_000);
    assert!(!tokens(&repeated).is_empty());
    for text in [
        "\u{0E31}\u{0E34}",
        "\u{0301}",
        "。。。",
        "ก\u{200B}\u{200B}",
        "ไทยabc日本",
    ] {
        let _ = tokens(text);
    }
}

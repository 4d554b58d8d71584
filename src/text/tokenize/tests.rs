use super::*;

/// The scanner and the bigram path: these tests compare them with
/// unicode-segmentation, which knows no dictionaries (those are tested in
/// `text/segment/tests.rs`).
fn tokens(s: &str) -> Vec<Token<'_>> {
    tokens_with(s, Cjk::Bigram)
}

fn texts(s: &str) -> Vec<(&str, TokenKind)> {
    tokens(s).into_iter().map(|t| (t.text, t.kind)).collect()
}

fn words(s: &str) -> Vec<&str> {
    tokens(s).into_iter().map(|t| t.text).collect()
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
    assert_eq!(
        words("日本語のテキスト。中"),
        ["日本", "本語", "語の", "のテ", "テキ", "キス", "スト", "。", "中"]
    );
}

/// The tokenizer before the scanner: links, then plain unicode-segmentation
/// on every chunk between ASCII whitespace (the oracle), or with
/// `whole_regions` on the whole text between links.
fn reference(text: &str, whole_regions: bool) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    between_links(text, &mut |t| out.push(t), |text, from, to, emit| {
        reference_segment(text, from, to, whole_regions, emit)
    });
    out
}

fn reference_segment<'a>(
    text: &'a str,
    from: usize,
    to: usize,
    whole_region: bool,
    emit: &mut impl FnMut(Token<'a>),
) {
    if whole_region {
        return segment_unicode(text, from, to, emit);
    }
    let mut chunk = from;
    for (i, b) in text.as_bytes()[from..to].iter().enumerate() {
        if is_ascii_space(*b) {
            segment_unicode(text, chunk, from + i, emit);
            chunk = from + i + 1;
        }
    }
    segment_unicode(text, chunk, to, emit);
}

/// Panics with the first differing tokens.
fn assert_same(ours: &[Token<'_>], theirs: &[Token<'_>], text: &str) {
    if ours != theirs {
        let first = ours
            .iter()
            .zip(theirs)
            .position(|(a, b)| a != b)
            .unwrap_or(ours.len().min(theirs.len()));
        let from = first.saturating_sub(1);
        panic!(
            "differ at token {first}: {:?} vs unicode-segmentation {:?} in {text:?}",
            &ours[from.min(ours.len())..(first + 2).min(ours.len())],
            &theirs[from.min(theirs.len())..(first + 2).min(theirs.len())],
        );
    }
}

#[test]
fn scanner_equals_unicode_segmentation_on_tricky_text() {
    for s in [
        "don't 3.20 p.m. a:b 1,000,000 a_b _x x_ 1_000 3a a3 a.b.c a..b 1.,2 'quoted' --",
        "e.g. U.S.A. ver:1.2 x;y 1;2 $5 ^_^ `x` a'b'c 1'2 (a) [b] {c} <d> \"e\" #1 @x ~/y |z",
        "tab\tsep\r\nlines\x0bvt\x0cff end.",
        "l’homme aujourd’hui 1’000 «Größe» — naïve café\u{301} co\u{ad}operate",
        "Путин: «Мы» т.е. 3,5 млн. ١٢٣٬٤٥٦٫٧ الْعَرَبِيَّة 3٫5",
        "צה\"ל ג'ורג' ב״ה א׳ ״ק״ 'א' \"א\"",
        "カタカナ・ｶﾀｶﾅﾞ ア_イ 東京都に住む 々1 ０円 〇〇 日\u{301}本 ﾞア",
        "👍🏽 👩\u{200d}👩\u{200d}👧 🇩🇪🇫🇷 a\u{200d}b x\u{2028}y z\u{85}w 1\u{3000}2\u{3000}\u{3000}3",
        "\u{301}a \u{200b}x\u{200b}y \u{feff}bom \u{2066}bidi\u{2069} a\u{fe0f}b 𝟏𝟐 🄰🄱 𠀀𠀁",
    ] {
        assert_same(&tokens(s), &reference(s, false), s);
    }
}

#[test]
fn scanner_equals_unicode_segmentation_on_the_benchmark_corpus() {
    let dir = std::env::var_os("TEXTLENS_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared").into())
        .join("corpus/bench");
    let files = std::fs::read_dir(&dir).expect("shared/corpus/bench (set TEXTLENS_SHARED)");
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
            let ours = tokens(text);
            assert_same(&ours, &reference(text, false), text);
            // Cutting at ASCII whitespace changes nothing on real text either.
            assert_same(&ours, &reference(text, true), text);
            checked += text.len();
        }
    }
    assert!(checked > 30_000_000, "only {checked} bytes checked");
}

/// Pieces of text where word boundaries are hard: every Word_Break class,
/// the joiners and separators of several scripts, the characters the
/// scanner leaves to unicode-segmentation, URL and e-mail fragments.
const PIECES: &[&str] = &[
    "a",
    "Z",
    "q",
    "é",
    "ß",
    "ü",
    "ж",
    "Ё",
    "ب",
    "ع",
    "\u{64b}",
    "\u{651}",
    "٣",
    "\u{66b}",
    "\u{66c}",
    "\u{60c}",
    "א",
    "ב",
    "\u{5f3}",
    "\u{5f4}",
    "\u{5b0}",
    "ア",
    "カ",
    "ー",
    "ｱ",
    "\u{ff9e}",
    "の",
    "日",
    "本",
    "々",
    "〇",
    "〆",
    "０",
    "Ａ",
    "１",
    "ㄱ",
    "한",
    "ไทย",
    "क",
    "\u{94d}",
    "\u{93f}",
    "0",
    "7",
    ".",
    ",",
    ";",
    ":",
    "'",
    "\"",
    "_",
    "-",
    "/",
    "@",
    "#",
    "$",
    "%",
    "&",
    "(",
    ")",
    "?",
    "!",
    "+",
    "=",
    "~",
    "`",
    "^",
    "|",
    "\\",
    "€",
    "«",
    "»",
    "—",
    "…",
    "\u{2018}",
    "\u{2019}",
    "\u{201c}",
    "\u{b7}",
    "\u{2024}",
    "\u{2027}",
    "\u{fe52}",
    "\u{ff0e}",
    "\u{ff07}",
    "\u{ff1a}",
    "\u{ff0c}",
    "\u{3001}",
    "\u{3002}",
    "\u{30fb}",
    "\u{301}",
    "\u{308}",
    "\u{ad}",
    "\u{200b}",
    "\u{200c}",
    "\u{200d}",
    "\u{2060}",
    "\u{feff}",
    "\u{fe0f}",
    "\u{2066}",
    "\u{e0001}",
    "\u{e0041}",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\x0b",
    "\u{85}",
    "\u{a0}",
    "\u{2028}",
    "\u{3000}",
    "\u{2002}",
    "\u{202f}",
    "😀",
    "👍",
    "\u{1f3fd}",
    "\u{1f1e9}",
    "\u{1f1ea}",
    "🄰",
    "𝟏",
    "𠀀",
    "\u{10ffff}",
    "http://",
    "https://x.org/a?b=1",
    "www.",
    ".com",
    "e.g.",
    "1,000.5",
    "ana@ex.org",
    "mailto:",
    "U.S.",
    "don't",
    "l’",
    "3.20",
    "צה\"ל",
    "ג'",
];

/// A small deterministic generator (SplitMix64), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn scanner_equals_unicode_segmentation_on_random_text() {
    let mut rng = Rng(29);
    for _ in 0..100_000 {
        // Favour a few pieces per string so that rare pairs meet often.
        let palette: Vec<&str> = (0..1 + rng.below(8))
            .map(|_| PIECES[rng.below(PIECES.len())])
            .collect();
        let len = rng.below(24);
        let s: String = (0..len)
            .map(|_| palette[rng.below(palette.len())])
            .collect();
        assert_same(&tokens(&s), &reference(&s, false), &s);
    }
}

/// Every code point in contexts that tell the Word_Break classes apart
/// (and alone, and twice, for its token kind, WB3d and WB15/16): the
/// scanner's table and its kind and CJK bits against unicode-segmentation
/// and `classify`. Planes 4–13 have no assigned character (Unicode 17): a
/// sample of them.
#[test]
fn word_break_table_agrees_with_unicode_segmentation() {
    const CONTEXTS: &[(&str, &str)] = &[
        ("", ""),
        ("a", "b"),
        ("1", "2"),
        ("", "a"),
        ("", "ア"),
        ("", "'"),
        ("א", "ב"),
        ("日", "本"),
    ];
    let unassigned = 0x4_0000..0xE_0000;
    let code_points = (0..=0x10_FFFF).filter(|c| !unassigned.contains(c) || c % 61 == 0);
    for c in code_points.filter_map(char::from_u32) {
        let mut s = String::new();
        for (left, right) in CONTEXTS {
            s.push_str(left);
            s.push(c);
            s.push_str(right);
            s.push(' ');
        }
        s.push(c);
        s.push(c);
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        segment(&s, 0, s.len(), &mut |t| ours.push(t));
        reference_segment(&s, 0, s.len(), false, &mut |t| theirs.push(t));
        assert_same(&ours, &theirs, &s);
    }
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

#[test]
fn urls_stop_at_cjk_text_and_full_width_punctuation() {
    assert_eq!(
        words("官网（http://www.example.com）查看"),
        ["官网", "（", "http://www.example.com", "）", "查看"]
    );
    assert!(texts("プーチン・習近平").contains(&("・", TokenKind::Punct)));
    assert_eq!(words("々1 ０円"), ["々", "1", "０", "円"]);
}

#[test]
fn kind_names_round_trip() {
    for k in TokenKind::ALL {
        assert_eq!(k.name().parse::<TokenKind>().unwrap(), k);
    }
    assert!("words".parse::<TokenKind>().is_err());
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

//! `Detector::detect_spans` on texts joined from UD sentences of two or three
//! languages (`shared/segmentation/sentences`): the construction is the oracle
//! for which language each byte is in.

mod common;

use textlens::{detect_spans, Detector, Language, Span};

/// The first `n` sentences of 60–300 bytes of `lang`'s UD file.
fn sentences(lang: &str, n: usize) -> Vec<String> {
    let dir = common::shared().join("segmentation/sentences");
    let path = std::fs::read_dir(&dir)
        .expect("segmentation/sentences")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .and_then(|f| f.to_str())
                .is_some_and(|f| f.starts_with(&format!("{lang}-")) && f.ends_with("-dev.jsonl"))
        })
        .unwrap_or_else(|| panic!("no UD sentences for {lang}"));
    let data = std::fs::read_to_string(&path).expect("readable");
    let mut out = Vec::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        for s in v["sentences"].as_array().expect("sentences") {
            let s = s.as_str().expect("str");
            if (60..=300).contains(&s.len()) && out.len() < n {
                out.push(s.to_owned());
            }
        }
    }
    out
}

/// Spans touch, cover the text, differ from their neighbours, and fall on
/// char boundaries.
fn assert_well_formed(text: &str, spans: &[Span]) {
    assert_eq!(spans.first().map(|s| s.start), Some(0));
    assert_eq!(spans.last().map(|s| s.end), Some(text.len()));
    for w in spans.windows(2) {
        assert_eq!(w[0].end, w[1].start);
        assert_ne!(w[0].lang, w[1].lang);
    }
    for s in spans {
        assert!(s.start < s.end && text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
    }
}

#[test]
fn joined_sentences_are_labelled_by_their_language() {
    let langs = ["en", "de", "fr", "es", "ru", "pl", "tr", "nl"];
    let pools: Vec<Vec<String>> = langs.iter().map(|l| sentences(l, 12)).collect();
    let (mut right, mut total, mut exact) = (0usize, 0usize, 0usize);
    let mut cases = 0;
    // Deterministic combinations: runs of two sentences of 2 or 3 languages.
    for i in 0..langs.len() {
        for step in [1, 3] {
            let mut picked = vec![i, (i + step) % langs.len()];
            if step == 3 {
                picked.push((i + 5) % langs.len());
            }
            let mut text = String::new();
            let mut runs: Vec<(Language, usize, usize)> = Vec::new();
            for (k, &li) in picked.iter().enumerate() {
                let run = format!(
                    "{} {}",
                    pools[li][(i + k) % 12],
                    pools[li][(i + k + 6) % 12]
                );
                if !text.is_empty() {
                    text.push(' ');
                }
                runs.push((
                    langs[li].parse().unwrap(),
                    text.len(),
                    text.len() + run.len(),
                ));
                text.push_str(&run);
            }
            let spans = detect_spans(&text);
            assert_well_formed(&text, &spans);
            let found: Vec<Language> = spans.iter().map(|s| s.lang).collect();
            exact += usize::from(found == runs.iter().map(|r| r.0).collect::<Vec<_>>());
            for &(lang, a, b) in &runs {
                for (at, c) in text[a..b].char_indices() {
                    if c.is_whitespace() {
                        continue;
                    }
                    total += 1;
                    let pos = a + at;
                    right += usize::from(
                        spans
                            .iter()
                            .any(|s| s.start <= pos && pos < s.end && s.lang == lang),
                    );
                }
            }
            cases += 1;
        }
    }
    let share = right as f64 / total as f64;
    // A detector that ignored the mix (one span) would score about 0.45 here.
    assert!(
        share >= 0.85,
        "{right}/{total} characters right ({share:.3})"
    );
    assert!(
        exact * 10 >= cases * 6,
        "{exact}/{cases} texts with the right languages"
    );
}

#[test]
fn an_allowlist_holds_for_spans() {
    let text = "Le président a parlé longtemps avec les journalistes ce matin. \
                Der Präsident hat heute lange mit den Journalisten gesprochen.";
    let only = Detector::with_allowlist(&["fr".parse().unwrap(), "en".parse().unwrap()]).unwrap();
    let spans = only.detect_spans(text);
    assert_well_formed(text, &spans);
    assert!(spans.iter().all(|s| ["fr", "en"].contains(&s.lang.code())));
}

#[test]
fn hostile_inputs_give_defined_answers() {
    let many_scripts = "Hello Привет Γειά שלום مرحبا नमस्ते こんにちは 你好 안녕 สวัสดี ".repeat(50);
    let cases = [
        String::new(),
        "a".into(),
        "٣٤٥ 12 👍🏽 ⚽".into(),
        many_scripts,
        "x".repeat(100_000),
        "e\u{301}\u{301}\u{301} ".repeat(1000),
    ];
    for text in &cases {
        let spans = detect_spans(text);
        if !spans.is_empty() {
            assert_well_formed(text, &spans);
        }
    }
}

//! Both stemming engines against the Snowball reference vocabularies in
//! ../shared/oracles/snowball: 100 % agreement, every language, every word,
//! except where the reference itself is older than Snowball's C
//! implementation (tests/data/snowball_current_*_exceptions.tsv, each entry
//! checked against PyStemmer 3.1.0 by tests/python/test_snowball_exceptions.py).

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use textlens::{Engine, Language, Stemmer};

/// word → (reference stem, Snowball C stem) for one language and engine.
fn exceptions(name: &str, engine: Engine) -> HashMap<String, (String, String)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!(
        "tests/data/snowball_{}_{name}_exceptions.tsv",
        engine.name()
    ));
    let Ok(text) = std::fs::read_to_string(path) else {
        return HashMap::new();
    };
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols[0].to_owned(), (cols[1].to_owned(), cols[2].to_owned()))
        })
        .collect()
}

/// Words checked and the first mismatches (with their total count).
fn check(
    dir: &Path,
    lang: Language,
    engine: Engine,
    known: &HashMap<String, (String, String)>,
) -> (usize, usize, Vec<String>) {
    let read = |f: &str| {
        std::fs::read_to_string(dir.join(f))
            .unwrap_or_else(|e| panic!("{}/{f}: {e}", dir.display()))
    };
    let (voc, out) = (read("voc.txt"), read("output.txt"));
    let stemmer = Stemmer::new(lang, engine).expect("a stemmer");
    assert_eq!(
        stemmer.engine(),
        engine,
        "{} has no native {engine:?} stemmer",
        lang.name()
    );
    let mut total = 0;
    let mut mismatches = 0;
    let mut explained = 0;
    let mut wrong = Vec::new();
    let mut cached = String::new();
    for (word, expected) in voc.lines().zip(out.lines()) {
        total += 1;
        let got = stemmer.stem(word);
        // The per-thread cache answers as Snowball does, first time and after.
        for _ in 0..2 {
            stemmer.stem_into(word, &mut cached);
            assert_eq!(cached, got, "stem_into({word:?})");
        }
        let known_change = known.get(word).is_some_and(|(reference, snowball_c)| {
            reference == expected && got == snowball_c.as_str()
        });
        if known_change {
            explained += 1;
        } else if got != expected {
            mismatches += 1;
            if wrong.len() < 5 {
                wrong.push(format!("{word} -> {got} (expected {expected})"));
            }
        }
    }
    assert_eq!(
        voc.lines().count(),
        out.lines().count(),
        "{}: misaligned",
        dir.display()
    );
    assert_eq!(
        explained,
        known.len(),
        "{}: stale exception entries",
        dir.display()
    );
    (total, mismatches, wrong)
}

fn run(engine: Engine, folder: &str, expected_languages: usize) {
    let root = common::shared().join("oracles/snowball");
    let mut languages = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(&root).expect("oracles/snowball") {
        let entry = entry.expect("entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        let lang = Language::from_name(&name).unwrap_or_else(|e| panic!("{e}"));
        let dir = entry.path().join(folder);
        if !dir.is_dir() {
            continue; // no reference for this engine (tamil has none for rust-stemmers)
        }
        let (total, mismatches, wrong) = check(&dir, lang, engine, &exceptions(&name, engine));
        assert!(total > 1000, "{name}: only {total} words");
        if mismatches > 0 {
            failures.push(format!(
                "{name}: {mismatches} of {total} differ, e.g. {wrong:?}"
            ));
        }
        languages += 1;
    }
    assert!(
        failures.is_empty(),
        "{engine:?} engine:\n{}",
        failures.join("\n")
    );
    assert_eq!(languages, expected_languages);
}

#[test]
fn classic_engine_matches_rust_stemmers_reference_vocabulary() {
    run(Engine::Classic, "rust-stemmers-1.2.0", 17);
}

#[test]
fn current_engine_matches_current_snowball_reference_vocabulary() {
    run(Engine::Current, "current", 18);
}

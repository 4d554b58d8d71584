//! The `mecab` target: Japanese through a MeCab dictionary's lattice (the
//! directory in `$TEXTLENS_MECAB_DIR`, set once for the process; `make
//! fuzz` and `make fuzz-ci` pass unidic-lite's from the virtualenv), checked
//! for the properties of the `segmentation` target. Without the variable the
//! target has no dictionary to exercise and checks nothing.

use std::path::Path;
use std::sync::OnceLock;

use textlens::{Cjk, Language};

use crate::input::Input;

/// Whether the dictionary is set (once, on the first input).
fn dictionary_set() -> bool {
    static SET: OnceLock<bool> = OnceLock::new();
    *SET.get_or_init(|| match std::env::var_os("TEXTLENS_MECAB_DIR") {
        Some(dir) if !dir.is_empty() => {
            textlens::set_mecab_dictionary(Some(Path::new(&dir)))
                .expect("TEXTLENS_MECAB_DIR names a MeCab dictionary");
            true
        }
        _ => false,
    })
}

pub fn mecab(data: &[u8]) {
    if !dictionary_set() {
        return;
    }
    let mut input = Input::new(data);
    let lang = if input.flag() {
        Some(Language::from_name("ja").expect("known"))
    } else {
        None
    };
    // A kana makes the text Japanese, so that its Han runs take the lattice too.
    let text = format!("の{}", input.text());
    crate::segmentation::check_words(&text, lang, Cjk::Dictionary);
    // Every character of a run is in exactly one token.
    let japanese =
        |c: &char| matches!(*c as u32, 0x3041..=0x3096 | 0x30A1..=0x30FA | 0x4E00..=0x9FFF);
    let kana_or_han: String = text.chars().filter(japanese).collect();
    let in_tokens: String = textlens::tokens_with(&text, Cjk::Dictionary)
        .iter()
        .flat_map(|t| t.text.chars())
        .filter(japanese)
        .collect();
    assert_eq!(in_tokens, kana_or_han);
}

//! Chinese: ICU4X's dictionary and jieba's (the `jieba-rs` crate, with
//! jieba's MIT dictionary compiled in) each miss cuts the other makes, and
//! the Chinese treebanks cut finer than either (加速/度, 大/多数). Cutting
//! wherever either of them cuts scored higher than each alone on both the
//! simplified and the traditional UD Chinese GSD data (BENCHMARKS.md);
//! jieba's dictionary is mostly simplified, so on traditional text ICU's
//! cuts carry it.
//!
//! Only runs of Han characters in text without kana take this path: kanji
//! in Japanese text stay with ICU and the Japanese rules.
//!
//! jieba's dictionary (349,046 words) is parsed on the first Chinese run
//! (0.44 s on a loaded machine; held for the life of the process; README).

use std::sync::OnceLock;

use jieba_rs::Jieba;

fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// Add jieba's word ends (with its HMM for words not in its dictionary) to
/// ICU's `bounds` (byte offsets into `run`, sorted, from 0 to `run.len()`).
pub(crate) fn refine(run: &str, bounds: &mut Vec<usize>) {
    let before = bounds.len();
    for t in jieba().cut(run, true) {
        let b = t.byte_end;
        if b < run.len() && run.is_char_boundary(b) {
            bounds.push(b);
        }
    }
    if bounds.len() > before {
        bounds.sort_unstable();
        bounds.dedup();
    }
}

#[cfg(test)]
mod tests {
    use super::super::dictionary::icu_bounds;
    use super::*;
    use crate::{tokens_with, Cjk};

    fn words(text: &str) -> Vec<&str> {
        tokens_with(text, Cjk::Dictionary)
            .iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn cuts_are_icus_and_jiebas_together() {
        for run in [
            "我们今天去北京大学看望老师",
            "大多數的加長型禮車則是租車公司的財產",
            "的",
        ] {
            let icu: Vec<usize> = icu_bounds(run);
            let mut bounds = icu.clone();
            refine(run, &mut bounds);
            let jieba: Vec<usize> = jieba().cut(run, true).iter().map(|t| t.byte_end).collect();
            assert!(bounds.windows(2).all(|w| w[0] < w[1]), "{bounds:?}");
            assert!(
                icu.iter().chain(&jieba).all(|b| bounds.contains(b)),
                "{run}: {bounds:?}"
            );
            assert!(
                bounds.iter().all(|b| icu.contains(b) || jieba.contains(b)),
                "{run}: {bounds:?}"
            );
        }
    }

    #[test]
    fn kanji_in_japanese_text_stay_with_icu() {
        // The Han run 東京大学 is in a text with kana: Japanese, ICU's words only.
        let run = "東京大学";
        let icu: Vec<&str> = icu_bounds(run)
            .windows(2)
            .map(|w| &run[w[0]..w[1]])
            .collect();
        let got = words("東京大学。東京大学に行った");
        assert_eq!(got[..icu.len()], icu[..]);
        assert!(crate::text::cjk::has_kana("東京に行った"));
        assert!(!crate::text::cjk::has_kana("北京大学，한국어"));
        assert_eq!(words("我们今天去北京"), ["我们", "今天", "去", "北京"]);
    }
}

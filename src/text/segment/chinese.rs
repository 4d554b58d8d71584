//! Chinese: jieba (the `jieba-rs` crate, with jieba's MIT dictionary and
//! HMM compiled in) on the simplified form of the run.
//!
//! jieba's dictionary is simplified Chinese, so on traditional text it
//! misses most words (F1 0.739 on UD Chinese GSD, against 0.793 on the same
//! sentences in simplified characters). Each traditional character is
//! replaced by its simplified form before jieba reads the run (OpenCC's
//! character table, `data/chinese/`); the forms have the same UTF-8 length,
//! so jieba's cuts are byte offsets into the original run. On the UD dev
//! data this scores 0.793 on both scripts, where the union of ICU4X's and
//! jieba's cuts (the rule before) scored 0.799 and 0.796 at a third of the
//! speed (BENCHMARKS.md).
//!
//! Only runs of Han characters alone in text without kana (or in text said
//! to be Chinese; text said to be Japanese never) take this path:
//! kanji in Japanese text stay with ICU (or MeCab) and the Japanese rules,
//! and a run mixing Han with another script without spaces stays with ICU.
//!
//! jieba's dictionary (349,046 words) is parsed on the first Chinese run
//! (0.44 s on a loaded machine; held for the life of the process; README).

use std::cell::Cell;
use std::sync::OnceLock;

use jieba_rs::Jieba;

fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// The first code point of the table (CJK Extension A); it ends before
/// U+A000, past the unified ideographs.
const TABLE_FROM: u32 = 0x3400;
const TABLE_TO: u32 = 0xA000;

/// The simplified form of each traditional character of the table's range
/// that has one of the same UTF-8 length (0 where there is none), built on
/// the first Chinese run from `data/chinese/ts_characters.txt` (108 KB).
fn simplified_forms() -> &'static [u32] {
    static TABLE: OnceLock<Vec<u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = vec![0u32; (TABLE_TO - TABLE_FROM) as usize];
        for line in include_str!("../../../data/chinese/ts_characters.txt").lines() {
            let mut c = line.chars();
            if let (Some(trad), Some('\t'), Some(simp)) = (c.next(), c.next(), c.next()) {
                if let Some(slot) = (trad as u32)
                    .checked_sub(TABLE_FROM)
                    .and_then(|i| table.get_mut(i as usize))
                {
                    if simp.len_utf8() == trad.len_utf8() {
                        *slot = simp as u32;
                    }
                }
            }
        }
        table
    })
}

/// `run` with each traditional character replaced by its simplified form,
/// into `out`; `out` has the same length and character boundaries.
fn to_simplified(run: &str, out: &mut String) {
    let table = simplified_forms();
    out.clear();
    out.extend(run.chars().map(|c| {
        (c as u32)
            .checked_sub(TABLE_FROM)
            .and_then(|i| table.get(i as usize))
            .filter(|&&s| s != 0)
            .and_then(|&s| char::from_u32(s))
            .unwrap_or(c)
    }));
}

/// Push jieba's word ends in `run` (a run of Han characters) onto `bounds`
/// (byte offsets, ascending, the last one `run.len()`).
pub(crate) fn word_ends(run: &str, bounds: &mut Vec<usize>) {
    // A buffer per thread for the simplified run (taken, so that a nested
    // call finds an empty one; a huge run's is not kept).
    thread_local! {
        static SIMPLIFIED: Cell<String> = const { Cell::new(String::new()) };
    }
    let mut simplified = SIMPLIFIED.take();
    to_simplified(run, &mut simplified);
    debug_assert_eq!(simplified.len(), run.len());
    for t in jieba().cut(&simplified, true) {
        if run.is_char_boundary(t.byte_end) {
            bounds.push(t.byte_end);
        }
    }
    if bounds.last() != Some(&run.len()) {
        bounds.push(run.len());
    }
    if simplified.capacity() <= 1 << 16 {
        SIMPLIFIED.set(simplified);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{tokens_with, Cjk};

    fn words(text: &str) -> Vec<&str> {
        tokens_with(text, Cjk::Dictionary)
            .iter()
            .map(|t| t.text)
            .collect()
    }

    fn jieba_words(run: &str) -> Vec<&str> {
        jieba().cut(run, true).iter().map(|t| t.word).collect()
    }

    #[test]
    fn simplified_runs_get_jiebas_words() {
        for run in ["我们今天去北京大学看望老师", "两国元首讨论了军事合作", "的"]
        {
            assert_eq!(words(run), jieba_words(run), "{run}");
        }
    }

    #[test]
    fn traditional_runs_get_the_words_of_their_simplified_form() {
        let trad = "大多數的加長型禮車則是租車公司的財產";
        let simp = "大多数的加长型礼车则是租车公司的财产";
        let mut converted = String::new();
        to_simplified(trad, &mut converted);
        assert_eq!(converted, simp);
        let lengths = |ws: Vec<&str>| ws.iter().map(|w| w.chars().count()).collect::<Vec<_>>();
        assert_eq!(lengths(words(trad)), lengths(jieba_words(simp)));
        // The words are the original text's, traditional characters and all.
        assert_eq!(words(trad).concat(), trad);
        assert!(words(trad).contains(&"禮車"), "{:?}", words(trad));
    }

    #[test]
    fn the_table_maps_within_one_utf8_length() {
        let table = simplified_forms();
        let pairs: Vec<(char, char)> = table
            .iter()
            .enumerate()
            .filter(|(_, &s)| s != 0)
            .map(|(i, &s)| {
                let t = char::from_u32(TABLE_FROM + i as u32).unwrap();
                (t, char::from_u32(s).unwrap())
            })
            .collect();
        assert!(pairs.len() > 2900, "{}", pairs.len());
        assert!(pairs.iter().all(|(t, s)| t.len_utf8() == s.len_utf8()));
        assert!(pairs.contains(&('們', '们')) && pairs.contains(&('國', '国')));
    }

    #[test]
    fn kanji_in_japanese_text_stay_with_icu() {
        // The Han run 東京大学 is in a text with kana: Japanese, ICU's words only.
        let run = "東京大学";
        let icu: Vec<&str> = super::super::dictionary::icu_bounds(run)
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

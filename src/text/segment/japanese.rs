//! Japanese: ICU4X's dictionary keeps inflected verbs, auxiliaries and
//! particles together in runs of hiragana (した, ている, として, では). Short
//! unit word segmentation (UniDic's, which the UD Japanese treebanks and
//! MeCab use) splits them: し/た, て/いる, と/し/て, で/は. Two rules on
//! ICU's boundaries:
//! - a hiragana segment that is wholly made of the function words and
//!   inflection pieces below is split into them (fewest pieces wins);
//! - a segment that starts with the small tsu っ or ん after a kanji gives
//!   it to the kanji, where it belongs to the verb stem (行っ/て, 住ん/で).

/// Particles, auxiliaries and inflection pieces of UniDic short units.
const PIECES: &[&str] = &[
    "て",
    "た",
    "だ",
    "し",
    "に",
    "と",
    "で",
    "れ",
    "は",
    "の",
    "い",
    "いる",
    "も",
    "いう",
    "が",
    "だっ",
    "ます",
    "まし",
    "ませ",
    "ない",
    "なかっ",
    "られ",
    "れる",
    "です",
    "でし",
    "か",
    "せ",
    "する",
    "さ",
    "よる",
    "よっ",
    "つい",
    "ば",
    "へ",
    "を",
    "や",
    "な",
    "から",
    "まで",
    "より",
    "よう",
    "ず",
    "たい",
    "なっ",
    "なる",
    "あっ",
    "ある",
    "あり",
    "おり",
    "いた",
    "ん",
    "ね",
    "よ",
    "けど",
    "など",
    "ながら",
    "たり",
    "そう",
    "こと",
];

fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{309F}').contains(&c)
}

fn is_kanji(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x323AF)
        || c == '々'
}

/// Refine ICU's boundaries (`bounds`, byte offsets into `run`, starting
/// with 0 and ending with `run.len()`) for Japanese, in place.
pub(crate) fn refine(run: &str, bounds: &mut Vec<usize>) {
    // っ/ん after a kanji joins it.
    for k in 1..bounds.len().saturating_sub(1) {
        let b = bounds[k];
        let next = run[b..].chars().next();
        let prev = run[..b].chars().next_back();
        if matches!(next, Some('っ' | 'ん')) && prev.is_some_and(is_kanji) {
            let moved = b + 'っ'.len_utf8();
            if moved < bounds[k + 1] {
                bounds[k] = moved;
            }
        }
    }
    let mut out = Vec::with_capacity(bounds.len());
    out.push(0);
    for w in bounds.windows(2) {
        let (a, b) = (w[0], w[1]);
        let seg = &run[a..b];
        if seg.chars().count() >= 2 && seg.chars().all(is_hiragana) {
            if let Some(cuts) = split(seg) {
                out.extend(cuts.into_iter().map(|c| a + c));
                continue;
            }
        }
        out.push(b);
    }
    *bounds = out;
}

/// The ends of the fewest [`PIECES`] that make up `seg`, if any do.
fn split(seg: &str) -> Option<Vec<usize>> {
    let n = seg.len();
    // best[i]: fewest pieces covering seg[..i], and where the last began.
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0));
    for i in 0..n {
        let Some((count, _)) = best[i] else { continue };
        if !seg.is_char_boundary(i) {
            continue;
        }
        for p in PIECES {
            if seg[i..].starts_with(p) {
                let j = i + p.len();
                if best[j].is_none_or(|(c, _)| c > count + 1) {
                    best[j] = Some((count + 1, i));
                }
            }
        }
    }
    best[n]?;
    let mut ends = Vec::new();
    let mut j = n;
    while j > 0 {
        ends.push(j);
        j = best[j]?.1;
    }
    ends.reverse();
    Some(ends)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(run: &str, bounds: &[usize]) -> Vec<String> {
        let mut b = bounds.to_vec();
        refine(run, &mut b);
        b.windows(2).map(|w| run[w[0]..w[1]].to_string()).collect()
    }

    #[test]
    fn function_words_split_into_short_units() {
        let run = "したとして";
        assert_eq!(pieces(run, &[0, 6, 15]), ["し", "た", "と", "し", "て"]);
        // Hiragana that is not all function words stays whole.
        assert_eq!(pieces("ありがとう", &[0, 15]), ["ありがとう"]);
    }

    #[test]
    fn small_tsu_joins_the_kanji_before() {
        let run = "行って";
        assert_eq!(pieces(run, &[0, 3, 9]), ["行っ", "て"]);
    }
}

//! Japanese: ICU4X's dictionary keeps inflected verbs, auxiliaries and
//! particles together in runs of hiragana (した, ている, として, では). Short
//! unit word segmentation (UniDic's, which the UD Japanese treebanks and
//! MeCab use) splits them: し/た, て/いる, と/し/て, で/は. Rules on
//! ICU's boundaries:
//! - a hiragana segment that is wholly made of the function words and
//!   inflection pieces below is split into them (fewest pieces wins);
//! - a segment that starts with the small tsu っ or ん after a kanji or
//!   hiragana gives it to the stem before (行っ/て, 住ん/で, なっ/た), and a
//!   one-kanji segment takes the okurigana after it unless that starts a
//!   particle or auxiliary (知/らない → 知ら/ない, 良/い → 良い);
//! - neighbouring hiragana segments are split into pieces together
//!   (いま|す → い/ます).
//!
//! F1 on UD Japanese GSD dev: ICU alone 0.780; with the hiragana split and
//! っ/ん after kanji 0.841; adding okurigana (+0.010 alone), っ/ん after
//! hiragana (+0.011 alone) and neighbouring segments (+0.020 alone) 0.874.

use std::cell::Cell;
use std::sync::OnceLock;

use crate::text::cjk::{is_han, is_hiragana};

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

fn is_kanji(c: char) -> bool {
    is_han(c) || c == '々'
}

/// Hiragana that start particles, auxiliaries and suffixes (さん), not
/// okurigana: a one-kanji segment does not take them.
const NOT_OKURIGANA: &[char] = &[
    'の', 'に', 'は', 'を', 'が', 'と', 'で', 'へ', 'も', 'や', 'か', 'て', 'た', 'だ', 'ね', 'よ',
    'ば', 'さ',
];

/// Refine ICU's boundaries (`bounds`, byte offsets into `run`, starting
/// with 0 and ending with `run.len()`) for Japanese, in place.
pub(crate) fn refine(run: &str, bounds: &mut Vec<usize>) {
    // A stem takes the hiragana that belongs to it: っ/ん after a kanji or
    // hiragana (行っ, なっ, 住ん), and the okurigana after a one-kanji
    // segment (知ら, 行く, 良い, 対し).
    for k in 1..bounds.len().saturating_sub(1) {
        let (a, b, c) = (bounds[k - 1], bounds[k], bounds[k + 1]);
        let Some(next) = run[b..].chars().next() else {
            continue;
        };
        // Only a hiragana moves to the segment before.
        if !is_hiragana(next) {
            continue;
        }
        let prev_seg = &run[a..b];
        let Some(prev) = prev_seg.chars().next_back() else {
            continue;
        };
        let moved = b + next.len_utf8();
        let joins = match next {
            'っ' | 'ん' => (is_kanji(prev) || is_hiragana(prev)) && moved < c,
            n if !NOT_OKURIGANA.contains(&n) => {
                // A one-kanji segment: `prev` is all of it.
                is_kanji(prev) && prev_seg.len() == prev.len_utf8() && moved <= c
            }
            _ => false,
        };
        // Never part a kana from its combining sound mark (か + U+3099).
        let mark_follows = || {
            run[moved..]
                .chars()
                .next()
                .is_some_and(|m| matches!(m, '\u{3099}' | '\u{309A}'))
        };
        if joins && !mark_follows() {
            bounds[k] = moved;
        }
    }
    bounds.dedup();
    // The buffers are the thread's, kept between runs (taken, so that a
    // nested call finds empty ones; a huge run's are not kept).
    thread_local! {
        static SCRATCH: Cell<Scratch> = Cell::new(Scratch::default());
    }
    let mut scratch = SCRATCH.take();
    let Scratch {
        hiragana,
        out,
        coverable: ok_buffer,
    } = &mut scratch;
    // Whether each segment is all hiragana, looked at once.
    hiragana.clear();
    hiragana.extend(
        bounds
            .windows(2)
            .map(|w| run[w[0]..w[1]].chars().all(is_hiragana)),
    );
    out.clear();
    out.push(0);
    // The hiragana segments k.. of one stretch end at bounds[j]; whether
    // each suffix of the stretch is made of pieces is worked out once per
    // stretch (`coverable`), so a stretch that is not (か゛か゛…) costs
    // linear time, not a failed search from each of its segments.
    // `stretch`: where the current stretch starts and the segment it ends
    // before; `ok_buffer` holds its `coverable`.
    let mut stretch: Option<(usize, usize)> = None;
    let mut k = 0;
    while k + 1 < bounds.len() {
        // Neighbouring hiragana segments (ICU's いま|す, しま|した) are split
        // into pieces together when they can be, else one by one.
        if hiragana[k] {
            let (from, j) = match stretch {
                Some(st) if st.1 > k => st,
                _ => {
                    let mut j = k + 1;
                    while j + 1 < bounds.len() && hiragana[j] {
                        j += 1;
                    }
                    // A lone segment needs no table: it is split by itself.
                    if j > k + 1 {
                        coverable(&run[bounds[k]..bounds[j]], ok_buffer);
                    }
                    (bounds[k], j)
                }
            };
            stretch = Some((from, j));
            let joined = j > k + 1
                && ok_buffer[bounds[k] - from]
                && split_into(&run[bounds[k]..bounds[j]], bounds[k], out);
            if joined {
                k = j;
                continue;
            }
        }
        let (a, b) = (bounds[k], bounds[k + 1]);
        let two_or_more = run[a..b].chars().nth(1).is_some();
        let split = hiragana[k] && two_or_more && split_into(&run[a..b], a, out);
        k += 1;
        if !split {
            out.push(b);
        }
    }
    std::mem::swap(bounds, out);
    if out.capacity() <= 1 << 16 && ok_buffer.capacity() <= 1 << 16 {
        SCRATCH.set(scratch);
    }
}

/// [`refine`]'s buffers.
#[derive(Default)]
struct Scratch {
    hiragana: Vec<bool>,
    out: Vec<usize>,
    coverable: Vec<bool>,
}

/// Whether `rest` starts with `piece`, a piece found by [`pieces_from`] for
/// the character `rest` starts with: the first three bytes (that
/// character) are known to be equal. Shorter than a `memcmp` call, which
/// took a tenth of `refine`'s time.
fn starts_with_piece(rest: &[u8], piece: &str) -> bool {
    let piece = piece.as_bytes();
    rest.len() >= piece.len()
        && rest[..piece.len()]
            .iter()
            .zip(piece)
            .skip(3)
            .all(|(a, b)| a == b)
}

/// The [`PIECES`] that start with `c`, in their order in `PIECES` (every
/// piece starts with a hiragana, U+3040..U+309F): [`split`] compares only
/// these at a position, not all of them (a third of Japanese segmentation's
/// time went to those comparisons).
fn pieces_from(c: char) -> &'static [&'static str] {
    static BY_FIRST: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    let table = BY_FIRST.get_or_init(|| {
        let mut table = vec![Vec::new(); 0x60];
        for p in PIECES {
            if let Some(slot) = p.chars().next().and_then(hiragana_index) {
                table[slot].push(*p);
            }
        }
        table
    });
    hiragana_index(c).map_or(&[], |i| &table[i])
}

fn hiragana_index(c: char) -> Option<usize> {
    is_hiragana(c).then(|| c as usize - 0x3040)
}

/// For each byte offset `i` of `seg` (and its end), whether `seg[i..]` is
/// made of [`PIECES`], into `ok`.
fn coverable(seg: &str, ok: &mut Vec<bool>) {
    let n = seg.len();
    ok.clear();
    ok.resize(n + 1, false);
    ok[n] = true;
    for i in (0..n).rev() {
        let Some(c) = seg.get(i..).and_then(|rest| rest.chars().next()) else {
            continue;
        };
        let rest = &seg.as_bytes()[i..];
        ok[i] = pieces_from(c)
            .iter()
            .any(|p| starts_with_piece(rest, p) && ok[i + p.len()]);
    }
}

/// Push to `out` the ends (plus `base`) of the fewest [`PIECES`] that make
/// up `seg`, if any do; whether they did.
fn split_into(seg: &str, base: usize, out: &mut Vec<usize>) -> bool {
    // best[i]: fewest pieces covering seg[..i], and where the last began;
    // on the stack for the short segments that are nearly all of them.
    const ON_STACK: usize = 64;
    let n = seg.len();
    let mut stack = [None; ON_STACK];
    let mut heap = Vec::new();
    let best: &mut [Option<(usize, usize)>] = if n < ON_STACK {
        &mut stack[..=n]
    } else {
        heap.resize(n + 1, None);
        &mut heap
    };
    best[0] = Some((0, 0));
    for i in 0..n {
        let Some((count, _)) = best[i] else { continue };
        let Some(c) = seg.get(i..).and_then(|rest| rest.chars().next()) else {
            continue;
        };
        let rest = &seg.as_bytes()[i..];
        for p in pieces_from(c) {
            if starts_with_piece(rest, p) {
                let j = i + p.len();
                if best[j].is_none_or(|(c, _)| c > count + 1) {
                    best[j] = Some((count + 1, i));
                }
            }
        }
    }
    if best[n].is_none() {
        return false;
    }
    let from = out.len();
    let mut j = n;
    while j > 0 {
        out.push(base + j);
        match best[j] {
            Some((_, start)) => j = start,
            None => {
                out.truncate(from);
                return false;
            }
        }
    }
    out[from..].reverse();
    true
}

/// The ends of the fewest [`PIECES`] that make up `seg`, if any do.
#[cfg(test)]
fn split(seg: &str) -> Option<Vec<usize>> {
    let mut ends = Vec::new();
    split_into(seg, 0, &mut ends).then_some(ends)
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
        // and the hiragana before.
        assert_eq!(pieces("なった", &[0, 3, 9]), ["なっ", "た"]);
    }

    #[test]
    fn okurigana_joins_a_one_kanji_stem() {
        assert_eq!(pieces("知らない", &[0, 3, 12]), ["知ら", "ない"]);
        assert_eq!(pieces("行く", &[0, 3, 6]), ["行く"]);
        // A decomposed ぎ (き + U+3099) moves whole or not at all.
        let run = "急き\u{3099}";
        assert!(pieces(run, &[0, 3, 9])
            .iter()
            .all(|p| !p.starts_with('\u{3099}')));
        // A particle after the kanji stays a word of its own.
        assert_eq!(pieces("木の", &[0, 3, 6]), ["木", "の"]);
        // Two kanji (a noun) keep the hiragana after them apart.
        assert_eq!(pieces("勉強する", &[0, 6, 12]), ["勉強", "する"]);
    }

    /// The old search, every piece tried at every position.
    fn split_by_every_piece(seg: &str) -> Option<Vec<usize>> {
        let n = seg.len();
        let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
        best[0] = Some((0, 0));
        for i in (0..n).filter(|&i| seg.is_char_boundary(i)) {
            let Some((count, _)) = best[i] else { continue };
            for p in PIECES.iter().filter(|p| seg[i..].starts_with(**p)) {
                let j = i + p.len();
                if best[j].is_none_or(|(c, _)| c > count + 1) {
                    best[j] = Some((count + 1, i));
                }
            }
        }
        best[n]?;
        let (mut ends, mut j) = (Vec::new(), n);
        while j > 0 {
            ends.push(j);
            j = best[j]?.1;
        }
        ends.reverse();
        Some(ends)
    }

    #[test]
    fn split_by_first_character_is_the_full_search() {
        // Every substring of hiragana text made of pieces and of other kana.
        let text = "していたとしてもでしたがありませんでしたからなかったことだろうねよばれるかぁ";
        let chars: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let mut splits = 0;
        for (a, &x) in chars.iter().enumerate() {
            for &y in &chars[a + 1..] {
                let got = split(&text[x..y]);
                splits += usize::from(got.is_some());
                assert_eq!(got, split_by_every_piece(&text[x..y]), "{}", &text[x..y]);
            }
        }
        assert!(splits > 50, "{splits}");
    }

    #[test]
    fn a_stretch_of_hiragana_that_is_no_pieces_costs_linear_time() {
        // か + combining dakuten, ICU's segments one cluster each: before,
        // every segment searched the rest of the stretch (quadratic; 8,000
        // of them took seconds; 50,000 would not finish in a test run).
        let count = |n: usize| {
            let run = "か\u{3099}".repeat(n);
            let mut bounds: Vec<usize> = (0..=n).map(|i| i * 6).collect();
            refine(&run, &mut bounds);
            bounds.len()
        };
        assert_eq!(count(50_000), 50_001);
        assert_eq!(count(20), 21);
        // A stretch whose tail is pieces still splits there: か|し|た.
        assert_eq!(pieces("かした", &[0, 3, 6, 9]), ["か", "し", "た"]);
    }

    #[test]
    fn neighbouring_hiragana_segments_split_together() {
        assert_eq!(pieces("います", &[0, 6, 9]), ["い", "ます"]);
    }
}

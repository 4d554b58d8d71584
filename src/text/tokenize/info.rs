//! One byte per character with everything the scanner asks about it: its
//! UAX #29 Word_Break class, what it contributes to the token kind, and
//! whether it joins a CJK bigram run. ASCII comes from a table built at
//! compile time, the rest of the BMP from a table filled lazily (one code
//! point the first time it is seen: no start-up cost, no lock), the other
//! planes from a binary search each time.

use std::sync::atomic::{AtomicU8, Ordering};

use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

use super::word_break_table::WORD_BREAK;
use super::{is_cjk, is_wb4_extend};

/// Word_Break classes, numbered from 1 so that an info byte is never 0, the
/// lazy table's "not computed yet".
pub(super) mod wb {
    pub const OTHER: u8 = 1;
    pub const ALETTER: u8 = 2;
    pub const HEBREW: u8 = 3;
    pub const NUMERIC: u8 = 4;
    pub const KATAKANA: u8 = 5;
    pub const EXTEND_NUM_LET: u8 = 6;
    pub const MID_LETTER: u8 = 7;
    pub const MID_NUM: u8 = 8;
    pub const MID_NUM_LET: u8 = 9;
    pub const SINGLE_QUOTE: u8 = 10;
    pub const DOUBLE_QUOTE: u8 = 11;
    /// Extend or Format: WB4 glues it to what precedes.
    pub const EXTEND: u8 = 12;
    /// WSegSpace other than U+0020.
    pub const WSEG_SPACE: u8 = 13;
    /// ASCII whitespace, where the tokenizer cuts the text into chunks.
    pub const SPACE: u8 = 14;
    /// CR, LF, Newline, ZWJ, Regional_Indicator: rules the scanner leaves to
    /// unicode-segmentation.
    pub const FALLBACK: u8 = 15;
}

/// What a character contributes to the kind of its token, one bit each (see
/// [`Info::act`] and `kind_of`): invisible characters (whitespace, marks,
/// format characters) contribute nothing.
pub(super) mod act {
    pub const ALPHA: u8 = 1;
    pub const NUMERIC: u8 = 2;
    pub const PUNCT: u8 = 4;
    pub const SYMBOL: u8 = 8;
}

/// Bits 0–3: Word_Break class; bits 4–6: index of the action bit (0 for
/// invisible); bit 7: CJK.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Info(u8);

impl Info {
    const CJK: u8 = 0x80;

    pub(super) fn class(self) -> u8 {
        self.0 & 0x0F
    }

    /// One of the [`act`] bits, or 0 for an invisible character.
    pub(super) fn act(self) -> u8 {
        (1 << ((self.0 >> 4) & 0x07)) >> 1
    }

    pub(super) fn cjk(self) -> bool {
        self.0 & Self::CJK != 0
    }
}

const fn pack(class: u8, act: u8, cjk: bool) -> u8 {
    // act is 0 or one bit: its index plus one fits in 3 bits.
    let index = if act == 0 {
        0
    } else {
        act.trailing_zeros() as u8 + 1
    };
    class | index << 4 | if cjk { Info::CJK } else { 0 }
}

/// Word_Break class from the generated table.
fn word_break(c: u32) -> u8 {
    match WORD_BREAK.binary_search_by(|&(lo, hi, _)| {
        if hi < c {
            std::cmp::Ordering::Less
        } else if lo > c {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    }) {
        Ok(i) => WORD_BREAK[i].2,
        Err(_) => wb::OTHER,
    }
}

/// The action of one character, exactly as `classify` treats it.
fn action(c: char) -> u8 {
    if c.is_whitespace() || is_wb4_extend(c) {
        0
    } else if c.is_alphabetic() {
        act::ALPHA
    } else if c.is_numeric() {
        act::NUMERIC
    } else if c.general_category_group() == GeneralCategoryGroup::Punctuation {
        act::PUNCT
    } else {
        act::SYMBOL
    }
}

fn compute(c: u32) -> u8 {
    let Some(ch) = char::from_u32(c) else {
        return pack(wb::FALLBACK, 0, false);
    };
    pack(word_break(c), action(ch), is_cjk(ch))
}

/// ASCII: whitespace is `SPACE`; the rest as [`compute`] would give, with
/// Unicode's punctuation among ASCII (`$ + < = > ^ \` | ~` are symbols).
const ASCII: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        let class = match c {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => wb::SPACE,
            b'a'..=b'z' | b'A'..=b'Z' => wb::ALETTER,
            b'0'..=b'9' => wb::NUMERIC,
            b'_' => wb::EXTEND_NUM_LET,
            b':' => wb::MID_LETTER,
            b',' | b';' => wb::MID_NUM,
            b'.' => wb::MID_NUM_LET,
            b'\'' => wb::SINGLE_QUOTE,
            b'"' => wb::DOUBLE_QUOTE,
            _ => wb::OTHER,
        };
        let action = match c {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => 0,
            b'a'..=b'z' | b'A'..=b'Z' => act::ALPHA,
            b'0'..=b'9' => act::NUMERIC,
            b'!' | b'"' | b'#' | b'%' | b'&' | b'\'' | b'(' | b')' | b'*' | b',' | b'-' | b'.'
            | b'/' | b':' | b';' | b'?' | b'@' | b'[' | b'\\' | b']' | b'_' | b'{' | b'}' => {
                act::PUNCT
            }
            _ => act::SYMBOL,
        };
        table[b] = pack(class, action, false);
        b += 1;
    }
    table
};

/// `act::ALPHA` for ASCII letters, `act::NUMERIC` for ASCII digits, else 0.
const ASCII_ALNUM: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => act::ALPHA,
            b'0'..=b'9' => act::NUMERIC,
            _ => 0,
        };
        b += 1;
    }
    table
};

/// [`act::ALPHA`] for an ASCII letter, [`act::NUMERIC`] for an ASCII digit,
/// 0 for any other byte.
#[inline(always)]
pub(super) fn ascii_alnum(b: u8) -> u8 {
    ASCII_ALNUM[b as usize]
}

/// How many of the 8 bytes of `word` (first byte lowest) are ASCII letters
/// or digits before the first that is not, and their [`act`] bits: the
/// letter-and-digit loop eight bytes at a time (SWAR).
#[inline(always)]
pub(super) fn ascii_alnum_prefix(word: u64) -> (usize, u8) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    // Per byte, with the top bit cleared so that no sum carries into the next
    // byte: bit 7 of `low + (0x80 - k)` is set iff `low >= k`.
    let low = word & !HIGH;
    let folded = low | (ONES * 0x20);
    let at_least = |x: u64, k: u64| x + ONES * (0x80 - k);
    let letters = at_least(folded, 0x61) & !at_least(folded, 0x7B);
    let digits = at_least(low, 0x30) & !at_least(low, 0x3A);
    let ascii = !word & HIGH;
    let (letters, digits) = (letters & ascii & HIGH, digits & ascii & HIGH);
    let other = !(letters | digits) & HIGH;
    let n = (other.trailing_zeros() / 8) as usize;
    let keep = if n == 8 { !0 } else { (1u64 << (n * 8)) - 1 };
    let mut acts = 0;
    if letters & keep != 0 {
        acts |= act::ALPHA;
    }
    if digits & keep != 0 {
        acts |= act::NUMERIC;
    }
    (n, acts)
}

static BMP: [AtomicU8; 0x1_0000] = [const { AtomicU8::new(0) }; 0x1_0000];

/// Info of an ASCII byte.
#[inline(always)]
pub(super) fn ascii(b: u8) -> Info {
    Info(ASCII[(b & 0x7F) as usize])
}

/// Info of a code point above ASCII.
#[inline(always)]
pub(super) fn non_ascii(c: u32) -> Info {
    match BMP.get(c as usize) {
        Some(slot) => {
            let v = slot.load(Ordering::Relaxed);
            if v != 0 {
                return Info(v);
            }
            // Two threads may both compute it: same value, harmless.
            let v = compute(c);
            slot.store(v, Ordering::Relaxed);
            Info(v)
        }
        None => Info(compute(c)),
    }
}

/// Info of the character at byte `i` of valid UTF-8, and its length.
#[inline(always)]
pub(super) fn at(bytes: &[u8], i: usize) -> (Info, usize) {
    let b0 = bytes[i];
    if b0 < 0x80 {
        return (ascii(b0), 1);
    }
    decode(bytes, i)
}

#[inline(always)]
fn decode(bytes: &[u8], i: usize) -> (Info, usize) {
    let b0 = u32::from(bytes[i]);
    let cont = |k: usize| u32::from(bytes[i + k] & 0x3F);
    if b0 < 0xE0 {
        (non_ascii((b0 & 0x1F) << 6 | cont(1)), 2)
    } else if b0 < 0xF0 {
        (non_ascii((b0 & 0x0F) << 12 | cont(1) << 6 | cont(2)), 3)
    } else {
        (
            non_ascii((b0 & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3)),
            4,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_table_equals_the_unicode_properties() {
        for b in 0u8..128 {
            let c = char::from(b);
            let expected = if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) {
                pack(wb::SPACE, 0, false)
            } else {
                compute(u32::from(b))
            };
            assert_eq!(ascii(b), Info(expected), "{c:?}");
        }
    }

    #[test]
    fn eight_bytes_at_a_time_equals_one_at_a_time() {
        let bytes: Vec<u8> = (0..=255).collect();
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for round in 0..100_000 {
            let mut word = [0u8; 8];
            for b in &mut word {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                // Mostly alphanumerics and their neighbours, some of everything.
                *b = if round % 3 == 0 {
                    bytes[(seed % 256) as usize]
                } else {
                    b"/09:@AZ[`az{_-.\xc3\xa9"[(seed % 17) as usize]
                };
            }
            let n = word.iter().take_while(|b| ascii_alnum(**b) != 0).count();
            let acts = word[..n].iter().fold(0, |a, b| a | ascii_alnum(*b));
            assert_eq!(
                ascii_alnum_prefix(u64::from_le_bytes(word)),
                (n, acts),
                "{word:?}"
            );
        }
    }

    #[test]
    fn packing_round_trips() {
        for class in 1..=15 {
            for a in [0, act::ALPHA, act::NUMERIC, act::PUNCT, act::SYMBOL] {
                for cjk in [false, true] {
                    let i = Info(pack(class, a, cjk));
                    assert_eq!((i.class(), i.act(), i.cjk()), (class, a, cjk));
                }
            }
        }
    }
}

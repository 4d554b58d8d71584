//! scikit-learn's default word analysis in one pass: `doc.lower()` and
//! `re.findall(r"(?u)\b\w\w+\b", …)` fused, without lowercasing the whole
//! document first. A token whose characters lowercasing leaves unchanged is
//! handed out as a slice of the document; only a token with a capital (or a
//! character whose lowercase differs) is lowercased, into one reused buffer.
//!
//! Exactness: the tokens are those of the two-step analysis (kept in
//! [`super::default_tokens`] and [`super::lowercase`], this module's test
//! oracle). Lowercasing is per character except for the capital sigma, whose
//! lowercase depends on its neighbours (final ς): a document with one is
//! lowercased as a whole from where its first non-ASCII character is (the
//! part before is ASCII, whose lowercase has the same byte offsets). A
//! character may lowercase to several (`İ` → `i` + U+0307, a combining mark
//! and no word character): each lowercased character is classified on its
//! own, as the regular expression sees them.

use super::{is_py_word, lowercase, lowercase_changes};

/// What an ASCII byte is to the scanner; bytes from 0x80 start (or continue)
/// a multi-byte character.
const GAP: u8 = 0;
const WORD: u8 = 1;
const UPPER: u8 = 2;
const MULTI: u8 = 3;

const CLASS: [u8; 256] = {
    let mut table = [MULTI; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_alphanumeric() || c == b'_' {
            WORD
        } else {
            GAP
        };
        b += 1;
    }
    table
};

/// Call `f` with each token of `(?u)\b\w\w+\b` in `doc`, lowercased first
/// when `lower`. `buf` is scratch space for lowercased tokens.
pub(crate) fn for_each_token<F: FnMut(&str) + ?Sized>(
    doc: &str,
    lower: bool,
    buf: &mut String,
    f: &mut F,
) {
    if lower {
        scan_lower(doc, buf, f);
    } else {
        scan_as_is(doc, 0, f);
    }
}

/// The tokens of `doc[from..]`, where `from` is a char boundary not inside
/// a run of word characters.
fn scan_as_is<F: FnMut(&str) + ?Sized>(doc: &str, from: usize, f: &mut F) {
    let b = doc.as_bytes();
    let n = b.len();
    let mut i = from;
    // Start of the current run of word characters, and its length in chars.
    let mut start = i;
    let mut chars = 0usize;
    while i < n {
        let class = CLASS[usize::from(b[i])];
        if class == WORD || class == UPPER {
            if chars == 0 {
                start = i;
            }
            let s = i;
            i += 1;
            while i < n && matches!(CLASS[usize::from(b[i])], WORD | UPPER) {
                i += 1;
            }
            chars += i - s;
            continue;
        }
        let (word, len) = if class == GAP {
            (false, 1)
        } else {
            match doc[i..].chars().next() {
                Some(c) => (is_py_word(c), c.len_utf8()),
                None => (false, 1),
            }
        };
        if word {
            if chars == 0 {
                start = i;
            }
            chars += 1;
        } else {
            if chars >= 2 {
                f(&doc[start..i]);
            }
            chars = 0;
        }
        i += len;
    }
    if chars >= 2 {
        f(&doc[start..n]);
    }
}

/// The current token of [`scan_lower`]: a slice of the document while
/// lowercasing has changed none of its characters ("clean"), else the
/// buffer.
struct Token {
    start: usize,
    chars: usize,
    dirty: bool,
}

impl Token {
    /// A lowercased word character that differs from the document's: the
    /// token moves to the buffer (`at` is where the character starts).
    #[inline]
    fn make_dirty(&mut self, doc: &str, at: usize, buf: &mut String) {
        if self.chars == 0 {
            self.start = at;
            buf.clear();
            self.dirty = true;
        } else if !self.dirty {
            buf.clear();
            buf.push_str(&doc[self.start..at]);
            self.dirty = true;
        }
    }

    /// The token ends where the document's byte `end` starts.
    #[inline]
    fn end<F: FnMut(&str) + ?Sized>(&mut self, doc: &str, end: usize, buf: &str, f: &mut F) {
        if self.chars >= 2 {
            f(if self.dirty {
                buf
            } else {
                &doc[self.start..end]
            });
        }
        self.chars = 0;
        self.dirty = false;
    }
}

fn scan_lower<F: FnMut(&str) + ?Sized>(doc: &str, buf: &mut String, f: &mut F) {
    let b = doc.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut t = Token {
        start: 0,
        chars: 0,
        dirty: false,
    };
    let mut checked_sigma = false;
    while i < n {
        match CLASS[usize::from(b[i])] {
            WORD => {
                if t.chars == 0 {
                    t.start = i;
                    t.dirty = false;
                }
                let s = i;
                i += 1;
                while i < n && CLASS[usize::from(b[i])] == WORD {
                    i += 1;
                }
                t.chars += i - s;
                if t.dirty {
                    buf.extend(b[s..i].iter().map(|&c| char::from(c)));
                }
            }
            UPPER => {
                t.make_dirty(doc, i, buf);
                let s = i;
                i += 1;
                while i < n && matches!(CLASS[usize::from(b[i])], WORD | UPPER) {
                    i += 1;
                }
                t.chars += i - s;
                // Byte by byte: tokens are short, and a call to memcpy costs more.
                buf.extend(b[s..i].iter().map(|&c| char::from(c.to_ascii_lowercase())));
            }
            GAP => {
                t.end(doc, i, buf, f);
                i += 1;
            }
            _ => {
                if !checked_sigma {
                    checked_sigma = true;
                    // Before here all is ASCII: lowercasing keeps its byte offsets.
                    if doc[i..].contains('Σ') {
                        let resume = if t.chars > 0 { t.start } else { i };
                        scan_as_is(&lowercase(doc), resume, f);
                        return;
                    }
                }
                let Some(c) = doc[i..].chars().next() else {
                    break;
                };
                if !lowercase_changes(c) {
                    if is_py_word(c) {
                        if t.chars == 0 {
                            t.start = i;
                            t.dirty = false;
                        }
                        t.chars += 1;
                        if t.dirty {
                            buf.push(c);
                        }
                    } else {
                        t.end(doc, i, buf, f);
                    }
                } else {
                    for l in c.to_lowercase() {
                        if is_py_word(l) {
                            t.make_dirty(doc, i, buf);
                            t.chars += 1;
                            buf.push(l);
                        } else {
                            t.end(doc, i, buf, f);
                        }
                    }
                }
                i += c.len_utf8();
            }
        }
    }
    t.end(doc, n, buf, f);
}

#[cfg(test)]
mod tests {
    use super::super::default_tokens;
    use super::*;

    fn fused(doc: &str, lower: bool) -> Vec<String> {
        let mut out = Vec::new();
        let mut buf = String::new();
        for_each_token(doc, lower, &mut buf, &mut |t| out.push(t.to_owned()));
        out
    }

    fn two_step(doc: &str, lower: bool) -> Vec<String> {
        let doc = if lower {
            lowercase(doc)
        } else {
            doc.to_owned()
        };
        default_tokens(&doc).map(str::to_owned).collect()
    }

    #[test]
    fn equals_lowercase_then_pattern_on_samples() {
        for doc in [
            "",
            "a",
            "ab",
            "It's 3 o'clock — Ünïcode_OK!",
            "İstanbul İİ aİb Xİ İX",
            "ΟΔΟΣ ΣΟΦΙΑ Σ ΑΣ. ΣΣ abc ΑΣ",
            "AB ΟΔΟΣ",
            "ab ΣΑ",
            "Ab\u{301}cD e\u{301}\u{301}F",
            "ǅemal ǲ ẞ ﬁne ＡＢ Ⅻ ⅫⅫ",
            "ÀÉÎ ÀB aÀ ÀÀÀ_1 ١٢ x",
            "MiXeD CaSe WORDS and_Under_Scores 42 A1 1A",
            "Kelvin \u{212a}K \u{212a}\u{212a}",
            "a\u{0130}",
            "\u{0130}a",
            "\u{0130}\u{0130}",
        ] {
            for lower in [true, false] {
                assert_eq!(fused(doc, lower), two_step(doc, lower), "{doc:?} {lower}");
            }
        }
    }

    #[test]
    fn equals_lowercase_then_pattern_for_every_char() {
        // Each code point alone, between capitals, between small letters,
        // repeated, and next to a non-word character.
        for code in 0x80..=0x2_FFFF_u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            for doc in [
                format!("A{c}B{c}"),
                format!("a{c}b {c}{c} x{c}"),
                format!("{c}a.{c}A {c}"),
                format!("{c}Σ{c} é{c}"),
            ] {
                assert_eq!(fused(&doc, true), two_step(&doc, true), "U+{code:04X}");
            }
            let doc = format!("A{c}B {c}{c} x{c}");
            assert_eq!(fused(&doc, false), two_step(&doc, false), "U+{code:04X}");
        }
    }
}

//! The compiled n-gram model (`data/detect/ngram.bin`, built by
//! `tools/detect-model` from lingua's language models): one hash index from
//! n-gram to postings `(language, quantized log-probability)`, read in place
//! from the bytes compiled into the library. The n-grams most languages know
//! keep one q per language instead (dense), whose scores add with SIMD.

use std::sync::OnceLock;

use super::script::{self, Script};
use crate::text::lang::Language;

static BYTES: &[u8] = include_bytes!("../../data/detect/ngram.bin");

/// q = round(-ln p × Q_SCALE) in the postings.
pub(crate) const Q_SCALE: f64 = 16.0;

/// The model's languages, and where its index and entries start in [`BYTES`].
pub(crate) struct Model {
    /// Model language index → textlens language (Bokmål and Nynorsk both
    /// answer Norwegian).
    pub(crate) langs: Vec<Language>,
    /// Model language index → its ISO 639-1 code in the model ("nb", "nn").
    pub(crate) codes: Vec<&'static str>,
    /// Model language index → the script it writes with.
    pub(crate) scripts: Vec<Script>,
    bits: u32,
    offsets: &'static [u8],
    body: &'static [u8],
}

/// The model, parsed on first use; `None` if the compiled-in bytes are
/// malformed (a build error a test catches).
pub(crate) fn model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL.get_or_init(|| parse(BYTES)).as_ref()
}

fn parse(bytes: &'static [u8]) -> Option<Model> {
    if bytes.get(..4)? != b"TLNG" || u32::from_le_bytes(bytes.get(4..8)?.try_into().ok()?) != 2 {
        return None;
    }
    let n = usize::from(*bytes.get(8)?);
    let mut langs = Vec::with_capacity(n);
    let mut codes = Vec::with_capacity(n);
    for i in 0..n {
        let code = std::str::from_utf8(bytes.get(9 + 2 * i..11 + 2 * i)?).ok()?;
        let lang: Language = match code {
            "nb" | "nn" => "no".parse().ok()?,
            c => c.parse().ok()?,
        };
        langs.push(lang);
        codes.push(code);
    }
    let at = 9 + 2 * n;
    let bits = u32::from(*bytes.get(at)?);
    let table = ((1usize << bits) + 1) * 4;
    let offsets = bytes.get(at + 1..at + 1 + table)?;
    let body = bytes.get(at + 1 + table..)?;
    let scripts = codes.iter().map(|c| script::of_lang(c)).collect();
    Some(Model {
        langs,
        codes,
        scripts,
        bits,
        offsets,
        body,
    })
}

/// A dense entry's mark (in place of a postings count), and its q for a
/// language that lacks the n-gram. Must match `tools/detect-model`.
pub(crate) const DENSE: u8 = 0xFF;

/// An n-gram's postings as the model stores them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Postings {
    /// Pairs of (model language index, q).
    Sparse(&'static [u8]),
    /// One q per model language, in model order; [`DENSE`] where the
    /// language lacks the n-gram.
    Dense(&'static [u8]),
}

impl Postings {
    /// Whether the model lacks the n-gram.
    pub(crate) fn is_empty(self) -> bool {
        matches!(self, Postings::Sparse(p) if p.is_empty())
    }

    /// The (model language index, q) pairs, whatever the layout.
    #[cfg(test)]
    pub(crate) fn pairs(self) -> Vec<(usize, u8)> {
        match self {
            Postings::Sparse(p) => p.chunks(2).map(|p| (usize::from(p[0]), p[1])).collect(),
            Postings::Dense(d) => (0..)
                .zip(d)
                .filter(|&(_, &q)| q != DENSE)
                .map(|(i, &q)| (i, q))
                .collect(),
        }
    }
}

/// FNV-1a, fed byte by byte so that an n-gram's hash extends to the next
/// longer one; [`finish`] mixes it. Must match `tools/detect-model`.
pub(crate) const HASH_START: u64 = 0xcbf2_9ce4_8422_2325;

#[inline]
pub(crate) fn feed(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[inline]
pub(crate) fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

impl Model {
    #[inline]
    fn offset(&self, i: usize) -> usize {
        self.offsets
            .get(4 * i..4 * i + 4)
            .and_then(|b| b.try_into().ok())
            .map_or(0, |b| u32::from_le_bytes(b) as usize)
    }

    /// The postings of the n-gram with finished hash `h` (empty sparse ones
    /// if the model lacks it).
    #[cfg(test)]
    pub(crate) fn postings(&self, h: u64) -> Postings {
        self.postings_in(h, self.bucket(h))
    }

    /// Where the bucket of hash `h` lies in the body (one read of the
    /// offsets: batched lookups issue these first, so that their cache
    /// misses overlap).
    #[inline]
    pub(crate) fn bucket(&self, h: u64) -> (u32, u32) {
        let bucket = (h >> (64 - self.bits)) as usize;
        (self.offset(bucket) as u32, self.offset(bucket + 1) as u32)
    }

    /// The first and the last byte of a bucket, xor'd (0 if empty): reading
    /// them brings the bucket, also one that spans two cache lines, into the
    /// cache before its entries are compared.
    #[inline]
    pub(crate) fn touch(&self, (start, end): (u32, u32)) -> u8 {
        let first = self.body.get(start as usize).copied().unwrap_or(0);
        let last = self
            .body
            .get((end as usize).wrapping_sub(1))
            .copied()
            .unwrap_or(0);
        first ^ last
    }

    /// The postings of hash `h` in its bucket `(start, end)`.
    #[inline]
    pub(crate) fn postings_in(&self, h: u64, (start, end): (u32, u32)) -> Postings {
        let fp = (h & 0xffff) as u16;
        let Some(mut rest) = self.body.get(start as usize..end as usize) else {
            return Postings::Sparse(&[]);
        };
        while let [a, b, n, tail @ ..] = rest {
            let dense = *n == DENSE;
            let len = if dense {
                self.langs.len()
            } else {
                2 * usize::from(*n)
            };
            if u16::from_le_bytes([*a, *b]) == fp {
                let found = tail.get(..len).unwrap_or(&[]);
                return if dense {
                    Postings::Dense(found)
                } else {
                    Postings::Sparse(found)
                };
            }
            rest = tail.get(len..).unwrap_or(&[]);
        }
        Postings::Sparse(&[])
    }

    /// Number of bytes the model adds to the library.
    #[cfg(test)]
    pub(crate) fn size() -> usize {
        BYTES.len()
    }
}

/// The hash of a whole n-gram, for tests.
#[cfg(test)]
pub(crate) fn hash(s: &str) -> u64 {
    finish(feed(HASH_START, s.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_model_parses_and_knows_common_ngrams() {
        let m = model().expect("data/detect/ngram.bin parses");
        assert!(m.langs.len() >= 60, "{} languages", m.langs.len());
        let de = m.codes.iter().position(|&c| c == "de").expect("German");
        let en = m.codes.iter().position(|&c| c == "en").expect("English");
        let langs_of = |g: &str| -> Vec<usize> {
            m.postings(hash(g))
                .pairs()
                .into_iter()
                .map(|p| p.0)
                .collect()
        };
        assert!(langs_of("sch").contains(&de));
        assert!(langs_of("the").contains(&en));
        let q_of = |g: &str, lang: usize| {
            m.postings(hash(g))
                .pairs()
                .into_iter()
                .find(|p| p.0 == lang)
                .map(|p| p.1)
        };
        // ß: common in German, a stray in English.
        assert!(q_of("ß", de).unwrap() + 100 < q_of("ß", en).unwrap_or(255));
        assert!(m.postings(hash("qqxqz")).is_empty());
        assert!(Model::size() < 40 << 20);
    }
}

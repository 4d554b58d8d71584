//! A token's term, worked out once per distinct surface form.
//!
//! News text repeats its words: on the bench corpus a chunk of 1,661
//! documents has about 8 running words for each distinct token. The per-word
//! work of the [`Analyzer`](crate::Analyzer) (word rule, normalization,
//! stopword test, stemming, interning the term) depends only on the token's
//! language, kind and raw text, so a counting pass keeps one of these caches
//! and maps each raw token straight to its term id: one hash lookup of bytes
//! the tokenizer already has, instead of a normalized string, a stopword
//! lookup, a stem and an interned string per token.

use std::hash::Hasher;

use hashbrown::HashTable;
use rustc_hash::FxHasher;

/// The cached answer for a token that is no term (a stopword, too short,
/// stemmed to nothing).
pub(crate) const DROPPED: u32 = u32::MAX;

/// Raw tokens longer than this are not cached: they rarely repeat, and a
/// length fits one byte.
const MAX_KEY_BYTES: usize = u8::MAX as usize;
/// At most this many entries (24 bytes each, ~28 bytes with the table) and
/// this many key bytes: a chunk of pathological input (a 200 MB document of
/// distinct tokens) keeps working uncached once the cache is full, and the
/// frequent tokens, which come early, are in it by then.
const MAX_ENTRIES: usize = 1 << 21;
const MAX_BYTES: usize = 32 << 20;

/// Raw token (with its language slot and token kind) → term id or
/// [`DROPPED`]. A key's first 8 bytes are in its entry, in the table, so a
/// lookup of a token of up to 8 bytes (most words) reads one slot; the
/// bytes past the 8th of longer keys live in one buffer (no allocation per
/// entry).
#[derive(Default)]
pub(crate) struct TermCache {
    tails: Vec<u8>,
    table: HashTable<Entry>,
}

#[derive(Clone, Copy)]
struct Entry {
    /// The key's first 8 bytes, zero-padded (with `len`, the whole key of
    /// up to 8 bytes).
    head: u64,
    /// Where the key's bytes past the 8th start in `tails`.
    tail: u32,
    len: u8,
    kind: u8,
    lang: u16,
    id: u32,
}

impl Entry {
    fn tail<'b>(&self, tails: &'b [u8]) -> &'b [u8] {
        let start = self.tail as usize;
        &tails[start..start + usize::from(self.len).saturating_sub(8)]
    }
}

/// A key's first 8 bytes (zero-padded) and the rest.
#[inline]
fn split(raw: &[u8]) -> (u64, &[u8]) {
    let n = raw.len().min(8);
    let mut head = [0u8; 8];
    head[..n].copy_from_slice(&raw[..n]);
    (u64::from_le_bytes(head), &raw[n..])
}

#[inline]
fn hash(lang: u16, kind: u8, len: u8, head: u64, tail: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write_u64(head);
    h.write_u32(u32::from(lang) << 16 | u32::from(kind) << 8 | u32::from(len));
    if !tail.is_empty() {
        h.write(tail);
    }
    h.finish()
}

impl TermCache {
    /// The id cached for `raw` (a token of `kind` under the rules of language
    /// slot `lang`), or `make`'s answer, remembered while there is room.
    #[inline]
    pub(crate) fn get_or_insert_with(
        &mut self,
        lang: u16,
        kind: u8,
        raw: &str,
        make: impl FnOnce() -> u32,
    ) -> u32 {
        let raw = raw.as_bytes();
        if raw.len() > MAX_KEY_BYTES {
            return make();
        }
        let len = raw.len() as u8;
        let (head, tail) = split(raw);
        let h = hash(lang, kind, len, head, tail);
        let TermCache { tails, table } = self;
        let found = table.find(h, |e| {
            e.head == head
                && e.len == len
                && e.kind == kind
                && e.lang == lang
                && (tail.is_empty() || e.tail(tails) == tail)
        });
        if let Some(e) = found {
            return e.id;
        }
        let id = make();
        if table.len() < MAX_ENTRIES && tails.len() + tail.len() <= MAX_BYTES {
            let entry = Entry {
                head,
                tail: tails.len() as u32,
                len,
                kind,
                lang,
                id,
            };
            tails.extend_from_slice(tail);
            table.insert_unique(h, entry, |e| {
                hash(e.lang, e.kind, e.len, e.head, e.tail(tails))
            });
        }
        id
    }

    /// Forget every entry, keeping the memory for the next chunk.
    pub(crate) fn clear(&mut self) {
        self.tails.clear();
        self.table.clear();
    }

    /// Number of cached tokens.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.table.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_language_kind_and_text() {
        let mut cache = TermCache::default();
        let made = std::cell::Cell::new(0);
        let get = |cache: &mut TermCache, lang, kind, raw: &str, id| {
            cache.get_or_insert_with(lang, kind, raw, || {
                made.set(made.get() + 1);
                id
            })
        };
        assert_eq!(get(&mut cache, 1, 0, "The", 7), 7);
        assert_eq!(get(&mut cache, 1, 0, "The", 9), 7);
        assert_eq!(get(&mut cache, 2, 0, "The", 3), 3);
        assert_eq!(get(&mut cache, 1, 1, "The", DROPPED), DROPPED);
        assert_eq!(get(&mut cache, 1, 1, "The", 5), DROPPED);
        assert_eq!(get(&mut cache, 1, 0, "the", 8), 8);
        let long = "a".repeat(MAX_KEY_BYTES + 1);
        assert_eq!(get(&mut cache, 1, 0, &long, 1), 1);
        assert_eq!(get(&mut cache, 1, 0, &long, 2), 2);
        assert_eq!(made.get(), 6);
        assert_eq!(cache.len(), 4);
    }

    #[test]
    fn keys_compare_whole_past_their_first_eight_bytes() {
        let mut cache = TermCache::default();
        let keys = [
            "ab",
            "ab\0",
            "abcdefgh",
            "abcdefgh\0",
            "abcdefghi",
            "abcdefghj",
            "abcdefghijklmnop",
            "abcdefghijklmnoq",
            "",
        ];
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(
                cache.get_or_insert_with(1, 0, k, || i as u32),
                i as u32,
                "{k:?}"
            );
        }
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(
                cache.get_or_insert_with(1, 0, k, || DROPPED),
                i as u32,
                "{k:?}"
            );
        }
        assert_eq!(cache.len(), keys.len());
    }

    #[test]
    fn survives_growth() {
        let mut cache = TermCache::default();
        // Short keys and keys with a tail, so that growing rehashes both.
        let key = |i: u32| format!("w{i}{}", if i % 3 == 0 { "-longer-key" } else { "" });
        for i in 0..50_000u32 {
            cache.get_or_insert_with(0, 0, &key(i), || i);
        }
        for i in 0..50_000u32 {
            let id = cache.get_or_insert_with(0, 0, &key(i), || DROPPED);
            assert_eq!(id, i);
        }
    }
}

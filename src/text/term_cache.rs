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

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

/// The cached answer for a token that is no term (a stopword, too short,
/// stemmed to nothing).
pub(crate) const DROPPED: u32 = u32::MAX;

/// Raw tokens longer than this are not cached: they rarely repeat, and a
/// length fits one byte.
const MAX_KEY_BYTES: usize = u8::MAX as usize;
/// At most this many entries (12 bytes each, ~16 bytes with the table) and
/// this many key bytes: a chunk of pathological input (a 200 MB document of
/// distinct tokens) keeps working uncached once the cache is full, and the
/// frequent tokens, which come early, are in it by then.
const MAX_ENTRIES: usize = 1 << 21;
const MAX_BYTES: usize = 32 << 20;

/// Raw token (with its language slot and token kind) → term id or
/// [`DROPPED`]. Keys live in one buffer: no allocation per entry.
#[derive(Default)]
pub(crate) struct TermCache {
    bytes: Vec<u8>,
    entries: Vec<Entry>,
    table: HashTable<u32>,
}

#[derive(Clone, Copy)]
struct Entry {
    start: u32,
    len: u8,
    kind: u8,
    lang: u16,
    id: u32,
}

impl Entry {
    fn key<'b>(&self, bytes: &'b [u8]) -> &'b [u8] {
        let start = self.start as usize;
        &bytes[start..start + self.len as usize]
    }
}

#[inline]
fn hash(lang: u16, kind: u8, raw: &[u8]) -> u64 {
    FxBuildHasher.hash_one((lang, kind, raw))
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
        let h = hash(lang, kind, raw);
        let TermCache {
            bytes,
            entries,
            table,
        } = self;
        let found = table.find(h, |&i| {
            let e = &entries[i as usize];
            e.lang == lang && e.kind == kind && e.key(bytes) == raw
        });
        if let Some(&i) = found {
            return entries[i as usize].id;
        }
        let id = make();
        if entries.len() < MAX_ENTRIES && bytes.len() + raw.len() <= MAX_BYTES {
            let i = entries.len() as u32;
            entries.push(Entry {
                start: bytes.len() as u32,
                len: raw.len() as u8,
                kind,
                lang,
                id,
            });
            bytes.extend_from_slice(raw);
            table.insert_unique(h, i, |&i| {
                let e = &entries[i as usize];
                hash(e.lang, e.kind, e.key(bytes))
            });
        }
        id
    }

    /// Forget every entry, keeping the memory for the next chunk.
    pub(crate) fn clear(&mut self) {
        self.bytes.clear();
        self.entries.clear();
        self.table.clear();
    }

    /// Number of cached tokens.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
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
    fn survives_growth() {
        let mut cache = TermCache::default();
        for i in 0..50_000u32 {
            cache.get_or_insert_with(0, 0, &format!("w{i}"), || i);
        }
        for i in 0..50_000u32 {
            let id = cache.get_or_insert_with(0, 0, &format!("w{i}"), || DROPPED);
            assert_eq!(id, i);
        }
    }
}

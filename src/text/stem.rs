//! Snowball stemming with two engines: rust-stemmers ("classic") and
//! frostem ("current"). Every call into rust-stemmers is guarded, since it
//! panics on some Greek words.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

use std::hash::BuildHasher;

use rustc_hash::FxBuildHasher;

use crate::error::{Error, Result};
use crate::text::lang::{Engine, Language, StemAlgorithm};

/// A Snowball stemmer for one language and engine. `Send + Sync`, cheap to copy.
///
/// # Examples
///
/// ```
/// use textlens::{Engine, Stemmer};
///
/// let en = Stemmer::new("en".parse()?, Engine::Classic)?;
/// assert_eq!(en.stem("running"), "run");
/// // rust-stemmers has no Polish; the classic engine falls back to current Snowball.
/// let pl = Stemmer::new("pl".parse()?, Engine::Classic)?;
/// assert_eq!(pl.engine(), Engine::Current);
/// assert!(Stemmer::new("ja".parse()?, Engine::Classic).is_err());
/// # Ok::<(), textlens::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct Stemmer {
    lang: Language,
    inner: Inner,
}

#[derive(Clone, Copy)]
enum Inner {
    Classic(rust_stemmers::Algorithm, frostem::Stemmer),
    Current(frostem::Stemmer),
}

impl std::fmt::Debug for Stemmer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Stemmer({}, {})", self.lang.code(), self.engine().name())
    }
}

impl Stemmer {
    /// The stemmer for `lang` under `engine` (classic falls back to current
    /// where rust-stemmers lacks the language).
    ///
    /// # Errors
    ///
    /// [`Error::Unsupported`] when no Snowball algorithm exists for `lang`.
    pub fn new(lang: Language, engine: Engine) -> Result<Stemmer> {
        let unsupported = || Error::Unsupported {
            lang: lang.code(),
            name: lang.name(),
            what: "Snowball stemmer",
        };
        let inner = match lang.stem_algorithm(engine).ok_or_else(unsupported)? {
            StemAlgorithm::Classic(algo) => {
                // Every classic language also has a current algorithm: the
                // fallback for words rust-stemmers panics on.
                let fallback = lang.current_algorithm().ok_or_else(unsupported)?;
                Inner::Classic(algo, frostem::Stemmer::new(fallback))
            }
            StemAlgorithm::Current(algo) => Inner::Current(frostem::Stemmer::new(algo)),
        };
        Ok(Stemmer { lang, inner })
    }

    /// The language stemmed.
    pub fn lang(&self) -> Language {
        self.lang
    }

    /// The engine that actually runs (after any fallback).
    pub fn engine(&self) -> Engine {
        match self.inner {
            Inner::Classic(..) => Engine::Classic,
            Inner::Current(_) => Engine::Current,
        }
    }

    /// Stem one lowercase word. Never panics: where rust-stemmers 1.2 panics
    /// (some Greek words), the word is stemmed by current Snowball instead,
    /// which fixed that defect.
    ///
    /// A word longer than [`MAX_STEM_CHARS`] characters (a base64 blob, a
    /// run of letters from a scrape) is returned unchanged: Snowball's time
    /// grows with the square of a word's length, and no natural word is that
    /// long.
    ///
    /// # Examples
    ///
    /// ```
    /// use textlens::{Engine, Stemmer, MAX_STEM_CHARS};
    ///
    /// let en = Stemmer::new("en".parse()?, Engine::Current)?;
    /// let blob = "running".repeat(100); // 700 letters
    /// assert!(blob.chars().count() > MAX_STEM_CHARS);
    /// assert_eq!(en.stem(&blob), blob);
    /// # Ok::<(), textlens::Error>(())
    /// ```
    #[inline]
    pub fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        if too_long(word) {
            return Cow::Borrowed(word);
        }
        // Snowball's time grows with the square of a word's length (issue
        // 16 measured 5.5 s for 1 MB, 26 s for 2 MB): counted as such.
        crate::work::step((word.len() as u64).pow(2));
        match self.inner {
            Inner::Current(s) => s.stem(word),
            Inner::Classic(algo, fallback) => {
                guarded(algo, word).unwrap_or_else(|| fallback.stem(word))
            }
        }
    }

    /// Write the stem of `word` into `out` (cleared first), remembering it in
    /// a small per-thread cache: news text repeats its words, and a cache hit
    /// is several times cheaper than running Snowball again. The result
    /// always equals [`Stemmer::stem`].
    ///
    /// # Examples
    ///
    /// ```
    /// use textlens::{Engine, Stemmer};
    ///
    /// let en = Stemmer::new("en".parse()?, Engine::Classic)?;
    /// let mut out = String::new();
    /// en.stem_into("cooperation", &mut out);
    /// assert_eq!(out, "cooper");
    /// # Ok::<(), textlens::Error>(())
    /// ```
    pub fn stem_into(&self, word: &str, out: &mut String) {
        out.clear();
        let hash = FxBuildHasher.hash_one(word);
        let key = self.lang.index() * 2 + self.engine() as usize;
        STEM_CACHE.with_borrow_mut(|cache| {
            if cache.len() <= key {
                cache.resize_with(key + 1, Vec::new);
            }
            let slots = &mut cache[key];
            if slots.is_empty() {
                slots.resize(CACHE_SLOTS, Slot::EMPTY);
            }
            let slot = &mut slots[hash as usize % CACHE_SLOTS];
            if let Some(stem) = slot.stem_of(hash, word) {
                out.push_str(stem);
                return;
            }
            let stem = self.stem(word);
            out.push_str(&stem);
            slot.store(hash, word, &stem);
        });
    }
}

/// The longest word [`Stemmer::stem`] stems, in characters (Lucene's
/// default maximum token length); longer words are kept as they are.
pub const MAX_STEM_CHARS: usize = 255;

/// Whether `word` has more than [`MAX_STEM_CHARS`] characters: no count
/// needed below that many bytes, nor above four times as many.
#[inline]
fn too_long(word: &str) -> bool {
    word.len() > MAX_STEM_CHARS
        && (word.len() > 4 * MAX_STEM_CHARS || word.chars().count() > MAX_STEM_CHARS)
}

/// Slots per (language, engine) and thread: 4096 × 64 bytes = 256 KiB.
const CACHE_SLOTS: usize = 4096;
/// Bytes a slot holds for a word and its stem together; longer pairs are
/// not cached (they rarely repeat).
const SLOT_BYTES: usize = 54;

/// One entry of a direct-mapped cache: the word's hash, then the word and
/// its stem side by side. A fixed memory cost, no allocation, and the most
/// frequent words stay in place because they come back before anything
/// evicts them.
#[derive(Clone, Copy)]
struct Slot {
    hash: u64,
    word_len: u8,
    stem_len: u8,
    bytes: [u8; SLOT_BYTES],
}

impl Slot {
    const EMPTY: Slot = Slot {
        hash: 0,
        word_len: 0,
        stem_len: 0,
        bytes: [0; SLOT_BYTES],
    };

    fn stem_of(&self, hash: u64, word: &str) -> Option<&str> {
        let (w, s) = (self.word_len as usize, self.stem_len as usize);
        if self.hash != hash || w != word.len() || w + s == 0 || &self.bytes[..w] != word.as_bytes()
        {
            return None;
        }
        std::str::from_utf8(&self.bytes[w..w + s]).ok()
    }

    fn store(&mut self, hash: u64, word: &str, stem: &str) {
        let (w, s) = (word.len(), stem.len());
        if w + s > SLOT_BYTES || w == 0 {
            return;
        }
        self.bytes[..w].copy_from_slice(word.as_bytes());
        self.bytes[w..w + s].copy_from_slice(stem.as_bytes());
        (self.hash, self.word_len, self.stem_len) = (hash, w as u8, s as u8);
    }
}

thread_local! {
    /// One slot array per (language, engine), indexed as in `stem_into`.
    static STEM_CACHE: RefCell<Vec<Vec<Slot>>> = const { RefCell::new(Vec::new()) };
    static IN_GUARD: Cell<bool> = const { Cell::new(false) };
}

/// A rust-stemmers call that returns `None` instead of panicking.
fn guarded(algo: rust_stemmers::Algorithm, word: &str) -> Option<Cow<'_, str>> {
    quiet_guarded_panics();
    IN_GUARD.with(|g| g.set(true));
    let stemmer = rust_stemmers::Stemmer::create(algo);
    let out = catch_unwind(AssertUnwindSafe(|| stemmer.stem(word))).ok();
    IN_GUARD.with(|g| g.set(false));
    out
}

/// A panic inside a guarded call is expected and handled: keep the default
/// hook from printing it, and leave every other panic's report untouched.
fn quiet_guarded_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_GUARD.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stemmer(code: &str, engine: Engine) -> Stemmer {
        Stemmer::new(code.parse().unwrap(), engine).unwrap()
    }

    #[test]
    fn greek_panic_in_rust_stemmers_is_contained() {
        let el = stemmer("el", Engine::Classic);
        assert!(guarded(rust_stemmers::Algorithm::Greek, "ισαισα").is_none());
        let current = stemmer("el", Engine::Current);
        assert_eq!(el.stem("ισαισα"), current.stem("ισαισα"));
    }

    #[test]
    fn engines_differ_where_snowball_changed() {
        // Dutch was rewritten in Snowball 3.0.
        let classic = stemmer("nl", Engine::Classic).stem("opgaven").into_owned();
        let current = stemmer("nl", Engine::Current).stem("opgaven").into_owned();
        assert_eq!(classic, "opgav");
        assert_eq!(current, "opgaaf");
    }
}

//! Builds `data/detect/ngram.bin`, textlens's n-gram language model, from
//! lingua's language-model crates (Apache-2.0; downloaded by `cargo fetch`
//! as optional dependencies of this tool and read from the registry cache).
//!
//! Run from this folder: `cargo run --release -- ../../data/detect/ngram.bin`.
//!
//! Only each crate's `models/ngrams.fst` is read (lingua's conditional
//! n-gram log-probabilities, 1 to 5 letters); its `testdata/` is never opened.
//!
//! Format (little endian), read by `src/detect/model.rs`:
//! ```text
//! b"TLNG", version u32, language count u8, codes (2 bytes each),
//! bucket bits u8, bucket offsets ((1 << bits) + 1) × u32,
//! entries: per bucket, per n-gram: fingerprint u16, then either
//!          postings count u8, postings count × (language index u8, q u8)
//!          or (an n-gram known to at least DENSE_FROM languages)
//!          0xFF, language count × q u8 (0xFF: the language lacks it)
//!          q = round(-16 ln p)
//! ```
//! An n-gram's bucket and fingerprint come from `hash()`, identical to the
//! crate's.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use fst::Streamer;

/// lingua crate name → textlens language code. Both Norwegian written
/// standards are kept apart here and answer "no" in textlens.
const LANGS: &[(&str, &str)] = &[
    ("afrikaans", "af"), ("albanian", "sq"), ("arabic", "ar"), ("armenian", "hy"),
    ("azerbaijani", "az"), ("basque", "eu"), ("belarusian", "be"), ("bengali", "bn"),
    ("bokmal", "nb"), ("bulgarian", "bg"), ("catalan", "ca"), ("chinese", "zh"),
    ("croatian", "hr"), ("czech", "cs"), ("danish", "da"), ("dutch", "nl"),
    ("english", "en"), ("esperanto", "eo"), ("estonian", "et"), ("finnish", "fi"),
    ("french", "fr"), ("georgian", "ka"), ("german", "de"), ("greek", "el"),
    ("gujarati", "gu"), ("hebrew", "he"), ("hindi", "hi"), ("hungarian", "hu"),
    ("indonesian", "id"), ("irish", "ga"), ("italian", "it"), ("japanese", "ja"),
    ("kazakh", "kk"), ("korean", "ko"), ("latin", "la"), ("latvian", "lv"),
    ("lithuanian", "lt"), ("macedonian", "mk"), ("malay", "ms"), ("marathi", "mr"),
    ("nynorsk", "nn"), ("persian", "fa"), ("polish", "pl"), ("portuguese", "pt"),
    ("punjabi", "pa"), ("romanian", "ro"), ("russian", "ru"), ("serbian", "sr"),
    ("shona", "sn"), ("slovak", "sk"), ("slovene", "sl"), ("somali", "so"),
    ("sotho", "st"), ("spanish", "es"), ("swahili", "sw"), ("swedish", "sv"),
    ("tagalog", "tl"), ("tamil", "ta"), ("telugu", "te"), ("thai", "th"),
    ("turkish", "tr"), ("ukrainian", "uk"), ("urdu", "ur"), ("vietnamese", "vi"),
    ("welsh", "cy"), ("yoruba", "yo"), ("zulu", "zu"),
];

/// How many n-grams of each length (1..=5) each language keeps: the most
/// frequent ones (by the chain-rule probability of the whole n-gram).
const KEEP: [usize; 5] = [usize::MAX, 4000, 20000, 30000, 30000];

/// Quantization: q = round(-ln p × Q_SCALE), at most 255.
const Q_SCALE: f64 = 16.0;

/// Postings of n-grams known to this many languages or more are written
/// dense, one q per language in model order: their scores add with SIMD
/// instead of one language at a time (the engine's hot loop), for 0.9 MB more
/// model.
const DENSE_FROM: usize = 12;

/// The dense entries' mark, in place of a postings count, and their q for a
/// language that lacks the n-gram (an n-gram that a language has with
/// q = 255 stays sparse, so that 255 always means "absent").
const DENSE: u8 = 0xFF;

/// FNV-1a over the UTF-8 bytes, then murmur3's finalizer. Must match
/// `src/detect/model.rs`.
fn hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    fmix(h)
}

fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

fn model_dirs() -> HashMap<String, PathBuf> {
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["metadata", "--format-version", "1", "--features", "models", "--manifest-path"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "cargo metadata failed");
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata is JSON");
    let mut dirs = HashMap::new();
    for p in meta["packages"].as_array().expect("packages") {
        let name = p["name"].as_str().unwrap_or_default();
        if let Some(lang) = name
            .strip_prefix("lingua-")
            .and_then(|n| n.strip_suffix("-language-model"))
        {
            let manifest = PathBuf::from(p["manifest_path"].as_str().expect("manifest_path"));
            dirs.insert(lang.to_owned(), manifest.parent().expect("crate dir").join("models"));
        }
    }
    dirs
}

fn main() {
    let out_path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../../data/detect/ngram.bin".into());
    let dirs = model_dirs();
    let mut index: HashMap<String, Vec<(u8, u8)>> = HashMap::new();
    for (li, &(crate_name, code)) in LANGS.iter().enumerate() {
        let dir = dirs
            .get(crate_name)
            .unwrap_or_else(|| panic!("lingua-{crate_name}-language-model missing: run `cargo fetch`"));
        let bytes = std::fs::read(dir.join("ngrams.fst")).expect("ngrams.fst");
        let map = fst::Map::new(bytes).expect("an FST");
        let mut cond: HashMap<String, f64> = HashMap::with_capacity(map.len());
        let mut stream = map.stream();
        while let Some((k, v)) = stream.next() {
            let key = String::from_utf8(k.to_vec()).expect("UTF-8 n-gram");
            cond.insert(key, f64::from_bits(v));
        }
        // Chain rule: ln P(abc) = ln P(a) + ln P(b|a) + ln P(c|ab).
        let mut by_len: [Vec<(f64, &str)>; 5] = Default::default();
        for (g, &lp) in &cond {
            let chars: Vec<(usize, char)> = g.char_indices().collect();
            let n = chars.len();
            if n == 0 || n > 5 {
                continue;
            }
            let mut joint = lp;
            let mut ok = true;
            for &(end, _) in &chars[1..] {
                match cond.get(&g[..end]) {
                    Some(p) => joint += p,
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok {
                by_len[n - 1].push((joint, g.as_str()));
            }
        }
        let mut kept = 0;
        for (n, list) in by_len.iter_mut().enumerate() {
            list.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
            for &(_, g) in list.iter().take(KEEP[n]) {
                let q = (-cond[g] * Q_SCALE).round().clamp(0.0, 255.0) as u8;
                index.entry(g.to_owned()).or_default().push((li as u8, q));
                kept += 1;
            }
        }
        eprintln!("{code}: {} n-grams, kept {kept}", cond.len());
    }

    let entries = index.len();
    let postings: usize = index.values().map(Vec::len).sum();
    let bits = (usize::BITS - (entries / 2).max(1).leading_zeros()).clamp(4, 30) as u8;
    let mut buckets: Vec<Vec<(u16, &Vec<(u8, u8)>)>> = vec![Vec::new(); 1 << bits];
    let mut sorted: Vec<(&String, &Vec<(u8, u8)>)> = index.iter().collect();
    sorted.sort();
    let mut clashes = 0;
    for (g, post) in sorted {
        let h = hash(g);
        let b = (h >> (64 - u32::from(bits))) as usize;
        let fp = (h & 0xffff) as u16;
        if buckets[b].iter().any(|e| e.0 == fp) {
            clashes += 1;
            continue;
        }
        buckets[b].push((fp, post));
    }
    let mut out = Vec::new();
    out.extend_from_slice(b"TLNG");
    out.extend_from_slice(&2u32.to_le_bytes());
    out.push(LANGS.len() as u8);
    for &(_, code) in LANGS {
        out.extend_from_slice(code.as_bytes());
    }
    out.push(bits);
    let mut body = Vec::new();
    let mut offsets = Vec::with_capacity(buckets.len() + 1);
    let mut dense = 0;
    for bucket in &buckets {
        offsets.push(body.len() as u32);
        for (fp, post) in bucket {
            body.extend_from_slice(&fp.to_le_bytes());
            if post.len() >= DENSE_FROM && post.iter().all(|&(_, q)| q != DENSE) {
                dense += 1;
                body.push(DENSE);
                let mut qs = vec![DENSE; LANGS.len()];
                for &(l, q) in post.iter() {
                    qs[usize::from(l)] = q;
                }
                body.extend_from_slice(&qs);
                continue;
            }
            body.push(post.len() as u8);
            for &(l, q) in post.iter() {
                body.push(l);
                body.push(q);
            }
        }
    }
    assert!(LANGS.len() < usize::from(DENSE), "a postings count must differ from the mark");
    offsets.push(body.len() as u32);
    for o in offsets {
        out.extend_from_slice(&o.to_le_bytes());
    }
    out.extend_from_slice(&body);
    std::fs::write(&out_path, &out).expect("write the model");
    eprintln!(
        "{entries} n-grams ({dense} dense), {postings} postings, {clashes} fingerprint clashes dropped, {} bytes -> {out_path}",
        out.len()
    );
}

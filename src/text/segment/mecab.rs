//! Japanese by MeCab's method over a compiled MeCab dictionary: the
//! dictionary's words and the unknown-word candidates of each character
//! class form a lattice, and the path of least cost (each word's cost plus
//! the connection cost of each neighbouring pair) gives the words. With
//! UniDic (the `unidic-lite` Python package ships it compiled) these are
//! UniDic's short units, the words of the UD Japanese treebanks.
//!
//! The files read are MeCab's own binary ones, as `mecab-dict-index`
//! writes them (format version 102): `sys.dic` (a Darts double array over
//! the UTF-8 surface forms and a table of 16-byte entries; the feature
//! strings after them are not read), `unk.dic` (the same shape, keyed by
//! character class), `char.bin` (the class of each BMP code point) and
//! `matrix.bin` (the connection costs). The lattice follows MeCab 0.996's
//! `Tokenizer::lookup` and `Viterbi::connect`, ties and all, so the words
//! are MeCab's. Each run of Japanese is read in the sentence around it
//! (line break or stop to stop, digits, Latin letters and punctuation
//! included), as MeCab reads a sentence; the run takes the cuts inside it,
//! and textlens's own rules make the tokens outside.
//!
//! Opt-in ([`set_mecab_dictionary`]): with UniDic the tables take about 90 MiB of
//! memory (the connection matrix alone 71.5 MB), loaded when the dictionary
//! is set and kept until it is unset. At load, the context ids are renumbered
//! so that those the lattice reads most (learnt from a built-in sample,
//! `data/japanese/sample.txt`) lie together at the start of the matrix.

use std::cell::RefCell;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use crate::error::{Error, Result};

/// `mecab-dict-index`'s magic number (xor the file size) and format version.
const MAGIC: u32 = 0xef71_8f77;
const VERSION: u32 = 102;
/// MeCab's default `max-grouping-size`: the longest run of one character
/// class (after its first character) taken as one unknown word.
const MAX_GROUPING: usize = 24;
/// MeCab looks words up in at most 65,535 bytes after a position.
const MAX_KEY: usize = 65_535;
/// Runs longer than this are segmented in pieces of about this size, cut
/// at character boundaries, so that a lattice's memory stays bounded (a
/// lattice holds a few dozen bytes per candidate word). Below `MAX_KEY`
/// (by more than a character), so a piece is always looked up whole.
const MAX_RUN: usize = 1 << 15;
const _: () = assert!(MAX_RUN + 4 <= MAX_KEY);
/// How far before and after a run the sentence around it is looked for
/// (bytes): past that, the run's own edge is the sentence's.
const CONTEXT: usize = 1 << 10;
/// Japanese text the lattice reads once at load, to learn which context ids
/// it reads most (see [`Mecab::renumber`]).
const SAMPLE: &str = include_str!("../../../data/japanese/sample.txt");

/// One cell of the double array (Darts 0.32 as MeCab uses it).
#[derive(Clone, Copy)]
struct Unit {
    base: i32,
    check: u32,
}

/// What the lattice needs of a dictionary entry: its left and right
/// context ids and its cost (MeCab's `lcAttr`, `rcAttr`, `wcost`).
#[derive(Clone, Copy, Debug)]
struct Entry {
    left: u16,
    right: u16,
    cost: i16,
}

/// A compiled dictionary: surface forms in a double array, each leading to
/// a slice of entries.
struct Lexicon {
    units: Vec<Unit>,
    entries: Vec<Entry>,
}

/// A character class's bits (MeCab's `CharInfo`): the classes it belongs
/// to (18 bits), its default class, how many characters of it an unknown
/// word may take one by one, whether a run of it is also one unknown
/// word, and whether unknown words are made even where the dictionary has
/// a word.
#[derive(Clone, Copy)]
struct CharInfo(u32);

impl CharInfo {
    fn is_kind_of(self, other: CharInfo) -> bool {
        self.0 & other.0 & 0x3_FFFF != 0
    }
    fn default_class(self) -> usize {
        ((self.0 >> 18) & 0xFF) as usize
    }
    fn length(self) -> usize {
        ((self.0 >> 26) & 0xF) as usize
    }
    fn group(self) -> bool {
        (self.0 >> 30) & 1 == 1
    }
    fn invoke(self) -> bool {
        self.0 >> 31 == 1
    }
}

/// A MeCab dictionary loaded for segmentation.
pub(crate) struct Mecab {
    dir: PathBuf,
    /// This load's number (the words [`Sentences`] keeps are this load's).
    id: u64,
    sys: Lexicon,
    unk: Lexicon,
    /// Per character class (the order of `char.bin`), its unknown-word
    /// entries in `unk`.
    unk_entries: Vec<(usize, usize)>,
    /// The class of each code point below U+FFFF.
    chars: Vec<CharInfo>,
    /// Connection costs, `matrix[left_node.right + lsize * right_node.left]`,
    /// the context ids renumbered by [`Mecab::renumber`].
    matrix: Vec<i16>,
    lsize: usize,
    /// The beginning and end of a sentence: context id 0 of the dictionary,
    /// renumbered.
    bos: Entry,
}

fn broken(path: &Path, what: impl Into<String>) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source: io::Error::new(
            io::ErrorKind::InvalidData,
            format!("not a MeCab dictionary file: {}", what.into()),
        ),
    }
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

fn u16_at(b: &[u8], i: usize) -> u16 {
    u16::from_le_bytes([b[i], b[i + 1]])
}

/// Read `n` bytes from `r` in pieces, handing each to `each` (so that a
/// large table is never held twice).
fn read_chunks(
    r: &mut impl Read,
    mut n: usize,
    unit: usize,
    mut each: impl FnMut(&[u8]),
) -> io::Result<()> {
    let mut buf = vec![0u8; (1 << 16) / unit * unit];
    while n > 0 {
        let k = n.min(buf.len());
        r.read_exact(&mut buf[..k])?;
        each(&buf[..k]);
        n -= k;
    }
    Ok(())
}

/// `path` opened, its size, and its first `N` bytes read.
fn open_with_header<const N: usize>(path: &Path) -> Result<(BufReader<File>, u64, [u8; N])> {
    let err = Error::io(path);
    let file = File::open(path).map_err(err)?;
    let size = file.metadata().map_err(err)?.len();
    let mut r = BufReader::new(file);
    let mut head = [0u8; N];
    r.read_exact(&mut head)
        .map_err(|_| broken(path, "shorter than its header"))?;
    Ok((r, size, head))
}

/// `matrix.bin`: the connection costs of a dictionary with `lsize` right
/// ids and `rsize` left ids (two u16 sizes, then `lsize * rsize` i16).
fn read_matrix(path: &Path, lsize: usize, rsize: usize) -> Result<Vec<i16>> {
    let (mut r, size, head) = open_with_header::<4>(path)?;
    let (ml, mr) = (u16_at(&head, 0) as usize, u16_at(&head, 2) as usize);
    if (ml, mr) != (lsize, rsize) || size != 4 + 2 * (ml * mr) as u64 {
        return Err(broken(
            path,
            format!("a {ml}x{mr} matrix of {size} bytes for a {lsize}x{rsize} dictionary"),
        ));
    }
    let mut matrix = Vec::with_capacity(ml * mr);
    read_chunks(&mut r, 2 * ml * mr, 2, |b| {
        matrix.extend(b.chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]])))
    })
    .map_err(Error::io(path))?;
    Ok(matrix)
}

/// `char.bin`: the class names (32 bytes each) and the class of each code
/// point below U+FFFF.
fn read_char_classes(path: &Path) -> Result<(Vec<CharInfo>, Vec<Vec<u8>>)> {
    let bytes = std::fs::read(path).map_err(Error::io(path))?;
    let count = if bytes.len() >= 4 {
        u32_at(&bytes, 0) as usize
    } else {
        0
    };
    let map_at = count.saturating_mul(32).saturating_add(4);
    if count == 0 || bytes.len() != map_at.saturating_add(4 * 0xFFFF) {
        return Err(broken(path, "wrong size for a character map"));
    }
    let names = bytes[4..map_at]
        .chunks_exact(32)
        .map(|n| n.split(|&b| b == 0).next().unwrap_or_default().to_vec())
        .collect();
    let chars: Vec<CharInfo> = bytes[map_at..]
        .chunks_exact(4)
        .map(|c| CharInfo(u32_at(c, 0)))
        .collect();
    if chars.iter().any(|c| c.default_class() >= count) {
        return Err(broken(path, "a character of an undefined class"));
    }
    Ok((chars, names))
}

impl Lexicon {
    /// Read the double array and the entries of a `sys.dic` or `unk.dic`
    /// (not the feature strings after them). Returns the lexicon and the
    /// left and right id counts the file was built for.
    fn read(path: &Path) -> Result<(Lexicon, usize, usize)> {
        let (mut r, size, head) = open_with_header::<72>(path)?;
        let err = Error::io(path);
        let word = |i: usize| u32_at(&head, 4 * i);
        if u64::from(word(0) ^ MAGIC) != size {
            return Err(broken(path, "wrong magic number or truncated"));
        }
        if word(1) != VERSION {
            return Err(broken(
                path,
                format!("format version {} (MeCab 0.996 writes {VERSION})", word(1)),
            ));
        }
        let charset = head[40..72].split(|&b| b == 0).next().unwrap_or_default();
        if !charset.eq_ignore_ascii_case(b"utf8") && !charset.eq_ignore_ascii_case(b"utf-8") {
            return Err(broken(
                path,
                format!(
                    "charset {:?}; only UTF-8 dictionaries are read",
                    String::from_utf8_lossy(charset)
                ),
            ));
        }
        let (lsize, rsize) = (word(4) as usize, word(5) as usize);
        let (dsize, tsize) = (word(6) as usize, word(7) as usize);
        if dsize % 8 != 0 || tsize % 16 != 0 || 72 + dsize as u64 + tsize as u64 > size {
            return Err(broken(path, "table sizes do not fit the file"));
        }
        let mut units = Vec::with_capacity(dsize / 8);
        read_chunks(&mut r, dsize, 8, |b| {
            units.extend(b.chunks_exact(8).map(|u| Unit {
                base: u32_at(u, 0) as i32,
                check: u32_at(u, 4),
            }))
        })
        .map_err(err)?;
        let mut entries = Vec::with_capacity(tsize / 16);
        read_chunks(&mut r, tsize, 16, |b| {
            entries.extend(b.chunks_exact(16).map(|t| Entry {
                left: u16_at(t, 0),
                right: u16_at(t, 2),
                cost: u16_at(t, 6) as i16,
            }))
        })
        .map_err(err)?;
        let lexicon = Lexicon { units, entries };
        lexicon.check(path, lsize, rsize)?;
        Ok((lexicon, lsize, rsize))
    }

    /// Every entry's ids are inside the matrix and every value of the
    /// double array points inside the entries, so that look-ups cannot go
    /// out of bounds later.
    fn check(&self, path: &Path, lsize: usize, rsize: usize) -> Result<()> {
        if self.units.is_empty() {
            return Err(broken(path, "empty double array"));
        }
        if let Some(e) = self
            .entries
            .iter()
            .find(|e| e.left as usize >= rsize || e.right as usize >= lsize)
        {
            return Err(broken(path, format!("entry ids {e:?} outside the matrix")));
        }
        for u in &self.units {
            if u.base < 0 {
                let (from, n) = Self::span(u.base);
                if from + n > self.entries.len() {
                    return Err(broken(path, "a word points past the entries"));
                }
            }
        }
        Ok(())
    }

    /// The entries a terminal value stands for: MeCab stores the first
    /// entry's index times 256 plus their count.
    fn span(base: i32) -> (usize, usize) {
        let value = (-(base as i64) - 1) as u64;
        ((value >> 8) as usize, (value & 0xFF) as usize)
    }

    /// The terminal value of `n` entries from `from`: [`Lexicon::span`]'s
    /// inverse.
    fn base_of(from: usize, n: usize) -> i32 {
        let value = ((from as u64) << 8 | n as u64) as i64;
        (-value - 1) as i32
    }

    fn unit(&self, p: usize) -> Unit {
        self.units.get(p).copied().unwrap_or(Unit {
            base: 0,
            check: u32::MAX,
        })
    }

    /// The terminal value at node `b`, if a word ends there.
    fn terminal(&self, b: i32) -> Option<(usize, usize)> {
        let u = self.unit(b as u32 as usize);
        (u.check == b as u32 && u.base < 0).then(|| Self::span(u.base))
    }

    /// The node after `b` on byte `c`, if the array has one.
    fn step(&self, b: i32, c: u8) -> Option<i32> {
        let u = self.unit((b as u32 as usize).wrapping_add(c as usize + 1));
        (u.check == b as u32).then_some(u.base)
    }

    /// Each word that `key` starts with: `f(its length in bytes, entries)`,
    /// shortest first (Darts' `commonPrefixSearch`).
    fn prefixes(&self, key: &[u8], mut f: impl FnMut(usize, &[Entry])) {
        let mut b = self.units[0].base;
        for (i, &c) in key.iter().enumerate() {
            // Surface forms are UTF-8: none ends before a continuation byte.
            if !is_continuation(c) {
                if let Some((from, n)) = self.terminal(b) {
                    f(i, &self.entries[from..from + n]);
                }
            }
            match self.step(b, c) {
                Some(next) => b = next,
                None => return,
            }
        }
        if let Some((from, n)) = self.terminal(b) {
            f(key.len(), &self.entries[from..from + n]);
        }
    }

    /// Drop the entries no cheapest path takes: of the entries of one
    /// surface form with the same context ids, all but the first of the
    /// cheapest. Such entries (one word's readings and parts of speech that
    /// MeCab tells apart by their features, which segmentation never reads)
    /// make nodes with the same place and the same predecessor, so the kept
    /// one costs no more and wins every tie (MeCab prefers the word made
    /// first in a surface form's list). Returns how many were dropped.
    fn drop_unreachable(&mut self) -> usize {
        let mut dropped = 0;
        for p in 0..self.units.len() {
            // A word ends at the node whose base is `p`.
            let Some((from, n)) = self.terminal(p as i32) else {
                continue;
            };
            let entries = &mut self.entries[from..from + n];
            let cheapest = |e: &Entry, all: &[Entry]| {
                !all.iter()
                    .any(|o| (o.left, o.right) == (e.left, e.right) && o.cost < e.cost)
            };
            let mut kept = 0;
            for i in 0..n {
                let e = entries[i];
                let first = !entries[..kept]
                    .iter()
                    .any(|o| (o.left, o.right) == (e.left, e.right));
                if first && cheapest(&e, &entries[i..]) {
                    entries[kept] = e;
                    kept += 1;
                }
            }
            if kept < n {
                dropped += n - kept;
                self.units[p].base = Self::base_of(from, kept);
            }
        }
        dropped
    }

    /// The entries of exactly `key`.
    fn exact(&self, key: &[u8]) -> Option<(usize, usize)> {
        let b = key
            .iter()
            .try_fold(self.units[0].base, |b, &c| self.step(b, c))?;
        self.terminal(b)
    }
}

/// One candidate word in the lattice.
#[derive(Clone, Copy)]
struct Node {
    /// Byte offsets of the word (after any skipped space) in the run.
    start: u32,
    end: u32,
    entry: Entry,
    /// Least cost of a path from the start to the end of this word.
    total: i64,
    /// The node before it on that path, and the next node ending where
    /// this one ends (MeCab's `prev` and `enext`).
    prev: u32,
    next_ending: u32,
}

const NONE: u32 = u32::MAX;
/// Bits of a candidate's index in [`Mecab::cheapest`]'s keys, the rest
/// holding a path's total. At most 255 dictionary and 255 unknown-word
/// entries end at one place per look-up position of a piece, and a path
/// has at most one word per position, each costing at most 2^16 with its
/// connection: both fit.
const INDEX_BITS: u32 = 25;
const INDEX_MASK: i64 = (1 << INDEX_BITS) - 1;
const _: () = assert!((MAX_RUN + 4) * 510 < 1 << INDEX_BITS);
const _: () = assert!(((MAX_RUN + 4) as i64) << 16 < 1 << (62 - INDEX_BITS));

/// Into `lefts`, the words ending where `first` (a head of the lattice's
/// `ending` lists) does, in MeCab's order (last made first): each word's
/// right context id, path total and node.
fn ending_at(nodes: &[Node], first: u32, lefts: &mut Vec<(usize, i64, u32)>) {
    lefts.clear();
    let mut l = first;
    while l != NONE {
        let left = &nodes[l as usize];
        lefts.push((left.entry.right as usize, left.total, l));
        l = left.next_ending;
    }
}

/// Where the lattice reads the connection matrix: a no-op for segmenting,
/// [`Reads`] to count the reads (see [`Mecab::renumber`]).
trait ReadLog {
    fn read(&mut self, row: u16, lefts: &[(usize, i64, u32)]);
}

impl ReadLog for () {
    #[inline(always)]
    fn read(&mut self, _: u16, _: &[(usize, i64, u32)]) {}
}

/// How often each row (left id) and column (right id) of the matrix is read.
struct Reads {
    rows: Vec<u32>,
    columns: Vec<u32>,
}

impl ReadLog for Reads {
    fn read(&mut self, row: u16, lefts: &[(usize, i64, u32)]) {
        let n = lefts.len() as u32;
        self.rows[usize::from(row)] = self.rows[usize::from(row)].saturating_add(n);
        for &(column, ..) in lefts {
            self.columns[column] = self.columns[column].saturating_add(1);
        }
    }
}

/// The new number of each id: ids by `reads`, most first, ties in their
/// old order.
fn most_read_first(reads: &[u32]) -> Vec<u16> {
    let mut order: Vec<usize> = (0..reads.len()).collect();
    order.sort_by_key(|&id| std::cmp::Reverse(reads[id]));
    let mut new = vec![0u16; reads.len()];
    for (number, id) in order.into_iter().enumerate() {
        // Ids are u16: there are at most 65,536 of them.
        new[id] = number as u16;
    }
    new
}

/// Move `matrix[row * width + column]` to `matrix[rows[row] * width +
/// columns[column]]`, in place (a copy of the matrix would double the
/// load's peak memory): each row through a scratch row, then the rows
/// along the permutation's cycles.
fn permute(matrix: &mut [i16], width: usize, rows: &[u16], columns: &[u16]) {
    let mut scratch = vec![0i16; width];
    for row in matrix.chunks_exact_mut(width) {
        scratch.copy_from_slice(row);
        for (column, &cost) in scratch.iter().enumerate() {
            row[usize::from(columns[column])] = cost;
        }
    }
    let mut placed = vec![false; rows.len()];
    for start in 0..rows.len() {
        if placed[start] {
            continue;
        }
        // `scratch` carries the row that is to go to `to`.
        scratch.copy_from_slice(&matrix[start * width..][..width]);
        let mut to = usize::from(rows[start]);
        while !placed[to] {
            placed[to] = true;
            matrix[to * width..][..width].swap_with_slice(&mut scratch);
            to = usize::from(rows[to]);
        }
    }
}

/// A thread's lattice buffers, kept between runs.
#[derive(Default)]
struct Lattice {
    nodes: Vec<Node>,
    ending: Vec<u32>,
    fresh: Vec<(u32, u32, Entry)>,
    lefts: Vec<(usize, i64, u32)>,
}

impl Mecab {
    /// Load the dictionary in `dir` (`sys.dic`, `unk.dic`, `char.bin`,
    /// `matrix.bin`), its context ids renumbered for speed.
    pub(crate) fn open(dir: &Path) -> Result<Mecab> {
        let mut mecab = Mecab::open_as_stored(dir)?;
        mecab.sys.drop_unreachable();
        let reads = mecab.reads(SAMPLE);
        mecab.renumber(&reads);
        Ok(mecab)
    }

    /// [`Mecab::open`] with the context ids as the files number them.
    fn open_as_stored(dir: &Path) -> Result<Mecab> {
        let (sys, lsize, rsize) = Lexicon::read(&dir.join("sys.dic"))?;
        let unk_path = dir.join("unk.dic");
        let (unk, ..) = Lexicon::read(&unk_path)?;
        unk.check(&unk_path, lsize, rsize)?;
        let matrix = read_matrix(&dir.join("matrix.bin"), lsize, rsize)?;
        let (chars, classes) = read_char_classes(&dir.join("char.bin"))?;
        let unk_entries = classes
            .iter()
            .map(|name| {
                unk.exact(name).ok_or_else(|| {
                    broken(
                        &unk_path,
                        format!(
                            "no unknown-word entry for class {}",
                            String::from_utf8_lossy(name)
                        ),
                    )
                })
            })
            .collect::<Result<Vec<_>>>()?;
        static LOADS: AtomicU64 = AtomicU64::new(0);
        Ok(Mecab {
            dir: dir.to_path_buf(),
            id: LOADS.fetch_add(1, Ordering::Relaxed),
            sys,
            unk,
            unk_entries,
            chars,
            matrix,
            lsize,
            bos: Entry {
                left: 0,
                right: 0,
                cost: 0,
            },
        })
    }

    /// How often the lattice reads each row and column of the matrix while
    /// segmenting `sample`, line by line.
    fn reads(&self, sample: &str) -> Reads {
        let mut reads = Reads {
            rows: vec![0; self.matrix.len() / self.lsize],
            columns: vec![0; self.lsize],
        };
        let (mut lattice, mut bounds) = (Lattice::default(), Vec::new());
        for line in sample.lines() {
            bounds.clear();
            self.viterbi(line, 0, &mut lattice, &mut bounds, &mut reads);
        }
        reads
    }

    /// Renumber the context ids, most read first (by `reads`, ties in the
    /// dictionary's order), in the entries and the matrix. The words do not
    /// change, only where the costs lie: a dictionary's few hundred common
    /// contexts (of UniDic's 5,981, 190 take 90 % of the reads on news)
    /// then share the first cache lines of each row and the first rows,
    /// instead of being spread over all 71.5 MB (vibrato's trick; the
    /// lattice spends most of its time waiting for those loads).
    fn renumber(&mut self, reads: &Reads) {
        let rows = most_read_first(&reads.rows);
        let columns = most_read_first(&reads.columns);
        for entry in self.sys.entries.iter_mut().chain(&mut self.unk.entries) {
            entry.left = rows[entry.left as usize];
            entry.right = columns[entry.right as usize];
        }
        self.bos.left = rows[usize::from(self.bos.left)];
        self.bos.right = columns[usize::from(self.bos.right)];
        permute(&mut self.matrix, self.lsize, &rows, &columns);
    }

    /// The class of the character at the start of `s` and its length in
    /// bytes (MeCab reads code points above U+FFFF as U+0000).
    fn char_info(&self, s: &str) -> (CharInfo, usize) {
        let c = s.chars().next().unwrap_or('\0');
        let code = if (c as u32) < 0xFFFF { c as usize } else { 0 };
        (self.chars[code], c.len_utf8())
    }

    /// From `from`, skip the characters that chain by class from `c`
    /// (MeCab's `seekToOtherType`): returns where the chain stops, the
    /// class and length of the character there (of the last one read at
    /// the end), and how many characters were skipped (at most `limit`).
    fn seek_other(
        &self,
        run: &str,
        from: usize,
        end: usize,
        mut c: CharInfo,
        limit: usize,
    ) -> (usize, CharInfo, usize, usize) {
        let (mut p, mut count) = (from, 0);
        let (mut fail, mut len) = (c, 0);
        while p < end && count < limit {
            (fail, len) = self.char_info(&run[p..end]);
            if !c.is_kind_of(fail) {
                break;
            }
            p += len;
            count += 1;
            c = fail;
        }
        (p, fail, len, count)
    }

    /// The candidate words that start at `pos` (after any spaces), in the
    /// order MeCab makes them: `(start, end, entry)`.
    fn lookup(&self, run: &str, pos: usize, out: &mut Vec<(u32, u32, Entry)>) {
        // Pieces are shorter than MeCab's look-up limit: the key is the rest.
        let end = run.len();
        let space = self.chars[b' ' as usize];
        let (begin2, cinfo, mblen, _) = self.seek_other(run, pos, end, space, usize::MAX);
        let made = out.len();
        let unknown = |out: &mut Vec<(u32, u32, Entry)>, to: usize| {
            let (from, n) = self.unk_entries[cinfo.default_class()];
            for &e in &self.unk.entries[from..from + n] {
                out.push((begin2 as u32, to as u32, e));
            }
        };
        if begin2 >= end {
            // Only spaces were left: one unknown word over them.
            unknown(out, end);
            return;
        }
        self.sys
            .prefixes(&run.as_bytes()[begin2..end], |len, entries| {
                for &e in entries {
                    out.push((begin2 as u32, (begin2 + len) as u32, e));
                }
            });
        if out.len() > made && !cinfo.invoke() {
            return;
        }
        let mut begin3 = begin2 + mblen;
        let mut group_end = None;
        if cinfo.group() {
            // MeCab reads the whole run of the class; past the longest
            // group it only needs to know that it is longer (and the loop
            // below never reaches that far): linear time on a long run.
            let (g, _, _, count) = self.seek_other(run, begin3, end, cinfo, MAX_GROUPING + 1);
            if count <= MAX_GROUPING {
                unknown(out, g);
            }
            group_end = Some(g);
        }
        for _ in 1..=cinfo.length() {
            if begin3 > end {
                break;
            }
            if Some(begin3) == group_end {
                continue;
            }
            unknown(out, begin3);
            if begin3 == end {
                break;
            }
            let (next, len) = self.char_info(&run[begin3..end]);
            if !cinfo.is_kind_of(next) {
                break;
            }
            begin3 += len;
        }
        if out.len() == made {
            unknown(out, begin3);
        }
    }

    /// The first of the cheapest paths from `lefts` (see [`ending_at`]) to
    /// `entry`: the node and its total before `entry`'s own cost.
    fn cheapest(
        &self,
        lefts: &[(usize, i64, u32)],
        entry: Entry,
        log: &mut impl ReadLog,
    ) -> (u32, i64) {
        log.read(entry.left, lefts);
        let row = &self.matrix[self.lsize * entry.left as usize..][..self.lsize];
        // The total and the candidate's index in one key, so that the least
        // key is the first of the cheapest and the loop has no branch to
        // mispredict (a tenth of the lattice's time).
        let key = lefts
            .iter()
            .enumerate()
            .map(|(i, &(right, total, _))| (total + i64::from(row[right])) << INDEX_BITS | i as i64)
            .min();
        key.map_or((NONE, i64::MAX), |k| {
            (lefts[(k & INDEX_MASK) as usize].2, k >> INDEX_BITS)
        })
    }

    /// The ends of the words of `text[start..end]`, a run of Japanese, as
    /// MeCab reads them in the sentence around the run (so that, as for
    /// MeCab, `年代` after `1990` is `年`, `代`): offsets from `start`,
    /// ascending, the last one `end - start`. Where a word of the sentence
    /// crosses an edge of the run, the run's edge is the bound.
    pub(crate) fn run_word_ends(
        &self,
        text: &str,
        start: usize,
        end: usize,
        sentences: &mut Sentences,
        bounds: &mut Vec<usize>,
    ) {
        let (from, to) = sentences.around(text, start, end);
        // The runs of one sentence come in turn: it is segmented once.
        if sentences.kept != Some((self.id, from, to)) {
            sentences.ends.clear();
            self.word_ends(&text[from..to], &mut sentences.ends);
            sentences.kept = Some((self.id, from, to));
        }
        let ends = &sentences.ends;
        let (lo, hi) = (start - from, end - from);
        let inside = ends.partition_point(|&e| e <= lo)..ends.partition_point(|&e| e < hi);
        bounds.extend(ends[inside].iter().map(|e| e - lo));
        bounds.push(end - start);
    }

    /// The ends of the words of `run` (byte offsets, ascending, the last
    /// one `run.len()`), pushed onto `bounds`.
    pub(crate) fn word_ends(&self, run: &str, bounds: &mut Vec<usize>) {
        thread_local! {
            static LATTICE: RefCell<Lattice> = RefCell::new(Lattice::default());
        }
        let mut from = 0;
        while from < run.len() {
            let mut to = (from + MAX_RUN).min(run.len());
            while !run.is_char_boundary(to) {
                to += 1;
            }
            let piece = &run[from..to];
            // A nested call (none is expected) gets buffers of its own.
            let mut own = Lattice::default();
            LATTICE.with(|l| match l.try_borrow_mut() {
                Ok(mut l) => self.viterbi(piece, from, &mut l, bounds, &mut ()),
                Err(_) => self.viterbi(piece, from, &mut own, bounds, &mut ()),
            });
            from = to;
        }
    }

    fn viterbi(
        &self,
        run: &str,
        offset: usize,
        l: &mut Lattice,
        bounds: &mut Vec<usize>,
        log: &mut impl ReadLog,
    ) {
        let Lattice {
            nodes,
            ending,
            fresh,
            lefts,
        } = l;
        nodes.clear();
        ending.clear();
        ending.resize(run.len() + 1, NONE);
        let bos = self.bos;
        nodes.push(Node {
            start: 0,
            end: 0,
            entry: bos,
            total: 0,
            prev: NONE,
            next_ending: NONE,
        });
        ending[0] = 0;
        for pos in 0..run.len() {
            if ending[pos] == NONE {
                continue;
            }
            fresh.clear();
            self.lookup(run, pos, fresh);
            ending_at(nodes, ending[pos], lefts);
            // MeCab links the candidates last made first, and connects
            // them in that order.
            for &(start, end, entry) in fresh.iter().rev() {
                let (best, best_total) = self.cheapest(lefts, entry, log);
                let id = nodes.len() as u32;
                nodes.push(Node {
                    start,
                    end,
                    entry,
                    total: best_total + i64::from(entry.cost),
                    prev: best,
                    next_ending: ending[end as usize],
                });
                ending[end as usize] = id;
            }
        }
        // The end of the sentence: context id 0, no cost of its own.
        ending_at(nodes, ending[run.len()], lefts);
        let (mut best, _) = self.cheapest(lefts, bos, log);
        let first = bounds.len();
        while best != NONE && best != 0 {
            let n = &nodes[best as usize];
            bounds.push(offset + n.end as usize);
            if n.start != n.end && n.start > 0 && nodes[n.prev as usize].end != n.start {
                // Spaces skipped before the word: its start is a bound too.
                bounds.push(offset + n.start as usize);
            }
            best = n.prev;
        }
        bounds[first..].reverse();
    }
}

/// The length of the sentence end that `bytes` ends with (the context read
/// around a run stops there): a line break, or a full stop, exclamation or
/// question mark (`!?。．！？`; not `.`, which decimals and abbreviations
/// hold).
fn sentence_end_before(bytes: &[u8]) -> Option<usize> {
    match bytes {
        [.., b'\n' | b'\r' | b'!' | b'?'] => Some(1),
        [.., 0xE3, 0x80, 0x82] | [.., 0xEF, 0xBC, 0x8E | 0x81 | 0x9F] => Some(3),
        _ => None,
    }
}

/// A sentence end in the text: its byte range, and whether it is a line
/// break (not part of the sentence before it) rather than a stop.
#[derive(Clone, Copy)]
struct Stop {
    start: usize,
    end: usize,
    line: bool,
}

/// The sentence ends of one text, found as its runs come (in order), and
/// the sentence last segmented. Each byte is looked at once, however many
/// runs there are: looking around each run instead cost 20 times the
/// lattice on text alternating one kana and one digit.
#[derive(Default)]
pub(crate) struct Sentences {
    stops: Vec<Stop>,
    /// Stops ending before `scanned` are in `stops` (those in reach of the
    /// runs asked for).
    scanned: usize,
    /// The sentence last segmented (the dictionary load, its range) and
    /// its word ends, from its start.
    kept: Option<(u64, usize, usize)>,
    ends: Vec<usize>,
}

impl Sentences {
    /// The sentence around `text[start..end]` (a run after the runs asked
    /// for before): from after the last sentence end before the run to the
    /// first one after it (a stop kept, a line break not), each looked for
    /// at most [`CONTEXT`] bytes away; where none is found that near (and
    /// the text goes on), the run's edge.
    fn around(&mut self, text: &str, start: usize, end: usize) -> (usize, usize) {
        let bytes = text.as_bytes();
        let lo = start.saturating_sub(CONTEXT);
        let hi = (end + CONTEXT).min(text.len());
        // Stops that start before `lo` serve no later run (their `lo` is
        // at least this one): dropped once they are half the list, so that
        // the list holds about a window's stops however long the text.
        let gone = self.stops.partition_point(|s| s.start < lo);
        if gone > self.stops.len() / 2 {
            self.stops.drain(..gone);
        }
        for i in self.scanned.max(lo)..hi {
            if let Some(n) = sentence_end_before(&bytes[..=i]) {
                self.stops.push(Stop {
                    start: i + 1 - n,
                    end: i + 1,
                    line: matches!(bytes[i], b'\n' | b'\r'),
                });
            }
        }
        self.scanned = self.scanned.max(hi);
        let stops = &self.stops;
        let from = match stops.partition_point(|s| s.end <= start).checked_sub(1) {
            Some(k) if stops[k].start >= lo => stops[k].end,
            _ if lo == 0 => 0,
            _ => start,
        };
        let to = match stops.get(stops.partition_point(|s| s.start < end)) {
            Some(s) if s.end <= hi => {
                if s.line {
                    s.start
                } else {
                    s.end
                }
            }
            _ if hi == text.len() => hi,
            _ => end,
        };
        (from, to)
    }
}

/// The dictionary set by [`set_mecab_dictionary`], if any, and whether
/// there is one (read first, so that the usual case takes no lock).
static ACTIVE: RwLock<Option<Arc<Mecab>>> = RwLock::new(None);
static IS_SET: AtomicBool = AtomicBool::new(false);

/// The MeCab dictionary Japanese is segmented with, if one is set.
pub(crate) fn active() -> Option<Arc<Mecab>> {
    if !IS_SET.load(Ordering::Acquire) {
        return None;
    }
    ACTIVE.read().ok().and_then(|a| a.clone())
}

/// Segment Japanese with a compiled MeCab dictionary (UniDic gives the
/// short units of the UD Japanese treebanks), or, with `None`, with ICU4X's
/// dictionary and textlens's rules again (the default).
///
/// `dir` holds MeCab's binary files `sys.dic`, `unk.dic`, `char.bin` and
/// `matrix.bin` in UTF-8, as `mecab-dict-index` writes them; the
/// `unidic-lite` Python package ships UniDic so (`unidic_lite.DICDIR`).
/// The tables are read at once (with UniDic about 90 MiB of memory, ~0.1 s) and
/// held until the dictionary is unset or replaced; the setting is the
/// process's, for every analyzer and thread. Chinese text (Han without
/// kana) is not affected.
///
/// # Errors
///
/// [`Error::Io`] naming the file that is missing, unreadable or not a
/// MeCab dictionary of this format.
///
/// # Examples
///
/// ```
/// // Without a dictionary directory the call fails and changes nothing.
/// let err = textlens::set_mecab_dictionary(Some("no/such/dir".as_ref())).unwrap_err();
/// assert!(err.to_string().contains("sys.dic"));
/// textlens::set_mecab_dictionary(None)?;
/// # Ok::<(), textlens::Error>(())
/// ```
pub fn set_mecab_dictionary(dir: Option<&Path>) -> Result<()> {
    let loaded = match dir {
        Some(dir) => {
            if let Some(current) = active().filter(|m| m.dir == dir) {
                Some(current)
            } else {
                Some(Arc::new(Mecab::open(dir)?))
            }
        }
        None => None,
    };
    let mut active = ACTIVE
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    // Under the lock, so that two callers cannot leave the flag and the
    // dictionary disagreeing.
    IS_SET.store(loaded.is_some(), Ordering::Release);
    *active = loaded;
    Ok(())
}

/// The directory of the MeCab dictionary set by [`set_mecab_dictionary`].
pub fn mecab_dictionary() -> Option<PathBuf> {
    active().map(|m| m.dir.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permuting_moves_each_cost_to_its_new_row_and_column() {
        // 3 rows (left ids) of 4 columns (right ids); a cycle of three rows.
        let (width, rows, columns) = (4, [2u16, 0, 1], [3u16, 1, 0, 2]);
        let old: Vec<i16> = (0..12).collect();
        let mut matrix = old.clone();
        permute(&mut matrix, width, &rows, &columns);
        for row in 0..3 {
            for column in 0..width {
                let new = usize::from(rows[row]) * width + usize::from(columns[column]);
                assert_eq!(matrix[new], old[row * width + column], "({row}, {column})");
            }
        }
    }

    #[test]
    fn the_most_read_ids_come_first_ties_in_order() {
        assert_eq!(most_read_first(&[5, 9, 0, 9, 5]), [2, 0, 4, 1, 3]);
    }

    /// Two loads of the dictionary in `$TEXTLENS_MECAB_DIR` as its files
    /// number it (`make test-rust` passes unidic-lite's), or `None` without.
    fn stored_twice() -> Option<(Mecab, Mecab)> {
        let dir = std::env::var_os("TEXTLENS_MECAB_DIR").filter(|d| !d.is_empty())?;
        let open = || Mecab::open_as_stored(Path::new(&dir)).unwrap();
        Some((open(), open()))
    }

    /// `a` and `b` cut a mixed text and the sample into the same words.
    fn assert_same_words(a: &Mecab, b: &Mecab) {
        let text = "東京都に住んでいる外国人は1990年代から増え、ＡＩやIT企業で働く人も多い。\
                    「えっ、本当？」と彼女は言った。ｶﾀｶﾅとｶﾅ混じり、絵文字😀も。";
        for text in [text, SAMPLE] {
            let (mut ends_a, mut ends_b) = (Vec::new(), Vec::new());
            a.word_ends(text, &mut ends_a);
            b.word_ends(text, &mut ends_b);
            assert_eq!(ends_a, ends_b);
        }
    }

    #[test]
    fn dropping_unreachable_entries_changes_no_word() {
        let Some((stored, mut fewer)) = stored_twice() else {
            return;
        };
        let dropped = fewer.sys.drop_unreachable();
        // UniDic: 20,956 of 756,264 entries (2.8 %), many of them common words'.
        assert!(dropped > 10_000, "{dropped}");
        assert_same_words(&stored, &fewer);
    }

    #[test]
    fn renumbering_changes_no_cost_and_no_word() {
        let Some((stored, mut renumbered)) = stored_twice() else {
            return;
        };
        let reads = renumbered.reads(SAMPLE);
        // The sample reaches a few hundred contexts, some far more than others.
        let read = |counts: &[u32]| counts.iter().filter(|&&n| n > 0).count();
        assert!(read(&reads.rows) > 200 && read(&reads.columns) > 200);
        renumbered.renumber(&reads);
        assert_ne!(renumbered.matrix, stored.matrix);
        // Every pair of a few thousand entries (and the sentence's ends)
        // connects at the same cost.
        let cost = |m: &Mecab, a: Entry, b: Entry| {
            m.matrix[m.lsize * usize::from(b.left) + usize::from(a.right)]
        };
        let step = stored.sys.entries.len() / 2000;
        let pick = |m: &Mecab| -> Vec<Entry> {
            let mut v: Vec<Entry> = m.sys.entries.iter().step_by(step).copied().collect();
            v.extend(m.unk.entries.iter().copied());
            v.push(m.bos);
            v
        };
        let (old, new) = (pick(&stored), pick(&renumbered));
        // Every seventh entry on the left, and the sentence's start.
        for i in (0..old.len()).step_by(7).chain([old.len() - 1]) {
            for j in 0..old.len() {
                assert_eq!(
                    cost(&stored, old[i], old[j]),
                    cost(&renumbered, new[i], new[j])
                );
            }
        }
        assert_same_words(&stored, &renumbered);
    }

    #[test]
    fn char_info_bits_are_mecabs() {
        // type 0b101, default class 2, length 3, group, invoke.
        let c = CharInfo(0b101 | 2 << 18 | 3 << 26 | 1 << 30 | 1 << 31);
        assert_eq!(
            (c.default_class(), c.length(), c.group(), c.invoke()),
            (2, 3, true, true)
        );
        assert!(c.is_kind_of(CharInfo(0b100)));
        assert!(!c.is_kind_of(CharInfo(0b010)));
    }

    #[test]
    fn the_sentence_around_a_run_runs_from_stop_to_stop() {
        fn around<'t>(text: &'t str, run: &str) -> &'t str {
            let start = text.find(run).unwrap();
            let (from, to) = Sentences::default().around(text, start, start + run.len());
            &text[from..to]
        }
        let text = "前の文。1990年代に入り、ALLが出た！次\n行";
        assert_eq!(around(text, "年代に入り"), "1990年代に入り、ALLが出た！");
        assert_eq!(around(text, "前の文"), "前の文。");
        // A line break ends the sentence and is not in it; so does the text's end.
        assert_eq!(around(text, "次"), "次");
        assert_eq!(around(text, "行"), "行");
        assert_eq!(around("A? b. か", "か"), " b. か");
        // No stop within CONTEXT bytes: the run's own edge on that side.
        let far = format!("{}か{}", "x".repeat(CONTEXT + 1), "y".repeat(CONTEXT + 1));
        assert_eq!(around(&far, "か"), "か");
        // A stop wholly within CONTEXT bytes bounds the sentence.
        let pad = "x".repeat(CONTEXT - 3);
        let near = format!("z。{pad}か{pad}！{pad}");
        assert_eq!(around(&near, "か"), format!("{pad}か{pad}！"));
    }

    #[test]
    fn sentences_found_run_by_run_are_those_found_for_each_run_alone() {
        // Stops, line breaks, a 3-byte stop cut by the look-back limit and
        // stretches longer than the limit, with runs of kana between.
        let text = format!(
            "あ。い1う\r\nえ!{}お?か。{}き\nく{}け。こ",
            "x".repeat(CONTEXT - 2),
            "y".repeat(3 * CONTEXT),
            "z".repeat(CONTEXT + 7)
        );
        let runs: Vec<(usize, usize)> = text
            .char_indices()
            .filter(|&(_, c)| ('あ'..='ん').contains(&c))
            .map(|(i, c)| (i, i + c.len_utf8()))
            .collect();
        assert_eq!(runs.len(), 10);
        let mut together = Sentences::default();
        for &(start, end) in &runs {
            assert_eq!(
                together.around(&text, start, end),
                Sentences::default().around(&text, start, end),
                "run at {start}"
            );
        }
        // A long text of short lines keeps about a window's stops.
        let lines = "か\n".repeat(100_000);
        let mut sentences = Sentences::default();
        for start in (0..lines.len()).step_by(4) {
            assert_eq!(
                sentences.around(&lines, start, start + 3),
                (start, start + 3)
            );
        }
        assert!(
            sentences.stops.len() <= 2 * CONTEXT,
            "{}",
            sentences.stops.len()
        );
    }

    #[test]
    fn a_missing_or_foreign_file_is_an_error_naming_it() {
        let dir = std::env::temp_dir().join(format!("textlens-mecab-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let err = Mecab::open(&dir).err().unwrap().to_string();
        assert!(err.contains("sys.dic"), "{err}");
        std::fs::write(dir.join("sys.dic"), b"not a dictionary").unwrap();
        let err = Mecab::open(&dir).err().unwrap().to_string();
        assert!(err.contains("not a MeCab dictionary"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

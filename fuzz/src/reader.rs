//! The `reader` target: the bytes become one file (JSON Lines or an article)
//! or a folder of several, read strictly or lossily. `read_articles` must
//! return what an independent decoding and parsing of the bytes gives, or
//! the textlens error that names the file and the offending byte or line.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{Map, Value};
use textlens::{read_articles, Document, Error, ReadOptions};

use crate::input::Input;

/// File names a folder's files get, in turn: JSON Lines, articles, a hidden
/// file and a name without extension.
const NAMES: [&str; 6] = [
    "b.jsonl",
    "a.txt",
    ".hidden.jsonl",
    "c",
    "d.ndjson",
    "e.JSONL",
];

/// Separates the files of a folder in the input.
const FILE_SEPARATOR: &[u8] = b"\n--8<--\n";

pub fn reader(data: &[u8]) {
    let mut input = Input::new(data);
    let mode = input.below(4);
    let options = ReadOptions {
        lossy: input.flag(),
    };
    let bytes = input.rest();
    let dir = ScratchDir::new();
    match mode {
        0..=2 => {
            let path = dir.path.join(["doc.jsonl", "doc.ndjson", "doc.txt"][mode]);
            fs::write(&path, bytes).expect("write the input file");
            check_file(&path, bytes, options, &read_articles(&path, options));
        }
        _ => {
            let mut files: Vec<(PathBuf, &[u8])> = Vec::new();
            for (i, part) in split_bytes(bytes, FILE_SEPARATOR).enumerate().take(6) {
                let path = dir.path.join(NAMES[i]);
                fs::write(&path, part).expect("write an input file");
                files.push((path, part));
            }
            // A subfolder is skipped, whatever it holds.
            let sub = dir.path.join("sub.jsonl");
            fs::create_dir(&sub).expect("create a subfolder");
            fs::write(sub.join("x.jsonl"), b"not json").expect("write into the subfolder");
            check_folder(&dir.path, files, options);
        }
    }
}

fn split_bytes<'a>(bytes: &'a [u8], sep: &'a [u8]) -> impl Iterator<Item = &'a [u8]> {
    let mut rest = Some(bytes);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.windows(sep.len()).position(|w| w == sep) {
            Some(i) => {
                rest = Some(&r[i + sep.len()..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// Reading a folder is reading its visible article files in name order.
fn check_folder(dir: &Path, mut files: Vec<(PathBuf, &[u8])>, options: ReadOptions) {
    files.sort();
    let mut expected = Vec::new();
    let mut first_error = None;
    for (path, bytes) in &files {
        // Hidden files and names without an article extension ("c") are skipped.
        if !textlens::is_article_file(path) {
            continue;
        }
        let got = read_articles(path, options);
        check_file(path, bytes, options, &got);
        match got {
            // In a folder, JSON Lines records without an id are named
            // "<file name>:<line>" so that ids stay unique across files.
            Ok(docs) if is_jsonl(path) => {
                let text = decoded(bytes, options).expect("the file read, so it decodes");
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                let named = jsonl_documents(&text, name.as_deref()).expect("the file read");
                assert_eq!(named.len(), docs.len());
                expected.extend(named);
            }
            Ok(docs) => expected.extend(docs),
            Err(e) => {
                first_error = Some(e.to_string());
                break;
            }
        }
    }
    match (read_articles(dir, options), first_error) {
        (Ok(docs), None) => assert_eq!(docs, expected),
        (Err(e), Some(first)) => assert_eq!(e.to_string(), first),
        (got, first) => panic!("folder read as {got:?}, its files as {first:?}"),
    }
}

/// JSON Lines by extension, in any case (`feed.JSONL` too), as the reader documents.
fn is_jsonl(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str());
    ext.is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

/// The file's text as the reader decodes it (BOM skipped; lossy if asked), or
/// for invalid UTF-8 read strictly the byte offset of the first bad byte.
fn decoded(bytes: &[u8], options: ReadOptions) -> Result<String, usize> {
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    match std::str::from_utf8(&bytes[bom..]) {
        Ok(s) => Ok(s.to_owned()),
        Err(_) if options.lossy => Ok(String::from_utf8_lossy(&bytes[bom..]).into_owned()),
        Err(e) => Err(bom + e.valid_up_to()),
    }
}

/// One file: decoded as the bytes say, then parsed by its extension.
fn check_file(
    path: &Path,
    bytes: &[u8],
    options: ReadOptions,
    got: &textlens::Result<Vec<Document>>,
) {
    let text = match decoded(bytes, options) {
        Ok(text) => text,
        Err(bad) => {
            match got {
                Err(Error::Utf8 { path: p, offset }) => {
                    assert_eq!(p, path);
                    assert_eq!(*offset, bad);
                }
                other => panic!("{other:?} for invalid UTF-8 read strictly"),
            }
            return;
        }
    };
    if is_jsonl(path) {
        check_jsonl(path, &text, got);
    } else {
        let docs = match got {
            Ok(docs) => docs,
            Err(e) => panic!("an article file always reads, got {e:?}"),
        };
        assert_eq!(docs.len(), 1);
        let doc = &docs[0];
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        assert_eq!(Some(&doc.id), stem.as_ref());
        assert_eq!(doc.text, doc.text.trim(), "the body is trimmed");
        assert!(text.contains(&doc.text), "the body comes from the file");
        assert_eq!(doc, &Document::parse_article(&doc.id, &text));
        check_serde(doc);
    }
}

/// JSON Lines: one document per non-blank line, or the first bad line's number.
fn check_jsonl(path: &Path, text: &str, got: &textlens::Result<Vec<Document>>) {
    match (got, jsonl_documents(text, None)) {
        (Ok(docs), Ok(expected)) => {
            assert_eq!(docs, &expected);
            docs.iter().for_each(check_serde);
        }
        (Err(Error::BadRecord { path: p, line, .. }), Err(bad)) => {
            assert_eq!((p.as_path(), *line), (path, bad));
        }
        (got, bad) => panic!("read {got:?}, expected {bad:?}"),
    }
}

/// The documents of a JSON Lines text as `read_articles` documents them, or the
/// first bad line's number. A record without an id is named by its position
/// (0, 1, …), or in a folder (`name`: the file name) by `"name:line"`.
fn jsonl_documents(text: &str, name: Option<&str>) -> Result<Vec<Document>, usize> {
    let mut docs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Map<String, Value>>(line) {
            Ok(record) if matches!(record.get("text"), Some(Value::String(_))) => {
                let id = match name {
                    Some(name) => format!("{name}:{}", i + 1),
                    None => docs.len().to_string(),
                };
                docs.push(expected_document(id, record));
            }
            _ => return Err(i + 1),
        }
    }
    Ok(docs)
}

/// The document of a record, `id` unless the record names its own.
fn expected_document(id: String, record: Map<String, Value>) -> Document {
    let mut doc = Document {
        id,
        ..Document::default()
    };
    let as_text = |v: Value| match v {
        Value::String(s) => Some(s),
        Value::Null => None,
        other => Some(other.to_string()),
    };
    for (key, value) in record {
        match (key.as_str(), value) {
            ("text", Value::String(s)) => doc.text = s,
            ("id" | "doc_id", Value::String(s)) => doc.id = s,
            ("id" | "doc_id", Value::Number(n)) => doc.id = n.to_string(),
            ("date", v) => doc.date = as_text(v),
            ("source", v) => doc.source = as_text(v),
            ("lang", v) => doc.lang = as_text(v),
            (_, v) => {
                doc.meta.insert(key, v);
            }
        }
    }
    doc
}

/// A document survives JSON.
fn check_serde(doc: &Document) {
    let json = serde_json::to_string(doc).expect("a document serializes");
    let back: Document = serde_json::from_str(&json).expect("a document deserializes");
    assert_eq!(&back, doc, "{json}");
}

/// A folder of its own for each call, removed afterwards.
struct ScratchDir {
    path: PathBuf,
}

impl ScratchDir {
    fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "textlens-fuzz-reader-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).expect("create a scratch folder");
        ScratchDir { path }
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.path);
    }
}

//! Documents and the readers for article folders and JSON Lines files.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::interrupt::Interrupt;

/// One article: its text and what is known about it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Identifier: the file name without extension, the record's `id` /
    /// `doc_id`, or its position.
    pub id: String,
    /// The body.
    pub text: String,
    /// Date as written in the source (e.g. `2022-12-30`).
    pub date: Option<String>,
    /// The outlet or source.
    pub source: Option<String>,
    /// A language label given by the source (not detected; see `detect`).
    pub lang: Option<String>,
    /// Every other field.
    pub meta: BTreeMap<String, Value>,
}

/// How to read files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadOptions {
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    pub lossy: bool,
}

/// Header keys recognised even without the leading space of the seed format.
const KNOWN_KEYS: [&str; 7] = ["date", "source", "title", "url", "lang", "author", "id"];

impl Document {
    /// Parse an article in the seeds' format: an optional header of
    /// `key value` lines (` date 2022-12-30`), then blank lines, then the body.
    ///
    /// A header line is a lowercase key and a value, written with one leading
    /// space, or without it for the keys date, source, title, url, lang,
    /// author and id. The header ends at the first blank line; if any line
    /// before it is not a header line, the whole file is body.
    ///
    /// # Examples
    ///
    /// ```
    /// use textlens::Document;
    ///
    /// let doc = Document::parse_article("a1", " date 2022-12-30 \n source TASS\n\n\nPutin and Xi spoke.\n");
    /// assert_eq!(doc.date.as_deref(), Some("2022-12-30"));
    /// assert_eq!(doc.source.as_deref(), Some("TASS"));
    /// assert_eq!(doc.text, "Putin and Xi spoke.");
    ///
    /// let plain = Document::parse_article("a2", "Putin and Xi spoke.\n\nMore text.");
    /// assert_eq!(plain.text, "Putin and Xi spoke.\n\nMore text.");
    /// assert!(plain.date.is_none());
    /// ```
    pub fn parse_article(id: &str, content: &str) -> Document {
        let content = content.strip_prefix('\u{feff}').unwrap_or(content);
        let mut doc = Document {
            id: id.to_owned(),
            ..Document::default()
        };
        let mut header = Vec::new();
        let mut body_start = None;
        let mut offset = 0;
        for line in content.split_inclusive('\n') {
            if line.trim().is_empty() {
                body_start = Some(offset);
                break;
            }
            match header_line(line) {
                Some(kv) => header.push(kv),
                None => break,
            }
            offset += line.len();
        }
        let body = match body_start {
            Some(start) if !header.is_empty() => {
                for (key, value) in header {
                    doc.set_field(key, Value::String(value.to_owned()));
                }
                &content[start..]
            }
            _ => content,
        };
        doc.text = body.trim().to_owned();
        doc
    }

    /// Merge metadata: `id`, `date`, `source` and `lang` set those fields
    /// (a string, or a number written out), every other key goes to `meta`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use textlens::Document;
    ///
    /// let mut doc = Document { text: "Putin and Xi spoke.".into(), ..Document::default() };
    /// let meta = json!({"id": 7, "source": "TASS", "section": "world"});
    /// doc.merge_meta(meta.as_object().cloned().unwrap_or_default());
    /// assert_eq!((doc.id.as_str(), doc.source.as_deref()), ("7", Some("TASS")));
    /// assert_eq!(doc.meta["section"], "world");
    /// ```
    pub fn merge_meta(&mut self, meta: serde_json::Map<String, Value>) {
        for (key, value) in meta {
            match (key.as_str(), value) {
                ("id", Value::String(s)) => self.id = s,
                ("id", Value::Number(n)) => self.id = n.to_string(),
                (_, value) => self.set_field(&key, value),
            }
        }
    }

    /// Put a field where it belongs: the named fields, or `meta`.
    fn set_field(&mut self, key: &str, value: Value) {
        let as_text = |v: &Value| match v {
            Value::String(s) => Some(s.clone()),
            Value::Null => None,
            other => Some(other.to_string()),
        };
        match key {
            "date" => self.date = as_text(&value),
            "source" => self.source = as_text(&value),
            "lang" => self.lang = as_text(&value),
            _ => {
                self.meta.insert(key.to_owned(), value);
            }
        }
    }
}

fn header_line(line: &str) -> Option<(&str, &str)> {
    let line = line.trim_end();
    let (spaced, rest) = match line.strip_prefix(' ') {
        Some(rest) => (true, rest),
        None => (false, line),
    };
    let (key, value) = rest.split_once(' ')?;
    let is_key = !key.is_empty()
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    let value = value.trim();
    (is_key && !value.is_empty() && (spaced || KNOWN_KEYS.contains(&key))).then_some((key, value))
}

/// Read articles from a folder (its article files, sorted by name, see
/// [`crate::is_article_file`]: `.jsonl`/`.ndjson` files as JSON Lines, the
/// rest in the seeds' format; other files are skipped), a JSON Lines file, or
/// a single article file (whatever its extension).
///
/// # Errors
///
/// [`Error::Io`] when a path cannot be read, [`Error::Utf8`] naming the file
/// and byte offset of the first invalid byte (unless `lossy`), and
/// [`Error::BadRecord`] for a JSON Lines record without a string `text`.
///
/// # Examples
///
/// ```
/// let docs = textlens::read_articles("seeds", Default::default())?;
/// assert_eq!(docs.len(), 5);
/// assert_eq!(docs[0].id, "000_77074c2c8a1c9467");
/// assert_eq!(docs[0].date.as_deref(), Some("2022-12-31"));
/// # Ok::<(), textlens::Error>(())
/// ```
pub fn read_articles(path: impl AsRef<Path>, options: ReadOptions) -> Result<Vec<Document>> {
    read_articles_until(path.as_ref(), options, &Interrupt::new())
}

/// [`read_articles`], stopping before the next file with
/// [`Error::Interrupted`] once `stop` is raised.
pub(crate) fn read_articles_until(
    path: &Path,
    options: ReadOptions,
    stop: &Interrupt,
) -> Result<Vec<Document>> {
    if !path.is_dir() {
        let docs = read_file(path, options, false)?;
        stop.advance(1);
        return Ok(docs);
    }
    let files = article_files(path)?;
    let mut docs = Vec::with_capacity(files.len());
    for file in files {
        stop.check()?;
        docs.extend(read_file(&file, options, true)?);
        // One unit per file read, for a progress bar.
        stop.advance(1);
    }
    Ok(docs)
}

/// The article files of the folder `path`, sorted by name: what
/// [`read_articles`] reads from a folder.
pub(crate) fn article_files(path: &Path) -> Result<Vec<PathBuf>> {
    let io_err = Error::io(path);
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in fs::read_dir(path).map_err(io_err)? {
        let entry = entry.map_err(io_err)?;
        if crate::io::files::is_article_file(&entry.path()) && entry.path().is_file() {
            files.push(entry.path());
        }
    }
    files.sort();
    Ok(files)
}

/// One file's documents; `in_folder`: JSON Lines records without an id
/// get `"<file name>:<line>"`, unique across the folder's files.
fn read_file(path: &Path, options: ReadOptions, in_folder: bool) -> Result<Vec<Document>> {
    let io_err = Error::io(path);
    // A FIFO or a device would block the read (uninterruptibly) or never end.
    let meta = fs::metadata(path).map_err(io_err)?;
    if !meta.is_file() {
        return Err(io_err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file or folder (a FIFO, socket or device): not read",
        )));
    }
    let bytes = fs::read(path).map_err(io_err)?;
    let text = decode(path, bytes, options)?;
    // `feed.JSONL` is JSON Lines too: `is_article_file` accepts it case-insensitively.
    let jsonl = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"));
    if jsonl {
        let name = in_folder.then(|| {
            path.file_name()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
        parse_jsonl(path, &text, name.as_deref())
    } else {
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(vec![Document::parse_article(&id, &text)])
    }
}

/// UTF-8 text without a leading byte-order mark.
fn decode(path: &Path, mut bytes: Vec<u8>, options: ReadOptions) -> Result<String> {
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    bytes.drain(..bom);
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if options.lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => Err(Error::Utf8 {
            path: path.to_owned(),
            offset: bom + e.utf8_error().valid_up_to(),
        }),
    }
}

/// One document per non-blank line: `text` (required), `id` or `doc_id`,
/// `date`, `source`, `lang`, and anything else into `meta`. A record
/// without an id is named by its position (0, 1, …), or, for a file `name`
/// in a folder, `"name:line"` (1-based), so that ids stay unique across
/// the folder's files.
pub(crate) fn parse_jsonl(path: &Path, text: &str, name: Option<&str>) -> Result<Vec<Document>> {
    let mut docs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |reason: String| Error::BadRecord {
            path: path.to_owned(),
            line: i + 1,
            reason,
        };
        let record: serde_json::Map<String, Value> =
            serde_json::from_str(line).map_err(|e| bad(format!("not a JSON object: {e}")))?;
        let mut doc = Document {
            id: match name {
                Some(name) => format!("{name}:{}", i + 1),
                None => docs.len().to_string(),
            },
            ..Document::default()
        };
        let mut has_text = false;
        for (key, value) in record {
            match (key.as_str(), value) {
                ("text", Value::String(s)) => {
                    doc.text = s;
                    has_text = true;
                }
                ("text", other) => {
                    return Err(bad(format!("\"text\" must be a string, got {other}")))
                }
                ("id" | "doc_id", Value::String(s)) => doc.id = s,
                ("id" | "doc_id", Value::Number(n)) => doc.id = n.to_string(),
                (_, value) => doc.set_field(&key, value),
            }
        }
        if !has_text {
            return Err(bad("record has no \"text\" field".into()));
        }
        docs.push(doc);
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_that_looks_like_a_header_stays_body() {
        let doc = Document::parse_article("x", "Breaking news\n\nThe rest.");
        assert_eq!(doc.text, "Breaking news\n\nThe rest.");
        let doc = Document::parse_article("x", "date 2020-01-01\n\nThe rest.");
        assert_eq!(doc.date.as_deref(), Some("2020-01-01"));
    }

    #[test]
    fn unknown_header_keys_go_to_meta() {
        let doc = Document::parse_article("x", " outlet Reuters\n\nBody");
        assert_eq!(doc.meta["outlet"], Value::String("Reuters".into()));
    }

    #[test]
    fn jsonl_fields_and_errors() {
        let p = Path::new("t.jsonl");
        let docs = parse_jsonl(
            p,
            "{\"text\":\"a\",\"doc_id\":7,\"lang\":\"en\",\"x\":[1]}\n\n{\"text\":\"b\"}",
            None,
        )
        .unwrap();
        assert_eq!(
            (docs[0].id.as_str(), docs[0].lang.as_deref()),
            ("7", Some("en"))
        );
        assert_eq!(docs[0].meta["x"], serde_json::json!([1]));
        assert_eq!(docs[1].id, "1");
        let err = parse_jsonl(p, "{\"text\":\"a\"}\n{\"title\":\"b\"}", None).unwrap_err();
        assert_eq!(err.to_string(), "t.jsonl:2: record has no \"text\" field");
        let err = parse_jsonl(p, "{\"text\":null}", None).unwrap_err();
        assert!(err.to_string().contains("must be a string"));
    }

    #[test]
    fn jsonl_ids_in_a_folder_name_file_and_line() {
        let p = Path::new("dir/b.jsonl");
        let docs = parse_jsonl(
            p,
            "{\"text\":\"a\"}\n\n{\"text\":\"b\",\"id\":\"x\"}\n{\"text\":\"c\"}",
            Some("b.jsonl"),
        )
        .unwrap();
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["b.jsonl:1", "x", "b.jsonl:4"]);
    }

    #[test]
    fn byte_order_mark_is_dropped_and_offsets_stay_file_offsets() {
        let p = Path::new("f.jsonl");
        assert_eq!(
            decode(p, b"\xEF\xBB\xBF{}".to_vec(), ReadOptions::default()).unwrap(),
            "{}"
        );
        let err = decode(p, b"\xEF\xBB\xBFab\xff".to_vec(), ReadOptions::default()).unwrap_err();
        assert!(err.to_string().contains("byte offset 5"), "{err}");
    }

    #[test]
    fn invalid_utf8_names_file_and_offset() {
        let err = decode(
            Path::new("f.txt"),
            b"ok \xff bad".to_vec(),
            ReadOptions::default(),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("f.txt: not valid UTF-8 at byte offset 3"),
            "{err}"
        );
        let lossy = decode(
            Path::new("f.txt"),
            b"ok \xff".to_vec(),
            ReadOptions { lossy: true },
        )
        .unwrap();
        assert_eq!(lossy, "ok \u{fffd}");
    }
    #[test]
    fn upper_case_json_lines_extensions_are_json_lines() {
        let dir = std::env::temp_dir().join(format!("textlens-jsonl-case-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let record = "{\"text\":\"Body one\",\"doc_id\":\"r1\"}\n{\"text\":\"Body two\"}\n";
        fs::write(dir.join("feed.JSONL"), record).unwrap();
        fs::write(dir.join("more.NDJson"), record.replace("r1", "r2")).unwrap();
        let folder = read_articles(&dir, ReadOptions::default());
        let single = read_articles(dir.join("feed.JSONL"), ReadOptions::default());
        fs::remove_dir_all(&dir).unwrap();
        let ids: Vec<String> = folder.unwrap().into_iter().map(|d| d.id).collect();
        assert_eq!(ids, ["r1", "feed.JSONL:2", "r2", "more.NDJson:2"]);
        let single = single.unwrap();
        assert_eq!(single.len(), 2);
        assert_eq!(single[1].text, "Body two");
    }
}

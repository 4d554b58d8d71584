//! Which files of a folder are articles: a folder of news often also holds
//! statistics, manifests or notes (`stats.json`, `README`) that are not.

use std::path::Path;

/// The extensions (compared without case) of the files [`crate::read_articles`]
/// reads from a folder: articles in the seeds' format (`txt`, `text`, `md`)
/// and JSON Lines (`jsonl`, `ndjson`). Other files are skipped.
pub const ARTICLE_EXTENSIONS: [&str; 5] = ["txt", "text", "md", "jsonl", "ndjson"];

/// Whether a folder's file at `path` is read as articles: its extension is
/// one of [`ARTICLE_EXTENSIONS`] and its name does not start with a dot.
///
/// # Examples
///
/// ```
/// use textlens::is_article_file;
///
/// assert!(is_article_file("news/001.txt".as_ref()));
/// assert!(is_article_file("news/feed.JSONL".as_ref()));
/// assert!(!is_article_file("news/stats.json".as_ref()));
/// assert!(!is_article_file("news/README".as_ref()));
/// assert!(!is_article_file("news/.draft.txt".as_ref()));
/// ```
pub fn is_article_file(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    !hidden && ext.is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.as_str()))
}

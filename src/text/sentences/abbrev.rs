//! Per-language abbreviation lists (`abbrev/<lang>.txt`, see the README
//! there), compiled in and parsed on first use of each language.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::text::lang::Language;

/// What a period after an abbreviation means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Abbrev {
    /// Never the end of a sentence (`Dr.`, `z.B.`).
    Inner,
    /// The end of a sentence when a capitalized word follows (`etc.`).
    MayEnd,
}

/// An abbreviation table: lowercase keys without spaces or the final period.
#[derive(Debug, Default)]
pub(crate) struct Table {
    map: HashMap<String, Abbrev>,
    /// The longest key in bytes: longer words need no lookup.
    max_len: usize,
}

impl Table {
    /// What `word` (as written, without its final period) is, if listed.
    /// `scratch` holds the lowercased key.
    pub(crate) fn get(&self, word: &str, scratch: &mut String) -> Option<Abbrev> {
        // Lowercasing never shrinks a word by more than a third (İ → i̇ grows it).
        if word.len() > self.max_len * 3 / 2 + 2 {
            return None;
        }
        key(word, scratch);
        self.map.get(scratch.as_str()).copied()
    }

    /// Whether the language has no list.
    pub(crate) fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    #[cfg(test)]
    fn keys(&self) -> impl Iterator<Item = &String> {
        self.map.keys()
    }
}

fn source(code: &str) -> &'static str {
    match code {
        "ar" => include_str!("abbrev/ar.txt"),
        "de" => include_str!("abbrev/de.txt"),
        "en" => include_str!("abbrev/en.txt"),
        "es" => include_str!("abbrev/es.txt"),
        "fr" => include_str!("abbrev/fr.txt"),
        "it" => include_str!("abbrev/it.txt"),
        "nl" => include_str!("abbrev/nl.txt"),
        "pl" => include_str!("abbrev/pl.txt"),
        "pt" => include_str!("abbrev/pt.txt"),
        "ru" => include_str!("abbrev/ru.txt"),
        "tr" => include_str!("abbrev/tr.txt"),
        _ => "",
    }
}

/// The key an abbreviation is stored and looked up under.
fn key(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.extend(
            word.bytes()
                .filter(|b| !b.is_ascii_whitespace())
                .map(|b| b.to_ascii_lowercase() as char),
        );
        return;
    }
    for c in word.chars().filter(|c| !c.is_whitespace()) {
        out.extend(c.to_lowercase());
    }
}

fn parse(text: &str) -> Table {
    let mut table = Table::default();
    let mut k = String::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let (word, kind) = match line.strip_suffix('+') {
            Some(w) => (w.trim_end(), Abbrev::MayEnd),
            None => (line, Abbrev::Inner),
        };
        key(word.trim_end_matches('.'), &mut k);
        table.max_len = table.max_len.max(k.len());
        table.map.insert(k.clone(), kind);
    }
    table
}

/// The table of `lang` (empty for `None` and for languages without a list).
pub(crate) fn table(lang: Option<Language>) -> &'static Table {
    static EMPTY: OnceLock<Table> = OnceLock::new();
    static TABLES: OnceLock<Vec<OnceLock<Table>>> = OnceLock::new();
    let Some(lang) = lang else {
        return EMPTY.get_or_init(Table::default);
    };
    let tables = TABLES.get_or_init(|| (0..Language::count()).map(|_| OnceLock::new()).collect());
    tables[lang.index()].get_or_init(|| parse(source(lang.code())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_parses_with_normalized_keys() {
        for lang in Language::all() {
            for k in table(Some(lang)).keys() {
                assert!(!k.is_empty() && !k.ends_with('.'), "{lang:?} {k:?}");
                assert_eq!(k.to_lowercase(), *k, "{lang:?}");
                assert!(!k.contains(char::is_whitespace), "{lang:?} {k:?}");
            }
        }
        let de = table(Some("de".parse().unwrap()));
        let mut k = String::new();
        assert_eq!(de.get("z. B", &mut k), Some(Abbrev::Inner));
        assert_eq!(de.get("USW", &mut k), Some(Abbrev::MayEnd));
        assert_eq!(de.get("Straßenbahnhaltestelle", &mut k), None);
    }
}

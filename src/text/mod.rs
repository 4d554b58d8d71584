//! Text in, terms out: Unicode normalization, script-aware
//! tokenization, stopwords, Snowball stemming, and the [`Analyzer`](crate::Analyzer)
//! that chains them per language.

pub(crate) mod analyzer;
pub(crate) mod cjk;
pub(crate) mod join;
pub(crate) mod lang;
pub(crate) mod letters;
pub(crate) mod normalize;
pub(crate) mod segment;
pub(crate) mod sentences;
pub(crate) mod stem;
pub(crate) mod stopwords;
pub(crate) mod surface;
pub(crate) mod term_cache;
pub(crate) mod tokenize;
pub(crate) mod words;

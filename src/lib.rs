//! # textlens
//!
//! Multilingual text statistics: detect the language of a text, tokenize it
//! by the rules of its script, remove stopwords, stem with Snowball and count
//! terms.
//!
//! ```
//! use textlens::{Analyzer, AnalyzerOptions};
//!
//! let texts = [
//!     "Putin and Xi pledged to strengthen military cooperation.",
//!     "Путин и Си Цзиньпин договорились укреплять военное сотрудничество.",
//!     "Putin und Xi wollen die militärische Zusammenarbeit stärken.",
//! ];
//! let analyzer = Analyzer::new(AnalyzerOptions::default())?; // lang = auto
//! let terms = analyzer.analyze_many(&texts);
//! assert_eq!(terms[0], ["putin", "xi", "pledg", "strengthen", "militari", "cooper"]);
//! assert_eq!(terms[1][..2], ["путин", "си"]);
//! assert_eq!(analyzer.detect(texts[2]).unwrap().lang.code(), "de");
//! # Ok::<(), textlens::Error>(())
//! ```
//!
//! The pipeline parts are public on their own: [`detect`], [`Normalizer`],
//! [`tokens`], [`Stopwords`], [`Stemmer`]; [`read_articles`] loads folders of
//! articles and JSON Lines files. With the `python` feature the crate is also
//! the `textlens` Python extension module.

#![warn(missing_docs)]

mod analyzer;
mod corpus;
mod detect;
mod document;
mod error;
mod features;
mod interrupt;
mod keyness;
mod lang;
mod minhash;
mod normalize;
mod similarity;
mod sklearn;
mod sparse;
mod stem;
mod stopwords;
mod tokenize;
mod weighting;

#[cfg(feature = "python")]
mod python;

pub use analyzer::{Analyzer, AnalyzerOptions, LangChoice, StopwordChoice};
pub use corpus::{Corpus, CorpusBuilder, DocFreq, TermStats, Trim};
pub use detect::{detect, Detection, Detector, QUICK_SAMPLE_BYTES, SAMPLE_BYTES};
pub use document::{read_articles, Document, ReadOptions};
pub use error::{Error, Result};
pub use features::Features;
pub use interrupt::{Interrupt, Interruptible};
pub use keyness::{
    chi2_sf, corpus_keyness, frequencies, group_counts, keyness, Contingency, FrequencyRow,
    GroupOrder, Groups, KeyTerm, KeynessOptions, Measure, Reference,
};
pub use lang::{Engine, Language};
pub use minhash::{
    lsh_params, near_duplicates, shared_passages, Lsh, MinHash, MinHasher, NearDupOptions, Passage,
    Shingles,
};
pub use normalize::{Form, Normalizer};
pub use similarity::{
    align_counts, most_similar, pairwise, pairwise_into, search, weigh_against, Metric, Search,
};
pub use sklearn::{hash_features, hash_texts, murmurhash3_32, SkAnalysis, SkUnit, StripAccents};
pub use sparse::CsrMatrix;
pub use stem::Stemmer;
pub use stopwords::{default_stopwords, Stopwords};
pub use tokenize::{for_each_token, tokens, Token, TokenKind};
pub use weighting::{document_frequencies, Idf, Norm, Weighting};

/// The Rust blocks of README.md, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

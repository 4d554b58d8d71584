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

mod compare;
mod detect;
mod error;
mod interrupt;
mod io;
mod limits;
mod matrix;
mod stats;
mod text;
#[doc(hidden)]
pub mod work;

#[cfg(feature = "python")]
mod python;

pub use compare::minhash::{
    lsh_params, near_duplicates, shared_passages, Lsh, MinHash, MinHasher, NearDupOptions, Passage,
    Shingles,
};
pub use compare::minhash::{shared_passages_with, PassageOptions, MAX_NUM_PERM};
pub use compare::similarity::{
    align_counts, most_similar, pairwise, pairwise_into, search, weigh_against, Metric, Search,
};
pub use detect::spans::{detect_spans, Span, SpanOptions};
pub use detect::{
    detect, detect_all, DetectEngine, Detection, Detector, EXPECTED_WEIGHT, QUICK_SAMPLE_BYTES,
    RELIABLE_PROBABILITY, ROUNDS_FROM_BYTES, SAMPLE_BYTES,
};
pub use error::{Error, Result};
pub use interrupt::{Interrupt, Interruptible};
pub use io::document::{read_articles, Document, ReadOptions};
pub use io::files::{is_article_file, ARTICLE_EXTENSIONS};
pub use limits::MAX_NGRAM_BYTES;
pub use matrix::corpus::{Corpus, CorpusBuilder, DocFreq, TermStats, Trim};
pub use matrix::features::Features;
pub use matrix::merge::CorpusStats;
pub use matrix::sklearn::{
    hash_features, hash_texts, murmurhash3_32, SkAnalysis, SkUnit, StripAccents,
};
pub use matrix::sparse::CsrMatrix;
pub use matrix::weighting::{document_frequencies, Idf, Norm, Weighting};
pub use stats::collocations::{
    collocations, collocations_with, Collocation, CollocationOptions, Collocations,
    COLLOCATION_MEASURES,
};
pub use stats::dispersion::{dispersion, entropy, Dispersion};
pub use stats::groups::{summarize_groups, GroupSummary};
pub use stats::keyness::{
    chi2_sf, corpus_keyness, frequencies, group_counts, keyness, Contingency, FrequencyRow,
    GroupOrder, Groups, KeyTerm, KeynessOptions, Measure, Reference,
};
pub use stats::lexdiv::{lexdiv, lexdiv_all, LexdivOptions, LEXDIV_MEASURES};
pub use stats::profile::{profile, statistics, word_forms, Profile, Statistics};
pub use stats::readability::{readability, readability_all, readability_measures};
pub use stats::syllables::syllables;
pub use text::analyzer::{Analyzer, AnalyzerOptions, LangChoice, StopwordChoice};
#[doc(hidden)]
pub use text::join::tokens_before_rules;
pub use text::join::{for_each_token_in, tokens_in};
pub use text::lang::{Engine, Language};
pub use text::normalize::{Form, Normalizer};
pub use text::segment::{mecab_dictionary, set_mecab_dictionary, Cjk};
pub use text::sentences::{sentence_spans, sentences};
pub use text::stem::{Stemmer, MAX_STEM_CHARS};
pub use text::stopwords::{default_stopwords, Stopwords};
pub use text::tokenize::{
    for_each_token, for_each_token_with, tokens, tokens_with, Token, TokenKind,
};

/// The Rust blocks of README.md, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

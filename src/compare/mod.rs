//! Comparing documents: similarity metrics and nearest neighbours, MinHash,
//! LSH, near-duplicates and shared passages.

pub(crate) mod minhash;
pub(crate) mod similarity;

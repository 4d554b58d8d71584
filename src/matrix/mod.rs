//! Terms in, matrices out: the [`Corpus`](crate::Corpus) and its vocabulary,
//! the counting core, weightings, the CSR matrix, and scikit-learn's analysis
//! and hashing.

pub(crate) mod corpus;
pub(crate) mod features;
pub(crate) mod fetched;
pub(crate) mod merge;
pub(crate) mod sklearn;
pub(crate) mod sparse;
pub(crate) mod weighting;

//! Statistics over terms and documents: frequencies and keyness by group,
//! document profiles, syllables, readability and lexical diversity.

pub(crate) mod collocations;
pub(crate) mod groups;
pub(crate) mod keyness;
pub(crate) mod lexdiv;
pub(crate) mod profile;
pub(crate) mod readability;
pub(crate) mod syllables;

//! Statistics over terms and documents: frequencies and keyness by group.

pub(crate) mod keyness;

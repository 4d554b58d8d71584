//! Reading documents: article folders, article files and JSON Lines.

pub(crate) mod document;
pub(crate) mod files;

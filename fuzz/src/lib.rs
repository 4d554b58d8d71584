//! The checks behind the fuzz targets in `fuzz_targets/`: each takes the
//! fuzzer's bytes and panics when textlens breaks a documented property.
//! `tests/fuzz_inputs.rs` in the main crate runs the same checks over the
//! committed seeds and regressions with plain `cargo test`.

mod analyzer;
mod input;
mod mecab;
mod passages;
mod reader;
mod segmentation;
mod similarity_minhash;

pub use analyzer::analyzer;
pub use mecab::mecab;
pub use passages::passages;
pub use reader::reader;
pub use segmentation::segmentation;
pub use similarity_minhash::similarity_minhash;

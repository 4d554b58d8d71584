#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| textlens_fuzz::mecab(data));

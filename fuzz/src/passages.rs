//! `shared_passages` on repetitive input (issue 16: repeated boilerplate
//! was quadratic, then aborted): two texts made of fuzzer-chosen pieces
//! repeated up to thousands of times. Checks that every passage is a real
//! shared run of at least `min_tokens` tokens, best first, that the cap
//! keeps the best ones, and that the work stays near-linear.

use textlens::{shared_passages_with, PassageOptions, Shingles};

use crate::input::Input;

pub fn passages(data: &[u8]) {
    let mut input = Input::new(data);
    let min_tokens = 1 + input.below(8);
    let (ra, rb) = (1 + input.below(256) * 8, 1 + input.below(256) * 8);
    let cap = input.pick(&[None, Some(0), Some(1), Some(7), Some(1000)]);
    let text = input.text();
    let (pa, pb) = text.split_once('\n').unwrap_or((&text, &text));
    // Keep the texts small enough for a fuzzing iteration.
    let (a, b) = (
        pa.repeat(ra.min(20_000 / (pa.len() + 1))),
        pb.repeat(rb.min(20_000 / (pb.len() + 1))),
    );
    let options = PassageOptions {
        min_tokens,
        max_passages: cap,
        max_candidates: 200_000,
    };
    textlens::work::reset();
    let Ok(found) = shared_passages_with(&a, &b, &options) else {
        return; // over max_candidates: refused, as documented
    };
    let steps = textlens::work::steps();
    let n = (a.len() + b.len()) as u64;
    assert!(
        steps <= 64 * (n + 1) * 20 + 200_000 * 20,
        "{steps} steps for {n} bytes"
    );
    if let Some(cap) = cap {
        assert!(found.len() <= cap);
    }
    for p in &found {
        assert!(p.tokens >= min_tokens);
        let (sa, sb) = (&a[p.a_start..p.a_end], &b[p.b_start..p.b_end]);
        let one = Shingles::Words(p.tokens);
        assert_eq!(
            one.hashes(sa).expect("k >= 1"),
            one.hashes(sb).expect("k >= 1"),
            "{sa:?} / {sb:?}"
        );
    }
    for w in found.windows(2) {
        let key = |p: &textlens::Passage| (std::cmp::Reverse(p.tokens), p.a_start, p.b_start);
        assert!(key(&w[0]) < key(&w[1]), "not best first: {w:?}");
    }
    if cap.is_some() {
        let all = PassageOptions {
            max_passages: None,
            ..options
        };
        if let Ok(every) = shared_passages_with(&a, &b, &all) {
            assert_eq!(found[..], every[..found.len()]);
        }
    }
}

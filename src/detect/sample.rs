//! Bounded samples of long texts: detection judges these instead of the
//! whole text.

/// Windows spread evenly over the text: the sample sees the same mix of
/// scripts and languages as the whole.
const SAMPLE_WINDOWS: usize = 8;

/// [`SAMPLE_WINDOWS`] windows of `budget / SAMPLE_WINDOWS` bytes, evenly
/// spaced from the start to the end of `text`, each trimmed to whole words,
/// joined by newlines.
pub(super) fn sample(text: &str, budget: usize) -> String {
    let window = (budget / SAMPLE_WINDOWS).max(1);
    let stride = (text.len() - window) / (SAMPLE_WINDOWS - 1);
    let mut out = String::with_capacity(budget + SAMPLE_WINDOWS);
    for i in 0..SAMPLE_WINDOWS {
        if i > 0 {
            out.push('\n');
        }
        let start = i * stride;
        out.push_str(whole_words(text, start, start + window));
    }
    out
}

/// `text[start..end]` moved inward to char boundaries and then to whitespace,
/// so that no word is cut.
fn whole_words(text: &str, start: usize, end: usize) -> &str {
    let mut s = start;
    while !text.is_char_boundary(s) {
        s += 1;
    }
    let mut e = end.min(text.len());
    while !text.is_char_boundary(e) {
        e -= 1;
    }
    let slice = &text[s..e];
    let head = if s == 0 {
        0
    } else {
        slice.find(char::is_whitespace).map_or(0, |i| i)
    };
    let tail = if e == text.len() {
        slice.len()
    } else {
        slice.rfind(char::is_whitespace).unwrap_or(slice.len())
    };
    if head < tail {
        &slice[head..tail]
    } else {
        slice
    }
}

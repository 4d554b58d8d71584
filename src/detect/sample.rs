//! Bounded samples of long texts: detection judges these instead of the
//! whole text.

/// Windows spread evenly over the text: the sample sees the same mix of
/// scripts and languages as the whole.
pub(super) const SAMPLE_WINDOWS: usize = 8;

/// [`SAMPLE_WINDOWS`] windows of `budget / SAMPLE_WINDOWS` bytes, evenly
/// spaced from the start to the end of `text`, each trimmed to whole words,
/// joined by newlines.
pub(super) fn sample(text: &str, budget: usize) -> String {
    let mut out = String::with_capacity(budget + SAMPLE_WINDOWS);
    for (i, (start, end)) in windows(text, budget).into_iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&text[start..end]);
    }
    out
}

/// The byte ranges of [`sample`]'s windows in `text`; a text of at most
/// `budget` bytes is cut into [`SAMPLE_WINDOWS`] consecutive pieces at
/// whitespace instead, which together hold all of it.
pub(super) fn windows(text: &str, budget: usize) -> [(usize, usize); SAMPLE_WINDOWS] {
    let mut out = [(0, 0); SAMPLE_WINDOWS];
    if text.len() <= budget {
        let cut = |i: usize| -> usize {
            if i == SAMPLE_WINDOWS {
                return text.len();
            }
            let mut at = i * text.len() / SAMPLE_WINDOWS;
            while !text.is_char_boundary(at) {
                at += 1;
            }
            text[at..]
                .find(char::is_whitespace)
                .map_or(text.len(), |j| at + j)
        };
        let mut start = 0;
        for (i, w) in out.iter_mut().enumerate() {
            let end = cut(i + 1).max(start);
            *w = (start, end);
            start = end;
        }
        return out;
    }
    let window = (budget / SAMPLE_WINDOWS).max(1);
    let stride = (text.len() - window) / (SAMPLE_WINDOWS - 1);
    for (i, w) in out.iter_mut().enumerate() {
        let start = i * stride;
        let slice = whole_words(text, start, start + window);
        let at = slice.as_ptr() as usize - text.as_ptr() as usize;
        *w = (at, at + slice.len());
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
    // A window narrower than the char it falls in: nothing.
    let e = e.max(s);
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

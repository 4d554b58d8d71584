//! Tokenizing one huge document in pieces of about a megabyte, cut where a
//! token cannot continue, with an interrupt check between pieces: a 300 MB
//! document stops on Ctrl-C within a piece's time (milliseconds).

use super::{for_each_token_as, Token};
use crate::error::Result;
use crate::interrupt::Interrupt;
use crate::text::segment::Cjk;

/// About how many bytes are tokenized between two interrupt checks.
pub(crate) const CHUNK_BYTES: usize = 1 << 20;

/// [`for_each_token`] over `text`, in pieces of about `chunk` bytes; the
/// tokens (offsets into `text`) are the same as in one pass. Stops with
/// [`Error::Interrupted`](crate::Error::Interrupted) once `stop` is raised.
pub(crate) fn for_each_token_chunked<'a>(
    text: &'a str,
    chunk: usize,
    stop: &Interrupt,
    emit: impl FnMut(Token<'a>),
) -> Result<()> {
    for_each_token_chunked_with(text, chunk, Cjk::default(), None, stop, emit)
}

/// [`for_each_token_chunked`] with a choice of how scripts written without
/// spaces are split. The pieces end at a line feed or a space, where no
/// dictionary run or Korean word continues. `chinese`: as in
/// [`for_each_token_as`].
pub(crate) fn for_each_token_chunked_with<'a>(
    text: &'a str,
    chunk: usize,
    cjk: Cjk,
    chinese: Option<bool>,
    stop: &Interrupt,
    mut emit: impl FnMut(Token<'a>),
) -> Result<()> {
    let mut from = 0;
    while from < text.len() {
        stop.check()?;
        let to = cut(text, from + chunk.max(1), chunk.max(1));
        crate::work::step(1);
        for_each_token_as(&text[from..to], cjk, chinese, |t| {
            let (start, end) = (t.start + from, t.end + from);
            emit(Token {
                text: &text[start..end],
                start,
                end,
                kind: t.kind,
            });
        });
        from = to;
    }
    Ok(())
}

/// The first place at or after `at` where a piece may end: after a line
/// feed (UAX #29 always breaks after one, and links and CJK runs stop at
/// it), else after an ASCII space followed by an ASCII letter or digit
/// (nothing joins a space to the letter after it) when no line feed comes
/// within another `chunk` bytes. The end of the text when there is none.
fn cut(text: &str, at: usize, chunk: usize) -> usize {
    let bytes = text.as_bytes();
    if at >= bytes.len() {
        return bytes.len();
    }
    let mut space = None;
    for (i, &b) in bytes.iter().enumerate().skip(at) {
        if b == b'\n' {
            return i + 1;
        }
        if space.is_none()
            && b == b' '
            && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
            && bytes.get(i.wrapping_sub(1)).is_some_and(|&p| p != b' ')
        {
            space = Some(i + 1);
        }
        // No newline within another piece's length: take the space.
        if let Some(s) = space {
            if i >= at + chunk {
                return s;
            }
        }
    }
    space.unwrap_or(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::super::for_each_token;
    use super::*;

    fn all(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for_each_token(text, |t| out.push((t.start, t.end)));
        out
    }

    fn chunked(text: &str, chunk: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for_each_token_chunked(text, chunk, &Interrupt::new(), |t| {
            assert_eq!(t.text, &text[t.start..t.end]);
            out.push((t.start, t.end));
        })
        .unwrap();
        out
    }

    #[test]
    fn pieces_give_the_tokens_of_one_pass() {
        let text = "Putin met Xi in 北京市 on Friday.\nSee https://example.org/a b ana@example.org \
                    1 000 000 rubles; l'État, naïve café\r\n\nهذا نص عربي  ภาษาไทย ok \u{301}x 🇫🇷 done";
        let text = text.repeat(20);
        for chunk in [1, 2, 3, 5, 8, 13, 64, 1000] {
            assert_eq!(chunked(&text, chunk), all(&text), "chunk {chunk}");
        }
    }

    #[test]
    fn an_interrupt_stops_between_pieces() {
        let stop = Interrupt::new();
        stop.raise();
        let mut n = 0;
        let r = for_each_token_chunked("a b c", 1, &stop, |_| n += 1);
        assert!(r.is_err());
        assert_eq!(n, 0);
    }
}

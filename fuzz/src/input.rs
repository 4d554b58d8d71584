//! Fuzzer bytes read as a few choices followed by a payload.

/// The choices come from the leading bytes, one byte each (0 once the input
/// runs out), so that small mutations change one option at a time.
pub struct Input<'a> {
    data: &'a [u8],
}

impl<'a> Input<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Input { data }
    }

    pub fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }

    /// A number in `0..n` (`n` ≤ 256).
    pub fn below(&mut self, n: usize) -> usize {
        usize::from(self.byte()) % n.max(1)
    }

    pub fn flag(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    /// One of `items`.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// The remaining bytes.
    pub fn rest(self) -> &'a [u8] {
        self.data
    }

    /// The remaining bytes as text, invalid UTF-8 replaced by U+FFFD.
    pub fn text(self) -> String {
        String::from_utf8_lossy(self.data).into_owned()
    }
}

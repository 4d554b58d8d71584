//! Sentence boundaries.
//!
//! A rule splitter in the manner of pySBD's golden rules: a sentence ends at a
//! terminator (`.`, `!`, `?`, `…`, and each script's own: `。！？`, `।`, `۔`,
//! `؟`, `።`, `။`, `។`) with the closing quotes and brackets after it, when
//! whitespace and a word that could start a sentence follow; at a blank line;
//! and at a line break that does not continue a clause. A period does not end
//! a sentence after an abbreviation of the language (`abbrev/<lang>.txt`), an
//! initial, letters joined by periods (`U.S.`, `z. B.`), a decimal or an
//! ordinal number where the language writes them with a period (`3. Oktober`).
//! Text with no terminator is one sentence. The scan is linear: every byte is
//! looked at a bounded number of times.

use std::ops::Range;

use crate::text::lang::Language;

pub(crate) mod abbrev;

use abbrev::Abbrev;

/// The byte ranges of the sentences of `text`, in order, each trimmed of
/// surrounding whitespace; text that is only whitespace has no sentence.
/// `lang` selects the language's abbreviations and conventions (ordinal
/// numbers with a period, Thai spaces, the Greek question mark); `None`
/// applies only the rules every language shares.
///
/// # Examples
///
/// ```
/// use textlens::sentence_spans;
///
/// let text = "Putin met Xi. They talked for hours! ";
/// let spans = sentence_spans(text, None);
/// assert_eq!(spans, [0..13, 14..36]);
/// assert_eq!(&text[spans[1].clone()], "They talked for hours!");
///
/// let de = "Am 3. Oktober kam Dr. Klein, z. B. mit 3.5 Mio. Euro. Dann ging er.";
/// assert_eq!(sentence_spans(de, Some("de".parse()?)).len(), 2);
/// # Ok::<(), textlens::Error>(())
/// ```
pub fn sentence_spans(text: &str, lang: Option<Language>) -> Vec<Range<usize>> {
    Splitter::new(text, lang).run()
}

/// The sentences of `text` as slices of it; see [`sentence_spans`].
///
/// # Examples
///
/// ```
/// use textlens::sentences;
///
/// assert_eq!(sentences("Guten Tag. Wie geht es?", None), ["Guten Tag.", "Wie geht es?"]);
/// ```
pub fn sentences(text: &str, lang: Option<Language>) -> Vec<&str> {
    sentence_spans(text, lang)
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

/// Languages that write ordinal numbers with a period (`3. Oktober`, `15. marca`).
fn writes_ordinal_dot(code: &str) -> bool {
    matches!(
        code,
        "de" | "da"
            | "nb"
            | "nn"
            | "no"
            | "fi"
            | "pl"
            | "cs"
            | "sk"
            | "sl"
            | "hr"
            | "sr"
            | "bs"
            | "hu"
            | "tr"
            | "az"
            | "et"
            | "lv"
            | "lt"
            | "is"
            | "fo"
    )
}

/// A terminator other than `.`, `!`, `?` and `…`: these end a sentence even
/// with no space after them.
fn is_strong(c: char) -> bool {
    matches!(
        c,
        '。' | '｡' | '！' | '？' | '।' | '॥' | '۔' | '؟' | '።' | '፧' | '။' | '។' | '៕'
    )
}

/// Closing quotes and brackets that belong to the sentence they follow.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '”'
            | '’'
            | '»'
            | '›'
            | ')'
            | ']'
            | '}'
            | '」'
            | '』'
            | '）'
            | '】'
            | '〕'
            | '〉'
            | '》'
            | '〗'
            | '〙'
            | '〛'
            | '］'
            | '｝'
            | '〞'
            | '＂'
            | '＇'
    )
}

/// What may stand before the first letter of a sentence.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '‘'
            | '«'
            | '‹'
            | '('
            | '['
            | '{'
            | '¿'
            | '¡'
            | '„'
            | '‚'
            | '「'
            | '『'
            | '（'
            | '【'
            | '〔'
            | '〈'
            | '《'
            | '`'
            | '-'
            | '–'
            | '—'
            | '*'
            | '•'
    )
}

/// Whether the text between two sentences holds a dash.
fn dialogue_dash(between: &str) -> bool {
    between.contains(['-', '–', '—'])
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}' | '\u{85}'
    )
}

/// Whether `word` has a vowel letter (Latin, Greek or Cyrillic); words of
/// other scripts count as having one.
fn has_vowel(word: &str) -> bool {
    word.chars().any(|c| {
        let c = c.to_lowercase().next().unwrap_or(c);
        !c.is_ascii_alphabetic() && !('\u{0400}'..='\u{04FF}').contains(&c)
            || "aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿąęœ".contains(c)
            || "аеёиоуыэюяіїє".contains(c)
    })
}

fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

/// Whether the character led by `lead` and `next` may be one the scan stops
/// at: the lead byte alone would stop at every Arabic letter (D8–DB) or Thai
/// letter (E0).
fn second_byte_fits(lead: u8, next: Option<&u8>) -> bool {
    let Some(&n) = next else { return false };
    match lead {
        0xC2 => n == 0x85,                                       // U+0085
        0xCD => n == 0xBE,                                       // U+037E ;
        0xD6 => n == 0x89,                                       // ։
        0xD8 => n == 0x9F,                                       // ؟
        0xDB => n == 0x94,                                       // ۔
        0xE0 => n == 0xA5,                                       // । ॥
        0xE1 => matches!(n, 0x81 | 0x8D | 0x9F),                 // ။ ። ፧ ។ ៕
        0xE2 | 0xE3 => n == 0x80 || (lead == 0xE2 && n == 0x81), // … ‼ ⁇–⁉ U+2028/9, 。
        0xEF => matches!(n, 0xBC | 0xBD),                        // ！ ？ ｡
        _ => true,
    }
}

/// A paragraph cut into sentences.
struct Splitter<'a> {
    text: &'a str,
    /// The bytes the scan stops at: ASCII terminators and line breaks, and
    /// the lead bytes of the other terminators.
    stop: [bool; 256],
    abbrevs: &'static abbrev::Table,
    ordinal_dot: bool,
    thai: bool,
    greek: bool,
    /// Scratch space for abbreviation keys.
    key: String,
}

impl<'a> Splitter<'a> {
    fn new(text: &'a str, lang: Option<Language>) -> Self {
        let code = lang.map_or("", Language::code);
        let mut stop = [false; 256];
        for b in [b'.', b'!', b'?', b'\n', b'\r', 0x0B, 0x0C] {
            stop[b as usize] = true;
        }
        // … U+2026 and U+2028/9 (E2), 。 (E3), ！？｡ (EF), । (E0), ။ ። ។ (E1),
        // ؟ (D8), ۔ (DB), ։ (D6), U+0085 (C2).
        for b in [0xE0, 0xE1, 0xE2, 0xE3, 0xEF, 0xD8, 0xDB, 0xD6, 0xC2] {
            stop[b] = true;
        }
        let (thai, greek) = (code == "th", code == "el");
        if thai {
            stop[b' ' as usize] = true;
        }
        if greek {
            // ; and U+037E, the Greek question mark.
            stop[b';' as usize] = true;
            stop[0xCD] = true;
        }
        Splitter {
            text,
            stop,
            abbrevs: abbrev::table(lang),
            ordinal_dot: writes_ordinal_dot(code),
            thai,
            greek,
            key: String::new(),
        }
    }

    fn is_terminator(&self, c: char) -> bool {
        matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '։')
            || is_strong(c)
            || (self.greek && matches!(c, ';' | '\u{037E}'))
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..).and_then(|s| s.chars().next())
    }

    fn run(mut self) -> Vec<Range<usize>> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if !self.stop[b as usize] || (b >= 0x80 && !second_byte_fits(b, bytes.get(i + 1))) {
                i += 1;
                continue;
            }
            // The scan stops only at ASCII and lead bytes: `i` is a char boundary.
            let Some(c) = self.char_at(i) else { break };
            let (cut, next) = if self.is_terminator(c) {
                self.terminator(i)
            } else if is_line_break(c) {
                self.line_break(start, i)
            } else if c == ' ' && self.thai {
                self.thai_space(i)
            } else {
                (None, i + c.len_utf8())
            };
            if let Some(end) = cut {
                out.extend(trimmed(start, &text[start..end]));
                start = end;
            }
            i = next;
        }
        out.extend(trimmed(start, &text[start..]));
        out
    }

    /// A run of terminators at `i` with its closing quotes and brackets: where
    /// the sentence ends, if it does, and where the scan goes on.
    fn terminator(&mut self, i: usize) -> (Option<usize>, usize) {
        let text = self.text;
        let (mut j, mut periods, mut others, mut strong) = (i, 0, 0, false);
        for c in text[i..].chars() {
            if !self.is_terminator(c) {
                break;
            }
            if c == '.' {
                periods += 1;
            } else {
                others += 1;
            }
            strong |= is_strong(c);
            j += c.len_utf8();
        }
        let closed = j;
        for c in text[j..].chars() {
            if !is_closer(c) {
                break;
            }
            j += c.len_utf8();
        }
        let mut end = j;
        // A closing quote set off by a space, as tokenized text has it
        // (`Het lijkt wel een droom. ''`).
        let rest = &text[end..];
        let ws = rest.len() - rest.trim_start().len();
        let detached = rest[ws..]
            .find(|c: char| !is_closer(c))
            .unwrap_or(rest.len() - ws);
        // A lone straight quote may as well open the next sentence.
        let quote = &rest[ws..ws + detached];
        if ws > 0
            && detached > 0
            && quote != "\""
            && quote != "'"
            && rest[ws + detached..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace)
        {
            end += ws + detached;
        }
        let Some(after) = self.char_at(end) else {
            return (Some(end), end);
        };
        if strong {
            return (Some(end), end);
        }
        if !after.is_whitespace() {
            // 3.5, U.S, example.org, "Yahoo!"-like names.
            return (None, end);
        }
        let Some((at, first)) = self.next_word(end) else {
            return (Some(end), end);
        };
        let continues = if periods == 1 && others == 0 {
            // A lowercase word after a lone period starts a sentence too,
            // unless the period ends an abbreviation.
            self.period_continues(i, at, first)
        } else if periods == 0 && closed == end && !dialogue_dash(&text[end..at]) {
            // "where did you grow up? in india?": a lowercase word after
            // ? or ! starts a sentence too, unless a quote or bracket closed
            // first ("Why?" he asked) or a dash opens a dialogue tag
            // ("Dlaczego? - spytała").
            false
        } else {
            first.is_lowercase()
        };
        ((!continues).then_some(end), end)
    }

    /// The first character of the next word after `from` (whitespace and
    /// opening quotes, brackets and dashes skipped), with its position.
    fn next_word(&self, from: usize) -> Option<(usize, char)> {
        let mut skipped = 0;
        for (k, c) in self.text[from..].char_indices() {
            if c.is_whitespace() || is_opener(c) {
                skipped += 1;
                if skipped > 32 {
                    return None;
                }
                continue;
            }
            return Some((from + k, c));
        }
        None
    }

    /// Whether the period at `dot` is inside a sentence whose next word starts
    /// at `at` with `first`.
    fn period_continues(&mut self, dot: usize, at: usize, first: char) -> bool {
        let text = self.text;
        let before = &text[..dot];
        // The word before the period; a long one is no abbreviation.
        let mut word_start = None;
        for (n, (k, c)) in before.char_indices().rev().enumerate() {
            if c.is_whitespace() {
                word_start = Some(k + c.len_utf8());
                break;
            }
            if n >= 24 {
                return false;
            }
        }
        let word = before[word_start.unwrap_or(0)..].trim_start_matches(is_opener);
        let Some(last) = word.chars().next_back() else {
            return false;
        };
        if !last.is_alphanumeric() {
            return false;
        }
        if word.bytes().all(|b| b.is_ascii_digit()) {
            // An ordinal number: "am 3. Oktober", not "im Jahr 2019. Dann".
            return first.is_lowercase()
                || (self.ordinal_dot && word.len() <= 2 && first.is_alphabetic());
        }
        // "dell'art. 5", "l'av. J.-C.": the elided article is not part of it.
        let bare = word.rsplit(['\'', '’']).next().unwrap_or(word);
        for w in [word, bare] {
            match self.abbrevs.get(w, &mut self.key) {
                Some(Abbrev::Inner) => return true,
                Some(Abbrev::MayEnd) => return first.is_lowercase() || first.is_numeric(),
                None => {}
            }
        }
        let mut chars = bare.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            // An initial ("J. R. R. Tolkien") or the first letter of a
            // spaced abbreviation ("z. B.", "т. е.", "a. m.", "l. 633").
            return c.is_uppercase()
                || first.is_lowercase()
                || first.is_numeric()
                || self.letter_and_period(at);
        }
        // Letters joined by periods: "U.S", "e.g", "z.B", "Ph.D".
        if bare.contains('.')
            && bare.split('.').all(|part| {
                (1..=2).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic)
            })
        {
            return true;
        }
        // An abbreviation no list has: letters without a vowel ("vgl", "Hrsg").
        first.is_lowercase() && bare.chars().all(char::is_alphabetic) && !has_vowel(bare)
    }

    /// Whether one letter and a period stand at `at`.
    fn letter_and_period(&self, at: usize) -> bool {
        let mut chars = self.text[at..].chars();
        matches!((chars.next(), chars.next()), (Some(c), Some('.')) if c.is_alphabetic())
    }

    /// A line break at `i`: a blank line ends a sentence; one line break ends
    /// it unless the line continues a clause (it ends in a comma or the next
    /// line starts in lowercase) or is long enough to be wrapped text.
    fn line_break(&self, start: usize, i: usize) -> (Option<usize>, usize) {
        let text = self.text;
        let (mut j, mut breaks, mut prev_cr) = (i, 0, false);
        for c in text[i..].chars() {
            if !c.is_whitespace() {
                break;
            }
            if is_line_break(c) && !(c == '\n' && prev_cr) {
                breaks += 1;
            }
            prev_cr = c == '\r';
            j += c.len_utf8();
        }
        if j == text.len() || text[start..i].trim().is_empty() {
            return (None, j);
        }
        if breaks >= 2 {
            return (Some(i), j);
        }
        let Some(p) = text[..i].trim_end().chars().next_back() else {
            return (None, j);
        };
        if matches!(p, ',' | ';' | ':' | '-' | '–' | '—' | '(' | '/' | '&') {
            return (None, j);
        }
        let next = self.char_at(j).unwrap_or(' ');
        if next.is_lowercase() {
            return (None, j);
        }
        // Wrapped text: a long line that ends in a word.
        let line_start = text[..i]
            .rfind('\n')
            .map_or(0, |k| k + 1)
            .max(i.saturating_sub(400));
        let long = text
            .get(line_start..i)
            .is_some_and(|l| l.chars().count() >= 50);
        let bullet = matches!(next, '-' | '*' | '•' | '–' | '·') || next.is_ascii_digit();
        if long && p.is_alphanumeric() && !bullet {
            return (None, j);
        }
        (Some(i), j)
    }

    /// A space in Thai text: Thai writes no sentence punctuation and puts a
    /// space between sentences (and phrases).
    fn thai_space(&self, i: usize) -> (Option<usize>, usize) {
        let text = self.text;
        let j = i + text[i..].len() - text[i..].trim_start().len();
        let before = text[..i].chars().next_back().is_some_and(is_thai);
        let after = self.char_at(j).is_some_and(is_thai);
        ((before && after).then_some(i), j.max(i + 1))
    }
}

/// `s` (found at byte `start`) without leading and trailing whitespace, as a
/// range of the whole text; `None` when nothing is left.
fn trimmed(start: usize, s: &str) -> Option<Range<usize>> {
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    (!body.is_empty()).then(|| start + lead..start + lead + body.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_only_has_no_sentence() {
        assert!(sentence_spans(" \n\t ", None).is_empty());
        assert!(sentence_spans("", None).is_empty());
    }

    #[test]
    fn spans_slice_back_to_the_text() {
        let text = "«Да», сказал он.  Потом ушёл. 我们走了。他们留下了！";
        for r in sentence_spans(text, None) {
            assert_eq!(text[r.clone()].trim(), &text[r]);
        }
        assert_eq!(sentences(text, None).len(), 4);
    }

    fn split<'a>(text: &'a str, lang: &str) -> Vec<&'a str> {
        sentences(text, Some(lang.parse().unwrap()))
    }

    #[test]
    fn abbreviations_initials_ordinals_and_decimals_stay_inside() {
        assert_eq!(
            split(
                "Dr. Smith met Prof. J. R. Jones at 3.30 p.m. in the U.S. Army office. It rained.",
                "en"
            ),
            [
                "Dr. Smith met Prof. J. R. Jones at 3.30 p.m. in the U.S. Army office.",
                "It rained."
            ]
        );
        assert_eq!(
            split(
                "Am 3. Oktober kam er, z. B. mit Frau Dr. Klein, vgl. S. 124. Dann ging er.",
                "de"
            ),
            [
                "Am 3. Oktober kam er, z. B. mit Frau Dr. Klein, vgl. S. 124.",
                "Dann ging er."
            ]
        );
        assert_eq!(
            split("Он приехал, т. е. вернулся в 1990 г. Потом уехал.", "ru"),
            ["Он приехал, т. е. вернулся в 1990 г.", "Потом уехал."]
        );
        assert_eq!(
            split(
                "Llegó a las 10 a. m. con el Sr. Pérez. ¿Vienes? ¡Claro!",
                "es"
            ),
            [
                "Llegó a las 10 a. m. con el Sr. Pérez.",
                "¿Vienes?",
                "¡Claro!"
            ]
        );
    }

    #[test]
    fn quotes_brackets_ellipses_urls_and_emails() {
        assert_eq!(
            split("He said \"Stop.\" Then he left (quickly.) Mail a@b.org or see www.x.org. Well... maybe. Wait… Now!", "en"),
            ["He said \"Stop.\"", "Then he left (quickly.)", "Mail a@b.org or see www.x.org.", "Well... maybe.", "Wait…", "Now!"]
        );
        assert_eq!(
            split("«Уходи!» — сказал он. Она ушла.", "ru"),
            ["«Уходи!» — сказал он.", "Она ушла."]
        );
    }

    #[test]
    fn each_script_has_its_own_terminators() {
        assert_eq!(
            sentences("我们走了。他们留下了！真的吗？", None),
            ["我们走了。", "他们留下了！", "真的吗？"]
        );
        assert_eq!(sentences("वह गया। वह आया।", None), ["वह गया।", "वह आया।"]);
        assert_eq!(sentences("کیا آپ آئیں گے؟ ہاں۔ ٹھیک ہے۔", None).len(), 3);
        assert_eq!(sentences("ሰላም ነው። እንዴት ነህ፧", None).len(), 2);
        assert_eq!(sentences("သူသွားတယ်။ သူပြန်လာတယ်။", None).len(), 2);
        assert_eq!(sentences("គាត់ទៅ។ គាត់មក។", None).len(), 2);
        assert_eq!(split("Τι κάνεις; Καλά.", "el"), ["Τι κάνεις;", "Καλά."]);
        assert_eq!(split("ฉันไปตลาด เขาอยู่บ้าน", "th"), ["ฉันไปตลาด", "เขาอยู่บ้าน"]);
    }

    #[test]
    fn headlines_and_lists_without_a_period() {
        assert_eq!(
            sentences(
                "Introduction\nThe text starts here.\n\n- first item\n- second item",
                None
            ),
            [
                "Introduction",
                "The text starts here.",
                "- first item",
                "- second item"
            ]
        );
        // A clause wrapped onto the next line goes on.
        assert_eq!(
            sentences("a sentence that goes\non here.", None),
            ["a sentence that goes\non here."]
        );
    }

    #[test]
    fn bad_input_has_a_defined_linear_result() {
        assert_eq!(sentences("?!.…", None), ["?!.…"]);
        assert_eq!(sentences("\u{301}\u{301}. x", None).len(), 2);
        let dots = ".".repeat(100_000);
        assert_eq!(sentences(&dots, None).len(), 1);
        let many = "Dr. ".repeat(50_000);
        assert_eq!(sentence_spans(&many, Some("en".parse().unwrap())).len(), 1);
        let thai = "ก".repeat(200_000);
        assert_eq!(sentences(&thai, Some("th".parse().unwrap())).len(), 1);
    }
}

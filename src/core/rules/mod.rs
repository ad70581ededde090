//! The rules input must keep beyond its shape, checked without I/O: a plan's
//! (`plan`) and one published figure's (`observation`). Each broken rule says
//! what is wrong, what was expected and a hint, in one wording that every
//! reader of that input reports.

pub mod magnitude;
pub mod observation;
mod plan;
mod target;

pub use plan::{Violation, check, doubts};

/// A character that shows as nothing, or moves what follows: zero-width
/// spaces and joiners, direction marks, embeddings, overrides and
/// isolates, the byte-order mark. Printed, it hides or reorders text.
pub fn invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{061c}' | '\u{feff}')
}

/// The first character of `text` a terminal would act on or that hides
/// text: a control character (a line feed and a tab allowed where
/// `lines`), a carriage return anywhere, or an invisible one.
pub fn unsafe_char(text: &str, lines: bool) -> Option<char> {
    // ASCII (nearly every name) has no invisible character, and its control
    // characters are the bytes below 0x20 and 0x7f: found without decoding.
    if text.is_ascii() {
        return text
            .bytes()
            .find(|&b| (b < 0x20 || b == 0x7f) && !(lines && matches!(b, b'\t' | b'\n')))
            .map(char::from);
    }
    text.chars()
        .find(|&c| invisible(c) || (c.is_control() && !(lines && matches!(c, '\t' | '\n'))))
}

/// A figure that breaks a rule, in words a person can act on; the reader that
/// found it says where.
#[derive(Debug, Clone, PartialEq)]
pub struct Breach {
    pub message: String,
    pub expected: String,
    pub hint: Option<String>,
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// `unsafe_char` as it reads any text, character by character.
    fn by_chars(text: &str, lines: bool) -> Option<char> {
        text.chars().find(|&c| {
            super::invisible(c) || (c.is_control() && !(lines && matches!(c, '\t' | '\n')))
        })
    }

    proptest! {
        /// The ASCII short cut finds what reading character by character finds.
        #[test]
        fn ascii_is_read_as_any_text(bytes in proptest::collection::vec(0u8..0x80, 0..40), lines: bool) {
            let text = String::from_utf8(bytes).unwrap();
            prop_assert_eq!(super::unsafe_char(&text, lines), by_chars(&text, lines));
        }
    }

    #[test]
    fn every_ascii_byte_alone() {
        for b in 0u8..0x80 {
            let text = char::from(b).to_string();
            for lines in [false, true] {
                assert_eq!(
                    super::unsafe_char(&text, lines),
                    by_chars(&text, lines),
                    "{b:#x}"
                );
            }
        }
        assert_eq!(super::unsafe_char("a\u{200b}b", false), Some('\u{200b}'));
    }
}

//! Turning a file's bytes into text: UTF-8 (with or without a byte-order
//! mark), UTF-16 with a mark, or GBK/GB18030 as Excel on Chinese Windows saves.

use crate::problem::Problem;

/// The encoding asked for on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8 if the bytes are valid UTF-8 (or carry a mark), else GB18030.
    #[default]
    Auto,
    Utf8,
    /// GBK, read as its superset GB18030.
    Gbk,
}

impl std::str::FromStr for Encoding {
    type Err = String;
    fn from_str(s: &str) -> Result<Encoding, String> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Ok(Encoding::Auto),
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "gbk" | "gb18030" | "gb2312" => Ok(Encoding::Gbk),
            _ => Err(format!(
                "`{s}` is not an encoding; one of: auto, utf-8, gbk"
            )),
        }
    }
}

/// The text of `bytes` and the name of the encoding it was read in. UTF-8
/// bytes become the text in place, not copied.
pub fn decode(
    name: &str,
    bytes: Vec<u8>,
    encoding: Encoding,
) -> Result<(String, &'static str), Problem> {
    // A byte-order mark says what the file is, whatever was asked.
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(&bytes) {
        if enc == encoding_rs::UTF_8 {
            let mut bytes = bytes;
            bytes.drain(..bom_len);
            if let Ok(text) = String::from_utf8(bytes) {
                return Ok((text, enc.name()));
            }
            return Err(not_in(name, "UTF-8", 0).hint(
                "the file starts with a UTF-8 mark but is not UTF-8: save it again as CSV UTF-8",
            ));
        }
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if !had_errors {
            return Ok((text.into_owned(), enc.name()));
        }
    }
    // UTF-16 without a mark, as Excel's "Unicode text" may be: every other
    // byte of its ASCII is 0.
    if let Some(enc) = utf16_unmarked(&bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes);
        if !had_errors {
            return Ok((text.into_owned(), enc.name()));
        }
    }
    let bytes = match (encoding, String::from_utf8(bytes)) {
        (Encoding::Auto | Encoding::Utf8, Ok(text)) => return Ok((text, "UTF-8")),
        (Encoding::Utf8, Err(e)) => {
            return Err(not_in(name, "UTF-8", e.utf8_error().valid_up_to())
                .hint("if Excel saved it on Chinese Windows it is GBK: pass --encoding gbk"));
        }
        // UTF-8 throughout but for a character cut at the very end (a
        // download or a copy broken off): broken UTF-8. Read as GBK, its last
        // bytes would become another character without a word.
        (Encoding::Auto, Err(e)) if e.utf8_error().error_len().is_none() => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(&e.as_bytes()[..at]);
            let line = text.matches('\n').count() + 1;
            return Err(Problem::error(format!(
                "the file ends in the middle of a character (line {line}, byte {at}): it is UTF-8 cut short"
            ))
            .in_file(name)
            .expected("whole UTF-8 text")
            .hint("the file was cut off in a download or a copy: get it again; if it is GBK, pass --encoding gbk"));
        }
        (_, Ok(text)) => text.into_bytes(),
        (_, Err(e)) => e.into_bytes(),
    };
    // Lines of UTF-8 beside lines that are not: two files pasted together,
    // which no one encoding reads right. GBK would read the UTF-8 lines as
    // other characters (备注 as 澶囨敞) without a word.
    // Shaped as UTF-8 throughout, but with overlong or surrogate sequences
    // (C0 AF for `/`, ED A0 80): broken UTF-8, not GBK, whose trail bytes
    // seldom fit UTF-8's shape.
    if encoding == Encoding::Auto && utf8_shaped(&bytes) {
        let text = String::from_utf8_lossy(&bytes);
        let line = text[..text.find('\u{fffd}').unwrap_or(0)]
            .matches('\n')
            .count()
            + 1;
        return Err(Problem::error(format!(
            "line {line} holds an overlong or surrogate UTF-8 sequence, which no text may hold"
        ))
        .in_file(name)
        .expected("valid UTF-8 text")
        .hint("save the file again as UTF-8 (in Excel: \"CSV UTF-8\"); if it is GBK, pass --encoding gbk"));
    }
    if encoding == Encoding::Auto
        && let Some(line) = mixed(&bytes)
    {
        return Err(Problem::error(format!(
            "line {line} is not UTF-8, but other lines are: the file mixes two encodings"
        ))
        .in_file(name)
        .expected("one encoding for the whole file")
        .hint("save the whole file again as UTF-8 (in Excel: \"CSV UTF-8\")"));
    }
    let (text, _, had_errors) = encoding_rs::GB18030.decode(&bytes);
    if had_errors {
        let first_bad = text.find('\u{fffd}').unwrap_or(0);
        Err(not_in(name, "UTF-8 or GBK", first_bad)
            .hint("save it as UTF-8 (in Excel: \"CSV UTF-8\") and ingest it again"))
    } else {
        Ok((text.into_owned(), "GBK"))
    }
}

/// UTF-16 little- or big-endian without a byte-order mark: in its first
/// bytes, nearly every other byte is 0 (ASCII text does that, and no UTF-8
/// or GBK text has NUL bytes).
fn utf16_unmarked(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(512) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let zeros = |offset: usize| (0..pairs).filter(|i| head[2 * i + offset] == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    if odd * 10 >= pairs * 7 && even * 10 < pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= pairs * 7 && odd * 10 < pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Whether every byte beyond ASCII sits in a sequence of UTF-8's shape: a
/// lead byte and as many bytes 80-BF as it calls for (overlong and
/// surrogate forms included, which valid UTF-8 refuses).
fn utf8_shaped(bytes: &[u8]) -> bool {
    let mut i = 0;
    let mut beyond_ascii = false;
    while i < bytes.len() {
        let n = match bytes[i] {
            0x00..=0x7F => 0,
            0xC0..=0xDF => 1,
            0xE0..=0xEF => 2,
            0xF0..=0xF7 => 3,
            _ => return false,
        };
        if n > 0 {
            beyond_ascii = true;
        }
        let tail = bytes.get(i + 1..i + 1 + n);
        if !tail.is_some_and(|t| t.iter().all(|&b| (0x80..=0xBF).contains(&b))) {
            return false;
        }
        i += 1 + n;
    }
    beyond_ascii
}

/// The first line (1-based) that is not UTF-8 in a file where another line
/// is UTF-8 beyond ASCII; none when the lines agree.
fn mixed(bytes: &[u8]) -> Option<usize> {
    let mut utf8_beyond_ascii = false;
    let mut first_bad = None;
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        match std::str::from_utf8(line) {
            // Two Chinese characters at least: a short run of GBK bytes can
            // happen to be UTF-8 (泄 is D0 B9, UTF-8's й), a line of them not.
            Ok(text)
                if text
                    .chars()
                    .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                    .count()
                    >= 2 =>
            {
                utf8_beyond_ascii = true;
            }
            Ok(_) => {}
            Err(_) => {
                first_bad.get_or_insert(i + 1);
            }
        }
        if utf8_beyond_ascii && first_bad.is_some() {
            return first_bad;
        }
    }
    None
}

fn not_in(name: &str, encodings: &str, offset: usize) -> Problem {
    Problem::error(format!(
        "the file is not {encodings} text (first bad byte at offset {offset})"
    ))
    .in_file(name)
    .expected(format!("{encodings} text"))
}

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
    let bytes = match (encoding, String::from_utf8(bytes)) {
        (Encoding::Auto | Encoding::Utf8, Ok(text)) => return Ok((text, "UTF-8")),
        (Encoding::Utf8, Err(e)) => {
            return Err(not_in(name, "UTF-8", e.utf8_error().valid_up_to())
                .hint("if Excel saved it on Chinese Windows it is GBK: pass --encoding gbk"));
        }
        (_, Ok(text)) => text.into_bytes(),
        (_, Err(e)) => e.into_bytes(),
    };
    let (text, _, had_errors) = encoding_rs::GB18030.decode(&bytes);
    if had_errors {
        let first_bad = text.find('\u{fffd}').unwrap_or(0);
        Err(not_in(name, "UTF-8 or GBK", first_bad)
            .hint("save it as UTF-8 (in Excel: \"CSV UTF-8\") and ingest it again"))
    } else {
        Ok((text.into_owned(), "GBK"))
    }
}

fn not_in(name: &str, encodings: &str, offset: usize) -> Problem {
    Problem::error(format!(
        "the file is not {encodings} text (first bad byte at offset {offset})"
    ))
    .in_file(name)
    .expected(format!("{encodings} text"))
}

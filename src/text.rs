//! Text made in memory: CSV and pretty JSON. Their writers return errors
//! for failed I/O and for data JSON cannot express; in memory, from the
//! tool's own types, neither can happen. These helpers say so once, instead
//! of every caller dropping or defaulting a result it cannot get.

use serde::Serialize;

/// CSV that `fill` writes with `builder`'s settings into a buffer of
/// `capacity` bytes to start with.
pub fn csv(
    builder: &csv::WriterBuilder,
    capacity: usize,
    fill: impl FnOnce(&mut csv::Writer<Vec<u8>>) -> csv::Result<()>,
) -> String {
    let mut w = builder.from_writer(Vec::with_capacity(capacity));
    // A Vec takes every byte, so neither a write nor the flush in
    // `into_inner` can fail; fields are `&str`, so the text is UTF-8.
    fill(&mut w).expect("CSV is written to memory");
    let bytes = w.into_inner().expect("CSV is flushed to memory");
    String::from_utf8(bytes).expect("CSV of UTF-8 fields is UTF-8")
}

/// Appends `field` to a CSV line as the csv crate writes it: as it is,
/// or, when it holds a comma, a quote or a line break, in quotes with its
/// quotes doubled. For a million rows written field by field, where the
/// crate's writer took a tenth of an ingest (docs/performance.md).
///
/// Inlined, the common case (nothing to quote) costs no call: ten million
/// fields made a call's saving of registers a twentieth of an ingest.
#[inline]
pub fn push_csv_field(out: &mut String, field: &str) {
    if field
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        push_quoted(out, field);
    } else {
        out.push_str(field);
    }
}

/// `field` in quotes, its quotes doubled.
#[cold]
#[inline(never)]
fn push_quoted(out: &mut String, field: &str) {
    out.push('"');
    for (i, part) in field.split('"').enumerate() {
        if i > 0 {
            out.push_str("\"\"");
        }
        out.push_str(part);
    }
    out.push('"');
}

/// `value` as pretty-printed JSON.
pub fn json_pretty<T: Serialize + ?Sized>(value: &T) -> String {
    // The tool's types are structs, lists and maps with string keys, of
    // strings and finite numbers: all JSON can hold.
    serde_json::to_string_pretty(value).expect("the tool's types serialise to JSON")
}

//! Where each field of a CSV record sits in the file's text, for pointing at it.

/// (start, length) in bytes of every field of the record starting at `start`.
pub fn field_spans(text: &str, start: usize, delimiter: u8) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut spans = Vec::new();
    let mut i = start;
    loop {
        let field_start = i;
        if b.get(i) == Some(&b'"') {
            i += 1;
            while i < b.len() {
                if b[i] == b'"' {
                    if b.get(i + 1) == Some(&b'"') {
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                i += 1;
            }
        }
        while i < b.len() && b[i] != delimiter && b[i] != b'\n' && b[i] != b'\r' {
            i += 1;
        }
        spans.push((field_start, i - field_start));
        if b.get(i) == Some(&delimiter) {
            i += 1;
        } else {
            return spans;
        }
    }
}

/// Length in bytes of the line starting at `start` (at least 1, to underline).
pub fn line_len(text: &str, start: usize) -> usize {
    let start = start.min(text.len());
    text[start..]
        .find(['\n', '\r'])
        .unwrap_or(text.len() - start)
        .max(1)
}

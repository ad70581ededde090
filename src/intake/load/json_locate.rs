//! Finding where a value sits in a JSON text, so a plan error can point at it.
//!
//! serde gives positions for syntax and type errors only; the rules checked
//! after parsing (`crate::core::rules`) need this small structural scan of the text,
//! which was already proven valid JSON by serde.

use std::ops::Range;

fn skip_ws(src: &[u8], mut i: usize) -> usize {
    while i < src.len() && src[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// End (exclusive) of the string whose opening quote is at `i`.
fn string_end(src: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < src.len() {
        match src[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    src.len()
}

/// End (exclusive) of the value starting at `i`.
fn value_end(src: &[u8], i: usize) -> usize {
    match src.get(i) {
        Some(b'"') => string_end(src, i),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut j = i;
            while j < src.len() {
                match src[j] {
                    b'"' => {
                        j = string_end(src, j);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return j + 1;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            src.len()
        }
        _ => {
            let mut j = i;
            while j < src.len()
                && !matches!(src[j], b',' | b'}' | b']')
                && !src[j].is_ascii_whitespace()
            {
                j += 1;
            }
            j
        }
    }
}

/// The range of the top-level object (or other value) of the document.
pub fn root(src: &str) -> Option<Range<usize>> {
    let b = src.as_bytes();
    let start = skip_ws(b, 0);
    (start < b.len()).then(|| start..value_end(b, start))
}

/// The range of the value of `key` in the object at `object`.
pub fn member(src: &str, object: &Range<usize>, key: &str) -> Option<Range<usize>> {
    let b = src.as_bytes();
    if b.get(object.start) != Some(&b'{') {
        return None;
    }
    let mut i = object.start + 1;
    loop {
        i = skip_ws(b, i);
        if i >= object.end || b[i] != b'"' {
            return None;
        }
        let key_end = string_end(b, i);
        let found = &src[i + 1..key_end.saturating_sub(1).max(i + 1)];
        i = skip_ws(b, key_end);
        if b.get(i) != Some(&b':') {
            return None;
        }
        let value_start = skip_ws(b, i + 1);
        let end = value_end(b, value_start);
        if found == key {
            return Some(value_start..end);
        }
        i = skip_ws(b, end);
        if b.get(i) != Some(&b',') {
            return None;
        }
        i += 1;
    }
}

/// The ranges of the elements of the array at `array`.
pub fn elements(src: &str, array: &Range<usize>) -> Vec<Range<usize>> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    if b.get(array.start) != Some(&b'[') {
        return out;
    }
    let mut i = skip_ws(b, array.start + 1);
    while i < array.end && b[i] != b']' {
        let end = value_end(b, i);
        out.push(i..end);
        i = skip_ws(b, end);
        if b.get(i) == Some(&b',') {
            i = skip_ws(b, i + 1);
        } else {
            break;
        }
    }
    out
}

//! CSV records of a text already in memory, and where each field sits in
//! it: the one CSV reader of the tool. A line with no quote and no stray
//! carriage return (nearly every line of a store) is split at its commas in
//! place; any other goes to `csv_core` (the engine of the `csv` crate), with
//! one reader per thread: building a reader builds its state machine, which
//! costs more than reading a small store.

use std::cell::RefCell;

use csv_core::ReadRecordResult;

/// One record: its fields' text and where it starts in the input; a view
/// into the reader's buffers, so no row is copied.
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    text: &'a str,
    ends: &'a [usize],
    /// Bytes between one field's end and the next one's start: 1 (the comma)
    /// in a line read in place, 0 in `csv_core`'s unescaped output.
    gap: usize,
    /// Byte offset of the record's first byte in the input.
    pub start: usize,
}

impl<'a> Record<'a> {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Field `i`, unescaped.
    pub fn get(&self, i: usize) -> Option<&'a str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 {
            0
        } else {
            self.ends[i - 1] + self.gap
        };
        self.text.get(start..end)
    }

    /// Fields `first` to `last` as they stand in the input, the delimiters
    /// between them included, when the record was read in place; `None` for
    /// a record `csv_core` unescaped (its fields lie side by side with
    /// nothing between, so two records could give the same text).
    pub fn raw(&self, first: usize, last: usize) -> Option<&'a str> {
        if self.gap != 1 || first > last {
            return None;
        }
        let end = *self.ends.get(last)?;
        let start = if first == 0 {
            0
        } else {
            self.ends.get(first - 1)? + 1
        };
        self.text.get(start..end)
    }

    /// Field `i`'s byte span (start, length) in the input, when the record
    /// was read in place: its text is then exactly that slice of the input.
    /// `None` for a record `csv_core` unescaped into its own buffer.
    pub fn span(&self, i: usize) -> Option<(usize, usize)> {
        if self.gap != 1 {
            return None;
        }
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] + 1 };
        Some((self.start + start, end - start))
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let r = *self;
        (0..r.len()).map(move |i| r.get(i).unwrap_or(""))
    }
}

thread_local! {
    static READER: RefCell<csv_core::Reader> = RefCell::new(csv_core::Reader::new());
}

/// Calls `each` with every record of `input` in order (one `Record`,
/// refilled, so no allocation per row). Blank lines are skipped, as the csv
/// crate does; quoting follows RFC 4180 with the csv crate's defaults.
/// Returns where a quote opened that is never closed: the reader then took
/// every line after it as one field, so the caller must refuse the text.
pub fn for_each(input: &str, each: impl FnMut(&Record<'_>)) -> Option<usize> {
    for_each_split(input, b',', each)
}

/// `text` from byte `from` (a line's start) to its end, cut into up to
/// `parts` ranges of whole lines, in order, each cut just after a line feed:
/// for reading a text where every line is a record (no quote) on several
/// cores.
pub fn line_ranges(text: &str, from: usize, parts: usize) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut cuts = vec![from];
    for k in 1..parts {
        let guess = from + (text.len() - from) * k / parts;
        let cut = memchr::memchr(b'\n', &bytes[guess..]).map_or(text.len(), |i| guess + i + 1);
        if cut > cuts[cuts.len() - 1] && cut < text.len() {
            cuts.push(cut);
        }
    }
    cuts.push(text.len());
    cuts.windows(2).map(|w| w[0]..w[1]).collect()
}

/// The problem of a quote never closed, in the same words for every reader
/// of CSV, at the place `locate` makes of its message.
pub fn unclosed_quote_problem(
    locate: impl FnOnce(String) -> crate::problem::Problem,
) -> crate::problem::Problem {
    locate(
        "a quote opened here is never closed, so every line after it would be read as one field"
            .to_string(),
    )
    .expected("a closing quote (\") at the end of the field")
    .hint("a quote inside a quoted field is written twice (\"\"); or remove the stray quote")
}

/// Where a quote opened in the record at `start` is still open at the end
/// of `text`, reading as `csv_core` does: a quote opens a field only at the
/// field's start, and `""` inside it is a quote.
fn unclosed_quote(text: &str, start: usize, delimiter: u8) -> Option<usize> {
    let b = text.as_bytes();
    let (mut i, mut field_start, mut open) = (start, true, None);
    while i < b.len() {
        match open {
            None => {
                if field_start && b[i] == b'"' {
                    open = Some(i);
                }
                field_start = b[i] == delimiter || b[i] == b'\n' || b[i] == b'\r';
            }
            Some(_) if b[i] == b'"' && b.get(i + 1) == Some(&b'"') => i += 1,
            Some(_) if b[i] == b'"' => {
                open = None;
                field_start = false;
            }
            Some(_) => {}
        }
        i += 1;
    }
    open
}

/// `for_each` for fields separated by `delimiter` (a comma, or a tab in the
/// "Unicode text" Excel saves).
pub fn for_each_split(
    input: &str,
    delimiter: u8,
    mut each: impl FnMut(&Record<'_>),
) -> Option<usize> {
    // A text with no quote and no carriage return at all (a store as this
    // tool writes it) is split in one vector search for its delimiters and
    // line feeds, with no per-line test.
    if memchr::memchr2(b'"', b'\r', input.as_bytes()).is_none() {
        for_each_plain(input, delimiter, each);
        return None;
    }
    READER.with(|shared| {
        // The shared reader reads commas; another delimiter gets its own.
        let (mut guard, mut own): (std::cell::RefMut<csv_core::Reader>, csv_core::Reader);
        let reader: &mut csv_core::Reader = if delimiter == b',' {
            guard = shared.borrow_mut();
            guard.reset();
            &mut guard
        } else {
            own = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
            &mut own
        };
        let bytes = input.as_bytes();
        let (mut buf, mut ends) = (vec![0u8; 1024], vec![0usize; 32]);
        let mut pos = 0;
        // Where the last record `csv_core` read starts: only it can hold a
        // quote still open at the end, having taken the rest of the input.
        let mut quoted: Option<usize> = None;
        loop {
            if let Some((line, next)) = plain_line(input, pos, delimiter, &mut ends) {
                each(&Record {
                    text: line,
                    ends: &ends,
                    gap: 1,
                    start: pos,
                });
                pos = next;
                continue;
            }
            ends.resize(ends.len().max(32), 0);
            let (mut out, mut nends, mut start) = (0, 0, None);
            let result = loop {
                let rest = &bytes[pos..];
                let (result, nin, nout, nend) =
                    reader.read_record(rest, &mut buf[out..], &mut ends[nends..]);
                if start.is_none() && nin > 0 {
                    // Blank lines before the record are consumed with it.
                    let blank = rest[..nin]
                        .iter()
                        .take_while(|b| matches!(b, b'\r' | b'\n'))
                        .count();
                    start = Some(pos + blank);
                }
                pos += nin;
                out += nout;
                nends += nend;
                match result {
                    ReadRecordResult::InputEmpty => {}
                    ReadRecordResult::OutputFull => buf.resize(buf.len() * 2, 0),
                    ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
                    other => break other,
                }
            };
            if result == ReadRecordResult::End {
                return quoted.and_then(|at| unclosed_quote(input, at, delimiter));
            }
            // Fields are pieces of valid UTF-8 cut at ASCII delimiters, with
            // ASCII quotes taken out: valid UTF-8 again.
            let record = Record {
                text: std::str::from_utf8(&buf[..out]).unwrap_or_default(),
                ends: &ends[..nends],
                gap: 0,
                start: start.unwrap_or(pos),
            };
            quoted = Some(record.start);
            each(&record);
        }
    })
}

/// Eight bytes a step: a bit set (the high bit of its byte) for each byte of
/// `word` equal to `byte`, exactly (no false hits from borrows).
fn bytes_equal(word: u64, byte: u8) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let x = word ^ (u64::from(byte) * 0x0101_0101_0101_0101);
    // A byte's high bit ends up set only when the byte was zero.
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// Where the first comma or line feed at or after `from` lies in `bytes`
/// (its length if none), eight bytes a step: a store's cells are a few
/// bytes long, so the answer is nearly always in the first word.
#[inline]
pub fn cell_end(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let found = bytes_equal(word, b',') | bytes_equal(word, b'\n');
        if found != 0 {
            return at + found.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    let rest = bytes.get(at..).unwrap_or_default();
    rest.iter()
        .position(|&b| b == b',' || b == b'\n')
        .map_or(bytes.len(), |i| at + i)
}

/// The commas and line feeds among the 64 bytes of `bytes` from `at`, as
/// the bits of a word (bit i for byte `at + i`); `None` where fewer than
/// 64 bytes are left. Four 16-byte compares, where finding each cell's
/// end eight bytes a step was a chain of waits, one cell after another:
/// with the word, each end is a shift and a count (`end_of`).
#[cfg(target_arch = "x86_64")]
#[inline]
pub fn line_separators(bytes: &[u8], at: usize) -> Option<Separators> {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    let chunk = bytes.get(at..at.checked_add(64)?)?;
    let mut word = 0;
    for (i, part) in chunk.chunks_exact(16).enumerate() {
        let part: [u8; 16] = part.try_into().ok()?;
        // SAFETY: SSE2, which these need, is part of every x86_64
        // processor; and 16 bytes are a 128-bit vector (the same size, and
        // every bit pattern a valid one).
        let hits = unsafe {
            let v = std::mem::transmute::<[u8; 16], __m128i>(part);
            let (comma, feed) = (_mm_set1_epi8(b',' as i8), _mm_set1_epi8(b'\n' as i8));
            _mm_movemask_epi8(_mm_or_si128(
                _mm_cmpeq_epi8(v, comma),
                _mm_cmpeq_epi8(v, feed),
            ))
        };
        word |= u64::from(hits as u16) << (16 * i);
    }
    Some(Separators { from: at, word })
}

/// `line_separators` where there are no 16-byte compares to use: never a
/// word, so every end is found by `cell_end`.
#[cfg(not(target_arch = "x86_64"))]
#[inline]
pub fn line_separators(_bytes: &[u8], _at: usize) -> Option<Separators> {
    None
}

/// The commas and line feeds of 64 bytes from `from` (`line_separators`).
#[derive(Clone, Copy)]
pub struct Separators {
    from: usize,
    word: u64,
}

/// Where the first comma or line feed at or after `at` lies, as `cell_end`
/// finds it: from the word where it holds one there, else by `cell_end`.
#[inline]
pub fn end_of(separators: Option<Separators>, bytes: &[u8], at: usize) -> usize {
    if let Some(Separators { from, word }) = separators {
        let ahead = at.wrapping_sub(from);
        if ahead < 64 && word >> ahead != 0 {
            return at + (word >> ahead).trailing_zeros() as usize;
        }
    }
    cell_end(bytes, at)
}

/// The positions of `delimiter` and of line feeds in `bytes`, in order,
/// eight bytes a step: a store's line has a separator every few bytes,
/// where a vector search's set-up for each hit costs more than it saves.
fn separators(bytes: &[u8], delimiter: u8, mut hit: impl FnMut(usize)) {
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let mut found = bytes_equal(word, delimiter) | bytes_equal(word, b'\n');
        while found != 0 {
            hit(at + found.trailing_zeros() as usize / 8);
            found &= found - 1;
        }
        at += 8;
    }
    for (i, &b) in chunks.remainder().iter().enumerate() {
        if b == delimiter || b == b'\n' {
            hit(at + i);
        }
    }
}

/// `for_each_split` for a text holding no quote and no carriage return:
/// every line is plain, so the fields are the text between delimiters and
/// line feeds, found in one pass (`separators`). Blank lines are skipped.
fn for_each_plain(input: &str, delimiter: u8, mut each: impl FnMut(&Record<'_>)) {
    let bytes = input.as_bytes();
    let mut ends: Vec<usize> = Vec::with_capacity(32);
    let mut start = 0;
    let mut emit = |start: usize, end: usize, ends: &mut Vec<usize>| {
        // Cut at ASCII bytes, the slice is whole characters.
        if end > start
            && let Some(text) = input.get(start..end)
        {
            ends.push(end - start);
            each(&Record {
                text,
                ends,
                gap: 1,
                start,
            });
        }
        ends.clear();
    };
    separators(bytes, delimiter, |at| {
        if bytes[at] == b'\n' {
            emit(start, at, &mut ends);
            start = at + 1;
        } else {
            ends.push(at - start);
        }
    });
    emit(start, bytes.len(), &mut ends);
}

/// The line at `pos` and where the next begins, with the ends of its fields
/// in `ends`, when the line is plain: not blank, no quote, no carriage return
/// but one before its line feed. Its fields are then exactly what `csv_core`
/// reads, cut at the delimiters, and slicing the input needs no copy and no
/// UTF-8 check. `None` leaves the line to `csv_core`.
fn plain_line<'a>(
    input: &'a str,
    pos: usize,
    delimiter: u8,
    ends: &mut Vec<usize>,
) -> Option<(&'a str, usize)> {
    let rest = input.as_bytes().get(pos..)?;
    ends.clear();
    // One pass over the line's bytes: a store's lines are short, where a
    // plain loop beats setting up vector searches for each delimiter.
    let mut i = 0;
    let line_end = loop {
        match rest.get(i) {
            None => break i,
            Some(&b) if b == delimiter => ends.push(i),
            Some(b'\n') => break i,
            Some(b'"') => return None,
            Some(b'\r') if rest.get(i + 1) != Some(&b'\n') => return None,
            Some(_) => {}
        }
        i += 1;
    };
    let next = pos + (line_end + 1).min(rest.len());
    let line = rest[..line_end]
        .strip_suffix(b"\r")
        .unwrap_or(&rest[..line_end]);
    if line.is_empty() {
        return None;
    }
    ends.push(line.len());
    // Cut at ASCII bytes, the slice is whole characters.
    Some((input.get(pos..pos + line.len())?, next))
}

/// The line at `pos` of a plain text (no quote, no carriage return, as
/// `for_each` reads one in place) as a record, and where the next line
/// begins; no record for a blank line, which `for_each` skips.
pub fn plain_record<'a>(
    input: &'a str,
    pos: usize,
    ends: &'a mut Vec<usize>,
) -> (Option<Record<'a>>, usize) {
    match plain_line(input, pos, b',', ends) {
        Some((text, next)) => {
            let ends: &'a Vec<usize> = ends;
            let record = Record {
                text,
                ends,
                gap: 1,
                start: pos,
            };
            (Some(record), next)
        }
        None => {
            let rest = input.as_bytes().get(pos..).unwrap_or_default();
            let next = memchr::memchr(b'\n', rest).map_or(input.len(), |i| pos + i + 1);
            (None, next)
        }
    }
}

// Where each field sits in the text, for pointing at one: the same quoting
// rules, over the raw text (a record `csv_core` unescaped has no spans of its
// own).

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

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<(usize, Vec<String>)> {
        let mut v = Vec::new();
        for_each(text, |r| {
            v.push((r.start, r.iter().map(String::from).collect()))
        });
        v
    }

    proptest::proptest! {
        /// The first comma or line feed, eight bytes a step, is the first a
        /// byte at a time finds, from anywhere in any text of them.
        #[test]
        fn cell_end_finds_the_first_comma_or_line_feed(
            bytes in proptest::collection::vec(proptest::sample::select(vec![b',', b'\n', b'a', 0x80, 0xff, 0]), 0..40),
            from in 0..45usize,
        ) {
            let from = from.min(bytes.len());
            let expected = bytes[from..]
                .iter()
                .position(|&b| b == b',' || b == b'\n')
                .map_or(bytes.len(), |i| from + i);
            proptest::prop_assert_eq!(super::cell_end(&bytes, from), expected);
        }

        /// An end found in the word of a line's separators is the end
        /// `cell_end` finds, from anywhere before, in or past the word's 64
        /// bytes, in texts long and short, where separators are dense, sparse
        /// or absent (so that the word holds none after the start, and
        /// `end_of` must look past it).
        #[test]
        fn an_end_in_the_word_is_cell_ends(
            bytes in proptest::collection::vec(
                proptest::sample::select(vec![b',', b'\n', b'a', b'b', b'c', b'd', 0x80, 0xff, 0]),
                0..200,
            ),
            sparse in proptest::bool::ANY,
            from in 0..140usize,
            at in 0..220usize,
        ) {
            let mut bytes = bytes;
            if sparse {
                bytes.iter_mut().enumerate().filter(|(i, _)| i % 23 != 0).for_each(|(_, b)| {
                    if matches!(*b, b',' | b'\n') {
                        *b = b'a';
                    }
                });
            }
            let at = at.min(bytes.len());
            let word = super::line_separators(&bytes, from);
            proptest::prop_assert_eq!(word.is_some(), cfg!(target_arch = "x86_64") && from + 64 <= bytes.len());
            proptest::prop_assert_eq!(super::end_of(word, &bytes, at), super::cell_end(&bytes, at));
        }
    }

    #[test]
    fn bytes_equal_finds_every_equal_byte_and_no_other() {
        // Every byte value at every place among neighbours that borrow
        // (0x00, 0x01) or carry (0x80, 0xff) in the arithmetic.
        for target in [b',', b'\t', b'\n'] {
            for b in 0..=255u8 {
                for place in 0..8 {
                    for fill in [0x00u8, 0x01, 0x80, 0xff, target.wrapping_add(1)] {
                        let mut word = [fill; 8];
                        word[place] = b;
                        let found = super::bytes_equal(u64::from_le_bytes(word), target);
                        let expected: u64 = word
                            .iter()
                            .enumerate()
                            .filter(|(_, x)| **x == target)
                            .map(|(i, _)| 0x80u64 << (8 * i))
                            .sum();
                        assert_eq!(found, expected, "{word:?} {target}");
                    }
                }
            }
        }
    }

    #[test]
    fn records_as_the_csv_crate_reads_them() {
        let text = "a,b,c\n\n1,\"x, \"\"y\"\"\",3\r\n2,,\n\"multi\nline\",z\n4";
        let mut expected = Vec::new();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        for r in reader.records() {
            expected.push(r.unwrap().iter().map(String::from).collect::<Vec<_>>());
        }
        let got = all(text);
        let fields: Vec<Vec<String>> = got.iter().map(|(_, f)| f.clone()).collect();
        assert_eq!(fields, expected);
        // Each start is the record's first byte, past blank lines and a CRLF's
        // LF (where the csv crate's position stays on the line break).
        let starts: Vec<usize> = got.iter().map(|(s, _)| *s).collect();
        assert_eq!(starts, [0, 7, 23, 27, 42]);
        for (s, f) in &got {
            assert!(
                text[*s..].starts_with(f[0].split('\n').next().unwrap().trim_start_matches('"'))
                    || text[*s..].starts_with('"')
            );
        }
        assert_eq!(all(""), Vec::new());
        assert_eq!(
            all("a\r\n\r\n\"b\"\rc,d"),
            vec![
                (0, vec!["a".to_string()]),
                (5, vec!["b".to_string()]),
                (9, vec!["c".to_string(), "d".to_string()]),
            ]
        );
        assert_eq!(all("\n\n"), Vec::new());
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    proptest! {
        // Any text of delimiters, quotes, line breaks and letters splits into
        // the same fields as the csv crate reads (the fast path and csv_core
        // agree), and a field read in place is exactly its span of the text.
        #[test]
        fn fields_agree_with_the_csv_crate(
            text in "[a,\t\"\r\n é]{0,60}",
            delimiter in prop_oneof![Just(b','), Just(b'\t')],
        ) {
            let mut ours = Vec::new();
            let mut starts = Vec::new();
            let mut spans_hold = true;
            super::for_each_split(&text, delimiter, |r| {
                ours.push(r.iter().map(String::from).collect::<Vec<_>>());
                starts.push(r.start);
                for i in 0..r.len() {
                    if let Some((s, l)) = r.span(i) {
                        spans_hold &= text.get(s..s + l) == r.get(i);
                    }
                }
            });
            prop_assert!(spans_hold, "a span is not its field in {text:?}");
            // Each record starts on a line's first byte, never on a line break.
            let b = text.as_bytes();
            for (n, &s) in starts.iter().enumerate() {
                prop_assert!(n == 0 || s > starts[n - 1]);
                prop_assert!(s == 0 || matches!(b[s - 1], b'\r' | b'\n'), "{s} in {text:?}");
                prop_assert!(!matches!(b.get(s), Some(b'\r' | b'\n')), "{s} in {text:?}");
            }
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter)
                .from_reader(text.as_bytes());
            let theirs: Vec<Vec<String>> = reader
                .records()
                .map(|r| r.unwrap().iter().map(String::from).collect())
                .collect();
            prop_assert_eq!(ours, theirs);
        }

        // A text with no quote and no carriage return takes the one-search
        // path for the whole text: the same fields and starts as csv_core.
        #[test]
        fn a_plain_text_splits_as_the_csv_crate_reads_it(
            text in "[a,\t\n é]{0,80}",
            delimiter in prop_oneof![Just(b','), Just(b'\t')],
        ) {
            let mut ours = Vec::new();
            super::for_each_split(&text, delimiter, |r| {
                let spans: Vec<_> = (0..r.len()).map(|i| r.span(i)).collect();
                ours.push((r.start, r.iter().map(String::from).collect::<Vec<_>>(), spans));
            });
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter)
                .from_reader(text.as_bytes());
            let mut theirs = Vec::new();
            let mut record = csv::StringRecord::new();
            loop {
                let at = reader.position().byte() as usize;
                if !reader.read_record(&mut record).unwrap() {
                    break;
                }
                // The csv crate's position is before the blank lines it skips.
                let start = at + text[at..].bytes().take_while(|&b| b == b'\n').count();
                theirs.push((start, record.iter().map(String::from).collect::<Vec<_>>()));
            }
            prop_assert_eq!(ours.len(), theirs.len(), "{:?}", text);
            for ((s, fields, spans), (t, theirs)) in ours.iter().zip(&theirs) {
                prop_assert_eq!(s, t, "{:?}", text);
                prop_assert_eq!(fields, theirs, "{:?}", text);
                for (span, field) in spans.iter().zip(fields) {
                    let (a, l) = span.unwrap();
                    prop_assert_eq!(&text[a..a + l], field.as_str());
                }
            }
        }
    }
}

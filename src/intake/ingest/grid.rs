//! A table read from a CSV text or a spreadsheet: rows of cells, each knowing
//! where it came from, so that any refusal can point at it.

use std::borrow::Cow;
use std::ops::Range;

use calamine::Data;

use crate::intake::load::records;
use crate::intake::load::records::field_spans;
pub use crate::intake::store::record::At;
use crate::problem::{Problem, SourceFile};

/// One file (or one sheet of a workbook), its rows read on demand: a CSV
/// file's cells are slices of its text, not copies, so a million-row file
/// is never held twice.
#[derive(Debug, Clone)]
pub struct Grid {
    /// The file name as given.
    pub file: String,
    /// The CSV text; `None` for spreadsheets.
    pub text: Option<SourceFile>,
    pub sheet: Option<String>,
    /// What separates a CSV row's fields: a comma, or a tab.
    delimiter: u8,
    /// A sheet's cells row by row (empty for CSV), and the zero-based row and
    /// column of its first.
    cells: Vec<Vec<String>>,
    origin: (u32, u32),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell<'g> {
    pub text: Cow<'g, str>,
    pub at: At,
}

/// Whether every cell of `row` is empty or spaces: a row with nothing in it.
pub fn is_blank(row: &[Cell]) -> bool {
    row.iter()
        .all(|c| crate::intake::ingest::cell::trim(&c.text).is_empty())
}

impl Grid {
    /// The bytes of text a sheet's cells hold (none for CSV).
    pub fn text_bytes(&self) -> usize {
        self.cells.iter().flatten().map(String::len).sum()
    }

    /// A sheet's name, first cell and rows, for the fenced reader to hand
    /// back (a CSV grid has none of them).
    pub fn into_cells(self) -> (String, (u32, u32), Vec<Vec<String>>) {
        (self.sheet.unwrap_or_default(), self.origin, self.cells)
    }

    /// A problem pointing at `cell`.
    pub fn problem_at(&self, at: At, message: impl Into<String>) -> Problem {
        let p = Problem::error(message);
        match (at, &self.text, &self.sheet) {
            (At::Text { start, len }, Some(text), _) => p.at(text, start, len.max(1)),
            (At::Sheet { row, col }, _, sheet) => p.at_cell(
                &self.file,
                format!("{}!{}", sheet.as_deref().unwrap_or("Sheet1"), a1(row, col)),
            ),
            _ => p.in_file(&self.file),
        }
    }

    /// About how many rows there are in `range` of a CSV text (its lines),
    /// or in a sheet, counted fast.
    pub fn rows_hint(&self, range: Range<usize>) -> usize {
        match &self.text {
            Some(file) => {
                let bytes = file.text.as_bytes();
                let range = range.start.min(bytes.len())..range.end.min(bytes.len());
                // A row holding a figure takes ten bytes at least
                // (`k,2021Q4,1`): a file of blank lines reserves nothing
                // for them (30 MB of them asked for 4.5 GB).
                let lines = memchr::memchr_iter(b'\n', &bytes[range.clone()]).count() + 1;
                lines.min(range.len() / 10 + 1)
            }
            None => self.cells.len(),
        }
    }

    /// A CSV text cut to be read on several cores: its header (the first row
    /// with any text) and up to `parts` byte ranges of whole rows after it.
    /// Only a text without quotes is cut, where each line is a row (a quoted
    /// field may hold a line break); `None` for any other text and a sheet.
    pub fn cut(&self, parts: usize) -> Option<(Vec<Cell<'_>>, Vec<Range<usize>>)> {
        let text: &str = &self.text.as_ref()?.text;
        let bytes = text.as_bytes();
        if memchr::memchr(b'"', bytes).is_some() {
            return None;
        }
        let line_end = |from: usize| {
            memchr::memchr(b'\n', &bytes[from..]).map_or(text.len(), |i| from + i + 1)
        };
        let mut start = 0;
        let body = loop {
            if start >= text.len() {
                return None;
            }
            let end = line_end(start);
            let line = text.get(start..end)?;
            if line
                .split(self.delimiter as char)
                .any(|c| !c.trim().is_empty())
            {
                break end;
            }
            start = end;
        };
        // A line of one row only: a lone carriage return also ends a row.
        let mut header = Vec::new();
        let mut rows = 0;
        self.for_each_row_in(start..body, |row| {
            header = row;
            rows += 1;
        });
        if rows != 1 {
            return None;
        }
        Some((header, records::line_ranges(text, body, parts)))
    }

    /// Calls `each` with every row in order (a CSV file's blank lines are
    /// skipped, as the csv crate does). A CSV cell borrows the text unless it
    /// was quoted, when it holds the unescaped copy.
    /// Returns where a quote opened that is never closed (a CSV text only).
    pub fn for_each_row<'g>(&'g self, mut each: impl FnMut(Vec<Cell<'g>>)) -> Option<At> {
        if let Some(file) = &self.text {
            return self.for_each_row_in(0..file.text.len(), each);
        }
        {
            let (row0, col0) = self.origin;
            for (r, row) in self.cells.iter().enumerate() {
                each(
                    row.iter()
                        .enumerate()
                        .map(|(c, text)| Cell {
                            text: Cow::Borrowed(text),
                            at: At::Sheet {
                                row: row0 + r as u32,
                                col: col0 + c as u32,
                            },
                        })
                        .collect(),
                );
            }
        }
        None
    }

    /// `for_each_row` for the rows in `range` of a CSV text (nothing for a
    /// sheet); the range starts and ends at a row's start.
    pub fn for_each_row_in<'g>(
        &'g self,
        range: Range<usize>,
        mut each: impl FnMut(Vec<Cell<'g>>),
    ) -> Option<At> {
        self.for_each_row_lent_in(range, |cells| each(std::mem::take(cells)))
    }

    /// `for_each_row_in`, each row lent in one vector that the next row
    /// reuses: a million rows read in place allocate nothing.
    pub fn for_each_row_lent_in<'g>(
        &'g self,
        range: Range<usize>,
        mut each: impl FnMut(&mut Vec<Cell<'g>>),
    ) -> Option<At> {
        let Some(file) = &self.text else {
            return None;
        };
        let text: &'g str = &file.text;
        let (from, part) = (range.start, text.get(range).unwrap_or_default());
        let mut cells = Vec::new();
        let unclosed = records::for_each_split(part, self.delimiter, |record| {
            // Spans of a quoted line's fields, found only for such a line.
            let mut spans: Option<Vec<(usize, usize)>> = None;
            cells.clear();
            cells.extend((0..record.len()).map(|i| {
                match record.span(i).map(|(start, len)| (from + start, len)) {
                    Some((start, len)) => Cell {
                        text: Cow::Borrowed(text.get(start..start + len).unwrap_or_default()),
                        at: At::Text { start, len },
                    },
                    None => {
                        let start = from + record.start;
                        let spans =
                            spans.get_or_insert_with(|| field_spans(text, start, self.delimiter));
                        let (start, len) = spans.get(i).copied().unwrap_or((start, 1));
                        Cell {
                            text: Cow::Owned(record.get(i).unwrap_or_default().to_string()),
                            at: At::Text { start, len },
                        }
                    }
                }
            }));
            each(&mut cells);
        });
        unclosed.map(|at| At::Text {
            start: from + at,
            len: 1,
        })
    }
}

/// `B3` for row 2, column 1 (zero-based).
pub fn a1(row: u32, col: u32) -> String {
    let mut letters = String::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.insert(0, (b'A' + rem as u8) as char);
        c = (c - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// A CSV text as a grid; a tab-separated text (Excel's "Unicode text") is
/// recognised by its first line.
pub fn from_csv(file: SourceFile) -> Grid {
    let first_line = file.text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches('\t').count() > first_line.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    Grid {
        file: file.name.clone(),
        text: Some(file),
        sheet: None,
        delimiter,
        cells: Vec::new(),
        origin: (0, 0),
    }
}

/// A sheet's used range as a grid. Numbers keep their shortest exact decimal
/// form (323.4, not 323.39999999999998), dates become `YYYY-MM-DD`.
pub fn from_sheet(file: &str, sheet: &str, range: &calamine::Range<Data>) -> Grid {
    Grid {
        file: file.to_string(),
        text: None,
        sheet: Some(sheet.to_string()),
        delimiter: b',',
        cells: range
            .rows()
            .map(|row| row.iter().map(cell_text).collect())
            .collect(),
        origin: range.start().unwrap_or((0, 0)),
    }
}

/// A sheet from its rows of text, as the fenced reader hands them back.
pub fn from_cells(file: &str, sheet: &str, origin: (u32, u32), cells: Vec<Vec<String>>) -> Grid {
    Grid {
        file: file.to_string(),
        text: None,
        sheet: Some(sheet.to_string()),
        delimiter: b',',
        cells,
        origin,
    }
}

fn cell_text(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // Rust prints the shortest text that reads back as the same double,
        // which is the decimal a person typed into Excel.
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

//! A table read from a CSV text or a spreadsheet: rows of cells, each knowing
//! where it came from, so that any refusal can point at it.

use calamine::Data;

use crate::load::spans::field_spans;
use crate::problem::{Problem, SourceFile};

/// Rows of cells from one file (or one sheet of a workbook).
#[derive(Debug, Clone)]
pub struct Grid {
    /// The file name as given.
    pub file: String,
    /// The CSV text, for snippets; `None` for spreadsheets.
    pub text: Option<SourceFile>,
    pub sheet: Option<String>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub at: At,
}

/// Where a cell is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum At {
    /// Byte span in the CSV text.
    Text { start: usize, len: usize },
    /// Zero-based row and column in the sheet.
    Sheet { row: u32, col: u32 },
}

impl Grid {
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

/// Splits CSV text into a grid; a tab-separated text (Excel's "Unicode
/// text") is recognised by its first line.
pub fn from_csv(file: SourceFile) -> Result<Grid, Problem> {
    let text: &str = &file.text;
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches('\t').count() > first_line.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let offset = e.position().map_or(0, |p| p.byte() as usize);
                return Err(Problem::error(format!("unreadable CSV: {e}"))
                    .at(&file, offset, crate::load::spans::line_len(text, offset))
                    .expected(
                        "fields separated by commas (or tabs), quoted with \" where they hold one",
                    ));
            }
        };
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let spans = field_spans(text, start, delimiter);
        let cells = record
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let (s, l) = spans.get(i).copied().unwrap_or((start, 1));
                Cell {
                    text: t.to_string(),
                    at: At::Text { start: s, len: l },
                }
            })
            .collect();
        rows.push(cells);
    }
    Ok(Grid {
        file: file.name.clone(),
        text: Some(file),
        sheet: None,
        rows,
    })
}

/// A sheet's used range as a grid. Numbers keep their shortest exact decimal
/// form (323.4, not 323.39999999999998), dates become `YYYY-MM-DD`.
pub fn from_sheet(file: &str, sheet: &str, range: &calamine::Range<Data>) -> Grid {
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .map(|(r, row)| {
            row.iter()
                .enumerate()
                .map(|(c, data)| Cell {
                    text: cell_text(data),
                    at: At::Sheet {
                        row: row0 + r as u32,
                        col: col0 + c as u32,
                    },
                })
                .collect()
        })
        .collect();
    Grid {
        file: file.to_string(),
        text: None,
        sheet: Some(sheet.to_string()),
        rows,
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

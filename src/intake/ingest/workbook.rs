//! Workbooks (xlsx, xls, xlsb, ods) read into grids: a sheet cell by cell,
//! its size bounded before it is made whole, a percent as Excel shows it.

use crate::intake::ingest::grid::{self, Grid};
use crate::problem::Problem;

/// A workbook's sheets as grids: `sheet` only, where given, else every
/// sheet in order (the caller reads the first that holds a table).
pub fn read(name: &str, bytes: Vec<u8>, sheet: Option<&str>) -> Result<Vec<Grid>, Box<Problem>> {
    use calamine::Reader as _;
    // A workbook is a zip (xlsx, ods) or an OLE file (xls); a "workbook" that
    // is neither is often text a system exported under a workbook's name.
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if !zip && !ole {
        let text = std::str::from_utf8(&bytes[..bytes.len().min(4096)]).is_ok();
        return Err(Box::new(
            Problem::error(if text {
                "the file is named as a workbook but holds text".to_string()
            } else {
                "the file is named as a workbook but is none (no xlsx, xls or ods inside)"
                    .to_string()
            })
            .in_file(name)
            .hint(if text {
                "rename it .csv (or .txt) and ingest it again"
            } else {
                "save it again from Excel or LibreOffice as .xlsx"
            }),
        ));
    }
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| {
            Box::new(
                Problem::error(format!("cannot read the workbook: {e}"))
                    .in_file(name)
                    .hint("save it again from Excel or LibreOffice as .xlsx"),
            )
        })?;
    let names = book.sheet_names();
    if names.len() > MAX_SHEETS {
        return Err(Box::new(
            Problem::error(format!(
                "the workbook lists {} sheets (`{}` first, {} more)",
                names.len(),
                names[0],
                names.len() - 1
            ))
            .in_file(name)
            .expected(format!("at most {MAX_SHEETS} sheets"))
            .hint("copy the sheet with the figures into a new workbook and ingest that"),
        ));
    }
    let chosen: Vec<String> = match sheet {
        Some(s) if names.iter().any(|n| n == s) => vec![s.to_string()],
        Some(s) => {
            let listed = if names.len() > 12 {
                format!("{}, and {} more", names[..12].join(", "), names.len() - 12)
            } else {
                names.join(", ")
            };
            return Err(Box::new(
                Problem::error(format!("the workbook has no sheet `{s}`"))
                    .in_file(name)
                    .expected(format!("one of {listed}")),
            ));
        }
        // Every sheet, in order: the first that holds a table is read.
        None if names.is_empty() => {
            return Err(Box::new(
                Problem::error("the workbook has no sheet").in_file(name),
            ));
        }
        None => names,
    };
    let grids = chosen
        .iter()
        .map(|sheet| read_sheet(&mut book, name, sheet))
        .collect::<Result<Vec<_>, _>>()?;
    let text: usize = grids.iter().map(Grid::text_bytes).sum();
    if text > MAX_TEXT {
        return Err(Box::new(
            Problem::error(format!(
                "the workbook's sheets hold {} MB of text, more than ingest reads",
                text >> 20
            ))
            .in_file(name)
            .expected(format!("at most {} MB", MAX_TEXT >> 20))
            .hint("a quarter's figures fit in far less; copy the table into a new workbook"),
        ));
    }
    Ok(grids)
}

/// The most sheets a workbook may list: a bureau's has a few dozen.
const MAX_SHEETS: usize = 1_000;

/// The most bytes of text all sheets read may hold together.
const MAX_TEXT: usize = 256 << 20;

/// One sheet of a workbook as a grid. A number in a cell formatted as a
/// percent (0.039 shown as 3.9%) is the percent Excel shows: `3.9%`.
fn read_sheet(
    book: &mut calamine::Sheets<std::io::Cursor<Vec<u8>>>,
    name: &str,
    chosen: &str,
) -> Result<Grid, Box<Problem>> {
    use calamine::Reader as _;
    let cannot = |e: String| {
        Box::new(Problem::error(format!("cannot read sheet `{chosen}`: {e}")).in_file(name))
    };
    // An xlsx sheet is read cell by cell, and its range made only once it is
    // known to be sane: two cells at A1 and XFD1048576 would otherwise make
    // a grid of 17 billion (calamine's own range allocates it whole).
    let range = match book {
        calamine::Sheets::Xlsx(xlsx) => {
            let mut reader = xlsx
                .worksheet_cells_reader(chosen)
                .map_err(|e| cannot(e.to_string()))?;
            let mut cells = Vec::new();
            // A cell given twice (two `<c r="B2">`): a forged or damaged
            // sheet; the range would keep the later without a word.
            let mut places = foldhash::HashSet::default();
            while let Some((cell, style)) = reader
                .next_cell_with_style_id()
                .map_err(|e| cannot(e.to_string()))?
            {
                let value = calamine::Data::from(cell.get_value().clone());
                if value == calamine::Data::Empty {
                    continue;
                }
                if cells.len() == MAX_CELLS {
                    return Err(Box::new(
                        Problem::error(format!(
                            "sheet `{chosen}` holds more than {MAX_CELLS} cells, more than ingest reads"
                        ))
                        .in_file(name)
                        .hint("a quarter's figures fit in far fewer; split the sheet"),
                    ));
                }
                if !places.insert(cell.get_position()) {
                    let (r, c) = cell.get_position();
                    return Err(Box::new(
                        Problem::error(format!(
                            "sheet `{chosen}` gives cell {} twice",
                            grid::a1(r, c)
                        ))
                        .in_file(name)
                        .expected("each cell once")
                        .hint("the file is damaged or was not made by a spreadsheet program: save it again from Excel or WPS"),
                    ));
                }
                let percent = reader
                    .styles()
                    .get(style)
                    .and_then(|s| s.number_format.as_ref())
                    .is_some_and(|f| is_percent_format(&f.format_code, f.format_id));
                let value = match value {
                    calamine::Data::Float(f) if percent => calamine::Data::String(percent_text(f)),
                    calamine::Data::Int(i) if percent => {
                        calamine::Data::String(percent_text(i as f64))
                    }
                    v => v,
                };
                cells.push(calamine::Cell::new(cell.get_position(), value));
            }
            sane_range(name, chosen, &cells)?;
            calamine::Range::from_sparse(cells)
        }
        other => {
            let range = other
                .worksheet_range(chosen)
                .map_err(|e| cannot(e.to_string()))?;
            let (rows, cols) = range.get_size();
            if (rows as u64) * (cols as u64) > MAX_PLACES {
                return Err(Box::new(
                    Problem::error(format!(
                        "sheet `{chosen}` spans {rows} rows by {cols} columns, more than ingest reads"
                    ))
                    .in_file(name)
                    .expected(format!("a table of at most {MAX_PLACES} places"))
                    .hint("a stray cell far from the table stretches it: delete it, or copy the table to a new sheet"),
                ));
            }
            range
        }
    };
    Ok(grid::from_sheet(name, chosen, &range))
}

/// Whether a number format shows a percent: `0%`, `0.00%`, `0.0%;[Red]-0.0%`
/// (a `%` outside quotes), or Excel's built-in formats 9 and 10.
fn is_percent_format(code: &str, id: Option<u32>) -> bool {
    if matches!(id, Some(9 | 10)) {
        return true;
    }
    let mut quoted = false;
    let mut escaped = false;
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// The percent a fraction shows as, exactly: 0.039 is `3.9%` (the shortest
/// decimal of the double, times 100 in decimal, so no float noise).
fn percent_text(fraction: f64) -> String {
    match fraction.to_string().parse::<rust_decimal::Decimal>() {
        Ok(d) => format!("{}%", (d * rust_decimal::Decimal::ONE_HUNDRED).normalize()),
        // Beyond a decimal's range: shown as it is, and refused as a figure.
        Err(_) => fraction.to_string(),
    }
}

/// The most cells ingest reads from one sheet.
const MAX_CELLS: usize = 5_000_000;

/// The most places a sheet's used range may span: a range is as large as
/// the box around its cells, and a sheet of a few cells far apart would
/// make a box of billions.
const MAX_PLACES: u64 = 20_000_000;

/// Refuses a sheet whose cells lie so far apart that the box around them
/// would be too large to hold, naming its corners.
fn sane_range(
    name: &str,
    sheet: &str,
    cells: &[calamine::Cell<calamine::Data>],
) -> Result<(), Box<Problem>> {
    let rows = cells.iter().map(|c| c.get_position().0);
    let cols = cells.iter().map(|c| c.get_position().1);
    let (Some(r0), Some(r1), Some(c0), Some(c1)) = (
        rows.clone().min(),
        rows.max(),
        cols.clone().min(),
        cols.max(),
    ) else {
        return Ok(());
    };
    let places = u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1);
    if places <= MAX_PLACES {
        return Ok(());
    }
    Err(Box::new(
        Problem::error(format!(
            "sheet `{sheet}` spans {}:{} ({places} places) for {} cell(s)",
            grid::a1(r0, c0),
            grid::a1(r1, c1),
            cells.len()
        ))
        .in_file(name)
        .expected(format!("a table of at most {MAX_PLACES} places"))
        .hint("a stray cell far from the table stretches it: delete it, or copy the table to a new sheet"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A workbook made in memory: a sheet `Notes` with text only, then a
    /// sheet `Data` with a header, a figure and a figure formatted as a
    /// percent.
    fn book() -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let notes = book.add_worksheet();
        notes.set_name("Notes").unwrap();
        notes.write_string(0, 0, "说明：季度数据").unwrap();
        let data = book.add_worksheet();
        data.set_name("Data").unwrap();
        data.write_string(0, 0, "期间").unwrap();
        data.write_string(0, 1, "工业总产值(亿元)").unwrap();
        data.write_string(0, 2, "研发投入强度").unwrap();
        data.write_string(1, 0, "2025年1-3月").unwrap();
        data.write_number(1, 1, 215.6).unwrap();
        let percent = rust_xlsxwriter::Format::new().set_num_format("0.0%");
        data.write_number_with_format(1, 2, 0.039, &percent)
            .unwrap();
        book.save_to_buffer().unwrap()
    }

    /// A grid's rows as text.
    fn rows(g: &Grid) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        g.for_each_row(|row| out.push(row.iter().map(|c| c.text.to_string()).collect()));
        out
    }

    #[test]
    fn every_sheet_in_order_a_percent_as_excel_shows_it() {
        let grids = read("q1.xlsx", book(), None).unwrap();
        let sheets: Vec<_> = grids.iter().map(|g| g.sheet.clone().unwrap()).collect();
        assert_eq!(sheets, ["Notes", "Data"]);
        assert_eq!(rows(&grids[0]), [["说明：季度数据"]]);
        assert_eq!(
            rows(&grids[1]),
            [
                ["期间", "工业总产值(亿元)", "研发投入强度"],
                ["2025年1-3月", "215.6", "3.9%"],
            ]
        );
        // --sheet reads that sheet only.
        let grids = read("q1.xlsx", book(), Some("Data")).unwrap();
        assert_eq!(grids.len(), 1);
    }

    #[test]
    fn a_missing_sheet_text_named_as_a_workbook_and_garbage_are_refused() {
        let p = read("q1.xlsx", book(), Some("Sheet9")).unwrap_err();
        assert_eq!(p.message, "the workbook has no sheet `Sheet9`");
        assert_eq!(p.expected.as_deref(), Some("one of Notes, Data"));
        let p = read("q1.xlsx", "期间,值\n2025Q1,1\n".as_bytes().to_vec(), None).unwrap_err();
        assert_eq!(p.message, "the file is named as a workbook but holds text");
        let p = read("q1.xlsx", vec![0xff, 0x00, 0x13], None).unwrap_err();
        assert!(p.message.contains("is none"), "{}", p.message);
        // A zip that is no workbook.
        let p = read("q1.xlsx", b"PK\x03\x04 broken".to_vec(), None).unwrap_err();
        assert!(
            p.message.starts_with("cannot read the workbook"),
            "{}",
            p.message
        );
    }

    #[test]
    fn percent_formats_and_their_exact_text() {
        for code in ["0%", "0.00%", "0.0%;[Red]-0.0%", "#,##0.0%"] {
            assert!(is_percent_format(code, None), "{code}");
        }
        for code in ["0.00", "\"%\"0.0", "0.0\\%", "General"] {
            assert!(!is_percent_format(code, None), "{code}");
        }
        assert!(is_percent_format("", Some(9)) && is_percent_format("", Some(10)));
        assert_eq!(percent_text(0.039), "3.9%");
        assert_eq!(percent_text(0.1), "10%");
        assert_eq!(percent_text(1.0), "100%");
        assert_eq!(percent_text(0.0725), "7.25%");
    }

    #[test]
    fn a_sheet_of_cells_far_apart_is_refused_before_its_box_is_made() {
        let cell = |r, c| calamine::Cell::new((r, c), calamine::Data::Float(1.0));
        let p = sane_range("x.xlsx", "S", &[cell(0, 0), cell(1_048_575, 16_383)]).unwrap_err();
        assert!(
            p.message.starts_with("sheet `S` spans A1:XFD1048576"),
            "{}",
            p.message
        );
        assert!(sane_range("x.xlsx", "S", &[cell(0, 0), cell(99, 9)]).is_ok());
    }
}

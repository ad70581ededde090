//! The report as an A4 Word document: title, as-of and method in words, the
//! headline, the status table as a real table with shaded status cells, each
//! KPI's chart (at 300 dpi across the page) and its reading, the sources and
//! the revisions. Headings are Word's heading styles, so a table of contents
//! works; Chinese text is set in 宋体 (SimSun) and 黑体 (SimHei), Latin in
//! Calibri, fonts Word and WPS know.

use docx_rs::{
    AlignmentType, BreakType, Docx, LineSpacing, PageMargin, PageOrientationType, PageSize,
    Paragraph, Pic, Run, RunFonts, Section, Shading, Style, StyleType, Table, TableCell,
    TableLayoutType, TableRow, WidthType,
};

use super::{PlanReport, Report, revision_cells};
use crate::output::completion::CompletionTable;
use crate::output::palette::{hex, status_tint};
use crate::output::status_table::StatusTable;
use crate::output::words::completion;
use crate::output::words::notes::{caveat, notes};
use crate::output::words::reading::paragraph;
use crate::output::words::report::{Say, Text, headline};

/// A4 in twentieths of a point, with 2 cm margins.
const A4: (u32, u32) = (11906, 16838);
const MARGIN: i32 = 1134;
/// The width of the text between the margins, in twentieths of a point.
const TEXT_WIDTH: usize = 11906 - 2 * 1134;
/// A chart's width on the page: 16 cm, in EMUs (360,000 a centimetre).
const CHART_WIDTH_EMU: u64 = 16 * 360_000;

/// The document's bytes.
pub fn document(r: &Report) -> Result<Vec<u8>, String> {
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(margins())
        .default_fonts(body_fonts())
        .default_size(21);
    for style in styles() {
        doc = doc.add_style(style);
    }
    let t = Text::new(r.lang);
    for p in &r.plans {
        let a = p.assessment;
        // The title and the 主要指标完成情况表 on a page of their own, A4
        // across, so that its thirteen columns keep each cell to a line or
        // two; the rest of the plan's report follows upright.
        let title = Paragraph::new()
            .style("Title")
            .add_run(Run::new().add_text(t.title(a)));
        let done = CompletionTable::of(a, r.lang);
        let mut across = Section::new()
            .page_size(
                PageSize::new()
                    .size(A4.1, A4.0)
                    .orient(PageOrientationType::Landscape),
            )
            .page_orient(PageOrientationType::Landscape)
            .page_margin(margins())
            .add_paragraph(title)
            .add_paragraph(text(&t.method(a.method)))
            .add_paragraph(heading(1, &completion::title(r.lang, &done)))
            .add_table(completion_table(&done, r.lang));
        for n in completion::legend(r.lang, &done) {
            across = across.add_paragraph(small(&format!("• {n}")));
        }
        // The headline and the status in detail across the page too: nine
        // columns of figures with their brackets, a cell a line or two.
        across = across
            .add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text(t.say(Say::HeadlineSpaced)).bold())
                    .add_run(Run::new().add_text(headline(a, r.lang))),
            )
            .add_paragraph(heading(1, t.say(Say::StatusSection)))
            .add_table(status_table(&t, p));
        for n in notes(a, r.lang) {
            across = across.add_paragraph(small(&format!("• {n}")));
        }
        doc = doc.add_section(across);
        doc = doc.add_paragraph(heading(1, t.say(Say::EachKpi)));
        for (i, k) in a.kpis.iter().enumerate() {
            doc = doc.add_paragraph(heading(2, t.kpi_name(a, i)));
            // Its chart, and a flow's 柱线图 under it.
            let ytd = format!("{}-ytd", k.id);
            for png in p
                .charts
                .iter()
                .filter(|c| c.stem == k.id || c.stem == ytd)
                .filter_map(|c| c.png.as_ref())
            {
                doc = doc.add_paragraph(picture(png)?);
            }
            doc = doc.add_paragraph(text(&paragraph(k, r.lang)));
            if let Some(c) = caveat(k, r.lang) {
                doc = doc.add_paragraph(
                    Paragraph::new()
                        .add_run(Run::new().add_text(t.say(Say::CaveatSpaced)).bold())
                        .add_run(Run::new().add_text(c)),
                );
            }
        }
        if let Some(png) = p
            .charts
            .iter()
            .find(|c| c.stem == "progress")
            .and_then(|c| c.png.as_ref())
        {
            doc = doc.add_paragraph(heading(2, t.say(Say::Progress)));
            doc = doc.add_paragraph(picture(png)?);
        }
        doc = doc.add_paragraph(heading(1, t.say(Say::Sources)));
        for item in t.sources(p) {
            doc = doc.add_paragraph(text(&format!("• {item}")));
        }
        let (line, list) = t.revisions(&p.revisions);
        doc = doc.add_paragraph(heading(1, t.say(Say::Revisions)));
        doc = doc.add_paragraph(text(&line));
        if !list.is_empty() {
            let mut rows = vec![header_row(&t.revision_headings())];
            rows.extend(list.iter().map(|v| {
                TableRow::new(
                    revision_cells(v)
                        .iter()
                        .map(|c| TableCell::new().add_paragraph(small(c)))
                        .collect(),
                )
            }));
            doc = doc.add_table(Table::new(rows));
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

/// Body text: Calibri for Latin letters, 宋体 (SimSun) for Chinese.
fn body_fonts() -> RunFonts {
    RunFonts::new()
        .ascii("Calibri")
        .hi_ansi("Calibri")
        .cs("Calibri")
        .east_asia("SimSun")
}

/// Headings: Calibri Light and 黑体 (SimHei).
fn heading_fonts() -> RunFonts {
    RunFonts::new()
        .ascii("Calibri Light")
        .hi_ansi("Calibri Light")
        .cs("Calibri Light")
        .east_asia("SimHei")
}

/// Word's own style ids and names, so a table of contents and the
/// navigation pane find the headings.
fn styles() -> Vec<Style> {
    let style = |id: &str, name: &str, size: usize, level: Option<usize>| {
        let s = Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .size(size)
            .bold()
            .fonts(heading_fonts())
            .line_spacing(LineSpacing::new().before(240).after(120));
        match level {
            Some(l) => s.outline_lvl(l),
            None => s,
        }
    };
    vec![
        style("Title", "Title", 36, None),
        style("Heading1", "heading 1", 30, Some(0)),
        style("Heading2", "heading 2", 25, Some(1)),
    ]
}

fn heading(level: usize, words: &str) -> Paragraph {
    Paragraph::new()
        .style(&format!("Heading{level}"))
        .keep_next(true)
        .add_run(Run::new().add_text(words))
}

fn text(words: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(words))
}

/// Text in a table or a note: 8 points.
fn small(words: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(words).size(16))
}

/// A status cell's text, 8 points, a new line before what a bracket holds
/// (`1,025.73*` above `（2023年1-9月，累计769.3）`), so that a narrow column
/// breaks between the figure and its bracket rather than inside a figure.
fn cell_text(words: &str) -> Paragraph {
    // A figure and its `%` or `pp` held together by a no-break space.
    let words = &crate::output::format::glued(words);
    let at = words.find('（').or_else(|| words.find(" ("));
    let run = Run::new().size(16);
    let run = match at {
        Some(at) if at > 0 => run
            .add_text(&words[..at])
            .add_break(BreakType::TextWrapping)
            .add_text(words[at..].trim_start()),
        _ => run.add_text(words),
    };
    Paragraph::new().add_run(run)
}

/// A PNG across the page at 16 cm, centred.
fn picture(png: &[u8]) -> Result<Paragraph, String> {
    let (w, h) = png_size(png).ok_or("a chart is not a PNG")?;
    // In the picture's own proportions.
    let height = CHART_WIDTH_EMU * u64::from(h) / u64::from(w.max(1));
    let pic =
        Pic::new_with_dimensions(png.to_vec(), w, h).size(CHART_WIDTH_EMU as u32, height as u32);
    Ok(Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(Run::new().add_image(pic)))
}

/// A PNG's width and height, from its header.
fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    let header = png.get(..24)?;
    if &header[..8] != b"\x89PNG\r\n\x1a\n" || &header[12..16] != b"IHDR" {
        return None;
    }
    let n = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    Some((n(&header[16..20]), n(&header[20..24])))
}

fn header_row(heads: &[impl AsRef<str>]) -> TableRow {
    TableRow::new(
        heads
            .iter()
            .map(|h| {
                TableCell::new()
                    .shading(Shading::new().fill("EEEEEE"))
                    .add_paragraph(
                        Paragraph::new().add_run(Run::new().add_text(h.as_ref()).bold().size(16)),
                    )
            })
            .collect(),
    )
}

/// 2 cm on every side.
fn margins() -> PageMargin {
    PageMargin {
        top: MARGIN,
        left: MARGIN,
        bottom: MARGIN,
        right: MARGIN,
        header: 720,
        footer: 720,
        gutter: 0,
    }
}

/// The width of the text on a page across.
const ACROSS_WIDTH: usize = 16838 - 2 * 1134;

/// Each column's share of the text width in the completion table, in
/// hundredths, by language: the names and the stated targets widest; an
/// English nature word (`indicative`) takes more than 预期性; the base holds
/// a national figure whole (24,393.1 at 8 pt).
const COMPLETION_SHARES_ZH: [usize; 13] = [3, 11, 5, 5, 7, 9, 8, 9, 8, 8, 10, 9, 8];
const COMPLETION_SHARES_EN: [usize; 13] = [3, 11, 5, 7, 7, 9, 7, 8, 8, 8, 9, 9, 9];

/// The completion table, at 8 pt, across the page.
fn completion_table(done: &CompletionTable, lang: crate::lang::Lang) -> Table {
    let columns: Vec<usize> = lang
        .pick_all(&COMPLETION_SHARES_EN, &COMPLETION_SHARES_ZH)
        .iter()
        .map(|s| ACROSS_WIDTH * s / 100)
        .collect();
    let mut rows = vec![header_row(&completion::headings(lang, done))];
    for r in &done.rows {
        rows.push(TableRow::new(
            completion::cells(lang, r, done)
                .iter()
                .zip(&columns)
                .map(|(words, w)| {
                    TableCell::new()
                        .add_paragraph(cell_text(words))
                        .width(*w, WidthType::Dxa)
                })
                .collect(),
        ));
    }
    Table::new(rows)
        .set_grid(columns)
        .width(ACROSS_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// The status table: the report's headings and cells, the status cell
/// shaded in its status colour.
fn status_table(t: &Text, p: &PlanReport) -> Table {
    let a = p.assessment;
    // The columns' shares of an upright page, set across one.
    let columns: Vec<usize> = t
        .status_columns()
        .iter()
        .map(|w| w * ACROSS_WIDTH / TEXT_WIDTH)
        .collect();
    let mut rows = vec![header_row(&t.headings(a.method))];
    let model = StatusTable::of(a, t.lang());
    for (k, row) in a.kpis.iter().zip(&model.rows) {
        let cells = t.cells(row);
        let last = cells.len() - 1;
        rows.push(TableRow::new(
            cells
                .iter()
                .enumerate()
                .map(|(c, words)| {
                    let cell = TableCell::new()
                        .add_paragraph(cell_text(words))
                        .width(columns[c], WidthType::Dxa);
                    if c == last {
                        cell.shading(Shading::new().fill(hex(status_tint(k.status))))
                    } else {
                        cell
                    }
                })
                .collect(),
        ));
    }
    Table::new(rows)
        .set_grid(columns)
        .width(ACROSS_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_png_header_gives_its_size() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(1890u32.to_be_bytes());
        png.extend(1134u32.to_be_bytes());
        assert_eq!(super::png_size(&png), Some((1890, 1134)));
        assert_eq!(super::png_size(b"GIF89a"), None);
    }
}

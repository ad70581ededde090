//! Finding the table in a sheet as a bureau sends it: title and `单位：` lines
//! above the header, a two-row header (a KPI over 累计 / 同比, or a unit row
//! under the names), and the rows that are not data (合计, footnotes).

use super::cell::halfwidth;
use super::grid::{At, Cell};
use super::label::{self, Label, YearFrom};
use super::layout::fold;

/// One column of the header: its name, and what the second header row (if
/// any) says under it: `累计`, `同比`, a unit.
#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    pub sub: String,
    pub at: At,
}

/// Why a row of the sheet was not read as data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Skip {
    /// A title or `单位：` line above the header.
    Title,
    /// 合计, 总计, 小计.
    Total,
    /// 注：…, 资料来源：…, and other lines of words under the table.
    Footnote,
    /// An empty row between rows of data.
    Blank,
}

impl Skip {
    /// One such row, in words.
    pub fn row(self) -> &'static str {
        match self {
            Skip::Title => "title or unit line",
            Skip::Total => "total row (合计, 总计, 小计)",
            Skip::Footnote => "footnote or source line",
            Skip::Blank => "blank row",
        }
    }

    /// Such rows in Chinese.
    pub fn said_zh(self) -> &'static str {
        match self {
            Skip::Title => "标题或单位行",
            Skip::Total => "合计行",
            Skip::Footnote => "注释或来源行",
            Skip::Blank => "空行",
        }
    }

    pub fn said(self) -> &'static str {
        match self {
            Skip::Title => "title or unit line(s)",
            Skip::Total => "total row(s) (合计, 总计, 小计)",
            Skip::Footnote => "footnote or source line(s)",
            Skip::Blank => "blank row(s)",
        }
    }
}

/// The table found in a grid's rows.
#[derive(Debug)]
pub struct Table<'g> {
    pub columns: Vec<Column>,
    pub body: Vec<Vec<Cell<'g>>>,
    /// The year for labels without one, and where it came from.
    pub year: Option<(i32, YearFrom)>,
    /// The period a title states (`2023年1-6月主要经济指标`), for a column
    /// headed 累计 or 本期 rather than by a period.
    pub title_label: Option<Label>,
    /// The units a `单位：亿元、%` line names, for columns that name none.
    pub units: Vec<String>,
    /// Each row not read as data, with why.
    pub skipped: Vec<(Skip, At)>,
    /// The 合计 rows, to check against the rows they sum.
    pub totals: Vec<Vec<Cell<'g>>>,
}

/// What the command line says about finding the table.
#[derive(Debug, Clone, Copy, Default)]
pub struct Find {
    /// The header's row number (1-based, as a spreadsheet or an editor
    /// numbers rows); `None` finds it.
    pub header_row: Option<usize>,
    pub year: Option<i32>,
    /// The period of a sheet that states none (its columns headed 累计 or
    /// 本期, its title without a date): `--period`.
    pub period: Option<crate::core::period::Period>,
}

/// The words a second header row holds under a KPI.
const SUB_WORDS: [&str; 24] = [
    "累计",
    "本期",
    "本年累计",
    "本月",
    "本季",
    "绝对值",
    "总量",
    "数值",
    "金额",
    "当期",
    "同比",
    "增速",
    "增长",
    "同比增长",
    "同比增速",
    "比上年增长",
    "比上年同期增长",
    "±%",
    "增减",
    "上年同期",
    "去年同期",
    "上年同期累计",
    "单位",
    "计量单位",
];

/// Finds the table in `rows` (every row of a grid, blank ones included);
/// `row_number` gives a cell's 1-based row for `--header-row`.
pub fn find<'g>(
    rows: Vec<Vec<Cell<'g>>>,
    find: Find,
    file_name: &str,
    row_number: &dyn Fn(At) -> usize,
) -> Table<'g> {
    let filled = |row: &[Cell]| row.iter().filter(|c| !c.text.trim().is_empty()).count();
    let mut skipped = Vec::new();
    let mut titles: Vec<String> = Vec::new();
    let mut rows = rows.into_iter().peekable();
    // Title lines, up to the header.
    let header = loop {
        let Some(row) = rows.next() else {
            break None;
        };
        let Some(first) = row.iter().find(|c| !c.text.trim().is_empty()) else {
            continue;
        };
        let is_header = match find.header_row {
            Some(n) => row_number(first.at) >= n,
            None => filled(&row) >= 2 && !is_unit_line(&first.text),
        };
        if is_header {
            break Some(row);
        }
        skipped.push((Skip::Title, first.at));
        titles.extend(
            row.iter()
                .map(|c| c.text.trim().to_string())
                .filter(|t| !t.is_empty()),
        );
    };
    let mut table = Table {
        columns: Vec::new(),
        body: Vec::new(),
        year: None,
        title_label: None,
        units: Vec::new(),
        skipped,
        totals: Vec::new(),
    };
    for t in &titles {
        if let Some(units) = unit_line(t) {
            table.units.extend(units);
        } else if let (None, Some((y, l))) = (table.year, label::in_title(t)) {
            table.year = Some((y, YearFrom::Title));
            table.title_label = l.map(|l| Label {
                year_from: YearFrom::Title,
                ..l
            });
        }
    }
    table.year = table
        .year
        .or_else(|| label::in_file_name(file_name).map(|y| (y, YearFrom::FileName)))
        .or_else(|| find.year.map(|y| (y, YearFrom::Flag)));
    // A year given on the command line wins over one guessed from a name.
    if let (Some(y), Some((_, YearFrom::FileName))) = (find.year, table.year) {
        table.year = Some((y, YearFrom::Flag));
    }
    // A period given on the command line, for a sheet that states none.
    if let (Some(p), None) = (find.period, table.title_label) {
        table.title_label = Some(Label {
            period: p,
            basis: None,
            year_from: YearFrom::Flag,
        });
        table.year = table.year.or(Some((p.year(), YearFrom::Flag)));
    }
    let Some(header) = header else {
        return table;
    };
    // A second header row: words under the names, its first cell (under the
    // period or name column) empty or a word, never a period or a name.
    let sub = rows.next_if(|row| {
        filled(row) > 0
            && row.first().is_none_or(|c| {
                c.text.trim().is_empty() || (is_sub_header(&c.text) && !is_label(&c.text))
            })
            && row.iter().all(|c| is_sub_header(&c.text))
    });
    table.columns = columns(&header, sub.as_deref());
    // Blank rows count as separators only when something follows them: the
    // ones at the end are the sheet's edge.
    let mut blanks = Vec::new();
    for row in rows {
        let Some(first) = row.iter().find(|c| !c.text.trim().is_empty()) else {
            blanks.extend(row.first().map(|c| (Skip::Blank, c.at)));
            continue;
        };
        table.skipped.append(&mut blanks);
        if is_footnote(&first.text) || (filled(&row) == 1 && is_words(&first.text)) {
            table.skipped.push((Skip::Footnote, first.at));
        } else if is_total(&first.text) {
            table.skipped.push((Skip::Total, first.at));
            table.totals.push(row);
        } else {
            table.body.push(row);
        }
    }
    table
}

/// The header's columns, each with what the second header row says under
/// it. A name merged across several columns is in the first of them only:
/// the columns after it, empty in the header but not in the second row, are
/// under the same name.
fn columns(header: &[Cell], sub: Option<&[Cell]>) -> Vec<Column> {
    let width = header.len().max(sub.map_or(0, <[Cell]>::len));
    let mut out: Vec<Column> = Vec::with_capacity(width);
    let mut spanning: Option<String> = None;
    for i in 0..width {
        let h = header.get(i);
        let s = sub.and_then(|s| s.get(i)).map_or("", |c| c.text.trim());
        let at = h
            .or_else(|| sub.and_then(|s| s.get(i)))
            .or(header.first())
            .map_or(At::Sheet { row: 0, col: 0 }, |c| c.at);
        let name = match h.map_or("", |c| c.text.trim()) {
            "" if !s.is_empty() => spanning.clone().unwrap_or_default(),
            n => {
                // A name column (指标, 期间) spans nothing.
                spanning = (i > 0 && !n.is_empty()).then(|| n.to_string());
                n.to_string()
            }
        };
        out.push(Column {
            name,
            sub: s.to_string(),
            at,
        });
    }
    out
}

/// A cell a second header row may hold: a sub-column word, a unit
/// (`亿元`, `(%)`), a period, or nothing.
fn is_sub_header(text: &str) -> bool {
    let t = fold(text);
    let t = t.trim_start_matches('(').trim_end_matches(')');
    t.is_empty()
        || SUB_WORDS.iter().any(|w| t == *w || t.starts_with(w))
        || super::units::dimension(t).is_some()
        || is_label(t)
}

fn is_label(text: &str) -> bool {
    label::read(text, Some((2000, YearFrom::Flag))).is_ok()
}

/// `单位：亿元、%` (or `计量单位:万元`): the units it names.
fn unit_line(text: &str) -> Option<Vec<String>> {
    let t = halfwidth(text);
    let t = t.trim();
    let rest = t
        .strip_prefix("计量单位")
        .or_else(|| t.strip_prefix("单位"))?
        .trim_start_matches([':', '：', ' ']);
    Some(
        rest.split(['、', ',', '，', ';', '；', '/', ' '])
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty())
            .collect(),
    )
}

fn is_unit_line(text: &str) -> bool {
    unit_line(text).is_some_and(|u| !u.is_empty())
}

/// 注：…, 资料来源：…, 说明：…: a line under the table.
fn is_footnote(text: &str) -> bool {
    let t = fold(text);
    let t = t.trim_start_matches(['*', '※', '①']);
    [
        "注",
        "资料来源",
        "数据来源",
        "来源:",
        "来源：",
        "说明",
        "备注",
        "附注",
        "注释",
        "note",
        "source:",
    ]
    .iter()
    .any(|w| t.starts_with(w))
}

/// A lone cell of words (not a number, not a period, not a placeholder).
fn is_words(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() > 12 && !t.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// 合计, 总计, 小计, 全年合计.
fn is_total(text: &str) -> bool {
    let t = fold(text);
    ["合计", "总计", "小计", "total", "sum"]
        .iter()
        .any(|w| t == *w || t.ends_with(w) && t.chars().count() <= 6)
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    fn row(r: u32, cells: &[&'static str]) -> Vec<Cell<'static>> {
        cells
            .iter()
            .enumerate()
            .map(|(c, t)| Cell {
                text: Cow::Borrowed(*t),
                at: At::Sheet {
                    row: r,
                    col: c as u32,
                },
            })
            .collect()
    }

    fn number(at: At) -> usize {
        match at {
            At::Sheet { row, .. } => row as usize + 1,
            _ => 0,
        }
    }

    #[test]
    fn a_bureau_sheet_has_its_table_found() {
        let rows = vec![
            row(0, &["2023年1-6月主要经济指标", "", "", ""]),
            row(1, &["单位：亿元、%", "", "", ""]),
            row(2, &["指标名称", "工业总产值", "", "固定资产投资"]),
            row(3, &["", "累计", "同比", "累计"]),
            row(4, &["1-6月", "2705.3", "9.3", "—"]),
            row(5, &["", "", "", ""]),
            row(6, &["合计", "1", "2", "3"]),
            row(7, &["注：工业总产值为规模以上口径。", "", "", ""]),
            row(8, &["", "", "", ""]),
        ];
        let t = find(rows, Find::default(), "a.xlsx", &number);
        let cols: Vec<(&str, &str)> = t
            .columns
            .iter()
            .map(|c| (c.name.as_str(), c.sub.as_str()))
            .collect();
        assert_eq!(
            cols,
            [
                ("指标名称", ""),
                ("工业总产值", "累计"),
                ("工业总产值", "同比"),
                ("固定资产投资", "累计")
            ]
        );
        assert_eq!(t.body.len(), 1);
        assert_eq!(t.year, Some((2023, YearFrom::Title)));
        assert_eq!(t.title_label.unwrap().period.to_string(), "2023Q2");
        assert_eq!(t.units, ["亿元", "%"]);
        let skips: Vec<Skip> = t.skipped.iter().map(|s| s.0).collect();
        assert_eq!(
            skips,
            [
                Skip::Title,
                Skip::Title,
                Skip::Blank,
                Skip::Total,
                Skip::Footnote
            ]
        );
    }

    #[test]
    fn header_row_says_where_the_header_is() {
        let rows = vec![
            row(0, &["a", "b"]),
            row(1, &["期间", "工业总产值"]),
            row(2, &["2023Q1", "1"]),
        ];
        let find_at = Find {
            header_row: Some(2),
            ..Find::default()
        };
        let t = find(rows, find_at, "a.csv", &number);
        assert_eq!(t.columns[0].name, "期间");
        assert_eq!(t.body.len(), 1);
    }

    #[test]
    fn a_first_data_row_is_not_taken_for_a_second_header_row() {
        let rows = vec![
            row(0, &["指标", "单位", "1-6月", "同比(%)"]),
            row(1, &["工业总产值", "亿元", "—", "—"]),
        ];
        let t = find(rows, Find::default(), "a.csv", &number);
        assert_eq!(t.body.len(), 1);
        assert_eq!(t.columns[3].sub, "");
    }
}

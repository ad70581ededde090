//! Reading records out of a grid, whatever its layout: long (one value per
//! row, the store's own form), wide (a period column and a column per KPI), or
//! wide turned (a KPI per row and a column per period). Headers may be in
//! English or Chinese and may carry a unit: `工业总产值(亿元)`.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::cell::{self, halfwidth};
use super::grid::{At, Cell, Grid, is_blank};
use super::label::{self, Label, YearFrom};
use super::table::{self, Skip};
use super::units::{self, UnitError};
use crate::core::observation::Basis;
use crate::core::period::Period;
use crate::core::plan::{Kpi, Plan};
use crate::core::rules::Breach;
use crate::core::rules::observation as rules;
use crate::core::shared::Shared;
pub use crate::intake::store::record::Record;
use crate::problem::Problem;

/// How the grid is laid out; `None` in `Options` means "find out".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Long,
    Wide,
}

impl FromStr for Layout {
    type Err = String;
    fn from_str(s: &str) -> Result<Layout, String> {
        match s {
            "long" => Ok(Layout::Long),
            "wide" => Ok(Layout::Wide),
            _ => Err(format!("`{s}` is not a layout; one of: long, wide")),
        }
    }
}

/// What the command line says about every record.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub layout: Option<Layout>,
    /// Scope of every value without one; default the KPI's.
    pub scope: Option<String>,
    /// Source of every value without one; default the file's name.
    pub source: Option<String>,
    /// Basis of every value without one; default by the KPI's kind.
    pub basis: Option<Basis>,
    /// Where the header is, and the year of labels without one.
    pub find: table::Find,
    /// Rows, columns and cells that are not data are errors, not skipped.
    pub strict: bool,
}

/// What a file held besides its figures, for the summary: never dropped
/// without a word.
#[derive(Debug, Clone, Default)]
pub struct Skipped {
    /// Rows not read as data, with why.
    pub rows: Vec<(Skip, At)>,
    /// Indicators the plan does not track, each once, with the plan's
    /// nearest name when one is close.
    pub untracked: Vec<(String, Option<String>)>,
    /// Columns not read (上年同期, 本月), by their header.
    pub columns: Vec<String>,
    /// Cells saying "no figure" (—, /, …).
    pub placeholders: usize,
    /// The year labels without one took, and where it came from.
    pub year: Option<(i32, YearFrom)>,
}

impl Skipped {
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
            && self.untracked.is_empty()
            && self.columns.is_empty()
            && self.placeholders == 0
    }
}

/// A file's figures, its problems, and what it held besides.
#[derive(Debug, Default)]
pub struct Read {
    pub records: Vec<Record>,
    pub problems: Vec<Problem>,
    pub skipped: Skipped,
    /// No table at all: no rows, or none plantrack recognises (its one
    /// problem says so).
    pub no_table: bool,
}

impl Read {
    /// Whether the sheet holds a table: a figure, an indicator, or a
    /// problem other than that there is none.
    pub fn holds_table(&self) -> bool {
        !self.records.is_empty()
            || !self.skipped.untracked.is_empty()
            || self.problems.len() > usize::from(self.no_table)
    }
}

const LONG_COLUMNS: [(&str, &[&str]); 9] = [
    ("kpi", &["kpi", "indicator", "指标", "指标名称", "指标名"]),
    (
        "period",
        &["period", "期间", "时期", "时间", "报告期", "统计期", "日期"],
    ),
    (
        "value",
        &["value", "数值", "值", "本期", "本期值", "累计值", "金额"],
    ),
    ("unit", &["unit", "单位", "计量单位"]),
    ("basis", &["basis"]),
    ("scope", &["scope", "口径", "范围", "统计口径"]),
    ("source", &["source", "来源", "数据来源"]),
    ("note", &["note", "备注", "说明"]),
    (
        "yoy",
        &["yoy", "同比", "同比增长", "增速", "同比增速", "增长"],
    ),
];

/// Lower case, half-width, no spaces: how headers and names are compared.
pub(super) fn fold(text: &str) -> String {
    halfwidth(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `工业总产值(亿元)` -> (`工业总产值`, `亿元`); a header without a unit -> (it, "").
pub fn split_unit(header: &str) -> (String, String) {
    let h = halfwidth(header);
    let h = h.trim();
    for (open, close) in [('(', ')'), ('[', ']')] {
        if let (Some(i), true) = (h.rfind(open), h.ends_with(close)) {
            return (
                h[..i].trim().to_string(),
                h[i + 1..h.len() - 1].trim().to_string(),
            );
        }
    }
    (h.to_string(), String::new())
}

fn long_column(header: &str) -> Option<&'static str> {
    let (name, _) = split_unit(header);
    let name = fold(&name);
    LONG_COLUMNS
        .iter()
        .find(|(_, aliases)| aliases.iter().any(|a| fold(a) == name))
        .map(|(c, _)| *c)
}

/// The KPI a name refers to: its id, English name or Chinese name.
pub fn match_kpi<'a>(names: &Names<'a>, text: &str) -> Option<&'a Kpi> {
    let t = fold(text);
    if t.is_empty() {
        return None;
    }
    names.get(&t).copied()
}

/// Each KPI by its folded id, name and Chinese name; the plan's first KPI
/// where two share one. Built once a file, so matching a header or a row's
/// name takes one lookup whatever the number of KPIs.
pub type Names<'a> = foldhash::HashMap<String, &'a Kpi>;

pub fn names(plan: &Plan) -> Names<'_> {
    let mut names = Names::default();
    for k in &plan.kpis {
        for n in k.names() {
            names.entry(fold(n)).or_insert(k);
        }
    }
    names
}

mod wide;

/// Every record of the grid and every problem of its cells.
pub fn records(grid: &Grid, plan: &Plan, opts: &Options) -> (Vec<Record>, Vec<Problem>) {
    let r = read(grid, plan, opts);
    (r.records, r.problems)
}

/// Every record of the grid, every problem of its cells, and what it held
/// besides its figures.
pub fn read(grid: &Grid, plan: &Plan, opts: &Options) -> Read {
    let cores = crate::intake::parallel::cores();
    let mut read = match long_in_parts(grid, plan, opts, cores) {
        Some((records, problems)) => Read {
            records,
            problems,
            skipped: Skipped::default(),
            no_table: false,
        },
        None => read_in_one_pass(grid, plan, opts),
    };
    // Nothing read and nothing wrong: no table was recognised at all (a
    // note, a wrong file), which is not the same as a quarter with no news.
    if read.records.is_empty() && read.problems.is_empty() && read.skipped.untracked.is_empty() {
        read.no_table = true;
        read.problems.push(
            Problem::error("no figure found: the file holds no table plantrack recognises")
                .in_file(&grid.file)
                .expected("a header row (kpi, period, value; or a period column and a column per KPI) and a row per figure")
                .hint("docs/ingest.md shows the layouts ingest reads"),
        );
    }
    read
}

/// `records`, every row read in turn on this thread.
#[cfg(test)]
fn records_in_one_pass(grid: &Grid, plan: &Plan, opts: &Options) -> (Vec<Record>, Vec<Problem>) {
    let r = read_in_one_pass(grid, plan, opts);
    (r.records, r.problems)
}

fn read_in_one_pass(grid: &Grid, plan: &Plan, opts: &Options) -> Read {
    let mut r = Reader::new(grid, plan, opts);
    // A long file (its header the first row with any text) is read as its
    // rows stream past; any other is gathered first (it is small, a row per
    // period or per KPI, and finding its header, title lines and period
    // column needs them all).
    let mut long: Option<LongColumns> = None;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let unclosed = grid.for_each_row(|row| {
        if let Some(columns) = &long {
            if !is_blank(&row) {
                r.long(columns, &row);
            }
            return;
        }
        if rows.iter().all(|r| is_blank(r)) && opts.find.header_row.is_none() && !is_blank(&row) {
            match r.body_of(&row) {
                Body::Long(columns) => {
                    // A record a row: sized once, not grown by doubling.
                    r.out.reserve(grid.rows_hint(0..usize::MAX));
                    long = Some(columns);
                    return;
                }
                Body::Refused => {
                    long = Some(LongColumns::none());
                    return;
                }
                Body::Wide => {}
            }
        }
        rows.push(row);
    });
    if let Some(at) = unclosed {
        r.problems
            .push(crate::intake::load::records::unclosed_quote_problem(|m| {
                grid.problem_at(at, m)
            }));
    }
    let mut no_table = false;
    if long.is_none() {
        if rows.iter().all(|r| is_blank(r)) {
            no_table = r.problems.is_empty();
            r.problems.push(
                Problem::error("the file holds no rows")
                    .in_file(&grid.file)
                    .expected("a header row and one row per value (or per period)"),
            );
        } else {
            let number = |at: At| row_number(grid, at);
            let t = table::find(rows, opts.find, &grid.file, &number);
            r.table(t);
        }
    }
    Read {
        records: r.out,
        problems: r.problems,
        skipped: r.skipped,
        no_table,
    }
}

/// A cell's row as a spreadsheet or an editor numbers it, from 1.
pub fn row_number(grid: &Grid, at: At) -> usize {
    match (at, &grid.text) {
        (At::Sheet { row, .. }, _) => row as usize + 1,
        (At::Text { start, .. }, Some(file)) => file.line_col(start).0,
        (At::Text { .. }, None) => 0,
    }
}

/// A long CSV file without quotes, read in up to `parts` parts, each on a
/// core of its own; `None` for any other file. A file's rows give the same
/// records and problems, in the same order, as when read in one pass.
///
/// Each part's records are written straight into the file's one vector, in
/// places set aside for as many records as the part has lines (a row gives
/// one record at most). Read apart and appended, half the records were
/// copied once more, into as many fresh pages again: docs/performance.md.
fn long_in_parts(
    grid: &Grid,
    plan: &Plan,
    opts: &Options,
    parts: usize,
) -> Option<(Vec<Record>, Vec<Problem>)> {
    let (header, parts) = grid.cut(parts)?;
    let mut r = Reader::new(grid, plan, opts);
    if opts.find.header_row.is_some() {
        return None;
    }
    let Body::Long(columns) = r.body_of(&header) else {
        return None;
    };
    let sizes: Vec<usize> = parts.iter().map(|p| grid.rows_hint(p.clone())).collect();
    let total = sizes.iter().sum();
    let mut records: Vec<Record> = Vec::with_capacity(total);
    let mut spare = &mut records.spare_capacity_mut()[..total];
    let mut places = Vec::new();
    for &size in &sizes {
        let (these, rest) = std::mem::take(&mut spare).split_at_mut(size);
        spare = rest;
        places.push(these);
    }
    let mut places = places.into_iter();
    r.places = Places {
        slots: places.next()?,
        filled: 0,
    };
    let read = |r: &mut Reader, part: &std::ops::Range<usize>| {
        grid.for_each_row_lent_in(part.clone(), |row| {
            if !is_blank(row) {
                r.long(&columns, row);
            }
        });
    };
    // (Each part's result: its places filled, the records past them, its problems.)
    let (first, others) = crate::intake::parallel::beside(
        || {
            read(&mut r, &parts[0]);
            (r.places.filled, r.out, r.problems)
        },
        parts[1..].iter().zip(places),
        |(part, slots)| {
            let mut other = Reader::new(grid, plan, opts);
            other.places = Places { slots, filled: 0 };
            read(&mut other, part);
            (other.places.filled, other.out, other.problems)
        },
    );
    let mut problems = Vec::new();
    let mut past = Vec::new();
    let mut len = 0;
    let mut start = 0;
    for ((filled, out, mut these), size) in std::iter::once(first).chain(others).zip(&sizes) {
        // SAFETY: the places `start..start + filled` were written by the
        // part's reader (`Reader::push`), and `len <= start`: the records
        // so far are moved down over the unfilled places before them. The
        // vector's length covers only records moved into place, so none is
        // read or dropped twice; a panic above leaves it empty (and a
        // record owns no memory to leak).
        unsafe {
            let base = records.as_mut_ptr();
            std::ptr::copy(base.add(start), base.add(len), filled);
            len += filled;
            records.set_len(len);
        }
        start += size;
        past.push((len, out));
        problems.append(&mut these);
    }
    // A part with more rows than lines (a lone carriage return ends a row
    // too) has its last records past its places: put in after them.
    for (at, out) in past.into_iter().rev() {
        if !out.is_empty() {
            records.splice(at..at, out);
        }
    }
    Some((records, problems))
}

/// Places set aside for a reader's records in the vector of the whole file
/// (see `long_in_parts`), filled in order; once they are full, or when
/// there are none, its records go to its own vector.
#[derive(Default)]
struct Places<'p> {
    slots: &'p mut [std::mem::MaybeUninit<Record>],
    filled: usize,
}

/// What follows the header, as the header says.
enum Body {
    Long(LongColumns),
    /// Any other layout: the table is found once every row is read.
    Wide,
    /// Not the layout asked for: the problem is said, the rows are not read.
    Refused,
}

/// Where a long file's columns are: the position of each of `LONG_COLUMNS`
/// in a row, and the unit a value header carries (`数值(亿元)`).
struct LongColumns {
    at: [Option<usize>; LONG_COLUMNS.len()],
    unit: String,
    /// The header's width: a row wider than it is refused (an unquoted
    /// `1,2,3` would otherwise be read as 1, the rest dropped).
    width: usize,
}

/// The columns of `LONG_COLUMNS`, in its order.
#[derive(Clone, Copy)]
enum Col {
    Kpi,
    Period,
    Value,
    Unit,
    Basis,
    Scope,
    Source,
    Note,
    Yoy,
}

impl LongColumns {
    /// No columns: every row is passed over.
    fn none() -> LongColumns {
        LongColumns {
            at: [None; LONG_COLUMNS.len()],
            unit: String::new(),
            width: usize::MAX,
        }
    }

    fn get<'r, 'g>(&self, row: &'r [Cell<'g>], col: Col) -> Option<&'r Cell<'g>> {
        row.get(self.at[col as usize]?)
    }
}

struct Reader<'a> {
    grid: &'a Grid,
    plan: &'a Plan,
    opts: &'a Options,
    out: Vec<Record>,
    places: Places<'a>,
    problems: Vec<Problem>,
    /// The KPI each name cell met so far refers to: a long file names the
    /// same few KPIs on every row.
    kpis: foldhash::HashMap<String, Option<&'a Kpi>>,
    /// Every text a record holds, once: a scope or a source is the same on
    /// thousands of rows.
    texts: foldhash::HashMap<String, Shared>,
    /// The texts of the record before, by slot (see `shared`).
    recent: [Option<Shared>; 4],
    /// The source of a value that names none: the file's name.
    file_source: Shared,
    names: Names<'a>,
    /// What the file held besides its figures.
    skipped: Skipped,
    /// The year of labels without one.
    year: Option<(i32, YearFrom)>,
    /// The units of a `单位：` line above the table.
    units_line: Vec<String>,
    /// The names in `skipped.untracked`.
    untracked_seen: foldhash::HashSet<String>,
    /// The last unit given and its known name (shared by every record in it).
    unit_name: (Shared, Shared),
}

impl<'a> Reader<'a> {
    fn new(grid: &'a Grid, plan: &'a Plan, opts: &'a Options) -> Reader<'a> {
        Reader {
            grid,
            plan,
            opts,
            out: Vec::new(),
            places: Places::default(),
            problems: Vec::new(),
            kpis: foldhash::HashMap::default(),
            texts: foldhash::HashMap::default(),
            recent: Default::default(),
            file_source: Shared::from(file_name(&grid.file).as_str()),
            names: names(plan),
            skipped: Skipped::default(),
            year: label::in_file_name(&grid.file)
                .map(|y| (y, YearFrom::FileName))
                .or(opts.find.year.map(|y| (y, YearFrom::Flag))),
            units_line: Vec::new(),
            untracked_seen: foldhash::HashSet::default(),
            unit_name: (Shared::from(""), Shared::from("")),
        }
    }

    /// The layout the header shows (or the one asked for), its problems said.
    fn body_of(&mut self, header: &[Cell]) -> Body {
        // A header holding a character no one sees (a second byte-order
        // mark, NUL, a zero-width space) matches no column and no KPI: it
        // would read as "0 added". Refused, the character shown as its code.
        if let Some(c) = header.iter().find(|c| {
            c.text
                .chars()
                .any(|ch| (ch.is_control() && ch != '\t') || crate::problem::invisible(ch))
        }) {
            self.problems.push(
                self.grid
                    .problem_at(
                        c.at,
                        format!(
                            "the header `{}` holds a character that does not show (a second byte-order mark, NUL or a zero-width space)",
                            crate::problem::readable(c.text.trim(), 60)
                        ),
                    )
                    .expected("a header of visible text")
                    .hint("save the sheet again as CSV UTF-8, or retype the header"),
            );
            return Body::Refused;
        }
        let named: Vec<&str> = header.iter().filter_map(|c| long_column(&c.text)).collect();
        let is_long = ["kpi", "period", "value"].iter().all(|c| named.contains(c));
        match self.opts.layout {
            Some(Layout::Long) if !is_long => {
                self.problems.push(
                    self.grid
                        .problem_at(
                            header[0].at,
                            "the header does not name the columns kpi, period and value",
                        )
                        .expected(
                            "a header such as `kpi,period,value,unit` (or 指标,期间,数值,单位)",
                        )
                        .hint("for a period column and one column per KPI, use --layout wide"),
                );
                Body::Refused
            }
            Some(Layout::Long) | None if is_long => Body::Long(self.long_columns(header)),
            _ => Body::Wide,
        }
    }

    fn long_columns(&mut self, header: &[Cell]) -> LongColumns {
        let mut columns = LongColumns {
            at: [None; LONG_COLUMNS.len()],
            unit: String::new(),
            width: header.len(),
        };
        for (i, c) in header.iter().enumerate() {
            let n = long_column(&c.text)
                .and_then(|name| LONG_COLUMNS.iter().position(|(c, _)| *c == name));
            match n {
                Some(n) if columns.at[n].is_some() => {
                    let b = rules::duplicate_column(c.text.trim());
                    self.problems.push(self.breach(c.at, b));
                }
                Some(n) => {
                    if LONG_COLUMNS[n].0 == "value" {
                        columns.unit = split_unit(&c.text).1;
                    }
                    columns.at[n] = Some(i);
                }
                None => {
                    let b = rules::unknown_column(
                        c.text.trim(),
                        "kpi, period, value, unit, basis, scope, source, note or yoy (or 指标, 期间, 数值, 单位, 口径, 来源, 备注, 同比)",
                    );
                    self.problems.push(self.breach(c.at, b));
                }
            }
        }
        columns
    }

    /// One row of a long file.
    fn long(&mut self, columns: &LongColumns, row: &[Cell]) {
        let get = |col: Col| columns.get(row, col);
        let text = |col: Col| get(col).map_or("", |c| cell::trim(&c.text));
        let Some(kpi_cell) = get(Col::Kpi) else {
            return;
        };
        if let Some(extra) = row
            .get(columns.width..)
            .and_then(|rest| rest.iter().find(|c| !c.text.trim().is_empty()))
        {
            self.problems.push(
                self.grid
                    .problem_at(
                        extra.at,
                        format!(
                            "this row has more fields than the header's {} (`{}` is beyond it)",
                            columns.width,
                            extra.text.trim()
                        ),
                    )
                    .expected(format!("at most {} fields, as the header", columns.width))
                    .hint("a figure written with commas (1,2,3) must be quoted, or written without them"),
            );
            return;
        }
        if let Some(v) = get(Col::Value)
            && cell::is_placeholder(&v.text)
        {
            self.placeholder(v.at);
            return;
        }
        let Some(kpi) = self.kpi(kpi_cell) else {
            return;
        };
        let Some(period) = get(Col::Period).and_then(|c| self.period(c)) else {
            if get(Col::Period).is_none() {
                self.problems.push(
                    self.grid
                        .problem_at(kpi_cell.at, "this row has no period")
                        .expected("a period"),
                );
            }
            return;
        };
        let Some(value_cell) = get(Col::Value) else {
            self.problems.push(
                self.grid
                    .problem_at(kpi_cell.at, "this row has no value")
                    .expected("a value"),
            );
            return;
        };
        let unit = match text(Col::Unit) {
            "" => columns.unit.as_str(),
            u => u,
        };
        // As the store writes it, else folded (`YTD`, ｙｔｄ); none given, the
        // one of --basis or the KPI's default.
        let folded;
        let basis = match text(Col::Basis) {
            "" => match (self.opts.basis, period.basis, kpi.kind) {
                (None, Some(b), crate::core::plan::Kind::Flow) => b.id(),
                _ => self.opts.basis.map_or("", Basis::id),
            },
            b if Basis::parse(b).is_some() => b,
            b => {
                folded = fold(b);
                &folded
            }
        };
        let basis = match rules::basis(kpi, basis) {
            Ok(b) => b,
            Err(b) => {
                let cell = get(Col::Basis).map_or(value_cell.at, |c| c.at);
                self.problems.push(self.breach(cell, b));
                return;
            }
        };
        let yoy = get(Col::Yoy)
            .filter(|c| !cell::trim(&c.text).is_empty())
            .and_then(|c| self.yoy(c));
        self.push(
            kpi,
            period.period,
            value_cell,
            unit,
            basis,
            text(Col::Scope),
            text(Col::Source),
            text(Col::Note),
            yoy,
        );
    }

    /// A cell saying "no figure": counted (with --strict, refused).
    fn placeholder(&mut self, at: At) {
        if self.opts.strict {
            self.problems.push(
                self.grid
                    .problem_at(at, "a cell saying \"no figure\" (--strict)")
                    .expected("a number")
                    .hint("without --strict such cells are skipped and counted"),
            );
        }
        self.skipped.placeholders += 1;
    }

    /// The basis of a value whose row names none: --basis, else what the
    /// label says for a flow (二季度 is the quarter alone), else the KPI's default.
    fn label_basis(&mut self, kpi: &Kpi, hint: Option<Basis>, at: At) -> Option<Basis> {
        match (self.opts.basis, hint, kpi.kind) {
            (None, Some(b), crate::core::plan::Kind::Flow) => Some(b),
            _ => self.given_basis(kpi, at),
        }
    }

    fn unknown_kpi(&self, at: At, name: &str) -> Problem {
        let names: Vec<String> = self
            .plan
            .kpis
            .iter()
            .map(|k| match &k.name_zh {
                Some(z) => format!("{} / {} / {}", k.id, k.name, z),
                None => format!("{} / {}", k.id, k.name),
            })
            .collect();
        // Only the first problems are shown in full: no "did you mean" is
        // sought for the rest (a million unknown names would cost seconds).
        let near = (self.problems.len() < crate::problem::SHOWN)
            .then(|| self.plan.nearest_kpi_name(name))
            .flatten();
        let hint = match near.map(str::to_string) {
            Some(n) => format!("did you mean `{n}`? A bureau's own name for a KPI goes in its \"aliases\" in the plan"),
            None => "a unit may follow the name in brackets: 工业总产值(亿元); a bureau's own name for a KPI goes in its \"aliases\" in the plan".to_string(),
        };
        self.grid
            .problem_at(
                at,
                format!("`{name}` is not a KPI of plan `{}`", self.plan.id),
            )
            .expected(format!(
                "a KPI id, English or Chinese name, or alias: {}",
                names.join("; ")
            ))
            .hint(hint)
    }

    fn kpi(&mut self, cell: &Cell) -> Option<&'a Kpi> {
        let found = match self.kpis.get(cell.text.as_ref()) {
            Some(&found) => found,
            None => {
                let found = match_kpi(&self.names, &split_unit(&cell.text).0);
                self.kpis.insert(cell.text.to_string(), found);
                found
            }
        };
        if found.is_none() {
            self.problems
                .push(self.unknown_kpi(cell.at, cell.text.trim()));
        }
        found
    }

    fn period(&mut self, cell: &Cell) -> Option<Label> {
        match label::read(&cell.text, self.year) {
            Ok(l) => {
                if l.year_from != YearFrom::Cell {
                    self.skipped.year = Some((l.period.year(), l.year_from));
                }
                self.in_window(l.period, cell.at).then_some(l)
            }
            Err(e) => {
                let text = cell.text.trim();
                let mut b = rules::not_a_period(
                    text,
                    &crate::core::period::PeriodError {
                        text: text.to_string(),
                        detail: e.detail,
                    },
                );
                // What only a bureau's sheet says: the quarter a month is in.
                if let Some(s) = &e.suggestion {
                    b.hint = Some(format!(
                        "did you mean {s}? accepted forms: {}",
                        label::FORMS
                    ));
                }
                self.problems.push(self.breach(cell.at, b));
                None
            }
        }
    }

    fn in_window(&mut self, p: Period, at: At) -> bool {
        let breach = rules::in_window(self.plan, p).err();
        let inside = breach.is_none();
        if let Some(b) = breach {
            self.problems.push(self.breach(at, b));
        }
        inside
    }

    /// The basis of a value whose row names none: --basis, else the KPI's
    /// default; a --basis that does not fit the KPI is a problem at `at`.
    fn given_basis(&mut self, kpi: &Kpi, at: At) -> Option<Basis> {
        match rules::basis(kpi, self.opts.basis.map_or("", Basis::id)) {
            Ok(b) => Some(b),
            Err(b) => {
                self.problems.push(self.breach(at, b));
                None
            }
        }
    }

    /// A broken rule, pointing at the cell `at`.
    fn breach(&self, at: At, b: Breach) -> Problem {
        Problem::breach(b, |m| self.grid.problem_at(at, m))
    }

    fn yoy(&mut self, cell: &Cell) -> Option<Decimal> {
        if cell::trim(&cell.text).is_empty() {
            return None;
        }
        if cell::is_placeholder(&cell.text) {
            self.placeholder(cell.at);
            return None;
        }
        match cell::parse(&cell.text) {
            Ok(v) if v.unit.is_empty() || v.unit == "%" => Some(v.number),
            Ok(v) => {
                self.problems.push(
                    self.grid
                        .problem_at(cell.at, format!("growth on a year earlier in `{}`", v.unit))
                        .expected("a percentage such as 13.7 or 13.7%"),
                );
                None
            }
            Err(e) => {
                self.problems.push(
                    self.grid
                        .problem_at(cell.at, format!("growth on a year earlier: {}", e.message))
                        .expected("a percentage such as 13.7 or 13.7%")
                        .hint(e.hint),
                );
                None
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        kpi: &Kpi,
        period: Period,
        value_cell: &Cell,
        column_unit: &str,
        basis: Basis,
        scope: &str,
        source: &str,
        note: &str,
        yoy: Option<Decimal>,
    ) {
        if cell::is_placeholder(&value_cell.text) {
            self.placeholder(value_cell.at);
            return;
        }
        let before = self.problems.len();
        let word = (kpi.kind == crate::core::plan::Kind::Milestone)
            .then(|| cell::milestone_word(&value_cell.text))
            .flatten();
        let value = match cell::parse(word.unwrap_or(&value_cell.text)) {
            Ok(v) => {
                // The cell's own unit, else the row's or column's, else the
                // `单位：` line's that measures what the KPI measures.
                let line_unit = || {
                    let d = units::dimension(&kpi.unit);
                    self.units_line
                        .iter()
                        .find(|u| d.is_some() && units::dimension(u) == d)
                        .map_or("", String::as_str)
                };
                let unit = match (v.unit.as_str(), column_unit) {
                    ("", "") => line_unit(),
                    ("", c) => c,
                    (u, _) => u,
                };
                // (Looked up once a run of rows: a long file gives the same
                // unit on every row, and the lookup folds case.)
                if !self.unit_name.0.is(unit) {
                    let name: Shared = Shared::from(units::name(unit));
                    self.unit_name = (Shared::from(unit), name);
                }
                // A unit the plan lists as the KPI's own, written otherwise.
                let unit = if kpi.unit_aliases.iter().any(|a| {
                    a.trim() == unit.trim() || units::spelled_out(a) == units::spelled_out(unit)
                }) {
                    kpi.unit.as_str()
                } else {
                    unit
                };
                match units::convert(v.number, unit, &kpi.unit) {
                    Ok(x) => Some(x),
                    Err(e) => {
                        let why = match e {
                            UnitError::Incompatible => "measures something else",
                            UnitError::Unknown => "is not a unit plantrack converts",
                        };
                        let known = units::dimension(&kpi.unit)
                            .map(|d| units::known_names(d).join(", "))
                            .unwrap_or_else(|| format!("only `{}` itself", kpi.unit));
                        self.problems.push(
                            self.grid
                                .problem_at(
                                    value_cell.at,
                                    format!("unit `{unit}` {why}: `{}` is in {}", kpi.id, kpi.unit),
                                )
                                .expected(format!(
                                    "a value in {} or a unit that converts to it: {known}",
                                    kpi.unit
                                )),
                        );
                        None
                    }
                }
            }
            Err(e) => {
                self.problems.push(
                    self.grid
                        .problem_at(value_cell.at, e.message)
                        .expected(format!("a number in {}", kpi.unit))
                        .hint(e.hint),
                );
                None
            }
        };
        if let Some(v) = value
            && let Err(b) = rules::milestone_value(kpi, &v, v == Decimal::ZERO || v == Decimal::ONE)
        {
            self.problems.push(self.breach(value_cell.at, b));
        }
        if let Some(v) = value
            && let Err(b) = rules::decimal_in_range(&v, &rules::Quoted(value_cell.text.trim()))
        {
            self.problems.push(self.breach(value_cell.at, b));
        }
        let (Some(value), true) = (value, self.problems.len() == before) else {
            return;
        };
        let (plan, opts) = (self.plan, self.opts);
        let scope = match (scope, &opts.scope) {
            ("", Some(s)) => s,
            ("", None) => plan.scope_of(kpi),
            (s, _) => s,
        };
        let source = match source {
            "" => opts.source.as_deref().unwrap_or(""),
            s => s,
        };
        // The texts stored with the figure, checked when first met.
        let file_source = self.file_source;
        let source = if source.is_empty() {
            &*file_source
        } else {
            source
        };
        let shared = |r: &mut Self| -> Result<[Shared; 4], crate::core::rules::Breach> {
            Ok([
                r.shared(0, Some("scope"), scope)?,
                r.shared(1, Some("source"), source)?,
                r.shared(2, Some("note"), note)?,
                r.shared(3, None, &kpi.id)?,
            ])
        };
        let [scope, source, note, kpi] = match shared(self) {
            Ok(texts) => texts,
            Err(b) => {
                self.problems.push(self.breach(value_cell.at, b));
                return;
            }
        };
        let record = Record {
            kpi,
            period,
            value,
            basis,
            scope,
            source,
            note,
            yoy,
            unit: self.unit_name.1,
            at: value_cell.at,
        };
        match self.places.slots.get_mut(self.places.filled) {
            Some(place) => {
                place.write(record);
                self.places.filled += 1;
            }
            None => self.out.push(record),
        }
    }

    /// `text` shared with every record that holds it, and checked as the
    /// stored text `what` the first time it is met. The text in the same
    /// `slot` of the record before is found without hashing: a long file
    /// repeats its KPI, source and note from row to row.
    fn shared(
        &mut self,
        slot: usize,
        what: Option<&str>,
        text: &str,
    ) -> Result<Shared, crate::core::rules::Breach> {
        if let Some(t) = &self.recent[slot]
            && t.is(text)
        {
            return Ok(*t);
        }
        let t = match self.texts.get(text) {
            Some(t) => *t,
            None => {
                if let Some(what) = what.filter(|_| !text.is_empty()) {
                    rules::plain_text(what, text)?;
                }
                let t: Shared = Shared::from(text);
                self.texts.insert(text.to_string(), t);
                t
            }
        };
        self.recent[slot] = Some(t);
        Ok(t)
    }
}

/// The last part of a path, as a source when none is given.
fn file_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map_or(path.to_string(), |n| n.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::problem::SourceFile;

    fn plan() -> Plan {
        crate::intake::bishan_plan()
    }

    // Header words too, so that a row may look like a header.
    const CELLS: [&str; 15] = [
        "kpi",
        "period",
        "value",
        "built_up_area",
        "rd_ratio",
        "no_such_kpi",
        "2019Q2",
        "2020-Q4",
        "2019Q7",
        "31.5",
        "1,234.5",
        "x",
        "",
        " ",
        "zone",
    ];

    /// A lone carriage return ends a row too: a first line of several rows
    /// is not taken for the header (here the third row would look like one).
    #[test]
    fn a_first_line_of_several_rows_is_read_in_one_pass() {
        let text = "kpi,period,value\rbuilt_up_area,2019Q2,31\rkpi,period,value\nbuilt_up_area,2019Q3,32\n";
        let grid = crate::intake::ingest::grid::from_csv(SourceFile::new("in.csv", text));
        assert!(long_in_parts(&grid, &plan(), &Options::default(), 2).is_none());
        let (records, problems) = records(&grid, &plan(), &Options::default());
        assert_eq!(records.len(), 2);
        assert_eq!(problems.len(), 1, "{problems:?}");
    }

    proptest! {
        /// A long file read in parts, one a core, gives the records and the
        /// problems one pass gives, in the same order: whatever its rows,
        /// blank lines, bad cells and line endings.
        #[test]
        fn parts_read_as_one_pass(
            rows in prop::collection::vec(
                (prop::collection::vec(0usize..CELLS.len(), 0..4), 0usize..3),
                0..60,
            ),
            header_ending in 0usize..3,
            parts in 1usize..5,
        ) {
            let endings = ["\n", "\r\n", "\r"];
            let mut text = format!("kpi,period,value,scope{}", endings[header_ending]);
            for (cells, ending) in &rows {
                let cells: Vec<&str> = cells.iter().map(|&c| CELLS[c]).collect();
                text.push_str(&cells.join(","));
                text.push_str(endings[*ending]);
            }
            let grid = crate::intake::ingest::grid::from_csv(SourceFile::new("in.csv", text));
            let (plan, opts) = (plan(), Options::default());
            let said = |p: &[Problem]| -> Vec<String> { p.iter().map(|p| format!("{p:?}")).collect() };
            if let Some((records, problems)) = long_in_parts(&grid, &plan, &opts, parts) {
                let (one_records, one_problems) = records_in_one_pass(&grid, &plan, &opts);
                prop_assert_eq!(records, one_records);
                prop_assert_eq!(said(&problems), said(&one_problems));
            }
        }

        /// The same for rows that nearly all hold a figure, ended as often
        /// by a lone carriage return as by a line feed: a part then has more
        /// rows than lines, more records than places set aside for them.
        #[test]
        fn parts_of_figures_read_as_one_pass(
            rows in prop::collection::vec((0usize..3, 0usize..4, 0usize..3, 0usize..3), 0..80),
            parts in 2usize..5,
        ) {
            let (kpis, periods) = (["built_up_area", "rd_ratio", "x"], ["2019Q2", "2020Q4", "2021", "2019Q7"]);
            let (values, endings) = (["31", "5.5", "-"], ["\n", "\r", "\r\n"]);
            let mut text = String::from("kpi,period,value\n");
            for &(k, p, v, e) in &rows {
                text.push_str(&format!("{},{},{}{}", kpis[k], periods[p], values[v], endings[e]));
            }
            let grid = crate::intake::ingest::grid::from_csv(SourceFile::new("in.csv", text));
            let (plan, opts) = (plan(), Options::default());
            let said = |p: &[Problem]| -> Vec<String> { p.iter().map(|p| format!("{p:?}")).collect() };
            let (records, problems) = long_in_parts(&grid, &plan, &opts, parts).expect("a long file");
            let (one_records, one_problems) = records_in_one_pass(&grid, &plan, &opts);
            prop_assert_eq!(records, one_records);
            prop_assert_eq!(said(&problems), said(&one_problems));
        }
    }
}

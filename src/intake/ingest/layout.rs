//! Reading records out of a grid, whatever its layout: long (one value per
//! row, the store's own form), wide (a period column and a column per KPI), or
//! wide turned (a KPI per row and a column per period). Headers may be in
//! English or Chinese and may carry a unit: `工业总产值(亿元)`.

use std::str::FromStr;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::cell::{self, halfwidth};
use super::grid::{At, Cell, Grid};
use super::units::{self, UnitError};
use crate::core::observation::Basis;
use crate::core::period::Period;
use crate::core::plan::{Kpi, Plan};
use crate::core::rules::Breach;
use crate::core::rules::observation as rules;
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
fn fold(text: &str) -> String {
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
        for n in [
            Some(k.id.as_str()),
            Some(k.name.as_str()),
            k.name_zh.as_deref(),
        ]
        .into_iter()
        .flatten()
        {
            names.entry(fold(n)).or_insert(k);
        }
    }
    names
}

fn parse_period(text: &str) -> Option<Period> {
    halfwidth(text).trim().parse().ok()
}

/// Every record of the grid and every problem of its cells.
pub fn records(grid: &Grid, plan: &Plan, opts: &Options) -> (Vec<Record>, Vec<Problem>) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (records, mut problems) = long_in_parts(grid, plan, opts, cores)
        .unwrap_or_else(|| records_in_one_pass(grid, plan, opts));
    // Nothing read and nothing wrong: no table was recognised at all (a
    // note, a wrong file), which is not the same as a quarter with no news.
    if records.is_empty() && problems.is_empty() {
        problems.push(
            Problem::error("no figure found: the file holds no table plantrack recognises")
                .in_file(&grid.file)
                .expected("a header row (kpi, period, value; or a period column and a column per KPI) and a row per figure")
                .hint("docs/ingest.md shows the layouts ingest reads"),
        );
    }
    (records, problems)
}

/// `records`, every row read in turn on this thread.
fn records_in_one_pass(grid: &Grid, plan: &Plan, opts: &Options) -> (Vec<Record>, Vec<Problem>) {
    let mut r = Reader::new(grid, plan, opts);
    // The first row with any text is the header. A long file's rows are read
    // as they stream past; a wide file's are gathered first (it is small, a
    // row per period or per KPI, and finding its period column needs them all).
    let mut header: Option<(Vec<Cell>, Body)> = None;
    let unclosed = grid.for_each_row(|row| {
        if row.iter().all(|c| c.text.trim().is_empty()) {
            return;
        }
        match &mut header {
            None => {
                let body = r.body_of(&row);
                header = Some((row, body));
            }
            Some((_, Body::Long(columns))) => r.long(columns, &row),
            Some((_, Body::Wide(rows))) => rows.push(row),
            Some((_, Body::Refused)) => {}
        }
    });
    if let Some(at) = unclosed {
        r.problems
            .push(crate::intake::load::records::unclosed_quote_problem(|m| {
                grid.problem_at(at, m)
            }));
    }
    match header {
        None => r.problems.push(
            Problem::error("the file holds no rows")
                .in_file(&grid.file)
                .expected("a header row and one row per value (or per period)"),
        ),
        Some((header, Body::Wide(rows))) => r.wide(&header, &rows),
        Some(_) => {}
    }
    (r.out, r.problems)
}

/// A long CSV file without quotes, read in up to `parts` parts, each on a
/// core of its own; `None` for any other file. The first part is read into
/// the records themselves and each other part appended after it, so a
/// file's rows give the same records and problems, in the same order, as
/// when read in one pass.
fn long_in_parts(
    grid: &Grid,
    plan: &Plan,
    opts: &Options,
    parts: usize,
) -> Option<(Vec<Record>, Vec<Problem>)> {
    let (header, parts) = grid.cut(parts)?;
    let mut r = Reader::new(grid, plan, opts);
    let Body::Long(columns) = r.body_of(&header) else {
        return None;
    };
    let (first, rest) = parts.split_first()?;
    let read = |r: &mut Reader, part: &std::ops::Range<usize>| {
        grid.for_each_row_in(part.clone(), |row| {
            if !row.iter().all(|c| c.text.trim().is_empty()) {
                r.long(&columns, &row);
            }
        });
    };
    // (`body_of` has sized the first part's records for the whole file.)
    let ((), others) = crate::intake::parallel::beside(
        || read(&mut r, first),
        rest,
        |part| {
            let mut other = Reader::new(grid, plan, opts);
            other.out.reserve(grid.rows_hint(part.clone()));
            read(&mut other, part);
            (other.out, other.problems)
        },
    );
    for (mut out, mut problems) in others {
        r.out.append(&mut out);
        r.problems.append(&mut problems);
    }
    Some((r.out, r.problems))
}

/// What follows the header, as the header says.
enum Body<'g> {
    Long(LongColumns),
    Wide(Vec<Vec<Cell<'g>>>),
    /// Not the layout asked for: the problem is said, the rows are not read.
    Refused,
}

/// Where a long file's columns are: the position of each of `LONG_COLUMNS`
/// in a row, and the unit a value header carries (`数值(亿元)`).
struct LongColumns {
    at: [Option<usize>; LONG_COLUMNS.len()],
    unit: String,
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
    fn get<'r, 'g>(&self, row: &'r [Cell<'g>], col: Col) -> Option<&'r Cell<'g>> {
        row.get(self.at[col as usize]?)
    }
}

struct Reader<'a> {
    grid: &'a Grid,
    plan: &'a Plan,
    opts: &'a Options,
    out: Vec<Record>,
    problems: Vec<Problem>,
    /// The KPI each name cell met so far refers to: a long file names the
    /// same few KPIs on every row.
    kpis: foldhash::HashMap<String, Option<&'a Kpi>>,
    /// Every text a record holds, once: a scope or a source is the same on
    /// thousands of rows.
    texts: foldhash::HashMap<String, Arc<str>>,
    /// The source of a value that names none: the file's name.
    file_source: Arc<str>,
    names: Names<'a>,
}

impl<'a> Reader<'a> {
    fn new(grid: &'a Grid, plan: &'a Plan, opts: &'a Options) -> Reader<'a> {
        Reader {
            grid,
            plan,
            opts,
            out: Vec::new(),
            problems: Vec::new(),
            kpis: foldhash::HashMap::default(),
            texts: foldhash::HashMap::default(),
            file_source: Arc::from(file_name(&grid.file)),
            names: names(plan),
        }
    }

    /// The layout the header shows (or the one asked for), its problems said.
    fn body_of<'g>(&mut self, header: &[Cell]) -> Body<'g> {
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
            Some(Layout::Long) | None if is_long => {
                // A record a row: sized once, not grown by doubling.
                self.out.reserve(self.grid.rows_hint(0..usize::MAX));
                Body::Long(self.long_columns(header))
            }
            _ => Body::Wide(Vec::new()),
        }
    }

    fn long_columns(&mut self, header: &[Cell]) -> LongColumns {
        let mut columns = LongColumns {
            at: [None; LONG_COLUMNS.len()],
            unit: String::new(),
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
        let text = |col: Col| get(col).map_or("", |c| c.text.trim());
        let Some(kpi_cell) = get(Col::Kpi) else {
            return;
        };
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
            "" => self.opts.basis.map_or("", Basis::id),
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
            .filter(|c| !c.text.trim().is_empty())
            .and_then(|c| self.yoy(c));
        self.push(
            kpi,
            period,
            value_cell,
            unit,
            basis,
            text(Col::Scope),
            text(Col::Source),
            text(Col::Note),
            yoy,
        );
    }

    fn wide(&mut self, header: &[Cell], body: &[Vec<Cell>]) {
        // Periods across the header (after the first column, and an optional
        // unit column): KPIs are rows.
        let rest: Vec<&Cell> = header
            .iter()
            .skip(1)
            .filter(|c| !c.text.trim().is_empty())
            .collect();
        let turned = rest.iter().any(|c| parse_period(&c.text).is_some())
            && rest
                .iter()
                .all(|c| parse_period(&c.text).is_some() || long_column(&c.text) == Some("unit"));
        if turned {
            self.wide_turned(header, body);
            return;
        }
        // The period column: one named so, else the first whose cells are periods.
        let period_col = header
            .iter()
            .position(|c| long_column(&c.text) == Some("period"))
            .or_else(|| {
                (0..header.len()).find(|&i| {
                    body.iter()
                        .filter_map(|row| row.get(i))
                        .filter(|c| !c.text.trim().is_empty())
                        .all(|c| parse_period(&c.text).is_some())
                })
            });
        let Some(period_col) = period_col else {
            self.problems.push(
                self.grid
                    .problem_at(header[0].at, "no period column, and the header is not a row of periods")
                    .expected("a column named period (or 期间, 报告期) holding periods such as 2018Q2 or 2018年1-6月")
                    .hint("the long layout names its columns kpi, period, value"),
            );
            return;
        };
        // Each other column: a KPI (with its unit), or the growth of the KPI just before it.
        let mut columns: Vec<(usize, &Kpi, String, bool)> = Vec::new();
        for (i, c) in header.iter().enumerate() {
            if i == period_col || c.text.trim().is_empty() {
                continue;
            }
            let (name, unit) = split_unit(&c.text);
            if let Some(kpi) = match_kpi(&self.names, &name) {
                columns.push((i, kpi, unit, false));
                continue;
            }
            let is_yoy = long_column(&name) == Some("yoy")
                || ["同比", "增速", "同比增长", "yoy"]
                    .iter()
                    .any(|s| fold(&name).ends_with(&fold(s)));
            match (is_yoy, columns.last()) {
                (true, Some(&(_, kpi, _, false))) => columns.push((i, kpi, String::new(), true)),
                _ => self.problems.push(self.unknown_kpi(c.at, &name)),
            }
        }
        for row in body {
            let Some(period_cell) = row.get(period_col) else {
                continue;
            };
            if period_cell.text.trim().is_empty() {
                continue;
            }
            let Some(period) = self.period(period_cell) else {
                continue;
            };
            for (n, &(i, kpi, ref unit, is_yoy)) in columns.iter().enumerate() {
                if is_yoy {
                    continue;
                }
                let Some(value_cell) = row.get(i).filter(|c| !c.text.trim().is_empty()) else {
                    continue;
                };
                let yoy = columns
                    .get(n + 1)
                    .filter(|c| c.3)
                    .and_then(|c| row.get(c.0))
                    .filter(|c| !c.text.trim().is_empty())
                    .and_then(|c| self.yoy(c));
                let Some(basis) = self.given_basis(kpi, value_cell.at) else {
                    continue;
                };
                self.push(kpi, period, value_cell, unit, basis, "", "", "", yoy);
            }
        }
    }

    /// KPIs as rows, periods as columns (an optional unit column after the names).
    fn wide_turned(&mut self, header: &[Cell], body: &[Vec<Cell>]) {
        let unit_col = header
            .iter()
            .position(|c| long_column(&c.text) == Some("unit"));
        let mut periods: Vec<(usize, Period)> = Vec::new();
        for (i, c) in header.iter().enumerate().skip(1) {
            if let Some(p) = parse_period(&c.text)
                && self.in_window(p, c.at)
            {
                periods.push((i, p));
            }
        }
        for row in body {
            let Some(name_cell) = row.first() else {
                continue;
            };
            let (name, header_unit) = split_unit(&name_cell.text);
            let Some(kpi) = match_kpi(&self.names, &name) else {
                self.problems.push(self.unknown_kpi(name_cell.at, &name));
                continue;
            };
            let unit = unit_col
                .and_then(|i| row.get(i))
                .map(|c| c.text.trim().to_string())
                .filter(|u| !u.is_empty())
                .unwrap_or(header_unit);
            for &(i, period) in &periods {
                if let Some(value_cell) = row.get(i).filter(|c| !c.text.trim().is_empty()) {
                    let Some(basis) = self.given_basis(kpi, value_cell.at) else {
                        continue;
                    };
                    self.push(kpi, period, value_cell, &unit, basis, "", "", "", None);
                }
            }
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
        self.grid
            .problem_at(at, format!("`{name}` is not a KPI of plan `{}`", self.plan.id))
            .expected(format!("a KPI id, English or Chinese name: {}", names.join("; ")))
            .hint("a unit may follow the name in brackets: 工业总产值(亿元); remove columns that are not KPIs")
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

    fn period(&mut self, cell: &Cell) -> Option<Period> {
        match halfwidth(&cell.text).trim().parse::<Period>() {
            Ok(p) => self.in_window(p, cell.at).then_some(p),
            Err(e) => {
                let b = rules::not_a_period(cell.text.trim(), &e);
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
        let before = self.problems.len();
        let value = match cell::parse(&value_cell.text) {
            Ok(v) => {
                let unit = if v.unit.is_empty() {
                    column_unit
                } else {
                    v.unit.as_str()
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
        if let Some(v) = value {
            let x = rust_decimal::prelude::ToPrimitive::to_f64(&v).unwrap_or(f64::INFINITY);
            if let Err(b) = rules::in_range(x, &rules::Quoted(value_cell.text.trim())) {
                self.problems.push(self.breach(value_cell.at, b));
            }
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
        // The texts stored with the figure; one met before was checked then.
        let file_source = self.file_source.clone();
        let shown_source = if source.is_empty() {
            &*file_source
        } else {
            source
        };
        for (what, text) in [("scope", scope), ("source", shown_source), ("note", note)] {
            if !text.is_empty()
                && !self.texts.contains_key(text)
                && let Err(b) = rules::plain_text(what, text)
            {
                self.problems.push(self.breach(value_cell.at, b));
                return;
            }
        }
        let record = Record {
            kpi: self.shared(&kpi.id),
            period,
            value,
            basis,
            scope: self.shared(scope),
            source: if source.is_empty() {
                self.file_source.clone()
            } else {
                self.shared(source)
            },
            note: self.shared(note),
            yoy,
            at: value_cell.at,
        };
        self.out.push(record);
    }

    /// `text`, shared with every record that holds it.
    fn shared(&mut self, text: &str) -> Arc<str> {
        match self.texts.get(text) {
            Some(t) => t.clone(),
            None => {
                let t: Arc<str> = Arc::from(text);
                self.texts.insert(text.to_string(), t.clone());
                t
            }
        }
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
    }
}

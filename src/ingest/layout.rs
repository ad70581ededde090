//! Reading records out of a grid, whatever its layout: long (one value per
//! row, the store's own form), wide (a period column and a column per KPI), or
//! wide turned (a KPI per row and a column per period). Headers may be in
//! English or Chinese and may carry a unit: `工业总产值(亿元)`.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::cell::{self, halfwidth};
use super::grid::{At, Cell, Grid};
use super::units::{self, UnitError};
use crate::observation::Basis;
use crate::period::Period;
use crate::plan::{Kind, Kpi, Plan};
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

/// One value read, converted into its KPI's unit, with the cell it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub kpi: String,
    pub period: Period,
    pub value: Decimal,
    pub basis: Basis,
    pub scope: String,
    pub source: String,
    pub note: String,
    pub yoy: Option<Decimal>,
    /// The value's cell.
    pub at: At,
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
pub fn match_kpi<'a>(plan: &'a Plan, text: &str) -> Option<&'a Kpi> {
    let t = fold(text);
    if t.is_empty() {
        return None;
    }
    plan.kpis.iter().find(|k| {
        fold(&k.id) == t || fold(&k.name) == t || k.name_zh.as_deref().is_some_and(|z| fold(z) == t)
    })
}

fn parse_period(text: &str) -> Option<Period> {
    halfwidth(text).trim().parse().ok()
}

/// Every record of the grid and every problem of its cells.
pub fn records(grid: &Grid, plan: &Plan, opts: &Options) -> (Vec<Record>, Vec<Problem>) {
    let mut r = Reader {
        grid,
        plan,
        opts,
        out: Vec::new(),
        problems: Vec::new(),
        kpis: std::collections::HashMap::new(),
    };
    let rows: Vec<&Vec<Cell>> = grid
        .rows
        .iter()
        .filter(|row| row.iter().any(|c| !c.text.trim().is_empty()))
        .collect();
    let Some((header, body)) = rows.split_first() else {
        r.problems.push(
            Problem::error("the file holds no rows")
                .in_file(&grid.file)
                .expected("a header row and one row per value (or per period)"),
        );
        return (r.out, r.problems);
    };
    let long = header
        .iter()
        .filter_map(|c| long_column(&c.text))
        .collect::<Vec<_>>();
    let is_long = ["kpi", "period", "value"].iter().all(|c| long.contains(c));
    match opts.layout {
        Some(Layout::Long) if !is_long => r.problems.push(
            grid.problem_at(
                header[0].at,
                "the header does not name the columns kpi, period and value",
            )
            .expected("a header such as `kpi,period,value,unit` (or 指标,期间,数值,单位)")
            .hint("for a period column and one column per KPI, use --layout wide"),
        ),
        Some(Layout::Long) | None if is_long => r.long(header, body),
        _ => r.wide(header, body),
    }
    (r.out, r.problems)
}

struct Reader<'a> {
    grid: &'a Grid,
    plan: &'a Plan,
    opts: &'a Options,
    out: Vec<Record>,
    problems: Vec<Problem>,
    /// The KPI each name cell met so far refers to: a long file names the
    /// same few KPIs on every row.
    kpis: std::collections::HashMap<String, Option<&'a Kpi>>,
}

impl<'a> Reader<'a> {
    fn long(&mut self, header: &[Cell], body: &[&Vec<Cell>]) {
        let mut index = std::collections::HashMap::new();
        let mut column_unit = String::new();
        for (i, c) in header.iter().enumerate() {
            match long_column(&c.text) {
                Some(name) if index.contains_key(name) => self.problems.push(
                    self.grid
                        .problem_at(c.at, format!("column `{}` appears twice", c.text.trim()))
                        .expected("each column once"),
                ),
                Some(name) => {
                    if name == "value" {
                        column_unit = split_unit(&c.text).1;
                    }
                    index.insert(name, i);
                }
                None => self.problems.push(
                    self.grid
                        .problem_at(c.at, format!("unknown column `{}`", c.text.trim()))
                        .expected("kpi, period, value, unit, basis, scope, source, note or yoy (or 指标, 期间, 数值, 单位, 口径, 来源, 备注, 同比)"),
                ),
            }
        }
        for row in body {
            let get = |name: &str| index.get(name).and_then(|&i| row.get(i));
            let text = |name: &str| get(name).map_or("", |c| c.text.trim());
            let Some(kpi_cell) = get("kpi") else { continue };
            let Some(kpi) = self.kpi(kpi_cell) else {
                continue;
            };
            let Some(period) = get("period").and_then(|c| self.period(c)) else {
                if get("period").is_none() {
                    self.problems.push(
                        self.grid
                            .problem_at(kpi_cell.at, "this row has no period")
                            .expected("a period"),
                    );
                }
                continue;
            };
            let Some(value_cell) = get("value") else {
                self.problems.push(
                    self.grid
                        .problem_at(kpi_cell.at, "this row has no value")
                        .expected("a value"),
                );
                continue;
            };
            let unit = match text("unit") {
                "" => column_unit.as_str(),
                u => u,
            };
            let basis = match text("basis") {
                "" => self.opts.basis.unwrap_or(Basis::default_for(kpi.kind)),
                b => match Basis::parse(&fold(b)) {
                    Some(b) => b,
                    None => {
                        let cell = get("basis").map_or(kpi_cell.at, |c| c.at);
                        self.problems.push(
                            self.grid
                                .problem_at(cell, format!("`{b}` is not a basis"))
                                .expected("ytd, quarter, level or increment"),
                        );
                        continue;
                    }
                },
            };
            let yoy = get("yoy")
                .filter(|c| !c.text.trim().is_empty())
                .and_then(|c| self.yoy(c));
            self.push(
                kpi,
                period,
                value_cell,
                unit,
                basis,
                text("scope"),
                text("source"),
                text("note"),
                yoy,
            );
        }
    }

    fn wide(&mut self, header: &[Cell], body: &[&Vec<Cell>]) {
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
            if let Some(kpi) = match_kpi(self.plan, &name) {
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
                self.push(
                    kpi,
                    period,
                    value_cell,
                    unit,
                    self.opts.basis.unwrap_or(Basis::default_for(kpi.kind)),
                    "",
                    "",
                    "",
                    yoy,
                );
            }
        }
    }

    /// KPIs as rows, periods as columns (an optional unit column after the names).
    fn wide_turned(&mut self, header: &[Cell], body: &[&Vec<Cell>]) {
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
            let Some(kpi) = match_kpi(self.plan, &name) else {
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
                    let basis = self.opts.basis.unwrap_or(Basis::default_for(kpi.kind));
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
        let found = match self.kpis.get(&cell.text) {
            Some(&found) => found,
            None => {
                let found = match_kpi(self.plan, &split_unit(&cell.text).0);
                self.kpis.insert(cell.text.clone(), found);
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
                self.problems.push(
                    self.grid
                        .problem_at(
                            cell.at,
                            format!("`{}` is not a period{}", cell.text.trim(), e.detail),
                        )
                        .expected("a quarter")
                        .hint(format!("accepted forms: {}", crate::period::ACCEPTED_FORMS)),
                );
                None
            }
        }
    }

    fn in_window(&mut self, p: Period, at: At) -> bool {
        let (from, to) = (self.plan.data_from(), self.plan.target_period);
        let inside = p >= from && p <= to;
        if !inside {
            self.problems.push(
                self.grid
                    .problem_at(
                        at,
                        format!("period {p} is outside the plan, which runs from {from} to {to}"),
                    )
                    .expected(format!("a period from {from} to {to}"))
                    .hint("set \"data_from\" in the plan to keep earlier history"),
            );
        }
        inside
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
        if !Basis::allowed_for(kpi.kind).contains(&basis) {
            let names: Vec<&str> = Basis::allowed_for(kpi.kind)
                .iter()
                .map(|b| b.id())
                .collect();
            self.problems.push(
                self.grid
                    .problem_at(
                        value_cell.at,
                        format!(
                            "basis `{}` does not fit `{}`, a {} KPI",
                            basis.id(),
                            kpi.id,
                            kpi.kind.id()
                        ),
                    )
                    .expected(format!("one of {}", names.join(", "))),
            );
        }
        if let (Kind::Milestone, Some(v)) = (kpi.kind, value)
            && v != Decimal::ZERO
            && v != Decimal::ONE
        {
            self.problems.push(
                self.grid
                    .problem_at(
                        value_cell.at,
                        format!("`{}` is a milestone, but the value is {v}", kpi.id),
                    )
                    .expected("1 (achieved) or 0 (not yet)"),
            );
        }
        let (Some(value), true) = (value, self.problems.len() == before) else {
            return;
        };
        let scope = match (scope, &self.opts.scope) {
            ("", Some(s)) => s.clone(),
            ("", None) => self.plan.scope_of(kpi).to_string(),
            (s, _) => s.to_string(),
        };
        let source = match (source, &self.opts.source) {
            ("", Some(s)) => s.clone(),
            ("", None) => file_name(&self.grid.file),
            (s, _) => s.to_string(),
        };
        self.out.push(Record {
            kpi: kpi.id.clone(),
            period,
            value,
            basis,
            scope,
            source,
            note: note.to_string(),
            yoy,
            at: value_cell.at,
        });
    }
}

/// The last part of a path, as a source when none is given.
fn file_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map_or(path.to_string(), |n| n.to_string_lossy().into_owned())
}

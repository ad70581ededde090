//! The layouts a bureau's table comes in, once the table is found under its
//! title lines (`super::super::table`): a period per row and a column per
//! KPI (with its 累计 and 同比 under it), or turned, a KPI per row and a
//! column per period. Rows, columns and cells that are not data are listed
//! in `Skipped`, never dropped without a word.

use rust_decimal::Decimal;

use super::super::cell;
use super::super::label::{self, Label, YearFrom};
use super::super::table::{Column, Skip, Table};
use super::{Body, Layout, Reader, fold, long_column, match_kpi, split_unit};
use crate::core::observation::Basis;
use crate::core::plan::Kpi;
use crate::core::units;
use crate::intake::ingest::grid::Cell;
use crate::intake::store::record::At;

/// What a column of a KPI holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The figure, with the basis its header implies (累计: year-to-date).
    Value(Option<Basis>),
    /// Its growth on a year earlier (同比).
    Yoy,
    /// A quarter's figure (本季) beside the KPI's 累计: the 累计 is stored,
    /// this is checked against it.
    Check,
    /// Another value column beside the 累计 (本期): listed as not read.
    Unread,
    /// Something else (上年同期, 本月): not read, listed.
    Other,
}

/// The role a header's word gives a column.
fn role_of(word: &str) -> Role {
    let w = fold(word);
    let w = w
        .trim_end_matches(['%', '％'])
        .trim_end_matches(['(', '（', '±']);
    // A year earlier's figures (上年同期累计) are not this year's.
    if ["上年", "去年", "同期"].iter().any(|y| w.contains(y)) {
        return Role::Other;
    }
    match w {
        "ytd" => Role::Value(Some(Basis::Ytd)),
        // 累计, 本年累计, 累计数, 累计值, 本月止累计, 1-本月累计, 1-6月累计,
        // 年初至本月累计: the year to date, as bureaus head it.
        _ if is_year_to_date(w) => Role::Value(Some(Basis::Ytd)),
        "本季" | "当季" | "本季度" | "本季值" | "当季值" => {
            Role::Value(Some(Basis::Quarter))
        }
        "" | "本期" | "本期值" | "绝对值" | "总量" | "数值" | "金额" | "当期" | "value" => {
            Role::Value(None)
        }
        _ if long_column(w) == Some("yoy")
            || ["同比", "增速", "增长", "比上年", "±"]
                .iter()
                .any(|y| w.contains(y)) =>
        {
            Role::Yoy
        }
        _ => Role::Other,
    }
}

/// Whether a header word says "the year to date": it ends in 累计 (or
/// 累计数, 累计值), and what comes before names the months from the year's
/// start (本年, 本月止, 1-6月, 1-本月, 年初至本月) or nothing.
fn is_year_to_date(w: &str) -> bool {
    let Some(before) = ["累计数", "累计值", "累计"]
        .iter()
        .find_map(|end| w.strip_suffix(end))
    else {
        return false;
    };
    let months = |s: &str| {
        let s = s.trim_end_matches('月');
        s == "本"
            || (!s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
            || [
                "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
            ]
            .contains(&s)
    };
    match before {
        "" | "本年" | "本年度" | "年初至今" | "自年初" | "本月止" | "至本月" | "年初至本月" => {
            true
        }
        b => b
            .strip_prefix("1-")
            .or_else(|| b.strip_prefix("1~"))
            .or_else(|| b.strip_prefix("1－"))
            .or_else(|| b.strip_prefix("1至"))
            .or_else(|| b.strip_prefix("一至"))
            .or_else(|| b.strip_prefix("年初至"))
            .is_some_and(months),
    }
}

/// A KPI's column in a table of periods down.
#[derive(Debug)]
struct KpiColumn<'a> {
    at: usize,
    /// Its header as shown.
    name: String,
    kpi: &'a Kpi,
    unit: String,
    role: Role,
}

/// A header as the user sees it: `工业总产值 上年同期`.
fn shown(c: &Column) -> String {
    match (c.name.trim(), c.sub.trim()) {
        (n, "") => n.to_string(),
        ("", s) => s.to_string(),
        (n, s) => format!("{n} {s}"),
    }
}

impl<'a> Reader<'a> {
    /// A table as a bureau lays it out: a period per row and a KPI (or a
    /// KPI's 累计 and 同比) per column, or turned, a KPI per row.
    pub(super) fn table(&mut self, t: Table) {
        self.year = t.year;
        self.units_line = t.units.clone();
        for &(skip, at) in &t.skipped {
            if self.opts.strict && matches!(skip, Skip::Total | Skip::Footnote) {
                self.problems.push(
                    self.grid
                        .problem_at(at, format!("a {} (--strict)", skip.row()))
                        .expected("a row of figures")
                        .hint("without --strict such rows are skipped and listed"),
                );
            }
        }
        self.skipped.rows = t.skipped.clone();
        let Some(first) = t.columns.first() else {
            return;
        };
        // A long table under title lines.
        let header: Vec<Cell> = t
            .columns
            .iter()
            .map(|c| Cell {
                text: std::borrow::Cow::Owned(c.name.clone()),
                at: c.at,
            })
            .collect();
        if self.opts.layout != Some(Layout::Wide) {
            match self.body_of(&header) {
                Body::Long(columns) => {
                    for row in &t.body {
                        self.long(&columns, row);
                    }
                    return;
                }
                Body::Refused => return,
                Body::Wide => {}
            }
        }
        // Periods down a column: the one named so, else the first whose cells
        // are all periods (a column headed by a period or a KPI holds
        // figures, and 2019 there is a number). None: the KPIs are rows.
        let is_period = |c: &Cell| label::read(&c.text, t.year).is_ok();
        let holds_figures = |c: &Column| {
            label::read(&c.name, t.year).is_ok()
                || label::read(&c.sub, t.year).is_ok()
                || match_kpi(&self.names, &split_unit(&c.name).0).is_some()
        };
        let period_col = t
            .columns
            .iter()
            .position(|c| long_column(&c.name) == Some("period"))
            .or_else(|| {
                (0..t.columns.len())
                    .filter(|&i| !holds_figures(&t.columns[i]))
                    .find(|&i| {
                        let mut cells = t
                            .body
                            .iter()
                            .filter_map(|row| row.get(i))
                            .filter(|c| !c.text.trim().is_empty())
                            .peekable();
                        cells.peek().is_some() && cells.all(is_period)
                    })
            });
        match period_col {
            Some(p) => self.periods_down(&t, p),
            None if t.body.is_empty() => {}
            None => {
                let first_at = first.at;
                self.kpis_down(&t, first_at);
            }
        }
    }

    /// A period per row, a column per KPI (and its growth beside it).
    fn periods_down(&mut self, t: &Table, period_col: usize) {
        let mut columns: Vec<KpiColumn> = Vec::new();
        for (i, c) in t.columns.iter().enumerate() {
            if i == period_col || (c.name.is_empty() && c.sub.is_empty()) {
                continue;
            }
            let (name, mut unit) = split_unit(&c.name);
            let (sub, sub_unit) = split_unit(&c.sub);
            let role = if units::dimension(&sub).is_some() {
                unit = sub.clone();
                Role::Value(None)
            } else {
                if !sub_unit.is_empty() {
                    unit = sub_unit;
                }
                role_of(&sub)
            };
            if let Some(kpi) = match_kpi(&self.names, &name) {
                self.add_column(&mut columns, i, kpi, unit, role, c);
                continue;
            }
            // A growth column of its own (同比(%)) after a KPI's column.
            if role_of(&name) == Role::Yoy
                && sub.is_empty()
                && let Some(last) = columns.last().filter(|k| k.role != Role::Yoy)
            {
                let kpi = last.kpi;
                self.add_column(&mut columns, i, kpi, String::new(), Role::Yoy, c);
                continue;
            }
            self.untracked(c.at, &name);
        }
        // Each column's quarters (figures of one quarter each), summed as
        // written, for its 合计 row; `None` once a figure is not a quarter's.
        let mut sums: Vec<Option<(Decimal, usize)>> = vec![Some((Decimal::ZERO, 0)); columns.len()];
        for row in &t.body {
            let Some(period_cell) = row.get(period_col) else {
                continue;
            };
            let Some(label) = self.period(period_cell) else {
                continue;
            };
            for (n, col) in columns.iter().enumerate() {
                let Role::Value(hint) = col.role else {
                    continue;
                };
                let Some(value_cell) = row.get(col.at).filter(|c| !c.text.trim().is_empty()) else {
                    continue;
                };
                let yoy = columns[n + 1..]
                    .iter()
                    .take_while(|k| k.role == Role::Yoy && std::ptr::eq(k.kpi, col.kpi))
                    .next()
                    .and_then(|k| row.get(k.at))
                    .and_then(|c| self.yoy(c));
                let Some(basis) = self.label_basis(col.kpi, hint.or(label.basis), value_cell.at)
                else {
                    continue;
                };
                let unit = col.unit.clone();
                let before = self.out.len();
                self.push(
                    col.kpi,
                    label.period,
                    value_cell,
                    &unit,
                    basis,
                    "",
                    "",
                    "",
                    yoy,
                );
                sums[n] = match (sums[n], cell::parse(&value_cell.text)) {
                    (Some((sum, k)), Ok(v))
                        if basis == Basis::Quarter
                            && v.unit.is_empty()
                            && self.out.len() > before =>
                    {
                        Some((sum + v.number, k + 1))
                    }
                    _ => None,
                };
            }
        }
        self.check_totals(t, &columns, &sums);
        // Each 本季 beside its 累计: the quarter should be the 累计 less the
        // previous quarter's (the 累计 itself in a first quarter).
        for check in columns.iter().filter(|k| k.role == Role::Check) {
            let Some(ytd) = columns.iter().find(|k| {
                std::ptr::eq(k.kpi, check.kpi) && k.role == Role::Value(Some(Basis::Ytd))
            }) else {
                continue;
            };
            let mut by_period = std::collections::HashMap::new();
            let mut rows = Vec::new();
            for row in &t.body {
                let Some(label) = row
                    .get(period_col)
                    .and_then(|c| label::read(&c.text, t.year).ok())
                else {
                    continue;
                };
                if let Some(y) = row.get(ytd.at) {
                    by_period.insert(label.period, y.clone());
                }
                rows.push((
                    label.period,
                    row.get(check.at).cloned(),
                    row.get(ytd.at).cloned(),
                ));
            }
            for (period, q, y) in rows {
                let (Some(q), Some(y)) = (q, y) else {
                    continue;
                };
                let earlier = by_period.get(&period.add_quarters(-1)).cloned();
                self.check_quarter(check.kpi, period, &q, &y, earlier.as_ref());
            }
        }
    }

    /// A warning when a quarter's figure (本季) is not its 累计 less the
    /// previous 累计 (`earlier`; none needed in a first quarter), beyond what
    /// the three figures' rounding allows. Unchecked when a cell is no
    /// plain figure or the previous 累计 is not in the sheet.
    fn check_quarter(
        &mut self,
        kpi: &Kpi,
        period: crate::core::period::Period,
        quarter: &Cell,
        ytd: &Cell,
        earlier: Option<&Cell>,
    ) {
        let figure = |c: &Cell| cell::parse(&c.text).ok().map(|v| v.number);
        let (Some(q), Some(y)) = (figure(quarter), figure(ytd)) else {
            return;
        };
        let before = match (period.quarter(), earlier.map(figure)) {
            (1, _) => Decimal::ZERO,
            (_, Some(Some(e))) => e,
            _ => return,
        };
        let half = |d: Decimal| Decimal::new(5, d.scale() + 1);
        let slack = half(q)
            + half(y)
            + if period.quarter() == 1 {
                Decimal::ZERO
            } else {
                half(before)
            };
        let expected = y - before;
        if (q - expected).abs() <= slack {
            return;
        }
        let message = if period.quarter() == 1 {
            format!(
                "`{}` {period}: the quarter's figure {q} is not its 累计 {y} (in a first quarter they are the same)",
                kpi.id
            )
        } else {
            format!(
                "`{}` {period}: the quarter's figure {q} is not the 累计 {y} less the previous quarter's {before} ({})",
                kpi.id,
                expected.normalize()
            )
        };
        self.problems.push(
            self.grid.problem_at(quarter.at, message).as_warning().hint(
                "the 累计 is stored; check the quarter's figure against the bureau's release",
            ),
        );
    }

    /// A 合计 row under quarters: its figure should be their sum; a warning
    /// names both when it is not (a typo in a quarter, or in the total).
    fn check_totals(
        &mut self,
        t: &Table,
        columns: &[KpiColumn],
        sums: &[Option<(Decimal, usize)>],
    ) {
        for total in &t.totals {
            for (col, sum) in columns.iter().zip(sums) {
                let (Some((sum, count)), Some(cell)) = (sum, total.get(col.at)) else {
                    continue;
                };
                if *count < 2 {
                    continue;
                }
                if let Ok(v) = cell::parse(&cell.text)
                    && v.unit.is_empty()
                    && v.number != *sum
                {
                    self.problems.push(
                        self.grid
                            .problem_at(
                                cell.at,
                                format!(
                                    "`{}`: the total {} is not the sum of the {count} quarters above it, {}",
                                    col.kpi.id,
                                    v.number,
                                    sum.normalize()
                                ),
                            )
                            .as_warning()
                            .hint("the quarters are stored, the total is not; check both against the bureau's release"),
                    );
                }
            }
        }
    }

    /// A KPI per row (its name in the first column, an optional unit
    /// column), a column per period (or one 累计 column under a title that
    /// names the period), each maybe with its growth beside it.
    fn kpis_down(&mut self, t: &Table, first_at: At) {
        let name_col = t
            .columns
            .iter()
            .position(|c| long_column(&c.name) == Some("kpi"))
            .unwrap_or(0);
        let unit_col = t.columns.iter().position(|c| {
            long_column(&c.name) == Some("unit") || long_column(&c.sub) == Some("unit")
        });
        // Each other column: a period's value, or the growth of the value
        // column before it.
        let mut periods: Vec<(usize, Label, bool)> = Vec::new();
        for (i, c) in t.columns.iter().enumerate() {
            if i == name_col || Some(i) == unit_col || (c.name.is_empty() && c.sub.is_empty()) {
                continue;
            }
            let name_label = label::read(&split_unit(&c.name).0, t.year).ok();
            let sub_label = label::read(&split_unit(&c.sub).0, t.year).ok();
            let (name_role, sub_role) = (
                role_of(&split_unit(&c.name).0),
                role_of(&split_unit(&c.sub).0),
            );
            let label = sub_label.or(name_label);
            // The title says one period and the header another (a title
            // left from last quarter's sheet): the header's is read, and
            // the disagreement said.
            if let (Some(own), Some(title)) = (label, t.title_label)
                && own.period != title.period
            {
                self.problems.push(
                    self.grid
                        .problem_at(
                            c.at,
                            format!(
                                "column `{}` says {}, but the sheet's title says {}: the column's is read",
                                shown(c),
                                own.period,
                                title.period
                            ),
                        )
                        .as_warning()
                        .hint("a title left from an earlier sheet? correct whichever is wrong"),
                );
            }
            let role = if c.sub.is_empty() || sub_label.is_some() {
                if name_label.is_some() {
                    Role::Value(None)
                } else {
                    name_role
                }
            } else {
                sub_role
            };
            match role {
                Role::Yoy => match periods.last() {
                    Some(&(_, l, false)) => periods.push((i, label.unwrap_or(l), true)),
                    _ => self.skip_column(c),
                },
                Role::Value(hint) => match label.or(t.title_label) {
                    Some(mut l) => {
                        if l.year_from != YearFrom::Cell {
                            self.skipped.year = Some((l.period.year(), l.year_from));
                        }
                        if !self.in_window(l.period, c.at) {
                            continue;
                        }
                        l.basis = hint.or(l.basis);
                        periods.push((i, l, false));
                    }
                    None => self.problems.push(
                        self.grid
                            .problem_at(c.at, format!("column `{}` names no period, and neither does the sheet's title", shown(c)))
                            .expected("a period in the header (2023年1-6月) or a title naming one above the table (2023年1-6月主要经济指标)")
                            .hint(format!("accepted forms: {}; or give the period: --period 2023年1-6月", label::FORMS)),
                    ),
                },
                Role::Other | Role::Check | Role::Unread => self.skip_column(c),
            }
        }
        // A 本季 column beside the 累计 of the same period (a title's
        // 2023年1-6月 over 本季, 累计): the 累计 is stored, the quarter (and
        // its growth) checked against it, never both stored.
        let ytd_of = |p: crate::core::period::Period, periods: &[(usize, Label, bool)]| {
            periods
                .iter()
                .find(|e| !e.2 && e.1.period == p && e.1.basis == Some(Basis::Ytd))
                .map(|e| e.0)
        };
        let mut checks = Vec::new();
        let mut kept: Vec<(usize, Label, bool)> = Vec::new();
        let mut after_check = false;
        for &e in &periods {
            if e.2 && after_check {
                continue;
            }
            after_check = false;
            if !e.2
                && e.1.basis == Some(Basis::Quarter)
                && let Some(y) = ytd_of(e.1.period, &periods)
            {
                checks.push((e.0, y, e.1.period));
                after_check = true;
                continue;
            }
            kept.push(e);
        }
        let periods = kept;
        if periods.is_empty() {
            self.problems.push(
                self.grid
                    .problem_at(first_at, "no period column, and the header is not a row of periods")
                    .expected("a column named period (or 期间, 报告期) holding periods such as 2018Q2 or 2018年1-6月, or periods across the header")
                    .hint("the long layout names its columns kpi, period, value; --header-row N says which row is the header"),
            );
            return;
        }
        for row in &t.body {
            let Some(name_cell) = row.get(name_col) else {
                continue;
            };
            let (name, header_unit) = split_unit(&name_cell.text);
            if name.is_empty() {
                continue;
            }
            let Some(kpi) = match_kpi(&self.names, &name) else {
                self.untracked(name_cell.at, &name);
                continue;
            };
            let unit = unit_col
                .and_then(|i| row.get(i))
                .map(|c| c.text.trim().to_string())
                .filter(|u| !u.is_empty())
                .unwrap_or(header_unit);
            for (n, &(i, l, is_yoy)) in periods.iter().enumerate() {
                if is_yoy {
                    continue;
                }
                let Some(value_cell) = row.get(i).filter(|c| !c.text.trim().is_empty()) else {
                    continue;
                };
                let yoy = periods
                    .get(n + 1)
                    .filter(|p| p.2)
                    .and_then(|p| row.get(p.0))
                    .and_then(|c| self.yoy(c));
                let Some(basis) = self.label_basis(kpi, l.basis, value_cell.at) else {
                    continue;
                };
                self.push(kpi, l.period, value_cell, &unit, basis, "", "", "", yoy);
            }
            for &(q, y, period) in &checks {
                let (Some(qc), Some(yc)) = (row.get(q), row.get(y)) else {
                    continue;
                };
                let earlier = ytd_of(period.add_quarters(-1), &periods).and_then(|i| row.get(i));
                self.check_quarter(kpi, period, qc, yc, earlier);
            }
        }
    }

    /// Adds a KPI's column. Of two value columns of one KPI, the 累计 is
    /// read: a 本季 beside it is checked against it, another (本期) listed as
    /// not read. Two columns feeding one KPI the same way (研发投入占比 and
    /// 研发投入强度, both its names) are refused: which is the figure?
    fn add_column(
        &mut self,
        columns: &mut Vec<KpiColumn<'a>>,
        at: usize,
        kpi: &'a Kpi,
        unit: String,
        role: Role,
        c: &Column,
    ) {
        let Role::Value(basis) = role else {
            match role {
                Role::Other => self.skip_column(c),
                _ => columns.push(KpiColumn {
                    at,
                    name: shown(c),
                    kpi,
                    unit,
                    role,
                }),
            }
            return;
        };
        let prior = columns
            .iter()
            .position(|k| std::ptr::eq(k.kpi, kpi) && matches!(k.role, Role::Value(_)));
        let ytd = Some(Basis::Ytd);
        let role = match prior.map(|j| (j, columns[j].role)) {
            None => role,
            Some((_, Role::Value(b))) if b == ytd && basis == Some(Basis::Quarter) => Role::Check,
            Some((j, Role::Value(Some(Basis::Quarter)))) if basis == ytd => {
                columns[j].role = Role::Check;
                role
            }
            Some((_, Role::Value(b))) if b == ytd => {
                self.skipped
                    .columns
                    .push(format!("{} (not the year-to-date figure)", kpi.id));
                Role::Unread
            }
            Some((j, _)) if basis == ytd => {
                columns[j].role = Role::Unread;
                self.skipped
                    .columns
                    .push(format!("{} (not the year-to-date figure)", kpi.id));
                role
            }
            Some((j, _)) => {
                let first = &columns[j];
                self.problems.push(
                    self.grid
                        .problem_at(
                            c.at,
                            format!(
                                "column `{}` feeds {}, which column `{}` already feeds",
                                shown(c),
                                kpi.id,
                                first.name
                            ),
                        )
                        .expected("one column a KPI")
                        .hint("delete the column that is not the figure, or rename it so it names no KPI of the plan"),
                );
                Role::Unread
            }
        };
        columns.push(KpiColumn {
            at,
            name: shown(c),
            kpi,
            unit,
            role,
        });
    }

    fn skip_column(&mut self, c: &Column) {
        let name = shown(c);
        if self.opts.strict {
            self.problems.push(
                self.grid
                    .problem_at(c.at, format!("column `{name}` is not read (--strict)"))
                    .expected("a KPI's figure or its growth on a year earlier")
                    .hint("without --strict such columns are skipped and listed"),
            );
        }
        self.skipped.columns.push(name);
    }

    /// An indicator the plan does not track: listed once (or, with
    /// --strict, refused), with the plan's nearest name when one is close.
    fn untracked(&mut self, at: At, name: &str) {
        // (A set, not a search of the list: a hostile sheet may hold a
        // million names.)
        if name.trim().is_empty() || !self.untracked_seen.insert(name.to_string()) {
            return;
        }
        // The summary names twenty; a "did you mean" is sought for those.
        let named = self.skipped.untracked.len() < 20;
        let near = named
            .then(|| self.plan.nearest_kpi_name(name).map(str::to_string))
            .flatten();
        if self.opts.strict {
            self.problems.push(self.unknown_kpi(at, name));
        } else if let Some(n) = &near {
            // A close miss of a tracked KPI's name (规模以上工业总产直): most
            // likely that KPI misspelt, and its figure would be lost without
            // a word. A warning, counted in the summary; --strict refuses it.
            self.problems.push(
                self.grid
                    .problem_at(
                        at,
                        format!("`{name}` is not a KPI of the plan, but is close to `{n}`: not read"),
                    )
                    .as_warning()
                    .hint(format!("if it is `{n}` misspelt, correct the sheet and ingest it again; if the bureau always writes it so, add it to the KPI's \"aliases\"")),
            );
        }
        self.skipped.untracked.push((name.to_string(), near));
    }
}

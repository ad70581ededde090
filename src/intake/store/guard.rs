//! The magnitude guard over a store about to be written: each new figure
//! against its neighbours in the same series (the period before, the same
//! period a year earlier, stored or fed in the same run; for a series' first
//! figure, the plan's baseline or target), refused when it is a unit slip
//! away from them (`core::rules::magnitude`).

use super::Row;
use crate::core::observation::Basis;
use crate::core::period::Period;
use crate::core::plan::{Kind, Kpi, Plan};
use crate::core::rules::magnitude;
use crate::core::units::{self, Dimension};
use crate::problem::Problem;

/// A new figure the guard stops: it, the neighbour it is compared with, and
/// the power of ten between them.
pub struct Jump<'r> {
    pub row: &'r Row,
    pub neighbour: Neighbour<'r>,
    /// log10 of the figure over what its neighbour leads one to expect.
    pub log_ratio: f64,
}

/// What a new figure is compared with.
#[derive(Debug, Clone, Copy)]
pub enum Neighbour<'r> {
    /// A figure of the same series, stored or fed in the same run.
    Figure(&'r Row),
    /// For a series' first figure: the plan's baseline or target (`what`),
    /// a year-to-date total for a flow.
    Plan {
        what: &'static str,
        value: f64,
        period: Period,
        ytd: bool,
    },
}

impl Neighbour<'_> {
    fn period(&self) -> Period {
        match self {
            Neighbour::Figure(r) => r.period,
            Neighbour::Plan { period, .. } => *period,
        }
    }

    fn ytd(&self) -> bool {
        match self {
            Neighbour::Figure(r) => r.basis == Basis::Ytd,
            Neighbour::Plan { ytd, .. } => *ytd,
        }
    }

    fn value(&self) -> String {
        match self {
            Neighbour::Figure(r) => r.value.clone(),
            Neighbour::Plan { value, .. } => value.to_string(),
        }
    }
}

/// The plan's own figure for a KPI's first one to be compared with: its
/// baseline, else its target's level.
fn plan_figure(kpi: &Kpi, plan: &Plan) -> Option<Neighbour<'static>> {
    let ytd = kpi.kind == Kind::Flow;
    if let Some(b) = &kpi.baseline {
        return Some(Neighbour::Plan {
            what: "the plan's baseline",
            value: b.value,
            period: b.period.unwrap_or(plan.baseline_period),
            ytd,
        });
    }
    kpi.target.value.map(|value| Neighbour::Plan {
        what: "the plan's target",
        value,
        period: kpi.target.period.unwrap_or(plan.target_period),
        ytd,
    })
}

/// Whether a KPI's figures are guarded: those whose unit has slips (money,
/// percent, area). Counts are not: 1 firm then 50 is real.
fn guarded(kpi: &Kpi) -> bool {
    kpi.kind != Kind::Milestone
        && kpi.kind != Kind::Count
        && matches!(
            units::dimension(&kpi.unit),
            Some(Dimension::Money | Dimension::Percent | Dimension::Area)
        )
}

/// The jumps among `rows` (a whole store, in key order) of the rows `new`
/// marks (those this ingest adds or revises), except those `confirmed`.
///
/// Built for a million new rows: each KPI's rows are split by scope and
/// basis into lists already in period order (the store's order is KPI,
/// period, scope), so a neighbour is the next entry, not a search.
pub fn jumps<'r>(
    plan: &Plan,
    rows: &'r [Row],
    new: &[bool],
    confirmed: &dyn Fn(&Row) -> bool,
) -> Vec<Jump<'r>> {
    let mut out = Vec::new();
    let mut start = 0;
    for kpi_rows in rows.chunk_by(|a, b| a.kpi == b.kpi) {
        let range = start..start + kpi_rows.len();
        start = range.end;
        let Some(kpi) = plan.kpi(&kpi_rows[0].kpi).filter(|k| guarded(k)) else {
            continue;
        };
        if !new[range.clone()].contains(&true) {
            continue;
        }
        let mut series: foldhash::HashMap<(&str, Basis), Vec<usize>> = Default::default();
        for i in range {
            series
                .entry((&*rows[i].scope, rows[i].basis))
                .or_default()
                .push(i);
        }
        for s in series.values() {
            for (n, &i) in s.iter().enumerate() {
                if new[i] && !confirmed(&rows[i]) {
                    out.extend(jump(plan, kpi, rows, s, n));
                }
            }
        }
    }
    out.sort_by(|a, b| a.row.key_ref().cmp(&b.row.key_ref()));
    out
}

/// The jump of the `n`th figure of series `s` (indexes into `rows`, in
/// period order), if it makes one.
fn jump<'r>(plan: &Plan, kpi: &Kpi, rows: &'r [Row], s: &[usize], n: usize) -> Option<Jump<'r>> {
    let row = &rows[s[n]];
    let v: f64 = row.value.parse().ok()?;
    let p = row.period;
    // A year-to-date total starts again each January: its period before is
    // in the same year, or it has none (the same period a year earlier is
    // its like).
    let same_run = |r: &Row| r.basis != Basis::Ytd || r.period.year() == p.year();
    let before = n
        .checked_sub(1)
        .map(|k| &rows[s[k]])
        .filter(|r| same_run(r));
    let year_ago = Period::new(p.year() - 1, p.quarter()).and_then(|q| {
        s[..n]
            .binary_search_by(|&k| rows[k].period.cmp(&q))
            .ok()
            .map(|k| &rows[s[k]])
    });
    let after = s.get(n + 1).map(|&k| &rows[k]).filter(|r| same_run(r));
    let mut near: Vec<Neighbour> = Vec::new();
    near.extend(before.map(Neighbour::Figure));
    near.extend(year_ago.map(Neighbour::Figure));
    if before.is_none() {
        near.extend(after.map(Neighbour::Figure));
    }
    // A series' first figure: the plan's own (an area of 38 against a
    // target of 45 km²; 0.045 against an R&D ratio of 4.4 %).
    if near.is_empty() {
        near.extend(plan_figure(kpi, plan));
    }
    // A year-to-date total grows with the quarters: at 2022Q2 it is
    // expected at about twice 2022Q1's, so it is compared with that.
    near.into_iter().find_map(|n| {
        let nv = match n {
            Neighbour::Figure(r) => r.value.parse::<f64>().ok()?,
            Neighbour::Plan { value, .. } => value,
        };
        let log_ratio = magnitude::log_ratio(v, nv * expected_growth(row, &n))?;
        Some(Jump {
            row,
            neighbour: n,
            log_ratio,
        })
    })
}

/// How many times `neighbour` a figure is expected to be, before any
/// growth: for two year-to-date totals, the ratio of their quarters (Q3's
/// total is about three halves of Q2's); for a quarter's own figure against
/// a year-to-date total, one over the total's quarters; else one.
pub fn expected_growth(row: &Row, neighbour: &Neighbour) -> f64 {
    let (p, q) = (row.period.quarter(), neighbour.period().quarter());
    match (row.basis, neighbour.ytd()) {
        (Basis::Ytd, true) => f64::from(p) / f64::from(q),
        (Basis::Quarter, true) => 1.0 / f64::from(q),
        _ => 1.0,
    }
}

/// What a jump most likely is, in words: `万元 under a 亿元 header`, from
/// the unit the figure was given in (`given`, the KPI's own when empty).
pub fn likely_slip(kpi: &Kpi, given: &str, log_ratio: f64) -> String {
    let unit = if given.is_empty() {
        kpi.unit.as_str()
    } else {
        given
    };
    let named = units::shifted(unit, 0).unwrap_or(unit);
    if units::is_percent(unit) && (log_ratio + 2.0).abs() <= 1.0 {
        return "a fraction typed for a percent (0.039 for 3.9 %), or a cell formatted as a percent read as a plain number".to_string();
    }
    match units::slipped_from(unit, log_ratio) {
        Some(other) => format!("{other} under a {named} header"),
        None => format!(
            "a figure about 10^{} times too {}",
            log_ratio.abs().round(),
            if log_ratio > 0.0 { "large" } else { "small" }
        ),
    }
}

/// The neighbour's figure as the comparison uses it: `the 22.4`, or for a
/// year-to-date total `2/1 of the year-to-date 22.4`.
fn expected_of(row: &Row, neighbour: &Neighbour) -> String {
    let (p, q) = (row.period.quarter(), neighbour.period().quarter());
    let value = neighbour.value();
    match (row.basis, neighbour.ytd()) {
        (Basis::Ytd, true) if p != q => format!("{p}/{q} of the year-to-date {value}"),
        (Basis::Quarter, true) => format!("1/{q} of the year-to-date {value}"),
        _ => format!("the {value}"),
    }
}

/// The problem a jump makes, pointing at the new figure's cell (`at` makes
/// a problem there with a message), the neighbour's place said by `origin`.
pub fn problem(
    plan: &Plan,
    j: &Jump,
    given: &str,
    at: &dyn Fn(String) -> Problem,
    origin: &dyn Fn(&Row) -> String,
) -> Problem {
    let kpi = plan.kpi(&j.row.kpi);
    let slip = kpi.map_or(String::new(), |k| likely_slip(k, given, j.log_ratio));
    let factor = format!("10^{}", j.log_ratio.abs().round());
    at(format!(
        "{} {}: {} is about {factor} times {}{} in {} ({}); looks like {slip}",
        j.row.kpi,
        j.row.period,
        j.row.value,
        if j.log_ratio > 0.0 { "" } else { "less than " },
        expected_of(j.row, &j.neighbour),
        j.neighbour.period(),
        match j.neighbour {
            Neighbour::Figure(r) => origin(r),
            Neighbour::Plan { what, .. } => what.to_string(),
        },
    ))
    .expected(format!(
        "a figure within 10^{} (about 31.6 times) of the same series' neighbours, in `{}`",
        magnitude::GUARD_LOG10,
        kpi.map_or("", |k| k.unit.as_str())
    ))
    .hint(format!(
        "check the unit of the column or cell; if the figure is right, confirm it with --accept-jump {}:{} (logged)",
        j.row.kpi, j.row.period
    ))
}

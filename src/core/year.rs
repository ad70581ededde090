//! A year's target as a level, and the average growth since the base: the
//! figures a 主要指标完成情况表 reads beside the five-year target.

use serde::Serialize;

use crate::core::growth::{cagr, finite};
use crate::core::period::Period;
use crate::core::plan::{Kind, Kpi};
use crate::core::series::Point;
use crate::core::targets::Stated;
use crate::core::units;

/// A year's target as a level: set as one (an annual value, a milestone at
/// the year's end, or the plan's target in its year), or a growth on the
/// year before turned into one from last year's full-year figure
/// (1,571.9 × 1.10 = 1,729.09 for 增长10% on 1,571.9).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearTarget {
    pub year: i32,
    /// The level; none for a growth target whose year before is unknown.
    pub level: Option<f64>,
    /// The growth the plan sets on the year before, in percent.
    pub growth_pct: Option<f64>,
    /// The year before's figure the growth is on (its Q4, as published).
    pub on: Option<f64>,
}

/// The year's target of `kpi` for `year`: its growth target there is one
/// (the annual plan's word is the year's own), else a level at the year's
/// end (the milestones include the annual values); none without either.
pub fn year_target(
    kpi: &Kpi,
    year: i32,
    points: &[Point],
    scope: &str,
    target: Option<(Period, f64)>,
) -> Option<YearTarget> {
    let year_end = Period::new(year, 4)?;
    if let Some(g) = kpi
        .annual
        .iter()
        .find(|a| a.year == year)
        .and_then(|a| a.growth_pct)
    {
        let before = Period::new(year - 1, 4)?;
        let on = points
            .iter()
            .find(|p| p.period == before && p.scope.is(scope))
            .map(|p| p.reported);
        return Some(YearTarget {
            year,
            level: on.and_then(|x| finite(x * (1.0 + g / 100.0))),
            growth_pct: Some(g),
            on,
        });
    }
    let level = kpi
        .milestones
        .iter()
        .map(|m| (m.period, m.value))
        .chain(target)
        .find(|(p, _)| *p == year_end)?
        .1;
    Some(YearTarget {
        year,
        level: Some(level),
        growth_pct: None,
        on: None,
    })
}

/// The way from the base to the latest published figure in the target's
/// scope, as a 完成情况表 reads it: the share of the planned change made
/// (增量完成进度) against the share of the plan's time gone (序时进度), and
/// the average change a year, actual and as planned: growth in percent,
/// or for a KPI in percent the change in points (年均提高0.1个百分点). A
/// flow counts to its latest full year, as published, never to an
/// annualised part year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SinceBase {
    pub from: Period,
    /// The latest figure's period (the base's, with none after it).
    pub to: Period,
    /// The latest figure as published; none with no figure after the base.
    pub figure: Option<f64>,
    /// (figure − base) / (target − base), signed by the KPI's direction.
    pub completion: Option<f64>,
    /// (to − from) / (target period − from).
    pub time_elapsed: Option<f64>,
    /// A year's average since `from` to `to`.
    pub actual: Option<f64>,
    /// A year's average the target asks from the base: as stated for 年均
    /// 增长 r %, else derived from the base and the target.
    pub planned: Option<f64>,
    /// In points a year (a KPI in percent), else in percent a year.
    pub points: bool,
}

/// The way of `kpi` from `base` (period, value as published) to its latest
/// figure in `scope` among `points`, and the change its target asks.
pub fn since_base(
    kpi: &Kpi,
    base: (Period, f64),
    target: Option<(Period, f64)>,
    stated: Option<Stated>,
    points: &[Point],
    scope: &str,
) -> Option<SinceBase> {
    let points_a_year = units::is_percent(&kpi.unit);
    let change = |from: f64, to: f64, years: f64| -> Option<f64> {
        if years <= 0.0 {
            return None;
        }
        if points_a_year {
            finite((to - from) / years)
        } else {
            cagr(from, to, years).and_then(|g| finite(g * 100.0))
        }
    };
    let (t0, x0) = base;
    if kpi.kind == Kind::Flow && t0.quarter() != 4 {
        return None; // a part year's total: no year's growth starts from it
    }
    let latest = points
        .iter()
        .filter(|p| p.scope.is(scope) && p.period > t0)
        .filter(|p| kpi.kind != Kind::Flow || p.period.quarter() == 4)
        .max_by_key(|p| p.period);
    let planned = match (stated, target) {
        (Some(Stated::AverageGrowthPct(r)), _) if !points_a_year => Some(r),
        (_, Some((t, x))) => change(x0, x, t0.years_until(t)),
        _ => None,
    };
    let actual = latest.and_then(|p| change(x0, p.reported, t0.years_until(p.period)));
    let d = kpi.direction().sign();
    let completion = latest.zip(target).and_then(|(p, (_, x))| {
        let change = (x - x0).abs();
        (change > 0.0)
            .then(|| finite(d * (p.reported - x0) / change))
            .flatten()
    });
    let time_elapsed = latest.zip(target).and_then(|(p, (t, _))| {
        let span = t0.years_until(t);
        (span > 0.0)
            .then(|| finite(t0.years_until(p.period) / span))
            .flatten()
    });
    if latest.is_none() && planned.is_none() {
        return None;
    }
    Some(SinceBase {
        from: t0,
        to: latest.map_or(t0, |p| p.period),
        figure: latest.map(|p| p.reported),
        completion,
        time_elapsed,
        actual,
        planned,
        points: points_a_year,
    })
}

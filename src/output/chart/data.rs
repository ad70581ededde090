//! What a chart shows, as numbers: the series, the planned path, the
//! projection and its band, computed from the assessment and nothing else.
//!
//! Time runs in fractional years with each quarter at its middle
//! (2018Q2 is 2018.375), so a year's four quarters sit between its ticks.

use crate::core::assess::KpiAssessment;
use crate::core::growth::cagr;
use crate::core::period::Period;
use crate::core::plan::{Kind, Kpi, Plan};
use crate::core::series::Point;
use crate::core::status::Status;
use crate::core::trajectory::Trajectory;
use crate::output::words::Lang;

/// The x position of a quarter: the middle of it, in years.
pub fn x(p: Period) -> f64 {
    f64::from(p.year()) + (f64::from(p.quarter()) - 0.5) / 4.0
}

/// A line through (x, value) points.
pub type Path = Vec<(f64, f64)>;

/// One line of observed values.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub label: String,
    /// (x, value, estimated)
    pub points: Vec<(f64, f64, bool)>,
    /// The KPI's own scope (the other scopes are drawn apart).
    pub main: bool,
}

/// Everything one KPI's chart draws.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiChart {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub kind: Kind,
    pub status: Status,
    pub actual: Vec<Line>,
    pub trajectory: Vec<(f64, f64)>,
    pub target: Option<(f64, f64)>,
    pub target_label: String,
    /// From the latest value to the target period at the actual rate.
    pub projection: Vec<(f64, f64)>,
    /// The same at the slowest and fastest annual rates seen between
    /// consecutive observations: (slow, fast), each a line.
    pub band: Option<(Path, Path)>,
    pub as_of: f64,
    pub as_of_label: String,
    /// For a milestone: when due, and when achieved if it was.
    pub due: f64,
    pub achieved: Option<f64>,
    pub completion: Option<f64>,
    pub time_elapsed: Option<f64>,
    /// The plan casts doubt on this goal (its `caveat`).
    pub caveat: bool,
}

impl KpiChart {
    /// (x min, x max, y min, y max) covering everything drawn, with room around.
    pub fn bounds(&self) -> (f64, f64, f64, f64) {
        let mut xs = vec![self.as_of, self.due];
        let mut ys: Vec<f64> = Vec::new();
        let mut add = |pts: &[(f64, f64)]| {
            for &(a, b) in pts {
                xs.push(a);
                ys.push(b);
            }
        };
        add(&self.trajectory);
        add(&self.projection);
        if let Some((s, f)) = &self.band {
            add(s);
            add(f);
        }
        if let Some(t) = self.target {
            add(&[t]);
        }
        for l in &self.actual {
            let pts: Vec<(f64, f64)> = l.points.iter().map(|&(a, b, _)| (a, b)).collect();
            add(&pts);
        }
        let (x0, x1) = min_max(&xs).unwrap_or((2000.0, 2001.0));
        let (y0, y1) = min_max(&ys).unwrap_or((0.0, 1.0));
        let y0 = if y0 >= 0.0 { 0.0 } else { y0 };
        let pad = ((y1 - y0).abs() * 0.12).max(1e-9);
        (
            x0.floor(),
            x1.ceil(),
            y0 - if y0 < 0.0 { pad } else { 0.0 },
            y1 + pad,
        )
    }
}

fn min_max(v: &[f64]) -> Option<(f64, f64)> {
    let finite: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
    let lo = finite.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (!finite.is_empty()).then_some((lo, hi.max(lo)))
}

/// The chart of one KPI from its assessment and comparable points (cut off at `as_of`).
pub fn kpi_chart(
    plan: &Plan,
    kpi: &Kpi,
    a: &KpiAssessment,
    points: &[Point],
    as_of: Period,
    lang: Lang,
) -> KpiChart {
    let name = lang.name(&kpi.name, kpi.name_zh.as_deref()).to_string();
    let target_period = plan.target_period_of(kpi);
    let mut scopes: Vec<&str> = points.iter().map(|p| &*p.scope).collect();
    scopes.dedup();
    let actual = scopes
        .iter()
        .map(|scope| Line {
            label: scope.to_string(),
            points: points
                .iter()
                .filter(|p| &*p.scope == *scope)
                .map(|p| (x(p.period), p.value, p.estimated))
                .collect(),
            main: *scope == a.scope,
        })
        .collect();
    let mut chart = KpiChart {
        id: kpi.id.clone(),
        name,
        unit: lang.unit(&kpi.unit),
        kind: kpi.kind,
        status: a.status,
        actual,
        trajectory: Vec::new(),
        target: None,
        target_label: String::new(),
        projection: Vec::new(),
        band: None,
        as_of: x(as_of),
        as_of_label: as_of.to_string(),
        due: x(target_period),
        achieved: (kpi.kind == Kind::Milestone && a.status == Status::Achieved)
            .then(|| a.latest.as_ref().map(|l| x(l.period)))
            .flatten(),
        completion: a.completion,
        time_elapsed: a.time_elapsed,
        caveat: kpi.caveat.is_some(),
    };
    let (Some(target), Some(base)) = (kpi.target.value, &a.baseline) else {
        if let Some(t) = kpi.target.value {
            chart.target = Some((x(target_period), t));
            chart.target_label = format!("{} ({target_period})", crate::output::format::value(t));
        }
        return chart;
    };
    chart.target = Some((x(target_period), target));
    chart.target_label = format!("{} ({target_period})", crate::output::format::value(target));
    let path = Trajectory::for_kpi(kpi, (base.period, base.value), (target_period, target));
    let mut p = base.period;
    while p <= target_period {
        if let Some(v) = path.expected(p) {
            chart.trajectory.push((x(p), v));
        }
        p = p.next();
    }
    // Projection and band from the latest value in the KPI's own scope.
    let Some(latest) = a
        .latest
        .as_ref()
        .filter(|l| l.scope == a.scope && l.period > base.period)
    else {
        return chart;
    };
    let grow = |rate: f64, linear: bool| -> Vec<(f64, f64)> {
        let mut out = Vec::new();
        let mut q = latest.period;
        while q <= target_period {
            let years = latest.period.years_until(q);
            let v = if linear {
                latest.value + rate * years
            } else {
                latest.value * (1.0 + rate).powf(years)
            };
            if v.is_finite() {
                out.push((x(q), v));
            }
            q = q.next();
        }
        out
    };
    let linear = base.value == 0.0;
    let rate = if linear {
        Some((latest.value - base.value) / base.period.years_until(latest.period))
    } else {
        a.actual_cagr
    };
    if let Some(r) = rate {
        chart.projection = grow(r, linear);
    }
    // Annual rates between consecutive observations of the KPI's scope
    // (baseline included): the slowest and fastest bound the band.
    let mut series: Vec<(Period, f64)> = vec![(base.period, base.value)];
    series.extend(
        points
            .iter()
            .filter(|p| *p.scope == *a.scope && p.period > base.period)
            .map(|p| (p.period, p.value)),
    );
    let rates: Vec<f64> = series
        .windows(2)
        .filter_map(|w| {
            let years = w[0].0.years_until(w[1].0);
            if linear {
                Some((w[1].1 - w[0].1) / years)
            } else {
                cagr(w[0].1, w[1].1, years)
            }
        })
        .filter(|r| r.is_finite())
        .collect();
    if rates.len() >= 2 {
        let slow = rates.iter().copied().fold(f64::INFINITY, f64::min);
        let fast = rates.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        chart.band = Some((grow(slow, linear), grow(fast, linear)));
    }
    chart
}

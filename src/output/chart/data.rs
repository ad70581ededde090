//! What a chart shows, as numbers: the series, the planned path, the
//! projection and the forecast's range, computed from the assessment and nothing else.
//!
//! Time runs in fractional years with each quarter at its middle
//! (2018Q2 is 2018.375), so a year's four quarters sit between its ticks.

use crate::core::assess::KpiAssessment;
use crate::core::period::Period;
use crate::core::plan::{Kind, Kpi, Plan};
use crate::core::projection;
use crate::core::rules::observation::LARGEST;
use crate::core::series::Point;
use crate::core::status::Status;
use crate::core::targets::Stated;
use crate::core::trajectory::Trajectory;
use crate::lang::Lang;
use crate::output::words::PeriodAs;

/// The x position of a quarter: the middle of it, in years.
pub fn x(p: Period) -> f64 {
    f64::from(p.year()) + (f64::from(p.quarter()) - 0.5) / 4.0
}

/// The period whose middle is at `x` (`x`'s inverse).
pub fn period_at(x: f64) -> Option<Period> {
    let year = x.floor();
    let quarter = ((x - year) * 4.0 - 0.5).round() + 1.0;
    Period::new(year as i32, quarter.clamp(1.0, 4.0) as u8)
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
    /// The forecast's 80 % range from the latest year-end to the target
    /// period (core::forecast): (low, high), each a line.
    pub fan: Option<(Path, Path)>,
    /// What the fan says at the target period: its range and the chance.
    pub fan_label: Option<String>,
    pub as_of: f64,
    pub as_of_label: String,
    /// For a milestone: when due, and when achieved if it was.
    pub due: f64,
    pub achieved: Option<f64>,
    pub completion: Option<f64>,
    pub time_elapsed: Option<f64>,
    /// Where the completion is measured: the latest published figure.
    pub progress_at: Option<f64>,
    /// The plan casts doubt on this goal (its `caveat`).
    pub caveat: bool,
    /// The dashed line is a bound to keep through the plan, not a path.
    pub bound: bool,
    /// What the progress chart says where a KPI has no bar: its 评价 for a
    /// bound or relative target (kept so far), else none (its status).
    pub unbarred: Option<&'static str>,
}

impl KpiChart {
    /// Whether the value axis is framed on the movement instead of rising
    /// from 0: a level's or a ratio's values, all positive, whose spread is
    /// under half the largest (a 13.5 % fall must not look flat). The chart
    /// then says so on its axis.
    pub fn off_zero(&self) -> bool {
        if !matches!(self.kind, Kind::Level | Kind::Ratio) {
            return false;
        }
        let (_, ys) = self.drawn();
        // Two values apart at least: one alone has no movement to frame.
        min_max(&ys).is_some_and(|(lo, hi)| lo > 0.0 && hi > lo && hi - lo < 0.5 * hi)
    }

    /// (x min, x max, y min, y max) covering everything drawn, with room
    /// around; from 0 up unless `off_zero`.
    pub fn bounds(&self) -> (f64, f64, f64, f64) {
        let (xs, ys) = self.drawn();
        let (x0, x1) = min_max(&xs).unwrap_or((2000.0, 2001.0));
        let (y0, y1) = min_max(&ys).unwrap_or((0.0, 1.0));
        if self.off_zero() {
            let pad = (y1 - y0).max(y1 * 1e-6) * 0.15;
            return (x0.floor(), x1.ceil(), (y0 - pad).max(0.0), y1 + pad);
        }
        let y0 = if y0 >= 0.0 { 0.0 } else { y0 };
        // A single value (or equal ones) still spans a range: a millionth of
        // its size, as a float near 1e15 cannot tell 1e-9 apart.
        let span = (y1 - y0).abs().max(y0.abs().max(y1.abs()) * 1e-6).max(1e-9);
        let pad = span * 0.12;
        (
            x0.floor(),
            x1.ceil(),
            y0 - if y0 < 0.0 { pad } else { 0.0 },
            y1 + pad,
        )
    }

    /// Every x and every y drawn. Figures are at most LARGEST (the rules
    /// refuse more), and a derived value beyond it is not drawn: the axis
    /// spans a finite range, so its ticks and lines take a bounded number
    /// of steps.
    fn drawn(&self) -> (Vec<f64>, Vec<f64>) {
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
        if let Some((s, f)) = &self.fan {
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
        ys.retain(|y| y.abs() <= LARGEST);
        (xs, ys)
    }
}

fn min_max(v: &[f64]) -> Option<(f64, f64)> {
    let finite: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
    let lo = finite.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (!finite.is_empty()).then_some((lo, hi.max(lo)))
}

/// The chart of one KPI from its assessment and comparable points (cut off
/// at `as_of`). In Chinese, money is drawn in 亿元 or 万元, as the report's
/// text and table give it (89.6 billion yuan is 896亿元).
pub fn kpi_chart(
    plan: &Plan,
    kpi: &Kpi,
    a: &KpiAssessment,
    points: &[Point],
    as_of: Period,
    lang: Lang,
) -> KpiChart {
    let mut chart = drawn_in_plan_units(plan, kpi, a, points, as_of, lang);
    let (factor, unit) = lang.money(&kpi.unit, kpi.unit_zh.as_deref());
    if factor != 1.0 {
        chart.rescale(factor, unit);
    }
    if chart.fan.is_some() {
        chart.fan_label = a.forecast.as_ref().and_then(|f| {
            crate::output::words::chart::fan_label(
                lang,
                f,
                a.target.period,
                factor,
                kpi.kind == Kind::Count,
            )
        });
    }
    chart
}

impl KpiChart {
    /// Every value times `factor`, in `unit`.
    fn rescale(&mut self, factor: f64, unit: String) {
        let scale = |path: &mut Path| path.iter_mut().for_each(|p| p.1 *= factor);
        for line in &mut self.actual {
            line.points.iter_mut().for_each(|p| p.1 *= factor);
        }
        scale(&mut self.trajectory);
        scale(&mut self.projection);
        if let Some((slow, fast)) = &mut self.fan {
            scale(slow);
            scale(fast);
        }
        if let Some(t) = &mut self.target {
            let old = crate::output::format::value(t.1);
            t.1 *= factor;
            // The label starts with the target's figure.
            self.target_label =
                self.target_label
                    .replacen(&old, &crate::output::format::value(t.1), 1);
        }
        self.unit = unit;
    }
}

/// The most scopes one chart draws a line for.
const SCOPES: usize = 8;

fn drawn_in_plan_units(
    plan: &Plan,
    kpi: &Kpi,
    a: &KpiAssessment,
    points: &[Point],
    as_of: Period,
    lang: Lang,
) -> KpiChart {
    let name = lang.name(&kpi.name, kpi.name_zh.as_deref()).to_string();
    let target_period = plan.target_period_of(kpi);
    // Each scope's points, in one pass (a store of 30,000 scopes was
    // filtered once per scope), in the order met; past `SCOPES` lines, the
    // target's scope and the first others, the rest counted.
    let mut order: Vec<&str> = Vec::new();
    let mut by_scope: foldhash::HashMap<&str, Vec<(f64, f64, bool)>> = Default::default();
    for p in points {
        by_scope
            .entry(&*p.scope)
            .or_insert_with(|| {
                order.push(&*p.scope);
                Vec::new()
            })
            .push((x(p.period), p.value, p.estimated));
    }
    let left_out = order.len().saturating_sub(SCOPES);
    if left_out > 0 {
        // The target's scope is always drawn.
        order.sort_by_key(|s| *s != a.scope);
    }
    let mut actual: Vec<Line> = order
        .into_iter()
        .take(SCOPES)
        .map(|scope| Line {
            label: lang.scope(scope, &plan.scopes_zh).to_string(),
            points: by_scope.remove(scope).unwrap_or_default(),
            main: scope == a.scope,
        })
        .collect();
    if left_out > 0
        && let Some(last) = actual.last_mut()
    {
        last.label = crate::output::words::chart::more_scopes(lang, &last.label, left_out);
    }
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
        fan: None,
        fan_label: None,
        as_of: x(as_of),
        as_of_label: lang.period(as_of, PeriodAs::Level),
        due: x(target_period),
        achieved: (kpi.kind == Kind::Milestone && a.status == Status::Achieved)
            .then(|| a.latest.as_ref().map(|l| x(l.period)))
            .flatten(),
        // As the completion table: from the latest published figure in the
        // target's scope (a flow's latest full year), never an estimate.
        completion: a.since_base.as_ref().and_then(|s| s.completion),
        time_elapsed: a.since_base.as_ref().and_then(|s| s.time_elapsed),
        progress_at: a.since_base.as_ref().map(|s| x(s.to)),
        caveat: kpi.caveat.is_some(),
        bound: false,
        unbarred: a
            .bound
            .as_ref()
            .map(|_| crate::output::words::completion::rating(lang, a.rating)),
    };
    // The forecast's range, widening from the latest year-end figure to the
    // target period; drawn only where the growth seen has a spread.
    if let Some(f) = a.forecast.as_ref().filter(|f| f.interval.is_some()) {
        let quarters = (f.horizon_years * 4.0).round() as i32;
        let (mut low, mut high) = (Vec::new(), Vec::new());
        for q in 0..=quarters {
            let (lo, _, hi) = f.at(f64::from(q) / 4.0);
            if lo.abs() <= LARGEST && hi.abs() <= LARGEST {
                let at = x(f.jump_off.period.add_quarters(q));
                low.push((at, lo));
                high.push((at, hi));
            }
        }
        chart.fan = (low.len() > 1).then_some((low, high));
    }
    // A bound is kept every plan year: a flat line from the base to the
    // target period, with no path, pace or projection.
    if let (Some(c), Some(t)) = (&a.bound, kpi.target.value) {
        let from = x(plan.baseline_period_of(kpi));
        chart.trajectory = vec![(from, t), (x(target_period), t)];
        chart.bound = true;
        chart.target = Some((x(target_period), t));
        chart.target_label = crate::output::words::bound::target(lang, c);
        return chart;
    }
    let (Some(target), Some(base)) = (kpi.target.value, &a.baseline) else {
        if let Some(t) = kpi.target.value {
            chart.target = Some((x(target_period), t));
            chart.target_label = crate::output::words::chart::target(lang, t, target_period, None);
        }
        return chart;
    };
    chart.target = Some((x(target_period), target));
    let words = Stated::of(&kpi.target).and_then(|s| lang.stated(s));
    chart.target_label = crate::output::words::chart::target(lang, target, target_period, words);
    let path = Trajectory::for_kpi(kpi, (base.period, base.value), (target_period, target));
    chart.trajectory = path
        .quarterly()
        .into_iter()
        .map(|(p, v)| (x(p), v))
        .collect();
    // Projection from the latest value in the KPI's own scope.
    let Some(latest) = a
        .latest
        .as_ref()
        .filter(|l| l.scope == a.scope && l.period > base.period)
    else {
        return chart;
    };
    // A projection that runs past any figure is cut where it does.
    let on_x = |path: Vec<(Period, f64)>| {
        path.into_iter()
            .filter(|(_, v)| v.abs() <= LARGEST)
            .map(|(q, v)| (x(q), v))
            .collect()
    };
    let from = (latest.period, latest.value);
    if let Some(pace) = projection::since_baseline((base.period, base.value), from, a.actual_cagr) {
        chart.projection = on_x(pace.path(from, target_period));
    }
    chart
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn chart(values: &[f64], projected: &[f64]) -> KpiChart {
        KpiChart {
            id: "x".into(),
            name: "X".into(),
            unit: "u".into(),
            kind: Kind::Level,
            status: Status::OnTrack,
            actual: vec![Line {
                label: "zone".into(),
                points: values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (2020.125 + i as f64, *v, false))
                    .collect(),
                main: true,
            }],
            trajectory: Vec::new(),
            target: values.last().map(|v| (2030.875, *v)),
            target_label: String::new(),
            projection: projected
                .iter()
                .enumerate()
                .map(|(i, v)| (2025.125 + i as f64, *v))
                .collect(),
            fan: None,
            fan_label: None,
            as_of: 2024.875,
            as_of_label: "2024Q4".into(),
            due: 2030.875,
            achieved: None,
            completion: None,
            time_elapsed: None,
            progress_at: None,
            caveat: false,
            bound: false,
            unbarred: None,
        }
    }

    proptest! {
        /// Whatever finite values a chart holds (figures in range, derived
        /// ones anywhere up to the largest float), its axis spans a finite,
        /// non-empty range: nothing drawn on it can take unbounded steps.
        #[test]
        fn the_axis_is_finite_for_any_finite_values(
            values in proptest::collection::vec(-LARGEST..=LARGEST, 1..6),
            projected in proptest::collection::vec(
                prop_oneof![Just(f64::MAX), Just(-f64::MAX), Just(1e300), any::<f64>()], 0..4),
        ) {
            let c = chart(&values, &projected);
            let (x0, x1, y0, y1) = c.bounds();
            prop_assert!(x0.is_finite() && x1.is_finite() && x1 > x0);
            prop_assert!(y0.is_finite() && y1.is_finite() && y1 > y0, "{y0} {y1}");
            prop_assert!((y1 - y0).is_finite());
        }
    }
}

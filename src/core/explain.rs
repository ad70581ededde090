//! Every input and every step of one KPI's assessment, with the numbers put
//! into each formula, so an analyst can redo it with a calculator.
//!
//! The explanation is built from the assessment itself (each step's result is
//! the figure `status` reports) and from the same comparable series, so the
//! two can never disagree.

use serde::Serialize;

use crate::core::assess::KpiAssessment;
use crate::core::methods::{DecidedBy, Method};
use crate::core::observation::Observation;
use crate::core::period::Period;
use crate::core::plan::{Comparator, Direction, Kind, Kpi, Plan, Shape};
use crate::core::series::{self, Annualisation, Point};
use crate::core::status::{Status, Thresholds};
use crate::core::targets::{AnnualGrowth, Stated};

/// One KPI's assessment, explained.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    pub plan: String,
    pub kpi: String,
    pub name: String,
    pub unit: String,
    pub method: Method,
    pub as_of: Period,
    /// Every comparable value up to the cut-off, as published and as assessed.
    pub observations: Vec<ObservationLine>,
    pub steps: Vec<Step>,
    pub status: Status,
    pub decided_by: Option<DecidedBy>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObservationLine {
    pub period: Period,
    pub reported: f64,
    pub value: f64,
    pub scope: String,
    pub annualised_by: Option<Annualisation>,
}

/// One step: a named figure, its formula, the formula with numbers, the result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub figure: String,
    pub formula: String,
    pub working: String,
    /// The figure as `status` reports it (unrounded in JSON).
    pub result: Option<f64>,
}

/// A number as the working shows it: exact for whole numbers, else at least
/// eight decimals and nine significant digits, so that redoing a step by hand
/// from the numbers shown gives the next one.
pub fn num(x: f64) -> String {
    // -0 is written 0.
    let x = x + 0.0;
    if x == x.trunc() && x.abs() < 1e15 {
        return format!("{x:.0}");
    }
    let magnitude = x.abs().log10().floor() as i32;
    let decimals = (8 - magnitude).clamp(8, 17) as usize;
    let s = format!("{x:.decimals$}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn step(figure: &str, formula: &str, working: String, result: Option<f64>) -> Step {
    Step {
        figure: figure.to_string(),
        formula: formula.to_string(),
        working,
        result,
    }
}

/// Explains `a`, the assessment of `kpi` on `observations` (cut off at `as_of`):
/// the target's steps, then the year's growth target's.
pub fn explain(
    plan: &Plan,
    kpi: &Kpi,
    observations: &[&Observation],
    a: &KpiAssessment,
    method: Method,
    as_of: Period,
) -> Explanation {
    let points = crate::core::assess::kpi_points(plan, kpi, observations);
    let mut ex = explain_target(plan, kpi, &points, a, method, as_of);
    if let Some(g) = &a.annual_growth {
        ex.steps.extend(annual_steps(g, &points, a));
    }
    ex
}

/// How a year's growth target was judged, step by step.
fn annual_steps(g: &AnnualGrowth, points: &[Point], a: &KpiAssessment) -> Vec<Step> {
    let mut steps = vec![step(
        &format!("{} growth target g*", g.year),
        if g.about {
            "from the plan; about (左右): met within the tolerance"
        } else {
            "from the plan"
        },
        if g.about {
            format!(
                "{} {} %, tolerance {} pp",
                g.comparator.symbol(),
                num(g.target_pct),
                num(g.tolerance_pp)
            )
        } else {
            format!("{} {} %", g.comparator.symbol(), num(g.target_pct))
        },
        Some(g.target_pct),
    )];
    let (Some(period), Some(yoy)) = (g.period, g.yoy_pct) else {
        steps.push(step(
            &format!("{} growth status", g.year),
            "needs the year's figure and its growth on a year earlier",
            g.reason.clone().unwrap_or_default(),
            None,
        ));
        return steps;
    };
    let scope = a.latest.as_ref().map_or("", |l| l.scope.as_str());
    let year_ago = points
        .iter()
        .find(|p| p.period == period.add_quarters(-4) && *p.scope == *scope);
    let now = a.latest.as_ref().map(|l| l.reported);
    steps.push(match (g.published, year_ago, now) {
        (Some(false), Some(before), Some(now)) => step(
            &format!("growth on a year earlier g ({period})"),
            "(x(t) / x(t - 4 quarters) - 1) * 100, as reported (year to date for a flow)",
            format!("({} / {} - 1) * 100", num(now), num(before.reported)),
            Some(yoy),
        ),
        _ => step(
            &format!("growth on a year earlier g ({period})"),
            "as published with the figure",
            num(yoy),
            Some(yoy),
        ),
    });
    if let Some(r) = g.ratio {
        let toward = (g.target_pct > 0.0) == (g.comparator.direction() == Direction::Increase);
        steps.push(if toward {
            step(
                "growth ratio g / g*",
                "g / g* (a target away from 0 in the better direction)",
                format!("{} / {}", num(yoy), num(g.target_pct)),
                Some(r),
            )
        } else {
            step(
                "growth ratio g* / g",
                "g* / g (a bound on the worse side)",
                format!("{} / {}", num(g.target_pct), num(yoy)),
                Some(r),
            )
        });
    }
    steps.push(step(
        &format!("{} growth status", g.year),
        "met (or within the tolerance when about): achieved on the year's Q4 figure, on track before it; else the ratio against the growth-ratio thresholds",
        format!(
            "{}{}",
            g.reason.as_deref().map_or(String::new(), |r| format!("{r} -> ")),
            g.status.label()
        ),
        None,
    ));
    steps
}

/// The steps of the KPI's own target.
fn explain_target(
    plan: &Plan,
    kpi: &Kpi,
    points: &[Point],
    a: &KpiAssessment,
    method: Method,
    as_of: Period,
) -> Explanation {
    let mut steps = Vec::new();
    let mut ex = Explanation {
        plan: plan.id.clone(),
        kpi: kpi.id.clone(),
        name: kpi.name.clone(),
        unit: kpi.unit.clone(),
        method,
        as_of,
        observations: points
            .iter()
            .map(|p| ObservationLine {
                period: p.period,
                reported: p.reported,
                value: p.value,
                scope: p.scope.to_string(),
                annualised_by: p.annualised_by,
            })
            .collect(),
        steps: Vec::new(),
        status: a.status,
        decided_by: a.decided_by,
        reason: a.reason.clone(),
    };
    // A flow's value is the annual equivalent of what was published.
    let value_step = |figure: &str, how: &str, (period, scope, reported, value)| match kpi.kind {
        Kind::Flow => annual_step(
            figure,
            &series::history(points, scope),
            period,
            reported,
            value,
        ),
        _ => step(figure, how, num(value), Some(value)),
    };
    if let Some(b) = &a.baseline {
        let figure = format!("baseline x0 ({}, from {})", b.period, b.from);
        let seen = (b.period, a.scope.as_str(), b.reported, b.value);
        steps.push(value_step(&figure, "as stated", seen));
    }
    let Some(l) = &a.latest else {
        ex.steps = steps;
        return ex;
    };
    let figure = format!("latest xt ({}, scope `{}`)", l.period, l.scope);
    let seen = (l.period, l.scope.as_str(), l.reported, l.value);
    steps.push(value_step(
        &figure,
        "the newest comparable value up to the cut-off",
        seen,
    ));
    let Some(target) = a.target.value else {
        if let (Some(b), Some(g)) = (&a.baseline, a.actual_cagr) {
            let years = b.period.years_until(l.period);
            steps.push(step(
                "own growth (trend)",
                "(xt / x0)^(1 / (t - t0)) - 1",
                format!(
                    "({} / {})^(1 / {}) - 1",
                    num(l.value),
                    num(b.value),
                    num(years)
                ),
                Some(g),
            ));
        }
        ex.steps = steps;
        return ex;
    };
    let t_final = a.target.period;
    steps.push(target_step(plan, kpi, a, target));
    steps.push(step(
        "gap",
        "xt - X",
        format!("{} - {}", num(l.value), num(target)),
        a.gap,
    ));
    if a.gap_pct.is_some() {
        steps.push(step(
            "gap %",
            "(xt - X) / |X| * 100",
            format!(
                "({} - {}) / {} * 100",
                num(l.value),
                num(target),
                num(target.abs())
            ),
            a.gap_pct,
        ));
    }
    let d = kpi.direction().sign();
    let Some(b) = &a.baseline else {
        ex.steps = steps;
        return ex;
    };
    let (t0, x0, t, xt) = (b.period, b.value, l.period, l.value);
    let elapsed = t0.years_until(t);
    let span = t0.years_until(t_final);
    let to_go = t.years_until(t_final).max(0.0);
    steps.push(step(
        "years t - t0, T - t0, T - t",
        "quarters between the periods / 4",
        format!(
            "t - t0 = {t} - {t0} = {} quarters = {} years; T - t0 = {t_final} - {t0} = {} quarters = {} years; \
             T - t = {t_final} - {t} = {} quarters = {} years",
            t0.quarters_until(t),
            num(elapsed),
            t0.quarters_until(t_final),
            num(span),
            t.quarters_until(t_final),
            num(t.years_until(t_final))
        ),
        None,
    ));
    if let Some(e) = a.expected {
        steps.push(trajectory_step(kpi, (t0, x0), (t_final, target), t, e));
    }
    if a.gap_to_trajectory.is_some() {
        steps.push(step(
            "gap to trajectory",
            "xt - expected",
            format!("{} - {}", num(xt), num(a.expected.unwrap_or(0.0))),
            a.gap_to_trajectory,
        ));
    }
    if a.completion.is_some() {
        steps.push(step(
            "completion c",
            "d * (xt - x0) / |X - x0|",
            format!(
                "{} * ({} - {}) / |{} - {}|",
                num(d),
                num(xt),
                num(x0),
                num(target),
                num(x0)
            ),
            a.completion,
        ));
        steps.push(step(
            "time elapsed e",
            "(t - t0) / (T - t0)",
            format!("{} / {}", num(elapsed), num(span)),
            a.time_elapsed,
        ));
        steps.push(step(
            "pace gap (pp)",
            "(c - e) * 100",
            format!(
                "({} - {}) * 100",
                num(a.completion.unwrap_or(0.0)),
                num(a.time_elapsed.unwrap_or(0.0))
            ),
            a.pace_gap_pp,
        ));
    }
    if let (Some(ga), Some(gr)) = (a.actual_cagr, a.required_cagr) {
        steps.push(step(
            "actual CAGR",
            "(xt / x0)^(1 / (t - t0)) - 1",
            format!("({} / {})^(1 / {}) - 1", num(xt), num(x0), num(elapsed)),
            Some(ga),
        ));
        steps.push(step(
            "required CAGR",
            "(X / x0)^(1 / (T - t0)) - 1",
            format!("({} / {})^(1 / {}) - 1", num(target), num(x0), num(span)),
            Some(gr),
        ));
        if a.growth_ratio.is_some() {
            steps.push(step(
                "growth ratio R",
                "d * actual CAGR / |required CAGR|",
                format!("{} * {} / {}", num(d), num(ga), num(gr.abs())),
                a.growth_ratio,
            ));
        }
        if let Some(p) = a.projected {
            let how = format!("{} * (1 + {})^{}", num(xt), num(ga), num(to_go));
            steps.push(projected_step(false, how, p));
        }
    } else if a.growth_ratio.is_some() && elapsed > 0.0 {
        let actual = (xt - x0) / elapsed;
        steps.push(step(
            "linear rate ratio R",
            "d * ((xt - x0) / (t - t0)) / |(X - x0) / (T - t0)|",
            format!(
                "{} * (({} - {}) / {}) / |({} - {}) / {}|",
                num(d),
                num(xt),
                num(x0),
                num(elapsed),
                num(target),
                num(x0),
                num(span)
            ),
            a.growth_ratio,
        ));
        if let Some(p) = a.projected {
            let how = format!("{} + {} * {}", num(xt), num(actual), num(to_go));
            steps.push(projected_step(true, how, p));
        }
    }
    if let (Some(p), Some(_)) = (a.projected, a.projection_ratio) {
        steps.push(step(
            "projection ratio P",
            "d * (projected - x0) / |X - x0|",
            format!(
                "{} * ({} - {}) / |{} - {}|",
                num(d),
                num(p),
                num(x0),
                num(target),
                num(x0)
            ),
            a.projection_ratio,
        ));
    }
    if a.required_rate.is_some() {
        steps.push(step(
            "required rate from now",
            "(X / xt)^(1 / (T - t)) - 1",
            format!("({} / {})^(1 / {}) - 1", num(target), num(xt), num(to_go)),
            a.required_rate,
        ));
    }
    if let Some(s) = decision_step(a, &plan.thresholds_of(kpi)) {
        steps.push(s);
    }
    ex.steps = steps;
    ex
}

/// The latest value carried to the target period, at the compound or the
/// linear rate; `working` is the formula with the numbers put in.
fn projected_step(linear: bool, working: String, projected: f64) -> Step {
    let (figure, formula) = if linear {
        (
            "projected at T (linear)",
            "xt + ((xt - x0) / (t - t0)) * (T - t)",
        )
    } else {
        ("projected at T", "xt * (1 + actual CAGR)^(T - t)")
    };
    step(figure, formula, working, Some(projected))
}

/// The target: as stated, or derived from the form the plan states it in.
fn target_step(plan: &Plan, kpi: &Kpi, a: &KpiAssessment, target: f64) -> Step {
    let figure = format!(
        "target X ({} {} by {})",
        a.target.comparator.map_or("", Comparator::symbol),
        num(target),
        a.target.period
    );
    let base = kpi.baseline.as_ref().map(|b| b.value);
    let years = plan
        .baseline_period_of(kpi)
        .years_until(plan.target_period_of(kpi));
    let (formula, working) = match (a.target.stated, base) {
        (Some(Stated::AverageGrowthPct(r)), Some(b)) => (
            "年均增长 r %: x0 * (1 + r / 100)^(T - t0), from the plan's baseline".to_string(),
            format!("{} * (1 + {} / 100)^{}", num(b), num(r), num(years)),
        ),
        (Some(Stated::ChangePct(c)), Some(b)) => (
            "累计提高/下降 c %: x0 * (1 + c / 100), from the plan's baseline".to_string(),
            format!("{} * (1 + {} / 100)", num(b), num(c)),
        ),
        (Some(Stated::ChangePp(d)), Some(b)) => (
            "提高 d 个百分点: x0 + d, from the plan's baseline".to_string(),
            format!("{} + {}", num(b), num(d)),
        ),
        _ => ("from the plan".to_string(), num(target)),
    };
    step(&figure, &formula, working, Some(target))
}

/// How a year-to-date total became the annual equivalent.
fn annual_step(
    figure: &str,
    history: &std::collections::BTreeMap<Period, f64>,
    period: Period,
    ytd: f64,
    value: f64,
) -> Step {
    let annual = series::annualise(history, period, ytd);
    let q = period.quarter();
    let (formula, working) = match annual.by {
        Annualisation::FullYear => (
            "a fourth-quarter year-to-date total is the year".to_string(),
            num(ytd),
        ),
        Annualisation::TrailingFourQuarters => {
            let (full, same) = annual.last_year.unwrap_or_default();
            (
                format!(
                    "ytd + (full year {} - ytd {} Q{q}): the trailing four quarters",
                    period.year() - 1,
                    period.year() - 1
                ),
                format!("{} + ({} - {})", num(ytd), num(full), num(same)),
            )
        }
        Annualisation::SeasonalShare => {
            let shares: Vec<String> = annual
                .shares
                .iter()
                .map(|(y, s)| format!("{y}: {}", num(*s)))
                .collect();
            let mean =
                annual.shares.iter().map(|(_, s)| s).sum::<f64>() / annual.shares.len() as f64;
            (
                format!(
                    "ytd / mean share of Q1-Q{q} in earlier full years ({})",
                    shares.join(", ")
                ),
                format!("{} / {}", num(ytd), num(mean)),
            )
        }
        Annualisation::Proportional => (
            "ytd * 4 / q (no earlier year tells the season)".to_string(),
            format!("{} * 4 / {q}", num(ytd)),
        ),
    };
    Step {
        figure: figure.to_string(),
        formula,
        working,
        result: Some(value),
    }
}

/// The trajectory's value at `t`, on the segment that holds it.
fn trajectory_step(
    kpi: &Kpi,
    base: (Period, f64),
    target: (Period, f64),
    t: Period,
    expected: f64,
) -> Step {
    let path = crate::core::trajectory::Trajectory::for_kpi(kpi, base, target);
    let points = path.points();
    let segment = points.windows(2).find(|w| t < w[1].0);
    let Some(w) = segment else {
        return step(
            "expected (trajectory)",
            "the target from the target period on",
            num(expected),
            Some(expected),
        );
    };
    let ((a, xa), (b, xb)) = (w[0], w[1]);
    let s = format!("{}/{}", a.quarters_until(t), a.quarters_until(b));
    let (formula, working) = match kpi.trajectory {
        Shape::Linear => (
            format!(
                "linear from ({a}, {}) to ({b}, {}): xa + (xb - xa) * s",
                num(xa),
                num(xb)
            ),
            format!("{} + ({} - {}) * {s}", num(xa), num(xb), num(xa)),
        ),
        Shape::Compound => (
            format!(
                "compound from ({a}, {}) to ({b}, {}): xa * (xb / xa)^s",
                num(xa),
                num(xb)
            ),
            format!("{} * ({} / {})^({s})", num(xa), num(xb), num(xa)),
        ),
    };
    step("expected (trajectory)", &formula, working, Some(expected))
}

/// The comparison of the deciding figure with its thresholds.
fn decision_step(a: &KpiAssessment, set: &crate::core::status::ThresholdSet) -> Option<Step> {
    let (figure, value, t): (&str, f64, Thresholds) = match a.decided_by? {
        DecidedBy::GrowthRatio | DecidedBy::LinearPace => {
            ("growth ratio R", a.growth_ratio?, set.growth_ratio())
        }
        DecidedBy::Projection => ("projection ratio P", a.projection_ratio?, set.projection()),
        DecidedBy::Pace if a.completion.is_some_and(|c| c < 0.0) => {
            return Some(step(
                "status",
                "completion below 0: the value moved away from the target",
                format!("c = {}", num(a.completion?)),
                None,
            ));
        }
        DecidedBy::Pace => ("pace gap (pp)", a.pace_gap_pp?, set.pace()),
        DecidedBy::TargetMet => {
            return Some(step(
                "status",
                "the latest value meets the target",
                format!(
                    "{} {} {}",
                    num(a.latest.as_ref()?.value),
                    a.target.comparator?.symbol(),
                    num(a.target.value?)
                ),
                None,
            ));
        }
        _ => return None,
    };
    let low = if t.low.is_finite() {
        num(t.low)
    } else {
        "(not used)".to_string()
    };
    Some(step(
        "status",
        &format!(
            "{figure}: >= {} on track, >= {} needs acceleration, >= {low} limited progress, below deterioration",
            num(t.high),
            num(t.medium)
        ),
        format!("{} -> {}", num(value), a.status.label()),
        None,
    ))
}

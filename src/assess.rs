//! The assessment: where each KPI stands against its target, as plain data.
//!
//! `assess` is pure: a plan, its observations and a cut-off period in, figures
//! and a status per KPI out. Every figure follows a formula in docs/methods.md,
//! and any figure that cannot be computed is `None` with the reason said.

use std::collections::HashMap;

use serde::Serialize;

use crate::growth::{cagr, finite};
use crate::observation::Observation;
use crate::period::Period;
use crate::plan::{Comparator, Direction, Kind, Kpi, Plan};
use crate::series::{self, Point, annualise};
use crate::status::Status;
use crate::trajectory::Trajectory;

/// The yardstick that decides a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Method {
    /// Actual over required compound annual growth (Eurostat, open-sdg).
    #[default]
    #[serde(rename = "growth-ratio")]
    GrowthRatio,
}

impl Method {
    pub fn id(self) -> &'static str {
        match self {
            Method::GrowthRatio => "growth-ratio",
        }
    }
}

/// One plan assessed as of one quarter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanAssessment {
    pub plan: String,
    pub plan_name: String,
    pub as_of: Period,
    pub method: Method,
    pub kpis: Vec<KpiAssessment>,
}

/// One KPI's figures. Rates and shares are fractions (0.05 = 5 %), except
/// `gap_pct` and `pace_gap_pp`, which are percent and percentage points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KpiAssessment {
    pub id: String,
    pub name: String,
    pub name_zh: Option<String>,
    pub unit: String,
    pub kind: Kind,
    pub direction: Option<Direction>,
    pub scope: String,
    pub status: Status,
    /// What decided the status: `target_met`, `growth_ratio`, `linear_pace`,
    /// `milestone`, or null when no figure could.
    pub decided_by: Option<&'static str>,
    pub latest: Option<Latest>,
    pub baseline: Option<BaselineValue>,
    pub target: TargetValue,
    /// The trajectory's value at the latest period.
    pub expected: Option<f64>,
    /// latest - target (negative: below the target).
    pub gap: Option<f64>,
    /// gap / |target| * 100.
    pub gap_pct: Option<f64>,
    /// Share of the target attained, as budget reports print it: latest / target
    /// for increase, target / latest for decrease (1.0 = target met exactly).
    pub attainment: Option<f64>,
    /// latest - expected (negative: below the trajectory).
    pub gap_to_trajectory: Option<f64>,
    /// (latest - baseline) / (target - baseline).
    pub completion: Option<f64>,
    /// (latest period - baseline period) / (target period - baseline period).
    pub time_elapsed: Option<f64>,
    /// (completion - time_elapsed) * 100: points ahead (+) or behind (-) time.
    pub pace_gap_pp: Option<f64>,
    /// Compound annual growth from the baseline to the latest value.
    pub actual_cagr: Option<f64>,
    /// Compound annual growth from the baseline that reaches the target on time.
    pub required_cagr: Option<f64>,
    /// d * actual_cagr / |required_cagr| (or the linear-pace ratio, see `decided_by`).
    pub growth_ratio: Option<f64>,
    /// Compound annual growth needed from the latest value to reach the target on time.
    pub required_rate: Option<f64>,
    /// The latest value carried to the target period at the actual rate.
    pub projected: Option<f64>,
    /// Why a status is what it is, or why a figure is missing.
    pub reason: Option<String>,
    /// The plan's own doubt about this goal, repeated wherever it is reported.
    pub caveat: Option<String>,
}

/// The latest comparable value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Latest {
    pub period: Period,
    /// As assessed: for a flow, the annual equivalent.
    pub value: f64,
    /// As published: for a flow, the year-to-date total.
    pub reported: f64,
    pub estimated: bool,
    pub scope: String,
}

/// The value progress is measured from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BaselineValue {
    pub period: Period,
    pub value: f64,
    pub reported: f64,
    pub estimated: bool,
    /// `plan` (stated in the plan), `data` (the observation at the baseline
    /// period) or `count_start` (a count starts from zero).
    pub from: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetValue {
    pub period: Period,
    pub value: Option<f64>,
    pub comparator: Option<&'static str>,
}

/// The quarter an assessment defaults to: the latest period any observation of
/// the plan reports, or the plan's baseline period when there is none.
pub fn default_as_of(plan: &Plan, observations: &[Observation]) -> Period {
    observations
        .iter()
        .filter(|o| plan.kpi(&o.kpi).is_some())
        .map(|o| o.period)
        .max()
        .unwrap_or(plan.baseline_period)
}

/// Assesses every KPI of `plan` on the observations up to `as_of`.
pub fn assess(
    plan: &Plan,
    observations: &[Observation],
    as_of: Period,
    method: Method,
) -> PlanAssessment {
    let mut by_kpi: HashMap<&str, Vec<&Observation>> = HashMap::new();
    for o in observations.iter().filter(|o| o.period <= as_of) {
        by_kpi.entry(o.kpi.as_str()).or_default().push(o);
    }
    let kpis = plan
        .kpis
        .iter()
        .map(|kpi| {
            let obs = by_kpi
                .get(kpi.id.as_str())
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            assess_kpi(plan, kpi, obs, as_of)
        })
        .collect();
    PlanAssessment {
        plan: plan.id.clone(),
        plan_name: plan.name.clone(),
        as_of,
        method,
        kpis,
    }
}

/// Assesses one KPI on its observations (already cut off at `as_of`).
pub fn assess_kpi(
    plan: &Plan,
    kpi: &Kpi,
    observations: &[&Observation],
    as_of: Period,
) -> KpiAssessment {
    let scope = plan.scope_of(kpi).to_string();
    let target_period = plan.target_period_of(kpi);
    let baseline_period = plan.baseline_period_of(kpi);
    let mut a = KpiAssessment {
        id: kpi.id.clone(),
        name: kpi.name.clone(),
        name_zh: kpi.name_zh.clone(),
        unit: kpi.unit.clone(),
        kind: kpi.kind,
        direction: kpi.direction,
        scope: scope.clone(),
        status: Status::NoData,
        decided_by: None,
        latest: None,
        baseline: None,
        target: TargetValue {
            period: target_period,
            value: kpi.target.value,
            comparator: (kpi.kind != Kind::Milestone).then(|| kpi.comparator().symbol()),
        },
        expected: None,
        gap: None,
        gap_pct: None,
        attainment: None,
        gap_to_trajectory: None,
        completion: None,
        time_elapsed: None,
        pace_gap_pp: None,
        actual_cagr: None,
        required_cagr: None,
        growth_ratio: None,
        required_rate: None,
        projected: None,
        reason: None,
        caveat: kpi.caveat.clone(),
    };

    let start = kpi
        .baseline
        .as_ref()
        .map(|b| b.value)
        .or((kpi.kind == Kind::Count).then_some(0.0))
        .map(|v| (scope.as_str(), baseline_period, v));
    let points = series::points(kpi.kind, observations, start);

    // The newest point; at equal periods the KPI's own scope wins.
    let latest = points.iter().max_by_key(|p| (p.period, p.scope == scope));
    a.latest = latest.map(|p| Latest {
        period: p.period,
        value: p.value,
        reported: p.reported,
        estimated: p.estimated,
        scope: p.scope.clone(),
    });

    if kpi.kind == Kind::Milestone {
        assess_milestone(&mut a, &points, as_of, target_period);
        return a;
    }

    a.baseline = baseline(kpi, baseline_period, &scope, &points);
    let Some(latest) = latest else {
        a.reason = Some(if observations.is_empty() {
            format!("no observation up to {as_of}")
        } else {
            "no comparable value: a quarter is missing before the reported one (see docs/methods.md, series)"
                .to_string()
        });
        return a;
    };
    let Some(target) = kpi.target.value else {
        a.status = Status::InsufficientData;
        a.reason = Some("the plan gives no target value".to_string());
        return a;
    };
    let (t, xt) = (latest.period, latest.value);
    let in_scope = latest.scope == scope;
    let d = kpi.direction().sign();

    a.gap = finite(xt - target);
    a.gap_pct = (target != 0.0)
        .then(|| finite((xt - target) / target.abs() * 100.0))
        .flatten();
    a.attainment = match kpi.direction() {
        Direction::Increase if target != 0.0 => finite(xt / target),
        Direction::Decrease if xt != 0.0 => finite(target / xt),
        _ => None,
    };
    a.time_elapsed =
        finite(baseline_period.years_until(t) / baseline_period.years_until(target_period));
    if t < target_period && xt > 0.0 {
        a.required_rate = cagr(xt, target, t.years_until(target_period));
    }
    let mut reasons: Vec<String> = Vec::new();
    if t > target_period {
        reasons.push(format!("the target period {target_period} has passed"));
    }

    if in_scope && target_met(kpi, latest, target) {
        a.status = Status::Achieved;
        a.decided_by = Some("target_met");
    }
    if !in_scope {
        a.status = Status::InsufficientData;
        reasons.push(format!(
            "the latest figure ({t}) covers `{}` but the target covers `{scope}`: two scopes are not one series, \
             so no growth rate, completion or projection is computed; the gap compares that figure with the target as published",
            latest.scope
        ));
    }

    if let Some(base) = &a.baseline {
        // The planned value at t is the plan's alone, whatever the data's scope.
        let milestones: Vec<(Period, f64)> =
            kpi.milestones.iter().map(|m| (m.period, m.value)).collect();
        let path = Trajectory::new(
            (base.period, base.value),
            &milestones,
            (target_period, target),
            kpi.trajectory,
        );
        a.expected = path.expected(t).and_then(finite);
    }
    if let (true, Some(base)) = (in_scope, &a.baseline) {
        let (t0, x0) = (base.period, base.value);
        a.gap_to_trajectory = a.expected.and_then(|e| finite(xt - e));
        if target != x0 {
            a.completion = finite((xt - x0) / (target - x0));
        }
        a.pace_gap_pp = a
            .completion
            .zip(a.time_elapsed)
            .and_then(|(c, e)| finite((c - e) * 100.0));
        let elapsed = t0.years_until(t);
        let span = t0.years_until(target_period);
        let to_go = t.years_until(target_period).max(0.0);
        let thresholds = plan.thresholds_of(kpi);
        if elapsed <= 0.0 {
            if a.status != Status::Achieved {
                a.status = Status::InsufficientData;
            }
            reasons.push(format!(
                "only the baseline ({t0}) is known: a later value is needed to measure progress"
            ));
        } else if x0 == 0.0 {
            // A count since the plan started: no compound rate from zero, so the
            // ratio of linear rates (methods.md section 3) takes its place.
            let actual = (xt - x0) / elapsed;
            let required = (target - x0) / span;
            a.projected = finite(xt + actual * to_go);
            reasons.push(
                "the baseline is 0, so there is no compound growth rate: assessed by linear pace, \
                 d * ((latest - baseline) / years elapsed) / |(target - baseline) / years planned|"
                    .to_string(),
            );
            if required != 0.0 {
                a.growth_ratio = finite(d * actual / required.abs());
            }
            if a.status != Status::Achieved {
                a.decided_by = Some("linear_pace");
                a.status = ratio_status(a.growth_ratio, d * (xt - x0), thresholds, &mut reasons);
            }
        } else if x0 < 0.0 || xt < 0.0 || target < 0.0 {
            if a.status != Status::Achieved {
                a.status = Status::InsufficientData;
            }
            reasons.push("a compound growth rate needs values that are not negative".to_string());
        } else {
            a.actual_cagr = cagr(x0, xt, elapsed);
            a.required_cagr = cagr(x0, target, span);
            if let Some(g) = a.actual_cagr {
                a.projected = finite(xt * (1.0 + g).powf(to_go));
            }
            if let (Some(ga), Some(gr)) = (a.actual_cagr, a.required_cagr) {
                if gr != 0.0 {
                    a.growth_ratio = finite(d * ga / gr.abs());
                }
                if a.status != Status::Achieved {
                    a.decided_by = Some("growth_ratio");
                    a.status = ratio_status(a.growth_ratio, d * ga, thresholds, &mut reasons);
                }
            }
        }
    } else if in_scope && a.status != Status::Achieved {
        a.status = Status::InsufficientData;
        reasons.push(format!(
            "no baseline: the plan states none and the data has no value at {baseline_period}"
        ));
    }
    a.reason = (!reasons.is_empty()).then(|| reasons.join("; "));
    a
}

/// The status a ratio falls in; with no ratio (the target equals the baseline)
/// any move the wrong way is deterioration and standing still is limited progress.
fn ratio_status(
    ratio: Option<f64>,
    progress: f64,
    thresholds: crate::status::Thresholds,
    reasons: &mut Vec<String>,
) -> Status {
    match ratio {
        Some(r) => thresholds.classify(r),
        None => {
            reasons.push(
                "the target equals the baseline, so no rate is required and no ratio exists"
                    .to_string(),
            );
            if progress < 0.0 {
                Status::Deterioration
            } else {
                Status::LimitedProgress
            }
        }
    }
}

/// Whether the latest value meets the target. A part-year flow counts only
/// when its year-to-date total alone already reaches an increase target: its
/// annual equivalent is an estimate, and estimates do not meet targets.
fn target_met(kpi: &Kpi, latest: &Point, target: f64) -> bool {
    let comparator: Comparator = kpi.comparator();
    if kpi.kind == Kind::Flow && latest.estimated {
        comparator.direction() == Direction::Increase && comparator.is_met(latest.reported, target)
    } else {
        comparator.is_met(latest.value, target)
    }
}

/// The KPI's baseline: the plan's, else the data's value at the baseline
/// period in the KPI's scope, else zero for a count.
fn baseline(kpi: &Kpi, period: Period, scope: &str, points: &[Point]) -> Option<BaselineValue> {
    if let Some(b) = &kpi.baseline {
        let (value, estimated) = match kpi.kind {
            Kind::Flow => (annualise(b.value, period.quarter()), period.quarter() != 4),
            _ => (b.value, false),
        };
        return Some(BaselineValue {
            period,
            value,
            reported: b.value,
            estimated,
            from: "plan",
        });
    }
    if let Some(p) = points
        .iter()
        .find(|p| p.period == period && p.scope == scope)
    {
        return Some(BaselineValue {
            period,
            value: p.value,
            reported: p.reported,
            estimated: p.estimated,
            from: "data",
        });
    }
    (kpi.kind == Kind::Count).then_some(BaselineValue {
        period,
        value: 0.0,
        reported: 0.0,
        estimated: false,
        from: "count_start",
    })
}

/// A qualitative goal: achieved once any report says so (value 1), overdue
/// when the cut-off is past the target period without that, else pending.
fn assess_milestone(a: &mut KpiAssessment, points: &[Point], as_of: Period, target_period: Period) {
    a.decided_by = Some("milestone");
    if let Some(done) = points
        .iter()
        .filter(|p| p.value == 1.0)
        .min_by_key(|p| p.period)
    {
        a.status = Status::Achieved;
        a.latest = Some(Latest {
            period: done.period,
            value: done.value,
            reported: done.reported,
            estimated: false,
            scope: done.scope.clone(),
        });
        a.reason = Some(format!("reported achieved in {}", done.period));
    } else if as_of > target_period {
        a.status = Status::Overdue;
        a.reason = Some(format!("not reported achieved by {target_period}"));
    } else {
        a.status = Status::Pending;
        a.reason = Some(if points.is_empty() {
            format!("no report yet; due by {target_period}")
        } else {
            format!("reported not yet achieved; due by {target_period}")
        });
    }
}

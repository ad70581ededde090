//! The assessment: where each KPI stands against its target, as plain data.
//!
//! `assess` is pure: a plan, its observations, a cut-off period and a method
//! in, figures and a status per KPI out. Every figure follows a formula in
//! docs/methods.md, and any figure that cannot be computed is `None` with the
//! reason said.

use serde::Serialize;

use crate::core::bound::{self, BoundCheck};
use crate::core::forecast::{self, Forecast, NoForecast};
use crate::core::growth::finite;
use crate::core::index::{self, VolumeIndex};
pub use crate::core::methods::Method;
use crate::core::methods::{DecidedBy, Figures, Judgement, Progress, figures, judge, judge_trend};
use crate::core::observation::Observation;
use crate::core::period::Period;
use crate::core::plan::{Comparator, Direction, Hold, Kind, Kpi, Nature, Plan, Prices};
use crate::core::rating::Rating;
use crate::core::series::{self, Annualisation, Point, annualise};
use crate::core::shared::Shared;
use crate::core::status::Status;
use crate::core::targets::{self, AnnualGrowth, Stated};
use crate::core::trajectory::Trajectory;
use crate::core::units;
use crate::core::why::{self, Why};
use crate::core::year::{self, SinceBase, YearTarget};

/// One plan assessed as of one quarter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanAssessment {
    pub plan: String,
    pub plan_name: String,
    pub plan_name_zh: Option<String>,
    /// The plan's own language for its outputs (not in JSON: a setting).
    #[serde(skip)]
    pub lang: Option<crate::lang::Lang>,
    pub as_of: Period,
    pub method: Method,
    pub kpis: Vec<KpiAssessment>,
}

/// One KPI's figures. Rates and shares are fractions (0.05 = 5 %), except the
/// fields ending in `_pct` (percent) and `_pp` (percentage points).
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
    /// 评价, as a 完成情况表 writes it (`core::rating`).
    pub rating: Rating,
    /// What decided the status, or null when nothing could.
    pub decided_by: Option<DecidedBy>,
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
    /// d * (latest - baseline) / |target - baseline|.
    pub completion: Option<f64>,
    /// (latest period - baseline period) / (target period - baseline period).
    pub time_elapsed: Option<f64>,
    /// (completion - time_elapsed) * 100: points ahead (+) or behind (-) time.
    pub pace_gap_pp: Option<f64>,
    /// Quarters the latest value is ahead (+) of or behind (-) the trajectory (Sicherl).
    pub time_distance_quarters: Option<f64>,
    /// When on or ahead of the trajectory: whole quarters of no progress before
    /// falling behind it (Beeminder's safety buffer).
    pub slack_quarters: Option<i32>,
    /// Compound annual growth from the baseline to the latest value.
    pub actual_cagr: Option<f64>,
    /// Compound annual growth from the baseline that reaches the target on time.
    pub required_cagr: Option<f64>,
    /// d * actual_cagr / |required_cagr| (linear rates from a zero baseline).
    pub growth_ratio: Option<f64>,
    /// d * (projected - baseline) / |target - baseline|.
    pub projection_ratio: Option<f64>,
    /// Compound annual growth needed from the latest value to reach the target on time.
    pub required_rate: Option<f64>,
    /// The latest value carried to the target period at the actual rate.
    pub projected: Option<f64>,
    /// Growth on the same quarter a year earlier.
    pub yoy: Option<Yoy>,
    /// For a flow whose latest year has an annual target: year-to-date against
    /// that target, and quarters gone against four.
    pub year_pace: Option<YearPace>,
    /// The as-of year's target as a level (see `core::year`).
    pub year_target: Option<YearTarget>,
    /// The way from the base to the latest published figure (`core::year`).
    pub since_base: Option<SinceBase>,
    /// The as-of year's growth target, judged; none without one.
    pub annual_growth: Option<AnnualGrowth>,
    /// A bound to keep or a target relative to another KPI, judged year by
    /// year (`core::bound`); none for other targets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bound: Option<BoundCheck>,
    /// For a KPI at comparable prices: the volume index its growth figures
    /// are computed on (`core::index`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<VolumeIndex>,
    /// The next interim milestone, judged by the same method.
    pub next_milestone: Option<MilestoneCheck>,
    /// Why a status is what it is, or why a figure is missing.
    pub reason: Option<String>,
    /// The same reasons as data, for saying them in another language (not
    /// in JSON: `reason` says them).
    #[serde(skip)]
    pub why: Vec<Why>,
    /// The plan's own doubt about this goal, repeated wherever it is reported.
    pub caveat: Option<String>,
    /// The same in Chinese, when the plan gives it (not in JSON: text for
    /// Chinese output).
    #[serde(skip)]
    pub caveat_zh: Option<String>,
    /// The unit Chinese output shows the figures in (not in JSON).
    #[serde(skip)]
    pub unit_zh: Option<String>,
    /// The plan's Chinese names of scopes (not in JSON: for Chinese output).
    #[serde(skip)]
    pub scopes_zh: std::collections::BTreeMap<String, String>,
    /// Binding (约束性) or indicative (预期性), as the plan marks it.
    pub nature: Option<Nature>,
    /// What the growth seen gives by the target period: a centre, an 80 %
    /// range and the chance of meeting the target (docs/methods.md).
    pub forecast: Option<Forecast>,
    /// Why there is no forecast, or no range and chance in it.
    pub forecast_reason: Option<String>,
    /// The same as data, for saying it in another language (not in JSON).
    #[serde(skip)]
    pub forecast_why: Option<NoForecast>,
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
    pub annualised_by: Option<Annualisation>,
    pub scope: String,
}

impl Latest {
    /// A point as the latest figure.
    fn of(p: &Point) -> Latest {
        Latest {
            period: p.period,
            value: p.value,
            reported: p.reported,
            estimated: p.estimated,
            annualised_by: p.annualised_by,
            scope: p.scope.to_string(),
        }
    }
}

/// The value progress is measured from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BaselineValue {
    pub period: Period,
    pub value: f64,
    pub reported: f64,
    pub estimated: bool,
    pub annualised_by: Option<Annualisation>,
    pub from: BaselineFrom,
    /// The plan's own figure, when the statistics revised it and progress
    /// is measured from the revised one (`value`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_value: Option<f64>,
}

impl KpiAssessment {
    /// The figure that decided the status and what it is: the growth ratio
    /// (compound or linear), the projection ratio, the pace gap in points or
    /// the KPI's own growth a year; none when a rule decided it.
    pub fn deciding_figure(&self) -> Option<(DecidedBy, f64)> {
        let by = self.decided_by?;
        let value = match by {
            DecidedBy::GrowthRatio | DecidedBy::LinearPace => self.growth_ratio,
            DecidedBy::Projection => self.projection_ratio,
            DecidedBy::Pace => self.pace_gap_pp,
            DecidedBy::Trend => self.actual_cagr,
            DecidedBy::TargetMet
            | DecidedBy::TargetEqualsBaseline
            | DecidedBy::Milestone
            | DecidedBy::Bound => None,
        }?;
        Some((by, value))
    }
}

/// Where a baseline value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BaselineFrom {
    /// Stated in the plan.
    Plan,
    /// Stated in the plan, and revised by the statistics since.
    Revised,
    /// The observation at the baseline period.
    Data,
    /// A count starts from zero.
    CountStart,
}

impl std::fmt::Display for BaselineFrom {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            BaselineFrom::Plan => "plan",
            BaselineFrom::Revised => "revised",
            BaselineFrom::Data => "data",
            BaselineFrom::CountStart => "count_start",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetValue {
    pub period: Period,
    /// The level: as stated, or derived from the form the plan states.
    pub value: Option<f64>,
    /// The target as the plan states it.
    pub stated: Option<Stated>,
    pub comparator: Option<Comparator>,
    /// A target in words only, as written (保持在合理区间).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The same words in Chinese (not in JSON: for Chinese output).
    #[serde(skip)]
    pub text_zh: Option<String>,
}

/// The change on a year earlier: growth in percent, or for a KPI in
/// percent the change in points (a published 同比 of such a KPI is read as
/// points: 提高0.50个百分点).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Yoy {
    /// Growth in percent; none for a KPI in percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pct: Option<f64>,
    /// The change in percentage points, for a KPI in percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pp: Option<f64>,
    /// True when fed as published data (never recomputed); false when computed
    /// from the value a year earlier in the same scope.
    pub published: bool,
    /// The change on the figure a year earlier in the same scope, in the
    /// KPI's unit (points for a KPI in percent: 同比提高…个百分点); none
    /// without that figure.
    pub change: Option<f64>,
}

/// "Time half gone", task half done" within a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearPace {
    pub year: i32,
    pub annual_target: f64,
    /// The growth on the year before the target was set as, in percent
    /// (the target then being last year's figure grown by it).
    pub growth_pct: Option<f64>,
    /// Year-to-date total / annual target.
    pub completion: f64,
    /// Quarters gone / 4.
    pub time_elapsed: f64,
    pub pace_gap_pp: f64,
}

/// Progress against an interim milestone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneCheck {
    pub period: Period,
    pub value: f64,
    pub gap: Option<f64>,
    pub status: Status,
    pub decided_by: Option<DecidedBy>,
    pub growth_ratio: Option<f64>,
    pub projection_ratio: Option<f64>,
    pub pace_gap_pp: Option<f64>,
}

/// The quarter an assessment defaults to: the latest period any observation of
/// the plan reports, or the plan's baseline period when there is none.
pub fn default_as_of(plan: &Plan, observations: &[Observation]) -> Period {
    // The plan is searched only for a later period than the latest so far:
    // a few lookups, not one per observation.
    let mut latest: Option<Period> = None;
    for o in observations {
        if latest.is_none_or(|l| o.period > l) && plan.kpi(&o.kpi).is_some() {
            latest = Some(o.period);
        }
    }
    latest.unwrap_or(plan.baseline_period)
}

/// Assesses every KPI of `plan` on the observations up to `as_of`.
pub fn assess(
    plan: &Plan,
    observations: &[Observation],
    as_of: Period,
    method: Method,
) -> PlanAssessment {
    // Each KPI's observations. A store is sorted by KPI, so the KPI of the
    // row before is tried first: no hashing of a million ids.
    // Each list sized for an even share of the rows: a store holds about
    // as many rows of each KPI, so the lists are not grown row by row (a
    // per cent of a portfolio's status).
    let share = observations.len() / plan.kpis.len().max(1) + 1;
    let mut by_kpi: Vec<Vec<&Observation>> = (0..plan.kpis.len())
        .map(|_| Vec::with_capacity(share))
        .collect();
    let mut last = 0;
    // The row before's shared id: rows of one KPI share one, so the common
    // case compares two pointers, not two texts.
    let mut last_id: Option<&Shared> = None;
    // Built at the first row of another KPI than the row before.
    let mut index = None;
    for o in observations.iter().filter(|o| o.period <= as_of) {
        let same = last_id.is_some_and(|id| *id == o.kpi)
            || plan.kpis.get(last).is_some_and(|k| *k.id == *o.kpi);
        if !same {
            match index.get_or_insert_with(|| plan.kpi_index()).get(&*o.kpi) {
                Some(&i) => last = i,
                None => continue,
            }
        }
        last_id = Some(&o.kpi);
        by_kpi[last].push(o);
    }
    let kpis = plan
        .kpis
        .iter()
        .zip(&by_kpi)
        .map(|(kpi, obs)| {
            // A target relative to another KPI reads that KPI's figures too.
            let other = kpi.target.relative_to.as_deref().and_then(|id| {
                let i = plan.kpis.iter().position(|k| k.id == id)?;
                Some(by_kpi[i].as_slice())
            });
            assess_kpi(plan, kpi, obs, other, as_of, method)
        })
        .collect();
    PlanAssessment {
        plan: plan.id.clone(),
        plan_name: plan.name.clone(),
        plan_name_zh: plan.name_zh.clone(),
        lang: plan.lang,
        as_of,
        method,
        kpis,
    }
}

/// The comparable points of a KPI and where its count starts: shared by
/// `assess_kpi` and `explain`, so both read the same series.
pub fn kpi_points(plan: &Plan, kpi: &Kpi, observations: &[&Observation]) -> Vec<Point> {
    let start = kpi
        .baseline
        .as_ref()
        .map(|b| b.revised.as_ref().map_or(b.value, |r| r.value))
        .or((kpi.kind == Kind::Count).then_some(0.0))
        .map(|v| (plan.scope_of(kpi), plan.baseline_period_of(kpi), v));
    series::points(kpi.kind, observations, start)
}

/// Assesses one KPI on its observations (already cut off at `as_of`): its
/// figures and status against the target, and the as-of year's growth
/// target if it has one. `other` holds the observations of the KPI a
/// relative target names.
pub fn assess_kpi(
    plan: &Plan,
    kpi: &Kpi,
    observations: &[&Observation],
    other: Option<&[&Observation]>,
    as_of: Period,
    method: Method,
) -> KpiAssessment {
    let points = kpi_points(plan, kpi, observations);
    if kpi.prices == Prices::Comparable && kpi.kind != Kind::Milestone {
        return comparable(plan, kpi, &points, as_of, method);
    }
    let mut a = assess_target(plan, kpi, observations, &points, as_of, method);
    past_due(&mut a, kpi, as_of);
    let held = kpi.target.hold.is_some() && kpi.target.value.is_some();
    if held || kpi.target.relative_to.is_some() {
        keep_bound(&mut a, plan, kpi, &points, other, as_of);
        return a;
    }
    if kpi.kind != Kind::Milestone {
        let baseline_year = plan.baseline_period_of(kpi).year();
        let (f, why) = forecast::forecast(forecast::Ask {
            points: &points,
            scope: &a.scope,
            shape: kpi.trajectory,
            direction: kpi.direction(),
            target: a.target.value,
            target_period: a.target.period,
            from_year: plan
                .data_from
                .map_or(baseline_year, |p| p.year().min(baseline_year)),
            latest: a.latest.as_ref().map(|l| (l.period, l.value)),
        });
        a.forecast_reason = why.as_ref().map(NoForecast::en);
        a.forecast = f;
        a.forecast_why = why;
    }
    if kpi.kind != Kind::Milestone {
        let target = a.target.value.map(|v| (a.target.period, v));
        a.year_target = year::year_target(kpi, as_of.year(), &points, &a.scope, target);
    }
    let latest = a.latest.as_ref().map(|l| (l.period, a.yoy.as_ref()));
    a.annual_growth =
        targets::judge_annual(plan, kpi, as_of.year(), latest, &plan.thresholds_of(kpi));
    a.rating = rating(plan, kpi, &a);
    a
}

/// 评价 of an assessed KPI: the pace the 完成情况表 shows rates it, from
/// published figures in the target's scope, a flow's to its latest full
/// year (`Rating::of`).
fn rating(plan: &Plan, kpi: &Kpi, a: &KpiAssessment) -> Rating {
    let early = a
        .latest
        .as_ref()
        .is_some_and(|l| l.period < a.target.period);
    let pace = a.since_base.as_ref().and_then(|s| {
        let (c, e) = (s.completion?, s.time_elapsed.filter(|e| *e > 0.0)?);
        finite((c - e) * 100.0)
    });
    Rating::of(a.status, pace, plan.thresholds_of(kpi).pace().high, early)
}

/// A bound to keep, or a target relative to another KPI: judged on each
/// plan year's full-year figure (and the other KPI's), with no path, pace
/// or forecast, which a level to reach has and a bound has not.
fn keep_bound(
    a: &mut KpiAssessment,
    plan: &Plan,
    kpi: &Kpi,
    points: &[Point],
    other: Option<&[&Observation]>,
    as_of: Period,
) {
    let relative = kpi.target.relative_to.as_deref().and_then(|id| {
        let k = plan.kpi(id)?;
        let points = kpi_points(plan, k, other.unwrap_or_default());
        let who = bound::Other {
            id: k.id.clone(),
            name: k.name.clone(),
            name_zh: k.name_zh.clone(),
        };
        Some((who, points))
    });
    let due = a.target.period;
    let check = bound::check(
        points,
        bound::Ask {
            rule: if relative.is_some() {
                Hold::Average
            } else {
                kpi.target.hold.unwrap_or(Hold::EveryYear)
            },
            comparator: a.target.comparator,
            bound: kpi.target.value,
            other: relative.as_ref().map(|(w, p)| (w.clone(), p.as_slice())),
            tolerance_pp: kpi
                .tolerance_pp
                .or(plan.tolerance_pp)
                .unwrap_or(targets::DEFAULT_TOLERANCE_PP),
            scope: &a.scope,
            unit: &kpi.unit,
            from: plan.baseline_period_of(kpi).year() + 1,
            to: as_of.year().min(due.year()),
        },
    );
    a.status = check.status(due.year());
    a.decided_by = Some(DecidedBy::Bound);
    a.rating = match a.status {
        Status::Achieved => Rating::Achieved,
        Status::OnTrack => Rating::Kept,
        Status::Deterioration => Rating::NotKept,
        Status::Overdue => Rating::NotAchieved,
        _ => Rating::InsufficientData,
    };
    // A bound has no planned path: none of a path's figures apply.
    a.expected = None;
    a.gap_to_trajectory = None;
    a.time_distance_quarters = None;
    a.slack_quarters = None;
    a.next_milestone = None;
    a.since_base = None;
    a.year_pace = None;
    a.required_rate = None;
    let f = Figures::default();
    copy_figures(a, &f);
    a.forecast_why = Some(NoForecast::Bound);
    a.forecast_reason = a.forecast_why.as_ref().map(NoForecast::en);
    let mut why: Vec<Why> = a
        .why
        .iter()
        .filter(|w| matches!(w, Why::OtherScope { .. }))
        .cloned()
        .collect();
    why.push(Why::Bound(Box::new(check.clone())));
    a.say(why);
    a.bound = Some(check);
}

/// A KPI at comparable prices: its figures as published (levels at current
/// prices, the published 同比), its growth figures and status from the
/// volume index its 同比 chain into (`core::index`).
fn comparable(
    plan: &Plan,
    kpi: &Kpi,
    points: &[Point],
    as_of: Period,
    method: Method,
) -> KpiAssessment {
    let scope = plan.scope_of(kpi);
    let base = plan.baseline_period_of(kpi);
    let years = base.years_until(plan.target_period_of(kpi));
    let mut chain = index::chain(points, scope, base, as_of);
    let on_index = index::on_index(kpi, base, years);
    chain.target = on_index.target.value;
    // No figure is guessed for a year with no 同比: nothing is judged.
    let figures = match chain.missing {
        None => index::observations(&chain, &kpi.id, scope),
        Some(_) => Vec::new(),
    };
    let refs: Vec<&Observation> = figures.iter().collect();
    let index_points = kpi_points(plan, &on_index, &refs);
    let mut a = assess_target(plan, &on_index, &refs, &index_points, as_of, method);
    past_due(&mut a, &on_index, as_of);
    if chain.missing.is_some() {
        a.status = Status::InsufficientData;
        a.decided_by = None;
        a.since_base = None;
    }
    a.rating = rating(plan, &on_index, &a);
    // Levels as published, in the KPI's unit; the index's own levels are
    // in none, so no gap or level target is said in the KPI's unit.
    a.unit = kpi.unit.clone();
    a.unit_zh = kpi.unit_zh.clone();
    a.kind = kpi.kind;
    let latest = newest(points, scope);
    a.latest = latest.map(Latest::of);
    // Growth computed from current-price levels is no growth at comparable
    // prices: only a published 同比 is shown.
    a.yoy = latest
        .and_then(|l| yoy(l, points, units::is_percent(&kpi.unit)))
        .filter(|y| y.published);
    a.baseline = baseline(kpi, base, scope, points);
    a.target.value = None;
    a.target.stated = Stated::of(&kpi.target);
    (a.expected, a.gap, a.gap_pct, a.attainment) = (None, None, None, None);
    (a.gap_to_trajectory, a.projected) = (None, None);
    a.year_pace = None;
    // A year's growth target, with no current-price level for it.
    a.year_target = kpi
        .annual
        .iter()
        .find(|t| t.year == as_of.year())
        .and_then(|t| t.growth_pct)
        .map(|g| YearTarget {
            year: as_of.year(),
            level: None,
            growth_pct: Some(g),
            on: None,
        });
    if let Some(s) = &mut a.since_base {
        // The figure as published at the index's latest whole year.
        s.figure = points
            .iter()
            .find(|p| p.period == s.to && p.scope.is(scope))
            .map(|p| p.reported);
    }
    let latest = a.latest.as_ref().map(|l| (l.period, a.yoy.as_ref()));
    a.annual_growth =
        targets::judge_annual(plan, kpi, as_of.year(), latest, &plan.thresholds_of(kpi));
    a.forecast_why = Some(NoForecast::Comparable);
    a.forecast_reason = a.forecast_why.as_ref().map(NoForecast::en);
    let mut why = a.why.clone();
    if let Some(year) = chain.missing {
        why = vec![Why::ChainBroken { year }];
    }
    a.say(why);
    a.index = Some(chain);
    a
}

/// The newest point, the KPI's own scope first among points of one period,
/// and of equals the last (as `max_by_key` on (period, own scope) picks):
/// the newest period found first, so that only its few points, one a
/// scope, have their scope compared, not every point of the series.
fn newest<'p>(points: &'p [Point], scope: &str) -> Option<&'p Point> {
    let period = points.iter().map(|p| p.period).max()?;
    let mut at_newest = points.iter().filter(|p| p.period == period);
    let last = at_newest.clone().next_back();
    at_newest.rfind(|p| p.scope.is(scope)).or(last)
}

/// Once the target period has passed, a numeric KPI's target is met or it
/// is not: a pace that would have been on track is `overdue` now, and the
/// reason says when the deadline was and how old the figure judged is.
fn past_due(a: &mut KpiAssessment, kpi: &Kpi, as_of: Period) {
    let due = a.target.period;
    let judged = matches!(
        a.status,
        Status::OnTrack
            | Status::NeedsAcceleration
            | Status::LimitedProgress
            | Status::Deterioration
    );
    if kpi.kind == Kind::Milestone || as_of <= due || !judged || a.target.value.is_none() {
        return;
    }
    a.status = Status::Overdue;
    let overdue = Why::Overdue {
        due,
        latest: a.latest.as_ref().map(|l| l.period),
    };
    a.why.insert(0, overdue);
    a.reason = why::said(&a.why);
}

/// A KPI's figures and status against its target.
fn assess_target(
    plan: &Plan,
    kpi: &Kpi,
    observations: &[&Observation],
    points: &[Point],
    as_of: Period,
    method: Method,
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
        rating: Rating::NoData,
        decided_by: None,
        latest: None,
        baseline: None,
        nature: kpi.nature,
        annual_growth: None,
        bound: None,
        index: None,
        target: TargetValue {
            period: target_period,
            stated: Stated::of(&kpi.target),
            value: kpi.target.value,
            comparator: (kpi.kind != Kind::Milestone
                && (kpi.target.value.is_some() || kpi.target.relative_to.is_some())
                && !kpi.target.about)
                .then(|| kpi.comparator()),
            text: kpi.target.text.clone(),
            text_zh: kpi.target.text_zh.clone(),
        },
        expected: None,
        gap: None,
        gap_pct: None,
        attainment: None,
        gap_to_trajectory: None,
        completion: None,
        time_elapsed: None,
        pace_gap_pp: None,
        time_distance_quarters: None,
        slack_quarters: None,
        actual_cagr: None,
        required_cagr: None,
        growth_ratio: None,
        projection_ratio: None,
        required_rate: None,
        projected: None,
        yoy: None,
        year_pace: None,
        year_target: None,
        since_base: None,
        next_milestone: None,
        reason: None,
        why: Vec::new(),
        caveat: kpi.caveat.clone(),
        caveat_zh: kpi.caveat_zh.clone(),
        scopes_zh: plan.scopes_zh.clone(),
        unit_zh: kpi.unit_zh.clone(),
        forecast: None,
        forecast_reason: None,
        forecast_why: None,
    };

    // The newest point; at equal periods the KPI's own scope wins.
    let latest = newest(points, &scope);
    a.latest = latest.map(Latest::of);

    if kpi.kind == Kind::Milestone {
        assess_milestone(&mut a, points, as_of, target_period);
        return a;
    }

    a.baseline = baseline(kpi, baseline_period, &scope, points);
    let Some(latest) = latest else {
        a.say(vec![if observations.is_empty() {
            Why::NoObservation { as_of }
        } else {
            Why::NoComparable
        }]);
        return a;
    };
    a.yoy = yoy(latest, points, units::is_percent(&kpi.unit));
    let (t, xt) = (latest.period, latest.value);
    let in_scope = latest.scope.is(&scope);
    let d = kpi.direction().sign();
    let thresholds = plan.thresholds_of(kpi);
    let mut reasons: Vec<Why> = Vec::new();

    if kpi.target.is_words() {
        // A target in words: the figures are tracked, nothing is judged.
        a.status = Status::NoNumericTarget;
        a.say(vec![Why::WordsOnly]);
        return a;
    }
    let Some(target) = kpi.target.value else {
        // No numeric target: the KPI's own trend.
        a.status = Status::InsufficientData;
        match (&a.baseline, in_scope) {
            (Some(base), true) if t > base.period => {
                let scale = kpi.trend_scale.unwrap_or(1.0);
                let (growth, j) = judge_trend(
                    base.value,
                    xt,
                    base.period.years_until(t),
                    d,
                    &thresholds,
                    scale,
                );
                a.actual_cagr = growth;
                apply(&mut a, j, &mut reasons);
            }
            _ => reasons.push(Why::NoTargetNoTrend),
        }
        a.say(reasons);
        return a;
    };

    a.gap = finite(xt - target);
    a.gap_pct = (target != 0.0)
        .then(|| finite((xt - target) / target.abs() * 100.0))
        .flatten();
    a.attainment = match kpi.direction() {
        Direction::Increase if target != 0.0 => finite(xt / target),
        Direction::Decrease if xt != 0.0 => finite(target / xt),
        _ => None,
    };
    if t < target_period && xt > 0.0 {
        a.required_rate = crate::core::growth::cagr(xt, target, t.years_until(target_period));
    }
    if t > target_period {
        reasons.push(Why::TargetPassed { due: target_period });
    }
    let met = in_scope && target_met(kpi, latest, target, method);
    if met {
        a.status = Status::Achieved;
        a.decided_by = Some(DecidedBy::TargetMet);
    }
    if !in_scope {
        a.status = Status::InsufficientData;
        reasons.push(Why::OtherScope {
            latest: t,
            seen: latest.scope.to_string(),
            planned: scope.clone(),
        });
    }

    let Some(base) = a.baseline.clone() else {
        if in_scope && !met {
            a.status = Status::InsufficientData;
            reasons.push(Why::NoBaseline {
                at: baseline_period,
            });
        }
        a.say(reasons);
        return a;
    };
    let path = Trajectory::for_kpi(kpi, (base.period, base.value), (target_period, target));
    // The planned value at t is the plan's alone, whatever the data's scope.
    a.expected = path.expected(t).and_then(finite);
    let milestones: Vec<(Period, f64)> =
        kpi.milestones.iter().map(|m| (m.period, m.value)).collect();
    // A figure of another scope is no part of the target's year.
    a.year_pace = year_pace(kpi, latest, points, (target_period, target)).filter(|_| in_scope);
    a.since_base = year::since_base(
        kpi,
        (base.period, base.reported),
        Some((target_period, target)),
        a.target.stated,
        points,
        &scope,
    );

    if in_scope {
        let progress = Progress {
            t0: base.period,
            x0: base.value,
            t,
            xt,
            target_period,
            target,
            d,
        };
        let f = figures(&progress);
        copy_figures(&mut a, &f);
        a.gap_to_trajectory = a.expected.and_then(|e| finite(xt - e));
        if t > base.period {
            a.time_distance_quarters = path.years_to_reach(xt).and_then(|s| {
                finite((s - base.period.years_until(t)) * 4.0 * path_sign(&path) * d)
            });
            a.slack_quarters = slack(&path, t, xt, d, target_period);
            a.next_milestone = next_milestone(kpi, &progress, &milestones, method, &thresholds);
        }
        if t <= base.period {
            if !met {
                a.status = Status::InsufficientData;
            }
            reasons.push(Why::OnlyBaseline { at: base.period });
        } else if !met {
            let j = judge(method, &progress, &f, &thresholds);
            apply(&mut a, j, &mut reasons);
        }
    }
    a.say(reasons);
    a
}

fn copy_figures(a: &mut KpiAssessment, f: &Figures) {
    a.completion = f.completion;
    a.time_elapsed = f.time_elapsed;
    a.pace_gap_pp = f.pace_gap_pp;
    a.actual_cagr = f.actual_cagr;
    a.required_cagr = f.required_cagr;
    a.growth_ratio = f.growth_ratio;
    a.projection_ratio = f.projection_ratio;
    a.projected = f.projected;
}

fn apply(a: &mut KpiAssessment, j: Judgement, reasons: &mut Vec<Why>) {
    a.status = j.status;
    a.decided_by = j.decided_by;
    reasons.extend(j.reason);
}

impl KpiAssessment {
    /// Keeps `reasons`, and says them in English as `reason`.
    fn say(&mut self, reasons: Vec<Why>) {
        self.reason = why::said(&reasons);
        self.why = reasons;
    }
}

/// +1 when the trajectory rises overall, -1 when it falls. A value reached
/// later on a rising path is ahead for an increase KPI; on a falling path, for
/// a decrease KPI. Multiplying by `d` as well gives "ahead is positive" for
/// both, and for paths that run against their KPI's direction too.
fn path_sign(path: &Trajectory) -> f64 {
    let points = path.points();
    match (points.first(), points.last()) {
        (Some(a), Some(b)) if b.1 < a.1 => -1.0,
        _ => 1.0,
    }
}

/// Quarters of no progress from `t` before `xt` falls behind the trajectory;
/// `None` when it is already behind. Counted up to the target period.
fn slack(path: &Trajectory, t: Period, xt: f64, d: f64, target_period: Period) -> Option<i32> {
    let not_behind = |p: Period| {
        path.expected(p)
            .is_some_and(|e| d * (xt - e) >= -1e-12 * e.abs().max(1.0))
    };
    if !not_behind(t) {
        return None;
    }
    let mut k = 0;
    while t.add_quarters(k + 1) <= target_period && not_behind(t.add_quarters(k + 1)) {
        k += 1;
    }
    Some(k)
}

/// Growth on the same quarter a year earlier: as published when fed, else
/// from the reported values (year-to-date against year-to-date for flows).
/// For a KPI in `percent`, the change is in points, and a published
/// 同比 is read as points.
fn yoy(latest: &Point, points: &[Point], percent: bool) -> Option<Yoy> {
    let year_ago = latest.period.add_quarters(-4);
    // From the end: a year before the latest is among the last few points
    // (a scope has one point a period, so the first found is the only one).
    let earlier = points
        .iter()
        .rev()
        .find(|p| p.period == year_ago && p.scope == latest.scope);
    let change = earlier.and_then(|e| finite(latest.reported - e.reported));
    let said = |x: f64, published: bool| Yoy {
        pct: (!percent).then_some(x),
        pp: percent.then_some(x),
        published,
        change,
    };
    if let Some(g) = latest.published_yoy_pct {
        return Some(said(g, true));
    }
    if percent {
        return change.map(|c| said(c, false));
    }
    let earlier = earlier?;
    (earlier.reported > 0.0)
        .then(|| finite((latest.reported / earlier.reported - 1.0) * 100.0))
        .flatten()
        .map(|pct| said(pct, false))
}

/// Year-to-date against the annual target of the latest year, for an
/// increase flow: a level, or a growth turned into one (`core::year`).
fn year_pace(
    kpi: &Kpi,
    latest: &Point,
    points: &[Point],
    target: (Period, f64),
) -> Option<YearPace> {
    if kpi.kind != Kind::Flow || kpi.direction() != Direction::Increase {
        return None;
    }
    let year = year::year_target(
        kpi,
        latest.period.year(),
        points,
        &latest.scope,
        Some(target),
    )?;
    let annual_target = year.level?;
    if annual_target <= 0.0 {
        return None;
    }
    let completion = latest.reported / annual_target;
    let time_elapsed = f64::from(latest.period.quarter()) / 4.0;
    Some(YearPace {
        year: latest.period.year(),
        annual_target,
        growth_pct: year.growth_pct,
        completion,
        time_elapsed,
        pace_gap_pp: finite((completion - time_elapsed) * 100.0)?,
    })
}

/// The first interim milestone from the latest period on, judged by `method`
/// as if it were the target.
fn next_milestone(
    kpi: &Kpi,
    progress: &Progress,
    milestones: &[(Period, f64)],
    method: Method,
    thresholds: &crate::core::status::ThresholdSet,
) -> Option<MilestoneCheck> {
    let &(period, value) = milestones
        .iter()
        .filter(|(p, _)| *p >= progress.t && *p > progress.t0)
        .min_by_key(|(p, _)| *p)?;
    let p = Progress {
        target_period: period,
        target: value,
        ..*progress
    };
    let f = figures(&p);
    let met = kpi.comparator().is_met(progress.xt, value);
    let j = if met {
        Judgement {
            status: Status::Achieved,
            decided_by: Some(DecidedBy::TargetMet),
            reason: None,
        }
    } else {
        judge(method, &p, &f, thresholds)
    };
    Some(MilestoneCheck {
        period,
        value,
        gap: finite(progress.xt - value),
        status: j.status,
        decided_by: j.decided_by,
        growth_ratio: f.growth_ratio,
        projection_ratio: f.projection_ratio,
        pace_gap_pp: f.pace_gap_pp,
    })
}

/// Whether the latest value meets the target. A part-year flow counts only
/// when its year-to-date total alone already reaches an increase target: its
/// annual equivalent is an estimate, and estimates do not meet targets. Under
/// the projection method a percentage within one point of a 0 % or 100 %
/// target counts as met (EUSTAT).
fn target_met(kpi: &Kpi, latest: &Point, target: f64, method: Method) -> bool {
    let comparator = kpi.comparator();
    if kpi.kind == Kind::Flow && latest.estimated {
        return comparator.direction() == Direction::Increase
            && comparator.is_met(latest.reported, target);
    }
    let near_limit = method == Method::Projection
        && kpi.unit == "%"
        && (target == 0.0 || target == 100.0)
        && (latest.value - target).abs() <= 1.0;
    near_limit || comparator.is_met(latest.value, target)
}

/// The KPI's baseline: the plan's, else the data's value at the baseline
/// period in the KPI's scope, else zero for a count.
fn baseline(kpi: &Kpi, period: Period, scope: &str, points: &[Point]) -> Option<BaselineValue> {
    if let Some(b) = &kpi.baseline {
        // A revised figure is the series' own: progress is measured from it.
        let reported = b.revised.as_ref().map_or(b.value, |r| r.value);
        let (value, estimated, by) = match kpi.kind {
            Kind::Flow => {
                let annual = annualise(&series::history(points, scope), period, reported);
                (
                    annual.value,
                    annual.by != Annualisation::FullYear,
                    Some(annual.by),
                )
            }
            _ => (reported, false, None),
        };
        return Some(BaselineValue {
            period,
            value,
            reported,
            estimated,
            annualised_by: by,
            from: if b.revised.is_some() {
                BaselineFrom::Revised
            } else {
                BaselineFrom::Plan
            },
            plan_value: b.revised.as_ref().map(|_| b.value),
        });
    }
    if let Some(p) = points
        .iter()
        .find(|p| p.period == period && p.scope.is(scope))
    {
        return Some(BaselineValue {
            period,
            value: p.value,
            reported: p.reported,
            estimated: p.estimated,
            annualised_by: p.annualised_by,
            from: BaselineFrom::Data,
            plan_value: None,
        });
    }
    (kpi.kind == Kind::Count).then_some(BaselineValue {
        period,
        value: 0.0,
        reported: 0.0,
        estimated: false,
        annualised_by: None,
        from: BaselineFrom::CountStart,
        plan_value: None,
    })
}

/// A qualitative goal: achieved once any report says so (value 1), overdue
/// when the cut-off is past the target period without that, else pending.
fn assess_milestone(a: &mut KpiAssessment, points: &[Point], as_of: Period, target_period: Period) {
    a.decided_by = Some(DecidedBy::Milestone);
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
            annualised_by: None,
            scope: done.scope.to_string(),
        });
        a.say(vec![Why::Achieved { at: done.period }]);
    } else if as_of > target_period {
        a.status = Status::Overdue;
        a.say(vec![Why::NotAchievedBy { due: target_period }]);
    } else {
        a.status = Status::Pending;
        a.say(vec![if points.is_empty() {
            Why::NoReport { due: target_period }
        } else {
            Why::NotYet { due: target_period }
        }]);
    }
}

#[cfg(test)]
mod tests {
    use crate::core::period::Period;
    use crate::core::series::Point;

    proptest::proptest! {
        /// `newest` picks the point `max_by_key` on (period, own scope)
        /// picks: the same point, not only an equal one, among series
        /// with several scopes a period and periods given twice.
        #[test]
        fn newest_is_the_last_maximum_of_period_and_own_scope(
            points in proptest::collection::vec((0u8..6, 0usize..3), 0..12),
        ) {
            let scopes = ["zone", "park 1", "park 2"];
            let points: Vec<Point> = points
                .iter()
                .enumerate()
                .map(|(i, &(q, s))| {
                    let period = Period::new(2020 + i32::from(q / 4), q % 4 + 1).expect("a quarter");
                    Point::plain(period, i as f64, scopes[s])
                })
                .collect();
            let expected = points.iter().max_by_key(|p| (p.period, p.scope.is("zone")));
            let found = super::newest(&points, "zone");
            proptest::prop_assert_eq!(found.map(|p| p.value), expected.map(|p| p.value));
        }
    }
}

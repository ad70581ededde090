//! Every input and every step of one KPI's assessment, with the numbers put
//! into each formula, so an analyst can redo it with a calculator.
//!
//! The explanation is built from the assessment itself (each step's result is
//! the figure `status` reports) and from the same comparable series, so the
//! two can never disagree.

use serde::Serialize;

use crate::core::assess::{BaselineFrom, KpiAssessment};
use crate::core::forecast::{NoForecast, StepsIn};
use crate::core::methods::{DecidedBy, Method};
use crate::core::observation::Observation;
use crate::core::period::Period;
use crate::core::plan::{Comparator, Direction, Kind, Kpi, Plan, Shape};
use crate::core::series::{self, Annualisation, Point};
use crate::core::status::{Status, Thresholds};
use crate::core::targets::{AnnualGrowth, Stated};
use crate::core::why::Why;

/// One KPI's assessment, explained.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    pub plan: String,
    pub kpi: String,
    pub name: String,
    /// The Chinese name, when the plan gives it (not in JSON).
    #[serde(skip)]
    pub name_zh: Option<String>,
    pub unit: String,
    /// The unit Chinese text shows the figures in (not in JSON).
    #[serde(skip)]
    pub unit_zh: Option<String>,
    /// How the figures are dated (not in JSON).
    #[serde(skip)]
    pub kind: Kind,
    pub method: Method,
    pub as_of: Period,
    /// Every comparable value up to the cut-off, as published and as assessed.
    pub observations: Vec<ObservationLine>,
    pub steps: Vec<Step>,
    pub status: Status,
    pub decided_by: Option<DecidedBy>,
    pub reason: Option<String>,
    /// The same reasons as data (not in JSON: `reason` says them).
    #[serde(skip)]
    pub why: Vec<Why>,
    /// The plan's Chinese names of scopes (not in JSON).
    #[serde(skip)]
    pub scopes_zh: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObservationLine {
    pub period: Period,
    pub reported: f64,
    pub value: f64,
    pub scope: String,
    pub annualised_by: Option<Annualisation>,
    /// The growth on a year earlier published with the figure, in percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_yoy_pct: Option<f64>,
}

/// One step: a named figure, its formula, the formula with numbers, the result.
/// The JSON gives the figure, formula and working in English; `Figure`,
/// `Formula` and `Working` keep them as data for other languages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    #[serde(serialize_with = "english")]
    pub figure: Figure,
    #[serde(serialize_with = "english")]
    pub formula: Formula,
    #[serde(serialize_with = "english")]
    pub working: Working,
    /// The figure as `status` reports it (unrounded in JSON).
    pub result: Option<f64>,
}

/// What a step computes.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    Baseline {
        period: Period,
        from: BaselineFrom,
    },
    Latest {
        period: Period,
        scope: String,
    },
    OwnGrowth,
    Target {
        comparator: Option<Comparator>,
        value: f64,
        period: Period,
    },
    Gap,
    GapPct,
    Years,
    Expected,
    GapToTrajectory,
    Completion,
    TimeElapsed,
    PaceGap,
    ActualCagr,
    RequiredCagr,
    GrowthRatio,
    LinearRateRatio,
    Projected {
        linear: bool,
    },
    ProjectionRatio,
    RequiredRate,
    Status,
    GrowthTarget {
        year: i32,
    },
    YearOnYear {
        period: Period,
    },
    /// g / g* (`toward`: a target away from 0 in the better direction), else g* / g.
    YoyRatio {
        toward: bool,
    },
    GrowthStatus {
        year: i32,
    },
    /// The forecast, where there is none (its reason is the working).
    Forecast,
    /// A link of the volume index of a KPI at comparable prices.
    IndexLink {
        period: Period,
        estimated: bool,
    },
    /// A 年均增长 target as a level of the volume index.
    IndexTarget,
    /// A plan year's figure against a bound or the other KPI's figure.
    BoundYear {
        year: i32,
    },
    /// The mean of the plan years' figures (`other`: the other KPI's).
    BoundAverage {
        other: bool,
    },
    YearEnds,
    /// Log growth (`log`) or changes in the unit.
    AnnualSteps {
        log: bool,
    },
    StepMean {
        log: bool,
    },
    StepSd {
        log: bool,
    },
    Horizon {
        from: Period,
        to: Period,
    },
    ForecastCentre,
    ForecastSe {
        log: bool,
    },
    TQuantile,
    /// The 80 % range's low (`low`) or high end.
    Range {
        low: bool,
    },
    Chance,
}

/// How a step computes its figure: notation alone, or words around it.
#[derive(Debug, Clone, PartialEq)]
pub enum Formula {
    /// Notation only, the same in every language.
    Math(&'static str),
    AsStated,
    Newest,
    FromPlan,
    FromPlanAbout,
    QuartersOver4,
    GapToTrajectory,
    GrowthRatio,
    ProjectedCompound,
    ProjectionRatio,
    AverageGrowth,
    ChangePct,
    ChangePp,
    FullYear,
    TrailingFourQuarters {
        year: i32,
        quarter: u8,
    },
    SeasonalShare {
        quarter: u8,
        shares: Vec<(i32, f64)>,
    },
    Proportional,
    TargetOn,
    Trajectory {
        shape: Shape,
        from: (Period, f64),
        to: (Period, f64),
    },
    /// The deciding figure against its thresholds (`low`: none when unused).
    Thresholds {
        figure: Figure,
        high: f64,
        medium: f64,
        low: Option<f64>,
    },
    MovedAway,
    TargetMet,
    YoyNeeds,
    YoyComputed,
    YoyPublished,
    YoyToward,
    YoyBound,
    GrowthRule,
    /// What a forecast needs: three annual changes of year-end figures.
    ForecastNeeds,
    /// The year-end figures of the KPI's scope.
    YearEnds,
    /// Student's t at (1 + level) / 2 with `df` degrees of freedom.
    TQuantile {
        df: usize,
    },
    /// The chance: the upper tail for a KPI to rise (`increase`), on logs
    /// for a compound one.
    Chance {
        log: bool,
        increase: bool,
    },
}

/// The formula with the numbers put in, or what the step found.
#[derive(Debug, Clone, PartialEq)]
pub enum Working {
    Math(String),
    /// The years between the baseline `t0`, the latest `t` and the target `due`.
    Years {
        t0: Period,
        t: Period,
        due: Period,
    },
    /// The deciding figure and the status it gives.
    Decided {
        value: String,
        status: Status,
    },
    /// A year's growth status, with its reason.
    Growth {
        why: Option<Why>,
        status: Status,
    },
    /// Why a step has no figure.
    Missing(Option<Why>),
    /// A year's growth target (`tolerance_pp`: an "about" target's).
    GrowthTarget {
        comparator: Comparator,
        target_pct: f64,
        tolerance_pp: Option<f64>,
    },
    /// Why there is no forecast, or no range and chance in it.
    NoForecast(NoForecast),
    /// The year-end figures a forecast rests on.
    YearEnds(Vec<(Period, f64)>),
}

impl From<String> for Working {
    fn from(s: String) -> Working {
        Working::Math(s)
    }
}

impl Figure {
    /// The figure's name in English, as the JSON gives it.
    pub fn en(&self) -> String {
        match self {
            Figure::Baseline { period, from } => format!("baseline x0 ({period}, from {from})"),
            Figure::Latest { period, scope } => format!("latest xt ({period}, scope `{scope}`)"),
            Figure::OwnGrowth => "own growth (trend)".into(),
            Figure::Target {
                comparator,
                value,
                period,
            } => format!(
                "target X ({} {} by {period})",
                comparator.map_or("", Comparator::symbol),
                num(*value)
            ),
            Figure::Gap => "gap".into(),
            Figure::GapPct => "gap %".into(),
            Figure::Years => "years t - t0, T - t0, T - t".into(),
            Figure::Expected => "expected (trajectory)".into(),
            Figure::GapToTrajectory => "gap to trajectory".into(),
            Figure::Completion => "completion c".into(),
            Figure::TimeElapsed => "time elapsed e".into(),
            Figure::PaceGap => "pace gap (pp)".into(),
            Figure::ActualCagr => "actual CAGR".into(),
            Figure::RequiredCagr => "required CAGR".into(),
            Figure::GrowthRatio => "growth ratio R".into(),
            Figure::LinearRateRatio => "linear rate ratio R".into(),
            Figure::Projected { linear: true } => "projected at T (linear)".into(),
            Figure::Projected { linear: false } => "projected at T".into(),
            Figure::ProjectionRatio => "projection ratio P".into(),
            Figure::RequiredRate => "required rate from now".into(),
            Figure::Status => "status".into(),
            Figure::GrowthTarget { year } => format!("{year} growth target g*"),
            Figure::YearOnYear { period } => format!("growth on a year earlier g ({period})"),
            Figure::YoyRatio { toward: true } => "growth ratio g / g*".into(),
            Figure::YoyRatio { toward: false } => "growth ratio g* / g".into(),
            Figure::GrowthStatus { year } => format!("{year} growth status"),
            Figure::Forecast => "forecast".into(),
            Figure::YearEnds => "year-end figures x_i".into(),
            Figure::IndexLink { period, estimated } => format!(
                "volume index at comparable prices I({period}){}",
                if *estimated {
                    ", from the year-to-date growth (an estimate)"
                } else {
                    ""
                }
            ),
            Figure::IndexTarget => "the target on the index I*".into(),
            Figure::BoundYear { year } => format!("{year}: the figure against the bound"),
            Figure::BoundAverage { other: false } => "the plan years' average".into(),
            Figure::BoundAverage { other: true } => "the other KPI's average".into(),
            Figure::AnnualSteps { log: true } => "annual log growth r_i".into(),
            Figure::AnnualSteps { log: false } => "annual changes r_i".into(),
            Figure::StepMean { log: true } => "mean annual log growth g".into(),
            Figure::StepMean { log: false } => "mean annual change g".into(),
            Figure::StepSd { log: true } => "spread of the log growth s".into(),
            Figure::StepSd { log: false } => "spread of the changes s".into(),
            Figure::Horizon { from, to } => format!("horizon h ({from} to {to}, years)"),
            Figure::ForecastCentre => "forecast centre m".into(),
            Figure::ForecastSe { log: true } => "forecast standard error se (log)".into(),
            Figure::ForecastSe { log: false } => "forecast standard error se".into(),
            Figure::TQuantile => "t quantile".into(),
            Figure::Range { low: true } => "80 % range, low".into(),
            Figure::Range { low: false } => "80 % range, high".into(),
            Figure::Chance => "chance of meeting the target p".into(),
        }
    }
}

impl Formula {
    /// The formula in English, as the JSON gives it.
    pub fn en(&self) -> String {
        match self {
            Formula::Math(m) => m.to_string(),
            Formula::AsStated => "as stated".into(),
            Formula::Newest => "the newest comparable value up to the cut-off".into(),
            Formula::FromPlan => "from the plan".into(),
            Formula::FromPlanAbout => "from the plan; about (左右): met within the tolerance".into(),
            Formula::QuartersOver4 => "quarters between the periods / 4".into(),
            Formula::GapToTrajectory => "xt - expected".into(),
            Formula::GrowthRatio => "d * actual CAGR / |required CAGR|".into(),
            Formula::ProjectedCompound => "xt * (1 + actual CAGR)^(T - t)".into(),
            Formula::ProjectionRatio => "d * (projected - x0) / |X - x0|".into(),
            Formula::AverageGrowth => {
                "average growth of r % a year (年均增长): x0 * (1 + r / 100)^(T - t0), from the plan's baseline".into()
            }
            Formula::ChangePct => {
                "a change of c % in all (累计提高/下降): x0 * (1 + c / 100), from the plan's baseline".into()
            }
            Formula::ChangePp => "a rise of d percentage points (提高…个百分点): x0 + d, from the plan's baseline".into(),
            Formula::FullYear => "a fourth-quarter year-to-date total is the year".into(),
            Formula::TrailingFourQuarters { year, quarter } => format!(
                "ytd + (full year {year} - ytd {year} Q{quarter}): the trailing four quarters"
            ),
            Formula::SeasonalShare { quarter, shares } => format!(
                "ytd / mean share of Q1-Q{quarter} in earlier full years ({})",
                shares
                    .iter()
                    .map(|(y, s)| format!("{y}: {}", num(*s)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Formula::Proportional => "ytd * 4 / q (no earlier year tells the season)".into(),
            Formula::TargetOn => "the target from the target period on".into(),
            Formula::Trajectory {
                shape,
                from: (a, xa),
                to: (b, xb),
            } => match shape {
                Shape::Linear => format!(
                    "linear from ({a}, {}) to ({b}, {}): xa + (xb - xa) * s",
                    num(*xa),
                    num(*xb)
                ),
                Shape::Compound => format!(
                    "compound from ({a}, {}) to ({b}, {}): xa * (xb / xa)^s",
                    num(*xa),
                    num(*xb)
                ),
            },
            Formula::Thresholds {
                figure,
                high,
                medium,
                low,
            } => format!(
                "{}: >= {} on track, >= {} needs acceleration, >= {} limited progress, below deterioration",
                figure.en(),
                num(*high),
                num(*medium),
                low.map_or("(not used)".to_string(), num)
            ),
            Formula::MovedAway => "completion below 0: the value moved away from the target".into(),
            Formula::TargetMet => "the latest value meets the target".into(),
            Formula::YoyNeeds => "needs the year's figure and its growth on a year earlier".into(),
            Formula::YoyComputed => {
                "(x(t) / x(t - 4 quarters) - 1) * 100, as reported (year to date for a flow)".into()
            }
            Formula::YoyPublished => "as published with the figure".into(),
            Formula::YoyToward => "g / g* (a target away from 0 in the better direction)".into(),
            Formula::YoyBound => "g* / g (a bound on the worse side)".into(),
            Formula::GrowthRule => "met (or within the tolerance when about): achieved on the year's Q4 figure, on track before it; else the ratio against the growth-ratio thresholds".into(),
            Formula::ForecastNeeds => format!(
                "at least {} annual changes of year-end figures, and a spread among them",
                crate::core::forecast::MIN_STEPS
            ),
            Formula::YearEnds => {
                "the KPI's year-end (Q4) figures in its own scope (a flow's full-year total), of consecutive years; the last is x_y".into()
            }
            Formula::TQuantile { df } => format!(
                "Student's t at 0.90 with n - 1 = {df} degrees of freedom (an 80 % range, 10 % in each tail)"
            ),
            Formula::Chance { log, increase } => format!(
                "P(T_(n-1) {} ({} - {}) / se): Student's t, the {} tail",
                if *increase { ">=" } else { "<=" },
                if *log { "ln X" } else { "X" },
                if *log { "ln m" } else { "m" },
                if *increase { "upper" } else { "lower" }
            ),
        }
    }
}

impl Working {
    /// The working in English, as the JSON gives it.
    pub fn en(&self) -> String {
        match self {
            Working::Math(m) => m.clone(),
            Working::Years { t0, t, due } => format!(
                "t - t0 = {t} - {t0} = {} quarters = {} years; T - t0 = {due} - {t0} = {} quarters = {} years; \
                 T - t = {due} - {t} = {} quarters = {} years",
                t0.quarters_until(*t),
                num(t0.years_until(*t)),
                t0.quarters_until(*due),
                num(t0.years_until(*due)),
                t.quarters_until(*due),
                num(t.years_until(*due))
            ),
            Working::Decided { value, status } => format!("{value} -> {}", status.label()),
            Working::Growth { why, status } => format!(
                "{}{}",
                why.as_ref()
                    .map_or(String::new(), |w| format!("{} -> ", w.en())),
                status.label()
            ),
            Working::Missing(why) => why.as_ref().map_or(String::new(), Why::en),
            Working::NoForecast(why) => why.en(),
            Working::YearEnds(points) => points
                .iter()
                .map(|(p, v)| format!("{p} {}", num(*v)))
                .collect::<Vec<_>>()
                .join("; "),
            Working::GrowthTarget {
                comparator,
                target_pct,
                tolerance_pp,
            } => format!(
                "{} {} %{}",
                comparator.symbol(),
                num(*target_pct),
                tolerance_pp.map_or(String::new(), |t| format!(", tolerance {} pp", num(t)))
            ),
        }
    }
}

/// Serialises a step's part as its English text.
fn english<T: English, S: serde::Serializer>(part: &T, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&part.english())
}

trait English {
    fn english(&self) -> String;
}

impl English for Figure {
    fn english(&self) -> String {
        self.en()
    }
}

impl English for Formula {
    fn english(&self) -> String {
        self.en()
    }
}

impl English for Working {
    fn english(&self) -> String {
        self.en()
    }
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

fn step(
    figure: Figure,
    formula: Formula,
    working: impl Into<Working>,
    result: Option<f64>,
) -> Step {
    Step {
        figure,
        formula,
        working: working.into(),
        result,
    }
}

/// Assesses `kpi` on its figures in `observations` up to `as_of` by `method`,
/// and explains it, figures in the unit `scale` times larger (see `explain`).
pub fn of_kpi(
    plan: &Plan,
    kpi: &Kpi,
    observations: &[Observation],
    as_of: Period,
    method: Method,
    scale: f64,
) -> Explanation {
    let own: Vec<&Observation> = observations
        .iter()
        .filter(|o| *o.kpi == *kpi.id && o.period <= as_of)
        .collect();
    let other: Vec<&Observation> = kpi
        .target
        .relative_to
        .as_deref()
        .map(|id| {
            observations
                .iter()
                .filter(|o| *o.kpi == *id && o.period <= as_of)
                .collect()
        })
        .unwrap_or_default();
    let other = kpi.target.relative_to.as_ref().map(|_| other.as_slice());
    let a = crate::core::assess::assess_kpi(plan, kpi, &own, other, as_of, method);
    explain(plan, kpi, &own, &a, method, as_of, scale)
}

/// Explains `a`, the assessment of `kpi` on `observations` (cut off at `as_of`):
/// the target's steps, then the year's growth target's. Figures in the KPI's
/// unit are shown `scale` times larger (10 shows billion yuan in 亿元); rates
/// and ratios do not change with the unit, so every step still gives the
/// figure `status` reports, scaled.
pub fn explain(
    plan: &Plan,
    kpi: &Kpi,
    observations: &[&Observation],
    a: &KpiAssessment,
    method: Method,
    as_of: Period,
    scale: f64,
) -> Explanation {
    let mut points = crate::core::assess::kpi_points(plan, kpi, observations);
    for p in &mut points {
        p.reported *= scale;
        p.value *= scale;
    }
    let a = &scaled(a, scale);
    // The plan's own figures too: its baseline and interim milestones.
    let mut shown = kpi.clone();
    for m in &mut shown.milestones {
        m.value *= scale;
    }
    if let Some(b) = &mut shown.baseline {
        b.value *= scale;
    }
    let mut ex = explain_target(plan, &shown, &points, a, method, as_of);
    if let Some(ix) = &a.index {
        // At comparable prices every growth figure is the index's.
        ex.steps = index_steps(ix, a, &plan.thresholds_of(kpi));
    }
    if let Some(c) = &a.bound {
        ex.steps.extend(bound_steps(c));
    }
    if let Some(g) = &a.annual_growth {
        ex.steps.extend(annual_steps(g, &points, a));
    }
    if kpi.kind != Kind::Milestone {
        ex.steps.extend(forecast_steps(a));
    }
    ex
}

/// The forecast, step by step (docs/methods.md, "The forecast"): the
/// year-end figures, their annual steps, mean and spread, the horizon, the
/// centre, its standard error and the t quantile, the 80 % range and the
/// chance; or why there is none.
fn forecast_steps(a: &KpiAssessment) -> Vec<Step> {
    let Some(f) = &a.forecast else {
        return match &a.forecast_why {
            Some(why @ (NoForecast::TooFewSteps { .. } | NoForecast::NotPositive)) => vec![step(
                Figure::Forecast,
                Formula::ForecastNeeds,
                Working::NoForecast(why.clone()),
                None,
            )],
            _ => Vec::new(),
        };
    };
    let log = f.steps_in == StepsIn::Log;
    let mut steps = vec![step(
        Figure::YearEnds,
        Formula::YearEnds,
        Working::YearEnds(f.year_ends.clone()),
        None,
    )];
    // Each step between consecutive years, as it enters the mean.
    let pairs: Vec<(f64, f64)> = f
        .year_ends
        .windows(2)
        .filter(|w| w[1].0.year() == w[0].0.year() + 1)
        .map(|w| (w[0].1, w[1].1))
        .collect();
    let r = |(a, b): (f64, f64)| if log { (b / a).ln() } else { b - a };
    let said = |(a, b): (f64, f64)| {
        if log {
            format!("ln({} / {})", num(b), num(a))
        } else {
            format!("({} - {})", num(b), num(a))
        }
    };
    steps.push(step(
        Figure::AnnualSteps { log },
        Formula::Math(if log {
            "r_i = ln(x_i / x_(i-1))"
        } else {
            "r_i = x_i - x_(i-1)"
        }),
        pairs
            .iter()
            .map(|&p| format!("{} = {}", said(p), num(r(p))))
            .collect::<Vec<_>>()
            .join("; "),
        None,
    ));
    let n = pairs.len();
    let rs: Vec<String> = pairs.iter().map(|&p| num(r(p))).collect();
    steps.push(step(
        Figure::StepMean { log },
        Formula::Math("g = (r_1 + ... + r_n) / n"),
        format!("({}) / {n}", rs.join(" + ")),
        Some(f.step_mean),
    ));
    let g = num(f.step_mean);
    steps.push(step(
        Figure::StepSd { log },
        Formula::Math("s = sqrt(((r_1 - g)^2 + ... + (r_n - g)^2) / (n - 1))"),
        format!(
            "sqrt(({}) / {})",
            rs.iter()
                .map(|r| format!("({r} - {g})^2"))
                .collect::<Vec<_>>()
                .join(" + "),
            n - 1
        ),
        Some(f.step_sd),
    ));
    let quarters = f.jump_off.period.quarters_until(a.target.period);
    steps.push(step(
        Figure::Horizon {
            from: f.jump_off.period,
            to: a.target.period,
        },
        Formula::QuartersOver4,
        format!("{quarters} / 4"),
        Some(f.horizon_years),
    ));
    let (x, h) = (num(f.jump_off.value), num(f.horizon_years));
    steps.push(step(
        Figure::ForecastCentre,
        Formula::Math(if log {
            "m = x_y * exp(h * g)"
        } else {
            "m = x_y + h * g"
        }),
        if log {
            format!("{x} * exp({h} * {g})")
        } else {
            format!("{x} + {h} * {g}")
        },
        Some(f.centre),
    ));
    steps.push(step(
        Figure::ForecastSe { log },
        Formula::Math("se = s * sqrt(h + h^2 / n)"),
        format!("{} * sqrt({h} + {h}^2 / {n})", num(f.step_sd)),
        Some(f.standard_error),
    ));
    steps.push(step(
        Figure::TQuantile,
        Formula::TQuantile { df: n - 1 },
        num(f.t_quantile),
        Some(f.t_quantile),
    ));
    let (c, t, se) = (num(f.centre), num(f.t_quantile), num(f.standard_error));
    let Some(i) = f.interval else {
        steps.push(step(
            Figure::Forecast,
            Formula::ForecastNeeds,
            Working::NoForecast(NoForecast::TooRegular),
            None,
        ));
        return steps;
    };
    for (low, value) in [(true, i.low), (false, i.high)] {
        steps.push(step(
            Figure::Range { low },
            Formula::Math(match (log, low) {
                (true, true) => "m * exp(-(t * se))",
                (true, false) => "m * exp(t * se)",
                (false, true) => "m - t * se",
                (false, false) => "m + t * se",
            }),
            if log && low {
                format!("{c} * exp(-({t} * {se}))")
            } else if log {
                format!("{c} * exp({t} * {se})")
            } else if low {
                format!("{c} - {t} * {se}")
            } else {
                format!("{c} + {t} * {se}")
            },
            Some(value),
        ));
    }
    if let (Some(p), Some(target)) = (f.p_meet, a.target.value) {
        let increase = a.direction != Some(Direction::Decrease);
        let tail = if increase { ">=" } else { "<=" };
        let df = n - 1;
        steps.push(step(
            Figure::Chance,
            Formula::Chance { log, increase },
            if log {
                format!("P(T{df} {tail} (ln({}) - ln({c})) / {se})", num(target))
            } else {
                format!("P(T{df} {tail} ({} - {c}) / {se})", num(target))
            },
            Some(p),
        ));
    }
    steps
}

/// The assessment with its figures in the KPI's unit multiplied by `scale`.
fn scaled(a: &KpiAssessment, scale: f64) -> KpiAssessment {
    let mut a = a.clone();
    if scale == 1.0 {
        return a;
    }
    for v in [
        &mut a.target.value,
        &mut a.gap,
        &mut a.expected,
        &mut a.gap_to_trajectory,
        &mut a.projected,
    ]
    .into_iter()
    .flatten()
    {
        *v *= scale;
    }
    if let Some(b) = &mut a.baseline {
        b.value *= scale;
        b.reported *= scale;
    }
    if let Some(l) = &mut a.latest {
        l.value *= scale;
        l.reported *= scale;
    }
    a.forecast = a.forecast.as_ref().map(|f| f.scaled(scale));
    a
}

/// How a year's growth target was judged, step by step.
fn annual_steps(g: &AnnualGrowth, points: &[Point], a: &KpiAssessment) -> Vec<Step> {
    let mut steps = vec![step(
        Figure::GrowthTarget { year: g.year },
        if g.about {
            Formula::FromPlanAbout
        } else {
            Formula::FromPlan
        },
        Working::GrowthTarget {
            comparator: g.comparator,
            target_pct: g.target_pct,
            tolerance_pp: g.about.then_some(g.tolerance_pp),
        },
        Some(g.target_pct),
    )];
    let (Some(period), Some(yoy)) = (g.period, g.yoy_pct) else {
        steps.push(step(
            Figure::GrowthStatus { year: g.year },
            Formula::YoyNeeds,
            Working::Missing(g.why.clone()),
            None,
        ));
        return steps;
    };
    let scope = a.latest.as_ref().map_or("", |l| l.scope.as_str());
    let year_ago = points
        .iter()
        .find(|p| p.period == period.add_quarters(-4) && p.scope.is(scope));
    let now = a.latest.as_ref().map(|l| l.reported);
    let figure = Figure::YearOnYear { period };
    steps.push(match (g.published, year_ago, now) {
        (Some(false), Some(before), Some(now)) => step(
            figure,
            Formula::YoyComputed,
            format!("({} / {} - 1) * 100", num(now), num(before.reported)),
            Some(yoy),
        ),
        _ => step(figure, Formula::YoyPublished, num(yoy), Some(yoy)),
    });
    if let Some(r) = g.ratio {
        let toward = (g.target_pct > 0.0) == (g.comparator.direction() == Direction::Increase);
        steps.push(if toward {
            step(
                Figure::YoyRatio { toward },
                Formula::YoyToward,
                format!("{} / {}", num(yoy), num(g.target_pct)),
                Some(r),
            )
        } else {
            step(
                Figure::YoyRatio { toward },
                Formula::YoyBound,
                format!("{} / {}", num(g.target_pct), num(yoy)),
                Some(r),
            )
        });
    }
    steps.push(step(
        Figure::GrowthStatus { year: g.year },
        Formula::GrowthRule,
        Working::Growth {
            why: g.why.clone(),
            status: g.status,
        },
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
        name_zh: kpi.name_zh.clone(),
        unit: kpi.unit.clone(),
        unit_zh: kpi.unit_zh.clone(),
        kind: kpi.kind,
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
                published_yoy_pct: p.published_yoy_pct,
            })
            .collect(),
        steps: Vec::new(),
        status: a.status,
        decided_by: a.decided_by,
        reason: a.reason.clone(),
        why: a.why.clone(),
        scopes_zh: a.scopes_zh.clone(),
    };
    // A flow's value is the annual equivalent of what was published.
    let value_step = |figure: Figure, how: Formula, (period, scope, reported, value)| match kpi.kind
    {
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
        let figure = Figure::Baseline {
            period: b.period,
            from: b.from,
        };
        let seen = (b.period, a.scope.as_str(), b.reported, b.value);
        match b.plan_value {
            // The plan's figure, then the revised one progress is measured from.
            Some(plan) => steps.push(step(
                figure,
                Formula::Math("x0 → x0′"),
                Working::Math(format!("{} → {}", num(plan), num(b.value))),
                Some(b.value),
            )),
            None => steps.push(value_step(figure, Formula::AsStated, seen)),
        }
    }
    let Some(l) = &a.latest else {
        ex.steps = steps;
        return ex;
    };
    let figure = Figure::Latest {
        period: l.period,
        scope: l.scope.clone(),
    };
    let seen = (l.period, l.scope.as_str(), l.reported, l.value);
    steps.push(value_step(figure, Formula::Newest, seen));
    let Some(target) = a.target.value else {
        if let (Some(b), Some(g)) = (&a.baseline, a.actual_cagr) {
            let years = b.period.years_until(l.period);
            steps.push(step(
                Figure::OwnGrowth,
                Formula::Math("(xt / x0)^(1 / (t - t0)) - 1"),
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
        Figure::Gap,
        Formula::Math("xt - X"),
        format!("{} - {}", num(l.value), num(target)),
        a.gap,
    ));
    if a.gap_pct.is_some() {
        steps.push(step(
            Figure::GapPct,
            Formula::Math("(xt - X) / |X| * 100"),
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
        Figure::Years,
        Formula::QuartersOver4,
        Working::Years {
            t0,
            t,
            due: t_final,
        },
        None,
    ));
    if let Some(e) = a.expected {
        steps.push(trajectory_step(kpi, (t0, x0), (t_final, target), t, e));
    }
    if a.gap_to_trajectory.is_some() {
        steps.push(step(
            Figure::GapToTrajectory,
            Formula::GapToTrajectory,
            format!("{} - {}", num(xt), num(a.expected.unwrap_or(0.0))),
            a.gap_to_trajectory,
        ));
    }
    if a.completion.is_some() {
        steps.push(step(
            Figure::Completion,
            Formula::Math("d * (xt - x0) / |X - x0|"),
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
            Figure::TimeElapsed,
            Formula::Math("(t - t0) / (T - t0)"),
            format!("{} / {}", num(elapsed), num(span)),
            a.time_elapsed,
        ));
        steps.push(step(
            Figure::PaceGap,
            Formula::Math("(c - e) * 100"),
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
            Figure::ActualCagr,
            Formula::Math("(xt / x0)^(1 / (t - t0)) - 1"),
            format!("({} / {})^(1 / {}) - 1", num(xt), num(x0), num(elapsed)),
            Some(ga),
        ));
        steps.push(step(
            Figure::RequiredCagr,
            Formula::Math("(X / x0)^(1 / (T - t0)) - 1"),
            format!("({} / {})^(1 / {}) - 1", num(target), num(x0), num(span)),
            Some(gr),
        ));
        if a.growth_ratio.is_some() {
            steps.push(step(
                Figure::GrowthRatio,
                Formula::GrowthRatio,
                format!("{} * {} / {}", num(d), num(ga), num(gr.abs())),
                a.growth_ratio,
            ));
        }
        if let Some(p) = a.projected {
            steps.push(step(
                Figure::Projected { linear: false },
                Formula::ProjectedCompound,
                format!("{} * (1 + {})^{}", num(xt), num(ga), num(to_go)),
                Some(p),
            ));
        }
    } else if a.growth_ratio.is_some() && elapsed > 0.0 {
        let actual = (xt - x0) / elapsed;
        steps.push(step(
            Figure::LinearRateRatio,
            Formula::Math("d * ((xt - x0) / (t - t0)) / |(X - x0) / (T - t0)|"),
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
            steps.push(step(
                Figure::Projected { linear: true },
                Formula::Math("xt + ((xt - x0) / (t - t0)) * (T - t)"),
                format!("{} + {} * {}", num(xt), num(actual), num(to_go)),
                Some(p),
            ));
        }
    }
    if let (Some(p), Some(_)) = (a.projected, a.projection_ratio) {
        steps.push(step(
            Figure::ProjectionRatio,
            Formula::ProjectionRatio,
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
            Figure::RequiredRate,
            Formula::Math("(X / xt)^(1 / (T - t)) - 1"),
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

/// The target: as stated, or derived from the form the plan states it in.
fn target_step(plan: &Plan, kpi: &Kpi, a: &KpiAssessment, target: f64) -> Step {
    let figure = Figure::Target {
        comparator: a.target.comparator,
        value: target,
        period: a.target.period,
    };
    let base = kpi.baseline.as_ref().map(|b| b.value);
    let years = plan
        .baseline_period_of(kpi)
        .years_until(plan.target_period_of(kpi));
    let (formula, working) = match (a.target.stated, base) {
        (Some(Stated::AverageGrowthPct(r)), Some(b)) => (
            Formula::AverageGrowth,
            format!("{} * (1 + {} / 100)^{}", num(b), num(r), num(years)),
        ),
        (Some(Stated::ChangePct(c)), Some(b)) => (
            Formula::ChangePct,
            format!("{} * (1 + {} / 100)", num(b), num(c)),
        ),
        (Some(Stated::ChangePp(d)), Some(b)) => {
            (Formula::ChangePp, format!("{} + {}", num(b), num(d)))
        }
        _ => (Formula::FromPlan, num(target)),
    };
    step(figure, formula, working, Some(target))
}

/// How a year-to-date total became the annual equivalent.
fn annual_step(
    figure: Figure,
    history: &series::History,
    period: Period,
    ytd: f64,
    value: f64,
) -> Step {
    let annual = series::annualise(history, period, ytd);
    let q = period.quarter();
    let (formula, working) = match annual.by {
        Annualisation::FullYear => (Formula::FullYear, num(ytd)),
        Annualisation::TrailingFourQuarters => {
            let (full, same) = annual.last_year.unwrap_or_default();
            (
                Formula::TrailingFourQuarters {
                    year: period.year() - 1,
                    quarter: q,
                },
                format!("{} + ({} - {})", num(ytd), num(full), num(same)),
            )
        }
        Annualisation::SeasonalShare => {
            let mean =
                annual.shares.iter().map(|(_, s)| s).sum::<f64>() / annual.shares.len() as f64;
            (
                Formula::SeasonalShare {
                    quarter: q,
                    shares: annual.shares.clone(),
                },
                format!("{} / {}", num(ytd), num(mean)),
            )
        }
        Annualisation::Proportional => (Formula::Proportional, format!("{} * 4 / {q}", num(ytd))),
    };
    step(figure, formula, working, Some(value))
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
            Figure::Expected,
            Formula::TargetOn,
            num(expected),
            Some(expected),
        );
    };
    let ((a, xa), (b, xb)) = (w[0], w[1]);
    let s = format!("{}/{}", a.quarters_until(t), a.quarters_until(b));
    let working = match kpi.trajectory {
        Shape::Linear => format!("{} + ({} - {}) * {s}", num(xa), num(xb), num(xa)),
        Shape::Compound => format!("{} * ({} / {})^({s})", num(xa), num(xb), num(xa)),
    };
    let formula = Formula::Trajectory {
        shape: kpi.trajectory,
        from: (a, xa),
        to: (b, xb),
    };
    step(Figure::Expected, formula, working, Some(expected))
}

/// The comparison of the deciding figure with its thresholds.
/// The steps of a bound or a relative target: each plan year's figure
/// against the bound (or the other KPI's figure), ✓ kept, ✗ not; then the
/// averages.
fn bound_steps(c: &crate::core::bound::BoundCheck) -> Vec<Step> {
    let sign = c.comparator.map_or("≈", |c| c.symbol());
    let mut steps: Vec<Step> = c
        .years
        .iter()
        .map(|y| {
            let against = y.other.or(c.bound).unwrap_or(f64::NAN);
            step(
                Figure::BoundYear { year: y.year },
                Formula::Math("x(y) ⋛ X"),
                Working::Math(format!(
                    "{} {sign} {} {}",
                    num(y.value),
                    num(against),
                    if y.kept { "✓" } else { "✗" }
                )),
                Some(y.value),
            )
        })
        .collect();
    let mean = |xs: Vec<f64>| {
        let said: Vec<String> = xs.iter().map(|x| num(*x)).collect();
        format!("({}) / {}", said.join(" + "), xs.len())
    };
    if c.years.len() > 1 || c.relative_to.is_some() {
        steps.push(step(
            Figure::BoundAverage { other: false },
            Formula::Math("Σ x(y) / n"),
            Working::Math(mean(c.years.iter().map(|y| y.value).collect())),
            c.average,
        ));
    }
    if c.relative_to.is_some() {
        steps.push(step(
            Figure::BoundAverage { other: true },
            Formula::Math("Σ x'(y) / n"),
            Working::Math(mean(c.years.iter().filter_map(|y| y.other).collect())),
            c.other_average,
        ));
    }
    steps
}

/// The steps of a KPI at comparable prices: the index link by link from
/// the published 同比, the target on the index, completion, growth and the
/// growth ratio on it, and the status they give.
fn index_steps(
    ix: &crate::core::index::VolumeIndex,
    a: &KpiAssessment,
    set: &crate::core::status::ThresholdSet,
) -> Vec<Step> {
    let mut steps: Vec<Step> = ix
        .links
        .iter()
        .map(|l| {
            step(
                Figure::IndexLink {
                    period: l.period,
                    estimated: l.estimated,
                },
                Formula::Math("I(t) = I(t-1) × (1 + g(t)/100)"),
                Working::Math(format!("{} × (1 + {}/100)", num(l.before), num(l.yoy_pct))),
                Some(l.index),
            )
        })
        .collect();
    if let Some(year) = ix.missing {
        steps.push(step(
            Figure::IndexLink {
                period: Period::new(year, 4).unwrap_or(ix.base),
                estimated: false,
            },
            Formula::Math("I(t) = I(t-1) × (1 + g(t)/100)"),
            Working::Missing(Some(Why::ChainBroken { year })),
            None,
        ));
        return steps;
    }
    let years = ix.base.years_until(a.target.period);
    if let (Some(t), Some(Stated::AverageGrowthPct(r))) = (ix.target, a.target.stated) {
        steps.push(step(
            Figure::IndexTarget,
            Formula::Math("I* = 100 × (1 + r/100)^(T - t0)"),
            Working::Math(format!("100 × (1 + {}/100)^{}", num(r), num(years))),
            Some(t),
        ));
    }
    if let (Some(l), Some(t)) = (ix.latest(), ix.target) {
        let gone = ix.base.years_until(l.period);
        steps.push(step(
            Figure::Completion,
            Formula::Math("(I(t) - 100) / (I* - 100)"),
            Working::Math(format!("({} - 100) / ({} - 100)", num(l.index), num(t))),
            a.completion,
        ));
        steps.push(step(
            Figure::ActualCagr,
            Formula::Math("(I(t) / 100)^(1 / (t - t0)) - 1"),
            Working::Math(format!("({} / 100)^(1 / {}) - 1", num(l.index), num(gone))),
            a.actual_cagr,
        ));
        if let (Some(act), Some(req)) = (a.actual_cagr, a.required_cagr) {
            steps.push(step(
                Figure::GrowthRatio,
                Formula::Math("R = g / r"),
                Working::Math(format!("{} / {}", num(act), num(req))),
                a.growth_ratio,
            ));
        }
    }
    steps.extend(decision_step(a, set));
    steps
}

fn decision_step(a: &KpiAssessment, set: &crate::core::status::ThresholdSet) -> Option<Step> {
    let (figure, value, t): (Figure, f64, Thresholds) = match a.decided_by? {
        DecidedBy::GrowthRatio => (Figure::GrowthRatio, a.growth_ratio?, set.growth_ratio()),
        DecidedBy::LinearPace => (Figure::LinearRateRatio, a.growth_ratio?, set.growth_ratio()),
        DecidedBy::Projection => (
            Figure::ProjectionRatio,
            a.projection_ratio?,
            set.projection(),
        ),
        DecidedBy::Pace if a.completion.is_some_and(|c| c < 0.0) => {
            return Some(step(
                Figure::Status,
                Formula::MovedAway,
                format!("c = {}", num(a.completion?)),
                None,
            ));
        }
        DecidedBy::Pace => (Figure::PaceGap, a.pace_gap_pp?, set.pace()),
        DecidedBy::TargetMet => {
            return Some(step(
                Figure::Status,
                Formula::TargetMet,
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
    let formula = Formula::Thresholds {
        figure,
        high: t.high,
        medium: t.medium,
        low: t.low.is_finite().then_some(t.low),
    };
    let working = Working::Decided {
        value: num(value),
        status: a.status,
    };
    Some(step(Figure::Status, formula, working, None))
}

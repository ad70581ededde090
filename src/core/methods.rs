//! The yardsticks: from a baseline, a latest value and a target to the figures
//! that measure progress, and from those figures to a status.
//!
//! Every yardstick measures movement in the KPI's better direction (`d`), so a
//! lower-is-better KPI is never called on track for rising.

use serde::Serialize;

use crate::core::growth::{cagr, finite};
use crate::core::period::Period;
use crate::core::status::{Status, ThresholdSet};
use crate::core::why::Why;

/// The yardstick that decides a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Method {
    /// Actual over required compound annual growth (Eurostat, open-sdg). Default.
    #[default]
    #[serde(rename = "growth-ratio")]
    GrowthRatio,
    /// The latest value carried to the target period at its actual rate, as a
    /// share of the planned change (UN progress chart, EUSTAT).
    #[serde(rename = "projection")]
    Projection,
    /// Completion minus time elapsed, in percentage points ("时间过半、任务过半").
    #[serde(rename = "pace")]
    Pace,
}

impl Method {
    pub const ALL: [Method; 3] = [Method::GrowthRatio, Method::Projection, Method::Pace];

    pub fn id(self) -> &'static str {
        match self {
            Method::GrowthRatio => "growth-ratio",
            Method::Projection => "projection",
            Method::Pace => "pace",
        }
    }
}

impl std::str::FromStr for Method {
    type Err = String;
    fn from_str(s: &str) -> Result<Method, String> {
        Method::ALL
            .into_iter()
            .find(|m| m.id() == s)
            .ok_or_else(|| format!("`{s}` is not a method; one of: growth-ratio, projection, pace"))
    }
}

/// A KPI's progress between two known points and towards a goal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub t0: Period,
    pub x0: f64,
    pub t: Period,
    pub xt: f64,
    pub target_period: Period,
    pub target: f64,
    /// +1 increase, -1 decrease.
    pub d: f64,
}

/// The figures every yardstick reads. `None` where a figure does not exist.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Figures {
    /// d * (xt - x0) / |X - x0|.
    pub completion: Option<f64>,
    /// (t - t0) / (T - t0).
    pub time_elapsed: Option<f64>,
    /// (completion - time_elapsed) * 100.
    pub pace_gap_pp: Option<f64>,
    pub actual_cagr: Option<f64>,
    pub required_cagr: Option<f64>,
    /// d * actual / |required|, compound rates, or linear ones from a zero baseline.
    pub growth_ratio: Option<f64>,
    /// True when the rates are linear (a zero baseline has no compound rate).
    pub linear: bool,
    /// The latest value carried to the target period at the actual rate.
    pub projected: Option<f64>,
    /// d * (projected - x0) / |X - x0|.
    pub projection_ratio: Option<f64>,
}

/// Computes every figure of `p`.
pub fn figures(p: &Progress) -> Figures {
    let elapsed = p.t0.years_until(p.t);
    let span = p.t0.years_until(p.target_period);
    let to_go = p.t.years_until(p.target_period).max(0.0);
    let change = (p.target - p.x0).abs();
    let mut f = Figures {
        time_elapsed: (span > 0.0).then(|| finite(elapsed / span)).flatten(),
        ..Figures::default()
    };
    if change > 0.0 {
        f.completion = finite(p.d * (p.xt - p.x0) / change);
    }
    f.pace_gap_pp = f
        .completion
        .zip(f.time_elapsed)
        .and_then(|(c, e)| finite((c - e) * 100.0));
    if elapsed <= 0.0 || span <= 0.0 {
        return f;
    }
    if crate::core::projection::is_linear(p.x0) {
        // No compound rate grows from zero: linear rates take their place.
        f.linear = true;
        let actual = (p.xt - p.x0) / elapsed;
        let required = (p.target - p.x0) / span;
        if required != 0.0 {
            f.growth_ratio = finite(p.d * actual / required.abs());
        }
        f.projected = finite(p.xt + actual * to_go);
    } else {
        f.actual_cagr = cagr(p.x0, p.xt, elapsed);
        f.required_cagr = cagr(p.x0, p.target, span);
        if let (Some(a), Some(r)) = (f.actual_cagr, f.required_cagr)
            && r != 0.0
        {
            f.growth_ratio = finite(p.d * a / r.abs());
        }
        f.projected = f
            .actual_cagr
            .and_then(|g| finite(p.xt * (1.0 + g).powf(to_go)));
    }
    if let (Some(projected), true) = (f.projected, change > 0.0) {
        f.projection_ratio = finite(p.d * (projected - p.x0) / change);
    }
    f
}

/// What decided a status: a figure against its thresholds, or a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DecidedBy {
    /// The latest value meets the target.
    TargetMet,
    /// The growth ratio R against its thresholds.
    GrowthRatio,
    /// The growth ratio of linear rates (the baseline is 0).
    LinearPace,
    /// The projection ratio P against its thresholds.
    Projection,
    /// Completion minus time elapsed, in points.
    Pace,
    /// The KPI's own growth (no numeric target).
    Trend,
    /// No change is planned, so no ratio exists.
    TargetEqualsBaseline,
    /// A milestone: reported achieved or not.
    Milestone,
    /// A bound kept (or not) year by year, or a target relative to
    /// another KPI (`core::bound`).
    Bound,
}

impl DecidedBy {
    /// The name JSON and CSV give it.
    pub fn id(self) -> &'static str {
        match self {
            DecidedBy::TargetMet => "target_met",
            DecidedBy::GrowthRatio => "growth_ratio",
            DecidedBy::LinearPace => "linear_pace",
            DecidedBy::Projection => "projection",
            DecidedBy::Pace => "pace",
            DecidedBy::Trend => "trend",
            DecidedBy::TargetEqualsBaseline => "target_equals_baseline",
            DecidedBy::Milestone => "milestone",
            DecidedBy::Bound => "bound",
        }
    }
}

impl std::fmt::Display for DecidedBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// A status and what decided it, or why nothing could.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    pub status: Status,
    pub decided_by: Option<DecidedBy>,
    pub reason: Option<Why>,
}

/// The status the yardstick `method` gives `f` (the target not yet met).
pub fn judge(method: Method, p: &Progress, f: &Figures, thresholds: &ThresholdSet) -> Judgement {
    let decided = |status, by: DecidedBy| Judgement {
        status,
        decided_by: Some(by),
        reason: None,
    };
    let unknown = |reason: Why| Judgement {
        status: Status::InsufficientData,
        decided_by: None,
        reason: Some(reason),
    };
    if p.target == p.x0 {
        // No change is planned, so no rate or share of it exists: any move the
        // wrong way is deterioration, none is limited progress.
        let status = if p.d * (p.xt - p.x0) < 0.0 {
            Status::Deterioration
        } else {
            Status::LimitedProgress
        };
        return Judgement {
            status,
            decided_by: Some(DecidedBy::TargetEqualsBaseline),
            reason: Some(Why::TargetEqualsBaseline),
        };
    }
    match method {
        Method::GrowthRatio => match (f.growth_ratio, f.linear) {
            (Some(r), false) => decided(
                thresholds.growth_ratio().classify(r),
                DecidedBy::GrowthRatio,
            ),
            (Some(r), true) => Judgement {
                reason: Some(Why::Linear),
                ..decided(thresholds.growth_ratio().classify(r), DecidedBy::LinearPace)
            },
            (None, _) => unknown(Why::NoCagr),
        },
        Method::Projection => match f.projection_ratio {
            Some(r) => Judgement {
                reason: f.linear.then_some(Why::Linear),
                ..decided(thresholds.projection().classify(r), DecidedBy::Projection)
            },
            None => unknown(Why::NoCagr),
        },
        Method::Pace => match (f.completion, f.pace_gap_pp) {
            (Some(c), _) if c < 0.0 => decided(Status::Deterioration, DecidedBy::Pace),
            (Some(_), Some(gap)) => decided(thresholds.pace().classify(gap), DecidedBy::Pace),
            _ => unknown(Why::NoCompletion),
        },
    }
}

/// The trend yardstick for a KPI without a numeric target: its own compound
/// growth in the better direction against 1.5 % / 0.5 % / 0 a year, the
/// positive thresholds scaled by `scale` (Statistics Canada's C).
pub fn judge_trend(
    x0: f64,
    xt: f64,
    years: f64,
    d: f64,
    thresholds: &ThresholdSet,
    scale: f64,
) -> (Option<f64>, Judgement) {
    let growth = cagr(x0, xt, years);
    let judgement = match growth {
        Some(g) => {
            let t = thresholds.trend();
            let scaled = crate::core::status::Thresholds {
                high: t.high * scale,
                medium: t.medium * scale,
                low: t.low,
            };
            Judgement {
                status: scaled.classify(d * g),
                decided_by: Some(DecidedBy::Trend),
                reason: Some(Why::Trend {
                    growth_pct: d * g * 100.0,
                    decrease: d < 0.0,
                    thresholds_pct: [
                        scaled.high * 100.0,
                        scaled.medium * 100.0,
                        scaled.low * 100.0,
                    ],
                }),
            }
        }
        None => Judgement {
            status: Status::InsufficientData,
            decided_by: None,
            reason: Some(Why::NoTrend),
        },
    };
    (growth, judgement)
}

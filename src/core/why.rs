//! Why a KPI's status is what it is, or why a figure is missing, as data: the
//! assessment keeps each reason, says it in English (the JSON's `reason`),
//! and `output::words` says it in Chinese.

use crate::core::bound::BoundCheck;
use crate::core::period::Period;
use crate::core::plan::Comparator;

/// One reason.
#[derive(Debug, Clone, PartialEq)]
pub enum Why {
    /// No figure at all up to the as-of period.
    NoObservation { as_of: Period },
    /// A quarter is missing before the reported one.
    NoComparable,
    /// No numeric target, and no trend to judge.
    NoTargetNoTrend,
    /// The target period lies before the latest figure.
    TargetPassed { due: Period },
    /// The latest figure is of another scope than the target's.
    OtherScope {
        latest: Period,
        seen: String,
        planned: String,
    },
    /// No baseline in the plan or the data.
    NoBaseline { at: Period },
    /// Only the baseline is known.
    OnlyBaseline { at: Period },
    /// The target period has passed, unmet.
    Overdue { due: Period, latest: Option<Period> },
    /// A milestone reported achieved.
    Achieved { at: Period },
    /// A milestone not reported achieved by its due period.
    NotAchievedBy { due: Period },
    /// A milestone with no report yet.
    NoReport { due: Period },
    /// A milestone reported not yet achieved.
    NotYet { due: Period },
    /// The target equals the baseline.
    TargetEqualsBaseline,
    /// A zero baseline: linear rates, not compound.
    Linear,
    /// No compound growth rate can be computed.
    NoCagr,
    /// Completion against time cannot be computed.
    NoCompletion,
    /// No numeric target: judged by the KPI's own growth (percent a year),
    /// against the thresholds (percent a year).
    Trend {
        growth_pct: f64,
        decrease: bool,
        thresholds_pct: [f64; 3],
    },
    /// No numeric target, and no growth rate for a trend.
    NoTrend,
    /// A year's growth target with no figure of that year yet.
    NoFigureForYear { year: i32 },
    /// A figure whose growth on a year earlier is neither published nor
    /// computable.
    NoYoy { period: Period, year_before: Period },
    /// A year's growth meets its target.
    GrowthMet {
        yoy_pct: f64,
        comparator: Comparator,
        target_pct: f64,
    },
    /// A year's growth within the tolerance of an "about" (左右) target.
    GrowthWithin {
        yoy_pct: f64,
        tolerance_pp: f64,
        target_pct: f64,
    },
    /// A growth target whose ratio cannot be formed for this growth.
    NoGrowthRatio { target_pct: f64, yoy_pct: f64 },
    /// A target in words only: tracked, not judged.
    WordsOnly,
    /// A bound or relative target, judged year by year.
    Bound(Box<BoundCheck>),
    /// A comparable-price KPI's year with no published 同比: its index
    /// stops there.
    ChainBroken { year: i32 },
}

impl Why {
    /// The reason in English, as the JSON's `reason` gives it.
    pub fn en(&self) -> String {
        match self {
            Why::NoObservation { as_of } => format!("no observation up to {as_of}"),
            Why::NoComparable => "no comparable value: a quarter is missing before the reported one (see docs/methods.md)".to_string(),
            Why::NoTargetNoTrend => "no numeric target, and its own trend needs a baseline and a later value in its scope".to_string(),
            Why::TargetPassed { due } => format!("the target period {due} has passed"),
            Why::OtherScope { latest, seen, planned } => format!(
                "the latest figure ({latest}) covers `{seen}` but the target covers `{planned}`: two scopes are not one series, \
                 so no growth rate, completion or projection is computed; the gap compares that figure with the target as published"
            ),
            Why::NoBaseline { at } => {
                format!("no baseline: the plan states none and the data has no value at {at}")
            }
            Why::OnlyBaseline { at } => format!(
                "only the baseline ({at}) is known: a later value is needed to measure progress"
            ),
            Why::Overdue { due, latest } => {
                let seen = latest.map_or(String::new(), |p| format!(" (the latest figure is for {p})"));
                format!("the target period {due} has passed and the target is not met{seen}")
            }
            Why::Achieved { at } => format!("reported achieved in {at}"),
            Why::NotAchievedBy { due } => format!("not reported achieved by {due}"),
            Why::NoReport { due } => format!("no report yet; due by {due}"),
            Why::NotYet { due } => format!("reported not yet achieved; due by {due}"),
            Why::TargetEqualsBaseline => {
                "the target equals the baseline, so no rate is required and no ratio exists".to_string()
            }
            Why::Linear => "the baseline is 0, so there is no compound growth rate: assessed by linear rates, \
d * ((latest - baseline) / years elapsed) / |(target - baseline) / years planned|"
                .to_string(),
            Why::NoCagr => {
                "a compound growth rate needs a positive baseline and values that are not negative".to_string()
            }
            Why::NoCompletion => "completion against time cannot be computed".to_string(),
            Why::Trend {
                growth_pct,
                decrease,
                thresholds_pct: [high, medium, low],
            } => format!(
                "no numeric target: assessed by its own growth, {growth_pct:.2} % a year{}, against {high:.2} % / {medium:.2} % / {low:.2} %",
                if *decrease {
                    " (falling counts as rising for a decrease KPI)"
                } else {
                    ""
                }
            ),
            Why::NoTrend => format!(
                "no numeric target, and its own trend needs two positive values; {}",
                Why::NoCagr.en()
            ),
            Why::NoFigureForYear { year } => format!("no figure for {year} yet"),
            Why::NoYoy { period, year_before } => format!(
                "the growth on a year earlier of {period} is neither published nor computable (no figure for {year_before} in the same scope)"
            ),
            Why::GrowthMet {
                yoy_pct,
                comparator,
                target_pct,
            } => format!("{yoy_pct} % {} {target_pct} %", comparator.symbol()),
            Why::GrowthWithin {
                yoy_pct,
                tolerance_pp,
                target_pct,
            } => format!(
                "{yoy_pct} % is within {tolerance_pp} points of the target {target_pct} % (about)"
            ),
            Why::NoGrowthRatio { target_pct, yoy_pct } => format!(
                "a growth target of {target_pct} % has no ratio for a growth of {yoy_pct} %"
            ),
            Why::WordsOnly => {
                "the target is stated in words, with no number: the figures are tracked, not judged".to_string()
            }
            Why::Bound(check) => crate::core::bound::en(check),
            Why::ChainBroken { year } => format!(
                "no growth at comparable prices (同比) published for {year}: the volume index stops there, and no figure is guessed"
            ),
        }
    }
}

/// Reasons as the JSON's one `reason`: joined with `; `.
pub fn said(reasons: &[Why]) -> Option<String> {
    (!reasons.is_empty()).then(|| reasons.iter().map(Why::en).collect::<Vec<_>>().join("; "))
}

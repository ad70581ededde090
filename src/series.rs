//! Turning published observations into the comparable series an assessment reads.
//!
//! Flows become annual equivalents (a year-to-date total scaled by 4/q, marked
//! estimated before the fourth quarter), counts fed as increments become running
//! totals, and every other kind is taken as published. Values of different
//! scopes never mix: each point keeps its scope.

use serde::Serialize;

use crate::observation::{Basis, Observation};
use crate::period::Period;
use crate::plan::Kind;

/// One comparable value of a KPI.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub period: Period,
    /// The value the assessment uses: for a flow the annual equivalent.
    pub value: f64,
    /// The value as published (for a flow, the year-to-date total; for a count
    /// fed as increments, the running total derived from them).
    pub reported: f64,
    /// True when `value` is an estimate (an annualised part-year flow).
    pub estimated: bool,
    pub scope: String,
}

/// The annual equivalent of a year-to-date total at quarter `q`: `ytd * 4 / q`.
///
/// Proportional annualisation: it assumes every quarter of the year weighs the
/// same, which is why any result before Q4 is marked estimated.
pub fn annualise(ytd: f64, quarter: u8) -> f64 {
    if quarter == 4 {
        ytd
    } else {
        ytd * 4.0 / f64::from(quarter)
    }
}

/// The comparable points of one KPI, sorted by scope then period.
///
/// `observations` are the KPI's own, in any order, at most one per
/// (period, scope) (the loader rejects duplicates). `start` is where a count's
/// running total is known before any increment: the baseline's scope, period
/// and value.
pub fn points(
    kind: Kind,
    observations: &[&Observation],
    start: Option<(&str, Period, f64)>,
) -> Vec<Point> {
    let mut sorted: Vec<&Observation> = observations.to_vec();
    sorted.sort_by(|a, b| a.scope.cmp(&b.scope).then(a.period.cmp(&b.period)));
    let mut out = Vec::with_capacity(sorted.len());
    for group in sorted.chunk_by(|a, b| a.scope == b.scope) {
        match kind {
            Kind::Flow => flow_points(group, &mut out),
            Kind::Count => count_points(group, start, &mut out),
            Kind::Level | Kind::Ratio | Kind::Milestone => {
                out.extend(group.iter().map(|o| Point {
                    period: o.period,
                    value: o.value,
                    reported: o.value,
                    estimated: false,
                    scope: o.scope.clone(),
                }))
            }
        }
    }
    out
}

/// Year-to-date totals of one scope, from `ytd` values or summed `quarter` values.
///
/// A quarter's value only yields a year-to-date total when every earlier quarter
/// of that year is known; a gap leaves the later quarters of that year out
/// rather than guessing what the gap held.
fn flow_points(group: &[&Observation], out: &mut Vec<Point>) {
    // (period, ytd) of the previous point in this scope.
    let mut previous: Option<(Period, f64)> = None;
    for o in group {
        let ytd = match o.basis {
            Basis::Quarter if o.period.quarter() == 1 => Some(o.value),
            Basis::Quarter => previous
                .filter(|(p, _)| p.next() == o.period)
                .map(|(_, ytd)| ytd + o.value),
            _ => Some(o.value),
        };
        previous = ytd.map(|v| (o.period, v));
        if let Some(ytd) = ytd {
            let q = o.period.quarter();
            out.push(Point {
                period: o.period,
                value: annualise(ytd, q),
                reported: ytd,
                estimated: q != 4,
                scope: o.scope.clone(),
            });
        }
    }
}

/// Running totals of one scope, from `level` totals or `increment`s added to the
/// total of the quarter just before. A missing quarter breaks the chain until
/// the next published total: a quarter with no report is unknown, not zero.
fn count_points(group: &[&Observation], start: Option<(&str, Period, f64)>, out: &mut Vec<Point>) {
    let scope = group[0].scope.as_str();
    let mut previous = start
        .filter(|(s, _, _)| *s == scope)
        .map(|(_, period, total)| (period, total));
    for o in group {
        let total = match o.basis {
            Basis::Increment => previous
                .filter(|(p, _)| p.next() == o.period)
                .map(|(_, total)| total + o.value),
            _ => Some(o.value),
        };
        previous = total.map(|v| (o.period, v));
        if let Some(total) = total {
            out.push(Point {
                period: o.period,
                value: total,
                reported: total,
                estimated: false,
                scope: o.scope.clone(),
            });
        }
    }
}

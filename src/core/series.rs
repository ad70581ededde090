//! Turning published observations into the comparable series an assessment reads.
//!
//! Flows become annual equivalents (by the trailing four quarters, the
//! seasonal share of earlier years, or proportionally, in that order of
//! preference), counts fed as increments become running totals, and every
//! other kind is taken as published. Values of different scopes never mix:
//! each point keeps its scope.

use serde::Serialize;

use crate::core::observation::{Basis, Observation};
use crate::core::period::Period;
use crate::core::plan::Kind;
use crate::core::shared::Shared;

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
    /// How a flow was annualised; `None` for other kinds.
    pub annualised_by: Option<Annualisation>,
    /// A year-on-year growth rate published with the figure, in percent.
    pub published_yoy_pct: Option<f64>,
    pub scope: Shared,
}

impl Point {
    /// A figure as published and as assessed alike (no annualisation, no
    /// 同比): a level, or a flow's full year.
    pub fn plain(period: Period, value: f64, scope: &str) -> Point {
        Point {
            period,
            value,
            reported: value,
            estimated: false,
            annualised_by: None,
            published_yoy_pct: None,
            scope: scope.into(),
        }
    }
}

/// How a year-to-date total became an annual equivalent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Annualisation {
    /// A fourth-quarter total is the year.
    FullYear,
    /// This year's total so far plus the rest of last year:
    /// `ytd + (last year's full total - last year's total at the same quarter)`.
    TrailingFourQuarters,
    /// `ytd / s`, where `s` is the mean share the same quarters held in the
    /// full-year totals of earlier complete years.
    SeasonalShare,
    /// `ytd * 4 / q`, when no earlier year tells the season.
    Proportional,
}

impl Annualisation {
    pub fn id(self) -> &'static str {
        match self {
            Annualisation::FullYear => "full_year",
            Annualisation::TrailingFourQuarters => "trailing_four_quarters",
            Annualisation::SeasonalShare => "seasonal_share",
            Annualisation::Proportional => "proportional",
        }
    }
}

/// An annual equivalent with the figures it was made from, for `explain`.
#[derive(Debug, Clone, PartialEq)]
pub struct Annual {
    pub value: f64,
    pub by: Annualisation,
    /// Trailing: (last year's full total, last year's total at this quarter).
    pub last_year: Option<(f64, f64)>,
    /// Seasonal: each earlier year with its share.
    pub shares: Vec<(i32, f64)>,
}

/// The annual equivalent of the year-to-date total `ytd` at `period`, given
/// the year-to-date totals of the same KPI and scope in `history`.
pub fn annualise(history: &History, period: Period, ytd: f64) -> Annual {
    let (year, q) = (period.year(), period.quarter());
    let plain = |value, by| Annual {
        value,
        by,
        last_year: None,
        shares: Vec::new(),
    };
    if q == 4 {
        return plain(ytd, Annualisation::FullYear);
    }
    let at = |y: i32, q: u8| Period::new(y, q).and_then(|p| history.get(p));
    if let (Some(full), Some(same)) = (at(year - 1, 4), at(year - 1, q)) {
        return Annual {
            value: ytd + (full - same),
            by: Annualisation::TrailingFourQuarters,
            last_year: Some((full, same)),
            shares: Vec::new(),
        };
    }
    let shares: Vec<(i32, f64)> = history
        .before(Period::new(year, 1).unwrap_or(period))
        .iter()
        .filter(|(p, _)| p.quarter() == 4)
        .filter_map(|&(p, full)| {
            let same = at(p.year(), q)?;
            (full > 0.0).then(|| (p.year(), same / full))
        })
        .collect();
    if !shares.is_empty() {
        let mean = shares.iter().map(|(_, s)| s).sum::<f64>() / shares.len() as f64;
        if mean > 0.0 {
            return Annual {
                value: ytd / mean,
                by: Annualisation::SeasonalShare,
                last_year: None,
                shares,
            };
        }
    }
    plain(ytd * 4.0 / f64::from(q), Annualisation::Proportional)
}

/// The year-to-date history of one scope among `points` (of a flow KPI).
pub fn history(points: &[Point], scope: &str) -> History {
    points
        .iter()
        .filter(|p| p.scope.is(scope))
        .map(|p| (p.period, p.reported))
        .collect()
}

/// Year-to-date totals of one KPI and scope by period: a list in period
/// order, one total a period (the last given, as a map keeps it). Looked
/// up by halving; a KPI's history is a few dozen quarters, which a tree
/// found slower to build and to search.
#[derive(Debug, Clone, Default)]
pub struct History(Vec<(Period, f64)>);

impl History {
    pub fn get(&self, period: Period) -> Option<f64> {
        // Quarter after quarter, as a store holds them: a period's place is
        // its distance from the first. Halving where one is missing.
        let first = self.0.first()?.0;
        if let Ok(i) = usize::try_from(first.quarters_until(period))
            && let Some(&(p, total)) = self.0.get(i)
            && p == period
        {
            return Some(total);
        }
        let i = self.0.binary_search_by_key(&period, |(p, _)| *p).ok()?;
        Some(self.0[i].1)
    }

    /// The totals before `period`, in order.
    pub fn before(&self, period: Period) -> &[(Period, f64)] {
        &self.0[..self.0.partition_point(|(p, _)| *p < period)]
    }
}

impl FromIterator<(Period, f64)> for History {
    fn from_iter<I: IntoIterator<Item = (Period, f64)>>(totals: I) -> History {
        let mut totals: Vec<(Period, f64)> = totals.into_iter().collect();
        // Stable, so of one period's totals the last given stays last.
        totals.sort_by_key(|(p, _)| *p);
        let mut kept: Vec<(Period, f64)> = Vec::with_capacity(totals.len());
        for t in totals {
            match kept.last_mut() {
                Some(last) if last.0 == t.0 => *last = t,
                _ => kept.push(t),
            }
        }
        History(kept)
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
                out.extend(group.iter().map(|o| point(o, o.value, o.value)))
            }
        }
    }
    out
}

fn point(o: &Observation, value: f64, reported: f64) -> Point {
    Point {
        period: o.period,
        value,
        reported,
        estimated: false,
        annualised_by: None,
        published_yoy_pct: o.yoy_pct,
        scope: o.scope,
    }
}

/// Year-to-date totals of one scope, from `ytd` values or summed `quarter`
/// values, then annualised.
///
/// A quarter's value only yields a year-to-date total when every earlier quarter
/// of that year is known; a gap leaves the later quarters of that year out
/// rather than guessing what the gap held.
fn flow_points(group: &[&Observation], out: &mut Vec<Point>) {
    let first = out.len();
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
            out.push(point(o, ytd, ytd));
        }
    }
    let history: History = out[first..]
        .iter()
        .map(|p| (p.period, p.reported))
        .collect();
    for p in &mut out[first..] {
        let annual = annualise(&history, p.period, p.reported);
        p.value = annual.value;
        p.estimated = annual.by != Annualisation::FullYear;
        p.annualised_by = Some(annual.by);
    }
}

/// Running totals of one scope, from `level` totals or `increment`s added to the
/// total of the quarter just before. A missing quarter breaks the chain until
/// the next published total: a quarter with no report is unknown, not zero.
fn count_points(group: &[&Observation], start: Option<(&str, Period, f64)>, out: &mut Vec<Point>) {
    let scope: &str = &group[0].scope;
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
            out.push(point(o, total, total));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    proptest! {
        /// A history answers as the map it replaced: the last total given
        /// for a period, and the totals before a period in order.
        #[test]
        fn history_reads_as_a_map(
            totals in proptest::collection::vec((0u32..24, -5.0f64..5.0), 0..30),
            asked in 0u32..26,
        ) {
            let period = |i: u32| Period::new(2015 + (i / 4) as i32, (i % 4 + 1) as u8).unwrap();
            let totals: Vec<(Period, f64)> = totals.iter().map(|&(i, v)| (period(i), v)).collect();
            let map: BTreeMap<Period, f64> = totals.iter().copied().collect();
            let history: History = totals.into_iter().collect();
            let p = period(asked);
            prop_assert_eq!(history.get(p), map.get(&p).copied());
            let before: Vec<(Period, f64)> = map.range(..p).map(|(k, v)| (*k, *v)).collect();
            prop_assert_eq!(history.before(p).to_vec(), before);
        }
    }
}

//! Bounds to keep through a plan (保持在6.5亿吨以上, 控制在5.5%以内) and
//! targets relative to another KPI (高于GDP增长, 与GDP增长基本同步): each
//! plan year's figure judged, and their average. Pure.

use serde::Serialize;

use crate::core::period::Period;
use crate::core::plan::{Comparator, Hold};
use crate::core::series::Point;
use crate::core::status::Status;

/// A bound or a relative target, judged year by year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BoundCheck {
    /// Every year kept, or their average (a relative target: the average).
    pub rule: Hold,
    /// `None` for `about` (within `tolerance_pp`).
    pub comparator: Option<Comparator>,
    /// The level kept; none for a relative target.
    pub bound: Option<f64>,
    /// The KPI kept up with, for a relative target.
    pub relative_to: Option<Other>,
    pub tolerance_pp: Option<f64>,
    /// The plan's years so far with a full-year figure, in order.
    pub years: Vec<BoundYear>,
    /// The mean of the years' figures, and of the other KPI's.
    pub average: Option<f64>,
    pub other_average: Option<f64>,
    /// Whether the rule holds so far; none before any plan year is in.
    pub kept: Option<bool>,
    /// The first plan year.
    pub from: i32,
    /// The KPI's unit, for saying the figures (not in JSON).
    #[serde(skip)]
    pub unit: String,
}

/// The KPI a relative target keeps up with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Other {
    pub id: String,
    pub name: String,
    #[serde(skip)]
    pub name_zh: Option<String>,
}

/// One plan year's full-year figure against the bound, or the other KPI's
/// figure of that year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BoundYear {
    pub year: i32,
    pub value: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other: Option<f64>,
    pub kept: bool,
}

/// What to judge: the rule, the bound or the other KPI's figures.
pub struct Ask<'a> {
    pub rule: Hold,
    pub comparator: Option<Comparator>,
    pub bound: Option<f64>,
    pub other: Option<(Other, &'a [Point])>,
    pub tolerance_pp: f64,
    pub scope: &'a str,
    pub unit: &'a str,
    /// The plan's first year and the last year judged (the as-of year, at
    /// most the target's).
    pub from: i32,
    pub to: i32,
}

/// A year's full-year figure in `scope`: its Q4, as published.
fn year_figure(points: &[Point], scope: &str, year: i32) -> Option<f64> {
    let q4 = Period::new(year, 4)?;
    points
        .iter()
        .find(|p| p.period == q4 && p.scope.is(scope))
        .map(|p| p.reported)
}

/// `value` against `against` by `comparator`, or within `tolerance` of it.
fn keeps(value: f64, against: f64, comparator: Option<Comparator>, tolerance: f64) -> bool {
    match comparator {
        Some(c) => c.is_met(value, against),
        // The same rounding as every threshold: 0.5 apart is within 0.5.
        None => ((value - against).abs() * 1e9).round() / 1e9 <= tolerance,
    }
}

/// Judges `points` (the KPI's comparable points) by `ask`.
pub fn check(points: &[Point], ask: Ask) -> BoundCheck {
    let mut years = Vec::new();
    for year in ask.from..=ask.to {
        let Some(value) = year_figure(points, ask.scope, year) else {
            continue;
        };
        let (other, against) = match (&ask.other, ask.bound) {
            (Some((_, o)), _) => match year_figure(o, ask.scope, year) {
                Some(x) => (Some(x), x),
                None => continue,
            },
            (None, Some(b)) => (None, b),
            (None, None) => continue,
        };
        years.push(BoundYear {
            year,
            value,
            other,
            kept: keeps(value, against, ask.comparator, ask.tolerance_pp),
        });
    }
    let mean = |f: &dyn Fn(&BoundYear) -> Option<f64>| {
        let xs: Vec<f64> = years.iter().filter_map(f).collect();
        (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
    };
    let average = mean(&|y| Some(y.value));
    let other_average = mean(&|y| y.other);
    let kept = match (ask.rule, average) {
        (_, None) => None,
        (Hold::EveryYear, Some(_)) => Some(years.iter().all(|y| y.kept)),
        (Hold::Average, Some(avg)) => {
            let against = other_average.or(ask.bound);
            against.map(|b| keeps(avg, b, ask.comparator, ask.tolerance_pp))
        }
    };
    BoundCheck {
        rule: ask.rule,
        comparator: ask.comparator,
        bound: ask.bound,
        relative_to: ask.other.map(|o| o.0),
        tolerance_pp: ask.comparator.is_none().then_some(ask.tolerance_pp),
        years,
        average,
        other_average,
        kept,
        from: ask.from,
        unit: ask.unit.to_string(),
    }
}

/// A figure as a bound check says it: as published, to at most four
/// decimals, with its unit.
pub fn figure(x: f64, unit: &str) -> String {
    let s = format!("{:.4}", x + 0.0);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    match unit {
        "" => s.to_string(),
        "%" => format!("{s} %"),
        u => format!("{s} {u}"),
    }
}

/// The check in English, as the JSON's `reason` says it (`>=`).
pub fn en(c: &BoundCheck) -> String {
    said_with(c, Comparator::symbol)
}

/// The check in English with comparators as `sign` writes them (`>=` for
/// JSON, `≥` for people).
pub fn said_with(c: &BoundCheck, sign: fn(Comparator) -> &'static str) -> String {
    let f = |x: f64| figure(x, &c.unit);
    let sign = |c: Option<Comparator>| c.map_or("about", sign);
    let Some(kept) = c.kept else {
        return format!(
            "no full-year figure for a plan year (from {}) yet{}",
            c.from,
            if c.relative_to.is_some() {
                " for both KPIs"
            } else {
                ""
            }
        );
    };
    if let (Some(other), Some(avg), Some(oavg), Some(m)) =
        (&c.relative_to, c.average, c.other_average, c.margin())
    {
        let years = year_span(c);
        let within = c
            .tolerance_pp
            .map_or(String::new(), |t| format!(", within {t} pp"));
        return format!(
            "{} {}: {} against {} on average {years} ({:+.2} pp{within}): {}",
            sign(c.comparator),
            other.name,
            mean(avg, &c.unit),
            mean(oavg, &c.unit),
            m,
            if kept { "kept" } else { "not kept" }
        );
    }
    let bound = c.bound.map(f).unwrap_or_default();
    match (c.rule, kept) {
        (Hold::EveryYear, true) => format!(
            "held every year since {} ({} {bound}): {}",
            c.from,
            sign(c.comparator),
            listed(c, &f)
        ),
        (Hold::EveryYear, false) => {
            let broke: Vec<String> = c
                .broken()
                .map(|y| format!("{} in {}", f(y.value), y.year))
                .collect();
            format!(
                "not held every year: {}, against {} {bound}",
                broke.join(", "),
                sign(c.comparator)
            )
        }
        (Hold::Average, _) => format!(
            "average {} over {}, against {} {bound}: {}",
            c.average.map(|x| mean(x, &c.unit)).unwrap_or_default(),
            year_span(c),
            sign(c.comparator),
            if kept { "kept" } else { "not kept" }
        ),
    }
}

/// An average, to two decimals, with its unit: `5.43 %`.
pub fn mean(x: f64, unit: &str) -> String {
    match unit {
        "" => format!("{x:.2}"),
        u => format!("{x:.2} {u}"),
    }
}

/// The years judged: `2021-2024`, or one year.
pub fn year_span(c: &BoundCheck) -> String {
    match (c.years.first(), c.years.last()) {
        (Some(a), Some(b)) if a.year != b.year => format!("{}-{}", a.year, b.year),
        (Some(a), _) => a.year.to_string(),
        _ => String::new(),
    }
}

fn listed(c: &BoundCheck, f: &dyn Fn(f64) -> String) -> String {
    let each: Vec<String> = c
        .years
        .iter()
        .map(|y| format!("{} {}", y.year, f(y.value)))
        .collect();
    each.join(", ")
}

impl BoundCheck {
    /// The status the check gives: kept so far is on track, kept with the
    /// target year in is achieved; not kept is deterioration, and once the
    /// target year is in, overdue (未完成). Nothing in yet: insufficient data.
    pub fn status(&self, target_year: i32) -> Status {
        let done = self.years.last().is_some_and(|y| y.year >= target_year);
        match (self.kept, done) {
            (None, _) => Status::InsufficientData,
            (Some(true), true) => Status::Achieved,
            (Some(true), false) => Status::OnTrack,
            (Some(false), true) => Status::Overdue,
            (Some(false), false) => Status::Deterioration,
        }
    }

    /// The years that broke the bound, for every-year rules.
    pub fn broken(&self) -> impl Iterator<Item = &BoundYear> {
        self.years.iter().filter(|y| !y.kept)
    }

    /// The difference of the averages (this KPI's less the other's), for a
    /// relative target.
    pub fn margin(&self) -> Option<f64> {
        Some(self.average? - self.other_average?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::plan::Kind;
    use crate::core::series;

    fn points(figures: &[(i32, f64)]) -> Vec<Point> {
        let obs: Vec<crate::core::observation::Observation> = figures
            .iter()
            .map(|&(y, v)| crate::core::observation::Observation {
                kpi: "k".into(),
                period: Period::new(y, 4).unwrap(),
                value: v,
                basis: crate::core::observation::Basis::Level,
                scope: "cn".into(),
                source: "".into(),
                note: None,
                yoy_pct: None,
            })
            .collect();
        let refs: Vec<_> = obs.iter().collect();
        series::points(Kind::Ratio, &refs, None)
    }

    fn ask(rule: Hold, comparator: Option<Comparator>, bound: Option<f64>) -> Ask<'static> {
        Ask {
            rule,
            comparator,
            bound,
            other: None,
            tolerance_pp: 0.5,
            scope: "cn",
            unit: "%",
            from: 2021,
            to: 2025,
        }
    }

    #[test]
    fn a_ceiling_kept_on_average_but_not_every_year() {
        // 城镇调查失业率 5.1, 5.6, 5.2, 5.1 against 控制在5.5以内.
        let p = points(&[
            (2020, 5.2),
            (2021, 5.1),
            (2022, 5.6),
            (2023, 5.2),
            (2024, 5.1),
        ]);
        let every = check(
            &p,
            ask(Hold::EveryYear, Some(Comparator::AtMost), Some(5.5)),
        );
        assert_eq!(every.years.len(), 4, "2020 is the base, not a plan year");
        assert_eq!(every.kept, Some(false));
        let broken: Vec<_> = every.broken().map(|y| (y.year, y.value)).collect();
        assert_eq!(broken, vec![(2022, 5.6)]);
        assert_eq!(every.status(2025), Status::Deterioration);
        let avg = check(&p, ask(Hold::Average, Some(Comparator::AtMost), Some(5.5)));
        // (5.1 + 5.6 + 5.2 + 5.1) / 4 = 5.25
        assert!((avg.average.unwrap() - 5.25).abs() < 1e-12);
        assert_eq!(avg.kept, Some(true));
        assert_eq!(avg.status(2025), Status::OnTrack);
    }

    proptest::proptest! {
        /// Every year kept is each year meeting the bound; kept on average
        /// is the mean meeting it; a year broken is named.
        #[test]
        fn kept_is_what_the_rule_says(values in proptest::collection::vec(4.0f64..7.0, 1..5)) {
            let figures: Vec<(i32, f64)> =
                values.iter().enumerate().map(|(i, v)| (2021 + i as i32, *v)).collect();
            let p = points(&figures);
            let every = check(&p, ask(Hold::EveryYear, Some(Comparator::AtMost), Some(5.5)));
            proptest::prop_assert_eq!(every.kept, Some(values.iter().all(|v| *v <= 5.5)));
            proptest::prop_assert_eq!(every.broken().count(), values.iter().filter(|v| **v > 5.5).count());
            let avg = check(&p, ask(Hold::Average, Some(Comparator::AtMost), Some(5.5)));
            let mean = values.iter().sum::<f64>() / values.len() as f64;
            proptest::prop_assert_eq!(avg.kept, Some(mean <= 5.5));
        }
    }

    #[test]
    fn a_floor_kept_every_year_is_achieved_only_with_the_target_year_in() {
        let p = points(&[(2021, 6.83), (2022, 6.87)]);
        let c = check(
            &p,
            ask(Hold::EveryYear, Some(Comparator::AtLeast), Some(6.5)),
        );
        assert_eq!(c.status(2025), Status::OnTrack);
        assert_eq!(c.status(2022), Status::Achieved);
        let none = check(
            &[],
            ask(Hold::EveryYear, Some(Comparator::AtLeast), Some(6.5)),
        );
        assert_eq!(none.status(2025), Status::InsufficientData);
        // Broken once, with the target year in: 未完成.
        let p = points(&[(2021, 6.83), (2022, 6.4)]);
        let c = check(
            &p,
            ask(Hold::EveryYear, Some(Comparator::AtLeast), Some(6.5)),
        );
        assert_eq!(c.status(2022), Status::Overdue);
    }

    #[test]
    fn relative_targets_above_and_about_on_both_sides_of_the_tolerance() {
        // 全员劳动生产率增长 8.7, 4.2 against GDP 8.1, 3.0: 6.45 against 5.55.
        let gdp = points(&[(2021, 8.1), (2022, 3.0)]);
        let lp = points(&[(2021, 8.7), (2022, 4.2)]);
        let other = || Other {
            id: "gdp".into(),
            name: "GDP growth".into(),
            name_zh: None,
        };
        let mut a = ask(Hold::Average, Some(Comparator::Above), None);
        a.other = Some((other(), &gdp));
        let c = check(&lp, a);
        assert!((c.average.unwrap() - 6.45).abs() < 1e-12);
        assert!((c.other_average.unwrap() - 5.55).abs() < 1e-12);
        assert!((c.margin().unwrap() - 0.9).abs() < 1e-12);
        assert_eq!(c.kept, Some(true));
        // 基本同步 within 0.5 points: 5.55 + 0.5 = 6.05 is kept, 6.06 is not.
        let about = |x: f64| {
            let mine = points(&[(2021, x), (2022, x)]);
            let mut a = ask(Hold::Average, None, None);
            a.other = Some((other(), &gdp));
            check(&mine, a).kept
        };
        assert_eq!(about(6.05), Some(true));
        assert_eq!(about(5.05), Some(true));
        assert_eq!(about(6.06), Some(false));
        assert_eq!(about(5.04), Some(false));
    }
}

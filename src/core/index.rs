//! Growth at comparable prices (按可比价格计算): the published 同比 chained
//! into a volume index, the base year = 100. Chinese statistics publish
//! levels at current prices and growth at comparable prices, so a real
//! growth target (年均增长7%) is judged on this index, never on the levels.
//! Pure.

use serde::Serialize;

use crate::core::observation::{Basis, Observation};
use crate::core::period::Period;
use crate::core::plan::{Baseline, Kind, Kpi, Prices, Shape};
use crate::core::series::Point;
use crate::core::shared::Shared;
use crate::core::targets::Stated;

/// The index a comparable-price KPI is judged on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VolumeIndex {
    /// The base period, where the index is 100.
    pub base: Period,
    /// Each year's link after the base, in order; a part year's last.
    pub links: Vec<Link>,
    /// The first year with no published 同比: the chain stops there.
    pub missing: Option<i32>,
    /// The target on the index: 100 × (1 + r/100)^years.
    pub target: Option<f64>,
}

/// One link: the index of the year before times (1 + 同比/100).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Link {
    pub period: Period,
    pub yoy_pct: f64,
    /// The index before this link (100 at the base).
    pub before: f64,
    pub index: f64,
    /// A part year's link, from its year-to-date 同比: an estimate of the
    /// year's growth.
    pub estimated: bool,
}

impl VolumeIndex {
    /// The latest link, if any.
    pub fn latest(&self) -> Option<&Link> {
        self.links.last()
    }
}

/// Chains the 同比 published with the KPI's figures in `scope` from the
/// base year, up to `as_of`: each year's Q4 figure (a flow's full year)
/// gives a link; a year after the last whole one gives an estimated link
/// from its latest year-to-date 同比. A year with no figure or no
/// published 同比 stops the chain, and is named.
pub fn chain(points: &[Point], scope: &str, base: Period, as_of: Period) -> VolumeIndex {
    let in_scope = |p: &&Point| p.scope.is(scope) && p.period > base && p.period <= as_of;
    let mut links = Vec::new();
    let mut index = 100.0;
    let mut missing = None;
    let last_year = points
        .iter()
        .filter(in_scope)
        .map(|p| p.period.year())
        .max();
    for year in base.year() + 1..=last_year.unwrap_or(base.year()) {
        // The year's Q4, else (the last year only) its latest quarter.
        let figure = points
            .iter()
            .filter(in_scope)
            .filter(|p| p.period.year() == year)
            .max_by_key(|p| p.period);
        let whole = figure.is_some_and(|p| p.period.quarter() == 4);
        let last = Some(year) == last_year;
        let Some(p) = figure.filter(|_| whole || last) else {
            missing = Some(year);
            break;
        };
        let Some(g) = p.published_yoy_pct else {
            missing = Some(year);
            break;
        };
        let next = index * (1.0 + g / 100.0);
        links.push(Link {
            period: p.period,
            yoy_pct: g,
            before: index,
            index: next,
            estimated: !whole,
        });
        index = next;
    }
    VolumeIndex {
        base,
        links,
        missing,
        target: None,
    }
}

/// The KPI as the index stands for it: a level from 100 at the base, its
/// 年均增长 target turned into the index's level, growing by equal rates.
pub fn on_index(kpi: &Kpi, base: Period, years: f64) -> Kpi {
    let mut k = kpi.clone();
    k.kind = Kind::Level;
    k.unit = String::new();
    k.unit_zh = None;
    k.prices = Prices::Current;
    k.trajectory = Shape::Compound;
    k.baseline = Some(Baseline {
        period: Some(base),
        value: 100.0,
        source: None,
        revised: None,
    });
    k.target.value = match Stated::of(&kpi.target) {
        Some(s @ Stated::AverageGrowthPct(_)) => Some(s.level(100.0, years)),
        _ => None,
    };
    k.milestones.clear();
    k.annual.clear();
    k
}

/// The index's links as figures of `kpi` in `scope`, for the assessment.
pub fn observations(index: &VolumeIndex, kpi: &str, scope: &str) -> Vec<Observation> {
    let (kpi, scope, source): (Shared, Shared, Shared) = (kpi.into(), scope.into(), "".into());
    index
        .links
        .iter()
        .map(|l| Observation {
            kpi,
            period: l.period,
            value: l.index,
            basis: Basis::Level,
            scope,
            source,
            note: None,
            yoy_pct: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chain of `pts` from 2020Q4 to `as_of`.
    fn chained(pts: &[Point], as_of: &str) -> VolumeIndex {
        chain(pts, "cn", "2020Q4".parse().unwrap(), as_of.parse().unwrap())
    }

    fn point(period: &str, value: f64, yoy: Option<f64>) -> Point {
        let mut p = Point::plain(period.parse().unwrap(), value, "cn");
        p.published_yoy_pct = yoy;
        p
    }

    #[test]
    fn the_r_and_d_chain_of_the_14th_plan() {
        // 研发经费 24,393 (2020) → 27,956.3 (+9.4 % real) → 30,782.9 (+7.7 %).
        let pts = [
            point("2020Q4", 24393.0, None),
            point("2021Q4", 27956.3, Some(9.4)),
            point("2022Q4", 30782.9, Some(7.7)),
        ];
        let base = "2020Q4".parse().unwrap();
        let ix = chain(&pts, "cn", base, "2022Q4".parse().unwrap());
        assert_eq!(ix.missing, None);
        assert_eq!(ix.links.len(), 2);
        // 100 × 1.094 = 109.4; 109.4 × 1.077 = 117.8238
        assert!((ix.links[0].index - 109.4).abs() < 1e-9);
        assert!((ix.links[1].index - 117.8238).abs() < 1e-9);
        // (1.094 × 1.077)^(1/2) − 1 = 8.5466 % a year.
        let g = (ix.links[1].index / 100.0).powf(0.5) - 1.0;
        assert!((g - 0.085_466).abs() < 1e-6, "{g}");
    }

    #[test]
    fn a_year_with_no_published_growth_breaks_the_chain() {
        let pts = [
            point("2021Q4", 27956.3, Some(9.4)),
            point("2022Q4", 30782.9, None),
            point("2023Q4", 33357.1, Some(8.4)),
        ];
        let ix = chained(&pts, "2023Q4");
        assert_eq!(ix.missing, Some(2022));
        assert_eq!(ix.links.len(), 1, "no link after the break is guessed");
        // A year with no figure at all breaks it too.
        let pts = [
            point("2021Q4", 1.0, Some(9.4)),
            point("2023Q4", 1.0, Some(8.0)),
        ];
        let ix = chained(&pts, "2023Q4");
        assert_eq!(ix.missing, Some(2022));
    }

    proptest::proptest! {
        /// The index is the product of the links, one a year; a year
        /// without its 同比 stops it there, whatever follows.
        #[test]
        fn the_index_is_the_product_of_the_published_growth(
            growth in proptest::collection::vec(-30.0f64..30.0, 1..8),
            gap in proptest::option::of(0usize..8),
        ) {
            let base: Period = "2020Q4".parse().unwrap();
            let pts: Vec<Point> = growth
                .iter()
                .enumerate()
                .map(|(i, g)| {
                    let at = Period::new(2021 + i as i32, 4).unwrap().to_string();
                    point(&at, 1.0, (Some(i) != gap).then_some(*g))
                })
                .collect();
            let ix = chain(&pts, "cn", base, "2035Q4".parse().unwrap());
            let whole = gap.filter(|g| *g < growth.len()).unwrap_or(growth.len());
            proptest::prop_assert_eq!(ix.links.len(), whole);
            proptest::prop_assert_eq!(ix.missing, (whole < growth.len()).then_some(2021 + whole as i32));
            let product: f64 = growth[..whole].iter().map(|g| 1.0 + g / 100.0).product();
            let last = ix.latest().map_or(100.0, |l| l.index);
            proptest::prop_assert!((last - 100.0 * product).abs() <= 1e-9 * last.abs().max(1.0));
        }
    }

    #[test]
    fn a_part_year_links_by_its_year_to_date_growth_as_an_estimate() {
        let pts = [
            point("2021Q4", 10.0, Some(10.0)),
            point("2022Q2", 6.0, Some(5.0)),
        ];
        let ix = chained(&pts, "2022Q2");
        let last = ix.latest().unwrap();
        assert!(last.estimated);
        // 110 × 1.05 = 115.5
        assert!((last.index - 115.5).abs() < 1e-9);
    }
}

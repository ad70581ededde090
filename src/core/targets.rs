//! Targets as plans state them: 年均增长 r % (average annual growth), 累计提高
//! or 下降 c % (a change in all), 提高 d 个百分点 (a change in points), and a
//! year's own growth target (增长10%左右). A stated target becomes its level
//! once, when the plan is read; a year's growth target is judged on the
//! growth on a year earlier. Pure.

use serde::Serialize;

use crate::core::assess::Yoy;
use crate::core::period::Period;
use crate::core::plan::{AnnualTarget, Comparator, Direction, Kpi, Milestone, Plan, Shape, Target};
use crate::core::status::{Status, ThresholdSet};
use crate::core::why::Why;

/// How far a year's growth may miss an "about" (左右) target, in points,
/// when neither the KPI nor the plan says.
pub const DEFAULT_TOLERANCE_PP: f64 = 0.5;

/// A target as the plan states it; JSON writes `{"form": ..., "value": ...}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "form", content = "value", rename_all = "snake_case")]
pub enum Stated {
    /// A level.
    Value(f64),
    /// 年均增长 r %.
    AverageGrowthPct(f64),
    /// 累计提高/下降 c %.
    ChangePct(f64),
    /// 提高 d 个百分点.
    ChangePp(f64),
}

impl Stated {
    /// The form a target is stated in: a growth form where one is given
    /// (the level is then derived from it), else its value; none without.
    pub fn of(t: &Target) -> Option<Stated> {
        t.average_growth_pct
            .map(Stated::AverageGrowthPct)
            .or(t.change_pct.map(Stated::ChangePct))
            .or(t.change_pp.map(Stated::ChangePp))
            .or(t.value.map(Stated::Value))
    }

    /// Whether the level is derived from the baseline.
    pub fn is_derived(self) -> bool {
        !matches!(self, Stated::Value(_))
    }

    /// The JSON key the plan states it with.
    pub fn key(self) -> &'static str {
        match self {
            Stated::Value(_) => "value",
            Stated::AverageGrowthPct(_) => "average_growth_pct",
            Stated::ChangePct(_) => "change_pct",
            Stated::ChangePp(_) => "change_pp",
        }
    }

    /// The number as stated.
    pub fn number(self) -> f64 {
        match self {
            Stated::Value(x)
            | Stated::AverageGrowthPct(x)
            | Stated::ChangePct(x)
            | Stated::ChangePp(x) => x,
        }
    }

    /// The level it comes to from `base` over `years`.
    pub fn level(self, base: f64, years: f64) -> f64 {
        match self {
            Stated::Value(v) => v,
            Stated::AverageGrowthPct(r) => base * (1.0 + r / 100.0).powf(years),
            Stated::ChangePct(c) => base * (1.0 + c / 100.0),
            Stated::ChangePp(d) => base + d,
        }
    }
}

/// Turns each stated target of `plan` into its level (`target.value`), gives
/// an average growth its compound path (the planned rate is then exactly the
/// stated one), and makes a year's level a milestone at that year's Q4.
/// Called once, on a plan whose rules hold (`rules::check`): every derived
/// form has its baseline.
pub fn resolve(plan: &mut Plan) {
    for i in 0..plan.kpis.len() {
        let kpi = &plan.kpis[i];
        let years = plan
            .baseline_period_of(kpi)
            .years_until(plan.target_period_of(kpi));
        let kpi = &mut plan.kpis[i];
        // At comparable prices a growth target has no current-price level:
        // it is judged on the volume index (`core::index`).
        if let (Some(stated), Some(base)) = (Stated::of(&kpi.target), &kpi.baseline)
            && stated.is_derived()
            && kpi.prices == crate::core::plan::Prices::Current
        {
            kpi.target.value = Some(stated.level(base.value, years));
            if matches!(stated, Stated::AverageGrowthPct(_)) {
                kpi.trajectory = Shape::Compound;
            }
        }
        for a in &kpi.annual {
            if let (Some(value), Some(period)) = (a.value, Period::new(a.year, 4)) {
                kpi.milestones.push(Milestone { period, value });
            }
        }
        kpi.milestones.sort_by_key(|m| m.period);
    }
}

/// A year's growth target, judged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnualGrowth {
    pub year: i32,
    /// The growth the plan sets on the year before, in percent.
    pub target_pct: f64,
    /// 左右: met within `tolerance_pp`.
    pub about: bool,
    pub tolerance_pp: f64,
    pub comparator: Comparator,
    /// The figure judged: the latest in that year.
    pub period: Option<Period>,
    /// Its growth on a year earlier, in percent.
    pub yoy_pct: Option<f64>,
    /// Whether that growth was published (else computed from the figure a
    /// year earlier in the same scope).
    pub published: Option<bool>,
    /// How much of the target growth was reached (see `ratio`).
    pub ratio: Option<f64>,
    pub status: Status,
    /// Why the status is what it is, or why there is none.
    pub reason: Option<String>,
    /// The same reason as data (not in JSON: `reason` says it).
    #[serde(skip)]
    pub why: Option<Why>,
}

/// The tolerance of a KPI's "about" growth targets, in points.
pub fn tolerance_pp(plan: &Plan, kpi: &Kpi) -> f64 {
    kpi.tolerance_pp
        .or(plan.tolerance_pp)
        .unwrap_or(DEFAULT_TOLERANCE_PP)
}

/// The comparator of a year's growth target: its own, else from the KPI's
/// direction (以上 for increase, 以内 for decrease).
pub fn annual_comparator(kpi: &Kpi, a: &AnnualTarget) -> Comparator {
    a.comparator.unwrap_or(match kpi.direction() {
        Direction::Increase => Comparator::AtLeast,
        Direction::Decrease => Comparator::AtMost,
    })
}

/// How much of a growth target `yoy` reached. For a target away from zero
/// in the better direction (增长10%以上, 下降3%以上) it is `yoy / target`;
/// for a bound on the worse side (增长控制在3%以内, 下降不超过2%) it is
/// `target / yoy` once `yoy` is beyond it. None where no ratio exists (a
/// target of 0, or a growth of 0 beyond a bound).
pub fn growth_ratio(target: f64, yoy: f64, comparator: Comparator) -> Option<f64> {
    let better_up = comparator.direction() == Direction::Increase;
    let toward_better = (target > 0.0) == better_up;
    let r = if toward_better {
        yoy / target
    } else {
        target / yoy
    };
    (target != 0.0 && r.is_finite()).then_some(r)
}

/// Judges the growth target `kpi` sets for `year` (if any) on the latest
/// figure of that year, `latest` (its period and growth on a year earlier):
/// met (by the comparator, or within the tolerance when "about") is
/// `achieved` on the year's Q4 figure and `on_track` before it; otherwise
/// the ratio of `growth_ratio` against the growth-ratio thresholds.
pub fn judge_annual(
    plan: &Plan,
    kpi: &Kpi,
    year: i32,
    latest: Option<(Period, Option<&Yoy>)>,
    thresholds: &ThresholdSet,
) -> Option<AnnualGrowth> {
    let a = kpi
        .annual
        .iter()
        .find(|a| a.year == year && a.growth_pct.is_some())?;
    let target = a.growth_pct?;
    let comparator = annual_comparator(kpi, a);
    let mut g = AnnualGrowth {
        year,
        target_pct: target,
        about: a.about,
        tolerance_pp: tolerance_pp(plan, kpi),
        comparator,
        period: None,
        yoy_pct: None,
        published: None,
        ratio: None,
        status: Status::InsufficientData,
        reason: None,
        why: None,
    };
    let Some((period, yoy)) = latest.filter(|(p, _)| p.year() == year) else {
        let why = Why::NoFigureForYear { year };
        g.reason = Some(why.en());
        g.why = Some(why);
        return Some(g);
    };
    g.period = Some(period);
    // A growth target reads growth in percent, never a change in points.
    let Some((pct, published)) = yoy.and_then(|y| Some((y.pct?, y.published))) else {
        let why = Why::NoYoy {
            period,
            year_before: period.add_quarters(-4),
        };
        g.reason = Some(why.en());
        g.why = Some(why);
        return Some(g);
    };
    g.yoy_pct = Some(pct);
    g.published = Some(published);
    g.ratio = growth_ratio(target, pct, comparator);
    // Noise below the ninth decimal does not decide, as for every threshold.
    let within = a.about && (pct - target).abs() <= g.tolerance_pp + 1e-9;
    if comparator.is_met(pct, target) || within {
        let full_year = period.quarter() == 4;
        g.status = if full_year {
            Status::Achieved
        } else {
            Status::OnTrack
        };
        let why = if comparator.is_met(pct, target) {
            Why::GrowthMet {
                yoy_pct: pct,
                comparator,
                target_pct: target,
            }
        } else {
            Why::GrowthWithin {
                yoy_pct: pct,
                tolerance_pp: g.tolerance_pp,
                target_pct: target,
            }
        };
        g.reason = Some(why.en());
        g.why = Some(why);
        return Some(g);
    }
    match g.ratio {
        Some(r) => g.status = thresholds.growth_ratio().classify(r),
        None => {
            let why = Why::NoGrowthRatio {
                target_pct: target,
                yoy_pct: pct,
            };
            g.reason = Some(why.en());
            g.why = Some(why);
        }
    }
    Some(g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_form_comes_to_its_level() {
        // 年均增长8% from 1000 over 5 years: 1000 × 1.08^5 = 1469.32808.
        let level = Stated::AverageGrowthPct(8.0).level(1000.0, 5.0);
        assert!((level - 1_469.328_076_8).abs() < 1e-6, "{level}");
        // 累计下降13.5% from 0.5: 0.5 × 0.865 = 0.4325.
        assert!((Stated::ChangePct(-13.5).level(0.5, 5.0) - 0.4325).abs() < 1e-12);
        // 提高1.2个百分点 from 2.4: 3.6.
        assert!((Stated::ChangePp(1.2).level(2.4, 5.0) - 3.6).abs() < 1e-12);
        assert_eq!(Stated::Value(7.0).level(1.0, 5.0), 7.0);
    }

    #[test]
    fn a_growth_ratio_for_each_kind_of_target() {
        use Comparator::{AtLeast, AtMost};
        // 增长10%以上: 9.5 is 0.95 of it.
        assert!((growth_ratio(10.0, 9.5, AtLeast).unwrap() - 0.95).abs() < 1e-12);
        // 下降3%以上 (-3, at most): -2 is two thirds of it; +1 is negative.
        assert!((growth_ratio(-3.0, -2.0, AtMost).unwrap() - 2.0 / 3.0).abs() < 1e-12);
        assert!(growth_ratio(-3.0, 1.0, AtMost).unwrap() < 0.0);
        // 增长控制在3%以内: 5 is beyond it, 3 / 5 = 0.6.
        assert!((growth_ratio(3.0, 5.0, AtMost).unwrap() - 0.6).abs() < 1e-12);
        assert_eq!(growth_ratio(0.0, 2.0, AtLeast), None);
    }
}

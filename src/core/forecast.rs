//! Will the target be met? A forecast from the year-end figures seen: the
//! mean annual step carried to the target year, an 80 % range from the
//! spread of the steps (a random walk with an estimated drift, Student's t),
//! and the chance of meeting the target. None where too few years can judge
//! the spread. docs/methods.md ("The forecast") works an example by hand.

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, StudentsT};

use crate::core::period::Period;
use crate::core::plan::{Direction, Shape};
use crate::core::series::Point;

/// The share of outcomes the range holds.
pub const LEVEL: f64 = 0.8;
/// The fewest annual steps that can judge a spread.
pub const MIN_STEPS: usize = 3;
/// Below this many steps the chance is a rough guide only.
pub const ROUGH_BELOW: usize = 5;

/// A KPI's forecast for its target period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forecast {
    /// How many year-end figures it rests on.
    pub points: usize,
    /// How many annual steps between consecutive years (n).
    pub steps: usize,
    /// `log` (a compound KPI: steps are ln(x_i / x_{i-1})) or `level` (a
    /// linear one: steps are x_i - x_{i-1}, in the KPI's unit).
    pub steps_in: StepsIn,
    /// The latest year-end figure, where the forecast starts (x_t).
    pub jump_off: JumpOff,
    /// Years from the jump-off to the target period (h).
    pub horizon_years: f64,
    /// The mean annual step g, on the steps' scale.
    pub step_mean: f64,
    /// The steps' sample standard deviation s (n - 1), on their scale.
    pub step_sd: f64,
    /// The mean annual growth, in percent (compound: exp(g) - 1); null for
    /// a linear KPI.
    pub growth_mean_pct: Option<f64>,
    /// The standard deviation of the annual log growth, times 100 (compound);
    /// null for a linear KPI.
    pub growth_sd_pct: Option<f64>,
    /// The best year's growth, in percent (compound); null for a linear KPI.
    pub best_growth_pct: Option<f64>,
    /// A linear KPI's mean annual change, in its unit (percentages in points).
    pub change_mean: Option<f64>,
    /// A linear KPI's standard deviation of the annual change.
    pub change_sd: Option<f64>,
    /// A linear KPI's best year's change.
    pub best_change: Option<f64>,
    /// The growth (percent, compound) or change a year (linear) needed from
    /// the latest figure to reach the target on time.
    pub required: Option<f64>,
    /// The forecast for the target period.
    pub centre: f64,
    /// The standard error of the forecast, on the steps' scale (log for a
    /// compound KPI): s * sqrt(h + h^2 / n).
    pub standard_error: f64,
    /// Student's t quantile at (1 + LEVEL) / 2 with n - 1 degrees of freedom.
    pub t_quantile: f64,
    /// The 80 % range; null when the steps do not spread (s = 0).
    pub interval: Option<Interval>,
    /// The chance of meeting the target, 0 to 1; null when the steps do not
    /// spread.
    pub p_meet: Option<f64>,
    /// The chance in words (IPCC's scale); null with no chance.
    pub words: Option<Likelihood>,
    /// Fewer than ROUGH_BELOW steps: the chance is a rough guide.
    pub rough: bool,
    /// The year-end figures themselves (not in JSON: `explain` shows them).
    #[serde(skip)]
    pub year_ends: Vec<(Period, f64)>,
}

/// What a forecast's steps are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepsIn {
    Log,
    Level,
}

/// The year-end figure a forecast starts from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct JumpOff {
    pub period: Period,
    pub value: f64,
}

/// A range that holds `level` of the outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub level: f64,
    pub low: f64,
    pub high: f64,
}

/// A chance in words, on the IPCC's likelihood scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Likelihood {
    /// 90 % or more.
    VeryLikely,
    /// 66 % to 90 %.
    Likely,
    /// 33 % to 66 %.
    AboutAsLikelyAsNot,
    /// 10 % to 33 %.
    Unlikely,
    /// Under 10 %.
    VeryUnlikely,
}

impl Likelihood {
    /// The words for a chance `p` (0 to 1).
    pub fn of(p: f64) -> Likelihood {
        match p {
            p if p >= 0.90 => Likelihood::VeryLikely,
            p if p >= 0.66 => Likelihood::Likely,
            p if p >= 0.33 => Likelihood::AboutAsLikelyAsNot,
            p if p >= 0.10 => Likelihood::Unlikely,
            _ => Likelihood::VeryUnlikely,
        }
    }
}

/// Why a KPI has no forecast, or a forecast with no range and no chance.
#[derive(Debug, Clone, PartialEq)]
pub enum NoForecast {
    /// No numeric target to meet.
    NoTarget,
    /// The target period's year-end figure is in: there is nothing to forecast.
    TargetYearIn,
    /// Too few annual changes to judge their spread.
    TooFewSteps { steps: usize },
    /// A compound KPI with a figure at or below zero: no growth rate.
    NotPositive,
    /// Every step the same: the series is too regular to judge a spread.
    TooRegular,
    /// A bound to keep or a relative target: judged year by year, with no
    /// level to reach to forecast.
    Bound,
    /// A KPI at comparable prices: its levels are at current prices and its
    /// target a real growth, so no level is forecast.
    Comparable,
}

impl NoForecast {
    /// The reason in English (JSON's `forecast_reason`).
    pub fn en(&self) -> String {
        match self {
            NoForecast::NoTarget => "no numeric target: nothing to forecast against".to_string(),
            NoForecast::TargetYearIn => {
                "the target period's figure is in: nothing left to forecast".to_string()
            }
            NoForecast::TooFewSteps { steps: 0 } => format!(
                "no annual change of year-end figures yet: at least {MIN_STEPS} are needed to judge the spread"
            ),
            NoForecast::TooFewSteps { steps } => format!(
                "only {steps} annual change(s) of year-end figures: too few to judge the spread (at least {MIN_STEPS})"
            ),
            NoForecast::NotPositive => {
                "a year-end figure at or below zero: no growth rate for a compound KPI".to_string()
            }
            NoForecast::TooRegular => {
                "every annual change the same: too regular to judge a spread, so no range and no chance"
                    .to_string()
            }
            NoForecast::Bound => {
                "a bound to keep, judged year by year: no level to reach to forecast".to_string()
            }
            NoForecast::Comparable => {
                "growth at comparable prices: judged on the index of published growth, with no current-price level to forecast"
                    .to_string()
            }
        }
    }
}

/// What a forecast needs of a KPI and its assessment.
#[derive(Debug, Clone, Copy)]
pub struct Ask<'a> {
    /// The KPI's comparable points up to the as-of period, in any scope.
    pub points: &'a [Point],
    /// The KPI's own scope: only its figures make the series.
    pub scope: &'a str,
    pub shape: Shape,
    pub direction: Direction,
    /// The target level, as stated or derived.
    pub target: Option<f64>,
    pub target_period: Period,
    /// The first year whose year-end figure counts (the baseline's, or the
    /// plan's `data_from`'s when earlier).
    pub from_year: i32,
    /// The latest figure and its period, for what it takes to get there.
    pub latest: Option<(Period, f64)>,
}

/// The forecast of a KPI, or why there is none; with a forecast, why it has
/// no range (too regular a series).
pub fn forecast(ask: Ask) -> (Option<Forecast>, Option<NoForecast>) {
    match build(ask) {
        Ok(f) if f.interval.is_none() => (Some(f), Some(NoForecast::TooRegular)),
        Ok(f) => (Some(f), None),
        Err(why) => (None, Some(why)),
    }
}

fn build(ask: Ask) -> Result<Forecast, NoForecast> {
    let target = ask.target.ok_or(NoForecast::NoTarget)?;
    // Year-end figures of the KPI's own scope, one a year, in order: room
    // for a quarter of the points at the start (a filter's collect grows
    // from nothing, a per cent of a portfolio's status).
    let mut year_ends: Vec<(Period, f64)> = Vec::with_capacity(ask.points.len() / 4 + 1);
    year_ends.extend(
        ask.points
            .iter()
            .filter(|p| p.period.quarter() == 4 && p.scope.is(ask.scope) && !p.estimated)
            .filter(|p| p.period.year() >= ask.from_year)
            .map(|p| (p.period, p.value)),
    );
    year_ends.sort_by_key(|(p, _)| *p);
    year_ends.dedup_by_key(|(p, _)| *p);
    let Some(&(jump_period, jump_value)) = year_ends.last() else {
        return Err(NoForecast::TooFewSteps { steps: 0 });
    };
    if jump_period >= ask.target_period {
        return Err(NoForecast::TargetYearIn);
    }
    let log = ask.shape == Shape::Compound;
    if log && year_ends.iter().any(|(_, v)| *v <= 0.0) {
        return Err(NoForecast::NotPositive);
    }
    let on_scale = |x: f64| if log { x.ln() } else { x };
    // Each year-end on the scale once (a logarithm is the costly part of a
    // step, and each year-end but the first and last is in two steps).
    let scaled: Vec<(i32, f64)> = year_ends
        .iter()
        .map(|&(p, v)| (p.year(), on_scale(v)))
        .collect();
    // Steps between consecutive years only: a missing year is no step.
    let mut steps: Vec<f64> = Vec::with_capacity(year_ends.len());
    steps.extend(
        scaled
            .windows(2)
            .filter(|w| w[1].0 == w[0].0 + 1)
            .map(|w| w[1].1 - w[0].1),
    );
    let n = steps.len();
    if n < MIN_STEPS {
        return Err(NoForecast::TooFewSteps { steps: n });
    }
    let nf = n as f64;
    let g = steps.iter().sum::<f64>() / nf;
    let s = (steps.iter().map(|r| (r - g).powi(2)).sum::<f64>() / (nf - 1.0)).sqrt();
    // The most favourable year: the fastest rise, or for a KPI that should
    // fall, the fastest fall.
    let increase = ask.direction != Direction::Decrease;
    let best = if increase {
        steps.iter().copied().fold(f64::NEG_INFINITY, f64::max)
    } else {
        steps.iter().copied().fold(f64::INFINITY, f64::min)
    };
    let h = jump_period.years_until(ask.target_period);
    let centre = on_scale(jump_value) + h * g;
    let se = s * (h + h * h / nf).sqrt();
    let t = t_quantile(n - 1);
    let back = |x: f64| if log { x.exp() } else { x };
    let spread = se > 0.0 && se.is_finite();
    let interval = spread.then(|| Interval {
        level: LEVEL,
        low: back(centre - t * se),
        high: back(centre + t * se),
    });
    let p_meet = spread.then(|| chance(log, target, centre, se, n - 1, increase));
    let required = ask.latest.and_then(|(p, x)| {
        let years = p.years_until(ask.target_period);
        (years > 0.0).then(|| {
            if log {
                ((target / x).powf(1.0 / years) - 1.0) * 100.0
            } else {
                (target - x) / years
            }
        })
    });
    let required = required.filter(|r| r.is_finite());
    let pct = |r: f64| (r.exp() - 1.0) * 100.0;
    Ok(Forecast {
        points: year_ends.len(),
        steps: n,
        steps_in: if log { StepsIn::Log } else { StepsIn::Level },
        jump_off: JumpOff {
            period: jump_period,
            value: jump_value,
        },
        horizon_years: h,
        step_mean: g,
        step_sd: s,
        growth_mean_pct: log.then(|| pct(g)),
        growth_sd_pct: log.then_some(s * 100.0),
        best_growth_pct: log.then(|| pct(best)),
        change_mean: (!log).then_some(g),
        change_sd: (!log).then_some(s),
        best_change: (!log).then_some(best),
        required,
        centre: back(centre),
        standard_error: se,
        t_quantile: t,
        interval,
        p_meet,
        words: p_meet.map(Likelihood::of),
        rough: n < ROUGH_BELOW,
        year_ends,
    })
}

impl Forecast {
    /// The same forecast with its figures in the KPI's unit `scale` times
    /// larger (a linear KPI's steps, spread and standard error too); rates,
    /// the t quantile and the chance do not change.
    pub fn scaled(&self, scale: f64) -> Forecast {
        let mut f = self.clone();
        if scale == 1.0 {
            return f;
        }
        f.centre *= scale;
        f.jump_off.value *= scale;
        for (_, v) in &mut f.year_ends {
            *v *= scale;
        }
        if let Some(i) = &mut f.interval {
            i.low *= scale;
            i.high *= scale;
        }
        if f.steps_in == StepsIn::Level {
            f.step_mean *= scale;
            f.step_sd *= scale;
            f.standard_error *= scale;
            for v in [
                &mut f.change_mean,
                &mut f.change_sd,
                &mut f.best_change,
                &mut f.required,
            ]
            .into_iter()
            .flatten()
            {
                *v *= scale;
            }
        }
        f
    }

    /// The range `years` after the jump-off (for a fan drawn to the target):
    /// (low, centre, high) at the forecast's level; the centre alone where
    /// the steps do not spread.
    pub fn at(&self, years: f64) -> (f64, f64, f64) {
        let log = self.steps_in == StepsIn::Log;
        let on_scale = |x: f64| if log { x.ln() } else { x };
        let back = |x: f64| if log { x.exp() } else { x };
        let n = self.steps as f64;
        let h = self.horizon_years;
        // The mean step, back from the centre at the horizon.
        let g = (on_scale(self.centre) - on_scale(self.jump_off.value)) / h;
        let centre = on_scale(self.jump_off.value) + years * g;
        let s = self.standard_error / (h + h * h / n).sqrt();
        let se = s * (years + years * years / n).sqrt();
        let spread = if self.interval.is_some() {
            self.t_quantile * se
        } else {
            0.0
        };
        (back(centre - spread), back(centre), back(centre + spread))
    }
}

/// P(T_df >= (X - centre) / se) for an increase, the other tail for a
/// decrease, on the steps' scale (ln X for a compound KPI).
fn chance(log: bool, target: f64, centre: f64, se: f64, df: usize, increase: bool) -> f64 {
    // A compound series is positive: a target at or below zero is met by
    // any, and a ceiling there by none.
    if log && target <= 0.0 {
        return if increase { 1.0 } else { 0.0 };
    }
    let x = if log { target.ln() } else { target };
    let z = (x - centre) / se;
    let below = students_t(df).cdf(z);
    if increase { 1.0 - below } else { below }
}

/// Student's t with `df` degrees of freedom (at least one).
fn students_t(df: usize) -> StudentsT {
    // Location 0, scale 1 and a positive df are always valid.
    StudentsT::new(0.0, 1.0, df.max(1) as f64).expect("a standard t distribution")
}

/// t(1 - (1 - LEVEL) / 2, df): computed once per df, as a portfolio asks the
/// same few thousands of times.
pub fn t_quantile(df: usize) -> f64 {
    use std::sync::OnceLock;
    const CACHED: usize = 64;
    static TABLE: OnceLock<Vec<f64>> = OnceLock::new();
    let p = 1.0 - (1.0 - LEVEL) / 2.0;
    if df < CACHED {
        let table =
            TABLE.get_or_init(|| (0..CACHED).map(|d| students_t(d).inverse_cdf(p)).collect());
        return table[df.max(1)];
    }
    students_t(df).inverse_cdf(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Year-end figures from `first` on, in scope `zone`.
    fn year_ends(first: i32, values: &[f64]) -> Vec<Point> {
        (first..)
            .zip(values)
            .map(|(y, &v)| Point::plain(Period::new(y, 4).unwrap(), v, "zone"))
            .collect()
    }

    fn ask<'a>(points: &'a [Point], shape: Shape, direction: Direction, target: f64) -> Ask<'a> {
        Ask {
            points,
            scope: "zone",
            shape,
            direction,
            target: Some(target),
            target_period: Period::new(2025, 4).unwrap(),
            from_year: 2000,
            latest: points.last().map(|p| (p.period, p.value)),
        }
    }

    fn near(got: f64, want: f64, tol: f64) {
        assert!((got - want).abs() <= tol, "got {got}, want {want} ± {tol}");
    }

    #[test]
    fn seven_year_ends_give_the_range_and_chance_worked_by_hand() {
        // docs/methods.md's example. By hand: r = ln(88/80), ..., ln(130/118);
        // g = 0.080918, s = 0.020963 (n - 1 = 5); h = 3;
        // centre = 130 * e^(3g) = 165.72; se = s * sqrt(3 + 9/6) = 0.044469;
        // t(0.90, 5) = 1.47588; range 165.72 * e^(∓t se) = 155.19 to 176.96;
        // z = (ln 180 - ln 165.72) / se = 1.8590, P(T5 >= z) = 0.0611.
        let points = year_ends(2016, &[80.0, 88.0, 95.0, 101.0, 112.0, 118.0, 130.0]);
        let (f, why) = forecast(ask(&points, Shape::Compound, Direction::Increase, 180.0));
        let f = f.unwrap();
        assert_eq!(why, None);
        assert_eq!((f.points, f.steps, f.horizon_years), (7, 6, 3.0));
        near(f.centre, 165.718, 0.001);
        let i = f.interval.unwrap();
        assert_eq!(i.level, 0.8);
        near(i.low, 155.191, 0.001);
        near(i.high, 176.959, 0.001);
        near(f.t_quantile, 1.475884, 1e-5);
        near(f.standard_error, 0.044469, 1e-6);
        near(f.p_meet.unwrap(), 0.061063, 1e-5);
        assert_eq!(f.words, Some(Likelihood::VeryUnlikely));
        assert!(!f.rough);
        // The mean and best growth seen, and what it takes: (180/130)^(1/3) - 1.
        near(f.growth_mean_pct.unwrap(), 8.4282, 1e-4);
        near(f.best_growth_pct.unwrap(), 10.8911, 1e-4);
        near(f.required.unwrap(), 11.4576, 1e-4);
        assert_eq!(f.change_mean, None);
    }

    #[test]
    fn a_linear_kpi_moves_in_points() {
        // 2.0, 2.2, 2.3, 2.6, 2.7 % (2018-2022), at least 3.5 % in 2025.
        // Steps 0.2, 0.1, 0.3, 0.1: g = 0.175, s = 0.095743; centre 2.7 + 3g =
        // 3.225; se = s * sqrt(3 + 9/4) = 0.219374; t(0.90, 3) = 1.637744;
        // range 2.8657 to 3.5843; P(T3 >= (3.5 - 3.225)/se = 1.2536) = 0.1494.
        let points = year_ends(2018, &[2.0, 2.2, 2.3, 2.6, 2.7]);
        let (f, _) = forecast(ask(&points, Shape::Linear, Direction::Increase, 3.5));
        let f = f.unwrap();
        assert_eq!(f.steps_in, StepsIn::Level);
        near(f.centre, 3.225, 1e-9);
        near(f.change_mean.unwrap(), 0.175, 1e-12);
        near(f.change_sd.unwrap(), 0.095743, 1e-6);
        near(f.best_change.unwrap(), 0.3, 1e-12);
        let i = f.interval.unwrap();
        near(i.low, 2.865721, 1e-6);
        near(i.high, 3.584279, 1e-6);
        near(f.p_meet.unwrap(), 0.149399, 1e-5);
        assert_eq!(f.words, Some(Likelihood::Unlikely));
        // Four steps: a rough guide.
        assert!(f.rough);
        // (3.5 - 2.7) / 3 points a year.
        near(f.required.unwrap(), 0.266667, 1e-6);
        assert_eq!(f.growth_mean_pct, None);
    }

    #[test]
    fn a_decreasing_kpi_meets_a_ceiling_from_below() {
        // Energy per unit of output 0.60 ... 0.51 (2018-2022), at most 0.45 in
        // 2025: centre 0.51 * e^(3g) = 0.45148 with g = -0.040630; range
        // 0.42201 to 0.48300; P(T3 <= (ln 0.45 - ln 0.45148)/0.041214) = 0.4708.
        let points = year_ends(2018, &[0.60, 0.58, 0.55, 0.54, 0.51]);
        let (f, _) = forecast(ask(&points, Shape::Compound, Direction::Decrease, 0.45));
        let f = f.unwrap();
        near(f.centre, 0.451476, 1e-6);
        let i = f.interval.unwrap();
        near(i.low, 0.422007, 1e-6);
        near(i.high, 0.483002, 1e-6);
        near(f.p_meet.unwrap(), 0.470844, 1e-5);
        assert_eq!(f.words, Some(Likelihood::AboutAsLikelyAsNot));
        // The best year for a falling KPI is its fastest fall: 0.51/0.54 - 1.
        near(
            f.best_growth_pct.unwrap(),
            (0.51 / 0.54 - 1.0) * 100.0,
            1e-9,
        );
    }

    #[test]
    fn too_few_years_too_regular_a_series_a_gap_and_a_zero_say_why() {
        let two = year_ends(2020, &[100.0, 110.0, 120.0]);
        let (f, why) = forecast(ask(&two, Shape::Compound, Direction::Increase, 150.0));
        assert_eq!((f, why), (None, Some(NoForecast::TooFewSteps { steps: 2 })));
        // The same step every year: a centre, no range, no chance.
        let steady = year_ends(2018, &[10.0, 12.0, 14.0, 16.0, 18.0]);
        let (f, why) = forecast(ask(&steady, Shape::Linear, Direction::Increase, 30.0));
        let f = f.unwrap();
        assert_eq!(why, Some(NoForecast::TooRegular));
        assert_eq!((f.interval, f.p_meet, f.words), (None, None, None));
        near(f.centre, 24.0, 1e-12);
        // A missing year is no step: 2018-2019 and 2021-2022 only.
        let mut gap = year_ends(2018, &[10.0, 11.0, 0.0, 13.0, 14.5]);
        gap.remove(2);
        let (_, why) = forecast(ask(&gap, Shape::Linear, Direction::Increase, 30.0));
        assert_eq!(why, Some(NoForecast::TooFewSteps { steps: 2 }));
        // No growth rate through zero.
        let zero = year_ends(2018, &[0.0, 1.0, 2.0, 3.0, 4.0]);
        let (_, why) = forecast(ask(&zero, Shape::Compound, Direction::Increase, 9.0));
        assert_eq!(why, Some(NoForecast::NotPositive));
        // A target period whose figure is in.
        let done = year_ends(2021, &[1.0, 2.0, 3.0, 4.0, 5.0]);
        let (_, why) = forecast(ask(&done, Shape::Linear, Direction::Increase, 9.0));
        assert_eq!(why, Some(NoForecast::TargetYearIn));
        // Other scopes, part years and estimates are not year-end figures of
        // the KPI's scope.
        let mut mixed = year_ends(2018, &[1.0, 2.0, 3.5, 4.0]);
        mixed[1].scope = "other".into();
        mixed[2].period = Period::new(2020, 3).unwrap();
        let (_, why) = forecast(ask(&mixed, Shape::Linear, Direction::Increase, 9.0));
        assert_eq!(why, Some(NoForecast::TooFewSteps { steps: 0 }));
    }

    #[test]
    fn the_words_follow_the_ipcc_scale_at_its_edges() {
        for (p, words) in [
            (0.90, Likelihood::VeryLikely),
            (0.8999, Likelihood::Likely),
            (0.66, Likelihood::Likely),
            (0.6599, Likelihood::AboutAsLikelyAsNot),
            (0.33, Likelihood::AboutAsLikelyAsNot),
            (0.3299, Likelihood::Unlikely),
            (0.10, Likelihood::Unlikely),
            (0.0999, Likelihood::VeryUnlikely),
        ] {
            assert_eq!(Likelihood::of(p), words, "{p}");
        }
    }

    #[test]
    fn the_fan_meets_the_range_at_the_horizon_and_starts_at_the_jump_off() {
        let points = year_ends(2016, &[80.0, 88.0, 95.0, 101.0, 112.0, 118.0, 130.0]);
        let f = forecast(ask(&points, Shape::Compound, Direction::Increase, 180.0))
            .0
            .unwrap();
        let (lo, c, hi) = f.at(f.horizon_years);
        let i = f.interval.unwrap();
        near(lo, i.low, 1e-9);
        near(c, f.centre, 1e-9);
        near(hi, i.high, 1e-9);
        let (lo, c, hi) = f.at(0.0);
        for x in [lo, c, hi] {
            near(x, 130.0, 1e-9);
        }
    }
}

//! Issue 5's yardsticks and figures: projection and pace methods, the trend of
//! KPIs without a target, seasonal annualisation, time distance, slack,
//! interim milestones, year pace and growth on a year earlier.

use crate::support::{close, first_kpi};
use crate::support::{obs, one_kpi_plan, period};
use plantrack::core::assess::Method;
use plantrack::core::observation::Basis;
use plantrack::core::plan::Plan;
use plantrack::core::series::Annualisation;
use plantrack::core::status::Status;

fn level_plan(base_period: &str, target_period: &str, base: f64, target: f64, extra: &str) -> Plan {
    let direction = if target >= base {
        "increase"
    } else {
        "decrease"
    };
    one_kpi_plan(
        base_period,
        target_period,
        &format!(
            r#"{{"id": "x", "name": "X", "unit": "u", "kind": "level", "direction": "{direction}",
                "baseline": {{"value": {base:?}}}, "target": {{"value": {target:?}}} {extra}}}"#
        ),
    )
}

#[test]
fn projection_edges() {
    // A linear (zero-baseline) projection makes the ratio exact: from 0,
    // target 100 over 4 years, value v after 2 years projects to 2v.
    let plan = level_plan("2018Q4", "2022Q4", 0.0, 100.0, "");
    let at = |v: f64| {
        first_kpi(
            &plan,
            &[obs("x", "2020Q4", v, Basis::Level)],
            "2020Q4",
            Method::Projection,
        )
    };
    assert_eq!(at(47.5).status, Status::OnTrack); // P = 0.95
    assert_eq!(at(47.49).status, Status::NeedsAcceleration);
    assert_eq!(at(5.0).status, Status::NeedsAcceleration); // P = 0.10
    assert_eq!(at(4.99).status, Status::LimitedProgress);
    assert_eq!(at(0.0).status, Status::LimitedProgress); // P = 0
    assert_eq!(at(-0.01).status, Status::Deterioration);
}

#[test]
fn projection_counts_within_one_point_of_100_percent_as_met() {
    let plan = one_kpi_plan(
        "2018Q4",
        "2022Q4",
        r#"{"id": "x", "name": "X", "unit": "%", "kind": "ratio", "direction": "increase",
            "baseline": {"value": 80}, "target": {"value": 100}}"#,
    );
    let data = [obs("x", "2020Q4", 99.0, Basis::Level)];
    assert_eq!(
        first_kpi(&plan, &data, "2020Q4", Method::Projection).status,
        Status::Achieved
    );
    assert_ne!(
        first_kpi(&plan, &data, "2020Q4", Method::GrowthRatio).status,
        Status::Achieved
    );
    let data = [obs("x", "2020Q4", 98.9, Basis::Level)];
    assert_ne!(
        first_kpi(&plan, &data, "2020Q4", Method::Projection).status,
        Status::Achieved
    );
}

#[test]
fn pace_method_and_its_edges() {
    // Linear 0 -> 100 over 4 years; at 2 years time elapsed is 50 %.
    let plan = level_plan("2018Q4", "2022Q4", 0.0, 100.0, "");
    let at = |v: f64| {
        first_kpi(
            &plan,
            &[obs("x", "2020Q4", v, Basis::Level)],
            "2020Q4",
            Method::Pace,
        )
    };
    let a = at(45.0);
    close(a.pace_gap_pp, -5.0, 1e-9);
    assert_eq!(
        (a.status, a.decided_by.map(|d| d.id())),
        (Status::OnTrack, Some("pace"))
    );
    assert_eq!(at(44.99).status, Status::NeedsAcceleration);
    assert_eq!(at(35.0).status, Status::NeedsAcceleration);
    assert_eq!(at(34.99).status, Status::LimitedProgress);
    assert_eq!(at(0.0).status, Status::LimitedProgress);
    assert_eq!(at(-1.0).status, Status::Deterioration);
    // Overridable per KPI.
    let strict = level_plan(
        "2018Q4",
        "2022Q4",
        0.0,
        100.0,
        r#", "thresholds": {"pace": {"high": 0, "medium": -10}}"#,
    );
    let a = first_kpi(
        &strict,
        &[obs("x", "2020Q4", 45.0, Basis::Level)],
        "2020Q4",
        Method::Pace,
    );
    assert_eq!(a.status, Status::NeedsAcceleration);
}

#[test]
fn trend_for_a_kpi_without_a_target() {
    let plan = one_kpi_plan(
        "2018Q4",
        "2022Q4",
        r#"{"id": "x", "name": "X", "unit": "u", "kind": "level", "direction": "increase",
            "baseline": {"value": 100}}"#,
    );
    let at = |v: f64| {
        first_kpi(
            &plan,
            &[obs("x", "2020Q4", v, Basis::Level)],
            "2020Q4",
            Method::GrowthRatio,
        )
    };
    // Two years: 100 * 1.015^2 = 103.0225 is exactly the 1.5 % edge.
    let a = at(103.0225);
    assert_eq!(
        (a.status, a.decided_by.map(|d| d.id())),
        (Status::OnTrack, Some("trend"))
    );
    close(a.actual_cagr, 0.015, 1e-12);
    assert_eq!(at(103.02).status, Status::NeedsAcceleration);
    assert_eq!(at(101.0025).status, Status::NeedsAcceleration); // 0.5 %
    assert_eq!(at(101.0).status, Status::LimitedProgress);
    assert_eq!(at(100.0).status, Status::LimitedProgress);
    assert_eq!(at(99.9).status, Status::Deterioration);
    assert_eq!(a.gap, None);
    // Lower is better: falling 1.5 % a year is substantial progress.
    let down = one_kpi_plan(
        "2018Q4",
        "2022Q4",
        r#"{"id": "x", "name": "X", "unit": "u", "kind": "level", "direction": "decrease",
            "baseline": {"value": 100}}"#,
    );
    let a = first_kpi(
        &down,
        &[obs("x", "2020Q4", 100.0 * 0.985f64.powi(2), Basis::Level)],
        "2020Q4",
        Method::GrowthRatio,
    );
    assert_eq!(a.status, Status::OnTrack);
    // The scaling factor C lowers the positive thresholds: with C = 0.5 the
    // high threshold is 0.75 %, so 1 % a year is on track (unscaled it is not).
    let scaled = one_kpi_plan(
        "2018Q4",
        "2022Q4",
        r#"{"id": "x", "name": "X", "unit": "u", "kind": "level", "direction": "increase",
            "baseline": {"value": 100}, "trend_scale": 0.5}"#,
    );
    let a = first_kpi(
        &scaled,
        &[obs("x", "2020Q4", 102.01, Basis::Level)],
        "2020Q4",
        Method::GrowthRatio,
    );
    assert_eq!(a.status, Status::OnTrack);
    assert_eq!(at(102.01).status, Status::NeedsAcceleration);
}

fn flow_plan() -> Plan {
    one_kpi_plan(
        "2020Q4",
        "2024Q4",
        r#"{"id": "out", "name": "Output", "unit": "u", "kind": "flow", "direction": "increase",
            "baseline": {"value": 100}, "target": {"value": 200}}"#,
    )
}

#[test]
fn annualisation_prefers_trailing_quarters_then_seasonal_share_then_q_over_4() {
    let plan = flow_plan();
    // A strong fourth quarter: 2020 ran 20 by Q3 of 100 for the year.
    let history = [
        obs("out", "2020Q3", 20.0, Basis::Ytd),
        obs("out", "2020Q4", 100.0, Basis::Ytd),
    ];
    // 2021Q3 = 30 with last year's figures: 30 + (100 - 20) = 110.
    let mut data = history.to_vec();
    data.push(obs("out", "2021Q3", 30.0, Basis::Ytd));
    let a = first_kpi(&plan, &data, "2021Q3", Method::GrowthRatio);
    let l = a.latest.unwrap();
    assert_eq!(l.annualised_by, Some(Annualisation::TrailingFourQuarters));
    close(Some(l.value), 110.0, 1e-12);
    // 2022Q3 = 33 without 2021Q4: the seasonal share of 2020 (20 / 100) gives
    // 33 / 0.2 = 165, where q/4 would say 44.
    let mut data = history.to_vec();
    data.push(obs("out", "2022Q3", 33.0, Basis::Ytd));
    let a = first_kpi(&plan, &data, "2022Q3", Method::GrowthRatio);
    let l = a.latest.unwrap();
    assert_eq!(l.annualised_by, Some(Annualisation::SeasonalShare));
    close(Some(l.value), 165.0, 1e-9);
    // Shares of several years are averaged: 2021 adds 30 / 120 = 0.25, mean 0.225.
    let mut data = history.to_vec();
    data.extend([
        obs("out", "2021Q3", 30.0, Basis::Ytd),
        obs("out", "2021Q4", 120.0, Basis::Ytd),
    ]);
    data.push(obs("out", "2023Q3", 45.0, Basis::Ytd));
    let a = first_kpi(&plan, &data, "2023Q3", Method::GrowthRatio);
    close(Some(a.latest.unwrap().value), 45.0 / 0.225, 1e-9);
    // With no earlier year, q/4.
    let a = first_kpi(
        &plan,
        &[obs("out", "2022Q3", 33.0, Basis::Ytd)],
        "2022Q3",
        Method::GrowthRatio,
    );
    let l = a.latest.unwrap();
    assert_eq!(l.annualised_by, Some(Annualisation::Proportional));
    close(Some(l.value), 44.0, 1e-12);
}

#[test]
fn interim_milestone_is_judged_beside_the_target() {
    // Compound 100 -> 121 (2022Q4) -> 200 (2024Q4); at 2021Q4, 105:
    // against the milestone the required rate is 10 % a year, actual 5 %.
    let plan = one_kpi_plan(
        "2020Q4",
        "2024Q4",
        r#"{"id": "x", "name": "X", "unit": "u", "kind": "level", "direction": "increase",
            "trajectory": "compound", "baseline": {"value": 100}, "target": {"value": 200},
            "milestones": [{"period": "2022Q4", "value": 121}]}"#,
    );
    let a = first_kpi(
        &plan,
        &[obs("x", "2021Q4", 105.0, Basis::Level)],
        "2021Q4",
        Method::GrowthRatio,
    );
    let m = a.next_milestone.expect("next milestone");
    assert_eq!((m.period, m.value), (period("2022Q4"), 121.0));
    close(m.growth_ratio, 0.05 / ((1.21f64).powf(0.5) - 1.0), 1e-12);
    assert_eq!(m.status, Status::LimitedProgress);
    close(a.expected, 110.0, 1e-9);
    let a = first_kpi(
        &plan,
        &[obs("x", "2021Q4", 125.0, Basis::Level)],
        "2021Q4",
        Method::GrowthRatio,
    );
    assert_eq!(a.next_milestone.unwrap().status, Status::Achieved);
}

#[test]
fn growth_on_a_year_earlier_published_or_computed() {
    let plan = flow_plan();
    let mut published = obs("out", "2022Q1", 30.0, Basis::Ytd);
    published.yoy_pct = Some(27.0);
    let data = [obs("out", "2021Q1", 25.0, Basis::Ytd), published];
    let a = first_kpi(&plan, &data, "2022Q1", Method::GrowthRatio);
    let y = a.yoy.unwrap();
    // As published, though 30 / 25 - 1 is 20 %: above-size sets change yearly.
    assert_eq!((y.pct, y.published), (Some(27.0), true));
    let data = [
        obs("out", "2021Q1", 25.0, Basis::Ytd),
        obs("out", "2022Q1", 30.0, Basis::Ytd),
    ];
    let y = first_kpi(&plan, &data, "2022Q1", Method::GrowthRatio)
        .yoy
        .unwrap();
    assert!(!y.published);
    close(y.pct, 20.0, 1e-9);
}

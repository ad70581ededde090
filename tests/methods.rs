//! The assessment against the test vectors of docs/methods.md, one case a
//! file in tests/fixtures/methods (its plan, its figures and the figures its
//! source publishes or its formula gives, each with its source), and every
//! status threshold at its edge.

use serde_json::Value;

use crate::support::{close, first_kpi};
use crate::support::{obs, one_kpi_plan, period, root};
use plantrack::core::assess::{Method, assess};
use plantrack::core::observation::{Basis, Observation};
use plantrack::core::plan::Plan;
use plantrack::core::status::{Status, Thresholds};

/// methods.md section 1: base 100 in 2015, target 200 in 2030.
fn growth_plan(direction: &str, base: f64, target: f64, comparator: &str) -> Plan {
    one_kpi_plan(
        "2015",
        "2030",
        &format!(
            r#"{{"id": "x", "name": "X", "unit": "u", "kind": "level", "direction": "{direction}",
                "baseline": {{"value": {base}}}, "target": {{"value": {target}, "comparator": "{comparator}"}}}}"#
        ),
    )
}

#[test]
fn the_method_vectors_in_the_fixtures() {
    let dir = root().join("tests/fixtures/methods");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/methods")
        .map(|e| e.expect("a fixture").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 20,
        "{} fixtures in {}",
        files.len(),
        dir.display()
    );
    let failures: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let name = f.file_name().map(|n| n.to_string_lossy().into_owned());
            check_case(f)
                .err()
                .map(|e| format!("{}: {e}", name.unwrap_or_default()))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Assesses one fixture's plan and figures and checks what it expects:
/// `exactly` (JSON values at dotted paths of the KPI's assessment, as
/// `status --format json` writes it), `figures` (numbers within a tolerance)
/// and `reason_contains`.
fn check_case(path: &std::path::Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let case: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let plan: Plan = serde_json::from_value(case["plan"].clone()).map_err(|e| e.to_string())?;
    let broken = plantrack::core::rules::check(&plan);
    if !broken.is_empty() {
        return Err(format!("the plan breaks a rule: {broken:?}"));
    }
    let method: Method = case["method"].as_str().unwrap_or("").parse()?;
    let as_of = period(case["as_of"].as_str().unwrap_or(""));
    let observations: Vec<Observation> = case["observations"]
        .as_array()
        .ok_or("no observations")?
        .iter()
        .map(|o| Observation {
            kpi: o["kpi"].as_str().unwrap_or("").into(),
            period: period(o["period"].as_str().unwrap_or("")),
            value: o["value"].as_f64().unwrap_or(f64::NAN),
            basis: serde_json::from_value(o["basis"].clone()).unwrap_or(Basis::Level),
            scope: "zone".into(),
            source: "test fixture".into(),
            note: None,
            yoy_pct: None,
        })
        .collect();
    let a = assess(&plan, &observations, as_of, method).kpis.remove(0);
    let got = serde_json::to_value(&a).map_err(|e| e.to_string())?;
    let at = |path: &str| path.split('.').fold(&got, |v, key| &v[key]);
    let expect = &case["expect"];
    let mut checked = 0;
    for (path, want) in expect["exactly"].as_object().into_iter().flatten() {
        if at(path) != want {
            return Err(format!("{path} is {}, expected {want}", at(path)));
        }
        checked += 1;
    }
    for f in expect["figures"].as_array().into_iter().flatten() {
        let field = f["field"].as_str().unwrap_or("");
        let (want, within) = (f["value"].as_f64(), f["within"].as_f64());
        let (Some(want), Some(within)) = (want, within) else {
            return Err(format!("{field}: a figure needs a value and a tolerance"));
        };
        let got = at(field)
            .as_f64()
            .ok_or(format!("{field} is {}", at(field)))?;
        if (got - want).abs() > within {
            let formula = f["formula"]
                .as_str()
                .map_or(String::new(), |x| format!(" = {x}"));
            return Err(format!(
                "{field} is {got}, expected {want}{formula} within {within}"
            ));
        }
        checked += 1;
    }
    if let Some(words) = expect["reason_contains"].as_str() {
        let reason = got["reason"].as_str().unwrap_or("");
        if !reason.contains(words) {
            return Err(format!("the reason `{reason}` does not say `{words}`"));
        }
        checked += 1;
    }
    if checked == 0 {
        return Err("the case expects nothing".to_string());
    }
    Ok(())
}

#[test]
fn thresholds_at_their_edges() {
    let t = Thresholds::GROWTH_RATIO;
    assert_eq!(t.classify(0.95), Status::OnTrack);
    assert_eq!(t.classify(0.949_999), Status::NeedsAcceleration);
    assert_eq!(t.classify(0.60), Status::NeedsAcceleration);
    assert_eq!(t.classify(0.599_999), Status::LimitedProgress);
    assert_eq!(t.classify(0.0), Status::LimitedProgress);
    assert_eq!(t.classify(-0.000_001), Status::Deterioration);
    // Floating-point noise below the ninth decimal does not flip a category.
    assert_eq!(t.classify(0.95 - 1e-13), Status::OnTrack);
    assert_eq!(t.classify(-1e-13), Status::LimitedProgress);
}

/// A count from zero, target 100 over four years (2018Q4 to 2022Q4): at
/// 2020Q4 half the time is gone, so the ratio is value / 50.
fn pace_status(value: f64) -> (Status, Option<f64>) {
    let plan = one_kpi_plan(
        "2018Q4",
        "2022Q4",
        r#"{"id": "x", "name": "X", "unit": "u", "kind": "count", "direction": "increase",
            "target": {"value": 100}}"#,
    );
    let a = first_kpi(
        &plan,
        &[obs("x", "2020Q4", value, Basis::Level)],
        "2020Q4",
        Method::GrowthRatio,
    );
    (a.status, a.growth_ratio)
}

#[test]
fn status_edges_through_the_whole_assessment() {
    assert_eq!(pace_status(47.5), (Status::OnTrack, Some(0.95)));
    assert_eq!(pace_status(47.49).0, Status::NeedsAcceleration);
    assert_eq!(pace_status(30.0), (Status::NeedsAcceleration, Some(0.6)));
    assert_eq!(pace_status(29.99).0, Status::LimitedProgress);
    assert_eq!(pace_status(0.0), (Status::LimitedProgress, Some(0.0)));
    assert_eq!(pace_status(-0.01).0, Status::Deterioration);
    assert_eq!(pace_status(100.0).0, Status::Achieved);
}

#[test]
fn growth_ratio_edge_survives_float_noise() {
    // Required 20 % a year (100 to 144 in two years); 119 after one year is 19 %:
    // R = 0.19 / 0.20 = 0.95 exactly by hand, on track; 118.99 is below.
    let plan = one_kpi_plan(
        "2020Q4",
        "2022Q4",
        r#"{"id": "x", "name": "X", "unit": "u", "kind": "level", "direction": "increase",
            "baseline": {"value": 100}, "target": {"value": 144}}"#,
    );
    let a = first_kpi(
        &plan,
        &[obs("x", "2021Q4", 119.0, Basis::Level)],
        "2021Q4",
        Method::GrowthRatio,
    );
    close(a.growth_ratio, 0.95, 1e-12);
    assert_eq!(a.status, Status::OnTrack);
    let a = first_kpi(
        &plan,
        &[obs("x", "2021Q4", 118.99, Basis::Level)],
        "2021Q4",
        Method::GrowthRatio,
    );
    assert_eq!(a.status, Status::NeedsAcceleration);
}

#[test]
fn thresholds_can_be_overridden_per_kpi() {
    let plan = one_kpi_plan(
        "2015",
        "2030",
        r#"{"id": "x", "name": "X", "unit": "u", "kind": "level", "direction": "increase",
            "baseline": {"value": 100}, "target": {"value": 200},
            "thresholds": {"growth_ratio": {"high": 0.99, "medium": 0.5, "low": 0}}}"#,
    );
    // R = 0.98607: on track by default, needs acceleration under high = 0.99.
    let a = first_kpi(
        &plan,
        &[obs("x", "2019", 120.0, Basis::Level)],
        "2019",
        Method::GrowthRatio,
    );
    assert_eq!(a.status, Status::NeedsAcceleration);
}

#[test]
fn flows_are_annualised_and_estimated_values_do_not_meet_targets() {
    // Industrial output as in Bishan: H1 2018 32.34 (YTD) is 64.68 a year.
    let plan = one_kpi_plan(
        "2018Q2",
        "2022Q4",
        r#"{"id": "out", "name": "Output", "unit": "billion yuan", "kind": "flow",
            "direction": "increase", "trajectory": "compound",
            "baseline": {"value": 32.34}, "target": {"value": 100}}"#,
    );
    let data = [
        obs("out", "2018Q2", 32.34, Basis::Ytd),
        obs("out", "2020Q3", 60.0, Basis::Ytd),
    ];
    let a = first_kpi(&plan, &data, "2020Q3", Method::GrowthRatio);
    let b = a.baseline.clone().unwrap();
    close(Some(b.value), 64.68, 1e-9);
    assert!(b.estimated);
    let l = a.latest.clone().unwrap();
    // 60 for January-September is 80 a year (60 * 4 / 3): below 100, so not met,
    close(Some(l.value), 80.0, 1e-9);
    assert_eq!(l.reported, 60.0);
    assert!(l.estimated);
    assert_ne!(a.status, Status::Achieved);
    // and the CAGR runs from 64.68 to 80 over 2.25 years.
    close(
        a.actual_cagr,
        (80.0f64 / 64.68).powf(1.0 / 2.25) - 1.0,
        1e-12,
    );
    // An annual equivalent of 120 from Q1 (30 x 4) is an estimate: not achieved.
    let a = first_kpi(
        &plan,
        &[obs("out", "2021Q1", 30.0, Basis::Ytd)],
        "2021Q1",
        Method::GrowthRatio,
    );
    assert_ne!(a.status, Status::Achieved);
    // But a year-to-date total that alone passes the annual target is achieved.
    let a = first_kpi(
        &plan,
        &[obs("out", "2021Q3", 101.0, Basis::Ytd)],
        "2021Q3",
        Method::GrowthRatio,
    );
    assert_eq!(a.status, Status::Achieved);
}

#[test]
fn quarterly_flows_sum_to_year_to_date_only_without_gaps() {
    let plan = one_kpi_plan(
        "2018Q2",
        "2022Q4",
        r#"{"id": "out", "name": "Output", "unit": "u", "kind": "flow", "direction": "increase",
            "baseline": {"value": 32.34}, "target": {"value": 500}}"#,
    );
    let data = [
        obs("out", "2019Q1", 10.0, Basis::Quarter),
        obs("out", "2019Q2", 12.0, Basis::Quarter),
        obs("out", "2019Q4", 15.0, Basis::Quarter),
    ];
    // Q3 is missing, so Q4's year-to-date total is unknown: latest stays 2019Q2.
    let a = first_kpi(&plan, &data, "2019Q4", Method::GrowthRatio);
    let l = a.latest.unwrap();
    assert_eq!(l.period, period("2019Q2"));
    assert_eq!(l.reported, 22.0);
    close(Some(l.value), 44.0, 1e-12);
}

#[test]
fn counts_fed_as_increments_become_running_totals() {
    let plan = one_kpi_plan(
        "2018Q2",
        "2022Q4",
        r#"{"id": "firms", "name": "Firms", "unit": "firms", "kind": "count",
            "direction": "increase", "target": {"value": 100}}"#,
    );
    let data = [
        obs("firms", "2018Q3", 5.0, Basis::Increment),
        obs("firms", "2018Q4", 7.0, Basis::Increment),
        obs("firms", "2019Q2", 3.0, Basis::Increment),
    ];
    // 2019Q1 is missing: the running total after the gap is unknown, not 15.
    let a = first_kpi(&plan, &data, "2019Q2", Method::GrowthRatio);
    let l = a.latest.unwrap();
    assert_eq!((l.period, l.value), (period("2018Q4"), 12.0));
}

#[test]
fn mixed_scopes_are_not_one_series() {
    let plan = growth_plan("increase", 100.0, 200.0, ">=");
    let mut other = obs("x", "2019", 150.0, Basis::Level);
    other.scope = "zone, above designated size".into();
    let a = first_kpi(
        &plan,
        &[obs("x", "2015", 100.0, Basis::Level), other],
        "2019",
        Method::GrowthRatio,
    );
    assert_eq!(a.status, Status::InsufficientData);
    assert_eq!(a.growth_ratio, None);
    assert_eq!(a.completion, None);
    assert!(a.reason.unwrap().contains("two scopes are not one series"));
    close(a.gap, -50.0, 1e-12);
}

#[test]
fn one_point_zero_baseline_and_no_data() {
    let plan = growth_plan("increase", 100.0, 200.0, ">=");
    let a = first_kpi(
        &plan,
        &[obs("x", "2015", 100.0, Basis::Level)],
        "2015",
        Method::GrowthRatio,
    );
    assert_eq!(a.status, Status::InsufficientData);
    assert!(a.reason.unwrap().contains("only the baseline"));
    let a = first_kpi(&plan, &[], "2019", Method::GrowthRatio);
    assert_eq!(a.status, Status::NoData);
    // A negative value has no CAGR: not assessable, with the reason.
    let a = first_kpi(
        &plan,
        &[obs("x", "2019", -5.0, Basis::Level)],
        "2019",
        Method::GrowthRatio,
    );
    assert_eq!(a.status, Status::InsufficientData);
    assert!(a.reason.unwrap().contains("not negative"));
}

#[test]
fn milestones_pending_achieved_overdue() {
    let plan = one_kpi_plan(
        "2018Q2",
        "2022Q4",
        r#"{"id": "m", "name": "M", "kind": "milestone", "target": {"period": "2022Q4"}}"#,
    );
    assert_eq!(
        first_kpi(&plan, &[], "2021Q4", Method::GrowthRatio).status,
        Status::Pending
    );
    let done = [
        obs("m", "2020Q2", 0.0, Basis::Level),
        obs("m", "2021Q2", 1.0, Basis::Level),
    ];
    let a = first_kpi(&plan, &done, "2022Q4", Method::GrowthRatio);
    assert_eq!(a.status, Status::Achieved);
    assert_eq!(a.latest.unwrap().period, period("2021Q2"));
    assert_eq!(
        first_kpi(&plan, &done[..1], "2023Q1", Method::GrowthRatio).status,
        Status::Overdue
    );
}

#[test]
fn interim_milestones_shape_the_trajectory() {
    // Linear 100 -> 120 (2020Q4) -> 200 (2022Q4): at 2021Q4 the plan expects 160.
    let plan = one_kpi_plan(
        "2018Q4",
        "2022Q4",
        r#"{"id": "x", "name": "X", "unit": "u", "kind": "level", "direction": "increase",
            "baseline": {"value": 100}, "target": {"value": 200},
            "milestones": [{"period": "2020Q4", "value": 120}]}"#,
    );
    let a = first_kpi(
        &plan,
        &[obs("x", "2021Q4", 150.0, Basis::Level)],
        "2021Q4",
        Method::GrowthRatio,
    );
    close(a.expected, 160.0, 1e-9);
    close(a.gap_to_trajectory, -10.0, 1e-9);
    // Compound 100 -> 144 over two years expects 120 after one.
    let plan = one_kpi_plan(
        "2020Q4",
        "2022Q4",
        r#"{"id": "x", "name": "X", "unit": "u", "kind": "level", "direction": "increase",
            "trajectory": "compound", "baseline": {"value": 100}, "target": {"value": 144}}"#,
    );
    let a = first_kpi(
        &plan,
        &[obs("x", "2021Q4", 119.0, Basis::Level)],
        "2021Q4",
        Method::GrowthRatio,
    );
    close(a.expected, 120.0, 1e-9);
}

//! Targets as Chinese plans state them (年均增长, 累计下降, 提高…个百分点), a
//! year's growth target (增长10%左右) and binding or indicative indicators.
//! Every expected figure is worked out by hand in the comment beside it.

use proptest::prelude::*;

use crate::support::{Work, obs, period};
use crate::support::{close, first_kpi};
use plantrack::core::assess::{KpiAssessment, Method};
use plantrack::core::observation::{Basis, Observation};
use plantrack::core::plan::Plan;
use plantrack::core::status::Status;
use plantrack::intake::load::plan_file;
use plantrack::problem::SourceFile;

/// A plan of one KPI `x`, 2020Q4 to 2025Q4, read as a plan file is (rules
/// checked, stated targets resolved); `kpi` is the rest of the KPI's JSON.
fn plan(kpi: &str) -> Result<Plan, String> {
    let json = format!(
        r#"{{"id": "t", "name": "Test plan", "source": "test fixture", "scope": "zone",
            "baseline_period": "2020Q4", "target_period": "2025Q4",
            "kpis": [{{"id": "x", "name": "X", {kpi}}}]}}"#
    );
    plan_file::parse(&SourceFile::new("t.json", json)).map_err(|p| {
        p.iter()
            .map(|p| format!("{p:?}"))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

fn with_yoy(mut o: Observation, pct: f64) -> Observation {
    o.yoy_pct = Some(pct);
    o
}

#[test]
fn average_growth_comes_to_its_level_and_is_the_required_rate() {
    // GDP年均增长8% from 1000 (2020) over 5 years: 1000 × 1.08^5 = 1469.3280768.
    let p = plan(
        r#""unit": "亿元", "kind": "flow", "direction": "increase",
           "baseline": {"value": 1000}, "target": {"average_growth_pct": 8}"#,
    )
    .unwrap();
    close(p.kpis[0].target.value, 1_469.328_076_8, 1e-9);
    // 1160 for 2022 (a whole year: Q4 year to date).
    let a = first_kpi(
        &p,
        &[obs("x", "2022Q4", 1160.0, Basis::Ytd)],
        "2022Q4",
        Method::GrowthRatio,
    );
    // The required growth is exactly the stated 8 %.
    close(a.required_cagr, 0.08, 1e-12);
    // Actual: 1.16^(1/2) - 1 = 0.0770329614; ratio 0.0770329614 / 0.08 = 0.962912.
    close(a.actual_cagr, 0.077_032_961_4, 1e-9);
    close(a.growth_ratio, 0.962_912_017, 1e-8);
    // Completion: (1160 - 1000) / 469.3280768 = 0.340912...; time 2 of 5 years.
    close(a.completion, 160.0 / 469.328_076_8, 1e-12);
    close(a.time_elapsed, 0.4, 1e-12);
    assert_eq!(a.status, Status::OnTrack);
    // The trajectory is compound at 8 %: 1000 × 1.08^2 = 1166.4 expected for 2022.
    close(a.expected, 1166.4, 1e-9);
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["target"]["stated"]["form"], "average_growth_pct");
    assert_eq!(json["target"]["stated"]["value"], 8.0);
}

#[test]
fn a_cumulative_fall_and_a_change_in_points() {
    // 单位GDP能耗累计下降13.5% from 0.5: 0.5 × (1 - 0.135) = 0.4325.
    let p = plan(
        r#""unit": "tce per 10k yuan", "kind": "level", "direction": "decrease",
           "baseline": {"value": 0.5}, "target": {"change_pct": -13.5}, "nature": "binding""#,
    )
    .unwrap();
    close(p.kpis[0].target.value, 0.4325, 1e-12);
    let a = first_kpi(
        &p,
        &[obs("x", "2022Q4", 0.47, Basis::Level)],
        "2022Q4",
        Method::GrowthRatio,
    );
    // Completion: (0.5 - 0.47) / 0.0675 = 0.4444...; gap 0.47 - 0.4325 = 0.0375.
    close(a.completion, 0.03 / 0.0675, 1e-9);
    close(a.gap, 0.0375, 1e-12);
    assert_eq!(
        serde_json::to_value(&a).unwrap()["nature"],
        serde_json::json!("binding")
    );
    // 研发投入强度提高1.2个百分点 from 2.4: 3.6; 2.9 is 0.5 / 1.2 of the way.
    let p = plan(
        r#""unit": "%", "kind": "ratio", "direction": "increase",
           "baseline": {"value": 2.4}, "target": {"change_pp": 1.2}"#,
    )
    .unwrap();
    close(p.kpis[0].target.value, 3.6, 1e-12);
    let a = first_kpi(
        &p,
        &[obs("x", "2022Q4", 2.9, Basis::Level)],
        "2022Q4",
        Method::GrowthRatio,
    );
    close(a.completion, 0.5 / 1.2, 1e-12);
}

#[test]
fn a_stated_target_without_what_it_needs_is_refused() {
    let refused = |kpi: &str, words: &str| {
        let e = plan(kpi).expect_err(kpi);
        assert!(e.contains(words), "{kpi}: {e}");
    };
    refused(
        r#""unit": "亿元", "kind": "level", "direction": "increase",
           "target": {"average_growth_pct": 8}"#,
        "needs the baseline it starts from",
    );
    refused(
        r#""unit": "亿元", "kind": "level", "direction": "increase",
           "baseline": {"value": 1}, "target": {"value": 2, "change_pct": 10}"#,
        "stated 2 ways",
    );
    refused(
        r#""unit": "亿元", "kind": "level", "direction": "increase",
           "baseline": {"value": 1}, "target": {"change_pp": 1}"#,
        "is for a `%` KPI",
    );
    refused(
        r#""unit": "亿元", "kind": "flow", "direction": "increase",
           "baseline": {"period": "2021Q2", "value": 500}, "target": {"average_growth_pct": 8}"#,
        "grows from a whole year",
    );
    refused(
        r#""unit": "亿元", "kind": "level", "direction": "increase",
           "baseline": {"value": 1}, "target": {"value": 2},
           "annual": [{"year": 2023, "growth_pct": 10, "value": 2}]"#,
        "both a growth and a value",
    );
}

/// A flow with a 2023 growth target of `target` % (`about`), fed 2023 Q3 (or
/// Q4) with a published growth of `yoy` %.
fn annual(target: f64, about: bool, yoy: f64, quarter: &str, direction: &str) -> KpiAssessment {
    let p = plan(&format!(
        r#""unit": "亿元", "kind": "flow", "direction": "{direction}",
           "baseline": {{"value": 800}}, "target": {{"value": {end}}},
           "annual": [{{"year": 2023, "growth_pct": {target}, "about": {about}}}]"#,
        end = if direction == "increase" { 1300 } else { 500 },
    ))
    .unwrap();
    let data = [with_yoy(obs("x", quarter, 700.0, Basis::Ytd), yoy)];
    first_kpi(&p, &data, quarter, Method::GrowthRatio)
}

fn year(a: &KpiAssessment) -> (Status, Option<f64>) {
    let g = a.annual_growth.as_ref().expect("a 2023 growth target");
    (g.status, g.ratio)
}

#[test]
fn a_years_growth_target_met_within_the_tolerance_and_at_each_threshold() {
    // Met outright: on track before the year's Q4 figure, achieved on it.
    assert_eq!(
        year(&annual(10.0, false, 10.2, "2023Q3", "increase")).0,
        Status::OnTrack
    );
    assert_eq!(
        year(&annual(10.0, false, 10.2, "2023Q4", "increase")).0,
        Status::Achieved
    );
    // About (左右), tolerance 0.5 points: 9.5 is within, 9.4 is not (9.4 / 10 = 0.94).
    assert_eq!(
        year(&annual(10.0, true, 9.5, "2023Q3", "increase")).0,
        Status::OnTrack
    );
    assert_eq!(
        year(&annual(10.0, true, 9.5, "2023Q4", "increase")).0,
        Status::Achieved
    );
    let (s, r) = year(&annual(10.0, true, 9.4, "2023Q3", "increase"));
    assert_eq!(s, Status::NeedsAcceleration);
    close(r, 0.94, 1e-12);
    // Not about: the ratio yoy / target against 0.95 and 0.60, on both sides.
    assert_eq!(
        year(&annual(10.0, false, 9.5, "2023Q3", "increase")).0,
        Status::OnTrack
    );
    assert_eq!(
        year(&annual(10.0, false, 9.49, "2023Q3", "increase")).0,
        Status::NeedsAcceleration
    );
    assert_eq!(
        year(&annual(10.0, false, 6.0, "2023Q3", "increase")).0,
        Status::NeedsAcceleration
    );
    assert_eq!(
        year(&annual(10.0, false, 5.99, "2023Q3", "increase")).0,
        Status::LimitedProgress
    );
    // A fall against a growth target: -1 / 10 = -0.1.
    let (s, r) = year(&annual(10.0, false, -1.0, "2023Q3", "increase"));
    assert_eq!(s, Status::Deterioration);
    close(r, -0.1, 1e-12);
}

#[test]
fn a_years_fall_target_for_a_decreasing_kpi() {
    // 下降3%: -3.5 meets it; -2 is 2/3 of it; +1 moves away.
    assert_eq!(
        year(&annual(-3.0, false, -3.5, "2023Q3", "decrease")).0,
        Status::OnTrack
    );
    let (s, r) = year(&annual(-3.0, false, -2.0, "2023Q3", "decrease"));
    assert_eq!(s, Status::NeedsAcceleration);
    close(r, 2.0 / 3.0, 1e-12);
    assert_eq!(
        year(&annual(-3.0, false, 1.0, "2023Q3", "decrease")).0,
        Status::Deterioration
    );
}

#[test]
fn a_years_growth_computed_from_the_year_before_and_when_none_can_be() {
    let p = plan(
        r#""unit": "亿元", "kind": "flow", "direction": "increase",
           "baseline": {"value": 800}, "target": {"value": 1300},
           "annual": [{"year": 2023, "growth_pct": 10}]"#,
    )
    .unwrap();
    // January-September: 700 in 2022, 766.5 in 2023: 766.5 / 700 - 1 = 9.5 %.
    let data = [
        obs("x", "2022Q3", 700.0, Basis::Ytd),
        obs("x", "2023Q3", 766.5, Basis::Ytd),
    ];
    let a = first_kpi(&p, &data, "2023Q3", Method::GrowthRatio);
    let g = a.annual_growth.as_ref().unwrap();
    close(g.yoy_pct, 9.5, 1e-9);
    assert_eq!(g.published, Some(false));
    close(g.ratio, 0.95, 1e-9);
    // Without the year before: no growth, so no status, and a reason.
    let a = first_kpi(&p, &data[1..], "2023Q3", Method::GrowthRatio);
    let g = a.annual_growth.as_ref().unwrap();
    assert_eq!(g.status, Status::InsufficientData);
    assert!(
        g.reason.as_deref().unwrap_or("").contains("2022Q3"),
        "{g:?}"
    );
    // A growth target of 0 that is not met has no ratio.
    let zero = annual(0.0, false, -1.0, "2023Q3", "increase");
    assert_eq!(year(&zero), (Status::InsufficientData, None));
    // No 2023 figure yet: the 2023 target waits for one.
    let a = first_kpi(&p, &data[..1], "2023Q1", Method::GrowthRatio);
    assert_eq!(year(&a).0, Status::InsufficientData);
}

#[test]
fn a_years_level_is_a_milestone_at_its_q4() {
    let p = plan(
        r#""unit": "亿元", "kind": "level", "direction": "increase",
           "baseline": {"value": 1000}, "target": {"value": 1500},
           "annual": [{"year": 2023, "value": 1300}]"#,
    )
    .unwrap();
    assert_eq!(p.kpis[0].milestones.len(), 1);
    assert_eq!(p.kpis[0].milestones[0].period, period("2023Q4"));
    assert_eq!(p.kpis[0].milestones[0].value, 1300.0);
}

proptest! {
    /// A target stated as an average growth of r % and the same target as its
    /// level with a compound path are assessed alike.
    #[test]
    fn average_growth_is_its_level_on_a_compound_path(
        r in -15.0f64..30.0,
        base in 10.0f64..1000.0,
        seen in 0.5f64..2.0,
    ) {
        let stated = plan(&format!(
            r#""unit": "u", "kind": "level", "direction": "{}",
               "baseline": {{"value": {base}}}, "target": {{"average_growth_pct": {r}}}"#,
            if r >= 0.0 { "increase" } else { "decrease" }
        )).unwrap();
        let level = stated.kpis[0].target.value.unwrap();
        let given = plan(&format!(
            r#""unit": "u", "kind": "level", "direction": "{}", "trajectory": "compound",
               "baseline": {{"value": {base}}}, "target": {{"value": {level:?}}}"#,
            if r >= 0.0 { "increase" } else { "decrease" }
        )).unwrap();
        let data = [obs("x", "2022Q4", base * seen, Basis::Level)];
        let (mut a, b) = (first_kpi(&stated, &data, "2022Q4", Method::GrowthRatio), first_kpi(&given, &data, "2022Q4", Method::GrowthRatio));
        prop_assert_eq!(a.target.stated.map(|s| s.number()), Some(r));
        a.target.stated = b.target.stated;
        // The plan's average growth a year: r as stated; derived from the
        // level, r to the float noise of a power and a root.
        let (sa, sb) = (a.since_base.as_mut().unwrap(), b.since_base.as_ref().unwrap());
        prop_assert!((sa.planned.unwrap() - sb.planned.unwrap()).abs() < 1e-9 * r.abs().max(1.0));
        prop_assert_eq!(sa.planned, Some(r));
        sa.planned = sb.planned;
        prop_assert_eq!(a, b);
    }
}

/// The four goals of a Chinese plan, fed as the bureau publishes them.
const DISTRICT: &str = r#"{
  "id": "district", "name": "A district's five-year plan (SYNTHETIC test fixture)",
  "name_zh": "某区五年规划（合成测试数据）", "source": "SYNTHETIC test fixture",
  "scope": "district", "baseline_period": "2020Q4", "target_period": "2025Q4",
  "kpis": [
    {"id": "gdp", "name": "GDP", "name_zh": "地区生产总值", "unit": "亿元", "kind": "flow",
     "direction": "increase", "baseline": {"value": 1000},
     "target": {"average_growth_pct": 8}, "nature": "indicative"},
    {"id": "energy", "name": "Energy per unit of GDP", "name_zh": "单位GDP能耗",
     "unit": "tce per 10k yuan", "kind": "level", "direction": "decrease",
     "baseline": {"value": 0.5}, "target": {"change_pct": -13.5}, "nature": "binding"},
    {"id": "rd", "name": "R&D intensity", "name_zh": "研发投入强度", "unit": "%",
     "kind": "ratio", "direction": "increase", "baseline": {"value": 2.4},
     "target": {"change_pp": 1.2}, "nature": "indicative"},
    {"id": "output", "name": "Above-size industrial output", "name_zh": "规上工业总产值",
     "unit": "亿元", "kind": "flow", "direction": "increase", "baseline": {"value": 800},
     "target": {"average_growth_pct": 10},
     "annual": [{"year": 2023, "growth_pct": 10, "about": true}]}
  ]
}"#;

const DISTRICT_DATA: &str = "kpi,period,value,unit,basis,scope,source,note,yoy
energy,2022Q4,0.47,tce per 10k yuan,level,district,SYNTHETIC,,
gdp,2022Q4,1060,亿元,ytd,district,SYNTHETIC,,
output,2022Q3,700,亿元,ytd,district,SYNTHETIC,,
output,2023Q3,769.3,亿元,ytd,district,SYNTHETIC,,9.8
rd,2022Q4,2.9,%,level,district,SYNTHETIC,,
";

fn district() -> Work {
    let w = Work::new();
    w.write("targets/district.json", DISTRICT);
    w.write("data/district/actuals.csv", DISTRICT_DATA);
    w
}

#[test]
fn every_output_says_the_target_in_the_plans_words() {
    let w = district();
    let status = w.run(&["status", "--detail", "--wide"]);
    status.expect(0);
    for words in [
        "≥ 1,469.33 (2025Q4, +8 % a year)",
        "≤ 0.4325 (2025Q4, -13.5 % in all)",
        "≥ 3.6 (2025Q4, +1.2 pp)",
        "output: 2023 growth target +10 % (about, ±0.5 pp): +9.8 % on a year earlier (published, 2023Q3), 0.980 of it: on track",
    ] {
        assert!(status.stdout.contains(words), "{words}\n{status:?}");
    }
    let report = w.run(&["report", "--lang", "zh"]);
    report.expect(0);
    for words in [
        "年均增长8%",
        "累计下降13.5%",
        "提高1.2个百分点",
        "2023年增长目标为增长10%左右（±0.5个百分点）；2023年1-9月同比增长9.8%（公布数），低于目标0.2个百分点，正常推进",
        "约束性指标1项中1项已完成或进度正常。预期性指标2项中",
    ] {
        assert!(report.stdout.contains(words), "{words}\n{report:?}");
    }
    let explain = w.run(&["explain", "gdp"]);
    explain.expect(0);
    assert!(
        explain
            .stdout
            .contains("= 1000 * (1 + 8 / 100)^5\n     = 1469.3280768"),
        "{explain:?}"
    );
    let explain = w.run(&["explain", "output"]);
    assert!(
        explain.stdout.contains("2023 growth target g*"),
        "{explain:?}"
    );
    assert!(
        explain.stdout.contains("= 9.8 / 10\n     = 0.98"),
        "{explain:?}"
    );
    let explain = w.run(&["explain", "output", "--lang", "zh"]);
    for words in [
        "规上工业总产值（亿元）",
        "年均增长 r%：x0 * (1 + r / 100)^(T - t0)，以规划基期值为起点\n     = 800 * (1 + 10 / 100)^5\n     = 1288.408",
        "19. 2023年增长目标 g*\n     来自规划；“左右”：在容差内即为完成\n     = ≥10%，容差0.5个百分点",
        "20. 同比增长 g（2023年1-9月）\n     随数据公布\n     = 9.8",
        "9.8%与目标10%左右相差不超过0.5个百分点 -> 正常推进",
    ] {
        assert!(explain.stdout.contains(words), "{words}\n{explain:?}");
    }
}

#[test]
fn check_warns_on_an_indicative_indicator_and_fails_on_a_binding_one() {
    // GDP (indicative): 1060 for 2022 is 1.06^(1/2) - 1 = 2.96 % a year
    // against 8 %: ratio 0.37, limited progress.
    let w = district();
    let r = w.run(&["check", "--kpi", "gdp"]);
    r.expect(0);
    assert!(
        r.stdout
            .contains("WARN district/gdp (亿元): limited progress"),
        "{r:?}"
    );
    assert!(
        r.stdout.contains("1 indicative below it, not failed"),
        "{r:?}"
    );
    let r = w.run(&["check", "--kpi", "gdp", "--fail-on-indicative"]);
    r.expect(1);
    assert!(r.stdout.contains("FAIL district/gdp"), "{r:?}");
    // The same figure for a binding indicator fails.
    w.write(
        "targets/district.json",
        DISTRICT.replace(r#""nature": "indicative"}"#, r#""nature": "binding"}"#),
    );
    let r = w.run(&["check", "--kpi", "gdp"]);
    r.expect(1);
    assert!(
        r.stdout
            .contains("FAIL district/gdp (亿元): limited progress"),
        "{r:?}"
    );
}

#[test]
fn a_plans_display_unit_shows_chinese_figures_in_it_exactly() {
    let w = Work::new();
    // Kept in 亿元, shown in 万元 (×10,000); 0.42亿元 is 4,200万元.
    w.write(
        "targets/small.json",
        r#"{"id": "small", "name": "Small zone (SYNTHETIC)", "source": "SYNTHETIC",
            "baseline_period": "2022Q4", "target_period": "2025Q4",
            "kpis": [{"id": "fdi", "name": "Foreign investment", "name_zh": "实际利用外资",
                      "unit": "亿元", "unit_zh": "万元", "kind": "flow", "direction": "increase",
                      "baseline": {"value": 0.4}, "target": {"value": 0.6}}]}"#,
    );
    w.write(
        "data/small/actuals.csv",
        "kpi,period,value,unit,basis,scope,source,note,yoy\nfdi,2023Q4,0.42,亿元,ytd,,SYNTHETIC,,\n",
    );
    let status = w.run(&["status", "--detail", "--lang", "zh"]);
    status.expect(0);
    for words in ["实际利用外资", "（万元）", "4,200", "≥ 6,000", "-1,800"] {
        assert!(status.stdout.contains(words), "{words}\n{status:?}");
    }
    // explain's working in 万元 still redoes to each figure: 4200 - 6000.
    let explain = w.run(&["explain", "fdi", "--lang", "zh"]);
    assert!(
        explain.stdout.contains("= 4200 - 6000\n     = -1800"),
        "{explain:?}"
    );
    // English keeps the plan's unit.
    let en = w.run(&["status", "--detail", "--lang", "en", "--wide"]);
    assert!(
        en.stdout.contains("0.42") && !en.stdout.contains("万元"),
        "{en:?}"
    );
    // A display unit of another kind is refused.
    let plan = std::fs::read_to_string(w.path("targets/small.json")).unwrap();
    w.write("targets/small.json", plan.replace("\"万元\"", "\"km²\""));
    let r = w.run(&["validate"]);
    r.expect(2);
    assert!(
        r.stderr
            .contains("unit_zh `km²` is not a unit `亿元` converts into"),
        "{r:?}"
    );
}

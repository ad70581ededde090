//! Properties that must hold for any plan and data, not just the examples.

use crate::support::{obs, one_kpi_plan};
use plantrack::core::assess::{KpiAssessment, Method, assess};
use plantrack::core::observation::Basis;
use plantrack::core::period::Period;
use plantrack::core::plan::Plan;
use plantrack::intake::load::{actuals, plan_file};

/// The shipped Bishan plan, read once for every case of every property.
fn shipped_plan() -> &'static Plan {
    static PLAN: std::sync::OnceLock<Plan> = std::sync::OnceLock::new();
    PLAN.get_or_init(|| {
        let text = std::fs::read_to_string(crate::support::root().join("targets/bishan-2022.json"))
            .expect("the shipped plan");
        serde_json::from_str(&text).expect("the shipped plan parses")
    })
}
use plantrack::problem::SourceFile;
use proptest::prelude::*;

const KINDS: [&str; 3] = ["level", "ratio", "flow"];

fn kpi_plan(kind: &str, direction: &str, base: f64, target: f64, shape: &str) -> Plan {
    let comparator = if direction == "increase" { ">=" } else { "<=" };
    one_kpi_plan(
        "2018Q2",
        "2022Q4",
        &format!(
            r#"{{"id": "x", "name": "X", "unit": "u", "kind": "{kind}", "direction": "{direction}",
                "trajectory": "{shape}", "baseline": {{"value": {base:?}}},
                "target": {{"value": {target:?}, "comparator": "{comparator}"}}}}"#
        ),
    )
}

fn basis_of(kind: &str) -> Basis {
    if kind == "flow" {
        Basis::Ytd
    } else {
        Basis::Level
    }
}

fn assess_one(plan: &Plan, points: &[(i32, f64)], kind: &str) -> KpiAssessment {
    assess_by(plan, points, kind, Method::GrowthRatio)
}

fn assess_by(plan: &Plan, points: &[(i32, f64)], kind: &str, method: Method) -> KpiAssessment {
    let start = plan.baseline_period;
    let data: Vec<_> = points
        .iter()
        .map(|&(q, v)| obs("x", &start.add_quarters(q).to_string(), v, basis_of(kind)))
        .collect();
    let as_of = start.add_quarters(18);
    assess(plan, &data, as_of, method).kpis.remove(0)
}

fn all_figures(a: &KpiAssessment) -> Vec<Option<f64>> {
    vec![
        a.expected,
        a.gap,
        a.gap_pct,
        a.attainment,
        a.gap_to_trajectory,
        a.completion,
        a.time_elapsed,
        a.pace_gap_pp,
        a.actual_cagr,
        a.required_cagr,
        a.growth_ratio,
        a.required_rate,
        a.projected,
    ]
}

/// Distinct quarters after the baseline with integer values, so that no two
/// values tie by accident of rounding.
fn series(min: i64) -> impl Strategy<Value = Vec<(i32, f64)>> {
    prop::collection::btree_map(1i32..=18, min..=1000i64, 1..6)
        .prop_map(|m| m.into_iter().map(|(q, v)| (q, v as f64)).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Scaling every value of a KPI (baseline, target, data) by a positive
    /// constant changes no status: growth ratios are unit-free.
    #[test]
    fn scaling_changes_no_status(
        kind in prop::sample::select(KINDS.to_vec()),
        increase in any::<bool>(),
        base in 1i64..1000, target in 1i64..1000,
        points in series(1),
        scale in 0.001f64..1000.0,
        method in prop::sample::select(Method::ALL.to_vec()),
    ) {
        let direction = if increase { "increase" } else { "decrease" };
        let p1 = kpi_plan(kind, direction, base as f64, target as f64, "compound");
        let p2 = kpi_plan(kind, direction, base as f64 * scale, target as f64 * scale, "compound");
        let scaled: Vec<_> = points.iter().map(|&(q, v)| (q, v * scale)).collect();
        let a = assess_by(&p1, &points, kind, method);
        let b = assess_by(&p2, &scaled, kind, method);
        prop_assert_eq!(a.status, b.status);
        if let (Some(x), Some(y)) = (a.growth_ratio, b.growth_ratio) {
            prop_assert!((x - y).abs() <= 1e-9 * x.abs().max(1.0));
        }
    }

    /// A KPI that falls towards a negative target, mirrored (every value
    /// negated) into one that rises towards a positive target, gets the same
    /// status and ratio. From a zero baseline both are assessed by linear pace.
    #[test]
    fn mirrored_decrease_matches_increase(
        target in 1i64..1000,
        points in series(-1000),
        method in prop::sample::select(Method::ALL.to_vec()),
    ) {
        let up = kpi_plan("level", "increase", 0.0, target as f64, "linear");
        let down = kpi_plan("level", "decrease", 0.0, -(target as f64), "linear");
        let mirrored: Vec<_> = points.iter().map(|&(q, v)| (q, -v)).collect();
        let a = assess_by(&up, &points, "level", method);
        let b = assess_by(&down, &mirrored, "level", method);
        prop_assert_eq!(a.status, b.status);
        prop_assert_eq!(a.growth_ratio, b.growth_ratio);
        prop_assert_eq!(a.completion, b.completion);
        prop_assert_eq!(a.projection_ratio, b.projection_ratio);
    }

    /// No NaN or infinity ever reaches output, whatever the values (zero and
    /// negative included).
    #[test]
    fn every_figure_is_finite(
        kind in prop::sample::select(KINDS.to_vec()),
        increase in any::<bool>(),
        base in -50i64..1000, target in -50i64..1000,
        points in series(-50),
    ) {
        let direction = if increase { "increase" } else { "decrease" };
        let plan = kpi_plan(kind, direction, base as f64, target as f64, "linear");
        let a = assess_one(&plan, &points, kind);
        for x in all_figures(&a).into_iter().flatten() {
            prop_assert!(x.is_finite(), "{a:?}");
        }
        let json = serde_json::to_string(&a).unwrap();
        prop_assert!(!json.contains("NaN") && !json.contains("inf"));
    }

    /// Ingest, export (the store is itself a long file), ingest again: the same
    /// store, byte for byte, and a second feed changes nothing.
    #[test]
    fn ingest_export_ingest_is_a_fixpoint(
        rows in prop::collection::btree_map((0usize..3, 0i32..18), -100000i64..1000000, 1..20),
    ) {
        use plantrack::intake::ingest::{grid, layout};
        use plantrack::intake::store;
        let plan: &Plan = shipped_plan();
        let kpis = ["built_up_area", "rd_ratio", "industrial_output"];
        let mut csv = String::from("kpi,period,value\n");
        for (&(k, q), &v) in &rows {
            let period = plan.baseline_period.add_quarters(q);
            csv.push_str(&format!("{},{period},{}\n", kpis[k], v as f64 / 100.0));
        }
        let feed = |text: &str, stored: &[store::Row]| {
            let g = grid::from_csv(SourceFile::new("in.csv", text.to_string()));
            let (records, problems) = layout::records(&g, plan, &layout::Options::default());
            assert!(problems.is_empty(), "{problems:?}");
            let at = |a| g.problem_at(a, "");
            let origin = |_: &store::Row| "actuals.csv".to_string();
            let feed = store::Feed {
                plan,
                records: &records,
                replace: false,
                origin: &origin,
                problem_at: &at,
            };
            store::merge(stored, &feed)
        };
        let first = feed(&csv, &[]);
        prop_assert!(first.problems.is_empty());
        let text = store::render(&first.rows);
        let again = feed(&text, &[]);
        prop_assert_eq!(store::render(&again.rows), text.clone());
        // (Read back whatever the loader says of it: a value at the baseline
        // period may disagree with the plan; that is not what is tested here.)
        let stored = store::read(&SourceFile::new("actuals.csv", text.clone()), plan).rows;
        let second = feed(&text, &stored);
        prop_assert!(!second.has_changes());
        prop_assert_eq!(store::render(&second.rows), text);
    }

    /// The same for a bureau's sheet: title and unit lines, a two-row header
    /// (a KPI over 累计 and 同比), labels without a year, placeholders, a 合计
    /// row and a footnote. Fed, exported as the store, fed again: the same
    /// store, and a second feed of the sheet changes nothing.
    #[test]
    fn a_bureau_sheet_fed_then_exported_is_a_fixpoint(
        cells in prop::collection::btree_map(0u8..4, (prop::option::of(1i64..10_000_000), prop::option::of(-500i64..500), prop::option::of(1i64..2000)), 1..5),
    ) {
        use plantrack::intake::ingest::{grid, layout};
        use plantrack::intake::store;
        let plan: &Plan = shipped_plan();
        let mut sheet = String::from("璧山高新区2021年主要经济指标\n单位：亿元\n时间,工业总产值,,研发投入占比\n,累计,同比,(%)\n");
        let shown = |v: Option<i64>, scale: f64| v.map_or("—".to_string(), |v| format!("{}", v as f64 / scale));
        for (&q, &(value, yoy, ratio)) in &cells {
            let months = ["1-3月", "1-6月份", "1-9月", "1-12月"][q as usize];
            sheet.push_str(&format!("{months},{},{},{}\n", shown(value, 100.0), shown(yoy, 10.0), shown(ratio, 100.0)));
        }
        sheet.push_str("合计,,,\n注：快报数。\n");
        let feed = |name: &str, text: &str, stored: &[store::Row]| {
            let g = grid::from_csv(SourceFile::new(name, text.to_string()));
            let (records, problems) = layout::records(&g, plan, &layout::Options::default());
            let at = |a| g.problem_at(a, "");
            let origin = |_: &store::Row| "actuals.csv".to_string();
            let feed = store::Feed { plan, records: &records, replace: false, origin: &origin, problem_at: &at };
            (store::merge(stored, &feed), problems)
        };
        let (first, problems) = feed("sheet.csv", &sheet, &[]);
        // Every row with a figure read (a KPI with only placeholders has none).
        let expected = cells.values().map(|c| usize::from(c.0.is_some()) + usize::from(c.2.is_some())).sum::<usize>();
        prop_assert!(problems.is_empty() || expected == 0, "{problems:?}");
        prop_assert_eq!(first.rows.len(), expected);
        prop_assume!(expected > 0);
        let text = store::render(&first.rows);
        let (again, problems) = feed("actuals.csv", &text, &[]);
        prop_assert!(problems.is_empty(), "{problems:?}");
        prop_assert_eq!(store::render(&again.rows), text.clone());
        let stored = store::read(&SourceFile::new("actuals.csv", text.clone()), plan).rows;
        let (second, _) = feed("sheet.csv", &sheet, &stored);
        prop_assert!(!second.has_changes());
        prop_assert_eq!(store::render(&second.rows), text);
    }

    /// A number in a plan file is read as exactly the double the same text
    /// gives in a data file, so a baseline stated in both always agrees.
    #[test]
    fn plan_numbers_read_exactly(v in -1.0e9f64..1.0e9) {
        let plan = kpi_plan("level", "increase", v, 2.0, "linear");
        let text = format!("{v:?}");
        prop_assert_eq!(plan.kpis[0].baseline.as_ref().unwrap().value, text.parse::<f64>().unwrap());
        prop_assert_eq!(actuals::parse_value(&text).unwrap(), v);
    }

    /// Neither parser panics on any text.
    #[test]
    fn parsers_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let plan = kpi_plan("level", "increase", 1.0, 2.0, "linear");
        let _ = actuals::parse(&SourceFile::new("a.csv", format!("kpi,period,value\n{text}")), &plan);
        let _ = actuals::parse(&SourceFile::new("b.csv", text.clone()), &plan);
        let _ = plan_file::parse(&SourceFile::new("p.json", text));
    }

    /// The ingest parsers never panic either: decoding, splitting CSV, reading
    /// any layout, reading a cell.
    #[test]
    fn ingest_parsers_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..400),
        header in 0usize..4,
        header_row in prop::option::of(1usize..6),
        strict in any::<bool>(),
    ) {
        use plantrack::intake::ingest::{cell, decode, grid, layout};
        let plan: &Plan = shipped_plan();
        let _ = cell::parse(&String::from_utf8_lossy(&bytes));
        if let Ok((text, _)) = decode::decode("x.csv", bytes.clone(), decode::Encoding::Auto) {
            let header = [
                "期间,工业总产值(亿元),同比\n",
                "kpi,period,value,unit\n",
                "2022年1-6月主要指标\n单位：亿元、%\n指标名称,计量单位,1-6月,同比增长(%)\n",
                "标题\n时间,工业总产值,,研发投入占比\n,累计,同比,(%)\n",
            ][header];
            let opts = layout::Options {
                find: plantrack::intake::ingest::table::Find { header_row, year: Some(2021), period: None },
                strict,
                ..layout::Options::default()
            };
            for t in [text.clone(), format!("{header}{text}")] {
                let g = grid::from_csv(SourceFile::new("x.csv", t));
                let _ = layout::read(&g, plan, &opts);
            }
        }
    }

    /// Any row the store accepts is read back with its value unchanged (after
    /// the baseline period, where the plan's own baseline would have to agree).
    #[test]
    fn values_are_read_exactly(v in -1.0e12f64..1.0e12, q in 1i32..18) {
        let plan = kpi_plan("level", "increase", 1.0, 2.0, "linear");
        let period = plan.baseline_period.add_quarters(q);
        let text = format!("kpi,period,value\nx,{period},{v}\n");
        let (obs, problems) = actuals::parse(&SourceFile::new("a.csv", text), &plan);
        prop_assert!(problems.is_empty(), "{problems:?}");
        prop_assert_eq!(obs[0].value, v);
        prop_assert_eq!(obs[0].period, period);
    }
}

#[test]
fn plan_period_helpers() {
    let plan = kpi_plan("level", "increase", 1.0, 2.0, "linear");
    assert_eq!(plan.data_from(), "2018Q1".parse::<Period>().unwrap());
}

//! A plan's JSON written by hand (`output/render/json_plan.rs`) against serde_json's from the derived `Serialize`, byte for byte.

use std::path::Path;

use plantrack::core::assess::{Method, assess};
use plantrack::core::observation::Observation;
use plantrack::core::plan::Plan;
use plantrack::output::render::json::{element, element_by_serde};
use plantrack::output::render::packed::unpacked;
use plantrack::problem::SourceFile;

/// Every quarter from the baseline to a year past the target, by every
/// method, so each figure is there and missing in turn. Returns how many
/// assessments were compared.
fn compare(plan: &Plan, obs: &[Observation]) -> usize {
    let mut compared = 0;
    let mut as_of = plan.baseline_period;
    while as_of <= plan.target_period.add_quarters(4) {
        for method in Method::ALL {
            let a = assess(plan, obs, as_of, method);
            let (ours, theirs) = (unpacked(&element(&a)), element_by_serde(&a));
            assert!(
                ours == theirs,
                "{} as of {as_of} by {method:?}:\n{}",
                plan.id,
                String::from_utf8_lossy(&ours)
            );
            compared += 1;
        }
        as_of = as_of.next();
    }
    compared
}

#[test]
fn every_example_plan_at_every_quarter() {
    let sources = [
        ("targets", "data"),
        (
            "examples/china-14th-fyp/china-14th-fyp.json",
            "examples/china-14th-fyp/data",
        ),
        (
            "examples/district-14th/district-14th.json",
            "examples/district-14th/data",
        ),
        (
            "examples/synthetic-zone/targets",
            "examples/synthetic-zone/data",
        ),
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut compared = 0;
    for (plans, data) in sources {
        let (loaded, problems) =
            plantrack::intake::load::load_each(&root.join(plans), &root.join(data), |lp| {
                (lp.plan, lp.observations)
            });
        assert!(!problems.iter().any(|p| p.is_error()), "{problems:?}");
        assert!(!loaded.is_empty(), "{plans}");
        for (plan, obs) in &loaded {
            compared += compare(plan, obs);
        }
    }
    assert!(compared > 250, "{compared}");
}

#[test]
fn synthetic_plans_with_several_scopes() {
    let shape = plantrack::synthetic::Shape {
        plans: 3,
        kpis: 25,
        quarters: 40,
        seed: 7,
        scopes: 3,
    };
    let mut compared = 0;
    plantrack::synthetic::portfolio(shape, |p| {
        let plan =
            plantrack::intake::load::plan_file::parse(&SourceFile::new("p.json", p.plan_json))
                .unwrap();
        let (obs, problems) = plantrack::intake::load::actuals::parse(
            &SourceFile::new("a.csv", p.actuals_csv),
            &plan,
        );
        assert!(problems.is_empty(), "{problems:?}");
        compared += compare(&plan, &obs);
    });
    assert!(compared > 100, "{compared}");
}

#[test]
fn texts_that_need_escapes() {
    let plan: Plan = serde_json::from_str(
        r#"{"id": "q", "name": "Test \"plan\"\nwith a line break", "source": "test", "scope": "zone",
            "baseline_period": "2020Q4", "target_period": "2024Q4",
            "kpis": [{"id": "x", "name": "X \"quoted\"\t\u0001", "unit": "%", "kind": "ratio",
                      "direction": "increase", "baseline": {"value": 2}, "target": {"value": 3}}]}"#,
    )
    .unwrap();
    assert!(compare(&plan, &[]) > 0);
}

#[test]
fn every_form_a_target_is_stated_in() {
    // Each form, with a figure of more than twelve digits, one that rounds
    // up to a whole number at the twelfth and a small one, as the
    // hand-written `stated` writes them.
    let plan: Plan = serde_json::from_str(
        r#"{"id": "f", "name": "Forms", "source": "test", "scope": "zone",
            "baseline_period": "2020Q4", "target_period": "2025Q4",
            "kpis": [
              {"id": "v", "name": "V", "unit": "billion yuan", "kind": "level", "direction": "increase",
               "baseline": {"value": 2}, "target": {"value": 3.14159265358979}},
              {"id": "g", "name": "G", "unit": "billion yuan", "kind": "level", "direction": "increase",
               "baseline": {"value": 2}, "target": {"average_growth_pct": 6.99999999999999}},
              {"id": "c", "name": "C", "unit": "tonnes", "kind": "level", "direction": "decrease",
               "baseline": {"value": 0.5}, "target": {"change_pct": -13.5}},
              {"id": "p", "name": "P", "unit": "%", "kind": "ratio", "direction": "increase",
               "baseline": {"value": 60}, "target": {"change_pp": 0.0000123456789012345}}]}"#,
    )
    .unwrap();
    let forms = ["value", "average_growth_pct", "change_pct", "change_pp"];
    let a = assess(&plan, &[], plan.target_period, Method::GrowthRatio);
    let text = String::from_utf8(unpacked(&element(&a))).unwrap();
    for form in forms {
        assert!(text.contains(&format!("\"form\": \"{form}\"")), "{text}");
    }
    assert!(compare(&plan, &[]) > 0);
}

/// A portfolio's JSON as standard output has it (laid out from the packed
/// plans a few at a time, on every core, each window written in turn) is
/// the JSON `--out` writes (laid out in order, on one core), and an array
/// of every plan in order: enough plans for many windows on each thread.
#[test]
fn a_portfolio_written_in_windows_is_the_whole_document() {
    let w = crate::support::Work::new();
    let shape = plantrack::synthetic::Shape {
        plans: 41,
        kpis: 6,
        quarters: 12,
        seed: 11,
        scopes: 2,
    };
    let mut ids = Vec::new();
    plantrack::synthetic::portfolio(shape, |p| {
        w.write(&format!("targets/{}.json", p.id), &p.plan_json);
        w.write(&format!("data/{}/actuals.csv", p.id), &p.actuals_csv);
        ids.push(p.id);
    });
    let streamed = w.run(&["status", "--format", "json"]);
    streamed.expect(0);
    w.run(&["status", "--format", "json", "--out", "all.json"])
        .expect(0);
    let file = std::fs::read_to_string(w.path("all.json")).unwrap();
    assert!(streamed.stdout == file, "standard output and --out differ");
    let v: serde_json::Value = serde_json::from_str(&file).unwrap();
    let plans: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["plan"].as_str().unwrap())
        .collect();
    ids.sort();
    assert_eq!(plans, ids);
}

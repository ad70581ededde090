//! `init`, `schema`, `completions` and `man`: a new plan from nothing, the
//! schema that editors check plans with, and the shell's helpers.

use crate::support::{Run, root};
use std::path::Path;

use serde_json::Value;

/// Runs plantrack in `dir`: the whole run is shown when an assertion fails.
fn run(dir: &Path, args: &[&str]) -> Run {
    crate::support::run_in(dir, args)
}

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("targets/plan.schema.json")).unwrap();
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_shipped_schema_is_what_the_binary_prints() {
    let r = run(root(), &["schema"]);
    let printed = r.stdout.clone();
    r.expect(0);
    for copy in [
        "targets/plan.schema.json",
        "examples/synthetic-zone/targets/plan.schema.json",
    ] {
        let shipped = std::fs::read_to_string(root().join(copy)).unwrap();
        assert_eq!(
            shipped, printed,
            "{copy} is stale: run `plantrack schema > {copy}`"
        );
    }
}

#[test]
fn every_shipped_plan_names_the_schema_and_passes_it() {
    let v = schema();
    for plan in [
        "targets/bishan-2022.json",
        "examples/synthetic-zone/targets/synthetic-zone.json",
        "examples/example-zone/example-zone.json",
    ] {
        let doc = json(&root().join(plan));
        assert_eq!(doc["$schema"], "plan.schema.json", "{plan}");
        let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{plan}: {errors:?}");
    }
}

/// A way to break a good plan.
type Spoil = fn(&mut Value);

#[test]
fn the_schema_refuses_what_the_loader_refuses() {
    let v = schema();
    let good = json(&root().join("examples/example-zone/example-zone.json"));
    let cases: [(&str, Spoil); 4] = [
        ("an unknown field", |p| p["targets"] = Value::from(1)),
        ("an unknown kind", |p| {
            p["kpis"][0]["kind"] = Value::from("flux")
        }),
        ("an id with a space", |p| p["id"] = Value::from("Bad Id")),
        ("no kpis", |p| {
            p.as_object_mut().unwrap().remove("kpis");
        }),
    ];
    for (what, spoil) in cases {
        let mut bad = good.clone();
        spoil(&mut bad);
        assert!(!v.is_valid(&bad), "the schema accepts {what}");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("p.json"), bad.to_string()).unwrap();
        let r = run(dir.path(), &["validate", "--plan", "p.json"]);
        r.expect(2);
    }
}

#[test]
fn init_starts_a_plan_that_validates_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let r = run(
        d,
        &[
            "init",
            "new-zone",
            "--baseline",
            "2024Q4",
            "--target",
            "2027Q4",
        ],
    );
    let out = r.stdout.clone();
    r.expect(0);
    assert!(out.contains("wrote targets/new-zone.json"));
    let plan = json(&d.join("targets/new-zone.json"));
    assert_eq!(plan["id"], "new-zone");
    assert_eq!(plan["baseline_period"], "2024Q4");
    assert!(plan["$comment"].as_str().unwrap().contains("EDIT"));
    // No goal is made up: the skeleton's KPIs have no target value yet.
    for k in plan["kpis"].as_array().unwrap() {
        assert!(k["target"].get("value").is_none(), "{k}");
        assert!(k["$comment"].is_string());
    }
    assert!(schema().is_valid(&plan));
    assert_eq!(
        std::fs::read_to_string(d.join("data/new-zone/actuals.csv")).unwrap(),
        "kpi,period,value,unit,basis,scope,source,note,yoy\n"
    );
    let r = run(d, &["validate"]);
    r.expect(0);

    // A second init changes nothing, byte for byte.
    std::fs::write(d.join("targets/new-zone.json"), "{ \"edited\": true }").unwrap();
    let r = run(d, &["init", "new-zone"]);
    let err = r.stderr.clone();
    r.expect(2);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(
        std::fs::read_to_string(d.join("targets/new-zone.json")).unwrap(),
        "{ \"edited\": true }"
    );

    // A bad id or a target before the baseline writes nothing.
    for args in [
        vec!["init", "New Zone"],
        vec!["init", "../escape"],
        vec!["init", "late", "--baseline", "2025Q4", "--target", "2024Q4"],
    ] {
        let empty = tempfile::tempdir().unwrap();
        let r = run(empty.path(), &args);
        let err = r.stderr.clone();
        r.expect(2);
        assert!(!err.is_empty());
        assert_eq!(
            std::fs::read_dir(empty.path()).unwrap().count(),
            0,
            "{args:?}"
        );
    }
}

#[test]
fn completions_and_the_man_page_cover_every_command() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let r = run(root(), &["completions", shell]);
        let out = r.stdout.clone();
        r.expect(0);
        for command in ["status", "report", "history", "init", "ingest"] {
            assert!(out.contains(command), "{shell} completions lack {command}");
        }
    }
    let r = run(root(), &["man"]);
    let man = r.stdout.clone();
    r.expect(0);
    assert!(man.contains(".TH plantrack 1"));
    for command in ["report", "history", "init", "schema"] {
        assert!(
            man.contains(&format!("plantrack\\-{command}")),
            "the man page lacks {command}"
        );
    }
    let r = run(root(), &["completions", "tcsh"]);
    let err = r.stderr.clone();
    r.expect(2);
    assert!(err.contains("tcsh"));
}

#[test]
fn a_plan_marks_its_indicators_in_chinese_and_the_schema_takes_it() {
    // 约束性 and 预期性, as a Chinese plan writes them, read as binding and
    // indicative; the shipped schema accepts both words, and no other.
    let plan = |nature: &str| {
        format!(
            r#"{{"id": "p", "name_zh": "示例规划", "source": "SYNTHETIC test", "baseline_period": "2020Q4",
                "target_period": "2025Q4", "kpis": [{{"id": "x", "name_zh": "指标", "unit": "%", "kind": "ratio",
                "direction": "increase", "target": {{"value": 5}}, "nature": "{nature}"}}]}}"#
        )
    };
    let validator = schema();
    for (word, read) in [
        ("约束性", "binding"),
        ("预期性", "indicative"),
        ("binding", "binding"),
    ] {
        let text = plan(word);
        assert!(
            validator.is_valid(&serde_json::from_str(&text).unwrap()),
            "{word}"
        );
        let p: plantrack::core::plan::Plan = serde_json::from_str(&text).unwrap();
        assert_eq!(serde_json::to_value(p.kpis[0].nature).unwrap(), read);
    }
    assert!(!validator.is_valid(&serde_json::from_str(&plan("重要")).unwrap()));
    assert!(serde_json::from_str::<plantrack::core::plan::Plan>(&plan("重要")).is_err());
}

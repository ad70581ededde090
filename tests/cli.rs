//! The `plantrack` binary, run as a user would: in a fresh folder with plan and
//! data files, checking outputs and exit codes.

use crate::support::{Run, Work, plantrack};
use std::path::Path;

use serde_json::Value;

/// Runs `plantrack ARGS` in `dir`, on a terminal-free 300-column line.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    Run::of(
        plantrack()
            .current_dir(dir)
            .env("COLUMNS", "300")
            .args(args),
        dir,
        args,
    )
}

/// The fixture plan and its synthetic data.
fn demo() -> Work {
    let w = Work::new();
    w.write("targets/demo.json", DEMO_PLAN);
    w.write("data/demo/actuals.csv", DEMO_DATA);
    w
}

/// A fixture plan: flow, count, level (decrease), milestone.
const DEMO_PLAN: &str = r#"{
  "id": "demo",
  "name": "Demo zone plan (test fixture)",
  "source": "synthetic test fixture, not a real plan",
  "scope": "zone",
  "baseline_period": "2020Q4",
  "target_period": "2024Q4",
  "kpis": [
    {"id": "output", "name": "Output", "unit": "billion yuan", "kind": "flow",
     "direction": "increase", "trajectory": "compound",
     "baseline": {"value": 100}, "target": {"value": 200}},
    {"id": "firms", "name": "Firms incubated", "unit": "firms", "kind": "count",
     "direction": "increase", "target": {"value": 100}},
    {"id": "energy", "name": "Energy per unit of output", "unit": "tce", "kind": "level",
     "direction": "decrease", "baseline": {"value": 20}, "target": {"value": 10}},
    {"id": "system", "name": "Innovation system", "kind": "milestone",
     "target": {"period": "2024Q4"}}
  ]
}"#;

/// Synthetic data (see the source column), chosen so each status is known by hand.
const DEMO_DATA: &str = "kpi,period,value,unit,basis,scope,source,note
output,2020Q4,100,billion yuan,ytd,zone,synthetic,
output,2022Q4,121,billion yuan,ytd,zone,synthetic,
firms,2022Q4,20,firms,level,zone,synthetic,
energy,2022Q4,19,tce,level,zone,synthetic,
";

// Hand arithmetic for the fixture, as of 2022Q4 (two of four years gone):
// output: CAGR_a = (121/100)^(1/2) - 1 = 0.1; CAGR_r = 2^(1/4) - 1 = 0.189207;
//   R = 0.528509: limited progress; projected 121 * 1.1^2 = 146.41.
// firms: from 0, 20 after 2 years against 100 in 4: R = 10 / 25 = 0.4: limited progress.
// energy: CAGR_a = (19/20)^(1/2) - 1 = -0.025321; CAGR_r = 0.5^(1/4) - 1 = -0.159104;
//   R = -1 * -0.025321 / 0.159104 = 0.159149: limited progress.

#[test]
fn status_table_on_the_fixture() {
    let r = demo().run(&["status", "--detail", "--wide"]);
    r.expect(0);
    let out = &r.stdout;
    assert!(
        out.starts_with("Demo zone plan (test fixture) (demo): as of 2022Q4, method growth-ratio")
    );
    for text in [
        "Output (billion yuan)",
        "121 (2022Q4)",
        "≥ 200 (2024Q4)",
        "-79 (-39.5 %)",
        "0.529",
        "146.41",
        "limited progress",
        "Firms incubated (firms)",
        "20.0 % vs 50.0 % (-30.0 pp)",
        "≤ 10 (2024Q4)",
        "pending",
    ] {
        assert!(out.contains(text), "missing {text:?} in\n{out}");
    }
    // Piped output carries no colour codes.
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn status_json_follows_the_documented_schema() {
    let r = demo().run(&["status", "--format", "json"]);
    r.expect(0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    for key in ["plan", "as_of", "method", "kpis"] {
        assert!(v.get(key).is_some(), "no {key}");
    }
    assert_eq!(v["plan"], "demo");
    assert_eq!(v["as_of"], "2022Q4");
    assert_eq!(v["method"], "growth-ratio");
    let kpis = v["kpis"].as_array().unwrap();
    assert_eq!(kpis.len(), 4);
    for k in kpis {
        for key in [
            "id",
            "name",
            "unit",
            "kind",
            "status",
            "latest",
            "baseline",
            "target",
            "expected",
            "gap",
            "gap_pct",
            "completion",
            "time_elapsed",
            "growth_ratio",
            "required_rate",
            "projected",
            "reason",
        ] {
            assert!(k.get(key).is_some(), "KPI {} has no {key}", k["id"]);
        }
        for key in ["period", "value", "comparator"] {
            assert!(k["target"].get(key).is_some());
        }
    }
    let output = &kpis[0];
    assert_eq!(output["status"], "limited_progress");
    assert_eq!(output["latest"]["period"], "2022Q4");
    assert_eq!(output["latest"]["value"], 121.0);
    assert_eq!(output["latest"]["estimated"], false);
    assert_eq!(output["baseline"]["period"], "2020Q4");
    assert_eq!(output["baseline"]["value"], 100.0);
    let r_hand = 0.1 / (2f64.powf(0.25) - 1.0);
    assert!((output["growth_ratio"].as_f64().unwrap() - r_hand).abs() < 1e-12);
    assert!((output["projected"].as_f64().unwrap() - 146.41).abs() < 1e-9);
    assert_eq!(output["gap"], -79.0);
    assert_eq!(output["time_elapsed"], 0.5);
    let firms = &kpis[1];
    assert_eq!(firms["status"], "limited_progress");
    assert_eq!(firms["growth_ratio"], 0.4);
    assert_eq!(firms["baseline"]["from"], "count_start");
    let energy = &kpis[2];
    assert_eq!(energy["status"], "limited_progress");
    // d = -1 for a decrease KPI: R = -CAGR_a / |CAGR_r|.
    let r_energy = -(0.95f64.powf(0.5) - 1.0) / (1.0 - 0.5f64.powf(0.25));
    assert!((energy["growth_ratio"].as_f64().unwrap() - r_energy).abs() < 1e-12);
    let system = &kpis[3];
    assert_eq!(system["status"], "pending");
    assert_eq!(system["target"]["value"], Value::Null);
    assert_eq!(system["latest"], Value::Null);
}

#[test]
fn several_plans_give_an_array_and_a_plan_column() {
    let w = demo();
    w.write(
        "targets/other.json",
        DEMO_PLAN.replace("\"id\": \"demo\"", "\"id\": \"other\""),
    );
    let r = w.run(&["status", "--format", "json"]);
    r.expect(0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let plans = v.as_array().expect("an array for several plans");
    assert_eq!(plans.len(), 2);
    assert_eq!(plans[1]["plan"], "other");
    // The second plan has no data file: a warning, every KPI no_data, milestone pending.
    assert!(r.stderr.contains("data/other/actuals.csv"), "{}", r.stderr);
    assert_eq!(plans[1]["kpis"][0]["status"], "no_data");
    let table = w.run(&["status", "--detail"]);
    assert!(table.stdout.contains("│ Plan"), "{}", table.stdout);
    assert!(table.stdout.contains("│ other"));
}

#[test]
fn status_csv_and_markdown() {
    let w = demo();
    let r = w.run(&["status", "--format", "csv"]);
    r.expect(0);
    let mut reader = csv::Reader::from_reader(r.stdout.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "plan");
    assert_eq!(&header[3], "kpi");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows[0][col("status")], "limited_progress");
    assert_eq!(&rows[0][col("gap")], "-79");
    assert_eq!(&rows[1][col("growth_ratio")], "0.4");

    let md = w
        .run(&["status", "--detail", "--format", "markdown"])
        .stdout;
    assert!(md.contains("| KPI | Latest (period) | Target |"), "{md}");
    assert!(md.contains("|---|---|"));
    assert!(
        md.contains("| Output (billion yuan) | 121 (2022Q4) |"),
        "{md}"
    );
}

#[test]
fn as_of_and_kpi_filters() {
    let w = demo();
    let r = w.run(&[
        "status", "--format", "json", "--as-of", "2021Q4", "--kpi", "output",
    ]);
    r.expect(0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["as_of"], "2021Q4");
    assert_eq!(v["kpis"].as_array().unwrap().len(), 1);
    // The 2022Q4 value is after the cut-off: only the baseline is left.
    assert_eq!(v["kpis"][0]["status"], "insufficient_data");
    let r = w.run(&["status", "--as-of", "2021年1-6月"]);
    assert!(r.stdout.contains("as of 2021Q2"), "{}", r.stdout);
    let r = w.run(&["status", "--kpi", "nonesuch"]);
    r.expect(2);
    assert!(
        r.stderr.contains("--kpi nonesuch") && r.stderr.contains("output, firms, energy, system")
    );
    let r = w.run(&["status", "--as-of", "2021Q7"]);
    r.expect(2);
    assert!(
        r.stderr.contains("`2021Q7` is not a period"),
        "{}",
        r.stderr
    );
}

#[test]
fn check_exit_codes() {
    let w = demo();
    let r = w.run(&["check"]);
    r.expect(1);
    assert!(
        r.stdout
            .contains("FAIL demo/output (billion yuan): limited progress (growth ratio 0.529), as of 2022Q4, latest 121 (2022Q4)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("PASS demo/system: pending"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("3 of 4 KPIs below the bar (needs_acceleration or worse)")
    );
    let r = w.run(&["check", "--fail-on", "deterioration"]);
    r.expect(0);
    let r = w.run(&["check", "--kpi", "system"]);
    r.expect(0);
    // A KPI without data is skipped unless asked for.
    let r = w.run(&["check", "--as-of", "2021Q1", "--kpi", "firms"]);
    r.expect(0);
    assert!(r.stdout.contains("SKIP demo/firms (firms): no data"));
    let r = w.run(&[
        "check",
        "--as-of",
        "2021Q1",
        "--kpi",
        "firms",
        "--fail-on-missing",
    ]);
    r.expect(1);
    let r = w.run(&["check", "--fail-on", "achieved"]);
    r.expect(2);
    assert!(r.stderr.contains("cannot be a bar"));
    w.write(
        "data/demo/actuals.csv",
        "kpi,period,value\noutput,2022Q4,abc\n",
    );
    assert_eq!(w.run(&["check"]).code, 2);
}

#[test]
fn validate_reports_every_problem_at_once() {
    let w = demo();
    let r = w.run(&["validate"]);
    r.expect(0);
    assert_eq!(
        r.stdout,
        "1 plan(s), 4 KPIs, 4 observations read: 0 error(s), 0 warning(s)\n"
    );
    w.write(
        "data/demo/actuals.csv",
        "kpi,period,value\noutput,2022Q4,abc\nfirms,2022Q9,3\nnope,2022Q4,1\n",
    );
    let r = w.run(&["validate"]);
    r.expect(2);
    for text in [
        "data/demo/actuals.csv:2:15",
        "data/demo/actuals.csv:3:7",
        "data/demo/actuals.csv:4:1",
    ] {
        assert!(r.stderr.contains(text), "missing {text} in\n{}", r.stderr);
    }
    assert!(r.stdout.contains("3 error(s)"), "{}", r.stdout);
}

#[test]
fn broken_pipe_is_not_an_error() {
    // `plantrack status | head -c 1`: the reader stops early. The output must
    // be larger than a pipe's buffer for the write to fail, hence 400 KPIs.
    let w = Work::new();
    let kpis: Vec<String> = (0..400)
        .map(|i| format!(r#"{{"id": "k{i}", "name": "K{i}", "unit": "u", "kind": "level", "direction": "increase", "baseline": {{"value": 1}}, "target": {{"value": 2}}}}"#))
        .collect();
    w.write(
        "targets/big.json",
        DEMO_PLAN
            .replace("\"id\": \"demo\"", "\"id\": \"big\"")
            .replace(
                &DEMO_PLAN[DEMO_PLAN.find("[").unwrap()..=DEMO_PLAN.rfind("]").unwrap()],
                &format!("[{}]", kpis.join(",")),
            ),
    );
    w.write("data/big/actuals.csv", "kpi,period,value\n");
    let out = std::process::Command::new("bash")
        .current_dir(w.dir.path())
        .arg("-c")
        .arg(format!(
            "'{}' status --format json | head -c 1 >/dev/null; echo \"${{PIPESTATUS[0]}}\"",
            env!("CARGO_BIN_EXE_plantrack")
        ))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "0");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn the_shipped_bishan_plan() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let r = run_in(root, &["validate"]);
    r.expect(0);
    let r = run_in(root, &["status", "--format", "json"]);
    r.expect(0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["plan"], "bishan-2022");
    assert_eq!(v["as_of"], "2022Q1");
    let kpis = v["kpis"].as_array().unwrap();
    let ids: Vec<&str> = kpis.iter().map(|k| k["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "industrial_output",
            "projects_1bn",
            "projects_10bn",
            "projects_100bn",
            "st_smes_incubated",
            "innovation_system",
            "rd_ratio",
            "rd_centre_share",
            "built_up_area"
        ]
    );
    let output = &kpis[0];
    // H1 2018: 32.34 year-to-date, 64.68 a year. Q1 2022: 22.4, 89.6 a year,
    // but above-size enterprises only: a different scope, so not one series.
    assert_eq!(output["baseline"]["value"], 64.68);
    assert_eq!(output["latest"]["reported"], 22.4);
    assert_eq!(output["latest"]["value"], 89.6);
    assert_eq!(output["latest"]["scope"], "zone, above designated size");
    assert_eq!(output["status"], "insufficient_data");
    assert_eq!(output["growth_ratio"], Value::Null);
    assert!((output["gap"].as_f64().unwrap() - (89.6 - 500.0)).abs() < 1e-9);
    assert!(output["caveat"].as_str().unwrap().contains("5000亿"));
    assert_eq!(kpis[5]["status"], "pending");
    assert_eq!(kpis[6]["status"], "insufficient_data");
    assert_eq!(kpis[6]["latest"]["value"], 4.4);
    assert_eq!(kpis[8]["latest"]["value"], 21.0);
    for k in &kpis[1..5] {
        assert_eq!(k["status"], "no_data", "{}", k["id"]);
    }
}

#[test]
fn the_synthetic_example_in_the_readme() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let args = [
        "--plan",
        "examples/synthetic-zone/targets",
        "--data",
        "examples/synthetic-zone/data",
    ];
    let r = run_in(root, &[&["status", "--format", "json"][..], &args].concat());
    r.expect(0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let k = |id: &str| {
        v["kpis"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["id"] == id)
            .unwrap()
            .clone()
    };
    // output: 93 for January-September 2022, with 80 for January-September
    // 2021 and 112 for all 2021, is 93 + (112 - 80) = 125 over the trailing
    // four quarters; 1.75 years after the 2020 baseline of 100, against 200
    // by 2024 (4 years).
    assert_eq!(k("output")["latest"]["value"], 125.0);
    assert_eq!(
        k("output")["latest"]["annualised_by"],
        "trailing_four_quarters"
    );
    let ratio = (1.25f64.powf(1.0 / 1.75) - 1.0) / (2f64.powf(0.25) - 1.0);
    assert!((k("output")["growth_ratio"].as_f64().unwrap() - ratio).abs() < 1e-12);
    assert_eq!(k("output")["status"], "needs_acceleration");
    // firms: increments summed to 170 by 2022Q3; linear pace (170 / 1.75) / (400 / 4).
    assert_eq!(k("firms")["latest"]["value"], 170.0);
    assert!((k("firms")["growth_ratio"].as_f64().unwrap() - (170.0 / 1.75) / 100.0).abs() < 1e-12);
    assert_eq!(k("firms")["status"], "on_track");
    assert_eq!(k("energy")["status"], "deterioration");
    assert_eq!(k("area")["status"], "achieved");
    assert_eq!(k("platform")["status"], "achieved");
    let r = run_in(root, &[&["check"][..], &args].concat());
    r.expect(1);
}

#[test]
fn the_table_fits_the_width_and_never_splits_a_figure() {
    use unicode_width::UnicodeWidthStr;
    let w = demo();
    for (columns, wide_layout) in [("100", false), ("90", false), ("160", true)] {
        let r = crate::support::Run::of(
            crate::support::plantrack()
                .env("COLUMNS", columns)
                .current_dir(w.dir.path())
                .args(["status", "--detail"]),
            w.dir.path(),
            &["status", "--detail"],
        );
        r.expect(0);
        let width: usize = columns.parse().unwrap();
        for line in r.stdout.lines() {
            assert!(
                line.width() <= width,
                "{} > {width}: {line}\n{}",
                line.width(),
                r.stdout
            );
            // A figure and its unit stay on one line.
            for part in line.split(['│', '┆']) {
                let t = part.trim();
                assert!(!t.starts_with('%') && !t.starts_with("pp"), "split: {line}");
            }
        }
        assert_eq!(r.stdout.contains("Projected"), wide_layout, "{}", r.stdout);
        // The legend says what the marks and words mean, once.
        assert_eq!(
            r.stdout
                .matches("Completion vs time: the share of the way")
                .count(),
            1
        );
    }
    // No width known (piped, no COLUMNS): 100 columns.
    let r = w.run(&["status", "--detail"]);
    assert!(r.stdout.lines().all(|l| l.width() <= 100), "{}", r.stdout);
    assert!(
        r.stdout.contains("(0.529)"),
        "the deciding figure under the status: {}",
        r.stdout
    );
}

#[test]
fn figures_keep_their_published_decimals_and_counts_stay_whole() {
    let w = Work::new();
    w.write(
        "targets/p.json",
        r#"{"id": "p", "name": "Decimals (test fixture)", "source": "test fixture", "scope": "zone",
            "baseline_period": "2020Q4", "target_period": "2024Q4",
            "kpis": [
              {"id": "share", "name": "Share", "unit": "%", "kind": "ratio", "direction": "increase",
               "baseline": {"value": 0.4}, "target": {"value": 0.46}},
              {"id": "firms", "name": "Firms", "unit": "firms", "kind": "count", "direction": "increase",
               "baseline": {"value": 100}, "target": {"value": 1000}}
            ]}"#,
    );
    w.write(
        "data/p/actuals.csv",
        "kpi,period,value\nshare,2022Q4,0.425\nfirms,2022Q4,217\n",
    );
    let r = w.run(&["status", "--detail", "--wide"]);
    r.expect(0);
    // 0.425 as published (never 0.43); its gap 0.425 - 0.46 = -0.035 (never -0.03).
    assert!(r.stdout.contains("0.425 (2022Q4)"), "{}", r.stdout);
    assert!(r.stdout.contains("-0.035 (-7.6 %)"), "{}", r.stdout);
    // A count's projection is a whole number of firms: 100 * (217/100)^2 = 470.89.
    assert!(r.stdout.contains("about 471"), "{}", r.stdout);
    // CSV: the figure without float noise (0.425 - 0.46 is -0.035000000000000031 in doubles).
    let csv = w.run(&["status", "--format", "csv"]);
    csv.expect(0);
    assert!(csv.stdout.contains(",-0.035,"), "{}", csv.stdout);
    assert!(!csv.stdout.contains("00000000"), "{}", csv.stdout);
}

#[test]
fn status_in_chinese_fits_and_its_language_defaults_from_the_plan_or_the_locale() {
    use unicode_width::UnicodeWidthStr;
    let synthetic = [
        "--plan",
        "examples/synthetic-zone/targets",
        "--data",
        "examples/synthetic-zone/data",
    ];
    let run = |env: &[(&str, &str)], extra: &[&str]| {
        let mut cmd = crate::support::plantrack();
        cmd.current_dir(crate::support::root())
            .args(["status", "--detail"])
            .args(synthetic)
            .args(extra);
        for (k, v) in env {
            cmd.env(k, v);
        }
        crate::support::Run::of(&mut cmd, crate::support::root(), extra)
    };
    let r = run(&[("COLUMNS", "100")], &["--lang", "zh"]);
    r.expect(0);
    for line in r.stdout.lines().take_while(|l| !l.starts_with('└')) {
        assert!(
            line.width() <= 100,
            "{} > 100: {line}\n{}",
            line.width(),
            r.stdout
        );
    }
    for words in [
        "截至2022年末",
        "指标",
        "同比",
        "需加快",
        "2022年1-9月",
        "累计930",
        "1,250*",
        "亿元",
        // The 2022Q3 figures, older than the as-of 2022Q4, say so.
        "较旧",
        "较旧：该指标的最新数据早于报告期",
    ] {
        assert!(r.stdout.contains(words), "{words}\n{}", r.stdout);
    }
    // Each unit on a line of its own under its name, whole, or broken only
    // after its slash: the name column never splits a bracket from its unit.
    let names: Vec<&str> = r
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("│ "))
        .filter_map(|l| l.split('┆').next())
        .map(str::trim)
        .collect();
    for unit in [
        "（亿元）",
        "（家）",
        "（%）",
        "（平方公里）",
        "（吨标准煤/",
        "万元）",
    ] {
        assert!(names.contains(&unit), "{unit} in {names:?}\n{}", r.stdout);
    }
    assert!(
        !r.stdout.contains("needs acceleration") && !r.stdout.contains("十亿元"),
        "{}",
        r.stdout
    );
    // The notes too: the reasons in Chinese.
    assert!(
        r.stdout.contains("孵化企业：基期值为0，无法计算复合增长率"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("创新平台建成：已于2022年二季度报告完成"),
        "{}",
        r.stdout
    );
    assert!(
        !r.stdout.contains("the baseline is 0") && !r.stdout.contains("reported achieved"),
        "{}",
        r.stdout
    );
    // No --lang: a Chinese locale says Chinese; the plan's own "lang" says
    // it too, over the locale.
    let r = run(&[("LANG", "zh_CN.UTF-8")], &[]);
    assert!(r.stdout.contains("状态"), "{}", r.stdout);
    let r = run(&[("LANG", "en_US.UTF-8")], &[]);
    assert!(r.stdout.contains("Status"), "{}", r.stdout);
    let w = chinese_synthetic_plan();
    let r = w.run(&["status"]);
    r.expect(0);
    assert!(r.stdout.contains("评价"), "{}", r.stdout);
}

#[test]
fn check_in_chinese_says_the_same_verdicts() {
    let args = [
        "check",
        "--plan",
        "examples/synthetic-zone/targets",
        "--data",
        "examples/synthetic-zone/data",
    ];
    let zh = crate::support::run_in(
        crate::support::root(),
        &[&args[..], &["--lang", "zh"]].concat(),
    );
    let en = crate::support::run_in(crate::support::root(), &args);
    assert_eq!((zh.code, en.code), (1, 1));
    // By hand: 93 billion yuan year to date is 930亿元, its annual
    // equivalent 125 is 1,250亿元, and 93 / 80 - 1 = +16.3 % on 2021年1-9月;
    // the firms' running total is 170 against 75 a year earlier, +126.7 %.
    assert!(
        zh.stdout.contains(
            "不达标 synthetic-zone/output 工业总产值（亿元）：需加快（增速比 0.719），截至2022年末，最新值2022年1-9月累计930（折合全年约1,250，估算），同比+16.3%（推算）\n"
        ),
        "{}",
        zh.stdout
    );
    assert!(
        zh.stdout.contains(
            "通过 synthetic-zone/firms 孵化企业（家）：正常推进（线性进度比 0.971），截至2022年末，最新值170（2022年三季度末），同比+126.7%（推算）\n"
        ),
        "{}",
        zh.stdout
    );
    assert!(
        zh.stdout
            .ends_with("6项指标中3项低于标准（需加快或更差）\n"),
        "{}",
        zh.stdout
    );
    // One verdict a KPI, the same in both languages.
    let verdicts = |s: &str, pass: &str| s.lines().filter(|l| l.starts_with(pass)).count();
    assert_eq!(verdicts(&zh.stdout, "通过"), verdicts(&en.stdout, "PASS"));
    assert_eq!(verdicts(&zh.stdout, "不达标"), verdicts(&en.stdout, "FAIL"));
}

#[test]
fn history_fits_the_width_in_both_languages() {
    use unicode_width::UnicodeWidthStr;
    for lang in ["en", "zh"] {
        let mut cmd = crate::support::plantrack();
        cmd.current_dir(crate::support::root())
            .env("COLUMNS", "100")
            .args(["history", "industrial_output", "--lang", lang]);
        let r = crate::support::Run::of(&mut cmd, crate::support::root(), &[lang]);
        r.expect(0);
        // The Bishan source's address alone is 100 characters long.
        for line in r.stdout.lines() {
            assert!(
                line.width() <= 100,
                "{} > 100: {line}\n{}",
                line.width(),
                r.stdout
            );
        }
        // Periods and values whole: the figures as published, in the
        // reader's unit (32.34 billion yuan = 323.4亿元).
        let whole = match lang {
            "en" => ["2018Q2", "32.34 billion yuan", "ytd"],
            _ => ["2018年1-6月", "323.4亿元", "高新区"],
        };
        for w in whole {
            assert!(r.stdout.contains(w), "{w}\n{}", r.stdout);
        }
        // A figure in a note keeps its percent sign: +27 % (line breaks
        // fall elsewhere).
        assert!(
            r.stdout.contains("+27 %") && r.stdout.contains("+13.7 %"),
            "{}",
            r.stdout
        );
    }
}

#[test]
fn hints_follow_the_plans_language_and_lang_is_one_global_option() {
    let w = chinese_synthetic_plan();
    // An English locale, a Chinese plan: the hint and the last line are the
    // plan's language, as its output is.
    let r = w.run(&["explain", "no_such_kpi"]);
    r.expect(2);
    assert!(
        r.stderr.contains("提示：") || r.stderr.contains("是否想"),
        "{r:?}"
    );
    assert!(r.stderr.contains("plantrack：1个错误"), "{r:?}");
    // --lang before or after the subcommand says the same.
    let before = w.run(&["--lang", "en", "status"]);
    let after = w.run(&["status", "--lang", "en"]);
    before.expect(0);
    assert_eq!(before.stdout, after.stdout);
    assert!(before.stdout.contains("Rating"), "{before:?}");
    // validate takes no cut-off and no method: it is refused, not ignored.
    let r = w.run(&["validate", "--as-of", "2022Q1"]);
    r.expect(2);
    assert!(r.stderr.contains("--as-of"), "{r:?}");
}

/// The synthetic plan, saying `"lang": "zh"`, and no data.
fn chinese_synthetic_plan() -> Work {
    let w = Work::new();
    let plan = std::fs::read_to_string(
        crate::support::root().join("examples/synthetic-zone/targets/synthetic-zone.json"),
    )
    .unwrap()
    .replacen("\"name\":", "\"lang\": \"zh\",\n  \"name\":", 1);
    w.write("targets/p.json", plan);
    w
}

#[test]
fn status_out_writes_a_file_in_the_format_its_name_asks_and_a_csv_excel_reads() {
    let w = chinese_synthetic_plan();
    std::fs::create_dir_all(w.path("data/synthetic-zone")).unwrap();
    std::fs::copy(
        crate::support::root().join("examples/synthetic-zone/data/synthetic-zone/actuals.csv"),
        w.path("data/synthetic-zone/actuals.csv"),
    )
    .unwrap();
    // A CSV file starts with the UTF-8 byte-order mark, so that Excel on
    // Chinese Windows reads it as UTF-8; standard output stays plain.
    let r = w.run(&["status", "--out", "s.csv"]);
    r.expect(0);
    assert!(r.stdout.starts_with("已写入 s.csv（"), "{r:?}");
    let bytes = std::fs::read(w.path("s.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}plan,as_of,method,kpi,name,name_zh,unit".as_bytes()));
    assert!(String::from_utf8_lossy(&bytes).contains(",工业总产值,"));
    let piped = w.run(&["status", "--format", "csv"]);
    assert!(piped.stdout.starts_with("plan,as_of"), "{piped:?}");
    assert_eq!(&bytes[3..], piped.stdout.as_bytes());
    // The extension names the format; --format wins over it.
    w.run(&["status", "--out", "s.json"]).expect(0);
    let json: Value = serde_json::from_slice(&std::fs::read(w.path("s.json")).unwrap()).unwrap();
    assert_eq!(json["plan"], "synthetic-zone");
    w.run(&["status", "--out", "s.md"]).expect(0);
    let md = std::fs::read_to_string(w.path("s.md")).unwrap();
    assert!(md.starts_with("**"), "{md}");
    w.run(&["status", "--format", "csv", "--out", "s.txt"])
        .expect(0);
    assert!(
        std::fs::read(w.path("s.txt"))
            .unwrap()
            .starts_with("\u{feff}plan".as_bytes())
    );
    // A name that says no format is refused, and nothing is written.
    let r = w.run(&["status", "--out", "s.xyz"]);
    r.expect(2);
    assert!(r.stderr.contains("cannot tell the format"), "{r:?}");
    assert!(!w.path("s.xyz").exists());
}

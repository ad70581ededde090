//! Real plans as officials read them, on the 14th Five-Year Plan's main
//! indicators with their published figures (examples/china-14th-fyp):
//! growth at comparable prices from the published 同比, bounds kept every
//! year or on average, targets relative to GDP growth, changes of a
//! percentage in points, a revised baseline and a target in words. Every
//! expected figure is computed by hand in the comment beside it.

use serde_json::Value;

use crate::support::{Run, Work, close, plantrack, root};

const PLAN: &str = "examples/china-14th-fyp/china-14th-fyp.json";
const DATA: &str = "examples/china-14th-fyp/data";

fn run(args: &[&str]) -> Run {
    let all = [
        &args[..1],
        &["--plan", PLAN, "--data", DATA][..],
        &args[1..],
    ]
    .concat();
    Run::of(
        plantrack()
            .env("COLUMNS", "250")
            .current_dir(root())
            .args(&all),
        root(),
        &all,
    )
}

/// The KPI `id` of `status --format json` as of `as_of`.
fn kpi(as_of: &str, id: &str) -> Value {
    let r = run(&["status", "--format", "json", "--as-of", as_of]);
    r.expect(0);
    let json: Value = serde_json::from_str(&r.stdout).expect("JSON");
    json["plans"][0]["kpis"]
        .as_array()
        .or(json["kpis"].as_array())
        .expect("kpis")
        .iter()
        .find(|k| k["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("no {id} in {}", r.stdout))
}

fn f(v: &Value) -> Option<f64> {
    v.as_f64()
}

#[test]
fn r_and_d_growth_is_the_published_real_growth_chained() {
    let k = kpi("2022Q4", "rd_spending");
    // Index: 100 × 1.094 = 109.4; × 1.077 = 117.8238. Target on the index:
    // 100 × 1.07^5 = 140.2552. Completion (117.8238 − 100) / (140.2552 −
    // 100) = 0.44277; growth (1.178238)^(1/2) − 1 = 8.5467 % a year, against
    // 7 %: a ratio of 1.2210. From the current-price levels it would be
    // (30782.9 / 24393.1)^(1/2) − 1 = 12.3 % and 1.76.
    let links = k["index"]["links"].as_array().expect("links");
    close(f(&links[1]["index"]), 117.8238, 1e-9);
    close(f(&k["index"]["target"]), 140.255_173_07, 1e-6);
    close(f(&k["completion"]), 0.442_770, 1e-6);
    close(f(&k["actual_cagr"]), 0.085_467, 1e-6);
    close(f(&k["growth_ratio"]), 1.220_953, 1e-6);
    assert_eq!(k["status"], "on_track");
    // Levels as published, at current prices; the 同比 as published.
    close(f(&k["latest"]["reported"]), 30782.9, 1e-9);
    assert_eq!(k["yoy"]["pct"], 7.7);
    assert_eq!(k["yoy"]["published"], true);
    // No current-price level is compared with a real path.
    assert!(k["target"]["value"].is_null() && k["gap"].is_null());
}

#[test]
fn a_year_with_no_published_real_growth_breaks_the_chain_and_says_which() {
    let k = kpi("2024Q4", "rd_spending");
    assert_eq!(k["status"], "insufficient_data");
    assert_eq!(k["index"]["missing"], 2023);
    assert!(k["completion"].is_null() && k["growth_ratio"].is_null());
    let reason = k["reason"].as_str().unwrap_or_default();
    assert!(reason.contains("2023"), "{reason}");
    // Nominal growth computed from the levels is not shown as 同比.
    assert!(k["yoy"].is_null(), "{k}");
}

#[test]
fn a_floor_and_a_ceiling_are_bounds_kept_not_levels_reached() {
    // Grain 6.8285, 6.8653, 6.9541, 7.065 亿吨, every year ≥ 6.5: on track
    // until 2025's figure is in; no warning that 2020 already kept it.
    let k = kpi("2024Q4", "grain_capacity");
    assert_eq!(k["status"], "on_track");
    assert_eq!(k["rating"], "kept");
    assert_eq!(k["bound"]["kept"], true);
    assert_eq!(k["bound"]["years"].as_array().map(Vec::len), Some(4));
    // Unemployment 5.1, 5.6, 5.2, 5.1 against 控制在5.5以内 on average:
    // (5.1 + 5.6 + 5.2 + 5.1) / 4 = 5.25 ≤ 5.5, kept though 2022 broke it.
    let k = kpi("2024Q4", "unemployment");
    close(f(&k["bound"]["average"]), 5.25, 1e-12);
    assert_eq!(k["status"], "on_track");
    assert_eq!(k["bound"]["years"][1]["kept"], false);
    let r = run(&["validate"]);
    r.expect(0);
    assert!(!r.stderr.contains("above its baseline"), "{r:?}");
}

#[test]
fn a_ceiling_broken_in_one_year_is_named_with_its_figure() {
    let w = Work::new();
    let plan = std::fs::read_to_string(root().join(PLAN)).expect("plan");
    let plan = plan.replace(
        r#""target": { "value": 5.5, "hold": "average" }"#,
        r#""target": { "value": 5.5, "hold": "every_year" }"#,
    );
    w.write("targets/china-14th-fyp.json", plan);
    w.write(
        "data/china-14th-fyp/actuals.csv",
        std::fs::read(root().join(DATA).join("china-14th-fyp/actuals.csv")).expect("store"),
    );
    let r = w.run(&["status", "--format", "json", "--lang", "en"]);
    r.expect(0);
    let json: Value = serde_json::from_str(&r.stdout).expect("JSON");
    let text = json.to_string();
    assert!(
        text.contains("not held every year: 5.6 % in 2022, against <= 5.5 %"),
        "{r:?}"
    );
    let r = w.run(&["status", "--lang", "zh"]);
    assert!(r.stdout.contains("2022年5.6%，超过5.5%"), "{r:?}");
    assert!(r.stdout.contains("未保持在目标范围内"), "{r:?}");
}

#[test]
fn targets_relative_to_gdp_growth_compare_the_averages() {
    // Labour productivity 8.7, 4.2 against GDP 8.1, 3.0 (2021-2022):
    // 6.45 against 5.55 on average, 0.90 points above.
    let k = kpi("2022Q4", "labour_productivity_growth");
    close(f(&k["bound"]["average"]), 6.45, 1e-12);
    close(f(&k["bound"]["other_average"]), 5.55, 1e-12);
    assert_eq!(k["status"], "on_track");
    // Income 8.1, 2.9 against 8.1, 3.0: 5.50 against 5.55, 0.05 apart,
    // within 0.5: 基本同步.
    let k = kpi("2022Q4", "income_growth");
    close(f(&k["bound"]["average"]), 5.5, 1e-12);
    assert_eq!(k["bound"]["kept"], true);
    let r = run(&["status", "--as-of", "2022Q4", "--lang", "zh"]);
    assert!(
        r.stdout.contains(
            "高于国内生产总值增长：2021-2022年平均6.45%，国内生产总值增长5.55%（高0.90个百分点）"
        ),
        "{r:?}"
    );
    let r = run(&["status", "--as-of", "2022Q4", "--lang", "en"]);
    assert!(
        r.stdout
            .contains("> GDP growth: 6.45 % against 5.55 % on average 2021-2022 (+0.90 pp)"),
        "{r:?}"
    );
}

#[test]
fn a_percentage_changes_in_points() {
    // 城镇化率 64.72 → 65.22: 提高0.50个百分点, in JSON as yoy.pp.
    let k = kpi("2022Q4", "urbanisation");
    close(f(&k["yoy"]["pp"]), 0.5, 1e-9);
    assert!(k["yoy"]["pct"].is_null(), "{k}");
    let zh = run(&["status", "--as-of", "2022Q4", "--lang", "zh"]);
    assert!(zh.stdout.contains("提高0.50个百分点"), "{zh:?}");
    let en = run(&["status", "--as-of", "2022Q4", "--lang", "en", "--detail"]);
    assert!(en.stdout.contains("+0.50 pp"), "{en:?}");
    let csv = run(&["status", "--as-of", "2022Q4", "--format", "csv"]);
    assert!(
        csv.stdout
            .lines()
            .next()
            .unwrap_or_default()
            .contains("yoy_pct,yoy_pp,")
    );
}

#[test]
fn a_revised_baseline_moves_completion_and_the_plans_figure_is_shown() {
    // 2021: (64.72 − 63.89) / (65 − 63.89) = 0.83 / 1.11 = 0.747748; from
    // the plan's 60.6 it would be 4.12 / 4.4 = 0.936364.
    let k = kpi("2021Q4", "urbanisation");
    close(f(&k["baseline"]["value"]), 63.89, 1e-12);
    close(f(&k["baseline"]["plan_value"]), 60.6, 1e-12);
    assert_eq!(k["baseline"]["from"], "revised");
    close(f(&k["completion"]), 0.83 / 1.11, 1e-9);
    let r = run(&["status", "--as-of", "2021Q4", "--lang", "zh"]);
    assert!(r.stdout.contains("修订后；规划60.6"), "{r:?}");
    let r = run(&[
        "explain",
        "urbanisation",
        "--as-of",
        "2021Q4",
        "--lang",
        "en",
    ]);
    assert!(r.stdout.contains("60.6 → 63.89"), "{r:?}");
}

#[test]
fn a_target_in_words_is_tracked_and_not_counted_as_lagging() {
    let k = kpi("2024Q4", "gdp_growth");
    assert_eq!(k["status"], "no_numeric_target");
    assert_eq!(
        k["target"]["text"],
        "kept within a reasonable range, set year by year"
    );
    close(f(&k["yoy"]["pp"]), -0.2, 1e-9);
    let r = run(&["status", "--lang", "zh"]);
    assert!(r.stdout.contains("保持在合理区间、各年度视情提出"), "{r:?}");
    // `check` skips it: no numeric target, nothing to fall behind.
    let r = run(&["check", "--lang", "en"]);
    assert!(
        r.stdout
            .contains("SKIP china-14th-fyp/gdp_growth (%): no numeric target"),
        "{r:?}"
    );
}

#[test]
fn explain_shows_the_chain_with_the_numbers_put_in() {
    let r = run(&[
        "explain",
        "rd_spending",
        "--as-of",
        "2022Q4",
        "--lang",
        "en",
    ]);
    r.expect(0);
    for line in [
        "= 100 × (1 + 9.4/100)",
        "= 109.4 × (1 + 7.7/100)",
        "= 117.8238",
        "= 100 × (1 + 7/100)^5",
        "= (117.8238 - 100) / (140.25517307 - 100)",
    ] {
        assert!(r.stdout.contains(line), "{line}\n{r:?}");
    }
}

#[test]
fn the_forms_are_refused_where_they_contradict() {
    let w = Work::new();
    let plan = |kpis: &str| {
        format!(
            r#"{{"id":"p","name":"P","source":"s","scope":"cn","baseline_period":"2020Q4","target_period":"2025Q4","kpis":[{kpis}]}}"#
        )
    };
    let cases = [
        // A current-price level cannot be compared with a real path.
        (
            r#"{"id":"a","name":"A","unit":"亿元","kind":"flow","direction":"increase","prices":"comparable","baseline":{"value":1},"target":{"value":2}}"#,
            "comparable prices",
        ),
        (
            r#"{"id":"a","name":"A","unit":"%","kind":"ratio","direction":"increase","target":{"relative_to":"nope"}}"#,
            "no KPI of the plan",
        ),
        (
            r#"{"id":"a","name":"A","unit":"%","kind":"ratio","direction":"increase","target":{"relative_to":"b"}},{"id":"b","name":"B","unit":"%","kind":"ratio","direction":"increase","target":{"relative_to":"a"}}"#,
            "a cycle",
        ),
        (
            r#"{"id":"a","name":"A","unit":"%","kind":"ratio","direction":"increase","target":{"hold":"every_year"}}"#,
            "a bound to keep needs",
        ),
    ];
    for (kpis, said) in cases {
        w.write("targets/p.json", plan(kpis));
        let r = w.run(&["validate", "--lang", "en"]);
        r.expect(2);
        assert!(r.stderr.contains(said), "{said}\n{r:?}");
        let r = w.run(&["validate", "--lang", "zh"]);
        assert!(!r.stderr.contains(said), "said in Chinese too:\n{r:?}");
    }
}

#[test]
fn the_real_plan_runs_end_to_end_in_both_languages() {
    for lang in ["zh", "en"] {
        for args in [
            &["status"][..],
            &["status", "--detail"],
            &["status", "--format", "markdown"],
            &["check"],
        ] {
            let all = [args, &["--lang", lang]].concat();
            let r = run(&all);
            assert!(r.code == 0 || (args[0] == "check" && r.code == 1), "{r:?}");
            assert!(
                !r.stdout.contains("NaN") && !r.stdout.contains("inf"),
                "{r:?}"
            );
        }
    }
}

#[test]
fn charts_draw_a_bound_flat_and_no_current_price_path_for_real_growth() {
    let w = Work::new();
    let out = w.path("charts");
    let out = out.to_str().expect("path");
    let r = run(&["chart", "--out", out, "--lang", "zh"]);
    r.expect(0);
    let svg = |id: &str| {
        std::fs::read_to_string(w.path(&format!("charts/china-14th-fyp/{id}.svg"))).expect("svg")
    };
    // The progress chart says a bound's 评价 where it has no bar.
    assert!(svg("progress").contains("保持在目标范围内"));
    // 控制在5.5%以内: a flat line named as a bound, not a planned path.
    let unemployment = svg("unemployment");
    assert!(unemployment.contains("约束值") && !unemployment.contains("规划路径"));
    assert!(unemployment.contains("控制在5.5%以内"));
    // 年均增长7% at comparable prices has no current-price level: no path
    // to 24,393.1 × 1.07^5 = 34,213.58 is drawn.
    let rd = svg("rd_spending");
    assert!(!rd.contains("规划路径") && !rd.contains("34,213"), "{rd}");
    // Its 柱线图 draws the published real growth (+9.4 %, +7.7 %), never
    // the nominal growth of the levels (33,357.1 / 30,782.9 − 1 = +8.4 %).
    let bars = svg("rd_spending-ytd");
    assert!(bars.contains("+9.4%") && bars.contains("+7.7%"), "{bars}");
    assert!(!bars.contains("+8.4%"), "{bars}");
}

#[test]
fn explain_shows_each_year_against_the_bound_and_the_average() {
    let r = run(&["explain", "unemployment", "--lang", "zh"]);
    r.expect(0);
    for line in [
        "= 5.6 <= 5.5 ✗",
        "= 5.1 <= 5.5 ✓",
        "= (5.1 + 5.6 + 5.2 + 5.1) / 4",
        "= 5.25",
        "2021-2024年平均5.25%，控制在5.5%以内",
    ] {
        assert!(r.stdout.contains(line), "{line}\n{r:?}");
    }
    // A bound asks no growth: no required rate is worked out.
    assert!(!r.stdout.contains("此后所需年均增速"), "{r:?}");
}

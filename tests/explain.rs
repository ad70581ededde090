//! `explain` against `status`: every step's working, evaluated here as
//! arithmetic, gives its result, and every result is the figure status reports.

use crate::support::plantrack;
use std::path::Path;

use crate::support::{obs, one_kpi_plan};
use plantrack::core::assess::{KpiAssessment, Method, assess_kpi};
use plantrack::core::explain::{Explanation, explain};
use plantrack::core::observation::Basis;
use plantrack::lang::Lang;
use plantrack::output::words::explain::of_kpi as text_of;
use proptest::prelude::*;
use serde_json::Value;

/// Evaluates the arithmetic of a step's working: numbers, + - * /, ^,
/// parentheses and |absolute value|.
fn eval(text: &str) -> f64 {
    let tokens: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut pos = 0;
    let v = expr(&tokens, &mut pos);
    assert_eq!(pos, tokens.len(), "unparsed rest of {text:?}");
    v
}

fn expr(t: &[char], pos: &mut usize) -> f64 {
    let mut v = term(t, pos);
    while let Some(&c) = t.get(*pos) {
        match c {
            '+' => {
                *pos += 1;
                v += term(t, pos);
            }
            '-' => {
                *pos += 1;
                v -= term(t, pos);
            }
            _ => break,
        }
    }
    v
}

fn term(t: &[char], pos: &mut usize) -> f64 {
    let mut v = power(t, pos);
    while let Some(&c) = t.get(*pos) {
        match c {
            '*' => {
                *pos += 1;
                v *= power(t, pos);
            }
            '/' => {
                *pos += 1;
                v /= power(t, pos);
            }
            _ => break,
        }
    }
    v
}

fn power(t: &[char], pos: &mut usize) -> f64 {
    let base = unary(t, pos);
    if t.get(*pos) == Some(&'^') {
        *pos += 1;
        base.powf(power(t, pos))
    } else {
        base
    }
}

fn unary(t: &[char], pos: &mut usize) -> f64 {
    if t.get(*pos) == Some(&'-') {
        *pos += 1;
        return -unary(t, pos);
    }
    // The forecast's functions: ln, exp and sqrt of a bracket, and a
    // tail of Student's t, P(T<df> >= z) or P(T<df> <= z).
    let rest: String = t[*pos..].iter().take(4).collect();
    for (name, f) in [
        ("ln(", f64::ln as fn(f64) -> f64),
        ("exp(", f64::exp),
        ("sqrt(", f64::sqrt),
    ] {
        if rest.starts_with(name) || t[*pos..].iter().collect::<String>().starts_with(name) {
            *pos += name.len() - 1;
            return f(unary(t, pos));
        }
    }
    if rest.starts_with("P(T") {
        use statrs::distribution::{ContinuousCDF, StudentsT};
        *pos += 3;
        let start = *pos;
        while t.get(*pos).is_some_and(char::is_ascii_digit) {
            *pos += 1;
        }
        let df: f64 = t[start..*pos].iter().collect::<String>().parse().unwrap();
        let upper = match (t.get(*pos), t.get(*pos + 1)) {
            (Some('>'), Some('=')) => true,
            (Some('<'), Some('=')) => false,
            other => panic!("not a tail: {other:?}"),
        };
        *pos += 2;
        let z = expr(t, pos);
        assert_eq!(t.get(*pos), Some(&')'));
        *pos += 1;
        let below = StudentsT::new(0.0, 1.0, df).unwrap().cdf(z);
        return if upper { 1.0 - below } else { below };
    }
    match t.get(*pos) {
        Some('(') => {
            *pos += 1;
            let v = expr(t, pos);
            assert_eq!(t.get(*pos), Some(&')'));
            *pos += 1;
            v
        }
        Some('|') => {
            *pos += 1;
            let v = expr(t, pos);
            assert_eq!(t.get(*pos), Some(&'|'));
            *pos += 1;
            v.abs()
        }
        _ => {
            let start = *pos;
            while t
                .get(*pos)
                .is_some_and(|c| c.is_ascii_digit() || *c == '.' || *c == 'e')
            {
                *pos += 1;
            }
            let s: String = t[start..*pos].iter().collect();
            s.parse()
                .unwrap_or_else(|_| panic!("not a number at {start}: {s:?}"))
        }
    }
}

/// The status figure a step reports, by the step's name.
fn figure(a: &Value, step_name: &str) -> Option<Value> {
    let key = match step_name {
        s if s.starts_with("baseline x0") => return Some(a["baseline"]["value"].clone()),
        s if s.starts_with("latest xt") => return Some(a["latest"]["value"].clone()),
        s if s.starts_with("target X") => return Some(a["target"]["value"].clone()),
        "gap" => "gap",
        "gap %" => "gap_pct",
        "expected (trajectory)" => "expected",
        "gap to trajectory" => "gap_to_trajectory",
        "completion c" => "completion",
        "time elapsed e" => "time_elapsed",
        "pace gap (pp)" => "pace_gap_pp",
        "actual CAGR" | "own growth (trend)" => "actual_cagr",
        "required CAGR" => "required_cagr",
        "growth ratio R" | "linear rate ratio R" => "growth_ratio",
        "projected at T" | "projected at T (linear)" => "projected",
        "projection ratio P" => "projection_ratio",
        "required rate from now" => "required_rate",
        s if s.starts_with("mean annual") => return Some(a["forecast"]["step_mean"].clone()),
        s if s.starts_with("spread of the") => return Some(a["forecast"]["step_sd"].clone()),
        s if s.starts_with("horizon h") => return Some(a["forecast"]["horizon_years"].clone()),
        "forecast centre m" => return Some(a["forecast"]["centre"].clone()),
        s if s.starts_with("forecast standard error") => {
            return Some(a["forecast"]["standard_error"].clone());
        }
        "t quantile" => return Some(a["forecast"]["t_quantile"].clone()),
        "80 % range, low" => return Some(a["forecast"]["interval"]["low"].clone()),
        "80 % range, high" => return Some(a["forecast"]["interval"]["high"].clone()),
        "chance of meeting the target p" => return Some(a["forecast"]["p_meet"].clone()),
        _ => return None,
    };
    Some(a[key].clone())
}

/// Whether a step's figure is in the KPI's unit (so it scales with it) rather
/// than a rate or a ratio.
fn in_unit(step_name: &str) -> bool {
    ["baseline x0", "latest xt", "target X", "projected at T"]
        .iter()
        .any(|p| step_name.starts_with(p))
        || [
            "gap",
            "expected (trajectory)",
            "gap to trajectory",
            "forecast centre m",
            "80 % range, low",
            "80 % range, high",
            // A linear KPI's steps are in its unit; a compound one's are logs.
            "mean annual change g",
            "spread of the changes s",
            "forecast standard error se",
        ]
        .contains(&step_name)
}

/// Checks an explanation shown `scale` times larger (Chinese text shows
/// billion yuan in 亿元) against the assessment `a` (as JSON): each figure in
/// the unit is `scale` times status's, each rate and ratio the same, and
/// every working still redoes to its result.
fn agrees_scaled(ex: &Value, a: &Value, scale: f64) {
    for step in ex["steps"].as_array().unwrap() {
        let name = step["figure"].as_str().unwrap();
        let Some(result) = step["result"].as_f64() else {
            continue;
        };
        let want = figure(a, name).and_then(|v| v.as_f64()).unwrap();
        let want = if in_unit(name) { want * scale } else { want };
        assert!(
            (want - result).abs() <= 1e-9 * want.abs().max(1.0),
            "{}: step {name:?}: {result}, not {want}",
            a["id"]
        );
        let working = step["working"].as_str().unwrap();
        let redone = eval(working);
        assert!(
            (redone - result).abs() <= 1e-6 * result.abs().max(1.0),
            "{}: step {name:?}: {working} = {redone}, not {result}",
            a["id"]
        );
    }
}

/// Checks one explanation against the assessment `a` (as JSON).
fn agrees(ex: &Value, a: &Value) {
    assert_eq!(ex["status"], a["status"], "status of {}", a["id"]);
    for step in ex["steps"].as_array().unwrap() {
        let name = step["figure"].as_str().unwrap();
        let Some(result) = step["result"].as_f64() else {
            continue;
        };
        let want = figure(a, name).unwrap_or_else(|| panic!("step {name:?} has no status figure"));
        // Status JSON carries 12 significant digits; explain every digit.
        let twelve = plantrack::output::format::significant;
        assert_eq!(
            want.as_f64().map(twelve),
            Some(twelve(result)),
            "{}: step {name:?}",
            a["id"]
        );
        let working = step["working"].as_str().unwrap();
        let redone = eval(working);
        let tolerance = 1e-6 * result.abs().max(1.0);
        assert!(
            (redone - result).abs() <= tolerance,
            "{}: step {name:?}: {working} = {redone}, not {result}",
            a["id"]
        );
    }
}

fn run(args: &[&str]) -> Value {
    let out = plantrack()
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn explain_reproduces_status_for_every_shipped_kpi() {
    let synthetic = [
        "--plan",
        "examples/synthetic-zone/targets",
        "--data",
        "examples/synthetic-zone/data",
    ];
    for extra in [&[][..], &synthetic[..]] {
        for method in ["growth-ratio", "projection", "pace"] {
            let status = run(&[
                &["status", "--format", "json", "--method", method][..],
                extra,
            ]
            .concat());
            for a in status["kpis"].as_array().unwrap() {
                let id = a["id"].as_str().unwrap();
                let ex = run(&[
                    &["explain", id, "--format", "json", "--method", method][..],
                    extra,
                ]
                .concat());
                agrees(&ex, a);
            }
        }
    }
}

#[test]
fn explain_text_shows_the_working() {
    let out = plantrack()
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args([
            "explain",
            "output",
            "--plan",
            "examples/synthetic-zone/targets",
            "--data",
            "examples/synthetic-zone/data",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for line in [
        "synthetic-zone/output: Industrial output (billion yuan), method growth-ratio, as of 2022Q4",
        "ytd + (full year 2021 - ytd 2021 Q3): the trailing four quarters\n     = 93 + (112 - 80)\n     = 125",
        "     = (125 / 100)^(1 / 1.75) - 1\n     = 0.135996911",
        "     = 1 * 0.135996911 / 0.189207115\n     = 0.718772709",
        "     0.718772709 -> needs acceleration",
        "Status: needs acceleration (decided by growth_ratio)",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    let out = plantrack()
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(["explain", "nonesuch"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("nonesuch: no plan has a KPI by that id, name or alias")
    );
}

/// The words of Chinese text that are not Chinese: runs of two or more ASCII
/// letters, leaving out the formulas' notation, the first line's ids and the
/// plan's scope names (quoted “…”, data as the plan gives it).
fn english_words(text: &str) -> Vec<String> {
    const NOTATION: [&str; 8] = ["x0", "xt", "xa", "xb", "ln", "exp", "sqrt", "se"];
    let mut words = Vec::new();
    for line in text.lines().skip(1) {
        let mut quoted = false;
        let mut word = String::new();
        for c in line.chars().chain([' ']) {
            match c {
                '“' => quoted = true,
                '”' => quoted = false,
                c if !quoted && (c.is_ascii_alphanumeric()) => word.push(c),
                _ => {
                    let letters = word.chars().filter(char::is_ascii_alphabetic).count();
                    if letters >= 2 && !NOTATION.contains(&word.as_str()) {
                        words.push(word.clone());
                    }
                    word.clear();
                }
            }
        }
    }
    words
}

#[test]
fn explain_in_chinese_counts_money_in_yi_yuan_and_dates_as_a_bureau() {
    let out = plantrack()
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(["explain", "industrial_output", "--lang", "zh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    // 32.34 billion yuan is 323.4亿元; its annual equivalent 323.4 × 4 / 2 =
    // 646.8; 22.4 billion is 224亿元, 224 × 4 / 1 = 896; the target 500
    // billion is 5000亿元, the gap 896 - 5000 = -4104.
    for line in [
        "bishan-2022/industrial_output：工业总产值（亿元），评估方法：增速比法，截至2022年一季度",
        "  2018年1-6月  323.4 -> 646.8（按时间比例折年）",
        "  2022年1-3月  224 -> 896（按时间比例折年）  口径“高新区规模以上工业企业”  同比+27.0%（公布数）\n",
        "= 323.4 * 4 / 2\n     = 646.8",
        "目标值 X（≥5000，2022年）",
        "     = 896 - 5000\n     = -4104",
        "     = (896 - 5000) / 5000 * 100\n     = -82.08",
        "     t - t0 = 2022年一季度 - 2018年二季度 = 15个季度 = 3.75年\n",
        "状态：数据不足\n原因：最新数据（2022年一季度）的统计口径为“高新区规模以上工业企业”，目标口径为“高新区”",
        // Scopes by the plan's Chinese names (its "scopes_zh").
        "最新值 xt（2022年1-3月，口径“高新区规模以上工业企业”）",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
}

#[test]
fn explain_in_chinese_has_no_english_word_for_any_shipped_kpi() {
    // In process: every shipped KPI under every method, in both languages,
    // as `explain` says it (no process launched per KPI).
    let root = crate::support::root();
    for (plans, data) in [
        ("targets", "data"),
        (
            "examples/synthetic-zone/targets",
            "examples/synthetic-zone/data",
        ),
    ] {
        let loaded = plantrack::intake::load::load(&root.join(plans), &root.join(data));
        assert!(!loaded.has_errors(), "{:?}", loaded.problems);
        for lp in &loaded.plans {
            let as_of = plantrack::core::assess::default_as_of(&lp.plan, &lp.observations);
            for kpi in &lp.plan.kpis {
                for method in Method::ALL {
                    let explained =
                        |lang| text_of(&lp.plan, kpi, &lp.observations, as_of, method, lang);
                    let zh = explained(Lang::Zh);
                    assert_eq!(english_words(&zh), Vec::<String>::new(), "{zh}");
                    // The same in English has no Chinese beyond the plan's own.
                    let en = explained(Lang::En);
                    assert!(!en.contains("增速比") && !en.contains("年"), "{en}");
                }
            }
        }
    }
}

fn to_json(a: &KpiAssessment, ex: &Explanation) -> (Value, Value) {
    (
        serde_json::to_value(a).unwrap(),
        serde_json::to_value(ex).unwrap(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// For random plans and data, under every method, explain and status agree
    /// and every working redoes to its result.
    #[test]
    fn explain_and_status_agree(
        kind in prop::sample::select(vec!["level", "flow", "count"]),
        increase in any::<bool>(),
        shape in prop::sample::select(vec!["linear", "compound"]),
        base in 1i64..500, target in 1i64..1000,
        values in prop::collection::btree_map(1i32..=18, 0i64..1000, 1..6),
        method in prop::sample::select(Method::ALL.to_vec()),
        milestone in prop::option::of((1i32..18, 1i64..1000)),
    ) {
        let direction = if increase { "increase" } else { "decrease" };
        let comparator = if increase { ">=" } else { "<=" };
        let basis = match kind { "flow" => Basis::Ytd, _ => Basis::Level };
        let baseline = if kind == "count" { String::new() } else { format!(r#""baseline": {{"value": {base}}},"#) };
        let shape = if kind == "count" { "linear" } else { shape };
        let milestones = milestone
            .map(|(q, v)| format!(r#""milestones": [{{"period": "{}", "value": {v}}}],"#, crate::support::period("2018Q2").add_quarters(q)))
            .unwrap_or_default();
        let plan = one_kpi_plan("2018Q2", "2022Q4", &format!(
            r#"{{"id": "x", "name": "X", "unit": "u", "kind": "{kind}", "direction": "{direction}",
                "trajectory": "{shape}", {baseline} {milestones}
                "target": {{"value": {target}, "comparator": "{comparator}"}}}}"#));
        let start = plan.baseline_period;
        let data: Vec<_> = values.iter()
            .map(|(&q, &v)| obs("x", &start.add_quarters(q).to_string(), v as f64, basis))
            .collect();
        let refs: Vec<_> = data.iter().collect();
        let as_of = start.add_quarters(18);
        let a = assess_kpi(&plan, &plan.kpis[0], &refs, None, as_of, method);
        let ex = explain(&plan, &plan.kpis[0], &refs, &a, method, as_of, 1.0);
        let tenfold = explain(&plan, &plan.kpis[0], &refs, &a, method, as_of, 10.0);
        let (a, ex) = to_json(&a, &ex);
        agrees(&ex, &a);
        agrees_scaled(&serde_json::to_value(&tenfold).unwrap(), &a, 10.0);
    }
}

#[test]
fn explain_shows_the_forecast_step_by_step_in_both_units() {
    // The worked example (a compound flow), a linear percentage and a
    // falling ratio: every forecast step's working redoes to its result,
    // which is the figure status reports, and again ten times larger.
    let cases = [
        (
            r#"{"id": "x", "name": "X", "unit": "billion yuan", "kind": "flow", "direction": "increase",
                "trajectory": "compound", "target": {"value": 180}}"#,
            2016,
            vec![80.0, 88.0, 95.0, 101.0, 112.0, 118.0, 130.0],
            Basis::Ytd,
        ),
        (
            r#"{"id": "x", "name": "X", "unit": "%", "kind": "ratio", "direction": "increase",
                "target": {"value": 3.5}}"#,
            2018,
            vec![2.0, 2.2, 2.3, 2.6, 2.7],
            Basis::Level,
        ),
        (
            r#"{"id": "x", "name": "X", "unit": "tce per 10k yuan", "kind": "ratio", "direction": "decrease",
                "trajectory": "compound", "target": {"value": 0.45, "comparator": "<="}}"#,
            2018,
            vec![0.60, 0.58, 0.55, 0.54, 0.51],
            Basis::Level,
        ),
    ];
    for (kpi, first, values, basis) in cases {
        let plan = one_kpi_plan(&format!("{first}Q4"), "2025Q4", kpi);
        let data: Vec<_> = (first..)
            .zip(&values)
            .map(|(y, &v)| obs("x", &format!("{y}Q4"), v, basis))
            .collect();
        let refs: Vec<_> = data.iter().collect();
        let as_of = plantrack::core::period::Period::new(2022, 4).unwrap();
        for method in Method::ALL {
            let a = assess_kpi(&plan, &plan.kpis[0], &refs, None, as_of, method);
            assert!(a.forecast.is_some(), "{kpi}");
            let ex = explain(&plan, &plan.kpis[0], &refs, &a, method, as_of, 1.0);
            let tenfold = explain(&plan, &plan.kpis[0], &refs, &a, method, as_of, 10.0);
            let (a, ex) = to_json(&a, &ex);
            let names: Vec<&str> = ex["steps"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["figure"].as_str().unwrap())
                .collect();
            for name in [
                "forecast centre m",
                "t quantile",
                "80 % range, low",
                "chance of meeting the target p",
            ] {
                assert!(names.contains(&name), "no {name} in {names:?}");
            }
            agrees(&ex, &a);
            agrees_scaled(&serde_json::to_value(&tenfold).unwrap(), &a, 10.0);
        }
    }
}

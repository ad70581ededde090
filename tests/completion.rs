//! The completion table (主要指标完成情况表) on the district example fed from
//! its bureau sheets: each figure against the hand computation in
//! docs/methods.md, 评价 at the edges of its rule, the same figures in the
//! JSON and the workbook, and every layout within the width at 60 to 250
//! columns in both languages.

use calamine::{Data, Reader, Xlsx};
use proptest::prelude::*;

use crate::support::{Run, Work, plantrack, root};

pub const PLAN: &str = "examples/district-14th/district-14th.json";
const DATA: &str = "examples/district-14th/data";

/// `plantrack status ARGS` on the district example at `columns`.
fn status(columns: usize, args: &[&str]) -> Run {
    let all = [&["status", "--plan", PLAN, "--data", DATA][..], args].concat();
    Run::of(
        plantrack()
            .env("COLUMNS", columns.to_string())
            .current_dir(root())
            .args(&all),
        root(),
        &all,
    )
}

#[test]
fn the_district_table_says_each_figure_as_computed_by_hand() {
    let r = status(250, &[]);
    r.expect(0);
    let out = &r.stdout;
    assert!(out.contains("┆"), "250 columns hold the table:\n{out}");
    for cell in [
        // 2025年1-6月 823.7 published; the year's target 增长10% on 1,571.9:
        // 1,571.9 × 1.10 = 1,729.09; 823.7 ÷ 1,729.09 = 47.6 % at 2/4 = 50 %.
        "1,729.09",
        "823.7",
        "47.6%",
        "（50.0%）",
        // The plan: 1,150 × 1.07^5 = 1,612.93; (1,571.9 − 1,150) ÷ (1,612.93
        // − 1,150) = 91.1 % at 4/5 = 80 %, in 2024; (1,571.9/1,150)^(1/4) −
        // 1 = 8.1 % against the stated 7 %.
        "（1,612.93）",
        "91.1%",
        "（80.0%，2024年）",
        "8.1%",
        "（7%）",
        // R&D: 2.61 − 2.46 = 0.15 points on a year earlier; (2.61 − 2.1) ÷
        // 0.9 = 56.7 %; (2.61 − 2.1)/4 = 0.1275 ≈ 0.13 points a year against
        // 0.9/5 = 0.18.
        "提高0.15个百分点",
        "56.7%",
        "0.13个百分点",
        // Firms: 155 ÷ 220 = 70.5 %; (335/180)^(1/4) − 1 = 16.8 % against
        // (400/180)^(1/5) − 1 = 17.3 %; 335/290 − 1 = 15.5 %, computed.
        "70.5%",
        "16.8%",
        "（17.3%）",
        "（推算）",
        // Area: 6.2 ÷ 8 = 77.5 %.
        "77.5%",
        "约束性",
        "预期性",
    ] {
        assert!(out.contains(cell), "{cell}:\n{out}");
    }
    // 评价: +11.1, -23.3, -9.5 and -2.5 points against 序时进度.
    let rated: Vec<&str> = out
        .lines()
        .filter(|l| {
            l.strip_prefix("│ ")
                .is_some_and(|c| c.starts_with(|c: char| c.is_ascii_digit()))
        })
        .map(|l| l.trim_end_matches('│').rsplit('┆').next().unwrap().trim())
        .collect();
    assert_eq!(
        rated,
        [
            "快于序时进度",
            "滞后于序时进度",
            "滞后于序时进度",
            "基本符合序时进度"
        ],
        "{out}"
    );
    // Published figures first: no annual equivalent, no estimate mark.
    assert!(!out.contains("1,647.4"), "{out}");
    assert!(!out.contains('*'), "{out}");
}

#[test]
fn the_json_and_the_workbook_carry_the_same_figures() {
    let r = status(100, &["--format", "json"]);
    r.expect(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let gdp = &v["kpis"][0];
    assert_eq!(gdp["rating"], "ahead");
    assert_eq!(gdp["year_target"]["growth_pct"], 10.0);
    assert_eq!(gdp["year_target"]["on"], 1571.9);
    assert_eq!(gdp["year_target"]["level"], 1729.09);
    let c = gdp["year_pace"]["completion"].as_f64().unwrap();
    assert!((c - 823.7 / 1729.09).abs() < 1e-9, "{c}");
    let s = &gdp["since_base"];
    assert_eq!(s["to"], "2024Q4");
    let want = (1571.9 - 1150.0) / (1150.0 * 1.07f64.powi(5) - 1150.0);
    assert!((s["completion"].as_f64().unwrap() - want).abs() < 1e-9);
    assert_eq!(s["time_elapsed"], 0.8);
    assert_eq!(s["planned"], 7.0);
    let rd = &v["kpis"][1];
    assert_eq!(rd["yoy"]["change"], 0.15);
    assert_eq!(rd["since_base"]["points"], true);
    assert_eq!(rd["rating"], "behind");

    let w = Work::new();
    let out = w.path("r.xlsx");
    let out = out.to_str().unwrap();
    let r = Run::of(
        plantrack()
            .current_dir(root())
            .args(["report", "--plan", PLAN, "--data", DATA, "--out", out]),
        root(),
        &["report"],
    );
    r.expect(0);
    let mut book: Xlsx<_> = calamine::open_workbook(out).unwrap();
    assert_eq!(book.sheet_names()[0], "完成情况表");
    let sheet = book.worksheet_range("完成情况表").unwrap();
    let header: Vec<String> = (0..21)
        .map(|c| sheet.get((2, c)).map_or(String::new(), |d| d.to_string()))
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let number = |c: usize| match sheet.get((3, c)) {
        Some(Data::Float(x)) => *x,
        other => panic!("{}: {other:?}", header[c]),
    };
    assert_eq!(
        sheet.get((3, col("指标"))).unwrap().to_string(),
        "地区生产总值"
    );
    assert_eq!(number(col("基期值")), 1150.0);
    assert_eq!(number(col("2025年目标")), 1729.09);
    assert_eq!(number(col("最新完成（公布数）")), 823.7);
    assert!((number(col("完成年度目标")) - 823.7 / 1729.09).abs() < 1e-12);
    assert_eq!(number(col("序时进度（全年）")), 0.5);
    assert!((number(col("完成规划进度")) - want).abs() < 1e-12);
    assert_eq!(number(col("序时进度（规划期）")), 0.8);
    assert_eq!(
        sheet.get((3, col("评价"))).unwrap().to_string(),
        "快于序时进度"
    );
    assert_eq!(sheet.get((3, col("属性"))).unwrap().to_string(), "预期性");
}

/// A plan of one level KPI, 100 in 2020 to 200 in 2025 on a straight
/// path, with `latest` at the end of 2023 (60 % of the time gone).
fn one_level(latest: &str) -> Work {
    let w = Work::new();
    w.write(
        "targets/p.json",
        r#"{"id": "p", "name": "P (SYNTHETIC test fixture)", "source": "SYNTHETIC",
            "scope": "zone", "baseline_period": "2020Q4", "target_period": "2025Q4",
            "kpis": [{"id": "x", "name": "X", "unit": "u", "kind": "level",
                      "direction": "increase", "trajectory": "linear",
                      "baseline": {"value": 100}, "target": {"value": 200}}]}"#,
    );
    w.write(
        "data/p/actuals.csv",
        format!("kpi,period,value\nx,2023Q4,{latest}\n"),
    );
    w
}

#[test]
fn the_rating_turns_at_five_points_either_side_of_the_time_gone() {
    // (x − 100) / 100 against 0.6: 165 is +5 points, 155 is −5.
    for (latest, rating) in [
        ("165", "ahead of schedule"),
        ("164.9", "broadly on schedule"),
        ("155", "broadly on schedule"),
        ("154.9", "behind schedule"),
        ("210", "achieved early"),
    ] {
        let w = one_level(latest);
        let r = w.run(&["status", "--lang", "en"]);
        r.expect(0);
        assert!(
            r.stdout.contains(&format!("1. X (u): {rating}\n")),
            "{latest}: {rating}\n{}",
            r.stdout
        );
    }
    // 154.9 is on track by the growth ratio, (154.9/100)^(1/3) − 1 = 15.7 %
    // a year against 14.9 %: the status and the rating read different
    // yardsticks, and each says which.
    let w = one_level("154.9");
    let v: serde_json::Value =
        serde_json::from_str(&w.run(&["status", "--format", "json"]).stdout).unwrap();
    assert_eq!(v["kpis"][0]["status"], "on_track");
    assert_eq!(v["kpis"][0]["rating"], "behind");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]
    /// Every line of `status`, the completion table and the detail, in
    /// either language, fits any width from 60 to 250 columns.
    #[test]
    fn every_layout_fits_the_width(
        columns in 60usize..=250,
        zh in any::<bool>(),
        detail in any::<bool>(),
        shipped in any::<bool>(),
    ) {
        use unicode_width::UnicodeWidthStr;
        let lang = if zh { "zh" } else { "en" };
        let mut args = vec!["status", "--lang", lang];
        if detail {
            args.push("--detail");
        }
        if !shipped {
            args.extend(["--plan", PLAN, "--data", DATA]);
        }
        let r = Run::of(
            plantrack()
                .env("COLUMNS", columns.to_string())
                .current_dir(root())
                .args(&args),
            root(),
            &args,
        );
        r.expect(0);
        for line in r.stdout.lines() {
            prop_assert!(line.width() <= columns, "{} > {columns}: {line}\n{}", line.width(), r.stdout);
        }
    }
}

/// The district's output as a bureau charts it (柱线图): its published
/// totals as bars, 同比 on the right-hand axis (hollow where computed),
/// each year's planned total across its bars.
#[test]
fn a_flow_gets_its_bars_and_growth_line() {
    let w = Work::new();
    let out = w.path("ch");
    let out = out.to_str().unwrap();
    let args = [
        "chart", "--plan", PLAN, "--data", DATA, "--out", out, "--format", "svg",
    ];
    Run::of(plantrack().current_dir(root()).args(args), root(), &args).expect(0);
    let svg = std::fs::read_to_string(w.path("ch/district-14th/gdp-ytd.svg")).unwrap();
    let text = crate::chinese::svg_text(&svg);
    for words in [
        "地区生产总值：年内累计与同比增长",
        // The bars: 1,240.2 to 1,571.9 by year, then 823.7 for 1-6月.
        "1,240.2",
        "1,571.9",
        "823.7",
        "1-12月",
        "1-6月",
        "2025年",
        // 同比 as published (8.2, 9.1) and computed: 1,452.8 / 1,330.5 - 1 =
        // 9.19 %, shown +9.2%.
        "+8.2%",
        "+9.1%",
        "+9.2%",
        "同比增长（右轴；空心为推算）",
        "全年规划目标",
    ] {
        assert!(text.contains(words), "{words}:\n{text}");
    }
    // A level's axis is framed on its movement, and says so.
    let area = std::fs::read_to_string(w.path("ch/district-14th/built_up_area.svg")).unwrap();
    assert!(crate::chinese::svg_text(&area).contains("纵轴不从0开始"));
    // Only a flow gets one.
    assert!(!w.path("ch/district-14th/rd_ratio-ytd.svg").exists());
}

/// Bishan's only recent output figure covers the zone's above-size firms,
/// not the zone: no part of the zone's year is completed by it.
#[test]
fn a_figure_of_another_scope_completes_no_year() {
    let args = ["status", "--format", "json"];
    let r = Run::of(plantrack().current_dir(root()).args(args), root(), &args);
    r.expect(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let output = &v["kpis"][0];
    assert_eq!(output["id"], "industrial_output");
    assert_ne!(output["latest"]["scope"], output["scope"]);
    assert_eq!(output["year_pace"], serde_json::Value::Null);
    assert!(!r.stdout.is_empty());
    let table = Run::of(
        plantrack().current_dir(root()).arg("status"),
        root(),
        &["status"],
    );
    assert!(
        !table.stdout.contains("Of year's target"),
        "{}",
        table.stdout
    );
}

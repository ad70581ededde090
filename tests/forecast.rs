//! The forecast (docs/methods.md, "The forecast"): calibrated on simulated
//! random walks, monotone in the target, and shown end to end on a flow fed
//! as a bureau publishes it (year-to-date totals).

use plantrack::core::forecast::{Ask, Forecast, forecast};
use plantrack::core::period::Period;
use plantrack::core::plan::{Direction, Shape};
use plantrack::core::series::Point;
use proptest::prelude::*;

use crate::support::Work;

/// Year-end figures from `first` on.
fn year_ends(first: i32, values: &[f64]) -> Vec<Point> {
    (first..)
        .zip(values)
        .map(|(y, &v)| Point::plain(Period::new(y, 4).unwrap(), v, "zone"))
        .collect()
}

fn forecast_of(points: &[Point], direction: Direction, target: f64) -> Option<Forecast> {
    forecast(Ask {
        points,
        scope: "zone",
        shape: Shape::Compound,
        direction,
        target: Some(target),
        target_period: Period::new(2025, 4).unwrap(),
        from_year: 2000,
        latest: points.last().map(|p| (p.period, p.value)),
    })
    .0
}

/// A small deterministic generator (xorshift64*), and standard normal
/// draws from it (Box-Muller): the same simulation on every run.
struct Draws(u64);

impl Draws {
    fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        ((x >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
}

#[test]
fn the_range_holds_four_fifths_of_simulated_outcomes_and_the_chance_beats_the_base_rate() {
    // 500 random walks with drift in logs (growth 6 % a year, spread 5 %):
    // seven year-ends 2016-2022 seen, 2025 drawn on. The range should hold
    // the 2025 value in about 80 % of walks (72-88 % allowed: 500 walks
    // give a standard error of 1.8 points), and the chance of reaching
    // 100 * e^(9 * 0.06) (the walk's median 2025 value) should score a lower
    // Brier score than always saying the share of walks that reached it.
    let (mu, sigma, walks): (f64, f64, u32) = (0.06, 0.05, 500);
    let target = 100.0 * (9.0 * mu).exp();
    let mut draws = Draws(0x9E37_79B9_7F4A_7C15);
    let mut held = 0;
    let mut outcomes: Vec<(f64, f64)> = Vec::new();
    for _ in 0..walks {
        let mut x = 100.0_f64;
        let mut seen = vec![x];
        for _ in 0..6 {
            x *= (mu + sigma * draws.normal()).exp();
            seen.push(x);
        }
        let mut future = x;
        for _ in 0..3 {
            future *= (mu + sigma * draws.normal()).exp();
        }
        let f = forecast_of(&year_ends(2016, &seen), Direction::Increase, target).unwrap();
        let range = f.interval.unwrap();
        if (range.low..=range.high).contains(&future) {
            held += 1;
        }
        outcomes.push((f.p_meet.unwrap(), f64::from(u8::from(future >= target))));
    }
    let coverage = f64::from(held) / f64::from(walks);
    assert!((0.72..=0.88).contains(&coverage), "coverage {coverage}");
    let n = outcomes.len() as f64;
    let base = outcomes.iter().map(|o| o.1).sum::<f64>() / n;
    let brier = outcomes.iter().map(|(p, o)| (p - o).powi(2)).sum::<f64>() / n;
    let base_brier = outcomes
        .iter()
        .map(|(_, o)| (base - o).powi(2))
        .sum::<f64>()
        / n;
    assert!(
        brier < base_brier,
        "Brier {brier} against the base rate's {base_brier}"
    );
}

proptest! {
    /// For a KPI that should rise, the chance rises as the target falls;
    /// for one that should fall, as the ceiling rises.
    #[test]
    fn the_chance_is_monotone_in_the_target(
        steps in prop::collection::vec(-0.1f64..0.2, 3..9),
        a in 50.0f64..400.0,
        b in 50.0f64..400.0,
    ) {
        let mut x = 100.0;
        let mut values = vec![x];
        for r in &steps {
            x *= f64::exp(*r);
            values.push(x);
        }
        let points = year_ends(2025 - 3 - steps.len() as i32, &values);
        let (low, high) = (a.min(b), a.max(b));
        let chance = |d, t| forecast_of(&points, d, t).and_then(|f| f.p_meet);
        if let (Some(at_low), Some(at_high)) =
            (chance(Direction::Increase, low), chance(Direction::Increase, high))
        {
            prop_assert!(at_low >= at_high, "{at_low} < {at_high}");
        }
        if let (Some(at_low), Some(at_high)) =
            (chance(Direction::Decrease, low), chance(Direction::Decrease, high))
        {
            prop_assert!(at_low <= at_high, "{at_low} > {at_high}");
        }
    }
}

/// A plan with a flow fed as a bureau publishes it: year-to-date totals at
/// each half year, of which the fourth quarter's is the year (SYNTHETIC).
fn flow_plan() -> Work {
    let w = Work::new();
    w.write(
        "targets/fc.json",
        r#"{
  "id": "fc",
  "name": "Forecast test (SYNTHETIC)",
  "name_zh": "预测测试（虚构数据）",
  "source": "SYNTHETIC: invented for a test",
  "scope": "zone",
  "scopes_zh": {"zone": "园区"},
  "baseline_period": "2016Q4",
  "target_period": "2025Q4",
  "kpis": [
    {"id": "output", "name": "Industrial output", "name_zh": "工业总产值", "unit": "billion yuan",
     "kind": "flow", "direction": "increase", "trajectory": "compound", "target": {"value": 180}}
  ]
}"#,
    );
    let mut csv = String::from("kpi,period,value,unit,basis,scope,source,note,yoy\n");
    for (year, full) in (2016..).zip([80.0, 88.0, 95.0, 101.0, 112.0, 118.0, 130.0]) {
        // The half year's total is not a year-end figure: it changes nothing.
        let half: f64 = full * 0.47;
        csv.push_str(&format!(
            "output,{year}Q2,{half},billion yuan,ytd,zone,SYNTHETIC,,\noutput,{year}Q4,{full},billion yuan,ytd,zone,SYNTHETIC,,\n"
        ));
    }
    w.write("data/fc/actuals.csv", csv);
    w
}

#[test]
fn a_flows_full_years_give_the_worked_example_in_every_output() {
    let w = flow_plan();
    let r = w.run(&["status", "--format", "json"]);
    r.expect(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let f = &v["kpis"][0]["forecast"];
    // docs/methods.md's example, by hand: centre 165.72, range 155.19 to
    // 176.96, chance 6.1 %, from 7 year-ends (6 steps) over 3 years.
    assert_eq!(
        (f["points"].as_u64(), f["steps"].as_u64()),
        (Some(7), Some(6))
    );
    assert_eq!(f["horizon_years"], 3.0);
    let near = |x: &serde_json::Value, want: f64, tol: f64| {
        let x = x.as_f64().unwrap();
        assert!((x - want).abs() <= tol, "{x} against {want}");
    };
    near(&f["centre"], 165.718, 0.001);
    near(&f["interval"]["low"], 155.191, 0.001);
    near(&f["interval"]["high"], 176.959, 0.001);
    assert_eq!(f["interval"]["level"], 0.8);
    near(&f["p_meet"], 0.0611, 0.0001);
    assert_eq!(f["words"], "very_unlikely");
    assert_eq!(v["kpis"][0]["forecast_reason"], serde_json::Value::Null);
    // Under the table, in either layout: what the growth seen gives.
    let r = w.run(&["status"]);
    assert!(
        r.stdout.replace('\n', " ").contains("Industrial output: by 2025Q4 the growth seen gives 165.72 (80 % range 155.19 to 176.96); chance of meeting the target about 6 % (very unlikely)"),
        "{}",
        r.stdout
    );
    // The wide table's Chance column; the report's sentence in both languages.
    let r = w.run(&["status", "--detail", "--wide"]);
    r.expect(0);
    assert!(r.stdout.contains("┆ 6 %    ┆"), "{}", r.stdout);
    let r = w.run(&["report"]);
    assert!(
        r.stdout.contains("At the growth seen since 2016, 2025Q4 is expected at 165.72 billion yuan (80 % range 155.19 to 176.96); the chance of reaching the plan's target of 180 billion yuan is about 6 % (very unlikely). It needs +11.5 % a year; the best year so far was +10.9 %, the mean +8.4 %."),
        "{}",
        r.stdout
    );
    let r = w.run(&["report", "--lang", "zh"]);
    assert!(
        r.stdout.contains("按2016年以来的增长，2025年预计达到1,657.18亿元（80%区间1,551.91至1,769.59），达到规划目标1,800亿元的可能性约6%（很不可能）。需年均增长11.5%，以往最高为10.9%，平均为8.4%。"),
        "{}",
        r.stdout
    );
    // check fails a KPI whose chance is under the bar, and only then.
    let r = w.run(&["check", "--min-chance", "5%", "--fail-on", "deterioration"]);
    r.expect(0);
    assert!(r.stdout.contains(", chance 6 %"), "{}", r.stdout);
    let r = w.run(&["check", "--min-chance", "0.1", "--fail-on", "deterioration"]);
    r.expect(1);
    assert!(r.stdout.contains("or a chance under 10 %"), "{}", r.stdout);
    w.run(&["check", "--min-chance", "120%"]).expect(2);
}

#[test]
fn with_too_few_years_every_output_says_why() {
    let w = flow_plan();
    // Only 2020-2022: two annual changes.
    keep_2020_on(&w);
    let r = w.run(&["status", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["kpis"][0]["forecast"], serde_json::Value::Null);
    assert_eq!(
        v["kpis"][0]["forecast_reason"],
        "only 2 annual change(s) of year-end figures: too few to judge the spread (at least 3)"
    );
    let r = w.run(&["status"]);
    assert!(
        r.stdout
            .replace('\n', " ")
            .contains("(each KPI's so far): Industrial output (2)"),
        "{}",
        r.stdout
    );
    let r = w.run(&["report", "--lang", "zh"]);
    assert!(
        r.stdout
            .contains("未作预测：年末数据仅有2个年度变化，不足以判断波动（至少需要3个）。"),
        "{}",
        r.stdout
    );
}

#[test]
fn the_chart_draws_the_range_as_a_fan_in_both_languages() {
    let w = flow_plan();
    w.run(&["chart", "--out", "en", "--format", "svg"])
        .expect(0);
    w.run(&["chart", "--out", "zh", "--format", "svg", "--lang", "zh"])
        .expect(0);
    let en = std::fs::read_to_string(w.path("en/fc/output.svg")).unwrap();
    assert!(en.contains("80 % range (forecast)"), "no fan in the legend");
    assert!(en.contains("2025Q4: 80 % range 155.19 to 176.96  ·  chance 6 %"));
    // No band of the slowest and fastest rates any more.
    assert!(!en.contains("slowest to fastest"));
    let zh = std::fs::read_to_string(w.path("zh/fc/output.svg")).unwrap();
    assert!(zh.contains("80%预测区间"));
    assert!(zh.contains("2025年80%区间1,551.91至1,769.59  ·  达标可能性6%"));
    // Too few years: no fan.
    keep_2020_on(&w);
    w.run(&["chart", "--out", "few", "--format", "svg"])
        .expect(0);
    let few = std::fs::read_to_string(w.path("few/fc/output.svg")).unwrap();
    assert!(!few.contains("80 % range"));
}

#[test]
fn the_forecast_speaks_chinese_to_a_chinese_reader() {
    use crate::chinese::{english_sentences, svg_text};
    let w = flow_plan();
    let mut said = Vec::new();
    for args in [
        &["status", "--detail", "--wide", "--lang", "zh"][..],
        &["check", "--lang", "zh", "--min-chance", "10%"],
        &["explain", "output", "--lang", "zh"],
        &["report", "--lang", "zh"],
        &["chart", "--lang", "zh", "--out", "zh", "--format", "svg"],
    ] {
        let r = w.run(args);
        assert!(r.code == 0 || r.code == 1, "{r:?}");
        said.push((r.what.clone(), r.stdout.clone()));
    }
    let svg = std::fs::read_to_string(w.path("zh/fc/output.svg")).unwrap();
    said.push(("output.svg".into(), svg_text(&svg)));
    for (what, text) in said {
        // The plan's own English (its source) is data, shown as written.
        // A command the reader is pointed to is its name, as typed.
        let text = text
            .replace("SYNTHETIC: invented for a test", "")
            .replace("plantrack explain", "")
            .replace("plantrack ingest", "");
        let found = english_sentences(&text);
        assert!(found.is_empty(), "{what}: {found:?}\n{text}");
    }
}

/// Keeps only the figures of 2020 on: two annual changes, too few.
fn keep_2020_on(w: &Work) {
    let kept: String = std::fs::read_to_string(w.path("data/fc/actuals.csv"))
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("kpi") || l.contains(",202"))
        .map(|l| format!("{l}\n"))
        .collect();
    w.write("data/fc/actuals.csv", kept);
}

#[test]
fn the_workbook_gives_each_kpi_sheet_its_forecast() {
    use calamine::Reader;
    let w = flow_plan();
    w.run(&["report", "--lang", "zh", "--out", "r.xlsx"])
        .expect(0);
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(w.path("r.xlsx")).unwrap();
    let sheet = book.worksheet_range("工业总产值").unwrap();
    let line = sheet.get((2, 0)).map(|d| d.to_string()).unwrap_or_default();
    assert!(
        line.starts_with("按2016年以来的增长，2025年预计达到1,657.18亿元（80%区间1,551.91至1,769.59），达到规划目标1,800亿元的可能性约6%（很不可能）。"),
        "{line}"
    );
}

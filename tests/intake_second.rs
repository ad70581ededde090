//! Intake's second pass: no figure changed or lost without a word, names
//! unique as ingest compares them, plan numbers in range, the log and the
//! store changing together, and every header a bureau uses.

use crate::support::Work;

/// A refusal: exit 2, `words` in the message, nothing stored.
fn refused(w: &Work, args: &[&str], words: &str) {
    let r = w.run_within(30, args);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains(words), "wanted {words:?}\n{r:?}");
    assert!(!w.path("data/bishan-2022/actuals.csv").exists(), "{r:?}");
}

/// The store's text.
fn store(w: &Work) -> String {
    std::fs::read_to_string(w.path("data/bishan-2022/actuals.csv")).unwrap_or_default()
}

#[test]
fn a_figure_that_would_be_changed_is_refused_never_stored_changed() {
    let w = Work::bishan();
    // Each was stored changed with exit 0: as 0, as 10, rounded, or as 1
    // with the rest of the row dropped.
    let cases = [
        (
            "0.00000000000000000000000000001",
            "outside the range a figure may take",
        ),
        (
            "1 0",
            "spaces inside the number that do not group thousands",
        ),
        ("1.2345678901234567890123456789", "29 significant digits"),
    ];
    for (figure, words) in cases {
        w.write(
            "q.csv",
            format!("kpi,period,value\nbuilt_up_area,2019Q4,{figure}\n"),
        );
        refused(&w, &["ingest", "q.csv"], words);
    }
    w.write("q.csv", "kpi,period,value\nbuilt_up_area,2019Q4,1,2,3\n");
    refused(
        &w,
        &["ingest", "q.csv"],
        "this row has more fields than the header's 3 (`2` is beyond it)",
    );
    // Spaces that group thousands are still a figure.
    w.write(
        "q.csv",
        "kpi,period,value\nst_smes_incubated,2019Q4,1 234\n",
    );
    w.run_within(30, &["ingest", "q.csv"]).expect(0);
    assert!(store(&w).contains(",1234,"), "{}", store(&w));
}

#[test]
fn an_xlsx_cell_of_1e_minus_320_is_refused_not_stored_as_zero() {
    let w = Work::bishan();
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet();
    s.write_string(0, 0, "期间").unwrap();
    s.write_string(0, 1, "建成区面积").unwrap();
    s.write_string(1, 0, "2019年").unwrap();
    s.write_number(1, 1, 1e-320).unwrap();
    book.save(w.path("tiny.xlsx")).unwrap();
    refused(
        &w,
        &["ingest", "tiny.xlsx"],
        "outside the range a figure may take",
    );
}

#[test]
fn a_header_no_one_can_read_is_refused_never_zero_added() {
    let w = Work::bishan();
    let body = "built_up_area,2019Q4,25\n";
    // A second byte-order mark (the first is the file's own), NUL.
    for (head, shown) in [
        ("\u{feff}\u{feff}kpi", "\\u{feff}kpi"),
        ("kpi\u{0}", "kpi\\u{0}"),
    ] {
        w.write("h.csv", format!("{head},period,value\n{body}"));
        refused(
            &w,
            &["ingest", "h.csv"],
            &format!("the header `{shown}` holds a character that does not show"),
        );
    }
    // Full-width letters, as a Chinese input method types them, are read.
    w.write("h.csv", format!("ｋｐｉ,ｐｅｒｉｏｄ,ｖａｌｕｅ\n{body}"));
    let r = w.run_within(30, &["ingest", "h.csv"]);
    r.expect(0);
    assert!(r.stdout.contains("1 added"), "{r:?}");
}

#[test]
fn a_kpi_fed_by_two_columns_is_refused() {
    let w = Work::bishan();
    // 研发投入占比 and 研发投入强度 both name rd_ratio: the first was kept.
    w.write(
        "two.csv",
        "期间,研发投入占比,研发投入强度\n2021年,4.5,4.6\n",
    );
    refused(
        &w,
        &["ingest", "two.csv"],
        "column `研发投入强度` feeds rd_ratio, which column `研发投入占比` already feeds",
    );
}

#[test]
fn a_utf8_file_cut_mid_character_is_refused_as_broken_utf8() {
    let w = Work::bishan();
    let mut bytes = "kpi,period,value,note\nbuilt_up_area,2019Q4,25,年"
        .as_bytes()
        .to_vec();
    bytes.extend([0xE6, 0x8A]); // 报 cut after two of its three bytes
    w.write("cut.csv", &bytes);
    refused(
        &w,
        &["ingest", "cut.csv"],
        "the file ends in the middle of a character",
    );
}

#[test]
fn names_equal_but_for_case_or_spaces_are_refused_in_the_plan() {
    let w = Work::new();
    let plan = r#"{"id":"p","name":"P","source":"test fixture","scope":"zone","baseline_period":"2020Q4","target_period":"2025Q4",
      "kpis":[
        {"id":"a","name":"INDUSTRIAL OUTPUT","unit":"亿元","kind":"flow","direction":"increase",
         "baseline":{"value":100},"target":{"value":200}},
        {"id":"b","name":"Industrial  output","unit":"亿元","kind":"flow","direction":"increase",
         "baseline":{"value":100},"target":{"value":200}}]}"#;
    w.write("targets/p.json", plan);
    let r = w.run_within(30, &["validate"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr
            .contains("KPI `b`: its name `Industrial  output` is KPI `a`'s `INDUSTRIAL OUTPUT` but for case or spaces"),
        "{r:?}"
    );
}

#[test]
fn plan_numbers_out_of_range_are_refused() {
    let base = |extra: &str, target: &str| {
        format!(
            r#"{{"id":"p","name":"P","source":"test fixture","scope":"zone","baseline_period":"2020Q4","target_period":"2025Q4"{extra},
          "kpis":[{{"id":"a","name":"A","unit":"亿元","kind":"flow","direction":"increase",
             "baseline":{{"value":100}},"target":{target}}}]}}"#
        )
    };
    let cases = [
        (
            base("", r#"{"average_growth_pct":1e300}"#),
            "past the range a figure may take",
        ),
        (
            base(r#","tolerance_pp":-1"#, r#"{"value":200}"#),
            "tolerance_pp -1 is not a number of points from 0 to 100",
        ),
        (
            base(
                r#","thresholds":{"growth_ratio":{"high":1.0,"medium":0.8,"low":-5}}"#,
                r#"{"value":200}"#,
            ),
            "growth_ratio threshold low -5 is not a ratio from 0 to 10",
        ),
    ];
    for (plan, words) in cases {
        let w = Work::new();
        w.write("targets/p.json", &plan);
        let r = w.run_within(30, &["validate"]);
        assert_eq!(r.code, 2, "{plan}\n{r:?}");
        assert!(r.stderr.contains(words), "wanted {words:?}\n{r:?}");
    }
}

#[test]
fn no_lock_file_is_left_by_a_refused_or_a_good_ingest() {
    let w = Work::bishan();
    w.write("bad.csv", "kpi,period,value\nbuilt_up_area,2019Q4,abc\n");
    w.run_within(30, &["ingest", "bad.csv"]).expect(2);
    assert!(!w.path("data/bishan-2022/.lock").exists());
    w.write("good.csv", "kpi,period,value\nbuilt_up_area,2019Q4,25\n");
    w.run_within(30, &["ingest", "good.csv"]).expect(0);
    assert!(!w.path("data/bishan-2022/.lock").exists());
    // A lock held by another process still makes the second wait and fail.
    let lock = std::fs::File::create(w.path("data/bishan-2022/.lock")).unwrap();
    lock.lock().unwrap();
    let out = crate::support::process()
        .current_dir(w.dir.path())
        .env("PLANTRACK_LOCK_WAIT_MS", "200")
        .args(["ingest", "good.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn when_the_store_cannot_be_put_in_place_the_log_is_left_as_it_was() {
    // The log is renamed in first; if the store's rename then fails, the
    // log's new batch was a phantom: a change logged that never happened.
    let w = Work::bishan();
    w.write("a.csv", "kpi,period,value\nbuilt_up_area,2019Q4,25\n");
    w.run_within(30, &["ingest", "a.csv"]).expect(0);
    let log_before = std::fs::read(w.path("data/bishan-2022/revisions.csv")).unwrap();
    w.write("b.csv", "kpi,period,value\nbuilt_up_area,2020Q4,26\n");
    let child = crate::support::process()
        .current_dir(w.dir.path())
        .env("PLANTRACK_TEST_COMMIT_PAUSE_MS", "1500")
        .args(["ingest", "b.csv"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Between the two renames: the store's place taken by a folder.
    std::thread::sleep(std::time::Duration::from_millis(700));
    let store = w.path("data/bishan-2022/actuals.csv");
    std::fs::remove_file(&store).unwrap();
    std::fs::create_dir(&store).unwrap();
    std::fs::write(store.join("x"), "x").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log_after = std::fs::read(w.path("data/bishan-2022/revisions.csv")).unwrap();
    assert_eq!(
        log_after, log_before,
        "the log kept a batch that never reached the store"
    );
    assert!(
        !w.path("data/bishan-2022/.plantrack-revisions-before.tmp")
            .exists()
    );
}

#[test]
fn every_year_to_date_header_a_bureau_uses_is_read() {
    for header in ["本月止累计", "累计数", "本年累计", "1-6月累计", "累计"] {
        let w = Work::bishan();
        w.write(
            "q.csv",
            format!(
                "2022年1-6月主要经济指标\n指标,单位,{header},同比\n工业总产值,亿元,300.5,10.2\n"
            ),
        );
        let r = w.run_within(30, &["ingest", "q.csv"]);
        assert_eq!(r.code, 0, "{header}\n{r:?}");
        assert!(
            store(&w).contains("industrial_output,2022Q2,30.05,billion yuan,ytd"),
            "{header}\n{}",
            store(&w)
        );
    }
}

#[test]
fn a_quarter_beside_its_year_to_date_is_checked_and_the_year_to_date_stored() {
    // It was refused: "given twice".
    let w = Work::bishan();
    w.write(
        "q.csv",
        "2022年1-6月主要经济指标\n指标,单位,本季,累计,同比\n工业总产值,亿元,150.2,300.5,10.2\n",
    );
    w.run_within(30, &["ingest", "q.csv"]).expect(0);
    assert!(
        store(&w).contains("industrial_output,2022Q2,30.05,billion yuan,ytd"),
        "{}",
        store(&w)
    );
    // Periods down: the quarter that is not the 累计 less the one before is
    // named in a warning; the 累计 are stored.
    let w = Work::bishan();
    w.write(
        "d.csv",
        "期间,工业总产值,工业总产值\n,本季,累计\n2022年1-3月,100,100\n2022年1-6月,150,250\n2022年1-9月,90,350\n",
    );
    let r = w.run_within(30, &["ingest", "d.csv"]);
    r.expect(0);
    assert!(
        r.stderr.contains("`industrial_output` 2022Q3: the quarter's figure 90 is not the 累计 350 less the previous quarter's 250 (100)"),
        "{r:?}"
    );
    assert!(!r.stderr.contains("2022Q2: the quarter"), "{r:?}");
    assert!(
        store(&w).contains("industrial_output,2022Q3,350,billion yuan,ytd"),
        "{}",
        store(&w)
    );
}

#[test]
fn an_abbreviated_unit_is_read_as_the_unit_and_a_plan_may_list_its_own() {
    let w = Work::new();
    let plan = r#"{"id":"p","name":"P","source":"test fixture","scope":"zone","baseline_period":"2020Q4","target_period":"2025Q4",
      "kpis":[
        {"id":"energy","name":"Energy intensity","name_zh":"单位GDP能耗","unit":"吨标准煤/万元","kind":"ratio","direction":"decrease",
         "baseline":{"value":0.5},"target":{"value":0.4}},
        {"id":"water","name":"Water use","name_zh":"万元GDP用水量","unit":"立方米/万元","unit_aliases":["方/万元"],"kind":"ratio","direction":"decrease",
         "baseline":{"value":50},"target":{"value":40}}]}"#;
    w.write("targets/p.json", plan);
    w.write(
        "q.csv",
        "kpi,period,value,unit\nenergy,2021Q4,0.48,吨标煤/万元\nwater,2021Q4,48,方/万元\n",
    );
    let r = w.run_within(30, &["ingest", "q.csv"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("2 added"), "{r:?}");
    // A unit that is not the KPI's, written alike, is still refused.
    w.write(
        "r.csv",
        "kpi,period,value,unit\nenergy,2022Q4,480,千克标准煤/万元\n",
    );
    assert_eq!(w.run_within(30, &["ingest", "r.csv"]).code, 2);
}

#[test]
fn a_close_miss_of_a_kpi_name_is_a_warning_but_never_across_kinds() {
    let w = Work::bishan();
    w.write(
        "near.csv",
        "期间,工业总产直,规上工业增加值,研发投入强度\n2021年,100,50,4.5\n",
    );
    let r = w.run_within(30, &["ingest", "--dry-run", "near.csv"]);
    r.expect(0);
    assert!(
        r.stderr.contains(
            "`工业总产直` is not a KPI of the plan, but is close to `工业总产值`: not read"
        ),
        "{r:?}"
    );
    // Value added is not gross output: no advice to make one the other's alias.
    assert!(!r.stderr.contains("`规上工业增加值` is not a KPI"), "{r:?}");
    assert!(!r.stdout.contains("规上工业增加值 (did you mean"), "{r:?}");
    let r = w.run_within(30, &["ingest", "--dry-run", "--strict", "near.csv"]);
    assert_eq!(r.code, 2, "{r:?}");
}

#[test]
fn a_title_that_disagrees_with_the_header_is_warned_and_a_sheet_without_a_date_takes_period() {
    let w = Work::bishan();
    w.write(
        "t.csv",
        "2022年1-6月主要经济指标\n指标,单位,2022年1-9月,同比\n工业总产值,亿元,300.5,10.2\n",
    );
    let r = w.run_within(30, &["ingest", "--dry-run", "t.csv"]);
    r.expect(0);
    assert!(
        r.stderr
            .contains("column `2022年1-9月` says 2022Q3, but the sheet's title says 2022Q2"),
        "{r:?}"
    );
    w.write(
        "n.csv",
        "主要经济指标\n指标,单位,累计,同比\n工业总产值,亿元,300.5,10.2\n",
    );
    let r = w.run_within(30, &["ingest", "--dry-run", "n.csv"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--period"), "{r:?}");
    let r = w.run_within(
        30,
        &["ingest", "--dry-run", "--period", "2022年1-6月", "n.csv"],
    );
    r.expect(0);
    assert!(
        r.stdout
            .contains("+ industrial_output 2022Q2 (zone): 30.05 (yoy +10.2 %)"),
        "{r:?}"
    );
}

#[test]
fn dry_run_and_history_show_the_published_growth() {
    let w = Work::bishan();
    w.write(
        "q.csv",
        "kpi,period,value,yoy\nindustrial_output,2022Q1,22.4,27\nrd_ratio,2021Q4,4.6,0.2\n",
    );
    let r = w.run_within(30, &["ingest", "--dry-run", "--lang", "zh", "q.csv"]);
    r.expect(0);
    assert!(r.stdout.contains("，同比增长27%"), "{r:?}");
    assert!(r.stdout.contains("，同比提高0.2个百分点"), "{r:?}");
    w.run_within(30, &["ingest", "q.csv"]).expect(0);
    let h = w.run_within(30, &["history", "industrial_output", "--lang", "zh"]);
    assert!(h.stdout.contains("增长27%"), "{h:?}");
    let h = w.run_within(30, &["history", "rd_ratio", "--format", "csv"]);
    assert!(h.stdout.lines().next().unwrap().ends_with(",yoy"), "{h:?}");
    assert!(h.stdout.contains(",0.2\n"), "{h:?}");
}

/// Bishan with 2021's year-to-date industrial output stored (亿元).
fn with_2021() -> Work {
    let w = Work::bishan();
    w.write(
        "y21.csv",
        "kpi,period,value,unit\nindustrial_output,2021Q1,200,亿元\nindustrial_output,2021Q2,420,亿元\nindustrial_output,2021Q3,650,亿元\nindustrial_output,2021Q4,900,亿元\n",
    );
    w.run_within(30, &["ingest", "y21.csv"]).expect(0);
    w
}

#[test]
fn a_figure_its_own_published_growth_contradicts_is_refused() {
    // 4620 for 462 beside +10 % on 2021Q2's 420: ten times, below the
    // magnitude guard's 10^1.5, and it was stored (the KPI turned achieved).
    let w = with_2021();
    w.write(
        "q.csv",
        "kpi,period,value,unit,yoy\nindustrial_output,2022Q2,4620,亿元,10\n",
    );
    let r = w.run_within(30, &["ingest", "q.csv"]);
    assert_eq!(r.code, 2, "{r:?}");
    for words in [
        "industrial_output 2022Q2: 462 is +1000.0 % on the 42 of 2021Q2",
        "but its published 同比 is +10 %; looks like a misplaced decimal point",
    ] {
        assert!(r.stderr.contains(words), "{words}\n{r:?}");
    }
    // The right figure, and a 同比 a few points off the stored figures'
    // growth (computed on a revised base), pass.
    w.write(
        "q.csv",
        "kpi,period,value,unit,yoy\nindustrial_output,2022Q2,462,亿元,13.5\n",
    );
    w.run_within(30, &["ingest", "q.csv"]).expect(0);
    // Confirmed, a contradicted figure is stored and logged as confirmed.
    w.write(
        "r.csv",
        "kpi,period,value,unit,yoy\nindustrial_output,2022Q3,7150,亿元,10\n",
    );
    w.run_within(30, &["ingest", "r.csv"]).expect(2);
    w.run_within(
        30,
        &[
            "ingest",
            "r.csv",
            "--accept-jump",
            "industrial_output:2022Q3",
        ],
    )
    .expect(0);
}

#[test]
fn of_several_figures_fed_at_once_only_the_slip_is_named() {
    let w = with_2021();
    w.write(
        "q.csv",
        "kpi,period,value,unit\nindustrial_output,2022Q1,220,亿元\nindustrial_output,2022Q2,46200,亿元\nindustrial_output,2022Q3,720,亿元\n",
    );
    let r = w.run_within(30, &["ingest", "q.csv"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr
            .contains("industrial_output 2022Q2: 4620 is about 10^2 times"),
        "{r:?}"
    );
    // Its good neighbours were named too, and the hint asked to force them.
    assert!(!r.stderr.contains("industrial_output 2022Q1:"), "{r:?}");
    assert!(!r.stderr.contains("industrial_output 2022Q3:"), "{r:?}");
    assert!(
        !r.stderr.contains("--accept-jump industrial_output:2022Q1"),
        "{r:?}"
    );
    assert_eq!(r.stderr.matches("--accept-jump").count(), 1, "{r:?}");
    // With no stored year: the slip still stands out from its two neighbours.
    let w = Work::bishan();
    w.write(
        "q.csv",
        "kpi,period,value,unit\nindustrial_output,2022Q1,220,亿元\nindustrial_output,2022Q2,46200,亿元\nindustrial_output,2022Q3,720,亿元\n",
    );
    let r = w.run_within(30, &["ingest", "q.csv"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(r.stderr.matches("--accept-jump").count(), 1, "{r:?}");
    assert!(
        r.stderr.contains("--accept-jump industrial_output:2022Q2"),
        "{r:?}"
    );
}

#[test]
fn a_years_growth_target_out_of_range_is_refused() {
    let w = Work::new();
    w.write(
        "targets/p.json",
        r#"{"id":"p","name":"P","source":"test fixture","scope":"zone","baseline_period":"2020Q4","target_period":"2025Q4",
          "kpis":[{"id":"a","name":"A","unit":"亿元","kind":"flow","direction":"increase",
             "baseline":{"value":100},"target":{"value":200},"annual":[{"year":2022,"growth_pct":1e300}]}]}"#,
    );
    let r = w.run_within(30, &["validate"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr
            .contains("the 2022 growth target 1e300 % is not a growth a year can have"),
        "{r:?}"
    );
}

//! A statistics bureau's sheet as it arrives: title and unit lines, a
//! two-row merged header, a unit column, 同比 columns, indicators the plan
//! does not track, placeholders, 合计 and footnote rows, every period form,
//! data on a later sheet, percent-formatted cells; the magnitude guard on
//! both sides of its threshold; a 同比 revision.

use rust_xlsxwriter::{Format, Workbook, Worksheet};

use crate::support::Work;

/// Each stored row: (kpi, period, value, basis, scope, yoy).
fn rows(w: &Work) -> Vec<[String; 6]> {
    let text = w.store();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.records()
        .map(|x| {
            let x = x.unwrap();
            [&x[0], &x[1], &x[2], &x[4], &x[5], &x[8]].map(str::to_string)
        })
        .collect()
}

fn row(kpi: &str, period: &str, value: &str, basis: &str, scope: &str, yoy: &str) -> [String; 6] {
    [kpi, period, value, basis, scope, yoy].map(str::to_string)
}

fn text(s: &mut Worksheet, r: u32, c: u16, t: &str) {
    s.write_string(r, c, t).unwrap();
}

/// The table a district bureau sends for the half year: a note sheet first,
/// then a title merged across the table, a unit line, a two-row header (the
/// period over 累计 and 同比; 上年同期 beside), a unit column, indicators the
/// plan does not track, placeholders, an R&D ratio formatted as a percent,
/// a 合计 row and footnotes.
fn half_year_workbook(w: &Work, name: &str) {
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("说明").unwrap();
    text(
        notes,
        0,
        0,
        "填表说明：本表数据由区统计局提供，按季度报送。",
    );
    let s = book.add_worksheet();
    s.set_name("表1").unwrap();
    let merged = Format::new();
    s.merge_range(0, 0, 0, 4, "璧山高新区2022年1-6月份主要经济指标", &merged)
        .unwrap();
    text(s, 1, 0, "单位：亿元、%");
    s.merge_range(2, 0, 3, 0, "指标名称", &merged).unwrap();
    s.merge_range(2, 1, 3, 1, "计量单位", &merged).unwrap();
    s.merge_range(2, 2, 2, 3, "1-6月份", &merged).unwrap();
    s.merge_range(2, 4, 3, 4, "上年同期", &merged).unwrap();
    text(s, 3, 2, "累计");
    text(s, 3, 3, "同比增长(%)");
    let percent = Format::new().set_num_format("0.0%");
    let body: [(&str, &str, Option<f64>, &str, &str); 6] = [
        ("工业总产值", "亿元", Some(1234.5), "9.3", "1,129.5"),
        ("固定资产投资", "亿元", None, "—", "88"),
        ("研发经费投入强度", "%", Some(0.045), "/", ""),
        ("社会消费品零售总额", "万元", Some(123456.0), "5.1", ""),
        ("建成区面积", "平方公里", Some(38.0), "…", ""),
        ("规上企业建立高端研发机构比例", "%", None, "x", ""),
    ];
    for (i, (name, unit, value, yoy, last)) in body.iter().enumerate() {
        let r = 4 + i as u32;
        text(s, r, 0, name);
        text(s, r, 1, unit);
        match (value, *name) {
            (Some(v), "研发经费投入强度") => {
                s.write_number_with_format(r, 2, *v, &percent).unwrap();
            }
            (Some(v), _) => {
                s.write_number(r, 2, *v).unwrap();
            }
            (None, _) => text(s, r, 2, "—"),
        }
        text(s, r, 3, yoy);
        if !last.is_empty() {
            text(s, r, 4, last);
        }
    }
    text(s, 10, 0, "合计");
    s.write_number(10, 2, 1396.0).unwrap();
    text(
        s,
        11,
        0,
        "注：工业总产值为全区口径；研发经费投入强度为研发经费占营业收入比重。",
    );
    text(s, 12, 0, "资料来源：璧山区统计局");
    book.save(w.path(name)).unwrap();
}

#[test]
fn a_bureau_table_as_it_arrives_feeds_with_no_hand_edits() {
    let w = Work::bishan();
    half_year_workbook(&w, "统计月报.xlsx");
    let r = w.run(&["ingest", "统计月报.xlsx"]);
    r.expect(0);
    // Exactly the published figures, in the plan's units: 1234.5亿元 is
    // 123.45 billion yuan, the R&D cell 0.045 formatted 0.0% is 4.5 %.
    assert_eq!(
        rows(&w),
        [
            row("built_up_area", "2022Q2", "38", "level", "zone", ""),
            row(
                "industrial_output",
                "2022Q2",
                "123.45",
                "ytd",
                "zone",
                "9.3"
            ),
            row("rd_ratio", "2022Q2", "4.5", "level", "zone", ""),
        ]
    );
    let out = &r.stdout;
    for said in [
        "data/bishan-2022/actuals.csv: 3 added, 0 revised, 0 unchanged (from 统计月报.xlsx)\n",
        "  统计月报.xlsx: sheet 表1 (no table in sheet 说明)\n",
        "    year 2022, from the sheet's title\n",
        "    rows skipped: 2 title or unit line(s), 1 total row(s) (合计, 总计, 小计), 2 footnote or source line(s)\n",
        "    2 indicator(s) not in the plan, skipped: 固定资产投资, 社会消费品零售总额\n",
        "    column(s) not read: 上年同期\n",
        "    4 cell(s) saying \"no figure\" (—, /, …) skipped\n",
    ] {
        assert!(out.contains(said), "missing {said:?} in\n{out}");
    }
    // The same sheet again: nothing changes.
    let store = w.store();
    let again = w.run(&["ingest", "统计月报.xlsx"]);
    again.expect(0);
    assert!(
        again.stdout.contains("0 added, 0 revised, 3 unchanged"),
        "{}",
        again.stdout
    );
    assert_eq!(w.store(), store);
}

#[test]
fn strict_refuses_what_is_not_data_and_writes_nothing() {
    let w = Work::bishan();
    half_year_workbook(&w, "统计月报.xlsx");
    let r = w.run(&["ingest", "统计月报.xlsx", "--strict"]);
    r.expect(2);
    for said in [
        "a total row (合计, 总计, 小计) (--strict)",
        "`固定资产投资` is not a KPI of plan `bishan-2022`",
        "column `上年同期` is not read (--strict)",
        "a cell saying \"no figure\" (--strict)",
    ] {
        assert!(r.stderr.contains(said), "missing {said:?} in\n{}", r.stderr);
    }
    assert!(!w.path("data/bishan-2022/actuals.csv").exists());
}

/// Periods down the first column, the year only in the title, a KPI merged
/// over 累计 and 同比, a unit under a name in the second header row.
fn periods_down_workbook(w: &Work, name: &str) {
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    let merged = Format::new();
    s.merge_range(0, 0, 0, 5, "璧山高新区主要经济指标（2022年）", &merged)
        .unwrap();
    text(s, 1, 0, "单位：亿元");
    s.merge_range(2, 0, 3, 0, "时间", &merged).unwrap();
    s.merge_range(2, 1, 2, 2, "工业总产值", &merged).unwrap();
    s.merge_range(2, 3, 2, 4, "固定资产投资", &merged).unwrap();
    text(s, 2, 5, "研发投入占比");
    for (c, t) in [
        (1, "累计"),
        (2, "同比"),
        (3, "累计"),
        (4, "同比"),
        (5, "(%)"),
    ] {
        text(s, 3, c, t);
    }
    let data = [
        ("1-3月", "224", "27", "50", "3", "—"),
        ("", "", "", "", "", ""),
        ("1-6月份", "450.5", "20.1", "110", "4", "4.6"),
        ("合计", "674.5", "", "", "", ""),
    ];
    for (i, cells) in data.iter().enumerate() {
        let r = 4 + i as u32;
        let cells = [cells.0, cells.1, cells.2, cells.3, cells.4, cells.5];
        for (c, t) in cells.iter().enumerate() {
            if !t.is_empty() {
                text(s, r, c as u16, t);
            }
        }
    }
    text(s, 8, 0, "注：1-3月数据为快报数。");
    book.save(w.path(name)).unwrap();
}

#[test]
fn periods_down_with_a_merged_header_and_the_year_in_the_title() {
    let w = Work::bishan();
    periods_down_workbook(&w, "季报.xlsx");
    let r = w.run(&["ingest", "季报.xlsx"]);
    r.expect(0);
    assert_eq!(
        rows(&w),
        [
            row("industrial_output", "2022Q1", "22.4", "ytd", "zone", "27"),
            row(
                "industrial_output",
                "2022Q2",
                "45.05",
                "ytd",
                "zone",
                "20.1"
            ),
            row("rd_ratio", "2022Q2", "4.6", "level", "zone", ""),
        ]
    );
    for said in [
        "year 2022, from the sheet's title",
        "rows skipped: 2 title or unit line(s), 1 total row(s) (合计, 总计, 小计), 1 footnote or source line(s), 1 blank row(s)",
        "1 indicator(s) not in the plan, skipped: 固定资产投资",
        "1 cell(s) saying \"no figure\"",
    ] {
        assert!(r.stdout.contains(said), "missing {said:?} in\n{}", r.stdout);
    }
}

#[test]
fn every_period_form_a_bureau_writes_is_its_quarter() {
    let w = Work::bishan();
    let forms = [
        ("2019年1-6月份", "2019Q2", "ytd"),
        ("2019年三季度", "2019Q3", "quarter"),
        ("2019年第四季度", "2019Q4", "quarter"),
        ("2020年1季度", "2020Q1", "quarter"),
        ("2020.06", "2020Q2", "ytd"),
        ("2020-09", "2020Q3", "ytd"),
        ("2020年12月", "2020Q4", "ytd"),
        ("2021/3/31", "2021Q1", "ytd"),
        ("2021年上半年", "2021Q2", "ytd"),
        ("2021年前三季度", "2021Q3", "ytd"),
    ];
    let mut csv = String::from("期间,工业总产值(亿元)\n");
    for (i, (label, ..)) in forms.iter().enumerate() {
        csv.push_str(&format!("{label},{}\n", 100 + i));
    }
    w.write("forms.csv", csv);
    w.run(&["ingest", "forms.csv"]).expect(0);
    let stored = rows(&w);
    assert_eq!(stored.len(), forms.len());
    for (i, (label, period, basis)) in forms.iter().enumerate() {
        assert!(
            stored.contains(&row(
                "industrial_output",
                period,
                &format!("{}", (100 + i) as f64 / 10.0),
                basis,
                "zone",
                ""
            )),
            "{label}: {stored:?}"
        );
    }
}

#[test]
fn a_year_from_the_file_name_or_year_flag_completes_a_label() {
    let w = Work::bishan();
    w.write("2021年统计.csv", "期间,建成区面积(平方公里)\n1-6月,30\n");
    let r = w.run(&["ingest", "2021年统计.csv"]);
    r.expect(0);
    assert!(
        r.stdout.contains("year 2021, from the file's name"),
        "{}",
        r.stdout
    );
    w.write("stats.csv", "期间,建成区面积(平方公里)\n1-9月,31\n");
    let r = w.run(&["ingest", "stats.csv"]);
    r.expect(2);
    assert!(
        r.stderr.contains("`1-9月` is not a period (no year"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--year gives one"), "{}", r.stderr);
    let r = w.run(&["ingest", "stats.csv", "--year", "2021"]);
    r.expect(0);
    assert!(r.stdout.contains("year 2021, from --year"), "{}", r.stdout);
    assert!(rows(&w).contains(&row("built_up_area", "2021Q3", "31", "level", "zone", "")));
}

#[test]
fn a_month_inside_a_quarter_is_refused_with_did_you_mean() {
    let w = Work::bishan();
    w.write("m.csv", "期间,建成区面积(平方公里)\n2021年1-5月,30\n");
    let r = w.run(&["ingest", "m.csv"]);
    r.expect(2);
    assert!(
        r.stderr.contains("5月 does not end a quarter"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("did you mean 2021年1-6月?"),
        "{}",
        r.stderr
    );
}

#[test]
fn placeholders_are_skipped_and_counted_and_milestones_take_words() {
    let w = Work::bishan();
    let mut csv = String::from("期间,建成区面积(平方公里),“1+10”协同创新体系基本成熟\n");
    for p in ["—", "–", "-", "/", "…", "...", "x", "X", "空", "n/a"] {
        csv.push_str(&format!("2019年1-3月,{p},\n"));
    }
    csv.push_str("2019年1-6月,,否\n2019年1-9月,,是\n2019年1-12月,,已完成\n");
    w.write("p.csv", &csv);
    let r = w.run(&["ingest", "p.csv"]);
    r.expect(0);
    assert!(
        r.stdout.contains("10 cell(s) saying \"no figure\""),
        "{}",
        r.stdout
    );
    assert_eq!(
        rows(&w),
        [
            row("innovation_system", "2019Q2", "0", "level", "zone", ""),
            row("innovation_system", "2019Q3", "1", "level", "zone", ""),
            row("innovation_system", "2019Q4", "1", "level", "zone", ""),
        ]
    );
}

#[test]
fn units_are_read_from_the_cell_then_the_row_then_the_header_then_the_unit_line() {
    let w = Work::bishan();
    // 单位：万元 is the sheet's unit; the header's (亿元) wins over it; the
    // unit column's (万元) over the header's; the cell's over all.
    w.write(
        "u.csv",
        "2019年主要指标\n单位：万元\n指标,单位,2019年1-3月,2019年1-6月\n工业总产值,,1000,2000\n工业总产值(亿元),,,\n",
    );
    let r = w.run(&["ingest", "u.csv"]);
    r.expect(0);
    assert_eq!(
        rows(&w),
        [
            row("industrial_output", "2019Q1", "0.01", "ytd", "zone", ""),
            row("industrial_output", "2019Q2", "0.02", "ytd", "zone", ""),
        ]
    );
    let w = Work::bishan();
    w.write(
        "u.csv",
        "单位：万元\n指标,单位,2019年1-3月,2019年1-6月\n工业总产值(亿元),,10,20\n建成区面积,平方公里,21,2200公顷\n",
    );
    w.run(&["ingest", "u.csv"]).expect(0);
    assert_eq!(
        rows(&w),
        [
            row("built_up_area", "2019Q1", "21", "level", "zone", ""),
            row("built_up_area", "2019Q2", "22", "level", "zone", ""),
            row("industrial_output", "2019Q1", "1", "ytd", "zone", ""),
            row("industrial_output", "2019Q2", "2", "ytd", "zone", ""),
        ]
    );
}

#[test]
fn header_row_says_where_the_table_starts() {
    let w = Work::bishan();
    // Two header-like lines above the real one: only --header-row tells.
    w.write(
        "h.csv",
        "报送单位,璧山区统计局\n报送日期,2019-07-15\n期间,建成区面积(平方公里)\n2019年1-6月,25\n",
    );
    w.run(&["ingest", "h.csv"]).expect(2);
    assert!(w.store().is_empty());
    let r = w.run(&["ingest", "h.csv", "--header-row", "3"]);
    r.expect(0);
    assert_eq!(
        rows(&w),
        [row("built_up_area", "2019Q2", "25", "level", "zone", "")]
    );
}

/// The store with the published Q1 2022 output (224亿元) and H1 2018 R&D
/// ratio (4.4 %).
fn with_neighbours() -> Work {
    let w = Work::bishan();
    w.write(
        "seed.csv",
        "kpi,period,value,unit\nindustrial_output,2022Q1,224,亿元\nrd_ratio,2018Q2,4.4,%\n",
    );
    w.run(&["ingest", "seed.csv"]).expect(0);
    w
}

fn refused_unchanged(w: &Work, args: &[&str], said: &[&str]) {
    let (store, log) = (w.store(), w.revisions());
    let r = w.run(args);
    r.expect(2);
    for s in said {
        assert!(r.stderr.contains(s), "missing {s:?} in\n{}", r.stderr);
    }
    assert_eq!(
        (w.store(), w.revisions()),
        (store, log),
        "the store changed"
    );
}

#[test]
fn a_wan_yuan_figure_under_a_yi_yuan_header_is_refused() {
    let w = with_neighbours();
    w.write("h1.csv", "期间,工业总产值(亿元)\n2022年1-6月,5326000\n");
    refused_unchanged(
        &w,
        &["ingest", "h1.csv"],
        &[
            "industrial_output 2022Q2: 532600 is about 10^4 times 2/1 of the year-to-date 22.4 in 2022Q1",
            "looks like 万元 under a 亿元 header",
            "--accept-jump industrial_output:2022Q2",
        ],
    );
    // The other way: 亿元 figures under a 万元 header.
    w.write("h1.csv", "期间,工业总产值(万元)\n2022年1-6月,450.5\n");
    refused_unchanged(
        &w,
        &["ingest", "h1.csv"],
        &["looks like 亿元 under a 万元 header"],
    );
}

#[test]
fn a_fraction_typed_for_a_percent_is_refused() {
    let w = with_neighbours();
    w.write("rd.csv", "期间,研发投入占比(%)\n2019年1-6月,0.044\n");
    refused_unchanged(
        &w,
        &["ingest", "rd.csv"],
        &[
            "rd_ratio 2019Q2: 0.044 is about 10^2 times less than the 4.4 in 2018Q2",
            "a fraction typed for a percent",
        ],
    );
}

#[test]
fn the_guard_stops_at_ten_to_the_one_and_a_half_and_not_before() {
    // The half year's total is compared with twice the first quarter's
    // (44.8 billion yuan): 44.8 × 10^1.5 = 1416.70 billion, so 14166亿元
    // passes and 14168亿元 does not.
    let w = with_neighbours();
    w.write("a.csv", "期间,工业总产值(亿元)\n2022年1-6月,14168\n");
    refused_unchanged(
        &w,
        &["ingest", "a.csv"],
        &["1416.8 is about 10^2 times 2/1 of the year-to-date 22.4 in 2022Q1"],
    );
    w.write("a.csv", "期间,工业总产值(亿元)\n2022年1-6月,14166\n");
    w.run(&["ingest", "a.csv"]).expect(0);
    // Below: 44.8 / 10^1.5 = 1.41670 billion: 14.17亿元 passes, 14.16亿元
    // does not (a year-to-date total falling within the year is refused).
    let w = with_neighbours();
    w.write("a.csv", "期间,工业总产值(亿元)\n2022年1-6月,14.16\n");
    refused_unchanged(
        &w,
        &["ingest", "a.csv"],
        &["1.416 is about 10^2 times less than 2/1 of the year-to-date 22.4"],
    );
    w.write("a.csv", "期间,工业总产值(亿元)\n2022年1-6月,14.17\n");
    let r = w.run(&["ingest", "a.csv"]);
    r.expect(0);
    assert!(
        r.stderr.contains("the year-to-date total falls"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_confirmed_jump_is_stored_and_logged_as_confirmed() {
    let w = with_neighbours();
    w.write("rd.csv", "期间,研发投入占比(%)\n2019年1-6月,0.044\n");
    let r = w.run(&[
        "ingest",
        "rd.csv",
        "--accept-jump",
        "研发投入占比:2019年1-6月",
    ]);
    r.expect(0);
    assert!(rows(&w).contains(&row("rd_ratio", "2019Q2", "0.044", "level", "zone", "")));
    assert!(
        w.revisions()
            .contains(",rd_ratio,2019Q2,zone,added (jump confirmed),,0.044,rd.csv,"),
        "{}",
        w.revisions()
    );
    let r = w.run(&["ingest", "rd.csv", "--accept-jump", "rd_ratoi:2019Q2"]);
    r.expect(2);
    assert!(
        r.stderr.contains("did you mean `rd_ratio`?"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_revised_growth_figure_is_a_logged_revision() {
    let w = Work::bishan();
    w.write(
        "a.csv",
        "期间,工业总产值(亿元),同比(%)\n2022年1-3月,224,9.3\n",
    );
    w.run(&["ingest", "a.csv"]).expect(0);
    w.write(
        "a.csv",
        "期间,工业总产值(亿元),同比(%)\n2022年1-3月,224,9.8\n",
    );
    refused_unchanged(&w, &["ingest", "a.csv"], &["is stored"]);
    w.run(&["ingest", "a.csv", "--replace"]).expect(0);
    let log = w.revisions();
    assert!(
        log.contains(",industrial_output,2022Q1,zone,revised yoy,9.3,9.8,a.csv,"),
        "{log}"
    );
    // Only the growth changed: no value row for the revision.
    assert_eq!(
        log.matches(",industrial_output,2022Q1,zone,revised")
            .count(),
        1,
        "{log}"
    );
    let h = w.run(&["history", "工业总产值"]);
    h.expect(0);
    assert!(h.stdout.contains("revised yoy"), "{}", h.stdout);
    let h = w.run(&["history", "工业总产值", "--lang", "zh"]);
    h.expect(0);
    for words in [
        "工业总产值：1条数据",
        "2022年1-3月",
        "224亿元",
        "年内累计",
        "修订同比",
        "新增",
    ] {
        assert!(h.stdout.contains(words), "{words}\n{}", h.stdout);
    }
    // The figure's log values in 亿元 (22.4 billion yuan = 224亿元), the
    // revised 同比 as the percentages they are.
    assert!(
        h.stdout.contains("9.3") && h.stdout.contains("9.8"),
        "{}",
        h.stdout
    );
    assert!(
        !h.stdout.contains("93亿元") && !h.stdout.contains("98亿元"),
        "{}",
        h.stdout
    );
}

#[test]
fn kpis_are_found_by_alias_and_a_typo_gets_did_you_mean() {
    let w = with_neighbours();
    w.write("a.csv", "期间,R&D经费投入强度(%)\n2019年1-6月,4.5\n");
    w.run(&["ingest", "a.csv"]).expect(0);
    let r = w.run(&["history", "研发经费投入强度"]);
    r.expect(0);
    assert!(r.stdout.contains("4.5"), "{}", r.stdout);
    let r = w.run(&["status", "--kpi", "研发投入占比", "--format", "csv"]);
    r.expect(0);
    assert!(
        r.stdout.contains("rd_ratio") && !r.stdout.contains("industrial_output"),
        "{}",
        r.stdout
    );
    let r = w.run(&["explain", "工业总产值"]);
    r.expect(0);
    let r = w.run(&["explain", "工业总产直"]);
    r.expect(2);
    assert!(
        r.stderr.contains("did you mean `工业总产值`?"),
        "{}",
        r.stderr
    );
    let r = w.run(&["status", "--kpi", "rd_ration"]);
    r.expect(2);
    assert!(
        r.stderr.contains("did you mean `rd_ratio`?"),
        "{}",
        r.stderr
    );
    // In a sheet, a near miss is listed with the name it may mean.
    w.write("b.csv", "期间,工业总产直(亿元)\n2022年1-3月,224\n");
    let r = w.run(&["ingest", "b.csv"]);
    assert!(
        r.stdout
            .contains("工业总产直 (did you mean 工业总产值? add it to the KPI's aliases)"),
        "{r:?}"
    );
}

#[test]
fn an_alias_that_names_two_kpis_is_refused_in_the_plan() {
    let w = Work::bishan();
    let plan = std::fs::read_to_string(w.path("targets/bishan-2022.json")).unwrap();
    let plan = plan.replacen(
        "\"aliases\": [\"R&D经费投入强度\"",
        "\"aliases\": [\"建成区面积\", \"R&D经费投入强度\"",
        1,
    );
    w.write("targets/bishan-2022.json", plan);
    let r = w.run(&["validate"]);
    r.expect(2);
    assert!(
        r.stderr
            .contains("alias `建成区面积` also names KPI `built_up_area`"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_total_row_under_quarters_is_checked_against_their_sum() {
    let w = Work::bishan();
    let quarters = "期间,工业总产值(亿元)\n2019年一季度,10\n2019年二季度,12.5\n2019年三季度,13\n2019年四季度,15\n";
    w.write("q.csv", format!("{quarters}合计,49\n"));
    let r = w.run(&["ingest", "q.csv", "--dry-run"]);
    r.expect(0);
    assert!(
        r.stderr.contains(
            "`industrial_output`: the total 49 is not the sum of the 4 quarters above it, 50.5"
        ),
        "{}",
        r.stderr
    );
    w.write("q.csv", format!("{quarters}合计,50.5\n"));
    let r = w.run(&["ingest", "q.csv"]);
    r.expect(0);
    assert!(!r.stderr.contains("not the sum"), "{}", r.stderr);
    assert!(rows(&w).contains(&row(
        "industrial_output",
        "2019Q2",
        "1.25",
        "quarter",
        "zone",
        ""
    )));
}

#[test]
fn a_series_first_figure_is_compared_with_the_plan() {
    // No figure stored: the R&D ratio's first is compared with the plan's
    // baseline (4.4 % in 2018Q2), the output's with its baseline (32.34
    // billion yuan, the half year 2018), taken to the quarter: 1/2 of it
    // for a first quarter.
    let w = Work::bishan();
    w.write("rd.csv", "期间,研发投入占比(%)\n2021年1-6月,0.045\n");
    refused_unchanged(
        &w,
        &["ingest", "rd.csv"],
        &[
            "rd_ratio 2021Q2: 0.045 is about 10^2 times less than the 4.4 in 2018Q2 (the plan's baseline)",
        ],
    );
    w.write("q1.csv", "期间,工业总产值(万元)\n2021年1-3月,170.2\n");
    refused_unchanged(
        &w,
        &["ingest", "q1.csv"],
        &[
            "1/2 of the year-to-date 32.34 in 2018Q2 (the plan's baseline); looks like 亿元 under a 万元 header",
        ],
    );
    w.write("q1.csv", "期间,工业总产值(亿元)\n2021年1-3月,170.2\n");
    w.run(&["ingest", "q1.csv"]).expect(0);
}

#[test]
fn excel_dates_and_date_texts_are_quarters() {
    // A date cell shown as 2019年6月 is Excel's 2019-06-01; a text date is read too.
    let w = Work::bishan();
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    text(s, 0, 0, "期间");
    text(s, 0, 1, "建成区面积(平方公里)");
    let month = Format::new().set_num_format("yyyy\"年\"m\"月\"");
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2019, 6, 1).unwrap();
    s.write_datetime_with_format(1, 0, &date, &month).unwrap();
    s.write_number(1, 1, 24).unwrap();
    text(s, 2, 0, "2019/9/30");
    s.write_number(2, 1, 25).unwrap();
    book.save(w.path("d.xlsx")).unwrap();
    w.run(&["ingest", "d.xlsx"]).expect(0);
    assert_eq!(
        rows(&w),
        [
            row("built_up_area", "2019Q2", "24", "level", "zone", ""),
            row("built_up_area", "2019Q3", "25", "level", "zone", ""),
        ]
    );
}

#[test]
fn the_guard_threshold_holds_for_a_percent_and_an_area_too() {
    // R&D ratio: 4.4 stored for 2018Q2; 4.4 / 10^1.5 = 0.13914.
    let w = with_neighbours();
    w.write("rd.csv", "期间,研发投入占比(%)\n2019年1-6月,0.1391\n");
    refused_unchanged(
        &w,
        &["ingest", "rd.csv"],
        &["0.1391 is about 10^2 times less than the 4.4"],
    );
    w.write("rd.csv", "期间,研发投入占比(%)\n2019年1-6月,0.1392\n");
    w.run(&["ingest", "rd.csv"]).expect(0);
    // Built-up area, first figure, against the plan's baseline of 21 km²:
    // 21 × 10^1.5 = 664.08.
    let w = Work::bishan();
    w.write("a.csv", "期间,建成区面积(平方公里)\n2019年1-6月,664.1\n");
    refused_unchanged(
        &w,
        &["ingest", "a.csv"],
        &[
            "664.1 is about 10^2 times the 21 in 2018Q2 (the plan's baseline); looks like 公顷 under a km² header",
        ],
    );
    w.write("a.csv", "期间,建成区面积(平方公里)\n2019年1-6月,664\n");
    w.run(&["ingest", "a.csv"]).expect(0);
}

#[test]
fn the_summary_in_chinese() {
    let w = Work::bishan();
    half_year_workbook(&w, "统计月报.xlsx");
    let r = w.run(&["ingest", "统计月报.xlsx", "--lang", "zh"]);
    r.expect(0);
    for said in [
        "data/bishan-2022/actuals.csv：新增3条，修订0条，未变0条（来自 统计月报.xlsx）\n",
        "  统计月报.xlsx：工作表 表1（工作表 说明 中没有表格）\n",
        "    年份2022，取自表格标题\n",
        "    跳过的行：标题或单位行2行，合计行1行，注释或来源行2行\n",
        "    规划未跟踪的指标2项，已跳过：固定资产投资、社会消费品零售总额\n",
        "    未读取的列：上年同期\n",
        "    表示“无数据”的单元格（—、/、…）4个，已跳过\n",
    ] {
        assert!(r.stdout.contains(said), "missing {said:?} in\n{}", r.stdout);
    }
    let v = w.run(&["validate", "--lang", "zh"]);
    v.expect(0);
    assert_eq!(
        v.stdout,
        "已读取1个规划、9项指标、3条数据：0个错误，0个警告\n"
    );
}

#[test]
fn a_refusal_ends_in_the_language_asked_for() {
    let w = with_neighbours();
    w.write("rd.csv", "期间,研发投入占比(%)\n2019年1-6月,0.044\n");
    let r = w.run(&["ingest", "rd.csv", "--lang", "zh"]);
    r.expect(2);
    assert!(
        r.stderr
            .ends_with("plantrack：1个错误；未做评估，也未写入任何文件\n"),
        "{}",
        r.stderr
    );
}

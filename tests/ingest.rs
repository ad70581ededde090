//! `plantrack ingest`: every input format, unit and layout; every refusal with
//! its message, exit 2 and a byte-identical store; re-ingest changes nothing;
//! revisions; the lock; kills at random moments; two ingests at once.

use crate::support::{Work, plantrack, process};
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

impl Work {
    pub(crate) fn store(&self) -> String {
        std::fs::read_to_string(self.path("data/bishan-2022/actuals.csv")).unwrap_or_default()
    }

    pub(crate) fn revisions(&self) -> String {
        std::fs::read_to_string(self.path("data/bishan-2022/revisions.csv")).unwrap_or_default()
    }

    /// The stored (kpi, period, scope, value) rows.
    pub(crate) fn values(&self) -> Vec<(String, String, String, String)> {
        let text = self.store();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        r.records()
            .map(|x| {
                let x = x.unwrap();
                (
                    x[0].to_string(),
                    x[1].to_string(),
                    x[5].to_string(),
                    x[2].to_string(),
                )
            })
            .collect()
    }

    fn ingest_ok(&self, args: &[&str]) -> String {
        let r = self.run(&[&["ingest"][..], args].concat());
        r.expect(0);
        r.stdout
    }
}

fn v(kpi: &str, period: &str, scope: &str, value: &str) -> (String, String, String, String) {
    (kpi.into(), period.into(), scope.into(), value.into())
}

/// The Bishan workbook: Chinese headers, 亿元, the H1 2018 figures on one
/// sheet and Q1 2022 (above-size enterprises) on another.
fn bishan_xlsx(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet();
    s.set_name("2018上半年").unwrap();
    for (c, h) in [
        "期间",
        "工业总产值(亿元)",
        "同比(%)",
        "研发投入占比(%)",
        "建成区面积(平方公里)",
    ]
    .iter()
    .enumerate()
    {
        s.write_string(0, c as u16, *h).unwrap();
    }
    s.write_string(1, 0, "2018年1-6月").unwrap();
    s.write_number(1, 1, 323.4).unwrap();
    s.write_number(1, 2, 13.7).unwrap();
    s.write_number(1, 3, 4.4).unwrap();
    s.write_number(1, 4, 21).unwrap();
    let s = book.add_worksheet();
    s.set_name("2022一季度").unwrap();
    s.write_string(0, 0, "期间").unwrap();
    s.write_string(0, 1, "工业总产值(亿元)").unwrap();
    s.write_string(0, 2, "同比(%)").unwrap();
    s.write_string(1, 0, "2022年1-3月").unwrap();
    s.write_number(1, 1, 224).unwrap();
    s.write_number(1, 2, 27).unwrap();
    book.save(path).unwrap();
}

#[test]
fn bishan_from_excel_with_chinese_headers_then_again_with_no_change() {
    let w = Work::bishan();
    bishan_xlsx(&w.path("bishan.xlsx"));
    let out = w.ingest_ok(&["bishan.xlsx", "--source", "seed page"]);
    assert_eq!(
        out,
        "data/bishan-2022/actuals.csv: 3 added, 0 revised, 0 unchanged (from bishan.xlsx)\n\
         \x20 bishan.xlsx: sheet 2018上半年\n\
         \x20   not read: sheet 2022一季度 also holds a table (--sheet 2022一季度 reads it)\n"
    );
    let out = w.ingest_ok(&[
        "bishan.xlsx",
        "--sheet",
        "2022一季度",
        "--scope",
        "zone, above designated size",
        "--source",
        "zgrwj.com 2022-04-18",
    ]);
    assert!(out.contains("1 added, 0 revised, 0 unchanged"), "{out}");
    // 323.4亿元 is stored as 32.34 billion yuan, exactly; 224亿元 as 22.4.
    assert_eq!(
        w.values(),
        [
            v("built_up_area", "2018Q2", "zone", "21"),
            v("industrial_output", "2018Q2", "zone", "32.34"),
            v(
                "industrial_output",
                "2022Q1",
                "zone, above designated size",
                "22.4"
            ),
            v("rd_ratio", "2018Q2", "zone", "4.4"),
        ]
    );
    assert!(
        w.store()
            .contains("industrial_output,2018Q2,32.34,billion yuan,ytd,zone,seed page,,13.7\n")
    );
    // status sees them: the same figures the shipped data holds.
    let r = w.run(&["status", "--format", "json"]);
    let j: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(j["as_of"], "2022Q1");
    assert_eq!(j["kpis"][0]["latest"]["reported"], 22.4);
    assert_eq!(j["kpis"][0]["yoy"]["pct"], 27.0);
    // Again: nothing changes, byte for byte.
    let (store, log) = (w.store(), w.revisions());
    let out = w.ingest_ok(&["bishan.xlsx", "--source", "seed page"]);
    assert!(
        out.starts_with(
            "data/bishan-2022/actuals.csv: 0 added, 0 revised, 3 unchanged; nothing to write\n"
        ),
        "{out}"
    );
    assert_eq!((w.store(), w.revisions()), (store, log));
}

#[test]
fn revisions_record_every_change_with_the_old_value_and_the_source_hash() {
    let w = Work::bishan();
    w.write("a.csv", "kpi,period,value\nbuilt_up_area,2019Q4,25\n");
    w.ingest_ok(&["a.csv"]);
    w.write("b.csv", "kpi,period,value\nbuilt_up_area,2019Q4,26\n");
    let store = w.store();
    let r = w.run(&["ingest", "b.csv"]);
    r.expect(2);
    assert!(r.stderr.contains("b.csv:2:22: built_up_area 2019Q4 (zone) is stored as 25 (data/bishan-2022/actuals.csv line 2); this file says 26"), "{}", r.stderr);
    assert!(r.stderr.contains("--replace"));
    assert_eq!(w.store(), store, "refused: nothing written");
    let out = w.ingest_ok(&["b.csv", "--replace"]);
    assert!(out.contains("0 added, 1 revised, 0 unchanged"));
    let log = w.revisions();
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(
        lines[0],
        "time_utc,kpi,period,scope,change,old_value,new_value,source_file,source_sha256,store_sha256_before,store_sha256_after"
    );
    assert_eq!(lines.len(), 3);
    let sha_b = {
        use sha2::Digest;
        sha2::Sha256::digest(b"kpi,period,value\nbuilt_up_area,2019Q4,26\n")
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    assert!(lines[1].contains(",built_up_area,2019Q4,zone,added,,25,a.csv,"));
    assert!(
        lines[2].contains(&format!(
            ",built_up_area,2019Q4,zone,revised,25,26,b.csv,{sha_b},"
        )),
        "{}",
        lines[2]
    );
    assert!(lines[2].ends_with(&{
        use sha2::Digest;
        sha2::Sha256::digest(w.store().as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    }));
}

#[test]
fn every_unit_converts_exactly() {
    let w = Work::bishan();
    w.write(
        "units.csv",
        "kpi,period,value,unit\n\
         industrial_output,2018Q3,4851,亿元\n\
         industrial_output,2018Q4,64680000,万元\n\
         industrial_output,2019Q1,17500000000,元\n\
         industrial_output,2019Q2,36.2,billion yuan\n\
         industrial_output,2019Q3,55100,million yuan\n\
         built_up_area,2018Q4,22,km2\n\
         built_up_area,2019Q2,23.5,平方公里\n\
         built_up_area,2019Q4,2450,公顷\n\
         built_up_area,2020Q4,25,km²\n\
         projects_1bn,2019Q4,3,个\n\
         st_smes_incubated,2019Q4,120,家\n\
         rd_ratio,2019Q4,4.6%,\n\
         rd_ratio,2020Q4,4.8,%\n",
    );
    w.ingest_ok(&["units.csv"]);
    let values: Vec<(String, String)> = w
        .values()
        .into_iter()
        .map(|(k, p, _, v)| (format!("{k} {p}"), v))
        .collect();
    let want = [
        ("built_up_area 2018Q4", "22"),
        ("built_up_area 2019Q2", "23.5"),
        ("built_up_area 2019Q4", "24.5"),
        ("built_up_area 2020Q4", "25"),
        ("industrial_output 2018Q3", "485.1"),
        ("industrial_output 2018Q4", "646.8"),
        ("industrial_output 2019Q1", "17.5"),
        ("industrial_output 2019Q2", "36.2"),
        ("industrial_output 2019Q3", "55.1"),
        ("projects_1bn 2019Q4", "3"),
        ("rd_ratio 2019Q4", "4.6"),
        ("rd_ratio 2020Q4", "4.8"),
        ("st_smes_incubated 2019Q4", "120"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(values, want);
}

#[test]
fn wide_layouts_gbk_bom_full_width_and_stdin() {
    // A period column and a column per KPI, saved as GBK by Excel on Chinese Windows.
    let w = Work::bishan();
    let (gbk, _, _) = encoding_rs::GBK
        .encode("期间,工业总产值(亿元),建成区面积(平方公里)\n2018年1-6月,323.4,21\n");
    w.write("gbk.csv", &gbk);
    assert!(
        std::str::from_utf8(&gbk).is_err(),
        "the fixture really is GBK"
    );
    w.ingest_ok(&["gbk.csv"]);
    assert_eq!(
        w.values()[1],
        v("industrial_output", "2018Q2", "zone", "32.34")
    );

    // KPIs as rows and periods as columns, UTF-8 with a byte-order mark,
    // full-width digits and thousands separators.
    let w = Work::bishan();
    w.write(
        "turned.csv",
        "\u{feff}指标,单位,2018年1-6月,2018年1-9月\n工业总产值,亿元,３２３．４,\"4,851\"\nS&T small and micro firms incubated,家,,１，２００\n",
    );
    w.ingest_ok(&["turned.csv"]);
    assert_eq!(
        w.values(),
        [
            v("industrial_output", "2018Q2", "zone", "32.34"),
            v("industrial_output", "2018Q3", "zone", "485.1"),
            v("st_smes_incubated", "2018Q3", "zone", "1200"),
        ]
    );

    // The long layout from standard input, with Chinese column names.
    let w = Work::bishan();
    let r = w.run_stdin(
        &["ingest", "-"],
        Some("指标,期间,数值,单位\nbuilt_up_area,2018-06-30,21,km²\n"),
    );
    r.expect(0);
    assert!(r.stdout.contains("1 added"));
    assert!(
        w.store()
            .contains("built_up_area,2018Q2,21,km²,level,zone,<stdin>,,\n")
    );
}

#[test]
fn dry_run_writes_nothing() {
    let w = Work::bishan();
    w.write("a.csv", "kpi,period,value\nbuilt_up_area,2019Q4,25\n");
    let r = w.run(&["ingest", "a.csv", "--dry-run"]);
    r.expect(0);
    assert_eq!(
        r.stdout,
        "data/bishan-2022/actuals.csv (dry run: nothing written)\n  + built_up_area 2019Q4 (zone): 25\n1 added, 0 revised, 0 unchanged\n"
    );
    assert!(!w.path("data/bishan-2022/actuals.csv").exists());
}

/// Ingests `bad` into a store holding one value; the refusal must say
/// `expected` (each), exit 2, and leave the store byte-identical.
fn refused(file: &str, bad: &[u8], args: &[&str], expected: &[&str]) {
    let w = Work::bishan();
    w.write("seed.csv", "kpi,period,value\nbuilt_up_area,2019Q4,25\n");
    w.ingest_ok(&["seed.csv"]);
    let (store, log) = (w.store(), w.revisions());
    w.write(file, bad);
    let r = w.run(&[&["ingest", file][..], args].concat());
    r.expect(2);
    for e in expected {
        assert!(r.stderr.contains(e), "missing {e:?} in\n{}", r.stderr);
    }
    assert!(!r.stderr.contains("panicked"));
    assert_eq!(
        (w.store(), w.revisions()),
        (store, log),
        "the store changed"
    );
    assert!(r.stdout.is_empty());
}

#[test]
fn every_rejection_points_at_the_cell_and_changes_nothing() {
    refused(
        "a.csv",
        b"kpi,period,value\nbuilt_up_area,2019Q4,25\nnope,2019Q4,1\n",
        &[],
        &["a.csv:3:1: `nope` is not a KPI of plan `bishan-2022`"],
    );
    refused(
        "a.csv",
        b"kpi,period,value\nbuilt_up_area,2019Q5,25\n",
        &[],
        &["a.csv:2:15: `2019Q5` is not a period (the quarter must be 1 to 4)"],
    );
    refused(
        "a.csv",
        b"kpi,period,value\nbuilt_up_area,2025Q1,25\n",
        &[],
        &["a.csv:2:15: period 2025Q1 is outside the plan, which runs from 2018Q1 to 2022Q4"],
    );
    refused(
        "a.csv",
        b"kpi,period,value\nbuilt_up_area,2020Q4,2x5\n",
        &[],
        &[
            "a.csv:2:22: `2x5` is not a number",
            "expected a number in km²",
        ],
    );
    refused(
        "a.csv",
        b"kpi,period,value\nbuilt_up_area,2020Q4,NaN\n",
        &[],
        &["a.csv:2:22: `NaN` is not a number"],
    );
    refused(
        "a.csv",
        b"kpi,period,value\nbuilt_up_area,2020Q4,\"1,5\"\n",
        &[],
        &["a.csv:2:22: `1,5`: commas that do not group thousands"],
    );
    refused(
        "a.csv",
        b"kpi,period,value,unit\nbuilt_up_area,2020Q4,25,\xe4\xba\xbf\xe5\x85\x83\n",
        &[],
        &["unit `亿元` measures something else: `built_up_area` is in km²"],
    );
    refused(
        "a.csv",
        b"kpi,period,value,unit\nbuilt_up_area,2020Q4,25,acres\n",
        &[],
        &["unit `acres` is not a unit plantrack converts"],
    );
    refused(
        "a.csv",
        b"kpi,period,value\nindustrial_output,2020Q4,5%\n",
        &[],
        &["unit `%` measures something else"],
    );
    refused(
        "a.csv",
        b"kpi,period,value\nbuilt_up_area,2020Q4,25\nbuilt_up_area,2020-Q4,26\n",
        &[],
        &["a.csv:3:23: built_up_area 2020Q4 (zone) is given twice in the input, 25 and 26"],
    );
    refused(
        "a.csv",
        b"kpi,period,value\nbuilt_up_area,2019Q4,26\n",
        &[],
        &["is stored as 25", "--replace"],
    );
    refused(
        "a.csv",
        b"kpi,period,value,basis\nst_smes_incubated,2020Q4,5,ytd\n",
        &[],
        &["basis `ytd` does not fit `st_smes_incubated`, a count KPI"],
    );
    refused(
        "a.csv",
        b"kpi,period,value\ninnovation_system,2020Q4,2\n",
        &[],
        &["is a milestone, but the value is 2"],
    );
    refused("a.csv", b"", &[], &["a.csv: the file holds no rows"]);
    refused(
        "a.csv",
        b"foo,bar\n1,2\n",
        &[],
        &["a.csv:1:1: no period column"],
    );
    refused(
        "a.csv",
        b"kpi,period,value,colour\nbuilt_up_area,2020Q4,25,red\n",
        &[],
        &["a.csv:1:18: unknown column `colour`"],
    );
    refused(
        "a.csv",
        b"\xff\xfe\xfd\x80\x81,\n",
        &["--encoding", "utf-8"],
        &["a.csv: the file is not UTF-8 text", "--encoding gbk"],
    );
    refused(
        "a.csv",
        b"kpi,period,value\n\"built_up_area,2020Q4,25\n",
        &[],
        &["a.csv"],
    );
    refused(
        "a.xlsx",
        b"not a zip file",
        &[],
        &[
            "a.xlsx: the file is named as a workbook but holds text",
            "rename it .csv",
        ],
    );
    refused(
        "a.xlsx",
        b"PK\x03\x04 a broken zip",
        &[],
        &["a.xlsx: cannot read the workbook"],
    );
    refused(
        "a.csv",
        b"kpi,period,value\nbuilt_up_area,2020Q4,25\n",
        &["--sheet", "x"],
        &["a.csv: --sheet x names a sheet of a workbook"],
    );
    let w = Work::bishan();
    bishan_xlsx(&w.path("b.xlsx"));
    let r = w.run(&["ingest", "b.xlsx", "--sheet", "nope"]);
    r.expect(2);
    assert!(
        r.stderr.contains("the workbook has no sheet `nope`")
            && r.stderr.contains("2018上半年, 2022一季度"),
        "{}",
        r.stderr
    );
}

#[test]
fn spreadsheet_cells_are_named() {
    let w = Work::bishan();
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet();
    s.set_name("数据").unwrap();
    s.write_string(0, 0, "期间").unwrap();
    s.write_string(0, 1, "工业总产值(亿元)").unwrap();
    s.write_string(1, 0, "2019年1-3月").unwrap();
    s.write_string(1, 1, "约300").unwrap();
    book.save(w.path("x.xlsx")).unwrap();
    let r = w.run(&["ingest", "x.xlsx"]);
    r.expect(2);
    assert!(
        r.stderr.contains("x.xlsx:数据!B2: `约300` is not a number"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_falling_year_to_date_total_is_reported() {
    let w = Work::bishan();
    w.write(
        "a.csv",
        "kpi,period,value\nindustrial_output,2019Q2,40\nindustrial_output,2019Q3,38\n",
    );
    let r = w.run(&["ingest", "a.csv"]);
    r.expect(0);
    assert!(
        r.stderr.contains("industrial_output (zone): the year-to-date total falls from 40 in 2019Q2 (a.csv) to 38 in 2019Q3 (a.csv)"),
        "{}",
        r.stderr
    );
}

#[test]
fn each_fall_of_a_year_to_date_total_is_reported_and_no_rise() {
    // Falls and a rise in turn: each pair's earlier figure is the pair
    // before's later one, which the check reads once for both pairs.
    let w = Work::bishan();
    w.write(
        "a.csv",
        "kpi,period,value\nindustrial_output,2019Q1,40\nindustrial_output,2019Q2,38\n\
         industrial_output,2019Q3,39\nindustrial_output,2019Q4,37\n",
    );
    let r = w.run(&["ingest", "a.csv"]);
    r.expect(0);
    for fall in [
        "falls from 40 in 2019Q1 (a.csv) to 38 in 2019Q2 (a.csv)",
        "falls from 39 in 2019Q3 (a.csv) to 37 in 2019Q4 (a.csv)",
    ] {
        assert!(r.stderr.contains(fall), "{fall}\n{}", r.stderr);
    }
    assert_eq!(
        r.stderr.matches("the year-to-date total falls").count(),
        2,
        "{}",
        r.stderr
    );
}

#[test]
fn a_stored_figure_fed_again_under_another_scope_is_pointed_out() {
    let w = Work::bishan();
    w.write("zone.csv", "kpi,period,value\nbuilt_up_area,2020Q4,30\n");
    w.ingest_ok(&["zone.csv"]);
    // The same figure again, under a scope of its own: most likely a slip.
    w.write(
        "again.csv",
        "kpi,period,value,scope\nbuilt_up_area,2020Q4,30,north park\n",
    );
    let r = w.run(&["ingest", "again.csv"]);
    r.expect(0);
    assert!(
        r.stderr.contains("built_up_area 2020Q4: 30 is added for scope `north park`, and the same value is stored for scope `zone`"),
        "{}",
        r.stderr
    );
    // Parks given side by side in one file may share a value: no warning.
    w.write(
        "parks.csv",
        "kpi,period,value,scope\nbuilt_up_area,2021Q4,5,east park\nbuilt_up_area,2021Q4,5,west park\n",
    );
    let r = w.run(&["ingest", "parks.csv"]);
    r.expect(0);
    assert!(!r.stderr.contains("is added for scope"), "{}", r.stderr);
    // Nor when the file itself gives the stored scopes too.
    w.write(
        "all.csv",
        "kpi,period,value,scope\nbuilt_up_area,2020Q4,30,zone\nbuilt_up_area,2020Q4,30,north park\nbuilt_up_area,2020Q4,30,south park\n",
    );
    let r = w.run(&["ingest", "all.csv"]);
    r.expect(0);
    assert!(!r.stderr.contains("is added for scope"), "{}", r.stderr);
    assert_eq!(
        w.values().iter().filter(|x| x.0 == "built_up_area").count(),
        5
    );
}

#[test]
fn ingest_export_ingest_is_a_fixpoint() {
    let w = Work::bishan();
    w.write(
        "wide.csv",
        "期间,工业总产值(亿元),研发投入占比(%)\n2018年1-6月,323.4,4.4\n2019年1-6月,360,4.5\n",
    );
    w.ingest_ok(&["wide.csv"]);
    let store = w.store();
    // The store is itself a long file: fed to an empty store it comes out the same.
    let other = Work::bishan();
    other.write("export.csv", &store);
    let out = other.ingest_ok(&["export.csv"]);
    assert!(out.contains("4 added"));
    assert_eq!(other.store().replace("export.csv", "wide.csv"), store);
    // And fed back to the first store it changes nothing.
    w.write("export.csv", &store);
    assert!(
        w.ingest_ok(&["export.csv"])
            .contains("0 added, 0 revised, 4 unchanged")
    );
}

#[test]
fn a_held_lock_makes_a_second_ingest_wait_then_fail_naming_it() {
    let w = Work::bishan();
    std::fs::create_dir_all(w.path("data/bishan-2022")).unwrap();
    let lock = std::fs::File::create(w.path("data/bishan-2022/.lock")).unwrap();
    lock.lock().unwrap();
    w.write("a.csv", "kpi,period,value\nbuilt_up_area,2019Q4,25\n");
    let out = plantrack()
        .current_dir(w.dir.path())
        .env("PLANTRACK_LOCK_WAIT_MS", "300")
        .args(["ingest", "a.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("another plantrack ingest holds the store's lock data/bishan-2022/.lock"),
        "{stderr}"
    );
    assert!(!w.path("data/bishan-2022/actuals.csv").exists());
    drop(lock);
    w.ingest_ok(&["a.csv"]);
}

#[test]
fn two_ingests_at_once_lose_nothing() {
    let w = Work::bishan();
    let mut a = String::from("kpi,period,value\n");
    let mut b = String::from("kpi,period,value\n");
    for q in 0..18 {
        let p = format!("{}Q{}", 2018 + (q + 1) / 4, (q + 1) % 4 + 1);
        a.push_str(&format!("built_up_area,{p},{}\n", 21 + q));
        b.push_str(&format!("st_smes_incubated,{p},{}\n", 100 * q));
    }
    w.write("a.csv", &a);
    w.write("b.csv", &b);
    let spawn = |f: &str| {
        process()
            .current_dir(w.dir.path())
            .env("PLANTRACK_TEST_COMMIT_PAUSE_MS", "200")
            .args(["ingest", f])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (pa, pb) = (spawn("a.csv"), spawn("b.csv"));
    let (oa, ob) = (
        pa.wait_with_output().unwrap(),
        pb.wait_with_output().unwrap(),
    );
    assert!(
        oa.status.success(),
        "{}",
        String::from_utf8_lossy(&oa.stderr)
    );
    assert!(
        ob.status.success(),
        "{}",
        String::from_utf8_lossy(&ob.stderr)
    );
    assert_eq!(w.values().len(), 36, "{}", w.store());
    assert_eq!(w.revisions().lines().count(), 1 + 36);
}

#[test]
fn a_kill_at_any_moment_leaves_the_old_store_or_the_new_one() {
    let w = Work::bishan();
    let mut old = String::from("kpi,period,value\n");
    let mut new = String::from("kpi,period,value\n");
    for q in 0..18 {
        let p = format!("{}Q{}", 2018 + (q + 1) / 4, (q + 1) % 4 + 1);
        old.push_str(&format!("built_up_area,{p},{}\n", 21 + q));
        new.push_str(&format!("st_smes_incubated,{p},{}\n", 100 * q));
    }
    w.write("old.csv", &old);
    w.ingest_ok(&["old.csv"]);
    let (old_store, old_log) = (w.store(), w.revisions());
    // The new state, made once without a kill in a copy.
    let copy = Work::bishan();
    copy.write("old.csv", &old);
    copy.ingest_ok(&["old.csv"]);
    copy.write("new.csv", &new);
    copy.ingest_ok(&["new.csv"]);
    let new_store = copy.store();
    w.write("new.csv", &new);
    let mut outcomes = std::collections::BTreeSet::new();
    // Kill after 0 to 60 ms; the pause between the two renames is 20 ms, so
    // kills land before, between and after them.
    for i in 0..30u64 {
        std::fs::write(w.path("data/bishan-2022/actuals.csv"), &old_store).unwrap();
        std::fs::write(w.path("data/bishan-2022/revisions.csv"), &old_log).unwrap();
        let mut child = process()
            .current_dir(w.dir.path())
            .env("PLANTRACK_TEST_COMMIT_PAUSE_MS", "20")
            .args(["ingest", "new.csv"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(i * 2));
        let _ = child.kill();
        let _ = child.wait();
        let store = w.store();
        assert!(
            store == old_store || store == new_store,
            "torn store:\n{store}"
        );
        let is_new = store != old_store;
        // Whatever the log holds, the next ingest makes it agree with the store.
        let r = w.run(&["ingest", "old.csv"]);
        r.expect(0);
        let log = w.revisions();
        let new_rows = log
            .lines()
            .filter(|l| l.contains(",st_smes_incubated,"))
            .count();
        assert_eq!(
            new_rows,
            if is_new { 18 } else { 0 },
            "log out of step with the store:\n{log}"
        );
        outcomes.insert(if is_new { "new" } else { "old" });
    }
    // No temporary files are left behind as data.
    let names: Vec<String> = std::fs::read_dir(w.path("data/bishan-2022"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with(".plantrack-"))
        .collect();
    assert!(
        names
            .iter()
            .all(|n| ["actuals.csv", "revisions.csv", ".lock"].contains(&n.as_str())),
        "{names:?}"
    );
    eprintln!("kill outcomes seen: {outcomes:?}");
}

#[test]
fn validate_warns_when_the_store_is_not_what_the_log_left() {
    let w = Work::bishan();
    w.write("a.csv", "kpi,period,value\nbuilt_up_area,2019Q4,25\n");
    w.ingest_ok(&["a.csv"]);
    let r = w.run(&["validate"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let edited = w.store().replace(",25,", ",26,");
    w.write("data/bishan-2022/actuals.csv", edited);
    let r = w.run(&["validate"]);
    assert_eq!(r.code, 0, "a warning, not an error");
    assert!(r.stderr.contains("data/bishan-2022/actuals.csv is not the store the last change in data/bishan-2022/revisions.csv left"), "{}", r.stderr);
}

#[test]
fn ingest_and_the_store_reader_break_a_rule_in_the_same_words() {
    // One rule a figure breaks: a basis the KPI's kind cannot take, a period
    // outside the plan, a milestone neither 0 nor 1, a period that is none.
    let rows = "kpi,period,value,basis\n\
                built_up_area,2019Q4,25,ytd\n\
                built_up_area,2030Q4,25,\n\
                innovation_system,2020Q4,2,\n\
                built_up_area,2020Q5,26,\n";
    let w = Work::bishan();
    w.write("in.csv", rows);
    let fed = w.run(&["ingest", "in.csv"]);
    fed.expect(2);
    w.write("data/bishan-2022/actuals.csv", rows);
    let stored = w.run(&["validate"]);
    stored.expect(2);
    // What each problem says, expects and hints, without where it is.
    let words = |stderr: &str| -> Vec<String> {
        stderr
            .lines()
            .filter_map(|l| {
                let l = l.trim_start();
                if let Some(m) = l.strip_prefix("× ") {
                    m.split_once(": ").map(|(_, m)| m.to_string())
                } else if l.starts_with("help:") || l.contains("── expected") {
                    Some(l.trim_start_matches(['·', ' ', '╰', '─']).to_string())
                } else {
                    None
                }
            })
            .collect()
    };
    let said = words(&fed.stderr);
    assert_eq!(said.len(), 4 * 3 - 1, "{fed:?}"); // the milestone has no hint
    assert_eq!(said, words(&stored.stderr), "{fed:?}\n{stored:?}");
}

#[test]
fn one_unit_under_two_names_is_one_unit_and_another_scale_converts_exactly() {
    let w = Work::bishan();
    // Rows written by hand in the units a bureau uses, the plan in English ones.
    w.write(
        "data/bishan-2022/actuals.csv",
        "kpi,period,value,unit\n\
         industrial_output,2019Q2,323.4,亿元\n\
         built_up_area,2019Q2,25,平方公里\n\
         st_smes_incubated,2019Q2,120,家\n",
    );
    let r = w.run(&["status", "--format", "json"]);
    r.expect(0);
    let j: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let latest = |id: &str| {
        j["kpis"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["id"] == id)
            .unwrap()["latest"]["reported"]
            .clone()
    };
    assert_eq!(latest("industrial_output"), 32.34);
    assert_eq!(latest("built_up_area"), 25.0);
    assert_eq!(latest("st_smes_incubated"), 120.0);
    // The next ingest writes the store in the plan's units, exactly.
    w.write("a.csv", "kpi,period,value\nbuilt_up_area,2019Q3,26\n");
    w.ingest_ok(&["a.csv"]);
    let store = w.store();
    assert!(
        store.contains("industrial_output,2019Q2,32.34,billion yuan,"),
        "{store}"
    );
    assert!(store.contains("built_up_area,2019Q2,25,km²,"), "{store}");
    // The plan in 亿元: the same rows, now in its unit.
    let plan = std::fs::read_to_string(w.path("targets/bishan-2022.json"))
        .unwrap()
        .replacen(
            "\"unit\": \"billion yuan\"",
            "\"unit\": \"100 million yuan\"",
            1,
        )
        .replacen("\"value\": 32.34,", "\"value\": 323.4,", 1)
        .replacen("\"value\": 500,", "\"value\": 5000,", 1);
    w.write("targets/bishan-2022.json", plan);
    w.write(
        "data/bishan-2022/actuals.csv",
        "kpi,period,value,unit\nindustrial_output,2019Q2,323.4,亿元\n",
    );
    let r = w.run(&["status", "--format", "json"]);
    r.expect(0);
    let j: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(j["kpis"][0]["latest"]["reported"], 323.4);
    // A unit of another kind is still refused.
    w.write(
        "data/bishan-2022/actuals.csv",
        "kpi,period,value,unit\nindustrial_output,2019Q2,323.4,km²\n",
    );
    let r = w.run(&["validate"]);
    r.expect(2);
    assert!(
        r.stderr
            .contains("unit `km²` is not the unit of `industrial_output`"),
        "{}",
        r.stderr
    );
}

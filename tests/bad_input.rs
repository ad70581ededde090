//! Every kind of bad input: a message naming the file, line and column, the
//! text found and what was expected; exit 2; nothing on standard output.

use crate::support::plantrack;

const PLAN: &str = r#"{
  "id": "demo",
  "name": "Demo (test fixture)",
  "source": "synthetic test fixture",
  "scope": "zone",
  "baseline_period": "2020Q4",
  "target_period": "2024Q4",
  "kpis": [
    {"id": "output", "name": "Output", "unit": "billion yuan", "kind": "flow",
     "direction": "increase", "baseline": {"value": 100}, "target": {"value": 200}},
    {"id": "firms", "name": "Firms", "unit": "firms", "kind": "count",
     "direction": "increase", "target": {"value": 100}}
  ]
}"#;

const DATA: &str = "kpi,period,value,unit\noutput,2022Q4,121,billion yuan\n";

/// Runs `plantrack status` on the plan and data given, and checks what every
/// bad input must give: exit 2, empty stdout, and each text in stderr.
fn rejects(plan: &str, data: Option<&str>, expected: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("targets")).unwrap();
    std::fs::write(dir.path().join("targets/demo.json"), plan).unwrap();
    if let Some(data) = data {
        std::fs::create_dir_all(dir.path().join("data/demo")).unwrap();
        std::fs::write(dir.path().join("data/demo/actuals.csv"), data).unwrap();
    }
    let out = plantrack()
        .current_dir(dir.path())
        .args(["status"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "exit code; stderr:\n{stderr}");
    assert!(
        out.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    for text in expected {
        assert!(
            stderr.contains(text),
            "missing {text:?} in stderr:\n{stderr}"
        );
    }
    assert!(!stderr.contains("panicked"));
    assert!(stderr.contains("nothing was assessed"));
    stderr
}

fn with_data(data: &str, expected: &[&str]) -> String {
    rejects(PLAN, Some(data), expected)
}

#[test]
fn malformed_json() {
    let plan = PLAN.replace("\"scope\": \"zone\",", "\"scope\": \"zone\"");
    rejects(
        &plan,
        Some(DATA),
        &[
            "targets/demo.json:6:3: malformed JSON: expected `,` or `}`",
            "expected valid JSON",
            "missing comma",
        ],
    );
}

#[test]
fn plan_file_empty_or_cut_short() {
    rejects(
        "",
        Some(DATA),
        &["targets/demo.json: the plan file is empty"],
    );
    rejects(
        &PLAN[..200],
        Some(DATA),
        &["targets/demo.json:", "the plan file ends too early"],
    );
}

#[test]
fn unknown_kind() {
    let plan = PLAN.replace("\"kind\": \"flow\"", "\"kind\": \"stock\"");
    rejects(
        &plan,
        Some(DATA),
        &[
            "targets/demo.json:9:",
            "unknown variant `stock`, expected one of `flow`, `level`, `count`, `ratio`, `milestone`",
        ],
    );
}

#[test]
fn unknown_direction() {
    let plan = PLAN.replace(
        "\"direction\": \"increase\", \"baseline\"",
        "\"direction\": \"up\", \"baseline\"",
    );
    rejects(
        &plan,
        Some(DATA),
        &[
            "targets/demo.json:10:",
            "unknown variant `up`, expected `increase` or `decrease`",
        ],
    );
}

#[test]
fn unknown_field_is_a_typo_not_ignored() {
    let plan = PLAN.replace(
        "\"target\": {\"value\": 200}",
        "\"taget\": {\"value\": 200}",
    );
    rejects(
        &plan,
        Some(DATA),
        &["targets/demo.json:10:", "unknown field `taget`"],
    );
}

#[test]
fn kpi_id_not_matching_the_pattern() {
    let plan = PLAN.replace("\"id\": \"output\"", "\"id\": \"Output-1\"");
    rejects(
        &plan,
        Some(DATA),
        &[
            "targets/demo.json:9:12: KPI id `Output-1` may only hold a-z, 0-9 and `_`",
            "expected an id such as `industrial_output`",
        ],
    );
}

#[test]
fn duplicate_kpi_ids() {
    let plan = PLAN.replace("\"id\": \"firms\"", "\"id\": \"output\"");
    rejects(
        &plan,
        Some(DATA),
        &["targets/demo.json:11:12: KPI id `output` is used twice in the plan"],
    );
}

#[test]
fn comparator_against_direction() {
    let plan = PLAN.replace(
        "\"target\": {\"value\": 200}",
        "\"target\": {\"value\": 200, \"comparator\": \"<=\"}",
    );
    rejects(
        &plan,
        Some(DATA),
        &[
            "targets/demo.json:10:",
            "comparator `<=` contradicts direction `increase`",
        ],
    );
}

#[test]
fn unknown_kpi_in_data() {
    with_data(
        "kpi,period,value\noutptu,2022Q4,1\n",
        &[
            "data/demo/actuals.csv:2:1: unknown KPI `outptu`: plan `demo` has no such KPI",
            "expected one of output, firms",
        ],
    );
}

#[test]
fn unparseable_period() {
    with_data(
        "kpi,period,value\noutput,2022-Q5,1\n",
        &[
            "data/demo/actuals.csv:2:8: `2022-Q5` is not a period (the quarter must be 1 to 4)",
            "accepted forms: 2018Q2",
        ],
    );
}

#[test]
fn period_outside_the_plan() {
    with_data(
        "kpi,period,value\noutput,2025Q1,1\n",
        &[
            "data/demo/actuals.csv:2:8: period 2025Q1 is outside the plan, which runs from 2020Q1 to 2024Q4",
        ],
    );
    with_data(
        "kpi,period,value\noutput,2019Q4,1\n",
        &["period 2019Q4 is outside the plan"],
    );
}

#[test]
fn non_numeric_value() {
    with_data(
        "kpi,period,value\noutput,2022Q4,12x\n",
        &[
            "data/demo/actuals.csv:2:15: `12x` is not a number",
            "expected a plain decimal number such as 32.34",
        ],
    );
    with_data(
        "kpi,period,value\noutput,2022Q4,\"1,234\"\n",
        &["has a thousands separator"],
    );
    with_data(
        "kpi,period,value\noutput,2022Q4,\n",
        &["data/demo/actuals.csv:2:15: the value is empty"],
    );
}

#[test]
fn nan_and_infinity() {
    for text in ["NaN", "inf", "-Infinity"] {
        with_data(
            &format!("kpi,period,value\noutput,2022Q4,{text}\n"),
            &[
                &format!("data/demo/actuals.csv:2:15: `{text}` is not a number"),
                "NaN and infinity are not figures",
            ],
        );
    }
    with_data(
        "kpi,period,value\noutput,2022Q4,1e999\n",
        &["`1e999` is too large"],
    );
}

#[test]
fn duplicate_rows_with_different_values() {
    with_data(
        "kpi,period,value\noutput,2022Q4,121\noutput,2022-Q4,122\n",
        &[
            "data/demo/actuals.csv:3:16: output 2022Q4 (zone) is given twice: 121 on line 2 and 122 here",
        ],
    );
}

#[test]
fn unit_not_the_kpis_unit() {
    with_data(
        "kpi,period,value,unit\noutput,2022Q4,1210,km²\n",
        &[
            "data/demo/actuals.csv:2:20: unit `km²` is not the unit of `output`, `billion yuan`",
            "a unit of the same kind converts (元, yuan, rmb, 千元",
        ],
    );
}

#[test]
fn basis_that_does_not_fit_the_kind() {
    with_data(
        "kpi,period,value,basis\nfirms,2022Q4,12,ytd\n",
        &[
            "data/demo/actuals.csv:2:17: basis `ytd` does not fit `firms`, a count KPI",
            "expected one of level, increment",
        ],
    );
}

#[test]
fn empty_data_file() {
    with_data(
        "",
        &[
            "data/demo/actuals.csv: the data file is empty",
            "a header line `kpi,period,value",
        ],
    );
}

#[test]
fn header_missing() {
    with_data(
        "output,2022Q4,121\n",
        &[
            "data/demo/actuals.csv:1:1: the header line is missing: the first line holds data",
            "expected a first line naming the columns, e.g. `kpi,period,value,unit,basis,scope,source,note,yoy`",
        ],
    );
    with_data(
        "kpi,when,value\noutput,2022Q4,121\n",
        &["the header lacks the column(s) period"],
    );
    with_data(
        "kpi,period,value,comment\n",
        &["data/demo/actuals.csv:1:18: unknown column `comment`"],
    );
}

#[test]
fn wrong_number_of_fields() {
    with_data(
        "kpi,period,value,unit\noutput,2022Q4,121,billion yuan,extra\n",
        &["data/demo/actuals.csv:2:1: this row has 5 fields but the header has 4"],
    );
}

#[test]
fn not_utf8() {
    // "工业" in GBK, as Excel on Chinese Windows saves CSV.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("targets")).unwrap();
    std::fs::create_dir_all(dir.path().join("data/demo")).unwrap();
    std::fs::write(dir.path().join("targets/demo.json"), PLAN).unwrap();
    let gbk: &[u8] = b"kpi,period,value,note\noutput,2022Q4,121,\xb9\xa4\xd2\xb5\n";
    std::fs::write(dir.path().join("data/demo/actuals.csv"), gbk).unwrap();
    let out = plantrack()
        .current_dir(dir.path())
        .arg("status")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("data/demo/actuals.csv: the file is not UTF-8 text (first bad byte on line 2, column 19)"), "{stderr}");
    assert!(stderr.contains("save it as UTF-8"));
}

#[test]
fn baseline_in_data_disagrees_with_the_plan() {
    with_data(
        "kpi,period,value\noutput,2020Q4,101\n",
        &[
            "data/demo/actuals.csv:2:1: output 2020Q4: the data says 101 but the plan's baseline is 100",
        ],
    );
}

#[test]
fn missing_plan_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = plantrack()
        .current_dir(dir.path())
        .arg("status")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no plan file or folder at `targets`"),
        "{stderr}"
    );
    assert!(stderr.contains("pass --plan FILE"));
}

//! Files from outside, and a store anyone can edit, met with a clear refusal
//! and exit 2, never a hang, an abort or a silent loss (issue 17). Each
//! command runs under a time limit, so a hang fails here.

use crate::support::Work;

/// The shipped Bishan plan with a store of one figure.
fn bishan_with_a_store() -> Work {
    let w = Work::bishan();
    w.write(
        "data/bishan-2022/actuals.csv",
        "kpi,period,value\nbuilt_up_area,2019Q4,25\n",
    );
    w
}

fn refused(r: &crate::support::Run, words: &str) {
    r.expect(2);
    assert!(r.stderr.contains(words), "{words}\n{r:?}");
}

#[cfg(unix)]
#[test]
fn a_store_that_is_a_pipe_or_a_device_is_refused_not_read() {
    let w = Work::bishan();
    std::fs::create_dir_all(w.path("data/bishan-2022")).unwrap();
    let fifo = w.path("data/bishan-2022/actuals.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    refused(&w.run_within(10, &["status"]), "not a regular file");
    refused(
        &w.run_within(10, &["ingest", "in.csv"]),
        "is not a regular file",
    );
    std::fs::remove_file(&fifo).unwrap();
    // A link to /dev/zero is a link: never followed, never read.
    std::os::unix::fs::symlink("/dev/zero", &fifo).unwrap();
    refused(&w.run_within(10, &["status"]), "symbolic link");
}

#[cfg(unix)]
#[test]
fn links_in_the_data_folder_are_refused_and_nothing_they_point_at_is_written_or_quoted() {
    let w = bishan_with_a_store();
    w.write("in.csv", "kpi,period,value\nbuilt_up_area,2020Q4,26\n");
    // The store a link to a file that is not a store: refused, not quoted.
    let store = w.path("data/bishan-2022/actuals.csv");
    std::fs::remove_file(&store).unwrap();
    w.write("secret.txt", "root:x:0:0:root:/root:/bin/bash\n");
    std::os::unix::fs::symlink(w.path("secret.txt"), &store).unwrap();
    let r = w.run_within(10, &["status"]);
    refused(&r, "symbolic link");
    assert!(!r.stderr.contains("root:x"), "{r:?}");
    // Ingest neither replaces the link nor writes its target.
    refused(&w.run_within(10, &["ingest", "in.csv"]), "symbolic link");
    assert!(
        std::fs::symlink_metadata(&store)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(w.path("secret.txt")).unwrap(),
        "root:x:0:0:root:/root:/bin/bash\n"
    );
    // A lock that is a link to nothing is refused; its target is not made.
    std::fs::remove_file(&store).unwrap();
    w.write("data/bishan-2022/actuals.csv", "kpi,period,value\n");
    let _ = std::fs::remove_file(w.path("data/bishan-2022/.lock"));
    std::os::unix::fs::symlink(w.path("made-by-the-lock"), w.path("data/bishan-2022/.lock"))
        .unwrap();
    refused(&w.run_within(10, &["ingest", "in.csv"]), "symbolic link");
    assert!(!w.path("made-by-the-lock").exists());
}

#[test]
fn a_report_into_a_folder_that_is_not_there_makes_none() {
    let w = bishan_with_a_store();
    let r = w.run_within(20, &["report", "--out", "no/such/dir/r.html"]);
    refused(&r, "no folder `no/such/dir`");
    assert!(!w.path("no").exists());
}

#[cfg(unix)]
#[test]
fn a_read_only_store_is_left_as_it_is() {
    use std::os::unix::fs::PermissionsExt;
    let w = bishan_with_a_store();
    w.write("in.csv", "kpi,period,value\nbuilt_up_area,2020Q4,26\n");
    let store = w.path("data/bishan-2022/actuals.csv");
    let before = std::fs::read(&store).unwrap();
    std::fs::set_permissions(&store, std::fs::Permissions::from_mode(0o444)).unwrap();
    refused(&w.run_within(10, &["ingest", "in.csv"]), "read-only");
    assert_eq!(std::fs::read(&store).unwrap(), before);
    assert_eq!(
        std::fs::metadata(&store).unwrap().permissions().mode() & 0o777,
        0o444
    );
}

#[test]
fn temporary_files_of_an_interrupted_ingest_are_named_then_removed() {
    let w = bishan_with_a_store();
    w.write("data/bishan-2022/.plantrack-abc123.tmp", "x".repeat(1000));
    let r = w.run_within(10, &["validate"]);
    r.expect(0);
    assert!(
        r.stderr
            .contains("1 temporary file(s) of 1000 bytes left by an interrupted ingest"),
        "{r:?}"
    );
    w.write("in.csv", "kpi,period,value\nbuilt_up_area,2020Q4,26\n");
    w.run_within(10, &["ingest", "in.csv"]).expect(0);
    assert!(!w.path("data/bishan-2022/.plantrack-abc123.tmp").exists());
    let r = w.run_within(10, &["validate"]);
    assert!(!r.stderr.contains("temporary"), "{r:?}");
}

#[test]
fn validate_reads_the_revision_log_history_and_report_read() {
    let w = bishan_with_a_store();
    w.write(
        "data/bishan-2022/revisions.csv",
        "time_utc,kpi\n\"unclosed,2020Q4\n",
    );
    let history = w.run_within(10, &["history", "built_up_area"]);
    history.expect(2);
    refused(&w.run_within(10, &["validate"]), "revision log");
}

#[test]
fn a_data_folder_that_is_not_there_is_an_error_not_an_empty_store() {
    let w = bishan_with_a_store();
    refused(
        &w.run_within(10, &["check", "--data", "typo"]),
        "no data folder at `typo`",
    );
    refused(
        &w.run_within(10, &["status", "--data", "typo"]),
        "no data folder",
    );
}

#[test]
fn a_quote_never_closed_is_refused_where_it_opens_not_swallowing_the_rows_after_it() {
    // Four rows; the second's note opens a quote that never closes.
    let rows = "kpi,period,value,note\n\
                built_up_area,2018Q4,24,\n\
                built_up_area,2019Q4,25,\"from the yearbook\n\
                built_up_area,2020Q4,26,\n\
                built_up_area,2021Q4,27,\n";
    let w = Work::bishan();
    w.write("in.csv", rows);
    let r = w.run_within(10, &["ingest", "in.csv"]);
    refused(&r, "in.csv:3:25: a quote opened here is never closed");
    assert!(!w.path("data/bishan-2022/actuals.csv").exists(), "{r:?}");
    // The same rows as a store: validate reads 15 rows, not 1.
    w.write("data/bishan-2022/actuals.csv", rows);
    refused(
        &w.run_within(10, &["validate"]),
        "actuals.csv:3:25: a quote opened here is never closed",
    );
    refused(&w.run_within(10, &["status"]), "never closed");
    // A quoted field that closes, with a doubled quote inside, is fine.
    w.write(
        "in.csv",
        "kpi,period,value,note\nbuilt_up_area,2019Q4,25,\"the \"\"yearbook\"\", p. 3\"\n",
    );
    std::fs::remove_file(w.path("data/bishan-2022/actuals.csv")).unwrap();
    w.run_within(10, &["ingest", "in.csv"]).expect(0);
}

#[test]
fn markup_in_a_name_is_shown_in_markdown_never_run_or_followed() {
    let w = Work::new();
    let name = r#"<img src=x onerror=alert(1)> x](http://evil.example) [click](http://evil.example) `code`"#;
    w.write(
        "targets/p.json",
        format!(
            r#"{{"id": "p", "name": "Plan", "source": "test fixture", "scope": "zone",
                "baseline_period": "2020Q4", "target_period": "2022Q4",
                "kpis": [{{"id": "x", "name": {}, "unit": "u", "kind": "level",
                          "direction": "increase", "baseline": {{"value": 1}},
                          "target": {{"value": 2}}}}]}}"#,
            serde_json::to_string(name).unwrap()
        ),
    );
    w.write("data/p/actuals.csv", "kpi,period,value\nx,2021Q4,1.5\n");
    let table = w.run_within(10, &["status", "--format", "markdown"]);
    table.expect(0);
    w.run_within(20, &["report", "--out", "r.md"]).expect(0);
    let report = std::fs::read_to_string(w.path("r.md")).unwrap();
    for md in [&table.stdout, &report] {
        assert!(!md.contains("<img"), "{md}");
        assert!(md.contains("&lt;img"), "{md}");
        // Every bracket of the name is escaped: no link opens.
        assert!(!md.contains(" x](http"), "{md}");
        assert!(
            md.contains(r"x\](http://evil.example) \[click\](http://evil.example)"),
            "{md}"
        );
    }
}

#[test]
fn a_file_with_no_table_is_refused_not_fed_as_nothing() {
    let w = Work::bishan();
    w.write("notes.csv", "qwertyuiop\n");
    let r = w.run_within(10, &["ingest", "notes.csv"]);
    refused(&r, "no figure found");
    assert!(!w.path("data/bishan-2022/actuals.csv").exists());
}

#[test]
fn a_target_on_the_wrong_side_of_the_baseline_is_warned_about() {
    let w = Work::new();
    w.write(
        "targets/p.json",
        r#"{"id": "p", "name": "Plan", "source": "test fixture", "scope": "zone",
            "baseline_period": "2020Q4", "target_period": "2022Q4",
            "kpis": [{"id": "x", "name": "X", "unit": "u", "kind": "level",
                      "direction": "increase", "baseline": {"value": 10},
                      "target": {"value": 8}}]}"#,
    );
    w.write("data/p/actuals.csv", "kpi,period,value\n");
    let r = w.run_within(10, &["validate"]);
    r.expect(0);
    assert!(
        r.stderr
            .contains("KPI `x` is to increase, but its target 8 is below its baseline 10"),
        "{r:?}"
    );
    assert!(r.stdout.contains("0 error(s), 1 warning(s)"), "{r:?}");
}

#[test]
fn a_huge_cell_is_quoted_cut_and_a_flood_of_problems_is_counted() {
    let w = Work::bishan();
    // A value cell of a million characters, and a row whose note is as long.
    let huge = "9".repeat(500_000) + "x" + &"9".repeat(500_000);
    w.write(
        "in.csv",
        format!(
            "kpi,period,value,note\nbuilt_up_area,2019Q4,{huge},\nbuilt_up_area,2020Q4,2x6,{}\n",
            "n".repeat(1_000_000)
        ),
    );
    let r = w.run_within(20, &["ingest", "in.csv"]);
    r.expect(2);
    assert!(
        r.stderr.len() < 20_000,
        "{} bytes of stderr",
        r.stderr.len()
    );
    assert!(
        r.stderr.contains("in.csv:2:22"),
        "{}",
        &r.stderr[..r.stderr.len().min(2000)]
    );
    // Twenty thousand columns nobody knows: fifty problems shown, the rest counted.
    let header: Vec<String> = (0..20_000).map(|i| format!("c{i}")).collect();
    w.write(
        "wide.csv",
        format!(
            "kpi,period,value,{}\nbuilt_up_area,2019Q4,25\n",
            header.join(",")
        ),
    );
    let r = w.run_within(20, &["ingest", "wide.csv"]);
    r.expect(2);
    assert!(
        r.stderr
            .contains("... and 19950 more like these (19950 error(s), 0 warning(s)), not shown"),
        "{}",
        &r.stderr[r.stderr.len().saturating_sub(500)..]
    );
    assert!(
        r.stderr.len() < 100_000,
        "{} bytes of stderr",
        r.stderr.len()
    );
}

#[test]
fn a_control_character_never_reaches_the_terminal_and_is_refused_where_it_enters() {
    let w = bishan_with_a_store();
    // Hand-edited into the store: the escape sequence of a screen clear.
    w.write(
        "data/bishan-2022/actuals.csv",
        "kpi,period,value,note\nbuilt_up_area,2019Q4,25,\"a \u{1b}[2J note\"\n",
    );
    for args in [
        &["status"][..],
        &["validate"],
        &["history", "built_up_area"],
    ] {
        let r = w.run_within(10, args);
        assert!(
            !r.stdout.contains('\u{1b}') && !r.stderr.contains('\u{1b}'),
            "{args:?}: {r:?}"
        );
    }
    refused(
        &w.run_within(10, &["validate"]),
        r"the note holds a control character (\u{1b})",
    );
    // Fed by ingest: refused, nothing stored.
    let w = Work::bishan();
    w.write(
        "in.csv",
        "kpi,period,value,source\nbuilt_up_area,2019Q4,25,bell\u{7}\n",
    );
    refused(
        &w.run_within(10, &["ingest", "in.csv"]),
        "control character",
    );
    assert!(!w.path("data/bishan-2022/actuals.csv").exists());
    // In a plan: refused.
    let plan = std::fs::read_to_string(w.path("targets/bishan-2022.json")).unwrap();
    w.write(
        "targets/bishan-2022.json",
        plan.replacen(
            "\"name\": \"Industrial output value\"",
            "\"name\": \"Industrial\\u001b]0;pwned\\u0007 output\"",
            1,
        ),
    );
    refused(
        &w.run_within(10, &["validate"]),
        "`name` holds a control character",
    );
    // A scope's Chinese name too.
    w.write(
        "targets/bishan-2022.json",
        plan.replacen("\"zone\": \"高新区\"", "\"zone\": \"高新区\\u001b[2J\"", 1),
    );
    refused(
        &w.run_within(10, &["validate"]),
        "`scopes_zh` holds a control character",
    );
}

#[test]
fn a_text_a_spreadsheet_would_run_is_not_stored() {
    let w = Work::bishan();
    // A file whose name would become the source.
    w.write(
        "=HYPERLINK(\"x\").csv",
        "kpi,period,value\nbuilt_up_area,2019Q4,25\n",
    );
    refused(
        &w.run_within(10, &["ingest", "=HYPERLINK(\"x\").csv"]),
        "the source starts as a spreadsheet formula would",
    );
    w.write(
        "in.csv",
        "kpi,period,value,note\nbuilt_up_area,2019Q4,25,=cmd|'/c calc'!A1\n",
    );
    refused(
        &w.run_within(10, &["ingest", "in.csv"]),
        "the note starts as a spreadsheet formula would",
    );
    assert!(!w.path("data/bishan-2022/actuals.csv").exists());
    // A note that starts with a negative number is a note.
    w.write(
        "in.csv",
        "kpi,period,value,note\nbuilt_up_area,2019Q4,25,-2 on the draft\n",
    );
    w.run_within(10, &["ingest", "in.csv"]).expect(0);
}

#[test]
fn figures_past_the_range_are_refused_and_the_extremes_allowed_chart_in_time() {
    let w = bishan_with_a_store();
    w.write(
        "data/bishan-2022/actuals.csv",
        "kpi,period,value\nbuilt_up_area,2019Q4,1.7e308\n",
    );
    refused(
        &w.run_within(10, &["validate"]),
        "`1.7e308` is outside the range a figure may take",
    );
    refused(
        &w.run_within(10, &["chart", "--out", "c"]),
        "outside the range",
    );
    std::fs::remove_file(w.path("data/bishan-2022/actuals.csv")).unwrap();
    w.write("in.csv", "kpi,period,value\nbuilt_up_area,2019Q4,1.7e308\n");
    refused(
        &w.run_within(10, &["ingest", "in.csv"]),
        "outside the range",
    );
    w.write("in.csv", "kpi,period,value\nbuilt_up_area,2019Q4,1e-320\n");
    refused(
        &w.run_within(10, &["ingest", "in.csv"]),
        "outside the range",
    );
    // A plan's figures too.
    let plan = std::fs::read_to_string(w.path("targets/bishan-2022.json")).unwrap();
    w.write(
        "targets/bishan-2022.json",
        plan.replacen("\"value\": 45", "\"value\": 1.7e308", 1),
    );
    refused(&w.run_within(10, &["validate"]), "outside the range");
    w.write("targets/bishan-2022.json", &plan);
    // One number grammar: 1e5 is read alike by ingest and by the store.
    w.write("in.csv", "kpi,period,value\nst_smes_incubated,2019Q4,1e3\n");
    w.run_within(10, &["ingest", "in.csv"]).expect(0);
    let stored = std::fs::read_to_string(w.path("data/bishan-2022/actuals.csv")).unwrap();
    assert!(
        stored.contains("st_smes_incubated,2019Q4,1000,"),
        "{stored}"
    );
    // The extremes a figure may take, drawn in time.
    w.write(
        "data/bishan-2022/actuals.csv",
        "kpi,period,value\nbuilt_up_area,2019Q4,1e15\nbuilt_up_area,2020Q4,1e-9\nrd_ratio,2019Q4,-1e15\n",
    );
    w.run_within(60, &["chart", "--out", "c", "--format", "svg"])
        .expect(0);
    w.run_within(60, &["report", "--out", "r.html"]).expect(0);
    let html = std::fs::read_to_string(w.path("r.html")).unwrap();
    assert!(
        !html.contains("inf") && !html.contains("NaN"),
        "a figure that is not finite"
    );
}

/// A plan of `n` KPIs `k0`..`k{n-1}`, levels from 1 to 2.
fn many_kpis(n: usize) -> String {
    let kpis: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"id": "k{i}", "name": "KPI {i}", "unit": "u", "kind": "level", "direction": "increase", "baseline": {{"value": 1}}, "target": {{"value": 2}}}}"#
            )
        })
        .collect();
    format!(
        r#"{{"id": "p", "name": "Plan", "source": "test fixture", "scope": "zone",
            "baseline_period": "2020Q4", "target_period": "2022Q4", "kpis": [{}]}}"#,
        kpis.join(",")
    )
}

#[test]
fn twenty_thousand_kpis_in_any_order_take_time_linear_in_the_rows() {
    // Quadratic, 30,000 took a minute to ingest in a release build; linear,
    // 20,000 take a few seconds here in a debug build.
    let n = 20_000;
    let w = Work::new();
    w.write("targets/p.json", many_kpis(n));
    // Rows in the reverse of the plan's order: every row a new KPI.
    let mut rows = String::from("kpi,period,value\n");
    for i in (0..n).rev() {
        rows.push_str(&format!("k{i},2021Q4,1.5\n"));
    }
    w.write("in.csv", &rows);
    w.run_within(40, &["ingest", "in.csv"]).expect(0);
    w.write("data/p/actuals.csv", &rows);
    let r = w.run_within(40, &["status", "--format", "csv"]);
    r.expect(0);
    assert_eq!(r.stdout.lines().count(), n + 1);
}

#[test]
fn a_report_lists_the_latest_revisions_and_counts_the_rest() {
    let w = bishan_with_a_store();
    let mut log = String::from(
        "time_utc,kpi,period,scope,change,old_value,new_value,source_file,source_sha256,store_before,store_after\n",
    );
    for i in 0..1000 {
        log.push_str(&format!(
            "2099-01-01T00:00:00Z,built_up_area,2019Q4,zone,revised,{i},{},in.csv,x,y,z\n",
            i + 1
        ));
    }
    w.write("data/bishan-2022/revisions.csv", &log);
    let r = w.run_within(30, &["report"]);
    r.expect(0);
    assert!(
        r.stdout
            .contains("1000 in all, the latest 200 listed (the others are in the revision log)"),
        "{}",
        &r.stdout[r.stdout.len().saturating_sub(3000)..]
    );
    // Each by the KPI's name, the period as the figures are dated, the day.
    assert_eq!(r.stdout.matches("| Built-up area | 2019Q4 |").count(), 200);
}

#[test]
fn encodings_are_decided_for_the_whole_file_and_invisible_characters_shown() {
    let w = Work::bishan();
    // UTF-16 little-endian without a mark, as Excel's "Unicode text" may be.
    let text = "kpi,period,value\nbuilt_up_area,2019Q4,25\n";
    let utf16: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    w.write("u16.csv", &utf16);
    w.run_within(10, &["ingest", "u16.csv", "--dry-run"])
        .expect(0);
    // A UTF-8 line (备注, a note) beside a GBK one: refused, naming the line.
    let mut mixed = "kpi,period,value,备注\nbuilt_up_area,2019Q4,25,年报数据\n"
        .as_bytes()
        .to_vec();
    mixed.extend(b"built_up_area,2020Q4,26,");
    mixed.extend([0xC4, 0xEA, 0xB1, 0xA8]); // 年报 in GBK
    mixed.push(b'\n');
    w.write("mixed.csv", &mixed);
    refused(
        &w.run_within(10, &["ingest", "mixed.csv"]),
        "line 3 is not UTF-8, but other lines are",
    );
    // A zero-width space in a KPI id is shown, not hidden.
    w.write(
        "zw.csv",
        "kpi,period,value\nbuilt\u{200b}_up_area,2019Q4,25\n",
    );
    let r = w.run_within(10, &["ingest", "zw.csv"]);
    refused(&r, r"built\u{200b}_up_area");
    assert!(!r.stderr.contains('\u{200b}'), "{r:?}");
    // A plan saved with a byte-order mark reads as without.
    let plan = std::fs::read_to_string(w.path("targets/bishan-2022.json")).unwrap();
    w.write("targets/bishan-2022.json", format!("\u{feff}{plan}"));
    w.write("data/bishan-2022/actuals.csv", "kpi,period,value\n");
    w.run_within(10, &["validate"]).expect(0);
    // Text under a workbook's name.
    w.write("export.xls", "kpi,period,value\nbuilt_up_area,2019Q4,25\n");
    refused(
        &w.run_within(10, &["ingest", "export.xls"]),
        "rename it .csv",
    );
}

#[test]
fn after_its_target_period_a_kpi_is_achieved_or_overdue_never_on_track() {
    // The synthetic example's targets are due 2024Q4 (the platform 2023Q4).
    let w = Work::new();
    for dir in ["targets", "data/synthetic-zone"] {
        for entry in std::fs::read_dir(
            crate::support::root()
                .join("examples/synthetic-zone")
                .join(dir),
        )
        .unwrap()
        {
            let entry = entry.unwrap();
            let to = w.path(&format!("{dir}/{}", entry.file_name().to_string_lossy()));
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), to).unwrap();
        }
    }
    let before = w.run_within(10, &["check"]);
    assert!(
        before
            .stdout
            .contains("PASS synthetic-zone/firms (firms): on track"),
        "{before:?}"
    );
    let r = w.run_within(10, &["check", "--as-of", "2200Q4"]);
    r.expect(1);
    assert!(
        r.stdout
            .contains("FAIL synthetic-zone/firms (firms): overdue"),
        "{r:?}"
    );
    assert!(
        r.stdout
            .contains("PASS synthetic-zone/area (km²): achieved"),
        "{r:?}"
    );
    assert!(!r.stdout.contains("on track"), "{r:?}");
    let json = w.run_within(10, &["status", "--as-of", "2200Q4", "--format", "json"]);
    assert!(
        json.stdout
            .contains("the target period 2024Q4 has passed and the target is not met (the latest figure is for 2022Q3)"),
        "{}",
        json.stdout
    );
}

#[test]
fn a_change_made_by_hand_is_logged_by_the_next_ingest() {
    let w = Work::bishan();
    w.write(
        "in.csv",
        "kpi,period,value\nbuilt_up_area,2019Q4,33\nbuilt_up_area,2020Q4,35\n",
    );
    w.run_within(10, &["ingest", "in.csv"]).expect(0);
    // By hand: 33 becomes 34, 2020Q4 goes, 2021Q4 comes.
    let store = w.path("data/bishan-2022/actuals.csv");
    let text = std::fs::read_to_string(&store).unwrap();
    let edited = text
        .replace("built_up_area,2019Q4,33,", "built_up_area,2019Q4,34,")
        .replace("built_up_area,2020Q4,35,", "built_up_area,2021Q4,37,");
    std::fs::write(&store, &edited).unwrap();
    let r = w.run_within(10, &["validate"]);
    assert!(
        r.stderr.contains("is not the store the last change"),
        "{r:?}"
    );
    // The next ingest logs the edits before its own change.
    w.write(
        "next.csv",
        "kpi,period,value\nst_smes_incubated,2019Q4,100\n",
    );
    let r = w.run_within(10, &["ingest", "next.csv"]);
    r.expect(0);
    assert!(r.stderr.contains("3 figure(s)"), "{r:?}");
    let log = std::fs::read_to_string(w.path("data/bishan-2022/revisions.csv")).unwrap();
    for row in [
        "built_up_area,2019Q4,zone,revised,33,34,edited by hand",
        "built_up_area,2020Q4,zone,removed,35,,edited by hand",
        "built_up_area,2021Q4,zone,added,,37,edited by hand",
        "st_smes_incubated,2019Q4,zone,added,,100,next.csv",
    ] {
        assert!(log.contains(row), "{row}\n{log}");
    }
    let r = w.run_within(10, &["validate"]);
    assert!(!r.stderr.contains("is not the store"), "{r:?}");
    let history = w.run_within(10, &["history", "built_up_area", "--format", "csv"]);
    assert!(history.stdout.contains("edited by hand"), "{history:?}");
}

#[test]
fn a_sheet_of_two_cells_far_apart_is_refused_before_it_is_laid_out() {
    let w = Work::bishan();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "kpi").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    book.save(w.path("far.xlsx")).unwrap();
    // Laid out whole, this asked for 512 GiB and aborted.
    let r = w.run_within(20, &["ingest", "far.xlsx"]);
    refused(&r, "spans A1:XFD1048576 (17179869184 places) for 2 cell(s)");
}

#[test]
fn a_plan_number_that_would_vanish_to_zero_is_refused() {
    let w = Work::bishan();
    let plan = std::fs::read_to_string(w.path("targets/bishan-2022.json")).unwrap();
    w.write(
        "targets/bishan-2022.json",
        plan.replacen("\"value\": 45", "\"value\": 1e-400", 1),
    );
    w.write("data/bishan-2022/actuals.csv", "kpi,period,value\n");
    refused(
        &w.run_within(10, &["validate"]),
        "`1e-400` is too small to be a figure",
    );
}

mod readers {
    use plantrack::intake::load::actuals;
    use plantrack::problem::{SourceFile, render};
    use proptest::prelude::*;

    fn plan() -> plantrack::core::plan::Plan {
        serde_json::from_str(
            &std::fs::read_to_string(crate::support::root().join("targets/bishan-2022.json"))
                .unwrap(),
        )
        .unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]
        /// Hostile text (quotes opened and never closed, NUL, ESC, BOMs,
        /// invisible characters, long fields, stray line breaks) read as a
        /// store and its problems rendered: never a panic, and what is shown
        /// stays bounded and free of control characters.
        #[test]
        fn any_text_read_as_a_store_is_refused_in_bounded_clean_words(
            cells in proptest::collection::vec(
                prop_oneof![
                    Just("\"".to_string()), Just("\"\"".to_string()), Just("\u{0}".to_string()),
                    Just("\u{1b}[2J".to_string()), Just("\u{feff}".to_string()),
                    Just("\u{200b}".to_string()), Just("\r".to_string()), Just("\n".to_string()),
                    Just(",".to_string()), Just("built_up_area".to_string()),
                    Just("2019Q4".to_string()), Just("1e308".to_string()),
                    Just("-0".to_string()), Just("x".repeat(5000)), Just("工业总产值".to_string()),
                    "[ -~]{0,12}",
                ],
                0..40,
            ),
        ) {
            let text = format!("kpi,period,value,note\n{}", cells.concat());
            let (_, problems) = actuals::parse(&SourceFile::new("s.csv", text), &plan());
            let shown = render(&problems, false, plantrack::lang::Lang::En);
            prop_assert!(shown.len() < 200_000, "{} bytes", shown.len());
            // A carriage return before a line feed is a Windows line end, shown
            // as the line's end; any other control character is not shown.
            prop_assert!(
                !shown.replace("\r\n", "\n").chars().any(|c| c.is_control() && c != '\n'),
                "a control character shown: {shown:?}"
            );
        }
    }
}

#[test]
fn broken_utf8_is_refused_not_read_as_gbk() {
    let w = Work::bishan();
    // `/` written overlong (C0 AF), and a surrogate (ED A0 80): UTF-8 in
    // shape, refused; read as GBK they would be stored as other characters.
    let mut bytes = b"kpi,period,value,note\nbuilt_up_area,2019Q4,25,a".to_vec();
    bytes.extend([0xC0, 0xAF, b'b', 0xED, 0xA0, 0x80, b'\n']);
    w.write("broken.csv", &bytes);
    refused(
        &w.run_within(10, &["ingest", "broken.csv"]),
        "line 2 holds an overlong or surrogate UTF-8 sequence",
    );
    // GBK (年报) is still read as GBK.
    let mut gbk = b"kpi,period,value,note\nbuilt_up_area,2019Q4,25,".to_vec();
    gbk.extend([0xC4, 0xEA, 0xB1, 0xA8, b'\n']);
    w.write("gbk.csv", &gbk);
    w.run_within(10, &["ingest", "gbk.csv"]).expect(0);
    let stored = std::fs::read_to_string(w.path("data/bishan-2022/actuals.csv")).unwrap();
    assert!(stored.contains(",年报,"), "{stored}");
}

#[test]
fn a_closed_standard_error_is_a_quiet_exit_2() {
    // Its reader gone, standard error fails with a broken pipe: that was a
    // panic and exit 101.
    let w = Work::bishan();
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = crate::support::process()
        .current_dir(w.dir.path())
        .args(["status", "--plan", "nowhere"])
        .stdout(std::process::Stdio::null())
        .stderr(writer)
        .status()
        .unwrap();
    assert_eq!(out.code(), Some(2));
}

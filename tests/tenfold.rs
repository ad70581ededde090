//! What a terminal is shown, and how long hostile sizes take: every text
//! from a plan, a store or an argument with its hidden characters as codes
//! (or refused where it enters), and each piece of work that was quadratic
//! tried at ten times the size that exposed it, under a time limit (debug
//! builds, on the project's 2-core machines: each takes 1 to 3 s).

use std::time::{Duration, Instant};

use crate::support::Work;

/// Runs `args` in `w`, and says how long it took.
fn timed(w: &Work, args: &[&str]) -> (crate::support::Run, Duration) {
    let start = Instant::now();
    let r = w.run_within(120, args);
    (r, start.elapsed())
}

/// The shipped plan with `change` made to its text.
fn bishan_with(change: impl Fn(&str) -> String) -> Work {
    let w = Work::bishan();
    let plan = std::fs::read_to_string(w.path("targets/bishan-2022.json")).unwrap();
    w.write("targets/bishan-2022.json", change(&plan));
    w
}

#[test]
fn hidden_characters_in_a_plan_are_refused_where_they_enter() {
    // A right-to-left override, a zero-width space, a carriage return: each
    // was printed raw by `status`.
    for (hidden, code) in [
        ("\\u202e", "\\u{202e}"),
        ("\\u200b", "\\u{200b}"),
        ("\\r", "\\u{d}"),
    ] {
        let w = bishan_with(|p| {
            p.replacen(
                "\"name\": \"Built-up area\"",
                &format!("\"name\": \"Built-up{hidden} area\""),
                1,
            )
        });
        let r = w.run_within(30, &["status"]);
        assert_eq!(r.code, 2, "{r:?}");
        assert!(r.stderr.contains(code), "{code}\n{r:?}");
        assert!(
            !r.stdout.contains('\u{202e}') && !r.stderr.contains('\u{202e}'),
            "{r:?}"
        );
    }
}

#[test]
fn hidden_characters_in_the_store_are_refused() {
    let w = Work::bishan();
    w.write(
        "data/bishan-2022/actuals.csv",
        "kpi,period,value,unit,basis,scope,source,note,yoy\nbuilt_up_area,2019Q4,25,km²,level,zone,SYNTHETIC,\"a\rb\",\n",
    );
    let r = w.run_within(30, &["status"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr
            .contains("the note holds a control character (\\u{d})"),
        "{r:?}"
    );
    w.write(
        "data/bishan-2022/actuals.csv",
        "kpi,period,value,unit,basis,scope,source,note,yoy\nbuilt_up_area,2019Q4,25,km²,level,zone,SYNTHETIC,a\u{2067}b,\n",
    );
    let r = w.run_within(30, &["status"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr
            .contains("the note holds an invisible character (\\u{2067})"),
        "{r:?}"
    );
}

#[test]
fn an_escape_in_an_argument_is_shown_as_its_code() {
    let w = Work::bishan();
    let r = w.run_within(60, &["report", "--out", "x\u{1b}[2J.md"]);
    r.expect(0);
    assert!(
        !r.stdout.contains('\u{1b}') && !r.stderr.contains('\u{1b}'),
        "{r:?}"
    );
    assert!(r.stdout.contains("x\\u{1b}[2J.md"), "{r:?}");
}

#[test]
fn a_name_of_31_characters_ending_in_an_apostrophe_makes_a_workbook() {
    // Cut to Excel's 31 characters, the sheet name ended in `'`, which Excel
    // refuses: `report --out r.xlsx` failed.
    let name = format!("{}'s area", "A".repeat(30));
    let w = bishan_with(|p| {
        p.replacen(
            "\"name\": \"Built-up area\"",
            &format!("\"name\": \"{name}\""),
            1,
        )
    });
    let r = w.run_within(60, &["report", "--out", "r.xlsx"]);
    assert_eq!(r.code, 0, "{r:?}");
}

#[test]
fn a_hundred_thousand_broken_milestones_are_located_in_time() {
    // 10,000 took 28 s: each problem searched the whole plan again.
    let milestones: Vec<String> = (0..100_000)
        .map(|i| format!(r#"{{"period":"2021Q{}","value":-1}}"#, 1 + i % 4))
        .collect();
    let w = Work::new();
    w.write(
        "targets/p.json",
        format!(
            r#"{{"id":"p","name":"P","source":"test fixture","scope":"zone","baseline_period":"2020Q4","target_period":"2025Q4",
              "kpis":[{{"id":"a","name":"A","unit":"亿元","kind":"level","direction":"increase",
              "baseline":{{"value":1}},"target":{{"value":2}},"milestones":[{}]}}]}}"#,
            milestones.join(",")
        ),
    );
    let (r, took) = timed(&w, &["validate"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("more like these"), "{r:?}");
    assert!(took < Duration::from_secs(20), "{took:?}");
}

#[test]
fn a_note_of_a_megabyte_is_shown_by_history_in_time() {
    // 100 KB took 10.7 s to wrap.
    let w = Work::bishan();
    let note = "长备注 ".repeat(250_000);
    w.write(
        "data/bishan-2022/actuals.csv",
        format!("kpi,period,value,unit,basis,scope,source,note,yoy\nbuilt_up_area,2019Q4,25,km²,level,zone,SYNTHETIC,{note},\n"),
    );
    let (r, took) = timed(&w, &["history", "built_up_area"]);
    r.expect(0);
    assert!(took < Duration::from_secs(20), "{took:?}");
}

#[test]
fn three_hundred_thousand_scopes_are_reported_and_charted_in_time() {
    // 30,000 took `report` 2.5 s (release): each scope's points were sought
    // among all of them, and the font read once per scope.
    let w = Work::bishan();
    let mut store = String::from("kpi,period,value,unit,basis,scope,source,note,yoy\n");
    for i in 0..300_000 {
        store.push_str(&format!(
            "built_up_area,2019Q4,25,km²,level,park {i},SYNTHETIC,,\n"
        ));
    }
    w.write("data/bishan-2022/actuals.csv", store);
    let (r, took) = timed(&w, &["report", "--out", "r.html"]);
    r.expect(0);
    assert!(took < Duration::from_secs(30), "{took:?}");
    let (r, took) = timed(&w, &["chart", "--out", "charts"]);
    r.expect(0);
    assert!(took < Duration::from_secs(30), "{took:?}");
}

#[test]
fn a_scope_of_300000_characters_is_charted_in_time_and_a_name_that_long_refused() {
    // A 30,000-character name took `chart` 30 s: its label was measured
    // again for each character dropped.
    let w = Work::bishan();
    let scope = "园区".repeat(150_000);
    w.write(
        "data/bishan-2022/actuals.csv",
        format!("kpi,period,value,unit,basis,scope,source,note,yoy\nbuilt_up_area,2019Q4,25,km²,level,{scope},SYNTHETIC,,\n"),
    );
    let (r, took) = timed(&w, &["chart", "--out", "charts"]);
    r.expect(0);
    assert!(took < Duration::from_secs(30), "{took:?}");
    let long = "工业".repeat(150_000);
    let w = bishan_with(|p| {
        p.replacen(
            "\"name\": \"Built-up area\"",
            &format!("\"name\": \"{long}\""),
            1,
        )
    });
    let (r, took) = timed(&w, &["report", "--out", "r.html"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr
            .contains("is 300000 characters long, more than the 200 a name may have"),
        "{r:?}"
    );
    assert!(took < Duration::from_secs(20), "{took:?}");
}

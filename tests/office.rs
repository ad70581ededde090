//! The report as an Excel workbook and a Word document, read back: every KPI
//! present, every figure equal to `status --format json`, status fills,
//! one native chart per KPI with figures, a picture per KPI at print
//! resolution, Word's heading styles and East Asian fonts; and, where
//! LibreOffice is installed (CI installs it), both converted to PDF.

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use serde_json::Value;

use crate::support::{Run, Work, plantrack, root};

const SYNTHETIC: [&str; 4] = [
    "--plan",
    "examples/synthetic-zone/targets",
    "--data",
    "examples/synthetic-zone/data",
];

fn run(args: &[&str]) -> Run {
    Run::of(plantrack().current_dir(root()).args(args), root(), args)
}

/// The synthetic example's status as JSON.
fn status() -> Value {
    let r = run(&[&["status", "--format", "json"][..], &SYNTHETIC].concat());
    r.expect(0);
    serde_json::from_str(&r.stdout).expect("status JSON")
}

/// Every file of a zip archive: (name, bytes).
fn unzip(path: &Path) -> Vec<(String, Vec<u8>)> {
    let file = std::fs::File::open(path).expect("the file");
    let mut zip = zip::ZipArchive::new(file).expect("a zip archive");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("an entry");
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).expect("its bytes");
            (f.name().unwrap().to_string(), bytes)
        })
        .collect()
}

fn part(files: &[(String, Vec<u8>)], name: &str) -> String {
    let (_, bytes) = files.iter().find(|(n, _)| n == name).expect(name);
    String::from_utf8(bytes.clone()).expect("XML is UTF-8")
}

fn number(v: &Value) -> Option<f64> {
    v.as_f64()
}

#[test]
fn the_workbook_holds_every_kpi_with_the_status_figures() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.xlsx");
    let out = path.to_str().unwrap();
    run(&[&["report", "--out", out][..], &SYNTHETIC].concat()).expect(0);
    let json = status();
    let kpis = json["kpis"].as_array().unwrap();

    let mut book: Xlsx<_> = calamine::open_workbook(&path).expect("the workbook opens");
    let names = book.sheet_names();
    // The completion table first, then the status in detail.
    assert_eq!(names.first().map(String::as_str), Some("Completion"));
    assert_eq!(names.get(1).map(String::as_str), Some("Status"));
    assert_eq!(
        names.last().map(String::as_str),
        Some("Sources and revisions")
    );
    assert_eq!(names.len(), kpis.len() + 3, "{names:?}");
    let sheet = book.worksheet_range("Status").unwrap();
    // Row 5 (0-based 4) is the header; a row per KPI under it.
    let header: Vec<String> = (0..20)
        .map(|c| sheet.get((4, c)).map_or(String::new(), |d| d.to_string()))
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    for (i, k) in kpis.iter().enumerate() {
        let row = 5 + i;
        let cell = |c: usize| sheet.get((row, c)).cloned().unwrap_or(Data::Empty);
        assert_eq!(cell(0).to_string(), k["name"].as_str().unwrap());
        let figures = [
            ("Latest value", number(&k["latest"]["value"])),
            ("Target", number(&k["target"]["value"])),
            ("Gap", number(&k["gap"])),
            ("Gap %", number(&k["gap_pct"]).map(|p| p / 100.0)),
            ("Completion", number(&k["completion"])),
            ("Time gone", number(&k["time_elapsed"])),
            ("Growth ratio", number(&k["growth_ratio"])),
            ("Projected", number(&k["projected"])),
            (
                "Growth on a year earlier",
                number(&k["yoy"]["pct"]).map(|p| p / 100.0),
            ),
        ];
        for (name, want) in figures {
            match (cell(col(name)), want) {
                // The workbook keeps every digit; status JSON twelve.
                (Data::Float(got), Some(want)) => {
                    let close = (got - want).abs() <= 1e-11 * want.abs().max(1.0);
                    assert!(close, "{} {name}: {got} against {want}", k["id"]);
                }
                (Data::Empty, None) => {}
                (got, want) => panic!("{} {name}: cell {got:?}, status {want:?}", k["id"]),
            }
        }
        // The status as a reader names it; a leader's workbook has no
        // status codes (issue 23: no tool artefacts in documents).
        let status = cell(col("Status")).to_string();
        assert_eq!(status.replace(' ', "_"), k["status"].as_str().unwrap());
        assert!(!header.iter().any(|h| h == "Status (id)"));
    }
    let files = unzip(&path);
    // Each status is filled in its colour.
    let styles = part(&files, "xl/styles.xml");
    for k in kpis {
        let status: plantrack::core::status::Status =
            k["status"].as_str().unwrap().parse().unwrap();
        let fill = plantrack::output::palette::hex(plantrack::output::palette::status_tint(status));
        assert!(
            styles.contains(&format!("FF{fill}")),
            "no fill {fill} for {}",
            k["id"]
        );
    }
    // One native chart per KPI sheet that has figures, each reading its sheet.
    let charts: Vec<&(String, Vec<u8>)> = files
        .iter()
        .filter(|(n, _)| n.starts_with("xl/charts/chart"))
        .collect();
    let mut with_figures = 0;
    for name in &names[2..names.len() - 1] {
        let range = book.worksheet_range(name).unwrap();
        if range.get((4, 0)).is_some_and(|d| *d != Data::Empty) {
            with_figures += 1;
            let xml_name = name.replace('&', "&amp;");
            // A flow's chart reads its annual equivalent (column C, beside
            // the year-to-date total as published); any other KPI's, B.
            let reads = |col: &str| {
                let quoted = format!("'{xml_name}'!${col}$5");
                let plain = format!("{xml_name}!${col}$5");
                charts.iter().any(|(_, x)| {
                    let x = String::from_utf8_lossy(x);
                    x.contains(&quoted) || x.contains(&plain)
                })
            };
            assert!(reads("B") || reads("C"), "no chart reads the sheet {name}");
        }
    }
    assert!(with_figures >= 5, "{with_figures}");
    assert_eq!(charts.len(), with_figures);
}

#[test]
fn no_text_in_the_workbook_runs_as_a_formula() {
    let w = Work::new();
    w.write(
        "targets/p.json",
        r#"{"id": "p", "name": "=HYPERLINK(\"http://example.invalid\")", "source": "@SUM(A1)",
            "scope": "zone", "baseline_period": "2020Q4", "target_period": "2022Q4",
            "kpis": [{"id": "x", "name": "=1+1", "unit": "+u", "kind": "level",
                      "direction": "increase", "baseline": {"value": 1}, "target": {"value": 2}}]}"#,
    );
    w.write(
        "data/p/actuals.csv",
        "kpi,period,value,source\nx,2021Q4,1.5,-2+3\n",
    );
    w.run(&["report", "--out", "r.xlsx"]).expect(0);
    let files = unzip(&w.path("r.xlsx"));
    for (name, bytes) in &files {
        if name.starts_with("xl/worksheets/") {
            let xml = String::from_utf8_lossy(bytes);
            assert!(!xml.contains("<f>"), "a formula in {name}");
        }
    }
    let mut book: Xlsx<_> = calamine::open_workbook(w.path("r.xlsx")).unwrap();
    let sheet = book.worksheet_range("Status").unwrap();
    assert_eq!(sheet.get((5, 0)), Some(&Data::String("=1+1".to_string())));
}

#[test]
fn the_document_has_headings_a_shaded_table_and_a_picture_per_kpi() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.docx");
    let out = path.to_str().unwrap();
    run(&[&["report", "--out", out][..], &SYNTHETIC].concat()).expect(0);
    let json = status();
    let kpis = json["kpis"].as_array().unwrap();
    let files = unzip(&path);
    let document = part(&files, "word/document.xml");
    // Parsed as XML: paragraphs by style, table cells' fills, the text.
    let mut reader = quick_xml::Reader::from_str(&document);
    let (mut styles, mut fills, mut text) = (Vec::new(), Vec::new(), String::new());
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let attr = |key: &[u8]| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == key)
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                };
                match e.name().as_ref() {
                    b"w:pStyle" => styles.extend(attr(b"w:val")),
                    b"w:shd" => fills.extend(attr(b"w:fill")),
                    _ => {}
                }
            }
            quick_xml::events::Event::Text(t) => {
                text.push_str(&t.decode().unwrap_or_default());
            }
            // An entity comes as its own event: `R&amp;D` is R, &, D.
            quick_xml::events::Event::GeneralRef(r) => {
                text.push_str(match r.decode().unwrap_or_default().as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    _ => "'",
                });
            }
            quick_xml::events::Event::End(e) if e.name().as_ref() == b"w:p" => text.push('\n'),
            _ => {}
        }
    }
    let count = |s: &str| styles.iter().filter(|x| *x == s).count();
    assert_eq!(count("Title"), 1);
    assert_eq!(
        count("Heading1"),
        5,
        "Completion, Status, Each KPI, Data sources, Revisions"
    );
    assert_eq!(
        count("Heading2"),
        kpis.len() + 1,
        "each KPI and completion against time"
    );
    for k in kpis {
        assert!(text.contains(k["name"].as_str().unwrap()), "{}", k["id"]);
        let status: plantrack::core::status::Status =
            k["status"].as_str().unwrap().parse().unwrap();
        let fill = plantrack::output::palette::hex(plantrack::output::palette::status_tint(status));
        assert!(
            fills.contains(&fill),
            "no cell shaded {fill} for {}",
            k["id"]
        );
    }
    // A picture per KPI, the flow's 柱线图 and the progress bars, each 1890
    // pixels across: 300 dots an inch over 16 cm.
    let media: Vec<&(String, Vec<u8>)> = files
        .iter()
        .filter(|(n, _)| n.starts_with("word/media/") && !n.ends_with('/'))
        .collect();
    assert_eq!(media.len(), kpis.len() + 2);
    for (name, png) in media {
        let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
        assert_eq!(width, 1890, "{name}");
    }
    // Headings and body declare East Asian fonts Word and WPS know.
    let styles = part(&files, "word/styles.xml");
    assert!(styles.contains("w:eastAsia=\"SimHei\""), "{styles}");
    assert!(styles.contains("w:eastAsia=\"SimSun\""), "{styles}");
    assert!(styles.contains("w:outlineLvl w:val=\"0\""), "{styles}");
}

/// LibreOffice's command, where it is installed.
fn soffice() -> Option<&'static str> {
    ["soffice", "libreoffice"].into_iter().find(|c| {
        std::process::Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

#[test]
fn both_files_open_in_libreoffice_as_a_report() {
    let Some(soffice) = soffice() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI installs LibreOffice (.ci/run)"
        );
        eprintln!("no LibreOffice on this machine: skipped here; CI installs it");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for ext in ["docx", "xlsx"] {
        let file = dir.path().join(format!("r.{ext}"));
        run(&[&["report", "--out", file.to_str().unwrap()][..], &SYNTHETIC].concat()).expect(0);
        let profile = format!("file://{}", dir.path().join("profile").display());
        let converted = std::process::Command::new(soffice)
            .arg(format!("-env:UserInstallation={profile}"))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(dir.path())
            .arg(&file)
            .output()
            .expect("LibreOffice runs");
        assert!(converted.status.success(), "{converted:?}");
        let pdf = dir.path().join("r.pdf");
        let text = std::process::Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) runs");
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains("Synthetic zone 2024 plan"), "{ext}: {text}");
        assert!(text.contains("Industrial output"), "{ext}: {text}");
        let info = std::process::Command::new("pdfinfo")
            .arg(&pdf)
            .output()
            .unwrap();
        let pages: usize = String::from_utf8_lossy(&info.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0);
        // The document: the table, then six charts two a page, the sources.
        let least = if ext == "docx" { 3 } else { 2 };
        assert!(pages >= least, "{ext}: {pages} pages");
        std::fs::remove_file(&pdf).unwrap();
    }
}

#[test]
fn the_chinese_workbook_counts_money_in_yi_yuan_and_dates_as_a_bureau() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.xlsx");
    let out = path.to_str().unwrap();
    run(&[&["report", "--lang", "zh", "--out", out][..], &SYNTHETIC].concat()).expect(0);
    let mut book: Xlsx<_> = calamine::open_workbook(&path).expect("the workbook opens");
    let names = book.sheet_names();
    assert_eq!(names.first().map(String::as_str), Some("完成情况表"));
    assert_eq!(names.get(1).map(String::as_str), Some("指标状态"));
    let sheet = book.worksheet_range("指标状态").unwrap();
    let header: Vec<String> = (0..20)
        .map(|c| sheet.get((4, c)).map_or(String::new(), |d| d.to_string()))
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    // The first KPI, industrial output: 93 billion yuan published for
    // 2022年1-9月 is 930亿元; its annual equivalent 125 is 1250亿元, the
    // target 200 is 2000亿元, the gap -75 is -750亿元; the gap in percent,
    // -37.5 %, does not change with the unit.
    let cell = |c: usize| sheet.get((5, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(cell(col("单位")).to_string(), "亿元");
    assert_eq!(cell(col("期间")).to_string(), "2022年1-9月");
    for (name, want) in [
        ("最新值", 1250.0),
        ("公布值（年内累计）", 930.0),
        ("目标值", 2000.0),
        ("差距", -750.0),
        ("差距率", -0.375),
    ] {
        assert_eq!(cell(col(name)), Data::Float(want), "{name}");
    }
    // A figure in another unit is as the plan gives it: 2.3 %.
    let rd = (5..12)
        .find(|&r| {
            sheet
                .get((r, 1))
                .is_some_and(|d| *d == Data::String("%".into()))
        })
        .expect("the R&D row");
    assert_eq!(
        sheet.get((rd, col("最新值"))).cloned(),
        Some(Data::Float(2.3))
    );
    // The KPI's own sheet: periods as a bureau writes them, money in 亿元,
    // and what each published figure is, in Chinese.
    let kpi = book.worksheet_range(&names[2]).unwrap();
    assert_eq!(kpi.get((0, 0)).unwrap().to_string(), "工业总产值（亿元）");
    let text: Vec<String> = kpi.cells().map(|(_, _, d)| d.to_string()).collect();
    for words in ["2020年", "2022年1-9月", "年内累计"] {
        assert!(text.iter().any(|t| t == words), "{words} in {text:?}");
    }
    assert!(
        !text.iter().any(|t| t == "ytd" || t.contains("Q3")),
        "{text:?}"
    );
    // 93 billion yuan as published is 930亿元, shown with no decimals.
    let files = unzip(&path);
    let styles = part(&files, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"#,##0\""), "{styles}");
    assert!(kpi.cells().any(|(_, _, d)| *d == Data::Float(930.0)));
    // Published first: the year-to-date 930 in column B, its annual
    // equivalent by the trailing four quarters, 93 + (112 - 80) = 125
    // billion yuan (1,250亿元), beside it, an estimate, named so; the plan,
    // a year's total, only at a year's end.
    assert_eq!(kpi.get((3, 1)).unwrap().to_string(), "公布值（年内累计）");
    assert_eq!(kpi.get((3, 2)).unwrap().to_string(), "折合全年（估算）");
    let row = (4..40)
        .find(|&r| {
            kpi.get((r, 0))
                .is_some_and(|d| *d == Data::String("2022年1-9月".into()))
        })
        .expect("the 2022年1-9月 row");
    assert_eq!(kpi.get((row, 1)), Some(&Data::Float(930.0)));
    assert_eq!(kpi.get((row, 2)), Some(&Data::Float(1250.0)));
    assert!(kpi.get((row, 3)).is_none_or(|d| *d == Data::Empty));
}

#[test]
fn the_documents_status_cells_break_between_a_figure_and_its_bracket() {
    for (lang, figure, bracket) in [
        ("zh", "1,250*", "（2022年1-9月，累计930）"),
        ("en", "125*", "(2022Q3, 93 ytd)"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.docx");
        let out = path.to_str().unwrap();
        run(&[&["report", "--lang", lang, "--out", out][..], &SYNTHETIC].concat()).expect(0);
        let document = part(&unzip(&path), "word/document.xml");
        // The figure, a line break, then its bracket, in one run.
        let broken = format!(
            "{figure}</w:t><w:br w:type=\"textWrapping\" /><w:t xml:space=\"preserve\">{bracket}"
        );
        assert!(document.contains(&broken), "{lang}: {broken} in {document}");
    }
}

//! Every command speaks Chinese to a Chinese plan: each command and each
//! format for people (table, Markdown, the report as Markdown, HTML, Word
//! and Excel, charts, the summaries of ingest and validate), run with no
//! `--lang` on a plan that says `"lang": "zh"`, prints no English sentence.
//! (JSON and CSV are formats for programs: their keys are English by their
//! schema.) Every problem an office meets is said in Chinese too, but for
//! what it quotes from the user's files.

use std::io::Read;

use crate::support::{Run, Work, root};

/// Two or more English words in a row (`nothing was written`, `as of`):
/// the start of an English sentence. A word is two or more ASCII letters;
/// an id the user typed (`industrial_output`, `example-zone`) or a file's
/// path (`data/x/actuals.csv`) is one token, no word; between two words of a sentence stand only spaces and English
/// punctuation. A single word is none (`UTC`, a unit), unless it is one
/// only English writes (`wrote`, `bytes`, `of`).
pub fn english_sentences(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let mut token = String::new();
    let mut joins = true;
    let end = |run: &mut Vec<String>, found: &mut Vec<String>| {
        let plain = |w: &String| ENGLISH.contains(&w.to_ascii_lowercase().as_str());
        if run.len() >= 2 || run.iter().any(plain) {
            found.push(run.join(" "));
        }
        run.clear();
    };
    for c in text.chars().chain(std::iter::once('\n')) {
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/') {
            token.push(c);
            continue;
        }
        if !token.is_empty() {
            let t = token.trim_end_matches('.');
            let word = t.len() >= 2 && t.chars().all(|c| c.is_ascii_alphabetic());
            if !word || !joins {
                end(&mut run, &mut found);
            }
            if word {
                run.push(t.to_string());
            }
            token.clear();
            joins = true;
        }
        if !matches!(
            c,
            ' ' | ',' | ';' | ':' | '(' | ')' | '.' | '\'' | '?' | '!'
        ) {
            joins = false;
            end(&mut run, &mut found);
        }
    }
    found
}

/// English words no Chinese sentence needs, each a sentence's sign alone.
const ENGLISH: &[&str] = &[
    "the",
    "of",
    "and",
    "or",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "as",
    "is",
    "was",
    "are",
    "not",
    "no",
    "none",
    "wrote",
    "bytes",
    "written",
    "read",
    "error",
    "errors",
    "warning",
    "warnings",
    "added",
    "revised",
    "unchanged",
];

/// What the plan itself says in English (its `source` is data, shown as
/// written), and the command names a reader is pointed to.
const ALLOWED: &[&str] = &[
    "SYNTHETIC: invented for the README tour; not a real plan",
    "plantrack explain",
    "plantrack ingest",
    "plantrack validate",
];

/// `text` without what is allowed, then checked: no English sentence, and
/// no Latin word at all but an id or a path the user typed (a token with a
/// digit, `_`, `-`, `.` or `/` in it) and the few `LATIN` allows.
fn assert_chinese(what: &str, text: &str) {
    let mut text = text.to_string();
    for a in ALLOWED {
        text = text.replace(a, " ");
    }
    let found = english_sentences(&text);
    assert!(
        found.is_empty(),
        "{what} has English sentences: {found:?}\n---\n{text}"
    );
    let words = latin_words(&text);
    assert!(
        words.is_empty(),
        "{what} has Latin words: {words:?}\n---\n{text}"
    );
}

/// The Latin words a Chinese output may hold: a formula's variables in
/// `explain` (xt, xa, xb).
const LATIN: &[&str] = &["xt", "xa", "xb"];

/// Every word of two or more ASCII letters, not an id, a path or `LATIN`.
pub fn latin_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/')))
        .map(|t| t.trim_end_matches('.'))
        .filter(|t| t.len() >= 2 && t.chars().all(|c| c.is_ascii_alphabetic()))
        .filter(|t| !LATIN.contains(t))
        .map(str::to_string)
        .collect()
}

fn assert_run_chinese(r: &Run) {
    r.expect(0);
    assert_chinese(&r.what, &r.stdout);
    assert_chinese(&format!("{} (stderr)", r.what), &r.stderr);
}

/// The texts of an office file's XML parts whose names start with `part`.
fn office_text(path: &std::path::Path, part: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        if !entry.name().unwrap().starts_with(part) || !entry.name().unwrap().ends_with(".xml") {
            continue;
        }
        let mut xml = String::new();
        entry.read_to_string(&mut xml).unwrap();
        out.push_str(&xml_text(&xml));
        out.push('\n');
    }
    out
}

/// The text between an XML document's tags, each run on its own line.
fn xml_text(xml: &str) -> String {
    let mut out = String::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Text(t)) => {
                out.push_str(&t.decode().unwrap());
                out.push('\n');
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// An HTML page's text: tags, the style sheet and attributes left out.
fn html_text(html: &str) -> String {
    let html = match (html.find("<style>"), html.find("</style>")) {
        (Some(a), Some(b)) => format!("{}{}", &html[..a], &html[b..]),
        _ => html.to_string(),
    };
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push('\n');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

#[test]
fn the_detector_finds_english_sentences_and_passes_chinese() {
    assert_eq!(
        english_sentences("plantrack: 1 error(s); nothing was assessed"),
        ["error", "nothing was assessed"]
    );
    assert!(
        english_sentences("工业总产值（亿元）：正常推进（增速比 1.925），截至2025年").is_empty()
    );
    assert!(english_sentences("example-zone/industrial_output 通过 UTC 2025Q1").is_empty());
    assert_eq!(
        english_sentences("wrote ch/a.png (1 bytes)"),
        ["wrote", "bytes"]
    );
    assert_eq!(english_sentences("as of 2022Q1"), ["as of"]);
}

#[test]
fn every_command_speaks_chinese_to_a_chinese_plan() {
    let w = Work::new();
    // The plan's own words in Chinese too: its source, quoted in the
    // report, is the user's text, not the tool's.
    let plan = std::fs::read_to_string(root().join("examples/example-zone/example-zone.json"))
        .unwrap()
        .replacen("\"name\":", "\"lang\": \"zh\",\n  \"name\":", 1)
        .replace(
            "SYNTHETIC: invented for the README tour; not a real plan",
            "虚构数据，仅供演示，并非真实规划",
        );
    w.write("targets/example-zone.json", plan);
    for sheet in ["2025年一季度.csv", "2025年1-6月份统计表.csv"] {
        std::fs::copy(
            root().join("examples/example-zone").join(sheet),
            w.path(sheet),
        )
        .unwrap();
    }
    assert_run_chinese(&w.run(&["ingest", "2025年一季度.csv", "--dry-run"]));
    assert_run_chinese(&w.run(&["ingest", "2025年一季度.csv"]));
    assert_run_chinese(&w.run(&["ingest", "2025年1-6月份统计表.csv"]));
    assert_run_chinese(&w.run(&["ingest", "2025年1-6月份统计表.csv"]));
    for format in ["table", "markdown"] {
        assert_run_chinese(&w.run(&["status", "--format", format]));
        assert_run_chinese(&w.run(&["status", "--detail", "--format", format]));
    }
    assert_run_chinese(&w.run(&["status", "--wide"]));
    assert_run_chinese(&w.run(&["check"]));
    for kpi in [
        "industrial_output",
        "rd_ratio",
        "firms_incubated",
        "platform_opened",
    ] {
        assert_run_chinese(&w.run(&["explain", kpi]));
        assert_run_chinese(&w.run(&["history", kpi]));
    }
    assert_run_chinese(&w.run(&["validate"]));
    assert_run_chinese(&w.run(&["chart", "--out", "charts"]));
    assert_run_chinese(&w.run(&["report"]));
    for out in ["r.md", "r.html", "r.docx", "r.xlsx"] {
        assert_run_chinese(&w.run(&["report", "--out", out]));
    }
    assert_chinese("r.md", &std::fs::read_to_string(w.path("r.md")).unwrap());
    assert_chinese(
        "r.html",
        &html_text(&std::fs::read_to_string(w.path("r.html")).unwrap()),
    );
    assert_chinese("r.docx", &office_text(&w.path("r.docx"), "word/document"));
    assert_chinese(
        "r.xlsx",
        &office_text(&w.path("r.xlsx"), "xl/sharedStrings"),
    );
    // A document for leaders carries no tool artefacts: no command, no UTC
    // time, no period in the tool's notation (2025Q1).
    for (name, text) in [
        ("r.md", std::fs::read_to_string(w.path("r.md")).unwrap()),
        (
            "r.html",
            html_text(&std::fs::read_to_string(w.path("r.html")).unwrap()),
        ),
        ("r.docx", office_text(&w.path("r.docx"), "word/document")),
        ("r.xlsx", office_text(&w.path("r.xlsx"), "xl/sharedStrings")),
    ] {
        for artefact in ["plantrack", "UTC", "2025Q1", "2025Q2", "2024Q4"] {
            assert!(!text.contains(artefact), "{name} says {artefact}:\n{text}");
        }
    }
    // The charts' own words (titles, axes, legends) as the SVG writes them.
    let svg = std::fs::read_to_string(w.path("charts/example-zone/industrial_output.svg")).unwrap();
    assert_chinese("industrial_output.svg", &svg_text(&svg));
    let svg = std::fs::read_to_string(w.path("charts/example-zone/progress.svg")).unwrap();
    assert_chinese("progress.svg", &svg_text(&svg));
}

/// The texts an SVG draws.
pub fn svg_text(svg: &str) -> String {
    let mut out = String::new();
    for part in svg.split("<text").skip(1) {
        if let Some(body) = part.split_once('>').map(|(_, b)| b)
            && let Some((text, _)) = body.split_once("</text>")
        {
            out.push_str(text);
            out.push('\n');
        }
    }
    out
}

#[test]
fn init_in_chinese_writes_a_chinese_skeleton_that_validate_reads() {
    let w = Work::new();
    let r = w.run(&[
        "init",
        "demo-zone",
        "--lang",
        "zh",
        "--baseline",
        "2024Q4",
        "--target",
        "2027Q4",
    ]);
    assert_run_chinese(&r);
    let plan = std::fs::read_to_string(w.path("targets/demo-zone.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&plan).unwrap();
    assert_eq!(v["lang"], "zh");
    assert_eq!(v["kpis"][0]["unit"], "亿元");
    assert_eq!(v["scopes_zh"]["zone"], "园区");
    // No English name anywhere: name_zh serves.
    assert!(v.get("name").is_none() && v["kpis"][0].get("name").is_none());
    // Every $comment is Chinese.
    let comments: Vec<&str> = plan
        .lines()
        .filter(|l| l.trim_start().starts_with("\"$comment\""))
        .collect();
    assert_eq!(comments.len(), 5);
    for c in comments {
        let plain = c
            .replace("plantrack validate", "")
            .replace("plantrack init", "");
        assert!(english_sentences(&plain).is_empty(), "{c}");
    }
    // validate reads it, and warns of what is still the skeleton's, in Chinese.
    let r = w.run(&["validate"]);
    r.expect(0);
    assert!(r.stdout.contains("0个错误，2个警告"), "{r:?}");
    assert!(
        r.stderr.contains("把 `plantrack init` 写入的每处“编辑”"),
        "{r:?}"
    );
    // English output shows the Chinese name the plan gives.
    let r = w.run(&["status", "--lang", "en"]);
    assert!(r.stdout.contains("工业总产值"), "{r:?}");
    // With neither name nor name_zh, a KPI is refused, in the plan's
    // language though the plan is refused.
    let bare = plan.replacen("\"name_zh\": \"工业总产值\",", "", 1);
    w.write("targets/demo-zone.json", bare);
    let r = w.run(&["validate"]);
    r.expect(2);
    assert!(
        r.stderr.contains("指标 `industrial_output` 没有名称"),
        "{r:?}"
    );
}

/// A problem's words, without what it quotes from the user's files: the
/// source lines shown, and texts in backticks or Chinese quotation marks.
fn problem_words(stderr: &str) -> String {
    let mut out = String::new();
    for line in stderr.lines() {
        if line.contains(['│', '╭', '╰', '·']) {
            continue; // a snippet of the file
        }
        let mut quoted = false;
        let mut chinese_quote = false;
        for c in line.chars() {
            match c {
                '`' => quoted = !quoted,
                '“' => chinese_quote = true,
                '”' => chinese_quote = false,
                c if !quoted && !chinese_quote => out.push(c),
                _ => {}
            }
        }
        out.push('\n');
    }
    out
}

/// Every problem a Chinese office meets, with `--lang zh`, is said in
/// Chinese: the message, what was expected, the hint and the last line;
/// only what it quotes (ids, file names, the file's own text) is not.
#[test]
fn every_problem_an_office_meets_is_said_in_chinese() {
    let w = Work::new();
    let plan =
        std::fs::read_to_string(root().join("examples/example-zone/example-zone.json")).unwrap();
    w.write("targets/example-zone.json", &plan);
    for sheet in ["2025年一季度.csv", "2025年1-6月份统计表.csv"] {
        std::fs::copy(
            root().join("examples/example-zone").join(sheet),
            w.path(sheet),
        )
        .unwrap();
        w.run(&["ingest", sheet]).expect(0);
    }
    let mut said: Vec<(String, Run)> = Vec::new();
    let mut try_ = |what: &str, r: Run| said.push((what.to_string(), r));
    // A unit slipped (万元 under an 亿元 header) and a fraction typed for a
    // percent, against the figures stored.
    w.write(
        "slip.csv",
        "示例区2025年1-9月份主要经济指标\n指标名称,计量单位,1-9月份\n工业总产值,亿元,4523000\n研发经费投入强度,%,0.032\n",
    );
    try_("unit slip", w.run(&["ingest", "slip.csv", "--lang", "zh"]));
    w.write(
        "same.csv",
        "示例区2025年1-6月份主要经济指标\n指标名称,计量单位,1-6月份\n工业总产值,亿元,452\n",
    );
    try_(
        "stored otherwise",
        w.run(&["ingest", "same.csv", "--lang", "zh"]),
    );
    w.write(
        "bad.csv",
        "kpi,period,value\nrd_ratio,2025Q9,abc\nnonesuch,2025Q1,1\n",
    );
    try_("bad cells", w.run(&["ingest", "bad.csv", "--lang", "zh"]));
    try_(
        "no plan",
        w.run(&["status", "--plan", "nowhere", "--lang", "zh"]),
    );
    try_(
        "no data",
        w.run(&["status", "--data", "nowhere", "--lang", "zh"]),
    );
    try_(
        "bad --out",
        w.run(&["report", "--out", "r.xyz", "--lang", "zh"]),
    );
    try_(
        "unknown KPI",
        w.run(&["explain", "nonesuch", "--lang", "zh"]),
    );
    for (what, broken) in [
        (
            "unknown variant",
            plan.replacen("\"kind\": \"flow\"", "\"kind\": \"stock\"", 1),
        ),
        (
            "unknown field",
            plan.replacen("\"kind\": \"flow\"", "\"kinds\": \"flow\"", 1),
        ),
        (
            "malformed JSON",
            plan.replacen("\"kind\": \"flow\",", "\"kind\": \"flow\"", 1),
        ),
        (
            "a rule",
            plan.replacen(
                "\"target_period\": \"2027Q4\"",
                "\"target_period\": \"2023Q4\"",
                1,
            ),
        ),
    ] {
        w.write("targets/example-zone.json", broken);
        try_(what, w.run(&["validate", "--lang", "zh"]));
    }
    w.write("targets/example-zone.json", &plan);
    let store = std::fs::read_to_string(w.path("data/example-zone/actuals.csv")).unwrap();
    w.write(
        "data/example-zone/actuals.csv",
        format!("{store}rd_ratio,2025Q3\n"),
    );
    try_("short row", w.run(&["status", "--lang", "zh"]));
    for (what, r) in &said {
        assert_eq!(r.code, 2, "{what}: {r:?}");
        let words = problem_words(&r.stderr);
        let found = english_sentences(&words);
        assert!(
            found.is_empty(),
            "{what}: English {found:?}\n---\n{}",
            r.stderr
        );
        assert!(r.stderr.contains('×'), "{what}: {r:?}");
    }
    // The two slips are named as such.
    let slip = &said[0].1.stderr;
    assert!(slip.contains("疑似表头为亿元，实际数据却是万元"), "{slip}");
    assert!(slip.contains("疑似把百分数录成了小数"), "{slip}");
}

/// A Chinese plan the run refuses still has its problems told in Chinese:
/// its `"lang": "zh"` is read from its text, with no `--lang` and an
/// English locale (the test's environment is empty).
#[test]
fn a_refused_chinese_plan_is_told_in_chinese() {
    let w = Work::new();
    let plan = std::fs::read_to_string(root().join(super::completion::PLAN)).unwrap();
    w.write(
        "targets/district-14th.json",
        plan.replacen("\"kind\": \"flow\"", "\"kind\": \"stock\"", 1),
    );
    let r = w.run(&["status"]);
    r.expect(2);
    assert!(r.stderr.contains("规划字段：未知取值 `stock`"), "{r:?}");
    assert!(r.stderr.contains("plantrack：1个错误"), "{r:?}");
}

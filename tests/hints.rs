//! Hints in Chinese: every hint written in the code has its Chinese in the
//! catalogue, and `--lang zh` (or a Chinese locale) gives it.

use crate::support::{Work, root};
use plantrack::problem::zh::HINTS;

/// The hint texts the code writes as a literal: after `.hint(`, `hint:
/// Some(` or `hint = Some(`, a string or a `format!` string, with each
/// `{…}` it fills made `{}`.
fn hints_in(source: &str) -> Vec<String> {
    literals_after(source, &[".hint(", "hint: Some(", "hint = Some("])
}

fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("src") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn every_hint_in_the_code_has_its_chinese() {
    let mut files = Vec::new();
    sources(&root().join("src"), &mut files);
    let mut seen = 0;
    let mut missing = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("source");
        // Tests' own hints are not shown to anyone.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for key in hints_in(code) {
            seen += 1;
            if !HINTS.iter().any(|(en, _)| *en == key) {
                missing.push(format!("{}: {key}", f.display()));
            }
        }
    }
    // The scan finds the hints it should (more than 60 today).
    assert!(seen > 60, "only {seen} hints found");
    assert!(
        missing.is_empty(),
        "no Chinese for:\n{}",
        missing.join("\n")
    );
}

#[test]
fn a_refusal_in_chinese_gives_its_hint_and_last_line_in_chinese() {
    let w = Work::bishan();
    w.write(
        "data/bishan-2022/actuals.csv",
        "kpi,period,value,unit,basis,scope,source,note,yoy\nrd_ratio,2018Q2,4.4%,%,level,zone,SYNTHETIC,,\n",
    );
    let zh = w.run(&["status", "--lang", "zh"]);
    zh.expect(2);
    for words in [
        "`4.4%` has a percent sign",
        "请把4.4%写作4.4：单位列已说明它是百分比",
        "plantrack：1个错误；未做评估，也未写入任何文件",
    ] {
        assert!(zh.stderr.contains(words), "{words}\n{zh:?}");
    }
    let en = w.run(&["status", "--lang", "en"]);
    en.expect(2);
    for words in [
        "write 4.4 for 4.4%: the unit column says it is a percentage",
        "plantrack: 1 error(s); nothing was assessed or written",
    ] {
        assert!(en.stderr.contains(words), "{words}\n{en:?}");
    }
    assert!(!en.stderr.contains("请把"), "{en:?}");
}

#[test]
fn did_you_mean_in_chinese() {
    let w = Work::bishan();
    let r = w.run(&["explain", "rd_ratoi", "--lang", "zh"]);
    r.expect(2);
    assert!(r.stderr.contains("是否想输入`rd_ratio`？"), "{r:?}");
}

/// The literal texts after any of `openers` in `source`: a string or a
/// `format!` string, each `{…}` it fills (`{n}`, `{}`, `{LIST}`) made `{}`.
fn literals_after(source: &str, openers: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for opener in openers {
        for (at, _) in source.match_indices(opener) {
            let rest = source[at + opener.len()..].trim_start();
            let rest = rest.strip_prefix("format!(").unwrap_or(rest).trim_start();
            let Some(body) = rest.strip_prefix('"') else {
                continue;
            };
            let mut text = String::new();
            let mut chars = body.chars();
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' => text.push(chars.next().unwrap_or('\\')),
                    c => text.push(c),
                }
            }
            let mut key = String::new();
            let mut inside = false;
            for c in text.chars() {
                match c {
                    '{' => inside = true,
                    '}' if inside => {
                        inside = false;
                        key.push_str("{}");
                    }
                    c if !inside => key.push(c),
                    _ => {}
                }
            }
            found.push(key);
        }
    }
    found
}

/// Every problem's message and what it expects, written in the code, is
/// said in Chinese by the phrase book (src/problem/messages.rs).
#[test]
fn every_message_in_the_code_has_its_chinese() {
    use plantrack::lang::Lang;
    use plantrack::problem::zh::{expected_in, message_in};
    let mut files = Vec::new();
    sources(&root().join("src"), &mut files);
    let (mut seen, mut missing) = (0, Vec::new());
    for f in files {
        let text = std::fs::read_to_string(&f).expect("source");
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let messages = literals_after(
            code,
            &[
                "Problem::error(",
                "Problem::warning(",
                ".with_message(",
                "message: ",
            ],
        );
        let expected = literals_after(code, &[".expected(", "expected: "]);
        for (key, said) in messages
            .iter()
            .map(|k| (k, message_in(Lang::Zh, k)))
            .chain(expected.iter().map(|k| (k, expected_in(Lang::Zh, k))))
        {
            // A text the code only passes on (`{}`) is said where it is made.
            if key.is_empty() || key == "{}" {
                continue;
            }
            seen += 1;
            if said == *key {
                missing.push(format!("{}: {key}", f.display()));
            }
        }
    }
    assert!(seen > 100, "only {seen} messages found");
    assert!(
        missing.is_empty(),
        "no Chinese for {} of {seen}:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

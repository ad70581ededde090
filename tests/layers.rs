//! The layers of docs/architecture.md hold: the core does no I/O and imports
//! no outer layer, chart and render do not import each other, and the store
//! does not import ingest. Read from the source, so a new import that breaks
//! a rule fails here.

use std::path::Path;

use crate::support::root;

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("a source file");
            out.push((path.display().to_string(), text));
        }
    }
    out
}

/// The lines of the files under `folder` (of src/) that hold any of `banned`.
fn offences(folder: &str, banned: &[&str]) -> Vec<String> {
    let files = sources(&root().join("src").join(folder));
    assert!(!files.is_empty(), "src/{folder} holds no source");
    let mut found = Vec::new();
    for (file, text) in &files {
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if let Some(b) = banned.iter().find(|b| code.contains(*b)) {
                found.push(format!("{file}:{}: `{b}` in {}", n + 1, line.trim()));
            }
        }
    }
    found
}

#[test]
fn the_core_is_pure_and_imports_no_outer_layer() {
    let banned = [
        "crate::intake",
        "crate::output",
        "crate::cmd",
        "crate::problem",
        "crate::files",
        "crate::text",
        "std::fs",
        "std::env",
        "std::io",
        "std::process",
        "std::net",
        "println!",
        "eprintln!",
        "print!(",
        "::now(",
    ];
    let found = offences("core", &banned);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn chart_and_render_do_not_import_each_other() {
    let found = offences("output/chart", &["output::render", "super::render"]);
    assert!(found.is_empty(), "{}", found.join("\n"));
    let found = offences("output/render", &["output::chart", "super::chart"]);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn ingest_feeds_the_store_and_never_the_other_way() {
    let found = offences("intake/store", &["intake::ingest", "super::ingest"]);
    assert!(found.is_empty(), "{}", found.join("\n"));
    let found = offences("intake", &["crate::cmd", "crate::output"]);
    assert!(found.is_empty(), "{}", found.join("\n"));
    let found = offences("output", &["crate::cmd", "crate::intake"]);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn problems_and_the_language_import_no_output() {
    // The words of a problem's hint are its own (problem/zh.rs); the
    // language is a layer's own too (src/lang.rs), so bad input is said
    // without the renderers, and no cycle runs through output.
    let found = offences("problem", &["crate::output", "crate::cmd"]);
    assert!(found.is_empty(), "{}", found.join("\n"));
    let lang = std::fs::read_to_string(root().join("src/lang.rs")).expect("src/lang.rs");
    for banned in [
        "crate::output",
        "crate::problem",
        "crate::cmd",
        "crate::intake",
    ] {
        assert!(!lang.contains(banned), "src/lang.rs imports {banned}");
    }
}

//! The HTML report in a real browser: headless Chromium loads it offline,
//! finds the table and every chart, logs no console message, prints it on
//! A4, and leaves a screenshot in target/artifacts/ for people to look at.
//! Skipped (with a note) where no Chromium is installed, except in CI, where
//! `.ci/run` installs Debian's `chromium`.

use crate::support::plantrack;
use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| {
            std::env::var_os("PATH")
                .map(|p| {
                    std::env::split_paths(&p)
                        .map(|d| d.join(name))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .find(|p| p.is_file())
}

/// Runs the browser headless, offline, on `page`; returns (stdout, stderr).
fn browse(browser: &Path, page: &Path, extra: &[&str]) -> (String, String) {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            // Offline: any attempt to fetch from a network fails.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--window-size=1000,1400",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The page's console messages, as Chromium logs them to standard error.
fn console(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.contains(":CONSOLE")).collect()
}

#[test]
fn the_html_report_opens_in_chromium() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the browser test: .ci/run installs chromium"
        );
        eprintln!("skipped: no chromium on this machine (apt-get install chromium)");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().unwrap();
    let page = work.path().join("report.html");
    let status = plantrack()
        .current_dir(root)
        .args(["report", "--out", page.to_str().unwrap()])
        .args([
            "--plan",
            "examples/synthetic-zone/targets",
            "--data",
            "examples/synthetic-zone/data",
        ])
        .output()
        .unwrap();
    assert!(status.status.success());

    // The checker itself can fail: a page that logs an error is caught.
    let bad = work.path().join("bad.html");
    std::fs::write(
        &bad,
        "<!DOCTYPE html><p>x</p><script>console.error('boom')</script>",
    )
    .unwrap();
    let (_, err) = browse(&browser, &bad, &["--dump-dom"]);
    assert_eq!(
        console(&err).len(),
        1,
        "the console check sees nothing: {err}"
    );

    // The DOM as the browser built it: the table and every chart are there.
    let (dom, err) = browse(&browser, &page, &["--dump-dom"]);
    assert!(
        console(&err).is_empty(),
        "console messages: {:?}",
        console(&err)
    );
    assert!(
        dom.contains("<table class=\"kpis\">"),
        "no table in the DOM"
    );
    assert_eq!(dom.matches("<tr id=\"row-").count(), 6);
    for id in [
        "output", "firms", "rd_ratio", "energy", "area", "platform", "progress",
    ] {
        let at = dom
            .find(&format!("data-kpi=\"{id}\""))
            .unwrap_or_else(|| panic!("no chart for {id} in the DOM"));
        assert!(dom[at..].contains("<svg"), "the chart for {id} has no SVG");
    }

    // Printed, it is A4 (595 x 842 points) and more than one page.
    let pdf = work.path().join("report.pdf");
    browse(
        &browser,
        &page,
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
        ],
    );
    let bytes = std::fs::read(&pdf).expect("a PDF");
    let text = String::from_utf8_lossy(&bytes);
    // Upright, but for the completion table's page, which is A4 across.
    let upright = text.matches("/MediaBox [0 0 594.95996 841.91998]").count();
    let across = text.matches("/MediaBox [0 0 841.91998 594.95996]").count();
    assert!(
        upright >= 2,
        "not A4 pages: {:?}",
        text.matches("/MediaBox").count()
    );
    assert_eq!(across, 1, "the completion table's page is A4 across");
    assert_eq!(
        text.matches("/MediaBox").count(),
        upright + across,
        "a page is not A4"
    );

    // A screenshot for people, kept as the test's artefact.
    let artefacts = root.join("target/artifacts");
    std::fs::create_dir_all(&artefacts).unwrap();
    let shot = artefacts.join("report.png");
    browse(
        &browser,
        &page,
        &[&format!("--screenshot={}", shot.display())],
    );
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 50_000,
        "an empty screenshot"
    );
}

//! `plantrack chart`: every file written, sizes, pixels where they must be,
//! byte-identical output, the CJK font rules, and names that cannot escape.

use crate::support::{Run, plantrack, root};
use std::path::{Path, PathBuf};

const SYNTHETIC: [&str; 4] = [
    "--plan",
    "examples/synthetic-zone/targets",
    "--data",
    "examples/synthetic-zone/data",
];

fn run(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = plantrack();
    cmd.current_dir(root()).args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    Run::of(&mut cmd, root(), args)
}

fn charts(out: &Path, extra: &[&str]) -> Run {
    let out = out.to_str().unwrap();
    run(
        &[&["chart", "--out", out][..], &SYNTHETIC, extra].concat(),
        &[],
    )
}

/// (width, height, RGB pixels) of a PNG.
fn decode(path: &PathBuf) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

/// Pixels of exactly `rgb`, as (x, y).
fn find(img: &(u32, u32, Vec<u8>), rgb: [u8; 3]) -> Vec<(u32, u32)> {
    let (w, _, px) = img;
    px.chunks(3)
        .enumerate()
        .filter(|(_, p)| *p == rgb)
        .map(|(i, _)| (i as u32 % w, i as u32 / w))
        .collect()
}

#[test]
fn every_chart_is_written_once_with_a_line_each() {
    let dir = tempfile::tempdir().unwrap();
    let r = charts(dir.path(), &[]);
    r.expect(0);
    let stems = [
        "output",
        "firms",
        "rd_ratio",
        "energy",
        "area",
        "platform",
        "output-ytd",
        "dashboard",
        "progress",
    ];
    for stem in stems {
        for ext in ["png", "svg"] {
            let path = dir
                .path()
                .join("synthetic-zone")
                .join(format!("{stem}.{ext}"));
            assert!(path.exists(), "{} missing", path.display());
            assert!(r.stdout.contains(&format!("wrote {}", path.display())));
        }
    }
    assert_eq!(r.stdout.lines().count(), 18);
    let (w, h, _) = decode(&dir.path().join("synthetic-zone/output.png"));
    assert_eq!((w, h), (1000, 600));
    let svg = std::fs::read_to_string(dir.path().join("synthetic-zone/output.svg")).unwrap();
    assert!(
        svg.starts_with("<svg") && svg.contains("width=\"1000\"") && svg.contains("height=\"600\"")
    );
    // Text a viewer can show with its own fonts; the status, axis and legend are there.
    assert!(svg.contains("font-family=\"Noto Sans, DejaVu Sans, Helvetica, Arial, sans-serif\""));
    for text in [
        "Industrial output",
        "needs acceleration",
        "billion yuan",
        "target 200 (2024Q4)",
        "projection at actual rate",
        "2023",
    ] {
        assert!(svg.contains(text), "SVG lacks {text:?}");
    }
    // --size and --format.
    let dir2 = tempfile::tempdir().unwrap();
    let r = charts(
        dir2.path(),
        &["--size", "800x500", "--format", "png", "--kpi", "firms"],
    );
    r.expect(0);
    assert_eq!(decode(&dir2.path().join("synthetic-zone/firms.png")).0, 800);
    assert!(!dir2.path().join("synthetic-zone/firms.svg").exists());
    assert!(!dir2.path().join("synthetic-zone/output.png").exists());
}

#[test]
fn pixels_are_where_they_must_be() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(charts(dir.path(), &[]).code, 0);
    let img = decode(&dir.path().join("synthetic-zone/output.png"));
    // The target marker (#6A1B9A): at the top right of the plot, where 200 by
    // 2024Q4 lies (the highest value, the last quarter), and in the legend.
    let target = find(&img, [0x6A, 0x1B, 0x9A]);
    let in_plot: Vec<_> = target.iter().filter(|(_, y)| *y < 540).collect();
    let (cx, cy) = in_plot.iter().fold((0, 0), |(a, b), (x, y)| (a + x, b + y));
    let (cx, cy) = (cx / in_plot.len() as u32, cy / in_plot.len() as u32);
    assert!(cx > 900 && cy < 200, "target marker centre at ({cx}, {cy})");
    assert!(
        target.iter().any(|(_, y)| *y > 550),
        "target swatch in the legend"
    );
    // Needs acceleration (#E69F00): the status marker and the projection.
    assert!(!find(&img, [0xE6, 0x9F, 0x00]).is_empty());
    // The background is white and nothing is drawn in the corners.
    assert_eq!(&img.2[0..3], &[255, 255, 255]);
    let energy = decode(&dir.path().join("synthetic-zone/energy.png"));
    assert!(
        !find(&energy, [0xCC, 0x79, 0xA7]).is_empty(),
        "deterioration colour"
    );
    assert!(
        find(&energy, [0xE6, 0x9F, 0x00]).is_empty(),
        "no needs-acceleration colour on a deteriorating KPI"
    );
}

#[test]
fn output_is_byte_identical_run_to_run() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    assert_eq!(charts(a.path(), &[]).code, 0);
    assert_eq!(charts(b.path(), &[]).code, 0);
    for e in std::fs::read_dir(a.path().join("synthetic-zone")).unwrap() {
        let name = e.unwrap().file_name();
        let x = std::fs::read(a.path().join("synthetic-zone").join(&name)).unwrap();
        let y = std::fs::read(b.path().join("synthetic-zone").join(&name)).unwrap();
        assert!(x == y, "{name:?} differs between runs");
    }
}

#[test]
fn the_progress_chart_svg_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(charts(dir.path(), &["--format", "svg"]).code, 0);
    let svg = std::fs::read_to_string(dir.path().join("synthetic-zone/progress.svg")).unwrap();
    insta::assert_snapshot!("synthetic_progress_svg", svg);
}

#[test]
fn chinese_charts_need_no_font_installed() {
    // No system font at all: the built-in Chinese font draws, in Chinese and
    // for Chinese names in an English chart.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let no_fonts = [("PLANTRACK_FONT_DIRS", "/nonexistent")];
    let r = run(
        &[&["chart", "--lang", "zh", "--out", out][..], &SYNTHETIC].concat(),
        &no_fonts,
    );
    r.expect(0);
    let svg = std::fs::read_to_string(dir.path().join("synthetic-zone/output.svg")).unwrap();
    assert!(
        svg.contains("工业总产值") && svg.contains("需加快"),
        "{svg}"
    );
    // Money as Chinese readers count it: the 200 billion yuan target is 2,000亿元.
    assert!(svg.contains("亿元") && !svg.contains("十亿元"), "{svg}");
    assert!(svg.contains("目标 2,000（2024年）"), "{svg}");
    assert!(
        svg.contains("font-family=\"Noto Sans CJK SC"),
        "the SVG names a CJK font"
    );
    let png = std::fs::read(dir.path().join("synthetic-zone/output.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
}

#[test]
fn chinese_names_in_an_english_chart_are_drawn_with_the_built_in_font() {
    let dir = tempfile::tempdir().unwrap();
    let plan =
        std::fs::read_to_string(root().join("examples/synthetic-zone/targets/synthetic-zone.json"))
            .unwrap()
            .replace("\"name\": \"Firms incubated\"", "\"name\": \"孵化企业\"");
    std::fs::create_dir_all(dir.path().join("t")).unwrap();
    std::fs::write(dir.path().join("t/p.json"), plan).unwrap();
    let t = dir.path().join("t");
    let out = dir.path().join("out");
    let args = [
        "chart",
        "--plan",
        t.to_str().unwrap(),
        "--data",
        "examples/synthetic-zone/data",
        "--out",
        out.to_str().unwrap(),
    ];
    run(&args, &[("PLANTRACK_FONT_DIRS", "/nonexistent")]).expect(0);
    let svg = std::fs::read_to_string(out.join("synthetic-zone/firms.svg")).unwrap();
    assert!(svg.contains("孵化企业"), "{svg}");
    // A character outside GB 2312 (𠀀, U+20000) with no system font to
    // draw it: refused, named, nothing written.
    let plan = std::fs::read_to_string(dir.path().join("t/p.json"))
        .unwrap()
        .replace("孵化企业", "孵化企业𠀀");
    std::fs::write(dir.path().join("t/p.json"), plan).unwrap();
    let out2 = dir.path().join("out2");
    let mut args = args.to_vec();
    let o = out2.to_str().unwrap().to_string();
    *args.last_mut().unwrap() = &o;
    let r = run(&args, &[("PLANTRACK_FONT_DIRS", "/nonexistent")]);
    r.expect(2);
    assert!(
        r.stderr
            .contains("no font to draw `𠀀` (U+20000) in \"孵化企业𠀀\""),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--font FILE"), "{}", r.stderr);
    assert!(!out2.exists());
    // A font given without Chinese is refused, named.
    let latin = root().join("assets/fonts/NotoSans-Regular.ttf");
    let r = run(
        &[
            &[
                "chart",
                "--lang",
                "zh",
                "--font",
                latin.to_str().unwrap(),
                "--out",
                &o,
            ][..],
            &SYNTHETIC,
        ]
        .concat(),
        &[],
    );
    r.expect(2);
    assert!(
        // Said in the run's language, Chinese here.
        r.stderr.contains("该字体没有中文字符"),
        "{}",
        r.stderr
    );
}

#[test]
fn ids_cannot_leave_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let plan =
        std::fs::read_to_string(root().join("examples/synthetic-zone/targets/synthetic-zone.json"))
            .unwrap()
            .replace("\"id\": \"synthetic-zone\"", "\"id\": \"../escape\"")
            .replace("\"id\": \"firms\"", "\"id\": \"../../firms\"");
    std::fs::create_dir_all(dir.path().join("t")).unwrap();
    std::fs::write(dir.path().join("t/p.json"), plan).unwrap();
    let out = dir.path().join("out");
    let r = run(
        &[
            "chart",
            "--plan",
            dir.path().join("t").to_str().unwrap(),
            "--data",
            "examples/synthetic-zone/data",
            "--out",
            out.to_str().unwrap(),
        ],
        &[],
    );
    r.expect(2);
    assert!(
        r.stderr
            .contains("plan id `../escape` may only hold a-z, 0-9, `_` and `-`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("KPI id `../../firms` may only hold a-z, 0-9 and `_`"),
        "{}",
        r.stderr
    );
    assert!(
        !out.exists()
            && !dir.path().join("escape").exists()
            && !dir.path().join("firms.png").exists()
    );
}

#[test]
fn bad_sizes_are_refused() {
    let r = run(&["chart", "--size", "10x10"], &[]);
    r.expect(2);
    assert!(
        r.stderr.contains("10x10 is outside 400x300 to 6000x6000"),
        "{}",
        r.stderr
    );
    let r = run(&["chart", "--size", "big"], &[]);
    r.expect(2);
    assert!(r.stderr.contains("`big` is not a size"));
}

#[test]
fn the_committed_bishan_charts_are_current() {
    // charts/ holds the rendered Bishan charts; they must be what the code
    // draws today (regenerate with `plantrack chart`).
    let dir = tempfile::tempdir().unwrap();
    let r = run(&["chart", "--out", dir.path().to_str().unwrap()], &[]);
    r.expect(0);
    for e in std::fs::read_dir(dir.path().join("bishan-2022")).unwrap() {
        let name = e.unwrap().file_name();
        let fresh = std::fs::read(dir.path().join("bishan-2022").join(&name)).unwrap();
        let committed =
            std::fs::read(root().join("charts/bishan-2022").join(&name)).unwrap_or_default();
        assert!(
            fresh == committed,
            "charts/bishan-2022/{name:?} is stale: run `plantrack chart`"
        );
    }
}

#[test]
fn a_failure_after_one_plans_charts_says_what_was_written() {
    // Two plans; the second's chart folder cannot be made (a file holds its
    // name), so its charts fail after the first plan's are written.
    let w = crate::support::Work::new();
    let plan = |id: &str, unit: &str| {
        format!(
            r#"{{"id": "{id}", "name": "Plan {id} (test fixture)", "source": "test fixture",
                "scope": "zone", "baseline_period": "2020Q4", "target_period": "2022Q4",
                "kpis": [{{"id": "area", "name": "Area", "unit": "{unit}", "kind": "level",
                           "direction": "increase", "baseline": {{"value": 10}},
                           "target": {{"value": 20}}}}]}}"#
        )
    };
    w.write("targets/a.json", plan("a", "km²"));
    w.write("targets/b.json", plan("b", "亿元"));
    w.write("charts/b", "a file where plan b's folder would go");
    let r = w.run(&["chart", "--format", "svg"]);
    r.expect(2);
    assert!(w.path("charts/a/area.svg").is_file(), "{r:?}");
    assert!(w.path("charts/b").is_file(), "{r:?}");
    assert!(
        !r.stderr.contains("nothing was assessed or written"),
        "{r:?}"
    );
    assert!(
        r.stderr
            .contains("before stopping it wrote 3 file(s), each complete: charts/a/area.svg"),
        "{r:?}"
    );
}

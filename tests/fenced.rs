//! The fenced workbook reader: hostile workbooks (forged counts, zip bombs,
//! files that loop or panic the spreadsheet library) end in one refusal,
//! exit 2, in bounded time and memory; and a fuzz run over mutated xlsx,
//! xls, xlsb and ods files never gets more than a refusal out of any.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use crate::support::{Work, root};

/// What a run of plantrack gave: its exit code (-1 for a signal or our
/// own kill), its standard error, and how long it took.
struct Fed {
    code: i32,
    stderr: String,
    took: Duration,
}

/// `plantrack ingest --dry-run FILE` in `w`, the reader's clock set to
/// `clock` seconds, under 4 GiB of address space, killed after `limit`.
fn feed(w: &Work, file: &str, clock: u64, limit: u64) -> Fed {
    let mut child = std::process::Command::new("sh")
        .env_clear()
        .env("PLANTRACK_READ_SECONDS", clock.to_string())
        .arg("-c")
        .arg("ulimit -v 4194304 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_plantrack"))
        .args(["ingest", "--dry-run", file])
        .current_dir(w.dir.path())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut pipe = child.stderr.take().expect("piped");
    let drain = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = pipe.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break Some(s);
        }
        if start.elapsed() > Duration::from_secs(limit) {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let took = start.elapsed();
    let stderr = drain.join().expect("stderr read");
    assert!(
        status.is_some(),
        "{file}: still running after {limit} s\n{stderr}"
    );
    Fed {
        code: status.and_then(|s| s.code()).unwrap_or(-1),
        stderr,
        took,
    }
}

/// An xlsx of one sheet with a header and a figure, made in memory.
fn xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet();
    s.write_string(0, 0, "期间").unwrap();
    s.write_string(0, 1, "规上工业总产值(亿元)").unwrap();
    s.write_string(1, 0, "2021年1-3月").unwrap();
    s.write_number(1, 1, 215.6).unwrap();
    book.save_to_buffer().unwrap()
}

/// A zip's parts, in order.
fn parts(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a zip");
    (0..z.len())
        .map(|i| {
            let mut e = z.by_index(i).expect("an entry");
            let mut bytes = Vec::new();
            e.read_to_end(&mut bytes).expect("entry read");
            (e.name().expect("a name").to_string(), bytes)
        })
        .collect()
}

/// A zip of `parts`, deflated (`mimetype` stored, as ODS wants it).
fn zipped(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        let method = if name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(method)
            .large_file(bytes.len() > u32::MAX as usize / 2);
        out.start_file(name.as_str(), options).expect("entry");
        out.write_all(bytes).expect("write entry");
    }
    out.finish().expect("zip").into_inner()
}

/// The xlsx with one part's text changed by `change`.
fn xlsx_with(part: &str, change: impl Fn(&str) -> String) -> Vec<u8> {
    let mut p = parts(&xlsx());
    let entry = p.iter_mut().find(|(n, _)| n == part).expect("the part");
    entry.1 = change(std::str::from_utf8(&entry.1).expect("xml")).into_bytes();
    zipped(&p)
}

/// An ODS of one table whose content is `table` (its rows).
fn ods(table: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="S">{table}"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    zipped(&[
        (
            "mimetype".into(),
            b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
        ),
        ("META-INF/manifest.xml".into(), manifest.as_bytes().to_vec()),
        ("content.xml".into(), content.into_bytes()),
    ])
}

/// A refusal of an unreadable workbook: exit 2, the file named, no panic.
fn refused(fed: &Fed, words: &str) {
    assert_eq!(fed.code, 2, "{}", fed.stderr);
    assert!(
        fed.stderr.contains(words),
        "wanted {words:?} in\n{}",
        fed.stderr
    );
    assert!(!fed.stderr.contains("panicked"), "{}", fed.stderr);
}

#[test]
fn a_sound_ods_is_read_through_the_fence() {
    let w = Work::bishan();
    let row = |a: &str, b: &str| {
        format!(
            r#"<table:table-row><table:table-cell office:value-type="string"><text:p>{a}</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>{b}</text:p></table:table-cell></table:table-row>"#
        )
    };
    let table = format!(
        "{}{}</table:table></office:spreadsheet></office:body></office:document-content>",
        row("期间", "规上工业总产值(亿元)"),
        row("2021年1-3月", "215.6")
    );
    w.write("q1.ods", ods(&table));
    let fed = feed(&w, "q1.ods", 20, 30);
    assert_eq!(fed.code, 0, "{}", fed.stderr);
    let w2 = Work::bishan();
    w2.write("q1.xlsx", xlsx());
    let fed = feed(&w2, "q1.xlsx", 20, 30);
    assert_eq!(fed.code, 0, "{}", fed.stderr);
}

#[test]
fn a_truncated_xls_is_refused_not_a_panic() {
    // calamine panicked on it (cfb.rs), exit 101.
    let w = Work::bishan();
    let xls = std::fs::read(root().join("tests/fixtures/workbooks/date.xls")).unwrap();
    for cut in [600, 2600, 4200, 4600] {
        w.write("cut.xls", &xls[..cut]);
        let fed = feed(&w, "cut.xls", 20, 30);
        assert_eq!(fed.code, 2, "cut at {cut}: {}", fed.stderr);
        assert!(!fed.stderr.contains("panicked"), "{}", fed.stderr);
    }
}

#[test]
fn a_forged_shared_string_count_is_refused_in_bounded_memory() {
    // calamine reserved room for 4,294,967,295 strings: 103 GB, an abort.
    let w = Work::bishan();
    w.write(
        "forged.xlsx",
        xlsx_with("xl/sharedStrings.xml", |x| {
            x.replacen("uniqueCount=\"", "uniqueCount=\"4294967295\" x=\"", 1)
        }),
    );
    let fed = feed(&w, "forged.xlsx", 30, 60);
    refused(&fed, "could not be read safely");
    assert!(fed.stderr.contains("memory"), "{}", fed.stderr);
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_expanded() {
    // 3 MB of zip holding gigabytes aborted; here 30 MB of one shared string,
    // referenced by the sheet: refused by its ratio before calamine sees it.
    let w = Work::bishan();
    let huge = "9".repeat(30 << 20);
    w.write(
        "bomb.xlsx",
        xlsx_with("xl/sharedStrings.xml", |x| {
            x.replacen("<t>期间</t>", &format!("<t>{huge}</t>"), 1)
        }),
    );
    let bytes = std::fs::metadata(w.path("bomb.xlsx")).unwrap().len();
    assert!(bytes < 200_000, "the bomb is small: {bytes}");
    let fed = feed(&w, "bomb.xlsx", 30, 60);
    refused(&fed, "the workbook's part `xl/sharedStrings.xml` expands");
}

#[test]
fn an_ods_that_loops_the_library_is_stopped_by_the_clock() {
    // A table never closed: calamine's ods::read_table loops on the end of
    // the file for ever.
    let w = Work::bishan();
    w.write(
        "loop.ods",
        ods(r#"<table:table-row><table:table-cell office:value-type="string"><text:p>期间</text:p></table:table-cell></table:table-row>"#),
    );
    let fed = feed(&w, "loop.ods", 2, 30);
    refused(&fed, "took longer than 2 s");
    assert!(fed.took < Duration::from_secs(10), "{:?}", fed.took);
}

#[test]
fn an_ods_asking_for_a_billion_spaces_is_refused() {
    // `text:s text:c="1000000000"`: a gigabyte of spaces per cell.
    let w = Work::bishan();
    let cell = r#"<table:table-cell office:value-type="string"><text:p><text:s text:c="1000000000"/></text:p></table:table-cell>"#;
    w.write(
        "spaces.ods",
        ods(&format!(
            "<table:table-row>{}</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>",
            cell.repeat(8)
        )),
    );
    let fed = feed(&w, "spaces.ods", 60, 90);
    refused(&fed, "could not be read safely");
}

#[test]
fn a_workbook_listing_a_hundred_thousand_sheets_is_refused_naming_the_first() {
    let w = Work::bishan();
    let sheets: String = (1..=100_000)
        .map(|i| format!(r#"<sheet name="S{i}" sheetId="{i}" r:id="rId1"/>"#))
        .collect();
    w.write(
        "sheets.xlsx",
        xlsx_with("xl/workbook.xml", |x| {
            let start = x.find("<sheets>").unwrap() + "<sheets>".len();
            let end = x.find("</sheets>").unwrap();
            format!("{}{sheets}{}", &x[..start], &x[end..])
        }),
    );
    let fed = feed(&w, "sheets.xlsx", 60, 90);
    refused(&fed, "lists 100000 sheets (`S1` first, 99999 more)");
    assert!(!fed.stderr.contains("S99999"), "{}", fed.stderr);
    assert!(fed.took < Duration::from_secs(15), "{:?}", fed.took);
}

/// A small deterministic generator (xorshift), so a failing case can be
/// found again from its number.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// `seed` changed in one of a few ways a damaged or forged file is: bytes
/// overwritten, a cut, a stretch repeated, a number made huge.
fn mutate(seed: &[u8], dice: &mut Dice) -> Vec<u8> {
    let mut b = seed.to_vec();
    match dice.below(4) {
        0 => {
            for _ in 0..1 + dice.below(8) {
                let i = dice.below(b.len());
                b[i] = dice.next() as u8;
            }
        }
        1 => b.truncate(dice.below(b.len())),
        2 => {
            let i = dice.below(b.len());
            let n = dice.below(64).min(b.len() - i);
            let stretch = b[i..i + n].to_vec();
            b.splice(i..i, stretch);
        }
        _ => {
            let i = dice.below(b.len().saturating_sub(4));
            b[i..i + 4].copy_from_slice(&[0xff, 0xff, 0xff, 0x7f]);
        }
    }
    b
}

/// `zip`'s XML parts changed as text (the zip itself stays sound, so the
/// mutation reaches the spreadsheet library's parser, not the unzipper).
fn mutate_inside(zip: &[u8], dice: &mut Dice) -> Vec<u8> {
    let mut p = parts(zip);
    let xml: Vec<usize> = (0..p.len())
        .filter(|&i| p[i].0.ends_with(".xml") || p[i].0.ends_with(".bin"))
        .collect();
    let i = xml[dice.below(xml.len())];
    p[i].1 = mutate(&p[i].1, dice);
    zipped(&p)
}

#[test]
fn mutated_workbooks_are_read_or_refused_never_more() {
    // 240 mutants: 60 from each of an xlsx, an xlsb, an xls and an ods.
    // Each must end 0 (read) or 2 (refused) within the reader's clock, and
    // no panic may reach the terminal.
    let w = Work::bishan();
    let seeds: Vec<(&str, Vec<u8>, bool)> = vec![
        ("xlsx", xlsx(), true),
        (
            "xlsb",
            std::fs::read(root().join("tests/fixtures/workbooks/date.xlsb")).unwrap(),
            true,
        ),
        (
            "xls",
            std::fs::read(root().join("tests/fixtures/workbooks/date.xls")).unwrap(),
            false,
        ),
        (
            "ods",
            std::fs::read(root().join("tests/fixtures/workbooks/date.ods")).unwrap(),
            true,
        ),
    ];
    let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
    let mut codes = std::collections::BTreeMap::new();
    for (ext, seed, zipped) in &seeds {
        for case in 0..60 {
            let bytes = if *zipped && case % 2 == 0 {
                mutate_inside(seed, &mut dice)
            } else {
                mutate(seed, &mut dice)
            };
            let name = format!("m.{ext}");
            w.write(&name, &bytes);
            let fed = feed(&w, &name, 10, 30);
            assert!(
                fed.code == 0 || fed.code == 2,
                "{ext} case {case}: exit {}\n{}",
                fed.code,
                fed.stderr
            );
            assert!(
                !fed.stderr.contains("panicked"),
                "{ext} case {case}\n{}",
                fed.stderr
            );
            *codes.entry((ext.to_string(), fed.code)).or_insert(0) += 1;
        }
    }
    // The mutants reach the reader: most are refused, each format's some way.
    for (ext, _, _) in &seeds {
        assert!(
            codes.get(&(ext.to_string(), 2)).copied().unwrap_or(0) > 0,
            "{codes:?}"
        );
    }
}

#[test]
fn a_cell_given_twice_is_refused_not_the_later_kept() {
    let w = Work::bishan();
    w.write(
        "twice.xlsx",
        xlsx_with("xl/worksheets/sheet1.xml", |x| {
            let start = x.find("<c r=\"B2\"").expect("the figure's cell");
            let end = start + x[start..].find("</c>").expect("its end") + 4;
            let cell = &x[start..end];
            let later = cell.replace("215.6", "2156");
            x.replacen(cell, &format!("{cell}{later}"), 1)
        }),
    );
    let fed = feed(&w, "twice.xlsx", 30, 60);
    refused(&fed, "gives cell B2 twice");
}

#[test]
fn thirty_megabytes_of_blank_lines_are_read_in_bounded_memory() {
    // Ingest reserved room for a record a line (4.5 GB) and aborted.
    let w = Work::bishan();
    let mut text = String::from("kpi,period,value\n");
    text.push_str(&"\n".repeat(30 << 20));
    w.write("blank.csv", text);
    let r = w.run_within(60, &["ingest", "blank.csv"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("no figure found"), "{r:?}");
}

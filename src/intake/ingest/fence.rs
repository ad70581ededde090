//! Workbooks read in a fenced child process: a hostile file that makes the
//! spreadsheet library panic, loop or ask for gigabytes ends the child, never
//! plantrack, and becomes one clear refusal.
//!
//! The parent (`read`) runs `plantrack read-workbook` (a hidden subcommand)
//! with the file's bytes on its standard input; the child (`serve`) limits
//! its own memory, processor time and core dumps, checks the zip's entries
//! before any is opened, reads the sheets and writes them back as JSON. The
//! parent keeps a wall clock and reads a bounded answer.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::intake::ingest::grid::{self, Grid};
use crate::intake::ingest::workbook;
use crate::problem::Problem;

/// The address space the child may use: a quarter's workbook needs a few
/// hundred megabytes at most; 103 GB asked for by a forged header fails here.
pub const MEMORY: u64 = 3 << 30;
/// The processor time the child may use, in seconds.
pub const CPU_SECONDS: u64 = 60;
/// The wall clock, in seconds, unless `PLANTRACK_READ_SECONDS` says less
/// (tests of files that loop use it; a slow shared machine may need more).
pub const WALL_SECONDS: u64 = 90;
/// The most bytes of grids the child may hand back.
const ANSWER: u64 = 1 << 30;

/// One sheet as handed back: where its first cell is, and its rows.
#[derive(Serialize, Deserialize)]
struct Sheet {
    sheet: String,
    origin: (u32, u32),
    cells: Vec<Vec<String>>,
}

/// A refusal as handed back.
#[derive(Serialize, Deserialize)]
struct Refusal {
    message: String,
    expected: Option<String>,
    hint: Option<String>,
    cell: Option<String>,
}

#[derive(Serialize, Deserialize)]
enum Answer {
    Sheets(Vec<Sheet>),
    Refused(Refusal),
}

/// A workbook's sheets (or the one named), read in a fenced child process.
pub fn read(name: &str, bytes: Vec<u8>, sheet: Option<&str>) -> Result<Vec<Grid>, Box<Problem>> {
    let unsafe_read = |why: String| {
        Box::new(
            Problem::error(format!("the workbook could not be read safely: {why}"))
                .in_file(name)
                .hint("open it in Excel or WPS and save it again as .xlsx; if that fails too, ask the sender for the file again"),
        )
    };
    let exe = std::env::current_exe()
        .map_err(|e| unsafe_read(format!("cannot start the reader ({e})")))?;
    let mut command = Command::new(exe);
    command.arg("read-workbook").arg("--name").arg(name);
    if let Some(s) = sheet {
        command.arg("--sheet").arg(s);
    }
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| unsafe_read(format!("cannot start the reader ({e})")))?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let mut stderr = child.stderr.take().expect("stderr is piped");
    // The pipes are fed and drained on their own threads, so a child that
    // stops reading or writes a flood never blocks the clock below.
    let feed = std::thread::spawn(move || {
        // A child that ends early closes its end: that is its answer, not ours.
        let _ = stdin.write_all(&bytes);
    });
    let answer = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = (&mut stdout).take(ANSWER + 1).read_to_end(&mut out);
        // Drain the rest so the child is never stuck on a full pipe.
        let _ = std::io::copy(&mut stdout, &mut std::io::sink());
        out
    });
    let said = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = (&mut stderr).take(4096).read_to_end(&mut out);
        let _ = std::io::copy(&mut stderr, &mut std::io::sink());
        out
    });
    let wall = wall_seconds();
    let deadline = Instant::now() + Duration::from_secs(wall);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(unsafe_read(format!("the reader was lost ({e})"))),
        }
    };
    let _ = feed.join();
    let out = answer.join().unwrap_or_default();
    let said = said.join().unwrap_or_default();
    let Some(status) = status else {
        return Err(unsafe_read(format!(
            "reading it took longer than {wall} s, the limit"
        )));
    };
    if !status.success() {
        return Err(unsafe_read(failure(status, &said)));
    }
    if out.len() as u64 > ANSWER {
        return Err(unsafe_read(format!(
            "its sheets hold more than {} MB of text",
            ANSWER >> 20
        )));
    }
    match serde_json::from_slice::<Answer>(&out) {
        Ok(Answer::Sheets(sheets)) => Ok(sheets
            .into_iter()
            .map(|s| grid::from_cells(name, &s.sheet, s.origin, s.cells))
            .collect()),
        Ok(Answer::Refused(r)) => {
            let mut p = match r.cell {
                Some(cell) => Problem::error(r.message).at_cell(name, cell),
                None => Problem::error(r.message).in_file(name),
            };
            if let Some(e) = r.expected {
                p = p.expected(e);
            }
            if let Some(h) = r.hint {
                p = p.hint(h);
            }
            Err(Box::new(p))
        }
        Err(e) => Err(unsafe_read(format!("the reader's answer was broken ({e})"))),
    }
}

/// The wall clock in seconds: `PLANTRACK_READ_SECONDS` where it is a whole
/// number from 1 to the default, else the default.
fn wall_seconds() -> u64 {
    std::env::var("PLANTRACK_READ_SECONDS")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .filter(|s| (1..=WALL_SECONDS).contains(s))
        .unwrap_or(WALL_SECONDS)
}

/// Why the child ended without an answer, in words.
fn failure(status: std::process::ExitStatus, said: &[u8]) -> String {
    let said = String::from_utf8_lossy(said);
    if said.contains("memory allocation") || said.contains("capacity overflow") {
        return format!(
            "it asked for more memory than the reader's limit of {} GB",
            MEMORY >> 30
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt as _;
        match status.signal() {
            Some(libc::SIGXCPU) | Some(libc::SIGKILL) => {
                return format!("it used more than {CPU_SECONDS} s of processor time, the limit");
            }
            Some(libc::SIGABRT) | Some(libc::SIGSEGV) | Some(libc::SIGBUS) => {
                return format!(
                    "the reader broke off (it most likely asked for more memory than its limit of {} GB)",
                    MEMORY >> 30
                );
            }
            Some(s) => return format!("the reader was stopped by signal {s}"),
            None => {}
        }
    }
    match status.code() {
        Some(101) => "the spreadsheet library failed on it (the file is damaged or forged)".into(),
        Some(c) => format!("the reader ended with code {c}"),
        None => "the reader ended without an answer".into(),
    }
}

/// The child's side: limits itself, reads the workbook from standard input
/// and writes its answer to standard output. Returns the exit code.
pub fn serve(name: &str, sheet: Option<&str>) -> u8 {
    limit_self();
    let mut bytes = Vec::new();
    if std::io::stdin().read_to_end(&mut bytes).is_err() {
        return 3;
    }
    let answer = match zip_check(&bytes).and_then(|()| workbook::read(name, bytes, sheet)) {
        Ok(grids) => Answer::Sheets(
            grids
                .into_iter()
                .map(|g| {
                    let (sheet, origin, cells) = g.into_cells();
                    Sheet {
                        sheet,
                        origin,
                        cells,
                    }
                })
                .collect(),
        ),
        Err(p) => Answer::Refused(Refusal {
            message: p.message,
            expected: p.expected,
            hint: p.hint,
            cell: p.cell,
        }),
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = serde_json::to_writer(&mut out, &answer).is_ok() && out.flush().is_ok();
    if written { 0 } else { 3 }
}

/// Sets the child's limits: address space, processor time, no core file.
fn limit_self() {
    #[cfg(unix)]
    {
        let set = |what, value: u64| {
            let limit = libc::rlimit {
                rlim_cur: value as libc::rlim_t,
                rlim_max: value as libc::rlim_t,
            };
            // SAFETY: setrlimit reads the struct it is given and changes
            // only this process's limits; a failure leaves them as they were.
            unsafe { libc::setrlimit(what, &limit) };
        };
        set(libc::RLIMIT_CORE, 0);
        set(libc::RLIMIT_AS, MEMORY);
        set(libc::RLIMIT_CPU, CPU_SECONDS);
    }
}

/// The most bytes one entry of a workbook's zip may expand to.
pub const ENTRY_BYTES: u64 = 256 << 20;
/// The most bytes all entries together may expand to.
pub const TOTAL_BYTES: u64 = 512 << 20;
/// The most an entry larger than a megabyte may expand by: spreadsheet XML
/// compresses some 10 to 50 times; a bomb, thousands of times.
pub const RATIO: u64 = 200;

/// Checks a zip's entries before any is opened: each entry's declared and
/// actual size, and its ratio, within bounds. Not a zip: nothing to check.
pub fn zip_check(bytes: &[u8]) -> Result<(), Box<Problem>> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return Ok(());
    }
    let bomb = |entry: &str, what: String| {
        Box::new(
            Problem::error(format!(
                "the workbook's part `{entry}` {what}"
            ))
            .expected(format!(
                "parts of at most {} MB each, {} MB together, expanding at most {RATIO} times",
                ENTRY_BYTES >> 20,
                TOTAL_BYTES >> 20
            ))
            .hint("a workbook this large inside is most likely forged (a zip bomb); save the sheet again from Excel or WPS"),
        )
    };
    // A zip calamine would refuse anyway is left for it to name.
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total = 0u64;
    for i in 0..zip.len() {
        let Ok(mut entry) = zip.by_index(i) else {
            continue;
        };
        let entry_name = entry
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| format!("#{i}"));
        let declared = entry.size();
        if declared > ENTRY_BYTES {
            return Err(bomb(
                &entry_name,
                format!("declares {declared} bytes when expanded"),
            ));
        }
        // The declared size may lie: what it really expands to is counted.
        let actual = std::io::copy(
            &mut (&mut entry).take(ENTRY_BYTES + 1),
            &mut std::io::sink(),
        )
        .unwrap_or(0);
        if actual > ENTRY_BYTES {
            return Err(bomb(
                &entry_name,
                format!("expands to more than {} MB", ENTRY_BYTES >> 20),
            ));
        }
        let packed = entry.compressed_size().max(1);
        if actual > 1 << 20 && actual / packed > RATIO {
            return Err(bomb(
                &entry_name,
                format!(
                    "expands {} times ({packed} bytes to {actual})",
                    actual / packed
                ),
            ));
        }
        total += actual;
        if total > TOTAL_BYTES {
            return Err(bomb(
                &entry_name,
                format!("takes the expanded workbook past {} MB", TOTAL_BYTES >> 20),
            ));
        }
    }
    Ok(())
}

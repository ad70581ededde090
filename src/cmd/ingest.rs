//! `plantrack ingest FILE...`: feed actuals from CSV or Excel into the store,
//! all or nothing, atomically, under a lock, logging every change.

use std::collections::HashMap;
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

use super::{Outcome, emit, report_warnings};
use crate::core::observation::Basis;
use crate::core::period::Period;
use crate::intake::ingest::decode::{self, Encoding};
use crate::intake::ingest::grid::{self, Grid};
use crate::intake::ingest::layout::{self, Layout, Options, Record};
use crate::intake::load::{self, LoadedPlan};
use crate::intake::store::disk::{self, Staged, StorePaths};
use crate::intake::store::revisions::{self, Batch, Found};
use crate::intake::store::{self, Merge, Row};
use crate::problem::{Problem, SourceFile};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Files to read: .csv (UTF-8 or GBK), .tsv/.txt, .xlsx, .xls, .ods; `-` reads CSV from standard input.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<String>,
    /// The plan file (or a folder holding exactly one plan).
    #[arg(long, value_name = "FILE|DIR", default_value = "targets")]
    pub plan: PathBuf,
    /// The folder holding each plan's data as <DIR>/<plan-id>/actuals.csv.
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub data: PathBuf,
    /// The sheet of a workbook to read; default the first.
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Text encoding of CSV input: auto (UTF-8, else GBK), utf-8 or gbk.
    #[arg(long, value_name = "ENCODING", default_value = "auto", value_parser = |s: &str| s.parse::<Encoding>())]
    pub encoding: Encoding,
    /// long (kpi, period, value per row) or wide (a period column and a column
    /// per KPI, or a KPI per row and a column per period); default: found out.
    #[arg(long, value_name = "LAYOUT", value_parser = |s: &str| s.parse::<Layout>())]
    pub layout: Option<Layout>,
    /// Source of every value that names none; default the file's name.
    #[arg(long, value_name = "TEXT")]
    pub source: Option<String>,
    /// Scope of every value that names none, e.g. "zone, above designated size";
    /// default the KPI's.
    #[arg(long, value_name = "TEXT")]
    pub scope: Option<String>,
    /// Basis of every value that names none: ytd or quarter (flows), level or
    /// increment (counts); default ytd for flows and level for the rest.
    #[arg(long, value_name = "BASIS", value_parser = |s: &str| Basis::parse(s).ok_or_else(|| format!("`{s}` is not a basis; one of: ytd, quarter, level, increment")))]
    pub basis: Option<Basis>,
    /// Show what would change and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Accept values that differ from stored ones, logging the old value.
    #[arg(long)]
    pub replace: bool,
}

/// One input file, read.
struct Input {
    name: String,
    sha256: String,
    grid: Grid,
}

pub fn run(args: &Args) -> Outcome {
    // The plan only: its store is read below, under the lock.
    let loaded = load::load_plans(&args.plan);
    if loaded.has_errors() {
        return Err(loaded.problems);
    }
    let lp = one_plan(&loaded.plans, args)?;
    let opts = Options {
        layout: args.layout,
        scope: args.scope.clone(),
        source: args.source.clone(),
        basis: args.basis,
    };

    // Read every file and every record before touching the store.
    let mut problems = Vec::new();
    let mut inputs = Vec::new();
    for name in &args.files {
        match read_input(name, args) {
            Ok(input) => inputs.push(input),
            Err(p) => problems.push(*p),
        }
    }
    let mut batches: Vec<(&Input, Vec<Record>)> = Vec::new();
    for input in &inputs {
        let (records, mut found) = layout::records(&input.grid, &lp.plan, &opts);
        problems.append(&mut found);
        batches.push((input, records));
    }
    // Records with bad cells are already left out; the merge below still
    // reports conflicts with the store, so one run shows every problem.

    let paths = StorePaths::new(&args.data, &lp.plan.id);
    let store_dir = paths
        .actuals
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default();
    let _lock = if args.dry_run {
        None
    } else {
        Some(disk::lock(&store_dir).map_err(|p| vec![p])?)
    };

    // Under the lock: the store as it is now, and its log made consistent with it.
    let io = |e: std::io::Error, p: &PathBuf| {
        vec![Problem::error(format!("cannot read: {e}")).in_file(p.display().to_string())]
    };
    let before_bytes = disk::read_or_empty(&paths.actuals).map_err(|e| io(e, &paths.actuals))?;
    let before_hash = disk::sha256(&before_bytes);
    let mut log =
        revisions::find(&paths.revisions, &before_hash).map_err(|e| io(e, &paths.revisions))?;
    if let Found::Repaired(repaired) = &log {
        eprintln!(
            "note: {} ended with changes that never reached {}, from an interrupted ingest; they are removed from the log",
            paths.revisions.display(),
            paths.actuals.display()
        );
        if !args.dry_run {
            disk::write_atomic(&paths.revisions, repaired.as_bytes())
                .map_err(|e| io(e, &paths.revisions))?;
            log = Found::Agrees;
        }
    }
    let store_name = paths.actuals.display().to_string();
    let store_text = String::from_utf8(before_bytes).map_err(|e| {
        vec![
            Problem::error(format!(
                "the store is not UTF-8 text (first bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ))
            .in_file(&store_name)
            .hint("the store is written by ingest as UTF-8; restore it from version control"),
        ]
    })?;
    let store_file = SourceFile::new(&store_name, store_text);
    let stored = if store_file.text.is_empty() {
        store::Stored::default()
    } else {
        store::read(&store_file, &lp.plan)
    };
    if stored.problems.iter().any(Problem::is_error) {
        return Err(stored.problems);
    }
    let stored_index = std::cell::OnceCell::new();
    let stored_at = |r: &Row| store_line(&stored, &stored_index, &store_file, r);

    // Merge file by file, so that each change is logged with its own source.
    // Each file's merge is kept whole (its changes point into its rows) until
    // the log is written; the next file merges into a copy of its rows.
    let mut per_file: Vec<(&Input, Merge)> = Vec::new();
    for (input, records) in &batches {
        let at = |a| input.grid.problem_at(a, "");
        let mut m = {
            let origin = origin(&per_file, &stored_at);
            let current = per_file.last().map_or(&stored.rows, |(_, m)| &m.rows);
            store::merge(&lp.plan, current, records, args.replace, &origin, &at)
        };
        problems.append(&mut m.problems);
        per_file.push((input, m));
    }
    if problems.iter().any(Problem::is_error) {
        return Err(problems);
    }
    let rows = per_file.last().map_or(&stored.rows, |(_, m)| &m.rows);
    // Named so that a problem found in it is not taken for one in the store on disk.
    let new_store = SourceFile::new(
        format!("{store_name} (as this ingest would write it)"),
        store::render(rows),
    );
    let (mut added, mut revised, mut unchanged) = (0, 0, 0);
    for (_, m) in &per_file {
        let (a, r, u) = m.count();
        (added, revised, unchanged) = (added + a, revised + r, unchanged + u);
    }
    let mut out = String::new();
    if args.dry_run {
        for (_, old, n) in per_file.iter().flat_map(|(_, m)| m.changed()) {
            out.push_str(&match old {
                None => format!("  + {} {} ({}): {}\n", n.kpi, n.period, n.scope, n.value),
                Some(o) => format!(
                    "  ~ {} {} ({}): {} -> {}\n",
                    n.kpi, n.period, n.scope, o.value, n.value
                ),
            });
        }
    }
    let summary = format!("{added} added, {revised} revised, {unchanged} unchanged");
    let any_change = added + revised > 0;

    // The new store must load cleanly, or nothing is written. The check runs
    // on a second core while the new log and store are staged beside the old
    // ones; they replace them only once it has passed.
    let commit = !args.dry_run && any_change;
    let (new_problems, staged) = std::thread::scope(|s| {
        let check = s.spawn(|| crate::intake::load::actuals::parse(&new_store, &lp.plan).1);
        let staged = commit.then(|| stage(&paths, &log, &per_file, &new_store, &before_hash));
        let checked = check
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (checked, staged)
    });
    if new_problems.iter().any(Problem::is_error) {
        return Err(new_problems);
    }
    let origin = origin(&per_file, &stored_at);
    problems.extend(store::falling_ytd(&lp.plan, rows, &origin));
    report_warnings(&problems);
    if args.dry_run {
        emit(&format!(
            "{store_name} (dry run: nothing written)\n{out}{summary}\n"
        ))?;
        return Ok(0);
    }
    let Some(staged) = staged else {
        emit(&format!("{store_name}: {summary}; nothing to write\n"))?;
        return Ok(0);
    };

    // Commit: the log first, then the store; each replaced in one rename.
    let (log_file, store_file) = staged?;
    log_file
        .commit()
        .map_err(|e| cannot_write(&paths.revisions, e))?;
    disk::test_pause();
    store_file
        .commit()
        .map_err(|e| cannot_write(&paths.actuals, e))?;
    let files: Vec<&str> = inputs.iter().map(|i| i.name.as_str()).collect();
    emit(&format!(
        "{store_name}: {summary} (from {})\n",
        files.join(", ")
    ))?;
    Ok(0)
}

/// The new log (the old one, then a row for each change) and the new store,
/// written and flushed beside the files they replace, each on its own core.
fn stage(
    paths: &StorePaths,
    log: &Found,
    per_file: &[(&Input, Merge)],
    new_store: &SourceFile,
    before_hash: &str,
) -> Result<(Staged, Staged), Vec<Problem>> {
    let after_hash = disk::sha256(new_store.text.as_bytes());
    let time = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let (log_file, store_file) = std::thread::scope(|s| {
        let store_file = s.spawn(|| {
            disk::stage(&paths.actuals, |file| {
                file.write_all(new_store.text.as_bytes())
            })
        });
        let log_file = disk::stage(&paths.revisions, |file| {
            match log {
                Found::Nothing => file.write_all(revisions::HEADER.as_bytes())?,
                // Copied by the system, file to file: a long log never passes
                // through this program's memory.
                Found::Agrees => {
                    std::io::copy(&mut std::fs::File::open(&paths.revisions)?, file)?;
                }
                Found::Repaired(text) => file.write_all(text.as_bytes())?,
            }
            for (input, merge) in per_file {
                let batch = Batch {
                    time_utc: &time,
                    source_file: &input.name,
                    source_sha256: &input.sha256,
                    store_before: before_hash,
                    store_after: &after_hash,
                };
                revisions::write(&mut *file, merge, &batch)?;
            }
            Ok(())
        });
        let store_file = store_file
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (log_file, store_file)
    });
    Ok((
        log_file.map_err(|e| cannot_write(&paths.revisions, e))?,
        store_file.map_err(|e| cannot_write(&paths.actuals, e))?,
    ))
}

fn cannot_write(path: &std::path::Path, e: std::io::Error) -> Vec<Problem> {
    vec![
        Problem::error(format!("cannot write: {e}; the store is unchanged"))
            .in_file(path.display().to_string()),
    ]
}

/// Where a row comes from, for messages: the input that last changed it in
/// this run, else where `stored_at` finds it. The index of the run's changes
/// is built on first use; most runs need none.
fn origin<'a>(
    per_file: &'a [(&'a Input, Merge)],
    stored_at: &'a dyn Fn(&Row) -> String,
) -> impl Fn(&Row) -> String + 'a {
    let changed = std::cell::OnceCell::new();
    move |r: &Row| {
        let changed: &HashMap<(&str, Period, &str), &str> = changed.get_or_init(|| {
            let mut by_key = HashMap::new();
            for (input, merge) in per_file {
                for (_, _, n) in merge.changed() {
                    by_key.insert(n.key_ref(), input.name.as_str());
                }
            }
            by_key
        });
        match changed.get(&r.key_ref()) {
            Some(name) => name.to_string(),
            None => stored_at(r),
        }
    }
}

/// `actuals.csv line 12`: where a stored row is, found when a message needs
/// it; the index of stored keys is built on first use.
fn store_line<'a>(
    stored: &'a store::Stored,
    index: &std::cell::OnceCell<HashMap<(&'a str, Period, &'a str), usize>>,
    file: &SourceFile,
    r: &Row,
) -> String {
    let index = index.get_or_init(|| {
        let mut index = HashMap::new();
        for (i, s) in stored.rows.iter().enumerate() {
            index.entry(s.key_ref()).or_insert(i);
        }
        index
    });
    let at = index.get(&r.key_ref()).and_then(|&i| stored.at.get(i));
    match at {
        Some(&at) => format!("{} line {}", file.name, file.line_col(at).0),
        None => file.name.clone(),
    }
}

/// The one plan an ingest feeds.
fn one_plan<'a>(plans: &'a [LoadedPlan], args: &Args) -> Result<&'a LoadedPlan, Vec<Problem>> {
    match plans {
        [one] => Ok(one),
        many => {
            let files: Vec<String> = many
                .iter()
                .map(|p| p.plan_file.display().to_string())
                .collect();
            Err(vec![
                Problem::error(format!(
                    "{} holds {} plans; ingest feeds one",
                    args.plan.display(),
                    many.len()
                ))
                .expected(format!("--plan naming one of {}", files.join(", "))),
            ])
        }
    }
}

/// Reads one input into a grid, with its SHA-256.
fn read_input(name: &str, args: &Args) -> Result<Input, Box<Problem>> {
    let bytes = if name == "-" {
        let mut b = Vec::new();
        std::io::stdin()
            .read_to_end(&mut b)
            .map_err(|e| Box::new(Problem::error(format!("cannot read standard input: {e}"))))?;
        b
    } else {
        std::fs::read(name).map_err(|e| {
            Box::new(Problem::error(format!("cannot read the file: {e}")).in_file(name))
        })?
    };
    let shown = if name == "-" {
        "<stdin>".to_string()
    } else {
        name.to_string()
    };
    let spinner = (bytes.len() > 1_000_000 && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_message(format!("reading {shown}"));
        bar.enable_steady_tick(std::time::Duration::from_millis(100));
        bar
    });
    let sha256 = disk::sha256(&bytes);
    let ext = std::path::Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let grid = if ["xlsx", "xlsm", "xlsb", "xls", "ods"].contains(&ext.as_str()) {
        read_workbook(&shown, bytes, args.sheet.as_deref())?
    } else if let Some(sheet) = &args.sheet {
        return Err(Box::new(
            Problem::error(format!(
                "--sheet {sheet} names a sheet of a workbook, but this is a text file"
            ))
            .in_file(&shown)
            .hint("--sheet is for .xlsx, .xls and .ods files; leave it out for CSV"),
        ));
    } else {
        let (text, _) = decode::decode(&shown, bytes, args.encoding).map_err(Box::new)?;
        grid::from_csv(SourceFile::new(&shown, text))
    };
    if let Some(bar) = spinner {
        bar.finish_and_clear();
    }
    Ok(Input {
        name: shown,
        sha256,
        grid,
    })
}

fn read_workbook(name: &str, bytes: Vec<u8>, sheet: Option<&str>) -> Result<Grid, Box<Problem>> {
    use calamine::Reader as _;
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| {
            Box::new(
                Problem::error(format!("cannot read the workbook: {e}"))
                    .in_file(name)
                    .hint("save it again from Excel or LibreOffice as .xlsx"),
            )
        })?;
    let names = book.sheet_names();
    let chosen = match sheet {
        Some(s) if names.iter().any(|n| n == s) => s.to_string(),
        Some(s) => {
            return Err(Box::new(
                Problem::error(format!("the workbook has no sheet `{s}`"))
                    .in_file(name)
                    .expected(format!("one of {}", names.join(", "))),
            ));
        }
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Box::new(Problem::error("the workbook has no sheet").in_file(name)))?,
    };
    let range = book.worksheet_range(&chosen).map_err(|e| {
        Box::new(Problem::error(format!("cannot read sheet `{chosen}`: {e}")).in_file(name))
    })?;
    Ok(grid::from_sheet(name, &chosen, &range))
}

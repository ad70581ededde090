//! `plantrack ingest FILE...`: feed actuals from CSV or Excel into the store,
//! all or nothing, atomically, under a lock, logging every change.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;

use super::{Outcome, emit, report_warnings};
use crate::core::observation::Basis;
use crate::intake::ingest::decode::{self, Encoding};
use crate::intake::ingest::grid::{self, Grid};
use crate::intake::ingest::layout::{self, Layout, Options, Record};
use crate::intake::load::{self, LoadedPlan};
use crate::intake::store::disk;
use crate::intake::store::transaction::{self, Transaction};
use crate::intake::workspace::StoreFiles;
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
        return Err(loaded.problems.into());
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
    // Records with bad cells are already left out; the merge still reports
    // conflicts with the store, so one run shows every problem.
    let store = Transaction::open(
        &lp.plan,
        StoreFiles::new(&args.data, &lp.plan.id),
        args.dry_run,
    )?;
    for note in &store.notes {
        eprintln!("note: {note}");
    }
    let places: Vec<_> = batches
        .iter()
        .map(|(input, _)| move |a| input.grid.problem_at(a, ""))
        .collect();
    let merged: Vec<transaction::Input> = batches
        .iter()
        .zip(&places)
        .map(|((input, records), at)| transaction::Input {
            name: &input.name,
            sha256: &input.sha256,
            records,
            at,
        })
        .collect();
    let staging = store.stage(&merged, args.replace, !args.dry_run, problems)?;
    report_warnings(&staging.warnings);
    let store_name = &store.store.name;
    let summary = format!(
        "{} added, {} revised, {} unchanged",
        staging.added, staging.revised, staging.unchanged
    );
    if args.dry_run {
        let mut out = String::new();
        for (old, n) in staging.changes() {
            out.push_str(&match old {
                None => format!("  + {} {} ({}): {}\n", n.kpi, n.period, n.scope, n.value),
                Some(o) => format!(
                    "  ~ {} {} ({}): {} -> {}\n",
                    n.kpi, n.period, n.scope, o.value, n.value
                ),
            });
        }
        emit(&format!(
            "{store_name} (dry run: nothing written)\n{out}{summary}\n"
        ))?;
        return Ok(0);
    }
    if !staging.is_staged() {
        emit(&format!("{store_name}: {summary}; nothing to write\n"))?;
        return Ok(0);
    }
    staging.commit()?;
    let files: Vec<&str> = inputs.iter().map(|i| i.name.as_str()).collect();
    emit(&format!(
        "{store_name}: {summary} (from {})\n",
        files.join(", ")
    ))?;
    Ok(0)
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
        crate::files::read_guarded(std::path::Path::new(name), crate::files::INPUT)
            .map_err(Box::new)?
            .ok_or_else(|| Box::new(Problem::error("the file does not exist").in_file(name)))?
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
    // A workbook is a zip (xlsx, ods) or an OLE file (xls); a "workbook" that
    // is neither is often text a system exported under a workbook's name.
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if !zip && !ole {
        let text = std::str::from_utf8(&bytes[..bytes.len().min(4096)]).is_ok();
        return Err(Box::new(
            Problem::error(if text {
                "the file is named as a workbook but holds text".to_string()
            } else {
                "the file is named as a workbook but is none (no xlsx, xls or ods inside)"
                    .to_string()
            })
            .in_file(name)
            .hint(if text {
                "rename it .csv (or .txt) and ingest it again"
            } else {
                "save it again from Excel or LibreOffice as .xlsx"
            }),
        ));
    }
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
    let cannot = |e: String| {
        Box::new(Problem::error(format!("cannot read sheet `{chosen}`: {e}")).in_file(name))
    };
    // An xlsx sheet is read cell by cell, and its range made only once it is
    // known to be sane: two cells at A1 and XFD1048576 would otherwise make
    // a grid of 17 billion (calamine's own range allocates it whole).
    let range = match &mut book {
        calamine::Sheets::Xlsx(xlsx) => {
            let mut reader = xlsx
                .worksheet_cells_reader(&chosen)
                .map_err(|e| cannot(e.to_string()))?;
            let mut cells = Vec::new();
            while let Some(cell) = reader.next_cell().map_err(|e| cannot(e.to_string()))? {
                if cells.len() == MAX_CELLS {
                    return Err(Box::new(
                        Problem::error(format!(
                            "sheet `{chosen}` holds more than {MAX_CELLS} cells, more than ingest reads"
                        ))
                        .in_file(name)
                        .hint("a quarter's figures fit in far fewer; split the sheet"),
                    ));
                }
                let (row, col) = cell.get_position();
                cells.push(calamine::Cell::new(
                    (row, col),
                    calamine::Data::from(cell.get_value().clone()),
                ));
            }
            sane_range(name, &chosen, &cells)?;
            calamine::Range::from_sparse(cells)
        }
        other => other
            .worksheet_range(&chosen)
            .map_err(|e| cannot(e.to_string()))?,
    };
    Ok(grid::from_sheet(name, &chosen, &range))
}

/// The most cells ingest reads from one sheet.
const MAX_CELLS: usize = 5_000_000;

/// The most places a sheet's used range may span: a range is as large as
/// the box around its cells, and a sheet of a few cells far apart would
/// make a box of billions.
const MAX_PLACES: u64 = 20_000_000;

/// Refuses a sheet whose cells lie so far apart that the box around them
/// would be too large to hold, naming its corners.
fn sane_range(
    name: &str,
    sheet: &str,
    cells: &[calamine::Cell<calamine::Data>],
) -> Result<(), Box<Problem>> {
    let rows = cells.iter().map(|c| c.get_position().0);
    let cols = cells.iter().map(|c| c.get_position().1);
    let (Some(r0), Some(r1), Some(c0), Some(c1)) = (
        rows.clone().min(),
        rows.max(),
        cols.clone().min(),
        cols.max(),
    ) else {
        return Ok(());
    };
    let places = u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1);
    if places <= MAX_PLACES {
        return Ok(());
    }
    Err(Box::new(
        Problem::error(format!(
            "sheet `{sheet}` spans {}:{} ({places} places) for {} cell(s)",
            grid::a1(r0, c0),
            grid::a1(r1, c1),
            cells.len()
        ))
        .in_file(name)
        .expected(format!("a table of at most {MAX_PLACES} places"))
        .hint("a stray cell far from the table stretches it: delete it, or copy the table to a new sheet"),
    ))
}

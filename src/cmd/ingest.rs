//! `plantrack ingest FILE...`: feed actuals from CSV or Excel into the store,
//! all or nothing, atomically, under a lock, logging every change.

use std::io::{IsTerminal, Read};

use super::{Exit, Outcome, emit, report_warnings};
use crate::core::observation::Basis;
use crate::intake::ingest::decode::{self, Encoding};
use crate::intake::ingest::fence;
use crate::intake::ingest::grid::{self, Grid};
use crate::intake::ingest::layout::{self, Layout, Options};
use crate::intake::ingest::table;
use crate::intake::load::{self, LoadedPlan};
use crate::intake::store::disk;
use crate::intake::store::transaction::{self, Transaction};
use crate::intake::workspace::StoreFiles;
use crate::lang::Lang;
use crate::output::words::ingest::{self as words, Stored};
use crate::problem::{Problem, SourceFile};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Files to read: .csv (UTF-8 or GBK), .tsv/.txt, .xlsx, .xls, .ods; `-` reads CSV from standard input.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<String>,
    /// The plan (a file, or a folder holding exactly one) and the data folder.
    #[command(flatten)]
    pub sources: super::Sources,
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
    /// The header's row number (as the spreadsheet or editor numbers rows),
    /// when it is not found: title and unit lines above it are skipped.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub header_row: Option<u32>,
    /// The year of period labels without one (`1-6月`), when neither the
    /// sheet's title nor the file's name gives it.
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1900..=2200))]
    pub year: Option<i32>,
    /// The period of a sheet that states none (columns headed 累计 or 本期
    /// under a title without a date): 2023Q2 or 2023年1-6月.
    #[arg(long, value_name = "PERIOD", value_parser = |s: &str| crate::intake::ingest::label::read(s, None).map(|l| l.period).map_err(|e| format!("`{s}` is not a period: {}; accepted forms: {}", e.detail, crate::intake::ingest::label::FORMS)))]
    pub period: Option<crate::core::period::Period>,
    /// Refuse rows, columns and cells that are not data (合计, footnotes,
    /// indicators not in the plan, —) instead of skipping and listing them.
    #[arg(long)]
    pub strict: bool,
    /// Confirm a figure the magnitude guard stops (about 10², 10⁴... times
    /// its neighbour): KPI:PERIOD, e.g. rd_ratio:2023Q2; logged. Repeatable.
    #[arg(long, value_name = "KPI:PERIOD")]
    pub accept_jump: Vec<String>,
}

/// One input file, read: a CSV text's one grid, or a workbook's sheets.
struct Input {
    name: String,
    sha256: String,
    grids: Vec<Grid>,
}

/// One input's figures: the sheet read, and what the others held.
struct Batch<'i> {
    input: &'i Input,
    grid: &'i Grid,
    read: layout::Read,
    /// Other sheets of the workbook: those with no table, and those with one
    /// that was not read (the first with a table is).
    empty_sheets: Vec<&'i str>,
    other_tables: Vec<&'i str>,
}

pub fn run(args: &Args, given: Option<Lang>) -> Outcome {
    // The plan only: its store is read below, under the lock.
    let loaded = load::load_plans(&args.sources.plan);
    let lang = super::language(given, &loaded);
    feed(args, &loaded, lang).map_err(|f| f.or_lang(lang))
}

/// `run`, once the plan is read and the language known.
fn feed(args: &Args, loaded: &load::Loaded, lang: Lang) -> Outcome {
    if loaded.has_errors() {
        return Err(loaded.problems.clone().into());
    }
    let lp = one_plan(&loaded.plans, args)?;
    let opts = Options {
        layout: args.layout,
        scope: args.scope.clone(),
        source: args.source.clone(),
        basis: args.basis,
        find: table::Find {
            header_row: args.header_row.map(|n| n as usize),
            year: args.year,
            period: args.period,
        },
        strict: args.strict,
    };
    let confirmed = confirmed_jumps(&lp.plan, &args.accept_jump)?;

    // Read every file and every record before touching the store.
    let mut problems = Vec::new();
    let mut inputs = Vec::new();
    for name in &args.files {
        match read_input(name, args) {
            Ok(input) => inputs.push(input),
            Err(p) => problems.push(*p),
        }
    }
    let mut batches: Vec<Batch> = Vec::new();
    for input in &inputs {
        let mut batch = read_sheets(input, &lp.plan, &opts);
        problems.append(&mut batch.read.problems);
        batches.push(batch);
    }
    // Records with bad cells are already left out; the merge still reports
    // conflicts with the store, so one run shows every problem.
    let store = Transaction::open(
        &lp.plan,
        StoreFiles::new(&args.sources.data, &lp.plan.id),
        args.dry_run,
    )?;
    for note in &store.notes {
        super::say(&format!("note: {}\n", crate::problem::readable(note, 300)));
    }
    let places: Vec<_> = batches
        .iter()
        .map(|b| move |a| b.grid.problem_at(a, ""))
        .collect();
    let merged: Vec<transaction::Input> = batches
        .iter()
        .zip(&places)
        .map(|(b, at)| transaction::Input {
            name: &b.input.name,
            sha256: &b.input.sha256,
            records: &b.read.records,
            at,
        })
        .collect();
    let allowed = transaction::Allowed {
        replace: args.replace,
        confirmed: &confirmed,
    };
    let staging = store.stage(&merged, allowed, !args.dry_run, problems)?;
    report_warnings(&staging.warnings, lang);
    let store_name = &store.store.name;
    let counts = words::counts(lang, staging.added, staging.revised, staging.unchanged);
    let read: String = batches.iter().map(|b| said(b, lang)).collect();
    let read = if batches.len() == 1 && read.lines().count() == 1 && batches[0].grid.sheet.is_none()
    {
        // One plain file, nothing skipped: the summary line says it all.
        String::new()
    } else {
        read
    };
    if args.dry_run {
        let mut out = String::new();
        for (old, n) in staging.changes() {
            let change = words::Change {
                kpi: &n.kpi,
                period: n.period,
                scope: &n.scope,
                unit: &n.unit,
                value: &n.value,
                yoy: &n.yoy,
            };
            out.push_str(&words::change_line(
                lang,
                &lp.plan,
                change,
                old.map(|o| o.value.as_str()),
            ));
        }
        let stored = Stored::DryRun(&out);
        emit(&words::summary(lang, store_name, stored, &counts, &read))?;
        return Ok(Exit::Done);
    }
    if !staging.is_staged() {
        emit(&words::summary(
            lang,
            store_name,
            Stored::Nothing,
            &counts,
            &read,
        ))?;
        return Ok(Exit::Done);
    }
    staging.commit()?;
    let files: Vec<&str> = inputs.iter().map(|i| i.name.as_str()).collect();
    let stored = Stored::Written(&files);
    emit(&words::summary(lang, store_name, stored, &counts, &read))?;
    Ok(Exit::Done)
}

/// Reads an input's figures: its one grid, or the first sheet of a
/// workbook that holds a table (the one --sheet names, if given).
fn read_sheets<'i>(input: &'i Input, plan: &crate::core::plan::Plan, opts: &Options) -> Batch<'i> {
    let mut empty_sheets = Vec::new();
    let mut other_tables = Vec::new();
    let mut chosen: Option<(&Grid, layout::Read)> = None;
    for grid in &input.grids {
        let sheet = grid.sheet.as_deref().unwrap_or("");
        if chosen.is_some() {
            // Another sheet with a table is named, not read: two sheets often
            // hold one table twice (全区 and 园区, or this quarter and last).
            let read = layout::read(grid, plan, opts);
            if read.holds_table() {
                other_tables.push(sheet);
            }
            continue;
        }
        let read = layout::read(grid, plan, opts);
        if read.holds_table() || input.grids.len() == 1 {
            chosen = Some((grid, read));
        } else {
            empty_sheets.push(sheet);
        }
    }
    let (grid, read) = chosen.unwrap_or_else(|| {
        // No sheet holds a table: the first sheet's "no figure" problem.
        let grid = &input.grids[0];
        (grid, layout::read(grid, plan, opts))
    });
    if grid.sheet.is_some() && input.grids.len() > 1 {
        empty_sheets.retain(|s| Some(*s) != grid.sheet.as_deref());
    }
    Batch {
        input,
        grid,
        read,
        empty_sheets,
        other_tables,
    }
}

/// The summary of one input: the sheet read, where the year came from, and
/// everything skipped, by reason; in `lang`.
fn said(b: &Batch, lang: Lang) -> String {
    let s = &b.read.skipped;
    let empty = (!b.empty_sheets.is_empty()).then(|| list(&b.empty_sheets));
    let sheet = b.grid.sheet.as_deref().map(shown);
    let mut out = words::file_line(lang, &b.input.name, sheet.as_deref(), empty.as_deref());
    if !b.other_tables.is_empty() {
        let (sheets, first) = (list(&b.other_tables), shown(b.other_tables[0]));
        out.push_str(&words::other_tables(lang, &sheets, &first));
    }
    if let Some((y, from)) = s.year {
        out.push_str(&words::year(lang, y, (from.said(), from.said_zh())));
    }
    let mut reasons: Vec<(table::Skip, usize)> = Vec::new();
    for (skip, _) in &s.rows {
        match reasons.iter_mut().find(|r| r.0 == *skip) {
            Some(r) => r.1 += 1,
            None => reasons.push((*skip, 1)),
        }
    }
    reasons.sort();
    if !reasons.is_empty() {
        let reasons: Vec<((&str, &str), usize)> = reasons
            .iter()
            .map(|(skip, n)| ((skip.said(), skip.said_zh()), *n))
            .collect();
        out.push_str(&words::rows_skipped(lang, &reasons));
    }
    if !s.untracked.is_empty() {
        let names: Vec<(String, Option<String>)> = s
            .untracked
            .iter()
            .take(20)
            .map(|(n, near)| (shown(n), near.as_deref().map(shown)))
            .collect();
        let (n, more) = (s.untracked.len(), s.untracked.len().saturating_sub(20));
        out.push_str(&words::untracked(lang, &names, n, more));
    }
    if !s.columns.is_empty() {
        let names: Vec<String> = s.columns.iter().take(20).map(|c| shown(c)).collect();
        out.push_str(&words::columns_not_read(lang, &names));
    }
    if s.placeholders > 0 {
        out.push_str(&words::placeholders(lang, s.placeholders));
    }
    out
}

/// A text from a file, safe to print: cut, control characters shown as codes.
fn shown(text: &str) -> String {
    crate::problem::readable(&text.replace(['\n', '\r'], " "), 80)
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| shown(n))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The figures --accept-jump confirms: each KPI:PERIOD, the KPI by any of
/// its names and the period in any form ingest reads.
fn confirmed_jumps(
    plan: &crate::core::plan::Plan,
    given: &[String],
) -> Result<Vec<(String, crate::core::period::Period)>, Vec<Problem>> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for g in given {
        let Some((kpi, period)) = g.rsplit_once([':', '：']) else {
            problems.push(
                Problem::error(format!("--accept-jump {}: not KPI:PERIOD", shown(g)))
                    .expected("a KPI and a period, such as rd_ratio:2023Q2"),
            );
            continue;
        };
        let Some(k) = plan.kpi_named(kpi) else {
            problems.push(super::unknown_kpi(plan, kpi));
            continue;
        };
        match crate::intake::ingest::label::read(period, None) {
            Ok(l) => out.push((k.id.clone(), l.period)),
            Err(_) => problems.push(
                Problem::error(format!(
                    "--accept-jump {}: `{}` is not a period",
                    shown(g),
                    shown(period)
                ))
                .expected(format!("a period: {}", crate::intake::ingest::label::FORMS)),
            ),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
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
                    args.sources.plan.display(),
                    many.len()
                ))
                .expected(format!("--plan naming one of {}", files.join(", "))),
            ])
        }
    }
}

/// Reads one input into a grid, with its SHA-256.
fn read_input(name: &str, args: &Args) -> Result<Input, Box<Problem>> {
    // (A file is hashed as it is read, on the other core.)
    let mut digest = disk::Hasher::default();
    let bytes = if name == "-" {
        let mut b = Vec::new();
        std::io::stdin()
            .read_to_end(&mut b)
            .map_err(|e| Box::new(Problem::error(format!("cannot read standard input: {e}"))))?;
        digest.update(&b);
        b
    } else {
        let path = std::path::Path::new(name);
        crate::files::read_guarded_with(path, crate::files::INPUT, &mut |b| digest.update(b))
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
    let sha256 = digest.hex();
    let ext = std::path::Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let grids = if ["xlsx", "xlsm", "xlsb", "xls", "ods"].contains(&ext.as_str()) {
        fence::read(&shown, bytes, args.sheet.as_deref())?
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
        vec![grid::from_csv(SourceFile::new(&shown, text))]
    };
    if let Some(bar) = spinner {
        bar.finish_and_clear();
    }
    Ok(Input {
        name: shown,
        sha256,
        grids,
    })
}

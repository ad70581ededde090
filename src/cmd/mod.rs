//! The subcommands, one module each, and what they share: which plans and data
//! to read, the cut-off period, and writing to a terminal or a pipe.

pub mod chart;
pub mod check;
pub mod cli;
pub mod completions;
pub mod explain;
pub mod history;
pub mod ingest;
pub mod init;
pub mod report;
pub mod schema;
pub mod status;
pub mod validate;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::core::assess::{self, Method, PlanAssessment};

use crate::core::period::Period;
use crate::intake::load::{self, Loaded};
use crate::problem::Problem;

/// What a subcommand returns: an exit code, or the problems that make it exit 2.
pub type Outcome = Result<u8, Failure>;

/// Why a subcommand stopped: its problems, and the files it had already
/// written (complete, each replaced atomically) when it stopped; nearly
/// always none, as commands check everything before they write.
#[derive(Debug, Default)]
pub struct Failure {
    pub problems: Vec<Problem>,
    pub written: Vec<PathBuf>,
}

impl From<Vec<Problem>> for Failure {
    fn from(problems: Vec<Problem>) -> Failure {
        Failure {
            problems,
            written: Vec::new(),
        }
    }
}

/// Which plans and data to read, and which part of them to assess.
#[derive(Debug, Clone, clap::Args)]
pub struct Inputs {
    /// A plan file, or a folder of them (every *.json in it).
    #[arg(long, value_name = "FILE|DIR", default_value = "targets")]
    pub plan: PathBuf,
    /// The folder holding each plan's data as <DIR>/<plan-id>/actuals.csv.
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub data: PathBuf,
    /// Assess on the data up to this quarter (e.g. 2022Q1, 2022H1, 2022年1-6月);
    /// default: the latest period the plan's data reports.
    #[arg(long, value_name = "PERIOD", value_parser = parse_period)]
    pub as_of: Option<Period>,
    /// The yardstick that decides a status: growth-ratio (actual over required
    /// growth), projection (the latest value carried to the target period) or
    /// pace (completion minus time elapsed). See docs/methods.md.
    #[arg(long, value_name = "METHOD", default_value = "growth-ratio", value_parser = parse_method)]
    pub method: Method,
}

fn parse_method(text: &str) -> Result<Method, String> {
    text.parse()
}

/// Which KPIs to report.
#[derive(Debug, Clone, clap::Args)]
pub struct Filter {
    /// Only this KPI (by id); repeat for several.
    #[arg(long = "kpi", value_name = "ID")]
    pub kpis: Vec<String>,
}

fn parse_period(text: &str) -> Result<Period, String> {
    text.parse()
        .map_err(|e: crate::core::period::PeriodError| e.to_string())
}

/// Loads and assesses plan by plan on every core, keeping only what `keep`
/// makes of each plan's assessment (its observations are dropped as soon as
/// it is assessed); errors stop the run, warnings go to standard error.
pub fn assess_each<R: Send>(
    inputs: &Inputs,
    filter: &Filter,
    keep: impl Fn(PlanAssessment) -> R + Sync,
) -> Result<Vec<R>, Vec<Problem>> {
    let (results, problems) = load::load_each(&inputs.plan, &inputs.data, |lp| {
        let ids: Vec<String> = if filter.kpis.is_empty() {
            Vec::new()
        } else {
            lp.plan.kpis.iter().map(|k| k.id.clone()).collect()
        };
        let as_of = as_of_for(inputs, &lp);
        let mut a = assess::assess(&lp.plan, &lp.observations, as_of, inputs.method);
        drop(lp);
        if !filter.kpis.is_empty() {
            a.kpis.retain(|k| filter.kpis.contains(&k.id));
        }
        (ids, (!a.kpis.is_empty()).then(|| keep(a)))
    });
    if problems.iter().any(Problem::is_error) {
        return Err(problems);
    }
    report_warnings(&problems);
    let known: Vec<&str> = results
        .iter()
        .flat_map(|(ids, _)| ids.iter().map(String::as_str))
        .collect();
    check_filter(filter, &known)?;
    Ok(results.into_iter().filter_map(|(_, r)| r).collect())
}

/// Every `--kpi` must name a KPI of some plan.
fn check_filter(filter: &Filter, known: &[&str]) -> Result<(), Vec<Problem>> {
    match filter.kpis.iter().find(|id| !known.contains(&id.as_str())) {
        None => Ok(()),
        Some(id) => Err(vec![
            Problem::error(format!("--kpi {id}: no plan has a KPI with that id"))
                .expected(format!("one of {}", known.join(", "))),
        ]),
    }
}

/// Loads the inputs; errors stop the run, warnings go to standard error.
pub fn load_inputs(inputs: &Inputs, filter: &Filter) -> Result<Loaded, Vec<Problem>> {
    let loaded = load::load(&inputs.plan, &inputs.data);
    if loaded.has_errors() {
        return Err(loaded.problems);
    }
    report_warnings(&loaded.problems);
    let known: Vec<&str> = loaded
        .plans
        .iter()
        .flat_map(|p| p.plan.kpis.iter().map(|k| k.id.as_str()))
        .collect();
    check_filter(filter, &known)?;
    Ok(loaded)
}

/// The cut-off for one plan: `--as-of`, else the plan's latest data.
pub fn as_of_for(inputs: &Inputs, lp: &load::LoadedPlan) -> Period {
    inputs
        .as_of
        .unwrap_or_else(|| assess::default_as_of(&lp.plan, &lp.observations))
}

/// Prints warnings to standard error.
pub fn report_warnings(problems: &[Problem]) {
    let warnings: Vec<Problem> = problems.iter().filter(|p| !p.is_error()).cloned().collect();
    if !warnings.is_empty() {
        eprint!("{}", crate::problem::render(&warnings, stderr_colour()));
    }
}

/// Whether to colour standard output: only on a terminal, and never with NO_COLOR set.
pub fn stdout_colour() -> bool {
    std::io::stdout().is_terminal() && no_color_unset()
}

/// Whether to colour standard error, by the same rule.
pub fn stderr_colour() -> bool {
    std::io::stderr().is_terminal() && no_color_unset()
}

fn no_color_unset() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Writes to standard output. A closed pipe (`plantrack status | head`) is not
/// an error: the reader has what it wanted.
pub fn emit(text: &str) -> Result<(), Vec<Problem>> {
    emit_with(|out| out.write_all(text.as_bytes()))
}

/// Writes to standard output what `write` writes, in pieces (a large
/// document need not be built in memory first); a closed pipe (`| head`) is
/// not an error.
pub fn emit_with(
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Vec<Problem>> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match write(&mut out).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(vec![Problem::error(format!(
            "cannot write the output: {e}"
        ))]),
    }
}

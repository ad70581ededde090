//! The command line: every subcommand and its options, shared by the binary,
//! shell completions and the man page.

use clap::{Parser, Subcommand};

use crate::cmd::{
    self, chart, check, completions, explain, history, ingest, init, read_workbook, report, schema,
    status, validate,
};

/// Track a plan's targets against quarterly actuals: where each KPI stands,
/// how far from target, and whether it is on track.
#[derive(Debug, Parser)]
#[command(name = "plantrack", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// en or zh: the language of what is printed, drawn and written (the
    /// plan's Chinese names and Chinese text); default: the plan's "lang",
    /// else zh for a Chinese locale, else en.
    #[arg(long, value_name = "LANG", value_enum, global = true)]
    pub lang: Option<crate::lang::Lang>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show every KPI's latest value, gap to target, pace and status.
    Status(status::Args),
    /// One verdict per KPI; exit 1 if any is below the bar (for scripts and CI).
    Check(check::Args),
    /// The quarterly report: headline, table, charts and a reading of each KPI (Markdown or HTML).
    Report(report::Args),
    /// Progress charts as PNG and SVG: each KPI, a dashboard, completion against time.
    Chart(chart::Args),
    /// Feed actuals from CSV or Excel into the store: validated, unit-aware, atomic.
    Ingest(ingest::Args),
    /// Every observation and every revision of one KPI, with source and time.
    History(history::Args),
    /// Every input and every step of one KPI's assessment, to redo by hand.
    Explain(explain::Args),
    /// Read every plan and data file and report every problem.
    Validate(validate::Args),
    /// Start a new plan: a commented skeleton plan file and an empty data folder.
    Init(init::Args),
    /// Print the JSON Schema of the plan file (editors validate plans with it).
    Schema(schema::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::Args),
    /// Print the man page (roff), e.g. `plantrack man > plantrack.1`.
    Man(completions::ManArgs),
    /// The fenced workbook reader's child side, run by `ingest` itself.
    #[command(hide = true)]
    ReadWorkbook(read_workbook::Args),
}

impl Cli {
    /// Runs the subcommand.
    pub fn run(&self) -> cmd::Outcome {
        match &self.command {
            Command::Status(args) => status::run(args, self.lang),
            Command::Check(args) => check::run(args, self.lang),
            Command::Report(args) => report::run(args, self.lang),
            Command::Chart(args) => chart::run(args, self.lang),
            Command::Explain(args) => explain::run(args, self.lang),
            Command::History(args) => history::run(args, self.lang),
            Command::Ingest(args) => ingest::run(args, self.lang),
            Command::Validate(args) => validate::run(args, self.lang),
            Command::Init(args) => init::run(args, self.lang),
            Command::Schema(args) => schema::run(args),
            Command::Completions(args) => completions::run(args),
            Command::Man(args) => completions::man(args),
            Command::ReadWorkbook(args) => Ok(match read_workbook::run(args) {
                0 => cmd::Exit::Done,
                _ => cmd::Exit::BadInput,
            }),
        }
    }
}

//! The command line: every subcommand and its options, shared by the binary,
//! shell completions and the man page.

use clap::{Parser, Subcommand};

use crate::cmd::{
    self, chart, check, completions, explain, history, ingest, init, report, schema, status,
    validate,
};

/// Track a plan's targets against quarterly actuals: where each KPI stands,
/// how far from target, and whether it is on track.
#[derive(Debug, Parser)]
#[command(name = "plantrack", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
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
}

impl Cli {
    /// The language the command was asked to speak, if it was; else the
    /// locale's (the plan's own `"lang"` is not known before it is read).
    pub fn lang(&self) -> crate::output::words::Lang {
        let given = match &self.command {
            Command::Status(a) => a.lang,
            Command::Check(a) => a.lang,
            Command::Explain(a) => a.lang,
            Command::Report(a) => a.lang,
            Command::Chart(a) => a.lang,
            Command::History(a) => a.lang,
            Command::Ingest(a) => a.lang,
            Command::Validate(a) => a.lang,
            _ => None,
        };
        cmd::language_given(given, std::iter::empty())
    }

    /// Runs the subcommand.
    pub fn run(&self) -> cmd::Outcome {
        match &self.command {
            Command::Status(args) => status::run(args),
            Command::Check(args) => check::run(args),
            Command::Report(args) => report::run(args),
            Command::Chart(args) => chart::run(args),
            Command::Explain(args) => explain::run(args),
            Command::History(args) => history::run(args),
            Command::Ingest(args) => ingest::run(args),
            Command::Validate(args) => validate::run(args),
            Command::Init(args) => init::run(args),
            Command::Schema(args) => schema::run(args),
            Command::Completions(args) => completions::run(args),
            Command::Man(args) => completions::man(args),
        }
    }
}

//! The `plantrack` binary: parses the command line, runs one subcommand, and
//! turns the outcome into an exit code (0 fine, 1 below the bar, 2 bad input).

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use plantrack::cmd::{self, chart, check, explain, ingest, status, validate};
use plantrack::problem::render;

/// Track a plan's targets against quarterly actuals: where each KPI stands,
/// how far from target, and whether it is on track.
#[derive(Debug, Parser)]
#[command(name = "plantrack", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Show every KPI's latest value, gap to target, pace and status.
    Status(status::Args),
    /// One verdict per KPI; exit 1 if any is below the bar (for scripts and CI).
    Check(check::Args),
    /// Progress charts as PNG and SVG: each KPI, a dashboard, completion against time.
    Chart(chart::Args),
    /// Feed actuals from CSV or Excel into the store: validated, unit-aware, atomic.
    Ingest(ingest::Args),
    /// Every input and every step of one KPI's assessment, to redo by hand.
    Explain(explain::Args),
    /// Read every plan and data file and report every problem.
    Validate(validate::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match &cli.command {
        Command::Status(args) => status::run(args),
        Command::Check(args) => check::run(args),
        Command::Chart(args) => chart::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Ingest(args) => ingest::run(args),
        Command::Validate(args) => validate::run(args),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(problems) => {
            let errors = problems.iter().filter(|p| p.is_error()).count();
            eprint!("{}", render(&problems, cmd::stderr_colour()));
            eprintln!("plantrack: {errors} error(s); nothing was assessed or written");
            ExitCode::from(2)
        }
    }
}

//! The `plantrack` binary: parses the command line, runs one subcommand, and
//! turns the outcome into an exit code (0 fine, 1 below the bar, 2 bad input).

use std::process::ExitCode;

use clap::Parser;
use plantrack::cmd::cli::Cli;
use plantrack::cmd::{self, Exit};
use plantrack::lang::Lang;
use plantrack::output::words::files::stopped;
use plantrack::problem::render;

// Loading a portfolio allocates and frees a plan's worth of rows on each core,
// plan after plan; mimalloc reuses that memory where the system allocator
// gives it back to the kernel and faults it in again (measured in
// docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.run() {
        Ok(exit) => ExitCode::from(exit.code()),
        Err(failure) => {
            // In the plan's language where the command had read it, else
            // as --lang or the locale says; each problem is described in English.
            let lang = failure
                .lang
                .unwrap_or_else(|| Lang::of_run(cli.lang, std::iter::empty()));
            let problems = &failure.problems;
            let errors = problems.iter().filter(|p| p.is_error()).count();
            cmd::say(&render(problems, cmd::stderr_colour(), lang));
            cmd::say(&format!("{}\n", stopped(lang, errors, &failure.written)));
            ExitCode::from(Exit::BadInput.code())
        }
    }
}

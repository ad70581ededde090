//! The `plantrack` binary: parses the command line, runs one subcommand, and
//! turns the outcome into an exit code (0 fine, 1 below the bar, 2 bad input).

use std::process::ExitCode;

use clap::Parser;
use plantrack::cli::Cli;
use plantrack::cmd;
use plantrack::problem::render;

fn main() -> ExitCode {
    match Cli::parse().run() {
        Ok(code) => ExitCode::from(code),
        Err(problems) => {
            let errors = problems.iter().filter(|p| p.is_error()).count();
            eprint!("{}", render(&problems, cmd::stderr_colour()));
            eprintln!("plantrack: {errors} error(s); nothing was assessed or written");
            ExitCode::from(2)
        }
    }
}

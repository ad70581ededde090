//! `plantrack completions SHELL` and `plantrack man`: generated from the
//! command-line definition itself, so they cannot fall out of date.

use clap::CommandFactory;

use super::{Exit, Outcome, emit};
use crate::cmd::cli::Cli;
use crate::problem::Problem;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ManArgs {}

pub fn run(args: &Args) -> Outcome {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "plantrack", &mut out);
    emit(&String::from_utf8_lossy(&out))?;
    Ok(Exit::Done)
}

pub fn man(_: &ManArgs) -> Outcome {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|e| vec![Problem::error(format!("cannot render the man page: {e}"))])?;
    emit(&String::from_utf8_lossy(&out))?;
    Ok(Exit::Done)
}

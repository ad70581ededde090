//! `plantrack validate`: read every plan and data file and report every
//! problem, not only the first; exit 2 if any is an error.

use super::{Inputs, Outcome, emit, stderr_colour};
use crate::load;
use crate::problem::render;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub inputs: Inputs,
}

pub fn run(args: &Args) -> Outcome {
    let loaded = load::load(&args.inputs.plan, &args.inputs.data);
    let errors = loaded.problems.iter().filter(|p| p.is_error()).count();
    let warnings = loaded.problems.len() - errors;
    if !loaded.problems.is_empty() {
        eprint!("{}", render(&loaded.problems, stderr_colour()));
    }
    let kpis: usize = loaded.plans.iter().map(|p| p.plan.kpis.len()).sum();
    let observations: usize = loaded.plans.iter().map(|p| p.observations.len()).sum();
    emit(&format!(
        "{} plan(s), {kpis} KPIs, {observations} observations read: {errors} error(s), {warnings} warning(s)\n",
        loaded.plans.len()
    ))?;
    Ok(if errors > 0 { 2 } else { 0 })
}

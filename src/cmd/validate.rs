//! `plantrack validate`: read every plan and data file and report every
//! problem, not only the first; exit 2 if any is an error.

use super::{Inputs, Outcome, emit, stderr_colour};
use crate::files::read_or_empty;
use crate::intake::load;
use crate::intake::store::disk::sha256;
use crate::intake::store::revisions::last_store_hash;
use crate::intake::workspace::StoreFiles;
use crate::problem::{Problem, render};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub inputs: Inputs,
}

pub fn run(args: &Args) -> Outcome {
    let mut loaded = load::load(&args.inputs.plan, &args.inputs.data);
    for lp in &loaded.plans {
        if let Some(p) = log_out_of_step(&args.inputs.data, &lp.plan.id) {
            loaded.problems.push(p);
        }
    }
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

/// A warning when the store is not what the revision log's last batch left:
/// edited by hand, or an ingest was interrupted (the next ingest repairs that).
fn log_out_of_step(data: &std::path::Path, plan_id: &str) -> Option<Problem> {
    let paths = StoreFiles::new(data, plan_id);
    let log = String::from_utf8(read_or_empty(&paths.revisions).ok()?).ok()?;
    if log.is_empty() {
        return None;
    }
    let expected = last_store_hash(&log)?;
    let actual = sha256(&read_or_empty(&paths.actuals).ok()?);
    (expected != actual).then(|| {
        Problem::warning(format!(
            "{} is not the store the last change in {} left",
            paths.actuals.display(),
            paths.revisions.display()
        ))
        .in_file(paths.actuals.display().to_string())
        .hint("it was edited by hand, or an ingest was interrupted (the next ingest repairs that); feed changes with plantrack ingest so they are logged")
    })
}

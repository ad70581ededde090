//! `plantrack validate`: read every plan and data file and report every
//! problem, not only the first; exit 2 if any is an error.

use super::{Exit, Outcome, Sources, emit, stderr_colour};
use crate::files::{STORE, read_guarded};
use crate::intake::load;
use crate::intake::store::disk::sha256;
use crate::intake::store::revisions::{self, last_store_hash};
use crate::intake::store::transaction::{leftovers_among, names_in};
use crate::intake::workspace::StoreFiles;
use crate::problem::{Problem, render};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub sources: Sources,
}

/// What `validate` keeps of a plan: its figures are counted and dropped as
/// soon as they are read, on the core that read them.
struct Summary {
    lang: Option<crate::lang::Lang>,
    kpis: usize,
    observations: usize,
    store: Vec<Problem>,
}

pub fn run(args: &Args, given: Option<crate::lang::Lang>) -> Outcome {
    let data = &args.sources.data;
    let (mut plans, mut problems) = load::load_each(&args.sources.plan, data, |lp| Summary {
        lang: lp.plan.lang,
        kpis: lp.plan.kpis.len(),
        observations: lp.observations.len(),
        store: store_problems(data, &lp.plan.id),
    });
    let lang = super::language_of(given, plans.iter().map(|s| s.lang), &problems);
    for s in &mut plans {
        problems.append(&mut s.store);
    }
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
    if !problems.is_empty() {
        super::say(&render(&problems, stderr_colour(), lang));
    }
    let kpis: usize = plans.iter().map(|s| s.kpis).sum();
    let observations: usize = plans.iter().map(|s| s.observations).sum();
    let plans = plans.len();
    let read = crate::output::words::files::Read {
        plans,
        kpis,
        observations,
        errors,
        warnings,
    };
    emit(&crate::output::words::files::read(lang, read))?;
    Ok(if errors > 0 {
        Exit::BadInput
    } else {
        Exit::Done
    })
}

/// What else `history`, `report` and `ingest` read of a plan's store: the
/// revision log must read (an error if damaged); a warning when the store is
/// not what the log's last batch left (edited by hand, or an interrupted
/// ingest), and for temporary files an interrupted ingest left.
fn store_problems(data: &std::path::Path, plan_id: &str) -> Vec<Problem> {
    let paths = StoreFiles::new(data, plan_id);
    let mut out = Vec::new();
    // The folder's names, listed once: they show the temporary files, and
    // whether there is a log to read at all (a store not fed by ingest has
    // none, and a thousand plans need not look for it twice each).
    let names = names_in(&paths.dir);
    let no_log = names.as_ref().is_some_and(|names| {
        let log = paths.revisions.file_name();
        !names.iter().any(|n| Some(n.as_os_str()) == log)
    });
    if !no_log {
        if let Err(p) = revisions::read(&paths.revisions) {
            out.push(p);
            return out;
        }
        if let Some(p) = log_out_of_step(&paths) {
            out.push(p);
        }
    }
    let stale = leftovers_among(&paths.dir, &names.unwrap_or_default());
    if !stale.is_empty() {
        let bytes: u64 = stale
            .iter()
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum();
        out.push(
            Problem::warning(format!(
                "{} temporary file(s) of {bytes} bytes left by an interrupted ingest",
                stale.len()
            ))
            .in_file(paths.dir.display().to_string())
            .hint("the next plantrack ingest of this plan removes them"),
        );
    }
    out
}

/// A warning when the store is not what the revision log's last batch left.
fn log_out_of_step(paths: &StoreFiles) -> Option<Problem> {
    let log = String::from_utf8(read_guarded(&paths.revisions, STORE).ok()??).ok()?;
    if log.is_empty() {
        return None;
    }
    let expected = last_store_hash(&log)?;
    let actual = sha256(
        &read_guarded(&paths.actuals, STORE)
            .ok()?
            .unwrap_or_default(),
    );
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

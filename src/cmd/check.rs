//! `plantrack check`: one verdict line per KPI and an exit code for scripts:
//! 0 all at or above the bar, 1 any below, 2 bad input. A KPI is below the
//! bar when its status is, or when the as-of year's growth target is; an
//! indicative (预期性) indicator below it is a warning, not a failure, unless
//! `--fail-on-indicative`; a binding or unmarked one fails.

use super::{Exit, Outcome, Selection, assess_each, emit};
use crate::core::assess::KpiAssessment;
use crate::core::plan::Nature;
use crate::core::status::Status;
use crate::lang::Lang;
use crate::output::status_table::StatusTable;
use crate::output::words::check::{self, Tally, Verdict};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub selection: Selection,
    /// Fail (exit 1) when a KPI is at this status or worse: needs_acceleration,
    /// limited_progress or deterioration (an overdue milestone counts as
    /// deterioration, a pending one as on track).
    #[arg(long, value_name = "STATUS", default_value = "needs_acceleration", value_parser = parse_bar)]
    pub fail_on: Status,
    /// Also fail when a KPI has no data or too little to assess.
    #[arg(long)]
    pub fail_on_missing: bool,
    /// Also fail on an indicative (预期性) indicator below the bar, which is
    /// otherwise a warning (WARN); binding ones always fail.
    #[arg(long)]
    pub fail_on_indicative: bool,
    /// Also fail a KPI whose chance of meeting its target (the forecast's,
    /// docs/methods.md) is below P: a share (0.3) or a percentage (30%).
    #[arg(long, value_name = "P", value_parser = parse_chance)]
    pub min_chance: Option<f64>,
}

fn parse_chance(text: &str) -> Result<f64, String> {
    let (number, scale) = match text.trim().strip_suffix('%') {
        Some(n) => (n.trim(), 100.0),
        None => (text.trim(), 1.0),
    };
    match number.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&(x / scale)) => Ok(x / scale),
        _ => Err(format!(
            "`{text}` is not a chance; give a share from 0 to 1 (0.3) or a percentage (30%)"
        )),
    }
}

fn parse_bar(text: &str) -> Result<Status, String> {
    let status: Status = text.parse()?;
    match status {
        Status::OnTrack
        | Status::NeedsAcceleration
        | Status::LimitedProgress
        | Status::Deterioration => Ok(status),
        _ => Err(format!(
            "`{text}` cannot be a bar; use on_track, needs_acceleration, limited_progress or deterioration \
             (and --fail-on-missing for KPIs without enough data)"
        )),
    }
}

/// One KPI's verdict against the bar: below it, a failure, or a warning
/// for an indicative indicator unless `--fail-on-indicative`; without enough
/// data, skipped unless `--fail-on-missing`.
fn verdict(k: &KpiAssessment, args: &Args) -> Verdict {
    let bar = args.fail_on.severity();
    let below = |s: Status| s.severity().zip(bar).is_some_and(|(s, bar)| s >= bar);
    let year_below = k.annual_growth.as_ref().is_some_and(|g| below(g.status));
    let unlikely = args
        .min_chance
        .zip(k.forecast.as_ref().and_then(|f| f.p_meet))
        .is_some_and(|(min, p)| p < min);
    if below(k.status) || year_below || unlikely {
        return if k.nature == Some(Nature::Indicative) && !args.fail_on_indicative {
            Verdict::Warn
        } else {
            Verdict::Fail
        };
    }
    match k.status.severity() {
        // A target in words has nothing to fall short of, nor data missing.
        None if k.status == Status::NoNumericTarget => Verdict::Skip,
        Some(_) => Verdict::Pass,
        None if args.fail_on_missing => Verdict::Fail,
        None => Verdict::Skip,
    }
}

pub fn run(args: &Args, lang: Option<Lang>) -> Outcome {
    let (assessments, lang) = assess_each(&args.selection, lang, |a| a)?;
    let mut out = String::new();
    let mut tally = Tally::default();
    for a in &assessments {
        for r in &StatusTable::of(a, lang).rows {
            let v = verdict(r.kpi, args);
            tally.total += 1;
            match v {
                Verdict::Fail => tally.failed += 1,
                Verdict::Skip if r.kpi.status == Status::NoNumericTarget => {
                    tally.unnumbered += 1;
                }
                Verdict::Skip => tally.skipped += 1,
                Verdict::Warn => tally.warned += 1,
                Verdict::Pass => {}
            }
            out.push_str(&check::line(lang, v, a, r));
        }
    }
    out.push_str(&check::summary(
        lang,
        tally,
        args.fail_on,
        args.fail_on_missing,
        args.min_chance,
    ));
    emit(&out)?;
    Ok(if tally.failed > 0 {
        Exit::BelowTheBar
    } else {
        Exit::Done
    })
}

//! `plantrack check`: one verdict line per KPI and an exit code for scripts:
//! 0 all at or above the bar, 1 any below, 2 bad input.

use super::{Filter, Inputs, Outcome, assess_each, emit};
use crate::core::assess::KpiAssessment;
use crate::core::status::Status;
use crate::output::format;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(flatten)]
    pub filter: Filter,
    /// Fail (exit 1) when a KPI is at this status or worse: needs_acceleration,
    /// limited_progress or deterioration (an overdue milestone counts as
    /// deterioration, a pending one as on track).
    #[arg(long, value_name = "STATUS", default_value = "needs_acceleration", value_parser = parse_bar)]
    pub fail_on: Status,
    /// Also fail when a KPI has no data or too little to assess.
    #[arg(long)]
    pub fail_on_missing: bool,
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

/// PASS, FAIL or SKIP for one KPI.
fn verdict(k: &KpiAssessment, args: &Args) -> &'static str {
    match (k.status.severity(), args.fail_on.severity()) {
        (Some(s), Some(bar)) if s >= bar => "FAIL",
        (Some(_), _) => "PASS",
        (None, _) if args.fail_on_missing => "FAIL",
        (None, _) => "SKIP",
    }
}

pub fn run(args: &Args) -> Outcome {
    let assessments = assess_each(&args.inputs, &args.filter, |a| a)?;
    let mut out = String::new();
    let mut failed = 0;
    let mut skipped = 0;
    let mut total = 0;
    for a in &assessments {
        for k in &a.kpis {
            let v = verdict(k, args);
            total += 1;
            match v {
                "FAIL" => failed += 1,
                "SKIP" => skipped += 1,
                _ => {}
            }
            let figure = match k.decided_by {
                Some("growth_ratio") => k
                    .growth_ratio
                    .map(|r| format!(" (growth ratio {})", format::ratio(r))),
                Some("linear_pace") => k
                    .growth_ratio
                    .map(|r| format!(" (linear pace ratio {})", format::ratio(r))),
                Some("projection") => k
                    .projection_ratio
                    .map(|r| format!(" (projection ratio {})", format::ratio(r))),
                Some("pace") => k
                    .pace_gap_pp
                    .map(|g| format!(" (pace {})", format::signed(g, "pp"))),
                Some("trend") => k
                    .actual_cagr
                    .map(|g| format!(" (own growth {} a year)", format::percent(g))),
                _ => None,
            }
            .unwrap_or_default();
            out.push_str(&format!(
                "{v} {}/{}: {}{figure}, as of {}\n",
                a.plan,
                k.id,
                k.status.label(),
                a.as_of
            ));
        }
    }
    out.push_str(&format!(
        "{failed} of {total} KPIs below the bar ({} or worse{})",
        args.fail_on.id(),
        if args.fail_on_missing {
            ", or missing data"
        } else {
            ""
        }
    ));
    if skipped > 0 {
        out.push_str(&format!(
            "; {skipped} skipped for lack of data (--fail-on-missing fails them)"
        ));
    }
    out.push('\n');
    emit(&out)?;
    Ok(if failed > 0 { 1 } else { 0 })
}

//! `plantrack check`: one verdict line per KPI and an exit code for scripts:
//! 0 all at or above the bar, 1 any below, 2 bad input.

use super::{Filter, Inputs, Outcome, assess_each, emit};
use crate::core::assess::KpiAssessment;
use crate::core::status::Status;
use crate::output::words::Lang;

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

/// One KPI's verdict against the bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Pass,
    Fail,
    /// Too little data to judge, and `--fail-on-missing` not given.
    Skip,
}

impl Verdict {
    fn of(k: &KpiAssessment, args: &Args) -> Verdict {
        match (k.status.severity(), args.fail_on.severity()) {
            (Some(s), Some(bar)) if s >= bar => Verdict::Fail,
            (Some(_), _) => Verdict::Pass,
            (None, _) if args.fail_on_missing => Verdict::Fail,
            (None, _) => Verdict::Skip,
        }
    }

    fn word(self) -> &'static str {
        match self {
            Verdict::Pass => "PASS",
            Verdict::Fail => "FAIL",
            Verdict::Skip => "SKIP",
        }
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
            let v = Verdict::of(k, args);
            total += 1;
            match v {
                Verdict::Fail => failed += 1,
                Verdict::Skip => skipped += 1,
                Verdict::Pass => {}
            }
            let figure = k
                .deciding_figure()
                .and_then(|(by, v)| Lang::En.deciding_figure(by, v))
                .map_or(String::new(), |f| format!(" ({f})"));
            out.push_str(&format!(
                "{} {}/{}: {}{figure}, as of {}\n",
                v.word(),
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

//! `plantrack check`: one verdict line per KPI and an exit code for scripts:
//! 0 all at or above the bar, 1 any below, 2 bad input. A KPI is below the
//! bar when its status is, or when the as-of year's growth target is; an
//! indicative (预期性) indicator below it is a warning, not a failure, unless
//! `--fail-on-indicative`; a binding or unmarked one fails.

use super::{Cut, Exit, Filter, Outcome, Sources, assess_each, emit};
use crate::core::assess::KpiAssessment;
use crate::core::plan::{Kind, Nature};
use crate::core::status::Status;
use crate::lang::Lang;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub sources: Sources,
    #[command(flatten)]
    pub cut: Cut,
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
    /// Also fail on an indicative (预期性) indicator below the bar, which is
    /// otherwise a warning (WARN); binding ones always fail.
    #[arg(long)]
    pub fail_on_indicative: bool,
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
    /// An indicative indicator below the bar, and `--fail-on-indicative` not given.
    Warn,
    /// Too little data to judge, and `--fail-on-missing` not given.
    Skip,
}

impl Verdict {
    fn of(k: &KpiAssessment, args: &Args) -> Verdict {
        let bar = args.fail_on.severity();
        let below = |s: Status| s.severity().zip(bar).is_some_and(|(s, bar)| s >= bar);
        let year_below = k.annual_growth.as_ref().is_some_and(|g| below(g.status));
        if below(k.status) || year_below {
            return if k.nature == Some(Nature::Indicative) && !args.fail_on_indicative {
                Verdict::Warn
            } else {
                Verdict::Fail
            };
        }
        match k.status.severity() {
            Some(_) => Verdict::Pass,
            None if args.fail_on_missing => Verdict::Fail,
            None => Verdict::Skip,
        }
    }

    fn word(self, lang: Lang) -> &'static str {
        match self {
            Verdict::Pass => lang.pick("PASS", "通过"),
            Verdict::Fail => lang.pick("FAIL", "不达标"),
            Verdict::Warn => lang.pick("WARN", "警示"),
            Verdict::Skip => lang.pick("SKIP", "跳过"),
        }
    }
}

pub fn run(args: &Args, lang: Option<crate::lang::Lang>) -> Outcome {
    let (assessments, lang) = assess_each(&args.sources, &args.cut, &args.filter, lang, |a| a)?;
    let mut out = String::new();
    let mut failed = 0;
    let mut skipped = 0;
    let mut warned = 0;
    let mut total = 0;
    for a in &assessments {
        for k in &a.kpis {
            let v = Verdict::of(k, args);
            total += 1;
            match v {
                Verdict::Fail => failed += 1,
                Verdict::Skip => skipped += 1,
                Verdict::Warn => warned += 1,
                Verdict::Pass => {}
            }
            out.push_str(&verdict_line(v, a, k, lang));
        }
    }
    if lang.is_zh() {
        out.push_str(&format!(
            "{total}项指标中{failed}项低于标准（{}或更差{}）",
            lang.status(args.fail_on),
            if args.fail_on_missing {
                "，或缺少数据"
            } else {
                ""
            }
        ));
        if warned > 0 {
            out.push_str(&format!(
                "；{warned}项预期性指标低于标准，未判为不达标（--fail-on-indicative 可判为不达标）"
            ));
        }
        if skipped > 0 {
            out.push_str(&format!(
                "；{skipped}项因数据不足跳过（--fail-on-missing 可判为不达标）"
            ));
        }
        out.push('\n');
        emit(&out)?;
        return Ok(if failed > 0 {
            Exit::BelowTheBar
        } else {
            Exit::Done
        });
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
    if warned > 0 {
        out.push_str(&format!(
            "; {warned} indicative below it, not failed (--fail-on-indicative fails them)"
        ));
    }
    if skipped > 0 {
        out.push_str(&format!(
            "; {skipped} skipped for lack of data (--fail-on-missing fails them)"
        ));
    }
    out.push('\n');
    emit(&out)?;
    Ok(if failed > 0 {
        Exit::BelowTheBar
    } else {
        Exit::Done
    })
}

/// One KPI's line: the verdict, the KPI, its status and deciding figure, the
/// period, a target the plan states as a growth (with its level), and a
/// year's growth target.
fn verdict_line(
    v: Verdict,
    a: &crate::core::assess::PlanAssessment,
    k: &crate::core::assess::KpiAssessment,
    lang: Lang,
) -> String {
    use crate::output::words::PeriodAs;
    let zh = lang.is_zh();
    let figure = k
        .deciding_figure()
        .and_then(|(by, v)| lang.deciding_figure(by, v))
        .map_or(String::new(), |f| {
            if zh {
                format!("（{f}）")
            } else {
                format!(" ({f})")
            }
        });
    // The latest figure with its period, and its growth on a year earlier.
    // (The table's marks, * and †, are explained under the table only.)
    let cells = crate::output::render::cells_in(k, a.method, lang);
    let shown = cells[1].replace(['*', '†'], "");
    let latest = match (k.latest.is_some() && k.kind != Kind::Milestone, zh) {
        (false, _) => String::new(),
        (true, false) => format!(", latest {shown}"),
        (true, true) => format!("，最新值{shown}"),
    };
    let yoy = crate::output::render::yoy_text(k, lang).map_or(String::new(), |y| match lang {
        Lang::En => format!(", {y} on a year earlier"),
        Lang::Zh => format!("，同比{y}"),
    });
    let derived = k.target.stated.is_some_and(|s| s.is_derived());
    let target = match (derived, zh) {
        (false, _) => String::new(),
        (true, false) => format!(", target {}", crate::output::render::target_cell(k, lang)),
        (true, true) => format!("，目标{}", cells[2]),
    };
    let year = k.annual_growth.as_ref().map_or(String::new(), |g| {
        format!(
            "{}{}",
            lang.pick("; ", "；"),
            lang.annual_growth(g, PeriodAs::of(k.kind))
        )
    });
    // The unit the figures are in, after the KPI (in Chinese, money in 亿元).
    let unit = match lang.money(&k.unit, k.unit_zh.as_deref()).1 {
        u if u.is_empty() || k.kind == Kind::Milestone => String::new(),
        u if zh => format!("（{u}）"),
        u => format!(" ({u})"),
    };
    if zh {
        let name = lang.name(&k.name, k.name_zh.as_deref());
        let as_of = lang.period(a.as_of, PeriodAs::Level);
        format!(
            "{} {}/{} {name}{unit}：{}{figure}，截至{as_of}{latest}{yoy}{target}{year}\n",
            v.word(lang),
            a.plan,
            k.id,
            lang.status(k.status),
        )
    } else {
        format!(
            "{} {}/{}{unit}: {}{figure}, as of {}{latest}{yoy}{target}{year}\n",
            v.word(lang),
            a.plan,
            k.id,
            k.status.label(),
            a.as_of
        )
    }
}

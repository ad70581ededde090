//! `plantrack explain KPI`: every input and step behind one KPI's status.

use super::{Cut, Exit, Failure, Filter, Outcome, Sources, as_of_for, emit, load_inputs};

use crate::core::explain;
use crate::lang::Lang;
use crate::output::words;
use crate::problem::Problem;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The KPI id, or `PLAN/KPI` when several plans have one by that id.
    #[arg(value_name = "KPI")]
    pub kpi: String,
    #[command(flatten)]
    pub sources: Sources,
    #[command(flatten)]
    pub cut: Cut,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Steps for people: formula, numbers, result.
    Text,
    /// The same steps, with unrounded results.
    Json,
}

pub fn run(args: &Args, given: Option<Lang>) -> Outcome {
    let (loaded, lang) = load_inputs(&args.sources, &Filter { kpis: Vec::new() }, given)?;
    let (plan_id, kpi_id) = match args.kpi.split_once('/') {
        Some((p, k)) => (Some(p), k),
        None => (None, args.kpi.as_str()),
    };
    let matches: Vec<_> = loaded
        .plans
        .iter()
        .filter(|lp| plan_id.is_none_or(|p| lp.plan.id == p))
        .filter_map(|lp| lp.plan.kpi_named(kpi_id).map(|k| (lp, k)))
        .collect();
    let (lp, kpi) = match matches.as_slice() {
        [one] => *one,
        [] => {
            let known: Vec<String> = loaded
                .plans
                .iter()
                .flat_map(|lp| {
                    lp.plan
                        .kpis
                        .iter()
                        .map(move |k| format!("{}/{}", lp.plan.id, k.id))
                })
                .collect();
            let near = loaded
                .plans
                .iter()
                .find_map(|lp| lp.plan.nearest_kpi_name(kpi_id));
            let known: Vec<&str> = known.iter().map(String::as_str).collect();
            return Err(
                Failure::from(vec![super::not_a_kpi(&args.kpi, near, &known)]).in_lang(lang),
            );
        }
        many => {
            let names: Vec<String> = many
                .iter()
                .map(|(lp, k)| format!("{}/{}", lp.plan.id, k.id))
                .collect();
            return Err(Failure::from(vec![
                Problem::error(format!("KPI `{}` is in several plans", args.kpi))
                    .expected(format!("one of {}", names.join(", "))),
            ])
            .in_lang(lang));
        }
    };
    let as_of = as_of_for(&args.cut, lp);
    let method = args.cut.method;
    // Said in the language of the KPI's own plan, where --lang does not say.
    let lang = Lang::of_run(given, std::iter::once(lp.plan.lang));
    let text = match args.format {
        Format::Text => {
            words::explain::of_kpi(&lp.plan, kpi, &lp.observations, as_of, method, lang)
        }
        Format::Json => {
            // JSON keeps the plan's unit, as `status` does.
            let ex = explain::of_kpi(&lp.plan, kpi, &lp.observations, as_of, method, 1.0);
            let mut s = crate::text::json_pretty(&ex);
            s.push('\n');
            s
        }
    };
    emit(&text)?;
    Ok(Exit::Done)
}

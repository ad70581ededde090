//! `plantrack history KPI`: every observation of a KPI in the store and every
//! logged change to it, with source and time, so a figure can be traced back.

use crate::core::observation::Basis;
use crate::core::period::Period;
use crate::lang::Lang;
use crate::output::format::{self, GLUE, glued};
use crate::output::words::PeriodAs;
use crate::output::words::history as words;
use comfy_table::{ColumnConstraint, ContentArrangement, Table, presets};
use serde::Serialize;

use super::{Exit, Failure, Outcome, emit};
use crate::intake::store::revisions::{self, Entry};
use crate::intake::workspace::StoreFiles;
use crate::output::render::csv::text as safe_cell;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The KPI's id (as in the plan file).
    #[arg(value_name = "KPI")]
    pub kpi: String,
    #[command(flatten)]
    pub sources: super::Sources,
    /// table (for people), csv or json (every field, unrounded).
    #[arg(long, value_name = "FORMAT", value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// One figure as stored.
#[derive(Debug, Serialize)]
struct Figure {
    plan: String,
    period: Period,
    value: f64,
    unit: String,
    /// The plan's unit for Chinese output (not in JSON).
    #[serde(skip)]
    unit_zh: Option<String>,
    basis: Basis,
    scope: String,
    /// The plan's Chinese name of the scope (not in JSON).
    #[serde(skip)]
    scope_zh: Option<String>,
    source: String,
    note: String,
    /// The 同比 published with it, as stored (null for none).
    yoy: Option<f64>,
}

/// One logged change, with its plan.
#[derive(Debug, Serialize)]
struct Change {
    plan: String,
    #[serde(flatten)]
    entry: Entry,
    /// The KPI's unit and how its figures are dated (not in JSON: for the
    /// table's Chinese).
    #[serde(skip)]
    unit: String,
    #[serde(skip)]
    unit_zh: Option<String>,
    #[serde(skip)]
    dated: PeriodAs,
    #[serde(skip)]
    scope_zh: Option<String>,
}

pub fn run(args: &Args, given: Option<Lang>) -> Outcome {
    let filter = super::Filter { kpis: Vec::new() };
    let (loaded, lang) = super::load_inputs(&args.sources, &filter, given)?;
    // The KPI by any of its names, plan by plan.
    let plans: Vec<_> = loaded
        .plans
        .iter()
        .filter_map(|lp| lp.plan.kpi_named(&args.kpi).map(|k| (lp, k.id.clone())))
        .collect();
    if plans.is_empty() {
        let known: Vec<&str> = loaded
            .plans
            .iter()
            .flat_map(|p| p.plan.kpis.iter().map(|k| k.id.as_str()))
            .collect();
        let near = loaded
            .plans
            .iter()
            .find_map(|lp| lp.plan.nearest_kpi_name(&args.kpi));
        return Err(Failure::from(vec![super::not_a_kpi(&args.kpi, near, &known)]).in_lang(lang));
    }
    // The KPI by its name in the run's language, whatever the user typed.
    let title = plans
        .first()
        .and_then(|(lp, id)| lp.plan.kpi(id))
        .map_or(args.kpi.clone(), |k| {
            lang.name(&k.name, k.name_zh.as_deref()).to_string()
        });
    let mut figures = Vec::new();
    let mut changes = Vec::new();
    for (lp, id) in plans {
        let kpi = lp.plan.kpi(&id);
        let unit = kpi.map(|k| k.unit.clone()).unwrap_or_default();
        let unit_zh = kpi.and_then(|k| k.unit_zh.clone());
        let dated = kpi.map_or(PeriodAs::Due, |k| PeriodAs::of(k.kind));
        let mut own: Vec<_> = lp.observations.iter().filter(|o| *o.kpi == *id).collect();
        own.sort_by(|a, b| a.period.cmp(&b.period).then(a.scope.cmp(&b.scope)));
        figures.extend(own.into_iter().map(|o| Figure {
            plan: lp.plan.id.clone(),
            period: o.period,
            value: o.value,
            unit: unit.clone(),
            unit_zh: unit_zh.clone(),
            basis: o.basis,
            scope: o.scope.to_string(),
            scope_zh: lp.plan.scopes_zh.get(&*o.scope).cloned(),
            source: o.source.to_string(),
            note: o.note.as_deref().unwrap_or_default().to_string(),
            yoy: o.yoy_pct,
        }));
        let log = StoreFiles::new(&args.sources.data, &lp.plan.id).revisions;
        let entries = revisions::read(&log)
            .map_err(|p| Failure::from(vec![p]).in_lang(lang))?
            .unwrap_or_default();
        changes.extend(
            entries
                .into_iter()
                .filter(|e| e.kpi == id)
                .map(|entry| Change {
                    plan: lp.plan.id.clone(),
                    unit: unit.clone(),
                    unit_zh: unit_zh.clone(),
                    dated,
                    scope_zh: lp.plan.scopes_zh.get(&entry.scope).cloned(),
                    entry,
                }),
        );
    }
    let text = match args.format {
        Format::Json => {
            let doc = serde_json::json!({ "kpi": args.kpi, "observations": figures, "revisions": changes });
            crate::text::json_pretty(&doc) + "\n"
        }
        Format::Csv => csv_text(&figures, &changes),
        Format::Table => table_text(&title, &figures, &changes, lang),
    };
    emit(&text)?;
    Ok(Exit::Done)
}

/// How the history is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

fn table_text(kpi: &str, figures: &[Figure], changes: &[Change], lang: Lang) -> String {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED);
    // The plan's column only where the KPI is in several plans.
    let several = figures
        .iter()
        .map(|f| &f.plan)
        .chain(changes.iter().map(|c| &c.plan))
        .collect::<std::collections::BTreeSet<_>>()
        .len()
        > 1;
    let from = usize::from(!several);
    t.set_header(&words::figure_headings(lang)[from..]);
    for f in figures {
        let value = words::figure(lang, f.value, &f.unit, f.unit_zh.as_deref());
        let dated = match f.basis {
            Basis::Ytd => PeriodAs::YearToDate,
            Basis::Level => PeriodAs::Level,
            Basis::Quarter | Basis::Increment => PeriodAs::Due,
        };
        let (basis, period) = (lang.basis(f.basis), lang.period(f.period, dated));
        let yoy = crate::output::words::published_yoy(
            lang,
            f.yoy,
            crate::core::units::is_percent(&f.unit),
        );
        t.add_row(
            [
                f.plan.as_str(),
                &period,
                &value,
                &yoy,
                basis,
                words::scope(lang, &f.scope, f.scope_zh.as_deref()),
                &glued(&f.source),
                &glued(&f.note),
            ][from..]
                .to_vec(),
        );
    }
    // The plan's id, period, value, 同比 and basis whole; scope, source and
    // note wrap.
    let whole: Vec<usize> = [0, 1, 2, 3, 4]
        .into_iter()
        .filter(|&i| i >= from)
        .map(|i| i - from)
        .collect();
    fit(&mut t, &whole);
    let mut out = words::figures_line(lang, kpi, figures.len(), &t.to_string());
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED);
    t.set_header(&words::change_headings(lang)[from..]);
    for c in changes {
        let e = &c.entry;
        let period = e
            .period
            .parse()
            .map_or(e.period.clone(), |p| lang.period(p, c.dated));
        // Money as the table above counts it (22.4 billion yuan is 224亿元).
        // A revised 同比 is a percentage, in no unit but %.
        let (scale, unit) = lang.money(&c.unit, c.unit_zh.as_deref());
        let shown = |v: &str| match v.parse::<f64>() {
            Ok(x) if scale != 1.0 && !e.change.yoy => {
                format!("{}{unit}", format::value(x * scale))
            }
            _ => v.to_string(),
        };
        let (old, new) = (shown(&e.old_value), shown(&e.new_value));
        let logged = words::logged_at(&e.time_utc);
        let change = words::change(lang, e.change);
        let file = glued(&e.source_file);
        t.add_row(
            [
                c.plan.as_str(),
                &logged,
                &period,
                words::scope(lang, &e.scope, c.scope_zh.as_deref()),
                &change,
                &old,
                &new,
                &file,
            ][from..]
                .to_vec(),
        );
    }
    // The plan's id, time, period, change and the values whole; the rest wrap.
    let whole: Vec<usize> = [0, 1, 2, 4, 5, 6]
        .into_iter()
        .filter(|&i| i >= from)
        .map(|i| i - from)
        .collect();
    fit(&mut t, &whole);
    out.push_str(&words::changes_line(
        lang,
        kpi,
        changes.len(),
        &t.to_string(),
    ));
    // The glue has done its work: a reader copies plain spaces.
    out.replace(GLUE, " ")
}

/// Fits `t` to the terminal's width (as `status` does), wrapping the
/// columns of text and never those in `whole`.
fn fit(t: &mut Table, whole: &[usize]) {
    t.set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(super::text_width()).unwrap_or(u16::MAX));
    for &i in whole {
        if let Some(c) = t.column_mut(i) {
            c.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
}

/// One CSV: observations (`record = observation`) then changes (`record = revision`).
fn csv_text(figures: &[Figure], changes: &[Change]) -> String {
    let mut builder = csv::WriterBuilder::new();
    builder.terminator(csv::Terminator::Any(b'\n'));
    crate::text::csv(&builder, 0, |w| {
        w.write_record([
            "record",
            "plan",
            "period",
            "value",
            "unit",
            "basis",
            "scope",
            "source",
            "note",
            "time_utc",
            "change",
            "old_value",
            "source_file",
            "yoy",
        ])?;
        for f in figures {
            let (value, period) = (f.value.to_string(), f.period.to_string());
            let yoy = f.yoy.map(|y| y.to_string()).unwrap_or_default();
            let row = [
                "observation",
                &f.plan,
                &period,
                &value,
                &f.unit,
                f.basis.id(),
                &f.scope,
                &f.source,
                &f.note,
                "",
                "",
                "",
                "",
                &yoy,
            ];
            w.write_record(row.map(safe_cell))?;
        }
        for c in changes {
            let e = &c.entry;
            let row = [
                "revision",
                &c.plan,
                &e.period,
                &e.new_value,
                "",
                "",
                &e.scope,
                "",
                "",
                &e.time_utc,
                &e.change.to_string(),
                &e.old_value,
                &e.source_file,
                "",
            ];
            w.write_record(row.map(safe_cell))?;
        }
        Ok(())
    })
}

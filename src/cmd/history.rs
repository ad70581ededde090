//! `plantrack history KPI`: every observation of a KPI in the store and every
//! logged change to it, with source and time, so a figure can be traced back.

use std::path::PathBuf;

use comfy_table::{Table, presets};
use serde::Serialize;

use super::{Outcome, emit, report_warnings};
use crate::intake::load;
use crate::intake::store::revisions::{self, Entry};
use crate::intake::workspace::StoreFiles;
use crate::output::render::csv::text as safe_cell;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The KPI's id (as in the plan file).
    #[arg(value_name = "KPI")]
    pub kpi: String,
    /// A plan file, or a folder of them (every *.json in it).
    #[arg(long, value_name = "FILE|DIR", default_value = "targets")]
    pub plan: PathBuf,
    /// The folder holding each plan's data as <DIR>/<plan-id>/actuals.csv.
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub data: PathBuf,
    /// table (for people), csv or json (every field, unrounded).
    #[arg(long, value_name = "FORMAT", value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// One figure as stored.
#[derive(Debug, Serialize)]
struct Figure {
    plan: String,
    period: String,
    value: f64,
    unit: String,
    basis: &'static str,
    scope: String,
    source: String,
    note: String,
}

/// One logged change, with its plan.
#[derive(Debug, Serialize)]
struct Change {
    plan: String,
    #[serde(flatten)]
    entry: Entry,
}

pub fn run(args: &Args) -> Outcome {
    let loaded = load::load(&args.plan, &args.data);
    if loaded.has_errors() {
        return Err(loaded.problems.into());
    }
    report_warnings(&loaded.problems);
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
        return Err(vec![super::not_a_kpi(&args.kpi, near, &known)].into());
    }
    let mut figures = Vec::new();
    let mut changes = Vec::new();
    for (lp, id) in plans {
        let unit = lp.plan.kpi(&id).map(|k| k.unit.clone()).unwrap_or_default();
        let mut own: Vec<_> = lp.observations.iter().filter(|o| *o.kpi == *id).collect();
        own.sort_by(|a, b| a.period.cmp(&b.period).then(a.scope.cmp(&b.scope)));
        figures.extend(own.into_iter().map(|o| Figure {
            plan: lp.plan.id.clone(),
            period: o.period.to_string(),
            value: o.value,
            unit: unit.clone(),
            basis: o.basis.id(),
            scope: o.scope.to_string(),
            source: o.source.to_string(),
            note: o.note.as_deref().unwrap_or_default().to_string(),
        }));
        let log = StoreFiles::new(&args.data, &lp.plan.id).revisions;
        let entries = revisions::read(&log)
            .map_err(|p| vec![p])?
            .unwrap_or_default();
        changes.extend(
            entries
                .into_iter()
                .filter(|e| e.kpi == id)
                .map(|entry| Change {
                    plan: lp.plan.id.clone(),
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
        Format::Table => table_text(&args.kpi, &figures, &changes),
    };
    emit(&text)?;
    Ok(0)
}

/// How the history is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

fn table_text(kpi: &str, figures: &[Figure], changes: &[Change]) -> String {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED);
    t.set_header([
        "Plan", "Period", "Value", "Basis", "Scope", "Source", "Note",
    ]);
    for f in figures {
        let value = if f.unit.is_empty() {
            f.value.to_string()
        } else {
            format!("{} {}", f.value, f.unit)
        };
        t.add_row([
            &f.plan, &f.period, &value, f.basis, &f.scope, &f.source, &f.note,
        ]);
    }
    let mut out = if figures.is_empty() {
        format!("{kpi}: no observation in the store\n")
    } else {
        format!("{kpi}: {} observation(s)\n{t}\n", figures.len())
    };
    if changes.is_empty() {
        out.push_str("no logged change (figures not fed by `plantrack ingest` have no log)\n");
    } else {
        let mut t = Table::new();
        t.load_preset(presets::UTF8_FULL_CONDENSED);
        t.set_header([
            "Plan",
            "Logged (UTC)",
            "Period",
            "Scope",
            "Change",
            "Old",
            "New",
            "From file",
        ]);
        for c in changes {
            let e = &c.entry;
            t.add_row([
                &c.plan,
                &e.time_utc,
                &e.period,
                &e.scope,
                &e.change,
                &e.old_value,
                &e.new_value,
                &e.source_file,
            ]);
        }
        out.push_str(&format!("{kpi}: {} logged change(s)\n{t}\n", changes.len()));
    }
    out
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
        ])?;
        for f in figures {
            let value = f.value.to_string();
            let row = [
                "observation",
                &f.plan,
                &f.period,
                &value,
                &f.unit,
                f.basis,
                &f.scope,
                &f.source,
                &f.note,
                "",
                "",
                "",
                "",
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
                &e.change,
                &e.old_value,
                &e.source_file,
            ];
            w.write_record(row.map(safe_cell))?;
        }
        Ok(())
    })
}

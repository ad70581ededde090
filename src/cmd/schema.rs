//! `plantrack schema`: the JSON Schema of the plan file, derived from the
//! plan's own types so it cannot disagree with the loader.

use super::{Exit, Outcome, emit};
use crate::core::plan::Plan;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {}

/// The schema as pretty JSON, ending in a newline.
pub fn plan_schema() -> String {
    let mut schema = schemars::schema_for!(Plan);
    schema.insert(
        "title".into(),
        "plantrack plan file (targets/*.json)".into(),
    );
    schema.insert(
        "description".into(),
        "A published plan's KPIs, baselines, targets and milestones. Rules beyond the shape (ids unique, the comparator agrees with the direction, periods in order) are checked by `plantrack validate`; docs/plan-format.md describes every field.".into(),
    );
    let mut text = crate::text::json_pretty(&schema);
    text.push('\n');
    text
}

pub fn run(_: &Args) -> Outcome {
    emit(&plan_schema())?;
    Ok(Exit::Done)
}

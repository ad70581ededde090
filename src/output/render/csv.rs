//! The assessment as CSV: one row per KPI, every figure in its own column,
//! safe to open in Excel.

use crate::core::assess::{KpiAssessment, PlanAssessment};
use crate::core::methods::DecidedBy;
use crate::core::plan::{Comparator, Nature};

/// The CSV columns, in order.
#[rustfmt::skip]
pub const COLUMNS: [&str; 42] = [
    "plan", "as_of", "method", "kpi", "name", "name_zh", "unit", "kind", "scope", "status", "decided_by",
    "latest_period", "latest_value", "latest_reported", "latest_estimated", "latest_scope",
    "baseline_period", "baseline_value", "target_period", "target_value", "comparator", "expected",
    "gap", "gap_pct", "attainment", "gap_to_trajectory", "completion", "time_elapsed", "pace_gap_pp",
    "time_distance_quarters", "slack_quarters", "actual_cagr", "required_cagr", "growth_ratio",
    "projection_ratio", "required_rate", "projected", "yoy_pct", "yoy_pp", "yoy_published", "next_milestone_status",
    "next_milestone_period",
];

/// After `reason` and `caveat`: the target as the plan states it, the
/// indicator's nature and the as-of year's growth target.
pub const STATED_COLUMNS: [&str; 7] = [
    "target_form",
    "target_stated",
    "nature",
    "year_growth_year",
    "year_growth_target_pct",
    "year_growth_pct",
    "year_growth_status",
];

/// Header and rows; figures unrounded, text cells guarded against formula injection.
pub fn render(assessments: &[PlanAssessment]) -> String {
    let rows: Vec<Vec<u8>> = assessments.iter().map(rows).collect();
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    write(&mut out, &rows).expect("CSV is written to memory");
    String::from_utf8(out).expect("CSV of UTF-8 fields is UTF-8")
}

/// One plan's rows, as UTF-8 bytes. Plans are rendered apart, on every
/// core, and written after the header by `write`: the csv writer quotes
/// each field by its own text alone, so the pieces joined are the bytes
/// one writer makes of the whole.
pub fn rows(a: &PlanAssessment) -> Vec<u8> {
    let text = crate::text::csv(&csv::WriterBuilder::new(), 0, |w| {
        a.kpis.iter().try_for_each(|k| w.write_record(row(a, k)))
    });
    text.into_bytes()
}

/// The header, then each plan's `rows`.
pub fn write(out: &mut (impl std::io::Write + ?Sized), rows: &[Vec<u8>]) -> std::io::Result<()> {
    out.write_all(header().as_bytes())?;
    rows.iter().try_for_each(|r| out.write_all(r))
}

/// The header line: every column's name.
pub fn header() -> String {
    let mut header: Vec<&str> = COLUMNS.to_vec();
    header.extend(["reason", "caveat"]);
    header.extend(STATED_COLUMNS);
    crate::text::csv(&csv::WriterBuilder::new(), 0, |w| w.write_record(&header))
}

fn row(a: &PlanAssessment, k: &KpiAssessment) -> Vec<String> {
    // -0 is written 0.
    // Figures to 12 significant digits: no float noise (docs/json-output.md).
    let num = |x: Option<f64>| {
        x.map(|v| crate::output::format::twelve_digits(v + 0.0))
            .unwrap_or_default()
    };
    let latest = k.latest.as_ref();
    let baseline = k.baseline.as_ref();
    let mut r = vec![
        text(&a.plan),
        a.as_of.to_string(),
        a.method.id().to_string(),
        text(&k.id),
        text(&k.name),
        text(k.name_zh.as_deref().unwrap_or_default()),
        text(&k.unit),
        k.kind.id().to_string(),
        text(&k.scope),
        k.status.id().to_string(),
        k.decided_by.map_or("", DecidedBy::id).to_string(),
        latest.map(|l| l.period.to_string()).unwrap_or_default(),
        num(latest.map(|l| l.value)),
        num(latest.map(|l| l.reported)),
        latest.map(|l| l.estimated.to_string()).unwrap_or_default(),
        latest.map(|l| text(&l.scope)).unwrap_or_default(),
        baseline.map(|b| b.period.to_string()).unwrap_or_default(),
        num(baseline.map(|b| b.value)),
        k.target.period.to_string(),
        num(k.target.value),
        k.target
            .comparator
            .map_or("", Comparator::symbol)
            .to_string(),
    ];
    r.extend(
        [
            k.expected,
            k.gap,
            k.gap_pct,
            k.attainment,
            k.gap_to_trajectory,
            k.completion,
            k.time_elapsed,
            k.pace_gap_pp,
            k.time_distance_quarters,
            k.slack_quarters.map(f64::from),
            k.actual_cagr,
            k.required_cagr,
            k.growth_ratio,
            k.projection_ratio,
            k.required_rate,
            k.projected,
            k.yoy.as_ref().and_then(|y| y.pct),
            k.yoy.as_ref().and_then(|y| y.pp),
        ]
        .map(num),
    );
    r.push(
        k.yoy
            .as_ref()
            .map(|y| y.published.to_string())
            .unwrap_or_default(),
    );
    r.push(
        k.next_milestone
            .as_ref()
            .map(|m| m.status.id().to_string())
            .unwrap_or_default(),
    );
    r.push(
        k.next_milestone
            .as_ref()
            .map(|m| m.period.to_string())
            .unwrap_or_default(),
    );
    r.push(text(k.reason.as_deref().unwrap_or("")));
    r.push(text(k.caveat.as_deref().unwrap_or("")));
    let stated = k.target.stated;
    r.push(stated.map_or("", |s| s.key()).to_string());
    r.push(num(stated.map(|s| s.number())));
    r.push(match k.nature {
        Some(Nature::Binding) => "binding".to_string(),
        Some(Nature::Indicative) => "indicative".to_string(),
        None => String::new(),
    });
    let g = k.annual_growth.as_ref();
    r.push(g.map(|g| g.year.to_string()).unwrap_or_default());
    r.push(num(g.map(|g| g.target_pct)));
    r.push(num(g.and_then(|g| g.yoy_pct)));
    r.push(g.map(|g| g.status.id().to_string()).unwrap_or_default());
    r
}

/// A text cell that Excel will not run as a formula: one starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe
/// (OWASP's advice), unless it is a plain number.
pub fn text(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && s.parse::<f64>().is_err() {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn every_row_fills_every_column() {
        let plan: crate::core::plan::Plan = serde_json::from_str(
            r#"{"id": "t", "name": "T", "source": "test", "baseline_period": "2020Q4",
                "target_period": "2024Q4", "kpis": [{"id": "x", "name": "X", "unit": "u",
                "kind": "level", "direction": "increase", "target": {"value": 2}}]}"#,
        )
        .unwrap();
        let a = crate::core::assess::assess(&plan, &[], plan.baseline_period, Default::default());
        let row = super::row(&a, &a.kpis[0]);
        assert_eq!(
            row.len(),
            super::COLUMNS.len() + 2 + super::STATED_COLUMNS.len()
        );
    }

    #[test]
    fn plans_rendered_apart_and_joined_are_what_one_writer_makes_of_all() {
        // Names that need quoting (comma, quote, line break), on several plans.
        let plans: Vec<_> = ["a", "b,\"c\"", "d\ne"]
            .iter()
            .map(|name| {
                let plan: crate::core::plan::Plan = serde_json::from_str(&format!(
                    r#"{{"id": "t", "name": "T", "source": "test", "baseline_period": "2020Q4",
                        "target_period": "2024Q4", "kpis": [
                        {{"id": "x", "name": {name:?}, "unit": "u", "kind": "level",
                          "direction": "increase", "target": {{"value": 2}}}},
                        {{"id": "y", "name": "Y", "unit": "%", "kind": "ratio",
                          "direction": "decrease", "target": {{"value": 1}}}}]}}"#
                ))
                .unwrap();
                crate::core::assess::assess(&plan, &[], plan.baseline_period, Default::default())
            })
            .collect();
        let mut header: Vec<&str> = super::COLUMNS.to_vec();
        header.extend(["reason", "caveat"]);
        header.extend(super::STATED_COLUMNS);
        for n in 0..=plans.len() {
            let one_writer = crate::text::csv(&csv::WriterBuilder::new(), 0, |w| {
                w.write_record(&header)?;
                for a in &plans[..n] {
                    for k in &a.kpis {
                        w.write_record(super::row(a, k))?;
                    }
                }
                Ok(())
            });
            assert_eq!(super::render(&plans[..n]), one_writer, "{n} plans");
        }
        assert!(super::render(&plans).contains("\"b,\"\"c\"\"\""));
    }

    #[test]
    fn formulas_are_defused_numbers_are_not() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("-410.4"), "-410.4");
        assert_eq!(text("+cmd"), "'+cmd");
        assert_eq!(text("zone"), "zone");
    }
}

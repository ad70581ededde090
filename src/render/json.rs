//! The assessment as JSON, in the schema docs/json-output.md documents.

use crate::assess::PlanAssessment;

/// One plan as an object, several as an array; pretty-printed, ending in a newline.
pub fn render(assessments: &[PlanAssessment]) -> String {
    let plans: Vec<String> = assessments.iter().map(plan).collect();
    join(&plans)
}

/// One plan's object, pretty-printed, without a final newline. Plans can be
/// rendered apart (on every core) and joined.
pub fn plan(a: &PlanAssessment) -> String {
    // Serialising plain structs of strings and finite numbers cannot fail.
    serde_json::to_string_pretty(a).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// The document from each plan's object: the object itself for one plan, an
/// array for several, exactly as serde_json pretty-prints the array (its
/// elements indented two more spaces; JSON strings hold no raw newline).
pub fn join(plans: &[String]) -> String {
    match plans {
        [one] => format!("{one}\n"),
        [] => "[]\n".to_string(),
        many => {
            let size: usize = many.iter().map(|p| p.len() + p.len() / 8).sum();
            let mut out = String::with_capacity(size + 4);
            out.push_str("[\n");
            for (i, p) in many.iter().enumerate() {
                if i > 0 {
                    out.push_str(",\n");
                }
                for (j, line) in p.split('\n').enumerate() {
                    if j > 0 {
                        out.push('\n');
                    }
                    out.push_str("  ");
                    out.push_str(line);
                }
            }
            out.push_str("\n]\n");
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::{Method, assess};

    fn plan_of(id: &str) -> crate::plan::Plan {
        serde_json::from_str(&format!(
            r#"{{"id": "{id}", "name": "Test \"plan\"\nwith a line break", "source": "test", "scope": "zone",
                "baseline_period": "2020Q4", "target_period": "2024Q4",
                "kpis": [{{"id": "x", "name": "X", "unit": "%", "kind": "ratio", "direction": "increase",
                           "baseline": {{"value": 2}}, "target": {{"value": 3}}}}]}}"#
        ))
        .unwrap()
    }

    #[test]
    fn joined_plans_are_what_serde_json_writes_for_the_whole() {
        let p: Vec<PlanAssessment> = ["a", "b", "c"]
            .iter()
            .map(|id| {
                assess(
                    &plan_of(id),
                    &[],
                    "2022Q4".parse().unwrap(),
                    Method::GrowthRatio,
                )
            })
            .collect();
        for n in 0..=3 {
            let whole = match &p[..n] {
                [one] => serde_json::to_string_pretty(one).unwrap(),
                many => serde_json::to_string_pretty(many).unwrap(),
            };
            assert_eq!(render(&p[..n]), whole + "\n", "{n} plans");
        }
    }
}

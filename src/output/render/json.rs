//! The assessment as JSON, in the schema docs/json-output.md documents.

use crate::core::assess::PlanAssessment;

/// One plan as an object, several as an array; pretty-printed, ending in a newline.
pub fn render(assessments: &[PlanAssessment]) -> String {
    let elements: Vec<Vec<u8>> = assessments.iter().map(element).collect();
    let mut out = Vec::new();
    // Writing to memory cannot fail, and JSON is UTF-8.
    write(&mut out, &elements).expect("JSON is written to memory");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// One plan's object, as UTF-8 bytes, as serde_json pretty-prints it inside an array: every
/// line indented two spaces, no final newline. Plans are rendered apart, on
/// every core, and written one after the other by `write`.
pub fn element(a: &PlanAssessment) -> Vec<u8> {
    thread_local! {
        // One growing buffer a thread, reused plan after plan; each plan keeps
        // only an exact copy, so a thousand plans hold no doubled capacities.
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BUFFER.with(|buffer| {
        let mut buffer = buffer.borrow_mut();
        buffer.clear();
        // Serialising plain structs of strings and finite numbers cannot fail.
        let written = serde_json::to_value([a]).and_then(|mut v| {
            round_figures(&mut v);
            serde_json::to_writer_pretty(&mut *buffer, &v)
        });
        if let Err(e) = written {
            return format!("  {{\"error\": \"{e}\"}}").into_bytes();
        }
        // `[\n` + element + `\n]`: the element is what lies between.
        let inner = buffer
            .get(2..buffer.len().saturating_sub(2))
            .unwrap_or_default();
        inner.to_vec()
    })
}

/// Every figure with a fraction rounded to 12 significant digits (see
/// `format::significant`), in place: `-407.7`, never `-407.70000000000005`.
fn round_figures(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Number(n) if n.is_f64() => {
            if let Some(x) = n.as_f64().map(crate::output::format::significant)
                && let Some(m) = serde_json::Number::from_f64(x)
            {
                *n = m;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(round_figures),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(round_figures),
        _ => {}
    }
}

/// The document from each plan's `element`: the object itself for one plan
/// (its lines moved back two spaces), an array for several, exactly as
/// serde_json pretty-prints the whole (JSON strings hold no raw newline).
pub fn write(
    out: &mut (impl std::io::Write + ?Sized),
    elements: &[Vec<u8>],
) -> std::io::Result<()> {
    match elements {
        [] => out.write_all(b"[]\n"),
        [one] => {
            for (i, line) in one.split(|&b| b == b'\n').enumerate() {
                if i > 0 {
                    out.write_all(b"\n")?;
                }
                out.write_all(line.get(2..).unwrap_or(line))?;
            }
            out.write_all(b"\n")
        }
        many => {
            out.write_all(b"[\n")?;
            for (i, e) in many.iter().enumerate() {
                if i > 0 {
                    out.write_all(b",\n")?;
                }
                out.write_all(e)?;
            }
            out.write_all(b"\n]\n")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::assess::{Method, assess};

    fn plan_of(id: &str) -> crate::core::plan::Plan {
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

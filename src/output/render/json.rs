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
        let mut ser = serde_json::Serializer::with_formatter(&mut *buffer, Twelve::default());
        if let Err(e) = serde::Serialize::serialize(&[a], &mut ser) {
            return format!("  {{\"error\": \"{e}\"}}").into_bytes();
        }
        // `[\n` + element + `\n]`: the element is what lies between.
        let inner = buffer
            .get(2..buffer.len().saturating_sub(2))
            .unwrap_or_default();
        inner.to_vec()
    })
}

/// serde_json's pretty printing, with every float written to 12
/// significant digits (`format::significant`): `-407.7`, never
/// `-407.70000000000005`. A formatter, not a pass over the output: the
/// numbers are rounded as they are written.
#[derive(Default)]
struct Twelve(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for Twelve {
    fn write_f64<W: ?Sized + std::io::Write>(&mut self, w: &mut W, x: f64) -> std::io::Result<()> {
        self.0.write_f64(w, crate::output::format::significant(x))
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
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

//! The assessment as JSON, in the schema docs/json-output.md documents.

use super::packed::Unpacked;
use crate::core::assess::PlanAssessment;

/// One plan as an object, several as an array; pretty-printed, ending in a newline.
pub fn render(assessments: &[PlanAssessment]) -> String {
    let elements: Vec<bytes::Bytes> = assessments.iter().map(element).collect();
    let mut out = Vec::new();
    // Writing to memory cannot fail, and JSON is UTF-8.
    write(&mut out, &elements).expect("JSON is written to memory");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// One plan's object, packed (`packed`): unpacked, the UTF-8 bytes
/// serde_json pretty-prints inside an array, every line indented two
/// spaces, no final newline. Plans are rendered apart, on every core, and
/// written one after the other by `write` or `window`.
pub fn element(a: &PlanAssessment) -> bytes::Bytes {
    // Written straight into this thread's spool, each plan keeping exactly
    // its own bytes of it.
    super::spool::keep(|out| {
        out.extend_from_slice(b"  ");
        super::json_plan::plan(out, a);
    })
}

/// `element` as serde_json writes it from the assessment's derived
/// `Serialize`: what the hand-written one is held to (tests/json_by_hand.rs).
#[doc(hidden)]
pub fn element_by_serde(a: &PlanAssessment) -> Vec<u8> {
    let mut buffer = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut buffer, Twelve::default());
    serde::Serialize::serialize(&[a], &mut ser).expect("JSON is written to memory");
    // `[\n` + element + `\n]`: the element is what lies between.
    buffer[2..buffer.len() - 2].to_vec()
}

/// serde_json's pretty printing (two spaces a level), with every float
/// written to 12 significant digits (`format::significant`): `-407.7`, never
/// `-407.70000000000005`. A formatter, not a pass over the output: the
/// numbers are rounded as they are written. Each line break and its
/// indentation are written in one piece (serde_json's own pretty printer
/// writes the indentation two spaces at a time); the tests hold the two to
/// the same bytes.
#[derive(Default)]
pub(super) struct Twelve {
    depth: usize,
    has_value: bool,
}

impl Twelve {
    /// Writing a value nested `depth` levels deep.
    pub(super) fn at(depth: usize) -> Twelve {
        Twelve {
            depth,
            has_value: false,
        }
    }
}

/// A line break and the deepest indentation a document here reaches (32
/// levels), with room to spare.
pub(super) const BREAK: &[u8] =
    b"\n                                                                ";

impl Twelve {
    /// A line break and the indentation of the current depth: one write,
    /// or two spaces a level beyond `BREAK`.
    fn new_line<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        if let Some(line) = BREAK.get(..=self.depth * 2) {
            return w.write_all(line);
        }
        w.write_all(b"\n")?;
        (0..self.depth).try_for_each(|_| w.write_all(b"  "))
    }

    fn open<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.new_line(w)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.new_line(w)
    }
}

impl serde_json::ser::Formatter for Twelve {
    fn write_f64<W: ?Sized + std::io::Write>(&mut self, w: &mut W, x: f64) -> std::io::Result<()> {
        serde_json::ser::CompactFormatter.write_f64(w, crate::output::format::significant(x))
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// The document from each plan's `element`: the object itself for one plan
/// (its lines moved back two spaces), an array for several, exactly as
/// serde_json pretty-prints the whole (JSON strings hold no raw newline).
pub fn write(
    out: &mut (impl std::io::Write + ?Sized),
    elements: &[impl AsRef<[u8]>],
) -> std::io::Result<()> {
    match elements {
        [] => out.write_all(b"[]\n"),
        [one] => {
            let one = super::packed::unpacked(one.as_ref());
            for (i, line) in one.split(|&b| b == b'\n').enumerate() {
                if i > 0 {
                    out.write_all(b"\n")?;
                }
                out.write_all(line.get(2..).unwrap_or(line))?;
            }
            out.write_all(b"\n")
        }
        many => {
            let mut buf = Unpacked::default();
            (0..windows(many.len())).try_for_each(|w| {
                window(many, w, &mut buf);
                out.write_all(buf.bytes())
            })
        }
    }
}

/// How many plans a window of the array holds: some 300 kB of JSON, which
/// stays in the processor's cache from its laying out to its writing.
const WINDOW: usize = 4;

/// How many windows the array of `n` plans is written in (`window`).
pub fn windows(n: usize) -> usize {
    n.div_ceil(WINDOW)
}

/// Window `w` of the array of `many` plans (two or more, as `write` writes
/// them), laid out in `out` in place of what it held: each plan's JSON
/// after `[` or a comma and a line break, and after the last, the
/// array's end. The windows, written in order, are the document.
pub fn window(many: &[impl AsRef<[u8]>], w: usize, out: &mut Unpacked) {
    out.clear();
    let from = w * WINDOW;
    let to = (from + WINDOW).min(many.len());
    for (i, element) in many.iter().enumerate().take(to).skip(from) {
        out.push(if i == 0 { b"[\n" } else { b",\n" });
        out.unpack(element.as_ref());
    }
    if to == many.len() {
        out.push(b"\n]\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::assess::{Method, assess};

    fn plan_of(id: &str) -> crate::core::plan::Plan {
        serde_json::from_str(&format!(
            r#"{{"id": "{id}", "name": "Test \"plan\"\nwith a line break and marks\u0001\u0002", "source": "test", "scope": "zone",
                "baseline_period": "2020Q4", "target_period": "2024Q4",
                "kpis": [{{"id": "x", "name": "X", "unit": "%", "kind": "ratio", "direction": "increase",
                           "baseline": {{"value": 2}}, "target": {{"value": 3}}}}]}}"#
        ))
        .unwrap()
    }

    #[test]
    fn twelve_indents_as_serde_json_pretty_prints_at_any_depth() {
        // Nested 40 levels, deeper than one piece of indentation, with empty
        // arrays and objects and integers (floats are rounded by design).
        let mut v = serde_json::json!({"a": [], "b": {}, "c": [1, {"d": "e\n"}]});
        for depth in 0..40 {
            v = if depth % 2 == 0 {
                serde_json::json!([v, 2, {}])
            } else {
                serde_json::json!({"x": v, "y": [[]], "z": null})
            };
        }
        let mut ours = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut ours, Twelve::default());
        serde::Serialize::serialize(&v, &mut ser).unwrap();
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            serde_json::to_string_pretty(&v).unwrap()
        );
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

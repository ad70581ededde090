//! Reading a plan file (`targets/*.json`) into a `Plan`, with every problem located.

use std::ops::Range;

use crate::core::plan::Plan;
use crate::core::rules;
use crate::intake::load::json_locate;
use crate::problem::{Problem, SourceFile};

/// Parses and checks a plan; on any error, every problem found.
pub fn parse(file: &SourceFile) -> Result<Plan, Vec<Problem>> {
    let text = file.text.as_ref();
    if text.trim().is_empty() {
        return Err(vec![
            Problem::error("the plan file is empty")
                .in_file(&file.name)
                .expected(
                    "a JSON object with id, name, source, baseline_period, target_period and kpis",
                )
                .hint("see targets/bishan-2022.json for a complete example"),
        ]);
    }
    // A byte-order mark, as Notepad writes it, is not part of the JSON; it
    // is read past as a space would be (positions in the file stay right).
    let json = text.strip_prefix('\u{feff}').map_or_else(
        || std::borrow::Cow::Borrowed(text),
        |rest| std::borrow::Cow::Owned(format!(" {rest}")),
    );
    let mut plan: Plan = serde_json::from_str(&json).map_err(|e| vec![json_problem(file, &e)])?;
    if let Some((start, len)) = vanishing_number(text) {
        return Err(vec![
            Problem::error(format!(
                "`{}` is too small to be a figure: it would be read as 0",
                &text[start..start + len]
            ))
            .at(file, start, len)
            .expected("0, or a number of at least 1e-9 in magnitude")
            .hint("check the exponent"),
        ]);
    }
    let violations = rules::check(&plan);
    if violations.is_empty() {
        plan.fill_names();
        // Targets stated as growth become levels once, here.
        crate::core::targets::resolve(&mut plan);
        return Ok(plan);
    }
    let mut places = Places::new(file);
    Err(violations.iter().map(|v| places.locate(v)).collect())
}

/// Warnings about a plan that holds its rules but may say what it does not
/// mean (`rules::doubts`), each pointing at the field.
pub fn warnings(file: &SourceFile, plan: &Plan) -> Vec<Problem> {
    let mut places = Places::new(file);
    rules::doubts(plan)
        .iter()
        .map(|v| places.locate(v).as_warning())
        .collect()
}

/// The first number of a JSON text that is not 0 as written but reads as 0
/// (`1e-400`): serde would read it so without a word.
fn vanishing_number(text: &str) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    // Such a number has an exponent (an `e` after a digit or a point), or
    // over 300 zeros before its first other digit: a plan with neither is
    // passed without reading it byte by byte.
    let exponent = memchr::memchr2_iter(b'e', b'E', b)
        .any(|i| i > 0 && matches!(b[i - 1], b'0'..=b'9' | b'.'));
    if !exponent && memchr::memmem::find(b, b"0000000000").is_none() {
        return None;
    }
    first_vanishing(text)
}

/// `vanishing_number`, read byte by byte.
fn first_vanishing(text: &str) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let (mut i, mut in_string) = (0, false);
    while i < b.len() {
        match b[i] {
            b'\\' if in_string => i += 1,
            b'"' => in_string = !in_string,
            c if !in_string && (c == b'-' || c.is_ascii_digit()) => {
                let start = i;
                while i < b.len() && matches!(b[i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
                {
                    i += 1;
                }
                let literal = &text[start..i];
                let mantissa = literal.split(['e', 'E']).next().unwrap_or("");
                // Only an exponent or hundreds of digits reach below the
                // smallest double (5e-324): any other literal with a digit
                // other than 0 is not 0, and is not parsed to learn so.
                let may_vanish = mantissa.len() < literal.len() || literal.len() > 300;
                if may_vanish
                    && mantissa.bytes().any(|d| (b'1'..=b'9').contains(&d))
                    && literal.parse::<f64>().is_ok_and(|x| x == 0.0)
                {
                    return Some((start, i - start));
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// A serde error as a problem at its line and column.
fn json_problem(file: &SourceFile, e: &serde_json::Error) -> Problem {
    let text = file.text.as_ref();
    // serde_json's message ends in " at line L column C", which the location says better.
    let full = e.to_string();
    let message = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(m, _)| m)
        .to_string();
    let offset = offset_of(text, e.line(), e.column());
    let (message, expected, hint) = match e.classify() {
        serde_json::error::Category::Syntax => (
            format!("malformed JSON: {message}"),
            Some("valid JSON"),
            "look for a missing comma, quote or bracket just before the marked place",
        ),
        serde_json::error::Category::Eof => (
            format!("the plan file ends too early: {message}"),
            Some("the rest of the JSON document"),
            "a closing `}` or `]` is missing",
        ),
        // serde's message already says what was expected ("expected one of ...").
        _ => (
            format!("plan field: {message}"),
            None,
            "names and values are case-sensitive; docs/plan-format.md lists every field",
        ),
    };
    // A syntax error points at the unexpected character; a data error at the
    // last byte of the offending value, whose start is found by walking back.
    let start = match e.classify() {
        serde_json::error::Category::Data => token_start(text, offset),
        _ => offset,
    };
    let p = Problem::error(message)
        .at(file, start, offset.saturating_sub(start).max(1))
        .hint(hint);
    match expected {
        Some(x) => p.expected(x),
        None => p,
    }
}

/// Byte offset of a 1-based line and column (serde counts columns in bytes).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column.saturating_sub(1)).min(text.len())
}

/// Start of the string or word that ends at `end` (serde's error column).
fn token_start(text: &str, end: usize) -> usize {
    let b = text.as_bytes();
    let end = end.min(b.len());
    let mut i = end;
    if i > 0 && b.get(i) == Some(&b'"') {
        // serde points at the closing quote of a bad string value.
        i -= 1;
        while i > 0 && b[i] != b'"' {
            i -= 1;
        }
        return i;
    }
    while i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
        i -= 1;
    }
    i
}

/// A field as a violation names it: its KPI, the object it sits in, its key.
type Field = (Option<usize>, Option<&'static str>, &'static str);

/// Where the fields of one plan file are, found once each: the root, the
/// KPIs' objects, and each (KPI, parent, field) asked for. Finding a field
/// scans the text before it, so 10,000 broken milestones located one by one
/// scanned the file 10,000 times (28 s); located here, once.
struct Places<'f> {
    file: &'f SourceFile,
    root: Option<Option<Range<usize>>>,
    kpis: Option<Vec<Range<usize>>>,
    fields: std::collections::HashMap<Field, Option<Range<usize>>>,
}

impl<'f> Places<'f> {
    fn new(file: &'f SourceFile) -> Places<'f> {
        Places {
            file,
            root: None,
            kpis: None,
            fields: std::collections::HashMap::new(),
        }
    }

    fn root(&mut self) -> Option<Range<usize>> {
        let text = self.file.text.as_ref();
        self.root
            .get_or_insert_with(|| json_locate::root(text))
            .clone()
    }

    /// The object a violation is about: the plan's, or its KPI's.
    fn object(&mut self, kpi: Option<usize>) -> Option<Range<usize>> {
        let root = self.root()?;
        let Some(i) = kpi else {
            return Some(root);
        };
        let text = self.file.text.as_ref();
        let kpis = self.kpis.get_or_insert_with(|| {
            json_locate::member(text, &root, "kpis")
                .map(|k| json_locate::elements(text, &k))
                .unwrap_or_default()
        });
        kpis.get(i).cloned()
    }

    /// A broken rule as a problem pointing at the field it concerns.
    fn locate(&mut self, v: &rules::Violation) -> Problem {
        let key = (v.kpi, v.within, v.field);
        let span = match self.fields.get(&key) {
            Some(span) => span.clone(),
            None => {
                let span = self.find(v);
                self.fields.insert(key, span.clone());
                span
            }
        };
        problem(self.file, v, span)
    }

    fn find(&mut self, v: &rules::Violation) -> Option<Range<usize>> {
        let object = self.object(v.kpi)?;
        let text = self.file.text.as_ref();
        let field = match v.within {
            Some(parent) => json_locate::member(text, &object, parent)
                .and_then(|p| json_locate::member(text, &p, v.field)),
            None => json_locate::member(text, &object, v.field),
        };
        field
            .or_else(|| json_locate::member(text, &object, "id"))
            .or(Some(object.start..object.start + 1))
    }
}

/// A broken rule as a problem at `span` of `file`.
fn problem(file: &SourceFile, v: &rules::Violation, span: Option<Range<usize>>) -> Problem {
    let mut p = Problem::error(v.message.clone()).expected(v.expected.clone());
    p = match span {
        Some(r) => p.at(file, r.start, r.len().clamp(1, 60)),
        None => p.in_file(&file.name),
    };
    match &v.hint {
        Some(h) => p.hint(h.clone()),
        None => p,
    }
}

#[cfg(test)]
mod tests {
    use super::{first_vanishing, vanishing_number};
    use proptest::prelude::*;

    proptest! {
        /// The short cut passes only texts that hold no such number.
        #[test]
        fn the_short_cut_finds_what_reading_every_byte_finds(
            text in r#"([0-9eE.+\-" \\a,:\[\]{}]|0{10}|1e-400|e-3){0,60}"#,
        ) {
            prop_assert_eq!(vanishing_number(&text), first_vanishing(&text));
        }
    }

    #[test]
    fn numbers_that_read_as_zero_but_are_not_are_found() {
        let long = format!("0.{}1", "0".repeat(400));
        for vanishing in ["1e-400", "-1E-330", "2e-324", long.as_str()] {
            let text = format!("{{\"a\": 3, \"b\": {vanishing}, \"c\": \"1e-400\"}}");
            assert_eq!(
                vanishing_number(&text),
                Some((14, vanishing.len())),
                "{vanishing}"
            );
        }
        let short = format!("0.{}1", "0".repeat(290));
        for kept in [
            "0e-400",
            "0.0",
            "-0",
            "1e-300",
            "5e-324",
            "0.000001",
            short.as_str(),
        ] {
            let text = format!("{{\"a\": [{kept}], \"b\": \"1e-400\"}}");
            assert_eq!(vanishing_number(&text), None, "{kept}");
        }
    }
}

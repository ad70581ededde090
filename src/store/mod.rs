//! The store of actuals, `data/<plan-id>/actuals.csv`, and its revision log:
//! merging new records into it (pure) and writing it safely (`disk`).
//!
//! The store is canonical: one row per (kpi, period, scope), sorted so, every
//! column filled, values as exact decimal text. A change to a stored value is
//! refused unless asked for, and then logged in `revisions.csv`.

pub mod disk;
pub mod revisions;

use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::ingest::grid::At;
use crate::ingest::layout::Record;
use crate::load::actuals::COLUMNS;
use crate::observation::Basis;
use crate::period::Period;
use crate::plan::Plan;
use crate::problem::{Problem, SourceFile};

/// One stored value, every field as the store writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub kpi: String,
    pub period: Period,
    pub value: String,
    pub unit: String,
    pub basis: Basis,
    pub scope: String,
    pub source: String,
    pub note: String,
    pub yoy: String,
}

/// (kpi, period, scope): what one row is about.
pub type Key = (String, Period, String);

impl Row {
    pub fn key(&self) -> Key {
        (self.kpi.clone(), self.period, self.scope.clone())
    }

    /// The key, borrowed: for maps and sorts that need no copy of it.
    fn key_ref(&self) -> (&str, Period, &str) {
        (&self.kpi, self.period, &self.scope)
    }

    fn number(&self) -> Option<Decimal> {
        Decimal::from_str(&self.value).ok().map(|d| d.normalize())
    }

    /// Value, basis and published growth: what a revision is about.
    fn substance(&self) -> (Option<Decimal>, Basis, Option<Decimal>) {
        let yoy = Decimal::from_str(&self.yoy).ok().map(|d| d.normalize());
        (self.number(), self.basis, yoy)
    }
}

/// The rows of a store text that `load::actuals` has already accepted, with
/// every default filled in from the plan, and the line each came from.
pub fn rows(file: &SourceFile, plan: &Plan) -> Vec<(Row, usize)> {
    let (observations, _) = crate::load::actuals::parse(file, plan);
    let body = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
    // Values as written (the observations hold them as numbers): read the text again.
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(body.as_bytes());
    let header = reader.headers().cloned().unwrap_or_default();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let (value_col, yoy_col) = (col("value"), col("yoy"));
    let mut texts: BTreeMap<Key, (String, String, usize)> = BTreeMap::new();
    for record in reader.records().flatten() {
        let line = record.position().map_or(0, |p| p.line() as usize);
        let get = |c: Option<usize>| {
            c.and_then(|i| record.get(i))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let (Some(kpi), Ok(period)) = (
            plan.kpi(&get(col("kpi"))),
            get(col("period")).parse::<Period>(),
        ) else {
            continue;
        };
        let scope = match get(col("scope")) {
            s if s.is_empty() => plan.scope_of(kpi).to_string(),
            s => s,
        };
        texts.insert(
            (kpi.id.clone(), period, scope),
            (get(value_col), get(yoy_col), line),
        );
    }
    observations
        .into_iter()
        .map(|o| {
            let key = (o.kpi.to_string(), o.period, o.scope.to_string());
            let (text, yoy, line) = texts.get(&key).cloned().unwrap_or_default();
            let canonical =
                |t: String| Decimal::from_str(&t).map_or(t, |d| d.normalize().to_string());
            let unit = plan.kpi(&o.kpi).map(|k| k.unit.clone()).unwrap_or_default();
            let row = Row {
                kpi: o.kpi.to_string(),
                period: o.period,
                value: canonical(text),
                unit,
                basis: o.basis,
                scope: o.scope.to_string(),
                source: o.source.to_string(),
                note: o.note.as_deref().unwrap_or_default().to_string(),
                yoy: if yoy.is_empty() { yoy } else { canonical(yoy) },
            };
            (row, line)
        })
        .collect()
}

/// What an ingest does to one key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added(Row),
    /// (old, new)
    Revised(Row, Row),
    Unchanged(Row),
}

/// The result of merging records into a store.
#[derive(Debug, Clone, Default)]
pub struct Merge {
    pub rows: Vec<Row>,
    pub changes: Vec<Change>,
    pub problems: Vec<Problem>,
}

impl Merge {
    pub fn count(&self) -> (usize, usize, usize) {
        let mut n = (0, 0, 0);
        for c in &self.changes {
            match c {
                Change::Added(_) => n.0 += 1,
                Change::Revised(..) => n.1 += 1,
                Change::Unchanged(_) => n.2 += 1,
            }
        }
        n
    }

    pub fn has_changes(&self) -> bool {
        self.changes
            .iter()
            .any(|c| !matches!(c, Change::Unchanged(_)))
    }
}

/// Where a record came from, for messages: `file:line:col` or `file:Sheet!B3`.
pub type Place<'a> = &'a dyn Fn(At) -> Problem;

/// Merges `records` into `stored`. A different value, basis or growth for a
/// stored key is refused (a problem at the record's cell) unless `replace`;
/// two records for one key must agree. The rows come back in key order.
///
/// Keys are looked up in hash maps of borrowed texts, built once: a
/// million-row file costs no string copies for its keys and no search per row.
pub fn merge(
    plan: &Plan,
    stored: &[(Row, usize)],
    records: &[Record],
    replace: bool,
    store_name: &str,
    problem_at: Place,
) -> Merge {
    type Borrowed<'a> = (&'a str, Period, &'a str);
    let stored_at: HashMap<Borrowed, usize> = stored
        .iter()
        .enumerate()
        .map(|(i, (r, _))| (r.key_ref(), i))
        .collect();
    // The first record of each key the input gives, wherever in it.
    let mut first_of: HashMap<Borrowed, usize> = HashMap::with_capacity(records.len());
    for (i, rec) in records.iter().enumerate() {
        if plan.kpi(&rec.kpi).is_some() {
            first_of
                .entry((rec.kpi.as_str(), rec.period, rec.scope.as_str()))
                .or_insert(i);
        }
    }
    // The stored figures by KPI, period and value, for the twin check below.
    let mut twins: HashMap<(&str, Period, Decimal), Vec<&Row>> = HashMap::new();
    for (r, _) in stored {
        if let Some(n) = r.number() {
            twins
                .entry((r.kpi.as_str(), r.period, n))
                .or_default()
                .push(r);
        }
    }
    let mut revised: Vec<Option<Row>> = vec![None; stored.len()];
    // Sized once: a change is a few hundred bytes, and a million of them
    // grown by doubling would be copied over and over.
    let mut added: Vec<Row> = Vec::with_capacity(first_of.len());
    let mut m = Merge {
        changes: Vec::with_capacity(first_of.len()),
        ..Merge::default()
    };
    for (i, rec) in records.iter().enumerate() {
        let Some(kpi) = plan.kpi(&rec.kpi) else {
            continue;
        };
        let key = (rec.kpi.as_str(), rec.period, rec.scope.as_str());
        let Some(&first) = first_of.get(&key) else {
            continue;
        };
        if first != i {
            let first = &records[first];
            if let Some(p) = given_twice(problem_at, first, rec) {
                m.problems.push(p);
            }
            continue;
        }
        let old = stored_at.get(&key).map(|&at| (at, &stored[at]));
        let mut new = row_of(rec, &kpi.unit);
        // A file without growth figures says nothing about them: keep the stored one.
        if let (true, Some((_, (o, _)))) = (new.yoy.is_empty(), old) {
            new.yoy = o.yoy.clone();
        }
        match old {
            None => {
                // The same figure already stored under another scope, one this
                // input does not mention, is most likely one value fed twice
                // with a different --scope: say so. (Scopes given side by side
                // in one input are meant apart: parks may share a value.)
                let twin = (!twins.is_empty())
                    .then(|| new.number())
                    .flatten()
                    .and_then(|n| {
                        twins
                            .get(&(new.kpi.as_str(), new.period, n))?
                            .iter()
                            .filter(|r| !first_of.contains_key(&r.key_ref()))
                            .min_by(|a, b| a.scope.cmp(&b.scope))
                    });
                if let Some(twin) = twin {
                    m.problems.push(same_value_elsewhere(&new, twin));
                }
                added.push(new.clone());
                m.changes.push(Change::Added(new));
            }
            Some((_, (old, _))) if old.substance() == new.substance() => {
                m.changes.push(Change::Unchanged(old.clone()))
            }
            Some((at, (old, _))) if replace => {
                revised[at] = Some(new.clone());
                m.changes.push(Change::Revised(old.clone(), new));
            }
            Some((_, (old, line))) => {
                m.problems.push(stored_otherwise(
                    problem_at, rec, old, &new, store_name, *line,
                ));
            }
        }
    }
    let mut rows: Vec<Row> = stored
        .iter()
        .zip(revised)
        .map(|((old, _), new)| new.unwrap_or_else(|| old.clone()))
        .collect();
    rows.append(&mut added);
    // A canonical store and a sorted input are two runs: merged, not re-sorted.
    rows.sort_by(|a, b| a.key_ref().cmp(&b.key_ref()));
    // Stored keys are unique (the loader keeps the first of a repeated key);
    // this only keeps the rows so whatever the caller passes.
    rows.dedup_by(|b, a| a.key_ref() == b.key_ref());
    m.rows = rows;
    m
}

/// The row a record makes, its growth figure its own (empty when it has none).
fn row_of(rec: &Record, unit: &str) -> Row {
    Row {
        kpi: rec.kpi.clone(),
        period: rec.period,
        value: rec.value.normalize().to_string(),
        unit: unit.to_string(),
        basis: rec.basis,
        scope: rec.scope.clone(),
        source: rec.source.clone(),
        note: rec.note.clone(),
        yoy: rec
            .yoy
            .map(|y| y.normalize().to_string())
            .unwrap_or_default(),
    }
}

/// An error when a key's second record in one input disagrees with its first.
fn given_twice(problem_at: Place, first: &Record, rec: &Record) -> Option<Problem> {
    let differs = first.value.normalize() != rec.value.normalize() || first.basis != rec.basis;
    differs.then(|| {
        problem_at(rec.at)
            .with_message(format!(
                "{} {} ({}) is given twice in the input, {} and {}",
                rec.kpi, rec.period, rec.scope, first.value, rec.value
            ))
            .expected("one value per KPI, period and scope")
            .hint("keep the right one; the other may be a different scope (see --scope)")
    })
}

/// A warning that an added value is already stored under another scope.
fn same_value_elsewhere(new: &Row, twin: &Row) -> Problem {
    Problem::warning(format!(
        "{} {}: {} is added for scope `{}`, and the same value is stored for scope `{}`",
        new.kpi, new.period, new.value, new.scope, twin.scope
    ))
    .hint(format!(
        "if it is the same figure, ingest it with --scope \"{}\" instead",
        twin.scope
    ))
}

/// An error when a record differs from the stored value and --replace is not given.
fn stored_otherwise(
    problem_at: Place,
    rec: &Record,
    old: &Row,
    new: &Row,
    store_name: &str,
    line: usize,
) -> Problem {
    problem_at(rec.at)
        .with_message(format!(
            "{} {} ({}) is stored as {}{} ({store_name} line {line}); this file says {}{}",
            rec.kpi,
            rec.period,
            rec.scope,
            old.value,
            basis_note(old.basis, new.basis, &old.yoy, &new.yoy, true),
            new.value,
            basis_note(old.basis, new.basis, &old.yoy, &new.yoy, false),
        ))
        .expected(format!(
            "{} (the stored value), or --replace to revise it",
            old.value
        ))
        .hint("a revised figure is accepted with --replace and recorded in revisions.csv with the old value")
}

fn basis_note(old: Basis, new: Basis, old_yoy: &str, new_yoy: &str, first: bool) -> String {
    let mut s = String::new();
    if old != new {
        s.push_str(&format!(" ({})", if first { old.id() } else { new.id() }));
    }
    if old_yoy != new_yoy {
        let y = if first { old_yoy } else { new_yoy };
        s.push_str(&format!(
            " with growth {}",
            if y.is_empty() { "none" } else { y }
        ));
    }
    s
}

/// The canonical store text.
pub fn render(rows: &[Row]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let _ = w.write_record(COLUMNS);
    for r in rows {
        let _ = w.write_record([
            r.kpi.as_str(),
            &r.period.to_string(),
            &r.value,
            &r.unit,
            r.basis.id(),
            &r.scope,
            &r.source,
            &r.note,
            &r.yoy,
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Year-to-date totals that fall within a year: each a warning naming both
/// places (it may be a real revision, or a wrong period).
pub fn falling_ytd(plan: &Plan, rows: &[Row], place: &dyn Fn(&Row) -> String) -> Vec<Problem> {
    let mut out = Vec::new();
    for pair in rows.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let same_year = a.kpi == b.kpi && a.scope == b.scope && a.period.year() == b.period.year();
        let flow = plan
            .kpi(&a.kpi)
            .is_some_and(|k| k.kind == crate::plan::Kind::Flow);
        if same_year
            && flow
            && a.basis == Basis::Ytd
            && b.basis == Basis::Ytd
            && b.period > a.period
            && let (Some(x), Some(y)) = (a.number(), b.number())
            && y < x
        {
            out.push(Problem::warning(format!(
                        "{} ({}): the year-to-date total falls from {} in {} ({}) to {} in {} ({})",
                        a.kpi,
                        a.scope,
                        a.value,
                        a.period,
                        place(a),
                        b.value,
                        b.period,
                        place(b)
                    ))
                    .hint("a year-to-date total only grows within a year for a flow; check the periods, or keep it if it is a real revision"));
        }
    }
    out
}

#[cfg(test)]
mod reference {
    use std::collections::HashSet;

    use super::*;

    /// The first, plain implementation of `merge`, with ordered maps of owned
    /// keys filled record by record. Kept as the reference the fast one is
    /// tested against.
    ///
    /// Merges `records` into `stored`. A different value, basis or growth for a
    /// stored key is refused (a problem at the record's cell) unless `replace`;
    /// two records for one key must agree.
    pub fn merge_reference(
        plan: &Plan,
        stored: &[(Row, usize)],
        records: &[Record],
        replace: bool,
        store_name: &str,
        problem_at: Place,
    ) -> Merge {
        let mut rows: BTreeMap<Key, Row> =
            stored.iter().map(|(r, _)| (r.key(), r.clone())).collect();
        let lines: BTreeMap<Key, usize> = stored.iter().map(|(r, l)| (r.key(), *l)).collect();
        let mut seen: BTreeMap<Key, &Record> = BTreeMap::new();
        // What the input gives, and the stored figures by KPI, period and value:
        // found once, so a file of many scopes is not checked scope by scope.
        let mentioned: HashSet<(&str, Period, &str)> = records
            .iter()
            .map(|r| (r.kpi.as_str(), r.period, r.scope.as_str()))
            .collect();
        let mut twins: HashMap<(&str, Period, Decimal), Vec<&Row>> = HashMap::new();
        for (r, _) in stored {
            if let Some(n) = r.number() {
                twins
                    .entry((r.kpi.as_str(), r.period, n))
                    .or_default()
                    .push(r);
            }
        }
        let mut m = Merge::default();
        for rec in records {
            let Some(kpi) = plan.kpi(&rec.kpi) else {
                continue;
            };
            let mut new = row_of(rec, &kpi.unit);
            let key = new.key();
            // A file without growth figures says nothing about them: keep the stored one.
            if let (true, Some(old)) = (new.yoy.is_empty(), rows.get(&key)) {
                new.yoy = old.yoy.clone();
            }
            if let Some(&first) = seen.get(&key) {
                m.problems.extend(given_twice(problem_at, first, rec));
                continue;
            }
            seen.insert(key.clone(), rec);
            match rows.get(&key) {
                None => {
                    // The same figure already stored under another scope, one this
                    // input does not mention, is most likely one value fed twice
                    // with a different --scope: say so. (Scopes given side by side
                    // in one input are meant apart: parks may share a value.)
                    let twin = new.number().and_then(|n| {
                        twins
                            .get(&(new.kpi.as_str(), new.period, n))?
                            .iter()
                            .filter(|r| {
                                !mentioned.contains(&(r.kpi.as_str(), r.period, r.scope.as_str()))
                            })
                            .min_by(|a, b| a.scope.cmp(&b.scope))
                    });
                    if let Some(twin) = twin {
                        m.problems.push(same_value_elsewhere(&new, twin));
                    }
                    rows.insert(key, new.clone());
                    m.changes.push(Change::Added(new));
                }
                Some(old) if old.substance() == new.substance() => {
                    m.changes.push(Change::Unchanged(old.clone()))
                }
                Some(old) if replace => {
                    let old = old.clone();
                    rows.insert(key, new.clone());
                    m.changes.push(Change::Revised(old, new));
                }
                Some(old) => {
                    let line = lines.get(&key).copied().unwrap_or(0);
                    m.problems.push(stored_otherwise(
                        problem_at, rec, old, &new, store_name, line,
                    ));
                }
            }
        }
        m.rows = rows.into_values().collect();
        m
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::ingest::grid::At;

    fn plan() -> Plan {
        serde_json::from_str(include_str!("../../targets/bishan-2022.json")).unwrap()
    }

    const KPIS: [&str; 4] = [
        "built_up_area",
        "rd_ratio",
        "industrial_output",
        "no_such_kpi",
    ];
    const SCOPES: [&str; 3] = ["zone", "north park", "south park"];

    fn period(q: i32) -> Period {
        "2018Q2".parse::<Period>().unwrap().add_quarters(q)
    }

    fn decimal(v: i64) -> Decimal {
        Decimal::new(v, 1)
    }

    proptest! {
        /// The fast merge gives what the plain one gives: the same rows, the
        /// same changes and the same problems, in the same order, for stores
        /// and inputs with repeated keys, shared values across scopes, growth
        /// figures, unknown KPIs, with and without --replace.
        #[test]
        fn merge_agrees_with_the_reference(
            stored in prop::collection::btree_map((0usize..3, 0i32..6, 0usize..3), (0i64..3, prop::option::of(0i64..3)), 0..20),
            records in prop::collection::vec(((0usize..4, 0i32..6, 0usize..3), (0i64..3, prop::option::of(0i64..3), any::<bool>())), 0..30),
            replace in any::<bool>(),
        ) {
            let plan = plan();
            let stored: Vec<(Row, usize)> = stored
                .iter()
                .enumerate()
                .map(|(n, (&(k, q, s), &(v, y)))| {
                    let kpi = plan.kpi(KPIS[k]).unwrap();
                    let row = Row {
                        kpi: kpi.id.clone(),
                        period: period(q),
                        value: decimal(v).normalize().to_string(),
                        unit: kpi.unit.clone(),
                        basis: Basis::default_for(kpi.kind),
                        scope: SCOPES[s].to_string(),
                        source: "stored".to_string(),
                        note: String::new(),
                        yoy: y.map(|y| decimal(y).normalize().to_string()).unwrap_or_default(),
                    };
                    (row, n + 2)
                })
                .collect();
            let records: Vec<Record> = records
                .iter()
                .enumerate()
                .map(|(n, &((k, q, s), (v, y, other_basis)))| {
                    let kind = plan.kpi(KPIS[k]).map_or(crate::plan::Kind::Level, |p| p.kind);
                    let allowed = Basis::allowed_for(kind);
                    Record {
                        kpi: KPIS[k].to_string(),
                        period: period(q),
                        value: decimal(v),
                        basis: if other_basis { allowed[allowed.len() - 1] } else { allowed[0] },
                        scope: SCOPES[s].to_string(),
                        source: "in.csv".to_string(),
                        note: String::new(),
                        yoy: y.map(decimal),
                        at: At::Text { start: n, len: 1 },
                    }
                })
                .collect();
            let at = |a: At| Problem::error("").in_file(format!("{a:?}"));
            let fast = merge(&plan, &stored, &records, replace, "actuals.csv", &at);
            let plain = reference::merge_reference(&plan, &stored, &records, replace, "actuals.csv", &at);
            prop_assert_eq!(&fast.rows, &plain.rows);
            prop_assert_eq!(&fast.changes, &plain.changes);
            let said = |m: &Merge| -> Vec<String> { m.problems.iter().map(|p| format!("{p:?}")).collect() };
            prop_assert_eq!(said(&fast), said(&plain));
        }
    }
}

//! The store of actuals, `data/<plan-id>/actuals.csv`, and its revision log:
//! merging new records into it (pure) and writing it safely (`disk`).
//!
//! The store is canonical: one row per (kpi, period, scope), sorted so, every
//! column filled, values as exact decimal text. A change to a stored value is
//! refused unless asked for, and then logged in `revisions.csv`.

pub mod disk;
pub mod revisions;

use std::collections::BTreeMap;
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
                note: o.note,
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
/// two records for one key must agree.
pub fn merge(
    plan: &Plan,
    stored: &[(Row, usize)],
    records: &[Record],
    replace: bool,
    store_name: &str,
    problem_at: Place,
) -> Merge {
    let mut rows: BTreeMap<Key, Row> = stored.iter().map(|(r, _)| (r.key(), r.clone())).collect();
    let lines: BTreeMap<Key, usize> = stored.iter().map(|(r, l)| (r.key(), *l)).collect();
    let mut seen: BTreeMap<Key, &Record> = BTreeMap::new();
    let mut m = Merge::default();
    for rec in records {
        let Some(kpi) = plan.kpi(&rec.kpi) else {
            continue;
        };
        let new = Row {
            kpi: rec.kpi.clone(),
            period: rec.period,
            value: rec.value.normalize().to_string(),
            unit: kpi.unit.clone(),
            basis: rec.basis,
            scope: rec.scope.clone(),
            source: rec.source.clone(),
            note: rec.note.clone(),
            yoy: rec
                .yoy
                .map(|y| y.normalize().to_string())
                .unwrap_or_default(),
        };
        let key = new.key();
        // A file without growth figures says nothing about them: keep the stored one.
        let mut new = new;
        if let (true, Some(old)) = (new.yoy.is_empty(), rows.get(&key)) {
            new.yoy = old.yoy.clone();
        }
        if let Some(&first) = seen.get(&key) {
            if first.value.normalize() != rec.value.normalize() || first.basis != rec.basis {
                m.problems.push(
                    problem_at(rec.at)
                        .with_message(format!(
                            "{} {} ({}) is given twice in the input, {} and {}",
                            rec.kpi, rec.period, rec.scope, first.value, rec.value
                        ))
                        .expected("one value per KPI, period and scope")
                        .hint(
                            "keep the right one; the other may be a different scope (see --scope)",
                        ),
                );
            }
            continue;
        }
        seen.insert(key.clone(), rec);
        match rows.get(&key) {
            None => {
                // The same figure under another scope is most likely one value
                // fed twice with different --scope: say so.
                if let Some(twin) = rows.values().find(|r| {
                    r.kpi == new.kpi
                        && r.period == new.period
                        && r.scope != new.scope
                        && r.number() == new.number()
                }) {
                    m.problems.push(
                        Problem::warning(format!(
                            "{} {}: {} is added for scope `{}`, and the same value is stored for scope `{}`",
                            new.kpi, new.period, new.value, new.scope, twin.scope
                        ))
                        .hint(format!("if it is the same figure, ingest it with --scope \"{}\" instead", twin.scope)),
                    );
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
                m.problems.push(
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
                        .expected(format!("{} (the stored value), or --replace to revise it", old.value))
                        .hint("a revised figure is accepted with --replace and recorded in revisions.csv with the old value"),
                );
            }
        }
    }
    m.rows = rows.into_values().collect();
    m
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

//! The store of actuals, `data/<plan-id>/actuals.csv`, and its revision log:
//! merging new records into it (pure) and writing it safely (`disk`).
//!
//! The store is canonical: one row per (kpi, period, scope), sorted so, every
//! column filled, values as exact decimal text. A change to a stored value is
//! refused unless asked for, and then logged in `revisions.csv`.

pub mod disk;
pub mod guard;
pub mod record;
pub mod revisions;
pub mod transaction;

use std::collections::HashMap;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::core::observation::Basis;
use crate::core::period::Period;
use crate::core::plan::{Kpi, Plan};
use crate::core::shared::Shared;
use crate::intake::load::actuals::COLUMNS;
use crate::problem::{Problem, SourceFile};
use record::{At, Record};

/// One stored value, every field as the store writes it. The texts that
/// repeat from row to row are shared, so a copy of a row copies no text but
/// its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub kpi: Shared,
    pub period: Period,
    pub value: String,
    pub unit: Shared,
    pub basis: Basis,
    pub scope: Shared,
    pub source: Shared,
    pub note: Shared,
    pub yoy: String,
}

impl Row {
    /// The key, (kpi, period, scope): what the row is about.
    pub fn key_ref(&self) -> (&str, Period, &str) {
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

/// A store text read back as rows.
#[derive(Debug, Default)]
pub struct Stored {
    /// The rows `load::actuals` accepts, every default filled in from the plan.
    pub rows: Vec<Row>,
    /// Where each row starts in the text, for messages.
    pub at: Vec<usize>,
    /// What the loader found wrong; rows are only to be used without errors.
    pub problems: Vec<Problem>,
}

/// Reads a store text as `load::actuals` does, in one pass, keeping each
/// value and growth figure as written (the loader holds them as numbers).
pub fn read(file: &SourceFile, plan: &Plan) -> Stored {
    let mut parsed = crate::intake::load::actuals::parse_rows(file, plan, true);
    let none: Shared = Shared::from("");
    // Each KPI's unit, found by the id's address: a few dozen, one text each.
    let units: Vec<(Shared, Shared)> = kpi_units(plan)
        .into_iter()
        .map(|(id, (_, unit))| (Shared::from(id), unit))
        .collect();
    let unit_of = |kpi: Shared| units.iter().find(|(k, _)| *k == kpi).map_or(none, |k| k.1);
    // The rows made on every core, each figure's text moved into its row.
    let observations = &parsed.observations;
    parsed.texts.truncate(observations.len());
    let rows = crate::intake::parallel::in_places(&mut parsed.texts, |i, (value, yoy)| {
        let o = &observations[i];
        let yoy = std::mem::take(yoy);
        Row {
            value: canonical(std::mem::take(value)),
            unit: unit_of(o.kpi),
            kpi: o.kpi,
            period: o.period,
            basis: o.basis,
            scope: o.scope,
            source: o.source,
            note: o.note.unwrap_or(none),
            yoy: if yoy.is_empty() { yoy } else { canonical(yoy) },
        }
    });
    Stored {
        rows,
        at: parsed.rows_at,
        problems: parsed.problems,
    }
}

/// A number's text as the store writes it: `Decimal`'s normal form (no
/// trailing zeros after the point). Most texts are in it already, and are
/// kept without being parsed; a text that is not a number is kept as it is.
fn canonical(text: String) -> String {
    let digits = text.strip_prefix('-').unwrap_or(&text);
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let normal = all_digits(whole)
        && (whole == "0" || !whole.starts_with('0'))
        && fraction.is_none_or(|f| all_digits(f) && !f.ends_with('0'))
        && text != "-0";
    if normal {
        return text;
    }
    Decimal::from_str(&text).map_or(text, normal_text)
}

/// Each KPI of the plan by id, with its unit as a row holds it.
fn kpi_units(plan: &Plan) -> HashMap<&str, (&Kpi, Shared)> {
    plan.kpis
        .iter()
        .map(|k| (k.id.as_str(), (k, Shared::from(k.unit.as_str()))))
        .collect()
}

/// What an ingest does to one key, and where its row now is in
/// `Merge::rows`: a change holds no copy of the row, so a million added rows
/// are held once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added(usize),
    /// The row as it was, and the place of the revised one.
    Revised(Box<Row>, usize),
    Unchanged(usize),
}

/// The result of merging records into a store.
#[derive(Debug, Clone, Default)]
pub struct Merge {
    /// Every row of the new store, in key order.
    pub rows: Vec<Row>,
    /// The input's keys, in key order.
    pub changes: Vec<Change>,
    pub problems: Vec<Problem>,
}

impl Merge {
    /// Each added or revised key: the change, the old row if revised, the new one.
    pub fn changed(&self) -> impl Iterator<Item = (revisions::Changed, Option<&Row>, &Row)> {
        use revisions::Changed;
        self.changes.iter().filter_map(|c| match c {
            Change::Added(i) => Some((Changed::Added, None, &self.rows[*i])),
            Change::Revised(old, i) => Some((Changed::Revised, Some(&**old), &self.rows[*i])),
            Change::Unchanged(_) => None,
        })
    }

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

/// Where a stored row came from, for messages: `actuals.csv line 12`, or the
/// input that gave it earlier in the same run.
pub type Origin<'a> = &'a dyn Fn(&Row) -> String;

/// What a merge feeds into the store: one input's records and how to take them.
#[derive(Clone, Copy)]
pub struct Feed<'a> {
    pub plan: &'a Plan,
    pub records: &'a [Record],
    /// Whether a stored value may be replaced (the change is logged as revised).
    pub replace: bool,
    pub origin: Origin<'a>,
    pub problem_at: Place<'a>,
}

/// Merges `records` into `stored`. A different value, basis or growth for a
/// stored key is refused (a problem at the record's cell) unless `replace`;
/// two records for one key must agree. The rows come back in key order.
///
/// Built for a million rows: each key is turned once into three numbers that
/// sort as the key does (see `Numbering`), keys given twice are found by
/// sorting those, and the added rows are made in that order, after the
/// stored ones: the new store is two sorted runs, merged by a stable sort of
/// keys. No key text is copied for a row, and each figure's text is made
/// on every core at once.
pub fn merge(stored: &[Row], feed: &Feed) -> Merge {
    let Feed {
        plan,
        records,
        replace,
        origin,
        problem_at,
    } = *feed;
    let (mut kpi_numbers, mut scope_numbers) = (Numbering::default(), Numbering::default());
    let mut number =
        |kpi, period, scope| (kpi_numbers.number(kpi), period, scope_numbers.number(scope));
    let mut stored_keys: Vec<Key3> = stored
        .iter()
        .map(|r| number(r.kpi, r.period, r.scope))
        .collect();
    let mut record_keys: Vec<Key3> = records
        .iter()
        .map(|r| number(r.kpi, r.period, r.scope))
        .collect();
    // From here on a key's numbers are its texts' ranks: key order is number order.
    let (kpi_ranks, scope_ranks) = (kpi_numbers.ranks(), scope_numbers.ranks());
    for key in stored_keys.iter_mut().chain(&mut record_keys) {
        *key = (
            kpi_ranks[key.0 as usize],
            key.1,
            scope_ranks[key.2 as usize],
        );
    }
    // Each KPI's unit as a row holds it, by rank; none for a KPI the plan does not have.
    let mut units: Vec<Option<Shared>> = vec![None; kpi_ranks.len()];
    for (id, &rank) in kpi_numbers.texts.iter().zip(&kpi_ranks) {
        units[rank as usize] = plan.kpi(id).map(|k| Shared::from(k.unit.as_str()));
    }
    // Where a key is stored: found by halving in a store in key order, as
    // every store a merge writes is (a million keys hashed took 50 ms), by
    // hash in any other. A key repeated in `stored` (never, from the
    // loader) is its first row.
    let in_order = stored_keys.is_sorted_by(|a, b| a < b);
    let mut hashed: foldhash::HashMap<Key3, usize> = foldhash::HashMap::default();
    if !in_order {
        for (i, key) in stored_keys.iter().enumerate() {
            hashed.entry(*key).or_insert(i);
        }
    }
    let stored_at = |key: &Key3| match in_order {
        true => stored_keys.binary_search(key).ok(),
        false => hashed.get(key).copied(),
    };
    // The records of the plan's KPIs in key order, in the input's order within
    // a key: the records of a key given twice are a run, its first the first given.
    // (Places as `u32`: an input is at most 2 GB, a record ten bytes.)
    // (Sized for all at once: collected from a filter, the vector grew by
    // doubling, each step copied into fresh pages, 1,900 page faults more
    // for a million records. Room reserved and never written costs nothing.)
    let mut given: Vec<(Key3, u32)> = Vec::with_capacity(records.len());
    given.extend(
        record_keys
            .iter()
            .copied()
            .zip(0..)
            .filter(|(k, _)| units[k.0 as usize].is_some()),
    );
    crate::intake::parallel::sort(&mut given);
    const NONE: u32 = u32::MAX;
    let mut first_of: Vec<u32> = vec![NONE; records.len()];
    for run in given.chunk_by(|a, b| a.0 == b.0) {
        for &(_, i) in run {
            first_of[i as usize] = run[0].1;
        }
    }
    let mentioned = |key: &Key3| given.binary_search_by(|(k, _)| k.cmp(key)).is_ok();
    // The stored figures by KPI, period and value, for the twin check below,
    // gathered when a key is first added; only those of a KPI and period
    // the input gives (a quarter's feed into a long store looks at that
    // quarter's rows alone). A value is compared as text: both sides are in
    // `Decimal`'s normal form, one text for each number.
    let twins = std::cell::OnceCell::new();
    let twins = || {
        twins.get_or_init(|| {
            let given: foldhash::HashSet<(u32, Period)> =
                given.iter().map(|((k, p, _), _)| (*k, *p)).collect();
            let mut by_value: foldhash::HashMap<(u32, Period, &str), Vec<usize>> =
                foldhash::HashMap::default();
            for (j, r) in stored.iter().enumerate() {
                if given.contains(&(stored_keys[j].0, r.period)) {
                    let key = (stored_keys[j].0, r.period, r.value.as_str());
                    by_value.entry(key).or_default().push(j);
                }
            }
            by_value
        })
    };
    // What happened to each stored key; the new rows of revised keys, by place.
    let mut done: Vec<Option<Done>> = Vec::with_capacity(stored.len());
    done.resize_with(stored.len(), || None);
    let mut revised: foldhash::HashMap<usize, Row> = foldhash::HashMap::default();
    // What each record does, in the input's order, so that problems come in
    // it; the records that add a key are marked, and made into rows below.
    let mut adds = vec![false; records.len()];
    let mut m = Merge::default();
    for (i, rec) in records.iter().enumerate() {
        if first_of[i] == NONE {
            continue;
        }
        let (first, key) = (first_of[i] as usize, record_keys[i]);
        if first != i {
            if let Some(p) = given_twice(problem_at, &records[first], rec) {
                m.problems.push(p);
            }
            continue;
        }
        let Some(unit) = &units[key.0 as usize] else {
            continue; // not reached: only the plan's KPIs have a first record
        };
        let Some((at, old)) = stored_at(&key).map(|at| (at, &stored[at])) else {
            // The same figure already stored under another scope, one this
            // input does not mention, is most likely one value fed twice
            // with a different --scope: say so. (Scopes given side by side
            // in one input are meant apart: parks may share a value.)
            let value = (!stored.is_empty()).then(|| normal_text(rec.value));
            let twin = value
                .as_deref()
                .and_then(|v| twins().get(&(key.0, rec.period, v)))
                .and_then(|js| {
                    js.iter()
                        .filter(|&&j| !mentioned(&stored_keys[j]))
                        .map(|&j| &stored[j])
                        .min_by(|a, b| a.scope.cmp(&b.scope))
                });
            if let Some(twin) = twin {
                let new = row_with(rec, unit, figure_text(rec));
                m.problems.push(same_value_elsewhere(&new, twin));
            }
            adds[i] = true;
            continue;
        };
        let mut new = row_with(rec, unit, figure_text(rec));
        // A file without growth figures says nothing about them: keep the stored one.
        if new.yoy.is_empty() {
            new.yoy = old.yoy.clone();
        }
        if old.substance() == new.substance() {
            done[at] = Some(Done::Unchanged);
        } else if replace {
            done[at] = Some(Done::Revised(Box::new(old.clone())));
            revised.insert(at, new);
        } else {
            m.problems
                .push(stored_otherwise(problem_at, rec, old, &new, &origin(old)));
        }
    }
    // The records that add a key, in key order, with their units; a row's
    // index is its place in `stored`, or past them its place here. Only
    // indices are kept: a million added keys gathered as keys, records and
    // units, then as keys sorted with the stored ones, cost 10,000 more
    // page faults and 40 ms (docs/performance.md, "Issue 26, tenth step").
    let mut adding: Vec<(u32, Shared)> = Vec::with_capacity(given.len());
    adding.extend(
        given
            .iter()
            .filter(|&&(_, i)| adds[i as usize])
            .filter_map(|&(key, i)| Some((i, units[key.0 as usize]?))),
    );
    let stored_rows = stored.len();
    let key_of = |i: usize| match i.checked_sub(stored_rows) {
        None => stored_keys[i],
        Some(a) => record_keys[adding[a].0 as usize],
    };
    let mut places = match in_order {
        // Two runs in key order, and no added key is stored.
        true => merged_order(&stored_keys, adding.len(), |a| key_of(stored_rows + a)),
        false => key_order((0..stored_rows + adding.len()).map(key_of)),
    };
    // A key repeated in `stored` keeps its first row (see `stored_at`); the
    // others are dropped, and not counted as places.
    places.dedup_by_key(|i| key_of(*i as usize));
    // The changes in key order, each pointing at its row's place.
    m.changes
        .reserve(done.iter().filter(|d| d.is_some()).count() + adding.len());
    for (place, &i) in places.iter().enumerate() {
        let i = i as usize;
        m.changes.extend(match done.get_mut(i) {
            Some(d) => d.take().map(|d| match d {
                Done::Revised(old) => Change::Revised(old, place),
                Done::Unchanged => Change::Unchanged(place),
            }),
            None => Some(Change::Added(place)),
        });
    }
    // The rows, each made once, in its place, on every core: a stored row
    // as it is or as revised, an added one from its record. (Made as the
    // stored rows then the added ones, then put in key order, a quarter fed
    // into a million-row store copied every row twice: docs/performance.md.)
    m.rows = crate::intake::parallel::in_places(&mut places, |_, &mut i| {
        let i = i as usize;
        match i.checked_sub(stored_rows) {
            None => revised.get(&i).unwrap_or(&stored[i]).clone(),
            Some(a) => {
                let (r, unit) = &adding[a];
                let rec = &records[*r as usize];
                row_with(rec, unit, figure_text(rec))
            }
        }
    });
    m
}

/// A record's value and growth figure as the store writes them (`Decimal`'s
/// normal form; empty for no growth figure).
fn figure_text(rec: &Record) -> (String, String) {
    let yoy = rec.yoy.map(normal_text);
    (normal_text(rec.value), yoy.unwrap_or_default())
}

/// `d.normalize().to_string()`, written straight from the digits: a million
/// figures through `Display`'s padding and formatter took a fifth of the
/// time it takes to make a million rows (docs/performance.md).
fn normal_text(d: Decimal) -> String {
    let d = d.normalize();
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(d.mantissa().unsigned_abs());
    let scale = d.scale() as usize;
    let mut out = String::with_capacity(digits.len() + scale + 3);
    if d.is_sign_negative() && !d.is_zero() {
        out.push('-');
    }
    match digits.len().checked_sub(scale) {
        Some(0) | None => {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', scale - digits.len()));
            out.push_str(digits);
        }
        Some(whole) if scale > 0 => {
            out.push_str(&digits[..whole]);
            out.push('.');
            out.push_str(&digits[whole..]);
        }
        Some(_) => out.push_str(digits),
    }
    out
}

/// What a merge did to a stored row, before the rows are put in order.
enum Done {
    Revised(Box<Row>),
    Unchanged,
}

/// A key as numbers: its KPI's, its period and its scope's (see `Numbering`).
type Key3 = (u32, Period, u32);

/// A number for each distinct text of one merge, in the order met. A text is
/// known by its address (one text, one `Shared`), never by its bytes, and
/// looked up only when it is not the one before, so a file that gives one
/// KPI and scope for many rows in a row costs a comparison a row.
#[derive(Default)]
struct Numbering {
    numbers: foldhash::HashMap<usize, u32>,
    texts: Vec<Shared>,
    last: Option<(usize, u32)>,
}

impl Numbering {
    fn number(&mut self, text: Shared) -> u32 {
        let address = text.address();
        if let Some((last, n)) = self.last
            && last == address
        {
            return n;
        }
        let texts = &mut self.texts;
        let n = *self.numbers.entry(address).or_insert_with(|| {
            texts.push(text);
            (texts.len() - 1) as u32
        });
        self.last = Some((address, n));
        n
    }

    /// Each number's place among the texts in text order: numbers that sort
    /// as the texts do.
    fn ranks(&self) -> Vec<u32> {
        let mut by_text: Vec<usize> = (0..self.texts.len()).collect();
        by_text.sort_unstable_by_key(|&n| self.texts[n]);
        let mut rank = vec![0; by_text.len()];
        for (r, n) in by_text.into_iter().enumerate() {
            rank[n] = r as u32;
        }
        rank
    }
}

/// The index of the row that belongs at each place, for `stored` keys in
/// strictly increasing order at indices from 0 and `added` keys after them
/// (`key(a)` the `a`th), increasing and none of them stored: the two runs
/// merged in one pass, as `key_order` would order them.
fn merged_order(stored: &[Key3], added: usize, key: impl Fn(usize) -> Key3) -> Vec<u32> {
    let mut order = Vec::with_capacity(stored.len() + added);
    let (mut s, mut a) = (0, 0);
    while s < stored.len() && a < added {
        // (A tie, which the callers never make, goes to the stored key, as in a stable sort.)
        if stored[s] <= key(a) {
            order.push(s as u32);
            s += 1;
        } else {
            order.push((stored.len() + a) as u32);
            a += 1;
        }
    }
    order.extend((s..stored.len()).map(|s| s as u32));
    order.extend((stored.len() + a..stored.len() + added).map(|i| i as u32));
    order
}

/// The index of the row that belongs at each place, for rows whose keys are
/// given as numbers that sort as the keys do; stably, equal keys in their
/// order. The sort moves 16-byte keys and places, not rows of 96 bytes;
/// it is the stable one, which merges sorted runs (a store and the rows
/// added to it) in one pass rather than sorting them again.
fn key_order(keys: impl Iterator<Item = Key3>) -> Vec<u32> {
    let mut order: Vec<(Key3, u32)> = keys.zip(0..).collect();
    order.sort();
    order.into_iter().map(|(_, i)| i).collect()
}

/// The row a record makes, its growth figure its own (empty when it has none).
#[cfg(test)]
fn row_of(rec: &Record, unit: &Shared) -> Row {
    row_with(rec, unit, figure_text(rec))
}

/// The row a record makes, with its figures' texts (`figure_text`).
fn row_with(rec: &Record, unit: &Shared, (value, yoy): (String, String)) -> Row {
    Row {
        kpi: rec.kpi,
        period: rec.period,
        value,
        unit: *unit,
        basis: rec.basis,
        scope: rec.scope,
        source: rec.source,
        note: rec.note,
        yoy,
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
    origin: &str,
) -> Problem {
    problem_at(rec.at)
        .with_message(format!(
            "{} {} ({}) is stored as {}{} ({origin}); this file says {}{}",
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

/// The canonical store text, rendered in parts, one a core.
pub fn render(rows: &[Row]) -> String {
    // A store of a few thousand rows is rendered in one part.
    let parts = crate::intake::parallel::parts(rows, 10_000);
    let (first, rest) = parts
        .split_first()
        .map_or((&[][..], &[][..]), |(f, r)| (*f, r));
    // About 50 bytes a row: sized once for all parts, not grown by doubling.
    let (mut text, others) = crate::intake::parallel::beside(
        || render_rows(first, Some(64 * rows.len() + 64)),
        rest,
        |part| render_rows(part, None),
    );
    for part in others {
        text.push_str(&part);
    }
    text
}

/// `rows` as store text, with the header line when sized for a whole store.
fn render_rows(rows: &[Row], whole: Option<usize>) -> String {
    let mut text = String::with_capacity(whole.unwrap_or(64 * rows.len()));
    let mut line = |fields: [&str; COLUMNS.len()]| {
        for (i, field) in fields.into_iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            crate::text::push_csv_field(&mut text, field);
        }
        text.push('\n');
    };
    if whole.is_some() {
        line(COLUMNS);
    }
    // (The rows of one period come together: its text is made once.)
    let mut period = (None, String::new());
    for r in rows {
        if period.0 != Some(r.period) {
            period.1.clear();
            r.period.push_to(&mut period.1);
            period.0 = Some(r.period);
        }
        line([
            &r.kpi,
            &period.1,
            &r.value,
            &r.unit,
            r.basis.id(),
            &r.scope,
            &r.source,
            &r.note,
            &r.yoy,
        ]);
    }
    text
}

/// Year-to-date totals that fall within a year: each a warning naming both
/// places (it may be a real revision, or a wrong period).
pub fn falling_ytd(plan: &Plan, rows: &[Row], place: &dyn Fn(&Row) -> String) -> Vec<Problem> {
    let mut out = Vec::new();
    // The last KPI looked up, and whether it is a flow: rows come KPI by
    // KPI, and looking each pair's KPI up in the plan was a search by text
    // per row. The last row's figure read, for the pair it begins.
    let mut flow_of: Option<(Shared, bool)> = None;
    let mut read: Option<(usize, Option<Decimal>)> = None;
    for (i, pair) in rows.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        let same_year = a.kpi == b.kpi && a.scope == b.scope && a.period.year() == b.period.year();
        if !(same_year && a.basis == Basis::Ytd && b.basis == Basis::Ytd && b.period > a.period) {
            continue;
        }
        let flow = match flow_of {
            Some((kpi, flow)) if kpi == a.kpi => flow,
            _ => {
                let flow = plan
                    .kpi(&a.kpi)
                    .is_some_and(|k| k.kind == crate::core::plan::Kind::Flow);
                flow_of = Some((a.kpi, flow));
                flow
            }
        };
        if !flow {
            continue;
        }
        let x = match read {
            Some((at, x)) if at == i => x,
            _ => a.number(),
        };
        let y = b.number();
        read = Some((i + 1, y));
        if let (Some(x), Some(y)) = (x, y)
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
    use std::collections::{BTreeMap, HashSet};

    use super::*;

    /// (kpi, period, scope), owned.
    type Key = (Shared, Period, Shared);

    /// What happened to a key (the fast merge's `Done`, with the added
    /// keys it does not record).
    enum Done {
        Added,
        Revised(Box<Row>),
        Unchanged,
    }

    fn owned_key(r: &Row) -> Key {
        (r.kpi, r.period, r.scope)
    }

    /// The first, plain implementation of `merge`, with ordered maps of owned
    /// keys filled record by record. Kept as the reference the fast one is
    /// tested against; the same contract.
    pub fn merge_reference(stored: &[Row], feed: &Feed) -> Merge {
        let (plan, records, replace) = (feed.plan, feed.records, feed.replace);
        let (origin, problem_at) = (feed.origin, feed.problem_at);
        let mut rows: BTreeMap<Key, Row> = BTreeMap::new();
        for r in stored {
            rows.entry(owned_key(r)).or_insert_with(|| r.clone());
        }
        let mut done: BTreeMap<Key, Done> = BTreeMap::new();
        let mut seen: BTreeMap<Key, &Record> = BTreeMap::new();
        // What the input gives, and the stored figures by KPI, period and value:
        // found once, so a file of many scopes is not checked scope by scope.
        let mentioned: HashSet<(&str, Period, &str)> = records
            .iter()
            .map(|r| (&*r.kpi, r.period, &*r.scope))
            .collect();
        let mut twins: HashMap<(&str, Period, Decimal), Vec<&Row>> = HashMap::new();
        for r in stored {
            if let Some(n) = r.number() {
                twins.entry((&r.kpi, r.period, n)).or_default().push(r);
            }
        }
        let mut m = Merge::default();
        for rec in records {
            let Some(kpi) = plan.kpi(&rec.kpi) else {
                continue;
            };
            let mut new = row_of(rec, &Shared::from(kpi.unit.as_str()));
            let key = owned_key(&new);
            // A file without growth figures says nothing about them: keep the stored one.
            if let (true, Some(old)) = (new.yoy.is_empty(), rows.get(&key)) {
                new.yoy = old.yoy.clone();
            }
            if let Some(&first) = seen.get(&key) {
                m.problems.extend(given_twice(problem_at, first, rec));
                continue;
            }
            seen.insert(key, rec);
            match rows.get(&key) {
                None => {
                    // The same figure already stored under another scope, one this
                    // input does not mention, is most likely one value fed twice
                    // with a different --scope: say so. (Scopes given side by side
                    // in one input are meant apart: parks may share a value.)
                    let twin = new.number().and_then(|n| {
                        twins
                            .get(&(&*new.kpi, new.period, n))?
                            .iter()
                            .filter(|r| !mentioned.contains(&(&*r.kpi, r.period, &*r.scope)))
                            .min_by(|a, b| a.scope.cmp(&b.scope))
                    });
                    if let Some(twin) = twin {
                        m.problems.push(same_value_elsewhere(&new, twin));
                    }
                    done.insert(key, Done::Added);
                    rows.insert(key, new);
                }
                Some(old) if old.substance() == new.substance() => {
                    done.insert(key, Done::Unchanged);
                }
                Some(old) if replace => {
                    done.insert(key, Done::Revised(Box::new(old.clone())));
                    rows.insert(key, new);
                }
                Some(old) => {
                    m.problems
                        .push(stored_otherwise(problem_at, rec, old, &new, &origin(old)));
                }
            }
        }
        for (place, key) in rows.keys().enumerate() {
            m.changes.extend(done.remove(key).map(|d| match d {
                Done::Added => Change::Added(place),
                Done::Revised(old) => Change::Revised(old, place),
                Done::Unchanged => Change::Unchanged(place),
            }));
        }
        m.rows = rows.into_values().collect();
        m
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn plan() -> Plan {
        crate::intake::bishan_plan()
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

    fn ours_keys(
        rows: &[Row],
        kpi: impl Fn(&str) -> u32,
        scope: impl Fn(&str) -> u32,
    ) -> Vec<Key3> {
        rows.iter()
            .map(|r| (kpi(&r.kpi), r.period, scope(&r.scope)))
            .collect()
    }

    fn decimal(v: i64) -> Decimal {
        Decimal::new(v, 1)
    }

    /// A store read back gives the rows it was written from, each with its
    /// KPI's unit and its figures in normal form: a store large enough to
    /// be read on every core, made of rows of two KPIs.
    #[test]
    fn a_store_reads_back_as_its_rows() {
        let plan = plan();
        let mut written = Vec::new();
        for kpi in ["built_up_area", "rd_ratio"] {
            let unit: Shared = plan.kpi(kpi).unwrap().unit.as_str().into();
            for q in 0..8 {
                for s in 0..1600 {
                    written.push(Row {
                        kpi: kpi.into(),
                        period: period(q),
                        value: format!("{}.{}0", s % 40, q),
                        unit,
                        basis: Basis::Level,
                        scope: format!("park {s:04}").as_str().into(),
                        source: "s".into(),
                        note: "".into(),
                        yoy: if s % 3 == 0 {
                            format!("{q}.50")
                        } else {
                            String::new()
                        },
                    });
                }
            }
        }
        let text = render(&written);
        let stored = read(&SourceFile::new("actuals.csv", text), &plan);
        assert!(stored.problems.is_empty(), "{:?}", &stored.problems[..1]);
        let expected: Vec<Row> = written
            .into_iter()
            .map(|r| Row {
                value: canonical(r.value),
                yoy: if r.yoy.is_empty() {
                    r.yoy
                } else {
                    canonical(r.yoy)
                },
                ..r
            })
            .collect();
        assert_eq!(stored.rows.len(), expected.len());
        assert!(stored.rows == expected, "the rows read back differ");
        assert_eq!(stored.rows[1].value, "1");
        assert_eq!(stored.rows[3].yoy, "0.5");
    }

    proptest! {
        /// A text kept as it is, unparsed, is exactly what `Decimal` would
        /// make of it; any other text goes through `Decimal`.
        #[test]
        fn canonical_is_decimals_normal_form(text in "-?[0-9]{0,4}(\\.[0-9]{0,3})?") {
            let by_decimal = Decimal::from_str(&text)
                .map_or_else(|_| text.clone(), |d| d.normalize().to_string());
            prop_assert_eq!(canonical(text.clone()), by_decimal);
        }

        /// The store is written field by field exactly as the csv crate
        /// writes it: fields with commas, quotes, line breaks and Chinese,
        /// empty ones, and periods that repeat and change.
        #[test]
        fn store_text_is_as_the_csv_crate_writes_it(
            rows in proptest::collection::vec(
                (proptest::collection::vec("[a-z0-9,\"\r\n .亿]{0,5}", 7), 0..6i32, 0..4usize),
                0..40,
            )
        ) {
            let rows: Vec<Row> = rows
                .iter()
                .map(|(t, q, b)| Row {
                    kpi: Shared::from(t[0].as_str()),
                    period: period(*q),
                    value: t[1].clone(),
                    unit: Shared::from(t[2].as_str()),
                    basis: Basis::ALL[*b],
                    scope: Shared::from(t[3].as_str()),
                    source: Shared::from(t[4].as_str()),
                    note: Shared::from(t[5].as_str()),
                    yoy: t[6].clone(),
                })
                .collect();
            let mut builder = csv::WriterBuilder::new();
            builder.terminator(csv::Terminator::Any(b'\n'));
            let by_crate = crate::text::csv(&builder, 0, |w| {
                w.write_record(COLUMNS)?;
                for r in &rows {
                    let period = r.period.to_string();
                    let (kpi, unit, scope) = (&*r.kpi, &*r.unit, &*r.scope);
                    let (source, note) = (&*r.source, &*r.note);
                    w.write_record([
                        kpi, &period, &r.value, unit, r.basis.id(), scope, source, note, &r.yoy,
                    ])?;
                }
                Ok(())
            });
            prop_assert_eq!(render(&rows), by_crate);
        }

        /// The store's text of a figure is `Decimal`'s own normal form, for
        /// every mantissa (short ones and the full 96 bits), scale and sign,
        /// zeros with every scale among them.
        #[test]
        fn normal_text_is_decimals_normal_form(
            mantissa in prop_oneof![0u128..1000, 0u128..100_000_000, 0u128..(1u128 << 96)],
            scale in 0u32..=28,
            negative in any::<bool>(),
        ) {
            let mut d = Decimal::from_i128_with_scale(mantissa as i128, scale);
            d.set_sign_negative(negative);
            prop_assert_eq!(normal_text(d), d.normalize().to_string());
        }

        /// Rows come out in key order, rows of one key in the order they came:
        /// as a stable sort by key puts them.
        #[test]
        fn rows_in_key_order_as_a_stable_sort(
            keys in prop::collection::vec((0usize..3, 0i32..6, 0usize..3), 0..60),
        ) {
            let plan = plan();
            let rows: Vec<Row> = keys
                .iter()
                .enumerate()
                .map(|(n, &(k, q, s))| Row {
                    kpi: KPIS[k].into(),
                    period: period(q),
                    value: n.to_string(),
                    unit: plan.kpis[0].unit.as_str().into(),
                    basis: Basis::Level,
                    scope: SCOPES[s].into(),
                    source: "s".into(),
                    note: "".into(),
                    yoy: String::new(),
                })
                .collect();
            let mut expected = rows.clone();
            expected.sort_by(|a, b| a.key_ref().cmp(&b.key_ref()));
            // Keys as numbers that sort as the texts do (KPIS and SCOPES are
            // not in text order, so ranks are needed).
            let rank = |texts: &[&str], t: &str| texts.iter().filter(|x| **x < t).count() as u32;
            let keys: Vec<Key3> = ours_keys(&rows, |k| rank(&KPIS, k), |s| rank(&SCOPES, s));
            let ours: Vec<Row> = key_order(keys.into_iter())
                .into_iter()
                .map(|i| rows[i as usize].clone())
                .collect();
            prop_assert_eq!(ours, expected);
        }

        /// The fast merge gives what the plain one gives: the same rows, the
        /// same changes and the same problems, in the same order, for stores
        /// and inputs with repeated keys, shared values across scopes, growth
        /// figures, unknown KPIs, with and without --replace; stores in key
        /// order, as a merge writes them (the added keys merged in one pass),
        /// and in any other (sorted with the added ones).
        #[test]
        fn merge_agrees_with_the_reference(
            stored in prop::collection::btree_map((0usize..3, 0i32..6, 0usize..3), (0i64..3, prop::option::of(0i64..3)), 0..20),
            records in prop::collection::vec(((0usize..4, 0i32..6, 0usize..3), (0i64..3, prop::option::of(0i64..3), any::<bool>())), 0..30),
            replace in any::<bool>(),
            in_key_order in any::<bool>(),
        ) {
            let plan = plan();
            let mut stored: Vec<Row> = stored
                .iter()
                .map(|(&(k, q, s), &(v, y))| {
                    let kpi = plan.kpi(KPIS[k]).unwrap();
                    Row {
                        kpi: kpi.id.as_str().into(),
                        period: period(q),
                        value: decimal(v).normalize().to_string(),
                        unit: kpi.unit.as_str().into(),
                        basis: Basis::default_for(kpi.kind),
                        scope: SCOPES[s].into(),
                        source: "stored".into(),
                        note: "".into(),
                        yoy: y.map(|y| decimal(y).normalize().to_string()).unwrap_or_default(),
                    }
                })
                .collect();
            if in_key_order {
                stored.sort_by(|a, b| a.key_ref().cmp(&b.key_ref()));
            }
            let records: Vec<Record> = records
                .iter()
                .enumerate()
                .map(|(n, &((k, q, s), (v, y, other_basis)))| {
                    let kind = plan.kpi(KPIS[k]).map_or(crate::core::plan::Kind::Level, |p| p.kind);
                    let allowed = Basis::allowed_for(kind);
                    Record {
                        kpi: KPIS[k].into(),
                        period: period(q),
                        value: decimal(v),
                        basis: if other_basis { allowed[allowed.len() - 1] } else { allowed[0] },
                        scope: SCOPES[s].into(),
                        source: "in.csv".into(),
                        note: "".into(),
                        yoy: y.map(decimal),
                        unit: "".into(),
                        at: At::Text { start: n, len: 1 },
                    }
                })
                .collect();
            let at = |a: At| Problem::error("").in_file(format!("{a:?}"));
            let origin = |r: &Row| format!("actuals.csv, {} {} {}", r.kpi, r.period, r.scope);
            let feed = Feed { plan: &plan, records: &records, replace, origin: &origin, problem_at: &at };
            let fast = merge(&stored, &feed);
            let plain = reference::merge_reference(&stored, &feed);
            prop_assert_eq!(&fast.rows, &plain.rows);
            prop_assert_eq!(&fast.changes, &plain.changes);
            let said = |m: &Merge| -> Vec<String> { m.problems.iter().map(|p| format!("{p:?}")).collect() };
            prop_assert_eq!(said(&fast), said(&plain));
        }
    }
}

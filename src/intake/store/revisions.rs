//! The revision log, `data/<plan-id>/revisions.csv`: every accepted change,
//! with the value before, the time, the source file and its SHA-256, and the
//! hashes of the store before and after, which tie each batch to the store.

use std::fmt::Write as _;
use std::io::Write;

pub use crate::core::revision::{ChangeKind, Changed};

use super::Merge;

pub const HEADER: &str = "time_utc,kpi,period,scope,change,old_value,new_value,source_file,source_sha256,store_sha256_before,store_sha256_after\n";

/// One ingest's facts, shared by every row it logs.
pub struct Batch<'a> {
    pub time_utc: &'a str,
    pub source_file: &'a str,
    pub source_sha256: &'a str,
    pub store_before: &'a str,
    pub store_after: &'a str,
    /// Figures (KPI id, period) whose jump the user confirmed: logged so.
    pub confirmed: &'a [(String, crate::core::period::Period)],
}

/// Writes the log rows for the changes of one batch (unchanged keys are not
/// logged) to `out`, as they are made: a million changes make 260 MB of log,
/// which is never held in memory.
///
/// The time, source and hashes a batch's rows share (three quarters of each
/// row) are put into CSV once, by the csv crate, and copied into every row;
/// only the fields that change from row to row are quoted row by row.
pub fn write(out: impl Write, merge: &Merge, batch: &Batch) -> std::io::Result<()> {
    let head = csv_record(&[batch.time_utc, ""]);
    let head = head.strip_suffix(b",\n").unwrap_or(&head);
    let tail = csv_record(&[
        "",
        batch.source_file,
        batch.source_sha256,
        batch.store_before,
        batch.store_after,
    ]);
    let mut out = std::io::BufWriter::with_capacity(1 << 20, out);
    // (The changes of one period come together: its text is made once.)
    let mut period = (None, String::new());
    let mut said = String::new();
    let mut last_kind = None;
    let mut line = String::new();
    for (kind, old, new) in merge.changed() {
        if period.0 != Some(new.period) {
            period.1.clear();
            new.period.push_to(&mut period.1);
            period.0 = Some(new.period);
        }
        let confirmed = batch
            .confirmed
            .iter()
            .any(|(k, p)| **k == *new.kpi && *p == new.period);
        // A value's change, and a published growth's change beside it: a
        // revised 同比 is a revision too (`revised yoy`, old and new growth).
        // (A revision that is not of the growth alone logs its value row.)
        let value_changed =
            old.is_none_or(|o| o.value != new.value || o.basis != new.basis || o.yoy == new.yoy);
        let yoy_changed = old.is_some_and(|o| o.yoy != new.yoy);
        let kinds = [
            value_changed.then(|| {
                (
                    ChangeKind::of_value(kind, confirmed),
                    old.map_or("", |o| o.value.as_str()),
                    new.value.as_str(),
                )
            }),
            yoy_changed.then(|| {
                let o = old.map_or("", |o| o.yoy.as_str());
                (ChangeKind::of_yoy(kind), o, new.yoy.as_str())
            }),
        ];
        for (kind, old_value, new_value) in kinds.iter().flatten() {
            // (Into one buffer: a million added rows allocate nothing here,
            // and a kind is put in words only when it is not the last one.)
            if last_kind != Some(*kind) {
                said.clear();
                let _ = write!(said, "{kind}");
                last_kind = Some(*kind);
            }
            line.clear();
            for field in [
                &*new.kpi, &period.1, &new.scope, &said, old_value, new_value,
            ] {
                line.push(',');
                crate::text::push_csv_field(&mut line, field);
            }
            out.write_all(head)?;
            out.write_all(line.as_bytes())?;
            out.write_all(&tail)?;
        }
    }
    out.flush()
}

/// One record as the csv crate writes it, ending in a line feed.
fn csv_record(fields: &[&str]) -> Vec<u8> {
    let mut builder = csv::WriterBuilder::new();
    builder.terminator(csv::Terminator::Any(b'\n'));
    crate::text::csv(&builder, 64, |w| w.write_record(fields)).into_bytes()
}

/// The log as an ingest finds it beside the store.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// No log yet (or an empty file).
    Nothing,
    /// A log that agrees with the store: left on disk, to be copied as it is
    /// into the new log (only its last line has been read).
    Agrees,
    /// The log without an unfinished batch, to be written in its place.
    Repaired(String),
}

/// What an ingest finds of the log at `path` beside a store whose SHA-256
/// is `store_hash`. A log of millions of rows is not read: its last line
/// tells that it agrees with the store, as it nearly always does.
pub fn find(path: &std::path::Path, store_hash: &str) -> std::io::Result<Found> {
    use std::io::{Read, Seek, SeekFrom};
    if let Err(p) = crate::files::check(path, crate::files::STORE) {
        return Err(std::io::Error::other(p.to_string()));
    }
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(e) => return Err(e),
    };
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(Found::Nothing);
    }
    let mut tail = Vec::new();
    file.seek(SeekFrom::Start(len.saturating_sub(1 << 16)))?;
    file.read_to_end(&mut tail)?;
    if last_row_agrees(&String::from_utf8_lossy(&tail), store_hash) {
        return Ok(Found::Agrees);
    }
    let mut log = Vec::new();
    file.seek(SeekFrom::Start(0))?;
    file.read_to_end(&mut log)?;
    let log = String::from_utf8(log)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Ok(match without_unfinished_batch(&log, store_hash) {
        Some(repaired) => Found::Repaired(repaired),
        None => Found::Agrees,
    })
}

/// The log without a last batch that never reached the store: one whose
/// store-before hash is the store's current hash and whose store-after hash
/// is not (a kill between writing the log and the store). Returns `None` when
/// the log is consistent.
pub fn without_unfinished_batch(log: &str, store_hash: &str) -> Option<String> {
    if last_row_agrees(log, store_hash) {
        return None;
    }
    let mut reader = csv::ReaderBuilder::new().from_reader(log.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().flatten().collect();
    let last = records.last()?;
    let (before, after) = (last.get(9)?, last.get(10)?);
    if after == store_hash || before != store_hash {
        return None;
    }
    let keep: Vec<&csv::StringRecord> = records
        .iter()
        .filter(|r| !(r.get(9) == Some(before) && r.get(10) == Some(after)))
        .collect();
    let mut builder = csv::WriterBuilder::new();
    builder
        .has_headers(false)
        .terminator(csv::Terminator::Any(b'\n'));
    let body = crate::text::csv(&builder, log.len(), |w| {
        keep.into_iter().try_for_each(|r| w.write_record(r))
    });
    Some(format!("{HEADER}{body}"))
}

/// Whether the last line of `log` (or of its tail) shows that the log agrees
/// with a store whose hash is `store_hash`: its batch left that store, or it
/// did not start from it. Nearly always so, and seen without reading a log
/// of millions of rows; `false` leaves the question to a full read.
fn last_row_agrees(log: &str, store_hash: &str) -> bool {
    last_row(log).is_some_and(|row| row[10] == store_hash || row[9] != store_hash)
}

/// The eleven fields of the log's last line, when it is a whole row: not the
/// header, and no quote in it (a quoted field may span lines, so such a line
/// is left to a full read of the log).
fn last_row(log: &str) -> Option<Vec<&str>> {
    let line = log.trim_end_matches(['\n', '\r']).rsplit('\n').next()?;
    let fields: Vec<&str> = line.split(',').collect();
    (!line.contains('"') && line != HEADER.trim_end() && fields.len() == 11).then_some(fields)
}

/// The store hash the log's last batch left, if the log has any batch.
pub fn last_store_hash(log: &str) -> Option<String> {
    if let Some([.., after]) = last_row(log).as_deref() {
        return Some(after.to_string());
    }
    let mut reader = csv::ReaderBuilder::new().from_reader(log.as_bytes());
    let last = reader.records().flatten().last()?;
    last.get(10).map(str::to_string)
}

/// What the log calls a change made to the store outside plantrack.
pub const BY_HAND: &str = "edited by hand";

/// A figure changed in the store outside plantrack: `(kpi, period, scope)`,
/// the change (`added`, `revised`, `removed`), the value the log last knew
/// and the value now.
pub type HandEdit = ([String; 3], Changed, String, String);

/// The changes made to the store by hand since the log's last batch: none
/// when the log's last batch left the store as it is (`store_hash`). The log
/// is replayed; a figure the log never knew counts as added only when the
/// log starts from an empty store (else it may be older than the log).
/// Returns the edits and the store hash the log last left.
pub fn hand_edits(
    path: &std::path::Path,
    store_hash: &str,
    rows: &[super::Row],
) -> Result<(Vec<HandEdit>, String), crate::problem::Problem> {
    // The log's last line nearly always shows the store as the log left it:
    // only then is a long log not read whole.
    if tail_agrees(path, store_hash) {
        return Ok((Vec::new(), String::new()));
    }
    let Some(bytes) = crate::files::read_guarded(path, crate::files::STORE)? else {
        return Ok((Vec::new(), String::new()));
    };
    let log = String::from_utf8_lossy(&bytes);
    let Some(last) = last_store_hash(&log).filter(|h| h != store_hash) else {
        return Ok((Vec::new(), String::new()));
    };
    let mut known: std::collections::BTreeMap<[String; 3], Option<String>> =
        std::collections::BTreeMap::new();
    let mut from_empty = None;
    let mut reader = csv::ReaderBuilder::new().from_reader(log.as_bytes());
    for r in reader.records().flatten() {
        let f = |i: usize| r.get(i).unwrap_or("").to_string();
        from_empty.get_or_insert_with(|| f(9) == super::disk::sha256(b""));
        // A growth figure's revision says nothing of the value.
        let kind = ChangeKind::parse(&f(4));
        if kind.is_some_and(|k| k.yoy) {
            continue;
        }
        let value = kind
            .is_none_or(|k| k.what != Changed::Removed)
            .then(|| f(6));
        known.insert([f(1), f(2), f(3)], value);
    }
    let complete = from_empty.unwrap_or(false);
    let mut edits = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for row in rows {
        let key = [
            row.kpi.to_string(),
            row.period.to_string(),
            row.scope.to_string(),
        ];
        match known.get(&key) {
            Some(Some(v)) if *v != row.value => {
                edits.push((key.clone(), Changed::Revised, v.clone(), row.value.clone()));
            }
            Some(None) => edits.push((
                key.clone(),
                Changed::Added,
                String::new(),
                row.value.clone(),
            )),
            None if complete => {
                edits.push((
                    key.clone(),
                    Changed::Added,
                    String::new(),
                    row.value.clone(),
                ));
            }
            _ => {}
        }
        seen.insert(key);
    }
    for (key, value) in known {
        if let (Some(v), false) = (value, seen.contains(&key)) {
            edits.push((key, Changed::Removed, v, String::new()));
        }
    }
    Ok((edits, last))
}

/// Whether the log's last whole line ends at the store `store_hash`; a log
/// that cannot be read so says no (it is read whole then).
fn tail_agrees(path: &std::path::Path, store_hash: &str) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let len = file.metadata().map_or(0, |m| m.len());
    let mut tail = Vec::new();
    let read = file
        .seek(SeekFrom::Start(len.saturating_sub(1 << 16)))
        .and_then(|_| file.read_to_end(&mut tail));
    read.is_ok()
        && last_row(&String::from_utf8_lossy(&tail)).is_some_and(|row| row[10] == store_hash)
}

/// Writes the log rows of hand edits as one batch: from the store the log
/// last left (`before`) to the store as it is (`after`).
pub fn write_hand_edits(
    mut out: impl Write,
    edits: &[HandEdit],
    time_utc: &str,
    before: &str,
    after: &str,
) -> std::io::Result<()> {
    let mut builder = csv::WriterBuilder::new();
    builder
        .has_headers(false)
        .terminator(csv::Terminator::Any(b'\n'));
    let text = crate::text::csv(&builder, 256 * edits.len(), |w| {
        for ([kpi, period, scope], change, old, new) in edits {
            w.write_record([
                time_utc,
                kpi,
                period,
                scope,
                change.word(),
                old,
                new,
                BY_HAND,
                "",
                before,
                after,
            ])?;
        }
        Ok(())
    });
    out.write_all(text.as_bytes())
}

/// One row of the log, as logged.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Entry {
    pub time_utc: String,
    pub kpi: String,
    pub period: String,
    pub scope: String,
    pub change: ChangeKind,
    pub old_value: String,
    pub new_value: String,
    pub source_file: String,
}

/// The last moment of a day as the log writes times (`YYYY-MM-DDT...Z`),
/// so that a string comparison orders them.
pub fn time_of((year, month, day): (i32, u32, u32)) -> String {
    format!("{year:04}-{month:02}-{day:02}T23:59:59Z")
}

/// Reads a plan's log: `None` when there is none (figures not fed by ingest).
pub fn read(path: &std::path::Path) -> Result<Option<Vec<Entry>>, crate::problem::Problem> {
    use crate::problem::Problem;
    let shown = path.display().to_string();
    let Some(bytes) = crate::files::read_guarded(path, crate::files::STORE)? else {
        return Ok(None);
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        Problem::error(format!(
            "the revision log is not UTF-8 text (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
        .in_file(shown.clone())
        .hint("the log is written by ingest only; restore it from version control")
    })?;
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let broken = |what: String| {
            Problem::error(format!("row {} of the revision log {what}", i + 2))
                .in_file(shown.clone())
                .expected(HEADER.trim_end().to_string())
                .hint("the log is written by ingest only; restore it from version control")
        };
        let r = record.map_err(|e| broken(format!("is not valid CSV: {e}")))?;
        if r.len() < 8 {
            return Err(broken(format!("has {} fields", r.len())));
        }
        let f = |n: usize| r.get(n).unwrap_or("").to_string();
        let change = ChangeKind::parse(&f(4)).ok_or_else(|| {
            Problem::error(format!(
                "row {} of the revision log has the change `{}`",
                i + 2,
                crate::problem::readable(&f(4), 60)
            ))
            .in_file(shown.clone())
            .expected("added, revised or removed, with ` yoy` or ` (jump confirmed)` after it")
            .hint("the log is written by ingest only; restore it from version control")
        })?;
        out.push(Entry {
            time_utc: f(0),
            kpi: f(1),
            period: f(2),
            scope: f(3),
            change,
            old_value: f(5),
            new_value: f(6),
            source_file: f(7),
        });
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::core::observation::Basis;
    use crate::intake::store::{Change, Row};

    proptest! {
        /// Each logged row is exactly what the csv crate writes for its eleven
        /// fields, whatever commas, quotes, line breaks or spaces they hold.
        #[test]
        fn rows_are_what_the_csv_crate_writes(
            texts in prop::collection::vec("[a,\"\r\n é]{0,6}", 7),
            revised in any::<bool>(),
        ) {
            let row = |value: &str| Row {
                kpi: texts[0].as_str().into(),
                period: "2018Q2".parse().unwrap(),
                value: value.to_string(),
                unit: "u".into(),
                basis: Basis::Level,
                scope: texts[1].as_str().into(),
                source: "s".into(),
                note: "".into(),
                yoy: String::new(),
            };
            let (old, new) = (row(&texts[2]), row(&texts[3]));
            let change = if revised {
                Change::Revised(Box::new(old.clone()), 0)
            } else {
                Change::Added(0)
            };
            let merge = Merge {
                rows: vec![new, old],
                changes: vec![change, Change::Unchanged(1)],
                problems: Vec::new(),
            };
            let batch = Batch {
                time_utc: &texts[4],
                source_file: &texts[5],
                source_sha256: &texts[6],
                store_before: "b",
                store_after: "",
                confirmed: &[],
            };
            let mut ours = Vec::new();
            write(&mut ours, &merge, &batch).unwrap();
            let mut theirs = csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(Vec::new());
            theirs
                .write_record([
                    texts[4].as_str(),
                    &texts[0],
                    "2018Q2",
                    &texts[1],
                    if revised { "revised" } else { "added" },
                    if revised { &texts[2] } else { "" },
                    &texts[3],
                    &texts[5],
                    &texts[6],
                    "b",
                    "",
                ])
                .unwrap();
            prop_assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(theirs.into_inner().unwrap()).unwrap()
            );
        }
    }
}

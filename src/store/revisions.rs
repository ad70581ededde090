//! The revision log, `data/<plan-id>/revisions.csv`: every accepted change,
//! with the value before, the time, the source file and its SHA-256, and the
//! hashes of the store before and after, which tie each batch to the store.

use super::{Change, Row};

pub const HEADER: &str = "time_utc,kpi,period,scope,change,old_value,new_value,source_file,source_sha256,store_sha256_before,store_sha256_after\n";

/// One ingest's facts, shared by every row it logs.
pub struct Batch<'a> {
    pub time_utc: &'a str,
    pub source_file: &'a str,
    pub source_sha256: &'a str,
    pub store_before: &'a str,
    pub store_after: &'a str,
}

/// The log rows for the changes of one batch (unchanged keys are not logged).
pub fn rows(changes: &[Change], batch: &Batch) -> String {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::Any(b'\n'))
        // About 260 bytes a row (three hashes): sized once, not grown by doubling.
        .from_writer(Vec::with_capacity(changes.len() * 280));
    for c in changes {
        let (kind, old, new): (&str, Option<&Row>, &Row) = match c {
            Change::Added(n) => ("added", None, n),
            Change::Revised(o, n) => ("revised", Some(o), n),
            Change::Unchanged(_) => continue,
        };
        let _ = w.write_record([
            batch.time_utc,
            &new.kpi,
            &new.period.to_string(),
            &new.scope,
            kind,
            old.map_or("", |o| o.value.as_str()),
            &new.value,
            batch.source_file,
            batch.source_sha256,
            batch.store_before,
            batch.store_after,
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The log without a last batch that never reached the store: one whose
/// store-before hash is the store's current hash and whose store-after hash
/// is not (a kill between writing the log and the store). Returns `None` when
/// the log is consistent.
pub fn without_unfinished_batch(log: &str, store_hash: &str) -> Option<String> {
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
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for r in keep {
        let _ = w.write_record(r);
    }
    let body = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
    Some(format!("{HEADER}{body}"))
}

/// The store hash the log's last batch left, if the log has any batch.
pub fn last_store_hash(log: &str) -> Option<String> {
    let mut reader = csv::ReaderBuilder::new().from_reader(log.as_bytes());
    let last = reader.records().flatten().last()?;
    last.get(10).map(str::to_string)
}

/// One row of the log, as logged.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Entry {
    pub time_utc: String,
    pub kpi: String,
    pub period: String,
    pub scope: String,
    pub change: String,
    pub old_value: String,
    pub new_value: String,
    pub source_file: String,
}

/// Reads a plan's log: `None` when there is none (figures not fed by ingest).
pub fn read(path: &std::path::Path) -> Result<Option<Vec<Entry>>, crate::problem::Problem> {
    use crate::problem::Problem;
    let shown = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Problem::error(format!("cannot read the revision log: {e}")).in_file(shown));
        }
    };
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
        out.push(Entry {
            time_utc: f(0),
            kpi: f(1),
            period: f(2),
            scope: f(3),
            change: f(4),
            old_value: f(5),
            new_value: f(6),
            source_file: f(7),
        });
    }
    Ok(Some(out))
}

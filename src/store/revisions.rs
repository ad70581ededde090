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
        .from_writer(Vec::new());
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

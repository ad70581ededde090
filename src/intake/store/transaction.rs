//! The store's one write transaction: `open` (take the lock, read the store,
//! make its log agree with it), `stage` (merge each input's records, check
//! that the new store loads, write the new log and store beside the old ones)
//! and `commit` (the log, then the store, each in one rename). Nothing is
//! written before `commit` but a repaired log, which only drops lines that
//! never reached the store.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::io::Write;

use super::disk::{self, Lock};
use super::record::{At, Record};
use super::revisions::{self, Batch, Found};
use super::{Merge, Row, Stored};
use crate::core::period::Period;
use crate::core::plan::Plan;
use crate::files::{self, Staged, cannot_write};
use crate::intake::load::actuals;
use crate::intake::workspace::StoreFiles;
use crate::problem::{Problem, SourceFile};

/// A store opened for writing (or, for a dry run, only read).
pub struct Transaction<'p> {
    plan: &'p Plan,
    pub files: StoreFiles,
    /// Held until the transaction is dropped; none for a dry run.
    _lock: Option<Lock>,
    log: Found,
    before_hash: String,
    /// The store as it is on disk, and its rows.
    pub store: SourceFile,
    stored: Stored,
    /// Said to the user as the store was opened (a repaired log, edits by hand).
    pub notes: Vec<String>,
    /// Changes made to the store outside plantrack since the log's last
    /// batch, and the store hash that batch left: logged with this ingest.
    hand: (Vec<revisions::HandEdit>, String),
}

/// Which changes a stage may make beyond adding figures.
#[derive(Debug, Clone, Copy, Default)]
pub struct Allowed<'a> {
    /// A stored value (or basis, or growth) may be replaced; logged as revised.
    pub replace: bool,
    /// Figures (KPI id, period) the magnitude guard lets through: the user
    /// has confirmed the jump. Logged as such.
    pub confirmed: &'a [(String, Period)],
}

/// One input's records to merge, with what the log says of it.
pub struct Input<'a> {
    /// The file's name as shown (`<stdin>` for standard input).
    pub name: &'a str,
    pub sha256: &'a str,
    pub records: &'a [Record],
    /// A problem pointing at one of its cells.
    pub at: &'a dyn Fn(At) -> Problem,
}

/// The merge of every input, checked; staged beside the store unless a dry
/// run or nothing changed.
pub struct Staging<'t> {
    per_file: Vec<(&'t str, Merge)>,
    staged: Option<(Staged, Staged)>,
    files: &'t StoreFiles,
    pub added: usize,
    pub revised: usize,
    pub unchanged: usize,
    /// Warnings about the merged store (a falling year-to-date total).
    pub warnings: Vec<Problem>,
}

impl<'p> Transaction<'p> {
    /// Locks the store of `plan` (unless `dry_run`), reads it, and makes its
    /// log agree with it (a dry run only says so).
    pub fn open(
        plan: &'p Plan,
        files: StoreFiles,
        dry_run: bool,
    ) -> Result<Transaction<'p>, Vec<Problem>> {
        let lock = if dry_run {
            None
        } else {
            Some(disk::lock(&files.dir).map_err(|p| vec![p])?)
        };
        let io = |e: std::io::Error, p: &std::path::Path| {
            vec![Problem::error(format!("cannot read: {e}")).in_file(p.display().to_string())]
        };
        if !dry_run {
            for path in [&files.actuals, &files.revisions] {
                if files::read_only(path) {
                    return Err(vec![
                        Problem::error("the store is read-only, so nothing was written")
                            .in_file(path.display().to_string())
                            .hint(
                                "make it writable (chmod u+w) if it is meant to take new figures",
                            ),
                    ]);
                }
            }
            // Ours by name, and no other ingest is writing here: we hold the
            // lock. One that cannot be removed does no harm: nothing reads it.
            for stale in leftovers(&files.dir) {
                let _ = std::fs::remove_file(stale);
            }
        }
        // (Hashed as it is read, on the other core.)
        let mut hasher = disk::Hasher::default();
        let before =
            files::read_guarded_with(&files.actuals, files::STORE, &mut |b| hasher.update(b))
                .map_err(|p| vec![p])?
                .unwrap_or_default();
        let before_hash = hasher.hex();
        let mut log =
            revisions::find(&files.revisions, &before_hash).map_err(|e| io(e, &files.revisions))?;
        let mut notes = Vec::new();
        if let Found::Repaired(repaired) = &log {
            notes.push(format!(
                "{} ended with changes that never reached {}, from an interrupted ingest; they are removed from the log",
                files.revisions.display(),
                files.actuals.display()
            ));
            if !dry_run {
                files::write_atomic(&files.revisions, repaired.as_bytes())
                    .map_err(|e| cannot_write(&files.revisions, e, ""))?;
                log = Found::Agrees;
            }
        }
        let name = files.actuals.display().to_string();
        let text = String::from_utf8(before).map_err(|e| {
            vec![
                Problem::error(format!(
                    "the store is not UTF-8 text (first bad byte at offset {})",
                    e.utf8_error().valid_up_to()
                ))
                .in_file(&name)
                .hint("the store is written by ingest as UTF-8; restore it from version control"),
            ]
        })?;
        let store = SourceFile::new(&name, text);
        let stored = if store.text.is_empty() {
            Stored::default()
        } else {
            super::read(&store, plan)
        };
        if stored.problems.iter().any(Problem::is_error) {
            return Err(stored.problems);
        }
        // Edited by hand since the last ingest: logged now, so the log tells
        // every change the store went through (docs/ingest.md).
        let hand = if matches!(log, Found::Agrees) {
            revisions::hand_edits(&files.revisions, &before_hash, &stored.rows)
                .map_err(|p| vec![p])?
        } else {
            (Vec::new(), String::new())
        };
        if !hand.0.is_empty() {
            notes.push(format!(
                "{} figure(s) of {} were changed by hand since the last logged change; they are logged as \"{}\"",
                hand.0.len(),
                files.actuals.display(),
                revisions::BY_HAND
            ));
        }
        Ok(Transaction {
            plan,
            files,
            _lock: lock,
            log,
            before_hash,
            store,
            stored,
            notes,
            hand,
        })
    }

    /// Merges the inputs file by file, so that each change is logged with its
    /// own source; refuses changes to stored values unless `replace`. With
    /// `write`, and when anything changed, stages the new log and store while
    /// a second core checks that the new store loads; nothing replaces the
    /// old files until `commit`. `problems` found while reading the inputs are
    /// reported with those of the merge, so one run shows every problem.
    pub fn stage<'t>(
        &'t self,
        inputs: &[Input<'t>],
        changes: Allowed,
        write: bool,
        mut problems: Vec<Problem>,
    ) -> Result<Staging<'t>, Vec<Problem>> {
        let replace = changes.replace;
        let plan = self.plan;
        let index = OnceCell::new();
        let stored_at = |r: &Row| store_line(&self.stored, &index, &self.store, r);
        // Each file's merge is kept whole (its changes point into its rows)
        // until the log is written; the next file merges into a copy of its rows.
        let mut per_file: Vec<(&'t str, Merge)> = Vec::new();
        for input in inputs {
            let mut m = {
                let origin = origin(&per_file, &stored_at);
                let current = per_file.last().map_or(&self.stored.rows, |(_, m)| &m.rows);
                let feed = super::Feed {
                    plan,
                    records: input.records,
                    replace,
                    origin: &origin,
                    problem_at: input.at,
                };
                super::merge(current, &feed)
            };
            problems.append(&mut m.problems);
            per_file.push((input.name, m));
        }
        let rows = per_file.last().map_or(&self.stored.rows, |(_, m)| &m.rows);
        problems.extend(self.jumps(inputs, &per_file, rows, changes.confirmed, &stored_at));
        if problems.iter().any(Problem::is_error) {
            return Err(problems);
        }
        // Named so that a problem found in it is not taken for one in the store on disk.
        let new_store = SourceFile::new(
            format!("{} (as this ingest would write it)", self.store.name),
            super::render(rows),
        );
        let (mut added, mut revised, mut unchanged) = (0, 0, 0);
        for (_, m) in &per_file {
            let (a, r, u) = m.count();
            (added, revised, unchanged) = (added + a, revised + r, unchanged + u);
        }
        let commit = write && (added + revised > 0 || !self.hand.0.is_empty());
        // The new store read back as any store is read: what it says is
        // what was meant. Beside the staging, on one core; alone, on every
        // core.
        let (new_problems, staged) = if commit {
            let check = || actuals::parse_alone(&new_store, plan).1;
            let (checked, staged) =
                self.stage_files(inputs, &per_file, &new_store, changes.confirmed, check);
            (checked, Some(staged))
        } else {
            (actuals::parse(&new_store, plan).1, None)
        };
        if new_problems.iter().any(Problem::is_error) {
            return Err(new_problems);
        }
        let mut warnings: Vec<Problem> = problems;
        warnings.extend(super::falling_ytd(
            plan,
            rows,
            &origin(&per_file, &stored_at),
        ));
        Ok(Staging {
            staged: staged.transpose()?,
            per_file,
            files: &self.files,
            added,
            revised,
            unchanged,
            warnings,
        })
    }

    /// The magnitude guard over the new store: a problem at the cell of each
    /// new figure a unit slip away from its neighbours, unless confirmed.
    fn jumps(
        &self,
        inputs: &[Input],
        per_file: &[(&str, Merge)],
        rows: &[Row],
        confirmed: &[(String, Period)],
        stored_at: &dyn Fn(&Row) -> String,
    ) -> Vec<Problem> {
        // Which rows of the new store this ingest adds or revises: the last
        // file's changes point into its rows; an earlier file's, by key.
        let mut new = vec![false; rows.len()];
        if let Some((_, last)) = per_file.last() {
            for c in &last.changes {
                if let super::Change::Added(i) | super::Change::Revised(_, i) = c {
                    new[*i] = true;
                }
            }
        }
        if let [earlier @ .., _] = per_file
            && !earlier.is_empty()
        {
            let keys: foldhash::HashSet<(&str, Period, &str)> = earlier
                .iter()
                .flat_map(|(_, m)| m.changed().map(|(_, _, r)| r.key_ref()))
                .collect();
            for (flag, r) in new.iter_mut().zip(rows) {
                *flag |= keys.contains(&r.key_ref());
            }
        }
        if !new.contains(&true) {
            return Vec::new();
        }
        let is_confirmed = |r: &Row| {
            confirmed
                .iter()
                .any(|(k, p)| **k == *r.kpi && *p == r.period)
        };
        let origin = origin(per_file, stored_at);
        super::guard::jumps(self.plan, rows, &new, &is_confirmed)
            .iter()
            .map(|j| {
                // The cell of the figure: the last input that gives it.
                let record = inputs.iter().rev().find_map(|i| {
                    i.records
                        .iter()
                        .rev()
                        .find(|r| (&*r.kpi, r.period, &*r.scope) == j.row.key_ref())
                        .map(|r| ((i.at)(r.at), r.unit))
                });
                let (cell, given) = match record {
                    Some((p, u)) => (Some(p), u),
                    None => (None, "".into()),
                };
                let at = |m: String| match &cell {
                    Some(p) => p.clone().with_message(m),
                    None => Problem::error(m),
                };
                super::guard::problem(self.plan, j, &given, &at, &origin)
            })
            .collect()
    }

    /// The new log (the old one, then a row for each change) and the new
    /// store, written and flushed beside the files they replace, and what
    /// `check` finds. This thread hashes the store and writes the log; a
    /// second runs `check` on one core, a third writes the store, mostly
    /// waiting for the disk. (The check split again over both cores took
    /// turns with the log, whose writing is what an ingest waits for; run
    /// after the store's writing, it waited for the disk: docs/
    /// performance.md, "Issue 26, tenth step".)
    fn stage_files<C: Send>(
        &self,
        inputs: &[Input],
        per_file: &[(&str, Merge)],
        new_store: &SourceFile,
        confirmed: &[(String, Period)],
        check: impl FnOnce() -> C + Send,
    ) -> (C, Result<(Staged, Staged), Vec<Problem>>) {
        let paths = &self.files;
        let ((checked, store_file), log_file) = std::thread::scope(|s| {
            let checked = s.spawn(check);
            let store_file = s.spawn(|| {
                files::stage(&paths.actuals, |file| {
                    file.write_all(new_store.text.as_bytes())
                })
            });
            let after_hash = disk::sha256(new_store.text.as_bytes());
            let time = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
            let log_file = files::stage(&paths.revisions, |file| {
                match &self.log {
                    Found::Nothing => file.write_all(revisions::HEADER.as_bytes())?,
                    Found::Agrees => {
                        file.copy_from(&mut std::fs::File::open(&paths.revisions)?)?;
                    }
                    Found::Repaired(text) => file.write_all(text.as_bytes())?,
                }
                let (edits, last) = &self.hand;
                if !edits.is_empty() {
                    revisions::write_hand_edits(&mut *file, edits, &time, last, &self.before_hash)?;
                }
                for (input, (_, merge)) in inputs.iter().zip(per_file) {
                    let batch = Batch {
                        time_utc: &time,
                        source_file: input.name,
                        source_sha256: input.sha256,
                        store_before: &self.before_hash,
                        store_after: &after_hash,
                        confirmed,
                    };
                    revisions::write(&mut *file, merge, &batch)?;
                }
                Ok(())
            });
            // A panic on either thread is a bug; let it surface as one.
            let checked = checked
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            let store_file = store_file
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            ((checked, store_file), log_file)
        });
        const UNCHANGED: &str = "; the store is unchanged";
        let staged = log_file
            .map_err(|e| cannot_write(&paths.revisions, e, UNCHANGED))
            .and_then(|log| {
                let store = store_file.map_err(|e| cannot_write(&paths.actuals, e, UNCHANGED))?;
                Ok((log, store))
            });
        (checked, staged)
    }
}

impl Staging<'_> {
    /// Every change: (the stored row, if any, and the new row).
    pub fn changes(&self) -> impl Iterator<Item = (Option<&Row>, &Row)> {
        self.per_file
            .iter()
            .flat_map(|(_, m)| m.changed())
            .map(|(_, old, new)| (old, new))
    }

    /// Whether anything was staged to commit.
    pub fn is_staged(&self) -> bool {
        self.staged.is_some()
    }

    /// Puts the new log, then the new store, in place, each in one rename:
    /// a kill between the two leaves a log that `open` repairs. When the
    /// store's rename fails, the old log is put back (it was kept under a
    /// second name, a link, not a copy), so the log and the store change
    /// together or not at all: no batch is logged that never reached the store.
    pub fn commit(self) -> Result<(), Vec<Problem>> {
        let Some((log_file, store_file)) = self.staged else {
            return Ok(());
        };
        let log = &self.files.revisions;
        let kept = log.with_file_name(".plantrack-revisions-before.tmp");
        let _ = std::fs::remove_file(&kept);
        let existed = log.exists();
        let linked = existed && std::fs::hard_link(log, &kept).is_ok();
        if let Err(e) = log_file.commit() {
            let _ = std::fs::remove_file(&kept);
            return Err(cannot_write(log, e, "; the store is unchanged"));
        }
        disk::test_pause();
        match store_file.commit() {
            Ok(()) => {
                let _ = std::fs::remove_file(&kept);
                Ok(())
            }
            Err(e) => {
                // Back to the log as it was: its old file, or none.
                let _ = if linked {
                    std::fs::rename(&kept, log)
                } else if !existed {
                    std::fs::remove_file(log)
                } else {
                    Ok(())
                };
                Err(cannot_write(
                    &self.files.actuals,
                    e,
                    "; the store is unchanged",
                ))
            }
        }
    }
}

/// Temporary files a killed ingest left in a store's folder: staged logs
/// and stores (`.plantrack-*.tmp`) that were never renamed into place.
pub fn leftovers(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    leftovers_among(dir, &names_in(dir).unwrap_or_default())
}

/// The names in the folder `dir`, in the order listed; `None` when it
/// cannot be listed.
pub fn names_in(dir: &std::path::Path) -> Option<Vec<std::ffi::OsString>> {
    let entries = std::fs::read_dir(dir).ok()?;
    Some(
        entries
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect(),
    )
}

/// `leftovers` among `names`, the folder `dir`'s, listed already.
pub fn leftovers_among(
    dir: &std::path::Path,
    names: &[std::ffi::OsString],
) -> Vec<std::path::PathBuf> {
    names
        .iter()
        .filter(|n| {
            n.to_str()
                .is_some_and(|n| n.starts_with(".plantrack-") && n.ends_with(".tmp"))
        })
        .map(|n| dir.join(n))
        .collect()
}

/// Where a row comes from, for messages: the input that last changed it in
/// this run, else where `stored_at` finds it. The index of the run's changes
/// is built on first use; most runs need none.
fn origin<'a>(
    per_file: &'a [(&'a str, Merge)],
    stored_at: &'a dyn Fn(&Row) -> String,
) -> impl Fn(&Row) -> String + 'a {
    let changed = OnceCell::new();
    move |r: &Row| {
        let changed: &HashMap<(&str, Period, &str), &str> = changed.get_or_init(|| {
            let mut by_key = HashMap::new();
            for (name, merge) in per_file {
                for (_, _, n) in merge.changed() {
                    by_key.insert(n.key_ref(), *name);
                }
            }
            by_key
        });
        match changed.get(&r.key_ref()) {
            Some(name) => name.to_string(),
            None => stored_at(r),
        }
    }
}

/// `actuals.csv line 12`: where a stored row is, found when a message needs
/// it; the index of stored keys is built on first use.
fn store_line<'a>(
    stored: &'a Stored,
    index: &OnceCell<HashMap<(&'a str, Period, &'a str), usize>>,
    file: &SourceFile,
    r: &Row,
) -> String {
    let index = index.get_or_init(|| {
        let mut index = HashMap::new();
        for (i, s) in stored.rows.iter().enumerate() {
            index.entry(s.key_ref()).or_insert(i);
        }
        index
    });
    let at = index.get(&r.key_ref()).and_then(|&i| stored.at.get(i));
    match at {
        Some(&at) => format!("{} line {}", file.name, file.line_col(at).0),
        None => file.name.clone(),
    }
}

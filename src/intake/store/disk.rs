//! Writing the store so that nothing is ever lost or half-written: one writer
//! at a time (a lock file), every file replaced atomically (a temporary file in
//! the same folder, flushed to disk, then renamed over the old one), and a
//! revision log that can be matched to the store it describes.

use std::fs::{File, OpenOptions};
use std::path::Path;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::problem::Problem;

/// Held while the store is read, merged and written; released on drop, and by
/// the system if the process dies.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// How long a second writer waits for the first, unless
/// `PLANTRACK_LOCK_WAIT_MS` says otherwise.
const LOCK_WAIT: Duration = Duration::from_secs(5);

/// Takes the store's lock (`<dir>/.lock`), waiting a few seconds for another
/// ingest to finish.
pub fn lock(dir: &Path) -> Result<Lock, Problem> {
    let path = dir.join(".lock");
    let shown = path.display().to_string();
    std::fs::create_dir_all(dir).map_err(|e| {
        Problem::error(format!("cannot create the data folder: {e}"))
            .in_file(dir.display().to_string())
    })?;
    // A link would make the lock create, or write, the file it points to.
    crate::files::check(&path, crate::files::STORE)?;
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Problem::error(format!("cannot open the lock file: {e}")).in_file(&shown))?;
    let wait = std::env::var("PLANTRACK_LOCK_WAIT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(LOCK_WAIT, Duration::from_millis);
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Lock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(Problem::error(format!(
                    "another plantrack ingest holds the store's lock {shown}; waited {} s",
                    wait.as_secs_f64()
                ))
                .hint("try again when it has finished; nothing was written"));
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(Problem::error(format!("cannot lock the store: {e}")).in_file(&shown));
            }
        }
    }
}

/// SHA-256 of `bytes` in lower-case hex.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A pause between the two renames of a commit, for the crash-safety test
/// only (`PLANTRACK_TEST_COMMIT_PAUSE_MS`): it widens the window a kill can
/// hit. Compiled into debug builds (the ones the tests run) and not into a
/// release build, whose commit path reads no such variable.
#[cfg(debug_assertions)]
pub fn test_pause() {
    if let Some(ms) = std::env::var("PLANTRACK_TEST_COMMIT_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(Duration::from_millis(ms));
    }
}

#[cfg(not(debug_assertions))]
pub fn test_pause() {}

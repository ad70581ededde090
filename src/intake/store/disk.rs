//! Writing the store so that nothing is ever lost or half-written: one writer
//! at a time (a lock file), every file replaced atomically (a temporary file in
//! the same folder, flushed to disk, then renamed over the old one), and a
//! revision log that can be matched to the store it describes.

use std::fs::{File, OpenOptions};
use std::path::Path;
use std::time::{Duration, Instant};

use sha2::{Digest as _, Sha256};

use crate::problem::Problem;

/// Held while the store is read, merged and written; released on drop, and by
/// the system if the process dies. On drop the lock file is removed while
/// still held, so no run (refused or not) leaves a `.lock` behind.
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: std::path::PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed before it is released: a writer waiting on this file then
        // finds, once it holds it, that it is no longer the lock (`lock`
        // checks), and takes the new one.
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// Whether the open `file` is still the one at `path` (not removed or
/// replaced since it was opened).
fn still_at(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        match (file.metadata(), std::fs::symlink_metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
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
    let open = || {
        OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Problem::error(format!("cannot open the lock file: {e}")).in_file(&shown))
    };
    let mut file = open()?;
    let wait = std::env::var("PLANTRACK_LOCK_WAIT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(LOCK_WAIT, Duration::from_millis);
    let start = Instant::now();
    loop {
        match file.try_lock() {
            // The holder before us removed it as it let go: this file is no
            // longer the lock; the one at the path now is.
            Ok(()) if !still_at(&file, &path) => {
                crate::files::check(&path, crate::files::STORE)?;
                file = open()?;
            }
            Ok(()) => {
                return Ok(Lock {
                    file,
                    path: path.clone(),
                });
            }
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
    let mut digest = Hasher::default();
    digest.update(bytes);
    digest.hex()
}

/// A SHA-256 taken a piece at a time, as a file is read.
#[derive(Default)]
pub struct Hasher(Sha256);

impl Hasher {
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    /// The digest in lower-case hex.
    pub fn hex(self) -> String {
        self.0
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
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

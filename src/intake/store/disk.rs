//! Writing the store so that nothing is ever lost or half-written: one writer
//! at a time (a lock file), every file replaced atomically (a temporary file in
//! the same folder, flushed to disk, then renamed over the old one), and a
//! revision log that can be matched to the store it describes.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
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

/// Replaces `path` with `bytes` atomically: readers see the old file or the
/// new one, never a part, even if the process is killed or the machine stops.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    stage(path, |file| file.write_all(bytes))?.commit()
}

/// A new version of a file, written and flushed to disk beside it, that
/// replaces it only on `commit`; dropped uncommitted, it is removed.
pub struct Staged {
    tmp: tempfile::NamedTempFile,
    path: PathBuf,
    dir: PathBuf,
}

/// Stages what `fill` writes as the new `path`, written as it comes: a large
/// file is never held in memory whole.
pub fn stage(
    path: &Path,
    fill: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> std::io::Result<Staged> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".plantrack-").suffix(".tmp");
    // A temporary file is private (0600); the file it becomes keeps the mode
    // of the one it replaces, or gets a new file's usual mode (0666 less the
    // umask), so a report or store stays readable by colleagues.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(
            std::fs::metadata(path)
                .map(|m| m.permissions())
                .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o666)),
        );
    }
    let mut tmp = builder.tempfile_in(dir)?;
    fill(tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    Ok(Staged {
        tmp,
        path: path.to_path_buf(),
        dir: dir.to_path_buf(),
    })
}

impl Staged {
    /// Puts the new version in place, in one rename.
    pub fn commit(self) -> std::io::Result<()> {
        self.tmp.persist(&self.path).map_err(|e| e.error)?;
        // The rename itself is durable once the folder is flushed.
        if let Ok(d) = File::open(&self.dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

/// SHA-256 of `bytes` in lower-case hex.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The store's two files.
pub struct StorePaths {
    pub actuals: PathBuf,
    pub revisions: PathBuf,
}

impl StorePaths {
    pub fn new(data_dir: &Path, plan_id: &str) -> StorePaths {
        let dir = data_dir.join(plan_id);
        StorePaths {
            actuals: dir.join("actuals.csv"),
            revisions: dir.join("revisions.csv"),
        }
    }
}

/// Reads a file, or empty bytes when it does not exist.
pub fn read_or_empty(path: &Path) -> std::io::Result<Vec<u8>> {
    match std::fs::read(path) {
        Ok(b) => Ok(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

/// A pause between the two renames of a commit, for the crash-safety test
/// only (`PLANTRACK_TEST_COMMIT_PAUSE_MS`): it widens the window a kill can hit.
pub fn test_pause() {
    if let Some(ms) = std::env::var("PLANTRACK_TEST_COMMIT_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(Duration::from_millis(ms));
    }
}

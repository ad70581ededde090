//! Every file the tool writes goes through here: replaced atomically (a
//! temporary file in the same folder, flushed to disk, then renamed over the
//! old one), and a failure is a problem that names the file.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::problem::Problem;

/// Replaces `path` with `bytes` atomically: readers see the old file or the
/// new one, never a part, even if the process is killed or the machine stops.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    stage(path, |file| file.write_all(bytes))?.commit()
}

/// `write_atomic`, making the file's folder first; a failure is told as a
/// problem naming the file.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Vec<Problem>> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| cannot_write(path, e, ""))?;
    }
    write_atomic(path, bytes).map_err(|e| cannot_write(path, e, ""))
}

/// The problem of a file that could not be written; `after` says what it
/// means for the rest (e.g. "; the store is unchanged").
pub fn cannot_write(path: &Path, e: std::io::Error, after: &str) -> Vec<Problem> {
    vec![Problem::error(format!("cannot write: {e}{after}")).in_file(path.display().to_string())]
}

/// Makes a folder and those above it.
pub fn create_dir(dir: &Path) -> Result<(), Vec<Problem>> {
    std::fs::create_dir_all(dir).map_err(|e| {
        vec![
            Problem::error(format!("cannot create the folder: {e}"))
                .in_file(dir.display().to_string()),
        ]
    })
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
    fill: impl FnOnce(&mut Filling) -> std::io::Result<()>,
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
    let mut filling = Filling {
        file: tmp.as_file_mut(),
        written: 0,
        sent: 0,
    };
    fill(&mut filling)?;
    tmp.as_file().sync_all()?;
    Ok(Staged {
        tmp,
        path: path.to_path_buf(),
        dir: dir.to_path_buf(),
    })
}

/// A staged file as it is written. Every `WRITE_BEHIND` bytes, the pages
/// written since the last time are handed to the disk at once, while the
/// writing goes on, so the flush at the end waits only for the last few:
/// writing a 267 MB revision log and then flushing it took 139 ms, with
/// the pages sent as they were written 83 ms (docs/performance.md).
pub struct Filling<'f> {
    file: &'f mut File,
    /// Bytes written, and those handed to the disk.
    written: u64,
    sent: u64,
}

/// How many written bytes are handed to the disk at once.
const WRITE_BEHIND: u64 = 8 << 20;

impl Filling<'_> {
    /// Appends the rest of `from`, copied file to file by the system: a long
    /// file never passes through this program's memory.
    pub fn copy_from(&mut self, from: &mut File) -> std::io::Result<()> {
        self.written += std::io::copy(from, self.file)?;
        self.send();
        Ok(())
    }

    /// Starts the disk writing the pages written since the last call. Only a
    /// head start: the flush at the end is what makes the file durable, so
    /// a failure here (or a system without the call) changes nothing.
    fn send(&mut self) {
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsRawFd;
            let (from, len) = (self.sent as i64, (self.written - self.sent) as i64);
            // SAFETY: a plain system call on an open descriptor we own; it
            // reads no memory of ours.
            unsafe {
                libc::sync_file_range(
                    self.file.as_raw_fd(),
                    from,
                    len,
                    libc::SYNC_FILE_RANGE_WRITE,
                );
            }
        }
        self.sent = self.written;
    }
}

impl Write for Filling<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // At most up to the next hand-over at a time, so that a large buffer
        // written whole is handed over as it goes.
        let room = WRITE_BEHIND - (self.written - self.sent);
        let take = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let n = self.file.write(&buf[..take])?;
        self.written += n as u64;
        if self.written - self.sent >= WRITE_BEHIND {
            self.send();
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

impl Staged {
    /// Puts the new version in place, in one rename.
    pub fn commit(self) -> std::io::Result<()> {
        self.tmp.persist(&self.path).map_err(|e| e.error)?;
        // The rename is durable once the folder is flushed. The file itself
        // already is, and some systems cannot flush a folder: a failure here
        // loses nothing, so it is not reported.
        if let Ok(d) = File::open(&self.dir) {
            let _ = d.sync_all();
        }
        Ok(())
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

/// What a file the tool reads may be. Only a regular file: a FIFO, a device
/// or a socket can block for ever or never end (`/dev/zero`). At most
/// `limit` bytes, said by `what` when refused. In the data folder, not a
/// symbolic link: writing the store replaces a link with a file, so the
/// target would silently stop being updated.
#[derive(Debug, Clone, Copy)]
pub struct Guard {
    pub limit: u64,
    pub links: bool,
    pub what: &'static str,
}

/// A plan file: JSON of a few kilobytes; 64 MiB is far past any plan.
pub const PLAN: Guard = Guard {
    limit: 64 << 20,
    links: true,
    what: "a plan file",
};

/// A file of the store (actuals, revision log, lock): 4 GiB is some forty
/// million rows.
pub const STORE: Guard = Guard {
    limit: 4 << 30,
    links: false,
    what: "a file of the store",
};

/// A file fed to ingest.
pub const INPUT: Guard = Guard {
    limit: 2 << 30,
    links: true,
    what: "an input file",
};

/// Whether `path` may be read as `guard` allows: `Ok(None)` when it does not
/// exist, its size when it may, a problem naming it when it may not. Nothing
/// of a refused file is read, so nothing of it is quoted.
pub fn check(path: &Path, guard: Guard) -> Result<Option<u64>, Problem> {
    let shown = path.display().to_string();
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Problem::error(format!("cannot read: {e}")).in_file(shown)),
    };
    let meta = if meta.file_type().is_symlink() {
        if !guard.links {
            return Err(Problem::error(format!(
                "{} is a symbolic link, which plantrack does not follow",
                guard.what
            ))
            .in_file(shown)
            .hint("replace the link with the file itself; writing the store would replace the link, not its target"));
        }
        match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Problem::error("a symbolic link to nothing").in_file(shown));
            }
            Err(e) => return Err(Problem::error(format!("cannot read: {e}")).in_file(shown)),
        }
    } else {
        meta
    };
    if !meta.is_file() {
        return Err(Problem::error(format!(
            "{} is not a regular file (a folder, a pipe or a device)",
            guard.what
        ))
        .in_file(shown)
        .hint("a pipe or a device can block for ever or never end; give a file"));
    }
    if meta.len() > guard.limit {
        return Err(Problem::error(format!(
            "{} of {} bytes is larger than plantrack reads ({} bytes)",
            guard.what,
            meta.len(),
            guard.limit
        ))
        .in_file(shown));
    }
    Ok(Some(meta.len()))
}

/// The bytes of `path`, read as `guard` allows; `Ok(None)` when it does not
/// exist. A file that grew past the limit since it was checked is refused.
pub fn read_guarded(path: &Path, guard: Guard) -> Result<Option<Vec<u8>>, Problem> {
    read_checked(path, guard)?.transpose()
}

/// `read_guarded`, telling a file the guard refuses (the outer error) from
/// one that may be read but could not be (the inner one).
pub fn read_checked(
    path: &Path,
    guard: Guard,
) -> Result<Option<Result<Vec<u8>, Problem>>, Problem> {
    let (file, size) = match open_regular(path, guard) {
        Opened::File(file, size) => (file, size),
        Opened::Missing => return Ok(None),
        // Anything unusual is looked at again by `check`, which says what
        // is wrong, and read as before if nothing is.
        Opened::Unusual => {
            if check(path, guard)?.is_none() {
                return Ok(None);
            }
            match File::open(path) {
                Ok(file) => {
                    let size = file.metadata().map_or(0, |m| m.len());
                    (file, size)
                }
                Err(e) => return Ok(Some(Err(cannot_read(path, &e)))),
            }
        }
    };
    let mut bytes = Vec::new();
    if let Err(e) = bytes.try_reserve_exact(size as usize) {
        return Ok(Some(Err(cannot_read(path, &e))));
    }
    if let Err(e) = read_all(&file, size, guard.limit, &mut bytes) {
        return Ok(Some(Err(cannot_read(path, &e))));
    }
    if bytes.len() as u64 > guard.limit {
        return Ok(Some(Err(Problem::error(format!(
            "{} grew past {} bytes while read",
            guard.what, guard.limit
        ))
        .in_file(path.display().to_string()))));
    }
    Ok(Some(Ok(bytes)))
}

/// The bytes of `file`, of `size` bytes when looked at, into `bytes`: in
/// one read as a rule, then a read that finds the end (or what the file
/// grew by since, up to one byte past `limit`). The standard library's
/// `read_to_end` would look at the file's size and position again.
fn read_all(file: &File, size: u64, limit: u64, bytes: &mut Vec<u8>) -> std::io::Result<()> {
    use std::io::Read;
    bytes.resize(size as usize, 0);
    let mut filled = 0;
    while filled < bytes.len() {
        match (&*file).read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    bytes.truncate(filled);
    let rest = (limit + 1).saturating_sub(filled as u64);
    file.take(rest).read_to_end(bytes).map(|_| ())
}

fn cannot_read(path: &Path, e: &dyn std::fmt::Display) -> Problem {
    Problem::error(format!("cannot read: {e}")).in_file(path.display().to_string())
}

/// What opening a file to read found.
enum Opened {
    /// A regular file within the guard's limit, open, and its size.
    File(File, u64),
    /// Nothing at the path (and no link to nothing).
    Missing,
    /// A link the guard refuses, a folder, a pipe, a device, a file too
    /// large, or an error: for `check` to tell.
    Unusual,
}

/// `path` opened and looked at through its handle: one lookup of the path,
/// where checking it first took two or three (a portfolio reads two files a
/// plan). The open never blocks on a pipe (O_NONBLOCK, which a regular file
/// ignores) and never follows a link the guard refuses (O_NOFOLLOW).
#[cfg(unix)]
fn open_regular(path: &Path, guard: Guard) -> Opened {
    use std::os::unix::fs::OpenOptionsExt;
    let links = if guard.links { 0 } else { libc::O_NOFOLLOW };
    let opened = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | links)
        .open(path);
    match opened {
        // Without following links, not found is nothing there; a link to
        // nothing, when links are followed, is for `check` to say.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !guard.links => Opened::Missing,
        Err(_) => Opened::Unusual,
        Ok(file) => match file.metadata() {
            Ok(m) if m.is_file() && m.len() <= guard.limit => Opened::File(file, m.len()),
            _ => Opened::Unusual,
        },
    }
}

/// Elsewhere every file is looked at by `check` first.
#[cfg(not(unix))]
fn open_regular(_: &Path, _: Guard) -> Opened {
    Opened::Unusual
}

/// Whether `path` exists and cannot be written: a read-only store is left
/// as it is.
pub fn read_only(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly())
}

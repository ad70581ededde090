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
    read_checked_with(path, guard, None)?.transpose()
}

/// `read_guarded`, with `each` given the bytes in order as they are read:
/// on a core of its own while the rest is still read, for a large file.
/// Ingest hashes its input so: read, then hashed, a 54 MB file took 60 to
/// 70 ms; read and hashed side by side, 38 to 60 (docs/performance.md).
pub fn read_guarded_with(
    path: &Path,
    guard: Guard,
    each: &mut (dyn FnMut(&[u8]) + Send),
) -> Result<Option<Vec<u8>>, Problem> {
    read_checked_with(path, guard, Some(each))?.transpose()
}

/// `read_guarded`, telling a file the guard refuses (the outer error) from
/// one that may be read but could not be (the inner one).
pub fn read_checked(
    path: &Path,
    guard: Guard,
) -> Result<Option<Result<Vec<u8>, Problem>>, Problem> {
    read_checked_with(path, guard, None)
}

/// What takes a file's bytes, a stretch at a time, as they are read.
type Each<'e> = &'e mut (dyn FnMut(&[u8]) + Send);

/// `read_checked`, the bytes given to `each` too (see `read_guarded_with`).
fn read_checked_with(
    path: &Path,
    guard: Guard,
    each: Option<Each>,
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
    let mut bytes = match room(size as usize) {
        Ok(bytes) => bytes,
        Err(e) => return Ok(Some(Err(cannot_read(path, &e)))),
    };
    if let Err(e) = read_all(&file, size, guard.limit, &mut bytes, each) {
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

/// Room for a file of `size` bytes, or why it cannot be had (a hostile size
/// is refused, not aborted on). A small file's room is spare capacity, read
/// into as it is (`fill_spare`): a small block is memory used before, which
/// the allocator would zero first (memset, 0.2 % of a thousand plans'
/// `status`: docs/performance.md, "Issue 26, thirteenth step"). A large
/// file's is `zeroed`.
fn room(size: usize) -> Result<Vec<u8>, String> {
    if size > SMALL {
        return zeroed(size);
    }
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(size).map_err(|_| no_room(size))?;
    Ok(bytes)
}

/// Why `size` bytes of memory cannot be had.
fn no_room(size: usize) -> String {
    format!("cannot set aside {size} bytes of memory for it")
}

/// The largest file read into spare capacity rather than zeroed memory: the
/// stretches `read_all` hands on are only ever of larger files.
const SMALL: usize = 2 * STRETCH;

/// A stretch of a large file `read_all` hands on as soon as it is in.
const STRETCH: usize = 1 << 20;

/// `size` zero bytes, or why they cannot be had (a hostile size is refused,
/// not aborted on). Zeroed by the allocator: memory fresh from the system
/// is zero already, so a large file's pages are first touched as it is read
/// into them, a stretch at a time, not all at once before (for a 54 MB
/// input, 28 ms of zeroing before the first byte could be hashed).
fn zeroed(size: usize) -> Result<Vec<u8>, String> {
    if size == 0 {
        return Ok(Vec::new());
    }
    let layout = std::alloc::Layout::array::<u8>(size).map_err(|_| no_room(size))?;
    // SAFETY: the layout's size is not zero.
    let at = unsafe { std::alloc::alloc_zeroed(layout) };
    if at.is_null() {
        return Err(no_room(size));
    }
    // SAFETY: `at` is from the global allocator with the layout of `size`
    // bytes, every one of them initialised (to zero): a `Vec<u8>` of that
    // length and capacity owns them.
    Ok(unsafe { Vec::from_raw_parts(at, size, size) })
}

/// The bytes of `file`, of `size` bytes when looked at, into `bytes` (as
/// many zero bytes, or for a small file, empty with room for them): in one
/// read as a rule, then a read that finds the end
/// (or what the file grew by since, up to one byte past `limit`). The
/// standard library's `read_to_end` would look at the file's size and
/// position again.
///
/// With `each`, a large file is read a stretch at a time, and each stretch
/// handed to `each` on a second thread as soon as it is in.
fn read_all(
    file: &File,
    size: u64,
    limit: u64,
    bytes: &mut Vec<u8>,
    mut each: Option<Each>,
) -> std::io::Result<()> {
    use std::io::Read;
    debug_assert!(bytes.len() as u64 == size || bytes.is_empty());
    let in_stretches = each.is_some() && size > SMALL as u64;
    let filled = match each.as_deref_mut() {
        Some(each) if in_stretches => std::thread::scope(|s| {
            let (done, stretches) = std::sync::mpsc::channel::<&[u8]>();
            s.spawn(move || stretches.into_iter().for_each(each));
            let mut filled = 0;
            for stretch in bytes.chunks_mut(STRETCH) {
                let n = fill(file, stretch)?;
                let read: &[u8] = stretch;
                // (The thread takes stretches until this sender is gone.)
                let _ = done.send(&read[..n]);
                filled += n;
                if n < read.len() {
                    break;
                }
            }
            Ok::<_, std::io::Error>(filled)
        })?,
        _ if bytes.is_empty() => fill_spare(file, bytes)?,
        _ => fill(file, bytes)?,
    };
    let handed = if in_stretches { filled } else { 0 };
    bytes.truncate(filled);
    let rest = (limit + 1).saturating_sub(filled as u64);
    file.take(rest).read_to_end(bytes)?;
    if let Some(each) = each {
        each(&bytes[handed..]);
    }
    Ok(())
}

/// Reads `file` into `into` until it is full or the file ends; how many
/// bytes were read.
fn fill(mut file: &File, into: &mut [u8]) -> std::io::Result<usize> {
    use std::io::Read;
    let mut filled = 0;
    while filled < into.len() {
        match file.read(&mut into[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Reads `file` into the spare capacity of `into` until it is full or the
/// file ends, without zeroing it first; how many bytes `into` then holds.
#[cfg(unix)]
fn fill_spare(file: &File, into: &mut Vec<u8>) -> std::io::Result<usize> {
    use std::os::fd::AsRawFd;
    while into.len() < into.capacity() {
        let spare = into.spare_capacity_mut();
        // SAFETY: read(2) writes at most `spare.len()` bytes, all within
        // the vector's spare capacity, and initialises the `n` it reports;
        // nothing reads that memory before then.
        let n = unsafe { libc::read(file.as_raw_fd(), spare.as_mut_ptr().cast(), spare.len()) };
        match n {
            0 => break,
            // SAFETY: the `n` bytes after the length were just written.
            n if n > 0 => unsafe { into.set_len(into.len() + n as usize) },
            _ => {
                let e = std::io::Error::last_os_error();
                if e.kind() != std::io::ErrorKind::Interrupted {
                    return Err(e);
                }
            }
        }
    }
    Ok(into.len())
}

/// `fill_spare` where there is no read(2): the spare capacity zeroed, then read into.
#[cfg(not(unix))]
fn fill_spare(file: &File, into: &mut Vec<u8>) -> std::io::Result<usize> {
    let start = into.len();
    into.resize(into.capacity(), 0);
    let n = fill(file, &mut into[start..])?;
    into.truncate(start + n);
    Ok(into.len())
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What `read_guarded_with` hands on is the file, byte for byte and in
    /// order, whether it is read in one go or a stretch at a time on a
    /// second thread (past 2 MB), and what it returns is the file too.
    #[test]
    fn the_stretches_handed_on_are_the_file_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut seed = 12345u64;
        for size in [
            0,
            1,
            1000,
            2 << 20,
            (2 << 20) + 1,
            (3 << 20) + 5,
            (5 << 20) + 123,
        ] {
            let bytes: Vec<u8> = (0..size)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (seed >> 56) as u8
                })
                .collect();
            let path = dir.path().join(format!("{size}.bin"));
            std::fs::write(&path, &bytes).unwrap();
            let mut handed = Vec::new();
            let read = read_guarded_with(&path, INPUT, &mut |b| handed.extend_from_slice(b))
                .unwrap()
                .unwrap();
            assert!(read == bytes, "{size} bytes read");
            assert!(handed == bytes, "{size} bytes handed on");
        }
    }
}

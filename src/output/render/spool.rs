//! Rendered plans held until every plan is known good, in large blocks whose pages are made ready ahead of the writing.
//!
//! A status is written only once every plan has loaded (bad input writes
//! nothing), so a thousand plans' JSON is held in memory first: packed
//! (`packed`), 26 MB of what is 75 MB written.
//! Fresh memory is the dearest thing the command touches: touched a 4 kB
//! page at a time it was 18,000 page faults, a tenth of the command's CPU
//! time. Here each thread writes its plans straight into a block of its own
//! and hands out shared slices of it (`bytes`), and asks the kernel to make
//! the next stretch of the block ready (`MADV_POPULATE_WRITE`) ahead of
//! the writing: one call for a few hundred pages, not a fault for each.
//!
//! Not 2 MB pages (`MADV_HUGEPAGE`, the step before this one): where the
//! kernel hands free memory back to its host, as the project's virtual
//! machines do, a huge page is as often memory the host must find again,
//! and 75 MB of them took 7 ms one run and 170 ms the next
//! (docs/performance.md, "Issue 26, seventh step").

use bytes::{Bytes, BytesMut};

/// A block's size: a plan's JSON is some 75 kB, so a block holds hundreds,
/// and a thread leaves less than one block's worth untouched at the end.
const BLOCK: usize = 16 << 20;

/// The most made ready at one call: some forty calls for a thread's share
/// of a thousand plans. A call makes ready at most eight of the largest
/// pieces yet, so a run of a plan or two makes few pages ready unwritten.
const AHEAD: usize = 1 << 20;

/// A thread's block: what is left of it to write into, the largest piece
/// written yet, and the address up to which its pages are ready.
struct Spool {
    free: BytesMut,
    largest: usize,
    ready: usize,
}

/// What `write` writes, written into this thread's current block (a new
/// one when what is left of it is less than the largest piece yet), as a
/// slice that keeps the block alive. A piece larger than what is left
/// still comes out whole: the block grows, by a copy, as any buffer would.
pub fn keep(write: impl FnOnce(&mut BytesMut)) -> Bytes {
    thread_local! {
        static SPOOL: std::cell::RefCell<Spool> =
            std::cell::RefCell::new(Spool { free: BytesMut::new(), largest: 0, ready: 0 });
    }
    SPOOL.with(|spool| {
        let spool = &mut *spool.borrow_mut();
        // After a `split` the spool is empty and its capacity what is left.
        if spool.free.capacity() <= spool.largest {
            spool.free = BytesMut::with_capacity(BLOCK.max(spool.largest * 2));
        }
        spool.make_ready();
        write(&mut spool.free);
        spool.largest = spool.largest.max(spool.free.len());
        spool.free.split().freeze()
    })
}

impl Spool {
    /// Makes ready the pages the next piece is likely to reach (as far as
    /// the largest piece yet), up to eight such pieces at a time. Nothing
    /// before the first piece: its size is not known. Speed only:
    /// a page not made ready is made so by the writing, as any page is.
    fn make_ready(&mut self) {
        let start = self.free.spare_capacity_mut().as_mut_ptr() as usize;
        let end = start + self.free.capacity();
        // A new block, or one a piece grew (and so moved): nothing of it
        // is known to be ready.
        if !(start..=end).contains(&self.ready) {
            self.ready = start;
        }
        let wanted = (start + self.largest).min(end);
        if wanted > self.ready {
            let to = (self.ready + AHEAD.min(self.largest * 8))
                .max(wanted)
                .min(end);
            populate(self.ready, to);
            self.ready = to;
        }
    }
}

/// Asks the kernel to make the whole pages from `from` to `to` present and
/// writable now, in one call, rather than at one fault each when written.
/// Advice only: an older kernel refuses it, and the pages fault as before.
#[cfg(target_os = "linux")]
fn populate(from: usize, to: usize) {
    const PAGE: usize = 4096;
    let (first, last) = (from.next_multiple_of(PAGE), to / PAGE * PAGE);
    if first < last {
        // SAFETY: populating reads and changes no memory (a page already
        // present is left as it is); the range lies within this block's
        // own allocation, which nothing else uses.
        unsafe {
            libc::madvise(
                first as *mut libc::c_void,
                last - first,
                libc::MADV_POPULATE_WRITE,
            )
        };
    }
}

#[cfg(not(target_os = "linux"))]
fn populate(_from: usize, _to: usize) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_keep_their_bytes_across_blocks() {
        // Pieces of every size up to past a block, so that some start a
        // new block and one is a block of its own.
        let sizes = [0, 1, 75_000, BLOCK - 10, 20, BLOCK + 5, 3, AHEAD * 3, 7];
        let pieces: Vec<(Vec<u8>, Bytes)> = sizes
            .iter()
            .enumerate()
            .map(|(i, &n)| {
                let text: Vec<u8> = (0..n).map(|j| (i * 7 + j) as u8).collect();
                let kept = keep(|out| out.extend_from_slice(&text));
                (text, kept)
            })
            .collect();
        for (text, kept) in &pieces {
            assert_eq!(&text[..], &kept[..]);
        }
    }
}

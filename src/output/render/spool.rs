//! Rendered plans held until every plan is known good, cut from large blocks that ask for huge pages.
//!
//! A status is written only once every plan has loaded (bad input writes
//! nothing), so a thousand plans' JSON, 75 MB, is held in memory first. Held
//! as one small allocation a plan, it was touched a 4 kB page at a time:
//! 18,000 page faults, a tenth of the command's CPU time. Here each thread
//! writes its plans straight into a block of its own and hands out shared
//! slices of it (`bytes`), and each block asks the kernel (`madvise`) for
//! 2 MB pages: a few dozen faults for the same memory, and no more of it.

use bytes::{Bytes, BytesMut};

/// A block's size: a plan's JSON is some 75 kB, so a block holds hundreds,
/// and a thread leaves less than one block's worth untouched at the end.
const BLOCK: usize = 16 << 20;

/// What `write` writes, written into this thread's current block (a new
/// one when what is left of it is less than the largest piece yet), as a
/// slice that keeps the block alive. A piece larger than what is left
/// still comes out whole: the block grows, by a copy, as any buffer would.
pub fn keep(write: impl FnOnce(&mut BytesMut)) -> Bytes {
    thread_local! {
        static SPOOL: std::cell::RefCell<(BytesMut, usize)> =
            std::cell::RefCell::new((BytesMut::new(), 0));
    }
    SPOOL.with(|spool| {
        let (spool, largest) = &mut *spool.borrow_mut();
        // After a `split` the spool is empty and its capacity what is left.
        if spool.capacity() <= *largest {
            *spool = block(BLOCK.max(*largest * 2));
        }
        write(spool);
        *largest = (*largest).max(spool.len());
        spool.split().freeze()
    })
}

/// A new block of `size` bytes, not yet touched.
fn block(size: usize) -> BytesMut {
    let mut block = BytesMut::with_capacity(size);
    huge_pages(block.spare_capacity_mut().as_mut_ptr().cast(), size);
    block
}

/// Asks for 2 MB pages for the whole 2 MB stretches of `len` bytes at
/// `start`. Advice only: a kernel without them, or set not to give them,
/// gives 4 kB pages as before, and the output is the same.
#[cfg(target_os = "linux")]
fn huge_pages(start: *mut u8, len: usize) {
    const HUGE: usize = 2 << 20;
    let first = (start as usize).next_multiple_of(HUGE);
    let end = (start as usize + len) / HUGE * HUGE;
    if first < end {
        // SAFETY: madvise reads no memory and changes none; the range lies
        // within this block's own allocation, which nothing else uses.
        unsafe { libc::madvise(first as *mut libc::c_void, end - first, libc::MADV_HUGEPAGE) };
    }
}

#[cfg(not(target_os = "linux"))]
fn huge_pages(_start: *mut u8, _len: usize) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_keep_their_bytes_across_blocks() {
        // Pieces of every size up to past a block, so that some start a
        // new block and one is a block of its own.
        let sizes = [0, 1, 75_000, BLOCK - 10, 20, BLOCK + 5, 3];
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

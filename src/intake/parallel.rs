//! Doing independent work on every core: plans load, assess and render apart
//! from each other, so a portfolio of a thousand plans uses the whole machine.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};

/// How many cores this process may use (1 where the system cannot say).
/// Each call reads the system's files (the cgroup's quota on Linux).
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `f` applied to every item, on up to as many threads as there are cores
/// (the calling thread is one of them); the results in the items' order.
/// Threads take the next item as they finish one, so a slow plan does not
/// leave a core idle.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = cores().min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let mut all: Vec<(usize, R)> = std::thread::scope(|s| {
        let handles: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
        let mut all = work();
        for h in handles {
            match h.join() {
                Ok(v) => all.extend(v),
                // A panic in a worker is a bug; let it surface as one.
                Err(e) => std::panic::resume_unwind(e),
            }
        }
        all
    });
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

/// Windows `0..n` made on every core, each thread making its windows into
/// a buffer of its own, used again, and given to `write` in the windows'
/// order: for output too large to hold whole once made (a thousand plans'
/// JSON), made a window at a time and written as it is made. A thread
/// whose window is made waits for the window before it to be written.
/// The first failure to write stops every thread, and is the result.
pub fn in_turn<B: Default, E: Send>(
    n: usize,
    make: impl Fn(usize, &mut B) + Sync,
    write: impl Fn(&B) -> Result<(), E> + Sync,
) -> Result<(), E> {
    let threads = cores().min(n);
    if threads <= 1 {
        let mut buf = B::default();
        for w in 0..n {
            make(w, &mut buf);
            write(&buf)?;
        }
        return Ok(());
    }
    let next = AtomicUsize::new(0);
    // The window to write next; `STOPPED` once a write has failed or a
    // thread has panicked, so that no thread waits on it for ever.
    let turn = Turn {
        next: Mutex::new(0),
        moved: Condvar::new(),
    };
    let work = || -> Result<(), E> {
        let _stop = StopOnPanic(&turn);
        let mut buf = B::default();
        loop {
            let w = next.fetch_add(1, Ordering::Relaxed);
            if w >= n {
                return Ok(());
            }
            make(w, &mut buf);
            if !turn.wait_for(w) {
                return Ok(());
            }
            let written = write(&buf);
            turn.pass(if written.is_ok() { w + 1 } else { STOPPED });
            written?;
        }
    };
    std::thread::scope(|s| {
        let others: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
        let mut result = work();
        for h in others {
            // A panic in a worker is a bug; let it surface as one.
            let theirs = h.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            result = result.and(theirs);
        }
        result
    })
}

/// `in_turn`'s turn: the window to write next, and the signal that it moved.
struct Turn {
    next: Mutex<usize>,
    moved: Condvar,
}

/// What `Turn::next` holds once the writing has stopped.
const STOPPED: usize = usize::MAX;

impl Turn {
    /// Waits until window `w` is to be written: true then, false if the
    /// writing has stopped.
    fn wait_for(&self, w: usize) -> bool {
        let mut next = self.next.lock().unwrap_or_else(PoisonError::into_inner);
        while *next != w {
            if *next == STOPPED {
                return false;
            }
            next = self
                .moved
                .wait(next)
                .unwrap_or_else(PoisonError::into_inner);
        }
        true
    }

    /// Makes `next` the window to write next, and says so to the waiting.
    fn pass(&self, next: usize) {
        *self.next.lock().unwrap_or_else(PoisonError::into_inner) = next;
        self.moved.notify_all();
    }
}

/// Stops the writing when its thread unwinds from a panic, so that the
/// other threads end and the panic surfaces, rather than their waiting for
/// a window that will never be written.
struct StopOnPanic<'a>(&'a Turn);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.pass(STOPPED);
        }
    }
}

/// `items` in as many parts as there are cores, each of `least` items at
/// the least (a small job is not worth a thread): for `beside`.
pub fn parts<T>(items: &[T], least: usize) -> Vec<&[T]> {
    items.chunks(part_len(items.len(), least)).collect()
}

/// How many of `n` items a part of `parts` holds (the last may hold fewer).
pub fn part_len(n: usize, least: usize) -> usize {
    n.div_ceil(cores()).max(least.max(1))
}

/// `here` on this thread while `f` runs on each of `parts`, each on a thread
/// of its own; `here`'s result and the parts' results in order. For one
/// output built in parts: `here` builds the first part into the output,
/// sized for all, and the others are appended to it, so the largest part is
/// never copied.
pub fn beside<P: Send, R: Send, T>(
    here: impl FnOnce() -> T,
    parts: impl IntoIterator<Item = P>,
    f: impl Fn(P) -> R + Sync,
) -> (T, Vec<R>) {
    std::thread::scope(|s| {
        let f = &f;
        let others: Vec<_> = parts.into_iter().map(|p| s.spawn(move || f(p))).collect();
        let here = here();
        let others = others
            .into_iter()
            // A panic in a worker is a bug; let it surface as one.
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect();
        (here, others)
    })
}

/// What `make` makes of each of `items`, in order, made on every core,
/// each part straight into its own places of the one vector. (Made apart
/// and appended, half a million rows of a store were copied once more, into
/// as many fresh pages again: docs/performance.md.)
///
/// `make` is given each item's place in `items`, and may take what the
/// item owns (a figure's text is moved into its row, not copied).
pub fn in_places<T: Send, R: Send>(
    items: &mut [T],
    make: impl Fn(usize, &mut T) -> R + Sync,
) -> Vec<R> {
    let n = items.len();
    let mut made = Vec::with_capacity(n);
    let mut places = &mut made.spare_capacity_mut()[..n];
    let mut jobs = Vec::new();
    let (mut start, mut items) = (0, items);
    while !items.is_empty() {
        let len = part_len(n, 10_000).min(items.len());
        let (these, rest) = std::mem::take(&mut places).split_at_mut(len);
        let (part, others) = std::mem::take(&mut items).split_at_mut(len);
        (places, items) = (rest, others);
        jobs.push((start, these, part));
        start += len;
    }
    let fill = |(start, places, part): (usize, &mut [std::mem::MaybeUninit<R>], &mut [T])| {
        for (i, (place, item)) in places.iter_mut().zip(part).enumerate() {
            place.write(make(start + i, item));
        }
    };
    let mut jobs = jobs.into_iter();
    if let Some(first) = jobs.next() {
        beside(|| fill(first), jobs, fill);
    }
    // SAFETY: the parts cover `items` exactly, in order, so the jobs above
    // wrote each of the `n` places once. A panic in a job unwinds before
    // this line, and what they made is then leaked, never read or dropped.
    unsafe { made.set_len(n) };
    made
}

/// Sorts `items` on every core: each core's part apart, then the sorted
/// parts merged by the stable sort, which finds them as runs and merges
/// them in one pass. For items that are all distinct (or equal only when
/// alike in every way), where the order is the unstable sort's.
pub fn sort<T: Ord + Send>(items: &mut [T]) {
    let part = part_len(items.len(), 50_000);
    if part >= items.len() {
        items.sort_unstable();
        return;
    }
    std::thread::scope(|s| {
        let mut chunks = items.chunks_mut(part);
        let first = chunks.next();
        for chunk in chunks {
            s.spawn(|| chunk.sort_unstable());
        }
        if let Some(first) = first {
            first.sort_unstable();
        }
    });
    items.sort();
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_items_order() {
        let items: Vec<u64> = (0..1000).collect();
        let out = super::map(&items, |x| {
            // Uneven work, so threads finish out of order.
            (0..(x % 7) * 1000).fold(*x, |a, b| a.wrapping_add(b) % 1_000_003)
        });
        let expected: Vec<u64> = items
            .iter()
            .map(|x| (0..(x % 7) * 1000).fold(*x, |a, b| a.wrapping_add(b) % 1_000_003))
            .collect();
        assert_eq!(out, expected);
        assert_eq!(super::map(&[] as &[u64], |x| *x), Vec::<u64>::new());
    }

    /// Made in places is made in order, each from its own item and place,
    /// the item's text moved out: enough items to be cut in parts.
    #[test]
    fn made_in_places_in_order() {
        let mut items: Vec<String> = (0..25_000).map(|i| format!("item {i}")).collect();
        let made = super::in_places(&mut items, |i, t| (i, std::mem::take(t)));
        assert_eq!(made.len(), 25_000);
        for (n, (i, t)) in made.iter().enumerate() {
            assert_eq!((*i, t.as_str()), (n, format!("item {n}").as_str()));
        }
        assert!(items.iter().all(String::is_empty));
        assert!(super::in_places(&mut [] as &mut [u8], |_, _| 0u8).is_empty());
    }

    proptest::proptest! {
        // (Few cases: each is up to 150,000 items, to be cut in parts.)
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        /// Sorted on every core is sorted: long enough to be cut in parts,
        /// with keys that repeat, and in an order of their own.
        #[test]
        fn sort_on_every_core_is_a_sort(
            mut items in proptest::collection::vec((0u8..20, proptest::prelude::any::<u32>()), 0..150_000)
        ) {
            let mut expected = items.clone();
            expected.sort_unstable();
            super::sort(&mut items);
            proptest::prop_assert_eq!(items, expected);
        }
    }

    #[test]
    fn beside_keeps_the_parts_order() {
        let parts: Vec<u64> = (1..=8).collect();
        let (here, others) = super::beside(|| 0, &parts, |x| x * 10);
        assert_eq!((here, others), (0, vec![10, 20, 30, 40, 50, 60, 70, 80]));
    }

    /// Uneven work, so that windows are made out of order: written in
    /// order all the same, each from the buffer its thread used again.
    #[test]
    fn windows_are_written_in_turn() {
        let written = std::sync::Mutex::new(Vec::new());
        let done: Result<(), ()> = super::in_turn(
            500,
            |w, buf: &mut Vec<usize>| {
                let spin = (w * 7919) % 13 * 2000;
                let mut x = w;
                for i in 0..spin {
                    x = std::hint::black_box(x ^ i);
                }
                std::hint::black_box(x);
                buf.clear();
                buf.push(w);
            },
            |buf| {
                written.lock().unwrap().push(buf[0]);
                Ok(())
            },
        );
        assert_eq!(done, Ok(()));
        assert_eq!(written.into_inner().unwrap(), (0..500).collect::<Vec<_>>());
        let none: Result<(), ()> = super::in_turn(0, |_, _: &mut ()| {}, |_| Err(()));
        assert_eq!(none, Ok(()));
    }

    /// A failed write stops the writing: nothing after it is written, and
    /// the failure is the result.
    #[test]
    fn a_failed_write_stops_the_windows() {
        let written = std::sync::Mutex::new(Vec::new());
        let done = super::in_turn(
            300,
            |w, buf: &mut usize| *buf = w,
            |&w| {
                if w == 120 {
                    return Err(format!("window {w}"));
                }
                written.lock().unwrap().push(w);
                Ok(())
            },
        );
        assert_eq!(done, Err("window 120".to_string()));
        assert_eq!(written.into_inner().unwrap(), (0..120).collect::<Vec<_>>());
    }

    /// A panic while a window is made surfaces as a panic, not a wait for
    /// ever for the window that will not come.
    #[test]
    #[should_panic(expected = "window 37")]
    fn a_panic_in_a_window_surfaces() {
        let _: Result<(), ()> = super::in_turn(
            200,
            |w, _: &mut ()| assert_ne!(w, 37, "window 37"),
            |_| Ok(()),
        );
    }
}
